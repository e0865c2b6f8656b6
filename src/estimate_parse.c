/*
 * estimate_parse.c
 *		The estimate's text input: the forms sources use.
 *
 * The text input reads figures as sources state them.  Words are
 * case-insensitive and white space around and between tokens is ignored:
 * ASCII white space, and the no-break (U+00A0), thin (U+2009) and narrow
 * no-break (U+202F) spaces typeset sources put between words.
 *
 *	exact			600000, 600,000, 600 000, 1.2 million, 600k, two-thirds, 66%
 *	approximate		~600000, about 600000, c. 1200, an estimated 600,000 ...
 *	one-sided		>600000, more than 600000, at least 5 ...
 *	soft one-sided	nearly 1 million, just over 900,000, ~<5, ~>=5 ...
 *					(the approximate mark: close to the number, on one side)
 *	ranges			500000..700000, 500,000-700,000, 500000 - 700000,
 *					500000 to 700000, between 500000 and 700000,
 *					from 500000 to 700000, 500000–700000 (en or em dash),
 *					and any of them after an approximate word (which
 *					makes the sides soft: ~500000..700000)
 *	best and range	615000 (500000..700000), 615000 [500000,700000],
 *					20 [15,), 5 (,10]  (PostgreSQL's range notation); the
 *					best value is a stated centre, kept even at the midpoint
 *					(400000 [350000,450000]); ~ in front makes it soft
 *	plus forms		1,000+, 100,000-plus, 1 million plus (at least the number)
 *	vague			dozens, thousands, hundreds of thousands ... (a range with
 *					no stated centre; soft after an approximate word)
 *
 * A number is the common layer's (sign, digits, fraction, exponent;
 * thousands separators in groups of three; the minus sign U+2212 for '-',
 * which is a sign only, never a range dash), optionally followed by a scale
 * word (k, thousand, m, mn, million, bn, billion) applied exactly in decimal,
 * or a percent sign.  A fraction word (half, a third, two-thirds, a quarter,
 * three-quarters) is that fraction, or multiplies a scale word after it
 * ("half a million").  In a range whose high end has a scale word or a
 * percent sign and whose low end has none, the low end takes it too when
 * that keeps the range in order ("1.2 to 1.5 million", "60-70%").  Number
 * words, fraction words, vague magnitudes and plus forms are read by
 * estimate_numwords.c, the words themselves are in the tables of
 * estimate_words.c, and the parser's state (Parser, NumExpr) and the steps
 * both parser files take are in estimate_words.h.
 *
 * est_parse tries the fast path first (estimate_fast.c), which reads the
 * canonical forms and the most common short ones as they stand, numbers
 * through the common scanner as everywhere else; then the general parser: parse_figure reads
 * one figure from the current position and parse_end requires the end of
 * the text, so that a reader of figures inside longer text can call
 * parse_figure alone.
 *
 * No server headers: linked into the extension, the unit tests and the fuzz
 * targets alike.
 */
#include "estimate_core.h"
#include "estimate_words.h"
#include "estimate_phrase.h"

#include <math.h>
#include <string.h>

/* Consume a symbol (an exact byte string) if it is next (after white space). */
static bool
accept_sym(Parser *p, const char *sym)
{
	size_t		n = strlen(sym);

	est_skip_space(p);
	if (strncmp(p->s + p->pos, sym, n) != 0)
		return false;
	p->pos += n;
	return true;
}

/* Convert a decimal times 10^shift, naming a number beyond the doubles. */
static CsStatus
convert(Parser *p, const CsDecimal *d, int shift, double *out)
{
	CsStatus	st = cs_decimal_to_double(d, shift, out);

	if (st == CS_ERR_RANGE)
		return cs_error(p->errbuf, p->errlen, CS_ERR_RANGE,
						"The number \"%.*s\" is out of range for double precision.",
						est_quote_len(d->src, (size_t) (d->end - d->src), 64), d->src);
	return st;
}

/*
 * Read a number as written: digits (with a scale word or percent sign after
 * them), a fraction word (with a scale word after it) or number words.
 */
