#!/bin/sh
# checksrc.sh - what the compiler does not catch (after curl's checksrc):
# banned functions, assignments inside if/while conditions, every source
# file opening with its explanatory comment, and no tabs/spaces mix-ups at
# line ends.  Exits 1 and lists every offence.
cd "$(dirname "$0")/.." || exit 2
files=$(ls lib/*.c lib/*.h include/kring/*.h cli/*.c cli/*.h server/*.c server/*.h 2>/dev/null)
bad=0
report() { echo "checksrc: $1"; bad=$((bad + 1)); }

for f in $files; do
	# banned: unbounded or error-blind calls
	grep -nE '(^|[^_a-z])(sprintf|vsprintf|strcpy|strcat|gets|atoi|atol|atof|strtok|tmpnam)[[:space:]]*\(' "$f" |
		grep -vE '(snprintf|vsnprintf)' | while IFS= read -r l; do echo "checksrc: $f:$l: banned function"; done
	# assignment in a condition: if (x = y) / while ((x = y)) without comparison
	grep -nE '^[[:space:]]*(if|while) \([a-z_>.-]+ = [^=]' "$f" | while IFS= read -r l; do
		echo "checksrc: $f:$l: assignment in a condition"; done
	# every file opens with a comment that says what it is
	head -n 1 "$f" | grep -q '^/\*' || report "$f:1: the file must open with a comment saying what it implements"
	grep -nE '[[:space:]]+$' "$f" | head -n 3 | while IFS= read -r l; do echo "checksrc: $f:$l: trailing white space"; done
done > /tmp/checksrc.$$
cat /tmp/checksrc.$$
n=$(wc -l < /tmp/checksrc.$$)
rm -f /tmp/checksrc.$$
if [ "$n" -gt 0 ] || [ "$bad" -gt 0 ]; then
	echo "checksrc: $n problem(s)"
	exit 1
fi
echo "checksrc: $(echo "$files" | wc -w) files clean"
