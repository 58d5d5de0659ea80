/*
 * bigalloc.h - zeroed memory for large hash tables that are read at
 * random.  A table of tens of megabytes read at random misses the
 * processor's address cache (TLB) on nearly every lookup; on Linux,
 * where transparent huge pages are often granted only on request
 * (the "madvise" setting), asking for them makes those lookups several
 * times cheaper.  Elsewhere, or for small tables, this is calloc(3).
 */
#ifndef BIGALLOC_H
#define BIGALLOC_H

#include <stddef.h>

/* n items of size bytes, zeroed, or NULL when memory runs out (or n *
 * size overflows).  The caller frees it with free(3). */
void *big_calloc(size_t n, size_t size);

#endif
