/*
 * common_calendar.c
 *		The common layer's calendar: civil days, calendar and zone
 *		arithmetic, and the text form of times (see common.h).
 *
 * One proleptic Gregorian calendar for every core, on times counted in
 * microseconds from 2000-01-01: the days of a date and back, steps of
 * months and days on a calendar time as PostgreSQL's timestamp + interval
 * takes them, the same on an instant through a zone the glue supplies, and
 * the one text form in which every type writes and reads a time.
 */
#include "common.h"

#include <stdio.h>

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
