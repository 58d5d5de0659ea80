/*
 * rankcity/methods.c: the one table of method names.  Every name of every
 * kind round-trips value -> name -> value and stands in its kind's list;
 * the absence of a method (IMPUTE_NONE, EMIT_NONE) and what a kind lacks
 * (rank among the Monte Carlo's normalisations, topsis among its
 * aggregations) have no name; names count by their bytes only; unknown
 * names give -1; the lists read as messages write them.
 */
#include <stdio.h>
#include <string.h>

#include "rankcity/rankcity.h"
#include "../t.h"

void suite_methods(void);

/* The one table of method names. */
static void
methods(void)
{
	/* Every value of each kind, from the enums in rankcity.h. */
	static const struct {
		enum rc_method_kind kind;
		int lo, hi;
	} kinds[] = {
		{RC_M_IMPUTE, RC_IMPUTE_MEAN, RC_IMPUTE_GROUP_MEDIAN},
		{RC_M_NORM, RC_NORM_MINMAX, RC_NORM_NONE},
		{RC_M_WEIGHTS, RC_W_META, RC_W_PCA},
		{RC_M_AGG, RC_AGG_AMEAN, RC_AGG_TOPSIS},
		{RC_M_EMIT, RC_EMIT_DENOMINATED, RC_EMIT_AGGREGATED},
		{RC_M_CHART, RC_CHART_BAR, RC_CHART_UNCERTAINTY},
		{RC_M_MC_NORM, RC_NORM_MINMAX, RC_NORM_ZSCORE},
		{RC_M_MC_AGG, RC_AGG_AMEAN, RC_AGG_HMEAN},
	};
	size_t i;
	int v, missing = 0, wrong = 0, names = 0;

	CHECK_INT(sizeof kinds / sizeof kinds[0], RC_M_COUNT);
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		for (v = kinds[i].lo; v <= kinds[i].hi; v++) {
			const char *n = rc_method_name(kinds[i].kind, v);
			if (n == NULL) {
				printf("# kind %d value %d has no name\n",
				    (int)kinds[i].kind, v);
				missing++;
				continue;
			}
			names++;
			/* value -> name -> value */
			if (rc_method_value(kinds[i].kind, n, strlen(n)) != v)
				wrong++;
			/* and the name is in the kind's list */
			if (strstr(rc_method_list(kinds[i].kind), n) == NULL)
				wrong++;
		}
	CHECK_INT(missing, 0);
	CHECK_INT(wrong, 0);
	/* 4 + 6 + 4 + 4 + 5 + 3 + 2 + 3 values in all. */
	CHECK_INT(names, 31);
	/* No names for what the kinds do not have: IMPUTE_NONE and
	 * EMIT_NONE are the absence of the option; rank is no MC norm. */
	CHECK(rc_method_name(RC_M_IMPUTE, RC_IMPUTE_NONE) == NULL);
	CHECK(rc_method_name(RC_M_EMIT, RC_EMIT_NONE) == NULL);
	CHECK(rc_method_name(RC_M_MC_NORM, RC_NORM_RANK) == NULL);
	CHECK(rc_method_name(RC_M_MC_AGG, RC_AGG_TOPSIS) == NULL);
	CHECK(rc_method_name(RC_M_COUNT, 0) == NULL);
	CHECK(rc_method_name(RC_M_AGG, 99) == NULL);
	/* Names as the options spell them. */
	CHECK_INT(rc_method_value(RC_M_WEIGHTS, "entropy", 7), RC_W_ENTROPY);
	CHECK_INT(rc_method_value(RC_M_IMPUTE, "group-mean", 10),
	    RC_IMPUTE_GROUP_MEAN);
	CHECK_INT(rc_method_value(RC_M_NORM, "dist2targ", 9),
	    RC_NORM_DIST2TARG);
	/* Only the len bytes count: "minmax:0,100" up to the colon. */
	CHECK_INT(rc_method_value(RC_M_NORM, "minmax:0,100", 6),
	    RC_NORM_MINMAX);
	/* Unknown names: -1 (a prefix, another case, another kind's name,
	 * the empty name, a kind out of range). */
	CHECK_INT(rc_method_value(RC_M_WEIGHTS, "entrop", 6), -1);
	CHECK_INT(rc_method_value(RC_M_WEIGHTS, "Equal", 5), -1);
	CHECK_INT(rc_method_value(RC_M_WEIGHTS, "amean", 5), -1);
	CHECK_INT(rc_method_value(RC_M_MC_NORM, "rank", 4), -1);
	CHECK_INT(rc_method_value(RC_M_AGG, "", 0), -1);
	CHECK_INT(rc_method_value(RC_M_COUNT, "mean", 4), -1);
	/* The lists as messages write them. */
	CHECK_STR(rc_method_list(RC_M_WEIGHTS), "meta, equal, entropy or pca");
	CHECK_STR(rc_method_list(RC_M_AGG), "amean, gmean, hmean or topsis");
	CHECK_STR(rc_method_list(RC_M_MC_NORM), "minmax or zscore");
	CHECK_STR(rc_method_list(RC_M_COUNT), "");
}

void
suite_methods(void)
{
	methods();
}
