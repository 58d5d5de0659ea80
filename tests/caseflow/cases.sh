#!/bin/sh
# caseflow's command-line tests: every rate on a small log worked out by
# hand, the summary, cases, periods and languages, Chinese stage names
# with working days and hours (holiday-cn), the wide form, bad records,
# charts, output errors, usage and the edges found in review.  Fixtures:
# testdata/caseflow/.  How to write a case: tests/harness.sh.
#
# Usage: sh tests/caseflow/cases.sh [BINDIR]   (default: build)
# Prints "caseflow: N passed, N failed" last.
cd "$(dirname "$0")/../.." || exit 2
. tests/harness.sh
suite caseflow "$@"

c=testdata/caseflow

# --- every rate on a small log, worked out by hand ---
# testdata/caseflow/rates.csv, rules *,close,48,h and K2,close,24,h,
# as of 2024-03-10T00:00:00 (UTC).
# 东城 (K1, 48 h): A filed, dispatched, handled, closed after 7 h (on time);
#   B dispatched twice with one return, reworked, extended, closed after
#   52 h (late); C filed, dispatched, suspended and still open, due
#   03-07 08:00 (overdue); D cancelled; E filed, open, due 03-10 08:00
#   (not yet due); F closed an hour before it was reported (invalid, but
#   closed, and on time); G is reported after the as-of time.
#   (Every case has a deadline from the rules: no_deadline 0.)
#   received 6; filed A B C E = 4 (4/6); dispatched A B C = 3, dispatch
#   steps 4 with 1 return (accuracy 3/4); handled A B = 2; handling
#   rate: dispatched A B C are due for handling (no handling limit), A B
#   handled: 2/3; no dispatch or handle rules: both on-time rates empty;
#   due A B C F = 4
#   (E is not due yet, D is cancelled); closed A B F = 3 (3/4); on time
#   A F = 2 (2/4); rework B / handled 2 = 0.5; extension B / 6; open C E;
#   overdue C; cancelled D; invalid F.  Durations (valid closed): 7 and
#   52 h: mean 29.5, sd sqrt(2 * 22.5^2) = 31.8198051533946, type-7 p50
#   29.5, p90 7 + 0.9 * 45 = 47.5, p95 7 + 0.95 * 45 = 49.75, max 52.
#   Kaplan-Meier: events 7, 52; censored E at 40 h and C at 112 h; S(7) =
#   3/4, S(52) = 3/4 * 1/2 = 0.375, so the median is 52 and p90 is never
#   reached (empty).  Callbacks A (yes, yes, 满意) and B (是, 否, 基本满意):
#   response 2/2, resolution 1/2, satisfaction (1 + 0.9)/2 = 0.95, score
#   100 * (0.1 * 1 + 0.5 * 0.5 + 0.4 * 0.95) = 73.
# 西城 (K2, 24 h): H closed after 12 h (on time), I suspended and resumed,
#   closed after 26 h (late), J open, due 03-10 08:00 (not yet due).
#   received 3, filed 3, dispatched 2 (accuracy 1), handled 2 (handling
#   rate 2/2), due 2,
#   closed 2 (1), on time 1 (0.5), rework 0, extension 0, open 1, overdue
#   0; durations 12, 26: mean 19, sd 9.89949493661167, p50 19, p90 24.6,
#   p95 25.3, max 26; KM: 12 (S = 2/3), J censored at 16, 26 (S = 0): p50
#   = p90 = 26.  Callback H (no, no, unsatisfied): all rates 0, score 0.
cat >"$tmp/rates.want" <<'EOF'
district,received,filed,filing_rate,dispatched,dispatch_accuracy,on_time_dispatch_rate,handled,handling_rate,on_time_handling_rate,due,closed,closure_rate,no_deadline,closed_on_time,on_time_closure_rate,rework_rate,extension_rate,open,overdue_open,cancelled,invalid,close_h_mean,close_h_sd,close_h_p50,close_h_p90,close_h_p95,close_h_max,km_close_h_p50,km_close_h_p90,callbacks,response_rate,resolution_rate,satisfaction_rate,score
东城,6,4,0.666666666666667,3,0.75,,2,0.666666666666667,,4,3,0.75,0,2,0.5,0.5,0.166666666666667,2,1,1,1,29.5,31.8198051533946,29.5,47.5,49.75,52,52,,2,1,0.5,0.95,73
西城,3,3,1,2,1,,2,1,,2,2,1,0,1,0.5,0,0,1,0,0,0,19,9.89949493661167,19,24.6,25.3,26,26,26,1,0,0,0,0
EOF
caseflow -q --by district --rules $c/rules-h.csv \
    --as-of 2024-03-10T00:00:00 --contacted contacted --resolved resolved \
    --satisfaction satisfaction $c/rates.csv >"$tmp/rates.out" 2>&1
