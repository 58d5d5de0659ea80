/*
 * stats.h - the statistics caseflow reports, over GSL.
 *
 * Quantiles are type 7 (GSL's gsl_stats_quantile_from_sorted_data, R's
 * default): for sorted x[0..n-1] and probability p, h = (n - 1) p and the
 * value interpolates linearly between x[floor h] and x[floor h + 1].  The
 * standard deviation is the sample one (n - 1 in the denominator).
 *
 * Kaplan-Meier: times to an event (a case closed) with some times censored
 * (cases still open at the report's moment).  S(t) is the product over
 * event times t_i <= t of (1 - d_i / n_i), with d_i events at t_i and n_i
 * cases at risk just before t_i (censored times equal to an event time
 * count as at risk, as in R's survival package).  The p-quantile of the
 * time to the event is the smallest event time at which S(t) < 1 - p, or,
 * where S stays exactly at 1 - p over a stretch, the middle of that
 * stretch (R's quantile.survfit does the same, so that without censoring
 * the median is the usual one; "exactly" within R's tolerance,
 * sqrt(DBL_EPSILON)); it does not exist (NaN) when the curve
 * never gets that low.  Times must not be NaN (the functions then give
 * NaN and an empty curve).
 *
 * stats_init() turns GSL's abort-on-error handler off, once per process:
 * lib/ reports failures as statuses, it never aborts.
 */
#ifndef STATS_H
#define STATS_H

#include <stddef.h>

/* Turn GSL's abort handler off.  Call once before any other function. */
void stats_init(void);

/* Sort x[0..n-1] in place (ascending; no NaN allowed). */
void stats_sort(double *x, size_t n);

/* Type-7 quantile of sorted x[0..n-1], 0 <= p <= 1; NaN when n == 0. */
double stats_quantile(const double *sorted, size_t n, double p);

/* Mean of x[0..n-1]; NaN when n == 0. */
double stats_mean(const double *x, size_t n);

/* Sample standard deviation (n - 1); NaN when n < 2. */
double stats_sd(const double *x, size_t n);

/* One observation for Kaplan-Meier: a time, and 1 if the event happened
 * (0 if censored at that time). */
struct km_obs {
	double t;
	int event;
};

/*
 * Kaplan-Meier p-quantile of the time to the event over obs[0..n-1]
 * (sorted in place by time, events before censorings at equal times).
 * Returns NaN when S never drops to 1 - p, or when n == 0.
 */
double km_quantile(struct km_obs *obs, size_t n, double p);

/*
 * The Kaplan-Meier curve as steps: fills t[k] and s[k] with each distinct
 * event time and S just after it, at most cap of them, and returns how
 * many there are.  obs is sorted in place as for km_quantile().
 */
size_t km_curve(struct km_obs *obs, size_t n, double *t, double *s,
    size_t cap);

/*
 * The same two functions over times already sorted ascending and split:
 * ev[0..ne-1] the times of events, ce[0..nc-1] the censored times.  The
 * caller owns both arrays; nothing is sorted or changed.  This form needs
 * no copy of the data (caseflow keeps closed and open durations apart).
 */
double km_quantile_sorted(const double *ev, size_t ne, const double *ce,
    size_t nc, double p);
size_t km_curve_sorted(const double *ev, size_t ne, const double *ce,
    size_t nc, double *t, double *s, size_t cap);

#endif
