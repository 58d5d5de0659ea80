/*
 * fuzz.h - what the libFuzzer harnesses in tests/fuzz share: the entry
 * point's prototype, temporary files for readers that take a path, and
 * the split of one input into several files.  Each harness is a single
 * .c file that includes this header once (the helpers are static).
 *
 * Ownership: the temporary files belong to this header; they are
 * rewritten for every input and removed at exit.  The harnesses own
 * nothing else across inputs: every input's memory is freed before
 * LLVMFuzzerTestOneInput returns, so LeakSanitizer reports real leaks.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* libFuzzer calls this once per input; 0 means "keep going". */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Not every harness uses every helper. */
#define FUZZ_HELPER static __attribute__((unused))

#define FUZZ_NFILES 4

static char fuzz_paths[FUZZ_NFILES][256];

/* Remove the temporary files (registered with atexit). */
static void
fuzz_cleanup(void)
{
	for (int i = 0; i < FUZZ_NFILES; i++)
		if (fuzz_paths[i][0] != '\0')
			unlink(fuzz_paths[i]);
}

/*
 * Write the n bytes at d to temporary file number slot (0 to
 * FUZZ_NFILES - 1, one path per slot for the whole run) and return its
 * path, owned here.  A file that cannot be made or written is the
 * machine's problem, not a finding: the harness stops with a message.
 */
FUZZ_HELPER const char *
fuzz_file(int slot, const void *d, size_t n, const char *suffix)
{
	static int registered;
	const char *p = d;
	int fd;

	if (fuzz_paths[slot][0] == '\0') {
		const char *dir = getenv("TMPDIR");
		snprintf(fuzz_paths[slot], sizeof fuzz_paths[slot],
		    "%s/fuzz.%ld.%d%s", dir != NULL && *dir != '\0' ? dir :
		    "/tmp", (long)getpid(), slot, suffix);
		if (!registered) {
			atexit(fuzz_cleanup);
			registered = 1;
		}
	}
	fd = open(fuzz_paths[slot], O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		perror(fuzz_paths[slot]);
		abort();
	}
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			perror(fuzz_paths[slot]);
			abort();
		}
		p += w;
		n -= (size_t)w;
	}
	if (close(fd) < 0) {
		perror(fuzz_paths[slot]);
		abort();
	}
	return fuzz_paths[slot];
}

/* The line that separates the files of one input (see tests/fuzz/README). */
#define FUZZ_SEP "\n=====\n"

/*
 * Split [*d, *d + *n) at the first FUZZ_SEP: the part before it goes to
 * *a, *an; *d and *n move past the separator.  Without a separator the
 * whole rest is the part and *n becomes 0.
 */
FUZZ_HELPER void
fuzz_split(const uint8_t **d, size_t *n, const uint8_t **a, size_t *an)
{
	size_t sl = sizeof FUZZ_SEP - 1;

	*a = *d;
	for (size_t i = 0; i + sl <= *n; i++)
		if (memcmp(*d + i, FUZZ_SEP, sl) == 0) {
			*an = i;
			*d += i + sl;
			*n -= i + sl;
			return;
		}
	*an = *n;
	*d += *n;
	*n = 0;
}

/* Take one control byte from the front of the input (0 when empty). */
FUZZ_HELPER unsigned
fuzz_byte(const uint8_t **d, size_t *n)
{
	if (*n == 0)
		return 0;
	(*n)--;
	return *(*d)++;
}

/* A finding that is a wrong answer, not a crash: say what, then abort. */
#define FUZZ_FAIL(...) do { \
	fprintf(stderr, "fuzz: wrong answer: " __VA_ARGS__); \
	fputc('\n', stderr); \
	abort(); \
} while (0)

#endif
