#!/bin/sh
# partscore's command-line tests: every measure on a small file worked
# out by hand, the population file (zeros, sub-populations, placing
# areas in --by groups), the inequality measures against the values of
# R's ineq, PySAL and the issue's worked channel example, the NYC 311
# fixture against an independent computation (tests/partscore/
# nyc-expected.py), the charts (gnuplot scripts, Chinese and hostile
# labels, real PNG and SVG files), bad input with its message and status,
# and usage.
# Fixtures: testdata/partscore/.  How to write a case: tests/harness.sh.
#
# Usage: sh tests/partscore/cases.sh [BINDIR]   (default: build)
# Prints "partscore: N passed, N failed" last.
cd "$(dirname "$0")/../.." || exit 2
. tests/harness.sh
suite partscore "$@"

d=testdata/partscore
nyc_fmt='%m/%d/%Y %I:%M:%S %p'

# --- every measure on a small file, worked out by hand ---
# testdata/partscore/small.csv, --initiator initiator; as of the latest
# time in the input, 2024-03-04T09:00:00 (UTC).
# A: events 1 2 3 are citizens', 4 is staff (counted apart, in no
#   measure).  Participants p1 (2 events) and p2 (1): 2, 1.5 events
#   each; top 1% and top 10% are ceil(0.02) = ceil(0.2) = 1 participant,
#   p1: 2/3; Gini of (2, 1) = |2 - 1| * 2 / (2 * 2^2 * 1.5) = 1/6.
#   Channels hotline 2, web 1: H = -(2/3 ln 2/3 + 1/3 ln 1/3) =
#   0.636514168294813; K = 3 (hotline, web and wechat are used in the
#   input): J = H / ln 3 = 0.579380164285695; HHI = 5/9; HHI* = (5/9 -
#   1/3) / (2/3) = 1/3; exp(H) = 1.88988157484231; top hotline 2/3.
#   Levels 1, 2, 3: mean 2, depth (2 - 1) / 4 = 0.25, involve+ 1/3.
#   Responses after 2 h and 24 h, event 3 unanswered: 2, rate 2/3;
#   type-7 p50 13, p90 2 + 0.9 * 22 = 21.8; Kaplan-Meier with event 3
#   censored at 48 h: S(2) = 2/3, S(24) = 1/3: median 24.  Adopted yes,
#   no: 1/2.
# B: p3 and p1, one event each: 2 participants, 1 event each, top
#   shares 1/2, Gini 0.  Wechat only: 1 channel, H 0, J 0, HHI 1, HHI*
#   1, exp(H) 1.  Levels 4 and 1: mean 2.5, depth 0.375, involve+ 1/2.
#   One response after 0.5 h, event 6 unanswered at the as-of moment
#   (censored at 0 h): p50 = p90 = 0.5, Kaplan-Meier median 0.5;
#   adopted 1/1.
cat >"$tmp/small.want" <<'EOF'
area,events,staff_events,participants,events_per_participant,top1_share,top10_share,participant_gini,channels,channel_entropy,channel_evenness,channel_hhi,channel_hhi_norm,channel_effective,top_channel,top_channel_share,level_mean,depth_index,share_involve_plus,responded,response_rate,response_h_p50,response_h_p90,km_response_h_p50,adoption_rate
A,3,1,2,1.5,0.666666666666667,0.666666666666667,0.166666666666667,2,0.636514168294813,0.579380164285695,0.555555555555556,0.333333333333333,1.88988157484231,hotline,0.666666666666667,2,0.25,0.333333333333333,2,0.666666666666667,13,21.8,24,0.5
B,2,0,2,1,0.5,0.5,0,1,0,0,1,1,1,wechat,1,2.5,0.375,0.5,1,0.5,0.5,0.5,0.5,1
EOF
partscore -q --initiator initiator $d/small.csv >"$tmp/small.out"
cmpref small-worked-out area "$tmp/small.want" "$tmp/small.out" -v rel=1e-12
t small 0 partscore --initiator initiator $d/small.csv
t small-zh 0 partscore --lang zh --initiator initiator $d/small.csv
t small-day 0 partscore --period day --initiator initiator $d/small.csv
t small-shares 0 partscore --channel-shares --initiator initiator \
    $d/small.csv
