/*
 * pip.h - a fast point-in-polygon locator that knows when it is unsure.
 *
 * The layer's extent is cut into a uniform grid of buckets.  A bucket that
 * no polygon edge touches lies wholly inside one set of polygons, so a point
 * in it is answered by one array read.  In a bucket that edges cross, the
 * point's status for each nearby polygon is the status of a reference point
 * in the bucket (found by a scanline when the index is built) flipped once
 * per edge that the segment from the reference point to the point crosses.
 *
 * Every orientation test uses Shewchuk's error bound: when a sign cannot be
 * certified in double precision (the point is on or within rounding of an
 * edge, or the segment passes through a vertex), the locator answers
 * PIP_UNSURE and the caller asks GEOS, whose robust predicates then decide.
 * So a decided answer is the answer exact arithmetic on the same doubles
 * gives, which is GEOS's answer; the tests check this on random points and
 * on points placed on edges and vertices.
 *
 * The rule the caller gets: the polygon returned is the first, in input
 * order, whose interior contains the point.  Points on a boundary always
 * come back PIP_UNSURE, so boundary handling is the caller's (GEOS) rule.
 */
#ifndef PIP_H
#define PIP_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

/* One directed ring edge of polygon poly (0-based, input order). */
struct pip_edge {
	double ax, ay, bx, by;
	int32_t poly;
};

#define PIP_NONE (-1L)  /* the point is in no polygon */
#define PIP_UNSURE (-2L) /* ask the exact predicate */

struct pip_index;

/*
 * The largest coordinate magnitude pip_build() accepts: differences of
 * coordinates up to it (2e153) and their products (4e306) stay below
 * DBL_MAX, so the locator is exact on every finite point; a layer beyond
 * it must be located another way (GEOS alone).  Small magnitudes need no
 * limit: where a product may have underflowed, the answer is PIP_UNSURE.
 */
#define PIP_MAX_COORD 1e153

/*
 * Build an index over nedges edges of npolys polygons.  The edges are
 * copied; the caller keeps its array.  buckets_per_edge sets the grid's
 * size (about that many buckets per edge; 0 picks the default, 4).  The
 * rings must be closed (each polygon's edges form closed rings); holes and
 * several parts are fine.  Returns a new index, which the caller owns and
 * frees with pip_free(), or NULL with *e set: memory ran out (ERR_NOMEM),
 * or a coordinate is not finite or of magnitude above PIP_MAX_COORD
 * (ERR_DATA; callers check the limit first and never show this).
 */
struct pip_index *pip_build(const struct pip_edge *edges, size_t nedges,
    size_t npolys, double buckets_per_edge, struct err *e);

/*
 * Locate (x, y): the index of the first polygon in input order whose
 * interior contains the point, PIP_NONE if the point is certainly in no
 * polygon, or PIP_UNSURE.  Never PIP_NONE for a point on a boundary.  Any
 * x and y are allowed (a point outside the index's extent, infinite or
 * NaN is PIP_NONE); the index stays the caller's.
 */
long pip_locate(const struct pip_index *ix, double x, double y);

/*
 * pip_locate() for n points at once: out[i] for (x[i], y[i]).  Faster on
 * large layers, since the memory reads of PIP_BATCH points overlap.  The
 * caller owns x, y and out (n elements each); nothing is kept.
 */
#define PIP_BATCH 32
void pip_locate_batch(const struct pip_index *ix, const double *x,
    const double *y, size_t n, long *out);

/*
 * The polygons that may hold (x, y), in input order, for a point that
 * pip_locate() was unsure of: stores up to cap of them in out (the
 * caller's array) and returns how many there are (which may exceed cap).
 * A polygon not listed does not cover the point.
 */
size_t pip_candidates(const struct pip_index *ix, double x, double y,
    int32_t *out, size_t cap);

/* The bytes the index owns (for the benchmark's memory report). */
size_t pip_bytes(const struct pip_index *ix);

/* Store in *impure and *slow (the caller's) the share of buckets that
 * edges cross, and of those that must always ask GEOS. */
void pip_stats(const struct pip_index *ix, double *impure, double *slow);

/* Free the index and everything it owns.  NULL is allowed. */
void pip_free(struct pip_index *ix);

/*
 * The sign of the orientation of (a, b, c): +1 counter-clockwise, -1
 * clockwise, 0 when collinear or when double precision cannot tell (also
 * when an intermediate product overflows or underflows, so a nonzero
 * answer is the sign exact arithmetic gives for any finite input).  Pure:
 * it owns and keeps nothing.  Exposed for the unit tests and for
 * layer.c's cheap validity check.
 */
int pip_orient(double ax, double ay, double bx, double by, double cx,
    double cy);

#endif
