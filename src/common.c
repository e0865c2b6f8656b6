/*
 * common.c
 *		The common plain-C layer: detail sentences and how they are cut, the
 *		number grammar, and the scanner of lists of rows (see common.h).
 *
 * The calendar and the text form of times are in common_calendar.c, the
 * key=value summary forms and the codecs driven by a type's descriptor in
 * common_codec.c.  The server keeps LC_NUMERIC at "C", so strtod reads '.'
 * as the decimal point here as in the unit tests.
 */
#include "common.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/shortest_dec.h"

size_t		(*cs_clip_hook) (const char *s, size_t limit) = NULL;

/*
 * Give the length of the UTF-8 sequence starting at u: 1 for a byte that
 * starts none or starts one cut short (it stands alone), or the number of
 * bytes the lead byte announces when fewer than that are left (so that the
 * caller clips before it).
 */
static inline size_t
utf8_seq_len(const unsigned char *u, size_t left)
{
	size_t		n,
				i;

	if (u[0] < 0xC2 || u[0] > 0xF4)
		return 1;				/* ASCII, a continuation byte, or no lead byte */
	n = u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
	if (n > left)
		return n;
	/* stop at the first byte that continues nothing (a NUL among them) */
	for (i = 1; i < n; i++)
		if ((u[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

/* Give the longest start of at most limit bytes that ends between characters. */
size_t
cs_clip_len(const char *s, size_t len, size_t limit)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t		i = 0;

	if (limit > len)
		limit = len;
	if (cs_clip_hook != NULL)
		return cs_clip_hook(s, limit);
	while (i < limit && u[i] != '\0')
	{
		size_t		n = utf8_seq_len(u + i, limit - i);

		if (i + n > limit)
			break;
		i += n;
	}
	return i;
}

/* Write a detail sentence from a va_list, cut between characters if need be. */
CsStatus
cs_verror(char *errbuf, size_t errlen, CsStatus st, const char *fmt, va_list ap)
{
	if (errbuf != NULL && errlen > 0)
	{
		int			n = vsnprintf(errbuf, errlen, fmt, ap);

		/* vsnprintf cut the sentence at a byte: cut it at a character */
		if (n > 0 && (size_t) n >= errlen)
			errbuf[cs_clip_len(errbuf, errlen - 1, errlen - 1)] = '\0';
	}
	return st;
}

/* Write a detail sentence into errbuf when there is one; give st back. */
CsStatus
cs_error(char *errbuf, size_t errlen, CsStatus st, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	cs_verror(errbuf, errlen, st, fmt, ap);
	va_end(ap);
	return st;
}

/* ---- numbers ------------------------------------------------------------- */

/* the powers of ten that doubles hold exactly (see common.h) */
const double cs_pow10[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/*
 * The significant digits the slow path hands to strtod.  A decimal needs at
 * most 768 significant digits to decide its nearest double; beyond those,
 * the digits dropped count only as "some nonzero digit follows", which one
 * last digit 1 keeps, so longer numbers round exactly as written.
 */
#define CS_SIG_DIGITS		800

/*
 * Give the length of a thousands separator at p, or 0: ',' or a space, a
 * no-break space (U+00A0), a narrow no-break space (U+202F) or a thin space
 * (U+2009) in UTF-8.
 */
static inline size_t
group_sep_len(const char *p, int flags)
{
	if (*p == ' ' || (*p == ',' && !(flags & CS_NUM_NO_COMMA)))
		return 1;
	return cs_wide_space_len(p);
}

/* Give the length of a sign at p ('+', '-', or the minus sign when allowed), or 0. */
static inline size_t
sign_len(const char *p, int flags, bool *negative)
{
	if (*p == '+' || *p == '-')
	{
		*negative = *p == '-';
		return 1;
	}
	if ((flags & CS_NUM_MINUS_SIGN) && strncmp(p, CS_MINUS_SIGN, CS_MINUS_SIGN_LEN) == 0)
	{
		*negative = true;
		return CS_MINUS_SIGN_LEN;
	}
	return 0;
}

/*
 * Add the run of digits at p to the decimal d (frac: they follow the point)
 * and give the end of the run.  Leading zeros are not significant; the
 * first 19 significant digits go to the mantissa, any further ones only
 * make it inexact (the slow conversion reads them from the text).  One
 * tight loop over the digits: every number of every text form passes here.
 */
static inline const char *
decimal_digits(CsDecimal *d, const char *p, bool frac)
{
	const char *start = p;
	uint64_t	mant = d->mant;
	int			nsig = d->nsig;

	if (nsig == 0)
		while (*p == '0')
			p++;
	while (nsig < 19 && cs_is_digit(*p))
	{
		mant = mant * 10 + (uint64_t) (*p++ - '0');
		nsig++;
	}
	for (; cs_is_digit(*p); p++)
	{
		d->exact = false;
		nsig++;
	}
	if (nsig > 0)
		d->zero = false;
	d->mant = mant;
	d->nsig = nsig;
	if (frac)
		d->frac_digits += (int) (p - start);
	return p;
}

/* Scan a number of the one grammar, in all its forms (see common.h). */
CsStatus
cs_scan_decimal_full(const char *s, int flags, const char *base, size_t *len,
					 CsDecimal *d, char *errbuf, size_t errlen)
{
	const char *p = s;
	size_t		pos = (size_t) (s - base) + 1;
	bool		any = false;

	/* each field set once: a memset of the whole would cost every number */
	d->negative = false;
	d->zero = true;
	d->exact = true;
	d->nsig = 0;
	d->mant = 0;
	d->frac_digits = 0;
	d->exp_value = 0;
	d->src = s;
	d->mant_end = s;
	d->end = s;
	memset(d->sep, 0, sizeof(d->sep));
	d->sep_len = 0;
	p += sign_len(p, flags, &d->negative);

	/* the integer part */
	if (cs_is_digit(*p))
	{
		const char *run = p;
		size_t		seplen;

		p = decimal_digits(d, p, false);
		any = true;
		/*
		 * A comma after digits is a thousands separator; a space is one only
		 * after a first group of one to three digits ("600 000"), not after
		 * "600000", where it ends the number.
		 */
		if ((flags & CS_NUM_GROUPS) && (seplen = group_sep_len(p, flags)) > 0 &&
			cs_is_digit(p[seplen]) && (*p == ',' || p - run <= 3))
		{
			char		sep[4];

			/* "0,600" is a decimal comma, not six hundred */
			if (p - run > 3)
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"Thousands separators must separate groups of three digits (position %zu).",
								(size_t) (p - base) + 1);
			if (*run == '0')
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"A number with thousands separators cannot start with 0 (position %zu).",
								pos);
			memcpy(sep, p, seplen);
			d->sep_len = seplen;
			while ((seplen == 1 ? *p == sep[0] : strncmp(p, sep, seplen) == 0) &&
				   cs_is_digit(p[seplen]))
			{
				const char *group = p + seplen;
				int			g;

				p = decimal_digits(d, group, false);
				g = (int) (p - group);
				if (g != 3)
					return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
									"Thousands separators must separate groups of three digits (position %zu).",
									(size_t) (p - base) + 1 - (size_t) g);
			}
			memcpy(d->sep, sep, seplen);
		}
	}
	/* one grammar for every form: decimal only */
	if (any && (*p == 'x' || *p == 'X') && p - s >= 1 && p[-1] == '0' &&
		(p - s == 1 || !cs_is_digit(p[-2])))
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"Numbers are written in decimal: hexadecimal \"0x\" is not accepted (position %zu).",
						pos);
	/* the fraction: a '.' belongs to the number only when a digit follows */
	if (*p == '.' && cs_is_digit(p[1]))
	{
		p = decimal_digits(d, p + 1, true);
		any = true;
	}
	if (!any)
	{
		if (*p == '\0')
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"A number is missing at the end of the input.");
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"A number was expected at position %zu.", pos);
	}
	d->mant_end = p;
	/* the exponent, when digits follow the 'e' */
	if (*p == 'e' || *p == 'E')
	{
		const char *q = p + 1;
		bool		eneg = false;

		q += sign_len(q, flags, &eneg);
		if (!cs_is_digit(*q) && !cs_is_alpha(*q))
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"The exponent at position %zu has no digits.",
							(size_t) (p - base) + 1);
		if (cs_is_digit(*q))
		{
			int			e = 0;

			while (cs_is_digit(*q))
			{
				/* saturate: any exponent this large overflows or underflows */
				if (e < 100000)
					e = e * 10 + (*q - '0');
				q++;
			}
			d->exp_value = eneg ? -e : e;
			p = q;
		}
	}
	d->end = p;
	*len = (size_t) (p - s);
	return CS_OK;
}

