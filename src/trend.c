/*
 * trend.c
 *		SQL glue of the trend summary: text and binary I/O, the trend_agg
 *		transition, combine and final functions, its moving-aggregate
 *		(window) mode, and the accessors.
 *
 * The layout, its validation, the text form, the running fit and every
 * figure read from it live in trend_core.c (plain C); this file holds the
 * fmgr plumbing, the window mode's memory, and the errors.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "estimate_core.h"
#include "glue.h"
#include "trend_core.h"

StaticAssertDecl(sizeof(TrendValue) == 96, "trend layout changed");

#define PG_GETARG_TREND_P(n)	((TrendValue *) PG_GETARG_POINTER(n))

/* Allocate a copy of a value in the current memory context. */
static inline TrendValue *
trend_copy(const TrendValue *v)
{
	TrendValue *r = (TrendValue *) palloc(sizeof(TrendValue));

	memcpy(r, v, sizeof(TrendValue));
	return r;
}

/* Raise the error of a failed update or merge of a summary. */
static pg_noinline void
trend_error(CsStatus st, double v)
{
	if (st == CS_ERR_INVALID)
		cs_check_finite(v, "trend_agg", "value");
	if (st == CS_ERR_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value out of range: overflow"),
				 errdetail("The sums of a trend summary exceed the range of double precision.")));
	cs_raise(st);
}

/* Add one row to a summary, raising the error of a bad row. */
static inline void
trend_add_row(TrendValue *st, double v, int64 t, bool calendar)
{
	CsStatus	s = tr_add(st, v, t, calendar);

	if (unlikely(s != CS_OK))
		trend_error(s, v);
}

/* ------------------------------------------------------------------------
 * I/O
 * ------------------------------------------------------------------------
 */

/* trend_in, trend_out, trend_recv and trend_send, over the descriptor */
CS_FIXED_IO(trend, tr_desc);

/* ------------------------------------------------------------------------
 * Aggregate support: trend_agg and rollup
 * ------------------------------------------------------------------------
 */

/* Give the state to update: in place inside an aggregate, else a copy. */
static inline TrendValue *
state_for_update(FunctionCallInfo fcinfo)
{
	return (TrendValue *) cs_state_for_update(fcinfo, 0, sizeof(TrendValue));
}

