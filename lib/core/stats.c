#include "core/stats.h"

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void
stats_init(void)
{
	gsl_set_error_handler_off();
}

double
stats_quantile(const double *sorted, size_t n, double p)
{
	if (n == 0 || !(p >= 0 && p <= 1))
		return NAN;
	return gsl_stats_quantile_from_sorted_data(sorted, 1, n, p);
}

double
stats_mean(const double *x, size_t n)
{
	return n == 0 ? NAN : gsl_stats_mean(x, 1, n);
}

double
stats_var(const double *x, size_t n)
{
	return n < 2 ? NAN : gsl_stats_variance_m(x, 1, n, stats_mean(x, n));
}

double
stats_sd(const double *x, size_t n)
{
	return sqrt(stats_var(x, n));
}

/* Is x[0..n-1] constant (every value equal to the first)?  1 or 0. */
static int
is_constant(const double *x, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (x[i] != x[0])
			return 0;
	return 1;
}

double
stats_pearson(const double *x, const double *y, size_t n)
{
	double mx, my, sxy = 0, sxx = 0, syy = 0, r;
	size_t i;

	if (n < 2 || is_constant(x, n) || is_constant(y, n))
		return NAN;
	mx = stats_mean(x, n);
	my = stats_mean(y, n);
	for (i = 0; i < n; i++) {
		double dx = x[i] - mx, dy = y[i] - my;
		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	if (!(sxx > 0 && syy > 0))
		return NAN;
	r = sxy / sqrt(sxx * syy);
	if (r > 1)
		r = 1;
	else if (r < -1)
		r = -1;
	return r;
}

static int
cmp_item(const void *a, const void *b)
{
	const struct stats_rank_item *p = a, *q = b;

	if (p->v != q->v)
		return p->v < q->v ? -1 : 1;
	return p->i < q->i ? -1 : p->i > q->i;
}

void
stats_avg_ranks(const double *x, size_t n, double *r,
    struct stats_rank_item *item)
{
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		item[i].v = x[i];
		item[i].i = i;
	}
	if (n > 1)
		qsort(item, n, sizeof *item, cmp_item);
	for (i = 0; i < n; i = j) {
		double rank;

		for (j = i + 1; j < n && item[j].v == item[i].v; j++)
			;
		/* Positions i .. j-1 are ranks i+1 .. j: their mean. */
		rank = ((double)(i + 1) + (double)j) / 2;
		for (k = i; k < j; k++)
			r[item[k].i] = rank;
	}
}

double
stats_cronbach(const double *cc, size_t k, size_t n, size_t stride,
    double *sum)
{
	double sumvar = 0, vs;
	size_t i, j;

	if (n < 2 || k < 2)
		return NAN;
	for (i = 0; i < n; i++)
		sum[i] = 0;
	for (j = 0; j < k; j++) {
		sumvar += stats_var(cc + j * stride, n);
		for (i = 0; i < n; i++)
			sum[i] += cc[j * stride + i];
	}
	if (is_constant(sum, n))
		return NAN;
	vs = stats_var(sum, n);
	if (!(vs > 0))
		return NAN;
	return (double)k / (double)(k - 1) * (1 - sumvar / vs);
}

int
stats_pca_first(const double *cc, size_t k, size_t n, size_t stride,
    double *lambda, double *load, struct err *e)
{
	gsl_matrix *a = NULL, *vec = NULL;
	gsl_vector *ev = NULL;
	gsl_eigen_symmv_workspace *ws = NULL;
	size_t i, j;
	int rc = -1;

	*lambda = NAN;
	if (n < 3 || k < 2)
		return 0;
	a = gsl_matrix_alloc(k, k);
	vec = gsl_matrix_alloc(k, k);
	ev = gsl_vector_alloc(k);
	ws = gsl_eigen_symmv_alloc(k);
	if (a == NULL || vec == NULL || ev == NULL || ws == NULL) {
		err_nomem(e);
		goto out;
	}
	rc = 0;
	for (i = 0; i < k; i++) {
		gsl_matrix_set(a, i, i, 1);
		for (j = i + 1; j < k; j++) {
			double r = stats_pearson(cc + i * stride,
			    cc + j * stride, n);
			if (isnan(r))
				goto out;
			gsl_matrix_set(a, i, j, r);
			gsl_matrix_set(a, j, i, r);
		}
	}
	if (gsl_eigen_symmv(a, ev, vec, ws) != GSL_SUCCESS ||
	    gsl_eigen_symmv_sort(ev, vec, GSL_EIGEN_SORT_VAL_DESC) !=
	    GSL_SUCCESS)
		goto out;
	*lambda = gsl_vector_get(ev, 0);
	if (load)
		for (i = 0; i < k; i++)
			load[i] = gsl_matrix_get(vec, i, 0);
	rc = 1;
out:
	if (ws)
		gsl_eigen_symmv_free(ws);
	gsl_vector_free(ev);
	gsl_matrix_free(vec);
	gsl_matrix_free(a);
	return rc;
}

