/*
 * rankcity.h - composite indices the OECD/JRC Handbook way (COINr's
 * method): an indicator tree read from an iMeta table, the pipeline
 * denominate -> screen -> impute -> treat -> normalise -> weight ->
 * aggregate -> rank (screening measures the data before imputation fills
 * its gaps), Monte Carlo uncertainty over the method choices, and the
 * statistical audit (lib/rcaudit.c).
 *
 * The whole table is held: a ranking needs every unit at once (min, max,
 * ranks).  Memory is nnode x nunit doubles plus the names.
 *
 * Ownership: a struct rc_model owns every string and array it points to;
 * rc_model_free() releases them all.  Nothing here prints or exits.
 */
#ifndef RANKCITY_H
#define RANKCITY_H

#include <stddef.h>

#include "csvio.h"
#include "util.h"

/* One indicator (level 1) or aggregate (level > 1) of the tree. */
struct rc_node {
	char *code;          /* iCode: the data column of an indicator */
	char *name;          /* iName, or a copy of code */
	int level;           /* 1 = indicator */
	int dir;             /* Direction: 1 or -1 */
	double weight;       /* Weight as given in META (relative in parent) */
	double target;       /* Target, NAN when none */
	double gp_lo, gp_hi; /* goalpost_lower/upper, NAN when none */
	char *denom;         /* Denominator column, NULL when none */
	long parent;         /* index of the parent node, -1 for the root */
	size_t *child;       /* indexes of the children, in META order */
	size_t nchild;
	long line;           /* META line (0 without META) */
};

/*
 * The model.  Nodes: node[0 .. nind) are the indicators in META order,
 * then the aggregates by level ascending (META order within a level); the
 * root (the index) is node[nnode - 1].  Units are in input order.
 *
 * x[k * nunit + u] is node k's value for unit u (NAN = missing): the
 * indicators' values as the pipeline changes them, the aggregates' scores
 * once rc_aggregate() has run.  w[k] is the weight node k gets within its
 * parent, normalised to sum 1 over the siblings (root: 1); weff[k] is the
 * product of w along the path from the root (the effective weight).
 */
struct rc_model {
	size_t nnode, nind, nunit;
	struct rc_node *node;
	char **unit;     /* unit ids */
	char **label;    /* display labels (the --label column), or NULL */
	long *uline;     /* data line of each unit */
	double *x;       /* nnode * nunit */
	double *w, *weff;
	/* denominators and groups: the named data columns, nunit each */
	size_t ncol;     /* extra columns held */
	char **colname;
	char ***colval;  /* colval[c][u]: the raw text */
	char *unit_col;  /* the unit column's name in the data */
	char *label_col; /* the label column's name, or NULL */
	const char *data_name; /* input name for messages (owned) */
	char *data_name_buf;
};

/* Options that shape reading. */
struct rc_read_opts {
	const char *meta;      /* META path or NULL */
	const char *unit_col;  /* default "unit" */
	const char *label_col; /* NULL: none */
	const char *group_col; /* a column to keep for group imputation */
	int denominate;        /* keep the Denominator columns */
};

/*
 * Read META (when o->meta) and the data file path ("-" or NULL: standard
 * input) with the CSV options c into *m, which the caller frees with
 * rc_model_free() whatever the result.  warn receives warnings (one per
 * line, for columns not in META); it may be NULL.  Returns 0, or -1 with
 * *e set: a missing unit column, duplicate unit ids, an iCode that the
 * data lacks, a Parent that does not exist, a cycle, a level out of order,
 * a non-numeric value (ERR_DATA, naming file, line, column and value).
 */
int rc_read(struct rc_model *m, const char *path, const struct csv_opts *c,
    const struct rc_read_opts *o, struct buf *warn, struct err *e);

void rc_model_free(struct rc_model *m);

/* Divide every indicator that has a Denominator by that column. */
int rc_denominate(struct rc_model *m, struct err *e);

/* Share of available indicator values per unit, into avail[nunit]. */
void rc_availability(const struct rc_model *m, double *avail);

/* Drop units whose availability is below min.  *dropped gets the count. */
int rc_screen(struct rc_model *m, double min, size_t *dropped, struct err *e);

enum rc_impute { RC_IMPUTE_NONE, RC_IMPUTE_MEAN, RC_IMPUTE_MEDIAN,
	RC_IMPUTE_GROUP_MEAN, RC_IMPUTE_GROUP_MEDIAN };
int rc_impute(struct rc_model *m, enum rc_impute how, const char *group_col,
    size_t *filled, struct err *e);

/* What rc_treat did to one indicator. */
struct rc_treat_info {
	double skew, kurt, skew_after, kurt_after; /* NAN when undefined */
	const char *treatment; /* none winsor-high winsor-low winsor log
	                          too-few-values (static strings) */
	size_t points;         /* winsorised points (COINr nwin) */
};
int rc_treat(struct rc_model *m, int maxpoints, struct rc_treat_info *info,
    struct err *e);

/* e1071 type-2 skewness and excess kurtosis of the n values x. */
double rc_skew(const double *x, size_t n);
double rc_kurt(const double *x, size_t n);

enum rc_norm { RC_NORM_MINMAX, RC_NORM_ZSCORE, RC_NORM_RANK,
	RC_NORM_GOALPOSTS, RC_NORM_DIST2TARG, RC_NORM_NONE };
