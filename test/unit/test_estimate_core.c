/*
 * test_estimate_core.c
 *		Unit tests of the plain-C estimate core (src/estimate_core.c): every
 *		input form (qualifier words and symbols, ranges, scale words,
 *		fractions, percentages, thousands separators, the white space and
 *		minus sign of typeset text), the bad neighbours of each with their
 *		details (valid UTF-8 however cut), canonical output, round trips of
 *		random values, number layout, validation, ordering, interval
 *		arithmetic, the text for people, and the operations of 1.1 by their
 *		properties over random figures (estimate times and over estimate
 *		against a reference, within, round, describe with digits).
 *
 * Prints TAP.  Built by test/Makefile with AddressSanitizer and UBSan,
 * linked with the common layer and libpgcommon, which holds PostgreSQL's
 * shortest double formatter (float8out's): the reference for number layout
 * here.  The random parts use a fixed seed; set EST_TEST_SEED to vary it
 * and EST_TEST_ROUNDS to change how many random values are tried.
 */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "estimate_core.h"
#include "tap.h"
#include "unit.h"

/* Quote a string for a test name: escapes control characters, truncates. */
static const char *
q(const char *s)
{
	static char bufs[4][128];
	static int	which = 0;
	char	   *b = bufs[which++ % 4];
	size_t		n = 0;

	b[n++] = '"';
	for (; *s && n < sizeof(bufs[0]) - 8; s++)
	{
		unsigned char c = (unsigned char) *s;

		if (c == '\n')
			n += sprintf(b + n, "\\n");
		else if (c == '\t')
			n += sprintf(b + n, "\\t");
		else if (c < 0x20 || c >= 0x7f)
			n += sprintf(b + n, "\\x%02x", c);
		else
			b[n++] = (char) c;
	}
	if (*s)
		n += sprintf(b + n, "...");
	b[n++] = '"';
	b[n] = '\0';
	return b;
}

/* Name a status for diagnostics. */
/* Bitwise equality of doubles (so -0 differs from +0). */
/* Byte equality of two stored values. */
static int
same_value(const EstimateValue *a, const EstimateValue *b)
{
	return memcmp(a, b, sizeof(EstimateValue)) == 0;
}

/* Canonical text of a value, in a static buffer (one of four). */
static const char *
fmt(const EstimateValue *v)
{
	static char bufs[4][EST_TEXT_BUFLEN];
	static int	which = 0;
	char	   *b = bufs[which++ % 4];

	est_format(v, b);
	return b;
}

/* Show the parts of a value as a diagnostic. */
static void
diag_value(const char *label, const EstimateValue *v)
{
	diag("%s: best=%.17g low=%.17g high=%.17g flags=0x%02x version=%u",
		 label, v->best, v->low, v->high, v->flags, v->version);
}

/* Parse text that must be good; a failure is reported by the caller. */
static EstimateValue
P(const char *s)
{
	EstimateValue v;
	char		err[256] = "";
	CsStatus	st;

	memset(&v, 0x7f, sizeof(v));
	st = est_parse(s, &v, err, sizeof(err), NULL);
	if (st != CS_OK)
	{
		diag("setup: %s does not parse: %s (%s)", q(s), status_name(st), err);
		memset(&v, 0, sizeof(v));
		v.version = EST_VERSION;
	}
	return v;
}

/* ------------------------------------------------------------------------
 * Good input: the documented forms and their canonical output
 */

#define U 'U'					/* side unbounded */
#define I 'I'					/* inclusive bound */
#define X 'X'					/* exclusive bound */

typedef struct GoodCase
{
	const char *in;
	double		best;
	char		lowkind;
	double		low;
	char		highkind;
	double		high;
	const char *canon;
	const char *qual;
} GoodCase;

static const GoodCase good_cases[] = {
	/* the documented forms, one of each */
	{"600000", 600000, I, 600000, I, 600000, "600000", "exact"},
	{"~600000", 600000, U, 0, U, 0, "~600000", "about"},
	{"about 600000", 600000, U, 0, U, 0, "~600000", "about"},
	{"some 600000", 600000, U, 0, U, 0, "~600000", "about"},
	{">600000", 600000, X, 600000, U, 0, ">600000", "more than"},
	{"more than 600000", 600000, X, 600000, U, 0, ">600000", "more than"},
	{"over 600000", 600000, X, 600000, U, 0, ">600000", "more than"},
	{">=600000", 600000, I, 600000, U, 0, ">=600000", "at least"},
	{"at least 600000", 600000, I, 600000, U, 0, ">=600000", "at least"},
	{"<600000", 600000, U, 0, X, 600000, "<600000", "fewer than"},
	{"fewer than 600000", 600000, U, 0, X, 600000, "<600000", "fewer than"},
	{"less than 600000", 600000, U, 0, X, 600000, "<600000", "fewer than"},
	{"<=600000", 600000, U, 0, I, 600000, "<=600000", "at most"},
	{"at most 600000", 600000, U, 0, I, 600000, "<=600000", "at most"},
	{"up to 600000", 600000, U, 0, I, 600000, "<=600000", "at most"},
	{"as many as 600000", 600000, U, 0, I, 600000, "<=600000", "at most"},
	{"500000..700000", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"500000 to 700000", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"between 500000 and 700000", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"615000 (500000..700000)", 615000, I, 500000, I, 700000, "615000 [500000,700000]", "range"},
	{"615000 [500000,700000]", 615000, I, 500000, I, 700000, "615000 [500000,700000]", "range"},
	{"20 [15,)", 20, I, 15, U, 0, "20 [15,)", "range"},
	{"601000 (600000,)", 601000, X, 600000, U, 0, "601000 (600000,)", "range"},
	{"5 (,10]", 5, U, 0, I, 10, "5 (,10]", "range"},

	/* case-insensitive words */
	{"ABOUT 600000", 600000, U, 0, U, 0, "~600000", "about"},
	{"Some 600000", 600000, U, 0, U, 0, "~600000", "about"},
	{"MORE THAN 600000", 600000, X, 600000, U, 0, ">600000", "more than"},
	{"More Than 600000", 600000, X, 600000, U, 0, ">600000", "more than"},
	{"OVER 600000", 600000, X, 600000, U, 0, ">600000", "more than"},
	{"At Least 600000", 600000, I, 600000, U, 0, ">=600000", "at least"},
	{"FEWER THAN 600000", 600000, U, 0, X, 600000, "<600000", "fewer than"},
	{"Less Than 600000", 600000, U, 0, X, 600000, "<600000", "fewer than"},
	{"AT MOST 600000", 600000, U, 0, I, 600000, "<=600000", "at most"},
	{"Up To 600000", 600000, U, 0, I, 600000, "<=600000", "at most"},
	{"AS MANY AS 600000", 600000, U, 0, I, 600000, "<=600000", "at most"},
	{"500000 TO 700000", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"BETWEEN 500000 AND 700000", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"Between 500000 And 700000", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"2.5E3", 2500, I, 2500, I, 2500, "2500", "exact"},

	/* white space around and between tokens */
	{"  600000  ", 600000, I, 600000, I, 600000, "600000", "exact"},
	{"\t600000\n", 600000, I, 600000, I, 600000, "600000", "exact"},
	{">= 600000", 600000, I, 600000, U, 0, ">=600000", "at least"},
	{" > 600000 ", 600000, X, 600000, U, 0, ">600000", "more than"},
	{"<= 600000", 600000, U, 0, I, 600000, "<=600000", "at most"},
	{"< 600000", 600000, U, 0, X, 600000, "<600000", "fewer than"},
	{"~ 600000", 600000, U, 0, U, 0, "~600000", "about"},
	{"more   than\t600000", 600000, X, 600000, U, 0, ">600000", "more than"},
	{"  as  many\tas  600000 ", 600000, U, 0, I, 600000, "<=600000", "at most"},
	{"500000 .. 700000", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"  between  500000  and  700000  ", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"615000 ( 500000 .. 700000 )", 615000, I, 500000, I, 700000, "615000 [500000,700000]", "range"},
	{"615000(500000..700000)", 615000, I, 500000, I, 700000, "615000 [500000,700000]", "range"},
	{" 615000  [ 500000 , 700000 ] ", 615000, I, 500000, I, 700000, "615000 [500000,700000]", "range"},
	{"615000[500000,700000]", 615000, I, 500000, I, 700000, "615000 [500000,700000]", "range"},
	{"20 [ 15 , )", 20, I, 15, U, 0, "20 [15,)", "range"},
	{"20[15,)", 20, I, 15, U, 0, "20 [15,)", "range"},
	{"5 ( , 10 ]", 5, U, 0, I, 10, "5 (,10]", "range"},

	/* thousands separators (outside the general form's brackets) */
	{"600,000", 600000, I, 600000, I, 600000, "600000", "exact"},
	{"1,234,567", 1234567, I, 1234567, I, 1234567, "1234567", "exact"},
	{"1,234.5", 1234.5, I, 1234.5, I, 1234.5, "1234.5", "exact"},
	{"-1,000", -1000, I, -1000, I, -1000, "-1000", "exact"},
	{"+1,000", 1000, I, 1000, I, 1000, "1000", "exact"},
	{"~600,000", 600000, U, 0, U, 0, "~600000", "about"},
	{"more than 600,000", 600000, X, 600000, U, 0, ">600000", "more than"},
	{">=600,000", 600000, I, 600000, U, 0, ">=600000", "at least"},
	{"500,000..700,000", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"500,000 to 700,000", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"between 500,000 and 700,000", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"615,000 [500000,700000]", 615000, I, 500000, I, 700000, "615000 [500000,700000]", "range"},
	{"1,000,000 (999999,)", 1000000, X, 999999, U, 0, "1000000 (999999,)", "range"},
	{"600 000", 600000, I, 600000, I, 600000, "600000", "exact"},
	{"5%", 0.05, I, 0.05, I, 0.05, "0.05", "exact"},

	/* signs, decimals, exponents */
	{"+600000", 600000, I, 600000, I, 600000, "600000", "exact"},
	{"-5", -5, I, -5, I, -5, "-5", "exact"},
	{"0", 0, I, 0, I, 0, "0", "exact"},
	{"-0", 0, I, 0, I, 0, "0", "exact"},
	{"~-0", 0, U, 0, U, 0, "~0", "about"},
	{"0.5", 0.5, I, 0.5, I, 0.5, "0.5", "exact"},
	{"-0.25", -0.25, I, -0.25, I, -0.25, "-0.25", "exact"},
	{"0.1", 0.1, I, 0.1, I, 0.1, "0.1", "exact"},
	{"2.5e3", 2500, I, 2500, I, 2500, "2500", "exact"},
	{"2.5e+3", 2500, I, 2500, I, 2500, "2500", "exact"},
	{"6e5", 600000, I, 600000, I, 600000, "600000", "exact"},
	{"1e15", 1e15, I, 1e15, I, 1e15, "1e+15", "exact"},
	{"1e-5", 1e-5, I, 1e-5, I, 1e-5, "1e-05", "exact"},
	{"-1.5E-3", -1.5e-3, I, -1.5e-3, I, -1.5e-3, "-0.0015", "exact"},
	{"1e308", 1e308, I, 1e308, I, 1e308, "1e+308", "exact"},
	{"1.7976931348623157e308", DBL_MAX, I, DBL_MAX, I, DBL_MAX, "1.7976931348623157e+308", "exact"},
	{"5e-324", 5e-324, I, 5e-324, I, 5e-324, "5e-324", "exact"},
	{">2.5e3", 2500, X, 2500, U, 0, ">2500", "more than"},
	{"more than -5", -5, X, -5, U, 0, ">-5", "more than"},
	{"about -1.5", -1.5, U, 0, U, 0, "~-1.5", "about"},
	{"<-0.5", -0.5, U, 0, X, -0.5, "<-0.5", "fewer than"},
	{"-7..-5", -6, I, -7, I, -5, "-7..-5", "range"},
	{"-5..5", 0, I, -5, I, 5, "-5..5", "range"},
	{"-1e3 to +1e3", 0, I, -1000, I, 1000, "-1000..1000", "range"},
	{"-5 [-6,)", -5, I, -6, U, 0, "-5 [-6,)", "range"},
	{"0.000123456789", 0.000123456789, I, 0.000123456789, I, 0.000123456789, "0.000123456789", "exact"},
	{"123456789012345", 123456789012345.0, I, 123456789012345.0, I, 123456789012345.0, "123456789012345", "exact"},
	{"123456789012345678", 1.2345678901234568e17, I, 1.2345678901234568e17, I, 1.2345678901234568e17, "1.2345678901234568e+17", "exact"},

	/* the general form reduces to the shortest form that holds the value */
	{"5 [5,5]", 5, I, 5, I, 5, "5", "exact"},
	{"5 (,)", 5, U, 0, U, 0, "~5", "about"},
	{"5 (5,)", 5, X, 5, U, 0, ">5", "more than"},
	{"5 [5,)", 5, I, 5, U, 0, ">=5", "at least"},
	{"5 (,5)", 5, U, 0, X, 5, "<5", "fewer than"},
	{"5 (,5]", 5, U, 0, I, 5, "<=5", "at most"},
	{"6 [5,7]", 6, I, 5, I, 7, "5..7", "range"},
	{"1.5 [1,2]", 1.5, I, 1, I, 2, "1..2", "range"},
	{"0 [-5,5]", 0, I, -5, I, 5, "-5..5", "range"},
	{"6 (5..7)", 6, I, 5, I, 7, "5..7", "range"},
	{"6 (5,7)", 6, X, 5, X, 7, "6 (5,7)", "range"},
	{"6 [5,7)", 6, I, 5, X, 7, "6 [5,7)", "range"},
	{"6 (5,7]", 6, X, 5, I, 7, "6 (5,7]", "range"},
	{"5 [5,7]", 5, I, 5, I, 7, "5 [5,7]", "range"},
	{"5 (5,7)", 5, X, 5, X, 7, "5 (5,7)", "range"},
	{"7 (5,7]", 7, X, 5, I, 7, "7 (5,7]", "range"},
	{"7 [7,8)", 7, I, 7, X, 8, "7 [7,8)", "range"},
	{"5 [4,)", 5, I, 4, U, 0, "5 [4,)", "range"},
	{"5 (,6)", 5, U, 0, X, 6, "5 (,6)", "range"},
	{"1..1", 1, I, 1, I, 1, "1", "exact"},
	{"between 3 and 3", 3, I, 3, I, 3, "3", "exact"},
	{"0.1..0.2", NAN, I, 0.1, I, 0.2, "0.1..0.2", "range"},	/* NAN: est_midpoint */
	{"-1.7976931348623157e308..1.7976931348623157e308", 0, I, -DBL_MAX, I, DBL_MAX,
	"-1.7976931348623157e+308..1.7976931348623157e+308", "range"},
	{"1.7976931348623157e308 [1e308,1.7976931348623157e308]", DBL_MAX, I, 1e308, I, DBL_MAX,
	"1.7976931348623157e+308 [1e+308,1.7976931348623157e+308]", "range"},
};

/* Check good inputs: parts, canonical text, qualifier, reparse. */
static void
check_good_cases(const GoodCase *cases, size_t ncases)
{
	size_t		i;

	for (i = 0; i < ncases; i++)
	{
		const GoodCase *c = &cases[i];
		EstimateValue v,
					w;
		char		err[256] = "";
		char		out[EST_TEXT_BUFLEN];
		CsStatus	st;
		int			good = 1;
		uint8_t		want_flags = 0;
		double		want_low = 0,
					want_high = 0,
					want_best;
		size_t		len;
		const char *detail = NULL;

		memset(&v, 0x55, sizeof(v));
		st = est_parse(c->in, &v, err, sizeof(err), NULL);
		if (st != CS_OK)
		{
			ok(0, "parse %s", q(c->in));
			diag("got %s: %s", status_name(st), err);
			continue;
		}

		if (c->lowkind != U)
		{
			want_flags |= EST_HAS_LOW;
			want_low = c->low;
			if (c->lowkind == I)
				want_flags |= EST_LOW_INC;
		}
		if (c->highkind != U)
		{
			want_flags |= EST_HAS_HIGH;
			want_high = c->high;
			if (c->highkind == I)
				want_flags |= EST_HIGH_INC;
		}
		want_best = isnan(c->best) ? est_midpoint(c->low, c->high) : c->best + 0.0;
		if (!same_double(v.best, want_best) ||
			!same_double(v.low, want_low + 0.0) ||
			!same_double(v.high, want_high + 0.0) ||
			v.flags != want_flags || v.version != EST_VERSION)
			good = 0;
		for (int k = 0; k < 6; k++)
			if (v.reserved[k] != 0)
				good = 0;
		if (!good)
		{
			ok(0, "parse %s", q(c->in));
			diag_value("got", &v);
			diag("want: best=%.17g low=%.17g high=%.17g flags=0x%02x",
				 want_best, want_low, want_high, want_flags);
			continue;
		}

		len = est_format(&v, out);
		if (strcmp(out, c->canon) != 0 || len != strlen(out))
		{
			ok(0, "parse %s -> %s", q(c->in), c->canon);
			diag("canonical output %s (length returned %zu), want %s",
				 q(out), len, q(c->canon));
			continue;
		}
		if (strcmp(est_qualifier(&v), c->qual) != 0)
		{
			ok(0, "parse %s -> %s", q(c->in), c->canon);
			diag("qualifier \"%s\", want \"%s\"", est_qualifier(&v), c->qual);
			continue;
		}
		if (est_check(&v, &detail) != CS_OK)
		{
			ok(0, "parse %s -> %s", q(c->in), c->canon);
			diag("est_check rejects it: %s", detail ? detail : "(no detail)");
			continue;
		}
		memset(&w, 0x33, sizeof(w));
		st = est_parse(out, &w, err, sizeof(err), NULL);
		if (st != CS_OK || !same_value(&v, &w))
		{
			ok(0, "parse %s -> %s", q(c->in), c->canon);
			diag("canonical text does not read back to the same bytes (%s %s)",
				 status_name(st), err);
			continue;
		}
		ok(1, "parse %s -> %s", q(c->in), c->canon);
	}
}

/* Check the forms of the estimate's table of inputs. */
static void
test_good_inputs(void)
{
	check_good_cases(good_cases, sizeof(good_cases) / sizeof(good_cases[0]));
}

/* ------------------------------------------------------------------------
 * The wording sources use: scale words, fractions, percentages, thousands
 * separators, ranges and the scale they share
 */

