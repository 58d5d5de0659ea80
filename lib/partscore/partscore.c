/*
 * partscore.c - partscore's engine (partscore.h): read the events once,
 * accumulate per row of the output, and write the per-area table or the
 * inequality table.
 *
 * A row of the output is a group keyed by an (area, --by tuple) pair and
 * a period.  Its state is counters, the channel and rung histograms, its
 * participants (a hash of participant id to event count) and two
 * multisets of whole seconds (hash of value to count): the response
 * times, and the event times of the unanswered events, which are
 * censored at the as-of time once it is known at the end.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/chart.h"
#include "core/csvio.h"
#include "core/csvw.h"
#include "core/group.h"
#include "core/idtab.h"
#include "core/mset.h"
#include "core/num.h"
#include "core/stats.h"
#include "partscore/ineq.h"
#include "partscore/partscore.h"

#define NO_SUB 0xff
#define MAX_RUNGS 16

/* --- small hashes --------------------------------------------------- */

/* One participant of a row: id + 1 (0: empty slot), events, sub-group. */
struct pslot {
	uint32_t id1;
	uint32_t n;
	uint8_t sub;
};

struct pmap {
	struct pslot *slot;
	size_t nslot, n;
};

static uint64_t
mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Add n events of participant id (sub-group sub, kept from its first
 * event in the row): 0, -1 when memory runs out, 1 when the count would
 * pass 2^32 - 1. */
static int
pmap_add(struct pmap *m, uint32_t id, uint32_t n, uint8_t sub)
{
	size_t i, mask;

	if ((m->n + 1) * 4 > m->nslot * 3) {
		size_t ns = m->nslot ? m->nslot * 2 : 16, j;
		struct pslot *s = calloc(ns, sizeof *s);

		if (s == NULL)
			return -1;
		for (j = 0; j < m->nslot; j++) {
			if (m->slot[j].id1 == 0)
				continue;
			i = mix(m->slot[j].id1) & (ns - 1);
			while (s[i].id1 != 0)
				i = (i + 1) & (ns - 1);
			s[i] = m->slot[j];
		}
		free(m->slot);
		m->slot = s;
		m->nslot = ns;
	}
	mask = m->nslot - 1;
	for (i = mix(id + 1) & mask; m->slot[i].id1 != 0; i = (i + 1) & mask)
		if (m->slot[i].id1 == id + 1) {
			if (m->slot[i].n > UINT32_MAX - n)
				return 1;
			m->slot[i].n += n;
			return 0;
		}
	m->slot[i].id1 = id + 1;
	m->slot[i].n = n;
	m->slot[i].sub = sub;
	m->n++;
	return 0;
}

/*
 * The multiset's values in ascending order as doubles, each scale * (v +
 * shift), or scale * (shift - v) when negate (then ascending too), into a
 * new array of m->total values (*out; NULL when empty).  Packs m first.
 * Returns 0, or -1 when memory runs out.
 */
static int
mset_expand(struct mset *m, double shift, double scale, int negate,
    double **out)
{
	struct mset_iter it;
	uint64_t c, k;
	int64_t v;
	double *d;

	*out = NULL;
	if (m->total == 0)
		return 0;
	if (mset_pack(m) < 0 || (d = malloc(m->total * sizeof *d)) == NULL)
		return -1;
	mset_iter_init(&it, m);
	k = negate ? m->total : 0;
	while (mset_iter_next(&it, &v, &c))
		while (c-- > 0)
			if (negate)
				d[--k] = scale * (shift - (double)v);
			else
				d[k++] = scale * ((double)v + shift);
	*out = d;
	return 0;
}

/* The slot where pmap_add() looks for participant id first (a hint). */
static void
pmap_prefetch(const struct pmap *m, uint32_t id)
{
	if (m->nslot > 0)
		prefetch_read(&m->slot[mix(id + 1) & (m->nslot - 1)]);
}

/* --- the rows ------------------------------------------------------- */

struct row {
	struct group_key key;  /* tuple: the (area, by) pair's id */
	uint32_t area;         /* in R->areas */
	uint32_t by;           /* in R->bys */
	uint64_t events, staff, with_pid;
	uint64_t chan_n, chan[CH_COUNT];
	uint64_t level_n, rung[MAX_RUNGS];
	uint64_t responded, adopt_n, adopt_yes;
	uint64_t sla_answered, sla_met; /* answered (by the as-of time) */
	uint64_t sub_events[PS_MAX_SUBPOP];
	struct pmap parts;
	struct mset resp;      /* response times, seconds */
	struct mset open_at;   /* event times of the unanswered, seconds */
	struct mset open_due;  /* --sla: their deadlines, seconds */
	int64_t sort[3];       /* the output order's key (sort_rows) */
};

/*
 * The last row an area's event went to: the next event of the area
 * usually goes there too, found without hashing.
 */
struct row_cache {
	uint32_t row1;   /* row index + 1; 0: none yet */
	uint32_t by;
	int32_t period;
	uint8_t totals;  /* the area's value is a totals word (合计 ...) */
};

/*
 * A good event on its way to its row.  Counting an event waits on memory
 * up to three times in a row: the participant's slot in the table of
 * ids, then its streak; and the row's multiset buffer.  So every event
 * goes through a ring: its row's counters and its id's slot are
 * prefetched when it enters; EV_RESOLVE events later its id is looked up
 * (in input order, so ids are numbered as before) and its streak
 * prefetched; EV_PEEK events later the multiset buffer's next place is
 * (a hint: events ahead of it may still move it); and EV_APPLY events
 * after it entered it is counted, in input order.
 */
#define EV_RING 32
#define EV_RESOLVE 8
#define EV_PEEK 16
#define EV_APPLY 24

/*
 * A participant's current streak: the row of its latest event and how
 * many events in a row it has had there.  Most participants keep to
 * their own area, so an event usually only adds to the streak (an array
 * indexed by id, 8 bytes each); the row's map of participants is touched
 * only when the participant moves to another row, and for every streak
 * once the input is read.
 */
struct streak {
	uint32_t row1;   /* row index + 1; 0: none yet */
	uint32_t n;
};

/* What one good event says, parsed before any row is touched. */
struct event {
	double at, responded, due;
	int has_responded;
	int staff;
	int channel;     /* enum channel, or CH_UNKNOWN: not recorded */
	int rung;        /* 1.., or 0: not recorded */
	int adopted;     /* 1, 0, or -1: not recorded */
	int sub;         /* sub-population index, or -1 */
	uint32_t area;
	int have_pid;
	const char *pid;  /* in the record: valid until the next one */
	size_t pid_len;
	uint64_t pid_h;   /* idtab_hash() */
};

/*
 * A streak that ended, waiting to be counted into its row's map.  Adding
 * each one as it ends would touch a random slot of a random row's map
 * per event; gathered ENDS_BATCH at a time and put in row order (stable:
 * each map takes its streaks in the order they ended, as if added at
 * once), each map is touched in one go.
 */
struct ended {
	uint32_t row;
	uint32_t id;
	uint32_t n;
	uint8_t sub;
};

#define ENDS_BATCH 16384
#define ENDS_AHEAD 8

struct ev_wait {
	struct event ev;   /* ev.pid points into pid while waiting */
	struct buf pid;    /* the id's bytes (the buffer is reused) */
	uint32_t row;      /* row index */
	uint32_t id;       /* the participant's, once looked up */
};

/*
 * The last words a column's lookups found, by their exact bytes: a word
 * column holds a dozen distinct values over millions of rows, and
 * comparing bytes costs less than the case-folding hash of the word
 * tables.  Only found words are kept, so a bad value always goes to the
 * table and its message.  Direct-mapped: a new word takes its slot.
 */
#define MEMO_SLOTS 16
#define MEMO_LEN 22

struct memo_slot {
	uint8_t len;       /* 0: empty */
	int8_t value;
	char s[MEMO_LEN];
};

struct memo {
	struct memo_slot slot[MEMO_SLOTS];
};

static struct memo_slot *
memo_slot(struct memo *m, const char *s, size_t len)
{
	unsigned h = (unsigned)len * 7u + (unsigned char)s[0] * 3u +
	    (unsigned char)s[len - 1];

	return &m->slot[h & (MEMO_SLOTS - 1)];
}

/* Is the len (> 0) bytes at s remembered?  1 with *value set, or 0. */
static int
memo_find(struct memo *m, const char *s, size_t len, int *value)
{
	const struct memo_slot *k;

	if (len > MEMO_LEN)
		return 0;
	k = memo_slot(m, s, len);
	if (k->len != len || memcmp(k->s, s, len) != 0)
		return 0;
	*value = k->value;
	return 1;
}

/* Remember that the len (> 0) bytes at s are the word of value. */
static void
memo_keep(struct memo *m, const char *s, size_t len, int value)
{
	struct memo_slot *k;

	if (len > MEMO_LEN || value < INT8_MIN || value > INT8_MAX)
		return;
	k = memo_slot(m, s, len);
	k->len = (uint8_t)len;
	k->value = (int8_t)value;
	memcpy(k->s, s, len);
}

