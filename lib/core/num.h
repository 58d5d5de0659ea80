/*
 * num.h - numbers in and out of CSV fields, decided on purpose.
 *
 * In: numbers are read in the C locale whatever the environment says.
 * Empty, NA, nan and inf are told apart from a number and from garbage,
 * so that a caller can choose what each means instead of getting 0 by
 * accident.
 *
 * Out: one format for every number a tool writes (fmt_num; csvw_num in
 * csvio.h writes it as a field).  A missing value (NaN) is an empty
 * field, so no "nan" reaches a table; -0, and a negative that rounds to
 * zero at the precision asked, is written 0; and a number is either the
 * shortest text that reads back as exactly that double or a fixed count
 * of decimals.
 *
 * Nothing here allocates; the caller owns every buffer.
 */
#ifndef NUM_H
#define NUM_H

#include <stddef.h>

enum num_status {
	NUM_OK = 0,  /* a finite number */
	NUM_EMPTY,   /* "" or only blanks */
	NUM_NA,      /* NA, N/A, NULL, null (any case) */
	NUM_NAN,     /* nan */
	NUM_INF,     /* inf, infinity, with a sign */
	NUM_BAD      /* anything else: garbage, trailing text, overflow */
};

/*
 * Parse the len bytes at s as a decimal number (leading and trailing blanks
 * allowed; hexadecimal floats refused).  Stores the value in *out only for
 * NUM_OK (and +-infinity for NUM_INF, NaN for NUM_NAN).  The bytes need not
 * be NUL-terminated.
 */
enum num_status parse_num(const char *s, size_t len, double *out);

/* A short English phrase for a non-OK status: "is empty", "is not a number"... */
const char *num_status_text(enum num_status st);

/*
 * Write into buf (cap >= 32) the shortest "%.*g" text that reads back as
 * exactly x, and return its length (0 if it does not fit).  Precisely:
 * the text of "%.15g" if that reads back as x, else of "%.16g" if that
 * does, else of "%.17g" (in the C locale), at most 24 bytes.
 */
size_t fmt_shortest(char *buf, size_t cap, double x);

/* fmt_num's precision for the shortest round-trip text. */
#define NUM_SHORTEST (-1)

/* The buffer fmt_num needs: every digit of the largest double with 17
 * decimals, a sign and the NUL. */
#define NUM_BUF 352

/*
 * Write x into buf (NUM_BUF bytes) in the one number format and return
 * the length: NaN gives "" (length 0); otherwise, with decimals ==
 * NUM_SHORTEST, the shortest text that reads back as x (fmt_shortest),
 * else exactly decimals digits after the point ("%.*f", decimals from 0
 * to 17; more are taken as 17), with trim set dropping trailing zeros
 * after the point and then a bare point ("2.500000" -> "2.5", "3.000000"
 * -> "3").  A result that is zero is written without a sign ("-0",
 * "-0.000" -> "0", "0.000").  Infinities are written "inf" and "-inf";
 * callers that must not print them check first.
 */
size_t fmt_num(char *buf, double x, int decimals, int trim);

#endif