/* Convert a scanned number times 10^shift to the nearest double. */
CsStatus
cs_decimal_to_double(const CsDecimal *d, int shift, double *out)
{
	char		buf[CS_SIG_DIGITS + 32];
	size_t		n = 0,
				sig = 0;
	bool		sticky = false;
	const char *p;
	char	   *end;
	double		v;
	int64_t		e;

	if (d->zero)
	{
		*out = d->negative ? -0.0 : 0.0;
		return CS_OK;
	}
	/* value = mant * 10^e when the mantissa holds every digit */
	e = d->exp_value - d->frac_digits + shift;
	if (d->exact && d->mant < CS_EXACT_MANT)
	{
		/* one multiplication or division of exact doubles: one rounding */
		if (e >= 0 && e <= 22)
		{
			v = (double) d->mant * cs_pow10[e];
			*out = d->negative ? -v : v;
			return CS_OK;
		}
		if (e < 0 && e >= -22)
		{
			v = (double) d->mant / cs_pow10[-e];
			*out = d->negative ? -v : v;
			return CS_OK;
		}
	}

	/*
	 * Otherwise strtod reads the significant digits, without separators or
	 * leading zeros; the digits past CS_SIG_DIGITS raise the exponent and
	 * leave a sticky 1 when any of them is nonzero.
	 */
	if (d->negative)
		buf[n++] = '-';
	for (p = d->src; p < d->mant_end; p++)
	{
		if (cs_is_digit(*p))
		{
			if (sig == 0 && *p == '0')
				continue;
			if (sig < CS_SIG_DIGITS - 1)
				buf[n++] = *p;
			else
			{
				sticky |= *p != '0';
				e++;
			}
			sig++;
		}
		else if (d->sep_len > 0 && strncmp(p, d->sep, d->sep_len) == 0)
			p += d->sep_len - 1;
	}
	if (sig >= CS_SIG_DIGITS)
	{
		buf[n++] = sticky ? '1' : '0';
		e--;
	}
	n += (size_t) snprintf(buf + n, sizeof(buf) - n, "e%lld", (long long) e);
	errno = 0;
	v = strtod(buf, &end);
	/* as float8in: reject overflow and underflow to zero, keep subnormals */
	if (!isfinite(v) || v == 0.0)
		return CS_ERR_RANGE;
	*out = v;
	return CS_OK;
}