static CsStatus
parse_number(Parser *p, int numflags, NumExpr *out)
{
	const char *s;
	size_t		n;
	CsStatus	st;

	est_skip_space(p);
	s = p->s + p->pos;
	memset(out, 0, sizeof(*out));
	/* NaN and infinities by name, so that the detail says what they are */
	if (est_match_nonfinite(s + est_sign_len(s)) > 0)
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX,
						"An estimate holds finite numbers only, not NaN or infinity.");
	if (cs_is_alpha(*s))
		return est_parse_word_number(p, out);
	st = cs_scan_decimal(s, numflags | CS_NUM_MINUS_SIGN, p->s, &n, &out->dec,
						 p->errbuf, p->errlen);
	if (st != CS_OK)
		return st;
	p->pos += n;
	/* "1.200.000": a second decimal point is a thousands separator elsewhere */
	if (p->s[p->pos] == '.' && cs_is_digit(p->s[p->pos + 1]) && out->dec.frac_digits > 0)
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX,
						"The number at position %zu has two decimal points; write thousands separators as \",\" or a space.",
						(size_t) (s - p->s) + 1);
	out->is_decimal = true;
	{
		/* "2 and a half million", "3 dozen": a half after a whole number only */
		bool		half = out->dec.frac_digits == 0 && est_accept_and_a_half(p);
		bool		dozen = est_accept_word(p, "dozen");
		double		x;

		out->shift = dozen ? 0 : est_scale_after_number(p);
		if ((st = convert(p, &out->dec, out->shift, &out->value)) != CS_OK)
			return st;
		if (!half && out->shift > 0 && out->dec.frac_digits == 0 && est_accept_and_a_half(p))
			half = true;
		if (half || dozen)
		{
			x = out->value + (half ? est_times_ten_to(0.5, out->shift) : 0);
			out->value = dozen ? x * 12 : x;
			out->is_decimal = false;
			if (!isfinite(out->value))
				return cs_error(p->errbuf, p->errlen, CS_ERR_RANGE,
								"The number at position %zu is out of range for double precision.",
								(size_t) (s - p->s) + 1);
		}
		return CS_OK;
	}
}

/*
 * Let the low end of a range take the high end's scale word or percent sign
 * when it has none of its own and the range stays in order.
 */
static CsStatus
share_scale(Parser *p, NumExpr *lo, const NumExpr *hi)
{
	double		v;
	CsStatus	st;

	/* "two to three million" */
	if (lo->is_words && lo->shift == 0 && hi->shift != 0)
	{
		v = est_times_ten_to(lo->words, hi->shift);
		if (hi->shift < 0 || v <= hi->value)
			lo->value = v;
		return CS_OK;
	}
	if (!lo->is_decimal || lo->shift != 0 || hi->shift == 0)
		return CS_OK;
	st = convert(p, &lo->dec, hi->shift, &v);
	if (st != CS_OK)
		return st;
	if (hi->shift < 0 || v <= hi->value)
		lo->value = v;
	return CS_OK;
}

/* Build the range low..high with the midpoint as its best value. */
static CsStatus
finish_range(Parser *p, EstimateValue *v, NumExpr *lo, const NumExpr *hi)
{
	CsStatus	st = share_scale(p, lo, hi);

	if (st != CS_OK)
		return st;
	return est_finish(p, v, est_midpoint(lo->value, hi->value < lo->value ? lo->value : hi->value),
				  true, lo->value, true, true, hi->value, true);
}

/*
 * Put marks on a value a step made with status st: the approximate mark of
 * an approximate word before a range or a soft one-sided word, the centre
 * mark of a best value written before its bracketed range.
 */
static inline CsStatus
with_marks(EstimateValue *v, CsStatus st, uint8_t marks)
{
	if (st == CS_OK)
		est_mark(v, marks);
	return st;
}

/*
 * Consume a separator between the two ends of a range: "..", "to", an en or
 * em dash, or an ASCII hyphen followed by a number.  A minus sign (U+2212)
 * is a sign, never a dash: "5−7" is refused rather than guessed at.
 */
static bool
accept_range_sep(Parser *p)
{
	size_t		save;

	est_skip_space(p);
	if (p->s[p->pos] == '\0')
		return false;
	if (accept_sym(p, "..") || est_accept(p, "to") ||
		accept_sym(p, "\xe2\x80\x93") || accept_sym(p, "\xe2\x80\x94"))
		return true;
	save = p->pos;
	if (accept_sym(p, "-"))
	{
		const char *s = est_past_space(p->s + p->pos);

		/* "600,000-" ends after the hyphen: the missing number is reported */
		if (cs_is_digit(*s) || *s == '.' || est_sign_len(s) > 0 || *s == '\0')
			return true;
	}
	p->pos = save;
	return false;
}

/*
 * Look ahead inside brackets: is the range written "L..H" or "L to H"
 * (rather than "L,H")?  Only the text up to the first closing bracket counts.
 */
