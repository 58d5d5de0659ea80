/*
 * stage.h - the stages of a case in digital city management and 12345
 * hotlines, and the words cities use for them (for caseflow).
 *
 * The workflow: 信息收集 report -> 案卷建立 file -> 任务派遣 dispatch ->
 * 任务处理 handle -> 处理反馈 feedback -> 核查 verify -> 结案 close, with
 * side steps rework (返工), suspend (缓办), resume (恢复), extend (延期),
 * return (回退, a dispatch sent back) and cancel (作废), and notes: steps
 * that are read but measure nothing (签收, a department signing for a
 * case; 回访, a callback that in many hotlines comes after 办结).
 *
 * The built-in words are the English names, the Simplified and
 * Traditional Chinese names of digital city management (上报/上報 ...)
 * and the words of 12345 hotlines (受理, 转办, 交办, 办理, 办结 ...); the
 * table is in stage.c and in caseflow(1).
 *
 * A stage_map holds a city's own words (from --stage-map FILE, a CSV with
 * columns name,stage); they are looked up before the built-in English and
 * Chinese names.  The map owns its strings; free it with stage_map_free().
 */
#ifndef STAGE_H
#define STAGE_H

#include <stddef.h>

#include "core/util.h"
#include "core/words.h"

enum stage {
	ST_REPORT, ST_FILE, ST_DISPATCH, ST_HANDLE, ST_FEEDBACK, ST_VERIFY,
	ST_CLOSE, ST_REWORK, ST_SUSPEND, ST_RESUME, ST_EXTEND, ST_RETURN,
	ST_CANCEL, ST_NOTE, ST_COUNT,
	ST_UNKNOWN = -1
};

/* The English name of a stage ("report" ...), as written in output. */
const char *stage_name(enum stage s);

struct stage_map {
	struct word_map words; /* the city's words, stages as values */
};

/*
 * Read a CSV with columns name and stage (stage: an English or Chinese
 * built-in name) into *m (zeroed by the caller, who frees it with
 * stage_map_free(), also after a failure).  An empty name, or a name
 * given two different stages, is an error.  Returns 0, or -1 with *e set
 * (FILE:LINE: message; core/words.h has them).
 */
int stage_map_load(struct stage_map *m, const char *path, struct err *e);

/* Free the map's strings and zero it; m may be zeroed. */
void stage_map_free(struct stage_map *m);

/*
 * The stage named by the len bytes at s (blanks around ignored): the
 * map's words first, then the built-in names, both with ASCII letters in
 * any case.  m may be NULL.  ST_UNKNOWN if none matches.
 */
enum stage stage_lookup(const struct stage_map *m, const char *s, size_t len);

#endif
