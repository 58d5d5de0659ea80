/*
 * chart.c - gnuplot scripts for the charts, and running gnuplot.
 *
 * A script is built from shared pieces that later charts reuse:
 *   script_head()   encoding, terminal (by extension), font, size, output
 *   quote_str()     a data string as inert single-quoted literals
 *   put_num()       a number as gnuplot reads it ("%.17g", C notation)
 *   put_block()     a numeric data block ($name << EOD ... EOD)
 *   put_no_data()   the empty frame drawn when nothing is left to show
 *   put_linetypes() the line colours, cycling
 *   put_row_tics()  one labelled row per unit, the first at the top
 *   put_nums()      one data line of numbers
 * and gnuplot runs through run_child() (posix_spawnp, no shell), which also
 * asks fontconfig for a Chinese font.  See chart.h for the safety rules.
 */
#include "core/chart.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/num.h"

extern char **environ;

/* Pixel sizes; pdf gets the same / 72 in inches, so text looks alike. */
#define STEPS_W 900
#define STEPS_H 600
#define LORENZ_W 900
#define LORENZ_H 700
#define BARS_W 900
#define BARS_H0 120     /* title, axis and margins */
#define BARS_PER 32     /* per bar */
#define BARS_HMIN 300
#define BARS_HMAX 16000
#define STACK_KEY_ROW 20  /* stacked bars: per line of the legend */
#define FONT_SIZE 11
#define TITLE_SIZE 13

/* The colours of successive lines (Paul Tol's "bright" scheme, which
 * colour-blind readers can tell apart), and of bars. */
static const char *const line_colors[] = {
	"#4477aa", "#ee6677", "#228833", "#ccbb44",
	"#66ccee", "#aa3377", "#bbbbbb", "#000000",
};
#define NCOLORS (sizeof line_colors / sizeof line_colors[0])
#define BAR_COLOR "#4477aa"

/* ---- building text ---- */

/* Append printf-style text to b.  0, or -1 if out of memory. */
static int bprintf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
bprintf(struct buf *b, const char *fmt, ...)
{
	va_list ap, aq;
	int n;

	va_start(ap, fmt);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || buf_reserve(b, (size_t)n + 1) < 0) {
		va_end(ap);
		return -1;
	}
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

static int
bputs(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

#define Q_PCT 1  /* double each %: the string is read as a format (tics) */
#define Q_RAW 2  /* a file name: bytes as they are, quotes as below */

/* One quote as a literal of its own: an octal escape in a double-quoted
 * string, which then holds no quote, no backtick and no @. */
#define LONE_QUOTE "\"\\047\""

/*
 * Append s as a gnuplot string expression: single-quoted literals, joined
 * by the concatenation operator . where needed.  Inside a single-quoted
 * literal gnuplot expands nothing (no backslash escapes, no `command`, no
 * @macro) and '' stands for one quote.  But gnuplot's scanner (5.4 and
 * before) reads '' as a quote only right after a character that is not a
 * quote: a '' that starts a literal, or follows another '', ends the
 * literal there and leaves the rest as more tokens, a syntax error (P''
 * written 'P''''' fails).  Such a quote goes between literals as
 * LONE_QUOTE instead: P'' becomes 'P'''."\047", '' becomes "\047"."\047"
 * and 'x' becomes "\047".'x'''.  (Not "'": gnuplot's @macro expander
 * counts every ' to tell what is quoted, and a ' inside "..." would put
 * the text after it outside.)  So every character of s is inside a
 * literal that gnuplot scans as one token, after an odd number of ' on
 * the line.  "" gives ''.  Unless Q_RAW, control bytes become spaces (so
 * the literal stays on its line) and bytes that are not UTF-8 become
 * U+FFFD.
 */
static int
quote_str(struct buf *b, const char *s, int flags)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)u), i, run;
	int open = 0;     /* inside a single-quoted literal */
	int after_q = 0;  /* ... that ends in a doubled quote */
	int any = 0;      /* something appended already */

	if (buf_reserve(b, len + 2) < 0)
		return -1;
	for (i = 0; i < len; i += run) {
		unsigned char c = u[i];
		int r;

		run = 1;
		if (c == '\'' && open && !after_q) {
			after_q = 1;
			if (buf_append(b, "''", 2) < 0)
				return -1;
			continue;
		}
		if (c == '\'') {
			if ((open && buf_append(b, "'", 1) < 0) ||
			    (any && buf_append(b, ".", 1) < 0) ||
			    bputs(b, LONE_QUOTE) < 0)
				return -1;
			open = after_q = 0;
			any = 1;
			continue;
		}
		if (!open && bputs(b, any ? ".'" : "'") < 0)
			return -1;
		open = any = 1;
		after_q = 0;
		if (c == '%' && (flags & Q_PCT))
			r = buf_append(b, "%%", 2);
		else if (flags & Q_RAW)
			r = buf_append(b, (const char *)u + i, 1);
		else if (c < 0x20 || c == 0x7f)
			r = buf_append(b, " ", 1);
		else if (c < 0x80)
			r = buf_append(b, (const char *)u + i, 1);
		else if ((run = utf8_len((const char *)u + i, len - i)) > 0)
			r = buf_append(b, (const char *)u + i, run);
		else {
			run = 1;
			r = buf_append(b, "\xef\xbf\xbd", 3);
		}
		if (r < 0)
			return -1;
	}
	if (open)
		return buf_append(b, "'", 1);
	return any ? 0 : buf_append(b, "''", 2);
}

int
chart_quote(struct buf *b, const char *s)
{
	return quote_str(b, s, 0);
}

/*
 * Append the finite number v as gnuplot reads it: "%.17g", so it comes
 * back exactly.  A decimal comma (should a caller have set LC_NUMERIC) is
 * turned back into a point.
 */
static int
put_num(struct buf *b, double v)
{
	char t[64], *p;

	snprintf(t, sizeof t, "%.17g", v);
	for (p = t; *p; p++)
		if (!strchr("0123456789+-eE", *p))
			*p = '.';
	return bputs(b, t);
}

/*
 * The text printed at a bar's end: whole numbers in full, others to 4
 * significant digits without trailing zeros, very large or very small
 * ones as %.4g.
 */
