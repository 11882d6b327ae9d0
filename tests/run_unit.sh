#!/bin/sh
# run_unit.sh BUILD BIN... - runs each cmocka test program from the
# repository root and ends with one summary line "N passed, N failed".
b=$1; shift
pass=0; fail=0; failed=""
for t in "$@"; do
	out=$("$t" 2>&1); rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
	if [ $rc -ne 0 ]; then
		[ -z "$f" ] && fail=$((fail + 1))
		failed="$failed $t"
		printf '%s\n' "$out"
	fi
done
echo "unit: $pass passed, $fail failed"
[ -z "$failed" ] || { echo "failing programs:$failed"; exit 1; }
