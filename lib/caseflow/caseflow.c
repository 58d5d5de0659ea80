/*
 * caseflow.c - the case engine (see caseflow.h): reading steps or wide
 * rows, holding cases, settling them into their groups, the summary and
 * its chart.  Interned strings, periods and the group table come from
 * lib/core (intern.h, datetime.h, group.h); stages, rules and working
 * calendars from this folder.
 */
#include "caseflow/caseflow.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/chart.h"
#include "core/group.h"
#include "core/intern.h"
#include "core/num.h"
#include "core/stats.h"

/* ---- cases ---- */

#define T_NONE INT32_MIN
#define ID_INLINE 12
#define BATCH 256  /* steps handed from the reader to the worker at once */
#define NRING 8    /* batches in flight */
#define NO_ID UINT32_MAX

enum { F_CANCEL = 1, F_SUSPENDED = 2, F_SATURATED = 4 };

/* Issues with a timeline (bits), besides stages out of order. */
enum {
	I_NO_REPORT = 1, I_DUP_REPORT = 2, I_DUP_CLOSE = 4,
	I_CLOSED_CANCELLED = 8, I_ORDER = 16, I_TOO_MANY = 32
};

/*
 * One case as its events arrive.  Times are whole seconds from the run's
 * base time (fixed at 2000-01-01T00:00:00Z, so 32 bits hold 1931 to 2068
 * and results do not depend on row order), T_NONE when the stage has not
 * been seen; t[] holds the first time of each chain stage.
 */
struct kase {
	int32_t t[CF_NCHAIN];
	int32_t sr_t;      /* the latest suspend or resume */
	int32_t due;       /* deadline from the due column */
	uint32_t tuple;    /* group values */
	uint32_t cat;      /* category, for the rules */
	uint16_t ndispatch, nreturn, nrework, nextend;
	uint8_t nreport, nclose, flags, cb;
	uint32_t idlen;
	union {
		char s[ID_INLINE]; /* short ids live here */
		uint32_t off;      /* longer ones in the run's id arena */
	} id;
};

/*
 * A step of the long form, read ahead in a batch: its case id, group
 * values and category are packed in the batch arena at off (see
 * pack_row()).
 */
struct ev {
	uint64_t h;        /* hash of the case id */
	size_t off;
	long line;         /* where the row starts, for messages */
	int32_t t, due;
	uint32_t cand;     /* a case the index points to, or NO_ID */
	uint8_t stage, cb;
};

/* A batch of steps, with their packed values in arena. */
struct batch {
	struct ev ev[BATCH];
	size_t n;
	struct buf arena;
	const char *name;  /* the input's name, for messages (run.names) */
	int hashed;        /* the worker has hashed the ids (pass 0) */
};

/* Callback answers packed in kase.cb: 2 bits each. */
enum { CBV_NONE, CBV_YES, CBV_NO };
enum { SAT_NONE, SAT_YES, SAT_BASIC, SAT_NO };

/* Durations in whole seconds (times are kept to the second). */
struct uvec {
	uint32_t *v;
	size_t n, cap;
};

static int
uvec_push(struct uvec *d, int64_t x, struct err *e)
{
	if (x < 0 || x > UINT32_MAX)
		return errf(e, ERR_DATA, "a duration of more than 136 years");
	if (grow_array((void **)&d->v, &d->cap, d->n + 1, sizeof *d->v) < 0)
		return err_nomem(e);
	d->v[d->n++] = (uint32_t)x;
	return 0;
}

/* Counters of a group. */
enum {
	G_RECEIVED, G_FILED, G_DISPATCHED, G_HANDLED, G_DUE, G_CLOSED,
	G_ONTIME, G_DEADLINE, G_NODL, G_REWORKED, G_EXTENDED, G_OPEN,
	G_OVERDUE,
	G_CANCELLED, G_INVALID, G_DISPATCHES, G_RETURNS, G_CALLBACKS,
	G_CONTACTED, G_RESOLVED, G_SATISFIED, G_BASIC,
	G_DDUE, G_DONTIME,   /* dispatch: due (with a limit), on time */
	G_HDUE, G_HONTIME,   /* handling: due (with a limit), on time */
	G_HBASE, G_HDONE,    /* handling rate: due for handling, handled */
	G_NCOUNT
};

/* A group's accumulator: an item of core/group.h's table. */
struct grp {
	struct group_key key; /* group values (a tuple) and period */
	uint64_t c[G_NCOUNT];
	struct uvec dur;   /* seconds to close of valid closed cases */
	struct uvec cen;   /* seconds open so far of valid open cases */
	double *hd, *hc;   /* the same in hours, sorted (for the summary) */
};

/*
 * Where settled cases go: the groups (with their index) and counts.  The
 * run has one; settling on two threads gives the second its own, merged
 * into the run's afterwards.
 */
struct acc {
	struct groups groups;    /* of struct grp */
	struct buf issues, late; /* settle()'s text, reused */
	unsigned long long cases, closed, open, cancelled, invalid, written;
	unsigned long long outside;   /* reported outside --from/--to */
};

/* Group i of an accumulator. */
#define GRP(A, i) ((struct grp *)groups_at(&(A)->groups, (i)))

/* ---- the summary's columns ---- */

enum col_kind { K_COUNT, K_RATE, K_HOURS };

enum {
	S_RECEIVED, S_FILED, S_FILING_RATE, S_DISPATCHED, S_DISPATCH_ACC,
	S_DISPATCH_ONTIME, S_HANDLED, S_HANDLING_RATE, S_HANDLING_ONTIME,
	S_DUE, S_CLOSED, S_CLOSURE_RATE, S_NO_DEADLINE, S_CLOSED_ON_TIME,
	S_ON_TIME_RATE, S_REWORK_RATE, S_EXTENSION_RATE, S_OPEN,
	S_OVERDUE_OPEN, S_CANCELLED, S_INVALID, S_MEAN, S_SD, S_P50, S_P90,
	S_P95, S_MAX, S_KM50, S_KM90, S_CALLBACKS, S_RESPONSE, S_RESOLUTION,
	S_SATISFACTION, S_SCORE, S_NCOL
};

static const struct {
	const char *en, *zh;
	enum col_kind kind;
} sumcol[S_NCOL] = {
	{"received", "受理数", K_COUNT},
	{"filed", "立案数", K_COUNT},
	{"filing_rate", "立案率", K_RATE},
	{"dispatched", "派遣数", K_COUNT},
	{"dispatch_accuracy", "派遣准确率", K_RATE},
	{"on_time_dispatch_rate", "按期派遣率", K_RATE},
	{"handled", "处置数", K_COUNT},
	{"handling_rate", "处置率", K_RATE},
	{"on_time_handling_rate", "按期处置率", K_RATE},
	{"due", "应结案数", K_COUNT},
	{"closed", "结案数", K_COUNT},
	{"closure_rate", "结案率", K_RATE},
	{"no_deadline", "无期限数", K_COUNT},
	{"closed_on_time", "按期结案数", K_COUNT},
	{"on_time_closure_rate", "按期结案率", K_RATE},
	{"rework_rate", "返工率", K_RATE},
	{"extension_rate", "延期率", K_RATE},
	{"open", "未结案数", K_COUNT},
	{"overdue_open", "超期未结案数", K_COUNT},
	{"cancelled", "作废数", K_COUNT},
	{"invalid", "异常案件数", K_COUNT},
	{"close_h_mean", "结案时长均值(小时)", K_HOURS},
	{"close_h_sd", "结案时长标准差(小时)", K_HOURS},
	{"close_h_p50", "结案时长中位数(小时)", K_HOURS},
	{"close_h_p90", "结案时长90分位(小时)", K_HOURS},
	{"close_h_p95", "结案时长95分位(小时)", K_HOURS},
	{"close_h_max", "结案时长最大值(小时)", K_HOURS},
	{"km_close_h_p50", "KM结案时长中位数(小时)", K_HOURS},
	{"km_close_h_p90", "KM结案时长90分位(小时)", K_HOURS},
	{"callbacks", "有效回访数", K_COUNT},
	{"response_rate", "响应率", K_RATE},
	{"resolution_rate", "解决率", K_RATE},
	{"satisfaction_rate", "满意率", K_RATE},
	{"score", "综合得分", K_RATE},
};

/* The per-case columns. */
enum {
	C_ID, C_TIMES, C_DUE_AT = C_TIMES + CF_NCHAIN, C_STATUS, C_CLOSE_H,
	C_CLOSE_WH, C_ON_TIME, C_OVERDUE, C_REWORK, C_LATE, C_ISSUES, C_NCOL
};

static const char *const casecol_en[C_NCOL] = {
	"case_id", "reported_at", "filed_at", "dispatched_at", "handled_at",
	"feedback_at", "verified_at", "closed_at", "due_at", "status",
	"close_h", "close_wh", "on_time", "overdue", "rework", "late", "issues"
};

static const char *const casecol_zh[C_NCOL] = {
	"案件编号", "上报时间", "立案时间", "派遣时间", "处置时间", "反馈时间",
	"核查时间", "结案时间", "处置时限", "状态", "结案时长(小时)",
	"结案工作时长(小时)", "按期", "超期", "返工次数", "超时环节", "问题"
};

/* Wide-form default columns, in chain order. */
static const char *const wide_default[CF_NCHAIN] = {
	"reported_at", "filed_at", "dispatched_at", "handled_at",
	"feedback_at", "verified_at", "closed_at"
};

int
caseflow_is_summary_column(const char *name)
{
	int i;

	for (i = 0; i < S_NCOL; i++)
		if (strcmp(name, sumcol[i].en) == 0 ||
		    strcmp(name, sumcol[i].zh) == 0)
			return 1;
	return 0;
}

void
caseflow_opts_init(struct caseflow_opts *o)
{
	int i;

	memset(o, 0, sizeof *o);
	o->csv.delim = ',';
	o->precision = NUM_SHORTEST;
	time_opts_init(&o->time, NULL, "UTC");
	o->id_col = "case_id";
	o->stage_col = "stage";
	o->at_col = "at";
	for (i = 0; i < CF_NCHAIN; i++)
		o->stage_cols[i] = wide_default[i];
	o->due_col = "due_at";
	o->status_col = "status";
	o->category_col = "category";
	o->weights[CB_CONTACTED] = 0.1;
	o->weights[CB_RESOLVED] = 0.5;
	o->weights[CB_SATISFACTION] = 0.4;
}

/* ---- the run ---- */

#define NO_COL ((size_t)-1)

struct run {
	const struct caseflow_opts *o;
	struct csvw *out, *rej;
	struct caseflow_stats *st;

	/* columns of the input */
	size_t idcol, stagecol, atcol, duecol, catcol, statuscol, reworkcol;
	int *vrole;             /* the role of each --value-map word */
	size_t tcol[CF_NCHAIN];
	size_t *bycol;
	size_t cbcol[CB_COUNT];
	int have[CF_NCHAIN];    /* the stage can be observed at all */
	int have_side;          /* rework, extension, returns observable */
	const struct csv_record *head; /* the input's (csvin owns it) */

	/* time: base of the relative times (fixed), latest time seen */
	int64_t base;
	char lo[32], hi[32];    /* the first and last second held, written */
	int64_t latest;
	int have_latest;
	double as_of;           /* the effective as-of, once known */
	int as_of_known;