# Without --initiator the inspector channel is the staff's: the same.
partscore -q $d/small.csv >"$tmp/noinit.out"
ok inspector-is-staff cmp -s "$tmp/small.out" "$tmp/noinit.out"
# --as-of a day earlier: event 6 (03-04) is after it; B's one response
# is in, event 6 out; A's event 3 is censored at 24 h (03-03 09:00):
# S(2) = 2/3, S(24) = 1/3 (the censoring at 24 h comes after the event
# at 24 h), median 24.
t as-of 0 partscore --as-of 2024-03-03T09:00:00 --initiator initiator \
    $d/small.csv
# --from/--to keep events 1 2 3 4 (March 1 and 2); 5 and 6 are counted
# outside.
t window 0 partscore --from 2024-03-01 --to 2024-03-03 \
    --initiator initiator $d/small.csv
# --sla 20h: A's event 1 is answered in 2 h (on time), event 2 in 24 h
# (late), event 3 not at all and due 03-03 05:00, before the as-of time:
# 1 of 3.  B's event 5 is answered in 0.5 h; event 6 is due 03-05 05:00,
# after the as-of time, so not yet due: 1 of 1.
t sla-hours 0 partscore --sla 20h --initiator initiator $d/small.csv
# --sla 1wd on China's 2024 calendar (testdata/holiday-cn): October 1-7
# are off and Saturday 10-12 is a working day.  东城: both events of
# 09-30 are due at the end of 10-08, the next working day; one answered
# 10-08 12:00 (on time), one 10-09 09:00 (late): 1/2.  西城: the event of
# 10-08 is due at the end of 10-09 and unanswered by the as-of time
# (late); the event of Saturday 10-12 is due at the end of Monday 10-14
# and answered at 08:00 that day: 1/2.  Response hours 194 and 215
# (p50 204.5, p90 212.9); 西城's Kaplan-Meier curve drops to 1/2 at 46 h
# and ends flat there (the unanswered event censored at 158 h): the
# middle of the stretch, 102, as caseflow does.
t sla-working-days 0 partscore --tz +08:00 --sla 1wd \
    --calendar testdata/holiday-cn --as-of 2024-10-15T00:00:00 \
    $d/sla-cn.csv
t usage-sla 2 partscore --sla 5x $d/small.csv
t usage-sla-calendar 2 partscore --sla 5wd $d/small.csv
t usage-sla-whole 2 partscore --sla 1.5wd --calendar testdata/holiday-cn \
    $d/small.csv
t usage-calendar 2 partscore --calendar testdata/holiday-cn $d/small.csv
# Columns by position and by other names: the same table.
sed '1s/participant/who/' $d/small.csv >"$tmp/who.csv"
partscore -q --participant who --initiator 9 "$tmp/who.csv" >"$tmp/who.out"
ok columns-by-name-and-position cmp -s "$tmp/small.out" "$tmp/who.out"

# --- the population file ---
# per 10k: A 3 / 20000 * 1e4 = 1.5, B 2 / 10000 * 1e4 = 2, C (no
# events: a row of zeros and empty rates) 0.  Migrants: A's
# participants are p1 (migrant, first event) and p2 (local): 1/2 of
# them, over 5000/20000 of the people: ratio 2; B: p3 local, p1
# migrant: 1/2 over 1000/10000: 5; C: no participants, empty.
t population 0 partscore --initiator initiator --population $d/small-pop.csv \
    --group group $d/small.csv
# The district column places the areas: D1 holds A and B, D2 holds C.
t population-by 0 partscore --initiator initiator \
    --population $d/small-pop.csv --by district $d/small.csv
# Inequality across D1's areas: rates 1.5e-4 and 2e-4, weights 2/3 and
# 1/3, mu 5/3e-4: Gini 2 * 2/9 * 0.5e-4 / (2 mu) = 1/15; D2 has one area
# without events: every measure empty (mu = 0).
t inequality-by 0 partscore --initiator initiator \
    --population $d/small-pop.csv --by district --inequality $d/small.csv

# An area where nobody lives (C, population 0) and nothing happened
# carries no weight: the inequality is A's and B's alone, as above.
t inequality-pop-zero 0 partscore --initiator initiator \
    --population $d/pop-zero.csv --inequality $d/small.csv
# An area of population 0 with events has no rate per head: an error.
t bad-pop-zero-events 1 partscore --initiator initiator \
    --population $d/bad-pop-zero-events.csv --inequality $d/small.csv
