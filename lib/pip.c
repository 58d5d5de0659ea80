#include "pip.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Bucket codes in ix->cell: >= 0 pure, one polygon; the rest below. */
#define CELL_NONE (-1)      /* pure, in no polygon */
#define CELL_SLOW INT32_MIN /* always ask GEOS */
/* Impure bucket k is stored as -(k + 2). */

struct cand {
	int32_t poly;
	uint8_t c_inside;
	uint32_t edge_start; /* into ix->eidx */
	uint32_t edge_count;
};

struct ibucket {
	double cx, cy;
	uint32_t cand_start, cand_count;
};

struct pip_index {
	double x0, y0, w, h, inv_w, inv_h;
	int nx, ny;
	int32_t *cell;
	struct pip_edge *edges;
	size_t nedges;
	struct ibucket *ib;
	size_t nib;
	struct cand *cands;
	size_t ncands;
	uint32_t *eidx;
	size_t neidx;
	size_t nslow;
};

/* Shewchuk's ccwerrboundA: (3 + 16 eps) eps with eps = 2^-53. */
#define CCW_ERRBOUND 3.3306690738754716e-16

int
pip_orient(double ax, double ay, double bx, double by, double cx, double cy)
{
	double detleft = (ax - cx) * (by - cy);
	double detright = (ay - cy) * (bx - cx);
	double det = detleft - detright, detsum;

	if (detleft > 0) {
		if (detright <= 0)
			return det > 0 ? 1 : det < 0 ? -1 : 0;
		detsum = detleft + detright;
	} else if (detleft < 0) {
		if (detright >= 0)
			return det > 0 ? 1 : det < 0 ? -1 : 0;
		detsum = -detleft - detright;
	} else {
		return det > 0 ? 1 : det < 0 ? -1 : 0;
	}
	if (det >= CCW_ERRBOUND * detsum)
		return 1;
	if (-det >= CCW_ERRBOUND * detsum)
		return -1;
	return 0;
}

/*
 * Does segment P-C properly cross edge E?  1 yes, 0 no, -1 cannot tell
 * (a touch, a collinear overlap, or a sign lost to rounding).
 */
static int
crosses(const struct pip_edge *E, double px, double py, double cx, double cy)
{
	int o1, o2, o3, o4;

	if ((E->ax < px && E->ax < cx && E->bx < px && E->bx < cx) ||
	    (E->ax > px && E->ax > cx && E->bx > px && E->bx > cx) ||
	    (E->ay < py && E->ay < cy && E->by < py && E->by < cy) ||
	    (E->ay > py && E->ay > cy && E->by > py && E->by > cy))
		return 0;
	o1 = pip_orient(E->ax, E->ay, E->bx, E->by, px, py);
	o2 = pip_orient(E->ax, E->ay, E->bx, E->by, cx, cy);
	if (o1 == 0 || o2 == 0)
		return -1;
	if (o1 == o2)
		return 0;
	o3 = pip_orient(px, py, cx, cy, E->ax, E->ay);
	o4 = pip_orient(px, py, cx, cy, E->bx, E->by);
	if (o3 == 0 || o4 == 0)
		return -1;
	return o3 != o4;
}

long
pip_locate(const struct pip_index *ix, double x, double y)
{
	double fx = (x - ix->x0) * ix->inv_w, fy = (y - ix->y0) * ix->inv_h;
	const struct ibucket *b;
	int32_t c;
	uint32_t i, j;

	if (!(fx >= 0 && fy >= 0 && fx < ix->nx && fy < ix->ny))
		return PIP_NONE; /* outside the extent (or NaN, see caller) */
	c = ix->cell[(size_t)(int)fy * (size_t)ix->nx + (size_t)(int)fx];
	if (c >= CELL_NONE)
		return c;
	if (c == CELL_SLOW)
		return PIP_UNSURE;
	b = &ix->ib[-(c + 2)];
	for (i = 0; i < b->cand_count; i++) {
		const struct cand *k = &ix->cands[b->cand_start + i];
		int parity = 0;

		for (j = 0; j < k->edge_count; j++) {
			const struct pip_edge *E =
			    &ix->edges[ix->eidx[k->edge_start + j]];
			int r = crosses(E, x, y, b->cx, b->cy);
			if (r < 0)
				return PIP_UNSURE;
			parity ^= r;
		}
		if (k->c_inside ^ parity)
			return k->poly;
	}
	return PIP_NONE;
}

