/*
 * partscore - measure public participation per area: volume, who takes
 * part, channels, depth on a participation ladder, responsiveness and
 * representation; or the inequality of per-capita participation across
 * areas.  Options into a struct, checked once; the word tables and the
 * population file are loaded and the events measured by lib/partscore.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_chart.h"
#include "core/csvio.h"
#include "core/datetime.h"
#include "core/stats.h"
#include "core/util.h"
#include "core/workcal.h"
#include "partscore/committee.h"
#include "partscore/partscore.h"
#include "partscore/population.h"
#include "partscore/vocab.h"

static const char usage_text[] =
    "usage: partscore [options] [FILE ...]\n"
    "\n"
    "Measure public participation per area (and --by group and --period):\n"
    "volume, participants and their concentration, channels, depth on a\n"
    "participation ladder, responses, adoption and representation; or,\n"
    "with --inequality, how unequal participation per head is across the\n"
    "areas of each group.\n"
    "\n"
    "Input (one row per participation event):\n"
    "      --id COLUMN         event id (default: id)\n"
    "      --at COLUMN         time of the event (default: at)\n"
    "      --area COLUMN       area (default: area)\n"
    "      --channel COLUMN    channel (default: channel)\n"
    "      --level COLUMN      rung on the ladder (default: level)\n"
    "      --participant COLUMN  participant id (default: participant)\n"
    "      --responded COLUMN  time of the response (default: responded_at)\n"
    "      --adopted COLUMN    yes/no: was it adopted (default: adopted)\n"
    "      --initiator COLUMN  citizen or staff (staff events are counted\n"
    "                          apart)\n"
    "      --group COLUMN      the participant's sub-population (a column of\n"
    "                          --population)\n"
    "      --time-format FMT   strptime(3) pattern, excel or %s; repeat to\n"
    "                          try several in order (default: ISO 8601)\n"
    "      --tz ZONE           zone of times without one (default: TZ, else\n"
    "                          UTC)\n"
    "      --as-of TIME        the report's moment (default: the latest time\n"
    "                          in the input)\n"
    "      --sla LIMIT         responses are due LIMIT after the event: 48h,\n"
    "                          or in working time 16wh, 5wd (--calendar)\n"
    "      --calendar PATH     CSV date,kind (off|work) or a directory of\n"
    "                          holiday-cn YYYY.json files\n"
    "      --work-hours SPEC   working hours (default:\n"
    "                          09:00-12:00,13:30-17:30)\n"
    "      --from TIME         keep only events at or after TIME\n"
    "      --to TIME           and before TIME (the others are counted)\n"
    "\n"
    "Words:\n"
    "      --channel-map FILE  the city's channel words: CSV with name,channel\n"
    "      --channels-offered N|FILE  channels the city offers, or a CSV\n"
    "                          area,channels for each area (default: the\n"
    "                          channels used anywhere in the input)\n"
    "      --ladder L          iap2 (default), arnstein, or a FILE with\n"
    "                          name,rung\n"
    "\n"
    "Committees (instead of events):\n"
    "      --committee FILE    CSV committee,member,kind (public|official)\n"
    "                          [,attended]: each committee's public share\n"
    "                          and whether it meets Nanjing's rules\n"
    "\n"
    "Population and inequality:\n"
    "      --population FILE   CSV with area,population (+ sub-populations)\n"
    "      --parent COLUMN     the population file's parent-area column\n"
    "      --inequality        one row per group: inequality across areas\n"
    "      --gini-correction   multiply the Gini by 1/(1 - sum w^2) (n/(n-1))\n"
    "      --bootstrap N       N resamples for the Gini's 95% interval\n"
    "      --seed S            the bootstrap's seed (default: 1)\n"
    "      --lorenz FILE       write the Lorenz curve points here\n"
    "\n"
    "Output:\n"
    "      --by COLUMNS        group by these columns (comma-separated)\n"
    "      --period P          and by day, week, month or year of the event\n"
    "      --channel-shares    a share_CHANNEL column for each channel\n"
    "      --lang LANG         column names in en (default) or zh\n"
    "      --precision N       N decimals (default: the shortest exact text)\n"
    "      --chart FILE        also draw a chart (.png, .svg, .pdf)\n"
    "      --chart-kind KIND   lorenz: a Lorenz curve per group (the default\n"
    "                          with --inequality); channels: each area's\n"
    "                          channel shares as a stacked bar (the default\n"
    "                          without); ladder: its shares on each rung\n"
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
	struct partscore_opts run;
	const char *channel_map, *ladder, *population, *parent, *lorenz;
	const char *committee, *offered;
	const char *chart_kind;   /* --chart-kind, or NULL: by the table */
	const char *as_of, *tz, *by, *from, *to, *sla, *calendar, *work_hours;
	const char *time_formats[16];
	size_t ntime_formats;
};

