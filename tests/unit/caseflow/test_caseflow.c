/*
 * caseflow_run on small case logs written to temporary files.
 *
 * - The order of the rows does not matter: a random log of 300 cases
 *   (timeline problems, side steps, bad rows and all) sorted by case id,
 *   shuffled, or split over two files gives the same summary bytes,
 *   unsorted or --sorted; the per-case rows with --as-of are the same
 *   unsorted and --sorted.
 * - The counts add up: read = applied + rejected + after_as_of and
 *   cases = closed + open + cancelled.
 * - Errors: an unknown stage, --sorted input out of order (also past the
 *   first batch and in a second file), a missing --by column, rules in
 *   working time without a calendar; numeric ids under --sorted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "caseflow/caseflow.h"
#include "core/stats.h"
#include "../t.h"

void suite_caseflow(void);


/* ---- files in, files out ---- */


/* A new string t_dir()/name (caller frees). */
static char *
tmp_path(const char *name)
{
	char p[600];

	snprintf(p, sizeof p, "%s/%s", t_dir(), name);
	return strdup(p);
}

/* Write text to t_dir()/name; the path (caller frees). */
static char *
put_file(const char *name, const char *text, size_t len)
{
	return strdup(t_file(name, text, len));
}

/*
 * Run caseflow over files[0..n-1] with the output (and, if rejname is
 * set, the rejects) in temporary files.  Returns caseflow_run's status;
 * *out gets the output text (caller frees), *rej the rejects if asked.
 */
static int
run(const struct caseflow_opts *o, char *const *files, int n,
    const char *rejname, char **out, char **rej,
    struct caseflow_stats *st, struct err *e)
{
	static int seq;
	char name[64], *op, *rp = NULL;
	struct csvw *w, *rw = NULL;
	struct err e2;
	int rc;

	snprintf(name, sizeof name, "out%d.csv", ++seq);
	op = tmp_path(name);
	e->kind = ERR_NONE;
	e->msg[0] = '\0';
	w = csvw_open(op, &e2);
	if (rejname != NULL) {
		rp = tmp_path(rejname);
		rw = csvw_open(rp, &e2);
	}
	if (w == NULL || (rejname != NULL && rw == NULL)) {
		t_report(0, __FILE__, __LINE__, "csvw_open: %s", e2.msg);
		exit(1);
	}
	rc = caseflow_run(o, files, n, w, rw, st, e);
	if (csvw_close(w, &e2) < 0 || csvw_close(rw, &e2) < 0)
		t_report(0, __FILE__, __LINE__, "csvw_close: %s", e2.msg);
	*out = t_slurp(op, NULL);
	if (rej != NULL)
		*rej = rp ? t_slurp(rp, NULL) : NULL;
	free(op);
	free(rp);
	return rc;
}

/* Lines in a text. */
static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += *s == '\n';
	return n;
}

/* Does s start with prefix? */
static int
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A run that must succeed; its message if it does not. */
#define RUN_OK(call, e) do { \
	int t_rc = (call); \
	t_report(t_rc == 0, __FILE__, __LINE__, "%s gave %d: %s", #call, \
	    t_rc, t_rc ? (e).msg : ""); \
} while (0)

/* Options for the tests: defaults, UTC. */
static void
opts(struct caseflow_opts *o)
{
	caseflow_opts_init(o);
	time_opts_init(&o->time, NULL, "UTC");
}

/* ---- a random case log ---- */

struct step {
	char id[32];
	const char *stage;
	char at[64];
	const char *dist;
	unsigned seq;   /* place in the generated order, to sort stably */
	unsigned shuf;  /* a random key, to shuffle */
};

struct log {
	struct step *s;
	size_t n, cap;
};

/* 2024-01-01T00:00:00Z, the earliest report of the random logs. */
#define BASE 1704067200LL
#define DAY 86400L

/* An ISO time in one of the forms the readers take. */
static void
iso(char *buf, size_t cap, int64_t t)
{
	static const char *const sfx[] = {"", "", "", "", "", "", "Z",
	    "+08:00", "", ""};
	int style = (int)t_rand_int(0, 9);
	time_t tt = (time_t)(t + (style == 7 ? 28800 : 0));
	struct tm tm;

	gmtime_r(&tt, &tm);
	snprintf(buf, cap, "%04d-%02d-%02d%c%02d:%02d:%02d%s",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    style == 8 || style == 9 ? ' ' : 'T', tm.tm_hour, tm.tm_min,
	    tm.tm_sec, sfx[style]);
}

