/* Runs every unit-test suite and prints the closing count line. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/datetime.h"
#include "core/util.h"
#include "t.h"

int t_pass, t_fail;
static char t_dirbuf[256];

void suite_util(void);
void suite_num(void);
void suite_datetime(void);
void suite_csvio(void);
void suite_outfile(void);
void suite_csvlines(void);
void suite_intern(void);
void suite_idtab(void);
void suite_mset(void);
void suite_bigalloc(void);
void suite_group(void);
void suite_stats(void);
void suite_chart(void);
void suite_words(void);
void suite_pip(void);
void suite_layer(void);
void suite_gridify(void);
void suite_workcal(void);
void suite_stage(void);
void suite_valuemap(void);
void suite_rules(void);
void suite_caseflow(void);
void suite_audit(void);
void suite_model(void);
void suite_pipeline(void);
void suite_montecarlo(void);
void suite_methods(void);
void suite_run(void);
void suite_ineq(void);
void suite_vocab(void);
void suite_partscore(void);

static uint64_t t_rng;

void
t_seed(uint64_t seed)
{
	t_rng = seed;
}

uint64_t
t_rand(void)
{
	uint64_t z = (t_rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

long
t_rand_int(long lo, long hi)
{
	return lo + (long)(t_rand() % (uint64_t)(hi - lo + 1));
}

char *
t_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = {NULL, 0, 0};
	char tmp[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		if (buf_append(&b, tmp, n) < 0)
			break;
	fclose(f);
	if (buf_append(&b, "", 1) < 0) {
		free(b.data);
		return NULL;
	}
	if (len != NULL)
		*len = b.len - 1;
	return b.data;
}

void
t_report(int ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		t_pass++;
		return;
	}
	t_fail++;
	printf("not ok %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

const char *
t_dir(void)
{
	if (t_dirbuf[0] == '\0') {
		const char *base = getenv("TMPDIR");
		snprintf(t_dirbuf, sizeof t_dirbuf, "%s/unit.XXXXXX",
		    base && *base ? base : "/tmp");
		if (mkdtemp(t_dirbuf) == NULL) {
			perror("mkdtemp");
			exit(1);
		}
	}
	return t_dirbuf;
}

const char *
t_file(const char *name, const char *bytes, size_t len)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", t_dir(), name);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(bytes, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
	return path;
}

double
t_beijing(const char *s)
{
	struct time_opts o;
	double t;

	time_opts_init(&o, NULL, "+08:00");
	if (parse_time(&o, s, strlen(s), &t) < 0) {
		printf("# bad test time %s\n", s);
		return NAN;
	}
	return t;
}

int
main(void)
{
	/* In the order of the layers: core, then each engine. */
	struct { const char *name; void (*fn)(void); } suites[] = {
		{"core/util", suite_util},
		{"core/num", suite_num},
		{"core/datetime", suite_datetime},
		{"core/csvio", suite_csvio},
		{"core/csvlines", suite_csvlines},
		{"core/outfile", suite_outfile},
		{"core/intern", suite_intern},
		{"core/bigalloc", suite_bigalloc},
		{"core/idtab", suite_idtab},
		{"core/mset", suite_mset},
		{"core/group", suite_group},
		{"core/stats", suite_stats},
		{"core/chart", suite_chart},
		{"core/words", suite_words},
		{"geo/pip", suite_pip},
		{"geo/layer", suite_layer},
		{"geo/gridify", suite_gridify},
		{"caseflow/workcal", suite_workcal},
		{"caseflow/stage", suite_stage},
		{"caseflow/valuemap", suite_valuemap},
		{"caseflow/rules", suite_rules},
		{"caseflow/caseflow", suite_caseflow},
		{"rankcity/audit", suite_audit},
		{"rankcity/model", suite_model},
		{"rankcity/pipeline", suite_pipeline},
		{"rankcity/montecarlo", suite_montecarlo},
		{"rankcity/methods", suite_methods},
		{"rankcity/run", suite_run},
		{"partscore/ineq", suite_ineq},
		{"partscore/vocab", suite_vocab},
		{"partscore/partscore", suite_partscore},
	};
	size_t i;

	/* The signals as a shell leaves them to a tool, whatever this run's
	 * parent ignores: core/outfile kills itself with them. */
	signal(SIGHUP, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	for (i = 0; i < sizeof suites / sizeof suites[0]; i++) {
		int before = t_fail;
		suites[i].fn();
		printf("# suite %s: %s\n", suites[i].name,
		    t_fail == before ? "ok" : "FAILED");
	}
	if (t_dirbuf[0]) {
		char cmd[300];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", t_dirbuf);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", t_dirbuf);
	}
	printf("unit: %d passed, %d failed\n", t_pass, t_fail);
	return t_fail ? 1 : 0;
}
