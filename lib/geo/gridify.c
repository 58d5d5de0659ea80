#include "geo/gridify.h"

#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/group.h"
#include "core/intern.h"
#include "core/num.h"

/* A --by tuple (group.h: each column's value behind its length) in output
 * order: its bytes and its intern id (order of first sight: the key in
 * the count map). */
struct byval {
	const char *s;
	size_t len;
	uint32_t id;
};

/*
 * Counts per (value, slot), held only for pairs that occur, so that a
 * --by column with many values does not cost polygons x values.  Keys are
 * id << 32 | slot, plus one (0 marks an empty place).
 */
struct cmap {
	uint64_t *key, *val;
	size_t cap, n;
};

struct run {
	struct geo_ctx *g;
	struct layer *layers;
	int nlayers;
	const struct gridify_opts *o;
	struct csvw *out, *rej;
	struct gridify_stats *st;
	size_t xcol, ycol;
	size_t *bycol;     /* the --by columns, o->nby of them */
	struct buf tuple;  /* scratch: the record's --by tuple */
	/* Count mode: one slot per polygon of every layer, plus one per
	 * layer for points in none of its polygons. */
	size_t *slot0; /* first slot of each layer */
	size_t nslots;
	struct intern byvals; /* --by tuples; without --by, "" alone */
	uint64_t *dense;   /* without --by: one count per slot */
	struct cmap sparse; /* with --by */
	const struct csv_record *head; /* the input's (csvin owns it) */
	/* Each layer's id column in the output: its own name, or its file's
	 * when that is taken (settle_names); owned here, so the caller's
	 * layers stay as they were loaded. */
	char *idname[GRIDIFY_MAX_LAYERS];
	/* Each layer's extent: xmin, xmax, ymin, ymax. */
	double ext[GRIDIFY_MAX_LAYERS][4];
	struct batch *b;
};

/*
 * Records are handled BATCH at a time so that the fast locator can overlap
 * the memory reads of many points (pip_locate_batch); the batch holds
 * copies of the records, which the reader reuses.  Output order is input
 * order, and a stop at a bad record leaves the output exactly as record by
 * record would.
 */
#define BATCH PIP_BATCH

struct batch {
	struct buf arena;     /* the records' fields, NUL-terminated */
	size_t *off, *len;    /* per field */
	size_t nf, capf;
	size_t n;             /* records held */
	size_t f0[BATCH], nfields[BATCH];
	long line[BATCH];
	int unterminated[BATCH];
	int ok[BATCH];        /* width and coordinates fine */
	double x[BATCH], y[BATCH];
	long *where;          /* nlayers * BATCH */
	char **fp;            /* field pointers for a record view */
	size_t *fl;
	size_t capview;
};

static int
grow_fields(struct batch *B, size_t need)
{
	size_t cap = B->capf ? B->capf : 256;
	void *p;

	if (need > B->capview) {
		size_t c = need > 64 ? need : 64;
		p = realloc(B->fp, c * sizeof *B->fp);
		if (p == NULL)
			return -1;
		B->fp = p;
		p = realloc(B->fl, c * sizeof *B->fl);
		if (p == NULL)
			return -1;
		B->fl = p;
		B->capview = c;
	}
	if (need <= B->capf)
		return 0;
	while (cap < need)
		cap *= 2;
	p = realloc(B->off, cap * sizeof *B->off);
	if (p == NULL)
		return -1;
	B->off = p;
	p = realloc(B->len, cap * sizeof *B->len);
	if (p == NULL)
		return -1;
	B->len = p;
	B->capf = cap;
	return 0;
}

static uint64_t
mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int
cmap_grow(struct cmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024, i;
	uint64_t *key = calloc(cap, sizeof *key), *val = calloc(cap, sizeof *val);

	if (key == NULL || val == NULL) {
		free(key);
		free(val);
		return -1;
	}
	for (i = 0; i < m->cap; i++) {
		size_t k;
		if (m->key[i] == 0)
			continue;
		k = mix64(m->key[i]) & (cap - 1);
		while (key[k])
			k = (k + 1) & (cap - 1);
		key[k] = m->key[i];
		val[k] = m->val[i];
	}
	free(m->key);
	free(m->val);
	m->key = key;
	m->val = val;
	m->cap = cap;
	return 0;
}

