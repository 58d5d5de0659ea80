/*
 * geo/gridify: gridify_run() called as a library (no process), on layers
 * loaded here from small CSV files and points files written here, its
 * output and reject files written by csvw_open() writers and read back.
 *
 * The polygon layer "cells" (cells.csv, in this order): A the unit square
 * (0 0)-(1 1); B the unit square beside it, (1 0)-(2 1), sharing A's edge
 * x = 1; H the square (3 0)-(6 3) with the hole (4 1)-(5 2); Z the square
 * (10 10)-(11 11), which no point reaches.  The layer "districts" holds one
 * polygon, D1 (0 0)-(3 3), with the attribute name = West.
 *
 * Every expected output is worked out by hand from gridify.h and layer.h:
 * a point belongs to the first polygon in file order that covers it (so
 * (1, 0.5), on the edge A and B share, is A's); a point in a hole or in no
 * polygon gets an empty id; the appended id column is named after the
 * layer's file ("cells") when the input already has an "id" column; the
 * count rows list every polygon in file order (zeros too), the --by values
 * sorted bytewise within each, then the unmatched row with an empty id
 * when some point was in no polygon; the reconciliation read == written +
 * rejected + dropped; bad records go to the reject file unchanged with
 * the message as an "error" column, or stop the run with exactly that
 * message without one (what came before it written); several input files
 * with one header give the output of one file holding them all, a second
 * file with another header or none at all stops the run, and no file
 * means standard input; no layer, or more than GRIDIFY_MAX_LAYERS, is
 * ERR_USAGE; one loaded layer serves several runs unchanged.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csvio.h"
#include "geo/gridify.h"
#include "geo/layer.h"
#include "../t.h"

void suite_gridify(void);

#define PATHMAX 512
#define TFILE(name, lit) t_file((name), (lit), sizeof(lit) - 1)

static struct geo_ctx g;

static const char cells_csv[] =
    "id,wkt\n"
    "A,\"POLYGON((0 0,1 0,1 1,0 1,0 0))\"\n"
    "B,\"POLYGON((1 0,2 0,2 1,1 1,1 0))\"\n"
    "H,\"POLYGON((3 0,6 0,6 3,3 3,3 0),(4 1,5 1,5 2,4 2,4 1))\"\n"
    "Z,\"POLYGON((10 10,11 10,11 11,10 11,10 10))\"\n";

static const char districts_csv[] =
    "code,name,wkt\n"
    "D1,West,\"POLYGON((0 0,3 0,3 3,0 3,0 0))\"\n";

/*
 * The points: p1 in A, p2 in B, p3 on the A|B edge (A's: first in the
 * file), p4 in H's hole (none), p5 in H, p6 far away (none), p7 in A.
 */
static const char points_csv[] =
    "id,kind,lon,lat\n"
    "p1,theft,0.5,0.5\n"
    "p2,noise,1.5,0.5\n"
    "p3,theft,1,0.5\n"
    "p4,noise,4.5,1.5\n"
    "p5,theft,3.5,0.5\n"
    "p6,theft,-5,-5\n"
    "p7,noise,0.25,0.75\n";

static char cells_path[PATHMAX], districts_path[PATHMAX];

/* Load a layer (the caller zeroes nothing; layer_free frees it). */
static int
load_layer(struct layer *L, const char *path, const char *id_field,
    const char *as, const char *attr)
{
	struct layer_opts lo;
	char *attrs[1];
	struct err e;
	int rc;

	memset(&lo, 0, sizeof lo);
	memset(L, 0, sizeof *L);
	memset(&e, 0, sizeof e);
	lo.path = path;
	lo.id_field = id_field;
	lo.as = as;
	if (attr != NULL) {
		attrs[0] = (char *)attr;
		lo.attrs = attrs;
		lo.nattrs = 1;
	}
	lo.csv.delim = ','; /* as cmd/gridify.c sets it for every layer */
	rc = layer_load(&g, L, &lo, &e);
	if (rc < 0)
		printf("# layer_load(%s): %s\n", path, e.msg);
	return rc;
}

/* What one run gave. */
struct result {
	int rc;
	struct err e;
	struct gridify_stats st;
	char *out;   /* the output file's bytes */
	char *rej;   /* the reject file's bytes, or NULL without one */
};

static void
result_free(struct result *r)
{
	free(r->out);
	free(r->rej);
	memset(r, 0, sizeof *r);
}

