/*
 * mset.c - a packed multiset of whole numbers (see mset.h).
 *
 * An entry is one varint (7 bits a byte, low first): gap << 2 | c, where
 * c = count - 1 for a count of 1 to 3, and c = 3 says that varint(count -
 * 4) follows.  A value seen twice or three times (durations repeat) costs
 * no byte more than a value seen once, unless its gap is near a boundary
 * of the varint's bytes.  The gap of a run's first entry is its value
 * zigzag-coded; of the others, the value minus the one before (at least
 * 1).  |v| <= 2^60 keeps the gap within 61 bits, the varint within 63.
 */
#include "core/mset.h"

#include <stdlib.h>
#include <string.h>

/* Room for one entry at most: two varints of 10 bytes. */
#define ENTRY_MAX 20

static inline size_t
put_varint(uint8_t *p, uint64_t x)
{
	size_t n = 0;

	if (x < 0x80) {
		p[0] = (uint8_t)x;
		return 1;
	}
	while (x >= 0x80) {
		p[n++] = (uint8_t)(x | 0x80);
		x >>= 7;
	}
	p[n++] = (uint8_t)x;
	return n;
}

static inline uint64_t
get_varint(const uint8_t **pp)
{
	const uint8_t *p = *pp;
	uint64_t x = 0;
	int shift = 0;

	if (*p < 0x80) {
		*pp = p + 1;
		return *p;
	}
	while (*p & 0x80) {
		x |= (uint64_t)(*p++ & 0x7f) << shift;
		shift += 7;
	}
	x |= (uint64_t)*p++ << shift;
	*pp = p;
	return x;
}

/* A run being written: the entries so far and the last value. */
struct writer {
	uint8_t *p;
	size_t len;
	uint64_t distinct;
	int64_t last;
};

static void
put_entry(struct writer *w, int64_t v, uint64_t count)
{
	uint64_t g = w->distinct == 0 ?
	    ((uint64_t)v << 1) ^ (uint64_t)(v >> 63) :
	    (uint64_t)(v - w->last);

	w->len += put_varint(w->p + w->len, g << 2 | (count < 4 ? count - 1 :
	    3));
	if (count >= 4)
		w->len += put_varint(w->p + w->len, count - 4);
	w->last = v;
	w->distinct++;
}

void
mset_iter_init(struct mset_iter *it, const struct mset *m)
{
	it->p = it->end = NULL;
	if (m->nrun > 0) {
		it->p = m->run[0].p;
		it->end = m->run[0].p + m->run[0].len;
	}
	it->v = 0;
	it->first = 1;
}

static void
iter_run(struct mset_iter *it, const struct mset_run *r)
{
	it->p = r->p;
	it->end = r->p + r->len;
	it->v = 0;
	it->first = 1;
}

/* mset_iter_next(), inline for the merges. */
static inline int
iter_next(struct mset_iter *it, int64_t *v, uint64_t *count)
{
	uint64_t x, g;

	if (it->p == NULL || it->p >= it->end)
		return 0;
	x = get_varint(&it->p);
	g = x >> 2;
	if (it->first) {
		it->v = (int64_t)(g >> 1) ^ -(int64_t)(g & 1);
		it->first = 0;
	} else
		it->v += (int64_t)g;
	*count = (x & 3) < 3 ? (x & 3) + 1 : get_varint(&it->p) + 4;
	*v = it->v;
	return 1;
}

int
mset_iter_next(struct mset_iter *it, int64_t *v, uint64_t *count)
{
	return iter_next(it, v, count);
}

/* The buffer p cut to len bytes (p itself if it cannot be). */
static uint8_t *
shrink(uint8_t *p, size_t len)
{
	uint8_t *q = realloc(p, len ? len : 1);

	return q != NULL ? q : p;
}

/* The most runs merged at once: 8 while adding, all at mset_pack(). */
#define MERGE_WAYS 8

/* Merge the k topmost runs into one; -1 when memory runs out (the runs
 * are then as they were). */
