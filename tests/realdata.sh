#!/bin/sh
# Real data (gridify, then caseflow further down): the NYC 311 cut
# (testdata/nyc311.csv, 757 records, 26 without coordinates) joined to
# the 59 community districts.  Every record with coordinates must get the
# district that an independent join gives (testdata/nyc311_expected_cd.csv,
# computed once with shapely and checked against a pure-Python
# ray-casting join: tests/nyc-fixtures.py).  The test also reports how
# often the result agrees with the city's own "Community Board" column.
#
# The checks are written as tests/harness.sh describes.
#
# Usage: sh tests/realdata.sh [BINDIR]   (default: build)
# Prints "realdata: N passed, N failed" last.
cd "$(dirname "$0")/.." || exit 2
. tests/harness.sh
suite realdata "$@"

gridify -p testdata/nyc_cd.geojson --id-field boro_cd \
    -x Longitude -y Latitude --reject "$tmp/rej.csv" \
    testdata/nyc311.csv >"$tmp/out.csv" 2>"$tmp/err"
ok gridify-exit-status test $? = 0 || cat "$tmp/err"
ok gridify-summary grep -qx \
    'gridify: 757 read, 731 written, 26 rejected, 0 dropped; 11 unmatched' \
    "$tmp/err" || cat "$tmp/err"

# Compare column by column with awk's own CSV-free view: Unique Key is the
# first field and boro_cd the last, neither ever quoted in this file.
awk -F, 'NR > 1 { print $1 "," $NF }' "$tmp/out.csv" >"$tmp/got"
awk 'NR > 1' testdata/nyc311_expected_cd.csv >"$tmp/want.all"
# Records rejected for missing coordinates have no row in out.csv.
awk -F, 'NR > 1 { print $1 }' "$tmp/rej.csv" >"$tmp/rejkeys"
awk -F, 'NR == FNR { skip[$1] = 1; next } !($1 in skip)' \
    "$tmp/rejkeys" "$tmp/want.all" >"$tmp/want"
ok gridify-districts cmp -s "$tmp/got" "$tmp/want" ||
    diff "$tmp/want" "$tmp/got" | head
n=$(wc -l <"$tmp/got")
ok gridify-rows test "$n" = 731 || echo "  $n rows joined, want 731"

# Agreement with the city's Community Board ("04 MANHATTAN" = 104).
# Counting by the Community Board column gives a small table to compare.
agreement() {
	gridify -q -p testdata/nyc_cd.geojson --id-field boro_cd \
	    -x Longitude -y Latitude --unmatched drop --reject /dev/null \
	    --count --by 'Community Board' testdata/nyc311.csv |
	    awk -F, '
    BEGIN { b["MANHATTAN"] = 1; b["BRONX"] = 2; b["BROOKLYN"] = 3
	    b["QUEENS"] = 4; b["STATEN"] = 5 }
    NR > 1 {
	split($2, p, " "); code = ""
	if (p[1] ~ /^[0-9][0-9]$/ && (p[2] in b)) code = b[p[2]] p[1]
	n += $3; if (code == $1) agree += $3
    }
    END { printf "# realdata: the join agrees with the city'"'"'s Community Board on %d of %d records (%.1f%%)\n", agree, n, 100 * agree / n
	  if (agree != 694 || n != 720) exit 1 }'
}
ok gridify-community-board agreement

# caseflow on the same cut, wide form with options alone.  Expected values
# were computed independently in Python (zoneinfo for America/New_York, so
# durations across the 2023-03-12 clock change are right; type-7
# quantiles; a hand-written Kaplan-Meier with R's midpoint rule): 757
# cases, 668 closed, 89 open, 1 closed before it was created (56923577);
# over the 667 valid closed cases mean 79.17895927036481 h, sd (n-1)
# 186.0647742015317, p50 15.85, p90 203.71966666666628, p95
# 557.8075277777765, max 1053.9972222222223; KM median with the 89 open
# cases censored at the latest time (2023-04-13 20:21:29) 20.416805555555555,
# KM p90 not reached (the curve ends at 0.117).
cf_nyc() {
	caseflow --wide --id "Unique Key" --opened "Created Date" \
	    --closed "Closed Date" --due "Due Date" \
	    --time-format "%m/%d/%Y %I:%M:%S %p" --tz America/New_York "$@" \
	    testdata/nyc311.csv
}
cf_nyc >"$tmp/cf.csv" 2>"$tmp/cf.err"
ok caseflow-exit-status test $? = 0 || cat "$tmp/cf.err"
ok caseflow-summary grep -qx 'caseflow: 757 read, 0 rejected, 0 after --as-of; 757 cases: 668 closed, 89 open, 0 cancelled; 1 invalid; 1 rows written; as of 2023-04-13T20:21:29-04:00' \
    "$tmp/cf.err" || cat "$tmp/cf.err"
# The one row (no key column: paired by position), to a relative 1e-9;
# KM p90 empty, and there (cols=all).
cat >"$tmp/cf.want" <<'EOF'
received,closed,open,invalid,close_h_mean,close_h_sd,close_h_p50,close_h_p90,close_h_p95,close_h_max,km_close_h_p50,km_close_h_p90
757,668,89,1,79.17895927036481,186.0647742015317,15.85,203.71966666666628,557.8075277777765,1053.9972222222223,20.416805555555555,
EOF
cmpref caseflow-statistics "" "$tmp/cf.want" "$tmp/cf.csv" \
    -v byrow=1 -v rel=1e-9 -v cols=all
# Per borough, type-7 median and p90 (Python, as above), to a relative
# 1e-9.
cf_nyc -q --by Borough >"$tmp/cfb.csv"
cat >"$tmp/cfb.want" <<'EOF'
Borough,close_h_p50,close_h_p90
BRONX,20.16375,147.47969444444445
BROOKLYN,8.013055555555555,229.32344444444465
MANHATTAN,22.41388888888889,514.0013333333333
QUEENS,4.701527777777778,72.30583333333334
STATEN ISLAND,23.812916666666666,342.3468611111115
EOF
cmpref caseflow-borough-quantiles Borough "$tmp/cfb.want" "$tmp/cfb.csv" \
    -v rel=1e-9

finish
