#include "partscore/vocab.h"

#include <stdlib.h>
#include <string.h>

/*
 * The built-in words.  Every lookup trims blanks (spaces, tabs) around
 * the text and compares ASCII letters in any case ("PHONE" is "phone");
 * Chinese words are compared byte for byte, so the Simplified and the
 * Traditional form are listed each.  The lists are hashed (core/words.h):
 * partscore looks a word up once per event.
 *
 * Channels: how an event reached the city.
 *
 *   channel       words
 *   hotline       12345 311 phone telephone 市民热线 市民熱線 热线 熱線
 *                 政务热线 政務熱線 市长热线 市長熱線 电话 電話
 *   mailbox       mail email e-mail letter 市长信箱 市長信箱 信箱 来信 來信
 *   web           website online portal 网站 網站 网上 網上 门户网站
 *                 門戶網站
 *   app           mobile 手机 手機 客户端 客戶端 移动端 移動端 随手拍 隨手拍
 *   weibo         微博
 *   wechat        weixin 微信 公众号 公眾號 小程序
 *   hearing       "public hearing" 网上听证 網上聽證 听证 聽證 听证会 聽證會
 *   solicitation  consultation comment "public comment" 征求意见 徵求意見
 *                 意见征集 意見徵集 公开征求意见 公開徵求意見
 *   committee     council 委员会 委員會 城市治理委员会 城市治理委員會
 *   visit         walk-in "in person" in-person 来访 來訪 信访 信訪 走访 走訪
 *   inspector     patrol 监督员上报 監督員上報 监督员 監督員 网格员 網格員
 *                 巡查
 *   other         unknown 其他 其它
 *
 * Each channel's own name is a word for it too.  NYC 311's Open Data
 * Channel Type (PHONE, ONLINE, MOBILE, OTHER, UNKNOWN) reads as hotline,
 * web, app, other and other: UNKNOWN is a channel nobody recorded, which
 * is no channel of its own, and partscore counts it with OTHER (as the
 * NYC fixture's expected results do).  征求意见 is a channel here (the
 * city asks for comments) and a rung of the IAP2 ladder below (consult):
 * the tables are apart, so a word may be in both.
 */
static const struct word_def channel_defs[] = {
	/* The canonical names first, in the order of enum channel
	 * (channel_name() reads them here). */
	{"hotline", CH_HOTLINE}, {"mailbox", CH_MAILBOX}, {"web", CH_WEB},
	{"app", CH_APP}, {"weibo", CH_WEIBO}, {"wechat", CH_WECHAT},
	{"hearing", CH_HEARING}, {"solicitation", CH_SOLICITATION},
	{"committee", CH_COMMITTEE}, {"visit", CH_VISIT},
	{"inspector", CH_INSPECTOR}, {"other", CH_OTHER},

	{"12345", CH_HOTLINE}, {"311", CH_HOTLINE}, {"phone", CH_HOTLINE},
	{"telephone", CH_HOTLINE}, {"市民热线", CH_HOTLINE},
	{"市民熱線", CH_HOTLINE}, {"热线", CH_HOTLINE}, {"熱線", CH_HOTLINE},
	{"政务热线", CH_HOTLINE}, {"政務熱線", CH_HOTLINE},
	{"市长热线", CH_HOTLINE}, {"市長熱線", CH_HOTLINE},
	{"电话", CH_HOTLINE}, {"電話", CH_HOTLINE},

	{"mail", CH_MAILBOX}, {"email", CH_MAILBOX}, {"e-mail", CH_MAILBOX},
	{"letter", CH_MAILBOX}, {"市长信箱", CH_MAILBOX},
	{"市長信箱", CH_MAILBOX}, {"信箱", CH_MAILBOX}, {"来信", CH_MAILBOX},
	{"來信", CH_MAILBOX},

	{"website", CH_WEB}, {"online", CH_WEB}, {"portal", CH_WEB},
	{"网站", CH_WEB}, {"網站", CH_WEB}, {"网上", CH_WEB},
	{"網上", CH_WEB}, {"门户网站", CH_WEB}, {"門戶網站", CH_WEB},

	{"mobile", CH_APP}, {"手机", CH_APP}, {"手機", CH_APP},
	{"客户端", CH_APP}, {"客戶端", CH_APP}, {"移动端", CH_APP},
	{"移動端", CH_APP}, {"随手拍", CH_APP}, {"隨手拍", CH_APP},

	{"微博", CH_WEIBO},

	{"weixin", CH_WECHAT}, {"微信", CH_WECHAT}, {"公众号", CH_WECHAT},
	{"公眾號", CH_WECHAT}, {"小程序", CH_WECHAT},

	{"public hearing", CH_HEARING}, {"网上听证", CH_HEARING},
	{"網上聽證", CH_HEARING}, {"听证", CH_HEARING},
	{"聽證", CH_HEARING}, {"听证会", CH_HEARING},
	{"聽證會", CH_HEARING},

	{"consultation", CH_SOLICITATION}, {"comment", CH_SOLICITATION},
	{"public comment", CH_SOLICITATION},
	{"征求意见", CH_SOLICITATION}, {"徵求意見", CH_SOLICITATION},
	{"意见征集", CH_SOLICITATION}, {"意見徵集", CH_SOLICITATION},
	{"公开征求意见", CH_SOLICITATION},
	{"公開徵求意見", CH_SOLICITATION},

	{"council", CH_COMMITTEE}, {"委员会", CH_COMMITTEE},
	{"委員會", CH_COMMITTEE}, {"城市治理委员会", CH_COMMITTEE},
	{"城市治理委員會", CH_COMMITTEE},

	{"walk-in", CH_VISIT}, {"in person", CH_VISIT},
	{"in-person", CH_VISIT}, {"来访", CH_VISIT}, {"來訪", CH_VISIT},
	{"信访", CH_VISIT}, {"信訪", CH_VISIT}, {"走访", CH_VISIT},
	{"走訪", CH_VISIT},

	{"patrol", CH_INSPECTOR}, {"监督员上报", CH_INSPECTOR},
	{"監督員上報", CH_INSPECTOR}, {"监督员", CH_INSPECTOR},
	{"監督員", CH_INSPECTOR}, {"网格员", CH_INSPECTOR},
	{"網格員", CH_INSPECTOR}, {"巡查", CH_INSPECTOR},

	{"unknown", CH_OTHER}, {"其他", CH_OTHER}, {"其它", CH_OTHER},
};
static struct word_list channels = WORD_LIST(channel_defs);

