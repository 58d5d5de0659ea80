/*
 * rankcity/model.c: reading META and the data into a model (rc_read),
 * on small files written here.  Without META, every all-numeric column is
 * an indicator of one index named "index"; with META, the tree is built
 * in node order (indicators in META order, then the aggregates by level)
 * with its weights normalised within each parent; columns are named by
 * header name or position under the one rule (csv_header_column, leading
 * zeros allowed); units keep their input order and data lines; NA and
 * empty cells are missing.  Errors name the file and line: a duplicate
 * unit, a Parent that is not an iCode, a value that is not a number.
 * Every expected value below is read off the files by hand.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "rankcity/rankcity.h"
#include "../t.h"
#include "rc_t.h"

void suite_model(void);

#define TFILE(name, lit) t_file((name), (lit), sizeof(lit) - 1)

static const struct csv_opts comma = {.delim = ','};

/* rc_read of data (and META when meta is not NULL) with the unit column
 * unit and the label column label; 0 or -1 with *e set. */
static int
read_model(struct rc_model *m, const char *data, const char *meta,
    const char *unit, const char *label, struct err *e)
{
	struct rc_read_opts o;

	memset(m, 0, sizeof *m);
	memset(&o, 0, sizeof o);
	o.meta = meta;
	o.unit_col = unit;
	o.label_col = label;
	return rc_read(m, data, &comma, &o, NULL, e);
}

/* Without META: the numeric columns a and b under "index". */
static void
no_meta(void)
{
	char path[512];
	struct rc_model m;
	struct err e = {0};
	static const double want[] = {1, 3, 5, 2, NA, 6};

	snprintf(path, sizeof path, "%s", TFILE("model-flat.csv",
	    "unit,name,a,b\nU1,one,1,2\nU2,two,3,NA\nU3,three,5,6\n"));
	CHECK_INT(read_model(&m, path, NULL, "unit", "name", &e), 0);
	CHECK_INT(m.nind, 2);
	CHECK_INT(m.nnode, 3);
	CHECK_INT(m.nunit, 3);
	if (m.nnode == 3 && m.nunit == 3) {
		CHECK_STR(m.node[0].code, "a");
		CHECK_STR(m.node[1].code, "b");
		CHECK_STR(m.node[2].code, "index");
		CHECK_INT(m.node[2].parent, -1);
		CHECK_INT(m.node[0].parent, 2);
		CHECK_STR(m.unit[2], "U3");
		CHECK_STR(m.label[1], "two");
		CHECK_INT(m.uline[0], 2);
		CHECK_INT(m.uline[2], 4);
		/* Indicator rows: a then b; NA is missing. */
		CHECK_VEC(m.x, want, 6, 0);
	}
	rc_model_free(&m);

	/* The unit and label columns by position, leading zeros allowed:
	 * written under their header names. */
	CHECK_INT(read_model(&m, path, NULL, "01", "002", &e), 0);
	CHECK_STR(m.unit_col, "unit");
	CHECK_STR(m.label_col, "name");
	CHECK_INT(m.nind, 2);
	rc_model_free(&m);
}

/* With META: two pillars under the index, weights within each parent. */
static void
with_meta(void)
{
	char data[512], meta[512];
	struct rc_model m;
	struct err e = {0};

	snprintf(data, sizeof data, "%s", TFILE("model-data.csv",
	    "unit,a,b,c\nU1,1,2,3\nU2,4,5,6\n"));
	snprintf(meta, sizeof meta, "%s", TFILE("model-meta.csv",
	    "Level,iCode,iName,Direction,Weight,Parent,Type\n"
	    "1,a,A,1,1,P,Indicator\n"
	    "1,b,B,-1,3,P,Indicator\n"
	    "1,c,C,1,1,Q,Indicator\n"
	    "2,P,Pillar P,1,1,idx,Aggregate\n"
	    "2,Q,Pillar Q,1,1,idx,Aggregate\n"
	    "3,idx,Index,1,1,,Aggregate\n"));
	CHECK_INT(read_model(&m, data, meta, "unit", NULL, &e), 0);
	CHECK_INT(m.nind, 3);
	CHECK_INT(m.nnode, 6);
	if (m.nnode == 6) {
		/* Indicators in META order, then P, Q, then the root. */
		CHECK_STR(m.node[3].code, "P");
		CHECK_STR(m.node[4].code, "Q");
		CHECK_STR(m.node[5].code, "idx");
		CHECK_STR(m.node[1].name, "B");
		CHECK_INT(m.node[1].dir, -1);
		CHECK_INT(m.node[0].parent, 3);
		CHECK_INT(m.node[2].parent, 4);
		CHECK_INT(m.node[3].nchild, 2);
		CHECK_INT(m.node[5].nchild, 2);
		/* Weights as META gives them (normalised by rc_aggregate). */
		CHECK_DBL(m.node[1].weight, 3, 0);
		CHECK_INT(m.node[1].level, 1);
		CHECK_INT(m.node[5].level, 3);
	}
	CHECK(m.label == NULL);
	rc_model_free(&m);
}

