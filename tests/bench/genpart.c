/*
 * genpart - seeded benchmark data generator for partscore (a month of
 * public-participation events of a city: hotline calls, app and WeChat
 * messages, mailbox letters, hearings, committee work, inspectors'
 * reports).
 *
 * usage: genpart [-s SEED] [-n EVENTS] [-a AREAS] [-p PARTICIPANTS] -o DIR
 *
 * Writes two CSV files into an existing directory DIR:
 *
 *   DIR/events.csv      id,at,area,channel,level,participant,responded_at,
 *                       adopted   (partscore's default columns)
 *                       one row per event, in time order (ties in the
 *                       order generated), ids E00000001.. (8 digits, more
 *                       if EVENTS needs them) numbered in that order
 *   DIR/population.csv  area,population,migrant,district
 *                       one row per area: S0001.. (4 digits, more if
 *                       AREAS needs them), its people, its migrants (a
 *                       sub-population for --group) and its district
 *                       D001.. (30 areas each), for --population and
 *                       --by district
 *
 * and prints the counts (events by kind, participants, their
 * concentration, responses) to standard error.
 *
 * Defaults: 10,000,000 events, 3,000 areas, 1,000,000 participants.
 *
 * Data model:
 *   - areas: population lognormal, median 20,000, sigma 0.7, in [2,000,
 *     300,000]; a propensity to take part, lognormal sigma 0.5 (so the
 *     events per head differ from area to area, as --inequality wants);
 *     an area's weight = population x propensity.  Migrants 5-50% of the
 *     population, uniform.
 *   - events: exactly 2% are inspectors' reports (staff: channel
 *     inspector, level inform, no participant: partscore counts them
 *     apart), 10% are anonymous (participant empty), the other 88% carry
 *     a participant id.  Their kinds are shuffled over the events.
 *   - participants P0000001.. (7 digits, more if needed): every one of
 *     the PARTICIPANTS appears, and the identified events are spread over
 *     them with a skew: rank r (0 = the busiest) has 1 + x_r events,
 *     where the x_r share the events beyond one each in proportion to
 *     1/(r + r0) - 1/(R1 + r0) for r < R1 = 0.4 PARTICIPANTS (r0 =
 *     PARTICIPANTS / 200, at least 2) and 0 beyond (cumulative rounding,
 *     so the sum is exact): 63% take part once, the top 1% bring 28% of
 *     the identified events, the busiest 453 (with the defaults; the
 *     shares stay when events and participants scale together).  Ranks
 *     are dealt to ids by a shuffle.  Each participant lives in an area (drawn by weight); 85%
 *     of their events are there, 15% in any area (by weight), as are the
 *     anonymous and staff events.
 *   - time: March 2024 (2024-03-01T00:00:00 .. 2024-03-31T23:59:59),
 *     ISO 8601, no zone, whole seconds; weekdays weigh 5, weekend days 3;
 *     85% of the events in the day (07:00-22:00), 15% at any hour.
 *   - channel (citizen events, per mille): hotline 420, wechat 170, app
 *     120, web 90, mailbox 50, weibo 40, visit 40, solicitation 30,
 *     hearing 15, committee 5, other 20.
 *   - level (IAP2): per channel; most channels inform 25, consult 60,
 *     involve 10, collaborate 4, empower 1 (%); solicitation consult 70,
 *     involve 25, collaborate 5; hearing consult 20, involve 70,
 *     collaborate 10; committee involve 30, collaborate 50, empower 20;
 *     inspector inform.
 *   - response: 80% of the events are answered (responded_at filled),
 *     after a lognormal delay in whole seconds, sigma 1.2, in [60 s, 30
 *     days], median 8 h (hotline), 72 h (mailbox), 36 h (visit, hearing,
 *     solicitation, committee, other) or 20 h (the rest); answers run
 *     into April.  adopted: for answered citizen events yes 30%, no 50%,
 *     empty 20%; empty otherwise.
 *
 * Random numbers: xoshiro256** seeded by splitmix64 from SEED, separate
 * streams for the rank shuffle, the homes, the kinds' shuffle and the
 * areas, and one stream per event (so the time sort can draw an event's
 * time again instead of holding it).  The normal deviate is a sum of
 * eight 16-bit uniforms (Irwin-Hall, |z| <= 4.9) and exp() is computed
 * here with + and * only, so the output is byte-identical for the same
 * options on any IEEE machine (no libm transcendental, no rand()).
 *
 * Memory: 8 bytes per event (the kinds, then the time order) plus 10.7 MB
 * of time buckets and 8 bytes per participant.  Depends on libc only.
 * Build: cc -std=c11 -O2 -o genpart genpart.c -lm
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

#define PROG "genpart"

#define MAX_EVENTS UINT64_C(1000000000)
#define MAX_AREAS 1000000
#define AREAS_PER_DISTRICT 30
#define NDAYS 31                          /* March 2024 */
#define SPAN ((uint32_t)NDAYS * 86400)    /* the month in seconds */
#define MAXLAG (30u * 86400u)             /* longest response delay */
#define NDAYSTR (NDAYS + 30)              /* responses run into April */

