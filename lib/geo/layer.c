#include "geo/layer.h"
#include "core/num.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static void
on_geos_error(const char *message, void *userdata)
{
	struct geo_ctx *g = userdata;

	snprintf(g->msg, sizeof g->msg, "%s", message);
}

static void
on_geos_notice(const char *message, void *userdata)
{
	/* Notices are not failures; keep GEOS from printing them. */
	(void)message;
	(void)userdata;
}

int
geo_init(struct geo_ctx *g, struct err *e)
{
	g->msg[0] = '\0';
	g->h = GEOS_init_r();
	if (g->h == NULL)
		return errf(e, ERR_NOMEM, "cannot start GEOS");
	GEOSContext_setErrorMessageHandler_r(g->h, on_geos_error, g);
	GEOSContext_setNoticeMessageHandler_r(g->h, on_geos_notice, g);
	return 0;
}

void
geo_finish(struct geo_ctx *g)
{
	if (g->h)
		GEOS_finish_r(g->h);
	g->h = NULL;
}

static const char *
geos_reason(struct geo_ctx *g)
{
	return g->msg[0] ? g->msg : "GEOS failed without a reason";
}

/* --- storage of rings --- */

/* Where the layer's arrays stood before a polygon, to undo it. */
struct mark {
	size_t nxy, nrings, nparts;
};

static struct mark
mark_now(const struct layer *L)
{
	struct mark m = {L->nxy, L->nrings, L->nparts};
	return m;
}

static void
undo_to(struct layer *L, struct mark m)
{
	L->nxy = m.nxy;
	L->nrings = m.nrings;
	L->nparts = m.nparts;
}

static int
push_xy(struct layer *L, double x, double y)
{
	if (grow_array((void **)&L->xy, &L->capxy, 2 * (L->nxy + 1),
	    sizeof *L->xy) < 0)
		return -1;
	L->xy[2 * L->nxy] = x;
	L->xy[2 * L->nxy + 1] = y;
	L->nxy++;
	return 0;
}

static int
begin_part(struct layer *L)
{
	if (grow_array((void **)&L->parts, &L->capparts, L->nparts + 1,
	    sizeof *L->parts) < 0)
		return -1;
	L->parts[L->nparts].ring0 = (uint32_t)L->nrings;
	L->parts[L->nparts].nrings = 0;
	L->nparts++;
	return 0;
}

static int
begin_ring(struct layer *L)
{
	if (grow_array((void **)&L->rings, &L->caprings, L->nrings + 1,
	    sizeof *L->rings) < 0)
		return -1;
	L->rings[L->nrings].start = (uint32_t)L->nxy;
	L->rings[L->nrings].n = 0;
	L->nrings++;
	L->parts[L->nparts - 1].nrings++;
	return 0;
}

/* A ring as GEOS wants it: closed, at least 4 points. */
static int
ring_ok(const struct layer *L)
{
	const struct ring *r = &L->rings[L->nrings - 1];
	const double *a, *b;

	if (r->n < 4)
		return 0;
	a = &L->xy[2 * r->start];
	b = &L->xy[2 * (r->start + r->n - 1)];
	return a[0] == b[0] && a[1] == b[1];
}

/* --- WKT: the plain 2-D forms, fast; anything else goes to GEOS --- */

struct wkt {
	const char *s;
};

static void
skip_ws(struct wkt *w)
{
	while (*w->s == ' ' || *w->s == '\t' || *w->s == '\n' ||
	    *w->s == '\r')
		w->s++;
}

static int
eat(struct wkt *w, char c)
{
	skip_ws(w);
	if (*w->s != c)
		return 0;
	w->s++;
	return 1;
}

static int
word(struct wkt *w, const char *kw)
{
	size_t n = strlen(kw);

	skip_ws(w);
	if (strncasecmp(w->s, kw, n) != 0 || isalpha((unsigned char)w->s[n]))
		return 0;
	w->s += n;
	return 1;
}

static int
wkt_number(struct wkt *w, double *v)
{
	size_t n = 0;

	skip_ws(w);
	while (isdigit((unsigned char)w->s[n]) || w->s[n] == '.' ||
	    w->s[n] == '-' || w->s[n] == '+' || w->s[n] == 'e' ||
	    w->s[n] == 'E')
		n++;
	if (n == 0 || parse_num(w->s, n, v) != NUM_OK)
		return 0;
	w->s += n;
	return 1;
}

static int
wkt_ring(struct wkt *w, struct layer *L)
{
	double x, y;

	if (!eat(w, '(') || begin_ring(L) < 0)
		return 0;
	do {
		if (!wkt_number(w, &x) || !wkt_number(w, &y) ||
		    push_xy(L, x, y) < 0)
			return 0;
		L->rings[L->nrings - 1].n++;
	} while (eat(w, ','));
	return eat(w, ')') && ring_ok(L);
}

static int
wkt_polygon(struct wkt *w, struct layer *L)
{
	if (!eat(w, '(') || begin_part(L) < 0)
		return 0;
	do
		if (!wkt_ring(w, L))
			return 0;
	while (eat(w, ','));
	return eat(w, ')');
}

/*
 * Parse text as POLYGON or MULTIPOLYGON into the layer's rings.  Returns 1
 * on success (*multi set), 0 when GEOS should read it instead (any other
 * form, an error, Z or M ordinates, EMPTY); the caller undoes the arrays.
 */
static int
wkt_fast(const char *text, struct layer *L, int *multi)
{
	struct wkt w = {text};

	if (word(&w, "POLYGON")) {
		*multi = 0;
		if (!wkt_polygon(&w, L))
			return 0;
	} else if (word(&w, "MULTIPOLYGON")) {
		*multi = 1;
		if (!eat(&w, '('))
			return 0;
		do
			if (!wkt_polygon(&w, L))
				return 0;
		while (eat(&w, ','));
		if (!eat(&w, ')'))
			return 0;
	} else {
		return 0;
	}
	skip_ws(&w);
	return *w.s == '\0';
}

/* --- GeoJSON coordinates, fast; anything odd goes to GEOS --- */

static int
json_ring(const json_t *a, struct layer *L)
{
	size_t i;

	if (!json_is_array(a) || begin_ring(L) < 0)
		return 0;
	for (i = 0; i < json_array_size(a); i++) {
		const json_t *p = json_array_get(a, i);
		const json_t *x = json_array_get(p, 0), *y = json_array_get(p, 1);
		/* [x, y] or [x, y, z...]: the extra ordinates are ignored. */
		if (!json_is_array(p) || json_array_size(p) < 2 ||
		    !json_is_number(x) || !json_is_number(y) ||
		    push_xy(L, json_number_value(x), json_number_value(y)) < 0)
			return 0;
		L->rings[L->nrings - 1].n++;
	}
	return ring_ok(L);
}