static void
fmt_value(char *out, size_t cap, double v)
{
	double a = fabs(v);

	if (v == 0) {
		snprintf(out, cap, "0");
	} else if (v == floor(v) && a < 1e15) {
		snprintf(out, cap, "%.0f", v);
	} else if (a >= 1e15 || a < 1e-4) {
		snprintf(out, cap, "%.4g", v);
	} else {
		int dec = 3 - (int)floor(log10(a));
		char *p;

		if (dec < 0)
			dec = 0;
		if (dec > 8)
			dec = 8;
		snprintf(out, cap, "%.*f", dec, v);
		if (strchr(out, '.')) {
			p = out + strlen(out) - 1;
			while (*p == '0')
				*p-- = '\0';
			if (*p == '.')
				*p = '\0';
		}
		if (strcmp(out, "-0") == 0)
			snprintf(out, cap, "0");
	}
	for (; *out; out++)
		if (*out == ',')
			*out = '.';
}

/* ---- running programs ---- */

/* How much of a child's output to keep (the rest is read and dropped). */
#define RUN_KEEP 65536

struct run {
	const char *in;     /* fed to standard input; NULL: /dev/null */
	size_t in_len;
	struct buf *out;    /* standard output kept here; NULL: /dev/null */
	struct buf *err;    /* standard error kept here; NULL: /dev/null */
	int started;        /* the child ran (status is valid if rc == 0) */
	int status;         /* from waitpid() */
	int in_short;       /* the child stopped reading before the end */
	int errnum;         /* errno of the failure when run_child fails */
};

/* A pipe whose two descriptors are >= 3 (never a standard stream, so the
 * child's dup2 cannot clash) and close-on-exec. */
static int
pipe_high(int p[2])
{
	int q[2], k, saved;

	if (pipe(q) < 0)
		return -1;
	p[0] = p[1] = -1;
	for (k = 0; k < 2; k++) {
		p[k] = fcntl(q[k], F_DUPFD_CLOEXEC, 3);
		if (p[k] < 0) {
			saved = errno;
			close(q[0]);
			close(q[1]);
			if (k == 1)
				close(p[0]);
			errno = saved;
			return -1;
		}
	}
	close(q[0]);
	close(q[1]);
	return 0;
}

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Read what is there from *fd into keep (up to RUN_KEEP bytes); close *fd
 * at the end of the stream. */
static void
drain(int *fd, struct buf *keep)
{
	char t[4096];
	ssize_t n = read(*fd, t, sizeof t);

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		close_fd(fd);
		return;
	}
	if (keep->len < RUN_KEEP) {
		size_t k = (size_t)n;
		if (k > RUN_KEEP - keep->len)
			k = RUN_KEEP - keep->len;
		(void)buf_append(keep, t, k); /* out of memory: keep less */
	}
}

/*
 * Run argv[0] (looked up in PATH when it holds no slash) with argv, no
 * shell, feeding r->in to its standard input and keeping its output as
 * r asks, and wait for it.  The child gets SIGPIPE at its default and an
 * empty signal mask.  Returns 0 with r->status set, or -1 with r->errnum
 * set: r->started == 0 means it could not be started (ENOENT: no such
 * program), else talking to it failed (it has been killed and reaped).
 */
static int
run_child(char *const argv[], struct run *r)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, pipeset;
	struct sigaction ign, old;
	int inp[2] = {-1, -1}, outp[2] = {-1, -1}, errp[2] = {-1, -1};
	int rc = -1, fa_ok = 0, at_ok = 0, ign_on = 0, e;
	size_t off = 0;
	pid_t pid = -1;

	r->started = 0;
	r->status = 0;
	r->in_short = 0;
	r->errnum = 0;
	if ((r->in && pipe_high(inp) < 0) || (r->out && pipe_high(outp) < 0) ||
	    (r->err && pipe_high(errp) < 0)) {
		r->errnum = errno;
		goto out;
	}
	if ((e = posix_spawn_file_actions_init(&fa)) != 0) {
		r->errnum = e;
		goto out;
	}
	fa_ok = 1;
	if ((e = posix_spawnattr_init(&at)) != 0) {
		r->errnum = e;
		goto out;
	}
	at_ok = 1;
	sigemptyset(&none);
	sigemptyset(&pipeset);
	sigaddset(&pipeset, SIGPIPE);
	if ((e = (r->in ? posix_spawn_file_actions_adddup2(&fa, inp[0], 0)
	    : posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY,
	    0))) != 0 ||
	    (e = (r->out ? posix_spawn_file_actions_adddup2(&fa, outp[1], 1)
	    : posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY,
	    0))) != 0 ||
	    (e = (r->err ? posix_spawn_file_actions_adddup2(&fa, errp[1], 2)
	    : posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY,
	    0))) != 0 ||
	    (e = posix_spawnattr_setsigdefault(&at, &pipeset)) != 0 ||
	    (e = posix_spawnattr_setsigmask(&at, &none)) != 0 ||
	    (e = posix_spawnattr_setflags(&at,
	    POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)) != 0) {
		r->errnum = e;
		goto out;
	}
	if ((e = posix_spawnp(&pid, argv[0], &fa, &at, argv, environ)) != 0) {
		r->errnum = e;
		goto out;
	}
	r->started = 1;
	close_fd(&inp[0]);
	close_fd(&outp[1]);
	close_fd(&errp[1]);

	/* A child that stops reading must not kill us with SIGPIPE. */
	if (r->in) {
		memset(&ign, 0, sizeof ign);
		ign.sa_handler = SIG_IGN;
		sigemptyset(&ign.sa_mask);
		if (sigaction(SIGPIPE, &ign, &old) < 0 ||
		    fcntl(inp[1], F_SETFL, fcntl(inp[1], F_GETFL) | O_NONBLOCK)
		    < 0) {
			r->errnum = errno;
			goto kill;
		}
		ign_on = 1;
		if (r->in_len == 0)
			close_fd(&inp[1]);
	}
	while (inp[1] >= 0 || outp[0] >= 0 || errp[0] >= 0) {
		struct pollfd pf[3];

		pf[0].fd = inp[1];
		pf[0].events = POLLOUT;
		pf[1].fd = outp[0];
		pf[1].events = POLLIN;
		pf[2].fd = errp[0];
		pf[2].events = POLLIN;
		pf[0].revents = pf[1].revents = pf[2].revents = 0;
		if (poll(pf, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			r->errnum = errno;
			goto kill;
		}
		if (inp[1] >= 0 && pf[0].revents) {
			size_t k = r->in_len - off;
			ssize_t n;

			if (k > PIPE_BUF)
				k = PIPE_BUF;
			n = write(inp[1], r->in + off, k);
			if (n > 0)
				off += (size_t)n;
			else if (n < 0 && errno != EINTR && errno != EAGAIN) {
				/* EPIPE and the like: it stopped reading. */
				r->in_short = 1;
				close_fd(&inp[1]);
			}
			if (inp[1] >= 0 && off == r->in_len)
				close_fd(&inp[1]);
		}
		if (outp[0] >= 0 && pf[1].revents)
			drain(&outp[0], r->out);
		if (errp[0] >= 0 && pf[2].revents)
			drain(&errp[0], r->err);
	}
	rc = 0;
	goto wait;
kill:
	kill(pid, SIGKILL);
wait:
	while (waitpid(pid, &r->status, 0) < 0) {
		if (errno != EINTR) {
			if (rc == 0)
				r->errnum = errno;
			rc = -1;
			break;
		}
	}
out:
	if (ign_on)
		sigaction(SIGPIPE, &old, NULL);
	if (fa_ok)
		posix_spawn_file_actions_destroy(&fa);
	if (at_ok)
		posix_spawnattr_destroy(&at);
	close_fd(&inp[0]);
	close_fd(&inp[1]);
	close_fd(&outp[0]);
	close_fd(&outp[1]);
	close_fd(&errp[0]);
	close_fd(&errp[1]);
	return rc;
}