/*
 * Run gridify_run over files with the layers (loaded fresh for each run;
 * reuse() checks one set of layers over several runs) named by nlayers: 1 = cells, 2 = cells and districts (as "district", with its
 * name attribute in a join).  with_rej: a reject writer.  The result's
 * files are read back after the writers are closed.
 */
static void
run(const struct gridify_opts *o, int nlayers, char *const *files,
    int nfiles, int with_rej, struct result *r)
{
	struct layer L[2];
	char out_path[PATHMAX], rej_path[PATHMAX];
	struct csvw *out, *rej = NULL;
	struct err ce;
	int l, loaded = 0;

	memset(r, 0, sizeof *r);
	snprintf(out_path, sizeof out_path, "%s/gridify-out.csv", t_dir());
	snprintf(rej_path, sizeof rej_path, "%s/gridify-rej.csv", t_dir());
	r->rc = -1;
	if (load_layer(&L[0], cells_path, NULL, NULL, NULL) == 0)
		loaded = 1;
	/* gridify(1) refuses attributes in count mode with several
	 * layers: the districts carry theirs only in a join. */
	if (loaded == 1 && nlayers > 1 && load_layer(&L[1], districts_path,
	    "code", "district", o->count ? NULL : "name") == 0)
		loaded = 2;
	if (loaded < nlayers) {
		t_report(0, __FILE__, __LINE__, "layers not loaded");
		goto done;
	}
	out = csvw_open(out_path, &r->e);
	if (with_rej)
		rej = csvw_open(rej_path, &r->e);
	if (out == NULL || (with_rej && rej == NULL)) {
		t_report(0, __FILE__, __LINE__, "csvw_open: %s", r->e.msg);
		csvw_close(out, &ce);
		csvw_close(rej, &ce);
		goto done;
	}
	r->rc = gridify_run(&g, L, nlayers, o, files, nfiles, out, rej,
	    &r->st, &r->e);
	memset(&ce, 0, sizeof ce);
	if (csvw_close(out, &ce) < 0 || csvw_close(rej, &ce) < 0)
		t_report(0, __FILE__, __LINE__, "csvw_close: %s", ce.msg);
	r->out = t_slurp(out_path, NULL);
	if (with_rej)
		r->rej = t_slurp(rej_path, NULL);
done:
	/* layer_free in both cases, as layer.h asks. */
	for (l = 0; l < nlayers && l <= loaded && l < 2; l++)
		layer_free(&g, &L[l]);
}

/* gridify(1)'s defaults: lon and lat, keep the unmatched, one layer. */
static void
defaults(struct gridify_opts *o)
{
	memset(o, 0, sizeof *o);
	o->xcol = "lon";
	o->ycol = "lat";
	o->unmatched = UNMATCHED_KEEP;
	o->csv.delim = ',';
}

/* The reconciliation gridify.h promises. */
#define RECONCILES(st) \
	CHECK((st).read == (st).written + (st).rejected + (st).dropped)

/* The join: every record with its polygon's id appended. */
static void
join(void)
{
	struct gridify_opts o;
	struct result r;
	char pts[PATHMAX];
	char *files[1];

	snprintf(pts, sizeof pts, "%s", TFILE("pts.csv", points_csv));
	files[0] = pts;
	defaults(&o);
	run(&o, 1, files, 1, 0, &r);
	CHECK_INT(r.rc, 0);
	/* The input has an "id" column: the layer's is named "cells".
	 * Fields are copied as they are ("1" stays "1"). */
	CHECK_STR(r.out,
	    "id,kind,lon,lat,cells\n"
	    "p1,theft,0.5,0.5,A\n"
	    "p2,noise,1.5,0.5,B\n"
	    "p3,theft,1,0.5,A\n"     /* the shared edge: A comes first */
	    "p4,noise,4.5,1.5,\n"    /* in H's hole */
	    "p5,theft,3.5,0.5,H\n"
	    "p6,theft,-5,-5,\n"      /* nowhere */
	    "p7,noise,0.25,0.75,A\n");
	/* 7 read and written, 2 of them (p4, p6) in no polygon. */
	CHECK_INT(r.st.read, 7);
	CHECK_INT(r.st.written, 7);
	CHECK_INT(r.st.rejected, 0);
	CHECK_INT(r.st.dropped, 0);
	CHECK_INT(r.st.unmatched, 2);
	RECONCILES(r.st);
	result_free(&r);

	/* Two layers: districts (as "district", with its name) after cells.
	 * D1 covers x, y in [0, 3]: p1, p2, p3, p7; p5 (3.5) is outside.
	 * Unmatched counts records in no polygon of some layer: p4, p5,
	 * p6. */
	run(&o, 2, files, 1, 0, &r);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.out,
	    "id,kind,lon,lat,cells,district,name\n"
	    "p1,theft,0.5,0.5,A,D1,West\n"
	    "p2,noise,1.5,0.5,B,D1,West\n"
	    "p3,theft,1,0.5,A,D1,West\n"
	    "p4,noise,4.5,1.5,,,\n"
	    "p5,theft,3.5,0.5,H,,\n"
	    "p6,theft,-5,-5,,,\n"
	    "p7,noise,0.25,0.75,A,D1,West\n");
	CHECK_INT(r.st.unmatched, 3);
	CHECK_INT(r.st.written, 7);
	RECONCILES(r.st);
	result_free(&r);

	/* Columns named by position: 3 and 4 are lon and lat. */
	o.xcol = "3";
	o.ycol = "4";
	run(&o, 1, files, 1, 0, &r);
	CHECK_INT(r.rc, 0);
	CHECK(r.out != NULL && strstr(r.out, "p5,theft,3.5,0.5,H\n") != NULL);
	result_free(&r);
}