double
stats_skew(const double *x, size_t n)
{
	double mean, s2 = 0, s3 = 0, y;
	size_t i;

	if (n < 3)
		return NAN;
	mean = stats_mean(x, n);
	for (i = 0; i < n; i++) {
		double d = x[i] - mean;
		s2 += d * d;
		s3 += d * d * d;
	}
	y = sqrt((double)n) * s3 / pow(s2, 1.5);
	return y * sqrt((double)n * (double)(n - 1)) / (double)(n - 2);
}

double
stats_kurt(const double *x, size_t n)
{
	double mean, s2 = 0, s4 = 0, r, dn = (double)n;
	size_t i;

	if (n < 4)
		return NAN;
	mean = stats_mean(x, n);
	for (i = 0; i < n; i++) {
		double d = x[i] - mean;
		s2 += d * d;
		s4 += d * d * d * d;
	}
	r = dn * s4 / (s2 * s2);
	return ((dn + 1) * (r - 3) + 6) * (dn - 1) / ((dn - 2) * (dn - 3));
}

/*
 * A walk over two sorted arrays of event and censoring times in time
 * order, one group of equal times at a step.
 */
struct km_walk {
	const double *ev, *ce;
	size_t ne, nc, ie, ic;
};

/* The next time with its events in *d and censorings in *c; 0 at the end. */
static int
km_next(struct km_walk *w, double *t, size_t *d, size_t *c)
{
	*d = *c = 0;
	if (w->ie >= w->ne && w->ic >= w->nc)
		return 0;
	if (w->ic >= w->nc || (w->ie < w->ne && w->ev[w->ie] <= w->ce[w->ic]))
		*t = w->ev[w->ie];
	else
		*t = w->ce[w->ic];
	for (; w->ie < w->ne && w->ev[w->ie] == *t; w->ie++)
		(*d)++;
	for (; w->ic < w->nc && w->ce[w->ic] == *t; w->ic++)
		(*c)++;
	return 1;
}

static size_t
km_curve_walk(struct km_walk *w, size_t n, double *t, double *s, size_t cap)
{
	size_t k = 0, at_risk = n, d, c;
	double surv = 1, ti;

	while (km_next(w, &ti, &d, &c)) {
		if (d > 0) {
			surv *= 1 - (double)d / (double)at_risk;
			if (k < cap) {
				t[k] = ti;
				s[k] = surv;
			}
			k++;
		}
		at_risk -= d + c;
	}
	return k;
}

static double
km_quantile_walk(struct km_walk *w, size_t n, double p)
{
	size_t at_risk = n, d, c;
	double surv = 1, target = 1 - p, hit = NAN, ti, last = NAN;

	if (n == 0 || !(p > 0 && p < 1))
		return NAN;
	while (km_next(w, &ti, &d, &c)) {
		last = ti;
		if (d > 0) {
			/* The curve was flat exactly at 1 - p since hit: the
			 * quantile is the middle of that stretch (R's rule). */
			if (!isnan(hit))
				return (hit + ti) / 2;
			surv *= 1 - (double)d / (double)at_risk;
			/* R's tolerance: the product of many factors is
			 * not exact. */
			if (fabs(surv - target) < 1.4901161193847656e-08)
				hit = ti;
			else if (surv < target)
				return ti;
		}
		at_risk -= d + c;
	}
	/* Flat at 1 - p to the end: the middle up to the last time seen. */
	return isnan(hit) ? NAN : (hit + last) / 2;
}

/* A walk over two sorted arrays; -1 if either holds a NaN. */
static int
km_sorted_walk(struct km_walk *w, const double *ev, size_t ne,
    const double *ce, size_t nc)
{
	size_t i;

	memset(w, 0, sizeof *w);
	for (i = 0; i < ne; i++)
		if (isnan(ev[i]))
			return -1;
	for (i = 0; i < nc; i++)
		if (isnan(ce[i]))
			return -1;
	w->ev = ev;
	w->ne = ne;
	w->ce = ce;
	w->nc = nc;
	return 0;
}

double
km_quantile_sorted(const double *ev, size_t ne, const double *ce, size_t nc,
    double p)
{
	struct km_walk w;

	if (km_sorted_walk(&w, ev, ne, ce, nc) < 0)
		return NAN;
	return km_quantile_walk(&w, ne + nc, p);
}

size_t
km_curve_sorted(const double *ev, size_t ne, const double *ce, size_t nc,
    double *t, double *s, size_t cap)
{
	struct km_walk w;

	if (km_sorted_walk(&w, ev, ne, ce, nc) < 0)
		return 0;
	return km_curve_walk(&w, ne + nc, t, s, cap);
}
