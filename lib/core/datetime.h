/*
 * datetime.h - times, zones and periods: timestamps read from CSV fields
 * on purpose, written back in ISO 8601, and grouped into days, ISO weeks,
 * months and years.
 *
 * Timestamps are ISO 8601 or one of the common Chinese forms by default;
 * a list of formats (strptime(3) patterns, Excel serial days, epoch
 * seconds), tried in order, handles other layouts.  Times without a zone are read in a zone the caller names: a
 * fixed offset such as "+08:00", "UTC", or an IANA name (via TZ and
 * mktime, which is process-wide; tools set it once before reading).
 * Times are seconds since the Unix epoch, UTC, as doubles; civil dates
 * are proleptic Gregorian.  Nothing here allocates.
 */
#ifndef DATETIME_H
#define DATETIME_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* How to read times. */
struct time_opts {
	const char *format; /* the (first) format, or NULL for the default */
	const char *const *formats; /* with nformats > 1: all, in order */
	size_t nformats;
	int tz_fixed;       /* 1: offset below applies to zone-less times */
	long tz_offset;     /* seconds east of UTC when tz_fixed */
};

/*
 * Fill *o from a --time-format pattern (may be NULL) and a --tz value (may
 * be NULL: the TZ environment decides, else UTC).  A zone given as "UTC",
 * "Z" or "+HH:MM"/"-HHMM" becomes a fixed offset; any other name is set in
 * the TZ environment variable so mktime() uses it.  Returns 0, or -1 if the
 * zone is malformed.
 */
int time_opts_init(struct time_opts *o, const char *format, const char *tz);

/*
 * time_opts_init() with a list of formats, formats[0..n-1] (n == 0: the
 * default; n == 1: as time_opts_init with formats[0]), tried in order by
 * parse_time().  The caller keeps the array and its strings, which must
 * outlive *o.  Returns 0, or -1 if the zone is malformed.
 */
int time_opts_init_list(struct time_opts *o, const char *const *formats,
    size_t n, const char *tz);

/*
 * Parse the len bytes at s as a time and store seconds since the Unix epoch
 * (UTC, fractions kept) in *out.  Blanks around s are dropped, and the
 * full-width digits, colon, slash, hyphen and space (０-９ ： ／ － and
 * U+3000) are read as their ASCII forms.  Without a format: ISO 8601
 * (YYYY-MM-DD, then T or a space and hh:mm[:ss[.fff]], then Z or
 * +hh[:mm] / -hh[:mm]), or a common Chinese form without a zone: the date
 * YYYY/M/D, YYYY-M-D or YYYY年M月D日 (month and day of one or two digits)
 * alone or followed by h:mm[:ss] (an hour of one or two digits) after
 * spaces (none needed after 日).  With formats, each is tried in order:
 * "excel" reads Excel serial day numbers of the 1900 date system, 1 to
 * 2958465 (1900-01-01 to 9999-12-31), a fraction being the time of day
 * (rounded to the millisecond), serial 60 (Excel's 1900-02-29, a day that
 * never was) refused; "%s" reads whole seconds since the epoch, UTC
 * whatever the zone, within the years 0 to 9999; anything else is a
 * strptime(3) pattern that must take the whole text.  Zone-less times are
 * read in the options' zone.  Returns 0, or -1 if s is not a valid time
 * (including impossible dates like 02-30); *out is then untouched.
 */
int parse_time(const struct time_opts *o, const char *s, size_t len,
    double *out);

/*
 * The date of the last YYYY-MM-DD hh:mm:ss time a column held: times in
 * a column mostly share their date with the one before, so its day need
 * not be computed again.  The caller owns it; zero it to start.
 */
struct time_memo {
	char date[10];   /* YYYY-MM-DD */
	int valid;
	int64_t day;     /* civil_to_epoch() of that date at 00:00:00 */
};

/*
 * parse_time() through *m: the same answer for every s, faster on a
 * column of times of the form YYYY-MM-DDThh:mm:ss (T or a space) without
 * --time-format in a fixed zone.  *m is updated.
 */
int parse_time_memo(const struct time_opts *o, struct time_memo *m,
    const char *s, size_t len, double *out);

/*
 * Convert a broken-down civil date and time to seconds since the epoch
 * as if it were UTC (proleptic Gregorian; any year).  Pure arithmetic.
 */
int64_t civil_to_epoch(int year, int month, int day, int hour, int min,
    int sec);

/*
 * The local civil time of t (seconds since the epoch) in the options'
 * zone: fills *tm (year, month, day, hour, minute, second, weekday) and
 * stores the zone's offset east of UTC at that instant in *off.  Returns
 * 0, or -1 when t is out of range.
 */
int time_local(const struct time_opts *o, double t, struct tm *tm, long *off);

/*
 * Write t as ISO 8601 in the options' zone, to the second, with the
 * offset: "2024-01-05T08:00:00+08:00" (with seconds, +08:05:43, when the
 * zone's offset then had them: local mean times before 1900, which
 * parse_time() reads back).  buf needs 32 bytes.  Returns the
 * length, or 0 when t is out of range.
 */
size_t format_time(const struct time_opts *o, double t, char *buf);

/*
 * If the options' zone keeps one offset from UTC (a fixed offset, UTC, or
 * a named zone without daylight saving from 2000 to 2037), store it in
 * *off and return 0; return -1 for a zone whose offset changes.
 */
int time_fixed_offset(const struct time_opts *o, long *off);

/*
 * Periods: the day, ISO 8601 week, month or year of a time in the
 * options' zone, as a number that sorts in time order (20240305,
 * 202410 for the 10th ISO week of 2024, 202403, 2024) and as a label
 * ("2024-03-05", "2024-W10", "2024-03", "2024").
 */
enum period { PERIOD_NONE, PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH,
	PERIOD_YEAR };

/* The periods' names in enum order from PERIOD_DAY: "day", "week",
 * "month", "year", then NULL (for option parsers). */
extern const char *const period_names[];

/*
 * The code of the period p of time t (local in o's zone); 0 for
 * PERIOD_NONE, whatever t is (NaN too); otherwise INT32_MIN when t is NaN
 * or its year is outside 0 to 9999 (the unknown period).  The week is the
 * ISO 8601 one: weeks start on Monday, and the week's Thursday decides
 * its year (2024-12-30 is in 2025-W01).
 */
int32_t period_code(const struct time_opts *o, enum period p, double t);

/*
 * The label of period code under p into buf (32 bytes), and its length;
 * 0 (no label) for PERIOD_NONE and for INT32_MIN.
 */
size_t period_label(enum period p, int32_t code, char *buf);

#endif
