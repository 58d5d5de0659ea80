/*
 * bigalloc.c - zeroed memory for large random-access tables (see
 * bigalloc.h).
 */
#define _DEFAULT_SOURCE
#include "core/bigalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

void *
big_calloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
#ifdef MADV_HUGEPAGE
	if (n * size >= HUGE_PAGE) {
		size_t bytes = (n * size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);

		if (posix_memalign(&p, HUGE_PAGE, bytes) != 0)
			return NULL;
		/* A hint: without huge pages the table still works. */
		(void)madvise(p, bytes, MADV_HUGEPAGE);
		memset(p, 0, bytes);
		return p;
	}
#endif
	return calloc(n, size);
}
