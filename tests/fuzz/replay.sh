#!/bin/sh
# tests/fuzz/replay.sh - run every file of tests/fuzz/corpus/HARNESS/ and
# tests/fuzz/crashes/HARNESS/ once through build/fuzz/fuzz_HARNESS (no
# fuzzing: libFuzzer given files runs each once).  Prints "not ok
# fuzz/HARNESS/FILE" with the harness's report for each file that fails,
# and last "fuzz: N passed, N failed" (one per file).  Where make could
# not build the harnesses (no clang, no libFuzzer: build/fuzz/skipped
# says why), it says "fuzz replay skipped: WHY" and passes.
# Usage: tests/fuzz/replay.sh [FUZZBUILD]   (default build/fuzz)
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
fb=${1:-build/fuzz}
pass=0
fail=0
if [ -f "$fb/skipped" ]; then
	echo "fuzz replay skipped: $(cat "$fb/skipped")"
	echo "fuzz: 0 passed, 0 failed"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fuzz.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
# The harnesses' leaks are findings too; the log is read only on failure.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export ASAN_OPTIONS
for d in tests/fuzz/corpus/* tests/fuzz/crashes/*; do
	[ -d "$d" ] || continue
	h=${d##*/}
	if [ ! -x "$fb/fuzz_$h" ]; then
		echo "not ok fuzz/$h: no harness $fb/fuzz_$h (make fuzz-build)"
		fail=$((fail + 1))
		continue
	fi
	ls "$d" >"$tmp/files"
	n=$(wc -l <"$tmp/files")
	[ "$n" -gt 0 ] || continue
	# All files in one run; only when it fails, each alone to name them.
	if (cd "$d" && "$root/$fb/fuzz_$h" -runs=1 $(cat "$tmp/files")) \
	    >"$tmp/log" 2>&1; then
		pass=$((pass + n))
		continue
	fi
	while read -r f; do
		if "$fb/fuzz_$h" -runs=1 "$d/$f" >"$tmp/log" 2>&1; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "not ok fuzz/$h/$f:"
			grep -v '^INFO:\|^Running:\|^Executed' "$tmp/log" | head -30
		fi
	done <"$tmp/files"
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" = 0 ]
