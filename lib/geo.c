#include "geo.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Growable arrays of the layer while it loads. */
struct loading {
	size_t cap;
	struct pip_edge *edges;
	size_t nedges, capedges;
};

static int
grow(struct layer *L, struct loading *ld)
{
	size_t cap;
	char **ids, **attrs;
	GEOSGeometry **geoms;

	if (L->n < ld->cap)
		return 0;
	cap = ld->cap ? ld->cap * 2 : 64;
	ids = realloc(L->ids, cap * sizeof *ids);
	if (ids == NULL)
		return -1;
	L->ids = ids;
	geoms = realloc(L->geoms, cap * sizeof *geoms);
	if (geoms == NULL)
		return -1;
	L->geoms = geoms;
	if (L->nattrs > 0) {
		attrs = realloc(L->attrs, cap * (size_t)L->nattrs * sizeof *attrs);
		if (attrs == NULL)
			return -1;
		L->attrs = attrs;
	}
	ld->cap = cap;
	return 0;
}

static int
add_ring_edges(struct geo_ctx *g, struct loading *ld, const GEOSGeometry *ring,
    int32_t poly)
{
	const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(g->h, ring);
	unsigned int n, i;
	double px = 0, py = 0, x, y;

	if (cs == NULL || !GEOSCoordSeq_getSize_r(g->h, cs, &n))
		return -1;
	for (i = 0; i < n; i++) {
		if (!GEOSCoordSeq_getXY_r(g->h, cs, i, &x, &y))
			return -1;
		if (i > 0) {
			struct pip_edge *E;
			if (ld->nedges == ld->capedges) {
				size_t cap = ld->capedges ? ld->capedges * 2 : 1024;
				struct pip_edge *p =
				    realloc(ld->edges, cap * sizeof *p);
				if (p == NULL)
					return -1;
				ld->edges = p;
				ld->capedges = cap;
			}
			E = &ld->edges[ld->nedges++];
			E->ax = px;
			E->ay = py;
			E->bx = x;
			E->by = y;
			E->poly = poly;
		}
		px = x;
		py = y;
	}
	return 0;
}

static int
add_polygon_edges(struct geo_ctx *g, struct loading *ld, const GEOSGeometry *p,
    int32_t poly)
{
	int nholes = GEOSGetNumInteriorRings_r(g->h, p), i;
	const GEOSGeometry *ring = GEOSGetExteriorRing_r(g->h, p);

	if (nholes < 0 || ring == NULL || add_ring_edges(g, ld, ring, poly) < 0)
		return -1;
	for (i = 0; i < nholes; i++) {
		ring = GEOSGetInteriorRingN_r(g->h, p, i);
		if (ring == NULL || add_ring_edges(g, ld, ring, poly) < 0)
			return -1;
	}
	return 0;
}

/*
 * Take ownership of geom and add it as polygon `id` (copied) with the
 * given attribute values (copied).  where names the place for messages.
 */
