/*
 * rankcity.h - composite indices the OECD/JRC Handbook way (COINr's
 * method): an indicator tree read from an iMeta table, the pipeline
 * denominate -> screen -> impute -> treat -> normalise -> weight ->
 * aggregate -> rank (screening measures the data before imputation fills
 * its gaps), Monte Carlo uncertainty over the method choices, and the
 * statistical audit.
 *
 * lib/rankcity, rankcity's engine, depends on lib/core only.  Its modules
 * share internal.h: model.c reads META and the data (rc_read), pipeline.c
 * holds the steps, montecarlo.c the uncertainty, audit.c the audit,
 * methods.c the one table of method names, run.c the run that writes the
 * tables and the chart (rc_run).
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

#include "core/csvio.h"
#include "core/util.h"

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
	char *meta_name; /* META's name for messages, NULL without META */
	/* --by: a group's model (rc_model_group) writes its group first */
	char *by_col;    /* the by column's name, NULL without --by */
	char *by_val;    /* this group's value */
	int no_head;     /* the tables' header is written already */
	size_t by_c;     /* the by column among colname/colval */
};

/* Options that shape reading. */
struct rc_read_opts {
	const char *meta;      /* META path or NULL */
	const char *unit_col;  /* default "unit" */
	const char *label_col; /* NULL: none */
	const char *group_col; /* a column to keep for group imputation */
	int denominate;        /* keep the Denominator columns */
	/* --indicators: the columns to rank on, each by name or position,
	 * "-" first for Direction -1; weight 1 each; no META with them */
	const char *const *indicators;
	size_t nindicators;
	const char *by_col;    /* --by: a column to keep for the groups */
	int zh;                /* --lang zh: the implicit index's name */
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

/*
 * Drop the indicators whose values present are all the same (a column
 * that cannot tell the units apart, and that min-max and z-scores cannot
 * scale), and then the aggregates left without children, keeping the
 * others in order with their rows of x; the siblings' weights share what
 * is left.  *dropped gets the count of indicators dropped, and warn (may
 * be NULL) one line naming them all; what (may be NULL) follows the file
 * name in the line (", group ..." under --by).  An indicator without
 * values stays (rc_normalise names it).  m keeps ownership of what stays;
 * the dropped nodes' strings are freed.  Returns 0, or -1 with *e set
 * and m as it was: ERR_DATA when every indicator goes, ERR_NOMEM.
 */
int rc_drop_constant(struct rc_model *m, const char *what, size_t *dropped,
    struct buf *warn, struct err *e);

/*
 * The groups of --by: *sub gets a new array of *nsub models (free each
 * with rc_model_free, then the array), one per value of m's column
 * m->by_col (kept by rc_read_opts.by_col), in the order the values first
 * appear, each with that group's units in input order and a copy of the
 * tree; by_val holds the value.  Returns 0, or -1 with *e set (a unit with
 * an empty group: ERR_DATA; ERR_NOMEM).
 */
int rc_model_groups(const struct rc_model *m, struct rc_model **sub,
    size_t *nsub, struct err *e);

/* Free everything *m owns and zero it.  A zeroed or partly built model
 * (as rc_read leaves it on failure) is allowed; NULL is allowed. */
void rc_model_free(struct rc_model *m);

/*
 * Divide every indicator that has a Denominator by that column's value
 * (read with rc_read_opts.denominate).  A missing denominator makes the
 * value missing.  Returns 0, or -1 with *e set: ERR_DATA for a
 * denominator that is not a number, 0 under a value, or a quotient too
 * large to hold, naming the file, line, unit and columns; ERR_NOMEM.
 * m keeps ownership of everything; nothing is allocated past the call.
 */
int rc_denominate(struct rc_model *m, struct err *e);

/* Share (0 to 1) of each unit's indicator values that are present, into
 * the caller's avail[nunit].  Cannot fail. */
void rc_availability(const struct rc_model *m, double *avail);

/*
 * Drop the units whose availability is below min, keeping the others in
 * order with their rows of x, labels, lines and extra columns.  *dropped
 * gets the count.  Returns 0, or -1 with *e set when out of memory.
 */
int rc_screen(struct rc_model *m, double min, size_t *dropped, struct err *e);

enum rc_impute { RC_IMPUTE_NONE, RC_IMPUTE_MEAN, RC_IMPUTE_MEDIAN,
	RC_IMPUTE_GROUP_MEAN, RC_IMPUTE_GROUP_MEDIAN };
/*
 * Fill each indicator's missing values with the mean or median (type 7,
 * i.e. the usual middle) of its values present, over all units or over
 * the units with the same group_col text (kept by rc_read_opts.group_col).
 * A unit with an empty group, or a group without values, stays missing.
 * Fill values come from the data before any filling.  *filled gets the
 * count of values filled.  Returns 0, or -1 with *e set (no such group
 * column: ERR_USAGE; memory: ERR_NOMEM).
 */
int rc_impute(struct rc_model *m, enum rc_impute how, const char *group_col,
    size_t *filled, struct err *e);

/* What rc_treat did to one indicator. */
struct rc_treat_info {
	double skew, kurt, skew_after, kurt_after; /* NAN when undefined */
	const char *treatment; /* none winsor-high winsor-low winsor log
	                          too-few-values (static strings) */
	size_t points;         /* winsorised points (COINr nwin) */
};
/*
 * COINr's outlier treatment of each indicator, on its values present: it
 * passes when |skew| < 2 or kurtosis < 3.5 (a constant one passes); else
 * the most extreme value on the skewed side, ties together, becomes the
 * next value in, until it passes or maxpoints points have moved (COINr's
 * count: the points of the latest step on each side); if it still fails,
 * the original values become log(x - min + 0.01 (max - min)).  Fewer than
 * 4 values: left alone ("too-few-values").  info[nind] (the caller's) gets
 * what was done.  Returns 0, or -1 with *e set when out of memory.
 */
int rc_treat(struct rc_model *m, int maxpoints, struct rc_treat_info *info,
    struct err *e);

enum rc_norm { RC_NORM_MINMAX, RC_NORM_ZSCORE, RC_NORM_RANK,
	RC_NORM_GOALPOSTS, RC_NORM_DIST2TARG, RC_NORM_NONE };
struct rc_norm_spec {
	enum rc_norm how;
	double a, b;   /* minmax L,U; zscore M,SD; goalposts scale in a */
	int cap;       /* dist2targ: cap at 1 */
	int raw_direction; /* none: leave Direction to TOPSIS (no negation) */
};
/*
 * Normalise every indicator in place, each value v = Direction * x first
 * (except with raw_direction under none): minmax (v - min) / (max - min)
 * (b - a) + a; zscore (v - mean) / sd * b + a with the n - 1 sd; rank
 * (ascending, ties at the lowest); goalposts from META, truncated to
 * [0, 1] times a; dist2targ 1 - (t - v) / (t - min), capped at 1 with
 * cap.  Missing values stay missing.  Returns 0, or -1 with *e set
 * (ERR_DATA): an indicator without values, a zero range or sd, missing or
 * crossed goalposts, a Target not above the lowest value, a result too
 * large to hold; ERR_NOMEM.
 */
int rc_normalise(struct rc_model *m, const struct rc_norm_spec *s,
    struct err *e);

enum rc_weights { RC_W_META, RC_W_EQUAL, RC_W_ENTROPY, RC_W_PCA };
enum rc_agg { RC_AGG_AMEAN, RC_AGG_GMEAN, RC_AGG_HMEAN, RC_AGG_TOPSIS };

/*
 * Aggregate level by level into the aggregates' rows of x, computing the
 * weights w and weff as it goes (entropy and PCA weights from the children's
 * values at that point).  dir_in_topsis: under TOPSIS, pick each child's
 * ideal by its Direction (set when no normalisation applied the direction).
 * amean, gmean and hmean skip a missing child and rescale the weights over
 * those present (COINr); a unit with no child present gets a missing
 * score.  Returns 0, or -1 with *e set (ERR_DATA): Weights summing to 0,
 * a value of 0 or below under gmean or hmean, a negative value under
 * entropy weights, too few complete units for PCA, a TOPSIS tie between
 * ideal and anti-ideal, naming unit and indicator; ERR_NOMEM.
 */
int rc_aggregate(struct rc_model *m, enum rc_weights wm, enum rc_agg agg,
    int dir_in_topsis, struct err *e);

/* Ranks of score[n] into the caller's rank[n]: 1 = highest, ties share the
 * lowest rank (1, 2, 2, 4), NAN gets 0.  Returns 0, or -1 when out of
 * memory (rank is then unset). */
int rc_rank(const double *score, size_t n, int *rank);

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

/*
 * The complete cases of aggregate agg: the units whose children are all
 * present, column by column into the caller's cc (child j's values at
 * cc[j * m->nunit], nchild * nunit doubles).  Returns how many there are.
 */
size_t rc_complete_cases(const struct rc_model *m, const struct rc_node *agg,
    double *cc);

/* ------------------------------------------------------------ the run */

enum rc_stage { RC_EMIT_NONE, RC_EMIT_DENOMINATED, RC_EMIT_IMPUTED,
	RC_EMIT_TREATED, RC_EMIT_NORMALISED, RC_EMIT_AGGREGATED };
enum rc_chart { RC_CHART_BAR, RC_CHART_STACKED, RC_CHART_UNCERTAINTY };

/* The kinds of method an option chooses: the values are those of enum
 * rc_impute, rc_norm, rc_weights, rc_agg, rc_stage and rc_chart; MC_NORM
 * and MC_AGG are the normalisations and aggregations the Monte Carlo can
 * draw. */
enum rc_method_kind { RC_M_IMPUTE, RC_M_NORM, RC_M_WEIGHTS, RC_M_AGG,
	RC_M_EMIT, RC_M_CHART, RC_M_MC_NORM, RC_M_MC_AGG, RC_M_COUNT };

/*
 * The value of the method of this kind named by the len bytes at name
 * (as the options spell it: "entropy", "group-mean", "dist2targ" ...), or
 * -1 when there is none.  The names are owned by lib/rankcity/methods.c,
 * the one table of them.
 */
int rc_method_value(enum rc_method_kind kind, const char *name, size_t len);

/* The name of method value of this kind (a static string), or NULL. */
const char *rc_method_name(enum rc_method_kind kind, int value);

/* The names of a kind as messages list them ("meta, equal, entropy or
 * pca"; a static string). */
const char *rc_method_list(enum rc_method_kind kind);

/* Everything rankcity's options decide (cmd/rankcity.c fills it). */
struct rc_opts {
	struct rc_read_opts read;
	struct csv_opts csv;
	int denominate;
	enum rc_impute impute;
	const char *impute_col;
	double screen;            /* < 0: no screening */
	int treat_max;            /* < 0: no treatment */
	struct csvw *treat_out;   /* --treat-out, or NULL; not closed */
	struct rc_norm_spec norm;
	enum rc_weights weights;
	struct csvw *weights_out; /* --weights-out, or NULL; not closed */
	enum rc_agg agg;
	enum rc_stage emit;
	const char *previous;
	struct rc_mc_opts mc;     /* mc.n == 0: no Monte Carlo */
	int audit;
	const char *chart;        /* NULL: no chart */
	enum rc_chart chart_type;
	int precision;            /* < 0: shortest round-trip */
	int strict;               /* --strict: a constant indicator stops */
	int zh;                   /* --lang zh: Chinese column names */
	const char *by;           /* --by COLUMN: one ranking per group */
};

/*
 * Fill *o with the defaults: comma-separated input, the unit column
 * "unit", no screening or treatment, min-max onto 0..100, META's weights
 * (equal ones without META: the caller decides, knowing whether META was
 * given), the arithmetic mean, shortest round-trip numbers, and the Monte
 * Carlo's seed 1, weight noise 0.25, minmax and zscore, amean and gmean
 * (o->mc.n 0: no Monte Carlo).
 */
void rc_opts_init(struct rc_opts *o);

/* What a run did, for the summary line. */
struct rc_summary {
	size_t units, screened, imputed, indicators, aggregates, ranked;
	size_t written;
	size_t constant;  /* indicators dropped as constant (per group) */
	size_t groups;    /* --by: the groups ranked */
};

/*
 * Run the whole pipeline on the data file path ("-"/NULL: standard input)
 * as o says, write the resulting table to out and, when o->chart, append
 * the gnuplot script for it to *script.  Side files (--treat-out,
 * --weights-out) are written here.  warn collects warnings for the caller
 * to print.  Returns 0, or -1 with *e set.  The caller owns everything it
 * passes.
 */
int rc_run(const struct rc_opts *o, const char *path, struct csvw *out,
    struct buf *script, struct buf *warn, struct rc_summary *st,
    struct err *e);

#endif
