/*
 * rankcity - composite indices and rankings the OECD/JRC Handbook way
 * (COINr's method), with entropy weights, TOPSIS, Monte Carlo uncertainty,
 * an audit and charts.  Options into a struct, checked once; the work is
 * lib/rankcity's (rc_run), the method names its table's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_chart.h"
#include "core/csvio.h"
#include "core/num.h"
#include "core/stats.h"
#include "core/util.h"
#include "rankcity/rankcity.h"

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
    "      --indicators LIST   rank on these columns, equal weights, no META;\n"
    "                          -COLUMN: lower is better (a,b,-c)\n"
    "      --by COLUMN         one ranking per group (e.g. per month)\n"
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
    "      --strict            stop on an indicator with one value for all\n"
    "                          units, instead of dropping it with a warning\n"
    "\n"
    "Output (default: the ranking, sorted by rank):\n"
    "      --emit STAGE        the table after denominated, imputed, treated,\n"
    "                          normalised or aggregated instead\n"
    "      --previous FILE     add rank_change against an earlier ranking\n"
    "                          (missing or empty FILE: a warning, no change)\n"
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
    "      --lang LANG         column names in en (default) or zh\n"
    "      --chart FILE        chart (.png, .svg, .pdf)\n"
    "      --chart-type TYPE   bar (default), stacked, uncertainty\n"
    "      --gnuplot           print the chart's gnuplot script instead of\n"
    "                          the CSV (which goes to -o FILE if given)\n"
    "  -o, --output FILE       write here instead of standard output\n"
    "      --output-encoding ENC  write the CSV in ENC, e.g. gb18030\n"
    "      --bom               start the CSV with a UTF-8 byte order mark\n"
    "      --stats FILE        write the summary's counts here as CSV\n"
    "  -q, --quiet             no summary line or warnings on standard error\n"
    "  -h, --help              show this help and exit\n"
    "  -V, --version           show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 bad data or I/O error, 2 bad usage.\n";

struct options {
	struct cli_common com;
	struct rc_opts run;
	char **ind;  /* --indicators, split */
	int nind;
	const char *treat_out;   /* --treat-out FILE, or NULL */
	const char *weights_out; /* --weights-out FILE, or NULL */
};

enum {
	OPT_UNIT = 256, OPT_LABEL, OPT_DENOMINATE, OPT_SCREEN, OPT_IMPUTE,
	OPT_TREAT, OPT_TREAT_OUT, OPT_NORMALISE, OPT_WEIGHTS, OPT_WEIGHTS_OUT,
	OPT_AGGREGATE, OPT_EMIT, OPT_PREVIOUS, OPT_UNCERTAINTY, OPT_SEED,
	OPT_NOISE, OPT_MC_NORM, OPT_MC_AGG, OPT_AUDIT, OPT_PRECISION,
	OPT_CHART_TYPE, OPT_STRICT, OPT_INDICATORS, OPT_LANG, OPT_BY
};

static const struct option longopts[] = {
	{"meta", required_argument, NULL, 'm'},
	{"unit", required_argument, NULL, OPT_UNIT},
	{"label", required_argument, NULL, OPT_LABEL},
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
	{"chart-type", required_argument, NULL, OPT_CHART_TYPE},
	{"strict", no_argument, NULL, OPT_STRICT},
	{"indicators", required_argument, NULL, OPT_INDICATORS},
	{"lang", required_argument, NULL, OPT_LANG},
	{"by", required_argument, NULL, OPT_BY},
	CLI_LONGOPTS_INPUT,
	CLI_LONGOPTS_OUTPUT,
	CLI_LONGOPTS_CHART,
	CLI_LONGOPTS_END
};

/* The method of this kind that arg names; any other word is a usage
 * error listing the methods. */