struct run {
	const struct partscore_opts *o;
	struct partscore_stats *st;
	struct csvw *out, *rej;
	struct intern areas;   /* area values; the population's first */
	struct idtab area_ix;  /* area values seen in the events ... */
	uint32_t *area_of;     /* ... and their ids in areas */
	size_t narea_of;
	uint32_t *area_by;     /* population area -> its by tuple id */
	int *offered;          /* area id -> channels offered, 0 unknown */
	size_t noffered;
	struct intern bys;     /* --by tuples (packed, core/group.h) */
	struct intern pairs;   /* (area id, by id) as 8 bytes */
	struct idtab pids;     /* participant ids */
	struct groups rows;
	struct row_cache *rc;  /* area id -> its last row */
	size_t nrc;
	/* Events wait in a ring while their memory is fetched. */
	struct ev_wait ew[EV_RING];
	uint64_t ew_pushed, ew_resolved, ew_peeked, ew_done;
	struct ended *ends, *ends_sorted; /* ENDS_BATCH each */
	size_t nends;
	uint32_t *ends_count;  /* per row, while sorting */
	size_t nends_count;
	struct streak *streak; /* participant id -> its streak */
	uint8_t *streak_sub;   /* and its sub-group (only with --group) */
	size_t nstreak, nstreak_sub;
	struct buf tb;         /* a tuple being packed */
	struct memo memo_channel, memo_level, memo_adopted;
	struct time_memo memo_at, memo_responded;
	/* Columns, or -1. */
	long at, area, channel, level, participant, responded, adopted,
	    initiator, group, id;
	size_t bycol[64];
	int sub_of_group;      /* group column maps to sub-populations */
	uint32_t chan_seen;    /* bit c: channel c used by a citizen */
	int32_t *periods;      /* the periods seen, sorted at the end */
	size_t nperiods, cperiods;
	int involve;           /* the rung "involve" or "partnership", or 0 */
	int have_latest;
	double latest;
	const struct csv_record *head;
	struct lorenz_keep *lz;  /* --chart-kind lorenz: the curves so far */
};

/* The charts (--chart): at the end of this file. */
static int chart_keep_lorenz(struct run *R, const struct row *w0,
    const double *pop, const double *ev, size_t n, double *cp, double *ce,
    struct err *e);
static int chart_lorenz(struct run *R, struct err *e);
static int chart_area_bars(struct run *R, struct err *e);
static void chart_free(struct run *R);

/* --- reading -------------------------------------------------------- */

/* The column of a default name that may be absent: -1 then. */
static int
opt_column(struct csvr *r, const char *spec, const char *def, int given,
    long *col, struct err *e)
{
	size_t i;

	if (spec == NULL)
		spec = def;
	if (csv_header_column(csvr_header(r), spec, &i) == 0) {
		*col = (long)i;
		return 0;
	}
	*col = -1;
	if (given)
		return csvr_column(r, spec, &i, e);
	return 0;
}

static int
find_columns(struct run *R, struct csvr *r, struct err *e)
{
	const struct partscore_opts *o = R->o;
	size_t i;
	int b;

	if (csvr_column(r, o->at_col ? o->at_col : "at", &i, e) < 0)
		return -1;
	R->at = (long)i;
	if (csvr_column(r, o->area_col ? o->area_col : "area", &i, e) < 0)
		return -1;
	R->area = (long)i;
	if (opt_column(r, o->id_col, "id", o->id_given, &R->id, e) < 0 ||
	    opt_column(r, o->channel_col, "channel", o->channel_given,
		&R->channel, e) < 0 ||
	    opt_column(r, o->level_col, "level", o->level_given, &R->level,
		e) < 0 ||
	    opt_column(r, o->participant_col, "participant",
		o->participant_given, &R->participant, e) < 0 ||
	    opt_column(r, o->responded_col, "responded_at",
		o->responded_given, &R->responded, e) < 0 ||
	    opt_column(r, o->adopted_col, "adopted", o->adopted_given,
		&R->adopted, e) < 0)
		return -1;
	R->initiator = R->group = -1;
	if (o->initiator_col != NULL) {
		if (csvr_column(r, o->initiator_col, &i, e) < 0)
			return -1;
		R->initiator = (long)i;
	}
	if (o->group_col != NULL) {
		if (csvr_column(r, o->group_col, &i, e) < 0)
			return -1;
		R->group = (long)i;
	}
	/* With the population file placing the areas, the groups are its. */
	if (o->pop == NULL || o->pop->bytuple == NULL)
		for (b = 0; b < o->nby; b++)
			if (csvr_column(r, o->by[b], &R->bycol[b], e) < 0)
				return -1;
	return 0;
}

/* A time field: 0 with *t set, 1 when empty, -1 (with *e) when bad. */
static int
time_field(struct run *R, struct csvr *r, const struct csv_record *rec,
    long col, struct time_memo *m, double *t, struct err *e)
{
	const char *s = rec->field[col];
	size_t len = rec->len[col];

	trim_blanks(&s, &len);
	if (len == 0)
		return 1;
	if (parse_time_memo(&R->o->time, m, s, len, t) < 0)
		return csvr_bad_value(r, rec, (size_t)col, R->o->time.format ?
		    "does not match --time-format" : "is not an ISO 8601 time",
		    e);
	/* Whole seconds are what the multisets hold. */
	if (!(*t > -1e13 && *t < 1e13))
		return csvr_bad_value(r, rec, (size_t)col, "is outside the "
		    "times partscore holds", e);
	return 0;
}

/* The period list: add p when new (kept unsorted while reading). */
static int
note_period(struct run *R, int32_t p)
{
	size_t i;

	/* Runs of one period are the common case: look at the last first. */
	if (R->nperiods && R->periods[R->nperiods - 1] == p)
		return 0;
	for (i = 0; i < R->nperiods; i++)
		if (R->periods[i] == p)
			return 0;
	if (grow_array((void **)&R->periods, &R->cperiods, R->nperiods + 1,
	    sizeof *R->periods) < 0)
		return -1;
	R->periods[R->nperiods++] = p;
	return 0;
}

static const char *const channel_list = "hotline, mailbox, web, app, "
    "weibo, wechat, hearing, solicitation, committee, visit, inspector, "
    "other";

/* "is not a rung of the ladder L (a, b, ...)", cut to fit cap bytes. */
static void
rung_list(const struct ladder *l, char *buf, size_t cap)
{
	size_t n;
	int k;

	n = (size_t)snprintf(buf, cap, "is not a rung of the ladder %s (",
	    l->name);
	for (k = 0; k < l->nrungs && n < cap; k++)
		n += (size_t)snprintf(buf + n, cap - n, "%s%s", k ? ", " : "",
		    l->rung_names[k]);
	if (n < cap)
		snprintf(buf + n, cap - n, ")");
}

/* Check the word columns of a record into *ev; -1 with *e if bad. */
static int
read_words(struct run *R, struct csvr *r, const struct csv_record *rec,
    struct event *ev, struct err *e)
{
	const struct partscore_opts *o = R->o;
	const char *s;
	size_t len;
	char what[240];
	int k;

	ev->staff = 0;
	ev->channel = CH_UNKNOWN;
	if (R->channel >= 0) {
		s = rec->field[R->channel];
		len = rec->len[R->channel];
		trim_blanks(&s, &len);
		if (len > 0 && !memo_find(&R->memo_channel, s, len,
		    &ev->channel) && (ev->channel = channel_lookup(o->cmap, s,
		    len)) != CH_UNKNOWN)
			memo_keep(&R->memo_channel, s, len, ev->channel);
		if (len > 0 && ev->channel == CH_UNKNOWN) {
			snprintf(what, sizeof what, "is not a channel (%s)%s",
			    channel_list, o->cmap ? " or a word of "
			    "--channel-map" : "; map the city's words with "
			    "--channel-map FILE");
			return csvr_bad_value(r, rec, (size_t)R->channel, what, e);
		}
	}
	s = R->initiator >= 0 ? rec->field[R->initiator] : "";
	len = R->initiator >= 0 ? rec->len[R->initiator] : 0;
	trim_blanks(&s, &len);
	if (len > 0) {
		switch (initiator_lookup(s, len)) {
		case INIT_CITIZEN:
			break;
		case INIT_STAFF:
			ev->staff = 1;
			break;
		default:
			return csvr_bad_value(r, rec, (size_t)R->initiator,
			    "is not an initiator (citizen or staff)", e);
		}
	} else if (ev->channel == CH_INSPECTOR)
		ev->staff = 1; /* 监督员上报, no initiator said: the staff's */
	ev->rung = 0;
	if (R->level >= 0) {
		s = rec->field[R->level];
		len = rec->len[R->level];
		trim_blanks(&s, &len);
		if (len > 0 && !memo_find(&R->memo_level, s, len, &k) &&
		    (k = ladder_lookup(o->ladder, s, len)) > 0)
			memo_keep(&R->memo_level, s, len, k);
		if (len > 0 && k <= 0) {
			if (k < 0)
				snprintf(what, sizeof what, "is outside the "
				    "ladder %s (1 to %d)", o->ladder->name,
				    o->ladder->nrungs);
			else
				rung_list(o->ladder, what, sizeof what);
			return csvr_bad_value(r, rec, (size_t)R->level, what, e);
		} else if (len > 0)
			ev->rung = k;
	}
	ev->adopted = -1;
	if (R->adopted >= 0) {
		s = rec->field[R->adopted];
		len = rec->len[R->adopted];
		trim_blanks(&s, &len);
		if (len > 0 && !memo_find(&R->memo_adopted, s, len,
		    &ev->adopted) && (ev->adopted = yesno_lookup(s, len)) >= 0)
			memo_keep(&R->memo_adopted, s, len, ev->adopted);
		if (len > 0 && ev->adopted < 0)
			return csvr_bad_value(r, rec, (size_t)R->adopted,
			    "is not yes or no (是, 否)", e);
	}
	ev->sub = -1;
	if (R->group >= 0 && o->pop != NULL) {
		s = rec->field[R->group];
		len = rec->len[R->group];
		trim_blanks(&s, &len);
		for (k = 0; k < o->pop->nsub; k++)
			if (strlen(o->pop->sub_names[k]) == len &&
			    memcmp(o->pop->sub_names[k], s, len) == 0)
				ev->sub = k;
	}
	return 0;
}

/*
 * The default as-of time is the latest time of every good record, those
 * outside the --from/--to window too (a window does not move it, as in
 * caseflow); bad records do not count.
 */
