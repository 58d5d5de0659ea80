/*
 * core/idtab: ids for byte strings (idtab.h).  Ids in order of first
 * sight (0, 1, 2 ...); the same bytes give the same id and added 0;
 * idtab_hash() depends on the len bytes only; strings of length 0, 1,
 * 11 (IDTAB_INLINE, the longest held in the slot), 12 (the first long
 * one), 255 and 1,000, all prefixes of one another, are different
 * strings; strings that differ only in length (trailing NUL bytes: the
 * inline key is zero-padded, so "ab" and "ab\0" must still differ) or
 * only in their last byte (at each edge of the inline key: bytes 7, 8,
 * 10, 11) are different strings; two long strings whose hashes agree in
 * the bits a slot keeps and in the first slot looked at are still told
 * apart by their bytes, and a long string and its long prefix whose
 * kept bits agree by their lengths; 300,000 random strings of mixed lengths, many
 * repeated, get the ids a plain sorted list gives, and keep them after
 * the table has grown; idtab_prefetch() is harmless on an empty table;
 * idtab_bytes() is 0 for a zeroed table, grows, and covers the 16-byte
 * slots and the long strings' bytes; idtab_free() zeroes the table,
 * which can then start again.
 *
 * Every expected id is the contract applied to inputs built here: for
 * hand-made strings the ids are counted as the strings are first given;
 * for the random ones, the strings are sorted (qsort(3), memcmp then
 * length) with their positions, each group of equal strings named by
 * its first position, and the groups numbered in the order of those
 * first positions -- without the table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/idtab.h"
#include "../t.h"

void suite_idtab(void);

/* The id of len bytes at s, or UINT32_MAX when idtab_get fails. */
static uint32_t
get(struct idtab *t, const char *s, size_t len, int *added)
{
	struct err e;
	uint32_t id = UINT32_MAX;

	memset(&e, 0, sizeof e);
	*added = -1;
	if (idtab_get(t, s, len, idtab_hash(s, len), &id, added, &e) < 0) {
		printf("# idtab_get failed: %s\n", e.msg);
		return UINT32_MAX;
	}
	return id;
}

/* Ids in order of first sight; the same bytes, the same id. */
static void
first_sight(void)
{
	struct idtab t;
	int added = -1;
	char copy[8];

	memset(&t, 0, sizeof t);
	CHECK_INT(get(&t, "east", 4, &added), 0);
	CHECK_INT(added, 1);
	CHECK_INT(get(&t, "west", 4, &added), 1);
	CHECK_INT(added, 1);
	CHECK_INT(get(&t, "east", 4, &added), 0);
	CHECK_INT(added, 0);
	/* The same bytes at another address. */
	memcpy(copy, "west", 4);
	CHECK_INT(get(&t, copy, 4, &added), 1);
	CHECK_INT(added, 0);
	/* Only len bytes are read: a prefix is another string. */
	CHECK_INT(get(&t, "eastern", 3, &added), 2);
	CHECK_INT(added, 1);
	CHECK_INT(get(&t, "westward", 4, &added), 1);
	CHECK_INT(added, 0);
	CHECK_INT(get(&t, "participant-000001", 18, &added), 3);
	CHECK_INT(added, 1);
	CHECK_INT(get(&t, "participant-000002", 18, &added), 4);
	CHECK_INT(added, 1);
	CHECK_INT(get(&t, "participant-000001", 18, &added), 3);
	CHECK_INT(added, 0);
	CHECK_INT(get(&t, "eas", 3, &added), 2);
	CHECK_INT(added, 0);
	CHECK_INT(t.n, 5);
	/* The slots: a power of two, more of them than strings. */
	CHECK(t.nslot > t.n && (t.nslot & (t.nslot - 1)) == 0);
	idtab_free(&t);
}

/* idtab_hash() reads the len bytes and nothing else. */
static void
hashes(void)
{
	char a[40], b[40];

	memset(a, 'x', sizeof a);
	memset(b, 'y', sizeof b);
	memcpy(a, "participant-77", 14);
	memcpy(b + 3, "participant-77", 14);
	CHECK(idtab_hash(a, 14) == idtab_hash(b + 3, 14));
	CHECK(idtab_hash(a, 2) == idtab_hash(b + 3, 2));
	CHECK(idtab_hash(a, 0) == idtab_hash(b + 3, 0));
	/* And it is a hash: these differ (fixed inputs, so a fixed fact). */
	CHECK(idtab_hash(a, 14) != idtab_hash(a, 13));
	CHECK(idtab_hash("ab", 2) != idtab_hash("ab\0", 3));
}

