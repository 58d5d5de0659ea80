/*
 * csv.c - the CSV reader (lib/core/csvio): csvr_open on a file, every
 * record through csvr_next and csvr_check_width.
 *
 * Input: byte 0 picks the delimiter (',' '\t' ';' '|', or any byte other
 * than '"', CR and LF), byte 1 the encoding (as is, utf-8, gb18030, gbk,
 * latin1), the rest is the file.  Checks beside the sanitizers: every
 * record starts on a later physical line than the one before, no line
 * is past the count of line ends in the file plus one, and every field is
 * NUL-terminated at its length.  FUZZ_LAX_LINES=1 in the environment
 * turns the line checks off for inputs with a bare CR, to fuzz on past
 * issue 12's item 8 (bare CR line numbers) while it is open.
 */
#include "fuzz.h"

#include "core/csvio.h"

static const char *const encodings[] = { NULL, "utf-8", "gb18030", "gbk",
	"latin1" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned b0 = fuzz_byte(&data, &size);
	unsigned b1 = fuzz_byte(&data, &size);
	struct csv_opts o;
	struct csvr *r = NULL;
	struct csv_record *rec;
	struct err e;
	long prev, maxline = 1;
	int lax = 0;
	const char *path;
	int st;

	switch (b0 & 7) {
	case 0: case 1: case 2: o.delim = ','; break;
	case 3: o.delim = '\t'; break;
	case 4: o.delim = ';'; break;
	case 5: o.delim = '|'; break;
	default:
		o.delim = (unsigned char)(b0 >> 3);
		if (o.delim == '"' || o.delim == '\r' || o.delim == '\n' ||
		    o.delim == 0)
			o.delim = ',';
	}
	o.encoding = encodings[b1 % (sizeof encodings / sizeof *encodings)];
	/* CR, LF and CRLF each end one physical line. */
	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n') {
			maxline++;
		} else if (data[i] == '\r' && (i + 1 == size ||
		    data[i + 1] != '\n')) {
			maxline++;
			lax = getenv("FUZZ_LAX_LINES") != NULL;
		}
	path = fuzz_file(0, data, size, ".csv");
	if (csvr_open(&r, path, &o, &e) < 0) {
		csvr_close(r);
		return 0;
	}
	prev = csvr_header(r)->line;
	while ((st = csvr_next(r, &rec, &e)) == 1) {
		if (!lax && rec->line <= prev)
			FUZZ_FAIL("record on line %ld after one on line %ld",
			    rec->line, prev);
		/* A converted file's line ends are the converted bytes'; the
		 * bound holds for input read as is. */
		if (!lax && o.encoding == NULL && rec->line > maxline)
			FUZZ_FAIL("record on line %ld of a file of %ld lines",
			    rec->line, maxline);
		for (size_t i = 0; i < rec->nfields; i++)
			if (rec->field[i][rec->len[i]] != '\0')
				FUZZ_FAIL("field %zu not NUL-terminated", i);
		prev = rec->line;
		(void)csvr_check_width(r, rec, &e);
	}
	csvr_close(r);
	return 0;
}