# Each value to a relative 1e-12 (tests/csvcmp.awk), empty where empty;
# these columns and these districts, no more, in this order.
rates_cmp="-v rel=1e-12 -v cols=same -v byrow=1"
cmpref rates-worked-out district "$tmp/rates.want" "$tmp/rates.out" $rates_cmp

# --- the comparator fails when it should, in the modes used above ---
# wrong ROW COLUMN EXPR: $tmp/rates.out as $tmp/bad.csv, the value x in
# district row ROW and COLUMN replaced by the awk expression EXPR.
wrong() {
	awk -F, -v OFS=, -v row="$1" -v col="$2" "
	NR == 1 { for (i = 1; i <= NF; i++) if (\$i == col) c = i }
	NR == row + 1 { x = \$c; \$c = $3 }
	{ print }" "$tmp/rates.out" >"$tmp/bad.csv"
}
# catches NAME STATUS: csvcmp, run as for rates-worked-out on
# $tmp/bad.csv, exits with STATUS (1: a mismatch).
catches() {
	cmpexit "$1" "$2" district "$tmp/rates.want" "$tmp/bad.csv" $rates_cmp
}
# 东城's close_h_sd (31.8) off by a relative 3e-12: caught, and the
# message names the row, the column and the relative difference; by
# 5e-13: within the tolerance.
wrong 1 close_h_sd 'sprintf("%.17g", x * (1 + 3e-12))'
catches csvcmp-rel-catches-3e-12 1
ok csvcmp-rel-says-where grep -q '^  row 1 close_h_sd: want 31.8198051533946, got 31.8198051534.* (diff .*, relative 3.*e-12)$' "$tmp/csvcmp.txt"
wrong 1 close_h_sd 'sprintf("%.17g", x * (1 + 5e-13))'
catches csvcmp-rel-tolerates-5e-13 0
# Below 1 the tolerance is absolute, rel itself: 西城's rework_rate 0
# may be 5e-13, not 3e-12; 东城's on-time rate 0.5 may be 0.5 + 8e-13
# (relative to 0.5: 1.6e-12).
wrong 2 rework_rate 5e-13
catches csvcmp-rel-near-zero-tolerates-5e-13 0
wrong 2 rework_rate 3e-12
catches csvcmp-rel-near-zero-catches-3e-12 1
wrong 1 on_time_closure_rate 'sprintf("%.17g", x + 8e-13)'
catches csvcmp-rel-below-one-absolute 0
# Empty must stay empty, and a number must not become empty.
wrong 1 km_close_h_p90 52
catches csvcmp-catches-number-for-empty 1
wrong 2 km_close_h_p90 '""'
catches csvcmp-catches-empty-for-number 1
# cols=same: two columns swapped, or one more; byrow=1: the districts
# swapped (each row still right for its district).
awk -F, -v OFS=, '{ x = $2; $2 = $3; $3 = x; print }' "$tmp/rates.out" >"$tmp/bad.csv"
catches csvcmp-catches-column-order 1
sed -e '1s/$/,extra/' -e '2,$s/$/,1/' "$tmp/rates.out" >"$tmp/bad.csv"
catches csvcmp-catches-extra-column 1
{ sed -n 1p "$tmp/rates.out"; sed -n 3p "$tmp/rates.out"; sed -n 2p "$tmp/rates.out"; } >"$tmp/bad.csv"
catches csvcmp-catches-row-order 1
# cols=all: a reference column that is only empty must be in ours too
# (without it, such a column counts as text and may be missing).
printf 'received,km_close_h_p90\n757,\n' >"$tmp/empty-ref.csv"
printf 'received\n757\n' >"$tmp/empty-ours.csv"
cmpexit csvcmp-empty-column-may-be-missing 0 "" "$tmp/empty-ref.csv" "$tmp/empty-ours.csv" -v byrow=1
cmpexit csvcmp-cols-all-catches-missing-column 1 "" "$tmp/empty-ref.csv" "$tmp/empty-ours.csv" -v byrow=1 -v cols=all
# An absolute and a relative tolerance together: refused (exit 2).
cmpexit csvcmp-tol-and-rel-refused 2 district "$tmp/rates.want" "$tmp/rates.out" -v tol=1e-9 -v rel=1e-9

# The same log, golden: summary, cases, Chinese headers, periods,
# denominators that leave out unfiled and suspended cases.
R="--rules $c/rules-h.csv --as-of 2024-03-10T00:00:00"
t summary 0 caseflow --by district $R $c/rates.csv
t cases 0 caseflow --cases --by district $R $c/rates.csv
t lang-zh 0 caseflow --lang zh --by district $R --contacted contacted \
    --resolved resolved --satisfaction satisfaction $c/rates.csv
t cases-zh 0 caseflow --lang zh --cases $R $c/rates.csv
t period-day 0 caseflow --period day $R $c/rates.csv
t period-week 0 caseflow --by district --period week $R $c/rates.csv
t period-month 0 caseflow --period month $c/rates.csv
t period-year 0 caseflow --by category --period year $c/rates.csv
t denominator 0 caseflow --by district --denominator filed,no-suspended \
    $R $c/rates.csv
