/*
 * trend.c
 *		SQL glue of the trend summary: text and binary I/O, the trend_agg
 *		transition, combine and final functions, its moving-aggregate
 *		(window) mode, and the accessors (slope, r2, intervals, forecasts).
 *
 * The stored layout, its validation and the text form live in trend_parse.c
 * (plain C); the numerically stable updates and Student's t in stats.h.
 *
 * Edge cases, decided here and documented in the README:
 *	- an empty summary (n = 0; only the aggregates' initial state and its
 *	  text) gives num_points 0 and NULL for every other figure; trend_agg and
 *	  rollup over no rows (or only NULL rows) return NULL, not an empty trend;
 *	- one row: mean, total, first_at, last_at; stddev, slope, r2 are NULL;
 *	- all times equal: no line can be fitted, so slope, growth, r2,
 *	  slope_stderr, the intervals and forecasts are NULL;
 *	- values all equal (and times not): slope 0 and r2 1, as regr_r2 says
 *	  (the line explains everything there is to explain);
 *	- mean 0: growth is NULL;
 *	- slope_interval and forecast_interval need 3 rows (n - 2 degrees of
 *	  freedom); a confidence outside (0, 1) is an error (22023) even where
 *	  the figure would be NULL;
 *	- NaN or infinite values are rejected (22023): a summary holds finite
 *	  numbers only; sums that overflow are 22003.
 */
#include "postgres.h"

#include <math.h>

#include "common/int.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/timestamp.h"

#include "estimate.h"
#include "stats.h"
#include "timeaxis.h"
#include "trend_parse.h"

#define PG_GETARG_TREND_P(n)	((TrendValue *) PG_GETARG_POINTER(n))

/*
 * Input errors are soft where the server has soft errors (16+), so that
 * pg_input_is_valid() can answer without raising.
 */
#if PG_VERSION_NUM >= 160000
#define trend_input_error(context, ...)	ereturn(context, (Datum) 0, __VA_ARGS__)
#else
#define trend_input_error(context, ...) \
	do { (void) (context); ereport(ERROR, __VA_ARGS__); } while (0)
#endif

/* Allocate a copy of a value in the current memory context. */
static inline TrendValue *
trend_copy(const TrendValue *v)
{
	TrendValue *r = (TrendValue *) palloc(sizeof(TrendValue));

	memcpy(r, v, sizeof(TrendValue));
	return r;
}

/*
 * Give b - a in microseconds: exact below 2^53 (285 years), and when the
 * difference overflows an int64, as close as doubles get.
 */
static inline double
ts_diff_us(TimestampTz b, TimestampTz a)
{
	int64		d;

	if (unlikely(pg_sub_s64_overflow(b, a, &d)))
		return (double) b - (double) a;
	return (double) d;
}

/* Raise the error for a value a summary cannot hold. */
static void
reject_value(double v)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("trend_agg does not accept %s values", isnan(v) ? "NaN" : "infinite"),
			 errdetail("A trend summary holds finite numbers only.")));
}

/* Raise the error for sums that left the range of a double. */
static void
overflow_error(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("value out of range: overflow"),
			 errdetail("The sums of a trend summary exceed the range of double precision.")));
}

/*
 * Tell whether the running sums are still finite.  One test does: an
 * infinite sum_v, syy (>= 0) or sxy makes the total infinite or NaN, and
 * mean_v or sxx cannot overflow without syy or sxy doing so (a value
 * difference that overflows enters syy squared).
 */
static inline bool
sums_finite(const TrendValue *st)
{
	return isfinite(st->sum_v + st->syy + st->sxy);
}

/*
 * Add one row to a summary (the hot path: no allocation, no fmgr calls).
 */
static inline void
trend_add(TrendValue *st, double v, TimestampTz t)
{
	if (unlikely(!isfinite(v)))
		reject_value(v);
	if (unlikely(st->n == 0))
	{
		st->t_ref = st->t_min = st->t_max = t;
		st->n = 1;
		st->v_ref = v;
		st->sum_v = v;
		st->mean_t = 0.0;
		st->mean_v = 0.0;
		st->sxx = st->syy = st->sxy = 0.0;
		return;
	}
	if (t < st->t_min)
		st->t_min = t;
	if (t > st->t_max)
		st->t_max = t;
	stats_welford2_add((double) st->n, &st->mean_t, &st->mean_v,
					   &st->sxx, &st->syy, &st->sxy,
					   ts_diff_us(t, st->t_ref), v - st->v_ref);
	st->n++;
	st->sum_v += v;
	if (unlikely(!sums_finite(st)))
		overflow_error();
}