	/* cases held: all of them (long, unsorted), or the open ones that
	 * wait for the as-of time (sorted, wide) */
	struct buf idarena;     /* case ids longer than ID_INLINE */
	uint64_t *cslot;        /* case index: hash high, case + 1 low */
	size_t ncslot;
	struct kase *cases;
	size_t ncases, capcases;
	/* sorted mode: the case being read */
	struct kase cur;
	struct buf curid;
	int have_cur;
	int id_orders;          /* --sorted: orders the ids have kept */
	long cur_line;

	/* group values and categories */
	struct intern tuples;
	uint8_t *tuple_full;
	size_t captuple;
	struct intern cats;
	struct buf scratch;
	struct buf pack;        /* one packed row (wide form) */
	/*
	 * Long form: the reading thread parses steps into batches (a ring
	 * of NRING); a worker thread applies them in order.  The worker
	 * alone touches the cases, groups, tuples and the case rows (the
	 * reader writes their header before the first batch); the reader
	 * alone the input, the reject file and the stage cache.  base is
	 * fixed.
	 */
	struct batch ring[NRING];
	size_t rhead, rcount;   /* batches handed over, not yet applied */
	int rdone, rstop, rfail;
	struct err rerr;        /* the worker's failure */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int worker_on;
	pthread_t worker;
	struct batch *fill;     /* the batch the reader fills */
	char **names;           /* input names, for the worker's messages */
	int nnames;
	size_t capnames;
	struct {
		size_t len;
		char w[16];
		int st;
	} scache[256];          /* stage words seen, by their hash */

	struct acc a;           /* the groups */

	int write_cases;        /* per-case rows go to out */
	int stage_rules;        /* rules exist for chain stages before close */
};

/* Whole seconds since the base, or -1 if t is too far from the base. */
static int
rel_time(struct run *R, double t, int32_t *out)
{
	int64_t d;

	/* The range first: floor() of a NaN or a huge t is no int64_t. */
	if (!(t > -1e12 && t < 1e12))
		return -1;
	d = (int64_t)floor(t) - R->base;
	if (d <= INT32_MIN || d > INT32_MAX)
		return -1;
	*out = (int32_t)d;
	return 0;
}

static double
abs_time(const struct run *R, int32_t t)
{
	return t == T_NONE ? NAN : (double)(R->base + t);
}

static void
kase_init(struct kase *k)
{
	int i;

	memset(k, 0, sizeof *k);
	for (i = 0; i < CF_NCHAIN; i++)
		k->t[i] = T_NONE;
	k->sr_t = T_NONE;
	k->due = T_NONE;
	k->cat = NO_ID;
	k->tuple = NO_ID;
}

static void
note_time(struct run *R, int32_t t)
{
	int64_t a = R->base + t;

	if (!R->have_latest || a > R->latest) {
		R->latest = a;
		R->have_latest = 1;
	}
}

/* A time field: 0 with *t set, 1 when empty, -1 (with *e) when bad. */
static int
time_field(struct run *R, struct csvr *r, const struct csv_record *rec,
    size_t col, int32_t *t, struct err *e)
{
	const char *s = rec->field[col];
	size_t len = rec->len[col];
	double v;

	trim_blanks(&s, &len);
	if (len == 0)
		return 1;
	if (parse_time(&R->o->time, s, len, &v) < 0)
		return csvr_bad_value(r, rec, col, R->o->time.format ?
		    "does not match --time-format" : "is not an ISO 8601 time",
		    e);
	if (rel_time(R, v, t) < 0) {
		char what[120];
		snprintf(what, sizeof what, "is outside the times caseflow "
		    "holds, %s to %s", R->lo, R->hi);
		return csvr_bad_value(r, rec, col, what, e);
	}
	return 0;
}

/*
 * A row that is not a case: a totals row (its case id or first field a
 * totals label) is a bad record, not a case named 合计 whose bar would
 * read as the city's total.  Returns 0, or -1 with *e set.
 */
static int
not_totals(struct run *R, struct csvr *r, const struct csv_record *rec,
    struct err *e)
{
	size_t col = R->idcol;

	if (!totals_word(rec->field[col], rec->len[col])) {
		col = 0;
		if (!totals_word(rec->field[0], rec->len[0]))
			return 0;
	}
	return csvr_bad_value(r, rec, col, "is a totals row (合计, Total), not a "
	    "case", e);
}

/*
 * The meaning of a value of role r: the --value-map's words first
 * (exact, blanks around trimmed), then the built-in ones.
 */
static enum meaning
meaning_of(const struct run *R, enum value_role r, const char *s,
    size_t len)
{
	const struct value_map *m = R->o->vmap;
	size_t i;

	if (m != NULL)
		for (i = 0; i < m->n; i++)
			if (R->vrole[i] == (int)r &&
			    strlen(m->w[i].value) == len &&
			    memcmp(m->w[i].value, s, len) == 0)
				return m->w[i].meaning;
	return value_builtin(r, s, len);
}

/* Read the callback columns of a record into *cb (packed); -1 if bad. */
static int
callbacks(struct run *R, struct csvr *r, const struct csv_record *rec,
    uint8_t *cb, struct err *e)
{
	int i, v;

	*cb = 0;
	for (i = 0; i < CB_COUNT; i++) {
		const char *s;
		size_t len;
		enum meaning m;

		if (R->cbcol[i] == NO_COL)
			continue;
		s = rec->field[R->cbcol[i]];
		len = rec->len[R->cbcol[i]];
		trim_blanks(&s, &len);
		if (len == 0)
			continue;
		/* CB_* and VR_* share their order. */
		m = meaning_of(R, (enum value_role)i, s, len);
		if (i == CB_SATISFACTION) {
			if (m == M_SATISFIED)
				v = SAT_YES;
			else if (m == M_BASIC)
				v = SAT_BASIC;
			else if (m == M_UNSATISFIED)
				v = SAT_NO;
			else
				return csvr_bad_value(r, rec, R->cbcol[i],
				    "is not satisfied, basically or "
				    "unsatisfied (满意, 基本满意, 不满意, ...; "
				    "other words: --value-map)", e);
		} else if (m == M_YES) {
			v = CBV_YES;
		} else if (m == M_NO) {
			v = CBV_NO;
		} else {
			return csvr_bad_value(r, rec, R->cbcol[i],
			    "is not yes or no (also y/n, 1/0, true/false, "
			    "是/否, ...; other words: --value-map)", e);
		}
		*cb |= (uint8_t)(v << (2 * i));
	}
	return 0;
}

/* Fill the callback answers the case does not have yet. */
static void
merge_callbacks(struct kase *k, uint8_t cb)
{
	int i;

	for (i = 0; i < CB_COUNT; i++) {
		unsigned mask = 3u << (2 * i);
		if ((k->cb & mask) == 0)
			k->cb |= (uint8_t)(cb & mask);
	}
}

/*
 * Give the case the group values of this row (key: nby times a 4-byte
 * length and the bytes) where it has none yet: the first non-empty value
 * of each column wins.
 */
static int
merge_tuple(struct run *R, struct kase *k, const char *key, size_t keylen,
    struct err *e)
{
	const struct caseflow_opts *o = R->o;
	const char *old = NULL, *nw = key, *v1, *v2;
	size_t l1, l2;
	uint32_t id, l;
	int i, full = 1, added;

	if (k->tuple != NO_ID) {
		if (R->tuple_full[k->tuple])
			return 0;
		old = intern_str(&R->tuples, k->tuple, &l1);
		R->scratch.len = 0;
		for (i = 0; i < o->nby; i++) {
			tuple_next(&old, &v1, &l1);
			tuple_next(&nw, &v2, &l2);
			l = (uint32_t)(l1 > 0 ? l1 : l2);
			if (buf_append(&R->scratch, (const char *)&l, 4) < 0 ||
			    buf_append(&R->scratch, l1 > 0 ? v1 : v2, l) < 0)
				return err_nomem(e);
		}
		key = R->scratch.data;
		keylen = R->scratch.len;
	}
	if (intern_get(&R->tuples, key ? key : "", keylen, &id, &added, e) < 0)
		return -1;
	if (added) {
		const char *p = key;
		for (i = 0; i < o->nby; i++) {
			tuple_next(&p, &v1, &l1);
			if (l1 == 0)
				full = 0;
		}
		if (grow_array((void **)&R->tuple_full, &R->captuple,
		    R->tuples.n, 1) < 0)
			return err_nomem(e);
		R->tuple_full[id] = (uint8_t)full;
	}
	k->tuple = id;
	return 0;
}

static int
merge_category(struct run *R, struct kase *k, const char *cat, size_t len,
    struct err *e)
{
	int added;

	if (k->cat != NO_ID || len == 0)
		return 0;
	return intern_get(&R->cats, cat, len, &k->cat, &added, e);
}

/* Count one more step; a count that would pass 65535 stays there and
 * marks the case, which then counts as invalid (its counts are wrong). */
static uint16_t
inc16(struct kase *k, uint16_t x)
{
	if (x == UINT16_MAX) {
		k->flags |= F_SATURATED;
		return x;
	}
	return (uint16_t)(x + 1);
}

static uint8_t
inc8(uint8_t x)
{
	return x == UINT8_MAX ? x : (uint8_t)(x + 1);
}

/* Apply one step of a case. */
static void
apply_stage(struct kase *k, enum stage s, int32_t t)
{
	if (s < CF_NCHAIN && (k->t[s] == T_NONE || t < k->t[s]))
		k->t[s] = t;
	switch (s) {
	case ST_REPORT:
		k->nreport = inc8(k->nreport);
		break;
	case ST_DISPATCH:
		k->ndispatch = inc16(k, k->ndispatch);
		break;
	case ST_CLOSE:
		k->nclose = inc8(k->nclose);
		break;
	case ST_REWORK:
		k->nrework = inc16(k, k->nrework);
		break;
	case ST_EXTEND:
		k->nextend = inc16(k, k->nextend);
		break;
	case ST_RETURN:
		k->nreturn = inc16(k, k->nreturn);
		break;
	case ST_CANCEL:
		k->flags |= F_CANCEL;
		break;
	case ST_SUSPEND:
	case ST_RESUME:
		/* The latest of them tells whether the case is suspended;
		 * at equal times a resume wins. */
		if (k->sr_t == T_NONE || t > k->sr_t ||
		    (t == k->sr_t && s == ST_RESUME)) {
			k->sr_t = t;
			if (s == ST_SUSPEND)
				k->flags |= F_SUSPENDED;
			else
				k->flags &= (uint8_t)~F_SUSPENDED;
		}
		break;
	default:
		break;
	}
}

/* ---- settling a case: its row, its group ---- */


/* Chain stage names as used in issues: report, file, ... close. */
static const char *
chain_name(int s)
{
	return stage_name((enum stage)s);
}

/*
 * The case's timeline problems as text ("close-before-report;...") in b,
 * and as bits (returned).
 */
static int
timeline_issues(const struct kase *k, struct buf *b)
{
	int bits = 0, s, maxs = -1;
	int32_t maxt = 0;
	char tmp[64];

	b->len = 0;
#define ISSUE(bit, text) do { \
	if (b->len && buf_append(b, ";", 1) < 0) return -1; \
	if (buf_append(b, text, strlen(text)) < 0) return -1; \
	bits |= (bit); } while (0)
	if (k->t[ST_REPORT] == T_NONE)
		ISSUE(I_NO_REPORT, "no-report");
	for (s = 0; s < CF_NCHAIN; s++) {
		if (k->t[s] == T_NONE)
			continue;
		if (maxs >= 0 && k->t[s] < maxt) {
			snprintf(tmp, sizeof tmp, "%s-before-%s", chain_name(s),
			    chain_name(maxs));
			ISSUE(I_ORDER, tmp);
		} else {
			maxs = s;
			maxt = k->t[s];
		}
	}
	if (k->nreport > 1)
		ISSUE(I_DUP_REPORT, "duplicate-report");
	if (k->nclose > 1)
		ISSUE(I_DUP_CLOSE, "duplicate-close");
	if ((k->flags & F_CANCEL) && k->nclose > 0)
		ISSUE(I_CLOSED_CANCELLED, "closed-and-cancelled");
	if (k->flags & F_SATURATED)
		ISSUE(I_TOO_MANY, "more-than-65535-steps");
