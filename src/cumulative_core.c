/*
 * cumulative_core.c
 *		The cumulative summary in plain C: validation, the text form, the
 *		merge of two summaries and the figures (see cumulative_core.h).
 */
#include "cumulative_core.h"

#include <string.h>

/* the key=value items of the text form, in order */
#define CF(key, kind, member) {key, kind, offsetof(CumulativeValue, member), 0}
static const CsField cum_text[] = {
	CF("n", CS_FIELD_COUNT, n),
	CF("first_at", CS_FIELD_TIME, first_at),
	CF("first_total", CS_FIELD_DOUBLE, first_total),
	CF("last_at", CS_FIELD_TIME, last_at),
	CF("last_total", CS_FIELD_DOUBLE, last_total),
	{"interior", CS_FIELD_FLAG, offsetof(CumulativeValue, flags), CUM_INTERIOR},
	CF("t_ref", CS_FIELD_TIME, t_ref),
	CF("y_ref", CS_FIELD_DOUBLE, y_ref),
	CF("t_mean", CS_FIELD_DOUBLE, t_mean),
	CF("y_mean", CS_FIELD_DOUBLE, y_mean),
	CF("t_m2", CS_FIELD_DOUBLE, t_m2),
	CF("t_m3", CS_FIELD_DOUBLE, t_m3),
	CF("t_m4", CS_FIELD_DOUBLE, t_m4),
	CF("ty_c", CS_FIELD_DOUBLE, ty_c),
	CF("t2y_c", CS_FIELD_DOUBLE, t2y_c),
};
#undef CF

/* the fields of the wire form, in order: 114 bytes */
#define CW(kind, member) {kind, offsetof(CumulativeValue, member)}
static const CsWireField cum_wire[] = {
	CW(CS_WIRE_BYTE, version),
	CW(CS_WIRE_BYTE, flags),
	CW(CS_WIRE_INT64, n),
	CW(CS_WIRE_INT64, first_at),
	CW(CS_WIRE_INT64, last_at),
	CW(CS_WIRE_INT64, t_ref),
	CW(CS_WIRE_FLOAT8, first_total),
	CW(CS_WIRE_FLOAT8, last_total),
	CW(CS_WIRE_FLOAT8, y_ref),
	CW(CS_WIRE_FLOAT8, t_mean),
	CW(CS_WIRE_FLOAT8, y_mean),
	CW(CS_WIRE_FLOAT8, t_m2),
	CW(CS_WIRE_FLOAT8, t_m3),
	CW(CS_WIRE_FLOAT8, t_m4),
	CW(CS_WIRE_FLOAT8, ty_c),
	CW(CS_WIRE_FLOAT8, t2y_c),
};
#undef CW

CS_ASSERT_HEADER(CumulativeValue);

/* the descriptor of the cumulative type */
const CsTypeDesc cum_desc = {
	.name = "cumulative",
	.size = sizeof(CumulativeValue),
	.version = CUM_VERSION,
	.flag_mask = CUM_FLAGS_MASK,
	.calendar_flag = CUM_CALENDAR,
	CS_DESC_TEXT(cum_text),
	CS_DESC_WIRE(cum_wire),
	.check = cum_check,
};

