/*
 * cli_chart.h - the chart tail of the tools that draw (caseflow,
 * rankcity): --chart FILE is checked before any file is read, and after a
 * successful run the gnuplot script the engine wrote is either printed
 * (--gnuplot) or run (lib/core/chart.c's chart_render).  Apart from cli.c
 * so that a tool without charts links no chart code.
 */
#ifndef CLI_CHART_H
#define CLI_CHART_H

#include "cli.h"
#include "core/util.h"

/*
 * Check --chart FILE's name (.png, .svg or .pdf, no control characters)
 * when one is given; a bad name is a usage error and exits 2.  Tools call
 * it right after parsing their options, before any file is read.
 */
void cli_chart_check(const struct cli_common *c);

/*
 * Finish a run that asked for a chart: with status CLI_EXIT_OK and
 * --chart set, print the script (--gnuplot) to standard output or run
 * gnuplot on it.  Returns the status the run ends with: status, or
 * CLI_EXIT_FAIL after printing why the script could not be written or
 * the chart drawn.  script is the caller's.
 */
int cli_chart_finish(const struct cli_common *c, const struct buf *script,
    int status);

#endif