/* Count mode: one row per polygon, zeros too, and the unmatched row. */
static void
counts(void)
{
	struct gridify_opts o;
	struct result r;
	char pts[PATHMAX];
	char *files[1];
	char *kind[] = {"kind"};

	snprintf(pts, sizeof pts, "%s", TFILE("pts.csv", points_csv));
	files[0] = pts;
	defaults(&o);
	o.count = 1;
	run(&o, 1, files, 1, 0, &r);
	CHECK_INT(r.rc, 0);
	/* A: p1, p3, p7; B: p2; H: p5; Z: none; no polygon: p4, p6.  In
	 * count mode the input's columns are not written, so the id column
	 * keeps its name, "id". */
	CHECK_STR(r.out,
	    "id,count\n"
	    "A,3\n"
	    "B,1\n"
	    "H,1\n"
	    "Z,0\n"
	    ",2\n");
	CHECK_INT(r.st.read, 7);
	CHECK_INT(r.st.written, 7); /* counted */
	CHECK_INT(r.st.unmatched, 2);
	RECONCILES(r.st);
	result_free(&r);

	/* --by kind: noise before theft (bytewise), for each polygon. */
	o.by = kind;
	o.nby = 1;
	run(&o, 1, files, 1, 0, &r);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.out,
	    "id,kind,count\n"
	    "A,noise,1\n"   /* p7 */
	    "A,theft,2\n"   /* p1, p3 */
	    "B,noise,1\n"   /* p2 */
	    "B,theft,0\n"
	    "H,noise,0\n"
	    "H,theft,1\n"   /* p5 */
	    "Z,noise,0\n"
	    "Z,theft,0\n"
	    ",noise,1\n"    /* p4 */
	    ",theft,1\n");  /* p6 */
	RECONCILES(r.st);
	result_free(&r);

	/* Dropping the unmatched: no unmatched row, 2 dropped, 5 counted. */
	o.by = NULL;
	o.nby = 0;
	o.unmatched = UNMATCHED_DROP;
	run(&o, 1, files, 1, 0, &r);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.out, "id,count\nA,3\nB,1\nH,1\nZ,0\n");
	CHECK_INT(r.st.written, 5);
	CHECK_INT(r.st.dropped, 2);
	CHECK_INT(r.st.unmatched, 2);
	RECONCILES(r.st);
	result_free(&r);

	/* Two layers counted: "layer,id,count", each layer's polygons and
	 * its own unmatched row (districts: p4, p5, p6 outside D1). */
	o.unmatched = UNMATCHED_KEEP;
	run(&o, 2, files, 1, 0, &r);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.out,
	    "layer,id,count\n"
	    "id,A,3\n"
	    "id,B,1\n"
	    "id,H,1\n"
	    "id,Z,0\n"
	    "id,,2\n"
	    "district,D1,4\n"
	    "district,,3\n");
	result_free(&r);
}