# An empty initiator is not recorded: the channel decides, as without
# the column (event 1, inspector, is staff; 2 and 4 are citizens', 3 is
# staff).  No participant column: the representation ratio counts
# events: A's one citizen event is local (ratio 0), B's migrant (1 of 1
# over 1000/10000 = 10).
t initiator-empty 0 partscore --initiator initiator --group group \
    --population $d/small-pop.csv $d/initiator-empty.csv
# A participant who moves and comes back (testdata/partscore/
# streaks.csv): q1 is in A (migrant), B (local), A, A, B (migrant); q2 in
# A once (local).  A: q1 3 events, q2 1: 2 participants, 2 events each,
# top 1% and 10% = q1: 3/4, Gini of (3, 1) = (2 * 2) / (2 * 2^2 * 2) =
# 1/4; q1 counts in A as migrant (its first event there), so migrants
# are 1/2 of A's participants over 5000/20000: ratio 2.  B: q1 alone, 2
# events, local at its first event there: ratio 0.
t streaks 0 partscore --population $d/small-pop.csv --group group \
    $d/streaks.csv
# The area column keeps its input name when named by position.
t area-by-position 0 partscore --area 3 --initiator initiator $d/small.csv

# --- the inequality measures against the references (1e-7) ---
# R ineq's example: equal populations, events 541, 1463, ... 22261:
# ineq::Gini 0.4620911, ineq::Atkinson(x, 0.5) 0.1796591; Theil T
# 0.3623412423 and L 0.4335946495 (the issue's values).
ineq_fixture() { # NAME "COUNTS" [PARENTS]: events and population files
	echo "area,population,parent" >"$tmp/$1-pop.csv"
	echo "id,at,area" >"$tmp/$1.csv"
	echo "$2" | awk -v pf="$tmp/$1-pop.csv" -v ev="$tmp/$1.csv" \
	    -v parents="$3" '{
		np = split(parents, par, " ")
		for (i = 1; i <= NF; i++) {
			printf "a%02d,1000,%s\n", i, (np ? par[i] : "p") >> pf
			for (k = 0; k < $i; k++)
				printf "%d,2024-03-01T09:00:00,a%02d\n", ++n, i >> ev
		}
	}'
}
ineq_fixture ineq "541 1463 2445 3438 4437 5401 6392 8304 11904 22261"
partscore -q --population "$tmp/ineq-pop.csv" --inequality "$tmp/ineq.csv" \
    >"$tmp/ineq.out"
printf 'areas,zero_areas,gini,atkinson_0.5,theil_t,theil_l\n10,0,0.4620911,0.1796591,0.3623412423,0.4335946495\n' \
    >"$tmp/ineq.want"
cmpref ineq-r-example "" "$tmp/ineq.want" "$tmp/ineq.out" -v byrow=1 \
    -v tol=1e-7
# PySAL's test: per-capita rates 10, 20, 30, 40, 50 (equal populations):
# Atkinson(0.5) 0.06315 (five places), Atkinson(1) 0.1316096, Gini 4/15.
ineq_fixture pysal "10 20 30 40 50"
partscore -q --population "$tmp/pysal-pop.csv" --inequality "$tmp/pysal.csv" \
    >"$tmp/pysal.out"
printf 'areas,zero_areas,gini,atkinson_1\n5,0,0.2666667,0.1316096\n' \
    >"$tmp/pysal.want"
cmpref ineq-pysal "" "$tmp/pysal.want" "$tmp/pysal.out" -v byrow=1 \
    -v tol=1e-7
printf 'atkinson_0.5\n0.06315\n' >"$tmp/pysal5.want"
cmpref ineq-pysal-atkinson-half "" "$tmp/pysal5.want" "$tmp/pysal.out" \
    -v byrow=1 -v tol=1e-5
# PySAL's decomposition: rates 0, 0, 0, 10, 10, 10 in parents 0 0 0 1 1 1:
# Theil T = between = ln 2, within 0; three areas without events, so
# Theil L and Atkinson 1 and 2 are empty (never computed over the others).
ineq_fixture zeros "0 0 0 10 10 10" "0 0 0 1 1 1"
partscore -q --population "$tmp/zeros-pop.csv" --parent parent \
    --inequality "$tmp/zeros.csv" >"$tmp/zeros.out"
printf 'areas,zero_areas,theil_t,theil_t_within,theil_t_between,theil_l,atkinson_1,atkinson_2\n6,3,0.6931471805599453,0,0.6931471805599453,,,\n' \
    >"$tmp/zeros.want"
