/*
 * The rankcity audit (rc_audit_write): correlations with the parent and
 * between siblings (Pearson, and Spearman with average ranks for ties),
 * Cronbach's alpha and the first principal component's variance share,
 * on models built here by hand.
 *
 * The expected numbers were computed apart from the C code, with a short
 * Python script (no numpy on this machine): each input value taken as the
 * exact double (fractions.Fraction(float(v))), sums of products and
 * variances in exact rational arithmetic, square roots and the
 * eigenvalues of the correlation matrix (mpmath.eigsy) in mpmath at 50
 * digits; ranks by counting, rank(a) = #{b < a} + (#{b == a} + 1) / 2,
 * which is R's rank(ties.method = "average"), over the pairwise-complete
 * units only (as R's cor(method = "spearman",
 * use = "pairwise.complete.obs") does).  Printed to 17 digits.
 */
#include <stdlib.h>
#include <string.h>

#include "rankcity/rankcity.h"
#include "core/stats.h"
#include "../t.h"

void suite_audit(void);

#define NA NAN

/* A model the test owns: node[] and x[] from calloc, the rest static. */
static int
model_make(struct rc_model *m, size_t nind, size_t nnode, size_t nunit,
    char *const *code, const long *parent, size_t *const *child,
    const size_t *nchild, const double *x)
{
	size_t k;

	memset(m, 0, sizeof *m);
	m->nind = nind;
	m->nnode = nnode;
	m->nunit = nunit;
	m->node = calloc(nnode, sizeof *m->node);
	m->x = calloc(nnode * nunit + 1, sizeof *m->x);
	if (m->node == NULL || m->x == NULL) {
		free(m->node);
		free(m->x);
		t_report(0, __FILE__, __LINE__, "out of memory");
		return -1;
	}
	for (k = 0; k < nnode; k++) {
		m->node[k].code = code[k];
		m->node[k].name = code[k];
		m->node[k].level = k < nind ? 1 : 2;
		m->node[k].dir = 1;
		m->node[k].parent = parent[k];
		m->node[k].child = child[k];
		m->node[k].nchild = nchild[k];
	}
	if (nnode * nunit > 0)
		memcpy(m->x, x, nnode * nunit * sizeof *x);
	return 0;
}

static void
model_drop(struct rc_model *m)
{
	free(m->node);
	free(m->x);
	memset(m, 0, sizeof *m);
}

/* Run the audit into a file and return its text (caller frees), or NULL;
 * *rc gets the function's status and *e its error. */
static char *
audit_text(const struct rc_model *m, int precision, int *rc, struct err *e)
{
	char path[512];
	struct csvw *w;
	struct err e2 = {0};
	char *got;

	snprintf(path, sizeof path, "%s/audit.csv", t_dir());
	memset(e, 0, sizeof *e);
	w = csvw_open(path, &e2);
	if (w == NULL) {
		t_report(0, __FILE__, __LINE__, "csvw_open: %s", e2.msg);
		return NULL;
	}
	*rc = rc_audit_write(m, w, precision, e);
	if (csvw_close(w, &e2) < 0)
		t_report(0, __FILE__, __LINE__, "csvw_close: %s", e2.msg);
	got = t_slurp(path, NULL);
	CHECK(got != NULL);
	return got;
}

/*
 * The row of text that starts with key ("measure,iCode,with,"): its value
 * into *v (NAN when the field is empty) and its flag into flag (cap
 * bytes).  Returns 1 if found and well formed, else 0.
 */
static int
row(const char *text, const char *key, double *v, char *flag, size_t cap)
{
	const char *p = text, *f, *eol;
	char *end;
	size_t klen = strlen(key);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, key, klen) == 0)
			break;
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	if (p == NULL || *p == '\0')
		return 0;
	p += klen;
	eol = strchr(p, '\n');
	f = strchr(p, ',');
	if (eol == NULL || f == NULL || f > eol || (size_t)(eol - f) > cap)
		return 0;
	if (f == p)
		*v = NAN;
	else {
		*v = strtod(p, &end);
		if (end != f)
			return 0;
	}
	memcpy(flag, f + 1, (size_t)(eol - f - 1));
	flag[eol - f - 1] = '\0';
	return 1;
}

/* Check one row's value (within 1e-12) and flag. */
static void
check_row(const char *text, const char *key, double want, const char *flag,
    int line)
{
	double v;
	char got[64];

	if (!row(text, key, &v, got, sizeof got)) {
		t_report(0, __FILE__, line, "no row %s", key);
		return;
	}
	t_report(fabs(v - want) <= 1e-12, __FILE__, line,
	    "%s value %.17g, want %.17g", key, v, want);
	t_report(strcmp(got, flag) == 0, __FILE__, line,
	    "%s flag \"%s\", want \"%s\"", key, got, flag);
}

