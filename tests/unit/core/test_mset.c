/*
 * core/mset: the packed multiset of whole numbers (mset.h).  A zeroed
 * multiset is empty (total 0, mset_pack() succeeds, the reader yields
 * nothing); one value, negative values, 0 and the bounds +/-MSET_MAX
 * (the widest gap, 2^61) come back exactly; repeats come back once with
 * their count (counts of 2 and more, one value 100,000 times); the
 * internal sort, which works on batches of MSET_PENDING values, puts
 * batches of every size around MSET_PENDING and of every order (sorted,
 * reversed, all equal, organ pipe, sawtooth) right; 200,000 random
 * values in several ranges (small with many duplicates, far apart, next
 * to the bounds), and sets of many sizes, come back as a sorted copy
 * would give them; adding after mset_pack() and packing again keeps
 * everything; mset_bytes() is far below a hash's 16 bytes a distinct
 * value on dense data, and one entry for a value however often it
 * repeats; mset_free() zeroes, and the zeroed multiset is used again.
 *
 * Every expected value comes from the plain list of values the test
 * added: copied, sorted with qsort(3) and counted run by run here (the
 * distinct values ascending, each with its count, their number and the
 * sum of the counts), never from mset itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mset.h"
#include "../t.h"

void suite_mset(void);

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Add n values; the number of mset_add() calls that did not return 0. */
static long
add_all(struct mset *m, const int64_t *v, size_t n)
{
	long bad = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (mset_add(m, v[i]) != 0)
			bad++;
	return bad;
}

/*
 * Check the packed m against the n values at v (in any order): read in
 * full, m gives the distinct values of a sorted copy of v ascending,
 * each with the length of its run in that copy; mset_distinct() is the
 * number of runs, m->total is n.  what names the case in a failure.
 */
static void
same_as(const struct mset *m, const int64_t *v, size_t n, const char *what)
{
	int64_t *s = malloc((n ? n : 1) * sizeof *s), got;
	uint64_t count, sum = 0;
	size_t i, j, runs = 0, entries = 0;
	long wrong = 0;
	struct mset_iter it;

	if (s == NULL) {
		CHECK(s != NULL);
		return;
	}
	memcpy(s, v, n * sizeof *s);
	qsort(s, n, sizeof *s, cmp_i64);
	mset_iter_init(&it, m);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && s[j] == s[i]; j++)
			;
		runs++;
		if (!mset_iter_next(&it, &got, &count)) {
			if (wrong++ == 0)
				printf("# %s: entry %zu: expected (%lld, %zu), "
				    "got the end\n", what, runs - 1,
				    (long long)s[i], j - i);
			break;
		}
		entries++;
		sum += count;
		if (got != s[i] || count != j - i) {
			if (wrong++ == 0)
				printf("# %s: entry %zu: expected (%lld, %zu), "
				    "got (%lld, %llu)\n", what, runs - 1,
				    (long long)s[i], j - i, (long long)got,
				    (unsigned long long)count);
		}
	}
	/* Nothing after the last run, and the end stays the end. */
	if (i >= n) {
		if (mset_iter_next(&it, &got, &count)) {
			if (wrong++ == 0)
				printf("# %s: an entry past the end: "
				    "(%lld, %llu)\n", what, (long long)got,
				    (unsigned long long)count);
		} else if (mset_iter_next(&it, &got, &count))
			wrong++;
	}
	CHECK_INT(wrong, 0);
	CHECK_INT(mset_distinct(m), runs);
	CHECK_INT(entries, runs);
	CHECK_INT(m->total, n);
	CHECK_INT(sum, n);
	free(s);
}

/* Add the n values, pack, compare; free m. */
static void
round_trip(const int64_t *v, size_t n, const char *what)
{
	struct mset m;

	memset(&m, 0, sizeof m);
	CHECK_INT(add_all(&m, v, n), 0);
	CHECK_INT(mset_pack(&m), 0);
	same_as(&m, v, n, what);
	mset_free(&m);
}

