/*
 * model.c - reading a composite index's tree (META, COINr's iMeta) and its
 * data into a struct rc_model (rc_read), and freeing it.  The whole table
 * is held: a ranking needs every unit at once.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/intern.h"
#include "core/num.h"
#include "core/util.h"
#include "rankcity/internal.h"
#include "rankcity/rankcity.h"

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
	free(m->by_col);
	free(m->by_val);
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
	struct csv_opts co = {.delim = ',', .side = 1};
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

/*
 * A hashed index of names (the iCodes of META, the header of the data):
 * name to the position of its first occurrence, so a lookup costs the
 * same for the 100,000th indicator as for the first.  Zero it to start;
 * names_free() frees it.  The intern table has no lookup that does not
 * add, so a name looked up and not found is added there too: pos[] says
 * which ids were indexed (NAMES_NONE: only looked up), so that names_add()
 * after a failed names_find() of the same name still indexes it.
 */
#define NAMES_NONE SIZE_MAX
struct names {
	struct intern t;
	size_t *pos;       /* pos[id] for id < npos, or NAMES_NONE */
	size_t npos, cap;
	int hasdup;        /* a name came twice: */
	size_t dup, first; /* its first repeat and where it came first */
};

static void
names_free(struct names *x)
{
	intern_free(&x->t);
	free(x->pos);
	memset(x, 0, sizeof *x);
}

/* Add entry number i (len bytes at s); a repeat is remembered in dup and
 * first (the first repeat only).  0, or -1 with *e set. */
static int
names_add(struct names *x, const char *s, size_t len, size_t i,
    struct err *e)
{
	uint32_t id;
	int added;

	if (intern_get(&x->t, s, len, &id, &added, e) < 0)
		return -1;
	if (id >= x->npos) {
		if (grow_array((void **)&x->pos, &x->cap, (size_t)id + 1,
		    sizeof *x->pos) < 0)
			return err_nomem(e);
		while (x->npos <= id)
			x->pos[x->npos++] = NAMES_NONE;
	}
	if (x->pos[id] == NAMES_NONE) {
		x->pos[id] = i;
		return 0;
	}
	if (!x->hasdup) {
		x->hasdup = 1;
		x->dup = i;
		x->first = x->pos[id];
	}
	return 0;
}

/* The position of the len bytes at s in *pos, or -1 when not indexed.
 * 0, or -1 with *e set (out of memory). */
static int
names_find(struct names *x, const char *s, size_t len, long *pos,
    struct err *e)
{
	uint32_t id;
	int added;

	*pos = -1;
	if (intern_get(&x->t, s, len, &id, &added, e) < 0)
		return -1;
	if (id < x->npos && x->pos[id] != NAMES_NONE)
		*pos = (long)x->pos[id];
	return 0;
}

/* Index the fields of a header row (names_add for each). */
static int
names_header(struct names *x, const struct csv_record *h, struct err *e)
{
	size_t i;

	for (i = 0; i < h->nfields; i++)
		if (names_add(x, h->field[i], h->len[i], i, e) < 0)
			return -1;
	return 0;
}

/* A column of the indexed header h by name, else by 1-based position:
 * csv_header_column()'s rule, hashed.  *pos -1 when neither. */
static int
names_column(struct names *x, const struct csv_record *h, const char *spec,
    long *pos, struct err *e)
{
	size_t n = strlen(spec);

	if (names_find(x, spec, n, pos, e) < 0)
		return -1;
	if (*pos < 0 && n > 0 && strspn(spec, "0123456789") == n) {
		unsigned long p = strtoul(spec, NULL, 10);
		if (p >= 1 && p <= h->nfields)
			*pos = (long)(p - 1);
	}
	return 0;
}

/*
 * The name of the index made when META names none: "index" (综合指数
 * under zh), or "index2", "index3" ... when a node or a data column
 * already has that name.  A new string, or NULL when out of memory.
 */
static char *
root_name(const struct rc_model *m, const struct csv_record *head, int zh)
{
	const char *base = zh ? "综合指数" : "index";
	char name[32];
	int i;

	for (i = 1;; i++) {
		size_t k;
		int taken = 0;
		if (i == 1)
			snprintf(name, sizeof name, "%s", base);
		else
			snprintf(name, sizeof name, "%s%d", base, i);
		for (k = 0; k < m->nnode && !taken; k++)
			taken = m->node[k].code &&
			    strcmp(m->node[k].code, name) == 0;
		if (!taken && head)
			taken = csv_header_index(head, name) >= 0;
		if (!taken)
			return strdup(name);
	}
}