/* Check that a row is there with an empty value and the flag undefined. */
static void
check_undef(const char *text, const char *key, int line)
{
	double v = 0;
	char got[64] = "";

	t_report(row(text, key, &v, got, sizeof got) && isnan(v) &&
	    strcmp(got, "undefined") == 0, __FILE__, line,
	    "%s undefined (got %.17g, \"%s\")", key, v, got);
}

#define ROW(key, want, flag) check_row(text, key, want, flag, __LINE__)
#define UNDEF(key) check_undef(text, key, __LINE__)

/*
 * Five indicators under two aggregates under the index, seven units, some
 * missing; A lists its children out of node order (i3, i1, i2) so that
 * the pair rows follow child[].  The aggregate rows are given, not
 * computed (the audit only reads x).  Ties: i1 has 40 twice (ranks 3.5),
 * i2 has 60 three times (ranks 4), A has 45 twice.
 */
static void
full_model(void)
{
	static char *code[] = {"i1", "i2", "i3", "i4", "i5", "A", "B", "idx"};
	static const long parent[] = {5, 5, 5, 6, 6, 7, 7, -1};
	static size_t ca[] = {2, 0, 1}, cb[] = {3, 4}, ci[] = {5, 6};
	static size_t *const child[] = {NULL, NULL, NULL, NULL, NULL, ca, cb,
	    ci};
	static const size_t nchild[] = {0, 0, 0, 0, 0, 3, 2, 2};
	static const double x[] = {
		10, 12.5, 40, 40, 55, NA, 90,           /* i1 */
		35, 15, 60, 60, 60, 80, 100,            /* i2 */
		90, 70, 40, 50, 20, 30, NA,             /* i3 */
		61, 12.5, 30, 7, 44, 5, 18,             /* i4 */
		100, 0, 50, 25, 75, 62.5, 12.5,         /* i5 */
		45, 35, 40, 50, 45, 55, 95,             /* A */
		52.5, 6.25, 40, 16, 59.5, 61.75, 15.25, /* B */
		48.75, 20.625, 40, 33, 52.25, 58.375, 55.125, /* idx */
	};
	/* The rows in the order they must come, without values. */
	static const char *const order[] = {
		"measure,iCode,with,value,flag",
		"pearson_parent,i1,A,", "spearman_parent,i1,A,",
		"pearson_parent,i2,A,", "spearman_parent,i2,A,",
		"pearson_parent,i3,A,", "spearman_parent,i3,A,",
		"pearson_parent,i4,B,", "spearman_parent,i4,B,",
		"pearson_parent,i5,B,", "spearman_parent,i5,B,",
		"pearson_parent,A,idx,", "spearman_parent,A,idx,",
		"pearson_parent,B,idx,", "spearman_parent,B,idx,",
		"pearson,i3,i1,", "spearman,i3,i1,",
		"pearson,i3,i2,", "spearman,i3,i2,",
		"pearson,i1,i2,", "spearman,i1,i2,",
		"pearson,i4,i5,", "spearman,i4,i5,",
		"pearson,A,B,", "spearman,A,B,",
		"cronbach_alpha,A,,", "pca_variance,A,,",
		"cronbach_alpha,B,,", "pca_variance,B,,",
		"cronbach_alpha,idx,,", "pca_variance,idx,,",
	};
	struct rc_model m;
	struct err e;
	char *text;
	const char *p;
	size_t i, nrows = sizeof order / sizeof order[0];
	int rc = -1;

	if (model_make(&m, 5, 8, 7, code, parent, child, nchild, x) < 0)
		return;
	text = audit_text(&m, -1, &rc, &e);
	CHECK_INT(rc, 0);
	CHECK_INT(e.kind, ERR_NONE);
	if (text == NULL) {
		model_drop(&m);
		return;
	}
	/* Every row in order, and nothing else. */
	for (p = text, i = 0; i < nrows && *p != '\0'; i++) {
		t_report(strncmp(p, order[i], strlen(order[i])) == 0,
		    __FILE__, __LINE__, "row %zu starts \"%s\"", i, order[i]);
		p = strchr(p, '\n');
		if (p == NULL)
			break;
		p++;
	}
	CHECK_INT(i, nrows);
	CHECK(p != NULL && *p == '\0');

	/* Each node with its parent.  i1 and A: 6 pairs (unit 6 lacks i1);
	 * i3 and A: 6 pairs (unit 7 lacks i3). */
	ROW("pearson_parent,i1,A,", 0.8441900809566268, "");
	ROW("spearman_parent,i1,A,", 0.58823529411764706, ""); /* 10/17 */
	ROW("pearson_parent,i2,A,", 0.817109432210375, "");
	ROW("spearman_parent,i2,A,", 0.8601512308077806, "");
	ROW("pearson_parent,i3,A,", -0.3796283011826483, "negative");
	ROW("spearman_parent,i3,A,", -0.34786262139146905, "negative");
	ROW("pearson_parent,i4,B,", 0.49085646805820325, "");
	ROW("spearman_parent,i4,B,", 0.10714285714285714, "weak"); /* 3/28 */
	ROW("pearson_parent,i5,B,", 0.90195977568216605, "");
	ROW("spearman_parent,i5,B,", 0.85714285714285714, ""); /* 6/7 */
	ROW("pearson_parent,A,idx,", 0.55230858667304454, "");
	ROW("spearman_parent,A,idx,", 0.73876871941035835, "");
	ROW("pearson_parent,B,idx,", 0.6952836216784602, "");
	ROW("spearman_parent,B,idx,", 0.64285714285714286, ""); /* 9/14 */

	/* Siblings.  i3, i1: 5 pairs, i1's ranks 1 2 3.5 3.5 5; i3, i2: 6
	 * pairs, i2's ranks 2 1 4 4 4 6; i1, i2: 6 pairs, both tied. */
	ROW("pearson,i3,i1,", -0.96356899736825146, "negative");
	ROW("spearman,i3,i1,", -0.97467943448089639, "negative");
	ROW("pearson,i3,i2,", -0.76866208430693371, "negative");
	ROW("spearman,i3,i2,", -0.75897092589864535, "negative");
	ROW("pearson,i1,i2,", 0.95069254482682751, "collinear");
	ROW("spearman,i1,i2,", 0.89325960026886124, "");
	ROW("pearson,i4,i5,", 0.75087034970370135, "");
	ROW("spearman,i4,i5,", 0.53571428571428571, ""); /* 15/28 */
	ROW("pearson,A,B,", -0.2151553453458596, "");
	ROW("spearman,A,B,", 0.23424374030084533, "");

	/* Coherence: A over the 5 units with i1, i2, i3 all present (a 3 x 3
	 * correlation matrix); B and idx over all 7 (2 x 2: the share is
	 * (1 + |r|) / 2, which agrees with the pair rows above). */
	ROW("cronbach_alpha,A,,", -4.2460815047021944, "");
	ROW("pca_variance,A,,", 0.90584850140433759, "");
	ROW("cronbach_alpha,B,,", 0.7897268582423558, "");
	ROW("pca_variance,B,,", 0.87543517485185068, "");
	ROW("cronbach_alpha,idx,,", -0.54068474877723433, "");
	ROW("pca_variance,idx,,", 0.6075776726729298, "");
	CHECK(strstr(text, "nan") == NULL && strstr(text, "NaN") == NULL);
	free(text);
	model_drop(&m);
}

