/*
 * estimate_core.c
 *		The estimate value in plain C: parsing the forms sources use,
 *		canonical and human formatting, validation, ordering and interval
 *		arithmetic.
 *
 * The text input reads figures as sources state them.  Words are
 * case-insensitive and white space around and between tokens is ignored:
 * ASCII white space, and the no-break (U+00A0), thin (U+2009) and narrow
 * no-break (U+202F) spaces typeset sources put between words.
 *
 *	exact			600000, 600,000, 600 000, 1.2 million, 600k, two-thirds, 66%
 *	approximate		~600000, about 600000, c. 1200, an estimated 600,000 ...
 *	one-sided		>600000, more than 600000, nearly 1 million, at least 5 ...
 *	ranges			500000..700000, 500,000-700,000, 500000 - 700000,
 *					500000 to 700000, between 500000 and 700000,
 *					from 500000 to 700000, 500000–700000 (en or em dash),
 *					and any of them after an approximate word
 *	best and range	615000 (500000..700000), 615000 [500000,700000],
 *					20 [15,), 5 (,10]  (PostgreSQL's range notation)
 *
 * A number is the common layer's (sign, digits, fraction, exponent;
 * thousands separators in groups of three; the minus sign U+2212 for '-',
 * which is a sign only, never a range dash), optionally followed by a scale
 * word (k, thousand, m, mn, million, bn, billion) applied exactly in decimal,
 * or a percent sign.  A fraction word (half, a third, two-thirds, a quarter,
 * three-quarters) is that fraction, or multiplies a scale word after it
 * ("half a million").  In a range whose high end has a scale word or a
 * percent sign and whose low end has none, the low end takes it too when
 * that keeps the range in order ("1.2 to 1.5 million", "60-70%").
 *
 * No server headers: this file is linked into the extension, the unit tests
 * and the fuzz targets alike.
 */
#include "estimate_core.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the parser's position in the text, and where its detail goes */
typedef struct Parser
{
	const char *s;				/* the whole input */
	size_t		pos;			/* current offset */
	char	   *errbuf;
	size_t		errlen;
	bool		hint;			/* an unknown word was met */
} Parser;

/* kinds of qualifier phrases */
typedef enum Qual
{
	Q_ABOUT, Q_GT, Q_GE, Q_LT, Q_LE, Q_BETWEEN, Q_FROM
} Qual;

typedef struct Phrase
{
	const char *text;			/* lower case; one space between words */
	Qual		q;
} Phrase;

/*
 * The qualifier phrases, a longer phrase before any phrase it starts with
 * ("more than" before "more").  Keep est_words_hint in step.
 */
static const Phrase qualifiers[] = {
	{"approximately", Q_ABOUT}, {"an estimated", Q_ABOUT}, {"close to", Q_ABOUT},
	{"roughly", Q_ABOUT}, {"around", Q_ABOUT}, {"approx.", Q_ABOUT},
	{"approx", Q_ABOUT}, {"circa", Q_ABOUT}, {"about", Q_ABOUT}, {"some", Q_ABOUT},
	{"ca.", Q_ABOUT}, {"c.", Q_ABOUT},
	{"more than", Q_GT}, {"in excess of", Q_GT}, {"upwards of", Q_GT},
	{"just over", Q_GT}, {"exceeding", Q_GT}, {"north of", Q_GT}, {"over", Q_GT},
	{"above", Q_GT}, {"more", Q_GT},
	{"at least", Q_GE}, {"no fewer than", Q_GE}, {"no less than", Q_GE},
	{"a minimum of", Q_GE},
	{"fewer than", Q_LT}, {"less than", Q_LT}, {"just under", Q_LT},
	{"under", Q_LT}, {"below", Q_LT}, {"nearly", Q_LT}, {"almost", Q_LT},
	{"approaching", Q_LT},
	{"at most", Q_LE}, {"up to", Q_LE}, {"as many as", Q_LE}, {"no more than", Q_LE},
	{"a maximum of", Q_LE},
	{"between", Q_BETWEEN}, {"from", Q_FROM},
};