/* Scan a number and convert it to a double, in the whole grammar. */
CsStatus
cs_scan_number_full(const char *s, int flags, const char *base, size_t *len,
					double *out, char *errbuf, size_t errlen)
{
	CsDecimal	d;
	CsStatus	st;

	st = cs_scan_decimal_full(s, flags, base, len, &d, errbuf, errlen);
	if (st != CS_OK)
		return st;
	st = cs_decimal_to_double(&d, 0, out);
	if (st == CS_ERR_RANGE)
		return cs_error(errbuf, errlen, st,
						"The number \"%.*s\" is out of range for double precision.",
						(int) cs_clip_len(s, *len, 64), s);
	return st;
}

/* Write the shortest decimal that reads back to d (float8out's layout). */
size_t
cs_format_double(double d, char *buf)
{
	return (size_t) double_to_shortest_decimal_buf(d, buf);
}

/* ---- lists of (time, value) rows ----------------------------------------- */

void		(*cs_progress_hook) (void) = NULL;

/* Bound the number of rows in a text form from above (see common.h). */
size_t
cs_rows_count_bound(const char *str)
{
	size_t		n = 0,
				len = 0;

	for (; str[len]; len++)
	{
		if (str[len] == '(')
			n++;
		if ((len & 0xfffff) == 0xfffff)
			cs_progress();
	}
	/* a row takes 14 characters at least: (0000-01-01,0) */
	if (n > len / 14 + 1)
		n = len / 14 + 1;
	return n;
}

