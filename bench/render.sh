#!/bin/sh
# bench/render.sh BUILD_DIR [N] - the renderer benchmarks of BENCHMARKS.md:
#   1. bench_render: kr_render_svg per kind on the N largest generated cases
#      (60 people), median and worst of 15 renders each, and the ecogram's
#      geometry as JSON (eco-json: what the browser's ecogram fetches);
#   2. the same sociogram graphs laid out by Graphviz `neato` and the same
#      family trees by `dot`, all N in one process (start-up paid once, and
#      measured separately on an empty graph), against kring's in-process
#      time for the same N pictures.
set -e
b=$1
n=${2:-20}
tmp=$(mktemp -d /tmp/kring-render.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
ms() { # ms CMD... : wall time of CMD in milliseconds (best of 3)
	best=""
	for i in 1 2 3; do
		t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
		t=$(( (t1 - t0) / 1000000 ))
		[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
	done
	echo "$best"
}

echo "== kring render benchmark: $n cases of 60 people ($(nproc) cores)"
"$b/bench_render" "$n" "$tmp" | tee "$tmp/out.txt"
if ! command -v neato >/dev/null; then
	echo "graphviz is not installed (apt-get install graphviz): no comparison"
	exit 0
fi
echo "graph e {}" > "$tmp/empty.dot"
base=$(ms neato -Tsvg "$tmp/empty.dot")
neato_ms=$(ms neato -Tsvg "$tmp/sociogram.dot")
dot_ms=$(ms dot -Tsvg "$tmp/genogram.dot")
k_soc=$(sed -n "s/^all $n sociogram in one run: \([0-9.]*\) ms/\1/p" "$tmp/out.txt")
k_gen=$(sed -n "s/^all $n genogram in one run: \([0-9.]*\) ms/\1/p" "$tmp/out.txt")
echo "-- Graphviz $(dot -V 2>&1 | sed 's/.*version //'), $n graphs per process, -Tsvg, best of 3:"
echo "process start-up (empty graph): $base ms"
echo "neato, sociogram graphs: $neato_ms ms in all, $(( neato_ms - base )) ms without start-up"
echo "dot, genogram family trees: $dot_ms ms in all, $(( dot_ms - base )) ms without start-up"
awk -v k="$k_soc" -v g="$(( neato_ms - base ))" \
	'BEGIN { printf "sociogram: kring %.1f ms vs neato %d ms: kring takes %.2f of neato'"'"'s time\n", k, g, k / g }'
awk -v k="$k_gen" -v g="$(( dot_ms - base ))" \
	'BEGIN { printf "genogram: kring %.1f ms vs dot %d ms: kring takes %.2f of dot'"'"'s time\n", k, g, k / g }'