static int
add_polygon(struct geo_ctx *g, struct layer *L, struct loading *ld,
    const struct layer_opts *o, const char *where, const char *id,
    char **attrs, GEOSGeometry *geom, struct err *e)
{
	char q[80];
	int type, valid, i, nparts;

	quote_value(q, sizeof q, id, strlen(id));
	type = GEOSGeomTypeId_r(g->h, geom);
	if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) {
		char *t = GEOSGeomType_r(g->h, geom);
		errf(e, ERR_DATA,
		    "%s: polygon %s: geometry is a %s, not a Polygon or "
		    "MultiPolygon", where, q, t ? t : "?");
		GEOSFree_r(g->h, t);
		GEOSGeom_destroy_r(g->h, geom);
		return -1;
	}
	if (GEOSisEmpty_r(g->h, geom) == 1) {
		GEOSGeom_destroy_r(g->h, geom);
		return errf(e, ERR_DATA, "%s: polygon %s is empty", where, q);
	}
	g->msg[0] = '\0';
	valid = GEOSisValid_r(g->h, geom);
	if (valid == 2) {
		GEOSGeom_destroy_r(g->h, geom);
		return errf(e, ERR_DATA, "%s: polygon %s: GEOS: %s", where, q,
		    geos_reason(g));
	}
	if (valid == 0) {
		GEOSGeometry *fixed;
		GEOSMakeValidParams *mp;
		char *reason;

		if (!o->make_valid) {
			reason = GEOSisValidReason_r(g->h, geom);
			errf(e, ERR_DATA,
			    "%s: polygon %s is invalid: %s (--make-valid repairs "
			    "it)", where, q, reason ? reason : geos_reason(g));
			GEOSFree_r(g->h, reason);
			GEOSGeom_destroy_r(g->h, geom);
			return -1;
		}
		mp = GEOSMakeValidParams_create_r(g->h);
		if (mp == NULL ||
		    !GEOSMakeValidParams_setMethod_r(g->h, mp,
			GEOS_MAKE_VALID_STRUCTURE) ||
		    !GEOSMakeValidParams_setKeepCollapsed_r(g->h, mp, 0)) {
			if (mp)
				GEOSMakeValidParams_destroy_r(g->h, mp);
			GEOSGeom_destroy_r(g->h, geom);
			return errf(e, ERR_NOMEM, "%s: polygon %s: GEOS: %s",
			    where, q, geos_reason(g));
		}
		fixed = GEOSMakeValidWithParams_r(g->h, geom, mp);
		GEOSMakeValidParams_destroy_r(g->h, mp);
		GEOSGeom_destroy_r(g->h, geom);
		if (fixed == NULL)
			return errf(e, ERR_DATA,
			    "%s: polygon %s cannot be repaired: %s", where, q,
			    geos_reason(g));
		geom = fixed;
		type = GEOSGeomTypeId_r(g->h, geom);
		if ((type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) ||
		    GEOSisEmpty_r(g->h, geom) == 1) {
			GEOSGeom_destroy_r(g->h, geom);
			return errf(e, ERR_DATA,
			    "%s: polygon %s collapses when repaired", where, q);
		}
		L->repaired++;
	}
	if (grow(L, ld) < 0) {
		GEOSGeom_destroy_r(g->h, geom);
		return err_nomem(e);
	}
	L->geoms[L->n] = geom;
	L->ids[L->n] = str_ndup(id, strlen(id));
	for (i = 0; i < L->nattrs; i++)
		L->attrs[L->n * (size_t)L->nattrs + (size_t)i] =
		    str_ndup(attrs[i], strlen(attrs[i]));
	L->n++;
	if (L->ids[L->n - 1] == NULL)
		return err_nomem(e);
	for (i = 0; i < L->nattrs; i++)
		if (L->attrs[(L->n - 1) * (size_t)L->nattrs + (size_t)i] == NULL)
			return err_nomem(e);
	if (type == GEOS_POLYGON) {
		if (add_polygon_edges(g, ld, geom, (int32_t)(L->n - 1)) < 0)
			return errf(e, ERR_NOMEM, "%s: polygon %s: GEOS: %s",
			    where, q, geos_reason(g));
		return 0;
	}
	nparts = GEOSGetNumGeometries_r(g->h, geom);
	for (i = 0; i < nparts; i++) {
		const GEOSGeometry *part = GEOSGetGeometryN_r(g->h, geom, i);
		if (part == NULL ||
		    add_polygon_edges(g, ld, part, (int32_t)(L->n - 1)) < 0)
			return errf(e, ERR_NOMEM, "%s: polygon %s: GEOS: %s",
			    where, q, geos_reason(g));
	}
	return 0;
}

