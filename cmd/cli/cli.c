/*
 * cli.c - the shared command line (see cli.h): messages, the exit
 * statuses, the shared options and the output writer.
 */
#define _DEFAULT_SOURCE /* realpath */
#include "cli.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

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
	c->max_reject_rate = -1;
	c->chart_file.fd = -1;
	c->csv.encoding = ""; /* UTF-8; the reader's hint names --encoding */
}

/* Write text to standard output and exit 0, or say why not and exit 1. */
static void
print_and_exit(const char *text)
{
	fputs(text, stdout);
	if (fflush(stdout) == 0 && !ferror(stdout))
		exit(CLI_EXIT_OK);
	fprintf(stderr, "%s: <stdout>: write error: %s\n", cli_tool,
	    strerror(errno));
	exit(CLI_EXIT_FAIL);
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
	case CLI_OPT_STATS:
		c->stats = arg;
		return 1;
	case CLI_OPT_OUT_ENCODING:
		c->out_encoding = arg;
		return 1;
	case CLI_OPT_BOM:
		c->bom = 1;
		return 1;
	case CLI_OPT_MAX_REJECT_RATE:
		c->max_reject_rate = cli_num("--max-reject-rate", arg, 0, 1);
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
	if (c->stats && strcmp(c->stats, "-") == 0)
		cli_usage("--stats - would mix the counts into the output; name "
		    "a file");
	if (c->bom && c->out_encoding && strcasecmp(c->out_encoding, "utf-8")
	    != 0 && strcasecmp(c->out_encoding, "utf8") != 0)
		cli_usage("--bom: a byte order mark goes with UTF-8 output, not "
		    "with --output-encoding %s", cli_quote(c->out_encoding));
	if (c->out_encoding && *c->out_encoding) {
		iconv_t cd = iconv_open(c->out_encoding, "UTF-8");

		if (cd == (iconv_t)-1)
			cli_usage("--output-encoding: %s is not an encoding "
			    "iconv knows (try gb18030 or utf-8)",
			    cli_quote(c->out_encoding));
		iconv_close(cd);
	}
}

/* What cli_check_paths() knows of one named file. */
struct named {
	const char *opt, *path;
	char *canon; /* a new name: its folder resolved, and the name */
	int exists; /* a regular file that exists: dev and ino are set */
	int is_stdin; /* the file the standard input reads */
	dev_t dev;
	ino_t ino;
};

static void
name_file(struct named *n, const char *opt, const char *path)
{
	struct stat st;

	n->opt = opt;
	n->path = path;
	n->canon = NULL;
	n->is_stdin = 0;
	n->exists = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	if (n->exists) {
		n->dev = st.st_dev;
		n->ino = st.st_ino;
	} else if (errno == ENOENT) {
		/* "x.csv" and "./x.csv" are one new file. */
		const char *slash = strrchr(path, '/');
		const char *base = slash ? slash + 1 : path;
		char *dir = slash ? str_ndup(path, (size_t)(slash - path) +
		    (slash == path)) : str_ndup(".", 1);
		char *real = dir ? realpath(dir, NULL) : NULL;
		size_t len = real ? strlen(real) + strlen(base) + 2 : 0;

		if (dir == NULL)
			nomem_exit();
		if (real != NULL && (n->canon = malloc(len)) != NULL)
			snprintf(n->canon, len, "%s/%s", real, base);
		free(real);
		free(dir);
	}
}

/* Do two named files clash?  Non-regular files that exist never do. */
static int
same_file(const struct named *a, const struct named *b)
{
	struct stat st;

	if (a->exists && b->exists)
		return a->dev == b->dev && a->ino == b->ino;
	if (a->exists || b->exists)
		return 0;
	/* Neither is a regular file: two new names clash when equal. */
	if (stat(a->path, &st) == 0 || stat(b->path, &st) == 0)
		return 0;
	if (a->canon && b->canon)
		return strcmp(a->canon, b->canon) == 0;
	return strcmp(a->path, b->path) == 0;
}

static const char *
opt_name(const char *opt)
{
	return *opt ? opt : "the operand";
}