/*
 * Who started an event.
 *
 *   citizen  citizen public resident 市民 群众 群眾 公众 公眾 居民
 *   staff    staff employee "employee generated" inspector 监督员 監督員
 *            工作人员 工作人員 网格员 網格員 城管
 *
 * "Employee Generated" is how some US 311 systems mark a request their
 * own workers opened.
 */
static const struct word_def initiator_defs[] = {
	{"citizen", INIT_CITIZEN}, {"public", INIT_CITIZEN},
	{"resident", INIT_CITIZEN}, {"市民", INIT_CITIZEN},
	{"群众", INIT_CITIZEN}, {"群眾", INIT_CITIZEN},
	{"公众", INIT_CITIZEN}, {"公眾", INIT_CITIZEN},
	{"居民", INIT_CITIZEN},
	{"staff", INIT_STAFF}, {"employee", INIT_STAFF},
	{"employee generated", INIT_STAFF}, {"inspector", INIT_STAFF},
	{"监督员", INIT_STAFF}, {"監督員", INIT_STAFF},
	{"工作人员", INIT_STAFF}, {"工作人員", INIT_STAFF},
	{"网格员", INIT_STAFF}, {"網格員", INIT_STAFF}, {"城管", INIT_STAFF},
};
static struct word_list initiators = WORD_LIST(initiator_defs);

/*
 * Yes and no (the adopted column): core's words (yesno_word: yes, y,
 * true, 1, 是; no, n, false, 0, 否) and these.
 *
 *   yes  采纳 採納 已采纳 已採納
 *   no   未采纳 未採納 不采纳 不採納
 */
static const struct word_def adopted_defs[] = {
	{"采纳", 1}, {"採納", 1}, {"已采纳", 1}, {"已採納", 1},
	{"未采纳", 0}, {"未採納", 0}, {"不采纳", 0}, {"不採納", 0},
};
static struct word_list adopted = WORD_LIST(adopted_defs);

/*
 * The built-in ladders.  A level is a word of the ladder or the number of
 * its rung.
 *
 * iap2, the IAP2 Spectrum of Public Participation:
 *
 *   1 inform       公示 告知 通知 公告 公开 公開
 *   2 consult      咨询 諮詢 发表意见 發表意見 征求意见 徵求意見 意见征集
 *                  意見徵集 座谈 座談 座谈会 座談會
 *   3 involve      参与 參與 听证 聽證 听证会 聽證會
 *   4 collaborate  合作 协商 協商 共同决策 共同決策
 *   5 empower      授权 授權 赋权 賦權 自治 决定 決定
 *
 * arnstein, Arnstein's ladder of citizen participation (1969):
 *
 *   1 manipulation     操纵 操縱
 *   2 therapy          治疗 治療
 *   3 informing        告知
 *   4 consultation     咨询 諮詢
 *   5 placation        安抚 安撫
 *   6 partnership      伙伴关系 夥伴關係 合作
 *   7 delegated power  delegated_power delegated-power 授权 授權
 *   8 citizen control  citizen_control citizen-control 公民控制
 *
 * The first word of each rung is its name.
 */
