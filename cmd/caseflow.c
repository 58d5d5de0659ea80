/*
 * caseflow - follow cases through their stages and measure them: the
 * standard rates per group, times to close (with open cases censored),
 * deadlines in working time.  Options into a struct, checked once; the
 * stage map, rules and calendar are loaded and the cases followed by
 * lib/caseflow.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow/caseflow.h"
#include "caseflow/rules.h"
#include "caseflow/stage.h"
#include "caseflow/valuemap.h"
#include "core/workcal.h"
#include "cli/cli.h"
#include "cli/cli_chart.h"
#include "core/csvio.h"
#include "core/datetime.h"
#include "core/stats.h"
#include "core/util.h"

static const char usage_text[] =
    "usage: caseflow [options] [FILE ...]\n"
    "\n"
    "Follow cases through their stages (report, file, dispatch, handle,\n"
    "feedback, verify, close) and write the standard rates, times to close\n"
    "and deadline compliance per group, or one row per case.\n"
    "\n"
    "Input:\n"
    "      --wide              one row per case (default: one row per step)\n"
    "      --sorted            steps ordered by case id: hold open cases only\n"
    "      --id COLUMN         case id column (default: case_id)\n"
    "      --stage COLUMN      stage column (default: stage)\n"
    "      --at COLUMN         time column (default: at)\n"
    "      --stage-map FILE    the city's stage words: CSV with name,stage\n"
    "      --opened COLUMN     wide: report time (default: reported_at)\n"
    "      --filed COLUMN      wide: filing time (default: filed_at)\n"
    "      --dispatched COLUMN wide: dispatch time (default: dispatched_at)\n"
    "      --handled COLUMN    wide: handling time (default: handled_at)\n"
    "      --closed COLUMN     wide: closing time (default: closed_at)\n"
    "      --due COLUMN        deadline column (wide default: due_at)\n"
    "      --status COLUMN     wide: \"cancelled\" (作废) here cancels the case\n"
    "                          (default: status)\n"
    "      --rework COLUMN     wide: the number of reworks of each case\n"
    "      --time-format FMT   strptime(3) pattern, excel (serial days) or %s\n"
    "                          (epoch seconds); repeat to try several in\n"
    "                          order (default: ISO 8601 or 2024/3/5 9:07)\n"
    "      --tz ZONE           zone of times without one (default: TZ, else\n"
    "                          UTC)\n"
    "\n"
    "Deadlines and working time:\n"
    "      --rules FILE        CSV category,stage,limit,unit (h, wh, wd)\n"
    "      --category COLUMN   category column for the rules\n"
    "                          (default: category)\n"
    "      --calendar PATH     CSV date,kind (off|work) or a directory of\n"
    "                          holiday-cn YYYY.json files\n"
    "      --work-hours SPEC   working hours (default:\n"
    "                          09:00-12:00,13:30-17:30)\n"
    "      --as-of TIME        the report's moment (default: the latest time\n"
    "                          in the input)\n"
    "      --from TIME         keep only cases reported at or after TIME\n"
    "      --to TIME           and before TIME (the others are counted)\n"
    "\n"
    "Output:\n"
    "      --cases             one row per case instead of the summary\n"
    "      --by COLUMNS        group by these columns (comma-separated)\n"
    "      --period P          and by day, week, month or year of report\n"
    "      --denominator LIST  due to close counts received (default) or\n"
    "                          filed cases; add no-suspended to leave out\n"
    "                          open suspended cases\n"
    "      --contacted COLUMN  12345 callbacks: contacted (yes/no)\n"
    "      --resolved COLUMN   resolved (yes/no)\n"
    "      --satisfaction COLUMN  satisfied/basically/unsatisfied\n"
    "      --value-map FILE    the city's callback and status words: CSV with\n"
    "                          column,value,meaning\n"
    "      --weights W,W,W     score weights (default: 0.1,0.5,0.4)\n"
    "      --lang LANG         column names in en (default) or zh\n"
    "      --precision N       N decimals for rates and hours (default: the\n"
    "                          shortest exact text; case hours 6 at most)\n"
    "      --chart FILE        chart (.png, .svg, .pdf): Kaplan-Meier curves\n"
    "                          of time to close per group\n"
    "      --chart-rate NAME   bars of this summary column instead\n"
    "      --gnuplot           print the chart's gnuplot script instead of\n"
    "                          the CSV (which goes to -o FILE if given)\n"
    "  -d, --delimiter CHAR    input field separator (default: ,)\n"
    "      --tsv               input is tab-separated\n"
    "      --encoding ENC      input encoding, e.g. gb18030 (default: utf-8)\n"
    "  -o, --output FILE       write here instead of standard output\n"
    "      --output-encoding ENC  write the CSV in ENC, e.g. gb18030\n"
    "      --bom               start the CSV with a UTF-8 byte order mark\n"
    "      --reject FILE       write bad records here and go on\n"
    "      --max-reject-rate F exit 1 when more than the share F of the\n"
    "                          records is rejected (after writing)\n"
    "      --stats FILE        write the summary's counts here as CSV\n"
    "  -q, --quiet             no summary line on standard error\n"
    "  -h, --help              show this help and exit\n"
    "  -V, --version           show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 bad data or I/O error, 2 bad usage.\n";

struct options {
	struct cli_common com;
	struct caseflow_opts run;
	const char *stage_map, *rules, *calendar, *value_map;
	const char *work_hours, *as_of, *tz, *by, *from, *to;
	const char *time_formats[16]; /* --time-format, in order */
	size_t ntime_formats;
};