static int
json_polygon(const json_t *a, struct layer *L)
{
	size_t i;

	if (!json_is_array(a) || json_array_size(a) == 0 || begin_part(L) < 0)
		return 0;
	for (i = 0; i < json_array_size(a); i++)
		if (!json_ring(json_array_get(a, i), L))
			return 0;
	return 1;
}

static int
json_fast(const json_t *geom, struct layer *L, int *multi)
{
	const char *type = json_string_value(json_object_get(geom, "type"));
	const json_t *c = json_object_get(geom, "coordinates");
	size_t i;

	if (type == NULL || !json_is_array(c))
		return 0;
	if (strcmp(type, "Polygon") == 0) {
		*multi = 0;
		return json_polygon(c, L);
	}
	if (strcmp(type, "MultiPolygon") != 0 || json_array_size(c) == 0)
		return 0;
	*multi = 1;
	for (i = 0; i < json_array_size(c); i++)
		if (!json_polygon(json_array_get(c, i), L))
			return 0;
	return 1;
}

/* --- between rings and GEOS --- */

static int
rings_from_geos_polygon(struct geo_ctx *g, struct layer *L,
    const GEOSGeometry *p)
{
	int nholes = GEOSGetNumInteriorRings_r(g->h, p), i;

	if (GEOSisEmpty_r(g->h, p) == 1)
		return 0; /* nothing to store: an empty part */
	if (nholes < 0 || begin_part(L) < 0)
		return -1;
	for (i = -1; i < nholes; i++) {
		const GEOSGeometry *r = i < 0 ? GEOSGetExteriorRing_r(g->h, p)
		    : GEOSGetInteriorRingN_r(g->h, p, i);
		const GEOSCoordSequence *cs;
		unsigned int n, k;
		double x, y;

		if (r == NULL || (cs = GEOSGeom_getCoordSeq_r(g->h, r)) == NULL ||
		    !GEOSCoordSeq_getSize_r(g->h, cs, &n) || begin_ring(L) < 0)
			return -1;
		for (k = 0; k < n; k++) {
			if (!GEOSCoordSeq_getXY_r(g->h, cs, k, &x, &y) ||
			    push_xy(L, x, y) < 0)
				return -1;
			L->rings[L->nrings - 1].n++;
		}
	}
	return 0;
}

/* Store the rings of a Polygon or MultiPolygon.  -1 on failure. */
static int
rings_from_geos(struct geo_ctx *g, struct layer *L, const GEOSGeometry *geom)
{
	int i, n;

	if (GEOSGeomTypeId_r(g->h, geom) == GEOS_POLYGON)
		return rings_from_geos_polygon(g, L, geom);
	n = GEOSGetNumGeometries_r(g->h, geom);
	for (i = 0; i < n; i++) {
		const GEOSGeometry *p = GEOSGetGeometryN_r(g->h, geom, i);
		if (p == NULL || GEOSisEmpty_r(g->h, p) == 1)
			continue;
		if (rings_from_geos_polygon(g, L, p) < 0)
			return -1;
	}
	return 0;
}

static GEOSGeometry *
geos_ring(struct geo_ctx *g, const struct layer *L, const struct ring *r)
{
	GEOSCoordSequence *cs = GEOSCoordSeq_copyFromBuffer_r(g->h,
	    &L->xy[2 * r->start], r->n, 0, 0);

	if (cs == NULL)
		return NULL;
	return GEOSGeom_createLinearRing_r(g->h, cs);
}

static GEOSGeometry *
geos_part(struct geo_ctx *g, const struct layer *L, const struct part *p)
{
	GEOSGeometry *shell, **holes = NULL, *poly;
	uint32_t i;

	shell = geos_ring(g, L, &L->rings[p->ring0]);
	if (shell == NULL)
		return NULL;
	if (p->nrings > 1) {
		holes = calloc(p->nrings - 1, sizeof *holes);
		if (holes == NULL) {
			GEOSGeom_destroy_r(g->h, shell);
			return NULL;
		}
		for (i = 1; i < p->nrings; i++) {
			holes[i - 1] = geos_ring(g, L, &L->rings[p->ring0 + i]);
			if (holes[i - 1] == NULL) {
				while (--i > 0)
					GEOSGeom_destroy_r(g->h, holes[i - 1]);
				free(holes);
				GEOSGeom_destroy_r(g->h, shell);
				return NULL;
			}
		}
	}
	poly = GEOSGeom_createPolygon_r(g->h, shell, holes, p->nrings - 1);
	free(holes);
	return poly;
}

/* The GEOS geometry of polygon i, made on first use.  NULL on failure. */
static GEOSGeometry *
poly_geom(struct geo_ctx *g, struct layer *L, size_t i)
{
	const struct polyrec *P = &L->polys[i];
	GEOSGeometry **parts, *geom;
	uint32_t k;

	if (L->geoms[i] != NULL)
		return L->geoms[i];
	if (!P->multi && P->nparts == 1)
		return L->geoms[i] = geos_part(g, L, &L->parts[P->part0]);
	parts = calloc(P->nparts ? P->nparts : 1, sizeof *parts);
	if (parts == NULL)
		return NULL;
	for (k = 0; k < P->nparts; k++) {
		parts[k] = geos_part(g, L, &L->parts[P->part0 + k]);
		if (parts[k] == NULL) {
			while (k-- > 0)
				GEOSGeom_destroy_r(g->h, parts[k]);
			free(parts);
			return NULL;
		}
	}
	geom = GEOSGeom_createCollection_r(g->h, GEOS_MULTIPOLYGON, parts,
	    P->nparts);
	free(parts);
	return L->geoms[i] = geom;
}

static const GEOSPreparedGeometry *
poly_prep(struct geo_ctx *g, struct layer *L, size_t i)
{
	if (L->prep[i] == NULL) {
		GEOSGeometry *geom = poly_geom(g, L, i);
		if (geom != NULL)
			L->prep[i] = GEOSPrepare_r(g->h, geom);
	}
	return L->prep[i];
}

/*
 * Is polygon i certainly valid, by a check much cheaper than GEOS's?  Only
 * one shell, no holes, at most 64 edges, every turn certainly not straight,
 * no two edges that are not neighbours meeting: then it is a simple polygon
 * and GEOS would call it valid.  0 means "ask GEOS", not "invalid".
 */
