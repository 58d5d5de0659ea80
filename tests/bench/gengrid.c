/*
 * gengrid - seeded benchmark data generator for the point-in-polygon join.
 *
 * Writes three CSV files into an existing directory DIR, covering the
 * square [0,W]x[0,W] (metres):
 *
 *   DIR/cells.csv      id,wkt   C x C square cells tiling the square exactly
 *                               (ids c000000.., row-major, rows south->north)
 *   DIR/districts.csv  id,wkt   DX x DY irregular districts tiling the square
 *                               with no gaps and no overlaps (ids d001..)
 *   DIR/points.csv     id,x,y   N uniformly random points in [0,W)x[0,W)
 *
 * How the districts are guaranteed to tile the square:
 *   - A (DX+1)x(DY+1) lattice of corner vertices is laid over the square.
 *     Interior lattice vertices are moved by a random offset inside a disc
 *     of radius 0.25*h (h = the smaller lattice spacing); vertices on the
 *     border only slide along the border (by at most 0.25*h); the four
 *     corners stay fixed.
 *   - Every lattice edge is generated ONCE as a polyline of VERTS segments
 *     and stored; both districts sharing it use the very same stored integer
 *     coordinates (one of them in reverse), so neighbours share exactly the
 *     same vertices and there can be no slivers or gaps between them.
 *     Edges on the outer border stay straight on the border.
 *   - Interior edges get a smooth perpendicular wiggle
 *         d(t) = amp * sin(pi t) * sum_k w_k sin(2 pi k t + phi_k),
 *     sum w_k = 1, amp <= 0.08 * min(edge length, h).  Each wiggled edge is
 *     the graph of a function over its chord, hence simple; it stays within
 *     0.08*h of its chord and within a wedge of half-angle
 *     atan(0.08*pi) ~ 14.1 deg around the chord at either end point.
 *     With the jitter bounds above, two lattice edges meeting at a vertex
 *     are at least ~36.9 deg apart (> 2 * 14.1), and edges that do not share
 *     a vertex are separated by at least 0.34*h.  So the edges form a planar
 *     subdivision: every district ring (walked SW->SE->NE->NW) is simple,
 *     counter-clockwise, and the rings partition the square.
 *
 * All coordinates are held as integer millimetres (rounded once, when a
 * vertex is created) and printed in %.3f form (metres, 3 decimals) by an
 * exact integer formatter, so a shared vertex prints identically in both
 * districts.  Random numbers come from xoshiro256** seeded by splitmix64
 * from SEED, with separate streams for districts and points (changing -n
 * does not change the districts).  Output is byte-identical for the same
 * options.  Depends on libc and libm only.
 *
 * Build: cc -std=c11 -O2 -o gengrid gengrid.c -lm
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROG "gengrid"
#define PI 3.14159265358979323846

#define JITTER 0.25      /* lattice jitter, fraction of the smaller spacing */
#define WIGGLE 0.08      /* max perpendicular wiggle, fraction of edge length */
#define NHARM 4          /* harmonics in the wiggle */
#define MIN_SEG_MM 100   /* minimum district segment length (0.1 m) */

static const char *usage_line =
    "usage: " PROG " [-s SEED] [-n POINTS] [-c CELLS_PER_SIDE] [-g DX,DY]"
    " [-v VERTS_PER_SIDE] [-w WIDTH_M] -o DIR\n";

#include "gen.h"

/* uniform double in [-1,1) */
static inline double rng_sym(rng_t *r)
{
    return 2.0 * rng_unit(r) - 1.0;
}

/* ------------------------------------------------------------- output */

static char *put_str(char *p, const char *s)
{
    while (*s)
        *p++ = *s++;
    return p;
}

/* v zero-padded to at least width digits */
static char *put_pad(char *p, uint64_t v, int width)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (width-- > n)
        *p++ = '0';
    while (n)
        *p++ = tmp[--n];
    return p;
}

/* millimetres printed as metres, exactly like printf("%.3f", mm / 1000.0) */
static char *put_mm(char *p, int64_t mm)
{
    uint64_t a;
    if (mm < 0) {
        *p++ = '-';
        a = (uint64_t)0 - (uint64_t)mm;
    } else {
        a = (uint64_t)mm;
    }
    p = put_u64(p, a / 1000);
    unsigned f = (unsigned)(a % 1000);
    *p++ = '.';
    *p++ = (char)('0' + f / 100);
    *p++ = (char)('0' + f / 10 % 10);
    *p++ = (char)('0' + f % 10);
    return p;
}

