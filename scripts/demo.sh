#!/bin/sh
# The demo (make demo): join the bundled NYC 311 sample to the city's
# community districts, keep the bad records aside, and count reports per
# district and per district and channel; then follow the cases with
# caseflow: rates and times to close per district and per borough (with a
# Kaplan-Meier chart), and the standard rates of a small Chinese case log
# with Chinese column names; last, rank the 16 districts of Beijing on
# synthetic hotline and city-management indicators with rankcity, with a bar
# chart of the index and a chart of the rank uncertainty, both with the
# Chinese district names; then measure public participation in those
# districts with partscore (synthetic events): the table per district and
# the inequality across them, with a Lorenz chart and the channel mix.
# Results go to demo-out/; the last line names the folder.
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

# NYC 311 records are cases in wide form: one row, one column per stage.
nyc311_wide() {
	caseflow --wide --id 'Unique Key' --opened 'Created Date' \
	    --closed 'Closed Date' --due 'Due Date' \
	    --time-format '%m/%d/%Y %I:%M:%S %p' --tz America/New_York "$@"
}

echo "4. caseflow: cases per community district, from the joined reports of step 1"
nyc311_wide -q --by boro_cd,name -o "$out/cases_by_district.csv" \
    "$out/reports_by_district.csv"

echo "5. caseflow --chart: cases per borough, Kaplan-Meier curves of the time to close"
nyc311_wide --by Borough --chart "$out/caseflow-km.png" \
    -o "$out/cases_by_borough.csv" testdata/nyc311.csv

echo "closure rate and median hours to close per borough:"
cut -d, -f1,2,10,21 "$out/cases_by_borough.csv" | sed 's/^/    /'

echo "6. caseflow --lang zh: the standard rates of a small Chinese case log"
caseflow -q --lang zh --by district --rules testdata/caseflow/rules-h.csv \
    --contacted contacted --resolved resolved --satisfaction satisfaction \
    -o "$out/caseflow_zh.csv" testdata/caseflow/rates.csv

# Beijing's 16 districts (synthetic figures): cases per 10,000 residents,
# gaps filled with the mean of the district's zone, outliers winsorised,
# entropy weights.
districts_rank() {
	rankcity -m testdata/rankcity/districts_meta.csv --unit code \
	    --label district --denominate --impute group-mean:zone \
	    --treat winsor --weights entropy "$@" testdata/rankcity/districts.csv
}

echo "7. rankcity --chart: rank Beijing's districts, a bar chart of the index"
districts_rank --treat-out "$out/rankcity_treatment.csv" \
    --weights-out "$out/rankcity_weights.csv" \
    --precision 2 --chart "$out/rankcity-index.png" \
    -o "$out/rankcity_ranking.csv"

echo "top five districts (rank, index, hotline and city-management pillars):"
cut -d, -f2-6 "$out/rankcity_ranking.csv" | head -6 | sed 's/^/    /'

echo "8. rankcity --uncertainty: how sure each rank is, 1000 Monte Carlo runs"
districts_rank -q --uncertainty 1000 --chart-type uncertainty \
    --chart "$out/rankcity-uncertainty.png" \
    -o "$out/rankcity_uncertainty.csv"
echo "9. partscore: public participation per district (synthetic Beijing data)"
bj="--population testdata/partscore/beijing_population.csv --parent zone"
partscore --lang zh $bj --group group --sla 3wd --precision 3 \
    --calendar testdata/holiday-cn --tz +08:00 \
    -o "$out/partscore_districts.csv" testdata/partscore/beijing_events.csv
echo "per district (events, per 10k residents, channel evenness, depth, response rate):"
cut -d, -f1,2,4,13,20,23 "$out/partscore_districts.csv" | head -6 |
    sed 's/^/    /'

echo "10. partscore --inequality: how unequal participation per head is, with"
echo "    the Lorenz curve across the districts"
partscore -q --lang zh $bj --inequality --bootstrap 1000 --precision 3 \
    --lorenz "$out/partscore_lorenz.csv" --chart "$out/partscore-lorenz.png" \
    -o "$out/partscore_inequality.csv" testdata/partscore/beijing_events.csv
cut -d, -f1-8 "$out/partscore_inequality.csv" | sed 's/^/    /'
echo "11. partscore --chart: the channel mix of each district"
partscore -q --lang zh $bj --chart "$out/partscore-channels.png" \
    -o /dev/null testdata/partscore/beijing_events.csv
echo "demo: results in $root/$out/"
