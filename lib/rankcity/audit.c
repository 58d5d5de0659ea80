/*
 * audit.c - the statistical audit of a composite index (COINr's
 * get_corr, get_corr_flags, get_cronbach and get_PCA, as the OECD/JRC
 * Handbook uses them): how each node correlates with its parent, how
 * siblings correlate with each other, and how coherent each aggregate's
 * children are (Cronbach's alpha, the variance share of the first
 * principal component).
 *
 * The rows, in this order:
 *
 *   1. every node that has a parent, in node order:
 *        pearson_parent,CODE,PARENT,r,FLAG
 *        spearman_parent,CODE,PARENT,rho,FLAG
 *      FLAG: negative (r < 0), weak (0 <= r < 0.3), else empty.
 *   2. every aggregate (nodes nind .. nnode-1) in node order, every pair
 *      i < j of its children in child[] order:
 *        pearson,CI,CJ,r,FLAG
 *        spearman,CI,CJ,rho,FLAG
 *      FLAG: collinear (r > 0.9), negative (r < -0.4), else empty
 *      (COINr get_corr_flags' default thresholds).
 *   3. every aggregate with two children or more, in node order:
 *        cronbach_alpha,AGG,,alpha,
 *        pca_variance,AGG,,share,
 *
 * Correlations use the pairwise-complete units; Spearman's rho is Pearson's
 * r of the average ranks of those units (ties get the mean of the ranks
 * they span, as R's cor(method = "spearman") gives).  Alpha and the PCA
 * share use the units for which every child is present.  A value counts
 * as present when it is finite (NAN marks a missing one).
 *
 * A measure that is undefined gets an empty value and the flag
 * "undefined": fewer than 3 units to compute it from, a variable that is
 * constant over those units (for alpha: a constant sum of the children),
 * or an eigenvalue computation that failed.
 */
#include "rankcity/rankcity.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/stats.h"

/* The fewest units any audit measure is computed from. */
#define AUDIT_MIN_N 3

/* Scratch space for the pairwise measures, nunit of each. */
struct scratch {
	double *xa, *ya;       /* the complete pairs */
	double *ra, *rb;       /* their average ranks */
	struct stats_rank_item *item;
};

/* Pearson's r, undefined (NAN) below AUDIT_MIN_N units. */
static double
pearson(const double *x, const double *y, size_t n)
{
	return n < AUDIT_MIN_N ? NAN : stats_pearson(x, y, n);
}

/*
 * Pearson's r and Spearman's rho of a[u] and b[u] over the n units where
 * both are present, into *r and *rho (NAN when undefined).
 */
static void
pair_corr(const double *a, const double *b, size_t n, struct scratch *s,
    double *r, double *rho)
{
	size_t u, m = 0;

	for (u = 0; u < n; u++)
		if (isfinite(a[u]) && isfinite(b[u])) {
			s->xa[m] = a[u];
			s->ya[m] = b[u];
			m++;
		}
	*r = pearson(s->xa, s->ya, m);
	if (isnan(*r)) {
		*rho = NAN;
		return;
	}
	stats_avg_ranks(s->xa, m, s->ra, s->item);
	stats_avg_ranks(s->ya, m, s->rb, s->item);
	*rho = pearson(s->ra, s->rb, m);
}

/*
 * One row: measure, code, with, then v (empty, with the flag "undefined",
 * when v is not finite) and flag (NULL for none).
 */
static int
put_row(struct csvw *w, const char *measure, const char *code,
    const char *with, double v, const char *flag, int precision,
    struct err *e)
{
	if (csvw_str(w, measure, e) < 0 || csvw_str(w, code, e) < 0 ||
	    csvw_str(w, with, e) < 0)
		return -1;
	if (!isfinite(v)) {
		if (csvw_str(w, "", e) < 0 || csvw_str(w, "undefined", e) < 0)
			return -1;
	} else if (csvw_num(w, v, precision, 0, e) < 0 ||
	    csvw_str(w, flag ? flag : "", e) < 0)
		return -1;
	return csvw_end(w, e);
}

/* The flag of a node's correlation with its parent. */
static const char *
parent_flag(double r)
{
	if (r < 0)
		return "negative";
	if (r < 0.3)
		return "weak";
	return NULL;
}

/* The flag of a correlation between siblings (COINr's defaults). */
static const char *
pair_flag(double r)
{
	if (r > 0.9)
		return "collinear";
	if (r < -0.4)
		return "negative";
	return NULL;
}