cmpref ineq-zeros-decomposed "" "$tmp/zeros.want" "$tmp/zeros.out" \
    -v byrow=1 -v tol=1e-12
t ineq-zeros 0 partscore --population "$tmp/zeros-pop.csv" --parent parent \
    --inequality "$tmp/zeros.csv"
# The bootstrap is the same bytes for the same seed, another for another.
partscore -q --population "$tmp/ineq-pop.csv" --inequality --bootstrap 200 \
    --seed 7 "$tmp/ineq.csv" >"$tmp/boot1"
partscore -q --population "$tmp/ineq-pop.csv" --inequality --bootstrap 200 \
    --seed 7 "$tmp/ineq.csv" >"$tmp/boot2"
partscore -q --population "$tmp/ineq-pop.csv" --inequality --bootstrap 200 \
    --seed 8 "$tmp/ineq.csv" >"$tmp/boot3"
ok bootstrap-same-seed cmp -s "$tmp/boot1" "$tmp/boot2"
ok bootstrap-other-seed sh -c "! cmp -s $tmp/boot1 $tmp/boot3"
# The interval holds the Gini: gini_lo <= gini <= gini_hi.
ok bootstrap-holds-gini awk -F, 'NR == 2 { exit !($4 <= $3 && $3 <= $5) }' \
    "$tmp/boot1"
# --gini-correction: times n/(n-1) = 10/9 with equal populations.
partscore -q --population "$tmp/ineq-pop.csv" --inequality --gini-correction \
    "$tmp/ineq.csv" >"$tmp/corr.out"
printf 'gini\n0.5134345892\n' >"$tmp/corr.want"
cmpref gini-correction "" "$tmp/corr.want" "$tmp/corr.out" -v byrow=1 \
    -v tol=1e-7
t lorenz 0 partscore -q --population "$tmp/pysal-pop.csv" --inequality \
    --lorenz "$tmp/lorenz.csv" "$tmp/pysal.csv"
f lorenz-file "$tmp/lorenz.csv"
t lorenz-zh 0 partscore -q --lang zh --population "$tmp/pysal-pop.csv" \
    --inequality --lorenz "$tmp/lorenz-zh.csv" "$tmp/pysal.csv"
f lorenz-zh-file "$tmp/lorenz-zh.csv"

# --- channels: the issue's worked example ---
# 600, 250, 100, 40 and 10 events on five channels, 5 offered: entropy
# 1.0581342087, evenness 0.6574557493, HHI 0.4342, HHI* 0.29275.
awk 'BEGIN { print "id,at,area,channel"; split("600 250 100 40 10", n, " ")
	split("hotline web app wechat mailbox", c, " ")
	for (i = 1; i <= 5; i++) for (k = 0; k < n[i]; k++)
		printf "%d,2024-03-01T09:00:00,A,%s\n", ++id, c[i] }' \
    >"$tmp/chan.csv"
partscore -q --channels-offered 5 "$tmp/chan.csv" >"$tmp/chan.out"
printf 'area,channels,channel_entropy,channel_evenness,channel_hhi,channel_hhi_norm,channel_effective,top_channel,top_channel_share\nA,5,1.0581342087,0.6574557493,0.4342,0.29275,2.8809906442,hotline,0.6\n' \
    >"$tmp/chan.want"
cmpref channels-worked-out area "$tmp/chan.want" "$tmp/chan.out" -v tol=1e-7

# --channels-offered FILE: A offers 4 channels: J = H / ln 4 =
# 0.459147917027245, HHI* = (5/9 - 1/4) / (3/4) = 11/27; B is not in
# the file: its evenness and HHI* are empty (no K to measure against).
t offered-file 0 partscore --channels-offered $d/offered.csv $d/small.csv
# A offers fewer channels (1) than it uses (2): no evenness, rather than
# one above 1.
t offered-too-few 0 partscore --channels-offered 1 $d/small.csv
t bad-offered 1 partscore --channels-offered $d/bad-offered.csv $d/small.csv

# --- real data: NYC 311, community districts ---
# The fixture (testdata/partscore/README) against nyc-expected.py's
# independent computation; two rows respond before they were made and
# are rejected (the script leaves them out too).
partscore -q --time-format "$nyc_fmt" --reject "$tmp/nyc.rej" \
    --channel-shares --population $d/nyc-cd-population.csv \
    $d/nyc311-events.csv >"$tmp/nyc.out"
