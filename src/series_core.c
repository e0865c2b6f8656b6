/*
 * series_core.c
 *		The series value in plain C: validation, text and binary forms,
 *		lookup, interpolation, the clamp rebuild and the bucket arithmetic
 *		(see series_core.h).
 *
 * The collector of report_series, which gathers the reports a series is
 * made of, is in series_collector.c.
 */
#include "series_core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/*
 * Call cs_progress on every 65536th step i of a loop over reports, so that a
 * query cancel ends it: a counter test, not a call per step.
 */
static inline void
progress_at(size_t i)
{
	if ((i & 0xffff) == 0xffff)
		cs_progress();
}

/* Check a version, flags and reports for validity. */
CsStatus
ser_check(int version, int flags, const SerReport *r, size_t n,
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
		progress_at(i);
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

/* Keep one report per instant, the largest total, in reports ordered by instant. */
size_t
ser_dedup_sorted(SerReport *r, size_t n)
{
	size_t		i,
				out = 0;

	for (i = 0; i < n; i++)
	{
		progress_at(i);
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
	{
		progress_at(i);
		if (r[i].at < r[i - 1].at)
			return 0;
	}
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

/* how errors name a series' reports */
static const CsRowsSpec series_rows = {
	"Report", "reports", "a series", "total", false, SER_MAX_REPORTS
};

/* Store report i (a cs_scan_rows callback). */
static void
put_report(void *arg, size_t i, int64_t at, double total, bool null)
{
	SerReport  *r = (SerReport *) arg;

	(void) null;
	r[i].at = at;
	r[i].total = total;
}

/* Parse and check the text form of a series. */
CsStatus
ser_text_parse(const char *str, SerReport *r, size_t cap, size_t *n,
			   bool *calendar, char *errbuf, size_t errlen)
{
	const char *p = cs_skip_space(str);
	CsStatus	st;

	*n = 0;
	*calendar = false;
	if (*p != '{')
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "A series starts with \"{\".");
	st = cs_scan_rows(str, p, &series_rows, put_report, r, cap, n, calendar, errbuf, errlen);
	/* a total beyond the doubles is an invalid series, as in binary input */
	if (st == CS_ERR_RANGE)
		return CS_ERR_INVALID;
	if (st != CS_OK)
		return st;
	cs_rows_plus_zero(r, *n);
	return ser_check(SER_VERSION, *calendar ? SER_CALENDAR : 0, r, *n, errbuf, errlen);
}

/* ---- binary form ------------------------------------------------------- */

CS_ASSERT_ROW(SerReport, at, total);

/* Give the size of the wire form of n reports. */
size_t
ser_wire_size(size_t n)
{
	return SER_WIRE_HEADER_SIZE + n * SER_WIRE_REPORT_SIZE;
}

/* Write the wire form of a series. */
void
ser_wire_encode(int version, int flags, const SerReport *r, size_t n, uint8_t *buf)
{
	buf[0] = (uint8_t) version;
	buf[1] = (uint8_t) flags;
	cs_put_be32(buf + 2, (uint32_t) n);
	cs_wire_put_rows(buf + SER_WIRE_HEADER_SIZE, r, n);
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
	cnt = cs_get_be32(buf + 2);
	*n = cnt;
	if (*version != SER_VERSION)
		return cs_error(errbuf, errlen, CS_ERR_INVALID,
						"Unknown series format version %d.", *version);
	if ((*flags & ~SER_FLAGS_MASK) != 0)
		return cs_error(errbuf, errlen, CS_ERR_INVALID,
						"Unknown flag bits 0x%02x are set.",
						(unsigned) (*flags & ~SER_FLAGS_MASK) & 0xffu);
	/* a count the bytes do not hold is corrupt input, whatever its size */
	if ((len - SER_WIRE_HEADER_SIZE) / SER_WIRE_REPORT_SIZE != cnt ||
		(len - SER_WIRE_HEADER_SIZE) % SER_WIRE_REPORT_SIZE != 0)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"The header counts %lu reports but the message holds %lu bytes of reports.",
						(unsigned long) cnt, (unsigned long) (len - SER_WIRE_HEADER_SIZE));
	if (cnt > SER_MAX_REPORTS)
		return cs_error(errbuf, errlen, CS_ERR_LIMIT,
						"A series holds at most %lu reports.",
						(unsigned long) SER_MAX_REPORTS);
	return CS_OK;
}

/* Read and check the reports of a wire message. */
CsStatus
ser_wire_decode(const uint8_t *buf, size_t len, SerReport *r, size_t n,
				char *errbuf, size_t errlen)
{
	if (len != ser_wire_size(n))
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "The message length does not match its count.");
	cs_wire_get_rows(buf + SER_WIRE_HEADER_SIZE, r, n);
	cs_rows_plus_zero(r, n);
	return ser_check(SER_VERSION, buf[1], r, n, errbuf, errlen);
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
	double		frac,
				v,
				lo,
				hi;

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
	frac = cs_usecs_between(t, a->at) / cs_usecs_between(b->at, a->at);
	/* totals of opposite signs near the double limit: b - a would overflow */
	if (!isfinite(b->total - a->total))
		v = a->total * (1.0 - frac) + b->total * frac;
	else
		v = a->total + (b->total - a->total) * frac;

	/*
	 * Rounding can carry the total a little past the later one: frac
	 * rounds to 1 a moment before a report centuries after the one before,
	 * and a + (b - a) need not be b (0.3 + 0.6 is 0.9000000000000001).  Keep
	 * it between the two, so that a series that never falls never shows a
	 * fall between two instants: both forms grow with t from a to b when
	 * b >= a, and so does the clamped total.
	 */
	lo = a->total < b->total ? a->total : b->total;
	hi = a->total < b->total ? b->total : a->total;
	return v < lo ? lo : (v > hi ? hi : v);
}

