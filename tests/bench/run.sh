#!/bin/sh
# make bench: every tool's benchmark, each printing its throughput and peak
# memory beside a baseline measured in the same run (see each script's
# header for its data, commands and targets).  The generators and helpers
# they use live here too (tests/bench/*.c), built by make bench.
# Usage: sh tests/bench/run.sh [gridify|caseflow|rankcity|partscore ...]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
first=1
for tool in ${*:-gridify caseflow rankcity partscore}; do
	case $tool in
	gridify | caseflow | rankcity | partscore) ;;
	*)
		echo "bench: unknown tool: $tool" \
			"(want gridify caseflow rankcity partscore)" >&2
		exit 2
		;;
	esac
	[ $first = 1 ] || echo
	first=0
	sh "tests/bench/$tool.sh"
done
