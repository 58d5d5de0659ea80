/* Deadline rules: lookup with a default, the three units, bad files. */
#include <stdlib.h>

#include "caseflow/rules.h"
#include "../t.h"

void suite_rules(void);

#define T(s) t_beijing(s)

static void
bad(const char *name, const char *text, const char *want_tail)
{
	struct rules rs = {0};
	struct err e;
	char want[700];

	CHECK_INT(rules_load(&rs, t_file(name, text, strlen(text)), &e), -1);
	snprintf(want, sizeof want, "%s/%s", t_dir(), want_tail);
	CHECK_STR(e.msg, want);
	rules_free(&rs);
}

void
suite_rules(void)
{
	static const char text[] = "category,stage,limit,unit\n"
	    "*,close,5,wd\n"
	    "暴露垃圾,close,2,wh\n"
	    "井盖缺失,结案,24, h\n"
	    "*,dispatch,0.5,wh\n";
	struct rules rs = {0};
	struct workcal c;
	struct err e;
	const struct rule *r;

	workcal_init(&c, 8 * 3600);
	CHECK_INT(workcal_load_holiday_cn(&c, "testdata/holiday-cn/2024.json",
	    1, &e), 0);
	CHECK_INT(rules_load(&rs, t_file("rules.csv", text, sizeof text - 1),
	    &e), 0);
	CHECK_INT(rs.n, 4);
	/* Exposed rubbish: 2 working hours from Friday 17:00 = 0.5 h Friday,
	 * 1.5 h Monday morning. */
	r = rules_find(&rs, "暴露垃圾", strlen("暴露垃圾"), ST_CLOSE);
	CHECK(r != NULL && r->unit == UNIT_WH);
	if (r)
		CHECK_DBL(rule_deadline(r, &c, T("2024-11-15 17:00")),
		    T("2024-11-18 10:30"), 0);
	/* A missing manhole cover: 24 clock hours, weekends included. */
	r = rules_find(&rs, "井盖缺失", strlen("井盖缺失"), ST_CLOSE);
	CHECK(r != NULL && r->unit == UNIT_H);
	if (r)
		CHECK_DBL(rule_deadline(r, &c, T("2024-11-15 17:00")),
		    T("2024-11-16 17:00"), 0);
	/* Any other category: the default, 5 working days over National
	 * Day: 09-30 -> 10-08, 09, 10, 11, 12 (a make-up Saturday). */
	r = rules_find(&rs, "other", 5, ST_CLOSE);
	CHECK(r != NULL && r->unit == UNIT_WD && r->category[0] == '\0');
	if (r)
		CHECK_DBL(rule_deadline(r, &c, T("2024-09-30 10:00")),
		    T("2024-10-12 23:59:59"), 0);
	CHECK(rules_find(&rs, "other", 5, ST_HANDLE) == NULL);
	CHECK(rules_find(&rs, "x", 1, ST_DISPATCH) != NULL);
	rules_free(&rs);
	workcal_free(&c);

	bad("unit.csv", "category,stage,limit,unit\na,close,5,days\n",
	    "unit.csv:2: column \"unit\": \"days\" is not h, wh or wd");
	bad("limit.csv", "category,stage,limit,unit\na,close,-5,h\n",
	    "limit.csv:2: column \"limit\": \"-5\" is not a positive number "
	    "of hours");
	bad("days.csv", "category,stage,limit,unit\na,close,1.5,wd\n",
	    "days.csv:2: column \"limit\": \"1.5\" is not a positive whole "
	    "number of days");
	bad("stage.csv", "category,stage,limit,unit\na,archive,1,h\n",
	    "stage.csv:2: column \"stage\": \"archive\" is not a stage");
	bad("twice.csv", "category,stage,limit,unit\na,close,1,h\na,结案,2,h\n",
	    "twice.csv:3: a second rule for category \"a\" and stage close");
	bad("cols.csv", "category,stage,limit\na,close,1\n",
	    "cols.csv: no column \"unit\"; the header is: category,stage,limit");
}
