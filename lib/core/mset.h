/*
 * mset.h - a multiset of whole numbers held packed: each distinct value
 * once, with its count, in ascending order, as the gap to the value
 * before it in a variable-length code.  partscore holds its response
 * times and open events' times (whole seconds) so: exact, so quantiles
 * and Kaplan-Meier estimates come out as from the full list, in one to
 * three bytes a distinct value where a hash of values would take 16 or
 * more, and never more than one entry per distinct value however many
 * times it repeats.
 *
 * Values go first to a small unsorted buffer (at most MSET_PENDING);
 * a full buffer is sorted and packed into a run, and every eight runs of
 * one level are merged into one of the next.  Runs hold a value again
 * when it comes back after its first run was packed; so once the runs
 * above the first are as large as it, all merge into one.  The runs then
 * never take more than twice the room of the set packed whole, however
 * many times its values repeat: memory grows with the distinct values
 * (and the bytes of their counts), not with the values added.
 * mset_pack() merges everything into one run before the values are read
 * back with mset_iter_*.
 *
 * A struct mset owns its buffer and runs; zero it to start, free it with
 * mset_free().  Values must lie in [-MSET_MAX, MSET_MAX].
 */
#ifndef MSET_H
#define MSET_H

#include <stddef.h>
#include <stdint.h>

#define MSET_PENDING 128
#define MSET_MAX ((int64_t)1 << 60)

struct mset_run {
	uint8_t *p;        /* the packed entries (owned) */
	size_t len;        /* bytes used */
	uint64_t distinct; /* entries */
	uint32_t level;    /* 0: packed from the buffer; k + 1: merged
			    * from runs of level k */
};

struct mset {
	int64_t *pend;         /* unsorted values not yet in a run */
	uint32_t npend, cpend;
	struct mset_run *run;  /* runs, the largest first */
	uint32_t nrun, crun;
	uint64_t total;        /* values added, with their repeats */
};

/* mset_add() when the buffer is full or not yet made. */
int mset_add_slow(struct mset *m, int64_t v);

/* Add v (|v| <= MSET_MAX).  Returns 0, or -1 when memory runs out (the
 * multiset is then as it was).  Inline: a value usually just goes into
 * the buffer. */
static inline int
mset_add(struct mset *m, int64_t v)
{
	if (m->npend < m->cpend) {
		m->pend[m->npend++] = v;
		m->total++;
		return 0;
	}
	return mset_add_slow(m, v);
}

/* Merge the buffer and every run into one run, so that the values can be
 * read in order.  Returns 0, or -1 when memory runs out (m unchanged in
 * content; it can be freed). */
int mset_pack(struct mset *m);

/* The number of distinct values; only after mset_pack(). */
uint64_t mset_distinct(const struct mset *m);

/* Bytes m holds (buffer, runs and their bookkeeping). */
size_t mset_bytes(const struct mset *m);

/* A reader of a packed multiset's values in ascending order. */
struct mset_iter {
	const uint8_t *p, *end;
	int64_t v;
	int first;
};

/* Start reading m, which mset_pack() made one run (or empty).  The
 * reader borrows m's run: m must not change while it is read. */
void mset_iter_init(struct mset_iter *it, const struct mset *m);

/* The next distinct value in *v and how many times it was added in
 * *count: 1, or 0 at the end. */
int mset_iter_next(struct mset_iter *it, int64_t *v, uint64_t *count);

/* Free what m holds and zero it. */
void mset_free(struct mset *m);

#endif
