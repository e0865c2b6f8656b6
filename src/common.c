/*
 * common.c
 *		The common plain-C layer: detail sentences, the number grammar, the
 *		calendar, the text form of times, the key=value summary forms and
 *		the codecs driven by a type's descriptor (see common.h).
 *
 * The server keeps LC_NUMERIC at "C", so strtod reads '.' as the decimal
 * point here as in the unit tests.
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

/* Say whether n bytes at p are all zero. */
bool
cs_all_zero(const uint8_t *p, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

/* Write rows of (time, value) in their wire form (see common.h). */
void
cs_wire_put_rows(uint8_t *buf, const void *rows, size_t n)
{
	const uint8_t *r = rows;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		uint64_t	at,
					bits;

		if ((i & 0xffff) == 0xffff)
			cs_progress();
		memcpy(&at, r, sizeof(at));
		memcpy(&bits, r + 8, sizeof(bits));
		cs_put_be64(buf, at);
		cs_put_be64(buf + 8, bits);
		r += CS_WIRE_ROW_SIZE;
		buf += CS_WIRE_ROW_SIZE;
	}
}

/* Read rows of (time, value) from their wire form. */
void
cs_wire_get_rows(const uint8_t *buf, void *rows, size_t n)
{
	uint8_t    *r = rows;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		uint64_t	at = cs_get_be64(buf),
					bits = cs_get_be64(buf + 8);

		if ((i & 0xffff) == 0xffff)
			cs_progress();
		memcpy(r, &at, sizeof(at));
		memcpy(r + 8, &bits, sizeof(bits));
		r += CS_WIRE_ROW_SIZE;
		buf += CS_WIRE_ROW_SIZE;
	}
}

/* Turn -0 values into +0 in rows of (time, value). */
void
cs_rows_plus_zero(void *rows, size_t n)
{
	uint8_t    *value = (uint8_t *) rows + 8;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		double		v;

		if ((i & 0xffff) == 0xffff)
			cs_progress();
		memcpy(&v, value, sizeof(v));
		if (v == 0.0)
		{
			v = 0.0;
			memcpy(value, &v, sizeof(v));
		}
		value += CS_WIRE_ROW_SIZE;
	}
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

/* ---- the calendar -------------------------------------------------------- */

/*
 * Count days from 2000-01-01 (H. Hinnant's days_from_civil, with March as
 * the first month of the computational year).
 */
int64_t
cs_days_from_civil(int64_t y, int m, int d)
{
	int64_t		era,
				yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 - 10957;
}

/* Turn days since 2000-01-01 into a date (the inverse of the above). */
void
cs_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
	int64_t		z = days + 719468 + 10957;
	int64_t		era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;

	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Give the days of a month of the proleptic Gregorian calendar. */
int
cs_days_in_month(int64_t y, int m)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

/* beyond these steps no result is in range, and no sum below overflows */
#define MAX_MONTHS			(INT64_C(12) * 600000)
#define MAX_DAYS			(INT64_C(366) * 600000)

/* Say whether steps of months and days are too large to give a time in range. */
static inline bool
steps_too_large(int64_t months, int64_t days)
{
	return months > MAX_MONTHS || months < -MAX_MONTHS ||
		days > MAX_DAYS || days < -MAX_DAYS;
}

/*
 * Move a day by months, its day of the month clipped to the month's length,
 * then by days, as timestamp + interval moves a date.  No range check: the
 * callers bound the day and the steps, so nothing overflows.
 */
static int64_t
calendar_step(int64_t day, int64_t months, int64_t days)
{
	if (months != 0)
	{
		int64_t		y,
					total;
		int			m,
					d,
					dim;

		cs_civil_from_days(day, &y, &m, &d);
		total = y * 12 + (m - 1) + months;
		y = cs_floor_div(total, 12);
		m = (int) (total - y * 12) + 1;
		dim = cs_days_in_month(y, m);
		if (d > dim)
			d = dim;
		day = cs_days_from_civil(y, m, d);
	}
	return day + days;
}

/* Add microseconds to a time in range, staying in range. */
static inline CsStatus
add_usecs(int64_t t, int64_t usecs, int64_t *out)
{
	/* the comparisons cannot overflow */
	if ((usecs > 0 && t > CS_TS_END - 1 - usecs) ||
		(usecs < 0 && t < CS_TS_MIN - usecs))
		return CS_ERR_TIME_RANGE;
	*out = t + usecs;
	return CS_OK;
}

