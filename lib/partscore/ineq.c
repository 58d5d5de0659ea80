/*
 * ineq.c - the inequality measures of ineq.h.
 *
 * Everything is computed on relative rates r_i = y_i / mu and population
 * shares w_i, so that no measure depends on the units of either (a city
 * of ten million and one of ten thousand are on the same footing), and
 * each sum is written as a sum of terms that are never negative: an
 * inequality near zero is then not the small difference of large terms,
 * and equal rates give 0, not -1e-17.  The Gini in particular is a sum
 * over the gaps between consecutive sorted rates, so ties cost nothing
 * and the sort is the only O(n log n) step.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "core/stats.h"
#include "core/util.h"
#include "partscore/ineq.h"

/* Neumaier's compensated sum: the error stays near one rounding whatever
 * the number of areas, where a plain sum grows with it. */
struct ksum {
	double s, c;
};

static void
ksum_add(struct ksum *k, double x)
{
	double t = k->s + x;

	if (fabs(k->s) >= fabs(x))
		k->c += (k->s - t) + x;
	else
		k->c += (x - t) + k->s;
	k->s = t;
}

static double
ksum_val(const struct ksum *k)
{
	return k->s + k->c;
}

/*
 * Check every area and put its rate into y[i] (y may be NULL) and the
 * totals into *P and *E.  Rates and totals that overflow are refused
 * here, so that nothing below meets an infinity it did not expect.
 */
static int
check_areas(const double *pop, const double *events, size_t n, double *y,
    double *P, double *E, struct err *e)
{
	struct ksum sp = {0, 0}, se = {0, 0};
	size_t i;
	double q;

	for (i = 0; i < n; i++) {
		if (!(pop[i] > 0 && isfinite(pop[i])))
			return errf(e, ERR_DATA, "area %zu: population \"%.15g\" "
			    "is not a finite number > 0", i, pop[i]);
		if (!(events[i] >= 0 && isfinite(events[i])))
			return errf(e, ERR_DATA, "area %zu: event count "
			    "\"%.15g\" is not a finite number >= 0", i,
			    events[i]);
		q = events[i] / pop[i];
		if (!isfinite(q))
			return errf(e, ERR_DATA, "area %zu: the rate %.15g / "
			    "%.15g is too large", i, events[i], pop[i]);
		if (y != NULL)
			y[i] = q;
		ksum_add(&sp, pop[i]);
		ksum_add(&se, events[i]);
	}
	*P = ksum_val(&sp);
	*E = ksum_val(&se);
	if (!isfinite(*P) || !isfinite(*E))
		return errf(e, ERR_DATA, "the total %s is too large",
		    isfinite(*P) ? "event count" : "population");
	return 0;
}

struct keyed {
	double y;
	size_t i;
};

/* Ascending rate, then input order: qsort is not stable, the index
 * makes it so (the Lorenz contract puts ties in input order). */
static int
cmp_keyed(const void *a, const void *b)
{
	const struct keyed *p = a, *q = b;

	if (p->y != q->y)
		return p->y < q->y ? -1 : 1;
	return (p->i > q->i) - (p->i < q->i);
}

/* ord[0..n-1] = the areas in ascending order of y, ties in input order. */
static int
sort_by_rate(const double *y, size_t n, size_t *ord, struct err *e)
{
	struct keyed *k;
	size_t i;

	if (n > SIZE_MAX / sizeof *k || (k = malloc(n * sizeof *k + 1)) == NULL)
		return err_nomem(e);
	for (i = 0; i < n; i++) {
		k[i].y = y[i];
		k[i].i = i;
	}
	qsort(k, n, sizeof *k, cmp_keyed);
	for (i = 0; i < n; i++)
		ord[i] = k[i].i;
	free(k);
	return 0;
}

/*
 * The Gini of the areas in sorted order ord, area i counted cnt[i] times
 * (cnt NULL: once), from its rate y[i].  sum_i sum_j w_i w_j |y_i - y_j|
 * over ordered pairs is twice the sum over the gaps between consecutive
 * rates of the gap times the weight below it times the weight above it:
 * terms >= 0, and tied rates have a gap of exactly 0.  The weight above
 * is summed from the top (suf[]), not taken as 1 minus the weight below,
 * which would cancel where the top areas are small.  NaN without
 * events; with the correction, NaN when one area has all the weight.
 */
