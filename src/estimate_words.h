/*
 * estimate_words.h
 *		The vocabulary of the estimate's text input, for the parser: the
 *		qualifier phrases and symbols, the fraction words, the scale words
 *		and the percent sign, and how a phrase is matched in text; and the
 *		parser's state and the small steps its two files share.
 *
 * The words live in tables in estimate_words.c, apart from the grammar in
 * estimate_parse.c (digits and qualifiers) and estimate_numwords.c (number
 * words, vague magnitudes, plus forms), so that a new word is a new table
 * row.  Internal to the estimate family: the glue needs none of this.
 */
#ifndef ESTIMATE_WORDS_H
#define ESTIMATE_WORDS_H

#include <math.h>
#include <string.h>

#include "estimate_core.h"

/* what a qualifier says about the number after it */
typedef enum EstQual
{
	EST_Q_ABOUT,				/* approximate */
	EST_Q_GT,					/* above */
	EST_Q_GE,					/* at least */
	EST_Q_LT,					/* below */
	EST_Q_LE,					/* at most */
	EST_Q_SOFT_GT,				/* just above: approximate and above */
	EST_Q_SOFT_LT,				/* nearly: approximate and below */
	EST_Q_BETWEEN,				/* between ... and ... */
	EST_Q_FROM					/* from ... to ... */
} EstQual;

/*
 * Give the length of the white space character at s, or 0: ASCII white
 * space, or a no-break, thin or narrow no-break space, which sources set
 * between words as well (between digits they separate thousands instead).
 */
static inline size_t
est_space_len(const char *s)
{
	return cs_is_space(*s) ? 1 : cs_wide_space_len(s);
}

/* Give the first character at or after s that is not white space. */
static inline const char *
est_past_space(const char *s)
{
	size_t		n;

	while ((n = est_space_len(s)) > 0)
		s += n;
	return s;
}

/* Give the length of a sign at s ('+', '-' or the minus sign U+2212), or 0. */
static inline size_t
est_sign_len(const char *s)
{
	if (*s == '+' || *s == '-')
		return 1;
	return strncmp(s, CS_MINUS_SIGN, CS_MINUS_SIGN_LEN) == 0 ? CS_MINUS_SIGN_LEN : 0;
}

/*
 * Give the length of the phrase at s (words case-insensitive, any white
 * space where the phrase has one space), or 0 when it is not there as whole
 * words.  phrase is lower case.
 */
extern size_t est_phrase_len(const char *s, const char *phrase);

/* Give the length of the qualifier phrase or symbol at s and its kind, or 0. */
extern size_t est_match_qualifier(const char *s, EstQual *q);

/* Give the length of the fraction word at s and its value num/den, or 0. */
extern size_t est_match_fraction(const char *s, int *num, int *den);

/*
 * Give the length of the scale word or percent sign at s and the power of
 * ten it applies (3 for "thousand", -2 for "%"), or 0.
 */
extern size_t est_match_scale(const char *s, int *exp10);

/* Give the length of a name of NaN or infinity at s ("nan", "inf"), or 0. */
extern size_t est_match_nonfinite(const char *s);

/* Give the length of the word one to nineteen at s and its value, or 0. */
extern size_t est_match_unit_word(const char *s, int *value);

/* Give the length of the word twenty to ninety at s and its value, or 0. */
extern size_t est_match_tens_word(const char *s, int *value);

/*
 * Give the length of the vague magnitude at s ("dozens", "tens of
 * thousands") and the range it reads as, or 0.
 */
extern size_t est_match_vague(const char *s, double *low, double *high);

/*
 * Give the length of a plus form's mark right after a number at s ("+",
 * "-plus" glued, or the word "plus"), or 0.
 */
extern size_t est_match_plus(const char *s);

/* the period of a rate unit ("a day", "weekly", "per month", "/year") */
typedef enum EstPeriod
{
	EST_PER_NONE,
	EST_PER_DAY,
	EST_PER_WEEK,
	EST_PER_MONTH,
	EST_PER_YEAR
} EstPeriod;

/* Give the length of the rate unit at s and its period, or 0. */
extern size_t est_match_rate(const char *s, EstPeriod *period);

/*
 * Say whether the word at s may start a figure (a qualifier, number word,
 * fraction word or vague magnitude), by its first two letters.
 */
extern bool est_word_may_start_figure(const char *s);

/* ---- the parser, shared by estimate_parse.c and estimate_numwords.c ------ */

/* the parser's position in the text, and where its detail goes */
typedef struct Parser
{
	const char *s;				/* the whole input */
	size_t		pos;			/* current offset */
	char	   *errbuf;
	size_t		errlen;
	bool		hint;			/* an unknown word was met */
	bool		prefix;			/* read the longest figure at the start only */
} Parser;