#define STAFF_PCT 2
#define ANON_PCT 10
#define P_HOME 0.85
#define P_RESPOND 0.80
#define KIND_ANON UINT32_MAX
#define KIND_STAFF (UINT32_MAX - 1)

#define HOUR 3600.0

static const char *usage_line =
    "usage: " PROG " [-s SEED] [-n EVENTS] [-a AREAS] [-p PARTICIPANTS] "
    "-o DIR\n";

#include "gen.h"

/* ------------------------------------------------------------- words */

enum chan {
    CH_HOTLINE, CH_WECHAT, CH_APP, CH_WEB, CH_MAILBOX, CH_WEIBO, CH_VISIT,
    CH_SOLICIT, CH_HEARING, CH_COMMITTEE, CH_OTHER, CH_CITIZEN,
    CH_INSPECTOR = CH_CITIZEN, CH_COUNT
};

static const char *const chan_name[CH_COUNT] = {
    "hotline", "wechat", "app", "web", "mailbox", "weibo", "visit",
    "solicitation", "hearing", "committee", "other", "inspector"
};

/* the citizen channels' mix, per mille */
static const uint32_t chan_w[CH_CITIZEN] = {
    420, 170, 120, 90, 50, 40, 40, 30, 15, 5, 20
};

/* the median response delay per channel, hours */
static const double chan_lag_h[CH_COUNT] = {
    8, 20, 20, 20, 72, 20, 36, 36, 36, 36, 36, 20
};

#define NLEVEL 5
static const char *const level_name[NLEVEL] = {
    "inform", "consult", "involve", "collaborate", "empower"
};

/* the levels per channel class, per cent */
enum lclass { LC_COMMON, LC_SOLICIT, LC_HEARING, LC_COMMITTEE, LC_STAFF,
              LC_COUNT };
static const uint32_t level_w[LC_COUNT][NLEVEL] = {
    {25, 60, 10, 4, 1}, {0, 70, 25, 5, 0}, {0, 20, 70, 10, 0},
    {0, 0, 30, 50, 20}, {100, 0, 0, 0, 0}
};

