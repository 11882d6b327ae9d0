#!/bin/sh
# bench/run.sh KRING [N] - the store benchmarks of BENCHMARKS.md:
#   1. import N generated cases with `kring import` (one transaction),
#   2. the raw rate: the same revision rows inserted by the sqlite3 shell,
#      same schema, same pragmas, one transaction,
#   3. signals for all N cases (`kring signals --all`).
# Wall time and peak memory (max RSS) from /usr/bin/time.
set -e
kring=$1
n=${2:-10000}
tmp=$(mktemp -d /tmp/kring-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
T() { /usr/bin/time -f "%e s, %M KiB max RSS" "$@"; }

echo "== kring store benchmark: $n cases ($(nproc) cores, $(uname -m))"
"$kring" generate --cases "$n" --seed 1 -o "$tmp/cases"
du -sh "$tmp/cases" | sed 's/^/documents: /'

"$kring" --db "$tmp/k.db" init >/dev/null
echo "-- kring import (validate + store every revision, synchronous=FULL):"
T "$kring" --db "$tmp/k.db" --author bench import "$tmp"/cases/*.json >/dev/null

# The same rows for the sqlite3 shell: exactly what kring stored, dumped as
# INSERT statements into an empty database of the same schema.
sqlite3 "$tmp/k.db" ".schema" | grep -v sqlite_sequence > "$tmp/schema.sql"
{
	echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
	echo "BEGIN;"
	sqlite3 "$tmp/k.db" ".mode insert cases" "SELECT * FROM cases;"
	sqlite3 "$tmp/k.db" ".mode insert revisions" "SELECT * FROM revisions;"
	echo "COMMIT;"
} > "$tmp/rows.sql"
sqlite3 "$tmp/raw.db" < "$tmp/schema.sql"
echo "-- sqlite3 shell, same rows, same schema and pragmas, one transaction:"
T sqlite3 "$tmp/raw.db" < "$tmp/rows.sql" >/dev/null

echo "-- kring signals --all (parse every latest revision + all rules):"
T "$kring" --db "$tmp/k.db" signals --all --as-of 2026-12-01 > "$tmp/signals.txt"
echo "cases with signals: $(tail -n +2 "$tmp/signals.txt" | wc -l)"
ls -l "$tmp/k.db" | awk '{print "database: " $5 " bytes"}'

echo "-- bench_signals (phases measured inside one process):"
"$(dirname "$kring")/bench_signals" "$tmp/k.db" 2026-12-01