static int
cmap_add(struct cmap *m, uint64_t key)
{
	size_t k;

	if ((m->n + 1) * 2 > m->cap && cmap_grow(m) < 0)
		return -1;
	k = mix64(key) & (m->cap - 1);
	while (m->key[k] && m->key[k] != key)
		k = (k + 1) & (m->cap - 1);
	if (m->key[k] == 0) {
		m->key[k] = key;
		m->n++;
	}
	m->val[k]++;
	return 0;
}

static uint64_t
cmap_get(const struct cmap *m, uint64_t key)
{
	size_t k;

	if (m->cap == 0)
		return 0;
	k = mix64(key) & (m->cap - 1);
	while (m->key[k] && m->key[k] != key)
		k = (k + 1) & (m->cap - 1);
	return m->key[k] ? m->val[k] : 0;
}

static uint64_t
ckey(uint32_t id, size_t slot)
{
	return ((uint64_t)id << 32 | (uint64_t)slot) + 1;
}

/* Count one record of value id in slot. */
static int
count_add(struct run *R, uint32_t id, size_t slot)
{
	if (R->dense) {
		R->dense[slot]++;
		return 0;
	}
	return cmap_add(&R->sparse, ckey(id, slot));
}

static uint64_t
count_get(const struct run *R, uint32_t id, size_t slot)
{
	return R->dense ? R->dense[slot] : cmap_get(&R->sparse, ckey(id, slot));
}

/* The id of the --by tuple of rec (of an empty record, each value empty,
 * when rec is NULL), made on first sight; -1 with *e set. */
static long
counts_for(struct run *R, const struct csv_record *rec, struct err *e)
{
	uint32_t id;
	int added, i;

	R->tuple.len = 0;
	if (rec != NULL) {
		if (tuple_pack(&R->tuple, rec, R->bycol, R->o->nby, e) < 0)
			return -1;
	} else {
		for (i = 0; i < R->o->nby; i++)
			if (buf_append(&R->tuple, "\0\0\0\0", 4) < 0)
				return err_nomem(e);
	}
	if (intern_get(&R->byvals, R->tuple.len ? R->tuple.data : "",
	    R->tuple.len, &id, &added, e) < 0)
		return -1;
	return (long)id;
}

/* Tuples in output order: column by column, bytewise, a value that is a
 * prefix of the other first (as LC_ALL=C sort on each column). */
static int
cmp_vals(const void *a, const void *b)
{
	const struct byval *p = a, *q = b;

	return tuple_cmp(p->s, p->len, q->s);
}

static int
coord(struct run *R, struct csvr *r, const struct csv_record *rec, size_t col,
    double *v, struct err *e)
{
	enum num_status s = parse_num(rec->field[col], rec->len[col], v);
	const struct csv_record *h = csvr_header(r);
	char qc[80], qv[80];

	(void)R;
	if (s == NUM_OK)
		return 0;
	return errf(e, ERR_DATA, "%s:%ld: column %s: %s %s", csvr_name(r),
	    rec->line, quote_value(qc, sizeof qc, h->field[col], h->len[col]),
	    quote_value(qv, sizeof qv, rec->field[col], rec->len[col]),
	    num_status_text(s));
}

/*
 * The bounding box of L's polygons in b (xmin, xmax, ymin, ymax), from
 * the rings layer.h exposes (layer_load refuses a layer without
 * polygons, so the box is never empty).
 */
static void
layer_extent(const struct layer *L, double b[4])
{
	size_t i;

	b[0] = b[2] = INFINITY;
	b[1] = b[3] = -INFINITY;
	for (i = 0; i < L->nxy; i++) {
		double x = L->xy[2 * i], y = L->xy[2 * i + 1];
		if (x < b[0])
			b[0] = x;
		if (x > b[1])
			b[1] = x;
		if (y < b[2])
			b[2] = y;
		if (y > b[3])
			b[3] = y;
	}
}

