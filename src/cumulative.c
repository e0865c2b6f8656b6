/*
 * cumulative.c
 *		The cumulative summary of running-total reports: its I/O, the
 *		cumulative_agg aggregate (transition and combine), and its accessors.
 *
 * The aggregate state is the type itself (no internal state), so the
 * aggregate runs in parallel plans and in distributed aggregation that ships
 * partial states as text.  Inside an aggregate the state is updated in place:
 * no allocation per row.  See cumulative_parse.h for the layout and why the
 * fit is kept as central moments.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "common/int.h"
#include "utils/float.h"

#include "cumulative_parse.h"
#include "timeaxis.h"

StaticAssertDecl(sizeof(CumulativeValue) == 120, "cumulative layout changed");
StaticAssertDecl(CUM_TS_MIN == MIN_TIMESTAMP, "CUM_TS_MIN must match MIN_TIMESTAMP");
StaticAssertDecl(CUM_TS_END == END_TIMESTAMP, "CUM_TS_END must match END_TIMESTAMP");
StaticAssertDecl(CUM_USECS_PER_DAY == USECS_PER_DAY, "CUM_USECS_PER_DAY must match USECS_PER_DAY");

#define DatumGetCumulativeP(X)		((CumulativeValue *) DatumGetPointer(X))
#define PG_GETARG_CUMULATIVE_P(n)	DatumGetCumulativeP(PG_GETARG_DATUM(n))
#define PG_RETURN_CUMULATIVE_P(x)	PG_RETURN_POINTER(x)

/*
 * Report a bad input value: softly where the server has soft input errors
 * (PostgreSQL 16+), as an ERROR before that.
 */
#if PG_VERSION_NUM >= 160000
#define INPUT_ERROR(fcinfo, rest)	ereturn((fcinfo)->context, (Datum) 0, rest)
#else
#define INPUT_ERROR(fcinfo, rest)	do { ereport(ERROR, rest); return (Datum) 0; } while (0)
#endif

PG_FUNCTION_INFO_V1(cumulative_in);
PG_FUNCTION_INFO_V1(cumulative_out);
PG_FUNCTION_INFO_V1(cumulative_recv);
PG_FUNCTION_INFO_V1(cumulative_send);
PG_FUNCTION_INFO_V1(cumulative_trans_date);
PG_FUNCTION_INFO_V1(cumulative_trans_ts);
PG_FUNCTION_INFO_V1(cumulative_combine);
PG_FUNCTION_INFO_V1(cumulative_num_reports);
PG_FUNCTION_INFO_V1(cumulative_first_at);
PG_FUNCTION_INFO_V1(cumulative_last_at);
PG_FUNCTION_INFO_V1(cumulative_first_total);
PG_FUNCTION_INFO_V1(cumulative_last_total);
PG_FUNCTION_INFO_V1(cumulative_delta);
PG_FUNCTION_INFO_V1(cumulative_rate);
PG_FUNCTION_INFO_V1(cumulative_fitted_rate);
PG_FUNCTION_INFO_V1(cumulative_acceleration);
PG_FUNCTION_INFO_V1(cumulative_time_to_reach);

/* ---------------------------------------------------------------------
 * Accumulation
 * --------------------------------------------------------------------- */

/* Make s the summary of the one report (y, at). */
static inline void
cum_init(CumulativeValue *s, double y, TimestampTz at)
{
	memset(s, 0, sizeof(*s));
	s->version = CUM_VERSION;
	s->n = 1;
	s->first_at = s->last_at = at;
	s->first_total = s->last_total = y;
	s->t_ref = at;
	s->y_ref = y;
}

/*
 * Give days from ref to at: the microseconds exactly (below 2^53, 285
 * years), times the reciprocal of a day, which is cheaper per row than a
 * division and as precise to an ulp.
 */
static inline double
cum_days_after(TimestampTz at, TimestampTz ref)
{
	int64		diff;

	/* only reports 146,000 years apart overflow; then a double will do */
	if (unlikely(pg_sub_s64_overflow(at, ref, &diff)))
		return ((double) at - (double) ref) * (1.0 / (double) USECS_PER_DAY);
	return (double) diff * (1.0 / (double) USECS_PER_DAY);
}

/* Say whether instant x lies strictly between lo and hi. */
static inline bool
strictly_inside(TimestampTz x, TimestampTz lo, TimestampTz hi)
{
	return x > lo && x < hi;
}

/*
 * Add the report (y, at) to s, a summary of at least one report.
 *
 * The moment updates are the one-point case of the merge below (Welford's
 * and Pebay's online formulas, extended to the co-moments with y); all use
 * the old values, so the order of the statements matters.  One division per
 * row.
 */