enum {
	OPT_WIDE = 256, OPT_SORTED, OPT_ID, OPT_STAGE, OPT_AT, OPT_STAGE_MAP,
	OPT_OPENED, OPT_FILED, OPT_DISPATCHED, OPT_HANDLED, OPT_CLOSED,
	OPT_DUE, OPT_STATUS, OPT_TIME_FORMAT, OPT_TZ, OPT_RULES, OPT_CATEGORY,
	OPT_CALENDAR, OPT_WORK_HOURS, OPT_AS_OF, OPT_CASES, OPT_BY,
	OPT_PERIOD, OPT_DENOMINATOR, OPT_CONTACTED, OPT_RESOLVED,
	OPT_SATISFACTION, OPT_WEIGHTS, OPT_LANG, OPT_CHART_RATE, OPT_FROM,
	OPT_TO, OPT_PRECISION, OPT_VALUE_MAP, OPT_REWORK
};

static const struct option longopts[] = {
	{"wide", no_argument, NULL, OPT_WIDE},
	{"sorted", no_argument, NULL, OPT_SORTED},
	{"id", required_argument, NULL, OPT_ID},
	{"stage", required_argument, NULL, OPT_STAGE},
	{"at", required_argument, NULL, OPT_AT},
	{"stage-map", required_argument, NULL, OPT_STAGE_MAP},
	{"opened", required_argument, NULL, OPT_OPENED},
	{"filed", required_argument, NULL, OPT_FILED},
	{"dispatched", required_argument, NULL, OPT_DISPATCHED},
	{"handled", required_argument, NULL, OPT_HANDLED},
	{"closed", required_argument, NULL, OPT_CLOSED},
	{"due", required_argument, NULL, OPT_DUE},
	{"status", required_argument, NULL, OPT_STATUS},
	{"time-format", required_argument, NULL, OPT_TIME_FORMAT},
	{"tz", required_argument, NULL, OPT_TZ},
	{"rules", required_argument, NULL, OPT_RULES},
	{"category", required_argument, NULL, OPT_CATEGORY},
	{"calendar", required_argument, NULL, OPT_CALENDAR},
	{"work-hours", required_argument, NULL, OPT_WORK_HOURS},
	{"as-of", required_argument, NULL, OPT_AS_OF},
	{"from", required_argument, NULL, OPT_FROM},
	{"to", required_argument, NULL, OPT_TO},
	{"precision", required_argument, NULL, OPT_PRECISION},
	{"value-map", required_argument, NULL, OPT_VALUE_MAP},
	{"rework", required_argument, NULL, OPT_REWORK},
	{"cases", no_argument, NULL, OPT_CASES},
	{"by", required_argument, NULL, OPT_BY},
	{"period", required_argument, NULL, OPT_PERIOD},
	{"denominator", required_argument, NULL, OPT_DENOMINATOR},
	{"contacted", required_argument, NULL, OPT_CONTACTED},
	{"resolved", required_argument, NULL, OPT_RESOLVED},
	{"satisfaction", required_argument, NULL, OPT_SATISFACTION},
	{"weights", required_argument, NULL, OPT_WEIGHTS},
	{"lang", required_argument, NULL, OPT_LANG},
	{"chart-rate", required_argument, NULL, OPT_CHART_RATE},
	CLI_LONGOPTS_INPUT,
	CLI_LONGOPTS_OUTPUT,
	CLI_LONGOPTS_REJECT,
	CLI_LONGOPTS_CHART,
	CLI_LONGOPTS_END
};

