#!/bin/sh
# gridify's benchmark (the first of make bench): points per second and
# peak memory on two polygon sets, beside a plain CSV pass-through of the
# same points file measured in the same run (the I/O floor).  Data: tests/bench/gengrid.c with
# seed 1 — a 20 km x 20 km area in metres, 40,000 square 100 m cells, 300
# irregular districts of about 200 vertices each, 1,000,000 random points.
# Each command runs REPEAT times (default 5), interleaved; best time kept
# (tests/bench/lib.sh; BASELINE_BIN=DIR adds another build's gridify).
# The last line, --exact, is the plain GEOS STRtree + prepared-geometry loop
# the fast locator replaces, for scale.
# Targets (issue 2): >= 1,500,000 points/s on both sets, within 3x of the
# pass-through, peak memory under 100 MiB.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
data=${BENCH_DATA:-build/bench-data}
mkdir -p "$data"
if [ ! -s "$data/points.csv" ]; then
	echo "generating benchmark data in $data (seed 1)..."
	build/gengrid -s 1 -o "$data"
fi
n=$(($(wc -l <"$data/points.csv") - 1))

labels="passthrough cells districts count exact"
tool_labels="cells districts count exact"
run() {
	case $1 in
	passthrough)
		build/runstat /dev/null build/csvpass x y "$data/points.csv" ;;
	cells)
		build/runstat /dev/null "$bin/gridify" -q -p "$data/cells.csv" \
		    -x x -y y "$data/points.csv" ;;
	districts)
		build/runstat /dev/null "$bin/gridify" -q \
		    -p "$data/districts.csv" -x x -y y "$data/points.csv" ;;
	count)
		build/runstat /dev/null "$bin/gridify" -q --count \
		    -p "$data/cells.csv" -x x -y y "$data/points.csv" ;;
	exact)
		build/runstat /dev/null "$bin/gridify" -q --exact \
		    -p "$data/districts.csv" -x x -y y "$data/points.csv" ;;
	esac
}
. tests/bench/lib.sh
bench_interleave gridify
printf '%-34s %9s %14s %10s %8s\n' "gridify benchmark ($n points)" seconds points/s "peak MiB" "x floor"
awk -v n="$n" '
{ if (!($1 in best) || $2 < best[$1]) best[$1] = $2
  if ($3 > mem[$1]) mem[$1] = $3 }
END {
	split("passthrough cells districts count exact", order, " ")
	name["passthrough"] = "csv pass-through (I/O floor)"
	name["cells"] = "gridify, 40,000 cells"
	name["districts"] = "gridify, 300 districts"
	name["count"] = "gridify --count, 40,000 cells"
	name["exact"] = "GEOS only (--exact), 300 districts"
	for (i = 1; i <= 5; i++) {
		l = order[i]
		printf "%-34s %9.3f %14.0f %10.1f %8.2f\n", name[l], best[l],
		    n / best[l], mem[l] / 1024, best[l] / best["passthrough"]
	}
}' "$results"
echo "targets: >= 1500000 points/s on both sets, <= 3.00 x floor, < 100 MiB"

bench_compare
