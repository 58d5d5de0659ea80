/*
 * intern.c - interned byte strings (see intern.h).
 *
 * Strings live one after another in an arena, each behind its length (one
 * byte, or 0xff and four bytes); off[i] is where string i starts.  The
 * index (open addressing, 64-bit slots: hash high, id + 1 low) finds a
 * string's id; it can be dropped once no more lookups are needed.
 */
#include "core/intern.h"

#include <stdlib.h>
#include <string.h>

const char *
intern_str(const struct intern *t, uint32_t id, size_t *len)
{
	const unsigned char *p =
	    (const unsigned char *)t->arena.data + t->off[id];
	uint32_t l;

	if (*p != 0xff) {
		*len = *p;
		return (const char *)p + 1;
	}
	memcpy(&l, p + 1, 4);
	*len = l;
	return (const char *)p + 5;
}

/* Add a string without looking it up; its id goes to *id. */
static int
intern_append(struct intern *t, const char *s, size_t len, uint32_t *id,
    struct err *e)
{
	unsigned char hdr[5];
	size_t hl = 1;

	if (len > UINT32_MAX - 5 || t->arena.len > UINT32_MAX - 5 - len ||
	    t->n >= UINT32_MAX - 1)
		return errf(e, ERR_DATA, "more than 4 GiB or 4 billion "
		    "distinct values to hold");
	if (grow_array((void **)&t->off, &t->cap, t->n + 1, sizeof *t->off) < 0)
		return err_nomem(e);
	if (len < 0xff) {
		hdr[0] = (unsigned char)len;
	} else {
		uint32_t l = (uint32_t)len;
		hdr[0] = 0xff;
		memcpy(hdr + 1, &l, 4);
		hl = 5;
	}
	t->off[t->n] = (uint32_t)t->arena.len;
	if (buf_append(&t->arena, (const char *)hdr, hl) < 0 ||
	    buf_append(&t->arena, s, len) < 0)
		return err_nomem(e);
	*id = (uint32_t)t->n++;
	return 0;
}

static int
intern_rehash(struct intern *t, struct err *e)
{
	size_t ns = t->nslot ? t->nslot * 2 : 1024, i, j;
	uint64_t *slot = calloc(ns, sizeof *slot);

	if (slot == NULL)
		return err_nomem(e);
	for (i = 0; i < t->nslot; i++) {
		uint64_t v = t->slot[i];
		size_t len;
		const char *s;
		if (v == 0)
			continue;
		s = intern_str(t, (uint32_t)(v & 0xffffffffu) - 1, &len);
		for (j = hash_bytes(s, len) & (ns - 1); slot[j] != 0;
		    j = (j + 1) & (ns - 1))
			;
		slot[j] = v;
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = ns;
	return 0;
}

int
intern_get(struct intern *t, const char *s, size_t len, uint32_t *id,
    int *added, struct err *e)
{
	uint64_t h, frag;
	size_t j;

	if ((t->n + 1) * 2 > t->nslot && intern_rehash(t, e) < 0)
		return -1;
	h = hash_bytes(s, len);
	frag = h >> 32 << 32;
	for (j = h & (t->nslot - 1); t->slot[j] != 0;
	    j = (j + 1) & (t->nslot - 1)) {
		uint64_t v = t->slot[j];
		if ((v & ~(uint64_t)0xffffffffu) == frag) {
			size_t l;
			const char *p = intern_str(t,
			    (uint32_t)(v & 0xffffffffu) - 1, &l);
			if (l == len && memcmp(p, s, len) == 0) {
				*id = (uint32_t)(v & 0xffffffffu) - 1;
				*added = 0;
				return 0;
			}
		}
	}
	if (intern_append(t, s, len, id, e) < 0)
		return -1;
	t->slot[j] = frag | ((uint64_t)*id + 1);
	*added = 1;
	return 0;
}

void
intern_drop_index(struct intern *t)
{
	free(t->slot);
	t->slot = NULL;
	t->nslot = 0;
}

void
intern_free(struct intern *t)
{
	intern_drop_index(t);
	free(t->arena.data);
	free(t->off);
	memset(t, 0, sizeof *t);
}