#undef ISSUE
	return bits;
}

static int
put_time(struct run *R, double t, struct err *e)
{
	char tb[32];
	size_t n = isnan(t) ? 0 : format_time(&R->o->time, t, tb);

	return csvw_raw(R->out, tb, n, e);
}

static int
put_tuple(struct run *R, uint32_t tuple, struct err *e)
{
	const char *p, *v;
	size_t len;
	int i;

	p = intern_str(&R->tuples, tuple, &len);
	for (i = 0; i < R->o->nby; i++) {
		tuple_next(&p, &v, &len);
		if (csvw_field(R->out, v, len, e) < 0)
			return -1;
	}
	return 0;
}

/* The stages before close whose own rule's deadline was missed. */
static int
late_stages(struct run *R, const struct kase *k, const char *cat,
    size_t catlen, double report, int closed, struct buf *b)
{
	int s;

	b->len = 0;
	if (isnan(report))
		return 0;
	for (s = ST_FILE; s < ST_CLOSE; s++) {
		const struct rule *ru = rules_find(R->o->rules, cat, catlen,
		    (enum stage)s);
		double d, at = abs_time(R, k->t[s]);
		int late;
		if (ru == NULL || !R->have[s])
			continue;
		d = rule_deadline(ru, R->o->cal, report);
		late = isnan(at) ? !closed && !(k->flags & F_CANCEL) &&
		    R->as_of > d : at > d;
		if (late && ((b->len && buf_append(b, ";", 1) < 0) ||
		    buf_append(b, chain_name(s), strlen(chain_name(s))) < 0))
			return -1;
	}
	return 0;
}

/*
 * The deadline of chain stage s under the rules for a case of category
 * cat reported at report: NaN when there is no rule, the stage cannot be
 * seen, or the case has no report time.
 */
static double
stage_deadline(struct run *R, const char *cat, size_t catlen,
    double report, enum stage s)
{
	const struct rule *ru;

	if (R->o->rules == NULL || !R->have[s] || isnan(report) ||
	    (ru = rules_find(R->o->rules, cat, catlen, s)) == NULL)
		return NAN;
	return rule_deadline(ru, R->o->cal, report);
}

/*
 * Count a base case into the on-time rate of stage s (dispatch or
 * handle): it is due for the stage when it has a limit for it and either
 * reached the stage (on time when at or before the limit), or is open
 * and the limit has passed (late).  A case closed without the stage, or
 * open with time left, is not due for it.
 */
static void
stage_on_time(struct run *R, uint64_t *c, int idue, double at, double d,
    int open)
{
	if (isnan(d))
		return;
	if (!isnan(at)) {
		c[idue]++;
		c[idue + 1] += at <= d;
	} else if (open && d < R->as_of) {
		c[idue]++;
	}
}

/*
 * Settle a case whose state is final (the as-of time is known, or the
 * case is not open): write its row, add it to its group.
 */
static int
settle(struct run *R, struct acc *A, const struct kase *k, const char *id,
    size_t idlen, struct err *e)
{
	const struct caseflow_opts *o = R->o;
	struct buf *issues = &A->issues, *late = &A->late;
	double t[CF_NCHAIN], report, close, deadline = NAN, anchor = NAN;
	const char *cat = "";
	size_t catlen = 0;
	int s, bits, cancelled, closed, open, on_time, overdue, in_base, due;
	int hdec = o->precision < 0 ? 6 : o->precision, htrim = o->precision < 0;
	struct grp *g = NULL;
	int rc = -1;

	for (s = 0; s < CF_NCHAIN; s++) {
		t[s] = abs_time(R, k->t[s]);
		if (!isnan(t[s]) && (isnan(anchor) || t[s] < anchor))
			anchor = t[s];
	}
	report = t[ST_REPORT];
	close = t[ST_CLOSE];
	if (!isnan(report))
		anchor = report;
	/* --from/--to: a case reported outside [from, to) is counted, and
	 * nothing else (a case with no time at all has no report time to
	 * keep it by). */
	if ((o->from_set || o->to_set) && !(!isnan(anchor) &&
	    (!o->from_set || anchor >= o->from) &&
	    (!o->to_set || anchor < o->to))) {
		A->outside++;
		return 0;
	}
	if ((bits = timeline_issues(k, issues)) < 0)
		goto nomem;
	cancelled = (k->flags & F_CANCEL) != 0;
	closed = !cancelled && k->nclose > 0;
	open = !cancelled && !closed;
	if (k->cat != NO_ID)
		cat = intern_str(&R->cats, k->cat, &catlen);
	if (k->due != T_NONE) {
		deadline = abs_time(R, k->due);
	} else if (o->rules != NULL && !isnan(report)) {
		const struct rule *ru = rules_find(o->rules, cat, catlen,
		    ST_CLOSE);
		if (ru != NULL)
			deadline = rule_deadline(ru, o->cal, report);
	}
	on_time = closed && !isnan(deadline) && close <= deadline;
	overdue = open && !isnan(deadline) && deadline < R->as_of;
	in_base = !cancelled && (!o->denom_filed || k->t[ST_FILE] != T_NONE);
	due = in_base && (closed || isnan(deadline) || deadline <= R->as_of) &&
	    !(o->denom_no_suspended && open && (k->flags & F_SUSPENDED));

	A->cases++;
	A->closed += closed;
	A->open += open;
	A->cancelled += cancelled;
	A->invalid += bits != 0;

	if (R->write_cases) {
		if (csvw_field(R->out, id, idlen, e) < 0 ||
		    (o->nby > 0 && put_tuple(R, k->tuple, e) < 0))
			goto out;
		for (s = 0; s < CF_NCHAIN; s++)
			if (put_time(R, t[s], e) < 0)
				goto out;
		if (put_time(R, deadline, e) < 0 ||
		    csvw_str(R->out, cancelled ? "cancelled" : closed ?
			"closed" : "open", e) < 0)
			goto out;
		/* Hours to six decimals: whole seconds, and no noise (or
		 * --precision's fixed decimals). */
		if (csvw_num(R->out, closed && !isnan(report) && bits == 0 ?
		    (close - report) / 3600 : NAN, hdec, htrim, e) < 0)
			goto out;
		if (o->cal != NULL && csvw_num(R->out, closed &&
		    !isnan(report) && bits == 0 ? workcal_seconds_between(
		    o->cal, report, close) / 3600 : NAN, hdec, htrim, e) < 0)
			goto out;
		if (csvw_str(R->out, isnan(deadline) || cancelled ? "" :
		    closed ? (on_time ? "yes" : "no") : overdue ? "no" : "", e)
		    < 0 ||
		    csvw_str(R->out, !open || isnan(deadline) ? "" :
			overdue ? "yes" : "no", e) < 0)
			goto out;
		/* The wide form cannot see rework (without --rework):
		 * empty, not 0. */
		if ((R->have_side || R->reworkcol != NO_COL ?
		    csvw_int(R->out, k->nrework, e) :
		    csvw_raw(R->out, "", 0, e)) < 0)
			goto out;
		if (R->stage_rules) {
			if (late_stages(R, k, cat, catlen, report, closed,
			    late) < 0)
				goto nomem;
			if (csvw_field(R->out, late->data, late->len, e) < 0)
				goto out;
		}
		if (csvw_field(R->out, issues->data, issues->len, e) < 0 ||
		    csvw_end(R->out, e) < 0)
			goto out;
		A->written++;
	}

	if (groups_get(&A->groups, k->tuple == NO_ID ? 0 : k->tuple,
	    period_code(&R->o->time, R->o->period, anchor), (void **)&g, e) <
	    0)
		goto out;
	g->c[G_RECEIVED]++;
	g->c[G_FILED] += k->t[ST_FILE] != T_NONE;
	g->c[G_DISPATCHED] += k->ndispatch > 0;
	g->c[G_HANDLED] += k->t[ST_HANDLE] != T_NONE;
	g->c[G_DUE] += due;
	g->c[G_CLOSED] += in_base && closed;
	g->c[G_ONTIME] += in_base && on_time;
	g->c[G_DEADLINE] += !isnan(deadline) && !cancelled;
	/* Due but without a deadline: out of every on-time rate. */
	g->c[G_NODL] += due && isnan(deadline);
	g->c[G_REWORKED] += k->nrework > 0 && k->t[ST_HANDLE] != T_NONE;
	g->c[G_EXTENDED] += k->nextend > 0;
	g->c[G_OPEN] += open;
	g->c[G_OVERDUE] += overdue;
	g->c[G_CANCELLED] += cancelled;
	g->c[G_INVALID] += bits != 0;
	if (!(k->flags & F_SATURATED)) {
		g->c[G_DISPATCHES] += k->ndispatch;
		g->c[G_RETURNS] += k->nreturn < k->ndispatch ? k->nreturn :
		    k->ndispatch;
	}
	if (in_base) {
		double dh = stage_deadline(R, cat, catlen, report, ST_HANDLE);
		int handled = k->t[ST_HANDLE] != T_NONE;
		stage_on_time(R, g->c, G_DDUE, t[ST_DISPATCH],
		    stage_deadline(R, cat, catlen, report, ST_DISPATCH), open);
		stage_on_time(R, g->c, G_HDUE, t[ST_HANDLE], dh, open);
		/* Due for handling: dispatched (or handled), unless open,
		 * unhandled and with time left under a handling limit. */
		if ((k->ndispatch > 0 || k->t[ST_DISPATCH] != T_NONE ||
		    handled) && (handled || !open || isnan(dh) ||
		    dh <= R->as_of)) {
			g->c[G_HBASE]++;
			g->c[G_HDONE] += handled;
		}
	}
	if (k->cb) {
		int sat = (k->cb >> (2 * CB_SATISFACTION)) & 3;
		g->c[G_CALLBACKS]++;
		g->c[G_CONTACTED] += ((k->cb >> (2 * CB_CONTACTED)) & 3) ==
		    CBV_YES;
		g->c[G_RESOLVED] += ((k->cb >> (2 * CB_RESOLVED)) & 3) ==
		    CBV_YES;
		g->c[G_SATISFIED] += sat == SAT_YES;
		g->c[G_BASIC] += sat == SAT_BASIC;
	}
	if (bits == 0 && !cancelled && !isnan(report)) {
		int64_t r0 = k->t[ST_REPORT];
		if (closed && uvec_push(&g->dur, (int64_t)k->t[ST_CLOSE] - r0,
		    e) < 0)
			goto out;
		if (open && uvec_push(&g->cen, (int64_t)floor(R->as_of) -
		    R->base - r0, e) < 0)
			goto out;
	}
	rc = 0;
	goto out;
nomem:
	err_nomem(e);
out:
	return rc;
}

/* ---- the cases held ---- */

static const char *
case_id(const struct run *R, const struct kase *k)
{
	return k->idlen <= ID_INLINE ? k->id.s : R->idarena.data + k->id.off;
}

