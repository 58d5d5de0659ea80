/*
 * rankcity/run: rc_run() called as a library (no process), with a
 * struct rc_opts filled as cmd/rankcity.c fills it for the defaults
 * (rc_opts_init: unit column "unit", no screening, no treatment, minmax
 * to 0..100, the arithmetic mean, shortest round-trip numbers, the Monte
 * Carlo defaults; equal weights since there is no META), on a small data
 * file written here.
 *
 * The data: 5 units, 3 indicators, B's green missing:
 *
 *   unit  pop  green  crime       minmax 0..100:  pop  green  crime
 *   A      10     30      8                         0     50     75
 *   B      20           2                          25            0
 *   C      30     10      6                        50      0     50
 *   D      40     50      4                        75    100     25
 *   E      50     20     10                       100     25    100
 *
 * (pop: (x - 10) / 40; green: (x - 10) / 40 over the four present;
 * crime: (x - 2) / 8; every one exact in binary.)  The index is the mean
 * of the values present with the equal weights rescaled over them: A
 * 125/3 = 41.67, B 25/2 = 12.5, C 100/3 = 33.33, D 200/3 = 66.67, E 225/3
 * = 75, so the ranks are E 1, D 2, A 3, C 4, B 5.  The digits of the
 * shortest output are those of the double arithmetic the mean does (each
 * weight 1.0 / 3, num = sum of w * x, den = sum of w, num / den), worked
 * out with the same operations in Python: A 41.666666666666664, B
 * 12.499999999999998, C 33.33333333333333, D 66.66666666666666, E
 * 74.99999999999999; with --precision 2 they are 41.67, 12.50, 33.33,
 * 66.67 and 75.00, the values by hand.
 *
 * Checked on it: the ranking's bytes and the summary counts; --impute
 * mean; --emit normalised (the table above); --previous and its
 * rank_change (previous rank - rank); a value that is not a number
 * (ERR_DATA, file, line, column); --uncertainty giving the same bytes for
 * the same seed, with rank_q05 <= rank_median <= rank_q95; --chart of
 * each type appending a script that starts as chart.c's script_head()
 * does ("set encoding utf8"); --weights-out (1 / 3 each) and --treat-out
 * (e1071 type-2 skewness and kurtosis by hand).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/csvw.h"
#include "core/num.h"
#include "core/stats.h"
#include "core/util.h"
#include "rankcity/rankcity.h"
#include "../t.h"

void suite_run(void);

#define PATHMAX 512
#define TFILE(name, lit) t_file((name), (lit), sizeof(lit) - 1)
/* Does the NUL-terminated s (may be NULL) start with the literal lit? */
#define STARTS(s, lit) \
	((s) != NULL && strncmp((s), (lit), sizeof(lit) - 1) == 0)

static const char data_csv[] =
    "unit,pop,green,crime\n"
    "A,10,30,8\n"
    "B,20,,2\n"
    "C,30,10,6\n"
    "D,40,50,4\n"
    "E,50,20,10\n";

static char data_path[PATHMAX];

/* cmd/rankcity.c's parse_options with no options but the data file:
 * the library's defaults, and equal weights (there is no META). */
static void
defaults(struct rc_opts *o)
{
	rc_opts_init(o);
	o->weights = RC_W_EQUAL;
}

/* What one run gave. */
struct result {
	int rc;
	struct err e;
	struct rc_summary st;
	char *out;         /* the table's bytes */
	struct buf script; /* the chart script, if any */
	struct buf warn;
};

static void
result_free(struct result *r)
{
	free(r->out);
	free(r->script.data);
	free(r->warn.data);
	memset(r, 0, sizeof *r);
}

/* Run on path with o; the table is written to a file and read back.
 * script_init: bytes already in the script buffer (NULL: none). */
static void
run(const struct rc_opts *o, const char *path, const char *script_init,
    struct result *r)
{
	char out_path[PATHMAX];
	struct csvw *w;
	struct err ce;

