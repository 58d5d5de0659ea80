/*
 * outfile.h - output files that replace the old one only on success.
 *
 * A failed run must leave a user's file as it was.  outfile_open() writes
 * a regular file (or a name that does not exist yet) through a temporary
 * file beside it, ".NAME.XXXXXX" in the same folder, so that
 * outfile_commit() can rename(2) it into place in one step; anything that
 * is not a regular file (/dev/null, a terminal, a FIFO, /dev/stdout) is
 * written in place, since renaming over it would be wrong.  The new file
 * takes the old one's permission bits, or 0666 less the umask.
 *
 * Every temporary file not yet committed or discarded is removed when the
 * process exits through exit(3), so an early exit (memory, say) leaves no
 * ".NAME.XXXXXX" behind, and when it is killed by SIGHUP, SIGINT, SIGPIPE
 * or SIGTERM (a reader that went away, Ctrl-C, a cron timeout), unless
 * the signal was ignored when the first file was opened; the signal then
 * ends the process as it would have.  Not thread-safe: outputs are opened and closed
 * by the main thread.
 */
#ifndef OUTFILE_H
#define OUTFILE_H

#include <stddef.h>

#include "core/util.h"

/* One output file.  All of it is owned by the outfile functions. */
struct outfile {
	char *path;  /* the name the user gave */
	char *final; /* the file renamed onto (path, symlinks resolved) */
	char *tmp;   /* the temporary file, NULL when written in place */
	int fd;      /* -1 once closed */
};

/*
 * Open path for writing as described above; suffix_len bytes at the end
 * of path (an extension such as ".png", which a program deciding the
 * format by the name needs) are kept at the end of the temporary name.
 * On success fills *of and returns 0: of->fd is open for writing and
 * outfile_write_path(of) is the name to write to.  On failure returns -1
 * with *e set (ERR_IO naming path, or ERR_NOMEM) and *of needs no
 * cleanup.
 */
int outfile_open(struct outfile *of, const char *path, size_t suffix_len,
    struct err *e);

/* The name the data goes to now: the temporary file, or path itself
 * when written in place.  Owned by *of. */
const char *outfile_write_path(const struct outfile *of);

/*
 * Make the file durable and close it without putting it in place yet:
 * fsync(2) a temporary file, then close of->fd.  A caller with several
 * outputs seals every one before committing any, so that a failure of
 * one (a full disk shows at the latest here) leaves all the old files as
 * they were.  Returns 0, or -1 with *e set (ERR_IO); *of stays for
 * outfile_commit() or outfile_discard() either way.
 */
int outfile_seal(struct outfile *of, struct err *e);

/*
 * Close of->fd if still open and move the temporary file into place.
 * Returns 0, or -1 with *e set (ERR_IO) when closing or renaming failed;
 * the temporary file is then removed.  Frees what *of owns either way.
 */
int outfile_commit(struct outfile *of, struct err *e);

/*
 * Close of->fd if still open, remove the temporary file (the old file,
 * if any, stays as it was) and free what *of owns.  A file written in
 * place cannot be restored and is left as written.  A zeroed *of is
 * allowed.
 */
void outfile_discard(struct outfile *of);

#endif