enum {
	OPT_ID = 256, OPT_AT, OPT_AREA, OPT_CHANNEL, OPT_LEVEL,
	OPT_PARTICIPANT, OPT_RESPONDED, OPT_ADOPTED, OPT_INITIATOR, OPT_GROUP,
	OPT_TIME_FORMAT, OPT_TZ, OPT_AS_OF, OPT_FROM, OPT_TO, OPT_CHANNEL_MAP,
	OPT_CHANNELS_OFFERED, OPT_LADDER, OPT_POPULATION, OPT_PARENT,
	OPT_INEQUALITY, OPT_GINI_CORRECTION, OPT_BOOTSTRAP, OPT_SEED,
	OPT_LORENZ, OPT_BY, OPT_PERIOD, OPT_LANG, OPT_PRECISION,
	OPT_CHANNEL_SHARES, OPT_SLA, OPT_CALENDAR, OPT_WORK_HOURS,
	OPT_COMMITTEE, OPT_CHART_KIND
};

static const struct option longopts[] = {
	{"id", required_argument, NULL, OPT_ID},
	{"at", required_argument, NULL, OPT_AT},
	{"area", required_argument, NULL, OPT_AREA},
	{"channel", required_argument, NULL, OPT_CHANNEL},
	{"level", required_argument, NULL, OPT_LEVEL},
	{"participant", required_argument, NULL, OPT_PARTICIPANT},
	{"responded", required_argument, NULL, OPT_RESPONDED},
	{"adopted", required_argument, NULL, OPT_ADOPTED},
	{"initiator", required_argument, NULL, OPT_INITIATOR},
	{"group", required_argument, NULL, OPT_GROUP},
	{"time-format", required_argument, NULL, OPT_TIME_FORMAT},
	{"tz", required_argument, NULL, OPT_TZ},
	{"as-of", required_argument, NULL, OPT_AS_OF},
	{"from", required_argument, NULL, OPT_FROM},
	{"to", required_argument, NULL, OPT_TO},
	{"channel-map", required_argument, NULL, OPT_CHANNEL_MAP},
	{"channels-offered", required_argument, NULL, OPT_CHANNELS_OFFERED},
	{"ladder", required_argument, NULL, OPT_LADDER},
	{"population", required_argument, NULL, OPT_POPULATION},
	{"parent", required_argument, NULL, OPT_PARENT},
	{"inequality", no_argument, NULL, OPT_INEQUALITY},
	{"gini-correction", no_argument, NULL, OPT_GINI_CORRECTION},
	{"bootstrap", required_argument, NULL, OPT_BOOTSTRAP},
	{"seed", required_argument, NULL, OPT_SEED},
	{"lorenz", required_argument, NULL, OPT_LORENZ},
	{"by", required_argument, NULL, OPT_BY},
	{"period", required_argument, NULL, OPT_PERIOD},
	{"lang", required_argument, NULL, OPT_LANG},
	{"precision", required_argument, NULL, OPT_PRECISION},
	{"channel-shares", no_argument, NULL, OPT_CHANNEL_SHARES},
	{"sla", required_argument, NULL, OPT_SLA},
	{"committee", required_argument, NULL, OPT_COMMITTEE},
	{"calendar", required_argument, NULL, OPT_CALENDAR},
	{"work-hours", required_argument, NULL, OPT_WORK_HOURS},
	{"chart-kind", required_argument, NULL, OPT_CHART_KIND},
	CLI_LONGOPTS_INPUT,
	CLI_LONGOPTS_OUTPUT,
	CLI_LONGOPTS_REJECT,
	CLI_LONGOPTS_CHART,
	CLI_LONGOPTS_END
};

