# generate.sh - sourced by tests/cli/run.sh (its helpers, $K, $T, $R and
# the counters): `kring generate -o DIR` writes the cases and, in
# DIR/familyplans, the family plans of the sibling cases among them; the
# same seed gives the same files; everything imports (the cases with
# `kring import`, each plan with `kring familyplan import`), `kring
# familyplan list` shows the plans, and the signals of the population
# include an action team that has not met.  With --history the recorded
# days and earlier states (DIR/history/DAY.jsonl) import day by day with
# --recorded-at, after which tie-worsened, contacts-lost and every other
# signal of docs/signals.md fire, and the monitor's "network map changed"
# is neither 0 nor 100 %.  The network/stranger mix is 45/55 (+-2).
echo "# kring generate: cases and family plans"
GD=$T/gendir
GDB=$T/generate.db
exits 0 "generate --cases 200 --seed 3 -o DIR" generate --cases 200 --seed 3 -o "$GD"
check "... 200 cases" test "$(ls "$GD"/GEN-3-*.json | wc -l)" -eq 200
nfp=$(ls "$GD"/familyplans/FP-GEN-3-*.json 2>/dev/null | wc -l)
check "... some family plans in DIR/familyplans ($nfp)" test "$nfp" -ge 3 -a "$nfp" -le 30
exits 0 "generate the same again" generate --cases 200 --seed 3 -o "$GD.2"
check "... the same bytes (cases and plans)" diff -r "$GD" "$GD.2"
"$K" --db "$GDB" init >/dev/null 2>&1
exits 0 "import the generated cases" --db "$GDB" import "$GD"/GEN-3-*.json
fpfail=0
for f in "$GD"/familyplans/*.json; do
	"$K" --db "$GDB" familyplan import "$f" >"$T/out" 2>"$T/err" || {
		fpfail=$((fpfail + 1))
		show_err
	}
done
check "... every family plan imports against its cases" test "$fpfail" -eq 0
exits 0 "familyplan list" --db "$GDB" familyplan list
check "... shows every generated plan" test "$(grep -c '^FP-GEN-3-' "$T/out")" -eq "$nfp"
first=$(ls "$GD"/familyplans | head -n 1)
first=${first%.json}
exits 0 "familyplan show $first" --db "$GDB" familyplan show "$first"
check "... two children, each from their own case" test "$(grep -c '^  GEN-3-' "$T/out")" -eq 2
exits 0 "signals --all on the generated cases" --db "$GDB" signals --all --as-of 2026-12-01 \
	--format json
check "... an action team that has not met" grep -q '"action-team-not-met"' "$T/out"
check "... parents without support" grep -q '"parents-without-support"' "$T/out"
check "... not every case with an action team has it" \
	test "$(grep -c '"action-team-not-met"' "$T/out")" -lt \
	"$(grep -l '"action_team"' "$GD"/GEN-3-*.json | wc -l)"
exits 0 "generate to standard output" generate --cases 4 --seed 3
check "... no family plan among the cases" lacks "kring-familyplan" "$T/out"
exits 2 "--history needs -o" generate --cases 4 --history

echo "# kring generate --history: a recorded history (issue 9, issue 12)"
GH=$T/genhist
GHDB=$T/genhist.db
exits 0 "generate --cases 300 --seed 5 -o DIR --history" generate --cases 300 --seed 5 -o "$GH" \
	--history
nday=$(ls "$GH"/history/*.jsonl 2>/dev/null | wc -l)
check "... DIR/history holds a file per recording day ($nday days)" \
	test "$nday" -ge 10 -a "$nday" -le 40
nrev=$(cat "$GH"/history/*.jsonl | wc -l)
check "... earlier states for a share of the cases ($nrev documents for 300 cases)" \
	test "$nrev" -gt 330 -a "$nrev" -lt 600
exits 0 "the same again" generate --cases 300 --seed 5 -o "$GH.2" --history
check "... the same bytes, history too" diff -r "$GH" "$GH.2"
"$K" generate --cases 8 --seed 5 -o "$GH.plain" >/dev/null 2>&1
check "... the cases are the ones without --history" \
	cmp -s "$GH/GEN-5-000007.json" "$GH.plain/GEN-5-000007.json"
"$K" --db "$GHDB" init >/dev/null 2>&1
hfail=0
for f in $(ls "$GH"/history/*.jsonl | sort); do
	day=$(basename "$f" .jsonl)
	"$K" --db "$GHDB" import --recorded-at "$day" "$f" >"$T/out" 2>"$T/err" || {
		hfail=$((hfail + 1))
		show_err
	}
done
check "... every day imports with --recorded-at DAY, oldest first" test "$hfail" -eq 0
exits 0 "list" --db "$GHDB" list
check "... every case is in the history" test "$(grep -c '^GEN-5-' "$T/out")" -eq 300
exits 0 "history of a case with an earlier state" --db "$GHDB" history GEN-5-000001
exits 0 "signals --all on the population with its history" --db "$GHDB" signals --all \
	--as-of 2026-12-01 --format json
cp "$T/out" "$T/gensig.json"
for id in tie-worsened contacts-lost trust-figure-professional; do
	check "... $id fires" grep -q "\"id\": *\"$id\"" "$T/gensig.json"
done
missing=
for id in $(grep -o '^| `[a-z-]*`' "$R/docs/signals.md" | tr -d '|` ' | sort -u); do
	grep -q "\"id\": *\"$id\"" "$T/gensig.json" || missing="$missing $id"
done
check "... every signal of docs/signals.md fires at least once (missing:$missing)" \
	test -z "$missing"
exits 0 "report monitor on it" --db "$GHDB" report monitor --as-of 2026-12-01 --format csv
# the map changed in the last 6 months: neither none nor all of the children
if [ "$JSON" = python3 ]; then
	"$K" --db "$GHDB" report monitor --as-of 2026-12-01 --format json >"$T/mon.json"
	share=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
t = [t for t in d["tables"] if t["id"] == "map_changed"][0]
for r in t["rows"]:
    if r.get("municipality") == "total" and r.get("day") in ("2026-06-30", "2026-09-30") \
       and r.get("measure") == "percent":
        print(r["value"])' "$T/mon.json" | tr '\n' ' ')
	check "... network map changed in the last 6 months on the quarter ends: $share%" \
		sh -c 'for v in $0 $@; do awk "BEGIN{exit !($v >= 20 && $v <= 80)}" || exit 1; done' \
		$share
else
	skipped "the monitor's map figure: python3 is needed to read the JSON"
fi

echo "# kring generate: network and stranger foster care about 45/55 (issue 12)"
if [ "$JSON" = python3 ]; then
	"$K" generate --cases 3000 --seed 1 >"$T/mix.jsonl"
	mix=$(python3 -c '
import json, sys
n = s = 0
for line in open(sys.argv[1]):
    d = json.loads(line)
    cur = [p for p in d["placements"] if p.get("end") is None]
    if cur and cur[-1]["form"] in ("informal_network", "foster_parttime",
                                    "foster_fulltime", "crisis"):
        if cur[-1].get("network") is True:
            n += 1
        elif cur[-1].get("network") is False:
            s += 1
print(round(100 * n / (n + s)))' "$T/mix.jsonl")
	check "... $mix % of the children in foster care are placed in their own network (43..47)" \
		test "$mix" -ge 43 -a "$mix" -le 47
else
	skipped "the network/stranger mix: python3 is needed to read the JSON"
fi

echo "# kring generate --families: a register the placements link to (issue 13)"
GF=$T/genfam
GFDB=$T/genfam.db
exits 2 "--families needs -o" generate --cases 4 --families
exits 0 "generate --cases 150 --seed 5 -o DIR --history --families" generate --cases 150 \
	--seed 5 -o "$GF" --history --families
nfam=$(ls "$GF"/families/GF-5-*.json 2>/dev/null | wc -l)
check "... DIR/families holds the families ($nfam)" test "$nfam" -ge 50
nlink=$(grep -l '"family":"GF-5-' "$GF"/GEN-5-*.json | wc -l)
check "... cases name them in placements[].family ($nlink cases)" test "$nlink" -ge 40
check "... a matching lists the family it chose" grep -q '"considered":\[.*"family":"GF-5-' \
	"$GF"/GEN-5-*.json
check "... the case files are the ones the history ends with" \
	sh -c 'grep -qxF "$(cat "$1")" "$2"/history/*.jsonl' _ "$GF/GEN-5-000004.json" "$GF"
"$K" --db "$GFDB" init >/dev/null 2>&1
exits 1 "the cases do not import without the register" --db "$GFDB" import "$GF"/GEN-5-*.json
check "... because of the unknown family" grep -q 'placements\[[0-9]*\]\.family' "$T/err"
exits 0 "the families import (one run)" --db "$GFDB" family import "$GF"/families/*.json
hfail=0
for f in $(ls "$GF"/history/*.jsonl | sort); do
	"$K" --db "$GFDB" import --recorded-at "$(basename "$f" .jsonl)" "$f" >"$T/out" \
		2>"$T/err" || {
		hfail=$((hfail + 1))
		show_err
	}
done
check "... then the cases with their history, day by day" test "$hfail" -eq 0
exits 0 "family list --as-of the anchor" --db "$GFDB" family list --as-of 2026-12-01 \
	--format json
if [ "$JSON" = python3 ]; then
	check "... every family has room for the children placed there, and some are in use" \
		python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert len(v) == int(sys.argv[2]), len(v)
assert all(f["in_use"] <= f["capacity"] for f in v)
assert sum(f["in_use"] for f in v) >= 20
assert any(f["vacancies"] > 0 for f in v)' "$T/out" "$nfam"
else
	skipped "the families' use: python3 is needed to read the JSON"
fi
exits 0 "signals --all with the register" --db "$GFDB" signals --all --as-of 2026-12-01