static void
add(struct log *L, const char *id, const char *stage, int64_t t,
    const char *dist)
{
	struct step *s;

	if (L->n == L->cap) {
		L->cap = L->cap ? 2 * L->cap : 256;
		L->s = realloc(L->s, L->cap * sizeof *L->s);
		if (L->s == NULL)
			exit(1);
	}
	s = &L->s[L->n];
	snprintf(s->id, sizeof s->id, "%s", id);
	s->stage = stage;
	iso(s->at, sizeof s->at, t);
	/* One row in five leaves the group value out: the case takes the
	 * first non-empty one, which is the same whatever the order. */
	s->dist = t_rand_int(0, 4) == 0 ? "" : dist;
	s->seq = (unsigned)L->n;
	s->shuf = (unsigned)t_rand();
	L->n++;
}

/*
 * One case: mostly the whole chain, some open at any stage, some
 * cancelled, some with a close before the report, no report, two closes
 * or two reports, and side steps (rework, extension, suspension, a
 * dispatch sent back).  Stage words in English (any case) or Chinese.
 */
static void
gen_case(struct log *L, int i)
{
	static const char *const dists[] = {"东城区", "Hai, Dian", "north"};
	const char *d = dists[t_rand_int(0, 2)];
	char id[32];
	int num = (i * 137 + 11) % 1000;  /* distinct, not in order */
	int64_t t0 = BASE + t_rand_int(0, 150 * DAY), tf, td, th, tc;
	long r = t_rand_int(0, 99);
	int depth = 4;

	if (i % 17 == 0)
		snprintf(id, sizeof id, "案件%03d", num);
	else if (i % 5 == 0)
		snprintf(id, sizeof id, "district-case-%06d", num);
	else
		snprintf(id, sizeof id, "C%03d", num);
	tf = t0 + t_rand_int(0, 4 * 3600);
	td = t_rand_int(0, 4) == 0 ? tf : tf + t_rand_int(60, 8 * 3600);
	th = td + t_rand_int(0, 2 * DAY);
	tc = th + t_rand_int(0, 3 * DAY);
	if (r >= 60 && r < 80)
		depth = (int)t_rand_int(0, 3);  /* still open */
	if (r >= 5)
		add(L, id, t_rand_int(0, 9) ? "report" : "上报", t0, d);
	if (r >= 24 && r < 27)
		add(L, id, "Report", t0 + t_rand_int(0, 3600), d);
	if (depth >= 1)
		add(L, id, "file", tf, d);
	if (depth >= 2)
		add(L, id, t_rand_int(0, 9) ? "dispatch" : "派遣", td, d);
	if (depth >= 3)
		add(L, id, "handle", th, d);
	if (r >= 5 && r < 13) {
		add(L, id, "cancel", tf + t_rand_int(0, DAY), d);
		if (r == 12)
			add(L, id, "close", tc, d);  /* closed and cancelled */
		return;
	}
	if (depth >= 4) {
		if (r >= 13 && r < 19)
			tc = t0 - t_rand_int(60, DAY);  /* close before report */
		add(L, id, t_rand_int(0, 9) ? "close" : "结案", tc, d);
		if (r >= 19 && r < 24)
			add(L, id, "CLOSE", tc + t_rand_int(0, DAY), d);
	}
	if (t_rand_int(0, 99) < 15 && depth >= 3) {
		add(L, id, "rework", th + 600, d);
		add(L, id, "handle", th + 1200, d);
	}
	if (t_rand_int(0, 99) < 10)
		add(L, id, "extend", t0 + t_rand_int(0, DAY), d);
	if (t_rand_int(0, 99) < 15) {
		int64_t ts = t0 + t_rand_int(0, 2 * DAY);
		add(L, id, "suspend", ts, d);
		if (t_rand_int(0, 9) < 7)
			add(L, id, t_rand_int(0, 1) ? "resume" : "恢复",
			    ts + t_rand_int(0, DAY), d);
	}
	if (t_rand_int(0, 99) < 10 && depth >= 2) {
		add(L, id, "return", td + 300, d);
		add(L, id, "dispatch", td + 900, d);
	}
}

static int
by_id(const void *a, const void *b)
{
	const struct step *p = a, *q = b;
	int c = strcmp(p->id, q->id);

	if (c != 0)
		return c;
	return (p->seq > q->seq) - (p->seq < q->seq);
}

