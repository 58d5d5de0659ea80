/*
 * The fast paths must not change a single result:
 * - parse_num's Clinger path against strtod on random decimals;
 * - the CSV reader's own line splitter against libcsv (force_libcsv) on
 *   random CSV built from awkward fields, every field and line number.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/csvio.h"
#include "core/num.h"
#include "core/util.h"
#include "t.h"

void suite_fast(void);

static uint64_t seed = 0x9e3779b97f4a7c15ULL;

static uint64_t
next(void)
{
	uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
numbers(void)
{
	char buf[64];
	long i, bad = 0;

	for (i = 0; i < 400000; i++) {
		int digits = 1 + (int)(next() % 19), point = (int)(next() % 24);
		int k, o = 0, has_point = 0;
		double got = 0, want;
		enum num_status st;

		if (next() % 3 == 0)
			buf[o++] = '-';
		for (k = 0; k < digits; k++) {
			if (k == digits - point % (digits + 1) && k > 0) {
				buf[o++] = '.';
				has_point = 1;
			}
			buf[o++] = (char)('0' + next() % 10);
		}
		if (!has_point && next() % 7 == 0)
			buf[o++] = '.';
		buf[o] = '\0';
		st = parse_num(buf, (size_t)o, &got);
		want = strtod(buf, NULL);
		if (st != NUM_OK || memcmp(&got, &want, sizeof got) != 0) {
			if (bad++ < 5)
				printf("# parse_num(\"%s\") = %.17g, strtod %.17g\n",
				    buf, got, want);
		}
	}
	CHECK_INT(bad, 0);
	CHECK_INT(parse_num("1.2.", 4, &(double){0}), NUM_BAD);
	CHECK_INT(parse_num("-", 1, &(double){0}), NUM_BAD);
	CHECK_INT(parse_num("+.", 2, &(double){0}), NUM_BAD);
	/* Edges of the fast path. */
	{
		const char *cases[] = {"9007199254740993", "9007199254740992",
		    "0.1", "-0", "1.", ".5", "123456789012345678901234",
		    "0.0000000000000000000000001", "4.9e-324", "1e22", "1e23",
		    "-74.00748519439084", "40.74821053178345"};
		size_t c;
		for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
			double got = 0, want = strtod(cases[c], NULL);
			CHECK_INT(parse_num(cases[c], strlen(cases[c]), &got),
			    NUM_OK);
			CHECK(memcmp(&got, &want, sizeof got) == 0);
		}
	}
}

static const char *pieces[] = {"a", "", "12.5", "东城区", " spaced ",
    "\"quoted\"", "\"with,comma\"", "\"with \"\"quotes\"\"\"",
    "\"multi\nline\"", "\"\"", "x\"y", "\"crlf\r\ninside\"", "tab\there",
    "\"POLYGON ((0 0, 1 0, 1 1, 0 0))\"", "\"a\" b", "last"};

static void
csv_both_ways(void)
{
	struct csv_opts fast = {',', NULL, 0}, slow = {',', NULL, 1};
	char *text = NULL;
	size_t len = 0, cap = 0;
	int round, mismatches = 0;
	long records = 0;

	for (round = 0; round < 40; round++) {
		struct csvr *a, *b;
		struct csv_record *ra, *rb;
		struct err e;
		const char *path;
		int lines = 200 + (int)(next() % 300), l, ga, gb;

		len = 0;
		for (l = 0; l < lines; l++) {
			int nf = 1 + (int)(next() % 5), f;
			for (f = 0; f < nf; f++) {
				const char *p = pieces[next() % (sizeof pieces /
				    sizeof pieces[0])];
				size_t n = strlen(p);
				if (len + n + 4 > cap) {
					cap = (cap + n + 4) * 2;
					text = realloc(text, cap);
					if (text == NULL)
						return;
				}
				if (f > 0)
					text[len++] = ',';
				memcpy(text + len, p, n);
				len += n;
			}
			if (next() % 4 == 0)
				text[len++] = '\r';
			text[len++] = '\n';
			if (next() % 20 == 0)
				text[len++] = '\n'; /* a blank line */
		}
		if (round % 2 == 1)
			len--; /* no final line end */
		path = t_file("both.csv", text, len);
		if (csvr_open(&a, path, &fast, &e) < 0) {
			CHECK(0);
			continue;
		}
		if (csvr_open(&b, path, &slow, &e) < 0) {
			csvr_close(a);
			CHECK(0);
			continue;
		}
		for (;;) {
			size_t i;
			ga = csvr_next(a, &ra, &e);
			gb = csvr_next(b, &rb, &e);
			if (ga != gb) {
				mismatches++;
				break;
			}
			if (ga <= 0)
				break;
			records++;
			if (ra->nfields != rb->nfields || ra->line != rb->line ||
			    ra->unterminated != rb->unterminated) {
				if (mismatches++ < 3)
					printf("# line %ld/%ld: %zu vs %zu fields\n",
					    ra->line, rb->line, ra->nfields,
					    rb->nfields);
				continue;
			}
			for (i = 0; i < ra->nfields; i++)
				if (ra->len[i] != rb->len[i] ||
				    memcmp(ra->field[i], rb->field[i],
					ra->len[i]) != 0) {
					if (mismatches++ < 3)
						printf("# line %ld field %zu: "
						    "\"%s\" vs \"%s\"\n", ra->line, i,
						    ra->field[i], rb->field[i]);
				}
		}
		csvr_close(a);
		csvr_close(b);
	}
	free(text);
	printf("# fast CSV path: %ld records compared with libcsv\n", records);
	CHECK_INT(mismatches, 0);
	CHECK(records > 5000);
}

/* Messages quote values as valid UTF-8 whatever the input holds. */
static void
quoting(void)
{
	char q[100];

	CHECK_STR(quote_value(q, sizeof q, "\xe4\xb8\x9c\xe5\x9f\x8e", 6),
	    "\"\xe4\xb8\x9c\xe5\x9f\x8e\"");
	CHECK_STR(quote_value(q, sizeof q, "\xff\xfe", 2), "\"\\xff\\xfe\"");
	CHECK_STR(quote_value(q, sizeof q, "\xc0\xaf", 2), "\"\\xc0\\xaf\"");
	CHECK_STR(quote_value(q, sizeof q, "a\xe4\xb8", 3), "\"a\\xe4\\xb8\"");
	CHECK_STR(quote_value(q, sizeof q, "\xed\xa0\x80", 3),
	    "\"\\xed\\xa0\\x80\"");
	CHECK_STR(quote_value(q, sizeof q, "say \"hi\"\n", 9),
	    "\"say \\\"hi\\\"\\n\"");
}

void
suite_fast(void)
{
	quoting();
	numbers();
	csv_both_ways();
}