static int
certainly_valid(const struct layer *L, size_t i)
{
	const struct polyrec *P = &L->polys[i];
	const struct ring *r;
	const double *v;
	double px[65], py[65];
	uint32_t k, j, m = 0;

	if (P->nparts != 1 || L->parts[P->part0].nrings != 1)
		return 0;
	r = &L->rings[L->parts[P->part0].ring0];
	if (r->n > 65)
		return 0;
	v = &L->xy[2 * r->start];
	for (k = 0; k + 1 < r->n; k++) {
		if (!isfinite(v[2 * k]) || !isfinite(v[2 * k + 1]))
			return 0;
		if (m > 0 && px[m - 1] == v[2 * k] && py[m - 1] == v[2 * k + 1])
			continue;
		px[m] = v[2 * k];
		py[m] = v[2 * k + 1];
		m++;
	}
	if (m > 1 && px[m - 1] == px[0] && py[m - 1] == py[0])
		m--;
	if (m < 3)
		return 0;
	for (k = 0; k < m; k++) {
		uint32_t a = (k + m - 1) % m, b = (k + 1) % m;
		if (pip_orient(px[a], py[a], px[k], py[k], px[b], py[b]) == 0)
			return 0;
	}
	for (k = 0; k < m; k++) {
		uint32_t k2 = (k + 1) % m;
		for (j = k + 2; j < m; j++) {
			uint32_t j2 = (j + 1) % m;
			int o1, o2, o3, o4;
			if (j2 == k)
				continue; /* neighbours across the closing point */
			if (fmax(px[k], px[k2]) < fmin(px[j], px[j2]) ||
			    fmax(px[j], px[j2]) < fmin(px[k], px[k2]) ||
			    fmax(py[k], py[k2]) < fmin(py[j], py[j2]) ||
			    fmax(py[j], py[j2]) < fmin(py[k], py[k2]))
				continue;
			o1 = pip_orient(px[k], py[k], px[k2], py[k2], px[j], py[j]);
			o2 = pip_orient(px[k], py[k], px[k2], py[k2], px[j2],
			    py[j2]);
			if (o1 != 0 && o1 == o2)
				continue;
			o3 = pip_orient(px[j], py[j], px[j2], py[j2], px[k], py[k]);
			o4 = pip_orient(px[j], py[j], px[j2], py[j2], px[k2],
			    py[k2]);
			if (o3 != 0 && o3 == o4)
				continue;
			return 0;
		}
	}
	return 1;
}

/* --- adding polygons --- */

static int
grow_polys(struct layer *L)
{
	size_t need = L->n + 1;

	if (need <= L->cappolys)
		return 0;
	if (grow_array((void **)&L->polys, &L->cappolys, need,
	    sizeof *L->polys) < 0)
		return -1;
	/* The arrays below share polys' capacity. */
	{
		size_t cap = L->cappolys;
		void *p;
		p = realloc(L->id_off, cap * sizeof *L->id_off);
		if (p == NULL)
			return -1;
		L->id_off = p;
		p = realloc(L->id_len, cap * sizeof *L->id_len);
		if (p == NULL)
			return -1;
		L->id_len = p;
		p = realloc(L->geoms, cap * sizeof *L->geoms);
		if (p == NULL)
			return -1;
		L->geoms = p;
		p = realloc(L->prep, cap * sizeof *L->prep);
		if (p == NULL)
			return -1;
		L->prep = p;
		if (L->nattrs > 0) {
			p = realloc(L->attr_off,
			    cap * (size_t)L->nattrs * sizeof *L->attr_off);
			if (p == NULL)
				return -1;
			L->attr_off = p;
		}
	}
	return 0;
}

static int
push_str(struct layer *L, const char *s, size_t *off)
{
	*off = L->strs.len;
	return buf_append(&L->strs, s, strlen(s) + 1);
}

/*
 * Finish polygon L->n, whose rings were just stored from mark m (or, when
 * geom is given, are to be taken from that GEOS geometry, which this
 * function then owns).  Checks type, emptiness and validity, repairs with
 * --make-valid, and records id and attributes.
 */