static int
load_csv(struct geo_ctx *g, struct layer *L, struct loading *ld,
    const struct layer_opts *o, struct err *e)
{
	struct csvr *r = NULL;
	struct csv_record *rec;
	GEOSWKTReader *wkt = NULL;
	size_t idcol, wktcol, *acol = NULL;
	char **avals = NULL, where[600];
	int i, rc = -1, got;

	if (csvr_open(&r, o->path, &o->csv, e) < 0)
		return -1;
	if (csvr_column(r, o->id_field ? o->id_field : "id", &idcol, e) < 0 ||
	    csvr_column(r, o->wkt_field ? o->wkt_field : "wkt", &wktcol, e) < 0)
		goto out;
	acol = calloc((size_t)L->nattrs + 1, sizeof *acol);
	avals = calloc((size_t)L->nattrs + 1, sizeof *avals);
	wkt = GEOSWKTReader_create_r(g->h);
	if (acol == NULL || avals == NULL || wkt == NULL) {
		err_nomem(e);
		goto out;
	}
	for (i = 0; i < L->nattrs; i++)
		if (csvr_column(r, L->attr_names[i], &acol[i], e) < 0)
			goto out;
	while ((got = csvr_next(r, &rec, e)) > 0) {
		GEOSGeometry *geom;
		char q[80];

		if (csvr_check_width(r, rec, e) < 0)
			goto out;
		snprintf(where, sizeof where, "%s:%ld", csvr_name(r), rec->line);
		g->msg[0] = '\0';
		geom = GEOSWKTReader_read_r(g->h, wkt, rec->field[wktcol]);
		if (geom == NULL) {
			errf(e, ERR_DATA, "%s: polygon %s: bad WKT: %s", where,
			    quote_value(q, sizeof q, rec->field[idcol],
				rec->len[idcol]), geos_reason(g));
			goto out;
		}
		for (i = 0; i < L->nattrs; i++)
			avals[i] = rec->field[acol[i]];
		if (add_polygon(g, L, ld, o, where, rec->field[idcol], avals,
		    geom, e) < 0)
			goto out;
	}
	if (got < 0)
		goto out;
	rc = 0;
out:
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
		double d = json_real_value(v);
		snprintf(buf, cap, "%.15g", d);
		if (strtod(buf, NULL) != d)
			snprintf(buf, cap, "%.17g", d);
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

static int
load_geojson(struct geo_ctx *g, struct layer *L, struct loading *ld,
    const struct layer_opts *o, struct err *e)
{
	json_error_t jerr;
	json_t *root, *features;
	GEOSGeoJSONReader *reader = NULL;
	char **avals = NULL, **abufs = NULL, where[600], idbuf[64];
	int *seen = NULL, i, rc = -1;
	size_t k;

	root = json_load_file(o->path, JSON_DECODE_ANY, &jerr);
	if (root == NULL) {
		FILE *f = fopen(o->path, "r");
		if (f == NULL)
			return errf(e, ERR_IO, "%s: %s", o->path,
			    strerror(errno));
		fclose(f);
		return errf(e, ERR_DATA, "%s:%d: not valid GeoJSON: %s",
		    o->path, jerr.line, jerr.text);
	}
	features = json_object_get(root, "features");
	if (!json_is_object(root) ||
	    !json_is_string(json_object_get(root, "type")) ||
	    strcmp(json_string_value(json_object_get(root, "type")),
		"FeatureCollection") != 0 ||
	    !json_is_array(features)) {
		errf(e, ERR_DATA,
		    "%s: not a GeoJSON FeatureCollection with a \"features\" "
		    "array", o->path);
		goto out;
	}
	reader = GEOSGeoJSONReader_create_r(g->h);
	avals = calloc((size_t)L->nattrs + 1, sizeof *avals);
	abufs = calloc((size_t)L->nattrs + 1, sizeof *abufs);
	seen = calloc((size_t)L->nattrs + 1, sizeof *seen);
	if (reader == NULL || avals == NULL || abufs == NULL || seen == NULL) {
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
		const char *id;
		char *text, q[80];
		GEOSGeometry *gg;

		snprintf(where, sizeof where, "%s: feature %zu", o->path, k + 1);
		if (o->id_field) {
			idv = json_object_get(props, o->id_field);
		} else {
			idv = json_object_get(f, "id");
		}
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
		text = json_dumps(geom, JSON_COMPACT);
		if (text == NULL) {
			err_nomem(e);
			goto out;
		}
		g->msg[0] = '\0';
		gg = GEOSGeoJSONReader_readGeometry_r(g->h, reader, text);
		free(text);
		if (gg == NULL) {
			errf(e, ERR_DATA, "%s: polygon %s: bad geometry: %s", where,
			    quote_value(q, sizeof q, id, strlen(id)),
			    geos_reason(g));
			goto out;
		}
		if (add_polygon(g, L, ld, o, where, id, avals, gg, e) < 0)
			goto out;
	}
	for (i = 0; i < L->nattrs; i++) {
		if (!seen[i] && L->n > 0) {
			char list[400], q[80];
			list_properties(json_object_get(json_array_get(features, 0),
			    "properties"), list, sizeof list);
			errf(e, ERR_DATA,
			    "%s: no feature has the property %s; the properties "
			    "are: %s", o->path,
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

/* Is the file GeoJSON?  1 yes, 0 no, -1 unreadable (errno set). */
static int
sniff_json(const char *path)
{
	FILE *f;
	int c;

	if (strcmp(path, "-") == 0)
		return 0;
	f = fopen(path, "rb");
	if (f == NULL)
		return -1;
	do
		c = getc(f);
	while (c == ' ' || c == '\t' || c == '\r' || c == '\n');
	if (c == 0xef) /* a BOM before the JSON */
		c = '{';
	fclose(f);
	return c == '{';
}

static const char **cmp_ids;

static int
cmp_by_id(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(cmp_ids[i], cmp_ids[j]);

	return c ? c : (i > j) - (i < j);
}

int
layer_load(struct geo_ctx *g, struct layer *L, const struct layer_opts *o,
    struct err *e)
{
	struct loading ld = {0};
	size_t i;
	int kind, rc;

	L->path = str_ndup(o->path, strlen(o->path));
	L->as = o->as ? str_ndup(o->as, strlen(o->as))
	    : str_ndup(o->id_field ? o->id_field : "id",
		strlen(o->id_field ? o->id_field : "id"));
	if (L->path == NULL || L->as == NULL)
		return err_nomem(e);
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
	kind = sniff_json(o->path);
	if (kind < 0)
		return errf(e, ERR_IO, "%s: %s", o->path, strerror(errno));
	rc = kind ? load_geojson(g, L, &ld, o, e) : load_csv(g, L, &ld, o, e);
	if (rc < 0) {
		free(ld.edges);
		return -1;
	}
	if (L->n == 0) {
		free(ld.edges);
		return errf(e, ERR_DATA, "%s: no polygons", o->path);
	}
	/* Ids name the output rows: each must be unique. */
	L->order = malloc(L->n * sizeof *L->order);
	if (L->order == NULL) {
		free(ld.edges);
		return err_nomem(e);
	}
	for (i = 0; i < L->n; i++)
		L->order[i] = i;
	cmp_ids = (const char **)L->ids;
	qsort(L->order, L->n, sizeof *L->order, cmp_by_id);
	for (i = 1; i < L->n; i++) {
		if (strcmp(L->ids[L->order[i]], L->ids[L->order[i - 1]]) == 0) {
			char q[80];
			free(ld.edges);
			return errf(e, ERR_DATA,
			    "%s: polygon id %s is used twice (polygons %zu and "
			    "%zu)", o->path,
			    quote_value(q, sizeof q, L->ids[L->order[i]],
				strlen(L->ids[L->order[i]])),
			    L->order[i - 1] + 1, L->order[i] + 1);
		}
	}
	for (i = 0; i < L->n; i++)
		L->order[i] = i;
	/* Prepared geometries in an STRtree: the exact answer. */
	L->prep = calloc(L->n, sizeof *L->prep);
	L->tree = GEOSSTRtree_create_r(g->h, 10);
	if (L->prep == NULL || L->tree == NULL) {
		free(ld.edges);
		return err_nomem(e);
	}
	for (i = 0; i < L->n; i++) {
		L->prep[i] = GEOSPrepare_r(g->h, L->geoms[i]);
		if (L->prep[i] == NULL) {
			free(ld.edges);
			return errf(e, ERR_NOMEM, "%s: GEOS: %s", o->path,
			    geos_reason(g));
		}
		GEOSSTRtree_insert_r(g->h, L->tree, L->geoms[i], &L->order[i]);
	}
	if (!o->no_fast) {
		L->fast = pip_build(ld.edges, ld.nedges, L->n, 0, e);
		if (L->fast == NULL) {
			free(ld.edges);
			return -1;
		}
	}
	if (getenv("GRIDIFY_DEBUG") && L->fast) {
		double imp, slow;
		pip_stats(L->fast, &imp, &slow);
		fprintf(stderr, "layer %s: %zu polygons, %zu edges, index %zu "
		    "bytes, impure %.3f, slow %.5f\n", L->path, L->n, ld.nedges,
		    pip_bytes(L->fast), imp, slow);
	}
	free(ld.edges);
	return 0;
}

static void
on_hit(void *item, void *userdata)
{
	struct layer *L = userdata;

	if (L->nhits == L->caphits) {
		size_t cap = L->caphits ? L->caphits * 2 : 16;
		size_t *p = realloc(L->hits, cap * sizeof *p);
		if (p == NULL) {
			L->hit_oom = 1;
			return;
		}
		L->hits = p;
		L->caphits = cap;
	}
	L->hits[L->nhits++] = *(size_t *)item;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t p = *(const size_t *)a, q = *(const size_t *)b;

	return (p > q) - (p < q);
}

long
layer_locate_geos(struct geo_ctx *g, struct layer *L, double x, double y,
    struct err *e)
{
	GEOSGeometry *pt;
	size_t i;
	long found = -1;

	g->msg[0] = '\0';
	pt = GEOSGeom_createPointFromXY_r(g->h, x, y);
	if (pt == NULL) {
		errf(e, ERR_NOMEM, "GEOS: %s", geos_reason(g));
		return -2;
	}
	L->nhits = 0;
	L->hit_oom = 0;
	GEOSSTRtree_query_r(g->h, L->tree, pt, on_hit, L);
	if (L->hit_oom) {
		GEOSGeom_destroy_r(g->h, pt);
		err_nomem(e);
		return -2;
	}
	qsort(L->hits, L->nhits, sizeof *L->hits, cmp_size);
	for (i = 0; i < L->nhits; i++) {
		char r = GEOSPreparedIntersects_r(g->h, L->prep[L->hits[i]], pt);
		if (r == 2) {
			errf(e, ERR_DATA, "GEOS: %s", geos_reason(g));
			found = -2;
			break;
		}
		if (r == 1) {
			found = (long)L->hits[i];
			break;
		}
	}
	GEOSGeom_destroy_r(g->h, pt);
	return found;
}

long
layer_locate(struct geo_ctx *g, struct layer *L, double x, double y,
    struct err *e)
{
	if (L->fast) {
		long r = pip_locate(L->fast, x, y);
		if (r != PIP_UNSURE) {
			L->fast_hits++;
			return r;
		}
	}
	L->slow_hits++;
	return layer_locate_geos(g, L, x, y, e);
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
		GEOSGeom_destroy_r(g->h, L->geoms[i]);
		free(L->ids[i]);
	}
	if (L->attrs)
		for (i = 0; i < L->n * (size_t)L->nattrs; i++)
			free(L->attrs[i]);
	strlist_free(L->attr_names, L->nattrs);
	free(L->prep);
	free(L->geoms);
	free(L->ids);
	free(L->attrs);
	free(L->order);
	free(L->hits);
	pip_free(L->fast);
	free(L->path);
	free(L->as);
	memset(L, 0, sizeof *L);
}
