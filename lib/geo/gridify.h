/*
 * gridify.h - join report points to polygon layers, or count them.
 *
 * gridify_run() streams the input files once.  Each record's point is
 * located in every layer; the record is written with one id (plus the
 * attributes asked for) per layer appended, or, in count mode, added to the
 * count of its polygon.  A bad record (wrong field count, a coordinate that
 * is missing or not a number, or, with UNMATCHED_REJECT, a point in no
 * polygon) stops the run with *e set, unless a reject writer is given: then
 * it is written there unchanged with an `error` column and the run goes on.
 * Memory holds the layers and the counts, never the records.
 */
#ifndef GRIDIFY_H
#define GRIDIFY_H

#include "core/csvio.h"
#include "geo/layer.h"
#include "core/util.h"

/* The most polygon layers one run joins. */
#define GRIDIFY_MAX_LAYERS 16

enum unmatched_policy { UNMATCHED_KEEP, UNMATCHED_DROP, UNMATCHED_REJECT };

struct gridify_opts {
	const char *xcol, *ycol;   /* coordinate columns (name or position) */
	enum unmatched_policy unmatched;
	int count;                 /* one row per polygon instead of per record */
	char **by;                 /* count mode: split counts by these columns
	                              (nby of them, names or positions) */
	int nby;
	struct csv_opts csv;       /* how to read the inputs */
};

/* The reconciliation: read == written + rejected + dropped. */
struct gridify_stats {
	unsigned long long read;      /* data records seen */
	unsigned long long written;   /* records written (or counted) */
	unsigned long long rejected;  /* records sent to the reject file */
	unsigned long long dropped;   /* unmatched records dropped */
	unsigned long long unmatched; /* records in no polygon of some layer */
	/* For gridify_extent_warnings(): the records whose point was
	 * located (good coordinates), and of those the ones inside each
	 * layer's extent, and inside it with x and y swapped. */
	unsigned long long located;
	unsigned long long in_extent[GRIDIFY_MAX_LAYERS];
	unsigned long long swapped_in[GRIDIFY_MAX_LAYERS];
};

/*
 * Run the join over files[0..nfiles-1] ("-" is standard input; nfiles 0
 * means standard input) against layers[0..nlayers-1], writing to out and
 * bad records to rej (NULL: the first bad record is an error).  The caller
 * owns every argument; the layers' names and ids are left as loaded (the
 * locator keeps its caches and counters in them), so one set of layers
 * serves several runs.  All input files must share one header.  Fills *st
 * (also on failure, with what was done so far).  Returns 0, or -1 with *e
 * set; more than GRIDIFY_MAX_LAYERS layers (or none) is ERR_USAGE.
 */
int gridify_run(struct geo_ctx *g, struct layer *layers, int nlayers,
    const struct gridify_opts *o, char *const *files, int nfiles,
    struct csvw *out, struct csvw *rej, struct gridify_stats *st,
    struct err *e);

/*
 * Points that cannot match (longitude and latitude swapped, a layer in
 * metres against points in degrees) are all unmatched and nothing else
 * fails, so say so: append to warn, for each layer in whose extent (the
 * bounding box of its polygons) fewer than 1% of the st->located points
 * fell, one line "LAYER: N of M located points are inside its extent
 * (x A to B, y C to D); ...", ending with how many swapping -x and -y
 * would put inside when that is more than half of them, else with a
 * question about the coordinate system.  Numbers are the shortest text
 * that reads back.  Nothing is appended when no point was located.  The
 * caller owns every argument (warn's bytes included).  Returns 0, or -1
 * with *e set when memory runs out.
 */
int gridify_extent_warnings(const struct layer *layers, int nlayers,
    const struct gridify_stats *st, struct buf *warn, struct err *e);

#endif
