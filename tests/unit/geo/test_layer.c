/*
 * Loading polygon layers: formats, attributes, and every way a layer can
 * be bad, each with its exact message.
 */
#include <stdlib.h>

#include "geo/layer.h"
#include "../t.h"
#include "geo_t.h"

void suite_layer(void);

/* Load text (written as file name) and return layer_load's status. */
long
t_locate1(struct geo_ctx *g, struct layer *L, double x, double y,
    struct err *e)
{
	long out = -1;

	layer_locate_batch(g, L, &x, &y, 1, &out, e);
	return out;
}

static int
load(const char *name, const char *text, const char *id_field,
    const char *attrs, int make_valid, struct layer *L, struct err *e)
{
	static struct geo_ctx g;
	static int started;
	struct layer_opts o = {0};
	char **list = NULL;
	int rc, n = 0;

	if (!started) {
		geo_init(&g, e);
		started = 1;
	}
	if (L == NULL) { /* the end */
		geo_finish(&g);
		started = 0;
		return 0;
	}
	o.path = text ? t_file(name, text, strlen(text)) : name;
	o.id_field = id_field;
	o.make_valid = make_valid;
	o.csv.delim = ',';
	if (attrs) {
		n = strlist_split(attrs, &list);
		o.attrs = list;
		o.nattrs = n;
	}
	memset(L, 0, sizeof *L);
	e->msg[0] = '\0';
	rc = layer_load(&g, L, &o, e);
	strlist_free(list, n);
	if (rc == 0 && L->n > 0) {
		/* exercise the locator on the first vertex */
		struct err e2;
		CHECK(t_locate1(&g, L, L->xy[0], L->xy[1], &e2) >= 0);
	}
	layer_free(&g, L);
	return rc;
}

static void
bad(const char *name, const char *text, const char *id_field,
    const char *want)
{
	struct layer L;
	struct err e;
	char msg[1200];

	CHECK_INT(load(name, text, id_field, NULL, 0, &L, &e), -1);
	/* Messages start with the path in the temporary directory. */
	snprintf(msg, sizeof msg, "%s", e.msg);
	if (strncmp(msg, t_dir(), strlen(t_dir())) == 0)
		memmove(msg, msg + strlen(t_dir()) + 1,
		    strlen(msg) - strlen(t_dir()));
	CHECK_STR(msg, want);
}

static void
good_layers(void)
{
	struct layer L;
	struct err e;

	CHECK_INT(load("mp.geojson",
	    "{\"type\":\"FeatureCollection\",\"features\":["
	    "{\"type\":\"Feature\",\"id\":7,\"properties\":{\"name\":\"东城\","
	    "\"pop\":1.5,\"n\":null},\"geometry\":{\"type\":\"MultiPolygon\","
	    "\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],"
	    "[[[2,2],[3,2],[3,3],[2,2]]]]}}]}", NULL, "name,pop,n", 0, &L, &e),
	    0);
	CHECK_INT(load("z.csv",
	    "id,wkt\nz,\"POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))\"\n", NULL,
	    NULL, 0, &L, &e), 0);
	/* The crs members that name WGS 84 longitude/latitude (issue 12). */
	CHECK_INT(load("crs84.geojson", "{\"type\":\"FeatureCollection\","
	    "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
	    "\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},\"features\":["
	    "{\"type\":\"Feature\",\"id\":7,\"properties\":{},\"geometry\":"
	    "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],"
	    "[0,0]]]}}]}", NULL, NULL, 0, &L, &e), 0);
	CHECK_INT(load("epsg4326.geojson", "{\"type\":\"FeatureCollection\","
	    "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
	    "\"epsg:4326\"}},\"features\":["
	    "{\"type\":\"Feature\",\"id\":7,\"properties\":{},\"geometry\":"
	    "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],"
	    "[0,0]]]}}]}", NULL, NULL, 0, &L, &e), 0);
	CHECK_INT(load("crsnull.geojson", "{\"type\":\"FeatureCollection\","
	    "\"crs\":null,\"features\":["
	    "{\"type\":\"Feature\",\"id\":7,\"properties\":{},\"geometry\":"
	    "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],"
	    "[0,0]]]}}]}", NULL, NULL, 0, &L, &e), 0);
	CHECK_INT(load("bowtie-fixed.csv",
	    "id,wkt\nb,\"POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))\"\n", NULL, NULL,
	    1, &L, &e), 0);
}