static void
note_latest(struct run *R, const struct event *ev)
{
	if (!R->have_latest || ev->at > R->latest) {
		R->latest = ev->at;
		R->have_latest = 1;
	}
	if (ev->has_responded && ev->responded > R->latest)
		R->latest = ev->responded;
}

/*
 * The id of an area's value in *id, added when new; a new one gets its
 * row cache entry and is asked whether it is a totals word.
 */
static int
area_id(struct run *R, const char *s, size_t len, uint32_t *id,
    struct err *e)
{
	uint32_t ix;
	int added;

	/* The id table answers with one slot; the intern table, which
	 * gives the names back for the output, only for a new value. */
	if (idtab_get(&R->area_ix, s, len, idtab_hash(s, len), &ix, &added,
	    e) < 0)
		return -1;
	if (!added) {
		*id = R->area_of[ix];
		return 0;
	}
	if (grow_array((void **)&R->area_of, &R->narea_of, (size_t)ix + 1,
	    sizeof *R->area_of) < 0)
		return err_nomem(e);
	if (intern_get(&R->areas, s, len, id, &added, e) < 0)
		return -1;
	R->area_of[ix] = *id;
	if (*id >= R->nrc) {
		size_t n = R->nrc;
		if (grow_array((void **)&R->rc, &R->nrc, (size_t)*id + 1,
		    sizeof *R->rc) < 0)
			return err_nomem(e);
		memset(R->rc + n, 0, (R->nrc - n) * sizeof *R->rc);
	}
	R->rc[*id].totals = (uint8_t)totals_word(s, len);
	return 0;
}

/* Check a record into *ev: 0, 1 when it is left out (window, as-of), or
 * -1 with *e set when it is bad. */
static int
read_event(struct run *R, struct csvr *r, const struct csv_record *rec,
    struct event *ev, struct err *e)
{
	const struct partscore_opts *o = R->o;
	const char *s, *area;
	size_t len, area_len;
	uint32_t id = 0;
	int k, id_totals;

	if (csvr_check_width(r, rec, e) < 0)
		return -1;
	/* The area first: whether it is a totals word is asked once. */
	area = rec->field[R->area];
	area_len = rec->len[R->area];
	trim_blanks(&area, &area_len);
	if (area_len > 0 && area_id(R, area, area_len, &id, e) < 0)
		return -1;
	id_totals = R->id >= 0 && totals_word(rec->field[R->id],
	    rec->len[R->id]);
	if (id_totals || (area_len > 0 && R->rc[id].totals))
		return csvr_bad_value(r, rec, (size_t)(id_totals ? R->id :
		    R->area), "is a totals row, not an event", e);
	if ((k = time_field(R, r, rec, R->at, &R->memo_at, &ev->at, e)) != 0)
		return k < 0 ? -1 : csvr_bad_value(r, rec, (size_t)R->at,
		    "is empty: every event needs its time", e);
	ev->has_responded = 0;
	if (R->responded >= 0) {
		if ((k = time_field(R, r, rec, R->responded,
		    &R->memo_responded, &ev->responded, e)) < 0)
			return -1;
		if (k == 0 && ev->responded < ev->at)
			return csvr_bad_value(r, rec, (size_t)R->responded,
			    "is before the event's time", e);
		ev->has_responded = k == 0;
	}
	if (area_len == 0)
		return csvr_bad_value(r, rec, (size_t)R->area, "is empty: every "
		    "event needs its area", e);
	if (read_words(R, r, rec, ev, e) < 0)
		return -1;
	ev->area = id;
	/* Left out, counted: outside the window, or after --as-of. */
	if ((o->from_set && ev->at < o->from) || (o->to_set && ev->at >= o->to)) {
		R->st->outside++;
		note_latest(R, ev);
		return 1;
	}
	if (o->as_of_set && ev->at > o->as_of) {
		R->st->after_as_of++;
		return 1;
	}
	/* Only then: an event the window leaves out needs no population. */
	if (o->pop != NULL && id >= o->pop->n)
		return csvr_bad_value(r, rec, (size_t)R->area, "is not an area "
		    "of the population file", e);
	if (o->sla_set) {
		ev->due = workcal_deadline(o->cal, ev->at, o->sla_limit,
		    o->sla_unit);
		if (!(ev->due > -1e13 && ev->due < 1e13))
			return csvr_bad_value(r, rec, (size_t)R->at, "has its "
			    "--sla deadline outside the times partscore holds",
			    e);
	}
	ev->have_pid = 0;
	if (!ev->staff && R->participant >= 0) {
		s = rec->field[R->participant];
		len = rec->len[R->participant];
		trim_blanks(&s, &len);
		if (len > 0) {
			ev->pid = s;
			ev->pid_len = len;
			ev->pid_h = idtab_hash(s, len);
			idtab_prefetch(&R->pids, ev->pid_h);
			ev->have_pid = 1;
		}
	}
	note_latest(R, ev);
	return 0;
}

/* The row of an (area, by tuple) pair and period, made when new. */
static int
get_row(struct run *R, uint32_t area, uint32_t by, int32_t period,
    struct row **out, struct err *e)
{
	uint32_t pair[2] = {area, by}, id;
	int added;

	if (intern_get(&R->pairs, (const char *)pair, sizeof pair, &id, &added,
	    e) < 0 || groups_get(&R->rows, id, period, (void **)out, e) < 0)
		return -1;
	(*out)->area = area;
	(*out)->by = by;
	return 0;
}

/* The by tuple of an event: the population's for its area, or its own. */
static int
event_by(struct run *R, const struct csv_record *rec, uint32_t area,
    uint32_t *by, struct err *e)
{
	int added;

	if (R->area_by != NULL) {
		*by = R->area_by[area];
		return 0;
	}
	/* Without --by every event is in the one empty tuple. */
	if (R->o->nby == 0 && R->bys.n > 0) {
		*by = 0;
		return 0;
	}
	R->tb.len = 0;
	if (tuple_pack(&R->tb, rec, R->bycol, R->o->nby, e) < 0)
		return -1;
	return intern_get(&R->bys, R->tb.data ? R->tb.data : "", R->tb.len, by,
	    &added, e);
}

/* Make room for the streak of participant id. */
static int
streak_room(struct run *R, uint32_t id, struct err *e)
{
	size_t n = R->nstreak;

	if (id < n)
		return 0;
	if (grow_array((void **)&R->streak, &R->nstreak, (size_t)id + 1,
	    sizeof *R->streak) < 0)
		return err_nomem(e);
	memset(R->streak + n, 0, (R->nstreak - n) * sizeof *R->streak);
	if (R->group >= 0) {
		n = R->nstreak_sub;
		if (grow_array((void **)&R->streak_sub, &R->nstreak_sub,
		    R->nstreak, 1) < 0)
			return err_nomem(e);
		memset(R->streak_sub + n, NO_SUB, R->nstreak_sub - n);
	}
	return 0;
}

/* Count the streaks gathered so far into their rows' maps, row by row. */
static int
ends_flush(struct run *R, struct err *e)
{
	size_t nrows = R->rows.n, i, at;
	struct ended *t;

	if (R->nends == 0)
		return 0;
	if (R->nends_count < nrows + 1 && grow_array((void **)&R->ends_count,
	    &R->nends_count, nrows + 1, sizeof *R->ends_count) < 0)
		return err_nomem(e);
	memset(R->ends_count, 0, (nrows + 1) * sizeof *R->ends_count);
	for (i = 0; i < R->nends; i++)
		R->ends_count[R->ends[i].row + 1]++;
	for (i = 1; i <= nrows; i++)
		R->ends_count[i] += R->ends_count[i - 1];
	for (i = 0; i < R->nends; i++)
		R->ends_sorted[R->ends_count[R->ends[i].row]++] = R->ends[i];
	for (at = 0; at < R->nends; at++) {
		int rc;

		/* The slots are random within a map: fetch ahead. */
		if (at + ENDS_AHEAD < R->nends) {
			t = &R->ends_sorted[at + ENDS_AHEAD];
			pmap_prefetch(&((struct row *)groups_at(&R->rows,
			    t->row))->parts, t->id);
		}
		t = &R->ends_sorted[at];
		rc = pmap_add(&((struct row *)groups_at(&R->rows,
		    t->row))->parts, t->id, t->n, t->sub);
		if (rc < 0)
			return err_nomem(e);
		if (rc > 0)
			return errf(e, ERR_DATA, "more than 4294967295 events of "
			    "one participant in one area");
	}
	R->nends = 0;
	return 0;
}

/* End participant id's streak: gather it for its row's map. */
static int
streak_end(struct run *R, uint32_t id, struct err *e)
{
	struct streak *k = &R->streak[id];
	struct ended *t;

	if (R->ends == NULL) {
		R->ends = malloc(ENDS_BATCH * sizeof *R->ends);
		R->ends_sorted = malloc(ENDS_BATCH * sizeof *R->ends_sorted);
		if (R->ends == NULL || R->ends_sorted == NULL)
			return err_nomem(e);
	}
	t = &R->ends[R->nends++];
	t->row = k->row1 - 1;
	t->id = id;
	t->n = k->n;
	t->sub = R->streak_sub != NULL ? R->streak_sub[id] : NO_SUB;
	k->row1 = 0;
	k->n = 0;
	return R->nends == ENDS_BATCH ? ends_flush(R, e) : 0;
}

/* Count every streak into its row's map, once the input is read. */
static int
streaks_end(struct run *R, struct err *e)
{
	size_t i, n = R->nstreak; /* past the last id: zeroed, no streak */

	for (i = 0; i < n; i++)
		if (R->streak[i].row1 != 0 && streak_end(R, (uint32_t)i, e) < 0)
			return -1;
	if (ends_flush(R, e) < 0)
		return -1;
	free(R->ends);
	free(R->ends_sorted);
	free(R->ends_count);
	R->ends = R->ends_sorted = NULL;
	R->ends_count = NULL;
	R->nends_count = 0;
	free(R->streak);
	free(R->streak_sub);
	R->streak = NULL;
	R->streak_sub = NULL;
	R->nstreak = R->nstreak_sub = 0;
	return 0;
}

