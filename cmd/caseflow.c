/*
 * caseflow - follow cases through their stages and measure them: the
 * standard rates per group, times to close (with open cases censored),
 * deadlines in working time.  Option parsing only; the work is in
 * lib/caseflow.c (with lib/workcal, lib/rules, lib/stage, lib/stats).
 */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caseflow/caseflow.h"
#include "core/chart.h"
#include "core/csvio.h"
#include "core/datetime.h"
#include "caseflow/rules.h"
#include "caseflow/stage.h"
#include "core/stats.h"
#include "core/util.h"
#include "caseflow/workcal.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif

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
    "      --time-format FMT   strptime(3) pattern (default: ISO 8601)\n"
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
    "      --weights W,W,W     score weights (default: 0.1,0.5,0.4)\n"
    "      --lang LANG         column names in en (default) or zh\n"
    "      --chart FILE        chart (.png, .svg, .pdf): Kaplan-Meier curves\n"
    "                          of time to close per group\n"
    "      --chart-rate NAME   bars of this summary column instead\n"
    "      --gnuplot           print the chart's gnuplot script instead of\n"
    "                          the CSV (which goes to -o FILE if given)\n"
    "  -d, --delimiter CHAR    input field separator (default: ,)\n"
    "      --tsv               input is tab-separated\n"
    "      --encoding ENC      input encoding, e.g. gb18030 (default: utf-8)\n"
    "  -o, --output FILE       write here instead of standard output\n"
    "      --reject FILE       write bad records here and go on\n"
    "  -q, --quiet             no summary line on standard error\n"
    "  -h, --help              show this help and exit\n"
    "  -V, --version           show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 bad data or I/O error, 2 bad usage.\n";

struct options {
	struct caseflow_opts run;
	const char *output, *reject, *stage_map, *rules, *calendar;
	const char *work_hours, *as_of, *time_format, *tz, *by;
	int quiet, gnuplot;
};

enum {
	OPT_WIDE = 256, OPT_SORTED, OPT_ID, OPT_STAGE, OPT_AT, OPT_STAGE_MAP,
	OPT_OPENED, OPT_FILED, OPT_DISPATCHED, OPT_HANDLED, OPT_CLOSED,
	OPT_DUE, OPT_STATUS, OPT_TIME_FORMAT, OPT_TZ, OPT_RULES, OPT_CATEGORY,
	OPT_CALENDAR, OPT_WORK_HOURS, OPT_AS_OF, OPT_CASES, OPT_BY,
	OPT_PERIOD, OPT_DENOMINATOR, OPT_CONTACTED, OPT_RESOLVED,
	OPT_SATISFACTION, OPT_WEIGHTS, OPT_LANG, OPT_CHART, OPT_CHART_RATE,
	OPT_GNUPLOT, OPT_TSV, OPT_ENCODING, OPT_REJECT
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
	{"cases", no_argument, NULL, OPT_CASES},
	{"by", required_argument, NULL, OPT_BY},
	{"period", required_argument, NULL, OPT_PERIOD},
	{"denominator", required_argument, NULL, OPT_DENOMINATOR},
	{"contacted", required_argument, NULL, OPT_CONTACTED},
	{"resolved", required_argument, NULL, OPT_RESOLVED},
	{"satisfaction", required_argument, NULL, OPT_SATISFACTION},
	{"weights", required_argument, NULL, OPT_WEIGHTS},
	{"lang", required_argument, NULL, OPT_LANG},
	{"chart", required_argument, NULL, OPT_CHART},
	{"chart-rate", required_argument, NULL, OPT_CHART_RATE},
	{"gnuplot", no_argument, NULL, OPT_GNUPLOT},
	{"delimiter", required_argument, NULL, 'd'},
	{"tsv", no_argument, NULL, OPT_TSV},
	{"encoding", required_argument, NULL, OPT_ENCODING},
	{"output", required_argument, NULL, 'o'},
	{"reject", required_argument, NULL, OPT_REJECT},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0}
};