/* Add months, days and microseconds to a calendar time, as timestamp + interval. */
CsStatus
cs_calendar_add(int64_t t, int64_t months, int64_t days, int64_t usecs, int64_t *out)
{
	if (!cs_time_in_range(t) || steps_too_large(months, days))
		return CS_ERR_TIME_RANGE;
	if (months != 0 || days != 0)
	{
		int64_t		day = cs_floor_div(t, CS_USECS_PER_DAY);
		int64_t		tod = t - day * CS_USECS_PER_DAY;

		day = calendar_step(day, months, days);
		/* the day must be in range before it is turned into microseconds */
		if (day < CS_TS_MIN / CS_USECS_PER_DAY || day >= CS_TS_END / CS_USECS_PER_DAY)
			return CS_ERR_TIME_RANGE;
		t = day * CS_USECS_PER_DAY + tod;
	}
	return add_usecs(t, usecs, out);
}

/* Give the instant of a local time in a zone, if it is in range. */
CsStatus
cs_zone_instant_of_local(const CsZone *zone, int64_t local, int64_t *out)
{
	int64_t		t;

	if (__builtin_sub_overflow(local, zone->offset_at_local(zone->arg, local), &t) ||
		!cs_time_in_range(t))
		return CS_ERR_TIME_RANGE;
	*out = t;
	return CS_OK;
}

/*
 * Move an instant's local date by months, then days, in a zone, keeping
 * the local clock time.  A local time may lie outside the range by the
 * zone's offset, as the server allows, but not before 4714-11-24 BC (the
 * server reads no earlier date) nor beyond what an int64 holds.
 */
static CsStatus
zone_step(const CsZone *zone, int64_t *t, int64_t months, int64_t days)
{
	int64_t		local = *t + zone->offset_at_instant(zone->arg, *t);
	int64_t		day = cs_floor_div(local, CS_USECS_PER_DAY);
	int64_t		tod = local - day * CS_USECS_PER_DAY;

	day = calendar_step(day, months, days);
	if (day < CS_TS_MIN / CS_USECS_PER_DAY ||
		__builtin_mul_overflow(day, CS_USECS_PER_DAY, &local) ||
		__builtin_add_overflow(local, tod, &local))
		return CS_ERR_TIME_RANGE;
	return cs_zone_instant_of_local(zone, local, t);
}

