/*
 * rankcity/montecarlo.c: the uncertainty analysis (rc_uncertainty) on a
 * model built here by hand: with no weight noise and one method the ranks
 * are the nominal ones in every draw; the quantiles against the ranks
 * counted directly; the weight noise moving ranks within the bounds it
 * allows; the same seed giving the same result; and the warning when a
 * z-score reaches 0 under gmean or hmean.  Expected values as in
 * test_pipeline.c (worked out apart from the C code).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/stats.h"
#include "rankcity/rankcity.h"
#include "../t.h"
#include "rc_t.h"

void suite_montecarlo(void);

static void
mc_free(struct rc_mc_result *r)
{
	free(r->median);
	free(r->mean);
	free(r->q05);
	free(r->q95);
	memset(r, 0, sizeof *r);
}

/*
 * The nominal model: i1, i2 (Direction -1) under P1; i3, i4 under P2;
 * weights i3 2, P2 2, the rest 1.  Six units and u6 with nothing.
 */
static const char *const nom_code[] = {"i1", "i2", "i3", "i4", "P1", "P2",
    "index"};
static const long nom_parent[] = {4, 4, 5, 5, 6, 6, -1};
static const double nom_weight[] = {1, 1, 2, 1, 1, 2, 1};
static const double nom_x[] = {
	3, 7, 1, 9, 4, 6, NA,
	10, 2, 8, 5, 1, 7, NA,
	0.5, 0.9, 0.1, 0.3, 0.7, 0.2, NA,
	40, 10, 30, 20, 60, 50, NA,
};

/* Build the nominal model normalised with s and aggregated with agg;
 * its ranks into rank[7]. */
static int
nominal(struct rc_model *m, const struct rc_norm_spec *s, enum rc_agg agg,
    int *rank)
{
	struct err e = {0};

	if (t_tree(m, 4, 7, 7, nom_code, nom_parent, nom_weight, nom_x) < 0)
		return -1;
	m->node[1].dir = -1;
	if (rc_normalise(m, s, &e) < 0 ||
	    rc_aggregate(m, RC_W_META, agg, 0, &e) < 0) {
		t_report(0, __FILE__, __LINE__, "nominal: %s", e.msg);
		rc_model_free(m);
		return -1;
	}
	rc_rank(&m->x[6 * 7], 7, rank);
	return 0;
}

