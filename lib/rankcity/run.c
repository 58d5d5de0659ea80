/*
 * run.c - rankcity's run (rc_run): the steps of pipeline.c and
 * montecarlo.c in the Handbook's order on the model model.c reads, the
 * tables it writes (ranking, --emit stages, uncertainty, --treat-out,
 * --weights-out, the audit of audit.c) and its charts; and the options'
 * defaults (rc_opts_init).
 */
#include <sys/stat.h>

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/chart.h"
#include "core/csvio.h"
#include "core/num.h"
#include "rankcity/internal.h"
#include "rankcity/rankcity.h"
#include "core/util.h"

/* A row's first fields: the --by group, the unit, its label. */
static int
put_unit(struct csvw *w, const struct rc_model *m, size_t u, struct err *e)
{
	if (m->by_col && csvw_str(w, m->by_val, e) < 0)
		return -1;
	if (csvw_str(w, m->unit[u], e) < 0)
		return -1;
	return m->label ? csvw_str(w, m->label[u], e) : 0;
}

/* Their names, under their names in the input. */
static int
put_unit_head(struct csvw *w, const struct rc_model *m, struct err *e)
{
	if (m->by_col && csvw_str(w, m->by_col, e) < 0)
		return -1;
	if (csvw_str(w, m->unit_col, e) < 0)
		return -1;
	return m->label ? csvw_str(w, m->label_col, e) : 0;
}

/* The fixed column names of the tables, English and Chinese (--lang zh;
 * the man page has the table). */
enum { N_RANK, N_CHANGE, N_NOMINAL, N_MEDIAN, N_MEAN, N_Q05, N_Q95,
	N_COUNT };
static const char *const col_names[2][N_COUNT] = {
	{"rank", "rank_change", "rank_nominal", "rank_median", "rank_mean",
	    "rank_q05", "rank_q95"},
	{"排名", "排名变化", "名义排名", "排名中位数", "排名均值",
	    "排名5%分位数", "排名95%分位数"},
};

/* --emit: the indicators (and with aggregates, every node), input order. */
static int
write_stage(const struct rc_model *m, int with_aggregates, struct csvw *w,
    int precision, size_t *written, struct err *e)
{
	size_t k, u, nk = with_aggregates ? m->nnode : m->nind;

	if (!m->no_head) {
		if (put_unit_head(w, m, e) < 0)
			return -1;
		for (k = 0; k < nk; k++)
			if (csvw_str(w, m->node[k].code, e) < 0)
				return -1;
		if (csvw_end(w, e) < 0)
			return -1;
	}
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

/* --treat-out and --weights-out: written to the caller's writers, which
 * it puts in place with the run's other outputs only when all succeeded
 * (a failed run then leaves the old files as they were). */
static int
write_treat_out(struct csvw *w, const struct rc_model *m,
    const struct rc_treat_info *ti, struct err *e)
{
	static const char *head[] = {"iCode", "skew", "kurtosis",
	    "treatment", "points", "skew_after", "kurtosis_after"};
	size_t k, i;

	for (i = 0; i < 7; i++)
		if (csvw_str(w, head[i], e) < 0)
			return -1;
	if (csvw_end(w, e) < 0)
		return -1;
	for (k = 0; k < m->nind; k++)
		if (csvw_str(w, m->node[k].code, e) < 0 ||
		    csvw_num(w, ti[k].skew, NUM_SHORTEST, 0, e) < 0 ||
		    csvw_num(w, ti[k].kurt, NUM_SHORTEST, 0, e) < 0 ||
		    csvw_str(w, ti[k].treatment, e) < 0 ||
		    csvw_int(w, (int64_t)ti[k].points, e) < 0 ||
		    csvw_num(w, ti[k].skew_after, NUM_SHORTEST, 0, e) < 0 ||
		    csvw_num(w, ti[k].kurt_after, NUM_SHORTEST, 0, e) < 0 ||
		    csvw_end(w, e) < 0)
			return -1;
	return 0;
}

static int
write_weights_out(struct csvw *w, const struct rc_model *m,
    struct err *e)
{
	size_t k;

	if (csvw_str(w, "iCode", e) < 0 || csvw_str(w, "level", e) < 0 ||
	    csvw_str(w, "weight", e) < 0 ||
	    csvw_str(w, "effective_weight", e) < 0 || csvw_end(w, e) < 0)
		return -1;
	for (k = 0; k < m->nnode; k++)
		if (csvw_str(w, m->node[k].code, e) < 0 ||
		    csvw_int(w, m->node[k].level, e) < 0 ||
		    csvw_num(w, m->w[k], NUM_SHORTEST, 0, e) < 0 ||
		    csvw_num(w, m->weff[k], NUM_SHORTEST, 0, e) < 0 ||
		    csvw_end(w, e) < 0)
			return -1;
	return 0;
}

/*
 * --previous, read once (the standard input cannot be read again for
 * each --by group): its rows that have a rank, each with its unit, its
 * --by group (NULL without --by) and its line.
 */
struct prev_row {
	char *unit, *group;
	long rank, line;
};
struct prev_tab {
	const char *name; /* as errors name the file */
	char *name_own;
	struct prev_row *row;
	size_t n;
};

static void
prev_tab_free(struct prev_tab *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->row[i].unit);
		free(p->row[i].group);
	}
	free(p->row);
	free(p->name_own);
	memset(p, 0, sizeof *p);
}

