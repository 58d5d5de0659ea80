#include "geo/pip.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * Bucket codes in ix->cell: >= 0 pure, one polygon; CELL_NONE pure, no
 * polygon; <= -2 an impure bucket whose description starts at word
 * -(code + 2) of ix->blob:
 *   header:  number of candidates | BLOB_SLOW if the bucket always asks GEOS
 *   per candidate, in polygon order: poly | c_inside << 32 | nedges << 33,
 *   then the candidate's edges as 32-bit indices into ix->seg, two a word.
 * Indices rather than inline coordinates keep the blob a third the size,
 * so that on a large layer more of it stays in the cache.
 */
#define CELL_NONE (-1)
#define BLOB_SLOW (1ULL << 63)

union word {
	uint64_t u;
	double d;
	uint32_t i[2];
};

struct seg {
	double ax, ay, bx, by;
};

struct pip_index {
	double x0, y0, w, h, inv_w, inv_h;
	int nx, ny;
	int32_t *cell;
	union word *blob;
	size_t nblob;
	struct seg *seg; /* every edge, referred to by index from the blob */
	size_t nseg;
	size_t nimpure, nslow;
};

/* Plain min and max: libm's fmin and fmax are calls, and no NaN gets here. */
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

/* Shewchuk's ccwerrboundA: (3 + 16 eps) eps with eps = 2^-53. */
#define CCW_ERRBOUND 3.3306690738754716e-16

