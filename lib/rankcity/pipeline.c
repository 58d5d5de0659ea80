/*
 * rankcity.c - the composite-index pipeline (see rankcity.h).
 *
 * Formulas follow COINr 1.1 (the JRC's reference implementation of the
 * OECD/JRC Handbook), so that its published results reproduce: min-max
 * (x - min) / (max - min) * (U - L) + L; z-score with the n - 1 sd;
 * e1071 type-2 skewness and kurtosis; winsorisation of the most extreme
 * value (ties together) on the skewed side; weighted means that skip a
 * missing value and rescale the remaining weights; ranks with ties at the
 * lowest rank.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "core/csvio.h"
#include "core/num.h"
#include "rankcity/rankcity.h"
#include "core/stats.h"
#include "core/util.h"

#define QV(buf, s) quote_value((buf), sizeof(buf), (s), strlen(s))

/* ---------------------------------------------------------------- model */

void
rc_model_free(struct rc_model *m)
{
	size_t i, c;

	if (m == NULL)
		return;
	for (i = 0; i < m->nnode; i++) {
		free(m->node[i].code);
		free(m->node[i].name);
		free(m->node[i].denom);
		free(m->node[i].child);
	}
	free(m->node);
	for (i = 0; i < m->nunit; i++) {
		free(m->unit[i]);
		if (m->label)
			free(m->label[i]);
	}
	free(m->unit);
	free(m->label);
	free(m->uline);
	free(m->x);
	free(m->w);
	free(m->weff);
	for (c = 0; c < m->ncol; c++) {
		free(m->colname[c]);
		if (m->colval && m->colval[c]) {
			for (i = 0; i < m->nunit; i++)
				free(m->colval[c][i]);
			free(m->colval[c]);
		}
	}
	free(m->colname);
	free(m->colval);
	free(m->unit_col);
	free(m->label_col);
	free(m->data_name_buf);
	free(m->meta_name);
	memset(m, 0, sizeof *m);
}

/* A field of rec as a new string, or NULL (out of memory). */
static char *
field_dup(const struct csv_record *rec, size_t i)
{
	const char *s = rec->field[i];
	size_t len = rec->len[i];

	trim_blanks(&s, &len);
	return str_ndup(s, len);
}

/* Is the (trimmed) field empty? */
static int
field_empty(const struct csv_record *rec, size_t i)
{
	const char *s = rec->field[i];
	size_t len = rec->len[i];

	trim_blanks(&s, &len);
	return len == 0;
}

/* ------------------------------------------------------------------ META */

/* One META row while reading, before the nodes are ordered. */
struct meta_row {
	char *code, *name, *parent, *denom;
	int level, dir;
	double weight, target, gp_lo, gp_hi;
	long line;
};

static void
meta_rows_free(struct meta_row *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(r[i].code);
		free(r[i].name);
		free(r[i].parent);
		free(r[i].denom);
	}
	free(r);
}

/* Read a number from a META field; empty gives dflt.  -1 on garbage. */
static int
meta_num(const struct csvr *r, const struct csv_record *rec, long col,
    const char *cname, double dflt, double *out, struct err *e)
{
	enum num_status st;
	char q[96];

	*out = dflt;
	if (col < 0)
		return 0;
	st = parse_num(rec->field[col], rec->len[col], out);
	if (st == NUM_EMPTY || st == NUM_NA) {
		*out = dflt;
		return 0;
	}
	if (st != NUM_OK)
		return errf(e, ERR_DATA, "%s:%ld: column \"%s\": %s %s",
		    csvr_name(r), rec->line, cname,
		    quote_value(q, sizeof q, rec->field[col], rec->len[col]),
		    num_status_text(st));
	return 0;
}

/* Is this META row outside the tree (groups, denominators, others)? */
static int
meta_skip(const struct csv_record *rec, long type_col, long level_col)
{
	const char *s;
	size_t len;

	if (type_col >= 0) {
		s = rec->field[type_col];
		len = rec->len[type_col];
		trim_blanks(&s, &len);
		if (word_is(s, len, "Group") || word_is(s, len, "Denominator") ||
		    word_is(s, len, "Other"))
			return 1;
		/* an indicator or aggregate must say its level */
		if (word_is(s, len, "Indicator") || word_is(s, len, "Aggregate"))
			return 0;
	}
	return field_empty(rec, (size_t)level_col);
}

