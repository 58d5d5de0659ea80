/*
 * genindex - seeded benchmark data generator for rankcity (a composite
 * index of cities, the OECD/JRC Handbook way).
 *
 * usage: genindex [-s SEED] [-u UNITS] [-i INDICATORS] -o DIR
 *
 * Writes two CSV files into an existing directory DIR:
 *
 *   DIR/data.csv   unit,name,i01,..,i60
 *                  one row per city: id C001.. (3 digits, more if UNITS
 *                  needs them), a pinyin-style city name (ASCII, unique),
 *                  then the raw indicator values; an empty cell = missing
 *   DIR/meta.csv   Level,iCode,iName,Direction,Weight,Parent,Target,
 *                  Denominator,Type  (COINr's iMeta shape)
 *                  the indicators (Level 1, Type Indicator) in column
 *                  order, then pillars P01.. (Level 2), sub-indices S01..
 *                  (Level 3) and the index "Index" (Level 4), Type
 *                  Aggregate: three levels of aggregation above the
 *                  indicators
 *
 * and prints the counts to standard error.
 *
 * Structure: indicators go to pillars six at a time in column order (60
 * indicators: 10 pillars of 6; the last pillar is smaller when INDICATORS
 * is not a multiple of 6); the first half of the pillars (rounded up) make
 * sub-index S01 "Economic vitality", the rest S02 "Quality of life" (just
 * S01 when there is one pillar); both make the index.  Weights: indicators
 * 1 (80%), 0.5 (10%) or 2 (10%); pillars 1 (70%), 0.5 or 2 (15% each);
 * sub-indices and the index 1.  Target: the value 5% from the best end of
 * the generated data (95th percentile for direction 1, 5th for -1), for
 * dist2targ.  Denominator: empty.
 *
 * Indicators: sixty templates, six per theme (economy, innovation,
 * environment, health, education, transport, housing, governance, culture,
 * safety), each a name, a direction (19 of the 60 are -1: unemployment,
 * PM2.5, commute time, crime, ...), a shape and its decimals.  Indicator k
 * uses template k mod 60 (a repeat gets " (2)", " (3)", .. after its
 * name), so any INDICATORS works and the pillars keep their themes.
 * Values come from latent city factors, so indicators correlate the way
 * real ones do: a development factor d, a factor per pillar f, and a size
 * factor s (all N(0,1) per city).  For indicator k with direction D, a
 * loading r (uniform 0.3..0.7, drawn per indicator) and a size loading
 * a (template: 0 or 0.5..0.7):
 *     z = D r (0.6 d + 0.8 f) + a s + sqrt(max(0.05, 1 - r^2 - a^2)) e
 * then z goes through the template's shape:
 *     normal   mean + sd z, clipped to [lo, hi]
 *     lognorm  median exp(sigma z)              (skewed; sigma >= 1 is
 *                                                heavy, for --treat)
 *     share    a percentage 100 / (1 + exp(-(c + w z)))  (near 100 when
 *              c is large: skewed to the left)
 *     zcount   0 when z < cut (no metro, no heritage site), else the
 *              lognormal, rounded: zero-inflated counts
 * and is printed with the template's decimals.  Missing cells: 1.5% of
 * every indicator, 6% of every tenth one (k mod 10 = 7), plus 25% of all
 * cells of 1% of the cities (small new ones, for --screen): about 2.2%
 * overall.
 *
 * Random numbers: xoshiro256** seeded by splitmix64 from SEED, separate
 * streams for the structure (weights, loadings), the city factors and
 * values, the missing cells and the names (Fisher-Yates, unbiased bounded
 * draws).  The normal deviate is a sum of eight 16-bit uniforms
 * (Irwin-Hall, |z| <= 4.9), exp() is computed here with + and * only,
 * sqrt() is exactly rounded by IEEE 754 and printf's %.*f is exact in
 * glibc and musl, so the output is byte-identical for the same options on
 * any IEEE machine.
 *
 * Memory: 8 bytes per cell.  Depends on libc only.
 * Build: cc -std=c11 -O2 -Wall -Wextra -o genindex genindex.c -lm
 */
#define _POSIX_C_SOURCE 200809L

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF /* no fused multiply-add: same bits everywhere */
#endif

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROG "genindex"

#define MAX_UNITS 10000000
#define MAX_IND 1000000
#define PER_PILLAR 6
#define NTHEME 10
#define NTMPL (NTHEME * PER_PILLAR)