/* Look up the participant of the oldest event not yet looked up, and
 * prefetch its streak. */
static int
ev_resolve(struct run *R, struct err *e)
{
	struct ev_wait *q = &R->ew[R->ew_resolved % EV_RING];
	int added;

	R->ew_resolved++;
	if (!q->ev.have_pid)
		return 0;
	if (idtab_get(&R->pids, q->pid.data, q->pid.len, q->ev.pid_h, &q->id,
	    &added, e) < 0 || streak_room(R, q->id, e) < 0)
		return -1;
	prefetch_read(&R->streak[q->id]);
	return 0;
}

/* Hint: fetch the next place of the multiset q's time goes into. */
static void
ev_peek(struct run *R)
{
	const struct ev_wait *q = &R->ew[R->ew_peeked % EV_RING];
	const struct row *w;
	const struct mset *m;

	R->ew_peeked++;
	if (q->ev.staff)
		return;
	w = groups_at(&R->rows, q->row);
	m = q->ev.has_responded ? &w->resp : &w->open_at;
	if (m->npend < m->cpend)
		prefetch_read(&m->pend[m->npend]);
}

/* Count the participant of q: its streak goes on, or ends and a new one
 * starts in q's row. */
static int
ev_count_pid(struct run *R, const struct ev_wait *q, struct err *e)
{
	struct streak *k = &R->streak[q->id];

	if (k->row1 == q->row + 1 && k->n < UINT32_MAX) {
		k->n++;
		return 0;
	}
	if (k->row1 != 0 && streak_end(R, q->id, e) < 0)
		return -1;
	k->row1 = q->row + 1;
	k->n = 1;
	if (R->streak_sub != NULL)
		R->streak_sub[q->id] = q->ev.sub >= 0 ? (uint8_t)q->ev.sub :
		    NO_SUB;
	return 0;
}

/* Count the oldest event waiting into its row. */
static int
ev_apply(struct run *R, struct err *e)
{
	const struct ev_wait *q = &R->ew[R->ew_done % EV_RING];
	const struct event *ev = &q->ev;
	struct row *w = groups_at(&R->rows, q->row);

	R->ew_done++;
	if (ev->staff) {
		w->staff++;
		R->st->staff_events++;
		return 0;
	}
	R->st->events++;
	w->events++;
	if (ev->channel != CH_UNKNOWN) {
		w->chan[ev->channel]++;
		w->chan_n++;
		R->chan_seen |= 1u << ev->channel;
	}
	if (ev->rung > 0) {
		w->rung[ev->rung - 1]++;
		w->level_n++;
	}
	if (ev->adopted >= 0) {
		w->adopt_n++;
		w->adopt_yes += (uint64_t)ev->adopted;
	}
	if (ev->sub >= 0)
		w->sub_events[ev->sub]++;
	if (ev->have_pid) {
		w->with_pid++;
		if (ev_count_pid(R, q, e) < 0)
			return -1;
	}
	/* Whole seconds: the times are read to the second.  has_responded
	 * is only set for a response by the as-of time (ev_push). */
	if (ev->has_responded) {
		w->responded++;
		if (R->o->sla_set) {
			w->sla_answered++;
			w->sla_met += ev->responded <= ev->due;
		}
		if (mset_add(&w->resp, (int64_t)llround(ev->responded -
		    ev->at)) < 0)
			return err_nomem(e);
		return 0;
	}
	if (mset_add(&w->open_at, (int64_t)llround(ev->at)) < 0 ||
	    (R->o->sla_set && mset_add(&w->open_due,
		(int64_t)floor(ev->due)) < 0))
		return err_nomem(e);
	return 0;
}

/* Move the ring one event on: each stage takes its next event once that
 * event is far enough behind the newest. */
static int
ev_step(struct run *R, struct err *e)
{
	if (R->ew_pushed - R->ew_resolved > EV_RESOLVE &&
	    ev_resolve(R, e) < 0)
		return -1;
	if (R->ew_pushed - R->ew_peeked > EV_PEEK)
		ev_peek(R);
	if (R->ew_pushed - R->ew_done > EV_APPLY)
		return ev_apply(R, e);
	return 0;
}

/* Put a good event of row (w) in the ring and prefetch what counting it
 * touches in the row. */
static int
ev_push(struct run *R, uint32_t row, const struct row *w,
    const struct event *ev, struct err *e)
{
	struct ev_wait *q = &R->ew[R->ew_pushed % EV_RING];

	q->ev = *ev;
	q->row = row;
	q->id = 0;
	if (ev->have_pid) {
		q->pid.len = 0;
		if (buf_append(&q->pid, ev->pid, ev->pid_len) < 0)
			return err_nomem(e);
		q->ev.pid = q->pid.data;
	}
	/* A response after the as-of time is not one yet. */
	if (ev->has_responded && R->o->as_of_set &&
	    ev->responded > R->o->as_of)
		q->ev.has_responded = 0;
	prefetch_read(&w->events);
	if (ev->channel != CH_UNKNOWN)
		prefetch_read(&w->chan[ev->channel]);
	if (ev->rung > 0)
		prefetch_read(&w->rung[ev->rung - 1]);
	prefetch_read(&w->responded);
	prefetch_read(q->ev.has_responded ? &w->resp : &w->open_at);
	R->ew_pushed++;
	return ev_step(R, e);
}

/* Count every event still in the ring, then every streak; the table of
 * ids goes first. */
static int
ev_drain(struct run *R, struct err *e)
{
	while (R->ew_done < R->ew_pushed) {
		/* Each stage in order, as if more events came. */
		while (R->ew_resolved < R->ew_pushed)
			if (ev_resolve(R, e) < 0)
				return -1;
		if (ev_apply(R, e) < 0)
			return -1;
	}
	/* The ids are numbers from now on: the table of their bytes goes
	 * before the maps take in the last streaks. */
	R->st->participants = R->pids.n;
	idtab_free(&R->pids);
	return streaks_end(R, e);
}

/* The row of an event (through the area's cache entry) in *w, its index
 * in *row. */
static int
event_row(struct run *R, const struct csv_record *rec,
    const struct event *ev, int32_t period, struct row **w, uint32_t *row,
    struct err *e)
{
	struct row_cache *c = &R->rc[ev->area];
	uint32_t by;

	if (event_by(R, rec, ev->area, &by, e) < 0)
		return -1;
	if (c->row1 != 0 && c->by == by && c->period == period) {
		*row = c->row1 - 1;
		*w = groups_at(&R->rows, *row);
		return 0;
	}
	if (get_row(R, ev->area, by, period, w, e) < 0)
		return -1;
	*row = (uint32_t)(((char *)*w - R->rows.item) / R->rows.size);
	c->row1 = *row + 1;
	c->by = by;
	c->period = period;
	return 0;
}

/* Send a good event to its row, through the ring. */
static int
apply(struct run *R, const struct csv_record *rec, const struct event *ev,
    struct err *e)
{
	struct row *w;
	uint32_t row;
	int32_t period = period_code(&R->o->time, R->o->period, ev->at);

	if (event_row(R, rec, ev, period, &w, &row, e) < 0)
		return -1;
	if (note_period(R, period) < 0)
		return err_nomem(e);
	return ev_push(R, row, w, ev, e);
}

static int
read_input(struct run *R, struct csvin *in, struct err *e)
{
	struct csv_record *rec;
	struct csvr *r;
	struct event ev;
	int got, more, k;

	do {
		r = csvin_reader(in);
		while ((got = csvr_next(r, &rec, e)) > 0) {
			R->st->read++;
			k = read_event(R, r, rec, &ev, e);
			if (k < 0) {
				if (e->kind != ERR_DATA)
					return -1;
				if (csvw_reject_bad(R->rej, rec,
				    &R->st->rejected, e) < 0)
					return -1;
				continue;
			}
			if (k == 0 && apply(R, rec, &ev, e) < 0)
				return -1;
		}
		if (got < 0)
			return -1;
	} while ((more = csvin_next_file(in, e)) > 0);
	return more < 0 ? -1 : ev_drain(R, e);
}

/* --- finishing ------------------------------------------------------ */

/*
 * Zeros are data: every area of the population file gets a row in every
 * period seen, under its own --by group when the file places it, else
 * under every --by group seen.
 */
static int
add_zero_rows(struct run *R, struct err *e)
{
	const struct population *p = R->o->pop;
	struct row *w;
	size_t a, k;
	uint32_t b, nb;

	if (p == NULL)
		return 0;
	if (R->nperiods == 0 && R->o->period == PERIOD_NONE &&
	    note_period(R, 0) < 0)
		return err_nomem(e);
	/* Without --by every event is in the one empty tuple. */
	if (R->o->nby == 0 && R->bys.n == 0) {
		int added;
		if (intern_get(&R->bys, "", 0, &b, &added, e) < 0)
			return -1;
	}
	nb = (uint32_t)R->bys.n;
	for (a = 0; a < p->n; a++)
		for (k = 0; k < R->nperiods; k++) {
			if (R->area_by != NULL) {
				if (get_row(R, (uint32_t)a, R->area_by[a],
				    R->periods[k], &w, e) < 0)
					return -1;
				continue;
			}
			for (b = 0; b < nb; b++)
				if (get_row(R, (uint32_t)a, b, R->periods[k], &w,
				    e) < 0)
					return -1;
		}
	return 0;
}

/* A string to rank: its bytes and the id it has in its table. */
struct ranked {
	const char *s;
	size_t len;
	uint32_t id;
};

static int
cmp_bytes(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);

	return c ? c : (x->len > y->len) - (x->len < y->len);
}

static int
cmp_tuples(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	return tuple_cmp(x->s, x->len, y->s);
}

