/* Callback and status words: the built-in ones and --value-map files. */
#include "caseflow/valuemap.h"
#include "../t.h"

void suite_valuemap(void);

#define B(r, s) value_builtin((r), (s), strlen(s))

void
suite_valuemap(void)
{
	static const char map[] = "column,value,meaning\n"
	    "resolved, 办好了 ,已解决\nsatisfaction,很好,very satisfied\n"
	    "是否联系,联系上了,yes\nstatus,已撤单,作废\n";
	static const char bad[] = "column,value,meaning\nresolved,好,maybe\n";
	static const char empty[] = "column,value,meaning\nresolved,,yes\n";
	struct value_map m = {0};
	struct err e;

	CHECK_INT(B(VR_CONTACTED, " Yes "), M_YES);
	CHECK_INT(B(VR_CONTACTED, "否"), M_NO);
	/* Resolved words only in the resolved column; partly is no. */
	CHECK_INT(B(VR_RESOLVED, "已解决"), M_YES);
	CHECK_INT(B(VR_RESOLVED, "已解決"), M_YES);
	CHECK_INT(B(VR_RESOLVED, "部分解决"), M_NO);
	CHECK_INT(B(VR_RESOLVED, "未解决"), M_NO);
	CHECK_INT(B(VR_RESOLVED, "是"), M_YES);
	CHECK_INT(B(VR_CONTACTED, "已解决"), M_NONE);
	CHECK_INT(B(VR_SATISFACTION, "非常满意"), M_SATISFIED);
	CHECK_INT(B(VR_SATISFACTION, "滿意"), M_SATISFIED);
	CHECK_INT(B(VR_SATISFACTION, "基本满意"), M_BASIC);
	CHECK_INT(B(VR_SATISFACTION, "一般"), M_UNSATISFIED);
	CHECK_INT(B(VR_SATISFACTION, "非常不满意"), M_UNSATISFIED);
	CHECK_INT(B(VR_SATISFACTION, "yes"), M_NONE);
	CHECK_INT(B(VR_STATUS, "已作废"), M_CANCELLED);
	CHECK_INT(B(VR_STATUS, "撤銷"), M_CANCELLED);
	CHECK_INT(B(VR_STATUS, "closed"), M_NONE);
	CHECK(value_meaning_fits(VR_RESOLVED, M_NO));
	CHECK(!value_meaning_fits(VR_SATISFACTION, M_YES));
	CHECK(value_meaning_fits(VR_STATUS, M_CANCELLED));
	CHECK_STR(value_role_name(VR_SATISFACTION), "satisfaction");

	CHECK_INT(value_map_load(&m, t_file("vm.csv", map, sizeof map - 1),
	    &e), 0);
	CHECK_INT((int)m.n, 4);
	CHECK_STR(m.w[0].value, "办好了"); /* trimmed */
	CHECK_INT(m.w[0].meaning, M_YES);
	CHECK_INT(m.w[1].meaning, M_SATISFIED);
	CHECK_STR(m.w[2].column, "是否联系");
	CHECK_INT(m.w[3].meaning, M_CANCELLED);
	CHECK_INT((int)m.w[3].line, 5);
	value_map_free(&m);
	CHECK_INT(value_map_load(&m, t_file("bad.csv", bad, sizeof bad - 1),
	    &e), -1);
	CHECK(strstr(e.msg, "bad.csv:2: column \"meaning\": \"maybe\"") !=
	    NULL);
	value_map_free(&m);
	CHECK_INT(value_map_load(&m, t_file("empty.csv", empty,
	    sizeof empty - 1), &e), -1);
	CHECK(strstr(e.msg, "empty.csv:2: column \"value\"") != NULL);
	value_map_free(&m);
}