static int
in_box(const double b[4], double x, double y)
{
	return x >= b[0] && x <= b[1] && y >= b[2] && y <= b[3];
}

/* Count a located point for gridify_extent_warnings(): two box tests
 * per layer, no memory. */
static void
tally_extent(struct run *R, double x, double y)
{
	int l;

	R->st->located++;
	for (l = 0; l < R->nlayers; l++) {
		R->st->in_extent[l] += (unsigned long long)in_box(R->ext[l], x, y);
		R->st->swapped_in[l] += (unsigned long long)in_box(R->ext[l], y,
		    x);
	}
}

static int
name_taken(const struct run *R, const struct csv_record *h, int upto,
    const char *name)
{
	size_t i, n = strlen(name);
	int l, a;

	if (!R->o->count)
		for (i = 0; i < h->nfields; i++)
			if (h->len[i] == n && memcmp(h->field[i], name, n) == 0)
				return 1;
	for (l = 0; l < upto; l++) {
		if (strcmp(R->idname[l], name) == 0)
			return 1;
		for (a = 0; a < R->layers[l].nattrs && !R->o->count; a++)
			if (strcmp(R->layers[l].attr_names[a], name) == 0)
				return 1;
	}
	return 0;
}

/*
 * The appended id column is named after the layer's id field unless that
 * name is already in the output (reports usually have an "id" column
 * too); then it is named after the layer's file ("districts" for
 * districts.geojson).  A name given with --as is kept as it is.
 */
static int
settle_names(struct run *R, const struct csv_record *h, struct err *e)
{
	int l;

	for (l = 0; l < R->nlayers; l++)
		if ((R->idname[l] = str_ndup(R->layers[l].as,
		    strlen(R->layers[l].as))) == NULL)
			return err_nomem(e);
	for (l = 0; l < R->nlayers && !R->o->count; l++) {
		const struct layer *L = &R->layers[l];
		int a;
		for (a = 0; a < L->nattrs; a++)
			if (name_taken(R, h, l, L->attr_names[a])) {
				char q[80];
				return errf(e, ERR_USAGE, "%s: attribute %s would be "
				    "a second column of that name in the output",
				    L->path, quote_value(q, sizeof q,
					L->attr_names[a], strlen(L->attr_names[a])));
			}
	}
	for (l = 0; l < R->nlayers; l++) {
		const struct layer *L = &R->layers[l];
		const char *base, *dot;
		char *stem;

		if (L->as_explicit || !name_taken(R, h, l, R->idname[l]))
			continue;
		if (strcmp(L->path, "-") == 0)
			/* No file name to make a column name of. */
			return errf(e, ERR_USAGE, "the layer on standard input: "
			    "column \"%s\" is already in the output; name its id "
			    "column with --as", R->idname[l]);
		base = strrchr(L->path, '/');
		base = base ? base + 1 : L->path;
		dot = strrchr(base, '.');
		stem = str_ndup(base, dot && dot > base ? (size_t)(dot - base)
		    : strlen(base));
		if (stem == NULL)
			return err_nomem(e);
		if (name_taken(R, h, l, stem)) {
			errf(e, ERR_USAGE, "%s: column \"%s\" is already in the "
			    "output, and so is \"%s\"; name the id column with "
			    "--as", L->path, R->idname[l], stem);
			free(stem);
			return -1;
		}
		free(R->idname[l]);
		R->idname[l] = stem;
	}
	return 0;
}

static int
write_header(struct run *R, const struct csv_record *h, struct err *e)
{
	int l, a;

	/* The reject file's header: the input's, "error" and "line". */
	if (R->rej != NULL && csvw_reject_header(R->rej, h, e) < 0)
		return -1;
	if (R->o->count)
		return 0;
	if (csvw_fields(R->out, h, e) < 0)
		return -1;
	for (l = 0; l < R->nlayers; l++) {
		if (csvw_str(R->out, R->idname[l], e) < 0)
			return -1;
		for (a = 0; a < R->layers[l].nattrs; a++)
			if (csvw_str(R->out, R->layers[l].attr_names[a], e) < 0)
				return -1;
	}
	return csvw_end(R->out, e);
}

