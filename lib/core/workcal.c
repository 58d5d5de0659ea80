#include "core/workcal.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/csvio.h"
#include "core/datetime.h"

void
workcal_init(struct workcal *c, long tz_offset)
{
	memset(c, 0, sizeof *c);
	c->tz_offset = tz_offset;
	c->nseg = 2;
	c->seg_start[0] = 9 * 3600;
	c->seg_end[0] = 12 * 3600;
	c->seg_start[1] = 13 * 3600 + 30 * 60;
	c->seg_end[1] = 17 * 3600 + 30 * 60;
}

void
workcal_free(struct workcal *c)
{
	free(c->kind);
	free(c->adjust);
	c->kind = NULL;
	c->adjust = NULL;
	c->ndays = 0;
}

/* Day 0, 1970-01-01, was a Thursday: Sunday is 0. */
static int
weekday(int64_t day)
{
	return (int)(((day + 4) % 7 + 7) % 7);
}

static int
is_weekday(int64_t day)
{
	int dow = weekday(day);

	return dow != 0 && dow != 6;
}

/* What kind k of day makes of it, less what its weekday does. */
static int
kind_shift(int k, int64_t day)
{
	int work = k == 0 ? is_weekday(day) : k == 2;

	return work - is_weekday(day);
}

/* adjust[] from kind[], whole. */
static void
build_adjust(struct workcal *c)
{
	int64_t i;

	c->adjust[0] = 0;
	for (i = 0; i < c->ndays; i++)
		c->adjust[i + 1] = c->adjust[i] +
		    kind_shift(c->kind[i], c->first + i);
}

int
workcal_declare(struct workcal *c, int64_t day, int kind, struct err *e)
{
	int64_t i;
	int delta;

	if (c->kind == NULL) {
		c->kind = calloc(1, 1);
		c->adjust = calloc(2, sizeof *c->adjust);
		if (c->kind == NULL || c->adjust == NULL) {
			workcal_free(c);
			return err_nomem(e);
		}
		c->first = day;
		c->ndays = 1;
	} else if (day < c->first || day >= c->first + c->ndays) {
		int64_t lo = day < c->first ? day : c->first;
		int64_t hi = day >= c->first + c->ndays ? day + 1
		    : c->first + c->ndays;
		uint8_t *k;
		int32_t *adj;

		if (hi - lo > 400 * 366)
			return errf(e, ERR_DATA, "calendar spans more than 400 "
			    "years");
		k = calloc((size_t)(hi - lo), 1);
		adj = calloc((size_t)(hi - lo) + 1, sizeof *adj);
		if (k == NULL || adj == NULL) {
			free(k);
			free(adj);
			return err_nomem(e);
		}
		memcpy(k + (c->first - lo), c->kind, (size_t)c->ndays);
		free(c->kind);
		free(c->adjust);
		c->kind = k;
		c->adjust = adj;
		c->first = lo;
		c->ndays = hi - lo;
		build_adjust(c);
	}
	i = day - c->first;
	delta = kind_shift(kind, day) - kind_shift(c->kind[i], day);
	c->kind[i] = (uint8_t)kind;
	if (delta != 0)
		for (i = i + 1; i <= c->ndays; i++)
			c->adjust[i] += delta;
	return 0;
}

/* The day number of a YYYY-MM-DD string, or -1 with *ok cleared. */
static int64_t
date_day(const char *s, size_t len, int *ok)
{
	struct time_opts o;
	double t;

	memset(&o, 0, sizeof o);
	o.tz_fixed = 1;
	*ok = len == 10 && parse_time(&o, s, len, &t) == 0;
	return *ok ? (int64_t)floor(t / 86400) : -1;
}

