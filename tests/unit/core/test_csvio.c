/*
 * The CSV reader and writer: header map, BOM, line ends, RFC 4180 quoting,
 * physical line numbers, separators, ragged and unterminated records, the
 * error messages word for word, GB18030 through iconv (also across the read
 * chunk), long records, the writer's bytes, failures and round trip, and
 * several input files read as one (csvin: order, names, line numbers, the
 * header that must not differ, stdin, missing and empty files).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/csvio.h"
#include "core/testhooks.h"
#include "../t.h"

void suite_csvio(void);

#define PATHMAX 512
#define CHUNK 65536 /* the reader's read(2) size */

/* UTF-8 and GB18030 spellings of the same Chinese text. */
#define U_QU "\xe5\x8c\xba"                         /* 区 */
#define U_SHU "\xe6\x95\xb0"                        /* 数 */
#define U_DCQ "\xe4\xb8\x9c\xe5\x9f\x8e\xe5\x8c\xba" /* 东城区 */
#define U_SMILE "\xf0\x9f\x98\x80"                  /* U+1F600 */
#define G_QU "\xc7\xf8"
#define G_SHU "\xca\xfd"
#define G_DCQ "\xb6\xab\xb3\xc7\xc7\xf8"
#define G_SMILE "\x94\x39\xfc\x36" /* four bytes in GB18030 */

/* Write bytes to a test file and open a reader on it; path gets its name. */
static struct csvr *
open_at(int at, char *path, const char *name, const char *bytes, size_t len,
    const struct csv_opts *o)
{
	struct csvr *r = NULL;
	struct err e;

	snprintf(path, PATHMAX, "%s", t_file(name, bytes, len));
	memset(&e, 0, sizeof e);
	if (csvr_open(&r, path, o, &e) < 0) {
		t_report(0, __FILE__, at, "csvr_open(%s) failed: %s", name, e.msg);
		return NULL;
	}
	t_report(1, __FILE__, at, "csvr_open");
	return r;
}
#define OPEN(path, name, lit, o) \
	open_at(__LINE__, (path), (name), (lit), sizeof(lit) - 1, (o))

/* Does the record hold exactly the fields in want (NULL-terminated)? */
static void
fields_are(int at, const struct csv_record *rec, const char *const *want)
{
	size_t n = 0, i;

	while (want[n] != NULL)
		n++;
	t_report(rec->nfields == n, __FILE__, at, "%zu fields, want %zu",
	    rec->nfields, n);
	for (i = 0; i < n && i < rec->nfields; i++) {
		size_t wl = strlen(want[i]);
		t_report(rec->len[i] == wl &&
		    memcmp(rec->field[i], want[i], wl) == 0 &&
		    rec->field[i][wl] == '\0', __FILE__, at,
		    "field %zu is \"%s\" (%zu bytes), want \"%s\" (%zu bytes)",
		    i, rec->field[i], rec->len[i], want[i], wl);
	}
}

/* The next record starts on line and holds exactly want. */
static void
rec_is(int at, struct csvr *r, long line, const char *const *want)
{
	struct csv_record *rec = NULL;
	struct err e;
	int rc;

	memset(&e, 0, sizeof e);
	rc = csvr_next(r, &rec, &e);
	if (rc != 1) {
		t_report(0, __FILE__, at,
		    "csvr_next gave %d, want the record of line %ld (%s)", rc,
		    line, e.msg);
		return;
	}
	t_report(rec->line == line, __FILE__, at, "record on line %ld, want %ld",
	    rec->line, line);
	t_report(!rec->unterminated, __FILE__, at, "record marked unterminated");
	fields_are(at, rec, want);
}
#define REC(r, line, ...) \
	rec_is(__LINE__, (r), (line), (const char *const[]){__VA_ARGS__, NULL})
#define HDR(r, ...) \
	fields_are(__LINE__, csvr_header(r), \
	    (const char *const[]){__VA_ARGS__, NULL})

/* The input is over, and stays over. */
static void
end_is(int at, struct csvr *r)
{
	struct csv_record *rec = NULL;
	struct err e;
	int rc1, rc2;

	memset(&e, 0, sizeof e);
	rc1 = csvr_next(r, &rec, &e);
	rc2 = csvr_next(r, &rec, &e);
	t_report(rc1 == 0 && rc2 == 0, __FILE__, at,
	    "csvr_next at the end gave %d then %d, want 0 and 0 (%s)", rc1,
	    rc2, e.msg);
}
#define END(r) end_is(__LINE__, (r))

/* csvr_open must fail with this kind and exactly this message. */
static void
open_fails(int at, const char *path, const struct csv_opts *o,
    enum err_kind kind, const char *msg)
{
	struct csvr *r = NULL;
	struct err e;
	int rc;

	memset(&e, 0, sizeof e);
	rc = csvr_open(&r, path, o, &e);
	t_report(rc == -1, __FILE__, at, "csvr_open(%s) gave %d, want -1",
	    path, rc);
	if (rc == 0)
		csvr_close(r);
	t_report(e.kind == kind, __FILE__, at, "error kind %d, want %d",
	    (int)e.kind, (int)kind);
	t_report(strcmp(e.msg, msg) == 0, __FILE__, at,
	    "message \"%s\", want \"%s\"", e.msg, msg);
}

static void
header_and_columns(void)
{
	char path[PATHMAX], want[PATHMAX + 100];
	struct csvr *r;
	struct err e;
	size_t idx;

	r = OPEN(path, "cols.csv", "a,b,c\n1,2,3\n", NULL);
	if (r == NULL)
		return;
	CHECK_STR(csvr_name(r), path);
	HDR(r, "a", "b", "c");
	CHECK_INT(csvr_header(r)->line, 1);
	idx = 99;
	CHECK_INT(csvr_column(r, "a", &idx, &e), 0);
	CHECK_INT(idx, 0);
	CHECK_INT(csvr_column(r, "c", &idx, &e), 0);
	CHECK_INT(idx, 2);
	CHECK_INT(csvr_column(r, "3", &idx, &e), 0);
	CHECK_INT(idx, 2);
	CHECK_INT(csvr_column(r, "1", &idx, &e), 0);
	CHECK_INT(idx, 0);

	memset(&e, 0, sizeof e);
	idx = 99;
	CHECK_INT(csvr_column(r, "lat", &idx, &e), -1);
	CHECK_INT(idx, 99);
	CHECK_INT(e.kind, ERR_DATA);
	snprintf(want, sizeof want, "%s: no column \"lat\"; the header is: a,b,c",
	    path);
	CHECK_STR(e.msg, want);
	/* Positions are 1-based and within the header; names are exact. */
	memset(&e, 0, sizeof e);
	CHECK_INT(csvr_column(r, "0", &idx, &e), -1);
	snprintf(want, sizeof want, "%s: no column \"0\"; the header is: a,b,c",
	    path);
	CHECK_STR(e.msg, want);
	CHECK_INT(csvr_column(r, "4", &idx, &e), -1);
	CHECK_INT(csvr_column(r, "A", &idx, &e), -1);
	CHECK_INT(csvr_column(r, " a", &idx, &e), -1);
	CHECK_INT(csvr_column(r, "2x", &idx, &e), -1);
	CHECK_INT(csvr_column(r, "-1", &idx, &e), -1);
	CHECK_INT(csvr_column(r, "99999999999999999999999", &idx, &e), -1);
	memset(&e, 0, sizeof e);
	CHECK_INT(csvr_column(r, "", &idx, &e), -1);
	snprintf(want, sizeof want, "%s: no column \"\"; the header is: a,b,c",
	    path);
	CHECK_STR(e.msg, want);
	REC(r, 2, "1", "2", "3");
	END(r);
	csvr_close(r);
	csvr_close(NULL);

	/* A wide header is listed in part, and the cut is marked. */
	{
		static const char *const fmts[] = {"c%03d", "cc%04d", "c%d"};
		size_t k;

		for (k = 0; k < sizeof fmts / sizeof fmts[0]; k++) {
			struct buf b = {NULL, 0, 0};
			char name[32], pre[PATHMAX + 100];
			const char *list;
			int i;

			for (i = 1; i <= 200; i++) {
				int n = snprintf(name, sizeof name, fmts[k], i);
				if (i > 1)
					buf_append(&b, ",", 1);
				buf_append(&b, name, (size_t)n);
			}
			buf_append(&b, "\n", 1);
			r = open_at(__LINE__, path, "wide.csv", b.data, b.len,
			    NULL);
			free(b.data);
			if (r == NULL)
				continue;
			memset(&e, 0, sizeof e);
			CHECK_INT(csvr_column(r, "x", &idx, &e), -1);
			snprintf(pre, sizeof pre,
			    "%s: no column \"x\"; the header is: ", path);
			CHECK(strncmp(e.msg, pre, strlen(pre)) == 0);
			list = e.msg + strlen(pre);
			snprintf(name, sizeof name, fmts[k], 1);
			CHECK(strncmp(list, name, strlen(name)) == 0);
			CHECK(strlen(list) >= 500 && strlen(list) < 600);
			CHECK(strlen(list) >= 3 &&
			    strcmp(list + strlen(list) - 3, "...") == 0);
			csvr_close(r);
		}
	}

	/* With a name twice, the first one is meant. */
	r = OPEN(path, "dup.csv", "a,b,a\n", NULL);
	if (r == NULL)
		return;
	CHECK_INT(csvr_column(r, "a", &idx, &e), 0);
	CHECK_INT(idx, 0);
	CHECK_INT(csvr_column(r, "3", &idx, &e), 0);
	CHECK_INT(idx, 2);
	csvr_close(r);

	/* A name that looks like a position wins over the position. */
	r = OPEN(path, "cols2.csv", "x,3,y\n", NULL);
	if (r == NULL)
		return;
	CHECK_INT(csvr_column(r, "3", &idx, &e), 0);
	CHECK_INT(idx, 1);
	CHECK_INT(csvr_column(r, "2", &idx, &e), 0);
	CHECK_INT(idx, 1);
	CHECK_INT(csvr_column(r, "1", &idx, &e), 0);
	CHECK_INT(idx, 0);
	END(r);
	csvr_close(r);
}

