/*
 * Numbers and times: every status of parse_num with the exact value, the
 * status texts, ISO 8601 and strptime times in fixed and named zones,
 * impossible dates, and civil_to_epoch across centuries.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/datetime.h"
#include "core/num.h"
#include "t.h"

void suite_parse(void);

#define SENTINEL 12345.5

/* parse_num on a NUL-terminated string: status and value (or untouched). */
static void
num_at(int at, const char *s, enum num_status want, double wv)
{
	double v = SENTINEL;
	enum num_status st = parse_num(s, strlen(s), &v);
	int same;

	t_report(st == want, __FILE__, at, "parse_num(\"%s\") status %d, want %d",
	    s, (int)st, (int)want);
	if (want == NUM_OK || want == NUM_INF)
		same = v == wv && signbit(v) == signbit(wv);
	else if (want == NUM_NAN)
		same = isnan(v);
	else
		same = v == SENTINEL; /* *out is left alone */
	t_report(same, __FILE__, at, "parse_num(\"%s\") value %.17g, want %.17g",
	    s, v, want == NUM_OK || want == NUM_INF ? wv : SENTINEL);
}
#define NUM(s, st, v) num_at(__LINE__, (s), (st), (v))

static void
numbers(void)
{
	double v;

	NUM("1", NUM_OK, 1.0);
	NUM("-2.5", NUM_OK, -2.5);
	NUM("1e3", NUM_OK, 1000.0);
	NUM(" 3 ", NUM_OK, 3.0);
	NUM("\t7\t", NUM_OK, 7.0);
	NUM("+4", NUM_OK, 4.0);
	NUM("-0", NUM_OK, -0.0);
	NUM("0", NUM_OK, 0.0);
	NUM(".5", NUM_OK, 0.5);
	NUM("5.", NUM_OK, 5.0);
	NUM("0.1", NUM_OK, 0.1);
	NUM("-0.30000000000000004", NUM_OK, -0.30000000000000004);
	NUM("1E-3", NUM_OK, 0.001);
	NUM("2.5e+2", NUM_OK, 250.0);
	NUM("116.397128", NUM_OK, 116.397128);
	NUM("39.916527", NUM_OK, 39.916527);
	NUM("-73.9857", NUM_OK, -73.9857);
	NUM("123456789012345678901234567890", NUM_OK,
	    123456789012345678901234567890.0);
	NUM("9007199254740993", NUM_OK, 9007199254740992.0);
	NUM("9007199254740992", NUM_OK, 9007199254740992.0);
	NUM("0.0000000000000000000000001", NUM_OK, 1e-25);
	NUM("1.7976931348623157e308", NUM_OK, 1.7976931348623157e308);
	NUM("4.35", NUM_OK, 4.35);
	NUM("000012", NUM_OK, 12.0);

	NUM("", NUM_EMPTY, 0);
	NUM("   ", NUM_EMPTY, 0);
	NUM("\t \t", NUM_EMPTY, 0);

	NUM("NA", NUM_NA, 0);
	NUM("na", NUM_NA, 0);
	NUM("N/A", NUM_NA, 0);
	NUM("n/a", NUM_NA, 0);
	NUM("NULL", NUM_NA, 0);
	NUM("null", NUM_NA, 0);
	NUM(" NA ", NUM_NA, 0);

	NUM("nan", NUM_NAN, 0);
	NUM("NaN", NUM_NAN, 0);
	NUM("-nan", NUM_NAN, 0);
	NUM(" NAN ", NUM_NAN, 0);

	NUM("inf", NUM_INF, INFINITY);
	NUM("-Infinity", NUM_INF, -INFINITY);
	NUM("+INF", NUM_INF, INFINITY);
	NUM("infinity", NUM_INF, INFINITY);
	NUM("-inf", NUM_INF, -INFINITY);

	NUM("1,5", NUM_BAD, 0);
	NUM("12abc", NUM_BAD, 0);
	NUM("0x10", NUM_BAD, 0);
	NUM("0x1p3", NUM_BAD, 0);
	NUM("1e999", NUM_BAD, 0);
	NUM("-1e999", NUM_BAD, 0);
	NUM("--1", NUM_BAD, 0);
	NUM("+-1", NUM_BAD, 0);
	NUM(".", NUM_BAD, 0);
	NUM("+", NUM_BAD, 0);
	NUM("-", NUM_BAD, 0);
	NUM("e5", NUM_BAD, 0);
	NUM("1e", NUM_BAD, 0);
	NUM("1e+", NUM_BAD, 0);
	NUM("1.2.3", NUM_BAD, 0);
	NUM("1 2", NUM_BAD, 0);
	NUM("- 1", NUM_BAD, 0);
	NUM("1-", NUM_BAD, 0);
	NUM("infinit", NUM_BAD, 0);
	NUM("nana", NUM_BAD, 0);
	NUM("-NA", NUM_BAD, 0);
	NUM("1\n", NUM_BAD, 0);
	NUM("\xd9\xa1", NUM_BAD, 0); /* an Arabic-Indic digit one */
	NUM("abc", NUM_BAD, 0);

	/* Only len bytes count, and a NUL inside is garbage. */
	v = SENTINEL;
	CHECK_INT(parse_num("12345", 2, &v), NUM_OK);
	CHECK(v == 12.0);
	v = SENTINEL;
	CHECK_INT(parse_num("1.5x", 3, &v), NUM_OK);
	CHECK(v == 1.5);
	v = SENTINEL;
	CHECK_INT(parse_num("1\0", 2, &v), NUM_BAD);
	CHECK(v == SENTINEL);
	v = SENTINEL;
	CHECK_INT(parse_num("NAN", 2, &v), NUM_NA);
	CHECK_INT(parse_num("x", 0, &v), NUM_EMPTY);
	CHECK(v == SENTINEL);

	CHECK_STR(num_status_text(NUM_OK), "is a number");
	CHECK_STR(num_status_text(NUM_EMPTY), "is empty");
	CHECK_STR(num_status_text(NUM_NA), "is NA");
	CHECK_STR(num_status_text(NUM_NAN), "is not a number (nan)");
	CHECK_STR(num_status_text(NUM_INF), "is infinite");
	CHECK_STR(num_status_text(NUM_BAD), "is not a number");
}

