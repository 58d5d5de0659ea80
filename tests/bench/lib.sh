# tests/bench/lib.sh - what the benchmark scripts share, sourced by each.
#
# A script sets labels (the commands to time) and tool_labels (those that
# run one of our tools), defines run LABEL, which runs the command under
# build/runstat (printing "SECONDS MAXRSS_KIB EXITSTATUS") with the tool
# taken from "$bin", then calls bench_interleave NAME.  It leaves the
# timings in "$results": lines "LABEL SECONDS KIB", one per run.
#
# Environment: REPEAT (rounds, default 5); BIN (the tools to time, default
# build); BASELINE_BIN (optional: a folder with other builds of the tools,
# say those of an earlier commit, timed in the same rounds as LABEL@base;
# bench_compare prints them side by side).
repeat=${REPEAT:-5}
bin=${BIN:-build}
base=${BASELINE_BIN:-}

# bench_interleave NAME: REPEAT rounds, every label in each round (and its
# baseline right after it), so that each command sees the same drift of
# this machine's speed and the ratios between them stay fair.
bench_interleave() {
	results=$(mktemp)
	trap 'rm -f "$results"' EXIT
	_round=0
	while [ $_round -lt "$repeat" ]; do
		for _l in $labels; do
			_which=cur
			case " $tool_labels " in
			*" $_l "*) [ -n "$base" ] && _which="cur base" ;;
			esac
			for _w in $_which; do
				if [ "$_w" = base ]; then
					bin=$base
					_tag=$_l@base
				else
					bin=${BIN:-build}
					_tag=$_l
				fi
				_r=$(run "$_l")
				_st=${_r##* }
				if [ "$_st" != 0 ]; then
					echo "bench $1: $_tag failed with exit status" \
					    "$_st (alone: sh tests/bench/$1.sh)" >&2
					exit 1
				fi
				echo "$_tag $_r" >>"$results"
			done
		done
		_round=$((_round + 1))
	done
	bin=${BIN:-build}
}

# bench_compare: with BASELINE_BIN, each tool label's best time and peak
# memory beside its baseline's, and the ratio (below 1: faster now).
bench_compare() {
	[ -n "$base" ] || return 0
	echo
	printf '%-16s %10s %10s %8s %10s %10s   (baseline: %s)\n' label \
	    seconds base "x base" "peak MiB" "base MiB" "$base"
	awk -v labels="$tool_labels" '
	{ if (!($1 in best) || $2 < best[$1]) best[$1] = $2
	  if ($3 > mem[$1]) mem[$1] = $3 }
	END {
		n = split(labels, l, " ")
		for (i = 1; i <= n; i++) {
			b = l[i] "@base"
			if (!(l[i] in best) || !(b in best))
				continue
			printf "%-16s %10.3f %10.3f %8.3f %10.1f %10.1f\n", l[i],
			    best[l[i]], best[b], best[l[i]] / best[b],
			    mem[l[i]] / 1024, mem[b] / 1024
		}
	}' "$results"
}