/*
 * rank[id] = the place of string id of t in sorted order (cmp), into a
 * new array (*rank).  Returns 0, or -1 when memory runs out.
 */
static int
rank_strings(const struct intern *t, int (*cmp)(const void *, const void *),
    uint32_t **rank)
{
	struct ranked *r;
	size_t i;

	*rank = malloc((t->n ? t->n : 1) * sizeof **rank);
	r = malloc((t->n ? t->n : 1) * sizeof *r);
	if (*rank == NULL || r == NULL) {
		free(r);
		return -1;
	}
	for (i = 0; i < t->n; i++) {
		r[i].s = intern_str(t, (uint32_t)i, &r[i].len);
		r[i].id = (uint32_t)i;
	}
	if (t->n > 1)
		qsort(r, t->n, sizeof *r, cmp);
	for (i = 0; i < t->n; i++)
		(*rank)[r[i].id] = (uint32_t)i;
	free(r);
	return 0;
}

static int
cmp_rows(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int k;

	for (k = 0; k < 3; k++)
		if (x->sort[k] != y->sort[k])
			return x->sort[k] < y->sort[k] ? -1 : 1;
	return 0;
}

/*
 * Put the rows in output order: by tuple (column by column), then area,
 * bytewise, then period; for the inequality table by tuple, period, area
 * (a group's areas together).  Each row gets its sort key first, so the
 * comparison needs no tables (and the run no file-scope state).
 */
static int
sort_rows(struct run *R, struct err *e)
{
	uint32_t *by_rank = NULL, *area_rank = NULL;
	size_t i;

	if (rank_strings(&R->bys, cmp_tuples, &by_rank) < 0 ||
	    rank_strings(&R->areas, cmp_bytes, &area_rank) < 0) {
		free(by_rank);
		return err_nomem(e);
	}
	for (i = 0; i < R->rows.n; i++) {
		struct row *w = groups_at(&R->rows, i);
		w->sort[0] = by_rank[w->by];
		w->sort[1] = R->o->inequality ? w->key.period :
		    (int64_t)area_rank[w->area];
		w->sort[2] = R->o->inequality ? (int64_t)area_rank[w->area] :
		    w->key.period;
	}
	free(by_rank);
	free(area_rank);
	if (R->rows.n > 1)
		qsort(R->rows.item, R->rows.n, R->rows.size, cmp_rows);
	return 0;
}

/* One output column: its English and Chinese names. */
struct col {
	const char *en, *zh;
};

static const struct col area_cols[] = {
	{"events", "参与次数"}, {"staff_events", "工作人员上报"},
	{"per_10k", "每万人参与次数"}, {"participants", "参与人数"},
	{"participants_per_10k", "每万人参与人数"},
	{"events_per_participant", "人均参与次数"},
	{"top1_share", "前1%参与者占比"}, {"top10_share", "前10%参与者占比"},
	{"participant_gini", "参与者基尼系数"}, {"channels", "渠道数"},
	{"channel_entropy", "渠道熵"}, {"channel_evenness", "渠道均匀度"},
	{"channel_hhi", "渠道HHI"}, {"channel_hhi_norm", "渠道HHI标准化"},
	{"channel_effective", "有效渠道数"}, {"top_channel", "主要渠道"},
	{"top_channel_share", "主要渠道占比"}, {"level_mean", "平均参与层级"},
	{"depth_index", "参与深度指数"},
	{"share_involve_plus", "介入及以上占比"}, {"responded", "已回应"},
	{"response_rate", "回应率"}, {"response_h_p50", "回应时长中位数_小时"},
	{"response_h_p90", "回应时长90分位_小时"},
	{"km_response_h_p50", "回应时长KM中位数_小时"},
	{"adoption_rate", "采纳率"},
};

static const struct col ineq_cols[] = {
	{"areas", "区域数"}, {"zero_areas", "零参与区域数"},
	{"gini", "基尼系数"}, {"gini_lo", "基尼系数下限"},
	{"gini_hi", "基尼系数上限"}, {"theil_t", "泰尔T"},
	{"theil_t_within", "泰尔T组内"}, {"theil_t_between", "泰尔T组间"},
	{"theil_l", "泰尔L"}, {"theil_l_within", "泰尔L组内"},
	{"theil_l_between", "泰尔L组间"}, {"atkinson_0.5", "阿特金森0.5"},
	{"atkinson_1", "阿特金森1"}, {"atkinson_2", "阿特金森2"},
	{"palma", "帕尔玛比值"}, {"cv", "变异系数"},
};

#define NCOLS(a) (sizeof (a) / sizeof (a)[0])

/* The key columns: the --by names, area (area mode), period. */
static int
write_key_header(struct run *R, struct csvw *w, int with_area,
    struct err *e)
{
	const struct partscore_opts *o = R->o;
	int b;

	for (b = 0; b < o->nby; b++)
		if (csvw_str(w, o->by[b], e) < 0)
			return -1;
	/* The area column keeps the input's name (--area 3 names none). */
	if (with_area && (o->lang_zh ? csvw_str(w, "区域", e) :
	    csvw_field(w, R->head->field[R->area], R->head->len[R->area],
		e)) < 0)
		return -1;
	if (o->period != PERIOD_NONE && csvw_str(w, o->lang_zh ? "时段" :
	    "period", e) < 0)
		return -1;
	return 0;
}

static int
write_key(struct run *R, struct csvw *w, uint32_t by, const uint32_t *area,
    int32_t period, struct err *e)
{
	const char *p, *v;
	size_t len, vl;
	int b;
	char pb[32];

	p = intern_str(&R->bys, by, &len);
	for (b = 0; b < R->o->nby; b++) {
		tuple_next(&p, &v, &vl);
		if (csvw_field(w, v, vl, e) < 0)
			return -1;
	}
	if (area != NULL) {
		v = intern_str(&R->areas, *area, &vl);
		if (csvw_field(w, v, vl, e) < 0)
			return -1;
	}
	if (R->o->period != PERIOD_NONE) {
		len = period_label(R->o->period, period, pb);
		if (csvw_field(w, pb, len, e) < 0)
			return -1;
	}
	return 0;
}

/* x / y, or NaN when y is 0: no number the data cannot support. */
static double
ratio(double x, double y)
{
	return y > 0 ? x / y : NAN;
}

static int
num(struct run *R, double x, struct err *e)
{
	return csvw_num(R->out, x, R->o->precision, 1, e);
}

static int
cmp_u32_desc(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x < y) - (x > y);
}

/* The participant measures of a row: 6 values into v[]. */
static int
participant_measures(struct run *R, struct row *w, double pop, double *v,
    struct err *e)
{
	uint32_t *c;
	double *ones = NULL, *ev = NULL, top;
	size_t n = w->parts.n, i, k;
	struct ineq_result ir;
	int rc = -1;

	for (i = 0; i < 6; i++)
		v[i] = NAN;
	/* A participant column with no id anywhere records nobody. */
	if (R->participant < 0 || R->st->participants == 0)
		return 0;
	v[0] = (double)n;
	v[1] = ratio((double)n * 1e4, pop);
	if (n == 0)
		return 0;
	v[2] = (double)w->with_pid / (double)n;
	if ((c = malloc(n * sizeof *c)) == NULL)
		return err_nomem(e);
	for (i = 0, k = 0; i < w->parts.nslot; i++)
		if (w->parts.slot[i].id1 != 0)
			c[k++] = w->parts.slot[i].n;
	qsort(c, n, sizeof *c, cmp_u32_desc);
	/* The ceil(p n) most active participants' share of the events. */
	for (top = 0, i = 0; i < (n + 99) / 100; i++)
		top += c[i];
	v[3] = top / (double)w->with_pid;
	for (top = 0, i = 0; i < (n + 9) / 10; i++)
		top += c[i];
	v[4] = top / (double)w->with_pid;
	if ((ones = malloc(n * sizeof *ones)) == NULL ||
	    (ev = malloc(n * sizeof *ev)) == NULL) {
		err_nomem(e);
		goto out;
	}
	for (i = 0; i < n; i++) {
		ones[i] = 1;
		ev[i] = c[i];
	}
	if (ineq_compute(ones, ev, NULL, 0, n, 0, &ir, e) < 0)
		goto out;
	v[5] = ir.gini;
	rc = 0;
out:
	free(c);
	free(ones);
	free(ev);
	return rc;
}

/* The channel measures: 8 values, the top channel's index in *top. */
static void
channel_measures(struct run *R, const struct row *w, double *v, int *top)
{
	double K = R->o->channels_offered > 0 ? R->o->channels_offered :
	    __builtin_popcount(R->chan_seen), H = 0, hhi = 0, q;

	/* Per area from --channels-offered FILE; unknown: no evenness. */
	if (R->o->offered != NULL)
		K = w->area < R->noffered && R->offered[w->area] > 0 ?
		    R->offered[w->area] : NAN;
	int c, used = 0;

	*top = -1;
	for (c = 0; c < 8; c++)
		v[c] = NAN;
	if (w->chan_n == 0) {
		v[0] = 0;
		return;
	}
	for (c = 0; c < CH_COUNT; c++) {
		if (w->chan[c] == 0)
			continue;
		used++;
		q = (double)w->chan[c] / (double)w->chan_n;
		H -= q * log(q);
		hhi += q * q;
		if (*top < 0 || w->chan[c] > w->chan[*top])
			*top = c;
	}
	/* More channels used than offered: the count offered is wrong,
	 * and an evenness above 1 would hide it. */
	if (used > K)
		K = NAN;
	v[0] = used;
	v[1] = H;
	v[2] = K > 1 ? H / log(K) : NAN; /* NaN K: NaN */
	v[3] = hhi;
	v[4] = K > 1 ? (hhi - 1 / K) / (1 - 1 / K) : NAN;
	v[5] = exp(H);
	v[7] = (double)w->chan[*top] / (double)w->chan_n;
}

