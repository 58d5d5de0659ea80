/*
 * partscore_run, population_load and committee_run on small files
 * written to temporary files.
 *
 * - The order of the events does not matter: a random file of 400 events
 *   (bad rows, staff events, unanswered ones and all), shuffled, or split
 *   over two files, gives the same bytes, in the table of areas and in
 *   the inequality table.
 * - The counts add up: read = rejected + after_as_of + outside + events
 *   + staff_events.
 * - The population file's errors: an area twice, a negative count, a
 *   sub-population larger than the population, some --by columns but not
 *   all; and a column of names is no sub-population.
 * - A committee's rule is decided on whole counts (3 of 6 is half).
 * - Many participants moving between areas: 60,000 events, so that the
 *   event ring and the batches of ended streaks fill many times over,
 *   give every area the participants, top-10% share and Gini computed
 *   here by formula from the events themselves.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvw.h"
#include "core/num.h"
#include "partscore/committee.h"
#include "partscore/partscore.h"
#include "partscore/population.h"
#include "../t.h"

void suite_partscore(void);

/* Run over files[0..n-1]; the output text (caller frees) or NULL. */
static char *
run(const struct partscore_opts *o, char *const *files, int n, int reject,
    struct partscore_stats *st, struct err *e)
{
	static int seq;
	char name[64], rname[64];
	const char *op, *rp = NULL;
	char *opath, *rpath = NULL, *text;
	struct csvw *w, *rw = NULL;
	struct err e2;
	int rc;

	snprintf(name, sizeof name, "ps-out%d.csv", ++seq);
	op = t_file(name, "", 0);
	opath = strdup(op);
	if (reject) {
		snprintf(rname, sizeof rname, "ps-rej%d.csv", seq);
		rp = t_file(rname, "", 0);
		rpath = strdup(rp);
	}
	w = csvw_open(opath, &e2);
	if (reject)
		rw = csvw_open(rpath, &e2);
	if (w == NULL || (reject && rw == NULL)) {
		t_report(0, __FILE__, __LINE__, "csvw_open: %s", e2.msg);
		exit(1);
	}
	rc = partscore_run(o, files, n, w, rw, st, e);
	if (csvw_close(w, &e2) < 0 || csvw_close(rw, &e2) < 0)
		t_report(0, __FILE__, __LINE__, "csvw_close: %s", e2.msg);
	text = rc == 0 ? t_slurp(opath, NULL) : NULL;
	free(opath);
	free(rpath);
	return text;
}

static const char *const channels[] = {"hotline", "web", "微信", "12345",
    "inspector", "app", "", "carrier pigeon"};
static const char *const levels[] = {"inform", "咨询", "3", "", "9",
    "collaborate"};

/* A random event line (some bad: an unknown channel or level, a level
 * outside the ladder, an area not in the population) into buf. */
static void
event_line(char *buf, size_t cap, int i)
{
	int day = (int)t_rand_int(1, 28), h = (int)t_rand_int(0, 23);
	int resp = (int)t_rand_int(-1, 100);
	char rb[40] = "";

	/* A response resp hours later, within March, or none. */
	if (resp >= 0) {
		long t = (long)day * 24 + h + resp;
		if (t / 24 <= 31)
			snprintf(rb, sizeof rb, "2024-03-%02ldT%02ld:00:00",
			    t / 24, t % 24);
	}
	snprintf(buf, cap, "%d,2024-03-%02dT%02d:00:00,a%ld,%s,%s,p%ld,%s,%s\n",
	    i, day, h, t_rand_int(0, 7), /* a7 is in no population */
	    channels[t_rand_int(0, 7) == 7 && t_rand_int(0, 2) ? 0 :
		t_rand_int(0, 7)],
	    levels[t_rand_int(0, 5)], t_rand_int(0, 60), rb,
	    t_rand_int(0, 2) == 0 ? "yes" : t_rand_int(0, 1) ? "no" : "");
}

