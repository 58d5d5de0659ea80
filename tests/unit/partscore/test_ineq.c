/*
 * partscore/ineq: the inequality measures against R's ineq on its own
 * example (Gini 0.4620911; Atkinson, Theil T and L by the definitions,
 * which ineq's Atkinson() and Theil() follow for positive data), against
 * values worked out by hand (Palma, CV, rates 10..50), against the
 * pairwise Gini computed by the O(n^2) double loop on random data with
 * ties, and against properties every measure must have: weighting is
 * replication, Theil's within and between add up, the bootstrap is
 * reproducible and is the percentile interval of resamples rebuilt here
 * from the same GSL draws.
 */
#include <stdlib.h>

#include <gsl/gsl_rng.h>

#include "core/stats.h"
#include "partscore/ineq.h"
#include "../t.h"

void suite_ineq(void);

/* Same value within tol, NaN equal to NaN. */
static int
near(double a, double b, double tol)
{
	return (isnan(a) && isnan(b)) || fabs(a - b) <= tol;
}

/* The measures of a result, to compare two results field by field. */
static void
fields(const struct ineq_result *r, double f[13])
{
	f[0] = r->gini;
	f[1] = r->theil_t;
	f[2] = r->theil_t_within;
	f[3] = r->theil_t_between;
	f[4] = r->theil_l;
	f[5] = r->theil_l_within;
	f[6] = r->theil_l_between;
	f[7] = r->atkinson_05;
	f[8] = r->atkinson_1;
	f[9] = r->atkinson_2;
	f[10] = r->palma;
	f[11] = r->cv;
	f[12] = 0;
}

/* ineq's example: ineq::Gini(x) = 0.4620911 (its help page); equal
 * populations give the unweighted measures. */
static void
reference(void)
{
	double ev[] = {541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904,
	    22261};
	double pop[10], pop3[5] = {3, 3, 3, 3, 3};
	double rates[5] = {30, 60, 90, 120, 150};
	struct ineq_result r;
	struct err e;
	size_t i;

	for (i = 0; i < 10; i++)
		pop[i] = 1;
	CHECK_INT(ineq_compute(pop, ev, NULL, 0, 10, 0, &r, &e), 0);
	CHECK_INT(r.areas, 10);
	CHECK_INT(r.zero_areas, 0);
	CHECK_DBL(r.gini, 0.4620911, 1e-7);
	CHECK_DBL(r.atkinson_05, 0.1796591, 1e-7);
	CHECK_DBL(r.theil_t, 0.3623412423, 1e-10);
	CHECK_DBL(r.theil_l, 0.4335946495, 1e-10);
	CHECK(isnan(r.theil_t_within) && isnan(r.theil_l_between));
	/* Population 3 with 30..150 events: per-capita rates 10..50, mean
	 * 30.  Gini: the gaps of the 10 pairs add to 200, so 2 x 200 /
	 * (2 x 25 x 30) = 4/15.  A(1) = 1 - (10 20 30 40 50)^(1/5) / 30 =
	 * 1 - 26.0517 / 30; A(0.5) = 1 - (mean sqrt)^2 / 30 = 0.06315. */
	CHECK_INT(ineq_compute(pop3, rates, NULL, 0, 5, 0, &r, &e), 0);
	CHECK_DBL(r.gini, 0.2666667, 1e-7);
	CHECK_DBL(r.gini, 4.0 / 15, 1e-15);
	CHECK_DBL(r.atkinson_05, 0.06315, 1e-5);
	CHECK_DBL(r.atkinson_1, 0.1316096, 1e-7);
	CHECK_DBL(r.atkinson_1, 1 - pow(12e6, 0.2) / 30, 1e-15);
}

/* Areas with no events are kept: Theil T is defined (0 ln 0 = 0), the
 * measures that need a log or an inverse of every rate are not. */