static void
uncertainty_nominal(void)
{
	struct rc_norm_spec s;
	struct rc_mc_opts o;
	struct rc_mc_result r;
	struct rc_model m;
	struct err e = {0};
	struct buf warn = {0};
	int rank[7], seen[8] = {0}, pass;
	size_t u;

	/* noise 0, one normalisation, amean: every replication is the
	 * nominal ranking */
	for (pass = 0; pass < 2; pass++) {
		memset(&s, 0, sizeof s);
		s.how = pass == 0 ? RC_NORM_MINMAX : RC_NORM_ZSCORE;
		s.a = pass == 0 ? 0 : 10;
		s.b = pass == 0 ? 100 : 2;
		if (nominal(&m, &s, RC_AGG_AMEAN, rank) < 0)
			return;
		memset(seen, 0, sizeof seen);
		for (u = 0; u < 6; u++)
			if (rank[u] >= 1 && rank[u] <= 6)
				seen[rank[u]]++;
		/* the nominal ranks are 1..6 once each (no ties to blur) */
		for (u = 1; u <= 6; u++)
			CHECK_INT(seen[u], 1);
		CHECK_INT(rank[6], 0);
		memset(&o, 0, sizeof o);
		o.n = 57;
		o.seed = 12345;
		o.noise = 0;
		o.norms = pass == 0 ? 1 : 2;
		o.aggs = 1;
		CHECK_INT(rc_uncertainty(&m, nom_x, &o, &r, &warn, &e), 0);
		if (r.median) {
			for (u = 0; u < 6; u++) {
				CHECK_DBL(r.median[u], rank[u], 0);
				CHECK_DBL(r.mean[u], rank[u], 0);
				CHECK_DBL(r.q05[u], rank[u], 0);
				CHECK_DBL(r.q95[u], rank[u], 0);
			}
			/* u6 never ranked */
			CHECK(isnan(r.median[6]) && isnan(r.mean[6]) &&
			    isnan(r.q05[6]) && isnan(r.q95[6]));
		}
		CHECK_INT(warn.len, 0);
		mc_free(&r);
		rc_model_free(&m);
	}

	/* gmean and hmean alone, noise 0: the replications aggregate logs
	 * and reciprocals (weighted sums only), and must still rank as
	 * rc_aggregate's gmean and hmean of minmax 1..100 do, through both
	 * levels of the tree (hmean's reciprocals order backwards). */
	for (pass = 0; pass < 2; pass++) {
		memset(&s, 0, sizeof s);
		s.how = RC_NORM_MINMAX;
		s.a = 1;
		s.b = 100;
		if (nominal(&m, &s, pass == 0 ? RC_AGG_GMEAN : RC_AGG_HMEAN,
		    rank) < 0)
			return;
		memset(seen, 0, sizeof seen);
		for (u = 0; u < 6; u++)
			if (rank[u] >= 1 && rank[u] <= 6)
				seen[rank[u]]++;
		for (u = 1; u <= 6; u++)
			CHECK_INT(seen[u], 1);
		memset(&o, 0, sizeof o);
		o.n = 9;
		o.seed = 3;
		o.norms = 1;
		o.aggs = pass == 0 ? 2 : 4;
		CHECK_INT(rc_uncertainty(&m, nom_x, &o, &r, &warn, &e), 0);
		if (r.median)
			for (u = 0; u < 6; u++) {
				CHECK_DBL(r.median[u], rank[u], 0);
				CHECK_DBL(r.mean[u], rank[u], 0);
				CHECK_DBL(r.q05[u], rank[u], 0);
				CHECK_DBL(r.q95[u], rank[u], 0);
			}
		mc_free(&r);
		rc_model_free(&m);
	}
	/* the hmean ranking differs from the amean one here (else the test
	 * above would not tell reciprocals ordered backwards from forwards):
	 * checked by the nominal ranks themselves */
	memset(&s, 0, sizeof s);
	s.how = RC_NORM_MINMAX;
	s.a = 1;
	s.b = 100;
	{
		int ra[7], rh[7], differ = 0;
		if (nominal(&m, &s, RC_AGG_AMEAN, ra) == 0) {
			rc_model_free(&m);
			if (nominal(&m, &s, RC_AGG_HMEAN, rh) == 0) {
				rc_model_free(&m);
				for (u = 0; u < 6; u++)
					differ += ra[u] != rh[u];
				CHECK(differ > 0);
			}
		}
	}

	/* The same seed gives the same numbers (noise and every pair). */
	memset(&s, 0, sizeof s);
	s.how = RC_NORM_MINMAX;
	s.b = 100;
	if (nominal(&m, &s, RC_AGG_AMEAN, rank) == 0) {
		struct rc_mc_result r2;
		memset(&o, 0, sizeof o);
		o.n = 400;
		o.seed = 42;
		o.noise = 0.4;
		o.norms = 3;
		o.aggs = 7;
		CHECK_INT(rc_uncertainty(&m, nom_x, &o, &r, &warn, &e), 0);
		CHECK_INT(rc_uncertainty(&m, nom_x, &o, &r2, &warn, &e), 0);
		if (r.median && r2.median) {
			CHECK(memcmp(r.median, r2.median, 7 * sizeof(double)) == 0);
			CHECK(memcmp(r.mean, r2.mean, 7 * sizeof(double)) == 0);
			CHECK(memcmp(r.q05, r2.q05, 7 * sizeof(double)) == 0);
			CHECK(memcmp(r.q95, r2.q95, 7 * sizeof(double)) == 0);
			for (u = 0; u < 6; u++) {
				CHECK(r.q05[u] >= 1 && r.q05[u] <= r.median[u] &&
				    r.median[u] <= r.q95[u] && r.q95[u] <= 6);
				CHECK(r.mean[u] >= 1 && r.mean[u] <= 6);
			}
			CHECK(isnan(r.median[6]));
		}
		CHECK_INT(warn.len, 0);
		mc_free(&r);
		mc_free(&r2);
		/* nothing to draw from */
		o.norms = 0;
		CHECK_INT(rc_uncertainty(&m, nom_x, &o, &r, &warn, &e), -1);
		CHECK_INT(e.kind, ERR_USAGE);
		CHECK_STR(e.msg, "--uncertainty needs at least one "
		    "normalisation and one aggregation");
		CHECK(r.median == NULL && r.q95 == NULL);
		o.norms = 1;
		o.aggs = 0;
		CHECK_INT(rc_uncertainty(&m, nom_x, &o, &r, &warn, &e), -1);
		rc_model_free(&m);
	}
	free(warn.data);
}