static int
by_shuffle(const void *a, const void *b)
{
	const struct step *p = a, *q = b;

	if (p->shuf != q->shuf)
		return p->shuf < q->shuf ? -1 : 1;
	return (p->seq > q->seq) - (p->seq < q->seq);
}

/* Append one CSV field, quoted when it must be. */
static void
field(struct buf *b, const char *s, int last)
{
	if (strpbrk(s, ",\"\n") != NULL) {
		buf_append(b, "\"", 1);
		for (; *s; s++) {
			if (*s == '"')
				buf_append(b, "\"", 1);
			buf_append(b, s, 1);
		}
		buf_append(b, "\"", 1);
	} else {
		buf_append(b, s, strlen(s));
	}
	buf_append(b, last ? "\n" : ",", 1);
}

/*
 * The log as CSV, rows from..to-1, with a header.  bad gives each row's
 * chance in 1000 of being spoilt (an unknown stage, an impossible time,
 * an empty id or a missing field), decided by the row's shuffle key so
 * that the same rows are bad in every order.
 */
static char *
log_csv(const struct log *L, size_t from, size_t to, int bad, size_t *len)
{
	struct buf b = {0};
	size_t i;

	buf_append(&b, "case_id,stage,at,district\n", 26);
	for (i = from; i < to; i++) {
		const struct step *s = &L->s[i];
		unsigned k = s->shuf >> 8;
		if (bad && k % 1000 < (unsigned)bad) {
			switch (k / 1000 % 4) {
			case 0:
				field(&b, s->id, 0);
				field(&b, "approve", 0);
				field(&b, s->at, 0);
				field(&b, s->dist, 1);
				break;
			case 1:
				field(&b, s->id, 0);
				field(&b, s->stage, 0);
				field(&b, "2024-02-30T08:00:00", 0);
				field(&b, s->dist, 1);
				break;
			case 2:
				field(&b, "", 0);
				field(&b, s->stage, 0);
				field(&b, s->at, 0);
				field(&b, s->dist, 1);
				break;
			default:
				field(&b, s->id, 0);
				field(&b, s->stage, 0);
				field(&b, s->at, 1);
				break;
			}
			continue;
		}
		field(&b, s->id, 0);
		field(&b, s->stage, 0);
		field(&b, s->at, 0);
		field(&b, s->dist, 1);
	}
	*len = b.len;
	return b.data;
}

static int
same_stats(const struct caseflow_stats *a, const struct caseflow_stats *b)
{
	return a->read == b->read && a->applied == b->applied &&
	    a->rejected == b->rejected && a->after_as_of == b->after_as_of &&
	    a->cases == b->cases && a->closed == b->closed &&
	    a->open == b->open && a->cancelled == b->cancelled &&
	    a->invalid == b->invalid && a->written == b->written &&
	    a->as_of == b->as_of;
}

/* The counts add up. */
#define RECONCILES(st) do { \
	CHECK_INT((st).read, (st).applied + (st).rejected + \
	    (st).after_as_of); \
	CHECK_INT((st).cases, (st).closed + (st).open + (st).cancelled); \
} while (0)

/*
 * The lines after the first, sorted (to compare sets of rows), each cut
 * before cut if it holds it.
 */
static int
cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
sorted_body(const char *text, const char *cut)
{
	char *copy = strdup(text), *p, **lines = NULL;
	size_t n = 0, i;
	struct buf b = {0};

	for (p = strchr(copy, '\n'); p && p[1]; p = strchr(p + 1, '\n')) {
		lines = realloc(lines, (n + 1) * sizeof *lines);
		lines[n++] = p + 1;
	}
	for (p = copy; (p = strchr(p, '\n')) != NULL; p++)
		*p = '\0';
	for (i = 0; cut && i < n; i++)
		if ((p = strstr(lines[i], cut)) != NULL)
			*p = '\0';
	qsort(lines, n, sizeof *lines, cmp_line);
	for (i = 0; i < n; i++) {
		buf_append(&b, lines[i], strlen(lines[i]));
		buf_append(&b, "\n", 1);
	}
	buf_append(&b, "", 1);
	free(lines);
	free(copy);
	return b.data;
}

/*
 * The same random log in several orders gives the same bytes.  bad is
 * the share (per 1000) of spoilt rows, sent to a reject file.
 */
