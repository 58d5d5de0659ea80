/*
 * idtab.h - a table of ids: each distinct byte string named by a small
 * number (0, 1, 2 ... in order of first sight), made for the millions of
 * participant or case ids a run must tell apart.  A string of up to
 * IDTAB_INLINE bytes is held inside its 16-byte index slot, so finding
 * it touches one cache line and no string storage; a longer one is kept
 * in an arena and found through its slot.  The caller hashes the string
 * once (idtab_hash) and may prefetch its slot (idtab_prefetch) a few
 * records before looking it up, to hide the memory latency of a table
 * larger than the cache.
 *
 * Unlike intern.h there is no way back from an id to its bytes: a tool
 * that must print the strings interns them there.
 *
 * A struct idtab owns its index and arena; zero it to start, free it
 * with idtab_free().  Up to 4 billion strings and 4 GiB of long ones.
 */
#ifndef IDTAB_H
#define IDTAB_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

#define IDTAB_INLINE 11

struct idtab_slot {
	uint64_t k0;    /* inline bytes 0-7, or the long string's offset */
	uint32_t k1;    /* inline bytes 8-10 and the length, or 0xff and
			 * 24 bits of the hash */
	uint32_t id1;   /* id + 1; 0: an empty slot */
};

struct idtab {
	struct idtab_slot *slot;
	size_t nslot, n;       /* slots (a power of two); strings held */
	struct buf arena;      /* long strings: 4-byte length and bytes */
};

/* The hash idtab_get() and idtab_prefetch() take for len bytes at s. */
uint64_t idtab_hash(const char *s, size_t len);

/* Ask the processor to fetch the slot where a string of hash h is
 * looked for first.  A hint only: harmless at any time. */
static inline void
idtab_prefetch(const struct idtab *t, uint64_t h)
{
	if (t->nslot > 0)
		prefetch_read(&t->slot[h & (t->nslot - 1)]);
}

/*
 * The id of the len bytes at s, whose hash is h (idtab_hash), in *id;
 * the string is added when new (*added 1, else 0).  Returns 0, or -1
 * with *e set: memory (ERR_NOMEM), or more than 4 billion strings or
 * 4 GiB of long ones (ERR_DATA).
 */
int idtab_get(struct idtab *t, const char *s, size_t len, uint64_t h,
    uint32_t *id, int *added, struct err *e);

/* Bytes t holds (index and arena). */
size_t idtab_bytes(const struct idtab *t);

/* Free everything t holds and zero it. */
void idtab_free(struct idtab *t);

#endif
