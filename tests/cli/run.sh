#!/bin/sh
# run.sh KRING - tests of the `kring` command as a person or a script uses it:
# exit codes (0 success, 1 invalid data or a failed operation, 2 wrong
# usage), every kind of bad case document (tests/data/invalid/*.json, whose
# expected "path: message" lines are in the .expect beside each) refused with
# its messages and the database left byte-for-byte unchanged, all-or-nothing
# imports of several files, the export/import round trip with unknown keys
# and revisions, signals as JSON and in English, settings, and choosing the
# database with --db or KRING_DB.  The .expect files are in English (run
# with --lang en); the messages of a run are in one language, Dutch by
# default: an invalid import with --lang nl prints no English and with
# --lang en no Dutch.
#
# Run from the repository root (make clitest does).  Works in a temporary
# folder that it removes.  Prints one line per check and ends with the line
# "cli: N passed, N failed"; exits 1 when any check failed.  JSON is
# compared with python3, or jq when python3 is missing (checks that need
# one of them are skipped, and said so, when neither is installed).

K=${1:?usage: tests/cli/run.sh BUILD/kring}
case $K in /*) ;; *) K=$(pwd)/$K ;; esac
R=$(pwd)
if [ ! -x "$K" ] || [ ! -d "$R/tests/data/invalid" ]; then
	echo "run.sh: run from the repository root with the path of the kring binary" >&2
	exit 2
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/kring-cli.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
# Everything runs in an empty folder, so a stray ./kring.db never lands in
# the repository, and with none of kring's variables from the caller.
mkdir "$T/cwd" && cd "$T/cwd" || exit 2
unset KRING_DB KRING_LANG KRING_USER

pass=0
fail=0
skip=0

ok() {
	pass=$((pass + 1))
	echo "ok   $*"
}

bad() {
	fail=$((fail + 1))
	echo "FAIL $*"
}

skipped() {
	skip=$((skip + 1))
	echo "skip $*"
}

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
	d=$1
	shift
	if "$@"; then ok "$d"; else bad "$d"; fi
}

# lacks PATTERN FILE: FILE has no line matching PATTERN.
lacks() {
	! grep -q -- "$1" "$2"
}

# has_all FILE PATTERN...: FILE has a line matching each PATTERN.
has_all() {
	f=$1
	shift
	for p in "$@"; do
		grep -q -- "$p" "$f" || return 1
	done
}

# run ARGS...: runs kring; stdout in $T/out, stderr in $T/err, status in $rc.
run() {
	"$K" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

show_err() {
	sed -n '1,6s/^/       | /p' "$T/err"
}

# exits WANT DESCRIPTION ARGS...: runs kring and checks its exit status.
exits() {
	want=$1
	d=$2
	shift 2
	run "$@"
	if [ "$rc" -eq "$want" ]; then
		ok "$d: exit $want"
	else
		bad "$d: exit $rc, wanted $want"
		show_err
	fi
}

hash_of() {
	if [ ! -f "$1" ]; then
		echo none
	elif command -v sha256sum >/dev/null 2>&1; then
		sha256sum <"$1" | cut -d' ' -f1
	else
		cksum <"$1"
	fi
}

# state DB: the database file's hash, plus the size of any WAL file left
# behind (kring checkpoints it away on close, so there should be none).
state() {
	w=0
	[ -f "$1-wal" ] && w=$(wc -c <"$1-wal" | tr -d ' ')
	echo "$(hash_of "$1") wal=$w"
}

# CLI_JSON_TOOL=python3|jq|none forces one (to test this script itself).
if [ -n "${CLI_JSON_TOOL:-}" ]; then
	JSON=$CLI_JSON_TOOL
	[ "$JSON" = none ] && JSON=
elif command -v python3 >/dev/null 2>&1; then
	JSON=python3
elif command -v jq >/dev/null 2>&1; then
	JSON=jq
else
	JSON=
fi

# json_equal A B: the two files hold equal JSON values (key order ignored).
json_equal() {
	case $JSON in
	python3)
		python3 -c 'import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
b = json.load(open(sys.argv[2], encoding="utf-8"))
sys.exit(0 if a == b else 1)' "$1" "$2" ;;
	jq)
		[ "$(jq -n --slurpfile a "$1" --slurpfile b "$2" '$a == $b')" = true ] ;;
	*)
		return 2 ;;
	esac
}

# jq_true FILTER FILE: the jq filter gives true for FILE.
jq_true() {
	jq -e "$1" "$2" >/dev/null
}

# ref_of FILE: the case.ref of a case document.
ref_of() {
	case $JSON in
	python3)
		python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["case"]["ref"])' "$1" ;;
	jq)
		jq -r .case.ref "$1" ;;
	*)
		sed -n 's/.*"ref": *"\([^"]*\)".*/\1/p' "$1" | head -n 1 ;;
	esac
}

