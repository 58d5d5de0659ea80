#!/bin/sh
# The demo (make demo): join the bundled NYC 311 sample to the city's
# community districts, keep the bad records aside, and count reports per
# district and per district and channel.  Results go to demo-out/; the
# last line names the folder.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=demo-out
mkdir -p "$out"
PATH="$root/build:$PATH"

echo "1. gridify: place each 311 report in its community district"
gridify -p testdata/nyc_cd.geojson --id-field boro_cd -a name \
    -x Longitude -y Latitude --reject "$out/rejects.csv" \
    -o "$out/reports_by_district.csv" testdata/nyc311.csv

echo "2. gridify --count: reports per district, zeros included"
gridify -p testdata/nyc_cd.geojson --id-field boro_cd -a name \
    -x Longitude -y Latitude --reject /dev/null --unmatched drop \
    --count -o "$out/counts.csv" testdata/nyc311.csv

echo "3. gridify --count --by: reports per district and channel"
gridify -q -p testdata/nyc_cd.geojson --id-field boro_cd \
    -x Longitude -y Latitude --reject /dev/null --unmatched drop \
    --count --by 'Open Data Channel Type' -o "$out/counts_by_channel.csv" \
    testdata/nyc311.csv

echo "busiest districts:"
sort -t, -k3,3nr "$out/counts.csv" | head -5 | sed 's/^/    /'
echo "demo: results in $root/$out/"
