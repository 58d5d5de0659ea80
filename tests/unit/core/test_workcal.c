/*
 * Working days and hours, with China's real calendar (testdata/holiday-cn,
 * from NateScarlet/holiday-cn).  Every expected value below was worked out
 * by hand from that calendar and is explained beside it.
 */
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "core/workcal.h"
#include "../t.h"

void suite_workcal(void);

#define T(s) t_beijing(s)

static void
days(void)
{
	struct workcal c;
	struct err e;

	workcal_init(&c, 8 * 3600);
	CHECK_INT(workcal_load_holiday_cn(&c, "testdata/holiday-cn/2024.json",
	    1, &e), 0);
	CHECK_INT(workcal_load_holiday_cn(&c, "testdata/holiday-cn/2025.json",
	    1, &e), 0);
	/* Weekdays and weekends by default. */
	CHECK(workcal_is_workday(&c, workcal_day_of(&c, T("2024-11-15 12:00"))));
	CHECK(!workcal_is_workday(&c, workcal_day_of(&c, T("2024-11-16 12:00"))));
	/* 2024-10-01..07 off (National Day), 2024-09-29 (Sunday) and
	 * 2024-10-12 (Saturday) are make-up working days. */
	CHECK(!workcal_is_workday(&c, workcal_day_of(&c, T("2024-10-03 12:00"))));
	CHECK(workcal_is_workday(&c, workcal_day_of(&c, T("2024-09-29 12:00"))));
	CHECK(workcal_is_workday(&c, workcal_day_of(&c, T("2024-10-12 12:00"))));
	/* The report day is not counted: Monday 09-30 + 3 working days skips
	 * the holiday: 10-08, 10-09, 10-10. */
	CHECK_DBL(workcal_deadline_days(&c, T("2024-09-30 10:00"), 3),
	    T("2024-10-10 23:59:59"), 0);
	/* Friday 10-11 + 1: Saturday 10-12 is a make-up working day. */
	CHECK_DBL(workcal_deadline_days(&c, T("2024-10-11 16:00"), 1),
	    T("2024-10-12 23:59:59"), 0);
	/* Saturday 09-28 late in the evening + 1: Sunday 09-29, a make-up day. */
	CHECK_DBL(workcal_deadline_days(&c, T("2024-09-28 23:30"), 1),
	    T("2024-09-29 23:59:59"), 0);
	/* Into the next year: 12-31 + 2; 2025-01-01 is off: 01-02, 01-03. */
	CHECK_DBL(workcal_deadline_days(&c, T("2024-12-31 09:00"), 2),
	    T("2025-01-03 23:59:59"), 0);
	/* Spring Festival 2025: 01-28..02-04 off, 01-26 (Sun) and 02-08 (Sat)
	 * worked.  Friday 01-24 + 1: Sunday 01-26. */
	CHECK_DBL(workcal_deadline_days(&c, T("2025-01-24 09:00"), 1),
	    T("2025-01-26 23:59:59"), 0);
	CHECK_DBL(workcal_deadline_days(&c, T("2025-01-27 09:00"), 1),
	    T("2025-02-05 23:59:59"), 0);
	CHECK_DBL(workcal_deadline_days(&c, T("2024-09-30 10:00"), 0),
	    T("2024-09-30 23:59:59"), 0);
	workcal_free(&c);
}

/* December days declared in the next year's file. */
static void
next_years_file(void)
{
	struct workcal c;
	struct err e;

	workcal_init(&c, 8 * 3600);
	CHECK_INT(workcal_load_holiday_cn(&c, "testdata/holiday-cn/2018.json",
	    1, &e), 0);
	/* Without 2019.json: Friday 2018-12-28 + 1 is Monday 12-31. */
	CHECK_DBL(workcal_deadline_days(&c, T("2018-12-28 09:00"), 1),
	    T("2018-12-31 23:59:59"), 0);
	CHECK_INT(workcal_load_holiday_cn(&c, "testdata/holiday-cn/2019.json",
	    1, &e), 0);
	/* 2019.json declares 2018-12-29 (Sat) worked, 12-30 and 12-31 off. */
	CHECK_DBL(workcal_deadline_days(&c, T("2018-12-28 09:00"), 1),
	    T("2018-12-29 23:59:59"), 0);
	CHECK_DBL(workcal_deadline_days(&c, T("2018-12-28 09:00"), 2),
	    T("2019-01-02 23:59:59"), 0);
	/* A year whose file is missing is fine when not required. */
	CHECK_INT(workcal_load_holiday_cn(&c, "testdata/holiday-cn/2099.json",
	    0, &e), 0);
	CHECK_INT(workcal_load_holiday_cn(&c, "testdata/holiday-cn/2099.json",
	    1, &e), -1);
	CHECK_STR(e.msg, "testdata/holiday-cn/2099.json: No such file or "
	    "directory");
	workcal_free(&c);
}

