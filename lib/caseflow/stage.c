#include "caseflow/stage.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csvio.h"

static const char *const english[ST_COUNT] = {
	"report", "file", "dispatch", "handle", "feedback", "verify", "close",
	"rework", "suspend", "resume", "extend", "return", "cancel", "note"
};

/*
 * Chinese names, several per stage: digital city management's in
 * Simplified and Traditional characters, then the words of 12345
 * hotlines.  The 12345 mapping: 受理 and 登记 (the call is taken) report;
 * 转办, 交办 and 派单 (sent to a department) dispatch; 办理 handle; 回复
 * and 答复 (the department's answer) feedback; 核实 verify; 办结 (the
 * hotline's "concluded", counted by its 办结率) close; 重办 rework; 挂起
 * suspend; 解挂 resume; 退回 and 退单 (the department sends it back)
 * return; 撤销 cancel.  签收 (signing for a case) and 回访 (the callback,
 * often after 办结, whose answers have columns of their own) are notes:
 * taken as neither a dispatch nor a handling nor a check, they would
 * bend those times and rates.
 */
static const struct {
	const char *name;
	enum stage stage;
} chinese[] = {
	{"上报", ST_REPORT}, {"上報", ST_REPORT}, {"受理", ST_REPORT},
	{"信息收集", ST_REPORT}, {"登记", ST_REPORT}, {"登記", ST_REPORT},
	{"立案", ST_FILE}, {"案卷建立", ST_FILE},
	{"派遣", ST_DISPATCH}, {"任务派遣", ST_DISPATCH},
	{"任務派遣", ST_DISPATCH}, {"转办", ST_DISPATCH},
	{"轉辦", ST_DISPATCH}, {"交办", ST_DISPATCH}, {"交辦", ST_DISPATCH},
	{"派单", ST_DISPATCH}, {"派單", ST_DISPATCH},
	{"处置", ST_HANDLE}, {"處置", ST_HANDLE}, {"任务处理", ST_HANDLE},
	{"任務處理", ST_HANDLE}, {"处理", ST_HANDLE}, {"處理", ST_HANDLE},
	{"办理", ST_HANDLE}, {"辦理", ST_HANDLE},
	{"反馈", ST_FEEDBACK}, {"反饋", ST_FEEDBACK}, {"回饋", ST_FEEDBACK},
	{"处理反馈", ST_FEEDBACK}, {"處理反饋", ST_FEEDBACK},
	{"回复", ST_FEEDBACK}, {"回覆", ST_FEEDBACK}, {"答复", ST_FEEDBACK},
	{"答覆", ST_FEEDBACK},
	{"核查", ST_VERIFY}, {"核实", ST_VERIFY}, {"核實", ST_VERIFY},
	{"结案", ST_CLOSE}, {"結案", ST_CLOSE}, {"办结", ST_CLOSE},
	{"辦結", ST_CLOSE},
	{"返工", ST_REWORK}, {"重办", ST_REWORK}, {"重辦", ST_REWORK},
	{"缓办", ST_SUSPEND}, {"緩辦", ST_SUSPEND}, {"挂起", ST_SUSPEND},
	{"掛起", ST_SUSPEND},
	{"恢复", ST_RESUME}, {"恢復", ST_RESUME}, {"解挂", ST_RESUME},
	{"解掛", ST_RESUME},
	{"延期", ST_EXTEND},
	{"回退", ST_RETURN}, {"退回", ST_RETURN}, {"退单", ST_RETURN},
	{"退單", ST_RETURN},
	{"作废", ST_CANCEL}, {"作廢", ST_CANCEL}, {"撤销", ST_CANCEL},
	{"撤銷", ST_CANCEL},
	{"签收", ST_NOTE}, {"簽收", ST_NOTE}, {"回访", ST_NOTE},
	{"回訪", ST_NOTE},
};

const char *
stage_name(enum stage s)
{
	return s >= 0 && s < ST_COUNT ? english[s] : "?";
}

static enum stage
builtin(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < ST_COUNT; i++)
		if (strlen(english[i]) == len &&
		    strncasecmp(english[i], s, len) == 0)
			return (enum stage)i;
	for (i = 0; i < sizeof chinese / sizeof chinese[0]; i++)
		if (strlen(chinese[i].name) == len &&
		    memcmp(chinese[i].name, s, len) == 0)
			return chinese[i].stage;
	return ST_UNKNOWN;
}

enum stage
stage_lookup(const struct stage_map *m, const char *s, size_t len)
{
	size_t i;

	trim_blanks(&s, &len);
	if (m != NULL)
		for (i = 0; i < m->n; i++)
			if (strlen(m->words[i].name) == len &&
			    memcmp(m->words[i].name, s, len) == 0)
				return m->words[i].stage;
	return builtin(s, len);
}

int
stage_map_load(struct stage_map *m, const char *path, struct err *e)
{
	struct csv_opts o = {.delim = ',', .side = 1};
	struct csvr *r;
	struct csv_record *rec;
	size_t ncol, scol;
	int got, rc = -1;

	if (csvr_open(&r, path, &o, e) < 0)
		return -1;
	if (csvr_column(r, "name", &ncol, e) < 0 ||
	    csvr_column(r, "stage", &scol, e) < 0)
		goto out;
	while ((got = csvr_next(r, &rec, e)) > 0) {
		enum stage st;
		char q[80];

		if (csvr_check_width(r, rec, e) < 0)
			goto out;
		st = stage_lookup(NULL, rec->field[scol], rec->len[scol]);
		if (st == ST_UNKNOWN) {
			errf(e, ERR_DATA, "%s:%ld: column \"stage\": %s is not a "
			    "stage (report, file, dispatch, handle, feedback, "
			    "verify, close, rework, suspend, resume, extend, "
			    "return, cancel, note)", csvr_name(r), rec->line,
			    quote_value(q, sizeof q, rec->field[scol],
				rec->len[scol]));
			goto out;
		}
		if (grow_array((void **)&m->words, &m->cap, m->n + 1,
		    sizeof *m->words) < 0) {
			err_nomem(e);
			goto out;
		}
		{
			const char *nm = rec->field[ncol];
			size_t nl = rec->len[ncol];
			trim_blanks(&nm, &nl);
			m->words[m->n].name = str_ndup(nm, nl);
		}
		if (m->words[m->n].name == NULL) {
			err_nomem(e);
			goto out;
		}
		m->words[m->n++].stage = st;
	}
	if (got == 0)
		rc = 0;
out:
	csvr_close(r);
	return rc;
}

void
stage_map_free(struct stage_map *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->words[i].name);
	free(m->words);
	memset(m, 0, sizeof *m);
}
