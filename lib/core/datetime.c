#define _GNU_SOURCE /* strptime, tm_gmtoff, setenv */
#include "core/datetime.h"
#include "core/util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>


static int
parse_offset(const char *s, size_t len, long *off)
{
	int sign, hh, mm = 0, ss = 0, colon = 0;

	if (len == 1 && (*s == 'Z' || *s == 'z')) {
		*off = 0;
		return 0;
	}
	if (len < 3 || (*s != '+' && *s != '-'))
		return -1;
	sign = *s == '-' ? -1 : 1;
	if (!isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[2]))
		return -1;
	hh = (s[1] - '0') * 10 + (s[2] - '0');
	s += 3;
	len -= 3;
	if (len > 0 && *s == ':') {
		s++;
		len--;
		if (len != 2 && len != 5)
			return -1;
		colon = 1;
	}
	/* +HH:MM:SS, as format_time() writes a local mean time offset (the
	 * tz database's zones before 1900, such as +08:05:43). */
	if (colon && len == 5 && s[2] == ':' && isdigit((unsigned char)s[3]) &&
	    isdigit((unsigned char)s[4])) {
		ss = (s[3] - '0') * 10 + (s[4] - '0');
		len = 2;
	}
	if (len == 2) {
		if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
			return -1;
		mm = (s[0] - '0') * 10 + (s[1] - '0');
	} else if (len != 0) {
		return -1;
	}
	if (hh > 14 || mm > 59 || ss > 59)
		return -1;
	*off = sign * (hh * 3600L + mm * 60L + ss);
	return 0;
}

int
time_opts_init_list(struct time_opts *o, const char *const *formats,
    size_t n, const char *tz)
{
	int rc = time_opts_init(o, n > 0 ? formats[0] : NULL, tz);

	if (n > 1) {
		o->formats = formats;
		o->nformats = n;
	}
	return rc;
}

int
time_opts_init(struct time_opts *o, const char *format, const char *tz)
{
	memset(o, 0, sizeof *o);
	o->format = format;
	if (tz == NULL) {
		const char *env = getenv("TZ");
		if (env == NULL || *env == '\0') {
			o->tz_fixed = 1;
			return 0;
		}
		tzset();
		return 0;
	}
	if (strcasecmp(tz, "UTC") == 0 || strcasecmp(tz, "GMT") == 0) {
		o->tz_fixed = 1;
		return 0;
	}
	if (parse_offset(tz, strlen(tz), &o->tz_offset) == 0) {
		o->tz_fixed = 1;
		return 0;
	}
	/*
	 * A zone name: it must name a zone file, since glibc quietly takes
	 * UTC for anything else (a directory such as "Asia", zone.tab).
	 */
	{
		char path[512], magic[4];
		int fd, n, ok;

		if (*tz == '\0' || strstr(tz, "..") != NULL || tz[0] == '/')
			return -1;
		n = snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
		if (n < 0 || (size_t)n >= sizeof path)
			return -1;
		if ((fd = open(path, O_RDONLY)) < 0)
			return -1;
		ok = read(fd, magic, sizeof magic) == (ssize_t)sizeof magic &&
		    memcmp(magic, "TZif", sizeof magic) == 0;
		close(fd);
		if (!ok)
			return -1;
	}
	if (setenv("TZ", tz, 1) != 0)
		return -1;
	tzset();
	return 0;
}

static int
days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : d[m - 1];
}

int64_t
civil_to_epoch(int year, int month, int day, int hour, int min, int sec)
{
	/* Days from civil, after H. Hinnant's public-domain algorithm. */
	int64_t y = year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = era * 146097 + doe - 719468;

	return days * 86400 + hour * 3600 + min * 60 + sec;
}

static int
digits(const char *s, size_t len, size_t at, int n, int *v)
{
	int i, x = 0;

	if (at + (size_t)n > len)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[at + (size_t)i];
		if (!isdigit(c))
			return -1;
		x = x * 10 + (c - '0');
	}
	*v = x;
	return 0;
}

