/*
 * idtab.c - a table of ids with short strings inline (see idtab.h).
 *
 * Open addressing with linear probing, at most 70% full.  A slot's key
 * is 12 bytes: a string of up to 11 bytes zero-padded, then its length;
 * or, for a longer one, the offset of its copy in the arena, 3 bytes of
 * its hash and 0xff.  Two inline keys are equal exactly when their
 * 12 bytes are, so a lookup compares two integers.
 */
#include "core/idtab.h"

#include "core/bigalloc.h"

#include <stdlib.h>
#include <string.h>

#define LONG_MARK 0xff

uint64_t
idtab_hash(const char *s, size_t len)
{
	return hash_bytes(s, len);
}

/* The 12-byte key of an inline string (len <= IDTAB_INLINE). */
static void
inline_key(const char *s, size_t len, uint64_t *k0, uint32_t *k1)
{
	unsigned char b[12] = {0};

	memcpy(b, s, len);
	b[11] = (unsigned char)len;
	memcpy(k0, b, 8);
	memcpy(k1, b + 8, 4);
}

/* The k1 of a long string of hash h. */
static uint32_t
long_k1(uint64_t h)
{
	unsigned char b[4] = {(unsigned char)(h >> 40),
	    (unsigned char)(h >> 48), (unsigned char)(h >> 56), LONG_MARK};
	uint32_t k1;

	memcpy(&k1, b, 4);
	return k1;
}

static int
is_long(uint32_t k1)
{
	unsigned char b[4];

	memcpy(b, &k1, 4);
	return b[3] == LONG_MARK;
}

/* The bytes of slot s's string into *p, *len (inline ones into buf). */
static void
slot_bytes(const struct idtab *t, const struct idtab_slot *s,
    unsigned char buf[12], const char **p, size_t *len)
{
	uint32_t l;

	if (is_long(s->k1)) {
		memcpy(&l, t->arena.data + s->k0, 4);
		*p = t->arena.data + s->k0 + 4;
		*len = l;
		return;
	}
	memcpy(buf, &s->k0, 8);
	memcpy(buf + 8, &s->k1, 4);
	*p = (const char *)buf;
	*len = buf[11];
}

static int
grow(struct idtab *t, struct err *e)
{
	size_t ns = t->nslot ? t->nslot * 2 : 1024, i, j;
	struct idtab_slot *slot = big_calloc(ns, sizeof *slot);
	unsigned char buf[12];
	const char *p;
	size_t len;

	if (slot == NULL)
		return err_nomem(e);
	for (i = 0; i < t->nslot; i++) {
		if (t->slot[i].id1 == 0)
			continue;
		slot_bytes(t, &t->slot[i], buf, &p, &len);
		for (j = hash_bytes(p, len) & (ns - 1); slot[j].id1 != 0;
		    j = (j + 1) & (ns - 1))
			;
		slot[j] = t->slot[i];
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = ns;
	return 0;
}

int
idtab_get(struct idtab *t, const char *s, size_t len, uint64_t h,
    uint32_t *id, int *added, struct err *e)
{
	uint64_t k0 = 0;
	uint32_t k1, l;
	size_t j, mask;
	int lng = len > IDTAB_INLINE;

	if ((t->n + 1) * 10 > t->nslot * 7 && grow(t, e) < 0)
		return -1;
	if (lng)
		k1 = long_k1(h);
	else
		inline_key(s, len, &k0, &k1);
	mask = t->nslot - 1;
	for (j = h & mask; t->slot[j].id1 != 0; j = (j + 1) & mask) {
		const struct idtab_slot *q = &t->slot[j];
		if (q->k1 != k1)
			continue;
		if (!lng ? q->k0 == k0 :
		    (memcpy(&l, t->arena.data + q->k0, 4), l == len) &&
		    memcmp(t->arena.data + q->k0 + 4, s, len) == 0) {
			*id = q->id1 - 1;
			*added = 0;
			return 0;
		}
	}
	if (t->n >= UINT32_MAX - 1)
		return errf(e, ERR_DATA, "more than 4 billion distinct ids "
		    "to hold");
	if (lng) {
		if (len > UINT32_MAX - 4 || t->arena.len > UINT32_MAX - 4 - len)
			return errf(e, ERR_DATA, "more than 4 GiB of long ids "
			    "to hold");
		l = (uint32_t)len;
		k0 = t->arena.len;
		if (buf_append(&t->arena, (const char *)&l, 4) < 0 ||
		    buf_append(&t->arena, s, len) < 0) {
			t->arena.len = (size_t)k0;
			return err_nomem(e);
		}
	}
	t->slot[j].k0 = k0;
	t->slot[j].k1 = k1;
	t->slot[j].id1 = (uint32_t)t->n + 1;
	*id = (uint32_t)t->n++;
	*added = 1;
	return 0;
}

size_t
idtab_bytes(const struct idtab *t)
{
	return t->nslot * sizeof *t->slot + t->arena.cap;
}

void
idtab_free(struct idtab *t)
{
	free(t->slot);
	free(t->arena.data);
	memset(t, 0, sizeof *t);
}
