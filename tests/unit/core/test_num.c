/*
 * core/num: every status of parse_num with the exact value, the status
 * texts, the fast path against strtod on random decimals, and the one
 * number format (fmt_num, csvw_num): shortest round trip, fixed decimals,
 * trimmed decimals, NaN as nothing and no negative zero; and fmt_shortest
 * byte for byte against the printf method it replaced (fmt_shortest_printf,
 * core/testhooks.h) on every power of two and of ten, their neighbours, and
 * random numbers of many kinds.
 *
 * The random part is a soak on demand: NUM_SOAK=N ./build/unit compares
 * about N random numbers instead of the default 810,000 (beside 29,000
 * edges: about two seconds in the AddressSanitizer build, where the
 * printf method, 0.6 to 1.5 us a number, is the slow side), and
 * NUM_SEED=S draws another sequence, so that several soaks can run side
 * by side.  A soak prints its counts as a "# fmt_shortest" line.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/num.h"
#include "core/testhooks.h"
#include "../t.h"

void suite_num(void);

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

/*
 * The fast path (Clinger's) against strtod on random decimals: the same
 * bits every time.
 */
static void
fast_path(void)
{
	char buf[64];
	long i, bad = 0;

	t_seed(0x9e3779b97f4a7c15ULL);

	for (i = 0; i < 400000; i++) {
		int digits = 1 + (int)(t_rand() % 19), point = (int)(t_rand() % 24);
		int k, o = 0, has_point = 0;
		double got = 0, want;
		enum num_status st;

		if (t_rand() % 3 == 0)
			buf[o++] = '-';
		for (k = 0; k < digits; k++) {
			if (k == digits - point % (digits + 1) && k > 0) {
				buf[o++] = '.';
				has_point = 1;
			}
			buf[o++] = (char)('0' + t_rand() % 10);
		}
		if (!has_point && t_rand() % 7 == 0)
			buf[o++] = '.';
		buf[o] = '\0';
		st = parse_num(buf, (size_t)o, &got);
		want = strtod(buf, NULL);
		if (st != NUM_OK || memcmp(&got, &want, sizeof got) != 0) {
			if (bad++ < 5)
				printf("# parse_num(\"%s\") = %.17g, strtod %.17g\n",
				    buf, got, want);
		}
	}
	CHECK_INT(bad, 0);
	CHECK_INT(parse_num("1.2.", 4, &(double){0}), NUM_BAD);
	CHECK_INT(parse_num("-", 1, &(double){0}), NUM_BAD);
	CHECK_INT(parse_num("+.", 2, &(double){0}), NUM_BAD);
	/* Edges of the fast path. */
	{
		const char *cases[] = {"9007199254740993", "9007199254740992",
		    "0.1", "-0", "1.", ".5", "123456789012345678901234",
		    "0.0000000000000000000000001", "4.9e-324", "1e22", "1e23",
		    "-74.00748519439084", "40.74821053178345"};
		size_t c;
		for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
			double got = 0, want = strtod(cases[c], NULL);
			CHECK_INT(parse_num(cases[c], strlen(cases[c]), &got),
			    NUM_OK);
			CHECK(memcmp(&got, &want, sizeof got) == 0);
		}
	}
}

/* fmt_num(x, decimals, trim) must give exactly want. */
static void
fmt_at(int at, double x, int decimals, int trim, const char *want)
{
	char b[NUM_BUF];
	size_t n = fmt_num(b, x, decimals, trim);

	t_report(n == strlen(want) && memcmp(b, want, n) == 0, __FILE__, at,
	    "fmt_num(%.17g, %d, %d) = \"%.*s\", want \"%s\"", x, decimals,
	    trim, (int)n, b, want);
}
#define FMT(x, d, t, w) fmt_at(__LINE__, (x), (d), (t), (w))

