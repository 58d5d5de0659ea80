/*
 * rules.h - deadline rules for caseflow: how long each stage may take.
 *
 * A rules file is CSV with columns category, stage, limit, unit: unit h is
 * clock hours, wh working hours, wd working days (the limit counts from
 * the report time).  A category of "*" (or empty) is the rule for every
 * category that has none of its own.  The rules own their strings; free
 * them with rules_free().
 */
#ifndef RULES_H
#define RULES_H

#include <stddef.h>

#include "caseflow/stage.h"
#include "core/util.h"
#include "core/workcal.h"

struct rule {
	char *category; /* "" for the default */
	enum stage stage;
	double limit;
	enum limit_unit unit;
	long line;      /* its line in the rules file, for messages */
};

struct rules {
	struct rule *r;
	size_t n, cap;
	char *path;     /* the rules file's name, for messages */
};

/*
 * Read a rules file into *rs (zeroed by the caller, who frees it with
 * rules_free(), also after a failure; it keeps the path for messages).  Stages may be given
 * in English or Chinese (see stage.h).  Returns 0, or -1 with *e set
 * (FILE:LINE: message): a bad stage, limit (not a positive number; a
 * whole number for wd) or unit, or the same category and stage twice.
 */
int rules_load(struct rules *rs, const char *path, struct err *e);

/* Free the rules' strings and array. */
void rules_free(struct rules *rs);

/*
 * The rule for this category (len bytes) and stage: the category's own,
 * else the default, else NULL.
 */
const struct rule *rules_find(const struct rules *rs, const char *category,
    size_t len, enum stage stage);

/* The deadline under rule ru for a case reported at time t. */
double rule_deadline(const struct rule *ru, const struct workcal *c,
    double t);

#endif
