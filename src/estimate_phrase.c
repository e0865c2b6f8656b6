/*
 * estimate_phrase.c
 *		Figures in running text (see estimate_phrase.h): est_read_figure
 *		reads one phrase, est_scan_next finds every figure of a text.
 *
 * A figure is what the estimate's text input reads, as far as its grammar
 * goes (est_parse_prefix).  After it come an optional rate unit and the
 * noun phrase, taken by this rule (README.md states it for users): one
 * leading "of" is skipped, then at most six words are taken.  A word starts
 * with a letter (ASCII, Latin-1 and Latin Extended, Cyrillic) and goes on
 * with letters, digits, and hyphens or apostrophes between them ("Su-34",
 * "pre-war", "Ukraine's").  Taking stops before punctuation, a number or the
 * start of another figure, a rate unit (taken as the rate when there is none
 * yet, and the phrase ends), or a stop word (prepositions, verbs of saying
 * and being, clause words, time words, day and month names, more, less,
 * fewer).  "of" is taken when a word follows it; "and" or "or" only between
 * two words, when exactly one word follows it and that word ends the phrase
 * at a hard end (punctuation, a stop word, a rate unit, the end).  When a
 * number stopped the taking after a skipped leading "of" ("35 of the 42
 * drones"), the figure has no noun.
 *
 * Numbers that are not figures: years, dates, clock times, ordinals,
 * numbers inside names ("F-16", "World War 2"), "a"/"one" alone, "half"
 * alone but before "of", and a number glued to a hyphen and letters
 * ("30-day"), a modifier.
 *
 * No server headers: linked into the extension, the unit tests and the fuzz
 * targets alike.
 */
#include "estimate_phrase.h"

#include <string.h>

/* the words that end a noun phrase (lower case) */
static const char *const stop_words[] = {
	/* prepositions */
	"about", "above", "across", "after", "against", "along", "among", "around", "as", "at",
	"before", "behind", "below", "beneath", "beside", "between", "beyond", "by", "despite",
	"during", "except", "for", "from", "in", "inside", "into", "near", "off", "on", "onto",
	"out", "outside", "over", "past", "per", "since", "than", "through", "throughout", "till",
	"to", "toward", "towards", "under", "until", "up", "upon", "via", "with", "within", "without",
	/* verbs of saying and being, and "expected", which reports an estimate as they do */
	"am", "are", "is", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
	"did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "said",
	"says", "say", "told", "tells", "reported", "reports", "according", "claimed", "claims",
	"estimated", "estimates", "added", "expected",
	/* clause words */
	"that", "which", "who", "whom", "whose", "while", "whereas", "because", "but", "if", "when",
	"where", "though", "although", "so", "yet", "nor", "then", "there", "here",
	/* time words */
	"yesterday", "today", "tonight", "overnight", "ago", "last", "next", "this", "these",
	"those", "earlier", "later", "now", "each", "every",
	/* comparison words */
	"more", "less", "fewer",
	/* days */
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/* month names and abbreviations (lower case) */
static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
};

/* the words after a number that make it a clock time */
static const char *const clock_words[] = {
	"a.m.", "p.m.", "a.m", "p.m", "am", "pm", "o'clock", "o\xe2\x80\x99" "clock",
};

/* Give c in lower case (ASCII). */
static inline char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

/*
 * Give the byte length of the letter at s, or 0: ASCII, Latin-1 and Latin
 * Extended (U+00C0 to U+024F but the signs U+00D7 and U+00F7), Cyrillic
 * (U+0400 to U+04FF), in UTF-8.
 */
static size_t
letter_len(const char *s)
{
	const unsigned char *u = (const unsigned char *) s;

	if (cs_is_alpha(s[0]))
		return 1;
	if (u[0] < 0x80 || (u[1] & 0xC0) != 0x80)
		return 0;
	if (u[0] == 0xC3 && u[1] != 0x97 && u[1] != 0xB7)
		return 2;
	if ((u[0] >= 0xC4 && u[0] <= 0xC9) || (u[0] >= 0xD0 && u[0] <= 0xD3))
		return 2;
	return 0;
}