/* --- building --- */

struct xing {
	double x, tol;
	int32_t poly;
};

static int
cmp_xing(const void *a, const void *b)
{
	const struct xing *p = a, *q = b;

	if (p->x < q->x)
		return -1;
	if (p->x > q->x)
		return 1;
	return (p->poly > q->poly) - (p->poly < q->poly);
}

struct vec {
	void *p;
	size_t n, cap, size;
};

static void *
vec_push(struct vec *v)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 256;
		void *q = realloc(v->p, cap * v->size);
		if (q == NULL)
			return NULL;
		v->p = q;
		v->cap = cap;
	}
	return (char *)v->p + v->size * v->n++;
}

/* Bucket column range touched by x in [lo, hi], widened for rounding. */
static void
col_range(const struct pip_index *ix, double lo, double hi, int *i0, int *i1)
{
	double a = (lo - ix->x0) * ix->inv_w, b = (hi - ix->x0) * ix->inv_w;
	double slack = 1e-6;

	a = floor(a - slack);
	b = floor(b + slack);
	*i0 = a < 0 ? 0 : a >= ix->nx ? ix->nx - 1 : (int)a;
	*i1 = b < 0 ? 0 : b >= ix->nx ? ix->nx - 1 : (int)b;
}

static void
row_range(const struct pip_index *ix, double lo, double hi, int *i0, int *i1)
{
	double a = (lo - ix->y0) * ix->inv_h, b = (hi - ix->y0) * ix->inv_h;
	double slack = 1e-6;

	a = floor(a - slack);
	b = floor(b + slack);
	*i0 = a < 0 ? 0 : a >= ix->ny ? ix->ny - 1 : (int)a;
	*i1 = b < 0 ? 0 : b >= ix->ny ? ix->ny - 1 : (int)b;
}

/*
 * Call fn for every bucket that edge E may touch: row by row, the columns
 * between the edge's x extent within that row's (widened) y band.
 */
static void
edge_buckets(const struct pip_index *ix, const struct pip_edge *E,
    void (*fn)(void *, size_t), void *ctx)
{
	int r0, r1, r, c0, c1, c;
	double ylo = fmin(E->ay, E->by), yhi = fmax(E->ay, E->by);

	row_range(ix, ylo, yhi, &r0, &r1);
	for (r = r0; r <= r1; r++) {
		double band0 = ix->y0 + (r - 1e-6) * ix->h;
		double band1 = ix->y0 + (r + 1 + 1e-6) * ix->h;
		double xa, xb;

		if (E->ay == E->by || r0 == r1) {
			xa = fmin(E->ax, E->bx);
			xb = fmax(E->ax, E->bx);
		} else {
			double t0 = (fmax(band0, ylo) - E->ay) / (E->by - E->ay);
			double t1 = (fmin(band1, yhi) - E->ay) / (E->by - E->ay);
			double u0 = E->ax + t0 * (E->bx - E->ax);
			double u1 = E->ax + t1 * (E->bx - E->ax);
			double pad = 1e-6 * ix->w;
			xa = fmax(fmin(u0, u1) - pad, fmin(E->ax, E->bx));
			xb = fmin(fmax(u0, u1) + pad, fmax(E->ax, E->bx));
		}
		col_range(ix, xa, xb, &c0, &c1);
		for (c = c0; c <= c1; c++)
			fn(ctx, (size_t)r * (size_t)ix->nx + (size_t)c);
	}
}

struct fill_ctx {
	uint32_t *count;
	uint32_t *pos;
	uint32_t *list;
	uint32_t edge;
};

