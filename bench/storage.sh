#!/bin/sh
# bench/storage.sh KRING [KRING_BEFORE] - storage per 1,000 one-line edits
# (BENCHMARKS.md, issue 10): one example case, then 1,000 revisions that
# each change one line (case.notes), imported with `kring import` (one
# transaction, every file a revision); the database size after a checkpoint,
# per 1,000 edits, for KRING and, when given, for an earlier build.
set -e
tmp=$(mktemp -d /tmp/kring-storage.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import json, sys
t = sys.argv[1]
d = json.load(open('examples/PZ-2026-0103.json'))
for i in range(1000):
    d['case']['notes'] = 'Gesprek %d: afspraken besproken.' % i
    json.dump(d, open('%s/e%04d.json' % (t, i), 'w'), ensure_ascii=False)
PY
doc=$(wc -c < "$tmp/e0000.json")
for k in "$@"; do
	rm -f "$tmp"/k.db*
	"$k" --db "$tmp/k.db" import "$tmp/e0000.json" >/dev/null
	size0=$(sqlite3 "$tmp/k.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null; stat -c %s "$tmp/k.db")
	s=$(date +%s.%N)
	"$k" --db "$tmp/k.db" import "$tmp"/e0*.json >/dev/null
	e=$(date +%s.%N)
	sqlite3 "$tmp/k.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
	size1=$(stat -c %s "$tmp/k.db")
	echo "$k: document $doc bytes; 1,000 edits: $(( (size1 - size0) / 1024 )) KiB" \
	     "($(( (size1 - size0) / 1000 )) bytes per edit), import $(echo "$e - $s" | bc) s"
done