static enum lclass chan_class(int c)
{
    switch (c) {
    case CH_SOLICIT:
        return LC_SOLICIT;
    case CH_HEARING:
        return LC_HEARING;
    case CH_COMMITTEE:
        return LC_COMMITTEE;
    case CH_INSPECTOR:
        return LC_STAFF;
    default:
        return LC_COMMON;
    }
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

static int digits(uint64_t n, int min)
{
    int w = 1;
    while (n >= 10) {
        n /= 10;
        w++;
    }
    return w < min ? min : w;
}

/* ----------------------------------------------------------- calendar */

static char day_str[NDAYSTR][10]; /* "2024-MM-DD" from 2024-03-01 */
static uint32_t day_cum[NDAYS];   /* weekdays 5, weekend days 3 */
static size_t chan_len[CH_COUNT], level_len[NLEVEL];

static void tables_init(void)
{
    int d = 0;
    for (int m = 3; m <= 4; m++)
        for (int i = 1; i <= 31 - (m == 4) && d < NDAYSTR; i++, d++) {
            memcpy(day_str[d], "2024-", 5);
            put_pad(day_str[d] + 5, (uint64_t)m, 2);
            day_str[d][7] = '-';
            put_pad(day_str[d] + 8, (uint64_t)i, 2);
        }
    uint32_t c = 0;
    for (d = 0; d < NDAYS; d++) {
        int wd = (d + 4) % 7; /* 2024-03-01 is a Friday: 0 = Monday */
        c += wd >= 5 ? 3 : 5;
        day_cum[d] = c;
    }
    for (int k = 0; k < CH_COUNT; k++)
        chan_len[k] = strlen(chan_name[k]);
    for (int k = 0; k < NLEVEL; k++)
        level_len[k] = strlen(level_name[k]);
}

/* "YYYY-MM-DDTHH:MM:SS" for t seconds after 2024-03-01T00:00:00 */
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

/* ------------------------------------------------------------- draws */

/* the first i with x < cum[i], by bisection (cum increasing) */
static size_t pick_cum64(const uint64_t *cum, size_t n, uint64_t x)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x < cum[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static int pick_small(rng_t *r, const uint32_t *w, int n)
{
    uint32_t total = 0;
    for (int i = 0; i < n; i++)
        total += w[i];
    uint32_t x = (uint32_t)rng_below(r, total);
    int i = 0;
    while (x >= w[i])
        x -= w[i++];
    return i;
}

/* a lognormal delay in whole seconds, in [60, MAXLAG] */
static uint32_t lag(rng_t *r, double median_s, double sigma)
{
    double g = median_s * det_exp(sigma * rng_normal(r));
    if (!(g < (double)MAXLAG))
        return MAXLAG;
    uint32_t s = (uint32_t)(g + 0.5);
    return s < 60 ? 60 : s;
}


/* ------------------------------------------------------------- world */

struct world {
    uint64_t seed;
    size_t na;          /* areas */
    uint64_t *area_cum; /* cumulative area weights */
    uint32_t *home;     /* participant -> area */
};

/* an area by weight */
static uint32_t pick_area(const struct world *w, rng_t *r)
{
    uint64_t x = rng_below(r, w->area_cum[w->na - 1]);
    return (uint32_t)pick_cum64(w->area_cum, w->na, x);
}

/* An event's own stream, after the set-up's streams 1-4. */
static void event_rng(const struct world *w, rng_t *r, uint64_t i)
{
    rng_seed(r, w->seed, 16 + i);
}

/* The event's time in seconds after 2024-03-01T00:00:00: its stream's
 * first draws, so that the time sort can draw it again. */
static uint32_t event_time(rng_t *r)
{
    uint32_t x = (uint32_t)rng_below(r, day_cum[NDAYS - 1]);
    uint32_t d = 0, tod;
    while (x >= day_cum[d])
        d++;
    if (rng_unit(r) < 0.85)
        tod = 7 * 3600 + (uint32_t)rng_below(r, 15 * 3600);
    else
        tod = (uint32_t)rng_below(r, 86400);
    return d * 86400 + tod;
}

struct event {
    uint32_t t, area, lag; /* lag 0: not answered */
    int chan, level, adopted; /* adopted: -1 empty, 0 no, 1 yes */
};

/* Event i, of kind k (a participant, KIND_ANON or KIND_STAFF). */
static void gen_event(const struct world *w, uint64_t i, uint32_t k,
                      struct event *ev)
{
    rng_t r;
    event_rng(w, &r, i);
    ev->t = event_time(&r);
    if (k < KIND_STAFF && rng_unit(&r) < P_HOME)
        ev->area = w->home[k];
    else
        ev->area = pick_area(w, &r);
    ev->chan = k == KIND_STAFF ? CH_INSPECTOR
                               : pick_small(&r, chan_w, CH_CITIZEN);
    ev->level = pick_small(&r, level_w[chan_class(ev->chan)], NLEVEL);
    ev->lag = 0;
    ev->adopted = -1;
    if (rng_unit(&r) < P_RESPOND) {
        ev->lag = lag(&r, chan_lag_h[ev->chan] * HOUR, 1.2);
        if (k != KIND_STAFF) {
            double u = rng_unit(&r);
            ev->adopted = u < 0.3 ? 1 : u < 0.8 ? 0 : -1;
        }
    }
}

static void shuffle32(rng_t *r, uint32_t *a, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)rng_below(r, i);
        uint32_t x = a[i - 1];
        a[i - 1] = a[j];
        a[j] = x;
    }
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv)
{
    uint64_t seed = 1, nev = 10000000, narea = 3000, npart = 1000000;
    const char *dir = NULL;
    int opt;

    opterr = 0;
    while ((opt = getopt(argc, argv, ":s:n:a:p:o:h")) != -1) {
        switch (opt) {
        case 's':
            seed = parse_u64(optarg, 0, UINT64_MAX, "bad seed: '%s'");
            break;
        case 'n':
            nev = parse_u64(optarg, 1, MAX_EVENTS, "bad event count: '%s'");
            break;
        case 'a':
            narea = parse_u64(optarg, 1, MAX_AREAS, "bad area count: '%s'");
            break;
        case 'p':
            npart = parse_u64(optarg, 1, MAX_EVENTS,
                              "bad participant count: '%s'");
            break;
        case 'o':
            dir = optarg;
            break;
        default:
            other_option(opt);
        }
    }
    args_done(argc, argv, dir);

    size_t n = (size_t)nev, np = (size_t)npart;
    size_t nstaff = n * STAFF_PCT / 100, nanon = n * ANON_PCT / 100;
    size_t nid = n - nstaff - nanon;
    if (np > nid) {
        char buf[32];
        snprintf(buf, sizeof buf, "%zu", np);
        usage_error("%s participants: more than the identified events "
                    "(88%% of -n)", buf);
    }
    char *dpath = out_dir(dir);
    tables_init();

    struct world w;
    w.seed = seed;
    w.na = (size_t)narea;
    int aw = digits(narea, 4), pw = digits(npart, 7), ew = digits(nev, 8);
    size_t ndist = (w.na + AREAS_PER_DISTRICT - 1) / AREAS_PER_DISTRICT;
    int dw = digits(ndist, 3);

    /* the areas (stream 4): population.csv, and their weights */
    rng_t ra;
    rng_seed(&ra, seed, 4);
    w.area_cum = xmalloc(w.na * sizeof *w.area_cum);
    uint64_t cum = 0, people = 0;
    out_t o;
    out_open(&o, dpath, "population.csv");
    out_printf(&o, "area,population,migrant,district\n");
    for (size_t a = 0; a < w.na; a++) {
        double pop = 20000.0 * det_exp(0.7 * rng_normal(&ra));
        pop = pop < 2000.0 ? 2000.0 : pop > 300000.0 ? 300000.0 : pop;
        uint64_t pi = (uint64_t)(pop + 0.5);
        double prop = det_exp(0.5 * rng_normal(&ra));
        uint64_t mig = (uint64_t)((double)pi * rng_range(&ra, 0.05, 0.5) + 0.5);
        uint64_t wt = (uint64_t)((double)pi * prop * 16.0 + 0.5);
        cum += wt ? wt : 1;
        w.area_cum[a] = cum;
        people += pi;
        char *p = out_reserve(&o);
        *p++ = 'S';
        p = put_pad(p, (uint64_t)a + 1, aw);
        *p++ = ',';
        p = put_u64(p, pi);
        *p++ = ',';
        p = put_u64(p, mig);
        *p++ = ',';
        *p++ = 'D';
        p = put_pad(p, (uint64_t)(a / AREAS_PER_DISTRICT) + 1, dw);
        *p++ = '\n';
        out_commit(&o, p);
    }
    out_close(&o);

    /* the participants: ranks dealt to ids (stream 1), homes (stream 2) */
    rng_t rp;
    rng_seed(&rp, seed, 1);
    uint32_t *perm = xmalloc(np * sizeof *perm);
    for (size_t j = 0; j < np; j++)
        perm[j] = (uint32_t)j;
    shuffle32(&rp, perm, np);
    rng_seed(&rp, seed, 2);
    w.home = xmalloc(np * sizeof *w.home);
    for (size_t j = 0; j < np; j++)
        w.home[j] = pick_area(&w, &rp);

    /* the kinds: every participant once, the rest by the skewed weights
     * (cumulative rounding, + - * / only), anonymous and staff; then
     * shuffled (stream 3) */
    uint32_t *kind = xmalloc(n * sizeof *kind);
    size_t extra = nid - np, r1 = (np * 2 + 4) / 5, k = 0;
    double r0 = np >= 400 ? (double)(np / 200) : 2.0;
    double tail = 1.0 / ((double)r1 + r0), total = 0.0, acc = 0.0;
    for (size_t r = 0; r < r1; r++)
        total += 1.0 / ((double)r + r0) - tail;
    size_t prev = 0, top = 0, ntop = (np + 99) / 100, busiest = 0, once = 0;
    for (size_t r = 0; r < np; r++) {
        size_t c = 1;
        if (r < r1) {
            acc += 1.0 / ((double)r + r0) - tail;
            size_t cur = r + 1 == r1 ? extra
                       : (size_t)((double)extra * (acc / total) + 0.5);
            if (cur > extra)
                cur = extra;
            if (cur < prev)
                cur = prev;
            c += cur - prev;
            prev = cur;
        }
        for (size_t j = 0; j < c; j++)
            kind[k++] = perm[r];
        if (r < ntop)
            top += c;
        if (c > busiest)
            busiest = c;
        once += c == 1;
    }
    free(perm);
    for (size_t j = 0; j < nanon; j++)
        kind[k++] = KIND_ANON;
    for (size_t j = 0; j < nstaff; j++)
        kind[k++] = KIND_STAFF;
    rng_t rk;
    rng_seed(&rk, seed, 3);
    shuffle32(&rk, kind, n);

    /* the time order: a counting sort on the seconds, each event's time
     * drawn again from its stream */
    uint32_t *bucket = xmalloc(((size_t)SPAN + 1) * sizeof *bucket);
    memset(bucket, 0, ((size_t)SPAN + 1) * sizeof *bucket);
    for (size_t i = 0; i < n; i++) {
        rng_t r;
        event_rng(&w, &r, i);
        bucket[event_time(&r) + 1]++;
    }
    for (size_t s = 1; s <= SPAN; s++)
        bucket[s] += bucket[s - 1];
    uint32_t *order = xmalloc(n * sizeof *order);
    for (size_t i = 0; i < n; i++) {
        rng_t r;
        event_rng(&w, &r, i);
        order[bucket[event_time(&r)]++] = (uint32_t)i;
    }
    free(bucket);

    /* events.csv */
    uint64_t per_chan[CH_COUNT] = {0}, answered = 0, yes = 0;
    out_open(&o, dpath, "events.csv");
    out_printf(&o, "id,at,area,channel,level,participant,responded_at,"
                   "adopted\n");
    for (size_t j = 0; j < n; j++) {
        uint32_t i = order[j], kd = kind[i];
        struct event ev;
        gen_event(&w, i, kd, &ev);
        per_chan[ev.chan]++;
        char *p = out_reserve(&o);
        *p++ = 'E';
        p = put_pad(p, (uint64_t)j + 1, ew);
        *p++ = ',';
        p = put_time(p, ev.t);
        *p++ = ',';
        *p++ = 'S';
        p = put_pad(p, (uint64_t)ev.area + 1, aw);
        *p++ = ',';
        p = put_mem(p, chan_name[ev.chan], chan_len[ev.chan]);
        *p++ = ',';
        p = put_mem(p, level_name[ev.level], level_len[ev.level]);
        *p++ = ',';
        if (kd < KIND_STAFF) {
            *p++ = 'P';
            p = put_pad(p, (uint64_t)kd + 1, pw);
        }
        *p++ = ',';
        if (ev.lag) {
            p = put_time(p, (uint64_t)ev.t + ev.lag);
            answered++;
        }
        *p++ = ',';
        if (ev.adopted == 1) {
            p = put_mem(p, "yes", 3);
            yes++;
        } else if (ev.adopted == 0)
            p = put_mem(p, "no", 2);
        *p++ = '\n';
        out_commit(&o, p);
    }
    out_close(&o);

    fprintf(stderr,
            "%s: %s: %zu events: %zu with a participant, %zu anonymous, "
            "%zu by staff; %zu areas (%zu districts, %" PRIu64 " people); "
            "%zu participants: %zu (%.1f%%) once, the top 1%% %.1f%% of "
            "the identified events, the busiest %zu; answered %.1f%%, "
            "adopted yes %" PRIu64 "\n",
            PROG, dpath, n, nid, nanon, nstaff, w.na, ndist, people, np,
            once, 100.0 * (double)once / (double)np,
            100.0 * (double)top / (double)nid, busiest,
            100.0 * (double)answered / (double)n, yes);
    fprintf(stderr, "%s: events by channel:", PROG);
    for (int c = 0; c < CH_COUNT; c++)
        fprintf(stderr, " %s %" PRIu64, chan_name[c], per_chan[c]);
    fputc('\n', stderr);

    free(order);
    free(kind);
    free(w.home);
    free(w.area_cum);
    free(dpath);
    return 0;
}