static int
method(const char *opt, enum rc_method_kind kind, const char *arg)
{
	int v = rc_method_value(kind, arg, strlen(arg));

	if (v < 0)
		cli_usage("%s: %s is not %s", opt, cli_quote(arg),
		    rc_method_list(kind));
	return v;
}

/* A comma-separated set of methods of this kind, as bits (1 << value).
 * A method the full kind has but this one lacks is named as such. */
static unsigned
method_set(const char *opt, enum rc_method_kind kind,
    enum rc_method_kind full, const char *arg)
{
	char **w;
	int n, i;
	unsigned set = 0;

	w = cli_list(arg, &n);
	for (i = 0; i < n; i++) {
		if (rc_method_value(kind, w[i], strlen(w[i])) < 0 &&
		    rc_method_value(full, w[i], strlen(w[i])) >= 0)
			cli_usage("%s: %s: %s is not among the choices (%s)",
			    opt, cli_quote(arg), w[i], rc_method_list(kind));
		set |= 1u << method(opt, kind, w[i]);
	}
	strlist_free(w, n);
	return set;
}

/* "a,b" after a method's colon: two numbers, else a usage error: what,
 * then the text after the colon. */
static void
two_nums(const char *what, const char *arg, double *a, double *b)
{
	const char *comma = strchr(arg, ',');

	if (comma == NULL || parse_num(arg, (size_t)(comma - arg), a) !=
	    NUM_OK || parse_num(comma + 1, strlen(comma + 1), b) != NUM_OK)
		cli_usage("%s%s", what, cli_quote(arg));
}

static void
parse_normalise(struct rc_norm_spec *s, const char *arg)
{
	const char *colon = strchr(arg, ':');
	size_t len = colon ? (size_t)(colon - arg) : strlen(arg);
	const char *p = colon ? colon + 1 : NULL;
	int how = rc_method_value(RC_M_NORM, arg, len);

	memset(s, 0, sizeof *s);
	s->how = (enum rc_norm)how;
	switch (how) {
	case RC_NORM_MINMAX:
		s->a = 0;
		s->b = 100;
		if (p)
			two_nums("--normalise minmax:L,U needs two numbers: ",
			    p, &s->a, &s->b);
		if (!(s->a < s->b))
			cli_usage("--normalise minmax:L,U needs L < U: %s",
			    cli_quote(arg));
		return;
	case RC_NORM_ZSCORE:
		s->a = 0;
		s->b = 1;
		if (p)
			two_nums("--normalise zscore:M,SD needs two numbers: ",
			    p, &s->a, &s->b);
		if (!(s->b > 0))
			cli_usage("--normalise zscore:M,SD needs SD > 0: %s",
			    cli_quote(arg));
		return;
	case RC_NORM_GOALPOSTS:
		s->a = p ? cli_num("--normalise goalposts:SCALE", p, 1e-300,
		    1e300) : 100;
		return;
	case RC_NORM_DIST2TARG:
		if (p && strcmp(p, "cap") != 0)
			cli_usage("--normalise dist2targ takes :cap or nothing: "
			    "%s", cli_quote(arg));
		s->cap = p != NULL;
		return;
	case RC_NORM_RANK:
	case RC_NORM_NONE:
		if (!p)
			return;
		break;
	}
	cli_usage("--normalise: %s is not %s", cli_quote(arg),
	    rc_method_list(RC_M_NORM));
}

static void
parse_impute(struct rc_opts *o, const char *arg)
{
	const char *colon = strchr(arg, ':');
	size_t len = colon ? (size_t)(colon - arg) : strlen(arg);
	int how = rc_method_value(RC_M_IMPUTE, arg, len);
	int group = how == RC_IMPUTE_GROUP_MEAN ||
	    how == RC_IMPUTE_GROUP_MEDIAN;

	/* The group methods name their column after a colon; the others
	 * take nothing. */
	if (how < 0 || group != (colon != NULL) || (group && !colon[1]))
		cli_usage("--impute: %s is not %s", cli_quote(arg),
		    rc_method_list(RC_M_IMPUTE));
	o->impute = (enum rc_impute)how;
	o->impute_col = group ? colon + 1 : NULL;
	o->read.group_col = o->impute_col;
}

