/*
 * partscore.h - measure public participation per area: its volume, who
 * takes part and how concentrated they are, the channels it runs through,
 * how deep it goes on a participation ladder, how fast and how often it
 * is answered, and whether groups of the population take part in
 * proportion; or, with `inequality`, how unequal per-capita participation
 * is across the areas of each group.
 *
 * Input is one row per participation event (default columns id, at,
 * area, channel, level, participant, responded_at, adopted).  Only area
 * and at are required; a default column that is absent leaves its
 * measures empty, a column the user named must exist.  partscore_run()
 * reads the events once and holds per row of the output (an area, its
 * --by values and period): counters, the channels and rungs (a few
 * hundred bytes), a map of its participants (12 bytes a slot, at most
 * 3/4 full, on top of the participant ids held once for the whole run
 * in 16-byte slots, at most 70% full), and the response times and the
 * open events' times as packed multisets of whole seconds (core/mset.h:
 * one to three bytes per distinct value, at most twice that while runs
 * wait to merge); never the events themselves.
 * Memory grows with areas, distinct participants, distinct (participant,
 * row) pairs and distinct whole-second durations, which are bounded by
 * the span of the data, not by the number of events.
 *
 * Staff events (an initiator of staff, or the inspector channel without
 * an initiator column) are counted apart and left out of every
 * participation measure.  Bad records (a wrong field count, an empty
 * area, a time that cannot be read, an unknown channel, level, initiator
 * or adopted word, a level outside the ladder, a response before the
 * event, an area missing from the population file) stop the run, or go
 * to the reject writer with an `error` column.
 *
 * lib/partscore depends on lib/core only: this file (partscore.c), the
 * word tables (vocab.h), the inequality measures (ineq.h) and the
 * population file (population.h).
 */
#ifndef PARTSCORE_H
#define PARTSCORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/csvio.h"
#include "core/datetime.h"
#include "core/intern.h"
#include "core/util.h"
#include "core/workcal.h"
#include "partscore/population.h"
#include "partscore/vocab.h"

/*
 * The charts (--chart-kind): Lorenz curves of the inequality table, one
 * per --by group and period; or, for the table of areas, one stacked bar
 * per row (area, --by values, period) of the shares of its citizen
 * events on each channel, or on each rung of the ladder.
 */
enum partscore_chart {
	PS_CHART_LORENZ,    /* needs inequality */
	PS_CHART_CHANNELS,  /* the table of areas */
	PS_CHART_LADDER     /* the table of areas */
};

struct partscore_opts {
	struct csv_opts csv;      /* how to read the events */
	struct time_opts time;    /* how to read (and write) times */
	/* Columns; NULL means the default, which may be absent. */
	const char *id_col, *at_col, *area_col, *channel_col, *level_col,
	    *participant_col, *responded_col, *adopted_col, *initiator_col,
	    *group_col;
	/* Which of them the user named (those must exist). */
	int id_given, channel_given, level_given, participant_given,
	    responded_given, adopted_given;
	char **by;                /* group columns (nby of them) */
	int nby;
	enum period period;
	int inequality;           /* one row per group: inequality across areas */
	int channel_shares;       /* a share_CHANNEL column per channel */
	int lang_zh;              /* Chinese column names */
	int precision;            /* decimals, or NUM_SHORTEST */
	int gini_correction;      /* DescTools' n/(n-1) */
	unsigned long bootstrap;  /* resamples of the Gini interval, or 0 */
	unsigned long seed;
	const struct population *pop;    /* or NULL */
	const struct channel_map *cmap;  /* or NULL */
	const struct ladder *ladder;     /* never NULL */
	/* Channels offered: a number (> 0), else the channels seen in the
	 * whole input. */
	int channels_offered;
	const struct offered *offered; /* per area, or NULL */
	/* --sla: each event's response is due limit (unit) after it, in
	 * working time on cal for wh and wd. */
	int sla_set;
	double sla_limit;
	enum limit_unit sla_unit;
	const struct workcal *cal;
	double as_of;             /* the moment of the report, when as_of_set */
	int as_of_set;
	double from, to;          /* keep events at in [from, to) */
	int from_set, to_set;
	struct csvw *lorenz;      /* --lorenz: the Lorenz points, or NULL */
	/* --chart: the chart's gnuplot script, appended to *script. */
	const char *chart;        /* the file the script draws, or NULL */
	enum partscore_chart chart_kind;
	struct buf *script;       /* receives the script (caller owns) */
};

/*
 * The reconciliation: read == rejected + after_as_of + outside + events
 * + staff_events.
 */
struct partscore_stats {
	unsigned long long read, rejected, after_as_of, outside;
	unsigned long long events, staff_events;
	unsigned long long areas;         /* rows of areas written */
	unsigned long long zero_areas;    /* of which with no events */
	unsigned long long participants;  /* distinct ids, the whole run */
	unsigned long long written;       /* output rows */
	double as_of;
};

/* Fill *o with the defaults (iap2 is the caller's: o->ladder). */
void partscore_opts_init(struct partscore_opts *o);

/*
 * Run over files[0..nfiles-1] ("-" is standard input; nfiles 0 means
 * standard input), writing the table to out and bad records to rej (NULL:
 * the first bad record stops the run).  When o->chart is set, the
 * gnuplot script of the chart o->chart_kind names is appended to
 * *o->script once the table is written (running it is the caller's
 * choice); a kind that does not fit the table (lorenz without
 * inequality, channels or ladder with it) is ERR_USAGE before anything
 * is read.  The caller owns every argument.  Fills *st (also on failure, with what was done).  Returns 0, or -1
 * with *e set.
 */
int partscore_run(const struct partscore_opts *o, char *const *files,
    int nfiles, struct csvw *out, struct csvw *rej,
    struct partscore_stats *st, struct err *e);

#endif