/*
 * The index over indicators 0..n-1 of a model without META: node n,
 * level 2, weight 1, named by root_name(), every indicator its child.
 * m->nind and m->nnode are set first, so that rc_model_free() frees what
 * was made even when this fails.  Returns 0, or -1 with *e set.
 */
static int
add_root(struct rc_model *m, size_t n, const struct csv_record *head,
    int zh, struct err *e)
{
	size_t k;

	m->nind = n;
	m->nnode = n + 1;
	m->node[n].code = root_name(m, head, zh);
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

/* Order the rows into nodes and link the tree, checking it. */
static int
build_tree(struct rc_model *m, struct meta_row *a, size_t n,
    const char *mname, const struct csv_record *head, struct err *e)
{
	long *par = NULL, *order = NULL, *pos = NULL;
	size_t *ccap = NULL; /* capacity of each node's child array */
	struct names codes = {0};
	unsigned char *seen = NULL;
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
		if (names_add(&codes, a[i].code, strlen(a[i].code), i, e) < 0)
			goto out;
		if (codes.hasdup) {
			errf(e, ERR_DATA, "%s:%ld: iCode %s appears twice "
			    "(first on line %ld)", mname, a[i].line,
			    QV(q1, a[i].code), a[codes.first].line);
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
		if (names_find(&codes, a[i].parent, strlen(a[i].parent),
		    &par[i], e) < 0)
			goto out;
		if (par[i] < 0) {
			errf(e, ERR_DATA, "%s:%ld: Parent %s of %s is not an "
			    "iCode in META", mname, a[i].line,
			    QV(q1, a[i].parent), QV(q2, a[i].code));
			goto out;
		}
	}
	/* Cycles: follow each node's parents until a root or a node seen
	 * before (seen 1: on this walk, a cycle; 2: on an earlier one, which
	 * ended at a root): each node is walked once. */
	if (!(seen = calloc(n, 1))) {
		err_nomem(e);
		goto out;
	}
	for (i = 0; i < n; i++) {
		long p = (long)i;
		while (p >= 0 && seen[p] == 0) {
			seen[p] = 1;
			p = par[p];
		}
		if (p < 0 || seen[p] == 2) {
			for (p = (long)i; p >= 0 && seen[p] == 1; p = par[p])
				seen[p] = 2;
			continue;
		}
		{
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
		d->code = root_name(m, head, 0);
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
	names_free(&codes);
	free(seen);
	free(ccap);
	free(par);
	free(order);
	free(pos);
	return rc;
}

/* ------------------------------------------------------------------ data */

/*
 * A data record held packed: its fields one after the other, each behind
 * a NUL, in one block, field i at data + off[i] (off[nfields] = the end):
 * about 4 bytes a cell beside the text, where a struct csv_record costs an
 * allocation, a pointer and a length per cell (a 300 x 100,000 table took
 * 1.7 GB that way).
 */
struct row {
	char *data;
	uint32_t *off;
	size_t nfields;
	long line;
};

/* Pack rec into *w (zeroed).  0, or -1 with *e set: memory, or a record
 * of 4 GiB or more (ERR_DATA). */
static int
row_pack(struct row *w, const struct csv_record *rec, const char *name,
    struct err *e)
{
	size_t i, total = 0;

	for (i = 0; i < rec->nfields; i++) {
		if (rec->len[i] >= UINT32_MAX - 1 - total)
			return errf(e, ERR_DATA, "%s:%ld: the record is 4 GiB "
			    "or more: too long to hold", name, rec->line);
		total += rec->len[i] + 1;
	}
	w->line = rec->line;
	w->data = malloc(total ? total : 1);
	w->off = malloc((rec->nfields + 1) * sizeof *w->off);
	if (!w->data || !w->off)
		return err_nomem(e);
	total = 0;
	for (i = 0; i < rec->nfields; i++) {
		w->off[i] = (uint32_t)total;
		memcpy(w->data + total, rec->field[i], rec->len[i]);
		total += rec->len[i];
		w->data[total++] = '\0';
	}
	w->off[i] = (uint32_t)total;
	w->nfields = rec->nfields;
	return 0;
}

/* Field i of w (NUL-terminated), its length in *len. */
static const char *
row_field(const struct row *w, size_t i, size_t *len)
{
	*len = w->off[i + 1] - w->off[i] - 1;
	return w->data + w->off[i];
}

/* Field i of w, trimmed, as a new string, or NULL (out of memory). */
static char *
row_dup(const struct row *w, size_t i)
{
	size_t len;
	const char *s = row_field(w, i, &len);

	trim_blanks(&s, &len);
	return str_ndup(s, len);
}

/* The records of the data file, held whole. */
struct table {
	struct row *rec;
	size_t n, cap;
	struct csv_record head;
	struct names hx; /* the header's names, hashed */
};

static void
table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->rec[i].data);
		free(t->rec[i].off);
	}
	free(t->rec);
	csv_record_free(&t->head);
	names_free(&t->hx);
}

