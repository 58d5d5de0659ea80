#!/bin/sh
# partscore's benchmark (make bench, after rankcity's): events per second
# and peak memory of the per-area table, beside a plain CSV pass-through
# of the same events (the I/O floor), all measured in the same run; then
# what the memory grows with: the same run with a tenth of the
# participants (bytes per participant = the difference in peak memory
# over the difference in participants); with the same events read twice
# and four times (more events, the same participants, pairs and times:
# from twice to four times the peak must not move, beyond the bytes the
# larger counts of the durations take; once to twice also shows the
# runs of durations waiting to be merged, at most twice their packed
# size); and with half as many events drawn afresh (for the record:
# fewer events meet fewer (participant, area) pairs and fewer distinct
# durations, which the run must hold exactly).  Data: tests/bench/genpart.c with seed 1 - EVENTS
# (default 10,000,000) events of March 2024 over AREAS (default 3,000)
# areas in 100 districts and PARTICIPANTS (default 1,000,000) participant
# ids, every one of which appears (63% once, the top 1% bring 28% of
# the events), 10% anonymous, 2% staff reports (channel inspector),
# 80% answered within hours to days, in time order; and the areas'
# population file.  The variants: the same with PARTICIPANTS / 10
# (-p100k) and with EVENTS / 2 (-n5m).
#
# The commands (DIR = ${BENCH_DATA:-build/bench-data}/part, PARTSCORE =
# ${BIN:-build}/partscore), stdout to /dev/null:
#   passthrough  taskset -c 0 build/csvpass id at DIR/events.csv
#   partscore    taskset -c 0 PARTSCORE -q DIR/events.csv
#   population   taskset -c 0 PARTSCORE -q --population DIR/population.csv \
#                    DIR/events.csv
#   month        taskset -c 0 PARTSCORE -q --period month DIR/events.csv
#   p100k        taskset -c 0 PARTSCORE -q DIR-pP/events.csv
#                    (P = PARTICIPANTS / 10)
#   twice        taskset -c 0 PARTSCORE -q DIR/events.csv DIR/events.csv
#   four         the same with DIR/events.csv four times
#   n5m          taskset -c 0 PARTSCORE -q DIR-nN/events.csv
#                    (N = EVENTS / 2)
# Every line is pinned to CPU 0 (partscore and csvpass run on one core)
# when taskset is there and CPU 0 is ours; otherwise they run unpinned
# and the table says so.  Each command runs REPEAT times (default 5),
# interleaved; best time and largest peak kept (tests/bench/lib.sh;
# BASELINE_BIN=DIR adds another build's partscore).  Name labels as
# arguments to run only those, for debugging:
#   sh tests/bench/partscore.sh passthrough partscore
# Targets (issue 13): >= 2,000,000 events/s, within 2x the pass-through;
# memory grows with areas x channels and distinct participants, never
# with events: < 64 bytes per participant, and the peak with the events
# read four times within 10% of that with them read twice.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
data=${BENCH_DATA:-build/bench-data}/part
events=${EVENTS:-10000000}
areas=${AREAS:-3000}
parts=${PARTICIPANTS:-1000000}
all_labels="passthrough partscore population month p100k twice four n5m"
labels=${*:-$all_labels}
for l in $labels; do
	case $l in
	passthrough | partscore | population | month | p100k | twice | four | n5m) ;;
	*)
		echo "bench partscore: unknown label: $l (want $all_labels)" >&2
		exit 2
		;;
	esac
done
for f in "${BIN:-build}/partscore" build/genpart build/csvpass; do
	if [ ! -x "$f" ]; then
		echo "bench partscore: $f: not built (make $f)" >&2
		exit 1
	fi
done

# gen DIR N P: generate once into DIR; again when the counts or the
# generator change.
gen() {
	_stamp="genpart -s 1 -n $2 -a $areas -p $3"
	mkdir -p "$1"
	if [ ! -s "$1/stamp" ] || [ "$(cat "$1/stamp")" != "$_stamp" ] ||
		[ -n "$(find build/genpart -newer "$1/stamp")" ]; then
		echo "generating partscore benchmark data in $1" \
			"(seed 1, $2 events, $areas areas, $3 participants)..."
		rm -f "$1/stamp"
		build/genpart -s 1 -n "$2" -a "$areas" -p "$3" -o "$1"
		echo "$_stamp" >"$1/stamp"
	fi
}
pparts=$((parts / 10))
hevents=$((events / 2))
gen "$data" "$events" "$parts"
# The variants, each only when its label is asked for.
case " $labels " in
*" p100k "*) gen "$data-p$pparts" "$events" "$pparts" ;;
esac
case " $labels " in
*" n5m "*) gen "$data-n$hevents" "$hevents" "$parts" ;;
esac

