/*
 * pip.c - a differential harness: the fast point-in-polygon locator
 * (lib/geo/pip.c, the layer's default path) against GEOS alone (the
 * layer loaded with no_fast, as gridify --exact does).  Both must give
 * every point the same polygon.
 *
 * Input: byte 0 picks the scale, the magnitude issue 12 names: 1e-300,
 * 1, 1e150, 1e300, 1e155, 1e-310 (subnormal), 1e-5, or 1e308; then
 * polygons, each a count byte k (3 + k % 6 vertices), a centre (two
 * signed bytes) and k radius bytes: a star-shaped polygon around the
 * centre with its vertices at fixed angles, so always simple, scaled.
 * A count byte of 0xff ends the polygons; the bytes after it are points
 * (pairs of signed 16-bit numbers, in units of 1/256 of the polygons'
 * grid, scaled alike).  The polygons' vertices and the midpoints of their
 * first edges are located too (points on boundaries).  At 1e155 and up
 * the layer is past PIP_MAX_COORD and both sides are GEOS (the check is
 * then that the fallback is taken); at 1e308 the vertices overflow and
 * the layer is refused.
 */
#include "fuzz.h"

#include <math.h>

#include "geo/layer.h"

static const double scales[] = { 1e-300, 1, 1e150, 1e300, 1e155, 1e-310,
	1e-5, 1e308 };

#define MAXPOLY 16
#define MAXPT 256

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct geo_ctx g;
	static int inited;
	static double x[MAXPT], y[MAXPT];
	static long fast[MAXPT], exact[MAXPT];
	static char text[MAXPOLY * 10 * 60 + 64];
	double scale = scales[fuzz_byte(&data, &size) % 8];
	struct layer A, B;
	struct layer_opts o;
	struct err e;
	size_t k = 0, np = 0, npoly = 0;
	const char *path;
	int ra, rb;

	if (!inited) {
		if (geo_init(&g, &e) < 0) {
			fprintf(stderr, "geo_init: %s\n", e.msg);
			abort();
		}
		inited = 1;
	}
	k += (size_t)sprintf(text, "id,wkt\n");
	while (size > 0 && npoly < MAXPOLY) {
		unsigned cnt = fuzz_byte(&data, &size);
		double cx, cy, vx[8], vy[8];
		size_t nv;

		if (cnt == 0xff || size < 2)
			break;
		nv = 3 + cnt % 6;
		cx = (int8_t)fuzz_byte(&data, &size);
		cy = (int8_t)fuzz_byte(&data, &size);
		k += (size_t)sprintf(text + k, "%zu,\"POLYGON((", ++npoly);
		for (size_t i = 0; i < nv; i++) {
			double a = 2 * 3.14159265358979323846 * (double)i / (double)nv;
			double r = 1 + fuzz_byte(&data, &size) % 64;
			/* Rounded to 1/16 so the vertices are exact doubles
			 * before scaling, and the ring is the same in both
			 * layers whatever the scale. */
			vx[i] = round((cx + r * cos(a)) * 16) / 16 * scale;
			vy[i] = round((cy + r * sin(a)) * 16) / 16 * scale;
			k += (size_t)sprintf(text + k, "%.17g %.17g,", vx[i],
			    vy[i]);
			if (np < MAXPT) {
				x[np] = vx[i];
				y[np++] = vy[i];
			}
		}
		k += (size_t)sprintf(text + k, "%.17g %.17g))\"\n", vx[0],
		    vy[0]);
		if (np < MAXPT) {
			x[np] = vx[0] / 2 + vx[1] / 2;
			y[np++] = vy[0] / 2 + vy[1] / 2;
		}
	}
	if (npoly == 0)
		return 0;
	while (size >= 4 && np < MAXPT) {
		int16_t px = (int16_t)(data[0] | data[1] << 8);
		int16_t py = (int16_t)(data[2] | data[3] << 8);
		x[np] = (double)px / 256 * scale;
		y[np++] = (double)py / 256 * scale;
		data += 4;
		size -= 4;
	}
	path = fuzz_file(0, text, k, ".csv");
	memset(&o, 0, sizeof o);
	o.path = path;
	o.csv.delim = ',';
	memset(&A, 0, sizeof A);
	memset(&B, 0, sizeof B);
	ra = layer_load(&g, &A, &o, &e);
	o.no_fast = 1;
	rb = ra == 0 ? layer_load(&g, &B, &o, &e) : -1;
	if (ra == 0 && rb != 0)
		FUZZ_FAIL("the layer loads with the fast locator but not "
		    "without: %s", e.msg);
	if (ra == 0 && layer_locate_batch(&g, &A, x, y, np, fast, &e) < 0 &&
	    layer_locate_batch(&g, &B, x, y, np, exact, &e) < 0)
		for (size_t i = 0; i < np; i++)
			if (fast[i] != exact[i])
				FUZZ_FAIL("point (%.17g, %.17g): the fast "
				    "locator says %ld, GEOS %ld (scale %g)",
				    x[i], y[i], fast[i], exact[i], scale);
	layer_free(&g, &A);
	layer_free(&g, &B);
	return 0;
}