/*
 * Undefined measures: i1 has only two units with values (fewer than 3
 * pairs), i2 is constant, so every correlation and both coherence
 * measures of idx (2 complete units) are undefined; j1 + j2 is constant,
 * so J's alpha is undefined while its PCA share is (1 + |-1|) / 2 = 1.
 */
static void
undefined(void)
{
	static char *code[] = {"i1", "i2", "j1", "j2", "J", "idx"};
	static const long parent[] = {5, 5, 4, 4, 5, -1};
	static size_t cj[] = {2, 3}, ci[] = {0, 1, 4};
	static size_t *const child[] = {NULL, NULL, NULL, NULL, cj, ci};
	static const size_t nchild[] = {0, 0, 0, 0, 2, 3};
	static const double x[] = {
		1, 2, NA, NA,   /* i1 */
		5, 5, 5, 5,     /* i2 */
		1, 2, 3, 4,     /* j1 */
		4, 3, 2, 1,     /* j2 */
		2, 3, 1, 4,     /* J */
		1, 2, 3, 4,     /* idx */
	};
	struct rc_model m;
	struct err e;
	char *text;
	int rc = -1;

	if (model_make(&m, 4, 6, 4, code, parent, child, nchild, x) < 0)
		return;
	text = audit_text(&m, -1, &rc, &e);
	CHECK_INT(rc, 0);
	if (text != NULL) {
		UNDEF("pearson_parent,i1,idx,");
		UNDEF("spearman_parent,i1,idx,");
		UNDEF("pearson_parent,i2,idx,");
		UNDEF("spearman_parent,i2,idx,");
		UNDEF("pearson,i1,i2,");
		UNDEF("spearman,i1,i2,");
		UNDEF("pearson,i1,J,");
		UNDEF("pearson,i2,J,");
		UNDEF("cronbach_alpha,idx,,");
		UNDEF("pca_variance,idx,,");
		UNDEF("cronbach_alpha,J,,");
		/* Defined ones: j1, j2 exactly opposed; J against idx:
		 * dx = -.5 .5 -1.5 1.5, dy = -1.5 -.5 .5 1.5, sxy = 2,
		 * sxx = syy = 5: 0.4 (ranks the same). */
		ROW("pearson,j1,j2,", -1, "negative");
		ROW("spearman,j1,j2,", -1, "negative");
		ROW("pca_variance,J,,", 1, "");
		ROW("pearson_parent,J,idx,", 0.4, "");
		ROW("spearman_parent,J,idx,", 0.4, "");
		CHECK(strstr(text, "nan") == NULL);
		free(text);
	}
	model_drop(&m);
}

