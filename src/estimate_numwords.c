/*
 * estimate_numwords.c
 *		The estimate's text input, the part that reads words where a number
 *		goes: number words, fraction words, vague magnitudes and plus forms.
 *
 * Number words are one to ninety-nine, "hundred", "a" or "one" before a
 * scale word or "dozen", "and a half" and "dozen" ("twenty-five", "two and
 * a half million", "a million and a half", "three dozen"); a fraction word
 * is a value, or multiplies the scale word after it ("half a million").  A
 * vague magnitude ("dozens", "hundreds of thousands") is a range with no
 * stated centre; a plus form ("1,000+", "100,000-plus", "1 million plus")
 * is at least its number.  The grammar around them (digits, qualifiers,
 * ranges, brackets) is estimate_parse.c's, the words themselves are in the
 * tables of estimate_words.c, and the parser's state and the steps both
 * files take are in estimate_words.h.
 *
 * No server headers: linked into the extension, the unit tests and the fuzz
 * targets alike.
 */
#include "estimate_core.h"
#include "estimate_words.h"

#include <math.h>
#include <string.h>

/*
 * Read a scale word after number words: the words and the percent, not the
 * letters k and m ("two m" is more often a length than two million).
 */
static int
word_scale_after(Parser *p)
{
	const char *s = est_past_space(p->s + p->pos);
	size_t		n;
	int			e;

	if ((n = est_match_scale(s, &e)) == 0 || (n == 1 && cs_is_alpha(*s)))
		return 0;
	p->pos = (size_t) (s + n - p->s);
	return e;
}

/* Read twenty to ninety with an optional unit ("twenty-five", "twenty five"), or one to nineteen: 0 when none. */
static int
small_number_words(Parser *p)
{
	const char *s;
	size_t		n;
	int			v,
				u;

	est_skip_space(p);
	s = p->s + p->pos;
	if ((n = est_match_tens_word(s, &v)) > 0)
	{
		p->pos += n;
		s = p->s + p->pos;
		if (*s == '-' && (n = est_match_unit_word(s + 1, &u)) > 0 && u < 10)
			p->pos += n + 1;
		else if (est_space_len(s) > 0 &&
				 (n = est_match_unit_word(est_past_space(s), &u)) > 0 && u < 10)
			p->pos = (size_t) (est_past_space(s) + n - p->s);
		else
			u = 0;
		return v + u;
	}
	if ((n = est_match_unit_word(s, &v)) > 0)
	{
		p->pos += n;
		return v;
	}
	return 0;
}

/*
 * Read number words: one to ninety-nine, "hundred" after one of them or
 * "a" with an optional one to ninety-nine after it, "a" or "one" before a
 * scale word or "dozen", "and a half", "dozen" (times 12), then a scale
 * word applied exactly, then "and a half" of the scale ("a million and a
 * half").  Nothing is consumed when no number word is next.
 */
static CsStatus
parse_number_words(Parser *p, NumExpr *out, bool *found)
{
	size_t		start;
	double		whole;
	bool		article = false,
				half,
				dozen;
	int			e = 0,
				v;

	est_skip_space(p);
	start = p->pos;
	*found = false;
	if (est_accept(p, "a"))
	{
		article = true;
		whole = 1;
	}
	else if ((v = small_number_words(p)) == 0)
		return CS_OK;
	else
		whole = v;
	*found = true;
	if (est_accept_word(p, "hundred"))
	{
		whole *= 100;
		article = false;
		if ((v = small_number_words(p)) > 0)
			whole += v;
	}
	half = !article && est_accept_and_a_half(p);
	dozen = est_accept_word(p, "dozen");
	if (!dozen)
		e = word_scale_after(p);
	if (article && !dozen && e <= 0)
	{
		/*
		 * "a" alone is an article, not a number; the words after it may be
		 * a qualifier misspelt ("a little 5"), so point to the table too
		 */
		p->pos = start;
		p->hint = true;
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX,
						"\"a\" is a number only before hundred, thousand, million, billion or dozen (position %zu).",
						start + 1);
	}
	if (e > 0 && !half)
		half = est_accept_and_a_half(p);
	out->is_words = true;
	out->words = (half ? whole + 0.5 : whole) * (dozen ? 12 : 1);
	out->shift = e;
	out->value = est_times_ten_to(out->words, e);
	return CS_OK;
}

/*
 * Read a number written in words where a letter starts it: a fraction word
 * (with a scale word after it, "half a million") or number words; a vague
 * magnitude here, where a number is wanted, is refused.
 */
CsStatus
est_parse_word_number(Parser *p, NumExpr *out)
{
	const char *s = p->s + p->pos;
	size_t		n;
	int			num,
				den;
	CsStatus	st;
	size_t		save;
	bool		linked;
	int			e;

	if ((n = est_match_fraction(s, &num, &den)) == 0)
	{
		bool		found;
		double		lo,
					hi;

		if (est_match_vague(s, &lo, &hi) > 0)
			return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX,
							"A vague magnitude such as \"%.*s\" is a range by itself; it cannot take a qualifier or be one end of a range.",
							est_quote_len(s, est_match_vague(s, &lo, &hi), 40), s);
		st = parse_number_words(p, out, &found);
		if (st != CS_OK || found)
			return st;
		return est_unknown_word(p, "a number word or qualifier");
	}
	p->pos += n;
	save = p->pos;
	/* "half a million", "two-thirds of a million", "a quarter million" */
	linked = est_accept(p, "of");
	linked = (est_accept(p, "an") || est_accept(p, "a")) || linked;
	e = est_scale_after_number(p);
	if (e > 0)
	{
		out->value = (double) num * pow(10.0, e) / den;
		out->shift = e;
		return CS_OK;
	}
	if (linked && !p->prefix)
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX,
						"A scale word (thousand, million, billion) must follow \"%.*s\".",
						est_quote_len(s, p->pos - (size_t) (s - p->s), 40), s);
	p->pos = save;
	out->value = (double) num / den;
	return CS_OK;
}

/*
 * Read a vague magnitude ("dozens", "tens of thousands") at the current
 * position as its range, with no stated centre: false when none is there.
 */
bool
est_parse_vague(Parser *p, EstimateValue *v, CsStatus *st)
{
	double		lo,
				hi;
	size_t		n;

	est_skip_space(p);
	if ((n = est_match_vague(p->s + p->pos, &lo, &hi)) == 0)
		return false;
	p->pos += n;
	*st = est_finish(p, v, est_midpoint(lo, hi), true, lo, true, true, hi, true);
	return true;
}

/*
 * Finish a plus form ("1,000+", "100,000-plus", "1 million plus"), n bytes
 * of mark at the current position after the number a that started at
 * start: at least a.  A signed number or a second mark is refused.
 */
CsStatus
est_parse_plus(Parser *p, EstimateValue *v, const NumExpr *a, size_t start, size_t n)
{
	if (est_sign_len(p->s + start) > 0)
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX,
						"A plus form (\"1,000+\") takes a number without a sign (position %zu).", start + 1);
	p->pos += n;
	if (est_match_plus(p->s + p->pos) > 0 || p->s[p->pos] == '+')
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX,
						"A plus form (\"1,000+\") takes one plus mark (position %zu).", p->pos + 1);
	return est_finish(p, v, a->value, true, a->value, true, false, 0, false);
}
