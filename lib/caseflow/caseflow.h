/*
 * caseflow.h - follow cases through their stages (report, file, dispatch,
 * handle, feedback, verify, close, with rework, suspension, extension,
 * send-backs and cancellation on the way) and measure them: the standard
 * rates of digital city management and 12345 hotlines, times to close
 * (with Kaplan-Meier estimates in which open cases are censored), and
 * deadlines from a due column or from rules in working time.
 *
 * Input is a case log in long form (one row per step: case id, stage,
 * time) or wide form (one row per case, one time column per stage).
 * caseflow_run() reads it once.  In long form, rows may come in any
 * order: every case is held until the end (72 bytes, and its id when
 * longer than 12 bytes; 16 more for its index slot while reading).
 * With `sorted` the rows come ordered by case id, each case is settled as
 * soon as its rows end, and only open cases wait for the end (their state
 * depends on the as-of time, which is the latest time in the input unless
 * given).  Wide rows are cases and are settled the same way.
 *
 * The long form runs on two threads: the calling thread reads and checks
 * the rows, a worker applies them to the cases in input order, so the
 * output is the same bytes as on one.  caseflow_run() starts and joins
 * the worker itself; the caller's objects are used by one thread at a
 * time (the reject writer by the reader, the output by the worker).
 *
 * A settled case goes to the per-case output (`cases`) and into the
 * counters and durations of its group (the `by` columns and the period of
 * its report time).  The summary, one row per group in sorted order, is
 * written at the end.  Bad records (a wrong field count, an unknown stage,
 * a time that cannot be read, an empty case id, a callback value that is
 * not one of the known words, an Excel totals row, a wide row with no
 * time) stop the run, or go to the reject writer with an `error` column.
 * Cases reported outside --from/--to are counted and left out.  Timelines that make no sense (a close before the
 * report, a stage out of order, no report, a duplicate report or close, a
 * case both closed and cancelled) are not errors: the case is kept, its
 * problems are named in the `issues` column, it is counted as invalid and
 * left out of the duration statistics.
 *
 * lib/caseflow, caseflow's engine, depends on lib/core only: this file
 * (caseflow.c), the stage words (stage.h), the deadline rules (rules.h)
 * and the working calendars (workcal.h).
 */
#ifndef CASEFLOW_H
#define CASEFLOW_H

#include <stdint.h>

#include "core/csvio.h"
#include "core/datetime.h"
#include "caseflow/rules.h"
#include "caseflow/stage.h"
#include "core/util.h"
#include "caseflow/valuemap.h"
#include "core/workcal.h"

/* The stages that make the main chain, in order (report .. close). */
#define CF_NCHAIN 7

/* Callback columns (12345 hotlines). */
enum { CB_CONTACTED, CB_RESOLVED, CB_SATISFACTION, CB_COUNT };

struct caseflow_opts {
	struct csv_opts csv;      /* how to read the inputs */
	struct time_opts time;    /* how to read (and write) times */
	int wide;                 /* one row per case */
	int sorted;               /* long form ordered by case id */
	int cases;                /* one row per case instead of the summary */
	int lang_zh;              /* Chinese column names */
	/*
	 * Decimals of rates and hours, 0 to 17; NUM_SHORTEST (the default)
	 * keeps the shortest round-trip text of the summary and six
	 * decimals, trailing zeros dropped, of the case rows' hours.
	 */
	int precision;
	const char *id_col;       /* case id column (default case_id) */
	const char *stage_col;    /* long form: stage column (default stage) */
	const char *at_col;       /* long form: time column (default at) */
	/*
	 * Wide form: the time column of each chain stage (reported_at,
	 * filed_at, ...); a column named by the user must exist, a default
	 * one may be absent (except reported_at and closed_at).
	 */
	const char *stage_cols[CF_NCHAIN];
	int stage_cols_given[CF_NCHAIN];
	const char *status_col;   /* wide: "cancelled" here cancels a case */
	int status_given;         /* the user named status_col */
	const char *rework_col;   /* wide: reworks per case, or NULL */
	const char *due_col;      /* deadline column, or NULL */
	int due_given;            /* the user named due_col */
	const char *category_col; /* category column for the rules */
	int category_given;       /* the user named it (else it may be absent) */
	char **by;                /* group columns (nby of them) */
	int nby;
	enum period period;
	const struct stage_map *smap;  /* the city's stage words, or NULL */
	const struct value_map *vmap;  /* its callback/status words, or NULL */
	const struct rules *rules;     /* deadline rules, or NULL */
	const struct workcal *cal;     /* working calendar, or NULL */
	double as_of;             /* the report's moment, when as_of_set */
	int as_of_set;
	/* Keep only cases reported in [from, to) (each bound when set). */
	double from, to;
	int from_set, to_set;
	int denom_filed;          /* due to close: filed cases only */
	int denom_no_suspended;   /* due to close: not open and suspended */
	const char *cb_cols[CB_COUNT]; /* callback columns, or NULL */
	double weights[CB_COUNT];  /* score weights */
	/* Chart: KM curves per group, or bars of one summary column. */
	const char *chart;        /* output file of the chart, or NULL */
	const char *chart_rate;   /* summary column for a bar chart, or NULL */
	struct buf *script;       /* receives the gnuplot script (caller owns) */
};

/*
 * The reconciliation: read == applied + rejected + after_as_of, and
 * cases == closed + open + cancelled; the cases outside --from/--to are
 * not among the cases.
 */
struct caseflow_stats {
	unsigned long long read;        /* data records seen */
	unsigned long long applied;     /* records that went into a case */
	unsigned long long rejected;    /* records sent to the reject file */
	unsigned long long after_as_of; /* records later than --as-of */
	unsigned long long cases, closed, open, cancelled, invalid;
	unsigned long long outside;     /* cases reported outside [from, to) */
	unsigned long long written;     /* output rows */
	double as_of;                   /* the as-of time used */
};

/* Fill *o with the defaults (columns, weights 0.1,0.5,0.4, ISO times). */
void caseflow_opts_init(struct caseflow_opts *o);

/*
 * Is name (English or Chinese) a summary column that can be charted as
 * bars (a count, rate or duration)?  Returns 1 or 0.
 */
int caseflow_is_summary_column(const char *name);

/*
 * Run over files[0..nfiles-1] ("-" is standard input; nfiles 0 means
 * standard input), writing the summary or the case rows to out and bad
 * records to rej (NULL: the first bad record stops the run).  When
 * o->chart is set, the gnuplot script for it is appended to *o->script
 * (running it is the caller's choice).  The caller owns every argument.
 * All inputs must share one header.  Fills *st (also on failure, with
 * what was done).  Returns 0, or -1 with *e set.
 */
int caseflow_run(const struct caseflow_opts *o, char *const *files,
    int nfiles, struct csvw *out, struct csvw *rej,
    struct caseflow_stats *st, struct err *e);

#endif
