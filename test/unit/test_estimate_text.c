/*
 * test_estimate_text.c
 *		Unit tests of the estimate's text output (src/estimate_text.c): the
 *		layout of numbers against PostgreSQL's shortest formatter (float8out's,
 *		from libpgcommon), the canonical text of random values reading back to
 *		the same bytes, the text for people, and round and describe with
 *		digits by their properties over random values.
 *
 * Prints TAP.  Built by test/Makefile with AddressSanitizer and UBSan,
 * linked with the estimate family, the common layer and libpgcommon.
 */
#include "estimate_unit.h"

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

/* The qualifier the canonical text's shape calls for. */
static const char *
qualifier_of_text(const char *s)
{
	if (s[0] == '~' && (s[1] == '<' || s[1] == '>'))
		return s[1] == '<' ? "nearly" : "just over";
	if (s[0] == '~' && (strstr(s, "..") || strchr(s, '[') || strchr(s, '(')))
		return "about range";
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
				(hl && hh && li && hi && v.best == est_midpoint(v.low, v.high) &&
				 !(v.flags & EST_CENTRE));

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

		readable = (strcmp(qual, "range") != 0 && strcmp(qual, "about range") != 0) ||
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
		/* "nearly B" and "just over B" describe ~<=B and ~>=B too */
		if ((v.flags & EST_APPROX) && (back.flags & EST_APPROX))
			back.flags |= (uint8_t) (v.flags & (EST_LOW_INC | EST_HIGH_INC) &
									 ((back.flags & EST_HAS_LOW ? EST_LOW_INC : 0) |
									  (back.flags & EST_HAS_HIGH ? EST_HIGH_INC : 0)));
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
		/* the soft words, approximate ranges and stated centres */
		{"nearly 1 million", "nearly 1,000,000"},
		{"~<=1000000", "nearly 1,000,000"},
		{"just over 900,000", "just over 900,000"},
		{"~>=900000", "just over 900,000"},
		{"around 790,000-900,000", "about 790,000 to 900,000"},
		{"400,000 (350,000-450,000)", "400,000 (350,000 to 450,000)"},
		{"about 615000 (500000..700000)", "about 615,000 (500,000 to 700,000)"},
		{"~400000 [350000,450000]", "about 400,000 (350,000 to 450,000)"},
		{"~20 [15,)", "about 20 (at least 15)"},
		{"~<626.3", "nearly 627"},	/* an upper bound rounds up */
		{"~>626.3", "just over 626"},	/* a lower bound down */
	};
	static const struct
	{
		const char *in;
		const char *canon;
		const char *qual;
	}			marked[] = {
		{"nearly 1 million", "~<1000000", "nearly"},
		{"~<=5", "~<=5", "nearly"},
		{"just over 900,000", "~>900000", "just over"},
		{"~>=5", "~>=5", "just over"},
		{"about 600,000 to 700,000", "~600000..700000", "about range"},
		{"~5 [4,6]", "~5 [4,6]", "about range"},
		{"~5.5 [4,6]", "~5.5 [4,6]", "about range"},
		{"400,000 (350,000-450,000)", "400000 [350000,450000]", "range"},
		{"350,000 to 450,000", "350000..450000", "range"},
		{"~5", "~5", "about"},
		{"~5 [5,5]", "~5", "about"},
	};
	size_t		i;

	for (i = 0; i < CS_NELEM(marked); i++)
	{
		EstimateValue v = P(marked[i].in);

		ok(strcmp(fmt(&v), marked[i].canon) == 0 && strcmp(est_qualifier(&v), marked[i].qual) == 0,
		   "%s prints %s, qualifier %s", q(marked[i].in), marked[i].canon, marked[i].qual);
	}

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

/* Run every check; the exit status says whether one failed. */
int
main(void)
{
	int			rounds = est_unit_start();

	tcs_format_double(rounds);
	test_round_trip(rounds);
	test_round_properties(rounds / 10);
	test_describe_properties(rounds / 10);
	test_describe();

	return done_testing();
}
