/*
 * t.h - the smallest unit-test harness: checks count, failures say where.
 *
 * Each tests/unit/test_*.c file defines one suite function, void
 * suite_NAME(void), and lists it in main.c.  A check that fails prints
 * "not ok FILE:LINE: what" and the run goes on; main() prints the closing
 * line "unit: N passed, N failed" and exits 1 if anything failed.
 */
#ifndef T_H
#define T_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

extern int t_pass, t_fail;

void t_report(int ok, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A fresh temporary directory for this run (removed by main at exit). */
const char *t_dir(void);

/* Write len bytes to t_dir()/name and return the full path (static buffer
 * per call; copy it if you need two at once). */
const char *t_file(const char *name, const char *bytes, size_t len);

/* The whole file at path, NUL-terminated (caller frees), its length
 * without the NUL in *len (len may be NULL); NULL if it cannot be read. */
char *t_slurp(const char *path, size_t *len);

/* A fixed-seed generator (splitmix64), the same numbers on every run and
 * machine: t_seed() starts a sequence, t_rand() gives its next number,
 * t_rand_int() a whole number in [lo, hi]. */
void t_seed(uint64_t seed);
uint64_t t_rand(void);
long t_rand_int(long lo, long hi);

/* A Beijing local time (ISO 8601, +08:00) as seconds since the epoch;
 * a time the test itself got wrong is reported and gives NaN. */
double t_beijing(const char *s);

#define CHECK(c) t_report(!!(c), __FILE__, __LINE__, "%s", #c)

#define CHECK_INT(a, b) do { \
	long long t_a = (long long)(a), t_b = (long long)(b); \
	t_report(t_a == t_b, __FILE__, __LINE__, "%s == %s (%lld vs %lld)", \
	    #a, #b, t_a, t_b); \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *t_a = (a), *t_b = (b); \
	t_report(t_a && t_b && strcmp(t_a, t_b) == 0, __FILE__, __LINE__, \
	    "%s == %s (\"%s\" vs \"%s\")", #a, #b, t_a ? t_a : "(null)", \
	    t_b ? t_b : "(null)"); \
} while (0)

#define CHECK_DBL(a, b, tol) do { \
	double t_a = (a), t_b = (b); \
	t_report(fabs(t_a - t_b) <= (tol), __FILE__, __LINE__, \
	    "%s == %s within %g (%.17g vs %.17g)", #a, #b, (double)(tol), \
	    t_a, t_b); \
} while (0)

#endif