static const struct word_def iap2_defs[] = {
	{"inform", 1}, {"consult", 2}, {"involve", 3}, {"collaborate", 4},
	{"empower", 5},
	{"公示", 1}, {"告知", 1}, {"通知", 1}, {"公告", 1}, {"公开", 1},
	{"公開", 1},
	{"咨询", 2}, {"諮詢", 2}, {"发表意见", 2}, {"發表意見", 2},
	{"征求意见", 2}, {"徵求意見", 2}, {"意见征集", 2}, {"意見徵集", 2},
	{"座谈", 2}, {"座談", 2}, {"座谈会", 2}, {"座談會", 2},
	{"参与", 3}, {"參與", 3}, {"听证", 3}, {"聽證", 3}, {"听证会", 3},
	{"聽證會", 3},
	{"合作", 4}, {"协商", 4}, {"協商", 4}, {"共同决策", 4},
	{"共同決策", 4},
	{"授权", 5}, {"授權", 5}, {"赋权", 5}, {"賦權", 5}, {"自治", 5},
	{"决定", 5}, {"決定", 5},
};

static const struct word_def arnstein_defs[] = {
	{"manipulation", 1}, {"therapy", 2}, {"informing", 3},
	{"consultation", 4}, {"placation", 5}, {"partnership", 6},
	{"delegated power", 7}, {"citizen control", 8},
	{"操纵", 1}, {"操縱", 1},
	{"治疗", 2}, {"治療", 2},
	{"告知", 3},
	{"咨询", 4}, {"諮詢", 4},
	{"安抚", 5}, {"安撫", 5},
	{"伙伴关系", 6}, {"夥伴關係", 6}, {"合作", 6},
	{"delegated_power", 7}, {"delegated-power", 7}, {"授权", 7},
	{"授權", 7},
	{"citizen_control", 8}, {"citizen-control", 8}, {"公民控制", 8},
};

static const struct {
	const char *name;
	const struct word_def *def;
	size_t n;
	int nrungs;
} builtin_ladders[] = {
	{"iap2", iap2_defs, sizeof iap2_defs / sizeof iap2_defs[0], 5},
	{"arnstein", arnstein_defs,
	    sizeof arnstein_defs / sizeof arnstein_defs[0], 8},
};

#define MAX_RUNGS 16

/* --- channels --- */

const char *
channel_name(enum channel c)
{
	return c >= 0 && c < CH_COUNT ? channel_defs[c].word : "?";
}

enum channel
channel_lookup(const struct channel_map *m, const char *s, size_t len)
{
	int c;

	trim_blanks(&s, &len);
	if (m != NULL && (c = word_map_find(&m->words, s, len)) >= 0)
		return (enum channel)c;
	return (enum channel)word_list_find(&channels, s, len);
}

static int
decode_channel(const char *s, size_t len)
{
	return word_list_find(&channels, s, len);
}

int
channel_map_load(struct channel_map *m, const char *path, struct err *e)
{
	static const struct word_map_spec spec = {
		.column = "channel", .noun = "channel",
		.what = "is not a channel (hotline, mailbox, web, app, weibo, "
		    "wechat, hearing, solicitation, committee, visit, "
		    "inspector, other, or a word partscore knows for one)",
		.decode = decode_channel,
	};

	return word_map_load(&m->words, path, &spec, e);
}

void
channel_map_free(struct channel_map *m)
{
	word_map_free(&m->words);
}

/* --- ladders --- */

/*
 * The whole number the len bytes at s write: an optional sign, decimal
 * digits, and optionally a point followed by zeros only ("3", "+3",
 * "03", "3.0"; a spreadsheet or pandas may write a level 3 as 3.0).
 * Returns 1 with *v set (clamped to +-1000000 when larger), or 0 when s
 * is no such number ("3.5", "3x", "", "-").
 */
static int
whole_number(const char *s, size_t len, long *v)
{
	size_t i = 0;
	long n = 0;
	int neg = 0;

	if (len > 0 && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		i++;
	}
	if (i == len || s[i] < '0' || s[i] > '9')
		return 0;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		if (n < 1000000)
			n = n * 10 + (s[i] - '0');
	if (n > 1000000)
		n = 1000000;
	if (i < len) {
		if (s[i++] != '.' || i == len)
			return 0;
		for (; i < len; i++)
			if (s[i] != '0')
				return 0;
	}
	*v = neg ? -n : n;
	return 1;
}