t weights 0 caseflow --by district --contacted contacted \
    --resolved resolved --satisfaction satisfaction --weights 0.2,0.3,0.5 \
    $c/rates.csv
t no-as-of 0 caseflow --by district $c/rates.csv

# --sorted gives the same summary (rates.csv is ordered by case id), and
# the same case rows in the same order when --as-of is given.
caseflow -q --by district $R $c/rates.csv >"$tmp/a" 2>&1
caseflow -q --sorted --by district $R $c/rates.csv >"$tmp/b" 2>&1
ok sorted-same-summary cmp -s "$tmp/a" "$tmp/b"
caseflow -q --cases $R $c/rates.csv >"$tmp/a" 2>&1
caseflow -q --cases --sorted $R $c/rates.csv >"$tmp/b" 2>&1
ok sorted-same-cases cmp -s "$tmp/a" "$tmp/b"
# Without --as-of, open cases wait for the end and come last.
t sorted-cases-open-last 0 caseflow --cases --sorted $c/rates.csv
# Rows in any order give the same result: shuffle by reversing.
{ head -1 $c/rates.csv; tail -n +2 $c/rates.csv | sort -r; } >"$tmp/rev.csv"
caseflow -q --by district $R $c/rates.csv >"$tmp/a" 2>&1
caseflow -q --by district $R "$tmp/rev.csv" >"$tmp/b" 2>&1
ok order-free cmp -s "$tmp/a" "$tmp/b"
# The long form's case rows read back as the wide form: same counts and
# durations (wide rows know no rework, extension or returns); the status
# column carries the cancellations.
caseflow -q --cases --by district $R $c/rates.csv >"$tmp/cases.csv"
caseflow -q --wide --by district --due due_at \
    --as-of 2024-03-10T00:00:00 "$tmp/cases.csv" | cut -d, -f1,2,4,8,11-13 \
    >"$tmp/a"
caseflow -q --by district $R $c/rates.csv | cut -d, -f1,2,4,8,11-13 >"$tmp/b"
ok wide-round-trip cmp -s "$tmp/a" "$tmp/b"

# --- Chinese stage names, working days and hours (holiday-cn) ---
# Worked out by hand from holiday-cn 2024/2025 (rules: 3 working days to
# close, 4 working hours for 路灯, 1 working hour to dispatch):
# Z1 reported Mon 2024-09-30 10:00; Oct 1-7 are off, so the 3rd working
#   day after is Oct 10: due 2024-10-10T23:59:59; working hours to close:
#   6 (Sep 30) + 7 + 7 + 7 = 27; dispatched at 13:00, after its deadline
#   11:00: late dispatch.
# Z2 reported Sat 2024-09-28; Sun Sep 29 is a make-up working day: 29, 30,
#   Oct 8 -> due 2024-10-08T23:59:59; 7 + 7 + 3 = 17 working hours.
# Z3 (路灯) reported Fri 2024-03-01 16:00: 1.5 h that day, 2.5 h on Monday
#   -> due 2024-03-04T11:30:00 (lunch 12:00-13:30 not reached).
# Z4 reported Mon 2024-12-30: Dec 31, (Jan 1 off), Jan 2, Jan 3 -> due
#   2025-01-03T23:59:59, from 2025.json: open and overdue.
# Z5 reported Fri 2025-01-24: Sun Jan 26 (make-up), Mon 27, (28 Jan to
#   4 Feb off), Feb 5 -> due 2025-02-05T23:59:59.
# Z7 reported Wed 2024-10-09: 10, 11, Sat 12 (make-up) -> 2024-10-12.
ZH="--id 案件编号 --stage 环节 --at 时间 --by 区域 --category 类别 --tz +08:00"
t zh-cases 0 caseflow $ZH --rules $c/rules-wd.csv \
    --calendar testdata/holiday-cn --cases $c/zh.csv
t zh-summary 0 caseflow $ZH --rules $c/rules-wd.csv \
    --calendar testdata/holiday-cn --lang zh $c/zh.csv
t zh-work-hours 0 caseflow $ZH --rules $c/rules-wd.csv \
    --calendar testdata/holiday-cn --work-hours 08:00-12:00,14:00-18:00 \
    --cases $c/zh.csv
iconv -f UTF-8 -t GB18030 $c/zh.csv >"$tmp/zh-gb.csv"
caseflow -q $ZH --cases $c/zh.csv >"$tmp/a" 2>&1
caseflow -q $ZH --encoding gb18030 --cases "$tmp/zh-gb.csv" >"$tmp/b" 2>&1
ok gb18030 cmp -s "$tmp/a" "$tmp/b"
t stage-map 0 caseflow --stage-map $c/city-words.csv --tz +08:00 \
    --cases $c/city.csv
