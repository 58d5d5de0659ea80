#include "core/csvio.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/num.h"
#include "core/testhooks.h"

#define READ_CHUNK 65536

/*
 * libcsv keeps its parser state in a public struct; 0 means no row has
 * begun and 2 means a field is open.  We read these to learn on which line
 * a record starts and whether the input ended inside quotes, which libcsv's
 * callbacks do not tell.
 */
#define LIBCSV_ROW_NOT_BEGUN 0
#define LIBCSV_FIELD_BEGUN 2

struct pending {
	size_t first; /* index of first field in r->offs */
	size_t n;
	long line;
	int unterminated;
	int text_ok; /* the whole line is known to be UTF-8 without NULs */
};

struct csvr {
	char *name;
	int fd, owns_fd, eof, finished;
	struct csv_parser parser;
	iconv_t cd; /* (iconv_t)-1 when no conversion */
	char *raw;  /* bytes read, not yet converted */
	size_t raw_len;
	char *conv; /* converted bytes */
	size_t conv_cap;
	int bom_checked;
	long line;      /* physical line of the next byte to feed */
	long row_line;  /* line on which the current row began */
	long cur_line;  /* start line of the record being built */
	/* Fields of the records being assembled: bytes + NUL in arena. */
	struct buf arena;
	size_t *offs, *lens;
	size_t nf, capf;
	struct pending *queue;
	size_t nq, capq, qhead;
	size_t cur_first; /* first field of the record being built */
	/* What csvr_next hands out. */
	struct csv_record out;
	size_t out_cap;
	int out_text_ok; /* out came from a line checked whole */
	struct csv_record header;
	int oom;
	/* A read or encoding error, held back until the records read
	 * before it have been handed out. */
	int has_err;
	struct err err;
	unsigned char delim;
	int libcsv_only; /* tests: every line through libcsv */
	size_t chunk;    /* bytes per read(2): READ_CHUNK, less in tests */
	int pending_cr;  /* the last byte fed was a CR: is an LF next? */
	int offers_encoding; /* csv_opts.encoding not NULL */
	unsigned long long skipped; /* rows of only blanks and separators */
	int side;   /* csv_opts.side: not counted in skipped_total */
};

/* Rows of only blanks and separators skipped by every reader so far. */
static unsigned long long skipped_total;

/*
 * Record a field already in the arena at off, len bytes, NUL after it.
 * Returns 0, or -1 (r->oom set) if out of memory.
 */
static int
add_field(struct csvr *r, size_t off, size_t len)
{
	if (r->nf == r->cur_first)
		r->cur_line = r->row_line;
	if (r->nf == r->capf) {
		size_t cap = r->capf ? r->capf * 2 : 64;
		size_t *o = realloc(r->offs, cap * sizeof *o);
		size_t *l;
		if (o == NULL) {
			r->oom = 1;
			return -1;
		}
		r->offs = o;
		l = realloc(r->lens, cap * sizeof *l);
		if (l == NULL) {
			r->oom = 1;
			return -1;
		}
		r->lens = l;
		r->capf = cap;
	}
	r->offs[r->nf] = off;
	r->lens[r->nf] = len;
	r->nf++;
	return 0;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct csvr *r = data;

	if (r->oom)
		return;
	if (r->nf == r->cur_first)
		r->cur_line = r->row_line;
	if (r->nf == r->capf) {
		size_t cap = r->capf ? r->capf * 2 : 64;
		size_t *o = realloc(r->offs, cap * sizeof *o);
		size_t *l;
		if (o == NULL) {
			r->oom = 1;
			return;
		}
		r->offs = o;
		l = realloc(r->lens, cap * sizeof *l);
		if (l == NULL) {
			r->oom = 1;
			return;
		}
		r->lens = l;
		r->capf = cap;
	}
	r->offs[r->nf] = r->arena.len;
	r->lens[r->nf] = len;
	if (s == NULL)
		len = 0;
	if (buf_reserve(&r->arena, len + 1) < 0) {
		r->oom = 1;
		return;
	}
	if (len)
		memcpy(r->arena.data + r->arena.len, s, len);
	r->arena.data[r->arena.len + len] = '\0';
	r->arena.len += len + 1;
	r->nf++;
}

