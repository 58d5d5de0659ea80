#include "core/stats.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void
stats_init(void)
{
	gsl_set_error_handler_off();
}

void
stats_sort(double *x, size_t n)
{
	gsl_sort(x, 1, n);
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
stats_sd(const double *x, size_t n)
{
	return n < 2 ? NAN : gsl_stats_sd(x, 1, n);
}

static int
cmp_obs(const void *a, const void *b)
{
	const struct km_obs *p = a, *q = b;

	if (p->t != q->t)
		return p->t < q->t ? -1 : 1;
	return q->event - p->event; /* events first */
}

/* Sort obs for a walk by time; -1 if a time is NaN (no order then). */
static int
km_prepare(struct km_obs *obs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (isnan(obs[i].t))
			return -1;
	if (n > 1)
		qsort(obs, n, sizeof *obs, cmp_obs);
	return 0;
}

/*
 * A walk over observations in time order, one group of equal times at a
 * step: either a sorted km_obs array or two sorted arrays of event and
 * censoring times.
 */
struct km_walk {
	const struct km_obs *obs;
	size_t n, i;
	const double *ev, *ce;
	size_t ne, nc, ie, ic;
};

/* The next time with its events in *d and censorings in *c; 0 at the end. */
static int
km_next(struct km_walk *w, double *t, size_t *d, size_t *c)
{
	*d = *c = 0;
	if (w->obs != NULL) {
		if (w->i >= w->n)
			return 0;
		*t = w->obs[w->i].t;
		for (; w->i < w->n && w->obs[w->i].t == *t; w->i++) {
			if (w->obs[w->i].event)
				(*d)++;
			else
				(*c)++;
		}
		return 1;
	}
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

size_t
km_curve(struct km_obs *obs, size_t n, double *t, double *s, size_t cap)
{
	struct km_walk w = {0};

	if (km_prepare(obs, n) < 0)
		return 0;
	w.obs = obs;
	w.n = n;
	return km_curve_walk(&w, n, t, s, cap);
}

double
km_quantile(struct km_obs *obs, size_t n, double p)
{
	struct km_walk w = {0};

	if (km_prepare(obs, n) < 0)
		return NAN;
	w.obs = obs;
	w.n = n;
	return km_quantile_walk(&w, n, p);
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
