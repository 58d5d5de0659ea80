#include "core/words.h"

#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"

enum { LIST_NEW, LIST_INDEXING, LIST_INDEXED, LIST_LONG };

static unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* FNV-1a over the bytes with ASCII letters folded to lower case. */
static uint32_t
word_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ fold((unsigned char)s[i])) * 16777619u;
	return h ^ (h >> 15);
}

/* Are the len bytes at a and at b the same word? */
static int
same(const char *a, const char *b, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (a[i] != b[i] && fold((unsigned char)a[i]) !=
		    fold((unsigned char)b[i]))
			return 0;
	return 1;
}

/* --- built-in word lists --- */

static int
list_scan(const struct word_list *l, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strlen(l->def[i].word) == len &&
		    same(l->def[i].word, s, len))
			return l->def[i].value;
	return -1;
}

/* Fill l's slots (l->state is LIST_INDEXING, held by this thread). */
static void
list_index(struct word_list *l)
{
	const size_t mask = WORD_LIST_SLOTS - 1;
	size_t i, k;

	if (l->n > WORD_LIST_SLOTS / 2) {
		atomic_store_explicit(&l->state, LIST_LONG,
		    memory_order_release);
		return;
	}
	memset(l->slot, 0, sizeof l->slot);
	for (i = 0; i < l->n; i++) {
		const char *w = l->def[i].word;
		size_t len = strlen(w);

		if (len > UINT16_MAX) { /* not a word: scan the list */
			atomic_store_explicit(&l->state, LIST_LONG,
			    memory_order_release);
			return;
		}

		for (k = word_hash(w, len) & mask; l->slot[k] != 0;
		    k = (k + 1) & mask) {
			const char *o = l->def[l->slot[k] - 1].word;
			if (strlen(o) == len && same(o, w, len))
				break; /* listed twice: the first stays */
		}
		if (l->slot[k] == 0) {
			l->slot[k] = (uint16_t)(i + 1);
			l->slen[k] = (uint16_t)len;
		}
	}
	atomic_store_explicit(&l->state, LIST_INDEXED, memory_order_release);
}

int
word_list_find(struct word_list *l, const char *s, size_t len)
{
	const size_t mask = WORD_LIST_SLOTS - 1;
	int st = atomic_load_explicit(&l->state, memory_order_acquire);
	size_t k;

	if (st != LIST_INDEXED) {
		int expect = LIST_NEW;

		if (st == LIST_NEW && atomic_compare_exchange_strong(
		    &l->state, &expect, LIST_INDEXING)) {
			list_index(l);
			st = atomic_load_explicit(&l->state,
			    memory_order_acquire);
		}
		if (st != LIST_INDEXED)
			return list_scan(l, s, len);
	}
	for (k = word_hash(s, len) & mask; l->slot[k] != 0;
	    k = (k + 1) & mask) {
		const struct word_def *d = &l->def[l->slot[k] - 1];
		if (l->slen[k] == len && same(d->word, s, len))
			return d->value;
	}
	return -1;
}

/* The yes/no words shared by caseflow (contacted, resolved) and
 * partscore (adopted). */
static const struct word_def yesno_defs[] = {
	{"yes", 1}, {"y", 1}, {"true", 1}, {"1", 1}, {"是", 1},
	{"no", 0}, {"n", 0}, {"false", 0}, {"0", 0}, {"否", 0},
};
static struct word_list yesno_list = WORD_LIST(yesno_defs);

int
yesno_word(const char *s, size_t len)
{
	return word_list_find(&yesno_list, s, len);
}

/* --- word maps --- */

static struct word_map_entry *
map_slot(const struct word_map *m, const char *s, size_t len)
{
	size_t k, mask = m->cap - 1;

	for (k = word_hash(s, len) & mask; m->slot[k].word != NULL;
	    k = (k + 1) & mask)
		if (m->slot[k].len == len && same(m->slot[k].word, s, len))
			break;
	return &m->slot[k];
}

