/*
 * gencases - seeded benchmark data generator for caseflow (case stage
 * timelines of a city's digital-management / 12345-hotline system).
 *
 * usage: gencases [-s SEED] [-n CASES] -o DIR
 *
 * Writes three CSV files into an existing directory DIR:
 *
 *   DIR/events.csv         case_id,stage,at,district,category
 *                          one row per event, all rows shuffled
 *   DIR/events-sorted.csv  the same rows grouped by case (cases in id
 *                          order, each case's events in time order)
 *   DIR/durations.csv      district,month,close_h
 *                          one row per closed case, shuffled: month of the
 *                          report (2024-MM), hours from report to close
 *                          (%.6f) - the precomputed column for the GNU
 *                          datamash baseline
 *
 * and prints the counts (cases, events, closed/open/cancelled, events per
 * stage) to standard error.
 *
 * Data model (one case at a time):
 *   - case_id C0000001.. (fixed width: 7 digits, more if CASES needs them);
 *     district D01..D20, weights 40:39:..:21 (D01 busiest); category
 *     K01..K50, weights 6000/(k+2) (integer division; K01 ~ 17x K50).
 *   - report time: a uniform day of 2024; 85% in the day (07:00-22:00),
 *     15% at any hour.  Times are ISO 8601 YYYY-MM-DDTHH:MM:SS, no zone,
 *     whole seconds, strictly increasing within a case.
 *   - the path: 27.5% "direct" (answered on the spot): report, close;
 *     20% "short" (hotline): report, dispatch, handle, close;
 *     52.5% "full": report, file, dispatch, handle, feedback, verify, close.
 *     Side steps (short and full): return then dispatch again (5%, may
 *     repeat, at most 3 times); suspend ... resume while waiting for the
 *     handling (3%); extend before the handling (6%).  Full only: rework
 *     after verify, then handle, feedback, verify again (6%, may repeat,
 *     at most 3 times).
 *   - gaps are lognormal, median x exp(sigma z), whole seconds in [1 s,
 *     60 days]: report->close (direct) 30 min, s 1.0; report->file 10 min,
 *     s 0.8; ->dispatch 45 min, s 1.0, x district factor; dispatch->return
 *     3 h, return->dispatch 1 h; dispatch->handle 20 h, s 1.1, x district
 *     factor x category factor (district 0.75-1.25, category 0.5-2.0);
 *     suspend at 10-50% of that wait, resume 72 h (s 0.8) later; extend at
 *     30-90% of the remaining wait, handle 24 h (s 1.0) later than it would
 *     have been; handle->feedback 1 h; feedback->verify 6 h, s 0.9;
 *     verify->rework 30 min, s 0.8; rework->handle 12 h x category factor;
 *     verify->close 30 min; handle->close (short) 2 h.
 *   - endings: 2% cancelled (cancel 4 h, s 1.2, after the report (40%),
 *     the 2nd (30%) or the 3rd event (30%) of the path - never after a
 *     close); 9.5% stalled (only the first k events kept, k uniform in
 *     1..len-1, so never closed); then everything after the extract time
 *     2024-12-31T23:59:59 is dropped (about 0.5% more cases stay open).
 *     So 10.0% of the cases end open, 2.0% cancelled, 88.0% closed, and
 *     there are 5.0 events per case (seed 1, 2,000,000 cases: 9,998,867
 *     events).
 *
 * Random numbers: xoshiro256** seeded by splitmix64 from SEED, separate
 * streams for the cases, the event shuffle and the durations shuffle
 * (Fisher-Yates, unbiased bounded draws).  The normal deviate is a sum of
 * eight 16-bit uniforms (Irwin-Hall, |z| <= 4.9) and exp() is computed
 * here with + and * only, so the output is byte-identical for the same
 * options on any IEEE machine (no libm transcendental, no rand()).
 *
 * Memory: 8 bytes per event plus 8 per closed case.  Depends on libc only.
 * Build: cc -std=c11 -O2 -o gencases gencases.c -lm
 */
#define _POSIX_C_SOURCE 200809L

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF /* no fused multiply-add: same bits everywhere */
#endif

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROG "gencases"

