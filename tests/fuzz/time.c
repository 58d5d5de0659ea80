/*
 * time.c - time parsing with formats and zones (lib/core/datetime):
 * parse_time, then format_time, time_local, period_code and period_label
 * on what it read.
 *
 * Input: byte 0 picks the --time-format (ISO 8601, NYC 311's
 * "%m/%d/%Y %I:%M:%S %p", "%s", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M:%S",
 * or, for 5 and above, the input's first line), byte 1 the --tz (none,
 * UTC, +08:00, -05:30, Asia/Shanghai, America/New_York, or, for 6 and
 * above, the next line when it starts with '+' or '-'); the rest is the
 * field.  Check beside the sanitizers: a time that parses and formats
 * comes back, read as ISO 8601, within a second of itself (format_time
 * writes whole seconds and the zone's offset).
 */
#include "fuzz.h"

#include <math.h>

#include "core/datetime.h"

static const char *const formats[] = { NULL, "%m/%d/%Y %I:%M:%S %p", "%s",
	"%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M:%S" };
static const char *const zones[] = { NULL, "UTC", "+08:00", "-05:30",
	"Asia/Shanghai", "America/New_York" };

/* The next line of the input as a new string (caller frees), or NULL. */
static char *
line(const uint8_t **d, size_t *n)
{
	size_t i = 0;
	char *s;

	while (i < *n && (*d)[i] != '\n')
		i++;
	s = malloc(i + 1);
	if (s == NULL)
		abort();
	memcpy(s, *d, i);
	s[i] = '\0';
	*d += i < *n ? i + 1 : i;
	*n -= i < *n ? i + 1 : i;
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned fi = fuzz_byte(&data, &size), zi = fuzz_byte(&data, &size);
	char *fmt = NULL, *tz = NULL, buf[64];
	const char *f, *z;
	struct time_opts o, iso;
	double t, back;
	struct tm tm;
	long off;
	size_t len;

	if (fi < 5) {
		f = formats[fi];
	} else {
		fmt = line(&data, &size);
		f = fmt;
	}
	zi %= 8;
	if (zi < 6) {
		z = zones[zi];
	} else {
		tz = line(&data, &size);
		z = tz[0] == '+' || tz[0] == '-' ? tz : "UTC";
	}
	if (time_opts_init(&o, f, z) < 0 || time_opts_init(&iso, NULL,
	    "UTC") < 0)
		goto out;
	(void)time_fixed_offset(&o, &off);
	if (parse_time(&o, (const char *)data, size, &t) < 0)
		goto out;
	if (!isfinite(t))
		FUZZ_FAIL("parse_time gave %g", t);
	(void)time_local(&o, t, &tm, &off);
	for (int p = PERIOD_NONE; p <= PERIOD_YEAR; p++) {
		int32_t c = period_code(&o, (enum period)p, t);
		(void)period_label((enum period)p, c, buf);
	}
	len = format_time(&o, t, buf);
	if (len > 0) {
		if (len >= 32)
			FUZZ_FAIL("format_time wrote %zu bytes", len);
		if (parse_time(&iso, buf, len, &back) < 0)
			FUZZ_FAIL("format_time wrote \"%s\", which does not "
			    "read back", buf);
		if (fabs(back - t) >= 1.0)
			FUZZ_FAIL("%.17g formats as \"%s\", which reads back "
			    "as %.17g", t, buf, back);
	}
out:
	free(fmt);
	free(tz);
	return 0;
}
