/*
 * population.c - read partscore's population file (population.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/group.h"
#include "core/num.h"
#include "partscore/population.h"

/* Is column i one of the n indices in cols[]? */
static int
among(size_t i, const size_t *cols, int n)
{
	int k;

	for (k = 0; k < n; k++)
		if (cols[k] == i)
			return 1;
	return 0;
}

/* A count of column name in rec: a number >= 0, else an error. */
static int
count_field(struct csvr *r, const struct csv_record *rec, size_t col,
    const char *name, double *v, struct err *e)
{
	enum num_status st;
	char q[80];

	st = parse_num(rec->field[col], rec->len[col], v);
	if (st != NUM_OK || *v < 0)
		return errf(e, ERR_DATA, "%s:%ld: column \"%s\": %s is not a "
		    "number >= 0", csvr_name(r), rec->line, name,
		    quote_value(q, sizeof q, rec->field[col], rec->len[col]));
	return 0;
}

/* Find the columns; *bycols gets the --by ones when the file has all. */
static int
columns(struct csvr *r, const char *area_col,
    const char *parent_col, char *const *by, int nby, int subpop,
    size_t *acol, size_t *pcol, size_t *parcol, size_t *bycols, int *placed,
    size_t *subcols, size_t *ncand, struct err *e)
{
	const struct csv_record *h = csvr_header(r);
	size_t i, fixed[3 + 64];
	int nfixed = 0, has = 0, b;

	if (csv_header_column(h, area_col, acol) < 0 &&
	    csvr_column(r, "area", acol, e) < 0)
		return -1;
	if (csvr_column(r, "population", pcol, e) < 0)
		return -1;
	fixed[nfixed++] = *acol;
	fixed[nfixed++] = *pcol;
	if (parent_col != NULL) {
		if (csvr_column(r, parent_col, parcol, e) < 0)
			return -1;
		fixed[nfixed++] = *parcol;
	}
	for (b = 0; b < nby; b++)
		if (csv_header_column(h, by[b], &bycols[b]) == 0)
			has++;
	if (has > 0 && has < nby)
		return errf(e, ERR_DATA, "%s: has some of the --by columns "
		    "but not all: give it all of them (each area's group) or "
		    "none (every area in every group)", csvr_name(r));
	*placed = nby > 0 && has == nby;
	if (*placed)
		for (b = 0; b < nby; b++)
			fixed[nfixed++] = bycols[b];
	/* The candidates for sub-populations; the first row decides. */
	if (h->nfields > 4096)
		return errf(e, ERR_DATA, "%s: more than 4096 columns",
		    csvr_name(r));
	for (i = 0; subpop && i < h->nfields; i++)
		if (!among(i, fixed, nfixed))
			subcols[(*ncand)++] = i;
	return 0;
}

/*
 * The sub-population columns: the candidates whose value in the first
 * row is a number (a column of names, such as a district, is not one;
 * from then on every value of a count column must be a count).
 */
static int
pick_subpops(struct population *p, struct csvr *r,
    const struct csv_record *rec, size_t *cols, size_t ncand, struct err *e)
{
	const struct csv_record *h = csvr_header(r);
	size_t k, i;
	double v;

	for (k = 0; k < ncand; k++) {
		i = cols[k];
		if (parse_num(rec->field[i], rec->len[i], &v) != NUM_OK)
			continue;
		if (p->nsub == PS_MAX_SUBPOP)
			return errf(e, ERR_DATA, "%s: more than %d sub-population "
			    "columns", csvr_name(r), PS_MAX_SUBPOP);
		if ((p->sub_names[p->nsub] = str_ndup(h->field[i], h->len[i])) ==
		    NULL)
			return err_nomem(e);
		cols[p->nsub++] = i;
	}
	return 0;
}

/* The capacities of the per-area arrays. */
struct caps {
	size_t pop, sub, parent, bytuple;
};

/* Grow the per-area arrays to hold one more area. */
static int
grow(struct population *p, struct caps *c, struct err *e)
{
	size_t n = p->n + 1;

	if (grow_array((void **)&p->pop, &c->pop, n, sizeof *p->pop) < 0 ||
	    (p->nsub && grow_array((void **)&p->sub, &c->sub,
		n * (size_t)p->nsub, sizeof *p->sub) < 0) ||
	    grow_array((void **)&p->parent, &c->parent, n,
		sizeof *p->parent) < 0 ||
	    grow_array((void **)&p->bytuple, &c->bytuple, n,
		sizeof *p->bytuple) < 0)
		return err_nomem(e);
	return 0;
}