#define NDIST 20
#define NCAT 50
#define YEAR_DAYS 366                       /* 2024 */
#define END_T ((uint64_t)YEAR_DAYS * 86400 - 1) /* 2024-12-31T23:59:59 */
#define MAXGAP (60u * 86400u)               /* longest single gap */
#define MAXEV 64                            /* events of one case, bound */
#define MAX_CASES UINT64_C(1000000000)

/* endings and paths */
#define P_CANCEL 0.02
#define P_STALL 0.095
#define P_DIRECT 0.275
#define P_SHORT 0.20
/* side steps */
#define P_RETURN 0.05
#define P_SUSPEND 0.03
#define P_EXTEND 0.06
#define P_REWORK 0.06
#define MAX_LOOPS 3

#define MIN 60.0
#define HOUR 3600.0

static const char *usage_line = "usage: " PROG " [-s SEED] [-n CASES] -o DIR\n";

#include "gen.h"

enum stage {
    ST_REPORT, ST_FILE, ST_DISPATCH, ST_HANDLE, ST_FEEDBACK, ST_VERIFY,
    ST_CLOSE, ST_REWORK, ST_SUSPEND, ST_RESUME, ST_EXTEND, ST_RETURN,
    ST_CANCEL, ST_COUNT
};

static const char *const stage_names[ST_COUNT] = {
    "report", "file", "dispatch", "handle", "feedback", "verify", "close",
    "rework", "suspend", "resume", "extend", "return", "cancel"
};

/* a lognormal gap in whole seconds, in [1, MAXGAP] */
static uint64_t lgap(rng_t *r, double median_s, double sigma)
{
    double g = median_s * det_exp(sigma * rng_normal(r));
    if (!(g < (double)MAXGAP))
        return MAXGAP;
    uint64_t s = (uint64_t)(g + 0.5);
    return s ? s : 1;
}

/* ------------------------------------------------------------- output */

static inline char *put_mem(char *p, const char *s, size_t n)
{
    memcpy(p, s, n);
    return p + n;
}

/* v zero-padded to exactly width digits (v < 10^width) */
static inline char *put_pad(char *p, uint64_t v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

/* ----------------------------------------------------------- calendar */

static char day_str[YEAR_DAYS][10]; /* "2024-MM-DD" */
static unsigned char day_month[YEAR_DAYS];
static char dist_str[NDIST][3], cat_str[NCAT][3];
static size_t stage_len[ST_COUNT];

static void tables_init(void)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
    int d = 0;
    for (int m = 0; m < 12; m++)
        for (int i = 1; i <= mdays[m]; i++, d++) {
            memcpy(day_str[d], "2024-", 5);
            put_pad(day_str[d] + 5, (uint64_t)m + 1, 2);
            day_str[d][7] = '-';
            put_pad(day_str[d] + 8, (uint64_t)i, 2);
            day_month[d] = (unsigned char)m;
        }
    for (int i = 0; i < NDIST; i++) {
        dist_str[i][0] = 'D';
        put_pad(dist_str[i] + 1, (uint64_t)i + 1, 2);
    }
    for (int i = 0; i < NCAT; i++) {
        cat_str[i][0] = 'K';
        put_pad(cat_str[i] + 1, (uint64_t)i + 1, 2);
    }
    for (int s = 0; s < ST_COUNT; s++)
        stage_len[s] = strlen(stage_names[s]);
}

/* "YYYY-MM-DDTHH:MM:SS" for t seconds after 2024-01-01T00:00:00 */
static inline char *put_time(char *p, uint64_t t)
{
    uint64_t d = t / 86400, s = t % 86400;
    p = put_mem(p, day_str[d], 10);
    *p++ = 'T';
    p = put_pad(p, s / 3600, 2);
    *p++ = ':';
    p = put_pad(p, s / 60 % 60, 2);
    *p++ = ':';
    return put_pad(p, s % 60, 2);
}

/* ------------------------------------------------------------- cases */

/*
 * An event packed in 64 bits: case index (32) | stage (4) << 25 | time (25).
 * Times fit: END_T = 31,622,399 < 2^25.
 */
#define EV_T_BITS 25
#define EV_PACK(c, st, t) \
    (((uint64_t)(c) << 32) | ((uint64_t)(st) << EV_T_BITS) | (uint64_t)(t))