/* Lengths 0, 1, 11, 12, 255, 1000: prefixes of one string of random
 * bytes (NULs among them), so only the length tells them apart. */
static void
lengths(void)
{
	static const size_t lens[] = {0, 1, IDTAB_INLINE, IDTAB_INLINE + 1,
	    255, 1000, 2, 10, 13, 254, 256, 999};
	enum { NL = sizeof lens / sizeof lens[0] };
	struct idtab t;
	char s[1000], c[1000];
	size_t i;
	int added;

	memset(&t, 0, sizeof t);
	t_seed(21);
	for (i = 0; i < sizeof s; i++)
		s[i] = (char)t_rand_int(0, 255);
	s[3] = 0;
	s[IDTAB_INLINE] = 0; /* the 12th byte a NUL: 11 and 12 bytes */
	for (i = 0; i < NL; i++) {
		CHECK_INT(get(&t, s, lens[i], &added), i);
		CHECK_INT(added, 1);
	}
	/* Again, in reverse and from a copy: the same ids. */
	memcpy(c, s, sizeof c);
	for (i = NL; i-- > 0;) {
		CHECK_INT(get(&t, c, lens[i], &added), i);
		CHECK_INT(added, 0);
	}
	CHECK_INT(t.n, NL);
	idtab_free(&t);
}

/* Strings that differ only in their length (trailing NULs) or only in
 * their last byte. */
