/*
 * montecarlo.c - rankcity's uncertainty analysis (rc_uncertainty): ranks
 * over many draws of the method choices and the weights, counted per
 * unit in an n x n histogram so that memory does not grow with the
 * number of draws.
 */
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "core/util.h"
#include "rankcity/internal.h"
#include "rankcity/rankcity.h"

/* ----------------------------------------------------------- uncertainty */

int
rc_uncertainty(const struct rc_model *m, const double *norm_in,
    const struct rc_mc_opts *o, struct rc_mc_result *r, struct buf *warn,
    struct err *e)
{
	size_t n = m->nunit, ni = m->nind, nn = m->nnode, k, u, j;
	size_t nagg = nn - ni;
	double *tab[2][3] = {{NULL}};
	double *a = NULL, *wr = NULL, *score = NULL;
	uint32_t *hist = NULL;
	int *rank = NULL;
	int combo[6][2], ncombo = 0, nz, ag, rc = -1;
	gsl_rng *rng = NULL;
	long rep;
	size_t *idx = NULL, *tmp = NULL;
	char q1[96];

	memset(r, 0, sizeof *r);
	/* n^2 rank counters: refuse sizes whose products overflow */
	if (n > 0 && (n > SIZE_MAX / sizeof(uint32_t) / n ||
	    nn > SIZE_MAX / sizeof(double) / n))
		return err_nomem(e);
	if ((o->norms & 3) == 0 || (o->aggs & 7) == 0)
		return errf(e, ERR_USAGE, "--uncertainty needs at least one "
		    "normalisation and one aggregation");
	a = malloc(nagg * n * sizeof *a + 1);
	wr = malloc(nn * sizeof *wr);
	score = malloc(n * sizeof *score + 1);
	hist = calloc(n * n + 1, sizeof *hist);
	rank = malloc(n * sizeof *rank + 1);
	idx = malloc(n * sizeof *idx + 1);
	tmp = malloc(n * sizeof *tmp + 1);
	r->median = malloc(n * sizeof(double) + 1);
	r->mean = malloc(n * sizeof(double) + 1);
	r->q05 = malloc(n * sizeof(double) + 1);
	r->q95 = malloc(n * sizeof(double) + 1);
	rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!a || !wr || !score || !hist || !rank || !idx || !tmp ||
	    !r->median ||
	    !r->mean || !r->q05 || !r->q95 || !rng) {
		err_nomem(e);
		goto out;
	}
	gsl_rng_set(rng, o->seed);
	/* The normalised tables, one per (normalisation, aggregation):
	 * the geometric mean works on logs and the harmonic one on
	 * reciprocals, so that every replication is weighted sums only.
	 * A normalisation that gives a value of 0 or less is not paired
	 * with gmean or hmean (they need positive values). */
	for (nz = 0; nz < 2; nz++) {
		const char *bad_code = NULL;
		double bad_y = 0;
		if (!(o->norms & (1u << nz)))
			continue;
		for (ag = 0; ag < 3; ag++)
			if ((o->aggs & (1u << ag)) &&
			    !(tab[nz][ag] = malloc(ni * n * sizeof(double) + 1))) {
				err_nomem(e);
				goto out;
			}
		for (k = 0; k < ni; k++) {
			const double *x = &norm_in[k * n];
			double dir = m->node[k].dir;
			struct colstat cs;

			/* score is free until the replications start */
			rc_col_stats(x, n, dir, &cs, score);
			if (rc_scalable(m, k, &cs, nz, e) < 0)
				goto out;
			for (u = 0; u < n; u++) {
				double v = dir * x[u], y;
				/* COINr's sensitivity vignette: minmax to
				 * [1, 100], z-scores with mean 10, sd 2 */
				y = nz == 0 ? rc_minmax_of(v, &cs, 1, 100) :
				    (v - cs.mean) / cs.sd * 2 + 10;
				if (!isnan(y) && !(y > 0) && (bad_code == NULL ||
				    y < bad_y)) {
					bad_code = m->node[k].code;
					bad_y = y;
				}
				for (ag = 0; ag < 3; ag++)
					if (tab[nz][ag])
						tab[nz][ag][k * n + u] = ag == 0 ?
						    y : ag == 1 ? log(y) : 1 / y;
			}
		}
		for (ag = 0; ag < 3; ag++) {
			if (!tab[nz][ag])
				continue;
			if (ag > 0 && bad_code) {
				char line[300];
				int len = snprintf(line, sizeof line,
				    "--uncertainty: z-scores (mean 10, sd 2) "
				    "reach %.4g for %s: not paired with %s\n",
				    bad_y, QV(q1, bad_code),
				    rc_method_name(RC_M_AGG, ag));
				if (warn && buf_append(warn, line,
				    (size_t)len) < 0) {
					err_nomem(e);
					goto out;
				}
				continue;
			}
			combo[ncombo][0] = nz;
			combo[ncombo][1] = ag;
			ncombo++;
		}
	}
	if (ncombo == 0) {
		errf(e, ERR_DATA, "%s: --uncertainty: no pair of normalisation and "
		    "aggregation is left (z-scores of 0 or below cannot go "
		    "with gmean or hmean): add minmax or amean", m->data_name);
		goto out;
	}
	for (rep = 0; rep < o->n; rep++) {
		int pick = ncombo > 1 ? (int)gsl_rng_uniform_int(rng,
		    (unsigned long)ncombo) : 0;
		const double *t;
		size_t p;

		nz = combo[pick][0];
		ag = combo[pick][1];
		t = tab[nz][ag];

		for (k = 0; k + 1 < nn; k++)
			wr[k] = m->w[k] * (1 + o->noise *
			    (2 * gsl_rng_uniform(rng) - 1));
		for (p = ni; p < nn; p++) {
			const struct rc_node *pn = &m->node[p];
			double *out = &a[(p - ni) * n];
			double *den = score; /* scratch */
			for (u = 0; u < n; u++)
				out[u] = den[u] = 0;
			for (j = 0; j < pn->nchild; j++) {
				size_t c = pn->child[j];
				const double *x = c < ni ? &t[c * n] :
				    &a[(c - ni) * n];
				double w = wr[c];
				for (u = 0; u < n; u++)
					if (!isnan(x[u])) {
						out[u] += w * x[u];
						den[u] += w;
					}
			}
			for (u = 0; u < n; u++)
				out[u] = den[u] > 0 ? out[u] / den[u] : NAN;
		}
		/* The root's transformed mean orders the units as its score
		 * does; reciprocals (hmean) order them backwards. */
		for (u = 0; u < n; u++)
			score[u] = ag == 2 ? -a[(nagg - 1) * n + u] :
			    a[(nagg - 1) * n + u];
		rc_rank_ties_min(score, n, 1, rank, idx, tmp);
		for (u = 0; u < n; u++)
			if (rank[u] > 0)
				hist[u * n + (size_t)(rank[u] - 1)]++;
	}
	/* Type-7 quantiles, mean and median from each unit's histogram. */
	for (u = 0; u < n; u++) {
		const uint32_t *h = &hist[u * n];
		uint64_t tot = 0;
		double sum = 0;
		double ps[3] = {0.5, 0.05, 0.95}, *dst[3];
		dst[0] = &r->median[u];
		dst[1] = &r->q05[u];
		dst[2] = &r->q95[u];
		for (k = 0; k < n; k++) {
			tot += h[k];
			sum += (double)h[k] * (double)(k + 1);
		}
		r->mean[u] = tot ? sum / (double)tot : NAN;
		for (j = 0; j < 3; j++) {
			double hh, lo_v = NAN, hi_v = NAN;
			uint64_t lo, cum = 0;
			if (tot == 0) {
				*dst[j] = NAN;
				continue;
			}
			hh = (double)(tot - 1) * ps[j];
			lo = (uint64_t)floor(hh);
			/* order statistics lo and lo + 1 (0-based) */
			for (k = 0; k < n; k++) {
				if (isnan(lo_v) && cum + h[k] > lo)
					lo_v = (double)(k + 1);
				if (isnan(hi_v) && cum + h[k] > lo + 1)
					hi_v = (double)(k + 1);
				cum += h[k];
			}
			if (isnan(hi_v))
				hi_v = lo_v;
			*dst[j] = lo_v + (hh - (double)lo) * (hi_v - lo_v);
		}
	}
	rc = 0;
out:
	for (j = 0; j < 2; j++)
		for (k = 0; k < 3; k++)
			free(tab[j][k]);
	free(a);
	free(wr);
	free(score);
	free(hist);
	free(rank);
	free(idx);
	free(tmp);
	gsl_rng_free(rng);
	if (rc < 0) {
		free(r->median);
		free(r->mean);
		free(r->q05);
		free(r->q95);
		memset(r, 0, sizeof *r);
	}
	return rc;
}
