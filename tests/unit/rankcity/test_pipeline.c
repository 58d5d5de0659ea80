/*
 * rankcity/pipeline.c, on models built here by hand (rc_t.h: no files, no
 * processes): normalisation, treatment, aggregation and weights, ranks,
 * imputation and screening.
 *
 * Where a row of /work/shared/reference/asem/coinr_unit_vectors.csv
 * (COINr 1.1.14) gives the answer, its numbers are copied below with the
 * row named ("func" column, then "params").  The other expected values
 * were computed apart from the C code, in Python: exact rationals
 * (fractions) for means, variances and correlation sums, mpmath at 50
 * digits for logs, square roots and the eigenvectors (mpmath.eigsy), and
 * a line-by-line port of COINr's winsorise() (R/treat.R: the most extreme
 * value, ties together, takes the next value in on the skewed side while
 * nwin < winmax, nwin being the size of the latest step on each side)
 * for the treatment cases.  Printed to 17 digits.
 *
 * The models own everything they point to (calloc / strdup), so
 * rc_model_free() releases them: it frees node code, name, denom and
 * child, unit[] (and label[] when set), uline, x, w, weff, the extra
 * columns, unit_col, label_col and data_name_buf (data_name points into
 * it).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rankcity/rankcity.h"
#include "core/stats.h"
#include "../t.h"

void suite_pipeline(void);

#include "rc_t.h"

/* ------------------------------------------------------------ treatment */

/* The reference vector of COINr's winsorise and log_CT rows. */
static const double refv[11] = {1, 2, 2, 3, 3, 3, 4, 5, 6, 7, 100};

/* Treat one indicator x[n] with maxpoints; x[] is changed in place. */
static int
treat1(double *x, size_t n, int maxpoints, struct rc_treat_info *ti)
{
	struct rc_model m;
	struct err e = {0};
	int rc;

	memset(ti, 0, sizeof *ti);
	if (t_flat(&m, 1, n, x) < 0)
		return -1;
	rc = rc_treat(&m, maxpoints, ti, &e);
	memcpy(x, m.x, n * sizeof *x);
	rc_model_free(&m);
	return rc;
}

