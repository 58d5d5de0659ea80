/*
 * csvw.c - checked CSV output (csvw.h).
 */
#include "core/csvw.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/csvio.h" /* struct csv_record */
#include "core/num.h"
#include "core/outfile.h"

#define WBUF 65536

struct csvw;
static int put(struct csvw *w, const char *s, size_t len, struct err *e);

struct csvw {
	int fd, owns_fd;
	int failed;     /* errno of a failed write, 0 if none */
	int lone_empty; /* the record so far is one empty field */
	const char *name;
	char *name_owned;
	struct outfile of; /* of.path set when opened by csvw_open */
	iconv_t cd;        /* (iconv_t)-1: UTF-8 out as it is */
	char *conv;        /* the converted bytes of one flush */
	size_t convcap;
	size_t reject_width; /* the input header's width, 0 before one */
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
	memset(&w->of, 0, sizeof w->of);
	w->of.fd = -1;
	w->cd = (iconv_t)-1;
	w->conv = NULL;
	w->convcap = 0;
	w->reject_width = 0;
	w->len = 0;
	w->nfield = 0;
	return w;
}

struct csvw *
csvw_open(const char *path, struct err *e)
{
	struct outfile of;
	struct csvw *w;

	if (strcmp(path, "-") == 0) {
		w = csvw_new(1, "<stdout>", 0);
		if (w == NULL)
			err_nomem(e);
		return w;
	}
	if (outfile_open(&of, path, 0, e) < 0)
		return NULL;
	w = csvw_new(of.fd, NULL, 1);
	if (w == NULL) {
		outfile_discard(&of);
		err_nomem(e);
		return NULL;
	}
	w->of = of;
	w->name = w->of.path;
	return w;
}

int
csvw_set_encoding(struct csvw *w, const char *encoding, int bom,
    struct err *e)
{
	static const char utf8_bom[] = "\xef\xbb\xbf";
	int utf8 = encoding == NULL || *encoding == '\0' ||
	    strcasecmp(encoding, "utf-8") == 0 ||
	    strcasecmp(encoding, "utf8") == 0;

	if (bom && !utf8)
		return errf(e, ERR_USAGE, "--bom: a byte order mark is only "
		    "written with UTF-8 output, not with %s", encoding);
	if (!utf8) {
		w->cd = iconv_open(encoding, "UTF-8");
		if (w->cd == (iconv_t)-1)
			return errf(e, ERR_USAGE, "--output-encoding: \"%s\" is "
			    "not an encoding iconv knows", encoding);
	}
	if (bom && w->len == 0 && w->nfield == 0)
		return put(w, utf8_bom, 3, e);
	return 0;
}

/* Write n bytes of p to the descriptor, all of them. */
static int
write_all(struct csvw *w, const char *p, size_t n, struct err *e)
{
	size_t off = 0;

	while (off < n) {
		ssize_t k = write(w->fd, p + off, n - off);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			w->failed = errno;
			return errf(e, ERR_IO, "%s: write error: %s", w->name,
			    strerror(errno));
		}
		off += (size_t)k;
	}
	return 0;
}

/*
 * Convert the buffer to the output encoding and write it.  A character
 * cut by the buffer's end stays in the buffer for the next flush.  A byte
 * that is not UTF-8 (a bad record of a GB18030 file read as UTF-8, on its
 * way to the reject file) is written as it is, so no byte of it is lost:
 * in a GB18030 output it is the record's own text again.  A character the
 * encoding cannot hold is an error (GB18030 holds every one).
 */
static int
flush_converted(struct csvw *w, struct err *e)
{
	char *in = w->buf, *out;
	size_t inleft = w->len, outleft;

	if (w->convcap == 0) {
		if ((w->conv = malloc(4 * WBUF)) == NULL)
			return err_nomem(e);
		w->convcap = 4 * WBUF;
	}
	out = w->conv;
	outleft = w->convcap;
	while (iconv(w->cd, &in, &inleft, &out, &outleft) == (size_t)-1 &&
	    errno != EINVAL) {
		if (errno == EILSEQ && (unsigned char)*in >= 0x80 &&
		    utf8_len(in, inleft) == 0 && outleft > 0) {
			*out++ = *in++;
			outleft--;
			inleft--;
			continue;
		}
		if (errno == EILSEQ) {
			char q[32];
			size_t n = utf8_len(in, inleft);

			w->failed = EILSEQ;
			return errf(e, ERR_IO, "%s: a character cannot be "
			    "written in the output encoding: %s", w->name,
			    quote_value(q, sizeof q, in, n ? n : 1));
		}
		w->failed = EIO;
		return errf(e, ERR_IO, "%s: cannot convert to the output "
		    "encoding: %s", w->name, strerror(errno));
	}
	if (write_all(w, w->conv, w->convcap - outleft, e) < 0)
		return -1;
	memmove(w->buf, in, inleft);
	w->len = inleft;
	return 0;
}

