/*
 * layer.h - polygon layers over the reentrant GEOS C API.
 *
 * lib/geo is gridify's engine and the only folder that links GEOS (and
 * jansson, for GeoJSON): this file (layers and the locator over them),
 * pip.h (the fast point-in-polygon index) and gridify.h (the stream).
 *
 * A geo_ctx owns one GEOS context whose error and notice handlers write into
 * the context's own message buffer, so GEOS never prints and its reasons end
 * up in our messages.  A layer holds the polygons of one file (CSV with an id
 * and a WKT column, or a GeoJSON FeatureCollection), their ids and the
 * attributes asked for, an STRtree of prepared geometries, and the fast
 * locator of pip.h.
 *
 * The boundary rule: a point belongs to the first polygon, in file order,
 * that covers it (interior or boundary).  So a point on an edge shared by
 * two polygons goes to the one that comes first in the file, on every run,
 * and a point on the outer boundary of the layer counts as inside.
 */
#ifndef LAYER_H
#define LAYER_H

#include <geos_c.h>
#include <stddef.h>
#include <stdint.h>

#include "core/csvio.h"
#include "geo/pip.h"
#include "core/util.h"

struct geo_ctx {
	GEOSContextHandle_t h;
	char msg[512]; /* the last error GEOS reported */
};

/* Start a GEOS context.  Returns 0, or -1 with *e set. */
int geo_init(struct geo_ctx *g, struct err *e);

/* Finish the context.  Every layer made with it must be freed first. */
void geo_finish(struct geo_ctx *g);

/* What to load and how. */
struct layer_opts {
	const char *path;
	const char *id_field;  /* CSV: default "id"; GeoJSON: a property,
	                          default the feature's "id" member */
	const char *wkt_field; /* CSV only: default "wkt" */
	const char *as;        /* output column name; default: id_field or "id" */
	char **attrs;          /* attribute names to carry, or NULL */
	int nattrs;
	int make_valid;        /* repair invalid polygons instead of failing */
	struct csv_opts csv;   /* how to read a CSV layer */
	int no_fast;           /* 1: GEOS only (tests and comparisons) */
	double buckets_per_edge; /* the fast index's size (pip_build); 0:
	                            the default */
};

/*
 * A layer keeps its polygons as plain coordinate rings; a GEOS geometry is
 * made only for the polygons that need one (validation of complex shapes,
 * the rare point the fast locator is unsure of), and then kept.
 */
struct ring {
	uint32_t start, n; /* n closed points at xy[2 * start] */
};

struct part {
	uint32_t ring0, nrings; /* shell first, then holes */
};

struct polyrec {
	uint32_t part0, nparts;
	int multi; /* a MultiPolygon in the source */
};

struct layer {
	char *path;
	char *as;          /* column name for the id */
	int as_explicit;   /* named by --as: never renamed */
	char **attr_names;
	int nattrs;
	size_t n;          /* polygons */
	struct buf strs;   /* ids and attribute values, NUL-terminated */
	size_t *id_off;    /* n offsets into strs */
	size_t *id_len;    /* n lengths */
	size_t *attr_off;  /* n * nattrs offsets into strs, row-major */
	double *xy;        /* coordinates of every ring */
	size_t nxy, capxy;
	struct ring *rings;
	size_t nrings, caprings;
	struct part *parts;
	size_t nparts, capparts;
	struct polyrec *polys;
	size_t cappolys;
	GEOSGeometry **geoms;              /* n, made on demand */
	const GEOSPreparedGeometry **prep; /* n, made on demand */
	size_t *order;   /* order[i] = i, the STRtree's items */
	GEOSSTRtree *tree;                 /* --exact only */
	struct pip_index *fast;            /* NULL with --exact */
	size_t nedges;                     /* edges in the fast index */
	size_t repaired;        /* polygons fixed by --make-valid */
	size_t *hits;           /* scratch for candidate lists */
	int32_t *cands;
	size_t nhits, caphits, capcands;
	int hit_oom;
	/* counters for the curious (benchmarks) */
	unsigned long long fast_hits, slow_hits;
};

/* The id of polygon i, NUL-terminated, owned by the layer. */
#define layer_id(L, i) ((L)->strs.data + (L)->id_off[(i)])

/* Attribute a of polygon i, NUL-terminated, owned by the layer. */
#define layer_attr(L, i, a) \
	((L)->strs.data + (L)->attr_off[(i) * (size_t)(L)->nattrs + (size_t)(a)])

/*
 * Load the layer named in o into *L (which the caller zeroes first and
 * owns; o and its strings stay the caller's).  o->path is read once, so
 * it may be "-" (standard input, "<stdin>" in messages), a pipe or a
 * FIFO; the format is GeoJSON when the first byte after a BOM and white
 * space is '{', else CSV.  A layer with a coordinate beyond PIP_MAX_COORD
 * is located by GEOS alone.  Returns 0, or -1 with *e set: unreadable
 * file (ERR_IO), bad WKT or GeoJSON, a GeoJSON crs other than WGS-84
 * longitude/latitude, an id missing or used twice, a geometry that is not
 * a polygon, a coordinate that is not finite, an extent wider or taller
 * than a double holds, an invalid polygon with GEOS's reason (ERR_DATA).
 * Free *L with layer_free() in both cases.
 */
int layer_load(struct geo_ctx *g, struct layer *L, const struct layer_opts *o,
    struct err *e);

/*
 * Find the polygons that get the n points (x[i], y[i]) under the boundary
 * rule above: out[i] is the index (0-based) of point i's polygon, or -1
 * when no polygon covers it (a point with a coordinate that is not finite
 * included).  The fast locator answers where it is sure, GEOS elsewhere.
 * Returns -1, or the index of the point at which GEOS failed (out[i] is
 * -2, *e set; the points after it are not located).
 */
int layer_locate_batch(struct geo_ctx *g, struct layer *L, const double *x,
    const double *y, size_t n, long *out, struct err *e);

/* Free everything the layer holds.  The struct itself is the caller's. */
void layer_free(struct geo_ctx *g, struct layer *L);

#endif