/* Add months, days and microseconds to an instant in a zone, as timestamptz + interval. */
CsStatus
cs_zone_add(int64_t t, int64_t months, int64_t days, int64_t usecs,
			const CsZone *zone, int64_t *out)
{
	CsStatus	st;

	if (!cs_time_in_range(t) || steps_too_large(months, days))
		return CS_ERR_TIME_RANGE;
	/* two steps, each read back through the zone, as the server takes them */
	if (months != 0 && (st = zone_step(zone, &t, months, 0)) != CS_OK)
		return st;
	if (days != 0 && (st = zone_step(zone, &t, 0, days)) != CS_OK)
		return st;
	return add_usecs(t, usecs, out);
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

/* ---- the text form of times --------------------------------------------- */

/* Write a time in the text form of its kind (see common.h). */
size_t
cs_format_time(int64_t t, CsTimeKind kind, char *buf)
{
	int64_t		days = cs_floor_div(t, CS_USECS_PER_DAY);
	int64_t		usecs = t - days * CS_USECS_PER_DAY;
	int64_t		y;
	int			m,
				d;
	int			len;

	cs_civil_from_days(days, &y, &m, &d);
	if (y < 0)
		len = sprintf(buf, "-%04lld-%02d-%02d", (long long) -y, m, d);
	else
		len = sprintf(buf, "%04lld-%02d-%02d", (long long) y, m, d);
	if (kind == CS_TIME_CALENDAR && usecs == 0)
		return (size_t) len;
	len += sprintf(buf + len, "T%02d:%02d:%02d",
				   (int) (usecs / INT64_C(3600000000)),
				   (int) (usecs / INT64_C(60000000) % 60),
				   (int) (usecs / INT64_C(1000000) % 60));
	usecs %= INT64_C(1000000);
	if (usecs != 0)
	{
		len += sprintf(buf + len, ".%06d", (int) usecs);
		while (buf[len - 1] == '0')
			len--;
	}
	if (kind == CS_TIME_INSTANT)
		buf[len++] = 'Z';
	buf[len] = '\0';
	return (size_t) len;
}

/* Read exactly n digits at *p into *val, advancing *p; false if not digits. */
static bool
read_digits(const char **p, int n, int *val)
{
	int			v = 0,
				i;

	for (i = 0; i < n; i++)
	{
		char		c = (*p)[i];

		if (!cs_is_digit(c))
			return false;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*val = v;
	return true;
}

/* Read a time in its text form (see common.h). */
CsStatus
cs_parse_time(const char *s, const char *base, size_t *len, int64_t *t,
			  CsTimeKind *kind, char *errbuf, size_t errlen)
{
	const char *p = s;
	size_t		pos = (size_t) (s - base) + 1;
	bool		neg = false;
	int			ndig = 0;
	int64_t		y = 0;
	int			m,
				d,
				hh = 0,
				mi = 0,
				ss = 0,
				usecs = 0;
	int			off_sign = 0,
				off_h = 0,
				off_m = 0;
	int64_t		days,
				v;

	if (*p == '-' || *p == '+')
		neg = (*p++ == '-');
	while (cs_is_digit(*p))
	{
		if (ndig >= 7)
			goto bad;
		y = y * 10 + (*p++ - '0');
		ndig++;
	}
	if (ndig < 4)
		goto bad;
	if (neg)
		y = -y;
	if (*p++ != '-' || !read_digits(&p, 2, &m) ||
		*p++ != '-' || !read_digits(&p, 2, &d))
		goto bad;
	if (m < 1 || m > 12 || d < 1 || d > cs_days_in_month(y, m))
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"The date at position %zu does not exist.", pos);

	/* a time of day, when a 'T', or a space and a digit, follows */
	if (*p == 'T' || *p == 't' || (*p == ' ' && cs_is_digit(p[1])))
	{
		p++;
		if (!read_digits(&p, 2, &hh) || *p++ != ':' || !read_digits(&p, 2, &mi))
			goto bad;
		if (*p == ':')
		{
			p++;
			if (!read_digits(&p, 2, &ss))
				goto bad;
			if (*p == '.' && cs_is_digit(p[1]))
			{
				int			nfrac = 0;

				p++;
				while (cs_is_digit(*p))
				{
					if (nfrac >= 6)
						return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
										"The time at position %zu has more than six fractional digits.",
										pos);
					usecs = usecs * 10 + (*p++ - '0');
					nfrac++;
				}
				while (nfrac++ < 6)
					usecs *= 10;
			}
		}
		if (hh > 23 || mi > 59 || ss > 59)
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"The time of day at position %zu does not exist.", pos);
	}

	/* an offset makes an instant */
	*kind = CS_TIME_CALENDAR;
	{
		const char *q = p;

		while (*q == ' ')
			q++;
		if (*q == 'Z' || *q == 'z')
		{
			p = q + 1;
			*kind = CS_TIME_INSTANT;
		}
		else if ((*q == '+' || *q == '-') && cs_is_digit(q[1]))
		{
			p = q;
			off_sign = (*p++ == '-') ? -1 : 1;
			if (!read_digits(&p, 2, &off_h))
				goto bad;
			if (*p == ':' && cs_is_digit(p[1]))
			{
				p++;
				if (!read_digits(&p, 2, &off_m))
					goto bad;
			}
			else if (cs_is_digit(*p) && !read_digits(&p, 2, &off_m))
				goto bad;
			if (off_h > 15 || off_m > 59)
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"The time zone offset at position %zu is out of range.", pos);
			*kind = CS_TIME_INSTANT;
		}
	}

	/* |y| < 10^7: days and microseconds stay far from the int64 limits */
	days = cs_days_from_civil(y, m, d);
	if (days < CS_TS_MIN / CS_USECS_PER_DAY - 1 || days > CS_TS_END / CS_USECS_PER_DAY + 1)
		goto range;
	v = days * CS_USECS_PER_DAY +
		((int64_t) hh * 3600 + mi * 60 + ss) * INT64_C(1000000) + usecs -
		(int64_t) off_sign * ((int64_t) off_h * 3600 + off_m * 60) * INT64_C(1000000);
	if (!cs_time_in_range(v))
		goto range;
	*t = v;
	*len = (size_t) (p - s);
	return CS_OK;

range:
	return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
					"The time at position %zu is out of the range of timestamp with time zone.", pos);
bad:
	return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
					"A time written as YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or YYYY-MM-DDTHH:MM:SSZ was expected at position %zu.",
					pos);
}

/* ---- key=value text forms ------------------------------------------------ */