static const GoodCase wording_cases[] = {
	/* scale words, applied exactly in decimal */
	{"600k", 600000, I, 600000, I, 600000, "600000", "exact"},
	{"600 k", 600000, I, 600000, I, 600000, "600000", "exact"},
	{"600K", 600000, I, 600000, I, 600000, "600000", "exact"},
	{"1.5 k", 1500, I, 1500, I, 1500, "1500", "exact"},
	{"1.2 thousand", 1200, I, 1200, I, 1200, "1200", "exact"},
	{"0.3 thousand", 300, I, 300, I, 300, "300", "exact"},
	{"0.7 thousand", 700, I, 700, I, 700, "700", "exact"},
	{"1,200 thousand", 1200000, I, 1200000, I, 1200000, "1200000", "exact"},
	{"1.2m", 1200000, I, 1200000, I, 1200000, "1200000", "exact"},
	{"1.2 mn", 1200000, I, 1200000, I, 1200000, "1200000", "exact"},
	{"1.2 million", 1200000, I, 1200000, I, 1200000, "1200000", "exact"},
	{"1.1 million", 1100000, I, 1100000, I, 1100000, "1100000", "exact"},
	{"0.1 million", 100000, I, 100000, I, 100000, "100000", "exact"},
	{"5 Million", 5000000, I, 5000000, I, 5000000, "5000000", "exact"},
	{"5 MILLION", 5000000, I, 5000000, I, 5000000, "5000000", "exact"},
	{"0.5m", 500000, I, 500000, I, 500000, "500000", "exact"},
	{"2bn", 2e9, I, 2e9, I, 2e9, "2000000000", "exact"},
	{"5 BN", 5e9, I, 5e9, I, 5e9, "5000000000", "exact"},
	{"4.35 billion", 4.35e9, I, 4.35e9, I, 4.35e9, "4350000000", "exact"},
	{"1e3 k", 1e6, I, 1e6, I, 1e6, "1000000", "exact"},
	{"-2.5 million", -2.5e6, I, -2.5e6, I, -2.5e6, "-2500000", "exact"},
	{"~600k", 600000, U, 0, U, 0, "~600000", "about"},
	{"more than 1.2 million", 1200000, X, 1200000, U, 0, ">1200000", "more than"},
	/* fractions, alone and before a scale word */
	{"half", 0.5, I, 0.5, I, 0.5, "0.5", "exact"},
	{"a half", 0.5, I, 0.5, I, 0.5, "0.5", "exact"},
	{"one half", 0.5, I, 0.5, I, 0.5, "0.5", "exact"},
	{"a third", 1.0 / 3, I, 1.0 / 3, I, 1.0 / 3, "0.3333333333333333", "exact"},
	{"one third", 1.0 / 3, I, 1.0 / 3, I, 1.0 / 3, "0.3333333333333333", "exact"},
	{"one-third", 1.0 / 3, I, 1.0 / 3, I, 1.0 / 3, "0.3333333333333333", "exact"},
	{"two-thirds", 2.0 / 3, I, 2.0 / 3, I, 2.0 / 3, "0.6666666666666666", "exact"},
	{"two thirds", 2.0 / 3, I, 2.0 / 3, I, 2.0 / 3, "0.6666666666666666", "exact"},
	{"TWO-THIRDS", 2.0 / 3, I, 2.0 / 3, I, 2.0 / 3, "0.6666666666666666", "exact"},
	{"a quarter", 0.25, I, 0.25, I, 0.25, "0.25", "exact"},
	{"one quarter", 0.25, I, 0.25, I, 0.25, "0.25", "exact"},
	{"three-quarters", 0.75, I, 0.75, I, 0.75, "0.75", "exact"},
	{"three quarters", 0.75, I, 0.75, I, 0.75, "0.75", "exact"},
	{"half a million", 500000, I, 500000, I, 500000, "500000", "exact"},
	{"Half A Million", 500000, I, 500000, I, 500000, "500000", "exact"},
	{"half million", 500000, I, 500000, I, 500000, "500000", "exact"},
	{"half a billion", 5e8, I, 5e8, I, 5e8, "500000000", "exact"},
	{"half a thousand", 500, I, 500, I, 500, "500", "exact"},
	{"a quarter million", 250000, I, 250000, I, 250000, "250000", "exact"},
	{"three-quarters of a million", 750000, I, 750000, I, 750000, "750000", "exact"},
	{"a third of a million", 1e6 / 3, I, 1e6 / 3, I, 1e6 / 3, "333333.3333333333", "exact"},
	{"two-thirds of a million", 2e6 / 3, I, 2e6 / 3, I, 2e6 / 3, "666666.6666666666", "exact"},
	{"about half a million", 500000, U, 0, U, 0, "~500000", "about"},
	{"more than half", 0.5, X, 0.5, U, 0, ">0.5", "more than"},
	{"nearly two-thirds", 2.0 / 3, U, 0, X, 2.0 / 3, "<0.6666666666666666", "fewer than"},
	{"at least a quarter", 0.25, I, 0.25, U, 0, ">=0.25", "at least"},
	/* percentages */
	{"66%", 0.66, I, 0.66, I, 0.66, "0.66", "exact"},
	{"66 %", 0.66, I, 0.66, I, 0.66, "0.66", "exact"},
	{"66 percent", 0.66, I, 0.66, I, 0.66, "0.66", "exact"},
	{"66 per cent", 0.66, I, 0.66, I, 0.66, "0.66", "exact"},
	{"66 PERCENT", 0.66, I, 0.66, I, 0.66, "0.66", "exact"},
	{"12.5%", 0.125, I, 0.125, I, 0.125, "0.125", "exact"},
	{"0.5%", 0.005, I, 0.005, I, 0.005, "0.005", "exact"},
	{"100%", 1, I, 1, I, 1, "1", "exact"},
	{"about 60%", 0.6, U, 0, U, 0, "~0.6", "about"},
	{"more than 66%", 0.66, X, 0.66, U, 0, ">0.66", "more than"},
	/* thousands separators: space, no-break, narrow no-break, thin */
	{"600 000", 600000, I, 600000, I, 600000, "600000", "exact"},
	{"600\xc2\xa0" "000", 600000, I, 600000, I, 600000, "600000", "exact"},
	{"600\xe2\x80\xaf" "000", 600000, I, 600000, I, 600000, "600000", "exact"},
	{"600\xe2\x80\x89" "000", 600000, I, 600000, I, 600000, "600000", "exact"},
	{"1 234 567", 1234567, I, 1234567, I, 1234567, "1234567", "exact"},
	{"~ 600 000", 600000, U, 0, U, 0, "~600000", "about"},
	{"between 500 000 and 700 000", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"500 000-700 000", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"500\xe2\x80\xaf" "000 to 700\xe2\x80\xaf" "000", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"615 000 [500 000,700 000]", 615000, I, 500000, I, 700000, "615000 [500000,700000]", "range"},
	{"615\xc2\xa0" "000 [500\xc2\xa0" "000,700\xc2\xa0" "000]", 615000, I, 500000, I, 700000, "615000 [500000,700000]", "range"},
	/* ranges */
	{"500-700", 600, I, 500, I, 700, "500..700", "range"},
	{"500 - 700", 600, I, 500, I, 700, "500..700", "range"},
	{"500\xe2\x80\x93" "700", 600, I, 500, I, 700, "500..700", "range"},
	{"500 \xe2\x80\x94 700", 600, I, 500, I, 700, "500..700", "range"},
	{"500 to 700", 600, I, 500, I, 700, "500..700", "range"},
	{"from 500 to 700", 600, I, 500, I, 700, "500..700", "range"},
	{"From 500 To 700", 600, I, 500, I, 700, "500..700", "range"},
	{"from 500-700", 600, I, 500, I, 700, "500..700", "range"},
	{"between 500 and 700", 600, I, 500, I, 700, "500..700", "range"},
	{"500..700", 600, I, 500, I, 700, "500..700", "range"},
	{"-5 to -3", -4, I, -5, I, -3, "-5..-3", "range"},
	{"-5--3", -4, I, -5, I, -3, "-5..-3", "range"},
	{"600,000 - 700,000", 650000, I, 600000, I, 700000, "600000..700000", "range"},
	{"about 500-700", 600, I, 500, I, 700, "500..700", "range"},
	{"approximately 500 to 700", 600, I, 500, I, 700, "500..700", "range"},
	{"around 500\xe2\x80\x93" "700", 600, I, 500, I, 700, "500..700", "range"},
	{"c. 500\xe2\x80\x94" "700", 600, I, 500, I, 700, "500..700", "range"},
	{"~500..700", 600, I, 500, I, 700, "500..700", "range"},
	{"about between 500000 and 700000", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"roughly between 5 and 7", 6, I, 5, I, 7, "5..7", "range"},
	{"around from 500000 to 700000", 600000, I, 500000, I, 700000, "500000..700000", "range"},
	{"some 10\xe2\x80\x93" "15%", 0.125, I, 0.1, I, 0.15, "0.1..0.15", "range"},
	{"615000 (500000-700000)", 615000, I, 500000, I, 700000, "615000 [500000,700000]", "range"},
	{"615000 [500000 to 700000]", 615000, I, 500000, I, 700000, "615000 [500000,700000]", "range"},
	{"between a third and a half", NAN, I, 1.0 / 3, I, 0.5, "0.3333333333333333..0.5", "range"},
	/* the low end takes the high end's scale when that keeps the order */
	{"1.2 to 1.5 million", 1350000, I, 1200000, I, 1500000, "1200000..1500000", "range"},
	{"1.2-1.5 million", 1350000, I, 1200000, I, 1500000, "1200000..1500000", "range"},
	{"between 1.2 and 1.5 million", 1350000, I, 1200000, I, 1500000, "1200000..1500000", "range"},
	{"from 1.2 to 1.5 billion", 1.35e9, I, 1.2e9, I, 1.5e9, "1200000000..1500000000", "range"},
	{"about 1.2 to 1.5 million", 1350000, I, 1200000, I, 1500000, "1200000..1500000", "range"},
	{"1.2 million to 1.5 million", 1350000, I, 1200000, I, 1500000, "1200000..1500000", "range"},
	{"5-10 thousand", 7500, I, 5000, I, 10000, "5000..10000", "range"},
	{"5..7 million", 6e6, I, 5e6, I, 7e6, "5000000..7000000", "range"},
	{"500k-1m", 750000, I, 500000, I, 1e6, "500000..1000000", "range"},
	{"0.5-1.5 million", 1e6, I, 5e5, I, 1.5e6, "500000..1500000", "range"},
	{"1.3 million (1.2..1.5 million)", 1300000, I, 1200000, I, 1500000, "1300000 [1200000,1500000]", "range"},
	{"1.3 million (1.2 to 1.5 million)", 1300000, I, 1200000, I, 1500000, "1300000 [1200000,1500000]", "range"},
	{"60-70%", NAN, I, 0.6, I, 0.7, "0.6..0.7", "range"},
	{"60 to 70 percent", NAN, I, 0.6, I, 0.7, "0.6..0.7", "range"},
	{"5 to 7 %", NAN, I, 0.05, I, 0.07, "0.05..0.07", "range"},
	{"-5 to 5%", 0, I, -0.05, I, 0.05, "-0.05..0.05", "range"},
	{"500 to 1 million", NAN, I, 500, I, 1e6, "500..1000000", "range"},
	{"2 to 1 million", NAN, I, 2, I, 1e6, "2..1000000", "range"},
	{"900-1.2 million", NAN, I, 900, I, 1.2e6, "900..1200000", "range"},
	{"60%-70", NAN, I, 0.6, I, 70, "0.6..70", "range"},
	/* a no-break, thin or narrow no-break space between words is white space */
	{"1.2\xc2\xa0million", 1200000, I, 1200000, I, 1200000, "1200000", "exact"},
	{"about\xc2\xa0" "600", 600, U, 0, U, 0, "~600", "about"},
	{"more\xc2\xa0than 5", 5, X, 5, U, 0, ">5", "more than"},
	{"more\xe2\x80\x89than\xe2\x80\xaf" "5", 5, X, 5, U, 0, ">5", "more than"},
	{"\xc2\xa0" "600000\xe2\x80\x89", 600000, I, 600000, I, 600000, "600000", "exact"},
	{"600\xc2\xa0to\xc2\xa0" "700", 650, I, 600, I, 700, "600..700", "range"},
	{"500\xc2\xa0-\xc2\xa0" "700", 600, I, 500, I, 700, "500..700", "range"},
	{"between\xe2\x80\xaf" "500\xe2\x80\xaf" "000\xe2\x80\xaf" "and 700 000", 600000, I, 500000, I, 700000,
	"500000..700000", "range"},
	{"half\xc2\xa0" "a\xc2\xa0million", 500000, I, 500000, I, 500000, "500000", "exact"},
	{"66\xe2\x80\x89%", 0.66, I, 0.66, I, 0.66, "0.66", "exact"},
	{"66\xc2\xa0per\xc2\xa0" "cent", 0.66, I, 0.66, I, 0.66, "0.66", "exact"},
	{"615000\xc2\xa0(500000\xc2\xa0..\xc2\xa0" "700000)", 615000, I, 500000, I, 700000, "615000 [500000,700000]", "range"},
	{"615000 (500000\xc2\xa0-\xc2\xa0" "700000)", 615000, I, 500000, I, 700000, "615000 [500000,700000]", "range"},
	{"5\xc2\xa0[4,\xc2\xa0)", 5, I, 4, U, 0, "5 [4,)", "range"},
	/* a minus sign (U+2212) is '-' where a sign may stand */
	{"\xe2\x88\x92" "5", -5, I, -5, I, -5, "-5", "exact"},
	{"\xe2\x88\x92" "1,000", -1000, I, -1000, I, -1000, "-1000", "exact"},
	{"~\xe2\x88\x92" "5", -5, U, 0, U, 0, "~-5", "about"},
	{"more than \xe2\x88\x92" "5", -5, X, -5, U, 0, ">-5", "more than"},
	{"\xe2\x88\x92" "7..\xe2\x88\x92" "5", -6, I, -7, I, -5, "-7..-5", "range"},
	{"\xe2\x88\x92" "5 to \xe2\x88\x92" "3", -4, I, -5, I, -3, "-5..-3", "range"},
	{"\xe2\x88\x92" "5 - \xe2\x88\x92" "3", -4, I, -5, I, -3, "-5..-3", "range"},
	{"\xe2\x88\x92" "5-\xe2\x88\x92" "3", -4, I, -5, I, -3, "-5..-3", "range"},
	{"between \xe2\x88\x92" "5 and 5", 0, I, -5, I, 5, "-5..5", "range"},
	{"5 [\xe2\x88\x92" "1,10]", 5, I, -1, I, 10, "5 [-1,10]", "range"},
	{"\xe2\x88\x92" "2.5 million", -2.5e6, I, -2.5e6, I, -2.5e6, "-2500000", "exact"},
	{"1e\xe2\x88\x92" "3", 0.001, I, 0.001, I, 0.001, "0.001", "exact"},
};

/* a qualifier phrase and the shape it gives */
typedef struct QualCase
{
	const char *phrase;
	const char *canon_prefix;	/* the canonical form's symbol */
	const char *qual;
} QualCase;

static const QualCase qual_cases[] = {
	{"about", "~", "about"}, {"some", "~", "about"}, {"approximately", "~", "about"},
	{"approx.", "~", "about"}, {"approx", "~", "about"}, {"around", "~", "about"},
	{"roughly", "~", "about"}, {"circa", "~", "about"}, {"c.", "~", "about"},
	{"ca.", "~", "about"}, {"an estimated", "~", "about"}, {"close to", "~", "about"},
	{"~", "~", "about"}, {"\xe2\x89\x88", "~", "about"},
	{"more than", ">", "more than"}, {"more", ">", "more than"}, {"over", ">", "more than"},
	{"above", ">", "more than"}, {"in excess of", ">", "more than"},
	{"upwards of", ">", "more than"}, {"just over", ">", "more than"},
	{"exceeding", ">", "more than"}, {"north of", ">", "more than"}, {">", ">", "more than"},
	{"at least", ">=", "at least"}, {"no fewer than", ">=", "at least"},
	{"no less than", ">=", "at least"}, {"a minimum of", ">=", "at least"},
	{"\xe2\x89\xa5", ">=", "at least"}, {">=", ">=", "at least"},
	{"fewer than", "<", "fewer than"}, {"less than", "<", "fewer than"},
	{"under", "<", "fewer than"}, {"below", "<", "fewer than"}, {"nearly", "<", "fewer than"},
	{"almost", "<", "fewer than"}, {"just under", "<", "fewer than"},
	{"approaching", "<", "fewer than"}, {"<", "<", "fewer than"},
	{"at most", "<=", "at most"}, {"up to", "<=", "at most"}, {"as many as", "<=", "at most"},
	{"no more than", "<=", "at most"}, {"a maximum of", "<=", "at most"},
	{"\xe2\x89\xa4", "<=", "at most"}, {"<=", "<=", "at most"},
};

/* Give s in upper case (ASCII), in a static buffer. */
static const char *
upper(const char *s)
{
	static char buf[128];
	size_t		i;

	for (i = 0; s[i] && i < sizeof(buf) - 1; i++)
		buf[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char) (s[i] - 'a' + 'A') : s[i];
	buf[i] = '\0';
	return buf;
}

/* Check every qualifier before a number, in either case and spacing. */
static void
test_qualifiers(void)
{
	size_t		i;
	const char *hint = est_words_hint();

	for (i = 0; i < sizeof(qual_cases) / sizeof(qual_cases[0]); i++)
	{
		const QualCase *c = &qual_cases[i];
		static const char *const numbers[] = {"600,000", "600000", "6e5", "600k", "600 000"};
		char		in[160],
					want[32];
		int			good = 1;
		size_t		k;

		snprintf(want, sizeof(want), "%s600000", c->canon_prefix);
		for (k = 0; k < sizeof(numbers) / sizeof(numbers[0]) && good; k++)
		{
			EstimateValue v;
			char		err[256] = "";
			bool		h = true;
			CsStatus	st;

			snprintf(in, sizeof(in), "%s%s%s", k == 1 ? "  " : "",
					 k == 2 ? upper(c->phrase) : c->phrase, k == 3 ? "\t" : " ");
			strcat(in, numbers[k]);
			st = est_parse(in, &v, err, sizeof(err), &h);
			if (st != CS_OK || strcmp(fmt(&v), want) != 0 ||
				strcmp(est_qualifier(&v), c->qual) != 0 || h)
			{
				good = 0;
				diag("%s: %s %s (%s), hint %d", q(in), status_name(st),
					 st == CS_OK ? fmt(&v) : "", err, (int) h);
			}
		}
		ok(good, "qualifier %s: \"%s ...\" reads as %s..., qualifier \"%s\"",
		   q(c->phrase), c->phrase, c->canon_prefix, c->qual);
		/* the hint lists the words (symbols spelled as the hint spells them) */
		if (cs_is_alpha(c->phrase[0]))
		{
			char		word[64];

			snprintf(word, sizeof(word), "%s", c->phrase);
			if (strcmp(word, "approx") == 0)
				continue;		/* listed as "approx." */
			if (!ok(strstr(hint, word) != NULL, "est_words_hint lists %s", q(word)))
				diag("%s", hint);
		}
	}
	/* a word must end where the phrase ends */
	{
		static const char *const glued[] = {
			"moreover 5", "overall 5", "abouts 5", "undergo 5", "some5thing", "upto 5",
			"atleast 5", "more thanx 5",
		};

		for (i = 0; i < sizeof(glued) / sizeof(glued[0]); i++)
		{
			EstimateValue v;
			char		err[256] = "";
			bool		h = false;
			CsStatus	st = est_parse(glued[i], &v, err, sizeof(err), &h);

			if (!ok(st == CS_ERR_SYNTAX && h && strstr(err, "The word \"") != NULL,
					"%s is no qualifier: a syntax error naming the word, with the hint", q(glued[i])))
				diag("got %s %s (%s), hint %d", status_name(st), st == CS_OK ? fmt(&v) : "", err, (int) h);
		}
	}
}

