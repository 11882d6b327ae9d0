#!/bin/sh
# run.sh MODE FUZZDIR SECONDS - runs the libFuzzer harnesses fuzz_case and
# fuzz_edit from FUZZDIR (build/fuzz), each for SECONDS.
#   MODE smoke: on a fresh temporary copy of the seed corpus (make fuzz-smoke,
#               part of make test); the copy is removed afterwards.
#   MODE long:  on the lasting corpus FUZZDIR/corpus/NAME, seeded the first
#               time and grown by every run (make fuzz-long).
# Seeds: fuzz_case gets examples/*.json and tests/data/*/*.json; fuzz_edit
# gets tests/fuzz/seeds/edit/*.  A crash, leak, UB report or broken promise
# ends the run with the reproducer saved as FUZZDIR/NAME-crash-* (or
# -leak-, -timeout-); reproduce it with `FUZZDIR/NAME FILE`.  Exits
# non-zero when a harness failed.
set -u
mode=$1
dir=$2
secs=$3
cd "$(dirname "$0")/../.." || exit 2
fail=0

seed() {   # seed NAME DEST
	mkdir -p "$2"
	case $1 in
	fuzz_case) cp examples/*.json tests/data/valid/*.json tests/data/invalid/*.json "$2"/ ;;
	fuzz_edit) cp tests/fuzz/seeds/edit/* "$2"/ ;;
	esac
}

tmp=$(mktemp -d /tmp/kring-fuzz.XXXXXX) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

for name in fuzz_case fuzz_edit; do
	if [ "$mode" = long ]; then
		corpus=$dir/corpus/$name
		[ -d "$corpus" ] || seed $name "$corpus"
	else
		corpus=$tmp/$name
		seed $name "$corpus"
	fi
	log=$dir/$name-$mode.log
	KRING_SRC=$(pwd) ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		"$dir/$name" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
		-dict=tests/fuzz/kring.dict -artifact_prefix="$dir/$name-" \
		-print_final_stats=1 "$corpus" > "$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
	if [ $rc -ne 0 ]; then
		fail=1
		echo "fuzz: $name FAILED (exit $rc) after ${runs:-?} runs; log $log"
		tail -n 40 "$log"
	else
		echo "fuzz: $name ok, ${runs:-?} runs in ${secs}s, $cov, corpus $(ls "$corpus" | wc -l) files"
	fi
done
exit $fail
