#!/bin/sh
# gridify's command-line tests: joining points to polygon layers,
# unmatched points, counting, bad records, output errors and usage.
# Fixtures: testdata/cli/.  How to write a case: tests/harness.sh.
#
# Usage: sh tests/gridify/cases.sh [BINDIR]   (default: build)
# Prints "gridify: N passed, N failed" last.
cd "$(dirname "$0")/../.." || exit 2
. tests/harness.sh
suite gridify "$@"

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
# Coordinates in the message are the shortest text that reads back:
# -73.95 40.7, not -73.950000000000003 40.700000000000003.
t unmatched-reject-shortest 1 gridify -p $d/squares.csv --unmatched reject testdata/gridify/points-decimal.csv

# --- counting ---
# C gets no report and still has its row; with keep, the unmatched points
# get a row with an empty id.
t count 0 gridify -p $d/squares.csv --count $d/points.csv
t count-attrs 0 gridify -p $d/squares.csv -a name --count --unmatched drop $d/points.csv
t count-by 0 gridify -p $d/squares.csv --count --by category $d/points.csv
# --by takes a comma-separated list, as caseflow's does: one row per
# polygon and combination of values seen, sorted column by column; point 7
# has an empty category, which stays an empty field.
t count-by-list 0 gridify -p $d/squares.csv -a name --count --by category,channel testdata/gridify/points-by.csv
t bad-count-by-list-column 1 gridify -p $d/squares.csv --count --by category,nosuch testdata/gridify/points-by.csv
t count-layers 0 gridify -p $d/squares.csv -p $d/multi.geojson --count $d/points.csv
t count-empty-input 0 gridify -p $d/squares.csv --count $d/header-only.csv
t bad-empty-input 1 gridify -p $d/squares.csv --count $d/more.csv /dev/null
t bad-name-clash 2 gridify -p $d/squares.csv -a name -x lon -y lat -p $d/squares.csv $d/points.csv
# The id column of a second layer is named after its file when "id" is
# taken; a layer on standard input has no file name to give (it was "-").
t bad-name-clash-stdin 2 sh -c "gridify -p - -p $d/squares.csv -x lon -y lat $d/points.csv < $d/squares.csv"

# --- points that cannot match: one warning at the end, exit 0 ---
# Longitude and latitude swapped: no 311 report is inside the districts'
# extent, all of them would be with -x and -y swapped.  The output is
# still right (every point unmatched), so the status stays 0.
n=testdata/nyc311.csv
t extent-swapped 0 gridify -p testdata/nyc_cd.geojson --id-field boro_cd -x Latitude -y Longitude --reject /dev/null --count $n
# Points in degrees against a layer in metres: swapping does not help.
t extent-metres 0 gridify -p testdata/grid/districts.csv -x Longitude -y Latitude --reject /dev/null --count $n
# The right way round: 731 located, 720 in a district, no warning.
t extent-ok 0 gridify -p testdata/nyc_cd.geojson --id-field boro_cd -x Longitude -y Latitude --reject /dev/null --unmatched drop --count $n
# -q silences the warning with the summary line.
t extent-swapped-quiet 0 gridify -q -p testdata/nyc_cd.geojson --id-field boro_cd -x Latitude -y Longitude --reject /dev/null --unmatched drop --count $n

# --- bad records ---
t bad-stop 1 gridify -p $d/squares.csv $d/bad.csv
t bad-reject 0 gridify -p $d/squares.csv --reject "$tmp/bad-rej.csv" $d/bad.csv
f bad-reject-file "$tmp/bad-rej.csv"
t bad-column 1 gridify -p $d/squares.csv -x longitude $d/points.csv
t bad-header-mismatch 1 gridify -p $d/squares.csv $d/points.csv $d/other.csv
t bad-input-missing 1 gridify -p $d/squares.csv $d/nonexistent.csv
# A polygon with an empty id would share its row of the counts with the
# points in no polygon: the layer is refused, CSV and GeoJSON alike.
t bad-layer-empty-id 1 gridify -p testdata/gridify/bad-empty-id.csv $d/points.csv
t bad-layer-empty-id-geojson 1 gridify -p testdata/gridify/bad-empty-id.geojson $d/points.csv
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

# --- the rules every tool shares (cmd/cli.c) ---
# A quote cannot separate fields (every tool refuses it the same way).
t usage-delimiter-quote 2 gridify -p $d/squares.csv -d '"' $d/points.csv
# A column by position: decimal digits, leading zeros allowed ("02" is
# the second column); "0" is no column.
gridify -q -p $d/squares.csv -x 2 -y 3 $d/points.csv >"$tmp/pos"
ok positions-leading-zero sh -c "gridify -q -p $d/squares.csv -x 02 -y 003 $d/points.csv | cmp -s - $tmp/pos"
t column-zero 1 gridify -p $d/squares.csv -x 0 $d/points.csv

# --- input rules (issue 11) ---
# The GB18030 points read without --encoding (join-gb18030 reads them
# with it): line 2's category is not UTF-8, a bad record suggesting
# --encoding gb18030, the bytes written \xHH.
t bad-input-gb18030 1 gridify -p $d/squares.csv $d/gb18030.csv
# A NUL byte in a polygon id of the CSV layer would cut "A\0B" to "A": a
# bad record of the layer (byte 2 is the NUL).
t bad-polygon-nul 1 gridify -p testdata/gridify/squares-nul.csv $d/points.csv
# Two rows of separators and blanks among the points: skipped and counted
# in the summary line (2 read, 2 written).
t input-empty-rows 0 gridify -p $d/squares.csv testdata/gridify/points-empty-rows.csv
# One such row: "1 empty row skipped", singular.
t input-one-empty-row 0 sh -c "printf 'id,lon,lat\n1,5,5\n,,\n' | gridify -p $d/squares.csv"

finish
