/*
 * Line numbers of the CSV reader (lib/core/csvio.c): CR, LF and CRLF
 * each end one physical line, inside quoted fields too, and the numbers,
 * like the records, do not depend on where the reads cut the input.
 * Every input is read in chunks of 1, 2, 3, 7 and 65,536 bytes and by
 * libcsv alone; all must give the same records on the same lines, and
 * those lines are the ones worked out by hand below.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/testhooks.h"
#include "../t.h"

void suite_csvlines(void);

/* The records of path as "LINE:f1|f2|...;" into out; -1 on error. */
static int
dump(const char *path, const struct csv_opts *o, size_t chunk,
    int libcsv, char *out, size_t cap)
{
	struct csvr *r;
	struct csv_record *rec;
	struct err e = {0};
	size_t used = 0, i;
	int rc;

	rc = libcsv ? csvr_open_libcsv(&r, path, o, &e) :
	    csvr_open_chunked(&r, path, o, chunk, &e);
	if (rc < 0) {
		snprintf(out, cap, "error: %s", e.msg);
		return -1;
	}
	out[0] = '\0';
	while ((rc = csvr_next(r, &rec, &e)) == 1) {
		used += (size_t)snprintf(out + used, cap - used, "%ld:",
		    rec->line);
		for (i = 0; i < rec->nfields && used < cap; i++)
			used += (size_t)snprintf(out + used, cap - used, "%s%s",
			    i ? "|" : "", rec->field[i]);
		if (used < cap)
			used += (size_t)snprintf(out + used, cap - used, ";");
		if (used >= cap)
			break;
	}
	csvr_close(r);
	return rc < 0 ? -1 : 0;
}

/* bytes (len) read every way must give want (the header's line is 1). */
static void
lines_are(const char *name, const char *bytes, size_t len,
    const char *encoding, const char *want)
{
	static const size_t chunks[] = {1, 2, 3, 7, 65536};
	struct csv_opts o = {.delim = ',', .encoding = encoding};
	const char *path = t_file(name, bytes, len);
	char got[2048];
	size_t k;

	for (k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
		CHECK_INT(dump(path, &o, chunks[k], 0, got, sizeof got), 0);
		if (strcmp(got, want) != 0)
			printf("# %s, chunks of %zu\n", name, chunks[k]);
		CHECK_STR(got, want);
	}
	CHECK_INT(dump(path, &o, 0, 1, got, sizeof got), 0);
	CHECK_STR(got, want);
}

/* A string literal and its length without the NUL. */
#define B(s) s, sizeof s - 1

void
suite_csvlines(void)
{
	/* LF, CRLF, and CR alone (old Mac, some Excel exports): the second
	 * record starts on line 3 each time. */
	lines_are("lf.csv", B("a,b\n1,2\n3,4\n"), NULL, "2:1|2;3:3|4;");
	lines_are("crlf.csv", B("a,b\r\n1,2\r\n3,4\r\n"), NULL,
	    "2:1|2;3:3|4;");
	lines_are("cr.csv", B("a,b\r1,2\r3,4\r"), NULL, "2:1|2;3:3|4;");
	/* Mixed, and no line end at the end. */
	lines_are("mixed.csv", B("a,b\r1,2\n3,4\r\n5,6"), NULL,
	    "2:1|2;3:3|4;4:5|6;");
	/* A bare CR before a blank line: CR, then LF, then LF is two line
	 * ends after the CR's (CR LF is one). */
	lines_are("cr-blank.csv", B("a,b\r\n\n1,2\r\r3,4\n"), NULL,
	    "3:1|2;5:3|4;");
	/* Line ends inside quotes are physical lines too: a field holding
	 * LF, CRLF and CR spans four lines, so the next record is on 6. */
	lines_are("quoted.csv", B("a,b\n\"x\ny\r\nz\rw\",1\n2,3\n"), NULL,
	    "2:x\ny\r\nz\rw|1;6:2|3;");
	/* A byte order mark and GB18030 (东 is b6 ab) in CR-only lines. */
	lines_are("bom-cr.csv", "\xef\xbb\xbf" "a,b\r1,\xe4\xb8\x9c\r3,4", 17,
	    NULL, "2:1|\xe4\xb8\x9c;3:3|4;");
	lines_are("gb-cr.csv", B("a,b\r1,\xb6\xab\r\r3,4\r"), "gb18030",
	    "2:1|\xe4\xb8\x9c;4:3|4;");
}
