/*
 * group.h - the groups of a summary: one row for each combination of the
 * values of the grouping columns and a period, holding whatever a tool
 * accumulates for it (caseflow's counters and durations; partscore's
 * next).
 *
 * A tuple is the values of the grouping columns in order, each packed as
 * a 4-byte length (host order) and its bytes; tuples are interned
 * (intern.h), so a group is keyed by two numbers, its tuple's id and its
 * period code (datetime.h).
 *
 * struct groups owns an array of items whose size the caller chooses,
 * each beginning with its struct group_key, and an index from key to
 * item.  What an item points to is the caller's to free before
 * groups_free().  Zero a struct groups and call groups_init() to start.
 */
#ifndef GROUP_H
#define GROUP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/csvio.h"
#include "core/intern.h"
#include "core/util.h"

struct group_key {
	uint32_t tuple; /* the tuple's intern id */
	int32_t period; /* period_code(), or 0 without periods */
};

struct groups {
	char *item;       /* n items of size bytes */
	size_t size, n, cap;
	uint32_t *slot;   /* the index: item + 1, 0 empty */
	size_t nslot;
};

/* Start an empty table of items of size bytes (size >= sizeof (struct
 * group_key), the key first in each). */
void groups_init(struct groups *G, size_t size);

/*
 * The item of the group keyed (tuple, period) in *item, made (zeroed but
 * for its key) when it is new.  The pointer is valid until the next call
 * that adds a group or sorts.  Returns 0, or -1 with *e set when memory
 * runs out.
 */
int groups_get(struct groups *G, uint32_t tuple, int32_t period,
    void **item, struct err *e);

/* Item i (< G->n) of the table. */
#define groups_at(G, i) ((void *)((G)->item + (size_t)(i) * (G)->size))

/*
 * Put the items in output order: by their tuples' values, column by
 * column, bytewise (a shorter value that is a prefix first), then by
 * period.  tuples holds the tuples the keys name.  Returns 0, or -1 with
 * *e set when memory runs out (the order is then unchanged).
 */
int groups_sort(struct groups *G, const struct intern *tuples,
    struct err *e);

/* Free the table (not what its items point to) and zero it. */
void groups_free(struct groups *G);

/*
 * The bytes the tuple of rec's columns cols[0..ncols-1] takes: a 4-byte
 * length and the bytes of each value.  Values of 4 GiB or more cannot be
 * packed: (size_t)-1 then.
 */
static inline size_t
tuple_size(const struct csv_record *rec, const size_t *cols, int ncols)
{
	size_t need = 0, len;
	int i;

	for (i = 0; i < ncols; i++) {
		len = rec->len[cols[i]];
		if (len > UINT32_MAX || need > ((size_t)-1) / 4)
			return (size_t)-1;
		need += 4 + len;
	}
	return need;
}

/*
 * Write the tuple of rec's columns cols[0..ncols-1] at p, which has
 * tuple_size() bytes of room, and return the end of what was written.
 * Inline: caseflow packs a tuple for each step it reads.
 */
static inline char *
tuple_write(char *p, const struct csv_record *rec, const size_t *cols,
    int ncols)
{
	uint32_t l;
	int i;

	for (i = 0; i < ncols; i++) {
		l = (uint32_t)rec->len[cols[i]];
		memcpy(p, &l, 4);
		memcpy(p + 4, rec->field[cols[i]], l);
		p += 4 + (size_t)l;
	}
	return p;
}

/*
 * Append to b the tuple of rec's columns cols[0..ncols-1].  Returns 0, or
 * -1 with *e set (memory, or a value of 4 GiB or more).
 */
static inline int
tuple_pack(struct buf *b, const struct csv_record *rec, const size_t *cols,
    int ncols, struct err *e)
{
	size_t need = tuple_size(rec, cols, ncols);

	if (need == (size_t)-1)
		return errf(e, ERR_DATA, "a value of 4 GiB or more");
	if (need == 0) /* no columns: b may have no buffer at all */
		return 0;
	if (buf_reserve(b, need) < 0)
		return err_nomem(e);
	b->len = (size_t)(tuple_write(b->data + b->len, rec, cols, ncols) -
	    b->data);
	return 0;
}

/*
 * The next value of a tuple: at *p, its bytes in *val and *len, and *p
 * moved past it.  The caller knows how many values a tuple holds.
 */
static inline void
tuple_next(const char **p, const char **val, size_t *len)
{
	uint32_t l;

	memcpy(&l, *p, 4);
	*val = *p + 4;
	*len = l;
	*p += 4 + l;
}

/*
 * Compare two tuples of the same columns in output order: column by
 * column, bytewise, a value that is a prefix of the other first (as
 * LC_ALL=C sort on each column).  x is xlen bytes long; y holds as many
 * values.  Returns <0, 0 or >0 as x sorts before, with or after y.
 */
int tuple_cmp(const char *x, size_t xlen, const char *y);

#endif
