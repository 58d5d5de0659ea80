/*
 * core/intern: interned byte strings (intern.h).  Ids in order of first
 * sight (0, 1, 2 ...); the same bytes give the same id and added 0;
 * strings that differ only after a NUL byte, or only in length, are
 * different strings; the empty string is a string; lengths on both sides
 * of the one-byte length form (254 bytes: one length byte; 255 and more:
 * 0xff and four bytes, seen in how far the arena grows); 100,000 strings
 * (the index rehashes from 1,024 slots up to 262,144) keep their ids and
 * bytes; intern_drop_index() keeps intern_str() working; intern_free()
 * zeroes the table, which can then start again.  Every expected value is
 * the contract in intern.h applied to inputs built here: the ids are
 * counted as the strings are first given, the bytes are those given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/intern.h"
#include "../t.h"

void suite_intern(void);

/* Intern len bytes at s; the id, or UINT32_MAX when intern_get fails. */
static uint32_t
get(struct intern *t, const char *s, size_t len, int *added)
{
	struct err e;
	uint32_t id = UINT32_MAX;

	memset(&e, 0, sizeof e);
	if (intern_get(t, s, len, &id, added, &e) < 0) {
		printf("# intern_get failed: %s\n", e.msg);
		return UINT32_MAX;
	}
	return id;
}

/* Does string id hold exactly the len bytes at s? */
static int
holds(const struct intern *t, uint32_t id, const char *s, size_t len)
{
	size_t l = (size_t)-1;
	const char *p = intern_str(t, id, &l);

	return l == len && (len == 0 || memcmp(p, s, len) == 0);
}

/* Ids in order of first sight; the same bytes, the same id. */
static void
first_sight(void)
{
	struct intern t;
	int added = -1;

	memset(&t, 0, sizeof t);
	/* A zeroed table is empty and ready: the first string is id 0. */
	CHECK_INT(get(&t, "east", 4, &added), 0);
	CHECK_INT(added, 1);
	CHECK_INT(get(&t, "west", 4, &added), 1);
	CHECK_INT(added, 1);
	/* Seen before: its old id, nothing added. */
	CHECK_INT(get(&t, "east", 4, &added), 0);
	CHECK_INT(added, 0);
	/* A prefix of a string is another string (the length decides). */
	CHECK_INT(get(&t, "eas", 3, &added), 2);
	CHECK_INT(added, 1);
	CHECK_INT(get(&t, "westward", 4, &added), 1); /* only 4 bytes read */
	CHECK_INT(added, 0);
	CHECK_INT(t.n, 3);
	CHECK(holds(&t, 0, "east", 4));
	CHECK(holds(&t, 1, "west", 4));
	CHECK(holds(&t, 2, "eas", 3));
	intern_free(&t);
}

/* NUL bytes inside, and the empty string. */
static void
nuls_and_empty(void)
{
	struct intern t;
	int added = -1;
	uint32_t a, anb, anc, empty, nul1, nul2;
	char other[4] = "xyz";

	memset(&t, 0, sizeof t);
	a = get(&t, "a", 1, &added);
	anb = get(&t, "a\0b", 3, &added);
	anc = get(&t, "a\0c", 3, &added);
	empty = get(&t, "", 0, &added);
	CHECK_INT(added, 1); /* the empty string is new */
	nul1 = get(&t, "\0", 1, &added);
	nul2 = get(&t, "\0\0", 2, &added);
	/* Six different strings, ids 0 to 5 as given: a C-string view would
	 * have made "a", "a\0b" and "a\0c" one string, and "", "\0" and
	 * "\0\0" another. */
	CHECK_INT(a, 0);
	CHECK_INT(anb, 1);
	CHECK_INT(anc, 2);
	CHECK_INT(empty, 3);
	CHECK_INT(nul1, 4);
	CHECK_INT(nul2, 5);
	/* The same bytes again find them. */
	CHECK_INT(get(&t, "a\0c", 3, &added), 2);
	CHECK_INT(added, 0);
	CHECK_INT(get(&t, "", 0, &added), 3);
	CHECK_INT(added, 0);
	/* An empty string at another address is the same string. */
	CHECK_INT(get(&t, other + 1, 0, &added), 3);
	CHECK_INT(get(&t, "\0\0", 2, &added), 5);
	CHECK_INT(added, 0);
	/* Their bytes come back, NULs and all. */
	CHECK(holds(&t, 1, "a\0b", 3));
	CHECK(holds(&t, 2, "a\0c", 3));
	CHECK(holds(&t, 3, "", 0));
	CHECK(holds(&t, 4, "\0", 1));
	CHECK(holds(&t, 5, "\0\0", 2));
	CHECK_INT(t.n, 6);
	intern_free(&t);
}

/* Long strings: 254 bytes take a one-byte length, 255 and more 0xff and
 * four bytes (intern.c); each keeps its bytes and id. */
