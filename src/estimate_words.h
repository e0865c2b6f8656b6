/*
 * estimate_words.h
 *		The vocabulary of the estimate's text input, for the parser: the
 *		qualifier phrases and symbols, the fraction words, the scale words
 *		and the percent sign, and how a phrase is matched in text.
 *
 * The words live in tables in estimate_words.c, apart from the grammar in
 * estimate_parse.c, so that a new word is a new table row.  Internal to the
 * estimate family: the glue needs none of this.
 */
#ifndef ESTIMATE_WORDS_H
#define ESTIMATE_WORDS_H

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

#endif							/* ESTIMATE_WORDS_H */
