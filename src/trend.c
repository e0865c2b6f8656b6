/*
 * trend.c
 *		SQL glue of the trend summary: text and binary I/O, the trend_agg
 *		transition, combine and final functions, its moving-aggregate
 *		(window) mode, and the accessors.
 *
 * The layout, its validation, the text form, the running fit, the moving
 * window and every figure read from the fit live in trend_core.c (plain C);
 * this file holds the fmgr plumbing, the window mode's memory context, and
 * the errors.
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

/*
 * Add a row (value, time of kind at) to the state: the transition of
 * trend_agg, whose first row makes the summary a calendar or an instant one
 * (STRICT, with an empty initial state: the executor skips NULL rows).
 */
static pg_attribute_always_inline Datum
trend_accum(FunctionCallInfo fcinfo, int val, CsAtKind at)
{
	TrendValue *st = (TrendValue *) cs_state_for_update(fcinfo, sizeof(TrendValue));
	double		v = cs_row_value(fcinfo, 1, val);
	CsStatus	s = tr_add(st, v, cs_row_time(fcinfo, 2, at), cs_at_calendar(at));

	if (unlikely(s != CS_OK))
		cs_raise_row(s, "trend_agg", v);
	PG_RETURN_POINTER(st);
}

CS_ENTRY(trend_accum_date, trend_accum, CS_VAL_FLOAT8, CS_AT_DATE);
CS_ENTRY(trend_accum_ts, trend_accum, CS_VAL_FLOAT8, CS_AT_TIMESTAMPTZ);
CS_ENTRY(trend_accum_est_date, trend_accum, CS_VAL_ESTIMATE, CS_AT_DATE);
CS_ENTRY(trend_accum_est_ts, trend_accum, CS_VAL_ESTIMATE, CS_AT_TIMESTAMPTZ);
CS_ENTRY(trend_accum_local, trend_accum, CS_VAL_FLOAT8, CS_AT_TIMESTAMP);
CS_ENTRY(trend_accum_est_local, trend_accum, CS_VAL_ESTIMATE, CS_AT_TIMESTAMP);

PG_FUNCTION_INFO_V1(trend_combine);
/* Merge two summaries: the combine function, and rollup's transition. */
Datum
trend_combine(PG_FUNCTION_ARGS)
{
	TrendValue *a = (TrendValue *) cs_state_for_update(fcinfo, sizeof(TrendValue));
	CsStatus	st = tr_merge(a, PG_GETARG_TREND_P(1));

	if (unlikely(st != CS_OK))
		cs_raise_in(st, "trend_agg", NULL);
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
	PG_RETURN_POINTER(memcpy(palloc(sizeof(TrendValue)), st, sizeof(TrendValue)));
}

/* ------------------------------------------------------------------------
 * Moving-aggregate (window) mode
 *
 * The moving state is a TrendWindow (trend_core.h: a ring buffer of the
 * frame's rows, monotonic deques for its first and last times, and the
 * rebuild policy of the running fit) in the aggregate's memory context.
 * It is `internal' (window aggregation never combines or serializes
 * states); the ordinary state, used by plain, parallel and distributed
 * aggregation, is the trend type itself.
 * ------------------------------------------------------------------------
 */

/* Give the moving state, creating it (of the given kind) on the first call. */
static inline TrendWindow *
moving_state(FunctionCallInfo fcinfo, bool calendar)
{
	MemoryContext aggcxt;
	CsAllocator mem;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "trend moving-aggregate function called in non-aggregate context");
	if (!PG_ARGISNULL(0))
		return (TrendWindow *) PG_GETARG_POINTER(0);
	mem = cs_context_allocator(aggcxt, false);
	return tr_window_create(&mem, calendar);
}

/* Add a row (value, time of kind at) to a moving frame; NULL rows are skipped. */
static pg_attribute_always_inline Datum
trend_maccum(FunctionCallInfo fcinfo, int val, CsAtKind at)
{
	TrendWindow *w = moving_state(fcinfo, cs_at_calendar(at));

	if (!cs_row_is_null(fcinfo))
	{
		double		v = cs_row_value(fcinfo, 1, val);
		CsStatus	st = tr_window_add(w, v, cs_row_time(fcinfo, 2, at));

		if (unlikely(st != CS_OK))
			cs_raise_row(st, "trend_agg", v);
	}
	PG_RETURN_POINTER(w);
}

/* Remove a row from a moving frame's head; NULL when it is not the oldest. */
static pg_attribute_always_inline Datum
trend_minv(FunctionCallInfo fcinfo, int val, CsAtKind at)
{
	TrendWindow *w;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	w = moving_state(fcinfo, cs_at_calendar(at));
	if (!cs_row_is_null(fcinfo))
	{
		double		v = cs_row_value(fcinfo, 1, val);
		CsStatus	st = tr_window_remove(w, v, cs_row_time(fcinfo, 2, at));

		/* not the oldest row held: the executor recomputes the frame */
		if (st == CS_NONE)
			PG_RETURN_NULL();
		if (unlikely(st != CS_OK))
			cs_raise_row(st, "trend_agg", v);
	}
	PG_RETURN_POINTER(w);
}

CS_ENTRY(trend_maccum_date, trend_maccum, CS_VAL_FLOAT8, CS_AT_DATE);
CS_ENTRY(trend_maccum_ts, trend_maccum, CS_VAL_FLOAT8, CS_AT_TIMESTAMPTZ);
CS_ENTRY(trend_maccum_est_date, trend_maccum, CS_VAL_ESTIMATE, CS_AT_DATE);
CS_ENTRY(trend_maccum_est_ts, trend_maccum, CS_VAL_ESTIMATE, CS_AT_TIMESTAMPTZ);
CS_ENTRY(trend_maccum_local, trend_maccum, CS_VAL_FLOAT8, CS_AT_TIMESTAMP);
CS_ENTRY(trend_maccum_est_local, trend_maccum, CS_VAL_ESTIMATE, CS_AT_TIMESTAMP);
CS_ENTRY(trend_minv_date, trend_minv, CS_VAL_FLOAT8, CS_AT_DATE);
CS_ENTRY(trend_minv_ts, trend_minv, CS_VAL_FLOAT8, CS_AT_TIMESTAMPTZ);
CS_ENTRY(trend_minv_est_date, trend_minv, CS_VAL_ESTIMATE, CS_AT_DATE);
CS_ENTRY(trend_minv_est_ts, trend_minv, CS_VAL_ESTIMATE, CS_AT_TIMESTAMPTZ);
CS_ENTRY(trend_minv_local, trend_minv, CS_VAL_FLOAT8, CS_AT_TIMESTAMP);
CS_ENTRY(trend_minv_est_local, trend_minv, CS_VAL_ESTIMATE, CS_AT_TIMESTAMP);

PG_FUNCTION_INFO_V1(trend_mfinal);
/* Give the summary of a moving frame; NULL when it holds no row. */
Datum
trend_mfinal(PG_FUNCTION_ARGS)
{
	TrendValue *r;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	r = (TrendValue *) palloc(sizeof(TrendValue));
	if (tr_window_value((TrendWindow *) PG_GETARG_POINTER(0), r) == CS_NONE)
		PG_RETURN_NULL();
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
	if (est_make_interval(r, best, half) != CS_OK)
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