static void
test_order(void)
{
	enum { N = 400 };
	static char lines[N][160];
	struct partscore_opts o;
	struct partscore_stats st, st2;
	struct ladder lad = {0};
	struct population pop = {0};
	struct buf a = {0}, b = {0}, c1 = {0}, c2 = {0};
	const char *head = "id,at,area,channel,level,participant,"
	    "responded_at,adopted\n";
	char *files[2], *x, *y, *z;
	struct err e = {0};
	int i, j, k;

	t_seed(11);
	for (i = 0; i < N; i++)
		event_line(lines[i], sizeof lines[i], i + 1);
	buf_append(&a, head, strlen(head));
	for (i = 0; i < N; i++)
		buf_append(&a, lines[i], strlen(lines[i]));
	/* Shuffled (Fisher-Yates on indices). */
	{
		int idx[N];
		for (i = 0; i < N; i++)
			idx[i] = i;
		for (i = N - 1; i > 0; i--) {
			j = (int)t_rand_int(0, i);
			k = idx[i];
			idx[i] = idx[j];
			idx[j] = k;
		}
		buf_append(&b, head, strlen(head));
		for (i = 0; i < N; i++)
			buf_append(&b, lines[idx[i]], strlen(lines[idx[i]]));
		buf_append(&c1, head, strlen(head));
		buf_append(&c2, head, strlen(head));
		for (i = 0; i < N; i++)
			buf_append(i < N / 3 ? &c1 : &c2, lines[idx[i]],
			    strlen(lines[idx[i]]));
	}
	CHECK(ladder_builtin(&lad, "iap2", &e) == 0);
	{
		const char *p = "area,population\na0,100\na1,200\na2,300\n"
		    "a3,400\na4,500\na5,600\na6,700\n";
		CHECK(population_load(&pop, t_file("ps-pop.csv", p, strlen(p)),
		    "area", NULL, NULL, 0, 0, &e) == 0);
	}
	partscore_opts_init(&o);
	o.ladder = &lad;
	o.pop = &pop;
	o.period = PERIOD_WEEK;
	files[0] = strdup(t_file("ps-a.csv", a.data, a.len));
	x = run(&o, files, 1, 1, &st, &e);
	free(files[0]);
	files[0] = strdup(t_file("ps-b.csv", b.data, b.len));
	y = run(&o, files, 1, 1, &st2, &e);
	free(files[0]);
	files[0] = strdup(t_file("ps-c1.csv", c1.data, c1.len));
	files[1] = strdup(t_file("ps-c2.csv", c2.data, c2.len));
	z = run(&o, files, 2, 1, &st2, &e);
	CHECK(x != NULL && y != NULL && z != NULL);
	CHECK(x && y && strcmp(x, y) == 0);
	CHECK(x && z && strcmp(x, z) == 0);
	CHECK_INT(st.read, N);
	CHECK_INT(st.read, st.rejected + st.after_as_of + st.outside +
	    st.events + st.staff_events);
	CHECK(st.rejected > 0 && st.staff_events > 0);
	/* a6 has no events: a row of zeros in every week seen. */
	CHECK(x && strstr(x, "\na6,") != NULL);
	free(x);
	free(y);
	free(z);
	/* The inequality table too. */
	o.inequality = 1;
	o.bootstrap = 50;
	x = run(&o, files, 2, 1, &st, &e);
	free(files[0]);
	files[0] = strdup(t_file("ps-b.csv", b.data, b.len));
	y = run(&o, files, 1, 1, &st2, &e);
	CHECK(x && y && strcmp(x, y) == 0);
	free(x);
	free(y);
	free(files[0]);
	free(files[1]);
	free(a.data);
	free(b.data);
	free(c1.data);
	free(c2.data);
	ladder_free(&lad);
	population_free(&pop);
}

/* population_load(text) fails, its message holding want. */
static void
pop_fails(const char *text, int subpop, char *const *by, int nby,
    const char *want)
{
	struct population p = {0};
	struct err e = {0};
	int rc;

	rc = population_load(&p, t_file("ps-badpop.csv", text, strlen(text)),
	    "area", NULL, by, nby, subpop, &e);
	CHECK(rc < 0);
	t_report(rc < 0 && strstr(e.msg, want) != NULL, __FILE__, __LINE__,
	    "message \"%s\" holds \"%s\"", e.msg, want);
	population_free(&p);
}

static void
test_population(void)
{
	struct population p = {0};
	struct err e = {0};
	char *by[] = {"district", "zone"};
	const char *ok = "area,population,district,migrant\nA,100,D1,10\n"
	    "B,50,D1,0\n";

	pop_fails("area,population\nA,1\nA,2\n", 0, NULL, 0,
	    ":3: area \"A\" is given twice");
	pop_fails("area,population\nA,-1\n", 0, NULL, 0,
	    "\"-1\" is not a number >= 0");
	pop_fails("area,population,migrant\nA,10,11\n", 1, NULL, 0,
	    "is more than the population");
	pop_fails("area,population,district\nA,10,D\n", 0, by, 2,
	    "some of the --by columns but not all");
	/* With --group, district (names) is no sub-population; migrant is. */
	CHECK(population_load(&p, t_file("ps-pop2.csv", ok, strlen(ok)),
	    "area", NULL, NULL, 0, 1, &e) == 0);
	CHECK_INT(p.nsub, 1);
	CHECK_STR(p.sub_names[0], "migrant");
	CHECK(p.bytuple == NULL);
	population_free(&p);
	/* The district column places the areas under --by district. */
	CHECK(population_load(&p, t_file("ps-pop2.csv", ok, strlen(ok)),
	    "area", NULL, by, 1, 0, &e) == 0);
	CHECK(p.bytuple != NULL && p.bytuple[0] == p.bytuple[1]);
	population_free(&p);
}

