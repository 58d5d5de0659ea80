/*
 * partscore/vocab: the words partscore reads (vocab.h).  Every built-in
 * word of the tables in vocab.c, each to its channel, rung, initiator or
 * answer; blanks around and ASCII case ignored; NYC 311's Open Data
 * Channel Types; a city's channel map before the built-in words, and its
 * errors; the two built-in ladders, levels as numbers (in range, outside
 * it, and text that is no number), ladders from files and their errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partscore/vocab.h"
#include "../t.h"

void suite_vocab(void);

#define CH(m, s) channel_lookup((m), (s), strlen(s))
#define LAD(l, s) ladder_lookup((l), (s), strlen(s))

static const struct {
	const char *word;
	enum channel ch;
} channel_words[] = {
	{"hotline", CH_HOTLINE}, {"12345", CH_HOTLINE}, {"311", CH_HOTLINE},
	{"phone", CH_HOTLINE}, {"telephone", CH_HOTLINE},
	{"市民热线", CH_HOTLINE}, {"市民熱線", CH_HOTLINE},
	{"热线", CH_HOTLINE}, {"熱線", CH_HOTLINE}, {"政务热线", CH_HOTLINE},
	{"政務熱線", CH_HOTLINE}, {"市长热线", CH_HOTLINE},
	{"市長熱線", CH_HOTLINE}, {"电话", CH_HOTLINE}, {"電話", CH_HOTLINE},
	{"mailbox", CH_MAILBOX}, {"mail", CH_MAILBOX}, {"email", CH_MAILBOX},
	{"e-mail", CH_MAILBOX}, {"letter", CH_MAILBOX},
	{"市长信箱", CH_MAILBOX}, {"市長信箱", CH_MAILBOX},
	{"信箱", CH_MAILBOX}, {"来信", CH_MAILBOX}, {"來信", CH_MAILBOX},
	{"web", CH_WEB}, {"website", CH_WEB}, {"online", CH_WEB},
	{"portal", CH_WEB}, {"网站", CH_WEB}, {"網站", CH_WEB},
	{"网上", CH_WEB}, {"網上", CH_WEB}, {"门户网站", CH_WEB},
	{"門戶網站", CH_WEB},
	{"app", CH_APP}, {"mobile", CH_APP}, {"手机", CH_APP},
	{"手機", CH_APP}, {"客户端", CH_APP}, {"客戶端", CH_APP},
	{"移动端", CH_APP}, {"移動端", CH_APP}, {"随手拍", CH_APP},
	{"隨手拍", CH_APP},
	{"weibo", CH_WEIBO}, {"微博", CH_WEIBO},
	{"wechat", CH_WECHAT}, {"weixin", CH_WECHAT}, {"微信", CH_WECHAT},
	{"公众号", CH_WECHAT}, {"公眾號", CH_WECHAT}, {"小程序", CH_WECHAT},
	{"hearing", CH_HEARING}, {"public hearing", CH_HEARING},
	{"网上听证", CH_HEARING}, {"網上聽證", CH_HEARING},
	{"听证", CH_HEARING}, {"聽證", CH_HEARING}, {"听证会", CH_HEARING},
	{"聽證會", CH_HEARING},
	{"solicitation", CH_SOLICITATION}, {"consultation", CH_SOLICITATION},
	{"comment", CH_SOLICITATION}, {"public comment", CH_SOLICITATION},
	{"征求意见", CH_SOLICITATION}, {"徵求意見", CH_SOLICITATION},
	{"意见征集", CH_SOLICITATION}, {"意見徵集", CH_SOLICITATION},
	{"公开征求意见", CH_SOLICITATION}, {"公開徵求意見", CH_SOLICITATION},
	{"committee", CH_COMMITTEE}, {"council", CH_COMMITTEE},
	{"委员会", CH_COMMITTEE}, {"委員會", CH_COMMITTEE},
	{"城市治理委员会", CH_COMMITTEE}, {"城市治理委員會", CH_COMMITTEE},
	{"visit", CH_VISIT}, {"walk-in", CH_VISIT}, {"in person", CH_VISIT},
	{"in-person", CH_VISIT}, {"来访", CH_VISIT}, {"來訪", CH_VISIT},
	{"信访", CH_VISIT}, {"信訪", CH_VISIT}, {"走访", CH_VISIT},
	{"走訪", CH_VISIT},
	{"inspector", CH_INSPECTOR}, {"patrol", CH_INSPECTOR},
	{"监督员上报", CH_INSPECTOR}, {"監督員上報", CH_INSPECTOR},
	{"监督员", CH_INSPECTOR}, {"監督員", CH_INSPECTOR},
	{"网格员", CH_INSPECTOR}, {"網格員", CH_INSPECTOR},
	{"巡查", CH_INSPECTOR},
	{"other", CH_OTHER}, {"unknown", CH_OTHER}, {"其他", CH_OTHER},
	{"其它", CH_OTHER},
	/* NYC 311's Open Data Channel Types. */
	{"PHONE", CH_HOTLINE}, {"ONLINE", CH_WEB}, {"MOBILE", CH_APP},
	{"OTHER", CH_OTHER}, {"UNKNOWN", CH_OTHER},
};