static void
wide_col(struct options *op, int stage, const char *col)
{
	op->run.stage_cols[stage] = col;
	op->run.stage_cols_given[stage] = 1;
}

/*
 * --weights W,W,W: three numbers >= 0, for the response, resolution and
 * satisfaction rates in the score.
 */
static void
parse_weights(struct options *op, const char *arg)
{
	char **w;
	int n, i;

	w = cli_list(arg, &n);
	if (n != CB_COUNT)
		cli_usage("--weights takes three numbers (response, resolution, "
		    "satisfaction), not %s", cli_quote(arg));
	for (i = 0; i < n; i++)
		op->run.weights[i] = cli_num("--weights", w[i], 0, HUGE_VAL);
	strlist_free(w, n);
	/* The score is at most 100 times their sum: it must be a number. */
	if (!isfinite(100 * (op->run.weights[0] + op->run.weights[1] +
	    op->run.weights[2])))
		cli_usage("--weights: %s is too large: the score, up to 100 "
		    "times their sum, would overflow (weights such as 0.1,0.5,"
		    "0.4 give a score from 0 to 100)", cli_quote(arg));
}

static void
parse_denominator(struct options *op, const char *arg)
{
	static const char *const words[] = {"received", "filed", "suspended",
	    "no-suspended", NULL};
	char **w;
	int n, i;

	w = cli_list(arg, &n);
	for (i = 0; i < n; i++)
		switch (cli_pick("--denominator", w[i], words, "received, "
		    "filed, suspended or no-suspended")) {
		case 0:
			op->run.denom_filed = 0;
			break;
		case 1:
			op->run.denom_filed = 1;
			break;
		case 2:
			op->run.denom_no_suspended = 0;
			break;
		case 3:
			op->run.denom_no_suspended = 1;
			break;
		}
	strlist_free(w, n);
}

