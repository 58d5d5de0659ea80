/*
 * vocab.h - the words partscore reads: participation channels, the rungs
 * of a participation ladder, who initiated an event, and yes/no answers
 * (the adopted column), built in for English and Chinese (Simplified and
 * Traditional) and extended by a city's own files.
 *
 * Lookups trim blanks around the word and ignore ASCII case.  A city's
 * words (--channel-map, a ladder FILE) are looked up before the built-in
 * ones.  The maps and ladders own their strings; free them with
 * channel_map_free() and ladder_free().  Nothing here prints or exits.
 */
#ifndef PS_VOCAB_H
#define PS_VOCAB_H

#include <stddef.h>

#include "core/util.h"

/* The canonical channels, in the order partscore writes them. */
enum channel {
	CH_HOTLINE, CH_MAILBOX, CH_WEB, CH_APP, CH_WEIBO, CH_WECHAT,
	CH_HEARING, CH_SOLICITATION, CH_COMMITTEE, CH_VISIT, CH_INSPECTOR,
	CH_OTHER, CH_COUNT,
	CH_UNKNOWN = -1
};

/* The canonical English name of c ("hotline" ...): a static string. */
const char *channel_name(enum channel c);

/* A city's channel words from --channel-map FILE (columns name,channel). */
struct channel_map {
	struct channel_word *words; /* private to vocab.c */
	size_t n, cap;
};

/*
 * Read a channel map (CSV, header with columns name and channel, in any
 * order; other columns ignored) into *m, zeroed by the caller.  channel
 * must be a canonical channel or a built-in word for one; a name given
 * twice with different channels, an empty name or an unknown channel is
 * an error naming FILE:LINE and the value.  Returns 0, or -1 with *e set
 * (ERR_DATA, or ERR_IO when the file cannot be read).
 */
int channel_map_load(struct channel_map *m, const char *path, struct err *e);

/* Free what channel_map_load() allocated; m may be zeroed. */
void channel_map_free(struct channel_map *m);

/*
 * The channel the len bytes at s name: m's words first (m may be NULL),
 * then the canonical names and the built-in words (12345, 市民热线 and
 * 热线 hotline; 市长信箱 mailbox; 微博 weibo; 微信 wechat; 网上听证 and
 * 听证会 hearing; 征求意见 solicitation; 委员会 committee; 来访 and 信访
 * visit; 监督员上报 inspector; ...; and the NYC 311 Open Data Channel
 * Types PHONE, ONLINE, MOBILE, OTHER, UNKNOWN).  CH_UNKNOWN when none.
 */
enum channel channel_lookup(const struct channel_map *m, const char *s,
    size_t len);

/* A participation ladder: rungs 1..nrungs, each with a name and words. */
struct ladder {
	char *name;          /* "iap2", "arnstein" or the file's path */
	int nrungs;          /* 2 .. 16 */
	char **rung_names;   /* [0..nrungs-1]: the name of rung i+1 */
	struct ladder_word *words; /* private to vocab.c */
	size_t n, cap;
};

/*
 * Fill *l (zeroed by the caller) with a built-in ladder: "iap2" (inform
 * 1, consult 2, involve 3, collaborate 4, empower 5; 公示 告知 inform,
 * 发表意见 咨询 consult, 听证 involve, 共同决策 collaborate, 授权 empower,
 * ...) or "arnstein" (manipulation 1, therapy 2, informing 3,
 * consultation 4, placation 5, partnership 6, delegated power 7, citizen
 * control 8).  Returns 0, or -1 with *e set (ERR_USAGE for another name,
 * ERR_NOMEM).
 */
int ladder_builtin(struct ladder *l, const char *name, struct err *e);

/*
 * Read a ladder from FILE (CSV with columns name and rung: each row maps
 * a word to a rung number; the rungs used must be 1..N without a gap,
 * 2 <= N <= 16; the first word of each rung is its name).  Errors name
 * FILE:LINE and the value.  Returns 0, or -1 with *e set.
 */
int ladder_load(struct ladder *l, const char *path, struct err *e);

/* Free what ladder_builtin() or ladder_load() allocated; l may be zeroed. */
void ladder_free(struct ladder *l);

/*
 * The rung (1..l->nrungs) that the len bytes at s name: a word of the
 * ladder, or a whole number written in decimal.  Returns the rung, 0 when
 * the text is no word of the ladder, or -1 when it is a whole number
 * outside 1..nrungs (a level outside the ladder).
 */
int ladder_lookup(const struct ladder *l, const char *s, size_t len);

/* Who started an event. */
enum initiator { INIT_UNKNOWN = -1, INIT_CITIZEN, INIT_STAFF };

/*
 * The initiator the len bytes at s name: citizen, public, resident, 市民,
 * 群众, 公众, 居民 (and Traditional forms) are citizens; staff, employee,
 * "employee generated", inspector, 监督员, 工作人员, 网格员, 城管 are staff.
 * INIT_UNKNOWN when none.
 */
enum initiator initiator_lookup(const char *s, size_t len);

/*
 * A yes/no answer (the adopted column): 1 for yes, y, true, 1, 是,
 * 采纳, 已采纳; 0 for no, n, false, 0, 否, 未采纳, 不采纳; -1 for
 * anything else (an empty value is -1: not recorded).
 */
int yesno_lookup(const char *s, size_t len);

#endif