t calendar-csv 0 caseflow --tz +08:00 --rules $c/rules-wd.csv \
    --calendar $c/calendar.csv --id 案件编号 --stage 环节 --at 时间 \
    --category 类别 --cases $c/zh.csv

# --- bad records: the first stops the run; --reject keeps going ---
t bad-stage 1 caseflow $c/bad.csv
t bad-reject 0 caseflow --reject "$tmp/rej.csv" --cases $c/bad.csv
f bad-reject-file "$tmp/rej.csv"
t bad-callback 1 caseflow --satisfaction satisfaction $c/rates-badcb.csv
t bad-time-format 1 caseflow --time-format "%m/%d/%Y" $c/rates.csv
t bad-due 1 caseflow --due due $c/bad-due.csv
t sorted-unordered 1 sh -c "caseflow --sorted < $tmp/rev.csv"
t missing-column 1 caseflow --by borough $c/rates.csv
t wide-missing-closed 1 caseflow --wide $c/rates.csv
t header-differs 1 caseflow $c/rates.csv $c/city.csv
t two-files 0 caseflow --by district $c/rates.csv $c/rates2.csv
t bad-stage-map 1 caseflow --stage-map $c/rates.csv $c/city.csv
t missing-file 1 caseflow $c/nonexistent.csv

# --- charts: the script is data-safe and deterministic ---
t gnuplot-km 0 caseflow --by district --chart km.png --gnuplot \
    $c/rates.csv
t gnuplot-bars 0 caseflow --by name --chart bars.svg \
    --chart-rate closure_rate --gnuplot $c/hostile.csv
# A group whose value is empty (reports in no district: B and C of
# blank-group.csv) is labelled "(blank)", "(空)" under --lang zh, never
# "all", which would read as the city's total; the CSV keeps the value
# empty.  With --period the label also carries the period.
t gnuplot-blank-km 0 caseflow -q --by district --chart km.png --gnuplot \
    $c/blank-group.csv
t gnuplot-blank-bars-zh 0 caseflow -q --lang zh --by district \
    --period month --chart bars.svg --chart-rate closure_rate --gnuplot \
    $c/blank-group.csv
t blank-group-csv 0 caseflow -q --by district $c/blank-group.csv
caseflow -q --by district --chart "$tmp/km.png" -o "$tmp/out.csv" $c/rates.csv
ok chart-png sh -c "head -c 8 '$tmp/km.png' | od -An -c | grep -q 'P   N   G'"
caseflow -q --lang zh --by name --chart "$tmp/bars.png" \
    --chart-rate 结案率 -o "$tmp/out.csv" $c/hostile.csv
ok chart-hostile sh -c "test -s '$tmp/bars.png' && test ! -e pwned && test ! -e '$tmp/pwned'"

# --- output errors and usage ---
t dev-full 1 sh -c "caseflow $c/rates.csv > /dev/full"
t dev-full-cases 1 sh -c "caseflow --cases $c/rates.csv > /dev/full"
t help 0 caseflow --help
t version 0 caseflow --version
t usage-period 2 caseflow --period fortnight $c/rates.csv
t usage-lang 2 caseflow --lang fr $c/rates.csv
t usage-weights 2 caseflow --weights 0.5,0.5 $c/rates.csv
t usage-weights-neg 2 caseflow --weights 0.5,-0.5,1 $c/rates.csv
t usage-denominator 2 caseflow --denominator open $c/rates.csv
t usage-chart-rate 2 caseflow --chart-rate closure_rate $c/rates.csv
t usage-chart-rate-name 2 caseflow --chart x.png --chart-rate nope \
    $c/rates.csv
t usage-chart-ext 2 caseflow --chart x.gif $c/rates.csv
t usage-chart-cases 2 caseflow --cases --chart x.png $c/rates.csv
t usage-sorted-wide 2 caseflow --sorted --wide $c/rates.csv
t usage-tz 2 caseflow --tz Mars/Olympus $c/rates.csv
t usage-as-of 2 caseflow --as-of yesterday $c/rates.csv
t usage-wh-no-calendar 2 caseflow --rules $c/rules-wd.csv $c/rates.csv
t usage-dst-calendar 2 caseflow --tz America/New_York \
    --calendar testdata/holiday-cn $c/rates.csv
t usage-work-hours 2 caseflow --work-hours 09:00-12:00 $c/rates.csv
t usage-reject-stdout 2 caseflow --reject - $c/rates.csv
t usage-bad-option 2 caseflow --frobnicate $c/rates.csv
# The rules every tool shares (cmd/cli.c): -d refuses a quote; a column
# by position may have leading zeros.
t usage-delimiter-quote 2 caseflow -d '"' $c/rates.csv
caseflow -q --by district $c/rates.csv >"$tmp/byname"
ok by-position-leading-zero sh -c "caseflow -q --by 004 $c/rates.csv | cmp -s - $tmp/byname"