/* Merge summary b into a (Chan et al.), b's times moved to a's origin. */
static inline void
trend_merge(TrendValue *a, const TrendValue *b)
{
	if (b->n == 0)
		return;
	if (a->n == 0)
	{
		memcpy(a, b, sizeof(TrendValue));
		return;
	}
	stats_welford2_merge((double) a->n, &a->mean_t, &a->mean_v,
						 &a->sxx, &a->syy, &a->sxy,
						 (double) b->n,
						 b->mean_t + ts_diff_us(b->t_ref, a->t_ref),
						 b->mean_v + (b->v_ref - a->v_ref),
						 b->sxx, b->syy, b->sxy);
	a->n += b->n;
	a->sum_v += b->sum_v;
	if (b->t_min < a->t_min)
		a->t_min = b->t_min;
	if (b->t_max > a->t_max)
		a->t_max = b->t_max;
	if (unlikely(!sums_finite(a)))
		overflow_error();
}

/* ------------------------------------------------------------------------
 * I/O
 * ------------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(trend_in);
/* Read the text form of a trend. */
Datum
trend_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	TrendValue *v = (TrendValue *) palloc(sizeof(TrendValue));
	char		err[256];

	if (trend_parse(str, v, err, sizeof(err)) != 0)
		trend_input_error(fcinfo->context,
						  (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						   errmsg("invalid input syntax for type %s: \"%s\"", "trend", str),
						   errdetail("%s", err)));
	PG_RETURN_POINTER(v);
}

PG_FUNCTION_INFO_V1(trend_out);
/* Write the text form of a trend, exact whatever extra_float_digits is. */
Datum
trend_out(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);
	char	   *buf = palloc(TREND_TEXT_BUFLEN);

	trend_format(v, buf);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(trend_recv);
/*
 * Read the binary form: version, flags, six reserved bytes, four int64 and
 * seven float8, big-endian; checked exactly as the text form is.
 */
Datum
trend_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	TrendValue *v = (TrendValue *) palloc(sizeof(TrendValue));
	const char *problem;
	int			i;

	v->version = (uint8) pq_getmsgbyte(buf);
	v->flags = (uint8) pq_getmsgbyte(buf);
	for (i = 0; i < (int) sizeof(v->reserved); i++)
		v->reserved[i] = (uint8) pq_getmsgbyte(buf);
	v->n = pq_getmsgint64(buf);
	v->t_ref = pq_getmsgint64(buf);
	v->t_min = pq_getmsgint64(buf);
	v->t_max = pq_getmsgint64(buf);
	v->v_ref = pq_getmsgfloat8(buf);
	v->sum_v = pq_getmsgfloat8(buf);
	v->mean_t = pq_getmsgfloat8(buf);
	v->mean_v = pq_getmsgfloat8(buf);
	v->sxx = pq_getmsgfloat8(buf);
	v->syy = pq_getmsgfloat8(buf);
	v->sxy = pq_getmsgfloat8(buf);

	problem = trend_check(v);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external trend value"),
				 errdetail("%s", problem)));
	PG_RETURN_POINTER(v);
}

PG_FUNCTION_INFO_V1(trend_send);
/* Write the binary form (see trend_recv). */
Datum
trend_send(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, v->version);
	pq_sendbyte(&buf, v->flags);
	for (i = 0; i < (int) sizeof(v->reserved); i++)
		pq_sendbyte(&buf, v->reserved[i]);
	pq_sendint64(&buf, v->n);
	pq_sendint64(&buf, v->t_ref);
	pq_sendint64(&buf, v->t_min);
	pq_sendint64(&buf, v->t_max);
	pq_sendfloat8(&buf, v->v_ref);
	pq_sendfloat8(&buf, v->sum_v);
	pq_sendfloat8(&buf, v->mean_t);
	pq_sendfloat8(&buf, v->mean_v);
	pq_sendfloat8(&buf, v->sxx);
	pq_sendfloat8(&buf, v->syy);
	pq_sendfloat8(&buf, v->sxy);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ------------------------------------------------------------------------
 * Aggregate support: trend_agg and rollup
 * ------------------------------------------------------------------------
 */

