/*
 * series_core.c
 *		The series value in plain C: validation, text and binary forms,
 *		lookup, interpolation, the clamp rebuild and the bucket arithmetic
 *		(see series_core.h).
 */
#include "series_core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Check a version, flags and reports for validity. */
CsStatus
ser_validate(int version, int flags, const SerReport *r, size_t n,
			 char *errbuf, size_t errlen)
{
	size_t		i;

	if (version != SER_VERSION)
		return cs_error(errbuf, errlen, CS_ERR_INVALID,
						"Unknown series format version %d.", version);
	if ((flags & ~SER_FLAGS_MASK) != 0)
		return cs_error(errbuf, errlen, CS_ERR_INVALID,
						"Unknown flag bits 0x%02x are set.",
						(unsigned) (flags & ~SER_FLAGS_MASK) & 0xffu);
	if (n > SER_MAX_REPORTS)
		return cs_error(errbuf, errlen, CS_ERR_LIMIT,
						"A series holds at most %lu reports.", (unsigned long) SER_MAX_REPORTS);
	for (i = 0; i < n; i++)
	{
		if (!cs_time_in_range(r[i].at))
			return cs_error(errbuf, errlen, CS_ERR_INVALID,
							"Report %lu has a time out of range.", (unsigned long) (i + 1));
		if (!isfinite(r[i].total))
			return cs_error(errbuf, errlen, CS_ERR_INVALID,
							"Report %lu has a total that is not finite.", (unsigned long) (i + 1));
		if (i > 0 && r[i].at == r[i - 1].at)
			return cs_error(errbuf, errlen, CS_ERR_INVALID,
							"Reports %lu and %lu are at the same time.",
							(unsigned long) i, (unsigned long) (i + 1));
		if (i > 0 && r[i].at < r[i - 1].at)
			return cs_error(errbuf, errlen, CS_ERR_INVALID,
							"Reports must be in time order, but report %lu is earlier than report %lu.",
							(unsigned long) (i + 1), (unsigned long) i);
	}
	return CS_OK;
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

/* ---- text form ---------------------------------------------------------- */

/* Write one report as "(time,total)". */
size_t
ser_format_report(const SerReport *rep, bool calendar, char *buf)
{
	size_t		len = 0;

	buf[len++] = '(';
	len += cs_format_time(rep->at, calendar ? CS_TIME_CALENDAR : CS_TIME_INSTANT, buf + len);
	buf[len++] = ',';
	len += cs_format_double(rep->total, buf + len);
	buf[len++] = ')';
	buf[len] = '\0';
	return len;
}

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

/* see series_core.h */
void		(*ser_progress_hook) (void) = NULL;

/* Parse and validate the text form of a series. */
CsStatus
ser_text_parse(const char *str, SerReport *r, size_t cap, size_t *n,
			   bool *calendar, char *errbuf, size_t errlen)
{
	const char *p = cs_skip_space(str);
	size_t		count = 0;
	CsTimeKind	kind = CS_TIME_INSTANT;

	*n = 0;
	*calendar = false;
	if (*p != '{')
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "A series starts with \"{\".");
	p = cs_skip_space(p + 1);
	if (*p != '}')
	{
		for (;;)
		{
			size_t		len;
			CsTimeKind	k;
			CsStatus	st;

			if (*p != '(')
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"Report %lu does not start with \"(\".", (unsigned long) (count + 1));
			if (count >= cap)
				return cs_error(errbuf, errlen,
								count >= SER_MAX_REPORTS ? CS_ERR_LIMIT : CS_ERR_SYNTAX,
								"A series holds at most %lu reports.", (unsigned long) SER_MAX_REPORTS);
			/* the time */
			p = cs_skip_space(p + 1);
			st = cs_parse_time(p, str, &len, &r[count].at, &k, errbuf, errlen);
			if (st != CS_OK)
				return st;
			if (count > 0 && k != kind)
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"Report %lu has %s, the reports before it %s: a series holds times of one kind.",
								(unsigned long) (count + 1),
								k == CS_TIME_CALENDAR ? "a calendar time" : "an instant",
								k == CS_TIME_CALENDAR ? "instants" : "calendar times");
			kind = k;
			p = cs_skip_space(p + len);
			if (*p != ',')
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"Report %lu needs \",\" between its time and its total (position %zu).",
								(unsigned long) (count + 1), (size_t) (p - str) + 1);
			/* the total */
			p = cs_skip_space(p + 1);
			st = cs_scan_number(p, 0, str, &len, &r[count].total, errbuf, errlen);
			if (st == CS_ERR_RANGE)
				return cs_error(errbuf, errlen, CS_ERR_INVALID,
								"Report %lu has a total too large for a double.", (unsigned long) (count + 1));
			if (st != CS_OK)
				return st;
			count++;
			if ((count & 0xffff) == 0 && ser_progress_hook != NULL)
				ser_progress_hook();
			p = cs_skip_space(p + len);
			if (*p != ')')
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"Report %lu does not end with \")\" (position %zu).",
								(unsigned long) count, (size_t) (p - str) + 1);
			p = cs_skip_space(p + 1);
			if (*p == ',')
			{
				p = cs_skip_space(p + 1);
				continue;
			}
			if (*p == '}')
				break;
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"Expected \",\" or \"}\" after report %lu.", (unsigned long) count);
		}
	}
	p = cs_skip_space(p + 1);
	if (*p != '\0')
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "Unexpected text after the closing \"}\".");
	ser_normalize(r, count);
	*n = count;
	*calendar = (kind == CS_TIME_CALENDAR && count > 0);
	return ser_validate(SER_VERSION, *calendar ? SER_CALENDAR : 0, r, count, errbuf, errlen);
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
CsStatus
ser_wire_decode_header(const uint8_t *buf, size_t len, int *version, int *flags,
					   size_t *n, char *errbuf, size_t errlen)
{
	uint32_t	cnt;

	if (len < SER_WIRE_HEADER_SIZE)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"The message is shorter than a series header.");
	*version = buf[0];
	*flags = buf[1];
	cnt = ((uint32_t) buf[2] << 24) | ((uint32_t) buf[3] << 16) |
		((uint32_t) buf[4] << 8) | (uint32_t) buf[5];
	*n = cnt;
	if (*version != SER_VERSION)
		return cs_error(errbuf, errlen, CS_ERR_INVALID,
						"Unknown series format version %d.", *version);
	if ((*flags & ~SER_FLAGS_MASK) != 0)
		return cs_error(errbuf, errlen, CS_ERR_INVALID,
						"Unknown flag bits 0x%02x are set.",
						(unsigned) (*flags & ~SER_FLAGS_MASK) & 0xffu);
	if (cnt > SER_MAX_REPORTS)
		return cs_error(errbuf, errlen, CS_ERR_LIMIT,
						"A series holds at most %lu reports.",
						(unsigned long) SER_MAX_REPORTS);
	if ((len - SER_WIRE_HEADER_SIZE) / SER_WIRE_REPORT_SIZE != cnt ||
		(len - SER_WIRE_HEADER_SIZE) % SER_WIRE_REPORT_SIZE != 0)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"The header counts %lu reports but the message holds %lu bytes of reports.",
						(unsigned long) cnt, (unsigned long) (len - SER_WIRE_HEADER_SIZE));
	return CS_OK;
}