static void
bom_and_line_ends(void)
{
	char path[PATHMAX], want[PATHMAX + 200];
	struct csvr *r;

	/* BOM, CRLF, LF, a blank line, no newline at the end. */
	r = OPEN(path, "bom.csv",
	    "\xef\xbb\xbfid,name\r\n1,x\r\n2,y\n\n3,z", NULL);
	if (r == NULL)
		return;
	HDR(r, "id", "name");
	REC(r, 2, "1", "x");
	REC(r, 3, "2", "y");
	REC(r, 5, "3", "z");
	END(r);
	csvr_close(r);

	/* A BOM before a quoted name; only the first three bytes go. */
	r = OPEN(path, "bom2.csv",
	    "\xef\xbb\xbf\"id\",n\n\xef\xbb\xbfx,1\r\n", NULL);
	if (r == NULL)
		return;
	HDR(r, "id", "n");
	REC(r, 2, "\xef\xbb\xbfx", "1");
	END(r);
	csvr_close(r);

	/* Blank lines before the header, CRLF blank lines, last field quoted
	 * without a newline, a trailing empty field without a newline. */
	r = OPEN(path, "blank.csv",
	    "\n\r\na,b\r\n\r\n\n1,\"q\"\r\n\r\n2,\"\"\n3,", NULL);
	if (r == NULL)
		return;
	HDR(r, "a", "b");
	CHECK_INT(csvr_header(r)->line, 3);
	REC(r, 6, "1", "q");
	REC(r, 8, "2", "");
	REC(r, 9, "3", "");
	END(r);
	csvr_close(r);

	/* Two bytes of a BOM are not one: they stay in the header name,
	 * which is then not UTF-8 (issue 11), and the message shows them. */
	snprintf(path, PATHMAX, "%s", t_file("nobom.csv", "\xef\xbb,x\n", 5));
	snprintf(want, sizeof want, "%s:1: header field 1: not valid UTF-8 at "
	    "byte 1 (is the file GB18030? convert it to UTF-8): "
	    "\"\\xef\\xbb\"", path);
	open_fails(__LINE__, path, NULL, ERR_DATA, want);
}

static void
quoting(void)
{
	char path[PATHMAX];
	struct csvr *r;

	r = OPEN(path, "quote.csv",
	    "h1,h2,h3\n"
	    "\"a,b\",\"say \"\"hi\"\"\",\"multi\nline\"\n"
	    "\"x\r\ny\",plain,\"\"\n"
	    "\"\",\"\",\"\"\n"
	    "\"\",\"x\",\"\"\n"
	    "\"\"\"\",\"a\"\"\",\"\"\"b\"\n"
	    "last,\"\r\",\"\n\"\n"
	    "in\"side,\"ok\",z\n", NULL);
	if (r == NULL)
		return;
	HDR(r, "h1", "h2", "h3");
	REC(r, 2, "a,b", "say \"hi\"", "multi\nline");
	REC(r, 4, "x\r\ny", "plain", "");
	/* Line 6, three quoted empty fields, is a row of blanks, skipped
	 * (issue 11); quoted empty fields beside a value are kept. */
	REC(r, 7, "", "x", "");
	REC(r, 8, "\"", "a\"", "\"b");
	REC(r, 9, "last", "\r", "\n");
	/* A lone quote inside an unquoted field is kept as it is.  Line
	 * 12: the quoted CR on line 9 ended a line of its own (CR, LF and
	 * CRLF each end one). */
	REC(r, 12, "in\"side", "ok", "z");
	END(r);
	csvr_close(r);

	/* Fields may hold NUL bytes: len is the truth. */
	r = OPEN(path, "nul.csv", "a,b\nx\0y,\"p\0q\"\n", NULL);
	if (r == NULL)
		return;
	{
		struct csv_record *rec = NULL;
		struct err e;

		CHECK_INT(csvr_next(r, &rec, &e), 1);
		if (rec != NULL && rec->nfields == 2) {
			CHECK_INT(rec->len[0], 3);
			CHECK(memcmp(rec->field[0], "x\0y", 4) == 0);
			CHECK_INT(rec->len[1], 3);
			CHECK(memcmp(rec->field[1], "p\0q", 4) == 0);
		} else {
			CHECK(rec != NULL && rec->nfields == 2);
		}
	}
	END(r);
	csvr_close(r);
}

static void
line_numbers(void)
{
	char path[PATHMAX];
	struct csvr *r;

	r = OPEN(path, "lines.csv",
	    "a,b\n"              /* 1 */
	    "1,\"x\ny\nz\"\n"    /* 2-4 */
	    "2,w\n"              /* 5 */
	    "\n"                 /* 6 */
	    "\r\n"               /* 7 */
	    "3,v\n"              /* 8 */
	    "\"p\n\nq\",4\r\n"   /* 9-11: a blank line inside quotes */
	    "\"\r\n\r\n\",5\n"   /* 12-14: the first field spans lines */
	    "5,u", NULL);        /* 15 */
	if (r == NULL)
		return;
	REC(r, 2, "1", "x\ny\nz");
	REC(r, 5, "2", "w");
	REC(r, 8, "3", "v");
	REC(r, 9, "p\n\nq", "4");
	REC(r, 12, "\r\n\r\n", "5");
	REC(r, 15, "5", "u");
	END(r);
	csvr_close(r);

	/* The header itself can span lines. */
	r = OPEN(path, "hdrlines.csv", "\"a\nb\",c\n1,2\n", NULL);
	if (r == NULL)
		return;
	HDR(r, "a\nb", "c");
	CHECK_INT(csvr_header(r)->line, 1);
	REC(r, 3, "1", "2");
	END(r);
	csvr_close(r);
}

static void
separators(void)
{
	char path[PATHMAX];
	struct csv_opts semi = {.delim = ';'}, tab = {.delim = '\t'};
	struct csvr *r;

	r = OPEN(path, "semi.csv",
	    "a;b;c\n1,5; x ;\n\"p;q\";\"\";, \n;;\n", &semi);
	if (r == NULL)
		return;
	HDR(r, "a", "b", "c");
	REC(r, 2, "1,5", " x ", "");
	REC(r, 3, "p;q", "", ", ");
	/* ";;" is a row of separators: skipped (issue 11). */
	END(r);
	CHECK_INT(csvr_skipped(r), 1);
	csvr_close(r);

	r = OPEN(path, "tab.tsv",
	    "a\tb\n 1 \t\n\"x\ty\"\t,\n\t \t\n", &tab);
	if (r == NULL)
		return;
	HDR(r, "a", "b");
	REC(r, 2, " 1 ", "");
	REC(r, 3, "x\ty", ",");
	/* "\t \t" is separators and a blank: skipped (issue 11). */
	END(r);
	CHECK_INT(csvr_skipped(r), 1);
	csvr_close(r);

	/* Spaces are data with the comma too, quoted or not. */
	r = OPEN(path, "space.csv", " a , b \n \"q\" ,  \n", NULL);
	if (r == NULL)
		return;
	HDR(r, " a ", " b ");
	REC(r, 2, " \"q\" ", "  ");
	END(r);
	csvr_close(r);
}