	memset(r, 0, sizeof *r);
	snprintf(out_path, sizeof out_path, "%s/rankcity-out.csv", t_dir());
	w = csvw_open(out_path, &r->e);
	if (w == NULL) {
		t_report(0, __FILE__, __LINE__, "csvw_open: %s", r->e.msg);
		r->rc = -1;
		return;
	}
	if (script_init != NULL)
		buf_append(&r->script, script_init, strlen(script_init));
	r->rc = rc_run(o, path, w, &r->script, &r->warn, &r->st, &r->e);
	memset(&ce, 0, sizeof ce);
	if (csvw_close(w, &ce) < 0)
		t_report(0, __FILE__, __LINE__, "csvw_close: %s", ce.msg);
	r->out = t_slurp(out_path, NULL);
}

/* The default ranking, its summary, and the same with 2 decimals. */
static void
ranking(void)
{
	struct rc_opts o;
	struct result r;

	defaults(&o);
	run(&o, data_path, NULL, &r);
	CHECK_INT(r.rc, 0);
	/* By rank; the index column named "index" (no META). */
	CHECK_STR(r.out,
	    "unit,rank,index\n"
	    "E,1,74.99999999999999\n"
	    "D,2,66.66666666666666\n"
	    "A,3,41.666666666666664\n"
	    "C,4,33.33333333333333\n"
	    "B,5,12.499999999999998\n");
	/* 5 units read, none screened, none imputed (B's green stays
	 * missing), 3 indicators and the index, 5 ranked and written. */
	CHECK_INT(r.st.units, 5);
	CHECK_INT(r.st.screened, 0);
	CHECK_INT(r.st.imputed, 0);
	CHECK_INT(r.st.indicators, 3);
	CHECK_INT(r.st.aggregates, 1);
	CHECK_INT(r.st.ranked, 5);
	CHECK_INT(r.st.written, 5);
	CHECK_INT(r.script.len, 0); /* no chart asked for */
	result_free(&r);

	o.precision = 2;
	run(&o, data_path, NULL, &r);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.out,
	    "unit,rank,index\n"
	    "E,1,75.00\n"
	    "D,2,66.67\n"
	    "A,3,41.67\n"
	    "C,4,33.33\n"
	    "B,5,12.50\n");
	result_free(&r);

	/* --impute mean fills B's green with (30 + 10 + 50 + 20) / 4 =
	 * 27.5, normalised (27.5 - 10) / 40 = 43.75: B's index is then
	 * (25 + 43.75 + 0) / 3 = 22.9166..., still 5th; one value filled. */
	defaults(&o);
	o.impute = RC_IMPUTE_MEAN;
	o.precision = 4;
	run(&o, data_path, NULL, &r);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.st.imputed, 1);
	CHECK(r.out != NULL && strstr(r.out, "\nB,5,22.9167\n") != NULL);
	result_free(&r);
}

/* --emit normalised: the indicators after minmax, input order. */
static void
emit_normalised(void)
{
	struct rc_opts o;
	struct result r;

	defaults(&o);
	o.emit = RC_EMIT_NORMALISED;
	run(&o, data_path, NULL, &r);
	CHECK_INT(r.rc, 0);
	/* The table at the top of this file; missing stays empty. */
	CHECK_STR(r.out,
	    "unit,pop,green,crime\n"
	    "A,0,50,75\n"
	    "B,25,,0\n"
	    "C,50,0,50\n"
	    "D,75,100,25\n"
	    "E,100,25,100\n");
	CHECK_INT(r.st.written, 5);
	CHECK_INT(r.st.ranked, 0); /* it stops before ranking */
	result_free(&r);

	/* minmax:1,100 moves every value: 0 -> 1, 100 -> 100, 50 -> 50.5,
	 * 25 -> 25.75, 75 -> 75.25 ((x / 100) * 99 + 1). */
	o.norm.a = 1;
	run(&o, data_path, NULL, &r);
	CHECK_INT(r.rc, 0);
	CHECK(r.out != NULL && strstr(r.out, "\nA,1,50.5,75.25\n") != NULL);
	CHECK(r.out != NULL && strstr(r.out, "\nB,25.75,,1\n") != NULL);
	result_free(&r);
}