/* A zeroed multiset is empty: it packs, reads as nothing, holds 0 bytes. */
static void
empty(void)
{
	struct mset m, zero;
	struct mset_iter it;
	int64_t v = 77;
	uint64_t c = 77;

	memset(&m, 0, sizeof m);
	memset(&zero, 0, sizeof zero);
	CHECK_INT(m.total, 0);
	CHECK_INT(mset_bytes(&m), 0);
	CHECK_INT(mset_pack(&m), 0);
	CHECK_INT(mset_distinct(&m), 0);
	CHECK_INT(m.total, 0);
	mset_iter_init(&it, &m);
	CHECK_INT(mset_iter_next(&it, &v, &c), 0);
	CHECK_INT(mset_iter_next(&it, &v, &c), 0);
	/* Packing an empty multiset again changes nothing. */
	CHECK_INT(mset_pack(&m), 0);
	CHECK_INT(mset_distinct(&m), 0);
	mset_iter_init(&it, &m);
	CHECK_INT(mset_iter_next(&it, &v, &c), 0);
	CHECK_INT(mset_bytes(&m), 0);
	mset_free(&m);
	CHECK(memcmp(&m, &zero, sizeof m) == 0);
	/* The reader of the zeroed, never packed multiset too. */
	mset_iter_init(&it, &m);
	CHECK_INT(mset_iter_next(&it, &v, &c), 0);
}

/* One value, once: read back with count 1, then the end. */
static void
single(void)
{
	static const int64_t vals[] = {0, 1, -1, 42, -42, 63, 64, -64, -65,
	    1000000007, -1000000007, MSET_MAX, -MSET_MAX, MSET_MAX - 1,
	    -MSET_MAX + 1};
	char what[64];
	size_t i;
	long wrong = 0;

	for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		struct mset m;
		struct mset_iter it;
		int64_t v = 0;
		uint64_t c = 0;

		memset(&m, 0, sizeof m);
		if (mset_add(&m, vals[i]) != 0 || mset_pack(&m) != 0)
			wrong++;
		mset_iter_init(&it, &m);
		if (mset_iter_next(&it, &v, &c) != 1 || v != vals[i] ||
		    c != 1) {
			if (wrong++ == 0)
				printf("# single %lld: got (%lld, %llu)\n",
				    (long long)vals[i], (long long)v,
				    (unsigned long long)c);
		}
		if (mset_iter_next(&it, &v, &c) != 0)
			wrong++;
		if (mset_distinct(&m) != 1 || m.total != 1)
			wrong++;
		mset_free(&m);
	}
	CHECK_INT(wrong, 0);
	/* The same through same_as, for the record of the extremes. */
	for (i = 11; i < 13; i++) {
		snprintf(what, sizeof what, "single %lld", (long long)vals[i]);
		round_trip(&vals[i], 1, what);
	}
}

/* Negative values, zero and the bounds, alone and together. */
static void
bounds(void)
{
	static const int64_t both[] = {MSET_MAX, -MSET_MAX};
	static const int64_t mixed[] = {-5, 3, -1, 0, -MSET_MAX, 7, MSET_MAX,
	    -5, -1, -MSET_MAX, MSET_MAX, 0, -2, 2, MSET_MAX - 1,
	    -MSET_MAX + 1, MSET_MAX};
	int64_t *v;
	size_t i, n = 3 * MSET_PENDING + 7;
	struct mset m;
	struct mset_iter it;
	int64_t x = 0;
	uint64_t c = 0;

	/* The widest gap there is: -2^60 to 2^60. */
	round_trip(both, 2, "bounds: both");
	memset(&m, 0, sizeof m);
	mset_add(&m, MSET_MAX);
	mset_add(&m, -MSET_MAX);
	mset_pack(&m);
	mset_iter_init(&it, &m);
	CHECK_INT(mset_iter_next(&it, &x, &c), 1);
	CHECK(x == -MSET_MAX && c == 1);
	CHECK_INT(mset_iter_next(&it, &x, &c), 1);
	CHECK(x == MSET_MAX && c == 1);
	CHECK_INT(mset_iter_next(&it, &x, &c), 0);
	mset_free(&m);
	round_trip(mixed, sizeof mixed / sizeof mixed[0], "bounds: mixed");
	/* Only negative values, some far apart, across several batches so
	 * that runs holding the bounds are merged. */
	v = malloc(n * sizeof *v);
	if (v == NULL) {
		CHECK(v != NULL);
		return;
	}
	t_seed(11);
	for (i = 0; i < n; i++)
		v[i] = -(int64_t)t_rand_int(1, 300);
	v[0] = -MSET_MAX;
	v[MSET_PENDING + 3] = -MSET_MAX;
	v[n - 1] = -MSET_MAX + 1;
	round_trip(v, n, "bounds: negative");
	/* The bounds in different batches, both repeated. */
	for (i = 0; i < n; i++)
		v[i] = (int64_t)t_rand_int(-1000, 1000);
	v[5] = MSET_MAX;
	v[MSET_PENDING + 5] = -MSET_MAX;
	v[2 * MSET_PENDING + 5] = MSET_MAX;
	v[n - 1] = -MSET_MAX;
	round_trip(v, n, "bounds: in different batches");
	free(v);
}