static pg_attribute_always_inline void
cum_add(CumulativeValue *s, double y, TimestampTz at)
{
	double		t = cum_days_after(at, s->t_ref);
	double		n1 = (double) s->n;
	double		n = n1 + 1.0;
	double		inv = 1.0 / n;
	double		dt = t - s->t_mean;
	double		dy = (y - s->y_ref) - s->y_mean;
	double		a = dt * inv;	/* how far the mean of t moves */
	double		ay = dy * inv;	/* how far the mean of y moves */
	double		a2 = a * a;
	double		term1 = dt * a * n1;	/* the new point's share of u^2 */
	double		m2 = s->t_m2;
	double		m3 = s->t_m3;

	/* a report strictly inside the span, or an old extreme becoming interior */
	if (!(s->flags & CUM_INTERIOR) &&
		(strictly_inside(at, s->first_at, s->last_at) ||
		 (s->first_at < s->last_at && (at < s->first_at || at > s->last_at))))
		s->flags |= CUM_INTERIOR;

	if (at < s->first_at || (at == s->first_at && y > s->first_total))
	{
		s->first_at = at;
		s->first_total = y;
	}
	if (at > s->last_at || (at == s->last_at && y > s->last_total))
	{
		s->last_at = at;
		s->last_total = y;
	}

	s->t2y_c += dt * a * dy * n1 * (n1 - 1.0) * inv - ay * m2 - 2.0 * a * s->ty_c;
	s->ty_c += a * dy * n1;
	s->t_m4 += term1 * a2 * (n * n - 3.0 * n + 3.0) + 6.0 * a2 * m2 - 4.0 * a * m3;
	s->t_m3 += term1 * a * (n - 2.0) - 3.0 * a * m2;
	s->t_m2 += term1;
	s->t_mean += a;
	s->y_mean += ay;
	s->n++;
}

/*
 * Merge b into a (Chan et al.'s pairwise update, Pebay's for the third and
 * fourth moments).  Points of a move by -ra = -(delta nb/n) from the old
 * mean to the new one, points of b by rb = delta na/n, which gives the
 * co-moment terms.
 */
static void
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
	TimestampTz first_at,
				last_at;
	bool		interior;

	first_at = Min(a->first_at, b->first_at);
	last_at = Max(a->last_at, b->last_at);
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
}

/* Raise the overflow error of float8 arithmetic if the sums left the doubles. */
static inline void
cum_check_overflow(const CumulativeValue *s)
{
	if (unlikely(!isfinite(s->ty_c) || !isfinite(s->t2y_c) || !isfinite(s->y_mean)))
		float_overflow_error();
}

/* Reject a NaN or infinite total. */
static inline void
cum_check_total(double y)
{
	if (unlikely(!isfinite(y)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cumulative_agg total must be a finite number"),
				 errdetail("The total is %s.", isnan(y) ? "NaN" : "infinite")));
}

/*
 * Do one transition step: create the state on the first report, update it
 * in place within an aggregate, copy it when called directly.
 */
static pg_attribute_always_inline Datum
cum_trans(FunctionCallInfo fcinfo, double y, TimestampTz at)
{
	CumulativeValue *s;

	cum_check_total(y);
	y += 0.0;					/* -0 becomes +0: ties compare alike */
	if (PG_ARGISNULL(0))
	{
		/* in the per-call context: the executor copies it into its own */
		s = (CumulativeValue *) palloc(sizeof(CumulativeValue));
		cum_init(s, y, at);
		PG_RETURN_CUMULATIVE_P(s);
	}
	s = PG_GETARG_CUMULATIVE_P(0);
	if (!AggCheckCallContext(fcinfo, NULL))
	{
		CumulativeValue *copy = (CumulativeValue *) palloc(sizeof(CumulativeValue));

		memcpy(copy, s, sizeof(CumulativeValue));
		s = copy;
	}
	cum_add(s, y, at);
	cum_check_overflow(s);
	PG_RETURN_CUMULATIVE_P(s);
}

/* Transition of cumulative_agg(total, at date): skip NULL rows. */
Datum
cumulative_trans_date(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return cum_trans(fcinfo, PG_GETARG_FLOAT8(1),
					 timeaxis_date_to_ts(PG_GETARG_DATEADT(2)));
}

/* Transition of cumulative_agg(total, at timestamptz): skip NULL rows. */
Datum
cumulative_trans_ts(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return cum_trans(fcinfo, PG_GETARG_FLOAT8(1),
					 timeaxis_check_ts(PG_GETARG_TIMESTAMPTZ(2)));
}

