# generate.sh - sourced by tests/cli/run.sh (its helpers, $K, $T, $R and
# the counters): `kring generate -o DIR` writes the cases and, in
# DIR/familyplans, the family plans of the sibling cases among them; the
# same seed gives the same files; everything imports (the cases with
# `kring import`, each plan with `kring familyplan import`), `kring
# familyplan list` shows the plans, and the signals of the population
# include an action team that has not met.
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
