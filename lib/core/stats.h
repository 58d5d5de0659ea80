/*
 * stats.h - the statistics every tool shares, over GSL: means and
 * standard deviations, quantiles, Kaplan-Meier estimates, correlations,
 * Cronbach's alpha, the first principal component, skewness and
 * kurtosis.  Pure functions over the caller's arrays: nothing here
 * allocates unless it says so, and nothing prints.
 *
 * One rule for the mean and the spread, everywhere: stats_mean() is GSL's
 * (NaN for no values), stats_var() and stats_sd() are the sample ones,
 * n - 1 in the denominator, NaN for fewer than 2 values.  Every other
 * function here that needs a mean or a variance takes it from them.
 *
 * Quantiles are type 7 (GSL's gsl_stats_quantile_from_sorted_data, R's
 * default): for sorted x[0..n-1] and probability p, h = (n - 1) p and the
 * value interpolates linearly between x[floor h] and x[floor h + 1].
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

#include "core/util.h"

/* Turn GSL's abort handler off.  Call once before any other function. */
void stats_init(void);

/* Type-7 quantile of sorted x[0..n-1], 0 <= p <= 1; NaN when n == 0. */
double stats_quantile(const double *sorted, size_t n, double p);

/* Mean of x[0..n-1]; NaN when n == 0. */
double stats_mean(const double *x, size_t n);

/* Sample variance (n - 1); NaN when n < 2. */
double stats_var(const double *x, size_t n);

/* Sample standard deviation (n - 1), the root of stats_var(); NaN when
 * n < 2. */
double stats_sd(const double *x, size_t n);

/*
 * Pearson's r of the n pairs (x[i], y[i]): NaN when n < 2 or either
 * variable is constant; clamped to [-1, 1] against rounding.
 */
double stats_pearson(const double *x, const double *y, size_t n);

/* Scratch for stats_avg_ranks(): one per value. */
struct stats_rank_item {
	double v;
	size_t i;
};

/*
 * Average ranks (1-based, ascending) of x[0..n-1] (no NaN) into
 * r[0..n-1]: values that tie share the mean of the ranks they span, as
 * R's rank(ties.method = "average") gives.  Spearman's rho is Pearson's r
 * of two such rankings.  item is the caller's scratch for n items.
 */
void stats_avg_ranks(const double *x, size_t n, double *r,
    struct stats_rank_item *item);

/*
 * Cronbach's alpha of k >= 2 columns of n cases (column j at
 * cc[j * stride]): k / (k - 1) (1 - sum of the column variances / the
 * variance of the row sums).  sum is the caller's scratch for n values.
 * NaN when n < 2 or the row sums are constant.
 */
double stats_cronbach(const double *cc, size_t k, size_t n, size_t stride,
    double *sum);

/*
 * The first principal component of the correlation matrix of k columns of
 * n cases (column j at cc[j * stride]): its eigenvalue into *lambda (the
 * variance it explains is *lambda / k) and, when load is not NULL, its
 * eigenvector into load[k] (sign as GSL gives it).  Returns 1 when done,
 * 0 when undefined (k < 2, n < 3, a constant column, or GSL's solver
 * failed: *lambda is NAN), -1 with *e set when out of memory.  Allocates
 * (GSL's workspace) and frees before it returns.
 */
int stats_pca_first(const double *cc, size_t k, size_t n, size_t stride,
    double *lambda, double *load, struct err *e);

/* Skewness of type 2 (R's e1071, SAS, SPSS: the sample estimate adjusted
 * for size) of x[0..n-1]; NaN for n < 3 or constant values. */
double stats_skew(const double *x, size_t n);

/* Excess kurtosis of type 2 (as stats_skew) of x[0..n-1]; NaN for n < 4
 * or constant values. */
double stats_kurt(const double *x, size_t n);

/*
 * The Kaplan-Meier p-quantile (0 < p < 1) of the time to the event, from
 * times already sorted ascending and split: ev[0..ne-1] the times of
 * events, ce[0..nc-1] the censored times.  NaN when S never drops to
 * 1 - p, or when there are no times.  The caller owns both arrays;
 * nothing is sorted or changed, so no copy of the data is needed
 * (caseflow keeps closed and open durations apart).
 */
double km_quantile_sorted(const double *ev, size_t ne, const double *ce,
    size_t nc, double p);

/*
 * The Kaplan-Meier curve of the same split times as steps: fills t[k] and
 * s[k] with each distinct event time and S just after it, at most cap of
 * them, and returns how many there are.
 */
size_t km_curve_sorted(const double *ev, size_t ne, const double *ce,
    size_t nc, double *t, double *s, size_t cap);

#endif