/* --indicators a,b,-c: the names (a "-" first kept: Direction -1), each
 * once and none empty; the list is the options' own (freed at exit). */
static void
parse_indicators(struct options *op, const char *arg)
{
	int n, i, j;
	char **w = cli_list(arg, &n);

	/* held by op first: a usage error below leaks nothing */
	strlist_free(op->ind, op->nind);
	op->ind = w;
	op->nind = n;
	for (i = 0; i < n; i++) {
		const char *a = w[i] + (w[i][0] == '-');
		if (a[0] == '\0')
			cli_usage("--indicators: %s has an empty column name",
			    cli_quote(arg));
		for (j = 0; j < i; j++)
			if (strcmp(a, w[j] + (w[j][0] == '-')) == 0)
				cli_usage("--indicators: %s names %s twice",
				    cli_quote(arg), a);
	}
	op->run.read.indicators = (const char *const *)w;
	op->run.read.nindicators = (size_t)n;
}

static void
parse_options(int argc, char **argv, struct options *op)
{
	struct rc_opts *o = &op->run;
	int c, norm_given = 0, weights_given = 0, mcn = 0, mca = 0;
	int seed_given = 0, noise_given = 0;
	const char *data;

	memset(op, 0, sizeof *op);
	cli_init("rankcity", usage_text, &op->com);
	rc_opts_init(o);
	while ((c = getopt_long(argc, argv, "m:" CLI_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (cli_common_option(&op->com, c, optarg))
			continue;
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
		case OPT_DENOMINATE:
			o->denominate = o->read.denominate = 1;
			break;
		case OPT_SCREEN: {
			size_t len = strlen(optarg);
			if (len > 1 && optarg[len - 1] == '%') {
				char tmp[64];
				snprintf(tmp, sizeof tmp, "%.*s", (int)(len - 1),
				    optarg);
				o->screen = cli_num("--screen", tmp, 0, 100) /
				    100;
			} else
				o->screen = cli_num("--screen", optarg, 0, 1);
			break;
		}
		case OPT_IMPUTE:
			parse_impute(o, optarg);
			break;
		case OPT_TREAT:
			if (strcmp(optarg, "winsor") == 0)
				o->treat_max = 5;
			else if (strncmp(optarg, "winsor:", 7) == 0)
				o->treat_max = (int)cli_int("--treat winsor:N",
				    optarg + 7, 0, 1000000);
			else
				cli_usage("--treat: %s is not winsor[:MAXPOINTS]",
				    cli_quote(optarg));
			break;
		case OPT_TREAT_OUT:
			op->treat_out = optarg;
			break;
		case OPT_NORMALISE:
			parse_normalise(&o->norm, optarg);
			norm_given = 1;
			break;
		case OPT_WEIGHTS:
			o->weights = (enum rc_weights)method("--weights",
			    RC_M_WEIGHTS, optarg);
			weights_given = 1;
			break;
		case OPT_WEIGHTS_OUT:
			op->weights_out = optarg;
			break;
		case OPT_AGGREGATE:
			o->agg = (enum rc_agg)method("--aggregate", RC_M_AGG,
			    optarg);
			break;
		case OPT_EMIT:
			o->emit = (enum rc_stage)method("--emit", RC_M_EMIT,
			    optarg);
			break;
		case OPT_PREVIOUS:
			o->previous = optarg;
			break;
		case OPT_UNCERTAINTY:
			o->mc.n = cli_int("--uncertainty", optarg, 1, 1e8);
			break;
		case OPT_SEED:
			o->mc.seed = (unsigned long)cli_int("--seed", optarg,
			    0, 4294967295.0);
			seed_given = 1;
			break;
		case OPT_NOISE:
			o->mc.noise = cli_num("--weight-noise", optarg, 0, 1);
			if (!(o->mc.noise < 1))
				cli_usage("--weight-noise: %s must be below 1 "
				    "(weights stay positive)", cli_quote(optarg));
			noise_given = 1;
			break;
		case OPT_MC_NORM:
			o->mc.norms = method_set("--uncertainty-normalise",
			    RC_M_MC_NORM, RC_M_NORM, optarg);
			mcn = 1;
			break;
		case OPT_MC_AGG:
			o->mc.aggs = method_set("--uncertainty-aggregate",
			    RC_M_MC_AGG, RC_M_AGG, optarg);
			mca = 1;
			break;
		case OPT_AUDIT:
			o->audit = 1;
			break;
		case OPT_PRECISION:
			o->precision = (int)cli_int("--precision", optarg, 0,
			    17);
			break;
		case OPT_STRICT:
			o->strict = 1;
			break;
		case OPT_INDICATORS:
			parse_indicators(op, optarg);
			break;
		case OPT_LANG: {
			static const char *const langs[] = {"en", "zh", NULL};
			o->zh = o->read.zh = cli_pick("--lang", optarg, langs,
			    "en or zh");
			break;
		}
		case OPT_BY:
			o->by = o->read.by_col = optarg;
			break;
		case OPT_CHART_TYPE:
			o->chart_type = (enum rc_chart)method("--chart-type",
			    RC_M_CHART, optarg);
			break;
		}
	}
	cli_check_common(&op->com);
	o->csv = op->com.csv;
	o->chart = op->com.chart;
	if (argc - optind > 1)
		cli_usage("one data file at most, not %s and more",
		    cli_quote(argv[optind + 1]));
	/* Validate the combination once. */
	data = optind < argc ? argv[optind] : "-";
	if (strcmp(data, "-") == 0 && ((o->read.meta &&
	    strcmp(o->read.meta, "-") == 0) || (o->previous &&
	    strcmp(o->previous, "-") == 0)))
		cli_usage("the data come from standard input: -m and "
		    "--previous need files");
	if (o->read.meta && o->read.nindicators)
		cli_usage("--indicators and -m META both say what to rank on: "
		    "give one");
	if (o->by && strcmp(o->by, o->read.unit_col) == 0)
		cli_usage("--by names the unit column %s: every group would "
		    "hold one unit", cli_quote(o->by));
	if (o->by && (o->audit || o->emit || op->treat_out ||
	    op->weights_out || o->chart))
		cli_usage("--by ranks each group on its own: it cannot go with "
		    "--emit, --audit, --treat-out, --weights-out or --chart");
	if (!o->read.meta && !weights_given)
		o->weights = RC_W_EQUAL;
	if (!o->read.meta && o->weights == RC_W_META)
		cli_usage("--weights meta needs -m META");
	if (o->agg == RC_AGG_TOPSIS && !norm_given)
		o->norm.how = RC_NORM_NONE;
	/* Under TOPSIS without normalisation, Direction picks the ideal. */
	o->norm.raw_direction = o->agg == RC_AGG_TOPSIS &&
	    o->norm.how == RC_NORM_NONE;
	if (o->read.label_col && strcmp(o->read.label_col,
	    o->read.unit_col) == 0)
		cli_usage("--label names the unit column %s: it is already "
		    "written", cli_quote(o->read.label_col));
	if (op->treat_out && o->treat_max < 0)
		cli_usage("--treat-out needs --treat");
	if (op->treat_out && o->emit && o->emit < RC_EMIT_TREATED)
		cli_usage("--treat-out: --emit stops before the treatment");
	if (op->weights_out && o->emit && o->emit < RC_EMIT_AGGREGATED)
		cli_usage("--weights-out: --emit stops before the weights are "
		    "set (use --emit aggregated)");
	if ((mcn || mca || seed_given || noise_given) && o->mc.n == 0)
		cli_usage("--seed, --weight-noise and --uncertainty-* need "
		    "--uncertainty N");
	if (o->mc.n > 0 && (o->emit || o->audit || o->previous))
		cli_usage("--uncertainty writes its own table: it cannot go "
		    "with --emit, --audit or --previous");
	if (o->audit && (o->emit || o->previous))
		cli_usage("--audit writes its own table: it cannot go with "
		    "--emit or --previous");
	if (o->emit && o->previous)
		cli_usage("--previous adds to the ranking: it cannot go with "
		    "--emit");
	if (o->chart && (o->emit || o->audit))
		cli_usage("--chart draws the ranking: it cannot go with --emit "
		    "or --audit");
	if (o->chart_type == RC_CHART_UNCERTAINTY && o->mc.n == 0)
		cli_usage("--chart-type uncertainty needs --uncertainty N");
}

int
main(int argc, char **argv)
{
	static struct options op;
	struct rc_summary st;
	struct buf script = {0}, warn = {0};
	struct csvw *out;
	struct err e = {0};
	int status = CLI_EXIT_OK;

	parse_options(argc, argv, &op);
	{
		const struct cli_path in[] = {{"--meta", op.run.read.meta},
		    {"--previous", op.run.previous}};
		const struct cli_path own[] = {{"--treat-out",
		    op.treat_out}, {"--weights-out", op.weights_out}};

		cli_check_paths(&op.com, in, 2, argv + optind, argc - optind,
		    own, 2);
	}
	stats_init();
	cli_chart_check(&op.com);
	op.run.chart = cli_chart_target(&op.com);
	memset(&st, 0, sizeof st);
	status = cli_open_writers(&op.com, &out, NULL);
	if (status == CLI_EXIT_OK && op.treat_out &&
	    (op.run.treat_out = cli_open_extra(&op.com, op.treat_out)) == NULL)
		status = CLI_EXIT_FAIL;
	if (status == CLI_EXIT_OK && op.weights_out && (op.run.weights_out =
	    cli_open_extra(&op.com, op.weights_out)) == NULL)
		status = CLI_EXIT_FAIL;
	if (status == CLI_EXIT_OK && rc_run(&op.run, optind < argc ?
	    argv[optind] : "-", out, &script, &warn, &st, &e) < 0)
		status = cli_fail(&e);
	cli_warnings(&op.com, &warn);
	status = cli_chart_finish(&op.com, &script, status);
	{
		const struct cli_count counts[] = {{"units", st.units},
		    {"empty_rows", csv_skipped_total()},
		    {"screened", st.screened}, {"imputed", st.imputed},
		    {"indicators", st.indicators},
		    {"constant", st.constant},
		    {"aggregates", st.aggregates}, {"ranked", st.ranked},
		    {"written", st.written}};

		status = cli_write_stats(&op.com, counts,
		    sizeof counts / sizeof counts[0], status);
	}
	status = cli_finish(&op.com, out, NULL, status);
	if (status == CLI_EXIT_OK && op.run.audit)
		cli_summary(&op.com, "%zu units read%s, %zu screened out, %zu "
		    "values imputed; %zu indicators, %zu dropped as constant, "
		    "%zu aggregates; audit written", st.units,
		    csv_skipped_note(), st.screened, st.imputed, st.indicators,
		    st.constant, st.aggregates);
	else if (status == CLI_EXIT_OK)
		cli_summary(&op.com, "%zu units read%s, %zu screened out, %zu "
		    "values imputed; %zu indicators, %zu dropped as constant, "
		    "%zu aggregates; %zu ranked, %zu rows written",
		    st.units, csv_skipped_note(), st.screened, st.imputed,
		    st.indicators, st.constant, st.aggregates, st.ranked,
		    st.written);
	free(script.data);
	free(warn.data);
	strlist_free(op.ind, op.nind);
	return status;
}
