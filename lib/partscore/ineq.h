/*
 * ineq.h - inequality of per-capita participation across areas,
 * population-weighted: Gini (with a bootstrap interval), Theil T and L
 * with their within/between decomposition by a parent area, Atkinson,
 * Palma, the coefficient of variation, and the Lorenz curve.
 *
 * Area i has population pop[i] > 0 and events[i] >= 0; its rate is
 * y_i = events[i] / pop[i], its weight w_i = pop[i] / sum(pop), and the
 * mean rate mu = sum(events) / sum(pop).  With equal populations every
 * measure equals the unweighted one of R's ineq and PySAL (no n/(n-1)
 * correction unless asked for).  Areas with no events are data: they are
 * kept in every measure; where a measure is undefined with a zero rate
 * (Theil L, Atkinson with epsilon >= 1) it is NaN, never computed over
 * the other areas as ineq and Stata's ineqdeco do.  The caller owns
 * every array; nothing here prints, exits or keeps a pointer.
 */
#ifndef PS_INEQ_H
#define PS_INEQ_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

struct ineq_result {
	size_t areas;        /* n */
	size_t zero_areas;   /* areas with events 0 */
	/*
	 * Gini = sum_i sum_j w_i w_j |y_i - y_j| / (2 mu); with the
	 * correction, times 1 / (1 - sum w_i^2) (n/(n-1) for equal weights,
	 * as DescTools' unbiased = TRUE).
	 */
	double gini;
	/*
	 * Theil T = sum w_i (y_i/mu) ln(y_i/mu), 0 ln 0 = 0; within =
	 * sum_g S_g T_g, between = sum_g S_g ln(S_g / W_g) (S_g, W_g the
	 * group's share of events and of population).  NaN without parents
	 * for within and between.
	 */
	double theil_t, theil_t_within, theil_t_between;
	/*
	 * Theil L (mean log deviation) = sum w_i ln(mu / y_i); within =
	 * sum_g W_g L_g, between = sum_g W_g ln(mu / mu_g).  NaN when an
	 * area has no events.
	 */
	double theil_l, theil_l_within, theil_l_between;
	/*
	 * Atkinson A(e) = 1 - (sum w_i (y_i/mu)^(1-e))^(1/(1-e)), and
	 * A(1) = 1 - exp(sum w_i ln y_i) / mu; for e = 0.5, 1, 2; the last
	 * two NaN when an area has no events.
	 */
	double atkinson_05, atkinson_1, atkinson_2;
	/*
	 * Palma = (1 - L(0.9)) / L(0.4), L the Lorenz curve interpolated
	 * linearly between areas (an area may straddle a decile); NaN when
	 * L(0.4) is 0.
	 */
	double palma;
	/* CV = population-weighted standard deviation (divisor sum w = 1)
	 * of the rates over mu. */
	double cv;
};

/*
 * Compute every measure over n >= 1 areas.  parent[i] is the index of
 * area i's parent group (0 .. nparents-1), or parent may be NULL (no
 * decomposition).  gini_correction: 1 for DescTools' unbiased Gini.
 * When sum(events) is 0 (mu = 0) every measure is NaN.  Returns 0, or -1
 * with *e set: ERR_DATA when a pop[i] is not > 0 or finite, or an
 * events[i] is negative or not finite; ERR_NOMEM.
 *
 * Clarified: n = 0 is the case mu = 0 (every measure NaN, returns 0).
 * ERR_DATA also when a parent[i] is not below nparents, or a rate or a
 * total overflows to infinity.  Messages name the area by its index in
 * the arrays (from 0) and give the value, as in
 * `area 3: population "0" is not a finite number > 0`.  With the
 * correction and a single area (sum w_i^2 = 1) the Gini is NaN.  A
 * parent with no areas is left out of the decomposition.
 */
int ineq_compute(const double *pop, const double *events,
    const uint32_t *parent, size_t nparents, size_t n, int gini_correction,
    struct ineq_result *r, struct err *e);

/*
 * The Gini's bootstrap interval: B resamples of the n areas with
 * replacement (GSL's mt19937 seeded with seed), each resample's Gini as
 * ineq_compute() computes it, and the type-7 quantiles at
 * (1 - level) / 2 and (1 + level) / 2 of the B values (the percentile
 * method).  Resamples whose Gini is undefined (no events) count as NaN
 * and make both ends NaN.  Same inputs and seed, same interval.  Returns
 * 0, or -1 with *e set (ERR_NOMEM).
 *
 * Clarified: each resample draws its n areas one after the other, each
 * gsl_rng_uniform_int(rng, n), resample after resample; an area drawn k
 * times weighs as k areas (the same Gini as ineq_compute() of the
 * resampled arrays, to rounding).  B = 0, n = 0 or a level outside
 * [0, 1] give NaN ends.  ERR_DATA for the inputs that ineq_compute()
 * refuses, and for n > 2^32 - 1 (more than mt19937 can draw from).
 */
int ineq_gini_bootstrap(const double *pop, const double *events, size_t n,
    int gini_correction, unsigned long B, unsigned long seed, double level,
    double *lo, double *hi, struct err *e);

/*
 * The Lorenz curve: areas in ascending order of rate (ties in input
 * order), cum_pop[k] and cum_events[k] the shares of population and of
 * events of the first k of them, k = 0..n (so both arrays hold n + 1
 * values, from 0 to 1).  order[k], k < n, receives the index of the kth
 * area when order is not NULL.  Returns 0, or -1 with *e set
 * (ERR_NOMEM; ERR_DATA when sum(events) is 0).
 *
 * Clarified: cum_pop[n] and cum_events[n] are exactly 1; ERR_DATA also
 * for the inputs that ineq_compute() refuses.  Palma's L(p) interpolates
 * linearly between these points.
 */
int ineq_lorenz(const double *pop, const double *events, size_t n,
    double *cum_pop, double *cum_events, size_t *order, struct err *e);

#endif
