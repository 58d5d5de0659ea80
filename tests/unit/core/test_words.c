/*
 * core/words: built-in word lists, word maps and their CSV reader, and the
 * yes/no words (words.h).  Lists: ASCII letters in any case, other bytes
 * exact, the length counts, a word listed twice means its first value, a
 * list too long to index is scanned with the same answers.  Maps: a
 * zeroed map is empty, adding a word twice keeps the first, 5,000 words
 * (the table grows from 64 slots) are all found, free zeroes the map.
 * The reader: columns in any order, others ignored, names trimmed, each
 * error with its FILE:LINE message.  The expected values are the
 * contract applied to inputs built here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/words.h"
#include "../t.h"

void suite_words(void);

#define LF(l, s) word_list_find((l), (s), strlen(s))
#define MF(m, s) word_map_find((m), (s), strlen(s))

static const struct word_def colours[] = {
	{"red", 0}, {"Green", 1}, {"蓝", 2}, {"light blue", 2}, {"red", 5},
	{"", 3},
};
static struct word_list colour_list = WORD_LIST(colours);

static void
lists(void)
{
	CHECK_INT(LF(&colour_list, "red"), 0);
	CHECK_INT(LF(&colour_list, "RED"), 0); /* first of the two */
	CHECK_INT(LF(&colour_list, "green"), 1);
	CHECK_INT(LF(&colour_list, "蓝"), 2);
	CHECK_INT(LF(&colour_list, "Light Blue"), 2);
	CHECK_INT(LF(&colour_list, "light  blue"), -1);
	CHECK_INT(LF(&colour_list, "re"), -1);
	CHECK_INT(LF(&colour_list, "redd"), -1);
	CHECK_INT(LF(&colour_list, " red"), -1); /* callers trim */
	CHECK_INT(LF(&colour_list, ""), 3);
	CHECK_INT(word_list_find(&colour_list, "red", 2), -1);
	CHECK_INT(word_list_find(&colour_list, "redx", 3), 0);
}

/* A list longer than WORD_LIST_SLOTS / 2 is scanned: the same answers. */
static void
long_list(void)
{
	enum { N = WORD_LIST_SLOTS / 2 + 10 };
	static char text[N][8];
	static struct word_def defs[N];
	static struct word_list l = {.def = defs, .n = N};
	int i, bad = 0;

	for (i = 0; i < N; i++) {
		snprintf(text[i], sizeof text[i], "w%d", i);
		defs[i].word = text[i];
		defs[i].value = i;
	}
	for (i = 0; i < N; i++)
		bad += LF(&l, text[i]) != i;
	CHECK_INT(bad, 0);
	CHECK_INT(LF(&l, "W7"), 7);
	CHECK_INT(LF(&l, "w"), -1);
}

static void
yesno(void)
{
	static const char *const yes[] = {"yes", "Y", "TRUE", "1", "是"};
	static const char *const no[] = {"no", "N", "False", "0", "否"};
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		CHECK_INT(yesno_word(yes[i], strlen(yes[i])), 1);
		CHECK_INT(yesno_word(no[i], strlen(no[i])), 0);
	}
	CHECK_INT(yesno_word("", 0), -1);
	CHECK_INT(yesno_word("maybe", 5), -1);
	CHECK_INT(yesno_word(" yes", 4), -1);
	CHECK_INT(yesno_word("yes", 2), -1);
}