/* Seconds east of UTC for a zone-less civil time under the options. */
static int
local_offset(const struct time_opts *o, const struct tm *civil, long *off)
{
	struct tm t;
	time_t tt;

	if (o->tz_fixed) {
		*off = o->tz_offset;
		return 0;
	}
	t = *civil;
	t.tm_isdst = -1;
	errno = 0; /* -1 is also a valid time: 1969-12-31T23:59:59Z */
	tt = mktime(&t);
	if (tt == (time_t)-1 && errno == EOVERFLOW)
		return -1;
	*off = t.tm_gmtoff;
	return 0;
}

static int
finish(const struct time_opts *o, int y, int mo, int d, int h, int mi, int s,
    double frac, int has_off, long off, double *out)
{
	struct tm tm;

	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 24 ||
	    mi > 59 || s > 60 || (h == 24 && (mi || s || frac > 0)))
		return -1;
	if (!has_off) {
		memset(&tm, 0, sizeof tm);
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = s;
		if (local_offset(o, &tm, &off) < 0)
			return -1;
	}
	*out = (double)(civil_to_epoch(y, mo, d, h, mi, s) - off) + frac;
	return 0;
}

static int
parse_iso(const struct time_opts *o, const char *s, size_t len, double *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, has_off = 0;
	double frac = 0;
	long off = 0;
	size_t i = 10;

	if (digits(s, len, 0, 4, &y) < 0 || len < 10 || s[4] != '-' ||
	    digits(s, len, 5, 2, &mo) < 0 || s[7] != '-' ||
	    digits(s, len, 8, 2, &d) < 0)
		return -1;
	if (i < len) {
		if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
			return -1;
		i++;
		if (digits(s, len, i, 2, &h) < 0 || i + 2 >= len ||
		    s[i + 2] != ':' || digits(s, len, i + 3, 2, &mi) < 0)
			return -1;
		i += 5;
		if (i < len && s[i] == ':') {
			if (digits(s, len, i + 1, 2, &sec) < 0)
				return -1;
			i += 3;
			if (i < len && (s[i] == '.' || s[i] == ',')) {
				double scale = 0.1;
				size_t j = i + 1;
				while (j < len && isdigit((unsigned char)s[j])) {
					frac += (s[j] - '0') * scale;
					scale /= 10;
					j++;
				}
				if (j == i + 1)
					return -1;
				i = j;
			}
		}
		if (i < len) {
			if (parse_offset(s + i, len - i, &off) < 0)
				return -1;
			has_off = 1;
			i = len;
		}
	}
	return finish(o, y, mo, d, h, mi, sec, frac, has_off, off, out);
}

static void civil_from_days(int64_t z, int *y, int *m, int *d);

