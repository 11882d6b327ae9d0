#!/bin/sh
# run.sh KRING TEST... - runs the reliability programs and then every
# tests/reliability/*.sh with KRING, prints their lines and exits 1 when any
# failed.  Run from the repository root.
K=${1:?usage: tests/reliability/run.sh KRING TEST...}
shift
failed=0
for t in "$@" tests/reliability/*.sh; do
	case $t in */run.sh) continue;; esac
	[ -e "$t" ] || continue
	case $t in
	*.sh) timeout 900 sh "$t" "$K" ;;
	*) timeout 900 "$t" "$K" ;;
	esac
	if [ $? -ne 0 ]; then
		echo "reliability: $(basename "$t") FAILED"
		failed=1
	fi
done
[ $failed -eq 0 ] && echo "reliability: all passed"
exit $failed