/* Check the wording table and the exactness of scale words. */
static void
test_wording(void)
{
	check_good_cases(wording_cases, sizeof(wording_cases) / sizeof(wording_cases[0]));

	/* a scale word is decimal: "d.dd million" is the double nearest d.dd e6 */
	{
		static const char *const scale_words[][2] = {
			{"k", "e3"}, {"thousand", "e3"}, {"m", "e6"}, {"mn", "e6"},
			{"million", "e6"}, {"bn", "e9"}, {"billion", "e9"}, {"%", "e-2"}, {"percent", "e-2"},
		};
		int			bad = 0,
					r;

		for (r = 0; r < 20000; r++)
		{
			char		num[40],
					in[80],
					ref[80];
			EstimateValue v;
			CsStatus	st;
			int			w = (int) (next_random() % (sizeof(scale_words) / sizeof(scale_words[0])));

			snprintf(num, sizeof(num), "%d.%0*d", (int) (next_random() % 10000), (int) (1 + next_random() % 6),
					 (int) (next_random() % 1000000));
			snprintf(in, sizeof(in), "%s%s%s", num, (next_random() & 1) ? " " : "", scale_words[w][0]);
			snprintf(ref, sizeof(ref), "%s%s", num, scale_words[w][1]);
			st = est_parse(in, &v, NULL, 0, NULL);
			if (st != CS_OK || !same_double(v.best, strtod(ref, NULL) + 0.0))
			{
				if (bad++ < 3)
					diag("%s: %s %.17g, want %.17g", q(in), status_name(st), v.best, strtod(ref, NULL));
			}
		}
		ok(bad == 0, "20000 random \"d.ddd <scale word>\" read as the double nearest d.ddd e<scale> (%d bad)", bad);
	}
}

/* a bad neighbour of a good form: the detail it must give */
typedef struct BadCase
{
	const char *in;
	CsStatus	st;
	const char *detail;			/* a part of the detail sentence */
	bool		hint;			/* the text holds a word the parser does not know */
} BadCase;

static const BadCase bad_neighbours[] = {
	{"600kk", CS_ERR_SYNTAX, "The word \"kk\" at position 4 is not a scale word or qualifier the estimate type knows.", true},
	{"5 k k", CS_ERR_SYNTAX, "The word \"k\" at position 5", true},
	{"1.2 millions", CS_ERR_SYNTAX, "The word \"millions\" at position 5", true},
	{"5 thousands", CS_ERR_SYNTAX, "The word \"thousands\"", true},
	{"5 kilo", CS_ERR_SYNTAX, "The word \"kilo\"", true},
	{"5 percentage", CS_ERR_SYNTAX, "The word \"percentage\"", true},
	{"5 people", CS_ERR_SYNTAX, "The word \"people\" at position 3", true},
	{"zillions", CS_ERR_SYNTAX, "The word \"zillions\" at position 1 is not a number word or qualifier", true},
	{"600,000-", CS_ERR_SYNTAX, "A number is missing at the end of the input.", false},
	{"600,000 to", CS_ERR_SYNTAX, "A number is missing at the end of the input.", false},
	{"-", CS_ERR_SYNTAX, "A number is missing at the end of the input.", false},
	{"nearly", CS_ERR_SYNTAX, "A number is missing after \"nearly\".", false},
	{"about", CS_ERR_SYNTAX, "A number is missing after \"about\".", false},
	{"more than  ", CS_ERR_SYNTAX, "A number is missing after \"more than", false},
	{"\xe2\x89\xa5", CS_ERR_SYNTAX, "A number is missing after \"\xe2\x89\xa5\".", false},
	{"half a", CS_ERR_SYNTAX, "A scale word (thousand, million, billion) must follow \"half a\".", false},
	{"half of", CS_ERR_SYNTAX, "must follow \"half of\"", false},
	{"two-thirds of a", CS_ERR_SYNTAX, "must follow \"two-thirds of a\"", false},
	{"66%%", CS_ERR_SYNTAX, "Unexpected text \"%\" at position 4.", false},
	{"half%", CS_ERR_SYNTAX, "Unexpected text \"%\" at position 5.", false},
	{"600 00", CS_ERR_SYNTAX, "Thousands separators must separate groups of three digits (position 5).", false},
	{"600\xc2\xa0" "00", CS_ERR_SYNTAX, "Thousands separators must separate groups of three digits", false},
	{"0 600", CS_ERR_SYNTAX, "cannot start with 0", false},
	{"1 000,000", CS_ERR_SYNTAX, "Unexpected text", false},
	{"700000-600000", CS_ERR_SYNTAX, "The lower bound is greater than the upper bound.", false},
	{"70%-60%", CS_ERR_SYNTAX, "The lower bound is greater than the upper bound.", false},
	{"5 to 4", CS_ERR_SYNTAX, "The lower bound is greater than the upper bound.", false},
	{"1.200.000", CS_ERR_SYNTAX, "The number at position 1 has two decimal points; write thousands separators as \",\" or a space.", false},
	{"NaN", CS_ERR_SYNTAX, "An estimate holds finite numbers only, not NaN or infinity.", false},
	{"about NaN", CS_ERR_SYNTAX, "not NaN or infinity", false},
	{"-Infinity", CS_ERR_SYNTAX, "not NaN or infinity", false},
	{"0x10", CS_ERR_SYNTAX, "hexadecimal \"0x\" is not accepted (position 1)", false},
	{"5.", CS_ERR_SYNTAX, "Unexpected text \".\" at position 2.", false},
	{"1e", CS_ERR_SYNTAX, "The exponent at position 2 has no digits.", false},
	{"", CS_ERR_SYNTAX, "The input is empty.", false},
	{"1e400k", CS_ERR_RANGE, "The number \"1e400\" is out of range for double precision.", false},
	{"1e305 billion", CS_ERR_RANGE, "The number \"1e305\" is out of range", false},
	{"1e-400", CS_ERR_RANGE, "out of range", false},
	{"5 [1,10", CS_ERR_SYNTAX, "A range must close with \"]\" or \")\"", false},
	{"20 [15,]", CS_ERR_SYNTAX, "An unbounded side cannot be inclusive.", false},
	{"615000 (500000..700000]", CS_ERR_SYNTAX, "must close with the bracket it opened with", false},
	{"5 [1;10]", CS_ERR_SYNTAX, "A range needs \",\" or \"..\" between its bounds", false},
	{"between 5 or 7", CS_ERR_SYNTAX, "\"and\" was expected between the two numbers of a range", false},
	{"from 5 until 7", CS_ERR_SYNTAX, "\"to\" was expected between the two numbers of a range", false},
	{"5 (5,5)", CS_ERR_SYNTAX, "The range admits no value.", false},
	{"11 [6,10]", CS_ERR_SYNTAX, "The best value lies outside its own range.", false},
	/* a minus sign is a sign, not a range dash; other spaces are not white space */
	{"5\xe2\x88\x92" "7", CS_ERR_SYNTAX, "Unexpected text \"\xe2\x88\x92" "7\" at position 2.", false},
	{"5 \xe2\x88\x92 7", CS_ERR_SYNTAX, "Unexpected text \"\xe2\x88\x92 7\" at position 3.", false},
	{"\xe2\x88\x92", CS_ERR_SYNTAX, "A number is missing at the end of the input.", false},
	{"\xe2\x88\x92\xe2\x88\x92" "5", CS_ERR_SYNTAX, "A number was expected at position 1.", false},
	{"\xe2\x88\x92-5", CS_ERR_SYNTAX, "A number was expected at position 1.", false},
	{"-\xe2\x88\x92" "5", CS_ERR_SYNTAX, "A number was expected at position 1.", false},
	{"\xe2\x88\x92 5", CS_ERR_SYNTAX, "A number was expected at position 1.", false},
	{"about\xe2\x80\x83" "600", CS_ERR_SYNTAX, "A number was expected at position 6.", false},
	{"more\xc2\xa0thanx 5", CS_ERR_SYNTAX, "The word \"thanx\"", true},
	{"600\xc2\xa0" "000 000", CS_ERR_SYNTAX, "Unexpected text \"000\" at position 10.", false},
	{"1\xe2\x80\xaf" "200\xc2\xa0" "000", CS_ERR_SYNTAX, "Unexpected text \"000\" at position 10.", false},
	{"1.2\xc2\xa0millions", CS_ERR_SYNTAX, "The word \"millions\" at position 6", true},
	{"1e\xe2\x88\x92", CS_ERR_SYNTAX, "The exponent at position 2 has no digits.", false},
};

/* Check that the bad neighbours of good forms say what is wrong. */
static void
test_bad_neighbours(void)
{
	size_t		i;

	for (i = 0; i < sizeof(bad_neighbours) / sizeof(bad_neighbours[0]); i++)
	{
		const BadCase *c = &bad_neighbours[i];
		EstimateValue v;
		char		err[256] = "";
		bool		h = false;
		CsStatus	st = est_parse(c->in, &v, err, sizeof(err), &h);

		if (!ok(st == c->st && strstr(err, c->detail) != NULL && h == c->hint,
				"reject %s: %s, \"%s\"%s", q(c->in), status_name(c->st), c->detail,
				c->hint ? ", with the hint" : ""))
			diag("got %s, detail \"%s\", hint %d", status_name(st), err, (int) h);
	}
	{
		EstimateValue v;
		bool		h = false;

		ok(est_parse("600kk", &v, NULL, 0, &h) == CS_ERR_SYNTAX && h,
		   "the hint is set with a NULL detail buffer");
		ok(est_parse("600kk", &v, NULL, 0, NULL) == CS_ERR_SYNTAX, "a NULL hint is fine");
		h = true;
		ok(est_parse("600k", &v, NULL, 0, &h) == CS_OK && !h, "a good parse clears the hint");
		h = true;
		ok(est_parse("5 to 4", &v, NULL, 0, &h) == CS_ERR_SYNTAX && !h,
		   "a failure without an unknown word clears the hint");
	}
	{
		static const char *const early[] = {"", "   ", "about", "more than", "\xe2\x89\xa4"};

		for (i = 0; i < sizeof(early) / sizeof(early[0]); i++)
		{
			EstimateValue v;
			bool		h = true;

			if (!ok(est_parse(early[i], &v, NULL, 0, &h) == CS_ERR_SYNTAX && !h,
						 "est_parse(%s) writes false to *hint", q(early[i])))
				diag("*hint left %d", (int) h);
		}
	}
}

/* Say whether s holds a no-break, thin or narrow no-break space. */
static int
has_wide_space(const char *s)
{
	return strstr(s, "\xc2\xa0") != NULL || strstr(s, "\xe2\x80\x89") != NULL ||
		strstr(s, "\xe2\x80\xaf") != NULL;
}

/*
 * Check that text reads the same with its ASCII spaces replaced by a wide
 * one: the same value, or the same refusal; count the texts that do not.
 */
static int
reads_alike_with(const char *in, const char *wide, int *tried)
{
	char		out[1024];
	size_t		n = 0;
	EstimateValue a,
				b;
	CsStatus	sa,
				sb;
	bool		ha = false,
				hb = false;

	if (strchr(in, ' ') == NULL || has_wide_space(in) || strlen(in) * 3 >= sizeof(out))
		return 0;
	for (const char *c = in; *c; c++)
	{
		if (*c == ' ')
		{
			strcpy(out + n, wide);
			n += strlen(wide);
		}
		else
			out[n++] = *c;
	}
	out[n] = '\0';
	(*tried)++;
	sa = est_parse(in, &a, NULL, 0, &ha);
	sb = est_parse(out, &b, NULL, 0, &hb);
	if (sa == sb && ha == hb && (sa != CS_OK || same_value(&a, &b)))
		return 0;
	diag("%s: %s %s, with %s: %s %s", q(in), status_name(sa), sa == CS_OK ? fmt(&a) : "",
		 q(wide), status_name(sb), sb == CS_OK ? fmt(&b) : "");
	return 1;
}

/*
 * Check that a no-break space (U+00A0), a thin space (U+2009) and a narrow
 * no-break space (U+202F) are white space between words as an ASCII space
 * is, and thousands separators between digits as it is: every text of the
 * tables, good or bad, reads alike with its spaces replaced by any of them.
 */
static void
test_wide_spaces(void)
{
	static const char *const wide[] = {"\xc2\xa0", "\xe2\x80\x89", "\xe2\x80\xaf"};
	int			bad = 0,
				tried = 0;
	size_t		i,
				w;

	for (w = 0; w < sizeof(wide) / sizeof(wide[0]); w++)
	{
		for (i = 0; i < sizeof(good_cases) / sizeof(good_cases[0]); i++)
			bad += reads_alike_with(good_cases[i].in, wide[w], &tried);
		for (i = 0; i < sizeof(wording_cases) / sizeof(wording_cases[0]); i++)
			bad += reads_alike_with(wording_cases[i].in, wide[w], &tried);
		for (i = 0; i < sizeof(bad_neighbours) / sizeof(bad_neighbours[0]); i++)
			bad += reads_alike_with(bad_neighbours[i].in, wide[w], &tried);
		for (i = 0; i < sizeof(qual_cases) / sizeof(qual_cases[0]); i++)
		{
			char		in[160];

			snprintf(in, sizeof(in), " %s 600 000 ", qual_cases[i].phrase);
			bad += reads_alike_with(in, wide[w], &tried);
			snprintf(in, sizeof(in), "%s between 1.2 and 1.5 million", qual_cases[i].phrase);
			bad += reads_alike_with(in, wide[w], &tried);
		}
	}
	ok(bad == 0 && tried > 300,
	   "%d texts with spaces read alike with a no-break, thin or narrow no-break space instead (%d differ)",
	   tried, bad);
}

/*
 * The low bound of "[L,H]" and "(L,H)" takes the high bound's scale word,
 * as in the other range forms.
 */
static void
test_bracket_scales(void)
{
	static const struct
	{
		const char *in;
		const char *want;
		const char *why;
	}			cases[] = {
		{"1.3 million [1.2,1.5 million]", "1300000 [1200000,1500000]", "[L,H]"},
		{"5 million (4,6 million)", "5000000 (4000000,6000000)", "(L,H)"},
		{"5 million (4..6 million)", "4000000..6000000", "(L..H)"},
		{"5 million [4.5 million,6 million]", "5000000 [4500000,6000000]", "both scaled"},
		{"5 million [4,6]", NULL, "no scale word: the best value lies outside"},
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		EstimateValue v;
		char		err[256] = "";
		CsStatus	st = est_parse(cases[i].in, &v, err, sizeof(err), NULL);

		if (cases[i].want == NULL)
		{
			ok(st == CS_ERR_SYNTAX && err[0] != '\0', "%s is refused (%s)", q(cases[i].in), cases[i].why);
			continue;
		}
		if (!ok(st == CS_OK && strcmp(fmt(&v), cases[i].want) == 0,
				"%s reads as %s (%s)", q(cases[i].in), cases[i].want, cases[i].why))
			diag("got %s %s (%s)", status_name(st), st == CS_OK ? fmt(&v) : "", err);
	}
}

/*
 * Check every fraction word and every scale word with its value, each
 * spelling on its own: alone, before a scale word, and after "of a".  A
 * table apart from the parser's, so that a wrong numerator or power there is
 * caught here.
 */
static void
test_number_words(void)
{
	static const struct
	{
		const char *word;
		int			num;
		int			den;
	}			fractions[] = {
		{"two-thirds", 2, 3}, {"two thirds", 2, 3}, {"three-quarters", 3, 4},
		{"three quarters", 3, 4}, {"a third", 1, 3}, {"one third", 1, 3},
		{"one-third", 1, 3}, {"a quarter", 1, 4}, {"one quarter", 1, 4},
		{"one-quarter", 1, 4}, {"a half", 1, 2}, {"one half", 1, 2}, {"half", 1, 2},
	};
	static const struct
	{
		const char *word;
		int			exp10;
	}			scales[] = {
		{"k", 3}, {"thousand", 3}, {"m", 6}, {"mn", 6}, {"million", 6}, {"bn", 9},
		{"billion", 9}, {"%", -2}, {"percent", -2}, {"per cent", -2},
	};
	size_t		i,
				j;

	for (i = 0; i < sizeof(fractions) / sizeof(fractions[0]); i++)
	{
		double		alone = (double) fractions[i].num / fractions[i].den;
		double		million = (double) fractions[i].num * 1e6 / fractions[i].den;
		char		in[3][80];
		EstimateValue v[3];
		CsStatus	st[3];
		int			k;

		snprintf(in[0], sizeof(in[0]), "%s", fractions[i].word);
		snprintf(in[1], sizeof(in[1]), "%s of a million", fractions[i].word);
		snprintf(in[2], sizeof(in[2]), "about %s million", fractions[i].word);
		for (k = 0; k < 3; k++)
			st[k] = est_parse(in[k], &v[k], NULL, 0, NULL);
		if (!ok(st[0] == CS_OK && st[1] == CS_OK && st[2] == CS_OK &&
				same_double(v[0].best, alone) && strcmp(est_qualifier(&v[0]), "exact") == 0 &&
				same_double(v[1].best, million) && strcmp(est_qualifier(&v[1]), "exact") == 0 &&
				same_double(v[2].best, million) && strcmp(est_qualifier(&v[2]), "about") == 0,
				"\"%s\" is %d/%d, \"%s of a million\" and \"about %s million\" %d/%d of 1,000,000",
				fractions[i].word, fractions[i].num, fractions[i].den, fractions[i].word,
				fractions[i].word, fractions[i].num, fractions[i].den))
			for (k = 0; k < 3; k++)
				diag("%s: %s %s", q(in[k]), status_name(st[k]), st[k] == CS_OK ? fmt(&v[k]) : "");
	}
	for (i = 0; i < sizeof(scales) / sizeof(scales[0]); i++)
	{
		int			good = 1;

		for (j = 0; j < 3; j++)
		{
			static const char *const numbers[] = {"3", "1.25", "-40"};
			char		in[80],
						ref[40];
			EstimateValue v;
			CsStatus	st;
			double		want;

			snprintf(in, sizeof(in), "%s%s%s", numbers[j], j == 1 ? "" : " ", scales[i].word);
			snprintf(ref, sizeof(ref), "%se%d", numbers[j], scales[i].exp10);
			want = strtod(ref, NULL);
			st = est_parse(in, &v, NULL, 0, NULL);
			if (st != CS_OK || !same_double(v.best, want) || strcmp(est_qualifier(&v), "exact") != 0)
			{
				good = 0;
				diag("%s: %s %s, want %.17g", q(in), status_name(st), st == CS_OK ? fmt(&v) : "", want);
			}
		}
		if (scales[i].exp10 > 0)
		{
			char		in[80];
			EstimateValue v;
			CsStatus	st;

			snprintf(in, sizeof(in), "half a %s", scales[i].word);
			st = est_parse(in, &v, NULL, 0, NULL);
			if (st != CS_OK || !same_double(v.best, 0.5 * pow(10, scales[i].exp10)))
			{
				good = 0;
				diag("%s: %s %s", q(in), status_name(st), st == CS_OK ? fmt(&v) : "");
			}
		}
		ok(good, "the scale word \"%s\" is 10^%d", scales[i].word, scales[i].exp10);
	}

	/*
	 * The low end takes the high end's scale word when the range stays in
	 * order, also when the two ends become equal: "1 to 1 million" is the
	 * one figure 1,000,000, not 1 up to a million.
	 */
	{
		static const char *const equal_ends[][2] = {
			{"1 to 1 million", "1000000"}, {"between 1 and 1 million", "1000000"},
			{"1-1k", "1000"}, {"2.5 to 2.5 billion", "2500000000"},
			{"3 to 2 million", "3..2000000"},
		};

		for (i = 0; i < sizeof(equal_ends) / sizeof(equal_ends[0]); i++)
		{
			EstimateValue v;
			CsStatus	st = est_parse(equal_ends[i][0], &v, NULL, 0, NULL);

			if (!ok(st == CS_OK && strcmp(fmt(&v), equal_ends[i][1]) == 0, "%s reads as %s",
					q(equal_ends[i][0]), equal_ends[i][1]))
				diag("got %s %s", status_name(st), st == CS_OK ? fmt(&v) : "");
		}
	}
}

