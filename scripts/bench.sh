#!/bin/sh
# gridify's benchmark (make bench): points per second and peak memory on
# two polygon sets, beside a plain CSV pass-through of the same points file
# measured in the same run (the I/O floor).  Data: scripts/gengrid.c with
# seed 1 — a 20 km x 20 km area in metres, 40,000 square 100 m cells, 300
# irregular districts of about 200 vertices each, 1,000,000 random points.
# Each command runs REPEAT times (default 3); the best time is reported.
# Targets (issue 2): >= 1,500,000 points/s on both sets, within 3x of the
# pass-through, peak memory under 100 MiB.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
data=${BENCH_DATA:-build/bench-data}
repeat=${REPEAT:-3}
mkdir -p "$data"
if [ ! -s "$data/points.csv" ]; then
	echo "generating benchmark data in $data (seed 1)..."
	build/gengrid -s 1 -o "$data"
fi
n=$(($(wc -l <"$data/points.csv") - 1))

best() { # best LABEL COMMAND...: prints "seconds kib" of the fastest run
	label=$1
	shift
	bt=""
	bm=0
	i=0
	while [ $i -lt "$repeat" ]; do
		r=$(build/runstat /dev/null "$@")
		t=${r%% *}
		rest=${r#* }
		m=${rest%% *}
		st=${rest#* }
		if [ "$st" != 0 ]; then
			echo "bench: $label failed with exit status $st" >&2
			exit 1
		fi
		if [ -z "$bt" ] || [ "$(awk "BEGIN{print ($t < $bt)}")" = 1 ]; then
			bt=$t
		fi
		[ "$m" -gt "$bm" ] && bm=$m
		i=$((i + 1))
	done
	echo "$bt $bm"
}

printf '%-34s %9s %14s %10s %8s\n' "gridify benchmark ($n points)" seconds points/s "peak MiB" "x floor"
pass=$(best passthrough build/csvpass x y "$data/points.csv")
pt=${pass% *}
report() {
	t=${2% *}
	m=${2#* }
	awk -v l="$1" -v t="$t" -v m="$m" -v n="$n" -v pt="$pt" 'BEGIN {
	    printf "%-34s %9.3f %14.0f %10.1f %8.2f\n", l, t, n / t, m / 1024, t / pt }'
}
report "csv pass-through (I/O floor)" "$pass"
report "gridify, 40,000 cells" "$(best cells build/gridify -q -p "$data/cells.csv" -x x -y y "$data/points.csv")"
report "gridify, 300 districts" "$(best districts build/gridify -q -p "$data/districts.csv" -x x -y y "$data/points.csv")"
report "gridify --count, 40,000 cells" "$(best count build/gridify -q --count -p "$data/cells.csv" -x x -y y "$data/points.csv")"
echo "targets: >= 1500000 points/s on both sets, <= 3.00 x floor, < 100 MiB"

