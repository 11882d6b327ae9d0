#!/bin/sh
# family.sh KRING - tests of the foster family register from the outside
# (`kring family`, issue 13, docs/foster-families.md): usage errors exit 2
# and name what is wrong; every action docs/cli.md lists is one the command
# knows; `import` reports every problem of a document at once, the
# worker's missing account with the others, as FILE: path: message, and
# stores nothing when any file is wrong (exit 1); `list` shows the places,
# use and vacancies on the --as-of day; `show` the household with ages on
# that day and the cases placed there; `export` writes the document back,
# and a re-import of the export exports byte for byte the same; `history`
# tells every revision with what changed in words (Dutch, English, JSON);
# an unknown id exits 1 and writes no file.
#
# Run from the repository root by `make clitest`.  Needs python3 for the
# JSON checks (skipped, and said so, without).  Ends with "family: N
# passed, N failed".
K=${1:?usage: tests/cli/family.sh BUILD/kring}
case $K in /*) ;; *) K=$(pwd)/$K ;; esac
R=$(pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/kring-family.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
mkdir "$T/cwd" && cd "$T/cwd" || exit 2
unset KRING_DB KRING_LANG KRING_USER

pass=0
fail=0
skip=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
skipped() { skip=$((skip + 1)); echo "skip $*"; }
check() { d=$1; shift; if "$@"; then ok "$d"; else bad "$d"; fi; }
run() { "$K" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
show_err() { sed -n '1,6s/^/       | /p' "$T/err"; }
exits() {
	want=$1; d=$2; shift 2; run "$@"
	if [ "$rc" = "$want" ]; then ok "$d: exit $want"; else bad "$d: exit $rc, wanted $want"; show_err; fi
}
have_py() { command -v python3 >/dev/null 2>&1; }

DB=$T/k.db
"$K" --db "$DB" init >/dev/null
F=$R/examples/families

echo "# usage"
exits 2 "family without an action" --db "$DB" family
exits 2 "an unknown action" --db "$DB" family frobnicate
check "... names the actions" grep -q "import, list, show, export, history" "$T/err"
exits 2 "show without an id" --db "$DB" family show
check "... asks for the family" grep -q "noem het pleeggezin" "$T/err"
exits 2 "import without a file" --db "$DB" family import
check "... asks for the file" grep -q "noem het bestand" "$T/err"
exits 2 "list with an argument" --db "$DB" family list f1
exits 2 "show with two ids" --db "$DB" family show f1 f2
exits 2 "-o with show" --db "$DB" family show f1 -o "$T/x.json"
exits 2 "--as-of that is not a day" --db "$DB" family list --as-of 2026-13-01
exits 0 "family --help" --db "$DB" family --help
# every action docs/cli.md lists for family is one the command knows
sed -n '/^### `family`$/,/^### /p' "$R/docs/cli.md" >"$T/doc"
acts=$(sed -n 's/^kring family \([a-z]*\).*/\1/p' "$T/doc")
check "docs/cli.md lists the actions ($(echo $acts))" test -n "$acts"
for a in $acts; do
	run --db "$DB" family "$a" --help
	check "... $a is an action kring family knows" test "$rc" -eq 0
done

echo "# import: every problem at once, nothing stored"
cat >"$T/bad.json" <<'EOF'
{"format": "kring-family/1", "id": "f9", "capacity": 99,
 "household": [{"id": "h1", "role": "foster_parent", "born": "2019-02-30"}],
 "worker": {"name": "Niemand", "account": "nobody"}}
EOF
exits 1 "a family with three problems" --db "$DB" family import "$T/bad.json"
check "... the count" grep -q "^$T/bad.json: het pleeggezin heeft 3 problemen" "$T/err"
check "... what and where: capacity" grep -q "^$T/bad.json: capacity: " "$T/err"
check "... household[0].born" grep -q "^$T/bad.json: household\[0\]\.born: \"2019-02-30\"" "$T/err"
check "... and the missing account with them" \
	grep -q "^$T/bad.json: worker.account: er is geen (actief) account \"nobody\"" "$T/err"