int
workcal_load_csv(struct workcal *c, const char *path, struct err *e)
{
	struct csv_opts co = {.delim = ',', .side = 1};
	struct csvr *r;
	struct csv_record *rec;
	size_t dcol, kcol;
	int got, rc = -1;

	if (csvr_open(&r, path, &co, e) < 0)
		return -1;
	if (csvr_column(r, "date", &dcol, e) < 0 ||
	    csvr_column(r, "kind", &kcol, e) < 0)
		goto out;
	while ((got = csvr_next(r, &rec, e)) > 0) {
		const char *k;
		char q[80];
		int64_t day;
		int ok, kind;

		if (csvr_check_width(r, rec, e) < 0)
			goto out;
		{
			const char *ds = rec->field[dcol];
			size_t dl = rec->len[dcol];
			trim_blanks(&ds, &dl);
			day = date_day(ds, dl, &ok);
		}
		if (!ok) {
			errf(e, ERR_DATA, "%s:%ld: column \"date\": %s is not a "
			    "date (YYYY-MM-DD)", csvr_name(r), rec->line,
			    quote_value(q, sizeof q, rec->field[dcol],
				rec->len[dcol]));
			goto out;
		}
		k = rec->field[kcol];
		{
			size_t kl = rec->len[kcol];
			trim_blanks(&k, &kl);
			if ((kl == 3 && memcmp(k, "off", 3) == 0) ||
			    (kl == 3 && memcmp(k, "休", 3) == 0))
				kind = 1;
			else if ((kl == 4 && memcmp(k, "work", 4) == 0) ||
			    (kl == 3 && memcmp(k, "班", 3) == 0))
				kind = 2;
			else
				kind = 0;
		}
		if (kind == 0) {
			errf(e, ERR_DATA, "%s:%ld: column \"kind\": %s is not "
			    "off or work", csvr_name(r), rec->line,
			    quote_value(q, sizeof q, k, rec->len[kcol]));
			goto out;
		}
		if (workcal_declare(c, day, kind, e) < 0) {
			char m[ERR_MSG_MAX];
			snprintf(m, sizeof m, "%s", e->msg);
			errf(e, e->kind, "%s:%ld: column \"date\": %s: %s",
			    csvr_name(r), rec->line, quote_value(q, sizeof q,
				rec->field[dcol], rec->len[dcol]), m);
			goto out;
		}
	}
	if (got == 0)
		rc = 0;
out:
	csvr_close(r);
	return rc;
}

int
workcal_load_holiday_cn(struct workcal *c, const char *path, int required,
    struct err *e)
{
	json_error_t jerr;
	json_t *root, *days;
	size_t i;
	FILE *f;

	f = fopen(path, "rb");
	if (f == NULL) {
		if (!required && errno == ENOENT)
			return 0;
		return errf(e, ERR_IO, "%s: %s", path, strerror(errno));
	}
	root = json_loadf(f, 0, &jerr);
	fclose(f);
	if (root == NULL)
		return errf(e, ERR_DATA, "%s:%d: not valid JSON: %s", path,
		    jerr.line, jerr.text);
	days = json_object_get(root, "days");
	if (!json_is_array(days)) {
		json_decref(root);
		return errf(e, ERR_DATA, "%s: no \"days\" array (holiday-cn "
		    "format)", path);
	}
	for (i = 0; i < json_array_size(days); i++) {
		json_t *d = json_array_get(days, i);
		const char *date = json_string_value(json_object_get(d, "date"));
		json_t *off = json_object_get(d, "isOffDay");
		int64_t day;
		int ok;

		day = date ? date_day(date, strlen(date), &ok) : -1;
		if (date == NULL || !ok || !json_is_boolean(off)) {
			char q[80];
			errf(e, ERR_DATA, "%s: day %zu: needs a \"date\" "
			    "(YYYY-MM-DD) and a boolean \"isOffDay\", not %s", path,
			    i + 1, date ? quote_value(q, sizeof q, date,
				strlen(date)) : "a missing date");
			json_decref(root);
			return -1;
		}
		if (workcal_declare(c, day, json_is_true(off) ? 1 : 2, e) < 0) {
			char m[ERR_MSG_MAX], q[80];
			snprintf(m, sizeof m, "%s", e->msg);
			errf(e, e->kind, "%s: day %zu: %s: %s", path, i + 1,
			    quote_value(q, sizeof q, date, strlen(date)), m);
			json_decref(root);
			return -1;
		}
	}
	json_decref(root);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Every holiday-cn YYYY.json in directory dir, in order of the year (a
 * year's file can also hold days of the next January).
 */
static int
load_holiday_dir(struct workcal *c, const char *dir, struct err *e)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct buf path = {0};
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = -1;

	if (d == NULL)
		return errf(e, ERR_IO, "%s: cannot open the calendar directory: "
		    "%s", dir, strerror(errno));
	for (errno = 0; (de = readdir(d)) != NULL; errno = 0) {
		const char *s = de->d_name;
		if (strlen(s) != 9 || strcmp(s + 4, ".json") != 0 ||
		    strspn(s, "0123456789") != 4)
			continue;
		if (grow_array((void **)&names, &cap, n + 1, sizeof *names) < 0 ||
		    (names[n] = str_ndup(s, 9)) == NULL) {
			err_nomem(e);
			goto out;
		}
		n++;
	}
	if (errno != 0) {
		errf(e, ERR_IO, "%s: cannot read the calendar directory: %s",
		    dir, strerror(errno));
		goto out;
	}
	if (n == 0) {
		errf(e, ERR_DATA, "%s: no holiday-cn YYYY.json files in the "
		    "calendar directory", dir);
		goto out;
	}
	qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		/* DIR/YYYY.json, NUL-terminated: no length limit. */
		path.len = 0;
		if (buf_append(&path, dir, strlen(dir)) < 0 ||
		    buf_append(&path, "/", 1) < 0 ||
		    buf_append(&path, names[i], strlen(names[i]) + 1) < 0) {
			err_nomem(e);
			goto out;
		}
		if (workcal_load_holiday_cn(c, path.data, 1, e) < 0)
			goto out;
	}
	rc = 0;
out:
	closedir(d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(path.data);
	return rc;
}

int
workcal_load(struct workcal *c, const char *path, struct err *e)
{
	struct stat sb;

	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return load_holiday_dir(c, path, e);
	return workcal_load_csv(c, path, e);
}

static int
hhmm(const char *s, int *sec)
{
	int h, m;

	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' ||
	    s[2] != ':' || s[3] < '0' || s[3] > '9' || s[4] < '0' ||
	    s[4] > '9')
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 24 || m > 59 || (h == 24 && m > 0))
		return -1;
	*sec = h * 3600 + m * 60;
	return 0;
}