/* a number as written: its value, and whether a scale or percent followed */
typedef struct NumExpr
{
	double		value;
	bool		is_decimal;		/* digits (not a fraction word) */
	CsDecimal	dec;			/* the digits, when is_decimal */
	int			shift;			/* the scale or percent applied, as 10^shift */
	bool		is_words;		/* number words ("twenty-five", "two and a half") */
	double		words;			/* their value before the scale, when is_words */
} NumExpr;

/*
 * Give the length to quote of the n bytes at s in a detail: at most limit,
 * ending between two characters.
 */
static inline int
est_quote_len(const char *s, size_t n, size_t limit)
{
	return (int) cs_clip_len(s, n, limit);
}

/* Advance past white space. */
static inline void
est_skip_space(Parser *p)
{
	p->pos = (size_t) (est_past_space(p->s + p->pos) - p->s);
}

/* Consume the phrase if it is next (after white space). */
static inline bool
est_accept(Parser *p, const char *phrase)
{
	size_t		n;

	est_skip_space(p);
	n = est_phrase_len(p->s + p->pos, phrase);
	if (n == 0)
		return false;
	p->pos += n;
	return true;
}

/* Consume the phrase if it is next (after white space); nothing, not even the white space, when not. */
static inline bool
est_accept_word(Parser *p, const char *phrase)
{
	size_t		save = p->pos;

	if (est_accept(p, phrase))
		return true;
	p->pos = save;
	return false;
}

/* Consume "and a half" if it is next; false (and nothing consumed) when not. */
static inline bool
est_accept_and_a_half(Parser *p)
{
	size_t		save = p->pos;

	if (est_accept(p, "and") && est_accept(p, "a") && est_accept(p, "half"))
		return true;
	p->pos = save;
	return false;
}

/* Fail naming the word at the current position, which the parser does not know. */
static inline CsStatus
est_unknown_word(Parser *p, const char *what)
{
	size_t		n = 0;
	const char *w;

	est_skip_space(p);
	w = p->s + p->pos;
	while (cs_is_alpha(w[n]) || w[n] == '-' || w[n] == '.')
		n++;
	p->hint = true;
	if (strcmp(what, "a scale word or qualifier") == 0)
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX, "The word \"%.*s\" at position %zu is not %s the estimate type knows.  An estimate holds a figure alone, without a noun or rate.",
						est_quote_len(w, n, 40), w, p->pos + 1, what);
	return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX, "The word \"%.*s\" at position %zu is not %s the estimate type knows.",
					est_quote_len(w, n, 40), w, p->pos + 1, what);
}

/* Read a scale word or a percent sign after a number: its power of ten, or 0. */
static inline int
est_scale_after_number(Parser *p)
{
	const char *s = est_past_space(p->s + p->pos);
	size_t		n;
	int			e;

	if ((n = est_match_scale(s, &e)) == 0)
		return 0;
	p->pos = (size_t) (s + n - p->s);
	return e;
}

/* Give 10^e times x, dividing for a negative e so that 7% is the double nearest 0.07. */
static inline double
est_times_ten_to(double x, int e)
{
	return e >= 0 ? x * pow(10.0, e) : x / pow(10.0, -e);
}

/* Turn the parts into the value, a validation failure into a syntax error. */
static inline CsStatus
est_finish(Parser *p, EstimateValue *v, double best, bool has_low, double low,
	   bool low_inc, bool has_high, double high, bool high_inc)
{
	const char *detail = NULL;

	if (est_make(v, best, has_low, low, low_inc, has_high, high, high_inc, &detail) != CS_OK)
		return cs_error(p->errbuf, p->errlen, CS_ERR_SYNTAX, "%s", detail);
	return CS_OK;
}

/*
 * Read a number written in words where a letter starts it: a fraction word
 * (with a scale word after it) or number words.  In estimate_numwords.c.
 */
extern CsStatus est_parse_word_number(Parser *p, NumExpr *out);

/*
 * Read a vague magnitude ("dozens", "tens of thousands") at the current
 * position as its range, with no stated centre: false when none is there.
 * In estimate_numwords.c.
 */
extern bool est_parse_vague(Parser *p, EstimateValue *v, CsStatus *st);

/*
 * Finish a plus form ("1,000+", "100,000-plus", "1 million plus"), n bytes
 * of mark at the current position after the number a that started at
 * start: at least a; a signed number or a second mark is refused.  In
 * estimate_numwords.c.
 */
extern CsStatus est_parse_plus(Parser *p, EstimateValue *v, const NumExpr *a,
							  size_t start, size_t n);

/*
 * Read the forms est_format writes and the most common short ones as they
 * stand, without white space but the one shown: "N", "~N", ">N", ">=N",
 * "<N", "<=N", "L..H", "B [L,H]" (either bracket on either side, a side may
 * be empty), "about N" and "more than N" in lower case.  True with *v set
 * when the whole text is one of them and a valid value; false for anything
 * else, which the general parser reads (and reports), giving the same value
 * for every text this accepts.  In estimate_fast.c.
 */
extern bool est_parse_fast(const char *s, EstimateValue *v);

#endif							/* ESTIMATE_WORDS_H */