static int
add_polygon(struct geo_ctx *g, struct layer *L, const struct layer_opts *o,
    const char *where, const char *id, char **attrs, struct mark m,
    int multi, GEOSGeometry *geom, struct err *e)
{
	char q[80];
	size_t i = L->n;
	int a;

	quote_value(q, sizeof q, id, strlen(id));
	if (id[0] == '\0') {
		/* An empty id is what a point in no polygon gets: the two
		 * would be one row of the counts. */
		if (geom)
			GEOSGeom_destroy_r(g->h, geom);
		return errf(e, ERR_DATA, "%s: a polygon has an empty id, which "
		    "is what a point in no polygon gets", where);
	}
	if (grow_polys(L) < 0) {
		if (geom)
			GEOSGeom_destroy_r(g->h, geom);
		return err_nomem(e);
	}
	L->geoms[i] = geom; /* the layer owns it from here */
	L->prep[i] = NULL;
	L->polys[i].part0 = (uint32_t)m.nparts;
	L->polys[i].nparts = 0;
	L->polys[i].multi = multi;
	L->n++; /* from here on layer_free() cleans up polygon i */
	if (geom != NULL) {
		int type = GEOSGeomTypeId_r(g->h, geom);
		if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) {
			char *t = GEOSGeomType_r(g->h, geom);
			errf(e, ERR_DATA,
			    "%s: polygon %s: geometry is a %s, not a Polygon or "
			    "MultiPolygon", where, q, t ? t : "?");
			GEOSFree_r(g->h, t);
			return -1;
		}
		multi = type == GEOS_MULTIPOLYGON;
		if (rings_from_geos(g, L, geom) < 0)
			return errf(e, ERR_NOMEM, "%s: polygon %s: GEOS: %s",
			    where, q, geos_reason(g));
	}
	L->polys[i].nparts = (uint32_t)(L->nparts - m.nparts);
	L->polys[i].multi = multi;
	if (L->polys[i].nparts == 0)
		return errf(e, ERR_DATA, "%s: polygon %s is empty", where, q);
	/* GEOS reads "1e999" and "inf" in WKT; no locator can use them, and
	 * --make-valid must not try. */
	{
		size_t k;

		for (k = 2 * m.nxy; k < 2 * L->nxy; k++)
			if (!isfinite(L->xy[k])) {
				char num[40], qn[48];
				fmt_shortest(num, sizeof num, L->xy[k]);
				return errf(e, ERR_DATA, "%s: polygon %s: a "
				    "coordinate is not a finite number: %s", where,
				    q, quote_value(qn, sizeof qn, num,
					strlen(num)));
			}
	}
	if (!certainly_valid(L, i)) {
		GEOSGeometry *gg = poly_geom(g, L, i);
		int valid;

		g->msg[0] = '\0';
		if (gg == NULL)
			return errf(e, ERR_DATA, "%s: polygon %s: %s", where, q,
			    geos_reason(g));
		valid = GEOSisValid_r(g->h, gg);
		if (valid == 2)
			return errf(e, ERR_DATA, "%s: polygon %s: GEOS: %s",
			    where, q, geos_reason(g));
		if (valid == 0) {
			GEOSMakeValidParams *mp;
			GEOSGeometry *fixed;
			int type;

			if (!o->make_valid) {
				char *reason = GEOSisValidReason_r(g->h, gg);
				errf(e, ERR_DATA,
				    "%s: polygon %s is invalid: %s (--make-valid "
				    "repairs it)", where, q,
				    reason ? reason : geos_reason(g));
				GEOSFree_r(g->h, reason);
				return -1;
			}
			mp = GEOSMakeValidParams_create_r(g->h);
			if (mp == NULL ||
			    !GEOSMakeValidParams_setMethod_r(g->h, mp,
				GEOS_MAKE_VALID_STRUCTURE) ||
			    !GEOSMakeValidParams_setKeepCollapsed_r(g->h, mp, 0)) {
				if (mp)
					GEOSMakeValidParams_destroy_r(g->h, mp);
				return errf(e, ERR_NOMEM, "%s: polygon %s: GEOS: %s",
				    where, q, geos_reason(g));
			}
			fixed = GEOSMakeValidWithParams_r(g->h, gg, mp);
			GEOSMakeValidParams_destroy_r(g->h, mp);
			if (fixed == NULL)
				return errf(e, ERR_DATA,
				    "%s: polygon %s cannot be repaired: %s", where,
				    q, geos_reason(g));
			type = GEOSGeomTypeId_r(g->h, fixed);
			if ((type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) ||
			    GEOSisEmpty_r(g->h, fixed) == 1) {
				GEOSGeom_destroy_r(g->h, fixed);
				return errf(e, ERR_DATA,
				    "%s: polygon %s collapses when repaired",
				    where, q);
			}
			/* Replace the rings with the repaired ones. */
			GEOSGeom_destroy_r(g->h, gg);
			L->geoms[i] = fixed;
			undo_to(L, m);
			if (rings_from_geos(g, L, fixed) < 0)
				return err_nomem(e);
			L->polys[i].nparts = (uint32_t)(L->nparts - m.nparts);
			L->polys[i].multi = type == GEOS_MULTIPOLYGON;
			L->repaired++;
		}
	}
	if (push_str(L, id, &L->id_off[i]) < 0)
		return err_nomem(e);
	L->id_len[i] = strlen(id);
	for (a = 0; a < L->nattrs; a++)
		if (push_str(L, attrs[a],
		    &L->attr_off[i * (size_t)L->nattrs + (size_t)a]) < 0)
			return err_nomem(e);
	return 0;
}

/* --- reading a layer once --- */

/*
 * A layer's bytes.  The path is opened once and the format is sniffed
 * from the bytes read, so a pipe, a FIFO, /dev/stdin or "-" works: a
 * second open of those would wait for a writer that has gone (a FIFO) or
 * find the bytes already taken.  Only a regular file is opened again, by
 * the CSV reader, which streams it.
 */
struct source {
	const char *path; /* as given */
	const char *name; /* for messages: the path, "<stdin>" for "-" */
	int fd, owns_fd;
	off_t start;      /* where a seekable input began, else -1 */
	struct buf text;  /* the bytes read so far */
	int eof;
	char *spool;      /* the copy of a CSV layer from a pipe, or NULL */
};

static int
src_open(struct source *S, const char *path, struct err *e)
{
	struct stat st;

	memset(S, 0, sizeof *S);
	S->path = path;
	S->start = -1;
	if (strcmp(path, "-") == 0) {
		S->name = "<stdin>";
		S->fd = 0;
	} else {
		S->name = path;
		S->fd = open(path, O_RDONLY);
		if (S->fd < 0)
			return errf(e, ERR_IO, "%s: %s", path, strerror(errno));
		S->owns_fd = 1;
	}
	if (fstat(S->fd, &st) == 0 && S_ISREG(st.st_mode))
		S->start = lseek(S->fd, 0, SEEK_CUR);
	return 0;
}

/* Read up to 64 KiB more into S->text.  Returns 0 (S->eof set at the
 * end), or -1 with *e set. */
static int
src_more(struct source *S, struct err *e)
{
	ssize_t n;

	if (buf_reserve(&S->text, 65536) < 0)
		return err_nomem(e);
	do
		n = read(S->fd, S->text.data + S->text.len, 65536);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errf(e, ERR_IO, "%s: read error: %s", S->name,
		    strerror(errno));
	if (n == 0)
		S->eof = 1;
	S->text.len += (size_t)n;
	return 0;
}

/* Is the layer GeoJSON (its first byte after a BOM and white space is
 * '{')?  1 yes, 0 no, -1 with *e set when it cannot be read. */
static int
src_sniff(struct source *S, struct err *e)
{
	size_t i = 0;

	for (;;) {
		const unsigned char *t = (const unsigned char *)S->text.data;

		if (i == 0 && S->text.len < 3 && !S->eof) {
			if (src_more(S, e) < 0)
				return -1;
			continue;
		}
		if (i == 0 && S->text.len >= 3 && memcmp(t, "\xef\xbb\xbf", 3) == 0)
			i = 3;
		while (i < S->text.len && (t[i] == ' ' || t[i] == '\t' ||
		    t[i] == '\r' || t[i] == '\n'))
			i++;
		if (i < S->text.len)
			return t[i] == '{';
		if (S->eof)
			return 0;
		if (src_more(S, e) < 0)
			return -1;
	}
}

/* Read the rest of the layer into S->text.  0, or -1 with *e set. */
static int
src_slurp(struct source *S, struct err *e)
{
	while (!S->eof)
		if (src_more(S, e) < 0)
			return -1;
	return 0;
}

/*
 * Open a CSV reader on the layer.  A regular file is read by the reader
 * itself, from its start (the sniff's bytes are read again); anything
 * else is copied to an unlinked temporary file first, the bytes already
 * read and the rest.  Returns 0, or -1 with *e set.
 */
static int
src_csv(struct source *S, struct csvr **r, const struct csv_opts *co,
    struct err *e)
{
	const char *dir = getenv("TMPDIR");
	struct csv_opts side = *co;
	size_t n;
	int fd, rc;