/*
 * --sla LIMIT: a number > 0 and its unit, h (clock hours), wh (working
 * hours) or wd (working days, a whole number), as the rules of caseflow.
 */
static void
parse_sla(struct options *op)
{
	struct partscore_opts *o = &op->run;
	const char *s = op->sla;
	size_t n = strspn(s, "0123456789.");
	int unit = limit_unit_parse(s + n, strlen(s + n));
	char num[32];

	if (n == 0 || n >= sizeof num || unit < 0)
		cli_usage("--sla: %s is not a limit such as 48h, 16wh or 5wd",
		    cli_quote(s));
	memcpy(num, s, n);
	num[n] = '\0';
	o->sla_limit = cli_num("--sla", num, 0, 1e9);
	if (!(o->sla_limit > 0) || (unit == UNIT_WD &&
	    o->sla_limit != (double)(long)o->sla_limit))
		cli_usage("--sla: %s is not a limit > 0 (working days whole)",
		    cli_quote(s));
	o->sla_unit = (enum limit_unit)unit;
	o->sla_set = 1;
	if (unit != UNIT_H && !op->calendar)
		cli_usage("--sla %s counts working time: give --calendar PATH",
		    cli_quote(s));
}

/*
 * --chart-kind: lorenz draws the inequality table (its default there),
 * channels and ladder the table of areas (channels its default); a kind
 * that does not fit the table, or --chart-kind without --chart, is a
 * usage error.
 */
static void
check_chart(struct options *op)
{
	static const char *const kinds[] = {"lorenz", "channels", "ladder",
	    NULL};
	static const enum partscore_chart kind_of[] = {PS_CHART_LORENZ,
	    PS_CHART_CHANNELS, PS_CHART_LADDER};
	struct partscore_opts *o = &op->run;

	o->chart = op->com.chart;
	o->chart_kind = o->inequality ? PS_CHART_LORENZ : PS_CHART_CHANNELS;
	if (op->chart_kind == NULL)
		return;
	if (o->chart == NULL)
		cli_usage("--chart-kind needs --chart FILE");
	o->chart_kind = kind_of[cli_pick("--chart-kind", op->chart_kind,
	    kinds, "lorenz, channels or ladder")];
	if (o->chart_kind == PS_CHART_LORENZ && !o->inequality)
		cli_usage("--chart-kind lorenz draws the Lorenz curves of "
		    "--inequality");
	if (o->chart_kind != PS_CHART_LORENZ && o->inequality)
		cli_usage("--chart-kind %s draws the table of areas, not "
		    "--inequality", op->chart_kind);
}

