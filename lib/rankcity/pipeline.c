/*
 * pipeline.c - the composite-index pipeline (see rankcity.h): denominate,
 * screen, impute, treat, normalise, weight, aggregate and rank.
 *
 * Formulas follow COINr 1.1 (the JRC's reference implementation of the
 * OECD/JRC Handbook), so that its published results reproduce: min-max
 * (x - min) / (max - min) * (U - L) + L; z-score with the n - 1 sd (the
 * one rule of core/stats.h); e1071 type-2 skewness and kurtosis;
 * winsorisation of the most extreme value (ties together) on the skewed
 * side; weighted means that skip a missing value and rescale the
 * remaining weights; ranks with ties at the lowest rank.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/num.h"
#include "core/stats.h"
#include "core/util.h"
#include "rankcity/internal.h"
#include "rankcity/rankcity.h"

/* -------------------------------------------------------------- pipeline */

static long
col_index(const struct rc_model *m, const char *name)
{
	size_t c;

	for (c = 0; c < m->ncol; c++)
		if (strcmp(m->colname[c], name) == 0)
			return (long)c;
	return -1;
}

static int
cmp_colname(const void *a, const void *b, void *ctx)
{
	char **name = ctx;

	return strcmp(name[*(const size_t *)a], name[*(const size_t *)b]);
}

/* The kept column called name, by binary search in by (the columns in
 * the order of their names): index or -1. */
