/*
 * valuemap.h - the answers caseflow reads in the callback columns
 * (contacted, resolved, satisfaction) and the wide form's status column:
 * the built-in words, English and Chinese (Simplified and Traditional),
 * and a city's own words from --value-map FILE.
 *
 * A value map is a CSV with columns column, value, meaning: column is a
 * role (contacted, resolved, satisfaction, status) or the input column
 * named for one by --contacted, --resolved, --satisfaction or --status;
 * value is the word as the data has it; meaning is a built-in word of the
 * role (yes, no, satisfied, basically, unsatisfied, cancelled, or any of
 * their other spellings).  Map words are looked up before the built-in
 * ones.  The map owns its strings; free it with value_map_free().
 */
#ifndef VALUEMAP_H
#define VALUEMAP_H

#include <stddef.h>

#include "core/util.h"

/* The columns whose words are read: the callback ones, then status. */
enum value_role { VR_CONTACTED, VR_RESOLVED, VR_SATISFACTION, VR_STATUS,
	VR_COUNT };

/* What a word means. */
enum meaning {
	M_NONE = -1, M_YES, M_NO, M_SATISFIED, M_BASIC, M_UNSATISFIED,
	M_CANCELLED
};

struct value_word {
	char *column;     /* a role name or an input column's name */
	char *value;      /* the word, blanks around it trimmed */
	enum meaning meaning;
	long line;        /* its line in the map, for messages */
};

struct value_map {
	struct value_word *w;
	size_t n, cap;
	char *path;       /* the map's name, for messages */
};

/* The English name of a role ("contacted" ...): a static string. */
const char *value_role_name(enum value_role r);

/*
 * The meaning of the len bytes at s (blanks around them trimmed) as a
 * built-in word of role r: yes or no for contacted and resolved (the
 * latter also 已解决 yes, 未解决 and 部分解决 no), satisfied, basically or
 * unsatisfied for satisfaction (非常满意 and 满意 satisfied, 基本满意
 * basically, 一般, 不满意 and 非常不满意 unsatisfied), cancelled for
 * status.  M_NONE when it is none of them.
 */
enum meaning value_builtin(enum value_role r, const char *s, size_t len);

/*
 * Does meaning m make sense for role r (yes or no for contacted and
 * resolved, a satisfaction for satisfaction, cancelled for status)?
 */
int value_meaning_fits(enum value_role r, enum meaning m);

/*
 * Read a CSV with columns column, value and meaning into *m (zeroed by
 * the caller, who owns it and frees it with value_map_free(), also after
 * a failure); every meaning must be a built-in word of some role and
 * no value may be empty.  Returns 0, or -1 with *e set (FILE:LINE:
 * message).  Which column each row names is checked by the run, which
 * knows the columns.
 */
int value_map_load(struct value_map *m, const char *path, struct err *e);

/* Free the strings and array *m owns, and zero it; the caller owns m. */
void value_map_free(struct value_map *m);

#endif