/* Repeats: one entry a value, with its count. */
static void
repeats(void)
{
	static const int64_t few[] = {5, 5, -3, 5, -3, 9, 5};
	enum { MANY = 100000 };
	struct mset m;
	struct mset_iter it;
	int64_t x = 0, *v;
	uint64_t c = 0;
	size_t i;

	/* 5 four times, -3 twice, 9 once. */
	memset(&m, 0, sizeof m);
	CHECK_INT(add_all(&m, few, sizeof few / sizeof few[0]), 0);
	CHECK_INT(mset_pack(&m), 0);
	CHECK_INT(mset_distinct(&m), 3);
	CHECK_INT(m.total, 7);
	mset_iter_init(&it, &m);
	CHECK_INT(mset_iter_next(&it, &x, &c), 1);
	CHECK_INT(x, -3);
	CHECK_INT(c, 2);
	CHECK_INT(mset_iter_next(&it, &x, &c), 1);
	CHECK_INT(x, 5);
	CHECK_INT(c, 4);
	CHECK_INT(mset_iter_next(&it, &x, &c), 1);
	CHECK_INT(x, 9);
	CHECK_INT(c, 1);
	CHECK_INT(mset_iter_next(&it, &x, &c), 0);
	mset_free(&m);

	/* Counts held in the entry (1 to 3) and those whose count-4 needs
	 * one, two and three varint bytes: 4, 131, 132, 16387, 16388
	 * times, each value in its own span of batches, and the bound
	 * repeated too. */
	v = malloc(MANY * sizeof *v);
	if (v == NULL) {
		CHECK(v != NULL);
		return;
	}
	{
		static const struct { int64_t v; size_t n; } spec[] = {
			{-7, 2}, {8, 3}, {9, 4}, {100, 131}, {-100, 132},
			{MSET_MAX, 16387}, {0, 16388}, {-MSET_MAX, 2},
			{1, 1}, {2, 3}};
		size_t k, n = 0;

		for (k = 0; k < sizeof spec / sizeof spec[0]; k++)
			for (i = 0; i < spec[k].n; i++)
				v[n++] = spec[k].v;
		round_trip(v, n, "repeats: grouped");
		/* The same values shuffled (Fisher-Yates). */
		t_seed(12);
		for (i = n - 1; i > 0; i--) {
			size_t r = (size_t)t_rand_int(0, (long)i);
			int64_t tmp = v[i];
			v[i] = v[r];
			v[r] = tmp;
		}
		round_trip(v, n, "repeats: shuffled");
	}

	/* A value seen two or three times takes no more room than once:
	 * 1000 values 2 apart, once each, then each twice, then three
	 * times, packed into runs of the same length. */
	{
		size_t len[3], k, r, failed = 0;

		for (k = 0; k < 3; k++) {
			memset(&m, 0, sizeof m);
			for (r = 0; r <= k; r++)
				for (i = 0; i < 1000; i++)
					failed += mset_add(&m,
					    (int64_t)(2 * i)) != 0;
			CHECK_INT(failed, 0);
			CHECK_INT(mset_pack(&m), 0);
			CHECK_INT(m.nrun, 1);
			len[k] = m.nrun == 1 ? m.run[0].len : 0;
			mset_free(&m);
		}
		CHECK_INT(len[1], len[0]);
		CHECK_INT(len[2], len[0]);
	}

	/* One value 100,000 times: one entry, count 100,000. */
	memset(&m, 0, sizeof m);
	for (i = 0; i < MANY; i++)
		v[i] = -123456789;
	CHECK_INT(add_all(&m, v, MANY), 0);
	CHECK_INT(m.total, MANY);
	CHECK_INT(mset_pack(&m), 0);
	CHECK_INT(mset_distinct(&m), 1);
	mset_iter_init(&it, &m);
	CHECK_INT(mset_iter_next(&it, &x, &c), 1);
	CHECK_INT(x, -123456789);
	CHECK_INT(c, MANY);
	CHECK_INT(mset_iter_next(&it, &x, &c), 0);
	/* One entry (at most 20 bytes: two 10-byte varints) and the runs'
	 * bookkeeping: far below the 800,000 bytes of the plain list.  4,096
	 * allows 170 run records of 24 bytes. */
	CHECK(mset_bytes(&m) < 4096);
	mset_free(&m);
	free(v);
}