#define P_MISS 0.015      /* every indicator */
#define P_MISS_HI 0.06    /* indicators k mod 10 == 7 */
#define P_SPARSE 0.01     /* share of cities with many gaps */
#define P_MISS_SPARSE 0.25

static const char *usage_line =
    "usage: " PROG " [-s SEED] [-u UNITS] [-i INDICATORS] -o DIR\n";

#include "gen.h"

/* ---------------------------------------------------------- templates */

enum shape { NORMAL, LOGNORM, SHARE, ZCOUNT };

/*
 * One indicator template.  NORMAL: a = mean, b = sd, clipped to [lo, hi].
 * LOGNORM: a = median, b = sigma.  SHARE: a = centre c, b = spread w
 * (logit scale).  ZCOUNT: a = median, b = sigma, lo = the cut on z.
 */
struct tmpl {
    const char *name;
    int dir;
    enum shape shape;
    double a, b, lo, hi;
    double size; /* loading on the city size factor */
    int dec;     /* decimals printed */
};

static const char *const theme_name[NTHEME] = {
    "Economy", "Innovation", "Environment", "Health", "Education",
    "Transport", "Housing", "Governance", "Culture and tourism", "Safety"
};

static const struct tmpl tmpl[NTMPL] = {
    /* economy */
    {"GDP per capita (yuan)", 1, LOGNORM, 80000, 0.5, 0, 0, 0, 0},
    {"Disposable income per capita (yuan)", 1, LOGNORM, 40000, 0.35, 0, 0, 0, 0},
    {"Registered unemployment rate (%)", -1, NORMAL, 3.5, 0.9, 0.5, 15, 0, 2},
    {"Fiscal revenue per capita (yuan)", 1, LOGNORM, 6000, 0.9, 0, 0, 0.3, 0},
    {"Tertiary industry share of GDP (%)", 1, SHARE, 0.1, 0.5, 0, 0, 0.3, 1},
    {"Local government debt ratio (%)", -1, LOGNORM, 90, 0.5, 0, 0, 0, 1},
    /* innovation */
    {"R&D spending share of GDP (%)", 1, LOGNORM, 2.0, 0.6, 0, 0, 0.2, 2},
    {"Invention patents per 10000 people", 1, LOGNORM, 10, 1.1, 0, 0, 0.3, 1},
    {"High-tech enterprises", 1, ZCOUNT, 300, 1.3, -2.5, 0, 0.7, 0},
    {"University students per 10000 people", 1, LOGNORM, 250, 0.8, 0, 0, 0.4, 0},
    {"Venture capital deals", 1, ZCOUNT, 8, 1.6, -0.8, 0, 0.6, 0},
    {"Broadband subscribers per 100 people", 1, NORMAL, 35, 8, 5, 80, 0, 1},
    /* environment */
    {"PM2.5 annual mean (ug/m3)", -1, LOGNORM, 35, 0.3, 0, 0, 0.2, 1},
    {"Days with good air quality (%)", 1, SHARE, 1.7, 0.6, 0, 0, 0, 1},
    {"Green space per capita (m2)", 1, LOGNORM, 14, 0.35, 0, 0, 0, 2},
    {"CO2 per unit of GDP (t per 10000 yuan)", -1, LOGNORM, 1.0, 0.7, 0, 0, 0, 3},
    {"Urban wastewater treated (%)", 1, SHARE, 3.2, 0.8, 0, 0, 0, 2},
    {"Water use per unit of GDP (m3 per 10000 yuan)", -1, LOGNORM, 40, 0.8, 0, 0, 0, 1},
    /* health */
    {"Hospital beds per 1000 people", 1, NORMAL, 6.5, 1.6, 1.5, 15, 0, 2},
    {"Doctors per 1000 people", 1, LOGNORM, 3.0, 0.3, 0, 0, 0, 2},
    {"Life expectancy (years)", 1, NORMAL, 78.5, 1.8, 70, 85, 0, 1},
    {"Infant mortality (per 1000 births)", -1, LOGNORM, 3.5, 0.45, 0, 0, 0, 2},
    {"Elderly care beds per 1000 older people", 1, NORMAL, 30, 8, 5, 80, 0, 1},
    {"Health spending per capita (yuan)", 1, LOGNORM, 1800, 0.6, 0, 0, 0, 0},
    /* education */
    {"Pupils per primary school teacher", -1, NORMAL, 16.5, 2.2, 9, 30, 0, 1},
    {"Kindergarten enrolment (%)", 1, SHARE, 2.2, 0.7, 0, 0, 0, 1},
    {"Education share of the budget (%)", 1, NORMAL, 16, 3, 5, 30, 0, 1},
    {"Average years of schooling", 1, NORMAL, 10.5, 1.2, 6, 15, 0, 2},
    {"Library books per capita", 1, LOGNORM, 1.2, 0.7, 0, 0, 0, 2},
    {"Senior high school enrolment (%)", 1, SHARE, 2.4, 0.6, 0, 0, 0, 1},
    /* transport */
    {"Average commute time (min)", -1, NORMAL, 36, 5, 20, 60, 0.4, 1},
    {"Rail transit per 10000 people (km)", 1, ZCOUNT, 0.3, 0.8, -0.25, 0, 0.6, 3},
    {"Buses per 10000 people", 1, NORMAL, 12, 3, 3, 30, 0, 1},
    {"Road area per capita (m2)", 1, LOGNORM, 16, 0.35, 0, 0, 0, 2},
    {"Traffic deaths per 100000 people", -1, LOGNORM, 5, 0.5, 0, 0, 0, 2},
    {"Peak hour congestion index", -1, NORMAL, 1.6, 0.2, 1.1, 2.5, 0.5, 3},
    /* housing */
    {"House price to income ratio", -1, LOGNORM, 9, 0.45, 0, 0, 0.5, 2},
    {"Living space per capita (m2)", 1, NORMAL, 36, 5, 15, 60, 0, 1},
    {"Rent share of income (%)", -1, NORMAL, 22, 5, 5, 50, 0.3, 1},
    {"Affordable homes completed per 10000 people", 1, LOGNORM, 15, 0.9, 0, 0, 0, 1},
    {"Piped gas coverage (%)", 1, SHARE, 3.0, 0.9, 0, 0, 0, 2},
    {"Old neighbourhoods renovated (%)", 1, SHARE, -0.4, 0.8, 0, 0, 0, 1},
    /* governance */
    {"Hotline cases closed on time (%)", 1, SHARE, 2.6, 0.5, 0, 0, 0, 2},
    {"Online government services score", 1, NORMAL, 80, 7, 40, 100, 0, 1},
    {"Business registration time (days)", -1, LOGNORM, 8, 0.5, 0, 0, 0, 1},
    {"Fiscal transparency score", 1, NORMAL, 60, 15, 0, 100, 0, 1},
    {"Complaints per 10000 people", -1, LOGNORM, 60, 0.6, 0, 0, 0, 1},
    {"Public satisfaction score", 1, NORMAL, 82, 4, 60, 100, 0, 1},
    /* culture and tourism */
    {"Museums per million people", 1, LOGNORM, 4, 0.7, 0, 0, 0, 2},
    {"Tourist arrivals per resident", 1, LOGNORM, 8, 1.0, 0, 0, 0, 2},
    {"Culture share of the budget (%)", 1, NORMAL, 2, 0.5, 0.3, 5, 0, 2},
    {"Sports ground per capita (m2)", 1, NORMAL, 2.2, 0.4, 0.8, 4, 0, 2},
    {"Heritage sites", 1, ZCOUNT, 3, 1.2, -1.0, 0, 0.5, 0},
    {"Cinema screens per 100000 people", 1, LOGNORM, 6, 0.4, 0, 0, 0, 2},
    /* safety */
    {"Crimes per 10000 people", -1, LOGNORM, 40, 0.5, 0, 0, 0.3, 1},
    {"Fires per 100000 people", -1, LOGNORM, 25, 0.6, 0, 0, 0, 1},
    {"Work accident deaths per 100000 workers", -1, LOGNORM, 1.5, 0.6, 0, 0, 0, 3},
    {"Emergency response time (min)", -1, NORMAL, 12, 2.5, 5, 30, 0.3, 1},
    {"Public spaces under video cover (%)", 1, SHARE, 1.4, 0.7, 0, 0, 0, 1},
    {"Disaster losses share of GDP (%)", -1, LOGNORM, 0.3, 1.2, 0, 0, 0, 3},
};

