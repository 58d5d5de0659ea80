/*
 * geo_t.h - what the geo unit tests share (defined in test_layer.c).
 */
#ifndef GEO_T_H
#define GEO_T_H

#include "core/util.h"
#include "geo/layer.h"

/* One point through layer_locate_batch (the single-point locate the
 * library no longer offers): its polygon, -1 or -2 with *e set. */
long t_locate1(struct geo_ctx *g, struct layer *L, double x, double y,
    struct err *e);

#endif
