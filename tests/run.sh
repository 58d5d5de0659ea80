#!/bin/sh
# Runs every test: the dependency installer without a package manager
# (tests/deps.sh), the shape of the tree (tests/layers.sh), unit tests,
# each tool's CLI tests with golden files and those of the shared command
# line (tests/cli/cases.sh),
# all on tests/harness.sh, the real-data test and the
# man page examples, first on the normal build, then on the build with
# AddressSanitizer and UndefinedBehaviorSanitizer (any report, leaks
# included, fails the run); last the replay of the fuzz corpora and saved
# crashes through the libFuzzer harnesses (tests/fuzz/README).  Each
# prints "NAME: N passed, N failed" last; this adds them up and closes
# with "N passed, N failed".
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS UBSAN_OPTIONS
total_pass=0
total_fail=0
log=$(mktemp "${TMPDIR:-/tmp}/run.XXXXXX") || exit 1
trap 'rm -f "$log"' EXIT

# run LABEL COMMAND...: show the output, add up its closing count line.
run() {
	label=$1
	shift
	echo "== $label"
	"$@" >"$log" 2>&1
	st=$?
	cat "$log"
	line=$(grep -E '^[a-z]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed/\1/')
	if [ -z "$line" ]; then
		echo "not ok $label: no result line (exit status $st)"
		p=0
		f=1
	elif [ "$st" != 0 ] && [ "$f" = 0 ]; then
		echo "not ok $label: exit status $st"
		f=1
	fi
	if grep -qE '^(==[0-9]+==ERROR|.*runtime error:|SUMMARY: (Address|UndefinedBehavior|Leak)Sanitizer)' "$log"; then
		echo "not ok $label: sanitizer report"
		f=$((f + 1))
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

run "deps" sh tests/deps.sh
for b in build build/asan; do
	run "layers ($b)" sh tests/layers.sh "$b"
	run "unit ($b)" "$b/unit"
	for tool in gridify caseflow rankcity partscore cli; do
		run "$tool ($b)" sh tests/$tool/cases.sh "$b"
	done
	run "realdata ($b)" sh tests/realdata.sh "$b"
	run "gridify locator ($b)" sh tests/gridify/locator.sh "$b"
	run "man examples ($b)" sh tests/manex.sh "$b"
done
run "fuzz replay" sh tests/fuzz/replay.sh build/fuzz

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