	side.side = 1; /* its empty rows are not the points' */
	if (S->start >= 0) {
		if (S->fd == 0) {
			if (lseek(0, S->start, SEEK_SET) < 0)
				return errf(e, ERR_IO, "%s: %s", S->name,
				    strerror(errno));
			return csvr_open(r, "-", &side, e);
		}
		return csvr_open(r, S->path, &side, e);
	}
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	n = strlen(dir) + 32;
	if ((S->spool = malloc(n)) == NULL)
		return err_nomem(e);
	snprintf(S->spool, n, "%s/gridify-layer.XXXXXX", dir);
	if ((fd = mkstemp(S->spool)) < 0) {
		rc = errf(e, ERR_IO, "%s: cannot copy the layer to %s: %s",
		    S->name, dir, strerror(errno));
		free(S->spool);
		S->spool = NULL;
		return rc;
	}
	for (;;) {
		size_t off = 0;

		while (off < S->text.len) {
			ssize_t w = write(fd, S->text.data + off,
			    S->text.len - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				rc = errf(e, ERR_IO, "%s: cannot copy the layer "
				    "to %s: %s", S->name, dir, strerror(errno));
				goto out;
			}
			off += (size_t)w;
		}
		S->text.len = 0;
		if (S->eof)
			break;
		if (src_more(S, e) < 0) {
			rc = -1;
			goto out;
		}
	}
	if (close(fd) < 0) {
		fd = -1;
		rc = errf(e, ERR_IO, "%s: cannot copy the layer to %s: %s",
		    S->name, dir, strerror(errno));
		goto out;
	}
	fd = -1;
	rc = csvr_open(r, S->spool, &side, e);
out:
	/* The reader holds the copy open; its name goes now, so nothing
	 * is left behind. */
	if (fd >= 0)
		close(fd);
	unlink(S->spool);
	return rc;
}

/* A message of the CSV reader names the copy: put the layer's name in
 * its place. */
static void
src_fix_msg(const struct source *S, struct err *e)
{
	size_t n;
	char msg[ERR_MSG_MAX];

	if (S->spool == NULL)
		return;
	n = strlen(S->spool);
	if (strncmp(e->msg, S->spool, n) != 0)
		return;
	snprintf(msg, sizeof msg, "%s%s", S->name, e->msg + n);
	memcpy(e->msg, msg, sizeof msg);
}

static void
src_close(struct source *S)
{
	if (S->owns_fd && S->fd >= 0)
		close(S->fd);
	free(S->text.data);
	free(S->spool);
	memset(S, 0, sizeof *S);
}

static int
load_csv(struct geo_ctx *g, struct layer *L, const struct layer_opts *o,
    struct source *S, struct err *e)
{
	struct csvr *r = NULL;
	struct csv_record *rec;
	GEOSWKTReader *wkt = NULL;
	size_t idcol, wktcol, *acol = NULL;
	char **avals = NULL, where[600];
	int i, rc = -1, got;

	if (src_csv(S, &r, &o->csv, e) < 0) {
		src_fix_msg(S, e);
		return -1;
	}
	/* The regular file is the reader's now. */
	if (S->owns_fd) {
		close(S->fd);
		S->owns_fd = 0;
	}
	if (csvr_column(r, o->id_field ? o->id_field : "id", &idcol, e) < 0 ||
	    csvr_column(r, o->wkt_field ? o->wkt_field : "wkt", &wktcol, e) < 0)
		goto out;
	acol = calloc((size_t)L->nattrs + 1, sizeof *acol);
	avals = calloc((size_t)L->nattrs + 1, sizeof *avals);
	if (acol == NULL || avals == NULL) {
		err_nomem(e);
		goto out;
	}
	for (i = 0; i < L->nattrs; i++) {
		const struct csv_record *h = csvr_header(r);
		char *name;
		if (csvr_column(r, L->attr_names[i], &acol[i], e) < 0)
			goto out;
		/* A column given by position is named as in the header. */
		name = str_ndup(h->field[acol[i]], h->len[acol[i]]);
		if (name == NULL) {
			err_nomem(e);
			goto out;
		}
		free(L->attr_names[i]);
		L->attr_names[i] = name;
	}
	if (!L->as_explicit) {
		const struct csv_record *h = csvr_header(r);
		char *name = str_ndup(h->field[idcol], h->len[idcol]);
		if (name == NULL) {
			err_nomem(e);
			goto out;
		}
		free(L->as);
		L->as = name;
	}
	while ((got = csvr_next(r, &rec, e)) > 0) {
		GEOSGeometry *geom = NULL;
		struct mark m = mark_now(L);
		int multi = 0;
		char q[80];

		if (csvr_check_width(r, rec, e) < 0)
			goto out;
		snprintf(where, sizeof where, "%s:%ld", S->name, rec->line);
		if (!wkt_fast(rec->field[wktcol], L, &multi)) {
			undo_to(L, m);
			if (wkt == NULL &&
			    (wkt = GEOSWKTReader_create_r(g->h)) == NULL) {
				err_nomem(e);
				goto out;
			}
			g->msg[0] = '\0';
			geom = GEOSWKTReader_read_r(g->h, wkt, rec->field[wktcol]);
			if (geom == NULL) {
				errf(e, ERR_DATA, "%s: polygon %s: bad WKT: %s",
				    where, quote_value(q, sizeof q,
					rec->field[idcol], rec->len[idcol]),
				    geos_reason(g));
				goto out;
			}
		}
		for (i = 0; i < L->nattrs; i++)
			avals[i] = rec->field[acol[i]];
		if (add_polygon(g, L, o, where, rec->field[idcol], avals, m,
		    multi, geom, e) < 0)
			goto out;
	}
	if (got < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0)
		src_fix_msg(S, e);
	if (wkt)
		GEOSWKTReader_destroy_r(g->h, wkt);
	free(acol);
	free(avals);
	csvr_close(r);
	return rc;
}

/* A JSON scalar as text, in a caller buffer; NULL for objects, arrays. */
static const char *
json_text(const json_t *v, char *buf, size_t cap)
{
	if (v == NULL || json_is_null(v))
		return "";
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, cap, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	if (json_is_real(v)) {
		/* The shortest text that reads back as the same double. */
		fmt_shortest(buf, cap, json_real_value(v));
		return buf;
	}
	if (json_is_true(v))
		return "true";
	if (json_is_false(v))
		return "false";
	return NULL;
}

static void
list_properties(const json_t *props, char *buf, size_t cap)
{
	const char *key;
	json_t *val;
	size_t o = 0;

	buf[0] = '\0';
	if (!json_is_object(props))
		return;
	json_object_foreach((json_t *)props, key, val) {
		int w = snprintf(buf + o, cap - o, "%s%s", o ? "," : "", key);
		(void)val;
		if (w < 0 || (size_t)w >= cap - o)
			break;
		o += (size_t)w;
	}
}

