/*
 * workcal.h - working days and working hours, for deadlines (caseflow's
 * rules, partscore's --sla), and limits written h, wh or wd.
 *
 * A working day is Monday to Friday unless declared off, or any day
 * declared a working day (a make-up day, 调休).  Declarations come from a
 * CSV calendar (date,kind with kind off or work) or from holiday-cn JSON
 * files (one per year; December dates can sit in the next year's file, so
 * both are read; workcal_load() reads a directory of them).  Working
 * hours are segments of the local day, such as 09:00-12:00,13:30-17:30.  Local days are those of a fixed offset from
 * UTC (China has one: +08:00).
 *
 * The legal rule for limits in working days: the day of the report is not
 * counted, and the deadline is the end (23:59:59) of the Nth working day
 * after it; a limit in working hours ends at the exact instant the hours
 * run out, counting only time inside working segments of working days.
 *
 * Days are numbered from 1970-01-01 (day 0); times are seconds since the
 * epoch.  A struct workcal owns its arrays; free them with workcal_free().
 *
 * Counting is arithmetic, not a walk: the working days before day d are
 * the weekdays before it (whole weeks times five, and a table for the
 * rest) corrected by a running sum over the declared days, so a limit of
 * a million working days costs what a limit of one does.
 */
#ifndef WORKCAL_H
#define WORKCAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/datetime.h"
#include "core/util.h"

#define WORKCAL_MAXSEG 8

/* The unit of a limit: clock hours, working hours, working days. */
enum limit_unit { UNIT_H, UNIT_WH, UNIT_WD };

struct workcal {
	long tz_offset;     /* seconds east of UTC for local days */
	int64_t first;      /* day number of kind[0] */
	uint8_t *kind;      /* per day: 0 by weekday, 1 off, 2 work */
	int64_t ndays;
	/* adjust[i]: over kind[0..i-1], working days less weekdays (a day
	 * off on a weekday counts -1, a make-up Saturday +1); ndays + 1 */
	int32_t *adjust;
	int nseg;           /* working segments, seconds from midnight */
	int seg_start[WORKCAL_MAXSEG], seg_end[WORKCAL_MAXSEG];
};

/*
 * Start an empty calendar (weekends off, 09:00-12:00 and 13:30-17:30 as
 * the working hours) for local days at tz_offset seconds east of UTC.
 */
void workcal_init(struct workcal *c, long tz_offset);

/* Free the calendar's arrays. */
void workcal_free(struct workcal *c);

/*
 * Declare day (a day number) off (kind 1) or a working day (kind 2).
 * Returns 0, or -1 if out of memory (*e set).
 */
int workcal_declare(struct workcal *c, int64_t day, int kind, struct err *e);

/*
 * Read a CSV calendar with columns date (YYYY-MM-DD) and kind (off or
 * work).  Returns 0, or -1 with *e set (FILE:LINE: message).
 */
int workcal_load_csv(struct workcal *c, const char *path, struct err *e);

/*
 * Read one holiday-cn JSON file ({"days":[{"date":..., "isOffDay":...}]}).
 * A file that does not exist is an error only when required is set.
 */
int workcal_load_holiday_cn(struct workcal *c, const char *path,
    int required, struct err *e);

/*
 * Read the calendar at path: a directory is read as holiday-cn files
 * (every YYYY.json in it, in order of the year; none is an error), any
 * other path as a CSV calendar (workcal_load_csv).  Returns 0, or -1
 * with *e set.
 */
int workcal_load(struct workcal *c, const char *path, struct err *e);

/*
 * Set the working hours from "HH:MM-HH:MM[,HH:MM-HH:MM...]": segments in
 * order, not overlapping, within one day.  Returns 0, or -1 with *e set.
 */
int workcal_set_hours(struct workcal *c, const char *spec, struct err *e);

/* Is the day a working day? */
int workcal_is_workday(const struct workcal *c, int64_t day);

/* The local day number of time t. */
int64_t workcal_day_of(const struct workcal *c, double t);

/* The number of working days in [a, b) (negative when b < a). */
int64_t workcal_count(const struct workcal *c, int64_t a, int64_t b);

/*
 * The deadline of a limit of n working days for a report at time t: the
 * last second (23:59:59 local) of the nth working day after t's day.
 * n = 0 gives the end of t's own day.  NaN for a time that is not finite.
 */
double workcal_deadline_days(const struct workcal *c, double t, int n);

/*
 * The instant at which h working hours, counted from t, run out.  h = 0
 * gives t.
 */
double workcal_add_hours(const struct workcal *c, double t, double h);

/* Working seconds between t0 and t1 (0 when t1 <= t0). */
double workcal_seconds_between(const struct workcal *c, double t0, double t1);

/*
 * The unit the len bytes at s name (blanks around them trimmed): "h",
 * "wh" or "wd".  Returns it, or -1 for anything else.
 */
int limit_unit_parse(const char *s, size_t len);

/*
 * The deadline of a limit that starts at t: t plus limit clock hours
 * (UNIT_H; c may then be NULL), or workcal_add_hours() or
 * workcal_deadline_days() (limit a whole number) on calendar c.
 */
double workcal_deadline(const struct workcal *c, double t, double limit,
    enum limit_unit unit);

/*
 * Set up *c (zeroed by the caller, who frees it with workcal_free()) as
 * the tools' --calendar PATH and --work-hours SPEC (may be NULL) ask:
 * local days in the fixed offset of t's zone, declarations from PATH
 * (workcal_load).  A zone that changes its offset (daylight saving) is a
 * usage error (ERR_USAGE) naming zone_name, the zone as given (may be
 * NULL: the TZ environment's).  Returns 0, or -1 with *e set.
 */
int workcal_setup(struct workcal *c, const struct time_opts *t,
    const char *zone_name, const char *path, const char *hours,
    struct err *e);

#endif
