/*
 * report_series.c
 *		SQL glue of the report_series aggregate: its transition functions
 *		(totals as float8 or as estimates, times as timestamptz, date or
 *		timestamp), combine, serialization and final functions.
 *
 * The state holds one of two collectors of series_core.h: the collector of
 * float8 reports (chunked runs, merged or sorted when flattened), or that of
 * reports with their estimates; the final step makes a series of version 1
 * when every report is exact, else of version 2.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/memutils.h"

#include "series.h"

PG_FUNCTION_INFO_V1(series_agg_combine);
PG_FUNCTION_INFO_V1(series_agg_serial);
PG_FUNCTION_INFO_V1(series_agg_deserial);
PG_FUNCTION_INFO_V1(series_agg_final);

/* the state: a collector of float8 reports, or of estimates */
typedef struct SeriesState
{
	bool		est;			/* the estimate collector is in use */
	SerCollector c;
	SerEstCollector e;
} SeriesState;

/* Get the aggregate memory context, or fail when not called as an aggregate. */
static MemoryContext
series_aggcontext(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "%s called in non-aggregate context", fname);
	return aggcontext;
}

/* Make an empty state of the given kinds in the given context. */
static SeriesState *
series_state_new(MemoryContext cxt, bool calendar, bool est)
{
	SeriesState *st = MemoryContextAlloc(cxt, sizeof(SeriesState));
	CsAllocator mem = cs_context_allocator(cxt, true);

	st->est = est;
	ser_collector_init(&st->c, &mem, calendar ? SER_CALENDAR : 0);
	ser_est_collector_init(&st->e, &mem, calendar ? SER_CALENDAR : 0);
	return st;
}

/* Give the number of reports a state holds. */
static inline size_t
series_state_count(const SeriesState *st)
{
	return st->est ? st->e.n : ser_collector_count(&st->c);
}

/* Raise the error of a state grown past what one series holds. */
static void
series_state_error(CsStatus st)
{
	if (st == CS_ERR_LIMIT)
		cs_raise_in(st, "report_series",
					psprintf("A series holds at most %lu reports (1 GB), counting reports at the same instant.",
							 (unsigned long) SER_MAX_REPORTS));
	cs_raise(st);
}

/* Turn a state of float8 reports into one of estimates (exact points). */
static void
series_state_to_est(SeriesState *st)
{
	SerCollectorIter it;
	const SerReport *r;
	EstimateValue v;
	CsStatus	s;

	if (st->est)
		return;
	ser_collector_iter_init(&st->c, &it);
	while ((r = ser_collector_next(&it)) != NULL)
	{
		ser_est_exact(r->total, &v);
		if ((s = ser_est_collector_add(&st->e, r->at, &v)) != CS_OK)
			series_state_error(s);
	}
	ser_collector_free(&st->c);
	st->est = true;
}

/*
 * Add a row (its total of value kind val, its time of kind at) to the
 * state: a float8 total to the collector of reports, an estimate to that of
 * estimates.  A row with a NULL total or time leaves the state as it was.
 */
static pg_attribute_always_inline Datum
series_trans(FunctionCallInfo fcinfo, int val, CsAtKind at)
{
	SeriesState *st;
	int64		t;
	CsStatus	s;

	if (cs_row_is_null(fcinfo))
		return cs_skip_row(fcinfo);
	t = cs_row_time(fcinfo, 2, at);
	if (PG_ARGISNULL(0))
		st = series_state_new(series_aggcontext(fcinfo, "report_series"),
							  cs_at_calendar(at), val == CS_VAL_ESTIMATE);
	else
		st = (SeriesState *) PG_GETARG_POINTER(0);
	if (val == CS_VAL_ESTIMATE)
		s = ser_est_collector_add(&st->e, t, PG_GETARG_ESTIMATE_P(1));
	else
	{
		SerReport	r;

		r.at = t;
		r.total = PG_GETARG_FLOAT8(1);
		cs_check_finite(r.total, "report_series", "total");
		s = ser_collector_add(&st->c, &r);
	}
	if (unlikely(s != CS_OK))
		series_state_error(s);
	PG_RETURN_POINTER(st);
}

CS_ENTRY(series_agg_trans, series_trans, CS_VAL_FLOAT8, CS_AT_TIMESTAMPTZ);
CS_ENTRY(series_agg_trans_date, series_trans, CS_VAL_FLOAT8, CS_AT_DATE);
CS_ENTRY(series_agg_trans_local, series_trans, CS_VAL_FLOAT8, CS_AT_TIMESTAMP);
CS_ENTRY(series_agg_trans_est, series_trans, CS_VAL_ESTIMATE, CS_AT_TIMESTAMPTZ);
CS_ENTRY(series_agg_trans_est_date, series_trans, CS_VAL_ESTIMATE, CS_AT_DATE);
CS_ENTRY(series_agg_trans_est_local, series_trans, CS_VAL_ESTIMATE, CS_AT_TIMESTAMP);

/*
 * Merge two partial states: the second's reports are copied into the first
 * (the second may live in a shorter-lived context), as new runs.
 */
