# familyplan.sh - sourced by tests/cli/run.sh (its helpers, $K, $T, $R and
# the counters): `kring familyplan` with the example siblings Noah
# (PZ-2026-0109) and Tess (PZ-2026-0110): import with revisions, list (also
# of one case), show with each child's own wishes and goals taken from the
# child's case, export round trip, the checks against the cases with their
# paths and nothing stored, usage errors, the audit rows (one read row
# per case whose child is shown), and the history in words.
echo "# the family plan (gezinsplan)"
FP=$T/familyplan.db
FPF=$R/examples/familyplans/fp1.json
"$K" --db "$FP" init >/dev/null 2>&1
exits 1 "familyplan import before its cases" --db "$FP" --lang en familyplan import "$FPF"
check "... names the unknown case at its path" \
	grep -qF 'cases[0]: unknown case "PZ-2026-0109"' "$T/err"
"$K" --db "$FP" import "$R/examples/PZ-2026-0109.json" "$R/examples/PZ-2026-0110.json" \
	>/dev/null 2>&1
exits 0 "familyplan import" --db "$FP" --author anouk familyplan import "$FPF"
check "... stored as revision 1" grep -q "gezinsplan fp1 opgeslagen als versie 1" "$T/out"
exits 0 "familyplan import again" --db "$FP" familyplan import "$FPF"
check "... revision 2" grep -q "versie 2" "$T/out"
exits 0 "familyplan list" --db "$FP" familyplan list
check "... lists fp1 with its name" grep -q "^fp1 .*Gezin De Boer.* 2$" "$T/out"
exits 0 "familyplan list --case PZ-2026-0110" --db "$FP" familyplan list --case PZ-2026-0110
check "... fp1" grep -q "^fp1 " "$T/out"
exits 0 "familyplan list --case of a case in no plan" --db "$FP" familyplan list \
	--case PZ-2026-0101
check "... says there are none" grep -q "nog geen gezinsplannen" "$T/out"
exits 0 "familyplan show" --db "$FP" familyplan show fp1
check "... both children with their own wishes and goals, from their cases" has_all "$T/out" \
	"PZ-2026-0109 *Noah de Boer" "PZ-2026-0110 *Tess de Boer" "wens: Ik wil bij Noah logeren" \
	"doel: Noah blijft voetballen"
check "... not a wish of someone else in the case" lacks "Linda wil weten" "$T/out"
check "... the family's goals, agreements and meetings with names" has_all "$T/out" \
	"^Doelen van het gezin:" "wie: Joke Visser, Femke Bos, Marloes Visser" \
	"gespreksleider: Anouk de Wit" "aanwezig: Noah de Boer" "uitkomst: Eén rooster"
exits 0 "familyplan show in English" --db "$FP" --lang en familyplan show fp1
check "... in English" has_all "$T/out" "^Family plan fp1 (revision 2)" "attended:"
check "... and no Dutch labels" lacks "aanwezig:" "$T/out"
exits 0 "familyplan show --format json" --db "$FP" familyplan show fp1 --format json
if [ "$JSON" = python3 ]; then
	check "... the view: two children and names per person" python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert v["id"] == "fp1" and v["revision"] == 2
assert [c["case"] for c in v["children"]] == ["PZ-2026-0109", "PZ-2026-0110"]
assert v["children"][1]["child"]["name"] == "Tess de Boer"
assert len(v["children"][0]["wishes"]) == 2
assert v["persons"]["PZ-2026-0110/q9"] == "Roos Dijkstra"
' "$T/out"
fi
exits 0 "familyplan export" --db "$FP" familyplan export fp1 -o "$T/fp1.json"
check "... equals the file" json_equal "$FPF" "$T/fp1.json"
exits 1 "familyplan show of an unknown plan" --db "$FP" familyplan show fp9
check "audit: one read row per case shown (three shows)" test \
	"$(sql "$FP" "SELECT count(*) FROM audit WHERE detail = 'family plan fp1 read' AND action = 'R' AND case_ref IN ('PZ-2026-0109', 'PZ-2026-0110')")" = 6