/* ---- terminal and font ---- */

int
chart_terminal(const char *outfile, const char **term, struct err *e)
{
	static const struct { const char *ext, *term; } map[] = {
		{".png", "pngcairo"}, {".svg", "svg"}, {".pdf", "pdfcairo"},
	};
	char q[128];
	size_t len, i, k;
	const unsigned char *p;

	if (outfile == NULL)
		outfile = "";
	len = strlen(outfile);
	for (p = (const unsigned char *)outfile; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return errf(e, ERR_USAGE, "--chart FILE must not hold "
			    "control characters: %s",
			    quote_value(q, sizeof q, outfile, len));
	for (i = 0; len > 4 && i < sizeof map / sizeof map[0]; i++) {
		for (k = 0; k < 4; k++) {
			char c = outfile[len - 4 + k];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != map[i].ext[k])
				break;
		}
		if (k == 4) {
			*term = map[i].term;
			return 0;
		}
	}
	return errf(e, ERR_USAGE,
	    "--chart FILE must end in .png, .svg or .pdf: %s",
	    quote_value(q, sizeof q, outfile, len));
}

/* Families to prefer, best first, when fontconfig lists several. */
static const char *const cjk_fonts[] = {
	"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
	"Source Han Sans CN", "Noto Sans CJK", "WenQuanYi Micro Hei",
	"WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL UMing CN",
	"AR PL UKai CN",
};

static char font_found[128];
static int font_done;

/* Pick the family from fc-list's lines (one family a line). */
static void
pick_font(char *list, size_t len)
{
	const char *best = NULL;
	size_t rank = (size_t)-1, k;
	char *line, *end;

	for (line = list; line < list + len; line = end + 1) {
		const char *c;
		int ok = 1;

		end = memchr(line, '\n', (size_t)(list + len - line));
		if (end == NULL)
			end = list + len;
		*end = '\0';
		for (c = line; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == ',' || *c == '\'')
				ok = 0;
		if (!ok || line[0] == '\0' ||
		    strlen(line) >= sizeof font_found)
			continue;
		for (k = 0; k < sizeof cjk_fonts / sizeof cjk_fonts[0]; k++)
			if (strcmp(line, cjk_fonts[k]) == 0)
				break;
		/* Known families by preference, then the rest in byte order:
		 * the same fonts give the same choice whatever fc-list's
		 * order. */
		if (best == NULL || k < rank ||
		    (k == rank && strcmp(line, best) < 0)) {
			best = line;
			rank = k;
		}
	}
	if (best)
		snprintf(font_found, sizeof font_found, "%s", best);
}

const char *
chart_font(void)
{
	const char *env = getenv("CHART_FONT");

	if (env && *env)
		return env;
	if (!font_done) {
		static char fmt[] = "%{family[0]}\n";
		static char prog[] = "fc-list", f[] = "-f", lang[] = ":lang=zh";
		char *argv[] = {prog, f, fmt, lang, NULL};
		struct buf out = {0};
		struct run r = {0};

		font_done = 1;
		snprintf(font_found, sizeof font_found, "Sans");
		r.out = &out;
		if (run_child(argv, &r) == 0 && WIFEXITED(r.status) &&
		    WEXITSTATUS(r.status) == 0 && out.len > 0)
			pick_font(out.data, out.len);
		free(out.data);
	}
	return font_found;
}

/* ---- shared script pieces ---- */

/*
 * The start of every script: UTF-8, the terminal for outfile's extension
 * at w x h pixels (pdf: inches at 72 pixels an inch) with the Chinese-
 * capable font and no enhanced text, the output file, and the plain style
 * the charts share.
 */
static int
script_head(struct buf *b, const char *outfile, int w, int h,
    struct err *e)
{
	const char *term;
	struct buf tmp = {0};
	int r;

	if (chart_terminal(outfile, &term, e) < 0)
		return -1;
	if (bprintf(&tmp, "%s,%d", chart_font(), FONT_SIZE) < 0)
		goto nomem;
	r = bprintf(b, "set encoding utf8\nset terminal %s size ", term);
	if (r == 0 && strcmp(term, "pdfcairo") == 0) {
		char t[64], *p;

		snprintf(t, sizeof t, "%.2fin;%.2fin", w / 72.0, h / 72.0);
		for (p = t; *p; p++)
			if (*p == ',')
				*p = '.'; /* a decimal comma */
			else if (*p == ';')
				*p = ',';
		r = bputs(b, t);
	} else if (r == 0)
		r = bprintf(b, "%d,%d", w, h);
	if (r < 0 || bputs(b, " noenhanced font ") < 0 ||
	    quote_str(b, tmp.data, 0) < 0 ||
	    bputs(b, " background '#ffffff'\nset output ") < 0)
		goto nomem;
	/* gnuplot reads an output name starting with | as a command to pipe
	 * into, and expands a leading ~: "./" keeps the name a file name. */
	if (outfile[0] == '|' || outfile[0] == '~') {
		tmp.len = 0;
		if (bprintf(&tmp, "./%s", outfile) < 0 ||
		    quote_str(b, tmp.data, Q_RAW) < 0)
			goto nomem;
	} else if (quote_str(b, outfile, Q_RAW) < 0) {
		goto nomem;
	}
	if (bputs(b, "\nset border 3 lc rgb '#333333'\n"
	    "set tics nomirror out\n") < 0)
		goto nomem;
	free(tmp.data);
	return 0;
nomem:
	free(tmp.data);
	return err_nomem(e);
}

