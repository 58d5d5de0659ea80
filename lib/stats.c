#include "stats.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

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
 * The group of observations at the time of obs[*i]: that time, with its
 * events in *d and censorings in *c; *i moves past the group.
 */
static double
km_group(const struct km_obs *obs, size_t n, size_t *i, size_t *d, size_t *c)
{
	double t = obs[*i].t;

	*d = *c = 0;
	for (; *i < n && obs[*i].t == t; (*i)++) {
		if (obs[*i].event)
			(*d)++;
		else
			(*c)++;
	}
	return t;
}

size_t
km_curve(struct km_obs *obs, size_t n, double *t, double *s, size_t cap)
{
	size_t i = 0, k = 0, at_risk = n, d, c;
	double surv = 1;

	if (km_prepare(obs, n) < 0)
		return 0;
	while (i < n) {
		double ti = km_group(obs, n, &i, &d, &c);

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

double
km_quantile(struct km_obs *obs, size_t n, double p)
{
	size_t i = 0, at_risk = n, d, c;
	double surv = 1, target = 1 - p, hit = NAN;

	if (n == 0 || !(p > 0 && p < 1) || km_prepare(obs, n) < 0)
		return NAN;
	while (i < n) {
		double ti = km_group(obs, n, &i, &d, &c);

		if (d > 0) {
			/* The curve was flat exactly at 1 - p since hit: the
			 * quantile is the middle of that stretch (R's rule). */
			if (!isnan(hit))
				return (hit + ti) / 2;
			surv *= 1 - (double)d / (double)at_risk;
			if (fabs(surv - target) < 1e-12)
				hit = ti;
			else if (surv < target)
				return ti;
		}
		at_risk -= d + c;
	}
	/* Flat at 1 - p to the end: the middle up to the last time seen. */
	return isnan(hit) ? NAN : (hit + obs[n - 1].t) / 2;
}