/*
 * jansson's words for a NUL in a string name its API; say what is wrong
 * in the data instead, keeping its "near '...'".  Writes into buf.
 */
static const char *
json_reason(const char *text, char *buf, size_t cap)
{
	static const char *const said[][2] = {
	    {"\\u0000 is not allowed without JSON_ALLOW_NUL",
		"a string holds a NUL character (\\u0000)"},
	    {"NUL byte in object key not supported",
		"a member name holds a NUL character (\\u0000)"},
	    {"control character 0x0", "a string holds a NUL byte"}};
	size_t i, n;

	for (i = 0; i < sizeof said / sizeof said[0]; i++) {
		n = strlen(said[i][0]);
		if (strncmp(text, said[i][0], n) == 0) {
			snprintf(buf, cap, "%s%s", said[i][1], text + n);
			return buf;
		}
	}
	return text;
}

/*
 * Is the GeoJSON crs member (2008 GeoJSON; RFC 7946 dropped it) WGS 84
 * longitude/latitude, the only system gridify takes?  Absent and null
 * are; a name is compared without regard to case.
 */
static int
crs_is_lonlat(const json_t *crs)
{
	static const char *const names[] = {
	    "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84",
	    "OGC:CRS84", "CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326",
	    "urn:ogc:def:crs:EPSG:4326",
	    "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
	    "http://www.opengis.net/def/crs/EPSG/0/4326"};
	const char *type, *name;
	size_t i;

	if (crs == NULL || json_is_null(crs))
		return 1;
	type = json_string_value(json_object_get(crs, "type"));
	name = json_string_value(json_object_get(json_object_get(crs,
	    "properties"), "name"));
	if (type == NULL || strcmp(type, "name") != 0 || name == NULL)
		return 0;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(name, names[i]) == 0)
			return 1;
	return 0;
}

static int
load_geojson(struct geo_ctx *g, struct layer *L, const struct layer_opts *o,
    struct source *S, struct err *e)
{
	json_error_t jerr;
	json_t *root, *features;
	GEOSGeoJSONReader *reader = NULL;
	char **avals = NULL, **abufs = NULL, where[600], idbuf[64];
	int *seen = NULL, i, rc = -1;
	const char *type;
	size_t k, skip = 0;

	/* Read whole, to drop a BOM that jansson would refuse. */
	if (src_slurp(S, e) < 0)
		return -1;
	if (S->text.len >= 3 && memcmp(S->text.data, "\xef\xbb\xbf", 3) == 0)
		skip = 3;
	root = json_loadb(S->text.data ? S->text.data + skip : "",
	    S->text.len - skip, 0, &jerr);
	free(S->text.data);
	S->text.data = NULL;
	S->text.len = S->text.cap = 0;
	if (root == NULL) {
		char why[JSON_ERROR_TEXT_LENGTH + 64];
		return errf(e, ERR_DATA, "%s:%d: not valid GeoJSON: %s",
		    S->name, jerr.line, json_reason(jerr.text, why,
			sizeof why));
	}
	features = json_object_get(root, "features");
	type = json_string_value(json_object_get(root, "type"));
	if (type == NULL || strcmp(type, "FeatureCollection") != 0 ||
	    !json_is_array(features)) {
		errf(e, ERR_DATA,
		    "%s: not a GeoJSON FeatureCollection with a \"features\" "
		    "array", S->name);
		goto out;
	}
	/* Coordinates are taken as they are: a layer in another system
	 * would put every point in the wrong polygon, or in none. */
	if (!crs_is_lonlat(json_object_get(root, "crs"))) {
		const json_t *crs = json_object_get(root, "crs");
		const char *name = json_string_value(json_object_get(
		    json_object_get(crs, "properties"), "name"));
		char *dump = name ? NULL : json_dumps(crs, JSON_COMPACT |
		    JSON_ENCODE_ANY);
		const char *v = name ? name : dump ? dump : "?";
		char q[80];

		errf(e, ERR_DATA, "%s: crs is not WGS 84 longitude/latitude "
		    "(OGC CRS84 or EPSG:4326), and gridify converts no "
		    "coordinates; convert the layer first: %s", S->name,
		    quote_value(q, sizeof q, v, strlen(v)));
		free(dump);
		goto out;
	}
	avals = calloc((size_t)L->nattrs + 1, sizeof *avals);
	abufs = calloc((size_t)L->nattrs + 1, sizeof *abufs);
	seen = calloc((size_t)L->nattrs + 1, sizeof *seen);
	if (avals == NULL || abufs == NULL || seen == NULL) {
		err_nomem(e);
		goto out;
	}
	for (i = 0; i < L->nattrs; i++)
		if ((abufs[i] = malloc(64)) == NULL) {
			err_nomem(e);
			goto out;
		}
	for (k = 0; k < json_array_size(features); k++) {
		json_t *f = json_array_get(features, k);
		json_t *geom = json_object_get(f, "geometry");
		json_t *props = json_object_get(f, "properties");
		json_t *idv;
		GEOSGeometry *gg = NULL;
		struct mark m = mark_now(L);
		const char *id;
		char q[80];
		int multi = 0;

		snprintf(where, sizeof where, "%s: feature %zu", S->name, k + 1);
		idv = o->id_field ? json_object_get(props, o->id_field)
		    : json_object_get(f, "id");
		id = json_text(idv, idbuf, sizeof idbuf);
		if (idv == NULL || json_is_null(idv) || id == NULL) {
			char list[400];
			list_properties(props, list, sizeof list);
			if (o->id_field)
				errf(e, ERR_DATA,
				    "%s: no usable property %s for the id; the "
				    "properties are: %s", where,
				    quote_value(q, sizeof q, o->id_field,
					strlen(o->id_field)), list);
			else
				errf(e, ERR_DATA,
				    "%s: no feature \"id\"; name a property with "
				    "--id-field (the properties are: %s)", where,
				    list);
			goto out;
		}
		for (i = 0; i < L->nattrs; i++) {
			json_t *v = json_object_get(props, L->attr_names[i]);
			if (v != NULL)
				seen[i] = 1;
			avals[i] = (char *)json_text(v, abufs[i], 64);
			if (avals[i] == NULL) {
				errf(e, ERR_DATA,
				    "%s: property %s is not a plain value", where,
				    quote_value(q, sizeof q, L->attr_names[i],
					strlen(L->attr_names[i])));
				goto out;
			}
		}
		if (!json_is_object(geom)) {
			errf(e, ERR_DATA, "%s: polygon %s has no geometry", where,
			    quote_value(q, sizeof q, id, strlen(id)));
			goto out;
		}
		if (!json_fast(geom, L, &multi)) {
			char *text;
			undo_to(L, m);
			if (reader == NULL &&
			    (reader = GEOSGeoJSONReader_create_r(g->h)) == NULL) {
				err_nomem(e);
				goto out;
			}
			text = json_dumps(geom, JSON_COMPACT);
			if (text == NULL) {
				err_nomem(e);
				goto out;
			}
			g->msg[0] = '\0';
			gg = GEOSGeoJSONReader_readGeometry_r(g->h, reader, text);
			free(text);
			if (gg == NULL) {
				errf(e, ERR_DATA, "%s: polygon %s: bad geometry: %s",
				    where, quote_value(q, sizeof q, id, strlen(id)),
				    geos_reason(g));
				goto out;
			}
		}
		if (add_polygon(g, L, o, where, id, avals, m, multi, gg, e) < 0)
			goto out;
	}
	for (i = 0; i < L->nattrs; i++) {
		if (!seen[i] && L->n > 0) {
			char list[400], q[80];
			list_properties(json_object_get(json_array_get(features, 0),
			    "properties"), list, sizeof list);
			errf(e, ERR_DATA,
			    "%s: no feature has the property %s; the properties "
			    "are: %s", S->name,
			    quote_value(q, sizeof q, L->attr_names[i],
				strlen(L->attr_names[i])), list);
			goto out;
		}
	}
	rc = 0;
out:
	if (reader)
		GEOSGeoJSONReader_destroy_r(g->h, reader);
	if (abufs)
		for (i = 0; i < L->nattrs; i++)
			free(abufs[i]);
	free(abufs);
	free(avals);
	free(seen);
	json_decref(root);
	return rc;
}