/* set NAME 'text' (data-safe); nothing when text is NULL or empty. */
static int
put_text(struct buf *b, const char *what, const char *text,
    const char *extra)
{
	if (text == NULL || text[0] == '\0')
		return 0;
	if (bprintf(b, "set %s ", what) < 0 || quote_str(b, text, 0) < 0 ||
	    bputs(b, extra) < 0 || bputs(b, "\n") < 0)
		return -1;
	return 0;
}

/* The chart's title and axis labels. */
static int
put_labels(struct buf *b, const char *title, const char *xlabel,
    const char *ylabel)
{
	char big[32];

	snprintf(big, sizeof big, " font ',%d'", TITLE_SIZE);
	if (put_text(b, "title", title, big) < 0 ||
	    put_text(b, "xlabel", xlabel, "") < 0 ||
	    put_text(b, "ylabel", ylabel, "") < 0)
		return -1;
	return 0;
}

/*
 * Start a numeric data block named $name.  Only put_num() output and
 * spaces and newlines follow until end_block(), so no text from the data
 * can reach a line of its own and end the block early.
 */
static int
begin_block(struct buf *b, const char *name)
{
	return bprintf(b, "$%s << EOD\n", name);
}

static int
end_block(struct buf *b)
{
	return bputs(b, "EOD\n");
}

/* One data line of two numbers. */
static int
put_pair(struct buf *b, double x, double y)
{
	if (put_num(b, x) < 0 || bputs(b, " ") < 0 || put_num(b, y) < 0 ||
	    bputs(b, "\n") < 0)
		return -1;
	return 0;
}

/* An empty frame that says so, for a chart with nothing to draw. */
static int
put_no_data(struct buf *b)
{
	return bputs(b, "unset xtics\nunset ytics\nunset grid\n"
	    "set label 1 'no data' at graph 0.5, graph 0.5 center\n"
	    "plot NaN notitle\n");
}

/* The line colours as linetypes 1..NCOLORS, cycling. */
static int
put_linetypes(struct buf *b)
{
	size_t k;

	for (k = 0; k < NCOLORS; k++)
		if (bprintf(b, "set linetype %zu lc rgb '%s' lw 2\n", k + 1,
		    line_colors[k]) < 0)
			return -1;
	return bprintf(b, "set linetype cycle %zu\n", NCOLORS);
}

/* ---- step lines ---- */

/* Check one series' points; -1 with *e set (ERR_DATA) if they are bad. */
static int
check_series(const struct chart_series *s, struct err *e)
{
	char q[128];
	size_t i;

	quote_value(q, sizeof q, s->name ? s->name : "",
	    s->name ? strlen(s->name) : 0);
	if (s->n > 0 && (s->x == NULL || s->y == NULL))
		return errf(e, ERR_USAGE, "series %s: no points given", q);
	for (i = 0; i < s->n; i++) {
		if (!isfinite(s->x[i]) || !isfinite(s->y[i]))
			return errf(e, ERR_DATA, "series %s: point %zu is "
			    "not a finite number: (%g, %g)", q, i + 1,
			    s->x[i], s->y[i]);
		if (s->x[i] < 0)
			return errf(e, ERR_DATA, "series %s: point %zu: x is "
			    "below 0: %.17g", q, i + 1, s->x[i]);
		if (i > 0 && s->x[i] < s->x[i - 1])
			return errf(e, ERR_DATA, "series %s: point %zu: x "
			    "goes down from %.17g to %.17g", q, i + 1,
			    s->x[i - 1], s->x[i]);
	}
	return 0;
}

int
chart_steps_script(struct buf *script, const char *outfile,
    const char *title, const char *xlabel, const char *ylabel,
    const struct chart_series *s, size_t ns, struct err *e)
{
	struct buf *b = script;
	double xmax = 0;
	size_t i, k;
	char name[32];

	if (ns > 0 && s == NULL)
		return errf(e, ERR_USAGE, "no series given");
	for (i = 0; i < ns; i++) {
		if (check_series(&s[i], e) < 0)
			return -1;
		if (s[i].n > 0 && s[i].x[s[i].n - 1] > xmax)
			xmax = s[i].x[s[i].n - 1];
	}
	if (script_head(b, outfile, STEPS_W, STEPS_H, e) < 0)
		return -1;
	if (put_labels(b, title, xlabel, ylabel) < 0 ||
	    bputs(b, "set grid back lc rgb '#e5e5e5'\n") < 0 ||
	    bputs(b, xmax > 0 ? "set xrange [0:*]\n" :
	    "set xrange [0:1]\n") < 0 ||
	    bputs(b, "set yrange [0:1.05]\nset ytics 0, 0.2, 1\n") < 0 ||
	    bputs(b, ns > 8 ? "set key outside right top\n" :
	    "set key inside right top\n") < 0)
		return err_nomem(e);
	if (put_linetypes(b) < 0)
		return err_nomem(e);
	if (ns == 0)
		return put_no_data(b) < 0 ? err_nomem(e) : 0;
	for (i = 0; i < ns; i++) {
		snprintf(name, sizeof name, "s%zu", i + 1);
		if (begin_block(b, name) < 0 || put_pair(b, 0, 1) < 0)
			return err_nomem(e);
		for (k = 0; k < s[i].n; k++)
			if (put_pair(b, s[i].x[k], s[i].y[k]) < 0)
				return err_nomem(e);
		if (end_block(b) < 0)
			return err_nomem(e);
	}
	for (i = 0; i < ns; i++) {
		if (bprintf(b, "%s$s%zu using 1:2 with steps lt %zu title ",
		    i == 0 ? "plot " : ", \\\n     ", i + 1,
		    i % NCOLORS + 1) < 0 || quote_str(b, s[i].name, 0) < 0)
			return err_nomem(e);
	}
	return bputs(b, "\n") < 0 ? err_nomem(e) : 0;
}

/* ---- Lorenz curves ---- */

static const char *num_text(char *t, size_t cap, double v);

/* Check one Lorenz curve's points: finite, in the unit square, x not
 * decreasing; -1 with *e set (ERR_DATA) if they are bad. */
static int
check_lorenz(const struct chart_series *s, struct err *e)
{
	char q[128], t1[40], t2[40];
	size_t i;

	quote_value(q, sizeof q, s->name ? s->name : "",
	    s->name ? strlen(s->name) : 0);
	if (s->n > 0 && (s->x == NULL || s->y == NULL))
		return errf(e, ERR_USAGE, "series %s: no points given", q);
	for (i = 0; i < s->n; i++) {
		if (!(s->x[i] >= 0 && s->x[i] <= 1 && s->y[i] >= 0 &&
		    s->y[i] <= 1))
			return errf(e, ERR_DATA, "series %s: point %zu is not "
			    "in the unit square: (%s, %s)", q, i + 1,
			    num_text(t1, sizeof t1, s->x[i]),
			    num_text(t2, sizeof t2, s->y[i]));
		if (i > 0 && s->x[i] < s->x[i - 1])
			return errf(e, ERR_DATA, "series %s: point %zu: x "
			    "goes down from %s to %s", q, i + 1,
			    num_text(t1, sizeof t1, s->x[i - 1]),
			    num_text(t2, sizeof t2, s->x[i]));
	}
	return 0;
}