#define EV_CASE(e) ((uint32_t)((e) >> 32))
#define EV_STAGE(e) ((int)(((e) >> EV_T_BITS) & 0xF))
#define EV_TIME(e) ((e) & ((UINT64_C(1) << EV_T_BITS) - 1))

/* a closed case for durations.csv: seconds (32) | month (8) | district (8) */
#define DU_PACK(sec, m, d) \
    (((uint64_t)(sec) << 16) | ((uint64_t)(m) << 8) | (uint64_t)(d))

struct ev {
    int stage;
    uint64_t t;
};

struct gen {
    rng_t r;
    uint32_t dist_cum[NDIST], cat_cum[NCAT];
    double dist_f[NDIST], cat_f[NCAT];
};

static void gen_init(struct gen *g, uint64_t seed)
{
    rng_seed(&g->r, seed, 1);
    uint32_t c = 0;
    for (int i = 0; i < NDIST; i++) {
        c += (uint32_t)(40 - i);
        g->dist_cum[i] = c;
        /* 0.75 .. 1.25, scattered over the districts */
        g->dist_f[i] = 0.75 + 0.5 * (double)((i * 7) % NDIST) / (NDIST - 1);
    }
    c = 0;
    for (int k = 0; k < NCAT; k++) {
        c += (uint32_t)(6000 / (k + 2));
        g->cat_cum[k] = c;
        /* 0.5 .. 2.0, scattered over the categories */
        g->cat_f[k] = 0.5 + 1.5 * (double)((k * 37) % NCAT) / (NCAT - 1);
    }
}

static int pick(rng_t *r, const uint32_t *cum, int n)
{
    uint32_t x = (uint32_t)rng_below(r, cum[n - 1]);
    int i = 0;
    while (x >= cum[i])
        i++;
    return i;
}

#define EMIT(st, gap)                     \
    do {                                  \
        t += (gap);                       \
        ev[n].stage = (st);               \
        ev[n].t = t;                      \
        n++;                              \
    } while (0)

/*
 * One case: its district, category and events (times strictly increasing,
 * all <= END_T).  Returns the number of events.
 */
static int gen_case(struct gen *g, int *dist, int *cat, struct ev *ev)
{
    rng_t *r = &g->r;
    int d = pick(r, g->dist_cum, NDIST);
    int k = pick(r, g->cat_cum, NCAT);
    double df = g->dist_f[d], cf = g->cat_f[k];
    *dist = d;
    *cat = k;

    uint64_t day = rng_below(r, YEAR_DAYS), tod;
    if (rng_unit(r) < 0.85)
        tod = 7 * 3600 + rng_below(r, 15 * 3600);
    else
        tod = rng_below(r, 86400);
    uint64_t t = day * 86400 + tod;
    int n = 0;
    EMIT(ST_REPORT, 0);

    double path = rng_unit(r);
    if (path < P_DIRECT) {
        EMIT(ST_CLOSE, lgap(r, 30 * MIN, 1.0));
    } else {
        int full = path >= P_DIRECT + P_SHORT;
        if (full)
            EMIT(ST_FILE, lgap(r, 10 * MIN, 0.8));
        EMIT(ST_DISPATCH, lgap(r, 45 * MIN * df, 1.0));
        for (int i = 0; i < MAX_LOOPS && rng_unit(r) < P_RETURN; i++) {
            EMIT(ST_RETURN, lgap(r, 3 * HOUR, 1.0));
            EMIT(ST_DISPATCH, lgap(r, 1 * HOUR, 1.0));
        }
        /* the wait from dispatch to handle, with its side steps */
        uint64_t wait = lgap(r, 20 * HOUR * df * cf, 1.1);
        if (rng_unit(r) < P_SUSPEND) {
            uint64_t a = (uint64_t)((double)wait * rng_range(r, 0.1, 0.5));
            if (a < 1)
                a = 1;
            EMIT(ST_SUSPEND, a);
            EMIT(ST_RESUME, lgap(r, 72 * HOUR, 0.8));
            wait = wait > a ? wait - a : 1;
        }
        if (rng_unit(r) < P_EXTEND) {
            uint64_t b = (uint64_t)((double)wait * rng_range(r, 0.3, 0.9));
            if (b < 1)
                b = 1;
            EMIT(ST_EXTEND, b);
            wait = (wait > b ? wait - b : 1) + lgap(r, 24 * HOUR, 1.0);
        }
        EMIT(ST_HANDLE, wait);
        if (!full) {
            EMIT(ST_CLOSE, lgap(r, 2 * HOUR, 1.0));
        } else {
            EMIT(ST_FEEDBACK, lgap(r, 1 * HOUR, 1.0));
            EMIT(ST_VERIFY, lgap(r, 6 * HOUR, 0.9));
            for (int i = 0; i < MAX_LOOPS && rng_unit(r) < P_REWORK; i++) {
                EMIT(ST_REWORK, lgap(r, 30 * MIN, 0.8));
                EMIT(ST_HANDLE, lgap(r, 12 * HOUR * cf, 1.0));
                EMIT(ST_FEEDBACK, lgap(r, 1 * HOUR, 1.0));
                EMIT(ST_VERIFY, lgap(r, 6 * HOUR, 0.9));
            }
            EMIT(ST_CLOSE, lgap(r, 30 * MIN, 1.0));
        }
    }

    /* endings: cancelled, stalled, or as generated */
    double u = rng_unit(r);
    if (u < P_CANCEL) {
        double v = rng_unit(r);
        int keep = v < 0.4 ? 1 : v < 0.7 ? 2 : 3;
        if (keep > n - 1)
            keep = n - 1; /* never after the close */
        n = keep;
        t = ev[n - 1].t;
        EMIT(ST_CANCEL, lgap(r, 4 * HOUR, 1.2));
    } else if (u < P_CANCEL + P_STALL) {
        n = 1 + (int)rng_below(r, (uint64_t)(n - 1));
    }

    /* the extract is taken at the end of 2024 */
    while (ev[n - 1].t > END_T)
        n--;
    return n;
}