static void
long_strings(void)
{
	static const size_t lens[] = {254, 255, 256, 65535, 65536, 300000};
	struct intern t;
	char *s;
	size_t i, before, maxlen = 300000;
	int added = -1;
	uint32_t id;

	memset(&t, 0, sizeof t);
	s = malloc(maxlen);
	if (s == NULL) {
		CHECK(s != NULL);
		return;
	}
	/* Every string a prefix of the next: only the lengths differ. */
	t_seed(7);
	for (i = 0; i < maxlen; i++)
		s[i] = (char)t_rand_int(0, 255);
	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		before = t.arena.len;
		id = get(&t, s, lens[i], &added);
		CHECK_INT(id, i);
		CHECK_INT(added, 1);
		/* The arena grew by the length form and the bytes. */
		CHECK_INT(t.arena.len - before, (lens[i] < 255 ? 1 : 5) +
		    lens[i]);
	}
	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		CHECK(holds(&t, (uint32_t)i, s, lens[i]));
		CHECK_INT(get(&t, s, lens[i], &added), i);
		CHECK_INT(added, 0);
	}
	/* A short string after the long ones still has its one-byte form. */
	before = t.arena.len;
	CHECK_INT(get(&t, "short", 5, &added), 6);
	CHECK_INT(t.arena.len - before, 6);
	CHECK(holds(&t, 6, "short", 5));
	/* The 255-byte string whose last byte differs is another one. */
	s[254] ^= 1;
	CHECK_INT(get(&t, s, 255, &added), 7);
	CHECK_INT(added, 1);
	CHECK(holds(&t, 7, s, 255));
	s[254] ^= 1;
	CHECK(holds(&t, 1, s, 255));
	free(s);
	intern_free(&t);
}

/* The i-th string of the many: "k" and i, then i % 7 NUL bytes, so
 * that some differ from others only in their NULs. */
static size_t
many_str(char *buf, long i)
{
	int n = snprintf(buf, 40, "k%ld", i);
	int z = (int)(i % 7);

	memset(buf + n, 0, (size_t)z);
	return (size_t)n + (size_t)z;
}

/* 100,000 strings: the index doubles from 1,024 to 262,144 slots on the
 * way, and every id and string survives each rehash. */
static void
many(void)
{
	enum { N = 100000 };
	struct intern t;
	char buf[48];
	long i, wrong_id = 0, wrong_added = 0, wrong_bytes = 0, again = 0;
	int added;

	memset(&t, 0, sizeof t);
	for (i = 0; i < N; i++) {
		size_t len = many_str(buf, i);
		uint32_t id = get(&t, buf, len, &added);
		if (id != (uint32_t)i)
			wrong_id++;
		if (added != 1)
			wrong_added++;
		/* Every 1,000th string looked up again at once. */
		if (i % 1000 == 0 && get(&t, buf, len, &added) != (uint32_t)i)
			again++;
	}
	CHECK_INT(wrong_id, 0);
	CHECK_INT(wrong_added, 0);
	CHECK_INT(again, 0);
	CHECK_INT(t.n, N);
	/* Half load at most: 100,001 * 2 > 131,072 slots, so 262,144. */
	CHECK_INT(t.nslot, 262144);
	/* All of them again, in a scrambled order: the same ids, none new. */
	wrong_id = wrong_added = 0;
	for (i = 0; i < N; i++) {
		long k = (i * 7919L) % N; /* 7919 is prime: a permutation */
		size_t len = many_str(buf, k);
		if (get(&t, buf, len, &added) != (uint32_t)k)
			wrong_id++;
		if (added != 0)
			wrong_added++;
		if (!holds(&t, (uint32_t)k, buf, len))
			wrong_bytes++;
	}
	CHECK_INT(wrong_id, 0);
	CHECK_INT(wrong_added, 0);
	CHECK_INT(wrong_bytes, 0);
	CHECK_INT(t.n, N);
	/* Without the index, the strings are all still there. */
	intern_drop_index(&t);
	CHECK(t.slot == NULL);
	CHECK_INT(t.nslot, 0);
	CHECK_INT(t.n, N);
	wrong_bytes = 0;
	for (i = 0; i < N; i++) {
		size_t len = many_str(buf, i);
		if (!holds(&t, (uint32_t)i, buf, len))
			wrong_bytes++;
	}
	CHECK_INT(wrong_bytes, 0);
	intern_free(&t);
}

/* intern_free() zeroes everything; the zeroed table starts again. */
static void
free_zeroes(void)
{
	struct intern t, zero;
	int added = -1;

	memset(&t, 0, sizeof t);
	memset(&zero, 0, sizeof zero);
	get(&t, "one", 3, &added);
	get(&t, "two", 3, &added);
	intern_drop_index(&t);
	/* intern_str after the index is gone (the header promises it). */
	CHECK(holds(&t, 0, "one", 3));
	CHECK(holds(&t, 1, "two", 3));
	intern_free(&t);
	CHECK(t.arena.data == NULL);
	CHECK_INT(t.arena.len, 0);
	CHECK_INT(t.arena.cap, 0);
	CHECK(t.off == NULL);
	CHECK_INT(t.n, 0);
	CHECK_INT(t.cap, 0);
	CHECK(t.slot == NULL);
	CHECK_INT(t.nslot, 0);
	CHECK(memcmp(&t, &zero, sizeof t) == 0);
	/* Freeing a zeroed table is allowed, twice too. */
	intern_free(&t);
	intern_free(&t);
	CHECK(memcmp(&t, &zero, sizeof t) == 0);
	/* Zeroed is the start: ids begin at 0 again. */
	CHECK_INT(get(&t, "two", 3, &added), 0);
	CHECK_INT(added, 1);
	CHECK(holds(&t, 0, "two", 3));
	intern_free(&t);
}

void
suite_intern(void)
{
	int before = t_pass + t_fail;

	first_sight();
	nuls_and_empty();
	long_strings();
	many();
	free_zeroes();
	printf("# core/intern: %d checks\n", t_pass + t_fail - before);
}