/* Orders of a batch for the sort. */
enum order { RANDOM, SMALLRANGE, SORTED, REVERSED, EQUAL, PIPE, SAW,
	ALTERNATE, NORDER };
static const char *const order_name[NORDER] = {"random", "small range",
	"sorted", "reversed", "all equal", "organ pipe", "sawtooth",
	"alternate"};

static void
fill(int64_t *v, size_t n, enum order o)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (o) {
		case RANDOM:
			v[i] = (int64_t)t_rand_int(-1000000000L, 1000000000L);
			break;
		case SMALLRANGE:
			v[i] = (int64_t)t_rand_int(-3, 3);
			break;
		case SORTED:
			v[i] = (int64_t)i * 3 - 100;
			break;
		case REVERSED:
			v[i] = 100 - (int64_t)i * 3;
			break;
		case EQUAL:
			v[i] = -17;
			break;
		case PIPE:
			v[i] = (int64_t)(i < n / 2 ? i : n - i);
			break;
		case SAW:
			v[i] = (int64_t)(i % 10);
			break;
		default:
			v[i] = i % 2 ? -(int64_t)i : (int64_t)i;
			break;
		}
}

/* Sizes around a batch (MSET_PENDING), and around the quicksort's cut
 * to insertion sort (16), in every order. */
static void
sort_batches(void)
{
	static const size_t sizes[] = {2, 3, 15, 16, 17, 18, 33,
	    MSET_PENDING - 1, MSET_PENDING, MSET_PENDING + 1,
	    2 * MSET_PENDING - 1, 2 * MSET_PENDING, 2 * MSET_PENDING + 1,
	    4 * MSET_PENDING, 4 * MSET_PENDING + 1, 1000};
	int64_t v[1000];
	char what[80];
	size_t i;
	int o;

	t_seed(13);
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		for (o = 0; o < NORDER; o++) {
			fill(v, sizes[i], (enum order)o);
			snprintf(what, sizeof what, "sort: %zu %s", sizes[i],
			    order_name[o]);
			round_trip(v, sizes[i], what);
		}
}

/* 200,000 random values in several ranges against a sorted copy. */
static void
random_values(void)
{
	enum { N = 200000 };
	int64_t *v = malloc(N * sizeof *v);
	size_t i;

	if (v == NULL) {
		CHECK(v != NULL);
		return;
	}
	t_seed(14);
	for (i = 0; i < N; i++) {
		long r = t_rand_int(0, 99);
		if (r < 35) /* many duplicates */
			v[i] = t_rand_int(0, 1000);
		else if (r < 50) /* around zero, either sign */
			v[i] = t_rand_int(-50, 50);
		else if (r < 65) /* far apart */
			v[i] = t_rand_int(-1000000000000L, 1000000000000L);
		else if (r < 72) /* next to the bounds */
			v[i] = t_rand_int(MSET_MAX - 1000, MSET_MAX);
		else if (r < 79)
			v[i] = t_rand_int(-MSET_MAX, -MSET_MAX + 1000);
		else if (r < 86) /* anywhere */
			v[i] = t_rand_int(-MSET_MAX, MSET_MAX);
		else if (i > 0) /* a value seen before */
			v[i] = v[t_rand_int(0, (long)i - 1)];
		else
			v[i] = 0;
	}
	round_trip(v, N, "random: 200000");
	free(v);
}

