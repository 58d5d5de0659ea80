/*
 * util.h - the error record and small helpers every tool shares.
 *
 * lib/core is what every tool links: this file, CSV in and out (csvio.h),
 * numbers (num.h), times, zones and periods (datetime.h), interned
 * strings (intern.h), the groups of a summary (group.h), statistics
 * (stats.h) and charts (chart.h).  It depends on nothing else of ours;
 * the engines (lib/geo, lib/caseflow, lib/rankcity) depend on it, and
 * cmd/ on them (tests/layers.sh checks it).
 *
 * lib/ never prints and never exits: a function that can fail returns a
 * negative status and writes one sentence into a caller-owned struct err.
 * cmd/ decides what to do with it (cmd/cli/cli.c prints "tool: MESSAGE" and
 * picks the exit status).  Messages follow DESIGN.md: FILE:LINE: what is
 * wrong: "value".
 */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ERR_MSG_MAX 1024

/* Kinds of failure, so cmd/ can map them to exit statuses. */
enum err_kind {
	ERR_NONE = 0,
	ERR_DATA,  /* a bad record or a bad value: exit 1 */
	ERR_IO,    /* a file that cannot be read or written: exit 1 */
	ERR_USAGE, /* a bad option value discovered late: exit 2 */
	ERR_NOMEM  /* an allocation failed: exit 1 */
};

struct err {
	enum err_kind kind;
	char msg[ERR_MSG_MAX];
};

/*
 * Record a failure of the given kind in *e (which may be NULL) with a
 * printf-style message, replacing whatever was there.  Always returns -1 so
 * that callers can write `return errf(e, ERR_DATA, "...")`.
 */
int errf(struct err *e, enum err_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Record an allocation failure in *e and return -1. */
int err_nomem(struct err *e);

/*
 * Write into buf (of size cap, cap >= 8) the value s (len bytes) quoted for a
 * diagnostic: surrounded by double quotes, inner quotes and backslashes
 * escaped, control bytes and bytes that are not valid UTF-8 shown as \n,
 * \r, \t or \xHH, and cut with "..." past
 * 60 bytes so one bad field cannot flood the terminal.  Returns buf.
 */
char *quote_value(char *buf, size_t cap, const char *s, size_t len);

/*
 * The length (2 to 4) of the valid UTF-8 sequence of more than one byte
 * that starts at s, reading at most len bytes (len >= 1); 0 for an ASCII
 * byte or anything that is not valid UTF-8 (overlong, surrogate, beyond
 * U+10FFFF, cut short).
 */
size_t utf8_len(const char *s, size_t len);

/*
 * Duplicate len bytes of s into a new NUL-terminated string owned by the
 * caller (free with free()).  Returns NULL when memory runs out.
 */
char *str_ndup(const char *s, size_t len);

/* Narrow [*s, *s + *len) to drop blanks (spaces, tabs) at both ends.
 * Inline: every field of every record passes here. */
static inline void
trim_blanks(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

/*
 * Make the array *p (of elements of size bytes, *cap of them allocated)
 * hold at least need elements, doubling from 64.  *p and *cap change only
 * on success.  Returns 0, or -1 if out of memory (the array is untouched).
 */
int grow_array(void **p, size_t *cap, size_t need, size_t size);

/*
 * A 64-bit hash of len bytes at s, for hash tables (not stable across
 * byte orders: never written out).
 */
uint64_t hash_bytes(const char *s, size_t len);

/*
 * Ask the processor to bring the cache line at p closer: a hint for a
 * lookup a few records later.  GCC may drop a __builtin_prefetch whose
 * address it can prove nothing about (seen in partscore's ring of
 * participants), so on x86-64 the instruction is written out.
 */
static inline void
prefetch_read(const void *p)
{
#if defined(__x86_64__) && defined(__GNUC__)
	__asm__ volatile("prefetcht0 %0" : : "m"(*(const char *)p));
#else
	__builtin_prefetch(p);
#endif
}

/* Is the len bytes at s the word w, ASCII letters in any case?  1 or 0. */
int word_is(const char *s, size_t len, const char *w);

/* Is the len bytes at s one of words (NULL-terminated), as word_is()
 * compares?  1 or 0. */
int word_in(const char *s, size_t len, const char *const *words);

/*
 * Is the len bytes at s a totals label, as Excel exports leave under a
 * table (合计, 总计, 小计, 共计 in either script, Total, Totals,
 * Subtotal, Grand total)?  Blanks, ideographic spaces and a trailing
 * colon (: or ：) are ignored, so "合  计：" is one; English in any case.
 * Returns 1 or 0.  A row so labelled is no record of the data.
 */
int totals_word(const char *s, size_t len);

/* Growable byte buffer; the owner frees data with free(). */
struct buf {
	char *data;
	size_t len, cap;
};

/* Make room for extra more bytes in b.  Returns 0, or -1 if out of memory. */
int buf_reserve(struct buf *b, size_t extra);

/* Append len bytes of s to b.  Returns 0, or -1 if out of memory. */
int buf_append(struct buf *b, const char *s, size_t len);

/*
 * Split a comma-separated list (such as "name,borough") into a new array of
 * new strings.  *out and each string are owned by the caller; free them with
 * strlist_free.  Empty items are kept as empty strings.  Returns the number
 * of items, or -1 if out of memory.
 */
int strlist_split(const char *s, char ***out);

/* Free an array of n strings made by strlist_split. */
void strlist_free(char **list, int n);

#endif