static int
merge_top(struct mset *m, uint32_t k)
{
	struct mset_run *r = &m->run[m->nrun - k];
	/* The merges while adding take MERGE_WAYS runs: no allocation for
	 * their cursors. */
	struct mset_iter it_small[MERGE_WAYS], *it = it_small;
	int64_t v_small[MERGE_WAYS], *v = v_small, least;
	uint64_t c_small[MERGE_WAYS], *c = c_small, n;
	struct writer w = {0};
	size_t bytes = ENTRY_MAX;
	uint32_t i, nlive = 0, level = 0;

	for (i = 0; i < k; i++) {
		bytes += r[i].len;
		if (r[i].level > level)
			level = r[i].level;
	}
	/* A merged entry is never longer than in its own run, but for the
	 * first entry of the runs that do not start the merge. */
	bytes += (size_t)k * ENTRY_MAX;
	if (k > MERGE_WAYS) {
		it = malloc(k * sizeof *it);
		v = malloc(k * sizeof *v);
		c = malloc(k * sizeof *c);
	}
	w.p = malloc(bytes);
	if (it == NULL || v == NULL || c == NULL || w.p == NULL)
		goto nomem;
	/* A run that has ended leaves the cursors: the live ones are the
	 * first nlive. */
	for (i = 0; i < k; i++) {
		iter_run(&it[nlive], &r[i]);
		if (iter_next(&it[nlive], &v[nlive], &c[nlive]))
			nlive++;
	}
	while (nlive > 0) {
		least = v[0];
		for (i = 1; i < nlive; i++)
			if (v[i] < least)
				least = v[i];
		n = 0;
		for (i = 0; i < nlive;) {
			if (v[i] != least) {
				i++;
				continue;
			}
			n += c[i];
			if (iter_next(&it[i], &v[i], &c[i])) {
				i++;
				continue;
			}
			nlive--;
			it[i] = it[nlive];
			v[i] = v[nlive];
			c[i] = c[nlive];
		}
		put_entry(&w, least, n);
	}
	for (i = 0; i < k; i++)
		free(r[i].p);
	r[0].p = shrink(w.p, w.len);
	r[0].len = w.len;
	r[0].distinct = w.distinct;
	r[0].level = level + 1;
	m->nrun -= k - 1;
	w.p = NULL;
	if (k > MERGE_WAYS) {
		free(it);
		free(v);
		free(c);
	}
	return 0;
nomem:
	if (k > MERGE_WAYS) {
		free(it);
		free(v);
		free(c);
	}
	free(w.p);
	return -1;
}

/* Sort n values ascending: quicksort (Hoare's partition around the
 * median of three, moved to the front) down to ranges of 16, then one
 * insertion pass. */