/* Check a record's width and coordinates; -1 with *e set if it is bad. */
static int
check_record(struct run *R, struct csvr *r, const struct csv_record *rec,
    double *x, double *y, struct err *e)
{
	if (csvr_check_width(r, rec, e) < 0 ||
	    coord(R, r, rec, R->xcol, x, e) < 0 ||
	    coord(R, r, rec, R->ycol, y, e) < 0)
		return -1;
	return 0;
}

/* Write or count a good record whose polygons are where[0..nlayers). */
static int
emit_record(struct run *R, struct csvr *r, const struct csv_record *rec,
    double x, double y, const long *where, struct err *e)
{
	int l, a, missing = 0;

	for (l = 0; l < R->nlayers; l++)
		if (where[l] < 0)
			missing++;
	if (missing) {
		R->st->unmatched++;
		if (R->o->unmatched == UNMATCHED_DROP) {
			R->st->dropped++;
			return 0;
		}
		if (R->o->unmatched == UNMATCHED_REJECT) {
			char xs[NUM_BUF], ys[NUM_BUF];

			for (l = 0; l < R->nlayers && where[l] >= 0; l++)
				;
			/* The shortest text that reads back: -73.95, not
			 * -73.950000000000003. */
			fmt_num(xs, x, NUM_SHORTEST, 0);
			fmt_num(ys, y, NUM_SHORTEST, 0);
			errf(e, ERR_DATA, "%s:%ld: point (%s %s) is in no "
			    "polygon of %s", csvr_name(r), rec->line, xs, ys,
			    R->layers[l].path);
			return csvw_reject_bad(R->rej, rec, &R->st->rejected, e);
		}
	}
	if (R->o->count) {
		/* Without --by every record counts under "", id 0. */
		long id = R->o->nby ? counts_for(R, rec, e) : 0;
		if (id < 0)
			return -1;
		for (l = 0; l < R->nlayers; l++)
			if (count_add(R, (uint32_t)id, R->slot0[l] +
			    (where[l] < 0 ? R->layers[l].n : (size_t)where[l])) < 0)
				return err_nomem(e);
		R->st->written++;
		return 0;
	}
	if (csvw_fields(R->out, rec, e) < 0)
		return -1;
	for (l = 0; l < R->nlayers; l++) {
		const struct layer *L = &R->layers[l];
		long p = where[l];
		if (csvw_field(R->out, p >= 0 ? layer_id(L, p) : "",
		    p >= 0 ? L->id_len[p] : 0, e) < 0)
			return -1;
		for (a = 0; a < L->nattrs; a++)
			if (csvw_str(R->out, p >= 0 ? layer_attr(L, (size_t)p, a)
			    : "", e) < 0)
				return -1;
	}
	if (csvw_end(R->out, e) < 0)
		return -1;
	R->st->written++;
	return 0;
}

/* Copy rec into the batch.  -1 if out of memory. */
static int
batch_add(struct batch *B, const struct csv_record *rec)
{
	size_t i, k = B->n, need;

	if (grow_fields(B, B->nf + rec->nfields) < 0)
		return -1;
	B->f0[k] = B->nf;
	B->nfields[k] = rec->nfields;
	B->line[k] = rec->line;
	B->unterminated[k] = rec->unterminated;
	for (i = 0, need = 0; i < rec->nfields; i++)
		need += rec->len[i] + 1;
	if (buf_reserve(&B->arena, need) < 0)
		return -1;
	for (i = 0; i < rec->nfields; i++) {
		char *dst = B->arena.data + B->arena.len;
		B->off[B->nf] = B->arena.len;
		B->len[B->nf] = rec->len[i];
		memcpy(dst, rec->field[i], rec->len[i]);
		dst[rec->len[i]] = '\0';
		B->arena.len += rec->len[i] + 1;
		B->nf++;
	}
	B->n++;
	return 0;
}

/* A view of batch record k as a csv_record (valid until the next view). */
static struct csv_record *
batch_view(struct batch *B, size_t k, struct csv_record *v)
{
	size_t i;

	for (i = 0; i < B->nfields[k]; i++) {
		B->fp[i] = B->arena.data + B->off[B->f0[k] + i];
		B->fl[i] = B->len[B->f0[k] + i];
	}
	v->nfields = B->nfields[k];
	v->field = B->fp;
	v->len = B->fl;
	v->line = B->line[k];
	v->unterminated = B->unterminated[k];
	return v;
}

