#!/bin/sh
# run.sh KRING TEST... - runs the server test programs one after the other
# (each starts its own server on a free port), prints their lines, and exits
# 1 when any of them failed.  Run from the repository root.
K=${1:?usage: tests/server/run.sh KRING TEST...}
shift
failed=0
for t in "$@"; do
	if ! timeout 600 "$t" "$K"; then
		echo "servertest: $(basename "$t") FAILED"
		failed=1
	fi
done
[ $failed -eq 0 ] && echo "servertest: all passed"
exit $failed