static void
ragged_and_unterminated(void)
{
	char path[PATHMAX], want[PATHMAX + 100], hdrpath[PATHMAX];
	struct csvr *r;
	struct csv_record *rec = NULL;
	struct err e;

	r = OPEN(path, "ragged.csv",
	    "a,b,c\n1,2\n\n1,2,3,4\n1,2,3\n\"x\ny\",2\n", NULL);
	if (r == NULL)
		return;
	memset(&e, 0, sizeof e);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(rec->nfields, 2);
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	snprintf(want, sizeof want,
	    "%s:2: expected 3 fields as in the header, found 2", path);
	CHECK_STR(e.msg, want);
	memset(&e, 0, sizeof e);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(rec->nfields, 4);
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	snprintf(want, sizeof want,
	    "%s:4: expected 3 fields as in the header, found 4", path);
	CHECK_STR(e.msg, want);
	memset(&e, 0, sizeof e);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), 0);
	CHECK_INT(e.kind, ERR_NONE);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	snprintf(want, sizeof want,
	    "%s:6: expected 3 fields as in the header, found 2", path);
	CHECK_STR(e.msg, want);
	END(r);
	csvr_close(r);

	/* The input ends inside quotes: one last record, marked. */
	r = OPEN(path, "unterm.csv", "a,b,c\n1,2,3\n4,\"5,6\n7,8,9\n", NULL);
	if (r == NULL)
		return;
	REC(r, 2, "1", "2", "3");
	memset(&e, 0, sizeof e);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(rec->line, 3);
	CHECK_INT(rec->unterminated, 1);
	CHECK_INT(rec->nfields, 2);
	if (rec->nfields == 2)
		CHECK_STR(rec->field[1], "5,6\n7,8,9\n");
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	snprintf(want, sizeof want,
	    "%s:3: unterminated quoted field at end of input", path);
	CHECK_STR(e.msg, want);
	END(r);
	csvr_close(r);

	/* A doubled quote at the very end does not close the field. */
	r = OPEN(path, "unterm2.csv", "a,b,c\n\n1,2,\"3\"\"", NULL);
	if (r == NULL)
		return;
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(rec->line, 3);
	CHECK_INT(rec->unterminated, 1);
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	snprintf(want, sizeof want,
	    "%s:3: unterminated quoted field at end of input", path);
	CHECK_STR(e.msg, want);
	END(r);
	csvr_close(r);

	/* A closed quote at the very end is fine. */
	r = OPEN(path, "term.csv", "a,b,c\n1,2,\"3\"\"\"", NULL);
	if (r == NULL)
		return;
	REC(r, 2, "1", "2", "3\"");
	END(r);
	csvr_close(r);

	snprintf(hdrpath, sizeof hdrpath, "%s",
	    t_file("unterm-hdr.csv", "a,\"b\nc\n", 7));
	snprintf(want, sizeof want,
	    "%s:1: unterminated quoted field in header", hdrpath);
	open_fails(__LINE__, hdrpath, NULL, ERR_DATA, want);
}

static void
open_errors(void)
{
	char path[PATHMAX], want[PATHMAX + 100];
	struct csv_opts bad = {.encoding = "klingon-8"};

	snprintf(path, sizeof path, "%s", t_file("empty.csv", "", 0));
	snprintf(want, sizeof want, "%s: empty input: a header row is required",
	    path);
	open_fails(__LINE__, path, NULL, ERR_DATA, want);

	snprintf(path, sizeof path, "%s", t_file("blanks.csv", "\n\r\n\n", 4));
	snprintf(want, sizeof want, "%s: empty input: a header row is required",
	    path);
	open_fails(__LINE__, path, NULL, ERR_DATA, want);

	snprintf(path, sizeof path, "%s", t_file("bomonly.csv", "\xef\xbb\xbf",
	    3));
	snprintf(want, sizeof want, "%s: empty input: a header row is required",
	    path);
	open_fails(__LINE__, path, NULL, ERR_DATA, want);

	snprintf(path, sizeof path, "%s/no-such-file.csv", t_dir());
	snprintf(want, sizeof want, "%s: %s", path, strerror(ENOENT));
	open_fails(__LINE__, path, NULL, ERR_IO, want);

	/* A directory opens but cannot be read. */
	snprintf(want, sizeof want, "%s: read error: %s", t_dir(),
	    strerror(EISDIR));
	open_fails(__LINE__, t_dir(), NULL, ERR_IO, want);

	snprintf(path, sizeof path, "%s", t_file("enc.csv", "a\n1\n", 4));
	open_fails(__LINE__, path, &bad, ERR_USAGE,
	    "unknown encoding: \"klingon-8\"");
}

static void
encodings(void)
{
	static const char gb[] = G_QU "," G_SHU "\n" G_DCQ ",12\n";
	static const char *const names[] = {"gb18030", "GBK", "GB18030", "gbk"};
	static const char *const asis[] = {NULL, "", "utf-8", "UTF-8", "utf8"};
	char path[PATHMAX], want[PATHMAX + 200];
	struct csvr *r;
	struct csv_record *rec = NULL;
	struct err e;
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct csv_opts o = {.delim = ',', .encoding = names[i]};
		r = OPEN(path, "gb.csv", gb, &o);
		if (r == NULL)
			continue;
		HDR(r, U_QU, U_SHU);
		REC(r, 2, U_DCQ, "12");
		END(r);
		csvr_close(r);
	}
	/* UTF-8 passes through as it is. */
	for (i = 0; i < sizeof asis / sizeof asis[0]; i++) {
		struct csv_opts o = {.delim = ',', .encoding = asis[i]};
		r = OPEN(path, "u8.csv", U_QU "," U_SHU "\n" U_DCQ ",12\n", &o);
		if (r == NULL)
			continue;
		HDR(r, U_QU, U_SHU);
		REC(r, 2, U_DCQ, "12");
		END(r);
		csvr_close(r);
	}
	/* Four-byte GB18030, quotes and line ends after conversion; the
	 * GB18030 byte order mark becomes a UTF-8 one and is dropped. */
	{
		struct csv_opts o = {.delim = ',', .encoding = "gb18030"};
		r = OPEN(path, "gb4.csv", "\x84\x31\x95\x33" G_QU "," G_SHU
		    "\r\n\"" G_SMILE ",\n" G_DCQ "\",\"\"\"" G_QU "\"\r\n", &o);
		if (r != NULL) {
			HDR(r, U_QU, U_SHU);
			REC(r, 2, U_SMILE ",\n" U_DCQ, "\"" U_QU);
			END(r);
			csvr_close(r);
		}
	}
	/* Invalid bytes: the records before them come out, then the error,
	 * on the line that holds the bad bytes. */
	{
		struct csv_opts o = {.delim = ',', .encoding = "gb18030"};
		r = OPEN(path, "gbbad.csv",
		    G_QU "," G_SHU "\n" G_DCQ ",1\n\x81\x20,2\n", &o);
		if (r != NULL) {
			REC(r, 2, U_DCQ, "1");
			memset(&e, 0, sizeof e);
			CHECK_INT(csvr_next(r, &rec, &e), -1);
			CHECK_INT(e.kind, ERR_DATA);
			snprintf(want, sizeof want,
			    "%s:3: invalid byte sequence for encoding: "
			    "\"\\x81 ,2\"", path);
			CHECK_STR(e.msg, want);
			CHECK(strstr(e.msg, "invalid byte sequence") != NULL);
			/* The error stays. */
			memset(&e, 0, sizeof e);
			CHECK_INT(csvr_next(r, &rec, &e), -1);
			CHECK_STR(e.msg, want);
			csvr_close(r);
		}
	}
	{
		struct csv_opts o = {.delim = ',', .encoding = "GBK"};
		/* GBK has no four-byte sequences. */
		r = OPEN(path, "gbkbad.csv",
		    G_QU "," G_SHU "\n" G_SMILE ",1\n", &o);
		if (r != NULL) {
			memset(&e, 0, sizeof e);
			CHECK_INT(csvr_next(r, &rec, &e), -1);
			CHECK_INT(e.kind, ERR_DATA);
			snprintf(want, sizeof want, "%s:2: invalid byte sequence",
			    path);
			CHECK(strncmp(e.msg, want, strlen(want)) == 0);
			csvr_close(r);
		}
	}
	/* A multibyte character cut by the end of the input. */
	{
		struct csv_opts o = {.delim = ',', .encoding = "gb18030"};
		r = OPEN(path, "gbcut.csv", G_QU "," G_SHU "\n1,\xb6", &o);
		if (r != NULL) {
			memset(&e, 0, sizeof e);
			CHECK_INT(csvr_next(r, &rec, &e), -1);
			CHECK_INT(e.kind, ERR_DATA);
			snprintf(want, sizeof want, "%s:2: invalid byte sequence",
			    path);
			CHECK(strncmp(e.msg, want, strlen(want)) == 0);
			csvr_close(r);
		}
	}
	/* Bad bytes in the header line make csvr_open fail. */
	{
		struct csv_opts o = {.delim = ',', .encoding = "gb18030"};
		snprintf(path, sizeof path, "%s",
		    t_file("gbbadhdr.csv", "a,\x81\x20\n1,2\n", 9));
		snprintf(want, sizeof want,
		    "%s:1: invalid byte sequence for encoding: \"\\x81 \\n1\"",
		    path);
		open_fails(__LINE__, path, &o, ERR_DATA, want);
	}
}

/*
 * GB18030 input of more than two read chunks.  Every row has the same
 * length (17 bytes), and a header padded by 0 to 16 bytes shifts the rows
 * so that over the 17 files the chunk boundary falls on every byte of a
 * row, inside the two-byte and the four-byte characters too.
 */