# --- stage rates: 按期派遣率, 处置率, 按期处置率 (rules-stages.csv) ---
# K1 (东城): dispatch within 2 h, handle within 24 h of the report; K2
# (西城): dispatch within 1 h, no handling limit.  As of 03-10 00:00.
# 东城 dispatch: A 10:00 = limit (on time, the limit included), B first
#   dispatch 09:00 (on time), C 10:00 (on time), E never dispatched, open,
#   limit 03-08 10:00 passed (due, late), F closed without a dispatch (not
#   due), D cancelled (out): 3/4 = 0.75.
# 东城 handling on time: A 12:00 (limit 03-02 08:00: on time), B first
#   handle 03-03 10:00 (limit 08:00: late), C and E open, unhandled, limits
#   passed (late): 1/4 = 0.25.
# 东城 handling rate: dispatched A B C; C open with its limit passed is due;
#   handled A B: 2/3.
# 西城 dispatch: H 08:20 and I 09:00 (= limit) on time, J open, limit
#   03-09 09:00 passed: 2/3; no handling limit: on-time handling empty (not
#   0), handling rate H I 2/2 = 1.
t stage-rates 0 sh -c "caseflow -q --by district --rules $c/rules-stages.csv --as-of 2024-03-10T00:00:00 $c/rates.csv | cut -d, -f1,5-10"
# The same under --lang zh: 按期派遣率, 处置率, 按期处置率.
t stage-rates-zh 0 sh -c "caseflow -q --lang zh --by district --rules $c/rules-stages.csv --as-of 2024-03-10T00:00:00 $c/rates.csv | cut -d, -f1,5-10"
# Not yet due: as of 03-08 09:00 E (reported 08:00) has an hour left to
# be dispatched and a day to be handled, so it is in neither rate: 东城's
# dispatch 3/3 = 1, handling on time A of A B C = 1/3; 西城's J comes
# after the as-of time: dispatch 2/2 = 1.
t stage-rates-not-due 0 sh -c "caseflow -q --by district --rules $c/rules-stages.csv --as-of 2024-03-08T09:00:00 $c/rates.csv | cut -d, -f1,7,10"

# --- 按期结案率 when deadlines are missing (testdata/caseflow/no-deadline.csv)
# X: X1 closed before its due time, X2 after it, X3 closed and X4 open
# without a due time.  All four are due (no deadline counts as due), two
# have none: no_deadline 2, on-time rate 1 / (4 - 2) = 0.5, not 1/4 (the
# old rate, with deadline-less cases in the denominator).  Y: two closed
# cases, neither with a deadline: no_deadline 2 and the rate empty (no
# case to judge), not 0.  The as-of time is the last time seen (03-03).
t no-deadline 0 sh -c "caseflow -q --wide --by district $c/no-deadline.csv | cut -d, -f1,2,11-16"
t no-deadline-zh 0 sh -c "caseflow -q --lang zh --wide --by district $c/no-deadline.csv | cut -d, -f1,11-16"

# --- wide form: status column, missing report, close before report; a
# --by column given by position is named as the header names it; a rules
# file with only "*" needs no category column ---
t wide-cases 0 caseflow --wide --cases --by district $c/wide.csv
t wide-summary 0 caseflow --wide --by 6 $c/wide.csv
# A wide row with no time at all (case 2) cannot be placed in time or
# judged: a bad record (issue 11: an Excel totals row looks like this),
# not an open case of district A.  With --reject the run goes on and A
# has one case, by month too (no row with an empty period).
t wide-no-times 1 caseflow --wide --by district $c/no-times.csv
t wide-no-times-reject 0 caseflow --reject /dev/null --wide --by district \
    --period month $c/no-times.csv
# Excel totals rows (issue 11): a first field "合  计" (blanks inside)
# with an empty id, and an id "总计" with a time, are bad records, not
# cases (the 合计 row became a bar labelled "all").  The first stops the
# run; with --reject both go to the reject file and two cases are left.
t totals-wide 1 caseflow --wide --by district $c/totals-wide.csv
t totals-wide-reject 0 caseflow --wide --by district \
    --reject "$tmp/tot-rej.csv" $c/totals-wide.csv
f totals-wide-reject-file "$tmp/tot-rej.csv"
# In long form too, and "Total:" (any case, a colon after) is one.
t totals-long 1 caseflow $c/totals-long.csv
t rules-star 0 caseflow --rules $c/rules-star.csv --tz +08:00 \
    --stage-map $c/city-words.csv \
    --cases $c/city.csv
t rules-category-named 1 caseflow --rules $c/rules-star.csv \
    --category kind $c/city.csv

# gnuplot missing: a clear message, exit 1 (the CSV was written).
t gnuplot-missing 1 env GNUPLOT=/nonexistent/gnuplot caseflow -q \
    --chart "$tmp/none.png" -o "$tmp/none.csv" $c/rates.csv