static void
treat(void)
{
	struct rc_treat_info ti, inf[4];
	struct rc_model m;
	struct err e = {0};
	double x[64], want[64];
	size_t i;

	/* row "winsorise" (winmax=5 skew_thresh=2 kurt_thresh=3.5):
	 * 1;2;2;3;3;3;4;5;6;7;7, row "winsorise.nwin": 1 */
	static const double wins[11] = {1, 2, 2, 3, 3, 3, 4, 5, 6, 7, 7};
	/* row "log_CT", log(x - min + 0.01*(max-min)) */
	static const double logct[11] = {-0.0100503358535015,
	    0.6881346387364010, 0.6881346387364010, 1.0952733874025951,
	    1.0952733874025951, 1.0952733874025951, 1.3837912309017721,
	    1.6074359097634274, 1.7900914121273581, 1.9444805562457190,
	    4.6050701809877577};

	memcpy(x, refv, sizeof refv);
	CHECK_INT(treat1(x, 11, 5, &ti), 0);
	CHECK_VEC(x, wins, 11, 0);
	CHECK_INT(ti.points, 1);
	CHECK_STR(ti.treatment, "winsor-high");
	CHECK_DBL(ti.skew, 3.29356660170058, 1e-12);   /* row "skew" */
	CHECK_DBL(ti.kurt, 10.8879333274734, 1e-12);   /* row "kurt" */
	/* of 1;2;2;3;3;3;4;5;6;7;7 (Python, mpmath) */
	CHECK_DBL(ti.skew_after, 0.39479409597024419, 1e-12);
	CHECK_DBL(ti.kurt_after, -1.1464916690606148, 1e-12);

	/* One point is the limit: enough here. */
	memcpy(x, refv, sizeof refv);
	CHECK_INT(treat1(x, 11, 1, &ti), 0);
	CHECK_VEC(x, wins, 11, 0);
	CHECK_INT(ti.points, 1);
	CHECK_STR(ti.treatment, "winsor-high");

	/* maxpoints 0: COINr's loop runs while nwin < winmax, so never; the
	 * check still fails and log_CT takes over: the row "log_CT". */
	memcpy(x, refv, sizeof refv);
	CHECK_INT(treat1(x, 11, 0, &ti), 0);
	CHECK_VEC(x, logct, 11, 1e-12);
	CHECK_INT(ti.points, 0);
	CHECK_STR(ti.treatment, "log");
	CHECK_DBL(ti.skew, 3.29356660170058, 1e-12);

	/* Missing values are left out and stay missing, in place. */
	{
		static const double in[13] = {NA, 1, 2, 2, 3, NA, 3, 3, 4, 5, 6,
		    7, 100};
		static const double out[13] = {NA, 1, 2, 2, 3, NA, 3, 3, 4, 5,
		    6, 7, 7};
		memcpy(x, in, sizeof in);
		CHECK_INT(treat1(x, 13, 5, &ti), 0);
		CHECK_VEC(x, out, 13, 0);
		CHECK_INT(ti.points, 1);
		CHECK_STR(ti.treatment, "winsor-high");
		CHECK_DBL(ti.skew, 3.29356660170058, 1e-12);
	}

	/* Negative skew: the lowest value moves up. */
	for (i = 0; i < 11; i++) {
		x[i] = -refv[i];
		want[i] = -wins[i];
	}
	CHECK_INT(treat1(x, 11, 5, &ti), 0);
	CHECK_VEC(x, want, 11, 0);
	CHECK_INT(ti.points, 1);
	CHECK_STR(ti.treatment, "winsor-low");
	CHECK_DBL(ti.skew, -3.29356660170058, 1e-12);

	/* Ties at the extreme move together and count: 1..20, 200, 200 (skew
	 * 3.0023070062789753, kurtosis 7.860804134047449) -> 1..20, 20, 20,
	 * nwin 2, skew -0.094495731963803529, kurtosis -1.2937726367728532. */
	for (i = 0; i < 20; i++)
		x[i] = want[i] = (double)(i + 1);
	x[20] = x[21] = 200;
	want[20] = want[21] = 20;
	CHECK_INT(treat1(x, 22, 5, &ti), 0);
	CHECK_VEC(x, want, 22, 0);
	CHECK_INT(ti.points, 2);
	CHECK_STR(ti.treatment, "winsor-high");
	CHECK_DBL(ti.skew, 3.0023070062789753, 1e-12);
	CHECK_DBL(ti.kurt, 7.860804134047449, 1e-12);
	CHECK_DBL(ti.skew_after, -0.094495731963803529, 1e-12);
	CHECK_DBL(ti.kurt_after, -1.2937726367728532, 1e-12);

	/* Steps pile up: twenty 1s then 2, 4, ..., 256.  256 -> 128 (1
	 * point), the two 128s -> 64 (2), the three 64s -> 32 (3): passes,
	 * nwin 3 (the latest step's points, which include the earlier). */
	for (i = 0; i < 20; i++)
		x[i] = want[i] = 1;
	for (i = 0; i < 8; i++)
		x[20 + i] = want[20 + i] = (double)(2u << i);
	want[25] = want[26] = want[27] = 32;
	CHECK_INT(treat1(x, 28, 5, &ti), 0);
	CHECK_VEC(x, want, 28, 0);
	CHECK_INT(ti.points, 3);
	CHECK_STR(ti.treatment, "winsor-high");
	/* ... but with 2 points allowed the loop stops at nwin 2 and fails:
	 * log_CT of the ORIGINAL values (min 1, max 256: log(x - 1 + 2.55)),
	 * not of the winsorised ones (max 64 by then). */
	for (i = 0; i < 20; i++)
		x[i] = 1;
	for (i = 0; i < 8; i++)
		x[20 + i] = (double)(2u << i);
	for (i = 0; i < 28; i++)
		want[i] = log(x[i] - 1 + 0.01 * 255);
	CHECK_INT(treat1(x, 28, 2, &ti), 0);
	CHECK_VEC(x, want, 28, 1e-12);
	/* Python, mpmath: 1 -> log(2.55) = 0.93609335917033478, 256 ->
	 * log(257.55) = 5.5512138760115942 */
	CHECK_DBL(x[0], 0.93609335917033478, 1e-12);
	CHECK_DBL(x[27], 5.5512138760115942, 1e-12);
	CHECK_INT(ti.points, 2);
	CHECK_STR(ti.treatment, "log");

	/* Five points do not suffice: 1..45 then 450, 900, ..., 2700.  The
	 * six outliers take five steps (nwin 1, 2, 3, 4, 5) to reach 450
	 * together and still fail (skew 2.4086598, kurtosis 4.0370036): the
	 * log of the original, min 1, max 2700, a = 26.99.  The log values
	 * still fail (skew 2.3236546519956873, kurtosis 4.3435842160731213):
	 * COINr keeps them all the same. */
	for (i = 0; i < 45; i++)
		x[i] = (double)(i + 1);
	for (i = 0; i < 6; i++)
		x[45 + i] = 450.0 * (double)(i + 1);
	CHECK_INT(treat1(x, 51, 5, &ti), 0);
	CHECK_STR(ti.treatment, "log");
	CHECK_INT(ti.points, 5);
	CHECK_DBL(ti.skew, 3.3192300056467628, 1e-12);
	CHECK_DBL(ti.kurt, 10.523737611447908, 1e-12);
	CHECK_DBL(x[0], 3.2954664270299133, 1e-12);    /* log(26.99) */
	CHECK_DBL(x[1], 3.3318473035273621, 1e-12);    /* log(27.99) */
	CHECK_DBL(x[44], 4.2625390220512945, 1e-12);   /* log(70.99) */
	CHECK_DBL(x[45], 6.1653968456073791, 1e-12);   /* log(475.99) */
	CHECK_DBL(x[50], 7.9105869438711727, 1e-12);   /* log(2725.99) */
	CHECK_DBL(ti.skew_after, 2.3236546519956873, 1e-12);
	CHECK_DBL(ti.kurt_after, 4.3435842160731213, 1e-12);

	/* Both sides: 69 goes first (skew 2.83, kurtosis 9.86) to the next
	 * value, 5; then the skew is -2.63 (kurtosis 7.93) and -21 goes to
	 * -3; passes (skew -0.44, kurtosis -1.36).  nwin = 1 + 1. */
	{
		static const double in[13] = {2, 3, 3, 2, 1, 5, -3, -2, 5, -3, 3,
		    69, -21};
		static const double out[13] = {2, 3, 3, 2, 1, 5, -3, -2, 5, -3,
		    3, 5, -3};
		memcpy(x, in, sizeof in);
		CHECK_INT(treat1(x, 13, 5, &ti), 0);
		CHECK_VEC(x, out, 13, 0);
		CHECK_INT(ti.points, 2);
		CHECK_STR(ti.treatment, "winsor");
	}

	/* Several indicators at once, info[k] for each: the reference
	 * vector, a constant one (untouched, "none", skewness undefined),
	 * three values only ("too-few-values", untouched), and one that
	 * passes (1..11: "none"). */
	{
		double xs[44];
		static const double few[11] = {NA, 1, NA, 2, NA, NA, 100, NA,
		    NA, NA, NA};
		for (i = 0; i < 11; i++) {
			xs[i] = refv[i];
			xs[11 + i] = 4;
			xs[22 + i] = few[i];
			xs[33 + i] = (double)(i + 1);
		}
		if (t_flat(&m, 4, 11, xs) == 0) {
			memset(inf, 0, sizeof inf);
			CHECK_INT(rc_treat(&m, 5, inf, &e), 0);
			CHECK_VEC(&m.x[0], wins, 11, 0);
			CHECK_STR(inf[0].treatment, "winsor-high");
			CHECK_INT(inf[0].points, 1);
			for (i = 0; i < 11; i++)
				want[i] = 4;
			CHECK_VEC(&m.x[11], want, 11, 0);
			CHECK_STR(inf[1].treatment, "none");
			CHECK_INT(inf[1].points, 0);
			CHECK(isnan(inf[1].skew));
			CHECK_VEC(&m.x[22], few, 11, 0);
			CHECK_STR(inf[2].treatment, "too-few-values");
			CHECK_INT(inf[2].points, 0);
			CHECK_DBL(inf[2].skew, 1.731448366756414, 1e-12);
			CHECK(isnan(inf[2].kurt));
			for (i = 0; i < 11; i++)
				want[i] = (double)(i + 1);
			CHECK_VEC(&m.x[33], want, 11, 0);
			CHECK_STR(inf[3].treatment, "none");
			CHECK_INT(inf[3].points, 0);
			CHECK_DBL(inf[3].skew, 0, 1e-12);
			/* 1..11: kurtosis (e1071 type 2) -1.2 exactly */
			CHECK_DBL(inf[3].kurt, -1.2, 1e-12);
			CHECK_DBL(inf[3].skew_after, inf[3].skew, 0);
			CHECK_DBL(inf[3].kurt_after, inf[3].kurt, 0);
			rc_model_free(&m);
		}
	}
}

/* -------------------------------------------------------- normalisation */

/* Normalise one indicator x[n] as s says, with the node's direction,
 * goalposts and target; the result in out[n].  Returns rc_normalise's. */
static int
norm1(const double *x, size_t n, int dir, double gp_lo, double gp_hi,
    double target, const struct rc_norm_spec *s, double *out, struct err *e)
{
	struct rc_model m;
	int rc;

	memset(e, 0, sizeof *e);
	if (t_flat(&m, 1, n, x) < 0)
		return -2;
	m.node[0].dir = dir;
	m.node[0].gp_lo = gp_lo;
	m.node[0].gp_hi = gp_hi;
	m.node[0].target = target;
	rc = rc_normalise(&m, s, e);
	memcpy(out, m.x, n * sizeof *out);
	rc_model_free(&m);
	return rc;
}

