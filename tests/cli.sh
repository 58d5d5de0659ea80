#!/bin/sh
# CLI tests for gridify (here) and caseflow (tests/cli-caseflow.sh),
# with golden files.
#
# Each test is one line:  t NAME STATUS COMMAND...
# The command runs from the repository root with the tools under test first
# on PATH; its standard output must equal tests/golden/NAME.out, its
# standard error tests/golden/NAME.err, and its exit status STATUS.
# UPDATE=1 rewrites the golden files instead (then read every diff).
#
# Usage: tests/cli.sh [BINDIR]   (default: build)
# Prints "cli: N passed, N failed" last.

bindir=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
PATH="$root/$bindir:$PATH"
export PATH
unset TZ
LC_ALL=C
export LC_ALL
golden=tests/golden
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# t NAME STATUS COMMAND...
t() {
	name=$1
	want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/out" "$golden/$name.out"
		cp "$tmp/err" "$golden/$name.err"
	fi
	ok=1
	if [ "$got" != "$want" ]; then
		echo "not ok $name: exit status $got, want $want"
		ok=0
	fi
	if ! cmp -s "$tmp/out" "$golden/$name.out"; then
		echo "not ok $name: standard output differs:"
		diff "$golden/$name.out" "$tmp/out" | head -20
		ok=0
	fi
	if ! cmp -s "$tmp/err" "$golden/$name.err"; then
		echo "not ok $name: standard error differs:"
		diff "$golden/$name.err" "$tmp/err" | head -20
		ok=0
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
}

# f NAME FILE: the file (written by the previous test) must equal
# tests/golden/NAME.out.
f() {
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$2" "$golden/$1.out"
	fi
	if cmp -s "$2" "$golden/$1.out"; then
		pass=$((pass + 1))
	else
		echo "not ok $1: $2 differs:"
		diff "$golden/$1.out" "$2" | head -20
		fail=$((fail + 1))
	fi
}

d=testdata/cli

# --- joining ---
# Boundary rule: 3 (10,5) is on the edge A|B and goes to A, first in the
# file; 5 (20,5) is on the layer's outer boundary and counts as inside B;
# 7 (0,0) is A's corner; 8 (3,10) is on the edge A|C; 4 (3,3) is in A's
# hole and 6 outside everything: both unmatched, kept with empty ids.
t join-basic 0 gridify -p $d/squares.csv $d/points.csv
t join-attrs 0 gridify -p $d/squares.csv -a name --as cell $d/points.csv
t join-options-first 0 gridify --as cell -a name -p $d/squares.csv $d/points.csv
t join-quiet 0 gridify -q -p $d/squares.csv $d/points.csv
t join-exact 0 gridify --exact -q -p $d/squares.csv $d/points.csv
# MultiPolygon with two parts, GeoJSON ids and properties (UTF-8).
t join-multipolygon 0 gridify -p $d/multi.geojson -a name,code $d/points.csv
# Several layers in one pass, each with its own options.
t join-layers 0 gridify -p $d/multi.geojson --as zone -p $d/squares.csv --as cell -a name $d/points.csv
t join-positions 0 gridify -p $d/squares.csv -x 2 -y 3 $d/points.csv
t join-stdin 0 sh -c "gridify -p $d/squares.csv < $d/points.csv"
t join-two-files 0 gridify -p $d/squares.csv $d/points.csv $d/more.csv
t join-tsv 0 gridify -p $d/squares.csv --tsv $d/points.tsv
t join-gb18030 0 gridify -p $d/squares.csv --encoding gb18030 $d/gb18030.csv
t join-output 0 gridify -q -p $d/squares.csv -o "$tmp/joined.csv" $d/points.csv
f join-output-file "$tmp/joined.csv"

# Large coordinates (Gauss-Krueger eastings with the zone, Web Mercator)
# next to a tiny layer: points on the east and north edges are inside.
t join-far-coordinates 0 gridify -p $d/far.csv $d/farpts.csv
t join-far-coordinates-exact 0 gridify --exact -p $d/far.csv $d/farpts.csv
# GeoJSON with a BOM and 3-D positions (the third ordinate is ignored).
t join-geojson-bom-3d 0 gridify -p $d/bom3d.geojson $d/points.csv

# --- unmatched points ---
t unmatched-drop 0 gridify -p $d/squares.csv --unmatched drop $d/points.csv
t unmatched-reject-stop 1 gridify -p $d/squares.csv --unmatched reject $d/points.csv
t unmatched-reject 0 gridify -p $d/squares.csv --unmatched reject --reject "$tmp/rej.csv" $d/points.csv
f unmatched-reject-file "$tmp/rej.csv"

# --- counting ---
# C gets no report and still has its row; with keep, the unmatched points
# get a row with an empty id.
t count 0 gridify -p $d/squares.csv --count $d/points.csv
t count-attrs 0 gridify -p $d/squares.csv -a name --count --unmatched drop $d/points.csv
t count-by 0 gridify -p $d/squares.csv --count --by category $d/points.csv
t count-layers 0 gridify -p $d/squares.csv -p $d/multi.geojson --count $d/points.csv
t count-empty-input 0 gridify -p $d/squares.csv --count $d/header-only.csv
t bad-empty-input 1 gridify -p $d/squares.csv --count $d/more.csv /dev/null
t bad-name-clash 2 gridify -p $d/squares.csv -a name -x lon -y lat -p $d/squares.csv $d/points.csv

# --- bad records ---
t bad-stop 1 gridify -p $d/squares.csv $d/bad.csv
t bad-reject 0 gridify -p $d/squares.csv --reject "$tmp/bad-rej.csv" $d/bad.csv
f bad-reject-file "$tmp/bad-rej.csv"
t bad-column 1 gridify -p $d/squares.csv -x longitude $d/points.csv
t bad-header-mismatch 1 gridify -p $d/squares.csv $d/points.csv $d/other.csv
t bad-input-missing 1 gridify -p $d/squares.csv $d/nonexistent.csv
t bad-polygons-missing 1 gridify -p $d/nonexistent.geojson $d/points.csv
t bad-encoding 2 gridify -p $d/squares.csv --encoding klingon $d/points.csv
t bad-reject-dir 1 gridify -p $d/squares.csv --reject /nonexistent/rej.csv $d/points.csv

# --- output errors: a full disk is an error ---
t dev-full 1 sh -c "gridify -p $d/squares.csv $d/points.csv > /dev/full"
t dev-full-count 1 sh -c "gridify -p $d/squares.csv --count $d/points.csv > /dev/full"

# --- usage ---
t help 0 gridify --help
t version 0 gridify --version
t usage-no-layer 2 gridify $d/points.csv
t usage-bad-option 2 gridify --frobnicate -p $d/squares.csv
t usage-unmatched 2 gridify -p $d/squares.csv --unmatched maybe
t usage-by-without-count 2 gridify -p $d/squares.csv --by category
t usage-delimiter 2 gridify -p $d/squares.csv -d ab
t usage-reject-stdout 2 gridify -p $d/squares.csv --reject - $d/points.csv
t usage-attr-clash 2 gridify -p $d/squares.csv -a name $d/named.csv
t usage-count-layers-attrs 2 gridify -p $d/squares.csv -a name -p $d/multi.geojson --count

. tests/cli-caseflow.sh
. tests/cli-rankcity.sh

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