static void
sort_values(int64_t *v, size_t n)
{
	size_t i, j, lo, hi, mid, stack[128], sp = 0;
	int64_t x, pivot;

	stack[sp++] = 0;
	stack[sp++] = n;
	while (sp > 0) {
		hi = stack[--sp];
		lo = stack[--sp];
		while (hi - lo > 16) {
			mid = lo + (hi - lo) / 2;
			/* v[lo] <= v[mid] <= v[hi - 1], then the median to lo */
			if (v[mid] < v[lo])
				x = v[mid], v[mid] = v[lo], v[lo] = x;
			if (v[hi - 1] < v[mid]) {
				x = v[hi - 1], v[hi - 1] = v[mid], v[mid] = x;
				if (v[mid] < v[lo])
					x = v[mid], v[mid] = v[lo], v[lo] = x;
			}
			x = v[lo], v[lo] = v[mid], v[mid] = x;
			pivot = v[lo];
			/* Hoare: [lo, j] <= pivot <= [j + 1, hi), lo <= j < hi - 1 */
			i = lo;
			j = hi;
			for (;;) {
				while (v[i] < pivot)
					i++;
				do
					j--;
				while (v[j] > pivot);
				if (i >= j)
					break;
				x = v[i], v[i] = v[j], v[j] = x;
				i++;
			}
			/* The larger side waits on the stack (at most log2 n
			 * deep); the smaller one goes on. */
			if (j + 1 - lo > hi - j - 1) {
				stack[sp++] = lo;
				stack[sp++] = j + 1;
				lo = j + 1;
			} else {
				stack[sp++] = j + 1;
				stack[sp++] = hi;
				hi = j + 1;
			}
		}
	}
	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/*
 * Pack the buffer into a new run on top, then merge while the top run is
 * at least as large as the one below.  -1 when memory runs out: the
 * values are then still all held (in the buffer, or in unmerged runs).
 */
static int
flush(struct mset *m)
{
	uint8_t scratch[MSET_PENDING * ENTRY_MAX], *p;
	struct writer w = {0};
	size_t i, j;

	if (m->npend == 0)
		return 0;
	if (m->nrun == m->crun) {
		uint32_t nc = m->crun ? m->crun * 2 : 4;
		struct mset_run *r = realloc(m->run, nc * sizeof *r);
		if (r == NULL)
			return -1;
		m->run = r;
		m->crun = nc;
	}
	/* The run is written on the stack, then copied at its size (no
	 * allocation to shrink). */
	w.p = scratch;
	/* Times often come in order: then there is nothing to sort. */
	for (i = 1; i < m->npend && m->pend[i - 1] <= m->pend[i]; i++)
		;
	if (i < m->npend)
		sort_values(m->pend, m->npend);
	for (i = 0; i < m->npend; i = j) {
		for (j = i + 1; j < m->npend && m->pend[j] == m->pend[i]; j++)
			;
		put_entry(&w, m->pend[i], j - i);
	}
	if ((p = malloc(w.len)) == NULL)
		return -1;
	memcpy(p, scratch, w.len);
	m->run[m->nrun].p = p;
	m->run[m->nrun].len = w.len;
	m->run[m->nrun].distinct = w.distinct;
	m->run[m->nrun].level = 0;
	m->nrun++;
	m->npend = 0;
	/* MERGE_WAYS runs of one level make one of the next. */
	while (m->nrun >= MERGE_WAYS &&
	    m->run[m->nrun - MERGE_WAYS].level == m->run[m->nrun - 1].level)
		if (merge_top(m, MERGE_WAYS) < 0)
			return -1;
	/* A value the runs above the first hold again is held twice: once
	 * they are as large as the first, all merge into one, so the runs
	 * never take more than twice the room of the set packed whole,
	 * however often its values come back. */
	if (m->nrun >= 2) {
		size_t above = 0;
		uint32_t k;

		for (k = 1; k < m->nrun; k++)
			above += m->run[k].len;
		if (above >= m->run[0].len && merge_top(m, m->nrun) < 0)
			return -1;
	}
	return 0;
}

int
mset_add_slow(struct mset *m, int64_t v)
{
	if (m->npend == m->cpend) {
		if (m->cpend == MSET_PENDING) {
			if (flush(m) < 0 && m->npend > 0)
				return -1;
		} else {
			uint32_t nc = m->cpend ? m->cpend * 2 : 4;
			int64_t *p = realloc(m->pend, nc * sizeof *p);
			if (p == NULL)
				return -1;
			m->pend = p;
			m->cpend = nc;
		}
	}
	m->pend[m->npend++] = v;
	m->total++;
	return 0;
}

int
mset_pack(struct mset *m)
{
	if (flush(m) < 0 && m->npend > 0)
		return -1;
	if (m->nrun >= 2 && merge_top(m, m->nrun) < 0)
		return -1;
	free(m->pend);
	m->pend = NULL;
	m->cpend = 0;
	return 0;
}

uint64_t
mset_distinct(const struct mset *m)
{
	return m->nrun > 0 ? m->run[0].distinct : 0;
}

size_t
mset_bytes(const struct mset *m)
{
	size_t n = m->cpend * sizeof *m->pend + m->crun * sizeof *m->run;
	uint32_t i;

	for (i = 0; i < m->nrun; i++)
		n += m->run[i].len;
	return n;
}

void
mset_free(struct mset *m)
{
	uint32_t i;

	for (i = 0; i < m->nrun; i++)
		free(m->run[i].p);
	free(m->run);
	free(m->pend);
	memset(m, 0, sizeof *m);
}
