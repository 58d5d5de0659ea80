#!/bin/sh
# rankcity's benchmark (make bench, after caseflow's): Monte Carlo
# replications per second and peak memory of the uncertainty analysis
# (--uncertainty 10000), on COINr's ASEM example and on a 300-city index,
# beside one nominal run of the same 300-city index (no --uncertainty: the
# read, the pipeline and the ranking once), all measured in the same run.
# Data: testdata/rankcity/asem_iMeta.csv and asem_iData.csv (51 countries,
# 49 indicators, 8 pillars, 2 sub-indices, 1 index), and
# tests/bench/genindex.c with seed 1 - 300 cities, 60 indicators in 10
# pillars of 6, 2 sub-indices, 1 index, about 2% of the cells missing.
#
# The commands (DIR = ${BENCH_DATA:-build/bench-data}/index, RANKCITY =
# ${BIN:-build}/rankcity), stdout to /dev/null:
#   asem            RANKCITY -q -m testdata/rankcity/asem_iMeta.csv \
#                       --unit uCode --uncertainty 10000 --seed 1 \
#                       testdata/rankcity/asem_iData.csv
#   gen300          taskset -c 0 RANKCITY -q -m DIR/meta.csv --unit unit \
#                       --uncertainty 10000 --seed 1 DIR/data.csv
#   gen300-nominal  taskset -c 0 RANKCITY -q -m DIR/meta.csv --unit unit \
#                       DIR/data.csv
# The two gen300 lines are pinned to CPU 0 (the target is one core) when
# taskset is there and CPU 0 is ours; otherwise they run unpinned and the
# table says so.  Each command runs REPEAT times (default 5), interleaved;
# best time kept (tests/bench/lib.sh; BASELINE_BIN=DIR adds another
# build's rankcity).  Name labels as arguments to run only those, for
# debugging:
#   sh tests/bench/rankcity.sh gen300
# Target: 10,000 replications of the 300-city index in < 2 s on
# one core.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
data=${BENCH_DATA:-build/bench-data}/index
reps=10000
asem=testdata/rankcity
labels=${*:-asem gen300 gen300-nominal}
for l in $labels; do
	case $l in
	asem | gen300 | gen300-nominal) ;;
	*)
		echo "bench rankcity: unknown label: $l" \
			"(want asem gen300 gen300-nominal)" >&2
		exit 2
		;;
	esac
done
if [ ! -x "${BIN:-build}/rankcity" ]; then
	echo "bench rankcity: ${BIN:-build}/rankcity: not built" >&2
	exit 1
fi
for f in "$asem/asem_iMeta.csv" "$asem/asem_iData.csv"; do
	if [ ! -s "$f" ]; then
		echo "bench rankcity: $f: missing" >&2
		exit 1
	fi
done

# Generate once; again when the generator changes.
stamp="genindex -s 1 -u 300 -i 60"
if [ ! -x build/genindex ]; then
	echo "bench rankcity: build/genindex: not built (make build/genindex)" >&2
	exit 1
fi
mkdir -p "$data"
if [ ! -s "$data/stamp" ] || [ "$(cat "$data/stamp")" != "$stamp" ] ||
	[ -n "$(find build/genindex -newer "$data/stamp")" ]; then
	echo "generating rankcity benchmark data in $data (seed 1, 300 cities)..."
	rm -f "$data/stamp"
	build/genindex -s 1 -u 300 -i 60 -o "$data"
	echo "$stamp" >"$data/stamp"
fi

# One core for the 300-city lines: CPU 0, when we may run there.
pin=""
cores="1 core"
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
	pin="taskset -c 0"
else
	cores="unpinned"
	echo "bench rankcity: taskset -c 0 not available:" \
		"the gen300 lines run unpinned" >&2
fi

# units and indicators, for the table
asem_units=$(($(wc -l <"$asem/asem_iData.csv") - 1))
asem_ind=$(awk -F, '$1 == 1' "$asem/asem_iMeta.csv" | wc -l)
gen_units=$(($(wc -l <"$data/data.csv") - 1))
gen_ind=$(awk -F, '$1 == 1' "$data/meta.csv" | wc -l)

run() {
	# shellcheck disable=SC2086 # $pin is empty or "taskset -c 0"
	case $1 in
	asem)
		build/runstat /dev/null "$bin/rankcity" -q -m "$asem/asem_iMeta.csv" \
			--unit uCode --uncertainty "$reps" --seed 1 \
			"$asem/asem_iData.csv" ;;
	gen300)
		build/runstat /dev/null $pin "$bin/rankcity" -q -m "$data/meta.csv" \
			--unit unit --uncertainty "$reps" --seed 1 "$data/data.csv" ;;
	gen300-nominal)
		build/runstat /dev/null $pin "$bin/rankcity" -q -m "$data/meta.csv" \
			--unit unit "$data/data.csv" ;;
	esac
}

tool_labels="asem gen300 gen300-nominal"
. tests/bench/lib.sh
bench_interleave rankcity
printf '%-46s %8s %10s %9s %10s\n' \
	"rankcity benchmark ($reps replications)" seconds repl/s "peak MiB" \
	"x nominal"
awk -v reps="$reps" -v cores="$cores" -v au="$asem_units" -v ai="$asem_ind" \
    -v gu="$gen_units" -v gi="$gen_ind" '
{ if (!($1 in best) || $2 < best[$1]) best[$1] = $2
  if ($3 > mem[$1]) mem[$1] = $3 }
END {
	split("asem gen300 gen300-nominal", order, " ")
	name["asem"] = sprintf("ASEM, %d units x %d ind., --uncertainty",
	    au, ai)
	name["gen300"] = sprintf("%d cities x %d ind., --uncertainty, %s",
	    gu, gi, cores)
	name["gen300-nominal"] = sprintf("%d cities, nominal run only (baseline)",
	    gu)
	for (i = 1; i <= 3; i++) {
		l = order[i]
		if (!(l in best))
			continue
		rate = "-"
		if (l != "gen300-nominal")
			rate = best[l] > 0 ? sprintf("%.0f", reps / best[l]) : "inf"
		x = "-"
		if (l == "gen300" && ("gen300-nominal" in best) &&
		    best["gen300-nominal"] > 0)
			x = sprintf("%.1f", best[l] / best["gen300-nominal"])
		printf "%-46s %8.3f %10s %9.1f %10s\n", name[l], best[l], rate,
		    mem[l] / 1024, x
	}
}' "$results"
echo "target: 10,000 replications of the 300-city index in < 2 s on one core"
bench_compare