int
chart_lorenz_script(struct buf *script, const char *outfile,
    const char *title, const char *xlabel, const char *ylabel,
    const char *equality, const struct chart_series *s, size_t ns,
    struct err *e)
{
	struct buf *b = script;
	size_t i, k;
	char name[32];

	if (ns > 0 && s == NULL)
		return errf(e, ERR_USAGE, "no series given");
	for (i = 0; i < ns; i++)
		if (check_lorenz(&s[i], e) < 0)
			return -1;
	if (script_head(b, outfile, LORENZ_W, LORENZ_H, e) < 0)
		return -1;
	if (put_labels(b, title, xlabel, ylabel) < 0 ||
	    bputs(b, "set grid back lc rgb '#e5e5e5'\n"
	    "set size square\n"
	    "set xrange [0:1]\nset yrange [0:1]\n"
	    "set xtics 0, 0.2, 1\nset ytics 0, 0.2, 1\n") < 0 ||
	    bputs(b, ns > 8 ? "set key outside right top\n" :
	    "set key inside left top\n") < 0 ||
	    put_linetypes(b) < 0)
		return err_nomem(e);
	if (ns == 0)
		return put_no_data(b) < 0 ? err_nomem(e) : 0;
	if (begin_block(b, "eq") < 0 || put_pair(b, 0, 0) < 0 ||
	    put_pair(b, 1, 1) < 0 || end_block(b) < 0)
		return err_nomem(e);
	for (i = 0; i < ns; i++) {
		if (s[i].n == 0)
			continue;
		snprintf(name, sizeof name, "s%zu", i + 1);
		if (begin_block(b, name) < 0)
			return err_nomem(e);
		for (k = 0; k < s[i].n; k++)
			if (put_pair(b, s[i].x[k], s[i].y[k]) < 0)
				return err_nomem(e);
		if (end_block(b) < 0)
			return err_nomem(e);
	}
	if (bputs(b, "plot $eq using 1:2 with lines lc rgb '#999999' lw 1 "
	    "dt 2 ") < 0 || (equality && *equality ?
	    (bputs(b, "title ") < 0 || quote_str(b, equality, 0) < 0) :
	    bputs(b, "notitle") < 0))
		return err_nomem(e);
	/* A series without points: its legend entry alone (NaN draws
	 * nothing), so no group goes missing from the chart. */
	for (i = 0; i < ns; i++) {
		if (bputs(b, ", \\\n     ") < 0 ||
		    (s[i].n > 0 ? bprintf(b, "$s%zu using 1:2", i + 1) :
		    bputs(b, "NaN")) < 0 ||
		    bprintf(b, " with lines lt %zu title ", i % NCOLORS + 1) <
		    0 || quote_str(b, s[i].name, 0) < 0)
			return err_nomem(e);
	}
	return bputs(b, "\n") < 0 ? err_nomem(e) : 0;
}

/* ---- horizontal bars ---- */

struct bar {
	double v;
	size_t i; /* the given position, for ties */
};

/* Largest first; equal values in the given order. */
/*
 * The x range of a horizontal bar chart from the bars' extent [lo, hi]
 * (lo <= 0 <= hi), with 15% room past the ends for the value labels, the
 * y range of rows bars, and the zero line when bars point left.  Returns
 * 0, or -1 when out of memory.
 */
static int
put_bar_ranges(struct buf *b, double lo, double hi, size_t rows)
{
	double span = hi - lo, pad;

	if (span == 0) {
		span = 1;
		hi = 1;
	}
	pad = 0.15 * span;
	if (hi > 0 && isfinite(hi + pad))
		hi += pad;
	if (lo < 0 && isfinite(lo - pad))
		lo -= pad;
	if (bputs(b, "set xrange [") < 0 || put_num(b, lo) < 0 ||
	    bputs(b, ":") < 0 || put_num(b, hi) < 0 ||
	    bprintf(b, "]\nset yrange [-0.6:%zu.4]\n", rows - 1) < 0)
		return -1;
	if (lo < 0 && bputs(b, "set yzeroaxis lt 1 lc rgb '#333333'\n") < 0)
		return -1;
	return 0;
}