/* Check est_make_interval. */
static void
test_make_interval(void)
{
	EstimateValue v;
	const char *detail;
	int			bad = 0,
				r;

	ok(est_make_interval(&v, 10, 2) == CS_OK && strcmp(fmt(&v), "8..12") == 0,
	   "est_make_interval(10, 2) is 8..12");
	ok(est_make_interval(&v, 1.5844155844155847, 0.7750611389347837) == CS_OK &&
	   v.flags == (EST_HAS_LOW | EST_LOW_INC | EST_HAS_HIGH | EST_HIGH_INC) &&
	   v.low == 1.5844155844155847 - 0.7750611389347837 &&
	   v.high == 1.5844155844155847 + 0.7750611389347837 && v.best == 1.5844155844155847,
	   "est_make_interval keeps best and both inclusive bounds");
	ok(est_make_interval(&v, 5, 0) == CS_OK && strcmp(fmt(&v), "5") == 0,
	   "a half-width of 0 gives the exact value");
	ok(est_make_interval(&v, -0.0, 0) == CS_OK && !signbit(v.best) && !signbit(v.low),
	   "-0 is stored as 0");
	ok(est_make_interval(&v, 1e16, 1) == CS_OK && est_check(&v, &detail) == CS_OK &&
	   v.low <= v.best && v.best <= v.high, "bounds that round onto best stay valid");
	ok(est_make_interval(&v, 1e308, 1e308) == CS_ERR_RANGE, "a bound beyond the doubles is CS_ERR_RANGE");
	ok(est_make_interval(&v, INFINITY, 1) == CS_ERR_RANGE, "an infinite best is CS_ERR_RANGE");
	ok(est_make_interval(&v, 1, INFINITY) == CS_ERR_RANGE, "an infinite half-width is CS_ERR_RANGE");
	ok(est_make_interval(&v, NAN, 1) != CS_OK && est_make_interval(&v, 1, NAN) != CS_OK,
	   "a NaN best or half-width is refused");
	for (r = 0; r < 100000; r++)
	{
		double		best = random_mixed_double(),
					half = fabs(random_mixed_double()) * ((next_random() & 1) ? 1e-10 : 1);
		CsStatus	st = est_make_interval(&v, best, half);

		if (st == CS_OK)
		{
			if (est_check(&v, &detail) != CS_OK || v.best != best + 0.0 ||
				!est_contains(&v, best) ||
				v.flags != (EST_HAS_LOW | EST_LOW_INC | EST_HAS_HIGH | EST_HIGH_INC))
			{
				if (bad++ < 3)
					diag("est_make_interval(%.17g, %.17g) = %s", best, half, fmt(&v));
			}
		}
		else if (st != CS_ERR_RANGE)
			bad++;
	}
	ok(bad == 0, "est_make_interval of 100000 random values gives valid values holding best, or CS_ERR_RANGE (%d bad)",
	   bad);
}

/* Check the stored layout: 32 bytes, the version first. */
static void
test_layout(void)
{
	ok(sizeof(EstimateValue) == 32, "EstimateValue is 32 bytes");
	ok(offsetof(EstimateValue, version) == 0 && offsetof(EstimateValue, flags) == 1 &&
	   offsetof(EstimateValue, reserved) == 2 && offsetof(EstimateValue, best) == 8 &&
	   offsetof(EstimateValue, low) == 16 && offsetof(EstimateValue, high) == 24,
	   "the version and flags come first, then best, low and high");
}

/* ------------------------------------------------------------------------
 * Bad input
 */

static const char *const syntax_errors[] = {
	"", " ", "   \t\n ",
	"600000 x", "600000abc", "600000 600000", "1 2", "~", ">", ">=", "<", "<=",
	"about", "more than", "at least", "fewer than", "as many as",
	"NaN", "nan", "~NaN", ">NaN", "Infinity", "-Infinity", "infinity", "inf",
	"-inf", "~inf", "more than Infinity", "1..inf", "5 [1,inf]",
	"60,0000", "1,23", ",600", "600,", "6,00,000", "1,000,00", "1,0000.5",
	"1,,000", "1.000,5", "600 00",
	"700000..500000", "700000 to 500000", "between 700000 and 500000",
	"6 [7,5]", "615000 (700000..500000)",
	"5 [6,)", "5 [6,10]", "11 [6,10]", "5 (,4]", "601000 (602000,)",
	"5 (5,5)", "5 [5,5)", "5 (5,5]", "5 (5,)  x",
	"5 [1,10", "5 1,10]", "5 (1,10", "5 [1,10]]", "5 ((1,10)", "5 [[1,10]",
	"5 [1;10]", "5 [1 10]", "5 [1,2,3]", "5 (", "5 )", "5 [", "5 ]",
	"615000 (500000..700000", "615000 500000..700000)", "615000 (500000..)",
	"615,000 [500,000,700,000]",
	"1e", "1e+", "1e-", "e5", "1e5.5", "1.2.3", "1..2..3", "..5", "5..", "1 ..",
	"5 to", "to 5", "between 5", "between 5 and", "between and 5", "5 and 7",
	"--5", "+-5", "-+5", "++5", "- -5", ">>5", "<>5", "~~5", "><5", "=5", "==5",
	"0x10", "0X1F", "0x1p3", "1_000", "5%%", "$5", "5 people",
	"more than more than 5", "about about 5", "morethan5x",
	"\xd9\xa6\xd9\xa0\xd9\xa0",	/* Arabic-Indic digits */
};

static const char *const range_errors[] = {
	"1e400", "-1e400", "~1e400", ">1e400", "1e308 [1,1e400]", "1e309..1e310",
	"2e308", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
};

/* Check that malformed text is a syntax error and too large is a range error. */
static void
test_bad_inputs(void)
{
	size_t		i;

	for (i = 0; i < sizeof(syntax_errors) / sizeof(syntax_errors[0]); i++)
	{
		EstimateValue v;
		char		err[256] = "";
		CsStatus	st = est_parse(syntax_errors[i], &v, err, sizeof(err), NULL);

		if (ok(st == CS_ERR_SYNTAX && err[0] != '\0',
			   "reject %s: syntax error with a detail", q(syntax_errors[i])))
			continue;
		diag("got %s, detail \"%s\"", status_name(st), err);
		if (st == CS_OK)
			diag("parsed as %s", fmt(&v));
	}
	for (i = 0; i < sizeof(range_errors) / sizeof(range_errors[0]); i++)
	{
		EstimateValue v;
		char		err[256] = "";
		CsStatus	st = est_parse(range_errors[i], &v, err, sizeof(err), NULL);

		if (ok(st == CS_ERR_RANGE && err[0] != '\0',
			   "reject %s: out of range with a detail", q(range_errors[i])))
			continue;
		diag("got %s, detail \"%s\"", status_name(st), err);
	}
}

/* Check the error buffer contract: NULL allowed, small buffers not overrun. */
static void
test_error_buffers(void)
{
	EstimateValue v;
	int			good = 1;
	size_t		i,
				len;
	char	   *buf;

	/* errbuf may be NULL */
	good = est_parse("60,0000", &v, NULL, 0, NULL) == CS_ERR_SYNTAX &&
		est_parse("1e400", &v, NULL, 0, NULL) == CS_ERR_RANGE &&
		est_parse("600000", &v, NULL, 0, NULL) == CS_OK;
	ok(good, "est_parse accepts a NULL error buffer");

	/* tiny heap buffers: ASan reports any write past the end */
	good = 1;
	for (len = 1; len <= 16; len++)
	{
		for (i = 0; i < sizeof(syntax_errors) / sizeof(syntax_errors[0]); i++)
		{
			buf = malloc(len);
			memset(buf, 'x', len);
			(void) est_parse(syntax_errors[i], &v, buf, len, NULL);
			if (memchr(buf, '\0', len) == NULL)
				good = 0;
			free(buf);
		}
	}
	ok(good, "details are cut to the error buffer's size and terminated");
}

/* Repeat a piece n times after a prefix and before a suffix, in a heap buffer. */
static char *
repeat_text(const char *prefix, const char *piece, int n, const char *suffix)
{
	size_t		len = strlen(prefix) + strlen(piece) * (size_t) n + strlen(suffix) + 1;
	char	   *s = malloc(len);

	strcpy(s, prefix);
	for (int i = 0; i < n; i++)
		strcat(s, piece);
	strcat(s, suffix);
	return s;
}

/*
 * Check that details quoting the input are cut between characters, when
 * clipped and when cut to their buffer: otherwise the detail is not valid in
 * the database encoding (UTF-8 here), and a client in another encoding gets
 * an encoding error instead of the syntax error.
 */
static void
test_detail_encoding(void)
{
	static const struct
	{
		const char *prefix;
		const char *piece;
		int			n;
		const char *suffix;
		CsStatus	st;
		const char *detail;		/* how the detail starts */
		const char *why;
	}			cases[] = {
		{"5 ", "\xe2\x89\x88", 10, "", CS_ERR_SYNTAX, "Unexpected text \"\xe2\x89\x88",
		"unexpected text clipped to 20 bytes"},
		{"12", "\xe2\x80\xaf" "000", 110, "", CS_ERR_RANGE, "The number \"12\xe2\x80\xaf" "000",
		"a number with U+202F groups clipped to 64 bytes"},
		{"12", "\xc2\xa0" "000", 110, "", CS_ERR_RANGE, "The number \"12\xc2\xa0" "000",
		"a number with U+00A0 groups clipped to 64 bytes"},
		{"half ", "\xc2\xa0", 150, "a", CS_ERR_SYNTAX, "A scale word (thousand, million, billion) must follow \"half ",
		"a fraction word and the white space after it clipped"},
		{"more ", "\xc2\xa0", 150, "", CS_ERR_SYNTAX, "A number is missing after \"more ",
		"a qualifier and the white space after it clipped"},
		{"more ", "\xe2\x80\x89", 150, "than", CS_ERR_SYNTAX, "A number is missing after \"more ",
		"a qualifier written with thin spaces clipped"},
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		char	   *in = repeat_text(cases[i].prefix, cases[i].piece, cases[i].n, cases[i].suffix);
		EstimateValue v;
		char		err[CS_ERRBUF_LEN] = "";
		CsStatus	st = est_parse(in, &v, err, sizeof(err), NULL);
		int			good_small = 1;
		size_t		len;

		if (!ok(st == cases[i].st && utf8_valid(err) &&
				strncmp(err, cases[i].detail, strlen(cases[i].detail)) == 0,
				"%s: %s with a detail in valid UTF-8 (%s)", q(in), status_name(cases[i].st), cases[i].why))
			diag("got %s, detail %s", status_name(st), q(err));
		else
			diag("detail: %s", err);

		/* cut to every smaller buffer: a prefix of the detail, still valid */
		for (len = 1; len <= strlen(err) + 1; len++)
		{
			char	   *buf = malloc(len);

			(void) est_parse(in, &v, buf, len, NULL);
			if (!utf8_valid(buf) || strncmp(buf, err, strlen(buf)) != 0 ||
				strlen(buf) + 4 < (len - 1))
			{
				if (good_small)
					diag("buffer of %zu bytes: %s", len, q(buf));
				good_small = 0;
			}
			free(buf);
		}
		ok(good_small, "%s: cut to any buffer size, the detail stays valid UTF-8", q(in));
		free(in);
	}
}

/* Inputs far larger than any buffer the parser might keep. */
static void
test_long_inputs(void)
{
	size_t		n = 100000;
	char	   *s = malloc(n + 64);
	EstimateValue v;
	char		err[256];
	CsStatus	st;

	memset(s, 'x', n);
	s[n] = '\0';
	st = est_parse(s, &v, err, sizeof(err), NULL);
	ok(st == CS_ERR_SYNTAX, "100000 bytes of garbage: syntax error");

	memset(s, ' ', n);
	s[n] = '\0';
	st = est_parse(s, &v, err, sizeof(err), NULL);
	ok(st == CS_ERR_SYNTAX, "100000 spaces: syntax error");

	memset(s, ' ', n);
	memcpy(s + n / 2, "600000", 6);
	st = est_parse(s, &v, err, sizeof(err), NULL);
	ok(st == CS_OK && v.best == 600000, "600000 padded with 100000 spaces parses");

	/* 0.111...1 with 509 digits */
	strcpy(s, "0.");
	memset(s + 2, '1', 509);
	s[511] = '\0';
	st = est_parse(s, &v, err, sizeof(err), NULL);
	if (!ok(st == CS_OK && v.best == 1.0 / 9.0 + 0.0 && v.flags == (EST_HAS_LOW | EST_LOW_INC | EST_HAS_HIGH | EST_HIGH_INC),
			"a number with 509 decimal digits parses to the nearest double"))
		diag("got %s, best %.17g, want %.17g (%s)", status_name(st), v.best, 1.0 / 9.0, err);

	/* with 1000 digits too: the number has no length limit */
	memset(s + 2, '1', 1000);
	s[1002] = '\0';
	err[0] = '\0';
	st = est_parse(s, &v, err, sizeof(err), NULL);
	if (!ok(st == CS_OK && v.best == 1.0 / 9.0 + 0.0,
			"a number with 1000 decimal digits parses to the nearest double"))
		diag("got %s, best %.17g (%s)", status_name(st), v.best, err);

	/* 400 digits of 1: too large */
	memset(s, '1', 400);
	s[400] = '\0';
	st = est_parse(s, &v, err, sizeof(err), NULL);
	if (!ok(st == CS_ERR_RANGE, "a 400-digit integer is out of range"))
		diag("got %s (%s)", status_name(st), err);

	/* 1,000,000,...: 100 groups */
	strcpy(s, "1");
	for (int i = 0; i < 100; i++)
		strcat(s, ",000");
	st = est_parse(s, &v, err, sizeof(err), NULL);
	if (!ok(st == CS_OK && v.best == 1e300, "1 followed by 100 groups \",000\" is 1e300"))
		diag("got %s, best %.17g (%s)", status_name(st), v.best, err);

	/* longer still: either read or refused with a detail, never overrun */
	for (int i = 100; i < 2000; i++)
		strcat(s, ",000");
	err[0] = '\0';
	st = est_parse(s, &v, err, sizeof(err), NULL);
	ok((st == CS_ERR_RANGE || st == CS_ERR_SYNTAX) && err[0] != '\0',
	   "1 followed by 2000 groups \",000\" is refused with a detail");
	free(s);
}

/* ------------------------------------------------------------------------
 * Number layout: cs_format_double
 */

/* PostgreSQL's formatter (src/common/d2s.c), what float8out calls */
extern int	double_to_shortest_decimal_buf(double f, char *result);

/*
 * Lay out significant digits and a decimal exponent as float8out does with
 * extra_float_digits > 0: fixed notation for an exponent in [-4, 15),
 * otherwise d.ddde+XX (at least two exponent digits).
 */
static void
layout_digits(int neg, const char *digits_in, int exp10, char *out)
{
	char		digits[40];
	int			nd;
	char	   *c;

	snprintf(digits, sizeof(digits), "%s", digits_in);
	nd = (int) strlen(digits);
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';

	c = out;
	if (neg)
		*c++ = '-';
	if (exp10 >= -4 && exp10 < 15)
	{
		if (exp10 < 0)
		{
			*c++ = '0';
			*c++ = '.';
			for (int k = 0; k < -exp10 - 1; k++)
				*c++ = '0';
			memcpy(c, digits, nd);
			c += nd;
		}
		else if (nd <= exp10 + 1)
		{
			memcpy(c, digits, nd);
			c += nd;
			for (int k = 0; k < exp10 + 1 - nd; k++)
				*c++ = '0';
		}
		else
		{
			memcpy(c, digits, exp10 + 1);
			c += exp10 + 1;
			*c++ = '.';
			memcpy(c, digits + exp10 + 1, nd - exp10 - 1);
			c += nd - exp10 - 1;
		}
		*c = '\0';
	}
	else
	{
		*c++ = digits[0];
		if (nd > 1)
		{
			*c++ = '.';
			memcpy(c, digits + 1, nd - 1);
			c += nd - 1;
		}
		sprintf(c, "e%c%02d", exp10 < 0 ? '-' : '+', abs(exp10));
	}
}

/*
 * Split a number's text into sign, significant digits and the decimal
 * exponent of the first digit (as in %e).
 */
static void
split_number(const char *s, int *neg, char *digits, int *exp10)
{
	int			nd = 0,
				point = -1,
				lead = 0,
				started = 0,
				ndig_total = 0;
	const char *c;

	*neg = (*s == '-');
	if (*s == '-' || *s == '+')
		s++;
	for (c = s; *c && *c != 'e' && *c != 'E'; c++)
	{
		if (*c == '.')
		{
			point = ndig_total;
			continue;
		}
		ndig_total++;
		if (*c == '0' && !started)
		{
			lead++;
			continue;
		}
		started = 1;
		if (nd < 39)
			digits[nd++] = *c;
	}
	if (point < 0)
		point = ndig_total;
	if (nd == 0)
	{
		digits[nd++] = '0';
		*exp10 = 0;
	}
	else
		*exp10 = point - lead - 1 + ((*c == 'e' || *c == 'E') ? atoi(c + 1) : 0);
	digits[nd] = '\0';
}

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


