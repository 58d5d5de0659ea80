/*
 * run.c - rankcity's run (rc_run): the steps of pipeline.c and
 * montecarlo.c in the Handbook's order on the model model.c reads, the
 * tables it writes (ranking, --emit stages, uncertainty, --treat-out,
 * --weights-out, the audit of audit.c) and its charts; and the options'
 * defaults (rc_opts_init).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/chart.h"
#include "core/csvio.h"
#include "core/num.h"
#include "rankcity/internal.h"
#include "rankcity/rankcity.h"
#include "core/util.h"

static int
put_unit(struct csvw *w, const struct rc_model *m, size_t u, struct err *e)
{
	if (csvw_str(w, m->unit[u], e) < 0)
		return -1;
	return m->label ? csvw_str(w, m->label[u], e) : 0;
}

static int
put_unit_head(struct csvw *w, const struct rc_model *m, struct err *e)
{
	if (csvw_str(w, m->unit_col, e) < 0)
		return -1;
	return m->label ? csvw_str(w, m->label_col, e) : 0;
}

/* --emit: the indicators (and with aggregates, every node), input order. */
static int
write_stage(const struct rc_model *m, int with_aggregates, struct csvw *w,
    int precision, size_t *written, struct err *e)
{
	size_t k, u, nk = with_aggregates ? m->nnode : m->nind;

	if (put_unit_head(w, m, e) < 0)
		return -1;
	for (k = 0; k < nk; k++)
		if (csvw_str(w, m->node[k].code, e) < 0)
			return -1;
	if (csvw_end(w, e) < 0)
		return -1;
	for (u = 0; u < m->nunit; u++) {
		if (put_unit(w, m, u, e) < 0)
			return -1;
		for (k = 0; k < nk; k++)
			if (csvw_num(w, m->x[k * m->nunit + u], precision, 0,
			    e) < 0)
				return -1;
		if (csvw_end(w, e) < 0)
			return -1;
		(*written)++;
	}
	return 0;
}

static int
write_treat_out(const char *path, const struct rc_model *m,
    const struct rc_treat_info *ti, struct err *e)
{
	static const char *head[] = {"iCode", "skew", "kurtosis",
	    "treatment", "points", "skew_after", "kurtosis_after"};
	struct csvw *w = csvw_open(path, e);
	size_t k, i;

	if (w == NULL)
		return -1;
	for (i = 0; i < 7; i++)
		if (csvw_str(w, head[i], e) < 0)
			goto fail;
	if (csvw_end(w, e) < 0)
		goto fail;
	for (k = 0; k < m->nind; k++)
		if (csvw_str(w, m->node[k].code, e) < 0 ||
		    csvw_num(w, ti[k].skew, NUM_SHORTEST, 0, e) < 0 ||
		    csvw_num(w, ti[k].kurt, NUM_SHORTEST, 0, e) < 0 ||
		    csvw_str(w, ti[k].treatment, e) < 0 ||
		    csvw_int(w, (int64_t)ti[k].points, e) < 0 ||
		    csvw_num(w, ti[k].skew_after, NUM_SHORTEST, 0, e) < 0 ||
		    csvw_num(w, ti[k].kurt_after, NUM_SHORTEST, 0, e) < 0 ||
		    csvw_end(w, e) < 0)
			goto fail;
	return csvw_close(w, e);
fail:
	csvw_discard(w);
	return -1;
}

static int
write_weights_out(const char *path, const struct rc_model *m,
    struct err *e)
{
	struct csvw *w = csvw_open(path, e);
	size_t k;

