#!/bin/sh
# tests/fuzz/fuzz.sh - what make fuzz runs: each harness fuzzed for SECONDS
# seconds in turn, from its seeds (tests/fuzz/corpus/HARNESS/, read only)
# and the inputs kept from earlier runs (FUZZBUILD/corpus/HARNESS/, where
# new ones go).  A crash, a leak, a wrong answer (the harness aborts), an
# input that takes over 10 seconds, or one that needs over 2 GB is
# written to ARTIFACTS/HARNESS/ and the next harness goes on; the exit
# status is 1 when any harness found something.
# Usage: tests/fuzz/fuzz.sh FUZZBUILD SECONDS ARTIFACTS HARNESS...
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
fb=$1 secs=$2 art=$3
shift 3
found=
for h; do
	# The longest input worth trying: a few records, a layer of a few
	# polygons, one time field; the multi-file harnesses need more.
	case $h in
	time) max=256 ;;
	pip) max=1024 ;;
	csv|wkt) max=4096 ;;
	*) max=16384 ;;
	esac
	mkdir -p "$fb/corpus/$h" "$art/$h" || exit 1
	echo "== fuzz_$h: $secs s, -max_len=$max, findings in $art/$h/"
	if ! "$fb/fuzz_$h" -max_total_time="$secs" -timeout=10 \
	    -rss_limit_mb=2048 -max_len=$max -print_final_stats=1 \
	    -artifact_prefix="$art/$h/" "$fb/corpus/$h" \
	    "tests/fuzz/corpus/$h" 2>"$fb/fuzz_$h.log"; then
		found="$found $h"
		grep -m1 -A8 '^==[0-9]*==ERROR\|runtime error\|wrong answer\|ALARM\|out-of-memory' \
		    "$fb/fuzz_$h.log"
	fi
	grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units' \
	    "$fb/fuzz_$h.log" | tail -2
done
if [ -n "$found" ]; then
	echo "make fuzz: findings in:$found (see $art/ and $fb/fuzz_*.log)"
	exit 1
fi
echo "make fuzz: nothing found in $secs s per harness"
