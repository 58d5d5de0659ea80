/*
 * core/group: the group table (group.h).  groups_get() finds or adds (a
 * new item zeroed but for its key, the same key the same item, 20,000
 * keys with the table and its index growing); groups_at(); groups_sort()
 * in the header's order: the tuples' values column by column, bytewise
 * (unsigned bytes, NULs included), a shorter value that is a prefix of
 * another first, an empty value before any other, then the period (a
 * signed number), checked on tuples packed by tuple_pack() from records
 * built here by hand; groups_get() after the sort (the index is built
 * again) finds the moved items and adds new ones; tuple_pack() +
 * tuple_next() give the values back.  The expected orders are written out
 * by hand from that rule; the ones where packed bytes compared whole (a
 * length first) would give another order are marked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/group.h"
#include "core/intern.h"
#include "../t.h"

void suite_group(void);

/* What a test keeps per group: the key first, as group.h asks. */
struct item {
	struct group_key key;
	long count;
	double sum;
	char note[13]; /* items of 40 bytes: not a power of two */
};

/* A record of up to 4 fields of given lengths (the caller's bytes). */
struct rec4 {
	struct csv_record r;
	char *f[4];
	size_t l[4];
};

static struct csv_record *
rec_of(struct rec4 *R, int n, const char *const *vals, const size_t *lens)
{
	int i;

	memset(R, 0, sizeof *R);
	for (i = 0; i < n; i++) {
		R->f[i] = (char *)vals[i];
		R->l[i] = lens[i];
	}
	R->r.nfields = (size_t)n;
	R->r.field = R->f;
	R->r.len = R->l;
	R->r.line = 2;
	return &R->r;
}

/* New items, the same item again, and many keys. */
static void
get_and_grow(void)
{
	enum { NT = 5000, NP = 4 };
	static const int32_t periods[NP] = {0, 20240101, -7, INT32_MIN};
	struct groups G;
	struct err e;
	struct item *it = NULL, *again = NULL;
	void *p;
	long i, wrong = 0, notzero = 0, lost = 0, dup = 0;
	unsigned char *seen;
	int rc;

	memset(&e, 0, sizeof e);
	memset(&G, 0xab, sizeof G); /* groups_init needs no zeroing first */
	groups_init(&G, sizeof(struct item));
	CHECK_INT(G.n, 0);
	CHECK_INT(G.size, sizeof(struct item));
	CHECK(G.item == NULL && G.slot == NULL);

	rc = groups_get(&G, 3, 202401, &p, &e);
	it = p;
	CHECK_INT(rc, 0);
	CHECK_INT(G.n, 1);
	/* New: the key set, the rest zero. */
	CHECK_INT(it->key.tuple, 3);
	CHECK_INT(it->key.period, 202401);
	CHECK_INT(it->count, 0);
	CHECK(it->sum == 0);
	CHECK(memcmp(it->note, "\0\0\0\0\0\0\0\0\0\0\0\0\0", 13) == 0);
	it->count = 41;
	strcpy(it->note, "first");
	/* The same key: the same item, as it was left. */
	rc = groups_get(&G, 3, 202401, &p, &e);
	again = p;
	CHECK_INT(rc, 0);
	CHECK(again == it);
	CHECK_INT(again->count, 41);
	CHECK_INT(G.n, 1);
	/* The same tuple in another period, or another tuple in the same
	 * period, is another group. */
	groups_get(&G, 3, 202402, &p, &e);
	CHECK(p != groups_at(&G, 0));
	CHECK_INT(((struct item *)p)->count, 0);
	groups_get(&G, 4, 202401, &p, &e);
	CHECK_INT(((struct item *)p)->count, 0);
	CHECK_INT(G.n, 3);
	groups_free(&G);
	CHECK(G.item == NULL && G.slot == NULL && G.n == 0 && G.size == 0);

	/* 20,000 keys: the items array (from 64) and the index grow many
	 * times; each item keeps what was written into it. */
	groups_init(&G, sizeof(struct item));
	for (i = 0; i < NT * NP; i++) {
		uint32_t tu = (uint32_t)(i / NP);
		int32_t pe = periods[i % NP];
		if (groups_get(&G, tu, pe, &p, &e) < 0) {
			CHECK(0);
			break;
		}
		it = p;
		if (it->key.tuple != tu || it->key.period != pe)
			wrong++;
		if (it->count != 0 || it->sum != 0)
			notzero++;
		it->count = i + 1;
		it->sum = (double)i / 4;
	}
	CHECK_INT(wrong, 0);
	CHECK_INT(notzero, 0);
	CHECK_INT(G.n, NT * NP);
	/* Every key again, backwards: the item written for it. */
	for (i = NT * NP - 1; i >= 0; i--) {
		if (groups_get(&G, (uint32_t)(i / NP), periods[i % NP], &p,
		    &e) < 0)
			break;
		it = p;
		if (it->count != i + 1 || it->sum != (double)i / 4)
			lost++;
	}
	CHECK_INT(lost, 0);
	CHECK_INT(G.n, NT * NP); /* nothing added by finding */
	/* groups_at: each key exactly once among the n items. */
	seen = calloc((size_t)NT * NP, 1);
	if (seen != NULL) {
		for (i = 0; i < (long)G.n; i++) {
			struct item *x = groups_at(&G, i);
			long k = x->count - 1;
			if (k < 0 || k >= NT * NP || seen[k]++ ||
			    x->key.tuple != (uint32_t)(k / NP) ||
			    x->key.period != periods[k % NP])
				dup++;
		}
		free(seen);
	}
	CHECK_INT(dup, 0);
	groups_free(&G);
}