static void
hours(void)
{
	struct workcal c;
	struct err e;

	workcal_init(&c, 8 * 3600);
	CHECK_INT(workcal_set_hours(&c, "09:00-12:00,13:30-17:30", &e), 0);
	CHECK_INT(workcal_load_holiday_cn(&c, "testdata/holiday-cn/2024.json",
	    1, &e), 0);
	/* Across lunch: Monday 11:00 + 4 h = 1 h before noon, 3 h after. */
	CHECK_DBL(workcal_add_hours(&c, T("2024-11-11 11:00"), 4),
	    T("2024-11-11 16:30"), 0);
	/* Across the night: 17:00 + 2 h = 0.5 h, then 1.5 h next morning. */
	CHECK_DBL(workcal_add_hours(&c, T("2024-11-11 17:00"), 2),
	    T("2024-11-12 10:30"), 0);
	/* Across a weekend: Friday 16:00 + 3 h ends Monday 10:30. */
	CHECK_DBL(workcal_add_hours(&c, T("2024-11-15 16:00"), 3),
	    T("2024-11-18 10:30"), 0);
	/* Reported at lunch or at night: the clock starts at the next
	 * segment; exactly used up at a segment's end stays there. */
	CHECK_DBL(workcal_add_hours(&c, T("2024-11-11 12:30"), 1),
	    T("2024-11-11 14:30"), 0);
	CHECK_DBL(workcal_add_hours(&c, T("2024-11-11 22:00"), 3),
	    T("2024-11-12 12:00"), 0);
	/* Across National Day: Monday 09-30 16:00 + 8 h = 1.5 h on 09-30,
	 * then 6.5 of the 7 h of 10-08 (3 h morning, 3.5 h afternoon). */
	CHECK_DBL(workcal_add_hours(&c, T("2024-09-30 16:00"), 8),
	    T("2024-10-08 17:00"), 0);
	CHECK_DBL(workcal_add_hours(&c, T("2024-09-30 16:00"), 0),
	    T("2024-09-30 16:00"), 0);
	/* Working seconds between two instants, the inverse: 1.5 h + 7 h +
	 * 0.5 h. */
	CHECK_DBL(workcal_seconds_between(&c, T("2024-09-30 16:00"),
	    T("2024-10-09 09:30")), 9 * 3600, 0);
	CHECK_DBL(workcal_seconds_between(&c, T("2024-09-30 16:00"),
	    T("2024-10-08 17:00")), 8 * 3600, 0);
	CHECK_DBL(workcal_seconds_between(&c, T("2024-11-15 16:00"),
	    T("2024-11-18 10:30")), 3 * 3600, 0);
	CHECK_DBL(workcal_seconds_between(&c, T("2024-11-12 10:00"),
	    T("2024-11-11 10:00")), 0, 0);
	/* Bad specifications. */
	CHECK_INT(workcal_set_hours(&c, "9:00-12:00", &e), -1);
	CHECK_STR(e.msg, "working hours \"9:00-12:00\": want "
	    "HH:MM-HH:MM[,HH:MM-HH:MM...] in order, at most 8");
	CHECK_INT(workcal_set_hours(&c, "13:00-17:00,09:00-12:00", &e), -1);
	CHECK_INT(workcal_set_hours(&c, "09:00-09:00", &e), -1);
	/* A bad spec leaves the hours as they were. */
	CHECK_INT(workcal_set_hours(&c, "08:00-10:00,07:00-09:00", &e), -1);
	CHECK_INT(c.nseg, 2);
	CHECK_INT(c.seg_start[0], 9 * 3600);
	CHECK_INT(c.seg_end[1], 17 * 3600 + 30 * 60);
	/* Not numbers in, not numbers out, and no endless loop. */
	CHECK(isnan(workcal_add_hours(&c, T("2024-11-11 11:00"), NAN)));
	CHECK(isinf(workcal_add_hours(&c, T("2024-11-11 11:00"), INFINITY)));
	CHECK(isnan(workcal_add_hours(&c, NAN, 1)));
	CHECK(isnan(workcal_deadline_days(&c, NAN, 1)));
	CHECK(isnan(workcal_seconds_between(&c, NAN, 0)));
	workcal_free(&c);
}