static void
channels(void)
{
	static const char *const names[CH_COUNT] = {"hotline", "mailbox",
	    "web", "app", "weibo", "wechat", "hearing", "solicitation",
	    "committee", "visit", "inspector", "other"};
	size_t i;

	for (i = 0; i < CH_COUNT; i++)
		CHECK_STR(channel_name((enum channel)i), names[i]);
	CHECK_STR(channel_name(CH_UNKNOWN), "?");
	CHECK_STR(channel_name(CH_COUNT), "?");
	for (i = 0; i < sizeof channel_words / sizeof channel_words[0];
	    i++) {
		const char *w = channel_words[i].word;
		int got = CH(NULL, w);

		t_report(got == (int)channel_words[i].ch, __FILE__, __LINE__,
		    "channel \"%s\": %d, want %d", w, got,
		    (int)channel_words[i].ch);
	}
	CHECK_INT(CH(NULL, " \tHotLine  "), CH_HOTLINE);
	CHECK_INT(CH(NULL, "Public Hearing"), CH_HEARING);
	CHECK_INT(CH(NULL, " 微博 "), CH_WEIBO);
	CHECK_INT(CH(NULL, "public  hearing"), CH_UNKNOWN);
	CHECK_INT(CH(NULL, "fax"), CH_UNKNOWN);
	CHECK_INT(CH(NULL, ""), CH_UNKNOWN);
	CHECK_INT(CH(NULL, "   "), CH_UNKNOWN);
	CHECK_INT(CH(NULL, "1234"), CH_UNKNOWN);
	CHECK_INT(CH(NULL, "123456"), CH_UNKNOWN);
	CHECK_INT(CH(NULL, "微"), CH_UNKNOWN);
	/* Only the len bytes count. */
	CHECK_INT(channel_lookup(NULL, "webmail", 3), CH_WEB);
	CHECK_INT(channel_lookup(NULL, "12345", 3), CH_UNKNOWN);
}

/* Is the message "DIR/rest"? */
static int
msg_is(const struct err *e, const char *rest)
{
	char want[600];

	snprintf(want, sizeof want, "%s/%s", t_dir(), rest);
	if (strcmp(e->msg, want) != 0) {
		printf("# got  %s\n# want %s\n", e->msg, want);
		return 0;
	}
	return 1;
}

static int
load_map(struct channel_map *m, const char *name, const char *bytes,
    struct err *e)
{
	memset(e, 0, sizeof *e);
	channel_map_free(m);
	return channel_map_load(m, t_file(name, bytes, strlen(bytes)), e);
}