/* Count the reports lower than the one before. */
size_t
ser_num_decreases(const SerReport *r, size_t n)
{
	size_t		i,
				k = 0;

	for (i = 1; i < n; i++)
	{
		progress_at(i);
		if (r[i].total < r[i - 1].total)
			k++;
	}
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

		progress_at(i);
		prev_out += step > 0 ? step : 0;
		out[i].at = r[i].at;
		out[i].total = prev_out;
		prev_in = cur;
	}
}

/* ---- buckets ------------------------------------------------------------ */

/* Multiply a bucket's parts by k; false when one overflows. */
static inline bool
scale_bucket(int32_t months, int32_t days, int64_t usecs, int64_t k,
			 int64_t *m, int64_t *d, int64_t *u)
{
	return !__builtin_mul_overflow((int64_t) months, k, m) &&
		!__builtin_mul_overflow((int64_t) days, k, d) &&
		!__builtin_mul_overflow(usecs, k, u);
}

/* Give the edge origin + k * bucket of calendar buckets. */
CsStatus
ser_calendar_edge(void *arg, int64_t k, int64_t *edge)
{
	const SerCalendarBucket *b = (const SerCalendarBucket *) arg;
	int64_t		months,
				days,
				usecs;

	if (!scale_bucket(b->months, b->days, b->usecs, k, &months, &days, &usecs))
		return CS_ERR_TIME_RANGE;
	return cs_calendar_add(b->origin, months, days, usecs, edge);
}

/* Give the edge origin + k * bucket of buckets of instants in their zone. */
CsStatus
ser_zone_edge(void *arg, int64_t k, int64_t *edge)
{
	const SerZoneBucket *b = (const SerZoneBucket *) arg;
	int64_t		months,
				days,
				usecs;

	if (!scale_bucket(b->months, b->days, b->usecs, k, &months, &days, &usecs))
		return CS_ERR_TIME_RANGE;
	return cs_zone_add(b->origin, months, days, usecs, &b->zone, edge);
}

/*
 * Probe edge k for ser_first_bucket: *above is whether it lies after t.  An
 * edge beyond the range (*real false) lies after t when k > 0, as edge 0,
 * the origin, is in the range and the edges increase with k.
 */
static CsStatus
probe_edge(SerEdgeFn edge, void *arg, int64_t k, int64_t t,
		   bool *above, bool *real, int64_t *e)
{
	CsStatus	st = edge(arg, k, e);

	cs_progress();
	if (st == CS_ERR_TIME_RANGE)
	{
		*real = false;
		*above = k > 0;
		return CS_OK;
	}
	if (st != CS_OK)
		return st;
	*real = true;
	*above = *e > t;
	return CS_OK;
}

