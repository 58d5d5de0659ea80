/*
 * gen.h - what the benchmark data generators (gengrid.c, gencases.c,
 * genindex.c, genpart.c) share: a seeded xoshiro256** generator with its
 * uniform, bounded and normal draws, a deterministic exp(), checked
 * allocation, I/O failure, usage errors and whole-number arguments.
 * Everything is static inline, so each generator still builds from its
 * one file and this header with any C11 compiler, and the same seed
 * gives the same bytes on every machine.  And the buffered, checked file writer they
 * write with, and their -o DIR check.
 *
 * A generator defines PROG (its name) and usage_line before including
 * this file.
 */
#ifndef GEN_H
#define GEN_H

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* ------------------------------------------------------------- output */

/* A file written through our own buffer, every write checked: a full
 * disk stops the generator with the file's name. */
#define OUTBUF (1u << 20)
#define SLACK 1024u /* out_reserve's room */

typedef struct {
    FILE *fp;
    char *path;
    char *buf;
    size_t len;
} out_t;

/* DIR/NAME, truncated and opened; unbuffered stdio (we buffer). */
static inline void out_open(out_t *o, const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    o->path = xmalloc(dl + nl + 2);
    memcpy(o->path, dir, dl);
    o->path[dl] = '/';
    memcpy(o->path + dl + 1, name, nl + 1);
    o->buf = xmalloc(OUTBUF);
    o->len = 0;
    errno = 0;
    o->fp = fopen(o->path, "w");
    if (!o->fp)
        io_fail(o->path);
    if (setvbuf(o->fp, NULL, _IONBF, 0) != 0)
        io_fail(o->path);
}

static inline void out_flush(out_t *o)
{
    if (o->len) {
        errno = 0;
        if (fwrite(o->buf, 1, o->len, o->fp) != o->len)
            io_fail(o->path);
        o->len = 0;
    }
}

/* make room for at least SLACK bytes; return the write position */
static inline char *out_reserve(out_t *o)
{
    if (o->len > OUTBUF - SLACK)
        out_flush(o);
    return o->buf + o->len;
}

static inline void out_commit(out_t *o, char *end)
{
    o->len = (size_t)(end - o->buf);
}

/* printf into the buffer; text that does not fit goes out directly */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static inline void out_printf(out_t *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    out_reserve(o);
    va_start(ap, fmt);
    n = vsnprintf(o->buf + o->len, OUTBUF - o->len, fmt, ap);
    va_end(ap);
    if (n < 0)
        io_fail(o->path);
    if ((size_t)n < OUTBUF - o->len) {
        o->len += (size_t)n;
        return;
    }
    out_flush(o);
    va_start(ap, fmt);
    errno = 0;
    n = vfprintf(o->fp, fmt, ap);
    va_end(ap);
    if (n < 0)
        io_fail(o->path);
}

static inline void out_close(out_t *o)
{
    out_flush(o);
    errno = 0;
    if (fflush(o->fp) != 0 || ferror(o->fp))
        io_fail(o->path);
    errno = 0;
    if (fclose(o->fp) != 0)
        io_fail(o->path);
    free(o->buf);
    free(o->path);
}

static inline char *put_u64(char *p, uint64_t v)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = tmp[--n];
    return p;
}

/* The -o DIR argument without trailing slashes (a lone "/" kept), once it
 * is known to be a directory; exits 1 naming it otherwise.  The caller
 * frees it. */
static inline char *out_dir(const char *dir)
{
    size_t dl = strlen(dir);
    char *d = xmalloc(dl + 1);
    struct stat st;

    memcpy(d, dir, dl + 1);
    while (dl > 1 && d[dl - 1] == '/')
        d[--dl] = '\0';
    if (stat(d, &st) != 0) {
        fprintf(stderr, "%s: %s: %s\n", PROG, d, strerror(errno));
        exit(1);
    }
    if (!S_ISDIR(st.st_mode)) {
        fprintf(stderr, "%s: %s: %s\n", PROG, d, strerror(ENOTDIR));
        exit(1);
    }
    return d;
}

/* ------------------------------------------------------- arguments */

/* What getopt answers that every generator takes alike: -h, an option
 * without its argument (optstring starts with ':'), an unknown option. */
static inline void other_option(int opt)
{
    char o[2] = {(char)optopt, '\0'};

    if (opt == 'h') {
        fputs(usage_line, stdout);
        exit(fflush(stdout) == 0 ? 0 : 1);
    }
    if (opt == ':')
        usage_error("option requires an argument -- '%s'", o);
    usage_error("invalid option -- '%s'", o);
}

/* After the options: no operands, and -o DIR given. */
static inline void args_done(int argc, char **argv, const char *dir)
{
    if (optind < argc)
        usage_error("unexpected argument: '%s'", argv[optind]);
    if (!dir || !*dir)
        usage_error("missing -o DIR", NULL);
}

#endif