static double
gini_sorted(const double *pop, const double *events, const double *cnt,
    const double *y, const size_t *ord, size_t n, int corr, double *suf)
{
	struct ksum sp = {0, 0}, se = {0, 0}, below = {0, 0}, up = {0, 0};
	struct ksum g = {0, 0}, w2 = {0, 0};
	double P, mu, wt;
	size_t k;

	for (k = 0; k < n; k++) {
		wt = cnt ? cnt[ord[k]] : 1;
		ksum_add(&sp, wt * pop[ord[k]]);
		ksum_add(&se, wt * events[ord[k]]);
	}
	P = ksum_val(&sp);
	if (!(ksum_val(&se) > 0))
		return NAN;
	mu = ksum_val(&se) / P;
	suf[n] = 0;
	for (k = n; k-- > 0; ) {
		ksum_add(&up, (cnt ? cnt[ord[k]] : 1) * pop[ord[k]]);
		suf[k] = ksum_val(&up);
	}
	for (k = 0; k < n; k++) {
		wt = (cnt ? cnt[ord[k]] : 1) * pop[ord[k]];
		ksum_add(&below, wt);
		/* A repeated area is that many areas of its size. */
		ksum_add(&w2, wt / P * (pop[ord[k]] / P));
		if (k + 1 < n && y[ord[k + 1]] > y[ord[k]])
			ksum_add(&g, (y[ord[k + 1]] - y[ord[k]]) / mu *
			    (ksum_val(&below) / P) * (suf[k + 1] / P));
	}
	if (!corr)
		return ksum_val(&g);
	return 1 - ksum_val(&w2) > 0 ? ksum_val(&g) / (1 - ksum_val(&w2)) :
	    NAN;
}

/* Fill the Lorenz curve of areas in order ord (sorted): prefix sums,
 * divided by their own last value so that the curve ends at exactly 1. */
static void
lorenz_fill(const double *pop, const double *events, const size_t *ord,
    size_t n, double *cp, double *ce)
{
	struct ksum sp = {0, 0}, se = {0, 0};
	size_t k;

	cp[0] = ce[0] = 0;
	for (k = 0; k < n; k++) {
		ksum_add(&sp, pop[ord[k]]);
		ksum_add(&se, events[ord[k]]);
		cp[k + 1] = ksum_val(&sp);
		ce[k + 1] = ksum_val(&se);
	}
	for (k = 1; k <= n; k++) {
		cp[k] /= cp[n];
		ce[k] /= ce[n];
	}
	cp[n] = ce[n] = 1;
}

/* L(p), 0 < p < 1: within the area that straddles p its events are
 * spread evenly over its population (linear between the points). */
static double
lorenz_at(const double *cp, const double *ce, size_t n, double p)
{
	size_t k = 1;

	while (k < n && cp[k] < p)
		k++;
	return ce[k - 1] + (ce[k] - ce[k - 1]) * ((p - cp[k - 1]) /
	    (cp[k] - cp[k - 1]));
}

/* x ln x + (1 - x) and x - 1 - ln x: the Theil T and L terms plus the
 * linear terms that sum to zero over any weights, which makes each >= 0
 * (0 at x = 1) and spares the cancellation of positive and negative
 * logs.  1 - x is exact near 1; x ln x is 0 at x = 0. */
static double
bt(double x)
{
	return (x > 0 ? x * log(x) : 0) + (1 - x);
}

static double
bl(double x)
{
	return (x - 1) - log(x);
}

/* Theil's decomposition by the parents: group sums, then the terms. */
static int
decompose(const double *w, const double *rr, const uint32_t *parent,
    size_t nparents, size_t n, int haszero, struct ineq_result *r,
    struct err *e)
{
	struct ksum tw = {0, 0}, tb = {0, 0}, lw = {0, 0}, lb = {0, 0};
	double *W, *S, R;
	size_t i, g;