/* Locate and handle every record in the batch, in order. */
static int
flush_batch(struct run *R, struct csvr *r, struct err *e)
{
	struct batch *B = R->b;
	struct csv_record v;
	size_t k, n = B->n;
	long where[GRIDIFY_MAX_LAYERS];
	int l, failed_at = -1, failed_layer = -1;
	struct err le = {0};

	for (k = 0; k < n; k++) {
		struct err ignore;
		batch_view(B, k, &v);
		B->ok[k] = check_record(R, r, &v, &B->x[k], &B->y[k],
		    &ignore) == 0;
		if (!B->ok[k]) {
			/* Bad records are placed nowhere; keep the batch dense
			 * with a point outside every layer. */
			B->x[k] = B->y[k] = -INFINITY;
		}
	}
	/* Every layer, even after a failure: the records before the first
	 * failure must have all their ids. */
	for (l = 0; l < R->nlayers; l++) {
		struct err fe = {0};
		int f = layer_locate_batch(R->g, &R->layers[l], B->x, B->y, n,
		    B->where + (size_t)l * BATCH, &fe);
		if (f >= 0 && (failed_at < 0 || f < failed_at)) {
			failed_at = f;
			failed_layer = l;
			le = fe;
		}
	}
	if (!R->o->count)
		for (l = 0; l < R->nlayers; l++)
			for (k = 0; k < n && (failed_at < 0 ||
			    (int)k < failed_at); k++) {
				long p = B->where[(size_t)l * BATCH + k];
				if (p >= 0)
					__builtin_prefetch(layer_id(&R->layers[l], p));
			}
	for (k = 0; k < n; k++) {
		double x, y;

		R->st->read++;
		batch_view(B, k, &v);
		if (!B->ok[k]) {
			if (check_record(R, r, &v, &x, &y, e) < 0 &&
			    csvw_reject_bad(R->rej, &v, &R->st->rejected, e) < 0)
				return -1;
			continue;
		}
		if ((int)k == failed_at)
			return errf(e, ERR_DATA, "%s:%ld: %s (layer %s)",
			    csvr_name(r), v.line, le.msg,
			    R->layers[failed_layer].path);
		for (l = 0; l < R->nlayers; l++)
			where[l] = B->where[(size_t)l * BATCH + k];
		tally_extent(R, B->x[k], B->y[k]);
		if (emit_record(R, r, &v, B->x[k], B->y[k], where, e) < 0)
			return -1;
	}
	B->n = 0;
	B->nf = 0;
	B->arena.len = 0;
	return 0;
}

/* The values of tuple t, one field each. */
static int
write_tuple(struct run *R, const struct byval *t, struct err *e)
{
	const char *p = t->s, *val;
	size_t len;
	int b;

	for (b = 0; b < R->o->nby; b++) {
		tuple_next(&p, &val, &len);
		if (csvw_field(R->out, val, len, e) < 0)
			return -1;
	}
	return 0;
}

