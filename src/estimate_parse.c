/*
 * estimate_parse.c
 *		The estimate value in plain C: parsing the forms sources use
 *		("more than 600,000", "500000..700000", "615000 [500000,700000]"),
 *		canonical and human formatting, validation, ordering and interval
 *		arithmetic.
 *
 * No server headers: this file is linked into the extension, the unit tests
 * and the fuzz targets alike.  The server locale keeps LC_NUMERIC at "C", so
 * strtod and snprintf use '.' as the decimal point here as everywhere.
 */
#include "estimate_parse.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* longest number (without its thousands separators) we copy for strtod */
#define NUMBUF_LEN	512

/* the powers of ten that doubles hold exactly, for the fast path */
static const double pow10_exact[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
	1e14, 1e15
};

typedef struct Parser
{
	const char *s;				/* the whole input */
	size_t		pos;			/* current offset */
	char	   *errbuf;
	size_t		errlen;
} Parser;

#if defined(__GNUC__) || defined(__clang__)
#define EST_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define EST_PRINTF(f, a)
#endif

static EstStatus fail(Parser *p, EstStatus status, const char *fmt,...) EST_PRINTF(3, 4);

/* Record a detail sentence for the caller, printf-style. */
static EstStatus
fail(Parser *p, EstStatus status, const char *fmt,...)
{
	if (p->errbuf != NULL && p->errlen > 0)
	{
		va_list		ap;

		va_start(ap, fmt);
		vsnprintf(p->errbuf, p->errlen, fmt, ap);
		va_end(ap);
	}
	return status;
}

static inline bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Advance past white space. */
static inline void
skip_space(Parser *p)
{
	while (is_space(p->s[p->pos]))
		p->pos++;
}

/*
 * Consume the word w (lower case) if it is next, case-insensitively and as a
 * whole word; leading white space is skipped either way.
 */
static bool
accept_word(Parser *p, const char *w)
{
	size_t		i;
	const char *s;

	skip_space(p);
	s = p->s + p->pos;
	for (i = 0; w[i] != '\0'; i++)
	{
		char		c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		if (c != w[i])
			return false;
	}
	if (is_alpha(s[i]))
		return false;
	p->pos += i;
	return true;
}

/* Consume the literal symbol text if it is next (after white space). */
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

/* Consume a range separator between two numbers: "..", "to" or an en dash. */
static bool
accept_range_sep(Parser *p)
{
	return accept_sym(p, "..") || accept_word(p, "to") ||
		accept_sym(p, "\xe2\x80\x93");
}

/* Is the next thing the start of a number? */
static bool
at_number(Parser *p)
{
	const char *s;

	skip_space(p);
	s = p->s + p->pos;
	if (*s == '+' || *s == '-')
		s++;
	return is_digit(*s) || (*s == '.' && is_digit(s[1]));
}

/*
 * Scan one number at the current position.  With thousands true, ',' may
 * separate groups of three digits in the integer part.  NaN and infinities
 * are rejected by name so that strtod never sees them.
 */