/* Give the state to update: in place inside an aggregate, else a copy. */
static inline TrendValue *
state_for_update(FunctionCallInfo fcinfo)
{
	TrendValue *st = PG_GETARG_TREND_P(0);

	if (likely(AggCheckCallContext(fcinfo, NULL)))
		return st;
	return trend_copy(st);
}

PG_FUNCTION_INFO_V1(trend_accum_date);
/* Add a (value, date) row to the state. */
Datum
trend_accum_date(PG_FUNCTION_ARGS)
{
	TrendValue *st = state_for_update(fcinfo);

	trend_add(st, PG_GETARG_FLOAT8(1), timeaxis_date_to_ts(PG_GETARG_DATEADT(2)));
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(trend_accum_ts);
/* Add a (value, timestamptz) row to the state. */
Datum
trend_accum_ts(PG_FUNCTION_ARGS)
{
	TrendValue *st = state_for_update(fcinfo);

	trend_add(st, PG_GETARG_FLOAT8(1), timeaxis_check_ts(PG_GETARG_TIMESTAMPTZ(2)));
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(trend_combine);
/* Merge two summaries: the combine function, and rollup's transition. */
Datum
trend_combine(PG_FUNCTION_ARGS)
{
	TrendValue *a = state_for_update(fcinfo);
	TrendValue *b = PG_GETARG_TREND_P(1);

	trend_merge(a, b);
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(trend_final);
/* Finish an aggregate: NULL when no row was aggregated, else the summary. */
Datum
trend_final(PG_FUNCTION_ARGS)
{
	TrendValue *st = PG_GETARG_TREND_P(0);

	if (st->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(trend_copy(st));
}

/* ------------------------------------------------------------------------
 * Moving-aggregate (window) mode
 *
 * PostgreSQL's window machinery removes rows from a moving frame's head in
 * the order they were added.  The moving state keeps, besides the Welford
 * accumulators, the frame's rows in a ring buffer.  Why:
 *
 *	- first_at and last_at cannot be downdated from a summary: when the
 *	  earliest row leaves, the next earliest time is not in the summary.
 *	  Monotonic deques over the buffer give the frame's minimum and maximum
 *	  time in O(1) amortized, whatever the frame's row order.
 *	- Welford downdates are the exact inverse of the updates in real
 *	  arithmetic but not in floating point: rounding errors of every update
 *	  and downdate stay in the sums, and when a row that dominates a sum
 *	  leaves (a 1e15 among ones, the last of several distinct times), the
 *	  remaining sums are mostly error.  Compensated sums only shrink the
 *	  first problem, and an exact integer path would not fit float8 values.
 *	  Instead the state is rebuilt from the buffered rows, in the same order
 *	  a fresh aggregate would see them (so the result is then bit for bit
 *	  what recomputing the frame gives):
 *		- when a downdate removes more than 2^16 times what is left of
 *		  sxx or syy (catastrophic cancellation: the relative error of what
 *		  is left could exceed 2^16 * 2^-53, about 7e-12);
 *		- after 16 n + 256 downdates since the last rebuild, which bounds
 *		  the accumulated random-walk error to about sqrt(16 n) units in the
 *		  last place and costs 1/16 of an update per row, amortized;
 *		- when the frame shrinks to one row (exact zeros for the spread).
 *	  Rebuilding here, rather than returning NULL from the inverse function
 *	  and letting the executor restart, needs no re-read of the frame.
 *	- Should the executor ever remove a row that is not the oldest held,
 *	  the inverse function returns NULL and the executor recomputes the
 *	  frame: correct, only slower.
 *
 * The moving state is `internal' (window aggregation never combines or
 * serializes states); the ordinary state, used by plain, parallel and
 * distributed aggregation, is the trend type itself.
 * ------------------------------------------------------------------------
 */

typedef struct TrendMoving
{
	TrendValue	st;				/* the fit of the rows held; t_min/t_max unused */
	int64		removals;		/* downdates since the last rebuild */
	int64		head;			/* sequence number of the oldest row held */
	int64		tail;			/* sequence number the next row gets */
	int64		qmin_h,			/* deque of candidates for the earliest time */
				qmin_t;
	int64		qmax_h,			/* deque of candidates for the latest time */
				qmax_t;
	uint64		mask;			/* ring capacity - 1 (a power of two) */
	double	   *vals;			/* values, by sequence number & mask */
	int64	   *times;			/* times, likewise */
	int64	   *qmin;			/* sequence numbers, by deque position & mask */
	int64	   *qmax;
	MemoryContext cxt;			/* where the arrays live */
} TrendMoving;

#define TREND_MOVING_INITIAL_CAP	64
#define TREND_CANCEL_FACTOR			65536.0

/* Create an empty moving state in the aggregate's context. */
static TrendMoving *
moving_create(MemoryContext cxt)
{
	TrendMoving *m = MemoryContextAllocZero(cxt, sizeof(TrendMoving));
	Size		cap = TREND_MOVING_INITIAL_CAP;

	trend_init(&m->st);
	m->cxt = cxt;
	m->mask = cap - 1;
	m->vals = MemoryContextAlloc(cxt, cap * sizeof(double));
	m->times = MemoryContextAlloc(cxt, cap * sizeof(int64));
	m->qmin = MemoryContextAlloc(cxt, cap * sizeof(int64));
	m->qmax = MemoryContextAlloc(cxt, cap * sizeof(int64));
	return m;
}

/* Double the ring capacity, keeping every entry at its new slot. */
static void
moving_grow(TrendMoving *m)
{
	uint64		oldmask = m->mask;
	uint64		cap = (oldmask + 1) * 2;
	uint64		mask = cap - 1;
	double	   *vals = MemoryContextAlloc(m->cxt, cap * sizeof(double));
	int64	   *times = MemoryContextAlloc(m->cxt, cap * sizeof(int64));
	int64	   *qmin = MemoryContextAlloc(m->cxt, cap * sizeof(int64));
	int64	   *qmax = MemoryContextAlloc(m->cxt, cap * sizeof(int64));
	int64		s;

	for (s = m->head; s < m->tail; s++)
	{
		vals[s & mask] = m->vals[s & oldmask];
		times[s & mask] = m->times[s & oldmask];
	}
	for (s = m->qmin_h; s < m->qmin_t; s++)
		qmin[s & mask] = m->qmin[s & oldmask];
	for (s = m->qmax_h; s < m->qmax_t; s++)
		qmax[s & mask] = m->qmax[s & oldmask];
	pfree(m->vals);
	pfree(m->times);
	pfree(m->qmin);
	pfree(m->qmax);
	m->vals = vals;
	m->times = times;
	m->qmin = qmin;
	m->qmax = qmax;
	m->mask = mask;
}

/* Recompute the fit from the rows held, oldest first. */
static void
moving_rebuild(TrendMoving *m)
{
	int64		s;

	trend_init(&m->st);
	for (s = m->head; s < m->tail; s++)
	{
		trend_add(&m->st, m->vals[s & m->mask], m->times[s & m->mask]);
		/* a frame may hold millions of rows */
		if (((s - m->head) & 0xffff) == 0xffff)
			CHECK_FOR_INTERRUPTS();
	}
	m->removals = 0;
}

/* Append a row to the frame. */
static inline void
moving_add(TrendMoving *m, double v, TimestampTz t)
{
	uint64		mask;
	int64		s = m->tail;

	/* checks the value before anything changes */
	trend_add(&m->st, v, t);
	if (unlikely((uint64) (m->tail - m->head) > m->mask))
		moving_grow(m);
	mask = m->mask;
	m->vals[s & mask] = v;
	m->times[s & mask] = t;
	while (m->qmin_t > m->qmin_h &&
		   m->times[m->qmin[(m->qmin_t - 1) & mask] & mask] >= t)
		m->qmin_t--;
	m->qmin[m->qmin_t++ & mask] = s;
	while (m->qmax_t > m->qmax_h &&
		   m->times[m->qmax[(m->qmax_t - 1) & mask] & mask] <= t)
		m->qmax_t--;
	m->qmax[m->qmax_t++ & mask] = s;
	m->tail = s + 1;
}

/* Remove the oldest row, which must be (v, t); false if it is not. */
static inline bool
moving_remove(TrendMoving *m, double v, TimestampTz t)
{
	uint64		mask = m->mask;
	int64		s = m->head;
	TrendValue *st = &m->st;
	double		x,
				sxx_old,
				syy_old;

	if (m->tail == s || m->vals[s & mask] != v || m->times[s & mask] != t)
		return false;
	if (m->qmin[m->qmin_h & mask] == s)
		m->qmin_h++;
	if (m->qmax[m->qmax_h & mask] == s)
		m->qmax_h++;
	m->head = s + 1;

	if (st->n <= 2)
	{
		/* zero or one row left: exact, and cheap */
		moving_rebuild(m);
		return true;
	}
	x = ts_diff_us(t, st->t_ref);
	sxx_old = st->sxx;
	syy_old = st->syy;
	stats_welford2_remove((double) st->n, &st->mean_t, &st->mean_v,
						  &st->sxx, &st->syy, &st->sxy, x, v - st->v_ref);
	st->n--;
	st->sum_v -= v;
	m->removals++;
	if (unlikely(sxx_old - st->sxx > TREND_CANCEL_FACTOR * st->sxx ||
				 syy_old - st->syy > TREND_CANCEL_FACTOR * st->syy ||
				 m->removals > 16 * st->n + 256))
		moving_rebuild(m);
	return true;
}

/* Give the moving state, creating it on the first call. */
static inline TrendMoving *
moving_state(FunctionCallInfo fcinfo)
{
	MemoryContext aggcxt;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "trend moving-aggregate function called in non-aggregate context");
	if (PG_ARGISNULL(0))
		return moving_create(aggcxt);
	return (TrendMoving *) PG_GETARG_POINTER(0);
}

PG_FUNCTION_INFO_V1(trend_maccum_date);
/* Add a (value, date) row to a moving frame; NULL rows are skipped. */
Datum
trend_maccum_date(PG_FUNCTION_ARGS)
{
	TrendMoving *m = moving_state(fcinfo);

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
		moving_add(m, PG_GETARG_FLOAT8(1), timeaxis_date_to_ts(PG_GETARG_DATEADT(2)));
	PG_RETURN_POINTER(m);
}

PG_FUNCTION_INFO_V1(trend_maccum_ts);
/* Add a (value, timestamptz) row to a moving frame; NULL rows are skipped. */
Datum
trend_maccum_ts(PG_FUNCTION_ARGS)
{
	TrendMoving *m = moving_state(fcinfo);

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
		moving_add(m, PG_GETARG_FLOAT8(1), timeaxis_check_ts(PG_GETARG_TIMESTAMPTZ(2)));
	PG_RETURN_POINTER(m);
}

PG_FUNCTION_INFO_V1(trend_minv_date);
/* Remove a (value, date) row from a moving frame's head. */
Datum
trend_minv_date(PG_FUNCTION_ARGS)
{
	TrendMoving *m;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	m = moving_state(fcinfo);
	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2) &&
		!moving_remove(m, PG_GETARG_FLOAT8(1), timeaxis_date_to_ts(PG_GETARG_DATEADT(2))))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(m);
}

PG_FUNCTION_INFO_V1(trend_minv_ts);
/* Remove a (value, timestamptz) row from a moving frame's head. */
Datum
trend_minv_ts(PG_FUNCTION_ARGS)
{
	TrendMoving *m;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	m = moving_state(fcinfo);
	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2) &&
		!moving_remove(m, PG_GETARG_FLOAT8(1), timeaxis_check_ts(PG_GETARG_TIMESTAMPTZ(2))))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(m);
}