# --- edges found in review ---
# Times are held relative to a fixed base (2000-01-01): the rows kept do
# not depend on which row comes first, and a year outside 1932-2067 is a
# bad record, wherever it is.
printf 'case_id,stage,at\nZ,report,1900-01-01T00:00:00\nA,report,2024-01-01T00:00:00\nA,close,2024-01-02T00:00:00\n' >"$tmp/o1.csv"
printf 'case_id,stage,at\nA,report,2024-01-01T00:00:00\nA,close,2024-01-02T00:00:00\nZ,report,1900-01-01T00:00:00\n' >"$tmp/o2.csv"
t far-year 0 sh -c "caseflow --reject /dev/null < $tmp/o1.csv"
caseflow --reject /dev/null "$tmp/o1.csv" >"$tmp/a" 2>/dev/null
caseflow --reject /dev/null "$tmp/o2.csv" >"$tmp/b" 2>/dev/null
ok far-year-order-free cmp -s "$tmp/a" "$tmp/b"
t far-year-stops 1 sh -c "caseflow < $tmp/o1.csv"
# A case with more than 65535 dispatches: its counts would be wrong, so
# it is named and counted invalid, and left out of dispatch accuracy.
awk 'BEGIN { print "case_id,stage,at"; print "S,report,2024-01-01T00:00:00"
	for (i = 0; i < 70000; i++) print "S,dispatch,2024-01-01T01:00:00"
	print "S,return,2024-01-01T02:00:00"; print "T,report,2024-01-01T00:00:00"
	print "T,dispatch,2024-01-01T01:00:00" }' >"$tmp/sat.csv"
t saturated 0 sh -c "caseflow --cases < $tmp/sat.csv | cut -d, -f1,10,14,15"
t saturated-summary 0 sh -c "caseflow < $tmp/sat.csv | cut -d, -f1,4,5,21"
# Wide form: a case with no report and nothing before --as-of is later.
t wide-as-of 0 caseflow --wide --cases --as-of 2024-03-02T09:30:00 \
    $c/wide.csv
# late names only stages the input can show (no dispatched_at column).
t wide-late 0 caseflow --wide --cases --rules $c/rules-dispatch.csv \
    $c/wide.csv
# The first error in the file wins: the --sorted order error on line 3,
# not the unknown stage on line 4.
printf 'case_id,stage,at\nB,report,2024-01-01T00:00:00\nA,report,2024-01-01T00:00:00\nC,foo,2024-01-01T00:00:00\n' >"$tmp/first.csv"
t sorted-first-error 1 sh -c "caseflow --sorted < $tmp/first.csv"
# sort -n puts ids that are not numbers first: accepted.
printf 'case_id,stage,at\nA1,report,2024-01-01T00:00:00\nB7,report,2024-01-01T00:00:00\n9,report,2024-01-01T00:00:00\n10,report,2024-01-01T00:00:00\n' >"$tmp/sortn.csv"
t sorted-sort-n 0 sh -c "caseflow --sorted < $tmp/sortn.csv | cut -d, -f1-3"
# Nothing applied: the summary line has no as-of time.
t header-only 0 sh -c "head -1 $c/rates.csv | caseflow"
t usage-as-of-range 2 caseflow --as-of 2200-01-01T00:00:00 $c/rates.csv
t usage-category 2 caseflow --category category $c/rates.csv
t usage-wide-only 2 caseflow --opened at $c/rates.csv

# --- input rules (issue 11) ---
# A GB18030 export read without --encoding: line 3's district is the
# GB18030 bytes of 东城 (b6 ab b3 c7), not UTF-8, so the record is bad and
# the message names line, column and byte and suggests --encoding gb18030;
# the bytes are written \xHH so the message itself is valid UTF-8.
t bad-input-gb18030 1 caseflow $c/input-gb.csv
# A NUL byte inside a case id would cut "B\0X" to "B" (a C string): the
# record is bad, naming byte 2, the NUL.
t bad-input-nul 1 caseflow $c/input-nul.csv
# Rows of only separators and blanks (",,", "  ,\t, ") are skipped like the
# blank line among them, and the three are counted in the summary line
# (the blank line is not counted): 2 read, case A closed.
t input-empty-rows 0 caseflow $c/input-empty-rows.csv
# Empty rows of a side file (here the rules) are not the data's: the
# summary line and --stats count only those of the case log (they said
# "2 empty rows skipped" for the rules' two).
t input-empty-rows-side-file 0 sh -c "caseflow --rules $c/rules-empty-rows.csv --stats $tmp/side-st.csv $c/rates.csv >/dev/null && cut -d, -f3 $tmp/side-st.csv"