static void
on_record(int c, void *data)
{
	struct csvr *r = data;
	struct pending *p;

	(void)c;
	if (r->oom)
		return;
	if (r->nq == r->capq) {
		size_t cap = r->capq ? r->capq * 2 : 4;
		struct pending *q = realloc(r->queue, cap * sizeof *q);
		if (q == NULL) {
			r->oom = 1;
			return;
		}
		r->queue = q;
		r->capq = cap;
	}
	p = &r->queue[r->nq++];
	p->first = r->cur_first;
	p->n = r->nf - r->cur_first;
	p->line = r->cur_line;
	p->unterminated = 0;
	p->text_ok = 0;
	r->cur_first = r->nf;
}

static size_t text_bad_at(const char *s, size_t len);

/*
 * The record the fast path just queued came from one physical line of
 * len bytes at s: checking the line once checks every field of it, since
 * the separators and quotes that cut it are ASCII and never split a
 * UTF-8 sequence.  One pass over the line instead of one per field.
 */
static void
line_checked(struct csvr *r, const char *s, size_t len)
{
	if (!r->oom && r->nq > 0)
		r->queue[r->nq - 1].text_ok = text_bad_at(s, len) == len;
}

/*
 * The fast path: a whole physical line that starts a record and holds no
 * quote and no CR but its last byte is split on the separator here, which
 * is what libcsv would make of it, without its per-byte callbacks.  Returns
 * 1 if the line was taken, 0 to leave it to libcsv.
 */
/*
 * A line with quotes, still on the fast path when every quote opens a
 * field and closes it right before a separator or the line's end, with no
 * doubled quote inside (a WKT column, say).  Anything else, libcsv.
 * Fields are only added once the whole line is known to qualify.
 */
static int
split_quoted_line(struct csvr *r, const char *s, const char *end)
{
	const char *p, *fs[1024], *fe[1024];
	size_t nf = 0, i;

	for (p = s;;) {
		const char *a, *b;
		if (nf == sizeof fs / sizeof fs[0])
			return 0;
		if (p < end && *p == '"') {
			const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));
			if (q == NULL || (q + 1 < end && q[1] != (char)r->delim))
				return 0;
			a = p + 1;
			b = q;
			p = q + 1;
		} else {
			const char *d = memchr(p, r->delim, (size_t)(end - p));
			b = d ? d : end;
			if (memchr(p, '"', (size_t)(b - p)) != NULL)
				return 0;
			a = p;
			p = b;
		}
		fs[nf] = a;
		fe[nf] = b;
		nf++;
		if (p >= end)
			break;
		p++; /* the separator */
		if (p == end) {
			fs[nf] = fe[nf] = end; /* a last, empty field */
			nf++;
			break;
		}
	}
	r->row_line = r->line;
	for (i = 0; i < nf; i++)
		on_field((void *)fs[i], (size_t)(fe[i] - fs[i]), r);
	on_record('\n', r);
	line_checked(r, s, (size_t)(end - s));
	return 1;
}

/* clean: the caller knows the line holds no quote and no CR. */
static int
split_plain_line(struct csvr *r, const char *s, size_t n, int clean)
{
	const char *end = s + n - 1; /* at the LF */
	const char *p;

	if (r->libcsv_only || r->parser.pstate != LIBCSV_ROW_NOT_BEGUN)
		return 0;
	if (!clean && end > s && end[-1] == '\r')
		end--;
	if (end == s)
		return 1; /* a blank line: libcsv skips it too */
	if (!clean && memchr(s, '\r', (size_t)(end - s)) != NULL)
		return 0;
	if (!clean && memchr(s, '"', (size_t)(end - s)) != NULL)
		return split_quoted_line(r, s, end);
	r->row_line = r->line;
	/* Copy the line once and cut it into fields in place: the
	 * separators become the fields' NULs. */
	{
		size_t len = (size_t)(end - s), at;
		char *d;

		if (buf_reserve(&r->arena, len + 1) < 0) {
			r->oom = 1;
			return 1;
		}
		at = r->arena.len;
		d = r->arena.data + at;
		memcpy(d, s, len);
		d[len] = '\0';
		r->arena.len += len + 1;
		for (p = d;;) {
			char *sep = memchr(p, r->delim, (size_t)(d + len - p));
			size_t fl = sep ? (size_t)(sep - p) : (size_t)(d + len - p);

			if (add_field(r, (size_t)(p - r->arena.data), fl) < 0)
				return 1;
			if (sep == NULL)
				break;
			*sep = '\0';
			p = sep + 1;
		}
	}
	on_record('\n', r);
	line_checked(r, s, (size_t)(end - s));
	return 1;
}

