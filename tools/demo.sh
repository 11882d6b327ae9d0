#!/bin/sh
# demo.sh KRING - the main job of `make run`: a fresh demo database
# (kring.db) with the example cases, and their signals on the demo date.
# When the HTTP server exists, this is where it starts.
set -e
kring=$1
db=${KRING_DB:-kring.db}
asof=${KRING_DEMO_DATE:-2026-12-01}
rm -f "$db" "$db-wal" "$db-shm"
"$kring" --db "$db" init
"$kring" --db "$db" --author demo import examples/*.json
echo
"$kring" --db "$db" list
for f in examples/*.json; do
	ref=$(basename "$f" .json)
	echo
	"$kring" --db "$db" signals "$ref" --as-of "$asof"
done
echo
echo "Demo database: $db (signals shown as of $asof)."
echo "Try: $kring --db $db show <REF> --as-of $asof    or    $kring --help"