static void
normalise(void)
{
	/* the input of the n_* rows: 2;4;NA;10;1;7;100 */
	static const double in[7] = {2, 4, NA, 10, 1, 7, 100};
	/* row "n_minmax", l_u=c(0,100) */
	static const double mm[7] = {1.01010101010101, 3.03030303030303, NA,
	    9.09090909090909, 0.00000000000000, 6.06060606060606,
	    100.00000000000000};
	/* row "n_minmax(direction=-1)", x*-1 then l_u=c(0,100) */
	static const double mmneg[7] = {98.9898989898990, 96.9696969696970,
	    NA, 90.9090909090909, 100.0000000000000, 93.9393939393939,
	    0.0000000000000};
	/* row "n_zscore", m_sd=c(0,1) sample sd (n-1) */
	static const double z01[7] = {-0.478559069546905, -0.427284883524022,
	    NA, -0.273462325455374, -0.504196162558346, -0.350373604489698,
	    2.033876045574345};
	/* row "n_zscore", m_sd=c(10,2) */
	static const double z102[7] = {9.04288186090619, 9.14543023295196, NA,
	    9.45307534908925, 8.99160767488331, 9.29925279102060,
	    14.06775209114869};
	/* row "n_goalposts", gposts=c(0,50,100) trunc2posts=TRUE */
	static const double gp[7] = {4, 8, NA, 20, 2, 14, 100};
	/* row "n_goalposts (negative indicator via iMeta path)", input x*-1,
	 * gposts=c(-50,0,100) */
	static const double gpneg[7] = {96, 92, NA, 80, 98, 86, 0};
	/* row "n_dist2targ", targ=50 cap_max=FALSE */
	static const double d2t[7] = {0.0204081632653061, 0.0612244897959184,
	    NA, 0.1836734693877551, 0.0000000000000000, 0.1224489795918367,
	    2.0204081632653059};
	/* row "n_dist2targ", targ=50 cap_max=TRUE */
	static const double d2tcap[7] = {0.0204081632653061,
	    0.0612244897959184, NA, 0.1836734693877551, 0.0000000000000000,
	    0.1224489795918367, 1.0000000000000000};
	/* rows "n_rank", ties=min: 3;1;3;NA;5 -> 2;1;2;NA;4 */
	static const double rin[5] = {3, 1, 3, NA, 5};
	static const double rk[5] = {2, 1, 2, NA, 4};
	static const double rkneg[5] = {2, 4, 2, NA, 1};
	struct rc_norm_spec s;
	struct err e;
	double out[7];

	memset(&s, 0, sizeof s);
	s.how = RC_NORM_MINMAX;
	s.a = 0;
	s.b = 100;
	CHECK_INT(norm1(in, 7, 1, NA, NA, NA, &s, out, &e), 0);
	CHECK_VEC(out, mm, 7, 1e-12);
	CHECK_INT(norm1(in, 7, -1, NA, NA, NA, &s, out, &e), 0);
	CHECK_VEC(out, mmneg, 7, 1e-12);
	/* minmax 1..100 (what the uncertainty uses): 1 + 99 (x - 1) / 99 */
	s.a = 1;
	CHECK_INT(norm1(in, 7, 1, NA, NA, NA, &s, out, &e), 0);
	CHECK_DBL(out[0], 2, 1e-12);
	CHECK_DBL(out[4], 1, 0);
	CHECK_DBL(out[6], 100, 0);

	s.how = RC_NORM_ZSCORE;
	s.a = 0;
	s.b = 1;
	CHECK_INT(norm1(in, 7, 1, NA, NA, NA, &s, out, &e), 0);
	CHECK_VEC(out, z01, 7, 1e-12);
	s.a = 10;
	s.b = 2;
	CHECK_INT(norm1(in, 7, 1, NA, NA, NA, &s, out, &e), 0);
	CHECK_VEC(out, z102, 7, 1e-12);

	s.how = RC_NORM_RANK;
	CHECK_INT(norm1(rin, 5, 1, NA, NA, NA, &s, out, &e), 0);
	CHECK_VEC(out, rk, 5, 0);
	/* direction -1 ranks -x: 5 is the smallest, the 3s tie at 2 */
	CHECK_INT(norm1(rin, 5, -1, NA, NA, NA, &s, out, &e), 0);
	CHECK_VEC(out, rkneg, 5, 0);

	s.how = RC_NORM_GOALPOSTS;
	s.a = 100;
	s.b = 0;
	CHECK_INT(norm1(in, 7, 1, 0, 50, NA, &s, out, &e), 0);
	CHECK_VEC(out, gp, 7, 1e-12);
	CHECK_INT(norm1(in, 7, -1, 0, 50, NA, &s, out, &e), 0);
	CHECK_VEC(out, gpneg, 7, 1e-12);
	/* goalposts missing or equal */
	CHECK_INT(norm1(in, 7, 1, NA, 50, NA, &s, out, &e), -1);
	CHECK_STR(e.msg, "t.csv: indicator \"a\": goalposts need "
	    "goalpost_lower and goalpost_upper in META");
	CHECK_INT(norm1(in, 7, 1, 50, 50, NA, &s, out, &e), -1);
	CHECK(strstr(e.msg, "goalpost_lower 50 is not below goalpost_upper "
	    "50") != NULL);
	/* crossed posts would turn the indicator round: refused */
	CHECK_INT(norm1(in, 7, 1, 50, 0, NA, &s, out, &e), -1);
	CHECK(strstr(e.msg, "goalpost_lower 50 is not below goalpost_upper "
	    "0") != NULL);

	s.how = RC_NORM_DIST2TARG;
	s.a = s.b = 0;
	s.cap = 0;
	CHECK_INT(norm1(in, 7, 1, NA, NA, 50, &s, out, &e), 0);
	CHECK_VEC(out, d2t, 7, 1e-12);
	s.cap = 1;
	CHECK_INT(norm1(in, 7, 1, NA, NA, 50, &s, out, &e), 0);
	CHECK_VEC(out, d2tcap, 7, 1e-12);
	/* no Target */
	CHECK_INT(norm1(in, 7, 1, NA, NA, NA, &s, out, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);
	CHECK_STR(e.msg, "t.csv: indicator \"a\": dist2targ needs its Target "
	    "in META");
	/* a Target equal to the lowest value */
	CHECK_INT(norm1(in, 7, 1, NA, NA, 1, &s, out, &e), -1);
	CHECK_STR(e.msg, "t.csv: indicator \"a\": the Target (1) is not "
	    "above the lowest value (1): distance to target would be "
	    "undefined or reverse the order");
	/* a Target below every value would reverse the order */
	CHECK_INT(norm1(in, 7, 1, NA, NA, 0, &s, out, &e), -1);
	CHECK_INT(e.kind, ERR_DATA);

	/* A zero range. */
	s.how = RC_NORM_MINMAX;
	s.a = 0;
	s.b = 100;
	{
		static const double flat4[4] = {3, NA, 3, 3};
		CHECK_INT(norm1(flat4, 4, 1, NA, NA, NA, &s, out, &e), -1);
		CHECK_INT(e.kind, ERR_DATA);
		CHECK_STR(e.msg, "t.csv: indicator \"a\" has the same value "
		    "for every unit: min-max cannot scale a zero range");
		s.how = RC_NORM_ZSCORE;
		s.a = 0;
		s.b = 1;
		CHECK_INT(norm1(flat4, 4, 1, NA, NA, NA, &s, out, &e), -1);
		CHECK_STR(e.msg, "t.csv: indicator \"a\" has the same value "
		    "for every unit (or one value): z-scores need a standard "
		    "deviation");
	}
	/* No values at all. */
	{
		static const double none[3] = {NA, NA, NA};
		CHECK_INT(norm1(none, 3, 1, NA, NA, NA, &s, out, &e), -1);
		CHECK_STR(e.msg, "t.csv: indicator \"a\" has no values");
	}
	/* none: leaves the values, or (raw_direction) undoes the negation */
	s.how = RC_NORM_NONE;
	s.raw_direction = 1;
	CHECK_INT(norm1(in, 7, -1, NA, NA, NA, &s, out, &e), 0);
	CHECK_VEC(out, in, 7, 0);
	s.raw_direction = 0;
	CHECK_INT(norm1(in, 7, 1, NA, NA, NA, &s, out, &e), 0);
	CHECK_VEC(out, in, 7, 0);
}

/* ---------------------------------------------------------- aggregation */

static void
means(void)
{
	/* rows "a_amean", "a_gmean", "a_hmean": w=c(1,2,3,4) on 10;20;NA;40,
	 * the missing value dropped and the weights renormalised.  Four
	 * indicators, one unit; a second unit all missing gets NA. */
	static const char *const code[] = {"a", "b", "c", "d", "index"};
	static const long parent[] = {4, 4, 4, 4, -1};
	static const double weight[] = {1, 2, 3, 4, 1};
	static const double x[] = {10, NA, 20, NA, NA, NA, 40, NA};
	static const double wn[] = {0.1, 0.2, 0.3, 0.4, 1};
	static const enum rc_agg agg[3] = {RC_AGG_AMEAN, RC_AGG_GMEAN,
	    RC_AGG_HMEAN};
	static const double want[3] = {30, 26.9180038526471, 23.3333333333333};
	struct rc_model m;
	struct err e = {0};
	int i;

	for (i = 0; i < 3; i++) {
		if (t_tree(&m, 4, 5, 2, code, parent, weight, x) < 0)
			return;
		CHECK_INT(rc_aggregate(&m, RC_W_META, agg[i], 0, &e), 0);
		CHECK_DBL(m.x[4 * 2 + 0], want[i], 1e-12);
		CHECK(isnan(m.x[4 * 2 + 1]));
		CHECK_VEC(m.w, wn, 5, 1e-15);
		CHECK_VEC(m.weff, wn, 5, 1e-15);
		rc_model_free(&m);
	}
	/* Python, mpmath: the exact gmean and hmean */
	if (t_tree(&m, 4, 5, 2, code, parent, weight, x) == 0) {
		CHECK_INT(rc_aggregate(&m, RC_W_META, RC_AGG_GMEAN, 0, &e), 0);
		CHECK_DBL(m.x[8], 26.918003852647123, 1e-12);
		CHECK_INT(rc_aggregate(&m, RC_W_META, RC_AGG_HMEAN, 0, &e), 0);
		CHECK_DBL(m.x[8], 70.0 / 3, 1e-12);
		rc_model_free(&m);
	}

	/* gmean and hmean need values above 0 (u1's "b" is 0). */
	{
		static const double x2[] = {1, 2, 3, 0};
		struct rc_model m2;
		if (t_flat(&m2, 2, 2, x2) == 0) {
			CHECK_INT(rc_aggregate(&m2, RC_W_EQUAL, RC_AGG_GMEAN, 0,
			    &e), -1);
			CHECK_INT(e.kind, ERR_DATA);
			CHECK_STR(e.msg, "t.csv:3: unit \"u1\": gmean needs values "
			    "above 0, and \"b\" is 0 (normalise with "
			    "minmax:1,100)");
			CHECK_INT(rc_aggregate(&m2, RC_W_EQUAL, RC_AGG_HMEAN, 0,
			    &e), -1);
			CHECK_STR(e.msg, "t.csv:3: unit \"u1\": hmean needs values "
			    "above 0, and \"b\" is 0 (normalise with "
			    "minmax:1,100)");
			/* amean takes it: (2 + 0) / 2 */
			CHECK_INT(rc_aggregate(&m2, RC_W_EQUAL, RC_AGG_AMEAN, 0,
			    &e), 0);
			CHECK_DBL(m2.x[4], 2, 0);
			CHECK_DBL(m2.x[5], 1, 0);
			rc_model_free(&m2);
		}
	}
	/* META weights summing to 0 */
	{
		static const double w0[] = {0, 0, 0, 0, 1};
		if (t_tree(&m, 4, 5, 2, code, parent, w0, x) == 0) {
			CHECK_INT(rc_aggregate(&m, RC_W_META, RC_AGG_AMEAN, 0, &e),
			    -1);
			CHECK_STR(e.msg, "t.csv:6: the Weights of the children "
			    "of \"index\" sum to 0");
			rc_model_free(&m);
		}
	}
}

/*
 * Three levels: i1, i2 under P1; i3, i4, i5 under P2; P1, P2 under the
 * index.  META weights i1 1, i2 3, i3 2, i4 2, i5 4, P1 1, P2 3: within
 * the parent 0.25, 0.75; 0.25, 0.25, 0.5; 0.25, 0.75; effective (the
 * products) 0.0625, 0.1875, 0.1875, 0.1875, 0.375, 0.25, 0.75, 1.
 */
static void
weights_tree(void)
{
	static const char *const code[] = {"i1", "i2", "i3", "i4", "i5", "P1",
	    "P2", "index"};
	static const long parent[] = {5, 5, 6, 6, 6, 7, 7, -1};
	static const double weight[] = {1, 3, 2, 2, 4, 1, 3, 1};
	static const double x[] = {
		10, 20,   /* i1 */
		30, NA,   /* i2 */
		40, 10,   /* i3 */
		60, 20,   /* i4 */
		80, NA,   /* i5 */
	};
	static const double w[] = {0.25, 0.75, 0.25, 0.25, 0.5, 0.25, 0.75, 1};
	static const double weff[] = {0.0625, 0.1875, 0.1875, 0.1875, 0.375,
	    0.25, 0.75, 1};
	static const double weq[] = {0.5, 0.5, 1.0 / 3, 1.0 / 3, 1.0 / 3, 0.5,
	    0.5, 1};
	static const double weffeq[] = {0.25, 0.25, 1.0 / 6, 1.0 / 6, 1.0 / 6,
	    0.5, 0.5, 1};
	struct rc_model m;
	struct err e = {0};

	if (t_tree(&m, 5, 8, 2, code, parent, weight, x) < 0)
		return;
	CHECK_INT(m.node[5].level, 2);
	CHECK_INT(m.node[7].level, 3);
	CHECK_INT(rc_aggregate(&m, RC_W_META, RC_AGG_AMEAN, 0, &e), 0);
	CHECK_VEC(m.w, w, 8, 1e-15);
	CHECK_VEC(m.weff, weff, 8, 1e-15);
	/* P1: u0 0.25*10 + 0.75*30 = 25; u1 i2 missing: 20.
	 * P2: u0 0.25*40 + 0.25*60 + 0.5*80 = 65; u1 (10 + 20)/2 = 15.
	 * index: u0 0.25*25 + 0.75*65 = 55; u1 0.25*20 + 0.75*15 = 16.25 */
	CHECK_DBL(m.x[5 * 2 + 0], 25, 1e-12);
	CHECK_DBL(m.x[5 * 2 + 1], 20, 1e-12);
	CHECK_DBL(m.x[6 * 2 + 0], 65, 1e-12);
	CHECK_DBL(m.x[6 * 2 + 1], 15, 1e-12);
	CHECK_DBL(m.x[7 * 2 + 0], 55, 1e-12);
	CHECK_DBL(m.x[7 * 2 + 1], 16.25, 1e-12);

	/* Equal weights: 1/2, 1/3 within the parents. */
	CHECK_INT(rc_aggregate(&m, RC_W_EQUAL, RC_AGG_AMEAN, 0, &e), 0);
	CHECK_VEC(m.w, weq, 8, 1e-15);
	CHECK_VEC(m.weff, weffeq, 8, 1e-15);
	/* P2 u0 (40 + 60 + 80) / 3 = 60; P1 u0 20; index u0 40 */
	CHECK_DBL(m.x[6 * 2 + 0], 60, 1e-12);
	CHECK_DBL(m.x[7 * 2 + 0], 40, 1e-12);
	rc_model_free(&m);
}

/*
 * Entropy weights: p = x / sum over a child's non-missing values, e = -sum
 * p log p / log(count), d = 1 - e, w = d / sum d.  Five units:
 *   a: 1, 2, 3, 4, NA  sum 10, p .1 .2 .3 .4, count 4:
 *      d = 1 - 1.2798542258336676 / log 4 = 0.076780327664492253
 *   b: 0, 0, 5, 5, 10  sum 20, p 0 0 .25 .25 .5 (0 log 0 = 0), count 5:
 *      e = 1.0397207708399179 / log 5, d = 0.35398516288991042
 *   c: 7, 7, 7, 7, 7   constant: no information, weight 0
 * w = 0.17824159397187234, 0.82175840602812766, 0.
 * amean (c skipped at weight 0, weights rescaled over the values there):
 * u0 (wa 1 + wb 0) / (wa + wb) = 0.17824159397187234, u1
 * 0.35648318794374469, u2 4.6435168120562553, u3 4.8217584060281277, u4
 * (a missing) 10.
 */
static void
entropy(void)
{
	static const double x[] = {
		1, 2, 3, 4, NA,
		0, 0, 5, 5, 10,
		7, 7, 7, 7, 7,
	};
	static const double w[] = {0.17824159397187234, 0.82175840602812766,
	    0, 1};
	static const double agg[] = {0.17824159397187234, 0.35648318794374469,
	    4.6435168120562553, 4.8217584060281277, 10};
	static const double xc[] = {2, 2, 2, 3, 3, 3};
	static const double xneg[] = {1, -1, 2, 3};
	struct rc_model m;
	struct err e = {0};

	if (t_flat(&m, 3, 5, x) == 0) {
		CHECK_INT(rc_aggregate(&m, RC_W_ENTROPY, RC_AGG_AMEAN, 0, &e), 0);
		CHECK_VEC(m.w, w, 4, 1e-12);
		CHECK_VEC(m.weff, w, 4, 1e-12);
		CHECK_VEC(&m.x[15], agg, 5, 1e-12);
		rc_model_free(&m);
	}
	/* a times 2^1021 and b times 2^1019: a's values sum past the largest
	 * double (12.5 * 2^1021), which made every share 0, 0 log 0 NaN and
	 * the weights silently equal; the shares over the largest value
	 * give the weights above, whatever the scale. */
	if (t_flat(&m, 3, 5, x) == 0) {
		size_t u;
		for (u = 0; u < 5; u++) {
			m.x[u] *= 0x1p1021;
			m.x[5 + u] *= 0x1p1019;
		}
		CHECK_INT(rc_aggregate(&m, RC_W_ENTROPY, RC_AGG_AMEAN, 0, &e), 0);
		CHECK_VEC(m.w, w, 4, 1e-12);
		rc_model_free(&m);
	}
	/* every child constant: equal weights */
	if (t_flat(&m, 2, 3, xc) == 0) {
		CHECK_INT(rc_aggregate(&m, RC_W_ENTROPY, RC_AGG_AMEAN, 0, &e), 0);
		CHECK_DBL(m.w[0], 0.5, 0);
		CHECK_DBL(m.w[1], 0.5, 0);
		CHECK_DBL(m.x[6], 2.5, 1e-12);
		rc_model_free(&m);
	}
	/* negative values: an error naming unit, line and indicator */
	if (t_flat(&m, 2, 2, xneg) == 0) {
		CHECK_INT(rc_aggregate(&m, RC_W_ENTROPY, RC_AGG_AMEAN, 0, &e),
		    -1);
		CHECK_STR(e.msg, "t.csv:3: unit \"u1\": entropy weights need "
		    "values of 0 or more, and \"a\" is -1 (normalise with "
		    "minmax first)");
		rc_model_free(&m);
	}
}

/*
 * PCA weights: |loadings| of the first principal component of the
 * correlation matrix, normalised to sum 1.
 * Two children: the eigenvectors of [[1 r] [r 1]] are (1, 1)/sqrt 2 and
 * (1, -1)/sqrt 2 whatever r (here r = 0.6, eigenvalues 1.6 and 0.4):
 * 0.5 / 0.5.
 * Three children over the six complete units (u6 lacks c3, so its 100
 * and -50 must not count):
 *   c1 1 2 3 4 5 6, c2 2 1 4 3 6 5, c3 6 4 5 1 3 2
 * correlations (exact sums): r12 = 29/35, r13 = -26/35, r23 = -23/35;
 * eigenvalues 2.332627848, 0.6297757602, 0.03759639191 (mpmath.eigsy);
 * the first eigenvector's |components| / their sum:
 *   0.37529265499786881, 0.31864609754303612, 0.30606124745909507.
 */
static void
pca(void)
{
	static const double x2[] = {1, 2, 3, 4, 2, 1, 4, 3};
	static const double x3[] = {
		1, 2, 3, 4, 5, 6, 100,
		2, 1, 4, 3, 6, 5, -50,
		6, 4, 5, 1, 3, 2, NA,
	};
	static const double w3[] = {0.37529265499786881, 0.31864609754303612,
	    0.30606124745909507, 1};
	static const double xk[] = {1, 2, 3, 4, 7, 7, 7, 7, 2, 1, 4, 3};
	static const double xfew[] = {1, 2, NA, 4, 2, 1, 4, NA};
	struct rc_model m;
	struct err e = {0};

	if (t_flat(&m, 2, 4, x2) == 0) {
		CHECK_INT(rc_aggregate(&m, RC_W_PCA, RC_AGG_AMEAN, 0, &e), 0);
		CHECK_DBL(m.w[0], 0.5, 1e-12);
		CHECK_DBL(m.w[1], 0.5, 1e-12);
		rc_model_free(&m);
	}
	if (t_flat(&m, 3, 7, x3) == 0) {
		CHECK_INT(rc_aggregate(&m, RC_W_PCA, RC_AGG_AMEAN, 0, &e), 0);
		CHECK_VEC(m.w, w3, 4, 1e-12);
		/* u0: (w1 1 + w2 2 + w3 6) */
		CHECK_DBL(m.x[21], w3[0] * 1 + w3[1] * 2 + w3[2] * 6, 1e-12);
		rc_model_free(&m);
	}
	/* a constant child gets 0, the other two 0.5 each */
	if (t_flat(&m, 3, 4, xk) == 0) {
		CHECK_INT(rc_aggregate(&m, RC_W_PCA, RC_AGG_AMEAN, 0, &e), 0);
		CHECK_DBL(m.w[0], 0.5, 1e-12);
		CHECK_DBL(m.w[1], 0, 0);
		CHECK_DBL(m.w[2], 0.5, 1e-12);
		rc_model_free(&m);
	}
	/* two complete units only */
	if (t_flat(&m, 2, 4, xfew) == 0) {
		CHECK_INT(rc_aggregate(&m, RC_W_PCA, RC_AGG_AMEAN, 0, &e), -1);
		CHECK_STR(e.msg, "t.csv: PCA weights for \"index\" need 3 or more "
		    "units with every child present (there are 2)");
		rc_model_free(&m);
	}
}

/*
 * TOPSIS, the textbook example: units (rows) X = [[5,8,4],[7,6,8],
 * [8,8,6],[7,4,6]], weights .3 .4 .3 (META 3, 4, 3).  Vector
 * normalisation, ideal = column max, anti-ideal = column min, C = d- /
 * (d+ + d-).  Textbook C: 0.5037, 0.6581, 0.7482, 0.3340; exactly (Python,
 * mpmath at 50 digits): 0.50371965857951891, 0.65808477196181378,
 * 0.74824865994062392, 0.33399743694334208.  With the third criterion a
 * cost (Direction -1, ideal = min): 0.70050176038592421,
 * 0.38909474560970009, 0.74824865994062392, 0.33399743694334208 (units 3
 * and 4 hold 6, half way between 4 and 8, so they do not move).
 */
static void
topsis(void)
{
	static const double x[] = {
		5, 7, 8, 7,
		8, 6, 8, 4,
		4, 8, 6, 6,
	};
	static const char *const code[] = {"c1", "c2", "c3", "index"};
	static const long parent[] = {3, 3, 3, -1};
	static const double weight[] = {3, 4, 3, 1};
	static const double c[] = {0.50371965857951891, 0.65808477196181378,
	    0.74824865994062392, 0.33399743694334208};
	static const double cneg[] = {0.70050176038592421, 0.38909474560970009,
	    0.74824865994062392, 0.33399743694334208};
	static const double w[] = {0.3, 0.4, 0.3, 1};
	static const double xsame[] = {2, 2, 3, 3};
	struct rc_model m;
	struct err e = {0};

	if (t_tree(&m, 3, 4, 4, code, parent, weight, x) < 0)
		return;
	CHECK_INT(rc_aggregate(&m, RC_W_META, RC_AGG_TOPSIS, 0, &e), 0);
	CHECK_VEC(&m.x[12], c, 4, 1e-12);
	CHECK_DBL(m.x[12], 0.5037, 5e-5);
	CHECK_DBL(m.x[13], 0.6581, 5e-5);
	CHECK_DBL(m.x[14], 0.7482, 5e-5);
	CHECK_DBL(m.x[15], 0.3340, 5e-5);
	CHECK_VEC(m.w, w, 4, 1e-15);
	/* a Direction of -1 only counts when dir_in_topsis is set */
	m.node[2].dir = -1;
	CHECK_INT(rc_aggregate(&m, RC_W_META, RC_AGG_TOPSIS, 0, &e), 0);
	CHECK_VEC(&m.x[12], c, 4, 1e-12);
	CHECK_INT(rc_aggregate(&m, RC_W_META, RC_AGG_TOPSIS, 1, &e), 0);
	CHECK_VEC(&m.x[12], cneg, 4, 1e-12);
	rc_model_free(&m);

	/* every unit alike: at the ideal and the anti-ideal at once */
	if (t_flat(&m, 2, 2, xsame) == 0) {
		CHECK_INT(rc_aggregate(&m, RC_W_EQUAL, RC_AGG_TOPSIS, 0, &e), -1);
		CHECK_STR(e.msg, "t.csv: TOPSIS for \"index\": unit \"u0\" is at "
		    "both the ideal and the anti-ideal (every unit has the "
		    "same values)");
		rc_model_free(&m);
	}
}

/*
 * TOPSIS as the textbook computes it, without any scaling: v = w x /
 * sqrt(sum x^2) per column, C = d- / (d+ + d-); the reference for the
 * scaled computation at ordinary magnitudes.  x is nind rows of n.
 */
static void
topsis_plain(const double *x, const double *w, size_t nind, size_t n,
    double *c)
{
	double best[8], worst[8], norm[8];
	size_t j, u;

	for (j = 0; j < nind; j++) {
		double s = 0;
		for (u = 0; u < n; u++)
			s += x[j * n + u] * x[j * n + u];
		norm[j] = sqrt(s);
		best[j] = -INFINITY;
		worst[j] = INFINITY;
		for (u = 0; u < n; u++) {
			double v = w[j] * x[j * n + u] / norm[j];
			best[j] = v > best[j] ? v : best[j];
			worst[j] = v < worst[j] ? v : worst[j];
		}
	}
	for (u = 0; u < n; u++) {
		double dp = 0, dm = 0;
		for (j = 0; j < nind; j++) {
			double v = w[j] * x[j * n + u] / norm[j];
			dp += (v - best[j]) * (v - best[j]);
			dm += (v - worst[j]) * (v - worst[j]);
		}
		c[u] = sqrt(dm) / (sqrt(dp) + sqrt(dm));
	}
}

/*
 * TOPSIS divides each column by its largest |x| before squaring.  At
 * ordinary magnitudes (random values 0.01 .. 1000, 3 criteria, 40 units)
 * it agrees with the unscaled textbook computation to 1e-13; a column
 * times 2^996 or 2^-1000 (exact scalings: squares overflow or underflow
 * unscaled) gives the very same closeness, bit for bit; times 1e300 or
 * 1e-300 (inexact) the same to 1e-13.  Unscaled, every one of these
 * made every unit alike (an error).
 */
static void
topsis_scale(void)
{
	enum { NI = 3, NU = 40 };
	static const char *const code[] = {"c1", "c2", "c3", "index"};
	static const long parent[] = {3, 3, 3, -1};
	static const double weight[] = {3, 4, 3, 1};
	static const double wn[] = {0.3, 0.4, 0.3};
	static const double scale[] = {0x1p996, 0x1p-1000, 1e300, 1e-300};
	double x[NI * NU], xs[NI * NU], want[NU], base[NU];
	struct rc_model m;
	struct err e = {0};
	size_t i, s;

	t_seed(12);
	for (i = 0; i < NI * NU; i++)
		x[i] = 0.01 + (double)(t_rand() % 100000000) / 1e5;
	topsis_plain(x, wn, NI, NU, want);
	if (t_tree(&m, NI, NI + 1, NU, code, parent, weight, x) < 0)
		return;
	CHECK_INT(rc_aggregate(&m, RC_W_META, RC_AGG_TOPSIS, 0, &e), 0);
	for (i = 0; i < NU; i++)
		CHECK_DBL(m.x[NI * NU + i], want[i], 1e-13);
	memcpy(base, &m.x[NI * NU], sizeof base);
	rc_model_free(&m);
	for (s = 0; s < sizeof scale / sizeof *scale; s++) {
		for (i = 0; i < NI * NU; i++)
			xs[i] = x[i] * scale[s];
		if (t_tree(&m, NI, NI + 1, NU, code, parent, weight, xs) < 0)
			return;
		CHECK_INT(rc_aggregate(&m, RC_W_META, RC_AGG_TOPSIS, 0, &e), 0);
		CHECK_VEC(&m.x[NI * NU], base, NU, s < 2 ? 0 : 1e-13);
		rc_model_free(&m);
	}
}

/*
 * META weights whose sum overflows: weights_tree's tree with i1 .. P2 as
 * 0.5e308, 1.5e308; 0.5e308, 0.5e308, 1e308; 0.5e308, 1.5e308 (sums
 * 2e308 and 2e308: infinity).  The shares are weights_tree's 0.25, 0.75;
 * 0.25, 0.25, 0.5; 0.25, 0.75 and so are the scores, where the plain
 * division gave every share 0 and every score empty.
 */
static void
weights_huge(void)
{
	static const char *const code[] = {"i1", "i2", "i3", "i4", "i5", "P1",
	    "P2", "index"};
	static const long parent[] = {5, 5, 6, 6, 6, 7, 7, -1};
	static const double weight[] = {0.5e308, 1.5e308, 0.5e308, 0.5e308,
	    1e308, 0.5e308, 1.5e308, 1};
	static const double x[] = {10, 20, 30, NA, 40, 10, 60, 20, 80, NA};
	static const double w[] = {0.25, 0.75, 0.25, 0.25, 0.5, 0.25, 0.75, 1};
	struct rc_model m;
	struct err e = {0};

	if (t_tree(&m, 5, 8, 2, code, parent, weight, x) < 0)
		return;
	CHECK_INT(rc_aggregate(&m, RC_W_META, RC_AGG_AMEAN, 0, &e), 0);
	CHECK_VEC(m.w, w, 8, 1e-15);
	CHECK_DBL(m.x[7 * 2 + 0], 55, 1e-12);
	CHECK_DBL(m.x[7 * 2 + 1], 16.25, 1e-12);
	rc_model_free(&m);
}

/*
 * rc_denominate finds each indicator's Denominator among the kept
 * columns by name (sorted once, then a binary search): three indicators
 * with a column each, kept in the order zeta, alpha, mid, and the group
 * column g among them.  a / zeta, b / alpha, c / mid; an empty
 * denominator leaves the value missing; a name not kept is an error.
 */
static void
denominate_many(void)
{
	static const double x[] = {10, 20, 30, 40, 50, 60};
	static const char *const zeta[] = {"2", "4"}, *const alpha[] = {"5",
	    ""}, *const mid[] = {"10", "20"}, *const g[] = {"x", "y"};
	static const double want[] = {5, 5, 6, NA, 5, 3};
	struct rc_model m;
	struct err e = {0};

	if (t_flat(&m, 3, 2, x) < 0 || t_add_column(&m, "zeta", zeta) < 0 ||
	    t_add_column(&m, "g", g) < 0 ||
	    t_add_column(&m, "alpha", alpha) < 0 ||
	    t_add_column(&m, "mid", mid) < 0)
		return;
	m.node[0].denom = strdup("zeta");
	m.node[1].denom = strdup("alpha");
	m.node[2].denom = strdup("mid");
	CHECK_INT(rc_denominate(&m, &e), 0);
	CHECK_VEC(m.x, want, 6, 0);
	free(m.node[2].denom);
	m.node[2].denom = strdup("nu");
	CHECK_INT(rc_denominate(&m, &e), -1);
	CHECK_STR(e.msg, "t.csv: no column \"nu\" (the Denominator of \"c\")");
	rc_model_free(&m);
}

/* ---------------------------------------------------------------- ranks */

static void
ranks(void)
{
	/* row "rank (COINr rank_df)": rank(-score, ties='min',
	 * na.last='keep'): 50;70;70;NA;10 -> 3;1;1;NA;4 (NA is 0 here) */
	static const double s1[5] = {50, 70, 70, NA, 10};
	static const int r1[5] = {3, 1, 1, 0, 4};
	/* three tie groups: 9 first; 5, 5 share 2; 3, 3, 3 share 4; 1 is 7 */
	static const double s2[9] = {5, 5, 3, NA, 3, 3, 1, 9, NA};
	static const int r2[9] = {2, 2, 4, 0, 4, 4, 7, 1, 0};
	static const double s3[3] = {NA, NA, NA};
	static const double s4[4] = {-1, -0.0, 0.0, -2};
	int r[9], i;

	rc_rank(s1, 5, r);
	for (i = 0; i < 5; i++)
		CHECK_INT(r[i], r1[i]);
	rc_rank(s2, 9, r);
	for (i = 0; i < 9; i++)
		CHECK_INT(r[i], r2[i]);
	rc_rank(s3, 3, r);
	for (i = 0; i < 3; i++)
		CHECK_INT(r[i], 0);
	/* -0 == 0: a tie */
	rc_rank(s4, 4, r);
	CHECK_INT(r[0], 3);
	CHECK_INT(r[1], 1);
	CHECK_INT(r[2], 1);
	CHECK_INT(r[3], 4);
	rc_rank(s1, 0, r);  /* nothing to do, nothing touched */
}

/* ----------------------------------------------------------- imputation */

static void
impute(void)
{
	/* a: mean of 1, 3, 8 = 4; b: mean of 2, 4, 9, 5 = 5, twice */
	static const double x[] = {
		1, NA, 3, 8, NA, NA,
		2, NA, NA, 4, 9, 5,
	};
	static const double am[] = {1, 4, 3, 8, 4, 4};
	static const double bm[] = {2, 5, 5, 4, 9, 5};
	/* medians: a 3 (of 1 3 8); b (4 + 5) / 2 = 4.5 (of 2 4 5 9) */
	static const double amed[] = {1, 3, 3, 8, 3, 3};
	static const double bmed[] = {2, 4.5, 4.5, 4, 9, 5};
	/* groups A A B B B B "" C.  a: A has 1 (u1 gets 1), B has 4 10 1
	 * (mean 5, median 4: u3), "" is never filled (u6), C has nothing
	 * (u7 stays missing).  b: A has nothing (u0, u1 stay missing), B has
	 * 1 2 6 (mean 3, median 2: u4).  Three filled. */
	static const char *const grp[] = {"A", "A", "B", "B", "B", "B", "",
	    "C"};
	static const double xg[] = {
		1, NA, 4, NA, 10, 1, NA, NA,
		NA, NA, 1, 2, NA, 6, 3, NA,
	};
	static const double ag[] = {1, 1, 4, 5, 10, 1, NA, NA};
	static const double bg[] = {NA, NA, 1, 2, 3, 6, 3, NA};
	static const double agmed[] = {1, 1, 4, 4, 10, 1, NA, NA};
	static const double bgmed[] = {NA, NA, 1, 2, 2, 6, 3, NA};
	struct rc_model m;
	struct err e = {0};
	size_t filled = 99;

	if (t_flat(&m, 2, 6, x) == 0) {
		m.x[12] = 77;  /* the index row is not an indicator's */
		m.x[13] = NA;
		CHECK_INT(rc_impute(&m, RC_IMPUTE_NONE, NULL, &filled, &e), 0);
		CHECK_INT(filled, 0);
		CHECK_INT(rc_impute(&m, RC_IMPUTE_MEAN, NULL, &filled, &e), 0);
		CHECK_INT(filled, 5);
		CHECK_VEC(&m.x[0], am, 6, 1e-12);
		CHECK_VEC(&m.x[6], bm, 6, 1e-12);
		CHECK_DBL(m.x[12], 77, 0);
		CHECK(isnan(m.x[13]));
		rc_model_free(&m);
	}
	if (t_flat(&m, 2, 6, x) == 0) {
		CHECK_INT(rc_impute(&m, RC_IMPUTE_MEDIAN, NULL, &filled, &e), 0);
		CHECK_INT(filled, 5);
		CHECK_VEC(&m.x[0], amed, 6, 1e-12);
		CHECK_VEC(&m.x[6], bmed, 6, 1e-12);
		rc_model_free(&m);
	}
	if (t_flat(&m, 2, 8, xg) == 0) {
		if (t_add_column(&m, "grp", grp) == 0) {
			CHECK_INT(rc_impute(&m, RC_IMPUTE_GROUP_MEAN, "grp",
			    &filled, &e), 0);
			CHECK_INT(filled, 3);
			CHECK_VEC(&m.x[0], ag, 8, 1e-12);
			CHECK_VEC(&m.x[8], bg, 8, 1e-12);
			/* a group column that is not there */
			CHECK_INT(rc_impute(&m, RC_IMPUTE_GROUP_MEAN, "zz",
			    &filled, &e), -1);
			CHECK_INT(e.kind, ERR_USAGE);
			CHECK_STR(e.msg, "no group column \"zz\"");
		}
		rc_model_free(&m);
	}
	if (t_flat(&m, 2, 8, xg) == 0) {
		if (t_add_column(&m, "grp", grp) == 0) {
			CHECK_INT(rc_impute(&m, RC_IMPUTE_GROUP_MEDIAN, "grp",
			    &filled, &e), 0);
			CHECK_INT(filled, 3);
			CHECK_VEC(&m.x[0], agmed, 8, 1e-12);
			CHECK_VEC(&m.x[8], bgmed, 8, 1e-12);
		}
		rc_model_free(&m);
	}
}

/* ------------------------------------------------------------ screening */

static void
screen(void)
{
	/* Three indicators, the index row filled in by hand (100 + u) so
	 * that its move shows too.  Availability: u0 1, u1 2/3, u2 0, u3 1,
	 * u4 1/3, u5 2/3, u6 1. */
	static const double x[] = {
		10, 11, NA, 13, 14, NA, 16,
		20, NA, NA, 23, NA, 25, 26,
		30, 31, NA, 33, NA, 35, 36,
	};
	static const char *const lab[] = {"L0", "L1", "L2", "L3", "L4", "L5",
	    "L6"};
	static const char *const grp[] = {"g0", "g1", "g2", "g3", "g4", "g5",
	    "g6"};
	struct rc_model m;
	struct err e = {0};
	size_t dropped = 99, u, k;

	if (t_flat(&m, 3, 7, x) < 0)
		return;
	for (u = 0; u < 7; u++)
		m.x[3 * 7 + u] = 100 + (double)u;
	m.label = calloc(7, sizeof *m.label);
	m.label_col = strdup("name");
	if (m.label == NULL || m.label_col == NULL) {
		t_report(0, __FILE__, __LINE__, "out of memory");
		rc_model_free(&m);
		return;
	}
	for (u = 0; u < 7; u++)
		m.label[u] = strdup(lab[u]);
	if (t_add_column(&m, "grp", grp) < 0) {
		rc_model_free(&m);
		return;
	}
	/* 0.5: u2 (0) and u4 (1/3) go */
	CHECK_INT(rc_screen(&m, 0.5, &dropped, &e), 0);
	CHECK_INT(dropped, 2);
	CHECK_INT(m.nunit, 5);
	{
		static const size_t keep[5] = {0, 1, 3, 5, 6};
		for (u = 0; u < 5 && u < m.nunit; u++) {
			size_t o = keep[u];
			char id[16];
			snprintf(id, sizeof id, "u%zu", o);
			CHECK_STR(m.unit[u], id);
			CHECK_STR(m.label[u], lab[o]);
			CHECK_STR(m.colval[0][u], grp[o]);
			CHECK_INT(m.uline[u], (long)o + 2);
			for (k = 0; k < 4; k++) {
				double want = k < 3 ? x[k * 7 + o] :
				    100 + (double)o;
				t_report(isnan(want) ? isnan(m.x[k * 5 + u]) :
				    m.x[k * 5 + u] == want, __FILE__, __LINE__,
				    "node %zu unit %zu: %g, want %g", k, u,
				    m.x[k * 5 + u], want);
			}
		}
	}
	/* 1: only the complete units u0, u3, u6 stay */
	CHECK_INT(rc_screen(&m, 1, &dropped, &e), 0);
	CHECK_INT(dropped, 2);
	CHECK_INT(m.nunit, 3);
	{
		static const size_t keep[3] = {0, 3, 6};
		for (u = 0; u < 3 && u < m.nunit; u++) {
			size_t o = keep[u];
			char id[16];
			snprintf(id, sizeof id, "u%zu", o);
			CHECK_STR(m.unit[u], id);
			CHECK_STR(m.label[u], lab[o]);
			CHECK_STR(m.colval[0][u], grp[o]);
			for (k = 0; k < 3; k++)
				CHECK_DBL(m.x[k * 3 + u], x[k * 7 + o], 0);
			CHECK_DBL(m.x[3 * 3 + u], 100 + (double)o, 0);
		}
	}
	/* 0: nobody goes */
	CHECK_INT(rc_screen(&m, 0, &dropped, &e), 0);
	CHECK_INT(dropped, 0);
	CHECK_INT(m.nunit, 3);
	rc_model_free(&m);
}

void
suite_pipeline(void)
{
	stats_init();
	treat();
	normalise();
	means();
	weights_tree();
	entropy();
	pca();
	topsis();
	topsis_scale();
	weights_huge();
	denominate_many();
	ranks();
	impute();
	screen();
}