PG_FUNCTION_INFO_V1(trend_mfinal);
/* Give the summary of a moving frame; NULL when it holds no row. */
Datum
trend_mfinal(PG_FUNCTION_ARGS)
{
	TrendMoving *m;
	TrendValue *r;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	m = (TrendMoving *) PG_GETARG_POINTER(0);
	if (m->st.n == 0)
		PG_RETURN_NULL();
	r = trend_copy(&m->st);
	r->t_min = m->times[m->qmin[m->qmin_h & m->mask] & m->mask];
	r->t_max = m->times[m->qmax[m->qmax_h & m->mask] & m->mask];
	PG_RETURN_POINTER(r);
}

/* ------------------------------------------------------------------------
 * Accessors
 * ------------------------------------------------------------------------
 */

/* Give a positive `per' interval in microseconds (22023 otherwise). */
static inline double
per_usecs(const Interval *per)
{
	return timeaxis_per_days(per) * (double) USECS_PER_DAY;
}

/* Check a confidence level: strictly between 0 and 1, else 22023. */
static double
check_confidence(double c)
{
	if (!(c > 0.0 && c < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence must be between 0 and 1"),
				 errdetail("A confidence level of %g leaves no interval; use a value such as 0.95.", c)));
	return c;
}

/* Give the two-sided Student's t critical value for confidence c and df. */
static double
t_critical(double c, double df)
{
	return stats_t_quantile_upper((1.0 - c) / 2.0, df);
}