# revisions DB REF: "rev author" per line from `kring history REF`.
revisions() {
	"$K" --db "$1" history "$2" | awk 'NR > 1 { print $1, $3 }'
}

INV=$R/tests/data/invalid
VAL=$R/tests/data/valid
FULL=$VAL/full.json
FULL_REF=PZ-2025-0042

# ---------------------------------------------------------------- usage
echo "# exit codes and usage"
DB=$T/usage.db
exits 0 "init" --db "$DB" init
exits 0 "import a valid case" --db "$DB" import "$FULL"
exits 0 "--help" --help
check "--help prints the commands" grep -q "signals" "$T/out"
exits 2 "no command at all"
exits 2 "unknown command" --db "$DB" frobnicate
exits 2 "unknown global option" --db "$DB" --frob list
exits 2 "--db without its file" --db
exits 2 "--lang with an unknown language" --db "$DB" --lang fr list
for c in init import export list show signals settings history; do
	exits 0 "$c --help" --db "$T/nothing.db" "$c" --help
	check "$c --help says how to use it" grep -q "kring $c" "$T/out"
	exits 2 "$c with an unknown option" --db "$DB" "$c" --no-such-option
	exits 2 "$c with --db but no file" "$c" --db
done
check "--help and usage errors create no database" test ! -e "$T/nothing.db"
run --lang en --db "$T/nothing.db" export --help
check "export --help in English" grep -q "^Usage: kring export" "$T/out"
exits 2 "init with an argument" --db "$DB" init extra
exits 2 "import without a file" --db "$DB" import
exits 2 "export without a case" --db "$DB" export
exits 2 "export of two cases" --db "$DB" export "$FULL_REF" other
exits 2 "export --revision 0" --db "$DB" export "$FULL_REF" --revision 0
exits 2 "export --revision x" --db "$DB" export "$FULL_REF" --revision x
exits 2 "export --revision without a number" --db "$DB" export "$FULL_REF" --revision
exits 2 "list with an argument" --db "$DB" list extra
exits 2 "list --format xml" --db "$DB" list --format xml
exits 2 "show without a case" --db "$DB" show
exits 2 "show with a bad --as-of date" --db "$DB" show "$FULL_REF" --as-of 2026-02-30
exits 2 "show with a partial --as-of date" --db "$DB" show "$FULL_REF" --as-of 2026-12
exits 2 "signals without a case" --db "$DB" signals
exits 2 "signals with a bad --as-of date" --db "$DB" signals "$FULL_REF" --as-of 2026-13-01
exits 2 "signals with a text --as-of" --db "$DB" signals "$FULL_REF" --as-of tomorrow
exits 2 "signals --format xml" --db "$DB" signals "$FULL_REF" --format xml
exits 2 "signals with a case and --all" --db "$DB" signals "$FULL_REF" --all
exits 2 "settings with a key but no value" --db "$DB" settings plan.review_months
exits 2 "settings with three arguments" --db "$DB" settings plan.review_months 3 4
exits 2 "history without a case" --db "$DB" history
exits 2 "history of two cases" --db "$DB" history "$FULL_REF" other
before=$(state "$DB")
exits 0 "list" --db "$DB" list
check "list shows the case" grep -q "^$FULL_REF " "$T/out"
exits 0 "list --format json" --db "$DB" list --format json
exits 0 "show" --db "$DB" show "$FULL_REF" --as-of 2026-12-01
exits 0 "signals" --db "$DB" signals "$FULL_REF" --as-of 2026-12-01
exits 0 "signals --all" --db "$DB" signals --all --as-of 2026-12-01
exits 0 "history" --db "$DB" history "$FULL_REF"
exits 0 "export" --db "$DB" export "$FULL_REF"
exits 1 "export of a case that does not exist" --db "$DB" export PZ-NOPE
exits 1 "export of a revision that does not exist" --db "$DB" export "$FULL_REF" --revision 9
exits 1 "show of a case that does not exist" --db "$DB" show PZ-NOPE
exits 1 "signals of a case that does not exist" --db "$DB" signals PZ-NOPE
exits 1 "history of a case that does not exist" --db "$DB" history PZ-NOPE
exits 1 "import of a file that does not exist" --db "$DB" import "$T/no-such-file.json"
exits 1 "import of a folder" --db "$DB" import "$T"
check "reading commands and failures leave the database unchanged" \
	test "$(state "$DB")" = "$before"