static bool
bracket_has_range_sep(const Parser *p)
{
	const char *c;

	const char *start = p->s + p->pos;
	const char *prev = NULL;	/* the last character that is not a space */

	for (c = start; *c != '\0' && *c != ']' && *c != ')'; c++)
	{
		size_t		n;

		if (c[0] == '.' && c[1] == '.')
			return true;
		/* a hyphen after a digit: "(500000-700000)" */
		if (c[0] == '-' && prev != NULL && cs_is_digit(*prev))
			return true;
		if ((n = est_space_len(c)) > 0)
		{
			c += n - 1;
			continue;
		}
		prev = c;
		if (est_phrase_len(c, "to") > 0 && (c == p->s || !cs_is_alpha(c[-1])))
			return true;
		if ((unsigned char) c[0] == 0xe2 && (unsigned char) c[1] == 0x80 &&
			((unsigned char) c[2] == 0x93 || (unsigned char) c[2] == 0x94))
			return true;
	}
	return false;
}

/* Say whether a number starts at the current position (after white space). */
static bool
at_number(Parser *p)
{
	const char *s;

	est_skip_space(p);
	s = p->s + p->pos;
	s += est_sign_len(s);
	return cs_is_digit(*s) || (*s == '.' && cs_is_digit(s[1]));
}

/*
 * Parse a bracketed range after a best value: "[L,H]", "(L,)", "(,H]" in
 * PostgreSQL's range notation, or "(L..H)" / "[L to H]" with inclusive
 * bounds.  The best value is a centre the source stated, even when it is
 * the midpoint.
 */
static CsStatus
parse_brackets(Parser *p, double best, EstimateValue *v)
{
	char		open = p->s[p->pos];
	NumExpr		lo,
				hi;
	bool		has_low,
				has_high;
	char		close;
	CsStatus	st;

	p->pos++;
	if (bracket_has_range_sep(p))
	{
		if ((st = parse_number(p, CS_NUM_GROUPS, &lo)) != CS_OK)
			return st;
		if (!accept_range_sep(p))
			return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX,
							"A range needs \",\" or \"..\" between its bounds (position %zu).", p->pos + 1);
		if ((st = parse_number(p, CS_NUM_GROUPS, &hi)) != CS_OK)
			return st;
		if ((st = share_scale(p, &lo, &hi)) != CS_OK)
			return st;
		est_skip_space(p);
		close = p->s[p->pos];
		if (!((open == '[' && close == ']') || (open == '(' && close == ')')))
			return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX,
							"A range written with \"..\" must close with the bracket it opened with.");
		p->pos++;
		return with_marks(v, est_finish(p, v, best, true, lo.value, true, true, hi.value, true),
						  EST_CENTRE);
	}

	/* PostgreSQL's "[L,H)" notation: ',' separates the bounds */
	has_low = at_number(p);
	if (has_low && (st = parse_number(p, CS_NUM_GROUPS | CS_NUM_NO_COMMA, &lo)) != CS_OK)
		return st;
	if (!accept_sym(p, ","))
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX,
						"A range needs \",\" or \"..\" between its bounds (position %zu).", p->pos + 1);
	has_high = at_number(p);
	if (has_high && (st = parse_number(p, CS_NUM_GROUPS | CS_NUM_NO_COMMA, &hi)) != CS_OK)
		return st;
	est_skip_space(p);
	close = p->s[p->pos];
	if (close != ']' && close != ')')
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX,
						"A range must close with \"]\" or \")\" (position %zu).", p->pos + 1);
	if ((!has_high && close == ']') || (!has_low && open == '['))
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX, "An unbounded side cannot be inclusive.");
	if (has_low && has_high && (st = share_scale(p, &lo, &hi)) != CS_OK)
		return st;
	p->pos++;
	return with_marks(v, est_finish(p, v, best,
								has_low, has_low ? lo.value : 0, open == '[',
								has_high, has_high ? hi.value : 0, close == ']'),
					  EST_CENTRE);
}

/*
 * Parse the forms that start with a number: exact, a range, or a best value
 * with a bracketed range, or a plus form.  With approx, a lone number is
 * approximate, and so are the sides of a range.
 */
