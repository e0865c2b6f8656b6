/*
 * test_common.c
 *		Unit tests of the common plain-C layer (src/common.c,
 *		src/common_calendar.c, src/common_codec.c): details cut between
 *		characters (UTF-8, or the encoding the server's hook follows), the
 *		number grammar and its conversion against strtod, the shortest double
 *		formatter, the proleptic Gregorian calendar and cs_calendar_add
 *		against a reference written apart, the text form of times, the
 *		key=value forms of the summaries and the codecs driven by a type's
 *		descriptor on small test structs, and the wire form of rows.
 *
 * Prints TAP.  Built by test/Makefile with AddressSanitizer and UBSan.  The
 * random parts use a fixed seed; set CS_TEST_SEED to vary it and
 * CS_TEST_ROUNDS to change how many random values are tried.
 */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "tap.h"
#include "unit.h"

/* Give a random integer in [lo, hi]. */
static int64_t
rnd_range(int64_t lo, int64_t hi)
{
	return lo + (int64_t) (next_random() % (uint64_t) (hi - lo + 1));
}

/* Say whether two doubles have the same bits (so -0 differs from +0). */
/* Quote a string for a test name: escapes control and non-ASCII bytes. */
static const char *
q(const char *s)
{
	static char bufs[4][160];
	static int	which = 0;
	char	   *b = bufs[which++ % 4];
	size_t		n = 0;

	b[n++] = '"';
	for (; *s && n < sizeof(bufs[0]) - 8; s++)
	{
		unsigned char c = (unsigned char) *s;

		if (c < 0x20 || c >= 0x7f)
			n += (size_t) sprintf(b + n, "\\x%02x", c);
		else
			b[n++] = (char) c;
	}
	if (*s)
		n += (size_t) sprintf(b + n, "...");
	b[n++] = '"';
	b[n] = '\0';
	return b;
}

/* Name a status for diagnostics. */
/* ------------------------------------------------------------------------
 * cs_error and cs_all_zero
 */

/* Check the detail-buffer helper and the zero test. */
static void
test_error_helpers(void)
{
	char		buf[16];
	char	   *small = malloc(4);
	uint8_t		z[9] = {0};

	ok(cs_error(NULL, 0, CS_ERR_RANGE, "x %d", 1) == CS_ERR_RANGE,
	   "cs_error accepts a NULL buffer and gives its status back");
	ok(cs_error(buf, sizeof(buf), CS_ERR_SYNTAX, "The %s at %d.", "text", 7) == CS_ERR_SYNTAX &&
	   strcmp(buf, "The text at 7.") == 0, "cs_error writes the detail sentence");
	memset(small, 'x', 4);
	cs_error(small, 4, CS_ERR_SYNTAX, "a long sentence");
	ok(memcmp(small, "a l", 4) == 0, "cs_error cuts the detail to the buffer and terminates it");
	free(small);
	ok(cs_all_zero(z, sizeof(z)) && cs_all_zero(z, 0), "cs_all_zero of zero bytes");
	z[8] = 1;
	ok(!cs_all_zero(z, sizeof(z)) && cs_all_zero(z, 8), "cs_all_zero sees the last byte only when asked");
	ok(cs_is_space(' ') && cs_is_space('\t') && cs_is_space('\v') && !cs_is_space('\0') &&
	   !cs_is_space((char) 0xA0) && cs_is_digit('0') && !cs_is_digit('a') &&
	   cs_is_alpha('Z') && !cs_is_alpha('_') && strcmp(cs_skip_space(" \t\nx"), "x") == 0,
	   "the character classes are the C locale's");
}

/* Clip as an encoding of two bytes a character would (the hook's test). */
static size_t
clip_pairs(const char *s, size_t limit)
{
	size_t		n = 0;

	while (n + 2 <= limit && s[n] != '\0' && s[n + 1] != '\0')
		n += 2;
	return n;
}

/* Check cs_clip_len: UTF-8 by default, the hook's encoding when set. */
static void
test_clip_len(void)
{
	static const struct
	{
		const char *s;
		size_t		len;
		size_t		limit;
		size_t		want;
		const char *why;
	}			cases[] = {
		{"abcdef", 6, 4, 4, "ASCII clips at the limit"},
		{"abc", 3, 10, 3, "a limit past the end clips at the end"},
		{"a\xe2\x89\x88" "b", 5, 3, 1, "a three-byte character that does not fit is left out"},
		{"a\xe2\x89\x88" "b", 5, 4, 4, "a three-byte character that fits stays"},
		{"\xc2\xa0\xc2\xa0", 4, 3, 2, "a no-break space is not cut"},
		{"\xf0\x9f\x98\x80!", 5, 3, 0, "a four-byte character that does not fit is left out"},
		{"\xf0\x9f\x98\x80!", 5, 5, 5, "a four-byte character and a byte"},
		{"a\xe2\x89\x88" "b", 3, 10, 1, "len cutting a character clips before it"},
		{"ab\0cd", 5, 5, 2, "a NUL ends the text"},
		{"\xe2\x89\0", 3, 3, 2, "a sequence the NUL cuts short counts byte by byte (no UTF-8 to keep)"},
		{"\x80\x80x", 3, 2, 2, "stray continuation bytes count one each"},
		{"\xe2x\xe2\x89\x88", 5, 5, 5, "a lead byte without its continuation counts one"},
		{"\xffx", 2, 1, 1, "a byte that leads nothing counts one"},
		{"", 0, 5, 0, "empty"},
	};
	size_t		i;
	char		buf[8];

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		size_t		got = cs_clip_len(cases[i].s, cases[i].len, cases[i].limit);

		if (!ok(got == cases[i].want, "cs_clip_len(%s, %zu, %zu) = %zu: %s", q(cases[i].s), cases[i].len,
				cases[i].limit, cases[i].want, cases[i].why))
			diag("got %zu", got);
	}

	/* the hook decides where characters end, for clips and for cut details */
	cs_clip_hook = clip_pairs;
	ok(cs_clip_len("abcdefg", 7, 5) == 4 && cs_clip_len("abcdefg", 3, 5) == 2,
	   "cs_clip_len asks the hook, with the limit and the length applied");
	cs_error(buf, sizeof(buf), CS_ERR_SYNTAX, "%s", "0123456789");
	ok(strcmp(buf, "012345") == 0, "cs_error cuts a detail where the hook says");
	cs_clip_hook = NULL;
	cs_error(buf, sizeof(buf), CS_ERR_SYNTAX, "%s", "0123456789");
	ok(strcmp(buf, "0123456") == 0, "without the hook, UTF-8 again");
}

/*
 * Check that a detail quoting input text, clipped or cut to its buffer, ends
 * between characters: otherwise it is not valid in the database encoding.
 */
static void
test_detail_encoding(void)
{
	char		in[800];
	char		err[CS_ERRBUF_LEN] = "";
	size_t		len,
				n = 0;
	double		v;
	CsStatus	st;
	int			good = 1;

	/* "12" and groups of three after narrow no-break spaces, too large */
	strcpy(in, "12");
	for (int i = 0; i < 110; i++)
		strcat(in, "\xe2\x80\xaf" "000");
	st = cs_scan_number(in, CS_NUM_GROUPS, in, &len, &v, err, sizeof(err));
	if (!ok(st == CS_ERR_RANGE && utf8_valid(err) &&
			strncmp(err, "The number \"12\xe2\x80\xaf" "000", 18) == 0,
			"a number too large, with U+202F groups: its clipped text in the detail is valid UTF-8"))
		diag("got %s, detail %s", status_name(st), q(err));
	else
		diag("detail: %s", err);

	/* cs_error cuts a detail to its buffer between characters */
	cs_error(err, sizeof(err), CS_ERR_SYNTAX, "The text \"%s\" is wrong.",
			 "\xe2\x89\x88\xc2\xa0\xf0\x9f\x98\x80\xe2\x80\xaf");
	for (n = 1; n <= strlen(err) + 1; n++)
	{
		char	   *buf = malloc(n);

		cs_error(buf, n, CS_ERR_SYNTAX, "The text \"%s\" is wrong.",
				 "\xe2\x89\x88\xc2\xa0\xf0\x9f\x98\x80\xe2\x80\xaf");
		if (!utf8_valid(buf) || strncmp(buf, err, strlen(buf)) != 0 || strlen(buf) + 4 < n - 1)
		{
			if (good)
				diag("buffer of %zu bytes: %s", n, q(buf));
			good = 0;
		}
		free(buf);
	}
	ok(good, "cs_error cuts a detail to any buffer between characters");
}

/* ------------------------------------------------------------------------
 * The number grammar
 */

typedef struct NumCase
{
	const char *in;
	int			flags;
	CsStatus	st;
	size_t		len;			/* bytes taken, when CS_OK */
	double		value;			/* when CS_OK (bits compared) */
	const char *detail;			/* a part of the detail, when not CS_OK */
} NumCase;

#define G	CS_NUM_GROUPS
#define GN	(CS_NUM_GROUPS | CS_NUM_NO_COMMA)

