/*
 * fuzz_estimate.c
 *		libFuzzer target for the estimate core: the text parser, the binary
 *		form and validation, formatting and arithmetic.
 *
 * Text: whatever parses must format, and the canonical text must parse back
 * to the same bytes; every refusal is CS_ERR_SYNTAX or CS_ERR_RANGE with a
 * detail, valid UTF-8 when the input is.  The fast path and the general
 * parser agree (the text after a space), and a no-break space reads as an
 * ASCII space does.  The numbers that start in the first bytes of the text
 * read alike, with each set of flags, by the scanner's inline first step
 * and by the full scanner alone.  Binary: the first 26 bytes as the wire form
 * (the common codec over est_desc), and the first 32 as the stored layout;
 * whatever est_check accepts must format and read back identically, and
 * encode to the same bytes.
 *
 * The operations of 1.1 on the values read: a product or quotient of two
 * estimates holds every product or quotient of their members (an inclusive
 * bound is reached by one), within is symmetric and grows with the
 * tolerance, round's range holds its input's and rounding twice changes
 * nothing, and the text for people reads back to a figure whose range holds
 * the original's.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "estimate_core.h"
#include "fuzz_util.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Say whether s is well-formed UTF-8 (no cut or overlong sequences, no surrogates). */
static bool
utf8_valid(const char *s)
{
	const unsigned char *u = (const unsigned char *) s;

	while (*u != 0)
	{
		unsigned int c = *u;
		uint32_t	cp;
		int			n,
					i;

		if (c < 0x80)
		{
			u++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
		{
			n = 1;
			cp = c & 0x1F;
		}
		else if (c >= 0xE0 && c <= 0xEF)
		{
			n = 2;
			cp = c & 0x0F;
		}
		else if (c >= 0xF0 && c <= 0xF4)
		{
			n = 3;
			cp = c & 0x07;
		}
		else
			return false;
		for (i = 1; i <= n; i++)
		{
			if ((u[i] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (u[i] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
			(cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		u += n + 1;
	}
	return true;
}

/* Abort (a finding) unless v's canonical text parses back to v. */
static void
check_round_trip(const EstimateValue *v)
{
	char		text[EST_TEXT_BUFLEN];
	char		words[EST_TEXT_BUFLEN];
	char		text2[EST_TEXT_BUFLEN];
	EstimateValue again;
	const char *detail = NULL;
	size_t		len;

	FUZZ_CHECK(est_check(v, &detail) == CS_OK);
	len = est_format(v, text);
	FUZZ_CHECK(len == strlen(text) && len < EST_TEXT_BUFLEN);
	len = est_describe(v, words);
	FUZZ_CHECK(len == strlen(words) && len > 0 && len < EST_TEXT_BUFLEN);
	FUZZ_CHECK(est_qualifier(v) != NULL);
	FUZZ_CHECK(est_parse(text, &again, NULL, 0, NULL) == CS_OK);
	FUZZ_CHECK(memcmp(v, &again, sizeof(EstimateValue)) == 0);
	FUZZ_CHECK(est_check(&again, &detail) == CS_OK);
	FUZZ_CHECK(est_compare(v, &again) == 0 && est_equal(v, &again));
	est_format(&again, text2);
	FUZZ_CHECK(strcmp(text, text2) == 0);
}

/*
 * Abort unless the number at s reads alike through the scanner's inline
 * first step (cs_scan_decimal, cs_scan_number) and through the full scanner
 * alone: status, length, fields, value and detail.
 */
static void
check_scanner_steps(const char *s, int flags)
{
	CsDecimal	a,
				b;
	size_t		la = 0,
				lb = 0;
	char		ea[CS_ERRBUF_LEN] = "",
				eb[CS_ERRBUF_LEN] = "";
	double		x = 1,
				y = 2;
	CsStatus	sa = cs_scan_decimal(s, flags, s, &la, &a, ea, sizeof(ea));
	CsStatus	sb = cs_scan_decimal_full(s, flags, s, &lb, &b, eb, sizeof(eb));

	FUZZ_CHECK(sa == sb && strcmp(ea, eb) == 0);
	if (sa == CS_OK)
		FUZZ_CHECK(la == lb && a.negative == b.negative && a.zero == b.zero &&
				   a.exact == b.exact && a.nsig == b.nsig && a.mant == b.mant &&
				   a.frac_digits == b.frac_digits && a.exp_value == b.exp_value &&
				   a.src == b.src && a.mant_end == b.mant_end && a.end == b.end &&
				   a.sep_len == b.sep_len && memcmp(a.sep, b.sep, sizeof(a.sep)) == 0);
	sa = cs_scan_number(s, flags, s, &la, &x, ea, sizeof(ea));
	sb = cs_scan_number_full(s, flags, s, &lb, &y, eb, sizeof(eb));
	FUZZ_CHECK(sa == sb && strcmp(ea, eb) == 0);
	if (sa == CS_OK)
		FUZZ_CHECK(la == lb && same_bits(x, y));
}

/* Say whether r's range holds every value a's range holds. */
static bool
range_holds(const EstimateValue *r, const EstimateValue *a)
{
	if (r->flags & EST_HAS_LOW)
	{
		if (!(a->flags & EST_HAS_LOW) || r->low > a->low ||
			(r->low == a->low && !(r->flags & EST_LOW_INC) && (a->flags & EST_LOW_INC)))
			return false;
	}
	if (r->flags & EST_HAS_HIGH)
	{
		if (!(a->flags & EST_HAS_HIGH) || r->high < a->high ||
			(r->high == a->high && !(r->flags & EST_HIGH_INC) && (a->flags & EST_HIGH_INC)))
			return false;
	}
	return true;
}

/* Collect members of v's range: its inclusive bounds, points next to them, the best value. */
static int
members(const EstimateValue *v, double *out)
{
	double		cand[10];
	int			n = 0,
				k = 0,
				i;

	cand[k++] = v->best;
	cand[k++] = v->best * 2;
	cand[k++] = -v->best;
	cand[k++] = v->best + 1e6;
	cand[k++] = v->best - 1e6;
	if (v->flags & EST_HAS_LOW)
	{
		cand[k++] = v->low;
		cand[k++] = nextafter(v->low, INFINITY);
	}
	if (v->flags & EST_HAS_HIGH)
	{
		cand[k++] = v->high;
		cand[k++] = nextafter(v->high, -INFINITY);
	}
	if ((v->flags & EST_HAS_LOW) && (v->flags & EST_HAS_HIGH))
		cand[k++] = est_midpoint(v->low, v->high);
	for (i = 0; i < k; i++)
		if (isfinite(cand[i]) && est_contains(v, cand[i]))
			out[n++] = cand[i];
	return n;
}

/*
 * Abort unless a result r of operands a and b (b may be NULL) carries the
 * marks they give it: the approximate mark exactly when an operand is
 * approximate in any way (where the mark changes r's form), the centre mark
 * exactly when an operand states a centre with a range (likewise).
 */
static void
check_marks(const EstimateValue *r, const EstimateValue *a, const EstimateValue *b)
{
	uint8_t		m = est_marks_of(a) | (b != NULL ? est_marks_of(b) : 0);
	uint8_t		f = r->flags;
	bool		point = est_shape(r) == EST_SHAPE_EXACT;
	bool		bounded = (f & (EST_HAS_LOW | EST_HAS_HIGH)) != 0;
	bool		midpoint = (f & EST_BOUNDS_MASK) == EST_BOUNDS_MASK && r->low < r->high &&
		r->best == est_midpoint(r->low, r->high);

	FUZZ_CHECK(!(f & EST_APPROX) || (m & EST_APPROX));
	FUZZ_CHECK(!(f & EST_CENTRE) || (m & EST_CENTRE));
	if ((m & EST_APPROX) && bounded && !point)
		FUZZ_CHECK(f & EST_APPROX);
	if ((m & EST_CENTRE) && midpoint)
		FUZZ_CHECK(f & EST_CENTRE);
}

/* Say whether x is a multiple of 1/256 below 2^16: 24 bits, so that products of two are exact. */
static bool
small_dyadic(double x)
{
	return fabs(x) < 65536 && x * 256 == floor(x * 256);
}

/* Say whether every stated part of v is small_dyadic. */
static bool
small_dyadic_figure(const EstimateValue *v)
{
	return small_dyadic(v->best) && small_dyadic(v->low) && small_dyadic(v->high);
}

/*
 * Check est_mul_est or est_div_est on a and b: a valid result (or an error
 * status), its best value the rounded product or quotient of the best
 * values kept inside the range, every product or quotient of members inside
 * the range (rounding to nearest is monotone, so the rounded ones are), and
 * an inclusive bound reached by the members whose bounds made it.  Where
 * the bounds are exact products (small dyadic figures) an exact product of
 * members never reaches an exclusive bound either.
 */
static void
check_interval_op(const EstimateValue *a, const EstimateValue *b, bool divide)
{
	EstimateValue r;
	CsStatus	st = divide ? est_div_est(&r, a, b) : est_mul_est(&r, a, b);
	double		xs[10],
				ys[10],
				best;
	int			nx,
				ny,
				i,
				j;
	bool		low_reached = false,
				high_reached = false;
	bool		exact = !divide && small_dyadic_figure(a) && small_dyadic_figure(b);

	if (st != CS_OK)
	{
		FUZZ_CHECK(st == CS_ERR_RANGE || (divide && st == CS_ERR_DIVZERO && b->best == 0));
		return;
	}
	check_round_trip(&r);
	/* a product with an exact 0, or 0 divided, is exactly 0: no marks */
	if ((a->best == 0 && est_shape(a) == EST_SHAPE_EXACT) ||
		(!divide && b->best == 0 && est_shape(b) == EST_SHAPE_EXACT))
		FUZZ_CHECK((r.flags & EST_MARKS) == 0);
	else
		check_marks(&r, a, b);
	best = divide ? a->best / b->best : a->best * b->best;
	if ((r.flags & EST_HAS_LOW) && best < r.low)
		best = r.low;
	if ((r.flags & EST_HAS_HIGH) && best > r.high)
		best = r.high;
	FUZZ_CHECK(r.best == best);
	if (divide && est_contains(b, 0.0))
	{
		FUZZ_CHECK(!(r.flags & (EST_HAS_LOW | EST_HAS_HIGH)));
		return;
	}
	nx = members(a, xs);
	ny = members(b, ys);
	for (i = 0; i < nx; i++)
		for (j = 0; j < ny; j++)
		{
			double		p = divide ? xs[i] / ys[j] : xs[i] * ys[j];

			if (!isfinite(p))
				continue;
			FUZZ_CHECK(!(r.flags & EST_HAS_LOW) || p >= r.low);
			FUZZ_CHECK(!(r.flags & EST_HAS_HIGH) || p <= r.high);
			/* members of 1/256 steps: their product is exact, never underflows */
			if (exact && small_dyadic(xs[i]) && small_dyadic(ys[j]))
				FUZZ_CHECK(est_contains(&r, p));
			low_reached |= p == r.low;
			high_reached |= p == r.high;
		}
	/* two bounds rounded onto one value are widened to it: nothing to reach */
	if (nx > 0 && ny > 0 && !((r.flags & EST_HAS_LOW) && (r.flags & EST_HAS_HIGH) && r.low == r.high))
	{
		FUZZ_CHECK(!(r.flags & EST_LOW_INC) || low_reached);
		FUZZ_CHECK(!(r.flags & EST_HIGH_INC) || high_reached);
	}
}

/* Check est_within: symmetric, true of a figure with itself, growing with the tolerance. */
static void
check_within(const EstimateValue *a, const EstimateValue *b)
{
	static const double tolerances[] = {0, 1e-12, 0.05, 0.1, 0.5, 1, 10, 1e300};
	bool		before = false;
	size_t		i;

	for (i = 0; i < sizeof(tolerances) / sizeof(tolerances[0]); i++)
	{
		bool		w = est_within(a, b, tolerances[i]);

		FUZZ_CHECK(w == est_within(b, a, tolerances[i]));
		FUZZ_CHECK(est_within(a, a, tolerances[i]));
		FUZZ_CHECK(!before || w);	/* a larger tolerance keeps it true */
		/*
		 * "about" read as a range is narrower than unknown bounds; only the
		 * approximate mark moves a stated bound outward
		 */
		FUZZ_CHECK(!w || est_overlaps(a, b) || ((a->flags | b->flags) & EST_APPROX));
		before = w;
	}

	/* "about X" reaches X +- t |X| and no further, whatever the sign of X */
	if (strcmp(est_qualifier(a), "about") == 0 && fabs(a->best) > 1e-300 && fabs(a->best) < 1e300)
	{
		static const double ts[] = {0.1, 0.5};

		for (i = 0; i < sizeof(ts) / sizeof(ts[0]); i++)
		{
			double		x = a->best,
						w = ts[i] * fabs(x);
			EstimateValue in_lo,
						in_hi,
						out_lo,
						out_hi;

			est_make(&in_lo, x - w / 2, true, x - w / 2, true, true, x - w / 2, true, NULL);
			est_make(&in_hi, x + w / 2, true, x + w / 2, true, true, x + w / 2, true, NULL);
			est_make(&out_lo, x - 1.5 * w, true, x - 1.5 * w, true, true, x - 1.5 * w, true, NULL);
			est_make(&out_hi, x + 1.5 * w, true, x + 1.5 * w, true, true, x + 1.5 * w, true, NULL);
			FUZZ_CHECK(est_within(a, &in_lo, ts[i]) && est_within(a, &in_hi, ts[i]));
			FUZZ_CHECK(!est_within(a, &out_lo, ts[i]) && !est_within(a, &out_hi, ts[i]));
		}
	}
}

/*
 * Say whether the shortest text of x (float8out's) has no nonzero digit
 * below 10^-places.
 */
static bool
prints_on_grid(double x, int places)
{
	char		buf[CS_DOUBLE_BUFLEN];
	const char *p;
	int			point = -1,
				seen = 0,
				last = -1,		/* index of the last nonzero digit */
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
	/* the digit at index i stands for 10^(point - 1 - i + exp10) */
	return last < 0 || point - 1 - last + exp10 >= -places;
}

/*
 * Check est_round at places: a valid result whose range holds the input's
 * (bounds rounded outward, exclusive kept exclusive), the same sides
 * bounded, and holding the result's range when rounded again; and rounding
 * again changes nothing when the result's parts print on the grid.  (They
 * need not: the double nearest 5e22 prints as 4.9999999999999996e+22, as
 * float8out prints it, and that decimal is what round rounds.)
 */
static void
check_round(const EstimateValue *a, int places)
{
	EstimateValue r,
				again;
	CsStatus	st = est_round(&r, a, places);

	if (places < -EST_MAX_PLACES || places > EST_MAX_PLACES)
	{
		FUZZ_CHECK(st == CS_ERR_INVALID);
		return;
	}
	if (st != CS_OK)
	{
		FUZZ_CHECK(st == CS_ERR_RANGE);
		return;
	}
	check_round_trip(&r);
	FUZZ_CHECK(range_holds(&r, a));
	FUZZ_CHECK((r.flags & (EST_HAS_LOW | EST_HAS_HIGH)) == (a->flags & (EST_HAS_LOW | EST_HAS_HIGH)));
	st = est_round(&again, &r, places);
	FUZZ_CHECK(st == CS_OK || st == CS_ERR_RANGE);
	if (st == CS_OK)
		FUZZ_CHECK(range_holds(&again, &r));
	if (prints_on_grid(r.best, places) &&
		(!(r.flags & EST_HAS_LOW) || prints_on_grid(r.low, places)) &&
		(!(r.flags & EST_HAS_HIGH) || prints_on_grid(r.high, places)))
		FUZZ_CHECK(st == CS_OK && memcmp(&again, &r, sizeof(r)) == 0);
}

/*
 * Check est_describe_digits: the text fits its buffer, and where it is in
 * the words est_parse reads (all but the general form with an exclusive
 * bound) it reads back to a figure whose range holds the original's; an
 * exact figure without "about" reads back to itself, and with 17 digits
 * every bound is shown exactly.
 */
static void
check_describe(const EstimateValue *v, int digits)
{
	char		text[EST_TEXT_BUFLEN];
	size_t		len = est_describe_digits(v, digits, text);
	EstimateValue back;
	CsStatus	st;
	bool		both = (v->flags & EST_HAS_LOW) && (v->flags & EST_HAS_HIGH);
	const char *qual = est_qualifier(v);

	FUZZ_CHECK(len > 0 && len < EST_TEXT_BUFLEN && len == strlen(text));
	if ((strcmp(qual, "range") == 0 || strcmp(qual, "about range") == 0) &&
		!(both && (v->flags & EST_LOW_INC) && (v->flags & EST_HIGH_INC)))
		return;					/* "5 (more than 4, fewer than 6)" is for people only */
	st = est_parse(text, &back, NULL, 0, NULL);
	if (st == CS_ERR_RANGE)
		return;					/* a bound rounded outward past the largest double */
	FUZZ_CHECK(st == CS_OK);
	/* "nearly B" and "just over B" describe ~<=B and ~>=B too */
	if ((v->flags & EST_APPROX) && (back.flags & EST_APPROX))
		back.flags |= (uint8_t) (v->flags & (EST_LOW_INC | EST_HIGH_INC) &
								 ((back.flags & EST_HAS_LOW ? EST_LOW_INC : 0) |
								  (back.flags & EST_HAS_HIGH ? EST_HIGH_INC : 0)));
	FUZZ_CHECK(range_holds(&back, v));
	if (strcmp(qual, "exact") == 0 && strncmp(text, "about ", 6) != 0)
		FUZZ_CHECK(memcmp(&back, v, sizeof(back)) == 0);
	if (digits == 17)
		FUZZ_CHECK(range_holds(v, &back));
}

/* Check the operations of 1.1 on a pair of values. */
static void
check_operations(const EstimateValue *a, const EstimateValue *b, int places, int digits)
{
	check_interval_op(a, b, false);
	check_interval_op(a, b, true);
	check_within(a, b);
	check_round(a, places);
	check_describe(a, digits);
}

/* Check that arithmetic on valid values gives valid values or an error. */
static void
check_arithmetic(const EstimateValue *a, const EstimateValue *b, double k)
{
	EstimateValue r;
	CsStatus	st;

	if ((st = est_add(&r, a, b)) == CS_OK)
	{
		check_round_trip(&r);
		check_marks(&r, a, b);
	}
	else
		FUZZ_CHECK(st == CS_ERR_RANGE);
	if ((st = est_sub(&r, a, b)) == CS_OK)
	{
		check_round_trip(&r);
		check_marks(&r, a, b);
	}
	else
		FUZZ_CHECK(st == CS_ERR_RANGE);
	est_neg(&r, a);
	check_round_trip(&r);
	check_marks(&r, a, NULL);
	if ((st = est_mul(&r, a, k)) == CS_OK)
	{
		check_round_trip(&r);
		if (k != 0)
			check_marks(&r, a, NULL);
		else
			FUZZ_CHECK(r.flags == EST_BOUNDS_MASK && r.best == 0);	/* exactly 0 */
	}
	else
		FUZZ_CHECK(st == CS_ERR_RANGE || st == CS_ERR_INVALID);
	if ((st = est_div(&r, a, k)) == CS_OK)
	{
		check_round_trip(&r);
		check_marks(&r, a, NULL);
	}
	else
		FUZZ_CHECK(st == CS_ERR_RANGE || st == CS_ERR_INVALID || st == CS_ERR_DIVZERO);
	if ((st = est_round(&r, a, 0)) == CS_OK)
		check_marks(&r, a, NULL);
	(void) est_overlaps(a, b);
	FUZZ_CHECK(est_overlaps(a, b) == est_overlaps(b, a));
	FUZZ_CHECK((est_compare(a, b) > 0) == (est_compare(b, a) < 0) &&
			   (est_compare(a, b) == 0) == (est_compare(b, a) == 0));
	if (isfinite(k) && est_make_interval(&r, a->best, fabs(k)) == CS_OK)
	{
		check_round_trip(&r);
		FUZZ_CHECK(est_contains(&r, a->best));
	}
}

/* Check one input: libFuzzer's entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str = fuzz_text(data, size);
	char		err[CS_ERRBUF_LEN];
	EstimateValue v;
	bool		hint = false;
	CsStatus	st;
	/* the places of round and the digits of describe, from the last bytes */
	int			places = size > 0 ? (int) data[size - 1] % 50 - 25 : 0;
	int			digits = size > 1 ? (int) data[size - 2] % 18 : 0;

	if (size > 2 && data[size - 3] == 0xff)
		places = (data[size - 1] & 1) ? EST_MAX_PLACES + (data[size - 1] & 2) / 2
			: -EST_MAX_PLACES - (data[size - 1] & 2) / 2;
	err[0] = '\0';
	st = est_parse(str, &v, err, sizeof(err), &hint);
	if (st == CS_OK)
	{
		EstimateValue w;

		check_round_trip(&v);
		FUZZ_CHECK(!hint);
		if (est_parse("615000 (500000..700000)", &w, NULL, 0, NULL) == CS_OK)
		{
			check_arithmetic(&v, &w, -0.37);
			check_operations(&v, &w, places, digits);
			check_operations(&w, &v, -places, 17 - digits);
		}
		check_arithmetic(&v, &v, 3e-300);
		check_operations(&v, &v, places, digits);
	}
	else
	{
		FUZZ_CHECK(st == CS_ERR_SYNTAX || st == CS_ERR_RANGE);
		FUZZ_CHECK(err[0] != '\0');		/* every error says why */
		/* quoted input is clipped between characters */
		FUZZ_CHECK(!utf8_valid(str) || utf8_valid(err));
	}

	/*
	 * A no-break space (U+00A0) is white space between words and a thousands
	 * separator between digits, as an ASCII space is: the text with every
	 * space replaced by one reads the same.  (Not when the text holds wide
	 * spaces already: "600 000\u00a0000" mixes separators, its replacement
	 * would not.)
	 */
	if (strchr(str, ' ') != NULL && strstr(str, "\xc2\xa0") == NULL &&
		strstr(str, "\xe2\x80\x89") == NULL && strstr(str, "\xe2\x80\xaf") == NULL)
	{
		size_t		n = strlen(str),
					j = 0;
		char	   *wide = malloc(2 * n + 1);
		EstimateValue w;
		bool		hint2 = false;

		if (wide == NULL)
			abort();
		for (size_t i = 0; i < n; i++)
		{
			if (str[i] == ' ')
			{
				wide[j++] = (char) 0xC2;
				wide[j++] = (char) 0xA0;
			}
			else
				wide[j++] = str[i];
		}
		wide[j] = '\0';
		FUZZ_CHECK(est_parse(wide, &w, NULL, 0, &hint2) == st && hint2 == hint);
		if (st == CS_OK)
			FUZZ_CHECK(memcmp(&v, &w, sizeof(EstimateValue)) == 0);
		free(wide);
	}

	/*
	 * The fast path reads only text that starts at its first byte: with a
	 * space in front the general parser reads the same text, and must give
	 * the same answer, byte for byte.
	 */
	{
		char	   *spaced = malloc(size + 2);
		EstimateValue w;
		CsStatus	st2;

		if (spaced == NULL)
			abort();
		spaced[0] = ' ';
		memcpy(spaced + 1, str, size + 1);
		st2 = est_parse(spaced, &w, NULL, 0, NULL);
		FUZZ_CHECK(st2 == st);
		if (st == CS_OK)
			FUZZ_CHECK(memcmp(&v, &w, sizeof(EstimateValue)) == 0);
		free(spaced);
	}

	/* the numbers that start in the first bytes of the text, with every flag */
	{
		static const int flag_sets[] = {
			0, CS_NUM_GROUPS, CS_NUM_GROUPS | CS_NUM_NO_COMMA, CS_NUM_MINUS_SIGN,
			CS_NUM_GROUPS | CS_NUM_MINUS_SIGN, CS_NUM_GROUPS | CS_NUM_NO_COMMA | CS_NUM_MINUS_SIGN,
		};
		size_t		off,
					k;

		for (off = 0; off < 16 && off < size; off++)
			if ((off == 0 || !cs_is_digit(str[off - 1])) &&
				(cs_is_digit(str[off]) || str[off] == '.' || str[off] == '+' ||
				 str[off] == '-' || (unsigned char) str[off] == 0xE2))
				for (k = 0; k < sizeof(flag_sets) / sizeof(flag_sets[0]); k++)
					check_scanner_steps(str + off, flag_sets[k]);
	}
	free(str);

	/* the wire form: version, flags, best, low, high */
	if (fuzz_from_wire(&est_desc, data, size, &v))
	{
		check_round_trip(&v);
		check_operations(&v, &v, places, digits);
		if (size >= 34)
			check_arithmetic(&v, &v, cs_get_float8(data + 26));
	}
	/* the stored layout */
	if (fuzz_from_stored(&est_desc, data, size, &v))
		check_round_trip(&v);
	return 0;
}
