/*
 * chart.h - charts drawn by gnuplot, with text from the data kept inert.
 *
 * The chart_*_script() functions append a complete gnuplot script to a
 * caller-owned struct buf; chart_render() runs gnuplot on such a script.
 * A tool's --gnuplot option prints the script instead, so users can adapt
 * it.
 *
 * Safety rule: text from the data (titles, labels, legend entries, series
 * and city names) never becomes gnuplot code.  Every string goes into the
 * script as gnuplot single-quoted string literals (chart_quote), inside
 * which gnuplot expands nothing: no backslash escapes, no `command`
 * substitution, no @macro; the only special sequence is '' (one quote),
 * which gnuplot's scanner reads as such only right after a character that
 * is not a quote.  Any other quote (one that starts the string or follows
 * another quote) is written between literals as the double-quoted octal
 * escape "\047" (no quote, backtick or @ in it), joined to them with
 * gnuplot's . operator, so every string scans as one piece of text
 * whatever its quotes.  Control characters (bytes below 0x20, and 0x7f)
 * become spaces so that no string can end a script line, and bytes that
 * are not valid UTF-8 become U+FFFD.  Every terminal is set noenhanced,
 * so _ ^ @ { } show as themselves.  Data blocks (heredocs) hold numbers
 * only, so no string can end one early.  Labels that gnuplot reads as a
 * format (explicit tic labels) have each % doubled.
 *
 * Fonts: the terminal font is chart_font(): the CHART_FONT environment
 * variable when it is set and not empty, else a font family that
 * fontconfig lists for Chinese (fc-list :lang=zh), else "Sans".  So city
 * and district names in Chinese render.
 */
#ifndef CHART_H
#define CHART_H

#include <stddef.h>

#include "core/util.h"

/*
 * The gnuplot terminal for the output file outfile, chosen by its
 * extension (case does not matter): .png -> "pngcairo", .svg -> "svg",
 * .pdf -> "pdfcairo".  Stores a static string (owned by this module) in
 * *term and returns 0.  Any other name returns -1 with *e set (ERR_USAGE):
 * --chart FILE must end in .png, .svg or .pdf: "x.gif"; so does a name
 * holding control characters (--chart FILE must not hold control
 * characters: "...").  Tools call it on --chart before doing any work, so
 * a bad name fails early.  The scripts write a name that starts with | or
 * ~ as ./NAME, so gnuplot neither pipes into a command nor expands it.
 */
int chart_terminal(const char *outfile, const char **term, struct err *e);

/*
 * The font family the scripts use.  CHART_FONT (environment), when set and
 * not empty, wins and is read on every call.  Otherwise the first call
 * runs fc-list once (fontconfig) to find a family that covers Chinese,
 * preferring well-known CJK families (Noto Sans CJK SC, Source Han Sans,
 * WenQuanYi, Droid Sans Fallback ...) and else taking the first family in
 * byte order; the answer is kept for the rest of the process.  Without
 * fontconfig, or when it lists no Chinese font, the family is "Sans".
 * The string is owned by this module (or the environment) and stays valid
 * until CHART_FONT changes.  Never fails.
 */
const char *chart_font(void);

/*
 * Append to b the string s as a gnuplot string expression: a single-quoted
 * literal ' + s + ' with each ' doubled, except that a quote at the start
 * of s or right after another quote (which gnuplot 5.4's scanner would
 * take as the literal's end) is written as "\047" instead, with . joining
 * it to the literals either side: P'' -> 'P'''."\047", '' ->
 * "\047"."\047", 'a' -> "\047".'a''', it's -> 'it''s'.  Control bytes
 * (< 0x20, 0x7f) become a space and bytes that are not valid UTF-8 become
 * U+FFFD; valid UTF-8 (Chinese) passes through unchanged.  NULL and ""
 * give ''.  Returns 0, or -1 if out of memory (b then holds part of the
 * expression: callers give up on the whole script).
 */
int chart_quote(struct buf *b, const char *s);

/* One step line (a Kaplan-Meier curve). */
struct chart_series {
	const char *name;     /* legend text (data: quoted safely) */
	const double *x, *y;  /* n points, x ascending; the caller owns them */
	size_t n;
};

