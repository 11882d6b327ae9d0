# casework.sh - sourced by tests/cli/run.sh (its helpers, $K, $T, $R and the
# counters): `kring history REF --changes` says what changed per revision
# in Dutch and English and names who made it; `kring render plan REF -o
# FILE.pdf` writes the plan to sign as a PDF, the same bytes twice, and
# refuses any other kind of file.
echo "# case work: history with changes, the plan as a PDF"
CW=$T/casework.db
"$K" --db "$CW" init >/dev/null 2>&1
"$K" --db "$CW" --author anouk import "$R/examples/history/PZ-2026-0104.2026-06-15.json" >/dev/null 2>&1
"$K" --db "$CW" --author bram import "$R/examples/PZ-2026-0104.json" >/dev/null 2>&1
exits 0 "history --changes" --db "$CW" history PZ-2026-0104 --changes
check "... revision 1 was made by anouk and created the case" \
	has_all "$T/out" "^versie 1 .* anouk$" "^  dossier aangemaakt (21 personen)$"
check "... revision 2 by bram, its changes in words" \
	has_all "$T/out" "^versie 2 .* bram$" "^  band tussen Chantal de Jong en Annemiek Vos: neutraal → conflict$" \
	"^  bijeenkomst m3 toegevoegd (13 oktober 2026)$"
exits 0 "history --changes in English" --db "$CW" --lang en history PZ-2026-0104 --changes
check "... the same in English" \
	has_all "$T/out" "^revision 2 .* bram$" "^  tie between Chantal de Jong and Annemiek Vos: neutral → conflict$"
check "... and no Dutch" lacks "toegevoegd" "$T/out"
exits 0 "history without --changes lists the revisions" --db "$CW" history PZ-2026-0104
check "... without the changes" lacks "band tussen" "$T/out"
exits 1 "history --changes of an unknown case" --db "$CW" history NOPE --changes
exits 0 "history --help" history --help
check "... mentions --changes" grep -q -- "--changes" "$T/out"

exits 0 "render plan" --db "$CW" render plan PZ-2026-0104 -o "$T/plan.pdf"
check "... writes a PDF" sh -c "head -c 5 '$T/plan.pdf' | grep -q '%PDF-'"
exits 0 "render plan again" --db "$CW" render plan PZ-2026-0104 -o "$T/plan2.pdf"
check "... the same bytes" cmp -s "$T/plan.pdf" "$T/plan2.pdf"
exits 0 "render plan in English" --db "$CW" --lang en render plan PZ-2026-0104 -o "$T/plan-en.pdf"
check "... another document" sh -c "! cmp -s '$T/plan.pdf' '$T/plan-en.pdf'"
exits 2 "render plan to an SVG file" --db "$CW" render plan PZ-2026-0104 -o "$T/plan.svg"
exits 1 "render plan of an unknown case" --db "$CW" render plan NOPE -o "$T/nope.pdf"
check "... writes nothing" test ! -e "$T/nope.pdf"
