#!/bin/sh
# The man pages' examples are tests: inside each ".Bd -literal" block of
# man/*.1, a line starting with "$ " is a command (run from the repository
# root, standard error ignored) and the lines after it, up to the next
# command or ".Ed", are its exact standard output.  And each page renders
# under man -l without a warning from groff, with every section there.  The checks run on
# tests/harness.sh; each is named after its page and command.
#
# Usage: sh tests/manex.sh [BINDIR]   (default: build)
# Prints "manex: N passed, N failed" last.
cd "$(dirname "$0")/.." || exit 2
. tests/harness.sh
suite manex "$@"

for page in man/*.1; do
	# Rendered as man -l shows it (make deps installs man-db and groff):
	# no troff warning or error, and every .Sh heading in the text (a
	# macro mdoc misreads, like .%T starting with "An", swallows the
	# rest of the page silently).
	groff -mandoc -Tutf8 -z "$page" >"$tmp/warn" 2>&1
	ok "$page renders cleanly" test ! -s "$tmp/warn" ||
	    head -5 "$tmp/warn"
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" \
	    >"$tmp/text" 2>"$tmp/warn"
	ok "$page: man -l renders it without warnings" test ! -s "$tmp/warn" ||
	    head -5 "$tmp/warn"
	sed -n 's/^\.Sh //p' "$page" | sed 's/^"\(.*\)"$/\1/' |
	    while IFS= read -r sh; do
		grep -qxF "$sh" "$tmp/text" || echo "$sh"
	done >"$tmp/lost"
	ok "$page: man -l shows every section" test ! -s "$tmp/lost" ||
	    sed 's/^/missing: /' "$tmp/lost"
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
		sh -c "$(cat "$c")" </dev/null >"$tmp/got" 2>/dev/null
		ok "$page example: $(cat "$c")" cmp -s "$tmp/got" "$w" ||
		    diff "$w" "$tmp/got" | head -10
	done
done

finish