/* Check cs_format_double: fixed examples, then random doubles. */
static void
tcs_format_double(int rounds)
{
	static const struct
	{
		double		d;
		const char *text;
	}			fixed[] = {
		{600000, "600000"},
		{0.1, "0.1"},
		{1e15, "1e+15"},
		{1e-5, "1e-05"},
		{0.0001, "0.0001"},
		{123456789012345.0, "123456789012345"},
		{1.2345678901234568e17, "1.2345678901234568e+17"},
		{0, "0"},
		{1, "1"},
		{-1.5, "-1.5"},
		{100, "100"},
		{1e14, "100000000000000"},
		{999999999999999.0, "999999999999999"},
		{1e16, "1e+16"},
		{2.5e-5, "2.5e-05"},
		{0.00012, "0.00012"},
		{123456.789, "123456.789"},
		{0.30000000000000004, "0.30000000000000004"},
		{1.0 / 3, "0.3333333333333333"},
		{626.3048016701462, "626.3048016701462"},
		{1.5e300, "1.5e+300"},
		{5e-324, "5e-324"},
		{DBL_MAX, "1.7976931348623157e+308"},
		{-DBL_MAX, "-1.7976931348623157e+308"},
		{2.2250738585072014e-308, "2.2250738585072014e-308"},
		{1e100, "1e+100"},
		{-1e-100, "-1e-100"},
		{9007199254740993.0, "9.007199254740992e+15"},
		{1e23, "9.999999999999999e+22"},	/* as float8out: Ryu's boundary case */
	};
	size_t		i;
	int			bad_rt = 0,
				bad_short = 0,
				bad_layout = 0,
				bad_pg = 0,
				bad_len = 0;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
	{
		char		buf[CS_DOUBLE_BUFLEN];
		size_t		len = cs_format_double(fixed[i].d, buf);

		if (!ok(strcmp(buf, fixed[i].text) == 0 && len == strlen(buf),
				"cs_format_double(%.17g) = %s", fixed[i].d, fixed[i].text))
			diag("got %s (length %zu)", q(buf), len);
	}

	for (int r = 0; r < rounds; r++)
	{
		double		d = random_mixed_double();
		char	   *buf = malloc(CS_DOUBLE_BUFLEN);	/* heap: ASan checks */
		char		ref[64],
					pg[64],
					g17[64],
					digits[40];
		int			neg,
					exp10;
		size_t		len = cs_format_double(d, buf);

		snprintf(g17, sizeof(g17), "%.17g", d);
		if (strtod(buf, NULL) != d || !same_double(strtod(buf, NULL), d))
		{
			if (bad_rt++ < 3)
				diag("%s (%%.17g %s) does not read back", buf, g17);
		}

		/*
		 * Ryu (float8out) is shortest except where a shorter text sits
		 * exactly on a rounding boundary (1e23 prints 9.999999999999999e+22),
		 * so the check against printf is only "no more digits than %.17g";
		 * the comparison with float8out's own text below pins the rest.
		 */
		if (sig_digits(buf) > sig_digits(g17))
		{
			if (bad_short++ < 3)
				diag("%s has more digits than %%.17g %s", buf, g17);
		}
		/* its own digits laid out by float8out's rules */
		split_number(buf, &neg, digits, &exp10);
		layout_digits(neg, digits, exp10, ref);
		if (strcmp(buf, ref) != 0)
		{
			if (bad_layout++ < 3)
				diag("%s, float8out lays these digits out as %s", buf, ref);
		}
		/* and the very text float8out writes */
		double_to_shortest_decimal_buf(d, pg);
		if (strcmp(buf, pg) != 0)
		{
			if (bad_pg++ < 3)
				diag("%s, float8out writes %s", buf, pg);
		}
		if (len != strlen(buf))
			bad_len++;
		free(buf);
	}
	ok(bad_rt == 0, "cs_format_double reads back exactly (strtod) for %d random doubles (%d bad)",
	   rounds, bad_rt);
	ok(bad_short == 0, "cs_format_double never has more significant digits than %%.17g (%d bad)",
	   bad_short);
	ok(bad_layout == 0, "cs_format_double lays its digits out as float8out does (%d bad)",
	   bad_layout);
	ok(bad_pg == 0, "cs_format_double writes what float8out writes with extra_float_digits=1 (%d bad)",
	   bad_pg);
	ok(bad_len == 0, "cs_format_double returns the length it wrote (%d bad)", bad_len);
}

/* ------------------------------------------------------------------------
 * Random values: canonical text reads back to the same bytes
 */

/* Build a random valid value of a random shape; returns 0 if none made. */
static int
random_value(EstimateValue *v)
{
	double		a = random_mixed_double(),
				b = random_mixed_double(),
				c = random_mixed_double(),
				t;
	const char *detail;
	int			shape = (int) (next_random() % 10);
	int			li = (int) (next_random() & 1),
				hi = (int) (next_random() & 1);

	/* sort a <= b <= c */
	if (a > b)
	{
		t = a; a = b; b = t;
	}
	if (b > c)
	{
		t = b; b = c; c = t;
	}
	if (a > b)
	{
		t = a; a = b; b = t;
	}
	switch (shape)
	{
		case 0:
			return est_make(v, b, 1, b, 1, 1, b, 1, &detail) == CS_OK;
		case 1:
			return est_make(v, b, 0, 0, 0, 0, 0, 0, &detail) == CS_OK;
		case 2:
			return est_make(v, b, 1, b, li, 0, 0, 0, &detail) == CS_OK;
		case 3:
			return est_make(v, b, 0, 0, 0, 1, b, hi, &detail) == CS_OK;
		case 4:
			return est_make(v, est_midpoint(a, c), 1, a, 1, 1, c, 1, &detail) == CS_OK;
		case 5:
			return est_make(v, b, 1, a, li, 0, 0, 0, &detail) == CS_OK;
		case 6:
			return est_make(v, b, 0, 0, 0, 1, c, hi, &detail) == CS_OK;
		default:
			return est_make(v, b, 1, a, li, 1, c, hi, &detail) == CS_OK;
	}
}

/* The qualifier the canonical text's shape calls for. */
static const char *
qualifier_of_text(const char *s)
{
	if (s[0] == '~')
		return "about";
	if (strncmp(s, ">=", 2) == 0)
		return "at least";
	if (s[0] == '>')
		return "more than";
	if (strncmp(s, "<=", 2) == 0)
		return "at most";
	if (s[0] == '<')
		return "fewer than";
	if (strstr(s, "..") || strchr(s, '[') || strchr(s, '('))
		return "range";
	return "exact";
}

/* Check parse(format(v)) == v byte for byte over random values. */
static void
test_round_trip(int rounds)
{
	int			made = 0,
				bad_parse = 0,
				bad_bytes = 0,
				bad_valid = 0,
				bad_qual = 0,
				bad_len = 0,
				bad_short = 0;

	for (int r = 0; r < rounds; r++)
	{
		EstimateValue v,
					w;
		char	   *out = malloc(EST_TEXT_BUFLEN);
		char		err[256];
		const char *detail = NULL;
		CsStatus	st;
		size_t		len;

		if (!random_value(&v))
		{
			free(out);
			continue;
		}
		made++;
		if (est_check(&v, &detail) != CS_OK)
		{
			if (bad_valid++ < 3)
			{
				diag("est_make made a value est_check rejects: %s", detail ? detail : "");
				diag_value("value", &v);
			}
		}
		len = est_format(&v, out);
		if (len != strlen(out) || len >= EST_TEXT_BUFLEN)
			bad_len++;
		memset(&w, 0x44, sizeof(w));
		st = est_parse(out, &w, err, sizeof(err), NULL);
		if (st != CS_OK)
		{
			if (bad_parse++ < 3)
				diag("canonical text %s does not parse: %s (%s)", q(out), status_name(st), err);
		}
		else if (!same_value(&v, &w))
		{
			if (bad_bytes++ < 3)
			{
				diag("canonical text %s reads back different bytes", q(out));
				diag_value("before", &v);
				diag_value("after ", &w);
			}
		}
		if (strcmp(est_qualifier(&v), qualifier_of_text(out)) != 0)
		{
			if (bad_qual++ < 3)
				diag("qualifier \"%s\" for %s", est_qualifier(&v), q(out));
		}

		/*
		 * Shortest form: the general form only when no other form holds the
		 * value.
		 */
		{
			int			general = (strchr(out, '[') || strchr(out, '('));
			int			hl = (v.flags & EST_HAS_LOW) != 0,
						hh = (v.flags & EST_HAS_HIGH) != 0;
			int			li = (v.flags & EST_LOW_INC) != 0,
						hi = (v.flags & EST_HIGH_INC) != 0;
			int			could_be_short =
				(hl && hh && li && hi && v.low == v.best && v.high == v.best) ||
				(!hl && !hh) ||
				(hl && !hh && v.low == v.best) ||
				(!hl && hh && v.high == v.best) ||
				(hl && hh && li && hi && v.best == est_midpoint(v.low, v.high));

			if (general == could_be_short)
			{
				if (bad_short++ < 3)
					diag("%s is not the shortest form", q(out));
			}
		}
		free(out);
	}
	ok(made > rounds / 2, "made %d random values with est_make", made);
	ok(bad_valid == 0, "est_make's values pass est_check (%d bad)", bad_valid);
	ok(bad_len == 0, "est_format returns the length it wrote, within EST_TEXT_BUFLEN (%d bad)", bad_len);
	ok(bad_parse == 0, "canonical text of %d random values parses (%d bad)", made, bad_parse);
	ok(bad_bytes == 0, "parse(format(v)) is v byte for byte (%d bad)", bad_bytes);
	ok(bad_qual == 0, "est_qualifier matches the shape of the canonical text (%d bad)", bad_qual);
	ok(bad_short == 0, "the general form is used only when no shorter form holds the value (%d bad)",
	   bad_short);
}

/* ------------------------------------------------------------------------
 * est_make, est_normalize and est_check
 */

/* Check est_make's normalization and rejections. */
static void
test_make(void)
{
	EstimateValue v;
	const char *detail;
	CsStatus	st;

	memset(&v, 0xAB, sizeof(v));
	st = est_make(&v, -0.0, 0, 123, 1, 0, 456, 1, &detail);
	ok(st == CS_OK && !signbit(v.best) && v.low == 0 && v.high == 0 &&
	   v.flags == 0 && v.version == EST_VERSION &&
	   memcmp(v.reserved, "\0\0\0\0\0\0", 6) == 0,
	   "est_make stores -0 as +0, zeroes unbounded slots and reserved bytes");

	st = est_make(&v, 0.0, 1, -0.0, 1, 1, -0.0, 1, &detail);
	ok(st == CS_OK && !signbit(v.low) && !signbit(v.high) && strcmp(fmt(&v), "0") == 0,
	   "est_make stores -0 bounds as +0");

	detail = NULL;
	st = est_make(&v, 5, 1, 6, 1, 0, 0, 0, &detail);
	ok(st == CS_ERR_INVALID && detail && *detail, "est_make rejects a best below its low");
	detail = NULL;
	st = est_make(&v, 5, 1, 1, 1, 1, 4, 1, &detail);
	ok(st == CS_ERR_INVALID && detail && *detail, "est_make rejects a best above its high");
	st = est_make(&v, 5, 1, 7, 1, 1, 3, 1, &detail);
	ok(st == CS_ERR_INVALID, "est_make rejects low > high");
	st = est_make(&v, 5, 1, 5, 0, 1, 5, 0, &detail);
	ok(st == CS_ERR_INVALID, "est_make rejects the empty range 5 (5,5)");
	st = est_make(&v, 5, 1, 5, 1, 1, 5, 0, &detail);
	ok(st == CS_ERR_INVALID, "est_make rejects the empty range 5 [5,5)");
	st = est_make(&v, NAN, 0, 0, 0, 0, 0, 0, &detail);
	ok(st != CS_OK, "est_make rejects a NaN best");
	st = est_make(&v, 5, 1, NAN, 1, 0, 0, 0, &detail);
	ok(st != CS_OK, "est_make rejects a NaN low");
	st = est_make(&v, INFINITY, 0, 0, 0, 0, 0, 0, &detail);
	ok(st != CS_OK, "est_make rejects an infinite best");
	st = est_make(&v, 5, 0, 0, 0, 1, INFINITY, 1, &detail);
	ok(st != CS_OK, "est_make rejects an infinite high");

	memset(&v, 0, sizeof(v));
	v.best = -0.0;
	v.low = 77;
	v.high = -0.0;
	v.flags = EST_HAS_HIGH | EST_HIGH_INC | EST_LOW_INC;
	v.reserved[3] = 9;
	est_normalize(&v);
	ok(!signbit(v.best) && v.low == 0 && !signbit(v.high) &&
	   v.flags == (EST_HAS_HIGH | EST_HIGH_INC) && v.version == EST_VERSION &&
	   v.reserved[3] == 0,
	   "est_normalize clears the unbounded slot, its inclusive bit, -0 and reserved bytes");
}

/* Check that est_check refuses v and says why. */
static void
rejects(const EstimateValue *v, const char *fmt,...)
{
	const char *detail = NULL;
	CsStatus	st = est_check(v, &detail);
	char		name[200];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	if (!ok(st != CS_OK && detail != NULL && detail[0] != '\0', "%s, with a detail", name))
		diag("got %s, detail %s", status_name(st), detail ? q(detail) : "NULL");
}

/* Check est_check: what receive must refuse. */
static void
test_check(void)
{
	EstimateValue good = P("615000 [500000,700000]");
	EstimateValue v;
	const char *detail;
	int			k;

	detail = NULL;
	ok(est_check(&good, &detail) == CS_OK, "est_check accepts 615000 [500000,700000]");

	for (k = 0; k < 4; k++)
	{
		static const uint8_t versions[] = {0, EST_VERSION + 1, 0x80, 0xFF};

		v = good;
		v.version = versions[k];
		detail = NULL;
		ok(est_check(&v, &detail) != CS_OK && detail && *detail,
		   "est_check rejects version %u", versions[k]);
	}
	for (k = 0; k < 6; k++)
	{
		v = good;
		v.reserved[k] = (uint8_t) (1 << k);
		rejects(&v, "est_check rejects reserved byte %d set", k);
	}
	for (k = 4; k < 8; k++)
	{
		v = good;
		v.flags |= (uint8_t) (1 << k);
		rejects(&v, "est_check rejects unknown flag 0x%02x", 1 << k);
	}
	v = good;
	v.best = NAN;
	rejects(&v, "est_check rejects a NaN best");
	v = good;
	v.low = NAN;
	rejects(&v, "est_check rejects a NaN low");
	v = good;
	v.high = NAN;
	rejects(&v, "est_check rejects a NaN high");
	v = good;
	v.high = INFINITY;
	rejects(&v, "est_check rejects an infinite high");
	v = good;
	v.low = -INFINITY;
	rejects(&v, "est_check rejects an infinite low");
	v = P("~5");
	v.best = INFINITY;
	rejects(&v, "est_check rejects an infinite best");

	v = P("~5");
	v.low = 1;
	rejects(&v, "est_check rejects a non-zero unbounded low slot");
	v = P("~5");
	v.high = 9;
	rejects(&v, "est_check rejects a non-zero unbounded high slot");
	v = P("~5");
	v.low = NAN;
	rejects(&v, "est_check rejects a NaN unbounded slot");
	v = P("~5");
	v.flags = EST_LOW_INC;
	rejects(&v, "est_check rejects an inclusive bit on an unbounded low side");
	v = P("~5");
	v.flags = EST_HIGH_INC;
	rejects(&v, "est_check rejects an inclusive bit on an unbounded high side");

	v = good;
	v.low = 620000;
	rejects(&v, "est_check rejects low > best");
	v = good;
	v.high = 610000;
	rejects(&v, "est_check rejects best > high");
	v = good;
	v.low = 800000;
	rejects(&v, "est_check rejects low > high");
	v = P("5");
	v.flags = EST_HAS_LOW | EST_HAS_HIGH;
	rejects(&v, "est_check rejects the empty range 5 (5,5)");
	v = P("5");
	v.flags = EST_HAS_LOW | EST_LOW_INC | EST_HAS_HIGH;
	rejects(&v, "est_check rejects the empty range 5 [5,5)");

	/* stored values never hold -0 (hashing compares bytes) */
	v = P("0");
	v.best = -0.0;
	rejects(&v, "est_check rejects a -0 best");
	v = P("0");
	v.low = -0.0;
	rejects(&v, "est_check rejects a -0 low");
	v = P("0");
	v.high = -0.0;
	rejects(&v, "est_check rejects a -0 high");
	v = P(">5");
	ok(est_check(&v, &detail) == CS_OK, "est_check accepts a best on an exclusive bound (>5)");
	v = P("5 (5,6)");
	ok(est_check(&v, &detail) == CS_OK, "est_check accepts 5 (5,6)");
}

/* ------------------------------------------------------------------------
 * Ordering, equality, containment, overlap
 */

/* The order: best, then low position, then high position. */
static const char *const ordered[] = {
	"-1",
	"~4",
	"5 (,5)",					/* <5 */
	"5 (,5]",					/* <=5 */
	"5 (,6)",
	"5 (,6]",
	"~5",						/* low unbounded first, high unbounded last */
	"5 [4,5]",
	"5 [4,6)",
	"5 [4,6]",
	"5 [4,)",
	"5 (4,5]",					/* same low value: inclusive before exclusive */
	"5 (4,6)",
	"5 (4,)",
	"5",						/* [5,5] */
	"5 [5,6)",
	"5 [5,6]",
	">=5",
	"5 (5,6)",
	"5 (5,6]",
	">5",
	"5.5",
	"6 (,7]",
	"~6",
	"600000",
	">600000",
	"615000 [500000,700000]",
	"1e300",
};

/* Sign of an int. */
static int
sgn(int x)
{
	return (x > 0) - (x < 0);
}

