/*
 * core/util: messages quote values as valid UTF-8 whatever the input
 * holds, and the small helpers (utf8_len, grow_array, strlist_split,
 * hash_bytes, trim_blanks, word_is) do what their contracts say.
 */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "../t.h"

void suite_util(void);

/* Messages quote values as valid UTF-8 whatever the input holds. */
static void
quoting(void)
{
	char q[100];

	CHECK_STR(quote_value(q, sizeof q, "\xe4\xb8\x9c\xe5\x9f\x8e", 6),
	    "\"\xe4\xb8\x9c\xe5\x9f\x8e\"");
	CHECK_STR(quote_value(q, sizeof q, "\xff\xfe", 2), "\"\\xff\\xfe\"");
	CHECK_STR(quote_value(q, sizeof q, "\xc0\xaf", 2), "\"\\xc0\\xaf\"");
	CHECK_STR(quote_value(q, sizeof q, "a\xe4\xb8", 3), "\"a\\xe4\\xb8\"");
	CHECK_STR(quote_value(q, sizeof q, "\xed\xa0\x80", 3),
	    "\"\\xed\\xa0\\x80\"");
	CHECK_STR(quote_value(q, sizeof q, "say \"hi\"\n", 9),
	    "\"say \\\"hi\\\"\\n\"");
}

static void
helpers(void)
{
	char **list;
	int *a = NULL;
	size_t cap = 0;
	const char *s = "  a b\t";
	size_t len = strlen(s);
	int n;

	CHECK_INT(utf8_len("\xe4\xb8\x9c", 3), 3);
	CHECK_INT(utf8_len("\xe4\xb8", 2), 0);     /* cut short */
	CHECK_INT(utf8_len("a", 1), 0);
	CHECK_INT(utf8_len("\xf4\x90\x80\x80", 4), 0); /* past U+10FFFF */
	n = strlist_split("name,,borough", &list);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(list[0], "name");
		CHECK_STR(list[1], "");
		CHECK_STR(list[2], "borough");
	}
	strlist_free(list, n);
	CHECK_INT(grow_array((void **)&a, &cap, 100, sizeof *a), 0);
	CHECK(cap >= 100);
	CHECK_INT(grow_array((void **)&a, &cap, (size_t)-1 / 2, sizeof *a),
	    -1);
	CHECK(cap >= 100 && cap < 1000);  /* untouched on failure */
	free(a);
	CHECK(hash_bytes("abc", 3) == hash_bytes("abc", 3));
	CHECK(hash_bytes("abc", 3) != hash_bytes("abd", 3));
	trim_blanks(&s, &len);
	CHECK_INT(len, 3);
	CHECK(memcmp(s, "a b", 3) == 0);
	CHECK(word_is("NA", 2, "na"));
	CHECK(!word_is("NAN", 3, "na"));
}

void
suite_util(void)
{
	quoting();
	helpers();
}