/* Read a non-negative decimal count at s. */
static CsStatus
parse_count(const char *s, const char *base, size_t *len, int64_t *out,
			char *errbuf, size_t errlen)
{
	const char *p = s;
	int64_t		v = 0;

	if (!cs_is_digit(*p))
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"A count (digits 0 to 9) was expected at position %zu.",
						(size_t) (s - base) + 1);
	while (cs_is_digit(*p))
	{
		int			digit = *p++ - '0';

		if (v > (INT64_MAX - digit) / 10)
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"The count at position %zu is too large.",
							(size_t) (s - base) + 1);
		v = v * 10 + digit;
	}
	*out = v;
	*len = (size_t) (p - s);
	return CS_OK;
}

/* Parse the key=value items of a summary (see common.h). */
CsStatus
cs_kv_parse(const char *str, const CsField *fields, size_t nfields, void *base,
			CsTimeKind *kind, char *errbuf, size_t errlen)
{
	const char *p = cs_skip_space(str);
	bool		have_kind = false;
	size_t		i;

	*kind = CS_TIME_INSTANT;
	for (i = 0; i < nfields; i++)
	{
		const CsField *f = &fields[i];
		size_t		klen = strlen(f->key);
		char	   *member = (char *) base + f->offset;
		size_t		len = 0;
		CsStatus	st = CS_OK;

		if (*p == '\0')
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"The text ends before \"%s=\".", f->key);
		if (i > 0)
		{
			if (!cs_is_space(*p))
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"White space was expected before \"%s=\" at position %zu.",
								f->key, (size_t) (p - str) + 1);
			p = cs_skip_space(p);
		}
		if (strncmp(p, f->key, klen) != 0 || p[klen] != '=')
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"\"%s=\" was expected at position %zu.",
							f->key, (size_t) (p - str) + 1);
		p += klen + 1;
		switch (f->kind)
		{
			case CS_FIELD_COUNT:
				{
					int64_t		c = 0;

					st = parse_count(p, str, &len, &c, errbuf, errlen);
					if (st == CS_OK)
						memcpy(member, &c, sizeof(c));
				}
				break;
			case CS_FIELD_TIME:
				{
					int64_t		t = 0;
					CsTimeKind	k = CS_TIME_INSTANT;

					st = cs_parse_time(p, str, &len, &t, &k, errbuf, errlen);
					if (st != CS_OK)
						break;
					if (have_kind && k != *kind)
						return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
										"The time at position %zu is %s, the times before it %s: a value holds times of one kind.",
										(size_t) (p - str) + 1,
										k == CS_TIME_CALENDAR ? "a calendar time" : "an instant",
										k == CS_TIME_CALENDAR ? "instants" : "calendar times");
					have_kind = true;
					*kind = k;
					memcpy(member, &t, sizeof(t));
				}
				break;
			case CS_FIELD_DOUBLE:
				{
					double		v = 0;

					st = cs_scan_number(p, 0, str, &len, &v, errbuf, errlen);
					if (st == CS_ERR_RANGE)
						st = CS_ERR_SYNTAX; /* a stored field is never too large */
					if (st == CS_OK)
						memcpy(member, &v, sizeof(v));
				}
				break;
			case CS_FIELD_FLAG:
				if (*p == '1')
					*(uint8_t *) member |= f->bit;
				else if (*p != '0')
					return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
									"0 or 1 was expected after \"%s=\" at position %zu.",
									f->key, (size_t) (p - str) + 1);
				len = 1;
				break;
		}
		if (st != CS_OK)
			return st;
		p += len;
		if (*p != '\0' && !cs_is_space(*p))
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"Unexpected text after \"%s=\" at position %zu.",
							f->key, (size_t) (p - str) + 1);
	}
	p = cs_skip_space(p);
	if (*p != '\0')
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"Unexpected text at position %zu.", (size_t) (p - str) + 1);
	return CS_OK;
}

/* Write the key=value items of a summary. */
size_t
cs_kv_format(const CsField *fields, size_t nfields, const void *base,
			 CsTimeKind kind, char *buf)
{
	char	   *o = buf;
	size_t		i;

	for (i = 0; i < nfields; i++)
	{
		const CsField *f = &fields[i];
		const char *member = (const char *) base + f->offset;

		if (i > 0)
			*o++ = ' ';
		o += sprintf(o, "%s=", f->key);
		switch (f->kind)
		{
			case CS_FIELD_COUNT:
				{
					int64_t		c = 0;

					memcpy(&c, member, sizeof(c));
					o += sprintf(o, "%lld", (long long) c);
				}
				break;
			case CS_FIELD_TIME:
				{
					int64_t		t;

					memcpy(&t, member, sizeof(t));
					o += cs_format_time(t, kind, o);
				}
				break;
			case CS_FIELD_DOUBLE:
				{
					double		d;

					memcpy(&d, member, sizeof(d));
					o += cs_format_double(d, o);
				}
				break;
			case CS_FIELD_FLAG:
				*o++ = (*(const uint8_t *) member & f->bit) ? '1' : '0';
				break;
		}
	}
	*o = '\0';
	return (size_t) (o - buf);
}