/*
 * Merge two summaries: the combine function of cumulative_agg and rollup,
 * and the transition of rollup.  A NULL side gives the other.
 */
Datum
cumulative_combine(PG_FUNCTION_ARGS)
{
	CumulativeValue *a;
	CumulativeValue *b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = PG_GETARG_CUMULATIVE_P(1);
	if (PG_ARGISNULL(0))
	{
		/* the executor copies a result that is not its old state */
		PG_RETURN_CUMULATIVE_P(b);
	}
	a = PG_GETARG_CUMULATIVE_P(0);
	if (!AggCheckCallContext(fcinfo, NULL))
	{
		CumulativeValue *copy = (CumulativeValue *) palloc(sizeof(CumulativeValue));

		memcpy(copy, a, sizeof(CumulativeValue));
		a = copy;
	}
	cum_merge(a, b);
	cum_check_overflow(a);
	PG_RETURN_CUMULATIVE_P(a);
}

/* ---------------------------------------------------------------------
 * I/O
 * --------------------------------------------------------------------- */

/* Read the text form. */
Datum
cumulative_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	CumulativeValue *v = (CumulativeValue *) palloc(sizeof(CumulativeValue));
	char		errbuf[256];
	const char *detail;

	if (!cum_parse(str, v, errbuf, sizeof(errbuf)))
		INPUT_ERROR(fcinfo,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", "cumulative", str),
					 errdetail("%s", errbuf)));
	if (!cum_validate(v, &detail))
		INPUT_ERROR(fcinfo,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", "cumulative", str),
					 errdetail("%s", detail)));
	PG_RETURN_CUMULATIVE_P(v);
}

/* Write the text form. */
Datum
cumulative_out(PG_FUNCTION_ARGS)
{
	CumulativeValue *v = PG_GETARG_CUMULATIVE_P(0);
	char	   *buf = palloc(CUM_TEXT_BUFLEN);

	cum_format(v, buf);
	PG_RETURN_CSTRING(buf);
}

/*
 * Read the binary form: version, flags, then every field in network order.
 * It is checked exactly as the text form is.
 */
Datum
cumulative_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	CumulativeValue *v = (CumulativeValue *) palloc0(sizeof(CumulativeValue));
	const char *detail;

	v->version = (uint8) pq_getmsgbyte(buf);
	if (v->version != CUM_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type %s", "cumulative"),
				 errdetail("The format version %d is unknown.", v->version)));
	v->flags = (uint8) pq_getmsgbyte(buf);
	v->n = pq_getmsgint64(buf);
	v->first_at = pq_getmsgint64(buf);
	v->last_at = pq_getmsgint64(buf);
	v->t_ref = pq_getmsgint64(buf);
	v->first_total = pq_getmsgfloat8(buf);
	v->last_total = pq_getmsgfloat8(buf);
	v->y_ref = pq_getmsgfloat8(buf);
	v->t_mean = pq_getmsgfloat8(buf);
	v->y_mean = pq_getmsgfloat8(buf);
	v->t_m2 = pq_getmsgfloat8(buf);
	v->t_m3 = pq_getmsgfloat8(buf);
	v->t_m4 = pq_getmsgfloat8(buf);
	v->ty_c = pq_getmsgfloat8(buf);
	v->t2y_c = pq_getmsgfloat8(buf);
	if (!cum_validate(v, &detail))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type %s", "cumulative"),
				 errdetail("%s", detail)));
	PG_RETURN_CUMULATIVE_P(v);
}

/* Write the binary form (114 bytes). */
Datum
cumulative_send(PG_FUNCTION_ARGS)
{
	CumulativeValue *v = PG_GETARG_CUMULATIVE_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, v->version);
	pq_sendbyte(&buf, v->flags);
	pq_sendint64(&buf, v->n);
	pq_sendint64(&buf, v->first_at);
	pq_sendint64(&buf, v->last_at);
	pq_sendint64(&buf, v->t_ref);
	pq_sendfloat8(&buf, v->first_total);
	pq_sendfloat8(&buf, v->last_total);
	pq_sendfloat8(&buf, v->y_ref);
	pq_sendfloat8(&buf, v->t_mean);
	pq_sendfloat8(&buf, v->y_mean);
	pq_sendfloat8(&buf, v->t_m2);
	pq_sendfloat8(&buf, v->t_m3);
	pq_sendfloat8(&buf, v->t_m4);
	pq_sendfloat8(&buf, v->ty_c);
	pq_sendfloat8(&buf, v->t2y_c);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------------------------------------------------------------------
 * Accessors
 * --------------------------------------------------------------------- */

/* Give the number of reports. */
Datum
cumulative_num_reports(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_CUMULATIVE_P(0)->n);
}

