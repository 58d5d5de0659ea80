/*
 * csvw.h - checked CSV output.
 *
 * A csvw buffers output for one file descriptor, quotes a field only when
 * it holds the separator, a quote, CR or LF, ends records with LF and
 * checks every write(2), so that a full disk is an error, not silence.
 * Numbers go out through csvw_num and csvw_int, the one number format
 * (num.h).  A file opened by name replaces the old one only when it is
 * closed after a complete, successful run (outfile.h); output may be
 * converted to another encoding, or start with a UTF-8 byte order mark,
 * for spreadsheets that expect it.
 */
#ifndef CSVW_H
#define CSVW_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

struct csv_record;

struct csvw;

/*
 * Start a writer on the file descriptor fd, named name in messages (the
 * string must outlive the writer).  If owns_fd is set, csvw_close() closes
 * fd.  Returns NULL if out of memory.
 */
struct csvw *csvw_new(int fd, const char *name, int owns_fd);

/*
 * Open path for writing and start a writer on it; "-" means standard
 * output.  A regular file (or a new name) is written to a temporary file
 * beside it, which csvw_close() moves into place and csvw_discard()
 * removes: until then the old file stays as it was.  Returns NULL with
 * *e set (ERR_IO or ERR_NOMEM).
 */
struct csvw *csvw_open(const char *path, struct err *e);

/*
 * Write w's output in encoding (an iconv name; NULL, "", "utf-8" keep
 * UTF-8) and, when bom is set, start it with a UTF-8 byte order mark.
 * Call before anything is written.  Returns 0, or -1 with *e set
 * (ERR_USAGE) for an encoding iconv does not know or a byte order mark
 * asked for with another encoding than UTF-8.
 */
int csvw_set_encoding(struct csvw *w, const char *encoding, int bom,
    struct err *e);

/* Append one field (quoted if needed) to the current record. */
int csvw_field(struct csvw *w, const char *s, size_t len, struct err *e);

/* Append one NUL-terminated field. */
int csvw_str(struct csvw *w, const char *s, struct err *e);

/* Append a field that is written as it is, never quoted (numbers). */
int csvw_raw(struct csvw *w, const char *s, size_t len, struct err *e);

/*
 * Append the number x as one field in the one number format (num.h):
 * decimals digits after the point, or the shortest round-trip text with
 * NUM_SHORTEST; trim drops trailing zeros of the decimals; NaN is an
 * empty field and -0 is 0.  The only way a tool writes a fractional
 * number.
 */
int csvw_num(struct csvw *w, double x, int decimals, int trim,
    struct err *e);

/* Append the whole number v as one field (counts, ranks). */
int csvw_int(struct csvw *w, int64_t v, struct err *e);

/* End the current record with LF. */
int csvw_end(struct csvw *w, struct err *e);

/* Write all fields of rec, without ending the record. */
int csvw_fields(struct csvw *w, const struct csv_record *rec, struct err *e);

/*
 * Start a reject file: the input's header, then "error" and "line".
 * From then on every row csvw_reject() writes has that many fields.
 */
int csvw_reject_header(struct csvw *w, const struct csv_record *header,
    struct err *e);

/*
 * Write a bad record to a reject file, and end it: its fields unchanged,
 * then msg (the error column) and, after csvw_reject_header(), the
 * physical line on which the record starts.  A record with another
 * number of fields than the header is written whole, as one CSV line (a
 * comma between fields), into the first column, the rest of its row
 * empty: the reject file stays rectangular and no byte is lost.  Returns
 * 0, or -1 with *e set.
 */
int csvw_reject(struct csvw *w, const struct csv_record *rec,
    const char *msg, struct err *e);

/*
 * The reject discipline for a bad record whose message is in *e: with a
 * reject writer w, write the record there with that message, add one to
 * *rejected, clear *e and return 0 (the caller goes on); without one (w
 * NULL), return -1 with *e as it is (the caller stops).  A failed write
 * also returns -1, with *e telling of it.
 */
int csvw_reject_bad(struct csvw *w, const struct csv_record *rec,
    unsigned long long *rejected, struct err *e);

/* Write buffered bytes to the descriptor.  0 or -1 with *e set (ERR_IO). */
int csvw_flush(struct csvw *w, struct err *e);

/*
 * Flush and, for a file opened by csvw_open(), write it to disk and close
 * it without putting it in place yet (outfile_seal()): a run with several
 * outputs seals them all before closing any, so that one that fails
 * leaves every old file as it was.  Returns 0 or -1 with *e set (ERR_IO).
 * The writer takes no more records; end it with csvw_close() (which then
 * only renames) or csvw_discard().
 */
int csvw_seal(struct csvw *w, struct err *e);

/*
 * Flush, close the descriptor if the writer owns it, put a file opened by
 * csvw_open() in place of the old one, and free the writer.  Returns 0,
 * or -1 with *e set if a write, the close or the rename failed (or a
 * write had failed before); the old file then stays as it was.  NULL is
 * allowed and returns 0.
 */
int csvw_close(struct csvw *w, struct err *e);

/*
 * End a failed run's writer: remove the temporary file of one opened by
 * csvw_open() on a file, so that the old file stays as it was; standard
 * output or a device gets what was written so far (up to the record
 * that failed), since it cannot be taken back.  Then close and free it.
 * NULL is allowed.
 */
void csvw_discard(struct csvw *w);

#endif
