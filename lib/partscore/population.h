/*
 * population.h - partscore's population file: the denominators of the
 * per-capita measures, the areas that must appear even without events,
 * their parents for the inequality decompositions, and the sizes of
 * sub-populations (migrants, say) for the representation ratios.
 */
#ifndef PS_POPULATION_H
#define PS_POPULATION_H

#include <stddef.h>
#include <stdint.h>

#include "core/intern.h"
#include "core/util.h"

/* At most this many sub-population columns in a population file. */
#define PS_MAX_SUBPOP 16

/*
 * A population file: one row per area, its population, optionally its
 * parent area and the --by values it belongs to, and sub-population
 * counts (every other column).  Owned by the struct; free with
 * population_free().
 */
struct population {
	char *path;
	struct intern areas;     /* area names, ids 0..n-1 in file order */
	double *pop;             /* [n] population */
	double *sub;             /* [n * nsub] sub-population counts */
	char *sub_names[PS_MAX_SUBPOP];
	int nsub;
	struct intern parents;   /* parent names, with --parent */
	uint32_t *parent;        /* [n] parent id, or NULL */
	struct intern bytuples;  /* the areas' --by tuples, when it has them */
	uint32_t *bytuple;       /* [n] tuple id, or NULL */
	size_t n;
};

/*
 * Read a population file into *p (zeroed by the caller): CSV whose area
 * column is area_col (or, when it has no such column, "area"), a column
 * "population", the column parent_col when not NULL, the columns
 * by[0..nby-1] when the file has all of them (then each area belongs to
 * its --by group; when it has none of them, to every group; some but not
 * all is an error), and, when subpop is set (partscore's --group),
 * every other column whose first row holds a number is a sub-population
 * count (a column of names is not; without subpop none is read).
 * Populations and counts are numbers >= 0, a sub-population no larger
 * than the population; an area given twice, an empty area or a number
 * that is not one is an error naming FILE:LINE.  Returns 0, or -1 with
 * *e set.
 */
int population_load(struct population *p, const char *path,
    const char *area_col, const char *parent_col, char *const *by, int nby,
    int subpop, struct err *e);

/* Free what population_load() allocated; p may be zeroed. */
void population_free(struct population *p);

/*
 * --channels-offered FILE: how many channels each area offers (columns
 * area, as for the population file, and channels, a whole number from 1
 * to 1000).  Owned by the struct; free with offered_free().
 */
struct offered {
	struct intern areas;  /* ids 0..n-1 in file order */
	int *channels;        /* [n] */
	size_t n, cap;
};

/*
 * Read an offered-channels file into *f (zeroed by the caller).  An area
 * given twice, an empty area or a count that is no whole number from 1
 * to 1000 is an error naming FILE:LINE.  Returns 0, or -1 with *e set.
 */
int offered_load(struct offered *f, const char *path, const char *area_col,
    struct err *e);

/* Free what offered_load() allocated; f may be zeroed. */
void offered_free(struct offered *f);

#endif