	if (w == NULL)
		return -1;
	if (csvw_str(w, "iCode", e) < 0 || csvw_str(w, "level", e) < 0 ||
	    csvw_str(w, "weight", e) < 0 ||
	    csvw_str(w, "effective_weight", e) < 0 || csvw_end(w, e) < 0)
		goto fail;
	for (k = 0; k < m->nnode; k++)
		if (csvw_str(w, m->node[k].code, e) < 0 ||
		    csvw_int(w, m->node[k].level, e) < 0 ||
		    csvw_num(w, m->w[k], NUM_SHORTEST, 0, e) < 0 ||
		    csvw_num(w, m->weff[k], NUM_SHORTEST, 0, e) < 0 ||
		    csvw_end(w, e) < 0)
			goto fail;
	return csvw_close(w, e);
fail:
	csvw_discard(w);
	return -1;
}

/*
 * --previous: the earlier ranking's rank of each unit (0 when absent),
 * found by unit id.  Units are few (hundreds): a linear search per unit
 * is simple and fast enough; ids must be unique there too.
 */
static int
read_previous(const char *path, const struct rc_model *m,
    const struct csv_opts *c, long *prev, struct err *e)
{
	struct csvr *r = NULL;
	struct csv_record *rec;
	size_t ucol, rcol, u;
	long *seen = NULL;
	int st, rc = -1;
	char q1[96], q2[96];

	for (u = 0; u < m->nunit; u++)
		prev[u] = 0;
	if (csvr_open(&r, path, c, e) < 0)
		return -1;
	if (csvr_column(r, m->unit_col, &ucol, e) < 0 ||
	    csvr_column(r, "rank", &rcol, e) < 0)
		goto out;
	seen = calloc(m->nunit + 1, sizeof *seen);
	if (seen == NULL) {
		err_nomem(e);
		goto out;
	}
	while ((st = csvr_next(r, &rec, e)) == 1) {
		const char *id = rec->field[ucol];
		size_t len = rec->len[ucol];
		double v;
		enum num_status ns;
		if (csvr_check_width(r, rec, e) < 0)
			goto out;
		trim_blanks(&id, &len);
		for (u = 0; u < m->nunit; u++)
			if (strlen(m->unit[u]) == len &&
			    memcmp(m->unit[u], id, len) == 0)
				break;
		ns = parse_num(rec->field[rcol], rec->len[rcol], &v);
		if (ns == NUM_EMPTY || ns == NUM_NA)
			continue;
		if (ns != NUM_OK || v < 1 || v != floor(v) || v > 1e9) {
			errf(e, ERR_DATA, "%s:%ld: column \"rank\": %s is not "
			    "a rank", csvr_name(r), rec->line,
			    quote_value(q1, sizeof q1, rec->field[rcol],
			    rec->len[rcol]));
			goto out;
		}
		if (u == m->nunit)
			continue; /* a unit that is gone */
		if (seen[u]) {
			errf(e, ERR_DATA, "%s:%ld: duplicate unit %s (also on "
			    "line %ld)", csvr_name(r), rec->line,
			    QV(q2, m->unit[u]), seen[u]);
			goto out;
		}
		seen[u] = rec->line;
		prev[u] = (long)v;
	}
	if (st < 0)
		goto out;
	rc = 0;
out:
	free(seen);
	csvr_close(r);
	return rc;
}

/* Units in output order: by rank, ties and missing index in input order
 * (missing last). */
static size_t *
rank_order(const int *rank, size_t n)
{
	size_t *ord = malloc((n ? n : 1) * sizeof *ord), u, k = 0;
	size_t *cnt;
	size_t r;

	if (ord == NULL)
		return NULL;
	/* counting sort on rank (0 = unranked goes last) */
	cnt = calloc(n + 2, sizeof *cnt);
	if (cnt == NULL) {
		free(ord);
		return NULL;
	}
	for (u = 0; u < n; u++)
		cnt[rank[u] > 0 ? (size_t)rank[u] : n + 1]++;
	for (r = 0, k = 0; r < n + 2; r++) {
		size_t c = cnt[r];
		cnt[r] = k;
		k += c;
	}
	for (u = 0; u < n; u++)
		ord[cnt[rank[u] > 0 ? (size_t)rank[u] : n + 1]++] = u;
	free(cnt);
	return ord;
}