static const NumCase num_cases[] = {
	/* the plain grammar */
	{"0", 0, CS_OK, 1, 0.0, NULL},
	{"-0", 0, CS_OK, 2, -0.0, NULL},
	{"+5", 0, CS_OK, 2, 5, NULL},
	{"5", 0, CS_OK, 1, 5, NULL},
	{"600000", 0, CS_OK, 6, 600000, NULL},
	{".5", 0, CS_OK, 2, 0.5, NULL},
	{"-.5", 0, CS_OK, 3, -0.5, NULL},
	{"0.1", 0, CS_OK, 3, 0.1, NULL},
	{"5.", 0, CS_OK, 1, 5, NULL},
	{"5..7", 0, CS_OK, 1, 5, NULL},
	{"5.x", 0, CS_OK, 1, 5, NULL},
	{"1e5", 0, CS_OK, 3, 1e5, NULL},
	{"1E5", 0, CS_OK, 3, 1e5, NULL},
	{"1e+15", 0, CS_OK, 5, 1e15, NULL},
	{"1e-5", 0, CS_OK, 4, 1e-5, NULL},
	{"2.5e3", 0, CS_OK, 5, 2500, NULL},
	{"-1.5E-3", 0, CS_OK, 7, -1.5e-3, NULL},
	{"1ex", 0, CS_OK, 1, 1, NULL},
	{"1e+x", 0, CS_OK, 1, 1, NULL},
	{"10x", 0, CS_OK, 2, 10, NULL},
	{"12 34", 0, CS_OK, 2, 12, NULL},
	{"007", 0, CS_OK, 3, 7, NULL},
	{"0e999999", 0, CS_OK, 8, 0.0, NULL},
	{"-0.000e-999", 0, CS_OK, 11, -0.0, NULL},
	{"1.7976931348623157e308", 0, CS_OK, 22, DBL_MAX, NULL},
	{"2.2250738585072014e-308", 0, CS_OK, 23, DBL_MIN, NULL},
	{"5e-324", 0, CS_OK, 6, 4.9406564584124654e-324, NULL},
	{"4.9406564584124654e-324", 0, CS_OK, 23, 4.9406564584124654e-324, NULL},
	{"2.4703282292062328e-324", 0, CS_OK, 23, 4.9406564584124654e-324, NULL},
	{"1e-320", 0, CS_OK, 6, 1e-320, NULL},
	{"123456789012345678901234567890", 0, CS_OK, 30, 1.2345678901234568e29, NULL},
	{"9007199254740993", 0, CS_OK, 16, 9007199254740992.0, NULL},
	{"9007199254740995", 0, CS_OK, 16, 9007199254740996.0, NULL},
	{"9007199254740993.0000000000000000001", 0, CS_OK, 36, 9007199254740994.0, NULL},
	{"9007199254740992.9999999999999999999", 0, CS_OK, 36, 9007199254740992.0, NULL},
	{"1.00000000000000011102230246251565404236316680908203125", 0, CS_OK, 55, 1.0, NULL},
	{"1.00000000000000011102230246251565404236316680908203126", 0, CS_OK, 55, 1.0000000000000002, NULL},
	{"0.30000000000000004", 0, CS_OK, 19, 0.30000000000000004, NULL},
	/* decimal only */
	{"0x10", 0, CS_ERR_SYNTAX, 0, 0, "hexadecimal"},
	{"-0x10", 0, CS_ERR_SYNTAX, 0, 0, "hexadecimal"},
	{"0X1F", 0, CS_ERR_SYNTAX, 0, 0, "hexadecimal"},
	{"0x1p3", 0, CS_ERR_SYNTAX, 0, 0, "hexadecimal"},
	{"0x10", G, CS_ERR_SYNTAX, 0, 0, "hexadecimal"},
	/* no number */
	{"", 0, CS_ERR_SYNTAX, 0, 0, "missing at the end"},
	{"-", 0, CS_ERR_SYNTAX, 0, 0, "missing at the end"},
	{"+", 0, CS_ERR_SYNTAX, 0, 0, "missing at the end"},
	{".", 0, CS_ERR_SYNTAX, 0, 0, "expected at position 1"},
	{"e5", 0, CS_ERR_SYNTAX, 0, 0, "expected at position 1"},
	{"x", 0, CS_ERR_SYNTAX, 0, 0, "expected at position 1"},
	{"--5", 0, CS_ERR_SYNTAX, 0, 0, "expected at position 1"},
	{" 5", 0, CS_ERR_SYNTAX, 0, 0, "expected at position 1"},
	{"NaN", 0, CS_ERR_SYNTAX, 0, 0, "expected"},
	{"inf", 0, CS_ERR_SYNTAX, 0, 0, "expected"},
	/* exponents */
	{"1e", 0, CS_ERR_SYNTAX, 0, 0, "exponent at position 2 has no digits"},
	{"1e+", 0, CS_ERR_SYNTAX, 0, 0, "exponent"},
	{"1e-", 0, CS_ERR_SYNTAX, 0, 0, "exponent"},
	{"1e-,", 0, CS_ERR_SYNTAX, 0, 0, "exponent"},
	{"1E ", 0, CS_ERR_SYNTAX, 0, 0, "exponent"},
	/* beyond the doubles */
	{"1e400", 0, CS_ERR_RANGE, 0, 0, "\"1e400\" is out of range for double precision"},
	{"-1e400", 0, CS_ERR_RANGE, 0, 0, "out of range"},
	{"1e-400", 0, CS_ERR_RANGE, 0, 0, "out of range"},
	{"-1e-400", 0, CS_ERR_RANGE, 0, 0, "out of range"},
	{"2e-324", 0, CS_ERR_RANGE, 0, 0, "out of range"},
	{"1.7976931348623159e308", 0, CS_ERR_RANGE, 0, 0, "out of range"},
	{"1e999999999999", 0, CS_ERR_RANGE, 0, 0, "out of range"},
	{"1e-999999999999", 0, CS_ERR_RANGE, 0, 0, "out of range"},
	/* thousands separators */
	{"600,000", G, CS_OK, 7, 600000, NULL},
	{"1,234,567.5", G, CS_OK, 11, 1234567.5, NULL},
	{"-1,000", G, CS_OK, 6, -1000, NULL},
	{"+1,000", G, CS_OK, 6, 1000, NULL},
	{"1,000e3", G, CS_OK, 7, 1e6, NULL},
	{"600 000", G, CS_OK, 7, 600000, NULL},
	{"1 000 000", G, CS_OK, 9, 1e6, NULL},
	{"600\xc2\xa0" "000", G, CS_OK, 8, 600000, NULL},
	{"600\xe2\x80\xaf" "000", G, CS_OK, 9, 600000, NULL},
	{"600\xe2\x80\x89" "000", G, CS_OK, 9, 600000, NULL},
	{"1\xe2\x80\x89" "000\xe2\x80\x89" "000.25", G, CS_OK, 16, 1000000.25, NULL},
	{"600\xe2\x80\xa0" "000", G, CS_OK, 3, 600, NULL},	/* U+2020 is no separator */
	{"600\xc2\xa0", G, CS_OK, 3, 600, NULL},
	{"1,000 000", G, CS_OK, 5, 1000, NULL},	/* one separator per number */
	{"1 000,000", G, CS_OK, 5, 1000, NULL},
	{"1\xc2\xa0" "000 000", G, CS_OK, 6, 1000, NULL},
	{"600,", G, CS_OK, 3, 600, NULL},
	{"600, 000", G, CS_OK, 3, 600, NULL},
	{"600 ", G, CS_OK, 3, 600, NULL},
	{"600,000", 0, CS_OK, 3, 600, NULL},	/* no groups without the flag */
	{"600 000", 0, CS_OK, 3, 600, NULL},
	{"600,000", GN, CS_OK, 3, 600, NULL},	/* no ',' with CS_NUM_NO_COMMA */
	{"600 000", GN, CS_OK, 7, 600000, NULL},
	{"600\xc2\xa0" "000", GN, CS_OK, 8, 600000, NULL},
	{"0,600", G, CS_ERR_SYNTAX, 0, 0, "cannot start with 0"},
	{"0 600", G, CS_ERR_SYNTAX, 0, 0, "cannot start with 0"},
	{"1,23", G, CS_ERR_SYNTAX, 0, 0, "groups of three digits"},
	{"1,2345", G, CS_ERR_SYNTAX, 0, 0, "groups of three digits"},
	{"1234,567", G, CS_ERR_SYNTAX, 0, 0, "groups of three digits (position 5)"},
	{"600 00", G, CS_ERR_SYNTAX, 0, 0, "groups of three digits (position 5)"},
	{"60,0000", G, CS_ERR_SYNTAX, 0, 0, "groups of three digits (position 4)"},
	{"1,000,00", G, CS_ERR_SYNTAX, 0, 0, "groups of three digits"},
	{"1,000,0000", G, CS_ERR_SYNTAX, 0, 0, "groups of three digits"},
	{"1,0000.5", G, CS_ERR_SYNTAX, 0, 0, "groups of three digits"},
	{"1\xc2\xa0" "00", G, CS_ERR_SYNTAX, 0, 0, "groups of three digits"},
};

#undef G
#undef GN

/* Check the number grammar on fixed inputs. */
static void
test_number_cases(void)
{
	size_t		i;

	for (i = 0; i < sizeof(num_cases) / sizeof(num_cases[0]); i++)
	{
		const NumCase *c = &num_cases[i];
		char		err[CS_ERRBUF_LEN] = "";
		size_t		len = 12345;
		double		v = 777;
		CsStatus	st = cs_scan_number(c->in, c->flags, c->in, &len, &v, err, sizeof(err));

		if (c->st == CS_OK)
		{
			if (!ok(st == CS_OK && len == c->len && same_double(v, c->value),
					"number %s (flags %d) is %.17g, %zu bytes", q(c->in), c->flags, c->value, c->len))
				diag("got %s, %.17g, %zu bytes (%s)", status_name(st), v, len, err);
		}
		else if (!ok(st == c->st && strstr(err, c->detail) != NULL,
					 "number %s (flags %d): %s, detail with \"%s\"",
					 q(c->in), c->flags, status_name(c->st), c->detail))
			diag("got %s, detail \"%s\"", status_name(st), err);
	}
}

/* Check the parts of a scanned decimal and positions counted from base. */
static void
test_decimal_parts(void)
{
	CsDecimal	d;
	size_t		len;
	char		err[CS_ERRBUF_LEN];
	const char *text = "x = 0x10";
	const char *text2 = "zzzzab 1,23";
	double		v;

	ok(cs_scan_decimal("-1,234.50e-2", CS_NUM_GROUPS, NULL, &len, &d, NULL, 0) == CS_OK &&
	   d.negative && !d.zero && d.exact && d.nsig == 6 && d.mant == 123450 &&
	   d.frac_digits == 2 && d.exp_value == -2 && len == 12 && d.sep_len == 1 &&
	   d.sep[0] == ',' && d.mant_end - d.src == 9 && d.end - d.src == 12,
	   "cs_scan_decimal: sign, digits, fraction, exponent and separator of -1,234.50e-2");
	ok(cs_scan_decimal("00012", 0, NULL, &len, &d, NULL, 0) == CS_OK &&
	   d.nsig == 2 && d.mant == 12 && d.exact && !d.zero && d.sep_len == 0,
	   "cs_scan_decimal skips leading zeros");
	ok(cs_scan_decimal("0.000", 0, NULL, &len, &d, NULL, 0) == CS_OK && d.zero && d.nsig == 0 &&
	   d.frac_digits == 3, "cs_scan_decimal: all zeros");
	ok(cs_scan_decimal("12345678901234567890123", 0, NULL, &len, &d, NULL, 0) == CS_OK &&
	   !d.exact && d.nsig == 23 && d.mant == UINT64_C(1234567890123456789),
	   "cs_scan_decimal keeps 19 digits and says it is not exact");
	ok(cs_scan_decimal("1e99999999", 0, NULL, &len, &d, NULL, 0) == CS_OK && len == 10 &&
	   d.exp_value >= 100000, "cs_scan_decimal saturates a long exponent");
	ok(cs_scan_decimal("600\xe2\x80\xaf" "000", CS_NUM_GROUPS, NULL, &len, &d, NULL, 0) == CS_OK &&
	   d.sep_len == 3 && memcmp(d.sep, "\xe2\x80\xaf", 3) == 0,
	   "cs_scan_decimal records a narrow no-break space as the separator");

	err[0] = '\0';
	ok(cs_scan_number(text + 4, 0, text, &len, &v, err, sizeof(err)) == CS_ERR_SYNTAX &&
	   strstr(err, "(position 5)") != NULL, "positions in details count from base");
	err[0] = '\0';
	ok(cs_scan_number(text2 + 4, CS_NUM_GROUPS, text2, &len, &v, err, sizeof(err)) ==
	   CS_ERR_SYNTAX && strstr(err, "expected at position 5") != NULL,
	   "a number expected: its position counts from base");
	ok(cs_scan_number("1e400", 0, "1e400", &len, &v, NULL, 0) == CS_ERR_RANGE,
	   "cs_scan_number accepts a NULL detail buffer");

	/* shifts: d times 10^shift */
	cs_scan_decimal("1.2", 0, NULL, &len, &d, NULL, 0);
	ok(cs_decimal_to_double(&d, 6, &v) == CS_OK && v == 1200000, "1.2 shifted by 6 is exactly 1200000");
	cs_scan_decimal("0.3", 0, NULL, &len, &d, NULL, 0);
	ok(cs_decimal_to_double(&d, 3, &v) == CS_OK && v == 300, "0.3 shifted by 3 is exactly 300");
	cs_scan_decimal("66", 0, NULL, &len, &d, NULL, 0);
	ok(cs_decimal_to_double(&d, -2, &v) == CS_OK && v == 0.66, "66 shifted by -2 is the double nearest 0.66");
	cs_scan_decimal("1e300", 0, NULL, &len, &d, NULL, 0);
	ok(cs_decimal_to_double(&d, 9, &v) == CS_ERR_RANGE, "1e300 shifted by 9 overflows: CS_ERR_RANGE");
	cs_scan_decimal("1e-300", 0, NULL, &len, &d, NULL, 0);
	ok(cs_decimal_to_double(&d, -30, &v) == CS_ERR_RANGE, "1e-300 shifted by -30 underflows: CS_ERR_RANGE");
	cs_scan_decimal("1,234.5", CS_NUM_GROUPS, NULL, &len, &d, NULL, 0);
	ok(cs_decimal_to_double(&d, 30, &v) == CS_OK && v == 1.2345e33,
	   "a grouped number on the slow path drops its separators (1,234.5e30)");
	cs_scan_decimal("1\xe2\x80\x89" "234\xe2\x80\x89" "567.123456789012345678", CS_NUM_GROUPS, NULL, &len, &d, NULL, 0);
	ok(cs_decimal_to_double(&d, 0, &v) == CS_OK && v == strtod("1234567.123456789012345678", NULL),
	   "a number grouped by thin spaces with 25 digits reads as strtod does");
}

/* Append a random run of n digits at *p, no leading zero when lead is set. */
static void
put_digits(char **p, int n, int lead)
{
	int			i;

	for (i = 0; i < n; i++)
		*(*p)++ = (char) ('0' + (lead && i == 0 ? 1 + next_random() % 9 : next_random() % 10));
}