static EstStatus
scan_number(Parser *p, bool thousands, double *out)
{
	const char *s;
	size_t		start;
	size_t		i;
	size_t		run;
	bool		had_comma = false;
	bool		digits = false;
	bool		exponent = false;
	size_t		ndigits;
	char		buf[NUMBUF_LEN];
	size_t		blen = 0;
	char	   *end;
	double		val;

	skip_space(p);
	start = p->pos;
	s = p->s;
	i = start;
	if (s[i] == '+' || s[i] == '-')
		i++;

	if (is_alpha(s[i]))
	{
		Parser		q = *p;

		q.pos = i;
		if (accept_word(&q, "nan") || accept_word(&q, "infinity") ||
			accept_word(&q, "inf"))
			return fail(p, EST_ERR_SYNTAX,
						"An estimate holds finite numbers only, not NaN or infinity.");
	}

	/* integer part, maybe in groups of three */
	run = 0;
	while (is_digit(s[i]))
	{
		i++;
		run++;
	}
	digits = run > 0;
	ndigits = run;
	while (thousands && s[i] == ',' && is_digit(s[i + 1]))
	{
		size_t		g = 0;

		if (!had_comma && (run < 1 || run > 3))
			return fail(p, EST_ERR_SYNTAX,
						"Thousands separators must separate groups of three digits.");
		/* "0,600" is a decimal comma, not six hundred */
		if (!had_comma && s[i - run] == '0')
			return fail(p, EST_ERR_SYNTAX,
						"A number with thousands separators cannot start with 0.");
		had_comma = true;
		i++;
		while (is_digit(s[i]))
		{
			i++;
			g++;
		}
		if (g != 3)
			return fail(p, EST_ERR_SYNTAX,
						"Thousands separators must separate groups of three digits.");
		ndigits += g;
	}
	/* fraction: a '.' belongs to the number only if a digit follows */
	if (s[i] == '.' && is_digit(s[i + 1]))
	{
		i++;
		while (is_digit(s[i]))
		{
			i++;
			ndigits++;
		}
		digits = true;
	}
	if (!digits)
	{
		if (s[i] == '\0')
			return fail(p, EST_ERR_SYNTAX, "A number is missing at the end of the input.");
		return fail(p, EST_ERR_SYNTAX, "A number was expected at position %zu.", i + 1);
	}
	/* exponent */
	if (s[i] == 'e' || s[i] == 'E')
	{
		size_t		j = i + 1;

		if (s[j] == '+' || s[j] == '-')
			j++;
		if (is_digit(s[j]))
		{
			while (is_digit(s[j]))
				j++;
			i = j;
			exponent = true;
		}
	}

	/*
	 * Fast path: at most 15 digits and no exponent.  The digits make an
	 * integer below 2^53 and a power of ten up to 1e15 is exact, so one IEEE
	 * division gives the correctly rounded value, as strtod would.
	 */
	if (!exponent && ndigits <= 15)
	{
		uint64_t	m = 0;
		int			frac = 0;
		bool		in_frac = false;
		size_t		k;

		for (k = start; k < i; k++)
		{
			char		c = s[k];

			if (is_digit(c))
			{
				m = m * 10 + (uint64_t) (c - '0');
				frac += in_frac;
			}
			else if (c == '.')
				in_frac = true;
		}
		val = (double) m;
		if (frac > 0)
			val /= pow10_exact[frac];
		if (s[start] == '-')
			val = -val;
		p->pos = i;
		*out = val;
		return EST_OK;
	}

	/*
	 * strtod reads the number in place unless it would read more than we
	 * scanned ("5..7": strtod takes "5.") or separators must be dropped.
	 */
	errno = 0;
	if (!had_comma && s[i] != '.')
	{
		val = strtod(s + start, &end);
		if (end != s + i)
			return fail(p, EST_ERR_SYNTAX, "A number was expected at position %zu.", start + 1);
	}
	else
	{
		size_t		k;

		if (i - start >= NUMBUF_LEN)
			return fail(p, EST_ERR_SYNTAX, "The number at position %zu is too long.", start + 1);
		for (k = start; k < i; k++)
			if (s[k] != ',')
				buf[blen++] = s[k];
		buf[blen] = '\0';
		val = strtod(buf, &end);
		if (end != buf + blen)
			return fail(p, EST_ERR_SYNTAX, "A number was expected at position %zu.", start + 1);
	}
	/* as float8in: reject overflow and underflow to zero, keep subnormals */
	if (errno == ERANGE && (val == 0.0 || isinf(val)))
		return fail(p, EST_ERR_RANGE, "The number \"%.*s\" is out of range for double precision.",
					(int) (i - start > 64 ? 64 : i - start), s + start);
	if (!isfinite(val))
		return fail(p, EST_ERR_SYNTAX,
					"An estimate holds finite numbers only, not NaN or infinity.");

	p->pos = i;
	*out = val;
	return EST_OK;
}

/* Turn a validation failure of parsed parts into a syntax error. */
static EstStatus
finish_parsed(Parser *p, EstimateValue *v, double best, int has_low, double low,
			  int low_inc, int has_high, double high, int high_inc)
{
	const char *detail = NULL;

	if (est_make(v, best, has_low, low, low_inc, has_high, high, high_inc, &detail) != EST_OK)
		return fail(p, EST_ERR_SYNTAX, "%s", detail);
	return EST_OK;
}

