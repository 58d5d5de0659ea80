#!/bin/sh
# The command line every tool shares (cmd/cli/): outputs that replace the
# old file only when a run succeeded, outputs that name an input, reject
# files that stay rectangular, --stats, --max-reject-rate, --bom and
# --output-encoding.  Each rule is checked on the tool where it matters
# most and, where the code path differs, on the others.  Fixtures:
# testdata/cli/ and testdata/caseflow/.  How to write a case:
# tests/harness.sh.
#
# Usage: sh tests/cli/cases.sh [BINDIR]   (default: build)
# Prints "cli: N passed, N failed" last.
cd "$(dirname "$0")/../.." || exit 2
. tests/harness.sh
suite cli "$@"

c=testdata/caseflow
d=testdata/cli
r=testdata/rankcity

# no_temp DIR: passes when DIR holds no temporary file (".NAME.XXXXXX").
no_temp() {
	left=$(ls -A "$1" | grep '^\.' | grep -v '^\.h$')
	[ -z "$left" ] || { echo "left behind in $1: $left"; return 1; }
}

# --- an output that names an input is refused before anything is opened ---
# caseflow -o rr.csv rr.csv used to empty its input.  The same file by
# another name (a hard link) is the same file too.
cp $c/rates.csv "$tmp/rr.csv"
ln "$tmp/rr.csv" "$tmp/rr-link.csv"
t usage-output-is-input 2 sh -c "cd $tmp && caseflow -o rr.csv rr.csv"
ok output-is-input-intact cmp -s $c/rates.csv "$tmp/rr.csv"
t usage-output-is-linked-input 2 sh -c \
    "cd $tmp && caseflow -q -o rr-link.csv rr.csv"
t usage-reject-is-input 2 sh -c \
    "cd $tmp && gridify -p $PWD/$d/squares.csv --reject rr.csv rr.csv"
ok reject-is-input-intact cmp -s $c/rates.csv "$tmp/rr.csv"
# A layer is an input as much as the points are.
cp $d/squares.csv "$tmp/sq.csv"
t usage-output-is-layer 2 sh -c \
    "cd $tmp && gridify -p sq.csv -o sq.csv $PWD/$d/points.csv"
ok output-is-layer-intact cmp -s $d/squares.csv "$tmp/sq.csv"
# rankcity's own outputs count too.
t usage-weights-out-is-input 2 sh -c \
    "cd $tmp && rankcity --weights-out rr.csv rr.csv"
# The file on the standard input is an input too (it was emptied).
t usage-output-is-stdin 2 sh -c "cd $tmp && caseflow -o rr.csv < rr.csv"
t usage-reject-is-dev-stdin 2 sh -c \
    "cd $tmp && gridify -p $PWD/$d/squares.csv --reject rr.csv /dev/stdin < rr.csv"
ok output-is-stdin-intact cmp -s $c/rates.csv "$tmp/rr.csv"
# Two outputs naming one file, existing or new, by any spelling.
t usage-two-outputs 2 sh -c \
    "cd $tmp && caseflow -o new.csv --reject new.csv rr.csv"
t usage-stats-is-output 2 sh -c \
    "cd $tmp && caseflow -o new2.csv --stats ./new2.csv rr.csv"
ok two-outputs-nothing-made sh -c "! ls $tmp/new.csv $tmp/new2.csv 2>/dev/null"
# Devices are not files to protect: both outputs to /dev/null is fine.
ok dev-null-twice caseflow -q -o /dev/null --reject /dev/null $c/rates.csv

# Standard input can feed one input only: a second reader would find it
# drained (gridify -p - with the points on standard input too said
# "empty input").  No FILE operand means standard input.
t usage-stdin-twice-layer 2 gridify -p - -x x -y y
t usage-stdin-twice-dev 2 gridify -p /dev/stdin -x x -y y -
t usage-stdin-twice-operands 2 caseflow - -

# --- a failed run leaves the old file as it was ---
# bad.csv stops at its first bad record (no --reject): last month's
# output stays byte for byte, and no temporary file is left beside it.
mkdir "$tmp/keep"
echo "last month" > "$tmp/keep/out.csv"
cp "$tmp/keep/out.csv" "$tmp/out.was"
t bad-keeps-old-output 1 caseflow -o "$tmp/keep/out.csv" $c/bad.csv
ok bad-old-output-intact cmp -s "$tmp/out.was" "$tmp/keep/out.csv"
ok bad-no-temp-left no_temp "$tmp/keep"
# A bad layer is a failure before any record.
t bad-layer-keeps-old 1 gridify -p $d/points.csv -o "$tmp/keep/out.csv" \
    $d/points.csv
ok bad-layer-old-output-intact cmp -s "$tmp/out.was" "$tmp/keep/out.csv"
# A missing input creates no output file.
t bad-missing-input 1 sh -c "cd $tmp && caseflow -o keep/none.csv \
    no-such.csv"