static int
write_counts(struct run *R, struct err *e)
{
	struct byval *vals;
	size_t v, i, nvals;
	int l, a, b, multi = R->nlayers > 1, rc = -1;

	/* Without a record, the one (empty) value still gets its rows. */
	if (R->byvals.n == 0 && counts_for(R, NULL, e) < 0)
		return -1;
	nvals = R->byvals.n;
	if ((vals = malloc(nvals * sizeof *vals)) == NULL)
		return err_nomem(e);
	for (v = 0; v < nvals; v++) {
		vals[v].s = intern_str(&R->byvals, (uint32_t)v, &vals[v].len);
		vals[v].id = (uint32_t)v;
	}
	qsort(vals, nvals, sizeof *vals, cmp_vals);
	/* Header. */
	if (multi) {
		if (csvw_str(R->out, "layer", e) < 0 ||
		    csvw_str(R->out, "id", e) < 0)
			goto out;
	} else {
		if (csvw_str(R->out, R->idname[0], e) < 0)
			goto out;
		for (a = 0; a < R->layers[0].nattrs; a++)
			if (csvw_str(R->out, R->layers[0].attr_names[a], e) < 0)
				goto out;
	}
	for (b = 0; b < R->o->nby; b++)
		if (csvw_field(R->out, R->head->field[R->bycol[b]],
		    R->head->len[R->bycol[b]], e) < 0)
			goto out;
	if (csvw_str(R->out, "count", e) < 0 || csvw_end(R->out, e) < 0)
		goto out;
	for (l = 0; l < R->nlayers; l++) {
		const struct layer *L = &R->layers[l];
		int keep_row = 0;

		if (R->o->unmatched == UNMATCHED_KEEP)
			for (v = 0; v < nvals; v++)
				if (count_get(R, vals[v].id, R->slot0[l] + L->n))
					keep_row = 1;
		for (i = 0; i < L->n + (size_t)keep_row; i++) {
			for (v = 0; v < nvals; v++) {
				uint64_t n = count_get(R, vals[v].id,
				    R->slot0[l] + i);
				if (multi && csvw_str(R->out, R->idname[l],
				    e) < 0)
					goto out;
				if (csvw_str(R->out, i < L->n ? layer_id(L, i) : "",
				    e) < 0)
					goto out;
				if (!multi)
					for (a = 0; a < L->nattrs; a++)
						if (csvw_str(R->out, i < L->n ?
						    layer_attr(L, i, a) : "", e) < 0)
							goto out;
				if (write_tuple(R, &vals[v], e) < 0)
					goto out;
				if (csvw_int(R->out, (int64_t)n, e) < 0 ||
				    csvw_end(R->out, e) < 0)
					goto out;
			}
		}
	}
	rc = 0;
out:
	free(vals);
	return rc;
}

/* Resolve the columns, settle the names and write the headers, from the
 * first file's header. */
static int
begin(struct run *R, struct csvin *in, struct err *e)
{
	struct csvr *r = csvin_reader(in);
	const struct csv_record *h = csvin_header(in);

	int b;

	if (csvr_column(r, R->o->xcol, &R->xcol, e) < 0 ||
	    csvr_column(r, R->o->ycol, &R->ycol, e) < 0)
		return -1;
	for (b = 0; b < R->o->nby; b++)
		if (csvr_column(r, R->o->by[b], &R->bycol[b], e) < 0)
			return -1;
	R->head = h;
	if (settle_names(R, h, e) < 0 || write_header(R, h, e) < 0)
		return -1;
	return 0;
}

/*
 * Every record of every file, a batch at a time; a file's last batch is
 * handled before the next file opens, so messages name the right file.
 */
static int
read_input(struct run *R, struct csvin *in, struct err *e)
{
	struct csv_record *rec;
	struct csvr *r;
	int got, more;

	do {
		r = csvin_reader(in);
		while ((got = csvr_next(r, &rec, e)) > 0) {
			if (batch_add(R->b, rec) < 0)
				return err_nomem(e);
			if (R->b->n == BATCH && flush_batch(R, r, e) < 0)
				return -1;
		}
		/* What was read before a read error is still handled. */
		if (got < 0) {
			struct err e2;
			if (flush_batch(R, r, &e2) < 0)
				*e = e2;
			return -1;
		}
		if (flush_batch(R, r, e) < 0)
			return -1;
	} while ((more = csvin_next_file(in, e)) > 0);
	return more;
}

int
gridify_run(struct geo_ctx *g, struct layer *layers, int nlayers,
    const struct gridify_opts *o, char *const *files, int nfiles,
    struct csvw *out, struct csvw *rej, struct gridify_stats *st,
    struct err *e)
{
	struct csvin *in = NULL;
	struct run R;
	int l, rc = -1;