/* Sets of many sizes: the merges of eight runs of a level into one of
 * the next happen at 8, 64, 512 batches (and sizes around four's, the
 * width it had before); mset_pack() merges what is left. */
static void
many_sizes(void)
{
	static const size_t sizes[] = {1, 5, 3 * MSET_PENDING,
	    3 * MSET_PENDING + 1, 4 * MSET_PENDING - 1, 5 * MSET_PENDING + 9,
	    7 * MSET_PENDING, 8 * MSET_PENDING - 1, 8 * MSET_PENDING,
	    8 * MSET_PENDING + 1, 9 * MSET_PENDING + 3,
	    15 * MSET_PENDING, 16 * MSET_PENDING, 16 * MSET_PENDING + 1,
	    17 * MSET_PENDING - 1, 21 * MSET_PENDING + 50,
	    63 * MSET_PENDING, 64 * MSET_PENDING, 64 * MSET_PENDING + 1,
	    85 * MSET_PENDING + 3, 257 * MSET_PENDING + 100,
	    511 * MSET_PENDING + 127, 512 * MSET_PENDING,
	    520 * MSET_PENDING + 7};
	int64_t *v = malloc(520 * MSET_PENDING * sizeof *v + 7 * sizeof *v);
	char what[64];
	size_t i, k;

	if (v == NULL) {
		CHECK(v != NULL);
		return;
	}
	t_seed(15);
	for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		/* Half in a narrow range (repeats across runs), half wide. */
		for (i = 0; i < sizes[k]; i++)
			v[i] = i % 2 ? t_rand_int(-200, 200) :
			    t_rand_int(-1000000, 1000000);
		snprintf(what, sizeof what, "sizes: %zu", sizes[k]);
		round_trip(v, sizes[k], what);
	}
	free(v);
}

/* Adding after mset_pack(), then packing again; packing twice. */
static void
pack_again(void)
{
	enum { N = 5000 };
	int64_t v[3 * N];
	struct mset m;
	size_t i;

	t_seed(16);
	for (i = 0; i < 3 * N; i++)
		v[i] = t_rand_int(-3000, 3000);
	memset(&m, 0, sizeof m);
	CHECK_INT(add_all(&m, v, N), 0);
	CHECK_INT(mset_pack(&m), 0);
	same_as(&m, v, N, "pack again: first");
	/* A second pack with nothing new keeps the same content. */
	CHECK_INT(mset_pack(&m), 0);
	same_as(&m, v, N, "pack again: twice");
	/* More values, some seen before and some new. */
	CHECK_INT(add_all(&m, v + N, N), 0);
	CHECK_INT(mset_pack(&m), 0);
	same_as(&m, v, 2 * N, "pack again: second");
	/* A few more: fewer than a batch. */
	CHECK_INT(add_all(&m, v + 2 * N, 3), 0);
	CHECK_INT(mset_pack(&m), 0);
	same_as(&m, v, 2 * N + 3, "pack again: third");
	/* And the rest, a value at a time with a pack after each 1,000. */
	for (i = 2 * N + 3; i < 3 * N; i++) {
		mset_add(&m, v[i]);
		if (i % 1000 == 0)
			mset_pack(&m);
	}
	CHECK_INT(mset_pack(&m), 0);
	same_as(&m, v, 3 * N, "pack again: fourth");
	mset_free(&m);

	/* A single value after a pack of one value. */
	memset(&m, 0, sizeof m);
	mset_add(&m, -9);
	mset_pack(&m);
	mset_add(&m, -9);
	mset_add(&m, MSET_MAX);
	mset_pack(&m);
	{
		static const int64_t want[] = {-9, -9, MSET_MAX};
		same_as(&m, want, 3, "pack again: small");
	}
	mset_free(&m);
}

