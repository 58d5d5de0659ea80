/*
 * Statistics: type-7 quantiles (values as R's quantile(x, type = 7) gives
 * them, worked out by hand below), sample sd, and Kaplan-Meier on the
 * classic 6-MP remission data (Freireich et al. 1963, as tabulated in
 * Kleinbaum & Klein, Survival Analysis): S = 0.8571 at 6 weeks, 0.8067 at
 * 7, 0.7529 at 10, 0.6902 at 13, 0.6275 at 16, 0.5378 at 22, 0.4482 at 23,
 * median 23 weeks (R: survfit gives the same).
 */
#include <stdlib.h>

#include "core/stats.h"
#include "t.h"

void suite_stats(void);

static void
quantiles(void)
{
	double x[] = {7, 1, 3, 10, 2, 5, 4, 9, 6, 8};
	double one[] = {42};

	stats_init();
	stats_sort(x, 10);
	CHECK_DBL(x[0], 1, 0);
	CHECK_DBL(x[9], 10, 0);
	/* h = (n - 1) p: p50 -> 4.5 -> 5.5; p90 -> 8.1 -> 9.1; p95 -> 8.55 ->
	 * 9.55; p0 and p1 are the extremes. */
	CHECK_DBL(stats_quantile(x, 10, 0.5), 5.5, 1e-12);
	CHECK_DBL(stats_quantile(x, 10, 0.9), 9.1, 1e-12);
	CHECK_DBL(stats_quantile(x, 10, 0.95), 9.55, 1e-12);
	CHECK_DBL(stats_quantile(x, 10, 0), 1, 0);
	CHECK_DBL(stats_quantile(x, 10, 1), 10, 0);
	CHECK_DBL(stats_quantile(one, 1, 0.9), 42, 0);
	CHECK(isnan(stats_quantile(x, 0, 0.5)));
	CHECK(isnan(stats_quantile(x, 10, 1.5)));
	/* Mean 5.5; sample variance 82.5 / 9 = 9.1666...; sd 3.0276503540975. */
	CHECK_DBL(stats_mean(x, 10), 5.5, 1e-12);
	CHECK_DBL(stats_sd(x, 10), 3.0276503540974917, 1e-12);
	CHECK(isnan(stats_sd(one, 1)));
	CHECK(isnan(stats_mean(x, 0)));
}

static void
kaplan_meier(void)
{
	/* 6-MP group: weeks in remission, 0 = censored. */
	static const double t[] = {6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17,
	    19, 20, 22, 23, 25, 32, 32, 34, 35};
	static const int ev[] = {1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1,
	    1, 0, 0, 0, 0, 0};
	static const double want_t[] = {6, 7, 10, 13, 16, 22, 23};
	static const double want_s[] = {0.8571, 0.8067, 0.7529, 0.6902, 0.6275,
	    0.5378, 0.4482};
	struct km_obs o[21];
	double ct[10], cs[10];
	size_t i, n;

	/* Shuffled on purpose: the functions sort. */
	for (i = 0; i < 21; i++) {
		o[i].t = t[(i * 8) % 21];
		o[i].event = ev[(i * 8) % 21];
	}
	n = km_curve(o, 21, ct, cs, 10);
	CHECK_INT(n, 7);
	for (i = 0; i < 7 && i < n; i++) {
		CHECK_DBL(ct[i], want_t[i], 0);
		CHECK_DBL(cs[i], want_s[i], 5e-5);
	}
	CHECK_DBL(km_quantile(o, 21, 0.5), 23, 0);
	CHECK_DBL(km_quantile(o, 21, 0.25), 13, 0);  /* S(10) 0.7529 > 0.75 */
	CHECK_DBL(km_quantile(o, 21, 0.1), 6, 0);
	CHECK(isnan(km_quantile(o, 21, 0.9)));       /* never below 0.4482 */
	/* Without censoring, the usual median: S is exactly 0.5 from 2 to 3,
	 * so 2.5, and 3.5 for p75 (R's quantile(survfit(...)) agrees). */
	for (i = 0; i < 4; i++) {
		o[i].t = (double)(4 - i);
		o[i].event = 1;
	}
	CHECK_DBL(km_quantile(o, 4, 0.5), 2.5, 0);
	CHECK_DBL(km_quantile(o, 4, 0.75), 3.5, 0);
	CHECK_DBL(km_quantile(o, 4, 0.2), 1, 0);
	CHECK(isnan(km_quantile(o, 0, 0.5)));
	/* Flat at exactly 0.5 to the end (the rest censored): the middle up
	 * to the last time seen. */
	o[0].t = 1; o[0].event = 1;
	o[1].t = 2; o[1].event = 0;
	CHECK_DBL(km_quantile(o, 2, 0.5), 1.5, 0);
	/* A NaN time is refused, not looped on. */
	o[0].t = 1; o[0].event = 1;
	o[1].t = NAN; o[1].event = 1;
	o[2].t = 2; o[2].event = 0;
	CHECK(isnan(km_quantile(o, 3, 0.5)));
	CHECK_INT(km_curve(o, 3, ct, cs, 10), 0);
}

void
suite_stats(void)
{
	quantiles();
	kaplan_meier();
}
