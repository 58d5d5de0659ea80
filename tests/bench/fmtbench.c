/*
 * fmtbench - nanoseconds per call of fmt_shortest() (core/num.h), the
 * shortest round-trip text of a double, on three kinds of numbers a tool
 * writes: (a) uniform doubles in [0,1) (rates, shares: mostly 16 or 17
 * digits), (b) means k/3 of random whole numbers k below 10^6, (c) whole
 * numbers below 10^5.  Each set is 2^20 numbers drawn with seed 1; each
 * is formatted ROUNDS times and the best round kept.
 * usage: fmtbench [ROUNDS]      (make build/fmtbench; default 5 rounds)
 * It calls only the public fmt_shortest(), so the same file built against
 * another commit's libcore.a times that commit's formatter.
 */
#define PROG "fmtbench"
static const char *usage_line = "usage: fmtbench [ROUNDS]\n";

#include <time.h>

#include "core/num.h"
#include "gen.h"

#define COUNT (1 << 20)

/* Seconds on the monotonic clock. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/*
 * The best nanoseconds per call of fmt_shortest over rounds passes of the
 * COUNT numbers in v; the lengths are summed into *sink so that no pass
 * can be optimised away.
 */
static double
time_set(const double *v, int rounds, size_t *sink)
{
	char buf[32];
	double best = 0;
	int r;

	for (r = 0; r < rounds; r++) {
		double t0 = now(), t;
		size_t i, len = 0;

		for (i = 0; i < COUNT; i++)
			len += fmt_shortest(buf, sizeof buf, v[i]);
		t = (now() - t0) / COUNT * 1e9;
		*sink += len;
		if (r == 0 || t < best)
			best = t;
	}
	return best;
}

int
main(int argc, char **argv)
{
	static const char *names[3] = {"uniform [0,1)", "means k/3",
	    "integers < 1e5"};
	double *v = xmalloc(3 * (size_t)COUNT * sizeof *v);
	int rounds = argc > 1 ? (int)parse_u64(argv[1], 1, 1000,
	    "bad round count: '%s'") : 5;
	size_t i, sink = 0;
	rng_t rng;
	int s;

	if (argc > 2)
		usage_error("unexpected argument: '%s'", argv[2]);
	rng_seed(&rng, 1, 0);
	for (i = 0; i < COUNT; i++) {
		v[i] = rng_unit(&rng);
		v[COUNT + i] = (double)rng_below(&rng, 1000000) / 3;
		v[2 * COUNT + i] = (double)rng_below(&rng, 100000);
	}
	for (s = 0; s < 3; s++)
		printf("%-16s %8.1f ns/call\n", names[s],
		    time_set(v + (size_t)s * COUNT, rounds, &sink));
	free(v);
	return sink == 0;
}