static void
parse_options(int argc, char **argv, struct options *op)
{
	static const char *const langs[] = {"en", "zh", NULL};
	struct caseflow_opts *o = &op->run;
	int c, i, given;

	memset(op, 0, sizeof *op);
	cli_init("caseflow", usage_text, &op->com);
	caseflow_opts_init(o);
	while ((c = getopt_long(argc, argv, CLI_SHORTOPTS, longopts, NULL)) !=
	    -1) {
		if (cli_common_option(&op->com, c, optarg))
			continue;
		switch (c) {
		case OPT_WIDE:
			o->wide = 1;
			break;
		case OPT_SORTED:
			o->sorted = 1;
			break;
		case OPT_ID:
			o->id_col = optarg;
			break;
		case OPT_STAGE:
			o->stage_col = optarg;
			break;
		case OPT_AT:
			o->at_col = optarg;
			break;
		case OPT_STAGE_MAP:
			op->stage_map = optarg;
			break;
		case OPT_OPENED:
			wide_col(op, ST_REPORT, optarg);
			break;
		case OPT_FILED:
			wide_col(op, ST_FILE, optarg);
			break;
		case OPT_DISPATCHED:
			wide_col(op, ST_DISPATCH, optarg);
			break;
		case OPT_HANDLED:
			wide_col(op, ST_HANDLE, optarg);
			break;
		case OPT_CLOSED:
			wide_col(op, ST_CLOSE, optarg);
			break;
		case OPT_DUE:
			o->due_col = optarg;
			o->due_given = 1;
			break;
		case OPT_STATUS:
			o->status_col = optarg;
			o->status_given = 1;
			break;
		case OPT_TIME_FORMAT:
			if (op->ntime_formats == 16)
				cli_usage("--time-format: at most 16 formats");
			op->time_formats[op->ntime_formats++] = optarg;
			break;
		case OPT_TZ:
			op->tz = optarg;
			break;
		case OPT_RULES:
			op->rules = optarg;
			break;
		case OPT_CATEGORY:
			o->category_col = optarg;
			o->category_given = 1;
			break;
		case OPT_CALENDAR:
			op->calendar = optarg;
			break;
		case OPT_WORK_HOURS:
			op->work_hours = optarg;
			break;
		case OPT_AS_OF:
			op->as_of = optarg;
			break;
		case OPT_FROM:
			op->from = optarg;
			break;
		case OPT_TO:
			op->to = optarg;
			break;
		case OPT_VALUE_MAP:
			op->value_map = optarg;
			break;
		case OPT_REWORK:
			o->rework_col = optarg;
			break;
		case OPT_PRECISION:
			o->precision = (int)cli_int("--precision", optarg, 0,
			    17);
			break;
		case OPT_CASES:
			o->cases = 1;
			break;
		case OPT_BY:
			op->by = optarg;
			break;
		case OPT_PERIOD:
			/* period_names follow enum period, after none. */
			o->period = (enum period)(PERIOD_DAY + cli_pick(
			    "--period", optarg, period_names,
			    "day, week, month or year"));
			break;
		case OPT_DENOMINATOR:
			parse_denominator(op, optarg);
			break;
		case OPT_CONTACTED:
			o->cb_cols[CB_CONTACTED] = optarg;
			break;
		case OPT_RESOLVED:
			o->cb_cols[CB_RESOLVED] = optarg;
			break;
		case OPT_SATISFACTION:
			o->cb_cols[CB_SATISFACTION] = optarg;
			break;
		case OPT_WEIGHTS:
			parse_weights(op, optarg);
			break;
		case OPT_LANG:
			o->lang_zh = cli_pick("--lang", optarg, langs,
			    "en or zh");
			break;
		case OPT_CHART_RATE:
			o->chart_rate = optarg;
			break;
		}
	}
	cli_check_common(&op->com);
	o->csv = op->com.csv;
	o->chart = op->com.chart;
	if (o->sorted && o->wide)
		cli_usage("--sorted is for the long form; wide rows are cases "
		    "already");
	if (o->cases && o->chart)
		cli_usage("--chart draws the summary; it does not go with "
		    "--cases");
	if (o->chart_rate && !o->chart)
		cli_usage("--chart-rate needs --chart FILE");
	if (o->chart_rate && !caseflow_is_summary_column(o->chart_rate))
		cli_usage("--chart-rate: %s is not a summary column",
		    cli_quote(o->chart_rate));
	if (op->work_hours && !op->calendar)
		cli_usage("--work-hours needs --calendar");
	if (o->category_given && !op->rules)
		cli_usage("--category names the column for --rules; give "
		    "--rules FILE (or group with --by)");
	if (!o->wide) {
		given = o->status_given || o->rework_col != NULL;
		for (i = 0; i < CF_NCHAIN; i++)
			given |= o->stage_cols_given[i];
		if (given)
			cli_usage("--opened, --filed, --dispatched, --handled, "
			    "--closed, --status and --rework are for the wide "
			    "form (the long form counts rework steps): add "
			    "--wide");
	}
	if (time_opts_init_list(&o->time, op->time_formats, op->ntime_formats,
	    op->tz) < 0)
		cli_usage("--tz: %s is not a zone (UTC, +08:00, or a name such "
		    "as Asia/Shanghai)", cli_quote(op->tz));
	if (op->by) {
		o->by = cli_list(op->by, &o->nby);
		if (o->nby > 64)
			cli_usage("--by takes at most 64 columns, not %s",
			    cli_quote(op->by));
	}
	if (op->as_of) {
		o->as_of = cli_moment(&o->time, "--as-of", op->as_of);
		o->as_of_set = 1;
	}
	if (op->from) {
		o->from = cli_moment(&o->time, "--from", op->from);
		o->from_set = 1;
	}
	if (op->to) {
		o->to = cli_moment(&o->time, "--to", op->to);
		o->to_set = 1;
	}
	if (o->from_set && o->to_set && !(o->from < o->to))
		cli_usage("--from %s is not before --to %s: the window [from, "
		    "to) holds no case", cli_quote(op->from), cli_quote(op->to));
}

