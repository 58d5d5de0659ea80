/* Stage names: English, Chinese, and a city's own words from a map. */
#include "caseflow/stage.h"
#include "../t.h"

void suite_stage(void);

#define LOOK(m, s) stage_lookup((m), (s), strlen(s))

void
suite_stage(void)
{
	static const char map[] = "name,stage\n"
	    "群众举报,report\n网格员上报,上报\n办结 , close\n转办,dispatch\n";
	static const char bad[] = "name,stage\n归档,archive\n";
	static const char casemap[] = "name,stage\nClosed,close\n";
	static const char twice[] = "name,stage\nclosed,close\n"
	    "归档,note\nClosed,cancel\n";
	static const char noname[] = "name,stage\n ,close\n";
	struct stage_map m = {0};
	struct err e;
	char want[600];

	CHECK_INT(LOOK(NULL, "report"), ST_REPORT);
	CHECK_INT(LOOK(NULL, "Close"), ST_CLOSE);
	CHECK_INT(LOOK(NULL, " dispatch "), ST_DISPATCH);
	CHECK_INT(LOOK(NULL, "上报"), ST_REPORT);
	CHECK_INT(LOOK(NULL, "受理"), ST_REPORT);
	CHECK_INT(LOOK(NULL, "立案"), ST_FILE);
	CHECK_INT(LOOK(NULL, "派遣"), ST_DISPATCH);
	CHECK_INT(LOOK(NULL, "处置"), ST_HANDLE);
	CHECK_INT(LOOK(NULL, "反馈"), ST_FEEDBACK);
	CHECK_INT(LOOK(NULL, "核查"), ST_VERIFY);
	CHECK_INT(LOOK(NULL, "结案"), ST_CLOSE);
	CHECK_INT(LOOK(NULL, "返工"), ST_REWORK);
	CHECK_INT(LOOK(NULL, "缓办"), ST_SUSPEND);
	CHECK_INT(LOOK(NULL, "恢复"), ST_RESUME);
	CHECK_INT(LOOK(NULL, "延期"), ST_EXTEND);
	CHECK_INT(LOOK(NULL, "回退"), ST_RETURN);
	CHECK_INT(LOOK(NULL, "作废"), ST_CANCEL);
	/* Traditional forms (issue 11). */
	CHECK_INT(LOOK(NULL, "上報"), ST_REPORT);
	CHECK_INT(LOOK(NULL, "處置"), ST_HANDLE);
	CHECK_INT(LOOK(NULL, "回饋"), ST_FEEDBACK);
	CHECK_INT(LOOK(NULL, "結案"), ST_CLOSE);
	CHECK_INT(LOOK(NULL, "緩辦"), ST_SUSPEND);
	CHECK_INT(LOOK(NULL, "作廢"), ST_CANCEL);
	/* 12345 words: see stage.c for why each maps where it does. */
	CHECK_INT(LOOK(NULL, "转办"), ST_DISPATCH);
	CHECK_INT(LOOK(NULL, "交办"), ST_DISPATCH);
	CHECK_INT(LOOK(NULL, "办理"), ST_HANDLE);
	CHECK_INT(LOOK(NULL, "办结"), ST_CLOSE);
	CHECK_INT(LOOK(NULL, "退回"), ST_RETURN);
	CHECK_INT(LOOK(NULL, "挂起"), ST_SUSPEND);
	CHECK_INT(LOOK(NULL, "核实"), ST_VERIFY);
	CHECK_INT(LOOK(NULL, "签收"), ST_NOTE);
	CHECK_INT(LOOK(NULL, "回访"), ST_NOTE);
	CHECK_STR(stage_name(ST_NOTE), "note");
	CHECK_INT(LOOK(NULL, "archive"), ST_UNKNOWN);
	CHECK_INT(LOOK(NULL, ""), ST_UNKNOWN);
	CHECK_STR(stage_name(ST_FEEDBACK), "feedback");
	CHECK_STR(stage_name(ST_UNKNOWN), "?");

	CHECK_INT(stage_map_load(&m, t_file("map.csv", map, sizeof map - 1),
	    &e), 0);
	CHECK_INT(LOOK(&m, "群众举报"), ST_REPORT);
	CHECK_INT(LOOK(&m, "网格员上报"), ST_REPORT);
	CHECK_INT(LOOK(&m, "办结"), ST_CLOSE);
	CHECK_INT(LOOK(&m, "转办"), ST_DISPATCH);
	CHECK_INT(LOOK(&m, "结案"), ST_CLOSE); /* built-ins still work */
	CHECK_INT(LOOK(NULL, "归档"), ST_UNKNOWN);
	stage_map_free(&m);
	CHECK_INT(stage_map_load(&m, t_file("bad.csv", bad, sizeof bad - 1),
	    &e), -1);
	snprintf(want, sizeof want, "%s/bad.csv:2: column \"stage\": "
	    "\"archive\" is not a stage (report, file, dispatch, handle, "
	    "feedback, verify, close, rework, suspend, resume, extend, return, "
	    "cancel, note)", t_dir());
	CHECK_STR(e.msg, want);
	stage_map_free(&m);
	/* Map words in any case, like the built-in English names; a word
	 * given two stages, or no word, is an error (core/words). */
	CHECK_INT(stage_map_load(&m, t_file("case.csv", casemap,
	    sizeof casemap - 1), &e), 0);
	CHECK_INT(LOOK(&m, "closed"), ST_CLOSE);
	CHECK_INT(LOOK(&m, " CLOSED "), ST_CLOSE);
	stage_map_free(&m);
	CHECK_INT(stage_map_load(&m, t_file("twice.csv", twice,
	    sizeof twice - 1), &e), -1);
	snprintf(want, sizeof want, "%s/twice.csv:4: column \"name\": "
	    "\"Closed\" is mapped to another stage on line 2", t_dir());
	CHECK_STR(e.msg, want);
	stage_map_free(&m);
	CHECK_INT(stage_map_load(&m, t_file("noname.csv", noname,
	    sizeof noname - 1), &e), -1);
	snprintf(want, sizeof want, "%s/noname.csv:2: column \"name\": "
	    "\"\" is empty: every row names a word", t_dir());
	CHECK_STR(e.msg, want);
	stage_map_free(&m);
}
