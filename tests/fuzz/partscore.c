/*
 * partscore.c - partscore's events, with a population file, a channel map
 * and a ladder file when the input has them (lib/partscore partscore_run,
 * population_load, channel_map_load, ladder_load; output to /dev/null).
 *
 * Input: three control bytes, then the events CSV, then after a line
 * "=====" the population file (area,population, ...), after another the
 * channel map (name,channel), after another a ladder file (name,rung).
 * A part that is missing or empty is not given, so "\n=====\n\n=====\n"
 * gives a channel map without a population file.
 *
 * Byte 0: bit 0 --inequality, bit 1 --parent parent (both only with a
 * population file, as the CLI demands), bit 2 --by district, bits 3-5
 * the period (none, day, week, month, year; 5-7 none), bit 6 --reject
 * to /dev/null (else the first bad record stops the run), bit 7
 * --initiator initiator.
 * Byte 1: bits 0-1 --sla (none, 48h, 16wh, 5wd: working time on the
 * default hours and a calendar of weekdays), bit 2 --ladder arnstein
 * (else iap2; a ladder part wins), bits 3-4 --bootstrap (0, 1, 7, 50;
 * with --inequality), bit 5 --group group (with a population file, which
 * then has sub-populations), bit 6 --channel-shares (without
 * --inequality), bit 7 --channels-offered 5.
 * Byte 2: bit 0 --tz +08:00 (else UTC), bit 1 --time-format
 * "%m/%d/%Y %I:%M:%S %p" then "%Y-%m-%d %H:%M:%S" (NYC 311's, else ISO
 * 8601), bit 2 --as-of 2024-03-10T00:00:00, bit 3 --from
 * 2023-01-01T00:00:00 --to 2024-03-03T00:00:00, bit 4 --lang zh, bit 5
 * --precision 3, bits 6 and 7 (with --inequality) --gini-correction and
 * --lorenz to /dev/null.
 *
 * The sanitizers are the check, and the reconciliation partscore_run
 * promises: read == rejected + after_as_of + outside + events +
 * staff_events, nothing rejected without a reject writer, and a row
 * written per area row of the table of areas.
 */
#include "fuzz.h"

#include "core/csvw.h"
#include "core/stats.h"
#include "partscore/partscore.h"

static const char *const nyc_formats[] = { "%m/%d/%Y %I:%M:%S %p",
	"%Y-%m-%d %H:%M:%S" };

/* A writer to /dev/null: the harness stops when there is none. */
static struct csvw *
null_writer(void)
{
	struct csvw *w;
	int fd = open("/dev/null", O_WRONLY);

	if (fd < 0)
		abort();
	w = csvw_new(fd, "/dev/null", 1);
	if (w == NULL)
		abort();
	return w;
}