static void
number_format(void)
{
	char b[NUM_BUF];
	double back;

	/* Shortest round trip. */
	FMT(0.1, NUM_SHORTEST, 0, "0.1");
	FMT(1.0 / 3, NUM_SHORTEST, 0, "0.3333333333333333");
	FMT(0.30000000000000004, NUM_SHORTEST, 0, "0.30000000000000004");
	FMT(1e300, NUM_SHORTEST, 0, "1e+300");
	FMT(-2.5, NUM_SHORTEST, 0, "-2.5");
	FMT(100, NUM_SHORTEST, 0, "100");
	/* No negative zero, at any precision; NaN is nothing. */
	FMT(-0.0, NUM_SHORTEST, 0, "0");
	FMT(-0.0, 3, 0, "0.000");
	FMT(-0.0004, 3, 0, "0.000");
	FMT(-0.0005001, 3, 0, "-0.001");
	FMT(-0.0000001, 6, 1, "0");
	FMT(NAN, NUM_SHORTEST, 0, "");
	FMT(NAN, 6, 1, "");
	/* Fixed decimals, trimmed or not (caseflow's hours: 6, trimmed). */
	FMT(2.5, 6, 1, "2.5");
	FMT(3, 6, 1, "3");
	FMT(100, 6, 1, "100");
	FMT(7.0 / 3600, 6, 1, "0.001944");
	FMT(2.5, 6, 0, "2.500000");
	FMT(1234.5, 0, 0, "1234");   /* %.0f rounds half to even */
	FMT(1235.5, 0, 0, "1236");
	FMT(42, 0, 0, "42");
	/* Every digit of the largest double with 17 decimals fits: a
	 * sign, 309 digits, the point and 17 decimals. */
	CHECK_INT(fmt_num(b, -1.7976931348623157e308, 17, 0), 328);
	CHECK_INT(fmt_num(b, 1, 40, 0), 19);     /* taken as 17 */
	/* Shortest texts read back exactly, over many magnitudes. */
	{
		long i, bad = 0;
		t_seed(7);
		for (i = 0; i < 100000; i++) {
			uint64_t bits = t_rand();
			double x;
			memcpy(&x, &bits, sizeof x);
			if (!isfinite(x))
				continue;
			fmt_num(b, x, NUM_SHORTEST, 0);
			back = strtod(b, NULL);
			if (back != x && !(x == 0 && back == 0))
				bad++;
		}
		CHECK_INT(bad, 0);
	}
}

/* What the comparison with the printf method has seen so far. */
static struct {
	long count;	/* numbers compared */
	long differ;	/* texts or lengths not the same */
	long undecided;	/* finite numbers the fast path left to printf */
	size_t longest;	/* the longest text */
} cmp;

/*
 * fmt_shortest(x) against fmt_shortest_printf(x): the same length and the
 * same bytes; the first few differences are printed with x in hex.
 */
static void
same_as_printf(double x)
{
	char got[32], want[64], fast[32];
	size_t n = fmt_shortest(got, sizeof got, x);
	size_t w = fmt_shortest_printf(want, sizeof want, x);

	cmp.count++;
	if (n != w || memcmp(got, want, w + 1) != 0) {
		if (cmp.differ++ < 5)
			printf("# fmt_shortest(%a) = \"%s\", printf \"%s\"\n", x,
			    got, want);
	}
	if (isfinite(x) && fmt_shortest_fast(fast, sizeof fast, x) == 0)
		cmp.undecided++;
	if (n > cmp.longest)
		cmp.longest = n;
}

/* x and the k doubles on either side of it (up to the infinities). */
static void
same_around(double x, int k)
{
	double lo = x, hi = x;
	int i;

	same_as_printf(x);
	for (i = 0; i < k; i++) {
		lo = nextafter(lo, -INFINITY);
		hi = nextafter(hi, INFINITY);
		same_as_printf(lo);
		same_as_printf(hi);
	}
}

/* The double with the bits b. */
static double
from_bits(uint64_t b)
{
	double x;

	memcpy(&x, &b, sizeof x);
	return x;
}

/*
 * The numbers the fast path could get wrong in a way a random draw would
 * rarely show: every power of two (each binary exponent, the subnormals'
 * bit lengths, the narrower interval below a power of two), every power of
 * ten and the ends of the range, with their neighbours and both signs,
 * and a few that printf rounds on a tie or carries into a new digit.
 */