static CsStatus
parse_leading_number(Parser *p, EstimateValue *v, bool approx)
{
	NumExpr		a,
				b;
	uint8_t		marks = approx ? EST_APPROX : 0;
	CsStatus	st;
	size_t		start,
				after,
				n;

	est_skip_space(p);
	start = p->pos;
	if ((st = parse_number(p, CS_NUM_GROUPS, &a)) != CS_OK)
		return st;
	after = p->pos;
	if (!approx && (n = est_match_plus(p->s + p->pos)) > 0)
		return est_parse_plus(p, v, &a, start, n);
	if (accept_range_sep(p))
	{
		NumExpr		lo = a;

		if ((st = parse_number(p, CS_NUM_GROUPS, &b)) == CS_OK)
			st = with_marks(v, finish_range(p, v, &lo, &b), marks);
		if (st == CS_OK || !p->prefix)
			return st;
		p->pos = after;			/* "sent 5,000 to Kyiv": the figure is 5,000 */
	}
	est_skip_space(p);
	if (p->s[p->pos] == '[' || p->s[p->pos] == '(')
	{
		if ((st = with_marks(v, parse_brackets(p, a.value, v), marks)) == CS_OK || !p->prefix)
			return st;
		p->pos = after;			/* "5,000 (in May)": a remark, not a range */
	}
	if (approx)
		return est_finish(p, v, a.value, false, 0, false, false, 0, false);
	return est_finish(p, v, a.value, true, a.value, true, true, a.value, true);
}

/* Parse the two ends after "between" (then "and") or "from" (then "to"). */
static CsStatus
parse_two_ends(Parser *p, EstimateValue *v, const char *link)
{
	NumExpr		a,
				b;
	CsStatus	st;

	if ((st = parse_number(p, CS_NUM_GROUPS, &a)) != CS_OK)
		return st;
	if (!est_accept(p, link) && !(strcmp(link, "to") == 0 && accept_range_sep(p)))
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX, "\"%s\" was expected between the two numbers of a range (position %zu).",
						link, p->pos + 1);
	if ((st = parse_number(p, CS_NUM_GROUPS, &b)) != CS_OK)
		return st;
	return finish_range(p, v, &a, &b);
}

/* Find the qualifier symbol or phrase at the current position. */
static bool
parse_qualifier(Parser *p, EstQual *q)
{
	size_t		n;

	est_skip_space(p);
	if ((n = est_match_qualifier(p->s + p->pos, q)) == 0)
		return false;
	p->pos += n;
	return true;
}

/*
 * Parse the number after a one-sided qualifier q; marks (EST_APPROX) make
 * it soft, as the soft words (nearly, just over) are by themselves.
 */
static CsStatus
parse_one_sided(Parser *p, EstimateValue *v, EstQual q, uint8_t marks)
{
	NumExpr		a;
	CsStatus	st;

	if ((st = parse_number(p, CS_NUM_GROUPS, &a)) != CS_OK)
		return st;
	if (!p->prefix && est_match_plus(p->s + p->pos) > 0)
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX,
						"A plus form (\"1,000+\") says \"at least\" by itself; it cannot follow a qualifier.");
	switch (q)
	{
		case EST_Q_SOFT_GT:
			marks |= EST_APPROX;
			/* FALLTHROUGH */
		case EST_Q_GT:
			st = est_finish(p, v, a.value, true, a.value, false, false, 0, false);
			break;
		case EST_Q_GE:
			st = est_finish(p, v, a.value, true, a.value, true, false, 0, false);
			break;
		case EST_Q_SOFT_LT:
			marks |= EST_APPROX;
			/* FALLTHROUGH */
		case EST_Q_LT:
			st = est_finish(p, v, a.value, false, 0, false, true, a.value, false);
			break;
		default:
			st = est_finish(p, v, a.value, false, 0, false, true, a.value, true);
			break;
	}
	return with_marks(v, st, marks);
}

/*
 * Parse what follows an approximate word or symbol (which starts at qpos):
 * a number, a range ("about 600,000 to 700,000" has soft sides), a vague
 * magnitude ("about thousands", soft sides too), a best value with a
 * bracketed range; after the symbols "~" and the approximately
 * equal sign also a one-sided symbol ("~<5", the canonical form of "nearly
 * 5"), so that every canonical form may carry the mark.
 */
static CsStatus
parse_approximate(Parser *p, EstimateValue *v, size_t qpos)
{
	const char *c = est_past_space(p->s + p->pos);
	bool		symbol = !cs_is_alpha(p->s[qpos]);
	EstQual		q;
	CsStatus	st;

	if (est_parse_vague(p, v, &st))
		return with_marks(v, st, EST_APPROX);
	if (est_accept(p, "between"))
		return with_marks(v, parse_two_ends(p, v, "and"), EST_APPROX);
	if (est_accept(p, "from"))
		return with_marks(v, parse_two_ends(p, v, "to"), EST_APPROX);
	if (symbol && (*c == '<' || *c == '>' || strncmp(c, "\xe2\x89\xa5", 3) == 0 ||
				   strncmp(c, "\xe2\x89\xa4", 3) == 0) &&
		parse_qualifier(p, &q))
	{
		est_skip_space(p);
		if (p->s[p->pos] == '\0')
			return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX, "A number is missing after \"%.*s\".",
							est_quote_len(p->s + qpos, p->pos - qpos, 40), p->s + qpos);
		return parse_one_sided(p, v, q, EST_APPROX);
	}
	return parse_leading_number(p, v, true);
}