PG_FUNCTION_INFO_V1(trend_accum_date);
/* Add a (value, date) row to the state: a calendar summary. */
Datum
trend_accum_date(PG_FUNCTION_ARGS)
{
	TrendValue *st = state_for_update(fcinfo);

	trend_add_row(st, PG_GETARG_FLOAT8(1), cs_date_calendar(PG_GETARG_DATEADT(2)), true);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(trend_accum_ts);
/* Add a (value, timestamptz) row to the state: an instant summary. */
Datum
trend_accum_ts(PG_FUNCTION_ARGS)
{
	TrendValue *st = state_for_update(fcinfo);

	trend_add_row(st, PG_GETARG_FLOAT8(1), cs_instant(PG_GETARG_TIMESTAMPTZ(2)), false);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(trend_accum_est_date);
/* Add an (estimate, date) row to the state: its best value. */
Datum
trend_accum_est_date(PG_FUNCTION_ARGS)
{
	TrendValue *st = state_for_update(fcinfo);

	trend_add_row(st, est_best_of((const EstimateValue *) PG_GETARG_POINTER(1)), cs_date_calendar(PG_GETARG_DATEADT(2)), true);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(trend_accum_est_ts);
/* Add an (estimate, timestamptz) row to the state: its best value. */
Datum
trend_accum_est_ts(PG_FUNCTION_ARGS)
{
	TrendValue *st = state_for_update(fcinfo);

	trend_add_row(st, est_best_of((const EstimateValue *) PG_GETARG_POINTER(1)), cs_instant(PG_GETARG_TIMESTAMPTZ(2)), false);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(trend_combine);
/* Merge two summaries: the combine function, and rollup's transition. */
Datum
trend_combine(PG_FUNCTION_ARGS)
{
	TrendValue *a = state_for_update(fcinfo);
	CsStatus	st = tr_merge(a, PG_GETARG_TREND_P(1));

	if (unlikely(st != CS_OK))
		trend_error(st, 0);
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
 *		  is left could exceed 2^16 * 2^-53, about 7e-12), or leaves a sum
 *		  that is not finite (tr_remove says so);
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
	bool		calendar;		/* times are calendar times (date rows) */
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

/* Create an empty moving state in the aggregate's context. */
static TrendMoving *
moving_create(MemoryContext cxt, bool calendar)
{
	TrendMoving *m = MemoryContextAllocZero(cxt, sizeof(TrendMoving));
	Size		cap = TREND_MOVING_INITIAL_CAP;

	tr_init(&m->st);
	m->calendar = calendar;
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

	/* a frame may hold millions of rows; a cancel leaves m on its old arrays */
	for (s = m->head; s < m->tail; s++)
	{
		vals[s & mask] = m->vals[s & oldmask];
		times[s & mask] = m->times[s & oldmask];
		if ((s & 0xffff) == 0xffff)
			CHECK_FOR_INTERRUPTS();
	}
	for (s = m->qmin_h; s < m->qmin_t; s++)
	{
		qmin[s & mask] = m->qmin[s & oldmask];
		if ((s & 0xffff) == 0xffff)
			CHECK_FOR_INTERRUPTS();
	}
	for (s = m->qmax_h; s < m->qmax_t; s++)
	{
		qmax[s & mask] = m->qmax[s & oldmask];
		if ((s & 0xffff) == 0xffff)
			CHECK_FOR_INTERRUPTS();
	}
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

	tr_init(&m->st);
	for (s = m->head; s < m->tail; s++)
	{
		trend_add_row(&m->st, m->vals[s & m->mask], m->times[s & m->mask], m->calendar);
		/* a frame may hold millions of rows */
		if (((s - m->head) & 0xffff) == 0xffff)
			CHECK_FOR_INTERRUPTS();
	}
	m->removals = 0;
}

/*
 * Append a row to the frame.  The deques lose their candidates that the row
 * outdates: one each on average, but a single row can outdate millions.
 */
static inline void
moving_add(TrendMoving *m, double v, int64 t)
{
	uint64		mask;
	int64		s = m->tail;
	uint32		popped = 0;

	/* checks the value before anything changes */
	trend_add_row(&m->st, v, t, m->calendar);
	if (unlikely((uint64) (m->tail - m->head) > m->mask))
		moving_grow(m);
	mask = m->mask;
	m->vals[s & mask] = v;
	m->times[s & mask] = t;
	while (m->qmin_t > m->qmin_h &&
		   m->times[m->qmin[(m->qmin_t - 1) & mask] & mask] >= t)
	{
		m->qmin_t--;
		if ((++popped & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	m->qmin[m->qmin_t++ & mask] = s;
	while (m->qmax_t > m->qmax_h &&
		   m->times[m->qmax[(m->qmax_t - 1) & mask] & mask] <= t)
	{
		m->qmax_t--;
		if ((++popped & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	m->qmax[m->qmax_t++ & mask] = s;
	m->tail = s + 1;
}

/* Remove the oldest row, which must be (v, t); false if it is not. */
static inline bool
moving_remove(TrendMoving *m, double v, int64 t)
{
	uint64		mask = m->mask;
	int64		s = m->head;
	TrendValue *st = &m->st;

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
	if (unlikely(!tr_remove(st, v, t) || ++m->removals > 16 * st->n + 256))
		moving_rebuild(m);
	return true;
}

/* Give the moving state, creating it (of the given kind) on the first call. */
static inline TrendMoving *
moving_state(FunctionCallInfo fcinfo, bool calendar)
{
	MemoryContext aggcxt;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "trend moving-aggregate function called in non-aggregate context");
	if (PG_ARGISNULL(0))
		return moving_create(aggcxt, calendar);
	return (TrendMoving *) PG_GETARG_POINTER(0);
}

/* Give a row's value: a float8, or an estimate's best value. */
static inline double
row_value(FunctionCallInfo fcinfo, bool estimate)
{
	return estimate ? est_best_of((const EstimateValue *) PG_GETARG_POINTER(1)) : PG_GETARG_FLOAT8(1);
}

/* Give a row's time on the moving state's axis. */
static inline int64
row_time(FunctionCallInfo fcinfo, bool calendar)
{
	return calendar ? cs_date_calendar(PG_GETARG_DATEADT(2))
		: cs_instant(PG_GETARG_TIMESTAMPTZ(2));
}

/* Add a row to a moving frame; NULL rows are skipped. */
static Datum
moving_accum(FunctionCallInfo fcinfo, bool estimate, bool calendar)
{
	TrendMoving *m = moving_state(fcinfo, calendar);

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
		moving_add(m, row_value(fcinfo, estimate), row_time(fcinfo, calendar));
	PG_RETURN_POINTER(m);
}

/* Remove a row from a moving frame's head; NULL when it is not the oldest. */
static Datum
moving_inverse(FunctionCallInfo fcinfo, bool estimate, bool calendar)
{
	TrendMoving *m;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	m = moving_state(fcinfo, calendar);
	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2) &&
		!moving_remove(m, row_value(fcinfo, estimate), row_time(fcinfo, calendar)))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(m);
}

PG_FUNCTION_INFO_V1(trend_maccum_date);
/* Add a (value, date) row to a moving frame. */
Datum
trend_maccum_date(PG_FUNCTION_ARGS)
{
	return moving_accum(fcinfo, false, true);
}

PG_FUNCTION_INFO_V1(trend_maccum_ts);
/* Add a (value, timestamptz) row to a moving frame. */
Datum
trend_maccum_ts(PG_FUNCTION_ARGS)
{
	return moving_accum(fcinfo, false, false);
}

PG_FUNCTION_INFO_V1(trend_maccum_est_date);
/* Add an (estimate, date) row to a moving frame. */
Datum
trend_maccum_est_date(PG_FUNCTION_ARGS)
{
	return moving_accum(fcinfo, true, true);
}

PG_FUNCTION_INFO_V1(trend_maccum_est_ts);
/* Add an (estimate, timestamptz) row to a moving frame. */
Datum
trend_maccum_est_ts(PG_FUNCTION_ARGS)
{
	return moving_accum(fcinfo, true, false);
}

PG_FUNCTION_INFO_V1(trend_minv_date);
/* Remove a (value, date) row from a moving frame's head. */
Datum
trend_minv_date(PG_FUNCTION_ARGS)
{
	return moving_inverse(fcinfo, false, true);
}

PG_FUNCTION_INFO_V1(trend_minv_ts);
/* Remove a (value, timestamptz) row from a moving frame's head. */
Datum
trend_minv_ts(PG_FUNCTION_ARGS)
{
	return moving_inverse(fcinfo, false, false);
}

PG_FUNCTION_INFO_V1(trend_minv_est_date);
/* Remove an (estimate, date) row from a moving frame's head. */
Datum
trend_minv_est_date(PG_FUNCTION_ARGS)
{
	return moving_inverse(fcinfo, true, true);
}

PG_FUNCTION_INFO_V1(trend_minv_est_ts);
/* Remove an (estimate, timestamptz) row from a moving frame's head. */
Datum
trend_minv_est_ts(PG_FUNCTION_ARGS)
{
	return moving_inverse(fcinfo, true, false);
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

/* Say whether a summary holds calendar times (see glue.h). */
static inline bool
is_calendar(const TrendValue *v)
{
	return (v->flags & TREND_CALENDAR) != 0;
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

/* Give best with the interval best - half .. best + half as an estimate. */
static Datum
interval_result(FunctionCallInfo fcinfo, CsStatus st, double best, double half)
{
	EstimateValue *r;

	if (st == CS_NONE)
		PG_RETURN_NULL();
	if (st != CS_OK)
		cs_raise(st);
	r = (EstimateValue *) palloc(sizeof(EstimateValue));
	if ((st = est_make_interval(r, best, half)) != CS_OK)
		cs_raise(CS_ERR_RANGE);
	PG_RETURN_POINTER(r);
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
	double		r = 0;

	CS_RETURN_FLOAT8(tr_total(PG_GETARG_TREND_P(0), &r), r);
}

PG_FUNCTION_INFO_V1(trend_mean);
/* Give the mean value per row. */
Datum
trend_mean(PG_FUNCTION_ARGS)
{
	double		r = 0;

	CS_RETURN_FLOAT8(tr_mean(PG_GETARG_TREND_P(0), &r), r);
}

PG_FUNCTION_INFO_V1(trend_stddev);
/* Give the sample standard deviation of the values (NULL below 2 rows). */
Datum
trend_stddev(PG_FUNCTION_ARGS)
{
	double		r = 0;

	CS_RETURN_FLOAT8(tr_stddev(PG_GETARG_TREND_P(0), &r), r);
}

PG_FUNCTION_INFO_V1(trend_first_at);
/* Give the earliest time (a calendar summary's in the session's zone). */
Datum
trend_first_at(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);

	if (v->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(cs_time_out(v->t_min, is_calendar(v)));
}

PG_FUNCTION_INFO_V1(trend_last_at);
/* Give the latest time (a calendar summary's in the session's zone). */
Datum
trend_last_at(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);

	if (v->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(cs_time_out(v->t_max, is_calendar(v)));
}

PG_FUNCTION_INFO_V1(trend_slope);
/* Give the least-squares change in value per `per'. */
Datum
trend_slope(PG_FUNCTION_ARGS)
{
	double		per = cs_per_usecs(PG_GETARG_INTERVAL_P(1));
	double		r = 0;

	CS_RETURN_FLOAT8(tr_slope(PG_GETARG_TREND_P(0), per, &r), r);
}

PG_FUNCTION_INFO_V1(trend_growth);
/* Give the slope relative to the mean value: relative change per `per'. */
Datum
trend_growth(PG_FUNCTION_ARGS)
{
	double		per = cs_per_usecs(PG_GETARG_INTERVAL_P(1));
	double		r = 0;

	CS_RETURN_FLOAT8(tr_growth(PG_GETARG_TREND_P(0), per, &r), r);
}

PG_FUNCTION_INFO_V1(trend_r2);
/* Give the coefficient of determination of the fit. */
Datum
trend_r2(PG_FUNCTION_ARGS)
{
	double		r = 0;

	CS_RETURN_FLOAT8(tr_r2(PG_GETARG_TREND_P(0), &r), r);
}

PG_FUNCTION_INFO_V1(trend_slope_stderr);
/* Give the standard error of the slope, per `per' (NULL below 3 rows). */
Datum
trend_slope_stderr(PG_FUNCTION_ARGS)
{
	double		per = cs_per_usecs(PG_GETARG_INTERVAL_P(1));
	double		r = 0;

	CS_RETURN_FLOAT8(tr_slope_stderr(PG_GETARG_TREND_P(0), per, &r), r);
}

PG_FUNCTION_INFO_V1(trend_slope_interval);
/* Give the slope with its two-sided confidence interval, per `per'. */
Datum
trend_slope_interval(PG_FUNCTION_ARGS)
{
	double		c = check_confidence(PG_GETARG_FLOAT8(1));
	double		per = cs_per_usecs(PG_GETARG_INTERVAL_P(2));
	double		best = 0,
				half = 0;
	CsStatus	st = tr_slope_interval(PG_GETARG_TREND_P(0), c, per, &best, &half);

	return interval_result(fcinfo, st, best, half);
}

PG_FUNCTION_INFO_V1(trend_forecast_ts);
/* Give the fitted line's value at a timestamptz. */
Datum
trend_forecast_ts(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);
	double		r = 0;

	CS_RETURN_FLOAT8(tr_forecast(v, cs_time_in_ts(PG_GETARG_TIMESTAMPTZ(1), is_calendar(v)), &r), r);
}

PG_FUNCTION_INFO_V1(trend_forecast_date);
/* Give the fitted line's value at a date. */
Datum
trend_forecast_date(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);
	double		r = 0;

	CS_RETURN_FLOAT8(tr_forecast(v, cs_time_in_date(PG_GETARG_DATEADT(1), is_calendar(v)), &r), r);
}

PG_FUNCTION_INFO_V1(trend_forecast_interval_ts);
/* Give the forecast at a timestamptz with its prediction interval. */
Datum
trend_forecast_interval_ts(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);
	int64		t = cs_time_in_ts(PG_GETARG_TIMESTAMPTZ(1), is_calendar(v));
	double		c = check_confidence(PG_GETARG_FLOAT8(2));
	double		best = 0,
				half = 0;
	CsStatus	st = tr_forecast_interval(v, t, c, &best, &half);

	return interval_result(fcinfo, st, best, half);
}

PG_FUNCTION_INFO_V1(trend_forecast_interval_date);
/* Give the forecast at a date with its prediction interval. */
Datum
trend_forecast_interval_date(PG_FUNCTION_ARGS)
{
	TrendValue *v = PG_GETARG_TREND_P(0);
	int64		t = cs_time_in_date(PG_GETARG_DATEADT(1), is_calendar(v));
	double		c = check_confidence(PG_GETARG_FLOAT8(2));
	double		best = 0,
				half = 0;
	CsStatus	st = tr_forecast_interval(v, t, c, &best, &half);

	return interval_result(fcinfo, st, best, half);
}