void
cli_check_paths(const struct cli_common *c, const struct cli_path *inputs,
    size_t nin, char *const *files, int nfiles,
    const struct cli_path *outputs, size_t nout)
{
	struct named *in, out[16];
	const char *stdin_opt = NULL;
	struct stat st0;
	size_t ni = 0, no = 0, i, j;
	const struct cli_path shared[] = {{"-o", c->output},
	    {"--reject", c->reject}, {"--chart", c->gnuplot ? NULL : c->chart},
	    {"--stats", c->stats}};

	if (nfiles < 0)
		nfiles = 0;
	if ((in = calloc(nin + (size_t)nfiles + 1, sizeof *in)) == NULL)
		nomem_exit();
	for (i = 0; i < nin + (size_t)nfiles + (nfiles == 0); i++) {
		/* No operand: the operand is standard input. */
		const struct cli_path p = i < nin ? inputs[i] : nfiles ?
		    (struct cli_path){"", files[i - nin]} :
		    (struct cli_path){"the data (no FILE given)", "-"};

		if (p.path && (strcmp(p.path, "-") == 0 ||
		    strcmp(p.path, "/dev/stdin") == 0)) {
			/* The second reader would find it drained. */
			if (stdin_opt != NULL && *stdin_opt == '\0' &&
			    *p.opt == '\0')
				cli_usage("two operands read the standard input, "
				    "which can be read only once");
			if (stdin_opt != NULL)
				cli_usage("%s and %s both read the standard "
				    "input, which can be read only once",
				    opt_name(stdin_opt), opt_name(p.opt));
			stdin_opt = p.opt;
			/* "caseflow -o x.csv < x.csv" would empty x.csv too. */
			if (fstat(0, &st0) == 0 &&
			    S_ISREG(st0.st_mode)) {
				in[ni].opt = p.opt;
				in[ni].path = "-";
				in[ni].canon = NULL;
				in[ni].exists = 1;
				in[ni].is_stdin = 1;
				in[ni].dev = st0.st_dev;
				in[ni].ino = st0.st_ino;
				ni++;
			}
		} else if (p.path)
			name_file(&in[ni++], p.opt, p.path);
	}
	for (i = 0; i < 4 + nout && no < 16; i++) {
		const struct cli_path *p = i < 4 ? &shared[i] : &outputs[i - 4];

		if (p->path && strcmp(p->path, "-") != 0)
			name_file(&out[no++], p->opt, p->path);
	}
	for (i = 0; i < no; i++) {
		for (j = 0; j < ni; j++)
			if (out[i].exists && in[j].is_stdin &&
			    same_file(&out[i], &in[j]))
				cli_usage("%s %s is the file on the standard "
				    "input; the run would destroy it", out[i].opt,
				    cli_quote(out[i].path));
			else if (out[i].exists && same_file(&out[i], &in[j]))
				cli_usage("%s %s is also an input (%s %s); the "
				    "run would destroy it", out[i].opt,
				    cli_quote(out[i].path), opt_name(in[j].opt),
				    cli_quote(in[j].path));
		for (j = 0; j < i; j++)
			if (same_file(&out[i], &out[j]))
				cli_usage("%s %s and %s %s name the same file",
				    out[j].opt, cli_quote(out[j].path),
				    out[i].opt, cli_quote(out[i].path));
	}
	for (i = 0; i < ni; i++)
		free(in[i].canon);
	for (i = 0; i < no; i++)
		free(out[i].canon);
	free(in);
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
open_writer(const struct cli_common *c, const char *path)
{
	struct err e = {0};
	struct csvw *w;

	if ((w = csvw_open(path, &e)) == NULL) {
		cli_fail(&e);
		return NULL;
	}
	if (csvw_set_encoding(w, c->out_encoding, c->bom, &e) < 0) {
		csvw_discard(w);
		cli_fail(&e);
		return NULL;
	}
	return w;
}

int
cli_open_writers(const struct cli_common *c, struct csvw **out,
    struct csvw **rej)
{
	if (rej != NULL)
		*rej = NULL;
	*out = open_writer(c, c->output ? c->output : c->gnuplot ?
	    "/dev/null" : "-");
	if (*out == NULL)
		return CLI_EXIT_FAIL;
	if (rej != NULL && c->reject != NULL &&
	    (*rej = open_writer(c, c->reject)) == NULL)
		return CLI_EXIT_FAIL;
	return CLI_EXIT_OK;
}

int
cli_finish(struct cli_common *c, struct csvw *out, struct csvw *rej,
    int status)
{
	struct err e = {0};
	size_t i;

	/* Everything written out before anything is put in place. */
	if (status == CLI_EXIT_OK && ((out && csvw_flush(out, &e) < 0) ||
	    (rej && csvw_flush(rej, &e) < 0)))
		status = cli_fail(&e);
	for (i = 0; status == CLI_EXIT_OK && i < c->nextra; i++)
		if (csvw_flush(c->extra[i], &e) < 0)
			status = cli_fail(&e);
	/* Then every file on disk and closed: what is left can only be the
	 * renames, so one output cannot be put in place while another of
	 * the same run fails. */
	if (status == CLI_EXIT_OK && ((out && csvw_seal(out, &e) < 0) ||
	    (rej && csvw_seal(rej, &e) < 0)))
		status = cli_fail(&e);
	for (i = 0; status == CLI_EXIT_OK && i < c->nextra; i++)
		if (csvw_seal(c->extra[i], &e) < 0)
			status = cli_fail(&e);
	if (status == CLI_EXIT_OK && c->chart_file.path &&
	    outfile_seal(&c->chart_file, &e) < 0)
		status = cli_fail(&e);
	/* A closed writer is freed: NULL, so the failure path below
	 * discards only what is still pending. */
	if (status == CLI_EXIT_OK) {
		int rc = csvw_close(out, &e);

		out = NULL;
		if (rc < 0)
			status = cli_fail(&e);
	}
	if (status == CLI_EXIT_OK) {
		int rc = csvw_close(rej, &e);

		rej = NULL;
		if (rc < 0)
			status = cli_fail(&e);
	}
	for (i = 0; status == CLI_EXIT_OK && i < c->nextra; i++) {
		struct csvw *w = c->extra[i];

		c->extra[i] = NULL;
		if (csvw_close(w, &e) < 0)
			status = cli_fail(&e);
	}
	if (status != CLI_EXIT_OK) {
		csvw_discard(out);
		csvw_discard(rej);
		for (i = 0; i < c->nextra; i++)
			csvw_discard(c->extra[i]);
		c->nextra = 0;
		outfile_discard(&c->chart_file);
		return status;
	}
	c->nextra = 0;
	if (c->chart_file.path && outfile_commit(&c->chart_file, &e) < 0)
		return cli_fail(&e);
	return status;
}

struct csvw *
cli_open_extra(struct cli_common *c, const char *path)
{
	struct err e = {0};
	struct csvw *w;

	if (c->nextra == CLI_MAX_EXTRA) {
		/* A tool with more file options raises CLI_MAX_EXTRA. */
		errf(&e, ERR_USAGE, "more than %d output files", CLI_MAX_EXTRA);
		cli_fail(&e);
		return NULL;
	}
	if ((w = csvw_open(path, &e)) == NULL) {
		cli_fail(&e);
		return NULL;
	}
	c->extra[c->nextra++] = w;
	return w;
}

int
cli_write_stats(struct cli_common *c, const struct cli_count *counts,
    size_t n, int status)
{
	struct err e = {0};
	struct csvw *w;
	size_t i;

	if (status != CLI_EXIT_OK || c->stats == NULL)
		return status;
	if ((w = cli_open_extra(c, c->stats)) == NULL)
		return CLI_EXIT_FAIL;
	for (i = 0; i < n; i++)
		if (csvw_str(w, counts[i].name, &e) < 0)
			return cli_fail(&e);
	if (csvw_end(w, &e) < 0)
		return cli_fail(&e);
	for (i = 0; i < n; i++)
		if (csvw_int(w, (int64_t)counts[i].n, &e) < 0)
			return cli_fail(&e);
	if (csvw_end(w, &e) < 0)
		return cli_fail(&e);
	return status;
}

int
cli_check_reject_rate(const struct cli_common *c, unsigned long long read,
    unsigned long long rejected, int status)
{
	char rate[NUM_BUF], pct[NUM_BUF];

	if (status != CLI_EXIT_OK || c->max_reject_rate < 0 || read == 0 ||
	    (double)rejected <= c->max_reject_rate * (double)read)
		return status;
	fmt_shortest(rate, sizeof rate, c->max_reject_rate);
	fmt_num(pct, 100.0 * (double)rejected / (double)read, 1, 0);
	fprintf(stderr, "%s: %llu of %llu records rejected (%s%%), more than "
	    "--max-reject-rate %s\n", cli_tool, rejected, read, pct, rate);
	return CLI_EXIT_FAIL;
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

double
cli_moment(const struct time_opts *t, const char *opt, const char *arg)
{
	struct time_opts iso = *t;
	double v;

	/* ISO 8601 alone first: no format list either. */
	iso.format = NULL;
	iso.formats = NULL;
	iso.nformats = 0;
	if (parse_time(&iso, arg, strlen(arg), &v) < 0 &&
	    parse_time(t, arg, strlen(arg), &v) < 0)
		cli_usage("%s: %s is not a time (ISO 8601 or --time-format)",
		    opt, cli_quote(arg));
	return v;
}
