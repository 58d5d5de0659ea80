#!/bin/sh
# The man pages' examples are tests: inside each ".Bd -literal" block of
# man/*.1, a line starting with "$ " is a command (run from the repository
# root, standard error ignored) and the lines after it, up to the next
# command or ".Ed", are its exact standard output.
# Usage: tests/manex.sh [BINDIR]    Prints "manex: N passed, N failed".
bindir=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
PATH="$root/$bindir:$PATH"
LC_ALL=C
export PATH LC_ALL
tmp=$(mktemp -d "${TMPDIR:-/tmp}/manex.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
for page in man/*.1; do
	rm -f "$tmp"/ex.*
	# Split the examples into ex.N.cmd and ex.N.want, undoing mdoc escapes.
	awk -v dir="$tmp" '
	function unesc(s) { gsub(/\\&/, "", s); gsub(/\\-/, "-", s);
		gsub(/\\e/, "\\", s); return s }
	/^\.Bd -literal/ { lit = 1; next }
	/^\.Ed/ { lit = 0; cur = ""; next }
	lit && /^\$ / { n++; cur = dir "/ex." n;
		print unesc(substr($0, 3)) > (cur ".cmd"); printf "" > (cur ".want"); next }
	lit && cur != "" { print unesc($0) > (cur ".want") }
	' "$page"
	for c in "$tmp"/ex.*.cmd; do
		[ -e "$c" ] || continue
		w=${c%.cmd}.want
		sh -c "$(cat "$c")" >"$tmp/got" 2>/dev/null
		if cmp -s "$tmp/got" "$w"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "not ok $page example: $(cat "$c")"
			diff "$w" "$tmp/got" | head -10
		fi
	done
done
echo "manex: $pass passed, $fail failed"
[ "$fail" = 0 ]