/* Feed converted bytes to libcsv one physical line at a time. */
/* One physical line ended: the next row, if one starts, starts here. */
static void
line_ended(struct csvr *r)
{
	r->line++;
	if (r->parser.pstate == LIBCSV_ROW_NOT_BEGUN)
		r->row_line = r->line;
}

/*
 * CR, LF and CRLF each end one physical line, wherever the read chunks
 * cut the input: a CR that ends a chunk is counted when the next byte is
 * known not to be an LF.
 */
static int
feed(struct csvr *r, const char *s, size_t len, struct err *e)
{
	/* A chunk with no quote and no CR anywhere (the common case) needs
	 * no search for them line by line. */
	int clean = memchr(s, '"', len) == NULL && memchr(s, '\r', len) == NULL;

	if (r->pending_cr && len > 0) {
		r->pending_cr = 0;
		if (s[0] != '\n')
			line_ended(r);
	}
	while (len > 0) {
		const char *nl = memchr(s, '\n', len);
		size_t n = nl ? (size_t)(nl - s) + 1 : len;
		int bare_cr = 0;

		if (!clean) {
			const char *cr = memchr(s, '\r', n);

			/* A CR not right before the LF ends a line of its
			 * own: the piece stops after it. */
			if (cr != NULL && !(nl != NULL && cr == nl - 1)) {
				if (cr + 1 == s + len) {
					r->pending_cr = 1;
				} else {
					n = (size_t)(cr - s) + 1;
					nl = NULL;
					bare_cr = 1;
				}
			}
		}
		if (nl && split_plain_line(r, s, n, clean)) {
			if (r->oom)
				return err_nomem(e);
		} else if (csv_parse(&r->parser, s, n, on_field, on_record,
		    r) != n || r->oom)
			return err_nomem(e);
		if (nl || bare_cr)
			line_ended(r);
		s += n;
		len -= n;
	}
	return 0;
}

static int
feed_checked(struct csvr *r, const char *s, size_t len, struct err *e)
{
	/*
	 * Wait until three bytes are there, unless the input is short; iconv
	 * may give none yet when the first bytes are an incomplete character.
	 */
	if (!r->bom_checked && len > 0) {
		if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			len -= 3;
		}
		r->bom_checked = 1;
	}
	return feed(r, s, len, e);
}

/* Convert raw bytes and feed them; keep an incomplete tail for later. */
static int
convert_and_feed(struct csvr *r, int at_eof, struct err *e)
{
	char *in = r->raw;
	size_t inleft = r->raw_len;

	while (inleft > 0) {
		char *out = r->conv;
		size_t outleft = r->conv_cap;
		size_t rc = iconv(r->cd, &in, &inleft, &out, &outleft);
		int saved = errno;

		if (feed_checked(r, r->conv, r->conv_cap - outleft, e) < 0)
			return -1;
		if (rc != (size_t)-1)
			break;
		if (saved == E2BIG)
			continue;
		if (saved == EINVAL && !at_eof)
			break;
		{
			char q[80];
			return errf(e, ERR_DATA,
			    "%s:%ld: invalid byte sequence for encoding: %s",
			    r->name, r->line,
			    quote_value(q, sizeof q, in, inleft < 4 ? inleft : 4));
		}
	}
	memmove(r->raw, in, inleft);
	r->raw_len = inleft;
	return 0;
}

/* Read and parse until a record is queued or the input ends. */
static int
fill(struct csvr *r, struct err *e)
{
	while (r->qhead == r->nq && !r->finished) {
		if (!r->eof) {
			ssize_t n;
			/* (room for one byte more while a BOM or a character
			 * is incomplete, when tests read in tiny chunks) */
			size_t room = r->raw_len < r->chunk ?
			    r->chunk - r->raw_len : 1;

			n = read(r->fd, r->raw + r->raw_len, room);
			if (n < 0) {
				if (errno == EINTR)
					continue;
				return errf(e, ERR_IO, "%s: read error: %s",
				    r->name, strerror(errno));
			}
			if (n == 0)
				r->eof = 1;
			r->raw_len += (size_t)n;
			if (r->cd != (iconv_t)-1) {
				if (convert_and_feed(r, r->eof, e) < 0)
					return -1;
			} else {
				if (r->raw_len < 3 && !r->eof && !r->bom_checked)
					continue;
				if (feed_checked(r, r->raw, r->raw_len, e) < 0)
					return -1;
				r->raw_len = 0;
			}
			continue;
		}
		/* End of input: flush the last record. */
		{
			int open_quote = r->parser.pstate == LIBCSV_FIELD_BEGUN &&
			    r->parser.quoted;
			size_t before = r->nq;

			if (r->cd != (iconv_t)-1)
				iconv(r->cd, NULL, NULL, NULL, NULL);
			csv_fini(&r->parser, on_field, on_record, r);
			if (r->oom)
				return err_nomem(e);
			if (open_quote && r->nq > before)
				r->queue[r->nq - 1].unterminated = 1;
			r->finished = 1;
		}
	}
	return 0;
}