static void
order_does_not_matter(int bad)
{
	struct log L = {0};
	struct caseflow_opts o;
	struct caseflow_stats sa, sb, sc, sd, se, sf;
	struct err e;
	char *by[] = {"district"};
	char *fa, *fb, *fa1, *fa2, *fb1, *fb2, *text, *split[2];
	char *oa = NULL, *ob = NULL, *oc = NULL, *od = NULL, *oe = NULL;
	char *of = NULL, *ra = NULL, *rb = NULL, *x, *y;
	size_t len, cut;
	const char *rej = bad ? "rej.csv" : NULL;
	int i;

	t_seed(300 + (uint64_t)bad);
	for (i = 0; i < 300; i++)
		gen_case(&L, i);
	CHECK(L.n > 1200);  /* many steps: several batches of the reader */

	/* (a) ordered by case id, (b) shuffled; each also cut in two. */
	qsort(L.s, L.n, sizeof *L.s, by_id);
	text = log_csv(&L, 0, L.n, bad, &len);
	fa = put_file("a.csv", text, len);
	free(text);
	cut = L.n / 2 + 7;  /* most likely inside a case */
	text = log_csv(&L, 0, cut, bad, &len);
	fa1 = put_file("a1.csv", text, len);
	free(text);
	text = log_csv(&L, cut, L.n, bad, &len);
	fa2 = put_file("a2.csv", text, len);
	free(text);
	qsort(L.s, L.n, sizeof *L.s, by_shuffle);
	text = log_csv(&L, 0, L.n, bad, &len);
	fb = put_file("b.csv", text, len);
	free(text);
	text = log_csv(&L, 0, 1000, bad, &len);
	fb1 = put_file("b1.csv", text, len);
	free(text);
	text = log_csv(&L, 1000, L.n, bad, &len);
	fb2 = put_file("b2.csv", text, len);
	free(text);

	/* The summary by district and month. */
	opts(&o);
	o.by = by;
	o.nby = 1;
	o.period = PERIOD_MONTH;
	RUN_OK(run(&o, &fa, 1, rej, &oa, &ra, &sa, &e), e);
	RUN_OK(run(&o, &fb, 1, rej, &ob, &rb, &sb, &e), e);
	split[0] = fb1;
	split[1] = fb2;
	/* Without a reject file the first bad row stops a run. */
	if (bad) {
		CHECK_INT(run(&o, split, 2, NULL, &od, NULL, &sd, &e), -1);
		CHECK(e.kind == ERR_DATA && starts(e.msg, fb1));
	} else {
		RUN_OK(run(&o, split, 2, NULL, &od, NULL, &sd, &e), e);
	}
	o.sorted = 1;
	RUN_OK(run(&o, &fa, 1, rej, &oc, NULL, &sc, &e), e);
	/* --sorted over two files, a case going on from one to the next. */
	split[0] = fa1;
	split[1] = fa2;
	RUN_OK(run(&o, split, 2, rej, &oe, NULL, &se, &e), e);
	if (oa && ob && oc && oe) {
		t_report(strcmp(oa, ob) == 0, __FILE__, __LINE__, "summary: "
		    "sorted and shuffled input differ (bad %d):\n%s---\n%s",
		    bad, oa, ob);
		t_report(strcmp(oa, oc) == 0, __FILE__, __LINE__, "summary: "
		    "unsorted and --sorted differ (bad %d):\n%s---\n%s",
		    bad, oa, oc);
		t_report(strcmp(oa, oe) == 0, __FILE__, __LINE__, "summary: "
		    "one file and two differ under --sorted (bad %d)", bad);
		/* 3 districts (and maybe none) times 5 months. */
		CHECK(count_lines(oa) >= 16 && count_lines(oa) <= 25);
		CHECK(starts(oa, "district,period,received,filed,"));
		CHECK(strstr(oa, "\n\"Hai, Dian\",2024-03,") != NULL);
		CHECK(strstr(oa, "\n东城区,2024-05,") != NULL);
	}
	if (!bad && od)
		CHECK_STR(od, oa);
	CHECK(same_stats(&sa, &sb));
	CHECK(same_stats(&sa, &sc));
	CHECK(same_stats(&sa, &se));
	RECONCILES(sa);
	RECONCILES(sc);
	CHECK_INT(sa.read, L.n);
	CHECK_INT(sa.after_as_of, 0);
	CHECK(sa.invalid > 20 && sa.open > 20 && sa.cancelled > 10 &&
	    sa.closed > 100);
	/* The rejects: the same rows, each in its file's order. */
	if (bad) {
		char cutat[600];
		CHECK(sa.rejected > 5);
		CHECK_INT(count_lines(ra), sa.rejected + 1);
		if (ra && rb) {
			/* Less the error column, whose messages name
			 * a.csv or b.csv and their lines. */
			snprintf(cutat, sizeof cutat, ",\"%s/", t_dir());
			x = sorted_body(ra, cutat);
			y = sorted_body(rb, cutat);
			CHECK_STR(x, y);
			free(x);
			free(y);
		}
	} else {
		CHECK_INT(sa.rejected, 0);
		CHECK_INT(sa.cases, 300);
		CHECK(same_stats(&sa, &sd));
	}

	/* One row per case, as of a moment in the middle: what comes
	 * later has not happened yet.  Unsorted and --sorted give the same
	 * bytes (the rows come in id order both ways); shuffled input the
	 * same rows in another order. */
	free(oa);
	free(ob);
	free(oc);
	oa = ob = oc = NULL;
	opts(&o);
	o.by = by;
	o.nby = 1;
	o.cases = 1;
	o.as_of = (double)(BASE + 75 * DAY) + 0.5;
	o.as_of_set = 1;
	RUN_OK(run(&o, &fa, 1, rej, &oa, NULL, &sa, &e), e);
	RUN_OK(run(&o, &fb, 1, rej, &ob, NULL, &sb, &e), e);
	o.sorted = 1;
	RUN_OK(run(&o, &fa, 1, rej, &oc, NULL, &sc, &e), e);
	split[0] = fa1;
	split[1] = fa2;
	RUN_OK(run(&o, split, 2, rej, &of, NULL, &sf, &e), e);
	if (oa && ob && oc && of) {
		t_report(strcmp(oa, oc) == 0, __FILE__, __LINE__, "--cases: "
		    "unsorted and --sorted differ (bad %d)", bad);
		t_report(strcmp(oc, of) == 0, __FILE__, __LINE__, "--cases: "
		    "one file and two differ under --sorted (bad %d)", bad);
		x = sorted_body(oa, NULL);
		y = sorted_body(ob, NULL);
		CHECK_STR(x, y);
		free(x);
		free(y);
		CHECK(starts(oa, "case_id,district,reported_at,filed_at,"));
		CHECK_INT(count_lines(oa), sa.cases + 1);
	}
	CHECK(same_stats(&sa, &sb));
	CHECK(same_stats(&sa, &sc));
	CHECK(same_stats(&sa, &sf));
	RECONCILES(sa);
	RECONCILES(sc);
	CHECK(sa.after_as_of > 100);  /* about half the steps */
	CHECK(sa.cases < 300);        /* cases reported later are not yet */
	CHECK_INT(sa.written, sa.cases);
	CHECK_DBL(sa.as_of, o.as_of, 0);

	free(oa);
	free(ob);
	free(oc);
	free(od);
	free(oe);
	free(of);
	free(ra);
	free(rb);
	free(fa);
	free(fb);
	free(fa1);
	free(fa2);
	free(fb1);
	free(fb2);
	free(L.s);
}