/*
 * Read the data file whole into *t.  The unit column (ucol_spec) is
 * looked for first, before any row is read; a missing one is named with
 * the header as csvr_column() lists it for every tool, and the option
 * that names it; so are the columns of --indicators (list[nlist], each
 * perhaps after a "-").
 */
static int
read_table(const char *path, const struct csv_opts *c, struct table *t,
    struct rc_model *m, const char *ucol_spec, const char *const *list,
    size_t nlist, struct err *e)
{
	struct csvr *r = NULL;
	struct csv_record *rec;
	size_t ucol, i;
	int st, rc = -1;

	if (csvr_open(&r, path, c, e) < 0)
		return -1;
	m->data_name_buf = strdup(csvr_name(r));
	if (m->data_name_buf == NULL) {
		err_nomem(e);
		goto out;
	}
	m->data_name = m->data_name_buf;
	if (csvr_column(r, ucol_spec, &ucol, e) < 0) {
		/* csvr_column's words, with "unit" and the option added */
		const char *h = strstr(e->msg, "; the header is: ");
		char q[96], head[ERR_MSG_MAX];

		snprintf(head, sizeof head, "%s", h ? h : "");
		errf(e, ERR_DATA, "%s: no unit column %s (name it with "
		    "--unit)%s", m->data_name, QV(q, ucol_spec), head);
		goto out;
	}
	if (csv_record_copy(&t->head, csvr_header(r)) < 0) {
		err_nomem(e);
		goto out;
	}
	if (names_header(&t->hx, &t->head, e) < 0)
		goto out;
	for (i = 0; i < nlist; i++) {
		const char *spec = list[i] + (list[i][0] == '-');
		long col;
		if (names_column(&t->hx, &t->head, spec, &col, e) < 0)
			goto out;
		/* csvr_column() says which is missing, with the header */
		if (col < 0 && csvr_column(r, spec, &ucol, e) < 0)
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
		if (row_pack(&t->rec[t->n++], rec, m->data_name, e) < 0)
			goto out;
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

/*
 * Report the duplicate unit id of m that comes first in the input, or
 * return 0; idx and tmp are scratch for m->nunit indexes.
 */
static int
unique_units(const struct rc_model *m, size_t *idx, size_t *tmp,
    struct err *e)
{
	size_t first = 0, dup = m->nunit, u, k = 0;
	char q1[96];

	for (u = 0; u < m->nunit; u++)
		idx[u] = u;
	rc_sort_idx(idx, m->nunit, tmp, cmp_str_idx, m->unit);
	for (u = 1; u < m->nunit; u++) {
		if (strcmp(m->unit[idx[u]], m->unit[idx[u - 1]]) != 0)
			first = u;
		else if (dup == m->nunit || idx[u] < dup) {
			dup = idx[u];
			k = idx[first];
		}
	}
	if (dup < m->nunit)
		return errf(e, ERR_DATA, "%s:%ld: duplicate unit %s (also on "
		    "line %ld)", m->data_name, m->uline[dup],
		    QV(q1, m->unit[dup]), m->uline[k]);
	return 0;
}

/* Parse one indicator cell into *out (NAN when missing). */
static int
cell_num(const struct rc_model *m, const struct row *rec, size_t col,
    const char *cname, double *out, struct err *e)
{
	size_t len;
	const char *s = row_field(rec, col, &len);
	enum num_status st = parse_num(s, len, out);
	char q1[96], q2[96];

	if (st == NUM_OK)
		return 0;
	if (st == NUM_EMPTY || st == NUM_NA || st == NUM_NAN) {
		*out = NAN;
		return 0;
	}
	return errf(e, ERR_DATA, "%s:%ld: column %s: %s %s", m->data_name,
	    rec->line, QV(q1, cname), quote_value(q2, sizeof q2, s, len),
	    num_status_text(st));
}

/* Keep an extra text column: a Denominator by its exact name, the group
 * column by name or position (by_position); kept indexes the names of
 * those kept so far (m->colname). */
static int
keep_column(struct rc_model *m, struct table *t, struct names *kept,
    const char *name, int by_position, const char *why, struct err *e)
{
	long col, have;
	size_t c, u;
	char q[96], **names;
	char ***vals;

	if (names_find(kept, name, strlen(name), &have, e) < 0)
		return -1;
	if (have >= 0)
		return 0;
	if (by_position) {
		if (names_column(&t->hx, &t->head, name, &col, e) < 0)
			return -1;
	} else if (names_find(&t->hx, name, strlen(name), &col, e) < 0)
		return -1;
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
	if (names_add(kept, name, strlen(name), c, e) < 0)
		return -1;
	for (u = 0; u < t->n; u++)
		if (!(m->colval[c][u] = row_dup(&t->rec[u], (size_t)col)))
			return err_nomem(e);
	return 0;
}

/* Without META: indicators are the columns that hold numbers only. */
static int
infer_tree(struct rc_model *m, const struct table *t, long ucol, long lcol,
    long gcol, long bcol, int zh, struct err *e)
{
	size_t i, u, n = 0;
	double v;

	m->node = calloc(t->head.nfields + 1, sizeof *m->node);
	if (m->node == NULL)
		return err_nomem(e);
	for (i = 0; i < t->head.nfields; i++) {
		int numbers = 0;
		long bad = -1;
		if ((long)i == ucol || (long)i == lcol || (long)i == gcol ||
		    (long)i == bcol)
			continue;
		for (u = 0; u < t->n; u++) {
			size_t len;
			const char *f = row_field(&t->rec[u], i, &len);
			enum num_status st = parse_num(f, len, &v);
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
	return add_root(m, n, &t->head, zh, e);
}

/*
 * --indicators: the columns listed (by name or position; read_table has
 * checked that they exist), in that order, Direction -1 after a "-",
 * weight 1, under one index.
 */
static int
list_tree(struct rc_model *m, struct table *t, const struct rc_read_opts *o,
    struct err *e)
{
	size_t n = o->nindicators, k;
	struct names codes = {0};
	int rc = -1;

	m->node = calloc(n + 1, sizeof *m->node);
	if (m->node == NULL)
		return err_nomem(e);
	for (k = 0; k < n; k++) {
		const char *spec = o->indicators[k];
		int neg = spec[0] == '-';
		long col;

		if (names_column(&t->hx, &t->head, spec + neg, &col, e) < 0)
			goto out;
		if (col < 0) { /* read_table has checked: cannot happen */
			errf(e, ERR_DATA, "%s: no column %s", m->data_name,
			    spec + neg);
			goto out;
		}
		m->node[k].code = field_dup(&t->head, (size_t)col);
		m->node[k].name = field_dup(&t->head, (size_t)col);
		if (!m->node[k].code || !m->node[k].name) {
			err_nomem(e);
			goto out;
		}
		m->nind = m->nnode = k + 1; /* rc_model_free sees them */
		if (names_add(&codes, m->node[k].code,
		    strlen(m->node[k].code), k, e) < 0)
			goto out;
		if (codes.hasdup) {
			char q[96];
			errf(e, ERR_USAGE, "--indicators names column %s "
			    "twice", QV(q, m->node[k].code));
			goto out;
		}
		m->node[k].level = 1;
		m->node[k].dir = neg ? -1 : 1;
		m->node[k].weight = 1;
		m->node[k].target = m->node[k].gp_lo = m->node[k].gp_hi = NAN;
	}
	rc = add_root(m, n, &t->head, o->zh, e);
out:
	names_free(&codes);
	return rc;
}


int
rc_read(struct rc_model *m, const char *path, const struct csv_opts *c,
    const struct rc_read_opts *o, struct buf *warn, struct err *e)
{
	struct meta_row *rows = NULL;
	size_t nrows = 0, i, u, k;
	char *mname = NULL;
	struct buf other = {0}, names = {0};
	struct table t = {0};
	size_t nother = 0;
	long ucol, lcol = -1, gcol = -1, bcol = -1, *icol = NULL, col;
	size_t *idx = NULL, *tmp = NULL;
	struct names kept = {0}; /* m->colname */
	unsigned char *known = NULL;
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
	m->unit_col = strdup(o->unit_col ? o->unit_col : "unit");
	if (m->unit_col == NULL) {
		err_nomem(e);
		goto out;
	}
	if (read_table(path, c, &t, m, m->unit_col, o->indicators,
	    o->nindicators, e) < 0)
		goto out;
	ucol = head_col(&t.head, m->unit_col);
	if (t.hx.hasdup) {
		i = t.hx.dup;
		errf(e, ERR_DATA, "%s:%ld: column %s appears twice (columns %zu "
		    "and %zu)", m->data_name, t.head.line, quote_value(q1,
		    sizeof q1, t.head.field[i], t.head.len[i]),
		    t.hx.first + 1, i + 1);
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
	if (o->by_col) {
		bcol = head_col(&t.head, o->by_col);
		if (bcol < 0) {
			errf(e, ERR_DATA, "%s: no --by column %s", m->data_name,
			    QV(q1, o->by_col));
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
	} else if (o->nindicators > 0) {
		if (list_tree(m, &t, o, e) < 0)
			goto out;
	} else if (infer_tree(m, &t, ucol, lcol, gcol, bcol, o->zh, e) < 0)
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
		m->unit[u] = row_dup(&t.rec[u], (size_t)ucol);
		m->uline[u] = t.rec[u].line;
		if (!m->unit[u] || (lcol >= 0 &&
		    !(m->label[u] = row_dup(&t.rec[u], (size_t)lcol)))) {
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
	/* under --by a unit comes once a group (rc_model_groups) */
	if (bcol < 0 && unique_units(m, idx, tmp, e) < 0)
		goto out;

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
		if (names_find(&t.hx, m->node[k].code, strlen(m->node[k].code),
		    &icol[k], e) < 0)
			goto out;
		if (icol[k] < 0) {
			errf(e, ERR_DATA, "%s:%ld: iCode %s is not a column "
			    "of %s", mname, m->node[k].line,
			    QV(q1, m->node[k].code), m->data_name);
			goto out;
		}
		/* the id, name and group of a unit are not measures of it:
		 * ranking on them would print a number that means nothing */
		if (icol[k] == ucol || icol[k] == lcol || icol[k] == bcol) {
			const char *what = icol[k] == ucol ? "unit" :
			    icol[k] == lcol ? "--label" : "--by";
			if (o->meta)
				errf(e, ERR_DATA, "%s:%ld: iCode names the %s "
				    "column of %s, which cannot be an "
				    "indicator: %s", mname, m->node[k].line,
				    what, m->data_name,
				    QV(q1, m->node[k].code));
			else
				errf(e, ERR_USAGE, "--indicators names the %s "
				    "column, which cannot be an indicator: %s",
				    what, QV(q1, m->node[k].code));
			goto out;
		}
	}
	for (k = m->nind; k < m->nnode && o->meta; k++) {
		if (names_find(&t.hx, m->node[k].code, strlen(m->node[k].code),
		    &col, e) < 0)
			goto out;
		if (col >= 0) {
			errf(e, ERR_DATA, "%s:%ld: aggregate %s is also a "
			    "column of %s: aggregates are computed, not read",
			    mname, m->node[k].line, QV(q1, m->node[k].code),
			    m->data_name);
			goto out;
		}
	}
	for (u = 0; u < t.n; u++)
		for (k = 0; k < m->nind; k++)
			if (cell_num(m, &t.rec[u], (size_t)icol[k],
			    m->node[k].code, &m->x[k * t.n + u], e) < 0)
				goto out;
	/* Columns the data has that META does not name: known[i] marks
	 * column i as an iCode, a Denominator or a code META lists outside
	 * the tree. */
	if (o->meta && warn) {
		const char *p = other.data, *end = other.data + other.len;

		if (!(known = calloc(t.head.nfields + 1, 1))) {
			err_nomem(e);
			goto out;
		}
		for (k = 0; k < m->nnode; k++) {
			if (names_find(&t.hx, m->node[k].code,
			    strlen(m->node[k].code), &col, e) < 0)
				goto out;
			if (col >= 0)
				known[col] = 1;
			if (k < m->nind && m->node[k].denom) {
				if (names_find(&t.hx, m->node[k].denom,
				    strlen(m->node[k].denom), &col, e) < 0)
					goto out;
				if (col >= 0)
					known[col] = 1;
			}
		}
		/* other: "\ncode\ncode\n" */
		while (p != NULL && p < end) {
			const char *nl = memchr(p + 1, '\n',
			    (size_t)(end - p - 1));
			if (nl == NULL)
				break;
			if (names_find(&t.hx, p + 1, (size_t)(nl - p - 1), &col,
			    e) < 0)
				goto out;
			if (col >= 0)
				known[col] = 1;
			p = nl;
		}
		for (i = 0; i < t.head.nfields; i++) {
			int numbers = 0;
			double v;
			if (known[i] || (long)i == ucol || (long)i == lcol ||
			    (long)i == gcol || (long)i == bcol)
				continue;
			for (u = 0; u < t.n && !numbers; u++) {
				size_t len;
				const char *f = row_field(&t.rec[u], i, &len);
				numbers = parse_num(f, len, &v) == NUM_OK;
			}
			if (numbers) {
				/* one line for them all: "a", "b" */
				quote_value(q2, sizeof q2, t.head.field[i],
				    t.head.len[i]);
				if ((nother++ && buf_append(&names, ", ", 2) < 0) ||
				    buf_append(&names, q2, strlen(q2)) < 0) {
					err_nomem(e);
					goto out;
				}
			}
		}
		if (nother > 0 && (buf_append(warn, m->data_name,
		    strlen(m->data_name)) < 0 || buf_append(warn, nother > 1 ?
		    ": columns " : ": column ", nother > 1 ? 10 : 9) < 0 ||
		    buf_append(warn, names.data, names.len) < 0 ||
		    buf_append(warn, nother > 1 ? " are not in " :
		    " is not in ", nother > 1 ? 12 : 11) < 0 ||
		    buf_append(warn, mname, strlen(mname)) < 0 ||
		    buf_append(warn, ": ignored\n", 10) < 0)) {
			err_nomem(e);
			goto out;
		}
	}
	if (o->denominate) {
		int any = 0;
		for (k = 0; k < m->nind; k++)
			if (m->node[k].denom) {
				any = 1;
				if (names_find(&t.hx, m->node[k].denom,
				    strlen(m->node[k].denom), &col, e) < 0)
					goto out;
				if (col < 0) {
					errf(e, ERR_DATA, "%s:%ld: the "
					    "Denominator %s of %s is not a "
					    "column of %s", mname,
					    m->node[k].line,
					    QV(q1, m->node[k].denom),
					    QV(q2, m->node[k].code),
					    m->data_name);
					goto out;
				}
				if (keep_column(m, &t, &kept, m->node[k].denom, 0,
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
	if (o->group_col && keep_column(m, &t, &kept, o->group_col, 1,
	    "the group column", e) < 0)
		goto out;
	if (o->by_col) {
		if (keep_column(m, &t, &kept, o->by_col, 1,
		    "the --by column", e) < 0)
			goto out;
		if (names_find(&kept, o->by_col, strlen(o->by_col), &col,
		    e) < 0)
			goto out;
		m->by_c = (size_t)col; /* kept just now: found */
		if (!(m->by_col = field_dup(&t.head, (size_t)bcol))) {
			err_nomem(e);
			goto out;
		}
	}
	rc = 0;
out:
	meta_rows_free(rows, nrows);
	free(other.data);
	free(names.data);
	free(mname);
	table_free(&t);
	names_free(&kept);
	free(known);
	free(icol);
	free(idx);
	free(tmp);
	return rc;
}


void
rc_sort_idx(size_t *v, size_t n, size_t *tmp,
    int (*cmp)(const void *, const void *, void *), void *ctx)
{
	size_t mid, i, j, k;

	if (n < 2)
		return;
	mid = n / 2;
	rc_sort_idx(v, mid, tmp, cmp, ctx);
	rc_sort_idx(v + mid, n - mid, tmp, cmp, ctx);
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


/* ------------------------------------------------------- constant columns */

/*
 * Remove the nodes with drop[k] set (their strings, their rows of x) from
 * m in one pass, the others keeping their order, and renumber the parents
 * and the children lists.  One pass, where removing the nodes one at a
 * time moved the rows after each (quadratic in the nodes removed).
 * newi: scratch for m->nnode indexes.
 */
static void
remove_nodes(struct rc_model *m, const unsigned char *drop, size_t *newi)
{
	size_t i, j, k, n = m->nunit, nind = 0;

	for (k = 0, j = 0; k < m->nnode; k++) {
		if (drop[k]) {
			free(m->node[k].code);
			free(m->node[k].name);
			free(m->node[k].denom);
			free(m->node[k].child);
			continue;
		}
		newi[k] = j;
		if (j != k) {
			m->node[j] = m->node[k];
			if (n > 0)
				memmove(&m->x[j * n], &m->x[k * n],
				    n * sizeof *m->x);
		}
		if (k < m->nind)
			nind++;
		j++;
	}
	m->nnode = j;
	m->nind = nind;
	for (i = 0; i < m->nnode; i++) {
		struct rc_node *d = &m->node[i];
		size_t o = 0;
		/* a kept node's parent is kept (it has a child left) */
		if (d->parent >= 0)
			d->parent = (long)newi[d->parent];
		for (k = 0; k < d->nchild; k++)
			if (!drop[d->child[k]])
				d->child[o++] = newi[d->child[k]];
		d->nchild = o;
	}
}

int
rc_drop_constant(struct rc_model *m, const char *what, size_t *dropped,
    struct buf *warn, struct err *e)
{
	struct buf names = {0};
	size_t k, j, u, n = m->nunit, nd = 0, left = 1;
	unsigned char *drop = calloc(m->nnode + 1, 1);
	size_t *newi = malloc((m->nnode + 1) * sizeof *newi);
	char q[96];
	int rc = -1;

	*dropped = 0;
	if (!drop || !newi) {
		err_nomem(e);
		goto out;
	}
	for (k = 0; k < m->nind; k++) {
		const double *x = &m->x[k * n];
		double first = NAN;
		int same = 1;
		for (u = 0; u < n && same; u++)
			if (!isnan(x[u])) {
				if (isnan(first))
					first = x[u];
				else if (x[u] != first)
					same = 0;
			}
		if (!same || isnan(first))
			continue;
		QV(q, m->node[k].code);
		if ((nd++ && buf_append(&names, ", ", 2) < 0) ||
		    buf_append(&names, q, strlen(q)) < 0) {
			err_nomem(e);
			goto out;
		}
		drop[k] = 1;
	}
	/* An aggregate left without children goes too (not the root);
	 * children come before their parent in node order, so one pass
	 * sees each aggregate's children settled. */
	for (k = m->nind; k < m->nnode; k++) {
		for (left = 0, j = 0; j < m->node[k].nchild; j++)
			left += !drop[m->node[k].child[j]];
		if (left == 0 && k + 1 < m->nnode)
			drop[k] = 1;
	}
	*dropped = nd;
	if (nd == 0) {
		rc = 0;
		goto out;
	}
	if (left == 0) { /* the root's, the last counted */
		errf(e, ERR_DATA, "%s%s: every indicator has the same value for "
		    "every unit (%.*s): nothing to rank", m->data_name, what ? what :
		    "", (int)names.len, names.data);
		goto out;
	}
	remove_nodes(m, drop, newi);
	if (warn && (buf_append(warn, m->data_name, strlen(m->data_name)) < 0 ||
	    (what && buf_append(warn, what, strlen(what)) < 0) ||
	    buf_append(warn, nd > 1 ? ": indicators " : ": indicator ",
	    nd > 1 ? 13 : 12) < 0 ||
	    buf_append(warn, names.data, names.len) < 0 ||
	    buf_append(warn, nd > 1 ? " have" : " has", nd > 1 ? 5 : 4) < 0 ||
	    buf_append(warn, " the same value for every unit: dropped\n",
	    40) < 0)) {
		err_nomem(e);
		goto out;
	}
	rc = 0;
out:
	free(names.data);
	free(drop);
	free(newi);
	return rc;
}

/* ------------------------------------------------------------- --by */

static char *
dup_or_null(const char *s, int *bad)
{
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		*bad = 1;
	return d;
}

/* Group g's model: m's tree, the units u[0 .. n) of m.  0, or -1 when
 * out of memory (*s then holds what was built, for rc_model_free). */
static int
model_part(const struct rc_model *m, const size_t *u, size_t n,
    struct rc_model *s)
{
	size_t k, i, c;
	int bad = 0;

	memset(s, 0, sizeof *s);
	if (!(s->node = calloc(m->nnode, sizeof *s->node)))
		return -1;
	s->nnode = m->nnode;
	s->nind = m->nind;
	for (k = 0; k < m->nnode; k++) {
		s->node[k] = m->node[k];
		s->node[k].code = dup_or_null(m->node[k].code, &bad);
		s->node[k].name = dup_or_null(m->node[k].name, &bad);
		s->node[k].denom = dup_or_null(m->node[k].denom, &bad);
		s->node[k].child = NULL;
		if (m->node[k].nchild) {
			s->node[k].child = malloc(m->node[k].nchild *
			    sizeof(size_t));
			if (s->node[k].child == NULL)
				bad = 1;
			else
				memcpy(s->node[k].child, m->node[k].child,
				    m->node[k].nchild * sizeof(size_t));
		}
	}
	s->unit = calloc(n + 1, sizeof *s->unit);
	s->uline = calloc(n + 1, sizeof *s->uline);
	s->label = m->label ? calloc(n + 1, sizeof *s->label) : NULL;
	s->x = malloc(m->nnode * (n + 1) * sizeof *s->x);
	s->w = calloc(m->nnode, sizeof *s->w);
	s->weff = calloc(m->nnode, sizeof *s->weff);
	s->colname = calloc(m->ncol + 1, sizeof *s->colname);
	s->colval = calloc(m->ncol + 1, sizeof *s->colval);
	if (!s->unit || !s->uline || (m->label && !s->label) || !s->x ||
	    !s->w || !s->weff || !s->colname || !s->colval)
		return -1;
	s->nunit = n;
	for (i = 0; i < n; i++) {
		s->unit[i] = dup_or_null(m->unit[u[i]], &bad);
		if (m->label)
			s->label[i] = dup_or_null(m->label[u[i]], &bad);
		s->uline[i] = m->uline[u[i]];
		for (k = 0; k < m->nnode; k++)
			s->x[k * n + i] = m->x[k * m->nunit + u[i]];
	}
	s->ncol = m->ncol;
	for (c = 0; c < m->ncol; c++) {
		s->colname[c] = dup_or_null(m->colname[c], &bad);
		if (!(s->colval[c] = calloc(n + 1, sizeof(char *))))
			return -1;
		for (i = 0; i < n; i++)
			s->colval[c][i] = dup_or_null(m->colval[c][u[i]],
			    &bad);
	}
	s->unit_col = dup_or_null(m->unit_col, &bad);
	s->label_col = dup_or_null(m->label_col, &bad);
	s->data_name_buf = dup_or_null(m->data_name, &bad);
	s->data_name = s->data_name_buf;
	s->meta_name = dup_or_null(m->meta_name, &bad);
	s->by_col = dup_or_null(m->by_col, &bad);
	s->by_c = m->by_c;
	s->by_val = n ? dup_or_null(m->colval[m->by_c][u[0]], &bad) : NULL;
	return bad ? -1 : 0;
}

int
rc_model_groups(const struct rc_model *m, struct rc_model **sub,
    size_t *nsub, struct err *e)
{
	size_t *first = NULL, *gof = NULL, *u = NULL, ng = 0, i, j, n;
	char **val = m->colval[m->by_c];
	struct rc_model *s = NULL;
	char q[96];
	int rc = -1;

	*sub = NULL;
	*nsub = 0;
	/* first: the groups' first units, then two scratch arrays */
	first = malloc((3 * m->nunit + 1) * sizeof *first);
	gof = malloc((m->nunit + 1) * sizeof *gof);
	u = malloc((m->nunit + 1) * sizeof *u);
	if (!first || !gof || !u) {
		err_nomem(e);
		goto out;
	}
	/* groups are few (months): a linear search per unit will do */
	for (i = 0; i < m->nunit; i++) {
		if (val[i][0] == '\0') {
			errf(e, ERR_DATA, "%s:%ld: column %s: the group is "
			    "empty", m->data_name, m->uline[i], QV(q, m->by_col));
			goto out;
		}
		for (j = 0; j < ng; j++)
			if (strcmp(val[first[j]], val[i]) == 0)
				break;
		if (j == ng)
			first[ng++] = i;
		gof[i] = j;
	}
	if (!(s = calloc(ng + 1, sizeof *s))) {
		err_nomem(e);
		goto out;
	}
	for (j = 0; j < ng; j++) {
		for (i = 0, n = 0; i < m->nunit; i++)
			if (gof[i] == j)
				u[n++] = i;
		*nsub = j + 1;
		if (model_part(m, u, n, &s[j]) < 0) {
			err_nomem(e);
			goto out;
		}
		if (unique_units(&s[j], first + m->nunit,
		    first + 2 * m->nunit, e) < 0)
			goto out;
	}
	rc = 0;
out:
	*sub = s;
	free(first);
	free(gof);
	free(u);
	return rc;
}