/* pinyin syllables for the city names */
static const char *const syl[] = {
    "an", "bao", "bei", "chang", "cheng", "da", "dong", "feng", "fu",
    "guang", "hai", "han", "he", "heng", "hua", "huai", "jian", "jiang",
    "jin", "jing", "kai", "lan", "le", "lin", "long", "luo", "nan", "ning",
    "ping", "qing", "quan", "rong", "shan", "shao", "tai", "tian", "tong",
    "wu", "xi", "xin", "xing", "yang", "yi", "yong", "yu", "yuan", "yun",
    "zhang", "zhao", "zhou"
};
#define NSYL (sizeof syl / sizeof syl[0])
#define NPAIR (NSYL * (NSYL - 1)) /* two different syllables */

/* ------------------------------------------------------------- output */

/* ------------------------------------------------------------ values */

static double clip(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* an indicator's value for the latent z, in the template's shape */
static double value_of(const struct tmpl *t, double z)
{
    switch (t->shape) {
    case NORMAL:
        return clip(t->a + t->b * z, t->lo, t->hi);
    case LOGNORM:
        return t->a * det_exp(t->b * z);
    case SHARE:
        return 100.0 / (1.0 + det_exp(-(t->a + t->b * z)));
    case ZCOUNT:
        if (z < t->lo)
            return 0.0;
        {
            double v = t->a * det_exp(t->b * z);
            if (t->dec == 0) {
                v = floor(v + 0.5);
                if (v < 1.0)
                    v = 1.0;
            }
            return v;
        }
    }
    return 0.0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* ---------------------------------------------------------------- main */

static int digits(uint64_t n, int min)
{
    int w = 1;
    while (n >= 10) {
        n /= 10;
        w++;
    }
    return w < min ? min : w;
}

int main(int argc, char **argv)
{
    uint64_t seed = 1, nunit = 300, nind = 60;
    const char *dir = NULL;
    int opt;

    opterr = 0;
    while ((opt = getopt(argc, argv, ":s:u:i:o:h")) != -1) {
        switch (opt) {
        case 's':
            seed = parse_u64(optarg, 0, UINT64_MAX, "bad seed: '%s'");
            break;
        case 'u':
            nunit = parse_u64(optarg, 1, MAX_UNITS, "bad unit count: '%s'");
            break;
        case 'i':
            nind = parse_u64(optarg, 1, MAX_IND,
                             "bad indicator count: '%s'");
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

    size_t nu = (size_t)nunit, ni = (size_t)nind;
    if (nu > SIZE_MAX / sizeof(double) / ni) {
        fprintf(stderr, "%s: out of memory\n", PROG);
        return 1;
    }
    size_t npil = (ni + PER_PILLAR - 1) / PER_PILLAR;
    size_t nsub = npil > 1 ? 2 : 1;
    size_t s1 = (npil + 1) / 2; /* pillars of S01 */
    int uw = digits(nunit, 3), iw = digits(nind, 2), pw = digits(npil, 2);

    /* the structure: loadings and weights per indicator, pillar weights */
    rng_t rs;
    rng_seed(&rs, seed, 1);
    double *load = xmalloc(ni * sizeof *load);
    double *iwt = xmalloc(ni * sizeof *iwt);
    double *pwt = xmalloc(npil * sizeof *pwt);
    for (size_t k = 0; k < ni; k++) {
        load[k] = rng_range(&rs, 0.3, 0.7);
        double u = rng_unit(&rs);
        iwt[k] = u < 0.1 ? 0.5 : u < 0.2 ? 2.0 : 1.0;
    }
    for (size_t p = 0; p < npil; p++) {
        double u = rng_unit(&rs);
        pwt[p] = u < 0.15 ? 0.5 : u < 0.3 ? 2.0 : 1.0;
    }

    /* the values, city by city: x[u * ni + k], NAN = missing */
    rng_t rv, rm;
    rng_seed(&rv, seed, 2);
    rng_seed(&rm, seed, 3);
    double *x = xmalloc(nu * ni * sizeof *x);
    double *f = xmalloc(npil * sizeof *f);
    size_t nmiss = 0, nsparse = 0;
    for (size_t u = 0; u < nu; u++) {
        double d = rng_normal(&rv), s = rng_normal(&rv);
        for (size_t p = 0; p < npil; p++)
            f[p] = rng_normal(&rv);
        int sparse = rng_unit(&rm) < P_SPARSE;
        nsparse += (size_t)sparse;
        for (size_t k = 0; k < ni; k++) {
            const struct tmpl *t = &tmpl[k % NTMPL];
            double r = load[k], a = t->size;
            double g = 0.6 * d + 0.8 * f[k / PER_PILLAR];
            double rest = 1.0 - r * r - a * a;
            double z = (double)t->dir * r * g + a * s +
                       sqrt(rest > 0.05 ? rest : 0.05) * rng_normal(&rv);
            double v = value_of(t, z);
            double pm = k % 10 == 7 ? P_MISS_HI : P_MISS;
            if (sparse)
                pm += P_MISS_SPARSE;
            if (rng_unit(&rm) < pm) {
                v = NAN;
                nmiss++;
            }
            x[u * ni + k] = v;
        }
    }

    /* the targets: 5% from the best end of each indicator's values */
    double *target = xmalloc(ni * sizeof *target);
    double *col = xmalloc(nu * sizeof *col);
    for (size_t k = 0; k < ni; k++) {
        size_t n = 0;
        for (size_t u = 0; u < nu; u++)
            if (!isnan(x[u * ni + k]))
                col[n++] = x[u * ni + k];
        if (!n) {
            target[k] = NAN;
            continue;
        }
        qsort(col, n, sizeof *col, cmp_double);
        size_t i = (size_t)((double)(n - 1) * 0.05 + 0.5);
        target[k] = tmpl[k % NTMPL].dir > 0 ? col[n - 1 - i] : col[i];
    }
    free(col);

    /* the names: a shuffle of the syllable pairs, numbered past NPAIR */
    uint32_t *pair = xmalloc(NPAIR * sizeof *pair);
    for (uint32_t i = 0; i < NPAIR; i++)
        pair[i] = i;
    rng_t rn;
    rng_seed(&rn, seed, 4);
    for (size_t i = NPAIR; i > 1; i--) {
        size_t j = (size_t)rng_below(&rn, i);
        uint32_t y = pair[i - 1];
        pair[i - 1] = pair[j];
        pair[j] = y;
    }

    /* data.csv */
    out_t o;
    out_open(&o, dpath, "data.csv");
    out_printf(&o, "unit,name");
    for (size_t k = 0; k < ni; k++)
        out_printf(&o, ",i%0*zu", iw, k + 1);
    out_printf(&o, "\n");
    for (size_t u = 0; u < nu; u++) {
        uint32_t pr = pair[u % NPAIR];
        size_t a = pr / (NSYL - 1), b = pr % (NSYL - 1);
        if (b >= a)
            b++;
        out_printf(&o, "C%0*zu,%c%s%s", uw, u + 1, syl[a][0] - 'a' + 'A',
                   syl[a] + 1, syl[b]);
        if (u >= NPAIR)
            out_printf(&o, " %zu", u / NPAIR + 1);
        for (size_t k = 0; k < ni; k++) {
            double v = x[u * ni + k];
            if (isnan(v))
                out_printf(&o, ",");
            else
                out_printf(&o, ",%.*f", tmpl[k % NTMPL].dec, v);
        }
        out_printf(&o, "\n");
    }
    out_close(&o);

    /* meta.csv */
    size_t nneg = 0;
    out_open(&o, dpath, "meta.csv");
    out_printf(&o, "Level,iCode,iName,Direction,Weight,Parent,Target,"
                   "Denominator,Type\n");
    for (size_t k = 0; k < ni; k++) {
        const struct tmpl *t = &tmpl[k % NTMPL];
        nneg += t->dir < 0;
        out_printf(&o, "1,i%0*zu,%s", iw, k + 1, t->name);
        if (k >= NTMPL)
            out_printf(&o, " (%zu)", k / NTMPL + 1);
        out_printf(&o, ",%d,%g,P%0*zu,", t->dir, iwt[k], pw,
                   k / PER_PILLAR + 1);
        if (!isnan(target[k]))
            out_printf(&o, "%.*f", t->dec, target[k]);
        out_printf(&o, ",,Indicator\n");
    }
    for (size_t p = 0; p < npil; p++) {
        out_printf(&o, "2,P%0*zu,%s", pw, p + 1, theme_name[p % NTHEME]);
        if (p >= NTHEME)
            out_printf(&o, " (%zu)", p / NTHEME + 1);
        out_printf(&o, ",1,%g,S%02zu,,,Aggregate\n", pwt[p],
                   p < s1 ? (size_t)1 : (size_t)2);
    }
    out_printf(&o, "3,S01,Economic vitality,1,1,Index,,,Aggregate\n");
    if (nsub > 1)
        out_printf(&o, "3,S02,Quality of life,1,1,Index,,,Aggregate\n");
    out_printf(&o, "4,Index,City Development Index,1,1,,,,Aggregate\n");
    out_close(&o);

    fprintf(stderr,
            "%s: %s: %zu units, %zu indicators (%zu with direction -1), "
            "%zu pillars, %zu sub-indices, 1 index; %zu of %zu cells "
            "missing (%.1f%%), %zu sparse units\n",
            PROG, dpath, nu, ni, nneg, npil, nsub, nmiss, nu * ni,
            100.0 * (double)nmiss / (double)(nu * ni), nsparse);

    free(pair);
    free(target);
    free(f);
    free(x);
    free(pwt);
    free(iwt);
    free(load);
    free(dpath);
    return 0;
}