/* parse_time on a NUL-terminated string: 0 with the value, or -1. */
static void
time_at(int at, const struct time_opts *o, const char *s, int want,
    double wv)
{
	double v = SENTINEL;
	int rc = parse_time(o, s, strlen(s), &v);

	t_report(rc == want, __FILE__, at, "parse_time(\"%s\") gave %d, want %d",
	    s, rc, want);
	if (rc == 0 && want == 0)
		t_report(fabs(v - wv) < 1e-6, __FILE__, at,
		    "parse_time(\"%s\") = %.6f, want %.6f", s, v, wv);
}
#define TIME(o, s, v) time_at(__LINE__, (o), (s), 0, (v))
#define NOTIME(o, s) time_at(__LINE__, (o), (s), -1, 0)

/* The moment 2023-03-01T00:00:00Z, which is 08:00 in Beijing. */
#define T0 1677628800.0

static void
iso_times(void)
{
	struct time_opts utc, cst, est;
	double v;

	CHECK_INT(time_opts_init(&utc, NULL, "UTC"), 0);
	CHECK_INT(utc.tz_fixed, 1);
	CHECK_INT(utc.tz_offset, 0);
	CHECK(utc.format == NULL);
	CHECK_INT(time_opts_init(&cst, NULL, "+08:00"), 0);
	CHECK_INT(cst.tz_fixed, 1);
	CHECK_INT(cst.tz_offset, 8 * 3600);
	CHECK_INT(time_opts_init(&est, NULL, "-0500"), 0);
	CHECK_INT(est.tz_offset, -5 * 3600);

	TIME(&utc, "2023-03-01T08:00:00+08:00", T0);
	TIME(&est, "2023-03-01T08:00:00+08:00", T0);
	TIME(&cst, "2023-03-01 08:00:00", T0);
	TIME(&utc, "2023-03-01T00:00:00Z", T0);
	TIME(&cst, "2023-03-01T00:00:00Z", T0);
	TIME(&cst, "2023-03-01t00:00:00z", T0);
	TIME(&utc, "2023-03-01T08:00:00+0800", T0);
	TIME(&utc, "2023-03-01T08:00:00+08", T0);
	TIME(&utc, "2023-02-28T19:00:00-05:00", T0);
	TIME(&est, "2023-02-28 19:00:00", T0);
	TIME(&utc, "2023-03-01T05:30:00+05:30", T0);
	TIME(&utc, "2023-03-01T00:00:00-00:00", T0);
	TIME(&utc, "2023-03-01T00:00", T0);
	TIME(&cst, "2023-03-01 08:00", T0);
	TIME(&utc, "2023-03-01T00:00:00.25Z", T0 + 0.25);
	TIME(&utc, "2023-03-01T00:00:00,5Z", T0 + 0.5);
	TIME(&cst, "2023-03-01 08:00:59.999", T0 + 59.999);
	TIME(&utc, "2023-03-01T00:00:00.123456+00:00", T0 + 0.123456);
	TIME(&utc, "2023-03-01", T0);
	TIME(&cst, "2023-03-01", T0 - 8 * 3600);
	TIME(&utc, "  2023-03-01T00:00:00Z  ", T0);
	TIME(&utc, "2023-03-01T24:00:00", T0 + 86400);
	TIME(&utc, "2023-02-28T24:00", T0);
	TIME(&utc, "2024-02-29", 1709164800.0);
	TIME(&utc, "2000-02-29T12:00:00Z", 951825600.0);
	TIME(&utc, "1969-12-31T23:59:59Z", -1.0);
	TIME(&utc, "1900-01-01", -2208988800.0);
	TIME(&utc, "2100-03-01", 4107542400.0);
	TIME(&utc, "2023-03-01T00:00:60Z", T0 + 60); /* a leap second */

	/* Impossible dates and times. */
	NOTIME(&utc, "2023-02-29");
	NOTIME(&utc, "1900-02-29");
	NOTIME(&utc, "2100-02-29");
	NOTIME(&utc, "2023-13-01");
	NOTIME(&utc, "2023-00-10");
	NOTIME(&utc, "2023-04-31");
	NOTIME(&utc, "2023-03-00");
	NOTIME(&utc, "2023-03-32");
	NOTIME(&utc, "2023-03-01T25:00");
	NOTIME(&utc, "2023-03-01T08:60");
	NOTIME(&utc, "2023-03-01T08:00:61");
	NOTIME(&utc, "2023-03-01T24:00:01");
	NOTIME(&utc, "2023-03-01T24:30");
	NOTIME(&utc, "2023-03-01T08:00:00+15:00");
	NOTIME(&utc, "2023-03-01T08:00:00+08:60");
	/* Malformed, and trailing garbage. */
	NOTIME(&utc, "");
	NOTIME(&utc, "   ");
	NOTIME(&utc, "2023-03-01T08:00:00abc");
	NOTIME(&utc, "2023-03-01x");
	NOTIME(&utc, "2023-03-01T");
	NOTIME(&utc, "2023-03-01T08");
	NOTIME(&utc, "2023-03-01T08:0");
	NOTIME(&utc, "2023-03-01T08:00:0");
	NOTIME(&utc, "2023-03-01T08:00:00.");
	NOTIME(&utc, "2023-03-01T08:00.5");
	NOTIME(&utc, "2023-03-01T08:00:00+08:00x");
	NOTIME(&utc, "2023-03-01T08:00:00+08:");
	NOTIME(&utc, "2023-03-01T08:00:00+8");
	NOTIME(&utc, "2023-03-01T08:00:00ZZ");
	NOTIME(&utc, "2023-03-01T08:00:00 Z");
	NOTIME(&utc, "2023-3-1");
	NOTIME(&utc, "20230301");
	NOTIME(&utc, "2023/03/01");
	NOTIME(&utc, "23-03-01");
	NOTIME(&utc, "2023-03-01_08:00");
	NOTIME(&utc, "yesterday");

	/* Only len bytes count. */
	v = SENTINEL;
	CHECK_INT(parse_time(&utc, "2023-03-01T00:00:00Zjunk", 20, &v), 0);
	CHECK_DBL(v, T0, 1e-9);
	v = SENTINEL;
	CHECK_INT(parse_time(&utc, "2023-03-01T00:00:00Z", 9, &v), -1);
}