/*
 * Look ahead inside brackets: is the range written "L..H" or "L to H"
 * (rather than "L,H")?  Only the text up to the first closing bracket counts.
 */
static bool
bracket_has_range_sep(const Parser *p)
{
	const char *c;

	for (c = p->s + p->pos; *c != '\0' && *c != ']' && *c != ')'; c++)
	{
		if (c[0] == '.' && c[1] == '.')
			return true;
		if ((c[0] == 't' || c[0] == 'T') && (c[1] == 'o' || c[1] == 'O') &&
			!is_alpha(c[2]) && (c == p->s || !is_alpha(c[-1])))
			return true;
		if ((unsigned char) c[0] == 0xe2 && (unsigned char) c[1] == 0x80 &&
			(unsigned char) c[2] == 0x93)
			return true;
	}
	return false;
}

/*
 * Parse a bracketed range after a best value: "[L,H]", "(L,)", "(,H]" with
 * PostgreSQL's range notation, or "(L..H)" / "[L to H]" with inclusive bounds.
 */
static EstStatus
parse_brackets(Parser *p, double best, EstimateValue *v)
{
	char		open = p->s[p->pos];
	double		low = 0,
				high = 0;
	bool		has_low,
				has_high;
	EstStatus	st;

	p->pos++;

	/* "L..H" (thousands separators allowed) or "L,H" */
	if (bracket_has_range_sep(p))
	{
		char		close;

		if ((st = scan_number(p, true, &low)) != EST_OK)
			return st;
		if (!accept_range_sep(p))
			return fail(p, EST_ERR_SYNTAX,
						"A range needs \",\" or \"..\" between its bounds (position %zu).", p->pos + 1);
		if ((st = scan_number(p, true, &high)) != EST_OK)
			return st;
		skip_space(p);
		close = p->s[p->pos];
		if (!((open == '[' && close == ']') || (open == '(' && close == ')')))
			return fail(p, EST_ERR_SYNTAX,
						"A range written with \"..\" must close with the bracket it opened with.");
		p->pos++;
		return finish_parsed(p, v, best, 1, low, 1, 1, high, 1);
	}

	/* PostgreSQL's "[L,H)" notation: ',' separates the bounds */
	has_low = at_number(p);
	if (has_low && (st = scan_number(p, false, &low)) != EST_OK)
		return st;
	if (!accept_sym(p, ","))
		return fail(p, EST_ERR_SYNTAX,
					"A range needs \",\" or \"..\" between its bounds (position %zu).", p->pos + 1);
	has_high = at_number(p);
	if (has_high && (st = scan_number(p, false, &high)) != EST_OK)
		return st;
	skip_space(p);
	if (p->s[p->pos] != ']' && p->s[p->pos] != ')')
		return fail(p, EST_ERR_SYNTAX,
					"A range must close with \"]\" or \")\" (position %zu).", p->pos + 1);
	if (!has_high && p->s[p->pos] == ']')
		return fail(p, EST_ERR_SYNTAX, "An unbounded side cannot be inclusive.");
	if (!has_low && open == '[')
		return fail(p, EST_ERR_SYNTAX, "An unbounded side cannot be inclusive.");
	p->pos++;
	return finish_parsed(p, v, best,
						 has_low, low, open == '[',
						 has_high, high, p->s[p->pos - 1] == ']');
}

/* Parse the forms that start with a number. */
static EstStatus
parse_leading_number(Parser *p, EstimateValue *v)
{
	double		a,
				b;
	EstStatus	st;

	if ((st = scan_number(p, true, &a)) != EST_OK)
		return st;
	if (accept_range_sep(p))
	{
		if ((st = scan_number(p, true, &b)) != EST_OK)
			return st;
		return finish_parsed(p, v, est_midpoint(a, b < a ? a : b), 1, a, 1, 1, b, 1);
	}
	skip_space(p);
	if (p->s[p->pos] == '[' || p->s[p->pos] == '(')
		return parse_brackets(p, a, v);
	return finish_parsed(p, v, a, 1, a, 1, 1, a, 1);
}

/* kinds of one-sided or unbounded prefixes */
typedef enum
{
	PFX_NONE, PFX_ABOUT, PFX_GT, PFX_GE, PFX_LT, PFX_LE
} Prefix;

