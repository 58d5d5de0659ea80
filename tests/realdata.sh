#!/bin/sh
# Real data: the NYC 311 cut (testdata/nyc311.csv, 757 records, 26 without
# coordinates) joined to the 59 community districts.  Every record with
# coordinates must get the district that an independent join gives
# (testdata/nyc311_expected_cd.csv, computed once with shapely and checked
# against a pure-Python ray-casting join: scripts/nyc-fixtures.py).  The
# test also reports how often the result agrees with the city's own
# "Community Board" column.
#
# Usage: tests/realdata.sh [BINDIR]    Prints "realdata: N passed, N failed".
bindir=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/real.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
check() {
	if [ "$1" = ok ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "not ok realdata: $2"; fi
}

"$bindir/gridify" -p testdata/nyc_cd.geojson --id-field boro_cd \
    -x Longitude -y Latitude --reject "$tmp/rej.csv" \
    testdata/nyc311.csv >"$tmp/out.csv" 2>"$tmp/err"
st=$?
[ $st = 0 ] && check ok || check no "exit status $st: $(cat "$tmp/err")"
grep -qx 'gridify: 757 read, 731 written, 26 rejected, 0 dropped; 11 unmatched' \
    "$tmp/err" && check ok || check no "summary: $(cat "$tmp/err")"

# Compare column by column with awk's own CSV-free view: Unique Key is the
# first field and boro_cd the last, neither ever quoted in this file.
awk -F, 'NR > 1 { print $1 "," $NF }' "$tmp/out.csv" >"$tmp/got"
awk 'NR > 1' testdata/nyc311_expected_cd.csv >"$tmp/want.all"
# Records rejected for missing coordinates have no row in out.csv.
awk -F, 'NR > 1 { print $1 }' "$tmp/rej.csv" >"$tmp/rejkeys"
awk -F, 'NR == FNR { skip[$1] = 1; next } !($1 in skip)' \
    "$tmp/rejkeys" "$tmp/want.all" >"$tmp/want"
if cmp -s "$tmp/got" "$tmp/want"; then
	check ok
else
	check no "districts differ from the independent join:"
	diff "$tmp/want" "$tmp/got" | head
fi
n=$(wc -l <"$tmp/got")
[ "$n" = 731 ] && check ok || check no "$n rows joined, want 731"

# Agreement with the city's Community Board ("04 MANHATTAN" = 104).
# Counting by the Community Board column gives a small table to compare.
"$bindir/gridify" -q -p testdata/nyc_cd.geojson --id-field boro_cd \
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
	  if (agree != 694 || n != 720) exit 1 }' && check ok ||
    check no "agreement with Community Board changed"

echo "realdata: $pass passed, $fail failed"
[ "$fail" = 0 ]