cmpref nyc-areas area tests/partscore/nyc-expected-areas.csv "$tmp/nyc.out" \
    -v rel=1e-12 -v map=channel_hotline_share=share_hotline,channel_web_share=share_web,channel_app_share=share_app,channel_other_share=share_other
ok nyc-two-rejected test "$(wc -l <"$tmp/nyc.rej")" -eq 3
partscore -q --time-format "$nyc_fmt" --reject /dev/null --inequality \
    --parent borough --population $d/nyc-cd-population.csv \
    $d/nyc311-events.csv >"$tmp/nyc-ineq.out"
cmpref nyc-inequality "" tests/partscore/nyc-expected-inequality.csv \
    "$tmp/nyc-ineq.out" -v byrow=1 -v rel=1e-12

# --- committees: Nanjing's rules ---
# 城市治理委员会: 3 of 6 members public (half: yes); 4 attend, at least
# half of 6 (quorum), 2 of them public, half of 4: meets the rules.
# Planning board: 1 of 4 public: no.  Small board: 2 of 4 public, but 1
# of 4 attends: no quorum, and no public member among those attending.
t committee 0 partscore --committee $d/committee.csv
# Without an attended column the attendance columns are empty and the
# rule is the composition alone; Chinese column names; standard input.
t committee-zh 0 sh -c "cut -d, -f1-3 $d/committee.csv |
    partscore --committee - --lang zh"
t bad-committee-kind 1 partscore --committee $d/bad-committee-kind.csv
t bad-committee-twice 1 partscore --committee $d/bad-committee-twice.csv
t usage-committee-events 2 partscore --committee $d/committee.csv \
    $d/small.csv
t usage-committee-options 2 partscore --committee $d/committee.csv \
    --population $d/small-pop.csv

# --- the pipeline of the README: gridify | partscore | rankcity ---
# NYC 311 reports placed in community districts, measured per district,
# ranked on the participation index of testdata/partscore/
# participation_meta.csv (volume, channel evenness, responses).
t pipeline 0 sh -c "gridify -q -p testdata/nyc_cd.geojson --id-field boro_cd \
    --as area -x Longitude -y Latitude --unmatched drop --reject /dev/null \
    testdata/nyc311.csv |
  partscore -q --at 'Created Date' --channel 'Open Data Channel Type' \
    --responded 'Closed Date' --time-format '%m/%d/%Y %I:%M:%S %p' \
    --population $d/nyc-cd-population.csv --reject /dev/null |
  rankcity -q -m $d/participation_meta.csv --unit area --precision 2"
# --- charts (gnuplot) ---
# The scripts are deterministic, so they are golden files; text from the
# data reaches them only as gnuplot string literals.  channels (the
# default without --inequality): one stacked bar per row of the table,
# the shares of its citizen events on each channel used in the input
# (A: hotline 2/3, web 1/3; B: wechat; C, no events: a label, no bar).
t gnuplot-channels 0 partscore -q --initiator initiator \
    --population $d/small-pop.csv --by district --chart x.png --gnuplot \
    $d/small.csv
# ladder: the shares on each rung, every rung of iap2 in the legend (none
# reached empower); the staff event's row, whose group is empty, reads
# "(blank)" and has no bar (staff events are in no chart).
t gnuplot-ladder 0 partscore -q --initiator initiator --by group \
    --chart-kind ladder --chart x.svg --gnuplot $d/small.csv
# lorenz (the default with --inequality): D1's curve through (2/3, 3/5)
# (A, 1.5 events per 10k, before B, 2), the same points as --lorenz
# writes; D2 has no events, so no curve: its legend entry says so.
t gnuplot-lorenz 0 partscore -q --initiator initiator \
    --population $d/small-pop.csv --by district --inequality \
    --chart x.pdf --gnuplot $d/small.csv
# Chinese titles and "(空)" for the empty --by value, "（无参与）" for a
# group without events.
t gnuplot-lorenz-zh 0 partscore -q --lang zh --population $d/hostile-pop.csv \
    --by district --period day --inequality --chart x.png --gnuplot \
    $d/hostile.csv