static void
zone_options(void)
{
	struct time_opts o;

	CHECK_INT(time_opts_init(&o, "%Y", "Z"), 0);
	CHECK_INT(o.tz_fixed, 1);
	CHECK_INT(o.tz_offset, 0);
	CHECK_STR(o.format, "%Y");
	CHECK_INT(time_opts_init(&o, NULL, "gmt"), 0);
	CHECK_INT(o.tz_fixed, 1);
	CHECK_INT(o.tz_offset, 0);
	CHECK_INT(time_opts_init(&o, NULL, "utc"), 0);
	CHECK_INT(o.tz_offset, 0);
	CHECK_INT(time_opts_init(&o, NULL, "+08"), 0);
	CHECK_INT(o.tz_offset, 28800);
	CHECK_INT(time_opts_init(&o, NULL, "-05:30"), 0);
	CHECK_INT(o.tz_offset, -19800);
	CHECK_INT(time_opts_init(&o, NULL, "+14:00"), 0);
	CHECK_INT(o.tz_offset, 14 * 3600);

	/* Malformed offsets and unknown names; none may touch TZ. */
	CHECK_INT(time_opts_init(&o, NULL, "+15:00"), -1);
	CHECK_INT(time_opts_init(&o, NULL, "+8:00"), -1);
	CHECK_INT(time_opts_init(&o, NULL, "+08:0"), -1);
	CHECK_INT(time_opts_init(&o, NULL, "+08:00:00"), -1);
	CHECK_INT(time_opts_init(&o, NULL, "UTC+8"), -1);
	CHECK_INT(time_opts_init(&o, NULL, "Mars/Olympus_Mons"), -1);
	CHECK_INT(time_opts_init(&o, NULL, "Asia/Beijing"), -1);
	CHECK_INT(time_opts_init(&o, NULL, "asia/shanghai"), -1);
	CHECK_INT(time_opts_init(&o, NULL, "../zoneinfo/Asia/Shanghai"), -1);
	CHECK_INT(time_opts_init(&o, NULL, "/usr/share/zoneinfo/UTC"), -1);
	/* Names of things in the zone directory that are not zones. */
	CHECK_INT(time_opts_init(&o, NULL, ""), -1);
	CHECK_INT(time_opts_init(&o, NULL, "Asia"), -1);
	CHECK_INT(time_opts_init(&o, NULL, "America/"), -1);
	CHECK_INT(time_opts_init(&o, NULL, "zone.tab"), -1);
	CHECK_INT(time_opts_init(&o, NULL, "iso3166.tab"), -1);
	CHECK(getenv("TZ") == NULL);
}