/* Bytes: one to three a distinct value on dense data, none wasted on
 * repeats; the buffer counts before mset_pack(). */
static void
bytes(void)
{
	enum { RANGE = 300000 };
	int64_t *v = malloc(2 * RANGE * sizeof *v);
	struct mset m;
	size_t i, n = 0, distinct = 0, b;

	if (v == NULL) {
		CHECK(v != NULL);
		return;
	}
	/* A third of [0, 300000), some of them twice. */
	t_seed(17);
	for (i = 0; i < RANGE; i++)
		if (t_rand() % 3 == 0) {
			v[n++] = (int64_t)i + 1000000;
			distinct++;
			if (t_rand() % 4 == 0)
				v[n++] = (int64_t)i + 1000000;
		}
	/* Shuffled. */
	for (i = n - 1; i > 0; i--) {
		size_t r = (size_t)t_rand_int(0, (long)i);
		int64_t tmp = v[i];
		v[i] = v[r];
		v[r] = tmp;
	}
	memset(&m, 0, sizeof m);
	CHECK_INT(mset_bytes(&m), 0);
	mset_add(&m, v[0]);
	/* A pending value is held in the buffer. */
	CHECK(mset_bytes(&m) >= sizeof(int64_t));
	CHECK_INT(add_all(&m, v + 1, n - 1), 0);
	CHECK_INT(mset_pack(&m), 0);
	CHECK(distinct > 95000 && distinct < 105000);
	CHECK_INT(mset_distinct(&m), distinct);
	b = mset_bytes(&m);
	/* Gaps of about 3 take one byte: well under 3 bytes a value. */
	if (b >= 3 * distinct)
		printf("# bytes: %zu for %zu distinct\n", b, distinct);
	CHECK(b < 3 * distinct);
	same_as(&m, v, n, "bytes: dense");
	mset_free(&m);
	free(v);
}

/* mset_free() zeroes; the zeroed multiset starts again. */
/*
 * The same 20,000 values (random, wide, so hardly any repeat within a
 * pass) added again and again, 16 times: the runs never hold more than
 * twice the bytes of the whole set packed at the end, after every pass,
 * where merging by levels alone held each pass apart (about 16 times).
 * The bytes of a pass packed whole are measured on a copy.
 */
static void
repeated_passes(void)
{
	enum { N = 20000, PASSES = 16 };
	int64_t *v = malloc(N * sizeof *v);
	struct mset m, once;
	size_t i, worst = 0, packed;
	int p, failed = 0;

	if (v == NULL) {
		CHECK(v != NULL);
		return;
	}
	t_seed(77);
	for (i = 0; i < N; i++)
		v[i] = t_rand_int(-100000000, 100000000);
	memset(&once, 0, sizeof once);
	CHECK_INT(add_all(&once, v, N), 0);
	CHECK_INT(mset_pack(&once), 0);
	memset(&m, 0, sizeof m);
	for (p = 0; p < PASSES; p++) {
		size_t runs = 0;
		uint32_t k;

		for (i = 0; i < N; i++)
			failed += mset_add(&m, v[i]) != 0;
		for (k = 0; k < m.nrun; k++)
			runs += m.run[k].len;
		if (runs > worst)
			worst = runs;
	}
	CHECK_INT(failed, 0);
	CHECK_INT(mset_pack(&m), 0);
	packed = m.nrun == 1 ? m.run[0].len : 0;
	t_report(worst <= 2 * packed, __FILE__, __LINE__,
	    "runs at most %zu bytes, twice the %zu packed", worst, packed);
	/* 16 of each value: the count takes one byte more an entry. */
	t_report(packed <= once.run[0].len + mset_distinct(&once),
	    __FILE__, __LINE__, "packed %zu, once %zu + %llu", packed,
	    once.run[0].len, (unsigned long long)mset_distinct(&once));
	CHECK_INT(m.total, (uint64_t)N * PASSES);
	mset_free(&m);
	mset_free(&once);
	free(v);
}