/* Unmatched points dropped or rejected in a join. */
static void
unmatched(void)
{
	struct gridify_opts o;
	struct result r;
	char pts[PATHMAX], want[6 * PATHMAX];
	char *files[1];

	snprintf(pts, sizeof pts, "%s", TFILE("pts.csv", points_csv));
	files[0] = pts;
	defaults(&o);
	o.unmatched = UNMATCHED_DROP;
	run(&o, 1, files, 1, 0, &r);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.out,
	    "id,kind,lon,lat,cells\n"
	    "p1,theft,0.5,0.5,A\n"
	    "p2,noise,1.5,0.5,B\n"
	    "p3,theft,1,0.5,A\n"
	    "p5,theft,3.5,0.5,H\n"
	    "p7,noise,0.25,0.75,A\n");
	CHECK_INT(r.st.dropped, 2);
	CHECK_INT(r.st.written, 5);
	RECONCILES(r.st);
	result_free(&r);

	/* Rejected, with a reject file: p4 (line 5) and p6 (line 7) there
	 * with the message and the line; the point printed with %.17g. */
	o.unmatched = UNMATCHED_REJECT;
	run(&o, 1, files, 1, 1, &r);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.st.rejected, 2);
	CHECK_INT(r.st.written, 5);
	CHECK_INT(r.st.unmatched, 2);
	RECONCILES(r.st);
	snprintf(want, sizeof want,
	    "id,kind,lon,lat,error,line\n"
	    "p4,noise,4.5,1.5,%s:5: point (4.5 1.5) is in no polygon of %s,5\n"
	    "p6,theft,-5,-5,%s:7: point (-5 -5) is in no polygon of %s,7\n",
	    pts, cells_path, pts, cells_path);
	CHECK_STR(r.rej, want);
	result_free(&r);

	/* Without a reject file the first one stops the run. */
	run(&o, 1, files, 1, 0, &r);
	CHECK_INT(r.rc, -1);
	CHECK_INT(r.e.kind, ERR_DATA);
	snprintf(want, sizeof want, "%s:5: point (4.5 1.5) is in no polygon "
	    "of %s", pts, cells_path);
	CHECK_STR(r.e.msg, want);
	/* What came before it was written, as record by record. */
	CHECK_STR(r.out,
	    "id,kind,lon,lat,cells\n"
	    "p1,theft,0.5,0.5,A\n"
	    "p2,noise,1.5,0.5,B\n"
	    "p3,theft,1,0.5,A\n");
	result_free(&r);
}

/* Bad records: to the reject file, or the end of the run. */
static void
bad_records(void)
{
	static const char bad_csv[] =
	    "id,kind,lon,lat\n"
	    "p1,theft,0.5,0.5\n"   /* 2: fine */
	    "p2,noise,abc,0.5\n"   /* 3: lon not a number */
	    "p3,theft,1.5\n"       /* 4: three fields, not four */
	    "p4,noise,1.5,0.5\n"   /* 5: fine */
	    "p5,noise,0.5,\n"      /* 6: lat empty */
	    "p6,theft,-5,-5\n"     /* 7: fine, in no polygon */
	    "p7,noise,0.5,0.5,x\n";/* 8: five fields */
	struct gridify_opts o;
	struct result r;
	char pts[PATHMAX], want[8 * PATHMAX];
	char *files[1];

	snprintf(pts, sizeof pts, "%s", TFILE("bad.csv", bad_csv));
	files[0] = pts;
	defaults(&o);
	run(&o, 1, files, 1, 1, &r);
	CHECK_INT(r.rc, 0);
	/* 7 read: 3 good written, 4 rejected. */
	CHECK_INT(r.st.read, 7);
	CHECK_INT(r.st.written, 3);
	CHECK_INT(r.st.rejected, 4);
	CHECK_INT(r.st.dropped, 0);
	CHECK_INT(r.st.unmatched, 1);
	RECONCILES(r.st);
	CHECK_STR(r.out,
	    "id,kind,lon,lat,cells\n"
	    "p1,theft,0.5,0.5,A\n"
	    "p4,noise,1.5,0.5,B\n"
	    "p6,theft,-5,-5,\n");
	/* Each bad record as it was, then the message, quoted where it
	 * holds quotes or commas (RFC 4180: inner quotes doubled), and the
	 * line; a record of the wrong width whole in the first column, the
	 * rest of its row empty, so that every row has six fields. */
	snprintf(want, sizeof want,
	    "id,kind,lon,lat,error,line\n"
	    "p2,noise,abc,0.5,\"%s:3: column \"\"lon\"\": \"\"abc\"\" is not "
	    "a number\",3\n"
	    "\"p3,theft,1.5\",,,,\"%s:4: expected 4 fields as in the header, "
	    "found 3\",4\n"
	    "p5,noise,0.5,,\"%s:6: column \"\"lat\"\": \"\"\"\" is empty\",6\n"
	    "\"p7,noise,0.5,0.5,x\",,,,\"%s:8: expected 4 fields as in the "
	    "header, found 5\",8\n", pts, pts, pts, pts);
	CHECK_STR(r.rej, want);
	result_free(&r);

	/* Without a reject writer: the first bad record stops the run with
	 * ERR_DATA and exactly this message. */
	run(&o, 1, files, 1, 0, &r);
	CHECK_INT(r.rc, -1);
	CHECK_INT(r.e.kind, ERR_DATA);
	snprintf(want, sizeof want, "%s:3: column \"lon\": \"abc\" is not a "
	    "number", pts);
	CHECK_STR(r.e.msg, want);
	CHECK_STR(r.out, "id,kind,lon,lat,cells\np1,theft,0.5,0.5,A\n");
	CHECK_INT(r.st.written, 1);
	result_free(&r);

	/* No such coordinate column: ERR_DATA before anything is read. */
	o.xcol = "longitude";
	run(&o, 1, files, 1, 0, &r);
	CHECK_INT(r.rc, -1);
	CHECK_INT(r.e.kind, ERR_DATA);
	CHECK(strstr(r.e.msg, "longitude") != NULL);
	CHECK_INT(r.st.read, 0);
	result_free(&r);
}