static int ndigits(uint64_t v)
{
    int n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

/* -------------------------------------------------------------- cells */

static void write_cells(const char *dir, int64_t wmm, int64_t nc)
{
    out_t o;
    out_open(&o, dir, "cells.csv");
    uint64_t ncells = (uint64_t)nc * (uint64_t)nc;
    int width = ndigits(ncells - 1);
    if (width < 6)
        width = 6;

    int64_t *edge = xmalloc((size_t)(nc + 1) * sizeof *edge);
    for (int64_t i = 0; i <= nc; i++)
        edge[i] = (int64_t)(((uint64_t)i * (uint64_t)wmm) / (uint64_t)nc);

    char *p = out_reserve(&o);
    p = put_str(p, "id,wkt\n");
    out_commit(&o, p);

    uint64_t id = 0;
    for (int64_t r = 0; r < nc; r++) {
        int64_t y0 = edge[r], y1 = edge[r + 1];
        for (int64_t c = 0; c < nc; c++, id++) {
            int64_t x0 = edge[c], x1 = edge[c + 1];
            p = out_reserve(&o);
            *p++ = 'c';
            p = put_pad(p, id, width);
            p = put_str(p, ",\"POLYGON ((");
            p = put_mm(p, x0); *p++ = ' '; p = put_mm(p, y0);
            p = put_str(p, ", ");
            p = put_mm(p, x1); *p++ = ' '; p = put_mm(p, y0);
            p = put_str(p, ", ");
            p = put_mm(p, x1); *p++ = ' '; p = put_mm(p, y1);
            p = put_str(p, ", ");
            p = put_mm(p, x0); *p++ = ' '; p = put_mm(p, y1);
            p = put_str(p, ", ");
            p = put_mm(p, x0); *p++ = ' '; p = put_mm(p, y0);
            p = put_str(p, "))\"\n");
            out_commit(&o, p);
        }
    }
    free(edge);
    out_close(&o);
}

/* ---------------------------------------------------------- districts */

typedef struct {
    int64_t x, y;
} pt_t;

/*
 * Fill out[0..nv] with the polyline from a to b.  Border edges are straight;
 * interior edges get a smooth perpendicular wiggle vanishing at both ends.
 */
static void gen_edge(rng_t *r, pt_t a, pt_t b, int border, int nv, double h,
                     pt_t *out)
{
    double ax = (double)a.x, ay = (double)a.y;
    double dx = (double)(b.x - a.x), dy = (double)(b.y - a.y);
    double len = hypot(dx, dy);
    double nx = -dy / len, ny = dx / len; /* unit normal (left of a->b) */
    double amp = 0.0, w[NHARM], phi[NHARM];

    if (!border) {
        double cap = len < h ? len : h;
        amp = WIGGLE * cap * (0.4 + 0.6 * rng_unit(r));
        double sum = 0.0;
        for (int k = 0; k < NHARM; k++) {
            w[k] = (0.25 + 0.75 * rng_unit(r)) / (double)(k + 1);
            phi[k] = 2.0 * PI * rng_unit(r);
            sum += w[k];
        }
        for (int k = 0; k < NHARM; k++)
            w[k] /= sum;
    }

    out[0] = a;
    out[nv] = b;
    for (int i = 1; i < nv; i++) {
        double t = (double)i / (double)nv;
        double x = ax + t * dx, y = ay + t * dy;
        if (!border) {
            double g = 0.0;
            for (int k = 0; k < NHARM; k++)
                g += w[k] * sin(2.0 * PI * (double)(k + 1) * t + phi[k]);
            double d = amp * sin(PI * t) * g;
            x += d * nx;
            y += d * ny;
        }
        out[i].x = llround(x);
        out[i].y = llround(y);
    }
}

static void write_districts(const char *dir, int64_t wmm, int dxn, int dyn,
                            int nv, uint64_t seed)
{
    rng_t r;
    rng_seed(&r, seed, 1);

    double sx = (double)wmm / dxn, sy = (double)wmm / dyn;
    double h = sx < sy ? sx : sy;
    size_t ncol = (size_t)dxn + 1, nrow = (size_t)dyn + 1;

    /* lattice vertices, index j*ncol + i */
    pt_t *lat = xmalloc(ncol * nrow * sizeof *lat);
    for (int j = 0; j <= dyn; j++) {
        for (int i = 0; i <= dxn; i++) {
            int bx = (i == 0 || i == dxn), by = (j == 0 || j == dyn);
            int64_t x = (int64_t)(((uint64_t)i * (uint64_t)wmm) / (uint64_t)dxn);
            int64_t y = (int64_t)(((uint64_t)j * (uint64_t)wmm) / (uint64_t)dyn);
            double ox = 0.0, oy = 0.0;
            if (!bx && !by) {
                do {
                    ox = rng_sym(&r);
                    oy = rng_sym(&r);
                } while (ox * ox + oy * oy > 1.0);
            } else if (!bx) {
                ox = rng_sym(&r); /* bottom/top border: slide along x */
            } else if (!by) {
                oy = rng_sym(&r); /* left/right border: slide along y */
            }
            lat[(size_t)j * ncol + (size_t)i].x = x + llround(JITTER * h * ox);
            lat[(size_t)j * ncol + (size_t)i].y = y + llround(JITTER * h * oy);
        }
    }

    /* horizontal edges H(i,j): (i,j)->(i+1,j), i<dxn, j<=dyn
     * vertical edges   V(i,j): (i,j)->(i,j+1), i<=dxn, j<dyn */
    size_t stride = (size_t)nv + 1;
    size_t nh = (size_t)dxn * nrow, nvv = ncol * (size_t)dyn;
    pt_t *hed = xmalloc(nh * stride * sizeof *hed);
    pt_t *ved = xmalloc(nvv * stride * sizeof *ved);
#define LAT(i, j) lat[(size_t)(j) * ncol + (size_t)(i)]
#define HED(i, j) (hed + ((size_t)(j) * (size_t)dxn + (size_t)(i)) * stride)
#define VED(i, j) (ved + ((size_t)(j) * ncol + (size_t)(i)) * stride)
    for (int j = 0; j <= dyn; j++)
        for (int i = 0; i < dxn; i++)
            gen_edge(&r, LAT(i, j), LAT(i + 1, j), j == 0 || j == dyn, nv, h,
                     HED(i, j));
    for (int j = 0; j < dyn; j++)
        for (int i = 0; i <= dxn; i++)
            gen_edge(&r, LAT(i, j), LAT(i, j + 1), i == 0 || i == dxn, nv, h,
                     VED(i, j));

    out_t o;
    out_open(&o, dir, "districts.csv");
    uint64_t nd = (uint64_t)dxn * (uint64_t)dyn;
    int width = ndigits(nd);
    if (width < 3)
        width = 3;
    char *p = out_reserve(&o);
    p = put_str(p, "id,wkt\n");
    out_commit(&o, p);

    size_t rn = 4 * (size_t)nv + 1;
    pt_t *ring = xmalloc(rn * sizeof *ring);
    uint64_t id = 1;
    for (int j = 0; j < dyn; j++) {
        for (int i = 0; i < dxn; i++, id++) {
            /* counter-clockwise: bottom, right, top (reversed), left (reversed) */
            const pt_t *bot = HED(i, j), *rgt = VED(i + 1, j);
            const pt_t *top = HED(i, j + 1), *lft = VED(i, j);
            size_t n = 0;
            for (int k = 0; k < nv; k++) ring[n++] = bot[k];
            for (int k = 0; k < nv; k++) ring[n++] = rgt[k];
            for (int k = nv; k > 0; k--) ring[n++] = top[k];
            for (int k = nv; k > 0; k--) ring[n++] = lft[k];
            ring[n++] = bot[0];

            /* sanity: positive (counter-clockwise) signed area */
            double a2 = 0.0;
            for (size_t k = 0; k + 1 < n; k++) {
                double x0 = (double)(ring[k].x - ring[0].x);
                double y0 = (double)(ring[k].y - ring[0].y);
                double x1 = (double)(ring[k + 1].x - ring[0].x);
                double y1 = (double)(ring[k + 1].y - ring[0].y);
                a2 += x0 * y1 - x1 * y0;
            }
            if (!(a2 > 0.0)) {
                fprintf(stderr, "%s: internal error: district %" PRIu64
                        " is not counter-clockwise\n", PROG, id);
                exit(1);
            }

            p = out_reserve(&o);
            *p++ = 'd';
            p = put_pad(p, id, width);
            p = put_str(p, ",\"POLYGON ((");
            out_commit(&o, p);
            for (size_t k = 0; k < n; k++) {
                p = out_reserve(&o);
                if (k)
                    p = put_str(p, ", ");
                p = put_mm(p, ring[k].x);
                *p++ = ' ';
                p = put_mm(p, ring[k].y);
                out_commit(&o, p);
            }
            p = out_reserve(&o);
            p = put_str(p, "))\"\n");
            out_commit(&o, p);
        }
    }
#undef LAT
#undef HED
#undef VED
    free(ring);
    free(hed);
    free(ved);
    free(lat);
    out_close(&o);
}

/* ------------------------------------------------------------- points */

static void write_points(const char *dir, int64_t wmm, uint64_t npts,
                         uint64_t seed)
{
    rng_t r;
    rng_seed(&r, seed, 2);
    out_t o;
    out_open(&o, dir, "points.csv");
    char *p = out_reserve(&o);
    p = put_str(p, "id,x,y\n");
    out_commit(&o, p);
    for (uint64_t id = 1; id <= npts; id++) {
        int64_t x = (int64_t)rng_below(&r, (uint64_t)wmm);
        int64_t y = (int64_t)rng_below(&r, (uint64_t)wmm);
        p = out_reserve(&o);
        p = put_u64(p, id);
        *p++ = ',';
        p = put_mm(p, x);
        *p++ = ',';
        p = put_mm(p, y);
        *p++ = '\n';
        out_commit(&o, p);
    }
    out_close(&o);
}

/* --------------------------------------------------------------- main */

int main(int argc, char **argv)
{
    uint64_t seed = 1, npts = 1000000;
    int64_t cells = 200;
    int gx = 15, gy = 20, verts = 50;
    double width = 20000.0;
    const char *dir = NULL;
    int opt;

    opterr = 0;
    while ((opt = getopt(argc, argv, ":s:n:c:g:v:w:o:h")) != -1) {
        switch (opt) {
        case 's':
            seed = parse_u64(optarg, 0, UINT64_MAX, "bad seed: '%s'");
            break;
        case 'n':
            npts = parse_u64(optarg, 0, UINT64_C(1000000000000),
                             "bad point count: '%s'");
            break;
        case 'c':
            cells = (int64_t)parse_u64(optarg, 1, 100000,
                                       "bad cells per side: '%s'");
            break;
        case 'g': {
            const char *comma = strchr(optarg, ',');
            if (!comma || comma == optarg || !comma[1])
                usage_error("bad district grid (want DX,DY): '%s'", optarg);
            char buf[64];
            size_t l = (size_t)(comma - optarg);
            if (l >= sizeof buf)
                usage_error("bad district grid (want DX,DY): '%s'", optarg);
            memcpy(buf, optarg, l);
            buf[l] = '\0';
            gx = (int)parse_u64(buf, 1, 10000, "bad district grid DX: '%s'");
            gy = (int)parse_u64(comma + 1, 1, 10000,
                                "bad district grid DY: '%s'");
            break;
        }
        case 'v':
            verts = (int)parse_u64(optarg, 1, 100000,
                                   "bad vertices per side: '%s'");
            break;
        case 'w': {
            char *end;
            errno = 0;
            width = strtod(optarg, &end);
            if (errno || end == optarg || *end || !isfinite(width) ||
                !(width > 0.0) || width > 1e9)
                usage_error("bad width (metres, 0 < W <= 1e9): '%s'", optarg);
            break;
        }
        case 'o':
            dir = optarg;
            break;
        default:
            other_option(opt);
        }
    }
    args_done(argc, argv, dir);
    int64_t wmm = llround(width * 1000.0);
    if (wmm < cells)
        usage_error("width too small: cells must be at least 1 mm wide%s", "");
    {
        int64_t g = gx > gy ? gx : gy;
        if (wmm / g / verts < MIN_SEG_MM)
            usage_error("district edges too short: need "
                        "W/max(DX,DY)/VERTS >= 0.1 m%s", "");
    }

    char *d = out_dir(dir);

    write_cells(d, wmm, cells);
    write_districts(d, wmm, gx, gy, verts, seed);
    write_points(d, wmm, npts, seed);
    free(d);
    return 0;
}
