/*
 * cumulative_parse.c
 *		Text forms of the cumulative, cost_per_gain_state and elasticity_state
 *		summaries, in plain C.
 *
 * Each form is a fixed sequence of key=value items separated by white
 * space, e.g.
 *
 *	  n=2 first_at=2024-01-01T00:00:00Z first_total=100 last_at=... interior=0 ...
 *
 * Keys come in a fixed order and all are required: the form exists to carry
 * a value exactly (between nodes, through dumps), and a strict grammar is
 * easy to fuzz.  Doubles are written shortest-exact and read with strtod;
 * the server keeps LC_NUMERIC at "C", so '.' is the decimal point.
 */
#include "cumulative_parse.h"
#include "estimate_parse.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* what an item's value is */
typedef enum FieldKind
{
	FK_COUNT,					/* int64_t, written in decimal */
	FK_TIME,					/* int64_t microseconds, written as ISO 8601 */
	FK_DOUBLE,					/* double, shortest exact */
	FK_FLAG						/* one bit of the flags byte, written 0 or 1 */
} FieldKind;

typedef struct FieldDesc
{
	const char *key;
	FieldKind	kind;
	size_t		offset;			/* of the member; for FK_FLAG, of flags */
	uint8_t		bit;			/* FK_FLAG only */
} FieldDesc;

#define CF(key, kind, member) {key, kind, offsetof(CumulativeValue, member), 0}
static const FieldDesc cum_fields[] = {
	CF("n", FK_COUNT, n),
	CF("first_at", FK_TIME, first_at),
	CF("first_total", FK_DOUBLE, first_total),
	CF("last_at", FK_TIME, last_at),
	CF("last_total", FK_DOUBLE, last_total),
	{"interior", FK_FLAG, offsetof(CumulativeValue, flags), CUM_INTERIOR},
	CF("t_ref", FK_TIME, t_ref),
	CF("y_ref", FK_DOUBLE, y_ref),
	CF("t_mean", FK_DOUBLE, t_mean),
	CF("y_mean", FK_DOUBLE, y_mean),
	CF("t_m2", FK_DOUBLE, t_m2),
	CF("t_m3", FK_DOUBLE, t_m3),
	CF("t_m4", FK_DOUBLE, t_m4),
	CF("ty_c", FK_DOUBLE, ty_c),
	CF("t2y_c", FK_DOUBLE, t2y_c),
};
#undef CF

#define GF(key, kind, member) {key, kind, offsetof(CostGainValue, member), 0}
static const FieldDesc cost_gain_fields[] = {
	GF("losses_n", FK_COUNT, losses_n),
	GF("losses_sum", FK_DOUBLE, losses_sum),
	GF("losses_err", FK_DOUBLE, losses_err),
	GF("gained_n", FK_COUNT, gained_n),
	GF("gained_sum", FK_DOUBLE, gained_sum),
	GF("gained_err", FK_DOUBLE, gained_err),
};
#undef GF

#define EF(key, kind, member) {key, kind, offsetof(ElasticityValue, member), 0}
static const FieldDesc elasticity_fields[] = {
	EF("n", FK_COUNT, n),
	EF("x_mean", FK_DOUBLE, x_mean),
	EF("y_mean", FK_DOUBLE, y_mean),
	EF("xx", FK_DOUBLE, xx),
	EF("xy", FK_DOUBLE, xy),
};
#undef EF

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

typedef struct Parser
{
	const char *s;
	size_t		pos;
	char	   *errbuf;
	size_t		errlen;
} Parser;

#if defined(__GNUC__) || defined(__clang__)
#define CUM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CUM_PRINTF(f, a)
#endif

static int	fail(Parser *p, const char *fmt,...) CUM_PRINTF(2, 3);

/* Record a detail sentence for the caller, printf-style; return 0. */
static int
fail(Parser *p, const char *fmt,...)
{
	if (p->errbuf != NULL && p->errlen > 0)
	{
		va_list		ap;

		va_start(ap, fmt);
		vsnprintf(p->errbuf, p->errlen, fmt, ap);
		va_end(ap);
	}
	return 0;
}

