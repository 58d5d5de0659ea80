#!/bin/sh
# caseflow's benchmark (make bench, after gridify's): events per second and
# peak memory for the summary by district and month, beside GNU datamash
# computing median and p90 of a precomputed duration column grouped the
# same way, and a plain CSV pass-through of the events (the I/O floor), all
# measured in the same run.  Data: tests/bench/gencases.c with seed 1 -
# CASES (default 2,000,000) cases, about 5 events each, 20 districts, 50
# categories, timestamps over 2024, rows shuffled.
#
# The commands (DIR = ${BENCH_DATA:-build/bench-data}/cases), stdout to
# /dev/null:
#   passthrough  build/csvpass case_id at DIR/events.csv
#   caseflow     BIN/caseflow -q --by district --period month DIR/events.csv
#   sorted       BIN/caseflow -q --sorted --by district --period month \
#                    DIR/events-sorted.csv
#   datamash     LC_ALL=C sort -t, -k1,1 -k2,2 DIR/durations.body |
#                    datamash -t, -g 1,2 median 3 perc:90 3
#   wd5, wd1m    BIN/caseflow -q --sorted --by district \
#                    --calendar testdata/holiday-cn --rules DIR/rules-N.csv \
#                    DIR/events-sorted.csv
#                (every case's close limit N = 5 or 1,000,000 working days
#                on the holiday calendar: the cost per case must not depend
#                on N, issue 12; the build before that stepped one day at a
#                time, about 7 ms a case at N = 1,000,000, so these two have
#                no baseline run)
# (durations.body is durations.csv without its header, made once.)  The
# datamash line's peak memory is that of its largest process (sort), not
# the sum.  Each command runs REPEAT times (default 5), interleaved; best
# time kept (tests/bench/lib.sh; BASELINE_BIN=DIR adds another build's
# caseflow).  Name labels as arguments to run only those, for debugging:
#   sh tests/bench/caseflow.sh datamash
# Targets (issue 3): >= 2,000,000 events/s, faster than the datamash line,
# peak memory < 100 bytes per case (< 40 MiB with --sorted); wd1m within
# 10% of wd5.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
data=${BENCH_DATA:-build/bench-data}/cases
cases=${CASES:-2000000}
labels=${*:-passthrough caseflow sorted datamash wd5 wd1m}
for l in $labels; do
	case $l in
	passthrough | caseflow | sorted | datamash | wd5 | wd1m) ;;
	*)
		echo "bench caseflow: unknown label: $l" \
			"(want passthrough caseflow sorted datamash wd5 wd1m)" >&2
		exit 2
		;;
	esac
done

# Generate once; again when CASES or the generator changes.
stamp="gencases -s 1 -n $cases"
mkdir -p "$data"
if [ ! -s "$data/stamp" ] || [ "$(cat "$data/stamp")" != "$stamp" ] ||
	[ -n "$(find build/gencases -newer "$data/stamp")" ]; then
	echo "generating caseflow benchmark data in $data (seed 1, $cases cases)..."
	rm -f "$data/stamp"
	build/gencases -s 1 -n "$cases" -o "$data"
	tail -n +2 "$data/durations.csv" >"$data/durations.body"
	echo "$stamp" >"$data/stamp"
fi
n=$(($(wc -l <"$data/events.csv") - 1))
printf 'category,stage,limit,unit\n*,close,5,wd\n' >"$data/rules-5.csv"
printf 'category,stage,limit,unit\n*,close,1000000,wd\n' >"$data/rules-1m.csv"

run() {
	case $1 in
	passthrough)
		build/runstat /dev/null build/csvpass case_id at "$data/events.csv" ;;
	caseflow)
		build/runstat /dev/null "$bin/caseflow" -q --by district \
			--period month "$data/events.csv" ;;
	sorted)
		build/runstat /dev/null "$bin/caseflow" -q --sorted --by district \
			--period month "$data/events-sorted.csv" ;;
	datamash)
		# shellcheck disable=SC2016
		build/runstat /dev/null sh -c 'LC_ALL=C sort -t, -k1,1 -k2,2 "$1" |
			datamash -t, -g 1,2 median 3 perc:90 3' sh "$data/durations.body" ;;
	wd5 | wd1m)
		build/runstat /dev/null "$bin/caseflow" -q --sorted --by district \
			--calendar testdata/holiday-cn \
			--rules "$data/rules-${1#wd}.csv" "$data/events-sorted.csv" ;;
	esac
}

tool_labels="caseflow sorted"
. tests/bench/lib.sh
bench_interleave caseflow
printf '%-40s %8s %12s %9s %7s %8s %10s\n' \
	"caseflow benchmark ($n events)" seconds events/s "peak MiB" B/case \
	"x floor" "x datamash"
awk -v n="$n" -v cases="$cases" '
{ if (!($1 in best) || $2 < best[$1]) best[$1] = $2
  if ($3 > mem[$1]) mem[$1] = $3 }
function ratio(t, ref) {
	return (ref in best) ? sprintf("%.2f", t / best[ref]) : "-"
}
END {
	split("passthrough caseflow sorted datamash wd5 wd1m", order, " ")
	name["passthrough"] = "csv pass-through (I/O floor)"
	name["caseflow"] = "caseflow --by district --period month"
	name["sorted"] = "caseflow --sorted (grouped by case)"
	name["datamash"] = "sort | datamash median, p90 (baseline)"
	name["wd5"] = "--sorted, limits of 5 working days"
	name["wd1m"] = "--sorted, limits of 1,000,000 wd"
	for (i = 1; i <= 6; i++) {
		l = order[i]
		if (!(l in best))
			continue
		printf "%-40s %8.3f %12.0f %9.1f %7.1f %8s %10s\n", name[l],
		    best[l], n / best[l], mem[l] / 1024, mem[l] * 1024 / cases,
		    ratio(best[l], "passthrough"), ratio(best[l], "datamash")
	}
	if (("wd5" in best) && ("wd1m" in best))
		printf "working-day limits: 1,000,000 wd take %s x the time of 5 wd\n",
		    ratio(best["wd1m"], "wd5")
}' "$results"
echo "targets: >= 2000000 events/s, x datamash < 1.00, < 100 B/case" \
	"(--sorted: < 40 MiB); 1,000,000 wd within 1.10 x of 5 wd"
bench_compare