static int
make_out(struct csvr *r, struct csv_record *rec, const struct pending *p)
{
	size_t i;

	if (p->n > r->out_cap || rec->field == NULL) {
		size_t cap = p->n > 16 ? p->n : 16;
		char **f = realloc(rec->field, cap * sizeof *f);
		size_t *l;
		if (f == NULL)
			return -1;
		rec->field = f;
		l = realloc(rec->len, cap * sizeof *l);
		if (l == NULL)
			return -1;
		rec->len = l;
		r->out_cap = cap;
	}
	for (i = 0; i < p->n; i++) {
		rec->field[i] = r->arena.data + r->offs[p->first + i];
		rec->len[i] = r->lens[p->first + i];
	}
	rec->nfields = p->n;
	rec->line = p->line;
	rec->unterminated = p->unterminated;
	r->out_text_ok = p->text_ok;
	return 0;
}

static int
next_record(struct csvr *r, struct csv_record **rec, struct err *e)
{
	if (r->qhead == r->nq && r->has_err) {
		if (e != NULL)
			*e = r->err;
		return -1;
	}
	if (r->qhead == r->nq) {
		/* Everything handed out: reuse the storage. */
		size_t keep = r->nf - r->cur_first;

		if (keep == 0) {
			r->arena.len = 0;
		} else {
			/* Move the fields of the unfinished record to the front. */
			size_t base = r->offs[r->cur_first], i;

			memmove(r->arena.data, r->arena.data + base,
			    r->arena.len - base);
			r->arena.len -= base;
			for (i = 0; i < keep; i++) {
				r->offs[i] = r->offs[r->cur_first + i] - base;
				r->lens[i] = r->lens[r->cur_first + i];
			}
		}
		r->nf = keep;
		r->cur_first = 0;
		r->nq = r->qhead = 0;
		if (fill(r, &r->err) < 0) {
			/* Hand out the records before the error first. */
			r->has_err = 1;
			if (r->qhead == r->nq) {
				if (e != NULL)
					*e = r->err;
				return -1;
			}
		}
		if (r->qhead == r->nq)
			return 0;
	}
	if (make_out(r, &r->out, &r->queue[r->qhead]) < 0)
		return err_nomem(e);
	r->qhead++;
	*rec = &r->out;
	return 1;
}

/*
 * Is every field of rec empty or made of spaces and tabs alone (a row of
 * separators, what a spreadsheet leaves after its cells are deleted)?  A
 * record cut by the end of input inside quotes is never blank: it is an
 * error of its own.
 */
static int
record_blank(const struct csv_record *rec)
{
	size_t i, k;

	if (rec->unterminated)
		return 0;
	for (i = 0; i < rec->nfields; i++)
		for (k = 0; k < rec->len[i]; k++)
			if (rec->field[i][k] != ' ' && rec->field[i][k] != '\t')
				return 0;
	return 1;
}

int
csvr_next(struct csvr *r, struct csv_record **rec, struct err *e)
{
	int got;

	while ((got = next_record(r, rec, e)) == 1 && record_blank(*rec)) {
		r->skipped++;
		skipped_total += !r->side;
	}
	return got;
}

unsigned long long
csvr_skipped(const struct csvr *r)
{
	return r->skipped;
}

unsigned long long
csv_skipped_total(void)
{
	return skipped_total;
}

const char *
csv_skipped_note(void)
{
	static char note[64];

	if (skipped_total == 0)
		return "";
	snprintf(note, sizeof note, ", %llu empty row%s skipped",
	    skipped_total, skipped_total == 1 ? "" : "s");
	return note;
}

static int
space_never(unsigned char c)
{
	(void)c;
	return 0;
}

