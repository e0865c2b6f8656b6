/*
 * cumulative.c
 *		SQL glue of the cumulative summary of running-total reports: its I/O,
 *		the cumulative_agg aggregate (transition and combine), and its
 *		accessors.
 *
 * The aggregate state is the type itself (no internal state), so the
 * aggregate runs in parallel plans and in distributed aggregation that ships
 * partial states as text.  Inside an aggregate the state is updated in place:
 * no allocation per row.  The layout, the fits and the figures live in
 * cumulative_core.c (plain C).
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/builtins.h"

#include "cumulative_core.h"
#include "estimate_core.h"
#include "glue.h"

StaticAssertDecl(sizeof(CumulativeValue) == 120, "cumulative layout changed");

#define PG_GETARG_CUMULATIVE_P(n)	((CumulativeValue *) PG_GETARG_POINTER(n))

PG_FUNCTION_INFO_V1(cumulative_trans_date);
PG_FUNCTION_INFO_V1(cumulative_trans_ts);
PG_FUNCTION_INFO_V1(cumulative_trans_est_date);
PG_FUNCTION_INFO_V1(cumulative_trans_est_ts);
PG_FUNCTION_INFO_V1(cumulative_trans_local);
PG_FUNCTION_INFO_V1(cumulative_trans_est_local);
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

/* Say whether a summary holds calendar times (see glue.h). */
static inline bool
is_calendar(const CumulativeValue *v)
{
	return (v->flags & CUM_CALENDAR) != 0;
}

/* ---------------------------------------------------------------------
 * Accumulation
 * --------------------------------------------------------------------- */

/*
 * Do one transition step: create the state on the first report, update it
 * in place within an aggregate, copy it when called directly.
 */
static pg_attribute_always_inline Datum
cum_trans(FunctionCallInfo fcinfo, double y, int64 at, bool calendar)
{
	CumulativeValue *s;
	CsStatus	st;

	cs_check_finite(y, "cumulative_agg", "total");
	y += 0.0;					/* -0 becomes +0: ties compare alike */
	if (PG_ARGISNULL(0))
	{
		/* in the per-call context: the executor copies it into its own */
		s = (CumulativeValue *) palloc(sizeof(CumulativeValue));
		cum_init(s, y, at, calendar);
		PG_RETURN_POINTER(s);
	}
	s = (CumulativeValue *) cs_state_for_update(fcinfo, 0, sizeof(CumulativeValue));
	if (unlikely(is_calendar(s) != calendar))
		cs_raise(CS_ERR_MIXED);
	st = cum_add(s, y, at);
	if (unlikely(st != CS_OK))
		cs_raise(st);
	PG_RETURN_POINTER(s);
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
					 cs_date_calendar(PG_GETARG_DATEADT(2)), true);
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
					 cs_instant(PG_GETARG_TIMESTAMPTZ(2)), false);
}

/* Transition of cumulative_agg(total, at timestamp): its wall-clock time, a calendar value. */
Datum
cumulative_trans_local(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return cum_trans(fcinfo, PG_GETARG_FLOAT8(1),
					 cs_timestamp_calendar(PG_GETARG_TIMESTAMP(2)), true);
}

/* Transition of cumulative_agg(total estimate, at timestamp): its best value. */
Datum
cumulative_trans_est_local(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return cum_trans(fcinfo, est_best_of((const EstimateValue *) PG_GETARG_POINTER(1)),
					 cs_timestamp_calendar(PG_GETARG_TIMESTAMP(2)), true);
}

/* Transition of cumulative_agg(total estimate, at date): its best value. */
Datum
cumulative_trans_est_date(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return cum_trans(fcinfo, est_best_of((const EstimateValue *) PG_GETARG_POINTER(1)),
					 cs_date_calendar(PG_GETARG_DATEADT(2)), true);
}

/* Transition of cumulative_agg(total estimate, at timestamptz): its best value. */
Datum
cumulative_trans_est_ts(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return cum_trans(fcinfo, est_best_of((const EstimateValue *) PG_GETARG_POINTER(1)),
					 cs_instant(PG_GETARG_TIMESTAMPTZ(2)), false);
}