ok missing-input-no-output sh -c "! test -e $tmp/keep/none.csv"
ok missing-input-no-temp no_temp "$tmp/keep"
# A chart that cannot be drawn fails the run: the CSV and the old chart
# stay.
echo "old chart" > "$tmp/keep/c.svg"
cp "$tmp/keep/c.svg" "$tmp/c.was"
t bad-chart-keeps-old 1 sh -c "cd $tmp && GNUPLOT=false caseflow -q \
    -o keep/out.csv --chart keep/c.svg $PWD/$c/rates.csv"
ok bad-chart-old-output-intact cmp -s "$tmp/out.was" "$tmp/keep/out.csv"
ok bad-chart-old-chart-intact cmp -s "$tmp/c.was" "$tmp/keep/c.svg"
ok bad-chart-no-temp-left no_temp "$tmp/keep"
# rankcity stops on a bad data file: its -o stays.
t bad-rankcity-keeps-old 1 rankcity -o "$tmp/keep/out.csv" $d/points.csv
ok bad-rankcity-old-output-intact cmp -s "$tmp/out.was" "$tmp/keep/out.csv"

# rankcity's own file options are put in place with -o, not as they are
# written: --weights-out is done before --previous fails on a file
# without the unit column, and stays as it was.
echo "old weights" > "$tmp/keep/w.csv"
t bad-previous-keeps-weights-out 1 rankcity -m $r/districts_meta.csv \
    --unit code --weights-out "$tmp/keep/w.csv" -o /dev/null \
    --previous $r/bad_dup.csv $r/districts.csv
ok bad-previous-weights-out-intact sh -c \
    "test \"\$(cat $tmp/keep/w.csv)\" = 'old weights'"
# A --stats file that cannot be written fails the run before -o is put
# in place.
t bad-stats-path-keeps-output 1 sh -c "cd $tmp && caseflow -q \
    -o keep/out.csv --stats no/such/dir/st.csv $PWD/$c/rates.csv"
ok bad-stats-path-output-intact cmp -s "$tmp/out.was" "$tmp/keep/out.csv"
ok bad-late-no-temp-left no_temp "$tmp/keep"

# A run that "| head -1" ends (SIGPIPE) leaves no temporary file of its
# --reject behind, and the old one as it was; it dies of SIGPIPE (141).
mkdir -p "$tmp/pipe" && echo "old rejects" > "$tmp/pipe/r.csv"
ok sigpipe-killed sh -c "{ gridify -q -p testdata/nyc_cd.geojson \
    --id-field boro_cd -x Longitude -y Latitude --reject $tmp/pipe/r.csv \
    testdata/nyc311.csv testdata/nyc311.csv testdata/nyc311.csv; \
    echo \$? > $tmp/pipe.st; } | head -1 >/dev/null; \
    test \"\$(cat $tmp/pipe.st)\" = 141"
ok sigpipe-old-intact sh -c "test \"\$(cat $tmp/pipe/r.csv)\" = 'old rejects'"
ok sigpipe-no-temp-left no_temp "$tmp/pipe"

# --- a run that succeeds replaces the file, keeping its permissions ---
cp "$tmp/out.was" "$tmp/keep/mode.csv"
chmod 640 "$tmp/keep/mode.csv"
ok good-replaces caseflow -q -o "$tmp/keep/mode.csv" $c/rates.csv
ok good-replaced sh -c "caseflow -q $c/rates.csv | cmp -s - $tmp/keep/mode.csv"
ok good-keeps-mode sh -c "test \"\$(stat -c %a $tmp/keep/mode.csv)\" = 640"
ok good-no-temp-left no_temp "$tmp/keep"
# Through a symbolic link: the file it points to is replaced, the link
# stays a link.
cp "$tmp/out.was" "$tmp/keep/target.csv"
ln -s target.csv "$tmp/keep/link.csv"
ok good-through-link caseflow -q -o "$tmp/keep/link.csv" $c/rates.csv
ok good-link-still-link test -L "$tmp/keep/link.csv"
ok good-link-target-new sh -c \
    "caseflow -q $c/rates.csv | cmp -s - $tmp/keep/target.csv"
# A new file gets 0666 less the umask.
ok good-new-mode sh -c "umask 027 && caseflow -q -o $tmp/keep/fresh.csv \
    $c/rates.csv && test \"\$(stat -c %a $tmp/keep/fresh.csv)\" = 640"

# --- reject files are rectangular CSV with the line ---
# Every row has the header's fields plus error and line; a record of
# another width is kept whole, as one CSV line, in the first column.
t reject-rectangular 0 caseflow -q --reject "$tmp/rej.csv" -o /dev/null \
    $c/bad.csv
f reject-rectangular-file "$tmp/rej.csv"
ok reject-every-row-six-fields python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
w = {len(r) for r in rows}
assert w == {6}, w
assert rows[0][-2:] == ["error", "line"], rows[0]
' "$tmp/rej.csv"

# A GB18030 export read without --encoding, rejects written in GB18030:
# the bad record's bytes (not UTF-8) go to the reject file as they are,
# which in GB18030 is its own text again (the run used to fail).
t reject-gb18030-raw 0 caseflow -q --output-encoding gb18030 \
    --reject "$tmp/gbrej.csv" -o /dev/null $c/input-gb.csv