int
workcal_set_hours(struct workcal *c, const char *spec, struct err *e)
{
	int start[WORKCAL_MAXSEG], end[WORKCAL_MAXSEG];
	const char *p = spec;
	int n = 0, prev_end = -1, i;
	char q[80];

	/* Into local arrays first: a bad spec leaves the calendar as it was. */
	for (;;) {
		int a, b;
		if (n == WORKCAL_MAXSEG || strlen(p) < 11 || hhmm(p, &a) < 0 ||
		    p[5] != '-' || hhmm(p + 6, &b) < 0 || b <= a || a < prev_end ||
		    (p[11] != ',' && p[11] != '\0'))
			return errf(e, ERR_USAGE, "working hours %s: want "
			    "HH:MM-HH:MM[,HH:MM-HH:MM...] in order, at most %d",
			    quote_value(q, sizeof q, spec, strlen(spec)),
			    WORKCAL_MAXSEG);
		start[n] = a;
		end[n] = b;
		n++;
		prev_end = b;
		if (p[11] == '\0')
			break;
		p += 12;
	}
	for (i = 0; i < n; i++) {
		c->seg_start[i] = start[i];
		c->seg_end[i] = end[i];
	}
	c->nseg = n;
	return 0;
}

int
workcal_is_workday(const struct workcal *c, int64_t day)
{
	if (c->kind != NULL && day >= c->first && day < c->first + c->ndays &&
	    c->kind[day - c->first] != 0)
		return c->kind[day - c->first] == 2;
	return is_weekday(day);
}

/* The working days before day d, counted from day 0 (negative before). */
static int64_t
workdays_before(const struct workcal *c, int64_t d)
{
	/* Weekdays in days 0..r-1 of a week that starts on a Thursday. */
	static const int part[7] = {0, 1, 2, 2, 2, 3, 4};
	int64_t weeks = d >= 0 ? d / 7 : -((-d + 6) / 7);
	int64_t n = 5 * weeks + part[d - 7 * weeks];

	if (c->kind == NULL || d <= c->first)
		return n;
	if (d >= c->first + c->ndays)
		return n + c->adjust[c->ndays];
	return n + c->adjust[d - c->first];
}

int64_t
workcal_count(const struct workcal *c, int64_t a, int64_t b)
{
	return workdays_before(c, b) - workdays_before(c, a);
}

