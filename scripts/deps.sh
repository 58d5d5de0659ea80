#!/bin/sh
# Install the Debian/Ubuntu packages the toolkit needs, only those missing.
# Uses sudo when not root; does nothing when everything is there.
# Usage: scripts/deps.sh [build|bench|all]   (default: build)
set -eu
# gnuplot and a CJK font: the chart tests render with Chinese names.
build="make gcc libc6-dev libcsv-dev libgeos-dev libgsl-dev libjansson-dev gnuplot-nox fonts-droid-fallback"
bench="datamash"
case "${1:-build}" in
build) want="$build" ;;
bench) want="$build $bench" ;;
all) want="$build $bench" ;;
*) echo "deps.sh: unknown set: $1" >&2; exit 2 ;;
esac
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps.sh: installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "deps.sh: apt-get not found; install by hand:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