/* Errors name the file and the line. */
static void
errors(void)
{
	char data[512], meta[512], want[800];
	struct rc_model m;
	struct err e = {0};

	snprintf(data, sizeof data, "%s", TFILE("model-dup.csv",
	    "unit,a\nA,1\nB,2\nA,3\n"));
	CHECK_INT(read_model(&m, data, NULL, "unit", NULL, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	snprintf(want, sizeof want, "%s:4: duplicate unit \"A\" (also on line "
	    "2)", data);
	CHECK_STR(e.msg, want);
	rc_model_free(&m);

	snprintf(data, sizeof data, "%s", TFILE("model-bad.csv",
	    "unit,a\nA,1\nB,x\n"));
	snprintf(meta, sizeof meta, "%s", TFILE("model-bad-meta.csv",
	    "Level,iCode,Direction,Weight,Parent\n1,a,1,1,idx\n"
	    "2,idx,1,1,\n"));
	memset(&e, 0, sizeof e);
	CHECK_INT(read_model(&m, data, meta, "unit", NULL, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK(strstr(e.msg, ":3:") != NULL && strstr(e.msg, "\"x\"") != NULL);
	if (strstr(e.msg, ":3:") == NULL)
		printf("# %s\n", e.msg);
	rc_model_free(&m);

	snprintf(meta, sizeof meta, "%s", TFILE("model-parent-meta.csv",
	    "Level,iCode,Direction,Weight,Parent\n1,a,1,1,Z\n2,idx,1,1,\n"));
	memset(&e, 0, sizeof e);
	CHECK_INT(read_model(&m, data, meta, "unit", NULL, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	snprintf(want, sizeof want, "%s:2: Parent \"Z\" of \"a\" is not an "
	    "iCode in META", meta);
	CHECK_STR(e.msg, want);
	rc_model_free(&m);

	/* META without the columns it needs. */
	snprintf(meta, sizeof meta, "%s", TFILE("model-short-meta.csv",
	    "Level,iCode,Weight,Parent\n1,a,1,idx\n2,idx,1,\n"));
	memset(&e, 0, sizeof e);
	CHECK_INT(read_model(&m, data, meta, "unit", NULL, &e), -1);
	snprintf(want, sizeof want, "%s: no column \"Direction\" (META needs "
	    "Level, iCode, Direction, Weight and Parent)", meta);
	CHECK_STR(e.msg, want);
	rc_model_free(&m);

	/* No such unit column, by name or by position. */
	memset(&e, 0, sizeof e);
	CHECK_INT(read_model(&m, data, NULL, "city", NULL, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	rc_model_free(&m);
	memset(&e, 0, sizeof e);
	CHECK_INT(read_model(&m, data, NULL, "0", NULL, &e), -1);
	rc_model_free(&m);
}

/* --indicators "a,-c" (by name) and "2" (by position): those columns in
 * that order, Direction -1 after the minus, weight 1, under one index
 * (综合指数 under zh); a column the data lack is named with the header,
 * as is a missing unit column. */
static void
indicator_list(void)
{
	char path[512], want[1024];
	struct rc_model m;
	struct rc_read_opts o;
	struct err e = {0};
	static const char *const l1[] = {"a", "-c"}, *const l2[] = {"2"},
	    *const l3[] = {"a", "zz"};

	snprintf(path, sizeof path, "%s", TFILE("model-list.csv",
	    "unit,a,b,c\nU1,1,2,3\nU2,4,5,6\n"));
	memset(&o, 0, sizeof o);
	o.unit_col = "unit";
	o.indicators = l1;
	o.nindicators = 2;
	CHECK_INT(rc_read(&m, path, &comma, &o, NULL, &e), 0);
	CHECK_INT(m.nind, 2);
	CHECK_INT(m.nnode, 3);
	if (m.nnode == 3) {
		CHECK_STR(m.node[0].code, "a");
		CHECK_INT(m.node[0].dir, 1);
		CHECK_STR(m.node[1].code, "c");
		CHECK_INT(m.node[1].dir, -1);
		CHECK_STR(m.node[2].code, "index");
		CHECK_DBL(m.x[1 * 2 + 1], 6, 0);
	}
	rc_model_free(&m);
	/* by position, and the Chinese name of the index */
	o.indicators = l2;
	o.nindicators = 1;
	o.zh = 1;
	CHECK_INT(rc_read(&m, path, &comma, &o, NULL, &e), 0);
	if (m.nnode == 2) {
		CHECK_STR(m.node[0].code, "a");
		CHECK_STR(m.node[1].code, "综合指数");
	}
	rc_model_free(&m);
	o.indicators = l3;
	o.nindicators = 2;
	CHECK_INT(rc_read(&m, path, &comma, &o, NULL, &e), -1);
	snprintf(want, sizeof want, "%s: no column \"zz\"; the header is: "
	    "unit,a,b,c", path);
	CHECK_STR(e.msg, want);
	rc_model_free(&m);
	o.indicators = NULL;
	o.nindicators = 0;
	o.unit_col = "city";
	CHECK_INT(rc_read(&m, path, &comma, &o, NULL, &e), -1);
	snprintf(want, sizeof want, "%s: no unit column \"city\" (name it "
	    "with --unit); the header is: unit,a,b,c", path);
	CHECK_STR(e.msg, want);
	rc_model_free(&m);
}

/* The unit, --label and --by columns are not indicators, whether
 * --indicators names them (by name or position: a usage error) or an
 * iCode does (an error at its META line); numeric ids once ranked. */
static void
indicator_not_id(void)
{
	char path[512], meta[512], want[1200];
	struct rc_model m;
	struct rc_read_opts o;
	struct err e = {0};
	static const char *const l1[] = {"1", "a"}, *const l2[] = {"a",
	    "-name"}, *const l3[] = {"y", "a"};

	snprintf(path, sizeof path, "%s", TFILE("model-ids.csv",
	    "unit,name,y,a\n1,10,2024,1\n2,20,2024,2\n3,30,2024,4\n"));
	snprintf(meta, sizeof meta, "%s", TFILE("model-ids-meta.csv",
	    "Level,iCode,Direction,Weight,Parent\n1,a,1,1,idx\n"
	    "1,unit,1,1,idx\n2,idx,1,1,\n"));
	memset(&o, 0, sizeof o);
	o.unit_col = "unit";
	o.indicators = l1;
	o.nindicators = 2;
	CHECK_INT(rc_read(&m, path, &comma, &o, NULL, &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	CHECK_STR(e.msg, "--indicators names the unit column, which cannot "
	    "be an indicator: \"unit\"");
	rc_model_free(&m);
	o.label_col = "name";
	o.indicators = l2;
	CHECK_INT(rc_read(&m, path, &comma, &o, NULL, &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	CHECK_STR(e.msg, "--indicators names the --label column, which "
	    "cannot be an indicator: \"name\"");
	rc_model_free(&m);
	o.label_col = NULL;
	o.by_col = "y";
	o.indicators = l3;
	CHECK_INT(rc_read(&m, path, &comma, &o, NULL, &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	CHECK_STR(e.msg, "--indicators names the --by column, which cannot "
	    "be an indicator: \"y\"");
	rc_model_free(&m);
	o.by_col = NULL;
	o.indicators = NULL;
	o.nindicators = 0;
	o.meta = meta;
	CHECK_INT(rc_read(&m, path, &comma, &o, NULL, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	snprintf(want, sizeof want, "%s:3: iCode names the unit column of "
	    "%s, which cannot be an indicator: \"unit\"", meta, path);
	CHECK_STR(e.msg, want);
	rc_model_free(&m);
}

/* Columns META leaves out: one warning line lists them all. */
static void
not_in_meta(void)
{
	char data[512], meta[512], want[1200];
	struct rc_model m;
	struct rc_read_opts o;
	struct buf warn = {0};
	struct err e = {0};

	snprintf(data, sizeof data, "%s", TFILE("model-extra.csv",
	    "unit,a,x,y,note\nU1,1,2,3,t\nU2,4,5,6,u\n"));
	snprintf(meta, sizeof meta, "%s", TFILE("model-extra-meta.csv",
	    "Level,iCode,Direction,Weight,Parent\n1,a,1,1,idx\n2,idx,1,1,\n"));
	memset(&o, 0, sizeof o);
	o.unit_col = "unit";
	o.meta = meta;
	CHECK_INT(rc_read(&m, data, &comma, &o, &warn, &e), 0);
	snprintf(want, sizeof want, "%s: columns \"x\", \"y\" are not in %s: "
	    "ignored\n", data, meta);
	CHECK(warn.len == strlen(want) && memcmp(warn.data, want,
	    warn.len) == 0);
	rc_model_free(&m);
	free(warn.data);
}

/* Append the printf-formatted text to b (the test's own files). */
static void
bput(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
bput(struct buf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0 && (size_t)n < sizeof tmp)
		buf_append(b, tmp, (size_t)n);
}

#define NBIG 3000

/* META of NBIG indicators i0000.. under P, P under idx; extra (may be
 * "") appended before the two aggregates. */
static const char *
big_meta(const char *name, const char *extra)
{
	struct buf b = {0};
	const char *path;
	size_t k;

	bput(&b, "Level,iCode,Direction,Weight,Parent,Denominator,Type\n");
	for (k = 0; k < NBIG; k++)
		bput(&b, "1,i%04zu,1,1,P,%s,Indicator\n", k,
		    k == 7 || k == 9 ? "pop" : "");
	bput(&b, "%s", extra);
	bput(&b, "2,P,1,1,idx,,Aggregate\n3,idx,1,1,,,Aggregate\n");
	path = t_file(name, b.data, b.len);
	free(b.data);
	return path;
}

/* Data of NBIG indicator columns, in reverse order (i2999 first) unless
 * forward, then pop; units A, B, C (or units[] when given); the cell of
 * indicator k for unit u is k * 10 + u.  extra_col (may be NULL) is one
 * more header name after pop. */
static const char *
big_data(const char *name, int forward, const char *extra_col,
    const char *const *units)
{
	static const char *const abc[] = {"A", "B", "C"};
	struct buf b = {0};
	const char *path;
	size_t k, u;

	if (!units)
		units = abc;
	bput(&b, "unit");
	for (k = 0; k < NBIG; k++)
		bput(&b, ",i%04zu", forward ? k : NBIG - 1 - k);
	bput(&b, ",pop%s%s\n", extra_col ? "," : "", extra_col ? extra_col :
	    "");
	for (u = 0; u < 3; u++) {
		bput(&b, "%s", units[u]);
		for (k = 0; k < NBIG; k++)
			bput(&b, ",%zu", (forward ? k : NBIG - 1 - k) * 10 + u);
		bput(&b, ",%zu%s\n", u + 1, extra_col ? ",1" : "");
	}
	path = t_file(name, b.data, b.len);
	free(b.data);
	return path;
}

/*
 * The hashed lookups (iCodes in META, columns in the header, the kept
 * text columns) on NBIG indicators: every iCode finds its column wherever
 * it is, and a repeat is still reported with the message and the lines
 * the linear search gave.
 */
static void
hashed_lookups(void)
{
	char data[512], meta[512], want[1024];
	struct rc_model m;
	struct rc_read_opts o;
	struct err e = {0};
	static const char *const aba[] = {"A", "B", "A"};

	snprintf(meta, sizeof meta, "%s", big_meta("big-meta.csv", ""));
	snprintf(data, sizeof data, "%s", big_data("big-data.csv", 0, NULL,
	    NULL));
	memset(&o, 0, sizeof o);
	o.unit_col = "unit";
	o.meta = meta;
	/* Denominators i0007 and i0009 share pop, which is also the group
	 * column: kept once. */
	o.denominate = 1;
	o.group_col = "pop";
	CHECK_INT(rc_read(&m, data, &comma, &o, NULL, &e), 0);
	CHECK_INT(m.nind, NBIG);
	CHECK_INT(m.nnode, NBIG + 2);
	CHECK_INT(m.ncol, 1);
	if (m.ncol == 1) {
		CHECK_STR(m.colname[0], "pop");
		CHECK_STR(m.colval[0][2], "3");
	}
	if (m.nind == NBIG && m.nunit == 3) {
		CHECK_STR(m.node[1234].code, "i1234");
		CHECK_DBL(m.x[1234 * 3 + 2], 12342, 0);
		CHECK_DBL(m.x[0 * 3 + 1], 1, 0);
		CHECK_DBL(m.x[(NBIG - 1) * 3 + 0], (NBIG - 1) * 10, 0);
		CHECK_INT(m.node[NBIG - 1].parent, NBIG);
		CHECK_INT(m.node[NBIG].parent, NBIG + 1);
	}
	rc_model_free(&m);

	/* An iCode twice: the repeat's line and the first's. */
	snprintf(meta, sizeof meta, "%s", big_meta("big-meta-dup.csv",
	    "1,i1234,1,1,P,,Indicator\n"));
	o.denominate = 0;
	o.group_col = NULL;
	o.meta = meta;
	memset(&e, 0, sizeof e);
	CHECK_INT(rc_read(&m, data, &comma, &o, NULL, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	snprintf(want, sizeof want, "%s:%d: iCode \"i1234\" appears twice "
	    "(first on line 1236)", meta, NBIG + 2);
	CHECK_STR(e.msg, want);
	rc_model_free(&m);

	/* A Parent that is not an iCode, among many. */
	snprintf(meta, sizeof meta, "%s", big_meta("big-meta-parent.csv",
	    "1,extra,1,1,Q,,Indicator\n"));
	o.meta = meta;
	memset(&e, 0, sizeof e);
	CHECK_INT(rc_read(&m, data, &comma, &o, NULL, &e), -1);
	snprintf(want, sizeof want, "%s:%d: Parent \"Q\" of \"extra\" is not "
	    "an iCode in META", meta, NBIG + 2);
	CHECK_STR(e.msg, want);
	rc_model_free(&m);

	/* A column twice in the header: both positions, 1-based. */
	snprintf(meta, sizeof meta, "%s", big_meta("big-meta.csv", ""));
	snprintf(data, sizeof data, "%s", big_data("big-data-dupcol.csv", 1,
	    "i0042", NULL));
	o.meta = meta;
	memset(&e, 0, sizeof e);
	CHECK_INT(rc_read(&m, data, &comma, &o, NULL, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	snprintf(want, sizeof want, "%s:1: column \"i0042\" appears twice "
	    "(columns 44 and %d)", data, NBIG + 3);
	CHECK_STR(e.msg, want);
	rc_model_free(&m);

	/* A unit twice: the repeat's line and the first's. */
	snprintf(data, sizeof data, "%s", big_data("big-data-dupunit.csv", 1,
	    NULL, aba));
	memset(&e, 0, sizeof e);
	CHECK_INT(rc_read(&m, data, &comma, &o, NULL, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	snprintf(want, sizeof want, "%s:4: duplicate unit \"A\" (also on line "
	    "2)", data);
	CHECK_STR(e.msg, want);
	rc_model_free(&m);
}

/*
 * rc_drop_constant on the tree a, b -> P; c -> Q; P, Q -> index with a
 * and c constant (c has a gap): a and c go, Q (left without children)
 * goes, b stays under P under the index, its values in place; one line
 * names both.  All constant: an error, the model unranked.
 */
static void
drop_constant(void)
{
	static const char *const code[] = {"a", "b", "c", "P", "Q", "index"};
	static const long parent[] = {3, 3, 4, 5, 5, -1};
	static const double x[] = {2, 2, 2, 1, 5, 9, 7, NA, 7};
	static const double flat[] = {3, 3, 4, 4};
	static const double want_b[] = {1, 5, 9};
	struct rc_model m;
	struct buf warn = {0};
	struct err e = {0};
	size_t n = 9;
	const char *w = "data.csv: indicators \"a\", \"c\" have the same "
	    "value for every unit: dropped\n";

	if (t_tree(&m, 3, 6, 3, code, parent, NULL, x) < 0)
		return;
	m.data_name = "data.csv";
	CHECK_INT(rc_drop_constant(&m, NULL, &n, &warn, &e), 0);
	CHECK_INT(n, 2);
	CHECK_INT(m.nind, 1);
	CHECK_INT(m.nnode, 3);
	if (m.nnode == 3) {
		CHECK_STR(m.node[0].code, "b");
		CHECK_STR(m.node[1].code, "P");
		CHECK_STR(m.node[2].code, "index");
		CHECK_INT(m.node[0].parent, 1);
		CHECK_INT(m.node[1].parent, 2);
		CHECK_INT(m.node[2].nchild, 1);
		CHECK_INT(m.node[1].nchild, 1);
		CHECK_VEC(m.x, want_b, 3, 0);
	}
	CHECK(warn.len == strlen(w) && memcmp(warn.data, w, warn.len) == 0);
	rc_model_free(&m);
	free(warn.data);

	/* Two levels go: a, b (constant, b with a gap) leave P1 empty, P1
	 * leaves S1 empty; c, d stay under P2 under S2 under the index,
	 * renumbered in order, with their rows. */
	{
		static const char *const code2[] = {"a", "b", "c", "d", "P1",
		    "P2", "S1", "S2", "index"};
		static const long parent2[] = {4, 4, 5, 5, 6, 7, 8, 8, -1};
		static const double x2[] = {1, 1, 1, 2, 2, NA, 3, 4, 5,
		    5, NA, 6};
		static const double want2[] = {3, 4, 5, 5, NA, 6};

		if (t_tree(&m, 4, 9, 3, code2, parent2, NULL, x2) < 0)
			return;
		m.data_name = "data.csv";
		CHECK_INT(rc_drop_constant(&m, NULL, &n, NULL, &e), 0);
		CHECK_INT(n, 2);
		CHECK_INT(m.nind, 2);
		CHECK_INT(m.nnode, 5);
		if (m.nnode == 5) {
			CHECK_STR(m.node[0].code, "c");
			CHECK_STR(m.node[2].code, "P2");
			CHECK_STR(m.node[3].code, "S2");
			CHECK_STR(m.node[4].code, "index");
			CHECK_INT(m.node[1].parent, 2);
			CHECK_INT(m.node[2].parent, 3);
			CHECK_INT(m.node[3].parent, 4);
			CHECK_INT(m.node[4].nchild, 1);
			CHECK_INT(m.node[4].child[0], 3);
			CHECK_INT(m.node[2].nchild, 2);
			CHECK_INT(m.node[2].child[1], 1);
			CHECK_VEC(m.x, want2, 6, 0);
		}
		rc_model_free(&m);
	}

	if (t_flat(&m, 2, 2, flat) < 0)
		return;
	m.data_name = "d.csv";
	CHECK_INT(rc_drop_constant(&m, ", group \"m1\"", &n, NULL, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK_STR(e.msg, "d.csv, group \"m1\": every indicator has the same "
	    "value for every unit (\"a\", \"b\"): nothing to rank");
	rc_model_free(&m);
}

/* rc_model_groups: month m1 m2 m1 m2 gives two models in that order,
 * units u0 u2 and u1 u3 with their values; an empty group is an error
 * on its line. */
static void
groups(void)
{
	static const double x[] = {1, 2, 3, 4};
	static const char *const month[] = {"m1", "m2", "m1", "m2"};
	static const char *const gap[] = {"m1", "", "m1", "m2"};
	static const double want0[] = {1, 3}, want1[] = {2, 4};
	struct rc_model m, *sub = NULL;
	size_t nsub = 0, g;
	struct err e = {0};

	if (t_flat(&m, 1, 4, x) < 0 || t_add_column(&m, "month", month) < 0)
		return;
	m.data_name = "d.csv";
	m.by_col = strdup("month");
	m.by_c = 0;
	CHECK_INT(rc_model_groups(&m, &sub, &nsub, &e), 0);
	CHECK_INT(nsub, 2);
	if (nsub == 2) {
		CHECK_STR(sub[0].by_val, "m1");
		CHECK_STR(sub[1].by_val, "m2");
		CHECK_INT(sub[0].nunit, 2);
		CHECK_STR(sub[0].unit[1], "u2");
		CHECK_INT(sub[0].uline[1], 4);
		CHECK_VEC(sub[0].x, want0, 2, 0);
		CHECK_VEC(sub[1].x, want1, 2, 0);
		CHECK_INT(sub[1].nnode, 2);
	}
	for (g = 0; g < nsub; g++)
		rc_model_free(&sub[g]);
	free(sub);
	rc_model_free(&m);

	if (t_flat(&m, 1, 4, x) < 0 || t_add_column(&m, "month", gap) < 0)
		return;
	m.data_name = "d.csv";
	m.by_col = strdup("month");
	CHECK_INT(rc_model_groups(&m, &sub, &nsub, &e), -1);
	CHECK_STR(e.msg, "d.csv:3: column \"month\": the group is empty");
	for (g = 0; g < nsub; g++)
		rc_model_free(&sub[g]);
	free(sub);
	rc_model_free(&m);
}

void
suite_model(void)
{
	no_meta();
	with_meta();
	errors();
	indicator_list();
	indicator_not_id();
	not_in_meta();
	hashed_lookups();
	drop_constant();
	groups();
}
