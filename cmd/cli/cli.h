/*
 * cli.h - the command line every tool shares (cmd/ only; lib/ never
 * prints and never exits).
 *
 * A tool's main() calls cli_init() with its name and help text, parses
 * its options with getopt_long(), handing each one to cli_common_option()
 * first, validates the result once, runs its engine and returns the exit
 * status that the functions here computed.  Everything a tool says goes
 * to standard error as "TOOL: message" through this file, and a process
 * ends early only in the command-line layer (this file and cli_chart.c):
 * on a usage error (cli_usage, exit 2), after --help or --version (0),
 * when memory runs out while parsing (1), on a bad --chart name (2).
 *
 * One rule for each shared option:
 *   -d, --delimiter CHAR  one byte other than a quote, CR or LF
 *   --tsv                 the same as -d with a tab
 *   --encoding ENC        an iconv name; checked when the input is opened
 *   -o, --output FILE     default: standard output (/dev/null under
 *                         --gnuplot, whose script takes standard output)
 *   -q, --quiet           no summary line and no warnings
 *   --stats FILE          the summary line's counts as a one-row CSV
 *   --output-encoding ENC the CSV outputs (and rejects) in ENC
 *   --bom                 a UTF-8 byte order mark first (Excel)
 *   --reject FILE         never "-": rejects must not mix with the output
 *   --max-reject-rate F   exit 1, after writing everything, when more
 *                         than the share F of the records was rejected
 *   --chart FILE          .png, .svg or .pdf (cli_chart.h checks it)
 *   --gnuplot             needs --chart FILE
 *   -h, --help; -V, --version
 * Every file a tool writes is written beside the old one and put in its
 * place only when the whole run succeeded (core/outfile.h), so a failed
 * run leaves the user's files as they were; an output that names an
 * input, or two outputs naming one file, is a usage error
 * (cli_check_paths) before anything is opened.
 * Words and numbers given to options go through cli_pick() and cli_num(),
 * so that every refusal reads OPTION: "VALUE" is not ..., the value
 * quoted by cli_quote().
 */
#ifndef CLI_H
#define CLI_H

#include <getopt.h>

#include "core/csvio.h"
#include "core/datetime.h"
#include "core/outfile.h"
#include "core/util.h"

/* The exit statuses, the only ones a tool returns. */
enum cli_exit {
	CLI_EXIT_OK = 0,    /* success */
	CLI_EXIT_FAIL = 1,  /* bad data, an I/O error, memory */
	CLI_EXIT_USAGE = 2  /* bad usage */
};

/* The shared options' values, filled by cli_common_option(). */
/* How many outputs beyond -o and --reject one run may have. */
#define CLI_MAX_EXTRA 4

struct cli_common {
	struct csv_opts csv; /* -d, --tsv, --encoding */
	const char *output;  /* -o FILE, or NULL */
	const char *reject;  /* --reject FILE, or NULL */
	const char *chart;   /* --chart FILE, or NULL */
	const char *stats;   /* --stats FILE, or NULL */
	const char *out_encoding; /* --output-encoding ENC, or NULL */
	double max_reject_rate;   /* --max-reject-rate F; -1 without */
	int bom;             /* --bom */
	int quiet;           /* -q */
	int gnuplot;         /* --gnuplot */
	struct outfile chart_file; /* --chart's temporary file, while drawn */
	/* Further outputs (--stats, a tool's own file options), opened by
	 * cli_open_extra() and put in place or removed by cli_finish(). */
	struct csvw *extra[CLI_MAX_EXTRA];
	size_t nextra;
};

/* A file named on the command line, for cli_check_paths(). */
struct cli_path {
	const char *opt;  /* the option that named it ("" for an operand) */
	const char *path; /* NULL: not given */
};

/* One count of the summary, for --stats: a column name and its value. */
struct cli_count {
	const char *name;
	unsigned long long n;
};

/* getopt_long() codes of the shared long options without a letter; a
 * tool's own codes start at 256. */
