/* Charts: quoting, exact scripts, data kept out of the code, real gnuplot. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/chart.h"
#include "../t.h"

void suite_chart(void);

/* The script as a C string (the buffer gets a NUL past its length). */
static const char *
text(struct buf *b)
{
	if (buf_reserve(b, 1) < 0)
		return "(out of memory)";
	b->data[b->len] = '\0';
	return b->data;
}

/* chart_quote(s) as a new C string in a static buffer. */
static const char *
quoted(const char *s)
{
	static char out[512];
	struct buf b = {0};

	if (chart_quote(&b, s) < 0 || b.len >= sizeof out) {
		free(b.data);
		return "(failed)";
	}
	memcpy(out, b.data, b.len);
	out[b.len] = '\0';
	free(b.data);
	return out;
}

/*
 * The script with every string literal's contents taken out ('...' becomes
 * '', the quote "\047" becomes ""), so what is left is the code gnuplot
 * runs.  Single-quoted literals are scanned as gnuplot's scanner does: a
 * character that is not a quote followed by '' takes the '' in, any other
 * quote ends the literal.  Returns NULL if a literal is not closed on its
 * own line, or if a quote follows its end at once (gnuplot ended it early,
 * so the text would split into tokens).  Caller frees.
 */
static char *
code_only(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	if (out == NULL)
		return NULL;
	while (*s) {
		if (strncmp(s, "\"\\047\"", 6) == 0) {
			*o++ = '"';
			*o++ = '"';
			s += 6;
			continue;
		}
		if (*s != '\'') {
			*o++ = *s++;
			continue;
		}
		*o++ = '\'';
		for (s++; *s != '\''; s++) {
			if (*s == '\0' || *s == '\n') {
				free(out);
				return NULL;
			}
			if (s[1] == '\'' && s[2] == '\'')
				s += 2;
		}
		*o++ = '\'';
		s++;
		if (*s == '\'') {
			free(out);
			return NULL;
		}
	}
	*o = '\0';
	return out;
}

/* Every line between "<< EOD" and "EOD" holds numbers only. */
static int
blocks_numeric(const char *s)
{
	int in = 0;

	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		if (in && len == 3 && strncmp(s, "EOD", 3) == 0)
			in = 0;
		else if (in && (len == 0 || strspn(s, "0123456789.eE+- ") !=
		    len))
			return 0;
		else if (!in && len >= 6 && strncmp(s + len - 6, "<< EOD", 6)
		    == 0)
			in = 1;
		s += len + (nl != NULL);
	}
	return !in;
}

/* The script keeps data out of the code: literals close on their line,
 * no hostile word outside them, data blocks numeric. */
static void
check_inert(const char *script, const char *where)
{
	char *code = code_only(script);
	static const char *const bad[] = {
		"pwned", "system", "touch", "`", "北京", "EOD\nsystem",
	};
	size_t i;

	CHECK(code != NULL);
	if (code == NULL) {
		printf("# %s: a literal is not closed on its line\n", where);
		return;
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int found = strstr(code, bad[i]) != NULL;
		CHECK(!found);
		if (found)
			printf("# %s: \"%s\" outside the quotes\n", where, bad[i]);
	}
	CHECK(blocks_numeric(code));
	free(code);
}

static void
test_quote(void)
{
	char *c;

	CHECK_STR(quoted("plain text"), "'plain text'");
	CHECK_STR(quoted("北京市朝阳区"), "'北京市朝阳区'");
	CHECK_STR(quoted("x\"; system(\"touch pwned\")"),
	    "'x\"; system(\"touch pwned\")'");
	CHECK_STR(quoted("a'b"), "'a''b'");
	/* gnuplot reads '' as a quote only after a character that is not a
	 * quote; other quotes are literals of their own, joined by "." */
	CHECK_STR(quoted("''"), "\"\\047\".\"\\047\"");
	CHECK_STR(quoted("'"), "\"\\047\"");
	CHECK_STR(quoted("P''"), "'P'''.\"\\047\"");
	CHECK_STR(quoted("'T'"), "\"\\047\".'T'''");
	CHECK_STR(quoted("a''b"), "'a'''.\"\\047\".'b'");
	CHECK_STR(quoted("x'''y'"), "'x'''.\"\\047\".\"\\047\".'y'''");
	CHECK_STR(quoted("'a'b'"), "\"\\047\".'a''b'''");
	CHECK_STR(quoted("''\n''"), "\"\\047\".\"\\047\".' '''.\"\\047\"");
	CHECK_STR(quoted("'@x `touch pwned`"),
	    "\"\\047\".'@x `touch pwned`'");
	CHECK_STR(quoted("a\nb\r\tc\x7f" "d"), "'a b  c d'");
	CHECK_STR(quoted("a\\b\\"), "'a\\b\\'");
	CHECK_STR(quoted("_^@{}`touch pwned`%s"), "'_^@{}`touch pwned`%s'");
	CHECK_STR(quoted("bad \xff\xc3 utf8"), "'bad \xef\xbf\xbd\xef\xbf\xbd utf8'");
	CHECK_STR(quoted("\xe5\x8c"), "'\xef\xbf\xbd\xef\xbf\xbd'");
	CHECK_STR(quoted(""), "''");
	CHECK_STR(quoted(NULL), "''");

	/* The checker scans as gnuplot does: the old 'P''''' for P'' splits
	 * into two strings; the new form is one literal and a quote. */
	CHECK(code_only("plot 1 title 'P'''''\n") == NULL);
	CHECK(code_only("set title '''x'\n") == NULL);
	c = code_only("plot 1 title 'P'''.\"\\047\", 2 title 'a''b'\n");
	CHECK_STR(c, "plot 1 title ''.\"\", 2 title ''\n");
	free(c);
}