	memset(&R, 0, sizeof R);
	memset(st, 0, sizeof *st);
	R.g = g;
	R.layers = layers;
	R.nlayers = nlayers;
	R.o = o;
	R.out = out;
	R.rej = rej;
	R.st = st;
	/* flush_batch() holds one record's polygons on the stack. */
	if (nlayers < 1 || nlayers > GRIDIFY_MAX_LAYERS) {
		errf(e, ERR_USAGE, "from 1 to %d polygon layers, not %d",
		    GRIDIFY_MAX_LAYERS, nlayers);
		goto out;
	}
	R.b = calloc(1, sizeof *R.b);
	if (R.b == NULL || (R.b->where = calloc((size_t)nlayers * BATCH,
	    sizeof *R.b->where)) == NULL) {
		err_nomem(e);
		goto out;
	}
	R.slot0 = calloc((size_t)nlayers + 1, sizeof *R.slot0);
	if (R.slot0 == NULL) {
		err_nomem(e);
		goto out;
	}
	for (l = 0; l < nlayers; l++) {
		R.slot0[l] = R.nslots;
		R.nslots += layers[l].n + 1;
		layer_extent(&layers[l], R.ext[l]);
	}
	if (o->nby > 0 && (R.bycol = calloc((size_t)o->nby,
	    sizeof *R.bycol)) == NULL) {
		err_nomem(e);
		goto out;
	}
	if (o->count && o->nby == 0 &&
	    (R.dense = calloc(R.nslots, sizeof *R.dense)) == NULL) {
		err_nomem(e);
		goto out;
	}
	if (csvin_open(&in, files, nfiles, &o->csv, e) < 0 ||
	    begin(&R, in, e) < 0 || read_input(&R, in, e) < 0)
		goto out;
	if (o->count && write_counts(&R, e) < 0)
		goto out;
	rc = 0;
out:
	intern_free(&R.byvals);
	free(R.bycol);
	free(R.tuple.data);
	free(R.dense);
	free(R.sparse.key);
	free(R.sparse.val);
	free(R.slot0);
	csvin_close(in);
	for (l = 0; l < nlayers && l < GRIDIFY_MAX_LAYERS; l++)
		free(R.idname[l]);
	if (R.b) {
		free(R.b->arena.data);
		free(R.b->off);
		free(R.b->len);
		free(R.b->where);
		free(R.b->fp);
		free(R.b->fl);
		free(R.b);
	}
	return rc;
}

/* Append x to b as the shortest text that reads back. */
static int
add_num(struct buf *b, double x)
{
	char t[NUM_BUF];
	size_t n = fmt_num(t, x, NUM_SHORTEST, 0);

	return buf_append(b, t, n);
}

int
gridify_extent_warnings(const struct layer *layers, int nlayers,
    const struct gridify_stats *st, struct buf *warn, struct err *e)
{
	unsigned long long m = st->located;
	char t[160];
	double b[4];
	int l;

	for (l = 0; l < nlayers && l < GRIDIFY_MAX_LAYERS; l++) {
		int bad = 0;

		/* Under 1%: a few points inside the box of a layer that
		 * cannot match are chance, not a match. */
		if (m == 0 || st->in_extent[l] >= (m + 99) / 100)
			continue;
		layer_extent(&layers[l], b);
		snprintf(t, sizeof t, ": %llu of %llu located points are inside "
		    "its extent", st->in_extent[l], m);
		bad |= buf_append(warn, layers[l].path, strlen(layers[l].path));
		bad |= buf_append(warn, t, strlen(t));
		bad |= buf_append(warn, " (x ", 4);
		bad |= add_num(warn, b[0]);
		bad |= buf_append(warn, " to ", 4);
		bad |= add_num(warn, b[1]);
		bad |= buf_append(warn, ", y ", 4);
		bad |= add_num(warn, b[2]);
		bad |= buf_append(warn, " to ", 4);
		bad |= add_num(warn, b[3]);
		bad |= buf_append(warn, ")", 1);
		if (st->swapped_in[l] > m / 2)
			snprintf(t, sizeof t, "; swapping -x and -y would put "
			    "%llu inside\n", st->swapped_in[l]);
		else
			snprintf(t, sizeof t, "; are the points and the "
			    "polygons in the same coordinate system?\n");
		bad |= buf_append(warn, t, strlen(t));
		if (bad)
			return err_nomem(e);
	}
	return 0;
}