/* Check est_compare and est_equal against that order. */
static void
test_compare(void)
{
	size_t		n = sizeof(ordered) / sizeof(ordered[0]);
	EstimateValue vals[sizeof(ordered) / sizeof(ordered[0])];
	size_t		i,
				j;
	int			bad = 0,
				bad_eq = 0;

	for (i = 0; i < n; i++)
		vals[i] = P(ordered[i]);
	for (i = 0; i < n; i++)
	{
		for (j = 0; j < n; j++)
		{
			int			want = (i < j) ? -1 : (i > j) ? 1 : 0;
			int			got = sgn(est_compare(&vals[i], &vals[j]));

			if (got != want)
			{
				if (bad++ < 5)
					diag("est_compare(%s, %s) = %d, want %d", ordered[i], ordered[j], got, want);
			}
			if ((est_equal(&vals[i], &vals[j]) != 0) != (i == j))
				bad_eq++;
		}
	}
	ok(bad == 0, "est_compare orders %zu values by best, low position, high position (%d bad pairs)",
	   n, bad);
	ok(bad_eq == 0, "est_equal is equality of all parts (%d bad pairs)", bad_eq);

	{
		static const char *const same[][2] = {
			{"600,000", "600000"},
			{"about 5", "~5"},
			{"5 [5,5]", "5"},
			{"between 1 and 3", "1..3"},
			{"2 [1,3]", "1 to 3"},
			{"615000 (500000..700000)", "615,000 [500000,700000]"},
			{"more than 6e5", ">600000"},
			{"-0", "0"},
			{"5 (,)", "~5"},
		};

		for (i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		{
			EstimateValue a = P(same[i][0]),
						b = P(same[i][1]);

			ok(est_compare(&a, &b) == 0 && est_equal(&a, &b) && same_value(&a, &b),
			   "%s equals %s (compare, equal and bytes)", q(same[i][0]), q(same[i][1]));
		}
	}
}

/* Check est_contains and est_overlaps. */
static void
test_contains_overlaps(void)
{
	static const struct
	{
		const char *v;
		double		x;
		int			want;
	}			cont[] = {
		{">5", 5, 0}, {">5", 5.000001, 1}, {">5", 1e300, 1}, {">5", 4, 0},
		{">=5", 5, 1}, {">=5", 4.999, 0},
		{"<5", 5, 0}, {"<5", -1e300, 1}, {"<=5", 5, 1}, {"<=5", 5.1, 0},
		{"~5", -1e308, 1}, {"~5", 1e308, 1}, {"~5", 5, 1},
		{"5", 5, 1}, {"5", 5.000000001, 0}, {"5", 4.99999999, 0},
		{"1..3", 1, 1}, {"1..3", 3, 1}, {"1..3", 3.0000001, 0}, {"1..3", 0.9999, 0},
		{"2 (1,3)", 1, 0}, {"2 (1,3)", 3, 0}, {"2 (1,3)", 2.5, 1},
		{"5 (,10]", 10, 1}, {"5 (,10]", 10.5, 0}, {"5 (,10]", -1e300, 1},
		{"20 [15,)", 15, 1}, {"20 [15,)", 14, 0}, {"20 [15,)", 1e300, 1},
	};
	static const struct
	{
		const char *a;
		const char *b;
		int			want;
	}			over[] = {
		{"<5", ">5", 0}, {"<=5", ">=5", 1}, {"<5", ">=5", 0}, {"<=5", ">5", 0},
		{"1..3", "2..4", 1}, {"1..2", "3..4", 0}, {"1..3", "3..4", 1},
		{"2 [1,3)", "3..4", 0}, {"~5", "1e300", 1}, {"~5", "~-5", 1},
		{">600000", "615000 [500000,700000]", 1}, {">700000", "615000 [500000,700000]", 0},
		{"5", "5", 1}, {"5", "6", 0}, {"5", "1..10", 1}, {"20 [15,)", "5 (,10]", 0},
		{"20 [15,)", "5 (,15]", 1}, {"20 (15,)", "5 (,15]", 0},
	};
	size_t		i;

	for (i = 0; i < sizeof(cont) / sizeof(cont[0]); i++)
	{
		EstimateValue v = P(cont[i].v);

		ok((est_contains(&v, cont[i].x) != 0) == cont[i].want,
		   "%s %s %.17g", cont[i].v, cont[i].want ? "contains" : "does not contain", cont[i].x);
	}
	for (i = 0; i < sizeof(over) / sizeof(over[0]); i++)
	{
		EstimateValue a = P(over[i].a),
					b = P(over[i].b);
		int			ab = est_overlaps(&a, &b) != 0,
					ba = est_overlaps(&b, &a) != 0;

		ok(ab == over[i].want && ba == over[i].want,
		   "%s %s %s", over[i].a, over[i].want ? "overlaps" : "does not overlap", over[i].b);
	}
}

/* ------------------------------------------------------------------------
 * Arithmetic
 */

typedef enum
{
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_NEG
} Op;

/* Run one operation on text operands; writes the result's text or status. */
static CsStatus
run_op(Op op, const char *as, const char *bs, double k, EstimateValue *r)
{
	EstimateValue a = P(as),
				b;

	memset(r, 0x66, sizeof(*r));
	switch (op)
	{
		case OP_ADD:
			b = P(bs);
			return est_add(r, &a, &b);
		case OP_SUB:
			b = P(bs);
			return est_sub(r, &a, &b);
		case OP_MUL:
			return est_mul(r, &a, k);
		case OP_DIV:
			return est_div(r, &a, k);
		case OP_NEG:
			est_neg(r, &a);
			return CS_OK;
	}
	return CS_ERR_INVALID;
}

/* Check interval arithmetic: bounds, inclusivity and errors. */
static void
test_arithmetic(void)
{
	static const struct
	{
		Op			op;
		const char *a;
		const char *b;
		double		k;
		CsStatus	want_status;
		const char *want;
		const char *why;
	}			cases[] = {
		{OP_ADD, ">600000", "1000", 0, CS_OK, ">601000", "number mixes in"},
		{OP_DIV, ">600000", NULL, 958, CS_OK, ">626.3048016701462", "number mixes in"},
		{OP_ADD, "1..3", "10..20", 0, CS_OK, "11..23", "bounds add"},
		{OP_ADD, "615000 [500000,700000]", "1000", 0, CS_OK, "616000 [501000,701000]", "general form"},
		{OP_ADD, ">5", ">=3", 0, CS_OK, ">8", "exclusive + inclusive is exclusive"},
		{OP_ADD, ">=5", ">=3", 0, CS_OK, ">=8", "inclusive + inclusive is inclusive"},
		{OP_ADD, "<5", "<=3", 0, CS_OK, "<8", "exclusive high stays exclusive"},
		{OP_ADD, "5 (,10]", "~1", 0, CS_OK, "~6", "an unknown bound stays unknown"},
		{OP_ADD, "<=10", ">=3", 0, CS_OK, "~13", "unknown on each side"},
		{OP_ADD, "2 (1,3)", "5", 0, CS_OK, "7 (6,8)", "exclusive both sides"},
		{OP_ADD, "20 [15,)", "5 (,10]", 0, CS_OK, "~25", "half-open ranges"},
		{OP_ADD, "1.5", "-1.5", 0, CS_OK, "0", "zero"},
		{OP_ADD, "0.1", "0.2", 0, CS_OK, "0.30000000000000004", "float sum"},
		{OP_ADD, "1e308", "1e308", 0, CS_ERR_RANGE, NULL, "overflow"},
		{OP_ADD, "-1e308", "-1e308", 0, CS_ERR_RANGE, NULL, "negative overflow"},
		{OP_ADD, "1 [1,1e308]", "1 [1,1e308]", 0, CS_ERR_RANGE, NULL, "a bound overflows"},
		{OP_SUB, "10..20", "1..3", 0, CS_OK, "7..19", "subtraction swaps the bounds"},
		{OP_SUB, ">600000", "1000", 0, CS_OK, ">599000", "subtract a number"},
		{OP_SUB, "100", ">5", 0, CS_OK, "<95", "a - (>b) is < (a - b)"},
		{OP_SUB, "100", ">=5", 0, CS_OK, "<=95", "a - (>=b) is <= (a - b)"},
		{OP_SUB, "100", "5 (,10]", 0, CS_OK, "95 [90,)", "swapped half-open"},
		{OP_SUB, "2 (1,3]", "2 [1,3)", 0, CS_OK, "0 (-2,2]", "exclusivity follows the swap"},
		{OP_SUB, "5", "5", 0, CS_OK, "0", "a - a exact"},
		{OP_SUB, "1e308", "-1e308", 0, CS_ERR_RANGE, NULL, "overflow"},
		{OP_NEG, ">5", NULL, 0, CS_OK, "<-5", "unary minus swaps"},
		{OP_NEG, "5 [4,10)", NULL, 0, CS_OK, "-5 (-10,-4]", "unary minus swaps inclusivity"},
		{OP_NEG, "0", NULL, 0, CS_OK, "0", "-0 is 0"},
		{OP_NEG, "1..3", NULL, 0, CS_OK, "-3..-1", "range"},
		{OP_MUL, ">5", NULL, 2, CS_OK, ">10", "positive factor"},
		{OP_MUL, ">5", NULL, -2, CS_OK, "<-10", "negative factor swaps"},
		{OP_MUL, "5 [4,10)", NULL, -1, CS_OK, "-5 (-10,-4]", "negative factor swaps inclusivity"},
		{OP_MUL, "1..3", NULL, 0.5, CS_OK, "0.5..1.5", "fraction"},
		{OP_MUL, ">5", NULL, 0, CS_OK, "0", "factor 0 gives exact 0"},
		{OP_MUL, "~5", NULL, 0, CS_OK, "0", "factor 0 gives exact 0 (unbounded)"},
		{OP_MUL, "-5 [-6,)", NULL, -0.0, CS_OK, "0", "factor -0 gives exact 0"},
		{OP_MUL, "0", NULL, -1, CS_OK, "0", "0 times negative is 0, not -0"},
		{OP_MUL, "1e308", NULL, 10, CS_ERR_RANGE, NULL, "overflow"},
		{OP_MUL, "1 [0,1e300]", NULL, 1e10, CS_ERR_RANGE, NULL, "a bound overflows"},
		{OP_MUL, "5", NULL, NAN, CS_ERR_INVALID, NULL, "NaN factor"},
		{OP_MUL, "5", NULL, INFINITY, CS_ERR_RANGE, NULL, "infinite factor: 22003, as for infinities elsewhere"},
		{OP_MUL, "5", NULL, -INFINITY, CS_ERR_RANGE, NULL, "infinite factor: 22003, as for infinities elsewhere"},
		{OP_DIV, ">5", NULL, -1, CS_OK, "<-5", "negative divisor swaps"},
		{OP_DIV, "500000..700000", NULL, 2, CS_OK, "250000..350000", "range"},
		{OP_DIV, "0", NULL, 5, CS_OK, "0", "0 / k"},
		{OP_DIV, "0", NULL, -5, CS_OK, "0", "0 / negative is 0, not -0"},
		{OP_DIV, "5", NULL, 0, CS_ERR_DIVZERO, NULL, "division by zero"},
		{OP_DIV, "~5", NULL, 0, CS_ERR_DIVZERO, NULL, "division by zero"},
		{OP_DIV, "0", NULL, 0, CS_ERR_DIVZERO, NULL, "0 / 0"},
		{OP_DIV, "5", NULL, -0.0, CS_ERR_DIVZERO, NULL, "division by -0"},
		{OP_DIV, "1e300", NULL, 1e-300, CS_ERR_RANGE, NULL, "overflow"},
		{OP_DIV, "5", NULL, NAN, CS_ERR_INVALID, NULL, "NaN divisor"},
		{OP_DIV, "5", NULL, INFINITY, CS_ERR_RANGE, NULL, "infinite divisor: 22003, as for infinities elsewhere"},
	};
	static const char *const opname[] = {"+", "-", "*", "/", "-"};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		EstimateValue r;
		CsStatus	st = run_op(cases[i].op, cases[i].a, cases[i].b, cases[i].k, &r);
		char		name[200];
		const char *detail;
		int			good;

		if (cases[i].op == OP_NEG)
			snprintf(name, sizeof(name), "-(%s)", cases[i].a);
		else if (cases[i].b)
			snprintf(name, sizeof(name), "(%s) %s (%s)", cases[i].a, opname[cases[i].op], cases[i].b);
		else
			snprintf(name, sizeof(name), "(%s) %s %.17g", cases[i].a, opname[cases[i].op], cases[i].k);

		if (cases[i].want_status != CS_OK)
		{
			if (!ok(st == cases[i].want_status, "%s is %s (%s)", name,
					status_name(cases[i].want_status), cases[i].why))
				diag("got %s%s%s", status_name(st), st == CS_OK ? ": " : "",
					 st == CS_OK ? fmt(&r) : "");
			continue;
		}
		good = st == CS_OK && strcmp(fmt(&r), cases[i].want) == 0 &&
			est_check(&r, &detail) == CS_OK && !(r.best == 0 && signbit(r.best));
		if (!ok(good, "%s = %s (%s)", name, cases[i].want, cases[i].why))
		{
			if (st != CS_OK)
				diag("got %s", status_name(st));
			else
				diag("got %s", fmt(&r));
		}
	}

	/*
	 * Rounding may collapse an exclusive range: (1,3) + 1e300 cannot be held
	 * exactly.  Whatever the result, it must be a valid value (or an error
	 * status), never one that receive would reject.
	 */
	{
		static const struct
		{
			Op			op;
			const char *a;
			const char *b;
			double		k;
		}			collapse[] = {
			{OP_ADD, "2 (1,3)", "1e300", 0},
			{OP_ADD, "2 (1,3]", "1e300", 0},
			{OP_ADD, "1 (1,3)", "1e300", 0},
			{OP_SUB, "1e300", "2 (1,3)", 0},
			{OP_ADD, "2 (1,3)", "1e300 (1e299,)", 0},
			{OP_MUL, "5e-324 (0,1e-323)", NULL, 0.1},
			{OP_DIV, "5e-324 (0,1e-323)", NULL, 10},
			{OP_DIV, "5e-324 (0,1e-323)", NULL, 1e300},
		};

		for (i = 0; i < sizeof(collapse) / sizeof(collapse[0]); i++)
		{
			EstimateValue r;
			const char *detail = NULL;
			CsStatus	st = run_op(collapse[i].op, collapse[i].a, collapse[i].b, collapse[i].k, &r);
			char		name[200];

			if (collapse[i].b)
				snprintf(name, sizeof(name), "(%s) %s (%s)", collapse[i].a,
						 opname[collapse[i].op], collapse[i].b);
			else
				snprintf(name, sizeof(name), "(%s) %s %.17g", collapse[i].a,
						 opname[collapse[i].op], collapse[i].k);
			if (!ok((st == CS_OK && est_check(&r, &detail) == CS_OK) || st == CS_ERR_RANGE,
					"%s: a valid value though rounding collapses the range", name))
				diag("got %s %s (%s)", status_name(st), st == CS_OK ? fmt(&r) : "",
					 detail ? detail : "");
			else if (st == CS_OK)
				diag("%s = %s", name, fmt(&r));
		}
	}

	/* results may alias the arguments */
	{
		EstimateValue a = P(">600000"),
					b = P("1000");

		est_add(&a, &a, &b);
		ok(strcmp(fmt(&a), ">601000") == 0, "est_add writes into its first argument");
		a = P("10..20");
		b = P("1..3");
		est_sub(&b, &a, &b);
		ok(strcmp(fmt(&b), "7..19") == 0, "est_sub writes into its second argument");
		a = P("5 [4,10)");
		est_neg(&a, &a);
		ok(strcmp(fmt(&a), "-5 (-10,-4]") == 0, "est_neg writes in place");
		a = P("1..3");
		est_mul(&a, &a, -2);
		ok(strcmp(fmt(&a), "-6..-2") == 0, "est_mul writes in place");
		a = P(">600000");
		est_div(&a, &a, 958);
		ok(strcmp(fmt(&a), ">626.3048016701462") == 0, "est_div writes in place");
		a = P("2 [1,3)");
		est_add(&a, &a, &a);
		ok(strcmp(fmt(&a), "4 [2,6)") == 0, "est_add of a value with itself in place");
	}
}

/* Random arithmetic: every result is valid or an error status. */
static void
test_random_arithmetic(int rounds)
{
	int			bad = 0,
				bad_best = 0,
				n_ok = 0;

	for (int r = 0; r < rounds; r++)
	{
		EstimateValue a,
					b,
					res;
		double		k = random_mixed_double();
		double		want_best;
		const char *detail;
		CsStatus	st;
		int			op = (int) (next_random() % 5);

		if (!random_value(&a) || !random_value(&b))
			continue;
		switch (op)
		{
			case 0:
				st = est_add(&res, &a, &b);
				want_best = a.best + b.best;
				break;
			case 1:
				st = est_sub(&res, &a, &b);
				want_best = a.best - b.best;
				break;
			case 2:
				st = est_mul(&res, &a, k);
				want_best = a.best * k;
				break;
			case 3:
				st = est_div(&res, &a, k);
				want_best = k == 0 ? 0 : a.best / k;
				break;
			default:
				est_neg(&res, &a);
				st = CS_OK;
				want_best = -a.best;
				break;
		}
		if (st == CS_OK)
		{
			n_ok++;
			if (est_check(&res, &detail) != CS_OK)
			{
				if (bad++ < 3)
				{
					diag("operation %d gave an invalid value: %s", op, detail ? detail : "");
					diag("  a = %s, b = %s, k = %.17g -> %s", fmt(&a), fmt(&b), k, fmt(&res));
				}
			}
			else if (res.best != want_best + 0.0)
			{
				if (bad_best++ < 3)
					diag("operation %d: best %.17g, want %.17g (a = %s, b = %s, k = %.17g)",
						 op, res.best, want_best, fmt(&a), fmt(&b), k);
			}
		}
		else if (st != CS_ERR_RANGE && st != CS_ERR_DIVZERO)
		{
			if (bad++ < 3)
				diag("operation %d: unexpected %s (a = %s, b = %s, k = %.17g)",
					 op, status_name(st), fmt(&a), fmt(&b), k);
		}
	}
	ok(bad == 0, "random arithmetic gives valid values or RANGE/DIVZERO (%d bad, %d ok)", bad, n_ok);
	ok(bad_best == 0, "random arithmetic: the best value is the plain double result (%d bad)",
	   bad_best);
}

/* ------------------------------------------------------------------------
 * The operations of 1.1: estimate * estimate, estimate / estimate, within,
 * round and describe with digits, as properties over random values
 */

/* Say whether r's range holds every value a's range holds. */
static int
range_holds(const EstimateValue *r, const EstimateValue *a)
{
	if (r->flags & EST_HAS_LOW)
	{
		if (!(a->flags & EST_HAS_LOW) || r->low > a->low ||
			(r->low == a->low && !(r->flags & EST_LOW_INC) && (a->flags & EST_LOW_INC)))
			return 0;
	}
	if (r->flags & EST_HAS_HIGH)
	{
		if (!(a->flags & EST_HAS_HIGH) || r->high < a->high ||
			(r->high == a->high && !(r->flags & EST_HIGH_INC) && (a->flags & EST_HIGH_INC)))
			return 0;
	}
	return 1;
}

/*
 * Build a random figure of a random kind from quarters between -15 and 15
 * (exact, about, one-sided, ranges with every mix of inclusive, exclusive
 * and unknown sides, positive, negative, zero), where products are exact;
 * with coarse, from the integers -3 to 3, so that two corners of a product
 * often meet at one value (symmetric ranges, bounds at 0), where the
 * inclusive one must win.
 */
static void
random_quarter_figure(EstimateValue *v, int coarse)
{
#define QUARTER()	(coarse ? (double) ((int) (next_random() % 7) - 3) : \
					 (double) ((int) (next_random() % 121) - 60) / 4)
	double		b = QUARTER(),
				lo,
				hi;
	int			kind = (int) (next_random() % 12);
	int			has_low,
				has_high;

	switch (kind)
	{
		case 0:
			est_make(v, b, 1, b, 1, 1, b, 1, NULL);
			return;
		case 1:
			est_make(v, 0, 1, 0, 1, 1, 0, 1, NULL);
			return;
		case 2:
			est_make(v, b, 0, 0, 0, 0, 0, 0, NULL);
			return;
		case 3:
		case 4:
			est_make(v, b, 1, b, kind == 4, 0, 0, 0, NULL);
			return;
		case 5:
		case 6:
			est_make(v, b, 0, 0, 0, 1, b, kind == 6, NULL);
			return;
		default:
			break;
	}
	lo = b - fabs(QUARTER());
	hi = b + fabs(QUARTER());
	if (kind == 7 || kind == 8)
	{
		/* a range on one side of zero */
		double		near = fabs(QUARTER()) + (coarse ? 1 : 0.25),
					far = fabs(QUARTER()) + (coarse ? 1 : 0.25);

		lo = near;
		hi = near + far;
		if (kind == 8)
		{
			double		t = lo;

			lo = -hi;
			hi = -t;
		}
		b = (lo + hi) / 2;
	}
	if (lo == hi)
	{
		est_make(v, lo, 1, lo, 1, 1, lo, 1, NULL);
		return;
	}
	has_low = next_random() % 100 >= 15;
	has_high = next_random() % 100 >= 15;
	if (est_make(v, b, has_low, lo, next_random() & 1, has_high, hi, next_random() & 1, NULL) != CS_OK)
		est_make(v, b, 0, 0, 0, 0, 0, 0, NULL);
#undef QUARTER
}

/* a candidate bound of the reference: value (infinite when unbounded), inclusive, stated */
typedef struct RefBound
{
	double		v;
	int			inc;
	int			known;
} RefBound;