/* A moment as the CLI reads one: ISO 8601 whatever the formats. */
static double
moment(const struct time_opts *t, const char *s)
{
	struct time_opts iso = *t;
	double v;

	iso.format = NULL;
	iso.formats = NULL;
	iso.nformats = 0;
	if (parse_time(&iso, s, strlen(s), &v) < 0)
		abort();
	return v;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned long boot[] = { 0, 1, 7, 50 };
	static int stats_ready;
	unsigned c0 = fuzz_byte(&data, &size);
	unsigned c1 = fuzz_byte(&data, &size);
	unsigned c2 = fuzz_byte(&data, &size);
	const uint8_t *evt, *pop, *map, *lad;
	size_t evtn, popn, mapn, ladn;
	struct partscore_opts o;
	struct partscore_stats st;
	struct population p = { 0 };
	struct channel_map cmap = { 0 };
	struct ladder ladder = { 0 };
	struct workcal wc;
	struct csvw *out, *rej = NULL;
	struct err e;
	char *by[] = { "district" };
	char *files[1];
	int sla, rc;

	if (!stats_ready) {
		stats_init();
		stats_ready = 1;
	}
	fuzz_split(&data, &size, &evt, &evtn);
	fuzz_split(&data, &size, &pop, &popn);
	fuzz_split(&data, &size, &map, &mapn);
	fuzz_split(&data, &size, &lad, &ladn);
	partscore_opts_init(&o);
	if (time_opts_init_list(&o.time, (c2 & 2) ? nyc_formats : NULL,
	    (c2 & 2) ? 2 : 0, (c2 & 1) ? "+08:00" : "UTC") < 0)
		abort();
	workcal_init(&wc, (c2 & 1) ? 8 * 3600 : 0);
	if (popn > 0) {
		o.inequality = c0 & 1;
		if (c1 & 32)
			o.group_col = "group";
	}
	if (c0 & 4) {
		o.by = by;
		o.nby = 1;
	}
	if (((c0 >> 3) & 7) <= PERIOD_YEAR)
		o.period = (enum period)((c0 >> 3) & 7);
	if (c0 & 128)
		o.initiator_col = "initiator";
	if ((sla = c1 & 3) != 0) {
		static const double limit[] = { 0, 48, 16, 5 };

		o.sla_set = 1;
		o.sla_limit = limit[sla];
		o.sla_unit = sla == 1 ? UNIT_H : sla == 2 ? UNIT_WH : UNIT_WD;
		o.cal = &wc;
	}
	if (o.inequality) {
		o.bootstrap = boot[(c1 >> 3) & 3];
		o.gini_correction = (c2 >> 6) & 1;
	} else
		o.channel_shares = (c1 >> 6) & 1;
	if (c1 & 128)
		o.channels_offered = 5;
	if (c2 & 4) {
		o.as_of = moment(&o.time, "2024-03-10T00:00:00");
		o.as_of_set = 1;
	}
	if (c2 & 8) {
		o.from = moment(&o.time, "2023-01-01T00:00:00");
		o.to = moment(&o.time, "2024-03-03T00:00:00");
		o.from_set = o.to_set = 1;
	}
	o.lang_zh = (c2 >> 4) & 1;
	if (c2 & 32)
		o.precision = 3;
	if (ladn > 0) {
		if (ladder_load(&ladder, fuzz_file(3, lad, ladn, ".ladder.csv"),
		    &e) < 0)
			goto out;
	} else if (ladder_builtin(&ladder, (c1 & 4) ? "arnstein" : "iap2",
	    &e) < 0)
		abort();
	o.ladder = &ladder;
	if (mapn > 0) {
		if (channel_map_load(&cmap, fuzz_file(2, map, mapn, ".map.csv"),
		    &e) < 0)
			goto out;
		o.cmap = &cmap;
	}
	if (popn > 0) {
		if (population_load(&p, fuzz_file(1, pop, popn, ".pop.csv"),
		    "area", (c0 & 2) ? "parent" : NULL, o.by, o.nby,
		    o.group_col != NULL, &e) < 0)
			goto out;
		o.pop = &p;
	}
	out = null_writer();
	if (c0 & 64)
		rej = null_writer();
	if (o.inequality && (c2 & 128))
		o.lorenz = null_writer();
	files[0] = (char *)fuzz_file(0, evt, evtn, ".csv");
	rc = partscore_run(&o, files, 1, out, rej, &st, &e);
	(void)csvw_close(out, &e);
	if (rej != NULL)
		(void)csvw_close(rej, &e);
	if (o.lorenz != NULL)
		(void)csvw_close(o.lorenz, &e);
	if (rc == 0 && st.read != st.rejected + st.after_as_of + st.outside +
	    st.events + st.staff_events)
		FUZZ_FAIL("counts do not add up: read %llu rejected %llu "
		    "after %llu outside %llu events %llu staff %llu", st.read,
		    st.rejected, st.after_as_of, st.outside, st.events,
		    st.staff_events);
	if (rc == 0 && rej == NULL && st.rejected != 0)
		FUZZ_FAIL("%llu rejected without a reject writer", st.rejected);
	if (rc == 0 && !o.inequality && (st.written != st.areas ||
	    st.zero_areas > st.areas))
		FUZZ_FAIL("rows: written %llu areas %llu zero areas %llu",
		    st.written, st.areas, st.zero_areas);
out:
	population_free(&p);
	channel_map_free(&cmap);
	ladder_free(&ladder);
	workcal_free(&wc);
	return 0;
}
