#!/bin/sh
# rankcity's benchmark (make bench, after caseflow's): Monte Carlo
# replications per second and peak memory of the uncertainty analysis
# (--uncertainty 10000), on COINr's ASEM example and on a 300-city index,
# beside one nominal run of the same 300-city index (no --uncertainty: the
# read, the pipeline and the ranking once), all measured in the same run;
# then nominal runs of 300 cities with 25,000, 50,000 and 100,000
# indicators, whose time must grow in proportion to the indicators
# (issue 12: name lookups were linear searches, the time quadratic).
# Data: testdata/rankcity/asem_iMeta.csv and asem_iData.csv (51 countries,
# 49 indicators, 8 pillars, 2 sub-indices, 1 index), and
# tests/bench/genindex.c with seed 1 - 300 cities, 60 indicators in 10
# pillars of 6, 2 sub-indices, 1 index, about 2% of the cells missing;
# the same with -i 25000, 50000 and 100000 (4,167 to 16,667 pillars,
# 40 to 150 MB of data).
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
#   wide25k, wide50k, wide100k
#                   taskset -c 0 RANKCITY -q -m DIR-wN/meta.csv --unit unit \
#                       DIR-wN/data.csv        (N = 25000, 50000, 100000)
# The gen300 and wide lines are pinned to CPU 0 (the target is one core)
# when taskset is there and CPU 0 is ours; otherwise they run unpinned
# and the table says so.  Each command runs REPEAT times (default 5),
# interleaved; best time kept (tests/bench/lib.sh; BASELINE_BIN=DIR adds
# another build's rankcity).  A quadratic baseline takes minutes a run at
# 50,000 indicators and more, so with BASELINE_BIN only wide25k has its
# baseline unless WIDE_BASELINE=1.  Name labels as arguments to run only
# those, for debugging:
#   sh tests/bench/rankcity.sh gen300
# Targets: 10,000 replications of the 300-city index in < 2 s on one
# core; 100,000 indicators x 300 cities in a few seconds, the time per
# indicator the same at 25,000, 50,000 and 100,000.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
data=${BENCH_DATA:-build/bench-data}/index
reps=10000
asem=testdata/rankcity
all_labels="asem gen300 gen300-nominal wide25k wide50k wide100k"
labels=${*:-$all_labels}
for l in $labels; do
	case $l in
	asem | gen300 | gen300-nominal | wide25k | wide50k | wide100k) ;;
	*)
		echo "bench rankcity: unknown label: $l (want $all_labels)" >&2
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
# The wide indices, each only when its label is asked for.
for l in $labels; do
	case $l in
	wide*) ;;
	*) continue ;;
	esac
	nw=${l#wide}
	nw=${nw%k}000
	wdir=$data-w$nw
	wstamp="genindex -s 1 -u 300 -i $nw"
	mkdir -p "$wdir"
	if [ ! -s "$wdir/stamp" ] || [ "$(cat "$wdir/stamp")" != "$wstamp" ] ||
		[ -n "$(find build/genindex -newer "$wdir/stamp")" ]; then
		echo "generating rankcity benchmark data in $wdir" \
			"(seed 1, 300 cities, $nw indicators)..."
		rm -f "$wdir/stamp"
		build/genindex -s 1 -u 300 -i "$nw" -o "$wdir"
		echo "$wstamp" >"$wdir/stamp"
	fi
done

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
	wide*)
		_w=${1#wide}
		_w=$data-w${_w%k}000
		build/runstat /dev/null $pin "$bin/rankcity" -q -m "$_w/meta.csv" \
			--unit unit "$_w/data.csv" ;;
	esac
}

tool_labels="asem gen300 gen300-nominal wide25k"
if [ "${WIDE_BASELINE:-}" = 1 ]; then
	tool_labels="$tool_labels wide50k wide100k"
fi
. tests/bench/lib.sh
bench_interleave rankcity
if grep -Eq '^(asem|gen300|gen300-nominal) ' "$results"; then
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
fi
# The wide lines: seconds per 1,000 indicators the same at every width.
if grep -q '^wide[0-9]*k ' "$results"; then
	echo
	printf '%-46s %8s %9s %12s\n' \
		"rankcity, 300 cities, nominal run ($cores)" seconds "peak MiB" \
		"s/1000 ind."
	awk '
	$1 ~ /^wide[0-9]+k$/ {
		if (!($1 in best) || $2 < best[$1]) best[$1] = $2
		if ($3 > mem[$1]) mem[$1] = $3 }
	END {
		split("wide25k wide50k wide100k", order, " ")
		for (i = 1; i <= 3; i++) {
			l = order[i]
			if (!(l in best))
				continue
			ni = substr(l, 5) + 0
			printf "%-46s %8.3f %9.1f %12.4f\n",
			    sprintf("%d indicators", ni * 1000), best[l],
			    mem[l] / 1024, best[l] / ni
		}
	}' "$results"
	echo "target: 100,000 indicators in a few seconds, s/1000 ind. flat"
fi
bench_compare