/* --previous: rank_change = previous rank - rank now. */
static void
previous(void)
{
	struct rc_opts o;
	struct result r;
	char prev[PATHMAX], want[3 * PATHMAX];

	/* E absent (no change to give), X gone from the data (ignored). */
	snprintf(prev, sizeof prev, "%s", TFILE("previous.csv",
	    "unit,rank,index\n"
	    "A,1,90\n"
	    "B,5,1\n"
	    "C,2,80\n"
	    "D,4,20\n"
	    "X,3,50\n"));
	defaults(&o);
	o.previous = prev;
	o.precision = 2;
	run(&o, data_path, NULL, &r);
	CHECK_INT(r.rc, 0);
	/* E new: empty; D 4 -> 2: +2; A 1 -> 3: -2; C 2 -> 4: -2; B 5 ->
	 * 5: 0. */
	CHECK_STR(r.out,
	    "unit,rank,rank_change,index\n"
	    "E,1,,75.00\n"
	    "D,2,2,66.67\n"
	    "A,3,-2,41.67\n"
	    "C,4,-2,33.33\n"
	    "B,5,0,12.50\n");
	result_free(&r);

	/* A rank that is not a whole number fails, naming file and line. */
	snprintf(prev, sizeof prev, "%s", TFILE("previous-bad.csv",
	    "unit,rank\nA,1\nB,2.5\n"));
	o.previous = prev;
	run(&o, data_path, NULL, &r);
	CHECK_INT(r.rc, -1);
	CHECK_INT(r.e.kind, ERR_DATA);
	snprintf(want, sizeof want, "%s:3: column \"rank\": \"2.5\" is not a "
	    "rank", prev);
	CHECK_STR(r.e.msg, want);
	result_free(&r);
}

/* --by --previous: units matched on group and id; the groups the earlier
 * ranking has no rank for are named in one warning line, and a run
 * without --by that matches no unit warns too. */
static void
by_previous(void)
{
	struct rc_opts o;
	struct result r;
	char data[PATHMAX], prev[PATHMAX], want[3 * PATHMAX];

	snprintf(data, sizeof data, "%s", TFILE("by-prev-data.csv",
	    "m,unit,a\n"
	    "01,A,1\n01,B,2\n"
	    "02,A,2\n02,B,1\n"
	    "03,A,1\n03,B,2\n"));
	/* 01 and 03: no row (00 is no group now); 02: A 2 -> 1 (+1), B
	 * 1 -> 2 (-1) */
	snprintf(prev, sizeof prev, "%s", TFILE("by-prev-prev.csv",
	    "m,unit,rank\n00,A,1\n00,B,2\n02,A,2\n02,B,1\n"));
	defaults(&o);
	o.by = o.read.by_col = "m";
	o.previous = prev;
	run(&o, data, NULL, &r);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.out,
	    "m,unit,rank,rank_change,index\n"
	    "01,B,1,,100\n01,A,2,,0\n"
	    "02,A,1,1,100\n02,B,2,-1,0\n"
	    "03,B,1,,100\n03,A,2,,0\n");
	snprintf(want, sizeof want, "--previous %s ranks no unit of the groups "
	    "\"01\", \"03\" (--by \"m\"): rank_change left empty there\n",
	    prev);
	CHECK(r.warn.data != NULL && r.warn.len == strlen(want) &&
	    memcmp(r.warn.data, want, r.warn.len) == 0);
	result_free(&r);
	/* without --by, a previous ranking of none of the units */
	snprintf(prev, sizeof prev, "%s", TFILE("by-prev-none.csv",
	    "unit,rank\nZ,1\n"));
	o.by = o.read.by_col = NULL;
	run(&o, data_path, NULL, &r);
	CHECK_INT(r.rc, 0);
	snprintf(want, sizeof want, "--previous %s ranks no unit of %s: "
	    "rank_change left empty\n", prev, data_path);
	CHECK(r.warn.data != NULL && r.warn.len == strlen(want) &&
	    memcmp(r.warn.data, want, r.warn.len) == 0);
	result_free(&r);
}

/* A value that is not a number: ERR_DATA naming file, line, column. */
static void
bad_value(void)
{
	struct rc_opts o;
	struct result r;
	char bad[PATHMAX], want[2 * PATHMAX];

	snprintf(bad, sizeof bad, "%s", TFILE("rank-bad.csv",
	    "unit,pop,green,crime\n"
	    "A,10,30,8\n"
	    "B,20,,2\n"
	    "C,30,ten,6\n"
	    "D,40,50,4\n"));
	defaults(&o);
	run(&o, bad, NULL, &r);
	CHECK_INT(r.rc, -1);
	CHECK_INT(r.e.kind, ERR_DATA);
	snprintf(want, sizeof want, "%s:4: column \"green\": \"ten\" is not a "
	    "number", bad);
	CHECK_STR(r.e.msg, want);
	/* Nothing of the table is written. */
	CHECK_STR(r.out, "");
	result_free(&r);

	/* A missing file: ERR_IO. */
	snprintf(bad, sizeof bad, "%s/no-such-data.csv", t_dir());
	run(&o, bad, NULL, &r);
	CHECK_INT(r.rc, -1);
	CHECK_INT(r.e.kind, ERR_IO);
	result_free(&r);
}