/*
 * A known rank distribution.  Two indicators, equal weights, noise 0,
 * minmax (to [1, 100]) with amean or gmean drawn at random:
 *   raw a: 0, 5, 10 -> 1, 50.5, 100;   raw b: 10, 5, 0 -> 100, 50.5, 1
 *   amean: u0 50.5, u1 50.5, u2 50.5 (exactly: every rank 1)
 *   gmean: u0 10, u1 50.5, u2 10     (u1 1, u0 and u2 tied at 2)
 * So u1 is always 1, and u0 (like u2) is 1 in the c_a amean draws and 2
 * in the c_g gmean draws: mean 1 + c_g / n, which gives c_g; the sorted
 * ranks are c_a 1s then c_g 2s, and the median and 5% and 95% ranks must
 * be what stats_quantile (type 7) gives on them.  Over n = 1..60 the
 * boundary between the 1s and 2s falls between order statistics often
 * enough to exercise the interpolation.
 */
static void
uncertainty_quantiles(void)
{
	static const double raw[] = {0, 5, 10, 10, 5, 0};
	struct rc_model m;
	struct rc_mc_opts o;
	struct rc_mc_result r;
	struct err e = {0};
	double sorted[60];
	long n;
	int interp = 0, both = 0;

	if (t_flat(&m, 2, 3, raw) < 0)
		return;
	if (rc_aggregate(&m, RC_W_EQUAL, RC_AGG_AMEAN, 0, &e) < 0) {
		t_report(0, __FILE__, __LINE__, "%s", e.msg);
		rc_model_free(&m);
		return;
	}
	for (n = 1; n <= 60; n++) {
		double cg_d;
		long cg, i;
		memset(&o, 0, sizeof o);
		o.n = n;
		o.seed = 2024;
		o.noise = 0;
		o.norms = 1;
		o.aggs = 3;
		if (rc_uncertainty(&m, raw, &o, &r, NULL, &e) < 0) {
			t_report(0, __FILE__, __LINE__, "n %ld: %s", n, e.msg);
			continue;
		}
		cg_d = (r.mean[0] - 1) * (double)n;
		cg = lround(cg_d);
		t_report(fabs(cg_d - (double)cg) < 1e-9 && cg >= 0 && cg <= n,
		    __FILE__, __LINE__, "n %ld: mean %.17g is not 1 + k/n", n,
		    r.mean[0]);
		both += cg > 0 && cg < n;
		for (i = 0; i < n; i++)
			sorted[i] = i < n - cg ? 1 : 2;
		CHECK_DBL(r.median[0], stats_quantile(sorted, (size_t)n, 0.5),
		    1e-12);
		CHECK_DBL(r.q05[0], stats_quantile(sorted, (size_t)n, 0.05),
		    1e-12);
		CHECK_DBL(r.q95[0], stats_quantile(sorted, (size_t)n, 0.95),
		    1e-12);
		interp += r.median[0] != floor(r.median[0]) ||
		    r.q05[0] != floor(r.q05[0]) || r.q95[0] != floor(r.q95[0]);
		/* u2 mirrors u0; u1 is first every time */
		CHECK_DBL(r.mean[2], r.mean[0], 0);
		CHECK_DBL(r.median[2], r.median[0], 0);
		CHECK_DBL(r.q05[2], r.q05[0], 0);
		CHECK_DBL(r.q95[2], r.q95[0], 0);
		CHECK_DBL(r.mean[1], 1, 0);
		CHECK_DBL(r.median[1], 1, 0);
		CHECK_DBL(r.q05[1], 1, 0);
		CHECK_DBL(r.q95[1], 1, 0);
		mc_free(&r);
	}
	/* the construction did its job: both kinds drawn, some quantiles
	 * between 1 and 2 */
	CHECK(both > 0);
	CHECK(interp > 0);
	rc_model_free(&m);
}

/*
 * The weight noise: w * U(1 - noise, 1 + noise).  Two indicators, equal
 * weights, minmax 1..100, amean; u0 (1, 100), u1 (100, 1), u2 (40, 40).
 * With r = w_a / w_b, u0 scores (r + 100) / (r + 1) and u1 (100 r + 1) /
 * (r + 1); u2 (40) passes one of them only when r > 60/39 = 1.54 or r <
 * 39/60 = 0.65.  Noise 0.1 keeps r in [0.9/1.1, 1.1/0.9] = [0.82, 1.22]:
 * u2 is 3rd every time, while u0 and u1 split 1st and 2nd (each draw
 * breaks their tie one way: mean(u0) + mean(u1) = 3).  Noise 0.5 lets r
 * reach [1/3, 3]: u2 gets 2nd some of the time.
 */