/* ------------------------------------------------------------ writers */

static char *put_event(char *p, uint64_t e, int idw)
{
    uint32_t c = EV_CASE(e);
    int st = EV_STAGE(e);
    *p++ = 'C';
    p = put_pad(p, (uint64_t)c + 1, idw);
    *p++ = ',';
    p = put_mem(p, stage_names[st], stage_len[st]);
    *p++ = ',';
    p = put_time(p, EV_TIME(e));
    *p++ = ',';
    return p;
}

static void die_oom(void)
{
    fprintf(stderr, "%s: out of memory\n", PROG);
    exit(1);
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv)
{
    uint64_t seed = 1, ncases = 2000000;
    const char *dir = NULL;
    int opt;

    opterr = 0;
    while ((opt = getopt(argc, argv, ":s:n:o:h")) != -1) {
        switch (opt) {
        case 's':
            seed = parse_u64(optarg, 0, UINT64_MAX, "bad seed: '%s'");
            break;
        case 'n':
            ncases = parse_u64(optarg, 0, MAX_CASES, "bad case count: '%s'");
            break;
        case 'o':
            dir = optarg;
            break;
        default:
            other_option(opt);
        }
    }
    args_done(argc, argv, dir);
    char *dpath = out_dir(dir);

    tables_init();
    int idw = 7;
    for (uint64_t x = ncases; x >= 10000000; x /= 10)
        idw++;

    /* pass 1: generate case by case; write events-sorted.csv */
    struct gen g;
    gen_init(&g, seed);
    unsigned char *dcase = xmalloc(ncases), *kcase = xmalloc(ncases);
    size_t cap = (size_t)ncases * 6 + 16, nev = 0;
    uint64_t *evs = xmalloc(cap * sizeof *evs);
    uint64_t *dur = xmalloc((size_t)ncases * sizeof *dur);
    size_t ndur = 0;
    uint64_t nopen = 0, ncancel = 0, per_stage[ST_COUNT] = {0};
    struct ev ev[MAXEV];
    out_t o;

    out_open(&o, dpath, "events-sorted.csv");
    char *p = out_reserve(&o);
    p = put_mem(p, "case_id,stage,at,district,category\n", 35);
    out_commit(&o, p);
    for (uint64_t c = 0; c < ncases; c++) {
        int d, k;
        int n = gen_case(&g, &d, &k, ev);
        dcase[c] = (unsigned char)d;
        kcase[c] = (unsigned char)k;
        if (nev + (size_t)n > cap) {
            cap += cap / 2;
            uint64_t *ne = realloc(evs, cap * sizeof *evs);
            if (!ne)
                die_oom();
            evs = ne;
        }
        for (int i = 0; i < n; i++) {
            uint64_t e = EV_PACK(c, ev[i].stage, ev[i].t);
            evs[nev++] = e;
            per_stage[ev[i].stage]++;
            p = out_reserve(&o);
            p = put_event(p, e, idw);
            p = put_mem(p, dist_str[d], 3);
            *p++ = ',';
            p = put_mem(p, cat_str[k], 3);
            *p++ = '\n';
            out_commit(&o, p);
        }
        int last = ev[n - 1].stage;
        if (last == ST_CLOSE)
            dur[ndur++] = DU_PACK(ev[n - 1].t - ev[0].t,
                                  day_month[ev[0].t / 86400], d);
        else if (last == ST_CANCEL)
            ncancel++;
        else
            nopen++;
    }
    out_close(&o);

    /* pass 2: shuffle the events; write events.csv */
    rng_t rs;
    rng_seed(&rs, seed, 2);
    for (size_t i = nev; i > 1; i--) {
        size_t j = (size_t)rng_below(&rs, i);
        uint64_t x = evs[i - 1];
        evs[i - 1] = evs[j];
        evs[j] = x;
    }
    out_open(&o, dpath, "events.csv");
    p = out_reserve(&o);
    p = put_mem(p, "case_id,stage,at,district,category\n", 35);
    out_commit(&o, p);
    for (size_t i = 0; i < nev; i++) {
        uint64_t e = evs[i];
        uint32_t c = EV_CASE(e);
        p = out_reserve(&o);
        p = put_event(p, e, idw);
        p = put_mem(p, dist_str[dcase[c]], 3);
        *p++ = ',';
        p = put_mem(p, cat_str[kcase[c]], 3);
        *p++ = '\n';
        out_commit(&o, p);
    }
    out_close(&o);
    free(evs);

    /* pass 3: shuffle the closed cases; write durations.csv */
    rng_seed(&rs, seed, 3);
    for (size_t i = ndur; i > 1; i--) {
        size_t j = (size_t)rng_below(&rs, i);
        uint64_t x = dur[i - 1];
        dur[i - 1] = dur[j];
        dur[j] = x;
    }
    out_open(&o, dpath, "durations.csv");
    p = out_reserve(&o);
    p = put_mem(p, "district,month,close_h\n", 23);
    out_commit(&o, p);
    for (size_t i = 0; i < ndur; i++) {
        uint64_t x = dur[i];
        uint64_t sec = x >> 16;
        /* hours to 6 decimals, rounded to nearest: sec/3600 = sec*2500/9
         * micro-hours, never a tie, so this is exactly printf's %.6f */
        uint64_t micro = (sec * 5000 + 9) / 18;
        p = out_reserve(&o);
        p = put_mem(p, dist_str[x & 0xFF], 3);
        *p++ = ',';
        p = put_mem(p, "2024-", 5);
        p = put_pad(p, ((x >> 8) & 0xFF) + 1, 2);
        *p++ = ',';
        p = put_u64(p, micro / 1000000);
        *p++ = '.';
        p = put_pad(p, micro % 1000000, 6);
        *p++ = '\n';
        out_commit(&o, p);
    }
    out_close(&o);

    fprintf(stderr,
            "%s: %s: %" PRIu64 " cases, %zu events (%.3f per case); "
            "closed %zu (%.1f%%), open %" PRIu64 " (%.1f%%), "
            "cancelled %" PRIu64 " (%.1f%%)\n",
            PROG, dpath, ncases, nev,
            ncases ? (double)nev / (double)ncases : 0.0, ndur,
            ncases ? 100.0 * (double)ndur / (double)ncases : 0.0, nopen,
            ncases ? 100.0 * (double)nopen / (double)ncases : 0.0, ncancel,
            ncases ? 100.0 * (double)ncancel / (double)ncases : 0.0);
    fprintf(stderr, "%s: events by stage:", PROG);
    for (int s = 0; s < ST_COUNT; s++)
        fprintf(stderr, " %s %" PRIu64, stage_names[s], per_stage[s]);
    fputc('\n', stderr);

    free(dur);
    free(kcase);
    free(dcase);
    free(dpath);
    return 0;
}