check "audit: the imports" test \
	"$(sql "$FP" "SELECT group_concat(action, '') FROM audit WHERE detail LIKE 'family plan fp1 stored%'")" = CU

# refused with their paths, nothing stored
if [ "$JSON" = python3 ]; then
	python3 - "$FPF" "$T/fp-person.json" "$T/fp-future.json" "$T/fp-unknown.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["cases"].append("PZ-2026-0199")
json.dump(d, open(sys.argv[4], "w"))
d = json.load(open(sys.argv[1]))
d["meetings"][0]["invited"][2] = {"case": "PZ-2026-0109", "person": "p99"}
json.dump(d, open(sys.argv[2], "w"))
d = json.load(open(sys.argv[1]))
d["meetings"][1]["attended"] = [{"case": "PZ-2026-0109", "person": "p1"}]
d["meetings"][1]["outcome"] = "al gebeurd?"
json.dump(d, open(sys.argv[3], "w"))
PY
	exits 1 "a plan that links an unknown case" --db "$FP" --lang en familyplan import \
		"$T/fp-unknown.json"
	check "... says which, at its path" grep -qF 'cases[2]: unknown case "PZ-2026-0199"' \
		"$T/err"
	exits 1 "a person who is not in the case" --db "$FP" --lang en familyplan import \
		"$T/fp-person.json"
	check "... says who and where" grep -qF \
		'meetings[0].invited[2]: person "p99" is not in case PZ-2026-0109' "$T/err"
	exits 1 "attendance and outcome of a meeting still to come" --db "$FP" --lang en \
		familyplan import "$T/fp-future.json"
	check "... refused at both" has_all "$T/err" "meetings\[1\].attended: who attended" \
		"meetings\[1\].outcome: the outcome"
fi
exits 0 "... nothing was stored" --db "$FP" familyplan list
check "... still revision 2" grep -q "^fp1 .* 2$" "$T/out"

# the history in words
if [ "$JSON" = python3 ]; then
	python3 - "$FPF" "$T/fp-changed.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["agreements"][0]["done"] = True
d["agreements"][0]["when"] = "om de week"
d["goals"].append({"id": "g9", "text": "Samen op vakantie",
                   "who": [{"case": "PZ-2026-0110", "person": "q5"}]})
d["goals"][0]["who"].pop()
json.dump(d, open(sys.argv[2], "w"))
PY
	exits 0 "familyplan import a changed plan" --db "$FP" --author bert familyplan import \
		"$T/fp-changed.json"
	exits 0 "familyplan history" --db "$FP" familyplan history fp1
	check "... every revision with who made it" has_all "$T/out" "^versie 1  .*  anouk$" \
		"^  gezinsplan aangemaakt$" "^versie 2  " "^  (niets veranderd)$" "^versie 3  .*  bert$"
	check "... what changed, in words, with names" has_all "$T/out" \
		"^  afspraak a1 afgerond: wanneer ‘elke zaterdag’ → ‘om de week’$" \
		"^  doel g9 toegevoegd: ‘Samen op vakantie’$" "^  doel g1: wie: Marloes Visser eraf$"
	exits 0 "familyplan history in English" --db "$FP" --lang en familyplan history fp1
	check "... in English" has_all "$T/out" "^revision 3  " "^  agreement a1 done: when" \
		"^  goal g1: who: removed Marloes Visser$"
	exits 0 "familyplan history --format json" --db "$FP" familyplan history fp1 --format json
	check "... the API's revisions" python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert [r["revision"] for r in v] == [1, 2, 3] and v[2]["author"] == "bert"
assert v[2]["changes"][0]["collection"] == "goals" and v[2]["changes"][0]["item"] == "g1"
' "$T/out"
	check "audit: a read row per linked case for each history" test \
		"$(sql "$FP" "SELECT count(*) FROM audit WHERE detail = 'family plan fp1 history read' AND action = 'R'")" = 6