/* Several input files: one header, the output of one file. */
static void
several_files(void)
{
	static const char part1[] =
	    "id,kind,lon,lat\n"
	    "p1,theft,0.5,0.5\n"
	    "p2,noise,1.5,0.5\n"
	    "p3,theft,1,0.5\n";
	static const char part2[] =
	    "id,kind,lon,lat\n"
	    "p4,noise,4.5,1.5\n"
	    "p5,theft,3.5,0.5\n"
	    "p6,theft,-5,-5\n"
	    "p7,noise,0.25,0.75\n";
	static const char other[] =
	    "id,kind,x,y\n"
	    "p4,noise,4.5,1.5\n";
	struct gridify_opts o;
	struct result one, two;
	char all[PATHMAX], f1[PATHMAX], f2[PATHMAX], f3[PATHMAX];
	char want[4 * PATHMAX];
	char *files[2];
	int k;

	snprintf(all, sizeof all, "%s", TFILE("pts.csv", points_csv));
	snprintf(f1, sizeof f1, "%s", TFILE("part1.csv", part1));
	snprintf(f2, sizeof f2, "%s", TFILE("part2.csv", part2));
	snprintf(f3, sizeof f3, "%s", TFILE("other.csv", other));
	defaults(&o);
	/* The join and the counts, each on one file and on the two parts. */
	for (k = 0; k < 2; k++) {
		o.count = k;
		files[0] = all;
		run(&o, 1, files, 1, 0, &one);
		files[0] = f1;
		files[1] = f2;
		run(&o, 1, files, 2, 0, &two);
		CHECK_INT(one.rc, 0);
		CHECK_INT(two.rc, 0);
		CHECK_STR(two.out, one.out);
		CHECK_INT(two.st.read, 7);
		CHECK_INT(two.st.written, one.st.written);
		CHECK_INT(two.st.unmatched, one.st.unmatched);
		result_free(&one);
		result_free(&two);
	}

	/* Messages name the file the record is in, with its own line: a
	 * rejected point of the second file is part2.csv:2. */
	o.count = 0;
	o.unmatched = UNMATCHED_REJECT;
	files[0] = f1;
	files[1] = f2;
	run(&o, 1, files, 2, 0, &two);
	CHECK_INT(two.rc, -1);
	snprintf(want, sizeof want, "%s:2: point (4.5 1.5) is in no polygon "
	    "of %s", f2, cells_path);
	CHECK_STR(two.e.msg, want);
	result_free(&two);

	/* A second file with another header fails after the first file's
	 * records are written. */
	o.unmatched = UNMATCHED_KEEP;
	files[1] = f3;
	run(&o, 1, files, 2, 0, &two);
	CHECK_INT(two.rc, -1);
	CHECK_INT(two.e.kind, ERR_DATA);
	snprintf(want, sizeof want, "%s:1: the header differs from that of %s",
	    f3, f1);
	CHECK_STR(two.e.msg, want);
	CHECK_STR(two.out,
	    "id,kind,lon,lat,cells\n"
	    "p1,theft,0.5,0.5,A\n"
	    "p2,noise,1.5,0.5,B\n"
	    "p3,theft,1,0.5,A\n");
	CHECK_INT(two.st.read, 3);
	result_free(&two);

	/* A missing second file: ERR_IO. */
	snprintf(f3, sizeof f3, "%s/no-such-points.csv", t_dir());
	run(&o, 1, files, 2, 0, &two);
	CHECK_INT(two.rc, -1);
	CHECK_INT(two.e.kind, ERR_IO);
	result_free(&two);

	/* No file: standard input. */
	{
		int fd = open(all, O_RDONLY), saved = dup(0);

		CHECK(fd >= 0 && saved >= 0);
		if (fd >= 0 && saved >= 0) {
			dup2(fd, 0);
			close(fd);
			files[0] = all;
			run(&o, 1, files, 1, 0, &one);
			run(&o, 1, NULL, 0, 0, &two);
			CHECK_INT(two.rc, 0);
			CHECK_STR(two.out, one.out);
			result_free(&one);
			result_free(&two);
			dup2(saved, 0);
			close(saved);
		}
	}
}