static void
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "caseflow: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'caseflow --help' for more information.\n");
	exit(2);
}

static void
wide_col(struct options *op, int stage, const char *col)
{
	op->run.stage_cols[stage] = col;
	op->run.stage_cols_given[stage] = 1;
}

static void
parse_weights(struct options *op, const char *arg)
{
	char **w;
	int n, i;

	n = strlist_split(arg, &w);
	if (n < 0) {
		fprintf(stderr, "caseflow: out of memory\n");
		exit(1);
	}
	if (n != CB_COUNT)
		usage_error("--weights takes three numbers (response, "
		    "resolution, satisfaction), not \"%s\"", arg);
	for (i = 0; i < n; i++) {
		double v;
		if (parse_num(w[i], strlen(w[i]), &v) != NUM_OK || v < 0)
			usage_error("--weights: \"%s\" is not a number >= 0",
			    w[i]);
		op->run.weights[i] = v;
	}
	strlist_free(w, n);
}

static void
parse_denominator(struct options *op, const char *arg)
{
	char **w;
	int n, i;

	n = strlist_split(arg, &w);
	if (n < 0) {
		fprintf(stderr, "caseflow: out of memory\n");
		exit(1);
	}
	for (i = 0; i < n; i++) {
		if (strcmp(w[i], "received") == 0)
			op->run.denom_filed = 0;
		else if (strcmp(w[i], "filed") == 0)
			op->run.denom_filed = 1;
		else if (strcmp(w[i], "no-suspended") == 0)
			op->run.denom_no_suspended = 1;
		else if (strcmp(w[i], "suspended") == 0)
			op->run.denom_no_suspended = 0;
		else
			usage_error("--denominator takes received, filed, "
			    "suspended or no-suspended, not \"%s\"", w[i]);
	}
	strlist_free(w, n);
}