/* Check a cumulative value (see cumulative_core.h). */
CsStatus
cum_check(const void *value, const char **detail)
{
	const CumulativeValue *v = value;
	double		lo,
				hi,
				slack;

	if (v->version != CUM_VERSION)
		return (*detail = "The format version is unknown.", CS_ERR_INVALID);
	if ((v->flags & ~CUM_FLAGS_MASK) != 0)
		return (*detail = "Reserved flag bits are set.", CS_ERR_INVALID);
	if (!cs_all_zero(v->reserved, sizeof(v->reserved)))
		return (*detail = "Reserved bytes are not zero.", CS_ERR_INVALID);
	if (v->n < 1)
		return (*detail = "The number of reports must be positive.", CS_ERR_INVALID);
	if (!cs_time_in_range(v->first_at) || !cs_time_in_range(v->last_at))
		return (*detail = "A report time is out of the range of timestamp with time zone.", CS_ERR_INVALID);
	if (v->first_at > v->last_at)
		return (*detail = "The first report is later than the last report.", CS_ERR_INVALID);
	if (v->t_ref < v->first_at || v->t_ref > v->last_at)
		return (*detail = "The reference time lies outside the reported span.", CS_ERR_INVALID);
	if (!isfinite(v->first_total) || !isfinite(v->last_total) || !isfinite(v->y_ref) ||
		!isfinite(v->t_mean) || !isfinite(v->y_mean) ||
		!isfinite(v->t_m2) || !isfinite(v->t_m3) || !isfinite(v->t_m4) ||
		!isfinite(v->ty_c) || !isfinite(v->t2y_c))
		return (*detail = "A field is not a finite number.", CS_ERR_INVALID);
	/* t_m2 only adds non-negative terms; t_m4 could round below zero */
	if (v->t_m2 < 0)
		return (*detail = "A sum of squares is negative.", CS_ERR_INVALID);
	if ((v->flags & CUM_INTERIOR) && (v->n < 3 || v->first_at == v->last_at))
		return (*detail = "A report between the first and the last needs three reports at three times.", CS_ERR_INVALID);
	if (v->n == 1 && (v->first_at != v->last_at || v->first_total != v->last_total ||
					  v->y_ref != v->first_total || v->y_mean != 0))
		return (*detail = "A single report must be the first, the last and the reference.", CS_ERR_INVALID);

	if (v->first_at == v->last_at)
	{
		/* every update and merge of reports at one instant is exact */
		if (v->first_total != v->last_total)
			return (*detail = "Reports at one instant must have one first and last total.", CS_ERR_INVALID);
		if (v->t_mean != 0 || v->t_m2 != 0 || v->t_m3 != 0 || v->t_m4 != 0 ||
			v->ty_c != 0 || v->t2y_c != 0)
			return (*detail = "Reports at one instant cannot have a spread in time.", CS_ERR_INVALID);
	}
	else
	{
		/*
		 * rounding may carry the mean a little past the extremes, which are
		 * taken from t_ref exactly, as the updates take the times (a time
		 * itself, as a double, is 128 microseconds coarse past the year
		 * 20,000)
		 */
		lo = cum_days_after(v->first_at, v->t_ref);
		hi = cum_days_after(v->last_at, v->t_ref);
		slack = 1e-6 * (hi - lo);
		if (v->t_mean < lo - slack || v->t_mean > hi + slack)
			return (*detail = "The mean time lies outside the reported span.", CS_ERR_INVALID);
	}
	return CS_OK;
}

/* Parse and check the text form of a cumulative summary. */
CsStatus
cum_parse(const char *str, CumulativeValue *v, char *errbuf, size_t errlen)
{
	return cs_text_parse(&cum_desc, str, v, errbuf, errlen);
}

/* Write the text form of a cumulative summary. */
size_t
cum_format(const CumulativeValue *v, char *buf)
{
	return cs_text_format(&cum_desc, v, buf);
}

/* Make s the summary of one report. */
void
cum_init(CumulativeValue *s, double y, int64_t at, bool calendar)
{
	memset(s, 0, sizeof(*s));
	s->version = CUM_VERSION;
	s->flags = calendar ? CUM_CALENDAR : 0;
	s->n = 1;
	s->first_at = s->last_at = at;
	s->first_total = s->last_total = y;
	s->t_ref = at;
	s->y_ref = y;
}

/* Say whether instant x lies strictly between lo and hi. */
static inline bool
strictly_inside(int64_t x, int64_t lo, int64_t hi)
{
	return x > lo && x < hi;
}

/*
 * Merge b into a (Chan et al.'s pairwise update, Pebay's for the third and
 * fourth moments).  Points of a move by -ra = -(delta nb/n) from the old
 * mean to the new one, points of b by rb = delta na/n, which gives the
 * co-moment terms.
 */
CsStatus
cum_merge(CumulativeValue *a, const CumulativeValue *b)
{
	double		na = (double) a->n;
	double		nb = (double) b->n;
	double		n = na + nb;
	/* b's means in a's frame of reference, then their distance from a's */
	double		dt = (cum_days_after(b->t_ref, a->t_ref) + b->t_mean) - a->t_mean;
	double		dy = (b->y_ref - a->y_ref) + (b->y_mean - a->y_mean);
	double		ra = dt * nb / n;
	double		rb = dt * na / n;
	double		rya = dy * nb / n;
	double		ryb = dy * na / n;
	double		dt2 = dt * dt;
	double		nanb_n = na * nb / n;
	double		m2,
				m3,
				m4,
				c1,
				c2;
	int64_t		first_at,
				last_at;
	bool		interior;

	if ((a->flags & CUM_CALENDAR) != (b->flags & CUM_CALENDAR))
		return CS_ERR_MIXED;
	first_at = a->first_at < b->first_at ? a->first_at : b->first_at;
	last_at = a->last_at > b->last_at ? a->last_at : b->last_at;
	interior = (a->flags & CUM_INTERIOR) || (b->flags & CUM_INTERIOR) ||
		strictly_inside(a->first_at, first_at, last_at) ||
		strictly_inside(a->last_at, first_at, last_at) ||
		strictly_inside(b->first_at, first_at, last_at) ||
		strictly_inside(b->last_at, first_at, last_at);

	m2 = a->t_m2 + b->t_m2 + dt2 * nanb_n;
	m3 = a->t_m3 + b->t_m3 + dt2 * dt * nanb_n * (na - nb) / n +
		3.0 * dt * (na * b->t_m2 - nb * a->t_m2) / n;
	m4 = a->t_m4 + b->t_m4 +
		dt2 * dt2 * nanb_n * (na * na - na * nb + nb * nb) / (n * n) +
		6.0 * dt2 * (na * na * b->t_m2 + nb * nb * a->t_m2) / (n * n) +
		4.0 * dt * (na * b->t_m3 - nb * a->t_m3) / n;
	c1 = a->ty_c + b->ty_c + dt * dy * nanb_n;
	c2 = a->t2y_c + b->t2y_c - rya * a->t_m2 + ryb * b->t_m2 -
		2.0 * ra * a->ty_c + 2.0 * rb * b->ty_c +
		dt2 * dy * nanb_n * (na - nb) / n;

	if (b->first_at < a->first_at ||
		(b->first_at == a->first_at && b->first_total > a->first_total))
	{
		a->first_at = b->first_at;
		a->first_total = b->first_total;
	}
	if (b->last_at > a->last_at ||
		(b->last_at == a->last_at && b->last_total > a->last_total))
	{
		a->last_at = b->last_at;
		a->last_total = b->last_total;
	}
	a->t_mean += ra;
	a->y_mean += rya;
	a->t_m2 = m2;
	a->t_m3 = m3;
	a->t_m4 = m4;
	a->ty_c = c1;
	a->t2y_c = c2;
	a->n += b->n;
	if (interior)
		a->flags |= CUM_INTERIOR;
	return cum_sums_finite(a) ? CS_OK : CS_ERR_RANGE;
}

