/*
 * testhooks.h - entry points that exist for the unit tests alone, kept
 * out of the public headers.  Only tests/unit includes this file (the
 * layering check, tests/layers.sh, fails the build otherwise), besides
 * the modules that define what it declares.
 */
#ifndef TESTHOOKS_H
#define TESTHOOKS_H

#include <stddef.h>

#include "core/csvio.h"
#include "core/util.h"

/*
 * csvr_open() with every line parsed by libcsv, never by the reader's own
 * line splitter, so that a test can compare the two on the same bytes.
 */
int csvr_open_libcsv(struct csvr **out, const char *path,
    const struct csv_opts *o, struct err *e);

/*
 * csvr_open() reading chunk bytes per read(2) (1 to 65536; anything else
 * means the usual 65536), so that a test can show that records, fields
 * and line numbers do not depend on where the reads cut the input.
 */
int csvr_open_chunked(struct csvr **out, const char *path,
    const struct csv_opts *o, size_t chunk, struct err *e);

/*
 * fmt_shortest() as it was before its fast path (printf's "%.15g",
 * "%.16g" or "%.17g", whichever strtod reads back as x first): the
 * reference that the unit tests compare fmt_shortest() with byte for
 * byte, and the fast path's fallback.
 */
size_t fmt_shortest_printf(char *buf, size_t cap, double x);

/*
 * fmt_shortest()'s fast path alone: its length, or 0 for what it leaves
 * to fmt_shortest_printf() (infinities, NaN, a number its error bounds
 * cannot decide), so that the soak can count how often that happens.
 */
size_t fmt_shortest_fast(char *buf, size_t cap, double x);

#endif