int
word_map_find(const struct word_map *m, const char *s, size_t len)
{
	const struct word_map_entry *w;

	if (m == NULL || m->cap == 0)
		return -1;
	w = map_slot(m, s, len);
	return w->word != NULL ? w->value : -1;
}

/* Make room for one more word, the table at most half full. */
static int
map_grow(struct word_map *m)
{
	struct word_map old = *m;
	size_t i;

	if (m->cap != 0 && (m->n + 1) * 2 <= m->cap)
		return 0;
	m->cap = m->cap ? m->cap * 2 : 64;
	m->slot = calloc(m->cap, sizeof *m->slot);
	if (m->slot == NULL) {
		*m = old;
		return -1;
	}
	for (i = 0; i < old.cap; i++)
		if (old.slot[i].word != NULL)
			*map_slot(m, old.slot[i].word, old.slot[i].len) =
			    old.slot[i];
	free(old.slot);
	return 0;
}

int
word_map_add(struct word_map *m, const char *s, size_t len, int value,
    long line, const struct word_map_entry **had)
{
	struct word_map_entry *w;
	char *copy;

	if (m->cap != 0) {
		w = map_slot(m, s, len);
		if (w->word != NULL) {
			if (had != NULL)
				*had = w;
			return 1;
		}
	}
	if ((copy = str_ndup(s, len)) == NULL)
		return -1;
	if (map_grow(m) < 0) {
		free(copy);
		return -1;
	}
	w = map_slot(m, s, len);
	w->word = copy;
	w->len = len;
	w->value = value;
	w->line = line;
	m->n++;
	return 0;
}

void
word_map_free(struct word_map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->slot[i].word);
	free(m->slot);
	memset(m, 0, sizeof *m);
}

int
word_map_load(struct word_map *m, const char *path,
    const struct word_map_spec *spec, struct err *e)
{
	struct csv_opts o = {.delim = ',', .side = 1};
	struct csvr *r;
	struct csv_record *rec;
	size_t ncol, vcol;
	int got, rc = -1;

	if (csvr_open(&r, path, &o, e) < 0)
		return -1;
	if (csvr_column(r, "name", &ncol, e) < 0 ||
	    csvr_column(r, spec->column, &vcol, e) < 0)
		goto out;
	while ((got = csvr_next(r, &rec, e)) > 0) {
		const struct word_map_entry *had;
		const char *nm = rec->field[ncol], *v = rec->field[vcol];
		size_t nl = rec->len[ncol], vl = rec->len[vcol];
		char q[80];
		int val;

		if (csvr_check_width(r, rec, e) < 0)
			goto out;
		trim_blanks(&nm, &nl);
		trim_blanks(&v, &vl);
		if ((val = spec->decode(v, vl)) < 0) {
			errf(e, ERR_DATA, "%s:%ld: column \"%s\": %s %s",
			    csvr_name(r), rec->line, spec->column,
			    quote_value(q, sizeof q, rec->field[vcol],
				rec->len[vcol]), spec->what);
			goto out;
		}
		if (nl == 0) {
			errf(e, ERR_DATA, "%s:%ld: column \"name\": \"\" is "
			    "empty: every row names a word", csvr_name(r),
			    rec->line);
			goto out;
		}
		switch (word_map_add(m, nm, nl, val, rec->line, &had)) {
		case 0:
			break;
		case 1:
			if (had->value == val)
				break;
			errf(e, ERR_DATA, "%s:%ld: column \"name\": %s is "
			    "mapped to another %s on line %ld", csvr_name(r),
			    rec->line, quote_value(q, sizeof q, nm, nl),
			    spec->noun, had->line);
			goto out;
		default:
			err_nomem(e);
			goto out;
		}
	}
	if (got == 0)
		rc = 0;
out:
	csvr_close(r);
	return rc;
}