/*
 * Write a random decimal of the grammar: integer digits, a fraction, an
 * exponent (always when with_exp is set); returns the exponent written.
 */
static int
random_decimal(char *buf, int with_exp, int *has_exp)
{
	char	   *p = buf;
	int			ni = (int) (next_random() % 26),
				nf = (int) (next_random() % 26),
				e = 0;

	if (ni == 0 && nf == 0)
		ni = 1;
	if (next_random() % 3 == 0)
		*p++ = (next_random() & 1) ? '-' : '+';
	if (next_random() % 8 == 0)
	{
		/* a run of the same digit: ties and long carries */
		char		c = (char) ('0' + next_random() % 10);
		int			k;

		for (k = 0; k < ni; k++)
			*p++ = c;
	}
	else
		put_digits(&p, ni, 0);
	if (nf > 0)
	{
		*p++ = '.';
		put_digits(&p, nf, 0);
	}
	*has_exp = with_exp || next_random() % 2 == 0;
	if (*has_exp)
	{
		switch (next_random() % 4)
		{
			case 0:
				e = (int) rnd_range(-30, 30);
				break;
			case 1:
				e = (int) rnd_range(-340, 320);
				break;
			case 2:
				e = (int) rnd_range(280, 330);
				break;
			default:
				e = (int) rnd_range(-350, -290);
				break;
		}
		p += sprintf(p, "e%d", e);
	}
	*p = '\0';
	return e;
}

/* Say whether strtod's reading of s is what the grammar promises for d. */
static int
agrees_with_strtod(const char *s, CsStatus st, double v)
{
	double		want = strtod(s, NULL);
	int			digits_zero = 1;
	const char *c;

	for (c = s; *c && *c != 'e'; c++)
		if (*c >= '1' && *c <= '9')
			digits_zero = 0;
	if (!isfinite(want) || (want == 0.0 && !digits_zero))
		return st == CS_ERR_RANGE;
	return st == CS_OK && same_double(v, want);
}

/* Check the conversion against strtod on random decimal strings. */
static void
test_number_random(int rounds)
{
	int			bad = 0,
				bad_shift = 0,
				bad_len = 0,
				nrange = 0;
	int			r;

	for (r = 0; r < rounds; r++)
	{
		char		s[128],
					t[160];
		size_t		len;
		double		v = 0;
		CsDecimal	d;
		int			has_exp,
					e = random_decimal(s, 0, &has_exp),
					shift;
		CsStatus	st = cs_scan_number(s, 0, s, &len, &v, NULL, 0);

		if (st == CS_ERR_RANGE)
			nrange++;
		if (!agrees_with_strtod(s, st, v))
		{
			if (bad++ < 5)
				diag("%s: %s %.17g, strtod %.17g", s, status_name(st), v, strtod(s, NULL));
		}
		if (st == CS_OK && len != strlen(s))
			bad_len++;

		/* d times 10^shift reads as the text with the exponent moved */
		e = random_decimal(s, 1, &has_exp);
		shift = (int) rnd_range(-40, 40);
		if (cs_scan_decimal(s, 0, s, &len, &d, NULL, 0) != CS_OK)
		{
			bad_shift++;
			continue;
		}
		memcpy(t, s, (size_t) (d.mant_end - s));
		sprintf(t + (d.mant_end - s), "e%d", e + shift);
		st = cs_decimal_to_double(&d, shift, &v);
		if (!agrees_with_strtod(t, st, v))
		{
			if (bad_shift++ < 5)
				diag("%s shifted by %d: %s %.17g, strtod(%s) %.17g",
					 s, shift, status_name(st), v, t, strtod(t, NULL));
		}
	}
	ok(bad == 0, "cs_scan_number agrees with strtod on %d random decimals (%d bad, %d out of range)",
	   rounds, bad, nrange);
	ok(bad_len == 0, "cs_scan_number takes the whole of every random decimal (%d bad)", bad_len);
	ok(bad_shift == 0, "cs_decimal_to_double(d, shift) is strtod with the exponent moved, %d random (%d bad)",
	   rounds, bad_shift);
}

/* Check long digit strings: more than 19 digits, exact ties, the length limit. */
static void
test_number_long(void)
{
	char	   *s = malloc(2048);
	size_t		len;
	double		v;
	int			bad = 0,
				k;

	/* 2^53 + 1 and the like, with digits that follow the tie */
	static const char *const ties[] = {
		"9007199254740993", "9007199254740993.00000000000000000000000000001",
		"9007199254740992.99999999999999999999999999999", "9007199254740995",
		"18014398509481985", "18014398509481987", "18014398509481986.9999999999999999",
		"1.0000000000000001110223024625156540423631668090820312500000000001",
		"0.1000000000000000055511151231257827021181583404541015625",
		"0.10000000000000000555111512312578270211815834045410156250000000000000000000001",
		"2.2250738585072011e-308", "2.2250738585072012e-308", "6.9294956446009195e15",
		"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
		"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
	};

	for (k = 0; k < (int) (sizeof(ties) / sizeof(ties[0])); k++)
	{
		CsStatus	st = cs_scan_number(ties[k], 0, ties[k], &len, &v, NULL, 0);

		if (!agrees_with_strtod(ties[k], st, v) || (st == CS_OK && len != strlen(ties[k])))
		{
			if (bad++ < 5)
				diag("%s: %s %.17g, strtod %.17g", q(ties[k]), status_name(st), v,
					 strtod(ties[k], NULL));
		}
	}
	ok(bad == 0, "%d numbers on or next to a rounding tie read as strtod reads them (%d bad)",
	   (int) (sizeof(ties) / sizeof(ties[0])), bad);

	/* random digit strings of 20 to 1500 digits (past the 800 handed to strtod) */
	bad = 0;
	for (k = 0; k < 3000; k++)
	{
		char	   *p = s;
		int			n = (int) rnd_range(20, 1500);
		int			point = (int) rnd_range(0, n);
		CsStatus	st;

		put_digits(&p, point, 1);
		if (point < n)
		{
			*p++ = '.';
			put_digits(&p, n - point, 0);
		}
		if (next_random() & 1)
			p += sprintf(p, "e%d", (int) rnd_range(-400, 300));
		*p = '\0';
		st = cs_scan_number(s, 0, s, &len, &v, NULL, 0);
		if (!agrees_with_strtod(s, st, v))
		{
			if (bad++ < 3)
				diag("%.60s...: %s %.17g, strtod %.17g", s, status_name(st), v, strtod(s, NULL));
		}
	}
	ok(bad == 0, "3000 random numbers of 20 to 1500 digits read as strtod reads them (%d bad)", bad);

	/* 400 digits of 1: beyond the doubles */
	memset(s, '1', 400);
	s[400] = '\0';
	ok(cs_scan_number(s, 0, s, &len, &v, NULL, 0) == CS_ERR_RANGE, "a 400-digit integer is out of range");

	/* any number of digits reads, rounded once as written */
	strcpy(s, "0.");
	memset(s + 2, '1', 1000);
	s[1002] = '\0';
	ok(cs_scan_number(s, 0, s, &len, &v, NULL, 0) == CS_OK && v == 1.0 / 9.0 && len == 1002,
	   "a number of 1002 characters (1000 digits of 1 after the point) is the double nearest 1/9");
	/* 2^53 + 1 lies halfway between two doubles: a nonzero digit far behind decides */
	strcpy(s, "9007199254740993.");
	memset(s + 17, '0', 1500);
	s[1517] = '\0';
	ok(cs_scan_number(s, 0, s, &len, &v, NULL, 0) == CS_OK && v == 9007199254740992.0 && len == 1517,
	   "2^53 + 1 followed by 1500 zeros is a tie: it rounds to even, 2^53");
	s[1516] = '1';
	ok(cs_scan_number(s, 0, s, &len, &v, NULL, 0) == CS_OK && v == 9007199254740994.0 && len == 1517,
	   "2^53 + 1 followed by 1499 zeros and a 1 is above the tie: it rounds up to 2^53 + 2");
	ok(agrees_with_strtod(s, CS_OK, v), "and strtod agrees");
	/* leading zeros cost nothing */
	memset(s, '0', 1000);
	strcpy(s + 1000, "5");
	ok(cs_scan_number(s, 0, s, &len, &v, NULL, 0) == CS_OK && v == 5 && len == 1001,
	   "1000 leading zeros then 5 read as 5");
	/* 1 followed by 100 groups ",000" */
	strcpy(s, "1");
	for (k = 0; k < 100; k++)
		strcat(s, ",000");
	ok(cs_scan_number(s, CS_NUM_GROUPS, s, &len, &v, NULL, 0) == CS_OK && v == 1e300 && len == 401,
	   "1 followed by 100 groups \",000\" is 1e300");
	free(s);
}

/* ------------------------------------------------------------------------
 * cs_format_double
 */

/* Count the significant digits of a number's text. */
static int
sig_digits(const char *s)
{
	int			n = 0,
				started = 0,
				trailing_zeros = 0;

	for (; *s && *s != 'e'; s++)
	{
		if (*s >= '1' && *s <= '9')
		{
			started = 1;
			n += trailing_zeros + 1;
			trailing_zeros = 0;
		}
		else if (*s == '0' && started)
			trailing_zeros++;
	}
	return n == 0 ? 1 : n;
}

/* Check cs_format_double: fixed layouts, then reading back random doubles. */
static void
test_format_double(int rounds)
{
	static const struct
	{
		double		d;
		const char *text;
	}			fixed[] = {
		{600000, "600000"}, {0.1, "0.1"}, {1e15, "1e+15"}, {1e-5, "1e-05"},
		{0.0001, "0.0001"}, {123456789012345.0, "123456789012345"},
		{0, "0"}, {-0.0, "-0"}, {-1.5, "-1.5"}, {1e14, "100000000000000"},
		{1e16, "1e+16"}, {5e-324, "5e-324"}, {DBL_MAX, "1.7976931348623157e+308"},
		{1.0 / 3, "0.3333333333333333"}, {1e23, "9.999999999999999e+22"},
	};
	size_t		i;
	int			bad_rt = 0,
				bad_short = 0,
				bad_len = 0,
				r;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
	{
		char		buf[CS_DOUBLE_BUFLEN];
		size_t		len = cs_format_double(fixed[i].d, buf);

		if (!ok(strcmp(buf, fixed[i].text) == 0 && len == strlen(buf),
				"cs_format_double(%.17g) = %s", fixed[i].d, fixed[i].text))
			diag("got %s (length %zu)", q(buf), len);
	}
	for (r = 0; r < rounds; r++)
	{
		double		back = random_mixed_double() * ((next_random() & 1) ? 1 : -1);
		double		d;
		char	   *buf = malloc(CS_DOUBLE_BUFLEN);	/* on the heap: ASan sees its end */
		char		g17[64];
		size_t		len = cs_format_double(back, buf);
		size_t		blen;

		snprintf(g17, sizeof(g17), "%.17g", back);
		/* reads back bit for bit, through strtod and through the grammar */
		if (!same_double(strtod(buf, NULL), back) ||
			cs_scan_number(buf, 0, buf, &blen, &d, NULL, 0) != CS_OK ||
			!same_double(d, back) || blen != len)
		{
			if (bad_rt++ < 3)
				diag("%s (%%.17g %s) does not read back", buf, g17);
		}
		/* never longer than %.17g, which always reads back */
		if (sig_digits(buf) > sig_digits(g17))
		{
			if (bad_short++ < 3)
				diag("%s has more digits than %%.17g %s", buf, g17);
		}
		if (len != strlen(buf) || len >= CS_DOUBLE_BUFLEN)
			bad_len++;
		free(buf);
	}
	ok(bad_rt == 0, "cs_format_double of %d random doubles reads back bit for bit (strtod and the grammar; %d bad)",
	   rounds, bad_rt);
	ok(bad_short == 0, "cs_format_double never has more significant digits than %%.17g (%d bad)", bad_short);
	ok(bad_len == 0, "cs_format_double returns the length it wrote, within CS_DOUBLE_BUFLEN (%d bad)", bad_len);
}

/* ------------------------------------------------------------------------
 * The calendar
 */