ok reject-gb18030-raw-bytes python3 -c '
import sys
rej = open(sys.argv[1], "rb").read()
src = open(sys.argv[2], "rb").read().splitlines()[2]
assert src in rej, (src, rej)
' "$tmp/gbrej.csv" $c/input-gb.csv

# --- --stats: the summary's counts as a one-row CSV ---
t stats 0 caseflow --stats "$tmp/st.csv" -o /dev/null $c/rates.csv
f stats-file "$tmp/st.csv"
t stats-gridify 0 gridify --stats "$tmp/sg.csv" -p $d/squares.csv \
    -o /dev/null $d/points.csv
f stats-gridify-file "$tmp/sg.csv"
t usage-stats-stdout 2 caseflow --stats - $c/rates.csv
# A failed run writes no stats (and leaves an old stats file).
echo "old" > "$tmp/keep/st.csv"
t bad-stats-keeps-old 1 caseflow -q --stats "$tmp/keep/st.csv" \
    -o /dev/null $c/bad.csv
ok bad-stats-old-intact sh -c "test \"\$(cat $tmp/keep/st.csv)\" = old"

# --- --max-reject-rate: exit 1 after writing everything ---
# bad.csv: 11 records read, 7 rejected (63.6%).
t reject-rate-over 1 caseflow --max-reject-rate 0.4 \
    --reject "$tmp/rr-rej.csv" -o "$tmp/rr-out.csv" $c/bad.csv
ok reject-rate-over-wrote-output test -s "$tmp/rr-out.csv"
ok reject-rate-over-wrote-rejects test -s "$tmp/rr-rej.csv"
t reject-rate-under 0 caseflow -q --max-reject-rate 0.7 \
    --reject /dev/null -o /dev/null $c/bad.csv
t usage-reject-rate 2 caseflow --max-reject-rate 1.5 $c/rates.csv
t reject-rate-gridify 1 gridify -q --max-reject-rate 0 \
    --reject /dev/null -p $d/squares.csv -o /dev/null $d/bad.csv

# --- --bom and --output-encoding, rejects following the same choice ---
ok bom sh -c "caseflow -q --bom $c/rates.csv | head -c 3 | od -An -tx1 |
    grep -q 'ef bb bf'"
caseflow -q $c/rates.csv > "$tmp/plain.csv"
ok bom-rest sh -c "caseflow -q --bom $c/rates.csv | tail -c +4 |
    cmp -s - $tmp/plain.csv"
ok gb18030-out sh -c "caseflow -q --output-encoding gb18030 \
    --reject $tmp/rej-gb.csv -o $tmp/out-gb.csv $c/bad.csv;
    caseflow -q --reject $tmp/rej-u8.csv -o $tmp/out-u8.csv $c/bad.csv;
    iconv -f utf-8 -t gb18030 $tmp/out-u8.csv | cmp -s - $tmp/out-gb.csv &&
    iconv -f utf-8 -t gb18030 $tmp/rej-u8.csv | cmp -s - $tmp/rej-gb.csv"
ok gb18030-really-converted sh -c "! cmp -s $tmp/rej-gb.csv $tmp/rej-u8.csv"
# A GB18030 file read with --encoding and written back with
# --output-encoding is GB18030 again: back in UTF-8 it is the UTF-8 run.
gridify -q --encoding gb18030 -p $d/squares.csv $d/gb18030.csv \
    > "$tmp/gb-u8.csv"
ok gb18030-round-trip sh -c "gridify -q --encoding gb18030 \
    --output-encoding gb18030 -p $d/squares.csv $d/gb18030.csv |
    iconv -f gb18030 -t utf-8 | cmp -s - $tmp/gb-u8.csv"
t usage-bom-gb18030 2 caseflow --bom --output-encoding gb18030 $c/rates.csv
t usage-output-encoding 2 caseflow --output-encoding klingon $c/rates.csv

# --- a chart gnuplot draws without a word ---
# gnuplot silent on standard error left the chart writer doing
# arithmetic on a NULL pointer (clang's UBSan stopped the run).
if command -v "${GNUPLOT:-gnuplot}" >/dev/null 2>&1; then
	ok chart-silent-gnuplot rankcity -q --chart "$tmp/quiet.svg" \
	    -o /dev/null testdata/rankcity/small.csv
	ok chart-silent-gnuplot-drawn test -s "$tmp/quiet.svg"
else
	echo "# gnuplot missing: the chart checks were skipped"
fi

# --- a quote, CR or LF cannot separate fields, in any tool ---
cr=$(printf '\r')
t usage-delimiter-cr-rankcity 2 rankcity -d "$cr" testdata/rankcity/small.csv
t usage-delimiter-lf-rankcity 2 rankcity -d '
' testdata/rankcity/small.csv
t usage-delimiter-cr-caseflow 2 caseflow -d "$cr" $c/rates.csv
t usage-delimiter-lf-gridify 2 gridify -p $d/squares.csv -d '
' $d/points.csv

# --- --help and --version to a full disk say so ---
t dev-full-help 1 sh -c "caseflow --help > /dev/full"
t dev-full-version 1 sh -c "rankcity --version > /dev/full"

finish
