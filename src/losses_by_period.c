/*
 * losses_by_period.c
 *		SQL glue of losses_by_period: the losses of a series per bucket of
 *		calendar arithmetic, with whether each bucket is partial and its
 *		figure as an estimate.
 *
 * The bucket search, the figures of a bucket and its estimate live in the
 * core (series_core.c, series_est.c); this file does what needs the server:
 * bucket edges of instants in a time zone, the set-returning calls.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/datetime.h"

#include "series.h"

PG_FUNCTION_INFO_V1(series_losses_by_period);

/*
 * The zone offsets the core's bucket edges of instants need (a CsZone over
 * a pg_tz): the offset at an instant as timestamp2tm gives it, and the
 * offset of a local time as DetermineTimeZoneOffset chooses it.
 */

/* Give the offset from UTC of a zone at an instant, in microseconds. */
static int64_t
zone_offset_at_instant(void *arg, int64_t t)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			tz;

	if (timestamp2tm(t, &tz, &tm, &fsec, NULL, (pg_tz *) arg) != 0)
		elog(ERROR, "timestamp %lld has no local time", (long long) t);
	return -(int64) tz * USECS_PER_SEC;
}

/* Give the offset from UTC a zone gives a local time, in microseconds. */
static int64_t
zone_offset_at_local(void *arg, int64_t local)
{
	struct pg_tm tm;
	fsec_t		fsec;

	if (timestamp2tm(local, NULL, &tm, &fsec, NULL, NULL) != 0)
		elog(ERROR, "local time %lld out of range", (long long) local);
	return -(int64) DetermineTimeZoneOffset(&tm, (pg_tz *) arg) * USECS_PER_SEC;
}

/* Give the CsZone of a pg_tz. */
static CsZone
zone_of(pg_tz *tz)
{
	CsZone		z;

	z.offset_at_instant = zone_offset_at_instant;
	z.offset_at_local = zone_offset_at_local;
	z.arg = tz;
	return z;
}

/* The state of losses_by_period between calls. */
typedef struct LossesState
{
	const SerReport *r;			/* the reports, clamped when the policy says so */
	const SerEstPart *p;		/* their estimates' parts (version 2), or NULL */
	size_t		n;
	bool		calendar;		/* edges are calendar times */
	SerEdgeFn	edge_fn;
	void	   *edge_arg;		/* a SerCalendarBucket or a SerZoneBucket */
	int64		k;				/* index of the current bucket */
	int64		edge;			/* its start: origin + k * bucket */
	size_t		idx;			/* first report at or after edge */
} LossesState;

/* Read the on_decrease policy: true for clamp, false for revision. */
static bool
decrease_policy(text *policy)
{
	char	   *pol = text_to_cstring(policy);

	if (strcmp(pol, "revision") == 0)
		return false;
	if (strcmp(pol, "clamp") == 0)
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid on_decrease policy: \"%s\"", pol),
			 errdetail("The policy is \"revision\" (a lower later total stands as a correction) or \"clamp\" (a fall counts as zero).")));
	return false;				/* keep the compiler quiet */
}

/* Check a bucket interval and give its nominal length in microseconds. */
static double
bucket_nominal_us(const Interval *bucket)
{
	double		nominal_us = cs_interval_secs(bucket) * 1e6;

#ifdef INTERVAL_NOT_FINITE
	/* PostgreSQL 17+ has infinite intervals: no bucket edge after the first */
	if (INTERVAL_NOT_FINITE(bucket))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bucket must be finite"),
				 errdetail("An infinite bucket has no edges to report losses between.")));
#endif
	if (!(nominal_us > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bucket must be positive"),
				 errdetail("The bucket interval is zero or negative.")));
	return nominal_us;
}

/* Find the time zone a bucketing of instants uses: named, or the session's. */
static pg_tz *
bucket_zone(FunctionCallInfo fcinfo, int argno)
{
	char	   *name;
	pg_tz	   *tz;

	if (PG_ARGISNULL(argno))
		return session_timezone;
	name = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	tz = pg_tzset(name);
	if (tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" not recognized", name),
				 errdetail("The time_zone argument takes a time zone name, such as those in pg_timezone_names.")));
	return tz;
}