Datum
series_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = series_aggcontext(fcinfo, "report_series combine");
	SeriesState *a = PG_ARGISNULL(0) ? NULL : (SeriesState *) PG_GETARG_POINTER(0);
	SeriesState *b = PG_ARGISNULL(1) ? NULL : (SeriesState *) PG_GETARG_POINTER(1);
	CsStatus	st;

	if (b == NULL || series_state_count(b) == 0)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		a = series_state_new(aggcontext, (b->c.flags & SER_CALENDAR) != 0, b->est);
	if (a->est || b->est)
	{
		series_state_to_est(a);
		if (b->est)
			st = ser_est_collector_merge(&a->e, &b->e);
		else if (a->e.flags != b->c.flags)
			st = CS_ERR_MIXED;
		else
		{
			/* b's float8 reports join as exact points */
			SerCollectorIter it;
			const SerReport *r;
			EstimateValue v;

			st = CS_OK;
			ser_collector_iter_init(&b->c, &it);
			while (st == CS_OK && (r = ser_collector_next(&it)) != NULL)
			{
				ser_est_exact(r->total, &v);
				st = ser_est_collector_add(&a->e, r->at, &v);
			}
		}
	}
	else
		st = ser_collector_merge(&a->c, &b->c);
	if (st != CS_OK)
		series_state_error(st);
	PG_RETURN_POINTER(a);
}

/*
 * A serialized state: the bytea header, a byte saying whether it is a
 * calendar series, one saying whether it holds estimates, 2 bytes of
 * padding, the reports (SerReport or SerEstItem).
 */
#define SERIES_SERIAL_HDR	8

/*
 * Serialize a partial state: its reports in time order and deduplicated
 * (so the workers share that work), in native byte order (states never
 * leave the server that made them).
 */
Datum
series_agg_serial(PG_FUNCTION_ARGS)
{
	SeriesState *st = (SeriesState *) PG_GETARG_POINTER(0);
	size_t		isize = st->est ? sizeof(SerEstItem) : sizeof(SerReport);
	bytea	   *result;
	size_t		n;

	series_aggcontext(fcinfo, "report_series serialize");
	result = (bytea *) palloc(SERIES_SERIAL_HDR + series_state_count(st) * isize);
	if (st->est)
		n = ser_est_collector_flatten(&st->e, (SerEstItem *) ((char *) result + SERIES_SERIAL_HDR));
	else
		n = ser_collector_flatten(&st->c, (SerReport *) ((char *) result + SERIES_SERIAL_HDR));
	memset(VARDATA(result), 0, SERIES_SERIAL_HDR - VARHDRSZ);
	((uint8 *) VARDATA(result))[0] = (st->c.flags & SER_CALENDAR) ? 1 : 0;
	((uint8 *) VARDATA(result))[1] = st->est ? 1 : 0;
	SET_VARSIZE(result, SERIES_SERIAL_HDR + n * isize);
	PG_RETURN_BYTEA_P(result);
}

/*
 * Deserialize a partial state: one sorted run (float8 reports pointing into
 * the bytea, which the combine function copies before it goes away).
 */
Datum
series_agg_deserial(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_P(0);
	bool		calendar,
				est;
	size_t		isize,
				len,
				n;
	SeriesState *st;
	CsStatus	s = CS_OK;

	series_aggcontext(fcinfo, "report_series deserialize");
	if (VARSIZE(b) < SERIES_SERIAL_HDR)
		elog(ERROR, "corrupt report_series partial state (%u bytes)", (unsigned) VARSIZE(b));
	calendar = ((uint8 *) VARDATA(b))[0] != 0;
	est = ((uint8 *) VARDATA(b))[1] != 0;
	isize = est ? sizeof(SerEstItem) : sizeof(SerReport);
	len = VARSIZE(b) - SERIES_SERIAL_HDR;
	n = len / isize;
	if (len % isize != 0)
		elog(ERROR, "corrupt report_series partial state (%u bytes)", (unsigned) VARSIZE(b));
	st = series_state_new(CurrentMemoryContext, calendar, est);
	if (n > 0)
	{
		char	   *items = (char *) b + SERIES_SERIAL_HDR;

		/* a bytea inside a tuple may leave the reports misaligned: copy */
		if (est || ((uintptr_t) items) % MAXIMUM_ALIGNOF != 0)
		{
			char	   *copy = palloc(len);

			memcpy(copy, items, len);
			items = copy;
		}
		if (est)
		{
			size_t		i;

			for (i = 0; i < n && s == CS_OK; i++)
			{
				const SerEstItem *it = &((const SerEstItem *) items)[i];

				s = ser_est_collector_add(&st->e, it->at, &it->v);
			}
		}
		else
			s = ser_collector_append_run(&st->c, (const SerReport *) items, n, true);
		if (s != CS_OK)
			series_state_error(s);
	}
	PG_RETURN_POINTER(st);
}

/*
 * Finish report_series: reports in time order, the larger at a tie; the
 * state stays as it was (a window calls this again).
 */
Datum
series_agg_final(PG_FUNCTION_ARGS)
{
	SeriesState *st;
	Series	   *s;
	size_t		n;

	series_aggcontext(fcinfo, "report_series final");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (SeriesState *) PG_GETARG_POINTER(0);
	if (series_state_count(st) == 0)
		PG_RETURN_NULL();
	if (st->est)
	{
		SerEstItem *items = palloc_extended(st->e.n * sizeof(SerEstItem), MCXT_ALLOC_HUGE);

		n = ser_est_collector_flatten(&st->e, items);
		s = series_from_items(items, n, (st->e.flags & SER_CALENDAR) != 0);
		pfree(items);
		PG_RETURN_POINTER(s);
	}
	s = series_alloc(ser_collector_count(&st->c), false);
	n = ser_collector_flatten(&st->c, s->reports);
	series_set_count(s, n);
	s->flags = (uint8) st->c.flags;
	PG_RETURN_POINTER(s);
}