/*
 * Append a new case with this id to R->cases (not to the index).
 * Returns its number, or -1 with *e set.
 */
static long
case_new(struct run *R, const char *id, size_t len, struct err *e)
{
	struct kase *k;

	if (len > UINT32_MAX || R->ncases >= UINT32_MAX - 1 ||
	    (len > ID_INLINE && R->idarena.len > UINT32_MAX - len))
		return errf(e, ERR_DATA, "more than 4 GiB of case ids or "
		    "4 billion cases");
	if (grow_array((void **)&R->cases, &R->capcases, R->ncases + 1,
	    sizeof *R->cases) < 0)
		return err_nomem(e);
	k = &R->cases[R->ncases];
	kase_init(k);
	k->idlen = (uint32_t)len;
	if (len <= ID_INLINE) {
		memcpy(k->id.s, id, len);
	} else {
		k->id.off = (uint32_t)R->idarena.len;
		if (buf_append(&R->idarena, id, len) < 0)
			return err_nomem(e);
	}
	return (long)R->ncases++;
}

/* Does case k have this id? */
static int
case_is(const struct run *R, const struct kase *k, const char *id,
    size_t len)
{
	return k->idlen == len && memcmp(case_id(R, k), id, len) == 0;
}

/* Double the case index (or start it). */
static int
case_index_grow(struct run *R, struct err *e)
{
	size_t ns = R->ncslot ? R->ncslot * 2 : 1 << 14, i, j;
	uint64_t *slot = calloc(ns, sizeof *slot);

	if (slot == NULL)
		return err_nomem(e);
	for (i = 0; i < R->ncslot; i++) {
		uint64_t v = R->cslot[i];
		const struct kase *k;
		if (v == 0)
			continue;
		k = &R->cases[(v & 0xffffffffu) - 1];
		for (j = hash_bytes(case_id(R, k), k->idlen) & (ns - 1);
		    slot[j] != 0; j = (j + 1) & (ns - 1))
			;
		slot[j] = v;
	}
	free(R->cslot);
	R->cslot = slot;
	R->ncslot = ns;
	return 0;
}

/*
 * The number of the case with this id (hash h), added if new.  Returns
 * the number, or -1 with *e set.
 */
static long
case_get(struct run *R, uint64_t h, const char *id, size_t len,
    struct err *e)
{
	uint64_t frag = h >> 32 << 32;
	size_t j;
	long i;

	if ((R->ncases + 1) * 2 > R->ncslot && case_index_grow(R, e) < 0)
		return -1;
	for (j = h & (R->ncslot - 1); R->cslot[j] != 0;
	    j = (j + 1) & (R->ncslot - 1)) {
		uint64_t v = R->cslot[j];
		if ((v & ~(uint64_t)0xffffffffu) == frag &&
		    case_is(R, &R->cases[(v & 0xffffffffu) - 1], id, len))
			return (long)(v & 0xffffffffu) - 1;
	}
	if ((i = case_new(R, id, len, e)) < 0)
		return -1;
	R->cslot[j] = frag | ((uint64_t)i + 1);
	return i;
}

/* Hold an open case until the as-of time is known. */
static int
hold(struct run *R, const struct kase *k, const char *id, size_t idlen,
    struct err *e)
{
	long i = case_new(R, id, idlen, e);
	struct kase *dst;
	uint32_t l;
	char idcopy[sizeof dst->id];

	if (i < 0)
		return -1;
	dst = &R->cases[i];
	l = dst->idlen;
	memcpy(idcopy, &dst->id, sizeof idcopy);
	*dst = *k;
	memcpy(&dst->id, idcopy, sizeof idcopy);
	dst->idlen = l;
	return 0;
}

/* A complete case (sorted or wide input): settle it now or hold it. */
static int
done_case(struct run *R, const struct kase *k, const char *id, size_t idlen,
    struct err *e)
{
	if (!R->as_of_known && !(k->flags & F_CANCEL) && k->nclose == 0)
		return hold(R, k, id, idlen, e);
	return settle(R, &R->a, k, id, idlen, e);
}

static void
acc_free(struct acc *A)
{
	size_t i;

	for (i = 0; i < A->groups.n; i++) {
		free(GRP(A, i)->dur.v);
		free(GRP(A, i)->cen.v);
		free(GRP(A, i)->hd);
		free(GRP(A, i)->hc);
	}
	groups_free(&A->groups);
	free(A->issues.data);
	free(A->late.data);
	memset(A, 0, sizeof *A);
}

static int
uvec_append(struct uvec *d, const struct uvec *s, struct err *e)
{
	if (s->n == 0)
		return 0;
	if (grow_array((void **)&d->v, &d->cap, d->n + s->n, sizeof *d->v) < 0)
		return err_nomem(e);
	memcpy(d->v + d->n, s->v, s->n * sizeof *s->v);
	d->n += s->n;
	return 0;
}

/* Add the groups and counts of B into A. */
static int
acc_merge(struct acc *A, const struct acc *B, struct err *e)
{
	size_t i;
	int c;

	for (i = 0; i < B->groups.n; i++) {
		const struct grp *b = GRP(B, i);
		struct grp *a;
		if (groups_get(&A->groups, b->key.tuple, b->key.period,
		    (void **)&a, e) < 0)
			return -1;
		for (c = 0; c < G_NCOUNT; c++)
			a->c[c] += b->c[c];
		if (uvec_append(&a->dur, &b->dur, e) < 0 ||
		    uvec_append(&a->cen, &b->cen, e) < 0)
			return -1;
	}
	A->cases += B->cases;
	A->closed += B->closed;
	A->open += B->open;
	A->cancelled += B->cancelled;
	A->invalid += B->invalid;
	A->outside += B->outside;
	A->written += B->written;
	return 0;
}

/* A share of the held cases, settled on a thread of its own. */
struct share {
	struct run *R;
	struct acc acc;
	size_t from, to;
	struct err e;
	int rc;
};

static int
settle_range(struct run *R, struct acc *A, size_t from, size_t to,
    struct err *e)
{
	size_t i;

	for (i = from; i < to; i++)
		if (settle(R, A, &R->cases[i], case_id(R, &R->cases[i]),
		    R->cases[i].idlen, e) < 0)
			return -1;
	return 0;
}

static void *
settle_share(void *arg)
{
	struct share *sh = arg;

	sh->rc = settle_range(sh->R, &sh->acc, sh->from, sh->to, &sh->e);
	return NULL;
}

/*
 * Settle every held case, in the order they were held.  Without case
 * rows to write in order, many cases are shared with a second thread;
 * the counts and durations are the same (durations are sorted later).
 */
static int
settle_held(struct run *R, struct err *e)
{
	struct share sh;
	pthread_t th;
	int rc;

	if (R->write_cases || R->ncases < 100000)
		return settle_range(R, &R->a, 0, R->ncases, e);
	memset(&sh, 0, sizeof sh);
	groups_init(&sh.acc.groups, sizeof (struct grp));
	sh.R = R;
	sh.from = R->ncases / 2;
	sh.to = R->ncases;
	if (pthread_create(&th, NULL, settle_share, &sh) != 0)
		return settle_range(R, &R->a, 0, R->ncases, e);
	rc = settle_range(R, &R->a, 0, sh.from, e);
	pthread_join(th, NULL);
	if (rc == 0 && sh.rc < 0) {
		*e = sh.e;
		rc = -1;
	}
	if (rc == 0)
		rc = acc_merge(&R->a, &sh.acc, e);
	acc_free(&sh.acc);
	return rc;
}

/* ---- reading ---- */

/* Bytewise order: <0, 0, >0 as a is before, equal to, after b. */
static int
cmp_bytes(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);

	return c ? c : (al > bl) - (al < bl);
}

static int
all_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

/*
 * Numeric order: ids of digits only by value (then bytewise, so 007 comes
 * before 7), every other id bytewise, and these either after the numbers
 * (digits_first) or before them, as sort -n puts them.  A total order, as
 * the check of --sorted needs.
 */
static int
cmp_numeric(const char *a, size_t al, const char *b, size_t bl,
    int digits_first)
{
	int da = all_digits(a, al), db = all_digits(b, bl);
	const char *x = a, *y = b;
	size_t xl = al, yl = bl;

	if (da != db)
		return da == digits_first ? -1 : 1;
	if (!da)
		return cmp_bytes(a, al, b, bl);
	while (xl > 1 && *x == '0') {
		x++;
		xl--;
	}
	while (yl > 1 && *y == '0') {
		y++;
		yl--;
	}
	if (xl != yl)
		return xl < yl ? -1 : 1;
	if (memcmp(x, y, xl) != 0)
		return memcmp(x, y, xl);
	return cmp_bytes(a, al, b, bl);
}

/*
 * Is the new id b after a, the id before it, in an order the input has
 * kept so far?  Sorted input is in bytewise order (sort with LC_ALL=C) or
 * in a numeric one (sort -n, or numbers first); R->id_orders holds the
 * ones still possible (1 bytewise, 2 numbers first, 4 numbers last), so
 * that the whole input keeps one of them: mixing them could bring an id
 * back after others.
 */
static int
id_after(struct run *R, const char *a, size_t al, const char *b, size_t bl)
{
	int ok = 0;

	if (cmp_bytes(a, al, b, bl) < 0)
		ok |= 1;
	if (cmp_numeric(a, al, b, bl, 1) < 0)
		ok |= 2;
	if (cmp_numeric(a, al, b, bl, 0) < 0)
		ok |= 4;
	R->id_orders &= ok;
	return R->id_orders != 0;
}

/*
 * Pack what a row gives its case into b (from its end): the case id, the
 * group values, the category, each behind a 4-byte length; the group
 * values (a tuple, core/group.h) together behind the length of them all.
 */
static int
pack_row(struct run *R, const struct csv_record *rec, struct buf *b,
    struct err *e)
{
	size_t need = 16 + rec->len[R->idcol], at, tl;
	uint32_t l;
	char *p;

	tl = tuple_size(rec, R->bycol, R->o->nby);
	if (tl == (size_t)-1)
		return errf(e, ERR_DATA, "a row of more than 4 GiB");
	need += tl;
	if (R->catcol != NO_COL)
		need += rec->len[R->catcol];
	if (need > UINT32_MAX)
		return errf(e, ERR_DATA, "a row of more than 4 GiB");
	if (buf_reserve(b, need) < 0)
		return err_nomem(e);
	p = b->data + b->len;
#define PUT(s, n) do { l = (uint32_t)(n); memcpy(p, &l, 4); \
	memcpy(p + 4, (s), l); p += 4 + l; } while (0)
	PUT(rec->field[R->idcol], rec->len[R->idcol]);
	at = (size_t)(p - b->data);
	/* The group values: a tuple (group.h) behind its length. */
	p = tuple_write(p + 4, rec, R->bycol, R->o->nby);
	l = (uint32_t)tl;
	memcpy(b->data + at, &l, 4);
	if (R->catcol != NO_COL)
		PUT(rec->field[R->catcol], rec->len[R->catcol]);
	else
		PUT("", 0);
#undef PUT
	b->len = (size_t)(p - b->data);
	return 0;
}

/* The pieces of a packed row. */
struct packed {
	const char *id, *key, *cat;
	size_t idlen, keylen, catlen;
};

static void
unpack(const char *p, struct packed *u)
{
	uint32_t l;

	memcpy(&l, p, 4);
	u->id = p + 4;
	u->idlen = l;
	p += 4 + l;
	memcpy(&l, p, 4);
	u->key = p + 4;
	u->keylen = l;
	p += 4 + l;
	memcpy(&l, p, 4);
	u->cat = p + 4;
	u->catlen = l;
}