	if ((W = calloc(2 * nparents + 1, sizeof *W)) == NULL)
		return err_nomem(e);
	S = W + nparents;
	for (i = 0; i < n; i++) {
		W[parent[i]] += w[i];
		S[parent[i]] += w[i] * rr[i];
	}
	/* Within: S_g T_g = R_g sum_g w_i bt(r_i / R_g), with R_g =
	 * mu_g / mu; a group with no events has equal rates, T_g 0. */
	for (i = 0; i < n; i++) {
		g = parent[i];
		R = S[g] / W[g];
		if (R > 0)
			ksum_add(&tw, R * w[i] * bt(rr[i] / R));
		if (!haszero)
			ksum_add(&lw, w[i] * bl(rr[i] / R));
	}
	for (g = 0; g < nparents; g++) {
		if (W[g] == 0)
			continue;
		R = S[g] / W[g];
		ksum_add(&tb, W[g] * bt(R));
		if (!haszero)
			ksum_add(&lb, W[g] * bl(R));
	}
	r->theil_t_within = ksum_val(&tw);
	r->theil_t_between = ksum_val(&tb);
	if (!haszero) {
		r->theil_l_within = ksum_val(&lw);
		r->theil_l_between = ksum_val(&lb);
	}
	free(W);
	return 0;
}

int
ineq_compute(const double *pop, const double *events,
    const uint32_t *parent, size_t nparents, size_t n, int gini_correction,
    struct ineq_result *r, struct err *e)
{
	struct ksum t = {0, 0}, l = {0, 0}, h = {0, 0}, c2 = {0, 0};
	struct ksum v = {0, 0};
	double P, E, mu, *buf = NULL, *y, *w, *rr, *cp, *ce, *suf, low;
	size_t *ord = NULL, i;
	int rc = -1;

	r->areas = n;
	r->zero_areas = 0;
	r->gini = r->theil_t = r->theil_t_within = r->theil_t_between = NAN;
	r->theil_l = r->theil_l_within = r->theil_l_between = NAN;
	r->atkinson_05 = r->atkinson_1 = r->atkinson_2 = NAN;
	r->palma = r->cv = NAN;
	if (check_areas(pop, events, n, NULL, &P, &E, e) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (parent != NULL && parent[i] >= nparents)
			return errf(e, ERR_DATA, "area %zu: parent %lu is not "
			    "below the number of parents, %zu", i,
			    (unsigned long)parent[i], nparents);
		r->zero_areas += events[i] == 0;
	}
	if (!(E > 0))
		return 0;
	if (n > SIZE_MAX / sizeof *buf / 6 - 1 ||
	    (buf = malloc((6 * n + 3) * sizeof *buf)) == NULL ||
	    (ord = malloc(n * sizeof *ord)) == NULL) {
		err_nomem(e);
		goto out;
	}
	y = buf;
	w = y + n;
	rr = w + n;
	cp = rr + n;
	ce = cp + n + 1;
	suf = ce + n + 1;
	mu = E / P;
	for (i = 0; i < n; i++) {
		y[i] = events[i] / pop[i];
		w[i] = pop[i] / P;
		rr[i] = y[i] / mu;
		ksum_add(&t, w[i] * bt(rr[i]));
		ksum_add(&v, w[i] * (rr[i] - 1) * (rr[i] - 1));
		/* 1 - (sum w sqrt r)^2 = H (2 - H), H = sum w (sqrt r - 1)^2
		 * / 2 (as sum w = sum w r = 1): no 1 - 0.99... */
		ksum_add(&h, w[i] * (sqrt(rr[i]) - 1) * (sqrt(rr[i]) - 1) / 2);
		if (r->zero_areas == 0) {
			ksum_add(&l, w[i] * bl(rr[i]));
			/* 1 - 1 / sum (w / r) = X / (1 + X) for the same
			 * reason, X = sum w (r - 1)^2 / r. */
			ksum_add(&c2, w[i] * (rr[i] - 1) * (rr[i] - 1) / rr[i]);
		}
	}
	r->theil_t = ksum_val(&t);
	r->cv = sqrt(ksum_val(&v));
	r->atkinson_05 = ksum_val(&h) * (2 - ksum_val(&h));
	if (r->zero_areas == 0) {
		r->theil_l = ksum_val(&l);
		r->atkinson_1 = -expm1(-r->theil_l);
		r->atkinson_2 = ksum_val(&c2) / (1 + ksum_val(&c2));
	}
	if (sort_by_rate(y, n, ord, e) < 0)
		goto out;
	r->gini = gini_sorted(pop, events, NULL, y, ord, n, gini_correction,
	    suf);
	lorenz_fill(pop, events, ord, n, cp, ce);
	low = lorenz_at(cp, ce, n, 0.4);
	r->palma = low > 0 ? (1 - lorenz_at(cp, ce, n, 0.9)) / low : NAN;
	if (parent != NULL && decompose(w, rr, parent, nparents, n,
	    r->zero_areas > 0, r, e) < 0)
		goto out;
	rc = 0;
out:
	free(buf);
	free(ord);
	return rc;
}