static void
zeros(void)
{
	double pop[] = {1, 1, 1, 1, 1, 1}, ev[] = {0, 0, 0, 10, 10, 10};
	uint32_t par[] = {0, 0, 0, 1, 1, 1};
	struct ineq_result r;
	struct err e;

	CHECK_INT(ineq_compute(pop, ev, par, 2, 6, 0, &r, &e), 0);
	CHECK_INT(r.zero_areas, 3);
	CHECK_DBL(r.theil_t, 0.6931471805599453, 1e-15);
	CHECK_DBL(r.theil_t_between, 0.6931471805599453, 1e-15);
	CHECK_DBL(r.theil_t_within, 0, 1e-15);
	CHECK(isnan(r.theil_l));
	CHECK(isnan(r.theil_l_within));
	CHECK(isnan(r.theil_l_between));
	CHECK(isnan(r.atkinson_1));
	CHECK(isnan(r.atkinson_2));
	/* Half the population has everything. */
	CHECK_DBL(r.gini, 0.5, 1e-15);
	CHECK_DBL(r.atkinson_05, 0.5, 1e-15);
	CHECK(isnan(r.palma));
	CHECK_DBL(r.cv, 1, 1e-15);
}

/* No events at all: nothing is defined, and that is not an error. */
static void
no_events(void)
{
	double pop[] = {5, 7, 9}, ev[] = {0, 0, 0}, f[13];
	uint32_t par[] = {0, 1, 0};
	struct ineq_result r;
	struct err e;
	double lo, hi;
	int i;

	CHECK_INT(ineq_compute(pop, ev, par, 2, 3, 1, &r, &e), 0);
	CHECK_INT(r.areas, 3);
	CHECK_INT(r.zero_areas, 3);
	fields(&r, f);
	for (i = 0; i < 12; i++)
		CHECK(isnan(f[i]));
	CHECK_INT(ineq_compute(pop, ev, NULL, 0, 0, 0, &r, &e), 0);
	CHECK(isnan(r.gini));
	CHECK_INT(ineq_gini_bootstrap(pop, ev, 3, 0, 10, 1, 0.95, &lo, &hi,
	    &e), 0);
	CHECK(isnan(lo) && isnan(hi));
}

/* An area of population 2 with 2x events is two areas of population 1
 * with x each, for every measure (the Gini uncorrected). */
static void
replication(void)
{
	double p1[] = {2, 3, 5, 1}, e1[] = {6, 4, 20, 1};
	double p2[] = {1, 3, 5, 1, 1}, e2[] = {3, 4, 20, 1, 3};
	uint32_t g1[] = {0, 1, 0, 1}, g2[] = {0, 1, 0, 1, 0};
	double z1[] = {6, 0, 20, 1}, z2[] = {3, 0, 20, 1, 3};
	struct ineq_result a, b;
	struct err e;
	double fa[13], fb[13];
	int i;

	CHECK_INT(ineq_compute(p1, e1, g1, 2, 4, 0, &a, &e), 0);
	CHECK_INT(ineq_compute(p2, e2, g2, 2, 5, 0, &b, &e), 0);
	fields(&a, fa);
	fields(&b, fb);
	for (i = 0; i < 12; i++)
		t_report(!isnan(fa[i]) && near(fa[i], fb[i], 1e-13), __FILE__,
		    __LINE__, "measure %d: %.17g vs %.17g", i, fa[i], fb[i]);
	/* The same with an area without events (NaN where it should be). */
	CHECK_INT(ineq_compute(p1, z1, g1, 2, 4, 0, &a, &e), 0);
	CHECK_INT(ineq_compute(p2, z2, g2, 2, 5, 0, &b, &e), 0);
	fields(&a, fa);
	fields(&b, fb);
	for (i = 0; i < 12; i++)
		t_report(near(fa[i], fb[i], 1e-13), __FILE__, __LINE__,
		    "measure %d: %.17g vs %.17g", i, fa[i], fb[i]);
	CHECK(isnan(a.theil_l) && !isnan(a.theil_t_within));
}