/* The response measures: response_h_p50, _p90, km_response_h_p50. */
static int
response_measures(struct run *R, struct row *w, double as_of, double *v,
    struct err *e)
{
	double *ev = NULL, *ce = NULL;

	v[0] = v[1] = v[2] = NAN;
	if (R->responded < 0)
		return 0;
	if (mset_expand(&w->resp, 0, 1.0 / 3600, 0, &ev) < 0 ||
	    mset_expand(&w->open_at, as_of, 1.0 / 3600, 1, &ce) < 0) {
		free(ev);
		return err_nomem(e);
	}
	/* Type 7 quantiles of the answered; Kaplan-Meier with the
	 * unanswered censored at the as-of time. */
	v[0] = stats_quantile(ev, w->responded, 0.5);
	v[1] = stats_quantile(ev, w->responded, 0.9);
	v[2] = km_quantile_sorted(ev, w->responded, ce, w->open_at.total, 0.5);
	free(ev);
	free(ce);
	return 0;
}

/*
 * The share of the events due by the as-of time (answered, or unanswered
 * with their deadline passed) that were answered by their deadline, in
 * *rate.  Returns 0, or -1 with *e set when memory runs out.
 */
static int
sla_rate(struct row *w, double as_of, double *rate, struct err *e)
{
	uint64_t due = w->sla_answered, c;
	struct mset_iter it;
	int64_t v;

	if (mset_pack(&w->open_due) < 0)
		return err_nomem(e);
	mset_iter_init(&it, &w->open_due);
	while (mset_iter_next(&it, &v, &c) && (double)v < as_of)
		due += c;
	*rate = ratio((double)w->sla_met, (double)due);
	return 0;
}

static int
write_area_row(struct run *R, struct row *w, double as_of, struct err *e)
{
	const struct partscore_opts *o = R->o;
	const struct population *p = o->pop;
	double pop = p != NULL && w->area < p->n ? p->pop[w->area] : NAN;
	double pv[6], cv[8], rv[3], mean, rate = NAN;
	uint64_t sum = 0, hi = 0, pk;
	int top, k;

	if (write_key(R, R->out, w->by, &w->area, w->key.period, e) < 0 ||
	    csvw_int(R->out, (int64_t)w->events, e) < 0 ||
	    csvw_int(R->out, (int64_t)w->staff, e) < 0 ||
	    num(R, ratio((double)w->events * 1e4, pop), e) < 0 ||
	    participant_measures(R, w, pop, pv, e) < 0)
		return -1;
	for (k = 0; k < 6; k++)
		if (k == 0 && !isnan(pv[0])) {
			if (csvw_int(R->out, (int64_t)pv[0], e) < 0)
				return -1;
		} else if (num(R, pv[k], e) < 0)
			return -1;
	channel_measures(R, w, cv, &top);
	for (k = 0; k < 8; k++) {
		if (k == 0 && R->channel >= 0) {
			if (csvw_int(R->out, (int64_t)cv[0], e) < 0)
				return -1;
		} else if (k == 6) {
			if (csvw_str(R->out, top >= 0 ? channel_name(
			    (enum channel)top) : "", e) < 0)
				return -1;
		} else if (num(R, R->channel >= 0 ? cv[k] : NAN, e) < 0)
			return -1;
	}
	for (k = 0; k < o->ladder->nrungs && k < MAX_RUNGS; k++) {
		sum += w->rung[k] * (uint64_t)(k + 1);
		if (R->involve > 0 && k + 1 >= R->involve)
			hi += w->rung[k];
	}
	mean = ratio((double)sum, (double)w->level_n);
	if (num(R, mean, e) < 0 ||
	    num(R, (mean - 1) / (o->ladder->nrungs - 1), e) < 0 ||
	    num(R, R->involve > 0 ? ratio((double)hi, (double)w->level_n) :
		NAN, e) < 0)
		return -1;
	if (R->responded >= 0) {
		if (csvw_int(R->out, (int64_t)w->responded, e) < 0)
			return -1;
	} else if (csvw_str(R->out, "", e) < 0)
		return -1;
	if (num(R, R->responded >= 0 ? ratio((double)w->responded,
	    (double)w->events) : NAN, e) < 0 ||
	    response_measures(R, w, as_of, rv, e) < 0 ||
	    num(R, rv[0], e) < 0 || num(R, rv[1], e) < 0 ||
	    num(R, rv[2], e) < 0 ||
	    num(R, ratio((double)w->adopt_yes, (double)w->adopt_n), e) < 0)
		return -1;
	if (o->sla_set && (sla_rate(w, as_of, &rate, e) < 0 ||
	    num(R, rate, e) < 0))
		return -1;
	for (k = 0; o->channel_shares && k < CH_COUNT; k++)
		if (num(R, R->channel >= 0 ? ratio((double)w->chan[k],
		    (double)w->chan_n) : NAN, e) < 0)
			return -1;
	for (k = 0; p != NULL && k < p->nsub; k++) {
		double share_pop = w->area < p->n ? ratio(p->sub[w->area *
		    (size_t)p->nsub + (size_t)k], pop) : NAN, share;
		size_t i;

		if (R->group < 0)
			share = NAN;
		else if (R->participant >= 0 && R->st->participants > 0) {
			for (pk = 0, i = 0; i < w->parts.nslot; i++)
				if (w->parts.slot[i].id1 != 0 &&
				    w->parts.slot[i].sub == k)
					pk++;
			share = ratio((double)pk, (double)w->parts.n);
		} else
			share = ratio((double)w->sub_events[k],
			    (double)w->events);
		if (num(R, share_pop > 0 ? share / share_pop : NAN, e) < 0)
			return -1;
	}
	return csvw_end(R->out, e);
}

static int
write_area_table(struct run *R, double as_of, struct err *e)
{
	const struct partscore_opts *o = R->o;
	size_t i, k;
	char name[160];

	if (write_key_header(R, R->out, 1, e) < 0)
		return -1;
	for (k = 0; k < NCOLS(area_cols); k++)
		if (csvw_str(R->out, o->lang_zh ? area_cols[k].zh :
		    area_cols[k].en, e) < 0)
			return -1;
	if (o->sla_set && csvw_str(R->out, o->lang_zh ? "按时回应率" :
	    "on_time_response_rate", e) < 0)
		return -1;
	for (k = 0; o->channel_shares && k < CH_COUNT; k++) {
		snprintf(name, sizeof name, "%s%s", o->lang_zh ? "渠道占比_" :
		    "share_", channel_name((enum channel)k));
		if (csvw_str(R->out, name, e) < 0)
			return -1;
	}
	for (k = 0; o->pop != NULL && k < (size_t)o->pop->nsub; k++) {
		snprintf(name, sizeof name, "%s%s", o->lang_zh ? "代表性比_" :
		    "representation_ratio_", o->pop->sub_names[k]);
		if (csvw_str(R->out, name, e) < 0)
			return -1;
	}
	if (csvw_end(R->out, e) < 0)
		return -1;
	for (i = 0; i < R->rows.n; i++) {
		struct row *w = groups_at(&R->rows, i);
		if (write_area_row(R, w, as_of, e) < 0)
			return -1;
		R->st->areas++;
		if (w->events == 0)
			R->st->zero_areas++;
		R->st->written++;
	}
	if (o->chart != NULL)
		return chart_area_bars(R, e);
	return 0;
}

/*
 * One inequality row: the rows [first, last) share a by tuple and a
 * period; areas of the population file without a row have no events.
 */
static int
write_ineq_row(struct run *R, size_t first, size_t last, double *pop,
    double *ev, uint32_t *parent, double *cp, double *ce, struct err *e)
{
	const struct partscore_opts *o = R->o;
	const struct population *p = o->pop;
	struct row *w0 = groups_at(&R->rows, first);
	struct ineq_result ir;
	double lo = NAN, hi = NAN, vals[16];
	size_t i, n = 0, k;

	/* The areas of this group, in output order (by name). */
	for (i = first; i < last; i++) {
		struct row *w = groups_at(&R->rows, i);
		const char *a;
		size_t al;
		char q[80];

		R->st->areas++;
		if (w->events == 0)
			R->st->zero_areas++;
		/* Nobody lives there: no weight, no rate; with events, the
		 * population file is wrong. */
		if (p->pop[w->area] == 0) {
			if (w->events == 0)
				continue;
			a = intern_str(&R->areas, w->area, &al);
			return errf(e, ERR_DATA, "%s: area %s has %llu events "
			    "but a population of 0: no rate per head", p->path,
			    quote_value(q, sizeof q, a, al),
			    (unsigned long long)w->events);
		}
		pop[n] = p->pop[w->area];
		ev[n] = (double)w->events;
		if (parent != NULL)
			parent[n] = p->parent[w->area];
		n++;
	}
	if (ineq_compute(pop, ev, parent, parent ? p->parents.n : 0, n,
	    o->gini_correction, &ir, e) < 0)
		return -1;
	if (o->bootstrap > 0 && ineq_gini_bootstrap(pop, ev, n,
	    o->gini_correction, o->bootstrap, o->seed, 0.95, &lo, &hi, e) < 0)
		return -1;
	if (write_key(R, R->out, w0->by, NULL, w0->key.period, e) < 0 ||
	    csvw_int(R->out, (int64_t)ir.areas, e) < 0 ||
	    csvw_int(R->out, (int64_t)ir.zero_areas, e) < 0)
		return -1;
	vals[0] = ir.gini;
	vals[1] = lo;
	vals[2] = hi;
	vals[3] = ir.theil_t;
	vals[4] = parent ? ir.theil_t_within : NAN;
	vals[5] = parent ? ir.theil_t_between : NAN;
	vals[6] = ir.theil_l;
	vals[7] = parent ? ir.theil_l_within : NAN;
	vals[8] = parent ? ir.theil_l_between : NAN;
	vals[9] = ir.atkinson_05;
	vals[10] = ir.atkinson_1;
	vals[11] = ir.atkinson_2;
	vals[12] = ir.palma;
	vals[13] = ir.cv;
	for (k = 0; k < 14; k++)
		if (num(R, vals[k], e) < 0)
			return -1;
	if (csvw_end(R->out, e) < 0)
		return -1;
	R->st->written++;
	if (o->chart != NULL && chart_keep_lorenz(R, w0, pop, ev, n, cp, ce,
	    e) < 0)
		return -1;
	if (o->lorenz != NULL) {
		if (ineq_lorenz(pop, ev, n, cp, ce, NULL, e) < 0) {
			if (e->kind != ERR_DATA)
				return -1;
			return 0; /* no events: no curve */
		}
		for (k = 0; k <= n; k++) {
			if (write_key(R, o->lorenz, w0->by, NULL,
			    w0->key.period, e) < 0 ||
			    csvw_int(o->lorenz, (int64_t)k, e) < 0 ||
			    csvw_num(o->lorenz, cp[k], o->precision, 1, e) < 0 ||
			    csvw_num(o->lorenz, ce[k], o->precision, 1, e) < 0 ||
			    csvw_end(o->lorenz, e) < 0)
				return -1;
		}
	}
	return 0;
}

