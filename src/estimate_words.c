/*
 * estimate_words.c
 *		The words and symbols the estimate's text input knows, in tables,
 *		and their matching in text (see estimate_words.h).  A new qualifier,
 *		fraction or scale word is a new row here and a row of README.md's
 *		"Accepted phrasings" table, to which est_words_hint points.
 *
 * No server headers: linked into the extension, the unit tests and the fuzz
 * targets alike.
 */
#include "estimate_words.h"

#include <stdint.h>
#include <string.h>

/* a qualifier phrase or symbol and what it says */
typedef struct Phrase
{
	const char *text;			/* lower case; one space between words */
	EstQual		q;
} Phrase;

/*
 * The qualifier phrases, a longer phrase before any phrase it starts with
 * ("more than" before "more").  Keep README.md's table in step.
 */
static const Phrase qualifiers[] = {
	{"approximately", EST_Q_ABOUT}, {"an estimated", EST_Q_ABOUT}, {"close to", EST_Q_ABOUT},
	{"roughly", EST_Q_ABOUT}, {"around", EST_Q_ABOUT}, {"approx.", EST_Q_ABOUT},
	{"approx", EST_Q_ABOUT}, {"circa", EST_Q_ABOUT}, {"about", EST_Q_ABOUT}, {"some", EST_Q_ABOUT},
	{"ca.", EST_Q_ABOUT}, {"c.", EST_Q_ABOUT},
	{"estimated", EST_Q_ABOUT}, {"est.", EST_Q_ABOUT}, {"reportedly", EST_Q_ABOUT},
	{"well over", EST_Q_GT}, {"well above", EST_Q_GT}, {"far more than", EST_Q_GT},
	{"as high as", EST_Q_LE},
	{"as few as", EST_Q_GE}, {"as low as", EST_Q_GE},
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

/*
 * Say where the words est_parse knows are listed, for an error's hint: the
 * list itself has grown too long for one, and a word after a whole figure is
 * most often a noun or a rate, which read_figure() reads.
 */
const char *
est_words_hint(void)
{
	return "The qualifiers, number words, scale words and vague magnitudes the type reads are "
		"in README.md's \"Accepted phrasings\"; for a figure with a noun or rate, use read_figure().";
}

/* ---- number words, vague magnitudes, plus forms, rate units -------------- */

/* a word and the number it names */
typedef struct NumWord
{
	const char *text;
	int			value;
}			NumWord;

/* one to nineteen, a longer word before a word it starts with */
static const NumWord units[] = {
	{"eleven", 11}, {"twelve", 12}, {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15},
	{"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
	{"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7},
	{"eight", 8}, {"nine", 9}, {"ten", 10},
};

static const NumWord tens[] = {
	{"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50}, {"sixty", 60},
	{"seventy", 70}, {"eighty", 80}, {"ninety", 90},
};

/*
 * The vague magnitudes: the plural of a magnitude is at least two of it and
 * up to the next one.  A longer phrase before one it starts with.
 */
static const struct
{
	const char *text;
	double		low;
	double		high;
}			vague[] = {
	{"tens of thousands", 2e4, 1e5}, {"hundreds of thousands", 2e5, 1e6},
	{"tens of millions", 2e7, 1e8}, {"hundreds of millions", 2e8, 1e9},
	{"dozens", 24, 100}, {"scores", 40, 100}, {"hundreds", 200, 1000},
	{"thousands", 2000, 10000}, {"millions", 2e6, 1e7}, {"billions", 2e9, 1e10},
};

/* Give the length of the word in table at s and its value, or 0. */
static size_t
match_num_word(const char *s, const NumWord *table, size_t n, int *value)
{
	size_t		i,
				len;

	if (!cs_is_alpha(*s))
		return 0;
	for (i = 0; i < n; i++)
		if ((len = est_phrase_len(s, table[i].text)) > 0)
		{
			*value = table[i].value;
			return len;
		}
	return 0;
}

/* Give the length of the word one to nineteen at s and its value, or 0. */
size_t
est_match_unit_word(const char *s, int *value)
{
	return match_num_word(s, units, CS_NELEM(units), value);
}

/* Give the length of the word twenty to ninety at s and its value, or 0. */
size_t
est_match_tens_word(const char *s, int *value)
{
	return match_num_word(s, tens, CS_NELEM(tens), value);
}

/* Give the length of the vague magnitude at s and its range, or 0. */
size_t
est_match_vague(const char *s, double *low, double *high)
{
	size_t		i,
				n;

	if (!cs_is_alpha(*s))
		return 0;
	for (i = 0; i < CS_NELEM(vague); i++)
		if ((n = est_phrase_len(s, vague[i].text)) > 0)
		{
			*low = vague[i].low;
			*high = vague[i].high;
			return n;
		}
	return 0;
}

/*
 * Give the length of a plus form's mark right after a number at s, or 0:
 * "+" or "-plus" glued to it, or "plus" as the next word ("1 million plus").
 */
size_t
est_match_plus(const char *s)
{
	const char *w;
	size_t		n;

	if (*s == '+')
		return 1;
	if (*s == '-' && (n = est_phrase_len(s + 1, "plus")) > 0)
		return n + 1;
	w = est_past_space(s);
	if (w == s)
		return 0;
	if ((n = est_phrase_len(w, "plus")) > 0)
		return (size_t) (w - s) + n;
	return 0;
}

/* a rate unit and the period it names */
static const struct
{
	const char *text;
	EstPeriod	period;
}			rates[] = {
	{"a day", EST_PER_DAY}, {"per day", EST_PER_DAY}, {"each day", EST_PER_DAY},
	{"every day", EST_PER_DAY}, {"daily", EST_PER_DAY}, {"/day", EST_PER_DAY},
	{"a week", EST_PER_WEEK}, {"per week", EST_PER_WEEK}, {"each week", EST_PER_WEEK},
	{"every week", EST_PER_WEEK}, {"weekly", EST_PER_WEEK}, {"/week", EST_PER_WEEK},
	{"a month", EST_PER_MONTH}, {"per month", EST_PER_MONTH}, {"each month", EST_PER_MONTH},
	{"every month", EST_PER_MONTH}, {"monthly", EST_PER_MONTH}, {"/month", EST_PER_MONTH},
	{"a year", EST_PER_YEAR}, {"per year", EST_PER_YEAR}, {"each year", EST_PER_YEAR},
	{"every year", EST_PER_YEAR}, {"annually", EST_PER_YEAR}, {"yearly", EST_PER_YEAR},
	{"/year", EST_PER_YEAR},
};

/* Give the length of the rate unit at s and its period, or 0. */
size_t
est_match_rate(const char *s, EstPeriod *period)
{
	size_t		i,
				n;
	char		c = lower(*s);

	if (c != 'a' && c != 'p' && c != 'e' && c != 'd' && c != 'w' && c != 'm' &&
		c != 'y' && c != '/')
		return 0;
	for (i = 0; i < CS_NELEM(rates); i++)
		if ((n = est_phrase_len(s, rates[i].text)) > 0)
		{
			*period = rates[i].period;
			return n;
		}
	return 0;
}

/* a word may start a figure: its first two letters, as bits */
static uint32_t second_letters[26];
static bool second_letters_ready = false;

/* Note the first two letters of a phrase among the words that start figures. */
static void
note_start(const char *text)
{
	char		a = lower(text[0]),
				b = lower(text[1]);

	if (a < 'a' || a > 'z')
		return;
	if (b >= 'a' && b <= 'z')
		second_letters[a - 'a'] |= 1u << (b - 'a');
	else
		second_letters[a - 'a'] |= 1u << 26;	/* a word of one letter, or "c." */
}

/* Fill the table of first two letters from the word tables. */
static void
fill_second_letters(void)
{
	size_t		i;

	for (i = 0; i < CS_NELEM(qualifiers); i++)
		note_start(qualifiers[i].text);
	for (i = 0; i < CS_NELEM(fractions); i++)
		note_start(fractions[i].text);
	for (i = 0; i < CS_NELEM(units); i++)
		note_start(units[i].text);
	for (i = 0; i < CS_NELEM(tens); i++)
		note_start(tens[i].text);
	for (i = 0; i < CS_NELEM(vague); i++)
		note_start(vague[i].text);
	note_start("a");
	second_letters_ready = true;
}

/*
 * Say whether the word at s (starting with a letter) may start a figure: a
 * quick test on its first two letters before the parser is tried, so that
 * a scan of a long text passes most words at once.
 */
bool
est_word_may_start_figure(const char *s)
{
	char		a = lower(s[0]),
				b = lower(s[1]);

	if (a < 'a' || a > 'z')
		return false;
	if (!second_letters_ready)
		fill_second_letters();
	if (b >= 'a' && b <= 'z')
		return (second_letters[a - 'a'] & (1u << (b - 'a'))) != 0;
	return (second_letters[a - 'a'] & (1u << 26)) != 0;
}