/* Two-column tuples, sorted. */
struct tcase {
	const char *a;
	size_t al;
	const char *b;
	size_t bl;
};

static void
sort_order(void)
{
	/*
	 * The expected output order, by the rule: column a bytewise (a
	 * prefix first, the empty value first of all, NUL below every other
	 * byte, bytes above 0x7f above ASCII), then column b, then period.
	 */
	static const struct tcase want[] = {
		{"", 0, "", 0},               /* empty before everything */
		{"", 0, "x", 1},
		{"a", 1, "", 0},              /* "a" is a prefix of all below */
		{"a", 1, "\0", 1},            /* "" < "\0" (prefix) */
		{"a", 1, "\0\0", 2},
		{"a", 1, "\x01", 1},          /* NUL < 0x01 */
		{"a", 1, "zz", 2},
		{"a\0b", 3, "", 0},           /* "a\0..." < "a\x01" < "aa" */
		{"a\x01", 2, "", 0},
		{"aa", 2, "b", 1},
		{"aa", 2, "ba", 2},
		{"ab", 2, "a", 1},
		{"b", 1, "a", 1},             /* "aa" < "b": bytes before
		                                 length (a packed, length-first
		                                 compare would put "b" first) */
		{"b", 1, "aaaa", 4},          /* likewise in column b */
		{"b", 1, "ab", 2},
		{"z", 1, "", 0},
		{"\xe4\xb8\x9c", 3, "", 0},   /* 东: 0xe4 > 'z', unsigned */
		{"\xff", 1, "", 0},
	};
	enum { NW = sizeof want / sizeof want[0] };
	/* Each tuple in these periods, given to groups_get scrambled. */
	static const int32_t per[] = {INT32_MIN, -1, 0, 202401, 2024};
	enum { NPER = sizeof per / sizeof per[0] };
	static const int32_t per_sorted[NPER] = {INT32_MIN, -1, 0, 2024,
	    202401};
	static const size_t cols[2] = {2, 0}; /* a is field 2, b field 0 */
	struct intern tuples;
	struct groups G;
	struct buf b = {NULL, 0, 0};
	struct err e;
	struct rec4 R;
	uint32_t ids[NW];
	size_t i, k, order_bad = 0, payload_bad = 0;
	void *p;
	int added;

	memset(&tuples, 0, sizeof tuples);
	memset(&e, 0, sizeof e);
	groups_init(&G, sizeof(struct item));
	/* Intern the tuples in a scrambled order (ids unrelated to the
	 * output order: 7 is prime to 18). */
	for (i = 0; i < NW; i++) {
		size_t w = (i * 7 + 3) % NW;
		const char *vals[3] = {want[w].b, "ignored", want[w].a};
		size_t lens[3] = {want[w].bl, 7, want[w].al};
		b.len = 0;
		CHECK_INT(tuple_pack(&b, rec_of(&R, 3, vals, lens), cols, 2,
		    &e), 0);
		CHECK_INT(intern_get(&tuples, b.data, b.len, &ids[w], &added,
		    &e), 0);
		CHECK_INT(added, 1); /* all different tuples */
	}
	/* Groups, periods and tuples scrambled: period by period in the
	 * order per[0], per[3], per[1], per[4], per[2], the tuples in another
	 * order each time (5 is prime to 18). */
	for (k = 0; k < NPER; k++)
		for (i = 0; i < NW; i++) {
			size_t w = (i * 5 + k) % NW;
			int32_t pe = per[(k * 3) % NPER];
			struct item *it;
			CHECK_INT(groups_get(&G, ids[w], pe, &p, &e), 0);
			it = p;
			/* The payload names the key, to follow the item. */
			it->count = (long)(w * 1000) + (long)(pe == INT32_MIN ?
			    999 : pe % 997);
		}
	CHECK_INT(G.n, NW * NPER);
	CHECK_INT(groups_sort(&G, &tuples, &e), 0);
	CHECK_INT(G.n, NW * NPER);
	for (i = 0; i < NW; i++)
		for (k = 0; k < NPER; k++) {
			struct item *it = groups_at(&G, i * NPER + k);
			int32_t pe = per_sorted[k];
			if (it->key.tuple != ids[i] || it->key.period != pe) {
				if (order_bad++ < 3)
					printf("# place %zu: tuple %u period "
					    "%d, want tuple %u period %d\n",
					    i * NPER + k, it->key.tuple,
					    it->key.period, ids[i], pe);
			}
			if (it->count != (long)(i * 1000) + (long)(pe ==
			    INT32_MIN ? 999 : pe % 997))
				payload_bad++;
		}
	CHECK_INT(order_bad, 0);
	CHECK_INT(payload_bad, 0);

	/* After the sort: groups_get finds the moved items (no new one),
	 * and can add. */
	for (i = 0; i < NW; i++) {
		struct item *it;
		CHECK_INT(groups_get(&G, ids[i], 2024, &p, &e), 0);
		it = p;
		CHECK_INT(it->count, (long)(i * 1000) + 2024 % 997);
	}
	CHECK_INT(G.n, NW * NPER);
	CHECK_INT(groups_get(&G, ids[0], 7, &p, &e), 0);
	CHECK_INT(((struct item *)p)->count, 0);
	CHECK_INT(G.n, NW * NPER + 1);
	CHECK(groups_at(&G, NW * NPER) == p); /* added at the end */
	/* Sort again: the new group (first tuple, period 7) goes between
	 * periods 0 and 2024 of the first tuple. */
	CHECK_INT(groups_sort(&G, &tuples, &e), 0);
	{
		struct item *x = groups_at(&G, 3);
		CHECK_INT(x->key.tuple, ids[0]);
		CHECK_INT(x->key.period, 7);
		x = groups_at(&G, 4);
		CHECK_INT(x->key.period, 2024);
	}
	CHECK_INT(groups_get(&G, ids[NW - 1], 202401, &p, &e), 0);
	CHECK(p == groups_at(&G, NW * NPER)); /* the last of all */
	CHECK_INT(G.n, NW * NPER + 1);

	/* One item, or none: sorting leaves them, and finds work. */
	groups_free(&G);
	groups_init(&G, sizeof(struct item));
	CHECK_INT(groups_sort(&G, &tuples, &e), 0);
	CHECK_INT(groups_get(&G, ids[1], 1, &p, &e), 0);
	((struct item *)p)->count = 5;
	CHECK_INT(groups_sort(&G, &tuples, &e), 0);
	CHECK_INT(groups_get(&G, ids[1], 1, &p, &e), 0);
	CHECK_INT(((struct item *)p)->count, 5);
	CHECK_INT(G.n, 1);

	groups_free(&G);
	intern_free(&tuples);
	free(b.data);
}