int
csv_record_copy(struct csv_record *dst, const struct csv_record *src)
{
	size_t i;

	memset(dst, 0, sizeof *dst);
	dst->line = src->line;
	dst->unterminated = src->unterminated;
	dst->field = calloc(src->nfields + 1, sizeof *dst->field);
	dst->len = calloc(src->nfields + 1, sizeof *dst->len);
	if (dst->field == NULL || dst->len == NULL)
		return -1;
	for (i = 0; i < src->nfields; i++) {
		if ((dst->field[i] = str_ndup(src->field[i], src->len[i])) ==
		    NULL)
			return -1;
		dst->len[i] = src->len[i];
		dst->nfields = i + 1;
	}
	return 0;
}

void
csv_record_free(struct csv_record *r)
{
	size_t i;

	if (r->field != NULL)
		for (i = 0; i < r->nfields; i++)
			free(r->field[i]);
	free(r->field);
	free(r->len);
	memset(r, 0, sizeof *r);
}

int
csv_record_equal(const struct csv_record *a, const struct csv_record *b)
{
	size_t i;

	if (a->nfields != b->nfields)
		return 0;
	for (i = 0; i < a->nfields; i++)
		if (a->len[i] != b->len[i] ||
		    memcmp(a->field[i], b->field[i], a->len[i]) != 0)
			return 0;
	return 1;
}

/*
 * The offset of the first byte of s[0..len) that is a NUL or starts no
 * valid UTF-8 sequence, or len when there is none.  Eight ASCII bytes at
 * a time while there are eight left: a word with no high bit and no zero
 * byte needs no closer look.
 */
static size_t
text_bad_at(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t i = 0;

	while (i < len) {
		unsigned char c;
		size_t n;

		while (len - i >= 8) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (((w | ((w - ones) & ~w)) & highs) != 0)
				break;
			i += 8;
		}
		if (i == len)
			break;
		c = (unsigned char)s[i];
		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		if ((n = utf8_len(s + i, len - i)) == 0)
			return i;
		i += n;
	}
	return len;
}

/*
 * Check that every field of rec is UTF-8 text without NUL bytes (header
 * set: rec is the header).  Returns 0, or -1 with a FILE:LINE message
 * naming the column, the byte and the value in *e (ERR_DATA).  Without
 * --encoding, bytes that are not UTF-8 most likely come from a GB18030
 * export, and the message says so, suggesting --encoding gb18030 where
 * the tool offers it for this file.
 */
static int
check_text(const struct csvr *r, const struct csv_record *rec, int header,
    struct err *e)
{
	size_t i;

	if (rec == &r->out && r->out_text_ok)
		return 0;
	for (i = 0; i < rec->nfields; i++) {
		size_t at = text_bad_at(rec->field[i], rec->len[i]);
		char q[300], col[100];

		if (at == rec->len[i])
			continue;
		if (header)
			snprintf(col, sizeof col, "header field %zu", i + 1);
		else {
			char h[80];

			snprintf(col, sizeof col, "column %s",
			    quote_value(h, sizeof h, r->header.field[i],
				r->header.len[i]));
		}
		quote_value(q, sizeof q, rec->field[i], rec->len[i]);
		if (rec->field[i][at] == '\0')
			return errf(e, ERR_DATA, "%s:%ld: %s: a NUL byte at byte "
			    "%zu: %s", r->name, rec->line, col, at + 1, q);
		return errf(e, ERR_DATA, "%s:%ld: %s: not valid UTF-8 at byte "
		    "%zu%s: %s", r->name, rec->line, col, at + 1,
		    r->cd != (iconv_t)-1 ? "" : r->offers_encoding ?
		    " (is the file GB18030? try --encoding gb18030)" :
		    " (is the file GB18030? convert it to UTF-8)", q);
	}
	return 0;
}

/* csvr_open(), or with libcsv_only set, csvr_open_libcsv(); chunk:
 * the bytes per read (csvr_open_chunked()). */
