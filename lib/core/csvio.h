/*
 * csvio.h - streaming CSV input over libcsv (and, through csvw.h, checked
 * CSV output).
 *
 * Reading: csvr_open() opens a file (or standard input), optionally converts
 * it from a legacy encoding to UTF-8 with iconv, drops a UTF-8 byte order
 * mark and reads the header.  csvr_next() then hands out one record at a
 * time together with the physical line on which it starts.  Memory is what
 * one record needs, whatever the length of the input.  Lines that start a
 * record and hold no quote are split directly (the common case, and the
 * same result); everything else goes through libcsv.  A tool's several
 * input files, one header for all, are a struct csvin.  Columns are named
 * by header name or 1-based position under one rule (csv_header_column).
 */
#ifndef CSVIO_H
#define CSVIO_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

/* How to read an input: separator and source encoding. */
struct csv_opts {
	unsigned char delim;  /* field separator: ',' (default), '\t' ... */
	/* NULL, "", "utf-8": as is; else an iconv name.  "" (the tools'
	 * default) also says the tool offers --encoding for this input, so
	 * that text that is not UTF-8 suggests --encoding gb18030; with NULL
	 * (side files that are UTF-8 only: rules, calendars, META) the
	 * message suggests converting the file instead. */
	const char *encoding;
	/* Set for a side file (rules, a calendar, a layer, META, last
	 * month's ranking): its skipped rows are not counted in
	 * csv_skipped_total(), which is about the data the summary counts. */
	int side;
};

/*
 * One record.  field[i] is NUL-terminated and len[i] bytes long (a field may
 * hold NUL bytes of its own; len is the truth).  line is the 1-based
 * physical line on which the record starts.  unterminated is set when the
 * input ended inside a quoted field.  The reader owns all of it; it stays
 * valid until the next csvr_next() or csvr_close() on the same reader.
 */
struct csv_record {
	size_t nfields;
	char **field;
	size_t *len;
	long line;
	int unterminated;
};

struct csvr;

/*
 * Open path for reading ("-" or NULL means standard input, named "<stdin>"
 * in messages) and read its header record.  On success *out is a new reader
 * that the caller frees with csvr_close() and 0 is returned.  On failure
 * returns -1 with *e set: a missing or unreadable file (ERR_IO), an unknown
 * encoding (ERR_USAGE), input without a header or with a header that is
 * not UTF-8 text without NUL bytes (ERR_DATA).
 */
int csvr_open(struct csvr **out, const char *path, const struct csv_opts *o,
    struct err *e);

/* The name used for the input in messages.  Owned by the reader. */
const char *csvr_name(const struct csvr *r);

/* The header record, owned by the reader and valid until csvr_close(). */
const struct csv_record *csvr_header(const struct csvr *r);


/*
 * Read the next record into *rec.  Returns 1 when a record was read, 0 at the
 * end of input and -1 on a read or encoding error (with *e set, ERR_IO or
 * ERR_DATA).  A record whose field count differs from the header's is still
 * returned: use csvr_check_width() to reject it.  Blank lines and rows whose
 * every field is empty or only spaces and tabs (",,,", "  ,  ,": what a
 * spreadsheet leaves after its cells are deleted) are skipped, the second
 * kind counted (csvr_skipped); a row cut by the end of input inside quotes
 * is never skipped.
 */
int csvr_next(struct csvr *r, struct csv_record **rec, struct err *e);

/*
 * The number of rows of only separators and blanks csvr_next() has skipped
 * on r so far (the header's place included; blank lines are not counted).
 */
unsigned long long csvr_skipped(const struct csvr *r);

/*
 * The rows of only separators and blanks every reader of this process
 * has skipped so far, side files (csv_opts.side) left out, for a tool's
 * summary line.  Not thread-safe: readers run on one thread.
 */
unsigned long long csv_skipped_total(void);

/*
 * The summary line's note of csv_skipped_total(): ", N empty rows skipped"
 * (", 1 empty row skipped"), or "" when there were none.  The text is in
 * static storage owned by csvio, valid until the next call.
 */
const char *csv_skipped_note(void);