/* The stage a word names, through a small cache of the words seen. */
static enum stage
stage_of(struct run *R, const char *w, size_t len)
{
	enum stage st;
	size_t h;

	if (len == 0 || len > sizeof R->scache[0].w)
		return stage_lookup(R->o->smap, w, len);
	h = hash_bytes(w, len) & (sizeof R->scache / sizeof R->scache[0] - 1);
	if (R->scache[h].len == len && memcmp(R->scache[h].w, w, len) == 0)
		return (enum stage)R->scache[h].st;
	st = stage_lookup(R->o->smap, w, len);
	if (st != ST_UNKNOWN) {
		R->scache[h].len = len;
		memcpy(R->scache[h].w, w, len);
		R->scache[h].st = st;
	}
	return st;
}

/*
 * Read one long-form record into *ev, its values packed at the end of b.
 * Returns 1 for a step to apply, 0 for one after --as-of, -1 for a bad
 * record (*e set).
 */
static int
long_parse(struct run *R, struct csvr *r, const struct csv_record *rec,
    struct ev *ev, struct buf *b, struct err *e)
{
	const struct caseflow_opts *o = R->o;
	enum stage s;
	int rc;

	if (csvr_check_width(r, rec, e) < 0 || not_totals(R, r, rec, e) < 0)
		return -1;
	if (rec->len[R->idcol] == 0)
		return csvr_bad_value(r, rec, R->idcol, "is empty: every row needs "
		    "a case id", e);
	s = stage_of(R, rec->field[R->stagecol], rec->len[R->stagecol]);
	if (s == ST_UNKNOWN)
		return csvr_bad_value(r, rec, R->stagecol, "is not a stage (report, "
		    "file, dispatch, handle, feedback, verify, close, rework, "
		    "suspend, resume, extend, return, cancel, their Chinese "
		    "names, or a word from --stage-map)", e);
	rc = time_field(R, r, rec, R->atcol, &ev->t, e);
	if (rc < 0)
		return -1;
	if (rc > 0)
		return csvr_bad_value(r, rec, R->atcol, "is empty: every step needs "
		    "a time", e);
	ev->due = T_NONE;
	if (R->duecol != NO_COL &&
	    time_field(R, r, rec, R->duecol, &ev->due, e) < 0)
		return -1;
	if (callbacks(R, r, rec, &ev->cb, e) < 0)
		return -1;
	if (o->as_of_set && abs_time(R, ev->t) > o->as_of) {
		R->st->after_as_of++;
		return 0;
	}
	ev->stage = (uint8_t)s;
	ev->off = b->len;
	if (pack_row(R, rec, b, e) < 0)
		return -1;
	return 1;
}

/* Apply a step to its case. */
static int
apply_event(struct run *R, struct kase *k, const struct ev *ev,
    const struct packed *u, struct err *e)
{
	apply_stage(k, (enum stage)ev->stage, ev->t);
	note_time(R, ev->t);
	if (ev->due != T_NONE && k->due == T_NONE)
		k->due = ev->due;
	merge_callbacks(k, ev->cb);
	if (merge_tuple(R, k, u->key, u->keylen, e) < 0 ||
	    merge_category(R, k, u->cat, u->catlen, e) < 0)
		return -1;
	R->st->applied++;
	return 0;
}

/*
 * Applying a batch of steps (long form, unsorted) goes in passes, so that
 * the memory each step needs is fetched while others are worked on: the
 * ids are hashed and their index slots prefetched; the slots give a
 * likely case, which is prefetched; then the work itself checks every id
 * and finds or adds the case.
 *
 * Pass 0: hash the ids and prefetch their index slots.
 */
static void
hash_batch(struct run *R, struct batch *bt)
{
	size_t i, mask = R->ncslot ? R->ncslot - 1 : 0;
	struct packed u;

	for (i = 0; i < bt->n; i++) {
		unpack(bt->arena.data + bt->ev[i].off, &u);
		bt->ev[i].h = hash_bytes(u.id, u.idlen);
		if (R->ncslot)
			__builtin_prefetch(&R->cslot[bt->ev[i].h & mask]);
	}
	bt->hashed = 1;
}

/*
 * Apply batch bt; nxt, the batch after it when there is one already, gets
 * its pass 0 in the middle, so that bt's prefetched cases have time to
 * arrive and nxt's slots are on their way.
 */
static int
apply_batch(struct run *R, struct batch *bt, struct batch *nxt,
    struct err *e)
{
	size_t i, j, mask = R->ncslot ? R->ncslot - 1 : 0;
	struct packed u;
	long c;

	if (!bt->hashed)
		hash_batch(R, bt);
	for (i = 0; i < bt->n; i++) {
		struct ev *ev = &bt->ev[i];
		uint64_t frag = ev->h >> 32 << 32;
		ev->cand = NO_ID;
		if (R->ncslot == 0)
			continue;
		for (j = ev->h & mask; R->cslot[j] != 0; j = (j + 1) & mask)
			if ((R->cslot[j] & ~(uint64_t)0xffffffffu) == frag) {
				ev->cand = (uint32_t)(R->cslot[j] &
				    0xffffffffu) - 1;
				/* A case spans two cache lines: fetch
				 * both. */
				__builtin_prefetch(&R->cases[ev->cand], 1);
				__builtin_prefetch((const char *)&R->cases[
				    ev->cand] + sizeof *R->cases - 1, 1);
				break;
			}
	}
	if (nxt != NULL)
		hash_batch(R, nxt);
	for (i = 0; i < bt->n; i++) {
		struct ev *ev = &bt->ev[i];
		unpack(bt->arena.data + ev->off, &u);
		if (ev->cand != NO_ID &&
		    case_is(R, &R->cases[ev->cand], u.id, u.idlen))
			c = (long)ev->cand;
		else if ((c = case_get(R, ev->h, u.id, u.idlen, e)) < 0)
			return -1;
		if (apply_event(R, &R->cases[c], ev, &u, e) < 0)
			return -1;
	}
	return 0;
}

/* Apply a batch of steps of input ordered by case id (--sorted). */
static int
apply_sorted(struct run *R, struct batch *bt, struct err *e)
{
	struct packed u;
	size_t i;

	for (i = 0; i < bt->n; i++) {
		struct ev *ev = &bt->ev[i];
		unpack(bt->arena.data + ev->off, &u);
		if (R->have_cur && (u.idlen != R->curid.len ||
		    memcmp(u.id, R->curid.data, u.idlen) != 0)) {
			char q1[160], q2[160];
			if (!id_after(R, R->curid.data, R->curid.len, u.id,
			    u.idlen))
				return errf(e, ERR_DATA, "%s:%ld: --sorted "
				    "input must be ordered by case id: %s "
				    "comes after %s", bt->name,
				    ev->line, quote_value(q1, sizeof q1, u.id,
					u.idlen), quote_value(q2, sizeof q2,
					R->curid.data, R->curid.len));
			if (done_case(R, &R->cur, R->curid.data, R->curid.len,
			    e) < 0)
				return -1;
			R->have_cur = 0;
		}
		if (!R->have_cur) {
			kase_init(&R->cur);
			R->curid.len = 0;
			if (buf_append(&R->curid, u.id, u.idlen) < 0)
				return err_nomem(e);
			R->have_cur = 1;
		}
		if (apply_event(R, &R->cur, ev, &u, e) < 0)
			return -1;
	}
	return 0;
}

/* The worker thread: apply batches in order until told there are none. */
static void *
worker_main(void *arg)
{
	struct run *R = arg;
	struct err e = {0};

	for (;;) {
		struct batch *bt, *nxt;
		int rc;

		pthread_mutex_lock(&R->mu);
		while (R->rcount == 0 && !R->rdone && !R->rstop)
			pthread_cond_wait(&R->cv, &R->mu);
		if (R->rstop || R->rcount == 0) {
			pthread_mutex_unlock(&R->mu);
			break;
		}
		bt = &R->ring[R->rhead];
		/* The next batch, once handed over, is the worker's too. */
		nxt = R->rcount > 1 ? &R->ring[(R->rhead + 1) % NRING] : NULL;
		pthread_mutex_unlock(&R->mu);
		rc = R->o->sorted ? apply_sorted(R, bt, &e) :
		    apply_batch(R, bt, nxt, &e);
		pthread_mutex_lock(&R->mu);
		if (rc < 0) {
			R->rerr = e;
			R->rfail = 1;
		} else {
			R->rhead = (R->rhead + 1) % NRING;
			R->rcount--;
		}
		pthread_cond_broadcast(&R->cv);
		pthread_mutex_unlock(&R->mu);
		if (rc < 0)
			break;
	}
	return NULL;
}

/*
 * Hand the batch being filled to the worker (if it holds anything) and
 * take the next free one.  Returns 0, or -1 with the worker's error in *e.
 */
static int
hand_over(struct run *R, struct err *e)
{
	int rc = 0;

	pthread_mutex_lock(&R->mu);
	if (R->fill != NULL && R->fill->n > 0) {
		R->rcount++;
		pthread_cond_broadcast(&R->cv);
	}
	while (R->rcount == NRING && !R->rfail)
		pthread_cond_wait(&R->cv, &R->mu);
	if (R->rfail) {
		*e = R->rerr;
		rc = -1;
	} else {
		R->fill = &R->ring[(R->rhead + R->rcount) % NRING];
		R->fill->n = 0;
		R->fill->hashed = 0;
		R->fill->arena.len = 0;
		R->fill->name = R->nnames ? R->names[R->nnames - 1] : "";
	}
	pthread_mutex_unlock(&R->mu);
	return rc;
}

/*
 * Before stopping on a bad record: hand over what was read, wait for the
 * worker to apply it, and if it failed, put its error (on an earlier
 * line) in *e instead.
 */
static void
worker_drain(struct run *R, struct err *e)
{
	if (!R->worker_on)
		return;
	pthread_mutex_lock(&R->mu);
	if (R->fill != NULL && R->fill->n > 0 && !R->rfail)
		R->rcount++;
	R->fill = NULL;
	pthread_cond_broadcast(&R->cv);
	while (R->rcount > 0 && !R->rfail)
		pthread_cond_wait(&R->cv, &R->mu);
	if (R->rfail)
		*e = R->rerr;
	pthread_mutex_unlock(&R->mu);
}

/* Start the worker. */
static int
worker_start(struct run *R, struct err *e)
{
	if (pthread_mutex_init(&R->mu, NULL) != 0)
		return errf(e, ERR_NOMEM, "cannot make a mutex");
	if (pthread_cond_init(&R->cv, NULL) != 0) {
		pthread_mutex_destroy(&R->mu);
		return errf(e, ERR_NOMEM, "cannot make a condition variable");
	}
	if (pthread_create(&R->worker, NULL, worker_main, R) != 0) {
		pthread_cond_destroy(&R->cv);
		pthread_mutex_destroy(&R->mu);
		return errf(e, ERR_NOMEM, "cannot start a thread");
	}
	R->worker_on = 1;
	return 0;
}

/*
 * Stop the worker: after the batches handed over (finish set) or at once.
 * Returns 0, or -1 with the worker's error in *e.
 */
