/*
 * models.c - rankcity models built by hand for the unit tests (rc_t.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rankcity/rankcity.h"
#include "../t.h"
#include "rc_t.h"

/*
 * A model of nnode nodes (the first nind indicators, parents after their
 * children, the root last with parent -1) and nunit units "u0", "u1", ...
 * on data lines 2, 3, ...; weight NULL gives every node weight 1; x holds
 * the nind * nunit indicator values (row per indicator), the aggregates'
 * rows start missing.  Directions 1, targets and goalposts missing.
 * Returns 0, or -1 (reported) when out of memory.
 */
int
t_tree(struct rc_model *m, size_t nind, size_t nnode, size_t nunit,
    const char *const *code, const long *parent, const double *weight,
    const double *x)
{
	size_t k, u;

	memset(m, 0, sizeof *m);
	m->nind = nind;
	m->nnode = nnode;
	m->nunit = nunit;
	m->node = calloc(nnode, sizeof *m->node);
	m->unit = calloc(nunit + 1, sizeof *m->unit);
	m->uline = calloc(nunit + 1, sizeof *m->uline);
	m->x = calloc(nnode * nunit + 1, sizeof *m->x);
	m->w = calloc(nnode, sizeof *m->w);
	m->weff = calloc(nnode, sizeof *m->weff);
	m->data_name_buf = strdup("t.csv");
	m->unit_col = strdup("unit");
	if (!m->node || !m->unit || !m->uline || !m->x || !m->w ||
	    !m->weff || !m->data_name_buf || !m->unit_col)
		goto nomem;
	m->data_name = m->data_name_buf;
	for (k = 0; k < nnode; k++) {
		struct rc_node *d = &m->node[k];
		d->code = strdup(code[k]);
		d->name = strdup(code[k]);
		d->child = calloc(nnode, sizeof *d->child);
		if (!d->code || !d->name || !d->child)
			goto nomem;
		d->level = 1;
		d->dir = 1;
		d->weight = weight ? weight[k] : 1;
		d->target = d->gp_lo = d->gp_hi = NAN;
		d->parent = parent[k];
		d->line = (long)k + 2;
	}
	/* children in node order; levels from the children up */
	for (k = 0; k < nnode; k++) {
		long p = parent[k];
		if (p >= 0) {
			struct rc_node *pn = &m->node[p];
			pn->child[pn->nchild++] = k;
			if (pn->level < m->node[k].level + 1)
				pn->level = m->node[k].level + 1;
		}
	}
	for (u = 0; u < nunit; u++) {
		char id[32];
		snprintf(id, sizeof id, "u%zu", u);
		if (!(m->unit[u] = strdup(id)))
			goto nomem;
		m->uline[u] = (long)u + 2;
	}
	for (k = 0; k < nnode * nunit; k++)
		m->x[k] = k < nind * nunit && x ? x[k] : NAN;
	return 0;
nomem:
	t_report(0, __FILE__, __LINE__, "out of memory building a model");
	rc_model_free(m);
	return -1;
}

/* nind indicators "a", "b", ... under one root "index". */
int
t_flat(struct rc_model *m, size_t nind, size_t nunit, const double *x)
{
	static const char *const letter[] = {"a", "b", "c", "d", "e", "f",
	    "g", "h"};
	const char *code[9];
	long parent[9];
	size_t k;

	if (nind > 8) {
		t_report(0, __FILE__, __LINE__, "t_flat(): at most 8 indicators");
		return -1;
	}
	for (k = 0; k < nind; k++) {
		code[k] = letter[k];
		parent[k] = (long)nind;
	}
	code[nind] = "index";
	parent[nind] = -1;
	return t_tree(m, nind, nind + 1, nunit, code, parent, NULL, x);
}

/* Add a text column (for group imputation) to m. */
int
t_add_column(struct rc_model *m, const char *name, const char *const *val)
{
	size_t u, c = m->ncol;
	char **names;
	char ***vals;

	if (!(names = realloc(m->colname, (c + 1) * sizeof *names)))
		goto nomem;
	m->colname = names;
	if (!(vals = realloc(m->colval, (c + 1) * sizeof *vals)))
		goto nomem;
	m->colval = vals;
	m->colname[c] = strdup(name);
	m->colval[c] = calloc(m->nunit + 1, sizeof **m->colval);
	m->ncol = c + 1; /* rc_model_free frees what is there */
	if (!m->colname[c] || !m->colval[c])
		goto nomem;
	for (u = 0; u < m->nunit; u++)
		if (!(m->colval[c][u] = strdup(val[u])))
			goto nomem;
	return 0;
nomem:
	t_report(0, __FILE__, __LINE__, "out of memory adding a column");
	return -1;
}

/* x[i] == want[i] within tol for i < n, NAN matching NAN. */
void
t_check_vec(const double *x, const double *want, size_t n, double tol,
    const char *what, const char *file, int line)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int ok = isnan(want[i]) ? isnan(x[i]) :
		    fabs(x[i] - want[i]) <= tol;
		t_report(ok, file, line, "%s[%zu] %.17g, want %.17g", what, i,
		    x[i], want[i]);
	}
}