static void
gb18030_chunks(void)
{
	enum { ROWLEN = 17, NROWS = 9000 };
	struct csv_opts o = {.delim = ',', .encoding = "gb18030"};
	char path[PATHMAX], hname[64], num[32];
	struct buf b = {NULL, 0, 0};
	int pad, i;

	for (pad = 0; pad < ROWLEN; pad++) {
		struct csvr *r = NULL;
		struct csv_record *rec = NULL;
		struct err e;
		long bad = 0, n = 0;
		int rc;

		b.len = 0;
		for (i = 0; i < pad; i++)
			buf_append(&b, "p", 1);
		buf_append(&b, G_QU "," G_SHU "\n", 6);
		for (i = 0; i < NROWS; i++) {
			snprintf(num, sizeof num, "%05d,", i);
			buf_append(&b, num, 6);
			buf_append(&b, G_DCQ G_SMILE "\n", 11);
		}
		CHECK_INT(b.len, (size_t)pad + 6 + (size_t)NROWS * ROWLEN);
		CHECK(b.len > 2 * CHUNK);
		snprintf(path, sizeof path, "%s", t_file("gbbig.csv", b.data,
		    b.len));
		memset(&e, 0, sizeof e);
		if (csvr_open(&r, path, &o, &e) < 0) {
			t_report(0, __FILE__, __LINE__, "open: %s", e.msg);
			continue;
		}
		snprintf(hname, sizeof hname, "%.*s" U_QU, pad,
		    "pppppppppppppppppppp");
		HDR(r, hname, U_SHU);
		while ((rc = csvr_next(r, &rec, &e)) == 1) {
			snprintf(num, sizeof num, "%05ld", n);
			if (rec->nfields != 2 || rec->line != n + 2 ||
			    rec->len[0] != 5 || strcmp(rec->field[0], num) != 0 ||
			    rec->len[1] != strlen(U_DCQ U_SMILE) ||
			    strcmp(rec->field[1], U_DCQ U_SMILE) != 0) {
				if (bad++ == 0)
					t_report(0, __FILE__, __LINE__,
					    "pad %d: record %ld on line %ld "
					    "has %zu fields: \"%s\"", pad, n,
					    rec->line, rec->nfields,
					    rec->field[0]);
			}
			n++;
		}
		CHECK_INT(rc, 0);
		CHECK_INT(n, NROWS);
		CHECK_INT(bad, 0);
		csvr_close(r);
	}
	free(b.data);
}

/*
 * UTF-8 input of more than two read chunks whose records each span three
 * physical lines, with quotes, a comma, CRLF and LF inside; padding the
 * header puts the chunk boundary on every byte of a record over the files.
 */
static void
multiline_chunks(void)
{
	static const char tail[] = ",\"a\r\nb \"\"q\"\", c\n" U_QU "\",end\r\n";
	static const char want1[] = "a\r\nb \"q\", c\n" U_QU;
	enum { NROWS = 5000 };
	size_t rowlen = 5 + sizeof tail - 1;
	char path[PATHMAX], hname[80], num[32];
	struct buf b = {NULL, 0, 0};
	size_t pad;
	int i;

	for (pad = 0; pad < rowlen; pad++) {
		struct csvr *r = NULL;
		struct csv_record *rec = NULL;
		struct err e;
		long bad = 0, n = 0;
		int rc;

		b.len = 0;
		for (i = 0; i < (int)pad; i++)
			buf_append(&b, "h", 1);
		buf_append(&b, ",t,u\n", 5);
		for (i = 0; i < NROWS; i++) {
			snprintf(num, sizeof num, "%05d", i);
			buf_append(&b, num, 5);
			buf_append(&b, tail, sizeof tail - 1);
		}
		CHECK(b.len > 2 * CHUNK);
		snprintf(path, sizeof path, "%s", t_file("mlbig.csv", b.data,
		    b.len));
		memset(&e, 0, sizeof e);
		if (csvr_open(&r, path, NULL, &e) < 0) {
			t_report(0, __FILE__, __LINE__, "open: %s", e.msg);
			continue;
		}
		snprintf(hname, sizeof hname, "%.*s", (int)pad,
		    "hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh");
		HDR(r, hname, "t", "u");
		while ((rc = csvr_next(r, &rec, &e)) == 1) {
			snprintf(num, sizeof num, "%05ld", n);
			if (rec->nfields != 3 || rec->line != 3 * n + 2 ||
			    rec->unterminated || rec->len[0] != 5 ||
			    strcmp(rec->field[0], num) != 0 ||
			    rec->len[1] != sizeof want1 - 1 ||
			    strcmp(rec->field[1], want1) != 0 ||
			    rec->len[2] != 3 || strcmp(rec->field[2], "end") != 0) {
				if (bad++ == 0)
					t_report(0, __FILE__, __LINE__,
					    "pad %zu: record %ld on line %ld "
					    "has %zu fields: \"%s\"", pad, n,
					    rec->line, rec->nfields,
					    rec->field[0]);
			}
			n++;
		}
		CHECK_INT(rc, 0);
		CHECK_INT(n, NROWS);
		CHECK_INT(bad, 0);
		csvr_close(r);
	}
	free(b.data);
}

/* Records far longer than a read chunk, plain and quoted. */
static void
long_records(void)
{
	enum { BIG = 200000 };
	char path[PATHMAX];
	struct buf b = {NULL, 0, 0};
	char *plain, *quoted;
	struct csvr *r = NULL;
	struct csv_record *rec = NULL;
	struct err e;
	long nl = 0;
	size_t i;

	plain = malloc(BIG);
	quoted = malloc(BIG);
	if (plain == NULL || quoted == NULL) {
		CHECK(0);
		free(plain);
		free(quoted);
		return;
	}
	for (i = 0; i < BIG; i++)
		plain[i] = (char)('a' + i % 26);
	for (i = 0; i < BIG; i++) {
		quoted[i] = i % 1000 == 999 ? '\n' : i % 7 == 3 ? ',' :
		    (char)('A' + i % 26);
		if (quoted[i] == '\n')
			nl++;
	}
	buf_append(&b, "k,v\n1,", 6);
	buf_append(&b, plain, BIG);
	buf_append(&b, "\n2,\"", 4);
	buf_append(&b, quoted, BIG);
	buf_append(&b, "\"\n3,end\n", 8);
	snprintf(path, sizeof path, "%s", t_file("long.csv", b.data, b.len));
	memset(&e, 0, sizeof e);
	CHECK_INT(csvr_open(&r, path, NULL, &e), 0);
	if (r != NULL) {
		CHECK_INT(csvr_next(r, &rec, &e), 1);
		CHECK_INT(rec->line, 2);
		CHECK_INT(rec->nfields, 2);
		CHECK_INT(rec->len[1], BIG);
		CHECK(rec->len[1] == BIG &&
		    memcmp(rec->field[1], plain, BIG) == 0 &&
		    rec->field[1][BIG] == '\0');
		CHECK_INT(csvr_next(r, &rec, &e), 1);
		CHECK_INT(rec->line, 3);
		CHECK_INT(rec->nfields, 2);
		CHECK_INT(rec->len[1], BIG);
		CHECK(rec->len[1] == BIG &&
		    memcmp(rec->field[1], quoted, BIG) == 0);
		REC(r, 4 + nl, "3", "end");
		END(r);
		csvr_close(r);
	}
	free(b.data);
	free(plain);
	free(quoted);
}

/* The header stays valid and unchanged while records come and go. */
static void
header_survives(void)
{
	char path[PATHMAX];
	struct buf b = {NULL, 0, 0};
	struct csvr *r = NULL;
	struct csv_record *rec = NULL;
	const struct csv_record *h;
	struct err e;
	long n = 0;
	int i;

	buf_append(&b, "name,\"value\"\n", 13);
	for (i = 0; i < 20000; i++)
		buf_append(&b, "nnnnnnnnnn,vvvvvvvvvvvvv\n", 25);
	snprintf(path, sizeof path, "%s", t_file("hdr.csv", b.data, b.len));
	free(b.data);
	CHECK_INT(csvr_open(&r, path, NULL, &e), 0);
	if (r == NULL)
		return;
	h = csvr_header(r);
	while (csvr_next(r, &rec, &e) == 1)
		n++;
	CHECK_INT(n, 20000);
	CHECK(h == csvr_header(r));
	HDR(r, "name", "value");
	csvr_close(r);
}

/* Standard input is "-" (or NULL) and is named <stdin>. */
static void
from_stdin(void)
{
	const char *path = t_file("stdin.csv", "a,b\n1,2\n", 8);
	const char *const specs[] = {"-", NULL};
	int k;

	for (k = 0; k < 2; k++) {
		int fd = open(path, O_RDONLY), saved = dup(0);
		struct csvr *r = NULL;
		struct err e;

		CHECK(fd >= 0 && saved >= 0);
		if (fd < 0 || saved < 0)
			return;
		dup2(fd, 0);
		close(fd);
		memset(&e, 0, sizeof e);
		CHECK_INT(csvr_open(&r, specs[k], NULL, &e), 0);
		if (r != NULL) {
			CHECK_STR(csvr_name(r), "<stdin>");
			HDR(r, "a", "b");
			REC(r, 2, "1", "2");
			END(r);
			csvr_close(r);
		}
		/* The reader does not close standard input. */
		CHECK(fcntl(0, F_GETFD) != -1);
		dup2(saved, 0);
		close(saved);
	}
}

/*
 * A pipe that delivers the first bytes alone: the byte order mark arrives
 * in pieces (or, through iconv, as an incomplete character) and must still
 * be recognised.  Timing can only make this test easier, never wrong.
 */