static void
count_fn(void *p, size_t b)
{
	struct fill_ctx *f = p;
	f->count[b]++;
}

static void
fill_fn(void *p, size_t b)
{
	struct fill_ctx *f = p;
	f->list[f->pos[b]++] = f->edge;
}

static const struct pip_edge *sort_edges;

static int
cmp_eid(const void *a, const void *b)
{
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	int32_t p = sort_edges[i].poly, q = sort_edges[j].poly;

	if (p != q)
		return (p > q) - (p < q);
	return (i > j) - (i < j);
}

static int
cmp_i32(const void *a, const void *b)
{
	int32_t p = *(const int32_t *)a, q = *(const int32_t *)b;
	return (p > q) - (p < q);
}

struct pip_index *
pip_build(const struct pip_edge *edges, size_t nedges, size_t npolys,
    double buckets_per_edge, struct err *e)
{
	struct pip_index *ix;
	struct fill_ctx f = {0};
	uint32_t *start = NULL, *stamp = NULL;
	uint8_t *parity = NULL;
	int32_t *active = NULL, *merged = NULL;
	struct vec xs = {0}, ib = {0}, cands = {0}, eidx = {0};
	size_t nactive = 0, i, nb, total;
	double minx = INFINITY, miny = INFINITY, maxx = -INFINITY,
	       maxy = -INFINITY, target, side;
	int r, c;

	xs.size = sizeof(struct xing);
	ib.size = sizeof(struct ibucket);
	cands.size = sizeof(struct cand);
	eidx.size = sizeof(uint32_t);
	ix = calloc(1, sizeof *ix);
	if (ix == NULL || nedges > UINT32_MAX / 2 || npolys > INT32_MAX) {
		free(ix);
		err_nomem(e);
		return NULL;
	}
	ix->edges = malloc((nedges ? nedges : 1) * sizeof *ix->edges);
	if (ix->edges == NULL)
		goto nomem;
	for (i = 0; i < nedges; i++) {
		const struct pip_edge *E = &edges[i];
		if (E->ax == E->bx && E->ay == E->by)
			continue; /* a repeated vertex: no edge */
		ix->edges[ix->nedges++] = *E;
		minx = fmin(minx, fmin(E->ax, E->bx));
		maxx = fmax(maxx, fmax(E->ax, E->bx));
		miny = fmin(miny, fmin(E->ay, E->by));
		maxy = fmax(maxy, fmax(E->ay, E->by));
	}
	nedges = ix->nedges;
	if (nedges == 0) {
		/* Nothing to find: one bucket, empty. */
		ix->nx = ix->ny = 1;
		ix->x0 = ix->y0 = 0;
		ix->w = ix->h = ix->inv_w = ix->inv_h = 1;
		ix->cell = malloc(sizeof *ix->cell);
		if (ix->cell == NULL)
			goto nomem;
		ix->cell[0] = CELL_NONE;
		ix->x0 = INFINITY; /* every point falls outside */
		return ix;
	}
	/* Grid: square-ish buckets, about buckets_per_edge per edge. */
	if (buckets_per_edge <= 0)
		buckets_per_edge = 4;
	{
		double wx = maxx - minx, wy = maxy - miny;
		double pad = fmax(fmax(wx, wy) * 1e-9, 1e-9);
		minx -= pad;
		miny -= pad;
		maxx += pad;
		maxy += pad;
		wx = maxx - minx;
		wy = maxy - miny;
		target = fmin(buckets_per_edge * (double)nedges, 16e6);
		side = sqrt(wx * wy / target);
		ix->nx = (int)fmin(fmax(ceil(wx / side), 1), 8192);
		ix->ny = (int)fmin(fmax(ceil(wy / side), 1), 8192);
		ix->x0 = minx;
		ix->y0 = miny;
		ix->w = wx / ix->nx;
		ix->h = wy / ix->ny;
		ix->inv_w = ix->nx / wx;
		ix->inv_h = ix->ny / wy;
	}
	nb = (size_t)ix->nx * (size_t)ix->ny;
	ix->cell = malloc(nb * sizeof *ix->cell);
	f.count = calloc(nb + 1, sizeof *f.count);
	if (ix->cell == NULL || f.count == NULL)
		goto nomem;
	/* Bucket -> edges, as compressed rows. */
	for (i = 0; i < nedges; i++)
		edge_buckets(ix, &ix->edges[i], count_fn, &f);
	start = malloc((nb + 1) * sizeof *start);
	if (start == NULL)
		goto nomem;
	total = 0;
	for (i = 0; i < nb; i++) {
		start[i] = (uint32_t)total;
		total += f.count[i];
		if (total > UINT32_MAX)
			goto nomem;
	}
	start[nb] = (uint32_t)total;
	f.pos = f.count; /* reuse as fill cursor */
	memcpy(f.pos, start, nb * sizeof *start);
	f.list = malloc((total ? total : 1) * sizeof *f.list);
	if (f.list == NULL)
		goto nomem;
	for (i = 0; i < nedges; i++) {
		f.edge = (uint32_t)i;
		edge_buckets(ix, &ix->edges[i], fill_fn, &f);
	}
	stamp = calloc(nedges, sizeof *stamp);
	parity = calloc(npolys ? npolys : 1, 1);
	active = malloc((npolys ? npolys : 1) * sizeof *active);
	merged = malloc((npolys ? npolys : 1) * sizeof *merged);
	if (stamp == NULL || parity == NULL || active == NULL ||
	    merged == NULL)
		goto nomem;
	sort_edges = ix->edges;

	for (r = 0; r < ix->ny; r++) {
		double yc = ix->y0 + (r + 0.5) * ix->h;
		size_t k = 0;

		/* Crossings of the row's centre line, from the row's edges. */
		xs.n = 0;
		for (c = 0; c < ix->nx; c++) {
			size_t b = (size_t)r * (size_t)ix->nx + (size_t)c;
			uint32_t j;
			for (j = start[b]; j < start[b + 1]; j++) {
				uint32_t ei = f.list[j];
				const struct pip_edge *E = &ix->edges[ei];
				struct xing *x;
				if (stamp[ei] == (uint32_t)r + 1)
					continue;
				stamp[ei] = (uint32_t)r + 1;
				if ((E->ay > yc) == (E->by > yc))
					continue;
				x = vec_push(&xs);
				if (x == NULL)
					goto nomem;
				x->x = E->ax + (yc - E->ay) * (E->bx - E->ax) /
				    (E->by - E->ay);
				x->tol = 16 * DBL_EPSILON *
				    (fabs(E->ax) + fabs(E->bx) + fabs(x->x)) +
				    DBL_MIN;
				x->poly = E->poly;
			}
		}
		/* Edges crossing the line outside this row's lists cannot
		 * exist: an edge crossing yc touches a bucket of row r. */
		qsort(xs.p, xs.n, sizeof(struct xing), cmp_xing);
		memset(parity, 0, npolys ? npolys : 1);
		nactive = 0;
		for (c = 0; c < ix->nx; c++) {
			size_t b = (size_t)r * (size_t)ix->nx + (size_t)c;
			double xc = ix->x0 + (c + 0.5) * ix->w;
			const struct xing *X = xs.p;
			int near = 0;
			size_t a;

			while (k < xs.n && X[k].x < xc) {
				int32_t p = X[k].poly;
				parity[p] ^= 1;
				if (parity[p]) {
					active[nactive++] = p;
				} else {
					for (a = 0; a < nactive; a++)
						if (active[a] == p)
							break;
					active[a] = active[--nactive];
				}
				k++;
			}
			if ((k < xs.n && X[k].x - xc <= X[k].tol) ||
			    (k > 0 && xc - X[k - 1].x <= X[k - 1].tol))
				near = 1;
			if (near) {
				ix->cell[b] = CELL_SLOW;
				ix->nslow++;
				continue;
			}
			if (start[b] == start[b + 1]) {
				int32_t best = CELL_NONE;
				for (a = 0; a < nactive; a++)
					if (best < 0 || active[a] < best)
						best = active[a];
				ix->cell[b] = best;
				continue;
			}
			/* Impure: candidates are the polygons with edges here
			 * and the polygons that hold the reference point. */
			{
				uint32_t *L = f.list + start[b];
				size_t n = start[b + 1] - start[b], m = 0, u, v;
				struct ibucket *B;
				double yc2 = yc;
				int clean = 1;

				for (u = 0; u < n; u++)
					if (pip_orient(ix->edges[L[u]].ax,
					    ix->edges[L[u]].ay, ix->edges[L[u]].bx,
					    ix->edges[L[u]].by, xc, yc2) == 0) {
						clean = 0;
						break;
					}
				if (!clean) {
					ix->cell[b] = CELL_SLOW;
					ix->nslow++;
					continue;
				}
				qsort(L, n, sizeof *L, cmp_eid);
				for (a = 0; a < nactive; a++)
					merged[m++] = active[a];
				for (u = 0; u < n; u++)
					if (u == 0 || ix->edges[L[u]].poly !=
					    ix->edges[L[u - 1]].poly)
						merged[m++] = ix->edges[L[u]].poly;
				qsort(merged, m, sizeof *merged, cmp_i32);
				B = vec_push(&ib);
				if (B == NULL)
					goto nomem;
				B->cx = xc;
				B->cy = yc2;
				B->cand_start = (uint32_t)cands.n;
				B->cand_count = 0;
				u = 0;
				for (v = 0; v < m; v++) {
					int32_t p = merged[v];
					struct cand *K;
					size_t es = u;
					if (v > 0 && merged[v - 1] == p)
						continue;
					while (u < n && ix->edges[L[u]].poly < p)
						u++;
					es = u;
					while (u < n && ix->edges[L[u]].poly == p)
						u++;
					if (u == es && !parity[p])
						continue;
					K = vec_push(&cands);
					if (K == NULL)
						goto nomem;
					K->poly = p;
					K->c_inside = parity[p];
					K->edge_start = (uint32_t)eidx.n;
					K->edge_count = (uint32_t)(u - es);
					for (; es < u; es++) {
						uint32_t *q = vec_push(&eidx);
						if (q == NULL)
							goto nomem;
						*q = L[es];
					}
					B->cand_count++;
					if (K->edge_count == 0)
						break; /* holds the whole bucket */
				}
				ix->cell[b] = -(int32_t)(ib.n - 1) - 2;
			}
		}
	}
	ix->ib = ib.p;
	ix->nib = ib.n;
	ix->cands = cands.p;
	ix->ncands = cands.n;
	ix->eidx = eidx.p;
	ix->neidx = eidx.n;
	free(xs.p);
	free(f.count);
	free(f.list);
	free(start);
	free(stamp);
	free(parity);
	free(active);
	free(merged);
	return ix;
nomem:
	free(xs.p);
	free(ib.p);
	free(cands.p);
	free(eidx.p);
	free(f.count);
	free(f.list);
	free(start);
	free(stamp);
	free(parity);
	free(active);
	free(merged);
	pip_free(ix);
	err_nomem(e);
	return NULL;
}

size_t
pip_bytes(const struct pip_index *ix)
{
	return sizeof *ix + (size_t)ix->nx * (size_t)ix->ny * sizeof(int32_t) +
	    ix->nedges * sizeof(struct pip_edge) +
	    ix->nib * sizeof(struct ibucket) + ix->ncands * sizeof(struct cand) +
	    ix->neidx * sizeof(uint32_t);
}

void
pip_stats(const struct pip_index *ix, double *impure, double *slow)
{
	double nb = (double)ix->nx * (double)ix->ny;

	*impure = (double)ix->nib / nb;
	*slow = (double)ix->nslow / nb;
}

void
pip_free(struct pip_index *ix)
{
	if (ix == NULL)
		return;
	free(ix->cell);
	free(ix->edges);
	free(ix->ib);
	free(ix->cands);
	free(ix->eidx);
	free(ix);
}