static void
bad_layers(void)
{
	bad("bowtie.csv", "id,wkt\nb,\"POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))\"\n",
	    NULL, "bowtie.csv:2: polygon \"b\" is invalid: Self-intersection"
	    "[1 1] (--make-valid repairs it)");
	bad("dup.csv", "id,wkt\na,\"POLYGON ((0 0, 1 0, 1 1, 0 0))\"\n"
	    "a,\"POLYGON ((5 5, 6 5, 6 6, 5 5))\"\n", NULL,
	    "dup.csv: polygon id \"a\" is used twice (polygons 1 and 2)");
	bad("line.csv", "id,wkt\nl,\"LINESTRING (0 0, 1 1)\"\n", NULL,
	    "line.csv:2: polygon \"l\": geometry is a LineString, not a "
	    "Polygon or MultiPolygon");
	bad("badwkt.csv", "id,wkt\nw,\"POLYGON ((0 0, 1 0, 1 1))\"\n", NULL,
	    "badwkt.csv:2: polygon \"w\": bad WKT: IllegalArgumentException: "
	    "Points of LinearRing do not form a closed linestring");
	bad("nowkt.csv", "id,geom\na,x\n", NULL,
	    "nowkt.csv: no column \"wkt\"; the header is: id,geom");
	bad("empty.csv", "id,wkt\n", NULL, "empty.csv: no polygons");
	bad("emptypoly.csv", "id,wkt\ne,POLYGON EMPTY\n", NULL,
	    "emptypoly.csv:2: polygon \"e\" is empty");
	bad("noid.geojson", "{\"type\":\"FeatureCollection\",\"features\":["
	    "{\"type\":\"Feature\",\"properties\":{\"code\":1},\"geometry\":"
	    "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}"
	    "]}", NULL, "noid.geojson: feature 1: no feature \"id\"; name a "
	    "property with --id-field (the properties are: code)");
	bad("noprop.geojson", "{\"type\":\"FeatureCollection\",\"features\":["
	    "{\"type\":\"Feature\",\"properties\":{\"code\":1},\"geometry\":"
	    "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}"
	    "]}", "name", "noprop.geojson: feature 1: no usable property "
	    "\"name\" for the id; the properties are: code");
	bad("notfc.geojson", "{\"type\":\"Feature\"}", NULL,
	    "notfc.geojson: not a GeoJSON FeatureCollection with a "
	    "\"features\" array");
	bad("broken.geojson", "{\"type\":\n", NULL,
	    "broken.geojson:2: not valid GeoJSON: unexpected token near "
	    "end of file");
	bad("nogeom.geojson", "{\"type\":\"FeatureCollection\",\"features\":["
	    "{\"type\":\"Feature\",\"id\":\"x\",\"properties\":{},"
	    "\"geometry\":null}]}", NULL,
	    "nogeom.geojson: feature 1: polygon \"x\" has no geometry");
	bad("/nonexistent/layer.csv", NULL, NULL,
	    "/nonexistent/layer.csv: No such file or directory");
	/* Issue 12, item 1: x from -1e308 to 1e308 made the fast index's
	 * sizes NaN and a bucket index negative (a crash). */
	bad("wide.csv", "id,wkt\nA,\"POLYGON ((-1e308 0, 1e308 0, 1e308 1, "
	    "-1e308 1, -1e308 0))\"\n", NULL,
	    "wide.csv: the polygons' x extent overflows a double: from "
	    "\"-1e+308\" to \"1e+308\"");
	bad("tall.geojson", "{\"type\":\"FeatureCollection\",\"features\":["
	    "{\"type\":\"Feature\",\"id\":1,\"properties\":{},\"geometry\":"
	    "{\"type\":\"Polygon\",\"coordinates\":[[[0,-1.7e308],[1,0],"
	    "[0,1.7e308],[0,-1.7e308]]]}}]}", NULL,
	    "tall.geojson: the polygons' y extent overflows a double: from "
	    "\"-1.7e+308\" to \"1.7e+308\"");
	/* Issue 12: a crs other than WGS 84 longitude/latitude put every
	 * point in the wrong polygon; gridify converts nothing. */
	bad("mercator.geojson", "{\"type\":\"FeatureCollection\","
	    "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
	    "\"urn:ogc:def:crs:EPSG::3857\"}},\"features\":[]}", NULL,
	    "mercator.geojson: crs is not WGS 84 longitude/latitude (OGC "
	    "CRS84 or EPSG:4326), and gridify converts no coordinates; "
	    "convert the layer first: \"urn:ogc:def:crs:EPSG::3857\"");
	bad("link.geojson", "{\"type\":\"FeatureCollection\","
	    "\"crs\":{\"type\":\"link\",\"properties\":{\"href\":"
	    "\"c.wkt\"}},\"features\":[]}", NULL,
	    "link.geojson: crs is not WGS 84 longitude/latitude (OGC "
	    "CRS84 or EPSG:4326), and gridify converts no coordinates; "
	    "convert the layer first: \"{\\\"type\\\":\\\"link\\\","
	    "\\\"properties\\\":{\\\"href\\\":\\\"c.wkt\\\"}}\"");
	/* A NUL in a GeoJSON string would cut an id or a value: jansson
	 * refuses it, and the message says so in the data's terms. */
	bad("nulid.geojson", "{\"type\":\"FeatureCollection\",\"features\":"
	    "[{\"type\":\"Feature\",\"id\":\"a\\u0000b\",\"properties\":{},"
	    "\"geometry\":null}]}", NULL, "nulid.geojson:1: not valid "
	    "GeoJSON: a string holds a NUL character (\\u0000) near "
	    "'\"a\\u0000b\"'");
	bad("nulkey.geojson", "{\"type\":\"FeatureCollection\",\n"
	    "\"features\":[{\"type\":\"Feature\",\"id\":\"a\",\n"
	    "\"properties\":{\"n\\u0000\":1},\"geometry\":null}]}", NULL,
	    "nulkey.geojson:3: not valid GeoJSON: a member name holds a NUL "
	    "character (\\u0000) near '\"n\\u0000\"'");
	/* GEOS reads 1e999 as infinity: not a coordinate (it was "invalid",
	 * with a --make-valid hint that cannot help). */
	bad("inf.csv", "id,wkt\nA,\"POLYGON ((0 0, 1e999 0, 1 1, 0 0))\"\n",
	    NULL, "inf.csv:2: polygon \"A\": a coordinate is not a finite "
	    "number: \"inf\"");
}

void
suite_layer(void)
{
	struct err e;

	good_layers();
	bad_layers();
	load(NULL, NULL, NULL, NULL, 0, NULL, &e);
}
