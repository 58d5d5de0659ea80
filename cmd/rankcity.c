/*
 * rankcity - composite indices and rankings the OECD/JRC Handbook way
 * (COINr's method), with entropy weights, TOPSIS, Monte Carlo uncertainty,
 * an audit and charts.  Option parsing only; the work is in
 * lib/rankcity.c, lib/rcrun.c and lib/rcaudit.c.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/chart.h"
#include "core/csvio.h"
#include "core/datetime.h"
#include "rankcity/rankcity.h"
#include "core/stats.h"
#include "core/util.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif

static const char usage_text[] =
    "usage: rankcity [options] [FILE]\n"
    "\n"
    "Build a composite index from a table of indicators (one row per city,\n"
    "district or street) and rank the units: denominate, screen, impute,\n"
    "treat outliers, normalise, weight and aggregate, as the OECD/JRC\n"
    "Handbook and COINr do.\n"
    "\n"
    "Input:\n"
    "  -m, --meta FILE         the indicator tree (COINr iMeta: Level, iCode,\n"
    "                          Direction, Weight, Parent ...); without it every\n"
    "                          numeric column is an indicator of one index\n"
    "      --unit COLUMN       unit id column (default: unit)\n"
    "      --label COLUMN      display name column (output and charts)\n"
    "  -d, --delimiter CHAR    input field separator (default: ,)\n"
    "      --tsv               input is tab-separated\n"
    "      --encoding ENC      input encoding, e.g. gb18030 (default: utf-8)\n"
    "\n"
    "Pipeline (in this order, each step optional):\n"
    "      --denominate        divide indicators by their Denominator column\n"
    "      --screen MIN        drop units with less than MIN (0-1, or N%) of\n"
    "                          their indicator values\n"
    "      --impute METHOD     mean, median, group-mean:COL, group-median:COL\n"
    "      --treat winsor[:N]  COINr's outlier rule, up to N points (5)\n"
    "      --treat-out FILE    what the treatment did, per indicator\n"
    "      --normalise METHOD  minmax[:L,U] (default 0,100), zscore[:M,SD],\n"
    "                          rank, goalposts[:SCALE], dist2targ[:cap], none\n"
    "      --weights METHOD    meta (default), equal, entropy, pca\n"
    "      --weights-out FILE  iCode,level,weight,effective_weight\n"
    "      --aggregate METHOD  amean (default), gmean, hmean, topsis\n"
    "\n"
    "Output (default: the ranking, sorted by rank):\n"
    "      --emit STAGE        the table after denominated, imputed, treated,\n"
    "                          normalised or aggregated instead\n"
    "      --previous FILE     add rank_change against an earlier ranking\n"
    "      --uncertainty N     Monte Carlo over weights and methods, N runs:\n"
    "                          rank_nominal, rank_median, rank_mean,\n"
    "                          rank_q05, rank_q95\n"
    "      --seed S            random seed (default: 1)\n"
    "      --weight-noise F    weights vary by up to +-F (default: 0.25)\n"
    "      --uncertainty-normalise LIST  minmax,zscore (default both)\n"
    "      --uncertainty-aggregate LIST  amean,gmean,hmean (default\n"
    "                          amean,gmean)\n"
    "      --audit             correlations, Cronbach's alpha and PCA instead\n"
    "      --precision N       N decimals (default: full precision)\n"
    "      --chart FILE        chart (.png, .svg, .pdf)\n"
    "      --chart-type TYPE   bar (default), stacked, uncertainty\n"
    "      --gnuplot           print the chart's gnuplot script instead of\n"
    "                          the CSV (which goes to -o FILE if given)\n"
    "  -o, --output FILE       write here instead of standard output\n"
    "  -q, --quiet             no summary line or warnings on standard error\n"
    "  -h, --help              show this help and exit\n"
    "  -V, --version           show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 bad data or I/O error, 2 bad usage.\n";

struct options {
	struct rc_opts run;
	const char *output;
	int quiet, gnuplot;
};

enum {
	OPT_UNIT = 256, OPT_LABEL, OPT_TSV, OPT_ENCODING, OPT_DENOMINATE,
	OPT_SCREEN, OPT_IMPUTE, OPT_TREAT, OPT_TREAT_OUT, OPT_NORMALISE,
	OPT_WEIGHTS, OPT_WEIGHTS_OUT, OPT_AGGREGATE, OPT_EMIT, OPT_PREVIOUS,
	OPT_UNCERTAINTY, OPT_SEED, OPT_NOISE, OPT_MC_NORM, OPT_MC_AGG,
	OPT_AUDIT, OPT_PRECISION, OPT_CHART, OPT_CHART_TYPE, OPT_GNUPLOT
};

static const struct option longopts[] = {
	{"meta", required_argument, NULL, 'm'},
	{"unit", required_argument, NULL, OPT_UNIT},
	{"label", required_argument, NULL, OPT_LABEL},
	{"delimiter", required_argument, NULL, 'd'},
	{"tsv", no_argument, NULL, OPT_TSV},
	{"encoding", required_argument, NULL, OPT_ENCODING},
	{"denominate", no_argument, NULL, OPT_DENOMINATE},
	{"screen", required_argument, NULL, OPT_SCREEN},
	{"impute", required_argument, NULL, OPT_IMPUTE},
	{"treat", required_argument, NULL, OPT_TREAT},
	{"treat-out", required_argument, NULL, OPT_TREAT_OUT},
	{"normalise", required_argument, NULL, OPT_NORMALISE},
	{"normalize", required_argument, NULL, OPT_NORMALISE},
	{"weights", required_argument, NULL, OPT_WEIGHTS},
	{"weights-out", required_argument, NULL, OPT_WEIGHTS_OUT},
	{"aggregate", required_argument, NULL, OPT_AGGREGATE},
	{"emit", required_argument, NULL, OPT_EMIT},
	{"previous", required_argument, NULL, OPT_PREVIOUS},
	{"uncertainty", required_argument, NULL, OPT_UNCERTAINTY},
	{"seed", required_argument, NULL, OPT_SEED},
	{"weight-noise", required_argument, NULL, OPT_NOISE},
	{"uncertainty-normalise", required_argument, NULL, OPT_MC_NORM},
	{"uncertainty-aggregate", required_argument, NULL, OPT_MC_AGG},
	{"audit", no_argument, NULL, OPT_AUDIT},
	{"precision", required_argument, NULL, OPT_PRECISION},
	{"chart", required_argument, NULL, OPT_CHART},
	{"chart-type", required_argument, NULL, OPT_CHART_TYPE},
	{"gnuplot", no_argument, NULL, OPT_GNUPLOT},
	{"output", required_argument, NULL, 'o'},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0}
};

static void
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "rankcity: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'rankcity --help' for more information.\n");
	exit(2);
}

/* A number from an option argument, within [lo, hi]. */
static double
opt_num(const char *opt, const char *arg, double lo, double hi)
{
	double v;
	char msg[160];

	if (parse_num(arg, strlen(arg), &v) != NUM_OK || v < lo || v > hi) {
		snprintf(msg, sizeof msg, "%s: \"%%s\" is not a number from "
		    "%g to %g", opt, lo, hi);
		usage_error(msg, arg);
	}
	return v;
}