static int
write_ranking(const struct rc_model *m, const int *rank, const long *prev,
    const size_t *ord, struct csvw *w, int precision, size_t *written,
    struct err *e)
{
	size_t k, i, n = m->nunit, na = 0, *col;
	int lvl, rc = -1;

	/* aggregates: index first, then level descending, META order */
	col = malloc((m->nnode - m->nind + 1) * sizeof *col);
	if (col == NULL)
		return err_nomem(e);
	for (lvl = m->node[m->nnode - 1].level; lvl >= 2; lvl--)
		for (k = m->nind; k < m->nnode; k++)
			if (m->node[k].level == lvl)
				col[na++] = k;
	if (put_unit_head(w, m, e) < 0 || csvw_str(w, "rank", e) < 0 ||
	    (prev && csvw_str(w, "rank_change", e) < 0))
		goto out;
	for (k = 0; k < na; k++)
		if (csvw_str(w, m->node[col[k]].code, e) < 0)
			goto out;
	if (csvw_end(w, e) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		size_t u = ord[i];
		if (put_unit(w, m, u, e) < 0)
			goto out;
		if (rank[u] > 0 ? csvw_int(w, rank[u], e) < 0 :
		    csvw_raw(w, "", 0, e) < 0)
			goto out;
		if (prev && (rank[u] > 0 && prev[u] > 0 ?
		    csvw_int(w, prev[u] - rank[u], e) :
		    csvw_raw(w, "", 0, e)) < 0)
			goto out;
		for (k = 0; k < na; k++)
			if (csvw_num(w, m->x[col[k] * n + u], precision, 0,
			    e) < 0)
				goto out;
		if (csvw_end(w, e) < 0)
			goto out;
		(*written)++;
	}
	rc = 0;
out:
	free(col);
	return rc;
}

static int
write_uncertainty(const struct rc_model *m, const int *rank,
    const size_t *ord, const struct rc_mc_result *r, struct csvw *w,
    int precision, size_t *written, struct err *e)
{
	static const char *head[] = {"rank_nominal", "rank_median",
	    "rank_mean", "rank_q05", "rank_q95"};
	size_t i;

	if (put_unit_head(w, m, e) < 0)
		return -1;
	for (i = 0; i < 5; i++)
		if (csvw_str(w, head[i], e) < 0)
			return -1;
	if (csvw_end(w, e) < 0)
		return -1;
	for (i = 0; i < m->nunit; i++) {
		size_t u = ord[i];
		if (put_unit(w, m, u, e) < 0 ||
		    (rank[u] > 0 ? csvw_int(w, rank[u], e) :
		    csvw_raw(w, "", 0, e)) < 0 ||
		    csvw_num(w, r->median[u], precision, 0, e) < 0 ||
		    csvw_num(w, r->mean[u], precision, 0, e) < 0 ||
		    csvw_num(w, r->q05[u], precision, 0, e) < 0 ||
		    csvw_num(w, r->q95[u], precision, 0, e) < 0 ||
		    csvw_end(w, e) < 0)
			return -1;
		(*written)++;
	}
	return 0;
}

static const char *
unit_label(const struct rc_model *m, size_t u)
{
	return m->label ? m->label[u] : m->unit[u];
}

static int
make_chart(const struct rc_opts *o, const struct rc_model *m,
    const int *rank, const size_t *ord, const struct rc_mc_result *mc,
    struct buf *script, struct err *e)
{
	size_t n = m->nunit, root = m->nnode - 1, i, j, k = 0;
	const struct rc_node *rn = &m->node[root];
	const char **labels = calloc(n + 1, sizeof *labels);
	double *v = NULL, *lo = NULL, *hi = NULL;
	int rc = -1;