/* ---- the reconciliation on a log worked out by hand ---- */

static void
reconciliation(void)
{
	static const char text[] =
	    "case_id,stage,at,district\n"
	    "A,report,2024-03-01T08:00:00,east\n"
	    "A,close,2024-03-02T08:00:00,east\n"
	    "B,report,2024-03-01T09:00:00,west\n"
	    "B,approve,2024-03-01T10:00:00,west\n"   /* unknown stage */
	    "B,close,yesterday,west\n"               /* not a time */
	    ",report,2024-03-01T09:00:00,west\n"     /* no case id */
	    "C,report,2024-03-01T10:00:00\n"         /* a field short */
	    "C,report,2024-03-01T10:00:00,east\n"
	    "C,cancel,2024-03-01T11:00:00,east\n"
	    "D,report,2024-03-05T10:00:00,west\n"
	    "D,close,2024-03-20T10:00:00,west\n"     /* after --as-of */
	    "E,report,2024-03-20T10:00:00,east\n"    /* after --as-of */
	    "E,close,2024-04-01 10:00:00,east\n";    /* after --as-of */
	struct caseflow_opts o;
	struct caseflow_stats st, st2;
	struct err e;
	char *path = put_file("recon.csv", text, sizeof text - 1);
	char *out = NULL, *out2 = NULL, *rej = NULL, want[1200];
	int sorted;

	for (sorted = 0; sorted < 2; sorted++) {
		opts(&o);
		o.sorted = sorted;
		o.as_of = 1710028800;  /* 2024-03-10T00:00:00Z */
		o.as_of_set = 1;
		CHECK_INT(run(&o, &path, 1, "recon-rej.csv", &out, &rej, &st,
		    &e), 0);
		CHECK_INT(st.read, 13);
		CHECK_INT(st.rejected, 4);
		CHECK_INT(st.after_as_of, 3);
		CHECK_INT(st.applied, 6);
		RECONCILES(st);
		/* A closed, B and D open (D's close comes later), C
		 * cancelled; E is not a case yet. */
		CHECK_INT(st.cases, 4);
		CHECK_INT(st.closed, 1);
		CHECK_INT(st.open, 2);
		CHECK_INT(st.cancelled, 1);
		CHECK_INT(st.invalid, 0);
		CHECK_INT(st.written, 1);
		CHECK_INT(count_lines(rej), 5);
		snprintf(want, sizeof want, "case_id,stage,at,district,error,"
		    "line\n"
		    "B,approve,2024-03-01T10:00:00,west,\"%s:5: column "
		    "\"\"stage\"\": \"\"approve\"\" is not a stage",
		    path);
		CHECK(rej && starts(rej, want));
		snprintf(want, sizeof want, "\nB,close,yesterday,west,\"%s:6: "
		    "column \"\"at\"\": \"\"yesterday\"\" is not an ISO 8601 "
		    "time\",6\n", path);
		CHECK(rej && strstr(rej, want) != NULL);
		/* One group; A closed in 24 h. */
		CHECK(out && starts(out, "received,filed,filing_rate,"));
		CHECK(out && starts(strchr(out, '\n') + 1, "4,0,0,0,"));
		free(out);
		free(rej);
		out = rej = NULL;
	}

	/* Without --as-of it is the latest time read (2024-04-01T10:00Z):
	 * nothing is after it, D and E are closed. */
	opts(&o);
	RUN_OK(run(&o, &path, 1, "recon-rej2.csv", &out, NULL, &st, &e), e);
	CHECK_INT(st.after_as_of, 0);
	CHECK_INT(st.applied, 9);
	CHECK_INT(st.cases, 5);
	CHECK_INT(st.closed, 3);
	CHECK_INT(st.open, 1);
	CHECK_DBL(st.as_of, 1711965600, 0);
	RECONCILES(st);
	o.sorted = 1;
	CHECK_INT(run(&o, &path, 1, "recon-rej3.csv", &out2, NULL, &st2, &e),
	    0);
	CHECK(same_stats(&st, &st2));
	if (out && out2)
		CHECK_STR(out, out2);
	free(out);
	free(out2);
	free(path);
}

