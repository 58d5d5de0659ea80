#include "caseflow/stage.h"

/*
 * The built-in words: the English names, then Chinese ones, several per
 * stage: digital city management's in Simplified and Traditional
 * characters, then the words of 12345 hotlines.  The 12345 mapping: 受理
 * and 登记 (the call is taken) report; 转办, 交办 and 派单 (sent to a
 * department) dispatch; 办理 handle; 回复 and 答复 (the department's
 * answer) feedback; 核实 verify; 办结 (the hotline's "concluded", counted
 * by its 办结率) close; 重办 rework; 挂起 suspend; 解挂 resume; 退回 and
 * 退单 (the department sends it back) return; 撤销 cancel.  签收
 * (signing for a case) and 回访 (the callback, often after 办结, whose
 * answers have columns of their own) are notes: taken as neither a
 * dispatch nor a handling nor a check, they would bend those times and
 * rates.  Lookups hash (core/words.h): caseflow looks up every step.
 */
static const struct word_def words[] = {
	/* The English names first, in the order of enum stage (stage_name()
	 * reads them here), in any case. */
	{"report", ST_REPORT}, {"file", ST_FILE}, {"dispatch", ST_DISPATCH},
	{"handle", ST_HANDLE}, {"feedback", ST_FEEDBACK},
	{"verify", ST_VERIFY}, {"close", ST_CLOSE}, {"rework", ST_REWORK},
	{"suspend", ST_SUSPEND}, {"resume", ST_RESUME},
	{"extend", ST_EXTEND}, {"return", ST_RETURN}, {"cancel", ST_CANCEL},
	{"note", ST_NOTE},
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
static struct word_list builtin = WORD_LIST(words);

const char *
stage_name(enum stage s)
{
	return s >= 0 && s < ST_COUNT ? words[s].word : "?";
}

enum stage
stage_lookup(const struct stage_map *m, const char *s, size_t len)
{
	int st;

	trim_blanks(&s, &len);
	if (m != NULL && (st = word_map_find(&m->words, s, len)) >= 0)
		return (enum stage)st;
	return (enum stage)word_list_find(&builtin, s, len);
}

static int
decode_stage(const char *s, size_t len)
{
	return word_list_find(&builtin, s, len);
}

int
stage_map_load(struct stage_map *m, const char *path, struct err *e)
{
	static const struct word_map_spec spec = {
		.column = "stage", .noun = "stage",
		.what = "is not a stage (report, file, dispatch, handle, "
		    "feedback, verify, close, rework, suspend, resume, extend, "
		    "return, cancel, note)",
		.decode = decode_stage,
	};

	return word_map_load(&m->words, path, &spec, e);
}

void
stage_map_free(struct stage_map *m)
{
	word_map_free(&m->words);
}