enum {
	CLI_OPT_TSV = 200, CLI_OPT_ENCODING, CLI_OPT_REJECT, CLI_OPT_CHART,
	CLI_OPT_GNUPLOT, CLI_OPT_STATS, CLI_OPT_OUT_ENCODING, CLI_OPT_BOM,
	CLI_OPT_MAX_REJECT_RATE
};

/* The shared entries of a struct option table, by group: a tool lists
 * the groups it takes, and CLI_LONGOPTS_END last. */
#define CLI_LONGOPTS_INPUT \
	{"delimiter", required_argument, NULL, 'd'}, \
	{"tsv", no_argument, NULL, CLI_OPT_TSV}, \
	{"encoding", required_argument, NULL, CLI_OPT_ENCODING}
#define CLI_LONGOPTS_OUTPUT \
	{"output", required_argument, NULL, 'o'}, \
	{"quiet", no_argument, NULL, 'q'}, \
	{"stats", required_argument, NULL, CLI_OPT_STATS}, \
	{"output-encoding", required_argument, NULL, CLI_OPT_OUT_ENCODING}, \
	{"bom", no_argument, NULL, CLI_OPT_BOM}
#define CLI_LONGOPTS_REJECT \
	{"reject", required_argument, NULL, CLI_OPT_REJECT}, \
	{"max-reject-rate", required_argument, NULL, CLI_OPT_MAX_REJECT_RATE}
#define CLI_LONGOPTS_CHART \
	{"chart", required_argument, NULL, CLI_OPT_CHART}, \
	{"gnuplot", no_argument, NULL, CLI_OPT_GNUPLOT}
#define CLI_LONGOPTS_END \
	{"help", no_argument, NULL, 'h'}, \
	{"version", no_argument, NULL, 'V'}, \
	{NULL, 0, NULL, 0}

/* The short options of the shared groups, for getopt_long()'s string. */
#define CLI_SHORTOPTS "d:o:qhV"

/*
 * Name the tool (for every message) and keep its help text; both strings
 * must live as long as the process.  Fills *c with the defaults (comma
 * separator, standard output).  Call before anything else here.
 */
void cli_init(const char *tool, const char *help, struct cli_common *c);

/*
 * Handle option code opt (from getopt_long, argument arg) if it is a
 * shared one: store it in *c and return 1, or print the help or version
 * and exit, or, for getopt's '?' (an unknown option or a missing
 * argument, which getopt has already named), point to --help and exit 2.
 * Returns 0 for a code that is the tool's own.
 */
int cli_common_option(struct cli_common *c, int opt, const char *arg);

/*
 * Check the shared options together once parsing is done: --reject -,
 * --gnuplot without --chart and --bom with another output encoding than
 * UTF-8 are usage errors.  Exits 2 on a bad combination.
 */
void cli_check_common(const struct cli_common *c);

/*
 * Check, before anything is opened for writing, that no output names the
 * same file as an input or as another output: the shared outputs (-o,
 * --reject, --chart, --stats) and the tool's own, outputs[0..nout-1],
 * against the tool's file options inputs[0..nin-1] and its operands
 * files[0..nfiles-1] (each may be NULL: not given).
 * Files are the same when they have the same device and inode, or, for
 * outputs that do not exist yet, the same name; only regular files count
 * (two outputs may both be /dev/null).  Standard input and output ("-")
 * are not checked.  Exits 2 naming both options on a clash:
 * -o "rr.csv" is also an input; the run would destroy it.
 */
void cli_check_paths(const struct cli_common *c,
    const struct cli_path *inputs, size_t nin, char *const *files,
    int nfiles, const struct cli_path *outputs, size_t nout);

/*
 * Print "TOOL: MESSAGE" and "Try 'TOOL --help' for more information." to
 * standard error and exit 2.
 */
