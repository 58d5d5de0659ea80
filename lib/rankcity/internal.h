/*
 * internal.h - what the modules of lib/rankcity share and nothing outside
 * it may use (the tools see rankcity.h only): messages' quoting, a stable
 * index sort, ranks with ties, and the column statistics of the
 * normalisations.  Who defines what: model.c rc_sort_idx; pipeline.c the
 * rest.  Nothing here allocates.
 */
#ifndef RANKCITY_INTERNAL_H
#define RANKCITY_INTERNAL_H

#include <stddef.h>
#include <string.h>

#include "core/util.h"
#include "rankcity/rankcity.h"

/* A NUL-terminated value quoted for a message into the array buf. */
#define QV(buf, s) quote_value((buf), sizeof(buf), (s), strlen(s))

/*
 * Sort the n indexes v[] stably (a merge sort: qsort_r is not in C11 or
 * POSIX) with cmp(a, b, ctx) on pointers to two of them; tmp is scratch
 * for n indexes.
 */
void rc_sort_idx(size_t *v, size_t n, size_t *tmp,
    int (*cmp)(const void *, const void *, void *), void *ctx);

/* Ranks of x[n] into rank[n], highest first when desc, else lowest
 * first; ties share the lowest rank, NAN gets 0.  idx and tmp: n indexes
 * each. */
void rc_rank_ties_min(const double *x, size_t n, int desc, int *rank,
    size_t *idx, size_t *tmp);

/* The statistics min-max and z-scores need, of dir * x over the values
 * present: the mean and the sample sd as core/stats.h has them (NAN for
 * no values, and the sd for fewer than 2). */
struct colstat {
	size_t cnt;
	double mn, mx, mean, sd;
};

/* The statistics of dir * x over the values present; tmp is the caller's
 * scratch for n values. */
void rc_col_stats(const double *x, size_t n, double dir, struct colstat *cs,
    double *tmp);

/* Min-max of v onto [a, b]: COINr's (v - min) / (max - min) (b - a) + a,
 * halved first when max - min overflows. */
double rc_minmax_of(double v, const struct colstat *cs, double a, double b);

/* Check that min-max (how 0) or z-scores (how 1) can scale indicator k's
 * column: 0, or -1 with *e set (ERR_DATA) naming it. */
int rc_scalable(const struct rc_model *m, size_t k, const struct colstat *cs,
    int how, struct err *e);

#endif