/* Parse the uncertainty table: for each row, the five numbers. */
static int
mc_rows(const char *s, double v[][5], int max)
{
	const char *p = strchr(s, '\n');
	int n = 0;

	while (p != NULL && p[1] != '\0' && n < max) {
		char *end;
		int k;
		p = strchr(p + 1, ',');       /* past the unit */
		for (k = 0; k < 5 && p != NULL; k++) {
			v[n][k] = strtod(p + 1, &end);
			p = end;
		}
		if (k < 5 || p == NULL || *p != '\n')
			return -1;
		n++;
	}
	return n;
}

/* --uncertainty: the same seed, the same bytes; q05 <= median <= q95. */
static void
uncertainty(void)
{
	struct rc_opts o;
	struct result a, b;
	double v[8][5];
	int n, i, bad = 0;

	defaults(&o);
	o.mc.n = 300;
	o.mc.seed = 42;
	run(&o, data_path, NULL, &a);
	run(&o, data_path, NULL, &b);
	CHECK_INT(a.rc, 0);
	CHECK_INT(b.rc, 0);
	CHECK(a.out != NULL && b.out != NULL);
	if (a.out == NULL || b.out == NULL) {
		result_free(&a);
		result_free(&b);
		return;
	}
	CHECK_STR(a.out, b.out);
	CHECK(STARTS(a.out, "unit,rank_nominal,rank_median,rank_mean,"
	    "rank_q05,rank_q95\n"));
	/* In nominal rank order, the nominal ranks 1 to 5 as above. */
	CHECK(strstr(a.out, "\nE,1,") != NULL);
	CHECK(strstr(a.out, "\nB,5,") != NULL);
	n = mc_rows(a.out, v, 8);
	CHECK_INT(n, 5);
	for (i = 0; i < n; i++) {
		/* nominal, median, mean, q05, q95: every rank within 1..5,
		 * the quantiles in order, the mean between the extremes. */
		if (!(v[i][0] == i + 1 && v[i][3] <= v[i][1] &&
		    v[i][1] <= v[i][4] && v[i][3] >= 1 && v[i][4] <= 5 &&
		    v[i][3] <= v[i][2] && v[i][2] <= v[i][4]))
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(a.st.written, 5);
	result_free(&a);
	result_free(&b);
}

/* --chart: the gnuplot script appended to the caller's buffer. */
static void
charts(void)
{
	static const char *const types[] = {"bar", "stacked", "uncertainty"};
	struct rc_opts o;
	struct result r;
	char chart[PATHMAX];
	int k;

	snprintf(chart, sizeof chart, "%s/rank.png", t_dir());
	for (k = 0; k < 3; k++) {
		defaults(&o);
		o.chart = chart;
		o.chart_type = (enum rc_chart)rc_method_value(RC_M_CHART,
		    types[k], strlen(types[k]));
		if (k == 2) {
			o.mc.n = 50;
			o.mc.seed = 3;
		}
		run(&o, data_path, NULL, &r);
		CHECK_INT(r.rc, 0);
		/* script_head() in lib/core/chart.c writes this first. */
		CHECK(r.script.len > 18 && strncmp(r.script.data,
		    "set encoding utf8\n", 18) == 0);
		/* The output file is named in it, and the chart goes with
		 * the table, which is still written. */
		CHECK(r.script.len > 0 && buf_append(&r.script, "", 1) == 0 &&
		    strstr(r.script.data, chart) != NULL);
		CHECK_INT(r.st.written, 5);
		result_free(&r);
	}
	/* Appended: what the buffer held stays in front. */
	defaults(&o);
	o.chart = chart;
	run(&o, data_path, "# before\n", &r);
	CHECK_INT(r.rc, 0);
	CHECK(r.script.len > 27 && strncmp(r.script.data,
	    "# before\nset encoding utf8\n", 27) == 0);
	result_free(&r);
}

/* --weights-out and --treat-out: the side files. */
static void
side_files(void)
{
	struct rc_opts o;
	struct result r;
	struct err e = {0};
	char wpath[PATHMAX], tpath[PATHMAX];
	char *w, *t;

	snprintf(wpath, sizeof wpath, "%s/weights-out.csv", t_dir());
	snprintf(tpath, sizeof tpath, "%s/treat-out.csv", t_dir());
	remove(wpath);
	remove(tpath);
	defaults(&o);
	o.weights_out = csvw_open(wpath, &e);
	o.treat_max = 5; /* --treat winsor */
	o.treat_out = csvw_open(tpath, &e);
	CHECK(o.weights_out != NULL && o.treat_out != NULL);
	run(&o, data_path, NULL, &r);
	CHECK_INT(r.rc, 0);
	/* The caller puts the files in place (the command: cli_finish). */
	CHECK_INT(csvw_close(o.weights_out, &e), 0);
	CHECK_INT(csvw_close(o.treat_out, &e), 0);
	/* Equal weights: 1 / 3 each (shortest text of 1.0 / 3), the index
	 * 1 within the root; effective = the product along the path. */
	w = t_slurp(wpath, NULL);
	CHECK_STR(w,
	    "iCode,level,weight,effective_weight\n"
	    "pop,1,0.3333333333333333,0.3333333333333333\n"
	    "green,1,0.3333333333333333,0.3333333333333333\n"
	    "crime,1,0.3333333333333333,0.3333333333333333\n"
	    "index,2,1,1\n");
	free(w);
	/*
	 * The treatment: every indicator passes as it is (|skew| < 2), so
	 * "none", 0 points moved.  e1071 type-2 skewness and kurtosis, by
	 * hand: pop 10..50 evenly: skew 0; m2 = 200, m4 = 68000, g2 = 68000
	 * / 200^2 - 3 = -1.3, kurtosis ((n + 1) g2 + 6) (n - 1) / ((n - 2)
	 * (n - 3)) = (6 (-1.3) + 6) 4 / 6 = -1.2.
	 */
	t = t_slurp(tpath, NULL);
	CHECK(STARTS(t, "iCode,skew,kurtosis,treatment,points,"
	    "skew_after,kurtosis_after\n"));
	if (t != NULL) {
		const char *p = strstr(t, "\npop,");
		double skew = NAN, kurt = NAN;
		char *end;
		CHECK(p != NULL);
		if (p != NULL) {
			skew = strtod(p + 5, &end);
			kurt = *end == ',' ? strtod(end + 1, &end) : NAN;
			CHECK_DBL(skew, 0, 1e-12);
			CHECK_DBL(kurt, -1.2, 1e-12);
			CHECK(STARTS(end, ",none,0,"));
		}
		/* green, its 4 values 30 10 50 20: mean 27.5, m2 = 875 / 4,
		 * m3 = 5625 / 4, m4 = 353281.25 / 4; skew m3 / m2^1.5
		 * sqrt(n (n - 1)) / (n - 2) = 0.75283719913172..., kurtosis
		 * ((n + 1) (m4 / m2^2 - 3) + 6) (n - 1) / ((n - 2) (n - 3)) =
		 * 12 / 35. */
		p = strstr(t, "\ngreen,");
		CHECK(p != NULL);
		if (p != NULL) {
			skew = strtod(p + 7, &end);
			kurt = *end == ',' ? strtod(end + 1, &end) : NAN;
			CHECK_DBL(skew, 0.75283719913172546, 1e-12);
			CHECK_DBL(kurt, 12.0 / 35, 1e-12);
			CHECK(STARTS(end, ",none,0,"));
		}
		CHECK(strstr(t, "\ncrime,") != NULL);
	}
	free(t);
	result_free(&r);
}

void
suite_run(void)
{
	int before = t_pass + t_fail;

	stats_init();
	snprintf(data_path, sizeof data_path, "%s",
	    TFILE("rank-data.csv", data_csv));
	ranking();
	emit_normalised();
	previous();
	by_previous();
	bad_value();
	uncertainty();
	charts();
	side_files();
	printf("# rankcity/run: %d checks\n", t_pass + t_fail - before);
}
