/*
 * csvw.c - checked CSV output (csvw.h).
 */
#include "core/csvw.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csvio.h" /* struct csv_record */
#include "core/num.h"

#define WBUF 65536

struct csvw {
	int fd, owns_fd;
	int failed;     /* errno of a failed write, 0 if none */
	int lone_empty; /* the record so far is one empty field */
	const char *name;
	char *name_owned;
	size_t len, nfield;
	char buf[WBUF];
};

/* Bytes that force quoting: separator, quote, CR, LF. */
static int
needs_quote(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = s[i];
		if (c == ',' || c == '"' || c == '\n' || c == '\r')
			return 1;
	}
	return 0;
}

struct csvw *
csvw_new(int fd, const char *name, int owns_fd)
{
	struct csvw *w = malloc(sizeof *w);

	if (w == NULL)
		return NULL;
	w->fd = fd;
	w->owns_fd = owns_fd;
	w->failed = 0;
	w->lone_empty = 0;
	w->name = name;
	w->name_owned = NULL;
	w->len = 0;
	w->nfield = 0;
	return w;
}

struct csvw *
csvw_open(const char *path, struct err *e)
{
	struct csvw *w;
	int fd;

	if (strcmp(path, "-") == 0) {
		w = csvw_new(1, "<stdout>", 0);
		if (w == NULL)
			err_nomem(e);
		return w;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd < 0) {
		errf(e, ERR_IO, "%s: %s", path, strerror(errno));
		return NULL;
	}
	w = csvw_new(fd, NULL, 1);
	if (w == NULL || (w->name_owned = str_ndup(path, strlen(path))) == NULL) {
		free(w);
		close(fd);
		err_nomem(e);
		return NULL;
	}
	w->name = w->name_owned;
	return w;
}

int
csvw_flush(struct csvw *w, struct err *e)
{
	size_t off = 0;

	if (w->failed)
		return errf(e, ERR_IO, "%s: write error: %s", w->name,
		    strerror(w->failed));
	while (off < w->len) {
		ssize_t n = write(w->fd, w->buf + off, w->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			w->failed = errno;
			return errf(e, ERR_IO, "%s: write error: %s", w->name,
			    strerror(errno));
		}
		off += (size_t)n;
	}
	w->len = 0;
	return 0;
}

static int
put(struct csvw *w, const char *s, size_t len, struct err *e)
{
	while (len > 0) {
		size_t room = WBUF - w->len, n = len < room ? len : room;
		memcpy(w->buf + w->len, s, n);
		w->len += n;
		s += n;
		len -= n;
		if (w->len == WBUF && csvw_flush(w, e) < 0)
			return -1;
	}
	return 0;
}

static int
putc_w(struct csvw *w, char c, struct err *e)
{
	if (w->len == WBUF && csvw_flush(w, e) < 0)
		return -1;
	w->buf[w->len++] = c;
	return 0;
}

int
csvw_raw(struct csvw *w, const char *s, size_t len, struct err *e)
{
	if (w->nfield++ > 0 && putc_w(w, ',', e) < 0)
		return -1;
	return put(w, s, len, e);
}

int
csvw_field(struct csvw *w, const char *s, size_t len, struct err *e)
{
	const char *q;

	if (!needs_quote(s, len)) {
		int first = w->nfield == 0;

		if (csvw_raw(w, s, len, e) < 0)
			return -1;
		w->lone_empty = first && len == 0;
		return 0;
	}
	if (w->nfield++ > 0 && putc_w(w, ',', e) < 0)
		return -1;
	if (putc_w(w, '"', e) < 0)
		return -1;
	while ((q = memchr(s, '"', len)) != NULL) {
		size_t n = (size_t)(q - s) + 1;
		if (put(w, s, n, e) < 0 || putc_w(w, '"', e) < 0)
			return -1;
		s += n;
		len -= n;
	}
	if (put(w, s, len, e) < 0)
		return -1;
	return putc_w(w, '"', e);
}

int
csvw_num(struct csvw *w, double x, int decimals, int trim, struct err *e)
{
	char b[NUM_BUF];

	return csvw_raw(w, b, fmt_num(b, x, decimals, trim), e);
}

int
csvw_int(struct csvw *w, int64_t v, struct err *e)
{
	char b[32];
	int n = snprintf(b, sizeof b, "%" PRId64, v);

	return csvw_raw(w, b, (size_t)n, e);
}

int
csvw_str(struct csvw *w, const char *s, struct err *e)
{
	return csvw_field(w, s, strlen(s), e);
}

int
csvw_fields(struct csvw *w, const struct csv_record *rec, struct err *e)
{
	size_t i;

	for (i = 0; i < rec->nfields; i++)
		if (csvw_field(w, rec->field[i], rec->len[i], e) < 0)
			return -1;
	return 0;
}

int
csvw_reject(struct csvw *w, const struct csv_record *rec, const char *msg,
    struct err *e)
{
	if (csvw_fields(w, rec, e) < 0 || csvw_str(w, msg, e) < 0)
		return -1;
	return csvw_end(w, e);
}

int
csvw_reject_bad(struct csvw *w, const struct csv_record *rec,
    unsigned long long *rejected, struct err *e)
{
	struct err we;

	if (w == NULL)
		return -1;
	if (csvw_reject(w, rec, e->msg, &we) < 0) {
		*e = we;
		return -1;
	}
	(*rejected)++;
	e->kind = ERR_NONE;
	e->msg[0] = '\0';
	return 0;
}

/*
 * A record of one empty field would be a blank line, which readers skip:
 * it is written as "" instead.
 */
int
csvw_end(struct csvw *w, struct err *e)
{
	int lone = w->nfield == 1 && w->lone_empty;

	w->nfield = 0;
	w->lone_empty = 0;
	if (lone && put(w, "\"\"", 2, e) < 0)
		return -1;
	return putc_w(w, '\n', e);
}

int
csvw_close(struct csvw *w, struct err *e)
{
	int rc;

	if (w == NULL)
		return 0;
	rc = csvw_flush(w, e);
	if (w->owns_fd && close(w->fd) < 0 && rc == 0)
		rc = errf(e, ERR_IO, "%s: close error: %s", w->name,
		    strerror(errno));
	free(w->name_owned);
	free(w);
	return rc;
}