/*
 * Append to *script a complete gnuplot script that writes to outfile (the
 * terminal from chart_terminal) a chart of the ns series s[] as step lines
 * (gnuplot "with steps"): each curve starts at (0, 1), stays level until
 * its next x and then drops (or rises) to the next y, and ends at its last
 * point (a caller that wants the curve to go on, to the last censored
 * time, adds a last point with the same y).  The y axis runs from 0 to
 * 1.05, the x axis from 0.  title, xlabel and ylabel (data-safe; NULL or
 * "" leaves that text out) label the chart, and the legend shows each
 * series' name.  With no series the chart is an empty frame saying
 * "no data".  Size: 900 x 600 pixels (svg: the same; pdf: 12.5 x 8.33 in).
 *
 * Every x and y must be finite and x must not decrease, starting at 0 or
 * later; otherwise -1 with *e set (ERR_DATA, naming the series).  A bad
 * outfile gives ERR_USAGE, memory ERR_NOMEM.  Returns 0 on success.  The
 * caller owns script, s and the arrays; on failure script may hold part of
 * a script (callers discard it).
 */
int chart_steps_script(struct buf *script, const char *outfile,
    const char *title, const char *xlabel, const char *ylabel,
    const struct chart_series *s, size_t ns, struct err *e);

/*
 * Append to *script a complete gnuplot script that writes to outfile a
 * chart of Lorenz curves: each of the ns series s[] is a line through
 * its points as given (no point is added: a Lorenz curve's points run
 * from (0, 0) to (1, 1)), drawn over the line of equality from (0, 0) to
 * (1, 1), dashed grey, whose legend text is equality (data-safe; NULL or
 * "" leaves it out of the legend).  Both axes run from 0 to 1 with tics
 * every 0.2, and the plot is square.  The legend, each series' name,
 * stands inside at the top left (the curves lie below the diagonal, so
 * that corner is empty), or outside right with more than 8 series.  A
 * series with no points keeps its legend entry and draws nothing (a
 * group whose curve is undefined).  With no series the chart is an empty
 * frame saying "no data".  Size: 900 x 700 pixels (svg: the same; pdf:
 * 12.5 x 9.72 in).
 *
 * Every x and y must be finite and within [0, 1], and x must not
 * decrease; otherwise -1 with *e set (ERR_DATA, naming the series and
 * the point).  A bad outfile gives ERR_USAGE, memory ERR_NOMEM.  Data
 * are checked before anything is appended.  Returns 0 on success.  The
 * caller owns script, s and the arrays; on failure script may hold part
 * of a script (callers discard it).
 */
int chart_lorenz_script(struct buf *script, const char *outfile,
    const char *title, const char *xlabel, const char *ylabel,
    const char *equality, const struct chart_series *s, size_t ns,
    struct err *e);

/*
 * Append to *script a complete gnuplot script that writes to outfile a
 * horizontal bar chart: bar i is values[i] long and labelled labels[i]
 * (data: quoted safely), for i < n.  The bars are sorted so that the
 * largest value is at the top; equal values keep the given order (the
 * earlier one higher).  Each bar's value is printed at its end (whole
 * numbers as they are, others to 4 significant digits).  Bars start at 0,
 * so negative values point left.  NaN values are left out: no bar, no
 * label, and no mention anywhere in the chart (callers that must not lose
 * them silently report them themselves).  With no bar left the chart is an
 * empty frame saying "no data".  Size: 900 pixels wide, 120 + 32 per bar
 * high (at least 300, at most 16000); pdf: the same / 72 in inches.
 *
 * An infinite value returns -1 with *e set (ERR_DATA, naming its label); a
 * bad outfile gives ERR_USAGE, memory ERR_NOMEM.  Returns 0 on success.
 * The caller owns script, labels and values; on failure script may hold
 * part of a script.
 */
int chart_bars_script(struct buf *script, const char *outfile,
    const char *title, const char *xlabel, const char *const *labels,
    const double *values, size_t n, struct err *e);

