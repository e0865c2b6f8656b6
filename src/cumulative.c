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
 * Add a report (total, time of kind at) to the state: the transition of
 * cumulative_agg.  A report without a total or a time is skipped; the
 * first makes the state, which is then updated in place within an
 * aggregate, copied when called directly.
 */
static pg_attribute_always_inline Datum
cumulative_trans(FunctionCallInfo fcinfo, int val, CsAtKind at)
{
	CumulativeValue *s;
	double		y;
	int64		t;
	CsStatus	st;

	if (cs_row_is_null(fcinfo))
		return cs_skip_row(fcinfo);
	y = cs_row_value(fcinfo, 1, val);
	t = cs_row_time(fcinfo, 2, at);
	cs_check_finite(y, "cumulative_agg", "total");
	y += 0.0;					/* -0 becomes +0: ties compare alike */
	s = (CumulativeValue *) cs_state_for_update(fcinfo, sizeof(CumulativeValue));
	if (s == NULL)
	{
		s = (CumulativeValue *) palloc(sizeof(CumulativeValue));
		cum_init(s, y, t, cs_at_calendar(at));
		PG_RETURN_POINTER(s);
	}
	if (unlikely(is_calendar(s) != cs_at_calendar(at)))
		cs_raise(CS_ERR_MIXED);
	st = cum_add(s, y, t);
	if (unlikely(st != CS_OK))
		cs_raise(st);
	PG_RETURN_POINTER(s);
}

CS_ENTRY(cumulative_trans_date, cumulative_trans, CS_VAL_FLOAT8, CS_AT_DATE);
CS_ENTRY(cumulative_trans_ts, cumulative_trans, CS_VAL_FLOAT8, CS_AT_TIMESTAMPTZ);
CS_ENTRY(cumulative_trans_est_date, cumulative_trans, CS_VAL_ESTIMATE, CS_AT_DATE);
CS_ENTRY(cumulative_trans_est_ts, cumulative_trans, CS_VAL_ESTIMATE, CS_AT_TIMESTAMPTZ);
CS_ENTRY(cumulative_trans_local, cumulative_trans, CS_VAL_FLOAT8, CS_AT_TIMESTAMP);
CS_ENTRY(cumulative_trans_est_local, cumulative_trans, CS_VAL_ESTIMATE, CS_AT_TIMESTAMP);

/*
 * Merge two summaries: the combine function of cumulative_agg and rollup,
 * and the transition of rollup.  A NULL side gives the other.
 */
Datum
cumulative_combine(PG_FUNCTION_ARGS)
{
	CumulativeValue *a;
	CsStatus	st;

	CS_COMBINE_NULL_SIDES();
	a = (CumulativeValue *) cs_state_for_update(fcinfo, sizeof(CumulativeValue));
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
	if (st != CS_OK)
		cs_raise_in(st, "time_to_reach", NULL);
	PG_RETURN_TIMESTAMPTZ(cs_time_out(at, is_calendar(v)));
}
