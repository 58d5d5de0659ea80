/*
 * words.h - the words a tool knows for a few things (caseflow's stages,
 * partscore's channels and ladder rungs, yes and no): built-in word
 * lists, a city's own words read from a CSV map, and the yes/no words.
 *
 * A word is a byte string compared with ASCII letters in any case (other
 * bytes, Chinese included, exactly).  Callers trim blanks around what they
 * look up; the map reader trims what it stores.  Each word stands for a
 * value, a whole number >= 0 (an enum's member, a rung); lookups answer
 * -1 for a word they do not hold.  Lookups hash: the cost of one does not
 * grow with the number of words.
 */
#ifndef WORDS_H
#define WORDS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

/* --- built-in word lists --- */

/* One built-in word and its value (>= 0). */
struct word_def {
	const char *word;
	int value;
};

#define WORD_LIST_SLOTS 512

/*
 * A static list of built-in words, indexed on its first lookup.  Declare
 * one with WORD_LIST:
 *
 *	static const struct word_def defs[] = {{"yes", 1}, {"no", 0}};
 *	static struct word_list list = WORD_LIST(defs);
 *
 * Up to WORD_LIST_SLOTS / 2 words are indexed (a longer list is scanned);
 * a word listed twice means its first value.  Lookups from several
 * threads are safe: the one that indexes the list first does it, the
 * others scan the list meanwhile.
 */
struct word_list {
	const struct word_def *def;
	size_t n;
	/* Private: 0 not indexed, 1 being indexed, 2 indexed, 3 too long. */
	atomic_int state;
	uint16_t slot[WORD_LIST_SLOTS]; /* private: def index + 1; 0 empty */
	uint16_t slen[WORD_LIST_SLOTS]; /* private: the slot's word's length */
};

#define WORD_LIST(defs) {.def = (defs), .n = sizeof(defs) / sizeof((defs)[0])}

/* The value of the len bytes at s in l, or -1 when l does not hold it. */
int word_list_find(struct word_list *l, const char *s, size_t len);

/*
 * yes, y, true, 1 and 是 are 1; no, n, false, 0 and 否 are 0 (English in
 * any case; blanks are not trimmed); anything else is -1.
 */
int yesno_word(const char *s, size_t len);

/* --- a city's own words: word maps --- */

struct word_map_entry {
	char *word;   /* NUL-terminated, owned by the map */
	size_t len;
	int value;
	long line;    /* where the map file gave it, for messages (or 0) */
};

/*
 * Words and their values, with the line each came from.  Zero it to
 * start; free it with word_map_free().  n words are held in a hash table
 * of cap slots (word NULL: empty); walk the slots to visit them.
 */
struct word_map {
	struct word_map_entry *slot;
	size_t n, cap;
};

/* The value of the len bytes at s in m (which may be zeroed), or -1. */
int word_map_find(const struct word_map *m, const char *s, size_t len);

/*
 * Add the len bytes at s (a copy) with value and line to m.  Returns 0
 * when added, 1 when m holds the word already (then *had, if had is not
 * NULL, points at its entry, which is left as it is), -1 when memory runs
 * out (m unchanged).
 */
int word_map_add(struct word_map *m, const char *s, size_t len, int value,
    long line, const struct word_map_entry **had);

/* Free what m holds and zero it; m may be zeroed. */
void word_map_free(struct word_map *m);

/* How word_map_load() reads a map file's value column. */
struct word_map_spec {
	const char *column; /* its name: "stage", "channel", "rung" */
	const char *noun;   /* what a value is: "stage" (see below) */
	/* After the quoted value when decode refuses it: "is not a stage
	 * (report, file, ...)". */
	const char *what;
	/* The value the len bytes at s (blanks trimmed) stand for (>= 0),
	 * or -1 when they are not one. */
	int (*decode)(const char *s, size_t len);
};

/*
 * Read a word map: a CSV file (UTF-8, comma-separated) with a header
 * naming the columns "name" and spec->column, in any order, other
 * columns ignored; each row gives the word in name (blanks around it
 * trimmed) the value that spec->decode makes of the other column.  The
 * words are added to *m (zeroed by the caller, who frees it with
 * word_map_free(), also after a failure).  Returns 0, or -1 with *e set:
 * ERR_IO when the file cannot be read; ERR_DATA for a row that is not
 * well formed, or (the file's name as csvr_name() gives it: FILE)
 *
 *	FILE:LINE: column "COLUMN": "VALUE" WHAT
 *	FILE:LINE: column "name": "" is empty: every row names a word
 *	FILE:LINE: column "name": "WORD" is mapped to another NOUN on line L
 *
 * A word given twice with the same value is no error (its first line is
 * kept); names are compared as lookups compare them (so "Web" and "web"
 * are one word).
 */
int word_map_load(struct word_map *m, const char *path,
    const struct word_map_spec *spec, struct err *e);

#endif