/*
 * Merge two summaries: the combine function of cumulative_agg and rollup,
 * and the transition of rollup.  A NULL side gives the other.
 */
Datum
cumulative_combine(PG_FUNCTION_ARGS)
{
	CumulativeValue *a;
	CsStatus	st;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(0))
	{
		/* the executor copies a result that is not its old state */
		PG_RETURN_DATUM(PG_GETARG_DATUM(1));
	}
	a = (CumulativeValue *) cs_state_for_update(fcinfo, 0, sizeof(CumulativeValue));
	st = cum_merge(a, PG_GETARG_CUMULATIVE_P(1));
	if (unlikely(st != CS_OK))
		cs_raise(st);
	PG_RETURN_POINTER(a);
}

/* ---------------------------------------------------------------------
 * I/O
 * --------------------------------------------------------------------- */

/* cumulative_in, _out, _recv and _send, over the descriptor */
CS_FIXED_IO(cumulative, cum_desc);

/* ---------------------------------------------------------------------
 * Accessors
 * --------------------------------------------------------------------- */

/* Give the number of reports. */
Datum
cumulative_num_reports(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_CUMULATIVE_P(0)->n);
}

/* Give the time of the earliest report (a calendar summary's in the session's zone). */
Datum
cumulative_first_at(PG_FUNCTION_ARGS)
{
	CumulativeValue *v = PG_GETARG_CUMULATIVE_P(0);

	PG_RETURN_TIMESTAMPTZ(cs_time_out(v->first_at, is_calendar(v)));
}

/* Give the time of the latest report (a calendar summary's in the session's zone). */
Datum
cumulative_last_at(PG_FUNCTION_ARGS)
{
	CumulativeValue *v = PG_GETARG_CUMULATIVE_P(0);

	PG_RETURN_TIMESTAMPTZ(cs_time_out(v->last_at, is_calendar(v)));
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
	double		r = 0;

	CS_RETURN_FLOAT8(cum_delta(PG_GETARG_CUMULATIVE_P(0), &r), r);
}

/* Give delta per `per' between the first and last report; NULL for one instant. */
Datum
cumulative_rate(PG_FUNCTION_ARGS)
{
	double		per = cs_per_usecs(PG_GETARG_INTERVAL_P(1));
	double		r = 0;

	CS_RETURN_FLOAT8(cum_rate(PG_GETARG_CUMULATIVE_P(0), per, &r), r);
}

/* Give the least-squares slope of total on time, per `per'; NULL for one instant. */
Datum
cumulative_fitted_rate(PG_FUNCTION_ARGS)
{
	double		per = cs_per_usecs(PG_GETARG_INTERVAL_P(1));
	double		r = 0;

	CS_RETURN_FLOAT8(cum_fitted_rate(PG_GETARG_CUMULATIVE_P(0), per, &r), r);
}

/*
 * Give the second derivative of the least-squares quadratic of total on
 * time, per `per' squared; NULL below three distinct times.
 */
Datum
cumulative_acceleration(PG_FUNCTION_ARGS)
{
	double		per = cs_per_usecs(PG_GETARG_INTERVAL_P(1));
	double		r = 0;

	CS_RETURN_FLOAT8(cum_acceleration(PG_GETARG_CUMULATIVE_P(0), per, &r), r);
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
	int64		at = 0;
	CsStatus	st = cum_time_to_reach(v, PG_GETARG_FLOAT8(1), &at);

	if (st == CS_NONE)
		PG_RETURN_NULL();
	if (st != CS_OK && st != CS_ERR_TIME_RANGE)
		cs_raise(st);
	if (st != CS_OK)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range"),
				 errdetail("At the current rate the target is reached after the last time timestamp with time zone can hold.")));
	PG_RETURN_TIMESTAMPTZ(cs_time_out(at, is_calendar(v)));
}