/* A whole number from an option argument, within [lo, hi]. */
static long
opt_int(const char *opt, const char *arg, double lo, double hi)
{
	double v = opt_num(opt, arg, lo, hi);

	if (v != floor(v)) {
		char msg[160];
		snprintf(msg, sizeof msg, "%s: \"%%s\" is not a whole number",
		    opt);
		usage_error(msg, arg);
	}
	return (long)v;
}

/* "a,b" after a method's colon: two numbers. */
static void
two_nums(const char *opt, const char *arg, double *a, double *b)
{
	const char *comma = strchr(arg, ',');

	if (comma == NULL || parse_num(arg, (size_t)(comma - arg), a) !=
	    NUM_OK || parse_num(comma + 1, strlen(comma + 1), b) != NUM_OK)
		usage_error(opt, arg);
}

static void
parse_normalise(struct rc_norm_spec *s, const char *arg)
{
	const char *colon = strchr(arg, ':');
	size_t len = colon ? (size_t)(colon - arg) : strlen(arg);
	const char *p = colon ? colon + 1 : NULL;

	memset(s, 0, sizeof *s);
	if (len == 6 && strncmp(arg, "minmax", 6) == 0) {
		s->how = RC_NORM_MINMAX;
		s->a = 0;
		s->b = 100;
		if (p)
			two_nums("--normalise minmax:L,U needs two numbers: "
			    "\"%s\"", p, &s->a, &s->b);
		if (!(s->a < s->b))
			usage_error("--normalise minmax:L,U needs L < U: "
			    "\"%s\"", arg);
	} else if (len == 6 && strncmp(arg, "zscore", 6) == 0) {
		s->how = RC_NORM_ZSCORE;
		s->a = 0;
		s->b = 1;
		if (p)
			two_nums("--normalise zscore:M,SD needs two numbers: "
			    "\"%s\"", p, &s->a, &s->b);
		if (!(s->b > 0))
			usage_error("--normalise zscore:M,SD needs SD > 0: "
			    "\"%s\"", arg);
	} else if (len == 4 && strncmp(arg, "rank", 4) == 0 && !p) {
		s->how = RC_NORM_RANK;
	} else if (len == 9 && strncmp(arg, "goalposts", 9) == 0) {
		s->how = RC_NORM_GOALPOSTS;
		s->a = p ? opt_num("--normalise goalposts:SCALE", p, 1e-300,
		    1e300) : 100;
	} else if (len == 9 && strncmp(arg, "dist2targ", 9) == 0) {
		s->how = RC_NORM_DIST2TARG;
		if (p && strcmp(p, "cap") != 0)
			usage_error("--normalise dist2targ takes :cap or "
			    "nothing: \"%s\"", arg);
		s->cap = p != NULL;
	} else if (len == 4 && strncmp(arg, "none", 4) == 0 && !p) {
		s->how = RC_NORM_NONE;
	} else {
		usage_error("--normalise: \"%s\" is not minmax[:L,U], "
		    "zscore[:M,SD], rank, goalposts[:SCALE], dist2targ[:cap] "
		    "or none", arg);
	}
}