int
ladder_lookup(const struct ladder *l, const char *s, size_t len)
{
	long v;
	int r;

	trim_blanks(&s, &len);
	if ((r = word_map_find(&l->words, s, len)) >= 0)
		return r;
	if (!whole_number(s, len, &v))
		return 0;
	return v >= 1 && v <= l->nrungs ? (int)v : -1;
}

static int
decode_rung(const char *s, size_t len)
{
	long v;

	if (!whole_number(s, len, &v) || v < 1 || v > MAX_RUNGS)
		return -1;
	return (int)v;
}

/* Give l its rung names: rung r's is names[r - 1]. */
static int
set_rung_names(struct ladder *l, const char *const *names, struct err *e)
{
	int i;

	l->rung_names = calloc((size_t)l->nrungs, sizeof *l->rung_names);
	if (l->rung_names == NULL)
		return err_nomem(e);
	for (i = 0; i < l->nrungs; i++)
		if ((l->rung_names[i] = str_ndup(names[i],
		    strlen(names[i]))) == NULL)
			return err_nomem(e);
	return 0;
}

int
ladder_builtin(struct ladder *l, const char *name, struct err *e)
{
	const char *names[MAX_RUNGS];
	size_t i, k;
	char q[80];

	for (k = 0; k < sizeof builtin_ladders / sizeof builtin_ladders[0];
	    k++)
		if (word_is(name, strlen(name), builtin_ladders[k].name))
			break;
	if (k == sizeof builtin_ladders / sizeof builtin_ladders[0])
		return errf(e, ERR_USAGE, "ladder: %s is not a built-in ladder "
		    "(iap2, arnstein)", quote_value(q, sizeof q, name,
			strlen(name)));
	l->nrungs = builtin_ladders[k].nrungs;
	if ((l->name = str_ndup(builtin_ladders[k].name,
	    strlen(builtin_ladders[k].name))) == NULL)
		return err_nomem(e);
	for (i = 0; i < builtin_ladders[k].n; i++) {
		const struct word_def *d = &builtin_ladders[k].def[i];

		if (word_map_add(&l->words, d->word, strlen(d->word), d->value,
		    0, NULL) < 0)
			return err_nomem(e);
		if (i < (size_t)l->nrungs)
			names[i] = d->word; /* the names come first */
	}
	return set_rung_names(l, names, e);
}

int
ladder_load(struct ladder *l, const char *path, struct err *e)
{
	static const struct word_map_spec spec = {
		.column = "rung", .noun = "rung",
		.what = "is not a rung (a whole number from 1 to 16)",
		.decode = decode_rung,
	};
	const char *names[MAX_RUNGS] = {NULL};
	long first[MAX_RUNGS] = {0};
	const char *file = path == NULL || strcmp(path, "-") == 0 ?
	    "<stdin>" : path;
	size_t i;
	int r;

	if (word_map_load(&l->words, path, &spec, e) < 0)
		return -1;
	for (i = 0; i < l->words.cap; i++) {
		const struct word_map_entry *w = &l->words.slot[i];

		if (w->word == NULL)
			continue;
		r = w->value - 1;
		if (names[r] == NULL || w->line < first[r]) {
			names[r] = w->word;
			first[r] = w->line;
		}
		if (w->value > l->nrungs)
			l->nrungs = w->value;
	}
	if (l->nrungs < 2)
		return errf(e, ERR_DATA, "%s: a ladder needs 2 rungs or more; "
		    "this one has %d", file, l->nrungs);
	for (r = 0; r < l->nrungs; r++)
		if (names[r] == NULL)
			return errf(e, ERR_DATA, "%s: rung %d has no word: the "
			    "rungs must be 1 to %d without a gap", file, r + 1,
			    l->nrungs);
	if ((l->name = str_ndup(path ? path : "-", strlen(path ? path :
	    "-"))) == NULL)
		return err_nomem(e);
	return set_rung_names(l, names, e);
}

void
ladder_free(struct ladder *l)
{
	int i;

	if (l->rung_names != NULL)
		for (i = 0; i < l->nrungs; i++)
			free(l->rung_names[i]);
	free(l->rung_names);
	free(l->name);
	word_map_free(&l->words);
	memset(l, 0, sizeof *l);
}

/* --- initiators and yes/no --- */

enum initiator
initiator_lookup(const char *s, size_t len)
{
	trim_blanks(&s, &len);
	return (enum initiator)word_list_find(&initiators, s, len);
}

int
yesno_lookup(const char *s, size_t len)
{
	int v;

	trim_blanks(&s, &len);
	if ((v = yesno_word(s, len)) >= 0)
		return v;
	return word_list_find(&adopted, s, len);
}