/* Recognise a qualifier in symbols or words. */
static Prefix
parse_prefix(Parser *p)
{
	skip_space(p);
	if (accept_sym(p, ">="))
		return PFX_GE;
	if (accept_sym(p, "<="))
		return PFX_LE;
	if (accept_sym(p, ">"))
		return PFX_GT;
	if (accept_sym(p, "<"))
		return PFX_LT;
	if (accept_sym(p, "~"))
		return PFX_ABOUT;
	if (accept_word(p, "about") || accept_word(p, "some") ||
		accept_word(p, "approximately") || accept_word(p, "around") ||
		accept_word(p, "roughly") || accept_word(p, "circa"))
		return PFX_ABOUT;
	if (accept_word(p, "over") || accept_word(p, "above"))
		return PFX_GT;
	if (accept_word(p, "under") || accept_word(p, "below"))
		return PFX_LT;
	if (accept_word(p, "up"))
		return accept_word(p, "to") ? PFX_LE : PFX_NONE;
	if (accept_word(p, "more"))
		return accept_word(p, "than") ? PFX_GT : PFX_NONE;
	if (accept_word(p, "fewer") || accept_word(p, "less"))
		return accept_word(p, "than") ? PFX_LT : PFX_NONE;
	if (accept_word(p, "at"))
	{
		if (accept_word(p, "least"))
			return PFX_GE;
		if (accept_word(p, "most"))
			return PFX_LE;
		return PFX_NONE;
	}
	if (accept_word(p, "as"))
		return (accept_word(p, "many") && accept_word(p, "as")) ? PFX_LE : PFX_NONE;
	if (accept_word(p, "no"))
	{
		if (accept_word(p, "more"))
			return accept_word(p, "than") ? PFX_LE : PFX_NONE;
		if (accept_word(p, "fewer") || accept_word(p, "less"))
			return accept_word(p, "than") ? PFX_GE : PFX_NONE;
		return PFX_NONE;
	}
	return PFX_NONE;
}