/* tuple_pack appends; tuple_next walks the values back out. */
static void
pack_round_trip(void)
{
	static const char *const vals[4] = {"east", "", "a\0b\0",
	    "\xe4\xb8\x9c"};
	static const size_t lens[4] = {4, 0, 4, 3};
	static const size_t cols[5] = {3, 0, 1, 2, 0};
	struct buf b = {NULL, 0, 0};
	struct err e;
	struct rec4 R;
	const char *p, *v;
	size_t len, i, first;

	memset(&e, 0, sizeof e);
	rec_of(&R, 4, vals, lens);
	CHECK_INT(tuple_pack(&b, &R.r, cols, 5, &e), 0);
	/* Five values: 4 length bytes each, and 3 + 4 + 0 + 4 + 4 bytes. */
	CHECK_INT(b.len, 5 * 4 + 3 + 4 + 0 + 4 + 4);
	first = b.len;
	/* It appends: a second tuple after the first. */
	CHECK_INT(tuple_pack(&b, &R.r, cols + 2, 1, &e), 0);
	CHECK_INT(b.len, first + 4 + 0);
	/* No columns: nothing. */
	CHECK_INT(tuple_pack(&b, &R.r, cols, 0, &e), 0);
	CHECK_INT(b.len, first + 4);
	p = b.data;
	for (i = 0; i < 5; i++) {
		tuple_next(&p, &v, &len);
		CHECK_INT(len, lens[cols[i]]);
		CHECK(len == lens[cols[i]] &&
		    memcmp(v, vals[cols[i]], len) == 0);
	}
	CHECK(p == b.data + first); /* past the first tuple exactly */
	tuple_next(&p, &v, &len);
	CHECK_INT(len, 0);
	CHECK(p == b.data + b.len);
	/* The length is host order: the 4 bytes of the first are 3. */
	{
		uint32_t l;
		memcpy(&l, b.data, 4);
		CHECK_INT(l, 3);
	}
	free(b.data);
}

void
suite_group(void)
{
	int before = t_pass + t_fail;

	get_and_grow();
	sort_order();
	pack_round_trip();
	printf("# core/group: %d checks\n", t_pass + t_fail - before);
}