int
csvw_flush(struct csvw *w, struct err *e)
{
	if (w->failed)
		return errf(e, ERR_IO, "%s: write error: %s", w->name,
		    strerror(w->failed));
	if (w->cd != (iconv_t)-1)
		return flush_converted(w, e);
	if (write_all(w, w->buf, w->len, e) < 0)
		return -1;
	w->len = 0;
	return 0;
}

static int
put(struct csvw *w, const char *s, size_t len, struct err *e)
{
	while (len > 0) {
		size_t room = WBUF - w->len, n = len < room ? len : room;

		if (room == 0) {
			/* a converted flush may keep a cut character */
			if (csvw_flush(w, e) < 0)
				return -1;
			continue;
		}
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
	while (w->len == WBUF)
		if (csvw_flush(w, e) < 0)
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
csvw_reject_header(struct csvw *w, const struct csv_record *header,
    struct err *e)
{
	w->reject_width = header->nfields;
	if (csvw_fields(w, header, e) < 0 || csvw_str(w, "error", e) < 0 ||
	    csvw_str(w, "line", e) < 0)
		return -1;
	return csvw_end(w, e);
}

/*
 * A record that does not fit the header: its fields written as one CSV
 * line (the separator a comma), the whole of it in the first column.
 */
static int
reject_misfit(struct csvw *w, const struct csv_record *rec, struct err *e)
{
	struct buf text = {0};
	size_t i;
	int rc = -1;

	/* The fields quoted as csvw_field() quotes them, into memory. */
	for (i = 0; i < rec->nfields; i++) {
		const char *f = rec->field[i];
		size_t n = rec->len[i], k;

		if (i > 0 && buf_append(&text, ",", 1) < 0)
			goto nomem;
		if (!needs_quote(f, n)) {
			if (buf_append(&text, f, n) < 0)
				goto nomem;
			continue;
		}
		if (buf_append(&text, "\"", 1) < 0)
			goto nomem;
		for (k = 0; k < n; k++)
			if ((f[k] == '"' && buf_append(&text, "\"", 1) < 0) ||
			    buf_append(&text, f + k, 1) < 0)
				goto nomem;
		if (buf_append(&text, "\"", 1) < 0)
			goto nomem;
	}
	if (csvw_field(w, text.data ? text.data : "", text.len, e) < 0)
		goto out;
	for (i = 1; i < w->reject_width; i++)
		if (csvw_raw(w, "", 0, e) < 0)
			goto out;
	rc = 0;
	goto out;
nomem:
	err_nomem(e);
out:
	free(text.data);
	return rc;
}

int
csvw_reject(struct csvw *w, const struct csv_record *rec, const char *msg,
    struct err *e)
{
	int rc;

	if (w->reject_width == 0 || rec->nfields == w->reject_width)
		rc = csvw_fields(w, rec, e);
	else
		rc = reject_misfit(w, rec, e);
	if (rc < 0 || csvw_str(w, msg, e) < 0)
		return -1;
	if (w->reject_width > 0 && csvw_int(w, rec->line, e) < 0)
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

/* Free w and what it owns, the output file already dealt with. */
static void
free_w(struct csvw *w)
{
	if (w->cd != (iconv_t)-1)
		iconv_close(w->cd);
	free(w->conv);
	free(w->name_owned);
	free(w);
}

int
csvw_seal(struct csvw *w, struct err *e)
{
	if (csvw_flush(w, e) < 0)
		return -1;
	if (w->of.path == NULL || w->fd < 0)
		return 0;
	w->of.fd = w->fd;
	w->fd = -1;
	return outfile_seal(&w->of, e);
}

int
csvw_close(struct csvw *w, struct err *e)
{
	int rc;

	if (w == NULL)
		return 0;
	rc = w->fd < 0 ? 0 : csvw_flush(w, e);
	if (w->of.path != NULL) {
		/* Only a complete file replaces the old one. */
		if (rc == 0) {
			w->of.fd = w->fd;
			rc = outfile_commit(&w->of, e);
		} else {
			outfile_discard(&w->of);
		}
	} else if (w->owns_fd && close(w->fd) < 0 && rc == 0) {
		rc = errf(e, ERR_IO, "%s: close error: %s", w->name,
		    strerror(errno));
	}
	free_w(w);
	return rc;
}

void
csvw_discard(struct csvw *w)
{
	if (w == NULL)
		return;
	if (w->of.path != NULL) {
		outfile_discard(&w->of);
	} else {
		/* Standard output or a device: what the run wrote up to its
		 * failure goes out whole, not cut at a buffer's end. */
		struct err ignored;

		csvw_flush(w, &ignored);
		if (w->owns_fd)
			close(w->fd);
	}
	free_w(w);
}