/* The correction is 1 / (1 - sum w^2): n / (n - 1) for equal weights. */
static void
correction(void)
{
	double ev[] = {541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904,
	    22261};
	double pop[10], pw[] = {1, 2, 3, 4}, ew[] = {4, 1, 9, 2};
	struct ineq_result r, c;
	struct err e;
	size_t i;

	for (i = 0; i < 10; i++)
		pop[i] = 7;
	CHECK_INT(ineq_compute(pop, ev, NULL, 0, 10, 0, &r, &e), 0);
	CHECK_INT(ineq_compute(pop, ev, NULL, 0, 10, 1, &c, &e), 0);
	CHECK_DBL(c.gini, r.gini * 10 / 9, 1e-15);
	/* ineq::Gini(x, corr = TRUE) */
	CHECK_DBL(c.gini, 0.5134346, 1e-7);
	/* Weights 0.1 .. 0.4: sum w^2 = 0.3. */
	CHECK_INT(ineq_compute(pw, ew, NULL, 0, 4, 0, &r, &e), 0);
	CHECK_INT(ineq_compute(pw, ew, NULL, 0, 4, 1, &c, &e), 0);
	CHECK_DBL(c.gini, r.gini / 0.7, 1e-15);
	/* One area: 0 uncorrected, 0 / 0 corrected. */
	CHECK_INT(ineq_compute(pw, ew, NULL, 0, 1, 0, &r, &e), 0);
	CHECK_DBL(r.gini, 0, 0);
	CHECK_INT(ineq_compute(pw, ew, NULL, 0, 1, 1, &r, &e), 0);
	CHECK(isnan(r.gini));
}

/* Random weighted data: Theil's parts add up, and the Gini is the
 * pairwise definition by the double loop, ties and zeros included. */
static void
random_data(void)
{
	enum { N = 200 };
	double pop[N], ev[N], mu = 0, P = 0, s = 0, g;
	uint32_t par[N];
	struct ineq_result r;
	struct err e;
	int i, j, round;

	t_seed(42);
	for (round = 0; round < 3; round++) {
		P = mu = 0;
		for (i = 0; i < N; i++) {
			pop[i] = (double)t_rand_int(1, 1000);
			/* Few distinct rates, so many ties; zeros in round 2. */
			ev[i] = pop[i] * (double)t_rand_int(round == 2 ? 0 : 1,
			    6);
			if (t_rand_int(0, 3) == 0)
				ev[i] = (double)t_rand_int(round == 2 ? 0 : 1,
				    5000);
			par[i] = (uint32_t)t_rand_int(0, 2);
			P += pop[i];
			mu += ev[i];
		}
		mu /= P;
		CHECK_INT(ineq_compute(pop, ev, par, 3, N, 0, &r, &e), 0);
		CHECK_DBL(r.theil_t_within + r.theil_t_between, r.theil_t,
		    1e-12 * r.theil_t);
		if (round < 2)
			CHECK_DBL(r.theil_l_within + r.theil_l_between,
			    r.theil_l, 1e-12 * r.theil_l);
		else
			CHECK(r.zero_areas > 0 && isnan(r.theil_l_within));
		CHECK(r.theil_t_within > 0 && r.theil_t_between > 0);
		s = 0;
		for (i = 0; i < N; i++)
			for (j = 0; j < N; j++)
				s += pop[i] / P * (pop[j] / P) *
				    fabs(ev[i] / pop[i] - ev[j] / pop[j]);
		g = s / (2 * mu);
		CHECK_DBL(r.gini, g, 1e-12 * g);
	}
}

/*
 * Palma by hand, the areas given out of order.  Sorted by rate: (pop 2,
 * events 2, rate 1), (3, 6, 2), (3, 9, 3), (2, 10, 5); population 10,
 * events 27; cumulative population shares 0.2, 0.5, 0.8, 1.  The 40%
 * point falls inside the second area (0.2 to 0.5): L(0.4) = (2 + 6 x
 * (0.4 - 0.2) / 0.3) / 27 = 6/27.  The 90% point falls inside the last
 * (0.8 to 1): the top tenth is half of it, 5 events, 1 - L(0.9) = 5/27.
 * Palma = 5/6.
 */
static void
palma(void)
{
	double pop[] = {3, 2, 2, 3}, ev[] = {9, 2, 10, 6};
	struct ineq_result r;
	struct err e;

	CHECK_INT(ineq_compute(pop, ev, NULL, 0, 4, 0, &r, &e), 0);
	CHECK_DBL(r.palma, 5.0 / 6, 1e-15);
	/* One area: L(p) = p, Palma 0.1 / 0.4. */
	CHECK_INT(ineq_compute(pop, ev, NULL, 0, 1, 0, &r, &e), 0);
	CHECK_DBL(r.palma, 0.25, 1e-15);
}

/* CV by hand: populations 1 2 1, rates 1 2 3, mu = 8 / 4 = 2; weighted
 * variance (1 + 0 + 1) / 4 = 0.5, so CV = sqrt(0.5) / 2. */