/* Tell whether a line can be fitted: two rows at two distinct times. */
static inline bool
has_line(const TrendValue *v)
{
	return v->n >= 2 && v->sxx > 0.0;
}

/* Give the residual sum of squares of the fit (never negative). */
static inline double
residual_ss(const TrendValue *v)
{
	double		sse = v->syy - v->sxy * (v->sxy / v->sxx);

	return sse > 0.0 ? sse : 0.0;
}

/* Give a result, or raise 22003 when it overflowed. */
static inline double
finite_result(double r)
{
	if (unlikely(!isfinite(r)))
		overflow_error();
	return r;
}

/*
 * Give the mean value as the sum over the count, as avg(float8) does: for
 * counts (integers) it is then the correctly rounded mean.
 */
static inline double
value_mean(const TrendValue *v)
{
	return v->sum_v / (double) v->n;
}

PG_FUNCTION_INFO_V1(trend_num_points);
/* Give the number of rows aggregated. */
Datum
trend_num_points(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_TREND_P(0)->n);
}

PG_FUNCTION_INFO_V1(trend_total);
/* Give the sum of the values. */
Datum
trend_total(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);

	if (v->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v->sum_v);
}

PG_FUNCTION_INFO_V1(trend_mean);
/* Give the mean value per row. */
Datum
trend_mean(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);

	if (v->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(value_mean(v));
}