EstStatus
est_parse(const char *str, EstimateValue *v, char *errbuf, size_t errlen)
{
	Parser		p;
	EstStatus	st;
	size_t		save;
	Prefix		pfx;
	double		a,
				b;

	p.s = str;
	p.pos = 0;
	p.errbuf = errbuf;
	p.errlen = errlen;
	if (errbuf != NULL && errlen > 0)
		errbuf[0] = '\0';

	skip_space(&p);
	if (str[p.pos] == '\0')
		return fail(&p, EST_ERR_SYNTAX, "The input is empty.");

	if (at_number(&p))
		st = parse_leading_number(&p, v);	/* the common case first */
	else if (accept_word(&p, "between"))
	{
		if ((st = scan_number(&p, true, &a)) != EST_OK)
			return st;
		if (!accept_word(&p, "and"))
			return fail(&p, EST_ERR_SYNTAX, "\"between\" needs \"and\" between its two numbers.");
		if ((st = scan_number(&p, true, &b)) != EST_OK)
			return st;
		st = finish_parsed(&p, v, est_midpoint(a, b < a ? a : b), 1, a, 1, 1, b, 1);
	}
	else
	{
		save = p.pos;
		pfx = parse_prefix(&p);
		if (pfx == PFX_NONE)
		{
			if (p.pos != save)
				return fail(&p, EST_ERR_SYNTAX,
							"The qualifier at position %zu is incomplete.", save + 1);
			if (!at_number(&p))
			{
				/* let scan_number name NaN/infinity or say a number is wanted */
				if ((st = scan_number(&p, true, &a)) != EST_OK)
					return st;
			}
			st = parse_leading_number(&p, v);
		}
		else
		{
			if ((st = scan_number(&p, true, &a)) != EST_OK)
				return st;
			switch (pfx)
			{
				case PFX_ABOUT:
					st = finish_parsed(&p, v, a, 0, 0, 0, 0, 0, 0);
					break;
				case PFX_GT:
					st = finish_parsed(&p, v, a, 1, a, 0, 0, 0, 0);
					break;
				case PFX_GE:
					st = finish_parsed(&p, v, a, 1, a, 1, 0, 0, 0);
					break;
				case PFX_LT:
					st = finish_parsed(&p, v, a, 0, 0, 0, 1, a, 0);
					break;
				case PFX_LE:
				default:
					st = finish_parsed(&p, v, a, 0, 0, 0, 1, a, 1);
					break;
			}
		}
	}
	if (st != EST_OK)
		return st;

	skip_space(&p);
	if (str[p.pos] != '\0')
		return fail(&p, EST_ERR_SYNTAX, "Unexpected text \"%.20s\" at position %zu.",
					str + p.pos, p.pos + 1);
	return EST_OK;
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
static EstStatus
check_parts(const EstimateValue *v, const char **detail)
{
	bool		has_low = (v->flags & EST_HAS_LOW) != 0;
	bool		has_high = (v->flags & EST_HAS_HIGH) != 0;

	if (isnan(v->best) || isnan(v->low) || isnan(v->high))
	{
		*detail = "An estimate holds finite numbers only, not NaN or infinity.";
		return EST_ERR_INVALID;
	}
	if (isinf(v->best) || isinf(v->low) || isinf(v->high))
	{
		*detail = "An estimate holds finite numbers only, not NaN or infinity.";
		return EST_ERR_RANGE;
	}
	if (has_low && has_high && v->low > v->high)
	{
		*detail = "The lower bound is greater than the upper bound.";
		return EST_ERR_INVALID;
	}
	if (has_low && has_high && v->low == v->high &&
		(v->flags & (EST_LOW_INC | EST_HIGH_INC)) != (EST_LOW_INC | EST_HIGH_INC))
	{
		*detail = "The range admits no value.";
		return EST_ERR_INVALID;
	}
	if ((has_low && v->best < v->low) || (has_high && v->best > v->high))
	{
		*detail = "The best value lies outside its own range.";
		return EST_ERR_INVALID;
	}
	return EST_OK;
}

EstStatus
est_make(EstimateValue *v, double best, int has_low, double low, int low_inc,
		 int has_high, double high, int high_inc, const char **detail)
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

EstStatus
est_validate(const EstimateValue *v, const char **detail)
{
	int			i;

	if (v->version != EST_VERSION)
	{
		*detail = "The value has an unknown format version.";
		return EST_ERR_INVALID;
	}
	for (i = 0; i < (int) sizeof(v->reserved); i++)
		if (v->reserved[i] != 0)
		{
			*detail = "Reserved bytes of the value are not zero.";
			return EST_ERR_INVALID;
		}
	if (v->flags & ~EST_FLAGS_MASK)
	{
		*detail = "The value has unknown flag bits set.";
		return EST_ERR_INVALID;
	}
	if (((v->flags & EST_LOW_INC) && !(v->flags & EST_HAS_LOW)) ||
		((v->flags & EST_HIGH_INC) && !(v->flags & EST_HAS_HIGH)))
	{
		*detail = "An unbounded side cannot be inclusive.";
		return EST_ERR_INVALID;
	}
	if ((!(v->flags & EST_HAS_LOW) && (v->low != 0.0 || signbit(v->low))) ||
		(!(v->flags & EST_HAS_HIGH) && (v->high != 0.0 || signbit(v->high))))
	{
		*detail = "An unbounded side must store zero.";
		return EST_ERR_INVALID;
	}
	if ((v->best == 0.0 && signbit(v->best)) ||
		(v->low == 0.0 && signbit(v->low)) ||
		(v->high == 0.0 && signbit(v->high)))
	{
		*detail = "Negative zero is stored as zero.";
		return EST_ERR_INVALID;
	}
	return check_parts(v, detail);
}

/*
 * PostgreSQL's shortest round-trip formatter (common/d2s.c, Ryu), which
 * float8out uses whenever extra_float_digits > 0.  The server exports it;
 * tests and fuzz targets link libpgcommon.a.  Declared here so that this
 * file stays free of server headers.
 */
extern int	double_to_shortest_decimal_buf(double f, char *result);

size_t
est_format_double(double d, char *buf)
{
	return (size_t) double_to_shortest_decimal_buf(d, buf);
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
	char		b[EST_DOUBLE_BUFLEN],
				l[EST_DOUBLE_BUFLEN],
				h[EST_DOUBLE_BUFLEN];
	bool		has_low = (v->flags & EST_HAS_LOW) != 0;
	bool		has_high = (v->flags & EST_HAS_HIGH) != 0;

	est_format_double(v->best, b);
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
			est_format_double(v->low, l);
			est_format_double(v->high, h);
			return (size_t) sprintf(buf, "%s..%s", l, h);
		case SHAPE_GENERAL:
		default:
			l[0] = h[0] = '\0';
			if (has_low)
				est_format_double(v->low, l);
			if (has_high)
				est_format_double(v->high, h);
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

/* Format d for people: thousands separators unless it needs an exponent. */
static size_t
format_grouped(double d, char *buf)
{
	char		raw[EST_DOUBLE_BUFLEN];
	const char *r = raw;
	char	   *o = buf;
	size_t		intlen;

	est_format_double(d, raw);
	if (strchr(raw, 'e') != NULL)
		return (size_t) sprintf(buf, "%s", raw);
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

size_t
est_describe(const EstimateValue *v, char *buf)
{
	char		b[EST_DOUBLE_BUFLEN * 2],
				l[EST_DOUBLE_BUFLEN * 2],
				h[EST_DOUBLE_BUFLEN * 2];
	bool		has_low = (v->flags & EST_HAS_LOW) != 0;
	bool		has_high = (v->flags & EST_HAS_HIGH) != 0;
	const char *lw = (v->flags & EST_LOW_INC) ? "at least" : "more than";
	const char *hw = (v->flags & EST_HIGH_INC) ? "at most" : "fewer than";

	format_grouped(v->best, b);
	if (has_low)
		format_grouped(v->low, l);
	if (has_high)
		format_grouped(v->high, h);
	switch (shape_of(v))
	{
		case SHAPE_EXACT:
			return (size_t) sprintf(buf, "%s", b);
		case SHAPE_ABOUT:
			return (size_t) sprintf(buf, "about %s", b);
		case SHAPE_GT:
		case SHAPE_GE:
			return (size_t) sprintf(buf, "%s %s", lw, b);
		case SHAPE_LT:
		case SHAPE_LE:
			return (size_t) sprintf(buf, "%s %s", hw, b);
		case SHAPE_RANGE:
			return (size_t) sprintf(buf, "%s to %s", l, h);
		case SHAPE_GENERAL:
		default:
			if (has_low && has_high && (v->flags & EST_LOW_INC) && (v->flags & EST_HIGH_INC))
				return (size_t) sprintf(buf, "%s (%s to %s)", b, l, h);
			if (has_low && has_high)
				return (size_t) sprintf(buf, "%s (%s %s, %s %s)", b, lw, l, hw, h);
			if (has_low)
				return (size_t) sprintf(buf, "%s (%s %s)", b, lw, l);
			return (size_t) sprintf(buf, "%s (%s %s)", b, hw, h);
	}
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

int
est_equal(const EstimateValue *a, const EstimateValue *b)
{
	return est_compare(a, b) == 0;
}

int
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

int
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
static EstStatus
finish_arith(EstimateValue *r, double best, bool has_low, double low, bool low_inc,
			 bool has_high, double high, bool high_inc)
{
	if (!isfinite(best) || (has_low && !isfinite(low)) || (has_high && !isfinite(high)))
		return EST_ERR_RANGE;
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
	return EST_OK;
}

EstStatus
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

EstStatus
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
static EstStatus
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

EstStatus
est_mul(EstimateValue *r, const EstimateValue *a, double k)
{
	if (isnan(k))
		return EST_ERR_INVALID;
	if (isinf(k))
		return EST_ERR_RANGE;
	if (k == 0.0)
		return finish_arith(r, 0.0, true, 0.0, true, true, 0.0, true);
	return scale(r, a, k, false);
}

EstStatus
est_div(EstimateValue *r, const EstimateValue *a, double k)
{
	if (isnan(k))
		return EST_ERR_INVALID;
	if (k == 0.0)
		return EST_ERR_DIVZERO;
	if (isinf(k))
		return EST_ERR_RANGE;
	return scale(r, a, k, true);
}
