#!/bin/sh
# tests/fuzz/seed.sh - (re)write the seed corpora tests/fuzz/corpus/HARNESS/
# from testdata/ in each harness's input layout (a control byte or two,
# files joined by a line "=====": see tests/fuzz/README).  Run from
# anywhere; it replaces the seeds it writes and leaves other files (inputs
# added by hand or kept from fuzzing) alone.  Keep the corpus small:
# seeds over 64 kB are skipped.
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
c=tests/fuzz/corpus
t=testdata
mkdir -p $c/csv $c/geojson $c/wkt $c/time $c/rankcity $c/caseflow \
    $c/partscore $c/pip
# Files made here for seeds that need one testdata/ does not have.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/seed.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# seed HARNESS NAME CONTROL FILE [FILE...]: CONTROL as octal escapes
# (printf), then the files with "=====" lines between them.
seed() {
	h=$1 n=$2 ctl=$3
	shift 3
	for f; do
		[ "$(wc -c <"$f")" -le 65536 ] || return 0
	done
	{
		printf "$ctl"
		first=1
		for f; do
			[ $first = 1 ] || printf '\n=====\n'
			first=0
			cat "$f"
		done
	} >"$c/$h/$n" || exit 1
}

# csv: byte 0 the delimiter (0 ',', 3 tab), byte 1 the encoding (0 as is,
# 2 gb18030).
for f in points.csv bad.csv header-only.csv named.csv squares.csv far.csv; do
	seed csv "${f%.csv}" '\0\0' $t/cli/$f
done
seed csv tsv '\3\0' $t/cli/points.tsv
seed csv gb18030 '\0\2' $t/cli/gb18030.csv
seed csv hostile '\0\0' $t/caseflow/hostile.csv
printf '\0\0a,b\r\n1,"x\r\ny"\r\n2,\r\n' >$c/csv/crlf-quoted
printf '\0\0\357\273\277a,b\n1,2\n"3",""""\n' >$c/csv/bom-quotes
printf '\0\0a,b\n1,"unterminated\n' >$c/csv/unterminated

# geojson: the layer files as they are (control 0: id from the feature;
# 8: from the property "id"); CSV layers too, since layer_load sniffs.
seed geojson multi '\0' $t/cli/multi.geojson
seed geojson bom3d '\0' $t/cli/bom3d.geojson
seed geojson squares-csv '\4' $t/cli/squares.csv
seed geojson districts-csv '\0' $t/grid/districts.csv
printf '\0{"type":"FeatureCollection","features":[{"type":"Feature","id":1,"properties":{"name":"a"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}}]}' \
    >$c/geojson/multipolygon

# wkt: one WKT text per line.
printf '\0POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))\nPOLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))\n' \
    >$c/wkt/squares
printf '\4MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))\n' \
    >$c/wkt/multi
printf '\1POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))\n' >$c/wkt/bowtie-make-valid
printf '\2POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))\nPOLYGON EMPTY\n' \
    >$c/wkt/z-empty-exact

# time: byte 0 the format, byte 1 the zone, then the field.
printf '\000\0002023-03-01T08:00:00+08:00' >$c/time/iso-offset
printf '\000\0022023-03-01 08:00:00' >$c/time/iso-tz
printf '\000\0002024-02-29T23:59:59.5Z' >$c/time/iso-frac
printf '\001\00503/01/2023 08:00:00 PM' >$c/time/nyc
printf '\002\0021700000000' >$c/time/epoch
printf '\003\0042024-01-05 08:00' >$c/time/minutes
printf '\004\00305.01.2024 08:00:00' >$c/time/dotted
printf '\005\006%%Y%%m%%d\n+0530\n20240105' >$c/time/own-format

# rankcity: the control byte, the data, then META.
seed rankcity districts '\0' $t/rankcity/districts.csv $t/rankcity/districts_meta.csv
seed rankcity small '\0' $t/rankcity/small.csv $t/rankcity/small_meta.csv
seed rankcity denom '\1' $t/rankcity/denom.csv $t/rankcity/denom_meta.csv
seed rankcity topsis '\060' $t/rankcity/topsis_cost.csv $t/rankcity/topsis_cost_meta.csv
seed rankcity entropy '\012' $t/rankcity/entropy.csv
seed rankcity vec7-gmean '\020' $t/rankcity/vec7.csv $t/rankcity/vec7_meta.csv
seed rankcity hostile '\100' $t/rankcity/hostile.csv
seed rankcity pca '\014' $t/rankcity/vec_agg.csv $t/rankcity/vec_agg_meta.csv