/* Read and validate the reports of a wire message. */
CsStatus
ser_wire_decode(const uint8_t *buf, size_t len, SerReport *r, size_t n,
				char *errbuf, size_t errlen)
{
	size_t		i;
	int			flags;

	if (len != ser_wire_size(n))
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "The message length does not match its count.");
	flags = buf[1];
	buf += SER_WIRE_HEADER_SIZE;
	for (i = 0; i < n; i++)
	{
		uint64_t	bits = get_be64(buf + 8);

		r[i].at = (int64_t) get_be64(buf);
		memcpy(&r[i].total, &bits, sizeof(bits));
		buf += SER_WIRE_REPORT_SIZE;
	}
	ser_normalize(r, n);
	return ser_validate(SER_VERSION, flags, r, n, errbuf, errlen);
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

/* ---- buckets ------------------------------------------------------------ */

/* Give the edge origin + k * bucket of calendar buckets. */
CsStatus
ser_calendar_edge(void *arg, int64_t k, int64_t *edge)
{
	const SerCalendarBucket *b = (const SerCalendarBucket *) arg;
	int64_t		months,
				days,
				usecs;

	if (__builtin_mul_overflow((int64_t) b->months, k, &months) ||
		__builtin_mul_overflow((int64_t) b->days, k, &days) ||
		__builtin_mul_overflow(b->usecs, k, &usecs))
		return CS_ERR_TIME_RANGE;
	return cs_calendar_add(b->origin, months, days, usecs, edge);
}