static const struct layer *cmp_layer;

static int
cmp_by_id(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(layer_id(cmp_layer, i), layer_id(cmp_layer, j));

	return c ? c : (i > j) - (i < j);
}

/* The largest magnitude of any coordinate of the layer. */
static double
coord_max(const struct layer *L)
{
	double m = 0;
	size_t k;

	for (k = 0; k < 2 * L->nxy; k++)
		m = fmax(m, fabs(L->xy[k]));
	return m;
}

/*
 * A layer whose extent is wider or taller than a double can hold (x from
 * -1e308 to 1e308): no locator, GEOS's included, computes with it
 * reliably, so it is an error rather than a wrong answer.
 */
static int
check_extent(const struct layer *L, const char *name, struct err *e)
{
	double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
	size_t k;
	int a;

	for (k = 0; k < 2 * L->nxy; k++) {
		lo[k & 1] = fmin(lo[k & 1], L->xy[k]);
		hi[k & 1] = fmax(hi[k & 1], L->xy[k]);
	}
	for (a = 0; a < 2; a++)
		if (!isfinite(hi[a] - lo[a])) {
			char l[40], h[40], ql[48], qh[48];
			fmt_shortest(l, sizeof l, lo[a]);
			fmt_shortest(h, sizeof h, hi[a]);
			return errf(e, ERR_DATA, "%s: the polygons' %s extent "
			    "overflows a double: from %s to %s", name,
			    a ? "y" : "x", quote_value(ql, sizeof ql, l,
				strlen(l)), quote_value(qh, sizeof qh, h,
				strlen(h)));
		}
	return 0;
}

static int
build_fast(struct layer *L, double bpe, struct err *e)
{
	struct pip_edge *E;
	size_t nedges = 0, i, k;
	uint32_t p, r;

	for (r = 0; r < L->nrings; r++)
		nedges += L->rings[r].n ? L->rings[r].n - 1 : 0;
	E = malloc((nedges ? nedges : 1) * sizeof *E);
	if (E == NULL)
		return err_nomem(e);
	nedges = 0;
	for (i = 0; i < L->n; i++) {
		const struct polyrec *P = &L->polys[i];
		for (p = P->part0; p < P->part0 + P->nparts; p++) {
			const struct part *pt = &L->parts[p];
			for (r = pt->ring0; r < pt->ring0 + pt->nrings; r++) {
				const double *v = &L->xy[2 * L->rings[r].start];
				for (k = 0; k + 1 < L->rings[r].n; k++) {
					struct pip_edge *G = &E[nedges++];
					G->ax = v[2 * k];
					G->ay = v[2 * k + 1];
					G->bx = v[2 * k + 2];
					G->by = v[2 * k + 3];
					G->poly = (int32_t)i;
				}
			}
		}
	}
	L->nedges = nedges;
	L->fast = pip_build(E, nedges, L->n, bpe, e);
	free(E);
	return L->fast ? 0 : -1;
}

int
layer_load(struct geo_ctx *g, struct layer *L, const struct layer_opts *o,
    struct err *e)
{
	struct source S;
	const char *name = strcmp(o->path, "-") == 0 ? "<stdin>" : o->path;
	size_t i;
	int kind, rc;

