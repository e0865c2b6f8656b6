/*
 * estimate_words.c
 *		The words and symbols the estimate's text input knows, in tables,
 *		and their matching in text (see estimate_words.h).  A new qualifier,
 *		fraction or scale word is a new row here; est_words_hint lists them
 *		for an error's hint and keeps in step with the tables.
 *
 * No server headers: linked into the extension, the unit tests and the fuzz
 * targets alike.
 */
#include "estimate_words.h"

#include <string.h>

/* a qualifier phrase or symbol and what it says */
typedef struct Phrase
{
	const char *text;			/* lower case; one space between words */
	EstQual		q;
} Phrase;

/*
 * The qualifier phrases, a longer phrase before any phrase it starts with
 * ("more than" before "more").  Keep est_words_hint in step.
 */
static const Phrase qualifiers[] = {
	{"approximately", EST_Q_ABOUT}, {"an estimated", EST_Q_ABOUT}, {"close to", EST_Q_ABOUT},
	{"roughly", EST_Q_ABOUT}, {"around", EST_Q_ABOUT}, {"approx.", EST_Q_ABOUT},
	{"approx", EST_Q_ABOUT}, {"circa", EST_Q_ABOUT}, {"about", EST_Q_ABOUT}, {"some", EST_Q_ABOUT},
	{"ca.", EST_Q_ABOUT}, {"c.", EST_Q_ABOUT},
	{"more than", EST_Q_GT}, {"in excess of", EST_Q_GT}, {"upwards of", EST_Q_GT},
	{"exceeding", EST_Q_GT}, {"north of", EST_Q_GT}, {"over", EST_Q_GT},
	{"above", EST_Q_GT}, {"more", EST_Q_GT},
	{"at least", EST_Q_GE}, {"no fewer than", EST_Q_GE}, {"no less than", EST_Q_GE},
	{"a minimum of", EST_Q_GE},
	{"fewer than", EST_Q_LT}, {"less than", EST_Q_LT},
	{"under", EST_Q_LT}, {"below", EST_Q_LT},
	/* the soft one-sided words: close to the number, on one side of it */
	{"just over", EST_Q_SOFT_GT}, {"just above", EST_Q_SOFT_GT},
	{"a little over", EST_Q_SOFT_GT}, {"a little more than", EST_Q_SOFT_GT},
	{"slightly more than", EST_Q_SOFT_GT},
	{"nearly", EST_Q_SOFT_LT}, {"almost", EST_Q_SOFT_LT}, {"just under", EST_Q_SOFT_LT},
	{"approaching", EST_Q_SOFT_LT}, {"just shy of", EST_Q_SOFT_LT},
	{"a little under", EST_Q_SOFT_LT}, {"a little less than", EST_Q_SOFT_LT},
	{"slightly less than", EST_Q_SOFT_LT}, {"slightly fewer than", EST_Q_SOFT_LT},
	{"at most", EST_Q_LE}, {"up to", EST_Q_LE}, {"as many as", EST_Q_LE}, {"no more than", EST_Q_LE},
	{"a maximum of", EST_Q_LE},
	{"between", EST_Q_BETWEEN}, {"from", EST_Q_FROM},
};

/* the qualifier symbols (exact bytes), longer first */
static const Phrase symbols[] = {
	{">=", EST_Q_GE}, {"<=", EST_Q_LE}, {"\xe2\x89\xa5", EST_Q_GE}, {"\xe2\x89\xa4", EST_Q_LE},
	{">", EST_Q_GT}, {"<", EST_Q_LT}, {"~", EST_Q_ABOUT}, {"\xe2\x89\x88", EST_Q_ABOUT},
};

/* a fraction word: numerator over denominator */
typedef struct Fraction
{
	const char *text;
	int			num;
	int			den;
} Fraction;

static const Fraction fractions[] = {
	{"two-thirds", 2, 3}, {"two thirds", 2, 3},
	{"three-quarters", 3, 4}, {"three quarters", 3, 4},
	{"a third", 1, 3}, {"one third", 1, 3}, {"one-third", 1, 3},
	{"a quarter", 1, 4}, {"one quarter", 1, 4}, {"one-quarter", 1, 4},
	{"a half", 1, 2}, {"one half", 1, 2}, {"half", 1, 2},
};

