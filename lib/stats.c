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

size_t
km_curve(struct km_obs *obs, size_t n, double *t, double *s, size_t cap)
{
	size_t i = 0, k = 0, at_risk = n;
	double surv = 1;

	if (n > 1)
		qsort(obs, n, sizeof *obs, cmp_obs);
	while (i < n) {
		double ti = obs[i].t;
		size_t d = 0, c = 0;

		for (; i < n && obs[i].t == ti; i++) {
			if (obs[i].event)
				d++;
			else
				c++;
		}
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
	size_t i = 0, at_risk = n;
	double surv = 1;

	if (n == 0 || !(p > 0 && p < 1))
		return NAN;
	if (n > 1)
		qsort(obs, n, sizeof *obs, cmp_obs);
	while (i < n) {
		double ti = obs[i].t;
		size_t d = 0, c = 0;

		for (; i < n && obs[i].t == ti; i++) {
			if (obs[i].event)
				d++;
			else
				c++;
		}
		if (d > 0) {
			surv *= 1 - (double)d / (double)at_risk;
			/* A tolerance for S landing exactly on 1 - p. */
			if (surv <= 1 - p + 1e-12)
				return ti;
		}
		at_risk -= d + c;
	}
	return NAN;
}