static void
shortest_edges(void)
{
	static const double some[] = {0.0, 1.0, 0.1, 0.2, 0.3, 0.1 + 0.2,
	    1.0 / 3, 2.0 / 3, 0.30000000000000004, 600000000000000.25,
	    600000000000000.75, 1000000000000000.5, 999999999999999.5,
	    999999999999999.9, 9999999999999998.0, 9007199254740992.0,
	    9007199254740993.0, 123456789012345680.0, 99999999999999999.0,
	    1e15, 1e16, 1e17, 1e21, 1e22, 1e23, 1e-4, 1e-5, 0.00009999999999999999,
	    0.000099999999999999995, 1.7976931348623157e308, DBL_MAX, DBL_MIN,
	    DBL_TRUE_MIN, DBL_EPSILON, 4.35, 116.397128, 39.916527, -73.9857,
	    40.74821053178345, 2.5e-5, 0.0001234, 1234567890123456.7,
	    12345678901234567.0, 5e-324, 1e-323, 2.2250738585072009e-308,
	    2.2250738585072014e-308, 1.5e300, 2.0 / 3e300};
	char b[64];
	size_t i;
	int e;

	for (e = -1074; e <= 1023; e++) {
		same_around(ldexp(1, e), 2);
		same_around(-ldexp(1, e), 1);
		/* a subnormal with all its e + 1075 bits set */
		if (e < -1022)
			same_as_printf(from_bits((UINT64_C(1) << (e + 1075)) - 1));
	}
	for (e = -324; e <= 308; e++) {
		snprintf(b, sizeof b, "1e%d", e);
		same_around(strtod(b, NULL), 3);
		snprintf(b, sizeof b, "-9.999999999999999e%d", e);
		same_around(strtod(b, NULL), 1);
	}
	for (i = 0; i < sizeof some / sizeof some[0]; i++) {
		same_around(some[i], 40);
		same_around(-some[i], 1);
	}
	same_as_printf(-0.0);
	same_as_printf(INFINITY);
	same_as_printf(-INFINITY);
	same_as_printf(NAN);
	same_as_printf(-NAN);
	same_as_printf(from_bits(UINT64_C(0x7ff0000000000001)));
	same_as_printf(from_bits(UINT64_C(0xfff8000000000123)));
}

/*
 * Random numbers, nine kinds a round: any 64-bit pattern (NaN and the
 * infinities included), a uniform draw in [0,1), a mean k/n of whole
 * numbers, a whole number of any bit length (beyond 2^53 too), a decimal
 * of 1 to 17 digits read by strtod (the shortest texts of every length,
 * 15, 16 and 17 digits among them), a double up to 64 steps from a power
 * of ten or a notation boundary, a significand times a small power of two
 * (the exact cases, and ties such as 600000000000000.25), a subnormal, and
 * a sum of two short decimals (0.1 + 0.2).
 */
static void
shortest_random(long rounds)
{
	static const double near[] = {1e15, 1e16, 1e17, 1e-5, 1e-4, 1e22,
	    1e23, 9007199254740992.0, 0.1, 0.5, 1.0, 1e300, 1e-300};
	char b[64];
	long i;

	for (i = 0; i < rounds; i++) {
		uint64_t r = t_rand(), d;
		int digits = 1 + (int)(t_rand() % 17), sh;
		double x;

		same_as_printf(from_bits(r));
		same_as_printf((double)(t_rand() >> 11) * 0x1p-53);
		same_as_printf((double)(t_rand() % 1000000) /
		    (double)(1 + t_rand() % 1000));
		same_as_printf((double)(t_rand() >> (t_rand() % 64)));

		d = t_rand() % UINT64_C(100000000000000000);
		d /= (uint64_t)pow(10, 17 - digits);
		snprintf(b, sizeof b, "%llue%d", (unsigned long long)d,
		    (int)(t_rand() % 80) - 40);
		same_as_printf(strtod(b, NULL));

		if (t_rand() % 2) {
			snprintf(b, sizeof b, "1e%d",
			    (int)(t_rand() % 632) - 323);
			x = strtod(b, NULL);
		} else {
			x = near[t_rand() % (sizeof near / sizeof near[0])];
		}
		memcpy(&d, &x, sizeof d);
		sh = (int)(t_rand() % 129) - 64;
		same_as_printf(from_bits(d + (uint64_t)(int64_t)sh));

		same_as_printf(ldexp((double)(t_rand() >> (11 + t_rand() % 53)),
		    (int)(t_rand() % 129) - 64));
		same_as_printf(from_bits(t_rand() &
		    UINT64_C(0x800fffffffffffff)));
		same_as_printf((double)(t_rand() % 1000) / 10 +
		    (double)(t_rand() % 1000) / 100);
	}
}