static void
csv_calendar(void)
{
	static const char cal[] = "date,kind\n2024-11-15,off\n2024-11-16, work\n"
	    "2024-11-17,班\n";
	static const char bad[] = "date,kind\n2024-11-15,holiday\n";
	static const char baddate[] = "date,kind\n2024-02-30,off\n";
	struct workcal c;
	struct err e;
	char want[600];

	workcal_init(&c, 8 * 3600);
	CHECK_INT(workcal_load_csv(&c, t_file("cal.csv", cal, sizeof cal - 1),
	    &e), 0);
	CHECK(!workcal_is_workday(&c, workcal_day_of(&c, T("2024-11-15 12:00"))));
	CHECK(workcal_is_workday(&c, workcal_day_of(&c, T("2024-11-16 12:00"))));
	CHECK(workcal_is_workday(&c, workcal_day_of(&c, T("2024-11-17 12:00"))));
	CHECK_DBL(workcal_deadline_days(&c, T("2024-11-14 12:00"), 1),
	    T("2024-11-16 23:59:59"), 0);
	CHECK_INT(workcal_load_csv(&c, t_file("bad.csv", bad, sizeof bad - 1),
	    &e), -1);
	snprintf(want, sizeof want, "%s/bad.csv:2: column \"kind\": "
	    "\"holiday\" is not off or work", t_dir());
	CHECK_STR(e.msg, want);
	CHECK_INT(workcal_load_csv(&c, t_file("baddate.csv", baddate,
	    sizeof baddate - 1), &e), -1);
	snprintf(want, sizeof want, "%s/baddate.csv:2: column \"date\": "
	    "\"2024-02-30\" is not a date (YYYY-MM-DD)", t_dir());
	CHECK_STR(e.msg, want);
	{
		static const char span[] = "date,kind\n1900-01-01,off\n"
		    "2400-01-01,off\n";
		static const char json[] = "{\"days\":[{\"date\":\"2024-13-01\","
		    "\"isOffDay\":true}]}";
		CHECK_INT(workcal_load_csv(&c, t_file("span.csv", span,
		    sizeof span - 1), &e), -1);
		snprintf(want, sizeof want, "%s/span.csv:3: column \"date\": "
		    "\"2400-01-01\": calendar spans more than 400 years",
		    t_dir());
		CHECK_STR(e.msg, want);
		CHECK_INT(workcal_load_holiday_cn(&c, t_file("bad.json", json,
		    sizeof json - 1), 1, &e), -1);
		snprintf(want, sizeof want, "%s/bad.json: day 1: needs a "
		    "\"date\" (YYYY-MM-DD) and a boolean \"isOffDay\", not "
		    "\"2024-13-01\"", t_dir());
		CHECK_STR(e.msg, want);
	}
	workcal_free(&c);
}

/* --- the walk the arithmetic replaced, kept as the reference --- */

static double
ref_start(const struct workcal *c, int64_t day)
{
	return (double)day * 86400 - (double)c->tz_offset;
}

static double
ref_deadline_days(const struct workcal *c, double t, int n)
{
	int64_t d = workcal_day_of(c, t);

	while (n > 0) {
		d++;
		if (workcal_is_workday(c, d))
			n--;
	}
	return ref_start(c, d + 1) - 1;
}

static double
ref_add_hours(const struct workcal *c, double t, double h)
{
	double left = h * 3600;
	int64_t d;
	int i;

	if (left <= 0 || c->nseg == 0)
		return t;
	for (d = workcal_day_of(c, t);; d++) {
		double ds = ref_start(c, d);

		if (!workcal_is_workday(c, d))
			continue;
		for (i = 0; i < c->nseg; i++) {
			double a = ds + c->seg_start[i], b = ds + c->seg_end[i];

			if (a < t)
				a = t;
			if (a >= b)
				continue;
			if (left <= b - a)
				return a + left;
			left -= b - a;
		}
	}
}

