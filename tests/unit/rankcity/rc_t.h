/*
 * rc_t.h - what the rankcity unit tests share: models built by hand (no
 * files), owned as rc_model_free() expects (calloc / strdup), and a check
 * of a vector of doubles.  Defined in models.c.
 */
#ifndef RC_T_H
#define RC_T_H

#include <math.h>
#include <stddef.h>

#include "rankcity/rankcity.h"

/* A missing value in a model's table. */
#define NA NAN

/*
 * A model of nnode nodes (the first nind indicators, parents after their
 * children, the root last with parent -1) and nunit units "u0", "u1", ...
 * on data lines 2, 3, ...; weight NULL gives every node weight 1; x holds
 * the nind * nunit indicator values (row per indicator), the aggregates'
 * rows start missing.  Directions 1, targets and goalposts missing.
 * Returns 0, or -1 (reported) when out of memory.
 */
int t_tree(struct rc_model *m, size_t nind, size_t nnode, size_t nunit,
    const char *const *code, const long *parent, const double *weight,
    const double *x);

/* nind indicators "a", "b", ... under one root "index". */
int t_flat(struct rc_model *m, size_t nind, size_t nunit, const double *x);

/* Add a text column (for group imputation, denominators) to m, after
 * those it has. */
int t_add_column(struct rc_model *m, const char *name, const char *const *val);

/* x[i] == want[i] within tol for i < n, NAN matching NAN. */
void t_check_vec(const double *x, const double *want, size_t n, double tol,
    const char *what, const char *file, int line);

#define CHECK_VEC(x, want, n, tol) t_check_vec((x), (want), (n), (tol), #x, \
    __FILE__, __LINE__)

#endif