/* Say whether y is a leap year of the proleptic Gregorian calendar. */
static int
ref_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Divide rounding toward minus infinity. */
static int64_t
ref_floor_div(int64_t a, int64_t b)
{
	int64_t		qq = a / b;

	if (a % b != 0 && ((a < 0) != (b < 0)))
		qq--;
	return qq;
}

/*
 * Count days from 2000-01-01 the plain way: 365 a year, the leap days
 * before the year, the days of the months before the month.
 */
static int64_t
ref_days(int64_t y, int m, int d)
{
	static const int before[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
	int64_t		yy = y - 1;		/* leap years in [2000, y) or [y, 2000) */
	int64_t		leaps = (ref_floor_div(yy, 4) - ref_floor_div(yy, 100) + ref_floor_div(yy, 400)) -
		(ref_floor_div(1999, 4) - ref_floor_div(1999, 100) + ref_floor_div(1999, 400));

	return (y - 2000) * 365 + leaps + before[m - 1] + (m > 2 && ref_leap(y)) + d - 1;
}

/* Turn days since 2000-01-01 into a date by search over ref_days. */
static void
ref_civil(int64_t days, int64_t *y, int *m, int *d)
{
	int64_t		yy = 2000 + ref_floor_div(days, 366) - 1;
	int			mm;

	while (ref_days(yy + 1, 1, 1) <= days)
		yy++;
	while (ref_days(yy, 1, 1) > days)
		yy--;
	for (mm = 12; ref_days(yy, mm, 1) > days; mm--)
		;
	*y = yy;
	*m = mm;
	*d = (int) (days - ref_days(yy, mm, 1)) + 1;
}

/* Give the days of a month the plain way. */
static int
ref_dim(int64_t y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && ref_leap(y) ? 29 : dim[m - 1];
}

/* Check days_from_civil, civil_from_days and days_in_month. */
static void
test_calendar(void)
{
	int64_t		y,
				day,
				lo,
				hi;
	int			m,
				d,
				bad = 0,
				bad_month = 0,
				bad_seq = 0,
				k;

	ok(cs_days_from_civil(2000, 1, 1) == 0, "2000-01-01 is day 0");
	ok(cs_days_from_civil(2024, 10, 9) == 9048, "2024-10-09 is day 9048");
	ok(cs_days_from_civil(1970, 1, 1) == -10957, "1970-01-01 is day -10957");
	ok(cs_days_from_civil(0, 1, 1) == -730485, "0000-01-01 is day -730485");
	ok(cs_days_from_civil(-4713, 11, 24) * CS_USECS_PER_DAY == CS_TS_MIN,
	   "-4713-11-24 is the first day of timestamptz");
	ok(cs_days_from_civil(294277, 1, 1) * CS_USECS_PER_DAY == CS_TS_END,
	   "294277-01-01 is the end of timestamptz");
	cs_civil_from_days(9048, &y, &m, &d);
	ok(y == 2024 && m == 10 && d == 9, "day 9048 is 2024-10-09");
	cs_civil_from_days(-1, &y, &m, &d);
	ok(y == 1999 && m == 12 && d == 31, "day -1 is 1999-12-31");
	cs_civil_from_days(cs_days_from_civil(0, 2, 29), &y, &m, &d);
	ok(y == 0 && m == 2 && d == 29, "0000-02-29 exists (1 BC is a leap year)");

	ok(cs_days_in_month(1900, 2) == 28, "February 1900 has 28 days");
	ok(cs_days_in_month(2000, 2) == 29, "February 2000 has 29 days");
	ok(cs_days_in_month(2024, 2) == 29, "February 2024 has 29 days");
	ok(cs_days_in_month(2023, 2) == 28, "February 2023 has 28 days");
	ok(cs_days_in_month(0, 2) == 29 && cs_days_in_month(-4, 2) == 29 &&
	   cs_days_in_month(-100, 2) == 28 && cs_days_in_month(-400, 2) == 29 &&
	   cs_days_in_month(-1, 2) == 28, "February of years 0, -4, -100, -400 and -1: 29, 29, 28, 29, 28");
	ok(cs_days_in_month(2024, 4) == 30 && cs_days_in_month(2024, 6) == 30 &&
	   cs_days_in_month(2024, 9) == 30 && cs_days_in_month(2024, 11) == 30 &&
	   cs_days_in_month(2024, 1) == 31 && cs_days_in_month(2024, 12) == 31 &&
	   cs_days_in_month(2024, 7) == 31 && cs_days_in_month(2024, 8) == 31,
	   "30 days hath September, April, June and November");

	/* every month of every year in +-300,000 years around year 0 */
	for (y = -300000; y <= 300000; y++)
	{
		for (m = 1; m <= 12; m++)
		{
			int			dim = cs_days_in_month(y, m);
			int64_t		first = cs_days_from_civil(y, m, 1);
			int64_t		yy;
			int			mm,
						dd;

			if (dim != ref_dim(y, m) ||
				cs_days_from_civil(y, m, dim) != first + dim - 1 ||
				cs_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) != first + dim)
			{
				if (bad_month++ < 3)
					diag("month %lld-%02d: %d days, starts at day %lld", (long long) y, m, dim,
						 (long long) first);
			}
			cs_civil_from_days(first + dim - 1, &yy, &mm, &dd);
			if (yy != y || mm != m || dd != dim)
				bad++;
			cs_civil_from_days(first, &yy, &mm, &dd);
			if (yy != y || mm != m || dd != 1)
				bad++;
		}
		if (y % 997 == 0 && cs_days_from_civil(y, 1, 1) != ref_days(y, 1, 1))
			bad_month++;
	}
	ok(bad_month == 0, "months of years -300000..300000: lengths and first days agree (%d bad)", bad_month);
	ok(bad == 0, "civil_from_days inverts days_from_civil on every first and last of a month, years -300000..300000 (%d bad)",
	   bad);

	/* every day of years -1000..3000, walking one day at a time */
	lo = cs_days_from_civil(-1000, 1, 1);
	hi = cs_days_from_civil(3000, 12, 31);
	cs_civil_from_days(lo, &y, &m, &d);
	for (day = lo + 1; day <= hi; day++)
	{
		int64_t		y2;
		int			m2,
					d2;

		cs_civil_from_days(day, &y2, &m2, &d2);
		if (!((y2 == y && m2 == m && d2 == d + 1) ||
			  (y2 == y && m2 == m + 1 && d2 == 1 && d == ref_dim(y, m)) ||
			  (y2 == y + 1 && m2 == 1 && d2 == 1 && m == 12 && d == 31)) ||
			cs_days_from_civil(y2, m2, d2) != day)
		{
			if (bad_seq++ < 3)
				diag("day %lld is %lld-%02d-%02d after %lld-%02d-%02d", (long long) day,
					 (long long) y2, m2, d2, (long long) y, m, d);
		}
		y = y2;
		m = m2;
		d = d2;
	}
	ok(bad_seq == 0, "days of years -1000..3000 follow each other one by one (%lld days, %d bad)",
	   (long long) (hi - lo), bad_seq);

	/* random days in +-300,000 years against the plain reference */
	bad = 0;
	for (k = 0; k < 100000; k++)
	{
		int64_t		dd = rnd_range(-110000000, 110000000),
					y1,
					y2;
		int			m1,
					m2,
					d1,
					d2;

		cs_civil_from_days(dd, &y1, &m1, &d1);
		ref_civil(dd, &y2, &m2, &d2);
		if (y1 != y2 || m1 != m2 || d1 != d2 || cs_days_from_civil(y1, m1, d1) != dd)
		{
			if (bad++ < 3)
				diag("day %lld: %lld-%02d-%02d, reference %lld-%02d-%02d", (long long) dd,
					 (long long) y1, m1, d1, (long long) y2, m2, d2);
		}
	}
	ok(bad == 0, "100000 random days in +-300,000 years agree with a plain reference (%d bad)", bad);
}

/* ------------------------------------------------------------------------
 * cs_calendar_add
 */

/*
 * Add months, days and microseconds the plain way, in 128-bit integers:
 * CS_OK and *out, or CS_ERR_TIME_RANGE when the result leaves the range.
 * *wide says the day count of the result, in microseconds, lies beyond
 * int64 (where 64-bit arithmetic would overflow).
 */
static CsStatus
ref_add(int64_t t, int64_t months, int64_t days, int64_t usecs, int64_t *out, int *wide)
{
	int64_t		day = ref_floor_div(t, CS_USECS_PER_DAY);
	int64_t		tod = t - day * CS_USECS_PER_DAY;
	int64_t		y,
				total;
	int			m,
				d;
	__int128	r;

	*wide = 0;
	if (!cs_time_in_range(t))
		return CS_ERR_TIME_RANGE;
	ref_civil(day, &y, &m, &d);
	if (months > INT64_C(1) << 40 || months < -(INT64_C(1) << 40) ||
		days > INT64_C(1) << 40 || days < -(INT64_C(1) << 40))
		return CS_ERR_TIME_RANGE;
	total = y * 12 + (m - 1) + months;
	y = ref_floor_div(total, 12);
	m = (int) (total - y * 12) + 1;
	if (d > ref_dim(y, m))
		d = ref_dim(y, m);
	r = ((__int128) ref_days(y, m, d) + days) * CS_USECS_PER_DAY;
	*wide = r + tod > INT64_MAX || r < INT64_MIN;
	r += tod;
	if (months != 0 || days != 0)
	{
		if (r < CS_TS_MIN || r >= CS_TS_END)
			return CS_ERR_TIME_RANGE;
	}
	r += usecs;
	if (r < CS_TS_MIN || r >= CS_TS_END)
		return CS_ERR_TIME_RANGE;
	*out = (int64_t) r;
	return CS_OK;
}

/* Give the time of y-m-d hh:mi:ss. */
static int64_t
at(int64_t y, int m, int d, int hh, int mi, int ss)
{
	return cs_days_from_civil(y, m, d) * CS_USECS_PER_DAY +
		((int64_t) hh * 3600 + mi * 60 + ss) * INT64_C(1000000);
}

/* Give a random time in the range of timestamptz. */
static int64_t
random_time(void)
{
	uint64_t	span = (uint64_t) CS_TS_END - (uint64_t) CS_TS_MIN;

	switch (next_random() % 4)
	{
		case 0:
			/* near 2000, to the microsecond */
			return rnd_range(-INT64_C(3155760000000000), INT64_C(3155760000000000));
		case 1:
			/* at midnight */
			return rnd_range(CS_TS_MIN / CS_USECS_PER_DAY, CS_TS_END / CS_USECS_PER_DAY - 1) *
				CS_USECS_PER_DAY;
		case 2:
			/* near the ends */
			return (next_random() & 1) ? CS_TS_MIN + rnd_range(0, INT64_C(100000000000000))
				: CS_TS_END - 1 - rnd_range(0, INT64_C(100000000000000));
		default:
			return (int64_t) ((uint64_t) CS_TS_MIN + next_random() % span);
	}
}

/* the arguments and outcome of one cs_calendar_add call run in a child */
typedef struct AddCall
{
	int64_t		t,
				months,
				days,
				usecs;
	CsStatus	want;
} AddCall;

/* Run cs_calendar_add and say whether it gave the wanted status. */
static int
add_gives(void *arg)
{
	AddCall    *c = (AddCall *) arg;
	int64_t		out = 0;

	return cs_calendar_add(c->t, c->months, c->days, c->usecs, &out) == c->want;
}