static void
channel_maps(void)
{
	struct channel_map m = {0};
	struct err e;

	/* Columns in any order, others ignored; the channel a canonical
	 * name or any built-in word; the map before the built-in words. */
	CHECK_INT(load_map(&m, "cm1.csv", "channel,note,name\n"
	    "web, x ,市政府网站\nWeChat,,政务微信 \n12345,,市长专线\n"
	    "hotline,,便民热线\nweibo,,网上\nApp,,Hotline App\n"
	    "web,,市政府网站\n", &e), 0);
	CHECK_INT(CH(&m, "市政府网站"), CH_WEB);
	CHECK_INT(CH(&m, "政务微信"), CH_WECHAT);
	CHECK_INT(CH(&m, "市长专线"), CH_HOTLINE);
	CHECK_INT(CH(&m, " 便民热线 "), CH_HOTLINE);
	CHECK_INT(CH(&m, "网上"), CH_WEIBO); /* the city's word wins */
	CHECK_INT(CH(NULL, "网上"), CH_WEB);
	CHECK_INT(CH(&m, "hotline app"), CH_APP);
	CHECK_INT(CH(&m, "微博"), CH_WEIBO); /* built-ins still work */
	CHECK_INT(CH(&m, "fax"), CH_UNKNOWN);

	CHECK_INT(load_map(&m, "cm2.csv", "name,channel\n传真,fax\n", &e),
	    -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK(msg_is(&e, "cm2.csv:2: column \"channel\": \"fax\" is not a "
	    "channel (hotline, mailbox, web, app, weibo, wechat, hearing, "
	    "solicitation, committee, visit, inspector, other, or a word "
	    "partscore knows for one)"));
	CHECK_INT(load_map(&m, "cm3.csv", "name,channel\n传真,\n", &e), -1);
	CHECK(msg_is(&e, "cm3.csv:2: column \"channel\": \"\" is not a "
	    "channel (hotline, mailbox, web, app, weibo, wechat, hearing, "
	    "solicitation, committee, visit, inspector, other, or a word "
	    "partscore knows for one)"));
	CHECK_INT(load_map(&m, "cm4.csv", "name,channel\n,web\n", &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK(msg_is(&e, "cm4.csv:2: column \"name\": \"\" is empty: every "
	    "row names a word"));
	CHECK_INT(load_map(&m, "cm5.csv", "name,channel\nPortal X,web\n"
	    "市长专线,hotline\nportal x,app\n", &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK(msg_is(&e, "cm5.csv:4: column \"name\": \"portal x\" is "
	    "mapped to another channel on line 2"));
	CHECK_INT(load_map(&m, "cm6.csv", "word,channel\nx,web\n", &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK(strstr(e.msg, "\"name\"") != NULL);
	channel_map_free(&m);
	memset(&e, 0, sizeof e);
	CHECK_INT(channel_map_load(&m, "/nonexistent/map.csv", &e), -1);
	CHECK_INT(e.kind, ERR_IO);
	channel_map_free(&m);
	channel_map_free(&m);
}

static const struct {
	const char *word;
	int rung;
} iap2_words[] = {
	{"inform", 1}, {"公示", 1}, {"告知", 1}, {"通知", 1}, {"公告", 1},
	{"公开", 1}, {"公開", 1},
	{"consult", 2}, {"咨询", 2}, {"諮詢", 2}, {"发表意见", 2},
	{"發表意見", 2}, {"征求意见", 2}, {"徵求意見", 2}, {"意见征集", 2},
	{"意見徵集", 2}, {"座谈", 2}, {"座談", 2}, {"座谈会", 2},
	{"座談會", 2},
	{"involve", 3}, {"参与", 3}, {"參與", 3}, {"听证", 3}, {"聽證", 3},
	{"听证会", 3}, {"聽證會", 3},
	{"collaborate", 4}, {"合作", 4}, {"协商", 4}, {"協商", 4},
	{"共同决策", 4}, {"共同決策", 4},
	{"empower", 5}, {"授权", 5}, {"授權", 5}, {"赋权", 5}, {"賦權", 5},
	{"自治", 5}, {"决定", 5}, {"決定", 5},
}, arnstein_words[] = {
	{"manipulation", 1}, {"操纵", 1}, {"操縱", 1},
	{"therapy", 2}, {"治疗", 2}, {"治療", 2},
	{"informing", 3}, {"告知", 3},
	{"consultation", 4}, {"咨询", 4}, {"諮詢", 4},
	{"placation", 5}, {"安抚", 5}, {"安撫", 5},
	{"partnership", 6}, {"伙伴关系", 6}, {"夥伴關係", 6}, {"合作", 6},
	{"delegated power", 7}, {"delegated_power", 7},
	{"delegated-power", 7}, {"授权", 7}, {"授權", 7},
	{"citizen control", 8}, {"citizen_control", 8},
	{"citizen-control", 8}, {"公民控制", 8},
};

static void
builtin_ladders(void)
{
	static const char *const iap2[] = {"inform", "consult", "involve",
	    "collaborate", "empower"};
	static const char *const arn[] = {"manipulation", "therapy",
	    "informing", "consultation", "placation", "partnership",
	    "delegated power", "citizen control"};
	struct ladder l = {0};
	struct err e;
	size_t i;

	CHECK_INT(ladder_builtin(&l, "iap2", &e), 0);
	CHECK_STR(l.name, "iap2");
	CHECK_INT(l.nrungs, 5);
	for (i = 0; i < 5; i++)
		CHECK_STR(l.rung_names[i], iap2[i]);
	for (i = 0; i < sizeof iap2_words / sizeof iap2_words[0]; i++) {
		int got = LAD(&l, iap2_words[i].word);
		t_report(got == iap2_words[i].rung, __FILE__, __LINE__,
		    "iap2 \"%s\": %d, want %d", iap2_words[i].word, got,
		    iap2_words[i].rung);
	}
	CHECK_INT(LAD(&l, " Inform "), 1);
	CHECK_INT(LAD(&l, "EMPOWER"), 5);
	CHECK_INT(LAD(&l, "manipulation"), 0); /* Arnstein's, not IAP2's */
	CHECK_INT(LAD(&l, ""), 0);
	/* Numbers: in range the rung, outside it -1, not whole 0. */
	CHECK_INT(LAD(&l, "1"), 1);
	CHECK_INT(LAD(&l, " 5 "), 5);
	CHECK_INT(LAD(&l, "03"), 3);
	CHECK_INT(LAD(&l, "+2"), 2);
	CHECK_INT(LAD(&l, "3.0"), 3);
	CHECK_INT(LAD(&l, "4.00"), 4);
	CHECK_INT(LAD(&l, "6"), -1);
	CHECK_INT(LAD(&l, "0"), -1);
	CHECK_INT(LAD(&l, "-1"), -1);
	CHECK_INT(LAD(&l, "-0"), -1);
	CHECK_INT(LAD(&l, "6.0"), -1);
	CHECK_INT(LAD(&l, "99999999999999999999999"), -1);
	CHECK_INT(LAD(&l, "3.5"), 0);
	CHECK_INT(LAD(&l, "3x"), 0);
	CHECK_INT(LAD(&l, "3."), 0);
	CHECK_INT(LAD(&l, ".5"), 0);
	CHECK_INT(LAD(&l, "-"), 0);
	CHECK_INT(LAD(&l, "1e2"), 0);
	CHECK_INT(LAD(&l, "3 4"), 0);
	CHECK_INT(LAD(&l, "３"), 0); /* a full-width digit is no number */
	ladder_free(&l);
	CHECK(l.name == NULL && l.nrungs == 0 && l.rung_names == NULL);

	CHECK_INT(ladder_builtin(&l, "Arnstein", &e), 0);
	CHECK_STR(l.name, "arnstein");
	CHECK_INT(l.nrungs, 8);
	for (i = 0; i < 8; i++)
		CHECK_STR(l.rung_names[i], arn[i]);
	for (i = 0; i < sizeof arnstein_words / sizeof arnstein_words[0];
	    i++) {
		int got = LAD(&l, arnstein_words[i].word);
		t_report(got == arnstein_words[i].rung, __FILE__, __LINE__,
		    "arnstein \"%s\": %d, want %d", arnstein_words[i].word,
		    got, arnstein_words[i].rung);
	}
	CHECK_INT(LAD(&l, "Citizen Control"), 8);
	CHECK_INT(LAD(&l, "6"), 6);
	CHECK_INT(LAD(&l, "8"), 8);
	CHECK_INT(LAD(&l, "9"), -1);
	CHECK_INT(LAD(&l, "inform"), 0);
	ladder_free(&l);

	memset(&e, 0, sizeof e);
	CHECK_INT(ladder_builtin(&l, "hart", &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	CHECK_STR(e.msg, "ladder: \"hart\" is not a built-in ladder (iap2, "
	    "arnstein)");
	ladder_free(&l);
	ladder_free(&l);
}

static int
load_ladder(struct ladder *l, const char *name, const char *bytes,
    struct err *e)
{
	memset(e, 0, sizeof *e);
	ladder_free(l);
	return ladder_load(l, t_file(name, bytes, strlen(bytes)), e);
}

static void
file_ladders(void)
{
	struct ladder l = {0};
	struct err e;
	char path[600];

	/* The first word of each rung, by line, is its name. */
	CHECK_INT(load_ladder(&l, "lad1.csv", "rung,name,note\n2,议事,x\n"
	    "1, 告知 ,\n03,Co-decide,\n1,公示,\n2,Deliberate,\n3.0,共治,\n"
	    "2,议事,\n", &e), 0);
	snprintf(path, sizeof path, "%s/lad1.csv", t_dir());
	CHECK_STR(l.name, path);
	CHECK_INT(l.nrungs, 3);
	CHECK_STR(l.rung_names[0], "告知");
	CHECK_STR(l.rung_names[1], "议事");
	CHECK_STR(l.rung_names[2], "Co-decide");
	CHECK_INT(LAD(&l, "公示"), 1);
	CHECK_INT(LAD(&l, "deliberate"), 2);
	CHECK_INT(LAD(&l, "共治"), 3);
	CHECK_INT(LAD(&l, "co-decide"), 3);
	CHECK_INT(LAD(&l, "3"), 3);
	CHECK_INT(LAD(&l, "4"), -1);
	CHECK_INT(LAD(&l, "inform"), 0); /* no built-in words */

	/* Sixteen rungs are the most. */
	{
		char big[2000];
		size_t n = 0;
		int r;

		n += (size_t)snprintf(big + n, sizeof big - n, "name,rung\n");
		for (r = 1; r <= 16; r++)
			n += (size_t)snprintf(big + n, sizeof big - n,
			    "r%d,%d\n", r, r);
		CHECK_INT(load_ladder(&l, "lad16.csv", big, &e), 0);
		CHECK_INT(l.nrungs, 16);
		CHECK_STR(l.rung_names[15], "r16");
		CHECK_INT(LAD(&l, "16"), 16);
		CHECK_INT(LAD(&l, "17"), -1);
	}

	CHECK_INT(load_ladder(&l, "lad2.csv", "name,rung\na,1\nb,17\n", &e),
	    -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK(msg_is(&e, "lad2.csv:3: column \"rung\": \"17\" is not a rung "
	    "(a whole number from 1 to 16)"));
	CHECK_INT(load_ladder(&l, "lad3.csv", "name,rung\na,1\nb,0\n", &e),
	    -1);
	CHECK(msg_is(&e, "lad3.csv:3: column \"rung\": \"0\" is not a rung "
	    "(a whole number from 1 to 16)"));
	CHECK_INT(load_ladder(&l, "lad4.csv", "name,rung\na,1\nb,1.5\n",
	    &e), -1);
	CHECK(msg_is(&e, "lad4.csv:3: column \"rung\": \"1.5\" is not a "
	    "rung (a whole number from 1 to 16)"));
	CHECK_INT(load_ladder(&l, "lad5.csv", "name,rung\na,1\nb,two\n", &e),
	    -1);
	CHECK(msg_is(&e, "lad5.csv:3: column \"rung\": \"two\" is not a "
	    "rung (a whole number from 1 to 16)"));
	CHECK_INT(load_ladder(&l, "lad6.csv", "name,rung\na,1\nc,3\n", &e),
	    -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK(msg_is(&e, "lad6.csv: rung 2 has no word: the rungs must be 1 "
	    "to 3 without a gap"));
	CHECK_INT(load_ladder(&l, "lad7.csv", "name,rung\nb,2\nc,3\n", &e),
	    -1);
	CHECK(msg_is(&e, "lad7.csv: rung 1 has no word: the rungs must be 1 "
	    "to 3 without a gap"));
	CHECK_INT(load_ladder(&l, "lad8.csv", "name,rung\na,1\nA,1\n", &e),
	    -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK(msg_is(&e, "lad8.csv: a ladder needs 2 rungs or more; this "
	    "one has 1"));
	CHECK_INT(load_ladder(&l, "lad9.csv", "name,rung\n", &e), -1);
	CHECK(msg_is(&e, "lad9.csv: a ladder needs 2 rungs or more; this "
	    "one has 0"));
	CHECK_INT(load_ladder(&l, "lad10.csv", "name,rung\na,1\nb,2\nA,2\n",
	    &e), -1);
	CHECK(msg_is(&e, "lad10.csv:4: column \"name\": \"A\" is mapped to "
	    "another rung on line 2"));
	CHECK_INT(load_ladder(&l, "lad11.csv", "name,rung\na,1\n\t,2\n",
	    &e), -1);
	CHECK(msg_is(&e, "lad11.csv:3: column \"name\": \"\" is empty: every "
	    "row names a word"));
	ladder_free(&l);
	memset(&e, 0, sizeof e);
	CHECK_INT(ladder_load(&l, "/nonexistent/ladder.csv", &e), -1);
	CHECK_INT(e.kind, ERR_IO);
	ladder_free(&l);
}

static void
initiators_and_answers(void)
{
	static const char *const citizen[] = {"citizen", "public",
	    "resident", "市民", "群众", "群眾", "公众", "公眾", "居民",
	    " Citizen "};
	static const char *const staff[] = {"staff", "employee",
	    "employee generated", "Employee Generated", "inspector", "监督员",
	    "監督員", "工作人员", "工作人員", "网格员", "網格員", "城管",
	    "STAFF"};
	static const char *const yes[] = {"yes", "y", "true", "1", "是",
	    "采纳", "採納", "已采纳", "已採納", " YES ", "True"};
	static const char *const no[] = {"no", "n", "false", "0", "否",
	    "未采纳", "未採納", "不采纳", "不採納", "\tNo"};
	size_t i;

	for (i = 0; i < sizeof citizen / sizeof citizen[0]; i++)
		t_report(initiator_lookup(citizen[i], strlen(citizen[i])) ==
		    INIT_CITIZEN, __FILE__, __LINE__, "citizen \"%s\"",
		    citizen[i]);
	for (i = 0; i < sizeof staff / sizeof staff[0]; i++)
		t_report(initiator_lookup(staff[i], strlen(staff[i])) ==
		    INIT_STAFF, __FILE__, __LINE__, "staff \"%s\"", staff[i]);
	CHECK_INT(initiator_lookup("", 0), INIT_UNKNOWN);
	CHECK_INT(initiator_lookup("employee  generated", 19), INIT_UNKNOWN);
	CHECK_INT(initiator_lookup("robot", 5), INIT_UNKNOWN);
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		t_report(yesno_lookup(yes[i], strlen(yes[i])) == 1, __FILE__,
		    __LINE__, "yes \"%s\"", yes[i]);
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		t_report(yesno_lookup(no[i], strlen(no[i])) == 0, __FILE__,
		    __LINE__, "no \"%s\"", no[i]);
	CHECK_INT(yesno_lookup("", 0), -1);
	CHECK_INT(yesno_lookup("  ", 2), -1);
	CHECK_INT(yesno_lookup("maybe", 5), -1);
	CHECK_INT(yesno_lookup("2", 1), -1);
	CHECK_INT(yesno_lookup("部分采纳", strlen("部分采纳")), -1);
}

void
suite_vocab(void)
{
	channels();
	channel_maps();
	builtin_ladders();
	file_ladders();
	initiators_and_answers();
}