static void
parse_options(int argc, char **argv, struct options *op)
{
	struct caseflow_opts *o = &op->run;
	int c;

	memset(op, 0, sizeof *op);
	caseflow_opts_init(o);
	while ((c = getopt_long(argc, argv, "d:o:qhV", longopts, NULL)) != -1) {
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
			op->time_format = optarg;
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
		case OPT_CASES:
			o->cases = 1;
			break;
		case OPT_BY:
			op->by = optarg;
			break;
		case OPT_PERIOD:
			if (strcmp(optarg, "day") == 0)
				o->period = PERIOD_DAY;
			else if (strcmp(optarg, "week") == 0)
				o->period = PERIOD_WEEK;
			else if (strcmp(optarg, "month") == 0)
				o->period = PERIOD_MONTH;
			else if (strcmp(optarg, "year") == 0)
				o->period = PERIOD_YEAR;
			else
				usage_error("--period must be day, week, month "
				    "or year, not \"%s\"", optarg);
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
			if (strcmp(optarg, "zh") == 0)
				o->lang_zh = 1;
			else if (strcmp(optarg, "en") == 0)
				o->lang_zh = 0;
			else
				usage_error("--lang must be en or zh, not "
				    "\"%s\"", optarg);
			break;
		case OPT_CHART:
			o->chart = optarg;
			break;
		case OPT_CHART_RATE:
			o->chart_rate = optarg;
			break;
		case OPT_GNUPLOT:
			op->gnuplot = 1;
			break;
		case 'd':
			if (strlen(optarg) != 1 || optarg[0] == '"' ||
			    optarg[0] == '\n' || optarg[0] == '\r')
				usage_error("the delimiter must be one byte other "
				    "than a quote or a line end, not \"%s\"",
				    optarg);
			o->csv.delim = (unsigned char)optarg[0];
			break;
		case OPT_TSV:
			o->csv.delim = '\t';
			break;
		case OPT_ENCODING:
			o->csv.encoding = optarg;
			break;
		case 'o':
			op->output = optarg;
			break;
		case OPT_REJECT:
			op->reject = optarg;
			break;
		case 'q':
			op->quiet = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1);
		case 'V':
			printf("caseflow %s\n", VERSION);
			exit(fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1);
		default:
			fprintf(stderr,
			    "Try 'caseflow --help' for more information.\n");
			exit(2);
		}
	}
	if (op->reject && strcmp(op->reject, "-") == 0)
		usage_error("%s", "--reject - would mix rejects into the output; "
		    "name a file");
	if (o->sorted && o->wide)
		usage_error("%s", "--sorted is for the long form; wide rows are "
		    "cases already");
	if (o->cases && o->chart)
		usage_error("%s", "--chart draws the summary; it does not go "
		    "with --cases");
	if (o->chart_rate && !o->chart)
		usage_error("%s", "--chart-rate needs --chart FILE");
	if (op->gnuplot && !o->chart)
		usage_error("%s", "--gnuplot needs --chart FILE (the file the "
		    "script writes)");
	if (o->chart_rate && !caseflow_is_summary_column(o->chart_rate))
		usage_error("--chart-rate: \"%s\" is not a summary column",
		    o->chart_rate);
	if (op->work_hours && !op->calendar)
		usage_error("%s", "--work-hours needs --calendar");
	if (o->category_given && !op->rules)
		usage_error("%s", "--category names the column for --rules; "
		    "give --rules FILE (or group with --by)");
	if (!o->wide) {
		int i, given = o->status_given;
		for (i = 0; i < CF_NCHAIN; i++)
			given |= o->stage_cols_given[i];
		if (given)
			usage_error("%s", "--opened, --filed, --dispatched, "
			    "--handled, --closed and --status are for the wide "
			    "form: add --wide");
	}
	if (time_opts_init(&o->time, op->time_format, op->tz) < 0)
		usage_error("--tz: \"%s\" is not a zone (UTC, +08:00, or a "
		    "name such as Asia/Shanghai)", op->tz);
	if (op->by) {
		o->nby = strlist_split(op->by, &o->by);
		if (o->nby < 0) {
			fprintf(stderr, "caseflow: out of memory\n");
			exit(1);
		}
		if (o->nby > 64)
			usage_error("--by takes at most 64 columns, not \"%s\"",
			    op->by);
	}
	if (op->as_of) {
		struct time_opts iso = o->time;
		iso.format = NULL;
		if (parse_time(&iso, op->as_of, strlen(op->as_of),
		    &o->as_of) < 0 && parse_time(&o->time, op->as_of,
		    strlen(op->as_of), &o->as_of) < 0)
			usage_error("--as-of: \"%s\" is not a time (ISO 8601 "
			    "or --time-format)", op->as_of);
		o->as_of_set = 1;
	}
}