/* Say whether p starts the word NULL, in any case. */
static bool
at_null(const char *p)
{
	return (p[0] | 0x20) == 'n' && (p[1] | 0x20) == 'u' && (p[2] | 0x20) == 'l' &&
		(p[3] | 0x20) == 'l' && !cs_is_alpha(p[4]);
}

/* Scan a list of rows (see common.h). */
CsStatus
cs_scan_rows(const char *str, const char *p, const CsRowsSpec *spec,
			 CsRowFn put, void *arg, size_t cap, size_t *n, bool *calendar,
			 char *errbuf, size_t errlen)
{
	size_t		count = 0;
	CsTimeKind	kind = CS_TIME_INSTANT;

	*n = 0;
	*calendar = false;
	p = cs_skip_space(p + 1);
	if (*p != '}')
	{
		for (;;)
		{
			size_t		len;
			CsTimeKind	k;
			CsStatus	st;
			int64_t		at;
			double		value = 0;
			bool		null = false;

			if (*p != '(')
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"%s %lu does not start with \"(\".", spec->row, (unsigned long) (count + 1));
			if (count >= cap)
				return cs_error(errbuf, errlen,
								count >= spec->max_rows ? CS_ERR_LIMIT : CS_ERR_SYNTAX,
								"%c%s holds at most %lu %s.", spec->holder[0] - 'a' + 'A',
								spec->holder + 1, (unsigned long) spec->max_rows, spec->rows);
			/* the time */
			p = cs_skip_space(p + 1);
			st = cs_parse_time(p, str, &len, &at, &k, errbuf, errlen);
			if (st != CS_OK)
				return st;
			if (count > 0 && k != kind)
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"%s %lu has %s, the %s before it %s: %s holds times of one kind.",
								spec->row, (unsigned long) (count + 1),
								k == CS_TIME_CALENDAR ? "a calendar time" : "an instant", spec->rows,
								k == CS_TIME_CALENDAR ? "instants" : "calendar times", spec->holder);
			kind = k;
			p = cs_skip_space(p + len);
			if (*p != ',')
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"%s %lu needs \",\" between its time and its %s (position %zu).",
								spec->row, (unsigned long) (count + 1), spec->value,
								(size_t) (p - str) + 1);
			/* the value */
			p = cs_skip_space(p + 1);
			if (spec->nulls && at_null(p))
			{
				null = true;
				len = 4;
			}
			else
			{
				st = cs_scan_number(p, 0, str, &len, &value, errbuf, errlen);
				if (st == CS_ERR_RANGE)
					return cs_error(errbuf, errlen, CS_ERR_RANGE,
									"%s %lu has a %s too large for a double.",
									spec->row, (unsigned long) (count + 1), spec->value);
				if (st != CS_OK)
					return st;
			}
			put(arg, count, at, value, null);
			count++;
			if ((count & 0xffff) == 0)
				cs_progress();
			p = cs_skip_space(p + len);
			if (*p != ')')
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"%s %lu does not end with \")\" (position %zu).",
								spec->row, (unsigned long) count, (size_t) (p - str) + 1);
			p = cs_skip_space(p + 1);
			if (*p == ',')
			{
				p = cs_skip_space(p + 1);
				continue;
			}
			if (*p == '}')
				break;
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"Expected \",\" or \"}\" after %c%s %lu.", spec->row[0] - 'A' + 'a',
							spec->row + 1, (unsigned long) count);
		}
	}
	p = cs_skip_space(p + 1);
	if (*p != '\0')
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "Unexpected text after the closing \"}\".");
	*n = count;
	*calendar = kind == CS_TIME_CALENDAR && count > 0;
	return CS_OK;
}
