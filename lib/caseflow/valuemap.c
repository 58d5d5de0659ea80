#include "caseflow/valuemap.h"

#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/words.h"

static const char *const role_names[VR_COUNT] = {
	"contacted", "resolved", "satisfaction", "status"
};

/*
 * The built-in words, per meaning; English in any case.  Yes and no are
 * core's (yesno_word: yes, y, 1, true, 是; no, n, 0, false, 否).
 */
/* Resolved: a partial solution is not a solution. */
static const char *const resolved_yes[] = {"resolved", "已解决", "已解決",
	NULL};
static const char *const resolved_no[] = {"unresolved", "not resolved",
	"partly resolved", "partially resolved", "未解决", "未解決",
	"部分解决", "部分解決", NULL};
static const char *const satisfied[] = {"satisfied", "very satisfied",
	"满意", "滿意", "非常满意", "非常滿意", NULL};
static const char *const basic[] = {"basically", "basically satisfied",
	"基本满意", "基本滿意", NULL};
/* 一般 (neutral) is not satisfied: it earns the score nothing. */
static const char *const unsatisfied[] = {"unsatisfied", "dissatisfied",
	"very unsatisfied", "very dissatisfied", "neutral", "一般", "不满意",
	"不滿意", "非常不满意", "非常不滿意", NULL};
static const char *const cancelled[] = {"cancelled", "canceled", "作废",
	"已作废", "作廢", "已作廢", "撤销", "已撤销", "撤銷", "已撤銷", NULL};

const char *
value_role_name(enum value_role r)
{
	return r >= 0 && r < VR_COUNT ? role_names[r] : "?";
}

enum meaning
value_builtin(enum value_role r, const char *s, size_t len)
{
	trim_blanks(&s, &len);
	switch (r) {
	case VR_RESOLVED:
		if (word_in(s, len, resolved_yes))
			return M_YES;
		if (word_in(s, len, resolved_no))
			return M_NO;
		/* FALLTHROUGH */
	case VR_CONTACTED:
		switch (yesno_word(s, len)) {
		case 1:
			return M_YES;
		case 0:
			return M_NO;
		default:
			break;
		}
		break;
	case VR_SATISFACTION:
		if (word_in(s, len, satisfied))
			return M_SATISFIED;
		if (word_in(s, len, basic))
			return M_BASIC;
		if (word_in(s, len, unsatisfied))
			return M_UNSATISFIED;
		break;
	case VR_STATUS:
		if (word_in(s, len, cancelled))
			return M_CANCELLED;
		break;
	default:
		break;
	}
	return M_NONE;
}

int
value_meaning_fits(enum value_role r, enum meaning m)
{
	switch (r) {
	case VR_CONTACTED:
	case VR_RESOLVED:
		return m == M_YES || m == M_NO;
	case VR_SATISFACTION:
		return m == M_SATISFIED || m == M_BASIC || m == M_UNSATISFIED;
	case VR_STATUS:
		return m == M_CANCELLED;
	default:
		return 0;
	}
}

int
value_map_load(struct value_map *m, const char *path, struct err *e)
{
	struct csv_opts o = {.delim = ',', .side = 1};
	struct csvr *r;
	struct csv_record *rec;
	size_t col[3];
	int got, rc = -1;

	if ((m->path = str_ndup(path, strlen(path))) == NULL)
		return err_nomem(e);
	if (csvr_open(&r, path, &o, e) < 0)
		return -1;
	if (csvr_column(r, "column", &col[0], e) < 0 ||
	    csvr_column(r, "value", &col[1], e) < 0 ||
	    csvr_column(r, "meaning", &col[2], e) < 0)
		goto out;
	while ((got = csvr_next(r, &rec, e)) > 0) {
		const char *f[3];
		size_t l[3];
		enum meaning mn = M_NONE;
		struct value_word *w;
		char q[80];
		int i;

		if (csvr_check_width(r, rec, e) < 0)
			goto out;
		for (i = 0; i < 3; i++) {
			f[i] = rec->field[col[i]];
			l[i] = rec->len[col[i]];
			trim_blanks(&f[i], &l[i]);
		}
		for (i = VR_RESOLVED; i < VR_COUNT && mn == M_NONE; i++)
			mn = value_builtin((enum value_role)i, f[2], l[2]);
		if (mn == M_NONE) {
			errf(e, ERR_DATA, "%s:%ld: column \"meaning\": %s is not "
			    "yes, no, satisfied, basically, unsatisfied or "
			    "cancelled (or another word caseflow knows for "
			    "them)", csvr_name(r), rec->line,
			    quote_value(q, sizeof q, f[2], l[2]));
			goto out;
		}
		if (l[0] == 0 || l[1] == 0) {
			errf(e, ERR_DATA, "%s:%ld: column \"%s\": \"\" is empty: "
			    "every row names a column and a value",
			    csvr_name(r), rec->line, l[0] == 0 ? "column" :
			    "value");
			goto out;
		}
		if (grow_array((void **)&m->w, &m->cap, m->n + 1,
		    sizeof *m->w) < 0) {
			err_nomem(e);
			goto out;
		}
		w = &m->w[m->n];
		w->column = str_ndup(f[0], l[0]);
		w->value = str_ndup(f[1], l[1]);
		w->meaning = mn;
		w->line = rec->line;
		m->n++;
		if (w->column == NULL || w->value == NULL) {
			err_nomem(e);
			goto out;
		}
	}
	if (got == 0)
		rc = 0;
out:
	csvr_close(r);
	return rc;
}

void
value_map_free(struct value_map *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->w[i].column);
		free(m->w[i].value);
	}
	free(m->w);
	free(m->path);
	memset(m, 0, sizeof *m);
}