/* Give a side of a figure for the reference: minus or plus infinity when unbounded. */
static RefBound
ref_side(const EstimateValue *e, int low)
{
	RefBound	s;

	s.known = (e->flags & (low ? EST_HAS_LOW : EST_HAS_HIGH)) != 0;
	s.v = s.known ? (low ? e->low : e->high) : (low ? -INFINITY : INFINITY);
	s.inc = s.known && (e->flags & (low ? EST_LOW_INC : EST_HIGH_INC)) != 0;
	return s;
}

/* Give the sign of a nonzero side value, as +1 or -1. */
static double
ref_sign(double x)
{
	return x > 0 ? 1 : -1;
}

/*
 * Give the reference bounds of a * b or a / b (a divisor whose range
 * excludes 0), from what the figures mean: each corner of the two ranges
 * gives a candidate, an unbounded side one running to infinity (or, as a
 * divisor, toward 0, a side no source stated); a stated zero factor gives
 * an exact 0.  A bound is the extreme candidate, inclusive when one of the
 * candidates there is, unknown when one is unknown or it is infinite.
 */
static void
ref_interval_op(const EstimateValue *a, const EstimateValue *b, int divide,
				RefBound *low, RefBound *high)
{
	RefBound	cand[4];
	int			n = 0,
				i,
				j,
				side;

	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++)
		{
			RefBound	sa = ref_side(a, i == 0),
						sb = ref_side(b, j == 0),
						c;

			if (sa.known && sa.v == 0)
				c = (RefBound) {0, sa.inc, 1};
			else if (!divide && sb.known && sb.v == 0)
				c = (RefBound) {0, sb.inc, 1};
			else if (divide && sb.known && sb.v == 0)
				c = (RefBound) {INFINITY * ref_sign(sa.v) * (j == 0 ? 1 : -1), 0, 0};
			else if (sa.known && sb.known)
				c = (RefBound) {divide ? sa.v / sb.v : sa.v * sb.v, sa.inc && sb.inc, 1};
			else if (divide && !sb.known && sa.known)
				c = (RefBound) {0, 0, 0};
			else
				c = (RefBound) {INFINITY * ref_sign(sa.v) * ref_sign(sb.v), 0, 0};
			cand[n++] = c;
		}
	for (side = 0; side < 2; side++)
	{
		RefBound	best = cand[0];

		for (i = 1; i < n; i++)
		{
			if (side == 0 ? cand[i].v < best.v : cand[i].v > best.v)
				best = cand[i];
			else if (cand[i].v == best.v)
			{
				best.inc = best.inc || cand[i].inc;
				best.known = best.known && cand[i].known;
			}
		}
		if (isinf(best.v))
			best.known = 0;
		*(side == 0 ? low : high) = best;
	}
}

/* Say whether a result's side matches a reference bound. */
static int
same_side(const EstimateValue *r, int low, const RefBound *want)
{
	int			has = (r->flags & (low ? EST_HAS_LOW : EST_HAS_HIGH)) != 0;
	int			inc = (r->flags & (low ? EST_LOW_INC : EST_HIGH_INC)) != 0;

	if (!want->known)
		return !has;
	return has && (low ? r->low : r->high) == want->v && inc == want->inc;
}

/* Collect members of v's range for sampling: grid points, bounds, points next to them. */
static int
sample_members(const EstimateValue *v, double *out, int fine)
{
	double		cand[24];
	double		lo = (v->flags & EST_HAS_LOW) ? v->low : v->best - 20,
				hi = (v->flags & EST_HAS_HIGH) ? v->high : v->best + 20;
	int			n = 0,
				k = 0,
				i;

	cand[k++] = v->best;
	cand[k++] = lo;
	cand[k++] = hi;
	for (i = 1; i < 8; i++)
		cand[k++] = lo + (hi - lo) * i / 8;
	if (fine)
	{
		/* wide magnitudes: the points next to the bounds, and far out */
		cand[k++] = nextafter(lo, INFINITY);
		cand[k++] = nextafter(hi, -INFINITY);
		cand[k++] = v->best * 2;
		cand[k++] = -v->best;
		cand[k++] = v->best * 1e10;
		cand[k++] = v->best * 1e-10;
		cand[k++] = v->best + 1e300;
		cand[k++] = v->best - 1e300;
	}
	for (i = 0; i < k; i++)
		if (isfinite(cand[i]) && est_contains(v, cand[i]))
			out[n++] = cand[i] + 0.0;
	return n;
}

/*
 * Check estimate * estimate and estimate / estimate on pairs of figures:
 *
 * - on figures of quarters, whose products are exact, every bound is the
 *   reference's (value, inclusive or exclusive, or unknown), and the product
 *   or quotient of any members lies in the result: exclusive bounds are
 *   never reached, inclusive ones are;
 * - on random figures of any magnitude, every rounded product or quotient
 *   of members lies in the closed range (rounding to nearest is monotone),
 *   an inclusive bound is reached by members, and the best value is the
 *   rounded product or quotient of the best values, kept inside the range.
 */
static void
test_interval_properties(int rounds)
{
	int			divide;

	for (divide = 0; divide < 2; divide++)
	{
		const char *op = divide ? "/" : "*";
		int			bad_ref = 0,
					bad_in = 0,
					bad_reach = 0,
					bad_best = 0,
					bad_status = 0,
					n_exact = 0,
					n_random = 0,
					r;

		for (r = 0; r < rounds; r++)
		{
			int			exact = r % 2 == 0;
			EstimateValue a,
						b,
						res;
			CsStatus	st;
			double		xs[24],
						ys[24],
						best;
			int			nx,
						ny,
						i,
						j,
						low_reached = 0,
						high_reached = 0;
			const char *detail;

			if (exact)
			{
				random_quarter_figure(&a, r % 4 == 0);
				random_quarter_figure(&b, r % 4 == 0);
			}
			else if (!random_value(&a) || !random_value(&b))
				continue;
			st = divide ? est_div_est(&res, &a, &b) : est_mul_est(&res, &a, &b);
			if (st != CS_OK)
			{
				if (!(st == CS_ERR_RANGE || (divide && st == CS_ERR_DIVZERO && b.best == 0)) ||
					(exact && st == CS_ERR_RANGE))
				{
					if (bad_status++ < 3)
						diag("(%s) %s (%s): %s", fmt(&a), op, fmt(&b), status_name(st));
				}
				continue;
			}
			if (est_check(&res, &detail) != CS_OK)
			{
				if (bad_status++ < 3)
					diag("(%s) %s (%s) = %s: invalid (%s)", fmt(&a), op, fmt(&b), fmt(&res), detail);
				continue;
			}
			if (exact)
				n_exact++;
			else
				n_random++;
			best = divide ? a.best / b.best : a.best * b.best;
			if ((res.flags & EST_HAS_LOW) && best < res.low)
				best = res.low;
			if ((res.flags & EST_HAS_HIGH) && best > res.high)
				best = res.high;
			if (!same_double(res.best, best + 0.0))
			{
				if (bad_best++ < 3)
					diag("(%s) %s (%s) = %s: best, want %.17g", fmt(&a), op, fmt(&b), fmt(&res), best);
			}
			if (divide && est_contains(&b, 0.0))
			{
				/* a divisor that admits 0: both sides unbounded */
				if (res.flags & (EST_HAS_LOW | EST_HAS_HIGH))
				{
					if (bad_ref++ < 3)
						diag("(%s) / (%s) = %s: a divisor admitting 0 leaves a bound", fmt(&a), fmt(&b), fmt(&res));
				}
				continue;
			}
			if (exact)
			{
				RefBound	lo,
							hi;

				ref_interval_op(&a, &b, divide, &lo, &hi);
				if (!same_side(&res, 1, &lo) || !same_side(&res, 0, &hi))
				{
					if (bad_ref++ < 5)
						diag("(%s) %s (%s) = %s, the reference's bounds: %s%.17g%s, %s%.17g%s", fmt(&a), op,
							 fmt(&b), fmt(&res), lo.known ? (lo.inc ? "[" : "(") : "unknown ",
							 lo.known ? lo.v : 0, "", hi.known ? "" : "unknown ",
							 hi.known ? hi.v : 0, hi.known ? (hi.inc ? "]" : ")") : "");
				}
			}
			nx = sample_members(&a, xs, !exact);
			ny = sample_members(&b, ys, !exact);
			for (i = 0; i < nx; i++)
				for (j = 0; j < ny; j++)
				{
					double		p = divide ? xs[i] / ys[j] : xs[i] * ys[j];
					int			in;

					if (!isfinite(p))
						continue;
					/* an exact product or quotient must be admitted, exclusive bounds and all */
					if (exact && (!divide || fma(-p, ys[j], xs[i]) == 0))
						in = est_contains(&res, p);
					else
						in = (!(res.flags & EST_HAS_LOW) || p >= res.low) &&
							(!(res.flags & EST_HAS_HIGH) || p <= res.high);
					if (!in)
					{
						if (bad_in++ < 5)
							diag("(%s) %s (%s) = %s does not hold %.17g %s %.17g = %.17g", fmt(&a), op,
								 fmt(&b), fmt(&res), xs[i], op, ys[j], p);
					}
					low_reached |= p == res.low;
					high_reached |= p == res.high;
				}
			/* an inclusive bound is a product of members (unless two bounds collapsed) */
			if (nx > 0 && ny > 0 &&
				!((res.flags & EST_HAS_LOW) && (res.flags & EST_HAS_HIGH) && res.low == res.high) &&
				(((res.flags & EST_LOW_INC) && !low_reached) || ((res.flags & EST_HIGH_INC) && !high_reached)))
			{
				if (bad_reach++ < 3)
					diag("(%s) %s (%s) = %s: no members reach its inclusive bound", fmt(&a), op, fmt(&b), fmt(&res));
			}
		}
		ok(bad_status == 0, "estimate %s estimate: valid results or the documented errors (%d bad)", op, bad_status);
		ok(bad_best == 0, "estimate %s estimate: the best value is that of the best values, inside the range (%d bad)",
		   op, bad_best);
		ok(bad_ref == 0, "estimate %s estimate: bounds of %d random pairs of quarters of every kind match the reference (%d bad)",
		   op, n_exact, bad_ref);
		ok(bad_in == 0, "estimate %s estimate: the result holds every %s of members, %d pairs of quarters and %d of any magnitude (%d bad)",
		   op, divide ? "quotient" : "product", n_exact, n_random, bad_in);
		ok(bad_reach == 0, "estimate %s estimate: members reach every inclusive bound (%d bad)", op, bad_reach);
	}

	/* the cases of the contract, by name */
	{
		static const struct
		{
			const char *a;
			const char *b;
			int			divide;
			const char *want;
			const char *why;
		}			cases[] = {
			{"0 [-1,1)", "0 (-1,1]", 0, "0 [-1,1)",
			"at one value an inclusive candidate wins: -1 = -1 x 1 is reached, 1 is not"},
			{"0 (-1,1]", "0 [-1,1)", 0, "0 [-1,1)", "the same, the other way round"},
			{"2 [1,3)", "2 [1,3)", 0, "4 [1,9)", "exclusive where a contributing bound is"},
			{"2 (1,3]", "5", 0, "10 (5,15]", "times an exact figure"},
			{">5", "<=-2", 0, "<-10", "more than 5 times at most -2: fewer than -10, no lower bound"},
			{"0", "~5", 0, "0", "a zero factor makes an exact 0"},
			{"9672", "~3000", 1, "~3.224", "a number over an approximate figure"},
			{"1..2", "0.5 [-1,1]", 1, "~3", "a divisor admitting 0: unbounded"},
			{"6 [4,8]", "2 (1,4]", 1, "3 [1,8)", "a quotient's exclusive bound from an exclusive divisor bound"},
			{"-2..2", "2 [1,)", 1, "-2..2", "a number over an unbounded side tends to 0, within the other corners"},
			{"1..2", "2 [1,)", 1, "0.75 (,2]", "... and where 0 would be the bound, it is unknown"},
		};
		size_t		i;

		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		{
			EstimateValue a,
						b,
						res;
			CsStatus	st;

			a = P(cases[i].a);
			b = P(cases[i].b);
			st = cases[i].divide ? est_div_est(&res, &a, &b) : est_mul_est(&res, &a, &b);
			if (!ok(st == CS_OK && strcmp(fmt(&res), cases[i].want) == 0, "(%s) %s (%s) = %s: %s",
					cases[i].a, cases[i].divide ? "/" : "*", cases[i].b, cases[i].want, cases[i].why))
				diag("got %s %s", status_name(st), st == CS_OK ? fmt(&res) : "");
		}
	}
}

/* Widen an approximate figure to best +- tolerance |best|, as the reference reads it. */
static void
ref_widen(const EstimateValue *v, double tolerance, RefBound *lo, RefBound *hi)
{
	*lo = ref_side(v, 1);
	*hi = ref_side(v, 0);
	if (!lo->known && !hi->known)
	{
		double		w = tolerance * fabs(v->best);

		*lo = (RefBound) {v->best - w, 1, isfinite(v->best - w)};
		*hi = (RefBound) {v->best + w, 1, isfinite(v->best + w)};
	}
}

/* Say whether two ranges share a value, from their tighter sides. */
static int
ref_overlaps(RefBound alo, RefBound ahi, RefBound blo, RefBound bhi)
{
	RefBound	lo,
				hi;

	/* the tighter lower side: the larger; at one value, exclusive wins */
	if (!alo.known)
		lo = blo;
	else if (!blo.known)
		lo = alo;
	else if (alo.v == blo.v)
		lo = (RefBound) {alo.v, alo.inc && blo.inc, 1};
	else
		lo = alo.v > blo.v ? alo : blo;
	if (!ahi.known)
		hi = bhi;
	else if (!bhi.known)
		hi = ahi;
	else if (ahi.v == bhi.v)
		hi = (RefBound) {ahi.v, ahi.inc && bhi.inc, 1};
	else
		hi = ahi.v < bhi.v ? ahi : bhi;
	if (!lo.known || !hi.known || lo.v < hi.v)
		return 1;
	return lo.v == hi.v && lo.inc && hi.inc;
}

/*
 * Check within: it agrees with an overlap test written apart (about X read
 * as X +- tolerance |X|, negative X too), is symmetric, true of a figure
 * with itself, grows with the tolerance, implies && and equals it when
 * neither figure is approximate.
 */
static void
test_within_properties(int rounds)
{
	static const double tolerances[] = {0, 0.05, 0.1, 0.25, 0.5, 1, 3, 1e300};
	int			bad_ref = 0,
				bad_sym = 0,
				bad_mono = 0,
				bad_overlap = 0,
				r;

	for (r = 0; r < rounds; r++)
	{
		EstimateValue a,
					b;
		int			exact = r % 2 == 0,
					before = 0;
		size_t		t;

		if (exact)
		{
			random_quarter_figure(&a, r % 4 == 0);
			random_quarter_figure(&b, r % 4 == 0);
		}
		else if (!random_value(&a) || !random_value(&b))
			continue;
		for (t = 0; t < sizeof(tolerances) / sizeof(tolerances[0]); t++)
		{
			double		tol = tolerances[t];
			bool		w = est_within(&a, &b, tol);
			RefBound	alo,
						ahi,
						blo,
						bhi;

			ref_widen(&a, tol, &alo, &ahi);
			ref_widen(&b, tol, &blo, &bhi);
			if (w != (bool) ref_overlaps(alo, ahi, blo, bhi))
			{
				if (bad_ref++ < 5)
					diag("within(%s, %s, %g) = %d, the reference says %d", fmt(&a), fmt(&b), tol, (int) w, (int) !w);
			}
			if (w != est_within(&b, &a, tol) || !est_within(&a, &a, tol))
			{
				if (bad_sym++ < 3)
					diag("within(%s, %s, %g) is not symmetric or not true of itself", fmt(&a), fmt(&b), tol);
			}
			if (before && !w)
			{
				if (bad_mono++ < 3)
					diag("within(%s, %s) is true at a smaller tolerance than %g, false at it", fmt(&a), fmt(&b), tol);
			}
			before = w;
			if ((w && !est_overlaps(&a, &b)) ||
				(strcmp(est_qualifier(&a), "about") != 0 && strcmp(est_qualifier(&b), "about") != 0 &&
				 w != est_overlaps(&a, &b)))
			{
				if (bad_overlap++ < 3)
					diag("within(%s, %s, %g) = %d against && %d", fmt(&a), fmt(&b), tol, (int) w,
						 (int) est_overlaps(&a, &b));
			}
		}
	}
	ok(bad_ref == 0, "within matches an overlap test written apart, %d random pairs at 8 tolerances (%d bad)",
	   rounds, bad_ref);
	ok(bad_sym == 0, "within(a, b) = within(b, a), and within(a, a) (%d bad)", bad_sym);
	ok(bad_mono == 0, "within stays true as the tolerance grows (%d bad)", bad_mono);
	ok(bad_overlap == 0, "within implies &&, and is && when no figure is approximate (%d bad)", bad_overlap);

	/* an approximate negative figure reads as X +- tolerance |X|, not an empty range */
	{
		EstimateValue a = P("~-100"),
					b = P("<-200"),
					c = P("<-89"),
					d = P("-111..-109");

		ok(!est_within(&a, &b, 0.1) && !est_within(&b, &a, 0.1),
		   "within('~-100', '<-200', 0.1) is false: about -100 is -110..-90");
		ok(est_within(&a, &c, 0.1) && est_within(&a, &d, 0.1) && !est_within(&a, &d, 0.05),
		   "within('~-100', '<-89') and ('~-100', '-111..-109') at 0.1, not the latter at 0.05");
	}
}

/*
 * Say whether the shortest text of x (float8out's) has no nonzero digit
 * below 10^-places.
 */
static int
prints_on_grid(double x, int places)
{
	char		buf[CS_DOUBLE_BUFLEN];
	const char *p;
	int			point = -1,
				seen = 0,
				last = -1,
				exp10 = 0;

	cs_format_double(x, buf);
	for (p = buf; *p != '\0' && *p != 'e'; p++)
	{
		if (*p == '.')
			point = seen;
		else if (*p >= '0' && *p <= '9')
		{
			if (*p != '0')
				last = seen;
			seen++;
		}
	}
	if (*p == 'e')
		exp10 = atoi(p + 1);
	if (point < 0)
		point = seen;
	return last < 0 || point - 1 - last + exp10 >= -places;
}

/* Give one unit in the last place of x. */
static double
ulp_of(double x)
{
	x = fabs(x);
	return nextafter(x, INFINITY) - x;
}

/*
 * Check round(estimate, places) on random values and places: the range
 * holds the input's (the lower bound rounded down, the upper up, exclusive
 * kept exclusive), the same sides are bounded, the best value moved at most
 * half a step and a bound less than a step, a part already on the grid
 * stays, and rounding again changes nothing when the result prints on the
 * grid.
 */