/* The nth (n >= 1) working day after day d, found by bisection. */
static int64_t
nth_workday_after(const struct workcal *c, int64_t d, int64_t n)
{
	int64_t lo = d + 1, hi, base = workdays_before(c, d + 1);

	/* Five working days in every seven, less the declared days off. */
	hi = d + 1 + 7 * ((n + (c->kind ? c->ndays : 0)) / 5 + 2);
	while (workdays_before(c, hi + 1) - base < n)
		hi += hi - d;
	while (lo < hi) {
		int64_t mid = lo + (hi - lo) / 2;

		if (workdays_before(c, mid + 1) - base >= n)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

int64_t
workcal_day_of(const struct workcal *c, double t)
{
	return (int64_t)floor((t + (double)c->tz_offset) / 86400);
}

/* Local midnight at the start of day, as a time. */
static double
day_start(const struct workcal *c, int64_t day)
{
	return (double)day * 86400 - (double)c->tz_offset;
}

double
workcal_deadline_days(const struct workcal *c, double t, int n)
{
	int64_t d;

	if (!isfinite(t))
		return NAN;
	d = workcal_day_of(c, t);
	if (n > 0)
		d = nth_workday_after(c, d, n);
	return day_start(c, d + 1) - 1;
}

/* Working seconds of one working day. */
static double
day_seconds(const struct workcal *c)
{
	double s = 0;
	int i;

	for (i = 0; i < c->nseg; i++)
		s += c->seg_end[i] - c->seg_start[i];
	return s;
}

/*
 * Spend *left working seconds on day d from time t on: the instant they
 * run out, or NaN with *left reduced by what the day held.
 */
static double
spend_day(const struct workcal *c, int64_t d, double t, double *left)
{
	double ds = day_start(c, d);
	int i;

	if (!workcal_is_workday(c, d))
		return NAN;
	for (i = 0; i < c->nseg; i++) {
		double a = ds + c->seg_start[i], b = ds + c->seg_end[i];

		if (a < t)
			a = t;
		if (a >= b)
			continue;
		if (*left <= b - a)
			return a + *left;
		*left -= b - a;
	}
	return NAN;
}

double
workcal_add_hours(const struct workcal *c, double t, double h)
{
	double left = h * 3600, per_day, at, whole;
	int64_t d;

	if (!isfinite(t) || isnan(h))
		return NAN;
	if (left <= 0 || c->nseg == 0)
		return t;
	if (!isfinite(left))
		return INFINITY;
	d = workcal_day_of(c, t);
	at = spend_day(c, d, t, &left);
	if (!isnan(at))
		return at;
	/* Whole working days skipped at once; the last one is walked, so
	 * that a limit ending with a day ends at that day's last segment. */
	per_day = day_seconds(c);
	whole = ceil(left / per_day) - 1;
	if (whole > 9e15)
		return INFINITY;
	left -= whole * per_day;
	d = nth_workday_after(c, d, (int64_t)whole + 1);
	at = spend_day(c, d, day_start(c, d), &left);
	/* Rounding may leave a hair for the next working day. */
	while (isnan(at)) {
		d = nth_workday_after(c, d, 1);
		at = spend_day(c, d, day_start(c, d), &left);
	}
	return at;
}

/* Working seconds of day d inside [t0, t1]. */
static double
day_overlap(const struct workcal *c, int64_t d, double t0, double t1)
{
	double ds = day_start(c, d), sum = 0;
	int i;

	if (!workcal_is_workday(c, d))
		return 0;
	for (i = 0; i < c->nseg; i++) {
		double a = ds + c->seg_start[i], b = ds + c->seg_end[i];

		if (a < t0)
			a = t0;
		if (b > t1)
			b = t1;
		if (b > a)
			sum += b - a;
	}
	return sum;
}

double
workcal_seconds_between(const struct workcal *c, double t0, double t1)
{
	int64_t d0, d1;

	if (!isfinite(t0) || !isfinite(t1))
		return NAN;
	if (t1 <= t0)
		return 0;
	d0 = workcal_day_of(c, t0);
	d1 = workcal_day_of(c, t1);
	if (d0 == d1)
		return day_overlap(c, d0, t0, t1);
	/* The first and last days in part, the whole ones between counted. */
	return day_overlap(c, d0, t0, t1) +
	    (double)workcal_count(c, d0 + 1, d1) * day_seconds(c) +
	    day_overlap(c, d1, t0, t1);
}

int
limit_unit_parse(const char *s, size_t len)
{
	trim_blanks(&s, &len);
	if (len == 1 && s[0] == 'h')
		return UNIT_H;
	if (len == 2 && memcmp(s, "wh", 2) == 0)
		return UNIT_WH;
	if (len == 2 && memcmp(s, "wd", 2) == 0)
		return UNIT_WD;
	return -1;
}

double
workcal_deadline(const struct workcal *c, double t, double limit,
    enum limit_unit unit)
{
	switch (unit) {
	case UNIT_H:
		return t + limit * 3600;
	case UNIT_WH:
		return workcal_add_hours(c, t, limit);
	case UNIT_WD:
		break;
	}
	return workcal_deadline_days(c, t, (int)limit);
}

int
workcal_setup(struct workcal *c, const struct time_opts *t,
    const char *zone_name, const char *path, const char *hours,
    struct err *e)
{
	long off;

	if (zone_name == NULL && (zone_name = getenv("TZ")) == NULL)
		zone_name = "the zone";
	if (time_fixed_offset(t, &off) < 0)
		return errf(e, ERR_USAGE, "working time (--calendar) needs a "
		    "zone with one offset from UTC, and %s changes its offset "
		    "(daylight saving); use a fixed one such as --tz -05:00",
		    zone_name);
	workcal_init(c, off);
	if (workcal_load(c, path, e) < 0)
		return -1;
	if (hours != NULL && workcal_set_hours(c, hours, e) < 0)
		return -1;
	return 0;
}