static int
write_ineq_table(struct run *R, struct err *e)
{
	const struct partscore_opts *o = R->o;
	size_t i, j, k, n = o->pop->n + 1;
	double *pop, *ev, *cp, *ce;
	uint32_t *parent = NULL;
	int rc = -1;

	pop = malloc(n * sizeof *pop);
	ev = malloc(n * sizeof *ev);
	cp = malloc(n * sizeof *cp);
	ce = malloc(n * sizeof *ce);
	if (o->pop->parent != NULL)
		parent = malloc(n * sizeof *parent);
	if (pop == NULL || ev == NULL || cp == NULL || ce == NULL ||
	    (o->pop->parent != NULL && parent == NULL)) {
		err_nomem(e);
		goto out;
	}
	if (write_key_header(R, R->out, 0, e) < 0)
		goto out;
	for (k = 0; k < NCOLS(ineq_cols); k++)
		if (csvw_str(R->out, o->lang_zh ? ineq_cols[k].zh :
		    ineq_cols[k].en, e) < 0)
			goto out;
	if (csvw_end(R->out, e) < 0)
		goto out;
	if (o->lorenz != NULL && (write_key_header(R, o->lorenz, 0, e) < 0 ||
	    csvw_str(o->lorenz, o->lang_zh ? "点" : "point", e) < 0 ||
	    csvw_str(o->lorenz, o->lang_zh ? "人口累计占比" :
		"population_share", e) < 0 ||
	    csvw_str(o->lorenz, o->lang_zh ? "参与累计占比" : "events_share",
		e) < 0 ||
	    csvw_end(o->lorenz, e) < 0))
		goto out;
	/* Sorted by (by, period, area): a run of rows is one group. */
	for (i = 0; i < R->rows.n; i = j) {
		struct row *a = groups_at(&R->rows, i), *b;
		for (j = i + 1; j < R->rows.n; j++) {
			b = groups_at(&R->rows, j);
			if (b->by != a->by || b->key.period != a->key.period)
				break;
		}
		if (write_ineq_row(R, i, j, pop, ev, parent, cp, ce, e) < 0)
			goto out;
	}
	if (o->chart != NULL && chart_lorenz(R, e) < 0)
		goto out;
	rc = 0;
out:
	free(pop);
	free(ev);
	free(cp);
	free(ce);
	free(parent);
	return rc;
}

void
partscore_opts_init(struct partscore_opts *o)
{
	memset(o, 0, sizeof *o);
	o->csv.delim = ',';
	o->csv.encoding = "";
	o->precision = NUM_SHORTEST;
	o->seed = 1;
}

static void
free_rows(struct run *R)
{
	size_t i;

	for (i = 0; i < R->rows.n; i++) {
		struct row *w = groups_at(&R->rows, i);
		free(w->parts.slot);
		mset_free(&w->resp);
		mset_free(&w->open_at);
		mset_free(&w->open_due);
	}
	groups_free(&R->rows);
}

/*
 * The channels each area offers (--channels-offered FILE), by the run's
 * area ids: the population's areas keep ids 0..n-1, so they are interned
 * first (by begin()'s caller order: the population, then these).
 */
static int
set_offered(struct run *R, struct err *e)
{
	const struct offered *f = R->o->offered;
	const struct population *p = R->o->pop;
	const char *s;
	size_t len, a;
	uint32_t id;
	int added;

	if (f == NULL)
		return 0;
	for (a = 0; p != NULL && a < p->n; a++) {
		s = intern_str(&p->areas, (uint32_t)a, &len);
		if (intern_get(&R->areas, s, len, &id, &added, e) < 0)
			return -1;
	}
	for (a = 0; a < f->n; a++) {
		s = intern_str(&f->areas, (uint32_t)a, &len);
		if (intern_get(&R->areas, s, len, &id, &added, e) < 0)
			return -1;
		if (id >= R->noffered) {
			size_t n = R->noffered ? R->noffered : 64, i;
			int *q;
			while (n <= id)
				n *= 2;
			if ((q = realloc(R->offered, n * sizeof *q)) == NULL)
				return err_nomem(e);
			for (i = R->noffered; i < n; i++)
				q[i] = 0;
			R->offered = q;
			R->noffered = n;
		}
		R->offered[id] = f->channels[a];
	}
	return 0;
}

/* Set up the run's tables from the population file. */
static int
begin(struct run *R, struct err *e)
{
	const struct population *p = R->o->pop;
	const char *s;
	size_t len, a;
	uint32_t id;
	int added;

	groups_init(&R->rows, sizeof (struct row));
	if (set_offered(R, e) < 0)
		return -1;
	R->involve = ladder_lookup(R->o->ladder, "involve", 7);
	if (R->involve <= 0)
		R->involve = ladder_lookup(R->o->ladder, "partnership", 11);
	if (R->involve < 0)
		R->involve = 0;
	if (p == NULL)
		return 0;
	/* The population's areas first: ids 0..n-1 are its areas. */
	for (a = 0; a < p->n; a++) {
		s = intern_str(&p->areas, (uint32_t)a, &len);
		if (intern_get(&R->areas, s, len, &id, &added, e) < 0)
			return -1;
	}
	if (p->bytuple != NULL) {
		if ((R->area_by = malloc(p->n * sizeof *R->area_by)) == NULL &&
		    p->n > 0)
			return err_nomem(e);
		for (a = 0; a < p->n; a++) {
			s = intern_str(&p->bytuples, p->bytuple[a], &len);
			if (intern_get(&R->bys, s, len, &R->area_by[a], &added,
			    e) < 0)
				return -1;
		}
	}
	return 0;
}

int
partscore_run(const struct partscore_opts *o, char *const *files,
    int nfiles, struct csvw *out, struct csvw *rej,
    struct partscore_stats *st, struct err *e)
{
	struct run R;
	struct csvin *in = NULL;
	int rc = -1, i;

	memset(&R, 0, sizeof R);
	memset(st, 0, sizeof *st);
	R.o = o;
	R.st = st;
	R.out = out;
	R.rej = rej;
	if (o->chart != NULL && (o->chart_kind == PS_CHART_LORENZ) !=
	    (o->inequality != 0)) {
		if (o->inequality)
			errf(e, ERR_USAGE, "--chart-kind %s draws the table of "
			    "areas, not --inequality", o->chart_kind ==
			    PS_CHART_LADDER ? "ladder" : "channels");
		else
			errf(e, ERR_USAGE, "--chart-kind lorenz draws the "
			    "Lorenz curves of --inequality");
		goto out;
	}
	if (begin(&R, e) < 0)
		goto out;
	if (csvin_open(&in, files, nfiles, &o->csv, e) < 0)
		goto out;
	R.head = csvin_header(in);
	if (find_columns(&R, csvin_reader(in), e) < 0)
		goto out;
	if (rej != NULL && csvw_reject_header(rej, R.head, e) < 0)
		goto out;
	if (read_input(&R, in, e) < 0)
		goto out;
	st->as_of = o->as_of_set ? o->as_of : R.have_latest ? R.latest : NAN;
	if (add_zero_rows(&R, e) < 0)
		goto out;
	if (sort_rows(&R, e) < 0)
		goto out;
	if ((o->inequality ? write_ineq_table(&R, e) :
	    write_area_table(&R, st->as_of, e)) < 0)
		goto out;
	rc = 0;
out:
	csvin_close(in);
	free_rows(&R);
	intern_free(&R.areas);
	intern_free(&R.bys);
	intern_free(&R.pairs);
	idtab_free(&R.pids);
	idtab_free(&R.area_ix);
	free(R.area_of);
	for (i = 0; i < EV_RING; i++)
		free(R.ew[i].pid.data);
	free(R.ends);
	free(R.ends_sorted);
	free(R.ends_count);
	free(R.rc);
	free(R.streak);
	free(R.streak_sub);
	free(R.area_by);
	free(R.offered);
	free(R.periods);
	free(R.tb.data);
	chart_free(&R);
	return rc;
}

/* --- charts ----------------------------------------------------------- */