# Times without options in the common Chinese forms (issue 11): slashes,
# one-digit month, day and hour, 年月日 with and without a time, and
# full-width digits, slash, colon and space (case B's report is
# ２０２４／０３／０５　０９：００).  A's steps are 09:07, 09:37:30 and 11:07
# (2 h), B's 09:00 to the next midnight (15 h).
t times-chinese 0 caseflow --cases $c/times-zh.csv
# --time-format twice, tried in order: Excel serials (45000 is 2023-03-15,
# .5 noon, .25 06:00) then a strptime pattern; 6 h for both cases.
t times-excel-list 0 caseflow --cases --time-format excel \
    --time-format '%d.%m.%Y %H:%M' $c/times-excel.csv
# Serial 60 is Excel's 1900-02-29, a day that never was: a bad record.
t bad-times-excel-60 1 caseflow --time-format excel $c/times-excel-60.csv
# Epoch seconds are UTC whatever --tz (issue 12): 1678838400 is
# 2023-03-15T00:00:00Z, so 08:00+08:00 (it came out 00:00+08:00, 8 h
# off, when strptime read it in the process's zone).
t times-epoch-tz 0 caseflow --cases --time-format %s --tz +08:00 \
    $c/times-epoch.csv
# An epoch past the year 9999 (it overflowed a signed integer before): a
# bad record.
t bad-times-epoch-huge 1 caseflow --time-format %s --tz +08:00 \
    $c/times-epoch-huge.csv
# More than 16 --time-format options: a usage error.
t usage-time-format-many 2 caseflow -q --time-format 1 --time-format 2 \
    --time-format 3 --time-format 4 --time-format 5 --time-format 6 \
    --time-format 7 --time-format 8 --time-format 9 --time-format 10 \
    --time-format 11 --time-format 12 --time-format 13 --time-format 14 \
    --time-format 15 --time-format 16 --time-format 17 $c/times-zh.csv

# --- --from/--to: the cases reported in [from, to) (issue 11) ---
# rates.csv's reports: A H 03-01, B I 03-02 08:00, F 03-04, C 03-05,
# D 03-06 08:00, E 03-08, J 03-09, G 03-11.  [03-02, 03-06) keeps B C F
# (东城) and I (西城); A D E G H J are counted as outside, in the summary
# line and in --stats (outside_window), not dropped silently.
t window 0 caseflow --by district --from 2024-03-02 --to 2024-03-06 \
    --stats "$tmp/win-stats.csv" $c/rates.csv
f window-stats "$tmp/win-stats.csv"
# Half-open: a report at --from is in (B, 03-02 08:00), one at --to is
# out (D, 03-06 08:00); one bound alone is a window too.
t window-edges 0 sh -c "caseflow --cases --from 2024-03-02T08:00:00 --to 2024-03-06T08:00:00 $c/rates.csv | cut -d, -f1,2"
t window-from-only 0 sh -c "caseflow --cases --from 2024-03-09 $c/rates.csv | cut -d, -f1,2"
# --sorted and the wide form keep the same cases.
caseflow -q --by district --from 2024-03-02 --to 2024-03-06 $c/rates.csv >"$tmp/a"
caseflow -q --sorted --by district --from 2024-03-02 --to 2024-03-06 $c/rates.csv >"$tmp/b"
ok window-sorted cmp -s "$tmp/a" "$tmp/b"
t window-wide 0 caseflow --wide --cases --to 2024-03-02T09:00:00 $c/wide.csv
t usage-window-empty 2 caseflow --from 2024-03-06 --to 2024-03-02 \
    $c/rates.csv
t usage-window-time 2 caseflow --from March $c/rates.csv

# --- --precision N as on rankcity (issue 11): rates and hours with N
# decimals (0.666... is 0.67, 52 is 52.00), counts stay integers; case
# hours too (7 is 7.0).  Without it the output is the same bytes as
# before (the goldens above).
t precision 0 caseflow --by district --precision 2 $R --contacted contacted \
    --resolved resolved --satisfaction satisfaction $c/rates.csv
t precision-cases 0 sh -c "caseflow --cases --precision 1 $R $c/rates.csv | cut -d, -f1,10,11"
t usage-precision 2 caseflow --precision 18 $c/rates.csv

# --- words (issue 11): Traditional stage names, 12345 words, callback
# answers in Chinese, --value-map, --rework ---
# words.csv: T1 runs the whole chain in Traditional characters (上報 立案
# 派遣 處置 回饋 核查 結案); T2 is sent back (回退), suspended (緩辦),
# resumed (恢復), reworked (返工), extended (延期) and cancelled (作廢).
# H1 to H3 use 12345 words: 受理/登记 report, 转办/交办/派单 dispatch,
# 办理 handle, 回复 feedback, 核实 verify, 办结 close, 退回 return, 挂起
# suspend, 解挂 resume, 重办 rework, 撤销 cancel; 签收 and 回访 are notes
# (H1's 回访 the day after 办结 makes no close-before-verify issue, and
# 签收 is no second dispatch).  Dispatch steps T1 1, T2 1, H1 1, H2 2,
# H3 1 with returns T2 and H2: accuracy 1 - 2/6.
t words-cases 0 caseflow --cases $c/words.csv
# Callbacks: T1 (是, 已解決, 非常滿意), H1 (是, 部分解决, 一般), H2 (否,
# 未解决, 非常不满意), H3 (是, 已解决, 满意): response 3/4, resolution 2/4
# (partly resolved is not resolved), satisfaction 2/4 (一般 is not
# satisfied), score 100 (0.1 0.75 + 0.5 0.5 + 0.4 0.5) = 52.5.
t words-summary 0 caseflow --contacted contacted --resolved resolved \
    --satisfaction satisfaction $c/words.csv