/* Find the bucket that holds t (see series_core.h). */
CsStatus
ser_first_bucket(SerEdgeFn edge, void *arg, int64_t origin, int64_t t,
				 double nominal_us, int64_t *kout)
{
	double		guess = floor(((double) t - (double) origin) / nominal_us);
	int64_t		k;
	int64_t		e,
				e1;
	int			i;
	CsStatus	st;

	if (!(guess < 4e18 && guess > -4e18))
		return CS_ERR_TIME_RANGE;
	k = (int64_t) guess;
	for (i = 0; i < 4 && k != 0; i++)
	{
		double		eff,
					adj;

		if ((st = edge(arg, k, &e)) != CS_OK)
			return st;
		eff = ((double) e - (double) origin) / (double) k;
		if (!(eff > 0))
			break;
		adj = floor(((double) t - (double) e) / eff);
		if (adj == 0 || adj > 1e9 || adj < -1e9)
			break;
		k += (int64_t) adj;
	}
	if ((st = edge(arg, k, &e)) != CS_OK)
		return st;
	while (e > t)
	{
		int64_t		prev;

		if ((st = edge(arg, k - 1, &prev)) != CS_OK)
			return st;
		if (prev >= e)
			return CS_ERR_INVALID;
		k--;
		e = prev;
		if (ser_progress_hook != NULL)
			ser_progress_hook();
	}
	for (;;)
	{
		if ((st = edge(arg, k + 1, &e1)) != CS_OK)
			return st;
		if (e1 <= e)
			return CS_ERR_INVALID;
		if (e1 > t)
			break;
		k++;
		e = e1;
		if (ser_progress_hook != NULL)
			ser_progress_hook();
	}
	*kout = k;
	return CS_OK;
}

/* Compute the figures of one bucket (see series_core.h). */
CsStatus
ser_period(const SerReport *r, size_t n, size_t idx, int64_t edge, int64_t next,
		   SerPeriod *out)
{
	int64_t		lo,
				hi;
	int			exlo,
				exhi;
	double		vlo,
				vhi;

	if (next <= edge)
		return CS_ERR_INVALID;
	lo = edge > r[0].at ? edge : r[0].at;
	hi = next < r[n - 1].at ? next : r[n - 1].at;
	vlo = ser_value_at(r, n, lo, &exlo);
	vhi = ser_value_at(r, n, hi, &exhi);
	out->losses = vhi - vlo;
	out->per_day = out->losses / ((double) (hi - lo) / 86400000000.0);
	out->idx_next = idx + ser_lower_bound(r + idx, n - idx, next);
	out->reports = (int32_t) (out->idx_next - idx);
	out->interpolated = !(exlo && exhi);
	/* a difference or a rate beyond double precision is an error, not infinity */
	if (!isfinite(out->losses) || !isfinite(out->per_day))
		return CS_ERR_RANGE;
	return CS_OK;
}