/*
 * Read one figure from the current position, in any form sources use (see
 * the top of the file), leaving the position after it.
 */
static CsStatus
parse_figure(Parser *p, EstimateValue *v)
{
	EstQual		q;
	size_t		qpos;
	CsStatus	st;

	est_skip_space(p);
	if (p->s[p->pos] == '\0')
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX, "The input is empty.");

	qpos = p->pos;
	if (at_number(p))
		return parse_leading_number(p, v, false);	/* the common case first */
	if (!parse_qualifier(p, &q))
	{
		/* a vague magnitude, number words, a fraction word, or an unknown word */
		if (est_parse_vague(p, v, &st))
			return st;
		return parse_leading_number(p, v, false);
	}
	if (q == EST_Q_BETWEEN)
		return parse_two_ends(p, v, "and");
	if (q == EST_Q_FROM)
		return parse_two_ends(p, v, "to");

	est_skip_space(p);
	if (p->s[p->pos] == '\0')
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX, "A number is missing after \"%.*s\".",
						est_quote_len(p->s + qpos, p->pos - qpos, 40), p->s + qpos);
	if (q == EST_Q_ABOUT)
		return parse_approximate(p, v, qpos);
	return parse_one_sided(p, v, q, 0);
}

/* Require the end of the text after a figure: only white space may follow. */
static CsStatus
parse_end(Parser *p)
{
	EstPeriod	per;
	size_t		n;

	est_skip_space(p);
	if (p->s[p->pos] == '\0')
		return CS_OK;
	if ((n = est_match_rate(p->s + p->pos, &per)) > 0)
	{
		p->hint = true;
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX,
						"The rate \"%.*s\" at position %zu follows a whole figure; an estimate holds the figure alone.",
						est_quote_len(p->s + p->pos, n, 40), p->s + p->pos, p->pos + 1);
	}
	if (est_match_plus(p->s + p->pos) > 0 || p->s[p->pos] == '+')
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX,
						"A plus mark at position %zu must be glued to a number with no qualifier before it (\"1,000+\").",
						p->pos + 1);
	if (cs_is_alpha(p->s[p->pos]))
		return est_unknown_word(p, "a scale word or qualifier");
	return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX, "Unexpected text \"%.*s\" at position %zu.",
					est_quote_len(p->s + p->pos, strlen(p->s + p->pos), 20), p->s + p->pos, p->pos + 1);
}

/* ---- the entry points ---------------------------------------------------- */

/*
 * Read the longest figure at the start of text (after white space), for a
 * reader of figures in longer text: on success *len is the offset just past
 * the figure's last character.  A failure has no detail.
 */
CsStatus
est_parse_prefix(const char *text, EstimateValue *v, size_t *len)
{
	Parser		p;
	CsStatus	st;
	size_t		n;

	p.s = text;
	p.pos = 0;
	p.errbuf = NULL;
	p.errlen = 0;
	p.hint = false;
	p.prefix = true;
	st = parse_figure(&p, v);
	if (st != CS_OK)
		return st;
	/* lookahead past the figure may have left the position after white space */
	n = p.pos;
	for (;;)
	{
		if (n >= 1 && cs_is_space(text[n - 1]))
			n -= 1;
		else if (n >= 2 && cs_wide_space_len(text + n - 2) == 2)
			n -= 2;
		else if (n >= 3 && cs_wide_space_len(text + n - 3) == 3)
			n -= 3;
		else
			break;
	}
	*len = n;
	return CS_OK;
}

/* Parse the text of an estimate (see the top of the file). */
CsStatus
est_parse(const char *str, EstimateValue *v, char *errbuf, size_t errlen, bool *hint)
{
	Parser		p;
	CsStatus	st;

	if (hint != NULL)
		*hint = false;
	/* the canonical and most common forms first */
	if (est_parse_fast(str, v))
		return CS_OK;

	p.s = str;
	p.pos = 0;
	p.errbuf = errbuf;
	p.errlen = errlen;
	p.hint = false;
	p.prefix = false;
	if (errbuf != NULL && errlen > 0)
		errbuf[0] = '\0';
	st = parse_figure(&p, v);
	if (st == CS_OK)
		st = parse_end(&p);
	if (hint != NULL)
		*hint = p.hint;
	return st;
}