static int
bar_cmp(const void *pa, const void *pb)
{
	const struct bar *a = pa, *b = pb;

	if (a->v != b->v)
		return a->v > b->v ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

int
chart_bars_script(struct buf *script, const char *outfile,
    const char *title, const char *xlabel, const char *const *labels,
    const double *values, size_t n, struct err *e)
{
	struct buf *b = script;
	struct bar *bar = NULL;
	size_t m = 0, i, k;
	double lo = 0, hi = 0;
	long h;
	char q[128], v[64];
	int rc = -1;

	if (n > 0 && values == NULL)
		return errf(e, ERR_USAGE, "no values given");
	for (i = 0; i < n; i++) {
		const char *l = labels && labels[i] ? labels[i] : "";
		if (isinf(values[i]))
			return errf(e, ERR_DATA, "bar %s: the value is not "
			    "finite: \"%s\"", quote_value(q, sizeof q, l,
			    strlen(l)), values[i] > 0 ? "inf" : "-inf");
	}
	if (n > 0 && (bar = malloc(n * sizeof *bar)) == NULL)
		return err_nomem(e);
	for (i = 0; i < n; i++) {
		if (isnan(values[i]))
			continue; /* left out, as chart.h says */
		bar[m].v = values[i];
		bar[m].i = i;
		m++;
		if (values[i] < lo)
			lo = values[i];
		if (values[i] > hi)
			hi = values[i];
	}
	if (m > 1)
		qsort(bar, m, sizeof *bar, bar_cmp);

	h = BARS_H0 + BARS_PER * (long)(m < 1000 ? m : 1000);
	if (h < BARS_HMIN)
		h = BARS_HMIN;
	if (h > BARS_HMAX)
		h = BARS_HMAX;
	if (script_head(b, outfile, BARS_W, (int)h, e) < 0)
		goto out;
	if (put_labels(b, title, xlabel, NULL) < 0 ||
	    bputs(b, "unset key\nset ytics scale 0\n"
	    "set grid xtics back lc rgb '#e5e5e5'\n"
	    "set style fill solid 1.0 noborder\n") < 0)
		goto nomem;
	if (m == 0) {
		if (bputs(b, "set xrange [0:1]\nset yrange [0:1]\n") < 0 ||
		    put_no_data(b) < 0)
			goto nomem;
		rc = 0;
		goto out;
	}

	/* Room past the longest bars for their values. */
	if (put_bar_ranges(b, lo, hi, m) < 0)
		goto nomem;

	/* Bar k of the sorted list (k = 0 the largest) sits at y = m-1-k. */
	if (bputs(b, "set ytics (") < 0)
		goto nomem;
	for (k = m; k-- > 0;) {
		size_t y = m - 1 - k;
		const char *l = labels ? labels[bar[k].i] : NULL;
		if (bputs(b, y == 0 ? " \\\n  " : ", \\\n  ") < 0 ||
		    quote_str(b, l, Q_PCT) < 0 || bprintf(b, " %zu", y) < 0)
			goto nomem;
	}
	if (bputs(b, ")\n") < 0)
		goto nomem;
	for (k = m; k-- > 0;) {
		size_t y = m - 1 - k;
		int neg = bar[k].v < 0;
		fmt_value(v, sizeof v, bar[k].v);
		if (bprintf(b, "set label %zu ", y + 1) < 0 ||
		    quote_str(b, v, 0) < 0 || bputs(b, " at ") < 0 ||
		    put_num(b, bar[k].v) < 0 ||
		    bprintf(b, ", %zu %s offset character %s, 0\n", y,
		    neg ? "right" : "left", neg ? "-0.5" : "0.5") < 0)
			goto nomem;
	}
	if (begin_block(b, "bars") < 0)
		goto nomem;
	for (k = m; k-- > 0;)
		if (put_pair(b, (double)(m - 1 - k), bar[k].v) < 0)
			goto nomem;
	if (end_block(b) < 0 ||
	    bputs(b, "plot $bars using 2:1:(0):2:($1-0.35):($1+0.35) "
	    "with boxxyerror lc rgb '" BAR_COLOR "' notitle\n") < 0)
		goto nomem;
	rc = 0;
	goto out;
nomem:
	err_nomem(e);
out:
	free(bar);
	return rc;
}

/* ---- stacked horizontal bars ---- */

/*
 * A number for a message: the shortest text that reads back as v (num.h),
 * so 0.1 shows as 0.1, yet two close numbers never look equal; t holds
 * cap >= 32 bytes.
 */
static const char *
num_text(char *t, size_t cap, double v)
{
	if (fmt_shortest(t, cap, v) == 0)
		t[0] = '\0';
	return t;
}

/* The height of a chart with rows rows, clamped. */
static int
rows_height(size_t rows)
{
	long h = BARS_H0 + BARS_PER * (long)(rows < 1000 ? rows : 1000);

	if (h < BARS_HMIN)
		h = BARS_HMIN;
	if (h > BARS_HMAX)
		h = BARS_HMAX;
	return (int)h;
}

/*
 * set ytics ( 'label' y, ... ) for the rows i < n whose keep[i] is set
 * (keep NULL: all), the first at the top: the kept rows get y = 0, 1, ...
 * from the last up.  labels may be NULL (empty tics).
 */
static int
put_row_tics(struct buf *b, const char *const *labels,
    const unsigned char *keep, size_t n)
{
	size_t i, y = 0;

	if (bputs(b, "set ytics (") < 0)
		return -1;
	for (i = n; i-- > 0;) {
		if (keep && !keep[i])
			continue;
		if (bputs(b, y == 0 ? " \\\n  " : ", \\\n  ") < 0 ||
		    quote_str(b, labels ? labels[i] : NULL, Q_PCT) < 0 ||
		    bprintf(b, " %zu", y) < 0)
			return -1;
		y++;
	}
	return bputs(b, ")\n");
}

/* One data line of k numbers. */
static int
put_nums(struct buf *b, const double *v, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++)
		if ((i > 0 && bputs(b, " ") < 0) || put_num(b, v[i]) < 0)
			return -1;
	return bputs(b, "\n");
}

/* Series j has a segment to draw (a value that is neither NaN nor 0). */
static int
series_drawn(const double *values, size_t n, size_t ns, size_t j)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isnan(values[i * ns + j]) && values[i * ns + j] != 0)
			return 1;
	return 0;
}

int
chart_stacked_script(struct buf *script, const char *outfile,
    const char *title, const char *xlabel, const char *const *labels,
    size_t n, const char *const *series, size_t ns, const double *values,
    struct err *e)
{
	struct buf *b = script;
	double *pos = NULL, *neg = NULL, lo = 0, hi = 0;
	unsigned char *any = NULL;
	size_t i, j, drawn = 0, rows;
	char q[128], q2[128], v[64], name[32];
	int rc = -1, h;

	if (ns > 0 && n > SIZE_MAX / ns)
		return errf(e, ERR_USAGE, "too many values: %zu bars of %zu "
		    "segments", n, ns);
	if (n > 0 && ns > 0 && values == NULL)
		return errf(e, ERR_USAGE, "no values given");
	for (i = 0; i < n; i++)
		for (j = 0; j < ns; j++) {
			const char *l = labels && labels[i] ? labels[i] : "";
			const char *s = series && series[j] ? series[j] : "";
			double x = values[i * ns + j];

			if (isinf(x))
				return errf(e, ERR_DATA, "bar %s: series %s: "
				    "the value is not finite: \"%s\"",
				    quote_value(q, sizeof q, l, strlen(l)),
				    quote_value(q2, sizeof q2, s, strlen(s)),
				    x > 0 ? "inf" : "-inf");
		}
	if (n > 0 && ((pos = calloc(n, sizeof *pos)) == NULL ||
	    (neg = calloc(n, sizeof *neg)) == NULL ||
	    (any = calloc(n, 1)) == NULL))
		goto nomem;
	/* Positive segments stack rightwards from 0, negative ones
	 * leftwards: pos[i] and neg[i] are where each stack ends. */
	for (i = 0; i < n; i++) {
		for (j = 0; j < ns; j++) {
			double x = values[i * ns + j];

			if (isnan(x))
				continue;
			any[i] = 1;
			if (x > 0)
				pos[i] += x;
			else
				neg[i] += x;
		}
		if (!isfinite(pos[i]) || !isfinite(neg[i])) {
			const char *l = labels && labels[i] ? labels[i] : "";
			errf(e, ERR_DATA, "bar %s: the segments add up to a "
			    "number too large to draw", quote_value(q, sizeof q,
			    l, strlen(l)));
			goto out;
		}
		drawn += any[i];
		if (neg[i] < lo)
			lo = neg[i];
		if (pos[i] > hi)
			hi = pos[i];
	}