struct rc_norm_spec {
	enum rc_norm how;
	double a, b;   /* minmax L,U; zscore M,SD; goalposts scale in a */
	int cap;       /* dist2targ: cap at 1 */
	int raw_direction; /* none: leave Direction to TOPSIS (no negation) */
};
/* Normalise every indicator (direction applied by negating first). */
int rc_normalise(struct rc_model *m, const struct rc_norm_spec *s,
    struct err *e);

enum rc_weights { RC_W_META, RC_W_EQUAL, RC_W_ENTROPY, RC_W_PCA };
enum rc_agg { RC_AGG_AMEAN, RC_AGG_GMEAN, RC_AGG_HMEAN, RC_AGG_TOPSIS };

/*
 * Aggregate level by level into the aggregates' rows of x, computing the
 * weights w and weff as it goes (entropy and PCA weights from the children's
 * values at that point).  dir_in_topsis: under TOPSIS, pick each child's
 * ideal by its Direction (set when no normalisation applied the direction).
 */
int rc_aggregate(struct rc_model *m, enum rc_weights wm, enum rc_agg agg,
    int dir_in_topsis, struct err *e);

/* Ranks of score[n]: 1 = highest, ties share the lowest rank, NAN gets 0. */
void rc_rank(const double *score, size_t n, int *rank);

/* Monte Carlo uncertainty. */
struct rc_mc_opts {
	long n;              /* replications */
	unsigned long seed;
	double noise;        /* weight noise fraction */
	unsigned norms;      /* bit 0 minmax, bit 1 zscore */
	unsigned aggs;       /* bit 0 amean, 1 gmean, 2 hmean */
};
struct rc_mc_result {
	double *median, *mean, *q05, *q95; /* nunit each, caller frees */
};
/*
 * Monte Carlo over the method choices: o->n replications, each drawing one
 * (normalisation, aggregation) pair uniformly from those o allows, and
 * every weight but the root's as w * U(1 - noise, 1 + noise).  In the
 * replications minmax maps to [1, 100] and zscore to mean 10, sd 2
 * (COINr's sensitivity vignette), so the values stay positive for gmean
 * and hmean; a z-score that still reaches 0 or below leaves the z-score
 * pairs with gmean/hmean out of the draw, with a line in warn saying so.
 * norm_in holds the indicators' values before normalisation (nind *
 * nunit, as in m->x); m->w holds the nominal weights (rc_aggregate).
 * The ranks of each replication (ties at the lowest) are counted per unit,
 * and r gets each unit's median, mean, 5% and 95% rank (type-7 quantiles;
 * NAN for a unit never ranked); the caller frees r's four arrays.  Memory:
 * nunit^2 counters, whatever o->n.  The same seed gives the same result.
 * Returns 0, or -1 with *e set.
 */
int rc_uncertainty(const struct rc_model *m, const double *norm_in,
    const struct rc_mc_opts *o, struct rc_mc_result *r, struct buf *warn,
    struct err *e);

/*
 * The statistical audit (lib/rcaudit.c) of a model whose x holds the
 * normalised indicators and the aggregate scores: writes the header
 * measure,iCode,with,value,flag and its rows to w.  precision < 0: shortest
 * round-trip numbers, else that many decimals.
 */
int rc_audit_write(const struct rc_model *m, struct csvw *w, int precision,
    struct err *e);

#endif

/* ------------------------------------------------------------ the run */

enum rc_stage { RC_EMIT_NONE, RC_EMIT_DENOMINATED, RC_EMIT_IMPUTED,
	RC_EMIT_TREATED, RC_EMIT_NORMALISED, RC_EMIT_AGGREGATED };
enum rc_chart { RC_CHART_BAR, RC_CHART_STACKED, RC_CHART_UNCERTAINTY };

/* Everything rankcity's options decide (cmd/rankcity.c fills it). */
struct rc_opts {
	struct rc_read_opts read;
	struct csv_opts csv;
	int denominate;
	enum rc_impute impute;
	const char *impute_col;
	double screen;            /* < 0: no screening */
	int treat_max;            /* < 0: no treatment */
	const char *treat_out;
	struct rc_norm_spec norm;
	enum rc_weights weights;
	const char *weights_out;
	enum rc_agg agg;
	enum rc_stage emit;
	const char *previous;
	struct rc_mc_opts mc;     /* mc.n == 0: no Monte Carlo */
	int audit;
	const char *chart;        /* NULL: no chart */
	enum rc_chart chart_type;
	int precision;            /* < 0: shortest round-trip */
};

/* What a run did, for the summary line. */
struct rc_summary {
	size_t units, screened, imputed, indicators, aggregates, ranked;
	size_t written;
};

/*
 * Run the whole pipeline on the data file path ("-"/NULL: standard input)
 * as o says, write the resulting table to out and, when o->chart, append
 * the gnuplot script for it to *script.  Side files (--treat-out,
 * --weights-out) are written here.  warn collects warnings for the caller
 * to print.  Returns 0, or -1 with *e set.  The caller owns everything it
 * passes.
 */
int rankcity_run(const struct rc_opts *o, const char *path, struct csvw *out,
    struct buf *script, struct buf *warn, struct rc_summary *st,
    struct err *e);