/* ---- errors ---- */

static void
errors(void)
{
	static const char stage_text[] = "case_id,stage,at\n"
	    "A,report,2024-03-01T08:00:00\n"
	    "A,approve,2024-03-01T09:00:00\n";
	static const char by_text[] = "case_id,stage,at,district\n"
	    "A,report,2024-03-01T08:00:00,east\n";
	static const char order_text[] = "case_id,stage,at\n"
	    "b,report,2024-03-01T08:00:00\n"
	    "a,report,2024-03-01T09:00:00\n";
	struct caseflow_opts o;
	struct caseflow_stats st;
	struct rules rs = {0};
	struct err e;
	char *by[] = {"district", "zone"};
	char *path, *path2, *out = NULL, want[1200], *files[2];
	struct buf big = {0};
	int i, sorted;

	/* An unknown stage stops the run, either mode, naming the line. */
	path = put_file("stage.csv", stage_text, sizeof stage_text - 1);
	for (sorted = 0; sorted < 2; sorted++) {
		opts(&o);
		o.sorted = sorted;
		CHECK_INT(run(&o, &path, 1, NULL, &out, NULL, &st, &e), -1);
		CHECK_INT(e.kind, ERR_DATA);
		snprintf(want, sizeof want, "%s:3: column \"stage\": "
		    "\"approve\" is not a stage (report, ", path);
		t_report(starts(e.msg, want), __FILE__, __LINE__,
		    "message \"%s\"", e.msg);
		free(out);
		out = NULL;
	}
	free(path);

	/* --sorted input out of order. */
	path = put_file("order.csv", order_text, sizeof order_text - 1);
	opts(&o);
	o.sorted = 1;
	CHECK_INT(run(&o, &path, 1, NULL, &out, NULL, &st, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	snprintf(want, sizeof want, "%s:3: --sorted input must be ordered by "
	    "case id: \"a\" comes after \"b\"", path);
	CHECK_STR(e.msg, want);
	free(out);
	out = NULL;
	/* The same input is fine without --sorted. */
	o.sorted = 0;
	RUN_OK(run(&o, &path, 1, NULL, &out, NULL, &st, &e), e);
	CHECK_INT(st.cases, 2);
	free(out);
	out = NULL;

	/* Far into the input (past the first batches), the line is still
	 * the right one; and in a second file, the name is that file's. */
	buf_append(&big, "case_id,stage,at\n", 17);
	for (i = 0; i < 1000; i++) {
		char row[80];
		int n = snprintf(row, sizeof row, "K%04d,report,"
		    "2024-03-01T08:00:00\n", i == 700 ? 650 : i);
		buf_append(&big, row, (size_t)n);
	}
	path2 = put_file("order-big.csv", big.data, big.len);
	o.sorted = 1;
	CHECK_INT(run(&o, &path2, 1, NULL, &out, NULL, &st, &e), -1);
	snprintf(want, sizeof want, "%s:702: --sorted input must be ordered "
	    "by case id: \"K0650\" comes after \"K0699\"", path2);
	CHECK_STR(e.msg, want);
	free(out);
	out = NULL;
	free(path2);
	big.len = 0;
	buf_append(&big, "case_id,stage,at\n", 17);
	for (i = 0; i < 300; i++) {
		char row[80];
		int n = snprintf(row, sizeof row, "K%04d,report,"
		    "2024-03-01T08:00:00\n", i);
		buf_append(&big, row, (size_t)n);
	}
	path2 = put_file("order-1.csv", big.data, big.len);
	files[0] = path2;
	files[1] = path;  /* b, then a */
	CHECK_INT(run(&o, files, 2, NULL, &out, NULL, &st, &e), -1);
	snprintf(want, sizeof want, "%s:3: --sorted input must be ordered by "
	    "case id: \"a\" comes after \"b\"", path);
	CHECK_STR(e.msg, want);
	free(out);
	out = NULL;
	/* K0299 then b is in order, b then a is not: the first row of the
	 * second file is fine. */
	free(path2);
	free(big.data);

	/* A --by column that is not there. */
	opts(&o);
	o.by = by;
	o.nby = 2;
	path2 = put_file("by.csv", by_text, sizeof by_text - 1);
	CHECK_INT(run(&o, &path2, 1, NULL, &out, NULL, &st, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	snprintf(want, sizeof want, "%s: no column \"zone\"; the header is: "
	    "case_id,stage,at,district", path2);
	CHECK_STR(e.msg, want);
	free(out);
	out = NULL;

	/* Rules in working hours (or days) need a calendar. */
	{
		static const char rules_wh[] = "category,stage,limit,unit\n"
		    "*,close,8,wh\n";
		static const char rules_h[] = "category,stage,limit,unit\n"
		    "*,close,48,h\n*,dispatch,1,h\n";
		static const char cat_text[] = "case_id,stage,at,category\n"
		    "A,report,2024-03-01T08:00:00,x\n"
		    "A,close,2024-03-04T08:00:00,x\n";
		char *cp = put_file("cat.csv", cat_text, sizeof cat_text - 1);

		CHECK_INT(rules_load(&rs, t_file("rules-wh.csv", rules_wh,
		    sizeof rules_wh - 1), &e), 0);
		opts(&o);
		o.rules = &rs;
		CHECK_INT(run(&o, &cp, 1, NULL, &out, NULL, &st, &e), -1);
		CHECK_INT(e.kind, ERR_USAGE);
		CHECK_STR(e.msg, "rules in working hours or days (wh, wd) need "
		    "--calendar (an empty CSV calendar means weekends only)");
		free(out);
		out = NULL;
		rules_free(&rs);
		memset(&rs, 0, sizeof rs);
		/* Clock hours need none: A closed after 72 h, 24 h late;
		 * it was never dispatched, but closed, so no stage is late. */
		CHECK_INT(rules_load(&rs, t_file("rules-h.csv", rules_h,
		    sizeof rules_h - 1), &e), 0);
		o.cases = 1;
		RUN_OK(run(&o, &cp, 1, NULL, &out, NULL, &st, &e), e);
		CHECK_STR(out, "case_id,reported_at,filed_at,dispatched_at,"
		    "handled_at,feedback_at,verified_at,closed_at,due_at,"
		    "status,close_h,on_time,overdue,rework,late,issues\n"
		    "A,2024-03-01T08:00:00+00:00,,,,,,2024-03-04T08:00:00+00:00,"
		    "2024-03-03T08:00:00+00:00,closed,72,no,,0,,\n");
		free(out);
		out = NULL;
		rules_free(&rs);
		free(cp);
	}
	free(path);
	free(path2);
}

/* Ids under --sorted: numbers by value, other ids bytewise. */
static int
sorted_ids(const char *name, const char *ids, struct caseflow_stats *st,
    struct err *e)
{
	struct caseflow_opts o;
	struct buf b = {0};
	const char *p = ids;
	char *path, *out = NULL;
	int rc;

	buf_append(&b, "case_id,stage,at\n", 17);
	while (*p) {
		size_t n = strcspn(p, " ");
		buf_append(&b, p, n);
		buf_append(&b, ",report,2024-03-01T08:00:00\n", 28);
		p += n;
		p += *p == ' ';
	}
	path = put_file(name, b.data, b.len);
	opts(&o);
	o.sorted = 1;
	rc = run(&o, &path, 1, NULL, &out, NULL, st, e);
	free(out);
	free(path);
	free(b.data);
	return rc;
}

static void
numeric_ids(void)
{
	struct caseflow_stats st;
	struct err e;
	char *out = NULL;

	/* 9 before 10 by value, though not bytewise. */
	CHECK_INT(sorted_ids("n1.csv", "9 10 10 11 100", &st, &e), 0);
	CHECK_INT(st.cases, 4);
	CHECK_INT(sorted_ids("n2.csv", "007 10 0011", &st, &e), 0);
	CHECK_INT(st.cases, 3);
	/* 10 before 9 is bytewise order (sort with LC_ALL=C): accepted; but
	 * then 11 is in neither order. */
	CHECK_INT(sorted_ids("n3.csv", "10 9", &st, &e), 0);
	CHECK_INT(sorted_ids("n3b.csv", "10 9 11", &st, &e), -1);
	CHECK(strstr(e.msg, "\"11\" comes after \"9\"") != NULL);
	/* 7 and 007 are equal by value: 007 first, bytewise. */
	CHECK_INT(sorted_ids("n3c.csv", "007 7 8", &st, &e), 0);
	CHECK_INT(st.cases, 3);
	/* Other ids bytewise: a before b, Z before a, a before ab. */
	CHECK_INT(sorted_ids("n4.csv", "A Z a ab b", &st, &e), 0);
	CHECK_INT(st.cases, 5);
	CHECK_INT(sorted_ids("n5.csv", "b a", &st, &e), -1);
	CHECK(strstr(e.msg, "\"a\" comes after \"b\"") != NULL);
	CHECK_INT(sorted_ids("n6.csv", "ab a", &st, &e), -1);

	/*
	 * Mixing the numeric and the bytewise order must not pass: 9 < 10 by
	 * value, 10 < 1a and 1a < 9 bytewise, so a check of each row against
	 * the one above alone would let case 9 come back and be split in
	 * two.  The input must keep one order throughout: refused.
	 */
	{
		static const char text[] = "case_id,stage,at\n"
		    "9,report,2024-03-01T08:00:00\n"
		    "10,report,2024-03-01T08:00:00\n"
		    "1a,report,2024-03-01T08:00:00\n"
		    "9,close,2024-03-02T08:00:00\n";
		struct caseflow_opts o;
		char *path = put_file("mixed.csv", text, sizeof text - 1);
		int rc;

		opts(&o);
		RUN_OK(run(&o, &path, 1, NULL, &out, NULL, &st, &e), e);
		CHECK_INT(st.cases, 3);  /* unsorted: right */
		free(out);
		out = NULL;
		o.sorted = 1;
		rc = run(&o, &path, 1, NULL, &out, NULL, &st, &e);
		CHECK_INT(rc, -1);
		CHECK(strstr(e.msg, "\"9\" comes after \"1a\"") != NULL);
		free(out);
		free(path);
	}
}

void
suite_caseflow(void)
{
	stats_init();
	order_does_not_matter(0);
	order_does_not_matter(20);
	reconciliation();
	errors();
	numeric_ids();
}