static void
test_terminal(void)
{
	const char *term = NULL;
	struct err e = {0};
	struct buf b = {0};

	CHECK_INT(chart_terminal("out/km.png", &term, &e), 0);
	CHECK_STR(term, "pngcairo");
	CHECK_INT(chart_terminal("a.b.SVG", &term, &e), 0);
	CHECK_STR(term, "svg");
	CHECK_INT(chart_terminal("r.Pdf", &term, &e), 0);
	CHECK_STR(term, "pdfcairo");
	CHECK_INT(chart_terminal("x.gif", &term, &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	CHECK_STR(e.msg,
	    "--chart FILE must end in .png, .svg or .pdf: \"x.gif\"");
	CHECK_INT(chart_terminal("png", &term, &e), -1);
	CHECK_STR(e.msg, "--chart FILE must end in .png, .svg or .pdf: \"png\"");
	CHECK_INT(chart_terminal(".png", &term, &e), -1);
	CHECK_INT(chart_terminal("a\nb.png", &term, &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	CHECK_STR(e.msg, "--chart FILE must not hold control characters: "
	    "\"a\\nb.png\"");

	/* The script builders check the name the same way. */
	e.kind = ERR_NONE;
	CHECK_INT(chart_bars_script(&b, "r.jpg", NULL, NULL, NULL, NULL, 0,
	    &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	CHECK_STR(e.msg,
	    "--chart FILE must end in .png, .svg or .pdf: \"r.jpg\"");

	/* gnuplot would pipe into "|cmd" and expand "~": kept a file. */
	b.len = 0;
	CHECK_INT(chart_bars_script(&b, "|touch pwned.png", NULL, NULL, NULL,
	    NULL, 0, &e), 0);
	CHECK(strstr(text(&b), "\nset output './|touch pwned.png'\n") != NULL);
	b.len = 0;
	CHECK_INT(chart_bars_script(&b, "~/a'b.png", NULL, NULL, NULL, NULL, 0,
	    &e), 0);
	CHECK(strstr(text(&b), "\nset output './~/a''b.png'\n") != NULL);
	free(b.data);
}

static void
test_font(void)
{
	const char *f;

	setenv("CHART_FONT", "Some Font", 1);
	CHECK_STR(chart_font(), "Some Font");
	unsetenv("CHART_FONT");
	f = chart_font();
	CHECK(f != NULL && f[0] != '\0' && strchr(f, ',') == NULL);
	CHECK(chart_font() == f); /* found once, then kept */
	printf("# chart font: %s\n", f ? f : "(null)");
}

static const char linetypes[] =
    "set linetype 1 lc rgb '#4477aa' lw 2\n"
    "set linetype 2 lc rgb '#ee6677' lw 2\n"
    "set linetype 3 lc rgb '#228833' lw 2\n"
    "set linetype 4 lc rgb '#ccbb44' lw 2\n"
    "set linetype 5 lc rgb '#66ccee' lw 2\n"
    "set linetype 6 lc rgb '#aa3377' lw 2\n"
    "set linetype 7 lc rgb '#bbbbbb' lw 2\n"
    "set linetype 8 lc rgb '#000000' lw 2\n"
    "set linetype cycle 8\n";

static void
test_exact(void)
{
	static const double x[] = {2, 7.5}, y[] = {0.5, 0.25};
	struct chart_series s = {"a'b\nEOD\nsystem('touch pwned')", x, y, 2};
	static const char *const labels[] = {
		"b 50%", "x\"; system(\"touch pwned\")", "gone",
	};
	static const double values[] = {1, 2.5, NAN};
	struct buf b = {0};
	struct err e = {0};
	char want[4096];

	setenv("CHART_FONT", "Test Sans", 1);
	CHECK_INT(chart_steps_script(&b, "km.png", "T'1", "days 天", NULL, &s,
	    1, &e), 0);
	snprintf(want, sizeof want,
	    "set encoding utf8\n"
	    "set terminal pngcairo size 900,600 noenhanced "
	    "font 'Test Sans,11' background '#ffffff'\n"
	    "set output 'km.png'\n"
	    "set border 3 lc rgb '#333333'\n"
	    "set tics nomirror out\n"
	    "set title 'T''1' font ',13'\n"
	    "set xlabel 'days 天'\n"
	    "set grid back lc rgb '#e5e5e5'\n"
	    "set xrange [0:*]\n"
	    "set yrange [0:1.05]\n"
	    "set ytics 0, 0.2, 1\n"
	    "set key inside right top\n"
	    "%s"
	    "$s1 << EOD\n"
	    "0 1\n"
	    "2 0.5\n"
	    "7.5 0.25\n"
	    "EOD\n"
	    "plot $s1 using 1:2 with steps lt 1 "
	    "title 'a''b EOD system(''touch pwned'')'\n", linetypes);
	CHECK_STR(text(&b), want);
	check_inert(text(&b), "steps");

	b.len = 0;
	CHECK_INT(chart_bars_script(&b, "r.svg", NULL, NULL, labels, values,
	    3, &e), 0);
	CHECK_STR(text(&b),
	    "set encoding utf8\n"
	    "set terminal svg size 900,300 noenhanced "
	    "font 'Test Sans,11' background '#ffffff'\n"
	    "set output 'r.svg'\n"
	    "set border 3 lc rgb '#333333'\n"
	    "set tics nomirror out\n"
	    "unset key\n"
	    "set ytics scale 0\n"
	    "set grid xtics back lc rgb '#e5e5e5'\n"
	    "set style fill solid 1.0 noborder\n"
	    "set xrange [0:2.875]\n"
	    "set yrange [-0.6:1.4]\n"
	    "set ytics ( \\\n"
	    "  'b 50%%' 0, \\\n"
	    "  'x\"; system(\"touch pwned\")' 1)\n"
	    "set label 1 '1' at 1, 0 left offset character 0.5, 0\n"
	    "set label 2 '2.5' at 2.5, 1 left offset character 0.5, 0\n"
	    "$bars << EOD\n"
	    "0 1\n"
	    "1 2.5\n"
	    "EOD\n"
	    "plot $bars using 2:1:(0):2:($1-0.35):($1+0.35) with boxxyerror "
	    "lc rgb '#4477aa' notitle\n");
	check_inert(text(&b), "bars");
	/* The NaN bar is nowhere. */
	CHECK(strstr(text(&b), "gone") == NULL);

	/* pdf sizes are in inches, 72 pixels an inch. */
	b.len = 0;
	CHECK_INT(chart_steps_script(&b, "km.pdf", NULL, NULL, NULL, NULL, 0,
	    &e), 0);
	CHECK(strstr(text(&b), "set terminal pdfcairo size 12.50in,8.33in "
	    "noenhanced") != NULL);
	CHECK(strstr(text(&b), "plot NaN notitle\n") != NULL);
	unsetenv("CHART_FONT");
	free(b.data);
}

static void
test_bars_order(void)
{
	/* Ties keep the given order (the earlier higher); values printed
	 * in full when whole, else to 4 significant digits. */
	static const char *const labels[] = {
		"t1", "big", "t2", "neg", "small", "mid", "t3",
	};
	static const double values[] = {
		5, 123456, 5, -0.00001, 0.8534, 12345.678, 5,
	};
	static const char *const order[] = {
		"'neg' 0", "'small' 1", "'t3' 2", "'t2' 3", "'t1' 4",
		"'mid' 5", "'big' 6",
	};
	struct buf b = {0};
	struct err e = {0};
	const char *s, *p = NULL;
	size_t i;

	CHECK_INT(chart_bars_script(&b, "o.png", "排名", "件数", labels,
	    values, 7, &e), 0);
	s = text(&b);
	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		const char *q = strstr(s, order[i]);
		CHECK(q != NULL && (p == NULL || q > p));
		p = q;
	}
	CHECK(strstr(s, "set label 7 '123456' at 123456, 6 left") != NULL);
	CHECK(strstr(s, "set label 6 '12346' at 12345.678, 5 left") != NULL);
	CHECK(strstr(s, "set label 2 '0.8534' at ") != NULL);
	CHECK(strstr(s, "set label 1 '-1e-05' at -1.0000000000000001e-05, 0 "
	    "right offset character -0.5, 0\n") != NULL);
	CHECK(strstr(s, "set terminal pngcairo size 900,344 ") != NULL);
	CHECK(strstr(s, "set yzeroaxis") != NULL);
	free(b.data);
}

static void
test_bad_data(void)
{
	static const double x[] = {0, 3, 1}, y[] = {1, 0.5, 0.2};
	static const double nx[] = {1}, ny[] = {NAN}, neg[] = {-1};
	struct chart_series s = {"朝阳", x, y, 3};
	static const char *const labels[] = {"ok", "inf"};
	static const double values[] = {1, INFINITY};
	struct buf b = {0};
	struct err e = {0};

	CHECK_INT(chart_steps_script(&b, "k.png", NULL, NULL, NULL, &s, 1,
	    &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK_STR(e.msg, "series \"朝阳\": point 3: x goes down from 3 to 1");
	s.x = nx;
	s.y = ny;
	s.n = 1;
	CHECK_INT(chart_steps_script(&b, "k.png", NULL, NULL, NULL, &s, 1,
	    &e), -1);
	CHECK_STR(e.msg,
	    "series \"朝阳\": point 1 is not a finite number: (1, nan)");
	s.x = neg;
	s.y = nx;
	CHECK_INT(chart_steps_script(&b, "k.png", NULL, NULL, NULL, &s, 1,
	    &e), -1);
	CHECK_STR(e.msg, "series \"朝阳\": point 1: x is below 0: -1");
	CHECK_INT(chart_bars_script(&b, "k.png", NULL, NULL, labels, values, 2,
	    &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK_STR(e.msg, "bar \"inf\": the value is not finite: \"inf\"");
	CHECK_INT(b.len, 0);
	free(b.data);
}

/* ---- stacked bars ---- */

static void
test_stacked_exact(void)
{
	static const char *const labels[] = {
		"北京 50%", "x\"; system(\"touch pwned\")", "it's", "none",
	};
	static const char *const series[] = {
		"经济 econ", "a'b\nEOD\nsystem('touch pwned')", "env",
	};
	static const double values[] = {
		1, 2, 0.5,
		NAN, 3, -1,
		-2, 0, -0.25,
		NAN, NAN, NAN,
	};
	struct buf b = {0};
	struct err e = {0};
	char want[4096];

	setenv("CHART_FONT", "Test Sans", 1);
	CHECK_INT(chart_stacked_script(&b, "s.svg", "综合 'T'", "score", labels,
	    4, series, 3, values, &e), 0);
	snprintf(want, sizeof want,
	    "set encoding utf8\n"
	    "set terminal svg size 900,300 noenhanced "
	    "font 'Test Sans,11' background '#ffffff'\n"
	    "set output 's.svg'\n"
	    "set border 3 lc rgb '#333333'\n"
	    "set tics nomirror out\n"
	    "set title '综合 ''T''' font ',13'\n"
	    "set xlabel 'score'\n"
	    "set ytics scale 0\n"
	    "set grid xtics back lc rgb '#e5e5e5'\n"
	    "set style fill solid 1.0 border lc rgb '#ffffff'\n"
	    "set key outside right top vertical Left reverse\n"
	    "%s"
	    "set xrange [-3.1124999999999998:4.3624999999999998]\n"
	    "set yrange [-0.6:3.4]\n"
	    "set yzeroaxis lt 1 lc rgb '#333333'\n"
	    "set ytics ( \\\n"
	    "  'none' 0, \\\n"
	    "  'it''s' 1, \\\n"
	    "  'x\"; system(\"touch pwned\")' 2, \\\n"
	    "  '北京 50%%%%' 3)\n"
	    "set label 1 '3.5' at 3.5, 3 left offset character 0.5, 0\n"
	    "set label 2 '2' at 3, 2 left offset character 0.5, 0\n"
	    "set label 3 '-2.25' at -2.25, 1 right offset character -0.5, 0\n"
	    "$s1 << EOD\n"
	    "3 0 1\n"
	    "1 -2 0\n"
	    "EOD\n"
	    "$s2 << EOD\n"
	    "3 1 3\n"
	    "2 0 3\n"
	    "EOD\n"
	    "$s3 << EOD\n"
	    "3 3 3.5\n"
	    "2 -1 0\n"
	    "1 -2.25 -2\n"
	    "EOD\n"
	    "plot $s1 using 3:1:2:3:($1-0.35):($1+0.35) with boxxyerror lt 1 "
	    "notitle, \\\n"
	    "     NaN with boxes lt 1 title '经济 econ', \\\n"
	    "     $s2 using 3:1:2:3:($1-0.35):($1+0.35) with boxxyerror lt 2 "
	    "notitle, \\\n"
	    "     NaN with boxes lt 2 title 'a''b EOD system(''touch pwned'')', "
	    "\\\n"
	    "     $s3 using 3:1:2:3:($1-0.35):($1+0.35) with boxxyerror lt 3 "
	    "notitle, \\\n"
	    "     NaN with boxes lt 3 title 'env'\n", linetypes);
	CHECK_STR(text(&b), want);
	check_inert(text(&b), "stacked");
	/* The unit with only NaN keeps its row, without a total. */
	CHECK(strstr(text(&b), "set label 4") == NULL);
	unsetenv("CHART_FONT");
	free(b.data);
}

static void
test_stacked_cases(void)
{
	static const double nan2[] = {NAN, NAN, 1, NAN};
	static const double zeros[] = {0, 0};
	static const double allnan[] = {NAN, NAN, NAN};
	static const char *const gone[] = {"北京", "gone", "x"};
	static const char *const s9[] = {
		"a", "b", "c", "d", "e", "f", "g", "h", "i",
	};
	double many[30], rows[20];
	const char *rl[20];
	struct buf b = {0};
	struct err e = {0};
	const char *s;
	size_t i;

	/* No labels or series names given; a series with nothing to draw
	 * has no block and no boxes, but keeps its legend entry. */
	CHECK_INT(chart_stacked_script(&b, "n.png", NULL, NULL, NULL, 2, NULL,
	    2, nan2, &e), 0);
	s = text(&b);
	check_inert(s, "stacked null");
	CHECK(strstr(s, "set ytics ( \\\n  '' 0, \\\n  '' 1)\n") != NULL);
	CHECK(strstr(s, "set label 1 '0'") == NULL);
	CHECK(strstr(s, "set label 2 '1' at 1, 0 left") != NULL);
	CHECK(strstr(s, "$s1 << EOD\n0 0 1\nEOD\n") != NULL);
	CHECK(strstr(s, "$s2") == NULL);
	CHECK(strstr(s, "     NaN with boxes lt 2 title ''\n") != NULL);
	CHECK(strstr(s, "set xrange [0:1.1499999999999999]\n") != NULL);
	CHECK(strstr(s, "yzeroaxis") == NULL);

	/* Zeros: bars of no length, a total of 0, a range of 0..1. */
	b.len = 0;
	CHECK_INT(chart_stacked_script(&b, "z.png", NULL, NULL, gone, 1, s9, 2,
	    zeros, &e), 0);
	s = text(&b);
	CHECK(strstr(s, "set xrange [0:1.1499999999999999]\n") != NULL);
	CHECK(strstr(s, "set label 1 '0' at 0, 0 left") != NULL);
	CHECK(strstr(s, "<< EOD") == NULL);
	CHECK(strstr(s, "plot NaN with boxes lt 1 title 'a', \\\n"
	    "     NaN with boxes lt 2 title 'b'\n") != NULL);

	/* Nothing to draw: the "no data" frame, no label anywhere. */
	b.len = 0;
	CHECK_INT(chart_stacked_script(&b, "e.png", "t", NULL, gone, 3, s9, 1,
	    allnan, &e), 0);
	s = text(&b);
	CHECK(strstr(s, "set label 1 'no data' at graph 0.5, graph 0.5 "
	    "center\nplot NaN notitle\n") != NULL);
	CHECK(strstr(s, "gone") == NULL && strstr(s, "北京") == NULL);
	CHECK(strstr(s, "size 900,300 ") != NULL);
	b.len = 0;
	CHECK_INT(chart_stacked_script(&b, "e.png", NULL, NULL, NULL, 0, NULL,
	    0, NULL, &e), 0);
	CHECK(strstr(text(&b), "plot NaN notitle\n") != NULL);
	b.len = 0;
	CHECK_INT(chart_stacked_script(&b, "e.png", NULL, NULL, gone, 3, NULL,
	    0, NULL, &e), 0);
	CHECK(strstr(text(&b), "plot NaN notitle\n") != NULL);
	CHECK(strstr(text(&b), "gone") == NULL);

	/* Colours cycle after 8 series; 20 rows give 120 + 32 * 20. */
	for (i = 0; i < 20; i++) {
		rows[i] = (double)i;
		rl[i] = "r";
	}
	b.len = 0;
	CHECK_INT(chart_stacked_script(&b, "c.png", NULL, NULL, s9, 1, s9, 9,
	    rows, &e), 0);
	s = text(&b);
	CHECK(strstr(s, "boxxyerror lt 1 notitle, \\\n"
	    "     NaN with boxes lt 1 title 'i'\n") != NULL);
	CHECK(strstr(s, "set label 1 '36' at 36, 0 left") != NULL);
	b.len = 0;
	CHECK_INT(chart_stacked_script(&b, "c.png", NULL, NULL, rl, 20, s9, 1,
	    rows, &e), 0);
	CHECK(strstr(text(&b), "size 900,760 ") != NULL);
	/* ... and a legend of 30 series 120 + 20 * 30 (pdf: in inches). */
	for (i = 0; i < 30; i++)
		many[i] = 1;
	b.len = 0;
	CHECK_INT(chart_stacked_script(&b, "c.pdf", NULL, NULL, rl, 1, NULL,
	    30, many, &e), 0);
	CHECK(strstr(text(&b), "size 12.50in,10.00in ") != NULL);
	free(b.data);
}

static void
test_stacked_errors(void)
{
	static const char *const labels[] = {"ok", "北京"};
	static const char *const series[] = {"econ", "环境"};
	double v[4] = {1, 2, 3, INFINITY};
	struct buf b = {0};
	struct err e = {0};

	CHECK_INT(chart_stacked_script(&b, "k.png", NULL, NULL, labels, 2,
	    series, 2, v, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK_STR(e.msg,
	    "bar \"北京\": series \"环境\": the value is not finite: \"inf\"");
	v[3] = 1;
	v[0] = -INFINITY;
	CHECK_INT(chart_stacked_script(&b, "k.png", NULL, NULL, labels, 2,
	    series, 2, v, &e), -1);
	CHECK_STR(e.msg,
	    "bar \"ok\": series \"econ\": the value is not finite: \"-inf\"");
	/* Unnamed: still said which. */
	CHECK_INT(chart_stacked_script(&b, "k.png", NULL, NULL, NULL, 2, NULL,
	    2, v, &e), -1);
	CHECK_STR(e.msg,
	    "bar \"\": series \"\": the value is not finite: \"-inf\"");
	/* Finite segments whose stack overflows. */
	v[0] = 1;
	v[2] = -1.7e308;
	v[3] = -1.7e308;
	CHECK_INT(chart_stacked_script(&b, "k.png", NULL, NULL, labels, 2,
	    series, 2, v, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK_STR(e.msg,
	    "bar \"北京\": the segments add up to a number too large to draw");
	CHECK_INT(b.len, 0);
	/* Negative segments stack leftwards from 0, positive rightwards;
	 * the total stands at the end of the stack of its sign. */
	v[2] = -1;
	v[3] = 4;
	CHECK_INT(chart_stacked_script(&b, "k.png", NULL, NULL, labels, 2,
	    series, 2, v, &e), 0);
	CHECK(strstr(text(&b), "set label 2 '3' at 4, 0 left") != NULL);
	CHECK(strstr(text(&b), "$s1 << EOD\n1 0 1\n0 -1 0\nEOD\n") != NULL);
	CHECK(strstr(text(&b), "$s2 << EOD\n1 1 3\n0 0 4\nEOD\n") != NULL);
	v[3] = 0.5;
	b.len = 0;
	CHECK_INT(chart_stacked_script(&b, "k.png", NULL, NULL, labels, 2,
	    series, 2, v, &e), 0);
	CHECK(strstr(text(&b), "set label 2 '-0.5' at -1, 0 right") != NULL);
	b.len = 0;

	CHECK_INT(chart_stacked_script(&b, "k.png", NULL, NULL, labels, 2,
	    series, 2, NULL, &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	CHECK_STR(e.msg, "no values given");
	CHECK_INT(chart_stacked_script(&b, "k.gif", NULL, NULL, labels, 2,
	    series, 2, v, &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	CHECK_STR(e.msg,
	    "--chart FILE must end in .png, .svg or .pdf: \"k.gif\"");
	CHECK_INT(chart_stacked_script(&b, "k.png", NULL, NULL, labels,
	    SIZE_MAX / 2, series, 3, v, &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	CHECK(strncmp(e.msg, "too many values: ", 17) == 0);
	CHECK_INT(b.len, 0);
	free(b.data);
}

/* ---- whiskers ---- */

static void
test_whiskers_exact(void)
{
	static const char *const labels[] = {
		"北京", "x\"; system(\"touch pwned\")", "gone", "it's 5%",
	};
	static const double mid[] = {1, 3, NAN, 2.5};
	static const double lo[] = {1, 2, NAN, 1};
	static const double hi[] = {2, 6, INFINITY, 4.5};
	struct buf b = {0};
	struct err e = {0};

	setenv("CHART_FONT", "Test Sans", 1);
	CHECK_INT(chart_whiskers_script(&b, "w.png", "排名 'x'", "rank", labels,
	    mid, lo, hi, 4, &e), 0);
	CHECK_STR(text(&b),
	    "set encoding utf8\n"
	    "set terminal pngcairo size 900,300 noenhanced "
	    "font 'Test Sans,11' background '#ffffff'\n"
	    "set output 'w.png'\n"
	    "set border 3 lc rgb '#333333'\n"
	    "set tics nomirror out\n"
	    "set title '排名 ''x''' font ',13'\n"
	    "set xlabel 'rank'\n"
	    "unset key\n"
	    "set ytics scale 0\n"
	    "set grid xtics ytics back lc rgb '#e5e5e5'\n"
	    "set xrange [0.5:6.5]\n"
	    "set yrange [-0.6:2.4]\n"
	    "set xtics 1\n"
	    "set ytics ( \\\n"
	    "  'it''s 5%%' 0, \\\n"
	    "  'x\"; system(\"touch pwned\")' 1, \\\n"
	    "  '北京' 2)\n"
	    "$w << EOD\n"
	    "0 2.5 1 4.5\n"
	    "1 3 2 6\n"
	    "2 1 1 2\n"
	    "EOD\n"
	    "plot $w using 2:1:3:4 with xerrorbars lc rgb '#4477aa' lw 2 pt 7 "
	    "ps 1.2 notitle\n");
	check_inert(text(&b), "whiskers");
	/* The NaN row is nowhere. */
	CHECK(strstr(text(&b), "gone") == NULL);
	unsetenv("CHART_FONT");
	free(b.data);
}

static void
test_whiskers_cases(void)
{
	static const char *const labels[] = {"a", "b"};
	static const double mid[] = {10, 40}, lo[] = {3, 0}, hi[] = {30, 50};
	static const double nan2[] = {NAN, NAN};
	double m[1], l[1], h[1];
	struct buf b = {0};
	struct err e = {0};
	const char *s;

	/* A long range: gnuplot's own tics; a lo below 1 moves the left
	 * edge. */
	CHECK_INT(chart_whiskers_script(&b, "w.svg", NULL, NULL, NULL, mid, lo,
	    hi, 2, &e), 0);
	s = text(&b);
	CHECK(strstr(s, "set xrange [-0.5:50.5]\n") != NULL);
	CHECK(strstr(s, "set xtics 1") == NULL);
	CHECK(strstr(s, "set ytics ( \\\n  '' 0, \\\n  '' 1)\n") != NULL);
	CHECK(strstr(s, "$w << EOD\n0 40 0 50\n1 10 3 30\nEOD\n") != NULL);
	check_inert(s, "whiskers long");
	/* Rank 1 stays in view when every row is far down. */
	b.len = 0;
	CHECK_INT(chart_whiskers_script(&b, "w.svg", NULL, NULL, labels, mid,
	    lo, hi, 1, &e), 0);
	CHECK(strstr(text(&b), "set xrange [0.5:30.5]\n") != NULL);
	CHECK(strstr(text(&b), "'a' 0)\n") != NULL);

	/* Nothing left: the "no data" frame. */
	b.len = 0;
	CHECK_INT(chart_whiskers_script(&b, "w.png", NULL, NULL, labels, nan2,
	    nan2, nan2, 2, &e), 0);
	s = text(&b);
	CHECK(strstr(s, "plot NaN notitle\n") != NULL);
	CHECK(strstr(s, "'a'") == NULL && strstr(s, "<< EOD") == NULL);
	b.len = 0;
	CHECK_INT(chart_whiskers_script(&b, "w.png", NULL, NULL, NULL, NULL,
	    NULL, NULL, 0, &e), 0);
	CHECK(strstr(text(&b), "'no data'") != NULL);

	/* Errors name the label; numbers read back exactly. */
	b.len = 0;
	m[0] = 3;
	l[0] = 4;
	h[0] = 5;
	CHECK_INT(chart_whiskers_script(&b, "w.png", NULL, NULL, labels, m, l,
	    h, 1, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK_STR(e.msg, "whisker \"a\": need lo <= mid <= hi: lo 4, mid 3, "
	    "hi 5");
	l[0] = 0.1 + 0.2;
	m[0] = 0.3;
	h[0] = 1;
	CHECK_INT(chart_whiskers_script(&b, "w.png", NULL, NULL, labels, m, l,
	    h, 1, &e), -1);
	CHECK_STR(e.msg, "whisker \"a\": need lo <= mid <= hi: "
	    "lo 0.30000000000000004, mid 0.3, hi 1");
	l[0] = 1;
	m[0] = 7;
	h[0] = 6.5;
	CHECK_INT(chart_whiskers_script(&b, "w.png", NULL, NULL, NULL, m, l,
	    h, 1, &e), -1);
	CHECK_STR(e.msg, "whisker \"\": need lo <= mid <= hi: lo 1, mid 7, "
	    "hi 6.5");
	m[0] = 2;
	l[0] = NAN;
	CHECK_INT(chart_whiskers_script(&b, "w.png", NULL, NULL, labels, m, l,
	    h, 1, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK_STR(e.msg, "whisker \"a\": a value is not finite: lo nan, mid 2, "
	    "hi 6.5");
	l[0] = 1;
	m[0] = INFINITY;
	CHECK_INT(chart_whiskers_script(&b, "w.png", NULL, NULL, labels, m, l,
	    h, 1, &e), -1);
	CHECK_STR(e.msg, "whisker \"a\": a value is not finite: lo 1, mid inf, "
	    "hi 6.5");
	m[0] = 2;
	h[0] = -INFINITY;
	CHECK_INT(chart_whiskers_script(&b, "w.png", NULL, NULL, labels, m, l,
	    h, 1, &e), -1);
	CHECK_STR(e.msg, "whisker \"a\": a value is not finite: lo 1, mid 2, "
	    "hi -inf");
	CHECK_INT(b.len, 0);
	CHECK_INT(chart_whiskers_script(&b, "w.png", NULL, NULL, labels, m,
	    NULL, h, 1, &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	CHECK_STR(e.msg, "no values given");
	h[0] = 2;
	CHECK_INT(chart_whiskers_script(&b, "w.jpg", NULL, NULL, labels, m, l,
	    h, 1, &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	CHECK_STR(e.msg,
	    "--chart FILE must end in .png, .svg or .pdf: \"w.jpg\"");
	free(b.data);
}

/* Lorenz curves: the exact script, a curve without points, the checks. */
static void
test_lorenz_exact(void)
{
	static const double x1[] = {0, 0.5, 1}, y1[] = {0, 0.25, 1};
	const struct chart_series s[] = {
		{"东城 / x\"; system(\"touch pwned\")", x1, y1, 3},
		{"it's 5%", NULL, NULL, 0},
	};
	struct buf b = {0};
	struct err e = {0};

	setenv("CHART_FONT", "Test Sans", 1);
	CHECK_INT(chart_lorenz_script(&b, "l.svg", "洛伦兹 'L'", "population",
	    "events", "equality", s, 2, &e), 0);
	CHECK_STR(text(&b),
	    "set encoding utf8\n"
	    "set terminal svg size 900,700 noenhanced "
	    "font 'Test Sans,11' background '#ffffff'\n"
	    "set output 'l.svg'\n"
	    "set border 3 lc rgb '#333333'\n"
	    "set tics nomirror out\n"
	    "set title '洛伦兹 ''L''' font ',13'\n"
	    "set xlabel 'population'\n"
	    "set ylabel 'events'\n"
	    "set grid back lc rgb '#e5e5e5'\n"
	    "set size square\n"
	    "set xrange [0:1]\n"
	    "set yrange [0:1]\n"
	    "set xtics 0, 0.2, 1\n"
	    "set ytics 0, 0.2, 1\n"
	    "set key inside left top\n"
	    "set linetype 1 lc rgb '#4477aa' lw 2\n"
	    "set linetype 2 lc rgb '#ee6677' lw 2\n"
	    "set linetype 3 lc rgb '#228833' lw 2\n"
	    "set linetype 4 lc rgb '#ccbb44' lw 2\n"
	    "set linetype 5 lc rgb '#66ccee' lw 2\n"
	    "set linetype 6 lc rgb '#aa3377' lw 2\n"
	    "set linetype 7 lc rgb '#bbbbbb' lw 2\n"
	    "set linetype 8 lc rgb '#000000' lw 2\n"
	    "set linetype cycle 8\n"
	    "$eq << EOD\n0 0\n1 1\nEOD\n"
	    "$s1 << EOD\n0 0\n0.5 0.25\n1 1\nEOD\n"
	    "plot $eq using 1:2 with lines lc rgb '#999999' lw 1 dt 2 "
	    "title 'equality', \\\n"
	    "     $s1 using 1:2 with lines lt 1 title "
	    "'东城 / x\"; system(\"touch pwned\")', \\\n"
	    "     NaN with lines lt 2 title 'it''s 5%'\n");
	check_inert(text(&b), "lorenz");
	unsetenv("CHART_FONT");
	free(b.data);
}

static void
test_lorenz_cases(void)
{
	static const double x[] = {0, 0.6, 0.5}, y[] = {0, 0.2, 1};
	static const double bx[] = {0, 1.0000000000000002}, by[] = {0, 1};
	static const double nx[] = {0, NAN}, ny[] = {0, 1};
	struct chart_series s = {"a", x, y, 2}, many[9];
	struct buf b = {0};
	struct err e = {0};
	const char *t;
	size_t i;

	/* No legend entry for the diagonal; many series: legend outside. */
	for (i = 0; i < 9; i++)
		many[i] = s;
	CHECK_INT(chart_lorenz_script(&b, "l.png", NULL, NULL, NULL, NULL,
	    many, 9, &e), 0);
	t = text(&b);
	CHECK(strstr(t, "set key outside right top\n") != NULL);
	CHECK(strstr(t, "dt 2 notitle, \\\n") != NULL);
	CHECK(strstr(t, "$s9 using 1:2 with lines lt 1 title 'a'\n") != NULL);
	check_inert(t, "lorenz many");

	/* No series: the "no data" frame. */
	b.len = 0;
	CHECK_INT(chart_lorenz_script(&b, "l.png", NULL, NULL, NULL, "eq",
	    NULL, 0, &e), 0);
	t = text(&b);
	CHECK(strstr(t, "plot NaN notitle\n") != NULL);
	CHECK(strstr(t, "$eq") == NULL);

	/* Bad points are refused before anything is appended. */
	b.len = 0;
	s.n = 3;
	CHECK_INT(chart_lorenz_script(&b, "l.png", NULL, NULL, NULL, NULL, &s,
	    1, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK_STR(e.msg, "series \"a\": point 3: x goes down from 0.6 to 0.5");
	s.x = bx;
	s.y = by;
	s.n = 2;
	CHECK_INT(chart_lorenz_script(&b, "l.png", NULL, NULL, NULL, NULL, &s,
	    1, &e), -1);
	CHECK_STR(e.msg, "series \"a\": point 2 is not in the unit square: "
	    "(1.0000000000000002, 1)");
	s.x = nx;
	s.y = ny;
	CHECK_INT(chart_lorenz_script(&b, "l.png", NULL, NULL, NULL, NULL, &s,
	    1, &e), -1);
	CHECK_STR(e.msg, "series \"a\": point 2 is not in the unit square: "
	    "(nan, 1)");
	s.x = NULL;
	CHECK_INT(chart_lorenz_script(&b, "l.png", NULL, NULL, NULL, NULL, &s,
	    1, &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	CHECK_STR(e.msg, "series \"a\": no points given");
	CHECK_INT(b.len, 0);
	s.x = x;
	s.n = 1;
	CHECK_INT(chart_lorenz_script(&b, "l.gif", NULL, NULL, NULL, NULL, &s,
	    1, &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	CHECK_STR(e.msg,
	    "--chart FILE must end in .png, .svg or .pdf: \"l.gif\"");
	free(b.data);
}

/* The first n bytes of path equal sig, and the file has more. */
static int
starts_with(const char *path, const char *sig, size_t n)
{
	char head[16];
	FILE *f = fopen(path, "rb");
	size_t got;
	long size;

	if (f == NULL)
		return 0;
	got = fread(head, 1, n, f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fclose(f);
	return got == n && memcmp(head, sig, n) == 0 && size > (long)n;
}

static int
file_has(const char *path, const char *needle)
{
	static char data[1 << 20];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL)
		return 0;
	n = fread(data, 1, sizeof data - 1, f);
	fclose(f);
	data[n] = '\0';
	return strstr(data, needle) != NULL;
}

static void
render(struct buf *b, const char *path)
{
	struct err e = {0};
	int rc = chart_render(b, path, &e);

	CHECK_INT(rc, 0);
	if (rc != 0)
		printf("# chart_render %s: %s\n", path, e.msg);
}

static void
test_render(void)
{
	static const double x1[] = {1, 2, 5, 9, 14}, y1[] = {
		0.9, 0.7, 0.5, 0.3, 0.3,
	};
	static const double x2[] = {0, 3, 7}, y2[] = {0.8, 0.4, 0.1};
	static const double x3[] = {4}, y3[] = {0.6};
	const struct chart_series s[] = {
		{"朝阳区", x1, y1, 5},
		{"x\"; system(\"touch pwned\")", x2, y2, 3},
		{"a'b `touch pwned` @x \\ _^{}\nEOD\nsystem('touch pwned')",
		    x3, y3, 1},
	};
	static const char *const labels[] = {
		"北京市", "x\"; system(\"touch pwned\")", "上海市浦东新区",
		"a'b 100% `touch pwned`", "空", "nan",
	};
	static const double values[] = {12, 30.5, 0.8534, 7, 0, NAN};
	static const double lx[] = {0, 0.3, 1}, ly[] = {0, 0.1, 1};
	const struct chart_series lz[] = {
		{"朝阳区 `touch pwned`", lx, ly, 3},
		{"x\"; system(\"touch pwned\")", NULL, NULL, 0},
	};
	char km[600], bars[600], svg[600], pdf[600], pw[600], nope[600];
	char lsvg[600];
	char q[128];
	struct buf b = {0};
	struct err e = {0};
	const char *gp = getenv("GNUPLOT");
	char *saved = gp ? strdup(gp) : NULL;

	snprintf(km, sizeof km, "%s/km 城管.png", t_dir());
	snprintf(bars, sizeof bars, "%s/bars.png", t_dir());
	snprintf(svg, sizeof svg, "%s/bars.svg", t_dir());
	snprintf(pdf, sizeof pdf, "%s/km.pdf", t_dir());
	snprintf(lsvg, sizeof lsvg, "%s/lorenz.svg", t_dir());
	snprintf(pw, sizeof pw, "%s/pwned", t_dir());
	snprintf(nope, sizeof nope, "%s/none.png", t_dir());
	CHECK(access("pwned", F_OK) != 0);

	CHECK_INT(chart_steps_script(&b, km, "结案 Kaplan-Meier 50%", "天 days",
	    "未结案 open", s, 3, &e), 0);
	check_inert(text(&b), "render steps");
	render(&b, km);
	CHECK(starts_with(km, "\x89PNG\r\n\x1a\n", 8));

	b.len = 0;
	CHECK_INT(chart_bars_script(&b, bars, "排名 \"; system(\"touch pwned\")",
	    "件数", labels, values, 6, &e), 0);
	check_inert(text(&b), "render bars");
	render(&b, bars);
	CHECK(starts_with(bars, "\x89PNG\r\n\x1a\n", 8));

	b.len = 0;
	CHECK_INT(chart_bars_script(&b, svg, "排名", NULL, labels, values, 6,
	    &e), 0);
	render(&b, svg);
	CHECK(file_has(svg, "上海市浦东新区"));
	CHECK(file_has(svg, "100% `touch pwned`"));

	b.len = 0;
	CHECK_INT(chart_steps_script(&b, pdf, "结案", NULL, NULL, s, 3, &e), 0);
	render(&b, pdf);
	CHECK(starts_with(pdf, "%PDF", 4));

	/* Lorenz curves, one without points (legend only). */
	b.len = 0;
	CHECK_INT(chart_lorenz_script(&b, lsvg, "洛伦兹曲线", "人口", "次数",
	    "完全平等", lz, 2, &e), 0);
	check_inert(text(&b), "render lorenz");
	render(&b, lsvg);
	CHECK(file_has(lsvg, "完全平等"));
	CHECK(file_has(lsvg, "touch pwned"));

	/* Nothing ran. */
	CHECK(access("pwned", F_OK) != 0);
	CHECK(access(pw, F_OK) != 0);

	/* A script gnuplot rejects: its error line in the message. */
	b.len = 0;
	CHECK_INT(buf_append(&b, "plot $nope\n", 11), 0);
	CHECK_INT(chart_render(&b, nope, &e), -1);
	CHECK_INT(e.kind, ERR_IO);
	CHECK(strncmp(e.msg, "gnuplot failed (exit status 1): line ", 37) == 0);
	CHECK(strstr(e.msg, "$nope") != NULL);

	/* gnuplot succeeds but writes nothing. */
	b.len = 0;
	CHECK_INT(buf_append(&b, "x = 1\n", 6), 0);
	CHECK_INT(chart_render(&b, nope, &e), -1);
	snprintf(km, sizeof km, "gnuplot wrote no chart to %s",
	    quote_value(q, sizeof q, nope, strlen(nope)));
	CHECK_STR(e.msg, km);

	/* No gnuplot. */
	setenv("GNUPLOT", "/nonexistent/gnuplot", 1);
	CHECK_INT(chart_render(&b, nope, &e), -1);
	CHECK_INT(e.kind, ERR_IO);
	CHECK_STR(e.msg, "gnuplot not found: GNUPLOT=\"/nonexistent/gnuplot\": "
	    "install gnuplot or set GNUPLOT");
	if (saved)
		setenv("GNUPLOT", saved, 1);
	else
		unsetenv("GNUPLOT");
	free(saved);
	free(b.data);
}

/* Real charts of both kinds, hostile and Chinese names included. */
static void
test_render_rank(void)
{
	static const char *const labels[] = {
		"上海市浦东新区", "x\"; system(\"touch pwned\")",
		"a'b 100% `touch pwned`", "空",
	};
	static const char *const series[] = {
		"经济 economy", "a'b\nEOD\nsystem('touch pwned')", "环境 50%",
	};
	static const double values[] = {
		0.30, 0.25, 0.12,
		0.20, NAN, 0.31,
		0.10, -0.05, 0.08,
		NAN, NAN, NAN,
	};
	static const double mid[] = {1, 2.5, 3, NAN};
	static const double lo[] = {1, 1, 2, NAN};
	static const double hi[] = {2, 4, 4, NAN};
	static const double none[] = {NAN};
	char path[600], pw[600];
	struct buf b = {0};
	struct err e = {0};

	snprintf(pw, sizeof pw, "%s/pwned", t_dir());

	snprintf(path, sizeof path, "%s/stacked 城市.png", t_dir());
	CHECK_INT(chart_stacked_script(&b, path, "综合指数 \"; system(\"touch "
	    "pwned\")", "得分", labels, 4, series, 3, values, &e), 0);
	check_inert(text(&b), "render stacked");
	render(&b, path);
	CHECK(starts_with(path, "\x89PNG\r\n\x1a\n", 8));

	snprintf(path, sizeof path, "%s/stacked.svg", t_dir());
	b.len = 0;
	CHECK_INT(chart_stacked_script(&b, path, "综合", NULL, labels, 4,
	    series, 3, values, &e), 0);
	render(&b, path);
	CHECK(file_has(path, "上海市浦东新区"));
	CHECK(file_has(path, "环境 50%"));
	CHECK(file_has(path, "100% `touch pwned`"));

	snprintf(path, sizeof path, "%s/stacked.pdf", t_dir());
	b.len = 0;
	CHECK_INT(chart_stacked_script(&b, path, NULL, NULL, labels, 1,
	    series, 1, none, &e), 0);
	render(&b, path);
	CHECK(starts_with(path, "%PDF", 4));

	snprintf(path, sizeof path, "%s/whiskers 排名.png", t_dir());
	b.len = 0;
	CHECK_INT(chart_whiskers_script(&b, path, "排名 `touch pwned`", "名次 "
	    "rank", labels, mid, lo, hi, 4, &e), 0);
	check_inert(text(&b), "render whiskers");
	render(&b, path);
	CHECK(starts_with(path, "\x89PNG\r\n\x1a\n", 8));

	snprintf(path, sizeof path, "%s/whiskers.svg", t_dir());
	b.len = 0;
	CHECK_INT(chart_whiskers_script(&b, path, NULL, NULL, labels, mid, lo,
	    hi, 4, &e), 0);
	render(&b, path);
	CHECK(file_has(path, "上海市浦东新区"));
	CHECK(file_has(path, "100% `touch pwned`"));

	snprintf(path, sizeof path, "%s/whiskers-none.png", t_dir());
	b.len = 0;
	CHECK_INT(chart_whiskers_script(&b, path, NULL, NULL, labels, none,
	    none, none, 1, &e), 0);
	render(&b, path);
	CHECK(starts_with(path, "\x89PNG\r\n\x1a\n", 8));

	/* Nothing ran. */
	CHECK(access("pwned", F_OK) != 0);
	CHECK(access(pw, F_OK) != 0);
	free(b.data);
}

/*
 * Names with quotes where gnuplot's scanner used to end a literal early
 * ('' first, '' after '', many in a row): every chart scans, renders,
 * and shows the text as it is, in legends (first entry and later ones),
 * tic labels, titles and axis labels.
 */
static void
test_render_quotes(void)
{
	static const char *const names[] = {
		"经济", "P''", "''", "'x'''y'", "''`touch pwned`''@GPVAL_TERM",
		"''''''''", "'\n'\x01''%",
	};
	static const char *const labels[] = {
		"''北京''", "'", "a''b 100%", "''''",
	};
	static const double values[] = {
		1, 2, 3, 0.5, 1, 2, 1.5,
		2, 1, NAN, 1, 0.5, 1, 1,
		0.3, 0.2, 0.1, 0, -1, 1, 2,
		1, 1, 1, 1, 1, 1, 1,
	};
	static const double x[] = {1, 3}, y[] = {0.6, 0.3};
	static const double mid[] = {1, 2, 3, 4}, lo[] = {1, 1, 2, 3};
	static const double hi[] = {2, 3, 4, 4};
	struct chart_series s[7];
	char path[600], pw[600];
	struct buf b = {0};
	struct err e = {0};
	const char *t;
	size_t i;

	snprintf(pw, sizeof pw, "%s/pwned", t_dir());
	for (i = 0; i < 7; i++) {
		s[i].name = names[(i + 1) % 7]; /* P'' first */
		s[i].x = x;
		s[i].y = y;
		s[i].n = 2;
	}

	/* The script: P'' as the second legend entry, as one literal and a
	 * quote. */
	setenv("CHART_FONT", "Test Sans", 1);
	CHECK_INT(chart_stacked_script(&b, "q.png", "''T''", "'''", labels, 4,
	    names, 7, values, &e), 0);
	t = text(&b);
	check_inert(t, "stacked quotes");
	CHECK(strstr(t, "set title \"\\047\".\"\\047\".'T'''.\"\\047\" "
	    "font ',13'\n") != NULL);
	CHECK(strstr(t, "set xlabel \"\\047\".\"\\047\".\"\\047\"\n") != NULL);
	CHECK(strstr(t, "  'a'''.\"\\047\".'b 100%%' 1, \\\n") != NULL);
	CHECK(strstr(t, "     NaN with boxes lt 2 title 'P'''.\"\\047\", "
	    "\\\n") != NULL);
	CHECK(strstr(t, "     NaN with boxes lt 3 title \"\\047\".\"\\047\", "
	    "\\\n") != NULL);
	unsetenv("CHART_FONT");

	/* Rendered: PNG and SVG, the text in the SVG as given. */
	snprintf(path, sizeof path, "%s/quotes stacked.png", t_dir());
	b.len = 0;
	CHECK_INT(chart_stacked_script(&b, path, "''T''", "'''", labels, 4,
	    names, 7, values, &e), 0);
	check_inert(text(&b), "render stacked quotes");
	render(&b, path);
	CHECK(starts_with(path, "\x89PNG\r\n\x1a\n", 8));
	snprintf(path, sizeof path, "%s/quotes-stacked.svg", t_dir());
	b.len = 0;
	CHECK_INT(chart_stacked_script(&b, path, "''T''", NULL, labels, 4,
	    names, 7, values, &e), 0);
	render(&b, path);
	CHECK(file_has(path, ">P''<"));
	CHECK(file_has(path, ">'x'''y'<"));
	CHECK(file_has(path, ">''`touch pwned`''@GPVAL_TERM<"));
	CHECK(file_has(path, ">''''''''<"));
	CHECK(file_has(path, ">' ' ''%<"));
	CHECK(file_has(path, ">''北京''<"));
	CHECK(file_has(path, ">a''b 100%<"));
	CHECK(file_has(path, ">''T''<"));

	/* Steps: P'' the first curve, the others after it. */
	snprintf(path, sizeof path, "%s/quotes steps.png", t_dir());
	b.len = 0;
	CHECK_INT(chart_steps_script(&b, path, "'P''", "''", "'''", s, 7, &e),
	    0);
	check_inert(text(&b), "render steps quotes");
	CHECK(strstr(text(&b), "plot $s1 using 1:2 with steps lt 1 title "
	    "'P'''.\"\\047\", \\\n") != NULL);
	render(&b, path);
	CHECK(starts_with(path, "\x89PNG\r\n\x1a\n", 8));
	snprintf(path, sizeof path, "%s/quotes-steps.svg", t_dir());
	b.len = 0;
	CHECK_INT(chart_steps_script(&b, path, NULL, NULL, NULL, s, 7, &e), 0);
	render(&b, path);
	CHECK(file_has(path, ">P''<"));
	CHECK(file_has(path, ">''''''''<"));
	CHECK(file_has(path, ">''`touch pwned`''@GPVAL_TERM<"));

	/* Bars and whiskers: the labels are tics. */
	snprintf(path, sizeof path, "%s/quotes bars.png", t_dir());
	b.len = 0;
	CHECK_INT(chart_bars_script(&b, path, "''", "P''", labels, mid, 4, &e),
	    0);
	check_inert(text(&b), "render bars quotes");
	render(&b, path);
	CHECK(starts_with(path, "\x89PNG\r\n\x1a\n", 8));
	snprintf(path, sizeof path, "%s/quotes whiskers.png", t_dir());
	b.len = 0;
	CHECK_INT(chart_whiskers_script(&b, path, "P''", "''", labels, mid, lo,
	    hi, 4, &e), 0);
	check_inert(text(&b), "render whiskers quotes");
	render(&b, path);
	CHECK(starts_with(path, "\x89PNG\r\n\x1a\n", 8));
	snprintf(path, sizeof path, "%s/quotes-whiskers.svg", t_dir());
	b.len = 0;
	CHECK_INT(chart_whiskers_script(&b, path, NULL, NULL, labels, mid, lo,
	    hi, 4, &e), 0);
	render(&b, path);
	CHECK(file_has(path, ">''北京''<"));
	CHECK(file_has(path, ">''''<"));
	CHECK(file_has(path, ">'<"));

	/* An output name with quotes. */
	snprintf(path, sizeof path, "%s/''q'''.png", t_dir());
	b.len = 0;
	CHECK_INT(chart_bars_script(&b, path, NULL, NULL, labels, mid, 4, &e),
	    0);
	check_inert(text(&b), "render quoted name");
	render(&b, path);
	CHECK(starts_with(path, "\x89PNG\r\n\x1a\n", 8));

	/* Nothing ran. */
	CHECK(access("pwned", F_OK) != 0);
	CHECK(access(pw, F_OK) != 0);
	free(b.data);
}

void
suite_chart(void)
{
	test_quote();
	test_terminal();
	test_font();
	test_exact();
	test_bars_order();
	test_bad_data();
	test_stacked_exact();
	test_stacked_cases();
	test_stacked_errors();
	test_whiskers_exact();
	test_whiskers_cases();
	test_lorenz_exact();
	test_lorenz_cases();
	test_render();
	test_render_rank();
	test_render_quotes();
}