	/* Tall enough for the rows, and for the legend's lines. */
	rows = drawn > 0 ? n : 0;
	h = rows_height(rows);
	if (rows > 0) {
		long kh = BARS_H0 + STACK_KEY_ROW * (long)(ns < 1000 ? ns :
		    1000);

		if (kh > h)
			h = kh < BARS_HMAX ? (int)kh : BARS_HMAX;
	}
	if (script_head(b, outfile, BARS_W, h, e) < 0)
		goto out;
	if (put_labels(b, title, xlabel, NULL) < 0 ||
	    bputs(b, "set ytics scale 0\n"
	    "set grid xtics back lc rgb '#e5e5e5'\n"
	    "set style fill solid 1.0 border lc rgb '#ffffff'\n") < 0)
		goto nomem;
	if (drawn == 0) {
		if (bputs(b, "unset key\nset xrange [0:1]\nset yrange [0:1]\n")
		    < 0 || put_no_data(b) < 0)
			goto nomem;
		rc = 0;
		goto out;
	}
	if (bputs(b, "set key outside right top vertical Left reverse\n") <
	    0 || put_linetypes(b) < 0)
		goto nomem;

	/* Room past the stacks' ends for the totals. */
	if (put_bar_ranges(b, lo, hi, n) < 0)
		goto nomem;

	/* Bar i sits at y = n-1-i: the first at the top. */
	if (put_row_tics(b, labels, NULL, n) < 0)
		goto nomem;
	for (i = 0; i < n; i++) {
		double t = pos[i] + neg[i];
		int left = t < 0;

		if (!any[i])
			continue; /* no value at all: no total either */
		fmt_value(v, sizeof v, t);
		if (bprintf(b, "set label %zu ", i + 1) < 0 ||
		    quote_str(b, v, 0) < 0 || bputs(b, " at ") < 0 ||
		    put_num(b, left ? neg[i] : pos[i]) < 0 ||
		    bprintf(b, ", %zu %s offset character %s, 0\n", n - 1 - i,
		    left ? "right" : "left", left ? "-0.5" : "0.5") < 0)
			goto nomem;
	}

	/* Segment j of bar i runs from where the stack of its sign has got
	 * to; one block per series, rows "y from to". */
	for (i = 0; i < n; i++)
		pos[i] = neg[i] = 0;
	for (j = 0; j < ns; j++) {
		if (!series_drawn(values, n, ns, j))
			continue;
		snprintf(name, sizeof name, "s%zu", j + 1);
		if (begin_block(b, name) < 0)
			goto nomem;
		for (i = 0; i < n; i++) {
			double x = values[i * ns + j], *end = x > 0 ? pos : neg;
			double from = end[i], row[3];

			if (isnan(x) || x == 0)
				continue;
			end[i] += x;
			row[0] = (double)(n - 1 - i);
			row[1] = x > 0 ? from : end[i];
			row[2] = x > 0 ? end[i] : from;
			if (put_nums(b, row, 3) < 0)
				goto nomem;
		}
		if (end_block(b) < 0)
			goto nomem;
	}
	/* Each series: its boxes, then a legend entry (drawn apart, so a
	 * series with nothing to draw still has one). */
	for (j = 0; j < ns; j++) {
		if (bputs(b, j == 0 ? "plot " : ", \\\n     ") < 0 ||
		    (series_drawn(values, n, ns, j) &&
		    bprintf(b, "$s%zu using 3:1:2:3:($1-0.35):($1+0.35) "
		    "with boxxyerror lt %zu notitle, \\\n     ",
		    j + 1, j % NCOLORS + 1) < 0) ||
		    bprintf(b, "NaN with boxes lt %zu title ",
		    j % NCOLORS + 1) < 0 ||
		    quote_str(b, series ? series[j] : NULL, 0) < 0)
			goto nomem;
	}
	if (bputs(b, "\n") < 0)
		goto nomem;
	rc = 0;
	goto out;
nomem:
	err_nomem(e);
out:
	free(pos);
	free(neg);
	free(any);
	return rc;
}

/* ---- whiskers (uncertainty of ranks) ---- */

int
chart_whiskers_script(struct buf *script, const char *outfile,
    const char *title, const char *xlabel, const char *const *labels,
    const double *mid, const double *lo, const double *hi, size_t n,
    struct err *e)
{
	struct buf *b = script;
	unsigned char *keep = NULL;
	double xmin = 1, xmax = 1, span, pad; /* rank 1 always shown */
	size_t i, m = 0, y;
	char q[128], t1[40], t2[40], t3[40];
	int rc = -1;

	if (n > 0 && (mid == NULL || lo == NULL || hi == NULL))
		return errf(e, ERR_USAGE, "no values given");
	for (i = 0; i < n; i++) {
		const char *l = labels && labels[i] ? labels[i] : "";

		if (isnan(mid[i]))
			continue; /* left out, as chart.h says */
		if (!isfinite(mid[i]) || !isfinite(lo[i]) ||
		    !isfinite(hi[i]))
			return errf(e, ERR_DATA, "whisker %s: a value is not "
			    "finite: lo %s, mid %s, hi %s",
			    quote_value(q, sizeof q, l, strlen(l)),
			    num_text(t1, sizeof t1, lo[i]),
			    num_text(t2, sizeof t2, mid[i]),
			    num_text(t3, sizeof t3, hi[i]));
		if (!(lo[i] <= mid[i] && mid[i] <= hi[i]))
			return errf(e, ERR_DATA, "whisker %s: need lo <= mid "
			    "<= hi: lo %s, mid %s, hi %s",
			    quote_value(q, sizeof q, l, strlen(l)),
			    num_text(t1, sizeof t1, lo[i]),
			    num_text(t2, sizeof t2, mid[i]),
			    num_text(t3, sizeof t3, hi[i]));
	}
	if (n > 0 && (keep = calloc(n, 1)) == NULL)
		return err_nomem(e);
	for (i = 0; i < n; i++) {
		if (isnan(mid[i]))
			continue;
		keep[i] = 1;
		m++;
		if (lo[i] < xmin)
			xmin = lo[i];
		if (hi[i] > xmax)
			xmax = hi[i];
	}

	if (script_head(b, outfile, BARS_W, rows_height(m), e) < 0)
		goto out;
	if (put_labels(b, title, xlabel, NULL) < 0 ||
	    bputs(b, "unset key\nset ytics scale 0\n") < 0)
		goto nomem;
	if (m == 0) {
		if (bputs(b, "set xrange [0:1]\nset yrange [0:1]\n") < 0 ||
		    put_no_data(b) < 0)
			goto nomem;
		rc = 0;
		goto out;
	}