static double
ref_between(const struct workcal *c, double t0, double t1)
{
	int64_t d, last = workcal_day_of(c, t1);
	double sum = 0;
	int i;

	if (t1 <= t0)
		return 0;
	for (d = workcal_day_of(c, t0); d <= last; d++) {
		double ds = ref_start(c, d);

		if (!workcal_is_workday(c, d))
			continue;
		for (i = 0; i < c->nseg; i++) {
			double a = ds + c->seg_start[i], b = ds + c->seg_end[i];

			if (a < t0)
				a = t0;
			if (b > t1)
				b = t1;
			if (b > a)
				sum += b - a;
		}
	}
	return sum;
}

/*
 * The arithmetic (whole weeks, a running sum over declared days, a
 * bisection) against the day-by-day walk it replaced: random calendars
 * with days off and make-up days declared around 2024 (inside, before
 * and after the declared range), random times, limits of 0 to 400
 * working days and 0 to 3,000 working hours, whole and fractional, also
 * ending exactly at a segment's end.  Seconds are whole, so the answers
 * must be equal, not close.
 */
static void
arithmetic_matches_walk(void)
{
	int round, k, bad_days = 0, bad_hours = 0, bad_between = 0;

	t_seed(20261205);
	for (round = 0; round < 40; round++) {
		struct workcal c;
		struct err e;
		int64_t base = 19723; /* 2024-01-01 */

		workcal_init(&c, round % 2 ? 8 * 3600 : -5 * 3600);
		if (round % 5 == 4)
			CHECK_INT(workcal_set_hours(&c, "08:00-08:30,22:00-23:59",
			    &e), 0);
		for (k = 0; k < (round % 4) * 30; k++)
			CHECK_INT(workcal_declare(&c, base + t_rand_int(-50, 800),
			    (int)t_rand_int(1, 2), &e), 0);
		for (k = 0; k < 300; k++) {
			double t = (double)(base + t_rand_int(-100, 900)) * 86400 +
			    (double)t_rand_int(0, 86399);
			int n = (int)t_rand_int(0, 400);
			double h = (double)t_rand_int(0, 3000) +
			    (k % 3 == 0 ? 0 : (double)t_rand_int(1, 59) / 60);
			double t1 = t + (double)t_rand_int(-86400, 400 * 86400);

			if (k % 7 == 0) /* exactly one day's hours, or two */
				h = (double)(k % 2 + 1) * 7;
			bad_days += workcal_deadline_days(&c, t, n) !=
			    ref_deadline_days(&c, t, n);
			bad_hours += workcal_add_hours(&c, t, h) !=
			    ref_add_hours(&c, t, h);
			bad_between += workcal_seconds_between(&c, t, t1) !=
			    ref_between(&c, t, t1);
		}
		workcal_free(&c);
	}
	CHECK_INT(bad_days, 0);
	CHECK_INT(bad_hours, 0);
	CHECK_INT(bad_between, 0);
}

/*
 * A limit of a million working days costs what one of a day does (it
 * took about 4 ms a case, stepped a day at a time): 10,000 of them run
 * in well under a second.  Without a calendar a million working days
 * are 200,000 weeks: the deadline for a report on Monday 2024-01-01 is
 * the end of the Monday 1,400,000 days later.
 */
static void
huge_limits(void)
{
	struct workcal c;
	double t = 19723.0 * 86400 + 10 * 3600, want;
	int i;
	clock_t t0 = clock();

	workcal_init(&c, 0);
	want = (19723.0 + 1400000 + 1) * 86400 - 1;
	for (i = 0; i < 10000; i++)
		if (workcal_deadline_days(&c, t, 1000000) != want)
			break;
	CHECK_INT(i, 10000);
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
	/* 7 working hours a day by default.  From Monday 10:00, 7,000,000 h
	 * are Monday's 6, then 999,999 whole days (6,999,993 h) and one hour
	 * of the next working day, the Monday 1,400,000 days later: 10:00. */
	CHECK(isfinite(workcal_add_hours(&c, t, 7000000.0)));
	CHECK_INT((long)(workcal_add_hours(&c, t, 7000000.0) -
	    ref_start(&c, 19723 + 1400000)) , 10 * 3600);
	workcal_free(&c);
}

void
suite_workcal(void)
{
	arithmetic_matches_walk();
	huge_limits();
	days();
	next_years_file();
	hours();
	csv_calendar();
}