/*
 * The whole text of a tiny model with 3 decimals.  By hand: i1 = 1 2 3 4,
 * "q,x" = 3 4 1 2, idx = their mean 2 3 2 3.  With idx: sxy = 1,
 * sxx = 5, syy = 1, r = 1/sqrt(5) = 0.447 (ranks 1.5 3.5 1.5 3.5, the
 * same).  i1 with "q,x": sxy = -3, sxx = syy = 5, r = -0.6.  Alpha:
 * variances 5/3 and 5/3, sums 4 6 4 6 with variance 4/3, so
 * 2 (1 - (10/3) / (4/3)) = -3.  PCA: eigenvalues 1.6 and 0.4, 1.6 / 2.
 */
static void
tiny_text(void)
{
	static char *code[] = {"i1", "q,x", "idx"};
	static const long parent[] = {2, 2, -1};
	static size_t ci[] = {0, 1};
	static size_t *const child[] = {NULL, NULL, ci};
	static const size_t nchild[] = {0, 0, 2};
	static const double x[] = {1, 2, 3, 4, 3, 4, 1, 2, 2, 3, 2, 3};
	static const char want[] =
	    "measure,iCode,with,value,flag\n"
	    "pearson_parent,i1,idx,0.447,\n"
	    "spearman_parent,i1,idx,0.447,\n"
	    "pearson_parent,\"q,x\",idx,0.447,\n"
	    "spearman_parent,\"q,x\",idx,0.447,\n"
	    "pearson,i1,\"q,x\",-0.600,negative\n"
	    "spearman,i1,\"q,x\",-0.600,negative\n"
	    "cronbach_alpha,idx,,-3.000,\n"
	    "pca_variance,idx,,0.800,\n";
	struct rc_model m;
	struct err e;
	char *text;
	int rc = -1;

	if (model_make(&m, 2, 3, 4, code, parent, child, nchild, x) < 0)
		return;
	text = audit_text(&m, 3, &rc, &e);
	CHECK_INT(rc, 0);
	if (text != NULL)
		CHECK_STR(text, want);
	free(text);
	/* Shortest text: -0.6 is exact here (sxy / sqrt(25)). */
	text = audit_text(&m, -1, &rc, &e);
	CHECK_INT(rc, 0);
	if (text != NULL)
		CHECK(strstr(text, "\npearson,i1,\"q,x\",-0.6,negative\n") !=
		    NULL);
	free(text);
	/* precision 0: whole numbers. */
	text = audit_text(&m, 0, &rc, &e);
	CHECK_INT(rc, 0);
	if (text != NULL)
		CHECK(strstr(text, "\ncronbach_alpha,idx,,-3,\n") != NULL);
	free(text);
	model_drop(&m);
}

/* No units: the rows are all there, all undefined.  A child index out of
 * range is refused before anything is written. */
static void
edges(void)
{
	static char *code[] = {"i1", "i2", "idx"};
	static const long parent[] = {2, 2, -1};
	static size_t ci[] = {0, 1}, bad[] = {0, 7};
	static size_t *const child[] = {NULL, NULL, ci};
	static const size_t nchild[] = {0, 0, 2};
	static const char want[] =
	    "measure,iCode,with,value,flag\n"
	    "pearson_parent,i1,idx,,undefined\n"
	    "spearman_parent,i1,idx,,undefined\n"
	    "pearson_parent,i2,idx,,undefined\n"
	    "spearman_parent,i2,idx,,undefined\n"
	    "pearson,i1,i2,,undefined\n"
	    "spearman,i1,i2,,undefined\n"
	    "cronbach_alpha,idx,,,undefined\n"
	    "pca_variance,idx,,,undefined\n";
	struct rc_model m;
	struct err e;
	char *text;
	int rc = -1;

	if (model_make(&m, 2, 3, 0, code, parent, child, nchild, NULL) < 0)
		return;
	text = audit_text(&m, 3, &rc, &e);
	CHECK_INT(rc, 0);
	if (text != NULL)
		CHECK_STR(text, want);
	free(text);
	m.node[2].child = bad;
	text = audit_text(&m, 3, &rc, &e);
	CHECK_INT(rc, -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK(strstr(e.msg, "idx") != NULL);
	if (text != NULL)
		CHECK_STR(text, "");
	free(text);
	model_drop(&m);
}

void
suite_audit(void)
{
	stats_init();
	full_model();
	undefined();
	tiny_text();
	edges();
}
