#!/bin/sh
# bench/report.sh BUILD [N...] - the steering figures and `signals --all` at
# national scale (issue 12; BENCHMARKS.md "Figures at national scale"):
# for each N (default 10000 and 40000) a population of `kring generate
# --seed 1` with a history (bench_population: the recorded states of
# `kring generate --history`, over the 14 months before the anchor, about
# 1.3 revisions a case) and, on it, in the same run:
#   1. the startfoto, the monitor and signals --all for a day whose signal
#      facts are not stored (they are computed from the case models: the
#      cold path; the monitor also computes the signals of its eight
#      earlier quarter ends, which no nightly run stores),
#   2. `kring reindex --signals` for that day (what a nightly run does),
#   3. the startfoto (JSON, PDF), the monitor and signals --all again (the
#      facts only: the path the target is about),
#   4. the baselines: Python's json.loads of the same generated documents
#      (the database keeps them zstd-compressed, which Python's standard
#      library cannot read), and the sqlite3 shell reading every latest
#      stored document,
#   5. a full `kring reindex`.
# Wall time, CPU time and peak memory from /usr/bin/time.  The machine is
# shared: the load average is printed with each size.
set -e
b=${1:?usage: bench/report.sh BUILD [N...]}
shift
sizes=${*:-10000 40000}
k=$b/kring
here=$(dirname "$0")
tmp=$(mktemp -d /tmp/kring-report-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
T() { /usr/bin/time -f "    %e s wall, %U s user, %S s sys, %M KiB max RSS" "$@"; }
DAY=2026-12-01

echo "== kring figures benchmark ($(nproc) cores, $(uname -m), sqlite $(sqlite3 --version | cut -d' ' -f1))"
for n in $sizes; do
	db=$tmp/r$n.db
	echo
	echo "== $n cases (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
	"$k" --db "$db" init >/dev/null
	"$b/bench_population" "$db" "$n" 1
	ls -l "$db" | awk '{printf "database: %.0f MB\n", $5 / 1e6}'
	sqlite3 "$db" "SELECT count(*), sum(length(doc)) / 1e6 FROM revisions" |
		awk -F'|' '{printf "revisions: %d, %.0f MB stored (zstd)\n", $1, $2}'
	echo "-- cold: signal facts stored for other days, computed from the case models"
	echo "  kring report startfoto --format json"
	T "$k" --db "$db" report startfoto --as-of $DAY --format json >"$tmp/sf-cold.json"
	echo "  kring report monitor --format json"
	T "$k" --db "$db" report monitor --as-of $DAY --format json >"$tmp/mon-cold.json"
	echo "  kring signals --all"
	T "$k" --db "$db" signals --all --as-of $DAY >"$tmp/sig-cold.txt"
	echo "-- kring reindex --signals (the nightly run)"
	T "$k" --db "$db" reindex --signals --as-of $DAY
	echo "-- warm: the stored facts only"
	echo "  kring report startfoto --format json"
	T "$k" --db "$db" report startfoto --as-of $DAY --format json >"$tmp/sf.json"
	echo "  kring report monitor --format json (its quarter ends kept by reindex)"
	T "$k" --db "$db" report monitor --as-of $DAY --format json >"$tmp/mon.json"
	echo "  kring report startfoto --format pdf"
	T "$k" --db "$db" report startfoto --as-of $DAY --format pdf -o "$tmp/sf.pdf"
	echo "  kring signals --all"
	T "$k" --db "$db" signals --all --as-of $DAY >"$tmp/sig.txt"
	cmp -s "$tmp/sf-cold.json" "$tmp/sf.json" && echo "  (the same startfoto, cold and warm)"
	cmp -s "$tmp/sig-cold.txt" "$tmp/sig.txt" && echo "  (the same signals, cold and warm)"
	cmp -s "$tmp/mon-cold.json" "$tmp/mon.json" && echo "  (the same monitor, cold and warm)"
	echo "-- baselines"
	echo "  python3: json.loads of the same generated documents (JSON Lines)"
	"$k" generate --cases "$n" --seed 1 --anchor $DAY >"$tmp/docs.jsonl"
	T python3 "$here/json_baseline.py" "$tmp/docs.jsonl"
	echo "  sqlite3 shell: read every latest stored document (zstd frames)"
	T sqlite3 "$db" "SELECT r.doc FROM cases c JOIN revisions r ON r.case_id = c.id AND r.rev = c.head" >/dev/null
	echo "-- kring reindex (rebuild every revision's facts from the documents)"
	T "$k" --db "$db" reindex --as-of $DAY
done