static int
worker_stop(struct run *R, int finish, struct err *e)
{
	int rc = 0;

	if (!R->worker_on)
		return 0;
	pthread_mutex_lock(&R->mu);
	if (finish && R->fill != NULL && R->fill->n > 0 && !R->rfail)
		R->rcount++;
	R->fill = NULL;
	R->rdone = 1;
	if (!finish)
		R->rstop = 1;
	pthread_cond_broadcast(&R->cv);
	pthread_mutex_unlock(&R->mu);
	pthread_join(R->worker, NULL);
	R->worker_on = 0;
	if (finish && R->rfail) {
		*e = R->rerr;
		rc = -1;
	}
	pthread_cond_destroy(&R->cv);
	pthread_mutex_destroy(&R->mu);
	return rc;
}

/*
 * One long-form record: parsed into the batch being filled.  Returns 0,
 * -1 for a bad record, -2 when the worker has failed (*e set).
 */
static int
long_record(struct run *R, struct csvr *r, const struct csv_record *rec,
    struct err *e)
{
	struct batch *bt = R->fill;
	struct ev *ev = &bt->ev[bt->n];
	int rc;

	rc = long_parse(R, r, rec, ev, &bt->arena, e);
	if (rc <= 0)
		return rc;
	ev->line = rec->line;
	if (++bt->n == BATCH && hand_over(R, e) < 0)
		return -2;
	return 0;
}

/*
 * The wide form's rework count (--rework): a whole number of at least 0;
 * empty is 0, as spreadsheets leave zeros blank.  A count past 65535
 * saturates and marks the case, as too many steps do in long form.
 */
static int
rework_field(struct run *R, struct csvr *r, const struct csv_record *rec,
    struct kase *k, struct err *e)
{
	const char *s = rec->field[R->reworkcol];
	size_t len = rec->len[R->reworkcol];
	double v;

	trim_blanks(&s, &len);
	if (len == 0)
		return 0;
	if (parse_num(s, len, &v) != NUM_OK || !(v >= 0) || v != floor(v))
		return csvr_bad_value(r, rec, R->reworkcol, "is not a whole number "
		    "of reworks (0 or more)", e);
	if (v > UINT16_MAX) {
		k->nrework = UINT16_MAX;
		k->flags |= F_SATURATED;
	} else {
		k->nrework = (uint16_t)v;
	}
	return 0;
}

/* One wide-form record: a whole case. */
static int
wide_record(struct run *R, struct csvr *r, const struct csv_record *rec,
    struct err *e)
{
	const struct caseflow_opts *o = R->o;
	struct packed u;
	struct kase k;
	int32_t t;
	uint8_t cb;
	int s, rc, ntimes;

	if (csvr_check_width(r, rec, e) < 0 || not_totals(R, r, rec, e) < 0)
		return -1;
	if (rec->len[R->idcol] == 0)
		return csvr_bad_value(r, rec, R->idcol, "is empty: every row needs "
		    "a case id", e);
	kase_init(&k);
	ntimes = 0;
	for (s = 0; s < CF_NCHAIN; s++) {
		if (R->tcol[s] == NO_COL)
			continue;
		rc = time_field(R, r, rec, R->tcol[s], &t, e);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			k.t[s] = t;
			ntimes++;
		}
	}
	/* A row without a single stage time cannot be placed in time or
	 * judged: a totals or note row, not an open case. */
	if (ntimes == 0)
		return csvr_bad_value(r, rec, R->idcol, "has no time in any stage "
		    "column: not a case", e);
	if (R->duecol != NO_COL &&
	    time_field(R, r, rec, R->duecol, &k.due, e) < 0)
		return -1;
	if (callbacks(R, r, rec, &cb, e) < 0)
		return -1;
	if (o->as_of_set) {
		/* What happened after the as-of time has not happened yet. */
		if (k.t[ST_REPORT] != T_NONE &&
		    abs_time(R, k.t[ST_REPORT]) > o->as_of) {
			R->st->after_as_of++;
			return 0;
		}
		int had = 0, left = 0;
		for (s = 0; s < CF_NCHAIN; s++) {
			had += k.t[s] != T_NONE;
			if (k.t[s] != T_NONE && abs_time(R, k.t[s]) > o->as_of)
				k.t[s] = T_NONE;
			left += k.t[s] != T_NONE;
		}
		/* No report, and nothing before the as-of time: later. */
		if (had > 0 && left == 0) {
			R->st->after_as_of++;
			return 0;
		}
	}
	for (s = 0; s < CF_NCHAIN; s++)
		if (k.t[s] != T_NONE) {
			note_time(R, k.t[s]);
			if (s == ST_REPORT)
				k.nreport = 1;
			else if (s == ST_CLOSE)
				k.nclose = 1;
			else if (s == ST_DISPATCH)
				k.ndispatch = 1;
		}
	k.cb = cb;
	if (R->statuscol != NO_COL) {
		const char *v = rec->field[R->statuscol];
		size_t vl = rec->len[R->statuscol];
		trim_blanks(&v, &vl);
		if (meaning_of(R, VR_STATUS, v, vl) == M_CANCELLED)
			k.flags |= F_CANCEL;
	}
	if (R->reworkcol != NO_COL && rework_field(R, r, rec, &k, e) < 0)
		return -1;
	R->pack.len = 0;
	if (pack_row(R, rec, &R->pack, e) < 0)
		return -1;
	unpack(R->pack.data, &u);
	if (merge_tuple(R, &k, u.key, u.keylen, e) < 0 ||
	    merge_category(R, &k, u.cat, u.catlen, e) < 0)
		return -1;
	R->st->applied++;
	return done_case(R, &k, u.id, u.idlen, e);
}

/* Find a column; a default one that is absent gives NO_COL. */
static int
find_col(struct csvr *r, const char *spec, int required, size_t *idx,
    struct err *e)
{
	if (spec == NULL) {
		*idx = NO_COL;
		return 0;
	}
	if (csvr_column(r, spec, idx, e) == 0)
		return 0;
	if (required)
		return -1;
	*idx = NO_COL;
	e->kind = ERR_NONE;
	e->msg[0] = '\0';
	return 0;
}

/*
 * Give each --value-map word its role: the column it names is a role
 * (contacted ...) or the input column of one.  A word for no column in
 * use, or whose meaning does not fit its column, stops the run: such a
 * map would change nothing, silently.
 */
static int
value_roles(struct run *R, struct csvr *r, struct err *e)
{
	const struct value_map *m = R->o->vmap;
	const struct csv_record *h = csvr_header(r);
	size_t i, col;
	int k;
	char q[80];

	if (m == NULL)
		return 0;
	if (m->n > 0 && (R->vrole = calloc(m->n, sizeof *R->vrole)) == NULL)
		return err_nomem(e);
	for (i = 0; i < m->n; i++) {
		const struct value_word *w = &m->w[i];
		R->vrole[i] = -1;
		for (k = 0; k < VR_COUNT && R->vrole[i] < 0; k++) {
			col = k == VR_STATUS ? R->statuscol : R->cbcol[k];
			if (strcmp(w->column, value_role_name(
			    (enum value_role)k)) == 0 || (col != NO_COL &&
			    h->len[col] == strlen(w->column) &&
			    memcmp(h->field[col], w->column, h->len[col]) == 0))
				R->vrole[i] = k;
		}
		k = R->vrole[i];
		if (k < 0 || (k == VR_STATUS ? R->statuscol : R->cbcol[k]) ==
		    NO_COL)
			return errf(e, ERR_DATA, "%s:%ld: column \"column\": %s "
			    "names no column in use (contacted, resolved, "
			    "satisfaction or status, or the column given to "
			    "--contacted, --resolved, --satisfaction or --status)",
			    m->path, w->line, quote_value(q, sizeof q,
				w->column, strlen(w->column)));
		if (!value_meaning_fits((enum value_role)k, w->meaning))
			return errf(e, ERR_DATA, "%s:%ld: column \"meaning\": "
			    "the meaning of %s does not fit the %s column (%s)",
			    m->path, w->line, quote_value(q, sizeof q,
				w->value, strlen(w->value)),
			    value_role_name((enum value_role)k),
			    k == VR_SATISFACTION ? "satisfied, basically or "
			    "unsatisfied" : k == VR_STATUS ? "cancelled" :
			    "yes or no");
	}
	return 0;
}

static int
resolve_columns(struct run *R, struct csvr *r, struct err *e)
{
	const struct caseflow_opts *o = R->o;
	int i;

	if (find_col(r, o->id_col, 1, &R->idcol, e) < 0)
		return -1;
	if (o->wide) {
		for (i = 0; i < CF_NCHAIN; i++) {
			int req = o->stage_cols_given[i] || i == ST_REPORT ||
			    i == ST_CLOSE;
			if (find_col(r, o->stage_cols[i], req, &R->tcol[i], e)
			    < 0)
				return -1;
			R->have[i] = R->tcol[i] != NO_COL;
		}
		R->have_side = 0;
		R->stagecol = R->atcol = NO_COL;
		if (find_col(r, o->status_col, o->status_given,
		    &R->statuscol, e) < 0 ||
		    find_col(r, o->rework_col, 1, &R->reworkcol, e) < 0)
			return -1;
	} else {
		if (find_col(r, o->stage_col, 1, &R->stagecol, e) < 0 ||
		    find_col(r, o->at_col, 1, &R->atcol, e) < 0)
			return -1;
		for (i = 0; i < CF_NCHAIN; i++)
			R->have[i] = 1;
		R->have_side = 1;
		R->statuscol = R->reworkcol = NO_COL;
	}
	if (find_col(r, o->due_col, o->due_given, &R->duecol, e) < 0)
		return -1;
	if (!o->wide && !o->due_given)
		R->duecol = NO_COL;
	if (find_col(r, o->rules ? o->category_col : NULL, o->category_given,
	    &R->catcol, e)
	    < 0)
		return -1;
	if (o->nby > 0 && (R->bycol = calloc((size_t)o->nby,
	    sizeof *R->bycol)) == NULL)
		return err_nomem(e);
	for (i = 0; i < o->nby; i++)
		if (find_col(r, o->by[i], 1, &R->bycol[i], e) < 0)
			return -1;
	for (i = 0; i < CB_COUNT; i++)
		if (find_col(r, o->cb_cols[i], 1, &R->cbcol[i], e) < 0)
			return -1;
	return value_roles(R, r, e);
}

/* The header name of --by column j (as the input spells it, also when
 * the option gave a position). */
static int
by_name(struct run *R, int j, struct err *e)
{
	size_t c = R->bycol[j];

	return csvw_field(R->out, R->head->field[c], R->head->len[c], e);
}

static int
write_case_header(struct run *R, struct err *e)
{
	const char *const *names = R->o->lang_zh ? casecol_zh : casecol_en;
	int i;

	for (i = 0; i < C_NCOL; i++) {
		if ((i == C_CLOSE_WH && R->o->cal == NULL) ||
		    (i == C_LATE && !R->stage_rules))
			continue;
		if (csvw_str(R->out, names[i], e) < 0)
			return -1;
		if (i == C_ID)
			for (int j = 0; j < R->o->nby; j++)
				if (by_name(R, j, e) < 0)
					return -1;
	}
	return csvw_end(R->out, e);
}

/* Resolve the columns and write the headers, from the first file's. */
static int
begin(struct run *R, struct csvin *in, struct err *e)
{
	struct csvr *r = csvin_reader(in);
	const struct csv_record *h = csvin_header(in);

	if (resolve_columns(R, r, e) < 0)
		return -1;
	R->head = h;
	/* The reject file's header: the input's, "error" and "line". */
	if (R->rej != NULL && csvw_reject_header(R->rej, h, e) < 0)
		return -1;
	if (R->write_cases && write_case_header(R, e) < 0)
		return -1;
	return 0;
}

