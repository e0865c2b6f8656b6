/*
 * estimate_text.c
 *		The estimate's text output: the canonical form (the shortest that
 *		reads back exactly), its qualifier, the text for people (rounded for
 *		reading and still true) and rounding at decimal places, which share
 *		one decimal rounding of the number a double stands for.
 *
 * No server headers: linked into the extension, the unit tests and the fuzz
 * targets alike.
 */
#include "estimate_core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Write the form of v's canonical text, without the approximate mark. */
static size_t
est_format_form(const EstimateValue *v, char *buf)
{
	char		b[CS_DOUBLE_BUFLEN],
				l[CS_DOUBLE_BUFLEN],
				h[CS_DOUBLE_BUFLEN];
	bool		has_low = (v->flags & EST_HAS_LOW) != 0;
	bool		has_high = (v->flags & EST_HAS_HIGH) != 0;

	cs_format_double(v->best, b);
	switch (est_shape(v))
	{
		case EST_SHAPE_EXACT:
			return (size_t) sprintf(buf, "%s", b);
		case EST_SHAPE_ABOUT:
			return (size_t) sprintf(buf, "~%s", b);
		case EST_SHAPE_GT:
			return (size_t) sprintf(buf, ">%s", b);
		case EST_SHAPE_GE:
			return (size_t) sprintf(buf, ">=%s", b);
		case EST_SHAPE_LT:
			return (size_t) sprintf(buf, "<%s", b);
		case EST_SHAPE_LE:
			return (size_t) sprintf(buf, "<=%s", b);
		case EST_SHAPE_RANGE:
			cs_format_double(v->low, l);
			cs_format_double(v->high, h);
			return (size_t) sprintf(buf, "%s..%s", l, h);
		case EST_SHAPE_GENERAL:
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

/*
 * Write the canonical text of v; returns its length.  The approximate mark
 * is a "~" before the form (the form "~B" has both sides open instead).
 */
size_t
est_format(const EstimateValue *v, char *buf)
{
	if (v->flags & EST_APPROX)
	{
		buf[0] = '~';
		return 1 + est_format_form(v, buf + 1);
	}
	return est_format_form(v, buf);
}

/*
 * Give the qualifier matching the canonical form's shape: an approximate
 * one-sided figure is "nearly" or "just over", an approximate range "about
 * range".
 */
const char *
est_qualifier(const EstimateValue *v)
{
	bool		approx = (v->flags & EST_APPROX) != 0;

	switch (est_shape(v))
	{
		case EST_SHAPE_EXACT:
			return "exact";
		case EST_SHAPE_ABOUT:
			return "about";
		case EST_SHAPE_GT:
			return approx ? "just over" : "more than";
		case EST_SHAPE_GE:
			return approx ? "just over" : "at least";
		case EST_SHAPE_LT:
			return approx ? "nearly" : "fewer than";
		case EST_SHAPE_LE:
			return approx ? "nearly" : "at most";
		case EST_SHAPE_RANGE:
		case EST_SHAPE_GENERAL:
		default:
			return approx ? "about range" : "range";
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
	bool		approx = (v->flags & EST_APPROX) != 0;
	const char *about;

	if (approx)
	{
		/* "nearly 1,000,000", "just over 900,000": the soft words */
		lw = "just over";
		hw = "nearly";
	}
	if (has_low)
		format_reading(v->low, digits, ROUND_DOWN, l, NULL);
	if (has_high)
		format_reading(v->high, digits, ROUND_UP, h, NULL);
	switch (est_shape(v))
	{
		case EST_SHAPE_EXACT:
			format_reading(v->best, digits, ROUND_NEAREST, b, &changed);
			return (size_t) sprintf(buf, "%s%s", changed ? "about " : "", b);
		case EST_SHAPE_ABOUT:
			format_reading(v->best, digits, ROUND_NEAREST, b, NULL);
			return (size_t) sprintf(buf, "about %s", b);
		case EST_SHAPE_GT:
		case EST_SHAPE_GE:
			return (size_t) sprintf(buf, "%s %s", lw, l);
		case EST_SHAPE_LT:
		case EST_SHAPE_LE:
			return (size_t) sprintf(buf, "%s %s", hw, h);
		case EST_SHAPE_RANGE:
			return (size_t) sprintf(buf, "%s%s to %s", approx ? "about " : "", l, h);
		case EST_SHAPE_GENERAL:
		default:
			format_reading(v->best, digits, ROUND_NEAREST, b, &changed);
			about = (changed || approx) ? "about " : "";
			if (approx)
			{
				/* the bounds of an approximate figure are plain bounds */
				lw = (v->flags & EST_LOW_INC) ? "at least" : "more than";
				hw = (v->flags & EST_HIGH_INC) ? "at most" : "fewer than";
			}
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

/* Round an estimate at decimal places (see estimate_core.h). */
CsStatus
est_round(EstimateValue *r, const EstimateValue *a, int places)
{
	Rounded		d;
	double		best,
				low = 0,
				high = 0;

	uint8_t		marks = est_marks_of(a);
	CsStatus	st;

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
	st = est_make_result(r, best,
						 (a->flags & EST_HAS_LOW) != 0, low, (a->flags & EST_LOW_INC) != 0,
						 (a->flags & EST_HAS_HIGH) != 0, high, (a->flags & EST_HIGH_INC) != 0);
	/* rounding keeps the marks: a rounded figure is as soft as it was */
	if (st == CS_OK)
		est_mark(r, marks);
	return st;
}