# --value-map: 联系上了/没联系上 in the column 是否联系 (named by its header),
# 办好了/还在办 for the resolved role, 很好/还行/差 for satisfaction, 已撤单
# cancels (status); V4's built-in words still count.  --rework 返工次数:
# 东城 handled V1 (0) and V2 (2): rework rate 1/2; 西城 handled V4 (empty,
# read as 0): 0, and V5's rework is not counted, as it was never handled.
# 东城's callbacks V1 (yes, yes, satisfied), V2 (yes, no, basically), V3
# (no, -, unsatisfied): 2/3, 1/3, (1 + 0.9)/3.
VM="--wide --rework 返工次数 --value-map $c/value-map.csv --contacted 是否联系 --resolved 解决情况 --satisfaction 满意度"
t value-map 0 caseflow $VM --by district $c/wide-words.csv
t value-map-cases 0 caseflow $VM --cases $c/wide-words.csv
# A map row for a column not in use (no --contacted) would change nothing:
# an error; so is a meaning that does not fit its column, or no meaning.
t bad-value-map-unused 1 caseflow --wide --value-map $c/value-map.csv \
    --satisfaction 满意度 $c/wide-words.csv
t bad-value-map-misfit 1 caseflow --wide \
    --value-map $c/value-map-misfit.csv --satisfaction 满意度 \
    $c/wide-words.csv
t bad-value-map-meaning 1 caseflow --wide --value-map $c/value-map-bad.csv \
    --resolved 解决情况 $c/wide-words.csv
# A rework count that is not a whole number of at least 0: a bad record.
t bad-rework 1 caseflow --wide --rework rework $c/rework-bad.csv
t usage-rework-long 2 caseflow --rework rework $c/rates.csv

# --- the Kaplan-Meier median where the curve ends flat at 1 - p (issue
# 11, the man page's CAVEATS): events at 0, 0, 1, 3, 3 h, open cases
# censored at 23, 24, 26, 35, 38 h.  S(3) = 0.8 * 7/8 * 5/7 is 0.5 in
# exact arithmetic but 0.5000000000000001 in doubles; R's
# quantile.survfit returns NA there, caseflow the middle of the stretch
# from 3 h to the last time seen, 38 h: 20.5.  The 90th percentile is
# never reached: empty.
t km-flat-median 0 sh -c "caseflow --wide --as-of 2024-03-10T00:00:00 $c/km-flat.csv | cut -d, -f28,29"

# --- issue 12: numbers past what caseflow can hold or write ---
# The held range is 1931-12-13T20:45:53Z to 2068-01-19T03:14:07Z (whole
# seconds from 2000-01-01 in 32 bits, the lowest value kept free); the
# messages name those two seconds (they said "1932 to 2067", a year off at
# each end), and --as-of refused the last second that data may hold.
# range-edges.csv: A's report and close are the first and last seconds
# (kept), B one second before, C one after (bad records).
t range-edges 0 caseflow --cases --reject /dev/null $c/range-edges.csv
t bad-range-before 1 caseflow $c/range-edges.csv
t as-of-last-second 0 caseflow --as-of 2068-01-19T03:14:07Z $c/rates.csv
t usage-as-of-past-range 2 caseflow --as-of 2068-01-19T03:14:08Z \
    $c/rates.csv
# A rule whose deadline lands past the year 9999 (a million working
# hours of one minute a day) printed an empty due_at while overdue said
# no: now the rules file's line is an error, before any case is read.
t bad-rule-past-9999 1 caseflow --cases --rules $c/rules-huge.csv \
    --calendar $c/calendar.csv --work-hours 09:00-09:01 $c/rates.csv
# --weights 1e308 made every score infinite, written empty with exit 0:
# now a usage error; 1e306 keeps the score a number (1e308 times a rate).
t usage-weights-huge 2 caseflow --contacted contacted --resolved resolved \
    --satisfaction satisfaction --weights 1e308,0,0 $c/rates.csv
t weights-large 0 sh -c "caseflow --by district --contacted contacted --resolved resolved --satisfaction satisfaction --weights 1e306,0,0 $c/rates.csv | cut -d, -f1,31,35"

finish