/* The records of the file r reads. */
static int
read_file(struct run *R, struct csvr *r, struct err *e)
{
	struct csv_record *rec;
	int got;

	if (grow_array((void **)&R->names, &R->capnames, (size_t)R->nnames + 1,
	    sizeof *R->names) < 0 || (R->names[R->nnames] =
	    str_ndup(csvr_name(r), strlen(csvr_name(r)))) == NULL)
		return err_nomem(e);
	R->nnames++;
	if (R->fill != NULL)
		R->fill->name = R->names[R->nnames - 1];
	while ((got = csvr_next(r, &rec, e)) > 0) {
		int brc;
		R->st->read++;
		brc = R->o->wide ? wide_record(R, r, rec, e) :
		    long_record(R, r, rec, e);
		if (brc == -1 && (e->kind != ERR_DATA || R->rej == NULL ||
		    csvw_reject_bad(R->rej, rec, &R->st->rejected, e) < 0)) {
			/* The worker may hold an earlier error (a --sorted
			 * order): that one is the first, and wins. */
			worker_drain(R, e);
			return -1;
		}
		if (brc == -2)
			return -1;
	}
	if (got < 0)
		return -1;
	/* A batch holds the steps of one file, for the worker's messages. */
	if (R->fill != NULL && hand_over(R, e) < 0)
		return -1;
	return 0;
}

/* Every file of the input, in order. */
static int
read_input(struct run *R, struct csvin *in, struct err *e)
{
	int more;

	do {
		if (read_file(R, csvin_reader(in), e) < 0)
			return -1;
	} while ((more = csvin_next_file(in, e)) > 0);
	return more;
}

/* ---- the summary ---- */

static double
ratio(uint64_t num, uint64_t den)
{
	return den == 0 ? NAN : (double)num / (double)den;
}

/* Sort x[0..n-1] ascending: least significant byte first.  -1 if out of
 * memory. */
static int
radix_sort(uint32_t *x, size_t n)
{
	uint32_t *tmp, *src = x, *dst;
	size_t count[256], i;
	int shift;

	if (n < 2)
		return 0;
	if ((tmp = malloc(n * sizeof *tmp)) == NULL)
		return -1;
	dst = tmp;
	for (shift = 0; shift < 32; shift += 8) {
		size_t sum = 0;
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[(src[i] >> shift) & 0xff]++;
		if (count[(src[0] >> shift) & 0xff] == n)
			continue; /* every key has this byte: nothing moves */
		for (i = 0; i < 256; i++) {
			size_t c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xff]++] = src[i];
		{
			uint32_t *t = src;
			src = dst;
			dst = t;
		}
	}
	if (src != x)
		memcpy(x, src, n * sizeof *x);
	free(tmp);
	return 0;
}

/* Sorted hours from seconds; the seconds are freed. */
static double *
to_hours(struct uvec *u)
{
	double *h = malloc((u->n ? u->n : 1) * sizeof *h);
	size_t i;

	if (h == NULL || radix_sort(u->v, u->n) < 0) {
		free(h);
		return NULL;
	}
	/* Division by 3600 keeps the order: h comes out sorted. */
	for (i = 0; i < u->n; i++)
		h[i] = u->v[i] / 3600.0;
	free(u->v);
	u->v = NULL;
	return h;
}

/* Make the group's durations in hours, sorted. */
static int
group_hours(struct grp *g, struct err *e)
{
	if ((g->hd = to_hours(&g->dur)) == NULL ||
	    (g->hc = to_hours(&g->cen)) == NULL)
		return err_nomem(e);
	return 0;
}

/* Every summary column of group g, NaN for empty. */
static void
summary_values(struct run *R, struct grp *g, double *v)
{
	const uint64_t *c = g->c;
	const struct caseflow_opts *o = R->o;
	double *d = g->hd;
	size_t n = g->dur.n;
	int i;

	for (i = 0; i < S_NCOL; i++)
		v[i] = NAN;
	v[S_RECEIVED] = (double)c[G_RECEIVED];
	if (R->have[ST_FILE]) {
		v[S_FILED] = (double)c[G_FILED];
		v[S_FILING_RATE] = ratio(c[G_FILED], c[G_RECEIVED]);
	}
	if (R->have[ST_DISPATCH]) {
		v[S_DISPATCHED] = (double)c[G_DISPATCHED];
		if (R->have_side && c[G_DISPATCHES] > 0)
			v[S_DISPATCH_ACC] = 1 - ratio(c[G_RETURNS],
			    c[G_DISPATCHES]);
	}
	if (R->have[ST_DISPATCH] && c[G_DDUE] > 0)
		v[S_DISPATCH_ONTIME] = ratio(c[G_DONTIME], c[G_DDUE]);
	if (R->have[ST_HANDLE] && c[G_HDUE] > 0)
		v[S_HANDLING_ONTIME] = ratio(c[G_HONTIME], c[G_HDUE]);
	if (R->have[ST_DISPATCH] && R->have[ST_HANDLE] && c[G_HBASE] > 0)
		v[S_HANDLING_RATE] = ratio(c[G_HDONE], c[G_HBASE]);
	if (R->have[ST_HANDLE]) {
		v[S_HANDLED] = (double)c[G_HANDLED];
		if (R->have_side || R->reworkcol != NO_COL)
			v[S_REWORK_RATE] = ratio(c[G_REWORKED], c[G_HANDLED]);
	}
	v[S_DUE] = (double)c[G_DUE];
	v[S_CLOSED] = (double)c[G_CLOSED];
	v[S_CLOSURE_RATE] = ratio(c[G_CLOSED], c[G_DUE]);
	v[S_CLOSED_ON_TIME] = (double)c[G_ONTIME];
	v[S_NO_DEADLINE] = (double)c[G_NODL];
	/* 按期结案率: closed on time / due cases that have a deadline. */
	if (c[G_DUE] > c[G_NODL])
		v[S_ON_TIME_RATE] = ratio(c[G_ONTIME], c[G_DUE] - c[G_NODL]);
	if (R->have_side)
		v[S_EXTENSION_RATE] = ratio(c[G_EXTENDED], c[G_RECEIVED]);
	v[S_OPEN] = (double)c[G_OPEN];
	v[S_OVERDUE_OPEN] = (double)c[G_OVERDUE];
	v[S_CANCELLED] = (double)c[G_CANCELLED];
	v[S_INVALID] = (double)c[G_INVALID];
	if (n > 0) {
		v[S_MEAN] = stats_mean(d, n);
		v[S_SD] = stats_sd(d, n);
		v[S_P50] = stats_quantile(d, n, 0.5);
		v[S_P90] = stats_quantile(d, n, 0.9);
		v[S_P95] = stats_quantile(d, n, 0.95);
		v[S_MAX] = d[n - 1];
	}
	v[S_KM50] = km_quantile_sorted(d, n, g->hc, g->cen.n, 0.5);
	v[S_KM90] = km_quantile_sorted(d, n, g->hc, g->cen.n, 0.9);
	v[S_CALLBACKS] = (double)c[G_CALLBACKS];
	if (c[G_CALLBACKS] > 0) {
		double rate[CB_COUNT];
		rate[CB_CONTACTED] = ratio(c[G_CONTACTED], c[G_CALLBACKS]);
		rate[CB_RESOLVED] = ratio(c[G_RESOLVED], c[G_CALLBACKS]);
		rate[CB_SATISFACTION] = ((double)c[G_SATISFIED] +
		    0.9 * (double)c[G_BASIC]) / (double)c[G_CALLBACKS];
		if (o->cb_cols[CB_CONTACTED])
			v[S_RESPONSE] = rate[CB_CONTACTED];
		if (o->cb_cols[CB_RESOLVED])
			v[S_RESOLUTION] = rate[CB_RESOLVED];
		if (o->cb_cols[CB_SATISFACTION])
			v[S_SATISFACTION] = rate[CB_SATISFACTION];
		if (o->cb_cols[CB_CONTACTED] && o->cb_cols[CB_RESOLVED] &&
		    o->cb_cols[CB_SATISFACTION])
			v[S_SCORE] = 100 * (o->weights[0] * rate[0] +
			    o->weights[1] * rate[1] + o->weights[2] * rate[2]);
	}
	/* Nothing infinite reaches the output (huge weights): empty. */
	for (i = 0; i < S_NCOL; i++)
		if (isinf(v[i]))
			v[i] = NAN;
}

/* The statistics of groups [from, to), on a thread of their own. */
struct sumjob {
	struct run *R;
	double *vals;
	size_t from, to;
	int rc;
};

static void *
sum_share(void *arg)
{
	struct sumjob *j = arg;
	struct err e;
	size_t i;

	j->rc = 0;
	for (i = j->from; i < j->to; i++) {
		if (group_hours(GRP(&j->R->a, i), &e) < 0) {
			j->rc = -1;
			break;
		}
		summary_values(j->R, GRP(&j->R->a, i), j->vals + i * S_NCOL);
	}
	return NULL;
}

/*
 * Every group's summary values into vals (S_NCOL per group): the groups
 * are independent, so with many cases the second half goes to a thread.
 */
static int
summarise_groups(struct run *R, double *vals, struct err *e)
{
	struct sumjob a = {R, vals, 0, R->a.groups.n, 0}, b = a;
	pthread_t th;
	int threaded = 0;

	if (R->a.cases >= 100000 && R->a.groups.n > 1) {
		a.to = b.from = R->a.groups.n / 2;
		threaded = pthread_create(&th, NULL, sum_share, &b) == 0;
		if (!threaded)
			a.to = R->a.groups.n;
	}
	sum_share(&a);
	if (threaded)
		pthread_join(th, NULL);
	if (a.rc < 0 || (threaded && b.rc < 0))
		return err_nomem(e);
	return 0;
}

static int
has_callbacks(const struct caseflow_opts *o)
{
	return o->cb_cols[0] || o->cb_cols[1] || o->cb_cols[2];
}

/*
 * A group's label in a chart: its --by values and period joined by " / ".
 * An empty value is drawn as "(blank)" ("(空)" under --lang zh), never
 * left out or shown as "all": a bar of reports that fell in no district
 * must not read as the city's total.  "all" is only the label of the one
 * group of a run without --by and --period.
 */
static const char *
group_label(struct run *R, const struct grp *g, struct buf *b)
{
	const char *blank = R->o->lang_zh ? "(空)" : "(blank)";
	const char *p, *v;
	size_t len;
	char pb[32];
	int i;

	b->len = 0;
	if (R->tuples.n > 0) {
		p = intern_str(&R->tuples, g->key.tuple, &len);
		for (i = 0; i < R->o->nby; i++) {
			tuple_next(&p, &v, &len);
			if (len == 0) {
				v = blank;
				len = strlen(blank);
			}
			if ((i > 0 && buf_append(b, " / ", 3) < 0) ||
			    buf_append(b, v, len) < 0)
				return NULL;
		}
	}
	if (R->o->period != PERIOD_NONE) {
		const char *pl = pb;
		len = period_label(R->o->period, g->key.period, pb);
		if (len == 0) {
			pl = blank;
			len = strlen(blank);
		}
		if ((b->len && buf_append(b, " / ", 3) < 0) ||
		    buf_append(b, pl, len) < 0)
			return NULL;
	}
	if (R->o->nby == 0 && R->o->period == PERIOD_NONE &&
	    buf_append(b, "all", 3) < 0)
		return NULL;
	if (buf_append(b, "", 1) < 0)
		return NULL;
	return b->data;
}