cp "$FULL" "$T/not-a-db.json"
exits 1 "a file that is not a database" --db "$T/not-a-db.json" list
check "... and that file is left alone" cmp -s "$FULL" "$T/not-a-db.json"

# english FILE / dutch FILE: FILE (stderr of an import) has a line with
# words of the other language, after the file names that open the lines.
ENGLISH='expected|found|unknown (value|person|role|kind|placement|goal)|is required|problems?( |$)|rejected|was stored|must |line [0-9]|not valid|duplicate|before it|between|would |listed twice|cannot|more problems'
DUTCH='hier hoort|onbekend|verplicht|regel [0-9]|probleem|problemen|afgekeurd|opgeslagen|geen geldige|moet |twee keer|voordat|vóór|geboren|zichzelf|biologische|kan niet|en nog'
english() {
	sed 's/^[^ ]*\.json: //' "$1" | grep -qE -- "$ENGLISH"
}
dutch() {
	sed 's/^[^ ]*\.json: //' "$1" | grep -qE -- "$DUTCH"
}

# ------------------------------------------------------- invalid documents
echo "# invalid documents: the messages, and nothing stored"
DB=$T/invalid.db
exits 0 "init" --db "$DB" init
exits 0 "import a valid case first" --db "$DB" --author tester import "$FULL"
"$K" --db "$DB" list >"$T/list.before"
before=$(state "$DB")
n=0
for f in "$INV"/*.json; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=${f##*/}
	exp=${f%.json}.expect
	run --lang en --db "$DB" import "$f"
	if [ "$rc" -eq 1 ]; then ok "$name: exit 1"; else bad "$name: exit $rc, wanted 1"; fi
	missing=0
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		if ! grep -qxF -- "$f: $line" "$T/err"; then
			missing=$((missing + 1))
			echo "       missing on stderr: $f: $line"
		fi
	done <"$exp"
	if [ "$missing" -eq 0 ]; then
		ok "$name: every \"path: message\" on stderr, prefixed by the file name"
	else
		bad "$name: $missing message(s) missing"
		show_err
	fi
	if dutch "$T/err"; then
		bad "$name: Dutch in an English run"
		show_err
	else
		ok "$name: --lang en prints English only"
	fi
	nen=$(wc -l <"$T/err")
	run --db "$DB" import "$f"
	if [ "$rc" -eq 1 ] && [ "$(wc -l <"$T/err")" -eq "$nen" ] && ! english "$T/err" &&
		dutch "$T/err"; then
		ok "$name: in Dutch by default, as many lines, no English"
	else
		bad "$name: the Dutch run (exit $rc) has English or other lines"
		show_err
	fi
	after=$(state "$DB")
	if [ "$after" = "$before" ]; then
		ok "$name: database byte-for-byte unchanged"
	else
		bad "$name: database changed ($before -> $after)"
	fi
done
check "there are invalid documents to test ($n)" test "$n" -ge 30

