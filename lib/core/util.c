#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int
errf(struct err *e, enum err_kind kind, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	e->kind = kind;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int
err_nomem(struct err *e)
{
	return errf(e, ERR_NOMEM, "out of memory");
}

size_t
utf8_len(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n, k;
	unsigned cp;

	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		n = 2;
	else if (u[0] >= 0xe0 && u[0] <= 0xef)
		n = 3;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (n > len)
		return 0;
	cp = u[0] & (0x7f >> n);
	for (k = 1; k < n; k++) {
		if ((u[k] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (u[k] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

char *
quote_value(char *buf, size_t cap, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i;
	int cut = 0;

	if (len > 60) {
		len = 60;
		cut = 1;
	}
	buf[o++] = '"';
	for (i = 0; i < len && o + 6 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else if (c == '\n') {
			buf[o++] = '\\';
			buf[o++] = 'n';
		} else if (c == '\r') {
			buf[o++] = '\\';
			buf[o++] = 'r';
		} else if (c == '\t') {
			buf[o++] = '\\';
			buf[o++] = 't';
		} else if (c < 0x20 || c == 0x7f) {
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		} else if (c < 0x80) {
			buf[o++] = (char)c;
		} else {
			/* Whole UTF-8 sequences as they are, other bytes as \xHH,
			 * so a message never carries invalid UTF-8. */
			size_t n = utf8_len(s + i, len - i), k;
			if (n == 0 || o + n + 6 >= cap) {
				buf[o++] = '\\';
				buf[o++] = 'x';
				buf[o++] = hex[c >> 4];
				buf[o++] = hex[c & 15];
			} else {
				for (k = 0; k < n; k++)
					buf[o++] = s[i + k];
				i += n - 1;
			}
		}
	}
	if (i < len)
		cut = 1;
	if (cut && o + 5 < cap) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}

char *
str_ndup(const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

int
buf_reserve(struct buf *b, size_t extra)
{
	size_t want, cap;
	char *p;

	if (b->cap - b->len >= extra)
		return 0;
	want = b->len + extra;
	if (want < b->len)
		return -1;
	cap = b->cap ? b->cap : 256;
	while (cap < want) {
		if (cap > ((size_t)-1) / 2)
			return -1;
		cap *= 2;
	}
	p = realloc(b->data, cap);
	if (p == NULL)
		return -1;
	b->data = p;
	b->cap = cap;
	return 0;
}

int
buf_append(struct buf *b, const char *s, size_t len)
{
	if (buf_reserve(b, len) < 0)
		return -1;
	if (len)
		memcpy(b->data + b->len, s, len);
	b->len += len;
	return 0;
}

int
strlist_split(const char *s, char ***out)
{
	const char *p, *q;
	char **list;
	int n = 1, i = 0;

	for (p = s; *p; p++)
		if (*p == ',')
			n++;
	list = calloc((size_t)n, sizeof *list);
	if (list == NULL)
		return -1;
	for (p = s;; p = q + 1) {
		q = strchr(p, ',');
		if (q == NULL)
			q = p + strlen(p);
		list[i] = str_ndup(p, (size_t)(q - p));
		if (list[i] == NULL) {
			strlist_free(list, i);
			return -1;
		}
		i++;
		if (*q == '\0')
			break;
	}
	*out = list;
	return n;
}

void
strlist_free(char **list, int n)
{
	int i;

	if (list == NULL)
		return;
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

int
grow_array(void **p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap ? *cap : 64;
	void *q;

	if (need <= *cap)
		return 0;
	while (c < need) {
		if (c > ((size_t)-1) / 2 / size)
			return -1;
		c *= 2;
	}
	q = realloc(*p, c * size);
	if (q == NULL)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

uint64_t
hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len, w;

	while (len >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 29;
		s += 8;
		len -= 8;
	}
	w = 0;
	memcpy(&w, s, len);
	h = (h ^ w) * 0x94d049bb133111ebULL;
	h ^= h >> 32;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 29;
	return h;
}

int
word_is(const char *s, size_t len, const char *w)
{
	return strlen(w) == len && strncasecmp(s, w, len) == 0;
}

int
word_in(const char *s, size_t len, const char *const *words)
{
	for (; *words; words++)
		if (word_is(s, len, *words))
			return 1;
	return 0;
}

int
totals_word(const char *s, size_t len)
{
	static const char *const words[] = {"合计", "合計", "总计", "總計",
	    "小计", "小計", "共计", "共計", "total", "totals", "subtotal",
	    "grandtotal", NULL};
	char w[32];
	size_t n = 0, i;

	/* Most fields are not: every word starts with t, s, g (any case)
	 * or the lead byte of 合 總 小 共 (e5 to e7); blanks (e3 for the
	 * ideographic space) may come first. */
	if (len > 0 && !strchr(" \ttTsSgG\xe3\xe5\xe6\xe7", s[0]))
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if (len - i >= 3 && memcmp(s + i, "\xe3\x80\x80", 3) == 0) {
			i += 2;
			continue;
		}
		if (n == sizeof w)
			return 0;
		w[n++] = s[i];
	}
	if (n > 0 && w[n - 1] == ':')
		n--;
	else if (n >= 3 && memcmp(w + n - 3, "\xef\xbc\x9a", 3) == 0)
		n -= 3; /* ： */
	return word_in(w, n, words);
}
