/*
 * series_codec.c
 *		The series value in plain C: validation, text and binary forms,
 *		lookup, interpolation and the clamp rebuild (see series_codec.h).
 *
 * No server headers: totals are formatted with est_format_double from
 * estimate_parse.c, so both files are linked wherever this one is.
 */
#include "series_codec.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "estimate_parse.h"

static void ser_detail(char *errbuf, size_t errlen, const char *fmt,...)
#if defined(__GNUC__) || defined(__clang__)
			__attribute__((format(printf, 3, 4)))
#endif
			;

/* Write a formatted detail sentence into errbuf when there is one. */
static void
ser_detail(char *errbuf, size_t errlen, const char *fmt,...)
{
	va_list		ap;

	if (errbuf == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(errbuf, errlen, fmt, ap);
	va_end(ap);
}

/* Check a version, flags and reports for validity. */
SerStatus
ser_validate(int version, int flags, const SerReport *r, size_t n,
			 char *errbuf, size_t errlen)
{
	size_t		i;

	if (version != SER_VERSION)
	{
		ser_detail(errbuf, errlen, "Unknown series format version %d.", version);
		return SER_ERR_INVALID;
	}
	if ((flags & ~SER_FLAGS_MASK) != 0)
	{
		ser_detail(errbuf, errlen, "Unknown flag bits 0x%02x are set.",
				   (unsigned) (flags & ~SER_FLAGS_MASK) & 0xffu);
		return SER_ERR_INVALID;
	}
	if (n > SER_MAX_REPORTS)
	{
		ser_detail(errbuf, errlen, "A series holds at most %lu reports.",
				   (unsigned long) SER_MAX_REPORTS);
		return SER_ERR_LIMIT;
	}
	for (i = 0; i < n; i++)
	{
		if (r[i].at < SER_MIN_INSTANT || r[i].at >= SER_END_INSTANT)
		{
			ser_detail(errbuf, errlen, "Report %lu has an instant out of range.",
					   (unsigned long) (i + 1));
			return SER_ERR_INVALID;
		}
		if (!isfinite(r[i].total))
		{
			ser_detail(errbuf, errlen, "Report %lu has a total that is not finite.",
					   (unsigned long) (i + 1));
			return SER_ERR_INVALID;
		}
		if (i > 0 && r[i].at <= r[i - 1].at)
		{
			if (r[i].at == r[i - 1].at)
				ser_detail(errbuf, errlen, "Reports %lu and %lu are at the same instant.",
						   (unsigned long) i, (unsigned long) (i + 1));
			else
				ser_detail(errbuf, errlen,
						   "Reports must be in time order, but report %lu is earlier than report %lu.",
						   (unsigned long) (i + 1), (unsigned long) i);
			return SER_ERR_INVALID;
		}
	}
	return SER_OK;
}

/* Turn -0 totals into +0. */
void
ser_normalize(SerReport *r, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (r[i].total == 0.0)
			r[i].total = 0.0;
}

/* Keep one report per instant, the largest total, in reports ordered by instant. */
size_t
ser_dedup_sorted(SerReport *r, size_t n)
{
	size_t		i,
				out = 0;

	for (i = 0; i < n; i++)
	{
		if (out > 0 && r[out - 1].at == r[i].at)
		{
			if (r[i].total > r[out - 1].total)
				r[out - 1].total = r[i].total;
		}
		else
			r[out++] = r[i];
	}
	return out;
}

/* Say whether reports are ordered by instant (ties allowed). */
int
ser_is_sorted(const SerReport *r, size_t n)
{
	size_t		i;

	for (i = 1; i < n; i++)
		if (r[i].at < r[i - 1].at)
			return 0;
	return 1;
}

/* ---- calendar ---------------------------------------------------------- */

/* Days since 2000-01-01 of a proleptic Gregorian date (astronomical year). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t		era;
	int64_t		yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 - 10957;
}

/* The date of a day counted from 2000-01-01. */
static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t		era,
				doe,
				yoe,
				doy,
				mp;

	z += 719468 + 10957;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Days in a month of a proleptic Gregorian year. */
static int
days_in_month(int64_t y, int m)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

/* Write an instant in UTC as YYYY-MM-DD HH:MM:SS[.ffffff]+00. */
size_t
ser_format_instant(int64_t at, char *buf)
{
	int64_t		days,
				usecs,
				y;
	int			m,
				d,
				hh,
				mi,
				ss;
	int			len;

	days = at / SER_USECS_PER_DAY;
	usecs = at % SER_USECS_PER_DAY;
	if (usecs < 0)
	{
		usecs += SER_USECS_PER_DAY;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	hh = (int) (usecs / INT64_C(3600000000));
	mi = (int) (usecs / INT64_C(60000000) % 60);
	ss = (int) (usecs / INT64_C(1000000) % 60);
	usecs %= INT64_C(1000000);

	if (y < 0)
		len = sprintf(buf, "-%04lld", (long long) -y);
	else
		len = sprintf(buf, "%04lld", (long long) y);
	len += sprintf(buf + len, "-%02d-%02d %02d:%02d:%02d", m, d, hh, mi, ss);
	if (usecs != 0)
	{
		len += sprintf(buf + len, ".%06d", (int) usecs);
		while (buf[len - 1] == '0')
			len--;
	}
	memcpy(buf + len, "+00", 4);
	return (size_t) len + 3;
}

/* Read exactly ndigits decimal digits at *p into *val; advance *p. */
static int
read_digits(const char **p, const char *end, int ndigits, int *val)
{
	int			v = 0,
				i;

	if (end - *p < ndigits)
		return 0;
	for (i = 0; i < ndigits; i++)
	{
		char		c = (*p)[i];

		if (c < '0' || c > '9')
			return 0;
		v = v * 10 + (c - '0');
	}
	*p += ndigits;
	*val = v;
	return 1;
}

/* Parse one instant of the text form. */
SerStatus
ser_parse_instant(const char *str, size_t len, int64_t *at,
				  char *errbuf, size_t errlen)
{
	const char *p = str;
	const char *end = str + len;
	int			neg = 0,
				ndig = 0;
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
				t;

	if (p < end && (*p == '-' || *p == '+'))
	{
		neg = (*p == '-');
		p++;
	}
	while (p < end && *p >= '0' && *p <= '9')
	{
		if (ndig >= 7)
			goto bad;
		y = y * 10 + (*p - '0');
		ndig++;
		p++;
	}
	if (ndig < 4)
		goto bad;
	if (neg)
		y = -y;
	if (p >= end || *p++ != '-' || !read_digits(&p, end, 2, &m) ||
		p >= end || *p++ != '-' || !read_digits(&p, end, 2, &d))
		goto bad;
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
	{
		ser_detail(errbuf, errlen, "The date \"%.*s\" does not exist.",
				   (int) len, str);
		return SER_ERR_INVALID;
	}
	if (p < end && (*p == ' ' || *p == 'T' || *p == 't'))
	{
		const char *q = p + 1;

		while (q < end && *q == ' ')
			q++;
		/* a time follows only when digits do; else it may be an offset */
		if (q < end && *q >= '0' && *q <= '9')
		{
			p = q;
			if (!read_digits(&p, end, 2, &hh) ||
				p >= end || *p++ != ':' || !read_digits(&p, end, 2, &mi))
				goto bad;
			if (p < end && *p == ':')
			{
				p++;
				if (!read_digits(&p, end, 2, &ss))
					goto bad;
				if (p < end && *p == '.')
				{
					int			nfrac = 0;

					p++;
					while (p < end && *p >= '0' && *p <= '9')
					{
						if (nfrac >= 6)
						{
							ser_detail(errbuf, errlen,
									   "The instant \"%.*s\" has more than six fractional digits.",
									   (int) len, str);
							return SER_ERR_INVALID;
						}
						usecs = usecs * 10 + (*p - '0');
						nfrac++;
						p++;
					}
					if (nfrac == 0)
						goto bad;
					while (nfrac++ < 6)
						usecs *= 10;
				}
			}
			if (hh > 23 || mi > 59 || ss > 59)
			{
				ser_detail(errbuf, errlen, "The time in \"%.*s\" does not exist.",
						   (int) len, str);
				return SER_ERR_INVALID;
			}
		}
	}
	while (p < end && *p == ' ')
		p++;
	if (p < end)
	{
		if (*p == 'Z' || *p == 'z')
			p++;
		else if (*p == '+' || *p == '-')
		{
			off_sign = (*p == '-') ? -1 : 1;
			p++;
			if (!read_digits(&p, end, 2, &off_h))
				goto bad;
			if (p < end && *p == ':')
			{
				p++;
				if (!read_digits(&p, end, 2, &off_m))
					goto bad;
			}
			else if (p < end && !read_digits(&p, end, 2, &off_m))
				goto bad;
			if (off_h > 15 || off_m > 59)
			{
				ser_detail(errbuf, errlen, "The time zone offset in \"%.*s\" is out of range.",
						   (int) len, str);
				return SER_ERR_INVALID;
			}
		}
		if (p < end)
			goto bad;
	}

	/* |y| < 10^7, so days and microseconds stay far from int64 limits */
	days = days_from_civil(y, m, d);
	if (days < SER_MIN_INSTANT / SER_USECS_PER_DAY - 1 ||
		days > SER_END_INSTANT / SER_USECS_PER_DAY + 1)
		goto range;
	t = days * SER_USECS_PER_DAY
		+ ((int64_t) hh * 3600 + mi * 60 + ss) * INT64_C(1000000) + usecs
		- (int64_t) off_sign * ((int64_t) off_h * 3600 + off_m * 60) * INT64_C(1000000);
	if (t < SER_MIN_INSTANT || t >= SER_END_INSTANT)
		goto range;
	*at = t;
	return SER_OK;

range:
	ser_detail(errbuf, errlen, "The instant \"%.*s\" is out of range.", (int) len, str);
	return SER_ERR_INVALID;

bad:
	ser_detail(errbuf, errlen,
			   "\"%.*s\" is not an instant of the form YYYY-MM-DD HH:MM:SS+00.",
			   (int) (len > 60 ? 60 : len), str);
	return SER_ERR_SYNTAX;
}

/* Write one report as "(instant,total)". */
size_t
ser_format_report(const SerReport *rep, char *buf)
{
	size_t		len = 0;

	buf[len++] = '(';
	len += ser_format_instant(rep->at, buf + len);
	buf[len++] = ',';
	len += est_format_double(rep->total, buf + len);
	buf[len++] = ')';
	buf[len] = '\0';
	return len;
}

/* ---- text input -------------------------------------------------------- */

/* Bound the number of reports in a text form from above. */
size_t
ser_text_count_bound(const char *str)
{
	size_t		n = 0,
				len = 0;

	for (; str[len]; len++)
		if (str[len] == '(')
			n++;
	/* a report takes 14 characters at least: (0000-01-01,0) */
	if (n > len / 14 + 1)
		n = len / 14 + 1;
	return n;
}

/* Is c white space as the text form has it? */
static int
ser_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Skip white space. */
static const char *
skip_space(const char *p)
{
	while (ser_isspace(*p))
		p++;
	return p;
}

/* see series_codec.h */
void		(*ser_progress_hook) (void) = NULL;

/* Parse and validate the text form of a series. */
SerStatus
ser_text_parse(const char *str, SerReport *r, size_t cap, size_t *n,
			   char *errbuf, size_t errlen)
{
	const char *p = skip_space(str);
	size_t		count = 0;

	*n = 0;
	if (*p != '{')
	{
		ser_detail(errbuf, errlen, "A series starts with \"{\".");
		return SER_ERR_SYNTAX;
	}
	p = skip_space(p + 1);
	if (*p != '}')
	{
		for (;;)
		{
			const char *start,
					   *stop;
			char		numbuf[64];
			char	   *numend;
			size_t		numlen;
			double		v;
			SerStatus	st;

			if (*p != '(')
			{
				ser_detail(errbuf, errlen, "Report %lu does not start with \"(\".",
						   (unsigned long) (count + 1));
				return SER_ERR_SYNTAX;
			}
			if (count >= cap)
			{
				ser_detail(errbuf, errlen, "A series holds at most %lu reports.",
						   (unsigned long) SER_MAX_REPORTS);
				return count >= SER_MAX_REPORTS ? SER_ERR_LIMIT : SER_ERR_SYNTAX;
			}
			/* the instant: up to the comma */
			start = skip_space(p + 1);
			stop = strchr(start, ',');
			if (stop == NULL)
			{
				ser_detail(errbuf, errlen, "Report %lu has no \",\" between its instant and total.",
						   (unsigned long) (count + 1));
				return SER_ERR_SYNTAX;
			}
			p = stop + 1;
			while (stop > start && ser_isspace(stop[-1]))
				stop--;
			st = ser_parse_instant(start, (size_t) (stop - start), &r[count].at,
								   errbuf, errlen);
			if (st != SER_OK)
				return st;
			/* the total: up to the closing parenthesis */
			start = skip_space(p);
			stop = start;
			while (*stop && *stop != ')' && !ser_isspace(*stop))
				stop++;
			numlen = (size_t) (stop - start);
			if (numlen == 0 || numlen >= sizeof(numbuf))
			{
				ser_detail(errbuf, errlen, "Report %lu has no number for its total.",
						   (unsigned long) (count + 1));
				return SER_ERR_SYNTAX;
			}
			memcpy(numbuf, start, numlen);
			numbuf[numlen] = '\0';
			errno = 0;
			v = strtod(numbuf, &numend);
			if (*numend != '\0' || numend == numbuf)
			{
				ser_detail(errbuf, errlen, "Report %lu has no number for its total.",
						   (unsigned long) (count + 1));
				return SER_ERR_SYNTAX;
			}
			if (!isfinite(v))
			{
				ser_detail(errbuf, errlen,
						   "Report %lu has a total that is not finite or too large for a double.",
						   (unsigned long) (count + 1));
				return SER_ERR_INVALID;
			}
			r[count].total = v;
			count++;
			if ((count & 0xffff) == 0 && ser_progress_hook != NULL)
				ser_progress_hook();
			p = skip_space(stop);
			if (*p != ')')
			{
				ser_detail(errbuf, errlen, "Report %lu does not end with \")\".",
						   (unsigned long) count);
				return SER_ERR_SYNTAX;
			}
			p = skip_space(p + 1);
			if (*p == ',')
			{
				p = skip_space(p + 1);
				continue;
			}
			if (*p == '}')
				break;
			ser_detail(errbuf, errlen, "Expected \",\" or \"}\" after report %lu.",
					   (unsigned long) count);
			return SER_ERR_SYNTAX;
		}
	}
	p = skip_space(p + 1);
	if (*p != '\0')
	{
		ser_detail(errbuf, errlen, "Unexpected text after the closing \"}\".");
		return SER_ERR_SYNTAX;
	}
	ser_normalize(r, count);
	*n = count;
	return ser_validate(SER_VERSION, 0, r, count, errbuf, errlen);
}

/* ---- binary form ------------------------------------------------------- */

/* Give the size of the wire form of n reports. */
size_t
ser_wire_size(size_t n)
{
	return SER_WIRE_HEADER_SIZE + n * SER_WIRE_REPORT_SIZE;
}

/* Store a 64-bit value big-endian. */
static void
put_be64(uint8_t *p, uint64_t v)
{
	int			i;

	for (i = 7; i >= 0; i--)
	{
		p[i] = (uint8_t) (v & 0xff);
		v >>= 8;
	}
}

/* Load a big-endian 64-bit value. */
static uint64_t
get_be64(const uint8_t *p)
{
	uint64_t	v = 0;
	int			i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

/* Write the wire form of a series. */
void
ser_wire_encode(int version, int flags, const SerReport *r, size_t n, uint8_t *buf)
{
	size_t		i;
	uint32_t	cnt = (uint32_t) n;

	buf[0] = (uint8_t) version;
	buf[1] = (uint8_t) flags;
	buf[2] = (uint8_t) (cnt >> 24);
	buf[3] = (uint8_t) (cnt >> 16);
	buf[4] = (uint8_t) (cnt >> 8);
	buf[5] = (uint8_t) cnt;
	buf += SER_WIRE_HEADER_SIZE;
	for (i = 0; i < n; i++)
	{
		uint64_t	bits;

		memcpy(&bits, &r[i].total, sizeof(bits));
		put_be64(buf, (uint64_t) r[i].at);
		put_be64(buf + 8, bits);
		buf += SER_WIRE_REPORT_SIZE;
	}
}

/* Read and check the header of a wire message. */
SerStatus
ser_wire_decode_header(const uint8_t *buf, size_t len, int *version, int *flags,
					   size_t *n, char *errbuf, size_t errlen)
{
	uint32_t	cnt;

	if (len < SER_WIRE_HEADER_SIZE)
	{
		ser_detail(errbuf, errlen, "The message is shorter than a series header.");
		return SER_ERR_SYNTAX;
	}
	*version = buf[0];
	*flags = buf[1];
	cnt = ((uint32_t) buf[2] << 24) | ((uint32_t) buf[3] << 16) |
		((uint32_t) buf[4] << 8) | (uint32_t) buf[5];
	*n = cnt;
	if (*version != SER_VERSION)
	{
		ser_detail(errbuf, errlen, "Unknown series format version %d.", *version);
		return SER_ERR_INVALID;
	}
	if ((*flags & ~SER_FLAGS_MASK) != 0)
	{
		ser_detail(errbuf, errlen, "Unknown flag bits 0x%02x are set.",
				   (unsigned) (*flags & ~SER_FLAGS_MASK) & 0xffu);
		return SER_ERR_INVALID;
	}
	if (cnt > SER_MAX_REPORTS)
	{
		ser_detail(errbuf, errlen, "A series holds at most %lu reports.",
				   (unsigned long) SER_MAX_REPORTS);
		return SER_ERR_LIMIT;
	}
	if ((len - SER_WIRE_HEADER_SIZE) / SER_WIRE_REPORT_SIZE != cnt ||
		(len - SER_WIRE_HEADER_SIZE) % SER_WIRE_REPORT_SIZE != 0)
	{
		ser_detail(errbuf, errlen, "The header counts %lu reports but the message holds %lu bytes of reports.",
				   (unsigned long) cnt, (unsigned long) (len - SER_WIRE_HEADER_SIZE));
		return SER_ERR_SYNTAX;
	}
	return SER_OK;
}

/* Read and validate the reports of a wire message. */
SerStatus
ser_wire_decode(const uint8_t *buf, size_t len, SerReport *r, size_t n,
				char *errbuf, size_t errlen)
{
	size_t		i;

	if (len != ser_wire_size(n))
	{
		ser_detail(errbuf, errlen, "The message length does not match its count.");
		return SER_ERR_SYNTAX;
	}
	buf += SER_WIRE_HEADER_SIZE;
	for (i = 0; i < n; i++)
	{
		uint64_t	bits = get_be64(buf + 8);

		r[i].at = (int64_t) get_be64(buf);
		memcpy(&r[i].total, &bits, sizeof(bits));
		buf += SER_WIRE_REPORT_SIZE;
	}
	ser_normalize(r, n);
	return ser_validate(SER_VERSION, 0, r, n, errbuf, errlen);
}

/* ---- arithmetic -------------------------------------------------------- */

/* Find the first report at or after t (binary search). */
size_t
ser_lower_bound(const SerReport *r, size_t n, int64_t t)
{
	size_t		lo = 0,
				hi = n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (r[mid].at < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Interpolate the total at t between the reports around it. */
double
ser_value_at(const SerReport *r, size_t n, int64_t t, int *exact)
{
	size_t		j = ser_lower_bound(r, n, t);
	const SerReport *a,
			   *b;
	double		frac;

	if (j < n && r[j].at == t)
	{
		*exact = 1;
		return r[j].total;
	}
	*exact = 0;
	/* t lies strictly between r[j-1] and r[j] (callers keep it in the span) */
	if (j == 0)
		return r[0].total;
	if (j >= n)
		return r[n - 1].total;
	a = &r[j - 1];
	b = &r[j];
	frac = (double) (t - a->at) / (double) (b->at - a->at);
	/* totals of opposite signs near the double limit: b - a would overflow */
	if (!isfinite(b->total - a->total))
		return a->total * (1.0 - frac) + b->total * frac;
	return a->total + (b->total - a->total) * frac;
}

/* Count the reports lower than the one before. */
size_t
ser_num_decreases(const SerReport *r, size_t n)
{
	size_t		i,
				k = 0;

	for (i = 1; i < n; i++)
		if (r[i].total < r[i - 1].total)
			k++;
	return k;
}

/* Rebuild a series so that every fall counts as zero. */
void
ser_clamp(const SerReport *r, SerReport *out, size_t n)
{
	size_t		i;
	double		prev_in,
				prev_out;

	if (n == 0)
		return;
	prev_in = r[0].total;
	prev_out = prev_in;
	out[0] = r[0];
	for (i = 1; i < n; i++)
	{
		double		cur = r[i].total;
		double		step = cur - prev_in;

		prev_out += step > 0 ? step : 0;
		out[i].at = r[i].at;
		out[i].total = prev_out;
		prev_in = cur;
	}
}