	if (labels == NULL)
		return err_nomem(e);
	switch (o->chart_type) {
	case RC_CHART_BAR:
		v = malloc((n + 1) * sizeof *v);
		if (v == NULL) {
			err_nomem(e);
			break;
		}
		for (i = 0; i < n; i++) {
			labels[i] = unit_label(m, ord[i]);
			v[i] = m->x[root * n + ord[i]];
		}
		rc = chart_bars_script(script, o->chart, rn->name, rn->name,
		    labels, v, n, e);
		break;
	case RC_CHART_STACKED: {
		const char **series = calloc(rn->nchild + 1, sizeof *series);
		v = malloc((n * rn->nchild + 1) * sizeof *v);
		if (!series || !v) {
			free(series);
			err_nomem(e);
			break;
		}
		for (j = 0; j < rn->nchild; j++)
			series[j] = m->node[rn->child[j]].name;
		/* each component's weighted share, the weights rescaled
		 * over the components the unit has (as in the mean) */
		for (i = 0; i < n; i++) {
			size_t u = ord[i];
			double den = 0;
			if (rank[u] == 0)
				continue;
			for (j = 0; j < rn->nchild; j++)
				if (!isnan(m->x[rn->child[j] * n + u]))
					den += m->w[rn->child[j]];
			labels[k] = unit_label(m, u);
			for (j = 0; j < rn->nchild; j++) {
				double x = m->x[rn->child[j] * n + u];
				v[k * rn->nchild + j] = isnan(x) || den == 0 ?
				    NAN : m->w[rn->child[j]] * x / den;
			}
			k++;
		}
		rc = chart_stacked_script(script, o->chart, rn->name, rn->name,
		    labels, k, series, rn->nchild, v, e);
		free(series);
		break;
	}
	case RC_CHART_UNCERTAINTY:
		v = malloc((n + 1) * sizeof *v);
		lo = malloc((n + 1) * sizeof *lo);
		hi = malloc((n + 1) * sizeof *hi);
		if (!v || !lo || !hi) {
			err_nomem(e);
			break;
		}
		for (i = 0; i < n; i++) {
			labels[i] = unit_label(m, ord[i]);
			v[i] = mc->median[ord[i]];
			lo[i] = mc->q05[ord[i]];
			hi[i] = mc->q95[ord[i]];
		}
		rc = chart_whiskers_script(script, o->chart,
		    "Rank uncertainty (median, 5%-95%)", "rank", labels, v, lo,
		    hi, n, e);
		break;
	}
	free(labels);
	free(v);
	free(lo);
	free(hi);
	return rc;
}

void
rc_opts_init(struct rc_opts *o)
{
	memset(o, 0, sizeof *o);
	o->csv.delim = ',';
	o->read.unit_col = "unit";
	o->screen = -1;
	o->treat_max = -1;
	o->norm.how = RC_NORM_MINMAX;
	o->norm.a = 0;
	o->norm.b = 100;
	o->weights = RC_W_META;
	o->agg = RC_AGG_AMEAN;
	o->precision = NUM_SHORTEST;
	o->mc.seed = 1;
	o->mc.noise = 0.25;
	o->mc.norms = 1u << RC_NORM_MINMAX | 1u << RC_NORM_ZSCORE;
	o->mc.aggs = 1u << RC_AGG_AMEAN | 1u << RC_AGG_GMEAN;
}

int
rc_run(const struct rc_opts *o, const char *path, struct csvw *out,
    struct buf *script, struct buf *warn, struct rc_summary *st,
    struct err *e)
{
	struct rc_model m;
	struct rc_treat_info *ti = NULL;
	struct rc_mc_result mc = {0};
	double *pre = NULL;
	int *rank = NULL;
	long *prev = NULL;
	size_t *ord = NULL, u;
	int rc = -1;