/* From 1 to GRIDIFY_MAX_LAYERS layers: more or none is ERR_USAGE,
 * before any input is opened. */
static void
layer_limits(void)
{
	struct layer many[GRIDIFY_MAX_LAYERS + 1];
	struct gridify_opts o;
	struct gridify_stats st;
	struct csvw *out;
	struct err e;
	char out_path[PATHMAX], want[128];
	char *files[1];
	char *bytes;

	memset(many, 0, sizeof many);
	memset(&e, 0, sizeof e);
	defaults(&o);
	snprintf(out_path, sizeof out_path, "%s/gridify-limits.csv", t_dir());
	files[0] = out_path; /* never opened */
	out = csvw_open(out_path, &e);
	CHECK(out != NULL);
	if (out == NULL)
		return;
	CHECK_INT(gridify_run(&g, many, GRIDIFY_MAX_LAYERS + 1, &o, files, 1,
	    out, NULL, &st, &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	snprintf(want, sizeof want, "from 1 to %d polygon layers, not %d",
	    GRIDIFY_MAX_LAYERS, GRIDIFY_MAX_LAYERS + 1);
	CHECK_STR(e.msg, want);
	CHECK_INT(st.read, 0);
	memset(&e, 0, sizeof e);
	CHECK_INT(gridify_run(&g, many, 0, &o, files, 1, out, NULL, &st, &e),
	    -1);
	CHECK_INT(e.kind, ERR_USAGE);
	snprintf(want, sizeof want, "from 1 to %d polygon layers, not 0",
	    GRIDIFY_MAX_LAYERS);
	CHECK_STR(e.msg, want);
	CHECK_INT(csvw_close(out, &e), 0);
	/* Nothing was written. */
	bytes = t_slurp(out_path, NULL);
	CHECK_STR(bytes, "");
	free(bytes);
}

/* One run of a loaded layer over the points file: the output's bytes
 * (the caller frees them), or NULL. */
static char *
run_on(struct layer *L, const struct gridify_opts *o, char *const *files)
{
	char path[PATHMAX];
	struct gridify_stats st;
	struct csvw *out;
	struct err e;
	int rc;

	memset(&e, 0, sizeof e);
	snprintf(path, sizeof path, "%s/gridify-reuse.csv", t_dir());
	if ((out = csvw_open(path, &e)) == NULL)
		return NULL;
	rc = gridify_run(&g, L, 1, o, files, 1, out, NULL, &st, &e);
	if (csvw_close(out, &e) < 0 || rc < 0)
		return NULL;
	return t_slurp(path, NULL);
}

/*
 * One set of layers serves several runs: a join whose input has an "id"
 * column names the layer's column "cells", and a count on the same layer
 * afterwards is still headed by the layer's own name, "id", as on a fresh
 * layer (gridify_run used to rename the caller's layer for good).
 */
static void
reuse(void)
{
	struct gridify_opts o;
	struct layer L;
	char pts[PATHMAX], *files[1], *got;

	snprintf(pts, sizeof pts, "%s", TFILE("pts.csv", points_csv));
	files[0] = pts;
	if (load_layer(&L, cells_path, NULL, NULL, NULL) < 0) {
		CHECK(0);
		return;
	}
	defaults(&o);
	got = run_on(&L, &o, files);
	CHECK(got != NULL && strncmp(got, "id,kind,lon,lat,cells\n", 22) == 0);
	free(got);
	o.count = 1;
	got = run_on(&L, &o, files);
	CHECK(got != NULL && strncmp(got, "id,count\nA,3\n", 13) == 0);
	free(got);
	CHECK_STR(L.as, "id");
	o.count = 0;
	got = run_on(&L, &o, files);
	CHECK(got != NULL && strncmp(got, "id,kind,lon,lat,cells\n", 22) == 0);
	free(got);
	layer_free(&g, &L);
}

/*
 * The extent warning: gridify_run() counts the located points inside each
 * layer's extent (cells: x and y from 0 to 11) and inside it swapped, and
 * gridify_extent_warnings() speaks when fewer than 1% are inside.
 */
static void
extent_warnings(void)
{
	struct gridify_opts o;
	struct gridify_stats st;
	struct result r;
	struct layer L;
	struct buf w = {0};
	struct err e = {0};
	char pts[PATHMAX], want[PATHMAX + 200];
	char *files[1];

	/* p6 (-5, -5) is outside, swapped too; the others inside both ways. */
	snprintf(pts, sizeof pts, "%s", TFILE("pts.csv", points_csv));
	files[0] = pts;
	defaults(&o);
	run(&o, 1, files, 1, 0, &r);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.st.located, 7);
	CHECK_INT(r.st.in_extent[0], 6);
	CHECK_INT(r.st.swapped_in[0], 6);
	result_free(&r);

	if (load_layer(&L, cells_path, NULL, NULL, NULL) < 0)
		return;
	memset(&st, 0, sizeof st);
	/* 1 of 200 is 0.5%: a warning; 100 swapped is not more than half. */
	st.located = 200;
	st.in_extent[0] = 1;
	st.swapped_in[0] = 100;
	CHECK_INT(gridify_extent_warnings(&L, 1, &st, &w, &e), 0);
	snprintf(want, sizeof want, "%s: 1 of 200 located points are inside "
	    "its extent (x 0 to 11, y 0 to 11); are the points and the "
	    "polygons in the same coordinate system?\n", cells_path);
	CHECK(w.len == strlen(want) && memcmp(w.data, want, w.len) == 0);
	/* 2 of 200 is 1%: no warning. */
	w.len = 0;
	st.in_extent[0] = 2;
	CHECK_INT(gridify_extent_warnings(&L, 1, &st, &w, &e), 0);
	CHECK_INT(w.len, 0);
	/* More than half inside when swapped: say so. */
	st.in_extent[0] = 0;
	st.swapped_in[0] = 101;
	CHECK_INT(gridify_extent_warnings(&L, 1, &st, &w, &e), 0);
	snprintf(want, sizeof want, "%s: 0 of 200 located points are inside "
	    "its extent (x 0 to 11, y 0 to 11); swapping -x and -y would put "
	    "101 inside\n", cells_path);
	CHECK(w.len == strlen(want) && memcmp(w.data, want, w.len) == 0);
	/* No point located: nothing to say. */
	w.len = 0;
	st.located = 0;
	CHECK_INT(gridify_extent_warnings(&L, 1, &st, &w, &e), 0);
	CHECK_INT(w.len, 0);
	free(w.data);
	layer_free(&g, &L);
}

void
suite_gridify(void)
{
	struct err e;
	int before = t_pass + t_fail;

	memset(&e, 0, sizeof e);
	if (geo_init(&g, &e) < 0) {
		t_report(0, __FILE__, __LINE__, "geo_init: %s", e.msg);
		return;
	}
	snprintf(cells_path, sizeof cells_path, "%s",
	    TFILE("cells.csv", cells_csv));
	snprintf(districts_path, sizeof districts_path, "%s",
	    TFILE("districts.csv", districts_csv));
	join();
	counts();
	unmatched();
	bad_records();
	several_files();
	layer_limits();
	reuse();
	extent_warnings();
	geo_finish(&g);
	printf("# geo/gridify: %d checks\n", t_pass + t_fail - before);
}