/* Does s hold a byte outside ASCII? */
static int
has_high_byte(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

/*
 * Copy s into buf (cap bytes) with the full-width digits ０-９ (U+FF10 to
 * U+FF19), colon ： (U+FF1A), slash ／ (U+FF0F), hyphen － (U+FF0D) and the
 * ideographic space 　 (U+3000) made ASCII; other bytes stay.  Returns the
 * new length, or (size_t)-1 when it does not fit.
 */
static size_t
narrow(const char *s, size_t len, char *buf, size_t cap)
{
	size_t i = 0, o = 0;

	while (i < len) {
		const unsigned char *u = (const unsigned char *)s + i;
		char c = s[i];
		size_t n = 1;

		if (len - i >= 3 && u[0] == 0xef && u[1] == 0xbc &&
		    u[2] >= 0x8d && u[2] <= 0x9a && u[2] != 0x8e) {
			/* U+FF0D..U+FF1A: '-' (0x2d) to ':' (0x3a), less '.' */
			c = (char)(u[2] - 0x8d + '-');
			n = 3;
		} else if (len - i >= 3 && u[0] == 0xe3 && u[1] == 0x80 &&
		    u[2] == 0x80) {
			c = ' ';
			n = 3;
		}
		if (o + 1 >= cap)
			return (size_t)-1;
		buf[o++] = c;
		i += n;
	}
	return o;
}

/* Read 1 or 2 (max) digits at s[*i]; 0, or -1 when there is none. */
static int
some_digits(const char *s, size_t len, size_t *i, int max, int *v)
{
	int n = 0, x = 0;

	while (*i < len && n < max && isdigit((unsigned char)s[*i])) {
		x = x * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	if (n == 0)
		return -1;
	*v = x;
	return 0;
}

/* Does s[*i..] start with the bytes of lit?  If so, step past them. */
static int
word(const char *s, size_t len, size_t *i, const char *lit)
{
	size_t n = strlen(lit);

	if (len - *i < n || memcmp(s + *i, lit, n) != 0)
		return 0;
	*i += n;
	return 1;
}

/*
 * The common Chinese forms, zone-less: a date YYYY/M/D, YYYY-M-D (one or
 * two digits for month and day) or YYYY年M月D日, alone or followed by a
 * time h:mm or h:mm:ss (one or two digits for the hour) after one or more
 * spaces (none needed after 日).
 */
static int
parse_loose(const struct time_opts *o, const char *s, size_t len,
    double *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, cjk = 0;
	size_t i = 4;
	char sep = 0;

	if (digits(s, len, 0, 4, &y) < 0 || i >= len)
		return -1;
	if (s[i] == '-' || s[i] == '/')
		sep = s[i++];
	else if (word(s, len, &i, "\xe5\xb9\xb4")) /* 年 */
		cjk = 1;
	else
		return -1;
	if (some_digits(s, len, &i, 2, &mo) < 0)
		return -1;
	if (cjk ? !word(s, len, &i, "\xe6\x9c\x88") /* 月 */ :
	    i >= len || s[i++] != sep)
		return -1;
	if (some_digits(s, len, &i, 2, &d) < 0)
		return -1;
	if (cjk && !word(s, len, &i, "\xe6\x97\xa5")) /* 日 */
		return -1;
	if (i < len) {
		size_t sp = i;

		while (i < len && s[i] == ' ')
			i++;
		if ((i == sp && !cjk) ||
		    some_digits(s, len, &i, 2, &h) < 0 ||
		    i >= len || s[i++] != ':' ||
		    digits(s, len, i, 2, &mi) < 0)
			return -1;
		i += 2;
		if (i < len) {
			if (s[i] != ':' || digits(s, len, i + 1, 2, &sec) < 0)
				return -1;
			i += 3;
		}
		if (i != len)
			return -1;
	}
	return finish(o, y, mo, d, h, mi, sec, 0.0, 0, 0, out);
}

/* Excel's serial day numbers: 1 to 2958465 (1900-01-01 to 9999-12-31). */
#define EXCEL_MAX 2958466.0

/*
 * An Excel serial day number (1900 date system): digits, and a fraction
 * that is the time of day.  Serial 1 is 1900-01-01; Excel counts a
 * 1900-02-29 that never was as serial 60, so serials from 61 on are days
 * since 1899-12-30 and serial 60 is refused.  The time of day is rounded
 * to the millisecond.  The civil time is read in the options' zone.
 */
static int
parse_excel(const struct time_opts *o, const char *s, size_t len,
    double *out)
{
	double serial = 0, scale = 0.1, frac = 0;
	int64_t day, ms;
	size_t i = 0;
	int y, m, d;

	while (i < len && isdigit((unsigned char)s[i]) && i < 8)
		serial = serial * 10 + (s[i++] - '0');
	if (i == 0)
		return -1;
	if (i < len && s[i] == '.') {
		size_t j = ++i;

		while (i < len && isdigit((unsigned char)s[i])) {
			frac += (s[i++] - '0') * scale;
			scale /= 10;
		}
		if (i == j)
			return -1;
	}
	if (i != len || serial < 1 || serial >= EXCEL_MAX)
		return -1;
	day = (int64_t)serial;
	ms = (int64_t)llround(frac * 86400000.0);
	if (ms >= 86400000) {
		day++;
		ms -= 86400000;
	}
	if (day == 60 || day >= (int64_t)EXCEL_MAX)
		return -1;
	/* 1899-12-31 is day -25568 of the Unix epoch; 1899-12-30, -25569. */
	civil_from_days(day < 60 ? day - 25568 : day - 25569, &y, &m, &d);
	return finish(o, y, m, d, (int)(ms / 3600000), (int)(ms / 60000 % 60),
	    (int)(ms / 1000 % 60), (double)(ms % 1000) / 1000.0, 0, 0, out);
}

/*
 * Seconds since the epoch, "%s": UTC whatever the zone (strptime would
 * read them in the process's zone).  An optional sign and at most 12
 * digits, within the years 0 to 9999; anything past is refused, never
 * wrapped.
 */
static int
parse_epoch(const char *s, size_t len, double *out)
{
	int64_t v = 0;
	size_t i = 0, n;
	int neg = 0;

	if (i < len && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	n = i;
	while (i < len && isdigit((unsigned char)s[i])) {
		if (i - n >= 12)
			return -1;
		v = v * 10 + (s[i++] - '0');
	}
	if (i == n || i != len)
		return -1;
	if (neg)
		v = -v;
	if (v < civil_to_epoch(0, 1, 1, 0, 0, 0) ||
	    v > civil_to_epoch(9999, 12, 31, 23, 59, 59))
		return -1;
	*out = (double)v;
	return 0;
}

/* s under one format: "excel", "%s", or a strptime(3) pattern. */
static int
parse_with(const struct time_opts *o, const char *format, const char *s,
    size_t len, double *out)
{
	char tmp[128];
	struct tm tm;
	const char *end;

	if (strcmp(format, "excel") == 0)
		return parse_excel(o, s, len, out);
	if (strcmp(format, "%s") == 0)
		return parse_epoch(s, len, out);
	if (len >= sizeof tmp)
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	memset(&tm, 0, sizeof tm);
	tm.tm_mday = 1;
	tm.tm_gmtoff = 0;
	end = strptime(tmp, format, &tm);
	if (end == NULL || *end != '\0')
		return -1;
	return finish(o, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    tm.tm_hour, tm.tm_min, tm.tm_sec, 0.0,
	    strstr(format, "%z") != NULL, tm.tm_gmtoff, out);
}

/* hh:mm:ss at s (the 8 bytes after a date and its T) in *secs: 1, or 0
 * when they are not two digits each within 23:59:59. */
static int
clock_secs(const char *s, int *secs)
{
#define DG(i) ((unsigned)(unsigned char)s[i] - '0')
	unsigned h0 = DG(0), h1 = DG(1), i0 = DG(3), i1 = DG(4);
	unsigned s0 = DG(6), s1 = DG(7);
#undef DG
	unsigned h = h0 * 10 + h1, mi = i0 * 10 + i1, sec = s0 * 10 + s1;

	if ((h0 > 9) | (h1 > 9) | (i0 > 9) | (i1 > 9) | (s0 > 9) | (s1 > 9) ||
	    s[2] != ':' || s[5] != ':' || h > 23 || mi > 59 || sec > 59)
		return 0;
	*secs = (int)(h * 3600 + mi * 60 + sec);
	return 1;
}

/* Is s (10 bytes) YYYY-MM-DD in ASCII digits? */
static int
date_digits(const char *s)
{
	static const int at[] = {0, 1, 2, 3, 5, 6, 8, 9};
	size_t i;

	if (s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < sizeof at / sizeof at[0]; i++)
		if (s[at[i]] < '0' || s[at[i]] > '9')
			return 0;
	return 1;
}

int
parse_time_memo(const struct time_opts *o, struct time_memo *m,
    const char *s, size_t len, double *out)
{
	int secs, fast = o->format == NULL && o->tz_fixed && len == 19 &&
	    (s[10] == 'T' || s[10] == ' ');

	/* The date is the one before: only the clock is read. */
	if (fast && m->valid && memcmp(s, m->date, 10) == 0 &&
	    clock_secs(s + 11, &secs)) {
		*out = (double)(m->day + secs - o->tz_offset);
		return 0;
	}
	if (parse_time(o, s, len, out) < 0)
		return -1;
	/* Keep the date when the time had the form and whole seconds: its
	 * day is the time less its clock. */
	if (fast && date_digits(s) && clock_secs(s + 11, &secs) &&
	    *out == floor(*out)) {
		memcpy(m->date, s, 10);
		m->day = (int64_t)*out + o->tz_offset - secs;
		m->valid = 1;
	}
	return 0;
}

int
parse_time(const struct time_opts *o, const char *s, size_t len, double *out)
{
	char wide[128];
	size_t i;
	int secs;

	while (len > 0 && s[len - 1] == ' ')
		len--;
	while (len > 0 && *s == ' ') {
		s++;
		len--;
	}
	if (len == 0)
		return -1;
	/* The common case first: YYYY-MM-DD hh:mm:ss (or T) in a fixed zone,
	 * the digits tested by date_digits() and clock_secs(). */
	if (o->format == NULL && o->tz_fixed && len == 19 &&
	    (s[10] == 'T' || s[10] == ' ') && date_digits(s) &&
	    clock_secs(s + 11, &secs)) {
#define DG(i) ((s[i] - '0'))
		int y = DG(0) * 1000 + DG(1) * 100 + DG(2) * 10 + DG(3);
		int mo = DG(5) * 10 + DG(6), dd = DG(8) * 10 + DG(9);
#undef DG
		if (mo >= 1 && mo <= 12 && dd >= 1 &&
		    (dd <= 28 || dd <= days_in_month(y, mo))) {
			*out = (double)(civil_to_epoch(y, mo, dd, 0, 0, 0) +
			    secs - o->tz_offset);
			return 0;
		}
	}
	/* Full-width digits, colons, spaces, slashes and hyphens (what a
	 * Chinese input method types) become ASCII first. */
	if (has_high_byte(s, len)) {
		if ((len = narrow(s, len, wide, sizeof wide)) == (size_t)-1)
			return -1;
		s = wide;
		while (len > 0 && s[len - 1] == ' ')
			len--;
		while (len > 0 && *s == ' ') {
			s++;
			len--;
		}
		if (len == 0)
			return -1;
	}
	if (o->format == NULL)
		return parse_iso(o, s, len, out) == 0 ? 0 :
		    parse_loose(o, s, len, out);
	if (o->nformats == 0)
		return parse_with(o, o->format, s, len, out);
	for (i = 0; i < o->nformats; i++)
		if (parse_with(o, o->formats[i], s, len, out) == 0)
			return 0;
	return -1;
}

/* The civil date of day number z (days since 1970-01-01), Hinnant's way. */
static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, yy;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int
time_local(const struct time_opts *o, double t, struct tm *tm, long *off)
{
	int64_t s, day, sod;
	int y, m, d;

	if (!(t > -1e15 && t < 1e15))
		return -1;
	s = (int64_t)floor(t);
	if (!o->tz_fixed) {
		time_t tt = (time_t)s;
		if ((int64_t)tt != s || localtime_r(&tt, tm) == NULL)
			return -1;
		*off = tm->tm_gmtoff;
		return 0;
	}
	*off = o->tz_offset;
	s += o->tz_offset;
	day = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
	sod = s - day * 86400;
	civil_from_days(day, &y, &m, &d);
	memset(tm, 0, sizeof *tm);
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = (int)(sod / 3600);
	tm->tm_min = (int)(sod / 60 % 60);
	tm->tm_sec = (int)(sod % 60);
	tm->tm_wday = (int)(((day % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
	tm->tm_gmtoff = o->tz_offset;
	return 0;
}

size_t
format_time(const struct time_opts *o, double t, char *buf)
{
	struct tm tm;
	long off, a;
	int n;

	if (time_local(o, t, &tm, &off) < 0 || tm.tm_year + 1900 < 0 ||
	    tm.tm_year + 1900 > 9999)
		return 0;
	a = off < 0 ? -off : off;
	n = snprintf(buf, 32, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
	/* An offset of whole minutes written in minutes would move the
	 * instant by up to 59 s: such offsets (local mean times before
	 * 1900) keep their seconds, which parse_time() reads back. */
	if (n > 0 && n < 29 && a % 60 != 0)
		n += snprintf(buf + n, 32 - (size_t)n, ":%02ld", a % 60);
	return n > 0 && n < 32 ? (size_t)n : 0;
}

int
time_fixed_offset(const struct time_opts *o, long *off)
{
	struct tm tm;
	long first = 0, x;
	int y, h;

	if (o->tz_fixed) {
		*off = o->tz_offset;
		return 0;
	}
	for (y = 2000; y <= 2037; y++)
		for (h = 0; h < 2; h++) {
			double t = (double)civil_to_epoch(y, h ? 7 : 1, 1, 0, 0,
			    0);
			if (time_local(o, t, &tm, &x) < 0)
				return -1;
			if (y == 2000 && h == 0)
				first = x;
			else if (x != first)
				return -1;
		}
	*off = first;
	return 0;
}

const char *const period_names[] = {"day", "week", "month", "year", NULL};

int32_t
period_code(const struct time_opts *o, enum period p, double t)
{
	struct tm tm;
	long off;
	int y, m, d;

	/* Without periods every time, known or not, is in the one period. */
	if (p == PERIOD_NONE)
		return 0;
	if (isnan(t) || time_local(o, t, &tm, &off) < 0)
		return INT32_MIN;
	y = tm.tm_year + 1900;
	m = tm.tm_mon + 1;
	d = tm.tm_mday;
	/* The codes and labels hold four-digit years. */
	if (y < 0 || y > 9999)
		return INT32_MIN;
	switch (p) {
	case PERIOD_NONE:
		return 0;
	case PERIOD_DAY:
		return (int32_t)(y * 10000 + m * 100 + d);
	case PERIOD_WEEK: {
		/* ISO 8601: the week's Thursday decides the year */
		int wd = tm.tm_wday == 0 ? 7 : tm.tm_wday;
		int64_t day = civil_to_epoch(y, m, d, 0, 0, 0) / 86400;
		int64_t thu = day + 4 - wd;
		int64_t jan1;
		int ty, tm2, td;

		civil_from_days(thu, &ty, &tm2, &td);
		jan1 = civil_to_epoch(ty, 1, 1, 0, 0, 0) / 86400;
		return (int32_t)(ty * 100 + (int)((thu - jan1) / 7) + 1);
	}
	case PERIOD_MONTH:
		return (int32_t)(y * 100 + m);
	case PERIOD_YEAR:
		return (int32_t)y;
	}
	return 0;
}

size_t
period_label(enum period p, int32_t code, char *buf)
{
	int n = 0;

	if (code == INT32_MIN)
		return 0;
	switch (p) {
	case PERIOD_NONE:
		return 0;
	case PERIOD_DAY:
		n = snprintf(buf, 32, "%04d-%02d-%02d", code / 10000,
		    code / 100 % 100, code % 100);
		break;
	case PERIOD_WEEK:
		n = snprintf(buf, 32, "%04d-W%02d", code / 100, code % 100);
		break;
	case PERIOD_MONTH:
		n = snprintf(buf, 32, "%04d-%02d", code / 100, code % 100);
		break;
	case PERIOD_YEAR:
		n = snprintf(buf, 32, "%04d", code);
		break;
	}
	return n > 0 && n < 32 ? (size_t)n : 0;
}