	memset(st, 0, sizeof *st);
	if (rc_read(&m, path, &o->csv, &o->read, warn, e) < 0)
		goto out;
	st->units = m.nunit;
	st->indicators = m.nind;
	st->aggregates = m.nnode - m.nind;
	if (o->denominate && rc_denominate(&m, e) < 0)
		goto out;
	if (o->emit == RC_EMIT_DENOMINATED) {
		rc = write_stage(&m, 0, out, o->precision, &st->written, e);
		goto out;
	}
	/* Availability is that of the data, so screening comes before the
	 * imputed values could hide the gaps, and screened units do not
	 * feed the imputation. */
	if (o->screen >= 0 && rc_screen(&m, o->screen, &st->screened, e) < 0)
		goto out;
	if (m.nunit == 0) {
		errf(e, ERR_DATA, "%s: no units to rank%s", m.data_name,
		    st->screened ? " (all screened out)" : "");
		goto out;
	}
	if (rc_impute(&m, o->impute, o->impute_col, &st->imputed, e) < 0)
		goto out;
	if (o->emit == RC_EMIT_IMPUTED) {
		rc = write_stage(&m, 0, out, o->precision, &st->written, e);
		goto out;
	}
	if (o->treat_max >= 0) {
		ti = calloc(m.nind, sizeof *ti);
		if (ti == NULL) {
			err_nomem(e);
			goto out;
		}
		if (rc_treat(&m, o->treat_max, ti, e) < 0)
			goto out;
		if (o->treat_out && write_treat_out(o->treat_out, &m, ti, e) < 0)
			goto out;
	}
	if (o->emit == RC_EMIT_TREATED) {
		rc = write_stage(&m, 0, out, o->precision, &st->written, e);
		goto out;
	}
	if (o->mc.n > 0) {
		pre = malloc(m.nind * m.nunit * sizeof *pre + 1);
		if (pre == NULL) {
			err_nomem(e);
			goto out;
		}
		memcpy(pre, m.x, m.nind * m.nunit * sizeof *pre);
	}
	if (rc_normalise(&m, &o->norm, e) < 0)
		goto out;
	if (o->emit == RC_EMIT_NORMALISED) {
		rc = write_stage(&m, 0, out, o->precision, &st->written, e);
		goto out;
	}
	if (rc_aggregate(&m, o->weights, o->agg, o->norm.raw_direction, e) < 0)
		goto out;
	if (o->weights_out && write_weights_out(o->weights_out, &m, e) < 0)
		goto out;
	if (o->emit == RC_EMIT_AGGREGATED) {
		rc = write_stage(&m, 1, out, o->precision, &st->written, e);
		goto out;
	}
	if (o->audit) {
		rc = rc_audit_write(&m, out, o->precision, e);
		goto out;
	}
	rank = malloc((m.nunit + 1) * sizeof *rank);
	if (rank == NULL) {
		err_nomem(e);
		goto out;
	}
	if (rc_rank(&m.x[(m.nnode - 1) * m.nunit], m.nunit, rank) < 0) {
		err_nomem(e);
		goto out;
	}
	for (u = 0; u < m.nunit; u++)
		st->ranked += rank[u] > 0;
	ord = rank_order(rank, m.nunit);
	if (ord == NULL) {
		err_nomem(e);
		goto out;
	}
	if (o->mc.n > 0) {
		if (rc_uncertainty(&m, pre, &o->mc, &mc, warn, e) < 0)
			goto out;
		if (write_uncertainty(&m, rank, ord, &mc, out, o->precision,
		    &st->written, e) < 0)
			goto out;
	} else {
		if (o->previous) {
			prev = malloc((m.nunit + 1) * sizeof *prev);
			if (prev == NULL) {
				err_nomem(e);
				goto out;
			}
			if (read_previous(o->previous, &m, &o->csv, prev, e) < 0)
				goto out;
		}
		if (write_ranking(&m, rank, prev, ord, out, o->precision,
		    &st->written, e) < 0)
			goto out;
	}
	if (o->chart && make_chart(o, &m, rank, ord, &mc, script, e) < 0)
		goto out;
	rc = 0;
out:
	rc_model_free(&m);
	free(ti);
	free(pre);
	free(rank);
	free(prev);
	free(ord);
	free(mc.median);
	free(mc.mean);
	free(mc.q05);
	free(mc.q95);
	return rc;
}