# caseflow: the control byte, the case log, the rules, the calendar.
seed caseflow rates '\100' $t/caseflow/rates.csv
seed caseflow rates-rules '\340' $t/caseflow/rates.csv $t/caseflow/rules-h.csv
seed caseflow rates-wd '\240' $t/caseflow/rates.csv $t/caseflow/rules-wd.csv $t/caseflow/calendar.csv
seed caseflow wide '\005' $t/caseflow/wide.csv
seed caseflow city-sorted '\012' $t/caseflow/city.csv
seed caseflow hostile '\0' $t/caseflow/hostile.csv
seed caseflow zh '\030' $t/caseflow/zh.csv
seed caseflow bad-due '\001' $t/caseflow/bad-due.csv

# partscore: three control bytes, the events, the population, a channel
# map, a ladder file (/dev/null: a part not given).  Byte 0: 1
# --inequality, 2 --parent, 4 --by district, 010-040 the period, 0100
# --reject, 0200 --initiator; byte 1: 1-3 --sla, 4 arnstein, 010-030
# --bootstrap, 040 --group, 0100 --channel-shares, 0200 --channels-offered;
# byte 2: 1 +08:00, 2 NYC 311 times, 4 --as-of, 010 --from/--to, 020 zh,
# 040 --precision, 0100 --gini-correction, 0200 --lorenz.
p=$t/partscore
printf 'area,population,parent,district,migrant\nA,20000,P1,D1,5000\nB,10000,P1,D1,1000\nC,5000,P2,D2,0\n' \
    >"$tmp/pop-parent.csv"
sed '1s/borough/parent/' $p/nyc-cd-population.csv >"$tmp/nyc-pop.csv"
head -n 121 $p/nyc311-events.csv >"$tmp/nyc-events.csv"
printf 'name,channel\ncarrier pigeon,other\n信箱,mailbox\nPHONE,visit\n' \
    >"$tmp/map.csv"
printf 'name,rung\ninform,1\nconsult,2\nshouting,3\n' >"$tmp/ladder.csv"
seed partscore small '\0\0\0' $p/small.csv
seed partscore small-pop-group '\0\040\0' $p/small.csv $p/small-pop.csv
seed partscore small-by-pop '\004\0\0' $p/small.csv $p/small-pop.csv
seed partscore small-ineq '\003\020\300' $p/small.csv "$tmp/pop-parent.csv"
seed partscore small-ineq-by '\025\010\0' $p/small.csv "$tmp/pop-parent.csv"
seed partscore small-day-initiator '\310\0\0' $p/small.csv
seed partscore small-week-sla '\020\001\024' $p/small.csv
seed partscore small-month-shares '\030\300\050' $p/small.csv
seed partscore sla-cn-wd '\0\003\001' $p/sla-cn.csv
seed partscore sla-cn-wh-year '\040\002\001' $p/sla-cn.csv
seed partscore nyc-ineq '\103\030\202' "$tmp/nyc-events.csv" "$tmp/nyc-pop.csv"
seed partscore nyc-areas '\100\100\002' "$tmp/nyc-events.csv" "$tmp/nyc-pop.csv"
seed partscore nyc-map '\100\0\002' "$tmp/nyc-events.csv" /dev/null "$tmp/map.csv"
for b in bad-adopted bad-time bad-level bad-channel; do
	seed partscore $b '\0\0\0' $p/$b.csv
	seed partscore $b-reject '\100\0\0' $p/$b.csv
done
seed partscore bad-initiator '\300\0\0' $p/bad-initiator.csv
seed partscore bad-area-pop '\100\0\0' $p/bad-area.csv $p/small-pop.csv
seed partscore bad-pop-negative '\0\0\0' $p/small.csv $p/bad-pop-negative.csv
seed partscore bad-pop-text '\0\0\0' $p/small.csv $p/bad-pop-text.csv
seed partscore bad-channel-map '\100\0\0' $p/bad-channel.csv /dev/null "$tmp/map.csv"
seed partscore bad-level-ladder '\100\0\0' $p/bad-level.csv /dev/null /dev/null "$tmp/ladder.csv"
seed partscore bad-level-arnstein '\100\004\0' $p/bad-level.csv

# pip: the scale byte, polygons (count, centre, radii), 0xff, points.
for s in 0 1 2 3 5; do
	printf "\\$s\\3\\0\\0\\20\\20\\20\\20\\5\\10\\10\\4\\4\\4\\4\\4\\4\\4\\4\\377\\0\\0\\0\\0\\0\\4\\0\\4\\200\\7\\0\\2" \
	    >$c/pip/scale$s
done
