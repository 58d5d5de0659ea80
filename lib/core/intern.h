/*
 * intern.h - interned byte strings: each distinct string held once and
 * named by a small number, its id (0, 1, 2 ... in order of first sight).
 * caseflow keeps its cases' group values and categories so, gridify the
 * values it counts by; a string may hold any bytes (NULs included), and
 * a table holds up to 4 GiB of them, 4 billion at most.
 *
 * A struct intern owns its strings and its index; zero it to start,
 * free it with intern_free().  The strings stay where they are only until
 * the next intern_get() (the arena grows): copy what must outlive it.
 */
#ifndef INTERN_H
#define INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

struct intern {
	struct buf arena; /* each string behind its length */
	uint32_t *off;    /* where string id starts in arena */
	size_t n, cap;    /* strings held; room in off */
	uint64_t *slot;   /* the index: hash high, id + 1 low; 0 empty */
	size_t nslot;
};

/*
 * The id of the len bytes at s in *id, the string added if it is new
 * (*added set to 1, else 0).  Returns 0, or -1 with *e set: memory
 * (ERR_NOMEM), or more than 4 GiB or 4 billion strings (ERR_DATA).
 * After intern_drop_index() this must not be called again.
 */
int intern_get(struct intern *t, const char *s, size_t len, uint32_t *id,
    int *added, struct err *e);

/* String id (< t->n): its bytes, with the length in *len.  The pointer
 * is owned by t and valid until the next intern_get() or intern_free(). */
const char *intern_str(const struct intern *t, uint32_t id, size_t *len);

/* Give back the index's memory once no more strings will be looked up;
 * intern_str() still works. */
void intern_drop_index(struct intern *t);

/* Free everything t holds and zero it. */
void intern_free(struct intern *t);

#endif
