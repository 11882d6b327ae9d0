#!/bin/sh
# bench/backup.sh KRING_FILL KRING [GB] - the time of `kring backup` of a
# database of about GB gigabytes (default 2) while another process keeps
# writing (BENCHMARKS.md, issue 10).  The database is filled with KRING_FILL
# (a build that stores revisions uncompressed makes the size quickly: 1,000
# revisions of a 90 KB case per import), opened once by KRING (migrated),
# then KRING backs it up while a loop of KRING imports writes new revisions;
# the writes done during the backup are counted.
set -e
fill=$1 k=$2 gb=${3:-2}
tmp=${TMPDIR:-/tmp}/kring-backup-bench
rm -rf "$tmp"; mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import base64, json, os, sys, copy
t = sys.argv[1]
d = json.load(open('examples/PZ-2026-0103.json'))
d['case']['notes'] = 'x' * 60000     # a large case, as in the issue (93 KB per revision)
for i in range(1000):
    d['case']['ref'] = 'BIG-%d' % (i % 50)
    # random text: stored revisions are compressed, so repeated text would
    # never fill the database
    d['case']['notes'] = ('Gesprek %d. ' % i) + base64.b64encode(os.urandom(52500)).decode()
    json.dump(d, open('%s/b%04d.json' % (t, i), 'w'))
d['case']['ref'] = 'LIVE'
d['case']['notes'] = 'live'
json.dump(d, open('%s/live.json' % t, 'w'))
PY
"$fill" --db "$tmp/big.db" init >/dev/null
while [ "$(stat -c %s "$tmp/big.db")" -lt $((gb * 1000 * 1000 * 1000)) ]; do
	"$fill" --db "$tmp/big.db" import "$tmp"/b*.json >/dev/null
	sqlite3 "$tmp/big.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
done
echo "database: $(du -h "$tmp/big.db" | cut -f1)"
s=$(date +%s.%N)
"$k" --db "$tmp/big.db" list >/dev/null          # migration to the current schema
e=$(date +%s.%N)
echo "first open by the new kring (migration): $(echo "$e - $s" | bc) s"
"$k" --db "$tmp/big.db" import "$tmp/live.json" >/dev/null
( n=0; while [ ! -e "$tmp/stop" ]; do
	"$k" --db "$tmp/big.db" import "$tmp/live.json" >/dev/null 2>&1 && n=$((n + 1))
  done; echo "$n" > "$tmp/writes" ) &
W=$!
s=$(date +%s.%N)
"$k" --db "$tmp/big.db" backup "$tmp/copy.db"
e=$(date +%s.%N)
touch "$tmp/stop"; wait $W
echo "backup under writes: $(echo "$e - $s" | bc) s, copy $(du -h "$tmp/copy.db" | cut -f1)," \
     "$(cat "$tmp/writes") writes committed meanwhile"