	L->path = str_ndup(o->path, strlen(o->path));
	L->as = str_ndup(o->as ? o->as : o->id_field ? o->id_field : "id",
	    strlen(o->as ? o->as : o->id_field ? o->id_field : "id"));
	if (L->path == NULL || L->as == NULL)
		return err_nomem(e);
	L->as_explicit = o->as != NULL;
	L->nattrs = o->nattrs;
	if (o->nattrs > 0) {
		L->attr_names = calloc((size_t)o->nattrs, sizeof(char *));
		if (L->attr_names == NULL)
			return err_nomem(e);
		for (i = 0; i < (size_t)o->nattrs; i++)
			if ((L->attr_names[i] = str_ndup(o->attrs[i],
			    strlen(o->attrs[i]))) == NULL)
				return err_nomem(e);
	}
	if (src_open(&S, o->path, e) < 0)
		return -1;
	kind = src_sniff(&S, e);
	rc = kind < 0 ? -1 : kind ? load_geojson(g, L, o, &S, e) :
	    load_csv(g, L, o, &S, e);
	src_close(&S);
	if (rc < 0)
		return -1;
	if (L->n == 0)
		return errf(e, ERR_DATA, "%s: no polygons", name);
	if (L->nxy > UINT32_MAX || L->nrings > UINT32_MAX)
		return errf(e, ERR_DATA, "%s: too many coordinates", name);
	/* Ids name the output rows: each must be unique. */
	L->order = malloc(L->n * sizeof *L->order);
	if (L->order == NULL)
		return err_nomem(e);
	for (i = 0; i < L->n; i++)
		L->order[i] = i;
	cmp_layer = L;
	qsort(L->order, L->n, sizeof *L->order, cmp_by_id);
	for (i = 1; i < L->n; i++) {
		size_t a = L->order[i - 1], b = L->order[i];
		if (strcmp(layer_id(L, a), layer_id(L, b)) == 0) {
			char q[80];
			return errf(e, ERR_DATA,
			    "%s: polygon id %s is used twice (polygons %zu and "
			    "%zu)", name,
			    quote_value(q, sizeof q, layer_id(L, b),
				strlen(layer_id(L, b))), a + 1, b + 1);
		}
	}
	for (i = 0; i < L->n; i++)
		L->order[i] = i;
	if (check_extent(L, name, e) < 0)
		return -1;
	/* Past PIP_MAX_COORD the fast locator's arithmetic would overflow:
	 * such a layer is located by GEOS alone, as with --exact. */
	if (!o->no_fast && coord_max(L) <= PIP_MAX_COORD)
		return build_fast(L, o->buckets_per_edge, e);
	/* --exact: every polygon prepared, in an STRtree. */
	L->tree = GEOSSTRtree_create_r(g->h, 10);
	if (L->tree == NULL)
		return err_nomem(e);
	for (i = 0; i < L->n; i++) {
		GEOSGeometry *gg = poly_geom(g, L, i);
		if (gg == NULL || poly_prep(g, L, i) == NULL)
			return errf(e, ERR_NOMEM, "%s: GEOS: %s", name,
			    geos_reason(g));
		GEOSSTRtree_insert_r(g->h, L->tree, gg, &L->order[i]);
	}
	return 0;
}

static void
on_hit(void *item, void *userdata)
{
	struct layer *L = userdata;

	if (grow_array((void **)&L->hits, &L->caphits, L->nhits + 1,
	    sizeof *L->hits) < 0) {
		L->hit_oom = 1;
		return;
	}
	L->hits[L->nhits++] = *(size_t *)item;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t p = *(const size_t *)a, q = *(const size_t *)b;

	return (p > q) - (p < q);
}

/* The first of L->hits[0..nhits) (in order) whose polygon covers pt. */
static long
first_cover(struct geo_ctx *g, struct layer *L, const GEOSGeometry *pt,
    struct err *e)
{
	size_t i;

	for (i = 0; i < L->nhits; i++) {
		const GEOSPreparedGeometry *pg = poly_prep(g, L, L->hits[i]);
		char r;

		if (pg == NULL) {
			errf(e, ERR_NOMEM, "GEOS: %s", geos_reason(g));
			return -2;
		}
		r = GEOSPreparedIntersects_r(g->h, pg, pt);
		if (r == 2) {
			errf(e, ERR_DATA, "GEOS: %s", geos_reason(g));
			return -2;
		}
		if (r == 1)
			return (long)L->hits[i];
	}
	return -1;
}

/* The polygon of (x, y) from GEOS alone (the rule of layer.h). */
static long
layer_locate_geos(struct geo_ctx *g, struct layer *L, double x, double y,
    struct err *e)
{
	GEOSGeometry *pt;
	long found;
	size_t i;

	g->msg[0] = '\0';
	pt = GEOSGeom_createPointFromXY_r(g->h, x, y);
	if (pt == NULL) {
		errf(e, ERR_NOMEM, "GEOS: %s", geos_reason(g));
		return -2;
	}
	L->nhits = 0;
	L->hit_oom = 0;
	if (L->tree != NULL) {
		GEOSSTRtree_query_r(g->h, L->tree, pt, on_hit, L);
		if (L->nhits > 1)
			qsort(L->hits, L->nhits, sizeof *L->hits, cmp_size);
	} else {
		/* The fast index knows which polygons can hold the point. */
		size_t n = pip_candidates(L->fast, x, y, L->cands, L->capcands);
		if (n > L->capcands) {
			if (grow_array((void **)&L->cands, &L->capcands, n,
			    sizeof *L->cands) < 0)
				L->hit_oom = 1;
			else
				pip_candidates(L->fast, x, y, L->cands, n);
		}
		if (!L->hit_oom && grow_array((void **)&L->hits, &L->caphits,
		    n, sizeof *L->hits) < 0)
			L->hit_oom = 1;
		for (i = 0; i < n && !L->hit_oom; i++)
			L->hits[i] = (size_t)L->cands[i];
		L->nhits = L->hit_oom ? 0 : n;
	}
	if (L->hit_oom) {
		GEOSGeom_destroy_r(g->h, pt);
		err_nomem(e);
		return -2;
	}
	found = first_cover(g, L, pt, e);
	GEOSGeom_destroy_r(g->h, pt);
	return found;
}

int
layer_locate_batch(struct geo_ctx *g, struct layer *L, const double *x,
    const double *y, size_t n, long *out, struct err *e)
{
	size_t i;

	if (L->fast)
		pip_locate_batch(L->fast, x, y, n, out);
	for (i = 0; i < n; i++) {
		if (!isfinite(x[i]) || !isfinite(y[i])) {
			out[i] = -1; /* a placeholder for a bad record */
			continue;
		}
		if (L->fast && out[i] != PIP_UNSURE) {
			L->fast_hits++;
			continue;
		}
		L->slow_hits++;
		out[i] = layer_locate_geos(g, L, x[i], y[i], e);
		if (out[i] == -2)
			return (int)i;
	}
	/* Start reading the ids the caller is about to write. */
	for (i = 0; i < n; i++)
		if (out[i] >= 0) {
			__builtin_prefetch(&L->id_off[out[i]]);
			__builtin_prefetch(&L->id_len[out[i]]);
		}
	return -1;
}

void
layer_free(struct geo_ctx *g, struct layer *L)
{
	size_t i;

	if (L->tree)
		GEOSSTRtree_destroy_r(g->h, L->tree);
	for (i = 0; i < L->n; i++) {
		if (L->prep && L->prep[i])
			GEOSPreparedGeom_destroy_r(g->h, L->prep[i]);
		if (L->geoms && L->geoms[i])
			GEOSGeom_destroy_r(g->h, L->geoms[i]);
	}
	strlist_free(L->attr_names, L->nattrs);
	free(L->strs.data);
	free(L->id_off);
	free(L->id_len);
	free(L->attr_off);
	free(L->xy);
	free(L->rings);
	free(L->parts);
	free(L->polys);
	free(L->geoms);
	free(L->prep);
	free(L->order);
	free(L->hits);
	free(L->cands);
	pip_free(L->fast);
	free(L->path);
	free(L->as);
	memset(L, 0, sizeof *L);
}