static long
col_find(const struct rc_model *m, const size_t *by, const char *name)
{
	size_t lo = 0, hi = m->ncol;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, m->colname[by[mid]]);
		if (c == 0)
			return (long)by[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

int
rc_denominate(struct rc_model *m, struct err *e)
{
	size_t k, u, n = m->nunit;
	size_t *by = malloc((m->ncol + 1) * sizeof *by);
	size_t *tmp = malloc((m->ncol + 1) * sizeof *tmp);
	char q1[96], q2[96], q3[96];
	int rc = -1;

	if (!by || !tmp) {
		err_nomem(e);
		goto out;
	}
	/* The columns by name, once: a search of them per indicator was
	 * quadratic when every indicator has a Denominator of its own. */
	for (k = 0; k < m->ncol; k++)
		by[k] = k;
	rc_sort_idx(by, m->ncol, tmp, cmp_colname, m->colname);
	for (k = 0; k < m->nind; k++) {
		long c;
		if (m->node[k].denom == NULL)
			continue;
		c = col_find(m, by, m->node[k].denom);
		if (c < 0) {
			errf(e, ERR_DATA, "%s: no column %s (the "
			    "Denominator of %s)", m->data_name,
			    QV(q1, m->node[k].denom), QV(q2, m->node[k].code));
			goto out;
		}
		for (u = 0; u < n; u++) {
			const char *s = m->colval[c][u];
			double d, *x = &m->x[k * n + u];
			enum num_status st = parse_num(s, strlen(s), &d);
			if (st == NUM_EMPTY || st == NUM_NA || st == NUM_NAN) {
				*x = NAN;
				continue;
			}
			if (st != NUM_OK) {
				errf(e, ERR_DATA, "%s:%ld: column %s: %s %s",
				    m->data_name, m->uline[u],
				    QV(q1, m->colname[c]), QV(q2, s),
				    num_status_text(st));
				goto out;
			}
			if (d == 0 && !isnan(*x)) {
				errf(e, ERR_DATA, "%s:%ld: unit %s: Denominator "
				    "%s of %s is 0", m->data_name, m->uline[u],
				    QV(q1, m->unit[u]), QV(q2, m->colname[c]),
				    QV(q3, m->node[k].code));
				goto out;
			}
			*x /= d;
			if (!isnan(*x) && !isfinite(*x)) {
				errf(e, ERR_DATA, "%s:%ld: unit %s: %s divided "
				    "by its Denominator %s is too large to hold",
				    m->data_name, m->uline[u],
				    QV(q1, m->unit[u]), QV(q3, m->node[k].code),
				    QV(q2, m->colname[c]));
				goto out;
			}
		}
	}
	rc = 0;
out:
	free(by);
	free(tmp);
	return rc;
}

void
rc_availability(const struct rc_model *m, double *avail)
{
	size_t k, u, n = m->nunit;

	for (u = 0; u < n; u++) {
		size_t have = 0;
		for (k = 0; k < m->nind; k++)
			have += !isnan(m->x[k * n + u]);
		avail[u] = (double)have / (double)m->nind;
	}
}

int
rc_screen(struct rc_model *m, double min, size_t *dropped, struct err *e)
{
	size_t n = m->nunit, u, k, c, keep = 0;
	double *avail = malloc((n ? n : 1) * sizeof *avail);

	*dropped = 0;
	if (avail == NULL)
		return err_nomem(e);
	rc_availability(m, avail);
	for (u = 0; u < n; u++) {
		if (avail[u] < min) {
			free(m->unit[u]);
			if (m->label)
				free(m->label[u]);
			for (c = 0; c < m->ncol; c++)
				free(m->colval[c][u]);
			continue;
		}
		m->unit[keep] = m->unit[u];
		if (m->label)
			m->label[keep] = m->label[u];
		m->uline[keep] = m->uline[u];
		for (c = 0; c < m->ncol; c++)
			m->colval[c][keep] = m->colval[c][u];
		for (k = 0; k < m->nnode; k++)
			m->x[k * n + keep] = m->x[k * n + u];
		keep++;
	}
	/* Close the gaps between the nodes' rows: x is nnode * nunit. */
	for (k = 1; k < m->nnode; k++)
		memmove(&m->x[k * keep], &m->x[k * n], keep * sizeof *m->x);
	*dropped = n - keep;
	m->nunit = keep;
	free(avail);
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Mean or median of the non-missing x[i] for the units where sel(u). */
static double
centre(const double *x, size_t n, int median, char **grp, const char *g,
    double *tmp)
{
	size_t u, k = 0;

	for (u = 0; u < n; u++)
		if (!isnan(x[u]) && (grp == NULL || strcmp(grp[u], g) == 0))
			tmp[k++] = x[u];
	if (k == 0)
		return NAN;
	if (median) {
		qsort(tmp, k, sizeof *tmp, cmp_double);
		return stats_quantile(tmp, k, 0.5);
	}
	return stats_mean(tmp, k);
}

int
rc_impute(struct rc_model *m, enum rc_impute how, const char *group_col,
    size_t *filled, struct err *e)
{
	size_t n = m->nunit, k, u, v;
	int median = how == RC_IMPUTE_MEDIAN || how == RC_IMPUTE_GROUP_MEDIAN;
	int group = how == RC_IMPUTE_GROUP_MEAN ||
	    how == RC_IMPUTE_GROUP_MEDIAN;
	char **grp = NULL;
	double *tmp, *fill;

	*filled = 0;
	if (how == RC_IMPUTE_NONE)
		return 0;
	if (group) {
		long c = col_index(m, group_col);
		if (c < 0)
			return errf(e, ERR_USAGE, "no group column \"%s\"",
			    group_col);
		grp = m->colval[c];
	}
	tmp = malloc((n ? n : 1) * sizeof *tmp);
	fill = malloc((n ? n : 1) * sizeof *fill);
	if (!tmp || !fill) {
		free(tmp);
		free(fill);
		return err_nomem(e);
	}
	for (k = 0; k < m->nind; k++) {
		double *x = &m->x[k * n];
		/* Fill values come from the data before this indicator's
		 * own filling, so the order of units does not matter. */
		for (u = 0; u < n; u++) {
			fill[u] = NAN;
			if (!isnan(x[u]))
				continue;
			if (!group) {
				fill[u] = centre(x, n, median, NULL, NULL, tmp);
				for (v = u + 1; v < n; v++)
					if (isnan(x[v]))
						fill[v] = fill[u];
				break;
			}
			if (grp[u][0] != '\0')
				fill[u] = centre(x, n, median, grp, grp[u],
				    tmp);
		}
		for (u = 0; u < n; u++)
			if (isnan(x[u]) && !isnan(fill[u])) {
				x[u] = fill[u];
				(*filled)++;
			}
	}
	free(tmp);
	free(fill);
	return 0;
}

/* COINr's check_SkewKurt: pass when |skew| < 2 or kurtosis < 3.5.  A
 * constant indicator (undefined skew) passes, as R's NA leaves it alone. */
static int
skewkurt_pass(const double *v, size_t n, double *skew, double *kurt)
{
	*skew = stats_skew(v, n);
	*kurt = stats_kurt(v, n);
	if (isnan(*skew) || isnan(*kurt))
		return 1;
	return fabs(*skew) < 2 || *kurt < 3.5;
}

int
rc_treat(struct rc_model *m, int maxpoints, struct rc_treat_info *info,
    struct err *e)
{
	size_t n = m->nunit, k, u, nv, i;
	double *v = malloc((n ? n : 1) * sizeof *v);
	unsigned char *hi = malloc(n ? n : 1), *lo = malloc(n ? n : 1);

	if (!v || !hi || !lo) {
		free(v);
		free(hi);
		free(lo);
		return err_nomem(e);
	}
	for (k = 0; k < m->nind; k++) {
		double *x = &m->x[k * n], s, kt;
		struct rc_treat_info *ti = &info[k];
		size_t nhi = 0, nlo = 0;
		int pass;

		for (u = nv = 0; u < n; u++)
			if (!isnan(x[u]))
				v[nv++] = x[u];
		ti->points = 0;
		ti->skew_after = ti->kurt_after = NAN;
		if (nv < 4) {
			ti->skew = ti->skew_after = stats_skew(v, nv);
			ti->kurt = ti->kurt_after = NAN;
			ti->treatment = "too-few-values";
			continue;
		}
		pass = skewkurt_pass(v, nv, &ti->skew, &ti->kurt);
		ti->skew_after = ti->skew;
		ti->kurt_after = ti->kurt;
		ti->treatment = "none";
		if (pass)
			continue;
		/* Winsorise: the most extreme value on the skewed side, ties
		 * together, becomes the next value in; COINr counts the
		 * points of the latest step on each side (which include the
		 * earlier ones, now tied with the extreme). */
		memset(hi, 0, nv);
		memset(lo, 0, nv);
		s = ti->skew;
		while (!pass && (long)(nhi + nlo) < maxpoints) {
			double ext, next = NAN;
			int up = stats_skew(v, nv) >= 0;
			unsigned char *mark = up ? hi : lo;
			size_t cnt = 0;
			ext = v[0];
			for (i = 1; i < nv; i++)
				if (up ? v[i] > ext : v[i] < ext)
					ext = v[i];
			for (i = 0; i < nv; i++) {
				mark[i] = v[i] == ext;
				cnt += mark[i];
				if (!mark[i] && (isnan(next) ||
				    (up ? v[i] > next : v[i] < next)))
					next = v[i];
			}
			if (isnan(next))
				break; /* all equal: nothing to move */
			for (i = 0; i < nv; i++)
				if (mark[i])
					v[i] = next;
			if (up)
				nhi = cnt;
			else
				nlo = cnt;
			pass = skewkurt_pass(v, nv, &s, &kt);
		}
		ti->points = nhi + nlo;
		if (pass) {
			ti->treatment = nhi && nlo ? "winsor" :
			    nhi ? "winsor-high" : "winsor-low";
			for (u = i = 0; u < n; u++)
				if (!isnan(x[u]))
					x[u] = v[i++];
		} else {
			/* log(x - min + 0.01 (max - min)) of the original */
			double mn = INFINITY, mx = -INFINITY;
			for (u = 0; u < n; u++)
				if (!isnan(x[u])) {
					mn = x[u] < mn ? x[u] : mn;
					mx = x[u] > mx ? x[u] : mx;
				}
			for (u = i = 0; u < n; u++)
				if (!isnan(x[u])) {
					x[u] = log(x[u] - mn + 0.01 * (mx - mn));
					v[i++] = x[u];
				}
			ti->treatment = "log";
			skewkurt_pass(v, nv, &s, &kt);
		}
		ti->skew_after = s;
		ti->kurt_after = kt;
	}
	free(v);
	free(hi);
	free(lo);
	return 0;
}

void
rc_col_stats(const double *x, size_t n, double dir, struct colstat *cs,
    double *tmp)
{
	size_t u;

	cs->cnt = 0;
	cs->mn = INFINITY;
	cs->mx = -INFINITY;
	for (u = 0; u < n; u++)
		if (!isnan(x[u])) {
			double v = dir * x[u];
			cs->mn = v < cs->mn ? v : cs->mn;
			cs->mx = v > cs->mx ? v : cs->mx;
			tmp[cs->cnt++] = v;
		}
	cs->mean = stats_mean(tmp, cs->cnt);
	cs->sd = stats_sd(tmp, cs->cnt);
}

double
rc_minmax_of(double v, const struct colstat *cs, double a, double b)
{
	if (isfinite(cs->mx - cs->mn))
		return (v - cs->mn) / (cs->mx - cs->mn) * (b - a) + a;
	return (v / 2 - cs->mn / 2) / (cs->mx / 2 - cs->mn / 2) * (b - a) + a;
}

int
rc_scalable(const struct rc_model *m, size_t k, const struct colstat *cs,
    int how, struct err *e)
{
	char q[96];

	if (how == 0 && cs->mx == cs->mn)
		return errf(e, ERR_DATA, "%s: indicator %s has the same value "
		    "for every unit: min-max cannot scale a zero range",
		    m->data_name, QV(q, m->node[k].code));
	if (how == 1 && !(cs->sd > 0))
		return errf(e, ERR_DATA, "%s: indicator %s has the same value "
		    "for every unit (or one value): z-scores need a standard "
		    "deviation", m->data_name, QV(q, m->node[k].code));
	if (how == 1 && !(isfinite(cs->mean) && isfinite(cs->sd)))
		return errf(e, ERR_DATA, "%s: indicator %s: its values are too "
		    "large for z-scores (their spread overflows)", m->data_name,
		    QV(q, m->node[k].code));
	return 0;
}

/* rc_normalise() with the caller's scratch for nunit values. */
static int
normalise(struct rc_model *m, const struct rc_norm_spec *sp, double *tmp,
    struct err *e)
{
	size_t n = m->nunit, k, u;
	char q[96], q2[96];

	for (k = 0; k < m->nind; k++) {
		struct rc_node *d = &m->node[k];
		double *x = &m->x[k * n], dir = d->dir, mn;
		struct colstat cs;

		rc_col_stats(x, n, dir, &cs, tmp);
		mn = cs.mn;
		if (cs.cnt == 0)
			return errf(e, ERR_DATA, "%s: indicator %s has no values",
			    m->data_name, QV(q, d->code));
		for (u = 0; u < n; u++)
			x[u] *= dir;
		switch (sp->how) {
		case RC_NORM_MINMAX:
			if (rc_scalable(m, k, &cs, 0, e) < 0)
				return -1;
			for (u = 0; u < n; u++)
				x[u] = rc_minmax_of(x[u], &cs, sp->a, sp->b);
			break;
		case RC_NORM_ZSCORE:
			if (rc_scalable(m, k, &cs, 1, e) < 0)
				return -1;
			for (u = 0; u < n; u++)
				x[u] = (x[u] - cs.mean) / cs.sd * sp->b + sp->a;
			break;
		case RC_NORM_RANK: {
			size_t *t1 = malloc(n * sizeof *t1);
			size_t *t2 = malloc(n * sizeof *t2);
			int *r = malloc(n * sizeof *r);
			if (!t1 || !t2 || !r) {
				free(t1);
				free(t2);
				free(r);
				return err_nomem(e);
			}
			/* ascending: the best unit gets the highest number */
			rc_rank_ties_min(x, n, 0, r, t1, t2);
			for (u = 0; u < n; u++)
				x[u] = r[u] > 0 ? (double)r[u] : NAN;
			free(t1);
			free(t2);
			free(r);
			break;
		}
		case RC_NORM_GOALPOSTS: {
			double lo = d->gp_lo, hi = d->gp_hi, y;
			if (isnan(lo) || isnan(hi))
				return errf(e, ERR_DATA, "%s: indicator %s: "
				    "goalposts need goalpost_lower and "
				    "goalpost_upper in META", m->data_name,
				    QV(q, d->code));
			if (!(lo < hi))
				return errf(e, ERR_DATA, "%s:%ld: indicator %s: "
				    "goalpost_lower %.17g is not below "
				    "goalpost_upper %.17g", m->meta_name ?
				    m->meta_name : m->data_name, d->line,
				    QV(q, d->code), lo, hi);
			for (u = 0; u < n; u++) {
				if (isnan(x[u]))
					continue;
				/* x was negated for direction -1: so are the
				 * posts, and they swap (COINr n_goalposts) */
				y = dir > 0 ? (x[u] - lo) / (hi - lo) :
				    (x[u] + hi) / (hi - lo);
				y = y > 1 ? 1 : y < 0 ? 0 : y;
				x[u] = y * sp->a;
			}
			break;
		}
		case RC_NORM_DIST2TARG: {
			double targ = d->target * dir;
			if (isnan(targ))
				return errf(e, ERR_DATA, "%s: indicator %s: "
				    "dist2targ needs its Target in META", m->data_name,
				    QV(q, d->code));
			if (!(targ > mn))
				return errf(e, ERR_DATA, "%s: indicator %s: the "
				    "Target (%.17g) is not above the lowest "
				    "value (%.17g)%s: distance to target would "
				    "be undefined or reverse the order",
				    m->data_name, QV(q, d->code), d->target, dir *
				    mn, dir < 0 ? ", Direction -1 reversing both" :
				    "");
			for (u = 0; u < n; u++) {
				if (isnan(x[u]))
					continue;
				x[u] = 1 - (targ - x[u]) / (targ - mn);
				if (sp->cap && x[u] > 1)
					x[u] = 1;
			}
			break;
		}
		case RC_NORM_NONE:
			/* Under TOPSIS the caller passes no direction flip:
			 * undo the negation (TOPSIS picks the ideal). */
			if (sp->raw_direction)
				for (u = 0; u < n; u++)
					x[u] *= dir;
			break;
		}
		for (u = 0; u < n; u++)
			if (!isnan(x[u]) && !isfinite(x[u]))
				return errf(e, ERR_DATA, "%s:%ld: unit %s: the "
				    "normalised value of %s is too large to "
				    "hold", m->data_name, m->uline[u],
				    QV(q2, m->unit[u]), QV(q, d->code));
	}
	return 0;
}

int
rc_normalise(struct rc_model *m, const struct rc_norm_spec *sp,
    struct err *e)
{
	double *tmp = malloc((m->nunit ? m->nunit : 1) * sizeof *tmp);
	int rc;

	if (tmp == NULL)
		return err_nomem(e);
	rc = normalise(m, sp, tmp, e);
	free(tmp);
	return rc;
}

/* The sort order of ranks: values ascending or descending, equal values
 * by index (so the sort is stable). */
struct rank_ctx {
	const double *x;
	int desc;
};

static int
cmp_rank(const void *a, const void *b, void *ctx)
{
	const struct rank_ctx *c = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	double xi = c->x[i], xj = c->x[j];

	if (xi != xj)
		return (xi < xj) == !c->desc ? -1 : 1;
	return (i > j) - (i < j);
}

void
rc_rank_ties_min(const double *x, size_t n, int desc, int *rank, size_t *idx,
    size_t *tmp)
{
	struct rank_ctx c = {x, desc};
	size_t u, k = 0, i;

	for (u = 0; u < n; u++) {
		rank[u] = 0;
		if (!isnan(x[u]))
			idx[k++] = u;
	}
	rc_sort_idx(idx, k, tmp, cmp_rank, &c);
	for (i = 0; i < k; i++)
		rank[idx[i]] = i > 0 && x[idx[i]] == x[idx[i - 1]] ?
		    rank[idx[i - 1]] : (int)(i + 1);
}

int
rc_rank(const double *score, size_t n, int *rank)
{
	size_t *idx = malloc((n ? n : 1) * sizeof *idx);
	size_t *tmp = malloc((n ? n : 1) * sizeof *tmp);

	if (!idx || !tmp) {
		free(idx);
		free(tmp);
		return -1;
	}
	rc_rank_ties_min(score, n, 1, rank, idx, tmp);
	free(idx);
	free(tmp);
	return 0;
}

/* --------------------------------------------------------------- weights */

/* Entropy weights of the children of node p (values as they are now). */
static int
entropy_weights(struct rc_model *m, size_t p, double *w, struct err *e)
{
	struct rc_node *pn = &m->node[p];
	size_t n = m->nunit, j, u;
	double dsum = 0;
	char q1[96], q2[96];

	for (j = 0; j < pn->nchild; j++) {
		const double *x = &m->x[pn->child[j] * n];
		double sum = 0, h = 0, first = NAN, top = 0, scale = 1;
		size_t cnt = 0;
		int constant = 1;
		for (u = 0; u < n; u++) {
			if (isnan(x[u]))
				continue;
			if (x[u] < 0)
				return errf(e, ERR_DATA, "%s:%ld: unit %s: entropy "
				    "weights need values of 0 or more, and %s "
				    "is %.17g (normalise with minmax first)",
				    m->data_name, m->uline[u],
				    QV(q2, m->unit[u]),
				    QV(q1, m->node[pn->child[j]].code), x[u]);
			if (cnt == 0)
				first = x[u];
			else if (x[u] != first)
				constant = 0;
			sum += x[u];
			top = x[u] > top ? x[u] : top;
			cnt++;
		}
		/* Values near 1e308 sum to infinity: every share would be
		 * 0, 0 log 0 NaN and the weights silently equal.  Then take
		 * the shares over the largest value first (only then, so
		 * that ordinary values give the same bits as ever). */
		if (!isfinite(sum)) {
			scale = top;
			sum = 0;
			for (u = 0; u < n; u++)
				if (!isnan(x[u]))
					sum += x[u] / scale;
		}
		w[j] = 0;
		if (constant || cnt < 2 || sum == 0)
			continue; /* no information: weight 0 */
		for (u = 0; u < n; u++)
			if (!isnan(x[u]) && x[u] > 0) {
				double pr = x[u] / scale / sum;
				h -= pr * log(pr);
			}
		w[j] = 1 - h / log((double)cnt);
		if (w[j] < 0)
			w[j] = 0;
		dsum += w[j];
	}
	for (j = 0; j < pn->nchild; j++)
		w[j] = dsum > 0 ? w[j] / dsum : 1.0 / (double)pn->nchild;
	return 0;
}

/* PCA weights: |loadings| of the first principal component of the
 * correlation matrix of the children (units with every child present). */
size_t
rc_complete_cases(const struct rc_model *m, const struct rc_node *agg,
    double *cc)
{
	size_t u, j, n = 0;

	for (u = 0; u < m->nunit; u++) {
		for (j = 0; j < agg->nchild; j++)
			if (!isfinite(m->x[agg->child[j] * m->nunit + u]))
				break;
		if (j < agg->nchild)
			continue;
		for (j = 0; j < agg->nchild; j++)
			cc[j * m->nunit + n] =
			    m->x[agg->child[j] * m->nunit + u];
		n++;
	}
	return n;
}

static int
pca_weights(struct rc_model *m, size_t p, double *w, struct err *e)
{
	struct rc_node *pn = &m->node[p];
	size_t n = m->nunit, k = pn->nchild, j, u, cc_n, kv = 0;
	double *cc = malloc((k * n + 1) * sizeof *cc);
	double *load = malloc((k + 1) * sizeof *load), lambda, s = 0;
	size_t *var = malloc((k + 1) * sizeof *var);
	int rc = -1, st;
	char q[96];

	if (!cc || !load || !var) {
		err_nomem(e);
		goto out;
	}
	for (j = 0; j < k; j++)
		w[j] = 0;
	if (k == 1) {
		w[0] = 1;
		rc = 0;
		goto out;
	}
	cc_n = rc_complete_cases(m, pn, cc);
	if (cc_n < 3) {
		errf(e, ERR_DATA, "%s: PCA weights for %s need 3 or more units "
		    "with every child present (there are %zu)", m->data_name,
		    QV(q, pn->code), cc_n);
		goto out;
	}
	/* children without variance carry no information: weight 0 */
	for (j = 0; j < k; j++) {
		const double *c = &cc[j * n];
		for (u = 1; u < cc_n && c[u] == c[0]; u++)
			;
		if (u == cc_n)
			continue;
		if (kv != j)
			memmove(&cc[kv * n], c, cc_n * sizeof *cc);
		var[kv++] = j;
	}
	if (kv < 2) {
		for (j = 0; j < kv; j++)
			w[var[j]] = 1;
		if (kv == 0)
			for (j = 0; j < k; j++)
				w[j] = 1.0 / (double)k;
		rc = 0;
		goto out;
	}
	st = stats_pca_first(cc, kv, cc_n, n, &lambda, load, e);
	if (st < 0)
		goto out;
	if (st == 0) {
		errf(e, ERR_DATA, "%s: PCA weights for %s: the eigen solver "
		    "failed", m->data_name, QV(q, pn->code));
		goto out;
	}
	for (j = 0; j < kv; j++)
		s += fabs(load[j]);
	for (j = 0; j < kv; j++)
		w[var[j]] = fabs(load[j]) / s;
	rc = 0;
out:
	free(cc);
	free(load);
	free(var);
	return rc;
}

/* ------------------------------------------------------------ aggregate */

/*
 * TOPSIS with vector normalisation: v = w x / |x| per column, the
 * distances of each unit to the ideal and the anti-ideal, C = d- / (d+ +
 * d-).  Each column is divided by its largest |x| (top) first and its
 * norm taken of that, v = w (x / top) / sqrt(sum (x / top)^2): squares of
 * values near 1e155 and above overflow to infinity, and those near 1e-155
 * and below to 0, either way leaving every v 0 (every unit alike).  Scaled,
 * x / top is at most 1 and the root at least 1, so nothing overflows for
 * any finite x, and a power-of-two scale of a column leaves v unchanged.
 */
static double
topsis_v(double w, double x, double top, double root)
{
	return top > 0 ? w * (x / top) / root : 0;
}

static int
topsis(struct rc_model *m, size_t p, const double *w, int dir_in_topsis,
    struct err *e)
{
	struct rc_node *pn = &m->node[p];
	size_t n = m->nunit, k = pn->nchild, j, u;
	double *out = &m->x[p * n];
	double *top = calloc(k, sizeof *top), *root = calloc(k, sizeof *root);
	double *best = calloc(k, sizeof *best);
	double *worst = calloc(k, sizeof *worst);
	char q1[96], q2[96];
	int rc = -1;

	if (!top || !root || !best || !worst) {
		err_nomem(e);
		goto out;
	}
	for (j = 0; j < k; j++) {
		size_t c = pn->child[j];
		const double *x = &m->x[c * n];
		double s = 0, hi = -INFINITY, lo = INFINITY;
		int neg = dir_in_topsis && c < m->nind && m->node[c].dir < 0;
		for (u = 0; u < n; u++)
			if (!isnan(x[u]) && fabs(x[u]) > top[j])
				top[j] = fabs(x[u]);
		if (top[j] > 0)
			for (u = 0; u < n; u++)
				if (!isnan(x[u]))
					s += (x[u] / top[j]) * (x[u] / top[j]);
		root[j] = sqrt(s);
		for (u = 0; u < n; u++)
			if (!isnan(x[u])) {
				double v = topsis_v(w[j], x[u], top[j], root[j]);
				hi = v > hi ? v : hi;
				lo = v < lo ? v : lo;
			}
		best[j] = neg ? lo : hi;
		worst[j] = neg ? hi : lo;
	}
	for (u = 0; u < n; u++) {
		double dp = 0, dm = 0;
		int any = 0;
		for (j = 0; j < k; j++) {
			double x = m->x[pn->child[j] * n + u], v;
			if (isnan(x))
				continue;
			v = topsis_v(w[j], x, top[j], root[j]);
			dp += (v - best[j]) * (v - best[j]);
			dm += (v - worst[j]) * (v - worst[j]);
			any = 1;
		}
		if (!any) {
			out[u] = NAN;
			continue;
		}
		dp = sqrt(dp);
		dm = sqrt(dm);
		if (dp + dm == 0) {
			errf(e, ERR_DATA, "%s: TOPSIS for %s: unit %s is at both "
			    "the ideal and the anti-ideal (every unit has the "
			    "same values)", m->data_name, QV(q1, pn->code),
			    QV(q2, m->unit[u]));
			goto out;
		}
		out[u] = dm / (dp + dm);
	}
	rc = 0;
out:
	free(top);
	free(root);
	free(best);
	free(worst);
	return rc;
}

int
rc_aggregate(struct rc_model *m, enum rc_weights wm, enum rc_agg agg,
    int dir_in_topsis, struct err *e)
{
	size_t n = m->nunit, p, j, u, maxc = 1;
	double *w;
	char q1[96], q2[96];

	for (p = m->nind; p < m->nnode; p++)
		if (m->node[p].nchild > maxc)
			maxc = m->node[p].nchild;
	w = malloc(maxc * sizeof *w);
	if (w == NULL)
		return err_nomem(e);
	for (p = m->nind; p < m->nnode; p++) {
		struct rc_node *pn = &m->node[p];
		double *out = &m->x[p * n], sum = 0;
		size_t k = pn->nchild;

		switch (wm) {
		case RC_W_META: {
			double top = 0;
			for (j = 0; j < k; j++) {
				sum += m->node[pn->child[j]].weight;
				if (m->node[pn->child[j]].weight > top)
					top = m->node[pn->child[j]].weight;
			}
			if (!(sum > 0)) {
				free(w);
				return errf(e, ERR_DATA, "%s:%ld: the Weights of "
				    "the children of %s sum to 0",
				    m->meta_name ? m->meta_name : m->data_name,
				    pn->line, QV(q1, pn->code));
			}
			/* Weights near 1e308 can sum to infinity, which
			 * would make every share 0 and every score empty:
			 * then share the weights over the largest first
			 * (the sum is then at most k).  Otherwise the plain
			 * division, so that ordinary weights give the same
			 * bits as ever. */
			if (!isfinite(sum)) {
				sum = 0;
				for (j = 0; j < k; j++)
					sum += m->node[pn->child[j]].weight /
					    top;
				for (j = 0; j < k; j++)
					w[j] = m->node[pn->child[j]].weight /
					    top / sum;
			} else
				for (j = 0; j < k; j++)
					w[j] = m->node[pn->child[j]].weight /
					    sum;
			break;
		}
		case RC_W_EQUAL:
			for (j = 0; j < k; j++)
				w[j] = 1.0 / (double)k;
			break;
		case RC_W_ENTROPY:
			if (entropy_weights(m, p, w, e) < 0) {
				free(w);
				return -1;
			}
			break;
		case RC_W_PCA:
			if (pca_weights(m, p, w, e) < 0) {
				free(w);
				return -1;
			}
			break;
		}
		for (j = 0; j < k; j++)
			m->w[pn->child[j]] = w[j];
		if (agg == RC_AGG_TOPSIS) {
			if (topsis(m, p, w, dir_in_topsis, e) < 0) {
				free(w);
				return -1;
			}
			continue;
		}
		for (u = 0; u < n; u++) {
			double num = 0, den = 0;
			for (j = 0; j < k; j++) {
				size_t c = pn->child[j];
				double x = m->x[c * n + u];
				if (isnan(x) || w[j] == 0)
					continue;
				if (agg != RC_AGG_AMEAN && !(x > 0)) {
					free(w);
					return errf(e, ERR_DATA, "%s:%ld: unit %s: "
					    "%s needs values above 0, and %s "
					    "is %.17g (normalise with "
					    "minmax:1,100)", m->data_name,
					    m->uline[u], QV(q2, m->unit[u]),
					    rc_method_name(RC_M_AGG, agg),
					    QV(q1, m->node[c].code), x);
				}
				num += agg == RC_AGG_AMEAN ? w[j] * x :
				    agg == RC_AGG_GMEAN ? w[j] * log(x) :
				    w[j] / x;
				den += w[j];
			}
			if (den == 0)
				out[u] = NAN;
			else if (agg == RC_AGG_AMEAN)
				out[u] = num / den;
			else if (agg == RC_AGG_GMEAN)
				out[u] = exp(num / den);
			else
				out[u] = den / num;
		}
	}
	free(w);
	m->w[m->nnode - 1] = 1;
	m->weff[m->nnode - 1] = 1;
	for (p = m->nnode - 1; p-- > 0;)
		m->weff[p] = m->weff[m->node[p].parent] * m->w[p];
	return 0;
}

