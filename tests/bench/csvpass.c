/*
 * csvpass - the benchmark's I/O floor: read CSV with the toolkit's reader,
 * parse two numeric columns as gridify does, and write every record back.
 * usage: csvpass XCOL YCOL [FILE]
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/csvio.h"
#include "core/num.h"

int
main(int argc, char **argv)
{
	struct csv_opts o = {.delim = ','};
	struct csvr *r;
	struct csv_record *rec;
	struct csvw *w;
	struct err e;
	size_t xc, yc;
	double x, y, sum = 0;
	int got;

	if (argc < 3) {
		fprintf(stderr, "usage: csvpass XCOL YCOL [FILE]\n");
		return 2;
	}
	if (csvr_open(&r, argc > 3 ? argv[3] : "-", &o, &e) < 0 ||
	    csvr_column(r, argv[1], &xc, &e) < 0 ||
	    csvr_column(r, argv[2], &yc, &e) < 0)
		goto fail;
	w = csvw_new(1, "<stdout>", 0);
	if (w == NULL || csvw_fields(w, csvr_header(r), &e) < 0 ||
	    csvw_end(w, &e) < 0)
		goto fail;
	while ((got = csvr_next(r, &rec, &e)) > 0) {
		if (parse_num(rec->field[xc], rec->len[xc], &x) == NUM_OK &&
		    parse_num(rec->field[yc], rec->len[yc], &y) == NUM_OK)
			sum += x + y;
		if (csvw_fields(w, rec, &e) < 0 || csvw_end(w, &e) < 0)
			goto fail;
	}
	if (got < 0 || csvw_close(w, &e) < 0)
		goto fail;
	csvr_close(r);
	return sum < 0; /* keeps the parse from being optimised away */
fail:
	fprintf(stderr, "csvpass: %s\n", e.msg);
	return 1;
}