PG_FUNCTION_INFO_V1(trend_stddev);
/* Give the sample standard deviation of the values (NULL below 2 rows). */
Datum
trend_stddev(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);

	if (v->n < 2)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sqrt(v->syy / (double) (v->n - 1)));
}

PG_FUNCTION_INFO_V1(trend_first_at);
/* Give the earliest time. */
Datum
trend_first_at(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);

	if (v->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(v->t_min);
}

PG_FUNCTION_INFO_V1(trend_last_at);
/* Give the latest time. */
Datum
trend_last_at(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);

	if (v->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(v->t_max);
}

PG_FUNCTION_INFO_V1(trend_slope);
/* Give the least-squares change in value per `per'. */
Datum
trend_slope(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);
	double		per = per_usecs(PG_GETARG_INTERVAL_P(1));

	if (!has_line(v))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(finite_result(v->sxy / v->sxx * per));
}

PG_FUNCTION_INFO_V1(trend_growth);
/* Give the slope relative to the mean value: relative change per `per'. */
Datum
trend_growth(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);
	double		per = per_usecs(PG_GETARG_INTERVAL_P(1));

	double		mean;

	if (!has_line(v))
		PG_RETURN_NULL();
	mean = value_mean(v);
	if (mean == 0.0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(finite_result(v->sxy / v->sxx * per / mean));
}

PG_FUNCTION_INFO_V1(trend_r2);
/* Give the coefficient of determination of the fit. */
Datum
trend_r2(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);
	double		r2;

	if (!has_line(v))
		PG_RETURN_NULL();
	if (v->syy == 0.0)
		PG_RETURN_FLOAT8(1.0);
	r2 = (v->sxy / v->sxx) * (v->sxy / v->syy);
	if (r2 > 1.0)
		r2 = 1.0;
	PG_RETURN_FLOAT8(r2);
}

/* Give the standard error of the slope in value per microsecond (3 rows). */
static inline double
slope_se_us(const TrendValue *v)
{
	return sqrt(residual_ss(v) / (double) (v->n - 2) / v->sxx);
}