static int
read_meta_rows(const char *path, struct meta_row **rows, size_t *nrows,
    char **name_out, struct buf *other, struct err *e)
{
	struct csv_opts co = {',', NULL};
	struct csvr *r = NULL;
	const struct csv_record *h;
	struct csv_record *rec;
	long c_level, c_code, c_name, c_dir, c_w, c_par, c_targ, c_den;
	long c_type, c_gl, c_gu;
	size_t cap = 0, n = 0;
	struct meta_row *a = NULL;
	int st, rc = -1;
	double v;
	char q[96];

	*rows = NULL;
	*nrows = 0;
	if (csvr_open(&r, path, &co, e) < 0)
		return -1;
	*name_out = strdup(csvr_name(r));
	if (*name_out == NULL) {
		err_nomem(e);
		goto out;
	}
	h = csvr_header(r);
	c_level = csv_header_index(h, "Level");
	c_code = csv_header_index(h, "iCode");
	c_name = csv_header_index(h, "iName");
	c_dir = csv_header_index(h, "Direction");
	c_w = csv_header_index(h, "Weight");
	c_par = csv_header_index(h, "Parent");
	c_targ = csv_header_index(h, "Target");
	c_den = csv_header_index(h, "Denominator");
	c_type = csv_header_index(h, "Type");
	c_gl = csv_header_index(h, "goalpost_lower");
	c_gu = csv_header_index(h, "goalpost_upper");
	{
		const char *need[] = {"Level", "iCode", "Direction", "Weight",
		    "Parent"};
		long have[] = {c_level, c_code, c_dir, c_w, c_par};
		size_t i;
		for (i = 0; i < 5; i++)
			if (have[i] < 0) {
				errf(e, ERR_DATA, "%s: no column \"%s\" "
				    "(META needs Level, iCode, Direction, "
				    "Weight and Parent)", csvr_name(r), need[i]);
				goto out;
			}
	}
	while ((st = csvr_next(r, &rec, e)) == 1) {
		struct meta_row *m;
		if (csvr_check_width(r, rec, e) < 0)
			goto out;
		if (meta_skip(rec, c_type, c_level)) {
			/* listed, outside the tree: remember "\ncode\n" */
			if (buf_append(other, rec->field[c_code],
			    rec->len[c_code]) < 0 ||
			    buf_append(other, "\n", 1) < 0) {
				err_nomem(e);
				goto out;
			}
			continue;
		}
		if (grow_array((void **)&a, &cap, n + 1, sizeof *a) < 0) {
			err_nomem(e);
			goto out;
		}
		m = &a[n];
		memset(m, 0, sizeof *m);
		n++;
		m->line = rec->line;
		if (meta_num(r, rec, c_level, "Level", NAN, &v, e) < 0)
			goto out;
		if (!(v >= 1 && v <= 100 && v == floor(v))) {
			errf(e, ERR_DATA, "%s:%ld: column \"Level\": %s is not "
			    "a level (1 = indicator, 2, 3 ... aggregates)",
			    csvr_name(r), rec->line, quote_value(q, sizeof q,
			    rec->field[c_level], rec->len[c_level]));
			goto out;
		}
		m->level = (int)v;
		m->code = field_dup(rec, (size_t)c_code);
		m->parent = field_dup(rec, (size_t)c_par);
		m->name = c_name >= 0 ? field_dup(rec, (size_t)c_name) :
		    strdup("");
		m->denom = c_den >= 0 ? field_dup(rec, (size_t)c_den) :
		    strdup("");
		if (!m->code || !m->parent || !m->name || !m->denom) {
			err_nomem(e);
			goto out;
		}
		if (m->code[0] == '\0') {
			errf(e, ERR_DATA, "%s:%ld: column \"iCode\" is empty",
			    csvr_name(r), rec->line);
			goto out;
		}
		if (meta_num(r, rec, c_dir, "Direction", 1, &v, e) < 0)
			goto out;
		if (v != 1 && v != -1) {
			errf(e, ERR_DATA, "%s:%ld: column \"Direction\": %s "
			    "must be 1 or -1", csvr_name(r), rec->line,
			    quote_value(q, sizeof q, rec->field[c_dir],
			    rec->len[c_dir]));
			goto out;
		}
		m->dir = (int)v;
		if (meta_num(r, rec, c_w, "Weight", 1, &m->weight, e) < 0)
			goto out;
		if (m->weight < 0) {
			errf(e, ERR_DATA, "%s:%ld: column \"Weight\": %s is "
			    "negative", csvr_name(r), rec->line,
			    quote_value(q, sizeof q, rec->field[c_w],
			    rec->len[c_w]));
			goto out;
		}
		if (meta_num(r, rec, c_targ, "Target", NAN, &m->target,
		    e) < 0 ||
		    meta_num(r, rec, c_gl, "goalpost_lower", NAN, &m->gp_lo,
		    e) < 0 ||
		    meta_num(r, rec, c_gu, "goalpost_upper", NAN, &m->gp_hi,
		    e) < 0)
			goto out;
	}
	if (st < 0)
		goto out;
	rc = 0;
out:
	csvr_close(r);
	*rows = a;
	*nrows = n;
	return rc;
}

static long
find_row(const struct meta_row *a, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(a[i].code, code) == 0)
			return (long)i;
	return -1;
}

/*
 * The name of the index made when META names none: "index", or "index2",
 * "index3" ... when a node or a data column already has that name.  A new
 * string, or NULL when out of memory.
 */
static char *
root_name(const struct rc_model *m, const struct csv_record *head)
{
	char name[32];
	int i;

	for (i = 1;; i++) {
		size_t k;
		int taken = 0;
		if (i == 1)
			snprintf(name, sizeof name, "index");
		else
			snprintf(name, sizeof name, "index%d", i);
		for (k = 0; k < m->nnode && !taken; k++)
			taken = m->node[k].code &&
			    strcmp(m->node[k].code, name) == 0;
		if (!taken && head)
			taken = csv_header_index(head, name) >= 0;
		if (!taken)
			return strdup(name);
	}
}