# The same checks for bad documents made here: a bad new revision of a case
# that exists, one over 16 MiB (from a file and from standard input), and
# invalid text that is not UTF-8.
sed 's/"b": "p6"/"b": "p99"/' "$FULL" >"$T/bad-revision.json"
run --db "$DB" import "$T/bad-revision.json"
check "a bad new revision of a stored case: exit 1" test "$rc" -eq 1
check "... names the problem" \
	grep -qxF "$T/bad-revision.json: ties[0].b: onbekende persoon \"p99\"" "$T/err"
check "... database unchanged" test "$(state "$DB")" = "$before"

{
	printf '{"format":"kring-case/1","case":{"ref":"T-BIG","child":"c"},"persons":[{"id":"c"}]}'
	dd if=/dev/zero bs=1048576 count=16 2>/dev/null | tr '\0' ' '
} >"$T/big.json"
run --db "$DB" import "$T/big.json"
check "a document over 16 MiB: exit 1" test "$rc" -eq 1
check "... says the limit" grep -q "^$T/big.json: .*16 MiB" "$T/err"
check "... database unchanged" test "$(state "$DB")" = "$before"
"$K" --db "$DB" import - <"$T/big.json" >"$T/out" 2>"$T/err"
rc=$?
check "the same from standard input: exit 1" test "$rc" -eq 1
check "... says the limit" grep -q "16 MiB" "$T/err"
check "... database unchanged" test "$(state "$DB")" = "$before"

{
	printf '{"format":"kring-case/1","case":{"ref":"T-LATIN1","child":"c"},'
	printf '"persons":[{"id":"c","name":"Ren\351"}]}\n'
} >"$T/latin1.json"
run --db "$DB" import "$T/latin1.json"
check "text that is not UTF-8: exit 1" test "$rc" -eq 1
check "... with line and column" grep -q "^$T/latin1.json: regel 1, kolom [0-9]*: " "$T/err"
run --lang en --db "$DB" import "$T/latin1.json"
check "... in English with --lang en" \
	grep -q "^$T/latin1.json: line 1, column [0-9]*: unable to decode byte" "$T/err"
check "... database unchanged" test "$(state "$DB")" = "$before"
"$K" --db "$DB" list >"$T/list.after"
check "after all refusals, list shows what it showed before" cmp -s "$T/list.before" "$T/list.after"
# The control: a valid import does change the file, so the checks above
# can see a change.
exits 0 "a valid import after them" --db "$DB" import "$VAL/review.json"
check "... does change the database file" test "$(state "$DB")" != "$before"
# Exactly 16 MiB is still allowed.
{
	printf '{"format":"kring-case/1","case":{"ref":"T-16MIB","child":"c"},"persons":[{"id":"c"}]}'
	dd if=/dev/zero bs=1048576 count=16 2>/dev/null | tr '\0' ' '
} | head -c 16777216 >"$T/16mib.json"
check "a document of exactly 16 MiB is 16777216 bytes" test "$(wc -c <"$T/16mib.json")" -eq 16777216
exits 0 "a document of exactly 16 MiB is accepted" --db "$DB" import "$T/16mib.json"
rm -f "$T/16mib.json" "$T/big.json"

# ------------------------------------------------------ all or nothing
echo "# an import of several files where one is bad stores nothing"
DB=$T/multi.db
exits 0 "init" --db "$DB" init
exits 0 "import a first case" --db "$DB" import "$VAL/minimal.json"
"$K" --db "$DB" list >"$T/list.before"
before=$(state "$DB")
run --db "$DB" import "$FULL" "$INV/unknown-person.json" "$VAL/review.json"
check "good, bad, good: exit 1" test "$rc" -eq 1
check "... names the bad file's problem" \
	grep -qxF "$INV/unknown-person.json: ties[3].b: onbekende persoon \"p99\"" "$T/err"