static char *
dup_trimmed(const char *s, size_t len)
{
	char *d;

	trim_blanks(&s, &len);
	if ((d = malloc(len + 1)) != NULL) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

/*
 * Read the earlier ranking: the unit column, the rank column under this
 * run's name or else the other language's (last month may have been
 * written without --lang zh), and under --by the by column, which it
 * must have (a ranking of all the units is not one of a group's).  A
 * row with an empty or NA rank (a unit not ranked then) is left out.
 */
static int
read_previous(const char *path, const struct rc_model *m,
    const struct csv_opts *c, int zh, struct prev_tab *p, struct err *e)
{
	struct csvr *r = NULL;
	struct csv_record *rec;
	size_t ucol, rcol, bcol = 0, cap = 0;
	int st, rc = -1;
	char q1[96];
	struct csv_opts side = *c;

	memset(p, 0, sizeof *p);
	side.side = 1; /* its empty rows are not the data's */
	if (csvr_open(&r, path, &side, e) < 0)
		return -1;
	if (csvr_column(r, m->unit_col, &ucol, e) < 0 ||
	    (m->by_col && csvr_column(r, m->by_col, &bcol, e) < 0) ||
	    (csv_header_column(csvr_header(r), col_names[zh][N_RANK],
	    &rcol) < 0 && csv_header_column(csvr_header(r),
	    col_names[!zh][N_RANK], &rcol) < 0 &&
	    csvr_column(r, col_names[zh][N_RANK], &rcol, e) < 0))
		goto out;
	if ((p->name_own = strdup(csvr_name(r))) == NULL) {
		err_nomem(e);
		goto out;
	}
	p->name = p->name_own;
	while ((st = csvr_next(r, &rec, e)) == 1) {
		struct prev_row *row;
		double v;
		enum num_status ns;
		/* first: a short row has no field ucol to read */
		if (csvr_check_width(r, rec, e) < 0)
			goto out;
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
		if (p->n == cap) {
			size_t ncap = cap ? 2 * cap : 64;
			struct prev_row *nr = ncap > SIZE_MAX / sizeof *nr ?
			    NULL : realloc(p->row, ncap * sizeof *nr);
			if (nr == NULL) {
				err_nomem(e);
				goto out;
			}
			p->row = nr;
			cap = ncap;
		}
		row = &p->row[p->n];
		row->group = NULL;
		row->rank = (long)v;
		row->line = rec->line;
		row->unit = dup_trimmed(rec->field[ucol], rec->len[ucol]);
		if (row->unit == NULL || (m->by_col && (row->group =
		    dup_trimmed(rec->field[bcol], rec->len[bcol])) == NULL)) {
			free(row->unit);
			err_nomem(e);
			goto out;
		}
		p->n++;
	}
	if (st < 0)
		goto out;
	rc = 0;
out:
	csvr_close(r);
	if (rc < 0)
		prev_tab_free(p);
	return rc;
}

/*
 * The earlier rank of each unit of m (0 when absent), found by unit id,
 * and under --by by group too; *matched: how many units were found.
 * Units are few (hundreds): a linear search per row is simple and fast
 * enough; ids must be unique there too.
 */
static int
match_previous(const struct prev_tab *p, const struct rc_model *m,
    long *prev, size_t *matched, struct err *e)
{
	size_t i, u;
	long *seen = calloc(m->nunit + 1, sizeof *seen);
	char q[96];

	*matched = 0;
	if (seen == NULL)
		return err_nomem(e);
	for (u = 0; u < m->nunit; u++)
		prev[u] = 0;
	for (i = 0; i < p->n; i++) {
		const struct prev_row *row = &p->row[i];
		/* --by: the rows of this group only */
		if (m->by_col && strcmp(row->group, m->by_val) != 0)
			continue;
		for (u = 0; u < m->nunit; u++)
			if (strcmp(m->unit[u], row->unit) == 0)
				break;
		if (u == m->nunit)
			continue; /* a unit that is gone */
		if (seen[u]) {
			errf(e, ERR_DATA, "%s:%ld: duplicate unit %s (also on "
			    "line %ld)", p->name, row->line,
			    QV(q, m->unit[u]), seen[u]);
			free(seen);
			return -1;
		}
		seen[u] = row->line;
		prev[u] = row->rank;
		(*matched)++;
	}
	free(seen);
	return 0;
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

/*
 * The ranking of m.  Its aggregate columns are those of shape's tree
 * (m's own, or under --by the whole input's, so that every group writes
 * the same columns): an aggregate m has dropped (every indicator under it
 * constant in this group, which a warning has said) is an empty field.
 */
static int
write_ranking(const struct rc_model *m, const struct rc_model *shape,
    const int *rank, const long *prev, const size_t *ord, struct csvw *w,
    int precision, int zh, size_t *written, struct err *e)
{
	size_t k, i, j, n = m->nunit, na = 0, *col, *at, *map;
	int lvl, rc = -1;

	/* aggregates: index first, then level descending, META order */
	col = malloc((shape->nnode - shape->nind + 1) * sizeof *col);
	at = malloc((shape->nnode - shape->nind + 1) * sizeof *at);
	map = malloc((shape->nnode - shape->nind + 1) * sizeof *map);
	if (col == NULL || at == NULL || map == NULL) {
		free(col);
		free(at);
		free(map);
		return err_nomem(e);
	}
	for (lvl = shape->node[shape->nnode - 1].level; lvl >= 2; lvl--)
		for (k = shape->nind; k < shape->nnode; k++)
			if (shape->node[k].level == lvl)
				col[na++] = k;
	/*
	 * The same node in m, or m->nnode when it is gone.  m's aggregates
	 * are shape's in the same order with some perhaps dropped, so one
	 * merge of the two lists finds them all (a search per column was
	 * quadratic in the aggregates); should the merge not account for
	 * every aggregate of m, search for each.
	 */
	for (k = shape->nind, j = m->nind; k < shape->nnode; k++) {
		map[k - shape->nind] = m->nnode;
		if (j < m->nnode && strcmp(m->node[j].code,
		    shape->node[k].code) == 0)
			map[k - shape->nind] = j++;
	}
	for (k = 0; k < na; k++) {
		if (j == m->nnode) {
			at[k] = map[col[k] - shape->nind];
			continue;
		}
		for (at[k] = m->nind; at[k] < m->nnode; at[k]++)
			if (strcmp(m->node[at[k]].code,
			    shape->node[col[k]].code) == 0)
				break;
	}
	if (!m->no_head) {
		if (put_unit_head(w, m, e) < 0 ||
		    csvw_str(w, col_names[zh][N_RANK], e) < 0 ||
		    (prev && csvw_str(w, col_names[zh][N_CHANGE], e) < 0))
			goto out;
		for (k = 0; k < na; k++)
			if (csvw_str(w, shape->node[col[k]].code, e) < 0)
				goto out;
		if (csvw_end(w, e) < 0)
			goto out;
	}
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
			if ((at[k] < m->nnode ? csvw_num(w, m->x[at[k] * n + u],
			    precision, 0, e) : csvw_raw(w, "", 0, e)) < 0)
				goto out;
		if (csvw_end(w, e) < 0)
			goto out;
		(*written)++;
	}
	rc = 0;
out:
	free(col);
	free(at);
	free(map);
	return rc;
}

static int
write_uncertainty(const struct rc_model *m, const int *rank,
    const size_t *ord, const struct rc_mc_result *r, struct csvw *w,
    int precision, int zh, size_t *written, struct err *e)
{
	size_t i;

	if (!m->no_head) {
		if (put_unit_head(w, m, e) < 0)
			return -1;
		for (i = N_NOMINAL; i <= N_Q95; i++)
			if (csvw_str(w, col_names[zh][i], e) < 0)
				return -1;
		if (csvw_end(w, e) < 0)
			return -1;
	}
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

/*
 * The pipeline on one model (the whole table, or one --by group), from
 * the denomination on; adds to *st.  shape: the tree whose aggregates the
 * ranking writes (NULL: the model's own, after any constant is dropped).
 * pt: the --previous ranking, NULL when the file is missing or empty
 * (rc_run has said so): rank_change is empty.  *matched: how many units
 * pt gave a rank_change (left alone without a ranking that has one).
 */
static int
run_model(const struct rc_opts *o, struct rc_model *mp,
    const struct rc_model *shape, const struct prev_tab *pt,
    size_t *matched, struct csvw *out, struct buf *script,
    struct buf *warn, struct rc_summary *st, struct err *e)
{
	struct rc_model m = *mp;
	struct rc_treat_info *ti = NULL;
	struct rc_mc_result mc = {0};
	double *pre = NULL;
	int *rank = NULL;
	long *prev = NULL;
	size_t *ord = NULL, u, n;
	char what[160] = "", q[96];
	int rc = -1;

	if (m.by_col)
		snprintf(what, sizeof what, ", group %s", QV(q, m.by_val));
	if (o->denominate && rc_denominate(&m, e) < 0)
		goto out;
	if (o->emit == RC_EMIT_DENOMINATED) {
		rc = write_stage(&m, 0, out, o->precision, &st->written, e);
		goto out;
	}
	/* Availability is that of the data, so screening comes before the
	 * imputed values could hide the gaps, and screened units do not
	 * feed the imputation. */
	n = 0;
	if (o->screen >= 0) {
		if (rc_screen(&m, o->screen, &n, e) < 0)
			goto out;
		st->screened += n;
	}
	if (m.nunit == 0) {
		errf(e, ERR_DATA, "%s%s: no units to rank%s", m.data_name,
		    what, n ? " (all screened out)" : "");
		goto out;
	}
	/* A constant indicator cannot tell the units apart, and min-max and
	 * z-scores cannot scale it (the Monte Carlo draws both): dropped,
	 * unless --strict, which lets rc_normalise stop as it always did. */
	if (!o->strict && (o->norm.how == RC_NORM_MINMAX ||
	    o->norm.how == RC_NORM_ZSCORE || o->mc.n > 0)) {
		if (rc_drop_constant(&m, what[0] ? what : NULL, &n, warn,
		    e) < 0)
			goto out;
		st->constant += n;
	}
	if (rc_impute(&m, o->impute, o->impute_col, &n, e) < 0)
		goto out;
	st->imputed += n;
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
		    o->zh, &st->written, e) < 0)
			goto out;
	} else {
		if (o->previous) {
			prev = malloc((m.nunit + 1) * sizeof *prev);
			if (prev == NULL) {
				err_nomem(e);
				goto out;
			}
			for (u = 0; u < m.nunit; u++)
				prev[u] = 0;
			if (pt && match_previous(pt, &m, prev, matched, e) < 0)
				goto out;
		}
		if (write_ranking(&m, shape ? shape : &m, rank, prev, ord, out,
		    o->precision, o->zh, &st->written, e) < 0)
			goto out;
	}
	if (o->chart && make_chart(o, &m, rank, ord, &mc, script, e) < 0)
		goto out;
	rc = 0;