/* ---- codecs driven by a type's descriptor -------------------------------- */

/* Make v the type's zero value, version set. */
void
cs_type_init(const CsTypeDesc *t, void *v)
{
	memset(v, 0, t->size);
	((uint8_t *) v)[CS_VERSION_AT] = t->version;
}

/* Parse and check the text form of a value (see common.h). */
CsStatus
cs_text_parse(const CsTypeDesc *t, const char *str, void *v,
			  char *errbuf, size_t errlen)
{
	const char *detail = NULL;
	CsTimeKind	kind;
	CsStatus	st;

	cs_type_init(t, v);
	if (t->text_special != NULL &&
		(st = t->text_special(str, v, errbuf, errlen)) != CS_NONE)
		return st;
	st = cs_kv_parse(str, t->text, t->ntext, v, &kind, errbuf, errlen);
	if (st != CS_OK)
		return st;
	if (kind == CS_TIME_CALENDAR)
		((uint8_t *) v)[CS_FLAGS_AT] |= t->calendar_flag;
	if (t->text_refuse != NULL && (st = t->text_refuse(v, errbuf, errlen)) != CS_OK)
		return st;
	if (t->check(v, &detail) != CS_OK)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "%s", detail);
	return CS_OK;
}

/* Write the text form of a value. */
size_t
cs_text_format(const CsTypeDesc *t, const void *v, char *buf)
{
	uint8_t		flags = ((const uint8_t *) v)[CS_FLAGS_AT];
	size_t		len;

	if (t->format_special != NULL && (len = t->format_special(v, buf)) > 0)
		return len;
	return cs_kv_format(t->text, t->ntext, v,
						(flags & t->calendar_flag) ? CS_TIME_CALENDAR : CS_TIME_INSTANT,
						buf);
}

/* Give the bytes a wire field takes. */
static inline size_t
wire_field_size(CsWireKind kind)
{
	return kind == CS_WIRE_BYTE ? 1 : 8;
}

/* Give the length of a type's wire form. */
size_t
cs_wire_size(const CsTypeDesc *t)
{
	size_t		len = 0,
				i;

	for (i = 0; i < t->nwire; i++)
		len += wire_field_size(t->wire[i].kind);
	return len;
}

/*
 * Write field f of v at o, big-endian; give its length.  An int64_t and a
 * double both go as their 8 bytes read as an integer.
 */
static inline size_t
wire_put(const CsWireField *f, const void *v, uint8_t *o)
{
	const char *member = (const char *) v + f->offset;
	uint64_t	bits;

	if (f->kind == CS_WIRE_BYTE)
		*o = *(const uint8_t *) member;
	else
	{
		memcpy(&bits, member, sizeof(bits));
		cs_put_be64(o, bits);
	}
	return wire_field_size(f->kind);
}

/* Read field f of v from p (see wire_put); give its length. */
static inline size_t
wire_get(const CsWireField *f, const uint8_t *p, void *v)
{
	char	   *member = (char *) v + f->offset;
	uint64_t	bits;

	if (f->kind == CS_WIRE_BYTE)
		*(uint8_t *) member = *p;
	else
	{
		bits = cs_get_be64(p);
		memcpy(member, &bits, sizeof(bits));
	}
	return wire_field_size(f->kind);
}

/* Write the wire form of a value: its wire fields in order. */
size_t
cs_wire_encode(const CsTypeDesc *t, const void *v, uint8_t *buf)
{
	size_t		len = 0,
				i;

	for (i = 0; i < t->nwire; i++)
		len += wire_put(&t->wire[i], v, buf + len);
	return len;
}

/* Read and check a wire message of a value (see common.h). */
CsStatus
cs_wire_decode(const CsTypeDesc *t, const uint8_t *buf, size_t len, void *v,
			   char *errbuf, size_t errlen)
{
	const char *detail = NULL;
	size_t		size = cs_wire_size(t),
				at = 0,
				i;

	if (len != size)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"The message holds %zu bytes, but a %s value takes %zu.",
						len, t->name, size);
	memset(v, 0, t->size);
	for (i = 0; i < t->nwire; i++)
		at += wire_get(&t->wire[i], buf + at, v);
	if (t->check(v, &detail) != CS_OK)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "%s", detail);
	return CS_OK;
}