check "... says nothing was stored" grep -q "niets opgeslagen" "$T/err"
check "... does not claim a file was stored" lacks "opgeslagen als" "$T/out"
"$K" --db "$DB" list >"$T/list.after"
check "... list is unchanged" cmp -s "$T/list.before" "$T/list.after"
check "... database byte-for-byte unchanged" test "$(state "$DB")" = "$before"
run --db "$DB" import "$FULL" "$VAL/review.json" "$INV/syntax-error.json"
check "bad file last: exit 1, database unchanged" \
	test "$rc" -eq 1 -a "$(state "$DB")" = "$before"
exits 0 "good and good" --db "$DB" import "$FULL" "$VAL/review.json"

# One run, one language: every kind of refusal of an import at once.
printf '{"format": "kring-case/1", "case": {"ref": "T-X", "child": "c"},\n "persons": [}\n' \
	>"$T/cut.json"
set -- "$INV/syntax-error.json" "$INV/wrong-types.json" "$INV/many-problems.json" \
	"$INV/not-an-object.json" "$INV/duplicate-key.json" "$INV/own-ancestor.json" \
	"$INV/born-before-parent.json" "$T/latin1.json" "$T/cut.json" "$T/no-such-file.json" "$T"
run --db "$DB" --lang nl import "$@"
check "an import of bad files with --lang nl: exit 1" test "$rc" -eq 1
check "... a line for each file, and the summary" test "$(grep -c "^kring import: " "$T/err")" -eq 1
check "... the messages are in Dutch" \
	has_all "$T/err" "^$INV/syntax-error.json: het document is geen geldige JSON" \
	"^$INV/syntax-error.json: regel 6, kolom 5: hier hoort een komma of ']' te staan" \
	"^$T/cut.json: regel 2, kolom 14: " "^$T/no-such-file.json: kan niet worden geopend: " \
	"^$T: is een map, geen bestand" "niets opgeslagen"
if english "$T/err"; then
	bad "... no English with --lang nl"
	show_err
else
	ok "... no English with --lang nl"
fi
run --db "$DB" --lang en import "$@"
check "the same with --lang en: exit 1" test "$rc" -eq 1
check "... the messages are in English" \
	has_all "$T/err" "^$INV/syntax-error.json: the document is not valid JSON" \
	"^$INV/syntax-error.json: line 6, column 5: ']' expected near '{'" \
	"^$T/no-such-file.json: cannot open: " "^$T: is a folder, not a file" \
	"nothing was stored"
if dutch "$T/err"; then
	bad "... no Dutch with --lang en"
	show_err
else
	ok "... no Dutch with --lang en"
fi
"$K" --db "$DB" list >"$T/list.after"
check "... both are listed" \
	has_all "$T/list.after" "^PZ-2025-0042 " "^T-REVIEW "

# ------------------------------------------------------------ round trip
echo "# round trip: import, export, compare; revisions and authors"
if [ -z "$JSON" ]; then
	skipped "round trip: neither python3 nor jq is installed to compare JSON"