/*
 * Check that rec has as many fields as the header, was terminated, and that
 * every field is UTF-8 text without a NUL byte.  Returns 0 if so, else -1
 * with a FILE:LINE message in *e (ERR_DATA) naming the column, the 1-based
 * byte and the value with its bad bytes written \xHH; bytes that are not
 * UTF-8 on input read without --encoding add a hint: try
 * --encoding gb18030 (csv_opts.encoding "") or convert the file.  The
 * header is checked the same way by csvr_open().
 */
int csvr_check_width(const struct csvr *r, const struct csv_record *rec,
    struct err *e);

/*
 * Set *e (ERR_DATA) to the one message of a bad value: FILE:LINE: column
 * "NAME": "VALUE" WHAT (the name cut at 80 bytes, the value quoted as
 * quote_value() does).  what is a phrase such as "is not a number".
 * Returns -1, for the caller to return.
 */
int csvr_bad_value(const struct csvr *r, const struct csv_record *rec,
    size_t col, const char *what, struct err *e);

/*
 * Find the column named by spec under the one rule every option that
 * names a column follows (csv_header_column): stores the 0-based index in
 * *idx and returns 0; returns -1 with *e set (ERR_DATA) naming the column
 * and listing the header when there is no such column.
 */
int csvr_column(const struct csvr *r, const char *spec, size_t *idx,
    struct err *e);

/*
 * The column of header h that spec names: a header name, exactly, first;
 * else a 1-based position written in decimal digits, leading zeros
 * allowed ("2" and "02" are the second column; "0" is none).  Stores the
 * 0-based index in *idx and returns 0, or returns -1 when there is no
 * such column.
 */
int csv_header_column(const struct csv_record *h, const char *spec,
    size_t *idx);

/* The index of the first header field that is exactly name, or -1. */
long csv_header_index(const struct csv_record *h, const char *name);

/* Close the reader and free everything it owns.  NULL is allowed. */
void csvr_close(struct csvr *r);

/*
 * Copy src (fields and lengths, and its line) into *dst, which the caller
 * then owns and frees with csv_record_free().  Returns 0, or -1 if out of
 * memory (*dst then holds what was copied, still to be freed).
 */
int csv_record_copy(struct csv_record *dst, const struct csv_record *src);

/* Free what csv_record_copy() put in *r and zero it.  A zeroed record is
 * allowed. */
void csv_record_free(struct csv_record *r);

/* Do a and b have the same fields, byte for byte?  1 or 0. */
int csv_record_equal(const struct csv_record *a, const struct csv_record *b);

/* --- several input files, one header --- */

/*
 * A tool's FILE arguments read as one input: the files in order, each
 * with a header that must equal the first file's byte for byte.  The
 * caller reads each file's records through csvin_reader() and then moves
 * on with csvin_next_file(), so records held across a file's end (in a
 * batch, say) can be finished while the reader that names them is still
 * open.  One file is open at a time.
 */
struct csvin;

/*
 * Open paths[0..n-1] ("-" is standard input; n == 0 means standard input
 * alone): the first file is opened and its header read.  On success *out
 * is a new input that the caller frees with csvin_close().  Returns 0, or
 * -1 with *e set as by csvr_open().  The caller keeps paths, which must
 * outlive the input.
 */
int csvin_open(struct csvin **out, char *const *paths, int n,
    const struct csv_opts *o, struct err *e);

/* The reader of the file being read (owned by the input; valid until the
 * next csvin_next_file() or csvin_close()). */
struct csvr *csvin_reader(const struct csvin *in);

/* The first file's header (owned by the input, valid until
 * csvin_close()). */
const struct csv_record *csvin_header(const struct csvin *in);

/*
 * Close the file being read and open the next one.  Returns 1 when the
 * next file is open, 0 when there is none left, -1 with *e set when it
 * cannot be read or its header differs from the first's
 * ("FILE:LINE: the header differs from that of FIRST", ERR_DATA).
 */
int csvin_next_file(struct csvin *in, struct err *e);

/* The rows of only separators and blanks skipped in all the files read so
 * far (csvr_skipped() summed). */
unsigned long long csvin_skipped(const struct csvin *in);

/* Close the input and free what it owns.  NULL is allowed. */
void csvin_close(struct csvin *in);

#include "core/csvw.h"

#endif