/*
 * fmt_shortest's contract: with cap bytes (32 is always enough, and no
 * text is longer than 24) the text and its length, or 0 when the text
 * and its NUL do not fit, like the printf method.
 */
static void
shortest_cap(void)
{
	static const double xs[] = {0.0, -0.0, 1.0, -2.5, 0.1 + 0.2, 1e300,
	    -2.2250738585072014e-308, -0.00012345678901234567,
	    -12345678901234568.0, DBL_TRUE_MIN, INFINITY};
	char full[64], b[64], p[64];
	size_t i, cap, n, len;

	for (i = 0; i < sizeof xs / sizeof xs[0]; i++) {
		len = fmt_shortest(full, sizeof full, xs[i]);
		for (cap = 1; cap <= 40; cap++) {
			n = fmt_shortest(b, cap, xs[i]);
			CHECK_INT(n, len < cap ? len : 0);
			CHECK_INT(fmt_shortest_printf(p, cap, xs[i]), n);
			if (n > 0)
				CHECK_STR(b, full);
		}
	}
	CHECK_INT(fmt_shortest(b, 32, -2.2250738585072014e-308), 24);
	CHECK_INT(fmt_shortest(b, 32, -0.00012345678901234567), 23);
}

/*
 * fmt_shortest byte for byte against the printf method: the edges, then
 * the random kinds (NUM_SOAK and NUM_SEED in the file comment).
 */
static void
shortest_vs_printf(void)
{
	const char *soak = getenv("NUM_SOAK"), *seed = getenv("NUM_SEED");
	long rounds = soak ? atol(soak) / 9 : 90000;
	uint64_t s = seed ? strtoull(seed, NULL, 0) : 0x2545f4914f6cdd1dULL;

	memset(&cmp, 0, sizeof cmp);
	shortest_edges();
	t_seed(s);
	shortest_random(rounds);
	if (soak)
		printf("# fmt_shortest: %ld numbers (seed %llu), %ld differ, %ld"
		    " left to printf, longest %zu bytes\n", cmp.count,
		    (unsigned long long)s, cmp.differ, cmp.undecided,
		    cmp.longest);
	CHECK_INT(cmp.differ, 0);
	CHECK_INT(cmp.undecided, 0);
	CHECK(cmp.longest <= 24);
	shortest_cap();
}

/* csvw_num and csvw_int as fields of a written table. */
static void
number_fields(void)
{
	const char *path = t_file("num.csv", "", 0);
	struct csvw *w;
	struct err e = {0};
	char *got;

	w = csvw_open(path, &e);
	CHECK(w != NULL);
	if (w == NULL)
		return;
	CHECK_INT(csvw_num(w, 0.5, NUM_SHORTEST, 0, &e), 0);
	CHECK_INT(csvw_num(w, NAN, NUM_SHORTEST, 0, &e), 0);
	CHECK_INT(csvw_num(w, -0.0, 2, 0, &e), 0);
	CHECK_INT(csvw_num(w, 1.25, 6, 1, &e), 0);
	CHECK_INT(csvw_int(w, -42, &e), 0);
	CHECK_INT(csvw_int(w, INT64_MAX, &e), 0);
	CHECK_INT(csvw_end(w, &e), 0);
	CHECK_INT(csvw_close(w, &e), 0);
	got = t_slurp(path, NULL);
	CHECK_STR(got, "0.5,,0.00,1.25,-42,9223372036854775807\n");
	free(got);
}

void
suite_num(void)
{
	numbers();
	fast_path();
	number_format();
	shortest_vs_printf();
	number_fields();
}
