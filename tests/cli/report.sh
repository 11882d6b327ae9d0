#!/bin/sh
# report.sh KRING - tests of `kring report`, `kring reindex` and the
# facts-based `kring signals --all` from the outside (issue 12): usage
# errors exit 2 (also a municipality code not of the form GM0000), an
# unknown municipality, region or team exits 1; the startfoto's JSON has the shape docs/report.md fixes
# (report, as_of, disclosure, tables with children_by_form, rows of
# dimensions, value and suppressed, "total" rows) and every count in it is
# a multiple of 5; CSV, XLSX (a sheet per table, charts) and PDF are made;
# --lang en; a team's monitor shows the caseload with names, the
# organisation's none; no name, ref or birth date of any person of the
# imported documents appears in any form of the startfoto (XLSX unzipped,
# PDF text decoded by pdftext.py); reindex rebuilds and signals --all says
# the same before and after, and the same as the documents do.
#
# Run from the repository root by `make clitest` after tests/cli/run.sh.
# Needs python3 (checks that need it are skipped, and said so, without).
# Ends with "report: N passed, N failed".
K=${1:?usage: tests/cli/report.sh BUILD/kring}
case $K in /*) ;; *) K=$(pwd)/$K ;; esac
R=$(pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/kring-report.XXXXXX") || exit 2
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
exits() { want=$1; d=$2; shift 2; run "$@"; if [ "$rc" = "$want" ]; then ok "$d"; else bad "$d (exit $rc)"; fi; }
have_py() { command -v python3 >/dev/null 2>&1; }

DB=$T/k.db
"$K" --db "$DB" init >/dev/null
# the register first: example placements name its families (tools/demo.sh)
printf 'Zonnebloem-akker-42\n' | "$K" --db "$DB" --author test user add demo --role worker \
	>/dev/null 2>&1
for f in "$R"/examples/families/*.json; do
	"$K" --db "$DB" --author test family import "$f" >/dev/null
done
"$K" --db "$DB" --author test import "$R"/examples/*.json >/dev/null
"$K" generate --cases 300 --seed 12 -o "$T/gen" >/dev/null
"$K" --db "$DB" --author test import "$T"/gen/*.json >/dev/null
AS="--as-of 2026-12-01"

echo "# usage"
exits 2 "report without a kind is a usage error" --db "$DB" report
exits 2 "report with an unknown kind" --db "$DB" report teamfoto
exits 2 "xlsx needs -o" --db "$DB" report startfoto --format xlsx
exits 2 "an unknown format" --db "$DB" report startfoto --format doc
exits 2 "--municipality and --region together" --db "$DB" report startfoto \
	--municipality GM0200 --region Groningen
exits 2 "a team's startfoto" --db "$DB" report startfoto --team noord
exits 2 "--to before --from" --db "$DB" report startfoto --from 2026-06-01 --to 2026-01-01
exits 2 "--municipality not of the form GM and four digits" --db "$DB" report startfoto \
	--municipality XX
check "... names the parameter and the form" sh -c "grep -q '(municipality) \"XX\"' '$T/err' && grep -q 'GM en vier cijfers' '$T/err'"
exits 2 "... also for the monitor" --db "$DB" report monitor --municipality gm0200
exits 1 "a well-formed municipality no case names" --db "$DB" report startfoto \
	--municipality GM9999
check "... says it is unknown" grep -q "GM9999 is onbekend" "$T/err"
exits 1 "an unknown region" --db "$DB" report startfoto --region Nergensland
check "... says it is unknown" grep -q "Nergensland" "$T/err"
exits 1 "an unknown team" --db "$DB" report monitor --team nosuch
check "... says it does not exist" grep -q '(team) "nosuch" bestaat niet' "$T/err"
exits 0 "report --help" --db "$DB" report --help
check "... explains the kinds" grep -q "startfoto" "$T/out"

echo "# the startfoto as JSON"
exits 0 "report startfoto --format json" --db "$DB" report startfoto $AS --format json
cp "$T/out" "$T/sf.json"
if have_py; then
	check "the JSON has the shape of docs/report.md" python3 - "$T/sf.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["report"] == "startfoto" and d["as_of"] == "2026-12-01"
assert d["disclosure"] == {"round_to": 5, "suppress_below": 10}
t = {x["id"]: x for x in d["tables"]}
cbf = t["children_by_form"]
assert set(cbf["title"]) == {"nl", "en"}
rows = cbf["rows"]
assert any(r["municipality"] == "GM0200" and r["form"] == "total" for r in rows)
assert any(r["region"] == "total" and r["municipality"] == "total" and r["form"] == "total"
           and r["value"] is not None for r in rows)
for x in d["tables"]:
    for r in x["rows"]:
        assert set(r) >= {"value", "suppressed"}
        assert (r["value"] is None) == r["suppressed"]
        if x["id"] == "children_by_form" and r["value"] is not None:
            assert r["value"] % 5 == 0, r
assert "caseload" not in d
PY
else
	skipped "JSON shape (no python3)"
fi
exits 0 "--municipality GM0200" --db "$DB" report startfoto $AS --format json \
	--municipality GM0200
check "... only that municipality" sh -c "! grep -q '\"municipality\": \"GM0150\"' '$T/out'"

echo "# other forms"
exits 0 "csv" --db "$DB" report startfoto $AS --format csv -o "$T/sf.csv"
check "... has its header" sh -c "head -1 '$T/sf.csv' | grep -q '^table,title,region,municipality,'"
exits 0 "xlsx" --db "$DB" report startfoto $AS --format xlsx -o "$T/sf.xlsx"
check "... is a workbook" sh -c "unzip -l '$T/sf.xlsx' | grep -q 'xl/worksheets/sheet2.xml'"
check "... with charts" sh -c "unzip -l '$T/sf.xlsx' | grep -q 'xl/charts/chart1.xml'"
exits 1 "xlsx into a folder that does not exist" --db "$DB" report startfoto $AS --format xlsx \
	-o "$T/nergens/sf.xlsx"
check "... says why in Dutch" sh -c "grep -q 'de map bestaat niet' '$T/err' && ! grep -q 'No such file' '$T/err'"
check "... also of the foster families' places" sh -c "n=\$(unzip -p '$T/sf.xlsx' xl/workbook.xml | tr '<' '\\n' | grep -c 'sheet name='); unzip -p '$T/sf.xlsx' xl/worksheets/sheet\$n.xml | grep -q '<drawing'"
exits 0 "the foster families in Dutch" --db "$DB" report startfoto $AS
check "... with Dutch words for every row" sh -c "grep -q 'vrije plaatsen' '$T/out' && grep -q 'geplaatste kinderen' '$T/out' && grep -q '% bezet' '$T/out' && ! grep -Eq '^ +(families|family_homes|capacity|vacancies|placed) ' '$T/out'"
exits 0 "pdf" --db "$DB" report startfoto $AS --format pdf -o "$T/sf.pdf"
check "... is a PDF" sh -c "head -c 5 '$T/sf.pdf' | grep -q '%PDF-'"
exits 0 "text in English" --db "$DB" --lang en report startfoto $AS
check "... speaks English" grep -q "Children by family form" "$T/out"
cp "$T/out" "$T/sf-en.txt"
exits 0 "text in Dutch (the default)" --db "$DB" report startfoto $AS
check "... speaks Dutch" grep -q "Kinderen per gezinsvorm" "$T/out"
cp "$T/out" "$T/sf.txt"
exits 0 "the same report twice gives the same PDF" --db "$DB" report startfoto $AS \
	--format pdf -o "$T/sf2.pdf"
check "... byte for byte" cmp -s "$T/sf.pdf" "$T/sf2.pdf"

echo "# no persons in the startfoto"
if have_py; then
	python3 "$R/tests/cli/pdftext.py" "$T/sf.pdf" >"$T/sf-pdf.txt"
	check "the PDF's text could be read" grep -q "Kinderen per gezinsvorm" "$T/sf-pdf.txt"
	unzip -p "$T/sf.xlsx" 'xl/*.xml' 'xl/worksheets/*.xml' >"$T/sf-xlsx.txt" 2>/dev/null
	check "the workbook's text could be read" grep -q "children_by_form" "$T/sf-xlsx.txt"
	check "no name, ref or birth date in JSON, text, CSV, XLSX or PDF" python3 - \
		"$R/examples" "$T/gen" "$T/sf.json" "$T/sf.txt" "$T/sf-en.txt" "$T/sf.csv" \
		"$T/sf-xlsx.txt" "$T/sf-pdf.txt" <<'PY'
import glob, json, sys
from xml.sax.saxutils import escape
words = set()
for folder in sys.argv[1:3]:
    for f in glob.glob(folder + "/*.json"):
        d = json.load(open(f))
        words.add(d["case"]["ref"])
        for p in d["persons"]:
            if p.get("name") and len(p["name"]) >= 4:
                words.add(p["name"])
            if p.get("born") and len(p["born"]) == 10:
                words.add(p["born"])
bad = []
for out in sys.argv[3:]:
    text = open(out, encoding="utf-8", errors="replace").read()
    for w in words:
        if w in text or escape(w) in text:
            bad.append((out, w))
# dates that are also quarter ends or the as-of day are not a person's
bad = [b for b in bad if b[1] not in ("2026-12-01",) and not b[1].endswith(("-03-31",
       "-06-30", "-09-30", "-12-31", "-01-01", "-04-01", "-07-01", "-10-01"))]
if bad:
    print(bad[:10])
    sys.exit(1)
PY
else
	skipped "no persons (no python3)"
fi

echo "# the monitor"
exits 0 "report monitor" --db "$DB" report monitor $AS --format json
check "... has no caseload for the organisation" sh -c "! grep -q '\"caseload\"' '$T/out'"
check "... trend days per quarter" grep -q '"day": "2026-09-30"' "$T/out"
printf 'Zonnebloem-akker-42\n' | "$K" --db "$DB" --author test user add anouk --role worker \
	--team noord >/dev/null 2>&1
"$K" --db "$DB" --author test assign PZ-2026-0101 anouk >/dev/null 2>&1
"$K" --db "$DB" --author test assign PZ-2026-0105 anouk >/dev/null 2>&1
exits 0 "report monitor --team noord" --db "$DB" report monitor $AS --team noord
check "... shows the caseload with the child's name" grep -q "PZ-2026-0101.*Daan" "$T/out"
exits 0 "... and as JSON" --db "$DB" report monitor $AS --team noord --format json
check "... rows per worker" grep -q '"worker": "anouk"' "$T/out"
exits 0 "... and as a workbook" --db "$DB" report monitor $AS --team noord --format xlsx \
	-o "$T/mon.xlsx"
check "... with a caseload sheet" sh -c "unzip -p '$T/mon.xlsx' xl/workbook.xml | grep -q caseload"

echo "# facts, reindex and signals --all"
# the examples and the 300 generated cases
NCASES=$(($(ls "$R"/examples/*.json | wc -l) + 300))
exits 0 "signals --all from the facts" --db "$DB" signals --all $AS
cp "$T/out" "$T/sig1.txt"
check "... one line per case" test "$(tail -n +2 "$T/sig1.txt" | wc -l)" -eq "$NCASES"
exits 0 "reindex" --db "$DB" reindex $AS
check "... says what it did" grep -q "$NCASES dossiers" "$T/out"
exits 0 "signals --all after reindex" --db "$DB" signals --all $AS
check "... the same lines" cmp -s "$T/sig1.txt" "$T/out"
if have_py; then
	"$K" --db "$DB" signals --all $AS --format json >"$T/sig.json"
	check "... the same counts as the documents' signals" python3 - "$T/sig.json" \
		"$T/sig1.txt" <<'PY'
import json, sys, collections
d = json.load(open(sys.argv[1]))
lines = open(sys.argv[2]).read().split("\n")[1:]
want = []
for x in d:
    c = collections.Counter(s["level"] for s in x["signals"])
    top = x["signals"][0]["id"] if x["signals"] else "-"
    want.append("%-20s %7d %7d %7d  %s" % (x["ref"], c["alert"], c["warning"], c["info"], top))
assert want == [l for l in lines if l], (want[:3], lines[:3])
PY
fi
hash_db() { sqlite3 "$DB" "SELECT day, alerts, top FROM facts" 2>/dev/null | cksum; }
before=$(hash_db)
exits 0 "signals --all for another day" --db "$DB" signals --all --as-of 2027-03-01
check "... still one line per case" test "$(tail -n +2 "$T/out" | wc -l)" -eq "$NCASES"
cp "$T/out" "$T/sigmem.txt"
exits 0 "a report for another day" --db "$DB" report monitor --as-of 2027-03-01 --format json
cp "$T/out" "$T/mon-cold.json"
check "reading for another day stores nothing" test "$(hash_db)" = "$before"
exits 0 "reindex --signals for that day" --db "$DB" reindex --signals --as-of 2027-03-01
check "... says how many" grep -q "van $NCASES dossiers" "$T/out"
check "... stores them" test "$(hash_db)" != "$before"
kept_days() { sqlite3 "$DB" "SELECT count(DISTINCT day) || ' ' || count(*) FROM day_signals" 2>/dev/null; }
check "... and keeps the monitor's eight quarter ends, every case" \
	test "$(kept_days)" = "8 $((8 * NCASES))"
exits 0 "the monitor then reads them" --db "$DB" report monitor --as-of 2027-03-01 --format json
check "... the same monitor as judged without them" cmp -s "$T/mon-cold.json" "$T/out"
# a kept day whose case changed since is judged again, not read
sqlite3 "$DB" "UPDATE day_signals SET alerts = 99, rev = rev + 100" 2>/dev/null
exits 0 "the monitor with kept days of other revisions" --db "$DB" report monitor --as-of 2027-03-01 --format json
check "... judges those days again (the same monitor)" cmp -s "$T/mon-cold.json" "$T/out"
sqlite3 "$DB" "UPDATE day_signals SET rev = rev - 100" 2>/dev/null
exits 0 "the monitor with kept days that say 99 alerts" --db "$DB" report monitor --as-of 2027-03-01 --format json
check "... reads them (so the test above tells)" sh -c "! cmp -s '$T/mon-cold.json' '$T/out'"
sqlite3 "$DB" "DELETE FROM day_signals" 2>/dev/null
first_day() { sqlite3 "$DB" "SELECT min(day) FROM day_signals" 2>/dev/null; }
exits 0 "reindex --signals for that day again" --db "$DB" reindex --signals --as-of 2027-03-01
d1=$(first_day)
exits 0 "reindex --signals for the next quarter" --db "$DB" reindex --signals --as-of 2027-06-01
check "... keeps only that monitor's eight days" test "$(kept_days)" = "8 $((8 * NCASES))"
check "... the oldest went" test "$(first_day)" -gt "${d1:-0}"
exits 0 "reindex --signals for the first day again" --db "$DB" reindex --signals --as-of 2027-03-01
exits 0 "signals --all then reads them" --db "$DB" signals --all --as-of 2027-03-01
cp "$T/out" "$T/sig2.txt"
exits 0 "reindex --signals again" --db "$DB" reindex --signals --as-of 2027-03-01
check "... has nothing left to do" grep -q "van 0 dossiers" "$T/out"
exits 0 "signals --all once more" --db "$DB" signals --all --as-of 2027-03-01
check "... the same lines again" cmp -s "$T/sig2.txt" "$T/out"
check "... as those computed without storing" cmp -s "$T/sig2.txt" "$T/sigmem.txt"
exits 2 "reindex with an unknown option" --db "$DB" reindex --fast

cd "$R" || exit 2
[ "$skip" -eq 0 ] || echo "($skip check(s) skipped, see above)"
echo "report: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