static void
named_zones(void)
{
	struct time_opts o;
	double v;

	/* Asia/Shanghai: zone-less times are +08:00, zoned ones are not
	 * moved. */
	CHECK_INT(time_opts_init(&o, NULL, "Asia/Shanghai"), 0);
	CHECK_INT(o.tz_fixed, 0);
	CHECK_STR(getenv("TZ"), "Asia/Shanghai");
	TIME(&o, "2023-03-01 08:00:00", T0);
	TIME(&o, "2023-03-01T08:00", T0);
	TIME(&o, "2023-03-01 08:00:00.5", T0 + 0.5);
	TIME(&o, "2023-03-01", T0 - 8 * 3600);
	TIME(&o, "2023-03-01T00:00:00Z", T0);
	TIME(&o, "2023-03-01T08:00:00-05:00", T0 + 13 * 3600);
	TIME(&o, "1988-07-01 12:00", 583729200.0); /* China had DST then */
	NOTIME(&o, "2023-02-29 08:00:00");
	CHECK_INT(time_opts_init(&o, "%m/%d/%Y %I:%M:%S %p", "Asia/Shanghai"),
	    0);
	TIME(&o, "03/01/2023 08:00:00 AM", T0);

	/* New York: the offset follows daylight saving time. */
	CHECK_INT(time_opts_init(&o, NULL, "America/New_York"), 0);
	TIME(&o, "2023-07-01 12:00:00", 1688227200.0);
	TIME(&o, "2023-01-15 12:00:00", 1673802000.0);

	/* A zone whose offset is 0: the second before the epoch is -1, a
	 * valid result whatever errno held before. */
	CHECK_INT(time_opts_init(&o, NULL, "Etc/UTC"), 0);
	CHECK_INT(o.tz_fixed, 0);
	errno = EOVERFLOW;
	v = SENTINEL;
	CHECK_INT(parse_time(&o, "1969-12-31 23:59:59", 19, &v), 0);
	CHECK_DBL(v, -1.0, 1e-9);
	unsetenv("TZ");
	tzset();

	/* No --tz: the TZ environment decides, else UTC. */
	setenv("TZ", "Asia/Shanghai", 1);
	CHECK_INT(time_opts_init(&o, NULL, NULL), 0);
	CHECK_INT(o.tz_fixed, 0);
	TIME(&o, "2023-03-01 08:00:00", T0);
	setenv("TZ", "", 1);
	CHECK_INT(time_opts_init(&o, NULL, NULL), 0);
	CHECK_INT(o.tz_fixed, 1);
	CHECK_INT(o.tz_offset, 0);
	TIME(&o, "2023-03-01 00:00:00", T0);
	unsetenv("TZ");
	tzset();
	CHECK_INT(time_opts_init(&o, NULL, NULL), 0);
	CHECK_INT(o.tz_fixed, 1);
	CHECK_INT(o.tz_offset, 0);
	TIME(&o, "2023-03-01 00:00:00", T0);
}