/* Find the bucket that holds t (see series_core.h). */
CsStatus
ser_first_bucket(SerEdgeFn edge, void *arg, int64_t origin, int64_t t,
				 double nominal_us, int64_t *kout)
{
	double		guess = floor(((double) t - (double) origin) / nominal_us);
	int64_t		k,
				next,
				lo,
				hi,
				step;
	int64_t		e,
				lo_e,
				hi_e;
	bool		above,
				real,
				lo_real,
				hi_real;
	int			i;
	CsStatus	st;

	if (!(guess < 4e18 && guess > -4e18))
		return CS_ERR_TIME_RANGE;
	k = (int64_t) guess;
	/* refine the guess by the length the edges really have */
	for (i = 0; i < 4 && k != 0; i++)
	{
		double		eff,
					adj;

		if ((st = edge(arg, k, &e)) != CS_OK)
			break;
		eff = ((double) e - (double) origin) / (double) k;
		if (!(eff > 0))
			break;
		adj = floor(((double) t - (double) e) / eff);
		if (adj == 0 || !(adj < 1e18 && adj > -1e18) ||
			__builtin_add_overflow(k, (int64_t) adj, &next))
			break;
		k = next;
	}

	/*
	 * Bracket t between an edge at or before it (lo) and one after it (hi),
	 * doubling the step from the guess, then halve the bracket.  Edges must
	 * increase with k: a probe out of order means the bucket does not
	 * advance.  Edges beyond the range count as before the first or after
	 * the last, and one of those left at the end is CS_ERR_TIME_RANGE.
	 */
	if ((st = probe_edge(edge, arg, k, t, &above, &real, &e)) != CS_OK)
		return st;
	if (above)
	{
		hi = k;
		hi_e = e;
		hi_real = real;
		for (step = 1;; step *= 2)
		{
			/* (edges 2^62 buckets apart are far beyond the range) */
			if (step >= (INT64_C(1) << 62) || __builtin_sub_overflow(hi, step, &lo))
				return CS_ERR_TIME_RANGE;
			if ((st = probe_edge(edge, arg, lo, t, &above, &lo_real, &lo_e)) != CS_OK)
				return st;
			if (lo_real && hi_real && lo_e >= hi_e)
				return CS_ERR_INVALID;
			if (!above)
				break;
			hi = lo;
			hi_e = lo_e;
			hi_real = lo_real;
		}
	}
	else
	{
		lo = k;
		lo_e = e;
		lo_real = real;
		for (step = 1;; step *= 2)
		{
			if (step >= (INT64_C(1) << 62) || __builtin_add_overflow(lo, step, &hi))
				return CS_ERR_TIME_RANGE;
			if ((st = probe_edge(edge, arg, hi, t, &above, &hi_real, &hi_e)) != CS_OK)
				return st;
			if (lo_real && hi_real && hi_e <= lo_e)
				return CS_ERR_INVALID;
			if (above)
				break;
			lo = hi;
			lo_e = hi_e;
			lo_real = hi_real;
		}
	}
	while (hi - lo > 1)
	{
		int64_t		mid = lo + (hi - lo) / 2;

		if ((st = probe_edge(edge, arg, mid, t, &above, &real, &e)) != CS_OK)
			return st;
		if (real && ((lo_real && e <= lo_e) || (hi_real && e >= hi_e)))
			return CS_ERR_INVALID;
		if (above)
		{
			hi = mid;
			hi_e = e;
			hi_real = real;
		}
		else
		{
			lo = mid;
			lo_e = e;
			lo_real = real;
		}
	}
	if (!lo_real || !hi_real)
		return CS_ERR_TIME_RANGE;
	*kout = lo;
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
	out->per_day = out->losses / (cs_usecs_between(hi, lo) / (double) CS_USECS_PER_DAY);
	out->idx_next = idx + ser_lower_bound(r + idx, n - idx, next);
	out->reports = (int32_t) (out->idx_next - idx);
	out->interpolated = !(exlo && exhi);
	/* a difference or a rate beyond double precision is an error, not infinity */
	if (!isfinite(out->losses) || !isfinite(out->per_day))
		return CS_ERR_RANGE;
	return CS_OK;
}