fi
exits 1 "familyplan history of an unknown plan" --db "$FP" familyplan history fp9
exits 2 "familyplan history without an id" --db "$FP" familyplan history

# usage
exits 2 "familyplan without an action" --db "$FP" familyplan
exits 2 "familyplan with an unknown action" --db "$FP" familyplan remove fp1
exits 2 "familyplan show without an id" --db "$FP" familyplan show
exits 2 "familyplan list with an argument" --db "$FP" familyplan list fp1
exits 2 "familyplan show -o" --db "$FP" familyplan show fp1 -o "$T/x.json"
exits 2 "familyplan show --case" --db "$FP" familyplan show fp1 --case PZ-2026-0109
exits 0 "familyplan --help" familyplan --help

# the family's meetings count for each child's case (docs/family-plan.md,
# "The family meeting in each child's case"): signals, show, signals --all
# from the stored facts, the lifeline; a changed plan makes them stale
FM=$T/familymeet.db
"$K" --db "$FM" init >/dev/null 2>&1
"$K" --db "$FM" import "$R/examples/PZ-2026-0109.json" "$R/examples/PZ-2026-0110.json" \
	>/dev/null 2>&1
exits 0 "signals of Noah without a family plan" --db "$FM" signals PZ-2026-0109 --as-of 2027-04-01
check "... no network meeting" grep -q "(no-network-meeting)" "$T/out"
"$K" --db "$FM" familyplan import "$FPF" >/dev/null 2>&1
"$K" --db "$FM" reindex --signals --as-of 2027-04-01 >/dev/null 2>&1
for ref in PZ-2026-0109 PZ-2026-0110; do
	exits 0 "signals of $ref with the family plan" --db "$FM" signals $ref --as-of 2027-04-01
	check "... the family met: no no-network-meeting" lacks "no-network-meeting" "$T/out"
done
exits 0 "show Noah with the family plan" --db "$FM" show PZ-2026-0109 --as-of 2027-01-15
check "... the last meeting is the family's of 20 November 2026" grep -q \
	"laatste bijeenkomst: *20 november 2026" "$T/out"
exits 0 "show --format json" --db "$FM" show PZ-2026-0109 --as-of 2027-01-15 --format json
check "... with the plan it is of" has_all "$T/out" '"id": "fp1/m1"' '"family_plan": "fp1"'
check "... and no person of Tess's case" lacks "Tess de Boer" "$T/out"
exits 0 "render lifeline of Noah" --db "$FM" render lifeline PZ-2026-0109 --as-of 2027-04-01 -o -
check "... shows the family meeting" grep -q "gezinsbijeenkomst (gezinsplan fp1)" "$T/out"
exits 0 "export of Noah" --db "$FM" export PZ-2026-0109
check "... the document without the family's meeting" lacks "fp1/m1" "$T/out"
exits 0 "signals --all with the family plan" --db "$FM" signals --all --as-of 2027-04-01
cp "$T/out" "$T/all-with"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["meetings"]=[]; json.dump(d,open(sys.argv[2],"w"))' \
	"$FPF" "$T/fp1-nomeet.json"
"$K" --db "$FM" familyplan import "$T/fp1-nomeet.json" >/dev/null 2>&1
exits 0 "signals --all after the family's meetings were removed" --db "$FM" signals --all \
	--as-of 2027-04-01
check "... one warning more for each child (the stored facts were stale)" python3 -c '
import sys
def warnings(p):
    return {l.split()[0]: int(l.split()[2]) for l in open(p) if l.startswith("PZ-")}
a, b = warnings(sys.argv[1]), warnings(sys.argv[2])
assert all(b[r] == a[r] + 1 for r in ("PZ-2026-0109", "PZ-2026-0110")), (a, b)
' "$T/all-with" "$T/out"
exits 0 "signals of Noah after that" --db "$FM" signals PZ-2026-0109 --as-of 2027-04-01
check "... no-network-meeting again" grep -q "(no-network-meeting)" "$T/out"