/* Order the rows into nodes and link the tree, checking it. */
static int
build_tree(struct rc_model *m, struct meta_row *a, size_t n,
    const char *mname, const struct csv_record *head, struct err *e)
{
	long *par = NULL, *order = NULL, *pos = NULL;
	size_t *ccap = NULL; /* capacity of each node's child array */
	size_t i, j, k, nind = 0, maxlevel = 1;
	long root = -1;
	char q1[96], q2[96];
	int rc = -1, implicit = 0;

	if (n == 0)
		return errf(e, ERR_DATA, "%s: no indicators (no row with "
		    "Level 1)", mname);
	par = calloc(n, sizeof *par);
	order = calloc(n + 1, sizeof *order);
	pos = calloc(n + 1, sizeof *pos);
	if (!par || !order || !pos) {
		err_nomem(e);
		goto out;
	}
	for (i = 0; i < n; i++) {
		long d = find_row(a, i, a[i].code);
		if (d >= 0) {
			errf(e, ERR_DATA, "%s:%ld: iCode %s appears twice "
			    "(first on line %ld)", mname, a[i].line,
			    QV(q1, a[i].code), a[d].line);
			goto out;
		}
		if ((size_t)a[i].level > maxlevel)
			maxlevel = (size_t)a[i].level;
	}
	for (i = 0; i < n; i++) {
		if (a[i].parent[0] == '\0') {
			par[i] = -1;
			continue;
		}
		par[i] = find_row(a, n, a[i].parent);
		if (par[i] < 0) {
			errf(e, ERR_DATA, "%s:%ld: Parent %s of %s is not an "
			    "iCode in META", mname, a[i].line,
			    QV(q1, a[i].parent), QV(q2, a[i].code));
			goto out;
		}
	}
	/* Cycles: follow each node's parents at most n steps. */
	for (i = 0; i < n; i++) {
		long p = (long)i;
		for (k = 0; k <= n && p >= 0; k++)
			p = par[p];
		if (p >= 0) {
			struct buf b = {0};
			long s = (long)i;
			/* step into the cycle, then print it once round */
			for (k = 0; k < n; k++)
				s = par[s];
			p = s;
			do {
				if (buf_append(&b, a[p].code,
				    strlen(a[p].code)) < 0 ||
				    buf_append(&b, " -> ", 4) < 0) {
					free(b.data);
					err_nomem(e);
					goto out;
				}
				p = par[p];
			} while (p != s);
			errf(e, ERR_DATA, "%s: the Parent links form a cycle: "
			    "%.*s%s", mname, (int)(b.len > 600 ? 600 : b.len),
			    b.data, a[s].code);
			free(b.data);
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		if (par[i] >= 0 && a[par[i]].level != a[i].level + 1) {
			errf(e, ERR_DATA, "%s:%ld: %s is level %d but its "
			    "Parent %s is level %d (want %d)", mname,
			    a[i].line, QV(q1, a[i].code), a[i].level,
			    QV(q2, a[par[i]].code), a[par[i]].level,
			    a[i].level + 1);
			goto out;
		}
		if (a[i].level == 1)
			nind++;
	}
	if (nind == 0) {
		errf(e, ERR_DATA, "%s: no indicators (no row with Level 1)",
		    mname);
		goto out;
	}
	/* One root.  A META of indicators only gets an implicit index. */
	if (maxlevel == 1) {
		implicit = 1;
	} else {
		for (i = 0; i < n; i++)
			if (par[i] < 0) {
				if ((size_t)a[i].level != maxlevel) {
					errf(e, ERR_DATA, "%s:%ld: %s has no "
					    "Parent but is not at the top "
					    "level (%zu)", mname, a[i].line,
					    QV(q1, a[i].code), maxlevel);
					goto out;
				}
				if (root >= 0) {
					errf(e, ERR_DATA, "%s:%ld: %s and %s "
					    "both have no Parent: the tree "
					    "needs one index at the top",
					    mname, a[i].line,
					    QV(q1, a[root].code),
					    QV(q2, a[i].code));
					goto out;
				}
				root = (long)i;
			}
	}
	/* Node order: level ascending, META order within a level. */
	k = 0;
	for (j = 1; j <= maxlevel; j++)
		for (i = 0; i < n; i++)
			if ((size_t)a[i].level == j) {
				pos[i] = (long)k;
				order[k++] = (long)i;
			}
	m->node = calloc(n + (size_t)implicit, sizeof *m->node);
	if (m->node == NULL) {
		err_nomem(e);
		goto out;
	}
	m->nnode = n + (size_t)implicit;
	m->nind = nind;
	for (k = 0; k < n; k++) {
		struct meta_row *r = &a[order[k]];
		struct rc_node *d = &m->node[k];
		d->code = r->code;
		r->code = NULL;
		d->name = r->name[0] ? r->name : strdup(d->code);
		if (r->name[0])
			r->name = NULL;
		d->level = r->level;
		d->dir = r->dir;
		d->weight = r->weight;
		d->target = r->target;
		d->gp_lo = r->gp_lo;
		d->gp_hi = r->gp_hi;
		d->denom = r->denom[0] ? r->denom : NULL;
		if (r->denom[0])
			r->denom = NULL;
		d->line = r->line;
		d->parent = par[order[k]] >= 0 ? pos[par[order[k]]] :
		    (implicit ? (long)n : -1);
		if (d->name == NULL) {
			err_nomem(e);
			goto out;
		}
	}
	if (implicit) {
		struct rc_node *d = &m->node[n];
		d->code = root_name(m, head);
		d->name = d->code ? strdup(d->code) : NULL;
		d->level = 2;
		d->dir = 1;
		d->weight = 1;
		d->target = d->gp_lo = d->gp_hi = NAN;
		d->parent = -1;
		if (!d->code || !d->name) {
			err_nomem(e);
			goto out;
		}
	}
	/* Children lists, in node order (= META order within a level). */
	if (!(ccap = calloc(m->nnode, sizeof *ccap))) {
		err_nomem(e);
		goto out;
	}
	for (k = 0; k < m->nnode; k++) {
		long p = m->node[k].parent;
		struct rc_node *pn;
		if (p < 0)
			continue;
		pn = &m->node[p];
		if (grow_array((void **)&pn->child, &ccap[p], pn->nchild + 1,
		    sizeof *pn->child) < 0) {
			err_nomem(e);
			goto out;
		}
		pn->child[pn->nchild++] = k;
	}
	for (k = nind; k < m->nnode; k++)
		if (m->node[k].nchild == 0) {
			errf(e, ERR_DATA, "%s:%ld: aggregate %s has no "
			    "children", mname, m->node[k].line,
			    QV(q1, m->node[k].code));
			goto out;
		}
	rc = 0;
out:
	free(ccap);
	free(par);
	free(order);
	free(pos);
	return rc;
}

/* ------------------------------------------------------------------ data */

/* The records of the data file, held whole. */
struct table {
	struct csv_record *rec;
	size_t n, cap;
	struct csv_record head;
};

static void
table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		csv_record_free(&t->rec[i]);
	free(t->rec);
	csv_record_free(&t->head);
}

