/* Runs every unit-test suite and prints the closing count line. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../lib/parse.h"
#include "t.h"

int t_pass, t_fail;
static char t_dirbuf[256];

void suite_csv(void);
void suite_parse(void);
void suite_pip(void);
void suite_geo(void);
void suite_fast(void);
void suite_workcal(void);
void suite_stats(void);
void suite_stage(void);
void suite_rules(void);
void suite_chart(void);
void suite_time_out(void);
void suite_caseflow(void);

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
	struct { const char *name; void (*fn)(void); } suites[] = {
		{"csv", suite_csv},
		{"parse", suite_parse},
		{"pip", suite_pip},
		{"geo", suite_geo},
		{"fast", suite_fast},
		{"workcal", suite_workcal},
		{"stats", suite_stats},
		{"stage", suite_stage},
		{"rules", suite_rules},
		{"chart", suite_chart},
		{"time_out", suite_time_out},
		{"caseflow", suite_caseflow},
	};
	size_t i;

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