static void
free_zeroes(void)
{
	static const int64_t a[] = {3, 1, 3, -8};
	static const int64_t b[] = {10, 10};
	struct mset m, zero;
	int64_t *v;
	size_t i, n = 2 * MSET_PENDING + 3;

	memset(&m, 0, sizeof m);
	memset(&zero, 0, sizeof zero);
	/* Freed while values wait in the buffer and in runs, unpacked. */
	for (i = 0; i < n; i++)
		mset_add(&m, (int64_t)(i % 50));
	CHECK(m.nrun > 0);
	mset_free(&m);
	CHECK(m.pend == NULL);
	CHECK(m.run == NULL);
	CHECK_INT(m.total, 0);
	CHECK_INT(mset_bytes(&m), 0);
	CHECK(memcmp(&m, &zero, sizeof m) == 0);
	/* Again, and on a zeroed one. */
	mset_free(&m);
	CHECK(memcmp(&m, &zero, sizeof m) == 0);
	/* Reused: only the new values. */
	CHECK_INT(add_all(&m, a, 4), 0);
	CHECK_INT(mset_pack(&m), 0);
	same_as(&m, a, 4, "free: reuse");
	mset_free(&m);
	CHECK(memcmp(&m, &zero, sizeof m) == 0);
	/* After a pack, freed and reused. */
	CHECK_INT(add_all(&m, b, 2), 0);
	CHECK_INT(mset_pack(&m), 0);
	same_as(&m, b, 2, "free: reuse after pack");
	mset_free(&m);
	/* Larger, after the first free. */
	v = malloc(n * sizeof *v);
	if (v == NULL) {
		CHECK(v != NULL);
		return;
	}
	for (i = 0; i < n; i++)
		v[i] = (int64_t)(n - i) * 7;
	CHECK_INT(add_all(&m, v, n), 0);
	CHECK_INT(mset_pack(&m), 0);
	same_as(&m, v, n, "free: reuse large");
	mset_free(&m);
	CHECK(memcmp(&m, &zero, sizeof m) == 0);
	free(v);
}

/* Two readers of one multiset at once read the same, each on its own. */
static void
two_readers(void)
{
	enum { D = 101 };
	struct mset m;
	struct mset_iter a, b;
	int64_t va[D + 1], vb[D + 1];
	uint64_t ca[D + 1], cb[D + 1], sum = 0;
	long k, na = 0, nb = 0, wrong = 0;

	memset(&m, 0, sizeof m);
	/* 37 is prime to 101: every value in [-50, 50], 9 or 10 times. */
	for (k = 0; k < 1000; k++)
		mset_add(&m, (k * 37) % 101 - 50);
	mset_pack(&m);
	mset_iter_init(&a, &m);
	mset_iter_init(&b, &m);
	/* a reads half, b all, then a the rest. */
	while (na < D / 2 && mset_iter_next(&a, &va[na], &ca[na]))
		na++;
	while (nb <= D && mset_iter_next(&b, &vb[nb], &cb[nb]))
		nb++;
	while (na <= D && mset_iter_next(&a, &va[na], &ca[na]))
		na++;
	CHECK_INT(na, D);
	CHECK_INT(nb, D);
	for (k = 0; k < D && k < na && k < nb; k++) {
		if (va[k] != vb[k] || ca[k] != cb[k] || va[k] != k - 50 ||
		    ca[k] < 9 || ca[k] > 10)
			wrong++;
		sum += ca[k];
	}
	CHECK_INT(wrong, 0);
	CHECK_INT(sum, 1000);
	mset_free(&m);
}

void
suite_mset(void)
{
	int before = t_pass + t_fail;

	empty();
	single();
	bounds();
	repeats();
	sort_batches();
	random_values();
	many_sizes();
	pack_again();
	bytes();
	repeated_passes();
	free_zeroes();
	two_readers();
	printf("# core/mset: %d checks\n", t_pass + t_fail - before);
}