/* ---- the figures --------------------------------------------------------- */

/* Give r as the figure, or CS_ERR_RANGE when it overflowed. */
static inline CsStatus
cum_finite(double r, double *out)
{
	if (!isfinite(r))
		return CS_ERR_RANGE;
	*out = r;
	return CS_OK;
}

/* Give last_total - first_total. */
CsStatus
cum_delta(const CumulativeValue *v, double *out)
{
	return cum_finite(v->last_total - v->first_total, out);
}

/* Give the microseconds from the first report to the last, as a double. */
static inline double
cum_span_us(const CumulativeValue *v)
{
	/* as doubles: the difference of two times can exceed int64 */
	return (double) v->last_at - (double) v->first_at;
}

/* Give delta per per_us between the first and last report. */
CsStatus
cum_rate(const CumulativeValue *v, double per_us, double *out)
{
	double		delta = v->last_total - v->first_total;

	if (v->first_at == v->last_at)
		return CS_NONE;
	if (!isfinite(delta))
		return CS_ERR_RANGE;
	return cum_finite(delta / cum_span_us(v) * per_us, out);
}

/* Give the least-squares slope of total on time, per per_us. */
CsStatus
cum_fitted_rate(const CumulativeValue *v, double per_us, double *out)
{
	if (v->first_at == v->last_at || v->t_m2 <= 0)
		return CS_NONE;
	return cum_finite(v->ty_c / v->t_m2 * (per_us / (double) CS_USECS_PER_DAY), out);
}

/*
 * Give the second derivative of the least-squares quadratic of total on
 * time, per per_us squared.
 */
CsStatus
cum_acceleration(const CumulativeValue *v, double per_us, double *out)
{
	double		per = per_us / (double) CS_USECS_PER_DAY;
	double		q,
				det,
				b2;

	if (!(v->flags & CUM_INTERIOR))
		return CS_NONE;
	/* sum of (u^2 - mean u^2)^2, then the normal equations by Cramer's rule */
	q = v->t_m4 - v->t_m2 * (v->t_m2 / (double) v->n);
	det = v->t_m2 * q - v->t_m3 * v->t_m3;
	if (!(det > 0))
		return CS_NONE;
	b2 = (v->t_m2 * v->t2y_c - v->t_m3 * v->ty_c) / det;
	if (!isfinite(b2))
		return CS_ERR_RANGE;
	return cum_finite(2.0 * b2 * per * per, out);
}

/* Give when the rate carries last_total to target. */
CsStatus
cum_time_to_reach(const CumulativeValue *v, double target, int64_t *at)
{
	double		delta = v->last_total - v->first_total;
	double		rate_us,
				when;

	if (v->first_at == v->last_at || !(target > v->last_total))
		return CS_NONE;
	if (!isfinite(delta))
		return CS_ERR_RANGE;
	rate_us = delta / cum_span_us(v);
	if (!(rate_us > 0))
		return CS_NONE;
	/* the wait, rounded on its own: added to last_at exactly, never before it */
	when = rint((target - v->last_total) / rate_us);
	/* (the room left after last_at may exceed INT64_MAX: count it unsigned) */
	if (!(when < 1.8e19) ||
		(uint64_t) when > (uint64_t) (CS_TS_END - 1) - (uint64_t) v->last_at)
		return CS_ERR_TIME_RANGE;
	*at = (int64_t) ((uint64_t) v->last_at + (uint64_t) when);
	return CS_OK;
}