int
pip_orient(double ax, double ay, double bx, double by, double cx, double cy)
{
	double l1 = ax - cx, l2 = by - cy, r1 = ay - cy, r2 = bx - cx;
	double detleft = l1 * l2, detright = r1 * r2;
	double det = detleft - detright, detsum, al, ar;

	/* Shewchuk's bound holds only without overflow and underflow: a
	 * product that overflowed (or a difference that did) or one below
	 * DBL_MIN though neither factor is zero (a subnormal result, or 0)
	 * leaves the sign to the caller's exact predicate.  A zero factor
	 * makes the product exactly zero, which is fine. */
	al = fabs(detleft);
	ar = fabs(detright);
	if (!(al <= DBL_MAX && ar <= DBL_MAX) ||
	    (al < DBL_MIN && l1 != 0 && l2 != 0) ||
	    (ar < DBL_MIN && r1 != 0 && r2 != 0))
		return 0;
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
	/* Keep the bound's product out of the subnormal range, where it
	 * would round down: scaling by a power of two is exact here. */
	if (detsum < 0x1p-900) {
		det *= 0x1p200;
		detsum *= 0x1p200;
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
crosses(const struct seg *E, double px, double py, double cx, double cy)
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

/* Locate (x, y) in bucket (col, row), whose code is c. */
static long
locate_in(const struct pip_index *ix, double x, double y, int col, int row,
    int32_t c)
{
	const union word *w;
	uint64_t i, ncand;
	double cx, cy;

	if (c >= CELL_NONE)
		return c;
	w = &ix->blob[-(int64_t)c - 2];
	if (w->u & BLOB_SLOW)
		return PIP_UNSURE;
	ncand = w->u;
	cx = ix->x0 + (col + 0.5) * ix->w;
	cy = ix->y0 + (row + 0.5) * ix->h;
	w++;
	for (i = 0; i < ncand; i++) {
		uint64_t k = w->u, j, ne = k >> 33;
		int parity = 0;

		w++;
		for (j = 0; j < ne; j++) {
			const struct seg *S = &ix->seg[w[j >> 1].i[j & 1]];
			int r = crosses(S, x, y, cx, cy);
			if (r < 0)
				return PIP_UNSURE;
			parity ^= r;
		}
		w += (ne + 1) / 2;
		if (((k >> 32) & 1) ^ (uint64_t)parity)
			return (long)(uint32_t)k;
	}
	return PIP_NONE;
}

long
pip_locate(const struct pip_index *ix, double x, double y)
{
	double fx = (x - ix->x0) * ix->inv_w, fy = (y - ix->y0) * ix->inv_h;
	int col, row;

	if (!(fx >= 0 && fy >= 0 && fx < ix->nx && fy < ix->ny))
		return PIP_NONE; /* outside the extent (or NaN) */
	col = (int)fx;
	row = (int)fy;
	return locate_in(ix, x, y, col, row,
	    ix->cell[(size_t)row * (size_t)ix->nx + (size_t)col]);
}

void
pip_locate_batch(const struct pip_index *ix, const double *x,
    const double *y, size_t n, long *out)
{
	int col[PIP_BATCH], row[PIP_BATCH];
	int32_t code[PIP_BATCH];
	size_t i, base;

	for (base = 0; base < n; base += PIP_BATCH) {
		size_t m = n - base < PIP_BATCH ? n - base : PIP_BATCH;

		/* Each stage starts the memory reads the next one needs, for
		 * every point at once, instead of waiting on them one by one. */
		for (i = 0; i < m; i++) {
			double fx = (x[base + i] - ix->x0) * ix->inv_w;
			double fy = (y[base + i] - ix->y0) * ix->inv_h;
			if (!(fx >= 0 && fy >= 0 && fx < ix->nx && fy < ix->ny)) {
				col[i] = -1;
				continue;
			}
			col[i] = (int)fx;
			row[i] = (int)fy;
			__builtin_prefetch(&ix->cell[(size_t)row[i] *
			    (size_t)ix->nx + (size_t)col[i]]);
		}
		for (i = 0; i < m; i++) {
			if (col[i] < 0)
				continue;
			code[i] = ix->cell[(size_t)row[i] * (size_t)ix->nx +
			    (size_t)col[i]];
			if (code[i] < CELL_NONE) {
				const union word *w = &ix->blob[-(int64_t)code[i] - 2];
				__builtin_prefetch(w);
				__builtin_prefetch(w + 7);
			}
		}
		for (i = 0; i < m; i++) {
			const union word *w;
			if (col[i] < 0 || code[i] >= CELL_NONE)
				continue;
			w = &ix->blob[-(int64_t)code[i] - 2];
			if (!(w->u & BLOB_SLOW) && w->u > 0 && (w[1].u >> 33) > 0) {
				__builtin_prefetch(&ix->seg[w[2].i[0]]);
				if ((w[1].u >> 33) > 1)
					__builtin_prefetch(&ix->seg[w[2].i[1]]);
			}
		}
		for (i = 0; i < m; i++)
			out[base + i] = col[i] < 0 ? PIP_NONE :
			    locate_in(ix, x[base + i], y[base + i], col[i], row[i],
				code[i]);
	}
}

size_t
pip_candidates(const struct pip_index *ix, double x, double y, int32_t *out,
    size_t cap)
{
	double fx = (x - ix->x0) * ix->inv_w, fy = (y - ix->y0) * ix->inv_h;
	const union word *w;
	int32_t c;
	uint64_t i, ncand;
	size_t n = 0;

	if (!(fx >= 0 && fy >= 0 && fx < ix->nx && fy < ix->ny))
		return 0;
	c = ix->cell[(size_t)(int)fy * (size_t)ix->nx + (size_t)(int)fx];
	if (c >= 0) {
		if (cap > 0)
			out[0] = c;
		return 1;
	}
	if (c == CELL_NONE)
		return 0;
	w = &ix->blob[-(int64_t)c - 2];
	ncand = w->u & ~BLOB_SLOW;
	w++;
	for (i = 0; i < ncand; i++) {
		uint64_t k = w->u;
		if (n < cap)
			out[n] = (int32_t)(uint32_t)k;
		n++;
		w += 1 + ((k >> 33) + 1) / 2;
	}
	return n;
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

/*
 * The buckets along one axis (origin, 1/bucket size, count) that the
 * interval [lo, hi] touches, widened by a millionth of a bucket for
 * rounding, clamped to the grid.
 */
static void
axis_range(double origin, double inv, int n, double lo, double hi, int *i0,
    int *i1)
{
	double a = (lo - origin) * inv - 1e-6;
	double b = (hi - origin) * inv + 1e-6;

	/* Clamped first, so the casts are defined (NaN, which pip_build's
	 * limits keep out, would clamp to 0); a cast truncates toward zero,
	 * which is floor for the non-negative values left. */
	*i0 = !(a >= 0) ? 0 : a >= n ? n - 1 : (int)a;
	*i1 = !(b >= 0) ? 0 : b >= n ? n - 1 : (int)b;
}

#define col_range(ix, lo, hi, i0, i1) \
	axis_range((ix)->x0, (ix)->inv_w, (ix)->nx, lo, hi, i0, i1)
#define row_range(ix, lo, hi, i0, i1) \
	axis_range((ix)->y0, (ix)->inv_h, (ix)->ny, lo, hi, i0, i1)

/*
 * Call fn for every bucket that edge E may touch: row by row, the columns
 * between the edge's x extent within that row's (widened) y band.
 */
static void
edge_buckets(const struct pip_index *ix, const struct pip_edge *E,
    void (*fn)(void *, size_t), void *ctx)
{
	int r0, r1, r, c0, c1, c;
	double ylo = MIN(E->ay, E->by), yhi = MAX(E->ay, E->by);

	row_range(ix, ylo, yhi, &r0, &r1);
	for (r = r0; r <= r1; r++) {
		double band0 = ix->y0 + (r - 1e-6) * ix->h;
		double band1 = ix->y0 + (r + 1 + 1e-6) * ix->h;
		double xa, xb;

		if (E->ay == E->by || r0 == r1) {
			xa = MIN(E->ax, E->bx);
			xb = MAX(E->ax, E->bx);
		} else {
			double t0 = (MAX(band0, ylo) - E->ay) / (E->by - E->ay);
			double t1 = (MIN(band1, yhi) - E->ay) / (E->by - E->ay);
			double u0 = E->ax + t0 * (E->bx - E->ax);
			double u1 = E->ax + t1 * (E->bx - E->ax);
			double pad = 1e-6 * ix->w;
			xa = MAX(MIN(u0, u1) - pad, MIN(E->ax, E->bx));
			xb = MIN(MAX(u0, u1) + pad, MAX(E->ax, E->bx));
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

/*
 * Bucket lists are short: insertion sorts beat qsort's calls, which stay
 * for the long lists of dense coastlines.
 */
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

static int
eid_less(uint32_t i, uint32_t j, const struct pip_edge *E)
{
	return E[i].poly < E[j].poly || (E[i].poly == E[j].poly && i < j);
}

static void
isort_eid(uint32_t *a, size_t n, const struct pip_edge *E)
{
	size_t i, j;

	if (n > 48) {
		sort_edges = E;
		qsort(a, n, sizeof *a, cmp_eid);
		return;
	}
	for (i = 1; i < n; i++) {
		uint32_t v = a[i];
		for (j = i; j > 0 && eid_less(v, a[j - 1], E); j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

static void
isort_i32(int32_t *a, size_t n)
{
	size_t i, j;

	if (n > 48) {
		qsort(a, n, sizeof *a, cmp_i32);
		return;
	}
	for (i = 1; i < n; i++) {
		int32_t v = a[i];
		for (j = i; j > 0 && v < a[j - 1]; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

static int
is_prime(int n)
{
	int d;

	if (n < 2)
		return 0;
	for (d = 2; d * d <= n; d++)
		if (n % d == 0)
			return 0;
	return 1;
}

/*
 * A prime number of buckets across: real grids have round spacings (100 m
 * cells in a 20 km square), and a bucket size that divides them would put
 * every grid line on a bucket boundary, where it spoils two buckets.
 */
static int
prime_at_least(double v)
{
	int n = (int)MIN(MAX(ceil(v), 2), 8191);

	while (!is_prime(n))
		n++;
	return n;
}

static union word *
blob_push(struct vec *v, uint64_t u)
{
	union word *w = vec_push(v);

	if (w != NULL)
		w->u = u;
	return w;
}

struct pip_index *
pip_build(const struct pip_edge *edges_in, size_t nedges_in, size_t npolys,
    double buckets_per_edge, struct err *e)
{
	struct pip_index *ix;
	struct pip_edge *E = NULL;
	struct fill_ctx f = {0};
	uint32_t *start = NULL, *stamp = NULL;
	uint8_t *parity = NULL;
	int32_t *active = NULL, *merged = NULL;
	struct vec xs = {0}, blob = {0};
	size_t nactive = 0, i, nb, total, nedges = 0;
	double minx = INFINITY, miny = INFINITY, maxx = -INFINITY,
	       maxy = -INFINITY;
	int r, c;

	xs.size = sizeof(struct xing);
	blob.size = sizeof(union word);
	ix = calloc(1, sizeof *ix);
	if (ix == NULL || nedges_in > UINT32_MAX / 2 || npolys > INT32_MAX) {
		free(ix);
		err_nomem(e);
		return NULL;
	}
	E = malloc((nedges_in ? nedges_in : 1) * sizeof *E);
	if (E == NULL)
		goto nomem;
	for (i = 0; i < nedges_in; i++) {
		const struct pip_edge *G = &edges_in[i];
		/* Beyond the limit the grid's sizes and the products of the
		 * tests overflow; NaN would make every comparison lie. */
		if (!(fabs(G->ax) <= PIP_MAX_COORD &&
		    fabs(G->ay) <= PIP_MAX_COORD &&
		    fabs(G->bx) <= PIP_MAX_COORD &&
		    fabs(G->by) <= PIP_MAX_COORD)) {
			free(E);
			pip_free(ix);
			errf(e, ERR_DATA, "polygon %ld: a coordinate out of the "
			    "locator's range (magnitude above %g, or not "
			    "finite)", (long)G->poly + 1, PIP_MAX_COORD);
			return NULL;
		}
		if (G->ax == G->bx && G->ay == G->by)
			continue; /* a repeated vertex: no edge */
		E[nedges++] = *G;
		minx = MIN(minx, MIN(G->ax, G->bx));
		maxx = MAX(maxx, MAX(G->ax, G->bx));
		miny = MIN(miny, MIN(G->ay, G->by));
		maxy = MAX(maxy, MAX(G->ay, G->by));
	}
	if (nedges == 0) {
		/* Nothing to find: every point falls outside. */
		ix->nx = ix->ny = 1;
		ix->x0 = INFINITY;
		ix->y0 = 0;
		ix->w = ix->h = ix->inv_w = ix->inv_h = 1;
		ix->cell = malloc(sizeof *ix->cell);
		if (ix->cell == NULL)
			goto nomem;
		ix->cell[0] = CELL_NONE;
		free(E);
		return ix;
	}
	if (buckets_per_edge <= 0)
		buckets_per_edge = 4;
	{
		double wx = maxx - minx, wy = maxy - miny, target, side;
		/* Wide enough that maxx - x0 stays below nx buckets after
		 * rounding, also for coordinates like 2.5e7 (Gauss-Krueger
		 * eastings with their zone) or 1e12. */
		double big = MAX(MAX(fabs(minx), fabs(maxx)),
		    MAX(fabs(miny), fabs(maxy)));
		double pad = MAX(MAX(MAX(wx, wy) * 1e-9, 1e-9),
		    64 * DBL_EPSILON * big);

		minx -= pad;
		miny -= pad;
		maxx += pad;
		maxy += pad;
		wx = maxx - minx;
		wy = maxy - miny;
		target = MIN(buckets_per_edge * (double)nedges, 16e6);
		side = sqrt(wx * wy / target);
		ix->nx = prime_at_least(wx / side);
		ix->ny = prime_at_least(wy / side);
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
		edge_buckets(ix, &E[i], count_fn, &f);
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
	{
		/* Size the blob once, roughly: a header and a candidate word
		 * or two per crossed bucket, and half a word per edge entry. */
		size_t crossed = 0, want;
		for (i = 0; i < nb; i++)
			crossed += f.count[i] != 0;
		want = 3 * crossed + total / 2 + 16;
		blob.p = malloc(want * sizeof(union word));
		if (blob.p == NULL)
			goto nomem;
		blob.cap = want;
	}
	f.pos = f.count; /* reuse as the fill cursor */
	memcpy(f.pos, start, nb * sizeof *start);
	f.list = malloc((total ? total : 1) * sizeof *f.list);
	if (f.list == NULL)
		goto nomem;
	for (i = 0; i < nedges; i++) {
		f.edge = (uint32_t)i;
		edge_buckets(ix, &E[i], fill_fn, &f);
	}
	stamp = calloc(nedges, sizeof *stamp);
	parity = calloc(npolys ? npolys : 1, 1);
	active = malloc((npolys ? npolys : 1) * sizeof *active);
	merged = malloc((npolys ? 2 * npolys : 1) * sizeof *merged);
	if (stamp == NULL || parity == NULL || active == NULL ||
	    merged == NULL)
		goto nomem;
	if (blob_push(&blob, 0) == NULL) /* word 0 unused */
		goto nomem;

	for (r = 0; r < ix->ny; r++) {
		double yc = ix->y0 + (r + 0.5) * ix->h;
		const struct xing *X;
		size_t k = 0;

		/* Crossings of the row's centre line.  An edge that crosses
		 * it touches a bucket of this row, so the row's lists hold
		 * every one of them. */
		xs.n = 0;
		for (c = 0; c < ix->nx; c++) {
			size_t b = (size_t)r * (size_t)ix->nx + (size_t)c;
			uint32_t j;
			for (j = start[b]; j < start[b + 1]; j++) {
				uint32_t ei = f.list[j];
				const struct pip_edge *G = &E[ei];
				struct xing *x;
				if (stamp[ei] == (uint32_t)r + 1)
					continue;
				stamp[ei] = (uint32_t)r + 1;
				if ((G->ay > yc) == (G->by > yc))
					continue;
				x = vec_push(&xs);
				if (x == NULL)
					goto nomem;
				/* The fraction first: it lies in [0, 1], so
				 * no product of two small differences
				 * underflows (tiny layers) and the error stays
				 * within tol. */
				x->x = G->ax + (yc - G->ay) / (G->by - G->ay) *
				    (G->bx - G->ax);
				x->tol = 16 * DBL_EPSILON *
				    (fabs(G->ax) + fabs(G->bx) + fabs(x->x)) +
				    DBL_MIN;
				x->poly = G->poly;
			}
		}
		if (xs.n > 1)
			qsort(xs.p, xs.n, sizeof(struct xing), cmp_xing);
		X = xs.p;
		for (i = 0; i < nactive; i++)
			parity[active[i]] = 0;
		nactive = 0;
		for (c = 0; c < ix->nx; c++) {
			size_t b = (size_t)r * (size_t)ix->nx + (size_t)c;
			double xc = ix->x0 + (c + 0.5) * ix->w;
			uint32_t *L = f.list + start[b];
			size_t n = start[b + 1] - start[b], m = 0, u, v, a;
			size_t head;
			uint64_t ncand = 0;
			int slow = 0;

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
			/* A crossing within rounding of the reference point
			 * makes its parity doubtful. */
			if ((k < xs.n && X[k].x - xc <= X[k].tol) ||
			    (k > 0 && xc - X[k - 1].x <= X[k - 1].tol))
				slow = 1;
			if (n == 0 && !slow) {
				int32_t best = CELL_NONE;
				for (a = 0; a < nactive; a++)
					if (best < 0 || active[a] < best)
						best = active[a];
				ix->cell[b] = best;
				continue;
			}
			for (u = 0; u < n && !slow; u++)
				if (pip_orient(E[L[u]].ax, E[L[u]].ay, E[L[u]].bx,
				    E[L[u]].by, xc, yc) == 0)
					slow = 1;
			/* Candidates: polygons with edges here and polygons
			 * that hold the reference point, in polygon order. */
			isort_eid(L, n, E);
			for (a = 0; a < nactive; a++)
				merged[m++] = active[a];
			for (u = 0; u < n; u++)
				if (u == 0 || E[L[u]].poly != E[L[u - 1]].poly)
					merged[m++] = E[L[u]].poly;
			isort_i32(merged, m);
			head = blob.n;
			if (blob_push(&blob, 0) == NULL)
				goto nomem;
			u = 0;
			for (v = 0; v < m; v++) {
				int32_t p = merged[v];
				size_t es, ne;
				if (v > 0 && merged[v - 1] == p)
					continue;
				while (u < n && E[L[u]].poly < p)
					u++;
				es = u;
				while (u < n && E[L[u]].poly == p)
					u++;
				ne = u - es;
				if (slow) {
					/* Only the list matters: GEOS decides. */
					if (blob_push(&blob, (uint32_t)p) == NULL)
						goto nomem;
					ncand++;
					continue;
				}
				if (ne == 0 && !parity[p])
					continue; /* holds no point here */
				if (blob_push(&blob, (uint64_t)(uint32_t)p |
				    (uint64_t)parity[p] << 32 |
				    (uint64_t)ne << 33) == NULL)
					goto nomem;
				ncand++;
				for (; es < u; es += 2) {
					union word *w = vec_push(&blob);
					if (w == NULL)
						goto nomem;
					w->i[0] = L[es];
					w->i[1] = es + 1 < u ? L[es + 1] : 0;
				}
				if (ne == 0)
					break; /* holds the whole bucket */
			}
			((union word *)blob.p)[head].u =
			    ncand | (slow ? BLOB_SLOW : 0);
			if (head > (size_t)INT32_MAX - 2)
				goto nomem;
			ix->cell[b] = -(int32_t)head - 2;
			ix->nimpure++;
			if (slow)
				ix->nslow++;
		}
	}
	ix->blob = blob.p;
	ix->nblob = blob.n;
	ix->seg = malloc((nedges ? nedges : 1) * sizeof *ix->seg);
	if (ix->seg == NULL) {
		blob.p = NULL;
		goto nomem;
	}
	for (i = 0; i < nedges; i++) {
		ix->seg[i].ax = E[i].ax;
		ix->seg[i].ay = E[i].ay;
		ix->seg[i].bx = E[i].bx;
		ix->seg[i].by = E[i].by;
	}
	ix->nseg = nedges;
	free(E);
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
	free(E);
	free(xs.p);
	free(blob.p);
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
	    ix->nblob * sizeof(union word) + ix->nseg * sizeof(struct seg);
}

void
pip_stats(const struct pip_index *ix, double *impure, double *slow)
{
	double nb = (double)ix->nx * (double)ix->ny;

	*impure = (double)ix->nimpure / nb;
	*slow = (double)ix->nslow / nb;
}

void
pip_free(struct pip_index *ix)
{
	if (ix == NULL)
		return;
	free(ix->cell);
	free(ix->blob);
	free(ix->seg);
	free(ix);
}