static int
open_reader(struct csvr **out, const char *path, const struct csv_opts *o,
    int libcsv_only, size_t chunk, struct err *e)
{
	struct csvr *r;
	struct csv_record *h;
	int rc;

	r = calloc(1, sizeof *r);
	if (r == NULL)
		return err_nomem(e);
	r->fd = -1;
	r->cd = (iconv_t)-1;
	r->line = r->row_line = r->cur_line = 1;
	if (path == NULL || strcmp(path, "-") == 0) {
		r->name = str_ndup("<stdin>", 7);
		r->fd = 0;
	} else {
		r->name = str_ndup(path, strlen(path));
		r->fd = open(path, O_RDONLY);
		r->owns_fd = 1;
		if (r->fd < 0) {
			errf(e, ERR_IO, "%s: %s", path, strerror(errno));
			goto fail;
		}
	}
	r->raw = malloc(READ_CHUNK);
	if (r->name == NULL || r->raw == NULL) {
		err_nomem(e);
		goto fail;
	}
	if (o && o->encoding && *o->encoding &&
	    strcasecmp(o->encoding, "utf-8") != 0 &&
	    strcasecmp(o->encoding, "utf8") != 0) {
		r->cd = iconv_open("UTF-8", o->encoding);
		if (r->cd == (iconv_t)-1) {
			char q[80];
			errf(e, ERR_USAGE, "unknown encoding: %s",
			    quote_value(q, sizeof q, o->encoding,
				strlen(o->encoding)));
			goto fail;
		}
		r->conv_cap = READ_CHUNK * 2;
		r->conv = malloc(r->conv_cap);
		if (r->conv == NULL) {
			err_nomem(e);
			goto fail;
		}
	}
	if (csv_init(&r->parser, 0) != 0) {
		err_nomem(e);
		goto fail;
	}
	csv_set_space_func(&r->parser, space_never);
	r->delim = o && o->delim ? o->delim : ',';
	r->libcsv_only = libcsv_only;
	r->chunk = chunk;
	r->offers_encoding = o && o->encoding != NULL;
	r->side = o && o->side;
	csv_set_delim(&r->parser, r->delim);
	rc = csvr_next(r, &h, e);
	if (rc < 0)
		goto fail;
	if (rc == 0) {
		errf(e, ERR_DATA, "%s: empty input: a header row is required",
		    r->name);
		goto fail;
	}
	if (h->unterminated) {
		errf(e, ERR_DATA, "%s:%ld: unterminated quoted field in header",
		    r->name, h->line);
		goto fail;
	}
	if (check_text(r, h, 1, e) < 0)
		goto fail;
	if (csv_record_copy(&r->header, h) < 0) {
		err_nomem(e);
		goto fail;
	}
	*out = r;
	return 0;
fail:
	csvr_close(r);
	return -1;
}

int
csvr_open(struct csvr **out, const char *path, const struct csv_opts *o,
    struct err *e)
{
	return open_reader(out, path, o, 0, READ_CHUNK, e);
}

int
csvr_open_libcsv(struct csvr **out, const char *path,
    const struct csv_opts *o, struct err *e)
{
	return open_reader(out, path, o, 1, READ_CHUNK, e);
}

int
csvr_open_chunked(struct csvr **out, const char *path,
    const struct csv_opts *o, size_t chunk, struct err *e)
{
	if (chunk < 1 || chunk > READ_CHUNK)
		chunk = READ_CHUNK;
	return open_reader(out, path, o, 0, chunk, e);
}

const char *
csvr_name(const struct csvr *r)
{
	return r->name;
}

const struct csv_record *
csvr_header(const struct csvr *r)
{
	return &r->header;
}

int
csvr_check_width(const struct csvr *r, const struct csv_record *rec,
    struct err *e)
{
	if (rec->unterminated)
		return errf(e, ERR_DATA,
		    "%s:%ld: unterminated quoted field at end of input",
		    r->name, rec->line);
	if (rec->nfields != r->header.nfields)
		return errf(e, ERR_DATA,
		    "%s:%ld: expected %zu fields as in the header, found %zu",
		    r->name, rec->line, r->header.nfields, rec->nfields);
	return check_text(r, rec, 0, e);
}

long
csv_header_index(const struct csv_record *h, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < h->nfields; i++)
		if (h->len[i] == n && memcmp(h->field[i], name, n) == 0)
			return (long)i;
	return -1;
}

int
csv_header_column(const struct csv_record *h, const char *spec,
    size_t *idx)
{
	size_t n = strlen(spec);
	long i = csv_header_index(h, spec);

	if (i >= 0) {
		*idx = (size_t)i;
		return 0;
	}
	if (n > 0 && strspn(spec, "0123456789") == n) {
		/* Past ULONG_MAX strtoul gives ULONG_MAX: no column. */
		unsigned long pos = strtoul(spec, NULL, 10);
		if (pos >= 1 && pos <= h->nfields) {
			*idx = pos - 1;
			return 0;
		}
	}
	return -1;
}

