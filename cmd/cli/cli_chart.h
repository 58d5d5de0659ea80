/*
 * cli_chart.h - the chart tail of the tools that draw (caseflow,
 * rankcity, partscore): --chart FILE is checked before any file is read, and after a
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
 * when one is given; a bad name is a usage error and exits 2.  Without
 * --gnuplot, also open the temporary file beside FILE that gnuplot will
 * draw into (c->chart_file; cli_finish() puts it in place or removes
 * it); exits 1 when it cannot be created.  Tools call it after parsing
 * their options and checking their paths, before any file is read.
 */
void cli_chart_check(struct cli_common *c);

/*
 * The name the chart script must write to: --chart FILE under --gnuplot
 * (the script is the user's), else the temporary file beside it; NULL
 * without --chart.  Owned by *c.
 */
const char *cli_chart_target(const struct cli_common *c);

/*
 * Finish a run that asked for a chart: with status CLI_EXIT_OK and
 * --chart set, print the script (--gnuplot) to standard output or run
 * gnuplot on it (into the temporary file, which cli_finish() then puts in
 * place; call this before cli_finish()).  Returns the status the run ends with: status, or
 * CLI_EXIT_FAIL after printing why the script could not be written or
 * the chart drawn.  script is the caller's.
 */
int cli_chart_finish(struct cli_common *c, const struct buf *script,
    int status);

#endif
