/*
 * methods.c - the names of rankcity's methods, as its options, messages
 * and man page spell them: one table for the library and cmd/rankcity.c.
 */
#include <string.h>

#include "rankcity/rankcity.h"

struct method {
	const char *name;
	int value;
};

/* Each kind's names in the order the man page lists them, and the list
 * as messages write it. */
static const struct {
	const char *list;
	struct method m[8];
} table[RC_M_COUNT] = {
	[RC_M_IMPUTE] = {"mean, median, group-mean:COLUMN or "
	    "group-median:COLUMN", {{"mean", RC_IMPUTE_MEAN},
	    {"median", RC_IMPUTE_MEDIAN}, {"group-mean", RC_IMPUTE_GROUP_MEAN},
	    {"group-median", RC_IMPUTE_GROUP_MEDIAN}, {NULL, 0}}},
	[RC_M_NORM] = {"minmax[:L,U], zscore[:M,SD], rank, goalposts[:SCALE], "
	    "dist2targ[:cap] or none", {{"minmax", RC_NORM_MINMAX},
	    {"zscore", RC_NORM_ZSCORE}, {"rank", RC_NORM_RANK},
	    {"goalposts", RC_NORM_GOALPOSTS}, {"dist2targ", RC_NORM_DIST2TARG},
	    {"none", RC_NORM_NONE}, {NULL, 0}}},
	[RC_M_WEIGHTS] = {"meta, equal, entropy or pca", {{"meta", RC_W_META},
	    {"equal", RC_W_EQUAL}, {"entropy", RC_W_ENTROPY},
	    {"pca", RC_W_PCA}, {NULL, 0}}},
	[RC_M_AGG] = {"amean, gmean, hmean or topsis", {{"amean", RC_AGG_AMEAN},
	    {"gmean", RC_AGG_GMEAN}, {"hmean", RC_AGG_HMEAN},
	    {"topsis", RC_AGG_TOPSIS}, {NULL, 0}}},
	[RC_M_EMIT] = {"denominated, imputed, treated, normalised or "
	    "aggregated", {{"denominated", RC_EMIT_DENOMINATED},
	    {"imputed", RC_EMIT_IMPUTED}, {"treated", RC_EMIT_TREATED},
	    {"normalised", RC_EMIT_NORMALISED},
	    {"aggregated", RC_EMIT_AGGREGATED}, {NULL, 0}}},
	[RC_M_CHART] = {"bar, stacked or uncertainty", {{"bar", RC_CHART_BAR},
	    {"stacked", RC_CHART_STACKED},
	    {"uncertainty", RC_CHART_UNCERTAINTY}, {NULL, 0}}},
	[RC_M_MC_NORM] = {"minmax or zscore", {{"minmax", RC_NORM_MINMAX},
	    {"zscore", RC_NORM_ZSCORE}, {NULL, 0}}},
	[RC_M_MC_AGG] = {"amean, gmean or hmean", {{"amean", RC_AGG_AMEAN},
	    {"gmean", RC_AGG_GMEAN}, {"hmean", RC_AGG_HMEAN}, {NULL, 0}}},
};

int
rc_method_value(enum rc_method_kind kind, const char *name, size_t len)
{
	const struct method *m;

	if ((unsigned)kind >= RC_M_COUNT)
		return -1;
	for (m = table[kind].m; m->name != NULL; m++)
		if (strlen(m->name) == len && memcmp(m->name, name, len) == 0)
			return m->value;
	return -1;
}

const char *
rc_method_name(enum rc_method_kind kind, int value)
{
	const struct method *m;

	if ((unsigned)kind >= RC_M_COUNT)
		return NULL;
	for (m = table[kind].m; m->name != NULL; m++)
		if (m->value == value)
			return m->name;
	return NULL;
}

const char *
rc_method_list(enum rc_method_kind kind)
{
	return (unsigned)kind < RC_M_COUNT ? table[kind].list : "";
}