static void
near_misses(void)
{
	static const struct { const char *s; size_t len; } str[] = {
		{"", 0},
		{"\0", 1},
		{"\0\0", 2},
		{"\0\0\0\0\0\0\0\0\0\0\0", 11},
		{"\0\0\0\0\0\0\0\0\0\0\0\0", 12},
		{"ab", 2},
		{"ab\0", 3},
		{"ab\0\0\0\0\0\0\0\0\0", 11},
		{"ab\0\0\0\0\0\0\0\0\0\0", 12},
		{"ab\0\0\0\0\0\0\0\0\0\0\0", 13},
		/* the last byte at each edge of the key: 8 bytes (the end
		 * of k0), 9 (the start of k1), 11 (the last inline), 12
		 * (the first long) */
		{"abcdefgh", 8},
		{"abcdefgi", 8},
		{"abcdefghi", 9},
		{"abcdefghj", 9},
		{"abcdefghijk", 11},
		{"abcdefghijl", 11},
		{"abcdefghijkl", 12},
		{"abcdefghijkm", 12},
		/* the length byte of the inline key, as a last byte */
		{"abcdefghij\x0b", 11},
		{"abcdefghij\x0a", 11},
		{"abcdefghij", 10},
		{"abcdefghij\xff", 11},
		{"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 11},
		{"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 12},
		{"a", 1},
		{"b", 1},
		{"\x0b", 1},
	};
	enum { NS = sizeof str / sizeof str[0] };
	struct idtab t;
	char big[2][1001];
	size_t i;
	int added;
	long wrong = 0;

	memset(&t, 0, sizeof t);
	for (i = 0; i < NS; i++) {
		if (get(&t, str[i].s, str[i].len, &added) != i || added != 1) {
			if (wrong++ == 0)
				printf("# near misses: string %zu not new\n", i);
		}
	}
	CHECK_INT(wrong, 0);
	wrong = 0;
	for (i = NS; i-- > 0;)
		if (get(&t, str[i].s, str[i].len, &added) != i || added != 0)
			wrong++;
	CHECK_INT(wrong, 0);
	CHECK_INT(t.n, NS);
	/* 255 and 1,000 bytes that differ only in the last one. */
	memset(big[0], 'q', sizeof big[0]);
	memset(big[1], 'q', sizeof big[1]);
	big[1][254] = 'r';
	CHECK_INT(get(&t, big[0], 255, &added), NS);
	CHECK_INT(get(&t, big[1], 255, &added), NS + 1);
	CHECK_INT(added, 1);
	big[1][254] = 'q';
	big[1][999] = 'r';
	CHECK_INT(get(&t, big[0], 1000, &added), NS + 2);
	CHECK_INT(get(&t, big[1], 1000, &added), NS + 3);
	CHECK_INT(added, 1);
	/* and in their length only */
	CHECK_INT(get(&t, big[0], 1001, &added), NS + 4);
	CHECK_INT(added, 1);
	CHECK_INT(get(&t, big[1], 255, &added), NS);
	CHECK_INT(added, 0);
	CHECK_INT(get(&t, big[0], 1000, &added), NS + 2);
	CHECK_INT(added, 0);
	idtab_free(&t);
}

/*
 * Long strings whose hashes agree in the low 10 bits (the first slot of
 * a 1,024-slot table, the size a table starts at) and in the top 24
 * (what a slot keeps of a long string's hash, idtab.c): found among
 * 2^19 candidates of 12 to 16 bytes; looked up in a fresh table, the
 * second meets the first on its way and must be told apart by its
 * length or bytes.  Skipped (with a note) if no such pair turns up.
 */
struct cand {
	uint64_t key;
	uint32_t i;
};

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

static size_t
cand_str(char *buf, uint32_t i)
{
	size_t len = 12 + i % 5;

	memset(buf, '#', len);
	snprintf(buf, len, "c%u", (unsigned)i);
	buf[strlen(buf)] = '#';
	return len;
}

static void
hash_neighbours(void)
{
	enum { NC = 1 << 19 };
	struct cand *c = malloc(NC * sizeof *c);
	struct idtab t;
	char a[20], b[20];
	size_t la, lb, i, pairs = 0;
	int added;

	if (c == NULL) {
		CHECK(c != NULL);
		return;
	}
	for (i = 0; i < NC; i++) {
		uint64_t h;
		la = cand_str(a, (uint32_t)i);
		h = idtab_hash(a, la);
		c[i].key = (h >> 40) << 10 | (h & 1023);
		c[i].i = (uint32_t)i;
	}
	qsort(c, NC, sizeof *c, cmp_cand);
	for (i = 1; i < NC; i++) {
		if (c[i].key != c[i - 1].key)
			continue;
		la = cand_str(a, c[i - 1].i);
		lb = cand_str(b, c[i].i);
		memset(&t, 0, sizeof t);
		CHECK_INT(get(&t, a, la, &added), 0);
		CHECK_INT(get(&t, b, lb, &added), 1);
		CHECK_INT(added, 1);
		CHECK_INT(get(&t, a, la, &added), 0);
		CHECK_INT(added, 0);
		CHECK_INT(get(&t, b, lb, &added), 1);
		CHECK_INT(added, 0);
		idtab_free(&t);
		pairs++;
	}
	/* A fixed seed: the pairs are a fixed set, and there are some. */
	CHECK(pairs > 0);
	printf("# idtab: %zu hash-neighbour pairs\n", pairs);
	free(c);
}

/*
 * A long string and a prefix of it (also long) whose hashes agree in
 * the top 24 bits, found among the prefixes of 12 to 12,000 bytes of one
 * random string (some 72 million pairs: a few such).  In a fresh table
 * (1,024 slots, linear probing, idtab.c) the longer goes in first; short
 * strings whose first slots are those from the prefix's first slot up to
 * the longer one's fill the way between, so that looking up the prefix
 * reaches the longer string's slot, whose kept hash bits match: only the
 * length tells them apart (a compare of the prefix's bytes alone would
 * match).  The ids expected are those of first sight whatever the layout.
 */
static void
prefix_neighbours(void)
{
	enum { RL = 12000, MINL = IDTAB_INLINE + 1, NF = 1024 };
	char *r = malloc(RL);
	struct cand *c = malloc(RL * sizeof *c);
	uint32_t filler[NF], found = 0, u;
	char fs[NF][12];
	size_t fl[NF], i, pairs = 0;
	struct idtab t;
	int added;
	long wrong = 0;

	if (r == NULL || c == NULL) {
		CHECK(r != NULL && c != NULL);
		free(r);
		free(c);
		return;
	}
	/* Short strings "f<u>", one for each first slot of 1,024. */
	for (i = 0; i < NF; i++)
		filler[i] = UINT32_MAX;
	for (u = 0; found < NF; u++) {
		char b[12];
		int n = snprintf(b, sizeof b, "f%u", (unsigned)u);
		size_t slot = idtab_hash(b, (size_t)n) & (NF - 1);
		if (filler[slot] == UINT32_MAX) {
			filler[slot] = u;
			memcpy(fs[slot], b, (size_t)n);
			fl[slot] = (size_t)n;
			found++;
		}
	}
	t_seed(23);
	for (i = 0; i < RL; i++)
		r[i] = (char)t_rand_int(0, 255);
	for (i = MINL; i < RL; i++) {
		c[i].key = idtab_hash(r, i) >> 40;
		c[i].i = (uint32_t)i;
	}
	qsort(c + MINL, RL - MINL, sizeof *c, cmp_cand);
	for (i = MINL + 1; i < RL; i++) {
		size_t la = c[i].i, lb = c[i - 1].i, sa, sb, d, k;
		uint32_t id;

		if (c[i].key != c[i - 1].key)
			continue;
		if (la < lb) {
			size_t tmp = la;
			la = lb;
			lb = tmp;
		}
		sa = idtab_hash(r, la) & (NF - 1);
		sb = idtab_hash(r, lb) & (NF - 1);
		d = (sa - sb) & (NF - 1);
		if (d > 700) /* the table would grow on the way */
			continue;
		memset(&t, 0, sizeof t);
		if (get(&t, r, la, &added) != 0 || added != 1)
			wrong++;
		for (k = 0; k < d; k++) {
			size_t x = (sb + k) & (NF - 1);
			if (get(&t, fs[x], fl[x], &added) != k + 1 ||
			    added != 1)
				wrong++;
		}
		id = get(&t, r, lb, &added);
		if (id != d + 1 || added != 1) {
			if (wrong++ == 0)
				printf("# prefix of %zu bytes of a %zu-byte "
				    "string: id %u added %d, expected %zu "
				    "added 1\n", lb, la, (unsigned)id, added,
				    d + 1);
		}
		if (get(&t, r, la, &added) != 0 || added != 0)
			wrong++;
		if (get(&t, r, lb, &added) != d + 1 || added != 0)
			wrong++;
		if (t.n != d + 2)
			wrong++;
		idtab_free(&t);
		pairs++;
	}
	CHECK_INT(wrong, 0);
	/* A fixed seed: the pairs are a fixed set, and there are some. */
	CHECK(pairs > 0);
	printf("# idtab: %zu prefix pairs with the same kept hash bits\n",
	    pairs);
	free(r);
	free(c);
}

/* idtab_prefetch() is a hint: on an empty or freed table it does
 * nothing, and the table stays as it was. */
static void
prefetch(void)
{
	struct idtab t, zero;
	int added;

	memset(&t, 0, sizeof t);
	memset(&zero, 0, sizeof zero);
	idtab_prefetch(&t, 0);
	idtab_prefetch(&t, UINT64_MAX);
	idtab_prefetch(&t, idtab_hash("x", 1));
	CHECK(memcmp(&t, &zero, sizeof t) == 0);
	CHECK_INT(get(&t, "x", 1, &added), 0);
	idtab_prefetch(&t, UINT64_MAX);
	idtab_prefetch(&t, idtab_hash("y", 1));
	CHECK_INT(get(&t, "y", 1, &added), 1);
	CHECK_INT(get(&t, "x", 1, &added), 0);
	idtab_free(&t);
	idtab_prefetch(&t, 12345);
	CHECK(memcmp(&t, &zero, sizeof t) == 0);
}

/* The random strings: offsets into one buffer. */
struct rstr {
	const char *p;
	size_t len;
	uint32_t pos;
};

static int
cmp_rstr(const void *a, const void *b)
{
	const struct rstr *x = a, *y = b;
	size_t l = x->len < y->len ? x->len : y->len;
	int r = l ? memcmp(x->p, y->p, l) : 0;

	if (r != 0)
		return r;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

/* 300,000 random strings of mixed lengths, many repeated, against the
 * ids a sorted list gives. */
static void
random_strings(void)
{
	enum { N = 300000, MAXLEN = 300 };
	struct rstr *r = malloc(N * sizeof *r), *sorted =
	    malloc(N * sizeof *sorted);
	uint32_t *first = malloc(N * sizeof *first);
	uint32_t *want = malloc(N * sizeof *want);
	char *buf = malloc((size_t)N * MAXLEN), *p;
	size_t i, j, longbytes = 0, prev_bytes;
	uint32_t next = 0, id;
	long wrong_id = 0, wrong_added = 0, again = 0, shrank = 0;
	struct idtab t;
	int added, nslot_grew = 0;

	if (r == NULL || sorted == NULL || first == NULL || want == NULL ||
	    buf == NULL) {
		CHECK(r != NULL && sorted != NULL && first != NULL &&
		    want != NULL && buf != NULL);
		goto done;
	}
	/* The strings: short ones from a small alphabet (so some repeat by
	 * chance), long ones of any bytes, earlier strings again, and
	 * earlier ones with the last byte changed or a NUL added. */
	t_seed(22);
	p = buf;
	for (i = 0; i < N; i++) {
		long kind = t_rand_int(0, 99);
		size_t len, k;

		r[i].p = p;
		r[i].pos = (uint32_t)i;
		if (kind < 30 || i == 0) {
			static const char abc[] = {'a', 'b', '\0', '\xff', 'z'};
			len = (size_t)t_rand_int(0, kind < 10 ? 4 : 11);
			for (k = 0; k < len; k++)
				p[k] = abc[t_rand() % 5];
		} else if (kind < 55) {
			len = (size_t)t_rand_int(0, 11);
			for (k = 0; k < len; k++)
				p[k] = (char)t_rand_int(0, 255);
		} else if (kind < 75) {
			len = (size_t)t_rand_int(12, kind < 72 ? 40 : MAXLEN);
			for (k = 0; k < len; k++)
				p[k] = (char)t_rand_int(0, 255);
		} else {
			const struct rstr *o = &r[t_rand_int(0, (long)i - 1)];
			len = o->len;
			memcpy(p, o->p, len);
			if (kind < 85 && len > 0)
				p[len - 1] = (char)(p[len - 1] ^
				    (char)t_rand_int(1, 255));
			else if (kind < 90 && len < MAXLEN)
				p[len++] = 0;
		}
		r[i].len = len;
		p += len;
	}
	/* The expected ids, without the table. */
	memcpy(sorted, r, N * sizeof *r);
	qsort(sorted, N, sizeof *sorted, cmp_rstr);
	/* Equal strings are next to each other, the first seen first. */
	for (i = 0; i < N; i = j) {
		for (j = i; j < N && sorted[j].len == sorted[i].len &&
		    (sorted[i].len == 0 || memcmp(sorted[j].p, sorted[i].p,
		    sorted[i].len) == 0); j++)
			first[sorted[j].pos] = sorted[i].pos;
	}
	/* Numbered in the order of their first positions. */
	for (i = 0; i < N; i++) {
		if (first[i] == i) {
			want[i] = next++;
			if (r[i].len > IDTAB_INLINE)
				longbytes += r[i].len;
		} else
			want[i] = want[first[i]];
	}
	/* The table, prefetching each string's slot 4 strings ahead. */
	memset(&t, 0, sizeof t);
	CHECK_INT(idtab_bytes(&t), 0);
	prev_bytes = 0;
	for (i = 0; i < N; i++) {
		size_t nslot = t.nslot;
		if (i + 4 < N)
			idtab_prefetch(&t, idtab_hash(r[i + 4].p,
			    r[i + 4].len));
		id = get(&t, r[i].p, r[i].len, &added);
		if (id != want[i] && wrong_id++ == 0)
			printf("# random: string %zu (%zu bytes): id %u, "
			    "expected %u\n", i, r[i].len, (unsigned)id,
			    (unsigned)want[i]);
		if (added != (first[i] == i))
			wrong_added++;
		if (t.nslot > nslot && nslot > 0)
			nslot_grew++;
		if (idtab_bytes(&t) < prev_bytes)
			shrank++;
		prev_bytes = idtab_bytes(&t);
		/* Every 1,000th string of the first half again at once. */
		if (i % 1000 == 0 && get(&t, r[i / 2].p, r[i / 2].len,
		    &added) != want[i / 2])
			again++;
	}
	CHECK_INT(wrong_id, 0);
	CHECK_INT(wrong_added, 0);
	CHECK_INT(again, 0);
	CHECK_INT(shrank, 0);
	CHECK(nslot_grew >= 5);
	CHECK_INT(t.n, next);
	CHECK(next > N / 2 && next < N);
	CHECK((t.nslot & (t.nslot - 1)) == 0);
	CHECK(t.nslot > t.n);
	/* At least the 16-byte slots and the long strings' bytes. */
	CHECK_INT(sizeof(struct idtab_slot), 16);
	CHECK(idtab_bytes(&t) >= t.nslot * 16 + longbytes);
	/* All of them again, in a scrambled order, after every growth. */
	wrong_id = wrong_added = 0;
	for (i = 0; i < N; i++) {
		size_t k = (i * 7919u) % N; /* 7919 is prime: a permutation */
		if (get(&t, r[k].p, r[k].len, &added) != want[k])
			wrong_id++;
		if (added != 0)
			wrong_added++;
	}
	CHECK_INT(wrong_id, 0);
	CHECK_INT(wrong_added, 0);
	CHECK_INT(t.n, next);
	idtab_free(&t);
done:
	free(r);
	free(sorted);
	free(first);
	free(want);
	free(buf);
}

/* idtab_bytes() grows with the strings. */
static void
bytes(void)
{
	struct idtab t;
	char s[64];
	size_t b0, b1, b2, b3;
	int added, i;

	memset(&t, 0, sizeof t);
	b0 = idtab_bytes(&t);
	CHECK_INT(b0, 0);
	get(&t, "short", 5, &added);
	b1 = idtab_bytes(&t);
	CHECK(b1 > b0);
	CHECK(b1 >= t.nslot * 16);
	/* Long strings go to the arena: 10 KB of them. */
	for (i = 0; i < 200; i++) {
		snprintf(s, sizeof s, "a-long-id-of-fifty-bytes-%025d", i);
		get(&t, s, 50, &added);
	}
	b2 = idtab_bytes(&t);
	CHECK(b2 >= b1 + 200 * 50);
	/* 100,000 short ones: the index grows past 131,072 slots. */
	for (i = 0; i < 100000; i++) {
		snprintf(s, sizeof s, "s%d", i);
		get(&t, s, strlen(s), &added);
	}
	CHECK_INT(t.n, 100201);
	b3 = idtab_bytes(&t);
	CHECK(b3 > b2);
	CHECK(b3 >= 131072 * 16);
	idtab_free(&t);
	CHECK_INT(idtab_bytes(&t), 0);
}

/* idtab_free() zeroes everything; the zeroed table starts again. */
static void
free_zeroes(void)
{
	struct idtab t, zero;
	int added = -1;

	memset(&t, 0, sizeof t);
	memset(&zero, 0, sizeof zero);
	get(&t, "one", 3, &added);
	get(&t, "a-long-string-two", 17, &added);
	CHECK_INT(t.n, 2);
	idtab_free(&t);
	CHECK(t.slot == NULL);
	CHECK_INT(t.nslot, 0);
	CHECK_INT(t.n, 0);
	CHECK(t.arena.data == NULL);
	CHECK_INT(t.arena.len, 0);
	CHECK_INT(t.arena.cap, 0);
	CHECK(memcmp(&t, &zero, sizeof t) == 0);
	idtab_free(&t);
	idtab_free(&t);
	CHECK(memcmp(&t, &zero, sizeof t) == 0);
	/* Zeroed is the start: ids begin at 0 again, old strings are new. */
	CHECK_INT(get(&t, "a-long-string-two", 17, &added), 0);
	CHECK_INT(added, 1);
	CHECK_INT(get(&t, "one", 3, &added), 1);
	CHECK_INT(added, 1);
	CHECK_INT(get(&t, "a-long-string-two", 17, &added), 0);
	CHECK_INT(added, 0);
	idtab_free(&t);
}

void
suite_idtab(void)
{
	int before = t_pass + t_fail;

	first_sight();
	hashes();
	lengths();
	near_misses();
	hash_neighbours();
	prefix_neighbours();
	prefetch();
	random_strings();
	bytes();
	free_zeroes();
	printf("# core/idtab: %d checks\n", t_pass + t_fail - before);
}
