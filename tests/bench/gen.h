/*
 * gen.h - what the benchmark data generators (gengrid.c, gencases.c,
 * genindex.c) share: a seeded xoshiro256** generator with its uniform,
 * bounded and normal draws, a deterministic exp(), checked allocation,
 * I/O failure, usage errors and whole-number arguments.  Everything is
 * static inline, so each generator still builds from its one file and
 * this header with any C11 compiler, and the same seed gives the same
 * bytes on every machine.
 *
 * A generator defines PROG (its name) and usage_line before including
 * this file.
 */
#ifndef GEN_H
#define GEN_H

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- rng */

typedef struct {
    uint64_t s[4];
} rng_t;

static inline uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static inline void rng_seed(rng_t *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * UINT64_C(0xD1B54A32D192ED03));
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t rng_next(rng_t *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* uniform double in [0,1) */
static inline double rng_unit(rng_t *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* uniform double in [lo,hi) */
static inline double rng_range(rng_t *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_unit(r);
}

/* uniform integer in [0,n), n > 0, unbiased (rejection) */
static inline uint64_t rng_below(rng_t *r, uint64_t n)
{
    uint64_t threshold = (0 - n) % n;
    uint64_t x;
    do
        x = rng_next(r);
    while (x < threshold);
    return x % n;
}

/* about N(0,1): Irwin-Hall sum of eight 16-bit uniforms, |z| <= 4.9 */
static inline double rng_normal(rng_t *r)
{
    uint64_t a = rng_next(r), b = rng_next(r);
    uint64_t s = 0;
    for (int i = 0; i < 4; i++) {
        s += (a >> (16 * i)) & 0xFFFF;
        s += (b >> (16 * i)) & 0xFFFF;
    }
    /* sum of u_i = (c_i + 0.5) / 65536: mean 4, variance 8/12 */
    double sum = ((double)s + 4.0) * 0x1.0p-16;
    return (sum - 4.0) * 1.2247448713915890; /* sqrt(1.5) */
}

/* exp(x) for |x| <= 40 with + and * only (and exact scaling by 2^k) */
static inline double det_exp(double x)
{
    if (x > 40.0)
        x = 40.0;
    if (x < -40.0)
        x = -40.0;
    double kd = floor(x * 1.4426950408889634 + 0.5);
    int k = (int)kd;
    double rr = (x - kd * 6.93147180369123816490e-01) -
                kd * 1.90821492927058770002e-10; /* Cody-Waite, ln 2 */
    double p = 1.0;                               /* |rr| <= 0.35 */
    for (int i = 13; i >= 1; i--)
        p = 1.0 + p * rr / (double)i;
    return ldexp(p, k);
}


/* ------------------------------------------------------ failures */

static inline void io_fail(const char *path)
{
    int e = errno ? errno : EIO;
    fprintf(stderr, "%s: %s: %s\n", PROG, path, strerror(e));
    exit(1);
}

static inline void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "%s: out of memory\n", PROG);
        exit(1);
    }
    return p;
}

static inline void usage_error(const char *fmt, const char *arg)
{
    if (fmt) {
        fprintf(stderr, "%s: ", PROG);
        fprintf(stderr, fmt, arg);
        fputc('\n', stderr);
    }
    fputs(usage_line, stderr);
    exit(2);
}

/* parse a decimal unsigned integer in [lo,hi] */
static inline uint64_t parse_u64(const char *s, uint64_t lo, uint64_t hi,
                          const char *what)
{
    char *end;
    if (!*s || *s == '-' || *s == '+' || *s == ' ')
        usage_error(what, s);
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        usage_error(what, s);
    return (uint64_t)v;
}

#endif