	/* Rank 1 (or a smaller lo) at the left, half a rank of room either
	 * side; whole ranks as tics when the range is short. */
	span = xmax - xmin;
	pad = 0.5;
	if (bputs(b, "set grid xtics ytics back lc rgb '#e5e5e5'\n"
	    "set xrange [") < 0 || put_num(b, xmin - pad) < 0 ||
	    bputs(b, ":") < 0 || put_num(b, xmax + pad) < 0 ||
	    bprintf(b, "]\nset yrange [-0.6:%zu.4]\n", m - 1) < 0 ||
	    (span <= 15 && bputs(b, "set xtics 1\n") < 0))
		goto nomem;

	/* Kept row i sits at y = m-1-k, k its place among the kept. */
	if (put_row_tics(b, labels, keep, n) < 0 || begin_block(b, "w") < 0)
		goto nomem;
	for (i = n, y = 0; i-- > 0;) {
		double row[4];

		if (!keep[i])
			continue;
		row[0] = (double)y++;
		row[1] = mid[i];
		row[2] = lo[i];
		row[3] = hi[i];
		if (put_nums(b, row, 4) < 0)
			goto nomem;
	}
	if (end_block(b) < 0 ||
	    bputs(b, "plot $w using 2:1:3:4 with xerrorbars lc rgb '"
	    BAR_COLOR "' lw 2 pt 7 ps 1.2 notitle\n") < 0)
		goto nomem;
	rc = 0;
	goto out;
nomem:
	err_nomem(e);
out:
	free(keep);
	return rc;
}

/* ---- rendering ---- */

/*
 * The line of gnuplot's standard error worth showing: the first that
 * reads "line N: ..." (its error messages), else the first that is not
 * blank; runs of blanks squeezed, control bytes and bytes that are not
 * UTF-8 dropped, at most about 200 bytes.
 */
static void
error_line(const struct buf *err, char *out, size_t cap)
{
	const char *p = err->data, *end;
	const char *pick = NULL, *pick_end = NULL, *first = NULL,
	    *first_end = NULL;
	size_t o = 0;

	/* gnuplot said nothing: no buffer, and NULL + 0 is undefined. */
	out[0] = '\0';
	if (p == NULL)
		return;
	end = p + err->len;

	while (p && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s = p;

		while (s < le && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++;
		if (s < le && first == NULL) {
			first = s;
			first_end = le;
		}
		if (le - s > 6 && strncmp(s, "line ", 5) == 0 &&
		    s[5] >= '0' && s[5] <= '9') {
			pick = s;
			pick_end = le;
			break;
		}
		p = nl ? nl + 1 : end;
	}
	if (pick == NULL) {
		pick = first;
		pick_end = first_end;
	}
	out[0] = '\0';
	for (p = pick; p && p < pick_end && o + 5 < cap && o < 200;) {
		unsigned char c = (unsigned char)*p;
		size_t n;

		if (c == ' ' || c == '\t' || c == '\r') {
			if (o > 0 && out[o - 1] != ' ')
				out[o++] = ' ';
			p++;
		} else if (c < 0x20 || c == 0x7f) {
			p++;
		} else if (c < 0x80) {
			out[o++] = (char)c;
			p++;
		} else if ((n = utf8_len(p,
		    (size_t)(pick_end - p))) > 0) {
			if (o + n + 5 >= cap)
				break;
			memcpy(out + o, p, n);
			o += n;
			p += n;
		} else {
			p++;
		}
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
}

int
chart_render(const struct buf *script, const char *outfile, struct err *e)
{
	const char *env = getenv("GNUPLOT");
	static char dflt[] = "gnuplot";
	char *prog = env && *env ? (char *)env : dflt;
	char *argv[2];
	struct buf err = {0};
	struct run r = {0};
	struct stat st;
	char line[256], q[128];
	int rc = -1;

	argv[0] = prog;
	argv[1] = NULL;
	r.in = script->data ? script->data : "";
	r.in_len = script->data ? script->len : 0;
	r.err = &err;
	if (run_child(argv, &r) < 0) {
		if (r.started)
			errf(e, ERR_IO, "gnuplot: %s", strerror(r.errnum));
		else if (r.errnum == ENOENT && prog == dflt)
			errf(e, ERR_IO,
			    "gnuplot not found: install gnuplot or set GNUPLOT");
		else if (r.errnum == ENOENT)
			errf(e, ERR_IO, "gnuplot not found: GNUPLOT=%s: "
			    "install gnuplot or set GNUPLOT",
			    quote_value(q, sizeof q, prog, strlen(prog)));
		else if (r.errnum == ENOMEM)
			err_nomem(e);
		else
			errf(e, ERR_IO, "cannot run gnuplot %s: %s",
			    quote_value(q, sizeof q, prog, strlen(prog)),
			    strerror(r.errnum));
		goto out;
	}
	error_line(&err, line, sizeof line);
	if (WIFEXITED(r.status) && WEXITSTATUS(r.status) == 127 &&
	    line[0] == '\0') {
		/* A spawn that reports a missing program this way. */
		errf(e, ERR_IO, "gnuplot not found: install gnuplot or set "
		    "GNUPLOT");
		goto out;
	}
	if (WIFSIGNALED(r.status)) {
		errf(e, ERR_IO, "gnuplot failed (killed by signal %d)%s%s",
		    WTERMSIG(r.status), line[0] ? ": " : "", line);
		goto out;
	}
	if (!WIFEXITED(r.status) || WEXITSTATUS(r.status) != 0) {
		errf(e, ERR_IO, "gnuplot failed (exit status %d)%s%s",
		    WIFEXITED(r.status) ? WEXITSTATUS(r.status) : -1,
		    line[0] ? ": " : "", line);
		goto out;
	}
	if (r.in_short) {
		errf(e, ERR_IO, "gnuplot failed: it stopped reading its "
		    "script%s%s", line[0] ? ": " : "", line);
		goto out;
	}
	if (outfile) {
		if (stat(outfile, &st) < 0) {
			errf(e, ERR_IO, "gnuplot wrote no chart to %s",
			    quote_value(q, sizeof q, outfile, strlen(outfile)));
			goto out;
		}
		if (S_ISREG(st.st_mode) && st.st_size == 0) {
			errf(e, ERR_IO, "gnuplot wrote an empty chart to %s",
			    quote_value(q, sizeof q, outfile, strlen(outfile)));
			goto out;
		}
	}
	rc = 0;
out:
	free(err.data);
	return rc;
}
