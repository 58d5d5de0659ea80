/*
 * testhooks.h - entry points that exist for the unit tests alone, kept
 * out of the public headers.  Only tests/unit includes this file (the
 * layering check, tests/layers.sh, fails the build otherwise), besides
 * the modules that define what it declares.
 */
#ifndef TESTHOOKS_H
#define TESTHOOKS_H

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

#endif
