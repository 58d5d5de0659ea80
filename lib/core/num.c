/*
 * num.c - numbers in and out of CSV fields (num.h).
 *
 * In: Clinger's fast path for plain decimals, strtod for the rest.
 * Out: fmt_shortest's text is that of "%.15g", "%.16g" or "%.17g",
 * whichever first reads back; it is computed by a Grisu-style fixed-point
 * method with 128-bit powers of ten and an exact fallback (Loitsch, PLDI
 * 2010; the powers and the exactness tests as in Adams's Ryu, PLDI 2018),
 * described above fmt_shortest_fast's helpers below.
 */
#include "core/num.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/testhooks.h"
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

/*
 * fmt_shortest() as it always was, and still is where the fast path below
 * cannot decide: "%.15g" if that text reads back (strtod) as exactly x,
 * else "%.16g" if that does, else "%.17g".  %g drops trailing zeros, so
 * 15 digits already give the shortest text whenever one of 15 digits or
 * fewer reads back; 17 always do.  Its output is the contract that the
 * golden files hold, and the unit tests compare the fast path with it.
 */
size_t
fmt_shortest_printf(char *buf, size_t cap, double x)
{
	int p, n = 0;

	for (p = 15; p <= 17; p++) {
		n = snprintf(buf, cap, "%.*g", p, x);
		if (n > 0 && (size_t)n < cap && strtod(buf, NULL) == x)
			break;
	}
	return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

#if defined(__SIZEOF_INT128__)

/*
 * The fast path of fmt_shortest: the same three candidates and the same
 * round-trip tests as fmt_shortest_printf, computed in integer arithmetic
 * instead of by printf and strtod.
 *
 * The algorithm is Grisu's (Florian Loitsch, "Printing Floating-Point
 * Numbers Quickly and Accurately with Integers", PLDI 2010): scale x by
 * a cached power of ten in fixed point with a known error bound, decide
 * everything that the bound decides, and hand the rare rest to an exact
 * method (Grisu3's fallback; here fmt_shortest_printf).  The cached
 * powers have 128 bits and the exact cases (x, or a bound of its rounding
 * interval, a whole number at the scale chosen) are recognised by
 * divisibility by powers of 2 and 5, both as in Ryu (Ulf Adams, "Ryu:
 * Fast Float-to-String Conversion", PLDI 2018), so the error bound leaves
 * only a few units in 2^-64 undecided and the fallback is, in practice,
 * never taken (the soak in tests/unit/core/test_num.c counts it).
 *
 * Why not Ryu's or Schubfach's shortest digits as they are: the old text
 * is not always the shortest.  A subnormal reads back from its 15-digit
 * rounding too (4.94065645841247e-324, where the shortest is 5e-324),
 * and at a power of two, whose rounding interval is narrower below than
 * above, the closest 16-digit decimal can fall outside while another one
 * inside would do (46 powers of two: 2^-1017 is 7.1202363472230444e-307,
 * though 7.120236347223045e-307 reads back too).  So this computes what
 * the old function computed.
 *
 * In outline, for a finite non-zero x = m * 2^e (m the 53-bit significand,
 * fewer bits for a subnormal):
 *   1. k = floor(log10 |x|) - 17 or one less, so S = |x| / 10^k has 18 or
 *      19 digits before its point;
 *   2. S, and the half-distances H (up) and HL (down) to the neighbouring
 *      doubles, in 64.64 fixed point from m * 10^-k (num_pow10.h);
 *   3. for P = 15, 16, 17: N = S rounded to P digits, half to even as
 *      glibc's printf rounds, from floor(S) and whether S is whole;
 *      C = N * 10^(digits of S - P) reads back as x if S - HL <= C <=
 *      S + H (the bounds themselves only when m is even: strtod rounds a
 *      tie to the even significand); 17 digits always do;
 *   4. the digits written as %.Pg would write them.
 */

__extension__ typedef unsigned __int128 u128;

#include "core/num_pow10.h"

/* 10^0 to 10^19, every power of ten a uint64_t holds. */
static const uint64_t pow10_u64[20] = {
	UINT64_C(1), UINT64_C(10), UINT64_C(100), UINT64_C(1000),
	UINT64_C(10000), UINT64_C(100000), UINT64_C(1000000),
	UINT64_C(10000000), UINT64_C(100000000), UINT64_C(1000000000),
	UINT64_C(10000000000), UINT64_C(100000000000),
	UINT64_C(1000000000000), UINT64_C(10000000000000),
	UINT64_C(100000000000000), UINT64_C(1000000000000000),
	UINT64_C(10000000000000000), UINT64_C(100000000000000000),
	UINT64_C(1000000000000000000), UINT64_C(10000000000000000000)};

/* 5^0 to 5^23: the numbers tested below are under 2^55 < 5^24. */
static const uint64_t pow5_u64[24] = {
	UINT64_C(1), UINT64_C(5), UINT64_C(25), UINT64_C(125), UINT64_C(625),
	UINT64_C(3125), UINT64_C(15625), UINT64_C(78125), UINT64_C(390625),
	UINT64_C(1953125), UINT64_C(9765625), UINT64_C(48828125),
	UINT64_C(244140625), UINT64_C(1220703125), UINT64_C(6103515625),
	UINT64_C(30517578125), UINT64_C(152587890625),
	UINT64_C(762939453125), UINT64_C(3814697265625),
	UINT64_C(19073486328125), UINT64_C(95367431640625),
	UINT64_C(476837158203125), UINT64_C(2384185791015625),
	UINT64_C(11920928955078125)};

/*
 * v / 10^r for r from 1 to 4, the digits step 3 drops: a division by a
 * constant, which compilers turn into a multiplication, where a divisor
 * from a table would cost a hardware division.
 */
static uint64_t
div_pow10(uint64_t v, int r)
{
	switch (r) {
	case 1:
		return v / 10;
	case 2:
		return v / 100;
	case 3:
		return v / 1000;
	default:
		return v / 10000;
	}
}

/*
 * floor(e * log10 2) for the binary exponents of doubles (-1074 to 1023),
 * without floating point: 78913 / 2^18 is log10 2 to within 3e-8, close
 * enough for every such e (scripts/gen_pow10.py checks them all), and the
 * negative branch rounds down as the positive one does.
 */
static int
floor_log10_pow2(int e)
{
	return e >= 0 ? (e * 78913) >> 18 : -((-e * 78913 + (1 << 18) - 1) >> 18);
}

/*
 * Whether v * 2^e2 / 10^k, that is v * 2^(e2 - k) / 5^k, is a whole
 * number (v > 0 and under 2^55): the one question about an exact value
 * that the fixed-point approximation cannot answer by itself.
 */
static int
scaled_is_whole(uint64_t v, int e2, int k)
{
	int twos = e2 - k;

	if (twos < 0 &&
	    (twos <= -64 || (v & ((UINT64_C(1) << -twos) - 1)) != 0))
		return 0;
	if (k > 0 && (k > 23 || v % pow5_u64[k] != 0))
		return 0;
	return 1;
}

/* The digits fmt_shortest writes, before they are laid out. */
struct g_digits {
	uint64_t c;	/* the significant digits: p of them, zeros included */
	int p;		/* the precision they were rounded to: 15, 16 or 17 */
	int x;		/* the decimal exponent of the first digit */
};

/*
 * Step 3's round-trip test of the candidate c (a whole number at the
 * scale of S): 1 if c reads back as x = m * 2^e, 0 if not, -1 if the
 * error bounds cannot tell.  up = s + h and down = s - hl are step 2's
 * approximations of the bounds S + H and S - HL in 64.64 fixed point;
 * the true S + H lies in [up, up + 5) units of 2^-64 and the true S - HL
 * in (down - 2, down + 3), so only a c inside those windows needs the
 * exact value of the bound: a bound that is a whole number there is c
 * itself, included when m is even; a fractional one that close to c is
 * left to the fallback.
 */
static int
reads_back(uint64_t c, u128 up, u128 down, uint64_t m, int e, int k, int asym)
{
	u128 cf = (u128)c << 64;
	int even = (m & 1) == 0;

	if (cf >= up) {
		if (cf - up >= 5)
			return 0;
		if (!scaled_is_whole(2 * m + 1, e - 1, k))
			return -1;
		if (!even)
			return 0;
	}
	if (cf < down + 3) {
		if (cf + 2 <= down)
			return 0;
		if (!(asym ? scaled_is_whole(4 * m - 1, e - 2, k) :
		    scaled_is_whole(2 * m - 1, e - 1, k)))
			return -1;
		if (!even)
			return 0;
	}
	return 1;
}

/*
 * Steps 1 to 3 for a finite x other than zero: fills d and returns 1, or
 * returns 0 where the error bounds cannot decide (fmt_shortest then asks
 * printf).
 */
static int
g_digits_of(double x, struct g_digits *d)
{
	uint64_t bits, frac, m, t_hi, t_lo, s_int, s_frac;
	u128 t, s, up, down;
	int eb, e, b, k, sh, ndig, p, exact = 0, asym;

	memcpy(&bits, &x, sizeof bits);
	frac = bits & ((UINT64_C(1) << 52) - 1);
	eb = (int)(bits >> 52) & 0x7ff;
	if (eb == 0) {
		m = frac;
		e = -1074;
	} else {
		m = frac | UINT64_C(1) << 52;
		e = eb - 1075;
	}
	/* Step 1: b significant bits, so 2^(e + b - 1) <= |x| < 2^(e + b). */
	for (b = 53; (m >> (b - 1)) == 0; b--)
		;
	k = floor_log10_pow2(e + b - 1) - 17;

	/*
	 * Step 2: S * 2^64 = m * 2^e * 10^-k * 2^64 = m * T * 2^-sh, T =
	 * 10^-k * 2^t from the table.  With T >= 2^127, S < 10^19 and
	 * m < 2^b, sh lies between 0 and 60.  T is at most one unit low and
	 * the shift drops less than one, so the true S * 2^64 is in
	 * [s, s + 3); H * 2^64 = T * 2^-(sh + 1) in [h, h + 2), likewise HL.
	 */
	t_hi = pow10_tab[k - POW10_KMIN][0];
	t_lo = pow10_tab[k - POW10_KMIN][1];
	t = (u128)t_hi << 64 | t_lo;
	sh = pow10_bexp[k - POW10_KMIN] - e - 64;
	s = ((u128)m * t_hi << (64 - sh)) + ((u128)m * t_lo >> sh);
	asym = frac == 0 && eb > 1; /* the double below is nearer */
	up = s + (t >> (sh + 1));
	down = s - (t >> (sh + (asym ? 2 : 1)));

	/*
	 * floor(S) and whether S is whole.  A whole S gives s = S, or S less
	 * one or two units; a fraction that near a whole number is left to
	 * the fallback.
	 */
	s_int = (uint64_t)(s >> 64);
	s_frac = (uint64_t)s;
	if (s_frac == 0) {
		exact = scaled_is_whole(m, e, k);
	} else if (s_frac >= UINT64_MAX - 1) {
		if (!scaled_is_whole(m, e, k))
			return 0;
		s_int++;
		exact = 1;
	}
	if (s_int < pow10_u64[17] || s_int >= pow10_u64[19])
		return 0; /* cannot happen: step 1 chose k for this */
	ndig = s_int >= pow10_u64[18] ? 19 : 18;

	/* Step 3. */
	for (p = 15; p <= 17; p++) {
		uint64_t unit = pow10_u64[ndig - p], n = div_pow10(s_int, ndig - p);
		uint64_t rest = s_int - n * unit, half = unit / 2;
		int ok, x10 = ndig - 1 + k;

		if (rest > half || (rest == half && (!exact || (n & 1))))
			n++;
		if (p < 17) {
			ok = reads_back(n * unit, up, down, m, e, k, asym);
			if (ok < 0)
				return 0;
			if (!ok)
				continue;
		}
		if (n == pow10_u64[p]) { /* 99...9 rounded up to 100...0 */
			n = pow10_u64[p - 1];
			x10++;
		}
		d->c = n;
		d->p = p;
		d->x = x10;
		return 1;
	}
	return 0; /* not reached: 17 digits always do */
}

/* Writes v, below 10^n, as exactly n decimal digits at p (n up to 9). */
static void
put_digits(char *p, int n, uint32_t v)
{
	static const char pairs[201] =
	    "00010203040506070809101112131415161718192021222324252627282930"
	    "31323334353637383940414243444546474849505152535455565758596061"
	    "62636465666768697071727374757677787980818283848586878889909192"
	    "93949596979899";

	for (; n >= 2; n -= 2) {
		memcpy(p + n - 2, pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (n == 1)
		p[0] = (char)('0' + v);
}

/*
 * Step 4: writes the digits into out (32 bytes) as printf's "%.Pg" does
 * and returns the length: exponent notation when the exponent X is below
 * -4 or not below P, with a sign and at least two digits ("1e+16",
 * "2.5e-05"), else fixed notation; no trailing zeros after a point, no
 * point without digits after it.
 */
static size_t
g_layout(char *out, int neg, const struct g_digits *d)
{
	char dig[20];
	int i, n = d->p, x10 = d->x;
	size_t o = 0;

	/* The p digits (the last 8 apart from the others, so that the two
	 * chains of divisions overlap), then without the trailing zeros (the
	 * first digit is not zero). */
	put_digits(dig + n - 8, 8, (uint32_t)(d->c % 100000000));
	put_digits(dig, n - 8, (uint32_t)(d->c / 100000000));
	while (dig[n - 1] == '0')
		n--;
	if (neg)
		out[o++] = '-';
	if (x10 < -4 || x10 >= d->p) {
		out[o++] = dig[0];
		if (n > 1) {
			out[o++] = '.';
			memcpy(out + o, dig + 1, (size_t)n - 1);
			o += (size_t)n - 1;
		}
		out[o++] = 'e';
		out[o++] = x10 < 0 ? '-' : '+';
		if (x10 < 0)
			x10 = -x10;
		if (x10 >= 100) {
			out[o++] = (char)('0' + x10 / 100);
			x10 %= 100;
		}
		out[o++] = (char)('0' + x10 / 10);
		out[o++] = (char)('0' + x10 % 10);
	} else if (x10 < 0) {
		out[o++] = '0';
		out[o++] = '.';
		for (i = -1; i > x10; i--)
			out[o++] = '0';
		memcpy(out + o, dig, (size_t)n);
		o += (size_t)n;
	} else if (n <= x10 + 1) {
		memcpy(out + o, dig, (size_t)n);
		o += (size_t)n;
		for (i = n; i <= x10; i++)
			out[o++] = '0';
	} else {
		memcpy(out + o, dig, (size_t)x10 + 1);
		o += (size_t)x10 + 1;
		out[o++] = '.';
		memcpy(out + o, dig + x10 + 1, (size_t)(n - x10 - 1));
		o += (size_t)(n - x10 - 1);
	}
	out[o] = '\0';
	return o;
}

/*
 * fmt_shortest without its fallback (a test hook): the text for a finite
 * x, or 0 where it leaves x to fmt_shortest_printf (infinities, NaN, the
 * undecided) or the text does not fit.  The text has at most 24 bytes
 * ("-2.2250738585072014e-308"), so with a cap of 32 or more it is written
 * straight into buf, with less through a buffer of our own.
 */
size_t
fmt_shortest_fast(char *buf, size_t cap, double x)
{
	char tmp[32], *out = cap >= sizeof tmp ? buf : tmp;
	struct g_digits d;
	size_t n;

	if (!isfinite(x))
		return 0;
	if (x == 0) {
		n = signbit(x) ? 2 : 1;
		memcpy(out, signbit(x) ? "-0" : "0", n + 1);
	} else {
		if (!g_digits_of(x, &d))
			return 0;
		n = g_layout(out, signbit(x) != 0, &d);
	}
	if (out == buf)
		return n;
	if (n >= cap) {
		if (cap > 0)
			buf[0] = '\0';
		return 0;
	}
	memcpy(buf, out, n + 1);
	return n;
}

#else /* no 128-bit integers: every number goes the old way */

size_t
fmt_shortest_fast(char *buf, size_t cap, double x)
{
	(void)x;
	if (cap > 0)
		buf[0] = '\0';
	return 0;
}

#endif

/*
 * Write the shortest "%.*g" text that reads back as x (num.h), the way
 * fmt_shortest_printf always has, but by the fast path when it can
 * decide, which is every finite number in practice.
 */
size_t
fmt_shortest(char *buf, size_t cap, double x)
{
	size_t n = fmt_shortest_fast(buf, cap, x);

	return n > 0 ? n : fmt_shortest_printf(buf, cap, x);
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