out:
	*mp = m; /* the steps may have moved its arrays */
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

/*
 * --previous: 1 when the file is missing or empty (zero bytes), with a
 * warning (the first month of a monthly run has no earlier ranking); 0
 * otherwise, and then any other problem (unreadable, not a ranking) is
 * read_previous's error.
 */
static int
previous_gone(const char *path, struct buf *warn, struct err *e)
{
	struct stat sb;
	const char *why;
	char line[1200];
	int len;

	if (strcmp(path, "-") == 0)
		return 0; /* the standard input: read_previous reads it */
	if (stat(path, &sb) == 0)
		why = S_ISREG(sb.st_mode) && sb.st_size == 0 ? "is empty" :
		    NULL;
	else
		why = errno == ENOENT ? "does not exist" : NULL;
	if (why == NULL)
		return 0;
	len = snprintf(line, sizeof line, "--previous %s %s: rank_change "
	    "left empty\n", path, why);
	if (len < 0 || (size_t)len >= sizeof line) {
		len = (int)sizeof line - 1;
		line[len - 1] = '\n';
	}
	if (warn && buf_append(warn, line, (size_t)len) < 0)
		return err_nomem(e);
	return 1;
}

/*
 * --by --previous: one line naming the groups (none: nothing) whose units
 * the earlier ranking does not rank, their rank_change being empty.
 */