static int
read_table(const char *path, const struct csv_opts *c, struct table *t,
    struct rc_model *m, struct err *e)
{
	struct csvr *r = NULL;
	struct csv_record *rec;
	int st, rc = -1;

	if (csvr_open(&r, path, c, e) < 0)
		return -1;
	m->data_name_buf = strdup(csvr_name(r));
	if (m->data_name_buf == NULL) {
		err_nomem(e);
		goto out;
	}
	m->data_name = m->data_name_buf;
	if (csv_record_copy(&t->head, csvr_header(r)) < 0) {
		err_nomem(e);
		goto out;
	}
	while ((st = csvr_next(r, &rec, e)) == 1) {
		if (csvr_check_width(r, rec, e) < 0)
			goto out;
		if (grow_array((void **)&t->rec, &t->cap, t->n + 1,
		    sizeof *t->rec) < 0) {
			err_nomem(e);
			goto out;
		}
		memset(&t->rec[t->n], 0, sizeof *t->rec);
		if (csv_record_copy(&t->rec[t->n++], rec) < 0) {
			err_nomem(e);
			goto out;
		}
	}
	if (st < 0)
		goto out;
	rc = 0;
out:
	csvr_close(r);
	return rc;
}

/* A data column under the rule of every option that names a column
 * (csv_header_column): index or -1. */
static long
head_col(const struct csv_record *h, const char *name)
{
	size_t i;

	return csv_header_column(h, name, &i) == 0 ? (long)i : -1;
}

static int
cmp_str_idx(const void *a, const void *b, void *ctx)
{
	char **u = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(u[i], u[j]);

	return c ? c : (i > j) - (i < j);
}