/* a word after a number that scales it: a power of ten */
typedef struct Scale
{
	const char *text;
	int			exp10;
} Scale;

static const Scale scales[] = {
	{"percent", -2}, {"per cent", -2},
	{"thousand", 3}, {"million", 6}, {"billion", 9},
	{"mn", 6}, {"bn", 9}, {"k", 3}, {"m", 6},
};

/* the names of what an estimate cannot hold, refused by name */
static const char *const nonfinite[] = {"nan", "infinity", "inf"};

/* Give c in lower case (ASCII). */
static inline char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

/* Give the length of the phrase at s as whole words, or 0 (see estimate_words.h). */
size_t
est_phrase_len(const char *s, const char *phrase)
{
	const char *p = s;

	for (; *phrase != '\0'; phrase++)
	{
		if (*phrase == ' ')
		{
			if (est_space_len(p) == 0)
				return 0;
			p = est_past_space(p);
		}
		else if (lower(*p++) != *phrase)
			return 0;
	}
	/* a word ends here: "more" is not the start of "moreover" */
	if (cs_is_alpha(p[-1]) && cs_is_alpha(*p))
		return 0;
	return (size_t) (p - s);
}

/* Give the length of the qualifier at s and its kind, or 0. */
size_t
est_match_qualifier(const char *s, EstQual *q)
{
	size_t		i,
				n;

	if (cs_is_alpha(*s))
	{
		for (i = 0; i < CS_NELEM(qualifiers); i++)
			if ((n = est_phrase_len(s, qualifiers[i].text)) > 0)
			{
				*q = qualifiers[i].q;
				return n;
			}
		return 0;
	}
	for (i = 0; i < CS_NELEM(symbols); i++)
	{
		n = strlen(symbols[i].text);
		if (strncmp(s, symbols[i].text, n) == 0)
		{
			*q = symbols[i].q;
			return n;
		}
	}
	return 0;
}

/* Give the length of the fraction word at s and its value, or 0. */
size_t
est_match_fraction(const char *s, int *num, int *den)
{
	size_t		i,
				n;

	for (i = 0; i < CS_NELEM(fractions); i++)
		if ((n = est_phrase_len(s, fractions[i].text)) > 0)
		{
			*num = fractions[i].num;
			*den = fractions[i].den;
			return n;
		}
	return 0;
}

/* Give the length of the scale word or percent sign at s and its power of ten, or 0. */
size_t
est_match_scale(const char *s, int *exp10)
{
	size_t		i,
				n;

	if (*s == '%')
	{
		*exp10 = -2;
		return 1;
	}
	if (!cs_is_alpha(*s))
		return 0;				/* the common case: no word follows */
	for (i = 0; i < CS_NELEM(scales); i++)
		if ((n = est_phrase_len(s, scales[i].text)) > 0)
		{
			*exp10 = scales[i].exp10;
			return n;
		}
	return 0;
}

/* Give the length of a name of NaN or infinity at s, or 0. */
size_t
est_match_nonfinite(const char *s)
{
	size_t		i,
				n;

	for (i = 0; i < CS_NELEM(nonfinite); i++)
		if ((n = est_phrase_len(s, nonfinite[i])) > 0)
			return n;
	return 0;
}

/* List the words est_parse knows, for an error's hint. */
const char *
est_words_hint(void)
{
	return "Known qualifiers: about, some, approximately, approx., around, roughly, circa, c., ca., "
		"an estimated, close to, ~ (approximate); more than, more, over, above, in excess of, "
		"upwards of, exceeding, north of, > (above); just over, just above, a little over, "
		"a little more than, slightly more than (just above); at least, no fewer than, "
		"no less than, a minimum of, >= (at least); fewer than, less than, under, below, "
		"< (below); nearly, almost, just under, approaching, just shy of, a little under, "
		"a little less than, slightly less than, slightly fewer than (nearly); "
		"at most, up to, as many as, no more than, "
		"a maximum of, <= (at most); between ... and, from ... to (ranges).  "
		"Number words: k, thousand, m, mn, million, bn, billion, %, half, a third, two-thirds, "
		"a quarter, three-quarters.";
}
