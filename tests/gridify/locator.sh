#!/bin/sh
# gridify's locator and layer input (issue 12, items 1-5): coordinates at
# the ends of the double range, layers from pipes, FIFOs and standard
# input, and GeoJSON crs members.  Beside tests/gridify/cases.sh, with
# its golden files in tests/gridify/locator/.
#
# Usage: sh tests/gridify/locator.sh [BINDIR]   (default: build)
# Prints "locator: N passed, N failed" last.
cd "$(dirname "$0")/../.." || exit 2
. tests/harness.sh
suite locator "$@"
golden=tests/gridify/locator

d=testdata/cli
g=testdata/gridify

# --- coordinates (items 1 and 2) ---
# x from -1e308 to 1e308: the width overflows a double; the fast index's
# sizes became NaN and a bucket index negative, a segmentation fault.
t bad-layer-extent-overflow 1 gridify -p $g/layer-extent-overflow.csv $d/points.csv
# At 1e156 a product in the fast edge test overflowed and the three
# points, all in s1 (as --exact says), were put in s7 with exit 0.  Past
# 1e153 a layer is located by GEOS alone.
t join-1e156 0 gridify -x x -y y -p $g/layer-1e156.csv $g/points-1e156.csv
t join-1e156-exact 0 gridify --exact -x x -y y -p $g/layer-1e156.csv $g/points-1e156.csv
# A point with a coordinate that is not finite is a bad record (the
# core's number rule; 1e999 overflows); one at 1e308 is in no polygon.
t bad-points-not-finite 0 gridify -p $d/squares.csv --reject "$tmp/nf.csv" testdata/gridify/points-not-finite.csv
f bad-points-not-finite-rejects "$tmp/nf.csv"

# --- a layer read once (item 3) ---
# A FIFO: the sniff opened it, read a byte and closed it, and the second
# open waited for a writer that had gone (a hang; timeout says 124).
mkfifo "$tmp/squares" "$tmp/multi"
t layer-fifo-csv 0 sh -c "cat $d/squares.csv >$tmp/squares & timeout 20 gridify -p $tmp/squares $d/points.csv"
t layer-fifo-geojson 0 sh -c "cat $d/multi.geojson >$tmp/multi & timeout 20 gridify -p $tmp/multi $d/points.csv"
# Two pipes at once: the layer from a FIFO, the points on standard input;
# and the points from a FIFO (the CSV reader opens them once).
mkfifo "$tmp/zones" "$tmp/points"
t layer-fifo-points-stdin 0 sh -c "cat $d/multi.geojson >$tmp/zones & cat $d/points.csv | timeout 20 gridify -p $tmp/zones"
t points-fifo 0 sh -c "cat $d/points.csv >$tmp/points & timeout 20 gridify -p $d/squares.csv $tmp/points"
# GeoJSON on standard input, the points from a file: "-" was always read
# as CSV, and /dev/stdin was opened twice (the second open found the
# pipe drained).
t layer-stdin-geojson 0 sh -c "cat $d/multi.geojson | timeout 20 gridify -p - --as zone $d/points.csv"
t layer-stdin-geojson-file 0 sh -c "timeout 20 gridify -p - --as zone $d/points.csv <$d/multi.geojson"
t layer-dev-stdin-geojson 0 sh -c "cat $d/multi.geojson | timeout 20 gridify -p /dev/stdin --as zone $d/points.csv"
t layer-dev-stdin-csv 0 sh -c "cat $d/squares.csv | timeout 20 gridify -p /dev/stdin --as cell $d/points.csv"
# A CSV layer from a pipe is copied to a temporary file for the reader;
# its messages still name the input as given.
t bad-layer-stdin-nul 1 sh -c "cat $g/squares-nul.csv | gridify -p - $d/points.csv"

# --- NUL bytes in a layer (item 4) ---
# The CSV reader refuses a NUL in any field, the WKT and the attributes
# too, naming the line and the column; GeoJSON strings cannot hold one
# (a raw NUL byte, or \u0000: tests/unit/geo/test_layer.c).
t bad-layer-nul-wkt 1 gridify -p $g/layer-nul-wkt.csv $d/points.csv
t bad-layer-nul-attr 1 gridify -p $g/layer-nul-attr.csv -a name $d/points.csv
t bad-layer-nul-geojson 1 gridify -p $g/layer-nul-byte.geojson $d/points.csv

# --- crs (item 5) ---
# Web Mercator metres read as degrees would put every point in the
# wrong polygon, or none, with exit 0: an error until gridify converts.
t bad-layer-crs 1 gridify -p $g/layer-crs-3857.geojson $d/points.csv

finish