/* Options that only make sense with another. */
static void
check_combinations(struct options *op)
{
	const struct partscore_opts *o = &op->run;

	if (op->calendar && !op->sla)
		cli_usage("--calendar counts working time for --sla; give "
		    "--sla LIMIT");
	if (op->work_hours && !op->calendar)
		cli_usage("--work-hours needs --calendar");
	if (o->inequality && !op->population)
		cli_usage("--inequality measures participation per head: give "
		    "--population FILE");
	if (op->parent && !op->population)
		cli_usage("--parent names a column of --population FILE");
	if (o->group_col && !op->population)
		cli_usage("--group compares with the sub-populations of "
		    "--population FILE");
	if (o->inequality && o->channel_shares)
		cli_usage("--channel-shares is for the table of areas, not "
		    "--inequality");
	if (!o->inequality) {
		if (op->lorenz)
			cli_usage("--lorenz needs --inequality");
		if (o->bootstrap)
			cli_usage("--bootstrap needs --inequality");
		if (o->gini_correction)
			cli_usage("--gini-correction needs --inequality (the "
			    "participant Gini is never corrected)");
	}
	if (op->lorenz && strcmp(op->lorenz, "-") == 0)
		cli_usage("--lorenz: give a file; standard output is the "
		    "table's");
	if (o->from_set && o->to_set && !(o->from < o->to))
		cli_usage("--from %s is not before --to %s: the window [from, "
		    "to) holds no event", cli_quote(op->from),
		    cli_quote(op->to));
	check_chart(op);
}

static void
column_option(struct options *op, int c, const char *arg)
{
	struct partscore_opts *o = &op->run;

	switch (c) {
	case OPT_ID:
		o->id_col = arg;
		o->id_given = 1;
		break;
	case OPT_AT:
		o->at_col = arg;
		break;
	case OPT_AREA:
		o->area_col = arg;
		break;
	case OPT_CHANNEL:
		o->channel_col = arg;
		o->channel_given = 1;
		break;
	case OPT_LEVEL:
		o->level_col = arg;
		o->level_given = 1;
		break;
	case OPT_PARTICIPANT:
		o->participant_col = arg;
		o->participant_given = 1;
		break;
	case OPT_RESPONDED:
		o->responded_col = arg;
		o->responded_given = 1;
		break;
	case OPT_ADOPTED:
		o->adopted_col = arg;
		o->adopted_given = 1;
		break;
	case OPT_INITIATOR:
		o->initiator_col = arg;
		break;
	case OPT_GROUP:
		o->group_col = arg;
		break;
	}
}

static void
parse_options(int argc, char **argv, struct options *op)
{
	static const char *const langs[] = {"en", "zh", NULL};
	struct partscore_opts *o = &op->run;
	int c;

	memset(op, 0, sizeof *op);
	cli_init("partscore", usage_text, &op->com);
	partscore_opts_init(o);
	while ((c = getopt_long(argc, argv, CLI_SHORTOPTS, longopts, NULL)) !=
	    -1) {
		if (cli_common_option(&op->com, c, optarg))
			continue;
		switch (c) {
		case OPT_ID: case OPT_AT: case OPT_AREA: case OPT_CHANNEL:
		case OPT_LEVEL: case OPT_PARTICIPANT: case OPT_RESPONDED:
		case OPT_ADOPTED: case OPT_INITIATOR: case OPT_GROUP:
			column_option(op, c, optarg);
			break;
		case OPT_TIME_FORMAT:
			if (op->ntime_formats == 16)
				cli_usage("--time-format: at most 16 formats");
			op->time_formats[op->ntime_formats++] = optarg;
			break;
		case OPT_TZ:
			op->tz = optarg;
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
		case OPT_CHANNEL_MAP:
			op->channel_map = optarg;
			break;
		case OPT_CHANNELS_OFFERED:
			/* A number, else a file of them per area. */
			if (optarg[strspn(optarg, "0123456789.-+ ")] == '\0')
				o->channels_offered = (int)cli_int(
				    "--channels-offered", optarg, 1, 1000);
			else
				op->offered = optarg;
			break;
		case OPT_LADDER:
			op->ladder = optarg;
			break;
		case OPT_POPULATION:
			op->population = optarg;
			break;
		case OPT_PARENT:
			op->parent = optarg;
			break;
		case OPT_INEQUALITY:
			o->inequality = 1;
			break;
		case OPT_GINI_CORRECTION:
			o->gini_correction = 1;
			break;
		case OPT_BOOTSTRAP:
			o->bootstrap = (unsigned long)cli_int("--bootstrap",
			    optarg, 1, 1e7);
			break;
		case OPT_SEED:
			o->seed = (unsigned long)cli_int("--seed", optarg, 0,
			    4294967295.0);
			break;
		case OPT_LORENZ:
			op->lorenz = optarg;
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
		case OPT_LANG:
			o->lang_zh = cli_pick("--lang", optarg, langs,
			    "en or zh");
			break;
		case OPT_COMMITTEE:
			op->committee = optarg;
			break;
		case OPT_SLA:
			op->sla = optarg;
			break;
		case OPT_CALENDAR:
			op->calendar = optarg;
			break;
		case OPT_WORK_HOURS:
			op->work_hours = optarg;
			break;
		case OPT_CHANNEL_SHARES:
			o->channel_shares = 1;
			break;
		case OPT_CHART_KIND:
			op->chart_kind = optarg;
			break;
		case OPT_PRECISION:
			o->precision = (int)cli_int("--precision", optarg, 0,
			    17);
			break;
		}
	}
	cli_check_common(&op->com);
	o->csv = op->com.csv;
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
	if (op->sla)
		parse_sla(op);
	check_combinations(op);
}