/* qsort_r is not in C11/POSIX; a small merge sort of indexes instead. */
static void
sort_idx(size_t *v, size_t n, size_t *tmp,
    int (*cmp)(const void *, const void *, void *), void *ctx)
{
	size_t mid, i, j, k;

	if (n < 2)
		return;
	mid = n / 2;
	sort_idx(v, mid, tmp, cmp, ctx);
	sort_idx(v + mid, n - mid, tmp, cmp, ctx);
	i = 0;
	j = mid;
	k = 0;
	while (i < mid && j < n)
		tmp[k++] = cmp(&v[j], &v[i], ctx) < 0 ? v[j++] : v[i++];
	while (i < mid)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

/* Parse one indicator cell into *out (NAN when missing). */
static int
cell_num(const struct rc_model *m, const struct csv_record *rec, size_t col,
    const char *cname, double *out, struct err *e)
{
	enum num_status st = parse_num(rec->field[col], rec->len[col], out);
	char q1[96], q2[96];

	if (st == NUM_OK)
		return 0;
	if (st == NUM_EMPTY || st == NUM_NA || st == NUM_NAN) {
		*out = NAN;
		return 0;
	}
	return errf(e, ERR_DATA, "%s:%ld: column %s: %s %s", m->data_name,
	    rec->line, QV(q1, cname), quote_value(q2, sizeof q2,
	    rec->field[col], rec->len[col]), num_status_text(st));
}

/* Keep an extra text column: a Denominator by its exact name, the group
 * column by name or position (by_position). */
static int
keep_column(struct rc_model *m, const struct table *t, const char *name,
    int by_position, const char *why, struct err *e)
{
	long col = by_position ? head_col(&t->head, name) :
	    csv_header_index(&t->head, name);
	size_t c, u;
	char q[96], **names;
	char ***vals;

	for (c = 0; c < m->ncol; c++)
		if (strcmp(m->colname[c], name) == 0)
			return 0;
	if (col < 0)
		return errf(e, ERR_DATA, "%s: no column %s (%s)",
		    m->data_name, QV(q, name), why);
	c = m->ncol;
	if (!(names = realloc(m->colname, (c + 1) * sizeof *names)))
		return err_nomem(e);
	m->colname = names;
	if (!(vals = realloc(m->colval, (c + 1) * sizeof *vals)))
		return err_nomem(e);
	m->colval = vals;
	m->colname[c] = strdup(name);
	m->colval[c] = calloc(t->n ? t->n : 1, sizeof(char *));
	m->ncol++;
	if (!m->colname[c] || !m->colval[c])
		return err_nomem(e);
	for (u = 0; u < t->n; u++)
		if (!(m->colval[c][u] = field_dup(&t->rec[u], (size_t)col)))
			return err_nomem(e);
	return 0;
}

/* Without META: indicators are the columns that hold numbers only. */
static int
infer_tree(struct rc_model *m, const struct table *t, long ucol, long lcol,
    long gcol, struct err *e)
{
	size_t i, u, k = 0, n = 0;
	double v;

	m->node = calloc(t->head.nfields + 1, sizeof *m->node);
	if (m->node == NULL)
		return err_nomem(e);
	for (i = 0; i < t->head.nfields; i++) {
		int numbers = 0;
		long bad = -1;
		if ((long)i == ucol || (long)i == lcol || (long)i == gcol)
			continue;
		for (u = 0; u < t->n; u++) {
			enum num_status st = parse_num(t->rec[u].field[i],
			    t->rec[u].len[i], &v);
			if (st == NUM_OK || st == NUM_INF)
				numbers = 1;
			if (st == NUM_BAD || st == NUM_INF) {
				if (bad < 0)
					bad = (long)u;
			}
		}
		if (!numbers)
			continue;
		if (bad >= 0) {
			/* A numeric column with one bad cell: say so. */
			return cell_num(m, &t->rec[bad], i, t->head.field[i],
			    &v, e);
		}
		m->node[n].code = field_dup(&t->head, i);
		m->node[n].name = field_dup(&t->head, i);
		if (!m->node[n].code || !m->node[n].name)
			return err_nomem(e);
		m->node[n].level = 1;
		m->node[n].dir = 1;
		m->node[n].weight = 1;
		m->node[n].target = m->node[n].gp_lo = m->node[n].gp_hi = NAN;
		m->nind = m->nnode = ++n; /* rc_model_free sees them */
	}
	if (n == 0)
		return errf(e, ERR_DATA, "%s: no numeric columns to use as "
		    "indicators", m->data_name);
	m->nind = n;
	m->nnode = n + 1;
	m->node[n].code = root_name(m, &t->head);
	m->node[n].name = m->node[n].code ? strdup(m->node[n].code) : NULL;
	m->node[n].child = calloc(n, sizeof(size_t));
	if (!m->node[n].code || !m->node[n].name || !m->node[n].child)
		return err_nomem(e);
	m->node[n].level = 2;
	m->node[n].dir = 1;
	m->node[n].weight = 1;
	m->node[n].target = m->node[n].gp_lo = m->node[n].gp_hi = NAN;
	m->node[n].parent = -1;
	for (k = 0; k < n; k++) {
		m->node[k].parent = (long)n;
		m->node[n].child[k] = k;
	}
	m->node[n].nchild = n;
	return 0;
}

/* Is name one of the "\n"-separated words in b (which starts with \n)? */
static int
listed(const struct buf *b, const char *name, size_t len)
{
	const char *p = b->data, *end = b->data + b->len;

	while (p < end) {
		const char *nl = memchr(p + 1, '\n', (size_t)(end - p - 1));
		if (nl == NULL)
			break;
		if ((size_t)(nl - p - 1) == len && memcmp(p + 1, name, len) == 0)
			return 1;
		p = nl;
	}
	return 0;
}

int
rc_read(struct rc_model *m, const char *path, const struct csv_opts *c,
    const struct rc_read_opts *o, struct buf *warn, struct err *e)
{
	struct meta_row *rows = NULL;
	size_t nrows = 0, i, u, k;
	char *mname = NULL;
	struct buf other = {0};
	struct table t = {0};
	long ucol, lcol = -1, gcol = -1, *icol = NULL;
	size_t *idx = NULL, *tmp = NULL;
	char q1[96], q2[96];
	int rc = -1;

	memset(m, 0, sizeof *m);
	if (o->meta) {
		if (buf_append(&other, "\n", 1) < 0) {
			err_nomem(e);
			goto out;
		}
		if (read_meta_rows(o->meta, &rows, &nrows, &mname, &other, e) < 0)
			goto out;
	}
	if (read_table(path, c, &t, m, e) < 0)
		goto out;
	m->unit_col = strdup(o->unit_col ? o->unit_col : "unit");
	if (m->unit_col == NULL) {
		err_nomem(e);
		goto out;
	}
	ucol = head_col(&t.head, m->unit_col);
	if (ucol < 0) {
		errf(e, ERR_DATA, "%s: no unit column %s (name it with "
		    "--unit)", m->data_name, QV(q1, m->unit_col));
		goto out;
	}
	for (i = 0; i < t.head.nfields; i++)
		for (k = 0; k < i; k++)
			if (t.head.len[i] == t.head.len[k] &&
			    memcmp(t.head.field[i], t.head.field[k],
			    t.head.len[i]) == 0) {
				errf(e, ERR_DATA, "%s:%ld: column %s appears "
				    "twice (columns %zu and %zu)", m->data_name,
				    t.head.line, quote_value(q1, sizeof q1,
				    t.head.field[i], t.head.len[i]), k + 1, i + 1);
				goto out;
			}
	/* a column given by position is written under its name */
	free(m->unit_col);
	if (!(m->unit_col = field_dup(&t.head, (size_t)ucol))) {
		err_nomem(e);
		goto out;
	}
	if (o->label_col) {
		lcol = head_col(&t.head, o->label_col);
		if (lcol < 0) {
			errf(e, ERR_DATA, "%s: no label column %s",
			    m->data_name, QV(q1, o->label_col));
			goto out;
		}
		if (!(m->label_col = field_dup(&t.head, (size_t)lcol))) {
			err_nomem(e);
			goto out;
		}
	}
	if (o->group_col) {
		gcol = head_col(&t.head, o->group_col);
		if (gcol < 0) {
			errf(e, ERR_DATA, "%s: no group column %s",
			    m->data_name, QV(q1, o->group_col));
			goto out;
		}
	}
	if (o->meta) {
		if (build_tree(m, rows, nrows, mname, &t.head, e) < 0)
			goto out;
		if (!(m->meta_name = strdup(mname))) {
			err_nomem(e);
			goto out;
		}
	} else if (infer_tree(m, &t, ucol, lcol, gcol, e) < 0)
		goto out;

	/* Units: present, unique. */
	m->unit = calloc(t.n + 1, sizeof *m->unit);
	m->uline = calloc(t.n + 1, sizeof *m->uline);
	if (lcol >= 0)
		m->label = calloc(t.n + 1, sizeof *m->label);
	idx = calloc(t.n + 1, sizeof *idx);
	tmp = calloc(t.n + 1, sizeof *tmp);
	if (!m->unit || !m->uline || !idx || !tmp ||
	    (lcol >= 0 && !m->label)) {
		err_nomem(e);
		goto out;
	}
	m->nunit = t.n; /* the arrays are zeroed: rc_model_free copes */
	for (u = 0; u < t.n; u++) {
		m->unit[u] = field_dup(&t.rec[u], (size_t)ucol);
		m->uline[u] = t.rec[u].line;
		if (!m->unit[u] || (lcol >= 0 &&
		    !(m->label[u] = field_dup(&t.rec[u], (size_t)lcol)))) {
			err_nomem(e);
			goto out;
		}
		if (m->unit[u][0] == '\0') {
			errf(e, ERR_DATA, "%s:%ld: column %s: the unit id is "
			    "empty", m->data_name, t.rec[u].line,
			    QV(q1, m->unit_col));
			goto out;
		}
		idx[u] = u;
	}
	sort_idx(idx, t.n, tmp, cmp_str_idx, m->unit);
	{
		/* Report the duplicate that comes first in the input. */
		size_t first = 0, dup = t.n;

		k = 0;
		for (u = 1; u < t.n; u++) {
			if (strcmp(m->unit[idx[u]], m->unit[idx[u - 1]]) != 0)
				first = u;
			else if (dup == t.n || idx[u] < dup) {
				dup = idx[u];
				k = idx[first];
			}
		}
		if (dup < t.n) {
			errf(e, ERR_DATA, "%s:%ld: duplicate unit %s (also on "
			    "line %ld)", m->data_name, m->uline[dup],
			    QV(q1, m->unit[dup]), m->uline[k]);
			goto out;
		}
	}

	/* Indicator columns. */
	if (t.n > 0 && m->nnode > SIZE_MAX / sizeof(double) / t.n) {
		err_nomem(e);
		goto out;
	}
	icol = calloc(m->nind + 1, sizeof *icol);
	m->x = malloc((m->nnode * (t.n ? t.n : 1)) * sizeof *m->x);
	m->w = calloc(m->nnode, sizeof *m->w);
	m->weff = calloc(m->nnode, sizeof *m->weff);
	if (!icol || !m->x || !m->w || !m->weff) {
		err_nomem(e);
		goto out;
	}
	for (k = 0; k < m->nnode * t.n; k++)
		m->x[k] = NAN;
	for (k = 0; k < m->nind; k++) {
		icol[k] = csv_header_index(&t.head, m->node[k].code);
		if (icol[k] < 0) {
			errf(e, ERR_DATA, "%s:%ld: iCode %s is not a column "
			    "of %s", mname, m->node[k].line,
			    QV(q1, m->node[k].code), m->data_name);
			goto out;
		}
	}
	for (k = m->nind; k < m->nnode; k++)
		if (csv_header_index(&t.head, m->node[k].code) >= 0 && o->meta) {
			errf(e, ERR_DATA, "%s:%ld: aggregate %s is also a "
			    "column of %s: aggregates are computed, not read",
			    mname, m->node[k].line, QV(q1, m->node[k].code),
			    m->data_name);
			goto out;
		}
	for (u = 0; u < t.n; u++)
		for (k = 0; k < m->nind; k++)
			if (cell_num(m, &t.rec[u], (size_t)icol[k],
			    m->node[k].code, &m->x[k * t.n + u], e) < 0)
				goto out;
	/* Columns the data has that META does not name. */
	if (o->meta && warn) {
		for (i = 0; i < t.head.nfields; i++) {
			int known = (long)i == ucol || (long)i == lcol ||
			    (long)i == gcol, numbers = 0;
			double v;
			for (k = 0; k < m->nnode && !known; k++)
				if (t.head.len[i] == strlen(m->node[k].code) &&
				    memcmp(t.head.field[i], m->node[k].code,
				    t.head.len[i]) == 0)
					known = 1;
			for (k = 0; k < m->nind && !known; k++)
				if (m->node[k].denom &&
				    t.head.len[i] == strlen(m->node[k].denom) &&
				    memcmp(t.head.field[i], m->node[k].denom,
				    t.head.len[i]) == 0)
					known = 1;
			for (u = 0; u < t.n && !known && !numbers; u++)
				numbers = parse_num(t.rec[u].field[i],
				    t.rec[u].len[i], &v) == NUM_OK;
			if (!known && numbers && other.data &&
			    listed(&other, t.head.field[i], t.head.len[i]))
				known = 1;
			if (!known && numbers) {
				char line[256];
				int len = snprintf(line, sizeof line,
				    "%s: column %s is not in %s: ignored\n",
				    m->data_name, quote_value(q2, sizeof q2,
				    t.head.field[i], t.head.len[i]), mname);
				/* long paths are cut, the line still ends */
				if (len < 0 || (size_t)len >= sizeof line) {
					len = (int)sizeof line - 1;
					line[len - 1] = '\n';
				}
				if (buf_append(warn, line, (size_t)len) < 0) {
					err_nomem(e);
					goto out;
				}
			}
		}
	}
	if (o->denominate) {
		int any = 0;
		for (k = 0; k < m->nind; k++)
			if (m->node[k].denom) {
				any = 1;
				if (csv_header_index(&t.head, m->node[k].denom) < 0) {
					errf(e, ERR_DATA, "%s:%ld: the "
					    "Denominator %s of %s is not a "
					    "column of %s", mname,
					    m->node[k].line,
					    QV(q1, m->node[k].denom),
					    QV(q2, m->node[k].code),
					    m->data_name);
					goto out;
				}
				if (keep_column(m, &t, m->node[k].denom, 0,
				    "the Denominator of an indicator", e) < 0)
					goto out;
			}
		if (!any) {
			errf(e, ERR_USAGE, "--denominate: no indicator has a "
			    "Denominator%s", o->meta ? " in META" :
			    " (name them in META with -m)");
			goto out;
		}
	}
	if (o->group_col && keep_column(m, &t, o->group_col, 1,
	    "the group column", e) < 0)
		goto out;
	rc = 0;
out:
	meta_rows_free(rows, nrows);
	free(other.data);
	free(mname);
	table_free(&t);
	free(icol);
	free(idx);
	free(tmp);
	return rc;
}

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

int
rc_denominate(struct rc_model *m, struct err *e)
{
	size_t k, u, n = m->nunit;
	char q1[96], q2[96], q3[96];

	for (k = 0; k < m->nind; k++) {
		long c;
		if (m->node[k].denom == NULL)
			continue;
		c = col_index(m, m->node[k].denom);
		if (c < 0)
			return errf(e, ERR_DATA, "%s: no column %s (the "
			    "Denominator of %s)", m->data_name,
			    QV(q1, m->node[k].denom), QV(q2, m->node[k].code));
		for (u = 0; u < n; u++) {
			const char *s = m->colval[c][u];
			double d, *x = &m->x[k * n + u];
			enum num_status st = parse_num(s, strlen(s), &d);
			if (st == NUM_EMPTY || st == NUM_NA || st == NUM_NAN) {
				*x = NAN;
				continue;
			}
			if (st != NUM_OK)
				return errf(e, ERR_DATA, "%s:%ld: column %s: "
				    "%s %s", m->data_name, m->uline[u],
				    QV(q1, m->colname[c]), QV(q2, s),
				    num_status_text(st));
			if (d == 0 && !isnan(*x))
				return errf(e, ERR_DATA, "%s:%ld: unit %s: "
				    "Denominator %s of %s is 0",
				    m->data_name, m->uline[u],
				    QV(q1, m->unit[u]), QV(q2, m->colname[c]),
				    QV(q3, m->node[k].code));
			*x /= d;
			if (!isnan(*x) && !isfinite(*x))
				return errf(e, ERR_DATA, "%s:%ld: unit %s: %s "
				    "divided by its Denominator %s is too large "
				    "to hold", m->data_name, m->uline[u],
				    QV(q1, m->unit[u]), QV(q3, m->node[k].code),
				    QV(q2, m->colname[c]));
		}
	}
	return 0;
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

static void rank_ties_min(const double *x, size_t n, int desc, int *rank,
    size_t *idx, size_t *tmp);

/* The statistics min-max and z-scores need, of dir * x over the values
 * present: the mean and the sample sd as core/stats.h has them (NAN for
 * no values, and the sd for fewer than 2). */
struct colstat {
	size_t cnt;
	double mn, mx, mean, sd;
};

/* tmp: the caller's scratch for n values. */
static void
col_stats(const double *x, size_t n, double dir, struct colstat *cs,
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

/* Min-max of v onto [a, b]: COINr's (v - min) / (max - min) (b - a) + a,
 * halved first when max - min overflows. */
static double
minmax_of(double v, const struct colstat *cs, double a, double b)
{
	if (isfinite(cs->mx - cs->mn))
		return (v - cs->mn) / (cs->mx - cs->mn) * (b - a) + a;
	return (v / 2 - cs->mn / 2) / (cs->mx / 2 - cs->mn / 2) * (b - a) + a;
}

/* Check that min-max (how 0) or z-scores (how 1) can scale the column. */
static int
scalable(const struct rc_model *m, size_t k, const struct colstat *cs,
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
		    "large for z-scores (the sum overflows)", m->data_name,
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

		col_stats(x, n, dir, &cs, tmp);
		mn = cs.mn;
		if (cs.cnt == 0)
			return errf(e, ERR_DATA, "%s: indicator %s has no values",
			    m->data_name, QV(q, d->code));
		for (u = 0; u < n; u++)
			x[u] *= dir;
		switch (sp->how) {
		case RC_NORM_MINMAX:
			if (scalable(m, k, &cs, 0, e) < 0)
				return -1;
			for (u = 0; u < n; u++)
				x[u] = minmax_of(x[u], &cs, sp->a, sp->b);
			break;
		case RC_NORM_ZSCORE:
			if (scalable(m, k, &cs, 1, e) < 0)
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
			rank_ties_min(x, n, 0, r, t1, t2);
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

/* Ranks of x[n] into rank[n], highest first when desc, else lowest first;
 * ties share the lowest rank, NAN gets 0.  idx and tmp: n indexes each. */
static void
rank_ties_min(const double *x, size_t n, int desc, int *rank, size_t *idx,
    size_t *tmp)
{
	struct rank_ctx c = {x, desc};
	size_t u, k = 0, i;

	for (u = 0; u < n; u++) {
		rank[u] = 0;
		if (!isnan(x[u]))
			idx[k++] = u;
	}
	sort_idx(idx, k, tmp, cmp_rank, &c);
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
	rank_ties_min(score, n, 1, rank, idx, tmp);
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
		double sum = 0, h = 0, first = NAN;
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
			cnt++;
		}
		w[j] = 0;
		if (constant || cnt < 2 || sum == 0)
			continue; /* no information: weight 0 */
		for (u = 0; u < n; u++)
			if (!isnan(x[u]) && x[u] > 0) {
				double pr = x[u] / sum;
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

static int
topsis(struct rc_model *m, size_t p, const double *w, int dir_in_topsis,
    struct err *e)
{
	struct rc_node *pn = &m->node[p];
	size_t n = m->nunit, k = pn->nchild, j, u;
	double *out = &m->x[p * n];
	double *norm = calloc(k, sizeof *norm), *best = calloc(k, sizeof *best);
	double *worst = calloc(k, sizeof *worst);
	char q1[96], q2[96];
	int rc = -1;

	if (!norm || !best || !worst) {
		err_nomem(e);
		goto out;
	}
	for (j = 0; j < k; j++) {
		size_t c = pn->child[j];
		const double *x = &m->x[c * n];
		double s = 0, hi = -INFINITY, lo = INFINITY;
		int neg = dir_in_topsis && c < m->nind && m->node[c].dir < 0;
		for (u = 0; u < n; u++)
			if (!isnan(x[u]))
				s += x[u] * x[u];
		norm[j] = s > 0 ? sqrt(s) : 0;
		for (u = 0; u < n; u++)
			if (!isnan(x[u])) {
				double v = norm[j] > 0 ? w[j] * x[u] / norm[j] :
				    0;
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
			v = norm[j] > 0 ? w[j] * x / norm[j] : 0;
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
	free(norm);
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
		case RC_W_META:
			for (j = 0; j < k; j++)
				sum += m->node[pn->child[j]].weight;
			if (!(sum > 0)) {
				free(w);
				return errf(e, ERR_DATA, "%s:%ld: the Weights of "
				    "the children of %s sum to 0",
				    m->meta_name ? m->meta_name : m->data_name,
				    pn->line, QV(q1, pn->code));
			}
			for (j = 0; j < k; j++)
				w[j] = m->node[pn->child[j]].weight / sum;
			break;
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
			col_stats(x, n, dir, &cs, score);
			if (scalable(m, k, &cs, nz, e) < 0)
				goto out;
			for (u = 0; u < n; u++) {
				double v = dir * x[u], y;
				/* COINr's sensitivity vignette: minmax to
				 * [1, 100], z-scores with mean 10, sd 2 */
				y = nz == 0 ? minmax_of(v, &cs, 1, 100) :
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
				    bad_y, QV(q1, bad_code), ag == 1 ?
				    "gmean" : "hmean");
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
		rank_ties_min(score, n, 1, rank, idx, tmp);
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