static int
cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * A resample is kept as how many times each area was drawn: its Gini is
 * then the one of the areas in their sorted order weighted by the count
 * (a repeated area being that many equal areas), O(n) per resample
 * after one sort, with no copy of the data.
 */
int
ineq_gini_bootstrap(const double *pop, const double *events, size_t n,
    int gini_correction, unsigned long B, unsigned long seed, double level,
    double *lo, double *hi, struct err *e)
{
	double P, E, *y = NULL, *cnt = NULL, *suf = NULL, *g = NULL;
	size_t *ord = NULL, i;
	unsigned long b;
	gsl_rng *rng = NULL;
	int rc = -1, undef = 0;

	*lo = *hi = NAN;
	if (check_areas(pop, events, n, NULL, &P, &E, e) < 0)
		return -1;
	if (B == 0 || n == 0)
		return 0;
	if (n > SIZE_MAX / sizeof(double) - 1 ||
	    B > SIZE_MAX / sizeof(double))
		return err_nomem(e);
	y = malloc(n * sizeof *y);
	cnt = malloc(n * sizeof *cnt);
	suf = malloc((n + 1) * sizeof *suf);
	ord = malloc(n * sizeof *ord);
	g = malloc(B * sizeof *g);
	rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!y || !cnt || !suf || !ord || !g || !rng) {
		err_nomem(e);
		goto out;
	}
	/* gsl_rng_uniform_int() draws below n only for n <= max - min. */
	if (n > gsl_rng_max(rng) - gsl_rng_min(rng)) {
		errf(e, ERR_DATA, "%zu areas are too many for the bootstrap", n);
		goto out;
	}
	gsl_rng_set(rng, seed);
	for (i = 0; i < n; i++)
		y[i] = events[i] / pop[i];
	if (sort_by_rate(y, n, ord, e) < 0)
		goto out;
	for (b = 0; b < B; b++) {
		memset(cnt, 0, n * sizeof *cnt);
		for (i = 0; i < n; i++)
			cnt[gsl_rng_uniform_int(rng, n)]++;
		g[b] = gini_sorted(pop, events, cnt, y, ord, n,
		    gini_correction, suf);
		undef |= isnan(g[b]);
	}
	if (!undef) {
		qsort(g, B, sizeof *g, cmp_dbl);
		*lo = stats_quantile(g, B, (1 - level) / 2);
		*hi = stats_quantile(g, B, (1 + level) / 2);
	}
	rc = 0;
out:
	free(y);
	free(cnt);
	free(suf);
	free(ord);
	free(g);
	if (rng != NULL)
		gsl_rng_free(rng);
	return rc;
}

int
ineq_lorenz(const double *pop, const double *events, size_t n,
    double *cum_pop, double *cum_events, size_t *order, struct err *e)
{
	double P, E, *y;
	size_t *ord;
	int rc = -1;

	if (n > SIZE_MAX / sizeof(double) - 1)
		return err_nomem(e);
	if ((y = malloc(n * sizeof *y + 1)) == NULL)
		return err_nomem(e);
	if (check_areas(pop, events, n, y, &P, &E, e) < 0)
		goto out;
	if (!(E > 0)) {
		errf(e, ERR_DATA, "no area has events: there is no Lorenz "
		    "curve");
		goto out;
	}
	ord = order;
	if (ord == NULL && (ord = malloc(n * sizeof *ord)) == NULL) {
		err_nomem(e);
		goto out;
	}
	if (sort_by_rate(y, n, ord, e) == 0) {
		lorenz_fill(pop, events, ord, n, cum_pop, cum_events);
		rc = 0;
	}
	if (ord != order)
		free(ord);
out:
	free(y);
	return rc;
}