static void
uncertainty_noise(void)
{
	static const double raw[] = {1, 100, 40, 100, 1, 40};
	struct rc_model m;
	struct rc_mc_opts o;
	struct rc_mc_result r;
	struct err e = {0};

	if (t_flat(&m, 2, 3, raw) < 0)
		return;
	if (rc_aggregate(&m, RC_W_EQUAL, RC_AGG_AMEAN, 0, &e) < 0) {
		t_report(0, __FILE__, __LINE__, "%s", e.msg);
		rc_model_free(&m);
		return;
	}
	memset(&o, 0, sizeof o);
	o.n = 400;
	o.seed = 99;
	o.noise = 0.1;
	o.norms = 1;
	o.aggs = 1;
	CHECK_INT(rc_uncertainty(&m, raw, &o, &r, NULL, &e), 0);
	if (r.median) {
		CHECK_DBL(r.mean[2], 3, 0);
		CHECK_DBL(r.q05[2], 3, 0);
		CHECK_DBL(r.mean[0] + r.mean[1], 3, 1e-12);
		CHECK(r.mean[0] > 1.3 && r.mean[0] < 1.7);
		CHECK_DBL(r.q05[0], 1, 0);
		CHECK_DBL(r.q95[0], 2, 0);
	}
	mc_free(&r);
	o.noise = 0.5;
	CHECK_INT(rc_uncertainty(&m, raw, &o, &r, NULL, &e), 0);
	if (r.median) {
		CHECK(r.mean[2] < 3);
		CHECK(r.mean[2] > 2.5);
		CHECK_DBL(r.q95[2], 3, 0);
	}
	mc_free(&r);
	rc_model_free(&m);
}

/*
 * z-scores that reach 0: indicator a is 0 for 26 units and -1 for one.
 * mean -1/27, sample sd sqrt(1/27), so the -1 is at z = -26/sqrt(27) and
 * 10 + 2 z = -0.0074046659535132515 (%.4g: -0.007405).  b is 1..27 (its
 * lowest, 10 - 2 * 13 / sqrt(63) = 6.72, is fine).
 */
static void
uncertainty_warning(void)
{
	double raw[54];
	struct rc_model m;
	struct rc_mc_opts o;
	struct rc_mc_result r;
	struct err e = {0};
	struct buf warn = {0};
	size_t u;

	for (u = 0; u < 27; u++) {
		raw[u] = u == 13 ? -1 : 0;
		raw[27 + u] = (double)(u + 1);
	}
	if (t_flat(&m, 2, 27, raw) < 0)
		return;
	if (rc_aggregate(&m, RC_W_EQUAL, RC_AGG_AMEAN, 0, &e) < 0) {
		t_report(0, __FILE__, __LINE__, "%s", e.msg);
		rc_model_free(&m);
		return;
	}
	memset(&o, 0, sizeof o);
	o.n = 20;
	o.seed = 1;
	o.noise = 0.1;
	o.norms = 2;
	o.aggs = 3;   /* amean, gmean: gmean is left out, amean stays */
	CHECK_INT(rc_uncertainty(&m, raw, &o, &r, &warn, &e), 0);
	if (buf_append(&warn, "", 1) == 0)
		CHECK_STR(warn.data, "--uncertainty: z-scores (mean 10, sd 2) "
		    "reach -0.007405 for \"a\": not paired with gmean\n");
	mc_free(&r);
	warn.len = 0;
	/* and hmean too: one line each */
	o.aggs = 7;
	CHECK_INT(rc_uncertainty(&m, raw, &o, &r, &warn, &e), 0);
	if (buf_append(&warn, "", 1) == 0)
		CHECK_STR(warn.data, "--uncertainty: z-scores (mean 10, sd 2) "
		    "reach -0.007405 for \"a\": not paired with gmean\n"
		    "--uncertainty: z-scores (mean 10, sd 2) "
		    "reach -0.007405 for \"a\": not paired with hmean\n");
	mc_free(&r);
	warn.len = 0;
	/* minmax with gmean is fine: no warning */
	o.norms = 1;
	o.aggs = 2;
	CHECK_INT(rc_uncertainty(&m, raw, &o, &r, &warn, &e), 0);
	CHECK_INT(warn.len, 0);
	mc_free(&r);
	/* z-scores with gmean only: nothing left */
	o.norms = 2;
	o.aggs = 2;
	CHECK_INT(rc_uncertainty(&m, raw, &o, &r, &warn, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK_STR(e.msg, "t.csv: --uncertainty: no pair of normalisation and "
	    "aggregation is left (z-scores of 0 or below cannot go with "
	    "gmean or hmean): add minmax or amean");
	CHECK(r.median == NULL);
	free(warn.data);
	rc_model_free(&m);
}

void
suite_montecarlo(void)
{
	stats_init();
	uncertainty_nominal();
	uncertainty_quantiles();
	uncertainty_noise();
	uncertainty_warning();
}
