/*
 * caseflow.c - caseflow's case logs, long and wide (lib/caseflow
 * caseflow_run, output to /dev/null), with deadline rules and a working
 * calendar when the input has them.
 *
 * Input: a control byte, then the case log, then after a line "=====" a
 * rules file (category,stage,limit,unit), then after another a CSV
 * calendar (date,kind).  Control byte: bit 0 --wide, bit 1 --sorted,
 * bit 2 --cases, bits 3-4 the period (none, day, week, month), bit 5 the
 * zone +08:00 (else UTC), bit 6 --by district, bit 7 --as-of
 * 2024-03-10T00:00:00.  The sanitizers are the check, and the
 * reconciliation of the counts caseflow_run promises.
 */
#include "fuzz.h"

#include "caseflow/caseflow.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned c = fuzz_byte(&data, &size);
	const uint8_t *log, *rul, *cal;
	size_t logn, ruln, caln;
	struct caseflow_opts o;
	struct caseflow_stats st;
	struct rules rules = { 0 };
	struct workcal wc;
	struct csvw *out;
	struct err e;
	char *by[] = { "district" };
	char *files[1];
	int fd, rc;

	fuzz_split(&data, &size, &log, &logn);
	fuzz_split(&data, &size, &rul, &ruln);
	fuzz_split(&data, &size, &cal, &caln);
	caseflow_opts_init(&o);
	o.csv.delim = ',';
	o.wide = c & 1;
	o.sorted = (c >> 1) & 1;
	o.cases = (c >> 2) & 1;
	o.period = (enum period)((c >> 3) & 3);
	if (time_opts_init(&o.time, NULL, (c & 32) ? "+08:00" : "UTC") < 0)
		abort();
	workcal_init(&wc, (c & 32) ? 8 * 3600 : 0);
	if (c & 64) {
		o.by = by;
		o.nby = 1;
	}
	if (c & 128) {
		if (parse_time(&o.time, "2024-03-10T00:00:00", 19, &o.as_of) < 0)
			abort();
		o.as_of_set = 1;
	}
	if (rul > log + logn) {
		if (rules_load(&rules, fuzz_file(1, rul, ruln, ".rules.csv"),
		    &e) < 0)
			goto out;
		o.rules = &rules;
	}
	if (cal > rul + ruln) {
		if (workcal_load_csv(&wc, fuzz_file(2, cal, caln, ".cal.csv"),
		    &e) < 0)
			goto out;
		o.cal = &wc;
	}
	fd = open("/dev/null", O_WRONLY);
	if (fd < 0)
		abort();
	out = csvw_new(fd, "/dev/null", 1);
	if (out == NULL)
		abort();
	files[0] = (char *)fuzz_file(0, log, logn, ".csv");
	memset(&st, 0, sizeof st);
	rc = caseflow_run(&o, files, 1, out, NULL, &st, &e);
	(void)csvw_close(out, &e);
	if (rc == 0 && (st.read != st.applied + st.rejected + st.after_as_of ||
	    st.cases != st.closed + st.open + st.cancelled))
		FUZZ_FAIL("counts do not add up: read %llu applied %llu "
		    "rejected %llu after %llu; cases %llu closed %llu open "
		    "%llu cancelled %llu", st.read, st.applied, st.rejected,
		    st.after_as_of, st.cases, st.closed, st.open,
		    st.cancelled);
out:
	rules_free(&rules);
	workcal_free(&wc);
	return 0;
}
