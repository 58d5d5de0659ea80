/*
 * The fast locator against GEOS: on random points, on every vertex, on
 * edge midpoints and on points a hair off the edges, the fast path (with
 * its GEOS fallback) must give exactly what GEOS alone gives, including the
 * first-in-file rule for points on shared edges.
 */
#include <stdint.h>
#include <stdlib.h>

#include "geo/layer.h"
#include "geo/pip.h"
#include "../t.h"
#include "geo_t.h"

void suite_pip(void);

static uint64_t rng_state = 88172645463325252ULL;

static double
uniform(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (double)(rng_state >> 11) / 9007199254740992.0;
}

struct agree {
	long n, mismatched, unsure, matched_some;
};

static void
compare_at(struct geo_ctx *g, struct layer *fast, struct layer *exact,
    double x, double y, struct agree *a)
{
	struct err e;
	long f = t_locate1(g, fast, x, y, &e);
	long x2 = t_locate1(g, exact, x, y, &e); /* GEOS: no fast index */

	a->n++;
	if (f != x2) {
		if (a->mismatched < 5)
			printf("# mismatch at (%.17g, %.17g): fast %ld, GEOS %ld\n",
			    x, y, f, x2);
		a->mismatched++;
	}
	if (pip_locate(fast->fast, x, y) == PIP_UNSURE)
		a->unsure++;
	if (x2 >= 0)
		a->matched_some++;
}

static void
agreement(const char *path, const char *id_field, long nrandom)
{
	struct geo_ctx g;
	struct layer fast = {0}, exact = {0};
	struct layer_opts o = {0};
	struct err e;
	struct agree a = {0};
	double minx = 1e300, miny = 1e300, maxx = -1e300, maxy = -1e300;
	size_t i, r;
	long k, differ = 0;

	CHECK(geo_init(&g, &e) == 0);
	o.path = path;
	o.id_field = id_field;
	o.csv.delim = ',';
	CHECK(layer_load(&g, &fast, &o, &e) == 0);
	o.no_fast = 1;
	CHECK(layer_load(&g, &exact, &o, &e) == 0);
	CHECK(fast.fast != NULL && exact.fast == NULL);
	for (i = 0; i < fast.nxy; i++) {
		minx = fmin(minx, fast.xy[2 * i]);
		maxx = fmax(maxx, fast.xy[2 * i]);
		miny = fmin(miny, fast.xy[2 * i + 1]);
		maxy = fmax(maxy, fast.xy[2 * i + 1]);
	}
	/* Random points over the extent and a little beyond, also located
	 * in batches, which must change nothing. */
	for (k = 0; k < nrandom; k += 100) {
		double xs[100], ys[100];
		long batch[100];
		int j;
		for (j = 0; j < 100; j++) {
			xs[j] = minx + (uniform() * 1.1 - 0.05) * (maxx - minx);
			ys[j] = miny + (uniform() * 1.1 - 0.05) * (maxy - miny);
			compare_at(&g, &fast, &exact, xs[j], ys[j], &a);
		}
		CHECK_INT(layer_locate_batch(&g, &fast, xs, ys, 100, batch, &e),
		    -1);
		for (j = 0; j < 100; j++)
			if (batch[j] != t_locate1(&g, &fast, xs[j], ys[j], &e))
				differ++;
	}
	CHECK_INT(differ, 0);
	/* Every vertex, edge midpoints, and points just off each edge. */
	for (r = 0; r < fast.nrings; r++) {
		const double *v = &fast.xy[2 * fast.rings[r].start];
		for (i = 0; i + 1 < fast.rings[r].n; i++) {
			double ax = v[2 * i], ay = v[2 * i + 1];
			double bx = v[2 * i + 2], by = v[2 * i + 3];
			double mx = (ax + bx) / 2, my = (ay + by) / 2;
			double eps = 1e-9 * (fabs(mx) + fabs(my) + 1);
			compare_at(&g, &fast, &exact, ax, ay, &a);
			compare_at(&g, &fast, &exact, mx, my, &a);
			compare_at(&g, &fast, &exact, mx + eps, my, &a);
			compare_at(&g, &fast, &exact, mx, my - eps, &a);
			compare_at(&g, &fast, &exact, ax + (bx - ax) / 3,
			    ay + (by - ay) / 3, &a);
		}
	}
	printf("# %s: %ld points, %ld in a polygon, %ld unsure (GEOS), "
	    "%ld mismatched\n", path, a.n, a.matched_some, a.unsure,
	    a.mismatched);
	CHECK_INT(a.mismatched, 0);
	CHECK(a.matched_some > a.n / 4);
	CHECK(a.unsure < a.n / 2);
	layer_free(&g, &fast);
	layer_free(&g, &exact);
	geo_finish(&g);
}

static void
orientation(void)
{
	CHECK_INT(pip_orient(0, 0, 1, 0, 0, 1), 1);
	CHECK_INT(pip_orient(0, 0, 1, 0, 0, -1), -1);
	CHECK_INT(pip_orient(0, 0, 1, 1, 2, 2), 0);
	/* Collinear in exact arithmetic though not representable cleanly. */
	CHECK_INT(pip_orient(0.1, 0.1, 0.2, 0.2, 0.3, 0.3), 0);
	CHECK_INT(pip_orient(1e15, 1e15, 1e15 + 1, 1e15 + 1, 1e15 + 2,
	    1e15 + 2), 0);
	CHECK_INT(pip_orient(0, 0, 4, 0, 2, 1e-300), 1);
}

/* Two squares sharing an edge, the first with a hole. */
static void
shared_edge_rule(void)
{
	static const char csv[] =
	    "id,wkt\n"
	    "A,\"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), "
	    "(2 2, 4 2, 4 4, 2 4, 2 2))\"\n"
	    "B,\"POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))\"\n";
	struct geo_ctx g;
	struct layer L = {0};
	struct layer_opts o = {0};
	struct err e;

	CHECK(geo_init(&g, &e) == 0);
	o.path = t_file("squares.csv", csv, sizeof csv - 1);
	o.csv.delim = ',';
	CHECK(layer_load(&g, &L, &o, &e) == 0);
	CHECK_INT(t_locate1(&g, &L, 5, 5, &e), 0);
	CHECK_INT(t_locate1(&g, &L, 15, 5, &e), 1);
	CHECK_INT(t_locate1(&g, &L, 10, 5, &e), 0);  /* shared: first */
	CHECK_INT(t_locate1(&g, &L, 10, 10, &e), 0); /* shared vertex */
	CHECK_INT(t_locate1(&g, &L, 20, 5, &e), 1);  /* outer boundary */
	CHECK_INT(t_locate1(&g, &L, 0, 0, &e), 0);
	CHECK_INT(t_locate1(&g, &L, 3, 3, &e), -1);  /* in the hole */
	CHECK_INT(t_locate1(&g, &L, 2, 3, &e), 0);   /* hole's edge */
	CHECK_INT(t_locate1(&g, &L, 20.000001, 5, &e), -1);
	CHECK_INT(t_locate1(&g, &L, -1e300, 5, &e), -1);
	layer_free(&g, &L);
	geo_finish(&g);
}

void
suite_pip(void)
{
	orientation();
	shared_edge_rule();
	agreement("testdata/grid/cells.csv", NULL, 20000);
	agreement("testdata/grid/districts.csv", NULL, 20000);
	agreement("testdata/nyc_cd.geojson", "boro_cd", 20000);
}