static void
pipe_case(int at, const char *a, size_t alen, const char *b, size_t blen,
    const char *encoding)
{
	struct csv_opts o = {.delim = ',', .encoding = encoding};
	struct csvr *r = NULL;
	struct err e;
	int p[2], saved;
	pid_t pid;

	if (pipe(p) < 0) {
		t_report(0, __FILE__, at, "pipe: %s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid < 0) {
		t_report(0, __FILE__, at, "fork: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		return;
	}
	if (pid == 0) {
		struct timespec ts = {0, 200 * 1000 * 1000};
		close(p[0]);
		if (write(p[1], a, alen) < 0)
			_exit(1);
		nanosleep(&ts, NULL);
		if (write(p[1], b, blen) < 0)
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	saved = dup(0);
	dup2(p[0], 0);
	close(p[0]);
	memset(&e, 0, sizeof e);
	t_report(csvr_open(&r, "-", &o, &e) == 0, __FILE__, at, "open: %s",
	    e.msg);
	if (r != NULL) {
		fields_are(at, csvr_header(r), (const char *const[]){"a", "b",
		    NULL});
		rec_is(at, r, 2, (const char *const[]){"1", "2", NULL});
		end_is(at, r);
		csvr_close(r);
	}
	dup2(saved, 0);
	close(saved);
	waitpid(pid, NULL, 0);
}

static void
pipes(void)
{
	pipe_case(__LINE__, "\xef", 1, "\xbb\xbf" "a,b\n1,2\n", 10, NULL);
	pipe_case(__LINE__, "\xef\xbb", 2, "\xbf" "a,b\n1,2\n", 9, NULL);
	pipe_case(__LINE__, "\x84\x31", 2, "\x95\x33" "a,b\n1,2\n", 10,
	    "gb18030");
	pipe_case(__LINE__, "a", 1, ",b\n1,2\n", 7, "gb18030");
}

/* --- writing --- */

static void
writer_bytes(void)
{
	static const char want[] =
	    "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rx\",, sp ,"
	    "semi;colon,\"\"\"\",1,5\n"
	    U_DCQ ",\n"
	    "\"\"\n"
	    "\n"
	    "x\n";
	char path[PATHMAX];
	struct csvw *w;
	struct err e;
	size_t len = 0;
	char *got;

	snprintf(path, sizeof path, "%s/out.csv", t_dir());
	memset(&e, 0, sizeof e);
	w = csvw_open(path, &e);
	CHECK(w != NULL);
	if (w == NULL)
		return;
	CHECK_INT(csvw_str(w, "plain", &e), 0);
	CHECK_INT(csvw_str(w, "a,b", &e), 0);
	CHECK_INT(csvw_str(w, "say \"hi\"", &e), 0);
	CHECK_INT(csvw_field(w, "two\nlinesXX", 9, &e), 0);
	CHECK_INT(csvw_str(w, "cr\rx", &e), 0);
	CHECK_INT(csvw_str(w, "", &e), 0);
	CHECK_INT(csvw_str(w, " sp ", &e), 0);
	CHECK_INT(csvw_str(w, "semi;colon", &e), 0);
	CHECK_INT(csvw_str(w, "\"", &e), 0);
	CHECK_INT(csvw_raw(w, "1,5", 3, &e), 0);
	CHECK_INT(csvw_end(w, &e), 0);
	CHECK_INT(csvw_str(w, U_DCQ, &e), 0);
	CHECK_INT(csvw_str(w, "", &e), 0);
	CHECK_INT(csvw_end(w, &e), 0);
	CHECK_INT(csvw_str(w, "", &e), 0); /* a lone empty field: "" */
	CHECK_INT(csvw_end(w, &e), 0);
	CHECK_INT(csvw_end(w, &e), 0); /* a record without fields */
	CHECK_INT(csvw_raw(w, "x", 1, &e), 0);
	CHECK_INT(csvw_end(w, &e), 0);
	CHECK_INT(csvw_close(w, &e), 0);
	CHECK_INT(e.kind, ERR_NONE);
	got = t_slurp(path, &len);
	CHECK(got != NULL);
	if (got != NULL) {
		CHECK_INT(len, sizeof want - 1);
		CHECK(len == sizeof want - 1 && memcmp(got, want, len) == 0);
		CHECK_STR(got, want);
	}
	free(got);

	/* csvw_open truncates. */
	w = csvw_open(path, &e);
	CHECK(w != NULL);
	if (w != NULL) {
		CHECK_INT(csvw_str(w, "z", &e), 0);
		CHECK_INT(csvw_end(w, &e), 0);
		CHECK_INT(csvw_close(w, &e), 0);
		got = t_slurp(path, &len);
		CHECK(got != NULL && strcmp(got, "z\n") == 0);
		free(got);
	}
	CHECK_INT(csvw_close(NULL, &e), 0);
}

/* A field the size of several buffers, with quotes across the seams. */
static void
writer_long(void)
{
	enum { BIG = 200000 };
	char path[PATHMAX];
	char *field = malloc(BIG), *got;
	struct buf want = {NULL, 0, 0};
	struct csvw *w;
	struct err e;
	size_t i, len = 0;

	if (field == NULL) {
		CHECK(0);
		return;
	}
	for (i = 0; i < BIG; i++)
		field[i] = i % 97 == 0 ? '"' : (char)('a' + i % 26);
	buf_append(&want, "id,\"", 4);
	for (i = 0; i < BIG; i++) {
		buf_append(&want, field + i, 1);
		if (field[i] == '"')
			buf_append(&want, "\"", 1);
	}
	buf_append(&want, "\",", 2);
	buf_append(&want, field + 1, 96);
	buf_append(&want, "\n", 1);
	snprintf(path, sizeof path, "%s/long-out.csv", t_dir());
	memset(&e, 0, sizeof e);
	w = csvw_open(path, &e);
	CHECK(w != NULL);
	if (w != NULL) {
		CHECK_INT(csvw_str(w, "id", &e), 0);
		CHECK_INT(csvw_field(w, field, BIG, &e), 0);
		CHECK_INT(csvw_field(w, field + 1, 96, &e), 0);
		CHECK_INT(csvw_end(w, &e), 0);
		CHECK_INT(csvw_close(w, &e), 0);
		got = t_slurp(path, &len);
		CHECK(got != NULL);
		if (got != NULL) {
			CHECK_INT(len, want.len);
			CHECK(len == want.len &&
			    memcmp(got, want.data, len) == 0);
		}
		free(got);
	}
	free(want.data);
	free(field);
}

static void
writer_errors(void)
{
	char path[PATHMAX], want[PATHMAX + 100];
	struct csvw *w;
	struct err e;
	char *big;
	int fd, rc, i;

	/* A full disk is found at the latest when the writer is closed. */
	memset(&e, 0, sizeof e);
	w = csvw_open("/dev/full", &e);
	CHECK(w != NULL);
	if (w != NULL) {
		CHECK_INT(csvw_str(w, "a", &e), 0);
		CHECK_INT(csvw_end(w, &e), 0);
		CHECK_INT(csvw_close(w, &e), -1);
		CHECK_INT(e.kind, ERR_IO);
		CHECK_STR(e.msg, "/dev/full: write error: No space left on device");
	}
	/* With more than a buffer, a field fails first; close still fails
	 * and still says why. */
	big = malloc(100000);
	if (big == NULL) {
		CHECK(0);
		return;
	}
	memset(big, 'x', 100000);
	memset(&e, 0, sizeof e);
	w = csvw_open("/dev/full", &e);
	CHECK(w != NULL);
	if (w != NULL) {
		rc = 0;
		for (i = 0; i < 3 && rc == 0; i++)
			rc = csvw_field(w, big, 100000, &e);
		CHECK_INT(rc, -1);
		CHECK_INT(i, 1);
		CHECK_INT(e.kind, ERR_IO);
		CHECK_STR(e.msg, "/dev/full: write error: No space left on device");
		/* The buffer is still full: nothing more goes in. */
		CHECK_INT(csvw_end(w, &e), -1);
		CHECK_INT(csvw_flush(w, &e), -1);
		memset(&e, 0, sizeof e);
		CHECK_INT(csvw_close(w, &e), -1);
		CHECK_INT(e.kind, ERR_IO);
		CHECK(strstr(e.msg, "No space left on device") != NULL);
		CHECK(strncmp(e.msg, "/dev/full: write error", 22) == 0);
	}
	/* A writer on a descriptor it does not own, flushed by hand. */
	fd = open("/dev/full", O_WRONLY);
	CHECK(fd >= 0);
	if (fd >= 0) {
		w = csvw_new(fd, "full-fd", 0);
		CHECK(w != NULL);
		if (w != NULL) {
			CHECK_INT(csvw_str(w, "a", &e), 0);
			memset(&e, 0, sizeof e);
			CHECK_INT(csvw_flush(w, &e), -1);
			CHECK_INT(e.kind, ERR_IO);
			CHECK_STR(e.msg,
			    "full-fd: write error: No space left on device");
			CHECK_INT(csvw_close(w, &e), -1);
			CHECK(strstr(e.msg, "No space left on device") != NULL);
		}
		CHECK(fcntl(fd, F_GETFD) != -1);
		close(fd);
	}
	free(big);

	/* An owned descriptor is closed by csvw_close. */
	snprintf(path, sizeof path, "%s/owned.csv", t_dir());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	CHECK(fd >= 0);
	if (fd >= 0) {
		w = csvw_new(fd, "owned", 1);
		CHECK(w != NULL);
		if (w != NULL) {
			CHECK_INT(csvw_str(w, "a\"b", &e), 0);
			CHECK_INT(csvw_end(w, &e), 0);
			CHECK_INT(csvw_close(w, &e), 0);
			CHECK(fcntl(fd, F_GETFD) == -1 && errno == EBADF);
		}
	}
	{
		size_t len = 0;
		char *got = t_slurp(path, &len);
		CHECK(got != NULL && strcmp(got, "\"a\"\"b\"\n") == 0);
		free(got);
	}

	/* A file that cannot be created. */
	snprintf(path, sizeof path, "%s/no-such-dir/out.csv", t_dir());
	snprintf(want, sizeof want, "%s: %s", path, strerror(ENOENT));
	memset(&e, 0, sizeof e);
	w = csvw_open(path, &e);
	CHECK(w == NULL);
	CHECK_INT(e.kind, ERR_IO);
	CHECK_STR(e.msg, want);
	csvw_close(w, &e);
}

/* "-" is standard output, named <stdout>, and left open. */
static void
writer_stdout(void)
{
	char path[PATHMAX];
	const char *const targets[] = {NULL, "/dev/full"};
	int k;

	snprintf(path, sizeof path, "%s/stdout.csv", t_dir());
	for (k = 0; k < 2; k++) {
		const char *target = targets[k] ? targets[k] : path;
		int fd, saved, rc;
		struct csvw *w;
		struct err e;

		fflush(stdout);
		fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0666);
		saved = dup(1);
		CHECK(fd >= 0 && saved >= 0);
		if (fd < 0 || saved < 0)
			return;
		dup2(fd, 1);
		close(fd);
		memset(&e, 0, sizeof e);
		w = csvw_open("-", &e);
		rc = -2; /* no writer */
		if (w != NULL) {
			rc = 0;
			if (csvw_str(w, "a b", &e) < 0 ||
			    csvw_str(w, "c\"", &e) < 0 || csvw_end(w, &e) < 0)
				rc = -3; /* failed before csvw_close */
			if (csvw_close(w, &e) < 0 && rc == 0)
				rc = -1;
		}
		/* Still open after csvw_close. */
		fd = fcntl(1, F_GETFD);
		dup2(saved, 1);
		close(saved);
		CHECK(fd != -1);
		if (k == 0) {
			size_t len = 0;
			char *got = t_slurp(path, &len);

			CHECK_INT(rc, 0);
			CHECK(got != NULL && strcmp(got, "a b,\"c\"\"\"\n") == 0);
			free(got);
		} else {
			CHECK_INT(rc, -1);
			CHECK_INT(e.kind, ERR_IO);
			CHECK_STR(e.msg,
			    "<stdout>: write error: No space left on device");
		}
	}
}

/* Fields written, read back: the same fields, the same widths. */
static void
round_trip(void)
{
	static const struct {
		size_t n;
		const char *f[4];
		size_t len[4];
	} recs[] = {
		{2, {"id", "text"}, {2, 4}},
		{2, {"1", "a,b"}, {1, 3}},
		{2, {"2", "\"quoted\""}, {1, 8}},
		{2, {"3", "line1\r\nline2\nline3\r"}, {1, 19}},
		{2, {"4", ""}, {1, 0}},
		{2, {"", "x"}, {0, 1}},
		{2, {" 5", " lead and trail "}, {2, 16}},
		{2, {"6", "\"\""}, {1, 2}},
		{2, {"7", U_DCQ U_SMILE}, {1, 13}},
		{2, {"8", "tab\there;semi"}, {1, 13}},
		{2, {"9", "nul\0byte"}, {1, 8}},
		/* A record of empty fields alone is skipped on reading
		 * (issue 11, blank_rows), so none is here. */
		{1, {"solo"}, {4}},
		{3, {"\n", ",", "\""}, {1, 1, 1}},
		{2, {"\xef\xbb\xbf", "end"}, {3, 3}},
	};
	size_t nrec = sizeof recs / sizeof recs[0], i, j, len1 = 0, len2 = 0;
	char path[PATHMAX], path2[PATHMAX];
	char *got1, *got2;
	struct csvw *w, *w2;
	struct csvr *r = NULL;
	struct csv_record *rec = NULL;
	struct err e;
	long nread = 0;

	snprintf(path, sizeof path, "%s/rt.csv", t_dir());
	snprintf(path2, sizeof path2, "%s/rt2.csv", t_dir());
	memset(&e, 0, sizeof e);
	w = csvw_open(path, &e);
	CHECK(w != NULL);
	if (w == NULL)
		return;
	for (i = 0; i < nrec; i++) {
		for (j = 0; j < recs[i].n; j++)
			CHECK_INT(csvw_field(w, recs[i].f[j], recs[i].len[j],
			    &e), 0);
		CHECK_INT(csvw_end(w, &e), 0);
	}
	CHECK_INT(csvw_close(w, &e), 0);

	/* Read back, and copy every record with csvw_fields. */
	w2 = csvw_open(path2, &e);
	CHECK(w2 != NULL);
	CHECK_INT(csvr_open(&r, path, NULL, &e), 0);
	if (r == NULL || w2 == NULL) {
		csvr_close(r);
		csvw_close(w2, &e);
		return;
	}
	fields_are(__LINE__, csvr_header(r), (const char *const[]){"id",
	    "text", NULL});
	CHECK_INT(csvw_fields(w2, csvr_header(r), &e), 0);
	CHECK_INT(csvw_end(w2, &e), 0);
	for (i = 1; i < nrec; i++) {
		int rc = csvr_next(r, &rec, &e);
		t_report(rc == 1, __FILE__, __LINE__, "record %zu: rc %d (%s)",
		    i, rc, rc < 0 ? e.msg : "");
		if (rc != 1)
			break;
		nread++;
		t_report(rec->nfields == recs[i].n, __FILE__, __LINE__,
		    "record %zu: %zu fields, want %zu", i, rec->nfields,
		    recs[i].n);
		for (j = 0; j < recs[i].n && j < rec->nfields; j++)
			t_report(rec->len[j] == recs[i].len[j] &&
			    memcmp(rec->field[j], recs[i].f[j],
			    recs[i].len[j]) == 0, __FILE__, __LINE__,
			    "record %zu field %zu: \"%s\" (%zu bytes)", i, j,
			    rec->field[j], rec->len[j]);
		CHECK_INT(csvw_fields(w2, rec, &e), 0);
		CHECK_INT(csvw_end(w2, &e), 0);
	}
	CHECK_INT(nread, (long)nrec - 1);
	END(r);
	csvr_close(r);
	CHECK_INT(csvw_close(w2, &e), 0);
	/* Writing what was read gives the same bytes again. */
	got1 = t_slurp(path, &len1);
	got2 = t_slurp(path2, &len2);
	CHECK(got1 != NULL && got2 != NULL && len1 == len2 &&
	    memcmp(got1, got2, len1) == 0);
	free(got1);
	free(got2);
}

/*
 * The reader's own line splitter against libcsv (csvr_open_libcsv) on
 * random CSV built from awkward fields: every field and line number.
 */
static const char *pieces[] = {"a", "", "12.5", "东城区", " spaced ",
    "\"quoted\"", "\"with,comma\"", "\"with \"\"quotes\"\"\"",
    "\"multi\nline\"", "\"\"", "x\"y", "\"crlf\r\ninside\"", "tab\there",
    "\"POLYGON ((0 0, 1 0, 1 1, 0 0))\"", "\"a\" b", "last"};

static void
csv_both_ways(void)
{
	struct csv_opts o = {.delim = ','};
	char *text = NULL;
	size_t len = 0, cap = 0;
	int round, mismatches = 0;
	long records = 0;

	t_seed(0x9e3779b97f4a7c15ULL);

	for (round = 0; round < 40; round++) {
		struct csvr *a, *b;
		struct csv_record *ra, *rb;
		struct err e;
		const char *path;
		int lines = 200 + (int)(t_rand() % 300), l, ga, gb;

		len = 0;
		for (l = 0; l < lines; l++) {
			int nf = 1 + (int)(t_rand() % 5), f;
			for (f = 0; f < nf; f++) {
				const char *p = pieces[t_rand() % (sizeof pieces /
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
			if (t_rand() % 4 == 0)
				text[len++] = '\r';
			text[len++] = '\n';
			if (t_rand() % 20 == 0)
				text[len++] = '\n'; /* a blank line */
		}
		if (round % 2 == 1)
			len--; /* no final line end */
		path = t_file("both.csv", text, len);
		if (csvr_open(&a, path, &o, &e) < 0) {
			CHECK(0);
			continue;
		}
		if (csvr_open_libcsv(&b, path, &o, &e) < 0) {
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

/*
 * Several input files, one header (csvin): files read in order, each
 * named by its own path with its own line numbers; the first file's
 * header kept after that file is closed; a header equal once the BOM and
 * CR are gone is the same header; n == 0 is standard input; a header that
 * differs, a second file that is missing or empty, and an empty first
 * file, each with its exact message.
 */
static void
next_file_is(int at, struct csvin *in, int want, const char *path)
{
	struct err e;
	int rc;

	memset(&e, 0, sizeof e);
	rc = csvin_next_file(in, &e);
	t_report(rc == want, __FILE__, at, "csvin_next_file gave %d, want %d "
	    "(%s)", rc, want, e.msg);
	if (rc == 1 && path != NULL)
		t_report(strcmp(csvr_name(csvin_reader(in)), path) == 0,
		    __FILE__, at, "reading %s, want %s",
		    csvr_name(csvin_reader(in)), path);
}
#define NEXT_FILE(in, want, path) next_file_is(__LINE__, (in), (want), (path))
#define TFILE(name, lit) t_file((name), (lit), sizeof(lit) - 1)

static void
several_files(void)
{
	char p1[PATHMAX], p2[PATHMAX], p3[PATHMAX], p4[PATHMAX];
	char want[3 * PATHMAX];
	char *paths[3];
	struct csvin *in = NULL;
	struct err e;
	int rc, before = t_pass + t_fail;

	snprintf(p1, sizeof p1, "%s", TFILE("in1.csv", "a,b\n1,2\n3,4\n"));
	/* The same header behind a BOM, with CRLF line ends and a blank
	 * line: equal byte for byte once read. */
	snprintf(p2, sizeof p2, "%s", TFILE("in2.csv",
	    "\xef\xbb\xbf" "a,b\r\n\r\n5,\"6\r\nsix\"\r\n7,8\r\n"));
	snprintf(p3, sizeof p3, "%s", TFILE("in3.csv", "a,b\n9,10"));
	paths[0] = p1;
	paths[1] = p2;
	paths[2] = p3;
	memset(&e, 0, sizeof e);
	rc = csvin_open(&in, paths, 3, NULL, &e);
	CHECK_INT(rc, 0);
	if (rc != 0)
		return;
	/* The first file is open, under its own name. */
	CHECK_STR(csvr_name(csvin_reader(in)), p1);
	fields_are(__LINE__, csvin_header(in), (const char *const[]){"a", "b",
	    NULL});
	REC(csvin_reader(in), 2, "1", "2");
	REC(csvin_reader(in), 3, "3", "4");
	END(csvin_reader(in));
	/* Line numbers start again in each file: the blank line is line 2
	 * and the quoted CRLF makes the record of line 3 two lines long. */
	NEXT_FILE(in, 1, p2);
	REC(csvin_reader(in), 3, "5", "6\r\nsix");
	REC(csvin_reader(in), 5, "7", "8");
	END(csvin_reader(in));
	NEXT_FILE(in, 1, p3);
	REC(csvin_reader(in), 2, "9", "10");
	END(csvin_reader(in));
	/* The first file's header outlives its reader. */
	fields_are(__LINE__, csvin_header(in), (const char *const[]){"a", "b",
	    NULL});
	/* No file left, and that stays so. */
	NEXT_FILE(in, 0, NULL);
	NEXT_FILE(in, 0, NULL);
	csvin_close(in);
	csvin_close(NULL); /* allowed */

	/* One file alone: it is read, then there is none left. */
	in = NULL;
	CHECK_INT(csvin_open(&in, paths + 2, 1, NULL, &e), 0);
	if (in != NULL) {
		REC(csvin_reader(in), 2, "9", "10");
		NEXT_FILE(in, 0, NULL);
		csvin_close(in);
	}

	/* A second file whose header differs: FILE:LINE of that header
	 * (line 2, after a blank line), and the first file's name. */
	snprintf(p4, sizeof p4, "%s", TFILE("in4.csv", "\na,c\n1,2\n"));
	paths[1] = p4;
	in = NULL;
	CHECK_INT(csvin_open(&in, paths, 3, NULL, &e), 0);
	if (in != NULL) {
		REC(csvin_reader(in), 2, "1", "2");
		memset(&e, 0, sizeof e);
		CHECK_INT(csvin_next_file(in, &e), -1);
		CHECK_INT(e.kind, ERR_DATA);
		snprintf(want, sizeof want, "%s:2: the header differs from "
		    "that of %s", p4, p1);
		CHECK_STR(e.msg, want);
		csvin_close(in);
	}
	/* Another column more is another header too; so is the same names
	 * in another order. */
	snprintf(p4, sizeof p4, "%s", TFILE("in5.csv", "a,b,c\n1,2,3\n"));
	in = NULL;
	CHECK_INT(csvin_open(&in, paths, 3, NULL, &e), 0);
	if (in != NULL) {
		CHECK_INT(csvin_next_file(in, &e), -1);
		snprintf(want, sizeof want, "%s:1: the header differs from "
		    "that of %s", p4, p1);
		CHECK_STR(e.msg, want);
		csvin_close(in);
	}
	snprintf(p4, sizeof p4, "%s", TFILE("in6.csv", "b,a\n2,1\n"));
	in = NULL;
	CHECK_INT(csvin_open(&in, paths, 3, NULL, &e), 0);
	if (in != NULL) {
		CHECK_INT(csvin_next_file(in, &e), -1);
		CHECK_INT(e.kind, ERR_DATA);
		csvin_close(in);
	}

	/* A missing second file: ERR_IO with the system's reason. */
	snprintf(p4, sizeof p4, "%s/no-such-second.csv", t_dir());
	in = NULL;
	CHECK_INT(csvin_open(&in, paths, 2, NULL, &e), 0);
	if (in != NULL) {
		memset(&e, 0, sizeof e);
		CHECK_INT(csvin_next_file(in, &e), -1);
		CHECK_INT(e.kind, ERR_IO);
		snprintf(want, sizeof want, "%s: %s", p4, strerror(ENOENT));
		CHECK_STR(e.msg, want);
		csvin_close(in);
	}
	/* An empty second file: no header to compare. */
	snprintf(p4, sizeof p4, "%s", TFILE("in7.csv", ""));
	in = NULL;
	CHECK_INT(csvin_open(&in, paths, 2, NULL, &e), 0);
	if (in != NULL) {
		memset(&e, 0, sizeof e);
		CHECK_INT(csvin_next_file(in, &e), -1);
		CHECK_INT(e.kind, ERR_DATA);
		snprintf(want, sizeof want, "%s: empty input: a header row is "
		    "required", p4);
		CHECK_STR(e.msg, want);
		csvin_close(in);
	}

	/* An empty first file fails at open, as csvr_open says. */
	paths[0] = p4;
	paths[1] = p1;
	in = NULL;
	memset(&e, 0, sizeof e);
	CHECK_INT(csvin_open(&in, paths, 2, NULL, &e), -1);
	CHECK(in == NULL);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK_STR(e.msg, want);
	/* And a missing one with ERR_IO. */
	snprintf(p4, sizeof p4, "%s/no-such-first.csv", t_dir());
	memset(&e, 0, sizeof e);
	CHECK_INT(csvin_open(&in, paths, 2, NULL, &e), -1);
	CHECK_INT(e.kind, ERR_IO);

	/* n == 0: standard input alone, named <stdin>. */
	{
		const char *path = TFILE("in-stdin.csv", "a,b\n1,2\n");
		int fd = open(path, O_RDONLY), saved = dup(0);

		CHECK(fd >= 0 && saved >= 0);
		if (fd >= 0 && saved >= 0) {
			dup2(fd, 0);
			close(fd);
			in = NULL;
			CHECK_INT(csvin_open(&in, NULL, 0, NULL, &e), 0);
			if (in != NULL) {
				CHECK_STR(csvr_name(csvin_reader(in)),
				    "<stdin>");
				REC(csvin_reader(in), 2, "1", "2");
				END(csvin_reader(in));
				NEXT_FILE(in, 0, NULL);
				csvin_close(in);
			}
			dup2(saved, 0);
			close(saved);
		}
	}
	printf("# csvin: %d checks\n", t_pass + t_fail - before);
}

/*
 * Issue 11: every field must be UTF-8 text without NUL bytes, checked by
 * csvr_check_width() (which every reader calls on every record) and on the
 * header by csvr_open().  The messages name the column, the 1-based byte
 * and the value with the bad bytes as \xHH, so the message is UTF-8 too.
 */
static void
text_checks(void)
{
	char path[PATHMAX], want[PATHMAX + 200];
	struct csvr *r;
	struct csv_record *rec = NULL;
	struct err e;
	struct csv_opts gb = {.delim = ',', .encoding = "gb18030"};
	struct csv_opts tool = {.delim = ',', .encoding = ""};

	/* 东城区 in GB18030 read as UTF-8 by a tool that offers --encoding
	 * (csv_opts.encoding ""): its first byte, 0xb6, is a
	 * continuation byte, so byte 1 is the bad one; the hint names the
	 * option that would have read it. */
	r = OPEN(path, "gb.csv", "id,name\n1," U_DCQ "\n2," G_DCQ "\n", &tool);
	if (r == NULL)
		return;
	memset(&e, 0, sizeof e);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), 0);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	snprintf(want, sizeof want, "%s:3: column \"name\": not valid UTF-8 at "
	    "byte 1 (is the file GB18030? try --encoding gb18030): "
	    "\"\\xb6\\xab\\xb3\\xc7\\xc7\\xf8\"", path);
	CHECK_STR(e.msg, want);
	csvr_close(r);

	/* Valid text after ASCII longer than one 8-byte word, then a bad
	 * byte after it: the word-at-a-time loop must not skip past it.
	 * Overlong (c0 80), surrogate (ed a0 80) and a sequence cut short
	 * are refused; U+1F600 is fine. */
	r = OPEN(path, "late.csv", "a\nabcdefghijklmnop" U_SMILE "q\n"
	    "abcdefghijklmnop\xc0\x80\nabcdefgh\xed\xa0\x80\nabc\xe5\x8c\n",
	    NULL);
	if (r == NULL)
		return;
	memset(&e, 0, sizeof e);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), 0);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	snprintf(want, sizeof want, "%s:3: column \"a\": not valid UTF-8 at "
	    "byte 17 (is the file GB18030? convert it to UTF-8): "
	    "\"abcdefghijklmnop\\xc0\\x80\"", path);
	CHECK_STR(e.msg, want);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	snprintf(want, sizeof want, "%s:4: column \"a\": not valid UTF-8 at "
	    "byte 9 (is the file GB18030? convert it to UTF-8): "
	    "\"abcdefgh\\xed\\xa0\\x80\"", path);
	CHECK_STR(e.msg, want);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	snprintf(want, sizeof want, "%s:5: column \"a\": not valid UTF-8 at "
	    "byte 4 (is the file GB18030? convert it to UTF-8): "
	    "\"abc\\xe5\\x8c\"", path);
	CHECK_STR(e.msg, want);
	csvr_close(r);

	/* A NUL byte inside a field (plain line, quoted field, and at a
	 * word boundary) is a bad record: it would cut the value short
	 * wherever it is used as a C string. */
	r = OPEN(path, "nul.csv", "id,wkt\nab\0cd,x\n1,\"PO\0INT\"\n"
	    "12345678\0,y\n", NULL);
	if (r == NULL)
		return;
	memset(&e, 0, sizeof e);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	snprintf(want, sizeof want, "%s:2: column \"id\": a NUL byte at byte 3: "
	    "\"ab\\x00cd\"", path);
	CHECK_STR(e.msg, want);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	snprintf(want, sizeof want, "%s:3: column \"wkt\": a NUL byte at byte "
	    "3: \"PO\\x00INT\"", path);
	CHECK_STR(e.msg, want);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	snprintf(want, sizeof want, "%s:4: column \"id\": a NUL byte at byte 9: "
	    "\"12345678\\x00\"", path);
	CHECK_STR(e.msg, want);
	csvr_close(r);

	/* The fast path checks a whole line at once: valid text in every
	 * field passes; a bad byte in the third field, or a sequence the
	 * separator cuts in two, is still found and named by its column,
	 * on plain and on quoted lines. */
	r = OPEN(path, "line.csv", "a,b,c\n" U_DCQ "," U_SMILE ",x\n"
	    "ab," U_DCQ ",cd\xff\n\"ab\",\"cd\",\"e\xc0\x80\"\n\xe5,\x8c,z\n",
	    NULL);
	if (r == NULL)
		return;
	memset(&e, 0, sizeof e);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), 0);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	snprintf(want, sizeof want, "%s:3: column \"c\": not valid UTF-8 at "
	    "byte 3 (is the file GB18030? convert it to UTF-8): "
	    "\"cd\\xff\"", path);
	CHECK_STR(e.msg, want);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	snprintf(want, sizeof want, "%s:4: column \"c\": not valid UTF-8 at "
	    "byte 2 (is the file GB18030? convert it to UTF-8): "
	    "\"e\\xc0\\x80\"", path);
	CHECK_STR(e.msg, want);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	snprintf(want, sizeof want, "%s:5: column \"a\": not valid UTF-8 at "
	    "byte 1 (is the file GB18030? convert it to UTF-8): "
	    "\"\\xe5\"", path);
	CHECK_STR(e.msg, want);
	csvr_close(r);

	/* Converted input is UTF-8 by construction; a NUL in it is still
	 * refused, without the GB18030 hint. */
	r = OPEN(path, "gbnul.csv", "id\n" G_QU "\0\n", &gb);
	if (r == NULL)
		return;
	memset(&e, 0, sizeof e);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(csvr_check_width(r, rec, &e), -1);
	snprintf(want, sizeof want, "%s:2: column \"id\": a NUL byte at byte 4: "
	    "\"" U_QU "\\x00\"", path);
	CHECK_STR(e.msg, want);
	csvr_close(r);

	/* The header is checked by csvr_open(). */
	snprintf(path, PATHMAX, "%s", t_file("badhead.csv",
	    "id," G_QU "\n1,2\n", sizeof("id," G_QU "\n1,2\n") - 1));
	snprintf(want, sizeof want, "%s:1: header field 2: not valid UTF-8 at "
	    "byte 1 (is the file GB18030? convert it to UTF-8): "
	    "\"\\xc7\\xf8\"", path);
	open_fails(__LINE__, path, NULL, ERR_DATA, want);
	snprintf(path, PATHMAX, "%s", t_file("nulhead.csv", "i\0d\n1\n", 6));
	snprintf(want, sizeof want, "%s:1: header field 1: a NUL byte at byte "
	    "2: \"i\\x00d\"", path);
	open_fails(__LINE__, path, NULL, ERR_DATA, want);
}

/*
 * Issue 11: rows of only separators and blanks are skipped like blank
 * lines, and counted (blank lines are not); a quoted row of blanks is
 * blank too, a row cut inside quotes is not, and the counts add up over
 * readers (csv_skipped_total) and over the files of one input
 * (csvin_skipped).
 */
static void
blank_rows(void)
{
	char path[PATHMAX], p2[PATHMAX];
	char *paths[2];
	struct csvr *r;
	struct csvin *in = NULL;
	struct csv_record *rec = NULL;
	struct err e;
	unsigned long long before = csv_skipped_total();
	int both;

	for (both = 0; both < 2; both++) {
		/* ,, and "  ,\t, " and quoted blanks: 3 rows skipped; the
		 * blank line (line 4) is not counted. */
		const char *bytes = "a,b,c\n,,\n1,2,3\n\n  ,\t, \n\" \",\"\",\n"
		    "4,,\n";

		snprintf(path, PATHMAX, "%s", t_file("blank.csv", bytes,
		    strlen(bytes)));
		memset(&e, 0, sizeof e);
		r = NULL;
		if ((both ? csvr_open_libcsv(&r, path, NULL, &e) :
		    csvr_open(&r, path, NULL, &e)) < 0) {
			t_report(0, __FILE__, __LINE__, "open: %s", e.msg);
			return;
		}
		CHECK_INT(csvr_skipped(r), 0);
		REC(r, 3, "1", "2", "3");
		CHECK_INT(csvr_skipped(r), 1);
		REC(r, 7, "4", "", "");
		CHECK_INT(csvr_skipped(r), 3);
		END(r);
		csvr_close(r);
	}
	CHECK_INT(csv_skipped_total() - before, 6);
	{
		char note[64];

		snprintf(note, sizeof note, ", %llu empty rows skipped",
		    csv_skipped_total());
		CHECK_STR(csv_skipped_note(), note);
	}

	/* A row of separators before the header is skipped too: the header
	 * is the first row with something in it. */
	r = OPEN(path, "blankhead.csv", ",,\na,b\n1,2\n", NULL);
	if (r == NULL)
		return;
	HDR(r, "a", "b");
	REC(r, 3, "1", "2");
	CHECK_INT(csvr_skipped(r), 1);
	csvr_close(r);

	/* A row of blanks cut inside quotes is an error, not a blank row. */
	r = OPEN(path, "blankunterm.csv", "a,b\n ,\"  \n", NULL);
	if (r == NULL)
		return;
	memset(&e, 0, sizeof e);
	CHECK_INT(csvr_next(r, &rec, &e), 1);
	CHECK_INT(rec->unterminated, 1);
	CHECK_INT(csvr_skipped(r), 0);
	csvr_close(r);

	/* Two files read as one: 1 + 2 skipped. */
	snprintf(path, PATHMAX, "%s", t_file("bl1.csv", "a,b\n,\n1,2\n", 10));
	snprintf(p2, PATHMAX, "%s", t_file("bl2.csv", "a,b\n , \n3,4\n,\n",
	    14));
	paths[0] = path;
	paths[1] = p2;
	memset(&e, 0, sizeof e);
	if (csvin_open(&in, paths, 2, NULL, &e) < 0) {
		t_report(0, __FILE__, __LINE__, "csvin_open: %s", e.msg);
		return;
	}
	REC(csvin_reader(in), 3, "1", "2");
	END(csvin_reader(in));
	CHECK_INT(csvin_skipped(in), 1);
	CHECK_INT(csvin_next_file(in, &e), 1);
	REC(csvin_reader(in), 3, "3", "4");
	END(csvin_reader(in));
	CHECK_INT(csvin_skipped(in), 3);
	CHECK_INT(csvin_next_file(in, &e), 0);
	CHECK_INT(csvin_skipped(in), 3);
	csvin_close(in);
}

void
suite_csvio(void)
{
	text_checks();
	blank_rows();
	csv_both_ways();
	header_and_columns();
	bom_and_line_ends();
	quoting();
	line_numbers();
	separators();
	ragged_and_unterminated();
	open_errors();
	encodings();
	gb18030_chunks();
	multiline_chunks();
	long_records();
	header_survives();
	from_stdin();
	pipes();
	writer_bytes();
	writer_long();
	writer_errors();
	writer_stdout();
	round_trip();
	several_files();
}