/* Check cs_calendar_add on fixed cases and against the reference. */
static void
test_calendar_add(int rounds)
{
	static const struct
	{
		int			y,
					m,
					d,
					hh;
		int64_t		months,
					days,
					usecs;
		int			wy,
					wm,
					wd,
					whh;
		const char *why;
	}			cases[] = {
		{2024, 1, 31, 0, 1, 0, 0, 2024, 2, 29, 0, "a month clips the day: 2024-01-31 + 1 month"},
		{2023, 1, 31, 0, 1, 0, 0, 2023, 2, 28, 0, "2023-01-31 + 1 month"},
		{2024, 3, 31, 0, -1, 0, 0, 2024, 2, 29, 0, "2024-03-31 - 1 month"},
		{2024, 3, 31, 0, 1, 0, 0, 2024, 4, 30, 0, "2024-03-31 + 1 month"},
		{2024, 1, 31, 0, 13, 0, 0, 2025, 2, 28, 0, "2024-01-31 + 13 months"},
		{2024, 2, 29, 0, 12, 0, 0, 2025, 2, 28, 0, "2024-02-29 + 1 year"},
		{2024, 2, 29, 0, 48, 0, 0, 2028, 2, 29, 0, "2024-02-29 + 4 years"},
		{2024, 1, 15, 0, -25, 0, 0, 2021, 12, 15, 0, "negative months cross years"},
		{2024, 1, 31, 0, 1, 1, 0, 2024, 3, 1, 0, "months first, then days"},
		{2024, 1, 31, 13, 1, 0, 0, 2024, 2, 29, 13, "the time of day stays"},
		{2024, 2, 28, 0, 0, 1, 0, 2024, 2, 29, 0, "a day"},
		{2024, 3, 1, 0, 0, -1, 0, 2024, 2, 29, 0, "minus a day"},
		{2024, 10, 9, 23, 0, 0, INT64_C(7200000000), 2024, 10, 10, 1, "hours roll over midnight"},
		{2000, 1, 1, 0, 0, 0, -INT64_C(3600000000), 1999, 12, 31, 23, "an hour back over the year"},
		{0, 3, 1, 0, 0, -1, 0, 0, 2, 29, 0, "0000-03-01 - 1 day is 0000-02-29"},
		{-43, 3, 15, 12, -12 * 2000, 0, 0, -2043, 3, 15, 12, "2000 years back, BC"},
		{294276, 1, 31, 0, 11, 0, 0, 294276, 12, 31, 0, "the last month of the range"},
		{-4713, 12, 24, 0, -1, 0, 0, -4713, 11, 24, 0, "the first day of the range"},
		{2024, 5, 31, 6, -3, -30, INT64_C(3600000000), 2024, 1, 30, 7, "months, days and time at once"},
	};
	static const struct
	{
		int64_t		t,
					months,
					days,
					usecs;
		const char *why;
	}			out_of_range[] = {
		{CS_TS_END - 1, 0, 0, 1, "the last microsecond + 1 microsecond"},
		{CS_TS_MIN, 0, 0, -1, "the first microsecond - 1 microsecond"},
		{CS_TS_END - 1, 0, 1, 0, "294276-12-31 + 1 day"},
		{CS_TS_MIN, -1, 0, 0, "-4713-11-24 - 1 month"},
		{CS_TS_MIN, 0, -1, 0, "-4713-11-24 - 1 day"},
		{0, 0, 0, INT64_MAX, "+ INT64_MAX microseconds"},
		{0, 0, 0, INT64_MIN, "+ INT64_MIN microseconds"},
		{CS_TS_END, 0, 0, 0, "a time already out of range"},
		{CS_TS_MIN - 1, 0, 0, 0, "a time already before the range"},
		{0, INT64_C(12) * 600000 + 1, 0, 0, "more months than any result allows"},
		{0, INT64_MIN, 0, 0, "INT64_MIN months"},
		{0, 0, INT64_MAX, 0, "INT64_MAX days"},
		{0, 0, INT64_C(366) * 600000 + 1, 0, "more days than any result allows"},
		{CS_TS_END - CS_USECS_PER_DAY + INT64_C(82800000000), 0, 8, 0, "294276-12-31T23:00 + 8 days"},
	};
	size_t		i;
	int			bad = 0,
				n_ok = 0,
				n_range = 0,
				n_wide = 0,
				r;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		int64_t		t = at(cases[i].y, cases[i].m, cases[i].d, cases[i].hh, 0, 0);
		int64_t		want = at(cases[i].wy, cases[i].wm, cases[i].wd, cases[i].whh, 0, 0);
		int64_t		out = 0;
		CsStatus	st = cs_calendar_add(t, cases[i].months, cases[i].days, cases[i].usecs, &out);

		if (!ok(st == CS_OK && out == want, "cs_calendar_add: %s", cases[i].why))
		{
			char		b1[CS_TIME_BUFLEN],
						b2[CS_TIME_BUFLEN];

			cs_format_time(want, CS_TIME_CALENDAR, b2);
			if (st == CS_OK)
				cs_format_time(out, CS_TIME_CALENDAR, b1);
			diag("got %s %s, want %s", status_name(st), st == CS_OK ? b1 : "", b2);
		}
	}
	for (i = 0; i < sizeof(out_of_range) / sizeof(out_of_range[0]); i++)
	{
		int64_t		out = 42;
		CsStatus	st = cs_calendar_add(out_of_range[i].t, out_of_range[i].months,
										 out_of_range[i].days, out_of_range[i].usecs, &out);

		if (!ok(st == CS_ERR_TIME_RANGE && out == 42, "cs_calendar_add: %s is CS_ERR_TIME_RANGE",
				out_of_range[i].why))
			diag("got %s, %lld", status_name(st), (long long) out);
	}

	/*
	 * Random sums against the reference.  Results whose day count times a
	 * day's microseconds would leave the int64 range are checked apart,
	 * below.
	 */
	for (r = 0; r < rounds; r++)
	{
		int64_t		t = random_time(),
					months,
					days,
					usecs,
					got = 0,
					want = 0;
		CsStatus	st,
					wst;
		int			wide;

		switch (next_random() % 4)
		{
			case 0:
				months = rnd_range(-50, 50);
				days = rnd_range(-100, 100);
				usecs = rnd_range(-INT64_C(200000000000), INT64_C(200000000000));
				break;
			case 1:
				months = rnd_range(-12 * 10000, 12 * 10000);
				days = 0;
				usecs = 0;
				break;
			case 2:
				months = 0;
				days = rnd_range(-40000000, 40000000);
				usecs = rnd_range(-1000, 1000);
				break;
			default:
				months = rnd_range(-12 * 140000, 12 * 140000);
				days = rnd_range(-10000000, 10000000);
				usecs = (int64_t) next_random();
				break;
		}
		wst = ref_add(t, months, days, usecs, &want, &wide);
		if (wide)
		{
			n_wide++;
			continue;
		}
		st = cs_calendar_add(t, months, days, usecs, &got);
		if (st != wst || (st == CS_OK && got != want))
		{
			if (bad++ < 5)
				diag("%lld + (%lld months, %lld days, %lld us): %s %lld, reference %s %lld",
					 (long long) t, (long long) months, (long long) days, (long long) usecs,
					 status_name(st), (long long) got, status_name(wst), (long long) want);
		}
		if (st == CS_OK)
			n_ok++;
		else
			n_range++;
	}
	ok(bad == 0, "cs_calendar_add agrees with the reference on %d random sums (%d bad; %d in range, %d out, %d left to the checks below)",
	   rounds - n_wide, bad, n_ok, n_range, n_wide);

	/* sums far out of range must say so, not overflow int64 */
	{
		static const AddCall far[] = {
			{0, 0, 200000000, 0, CS_ERR_TIME_RANGE},
			{0, 0, -200000000, 0, CS_ERR_TIME_RANGE},
			{0, 4000000, 0, 0, CS_ERR_TIME_RANGE},
			{0, -4000000, 0, 0, CS_ERR_TIME_RANGE},
			{0, INT64_C(12) * 600000, 0, 0, CS_ERR_TIME_RANGE},
			{0, 0, INT64_C(366) * 600000, 0, CS_ERR_TIME_RANGE},
			{CS_TS_END - 1, INT64_C(12) * 300000, INT64_C(366) * 300000, 0, CS_ERR_TIME_RANGE},
			{CS_TS_END - CS_USECS_PER_DAY, 1, 0, 0, CS_ERR_TIME_RANGE},
			{CS_TS_END - CS_USECS_PER_DAY, 0, 10, 0, CS_ERR_TIME_RANGE},
			{0, INT64_C(12) * 293000, 0, 0, CS_ERR_TIME_RANGE},
		};

		for (i = 0; i < sizeof(far) / sizeof(far[0]); i++)
			ok(survives(add_gives, (void *) &far[i]),
					"cs_calendar_add(%lld, %lld months, %lld days) is CS_ERR_TIME_RANGE, without int64 overflow",
					(long long) far[i].t, (long long) far[i].months, (long long) far[i].days);
	}
}

/* ------------------------------------------------------------------------
 * The text form of times
 */

/* Check cs_format_time on fixed times. */
static void
test_format_time(void)
{
	static const struct
	{
		int64_t		t;
		CsTimeKind	kind;
		const char *text;
	}			cases[] = {
		{0, CS_TIME_INSTANT, "2000-01-01T00:00:00Z"},
		{0, CS_TIME_CALENDAR, "2000-01-01"},
		{1, CS_TIME_INSTANT, "2000-01-01T00:00:00.000001Z"},
		{1, CS_TIME_CALENDAR, "2000-01-01T00:00:00.000001"},
		{-1, CS_TIME_INSTANT, "1999-12-31T23:59:59.999999Z"},
		{-1, CS_TIME_CALENDAR, "1999-12-31T23:59:59.999999"},
		{INT64_C(500000), CS_TIME_INSTANT, "2000-01-01T00:00:00.5Z"},
		{INT64_C(120000), CS_TIME_INSTANT, "2000-01-01T00:00:00.12Z"},
		{INT64_C(9048) * CS_USECS_PER_DAY, CS_TIME_INSTANT, "2024-10-09T00:00:00Z"},
		{INT64_C(9048) * CS_USECS_PER_DAY, CS_TIME_CALENDAR, "2024-10-09"},
		{INT64_C(9048) * CS_USECS_PER_DAY + INT64_C(49500250000), CS_TIME_INSTANT, "2024-10-09T13:45:00.25Z"},
		{INT64_C(9048) * CS_USECS_PER_DAY + INT64_C(49500250000), CS_TIME_CALENDAR, "2024-10-09T13:45:00.25"},
		{INT64_C(9048) * CS_USECS_PER_DAY + INT64_C(60000000), CS_TIME_CALENDAR, "2024-10-09T00:01:00"},
		{INT64_C(8825) * CS_USECS_PER_DAY + INT64_C(43200000000), CS_TIME_INSTANT, "2024-02-29T12:00:00Z"},
		{-INT64_C(36465) * CS_USECS_PER_DAY, CS_TIME_INSTANT, "1900-03-01T00:00:00Z"},
		{-INT64_C(730485) * CS_USECS_PER_DAY, CS_TIME_INSTANT, "0000-01-01T00:00:00Z"},
		{-INT64_C(730485) * CS_USECS_PER_DAY, CS_TIME_CALENDAR, "0000-01-01"},
		{-INT64_C(730485) * CS_USECS_PER_DAY - 1, CS_TIME_CALENDAR, "-0001-12-31T23:59:59.999999"},
		{CS_TS_MIN, CS_TIME_INSTANT, "-4713-11-24T00:00:00Z"},
		{CS_TS_MIN, CS_TIME_CALENDAR, "-4713-11-24"},
		{CS_TS_END - 1, CS_TIME_INSTANT, "294276-12-31T23:59:59.999999Z"},
		{CS_TS_END - 1, CS_TIME_CALENDAR, "294276-12-31T23:59:59.999999"},
		{CS_TS_END - CS_USECS_PER_DAY, CS_TIME_CALENDAR, "294276-12-31"},
	};
	size_t		i;
	int64_t		bc = cs_days_from_civil(-43, 3, 15) * CS_USECS_PER_DAY;
	char		buf[CS_TIME_BUFLEN];

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		char	   *b = malloc(CS_TIME_BUFLEN);
		size_t		len = cs_format_time(cases[i].t, cases[i].kind, b);

		if (!ok(strcmp(b, cases[i].text) == 0 && len == strlen(b),
				"time %lld (%s) prints as %s", (long long) cases[i].t,
				cases[i].kind == CS_TIME_INSTANT ? "instant" : "calendar", cases[i].text))
			diag("got %s (length %zu)", q(b), len);
		free(b);
	}
	cs_format_time(bc, CS_TIME_CALENDAR, buf);
	ok(strcmp(buf, "-0043-03-15") == 0, "44 BC prints as year -0043 (got %s)", buf);
}

