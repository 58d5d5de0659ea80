/*
 * cli_chart.c - the chart tail (see cli_chart.h).
 */
#include "cli_chart.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/chart.h"

void
cli_chart_check(const struct cli_common *c)
{
	struct err e = {0};
	const char *term;

	if (c->chart != NULL && chart_terminal(c->chart, &term, &e) < 0)
		exit(cli_fail(&e));
}

int
cli_chart_finish(const struct cli_common *c, const struct buf *script,
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
	if (chart_render(script, c->chart, &e) < 0)
		return cli_fail(&e);
	return status;
}