/* The ladder: a built-in name, else a file. */
static int
load_ladder(const struct options *op, struct ladder *l, struct err *e)
{
	const char *name = op->ladder ? op->ladder : "iap2";

	if (strcmp(name, "iap2") == 0 || strcmp(name, "arnstein") == 0)
		return ladder_builtin(l, name, e);
	return ladder_load(l, name, e);
}

/*
 * --committee FILE: the committee table, no events.  Returns the exit
 * status.
 */
static int
run_committee(struct options *op, int nfiles)
{
	struct committee_stats st = {0};
	struct csvw *out = NULL;
	struct err e = {0};
	int status;

	if (nfiles > 0)
		cli_usage("--committee reads only its FILE; give the events in "
		    "another run");
	if (op->run.inequality || op->population || op->by || op->sla ||
	    op->run.period != PERIOD_NONE || op->com.reject ||
	    op->com.chart || op->lorenz || op->channel_map || op->as_of ||
	    op->from || op->to)
		cli_usage("--committee takes no event options (--inequality, "
		    "--population, --by, --period, --sla, --reject, --chart, "
		    "--lorenz, --channel-map, --as-of, --from, --to)");
	{
		/* The committee file is the one input (standard input may
		 * feed it). */
		char *files[] = {(char *)op->committee};
		cli_check_paths(&op->com, NULL, 0, files, 1, NULL, 0);
	}
	if ((status = cli_open_writers(&op->com, &out, NULL)) != CLI_EXIT_OK)
		return cli_finish(&op->com, out, NULL, status);
	if (committee_run(op->committee, &op->run.csv, op->run.lang_zh,
	    op->run.precision, out, &st, &e) < 0)
		status = cli_fail(&e);
	{
		const struct cli_count counts[] = {{"read", st.read},
		    {"committees", st.committees}, {"members", st.members}};
		status = cli_write_stats(&op->com, counts, 3, status);
	}
	status = cli_finish(&op->com, out, NULL, status);
	if (status == CLI_EXIT_OK)
		cli_summary(&op->com, "%llu read; %llu committees, %llu "
		    "members", st.read, st.committees, st.members);
	return status;
}