check "... nothing stored" grep -q "er is niets opgeslagen" "$T/err"
exits 1 "in English" --db "$DB" --lang en family import "$T/bad.json"
check "... the account in English" grep -q 'worker.account: there is no (enabled) account "nobody"' \
	"$T/err"
check "... no Dutch" sh -c '! grep -q "opgeslagen\|problemen\|geen (actief)" "$1"' _ "$T/err"
exits 1 "the example families before their worker's account exists" \
	--db "$DB" family import "$F"/f1.json "$F"/f2.json
check "... each says its account" test "$(grep -c 'worker.account: ' "$T/err")" -eq 2
exits 1 "not a JSON document" --db "$DB" family import "$R/Makefile"
exits 1 "a file that does not exist" --db "$DB" family import "$T/nothere.json"
printf 'Zonnebloem-akker-42\n' | "$K" --db "$DB" --author test user add demo --role worker \
	>/dev/null 2>&1
exits 1 "a good and a bad file together" --db "$DB" family import "$F"/f1.json "$T/bad.json"
check "... says which one" grep -q "^$T/bad.json: " "$T/err"
exits 0 "list" --db "$DB" family list
check "... nothing was stored" grep -q "nog geen pleeggezinnen" "$T/out"
exits 0 "the three example families in one run" --db "$DB" family import "$F"/f1.json \
	"$F"/f2.json "$F"/f3.json