static void
format_times(void)
{
	static const char nyc[] = "%m/%d/%Y %I:%M:%S %p";
	struct time_opts o;

	CHECK_INT(time_opts_init(&o, nyc, "UTC"), 0);
	CHECK_STR(o.format, nyc);
	TIME(&o, "02/28/2023 11:45:00 PM", 1677627900.0);
	TIME(&o, " 02/28/2023 11:45:00 PM ", 1677627900.0);
	TIME(&o, "02/28/2023 12:00:00 AM", 1677542400.0);
	TIME(&o, "02/28/2023 12:00:00 PM", 1677585600.0);
	TIME(&o, "02/29/2024 01:02:03 AM", 1709168523.0);
	NOTIME(&o, "02/29/2023 01:00:00 AM");
	NOTIME(&o, "02/30/2024 01:00:00 AM");
	NOTIME(&o, "02/28/2023 11:45:00 PM x");
	NOTIME(&o, "02/28/2023 11:45:00");
	NOTIME(&o, "02/28/2023 13:45:00 PM");
	NOTIME(&o, "2023-02-28T23:45:00");
	NOTIME(&o, "");

	/* The zone applies to the pattern too. */
	CHECK_INT(time_opts_init(&o, nyc, "-05:00"), 0);
	TIME(&o, "02/28/2023 11:45:00 PM", 1677627900.0 + 5 * 3600);

	/* An offset in the text (%z) wins over the zone option. */
	CHECK_INT(time_opts_init(&o, "%Y-%m-%d %H:%M:%S %z", "-05:00"), 0);
	TIME(&o, "2023-03-01 08:00:00 +0800", T0);
	TIME(&o, "2023-03-01 00:00:00 +0000", T0);

	/* A date-only pattern. */
	CHECK_INT(time_opts_init(&o, "%d.%m.%Y", "+08:00"), 0);
	TIME(&o, "01.03.2023", T0 - 8 * 3600);
	NOTIME(&o, "31.04.2023");
}

static void
civil(void)
{
	CHECK_INT(civil_to_epoch(1970, 1, 1, 0, 0, 0), 0);
	CHECK_INT(civil_to_epoch(1969, 12, 31, 23, 59, 59), -1);
	CHECK_INT(civil_to_epoch(2023, 3, 1, 0, 0, 0), 1677628800);
	CHECK_INT(civil_to_epoch(2023, 2, 28, 23, 45, 0), 1677627900);
	CHECK_INT(civil_to_epoch(2024, 2, 29, 0, 0, 0), 1709164800);
	CHECK_INT(civil_to_epoch(2000, 3, 1, 0, 0, 0), 951868800);
	CHECK_INT(civil_to_epoch(1900, 1, 1, 0, 0, 0), -2208988800LL);
	CHECK_INT(civil_to_epoch(1600, 1, 1, 0, 0, 0), -11676096000LL);
	CHECK_INT(civil_to_epoch(1, 1, 1, 0, 0, 0), -62135596800LL);
	CHECK_INT(civil_to_epoch(0, 3, 1, 0, 0, 0), -62162035200LL);
	CHECK_INT(civil_to_epoch(2100, 1, 1, 0, 0, 0), 4102444800LL);
	CHECK_INT(civil_to_epoch(2100, 2, 28, 12, 34, 56), 4107501296LL);
	CHECK_INT(civil_to_epoch(2100, 3, 1, 0, 0, 0), 4107542400LL);
	CHECK_INT(civil_to_epoch(2038, 1, 19, 3, 14, 8), 2147483648LL);
	CHECK_INT(civil_to_epoch(1901, 12, 13, 20, 45, 52), -2147483648LL);
	/* Hour 24 and second 60 carry over. */
	CHECK_INT(civil_to_epoch(2023, 2, 28, 24, 0, 0), 1677628800);
	CHECK_INT(civil_to_epoch(2023, 2, 28, 23, 59, 60), 1677628800);
}

void
suite_parse(void)
{
	char *saved = getenv("TZ") ? strdup(getenv("TZ")) : NULL;

	unsetenv("TZ");
	tzset();
	numbers();
	iso_times();
	zone_options();
	named_zones();
	format_times();
	civil();
	/* Leave TZ as it was for the other suites. */
	if (saved != NULL) {
		setenv("TZ", saved, 1);
		free(saved);
	} else {
		unsetenv("TZ");
	}
	tzset();
}