/* the qualifier symbols, longer first */
static const Phrase symbols[] = {
	{">=", Q_GE}, {"<=", Q_LE}, {"\xe2\x89\xa5", Q_GE}, {"\xe2\x89\xa4", Q_LE},
	{">", Q_GT}, {"<", Q_LT}, {"~", Q_ABOUT}, {"\xe2\x89\x88", Q_ABOUT},
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

/* a scale word: a power of ten */
typedef struct Scale
{
	const char *text;
	int			exp10;
} Scale;

static const Scale scales[] = {
	{"thousand", 3}, {"million", 6}, {"billion", 9},
	{"mn", 6}, {"bn", 9}, {"k", 3}, {"m", 6},
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Record a detail sentence for the caller, printf-style. */
static CsStatus fail(Parser *p, CsStatus st, const char *fmt,...) CS_PRINTF(3, 4);

static CsStatus
fail(Parser *p, CsStatus st, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	cs_verror(p->errbuf, p->errlen, st, fmt, ap);
	va_end(ap);
	return st;
}

/*
 * Give the length to quote of the n bytes at s in a detail: at most limit,
 * ending between two characters.
 */
static inline int
quote_len(const char *s, size_t n, size_t limit)
{
	return (int) cs_clip_len(s, n, limit);
}

/*
 * Give the length of the white space character at s, or 0: ASCII white
 * space, or a no-break, thin or narrow no-break space, which sources set
 * between words as well (between digits they separate thousands instead).
 */
static inline size_t
space_len(const char *s)
{
	return cs_is_space(*s) ? 1 : cs_wide_space_len(s);
}

/* Give the first character at or after s that is not white space. */
static inline const char *
past_space(const char *s)
{
	size_t		n;

	while ((n = space_len(s)) > 0)
		s += n;
	return s;
}

/* Give the length of a sign at s ('+', '-' or the minus sign U+2212), or 0. */
static inline size_t
sign_at(const char *s)
{
	if (*s == '+' || *s == '-')
		return 1;
	return strncmp(s, CS_MINUS_SIGN, CS_MINUS_SIGN_LEN) == 0 ? CS_MINUS_SIGN_LEN : 0;
}

/* Advance past white space. */
static inline void
skip_space(Parser *p)
{
	p->pos = (size_t) (past_space(p->s + p->pos) - p->s);
}

/* Give c in lower case (ASCII). */
static inline char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

/*
 * Give the length of the phrase at s (words case-insensitive, any white
 * space where the phrase has one space), or 0 when it is not there as whole
 * words.
 */
static size_t
phrase_len(const char *s, const char *phrase)
{
	const char *p = s;

	for (; *phrase != '\0'; phrase++)
	{
		if (*phrase == ' ')
		{
			if (space_len(p) == 0)
				return 0;
			p = past_space(p);
		}
		else if (lower(*p++) != *phrase)
			return 0;
	}
	/* a word ends here: "more" is not the start of "moreover" */
	if (cs_is_alpha(p[-1]) && cs_is_alpha(*p))
		return 0;
	return (size_t) (p - s);
}

/* Consume the phrase if it is next (after white space). */
static bool
accept(Parser *p, const char *phrase)
{
	size_t		n;

	skip_space(p);
	n = phrase_len(p->s + p->pos, phrase);
	if (n == 0)
		return false;
	p->pos += n;
	return true;
}

/* Consume a symbol (an exact byte string) if it is next (after white space). */
static bool
accept_sym(Parser *p, const char *sym)
{
	size_t		n = strlen(sym);

	skip_space(p);
	if (strncmp(p->s + p->pos, sym, n) != 0)
		return false;
	p->pos += n;
	return true;
}

/* Fail naming the word at the current position, which the parser does not know. */
static CsStatus
unknown_word(Parser *p, const char *what)
{
	size_t		n = 0;
	const char *w;

	skip_space(p);
	w = p->s + p->pos;
	while (cs_is_alpha(w[n]) || w[n] == '-' || w[n] == '.')
		n++;
	p->hint = true;
	return fail(p, CS_ERR_SYNTAX, "The word \"%.*s\" at position %zu is not %s the estimate type knows.",
				quote_len(w, n, 40), w, p->pos + 1, what);
}

/* a number as written: its value, and whether a scale or percent followed */
typedef struct NumExpr
{
	double		value;
	bool		is_decimal;		/* digits (not a fraction word) */
	CsDecimal	dec;			/* the digits, when is_decimal */
	int			shift;			/* the scale or percent applied, as 10^shift */
} NumExpr;

/* Convert a decimal times 10^shift, naming a number beyond the doubles. */
static CsStatus
convert(Parser *p, const CsDecimal *d, int shift, double *out)
{
	CsStatus	st = cs_decimal_to_double(d, shift, out);

	if (st == CS_ERR_RANGE)
		return fail(p, CS_ERR_RANGE,
					"The number \"%.*s\" is out of range for double precision.",
					quote_len(d->src, (size_t) (d->end - d->src), 64), d->src);
	return st;
}

/* Read a scale word or a percent sign after a number: its power of ten, or 0. */
static int
scale_after_number(Parser *p)
{
	size_t		save = p->pos;
	size_t		i;

	skip_space(p);
	if (!cs_is_alpha(p->s[p->pos]) && p->s[p->pos] != '%')
	{
		p->pos = save;
		return 0;				/* the common case: no word follows */
	}
	if (p->s[p->pos] == '%')
	{
		p->pos++;
		return -2;
	}
	if (accept(p, "percent") || accept(p, "per cent"))
		return -2;
	for (i = 0; i < NELEM(scales); i++)
		if (accept(p, scales[i].text))
			return scales[i].exp10;
	p->pos = save;
	return 0;
}

/*
 * Read a number as written: digits (with a scale word or percent sign after
 * them) or a fraction word (with a scale word after it).
 */
static CsStatus
parse_number(Parser *p, int numflags, NumExpr *out)
{
	const char *s;
	size_t		i;
	CsStatus	st;

	skip_space(p);
	s = p->s + p->pos;
	memset(out, 0, sizeof(*out));
	/* NaN and infinities by name, so that the detail says what they are */
	{
		const char *w = s + sign_at(s);

		if (phrase_len(w, "nan") || phrase_len(w, "infinity") || phrase_len(w, "inf"))
			return fail(p, CS_ERR_SYNTAX,
						"An estimate holds finite numbers only, not NaN or infinity.");
	}
	if (cs_is_alpha(*s))
	{
		for (i = 0; i < NELEM(fractions); i++)
		{
			size_t		n = phrase_len(s, fractions[i].text);
			size_t		save;
			bool		linked;
			int			e;

			if (n == 0)
				continue;
			p->pos += n;
			save = p->pos;
			/* "half a million", "two-thirds of a million", "a quarter million" */
			linked = accept(p, "of");
			linked = (accept(p, "an") || accept(p, "a")) || linked;
			e = scale_after_number(p);
			if (e > 0)
			{
				out->value = (double) fractions[i].num * pow(10.0, e) / fractions[i].den;
				out->shift = e;
				return CS_OK;
			}
			if (linked)
				return fail(p, CS_ERR_SYNTAX,
							"A scale word (thousand, million, billion) must follow \"%.*s\".",
							quote_len(s, p->pos - (size_t) (s - p->s), 40), s);
			p->pos = save;
			out->value = (double) fractions[i].num / fractions[i].den;
			return CS_OK;
		}
		return unknown_word(p, "a number word or qualifier");
	}
	{
		size_t		len;

		st = cs_scan_decimal(s, numflags | CS_NUM_MINUS_SIGN, p->s, &len, &out->dec,
							 p->errbuf, p->errlen);
		if (st != CS_OK)
			return st;
		p->pos += len;
	}
	/* "1.200.000": a second decimal point is a thousands separator elsewhere */
	if (p->s[p->pos] == '.' && cs_is_digit(p->s[p->pos + 1]) && out->dec.frac_digits > 0)
		return fail(p, CS_ERR_SYNTAX,
					"The number at position %zu has two decimal points; write thousands separators as \",\" or a space.",
					(size_t) (s - p->s) + 1);
	out->is_decimal = true;
	out->shift = scale_after_number(p);
	return convert(p, &out->dec, out->shift, &out->value);
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

	if (!lo->is_decimal || lo->shift != 0 || hi->shift == 0)
		return CS_OK;
	st = convert(p, &lo->dec, hi->shift, &v);
	if (st != CS_OK)
		return st;
	if (hi->shift < 0 || v <= hi->value)
		lo->value = v;
	return CS_OK;
}

/* Turn the parts into the value, a validation failure into a syntax error. */
static CsStatus
finish(Parser *p, EstimateValue *v, double best, bool has_low, double low,
	   bool low_inc, bool has_high, double high, bool high_inc)
{
	const char *detail = NULL;

	if (est_make(v, best, has_low, low, low_inc, has_high, high, high_inc, &detail) != CS_OK)
		return fail(p, CS_ERR_SYNTAX, "%s", detail);
	return CS_OK;
}

/* Build the range low..high with the midpoint as its best value. */
static CsStatus
finish_range(Parser *p, EstimateValue *v, NumExpr *lo, const NumExpr *hi)
{
	CsStatus	st = share_scale(p, lo, hi);

	if (st != CS_OK)
		return st;
	return finish(p, v, est_midpoint(lo->value, hi->value < lo->value ? lo->value : hi->value),
				  true, lo->value, true, true, hi->value, true);
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

	skip_space(p);
	if (p->s[p->pos] == '\0')
		return false;
	if (accept_sym(p, "..") || accept(p, "to") ||
		accept_sym(p, "\xe2\x80\x93") || accept_sym(p, "\xe2\x80\x94"))
		return true;
	save = p->pos;
	if (accept_sym(p, "-"))
	{
		const char *s = past_space(p->s + p->pos);

		/* "600,000-" ends after the hyphen: the missing number is reported */
		if (cs_is_digit(*s) || *s == '.' || sign_at(s) > 0 || *s == '\0')
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
		if ((n = space_len(c)) > 0)
		{
			c += n - 1;
			continue;
		}
		prev = c;
		if (lower(c[0]) == 't' && lower(c[1]) == 'o' &&
			!cs_is_alpha(c[2]) && (c == p->s || !cs_is_alpha(c[-1])))
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

	skip_space(p);
	s = p->s + p->pos;
	s += sign_at(s);
	return cs_is_digit(*s) || (*s == '.' && cs_is_digit(s[1]));
}

/*
 * Parse a bracketed range after a best value: "[L,H]", "(L,)", "(,H]" in
 * PostgreSQL's range notation, or "(L..H)" / "[L to H]" with inclusive
 * bounds.
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
			return fail(p, CS_ERR_SYNTAX,
						"A range needs \",\" or \"..\" between its bounds (position %zu).", p->pos + 1);
		if ((st = parse_number(p, CS_NUM_GROUPS, &hi)) != CS_OK)
			return st;
		if ((st = share_scale(p, &lo, &hi)) != CS_OK)
			return st;
		skip_space(p);
		close = p->s[p->pos];
		if (!((open == '[' && close == ']') || (open == '(' && close == ')')))
			return fail(p, CS_ERR_SYNTAX,
						"A range written with \"..\" must close with the bracket it opened with.");
		p->pos++;
		return finish(p, v, best, true, lo.value, true, true, hi.value, true);
	}

	/* PostgreSQL's "[L,H)" notation: ',' separates the bounds */
	has_low = at_number(p);
	if (has_low && (st = parse_number(p, CS_NUM_GROUPS | CS_NUM_NO_COMMA, &lo)) != CS_OK)
		return st;
	if (!accept_sym(p, ","))
		return fail(p, CS_ERR_SYNTAX,
					"A range needs \",\" or \"..\" between its bounds (position %zu).", p->pos + 1);
	has_high = at_number(p);
	if (has_high && (st = parse_number(p, CS_NUM_GROUPS | CS_NUM_NO_COMMA, &hi)) != CS_OK)
		return st;
	skip_space(p);
	close = p->s[p->pos];
	if (close != ']' && close != ')')
		return fail(p, CS_ERR_SYNTAX,
					"A range must close with \"]\" or \")\" (position %zu).", p->pos + 1);
	if ((!has_high && close == ']') || (!has_low && open == '['))
		return fail(p, CS_ERR_SYNTAX, "An unbounded side cannot be inclusive.");
	if (has_low && has_high && (st = share_scale(p, &lo, &hi)) != CS_OK)
		return st;
	p->pos++;
	return finish(p, v, best,
				  has_low, has_low ? lo.value : 0, open == '[',
				  has_high, has_high ? hi.value : 0, close == ']');
}

/*
 * Parse the forms that start with a number: exact, a range, or a best value
 * with a bracketed range.  With approx, a lone number is approximate.
 */
static CsStatus
parse_leading_number(Parser *p, EstimateValue *v, bool approx)
{
	NumExpr		a,
				b;
	CsStatus	st;

	if ((st = parse_number(p, CS_NUM_GROUPS, &a)) != CS_OK)
		return st;
	if (accept_range_sep(p))
	{
		if ((st = parse_number(p, CS_NUM_GROUPS, &b)) != CS_OK)
			return st;
		return finish_range(p, v, &a, &b);
	}
	skip_space(p);
	if (p->s[p->pos] == '[' || p->s[p->pos] == '(')
		return parse_brackets(p, a.value, v);
	if (approx)
		return finish(p, v, a.value, false, 0, false, false, 0, false);
	return finish(p, v, a.value, true, a.value, true, true, a.value, true);
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
	if (!accept(p, link) && !(strcmp(link, "to") == 0 && accept_range_sep(p)))
		return fail(p, CS_ERR_SYNTAX, "\"%s\" was expected between the two numbers of a range (position %zu).",
					link, p->pos + 1);
	if ((st = parse_number(p, CS_NUM_GROUPS, &b)) != CS_OK)
		return st;
	return finish_range(p, v, &a, &b);
}

/* Find the qualifier symbol or phrase at the current position. */
static bool
parse_qualifier(Parser *p, Qual *q)
{
	size_t		i;
	const char *s;

	skip_space(p);
	s = p->s + p->pos;
	if (cs_is_alpha(*s))
	{
		for (i = 0; i < NELEM(qualifiers); i++)
			if (accept(p, qualifiers[i].text))
			{
				*q = qualifiers[i].q;
				return true;
			}
		return false;
	}
	for (i = 0; i < NELEM(symbols); i++)
		if (accept_sym(p, symbols[i].text))
		{
			*q = symbols[i].q;
			return true;
		}
	return false;
}

/* ---- the fast path ------------------------------------------------------- */

/*
 * Read a plain number at s: an optional '-', digits (with comma groups of
 * three when commas is true), an optional fraction, at most 15 significant
 * digits in all, so that one exact division gives the nearest double as
 * the common layer's conversion does.  Returns its length, or 0 for
 * anything else (an exponent, a scale word, more digits...), which the
 * general parser then reads.
 */
static size_t
fast_number(const char *s, bool commas, double *out)
{
	const char *p = s;
	uint64_t	mant = 0;
	int			digits = 0,
				frac = 0,
				run = 0;
	bool		neg = false;

	if (*p == '-')
	{
		neg = true;
		p++;
	}
	if (!cs_is_digit(*p))
		return 0;
	while (cs_is_digit(*p))
	{
		mant = mant * 10 + (uint64_t) (*p++ - '0');
		digits++;
		run++;
	}
	/* "129,746": groups of three after a first group of one to three digits */
	if (commas && *p == ',' && cs_is_digit(p[1]))
	{
		if (run > 3 || s[neg] == '0')
			return 0;
		while (*p == ',' && cs_is_digit(p[1]))
		{
			if (!cs_is_digit(p[2]) || !cs_is_digit(p[3]) || cs_is_digit(p[4]))
				return 0;
			mant = ((mant * 10 + (uint64_t) (p[1] - '0')) * 10 +
					(uint64_t) (p[2] - '0')) * 10 + (uint64_t) (p[3] - '0');
			digits += 3;
			p += 4;
		}
	}
	if (*p == '.' && cs_is_digit(p[1]))
	{
		p++;
		while (cs_is_digit(*p))
		{
			mant = mant * 10 + (uint64_t) (*p++ - '0');
			digits++;
			frac++;
		}
	}
	if (digits > 15)
		return 0;
	*out = frac > 0 ? (double) mant / cs_pow10[frac] : (double) mant;
	if (neg)
		*out = -*out;
	return (size_t) (p - s);
}

/*
 * Read the forms est_format writes and the most common short ones as they
 * stand, without white space: "N", "~N", ">N", ">=N", "<N", "<=N", "L..H",
 * "B [L,H]" (either bracket on either side, a side may be empty), and
 * "about N", "more than N" in lower case (N may have comma groups there).
 * True with *v set when the whole text is one of them and a valid value;
 * false for anything else, which the general parser reads (and reports),
 * giving the same value for every text this accepts.
 */
static bool
parse_fast(const char *s, EstimateValue *v)
{
	const char *p = s;
	double		a,
				b,
				lo = 0,
				hi = 0;
	size_t		n;
	bool		has_lo,
				has_hi;
	char		open;

	switch (*p)
	{
		case '~':
			if ((n = fast_number(p + 1, false, &a)) == 0 || p[1 + n] != '\0')
				return false;
			return est_make(v, a, false, 0, false, false, 0, false, NULL) == CS_OK;
		case '>':
		case '<':
			{
				bool		eq = p[1] == '=';
				bool		gt = *p == '>';

				p += eq ? 2 : 1;
				if ((n = fast_number(p, false, &a)) == 0 || p[n] != '\0')
					return false;
				if (gt)
					return est_make(v, a, true, a, eq, false, 0, false, NULL) == CS_OK;
				return est_make(v, a, false, 0, false, true, a, eq, NULL) == CS_OK;
			}
		case 'a':
			if (strncmp(p, "about ", 6) != 0 || (n = fast_number(p + 6, true, &a)) == 0 ||
				p[6 + n] != '\0')
				return false;
			return est_make(v, a, false, 0, false, false, 0, false, NULL) == CS_OK;
		case 'm':
			if (strncmp(p, "more than ", 10) != 0 || (n = fast_number(p + 10, true, &a)) == 0 ||
				p[10 + n] != '\0')
				return false;
			return est_make(v, a, true, a, false, false, 0, false, NULL) == CS_OK;
		default:
			break;
	}
	if ((n = fast_number(p, false, &a)) == 0)
		return false;
	p += n;
	if (*p == '\0')
		return est_make(v, a, true, a, true, true, a, true, NULL) == CS_OK;
	if (p[0] == '.' && p[1] == '.')
	{
		if ((n = fast_number(p + 2, false, &b)) == 0 || p[2 + n] != '\0' || b < a)
			return false;
		return est_make(v, est_midpoint(a, b), true, a, true, true, b, true, NULL) == CS_OK;
	}
	if (p[0] != ' ' || (p[1] != '[' && p[1] != '('))
		return false;
	open = p[1];
	p += 2;
	has_lo = (n = fast_number(p, false, &lo)) > 0;
	p += n;
	if (*p++ != ',')
		return false;
	has_hi = (n = fast_number(p, false, &hi)) > 0;
	p += n;
	if ((*p != ']' && *p != ')') || p[1] != '\0' ||
		(!has_hi && *p == ']') || (!has_lo && open == '['))
		return false;
	return est_make(v, a, has_lo, lo, open == '[', has_hi, hi, *p == ']', NULL) == CS_OK;
}

/* Parse the text of an estimate (see the top of the file). */
CsStatus
est_parse(const char *str, EstimateValue *v, char *errbuf, size_t errlen, bool *hint)
{
	Parser		p;
	CsStatus	st;
	Qual		q;
	size_t		qpos;

	/* the canonical and most common forms first */
	if (parse_fast(str, v))
	{
		if (hint != NULL)
			*hint = false;
		return CS_OK;
	}

	p.s = str;
	p.pos = 0;
	p.errbuf = errbuf;
	p.errlen = errlen;
	p.hint = false;
	if (hint != NULL)
		*hint = false;
	if (errbuf != NULL && errlen > 0)
		errbuf[0] = '\0';

	skip_space(&p);
	if (str[p.pos] == '\0')
		return fail(&p, CS_ERR_SYNTAX, "The input is empty.");

	qpos = p.pos;
	if (at_number(&p))
		st = parse_leading_number(&p, v, false);	/* the common case first */
	else if (!parse_qualifier(&p, &q))
	{
		NumExpr		a;

		/* a fraction word, or a word or symbol the parser does not know */
		st = parse_number(&p, CS_NUM_GROUPS, &a);
		if (st == CS_OK)
			st = finish(&p, v, a.value, true, a.value, true, true, a.value, true);
	}
	else if (q == Q_BETWEEN)
		st = parse_two_ends(&p, v, "and");
	else if (q == Q_FROM)
		st = parse_two_ends(&p, v, "to");
	else
	{
		NumExpr		a;

		skip_space(&p);
		if (str[p.pos] == '\0')
			return fail(&p, CS_ERR_SYNTAX, "A number is missing after \"%.*s\".",
						quote_len(str + qpos, p.pos - qpos, 40), str + qpos);
		if (q == Q_ABOUT && accept(&p, "between"))
			st = parse_two_ends(&p, v, "and");
		else if (q == Q_ABOUT && accept(&p, "from"))
			st = parse_two_ends(&p, v, "to");
		else if (q == Q_ABOUT)
			st = parse_leading_number(&p, v, true);
		else if ((st = parse_number(&p, CS_NUM_GROUPS, &a)) == CS_OK)
		{
			switch (q)
			{
				case Q_GT:
					st = finish(&p, v, a.value, true, a.value, false, false, 0, false);
					break;
				case Q_GE:
					st = finish(&p, v, a.value, true, a.value, true, false, 0, false);
					break;
				case Q_LT:
					st = finish(&p, v, a.value, false, 0, false, true, a.value, false);
					break;
				default:
					st = finish(&p, v, a.value, false, 0, false, true, a.value, true);
					break;
			}
		}
	}
	if (hint != NULL)
		*hint = p.hint;
	if (st != CS_OK)
		return st;

	skip_space(&p);
	if (str[p.pos] != '\0')
	{
		if (cs_is_alpha(str[p.pos]))
			st = unknown_word(&p, "a scale word or qualifier");
		else
			st = fail(&p, CS_ERR_SYNTAX, "Unexpected text \"%.*s\" at position %zu.",
					  quote_len(str + p.pos, strlen(str + p.pos), 20), str + p.pos, p.pos + 1);
		if (hint != NULL)
			*hint = p.hint;
		return st;
	}
	return CS_OK;
}

/* List the words est_parse knows, for an error's hint. */
const char *
est_words_hint(void)
{
	return "Known qualifiers: about, some, approximately, approx., around, roughly, circa, c., ca., "
		"an estimated, close to, ~ (approximate); more than, more, over, above, in excess of, "
		"upwards of, just over, exceeding, north of, > (above); at least, no fewer than, "
		"no less than, a minimum of, >= (at least); fewer than, less than, under, below, nearly, "
		"almost, just under, approaching, < (below); at most, up to, as many as, no more than, "
		"a maximum of, <= (at most); between ... and, from ... to (ranges).  "
		"Number words: k, thousand, m, mn, million, bn, billion, %, half, a third, two-thirds, "
		"a quarter, three-quarters.";
}

double
est_midpoint(double low, double high)
{
	double		m = (low + high) / 2.0;

	if (isinf(m))
		m = low / 2.0 + high / 2.0;
	return m == 0.0 ? 0.0 : m;
}

void
est_normalize(EstimateValue *v)
{
	v->version = EST_VERSION;
	memset(v->reserved, 0, sizeof(v->reserved));
	v->flags &= EST_FLAGS_MASK;
	if (!(v->flags & EST_HAS_LOW))
	{
		v->low = 0.0;
		v->flags &= ~EST_LOW_INC;
	}
	if (!(v->flags & EST_HAS_HIGH))
	{
		v->high = 0.0;
		v->flags &= ~EST_HIGH_INC;
	}
	/* -0 is stored as +0 so that equal values are equal bytes */
	if (v->best == 0.0)
		v->best = 0.0;
	if (v->low == 0.0)
		v->low = 0.0;
	if (v->high == 0.0)
		v->high = 0.0;
}

/* Check order and non-emptiness of parts; shared by make and validate. */
static CsStatus
check_parts(const EstimateValue *v, const char **detail)
{
	bool		has_low = (v->flags & EST_HAS_LOW) != 0;
	bool		has_high = (v->flags & EST_HAS_HIGH) != 0;

	if (isnan(v->best) || isnan(v->low) || isnan(v->high))
	{
		*detail = "An estimate holds finite numbers only, not NaN or infinity.";
		return CS_ERR_INVALID;
	}
	if (isinf(v->best) || isinf(v->low) || isinf(v->high))
	{
		*detail = "An estimate holds finite numbers only, not NaN or infinity.";
		return CS_ERR_RANGE;
	}
	if (has_low && has_high && v->low > v->high)
	{
		*detail = "The lower bound is greater than the upper bound.";
		return CS_ERR_INVALID;
	}
	if (has_low && has_high && v->low == v->high &&
		(v->flags & (EST_LOW_INC | EST_HIGH_INC)) != (EST_LOW_INC | EST_HIGH_INC))
	{
		*detail = "The range admits no value.";
		return CS_ERR_INVALID;
	}
	if ((has_low && v->best < v->low) || (has_high && v->best > v->high))
	{
		*detail = "The best value lies outside its own range.";
		return CS_ERR_INVALID;
	}
	return CS_OK;
}

CsStatus
est_make(EstimateValue *v, double best, bool has_low, double low, bool low_inc,
		 bool has_high, double high, bool high_inc, const char **detail)
{
	const char *dummy;

	if (detail == NULL)
		detail = &dummy;
	memset(v, 0, sizeof(*v));
	v->best = best;
	v->low = low;
	v->high = high;
	v->flags = (uint8_t) ((has_low ? EST_HAS_LOW : 0) |
						  (has_low && low_inc ? EST_LOW_INC : 0) |
						  (has_high ? EST_HAS_HIGH : 0) |
						  (has_high && high_inc ? EST_HIGH_INC : 0));
	est_normalize(v);
	return check_parts(v, detail);
}

/* Build best with the inclusive range best - half .. best + half. */
CsStatus
est_make_interval(EstimateValue *v, double best, double half)
{
	double		lo = best - half;
	double		hi = best + half;

	if (!isfinite(best) || !isfinite(half))
		return CS_ERR_RANGE;
	/* keep best inside its bounds should rounding put it outside */
	if (lo > best)
		lo = best;
	if (hi < best)
		hi = best;
	return est_make(v, best, true, lo, true, true, hi, true, NULL);
}

CsStatus
est_validate(const EstimateValue *v, const char **detail)
{
	int			i;

	if (v->version != EST_VERSION)
	{
		*detail = "The value has an unknown format version.";
		return CS_ERR_INVALID;
	}
	for (i = 0; i < (int) sizeof(v->reserved); i++)
		if (v->reserved[i] != 0)
		{
			*detail = "Reserved bytes of the value are not zero.";
			return CS_ERR_INVALID;
		}
	if (v->flags & ~EST_FLAGS_MASK)
	{
		*detail = "The value has unknown flag bits set.";
		return CS_ERR_INVALID;
	}
	if (((v->flags & EST_LOW_INC) && !(v->flags & EST_HAS_LOW)) ||
		((v->flags & EST_HIGH_INC) && !(v->flags & EST_HAS_HIGH)))
	{
		*detail = "An unbounded side cannot be inclusive.";
		return CS_ERR_INVALID;
	}
	if ((!(v->flags & EST_HAS_LOW) && (v->low != 0.0 || signbit(v->low))) ||
		(!(v->flags & EST_HAS_HIGH) && (v->high != 0.0 || signbit(v->high))))
	{
		*detail = "An unbounded side must store zero.";
		return CS_ERR_INVALID;
	}
	if ((v->best == 0.0 && signbit(v->best)) ||
		(v->low == 0.0 && signbit(v->low)) ||
		(v->high == 0.0 && signbit(v->high)))
	{
		*detail = "Negative zero is stored as zero.";
		return CS_ERR_INVALID;
	}
	return check_parts(v, detail);
}

/* shapes of the canonical form */
typedef enum
{
	SHAPE_EXACT, SHAPE_ABOUT, SHAPE_GT, SHAPE_GE, SHAPE_LT, SHAPE_LE,
	SHAPE_RANGE, SHAPE_GENERAL
} Shape;

/* Pick the shortest form that holds v exactly. */
static Shape
shape_of(const EstimateValue *v)
{
	bool		has_low = (v->flags & EST_HAS_LOW) != 0;
	bool		has_high = (v->flags & EST_HAS_HIGH) != 0;
	bool		low_inc = (v->flags & EST_LOW_INC) != 0;
	bool		high_inc = (v->flags & EST_HIGH_INC) != 0;

	if (has_low && has_high && low_inc && high_inc &&
		v->low == v->best && v->high == v->best)
		return SHAPE_EXACT;
	if (!has_low && !has_high)
		return SHAPE_ABOUT;
	if (has_low && !has_high && v->low == v->best)
		return low_inc ? SHAPE_GE : SHAPE_GT;
	if (!has_low && has_high && v->high == v->best)
		return high_inc ? SHAPE_LE : SHAPE_LT;
	if (has_low && has_high && low_inc && high_inc &&
		v->best == est_midpoint(v->low, v->high))
		return SHAPE_RANGE;
	return SHAPE_GENERAL;
}

size_t
est_format(const EstimateValue *v, char *buf)
{
	char		b[CS_DOUBLE_BUFLEN],
				l[CS_DOUBLE_BUFLEN],
				h[CS_DOUBLE_BUFLEN];
	bool		has_low = (v->flags & EST_HAS_LOW) != 0;
	bool		has_high = (v->flags & EST_HAS_HIGH) != 0;

	cs_format_double(v->best, b);
	switch (shape_of(v))
	{
		case SHAPE_EXACT:
			return (size_t) sprintf(buf, "%s", b);
		case SHAPE_ABOUT:
			return (size_t) sprintf(buf, "~%s", b);
		case SHAPE_GT:
			return (size_t) sprintf(buf, ">%s", b);
		case SHAPE_GE:
			return (size_t) sprintf(buf, ">=%s", b);
		case SHAPE_LT:
			return (size_t) sprintf(buf, "<%s", b);
		case SHAPE_LE:
			return (size_t) sprintf(buf, "<=%s", b);
		case SHAPE_RANGE:
			cs_format_double(v->low, l);
			cs_format_double(v->high, h);
			return (size_t) sprintf(buf, "%s..%s", l, h);
		case SHAPE_GENERAL:
		default:
			l[0] = h[0] = '\0';
			if (has_low)
				cs_format_double(v->low, l);
			if (has_high)
				cs_format_double(v->high, h);
			return (size_t) sprintf(buf, "%s %c%s,%s%c", b,
									(v->flags & EST_LOW_INC) ? '[' : '(', l, h,
									(v->flags & EST_HIGH_INC) ? ']' : ')');
	}
}

const char *
est_qualifier(const EstimateValue *v)
{
	switch (shape_of(v))
	{
		case SHAPE_EXACT:
			return "exact";
		case SHAPE_ABOUT:
			return "about";
		case SHAPE_GT:
			return "more than";
		case SHAPE_GE:
			return "at least";
		case SHAPE_LT:
			return "fewer than";
		case SHAPE_LE:
			return "at most";
		case SHAPE_RANGE:
		case SHAPE_GENERAL:
		default:
			return "range";
	}
}

/* ---- numbers for people ------------------------------------------------- */

/* how a number is rounded for reading */
typedef enum RoundMode
{
	ROUND_NEAREST,				/* half away from zero */
	ROUND_DOWN,					/* toward minus infinity: a lower bound */
	ROUND_UP					/* toward plus infinity: an upper bound */
} RoundMode;

/* a decimal rounded for reading: digits[] * 10^pos, with a sign */
typedef struct Rounded
{
	bool		negative;
	char		digits[EST_ROUNDED_DIGITS + 2];	/* most significant first */
	int			ndigits;
	int			pos;			/* power of ten of the last digit */
} Rounded;

/*
 * Give the decimal a double stands for: the shortest one that reads back to
 * it (what float8out prints, what a source wrote).  all[] gets its digits,
 * the return value is the power of ten of the first one.
 */
static int
shortest_digits(double x, char *all, int *nall)
{
	char		buf[CS_DOUBLE_BUFLEN];
	const char *p;
	int			point = -1,		/* digits before the '.' */
				first = -1,		/* index of the first nonzero digit */
				seen = 0,
				exp10 = 0;

	cs_format_double(fabs(x), buf);
	*nall = 0;
	for (p = buf; *p != '\0' && *p != 'e'; p++)
	{
		if (*p == '.')
		{
			point = seen;
			continue;
		}
		if (*p != '0' && first < 0)
			first = seen;
		if (first >= 0)
			all[(*nall)++] = *p;
		seen++;
	}
	if (point < 0)
		point = seen;
	if (*p == 'e')
		exp10 = atoi(p + 1);
	/* drop trailing zeros of an integer: "600000" is 6 followed by zeros */
	while (*nall > 1 && all[*nall - 1] == '0')
		(*nall)--;
	if (first < 0)
		return 0;				/* zero */
	return point - 1 - first + exp10;
}

/*
 * Round x (finite) at decimal position pos (keep the digits of 10^pos and
 * above) in the given mode.  The decimal rounded is the one x stands for
 * (shortest_digits), so 0.6 rounds down to 0.6, not to the 0.599 its binary
 * value lies just under.
 */
static void
round_at(double x, int pos, RoundMode mode, Rounded *r)
{
	char		all[CS_DOUBLE_BUFLEN];
	int			nall = 0,
				exp10,
				keep,
				i;
	bool		rest_nonzero = false,
				up;

	r->negative = signbit(x) && x != 0.0;
	exp10 = x == 0.0 ? pos : shortest_digits(x, all, &nall);
	keep = exp10 - pos + 1;		/* digits at or above 10^pos */
	if (keep > EST_ROUNDED_DIGITS)
	{
		/* more digits than a double holds: no rounding happens there */
		pos += keep - EST_ROUNDED_DIGITS;
		keep = EST_ROUNDED_DIGITS;
	}
	r->ndigits = 0;
	for (i = 0; i < keep; i++)
		r->digits[r->ndigits++] = i < nall ? all[i] : '0';
	for (i = keep < 0 ? 0 : keep; i < nall; i++)
		if (all[i] != '0')
			rest_nonzero = true;

	switch (mode)
	{
		case ROUND_NEAREST:
			/* the first digit dropped decides; below 10^(pos-1) it is 0 */
			up = keep >= 0 && keep < nall && all[keep] >= '5';
			break;
		case ROUND_DOWN:
			up = r->negative && rest_nonzero;
			break;
		case ROUND_UP:
		default:
			up = !r->negative && rest_nonzero;
			break;
	}
	if (r->ndigits == 0)
		r->digits[r->ndigits++] = '0';
	if (up)
	{
		/* add one unit in the last place, carrying */
		for (i = r->ndigits - 1; i >= 0; i--)
		{
			if (r->digits[i] == '9')
				r->digits[i] = '0';
			else
			{
				r->digits[i]++;
				break;
			}
		}
		if (i < 0)
		{
			memmove(r->digits + 1, r->digits, (size_t) r->ndigits);
			r->digits[0] = '1';
			r->ndigits++;
		}
	}
	r->pos = pos;
	/* drop leading zeros (a value that rounded below its first digit) */
	while (r->ndigits > 1 && r->digits[0] == '0')
	{
		memmove(r->digits, r->digits + 1, (size_t) r->ndigits - 1);
		r->ndigits--;
	}
	if (r->ndigits == 1 && r->digits[0] == '0')
		r->negative = false;
}

/* Give the power of ten of x's first significant digit (x finite, not 0). */
static int
leading_power(double x)
{
	char		all[CS_DOUBLE_BUFLEN];
	int			nall;

	return shortest_digits(x, all, &nall);
}

/*
 * Round x for reading: with digits 0, an integer from magnitude 100 up and
 * three significant digits below it; else that many significant digits.
 */
static void
round_for_reading(double x, int digits, RoundMode mode, Rounded *r)
{
	int			pos;

	if (x == 0.0)
		pos = 0;
	else if (digits > 0)
		pos = leading_power(x) - (digits - 1);
	else if (fabs(x) >= 100.0)
		pos = 0;
	else
		pos = leading_power(x) - 2;
	round_at(x, pos, mode, r);
}

/* Write a rounded decimal as plain text without grouping ("-0.00123", "1e+20"). */
static size_t
format_plain(const Rounded *r, char *buf)
{
	char	   *o = buf;
	int			first = r->pos + r->ndigits - 1;	/* power of the first digit */
	int			last = r->pos;	/* power of the last digit shown */
	int			i;

	/* no trailing zeros below the point */
	while (last < 0 && last < first && r->digits[r->ndigits - 1 - (last - r->pos)] == '0')
		last++;
	if (r->negative)
		*o++ = '-';
	if (first < -4 || first >= 15)
	{
		/* exponent form, as float8out writes large and small numbers */
		int			sig = r->ndigits;

		while (sig > 1 && r->digits[sig - 1] == '0')
			sig--;
		*o++ = r->digits[0];
		if (sig > 1)
		{
			*o++ = '.';
			for (i = 1; i < sig; i++)
				*o++ = r->digits[i];
		}
		o += sprintf(o, "e%c%02d", first < 0 ? '-' : '+', first < 0 ? -first : first);
		*o = '\0';
		return (size_t) (o - buf);
	}
	/* the integer part, then the fraction down to the last digit shown */
	if (first < 0)
		*o++ = '0';
	for (i = first; i >= 0; i--)
		*o++ = (first - i < r->ndigits) ? r->digits[first - i] : '0';
	if (last < 0)
	{
		*o++ = '.';
		for (i = -1; i >= last; i--)
			*o++ = (first - i >= 0 && first - i < r->ndigits) ? r->digits[first - i] : '0';
	}
	*o = '\0';
	return (size_t) (o - buf);
}

/* Insert thousands separators into the integer part of a plain number. */
static size_t
group_thousands(const char *plain, char *buf)
{
	const char *r = plain;
	char	   *o = buf;
	size_t		intlen;

	if (strchr(plain, 'e') != NULL)
		return (size_t) sprintf(buf, "%s", plain);
	if (*r == '-')
		*o++ = *r++;
	intlen = strcspn(r, ".");
	while (*r != '\0' && *r != '.')
	{
		*o++ = *r++;
		intlen--;
		if (intlen > 0 && intlen % 3 == 0)
			*o++ = ',';
	}
	while (*r != '\0')
		*o++ = *r++;
	*o = '\0';
	return (size_t) (o - buf);
}

/*
 * Write x rounded for reading, with thousands separators; *changed says
 * whether the written number reads back as another double than x.
 */
static size_t
format_reading(double x, int digits, RoundMode mode, char *buf, bool *changed)
{
	Rounded		r;
	char		plain[EST_ROUNDED_DIGITS + 40];

	round_for_reading(x, digits, mode, &r);
	format_plain(&r, plain);
	if (changed != NULL)
		*changed = strtod(plain, NULL) != x;
	return group_thousands(plain, buf);
}

/* Give the double nearest a rounded decimal. */
static double
rounded_value(const Rounded *r)
{
	char		plain[EST_ROUNDED_DIGITS + 40];

	format_plain(r, plain);
	return strtod(plain, NULL);
}

/* Write the text for people, rounded for reading (see estimate_core.h). */
size_t
est_describe_digits(const EstimateValue *v, int digits, char *buf)
{
	char		b[EST_TEXT_BUFLEN],
				l[EST_TEXT_BUFLEN],
				h[EST_TEXT_BUFLEN];
	bool		has_low = (v->flags & EST_HAS_LOW) != 0;
	bool		has_high = (v->flags & EST_HAS_HIGH) != 0;
	const char *lw = (v->flags & EST_LOW_INC) ? "at least" : "more than";
	const char *hw = (v->flags & EST_HIGH_INC) ? "at most" : "fewer than";
	bool		changed = false;
	const char *about;

	if (has_low)
		format_reading(v->low, digits, ROUND_DOWN, l, NULL);
	if (has_high)
		format_reading(v->high, digits, ROUND_UP, h, NULL);
	switch (shape_of(v))
	{
		case SHAPE_EXACT:
			format_reading(v->best, digits, ROUND_NEAREST, b, &changed);
			return (size_t) sprintf(buf, "%s%s", changed ? "about " : "", b);
		case SHAPE_ABOUT:
			format_reading(v->best, digits, ROUND_NEAREST, b, NULL);
			return (size_t) sprintf(buf, "about %s", b);
		case SHAPE_GT:
		case SHAPE_GE:
			return (size_t) sprintf(buf, "%s %s", lw, l);
		case SHAPE_LT:
		case SHAPE_LE:
			return (size_t) sprintf(buf, "%s %s", hw, h);
		case SHAPE_RANGE:
			return (size_t) sprintf(buf, "%s to %s", l, h);
		case SHAPE_GENERAL:
		default:
			format_reading(v->best, digits, ROUND_NEAREST, b, &changed);
			about = changed ? "about " : "";
			if (has_low && has_high && (v->flags & EST_LOW_INC) && (v->flags & EST_HIGH_INC))
				return (size_t) sprintf(buf, "%s%s (%s to %s)", about, b, l, h);
			if (has_low && has_high)
				return (size_t) sprintf(buf, "%s%s (%s %s, %s %s)", about, b, lw, l, hw, h);
			if (has_low)
				return (size_t) sprintf(buf, "%s%s (%s %s)", about, b, lw, l);
			return (size_t) sprintf(buf, "%s%s (%s %s)", about, b, hw, h);
	}
}

/* Write the text for people with the default rounding. */
size_t
est_describe(const EstimateValue *v, char *buf)
{
	return est_describe_digits(v, 0, buf);
}

static inline int
cmp_double(double a, double b)
{
	return (a < b) ? -1 : (a > b) ? 1 : 0;
}

/*
 * Compare lower bounds by position: unbounded first; at one value an
 * inclusive bound (admitting the value) before an exclusive one.
 */
static int
cmp_lower(const EstimateValue *a, const EstimateValue *b)
{
	bool		ah = (a->flags & EST_HAS_LOW) != 0;
	bool		bh = (b->flags & EST_HAS_LOW) != 0;
	int			c;

	if (!ah || !bh)
		return (int) ah - (int) bh;
	if ((c = cmp_double(a->low, b->low)) != 0)
		return c;
	return (int) ((a->flags & EST_LOW_INC) == 0) - (int) ((b->flags & EST_LOW_INC) == 0);
}

/*
 * Compare upper bounds by position: at one value exclusive before inclusive;
 * unbounded last.
 */
static int
cmp_upper(const EstimateValue *a, const EstimateValue *b)
{
	bool		ah = (a->flags & EST_HAS_HIGH) != 0;
	bool		bh = (b->flags & EST_HAS_HIGH) != 0;
	int			c;

	if (!ah || !bh)
		return (int) bh - (int) ah;
	if ((c = cmp_double(a->high, b->high)) != 0)
		return c;
	return (int) ((a->flags & EST_HIGH_INC) != 0) - (int) ((b->flags & EST_HIGH_INC) != 0);
}

int
est_compare(const EstimateValue *a, const EstimateValue *b)
{
	int			c;

	if ((c = cmp_double(a->best, b->best)) != 0)
		return c;
	if ((c = cmp_lower(a, b)) != 0)
		return c;
	return cmp_upper(a, b);
}

bool
est_equal(const EstimateValue *a, const EstimateValue *b)
{
	return est_compare(a, b) == 0;
}

bool
est_contains(const EstimateValue *v, double x)
{
	if (isnan(x))
		return 0;
	if (v->flags & EST_HAS_LOW)
	{
		if ((v->flags & EST_LOW_INC) ? !(x >= v->low) : !(x > v->low))
			return 0;
	}
	if (v->flags & EST_HAS_HIGH)
	{
		if ((v->flags & EST_HIGH_INC) ? !(x <= v->high) : !(x < v->high))
			return 0;
	}
	return 1;
}

bool
est_overlaps(const EstimateValue *a, const EstimateValue *b)
{
	/* the tighter lower bound and the tighter upper bound */
	const EstimateValue *lo = cmp_lower(a, b) >= 0 ? a : b;
	const EstimateValue *hi = cmp_upper(a, b) <= 0 ? a : b;

	if (!(lo->flags & EST_HAS_LOW) || !(hi->flags & EST_HAS_HIGH))
		return 1;
	if (lo->low < hi->high)
		return 1;
	if (lo->low == hi->high)
		return (lo->flags & EST_LOW_INC) && (hi->flags & EST_HIGH_INC);
	return 0;
}

/*
 * Store an arithmetic result.  Rounding to nearest is monotone, so order is
 * kept; but two distinct bounds may round to one value, and an exclusive pair
 * (x,x) would then admit nothing although the true result does: such a
 * range is widened to the inclusive [x,x].
 */
static CsStatus
finish_arith(EstimateValue *r, double best, bool has_low, double low, bool low_inc,
			 bool has_high, double high, bool high_inc)
{
	if (!isfinite(best) || (has_low && !isfinite(low)) || (has_high && !isfinite(high)))
		return CS_ERR_RANGE;
	if (has_low && has_high && low == high)
		low_inc = high_inc = true;
	r->best = best;
	r->low = low;
	r->high = high;
	r->flags = (uint8_t) ((has_low ? EST_HAS_LOW : 0) |
						  (has_low && low_inc ? EST_LOW_INC : 0) |
						  (has_high ? EST_HAS_HIGH : 0) |
						  (has_high && high_inc ? EST_HIGH_INC : 0));
	est_normalize(r);
	return CS_OK;
}

CsStatus
est_add(EstimateValue *r, const EstimateValue *a, const EstimateValue *b)
{
	uint8_t		af = a->flags,
				bf = b->flags;

	return finish_arith(r, a->best + b->best,
						(af & bf & EST_HAS_LOW) != 0, a->low + b->low,
						(af & bf & EST_LOW_INC) != 0,
						(af & bf & EST_HAS_HIGH) != 0, a->high + b->high,
						(af & bf & EST_HIGH_INC) != 0);
}

CsStatus
est_sub(EstimateValue *r, const EstimateValue *a, const EstimateValue *b)
{
	uint8_t		af = a->flags,
				bf = b->flags;

	return finish_arith(r, a->best - b->best,
						(af & EST_HAS_LOW) && (bf & EST_HAS_HIGH), a->low - b->high,
						(af & EST_LOW_INC) && (bf & EST_HIGH_INC),
						(af & EST_HAS_HIGH) && (bf & EST_HAS_LOW), a->high - b->low,
						(af & EST_HIGH_INC) && (bf & EST_LOW_INC));
}

void
est_neg(EstimateValue *r, const EstimateValue *a)
{
	uint8_t		f = a->flags;
	double		best = -a->best,
				low = -a->high,
				high = -a->low;

	(void) finish_arith(r, best,
						(f & EST_HAS_HIGH) != 0, low, (f & EST_HIGH_INC) != 0,
						(f & EST_HAS_LOW) != 0, high, (f & EST_LOW_INC) != 0);
}

/* Scale by k (k finite and non-zero), or divide by it when divide is set. */
static CsStatus
scale(EstimateValue *r, const EstimateValue *a, double k, bool divide)
{
	uint8_t		f = a->flags;
	double		best = divide ? a->best / k : a->best * k;
	double		lo = divide ? a->low / k : a->low * k;
	double		hi = divide ? a->high / k : a->high * k;

	if (k > 0)
		return finish_arith(r, best,
							(f & EST_HAS_LOW) != 0, lo, (f & EST_LOW_INC) != 0,
							(f & EST_HAS_HIGH) != 0, hi, (f & EST_HIGH_INC) != 0);
	return finish_arith(r, best,
						(f & EST_HAS_HIGH) != 0, hi, (f & EST_HIGH_INC) != 0,
						(f & EST_HAS_LOW) != 0, lo, (f & EST_LOW_INC) != 0);
}

CsStatus
est_mul(EstimateValue *r, const EstimateValue *a, double k)
{
	if (isnan(k))
		return CS_ERR_INVALID;
	if (isinf(k))
		return CS_ERR_RANGE;
	if (k == 0.0)
		return finish_arith(r, 0.0, true, 0.0, true, true, 0.0, true);
	return scale(r, a, k, false);
}

CsStatus
est_div(EstimateValue *r, const EstimateValue *a, double k)
{
	if (isnan(k))
		return CS_ERR_INVALID;
	if (k == 0.0)
		return CS_ERR_DIVZERO;
	if (isinf(k))
		return CS_ERR_RANGE;
	return scale(r, a, k, true);
}

/* Round an estimate at decimal places (see estimate_core.h). */
CsStatus
est_round(EstimateValue *r, const EstimateValue *a, int places)
{
	Rounded		d;
	double		best,
				low = 0,
				high = 0;

	if (places < -EST_MAX_PLACES || places > EST_MAX_PLACES)
		return CS_ERR_INVALID;
	round_at(a->best, -places, ROUND_NEAREST, &d);
	best = rounded_value(&d);
	if (a->flags & EST_HAS_LOW)
	{
		round_at(a->low, -places, ROUND_DOWN, &d);
		low = rounded_value(&d);
	}
	if (a->flags & EST_HAS_HIGH)
	{
		round_at(a->high, -places, ROUND_UP, &d);
		high = rounded_value(&d);
	}
	/* directed rounding keeps low <= best <= high; guard all the same */
	if ((a->flags & EST_HAS_LOW) && best < low)
		best = low;
	if ((a->flags & EST_HAS_HIGH) && best > high)
		best = high;
	return finish_arith(r, best,
						(a->flags & EST_HAS_LOW) != 0, low, (a->flags & EST_LOW_INC) != 0,
						(a->flags & EST_HAS_HIGH) != 0, high, (a->flags & EST_HIGH_INC) != 0);
}

/*
 * One side of an interval as a multiplication or division sees it: its
 * value (+-infinity when the side is unbounded), whether it is stated
 * (known) and whether it is exclusive.
 */
typedef struct Side
{
	double		value;
	bool		known;
	bool		exclusive;
} Side;

/* Give the lower (low true) or upper side of an estimate. */
static Side
side_of(const EstimateValue *v, bool low)
{
	Side		s;

	if (low)
	{
		s.known = (v->flags & EST_HAS_LOW) != 0;
		s.value = s.known ? v->low : -INFINITY;
		s.exclusive = s.known && !(v->flags & EST_LOW_INC);
	}
	else
	{
		s.known = (v->flags & EST_HAS_HIGH) != 0;
		s.value = s.known ? v->high : INFINITY;
		s.exclusive = s.known && !(v->flags & EST_HIGH_INC);
	}
	return s;
}

/*
 * Combine two sides into a candidate bound of a product or quotient.  A
 * zero factor (or dividend) gives an exact, stated 0 whatever the other
 * side is; otherwise the candidate is unknown when a side is unknown (or
 * when it divides by a zero bound), and exclusive when a side is.
 * *overflow is set when two stated sides make a number beyond the doubles.
 */
static Side
combine_sides(Side a, Side b, bool divide, bool b_from_below, bool *overflow)
{
	Side		c;

	if (a.value == 0.0 && a.known)
	{
		c.value = 0.0;
		c.known = true;
		c.exclusive = a.exclusive;
		return c;
	}
	if (!divide && b.value == 0.0 && b.known)
	{
		c.value = 0.0;
		c.known = true;
		c.exclusive = b.exclusive;
		return c;
	}
	if (divide)
	{
		if (b.value == 0.0)
			/* a zero bound of the divisor, which excludes 0: the quotient runs away */
			c.value = (!signbit(a.value) == b_from_below) ? INFINITY : -INFINITY;
		else if (isinf(b.value))
			c.value = isinf(a.value) ? ((signbit(a.value) == signbit(b.value)) ? INFINITY : -INFINITY)
				: (signbit(a.value) == signbit(b.value) ? 0.0 : -0.0);
		else
			c.value = a.value / b.value;
		c.known = a.known && b.known && b.value != 0.0;
	}
	else
	{
		c.value = a.value * b.value;
		c.known = a.known && b.known;
	}
	c.exclusive = a.exclusive || b.exclusive;
	if (a.known && b.known && !isfinite(c.value) && !(divide && b.value == 0.0))
		*overflow = true;
	return c;
}

/*
 * Keep the better candidate for a lower (low true) or upper bound: the
 * more extreme value; at one value a stated and inclusive one.
 */
static Side
extreme(Side cur, Side c, bool low)
{
	bool		more = low ? c.value < cur.value : c.value > cur.value;

	if (more)
		return c;
	if (c.value == cur.value)
	{
		/* an unknown candidate at this value means the bound is unknown */
		if (!c.known || !cur.known)
			cur.known = false;
		else
			cur.exclusive = cur.exclusive && c.exclusive;
	}
	return cur;
}

/* Say whether a stated range admits 0 (or is unbounded across it). */
static bool
admits_zero(const EstimateValue *v)
{
	return est_contains(v, 0.0);
}

/* Multiply (or divide) two estimates as intervals (see estimate_core.h). */
static CsStatus
interval_op(EstimateValue *r, const EstimateValue *a, const EstimateValue *b, bool divide)
{
	Side		lo,
				hi;
	double		best;
	bool		overflow = false;
	int			i,
				j;

	if (divide && b->best == 0.0)
		return CS_ERR_DIVZERO;
	best = divide ? a->best / b->best : a->best * b->best;
	if (!isfinite(best))
		return CS_ERR_RANGE;
	if (divide && admits_zero(b))
		return finish_arith(r, best, false, 0, false, false, 0, false);

	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++)
		{
			Side		c = combine_sides(side_of(a, i == 0), side_of(b, j == 0),
										  divide, j == 0, &overflow);

			if (i == 0 && j == 0)
				lo = hi = c;
			else
			{
				lo = extreme(lo, c, true);
				hi = extreme(hi, c, false);
			}
		}
	if (overflow)
		return CS_ERR_RANGE;
	lo.known = lo.known && isfinite(lo.value);
	hi.known = hi.known && isfinite(hi.value);
	/* rounding may carry the best value past a bound: keep it inside */
	if (lo.known && best < lo.value)
		best = lo.value;
	if (hi.known && best > hi.value)
		best = hi.value;
	return finish_arith(r, best, lo.known, lo.value, !lo.exclusive,
						hi.known, hi.value, !hi.exclusive);
}

/* Multiply two estimates as intervals. */
CsStatus
est_mul_est(EstimateValue *r, const EstimateValue *a, const EstimateValue *b)
{
	return interval_op(r, a, b, false);
}

/* Divide two estimates as intervals. */
CsStatus
est_div_est(EstimateValue *r, const EstimateValue *a, const EstimateValue *b)
{
	return interval_op(r, a, b, true);
}

/*
 * Read an approximate figure as best +- tolerance |best| (a side beyond the
 * doubles unbounded); any other figure as it is.
 */
static void
about_as_range(const EstimateValue *v, double tolerance, EstimateValue *out)
{
	double		w = tolerance * fabs(v->best),
				lo = v->best - w,
				hi = v->best + w;

	if (shape_of(v) != SHAPE_ABOUT ||
		est_make(out, v->best, isfinite(lo), isfinite(lo) ? lo : 0, true,
				 isfinite(hi), isfinite(hi) ? hi : 0, true, NULL) != CS_OK)
		*out = *v;
}

/* Say whether two figures can both be true, "about X" read as X +- tolerance |X|. */
bool
est_within(const EstimateValue *a, const EstimateValue *b, double tolerance)
{
	EstimateValue x,
				y;

	about_as_range(a, tolerance, &x);
	about_as_range(b, tolerance, &y);
	return est_overlaps(&x, &y);
}

/* Say whether an estimate states a central value (every form but one-sided). */
bool
est_states_central(const EstimateValue *v)
{
	Shape		shape = shape_of(v);

	return shape != SHAPE_GT && shape != SHAPE_GE && shape != SHAPE_LT && shape != SHAPE_LE;
}

/* ---- the states of avg, consensus and envelope --------------------------- */

/* Say whether a double holds a whole count of zero or more. */
static inline bool
is_count(double c)
{
	return c >= 0 && c == floor(c) && isfinite(c);
}

/* Check a state read from outside (see estimate_core.h). */
CsStatus
est_acc_check(const EstAcc *s, bool central, const char **detail)
{
	double		f = s->flags;

	if (!is_count(s->count) || !isfinite(s->sum_best) || !isfinite(s->low) ||
		!isfinite(s->high) || !(f >= 0 && f <= (EST_FLAGS_MASK | EST_ACC_CONTRADICT)) ||
		f != floor(f))
		return (*detail = "The state holds a negative or fractional count, a non-finite sum or unknown flags.",
				CS_ERR_INVALID);
	if (central && (!is_count(s->central_count) || s->central_count > s->count ||
					!isfinite(s->central_sum)))
		return (*detail = "The state's count of central values is not a count up to the count of rows, or its sum is not finite.",
				CS_ERR_INVALID);
	return CS_OK;
}

/* Give CS_ERR_RANGE when a running sum left the finite doubles. */
static inline CsStatus
acc_finite(const EstAcc *s, bool central)
{
	if (!isfinite(s->sum_best) || !isfinite(s->low) || !isfinite(s->high) ||
		(central && !isfinite(s->central_sum)))
		return CS_ERR_RANGE;
	return CS_OK;
}

/* Add one figure, as a state of one row, for est_acc_* below. */
void
est_acc_of(const EstimateValue *v, EstAcc *one)
{
	bool		central = est_states_central(v);

	one->count = 1;
	one->sum_best = v->best;
	one->low = v->low;
	one->high = v->high;
	one->flags = v->flags;
	one->central_count = central ? 1 : 0;
	one->central_sum = central ? v->best : 0;
}

/* Add a figure or a partial state to an avg state: the sums of the parts. */
CsStatus
est_acc_avg_add(EstAcc *s, const EstAcc *t)
{
	uint8_t		sf = (uint8_t) s->flags;

	if (t->count == 0)
		return CS_OK;
	if (s->count == 0)
		sf = EST_FLAGS_MASK;
	s->count += t->count;
	s->sum_best += t->sum_best;
	s->low += t->low;
	s->high += t->high;
	s->flags = (double) (sf & (uint8_t) t->flags & EST_FLAGS_MASK);
	return acc_finite(s, false);
}

/* Add the central values of t to s, when the state keeps them. */
static inline void
acc_central_add(EstAcc *s, const EstAcc *t, bool central)
{
	if (!central)
		return;
	s->central_count += t->central_count;
	s->central_sum += t->central_sum;
}

/*
 * Intersect the state's range with t's (consensus): the larger lower bound
 * (at one value the exclusive one), the smaller upper; an empty intersection
 * marks the inputs as contradicting each other.
 */
CsStatus
est_acc_consensus_add(EstAcc *s, const EstAcc *t, bool central)
{
	uint8_t		sf = (uint8_t) s->flags;
	uint8_t		tf = (uint8_t) t->flags;

	if (t->count == 0)
		return CS_OK;
	if (tf & EST_ACC_CONTRADICT)
		sf |= EST_ACC_CONTRADICT;
	if ((tf & EST_HAS_LOW) &&
		(!(sf & EST_HAS_LOW) || t->low > s->low || (t->low == s->low && !(tf & EST_LOW_INC))))
	{
		s->low = t->low;
		sf = (uint8_t) ((sf & ~EST_LOW_INC) | EST_HAS_LOW | (tf & EST_LOW_INC));
	}
	if ((tf & EST_HAS_HIGH) &&
		(!(sf & EST_HAS_HIGH) || t->high < s->high || (t->high == s->high && !(tf & EST_HIGH_INC))))
	{
		s->high = t->high;
		sf = (uint8_t) ((sf & ~EST_HIGH_INC) | EST_HAS_HIGH | (tf & EST_HIGH_INC));
	}
	if ((sf & EST_HAS_LOW) && (sf & EST_HAS_HIGH) &&
		(s->low > s->high ||
		 (s->low == s->high && (sf & (EST_LOW_INC | EST_HIGH_INC)) != (EST_LOW_INC | EST_HIGH_INC))))
		sf |= EST_ACC_CONTRADICT;
	s->count += t->count;
	s->sum_best += t->sum_best;
	acc_central_add(s, t, central);
	s->flags = (double) sf;
	return acc_finite(s, central);
}

/* Widen the state's range to hold t's (envelope). */
CsStatus
est_acc_envelope_add(EstAcc *s, const EstAcc *t, bool central)
{
	uint8_t		sf = (uint8_t) s->flags;
	uint8_t		tf = (uint8_t) t->flags;

	if (t->count == 0)
		return CS_OK;
	if (s->count == 0)
	{
		sf = tf & EST_FLAGS_MASK;
		s->low = (tf & EST_HAS_LOW) ? t->low : 0;
		s->high = (tf & EST_HAS_HIGH) ? t->high : 0;
	}
	else
	{
		if (!(tf & EST_HAS_LOW))
		{
			sf &= ~(EST_HAS_LOW | EST_LOW_INC);
			s->low = 0;
		}
		else if ((sf & EST_HAS_LOW) &&
				 (t->low < s->low || (t->low == s->low && (tf & EST_LOW_INC))))
		{
			s->low = t->low;
			sf = (uint8_t) ((sf & ~EST_LOW_INC) | (tf & EST_LOW_INC));
		}
		if (!(tf & EST_HAS_HIGH))
		{
			sf &= ~(EST_HAS_HIGH | EST_HIGH_INC);
			s->high = 0;
		}
		else if ((sf & EST_HAS_HIGH) &&
				 (t->high > s->high || (t->high == s->high && (tf & EST_HIGH_INC))))
		{
			s->high = t->high;
			sf = (uint8_t) ((sf & ~EST_HIGH_INC) | (tf & EST_HIGH_INC));
		}
	}
	s->count += t->count;
	s->sum_best += t->sum_best;
	acc_central_add(s, t, central);
	s->flags = (double) sf;
	return acc_finite(s, central);
}

/* Give avg: the interval sum divided by the count; CS_NONE for no rows. */
CsStatus
est_acc_avg_final(const EstAcc *s, EstimateValue *r)
{
	EstimateValue sum;

	if (s->count == 0)
		return CS_NONE;
	memset(&sum, 0, sizeof(sum));
	sum.best = s->sum_best;
	sum.low = s->low;
	sum.high = s->high;
	sum.flags = (uint8_t) s->flags & EST_FLAGS_MASK;
	est_normalize(&sum);
	return est_div(r, &sum, s->count);
}

/*
 * Give consensus or envelope: the range gathered, with the mean of the best
 * values clamped into it (with central, of the central values when there are
 * any); CS_NONE for no rows or contradicting inputs.
 */
CsStatus
est_acc_range_final(const EstAcc *s, bool central, EstimateValue *r)
{
	uint8_t		f = (uint8_t) s->flags;
	double		mean;

	if (s->count == 0 || (f & EST_ACC_CONTRADICT))
		return CS_NONE;
	if (central && s->central_count > 0)
		mean = s->central_sum / s->central_count;
	else
		mean = s->sum_best / s->count;
	if ((f & EST_HAS_LOW) && mean < s->low)
		mean = s->low;
	if ((f & EST_HAS_HIGH) && mean > s->high)
		mean = s->high;
	/* a state read from outside may hold an empty range */
	if (est_make(r, mean, (f & EST_HAS_LOW) != 0, s->low, (f & EST_LOW_INC) != 0,
				 (f & EST_HAS_HIGH) != 0, s->high, (f & EST_HIGH_INC) != 0, NULL) != CS_OK)
		return CS_ERR_INVALID;
	return CS_OK;
}