static void
cv(void)
{
	double pop[] = {1, 2, 1}, ev[] = {1, 4, 3};
	struct ineq_result r;
	struct err e;

	CHECK_INT(ineq_compute(pop, ev, NULL, 0, 3, 0, &r, &e), 0);
	CHECK_DBL(r.cv, sqrt(0.5) / 2, 1e-15);
}

/* Bad input: -1, ERR_DATA, the area and the value named. */
static void
bad_input(void)
{
	double pop[] = {1, 2, 3, 4}, ev[] = {1, 2, 3, 4}, cp[5], ce[5];
	double bad[] = {0, -5, NAN, INFINITY}, lo, hi;
	uint32_t par[] = {0, 1, 2, 1};
	struct ineq_result r;
	struct err e;
	size_t i;

	for (i = 0; i < 4; i++) {
		pop[3] = bad[i];
		e.kind = ERR_NONE;
		CHECK_INT(ineq_compute(pop, ev, NULL, 0, 4, 0, &r, &e), -1);
		CHECK_INT(e.kind, ERR_DATA);
		CHECK(strncmp(e.msg, "area 3: population \"", 20) == 0);
	}
	pop[3] = 0;
	ineq_compute(pop, ev, NULL, 0, 4, 0, &r, &e);
	CHECK_STR(e.msg, "area 3: population \"0\" is not a finite number > 0");
	pop[3] = -5;
	ineq_compute(pop, ev, NULL, 0, 4, 0, &r, &e);
	CHECK_STR(e.msg, "area 3: population \"-5\" is not a finite number > 0");
	pop[3] = 4;
	ev[1] = -1;
	CHECK_INT(ineq_compute(pop, ev, NULL, 0, 4, 0, &r, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK_STR(e.msg, "area 1: event count \"-1\" is not a finite number "
	    ">= 0");
	ev[1] = NAN;
	CHECK_INT(ineq_compute(pop, ev, NULL, 0, 4, 0, &r, &e), -1);
	CHECK(strncmp(e.msg, "area 1: event count", 19) == 0);
	CHECK_INT(ineq_gini_bootstrap(pop, ev, 4, 0, 10, 1, 0.9, &lo, &hi,
	    &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK_INT(ineq_lorenz(pop, ev, 4, cp, ce, NULL, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	ev[1] = 2;
	par[2] = 3;
	CHECK_INT(ineq_compute(pop, ev, par, 3, 4, 0, &r, &e), -1);
	CHECK_STR(e.msg, "area 2: parent 3 is not below the number of "
	    "parents, 3");
	/* Overflow is refused, not carried into the measures. */
	pop[0] = 1e-300;
	ev[0] = 1e300;
	CHECK_INT(ineq_compute(pop, ev, NULL, 0, 4, 0, &r, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
}

/* The Gini of the resample drawn as the bootstrap draws it. */
static double
resample_gini(gsl_rng *rng, const double *pop, const double *ev, size_t n,
    int corr)
{
	double p[64], x[64];
	struct ineq_result r;
	struct err e;
	size_t i, k;

	for (i = 0; i < n; i++) {
		k = gsl_rng_uniform_int(rng, n);
		p[i] = pop[k];
		x[i] = ev[k];
	}
	if (ineq_compute(p, x, NULL, 0, n, corr, &r, &e) < 0)
		return -1;
	return r.gini;
}

static int
cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
bootstrap(void)
{
	double pop[] = {120, 80, 300, 45, 210, 95, 60, 150, 400, 75, 30, 500};
	double ev[] = {14, 3, 40, 9, 11, 30, 2, 25, 33, 0, 6, 90};
	double eq[] = {240, 160, 600, 90, 420, 190, 120, 300, 800, 150, 60,
	    1000};
	double one[12] = {0, 0, 0, 0, 0, 7};
	double lo, hi, lo2, hi2, g[40];
	struct ineq_result r;
	struct err e;
	gsl_rng *rng;
	int corr, b;

	CHECK_INT(ineq_compute(pop, ev, NULL, 0, 12, 0, &r, &e), 0);
	CHECK_INT(ineq_gini_bootstrap(pop, ev, 12, 0, 999, 7, 0.95, &lo, &hi,
	    &e), 0);
	CHECK(lo <= r.gini && r.gini <= hi && lo < hi);
	CHECK_INT(ineq_gini_bootstrap(pop, ev, 12, 0, 999, 7, 0.95, &lo2,
	    &hi2, &e), 0);
	CHECK(lo == lo2 && hi == hi2);
	CHECK_INT(ineq_gini_bootstrap(pop, ev, 12, 0, 999, 8, 0.95, &lo2,
	    &hi2, &e), 0);
	CHECK(lo != lo2 || hi != hi2);
	/* The definition, rebuilt: the same draws, each resample's Gini by
	 * ineq_compute(), the type-7 quantiles at 0.05 and 0.95. */
	rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (rng == NULL) {
		CHECK(rng != NULL);
		return;
	}
	for (corr = 0; corr < 2; corr++) {
		gsl_rng_set(rng, 3);
		for (b = 0; b < 40; b++)
			g[b] = resample_gini(rng, pop, ev, 12, corr);
		qsort(g, 40, sizeof *g, cmp_dbl);
		CHECK_INT(ineq_gini_bootstrap(pop, ev, 12, corr, 40, 3, 0.9,
		    &lo, &hi, &e), 0);
		CHECK_DBL(lo, stats_quantile(g, 40, 0.05), 1e-12);
		CHECK_DBL(hi, stats_quantile(g, 40, 0.95), 1e-12);
	}
	/* B = 1: both ends are the one resample's Gini. */
	gsl_rng_set(rng, 11);
	g[0] = resample_gini(rng, pop, ev, 12, 0);
	CHECK_INT(ineq_gini_bootstrap(pop, ev, 12, 0, 1, 11, 0.95, &lo, &hi,
	    &e), 0);
	CHECK_DBL(lo, g[0], 1e-12);
	CHECK_DBL(hi, g[0], 1e-12);
	gsl_rng_free(rng);
	/* Equal rates everywhere: every resample's Gini is exactly 0. */
	CHECK_INT(ineq_gini_bootstrap(pop, eq, 12, 0, 200, 1, 0.95, &lo, &hi,
	    &e), 0);
	CHECK(lo == 0 && hi == 0);
	/* One area with events: about a third of the resamples miss it,
	 * and an undefined resample makes the interval undefined. */
	CHECK_INT(ineq_gini_bootstrap(pop, one, 12, 0, 50, 1, 0.95, &lo, &hi,
	    &e), 0);
	CHECK(isnan(lo) && isnan(hi));
	/* No resamples, or a level that is no level: no interval. */
	CHECK_INT(ineq_gini_bootstrap(pop, ev, 12, 0, 0, 1, 0.95, &lo, &hi,
	    &e), 0);
	CHECK(isnan(lo) && isnan(hi));
	CHECK_INT(ineq_gini_bootstrap(pop, ev, 12, 0, 10, 1, 1.5, &lo, &hi,
	    &e), 0);
	CHECK(isnan(lo) && isnan(hi));
}

static void
lorenz(void)
{
	/* Rates 2 1 2 0: order 3, 1, then the tied 0 and 2 in input
	 * order. */
	double pop[] = {1, 1, 2, 1}, ev[] = {2, 1, 4, 0}, cp[5], ce[5];
	double zp[] = {5, 5}, ze[] = {0, 0};
	double xp[] = {0, 0.2, 0.4, 0.6, 1}, xe[] = {0, 0, 1.0 / 7, 3.0 / 7, 1};
	size_t ord[4], want[] = {3, 1, 0, 2}, k;
	struct err e;

	CHECK_INT(ineq_lorenz(pop, ev, 4, cp, ce, ord, &e), 0);
	for (k = 0; k < 5; k++) {
		CHECK_DBL(cp[k], xp[k], 1e-15);
		CHECK_DBL(ce[k], xe[k], 1e-15);
	}
	CHECK(cp[4] == 1 && ce[4] == 1);
	for (k = 0; k < 4; k++)
		CHECK_INT(ord[k], want[k]);
	CHECK_INT(ineq_lorenz(pop, ev, 4, cp, ce, NULL, &e), 0);
	CHECK_DBL(ce[3], 3.0 / 7, 1e-15);
	CHECK_INT(ineq_lorenz(zp, ze, 2, cp, ce, NULL, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
}

void
suite_ineq(void)
{
	stats_init();
	reference();
	zeros();
	no_events();
	replication();
	correction();
	random_data();
	palma();
	cv();
	bad_input();
	bootstrap();
	lorenz();
}