typedef struct TimeCase
{
	const char *in;
	int64_t		t;				/* microseconds, when it parses */
	CsTimeKind	kind;
	size_t		len;
	const char *detail;			/* a part of the detail, when it does not */
} TimeCase;

#define DAY(y, m, d) (cs_days_from_civil(y, m, d) * CS_USECS_PER_DAY)
#define HMS(h, m, s) (((int64_t) (h) * 3600 + (m) * 60 + (s)) * INT64_C(1000000))

/* Check cs_parse_time on fixed texts, good and bad. */
static void
test_parse_time(void)
{
	const TimeCase cases[] = {
		{"2024-10-09", DAY(2024, 10, 9), CS_TIME_CALENDAR, 10, NULL},
		{"2024-10-09T00:00:00Z", DAY(2024, 10, 9), CS_TIME_INSTANT, 20, NULL},
		{"2024-10-09 13:45", DAY(2024, 10, 9) + HMS(13, 45, 0), CS_TIME_CALENDAR, 16, NULL},
		{"2024-10-09T13:45:00.25", DAY(2024, 10, 9) + HMS(13, 45, 0) + 250000, CS_TIME_CALENDAR, 22, NULL},
		{"2024-10-09t13:45:00.25z", DAY(2024, 10, 9) + HMS(13, 45, 0) + 250000, CS_TIME_INSTANT, 23, NULL},
		{"2024-10-09T13:45:00.123456Z", DAY(2024, 10, 9) + HMS(13, 45, 0) + 123456, CS_TIME_INSTANT, 27, NULL},
		{"2024-10-09T13:45:00.000001", DAY(2024, 10, 9) + HMS(13, 45, 0) + 1, CS_TIME_CALENDAR, 26, NULL},
		{"2024-10-09T12:00:00+03", DAY(2024, 10, 9) + HMS(9, 0, 0), CS_TIME_INSTANT, 22, NULL},
		{"2024-10-09T12:00:00+0530", DAY(2024, 10, 9) + HMS(6, 30, 0), CS_TIME_INSTANT, 24, NULL},
		{"2024-10-09T12:00:00-01:30", DAY(2024, 10, 9) + HMS(13, 30, 0), CS_TIME_INSTANT, 25, NULL},
		{"2024-10-09T12:00:00+00", DAY(2024, 10, 9) + HMS(12, 0, 0), CS_TIME_INSTANT, 22, NULL},
		{"2024-10-09 12:00 +05:30", DAY(2024, 10, 9) + HMS(6, 30, 0), CS_TIME_INSTANT, 23, NULL},
		{"2024-10-09 12:00:00 Z", DAY(2024, 10, 9) + HMS(12, 0, 0), CS_TIME_INSTANT, 21, NULL},
		{"2024-10-09Z", DAY(2024, 10, 9), CS_TIME_INSTANT, 11, NULL},
		{"2024-10-09+02", DAY(2024, 10, 8) + HMS(22, 0, 0), CS_TIME_INSTANT, 13, NULL},
		{"2024-01-01T00:30:00+01", DAY(2023, 12, 31) + HMS(23, 30, 0), CS_TIME_INSTANT, 22, NULL},
		{"2024-12-31T23:00:00-15:59", DAY(2025, 1, 1) + HMS(14, 59, 0), CS_TIME_INSTANT, 25, NULL},
		{"-0043-03-15", DAY(-43, 3, 15), CS_TIME_CALENDAR, 11, NULL},
		{"0000-02-29", DAY(0, 2, 29), CS_TIME_CALENDAR, 10, NULL},
		{"+2024-10-09", DAY(2024, 10, 9), CS_TIME_CALENDAR, 11, NULL},
		{"02024-10-09", DAY(2024, 10, 9), CS_TIME_CALENDAR, 11, NULL},
		{"294276-12-31T23:59:59.999999Z", CS_TS_END - 1, CS_TIME_INSTANT, 29, NULL},
		{"294276-12-31T23:59:59.999999", CS_TS_END - 1, CS_TIME_CALENDAR, 28, NULL},
		{"-4713-11-24T00:00:00Z", CS_TS_MIN, CS_TIME_INSTANT, 21, NULL},
		{"-4713-11-24", CS_TS_MIN, CS_TIME_CALENDAR, 11, NULL},
		{"-4713-11-24T01:00:00+01", CS_TS_MIN, CS_TIME_INSTANT, 23, NULL},
		/* what follows a time is the caller's */
		{"2024-10-09 x", DAY(2024, 10, 9), CS_TIME_CALENDAR, 10, NULL},
		{"2024-10-09 ", DAY(2024, 10, 9), CS_TIME_CALENDAR, 10, NULL},
		{"2024-10-09,100", DAY(2024, 10, 9), CS_TIME_CALENDAR, 10, NULL},
		{"2024-10-09T13:45:00.", DAY(2024, 10, 9) + HMS(13, 45, 0), CS_TIME_CALENDAR, 19, NULL},
		{"2024-10-09 last=", DAY(2024, 10, 9), CS_TIME_CALENDAR, 10, NULL},
		{"2024-10-09T13:45:00Zx", DAY(2024, 10, 9) + HMS(13, 45, 0), CS_TIME_INSTANT, 20, NULL},
		/* bad */
		{"2024-02-30", 0, 0, 0, "The date at position 1 does not exist."},
		{"2023-02-29", 0, 0, 0, "does not exist"},
		{"2024-13-01", 0, 0, 0, "does not exist"},
		{"2024-00-10", 0, 0, 0, "does not exist"},
		{"2024-04-31", 0, 0, 0, "does not exist"},
		{"2024-10-00", 0, 0, 0, "does not exist"},
		{"-0001-02-29", 0, 0, 0, "does not exist"},
		{"2024-10-09T24:00", 0, 0, 0, "The time of day at position 1 does not exist."},
		{"2024-10-09T23:60", 0, 0, 0, "time of day"},
		{"2024-10-09T23:59:60", 0, 0, 0, "time of day"},
		{"2024-10-09T00:00:00.1234567", 0, 0, 0, "more than six fractional digits"},
		{"2024-10-09T00:00:00.1234567Z", 0, 0, 0, "more than six fractional digits"},
		{"294277-01-01", 0, 0, 0, "out of the range of timestamp with time zone"},
		{"294276-12-31T23:59:59.999999-01", 0, 0, 0, "out of the range"},
		{"-4713-11-23", 0, 0, 0, "out of the range"},
		{"-4713-11-24T00:30:00+01", 0, 0, 0, "out of the range"},
		{"9999999-01-01", 0, 0, 0, "out of the range"},
		{"-9999999-01-01", 0, 0, 0, "out of the range"},
		{"10000000-01-01", 0, 0, 0, "was expected at position 1"},
		{"24-01-01", 0, 0, 0, "YYYY-MM-DD"},
		{"2024-1-01", 0, 0, 0, "was expected"},
		{"2024-10-9", 0, 0, 0, "was expected"},
		{"2024/10/09", 0, 0, 0, "was expected"},
		{"2024-10-09T", 0, 0, 0, "was expected"},
		{"2024-10-09T1:00", 0, 0, 0, "was expected"},
		{"2024-10-09T10", 0, 0, 0, "was expected"},
		{"2024-10-09T10:00:0", 0, 0, 0, "was expected"},
		{"2024-10-09+16", 0, 0, 0, "The time zone offset at position 1 is out of range."},
		{"2024-10-09T00:00:00+05:60", 0, 0, 0, "offset"},
		{"2024-10-09+5", 0, 0, 0, "was expected"},
		{"2024-10-09T00:00:00+05:3", 0, 0, 0, "was expected"},
		{"", 0, 0, 0, "was expected at position 1"},
		{"January 1 2024", 0, 0, 0, "was expected"},
		{"--2024-10-09", 0, 0, 0, "was expected"},
	};
	size_t		i;
	const char *base = "(2024-02-30";
	char		err[CS_ERRBUF_LEN];
	int64_t		t;
	CsTimeKind	kind;
	size_t		len;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		const TimeCase *c = &cases[i];
		CsStatus	st;

		err[0] = '\0';
		t = 12345;
		len = 999;
		kind = (CsTimeKind) 7;
		st = cs_parse_time(c->in, c->in, &len, &t, &kind, err, sizeof(err));
		if (c->detail == NULL)
		{
			if (!ok(st == CS_OK && t == c->t && kind == c->kind && len == c->len,
					"time %s reads as %lld (%s), %zu bytes", q(c->in), (long long) c->t,
					c->kind == CS_TIME_INSTANT ? "instant" : "calendar", c->len))
				diag("got %s %lld kind %d, %zu bytes (%s)", status_name(st), (long long) t,
					 (int) kind, len, err);
		}
		else if (!ok(st == CS_ERR_SYNTAX && strstr(err, c->detail) != NULL && t == 12345,
					 "time %s is refused: \"%s\"", q(c->in), c->detail))
			diag("got %s %lld, detail \"%s\"", status_name(st), (long long) t, err);
	}
	err[0] = '\0';
	ok(cs_parse_time(base + 1, base, &len, &t, &kind, err, sizeof(err)) == CS_ERR_SYNTAX &&
	   strstr(err, "position 2") != NULL, "time details count positions from base (%s)", err);
	ok(cs_parse_time("2024-02-30", "2024-02-30", &len, &t, &kind, NULL, 0) == CS_ERR_SYNTAX,
	   "cs_parse_time accepts a NULL detail buffer");
}

#undef DAY
#undef HMS