/* Set up the first call of losses_by_period; NULL when it gives no rows. */
static LossesState *
losses_setup(FunctionCallInfo fcinfo)
{
	Series	   *s;
	Interval   *bucket;
	bool		clamp;
	double		nominal_us;
	LossesState *ls;
	int64		origin;
	CsStatus	st;

	/* NULL arguments (the series, the bucket or the policy) give no rows */
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(3))
		return NULL;
	bucket = PG_GETARG_INTERVAL_P(1);
	clamp = decrease_policy(PG_GETARG_TEXT_PP(3));
	nominal_us = bucket_nominal_us(bucket);
	s = PG_GETARG_SERIES_P(0);
	series_check(s);

	ls = palloc0(sizeof(LossesState));
	ls->n = s->count;
	ls->calendar = is_calendar(s);
	if (ls->calendar)
	{
		SerCalendarBucket *cb = palloc(sizeof(SerCalendarBucket));

		if (!PG_ARGISNULL(4))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("time_zone applies to a series of instants only"),
					 errdetail("A series built from dates is bucketed on its dates, whatever the time zone."),
					 errhint("Leave time_zone out, or build the series from timestamptz values.")));
		/* a calendar origin is the local date and clock time of the argument */
		origin = PG_ARGISNULL(2) ? 0 : cs_local_of_instant(PG_GETARG_TIMESTAMPTZ(2));
		cb->origin = origin;
		cb->months = bucket->month;
		cb->days = bucket->day;
		cb->usecs = bucket->time;
		ls->edge_fn = ser_calendar_edge;
		ls->edge_arg = cb;
	}
	else
	{
		SerZoneBucket *zb = palloc(sizeof(SerZoneBucket));

		zb->zone = zone_of(bucket_zone(fcinfo, 4));
		if (PG_ARGISNULL(2))
		{
			/* the default origin: local midnight of 1 January 2000 */
			if ((st = cs_zone_instant_of_local(&zb->zone, 0, &zb->origin)) != CS_OK)
				cs_raise(st);
		}
		else
			zb->origin = cs_instant(PG_GETARG_TIMESTAMPTZ(2));
		zb->months = bucket->month;
		zb->days = bucket->day;
		zb->usecs = bucket->time;
		origin = zb->origin;
		ls->edge_fn = ser_zone_edge;
		ls->edge_arg = zb;
	}

	if (clamp && ser_num_decreases(s->reports, s->count) > 0)
	{
		SerReport  *c = palloc(s->count * sizeof(SerReport));

		ser_clamp(s->reports, c, s->count);
		ls->r = c;
		if (series_has_est(s))
		{
			SerEstPart *cp = palloc(s->count * sizeof(SerEstPart));

			ser_clamp_parts(s->reports, c, series_parts(s), cp, s->count);
			ls->p = cp;
		}
		else
			ls->p = NULL;
	}
	else
	{
		ls->r = s->reports;
		ls->p = series_parts(s);
	}

	if (ls->n >= 2)
	{
		st = ser_first_bucket(ls->edge_fn, ls->edge_arg, origin, ls->r[0].at,
							  nominal_us, &ls->k);
		if (st == CS_OK)
			st = ls->edge_fn(ls->edge_arg, ls->k, &ls->edge);
		if (st != CS_OK)
			cs_raise_in(st, "losses_by_period", NULL);
	}
	return ls;
}

/*
 * losses_by_period(series, bucket, origin, on_decrease, time_zone): one row
 * per bucket overlapping the reported span, streamed one per call.
 */
Datum
series_losses_by_period(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	LossesState *ls;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcxt;

		funcctx = cs_srf_first_call(fcinfo, "losses_by_period", &oldcxt);
		funcctx->user_fctx = losses_setup(fcinfo);
		MemoryContextSwitchTo(oldcxt);
	}

	funcctx = SRF_PERCALL_SETUP();
	ls = (LossesState *) funcctx->user_fctx;

	if (ls != NULL && ls->n >= 2 && ls->edge < ls->r[ls->n - 1].at)
	{
		int64		next;
		SerPeriod	per;
		SerFigure	fig;
		EstimateValue *figure = palloc(sizeof(EstimateValue));
		Datum		values[8];
		bool		nulls[8] = {false, false, false, false, false, false, false, false};
		CsStatus	st;

		st = ls->edge_fn(ls->edge_arg, ls->k + 1, &next);
		if (st == CS_OK)
			st = ser_period(ls->r, ls->n, ls->idx, ls->edge, next, &per);
		if (st == CS_OK)
			st = ser_period_figure(ls->r, ls->p, ls->n, ls->edge, next, &fig);
		if (st != CS_OK)
			cs_raise_in(st, "losses_by_period", NULL);

		values[0] = TimestampTzGetDatum(cs_time_out(ls->edge, ls->calendar));
		values[1] = TimestampTzGetDatum(cs_time_out(next, ls->calendar));
		values[2] = Float8GetDatum(per.losses);
		values[3] = Float8GetDatum(per.per_day);
		values[4] = Int32GetDatum(per.reports);
		values[5] = BoolGetDatum(per.interpolated);
		values[6] = BoolGetDatum(fig.partial);
		*figure = fig.figure;
		values[7] = PointerGetDatum(figure);

		ls->k++;
		ls->edge = next;
		ls->idx = per.idx_next;
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}

/* The interpolated total at t (on the series' axis), or NULL outside the span. */