void cli_usage(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

/*
 * s quoted for a message as quote_value() does it ("...", inner quotes
 * escaped, cut past 60 bytes), in one of four buffers that this file
 * owns and reuses, so one message may quote four values.
 */
const char *cli_quote(const char *s);

/*
 * The index of arg in names[] (NULL-terminated); any other word is a
 * usage error: OPT: "ARG" is not LIST.
 */
int cli_pick(const char *opt, const char *arg, const char *const *names,
    const char *list);

/*
 * arg as a number in [lo, hi] (C locale, NA and garbage refused); any
 * other text is a usage error: OPT: "ARG" is not a number from LO to HI
 * (OPT: "ARG" is not a number >= LO when hi is infinite).
 */
double cli_num(const char *opt, const char *arg, double lo, double hi);

/* As cli_num(), and a whole number: OPT: "ARG" is not a whole number. */
long cli_int(const char *opt, const char *arg, double lo, double hi);

/*
 * A moment given to option opt (--as-of, --from, --to): ISO 8601 first,
 * then the formats of *t; anything else is a usage error: OPT: "ARG" is
 * not a time (ISO 8601 or --time-format).
 */
double cli_moment(const struct time_opts *t, const char *opt,
    const char *arg);

/*
 * Split a comma-separated option value into *n new strings (free with
 * strlist_free); exits 1 when memory runs out.
 */
char **cli_list(const char *arg, int *n);

/*
 * Print "TOOL: MESSAGE" for the failure in *e and return its exit status:
 * CLI_EXIT_USAGE for ERR_USAGE, else CLI_EXIT_FAIL.
 */
int cli_fail(const struct err *e);

/*
 * Open the output writer the shared options name (-o FILE; without it
 * standard output, or /dev/null under --gnuplot) into *out and, when rej
 * is not NULL, the --reject writer into *rej (NULL without --reject),
 * both in the --output-encoding and with the --bom asked for.  Files are
 * written beside the old ones until cli_finish() puts them in place.
 * Returns CLI_EXIT_OK, or CLI_EXIT_FAIL after printing why; *out and
 * *rej then hold what was opened (the caller ends them with cli_finish).
 */
int cli_open_writers(const struct cli_common *c, struct csvw **out,
    struct csvw **rej);

/*
 * End a run's outputs: with status CLI_EXIT_OK, flush every writer
 * (NULL allowed) and, when all of them and the chart succeeded, put
 * every file (the writers', and --chart's drawn by cli_chart_finish) in
 * place of the old one; with any other status, or when a flush or close
 * fails (a full disk shows here), remove what the run wrote so that the
 * old files stay as they were.  Returns the status the run ends with:
 * status, or CLI_EXIT_FAIL after printing why.  The writers are freed.
 */
int cli_finish(struct cli_common *c, struct csvw *out, struct csvw *rej,
    int status);

/*
 * Open path (named by a file option of the tool, such as --weights-out)
 * as a UTF-8 CSV writer that cli_finish() puts in place together with
 * -o and --reject, or removes when the run fails, so that no file of a
 * failed run replaces an old one.  Returns the writer, owned by *c until
 * cli_finish() (the caller writes to it and never closes it), or NULL
 * after printing why it could not be opened.
 */
struct csvw *cli_open_extra(struct cli_common *c, const char *path);

/*
 * With --stats FILE and status CLI_EXIT_OK, write counts[0..n-1] to FILE
 * as a header row of their names and one row of their values (UTF-8,
 * through cli_open_extra(): call it before cli_finish(), which puts the
 * file in place with the others).  Returns status, or CLI_EXIT_FAIL
 * after printing why the file could not be written.
 */
int cli_write_stats(struct cli_common *c,
    const struct cli_count *counts, size_t n, int status);

/*
 * With --max-reject-rate F and status CLI_EXIT_OK: when more than the
 * share F of the read records were rejected, print
 * "N of M records rejected (P%), more than --max-reject-rate F" and
 * return CLI_EXIT_FAIL; else return status.  Called last, after every
 * output was written: a cron job gets its files and a failing status.
 */
int cli_check_reject_rate(const struct cli_common *c,
    unsigned long long read, unsigned long long rejected, int status);

/*
 * The summary line: "TOOL: " and the formatted text on standard error,
 * unless -q.
 */
void cli_summary(const struct cli_common *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Print each line of warn as "TOOL: LINE" on standard error, unless -q.
 * warn may be empty.
 */
void cli_warnings(const struct cli_common *c, const struct buf *warn);

#endif
