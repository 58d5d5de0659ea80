#include "core/num.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

/*
 * Clinger's fast path: a plain decimal whose digits make an integer below
 * 2^53 and that has at most 22 digits after the point is that integer
 * divided by a power of ten, both exact doubles, so one correctly rounded
 * division gives exactly what strtod gives.  Returns 0 for anything else.
 */
static int
fast_decimal(const char *s, size_t len, double *out)
{
	static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
	    1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
	    1e19, 1e20, 1e21, 1e22};
	uint64_t m = 0;
	size_t i = 0;
	int neg = 0, digits = 0, frac = -1;

	if (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-';
		i = 1;
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= '0' && c <= '9') {
			if (m > (UINT64_C(1) << 53) / 10)
				return 0;
			m = m * 10 + (c - '0');
			digits++;
			if (frac >= 0)
				frac++;
		} else if (c == '.' && frac < 0) {
			frac = 0;
		} else {
			return 0;
		}
	}
	if (digits == 0 || m > (UINT64_C(1) << 53) || frac > 22)
		return 0;
	*out = frac > 0 ? (double)m / pow10[frac] : (double)m;
	if (neg)
		*out = -*out;
	return 1;
}

enum num_status
parse_num(const char *s, size_t len, double *out)
{
	char tmp[128], *end;
	const char *p;
	double v;
	int neg = 0;
	size_t i;

	trim_blanks(&s, &len);
	if (len == 0)
		return NUM_EMPTY;
	if (fast_decimal(s, len, out))
		return NUM_OK;
	if (word_is(s, len, "NA") || word_is(s, len, "N/A") ||
	    word_is(s, len, "NULL"))
		return NUM_NA;
	p = s;
	i = len;
	if (*p == '+' || *p == '-') {
		neg = *p == '-';
		p++;
		i--;
	}
	if (word_is(p, i, "nan")) {
		*out = NAN;
		return NUM_NAN;
	}
	if (word_is(p, i, "inf") || word_is(p, i, "infinity")) {
		*out = neg ? -INFINITY : INFINITY;
		return NUM_INF;
	}
	if (len >= sizeof tmp)
		return NUM_BAD;
	/* Only what a decimal number can hold: no hex, no inner blanks. */
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(isdigit(c) || c == '.' || c == 'e' || c == 'E' ||
		    c == '+' || c == '-'))
			return NUM_BAD;
	}
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	errno = 0;
	v = strtod(tmp, &end);
	if (end != tmp + len || end == tmp)
		return NUM_BAD;
	if (errno == ERANGE && fabs(v) > 1.0)
		return NUM_BAD;
	*out = v;
	return NUM_OK;
}

const char *
num_status_text(enum num_status st)
{
	switch (st) {
	case NUM_OK:
		return "is a number";
	case NUM_EMPTY:
		return "is empty";
	case NUM_NA:
		return "is NA";
	case NUM_NAN:
		return "is not a number (nan)";
	case NUM_INF:
		return "is infinite";
	case NUM_BAD:
		break;
	}
	return "is not a number";
}


size_t
fmt_shortest(char *buf, size_t cap, double x)
{
	int p, n = 0;

	/*
	 * %g drops trailing zeros, so 15 digits already give the shortest
	 * text whenever one of 15 digits or fewer reads back; 17 always do.
	 */
	for (p = 15; p <= 17; p++) {
		n = snprintf(buf, cap, "%.*g", p, x);
		if (n > 0 && (size_t)n < cap && strtod(buf, NULL) == x)
			break;
	}
	return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

size_t
fmt_num(char *buf, double x, int decimals, int trim)
{
	size_t n;
	int w;

	if (isnan(x)) {
		buf[0] = '\0';
		return 0;
	}
	if (x == 0)
		x = 0; /* -0 is written as 0 */
	if (decimals < 0)
		return fmt_shortest(buf, NUM_BUF, x);
	if (decimals > 17)
		decimals = 17;
	w = snprintf(buf, NUM_BUF, "%.*f", decimals, x);
	if (w <= 0 || w >= NUM_BUF) {
		buf[0] = '\0';
		return 0;
	}
	n = (size_t)w;
	/* A small negative shown as "-0.000" is 0. */
	if (buf[0] == '-' && strspn(buf + 1, "0.") == n - 1) {
		memmove(buf, buf + 1, n);
		n--;
	}
	if (trim && memchr(buf, '.', n) != NULL) {
		while (buf[n - 1] == '0')
			n--;
		if (buf[n - 1] == '.')
			n--;
		buf[n] = '\0';
	}
	return n;
}