/* Check that the tree's indexes stay inside the model.  0 or -1. */
static int
check_model(const struct rc_model *m, struct err *e)
{
	size_t k, j;

	if (m->nind > m->nnode)
		return errf(e, ERR_DATA, "audit: %zu indicators but %zu nodes",
		    m->nind, m->nnode);
	if (m->nnode > 0 && m->nunit > 0 && m->x == NULL)
		return errf(e, ERR_DATA, "audit: the model holds no values");
	if (m->nunit > 0 && m->nnode > SIZE_MAX / sizeof(double) / m->nunit)
		return errf(e, ERR_DATA, "audit: the model is too large");
	for (k = 0; k < m->nnode; k++) {
		const struct rc_node *nd = &m->node[k];

		if (nd->code == NULL)
			return errf(e, ERR_DATA, "audit: node %zu has no code",
			    k);
		if (nd->parent >= 0 && (size_t)nd->parent >= m->nnode)
			return errf(e, ERR_DATA, "audit: node \"%s\" has a "
			    "parent out of range", nd->code);
		if (nd->nchild > 0 && nd->child == NULL)
			return errf(e, ERR_DATA, "audit: node \"%s\" lacks its "
			    "children", nd->code);
		for (j = 0; j < nd->nchild; j++)
			if (nd->child[j] >= m->nnode)
				return errf(e, ERR_DATA, "audit: node \"%s\" "
				    "has a child out of range", nd->code);
	}
	return 0;
}

int
rc_audit_write(const struct rc_model *m, struct csvw *w, int precision,
    struct err *e)
{
	static const char *const head[] = {"measure", "iCode", "with",
	    "value", "flag"};
	struct scratch s = {0};
	double *cc = NULL, *sum = NULL;
	size_t n = m->nunit, k, i, j, maxchild = 0;
	int rc = -1;

	if (check_model(m, e) < 0)
		return -1;
	for (i = 0; i < sizeof head / sizeof head[0]; i++)
		if (csvw_str(w, head[i], e) < 0)
			return -1;
	if (csvw_end(w, e) < 0)
		return -1;

	for (k = m->nind; k < m->nnode; k++)
		if (m->node[k].nchild > maxchild)
			maxchild = m->node[k].nchild;
	if (n > 0) {
		s.xa = malloc(n * sizeof *s.xa);
		s.ya = malloc(n * sizeof *s.ya);
		s.ra = malloc(n * sizeof *s.ra);
		s.rb = malloc(n * sizeof *s.rb);
		s.item = malloc(n * sizeof *s.item);
		sum = malloc(n * sizeof *sum);
		if (s.xa == NULL || s.ya == NULL || s.ra == NULL ||
		    s.rb == NULL || s.item == NULL || sum == NULL) {
			err_nomem(e);
			goto out;
		}
		if (maxchild >= 2) {
			if (maxchild > SIZE_MAX / sizeof *cc / n) {
				errf(e, ERR_DATA, "audit: the model is too "
				    "large");
				goto out;
			}
			cc = malloc(maxchild * n * sizeof *cc);
			if (cc == NULL) {
				err_nomem(e);
				goto out;
			}
		}
	}

	/* 1. Each node against its parent. */
	for (k = 0; k < m->nnode; k++) {
		const struct rc_node *nd = &m->node[k];
		const char *pc;
		double r = NAN, rho = NAN;

		if (nd->parent < 0)
			continue;
		pc = m->node[nd->parent].code;
		if (n > 0)
			pair_corr(m->x + k * n, m->x + (size_t)nd->parent * n,
			    n, &s, &r, &rho);
		if (put_row(w, "pearson_parent", nd->code, pc, r,
		    parent_flag(r), precision, e) < 0 ||
		    put_row(w, "spearman_parent", nd->code, pc, rho,
		    parent_flag(rho), precision, e) < 0)
			goto out;
	}

	/* 2. Siblings against each other, within each aggregate. */
	for (k = m->nind; k < m->nnode; k++) {
		const struct rc_node *nd = &m->node[k];

		for (i = 0; i < nd->nchild; i++)
			for (j = i + 1; j < nd->nchild; j++) {
				size_t ci = nd->child[i], cj = nd->child[j];
				const char *a = m->node[ci].code;
				const char *b = m->node[cj].code;
				double r = NAN, rho = NAN;

				if (n > 0)
					pair_corr(m->x + ci * n, m->x + cj * n,
					    n, &s, &r, &rho);
				if (put_row(w, "pearson", a, b, r,
				    pair_flag(r), precision, e) < 0 ||
				    put_row(w, "spearman", a, b, rho,
				    pair_flag(rho), precision, e) < 0)
					goto out;
			}
	}

	/* 3. The coherence of each aggregate's children. */
	for (k = m->nind; k < m->nnode; k++) {
		const struct rc_node *nd = &m->node[k];
		double alpha = NAN, share = NAN;
		size_t nc = 0;

		if (nd->nchild < 2)
			continue;
		if (n > 0) {
			nc = rc_complete_cases(m, nd, cc);
			alpha = nc < AUDIT_MIN_N ? NAN : stats_cronbach(cc,
			    nd->nchild, nc, n, sum);
			if (stats_pca_first(cc, nd->nchild, nc, n, &share,
			    NULL, e) < 0)
				goto out;
			share /= (double)nd->nchild; /* NAN stays NAN */
		}
		if (put_row(w, "cronbach_alpha", nd->code, "", alpha, NULL,
		    precision, e) < 0 ||
		    put_row(w, "pca_variance", nd->code, "", share, NULL,
		    precision, e) < 0)
			goto out;
	}
	rc = 0;
out:
	free(s.xa);
	free(s.ya);
	free(s.ra);
	free(s.rb);
	free(s.item);
	free(sum);
	free(cc);
	return rc;
}