int
csvr_column(const struct csvr *r, const char *spec, size_t *idx,
    struct err *e)
{
	const struct csv_record *h = &r->header;
	size_t i, n = strlen(spec);
	char list[600], q[80];
	size_t o = 0;

	if (csv_header_column(h, spec, idx) == 0)
		return 0;
	list[0] = '\0';
	for (i = 0; i < h->nfields && o + 4 < sizeof list; i++) {
		int w = snprintf(list + o, sizeof list - o, "%s%s",
		    i ? "," : "", h->field[i]);
		if (w < 0)
			break;
		o += (size_t)w;
	}
	/* Mark a list cut short, inside a name or after a whole one. */
	if (o >= sizeof list || i < h->nfields) {
		if (o > sizeof list - 4)
			o = sizeof list - 4;
		memcpy(list + o, "...", 4);
	}
	return errf(e, ERR_DATA, "%s: no column %s; the header is: %s",
	    r->name, quote_value(q, sizeof q, spec, n), list);
}

void
csvr_close(struct csvr *r)
{
	if (r == NULL)
		return;
	if (r->owns_fd && r->fd >= 0)
		close(r->fd);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	csv_free(&r->parser);
	free(r->raw);
	free(r->conv);
	free(r->arena.data);
	free(r->offs);
	free(r->lens);
	free(r->queue);
	free(r->out.field);
	free(r->out.len);
	csv_record_free(&r->header);
	free(r->name);
	free(r);
}

/* --- several input files, one header --- */

struct csvin {
	char *const *paths;
	int n, next;            /* files, and the index of the next one */
	struct csv_opts opts;
	struct csvr *r;         /* the file being read */
	struct csv_record head; /* the first file's header */
	char *first;            /* the first file's name */
	unsigned long long skipped; /* blank rows of the files closed */
};

static char *const stdin_only[] = {"-"};

int
csvin_open(struct csvin **out, char *const *paths, int n,
    const struct csv_opts *o, struct err *e)
{
	struct csvin *in = calloc(1, sizeof *in);

	if (in == NULL)
		return err_nomem(e);
	if (n == 0) {
		paths = stdin_only;
		n = 1;
	}
	in->paths = paths;
	in->n = n;
	in->next = 1;
	if (o != NULL)
		in->opts = *o;
	if (csvr_open(&in->r, paths[0], o, e) < 0) {
		free(in);
		return -1;
	}
	if (csv_record_copy(&in->head, csvr_header(in->r)) < 0 ||
	    (in->first = str_ndup(csvr_name(in->r),
		strlen(csvr_name(in->r)))) == NULL) {
		csvin_close(in);
		return err_nomem(e);
	}
	*out = in;
	return 0;
}

struct csvr *
csvin_reader(const struct csvin *in)
{
	return in->r;
}

const struct csv_record *
csvin_header(const struct csvin *in)
{
	return &in->head;
}

int
csvin_next_file(struct csvin *in, struct err *e)
{
	const struct csv_record *h;

	if (in->r != NULL)
		in->skipped += csvr_skipped(in->r);
	csvr_close(in->r);
	in->r = NULL;
	if (in->next >= in->n)
		return 0;
	if (csvr_open(&in->r, in->paths[in->next++], &in->opts, e) < 0)
		return -1;
	h = csvr_header(in->r);
	if (!csv_record_equal(&in->head, h))
		return errf(e, ERR_DATA, "%s:%ld: the header differs from that "
		    "of %s", csvr_name(in->r), h->line, in->first);
	return 1;
}

unsigned long long
csvin_skipped(const struct csvin *in)
{
	return in->skipped + (in->r != NULL ? csvr_skipped(in->r) : 0);
}

void
csvin_close(struct csvin *in)
{
	if (in == NULL)
		return;
	csvr_close(in->r);
	csv_record_free(&in->head);
	free(in->first);
	free(in);
}

int
csvr_bad_value(const struct csvr *r, const struct csv_record *rec,
    size_t col, const char *what, struct err *e)
{
	char q[160];
	const struct csv_record *h = csvr_header(r);

	return errf(e, ERR_DATA, "%s:%ld: column \"%.*s\": %s %s",
	    csvr_name(r), rec->line, (int)(h->len[col] > 80 ? 80 : h->len[col]),
	    h->field[col], quote_value(q, sizeof q, rec->field[col],
		rec->len[col]), what);
}
