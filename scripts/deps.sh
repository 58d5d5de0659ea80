#!/bin/sh
# Install what the toolkit needs, and only what is missing.
#
# A dependency counts as present when it works here, however it got
# here: a library's header compiles and the library links with $CC and
# the flags the Makefile passes (CC, EXT_CFLAGS, CSV_LIBS, GSL_LIBS,
# GEOS_LIBS, JANSSON_LIBS: a packager's overrides are honoured), a
# program is on PATH, the font the chart tests name is known to
# fontconfig.  So a machine that has everything needs neither apt-get nor
# dpkg, and nothing is installed.  When something is missing, its Debian
# package is installed with apt-get (through sudo when not root); without
# apt-get, the missing packages are named and the script fails.
#
# Usage: scripts/deps.sh [build|bench]   (default: build; bench adds
# datamash, the caseflow benchmark's baseline)
# Exit status: 0 when everything is there (or was installed), 1 when
# something is still missing, 2 on bad usage.
set -u
case ${1:-build} in
build) bench=0 ;;
bench) bench=1 ;;
*)
	echo "deps.sh: unknown set: $1 (want build or bench)" >&2
	exit 2
	;;
esac
cc=${CC:-cc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/deps.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# links HEADER LIBS: a program that includes HEADER links with LIBS.
links() {
	printf '#include <%s>\nint main(void) { return 0; }\n' "$1" >"$tmp/t.c"
	# shellcheck disable=SC2086
	"$cc" ${EXT_CFLAGS:-} -o "$tmp/t" "$tmp/t.c" $2 >/dev/null 2>&1
}

# The packages of what is missing, one check each.
missing() {
	command -v make >/dev/null 2>&1 || echo make
	if ! command -v "$cc" >/dev/null 2>&1; then
		echo gcc libc6-dev
		return
	fi
	links stdio.h "" || echo libc6-dev
	links csv.h "${CSV_LIBS:--lcsv}" || echo libcsv-dev
	links gsl/gsl_statistics_double.h "${GSL_LIBS:--lgsl -lgslcblas}" ||
	    echo libgsl-dev
	links geos_c.h "${GEOS_LIBS:--lgeos_c}" || echo libgeos-dev
	links jansson.h "${JANSSON_LIBS:--ljansson}" || echo libjansson-dev
	command -v gnuplot >/dev/null 2>&1 || echo gnuplot-nox
	# make check renders the man pages as man -l does, and reads the
	# reject files back with Python's csv module.
	command -v man >/dev/null 2>&1 || echo man-db
	command -v groff >/dev/null 2>&1 || echo groff-base
	command -v python3 >/dev/null 2>&1 || echo python3
	# The chart tests render Chinese with this font (CHART_FONT).
	if ! command -v fc-list >/dev/null 2>&1 ||
	    [ -z "$(fc-list 'Droid Sans Fallback' family 2>/dev/null)" ]; then
		echo fontconfig fonts-droid-fallback
	fi
	# The sanitizer build and the fuzz harnesses are clang's, with
	# libFuzzer (clang's UBSan checks more than gcc's).
	if ! command -v clang >/dev/null 2>&1; then
		echo clang libclang-rt-dev
	else
		printf 'int LLVMFuzzerTestOneInput(const char *d, long n);\nint LLVMFuzzerTestOneInput(const char *d, long n) { return (int)(d[0] & n & 0); }\n' >"$tmp/f.c"
		clang -fsanitize=fuzzer -o "$tmp/f" "$tmp/f.c" >/dev/null 2>&1 ||
		    echo libclang-rt-dev
	fi
	if [ $bench = 1 ]; then
		command -v datamash >/dev/null 2>&1 || echo datamash
	fi
}

want=$(missing | tr '\n' ' ' | sed 's/ *$//')
[ -z "$want" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "deps.sh: missing, and no apt-get to install them: $want" >&2
	echo "deps.sh: install these Debian packages (or their like) by hand" >&2
	exit 1
fi
echo "deps.sh: installing: $want" >&2
if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "deps.sh: not root and no sudo: install by hand: $want" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $sudo apt-get update -qq || ! $sudo apt-get install -y -qq \
    --no-install-recommends $want; then
	echo "deps.sh: apt-get could not install: $want" >&2
	exit 1
fi
still=$(missing | tr '\n' ' ' | sed 's/ *$//')
if [ -n "$still" ]; then
	echo "deps.sh: still missing after apt-get: $still" >&2
	exit 1
fi
exit 0
