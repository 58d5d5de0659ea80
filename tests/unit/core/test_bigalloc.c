/*
 * core/bigalloc: big_calloc() (bigalloc.h).  Small and large blocks
 * (below, at and above the 2 MiB where huge pages are asked for, up to
 * 3 MiB) come back zeroed, aligned as malloc's are, and writable to the
 * last byte; a large block freed dirty and asked for again is zeroed
 * again; n * size overflowing size_t gives NULL.  Expected values are
 * the contract: every byte 0, then the pattern written here.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/bigalloc.h"
#include "../t.h"

void suite_bigalloc(void);

/* memset(3) through a pointer the compiler cannot see through: a block
 * dirtied just before free(3) must really be dirtied (a plain memset
 * there is a dead store the compiler may drop). */
static void *(*volatile dirty_memset)(void *, int, size_t) = memset;

/* Bytes of p[0, len) that are not 0. */
static size_t
nonzero(const unsigned char *p, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += p[i] != 0;
	return n;
}

/* Fill p[0, len) with a pattern and count the bytes that do not read
 * it back. */
static size_t
write_read(unsigned char *p, size_t len)
{
	size_t i, bad = 0;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 31 + 7);
	for (i = 0; i < len; i++)
		bad += p[i] != (unsigned char)(i * 31 + 7);
	return bad;
}

static void
zeroed_writable(void)
{
	static const struct { size_t n, size; } c[] = {
		{1, 1}, {3, 5}, {1000, 16}, {4096, 1},
		{((size_t)2 << 20) - 1, 1},        /* just below 2 MiB */
		{(size_t)2 << 20, 1},              /* 2 MiB exactly */
		{((size_t)2 << 20) / 16 + 1, 16},  /* 2 MiB and 16 bytes */
		{(size_t)3 << 20, 1},              /* 3 MiB */
		{((size_t)3 << 20) / 16, 16},      /* 3 MiB as 16-byte slots */
		{((size_t)3 << 20) / 12 + 1, 12},  /* not a page multiple */
	};
	size_t i;
	long wrong_zero = 0, wrong_rw = 0, wrong_align = 0, null = 0;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		size_t len = c[i].n * c[i].size;
		unsigned char *p = big_calloc(c[i].n, c[i].size);

		if (p == NULL) {
			null++;
			continue;
		}
		if ((uintptr_t)p % _Alignof(max_align_t) != 0)
			wrong_align++;
		if (nonzero(p, len) != 0) {
			wrong_zero++;
			printf("# big_calloc(%zu, %zu): %zu bytes not 0\n",
			    c[i].n, c[i].size, nonzero(p, len));
		}
		if (write_read(p, len) != 0)
			wrong_rw++;
		free(p);
	}
	CHECK_INT(null, 0);
	CHECK_INT(wrong_align, 0);
	CHECK_INT(wrong_zero, 0);
	CHECK_INT(wrong_rw, 0);
}

/* Large blocks freed full of bytes and asked for again: zeroed each
 * time to the last byte, whatever memory the allocator hands back.  The
 * sizes: 3 MiB, and exactly 2 and 4 MiB (whole huge pages). */
static void
zeroed_again(void)
{
	static const size_t len[] = {(size_t)3 << 20, (size_t)4 << 20,
	    (size_t)2 << 20};
	size_t round;
	long dirty = 0, null = 0;

	for (round = 0; round < 3 * 3; round++) {
		size_t l = len[round % 3];
		unsigned char *p = big_calloc(l / 8, 8);
		if (p == NULL) {
			null++;
			continue;
		}
		if (nonzero(p, l) != 0) {
			dirty++;
			printf("# big_calloc(%zu, 8) again: %zu bytes not 0\n",
			    l / 8, nonzero(p, l));
		}
		dirty_memset(p, 0xa5, l);
		free(p);
		/* A small one between, dirtied too. */
		p = big_calloc(100, 10);
		if (p == NULL) {
			null++;
			continue;
		}
		if (nonzero(p, 1000) != 0)
			dirty++;
		dirty_memset(p, 0x5a, 1000);
		free(p);
	}
	CHECK_INT(null, 0);
	CHECK_INT(dirty, 0);
}

/* n * size past SIZE_MAX: NULL (without wrapping to a small block). */
static void
overflow(void)
{
	CHECK(big_calloc(SIZE_MAX, 2) == NULL);
	CHECK(big_calloc(2, SIZE_MAX) == NULL);
	CHECK(big_calloc(SIZE_MAX / 16 + 1, 16) == NULL); /* wraps to 0 */
	CHECK(big_calloc(SIZE_MAX / 8 + 2, 8) == NULL);   /* wraps to 8 */
	CHECK(big_calloc((SIZE_MAX >> 20) + 2, (size_t)1 << 20) == NULL);
#if SIZE_MAX == UINT64_MAX
	/* wraps to exactly 3 MiB: n * size = 2^64 + 3 MiB */
	CHECK(big_calloc(((size_t)1 << 44) + 3, (size_t)1 << 20) == NULL);
#endif
	CHECK(big_calloc(SIZE_MAX, SIZE_MAX) == NULL);
}

void
suite_bigalloc(void)
{
	int before = t_pass + t_fail;

	zeroed_writable();
	zeroed_again();
	overflow();
	printf("# core/bigalloc: %d checks\n", t_pass + t_fail - before);
}