/* Check that random times of both kinds, and with offsets, read back. */
static void
test_time_round_trips(int rounds)
{
	int			bad = 0,
				bad_off = 0,
				r;

	for (r = 0; r < rounds; r++)
	{
		int64_t		t = random_time(),
					back = 0;
		CsTimeKind	kind = (next_random() & 1) ? CS_TIME_INSTANT : CS_TIME_CALENDAR,
					kback;
		char	   *buf = malloc(CS_TIME_BUFLEN);
		size_t		len = cs_format_time(t, kind, buf),
					blen = 0;

		if (cs_parse_time(buf, buf, &blen, &back, &kback, NULL, 0) != CS_OK ||
			back != t || kback != kind || blen != len || len != strlen(buf) ||
			len >= CS_TIME_BUFLEN)
		{
			if (bad++ < 3)
				diag("%lld (%d) prints as %s and reads as %lld (%d)", (long long) t, (int) kind,
					 q(buf), (long long) back, (int) kback);
		}

		/* the same instant written as local time with an offset */
		{
			int			off = (int) rnd_range(-15 * 60 - 59, 15 * 60 + 59);
			int64_t		local = t + (int64_t) off * 60000000;
			char		text[CS_TIME_BUFLEN + 16];
			size_t		n;

			if (cs_time_in_range(local))
			{
				n = cs_format_time(local, CS_TIME_CALENDAR, text);
				if (n == 10)
					n += (size_t) sprintf(text + n, "T00:00");
				switch (next_random() % 3)
				{
					case 0:
						sprintf(text + n, "%c%02d:%02d", off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
						break;
					case 1:
						sprintf(text + n, " %c%02d%02d", off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
						break;
					default:
						if (off % 60 == 0)
							sprintf(text + n, "%c%02d", off < 0 ? '-' : '+', abs(off) / 60);
						else
							sprintf(text + n, "%c%02d:%02d", off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
						break;
				}
				if (cs_parse_time(text, text, &blen, &back, &kback, NULL, 0) != CS_OK ||
					back != t || kback != CS_TIME_INSTANT || blen != strlen(text))
				{
					if (bad_off++ < 3)
						diag("%s should read as %lld, reads as %lld", q(text), (long long) t, (long long) back);
				}
			}
		}
		free(buf);
	}
	ok(bad == 0, "%d random times of both kinds print and read back exactly (%d bad)", rounds, bad);
	ok(bad_off == 0, "the same instants written with random offsets read back in UTC (%d bad)", bad_off);
}

/* ------------------------------------------------------------------------
 * key=value forms
 */

/* a small summary to exercise every field kind */
typedef struct KvTest
{
	int64_t		count;
	int64_t		when;
	double		x;
	uint8_t		flags;
	uint8_t		pad[7];
	int64_t		later;
} KvTest;

#define KF(key, kind, member) {key, kind, offsetof(KvTest, member), 0}
static const CsField kv_fields[] = {
	KF("count", CS_FIELD_COUNT, count),
	KF("when", CS_FIELD_TIME, when),
	KF("x", CS_FIELD_DOUBLE, x),
	{"flag", CS_FIELD_FLAG, offsetof(KvTest, flags), 0x04},
	KF("later", CS_FIELD_TIME, later),
};
static const CsField kv_no_time[] = {
	KF("count", CS_FIELD_COUNT, count),
	KF("x", CS_FIELD_DOUBLE, x),
};
#undef KF

#define NKV		(sizeof(kv_fields) / sizeof(kv_fields[0]))

/* Parse text into a zeroed KvTest. */
static CsStatus
kv_parse(const char *text, KvTest *v, CsTimeKind *kind, char *err)
{
	memset(v, 0, sizeof(*v));
	if (err != NULL)
		err[0] = '\0';
	return cs_kv_parse(text, kv_fields, NKV, v, kind, err, err ? CS_ERRBUF_LEN : 0);
}

/* Check cs_kv_parse and cs_kv_format. */
static void
test_kv(int rounds)
{
	KvTest		v,
				w;
	CsTimeKind	kind;
	char		buf[CS_KV_BUFLEN];
	char		err[CS_ERRBUF_LEN];
	size_t		len;
	int			bad = 0,
				r;
	static const struct
	{
		const char *text;
		const char *detail;
	}			bad_texts[] = {
		{"", "The text ends before \"count=\"."},
		{"   ", "ends before \"count=\""},
		{"count=3", "The text ends before \"when=\"."},
		{"count=3 when=2024-10-09T00:00:00Z x=0.1 flag=1", "ends before \"later=\""},
		{"count=3 x=0.1 when=2024-10-09T00:00:00Z flag=1 later=2024-10-10T12:00:00Z",
		"\"when=\" was expected at position 9."},
		{"when=2024-10-09T00:00:00Z count=3", "\"count=\" was expected at position 1."},
		{"count=3 when=2024-10-09T00:00:00Z x=0.1 flag=1 later=2024-10-10T12:00:00Z x",
		"Unexpected text at position 75."},
		{"count=3 when=2024-10-09T00:00:00Z x=0.1 flag=1 later=2024-10-10T12:00:00Z later=2024-10-10",
		"Unexpected text"},
		{"count=3 when=2024-10-09T00:00:00Z x=0.1 flag=1 later=2024-10-10T12:00:00",
		"is a calendar time, the times before it instants: a value holds times of one kind"},
		{"count=3 when=2024-10-09 x=0.1 flag=1 later=2024-10-10T12:00:00Z",
		"is an instant, the times before it calendar times"},
		{"count=3when=2024-10-09 x=0.1 flag=1 later=2024-10-10", "Unexpected text after \"count=\" at position 8."},
		{"count=3 when=2024-10-09x x=0.1 flag=1 later=2024-10-10", "Unexpected text after \"when=\""},
		{"count=3 when=2024-10-09 x=0.1 flag=2 later=2024-10-10", "0 or 1 was expected after \"flag=\""},
		{"count=3 when=2024-10-09 x=0.1 flag=10 later=2024-10-10", "Unexpected text after \"flag=\""},
		{"count=-3 when=2024-10-09 x=0.1 flag=1 later=2024-10-10", "A count (digits 0 to 9) was expected at position 7."},
		{"count=9223372036854775808 when=2024-10-09 x=0.1 flag=1 later=2024-10-10", "is too large"},
		{"count= 3 when=2024-10-09 x=0.1 flag=1 later=2024-10-10", "A count"},
		{"count=3 when=2024-10-09 x=nan flag=1 later=2024-10-10", "A number was expected"},
		{"count=3 when=2024-10-09 x=1e400 flag=1 later=2024-10-10", "out of range"},
		{"count=3 when=2024-10-09 x=0x1p3 flag=1 later=2024-10-10", "hexadecimal"},
		{"count=3 when=2024-10-09 x=1. flag=1 later=2024-10-10", "Unexpected text after \"x=\""},
		{"count=3 when=2024-02-30 x=0.1 flag=1 later=2024-10-10", "does not exist"},
		{"count=3 when=2024-10-09 x=0.1 flag=1 later=", "was expected"},
		{"count=3 when=2024-10-09 x=0.1 flag=1 later", "\"later=\" was expected"},
		{"count=3 when=2024-10-09 x=0.1 flag= 1 later=2024-10-10", "0 or 1 was expected"},
		{"Count=3 when=2024-10-09 x=0.1 flag=1 later=2024-10-10", "\"count=\" was expected"},
		{"count =3 when=2024-10-09 x=0.1 flag=1 later=2024-10-10", "\"count=\" was expected"},
	};
	size_t		i;

	memset(&v, 0, sizeof(v));
	v.count = 3;
	v.when = INT64_C(9048) * CS_USECS_PER_DAY;
	v.x = 0.1;
	v.flags = 0x04 | 0x01;		/* 0x01 is not the field's bit */
	v.later = INT64_C(9049) * CS_USECS_PER_DAY + INT64_C(43200000000);
	len = cs_kv_format(kv_fields, NKV, &v, CS_TIME_INSTANT, buf);
	ok(strcmp(buf, "count=3 when=2024-10-09T00:00:00Z x=0.1 flag=1 later=2024-10-10T12:00:00Z") == 0 &&
	   len == strlen(buf), "cs_kv_format writes the items in order, instants in UTC (%s)", buf);
	ok(kv_parse(buf, &w, &kind, err) == CS_OK && kind == CS_TIME_INSTANT && w.count == 3 &&
	   w.when == v.when && w.x == 0.1 && w.flags == 0x04 && w.later == v.later,
	   "cs_kv_parse reads it back, instants, the flag's bit alone");
	len = cs_kv_format(kv_fields, NKV, &v, CS_TIME_CALENDAR, buf);
	ok(strcmp(buf, "count=3 when=2024-10-09 x=0.1 flag=1 later=2024-10-10T12:00:00") == 0 &&
	   len == strlen(buf), "cs_kv_format writes calendar times without a zone (%s)", buf);
	ok(kv_parse(buf, &w, &kind, err) == CS_OK && kind == CS_TIME_CALENDAR && w.when == v.when &&
	   w.later == v.later, "cs_kv_parse reads calendar times and says so");
	v.flags = 0;
	v.x = -0.0;
	cs_kv_format(kv_fields, NKV, &v, CS_TIME_INSTANT, buf);
	ok(strstr(buf, "x=-0 flag=0") != NULL && kv_parse(buf, &w, &kind, err) == CS_OK &&
	   same_double(w.x, -0.0) && w.flags == 0, "-0 and a clear flag read back (%s)", buf);
	ok(kv_parse("  count=0\twhen=2024-10-09T00:00:00+02  x=6e5 \n flag=0 later=2024-10-09 03:00Z \n",
				&w, &kind, err) == CS_OK && w.count == 0 && w.x == 600000 &&
	   w.when == v.when - INT64_C(7200000000) && w.later == v.when + INT64_C(10800000000) &&
	   kind == CS_TIME_INSTANT, "white space around and between items, offsets, exponents (%s)", err);
	ok(kv_parse("count=3 when=2024-10-09+00 x=1 flag=1 later=2024-10-10Z", &w, &kind, err) == CS_OK &&
	   kind == CS_TIME_INSTANT, "any offset makes an instant");
	{
		KvTest		z;

		memset(&z, 0, sizeof(z));
		ok(cs_kv_parse("count=7 x=2.5", kv_no_time, 2, &z, &kind, NULL, 0) == CS_OK &&
		   kind == CS_TIME_INSTANT && z.count == 7 && z.x == 2.5,
		   "without time fields the kind is CS_TIME_INSTANT (and a NULL detail buffer is fine)");
		cs_kv_format(kv_no_time, 2, &z, CS_TIME_CALENDAR, buf);
		ok(strcmp(buf, "count=7 x=2.5") == 0, "cs_kv_format of two items: %s", buf);
	}
	for (i = 0; i < sizeof(bad_texts) / sizeof(bad_texts[0]); i++)
	{
		CsStatus	st = kv_parse(bad_texts[i].text, &w, &kind, err);

		if (!ok(st == CS_ERR_SYNTAX && strstr(err, bad_texts[i].detail) != NULL,
				"key=value text %s is refused: \"%s\"", q(bad_texts[i].text), bad_texts[i].detail))
			diag("got %s, detail \"%s\"", status_name(st), err);
	}

	/* random values of either kind read back bit for bit */
	for (r = 0; r < rounds; r++)
	{
		KvTest	   *a = calloc(1, sizeof(KvTest));
		KvTest	   *b = malloc(sizeof(KvTest));
		char	   *text = malloc(CS_KV_BUFLEN);
		uint64_t	bits = next_random();
		CsTimeKind	k = (next_random() & 1) ? CS_TIME_INSTANT : CS_TIME_CALENDAR;

		a->count = (int64_t) (next_random() >> (1 + next_random() % 63));
		a->when = random_time();
		memcpy(&a->x, &bits, sizeof(double));
		if (!isfinite(a->x))
			a->x = random_mixed_double();
		a->flags = (next_random() & 1) ? 0x04 : 0;
		a->later = random_time();
		len = cs_kv_format(kv_fields, NKV, a, k, text);
		memset(b, 0, sizeof(*b));
		if (len != strlen(text) || len >= CS_KV_BUFLEN ||
			cs_kv_parse(text, kv_fields, NKV, b, &kind, NULL, 0) != CS_OK ||
			kind != k || memcmp(a, b, sizeof(KvTest)) != 0)
		{
			if (bad++ < 3)
				diag("%s does not read back", q(text));
		}
		free(a);
		free(b);
		free(text);
	}
	ok(bad == 0, "%d random key=value values of both kinds read back bit for bit (%d bad)", rounds, bad);
}

/* ------------------------------------------------------------------------
 * The codecs driven by a type's descriptor, and the wire helpers
 */

/* a small fixed-size type, its wire fields in another order than stored */
typedef struct DescTest
{
	uint8_t		version;		/* 1 */
	uint8_t		flags;			/* 0x01 calendar, 0x02 marked */
	uint8_t		reserved[6];
	int64_t		n;
	int64_t		at;
	double		x;
} DescTest;

CS_ASSERT_HEADER(DescTest);

/* Check a DescTest: version, flags, reserved bytes, a count, a finite x >= 0. */
static CsStatus
desc_check(const void *value, const char **detail)
{
	const DescTest *v = value;

	if (v->version != 1)
		return (*detail = "The format version is unknown.", CS_ERR_INVALID);
	if ((v->flags & ~0x03) != 0)
		return (*detail = "Unknown flag bits are set.", CS_ERR_INVALID);
	if (!cs_all_zero(v->reserved, sizeof(v->reserved)))
		return (*detail = "Reserved bytes are not zero.", CS_ERR_INVALID);
	if (v->n < 0)
		return (*detail = "The count is negative.", CS_ERR_INVALID);
	if (!isfinite(v->x) || v->x < 0)
		return (*detail = "x is not a finite number >= 0.", CS_ERR_INVALID);
	return CS_OK;
}

/* Read "none" alone as the zero value. */
static CsStatus
desc_special(const char *str, void *v, char *errbuf, size_t errlen)
{
	(void) v;
	(void) errbuf;
	(void) errlen;
	return strcmp(cs_skip_space(str), "none") == 0 ? CS_OK : CS_NONE;
}

/* Refuse n=0 written as items. */
static CsStatus
desc_refuse(const void *v, char *errbuf, size_t errlen)
{
	if (((const DescTest *) v)->n == 0)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "Zero is written \"none\".");
	return CS_OK;
}

/* Write n=0 as "none". */
static size_t
desc_format_special(const void *v, char *buf)
{
	return ((const DescTest *) v)->n == 0 ? (size_t) sprintf(buf, "none") : 0;
}

#define DF(key, kind, member) {key, kind, offsetof(DescTest, member), 0}
static const CsField desc_text[] = {
	DF("n", CS_FIELD_COUNT, n),
	DF("at", CS_FIELD_TIME, at),
	DF("x", CS_FIELD_DOUBLE, x),
	{"mark", CS_FIELD_FLAG, offsetof(DescTest, flags), 0x02},
};
#undef DF

#define DW(kind, member) {kind, offsetof(DescTest, member)}
static const CsWireField desc_wire[] = {
	DW(CS_WIRE_BYTE, version),
	DW(CS_WIRE_BYTE, flags),
	DW(CS_WIRE_FLOAT8, x),
	DW(CS_WIRE_INT64, n),
	DW(CS_WIRE_INT64, at),
};
#undef DW

static const CsTypeDesc desc_plain = {
	.name = "desc_test",
	.size = sizeof(DescTest),
	.version = 1,
	.flag_mask = 0x03,
	.calendar_flag = 0x01,
	CS_DESC_TEXT(desc_text),
	CS_DESC_WIRE(desc_wire),
	.check = desc_check,
};

/* Say whether text parses as type t to a value byte for byte equal to want. */
static int
desc_reads_as(const CsTypeDesc *t, const char *text, const DescTest *want)
{
	DescTest	got;
	char		err[CS_ERRBUF_LEN];

	memset(&got, 0xa5, sizeof(got));
	if (cs_text_parse(t, text, &got, err, sizeof(err)) != CS_OK)
	{
		diag("%s: %s", q(text), err);
		return 0;
	}
	return memcmp(&got, want, sizeof(got)) == 0;
}

/* Say whether text of type t is refused as CS_ERR_SYNTAX with a detail holding want. */
static int
desc_refused(const CsTypeDesc *t, const char *text, const char *want)
{
	DescTest	got;
	char		err[CS_ERRBUF_LEN];
	CsStatus	st;

	err[0] = '\0';
	st = cs_text_parse(t, text, &got, err, sizeof(err));
	if (st == CS_ERR_SYNTAX && strstr(err, want) != NULL)
		return 1;
	diag("%s: %s, \"%s\"", q(text), status_name(st), err);
	return 0;
}

/* Check cs_type_init, cs_text_parse and cs_text_format over a descriptor. */
static void
test_desc_text(void)
{
	CsTypeDesc	desc_hooked = desc_plain;
	DescTest	v,
				zero;
	char		buf[CS_KV_BUFLEN];
	size_t		len;

	desc_hooked.text_special = desc_special;
	desc_hooked.text_refuse = desc_refuse;
	desc_hooked.format_special = desc_format_special;

	memset(&v, 0xff, sizeof(v));
	cs_type_init(&desc_plain, &v);
	memset(&zero, 0, sizeof(zero));
	zero.version = 1;
	ok(memcmp(&v, &zero, sizeof(v)) == 0, "cs_type_init: every byte zero but the version");

	v.n = 2;
	v.at = INT64_C(9048) * CS_USECS_PER_DAY;
	v.x = 0.5;
	v.flags = 0x02;
	len = cs_text_format(&desc_plain, &v, buf);
	ok(len == strlen(buf) && strcmp(buf, "n=2 at=2024-10-09T00:00:00Z x=0.5 mark=1") == 0,
	   "cs_text_format writes the items, instants without the calendar flag (%s)", buf);
	ok(desc_reads_as(&desc_plain, buf, &v), "cs_text_parse reads them back byte for byte");
	v.flags = 0x01;
	cs_text_format(&desc_plain, &v, buf);
	ok(strcmp(buf, "n=2 at=2024-10-09 x=0.5 mark=0") == 0,
	   "the calendar flag writes calendar times (%s)", buf);
	ok(desc_reads_as(&desc_plain, buf, &v), "calendar times read back set the calendar flag");
	ok(desc_refused(&desc_plain, "n=2 at=2024-10-09 x=-1 mark=0", "x is not a finite number >= 0."),
	   "what the check refuses is CS_ERR_SYNTAX with the check's detail");
	ok(desc_refused(&desc_plain, "n=2 at=2024-10-09", "The text ends before \"x=\"."),
	   "the items' own errors come through");

	/* the hooks */
	v.n = 0;
	v.flags = 0;
	ok(cs_text_format(&desc_plain, &v, buf) > 0 && strcmp(buf, "n=0 at=2024-10-09T00:00:00Z x=0.5 mark=0") == 0,
	   "without hooks a zero count is written as items");
	ok(desc_reads_as(&desc_plain, buf, &v), "... and read back");
	ok(desc_refused(&desc_hooked, buf, "Zero is written \"none\"."), "text_refuse refuses it with a hook");
	ok(cs_text_format(&desc_hooked, &zero, buf) == 4 && strcmp(buf, "none") == 0,
	   "format_special writes a form of its own");
	ok(desc_reads_as(&desc_hooked, "  none", &zero), "text_special reads it as cs_type_init's value");
	v.n = 1;
	cs_text_format(&desc_hooked, &v, buf);
	ok(strncmp(buf, "n=1 ", 4) == 0 && desc_reads_as(&desc_hooked, buf, &v),
	   "other values still go through the items (%s)", buf);
	ok(desc_refused(&desc_hooked, "nothing", "\"n=\" was expected at position 1."),
	   "text_special's CS_NONE hands over to the items");
}

/* Check cs_wire_size, cs_wire_encode and cs_wire_decode over a descriptor. */
static void
test_desc_wire(void)
{
	static const uint8_t want[] = {
		0x01, 0x03,
		0x3f, 0xe0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* x = 0.5 */
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,	/* n = 2 */
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,	/* at = -2 */
	};
	uint8_t		wire[sizeof(want) + 1];
	DescTest	v,
				w;
	char		err[CS_ERRBUF_LEN];
	CsStatus	st;

	memset(&v, 0, sizeof(v));
	v.version = 1;
	v.flags = 0x03;
	v.n = 2;
	v.at = -2;
	v.x = 0.5;
	ok(cs_wire_size(&desc_plain) == sizeof(want), "cs_wire_size: two bytes and three 8-byte fields");
	ok(cs_wire_encode(&desc_plain, &v, wire) == sizeof(want) && memcmp(wire, want, sizeof(want)) == 0,
	   "cs_wire_encode writes the wire fields in their order, big-endian");
	memset(&w, 0xa5, sizeof(w));
	ok(cs_wire_decode(&desc_plain, want, sizeof(want), &w, err, sizeof(err)) == CS_OK &&
	   memcmp(&v, &w, sizeof(v)) == 0, "cs_wire_decode reads them back, reserved bytes zero");
	wire[sizeof(want)] = 0;
	st = cs_wire_decode(&desc_plain, wire, sizeof(want) + 1, &w, err, sizeof(err));
	ok(st == CS_ERR_SYNTAX && strcmp(err, "The message holds 27 bytes, but a desc_test value takes 26.") == 0,
	   "a message too long is refused: %s", err);
	st = cs_wire_decode(&desc_plain, wire, sizeof(want) - 1, &w, err, sizeof(err));
	ok(st == CS_ERR_SYNTAX && strstr(err, "holds 25 bytes") != NULL, "a message too short is refused: %s", err);
	ok(cs_wire_decode(&desc_plain, wire, 0, &w, NULL, 0) == CS_ERR_SYNTAX, "so is an empty one");
	wire[0] = 2;
	st = cs_wire_decode(&desc_plain, wire, sizeof(want), &w, err, sizeof(err));
	ok(st == CS_ERR_SYNTAX && strcmp(err, "The format version is unknown.") == 0,
	   "what the check refuses is CS_ERR_SYNTAX with the check's detail: %s", err);
	wire[0] = 1;
	wire[2] = 0xbf;				/* x = -0.5 */
	ok(cs_wire_decode(&desc_plain, wire, sizeof(want), &w, err, sizeof(err)) == CS_ERR_SYNTAX &&
	   strcmp(err, "x is not a finite number >= 0.") == 0, "the check sees every field: %s", err);
}

/* count the calls of the progress hook */
static int	progress_calls;

/* Count a call of the progress hook. */
static void
count_progress(void)
{
	progress_calls++;
}

/* a row as a series and the sparkline state keep one */
typedef struct RowTest
{
	int64_t		at;
	double		value;
} RowTest;

CS_ASSERT_ROW(RowTest, at, value);

/* Check cs_put_float8, cs_get_float8 and the wire form of rows. */
static void
test_wire_rows(void)
{
	static const uint8_t want[] = {
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x40, 0x59, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0xf8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x4e,
	};
	RowTest		r[3],
				back[3];
	uint8_t		buf[sizeof(want)];
	uint8_t		d[8];
	uint64_t	marker = UINT64_C(0x7ff800000000004e);
	size_t		n = 70000,
				i;
	RowTest    *many = calloc(n, sizeof(RowTest));
	uint8_t    *wire = malloc(n * CS_WIRE_ROW_SIZE);

	cs_put_float8(d, -0.0);
	ok(memcmp(d, "\x80\0\0\0\0\0\0\0", 8) == 0 && same_double(cs_get_float8(d), -0.0),
	   "cs_put_float8 writes a double's bits big-endian, and cs_get_float8 reads them");
	r[0].at = 1;
	r[0].value = 100;
	r[1].at = -1;
	r[1].value = -0.0;
	r[2].at = INT64_MAX;
	memcpy(&r[2].value, &marker, sizeof(marker));
	cs_wire_put_rows(buf, r, 3);
	ok(memcmp(buf, want, sizeof(want)) == 0, "cs_wire_put_rows writes (time, value bits) big-endian");
	cs_wire_get_rows(buf, back, 3);
	ok(memcmp(r, back, sizeof(r)) == 0, "cs_wire_get_rows reads them back, -0 and a NaN's bits kept");

	progress_calls = 0;
	cs_progress_hook = count_progress;
	for (i = 0; i < n; i++)
	{
		many[i].at = (int64_t) i;
		many[i].value = (double) i / 3;
	}
	cs_wire_put_rows(wire, many, n);
	ok(progress_calls == 1, "cs_wire_put_rows calls cs_progress every 65536 rows (%d)", progress_calls);
	memset(many, 0, n * sizeof(RowTest));
	cs_wire_get_rows(wire, many, n);
	ok(progress_calls == 2 && many[n - 1].at == (int64_t) (n - 1) && many[n - 1].value == (double) (n - 1) / 3,
	   "... and so does cs_wire_get_rows (%d)", progress_calls);

	back[0].value = -0.0;
	cs_rows_plus_zero(back, 3);
	ok(same_double(back[0].value, 0.0) && back[0].at == 1 && same_double(back[1].value, 0.0) &&
	   back[1].at == -1 && memcmp(&back[2].value, &marker, sizeof(marker)) == 0,
	   "cs_rows_plus_zero turns -0 values into +0 and leaves times and other values");
	many[n - 1].value = -0.0;
	cs_rows_plus_zero(many, n);
	ok(progress_calls == 3 && same_double(many[n - 1].value, 0.0),
	   "... calling cs_progress every 65536 rows (%d)", progress_calls);
	cs_progress_hook = NULL;
	free(many);
	free(wire);
}

/* Run every check; the exit status says whether one failed. */
int
main(void)
{
	const char *seed = getenv("CS_TEST_SEED");
	const char *rounds_env = getenv("CS_TEST_ROUNDS");
	int			rounds = rounds_env ? atoi(rounds_env) : 200000;

	/* line-buffered so no TAP line is lost if a sanitizer aborts */
	setvbuf(stdout, NULL, _IOLBF, 0);
	unit_rng = 0x9E3779B97F4A7C15ULL;
	if (seed)
		unit_rng = strtoull(seed, NULL, 0) | 1;
	printf("# seed 0x%016llx, %d random rounds\n", (unsigned long long) unit_rng, rounds);

	test_error_helpers();
	test_clip_len();
	test_detail_encoding();
	test_number_cases();
	test_decimal_parts();
	test_number_random(rounds);
	test_number_long();
	test_format_double(rounds);
	test_calendar();
	test_calendar_add(rounds);
	test_format_time();
	test_parse_time();
	test_time_round_trips(rounds);
	test_kv(rounds / 10);
	test_desc_text();
	test_desc_wire();
	test_wire_rows();
	return done_testing();
}