/* No output may name an input: the files caseflow reads and writes. */
static void
check_paths(const struct options *op, char *const *files, int nfiles)
{
	const struct cli_path in[] = {{"--stage-map", op->stage_map},
	    {"--rules", op->rules}, {"--calendar", op->calendar},
	    {"--value-map", op->value_map}};

	cli_check_paths(&op->com, in, 4, files, nfiles, NULL, 0);
}

int
main(int argc, char **argv)
{
	static struct options op;
	struct stage_map smap = {0};
	struct value_map vmap = {0};
	struct rules rules = {0};
	struct workcal cal = {0};
	struct caseflow_stats st;
	struct buf script = {0};
	struct csvw *out = NULL, *rej = NULL;
	struct err e = {0};
	char tb[32];
	size_t n;
	int status = CLI_EXIT_OK, window;

	parse_options(argc, argv, &op);
	check_paths(&op, argv + optind, argc - optind);
	cli_chart_check(&op.com);
	op.run.chart = cli_chart_target(&op.com);
	stats_init();
	memset(&st, 0, sizeof st);
	if (op.stage_map) {
		if (stage_map_load(&smap, op.stage_map, &e) < 0) {
			status = cli_fail(&e);
			goto done;
		}
		op.run.smap = &smap;
	}
	if (op.value_map) {
		if (value_map_load(&vmap, op.value_map, &e) < 0) {
			status = cli_fail(&e);
			goto done;
		}
		op.run.vmap = &vmap;
	}
	if (op.rules) {
		if (rules_load(&rules, op.rules, &e) < 0) {
			status = cli_fail(&e);
			goto done;
		}
		op.run.rules = &rules;
	}
	if (op.calendar) {
		if (workcal_setup(&cal, &op.run.time, op.tz, op.calendar,
		    op.work_hours, &e) < 0) {
			status = cli_fail(&e);
			goto done;
		}
		op.run.cal = &cal;
	}
	if (op.run.chart)
		op.run.script = &script;
	if ((status = cli_open_writers(&op.com, &out, &rej)) != CLI_EXIT_OK)
		goto done;
	if (caseflow_run(&op.run, argv + optind, argc - optind, out, rej, &st,
	    &e) < 0)
		status = cli_fail(&e);
	status = cli_chart_finish(&op.com, &script, status);
	window = op.run.from_set || op.run.to_set;
	{
		/* The same columns whatever the options, for a cron job. */
		const struct cli_count counts[] = {{"read", st.read},
		    {"rejected", st.rejected},
		    {"empty_rows", csv_skipped_total()},
		    {"after_as_of", st.after_as_of},
		    {"outside_window", st.outside},
		    {"cases", st.cases}, {"closed", st.closed},
		    {"open", st.open}, {"cancelled", st.cancelled},
		    {"invalid", st.invalid}, {"written", st.written}};

		status = cli_write_stats(&op.com, counts,
		    sizeof counts / sizeof counts[0], status);
	}
	status = cli_finish(&op.com, out, rej, status);
	out = rej = NULL;
	if (status == CLI_EXIT_OK) {
		char wb[64] = "";
		n = format_time(&op.run.time, st.as_of, tb);
		tb[n] = '\0';
		/* Cases left out by --from/--to are named only when asked
		 * for: the line of every other run stays as it was. */
		if (window)
			snprintf(wb, sizeof wb, ", %llu cases outside "
			    "--from/--to", st.outside);
		cli_summary(&op.com, "%llu read, %llu rejected%s, %llu after "
		    "--as-of%s; %llu cases: %llu closed, %llu open, %llu "
		    "cancelled; %llu invalid; %llu rows written; as of %s",
		    st.read, st.rejected, csv_skipped_note(), st.after_as_of,
		    wb, st.cases, st.closed, st.open, st.cancelled, st.invalid,
		    st.written, n ? tb : "-");
	}
	status = cli_check_reject_rate(&op.com, st.read, st.rejected, status);
done:
	cli_finish(&op.com, out, rej, CLI_EXIT_FAIL);
	free(script.data);
	stage_map_free(&smap);
	value_map_free(&vmap);
	rules_free(&rules);
	workcal_free(&cal);
	strlist_free(op.run.by, op.run.nby);
	return status;
}
