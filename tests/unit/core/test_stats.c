/*
 * core/stats: type-7 quantiles (values as R's quantile(x, type = 7) gives
 * them, worked out by hand below); the one mean and sd rule (NaN below
 * its size, n - 1, against sums exact in long double); Pearson, average
 * ranks (Spearman), Cronbach's alpha and the first principal component
 * against values worked out by hand or with R; e1071 type-2 skewness and
 * kurtosis; Kaplan-Meier on the classic 6-MP remission data (Freireich et
 * al. 1963, as tabulated in Kleinbaum & Klein, Survival Analysis): S =
 * 0.8571 at 6 weeks, 0.8067 at 7, 0.7529 at 10, 0.6902 at 13, 0.6275 at
 * 16, 0.5378 at 22, 0.4482 at 23, median 23 weeks (R's survfit gives the
 * same), and against an independent, direct computation of the product
 * limit on random data with many ties.
 */
#include <stdlib.h>

#include "core/stats.h"
#include "../t.h"

void suite_stats(void);

static int
cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Same value, NaN included. */
static int
same(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

static void
quantiles(void)
{
	double x[] = {7, 1, 3, 10, 2, 5, 4, 9, 6, 8};
	double one[] = {42};

	stats_init();
	qsort(x, 10, sizeof *x, cmp_dbl);
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
}

/* The one rule: mean NaN for none; var and sd (n - 1) NaN below 2. */
static void
mean_sd(void)
{
	double x[] = {7, 1, 3, 10, 2, 5, 4, 9, 6, 8};
	double one[] = {42};
	double big[1000];
	long double s = 0, ss = 0, m;
	int i;

	/* Mean 5.5; sample variance 82.5 / 9 = 9.1666...; sd
	 * 3.0276503540974917. */
	CHECK_DBL(stats_mean(x, 10), 5.5, 0);
	CHECK_DBL(stats_var(x, 10), 82.5 / 9, 1e-14);
	CHECK_DBL(stats_sd(x, 10), 3.0276503540974917, 1e-15);
	CHECK(isnan(stats_mean(x, 0)));
	CHECK_DBL(stats_mean(one, 1), 42, 0);
	CHECK(isnan(stats_var(one, 1)));
	CHECK(isnan(stats_sd(one, 1)));
	CHECK(isnan(stats_sd(x, 0)));
	/* Large values with a small spread: against long double sums. */
	t_seed(11);
	for (i = 0; i < 1000; i++) {
		big[i] = 1e9 + (double)t_rand_int(0, 1000000) / 1000;
		s += big[i];
	}
	m = s / 1000;
	for (i = 0; i < 1000; i++)
		ss += (big[i] - m) * (big[i] - m);
	CHECK_DBL(stats_mean(big, 1000), (double)m, 1e-6);
	CHECK_DBL(stats_sd(big, 1000), (double)sqrtl(ss / 999), 1e-9);
}

static void
correlations(void)
{
	/* r of x and 2x + 1 is 1, of x and -x is -1; a constant or fewer
	 * than 2 pairs has none. */
	double x[] = {1, 2, 3, 4, 5}, y[] = {3, 5, 7, 9, 11};
	double z[] = {-1, -2, -3, -4, -5}, c[] = {4, 4, 4, 4, 4};
	/* By hand: x 1..5, w = 2 1 4 3 5: sxy = 8, sxx = syy = 10, r 0.8. */
	double w[] = {2, 1, 4, 3, 5};
	/* Ties: 10 20 20 30 -> ranks 1 2.5 2.5 4. */
	double t[] = {20, 10, 30, 20}, r[4];
	struct stats_rank_item item[5];

	CHECK_DBL(stats_pearson(x, y, 5), 1, 1e-15);
	CHECK_DBL(stats_pearson(x, z, 5), -1, 1e-15);
	CHECK_DBL(stats_pearson(x, w, 5), 0.8, 1e-15);
	CHECK(isnan(stats_pearson(x, c, 5)));
	CHECK(isnan(stats_pearson(x, y, 1)));
	stats_avg_ranks(t, 4, r, item);
	CHECK_DBL(r[0], 2.5, 0);
	CHECK_DBL(r[1], 1, 0);
	CHECK_DBL(r[2], 4, 0);
	CHECK_DBL(r[3], 2.5, 0);
}

/* Alpha and the first component of 3 columns of 5 cases. */
static void
coherence(void)
{
	/* Columns a = 1..5, b = 2 1 4 3 5, c = a: column variances 2.5
	 * each; row sums 4 5 10 11 15, mean 9, variance 82 / 4 = 20.5;
	 * alpha = 3/2 (1 - 7.5 / 20.5) = 39 / 41.  Correlations: r(a,b) = r(b,c)
	 * = 0.8, r(a,c) = 1: eigenvalues of [[1 .8 1][.8 1 .8][1 .8 1]] are
	 * 0, (3 +- sqrt(1 + 4 * 2 * .64)) / 2: the largest 2.6313708498984759. */
	double cc[15] = {1, 2, 3, 4, 5, 2, 1, 4, 3, 5, 1, 2, 3, 4, 5};
	double sum[5], lambda, load[3];
	struct err e = {0};

	CHECK_DBL(stats_cronbach(cc, 3, 5, 5, sum), 39.0 / 41, 1e-14);
	CHECK(isnan(stats_cronbach(cc, 1, 5, 5, sum)));
	CHECK_INT(stats_pca_first(cc, 3, 5, 5, &lambda, load, &e), 1);
	CHECK_DBL(lambda, (3 + sqrt(1 + 8 * 0.64)) / 2, 1e-12);
	/* The loadings of a and c are equal, b's smaller. */
	CHECK_DBL(fabs(load[0]), fabs(load[2]), 1e-12);
	CHECK(fabs(load[1]) < fabs(load[0]));
	/* Undefined: too few cases, one column, a constant column. */
	CHECK_INT(stats_pca_first(cc, 3, 2, 5, &lambda, NULL, &e), 0);
	CHECK(isnan(lambda));
	CHECK_INT(stats_pca_first(cc, 1, 5, 5, &lambda, NULL, &e), 0);
	{
		double k[10] = {1, 2, 3, 4, 5, 7, 7, 7, 7, 7};
		CHECK_INT(stats_pca_first(k, 2, 5, 5, &lambda, NULL, &e), 0);
	}
}

/* e1071 type 2 (R: e1071::skewness(x, type = 2), kurtosis(x, type = 2)). */
static void
shape(void)
{
	/* 1 2 3 4 10: mean 4, deviations -3 -2 -1 0 6, m2 = 50 / 5 = 10,
	 * m3 = 180 / 5 = 36, m4 = 1394 / 5 = 278.8; g1 = 36 / 10^1.5 =
	 * 1.1384199576606167, G1 = g1 sqrt(20) / 3 = 1.6970563...;
	 * g2 = 278.8 / 100 - 3 = -0.212, G2 = ((n+1) g2 + 6)(n-1) /
	 * ((n-2)(n-3)) = (6 * -0.212 + 6) * 4 / 6 = 3.152. */
	double x[] = {1, 2, 3, 4, 10}, c[] = {2, 2, 2, 2};

	CHECK_DBL(stats_skew(x, 5), 36 / pow(10, 1.5) * sqrt(20) / 3, 1e-14);
	CHECK_DBL(stats_kurt(x, 5), 3.152, 1e-13);
	CHECK(isnan(stats_skew(x, 2)));
	CHECK(isnan(stats_kurt(x, 3)));
	CHECK(isnan(stats_skew(c, 4)));
	CHECK(isnan(stats_kurt(c, 4)));
}

/* COINr's unit vectors (testdata/rankcity/coinr_unit_vectors.csv): the
 * reference vector of its skew, kurt and check_SkewKurt rows. */
static const double refv[11] = {1, 2, 2, 3, 3, 3, 4, 5, 6, 7, 100};

static void
shape_coinr(void)
{
	/* row "skew", e1071 type-2 (adjusted Fisher-Pearson) */
	CHECK_DBL(stats_skew(refv, 11), 3.29356660170058, 1e-12);
	/* row "kurt", e1071 type-2 excess kurtosis */
	CHECK_DBL(stats_kurt(refv, 11), 10.8879333274734, 1e-12);
	/* row "check_SkewKurt": 3.29356660170058;10.88793332747338 */
	CHECK_DBL(stats_kurt(refv, 11), 10.88793332747338, 1e-12);
	/* skewness needs 3 values, kurtosis 4 */
	CHECK(isnan(stats_skew(refv, 2)));
	CHECK(isnan(stats_skew(refv, 0)));
	CHECK(!isnan(stats_skew(refv, 3)));
	CHECK(isnan(stats_kurt(refv, 3)));
	CHECK(isnan(stats_kurt(refv, 0)));
	CHECK(!isnan(stats_kurt(refv, 4)));
	/* 1, 2, 100 (Python, mpmath): 1.731448366756414 */
	CHECK_DBL(stats_skew((const double[]){1, 2, 100}, 3), 1.731448366756414,
	    1e-12);
	/* constant: no spread, no skewness */
	CHECK(isnan(stats_skew((const double[]){4, 4, 4, 4}, 4)));
	CHECK(isnan(stats_kurt((const double[]){4, 4, 4, 4}, 4)));
}

/* One observation for the reference below. */
struct obs {
	double t;
	int event;
};

static int
cmp_obs(const void *a, const void *b)
{
	const struct obs *p = a, *q = b;

	return (p->t > q->t) - (p->t < q->t);
}

/*
 * The product limit computed directly: for each distinct event time t,
 * at risk = every time >= t, deaths = events at t.  Fills t[] and s[]
 * (cap of them) and returns the step count.
 */
static size_t
ref_curve(struct obs *o, size_t n, double *t, double *s, size_t cap)
{
	size_t i, j, k = 0;
	double surv = 1;

	qsort(o, n, sizeof *o, cmp_obs);
	for (i = 0; i < n; i = j) {
		size_t d = 0, risk = 0;
		for (j = i; j < n && o[j].t == o[i].t; j++)
			d += o[j].event != 0;
		if (d == 0)
			continue;
		for (risk = 0, j = 0; j < n; j++)
			risk += o[j].t >= o[i].t;
		surv *= 1 - (double)d / (double)risk;
		if (k < cap) {
			t[k] = o[i].t;
			s[k] = surv;
		}
		k++;
		for (j = i; j < n && o[j].t == o[i].t; j++)
			;
	}
	return k;
}

/* The p-quantile from the reference curve, R's rule (quantile.survfit):
 * the first step below 1 - p, or the middle of a flat stretch at it. */
static double
ref_quantile(struct obs *o, size_t n, double p)
{
	double t[256], s[256], last = -INFINITY;
	size_t k, i;

	if (n == 0)
		return NAN;
	k = ref_curve(o, n, t, s, 256);
	for (i = 0; i < n; i++)
		if (o[i].t > last)
			last = o[i].t;
	for (i = 0; i < k; i++) {
		if (fabs(s[i] - (1 - p)) < 1.4901161193847656e-08)
			return (t[i] + (i + 1 < k ? t[i + 1] : last)) / 2;
		if (s[i] < 1 - p)
			return t[i];
	}
	return NAN;
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
	double evt[21], cen[21], ct[10], cs[10];
	size_t i, n, ne = 0, nc = 0;

	for (i = 0; i < 21; i++) {
		if (ev[i])
			evt[ne++] = t[i];
		else
			cen[nc++] = t[i];
	}
	n = km_curve_sorted(evt, ne, cen, nc, ct, cs, 10);
	CHECK_INT(n, 7);
	for (i = 0; i < 7 && i < n; i++) {
		CHECK_DBL(ct[i], want_t[i], 0);
		CHECK_DBL(cs[i], want_s[i], 5e-5);
	}
	CHECK_DBL(km_quantile_sorted(evt, ne, cen, nc, 0.5), 23, 0);
	CHECK_DBL(km_quantile_sorted(evt, ne, cen, nc, 0.25), 13, 0);
	CHECK_DBL(km_quantile_sorted(evt, ne, cen, nc, 0.1), 6, 0);
	/* never below 0.4482 */
	CHECK(isnan(km_quantile_sorted(evt, ne, cen, nc, 0.9)));
	/* Without censoring, the usual median: S is exactly 0.5 from 2 to 3,
	 * so 2.5, and 3.5 for p75 (R's quantile(survfit(...)) agrees). */
	for (i = 0; i < 4; i++)
		evt[i] = (double)(i + 1);
	CHECK_DBL(km_quantile_sorted(evt, 4, NULL, 0, 0.5), 2.5, 0);
	CHECK_DBL(km_quantile_sorted(evt, 4, NULL, 0, 0.75), 3.5, 0);
	CHECK_DBL(km_quantile_sorted(evt, 4, NULL, 0, 0.2), 1, 0);
	CHECK(isnan(km_quantile_sorted(NULL, 0, NULL, 0, 0.5)));
	CHECK_INT(km_curve_sorted(NULL, 0, NULL, 0, ct, cs, 8), 0);
	/* Flat at exactly 0.5 to the end (the rest censored): the middle up
	 * to the last time seen. */
	evt[0] = 1;
	cen[0] = 2;
	CHECK_DBL(km_quantile_sorted(evt, 1, cen, 1, 0.5), 1.5, 0);
	/* Censored only: no step, no quantile. */
	cen[0] = 1;
	cen[1] = 2;
	CHECK(isnan(km_quantile_sorted(NULL, 0, cen, 2, 0.5)));
	CHECK_INT(km_curve_sorted(NULL, 0, cen, 2, ct, cs, 8), 0);
	/* An event at 3 with two censored earlier: S drops to 0 at 3. */
	evt[0] = 3;
	CHECK_DBL(km_quantile_sorted(evt, 1, cen, 2, 0.5), 3, 0);
	CHECK_INT(km_curve_sorted(evt, 1, NULL, 0, ct, cs, 8), 1);
	CHECK_DBL(cs[0], 0, 0);
	/* A NaN time is refused, not looped on. */
	evt[1] = NAN;
	CHECK(isnan(km_quantile_sorted(evt, 2, cen, 2, 0.5)));
	CHECK_INT(km_curve_sorted(evt, 2, cen, 2, ct, cs, 8), 0);
}

/*
 * The walk over split sorted arrays against the direct product limit, on
 * random data from a few values so that ties between and within events
 * and censorings are common; every 10th trial has no events or no
 * censorings (or neither).
 */
static void
kaplan_meier_reference(void)
{
	static const double ps[] = {0.1, 0.25, 0.5, 0.75, 0.9};
	double ev[64], ce[64], t1[128], s1[128], t2[128], s2[128];
	struct obs o[128];
	int trial, nbad = 0, nnan = 0, nval = 0;

	t_seed(42);
	for (trial = 0; trial < 3000; trial++) {
		size_t ne = (size_t)t_rand_int(0, 40);
		size_t nc = (size_t)t_rand_int(0, 40), i, n, k1, k2, cap;
		long span = t_rand_int(1, 12);
		int j;

		if (trial % 10 == 0)
			ne = 0;
		if (trial % 10 == 1)
			nc = 0;
		if (trial % 30 == 2)
			ne = nc = 0;
		for (i = 0; i < ne; i++)
			ev[i] = (double)t_rand_int(0, span) / 2;
		for (i = 0; i < nc; i++)
			ce[i] = (double)t_rand_int(0, span) / 2;
		qsort(ev, ne, sizeof *ev, cmp_dbl);
		qsort(ce, nc, sizeof *ce, cmp_dbl);
		n = ne + nc;
		for (i = 0; i < n; i++) {
			o[i].t = i < ne ? ev[i] : ce[i - ne];
			o[i].event = i < ne;
		}
		for (j = 0; j < 5; j++) {
			double a = ref_quantile(o, n, ps[j]);
			double b = km_quantile_sorted(ev, ne, ce, nc, ps[j]);
			if (isnan(b))
				nnan++;
			else
				nval++;
			if (!same(a, b) && ++nbad <= 5)
				t_report(0, __FILE__, __LINE__, "trial %d, %zu "
				    "events, %zu censored, p %g: reference %g, "
				    "km_quantile_sorted %g", trial, ne, nc,
				    ps[j], a, b);
		}
		/* The curve, sometimes with too little room (both still
		 * count every step). */
		cap = trial % 7 == 3 ? (size_t)t_rand_int(0, 3) : 128;
		k1 = ref_curve(o, n, t1, s1, cap);
		k2 = km_curve_sorted(ev, ne, ce, nc, t2, s2, cap);
		if (k1 != k2) {
			if (++nbad <= 5)
				t_report(0, __FILE__, __LINE__, "trial %d: "
				    "reference %zu steps, km_curve_sorted %zu",
				    trial, k1, k2);
			continue;
		}
		for (i = 0; i < k1 && i < cap; i++)
			if (t1[i] != t2[i] || fabs(s1[i] - s2[i]) > 1e-15) {
				if (++nbad <= 5)
					t_report(0, __FILE__, __LINE__, "trial "
					    "%d step %zu: (%g, %g) vs (%g, %g)",
					    trial, i, t1[i], s1[i], t2[i],
					    s2[i]);
				break;
			}
	}
	CHECK_INT(nbad, 0);
	/* Both outcomes were exercised plenty. */
	CHECK(nnan > 2000);
	CHECK(nval > 5000);
}

void
suite_stats(void)
{
	quantiles();
	mean_sd();
	correlations();
	coherence();
	shape();
	shape_coinr();
	kaplan_meier();
	kaplan_meier_reference();
}