static int
warn_unmatched(const char *prev, const char *by_col, const struct buf *g,
    size_t n, struct buf *warn, struct err *e)
{
	char q[96];

	if (n == 0 || warn == NULL)
		return 0;
	QV(q, by_col);
	if (buf_append(warn, "--previous ", 11) < 0 ||
	    buf_append(warn, prev, strlen(prev)) < 0 ||
	    buf_append(warn, n > 1 ? " ranks no unit of the groups " :
	    " ranks no unit of the group ", n > 1 ? 29 : 28) < 0 ||
	    buf_append(warn, g->data, g->len) < 0 ||
	    buf_append(warn, " (--by ", 7) < 0 ||
	    buf_append(warn, q, strlen(q)) < 0 ||
	    buf_append(warn, "): rank_change left empty there\n", 32) < 0)
		return err_nomem(e);
	return 0;
}

int
rc_run(const struct rc_opts *o, const char *path, struct csvw *out,
    struct buf *script, struct buf *warn, struct rc_summary *st,
    struct err *e)
{
	struct rc_model m, *sub = NULL;
	struct prev_tab pt = {0};
	struct buf none = {0}; /* "a", "b": the groups pt ranks nothing of */
	size_t nsub = 0, nnone = 0, g, matched;
	int rc = -1, gone = 0, ranked;
	char q[96];

