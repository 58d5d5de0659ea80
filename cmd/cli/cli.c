/*
 * cli.c - the shared command line (see cli.h): messages, the exit
 * statuses, the shared options and the output writer.
 */
#include "cli.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif

static const char *cli_tool = "?";
static const char *cli_help = "";

void
cli_init(const char *tool, const char *help, struct cli_common *c)
{
	cli_tool = tool;
	cli_help = help;
	memset(c, 0, sizeof *c);
	c->csv.delim = ',';
	c->csv.encoding = ""; /* UTF-8; the reader's hint names --encoding */
}

/* Write text to standard output and exit 0, or 1 if it could not. */
static void
print_and_exit(const char *text)
{
	fputs(text, stdout);
	exit(fflush(stdout) == 0 && !ferror(stdout) ? CLI_EXIT_OK :
	    CLI_EXIT_FAIL);
}

const char *
cli_quote(const char *s)
{
	static char ring[4][160];
	static int next;
	char *b = ring[next];

	next = (next + 1) % 4;
	return quote_value(b, sizeof ring[0], s, strlen(s));
}

static void
nomem_exit(void)
{
	fprintf(stderr, "%s: out of memory\n", cli_tool);
	exit(CLI_EXIT_FAIL);
}

void
cli_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cli_tool);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", cli_tool);
	exit(CLI_EXIT_USAGE);
}

int
cli_common_option(struct cli_common *c, int opt, const char *arg)
{
	char version[128];

	switch (opt) {
	case 'd':
		/* A quote or a line end cannot separate fields. */
		if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\n' ||
		    arg[0] == '\r')
			cli_usage("the delimiter must be one byte other than a "
			    "quote or a line end, not %s", cli_quote(arg));
		c->csv.delim = (unsigned char)arg[0];
		return 1;
	case CLI_OPT_TSV:
		c->csv.delim = '\t';
		return 1;
	case CLI_OPT_ENCODING:
		c->csv.encoding = arg;
		return 1;
	case 'o':
		c->output = arg;
		return 1;
	case 'q':
		c->quiet = 1;
		return 1;
	case CLI_OPT_REJECT:
		c->reject = arg;
		return 1;
	case CLI_OPT_CHART:
		c->chart = arg;
		return 1;
	case CLI_OPT_GNUPLOT:
		c->gnuplot = 1;
		return 1;
	case 'h':
		print_and_exit(cli_help);
		break;
	case 'V':
		snprintf(version, sizeof version, "%s %s\n", cli_tool, VERSION);
		print_and_exit(version);
		break;
	case '?':
		/* getopt has named the option already. */
		fprintf(stderr, "Try '%s --help' for more information.\n",
		    cli_tool);
		exit(CLI_EXIT_USAGE);
	}
	return 0;
}

void
cli_check_common(const struct cli_common *c)
{
	if (c->reject && strcmp(c->reject, "-") == 0)
		cli_usage("--reject - would mix rejects into the output; name "
		    "a file");
	if (c->gnuplot && !c->chart)
		cli_usage("--gnuplot needs --chart FILE (the file the script "
		    "writes)");
}

int
cli_pick(const char *opt, const char *arg, const char *const *names,
    const char *list)
{
	int i;

	for (i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	cli_usage("%s: %s is not %s", opt, cli_quote(arg), list);
}

double
cli_num(const char *opt, const char *arg, double lo, double hi)
{
	double v;

	if (parse_num(arg, strlen(arg), &v) != NUM_OK || v < lo || v > hi) {
		if (isinf(hi))
			cli_usage("%s: %s is not a number >= %g", opt,
			    cli_quote(arg), lo);
		cli_usage("%s: %s is not a number from %g to %g", opt,
		    cli_quote(arg), lo, hi);
	}
	return v;
}

long
cli_int(const char *opt, const char *arg, double lo, double hi)
{
	double v = cli_num(opt, arg, lo, hi);

	if (v != floor(v))
		cli_usage("%s: %s is not a whole number", opt, cli_quote(arg));
	return (long)v;
}

char **
cli_list(const char *arg, int *n)
{
	char **w;

	*n = strlist_split(arg, &w);
	if (*n < 0)
		nomem_exit();
	return w;
}

int
cli_fail(const struct err *e)
{
	fprintf(stderr, "%s: %s\n", cli_tool, e->msg);
	return e->kind == ERR_USAGE ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
}

static struct csvw *
open_output(const struct cli_common *c)
{
	struct err e = {0};
	struct csvw *w;

	w = csvw_open(c->output ? c->output : c->gnuplot ? "/dev/null" : "-",
	    &e);
	if (w == NULL)
		cli_fail(&e);
	return w;
}

int
cli_open_writers(const struct cli_common *c, struct csvw **out,
    struct csvw **rej)
{
	struct err e = {0};

	if (rej != NULL)
		*rej = NULL;
	if ((*out = open_output(c)) == NULL)
		return CLI_EXIT_FAIL;
	if (rej != NULL && c->reject != NULL &&
	    (*rej = csvw_open(c->reject, &e)) == NULL)
		return cli_fail(&e);
	return CLI_EXIT_OK;
}

int
cli_close(struct csvw *w, int status)
{
	struct err e = {0};

	if (csvw_close(w, &e) < 0 && status == CLI_EXIT_OK)
		return cli_fail(&e);
	return status;
}

void
cli_summary(const struct cli_common *c, const char *fmt, ...)
{
	va_list ap;

	if (c->quiet)
		return;
	fprintf(stderr, "%s: ", cli_tool);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
cli_warnings(const struct cli_common *c, const struct buf *warn)
{
	size_t i = 0;

	if (c->quiet)
		return;
	while (i < warn->len) {
		const char *nl = memchr(warn->data + i, '\n', warn->len - i);
		size_t end = nl ? (size_t)(nl - warn->data) : warn->len;

		fprintf(stderr, "%s: %.*s\n", cli_tool, (int)(end - i),
		    warn->data + i);
		i = end + 1;
	}
}