/*
 * --chart FILE draws one of three charts (--chart-kind), as a gnuplot
 * script appended to *o->script (core/chart.h; the command runs it or,
 * under --gnuplot, prints it):
 *
 *   lorenz    (--inequality) one Lorenz curve per --by group and period,
 *             the points ineq_lorenz() gives (those of --lorenz FILE)
 *             joined by straight lines, over the line of equality.  A
 *             group without events has no curve: its legend entry says
 *             "(no events)" ("（无参与）") and nothing is drawn.
 *   channels  (the table of areas) one stacked bar per row of the table,
 *             in the table's order, the first at the top: the shares of
 *             the row's citizen events with a channel on each canonical
 *             channel, one segment (and legend entry) per channel that
 *             a citizen event used anywhere in the input, in the
 *             canonical order.
 *   ladder    (the table of areas) the same with the shares of the row's
 *             citizen events with a level on each rung, one segment per
 *             rung of the ladder, named as the ladder names it, whether
 *             used or not (the empty upper rungs are the finding).
 *
 * A row with nothing to share (no events, as the population file's
 * zeros; or no channel or level recorded) keeps its label and has no
 * bar: never dropped.  Staff events are in no chart, as in no measure.
 * (The total that core's stacked bars print past each bar reads 1: the
 * shares add up.)
 * Labels are data and reach the script only through core/chart.c's
 * quoting: a row's label is its --by values, area and period joined by
 * " / ", a group's its --by values and period ("all", "全部" under --lang
 * zh, when there are neither); an empty value reads "(blank)" ("(空)"),
 * never nothing, as caseflow labels its groups.  Titles and axis labels
 * follow --lang; channel and rung names are the table's (canonical
 * English, or the ladder file's words).
 *
 * Memory: the bars are built from the rows, held anyway until the run
 * ends (rows x segments doubles); the Lorenz curves keep every group's
 * points until the table is written (two doubles per area and group).
 */

/* One Lorenz curve kept: its points in the keep's arrays, its label. */
struct lorenz_curve {
	size_t at, n;     /* points x[at..at+n-1], y[...]; n 0: no curve */
	size_t label;     /* offset of its label (NUL-ended) in labels */
};

struct lorenz_keep {
	double *x, *y;
	size_t n, cx, cy;
	struct lorenz_curve *curve;
	size_t ncurve, ccurve;
	struct buf labels;
};

/*
 * Append the label of a row (area not NULL) or of a group to b, and a
 * NUL.  0, or -1 when memory runs out.
 */
static int
chart_label(struct run *R, uint32_t by, const uint32_t *area,
    int32_t period, struct buf *b)
{
	const struct partscore_opts *o = R->o;
	const char *blank = o->lang_zh ? "(空)" : "(blank)";
	const char *p, *v;
	size_t len, vl;
	char pb[32];
	int k, parts = 0;

	p = intern_str(&R->bys, by, &len);
	for (k = 0; k < o->nby; k++) {
		tuple_next(&p, &v, &vl);
		if (vl == 0) {
			v = blank;
			vl = strlen(blank);
		}
		if ((parts++ > 0 && buf_append(b, " / ", 3) < 0) ||
		    buf_append(b, v, vl) < 0)
			return -1;
	}
	if (area != NULL) {
		v = intern_str(&R->areas, *area, &vl);
		if (vl == 0) {
			v = blank;
			vl = strlen(blank);
		}
		if ((parts++ > 0 && buf_append(b, " / ", 3) < 0) ||
		    buf_append(b, v, vl) < 0)
			return -1;
	}
	if (o->period != PERIOD_NONE) {
		v = pb;
		vl = period_label(o->period, period, pb);
		if (vl == 0) {
			v = blank;
			vl = strlen(blank);
		}
		if ((parts++ > 0 && buf_append(b, " / ", 3) < 0) ||
		    buf_append(b, v, vl) < 0)
			return -1;
	}
	if (parts == 0) {
		v = o->lang_zh ? "全部" : "all";
		if (buf_append(b, v, strlen(v)) < 0)
			return -1;
	}
	return buf_append(b, "", 1);
}

/*
 * Keep the Lorenz curve of the group of w0 (its n areas in pop and ev;
 * cp and ce hold n + 1 values each, scratch).  A group without events
 * has no curve: kept with no points.
 */
static int
chart_keep_lorenz(struct run *R, const struct row *w0, const double *pop,
    const double *ev, size_t n, double *cp, double *ce, struct err *e)
{
	struct lorenz_keep *lz = R->lz;
	struct lorenz_curve *c;
	size_t k, m = n + 1;
	const char *none = R->o->lang_zh ? "（无参与）" : " (no events)";

	if (lz == NULL && (lz = R->lz = calloc(1, sizeof *lz)) == NULL)
		return err_nomem(e);
	if (grow_array((void **)&lz->curve, &lz->ccurve, lz->ncurve + 1,
	    sizeof *lz->curve) < 0)
		return err_nomem(e);
	c = &lz->curve[lz->ncurve];
	c->at = lz->n;
	c->n = 0;
	c->label = lz->labels.len;
	if (chart_label(R, w0->by, NULL, w0->key.period, &lz->labels) < 0)
		return err_nomem(e);
	lz->ncurve++;
	if (ineq_lorenz(pop, ev, n, cp, ce, NULL, e) < 0) {
		if (e->kind != ERR_DATA)
			return -1;
		/* No events (ineq_compute took these areas already). */
		lz->labels.len--; /* the NUL */
		if (buf_append(&lz->labels, none, strlen(none)) < 0 ||
		    buf_append(&lz->labels, "", 1) < 0)
			return err_nomem(e);
		return 0;
	}
	if (grow_array((void **)&lz->x, &lz->cx, lz->n + m, sizeof *lz->x) <
	    0 || grow_array((void **)&lz->y, &lz->cy, lz->n + m,
	    sizeof *lz->y) < 0)
		return err_nomem(e);
	for (k = 0; k < m; k++) {
		lz->x[lz->n + k] = cp[k];
		lz->y[lz->n + k] = ce[k];
	}
	lz->n += m;
	c->n = m;
	return 0;
}

/* The script of the Lorenz curves kept. */
static int
chart_lorenz(struct run *R, struct err *e)
{
	const struct partscore_opts *o = R->o;
	struct lorenz_keep none = {0}, *lz = R->lz ? R->lz : &none;
	struct chart_series *s = NULL;
	size_t i;
	int rc;

	if (lz->ncurve > 0 && (s = calloc(lz->ncurve, sizeof *s)) == NULL)
		return err_nomem(e);
	for (i = 0; i < lz->ncurve; i++) {
		s[i].name = lz->labels.data + lz->curve[i].label;
		s[i].n = lz->curve[i].n;
		if (s[i].n > 0) {
			s[i].x = lz->x + lz->curve[i].at;
			s[i].y = lz->y + lz->curve[i].at;
		}
	}
	rc = chart_lorenz_script(o->script, o->chart, o->lang_zh ?
	    "人均参与的洛伦兹曲线" : "Lorenz curves of participation per head",
	    o->lang_zh ? "人口累计占比（按人均参与从低到高）" :
	    "cumulative share of population (areas by events per head)",
	    o->lang_zh ? "参与次数累计占比" : "cumulative share of events",
	    o->lang_zh ? "完全平等" : "equality", s, lz->ncurve, e);
	free(s);
	return rc;
}

/* The script of the stacked bars of the table of areas. */
static int
chart_area_bars(struct run *R, struct err *e)
{
	const struct partscore_opts *o = R->o;
	int ladder = o->chart_kind == PS_CHART_LADDER;
	const char *series[CH_COUNT > MAX_RUNGS ? CH_COUNT : MAX_RUNGS];
	int idx[CH_COUNT > MAX_RUNGS ? CH_COUNT : MAX_RUNGS];
	size_t n = R->rows.n, ns = 0, i, j, *at = NULL;
	const char **labels = NULL;
	struct buf lb = {0};
	double *v = NULL;
	char title[320];
	int rc = -1, k;

	if (ladder) {
		for (k = 0; k < o->ladder->nrungs && k < MAX_RUNGS; k++) {
			series[ns] = o->ladder->rung_names[k];
			idx[ns++] = k;
		}
		snprintf(title, sizeof title, o->lang_zh ? "各区域参与层级分布"
		    "（阶梯 %.200s）" : "Participation by rung of the ladder "
		    "%.200s", o->ladder->name);
	} else {
		for (k = 0; k < CH_COUNT; k++)
			if (R->chan_seen & (1u << k)) {
				series[ns] = channel_name((enum channel)k);
				idx[ns++] = k;
			}
		snprintf(title, sizeof title, "%s", o->lang_zh ?
		    "各区域参与渠道构成" : "Channel mix per area");
	}
	if (n > 0 && ((labels = calloc(n, sizeof *labels)) == NULL ||
	    (at = malloc(n * sizeof *at)) == NULL ||
	    (ns > 0 && (v = calloc(n * ns, sizeof *v)) == NULL))) {
		err_nomem(e);
		goto out;
	}
	for (i = 0; i < n; i++) {
		const struct row *w = groups_at(&R->rows, i);
		uint64_t total = ladder ? w->level_n : w->chan_n;

		at[i] = lb.len;
		if (chart_label(R, w->by, &w->area, w->key.period, &lb) < 0) {
			err_nomem(e);
			goto out;
		}
		for (j = 0; j < ns; j++)
			v[i * ns + j] = total == 0 ? NAN : (double)(ladder ?
			    w->rung[idx[j]] : w->chan[idx[j]]) / (double)total;
	}
	for (i = 0; i < n; i++)
		labels[i] = lb.data + at[i];
	rc = chart_stacked_script(o->script, o->chart, title, ladder ?
	    (o->lang_zh ? "参与次数占比（已记录层级者）" :
	    "share of events with a level") : (o->lang_zh ?
	    "参与次数占比（已记录渠道者）" : "share of events with a channel"),
	    labels, n, series, ns, v, e);
out:
	free(labels);
	free(at);
	free(v);
	free(lb.data);
	return rc;
}

static void
chart_free(struct run *R)
{
	if (R->lz == NULL)
		return;
	free(R->lz->x);
	free(R->lz->y);
	free(R->lz->curve);
	free(R->lz->labels.data);
	free(R->lz);
	R->lz = NULL;
}