static void
maps(void)
{
	struct word_map m = {0};
	const struct word_map_entry *had = NULL;
	char w[16];
	int i, bad = 0;

	CHECK_INT(MF(&m, "x"), -1);
	CHECK_INT(word_map_find(NULL, "x", 1), -1);
	CHECK_INT(word_map_add(&m, "Alpha", 5, 4, 2, &had), 0);
	CHECK_INT(MF(&m, "alpha"), 4);
	CHECK_INT(MF(&m, "ALPHA"), 4);
	CHECK_INT(word_map_add(&m, "ALPHA", 5, 9, 7, &had), 1);
	CHECK(had != NULL && had->value == 4 && had->line == 2 &&
	    strcmp(had->word, "Alpha") == 0);
	CHECK_INT(MF(&m, "alpha"), 4);
	CHECK_INT((int)m.n, 1);
	/* Bytes after len are not the word's. */
	CHECK_INT(word_map_add(&m, "betaXYZ", 4, 1, 3, NULL), 0);
	CHECK_INT(MF(&m, "beta"), 1);
	CHECK_INT(MF(&m, "betaXYZ"), -1);
	for (i = 0; i < 5000; i++) {
		snprintf(w, sizeof w, "w%d", i);
		bad += word_map_add(&m, w, strlen(w), i, i, NULL) != 0;
	}
	CHECK_INT(bad, 0);
	CHECK_INT((int)m.n, 5002);
	CHECK(m.cap >= 2 * m.n);
	for (i = 0; i < 5000; i++) {
		snprintf(w, sizeof w, "W%d", i);
		bad += MF(&m, w) != i;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(MF(&m, "alpha"), 4);
	word_map_free(&m);
	CHECK(m.slot == NULL && m.n == 0 && m.cap == 0);
	CHECK_INT(MF(&m, "alpha"), -1);
	word_map_free(&m);
}

/* The values of the test maps: 1 to 9 as digits, or "ten". */
static int
digit(const char *s, size_t len)
{
	if (len == 1 && s[0] >= '1' && s[0] <= '9')
		return s[0] - '0';
	return len == 3 && memcmp(s, "ten", 3) == 0 ? 10 : -1;
}

/* Load bytes as map file name; the return code, the message in *e. */
static int
load(struct word_map *m, const char *name, const char *bytes,
    struct err *e)
{
	static const struct word_map_spec spec = {
		.column = "digit", .noun = "digit",
		.what = "is not a digit (1 to 9, or ten)", .decode = digit,
	};

	memset(e, 0, sizeof *e);
	word_map_free(m);
	return word_map_load(m, t_file(name, bytes, strlen(bytes)), &spec,
	    e);
}

/* Is the message "DIR/rest"? */
static int
msg_is(const struct err *e, const char *rest)
{
	char want[600];

	snprintf(want, sizeof want, "%s/%s", t_dir(), rest);
	if (strcmp(e->msg, want) != 0) {
		printf("# got  %s\n# want %s\n", e->msg, want);
		return 0;
	}
	return 1;
}

static void
reader(void)
{
	struct word_map m = {0};
	struct err e;

	CHECK_INT(load(&m, "w1.csv", "note,digit,name\nx, 3 , three \n"
	    "y,ten,Zehn\n\n,1,one\n,3,THREE\n", &e), 0);
	CHECK_INT((int)m.n, 3);
	CHECK_INT(MF(&m, "three"), 3);
	CHECK_INT(MF(&m, "zehn"), 10);
	CHECK_INT(MF(&m, "one"), 1);
	CHECK_INT(MF(&m, " three "), -1); /* stored trimmed */

	CHECK_INT(load(&m, "w2.csv", "name,digit\none,1\ntwo,zwei\n", &e),
	    -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK(msg_is(&e, "w2.csv:3: column \"digit\": \"zwei\" is not a "
	    "digit (1 to 9, or ten)"));
	/* The value as the file has it, blanks and all. */
	CHECK_INT(load(&m, "w3.csv", "name,digit\ntwo, 0 \n", &e), -1);
	CHECK(msg_is(&e, "w3.csv:2: column \"digit\": \" 0 \" is not a "
	    "digit (1 to 9, or ten)"));
	CHECK_INT(load(&m, "w4.csv", "name,digit\none,1\n  ,2\n", &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK(msg_is(&e, "w4.csv:3: column \"name\": \"\" is empty: every "
	    "row names a word"));
	CHECK_INT(load(&m, "w5.csv", "name,digit\nOne,1\ntwo,2\n\n"
	    "one,3\n", &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK(msg_is(&e, "w5.csv:5: column \"name\": \"one\" is mapped to "
	    "another digit on line 2"));
	CHECK_INT(load(&m, "w6.csv", "name,value\none,1\n", &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK(strstr(e.msg, "w6.csv") != NULL &&
	    strstr(e.msg, "\"digit\"") != NULL);
	CHECK_INT(load(&m, "w7.csv", "name,digit\none,1,extra\n", &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK(strstr(e.msg, "w7.csv:2") != NULL);
	CHECK_INT(load(&m, "w8.csv", "name,digit\n", &e), 0);
	CHECK_INT((int)m.n, 0);
	word_map_free(&m);
	memset(&e, 0, sizeof e);
	CHECK_INT(word_map_load(&m, "/nonexistent/words.csv", &(const struct
	    word_map_spec){.column = "digit", .noun = "digit", .what = "",
	    .decode = digit}, &e), -1);
	CHECK_INT(e.kind, ERR_IO);
	word_map_free(&m);
}

void
suite_words(void)
{
	lists();
	long_list();
	yesno();
	maps();
	reader();
}