# Hostile names (testdata/partscore/hostile*.csv): areas, --by values
# and rung names with quotes, system(), backticks, %, gnuplot's enhanced
# text marks; all quoted, nothing outside a literal.
t gnuplot-hostile 0 partscore -q --by district --chart x.png --gnuplot \
    $d/hostile.csv
t gnuplot-hostile-ladder 0 partscore -q --ladder $d/hostile-ladder.csv \
    --chart-kind ladder --chart x.png --gnuplot $d/hostile.csv
# The chart changes neither the table nor the --lorenz file (under
# --gnuplot the table goes to -o).
partscore -q --initiator initiator --population $d/small-pop.csv \
    --by district --inequality --lorenz "$tmp/lz-plain.csv" \
    -o "$tmp/ineq-plain.csv" $d/small.csv
partscore -q --initiator initiator --population $d/small-pop.csv \
    --by district --inequality --lorenz "$tmp/lz-chart.csv" --chart x.png \
    --gnuplot -o "$tmp/ineq-chart.csv" $d/small.csv >/dev/null
ok chart-same-table cmp -s "$tmp/ineq-plain.csv" "$tmp/ineq-chart.csv"
ok chart-same-lorenz cmp -s "$tmp/lz-plain.csv" "$tmp/lz-chart.csv"
# gnuplot draws them: PNG and SVG files with the Chinese text in them,
# and the hostile names drawn as text, never run.  Skipped, and said so,
# without gnuplot (make deps installs it).
if command -v "${GNUPLOT:-gnuplot}" >/dev/null 2>&1; then
	rm -f pwned
	partscore -q --lang zh --population $d/hostile-pop.csv --by district \
	    --inequality --chart "$tmp/lorenz.png" -o "$tmp/chart.csv" \
	    $d/hostile.csv
	ok chart-lorenz-png sh -c "test -s '$tmp/lorenz.png' && head -c 8 '$tmp/lorenz.png' | od -An -c | grep -q 'P   N   G'"
	partscore -q --lang zh --population $d/hostile-pop.csv --by district \
	    --inequality --chart "$tmp/lorenz.svg" -o /dev/null $d/hostile.csv
	ok chart-lorenz-svg-chinese sh -c "grep -q '人均参与的洛伦兹曲线' '$tmp/lorenz.svg' && grep -q '东城区' '$tmp/lorenz.svg'"
	ok chart-lorenz-svg-hostile-text grep -qF "d'; system('touch pwned') #" \
	    "$tmp/lorenz.svg"
	# The table is the same as without the chart.
	partscore -q --lang zh --population $d/hostile-pop.csv --by district \
	    --inequality $d/hostile.csv >"$tmp/chart-plain.csv"
	ok chart-csv-unchanged cmp -s "$tmp/chart.csv" "$tmp/chart-plain.csv"
	for kind in channels ladder; do
		partscore -q --lang zh --by district --chart-kind $kind \
		    --chart "$tmp/$kind.png" -o /dev/null $d/hostile.csv
		ok chart-$kind-png sh -c "test -s '$tmp/$kind.png' && head -c 8 '$tmp/$kind.png' | od -An -c | grep -q 'P   N   G'"
		partscore -q --lang zh --by district --chart-kind $kind \
		    --chart "$tmp/$kind.svg" -o /dev/null $d/hostile.csv
		ok chart-$kind-svg-chinese sh -c "grep -q '朝阳区' '$tmp/$kind.svg' && grep -q '参与次数占比' '$tmp/$kind.svg'"
	done
	partscore -q --ladder $d/hostile-ladder.csv --chart-kind ladder \
	    --chart "$tmp/hostile-ladder.svg" -o /dev/null $d/hostile.csv
	ok chart-ladder-svg-hostile-text grep -q 'high `touch pwned`' \
	    "$tmp/hostile-ladder.svg"
	ok chart-no-injection sh -c "test ! -e pwned && test ! -e '$tmp/pwned'"
	rm -f pwned
else
	echo "skip partscore charts: ${GNUPLOT:-gnuplot} is not installed"
fi
# gnuplot missing: a clear message, exit 1, and no file left behind.
t gnuplot-missing 1 env GNUPLOT=/nonexistent/gnuplot partscore -q \
    --chart "$tmp/none.png" -o "$tmp/none.csv" $d/small.csv
ok gnuplot-missing-no-files sh -c "test ! -e '$tmp/none.png' && test ! -e '$tmp/none.csv'"

