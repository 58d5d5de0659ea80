/*
 * group.c - the groups of a summary (see group.h).
 */
#include "core/group.h"

#include <stdlib.h>
#include <string.h>

void
groups_init(struct groups *G, size_t size)
{
	memset(G, 0, sizeof *G);
	G->size = size;
}

static uint64_t
key_of(uint32_t tuple, int32_t period)
{
	return (uint64_t)tuple << 32 | (uint32_t)period;
}

static size_t
hash_key(uint64_t key)
{
	return (size_t)hash_bytes((const char *)&key, sizeof key);
}

/* Make the index hold n + 1 items at half load or less. */
static int
groups_reindex(struct groups *G, size_t want, struct err *e)
{
	size_t ns = G->nslot ? G->nslot : 64, i, j;
	uint32_t *slot;

	while (want * 2 > ns)
		ns *= 2;
	if (ns == G->nslot && G->slot != NULL)
		return 0;
	if ((slot = calloc(ns, sizeof *slot)) == NULL)
		return err_nomem(e);
	for (i = 0; i < G->n; i++) {
		const struct group_key *k = groups_at(G, i);
		for (j = hash_key(key_of(k->tuple, k->period)) & (ns - 1);
		    slot[j]; j = (j + 1) & (ns - 1))
			;
		slot[j] = (uint32_t)i + 1;
	}
	free(G->slot);
	G->slot = slot;
	G->nslot = ns;
	return 0;
}

int
groups_get(struct groups *G, uint32_t tuple, int32_t period, void **item,
    struct err *e)
{
	struct group_key *k;
	size_t j;

	if (G->n >= UINT32_MAX - 1)
		return errf(e, ERR_DATA, "more than 4 billion groups");
	if (((G->n + 1) * 2 > G->nslot || G->slot == NULL) &&
	    groups_reindex(G, G->n + 1, e) < 0)
		return -1;
	for (j = hash_key(key_of(tuple, period)) & (G->nslot - 1);
	    G->slot[j]; j = (j + 1) & (G->nslot - 1)) {
		k = groups_at(G, G->slot[j] - 1);
		if (k->tuple == tuple && k->period == period) {
			*item = k;
			return 0;
		}
	}
	if (G->n == G->cap) {
		size_t cap = G->cap ? G->cap * 2 : 64;
		char *p;
		if (cap > ((size_t)-1) / G->size ||
		    (p = realloc(G->item, cap * G->size)) == NULL)
			return err_nomem(e);
		G->item = p;
		G->cap = cap;
	}
	k = groups_at(G, G->n);
	memset(k, 0, G->size);
	k->tuple = tuple;
	k->period = period;
	G->slot[j] = (uint32_t)++G->n;
	*item = k;
	return 0;
}

/* One item's place in the output order. */
struct sortrec {
	const char *t;  /* its tuple's bytes */
	size_t tl;
	uint32_t tuple;
	int32_t period;
	size_t i;       /* where it is now */
};

static int
cmp_sortrec(const void *a, const void *b)
{
	const struct sortrec *p = a, *q = b;
	int c;

	if (p->tuple != q->tuple && (c = tuple_cmp(p->t, p->tl, q->t)) != 0)
		return c;
	return (p->period > q->period) - (p->period < q->period);
}

int
tuple_cmp(const char *x, size_t xlen, const char *y)
{
	const char *xe = x + xlen;
	uint32_t l1, l2;
	int c;

	for (; x < xe; x += 4 + l1, y += 4 + l2) {
		memcpy(&l1, x, 4);
		memcpy(&l2, y, 4);
		c = memcmp(x + 4, y + 4, l1 < l2 ? l1 : l2);
		if (c != 0)
			return c;
		if (l1 != l2)
			return l1 < l2 ? -1 : 1;
	}
	return 0;
}

int
groups_sort(struct groups *G, const struct intern *tuples, struct err *e)
{
	struct sortrec *r;
	char *sorted;
	size_t i;

	if (G->n < 2)
		return 0;
	r = malloc(G->n * sizeof *r);
	sorted = malloc(G->n * G->size);
	if (r == NULL || sorted == NULL) {
		free(r);
		free(sorted);
		return err_nomem(e);
	}
	for (i = 0; i < G->n; i++) {
		const struct group_key *k = groups_at(G, i);
		r[i].t = intern_str(tuples, k->tuple, &r[i].tl);
		r[i].tuple = k->tuple;
		r[i].period = k->period;
		r[i].i = i;
	}
	qsort(r, G->n, sizeof *r, cmp_sortrec);
	for (i = 0; i < G->n; i++)
		memcpy(sorted + i * G->size, groups_at(G, r[i].i), G->size);
	free(G->item);
	G->item = sorted;
	G->cap = G->n;
	free(r);
	/* The index names the old places: build it again when asked. */
	free(G->slot);
	G->slot = NULL;
	G->nslot = 0;
	return 0;
}

void
groups_free(struct groups *G)
{
	free(G->item);
	free(G->slot);
	memset(G, 0, sizeof *G);
}