# One core for every line: CPU 0, when we may run there.
pin=""
cores="1 core"
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
	pin="taskset -c 0"
else
	cores="unpinned"
	echo "bench partscore: taskset -c 0 not available: every line runs" \
		"unpinned" >&2
fi

run() {
	# shellcheck disable=SC2086 # $pin is empty or "taskset -c 0"
	case $1 in
	passthrough)
		build/runstat /dev/null $pin build/csvpass id at "$data/events.csv" ;;
	partscore)
		build/runstat /dev/null $pin "$bin/partscore" -q "$data/events.csv" ;;
	population)
		build/runstat /dev/null $pin "$bin/partscore" -q \
			--population "$data/population.csv" "$data/events.csv" ;;
	month)
		build/runstat /dev/null $pin "$bin/partscore" -q --period month \
			"$data/events.csv" ;;
	p100k)
		build/runstat /dev/null $pin "$bin/partscore" -q \
			"$data-p$pparts/events.csv" ;;
	twice)
		build/runstat /dev/null $pin "$bin/partscore" -q \
			"$data/events.csv" "$data/events.csv" ;;
	four)
		build/runstat /dev/null $pin "$bin/partscore" -q \
			"$data/events.csv" "$data/events.csv" \
			"$data/events.csv" "$data/events.csv" ;;
	n5m)
		build/runstat /dev/null $pin "$bin/partscore" -q \
			"$data-n$hevents/events.csv" ;;
	esac
}

tool_labels="partscore population month p100k twice four n5m"
. tests/bench/lib.sh
bench_interleave partscore
printf '%-44s %8s %12s %9s %8s\n' \
	"partscore benchmark ($events events, $cores)" seconds events/s \
	"peak MiB" "x floor"
awk -v n="$events" -v hn="$hevents" -v parts="$parts" -v pparts="$pparts" '
{ if (!($1 in best) || $2 < best[$1]) best[$1] = $2
  if ($3 > mem[$1]) mem[$1] = $3 }
function ratio(t, ref) {
	return (ref in best) ? sprintf("%.2f", t / best[ref]) : "-"
}
END {
	split("passthrough partscore population month p100k twice four n5m",
	    order, " ")
	name["passthrough"] = "csv pass-through (I/O floor)"
	name["partscore"] = "partscore (per area)"
	name["population"] = "partscore --population"
	name["month"] = "partscore --period month"
	name["p100k"] = sprintf("partscore, %d participants", pparts)
	name["twice"] = "partscore, the events read twice"
	name["four"] = "partscore, the events read four times"
	name["n5m"] = sprintf("partscore, %d events", hn)
	for (i = 1; i <= 8; i++) {
		l = order[i]
		if (!(l in best))
			continue
		ev = l == "n5m" ? hn : l == "twice" ? 2 * n : \
		    l == "four" ? 4 * n : n
		# the floor was timed on the file once
		x = l == "n5m" || l == "twice" || l == "four" ? "-" : \
		    ratio(best[l], "passthrough")
		rate = best[l] > 0 ? sprintf("%.0f", ev / best[l]) : "inf"
		printf "%-44s %8.3f %12s %9.1f %8s\n", name[l], best[l], rate,
		    mem[l] / 1024, x
	}
	if (("partscore" in mem) && ("p100k" in mem))
		printf "bytes per participant: (%.1f - %.1f MiB) / %d = %.1f\n",
		    mem["partscore"] / 1024, mem["p100k"] / 1024, parts - pparts,
		    (mem["partscore"] - mem["p100k"]) * 1024 / (parts - pparts)
	if (("partscore" in mem) && ("twice" in mem))
		printf "peak memory with the events read twice: %.2f x once\n",
		    mem["twice"] / mem["partscore"]
	if (("twice" in mem) && ("four" in mem))
		printf "peak memory with the events read four times: %.2f x " \
		    "twice\n", mem["four"] / mem["twice"]
	if (("partscore" in mem) && ("n5m" in mem))
		printf "peak memory with %d events: %.2f x that with %d drawn " \
		    "afresh (more pairs and durations met)\n", n,
		    mem["partscore"] / mem["n5m"], hn
}' "$results"
echo "targets: >= 2000000 events/s, <= 2.00 x floor, < 64 bytes per" \
	"participant, peak within 1.10 x from the events read twice to four" \
	"times"
bench_compare