/*
 * Append to *script a complete gnuplot script that writes to outfile a
 * chart of horizontal stacked bars: one bar for each unit i < n, labelled
 * labels[i] (data: quoted safely), made of ns segments, where segment j is
 * values[i * ns + j] long and coloured as series j, whose name series[j]
 * (data: quoted safely) the legend right of the chart shows.  The bars keep
 * the given order, the first at the top (callers sort).  Segments are laid
 * end to end from 0 in series order: positive ones rightwards, negative
 * ones leftwards (each sign its own stack, as ggplot2 stacks them).  Each
 * bar's total (the sum of its values, printed as chart_bars_script prints
 * a value) stands past the end of its positive stack, or past the end of
 * its negative stack when the total is below 0.  A NaN value is a segment
 * of no length: not drawn, left out of the total; a unit whose values are
 * all NaN keeps its row and label but has no bar and no total.  When no
 * value at all is left (n or ns is 0, or every value is NaN) the chart is
 * an empty frame saying "no data".  labels and series may be NULL (empty
 * texts), as may a single entry.  Colours cycle after 8 series.  Size: 900
 * pixels wide, 120 + 32 per unit high, or 120 + 20 per series when that is
 * more (at least 300, at most 16000); pdf: the same / 72 in inches.
 *
 * An infinite value returns -1 with *e set (ERR_DATA): bar "LABEL":
 * series "NAME": the value is not finite: "inf" (or "-inf"); a bar whose
 * positive or negative segments add up past the largest double gives
 * ERR_DATA: bar "LABEL": the segments add up to a number too large to
 * draw.  values NULL while n and ns are not 0 gives ERR_USAGE (no values
 * given), as does n * ns beyond SIZE_MAX; a bad outfile gives ERR_USAGE,
 * memory ERR_NOMEM.  Data are checked before anything is appended.
 * Returns 0 on success.  The caller owns script, labels, series and
 * values; on failure script may hold part of a script (callers discard
 * it).
 */
int chart_stacked_script(struct buf *script, const char *outfile,
    const char *title, const char *xlabel, const char *const *labels,
    size_t n, const char *const *series, size_t ns, const double *values,
    struct err *e);

/*
 * Append to *script a complete gnuplot script that writes to outfile an
 * uncertainty chart of ranks: one row for each unit i < n, labelled
 * labels[i] (data: quoted safely), in the given order with the first at
 * the top, showing a point at mid[i] (say the median rank) and a
 * horizontal whisker from lo[i] to hi[i] (say the 5th to 95th percentile
 * rank).  The x axis runs left to right from the smaller of 1 and the
 * least lo, to the largest hi, with half a rank of room either side, so
 * rank 1 is at the left; when that range spans 15 or less every whole
 * rank gets a tic.  Units whose mid is NaN are left out (no row, no
 * label; their lo and hi are not looked at).  With no row left the chart
 * is an empty frame saying "no data".  labels may be NULL (empty texts),
 * as may a single entry.  Size: as chart_bars_script, by the rows drawn.
 *
 * For every unit drawn, lo, mid and hi must be finite and lo <= mid <= hi;
 * otherwise -1 with *e set (ERR_DATA): whisker "LABEL": a value is not
 * finite: lo L, mid M, hi H, or whisker "LABEL": need lo <= mid <= hi: lo
 * L, mid M, hi H (numbers as the shortest text that reads back as the
 * same number, num.h's fmt_shortest).  mid, lo or hi NULL while n is not 0 gives
 * ERR_USAGE (no values given); a bad outfile gives ERR_USAGE, memory
 * ERR_NOMEM.  Data are checked before anything is appended.  Returns 0 on
 * success.  The caller owns script, labels and the arrays; on failure
 * script may hold part of a script (callers discard it).
 */
int chart_whiskers_script(struct buf *script, const char *outfile,
    const char *title, const char *xlabel, const char *const *labels,
    const double *mid, const double *lo, const double *hi, size_t n,
    struct err *e);

/*
 * Run gnuplot with script (script->len bytes; not changed) on its standard
 * input and wait for it.  The program is the GNUPLOT environment variable
 * when set and not empty (a path, or a name looked up in PATH; no
 * arguments, no shell), else "gnuplot".  Nothing from the script or the
 * data reaches a shell.  gnuplot's standard output goes to /dev/null (so
 * a chart can never spill into the tool's CSV output) and its standard
 * error is read: on failure the message quotes its first error line.
 * outfile is the file the script writes (NULL: not checked).
 *
 * Returns 0 when gnuplot exits with status 0, read the whole script, and
 * outfile exists and (if a regular file) is not empty.  Otherwise -1 with
 * *e set (ERR_IO): "gnuplot not found: install gnuplot or set GNUPLOT"
 * (with GNUPLOT="..." after the colon when GNUPLOT named it), "cannot run
 * gnuplot "PATH": REASON", "gnuplot failed (exit status N): LINE" or
 * "(killed by signal N)", where LINE is its first error line ("line N:
 * ...") or else the first line it printed; "gnuplot wrote no chart to
 * "FILE"" or "gnuplot wrote an empty chart to "FILE"".  ERR_NOMEM when
 * memory runs out.  SIGPIPE is ignored while the script is written, then
 * restored.  The caller keeps ownership of script and outfile.
 */
int chart_render(const struct buf *script, const char *outfile,
    struct err *e);

#endif