static int
fail(struct err *e)
{
	fprintf(stderr, "caseflow: %s\n", e->msg);
	return e->kind == ERR_USAGE ? 2 : 1;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Load a directory of holiday-cn files: every YYYY.json in it, in order
 * (each year's file can also hold days of the next January).
 */
static int
load_holiday_dir(struct workcal *cal, const char *dir, struct err *e)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL, path[4096];
	size_t n = 0, cap = 0, i;
	int rc = -1;

	if (d == NULL)
		return errf(e, ERR_IO, "%s: cannot open the calendar directory",
		    dir);
	while ((de = readdir(d)) != NULL) {
		const char *s = de->d_name;
		if (strlen(s) != 9 || strcmp(s + 4, ".json") != 0 ||
		    strspn(s, "0123456789") != 4)
			continue;
		if (grow_array((void **)&names, &cap, n + 1, sizeof *names) < 0 ||
		    (names[n] = str_ndup(s, 9)) == NULL) {
			err_nomem(e);
			goto out;
		}
		n++;
	}
	if (n == 0) {
		errf(e, ERR_DATA, "%s: no holiday-cn YYYY.json files in the "
		    "calendar directory", dir);
		goto out;
	}
	qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (workcal_load_holiday_cn(cal, path, 1, e) < 0)
			goto out;
	}
	rc = 0;
out:
	closedir(d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

static int
load_calendar(struct options *op, struct workcal *cal, struct err *e)
{
	struct stat sb;
	long off;

	if (time_fixed_offset(&op->run.time, &off) < 0)
		return errf(e, ERR_USAGE, "working time (--calendar) needs a "
		    "zone with one offset from UTC, and %s changes its offset "
		    "(daylight saving); use a fixed one such as --tz -05:00",
		    op->tz ? op->tz : getenv("TZ"));
	workcal_init(cal, off);
	if (stat(op->calendar, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		if (load_holiday_dir(cal, op->calendar, e) < 0)
			return -1;
	} else if (workcal_load_csv(cal, op->calendar, e) < 0) {
		return -1;
	}
	if (op->work_hours && workcal_set_hours(cal, op->work_hours, e) < 0)
		return -1;
	return 0;
}

static void
summary_line(const struct options *op, const struct caseflow_stats *st)
{
	char tb[32];
	size_t n = format_time(&op->run.time, st->as_of, tb);

	tb[n] = '\0';
	fprintf(stderr, "caseflow: %llu read, %llu rejected, %llu after "
	    "--as-of; %llu cases: %llu closed, %llu open, %llu cancelled; "
	    "%llu invalid; %llu rows written; as of %s\n", st->read,
	    st->rejected, st->after_as_of, st->cases, st->closed, st->open,
	    st->cancelled, st->invalid, st->written, n ? tb : "-");
}

int
main(int argc, char **argv)
{
	static struct options op;
	struct stage_map smap = {0};
	struct rules rules = {0};
	struct workcal cal;
	struct caseflow_stats st;
	struct buf script = {0};
	struct csvw *out = NULL, *rej = NULL;
	struct err e = {0}, e2 = {0};
	int status = 0, have_cal = 0;

	parse_options(argc, argv, &op);
	stats_init();
	memset(&st, 0, sizeof st);
	if (op.stage_map) {
		if (stage_map_load(&smap, op.stage_map, &e) < 0) {
			status = fail(&e);
			goto done;
		}
		op.run.smap = &smap;
	}
	if (op.rules) {
		if (rules_load(&rules, op.rules, &e) < 0) {
			status = fail(&e);
			goto done;
		}
		op.run.rules = &rules;
	}
	if (op.calendar) {
		have_cal = 1;
		if (load_calendar(&op, &cal, &e) < 0) {
			status = fail(&e);
			goto done;
		}
		op.run.cal = &cal;
	}
	if (op.run.chart) {
		const char *term;
		if (chart_terminal(op.run.chart, &term, &e) < 0) {
			status = fail(&e);
			goto done;
		}
		op.run.script = &script;
	}
	out = csvw_open(op.output ? op.output : op.gnuplot ? "/dev/null" : "-",
	    &e);
	if (out == NULL) {
		status = fail(&e);
		goto done;
	}
	if (op.reject && (rej = csvw_open(op.reject, &e)) == NULL) {
		status = fail(&e);
		goto done;
	}
	if (caseflow_run(&op.run, argv + optind, argc - optind, out, rej, &st,
	    &e) < 0)
		status = fail(&e);
	if (csvw_close(out, &e2) < 0 && status == 0)
		status = fail(&e2);
	out = NULL;
	if (csvw_close(rej, &e2) < 0 && status == 0)
		status = fail(&e2);
	rej = NULL;
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
	if (status == 0 && !op.quiet)
		summary_line(&op, &st);
done:
	csvw_close(out, &e2);
	csvw_close(rej, &e2);
	free(script.data);
	stage_map_free(&smap);
	rules_free(&rules);
	if (have_cal)
		workcal_free(&cal);
	strlist_free(op.run.by, op.run.nby);
	return status;
}
