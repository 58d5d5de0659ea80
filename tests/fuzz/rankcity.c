/*
 * rankcity.c - rankcity's readers and the pipeline behind them
 * (lib/rankcity: rc_read of META and the data inside rc_run, output to
 * /dev/null).
 *
 * Input: a control byte, then the data file, then, after a line
 * "=====", META (none without the separator).  Control byte: bit 0
 * --denominate, bit 1 --impute mean, bits 2-3 the weights (META, equal,
 * entropy, PCA), bits 4-5 the aggregation (arithmetic, geometric,
 * harmonic mean, TOPSIS), bit 6 --audit.  The sanitizers are the check.
 */
#include "fuzz.h"

#include "rankcity/rankcity.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned c = fuzz_byte(&data, &size);
	const uint8_t *dat;
	size_t datn;
	struct rc_opts o;
	struct rc_summary st;
	struct buf script = { 0 }, warn = { 0 };
	struct csvw *out;
	struct err e;
	int fd;

	fuzz_split(&data, &size, &dat, &datn);
	rc_opts_init(&o);
	o.csv.delim = ',';
	if (data != dat + datn) /* a separator: META follows */
		o.read.meta = fuzz_file(1, data, size, ".meta.csv");
	o.denominate = c & 1;
	o.read.denominate = c & 1;
	if (c & 2)
		o.impute = RC_IMPUTE_MEAN;
	o.weights = (enum rc_weights)((c >> 2) & 3);
	if (o.read.meta == NULL && o.weights == RC_W_META)
		o.weights = RC_W_EQUAL; /* as cmd/rankcity.c does */
	o.agg = (enum rc_agg)((c >> 4) & 3);
	o.audit = (c >> 6) & 1;
	fd = open("/dev/null", O_WRONLY);
	if (fd < 0)
		abort();
	out = csvw_new(fd, "/dev/null", 1);
	if (out == NULL)
		abort();
	(void)rc_run(&o, fuzz_file(0, dat, datn, ".csv"), out, &script, &warn,
	    &st, &e);
	(void)csvw_close(out, &e);
	free(script.data);
	free(warn.data);
	return 0;
}