	memset(st, 0, sizeof *st);
	if (rc_read(&m, path, &o->csv, &o->read, warn, e) < 0)
		goto out;
	st->units = m.nunit;
	st->indicators = m.nind;
	st->aggregates = m.nnode - m.nind;
	ranked = o->previous && o->mc.n == 0 && !o->emit && !o->audit;
	if (ranked && (gone = previous_gone(o->previous, warn, e)) < 0)
		goto out;
	if (ranked && !gone && read_previous(o->previous, &m, &o->csv, o->zh,
	    &pt, e) < 0)
		goto out;
	if (!o->by) {
		matched = 0;
		rc = run_model(o, &m, NULL, ranked && !gone ? &pt : NULL,
		    &matched, out, script, warn, st, e);
		/* the same for a run of one group: not silently empty */
		if (rc == 0 && ranked && !gone && matched == 0 && warn &&
		    (buf_append(warn, "--previous ", 11) < 0 ||
		    buf_append(warn, pt.name, strlen(pt.name)) < 0 ||
		    buf_append(warn, " ranks no unit of ", 18) < 0 ||
		    buf_append(warn, m.data_name, strlen(m.data_name)) < 0 ||
		    buf_append(warn, ": rank_change left empty\n", 25) < 0))
			rc = err_nomem(e);
		goto out;
	}
	/* --by: each group as if it were the whole input, one header */
	if (rc_model_groups(&m, &sub, &nsub, e) < 0)
		goto out;
	for (g = 0; g < nsub; g++) {
		sub[g].no_head = g > 0;
		matched = 0;
		if (run_model(o, &sub[g], &m, ranked && !gone ? &pt : NULL,
		    &matched, out, script, warn, st, e) < 0)
			goto out;
		if (ranked && !gone && matched == 0) {
			QV(q, sub[g].by_val);
			if ((nnone++ && buf_append(&none, ", ", 2) < 0) ||
			    buf_append(&none, q, strlen(q)) < 0) {
				err_nomem(e);
				goto out;
			}
		}
	}
	if (warn_unmatched(pt.name, m.by_col, &none, nnone, warn, e) < 0)
		goto out;
	st->groups = nsub;
	rc = 0;
out:
	rc_model_free(&m);
	for (g = 0; g < nsub; g++)
		rc_model_free(&sub[g]);
	free(sub);
	prev_tab_free(&pt);
	free(none.data);
	return rc;
}