# --- bad input: the message and the status ---
t bad-channel 1 partscore $d/bad-channel.csv
t bad-channel-reject 0 partscore --reject "$tmp/rej.csv" $d/bad-channel.csv
f bad-channel-reject-file "$tmp/rej.csv"
t bad-level 1 partscore $d/bad-level.csv
# A word column's lookups remember the words they found by their bytes:
# a bad value that shares a good one's length and first and last bytes
# (wxb after web, infxrm after inform, yxs after yes) is still refused,
# with its message; WEB, INFORM and YES are still found; 1, 5 and 6 count.
t memo-words 0 partscore --reject "$tmp/mrej.csv" $d/memo-words.csv
f memo-words-file "$tmp/mrej.csv"
t bad-level-outside 0 partscore --reject "$tmp/lrej.csv" $d/bad-level.csv
f bad-level-outside-file "$tmp/lrej.csv"
t bad-level-arnstein 0 partscore -q --ladder arnstein --reject /dev/null \
    $d/bad-level.csv
# An event the window leaves out needs no population: Z (03-01) is
# counted outside --from, not rejected; the empty area and the totals
# row are still bad.
t window-unknown-area 0 partscore --population $d/small-pop.csv \
    --from 2024-03-02 --reject /dev/null $d/bad-area.csv
t bad-area-missing 1 partscore --population $d/small-pop.csv $d/bad-area.csv
t bad-area-reject 0 partscore --population $d/small-pop.csv \
    --reject "$tmp/arej.csv" $d/bad-area.csv
f bad-area-reject-file "$tmp/arej.csv"
t bad-pop-negative 1 partscore --population $d/bad-pop-negative.csv \
    $d/small.csv
t bad-pop-text 1 partscore --population $d/bad-pop-text.csv $d/small.csv
t bad-response-before 1 partscore --time-format "$nyc_fmt" \
    $d/nyc311-events.csv
t bad-adopted 1 partscore $d/bad-adopted.csv
t bad-initiator 1 partscore --initiator initiator $d/bad-initiator.csv
t bad-time 1 partscore $d/bad-time.csv
t bad-time-empty 0 partscore --reject "$tmp/trej.csv" $d/bad-time.csv
f bad-time-empty-file "$tmp/trej.csv"
t bad-missing-column 1 partscore --channel kanal $d/small.csv
# No events at all (found by make fuzz: a sort of nothing): the header.
t empty-input 0 partscore $d/header-only.csv
t empty-inequality 0 partscore --population $d/small-pop.csv --inequality \
    $d/header-only.csv
t bad-no-input 1 partscore $d/no-such-file.csv
t dev-full 1 sh -c "partscore $d/small.csv > /dev/full"

# --- usage ---
t help 0 partscore --help
t usage-inequality 2 partscore --inequality $d/small.csv
t usage-lorenz 2 partscore --population $d/small-pop.csv --lorenz x.csv \
    $d/small.csv
t usage-bootstrap 2 partscore --bootstrap 0 --inequality \
    --population $d/small-pop.csv $d/small.csv
t usage-group 2 partscore --group group $d/small.csv
t usage-parent 2 partscore --parent district $d/small.csv
t usage-period 2 partscore --period fortnight $d/small.csv
t usage-lang 2 partscore --lang fr $d/small.csv
t usage-offered 2 partscore --channels-offered 0 $d/small.csv
t usage-window 2 partscore --from 2024-03-03 --to 2024-03-01 $d/small.csv
t usage-same-file 2 partscore -o $d/small.csv $d/small.csv
t usage-shares-inequality 2 partscore --channel-shares --inequality \
    --population $d/small-pop.csv $d/small.csv
t usage-chart-kind 2 partscore --chart x.png --chart-kind pie $d/small.csv
t usage-chart-kind-no-chart 2 partscore --chart-kind ladder $d/small.csv
t usage-chart-lorenz 2 partscore --chart x.png --chart-kind lorenz \
    $d/small.csv
t usage-chart-channels-inequality 2 partscore --chart x.png \
    --chart-kind channels --inequality --population $d/small-pop.csv \
    $d/small.csv
t usage-chart-ladder-inequality 2 partscore --chart x.svg \
    --chart-kind ladder --inequality --population $d/small-pop.csv \
    $d/small.csv
t usage-chart-ext 2 partscore --chart x.gif $d/small.csv
t usage-gnuplot-no-chart 2 partscore --gnuplot $d/small.csv

finish