static void
test_round_properties(int rounds)
{
	int			bad_valid = 0,
				bad_holds = 0,
				bad_near = 0,
				bad_stay = 0,
				bad_again = 0,
				n_ok = 0,
				r;

	for (r = 0; r < rounds; r++)
	{
		EstimateValue a,
					res,
					again;
		int			places;
		double		step;
		const char *detail;
		CsStatus	st;

		if (!random_value(&a))
			continue;
		switch (next_random() % 4)
		{
			case 0:
				places = (int) (next_random() % (2 * EST_MAX_PLACES + 1)) - EST_MAX_PLACES;
				break;
			case 1:
				/* around the value's own digits */
				places = a.best == 0 ? 0 : 14 - (int) floor(log10(fabs(a.best))) - (int) (next_random() % 18);
				break;
			default:
				places = (int) (next_random() % 13) - 6;
				break;
		}
		if (places < -EST_MAX_PLACES || places > EST_MAX_PLACES)
			continue;
		st = est_round(&res, &a, places);
		if (st != CS_OK)
		{
			if (st != CS_ERR_RANGE && bad_valid++ < 3)
				diag("round(%s, %d): %s", fmt(&a), places, status_name(st));
			continue;
		}
		n_ok++;
		if (est_check(&res, &detail) != CS_OK ||
			(res.flags & (EST_HAS_LOW | EST_HAS_HIGH)) != (a.flags & (EST_HAS_LOW | EST_HAS_HIGH)))
		{
			if (bad_valid++ < 3)
				diag("round(%s, %d) = %s: invalid or other sides", fmt(&a), places, fmt(&res));
			continue;
		}
		if (!range_holds(&res, &a))
		{
			if (bad_holds++ < 3)
				diag("round(%s, %d) = %s does not hold the input's range", fmt(&a), places, fmt(&res));
		}
		step = pow(10, -places);
		if (isfinite(step))
		{
			double		slack = 2 * ulp_of(fmax(fabs(a.best), fabs(res.best)));
			int			near = fabs(res.best - a.best) <= step * 0.5 * (1 + 1e-12) + slack;

			if ((a.flags & EST_HAS_LOW) && !(a.low - res.low < step * (1 + 1e-12) + 2 * ulp_of(a.low)))
				near = 0;
			if ((a.flags & EST_HAS_HIGH) && !(res.high - a.high < step * (1 + 1e-12) + 2 * ulp_of(a.high)))
				near = 0;
			if (!near && bad_near++ < 3)
				diag("round(%s, %d) = %s moved a part too far (step %g)", fmt(&a), places, fmt(&res), step);
		}
		if ((prints_on_grid(a.best, places) && !same_double(res.best, a.best)) ||
			((a.flags & EST_HAS_LOW) && prints_on_grid(a.low, places) && !same_double(res.low, a.low)) ||
			((a.flags & EST_HAS_HIGH) && prints_on_grid(a.high, places) && !same_double(res.high, a.high)))
		{
			if (bad_stay++ < 3)
				diag("round(%s, %d) = %s changed a part already on the grid", fmt(&a), places, fmt(&res));
		}
		if (prints_on_grid(res.best, places) &&
			(!(res.flags & EST_HAS_LOW) || prints_on_grid(res.low, places)) &&
			(!(res.flags & EST_HAS_HIGH) || prints_on_grid(res.high, places)) &&
			(est_round(&again, &res, places) != CS_OK || !same_value(&again, &res)))
		{
			if (bad_again++ < 3)
				diag("round(round(%s, %d)) = %s, once %s", fmt(&a), places, fmt(&again), fmt(&res));
		}
	}
	ok(bad_valid == 0, "round of %d random values at random places: valid, the same sides bounded (%d bad)",
	   n_ok, bad_valid);
	ok(bad_holds == 0, "round: the result's range holds the input's (%d bad)", bad_holds);
	ok(bad_near == 0, "round: the best value moves half a step at most, a bound less than a step outward (%d bad)",
	   bad_near);
	ok(bad_stay == 0, "round: a part already on the grid stays (%d bad)", bad_stay);
	ok(bad_again == 0, "round: rounding again changes nothing when the result prints on the grid (%d bad)",
	   bad_again);

	/* best to nearest, half away from zero; bounds outward; out of range */
	{
		static const struct
		{
			const char *in;
			int			places;
			const char *want;
		}			cases[] = {
			{"2.5", 0, "3 [2,3]"}, {"-2.5", 0, "-3 [-3,-2]"}, {"~2.5", 0, "~3"}, {"~-2.5", 0, "~-3"},
			{"18789.144", 0, "18789 [18789,18790]"}, {"18789.144", 2, "18789.14 [18789.14,18789.15]"},
			{">626.3048016701462", 0, ">626"}, {"<626.3", 0, "626 (,627)"},
			{"615000 [500000,700000]", -4, "620000 [500000,700000]"},
			{"0.1 (0.05,0.15)", 1, "0.1 (0,0.2)"}, {"5", 0, "5"}, {"0.6", 1, "0.6"},
			{"-0.6", 1, "-0.6"}, {"~0.123456", 3, "~0.123"}, {"1e300", -300, "1e+300"},
		};
		size_t		i;

		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		{
			EstimateValue a = P(cases[i].in),
						res;
			CsStatus	st = est_round(&res, &a, cases[i].places);

			if (!ok(st == CS_OK && strcmp(fmt(&res), cases[i].want) == 0, "round(%s, %d) = %s",
					cases[i].in, cases[i].places, cases[i].want))
				diag("got %s %s", status_name(st), st == CS_OK ? fmt(&res) : "");
		}
		{
			EstimateValue a = P("~5"),
						big = P("1.7e308"),
						res;

			ok(est_round(&res, &a, EST_MAX_PLACES + 1) == CS_ERR_INVALID &&
			   est_round(&res, &a, -EST_MAX_PLACES - 1) == CS_ERR_INVALID &&
			   est_round(&res, &a, EST_MAX_PLACES) == CS_OK && strcmp(fmt(&res), "~5") == 0 &&
			   est_round(&res, &a, -EST_MAX_PLACES) == CS_OK && strcmp(fmt(&res), "~0") == 0,
			   "round: places beyond +-%d are CS_ERR_INVALID, at them fine", EST_MAX_PLACES);
			ok(est_round(&res, &big, -308) == CS_ERR_RANGE, "round('1.7e308', -308) rounds past the doubles: CS_ERR_RANGE");
		}
	}
}

/* Read the number a description shows at s (thousands commas dropped). */
static double
shown_number(const char *s)
{
	char		buf[EST_TEXT_BUFLEN];
	size_t		n = 0;

	for (; *s != '\0' && *s != ' ' && *s != ')' && n < sizeof(buf) - 1; s++)
		if (*s != ',')
			buf[n++] = *s;
	buf[n] = '\0';
	return strtod(buf, NULL);
}

/*
 * Check describe with digits (0, the default, and 1 to 17) on random values:
 * what it promises.  The text fits the buffer; a lower bound is shown
 * rounded down and an upper bound up, so where the words read back (every
 * form but a general one with an exclusive bound) the figure read holds the
 * original's range; an exact figure or stated best value is shown with
 * "about" exactly when the number shown reads back as another double; with
 * 17 digits every bound is shown exactly.
 */
static void
test_describe_properties(int rounds)
{
	int			bad_len = 0,
				bad_read = 0,
				bad_holds = 0,
				bad_about = 0,
				bad_exact = 0,
				n_read = 0,
				r;

	for (r = 0; r < rounds; r++)
	{
		EstimateValue v,
					back;
		char		text[EST_TEXT_BUFLEN];
		int			digits = (int) (next_random() % 18);
		size_t		len;
		const char *qual;
		int			both,
					readable;
		CsStatus	st;

		if (!random_value(&v))
			continue;
		len = est_describe_digits(&v, digits, text);
		if (len == 0 || len >= EST_TEXT_BUFLEN || len != strlen(text))
		{
			if (bad_len++ < 3)
				diag("describe(%s, %d): length %zu", fmt(&v), digits, len);
			continue;
		}
		qual = est_qualifier(&v);
		both = (v.flags & EST_HAS_LOW) && (v.flags & EST_HAS_HIGH);

		/* "about" exactly when the best value shown is another double */
		if (strcmp(qual, "exact") == 0 || strcmp(qual, "range") == 0)
		{
			const char *num = strncmp(text, "about ", 6) == 0 ? text + 6 : text;
			int			stated = strcmp(qual, "exact") == 0 || strchr(text, '(') != NULL;

			if (stated && (num != text) != (shown_number(num) != v.best))
			{
				if (bad_about++ < 3)
					diag("describe(%s, %d) = %s: \"about\" does not say whether the number changed",
						 fmt(&v), digits, q(text));
			}
		}

		readable = strcmp(qual, "range") != 0 ||
			(both && (v.flags & EST_LOW_INC) && (v.flags & EST_HIGH_INC));
		if (!readable)
			continue;
		st = est_parse(text, &back, NULL, 0, NULL);
		if (st == CS_ERR_RANGE)
			continue;			/* a bound rounded outward past the largest double */
		if (st != CS_OK)
		{
			if (bad_read++ < 3)
				diag("describe(%s, %d) = %s does not read back: %s", fmt(&v), digits, q(text), status_name(st));
			continue;
		}
		n_read++;
		if (!range_holds(&back, &v))
		{
			if (bad_holds++ < 3)
				diag("describe(%s, %d) = %s reads back as %s, which does not hold it", fmt(&v), digits,
					 q(text), fmt(&back));
		}
		if ((strcmp(qual, "exact") == 0 && strncmp(text, "about ", 6) != 0 && !same_value(&back, &v)) ||
			(digits == 17 && !range_holds(&v, &back)))
		{
			if (bad_exact++ < 3)
				diag("describe(%s, %d) = %s reads back as %s", fmt(&v), digits, q(text), fmt(&back));
		}
	}
	ok(bad_len == 0, "describe with 0 to 17 digits: the text fits its buffer (%d bad)", bad_len);
	ok(bad_read == 0, "describe: %d texts in the words est_parse reads read back (%d bad)", n_read, bad_read);
	ok(bad_holds == 0, "describe: the figure read back holds the original's range (%d bad)", bad_holds);
	ok(bad_about == 0, "describe: \"about\" exactly when rounding changed an exact or stated best value (%d bad)",
	   bad_about);
	ok(bad_exact == 0, "describe: an exact figure without \"about\" reads back as itself, with 17 digits every bound exactly (%d bad)",
	   bad_exact);
}

/* ------------------------------------------------------------------------
 * describe, qualifier, midpoint
 */

/* Check the text for people. */
static void
test_describe(void)
{
	static const struct
	{
		const char *in;
		const char *want;
	}			cases[] = {
		/* the documented examples */
		{">600000", "more than 600,000"},
		{"~1200", "about 1,200"},
		{"500000..700000", "500,000 to 700,000"},
		{"615000 (500000..700000)", "615,000 (500,000 to 700,000)"},
		{"20 [15,)", "20 (at least 15)"},
		/* the same words for the other forms */
		{"600000", "600,000"},
		{">=600000", "at least 600,000"},
		{"<600000", "fewer than 600,000"},
		{"<=600000", "at most 600,000"},
		{"-1234567.5", "about -1,234,568"},	/* rounded for reading, so "about" */
		{"999", "999"},
		{"1000", "1,000"},
		{"0.5", "0.5"},
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		EstimateValue v = P(cases[i].in);
		char	   *buf = malloc(EST_TEXT_BUFLEN);
		size_t		len = est_describe(&v, buf);

		if (!ok(strcmp(buf, cases[i].want) == 0 && len == strlen(buf),
				"describe %s = \"%s\"", cases[i].in, cases[i].want))
			diag("got %s (length %zu)", q(buf), len);
		free(buf);
	}

	/* extreme values fit the buffer (ASan checks the heap buffer's end) */
	{
		static const char *const extreme[] = {
			"-1.7976931348623157e308 [-1.7976931348623157e308,1.7976931348623157e308]",
			"-2.2250738585072014e-308 (-1.7976931348623157e308,-2.2250738585072014e-308]",
			"-1.2345678901234567e-300 (-1.2345678901234567e-299,-1.2345678901234567e-301)",
			"-1.2345678901234567e300 (-1.2345678901234567e301,-1.2345678901234567e299)",
			"-123456789012345.67 (-923456789012345.67,-123456789012345.6)",
			"-0.00012345678901234567 (-0.0012345678901234568,-0.000012345678901234566)",
			"~-1.7976931348623157e308",
		};
		int			good = 1;

		for (i = 0; i < sizeof(extreme) / sizeof(extreme[0]); i++)
		{
			EstimateValue v = P(extreme[i]);
			char	   *buf = malloc(EST_TEXT_BUFLEN);
			size_t		len = est_describe(&v, buf);

			if (len != strlen(buf) || len >= EST_TEXT_BUFLEN || len == 0)
				good = 0;
			else
				diag("describe %s = %s", extreme[i], q(buf));
			len = est_format(&v, buf);
			if (len != strlen(buf) || len >= EST_TEXT_BUFLEN)
				good = 0;
			free(buf);
		}
		ok(good, "describe and format of extreme values fit EST_TEXT_BUFLEN");
	}
}

/* Check est_midpoint. */
static void
test_midpoint(void)
{
	ok(est_midpoint(1, 2) == 1.5, "est_midpoint(1, 2) = 1.5");
	ok(est_midpoint(500000, 700000) == 600000, "est_midpoint(500000, 700000) = 600000");
	ok(est_midpoint(-DBL_MAX, DBL_MAX) == 0, "est_midpoint(-max, max) = 0");
	ok(est_midpoint(DBL_MAX, DBL_MAX) == DBL_MAX, "est_midpoint(max, max) = max (no overflow)");
	ok(est_midpoint(1e308, DBL_MAX) > 1e308 && isfinite(est_midpoint(1e308, DBL_MAX)),
	   "est_midpoint(1e308, max) is finite and between");
	ok(est_midpoint(5e-324, 5e-324) == 5e-324, "est_midpoint of the least denormal with itself");
	ok(est_midpoint(-7, -5) == -6, "est_midpoint(-7, -5) = -6");
	{
		int			bad = 0;

		for (int r = 0; r < 100000; r++)
		{
			double		a = random_mixed_double(),
						b = random_mixed_double(),
						m;

			if (a > b)
			{
				double		t = a;

				a = b;
				b = t;
			}
			m = est_midpoint(a, b);
			if (!(m >= a && m <= b) || !isfinite(m))
			{
				if (bad++ < 3)
					diag("est_midpoint(%.17g, %.17g) = %.17g", a, b, m);
			}
		}
		ok(bad == 0, "est_midpoint of 100000 random pairs lies between them (%d bad)", bad);
	}
}

/* Run every check; the exit status says whether one failed. */
/*
 * The fast path reads the canonical and most common short forms as they
 * stand; the general parser reads the same text after a leading space.
 * Both must agree, value for value and refusal for refusal.
 */
static void
test_fast_path(int rounds)
{
	static const char *const fixed[] = {
		"600000", "-5", "-0", "0.5", "007", "123456789012345", "1234567890123456",
		"0.000000000000001", "0.1234567890123456", "~5", "~-0.25", ">5", ">=5", "<5", "<=5",
		">-5", "<=-0", "5..7", "-7..-5", "7..5", "5..5", "0.1..0.3", "5 [4,6]", "5 (4,6)",
		"5 [4,)", "5 (,6]", "5 (,)", "5 [,6]", "5 [4,6)", "5 [6,4]", "5 [5,5]", "7 [4,6]",
		"about 600,000", "about 129,746.5", "about 1234,567", "about 0,600", "about 1,23",
		"about 1,2345", "more than 600,000", "more than -5", "About 5", "more  than 5",
		"600,000", "5.", ".5", "+5", "0x10", "5e3", "5 ", " 5", "5k", "~5k", ">5%",
		"5..", "..5", "5...7", "5 [4.5.6,7]", "5 [4,6]x", "5 [4,6", "about", "more than",
		"~", ">", ">=", "<=", "1.200..5", "5 [-4,-3]", "-3 [-4,-3]", "5 [4,6] ",
		"about\xc2\xa0" "5", "more\xc2\xa0than 5", "5\xc2\xa0[4,6]", "5\xe2\x80\xaf", "\xe2\x88\x92" "5",
		"~\xe2\x88\x92" "5", ">\xe2\x88\x92" "5", "5..\xe2\x88\x92" "3", "\xe2\x88\x92" "5..5",
		"5 [\xe2\x88\x92" "4,6]", "5\xe2\x88\x92" "7", "about 5\xc2\xa0" "000",
	};
	char		text[EST_TEXT_BUFLEN + 2];
	size_t		i;
	int			bad = 0,
				r;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
	{
		EstimateValue a,
					b;
		CsStatus	sa = est_parse(fixed[i], &a, NULL, 0, NULL);
		CsStatus	sb;

		text[0] = ' ';
		strcpy(text + 1, fixed[i]);
		sb = est_parse(text, &b, NULL, 0, NULL);
		if (!ok(sa == sb && (sa != CS_OK || memcmp(&a, &b, sizeof(a)) == 0),
				"%s reads as with a leading space (%s)", q(fixed[i]), status_name(sa)))
			diag("without %s %s, with %s %s", status_name(sa), sa == CS_OK ? fmt(&a) : "",
				 status_name(sb), sb == CS_OK ? fmt(&b) : "");
	}

	/* the canonical text of random values, and its words */
	for (r = 0; r < rounds; r++)
	{
		EstimateValue v,
					a,
					b;
		CsStatus	sa,
					sb;

		random_value(&v);
		est_format(&v, text + 1);
		text[0] = ' ';
		sa = est_parse(text + 1, &a, NULL, 0, NULL);
		sb = est_parse(text, &b, NULL, 0, NULL);
		if (sa != CS_OK || sb != CS_OK || memcmp(&a, &b, sizeof(a)) != 0 ||
			memcmp(&a, &v, sizeof(a)) != 0)
		{
			if (bad++ < 5)
				diag("%s: %s / %s", q(text + 1), status_name(sa), status_name(sb));
		}
	}
	ok(bad == 0, "%d canonical texts of random values read the same with and without a leading space, back to the value (%d bad)",
	   rounds, bad);
}

int
main(void)
{
	const char *seed = getenv("EST_TEST_SEED");
	const char *rounds_env = getenv("EST_TEST_ROUNDS");
	int			rounds = rounds_env ? atoi(rounds_env) : 200000;

	/* line-buffered so no TAP line is lost if a sanitizer aborts */
	setvbuf(stdout, NULL, _IOLBF, 0);
	unit_rng = 0x9E3779B97F4A7C15ULL;
	if (seed)
		unit_rng = strtoull(seed, NULL, 0) | 1;
	printf("# seed 0x%016llx, %d random rounds\n",
		   (unsigned long long) unit_rng, rounds);

	test_layout();
	test_good_inputs();
	test_qualifiers();
	test_wording();
	test_number_words();
	test_bad_neighbours();
	test_wide_spaces();
	test_bracket_scales();
	test_bad_inputs();
	test_error_buffers();
	test_detail_encoding();
	test_long_inputs();
	tcs_format_double(rounds);
	test_round_trip(rounds);
	test_make();
	test_check();
	test_compare();
	test_contains_overlaps();
	test_arithmetic();
	test_random_arithmetic(rounds);
	test_interval_properties(rounds / 10);
	test_within_properties(rounds / 20);
	test_round_properties(rounds / 10);
	test_describe_properties(rounds / 10);
	test_describe();
	test_midpoint();
	test_make_interval();
	test_fast_path(rounds);

	return done_testing();
}