/* Say whether c is white space (as isspace in the C locale). */
static inline int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Say whether c is an ASCII digit. */
static inline int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Advance past white space. */
static void
skip_space(Parser *p)
{
	while (is_space(p->s[p->pos]))
		p->pos++;
}

/* Read exactly ndigits digits (ndigits <= 9) as a number, or return -1. */
static int
read_fixed_digits(Parser *p, int ndigits)
{
	int			value = 0;
	int			i;

	for (i = 0; i < ndigits; i++)
	{
		char		c = p->s[p->pos + i];

		if (!is_digit(c))
			return -1;
		value = value * 10 + (c - '0');
	}
	p->pos += ndigits;
	return value;
}

/* Count the days from 2000-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t		era,
				yoe,
				doy,
				doe;

	/* after H. Hinnant's algorithm, with March as the first month */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 - 10957;
}

/* Turn days since 2000-01-01 into a year, month and day. */
static void
civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
	int64_t		z = days + 10957 + 719468;
	int64_t		era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;

	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Say whether y-m-d is a real date. */
static int
valid_civil(int64_t y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int			leap;

	if (m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Write a time as ISO 8601 in UTC (see the header). */
size_t
cum_format_time(int64_t t, char *buf)
{
	int64_t		days = t / CUM_USECS_PER_DAY;
	int64_t		rem = t % CUM_USECS_PER_DAY;
	int64_t		y;
	int			m,
				d;
	int64_t		secs;
	int			frac;
	char	   *o = buf;

	if (rem < 0)
	{
		rem += CUM_USECS_PER_DAY;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	secs = rem / 1000000;
	frac = (int) (rem % 1000000);
	if (y < 0)
		o += sprintf(o, "-%04lld", (long long) -y);
	else
		o += sprintf(o, "%04lld", (long long) y);
	o += sprintf(o, "-%02d-%02dT%02d:%02d:%02d", m, d,
				 (int) (secs / 3600), (int) (secs / 60 % 60), (int) (secs % 60));
	if (frac != 0)
	{
		int			ndig = 6;

		while (frac % 10 == 0)
		{
			frac /= 10;
			ndig--;
		}
		o += sprintf(o, ".%0*d", ndig, frac);
	}
	*o++ = 'Z';
	*o = '\0';
	return (size_t) (o - buf);
}

/* Read an ISO 8601 UTC time as cum_format_time writes it. */
static int
parse_time(Parser *p, int64_t *out)
{
	int			neg = 0;
	int64_t		y = 0;
	int			ndig = 0;
	int			m,
				d,
				hh,
				mi,
				ss;
	int64_t		frac = 0;
	int64_t		t;
	size_t		start = p->pos;

	if (p->s[p->pos] == '-')
	{
		neg = 1;
		p->pos++;
	}
	while (is_digit(p->s[p->pos]) && ndig < 7)
	{
		y = y * 10 + (p->s[p->pos++] - '0');
		ndig++;
	}
	if (ndig < 4 || is_digit(p->s[p->pos]))
		return fail(p, "Expected a year of four to six digits at position %zu.", start + 1);
	if (neg)
		y = -y;
	if (p->s[p->pos++] != '-' || (m = read_fixed_digits(p, 2)) < 0 ||
		p->s[p->pos++] != '-' || (d = read_fixed_digits(p, 2)) < 0 ||
		p->s[p->pos++] != 'T' || (hh = read_fixed_digits(p, 2)) < 0 ||
		p->s[p->pos++] != ':' || (mi = read_fixed_digits(p, 2)) < 0 ||
		p->s[p->pos++] != ':' || (ss = read_fixed_digits(p, 2)) < 0)
		return fail(p, "Expected a time written as YYYY-MM-DDThh:mm:ssZ at position %zu.", start + 1);
	if (p->s[p->pos] == '.')
	{
		int			nf = 0;

		p->pos++;
		while (is_digit(p->s[p->pos]) && nf < 6)
		{
			frac = frac * 10 + (p->s[p->pos++] - '0');
			nf++;
		}
		if (nf == 0 || is_digit(p->s[p->pos]))
			return fail(p, "Expected one to six digits of a fraction of a second at position %zu.", p->pos + 1);
		for (; nf < 6; nf++)
			frac *= 10;
	}
	if (p->s[p->pos] != 'Z')
		return fail(p, "Expected \"Z\" (UTC) after the time at position %zu.", p->pos + 1);
	p->pos++;
	if (!valid_civil(y, m, d) || hh > 23 || mi > 59 || ss > 59)
		return fail(p, "The time at position %zu is not a valid date and time.", start + 1);
	/* years outside this window are outside the timestamptz range anyway */
	if (y < -4713 || y > 294276)
		return fail(p, "The time at position %zu is out of range.", start + 1);
	t = days_from_civil(y, m, d) * CUM_USECS_PER_DAY +
		((int64_t) hh * 3600 + mi * 60 + ss) * INT64_C(1000000) + frac;
	if (t < CUM_TS_MIN || t >= CUM_TS_END)
		return fail(p, "The time at position %zu is out of range.", start + 1);
	*out = t;
	return 1;
}

/* Read a non-negative decimal count. */
static int
parse_count(Parser *p, int64_t *out)
{
	int64_t		v = 0;
	size_t		start = p->pos;

	if (p->s[p->pos] == '-')
		return fail(p, "A count cannot be negative (position %zu).", start + 1);
	if (!is_digit(p->s[p->pos]))
		return fail(p, "Expected a count at position %zu.", start + 1);
	while (is_digit(p->s[p->pos]))
	{
		int			digit = p->s[p->pos++] - '0';

		if (v > (INT64_MAX - digit) / 10)
			return fail(p, "The count at position %zu is too large.", start + 1);
		v = v * 10 + digit;
	}
	*out = v;
	return 1;
}

/* Read a finite double in decimal notation. */
static int
parse_double(Parser *p, double *out)
{
	const char *begin = p->s + p->pos;
	char	   *end;
	double		v;
	size_t		i = 0;

	/* strtod would also take "inf", "nan", hex and leading blanks: refuse */
	if (begin[i] == '-' || begin[i] == '+')
		i++;
	if (!is_digit(begin[i]) && !(begin[i] == '.' && is_digit(begin[i + 1])))
		return fail(p, "Expected a number at position %zu.", p->pos + 1);
	if (begin[i] == '0' && (begin[i + 1] == 'x' || begin[i + 1] == 'X'))
		return fail(p, "Expected a decimal number at position %zu.", p->pos + 1);
	errno = 0;
	v = strtod(begin, &end);
	if (end == begin)
		return fail(p, "Expected a number at position %zu.", p->pos + 1);
	if (!isfinite(v) || (errno == ERANGE && v == 0))
		return fail(p, "The number at position %zu is out of range for a double.", p->pos + 1);
	p->pos += (size_t) (end - begin);
	*out = v;
	return 1;
}

/* Parse the items of fields[] into the struct at base. */
static int
parse_fields(Parser *p, const FieldDesc *fields, size_t nfields, char *base)
{
	size_t		i;

	for (i = 0; i < nfields; i++)
	{
		const FieldDesc *f = &fields[i];
		size_t		klen = strlen(f->key);

		skip_space(p);
		if (p->s[p->pos] == '\0')
			return fail(p, "The text ends before \"%s=\".", f->key);
		if (i > 0 && !is_space(p->s[p->pos - 1]))
			return fail(p, "Expected white space before \"%s=\" at position %zu.", f->key, p->pos + 1);
		if (strncmp(p->s + p->pos, f->key, klen) != 0 || p->s[p->pos + klen] != '=')
			return fail(p, "Expected \"%s=\" at position %zu.", f->key, p->pos + 1);
		p->pos += klen + 1;
		switch (f->kind)
		{
			case FK_COUNT:
				if (!parse_count(p, (int64_t *) (base + f->offset)))
					return 0;
				break;
			case FK_TIME:
				if (!parse_time(p, (int64_t *) (base + f->offset)))
					return 0;
				break;
			case FK_DOUBLE:
				if (!parse_double(p, (double *) (base + f->offset)))
					return 0;
				break;
			case FK_FLAG:
				if (p->s[p->pos] == '1')
					*(uint8_t *) (base + f->offset) |= f->bit;
				else if (p->s[p->pos] != '0')
					return fail(p, "Expected 0 or 1 after \"%s=\" at position %zu.", f->key, p->pos + 1);
				p->pos++;
				break;
		}
	}
	skip_space(p);
	if (p->s[p->pos] != '\0')
		return fail(p, "Unexpected text at position %zu.", p->pos + 1);
	return 1;
}

/* Write the items of fields[] from the struct at base. */
static size_t
format_fields(const FieldDesc *fields, size_t nfields, const char *base, char *buf)
{
	char	   *o = buf;
	size_t		i;

	for (i = 0; i < nfields; i++)
	{
		const FieldDesc *f = &fields[i];

		if (i > 0)
			*o++ = ' ';
		o += sprintf(o, "%s=", f->key);
		switch (f->kind)
		{
			case FK_COUNT:
				{
					int64_t		c;

					memcpy(&c, base + f->offset, sizeof(c));
					o += sprintf(o, "%lld", (long long) c);
				}
				break;
			case FK_TIME:
				{
					int64_t		t;

					memcpy(&t, base + f->offset, sizeof(t));
					o += cum_format_time(t, o);
				}
				break;
			case FK_DOUBLE:
				{
					double		d;

					memcpy(&d, base + f->offset, sizeof(d));
					o += est_format_double(d, o);
				}
				break;
			case FK_FLAG:
				*o++ = (*(const uint8_t *) (base + f->offset) & f->bit) ? '1' : '0';
				break;
		}
	}
	*o = '\0';
	return (size_t) (o - buf);
}

/* Parse the text form of a cumulative summary. */
int
cum_parse(const char *str, CumulativeValue *v, char *errbuf, size_t errlen)
{
	Parser		p = {str, 0, errbuf, errlen};

	memset(v, 0, sizeof(*v));
	v->version = CUM_VERSION;
	return parse_fields(&p, cum_fields, NFIELDS(cum_fields), (char *) v);
}

/* Parse the text form of a cost_per_gain state. */
int
cost_gain_parse(const char *str, CostGainValue *v, char *errbuf, size_t errlen)
{
	Parser		p = {str, 0, errbuf, errlen};

	memset(v, 0, sizeof(*v));
	v->version = CUM_VERSION;
	return parse_fields(&p, cost_gain_fields, NFIELDS(cost_gain_fields), (char *) v);
}

/* Parse the text form of an elasticity state. */
int
elasticity_parse(const char *str, ElasticityValue *v, char *errbuf, size_t errlen)
{
	Parser		p = {str, 0, errbuf, errlen};

	memset(v, 0, sizeof(*v));
	v->version = CUM_VERSION;
	return parse_fields(&p, elasticity_fields, NFIELDS(elasticity_fields), (char *) v);
}

/* Write the text form of a cumulative summary. */
size_t
cum_format(const CumulativeValue *v, char *buf)
{
	return format_fields(cum_fields, NFIELDS(cum_fields), (const char *) v, buf);
}

/* Write the text form of a cost_per_gain state. */
size_t
cost_gain_format(const CostGainValue *v, char *buf)
{
	return format_fields(cost_gain_fields, NFIELDS(cost_gain_fields), (const char *) v, buf);
}

/* Write the text form of an elasticity state. */
size_t
elasticity_format(const ElasticityValue *v, char *buf)
{
	return format_fields(elasticity_fields, NFIELDS(elasticity_fields), (const char *) v, buf);
}