/* Give the time of the earliest report. */
Datum
cumulative_first_at(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIMESTAMPTZ(PG_GETARG_CUMULATIVE_P(0)->first_at);
}

/* Give the time of the latest report. */
Datum
cumulative_last_at(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIMESTAMPTZ(PG_GETARG_CUMULATIVE_P(0)->last_at);
}

/* Give the total of the earliest report (the largest of a tie). */
Datum
cumulative_first_total(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(PG_GETARG_CUMULATIVE_P(0)->first_total);
}

/* Give the total of the latest report (the largest of a tie). */
Datum
cumulative_last_total(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(PG_GETARG_CUMULATIVE_P(0)->last_total);
}

/* Give last_total - first_total. */
Datum
cumulative_delta(PG_FUNCTION_ARGS)
{
	CumulativeValue *v = PG_GETARG_CUMULATIVE_P(0);

	PG_RETURN_FLOAT8(float8_mi(v->last_total, v->first_total));
}

/* Give the days from the first report to the last. */
static inline double
cum_span_days(const CumulativeValue *v)
{
	/* as doubles: the difference of two timestamps can exceed int64 */
	return ((double) v->last_at - (double) v->first_at) / (double) USECS_PER_DAY;
}

/*
 * Return r, or raise float8's overflow error when it is not finite: an
 * intermediate that left the doubles must not pass as an infinite rate.
 */
static inline double
cum_finite_result(double r)
{
	if (unlikely(!isfinite(r)))
		float_overflow_error();
	return r;
}

/* Give delta per `per' between the first and last report; NULL for one instant. */
Datum
cumulative_rate(PG_FUNCTION_ARGS)
{
	CumulativeValue *v = PG_GETARG_CUMULATIVE_P(0);
	double		per = timeaxis_per_days(PG_GETARG_INTERVAL_P(1));

	if (v->first_at == v->last_at)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(cum_finite_result(float8_mi(v->last_total, v->first_total) /
									   cum_span_days(v) * per));
}

/* Give the least-squares slope of total on time, per `per'; NULL for one instant. */
Datum
cumulative_fitted_rate(PG_FUNCTION_ARGS)
{
	CumulativeValue *v = PG_GETARG_CUMULATIVE_P(0);
	double		per = timeaxis_per_days(PG_GETARG_INTERVAL_P(1));

	if (v->first_at == v->last_at || v->t_m2 <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(cum_finite_result(v->ty_c / v->t_m2 * per));
}

/*
 * Give the second derivative of the least-squares quadratic of total on
 * time, per `per' squared; NULL below three distinct times.
 */
Datum
cumulative_acceleration(PG_FUNCTION_ARGS)
{
	CumulativeValue *v = PG_GETARG_CUMULATIVE_P(0);
	double		per = timeaxis_per_days(PG_GETARG_INTERVAL_P(1));
	double		q,
				det,
				b2;

	if (!(v->flags & CUM_INTERIOR))
		PG_RETURN_NULL();
	/* sum of (u^2 - mean u^2)^2, then the normal equations by Cramer's rule */
	q = v->t_m4 - v->t_m2 * (v->t_m2 / (double) v->n);
	det = v->t_m2 * q - v->t_m3 * v->t_m3;
	if (!(det > 0))
		PG_RETURN_NULL();
	b2 = (v->t_m2 * v->t2y_c - v->t_m3 * v->ty_c) / det;
	PG_RETURN_FLOAT8(cum_finite_result(2.0 * cum_finite_result(b2) * per * per));
}

/*
 * Give when `rate' carries last_total to target; NULL when target is not
 * above last_total or the rate is not positive.  A time past the range of
 * timestamptz is an error, as in timestamptz arithmetic.
 */
Datum
cumulative_time_to_reach(PG_FUNCTION_ARGS)
{
	CumulativeValue *v = PG_GETARG_CUMULATIVE_P(0);
	double		target = PG_GETARG_FLOAT8(1);
	double		rate_us;
	double		when;

	if (v->first_at == v->last_at || !(target > v->last_total))
		PG_RETURN_NULL();
	rate_us = cum_finite_result(v->last_total - v->first_total) /
		((double) v->last_at - (double) v->first_at);
	if (!(rate_us > 0))
		PG_RETURN_NULL();
	when = rint((double) v->last_at + (target - v->last_total) / rate_us);
	if (!isfinite(when) || when < (double) MIN_TIMESTAMP || when >= (double) END_TIMESTAMP)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range"),
				 errdetail("At the current rate the target is reached after the last time timestamp with time zone can hold.")));
	PG_RETURN_TIMESTAMPTZ((TimestampTz) when);
}