/* Give the length of an apostrophe at s (' or U+2019), or 0. */
static inline size_t
apostrophe_len(const char *s)
{
	if (*s == '\'')
		return 1;
	return strncmp(s, "\xe2\x80\x99", 3) == 0 ? 3 : 0;
}

/* Give the length of a letter or digit at s, or 0. */
static inline size_t
alnum_len(const char *s)
{
	return cs_is_digit(*s) ? 1 : letter_len(s);
}

/*
 * Give the length of the word at s: a letter, then letters and digits, with
 * hyphens and apostrophes between them; 0 when no letter starts it.
 */
static size_t
word_len(const char *s)
{
	size_t		n = letter_len(s),
				k;

	if (n == 0)
		return 0;
	for (;;)
	{
		if ((k = alnum_len(s + n)) > 0)
			n += k;
		else if ((k = (s[n] == '-' ? 1 : apostrophe_len(s + n))) > 0 && alnum_len(s + n + k) > 0)
			n += k;
		else
			return n;
	}
}

/* Give the byte length of the UTF-8 character at s (1 for a stray byte). */
static inline size_t
char_len(const char *s)
{
	unsigned char c = (unsigned char) *s;
	size_t		n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	size_t		i;

	for (i = 1; i < n; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

/* Say whether the n bytes at s are one of the words of list (lower case). */
static bool
word_in(const char *s, size_t n, const char *const *list, size_t count)
{
	size_t		i,
				k;

	for (i = 0; i < count; i++)
	{
		if (strlen(list[i]) != n)
			continue;
		for (k = 0; k < n && lower(s[k]) == list[i][k]; k++)
			;
		if (k == n)
			return true;
	}
	return false;
}

/* Say whether the word of n bytes at s is a stop word or a month name. */
static bool
is_stop(const char *s, size_t n)
{
	return word_in(s, n, stop_words, CS_NELEM(stop_words)) ||
		word_in(s, n, months, CS_NELEM(months));
}

/* Say whether the word at s starts another figure: a number word, vague magnitude, fraction or qualifier. */
static bool
starts_figure(const char *s)
{
	int			k,
				num,
				den;
	double		lo,
				hi;
	EstQual		q;

	return est_match_unit_word(s, &k) > 0 || est_match_tens_word(s, &k) > 0 ||
		est_match_vague(s, &lo, &hi) > 0 || est_match_fraction(s, &num, &den) > 0 ||
		est_match_qualifier(s, &q) > 0;
}

/*
 * Say whether the word of n bytes at s may be taken into a noun phrase:
 * not a stop word, not the start of a figure, not a rate unit.
 */
static bool
takeable(const char *s, size_t n)
{
	EstPeriod	per;

	return n > 0 && !is_stop(s, n) && !starts_figure(s) && est_match_rate(s, &per) == 0;
}

/* Say whether the text at s ends a noun phrase for "and"/"or": punctuation, a stop word, a rate unit, the end. */
static bool
hard_end(const char *s)
{
	size_t		n;
	EstPeriod	per;

	s = est_past_space(s);
	if (*s == '\0' || est_match_rate(s, &per) > 0)
		return true;
	if ((n = word_len(s)) > 0)
		return is_stop(s, n);
	return !cs_is_digit(*s);
}

/*
 * Take the rate unit and the noun phrase after a figure that ends at offset
 * fe of t (see the top of the file), setting f's per, len and what.
 */
static void
take_noun(const char *t, size_t fe, EstFigure *f)
{
	const char *s = t + fe,
			   *w,
			   *base,
			   *first = NULL,
			   *last = NULL;
	size_t		n,
				words = 0;
	bool		skipped_of = false;
	EstPeriod	per;

	f->per = EST_PER_NONE;
	w = est_past_space(s);
	if ((n = est_match_rate(w, &per)) > 0)
	{
		f->per = per;
		s = w + n;
	}
	base = s;
	w = est_past_space(s);
	if ((n = word_len(w)) == 2 && word_in(w, n, (const char *const[]) {"of"}, 1))
	{
		skipped_of = true;
		s = w + n;
	}
	while (words < 6)
	{
		w = est_past_space(s);
		if ((n = est_match_rate(w, &per)) > 0)
		{
			if (f->per == EST_PER_NONE)
			{
				f->per = per;
				base = w + n;
			}
			break;
		}
		n = word_len(w);
		if (n == 0 || is_stop(w, n) || starts_figure(w))
		{
			/* "35 of the 42 drones": a number after "of" takes the words */
			if (skipped_of && (cs_is_digit(*w) || (n > 0 && !is_stop(w, n) && starts_figure(w))))
				first = last = NULL;
			break;
		}
		if (word_in(w, n, (const char *const[]) {"of"}, 1))
		{
			const char *x = est_past_space(w + n);

			if (words + 2 > 6 || !takeable(x, word_len(x)))
				break;
		}
		else if (word_in(w, n, (const char *const[]) {"and", "or"}, 2))
		{
			const char *x = est_past_space(w + n);
			size_t		m = word_len(x);

			if (first == NULL || words + 2 > 6 || !takeable(x, m) || !hard_end(x + m))
				break;
		}
		if (first == NULL)
			first = w;
		last = w + n;
		words++;
		s = w + n;
	}
	if (last != NULL && (f->per == EST_PER_NONE || base <= first))
	{
		/* the rate, if any, came before the words */
		f->what_start = (size_t) (first - t);
		f->what_len = (size_t) (last - first);
		f->len = (size_t) (last - t) - f->start;
	}
	else if (last != NULL)
	{
		/* the rate came after the words and ends the phrase */
		f->what_start = (size_t) (first - t);
		f->what_len = (size_t) (last - first);
		f->len = (size_t) (base - t) - f->start;
	}
	else
	{
		f->what_start = 0;
		f->what_len = 0;
		f->len = (f->per != EST_PER_NONE ? (size_t) (base - t) : fe) - f->start;
	}
}

/* Give the end of text at e less the white space before it, not before b. */
static const char *
trim_back(const char *b, const char *e)
{
	for (;;)
	{
		if (e > b && cs_is_space(e[-1]))
			e--;
		else if (e - b >= 2 && cs_wide_space_len(e - 2) == 2)
			e -= 2;
		else if (e - b >= 3 && cs_wide_space_len(e - 3) == 3)
			e -= 3;
		else
			return e;
	}
}

/* Give the start of the word before offset pos of t (a '.' after it allowed), or NULL; *n its length. */
static const char *
word_before(const char *t, size_t pos, size_t *n)
{
	const char *e = trim_back(t, t + pos),
			   *b;

	if (e > t && e[-1] == '.')
		e--;
	b = e;
	while (b > t && cs_is_alpha(b[-1]))
		b--;
	if (b == e)
		return NULL;
	*n = (size_t) (e - b);
	return b;
}

/* Say whether the word at b starts a sentence: only white space, or a full stop, ! or ?, before it. */
static bool
starts_sentence(const char *t, const char *b)
{
	while (b > t && cs_is_space(b[-1]))
		b--;
	return b == t || b[-1] == '.' || b[-1] == '!' || b[-1] == '?' || b[-1] == '"';
}

/*
 * Say whether the number that starts at offset pos of t and reads as the
 * figure of len bytes is not a figure: a year, a date, a clock time, or a
 * number inside a name.
 */
static bool
number_not_figure(const char *t, size_t pos, size_t len)
{
	const char *s = t + pos,
			   *after,
			   *b;
	size_t		digits = 0,
				n,
				i;
	int			value = 0,
				e;

	while (cs_is_digit(s[digits]))
	{
		if (digits < 6)
			value = value * 10 + (s[digits] - '0');
		digits++;
	}
	after = est_past_space(s + digits);
	/* a year: four digits, no separator, decimals or scale word */
	if (digits == 4 && value >= 1000 && value <= 2999 &&
		!((s[4] == ',' || s[4] == '.') && cs_is_digit(s[5])) && s[4] != '%' &&
		est_match_scale(after, &e) == 0)
		return true;
	if (digits == len)
	{
		/* a clock time: "10 a.m.", "3 pm", "10 o'clock" */
		for (i = 0; i < CS_NELEM(clock_words); i++)
			if (est_phrase_len(after, clock_words[i]) > 0)
				return true;
		/* a date: a day before a month, "9 October" */
		if (value >= 1 && value <= 31 && digits <= 2 &&
			(n = word_len(after)) > 0 && word_in(after, n, months, CS_NELEM(months)))
			return true;
	}
	/* the word before: a month ("Oct. 9"), or a name ("World War 2") */
	if ((b = word_before(t, pos, &n)) != NULL)
	{
		EstQual		q;

		if (word_in(b, n, months, CS_NELEM(months)))
			return value >= 1 && value <= 31 && digits <= 2;
		if (b[n] != '.' && b[0] >= 'A' && b[0] <= 'Z' && est_match_qualifier(b, &q) == 0 &&
			!starts_sentence(t, b))
			return true;
	}
	return false;
}

/*
 * Say whether the phrase of f, read alone, gives f's figure and rate unit:
 * the words after a figure could make the parser read on where, in the
 * whole text, it stopped.  A phrase too long for the buffer does not.
 */
static bool
reads_back(const char *t, const EstFigure *f)
{
	char		buf[256];
	EstFigure	g;

	if (f->len >= sizeof(buf))
		return false;
	memcpy(buf, t + f->start, f->len);
	buf[f->len] = '\0';
	return est_read_figure(buf, &g) == CS_OK &&
		memcmp(&g.value, &f->value, sizeof(EstimateValue)) == 0 && g.per == f->per;
}

/*
 * Try the candidate at offset pos of t: the longest figure there, unless it
 * is a number that is not a figure; then its rate and noun phrase.
 */
static bool
try_candidate(const char *t, size_t pos, EstFigure *f)
{
	const char *s = t + pos,
			   *e;
	size_t		len,
				k;
	EstPeriod	per;
	int			num,
				den;

	if (est_parse_prefix(s, &f->value, &len) != CS_OK)
		return false;
	e = s + len;
	/* glued to letters or digits ("1990s", "30-day", "10:30"), but "1,000/day" */
	if (alnum_len(e) > 0)
		return false;
	if ((*e == '-' || *e == '/' || *e == ':' || *e == '.') && alnum_len(e + 1) > 0 &&
		est_match_rate(e, &per) == 0)
		return false;
	if (cs_is_digit(*s))
	{
		if (number_not_figure(t, pos, len))
			return false;
	}
	else if (len == 3 && word_in(s, 3, (const char *const[]) {"one"}, 1))
		return false;			/* "one official said" */
	else if ((k = est_match_fraction(s, &num, &den)) == len && num == 1 && den == 2)
	{
		/* "half" alone counts before "of" only ("half of the troops") */
		const char *x = est_past_space(e);

		if (!(word_len(x) == 2 && word_in(x, 2, (const char *const[]) {"of"}, 1)))
			return false;
	}
	f->start = pos;
	take_noun(t, pos + len, f);
	if (f->len > len && !reads_back(t, f))
	{
		/* "00 to700,00": the words taken would read as more of the figure */
		f->len = len;
		f->per = EST_PER_NONE;
		f->what_len = 0;
	}
	return true;
}

/* Give the length of the number token at s: digits, separators between digits, letters glued after. */
static size_t
number_token_len(const char *s)
{
	size_t		n = 0,
				k;

	for (;;)
	{
		if ((k = alnum_len(s + n)) > 0)
			n += k;
		else if ((s[n] == ',' || s[n] == '.' || s[n] == ':' || s[n] == '/' || s[n] == '-') &&
				 alnum_len(s + n + 1) > 0)
			n++;
		else
			return n > 0 ? n : 1;
	}
}

/* Start a scan of text. */
void
est_scan_init(EstScan *sc, const char *text)
{
	sc->text = text;
	sc->pos = 0;
}

/* Say whether a qualifier symbol (~ < > and their Unicode forms) is at s. */
static inline bool
at_symbol(const char *s)
{
	EstQual		q;

	return (*s == '~' || *s == '<' || *s == '>' || (unsigned char) *s == 0xE2) &&
		est_match_qualifier(s, &q) > 0;
}

/* Find the next figure of the scan: false at the end of the text. */
bool
est_scan_next(EstScan *sc, EstFigure *f)
{
	const char *t = sc->text;
	size_t		pos = sc->pos,
				n;

	while (t[pos] != '\0')
	{
		const char *s = t + pos;

		if (cs_is_space(*s))
		{
			pos++;
			continue;
		}
		if (cs_is_digit(*s))
		{
			/* "x.5", "-16": a number glued after letters or digits belongs to them */
			bool		glued = pos >= 2 && alnum_len(s - 1) == 0 &&
				(s[-1] == '-' || s[-1] == '/' || s[-1] == ':' || s[-1] == '.' || s[-1] == ',') &&
				(cs_is_alpha(s[-2]) || cs_is_digit(s[-2]));

			if (!glued && try_candidate(t, pos, f))
			{
				sc->pos = f->start + f->len;
				return true;
			}
			pos += number_token_len(s);
			continue;
		}
		if ((n = word_len(s)) > 0)
		{
			if (cs_is_alpha(*s) && est_word_may_start_figure(s) && try_candidate(t, pos, f))
			{
				sc->pos = f->start + f->len;
				return true;
			}
			pos += n;
			continue;
		}
		if (at_symbol(s) && try_candidate(t, pos, f))
		{
			sc->pos = f->start + f->len;
			return true;
		}
		pos += char_len(s);
	}
	sc->pos = pos;
	return false;
}

/* Read one phrase: the figure, its rate unit and what (see estimate_phrase.h). */
CsStatus
est_read_figure(const char *phrase, EstFigure *f)
{
	const char *s = est_past_space(phrase),
			   *end,
			   *rest,
			   *rest_end,
			   *q;
	size_t		len,
				n;
	EstPeriod	per;
	CsStatus	st;

	memset(f, 0, sizeof(*f));
	if ((st = est_parse_prefix(s, &f->value, &len)) != CS_OK)
		return st;
	end = trim_back(s, s + strlen(s));
	f->start = (size_t) (s - phrase);
	f->len = (size_t) (end - s);
	f->per = EST_PER_NONE;
	rest = est_past_space(s + len);
	rest_end = end;
	if (rest < end && (n = est_match_rate(rest, &per)) > 0)
	{
		f->per = per;
		rest = est_past_space(rest + n);
	}
	else
	{
		/* a rate unit that ends the phrase, at the start of a word */
		for (q = rest; q < end; q++)
		{
			/* "/day" may be glued to the word before it */
			if (q > rest && *q != '/' && trim_back(rest, q) == q)
				continue;
			if ((n = est_match_rate(q, &per)) > 0 && q + n == end)
			{
				f->per = per;
				rest_end = trim_back(rest, q);
				break;
			}
		}
	}
	if (rest > rest_end)
		rest = rest_end;
	/* one leading "of" goes, as in the noun phrase of a text */
	if ((n = word_len(rest)) == 2 && word_in(rest, 2, (const char *const[]) {"of"}, 1) &&
		est_past_space(rest + 2) < rest_end)
		rest = est_past_space(rest + 2);
	f->what_start = (size_t) (rest - phrase);
	f->what_len = rest < rest_end ? (size_t) (rest_end - rest) : 0;
	return CS_OK;
}