int
population_load(struct population *p, const char *path,
    const char *area_col, const char *parent_col, char *const *by, int nby,
    int subpop, struct err *e)
{
	struct csv_opts o = {.delim = ',', .side = 1};
	struct csvr *r;
	struct csv_record *rec;
	struct buf t = {0};
	size_t acol, pcol, parcol = 0, bycols[64], subcols[4096], ncand = 0;
	struct caps cap = {0};
	int got, placed = 0, added, k, rc = -1;
	uint32_t id;
	char q[80];

	if (nby > 64)
		return errf(e, ERR_USAGE, "--by takes at most 64 columns");
	if ((p->path = str_ndup(path, strlen(path))) == NULL)
		return err_nomem(e);
	if (csvr_open(&r, path, &o, e) < 0)
		return -1;
	if (columns(r, area_col, parent_col, by, nby, subpop, &acol, &pcol,
	    &parcol, bycols, &placed, subcols, &ncand, e) < 0)
		goto out;
	while ((got = csvr_next(r, &rec, e)) > 0) {
		const char *a = rec->field[acol];
		size_t al = rec->len[acol];
		double v;

		if (csvr_check_width(r, rec, e) < 0)
			goto out;
		if (p->n == 0 && pick_subpops(p, r, rec, subcols, ncand, e) < 0)
			goto out;
		trim_blanks(&a, &al);
		if (al == 0) {
			errf(e, ERR_DATA, "%s:%ld: column \"%s\" is empty: every "
			    "row names an area", csvr_name(r), rec->line,
			    csvr_header(r)->field[acol]);
			goto out;
		}
		if (intern_get(&p->areas, a, al, &id, &added, e) < 0)
			goto out;
		if (!added) {
			errf(e, ERR_DATA, "%s:%ld: area %s is given twice",
			    csvr_name(r), rec->line, quote_value(q, sizeof q,
				a, al));
			goto out;
		}
		if (grow(p, &cap, e) < 0)
			goto out;
		if (count_field(r, rec, pcol, "population", &v, e) < 0)
			goto out;
		p->pop[p->n] = v;
		for (k = 0; k < p->nsub; k++) {
			double s;
			if (count_field(r, rec, subcols[k], p->sub_names[k], &s,
			    e) < 0)
				goto out;
			if (s > v) {
				errf(e, ERR_DATA, "%s:%ld: column \"%s\": %s is "
				    "more than the population", csvr_name(r),
				    rec->line, p->sub_names[k], quote_value(q,
					sizeof q, rec->field[subcols[k]],
					rec->len[subcols[k]]));
				goto out;
			}
			p->sub[p->n * (size_t)p->nsub + (size_t)k] = s;
		}
		if (parent_col != NULL) {
			const char *pv = rec->field[parcol];
			size_t pl = rec->len[parcol];
			trim_blanks(&pv, &pl);
			if (intern_get(&p->parents, pv, pl, &p->parent[p->n],
			    &added, e) < 0)
				goto out;
		}
		if (placed) {
			t.len = 0;
			if (tuple_pack(&t, rec, bycols, nby, e) < 0 ||
			    intern_get(&p->bytuples, t.data, t.len,
				&p->bytuple[p->n], &added, e) < 0)
				goto out;
		}
		p->n++;
	}
	if (got < 0)
		goto out;
	if (parent_col == NULL) {
		free(p->parent);
		p->parent = NULL;
	}
	if (!placed) {
		free(p->bytuple);
		p->bytuple = NULL;
	}
	rc = 0;
out:
	free(t.data);
	csvr_close(r);
	return rc;
}

void
population_free(struct population *p)
{
	int k;

	free(p->path);
	intern_free(&p->areas);
	intern_free(&p->parents);
	intern_free(&p->bytuples);
	free(p->pop);
	free(p->sub);
	free(p->parent);
	free(p->bytuple);
	for (k = 0; k < p->nsub; k++)
		free(p->sub_names[k]);
	memset(p, 0, sizeof *p);
}

int
offered_load(struct offered *f, const char *path, const char *area_col,
    struct err *e)
{
	struct csv_opts o = {.delim = ',', .side = 1};
	struct csvr *r;
	struct csv_record *rec;
	size_t acol, ccol;
	uint32_t id;
	int got, added, rc = -1;
	double v;
	char q[80];

	if (csvr_open(&r, path, &o, e) < 0)
		return -1;
	if ((csv_header_column(csvr_header(r), area_col, &acol) < 0 &&
	    csvr_column(r, "area", &acol, e) < 0) ||
	    csvr_column(r, "channels", &ccol, e) < 0)
		goto out;
	while ((got = csvr_next(r, &rec, e)) > 0) {
		const char *a = rec->field[acol];
		size_t al = rec->len[acol];

		if (csvr_check_width(r, rec, e) < 0)
			goto out;
		trim_blanks(&a, &al);
		if (al == 0) {
			csvr_bad_value(r, rec, acol, "is empty: every row names "
			    "an area", e);
			goto out;
		}
		if (parse_num(rec->field[ccol], rec->len[ccol], &v) != NUM_OK ||
		    v < 1 || v > 1000 || v != floor(v)) {
			csvr_bad_value(r, rec, ccol, "is not a whole number of "
			    "channels from 1 to 1000", e);
			goto out;
		}
		if (intern_get(&f->areas, a, al, &id, &added, e) < 0)
			goto out;
		if (!added) {
			errf(e, ERR_DATA, "%s:%ld: area %s is given twice",
			    csvr_name(r), rec->line, quote_value(q, sizeof q,
				a, al));
			goto out;
		}
		if (grow_array((void **)&f->channels, &f->cap, f->n + 1,
		    sizeof *f->channels) < 0) {
			err_nomem(e);
			goto out;
		}
		f->channels[f->n++] = (int)v;
	}
	if (got == 0)
		rc = 0;
out:
	csvr_close(r);
	return rc;
}

void
offered_free(struct offered *f)
{
	intern_free(&f->areas);
	free(f->channels);
	memset(f, 0, sizeof *f);
}
