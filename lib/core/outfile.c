/*
 * outfile.c - output files that replace the old one only on success
 * (outfile.h).
 */
#define _DEFAULT_SOURCE /* mkstemps */
#include "core/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * The temporary files not yet committed or discarded, removed at exit and
 * on the signals that end a run.  The handler reads the list, so the
 * list changes with those signals blocked.
 */
static char **pending;
static volatile sig_atomic_t npending;
static size_t cappending;
static int atexit_done;
static const int end_signals[] = {SIGHUP, SIGINT, SIGPIPE, SIGTERM};
#define NEND_SIGNALS (sizeof end_signals / sizeof end_signals[0])

static void
remove_pending(void)
{
	sig_atomic_t i;

	for (i = 0; i < npending; i++)
		unlink(pending[i]);
	npending = 0;
}

/* Only async-signal-safe calls: unlink(2), signal(2) to the default,
 * raise(3). */
static void
on_end_signal(int sig)
{
	remove_pending();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
block_end_signals(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < NEND_SIGNALS; i++)
		sigaddset(&set, end_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static int
track(char *tmp)
{
	sigset_t old;
	int rc = 0;

	if (!atexit_done) {
		size_t i;

		if (atexit(remove_pending) != 0)
			return -1;
		/* A signal the caller ignores (nohup) stays ignored. */
		for (i = 0; i < NEND_SIGNALS; i++) {
			struct sigaction sa, prev;

			if (sigaction(end_signals[i], NULL, &prev) == 0 &&
			    prev.sa_handler == SIG_IGN)
				continue;
			memset(&sa, 0, sizeof sa);
			sa.sa_handler = on_end_signal;
			sigemptyset(&sa.sa_mask);
			sigaction(end_signals[i], &sa, NULL);
		}
		atexit_done = 1;
	}
	block_end_signals(&old);
	if ((size_t)npending == cappending) {
		size_t cap = cappending ? 2 * cappending : 8;
		char **p = realloc(pending, cap * sizeof *p);

		if (p == NULL)
			rc = -1;
		else {
			pending = p;
			cappending = cap;
		}
	}
	if (rc == 0) {
		pending[npending] = tmp;
		npending = npending + 1;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

static void
untrack(const char *tmp)
{
	sigset_t old;
	sig_atomic_t i;

	block_end_signals(&old);
	for (i = 0; i < npending; i++)
		if (pending[i] == tmp) {
			pending[i] = pending[npending - 1];
			npending = npending - 1;
			break;
		}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* Names the kernel makes up (/dev/stdout, /proc/self/fd/N) are written
 * where they point, whatever that is. */
static int
kernel_name(const char *path)
{
	return strncmp(path, "/dev/", 5) == 0 ||
	    strncmp(path, "/proc/", 6) == 0;
}

static void
free_of(struct outfile *of)
{
	free(of->path);
	free(of->final);
	free(of->tmp);
	of->path = of->final = of->tmp = NULL;
	of->fd = -1;
}

static int
open_in_place(struct outfile *of, struct err *e)
{
	of->fd = open(of->path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (of->fd < 0) {
		errf(e, ERR_IO, "%s: %s", of->path, strerror(errno));
		free_of(of);
		return -1;
	}
	return 0;
}

int
outfile_open(struct outfile *of, const char *path, size_t suffix_len,
    struct err *e)
{
	struct stat st;
	const char *slash, *base;
	mode_t mode;
	int exists;

	memset(of, 0, sizeof *of);
	of->fd = -1;
	if ((of->path = str_ndup(path, strlen(path))) == NULL)
		return err_nomem(e);
	exists = stat(path, &st) == 0;
	if ((exists && !S_ISREG(st.st_mode)) || kernel_name(path))
		return open_in_place(of, e);
	if (exists) {
		of->final = realpath(path, NULL);
		if (of->final == NULL) {
			errf(e, ERR_IO, "%s: %s", path, strerror(errno));
			free_of(of);
			return -1;
		}
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);

		umask(mask);
		mode = 0666 & ~mask;
		if ((of->final = str_ndup(path, strlen(path))) == NULL)
			goto nomem;
	}
	slash = strrchr(of->final, '/');
	base = slash ? slash + 1 : of->final;
	if (suffix_len > strlen(base))
		suffix_len = 0;
	/* DIR/.BASE.XXXXXX with BASE's last suffix_len bytes after it. */
	{
		size_t dirlen = (size_t)(base - of->final);
		size_t baselen = strlen(base);
		size_t n = dirlen + 1 + baselen + 8 + suffix_len + 1;
		char *t = malloc(n);

		if (t == NULL)
			goto nomem;
		snprintf(t, n, "%.*s.%s.XXXXXX%s", (int)dirlen, of->final,
		    base, base + baselen - suffix_len);
		of->tmp = t;
	}
	of->fd = mkstemps(of->tmp, (int)suffix_len);
	if (of->fd < 0 && (errno == ENOENT || errno == ENOTDIR)) {
		errf(e, ERR_IO, "%s: %s", path, strerror(errno));
		free_of(of);
		return -1;
	}
	if (of->fd < 0) {
		errf(e, ERR_IO, "%s: cannot create a temporary file beside it: "
		    "%s", path, strerror(errno));
		free_of(of);
		return -1;
	}
	if (track(of->tmp) < 0) {
		close(of->fd);
		unlink(of->tmp);
		goto nomem;
	}
	if (fchmod(of->fd, mode) < 0) {
		errf(e, ERR_IO, "%s: %s", of->tmp, strerror(errno));
		outfile_discard(of);
		return -1;
	}
	return 0;
nomem:
	free_of(of);
	return err_nomem(e);
}

const char *
outfile_write_path(const struct outfile *of)
{
	return of->tmp ? of->tmp : of->path;
}

int
outfile_seal(struct outfile *of, struct err *e)
{
	int rc = 0;

	if (of->fd < 0)
		return 0;
	/* A device or pipe cannot be synced and needs not be. */
	if (of->tmp != NULL && fsync(of->fd) < 0)
		rc = errf(e, ERR_IO, "%s: write error: %s", of->path,
		    strerror(errno));
	if (close(of->fd) < 0 && rc == 0)
		rc = errf(e, ERR_IO, "%s: close error: %s", of->path,
		    strerror(errno));
	of->fd = -1;
	return rc;
}

int
outfile_commit(struct outfile *of, struct err *e)
{
	int rc = 0;

	if (of->fd >= 0 && close(of->fd) < 0)
		rc = errf(e, ERR_IO, "%s: close error: %s", of->path,
		    strerror(errno));
	of->fd = -1;
	if (rc == 0 && of->tmp != NULL && rename(of->tmp, of->final) < 0)
		rc = errf(e, ERR_IO, "%s: cannot put the new file in place: %s",
		    of->path, strerror(errno));
	if (of->tmp != NULL) {
		if (rc < 0)
			unlink(of->tmp);
		untrack(of->tmp);
	}
	free_of(of);
	return rc;
}

void
outfile_discard(struct outfile *of)
{
	if (of->fd >= 0)
		close(of->fd);
	of->fd = -1;
	if (of->tmp != NULL) {
		unlink(of->tmp);
		untrack(of->tmp);
	}
	free_of(of);
}