check "... each stored as revision 1" test "$(grep -c 'opgeslagen als versie 1' "$T/out")" -eq 3
"$K" --db "$DB" --author test import "$R"/examples/*.json >/dev/null 2>&1 || bad "import examples"

echo "# list: places, use and vacancies on a day"
exits 0 "list --as-of 2026-12-01" --db "$DB" family list --as-of 2026-12-01
check "... three families" test "$(grep -c '^f[123] ' "$T/out")" -eq 3
check "... f1: 2 places, 1 in use, 1 free" grep -q '^f1 .* 2 *1 *1$' "$T/out"
exits 0 "list --as-of 2026-01-01, before Sophie came" --db "$DB" family list --as-of 2026-01-01
check "... f1: nobody in use" grep -q '^f1 .* 2 *0 *2$' "$T/out"
if have_py; then
	exits 0 "list --format json" --db "$DB" family list --as-of 2026-12-01 --format json
	check "... the use counts as JSON" python3 -c '
import json, sys
v = {f["id"]: f for f in json.load(open(sys.argv[1]))}
assert set(v) == {"f1", "f2", "f3"}, v.keys()
assert v["f1"]["capacity"] == 2 and v["f1"]["in_use"] == 1 and v["f1"]["vacancies"] == 1
assert v["f2"]["in_use"] == 1 and v["f2"]["vacancies"] == 0
assert all(f["revision"] == 1 for f in v.values())' "$T/out"
else
	skipped "list --format json: python3 is needed"
fi

echo "# show: ages on the day, the cases placed there"
exits 0 "show f1 --as-of 2026-12-01" --db "$DB" family show f1 --as-of 2026-12-01
check "... Marieke is 47" grep -q "Marieke Bakker.*(47 jaar)" "$T/out"
check "... Lotte is 14" grep -q "Lotte Bakker.*(14 jaar)" "$T/out"
check "... 2 places, 1 in use" grep -q "2, bezet 1" "$T/out"
check "... Sophie's case" grep -q "PZ-2026-0108" "$T/out"
exits 0 "show f1 --as-of 2020-01-01" --db "$DB" family show f1 --as-of 2020-01-01
check "... Marieke was 40" grep -q "Marieke Bakker.*(40 jaar)" "$T/out"
check "... Lotte was 7" grep -q "Lotte Bakker.*(7 jaar)" "$T/out"
check "... and nobody was placed" grep -q "2, bezet 0" "$T/out"
exits 0 "show f1 in English" --db "$DB" --lang en family show f1 --as-of 2026-12-01
check "... in English" grep -q "Foster family f1" "$T/out"
if have_py; then
	exits 0 "show --format json" --db "$DB" family show f1 --as-of 2026-12-01 --format json
	check "... the API's view" python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert v["id"] == "f1" and v["revision"] == 1 and v["in_use"] == 1, v' "$T/out"
fi

echo "# export: the document back, a round trip byte for byte"
exits 0 "export f1 -o FILE" --db "$DB" family export f1 -o "$T/f1.a.json"
exits 0 "export f1 to standard output" --db "$DB" family export f1
check "... the same bytes" cmp -s "$T/out" "$T/f1.a.json"
exits 0 "import the export" --db "$DB" family import "$T/f1.a.json"
check "... revision 2" grep -q "opgeslagen als versie 2" "$T/out"
exits 0 "export again" --db "$DB" family export f1 -o "$T/f1.b.json"
check "... byte-equal to the first export" cmp -s "$T/f1.a.json" "$T/f1.b.json"
if have_py; then
	check "... and equal to the example as JSON" python3 -c '
import json, sys
assert json.load(open(sys.argv[1])) == json.load(open(sys.argv[2]))' "$F/f1.json" "$T/f1.a.json"
fi

echo "# history: every revision with what changed, in words"
sed 's/"capacity": 2/"capacity": 3/; s/"status": "available"/"status": "full"/;
	s/Lotte Bakker/Lotte Bakker-Vos/' "$F/f1.json" >"$T/f1.c.json"
exits 0 "import a changed f1" --db "$DB" family import "$T/f1.c.json"
check "... revision 3" grep -q "opgeslagen als versie 3" "$T/out"
exits 0 "history f1" --db "$DB" family history f1
check "... three revisions" test "$(grep -c '^versie [123] ' "$T/out")" -eq 3
check "... the first: the family added" grep -q "^  pleeggezin toegevoegd: Familie Bakker" "$T/out"
check "... the second (the export imported again): nothing changed" \
	sh -c 'sed -n "/^versie 2 /{n;p;}" "$1" | grep -q "(niets veranderd)"' _ "$T/out"
check "... the third in words: places and availability" \
	grep -q "^  pleeggezin: plaatsen 2 → 3, beschikbaar beschikbaar → vol" "$T/out"
check "... and the member by name" \
	grep -q "^  huishouden h3 (Lotte Bakker-Vos): naam ‘Lotte Bakker’ → ‘Lotte Bakker-Vos’" \
	"$T/out"
exits 0 "history f1 in English" --db "$DB" --lang en family history f1
check "... in English" grep -q "^  foster family: places 2 → 3, availability available → full" \
	"$T/out"
if have_py; then
	exits 0 "history f1 --format json" --db "$DB" family history f1 --format json
	check "... the revisions as the case history's JSON" python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert [r["revision"] for r in v] == [1, 2, 3], v
assert v[1]["changes"] == []
c = [x for x in v[2]["changes"] if x["collection"] == "family"][0]
assert {f["field"] for f in c["fields"]} == {"capacity", "availability.status"}, c' "$T/out"
fi

echo "# unknown ids"
exits 1 "show f9" --db "$DB" family show f9
check "... says it is not in the register" grep -q "f9" "$T/err"
exits 1 "export f9 -o FILE" --db "$DB" family export f9 -o "$T/f9.json"
check "... writes no file" test ! -e "$T/f9.json"
exits 1 "history f9" --db "$DB" family history f9
check "... says it is not in the register" grep -q "f9 staat niet in het register" "$T/err"
exits 2 "history with two ids" --db "$DB" family history f1 f2
exits 1 "show on a database that does not exist" --db "$T/none.db" family show f1

[ "$skip" -eq 0 ] || echo "($skip check(s) skipped, see above)"
echo "family: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