int
main(int argc, char **argv)
{
	static struct options op;
	struct channel_map cmap = {0};
	struct ladder ladder = {0};
	struct population pop = {0};
	struct workcal cal = {0};
	struct offered offered = {0};
	struct partscore_stats st;
	struct csvw *out = NULL, *rej = NULL;
	struct buf script = {0};
	struct err e = {0};
	char tb[32], zb[64] = "";
	size_t n;
	int status = CLI_EXIT_OK;

	parse_options(argc, argv, &op);
	if (op.committee)
		return run_committee(&op, argc - optind);
	{
		const struct cli_path in[] = {{"--channel-map", op.channel_map},
		    {"--ladder", op.ladder}, {"--population", op.population},
		    {"--calendar", op.calendar},
		    {"--channels-offered", op.offered}};
		const struct cli_path outs[] = {{"--lorenz", op.lorenz}};

		cli_check_paths(&op.com, in, 5, argv + optind, argc - optind,
		    outs, 1);
	}
	cli_chart_check(&op.com);
	op.run.chart = cli_chart_target(&op.com);
	op.run.script = &script;
	stats_init();
	memset(&st, 0, sizeof st);
	if (load_ladder(&op, &ladder, &e) < 0 ||
	    (op.channel_map && channel_map_load(&cmap, op.channel_map,
		&e) < 0) ||
	    (op.population && population_load(&pop, op.population,
		op.run.area_col ? op.run.area_col : "area", op.parent,
		op.run.by, op.run.nby, op.run.group_col != NULL, &e) < 0) ||
	    (op.calendar && workcal_setup(&cal, &op.run.time, op.tz,
		op.calendar, op.work_hours, &e) < 0) ||
	    (op.offered && offered_load(&offered, op.offered,
		op.run.area_col ? op.run.area_col : "area", &e) < 0)) {
		status = cli_fail(&e);
		goto done;
	}
	op.run.ladder = &ladder;
	op.run.cmap = op.channel_map ? &cmap : NULL;
	op.run.pop = op.population ? &pop : NULL;
	op.run.cal = op.calendar ? &cal : NULL;
	op.run.offered = op.offered ? &offered : NULL;
	if ((status = cli_open_writers(&op.com, &out, &rej)) != CLI_EXIT_OK)
		goto done;
	if (op.lorenz && (op.run.lorenz = cli_open_extra(&op.com,
	    op.lorenz)) == NULL) {
		status = CLI_EXIT_FAIL;
		goto done;
	}
	if (partscore_run(&op.run, argv + optind, argc - optind, out, rej, &st,
	    &e) < 0)
		status = cli_fail(&e);
	status = cli_chart_finish(&op.com, &script, status);
	{
		const struct cli_count counts[] = {{"read", st.read},
		    {"rejected", st.rejected},
		    {"empty_rows", csv_skipped_total()},
		    {"after_as_of", st.after_as_of},
		    {"outside_window", st.outside},
		    {"events", st.events}, {"staff_events", st.staff_events},
		    {"participants", st.participants},
		    {"areas", st.areas}, {"zero_areas", st.zero_areas},
		    {"written", st.written}};

		status = cli_write_stats(&op.com, counts,
		    sizeof counts / sizeof counts[0], status);
	}
	status = cli_finish(&op.com, out, rej, status);
	out = rej = NULL;
	if (status == CLI_EXIT_OK) {
		n = format_time(&op.run.time, st.as_of, tb);
		tb[n] = '\0';
		if (op.run.inequality)
			snprintf(zb, sizeof zb, " over %llu areas (%llu "
			    "without events)", st.areas, st.zero_areas);
		else if (op.population)
			snprintf(zb, sizeof zb, " (%llu without events)",
			    st.zero_areas);
		cli_summary(&op.com, "%llu read, %llu rejected%s, %llu after "
		    "--as-of, %llu outside --from/--to; %llu events, %llu "
		    "staff events; %llu rows written%s; as of %s", st.read,
		    st.rejected, csv_skipped_note(), st.after_as_of, st.outside,
		    st.events, st.staff_events, st.written, zb, n ? tb : "-");
	}
	status = cli_check_reject_rate(&op.com, st.read, st.rejected, status);
done:
	cli_finish(&op.com, out, rej, CLI_EXIT_FAIL);
	channel_map_free(&cmap);
	ladder_free(&ladder);
	population_free(&pop);
	workcal_free(&cal);
	offered_free(&offered);
	strlist_free(op.run.by, op.run.nby);
	free(script.data);
	return status;
}