static void
test_committee(void)
{
	const char *text = "committee,member,kind\nK,a,public\nK,b,public\n"
	    "K,c,公众\nK,d,official\nK,e,官员\nK,f,政府\n";
	struct committee_stats st;
	struct csv_opts o = {.delim = ','};
	struct csvw *w;
	struct err e = {0};
	const char *path = t_file("ps-comm.csv", text, strlen(text));
	char *out, op[600];

	snprintf(op, sizeof op, "%s/ps-comm.out", t_dir());
	w = csvw_open(op, &e);
	CHECK(w != NULL);
	if (w == NULL)
		return;
	CHECK(committee_run(path, &o, 0, NUM_SHORTEST, w, &st, &e) == 0);
	CHECK(csvw_close(w, &e) == 0);
	out = t_slurp(op, NULL);
	/* 3 of 6: exactly half, which the rule allows. */
	CHECK(out && strstr(out, "\nK,6,3,3,0.5,yes,,,,,yes\n") != NULL);
	CHECK_INT(st.committees, 1);
	CHECK_INT(st.members, 6);
	free(out);
}

static int
cmp_desc_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x < y) - (x > y);
}

/* The value of column col in the output line of area (NULL: none). */
static double
out_value(const char *out, const char *area, const char *col, int *found)
{
	char key[32];
	const char *line, *h = out;
	size_t k = 0, i;

	*found = 0;
	/* The column's place in the header. */
	for (i = 0;; k++) {
		size_t n = strcspn(h + i, ",\n");
		if (n == strlen(col) && strncmp(h + i, col, n) == 0)
			break;
		if (h[i + n] != ',')
			return 0;
		i += n + 1;
	}
	snprintf(key, sizeof key, "\n%s,", area);
	if ((line = strstr(out, key)) == NULL)
		return 0;
	line++;
	for (i = 0; i < k; i++)
		line = strchr(line, ',') + 1;
	*found = 1;
	return strtod(line, NULL);
}

static void
test_many_streaks(void)
{
	enum { N = 60000, AREAS = 7, PARTS = 3000 };
	static uint32_t count[AREAS][PARTS];
	static uint32_t sorted[PARTS];
	struct partscore_opts o;
	struct partscore_stats st;
	struct ladder lad = {0};
	struct buf in = {0};
	const char *head = "id,at,area,channel,level,participant,"
	    "responded_at,adopted\n";
	char line[160], *files[1], *out;
	struct err e = {0};
	int i, a, p;

	t_seed(29);
	buf_append(&in, head, strlen(head));
	for (i = 0; i < N; i++) {
		/* Skewed: low ids take part far more often. */
		a = (int)t_rand_int(0, AREAS - 1);
		p = (int)t_rand_int(0, t_rand_int(0, PARTS - 1));
		count[a][p]++;
		snprintf(line, sizeof line, "%d,2024-03-%02dT10:00:00,a%d,web,"
		    "inform,p%d,,\n", i, 1 + i * 28 / N, a, p);
		buf_append(&in, line, strlen(line));
	}
	CHECK(ladder_builtin(&lad, "iap2", &e) == 0);
	partscore_opts_init(&o);
	o.ladder = &lad;
	files[0] = strdup(t_file("ps-many.csv", in.data, in.len));
	out = run(&o, files, 1, 0, &st, &e);
	CHECK(out != NULL);
	CHECK_INT(st.events, N);
	for (a = 0; out != NULL && a < AREAS; a++) {
		char name[8];
		double total = 0, top = 0, gini = 0, got;
		size_t n = 0, k, top_n;
		int found;

		for (p = 0; p < PARTS; p++)
			if (count[a][p] > 0) {
				sorted[n++] = count[a][p];
				total += count[a][p];
			}
		qsort(sorted, n, sizeof *sorted, cmp_desc_u32);
		/* top10_share: the ceil(0.1 n) most active participants. */
		top_n = (size_t)ceil(0.1 * (double)n);
		for (k = 0; k < top_n; k++)
			top += sorted[k];
		/* Gini, uncorrected: sum |x_i - x_j| / (2 n^2 mean); with
		 * x descending, sum over i < j of x_i - x_j, doubled. */
		for (k = 0; k < n; k++)
			gini += (double)sorted[k] * ((double)n - 1 - 2.0 * k);
		gini = 2 * gini / (2.0 * n * total);
		snprintf(name, sizeof name, "a%d", a);
		got = out_value(out, name, "participants", &found);
		CHECK(found);
		CHECK_INT((size_t)got, n);
		got = out_value(out, name, "events", &found);
		CHECK_INT((size_t)got, (size_t)total);
		got = out_value(out, name, "top10_share", &found);
		CHECK_DBL(got, top / total, 1e-12);
		got = out_value(out, name, "participant_gini", &found);
		CHECK_DBL(got, gini, 1e-12);
	}
	free(out);
	free(files[0]);
	free(in.data);
	ladder_free(&lad);
}

void
suite_partscore(void)
{
	test_order();
	test_many_streaks();
	test_population();
	test_committee();
}