static int
write_chart(struct run *R, double *vals, struct err *e)
{
	const struct caseflow_opts *o = R->o;
	struct buf lb = {0};
	char **labels = NULL;
	double *x = NULL;
	struct chart_series *ser = NULL;
	size_t i, col = 0, ng = R->a.groups.n;
	int rc = -1;

	labels = calloc(ng ? ng : 1, sizeof *labels);
	if (labels == NULL)
		goto nomem;
	for (i = 0; i < ng; i++) {
		if (group_label(R, GRP(&R->a, i), &lb) == NULL ||
		    (labels[i] = str_ndup(lb.data, lb.len - 1)) == NULL)
			goto nomem;
	}
	if (o->chart_rate != NULL) {
		for (col = 0; col < S_NCOL; col++)
			if (strcmp(o->chart_rate, sumcol[col].en) == 0 ||
			    strcmp(o->chart_rate, sumcol[col].zh) == 0)
				break;
		if ((x = calloc(ng ? ng : 1, sizeof *x)) == NULL)
			goto nomem;
		for (i = 0; i < ng; i++)
			x[i] = vals[i * S_NCOL + col];
		rc = chart_bars_script(o->script, o->chart, o->chart_rate,
		    o->chart_rate, (const char *const *)labels, x, ng, e);
	} else {
		size_t tot = 0, at = 0;
		for (i = 0; i < ng; i++)
			tot += GRP(&R->a, i)->dur.n + 1;
		ser = calloc(ng ? ng : 1, sizeof *ser);
		x = calloc(2 * (tot ? tot : 1), sizeof *x);
		if (ser == NULL || x == NULL)
			goto nomem;
		for (i = 0; i < ng; i++) {
			struct grp *g = GRP(&R->a, i);
			double *t = x + at, *s = x + tot + at;
			size_t k;
			double end = 0;
			/* chart_steps_script starts each curve at (0, 1); the
			 * last step goes on to the last time seen. */
			k = km_curve_sorted(g->hd, g->dur.n, g->hc,
			    g->cen.n, t, s, g->dur.n);
			if (g->dur.n > 0)
				end = g->hd[g->dur.n - 1];
			if (g->cen.n > 0 && g->hc[g->cen.n - 1] > end)
				end = g->hc[g->cen.n - 1];
			if (end > 0 && (k == 0 || end > t[k - 1])) {
				t[k] = end;
				s[k] = k ? s[k - 1] : 1;
				k++;
			}
			ser[i].name = labels[i];
			ser[i].x = t;
			ser[i].y = s;
			ser[i].n = k;
			at += g->dur.n + 1;
		}
		rc = chart_steps_script(o->script, o->chart,
		    o->lang_zh ? "结案时长 Kaplan-Meier 曲线" :
		    "Time to close (Kaplan-Meier)",
		    o->lang_zh ? "上报后小时数" : "hours since report",
		    o->lang_zh ? "未结案比例" : "share still open", ser, ng,
		    e);
	}
	goto out;
nomem:
	err_nomem(e);
out:
	if (labels != NULL)
		for (i = 0; i < ng; i++)
			free(labels[i]);
	free(labels);
	free(lb.data);
	free(x);
	free(ser);
	return rc;
}

static int
write_summary(struct run *R, struct err *e)
{
	const struct caseflow_opts *o = R->o;
	int cb = has_callbacks(o);
	double *vals = NULL;
	size_t i, ng = R->a.groups.n;
	int j, ncol = cb ? S_NCOL : S_CALLBACKS, rc = -1;
	char nb[48];

	if (groups_sort(&R->a.groups, &R->tuples, e) < 0)
		return -1;
	if ((vals = calloc(ng ? ng * S_NCOL : 1, sizeof *vals)) == NULL)
		return err_nomem(e);
	if (summarise_groups(R, vals, e) < 0)
		goto out;
	for (j = 0; j < o->nby; j++)
		if (by_name(R, j, e) < 0)
			goto out;
	if (o->period != PERIOD_NONE &&
	    csvw_str(R->out, o->lang_zh ? "时段" : "period", e) < 0)
		goto out;
	for (j = 0; j < ncol; j++)
		if (csvw_str(R->out, o->lang_zh ? sumcol[j].zh : sumcol[j].en,
		    e) < 0)
			goto out;
	if (csvw_end(R->out, e) < 0)
		goto out;
	for (i = 0; i < ng; i++) {
		const double *v = vals + i * S_NCOL;
		if (o->nby > 0 && put_tuple(R, GRP(&R->a, i)->key.tuple, e) < 0)
			goto out;
		if (o->period != PERIOD_NONE && csvw_raw(R->out, nb,
		    period_label(o->period, GRP(&R->a, i)->key.period, nb), e) < 0)
			goto out;
		for (j = 0; j < ncol; j++)
			if (csvw_num(R->out, v[j], sumcol[j].kind == K_COUNT ?
			    0 : o->precision, 0, e) < 0)
				goto out;
		if (csvw_end(R->out, e) < 0)
			goto out;
		R->a.written++;
	}
	if (o->chart != NULL && write_chart(R, vals, e) < 0)
		goto out;
	rc = 0;
out:
	free(vals);
	return rc;
}

/*
 * Every deadline a rule gives must be a time caseflow can write (to the
 * year 9999): one that lands past it would print empty while the case
 * reads as not overdue.  Deadlines grow with the report time, so the
 * rule is tried from the last second held; one that fails is an error of
 * the rules file, for every case would get it, or none yet.
 */
static int
check_rule_range(struct run *R, struct err *e)
{
	static const char *const unit[] = {"h", "wh", "wd"};
	const struct rules *rs = R->o->rules;
	char tb[32], nb[32];
	size_t i;

	for (i = 0; i < rs->n; i++) {
		const struct rule *ru = &rs->r[i];
		double d = rule_deadline(ru, R->o->cal,
		    (double)(R->base + INT32_MAX));
		if (isfinite(d) && format_time(&R->o->time, d, tb) > 0)
			continue;
		nb[fmt_shortest(nb, sizeof nb, ru->limit)] = '\0';
		return errf(e, ERR_DATA, "%s:%ld: column \"limit\": \"%s\" %s "
		    "from a report at %s lands after the year 9999, past the "
		    "times caseflow writes", rs->path ? rs->path : "rules",
		    ru->line, nb, unit[ru->unit], R->hi);
	}
	return 0;
}

int
caseflow_run(const struct caseflow_opts *o, char *const *files, int nfiles,
    struct csvw *out, struct csvw *rej, struct caseflow_stats *st,
    struct err *e)
{
	struct csvin *in = NULL;
	struct run R;
	size_t i;
	int f, rc = -1;

	memset(&R, 0, sizeof R);
	groups_init(&R.a.groups, sizeof (struct grp));
	memset(st, 0, sizeof *st);
	R.o = o;
	R.out = out;
	R.rej = rej;
	R.st = st;
	R.write_cases = o->cases;
	R.id_orders = 7;
	/* Whole seconds from 2000-01-01 in 32 bits: 1931-12-13 to 2068-01-19,
	 * the same for every input and row order. */
	R.base = 946684800;
	for (i = 0; i < CB_COUNT; i++)
		R.cbcol[i] = NO_COL;
	R.statuscol = R.reworkcol = NO_COL;
	if (o->rules != NULL)
		for (i = 0; i < o->rules->n; i++)
			if (o->rules->r[i].stage > ST_REPORT &&
			    o->rules->r[i].stage < ST_CLOSE)
				R.stage_rules = 1;
	if (o->nby > 64)
		return errf(e, ERR_USAGE, "--by takes at most 64 columns");
	if (o->rules != NULL && o->cal == NULL)
		for (i = 0; i < o->rules->n; i++)
			if (o->rules->r[i].unit != UNIT_H)
				return errf(e, ERR_USAGE, "rules in working "
				    "hours or days (wh, wd) need --calendar "
				    "(an empty CSV calendar means weekends "
				    "only)");
	/* The first and last second rel_time() takes, for messages (the
	 * held range is the same for every input). */
	R.lo[format_time(&o->time, (double)(R.base + INT32_MIN + 1), R.lo)] =
	    '\0';
	R.hi[format_time(&o->time, (double)(R.base + INT32_MAX), R.hi)] = '\0';
	{
		int32_t t;
		if (o->as_of_set && rel_time(&R, o->as_of, &t) < 0) {
			char tb[32];
			size_t n = format_time(&o->time, o->as_of, tb);
			tb[n] = '\0';
			return errf(e, ERR_USAGE, "--as-of: \"%s\" is outside the "
			    "times caseflow holds, %s to %s", n ? tb : "?",
			    R.lo, R.hi);
		}
	}
	if (o->rules != NULL && check_rule_range(&R, e) < 0)
		return -1;
	if (o->cb_cols[0] && o->cb_cols[1] && o->cb_cols[2] &&
	    !isfinite(100 * (o->weights[0] + o->weights[1] + o->weights[2])))
		return errf(e, ERR_USAGE, "--weights: a score of 100 times "
		    "their sum would overflow a double");
	if (o->from_set && o->to_set && !(o->from < o->to))
		return errf(e, ERR_USAGE, "--from must be before --to: the "
		    "window [from, to) would hold no case");
	if (o->as_of_set) {
		R.as_of = o->as_of;
		R.as_of_known = 1;
	}
	if (!o->wide && (worker_start(&R, e) < 0 || hand_over(&R, e) < 0))
		goto out;
	if (csvin_open(&in, files, nfiles, &o->csv, e) < 0 ||
	    begin(&R, in, e) < 0 || read_input(&R, in, e) < 0)
		goto out;
	if (worker_stop(&R, 1, e) < 0)
		goto out;
	if (o->sorted && R.have_cur &&
	    done_case(&R, &R.cur, R.curid.data, R.curid.len, e) < 0)
		goto out;
	if (!R.as_of_known) {
		R.as_of = R.have_latest ? (double)R.latest : 0;
		R.as_of_known = 1;
	}
	st->as_of = R.have_latest || o->as_of_set ? R.as_of : NAN;
	/* The case index is not needed any more: give its memory back
	 * before the durations are collected. */
	free(R.cslot);
	R.cslot = NULL;
	R.ncslot = 0;
	intern_drop_index(&R.tuples);
	if (settle_held(&R, e) < 0)
		goto out;
	free(R.cases);
	R.cases = NULL;
	R.ncases = R.capcases = 0;
	if (!o->cases && write_summary(&R, e) < 0)
		goto out;
	rc = 0;
out:
	{
		/* The worker writes the counts: stop it before reading them. */
		struct err e2;
		worker_stop(&R, 0, &e2);
	}
	st->cases = R.a.cases;
	st->closed = R.a.closed;
	st->open = R.a.open;
	st->cancelled = R.a.cancelled;
	st->invalid = R.a.invalid;
	st->outside = R.a.outside;
	st->written = R.a.written;
	for (f = 0; f < R.nnames; f++)
		free(R.names[f]);
	free(R.names);
	for (f = 0; f < NRING; f++)
		free(R.ring[f].arena.data);
	free(R.cslot);
	free(R.idarena.data);
	free(R.pack.data);
	intern_free(&R.tuples);
	intern_free(&R.cats);
	free(R.cases);
	free(R.curid.data);
	free(R.tuple_full);
	free(R.scratch.data);
	acc_free(&R.a);
	free(R.bycol);
	free(R.vrole);
	csvin_close(in);
	return rc;
}