else
	set --
	nex=0
	for f in "$R"/examples/*.json; do
		[ -f "$f" ] && set -- "$@" "$f" && nex=$((nex + 1))
	done
	[ "$nex" -eq 0 ] && skipped "examples/ holds no case documents yet: only tests/data/valid is used"
	for f in "$VAL"/*.json; do
		set -- "$@" "$f"
	done
	i=0
	for f in "$@"; do
		i=$((i + 1))
		DB=$T/rt$i.db
		name=${f#"$R"/}
		ref=$(ref_of "$f")
		exits 0 "$name: import as alice" --db "$DB" --author alice import "$f"
		exits 0 "$name: export" --db "$DB" export "$ref" -o "$T/rt$i.json"
		check "$name: the export equals the file" json_equal "$f" "$T/rt$i.json"
		exits 0 "$name: import the export as bob" --db "$DB" import --author bob "$T/rt$i.json"
		check "$name: import says revision 2" grep -q "versie 2" "$T/out"
		revisions "$DB" "$ref" >"$T/revs"
		printf '1 alice\n2 bob\n' >"$T/revs.want"
		if cmp -s "$T/revs" "$T/revs.want"; then
			ok "$name: history shows 2 revisions, by alice and bob"
		else
			bad "$name: history shows: $(tr '\n' ';' <"$T/revs")"
		fi
		exits 0 "$name: export revision 2" --db "$DB" export "$ref" --revision 2 -o "$T/rt$i-2.json"
		check "$name: revision 2 still equals the file" json_equal "$f" "$T/rt$i-2.json"
	done
	run --db "$T/rt_full.db" import "$FULL"
	run --db "$T/rt_full.db" export "$FULL_REF"
	check "unknown keys survive (x_source, x_team, x_shoe_size, x_plan_owner)" \
		has_all "$T/out" '"x_source"' '"x_team"' '"x_shoe_size": 36' '"x_plan_owner"'
	check "the export is pretty JSON ending in a newline" \
		test "$(tail -c 1 "$T/out" | od -An -tx1 | tr -d ' ')" = 0a
fi

# ------------------------------------------------------ export --revision
echo "# export --revision N gives that version"
DB=$T/rev.db
sed 's/"name": "Sam"/"name": "Samuel"/' "$FULL" >"$T/v2.json"
exits 0 "import version 1" --db "$DB" --author alice import "$FULL"
exits 0 "import version 2 (Sam renamed Samuel)" --db "$DB" --author bob import "$T/v2.json"
exits 0 "export --revision 1" --db "$DB" export "$FULL_REF" --revision 1 -o "$T/r1.json"
exits 0 "export (latest)" --db "$DB" export "$FULL_REF" -o "$T/r2.json"
if [ -n "$JSON" ]; then
	check "revision 1 is the first version" json_equal "$FULL" "$T/r1.json"
	check "the latest is the second version" json_equal "$T/v2.json" "$T/r2.json"
	check "the two differ" test "$(hash_of "$T/r1.json")" != "$(hash_of "$T/r2.json")"
else
	skipped "comparing revisions: no python3 or jq"
fi
check "export -o left no temporary files" test "$(find "$T" -name 'r[12].json.*' | wc -l)" -eq 0
run --db "$DB" export "$FULL_REF" --revision 1
check "export --revision 1 to stdout is the same as -o" cmp -s "$T/out" "$T/r1.json"

# ---------------------------------------------------------------- signals
echo "# signals and settings"
DB=$T/signals.db
exits 0 "import two cases" --db "$DB" import "$FULL" "$VAL/review.json"
exits 0 "signals --format json" --db "$DB" signals "$FULL_REF" --as-of 2026-12-01 --format json
cp "$T/out" "$T/sig1.json"
case $JSON in
python3)
	check "signals JSON: an array of {id, level, subjects, message, advice, source}, worst first" \
		python3 -c 'import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(a, list) and a, "not a non-empty array"
rank = {"alert": 0, "warning": 1, "info": 2}
for s in a:
    assert isinstance(s["id"], str) and s["id"], s
    assert s["level"] in rank, s
    assert isinstance(s["subjects"], list) and all(isinstance(x, str) for x in s["subjects"]), s
    for k in ("message", "advice"):
        assert isinstance(s[k]["nl"], str) and s[k]["nl"], s
        assert isinstance(s[k]["en"], str) and s[k]["en"], s
    assert isinstance(s["source"], str), s
levels = [rank[s["level"]] for s in a]
assert levels == sorted(levels), "not most severe first"
' "$T/sig1.json" ;;
jq)
	check "signals JSON is an array of {id, level, subjects, message.nl/en, advice.nl/en, source}" \
		jq_true 'type == "array" and length > 0 and all(.[]; (.id | type) == "string" and
			(.level | IN("info", "warning", "alert")) and (.subjects | type) == "array" and
			(.message.nl | type) == "string" and (.message.en | type) == "string" and
			(.advice.nl | type) == "string" and (.advice.en | type) == "string" and
			(.source | type) == "string")' "$T/sig1.json" ;;
*)
	skipped "signals JSON shape: no python3 or jq" ;;
esac
run --db "$DB" signals "$FULL_REF" --as-of 2026-12-01 --format json
check "signals are the same bytes a second time" cmp -s "$T/out" "$T/sig1.json"
run --db "$DB" signals "$FULL_REF" --as-of 2026-12-01
check "signals in Dutch by default" grep -q "^Signalen voor $FULL_REF op 1 december 2026" "$T/out"
run --db "$DB" signals "$FULL_REF" --as-of 2026-12-01 --lang en
check "signals --lang en prints English" grep -q "^Signals for $FULL_REF on 1 December 2026" "$T/out"
check "... and no Dutch heading" lacks "Signalen voor" "$T/out"
run --lang en --db "$DB" signals "$FULL_REF" --as-of 2026-12-01
check "--lang en before the command works too" grep -q "^Signals for" "$T/out"
KRING_LANG=en "$K" --db "$DB" signals "$FULL_REF" --as-of 2026-12-01 >"$T/out" 2>&1
check "KRING_LANG=en works too" grep -q "^Signals for" "$T/out"

# ---------------------------------------------------------------- settings
exits 0 "settings" --db "$DB" settings
check "settings lists plan.review_months with its default 6" \
	grep -q "^plan.review_months  *6 " "$T/out"
nkeys=$(grep -c '^[a-z_]*\.[a-z_]*  *[0-9]' "$T/out")
check "settings lists every key ($nkeys)" test "$nkeys" -ge 20
run --db "$DB" signals T-REVIEW --as-of 2026-12-01 --format json
check "plan reviewed 5 months ago: no plan-review-overdue with the default" \
	lacks "plan-review-overdue" "$T/out"
exits 0 "settings plan.review_months 3" --db "$DB" settings plan.review_months 3
run --db "$DB" settings
check "settings shows the new value" grep -q "^plan.review_months  *3 " "$T/out"
run --db "$DB" signals T-REVIEW --as-of 2026-12-01 --format json
check "now plan-review-overdue fires" grep -q '"plan-review-overdue"' "$T/out"
run --db "$DB" signals T-REVIEW --as-of 2026-12-01 --lang en
check "... and the text says 3 months" grep -q "3 months" "$T/out"
before=$(state "$DB")
exits 1 "settings plan.review_months 0 is refused" --db "$DB" settings plan.review_months 0
check "... saying the range" grep -q "1.*60" "$T/err"
exits 1 "settings plan.review_months 61 is refused" --db "$DB" settings plan.review_months 61
exits 1 "settings plan.review_months x is refused" --db "$DB" settings plan.review_months x
exits 1 "settings plan.review_months 4.5 is refused" --db "$DB" settings plan.review_months 4.5
exits 1 "settings nope 3 is refused" --db "$DB" settings nope 3
check "refused settings change nothing" test "$(state "$DB")" = "$before"
run --db "$DB" settings
check "... plan.review_months is still 3" grep -q "^plan.review_months  *3 " "$T/out"

# ------------------------------------------------------- --db and KRING_DB
echo "# choosing the database"
KRING_DB=$T/env.db "$K" init >/dev/null 2>&1
check "KRING_DB=FILE init creates FILE" test -f "$T/env.db"
KRING_DB=$T/env.db "$K" import "$VAL/minimal.json" >/dev/null 2>&1
KRING_DB=$T/env.db "$K" list >"$T/out" 2>&1
check "KRING_DB selects the database for list" grep -q "^T-MINIMAL " "$T/out"
"$K" --db "$T/env.db" list >"$T/out" 2>&1
check "--db selects the same database" grep -q "^T-MINIMAL " "$T/out"
"$K" list --db "$T/env.db" >"$T/out" 2>&1
check "--db after the command works too" grep -q "^T-MINIMAL " "$T/out"
KRING_DB=$T/env.db "$K" --db "$T/other.db" list >"$T/out" 2>&1
check "--db wins over KRING_DB" lacks "^T-MINIMAL " "$T/out"
check "... and used the --db file" test -f "$T/other.db"
check "nothing was written to the current folder yet" test ! -e kring.db
"$K" init >/dev/null 2>&1
check "without either, the database is ./kring.db" test -f kring.db

. "$R/tests/cli/casework.sh"
cd "$R" || exit 2
[ "$skip" -eq 0 ] || echo "($skip check(s) skipped, see above)"
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
