/*
 * cli_chart.c - the chart tail (see cli_chart.h).
 */
#include "cli_chart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/chart.h"

void
cli_chart_check(struct cli_common *c)
{
	struct err e = {0};
	const char *term, *dot;

	if (c->chart == NULL)
		return;
	if (chart_terminal(c->chart, &term, &e) < 0)
		exit(cli_fail(&e));
	if (c->gnuplot)
		return;
	/* gnuplot's terminal goes by the extension: the name keeps it. */
	dot = strrchr(c->chart, '.');
	if (outfile_open(&c->chart_file, c->chart, dot ? strlen(dot) : 0,
	    &e) < 0)
		exit(cli_fail(&e));
}

/* A message naming the temporary file names the user's file instead. */
static void
name_user_file(struct err *e, const char *tmp, const char *user)
{
	char *at = strstr(e->msg, tmp);
	char rest[ERR_MSG_MAX];

	if (at == NULL)
		return;
	snprintf(rest, sizeof rest, "%s", at + strlen(tmp));
	snprintf(at, sizeof e->msg - (size_t)(at - e->msg), "%s%s", user,
	    rest);
}

const char *
cli_chart_target(const struct cli_common *c)
{
	if (c->chart == NULL || c->gnuplot)
		return c->chart;
	return outfile_write_path(&c->chart_file);
}

int
cli_chart_finish(struct cli_common *c, const struct buf *script,
    int status)
{
	struct err e = {0};

	if (status != CLI_EXIT_OK || c->chart == NULL)
		return status;
	if (c->gnuplot) {
		if (fwrite(script->data, 1, script->len, stdout) != script->len ||
		    fflush(stdout) != 0) {
			errf(&e, ERR_IO, "<stdout>: cannot write the gnuplot "
			    "script");
			return cli_fail(&e);
		}
		return status;
	}
	if (chart_render(script, cli_chart_target(c), &e) < 0) {
		name_user_file(&e, cli_chart_target(c), c->chart);
		outfile_discard(&c->chart_file);
		return cli_fail(&e);
	}
	return status;
}