static void
parse_impute(struct rc_opts *o, const char *arg)
{
	if (strcmp(arg, "mean") == 0)
		o->impute = RC_IMPUTE_MEAN;
	else if (strcmp(arg, "median") == 0)
		o->impute = RC_IMPUTE_MEDIAN;
	else if (strncmp(arg, "group-mean:", 11) == 0 && arg[11]) {
		o->impute = RC_IMPUTE_GROUP_MEAN;
		o->impute_col = arg + 11;
	} else if (strncmp(arg, "group-median:", 13) == 0 && arg[13]) {
		o->impute = RC_IMPUTE_GROUP_MEDIAN;
		o->impute_col = arg + 13;
	} else
		usage_error("--impute: \"%s\" is not mean, median, "
		    "group-mean:COLUMN or group-median:COLUMN", arg);
	o->read.group_col = o->impute_col;
}

/* Pick the index of arg in names[] (NULL-terminated), or fail. */
static int
pick(const char *opt, const char *arg, const char *const *names,
    const char *list)
{
	int i;
	char msg[200];

	for (i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	snprintf(msg, sizeof msg, "%s: \"%%s\" is not %s", opt, list);
	usage_error(msg, arg);
	return -1;
}

/* A comma-separated subset of names[] as a bit set. */
static unsigned
pick_set(const char *opt, const char *arg, const char *const *names,
    const char *list)
{
	char **w;
	int n, i;
	unsigned set = 0;

	n = strlist_split(arg, &w);
	if (n < 0) {
		fprintf(stderr, "rankcity: out of memory\n");
		exit(1);
	}
	for (i = 0; i < n; i++)
		set |= 1u << pick(opt, w[i], names, list);
	strlist_free(w, n);
	return set;
}

static void
parse_options(int argc, char **argv, struct options *op)
{
	static const char *const weights[] = {"meta", "equal", "entropy",
	    "pca", NULL};
	static const char *const aggs[] = {"amean", "gmean", "hmean",
	    "topsis", NULL};
	static const char *const stages[] = {"", "denominated", "imputed",
	    "treated", "normalised", "aggregated", NULL};
	static const char *const charts[] = {"bar", "stacked", "uncertainty",
	    NULL};
	static const char *const mcnorms[] = {"minmax", "zscore", NULL};
	struct rc_opts *o = &op->run;
	int c, norm_given = 0, weights_given = 0, mcn = 0, mca = 0;
	int seed_given = 0, noise_given = 0;

	memset(op, 0, sizeof *op);
	o->csv.delim = ',';
	o->read.unit_col = "unit";
	o->screen = -1;
	o->treat_max = -1;
	o->precision = -1;
	o->mc.seed = 1;
	o->mc.noise = 0.25;
	o->mc.norms = 3;
	o->mc.aggs = 3;
	parse_normalise(&o->norm, "minmax");
	while ((c = getopt_long(argc, argv, "m:d:o:qhV", longopts, NULL)) !=
	    -1) {
		switch (c) {
		case 'm':
			o->read.meta = optarg;
			break;
		case OPT_UNIT:
			o->read.unit_col = optarg;
			break;
		case OPT_LABEL:
			o->read.label_col = optarg;
			break;
		case 'd':
			if (strlen(optarg) != 1)
				usage_error("-d takes one character, not "
				    "\"%s\"", optarg);
			o->csv.delim = (unsigned char)optarg[0];
			break;
		case OPT_TSV:
			o->csv.delim = '\t';
			break;
		case OPT_ENCODING:
			o->csv.encoding = optarg;
			break;
		case OPT_DENOMINATE:
			o->denominate = o->read.denominate = 1;
			break;
		case OPT_SCREEN: {
			size_t len = strlen(optarg);
			if (len > 1 && optarg[len - 1] == '%') {
				char tmp[64];
				snprintf(tmp, sizeof tmp, "%.*s", (int)(len - 1),
				    optarg);
				o->screen = opt_num("--screen", tmp, 0, 100) /
				    100;
			} else
				o->screen = opt_num("--screen", optarg, 0, 1);
			break;
		}
		case OPT_IMPUTE:
			parse_impute(o, optarg);
			break;
		case OPT_TREAT:
			if (strcmp(optarg, "winsor") == 0)
				o->treat_max = 5;
			else if (strncmp(optarg, "winsor:", 7) == 0)
				o->treat_max = (int)opt_int("--treat winsor:N",
				    optarg + 7, 0, 1000000);
			else
				usage_error("--treat: \"%s\" is not "
				    "winsor[:MAXPOINTS]", optarg);
			break;
		case OPT_TREAT_OUT:
			o->treat_out = optarg;
			break;
		case OPT_NORMALISE:
			parse_normalise(&o->norm, optarg);
			norm_given = 1;
			break;
		case OPT_WEIGHTS:
			o->weights = (enum rc_weights)pick("--weights", optarg,
			    weights, "meta, equal, entropy or pca");
			weights_given = 1;
			break;
		case OPT_WEIGHTS_OUT:
			o->weights_out = optarg;
			break;
		case OPT_AGGREGATE:
			o->agg = (enum rc_agg)pick("--aggregate", optarg, aggs,
			    "amean, gmean, hmean or topsis");
			break;
		case OPT_EMIT:
			o->emit = (enum rc_stage)pick("--emit", optarg, stages,
			    "denominated, imputed, treated, normalised or "
			    "aggregated");
			if (o->emit == RC_EMIT_NONE)
				usage_error("--emit: \"%s\" is not a stage",
				    optarg);
			break;
		case OPT_PREVIOUS:
			o->previous = optarg;
			break;
		case OPT_UNCERTAINTY:
			o->mc.n = opt_int("--uncertainty", optarg, 1, 1e8);
			break;
		case OPT_SEED:
			o->mc.seed = (unsigned long)opt_int("--seed", optarg,
			    0, 4294967295.0);
			seed_given = 1;
			break;
		case OPT_NOISE:
			o->mc.noise = opt_num("--weight-noise", optarg, 0, 1);
			if (!(o->mc.noise < 1))
				usage_error("--weight-noise: \"%s\" must be below "
				    "1 (weights stay positive)", optarg);
			noise_given = 1;
			break;
		case OPT_MC_NORM:
			o->mc.norms = pick_set("--uncertainty-normalise",
			    optarg, mcnorms, "minmax or zscore");
			mcn = 1;
			break;
		case OPT_MC_AGG:
			o->mc.aggs = pick_set("--uncertainty-aggregate", optarg,
			    aggs, "amean, gmean or hmean");
			if (o->mc.aggs & 8)
				usage_error("--uncertainty-aggregate: \"%s\": "
				    "topsis is not among the choices (amean, "
				    "gmean, hmean)", optarg);
			mca = 1;
			break;
		case OPT_AUDIT:
			o->audit = 1;
			break;
		case OPT_PRECISION:
			o->precision = (int)opt_int("--precision", optarg, 0,
			    17);
			break;
		case OPT_CHART:
			o->chart = optarg;
			break;
		case OPT_CHART_TYPE:
			o->chart_type = (enum rc_chart)pick("--chart-type",
			    optarg, charts, "bar, stacked or uncertainty");
			break;
		case OPT_GNUPLOT:
			op->gnuplot = 1;
			break;
		case 'o':
			op->output = optarg;
			break;
		case 'q':
			op->quiet = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(fflush(stdout) == 0 ? 0 : 1);
		case 'V':
			puts("rankcity " VERSION);
			exit(fflush(stdout) == 0 ? 0 : 1);
		default:
			fprintf(stderr, "Try 'rankcity --help' for more "
			    "information.\n");
			exit(2);
		}
	}
	if (argc - optind > 1)
		usage_error("one data file at most, not \"%s\" and more",
		    argv[optind + 1]);
	/* Validate the combination once. */
	{
		const char *data = optind < argc ? argv[optind] : "-";
		if (strcmp(data, "-") == 0 && ((o->read.meta &&
		    strcmp(o->read.meta, "-") == 0) || (o->previous &&
		    strcmp(o->previous, "-") == 0)))
			usage_error("%s", "the data come from standard input: "
			    "-m and --previous need files");
	}
	if (!o->read.meta && !weights_given)
		o->weights = RC_W_EQUAL;
	if (!o->read.meta && o->weights == RC_W_META)
		usage_error("%s", "--weights meta needs -m META");
	if (o->agg == RC_AGG_TOPSIS && !norm_given) {
		o->norm.how = RC_NORM_NONE;
	}
	/* Under TOPSIS without normalisation, Direction picks the ideal. */
	o->norm.raw_direction = o->agg == RC_AGG_TOPSIS &&
	    o->norm.how == RC_NORM_NONE;
	if (o->read.label_col && strcmp(o->read.label_col,
	    o->read.unit_col) == 0)
		usage_error("--label names the unit column \"%s\": it is "
		    "already written", o->read.label_col);
	if (o->treat_out && o->treat_max < 0)
		usage_error("%s", "--treat-out needs --treat");
	if (o->treat_out && o->emit && o->emit < RC_EMIT_TREATED)
		usage_error("%s", "--treat-out: --emit stops before the "
		    "treatment");
	if (o->weights_out && o->emit && o->emit < RC_EMIT_AGGREGATED)
		usage_error("%s", "--weights-out: --emit stops before the "
		    "weights are set (use --emit aggregated)");
	if ((mcn || mca || seed_given || noise_given) &&
	    o->mc.n == 0)
		usage_error("%s", "--seed, --weight-noise and "
		    "--uncertainty-* need --uncertainty N");
	if (o->mc.n > 0 && (o->emit || o->audit || o->previous))
		usage_error("%s", "--uncertainty writes its own table: it "
		    "cannot go with --emit, --audit or --previous");
	if (o->audit && (o->emit || o->previous))
		usage_error("%s", "--audit writes its own table: it cannot go "
		    "with --emit or --previous");
	if (o->emit && o->previous)
		usage_error("%s", "--previous adds to the ranking: it cannot "
		    "go with --emit");
	if (o->chart && (o->emit || o->audit))
		usage_error("%s", "--chart draws the ranking: it cannot go "
		    "with --emit or --audit");
	if (o->chart_type == RC_CHART_UNCERTAINTY && o->mc.n == 0)
		usage_error("%s", "--chart-type uncertainty needs "
		    "--uncertainty N");
	if (op->gnuplot && !o->chart)
		usage_error("%s", "--gnuplot prints the script of --chart FILE");
}

static int
fail(struct err *e)
{
	fprintf(stderr, "rankcity: %s\n", e->msg);
	return e->kind == ERR_USAGE ? 2 : 1;
}

int
main(int argc, char **argv)
{
	static struct options op;
	struct rc_summary st;
	struct buf script = {0}, warn = {0};
	struct csvw *out = NULL;
	struct err e = {0}, e2 = {0};
	const char *term;
	int status = 0;

	parse_options(argc, argv, &op);
	stats_init();
	if (op.run.chart && chart_terminal(op.run.chart, &term, &e) < 0)
		return fail(&e);
	out = csvw_open(op.output ? op.output : op.gnuplot ? "/dev/null" : "-",
	    &e);
	if (out == NULL)
		return fail(&e);
	if (rankcity_run(&op.run, optind < argc ? argv[optind] : "-", out,
	    &script, &warn, &st, &e) < 0)
		status = fail(&e);
	if (!op.quiet) {
		/* one warning per line */
		size_t i = 0;
		while (i < warn.len) {
			char *nl = memchr(warn.data + i, '\n', warn.len - i);
			size_t end = nl ? (size_t)(nl - warn.data) : warn.len;
			fprintf(stderr, "rankcity: %.*s\n", (int)(end - i),
			    warn.data + i);
			i = end + 1;
		}
	}
	if (csvw_close(out, &e2) < 0 && status == 0)
		status = fail(&e2);
	if (status == 0 && op.run.chart) {
		if (op.gnuplot) {
			if (fwrite(script.data, 1, script.len, stdout) !=
			    script.len || fflush(stdout) != 0) {
				errf(&e, ERR_IO, "<stdout>: cannot write the "
				    "gnuplot script");
				status = fail(&e);
			}
		} else if (chart_render(&script, op.run.chart, &e) < 0) {
			status = fail(&e);
		}
	}
	if (status == 0 && !op.quiet) {
		fprintf(stderr, "rankcity: %zu units read, %zu screened out, "
		    "%zu values imputed; %zu indicators, %zu aggregates; ",
		    st.units, st.screened, st.imputed, st.indicators,
		    st.aggregates);
		if (op.run.audit)
			fprintf(stderr, "audit written\n");
		else
			fprintf(stderr, "%zu ranked, %zu rows written\n",
			    st.ranked, st.written);
	}
	free(script.data);
	free(warn.data);
	return status;
}