PG_FUNCTION_INFO_V1(trend_slope_stderr);
/* Give the standard error of the slope, per `per' (NULL below 3 rows). */
Datum
trend_slope_stderr(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);
	double		per = per_usecs(PG_GETARG_INTERVAL_P(1));

	if (!has_line(v) || v->n < 3)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(finite_result(slope_se_us(v) * per));
}

/* Make an estimate with inclusive bounds best - half .. best + half. */
static EstimateValue *
interval_estimate(double best, double half)
{
	double		lo = best - half;
	double		hi = best + half;

	/* keep best inside its bounds should rounding put it outside */
	if (lo > best)
		lo = best;
	if (hi < best)
		hi = best;
	return estimate_from_parts(best, true, lo, true, true, hi, true);
}

PG_FUNCTION_INFO_V1(trend_slope_interval);
/* Give the slope with its two-sided confidence interval, per `per'. */
Datum
trend_slope_interval(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);
	double		c = check_confidence(PG_GETARG_FLOAT8(1));
	double		per = per_usecs(PG_GETARG_INTERVAL_P(2));
	double		b,
				half;

	if (!has_line(v) || v->n < 3)
		PG_RETURN_NULL();
	b = finite_result(v->sxy / v->sxx * per);
	half = finite_result(t_critical(c, (double) (v->n - 2)) * slope_se_us(v) * per);
	PG_RETURN_ESTIMATE_P(interval_estimate(b, half));
}

/* Give the fitted value at time t (the caller checks has_line). */
static inline double
fitted_at(const TrendValue *v, TimestampTz t, double *dx)
{
	*dx = ts_diff_us(t, v->t_ref) - v->mean_t;
	return finite_result(v->v_ref + (v->mean_v + v->sxy / v->sxx * *dx));
}

/* Give the forecast at t, or NULL. */
static Datum
forecast_common(FunctionCallInfo fcinfo, TimestampTz t)
{
	TrendValue *v = PG_GETARG_TREND_P(0);
	double		dx;

	if (!has_line(v))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(fitted_at(v, t, &dx));
}

PG_FUNCTION_INFO_V1(trend_forecast_ts);
/* Give the fitted line's value at a timestamptz. */
Datum
trend_forecast_ts(PG_FUNCTION_ARGS)
{
	return forecast_common(fcinfo, timeaxis_check_ts(PG_GETARG_TIMESTAMPTZ(1)));
}

PG_FUNCTION_INFO_V1(trend_forecast_date);
/* Give the fitted line's value at a date (midnight UTC). */
Datum
trend_forecast_date(PG_FUNCTION_ARGS)
{
	return forecast_common(fcinfo, timeaxis_date_to_ts(PG_GETARG_DATEADT(1)));
}

/* Give the forecast at t with its prediction interval, or NULL. */
static Datum
forecast_interval_common(FunctionCallInfo fcinfo, TimestampTz t)
{
	TrendValue *v = PG_GETARG_TREND_P(0);
	double		c = check_confidence(PG_GETARG_FLOAT8(2));
	double		n,
				yhat,
				dx,
				s2,
				half;

	if (!has_line(v) || v->n < 3)
		PG_RETURN_NULL();
	n = (double) v->n;
	yhat = fitted_at(v, t, &dx);
	s2 = residual_ss(v) / (n - 2.0);
	half = finite_result(t_critical(c, n - 2.0) *
						 sqrt(s2 * (1.0 + 1.0 / n + dx * dx / v->sxx)));
	PG_RETURN_ESTIMATE_P(interval_estimate(yhat, half));
}

PG_FUNCTION_INFO_V1(trend_forecast_interval_ts);
/* Give the forecast at a timestamptz with its prediction interval. */
Datum
trend_forecast_interval_ts(PG_FUNCTION_ARGS)
{
	return forecast_interval_common(fcinfo, timeaxis_check_ts(PG_GETARG_TIMESTAMPTZ(1)));
}

PG_FUNCTION_INFO_V1(trend_forecast_interval_date);
/* Give the forecast at a date (midnight UTC) with its prediction interval. */
Datum
trend_forecast_interval_date(PG_FUNCTION_ARGS)
{
	return forecast_interval_common(fcinfo, timeaxis_date_to_ts(PG_GETARG_DATEADT(1)));
}
