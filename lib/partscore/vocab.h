/*
 * vocab.h - the words partscore reads: participation channels, the rungs
 * of a participation ladder, who initiated an event, and yes/no answers
 * (the adopted column), built in for English and Chinese (Simplified and
 * Traditional) and extended by a city's own files.
 *
 * Lookups trim blanks around the word and ignore ASCII case (Chinese is
 * compared byte for byte; both scripts are listed).  A city's words
 * (--channel-map, a ladder FILE) are looked up before the built-in ones.
 * Every lookup hashes (core/words.h): its cost does not grow with the
 * number of words, and lookups may run on several threads at once.  The
 * full word tables are in vocab.c.  The maps and ladders own their
 * strings; free them with channel_map_free() and ladder_free().  Nothing
 * here prints or exits.
 */
#ifndef PS_VOCAB_H
#define PS_VOCAB_H

#include <stddef.h>

#include "core/util.h"
#include "core/words.h"

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
	struct word_map words; /* the words, channels as values */
};

/*
 * Read a channel map (CSV, header with columns name and channel, in any
 * order; other columns ignored) into *m, zeroed by the caller.  channel
 * must be a canonical channel or a built-in word for one; a name given
 * twice with different channels, an empty name or an unknown channel is
 * an error naming FILE:LINE and the value (core/words.h has the
 * messages).  The caller frees *m with channel_map_free(), also after a
 * failure.  Returns 0, or -1 with *e set (ERR_DATA, or ERR_IO when the
 * file cannot be read).
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
 * Types PHONE hotline, ONLINE web, MOBILE app, OTHER and UNKNOWN other).
 * CH_UNKNOWN when none.
 */
enum channel channel_lookup(const struct channel_map *m, const char *s,
    size_t len);

/* A participation ladder: rungs 1..nrungs, each with a name and words. */
struct ladder {
	char *name;          /* "iap2", "arnstein" or the file's path */
	int nrungs;          /* 2 .. 16 */
	char **rung_names;   /* [0..nrungs-1]: the name of rung i+1 */
	struct word_map words; /* the words, rungs as values */
};

/*
 * Fill *l (zeroed by the caller) with a built-in ladder: "iap2" (inform
 * 1, consult 2, involve 3, collaborate 4, empower 5; 公示 告知 inform,
 * 发表意见 咨询 consult, 听证 involve, 共同决策 collaborate, 授权 empower,
 * ...) or "arnstein" (manipulation 1, therapy 2, informing 3,
 * consultation 4, placation 5, partnership 6, delegated power 7, citizen
 * control 8; delegated_power and citizen_control too).  The name is
 * compared in any case.  The caller frees *l with ladder_free(), also
 * after a failure.  Returns 0, or -1 with *e set (ERR_USAGE for another
 * name, ERR_NOMEM).
 */
int ladder_builtin(struct ladder *l, const char *name, struct err *e);

/*
 * Read a ladder from FILE into *l (zeroed by the caller, who frees it
 * with ladder_free(), also after a failure): a CSV with columns name and
 * rung, in any order, other columns ignored; each row maps a word to a
 * rung, a whole number from 1 to 16.  The rungs used must be 1..N
 * without a gap, 2 <= N <= 16; the first word of each rung in the file
 * is its name; the built-in words are not the ladder's.  An empty name,
 * a word given two rungs or a rung that is no whole number 1..16 is an
 * error naming FILE:LINE and the value; a gap or fewer than 2 rungs one
 * naming FILE.  Returns 0, or -1 with *e set (ERR_DATA, ERR_IO, ERR_NOMEM).
 */
int ladder_load(struct ladder *l, const char *path, struct err *e);

/* Free what ladder_builtin() or ladder_load() allocated; l may be zeroed. */
void ladder_free(struct ladder *l);

/*
 * The rung (1..l->nrungs) that the len bytes at s name: a word of the
 * ladder, or a whole number written in decimal (an optional sign, digits,
 * and optionally a point and zeros: "3", "03", "+3", "3.0").  Returns the
 * rung, 0 when the text is neither ("3.5", "3x", ""), or -1 when it is a
 * whole number outside 1..nrungs (a level outside the ladder: "6" on
 * iap2, "0", "-1").
 */
int ladder_lookup(const struct ladder *l, const char *s, size_t len);

/* Who started an event. */
enum initiator { INIT_UNKNOWN = -1, INIT_CITIZEN, INIT_STAFF };

/*
 * The initiator the len bytes at s name: citizen, public, resident, 市民,
 * 群众, 公众, 居民 (and Traditional 群眾, 公眾) are citizens; staff,
 * employee, "employee generated" (some US 311 systems), inspector,
 * 监督员, 工作人员, 网格员 (and Traditional 監督員, 工作人員, 網格員),
 * 城管 are staff.  INIT_UNKNOWN when none.
 */
enum initiator initiator_lookup(const char *s, size_t len);

/*
 * A yes/no answer (the adopted column): 1 for yes, y, true, 1, 是,
 * 采纳, 已采纳 (Traditional 採納, 已採納); 0 for no, n, false, 0, 否,
 * 未采纳, 不采纳 (未採納, 不採納); -1 for anything else (an empty value
 * is -1: not recorded).  The English and 是/否 are core's yesno_word().
 */
int yesno_lookup(const char *s, size_t len);

#endif
