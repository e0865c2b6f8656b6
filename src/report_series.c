/*
 * report_series.c
 *		SQL glue of the report_series aggregate: its transition functions
 *		(totals as float8 or as estimates, times as timestamptz, date or
 *		timestamp), combine and final functions.
 *
 * The state is a series itself: in memory a read-write expanded object
 * whose body is one of two collectors of series_core.h, the collector of
 * float8 reports (chunked runs, merged or sorted when flattened) or that of
 * reports with their estimates; flat, an ordinary series (in time order,
 * one report per time), so that partial states travel as series values do
 * (parallel workers, text, binary) and read back exactly.  Keeping the
 * larger of reports at one time is associative, so flattening a partial
 * state early changes no result.  The final step makes a series of version
 * 1 when every report is exact, else of version 2.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/expandeddatum.h"
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

/*
 * An expanded series: the collector, and what its flat form needs (the
 * buffer float8 reports were compacted into, or the flat series of
 * estimates) while no report has been added since.
 */
typedef struct SeriesExpanded
{
	ExpandedObjectHeader hdr;
	SeriesState st;
	SerReport  *compact;		/* float8 reports in time order, deduplicated */
	size_t		compact_n;		/* their count, also st.c.n when current */
	Series	   *flat;			/* flat form of estimates */
	size_t		flat_n;			/* st.e.n when it was made */
	MemoryContext data;			/* where the reports live */
} SeriesExpanded;

static Size series_eoh_flat_size(ExpandedObjectHeader *eohptr);
static void series_eoh_flatten_into(ExpandedObjectHeader *eohptr,
									void *result, Size allocated_size);

static const ExpandedObjectMethods series_eoh_methods =
{
	series_eoh_flat_size,
	series_eoh_flatten_into
};

/*
 * Get the context a new state goes in: the aggregate's (agg set), or the
 * current one when called as a plain function (combining partial states by
 * hand).
 */
static MemoryContext
series_state_context(FunctionCallInfo fcinfo, bool *agg)
{
	MemoryContext aggcontext;

	*agg = AggCheckCallContext(fcinfo, &aggcontext) != 0;
	return *agg ? aggcontext : CurrentMemoryContext;
}

/*
 * Make an empty expanded state of the given kinds in a child of parent.
 * The child holds the header; an aggregate's reports go in the aggregate's
 * context itself (parent), whose large blocks hold those of every group,
 * as 1.1's state did: a context of their own per group cost a run of
 * small blocks each.  They live as long as the state (an aggregate never
 * hands its state on), and a state made outside an aggregate keeps its
 * reports in its own context, so that it can be moved.
 */
static SeriesExpanded *
series_expanded_new(MemoryContext parent, bool agg, bool calendar, bool est)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "report_series state",
											  ALLOCSET_SMALL_SIZES);
	SeriesExpanded *se = MemoryContextAllocZero(cxt, sizeof(SeriesExpanded));
	CsAllocator mem;

	se->data = agg ? parent : cxt;
	mem = cs_context_allocator(se->data, true);
	EOH_init_header(&se->hdr, &series_eoh_methods, cxt);
	se->st.est = est;
	ser_collector_init(&se->st.c, &mem, calendar ? SER_CALENDAR : 0);
	ser_est_collector_init(&se->st.e, &mem, calendar ? SER_CALENDAR : 0);
	return se;
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

/* Give the calendar flag of a state's reports. */
static inline bool
series_state_calendar(const SeriesState *st)
{
	return ((st->est ? st->e.flags : st->c.flags) & SER_CALENDAR) != 0;
}

/*
 * Read a state: an expanded series of ours (read-write or read-only), else
 * a flat series (detoasted).
 */
static void
series_input(Datum d, SeriesExpanded **se, Series **flat)
{
	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		ExpandedObjectHeader *eoh = DatumGetEOHP(d);

		if (eoh->eoh_methods == &series_eoh_methods)
		{
			*se = (SeriesExpanded *) eoh;
			*flat = NULL;
			return;
		}
	}
	*se = NULL;
	*flat = DatumGetSeriesP(d);
	series_check(*flat);
}

/*
 * Turn a state of float8 reports into one of estimates (exact points); the
 * buffer of its compacted reports goes with the float8 collector.
 */
static void
series_expanded_to_est(SeriesExpanded *se)
{
	CsStatus	s;

	if (se->st.est)
		return;
	if ((s = ser_est_collector_add_exact(&se->st.e, &se->st.c)) != CS_OK)
		series_state_error(s);
	ser_collector_free(&se->st.c);
	if (se->compact != NULL)
	{
		pfree(se->compact);
		se->compact = NULL;
	}
	se->st.est = true;
}

/*
 * Add the reports of another state (expanded, or else flat) to an expanded
 * one: float8 reports as a run, estimates one by one; a state of float8
 * reports becomes one of estimates when the other holds estimates.
 */
static void
series_expanded_merge(SeriesExpanded *a, const SeriesExpanded *b, const Series *flat)
{
	SeriesState *st = &a->st;
	size_t		bn = b ? series_state_count(&b->st) : flat->count;
	bool		bcal = b ? series_state_calendar(&b->st) : is_calendar(flat);
	bool		best = b ? b->st.est : series_has_est(flat);
	CsStatus	s = CS_OK;

	if (bn == 0)
		return;
	if (series_state_count(st) == 0)
	{
		/* an empty state takes the kind of time of what joins it */
		st->c.flags = st->e.flags = bcal ? SER_CALENDAR : 0;
	}
	else if (series_state_calendar(st) != bcal)
		series_state_error(CS_ERR_MIXED);
	if (best)
		series_expanded_to_est(a);
	if (!st->est)
		s = b ? ser_collector_merge(&st->c, &b->st.c)
			: ser_collector_append_run(&st->c, flat->reports, flat->count, false);
	else if (b == NULL)
		s = ser_est_collector_add_reports(&st->e, flat->reports, series_parts(flat), flat->count);
	else if (b->st.est)
		s = ser_est_collector_merge(&st->e, &b->st.e);
	else
		s = ser_est_collector_add_exact(&st->e, &b->st.c);
	if (s != CS_OK)
		series_state_error(s);
}

/*
 * Get the state argument as an expanded series to change in place: itself
 * when it is a read-write one of ours (whoever passes a read-write pointer
 * hands the object over; an aggregate passes its own state so, once a
 * row), else a new one holding its reports (a flat series, or one passed
 * read-only); a new empty one of the given kinds when it is NULL.  A new
 * one goes in the aggregate's context, or the current one outside an
 * aggregate.
 */
static SeriesExpanded *
series_state_rw(FunctionCallInfo fcinfo, bool calendar, bool est)
{
	bool		agg;
	MemoryContext cxt;
	SeriesExpanded *old = NULL;
	SeriesExpanded *se;
	Series	   *flat = NULL;

	if (!PG_ARGISNULL(0))
	{
		Datum		d = PG_GETARG_DATUM(0);

		if (likely(VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d))) &&
			DatumGetEOHP(d)->eoh_methods == &series_eoh_methods)
			return (SeriesExpanded *) DatumGetEOHP(d);
		series_input(d, &old, &flat);
	}
	cxt = series_state_context(fcinfo, &agg);
	se = series_expanded_new(cxt, agg, calendar, est);
	if (old != NULL || flat != NULL)
		series_expanded_merge(se, old, flat);
	return se;
}

/*
 * Add a row (its total of value kind val, its time of kind at) to the
 * state: a float8 total to the collector of reports, an estimate to that of
 * estimates (a state holding estimates takes a float8 total as an exact
 * point).  A row with a NULL total or time leaves the state as it was.
 */
static pg_attribute_always_inline Datum
series_trans(FunctionCallInfo fcinfo, int val, CsAtKind at)
{
	SeriesExpanded *se;
	int64		t;
	CsStatus	s;

	if (cs_row_is_null(fcinfo))
		return cs_skip_row(fcinfo);
	t = cs_row_time(fcinfo, 2, at);
	se = series_state_rw(fcinfo, cs_at_calendar(at), val == CS_VAL_ESTIMATE);
	if (val == CS_VAL_ESTIMATE)
	{
		if (unlikely(!se->st.est))
			series_expanded_to_est(se);
		s = ser_est_collector_add(&se->st.e, t, PG_GETARG_ESTIMATE_P(1));
	}
	else
	{
		double		total = PG_GETARG_FLOAT8(1);

		cs_check_finite(total, "report_series", "total");
		if (unlikely(se->st.est))
		{
			EstimateValue v;

			ser_est_exact(total, &v);
			s = ser_est_collector_add(&se->st.e, t, &v);
		}
		else
		{
			SerReport	r;

			r.at = t;
			r.total = total;
			s = ser_collector_add(&se->st.c, &r);
		}
	}
	if (unlikely(s != CS_OK))
		series_state_error(s);
	PG_RETURN_DATUM(EOHPGetRWDatum(&se->hdr));
}

CS_ENTRY(series_agg_trans, series_trans, CS_VAL_FLOAT8, CS_AT_TIMESTAMPTZ);
CS_ENTRY(series_agg_trans_date, series_trans, CS_VAL_FLOAT8, CS_AT_DATE);
CS_ENTRY(series_agg_trans_local, series_trans, CS_VAL_FLOAT8, CS_AT_TIMESTAMP);
CS_ENTRY(series_agg_trans_est, series_trans, CS_VAL_ESTIMATE, CS_AT_TIMESTAMPTZ);
CS_ENTRY(series_agg_trans_est_date, series_trans, CS_VAL_ESTIMATE, CS_AT_DATE);
CS_ENTRY(series_agg_trans_est_local, series_trans, CS_VAL_ESTIMATE, CS_AT_TIMESTAMP);

/*
 * Merge two partial states, expanded or flat: the second's reports are
 * copied into the first (the second may live in a shorter-lived context),
 * float8 reports as new runs.
 */
Datum
series_agg_combine(PG_FUNCTION_ARGS)
{
	SeriesExpanded *a;
	SeriesExpanded *b;
	Series	   *bflat;

	if (!PG_ARGISNULL(1))
		series_input(PG_GETARG_DATUM(1), &b, &bflat);
	if (PG_ARGISNULL(1) || (b ? series_state_count(&b->st) : bflat->count) == 0)
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	a = series_state_rw(fcinfo,
						b ? series_state_calendar(&b->st) : is_calendar(bflat),
						b ? b->st.est : series_has_est(bflat));
	series_expanded_merge(a, b, bflat);
	PG_RETURN_DATUM(EOHPGetRWDatum(&a->hdr));
}

/* Make the flat series of a state of estimates in the current context. */
static Series *
series_flat_est(const SeriesState *st)
{
	SerEstItem *items = palloc_extended(Max(st->e.n, 1) * sizeof(SerEstItem), MCXT_ALLOC_HUGE);
	Series	   *s;
	size_t		n;

	n = ser_est_collector_flatten(&st->e, items);
	s = series_from_items(items, n, (st->e.flags & SER_CALENDAR) != 0);
	pfree(items);
	return s;
}

/*
 * Give the size of the flat form of an expanded series.  Float8 reports are
 * compacted in place into one sorted, deduplicated run (which the state goes
 * on from), so that flattening a large state copies it once; estimates are
 * flattened into a series kept until a report is added.
 */
static Size
series_eoh_flat_size(ExpandedObjectHeader *eohptr)
{
	SeriesExpanded *se = (SeriesExpanded *) eohptr;
	SerCollector *c = &se->st.c;
	MemoryContext old;
	SerReport  *buf;
	CsAllocator mem;
	int			flags;
	size_t		n;
	CsStatus	s;

	if (se->st.est)
	{
		if (se->flat == NULL || se->flat_n != se->st.e.n)
		{
			if (se->flat != NULL)
				pfree(se->flat);
			old = MemoryContextSwitchTo(se->data);
			se->flat = series_flat_est(&se->st);
			MemoryContextSwitchTo(old);
			se->flat_n = se->st.e.n;
		}
		return VARSIZE(se->flat);
	}
	if (se->compact == NULL || c->n != se->compact_n)
	{
		buf = MemoryContextAllocHuge(se->data,
									 Max(c->n, 1) * sizeof(SerReport));
		n = ser_collector_flatten(c, buf);
		mem = c->mem;
		flags = c->flags;
		ser_collector_free(c);
		if (se->compact != NULL)
			pfree(se->compact);
		ser_collector_init(c, &mem, flags);
		s = ser_collector_append_run(c, buf, n, true);
		if (s != CS_OK)
			series_state_error(s);
		se->compact = buf;
		se->compact_n = n;
	}
	return series_size(se->compact_n, false);
}

/* Write the flat form of an expanded series, series_eoh_flat_size bytes. */
static void
series_eoh_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	SeriesExpanded *se = (SeriesExpanded *) eohptr;
	Series	   *s = (Series *) result;

	if (se->st.est)
	{
		Assert(allocated_size == VARSIZE(se->flat));
		memcpy(result, se->flat, allocated_size);
		return;
	}
	Assert(allocated_size == series_size(se->compact_n, false));
	memset(s, 0, SER_HEADER_SIZE);
	SET_VARSIZE(s, allocated_size);
	s->version = SER_VERSION;
	s->flags = (uint8) (se->st.c.flags & SER_CALENDAR);
	s->count = (uint32) se->compact_n;
	ser_copy_reports(s->reports, se->compact, se->compact_n);
}

/*
 * Serialize a partial state of the 1.1 definitions (an internal state): its
 * flat series, a bytea that series_agg_deserial reads back.
 */
Datum
series_agg_serial(PG_FUNCTION_ARGS)
{
	ExpandedObjectHeader *eoh = DatumGetEOHP(PG_GETARG_DATUM(0));
	Size		size;
	void	   *result;

	size = EOH_get_flat_size(eoh);
	result = palloc(size);
	EOH_flatten_into(eoh, result, size);
	PG_RETURN_POINTER(result);
}

/* Deserialize a partial state of the 1.1 definitions into an expanded series. */
Datum
series_agg_deserial(PG_FUNCTION_ARGS)
{
	Series	   *flat = PG_GETARG_SERIES_P(0);
	SeriesExpanded *se;

	series_check(flat);
	se = series_expanded_new(CurrentMemoryContext, false, is_calendar(flat), series_has_est(flat));
	series_expanded_merge(se, NULL, flat);
	PG_RETURN_DATUM(EOHPGetRWDatum(&se->hdr));
}

/*
 * Finish report_series: reports in time order, the larger at a tie, as a
 * flat series; the state stays as it was (a window calls this again).
 */
Datum
series_agg_final(PG_FUNCTION_ARGS)
{
	SeriesExpanded *se;
	SeriesState *st;
	Series	   *flat;
	Series	   *s;
	size_t		n;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	series_input(PG_GETARG_DATUM(0), &se, &flat);
	if (se == NULL)
	{
		if (flat->count == 0)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(flat);
	}
	st = &se->st;
	if (series_state_count(st) == 0)
		PG_RETURN_NULL();
	if (st->est)
	{
		if (se->flat != NULL && se->flat_n == st->e.n)
		{
			s = palloc(VARSIZE(se->flat));
			memcpy(s, se->flat, VARSIZE(se->flat));
			PG_RETURN_POINTER(s);
		}
		PG_RETURN_POINTER(series_flat_est(st));
	}
	s = series_alloc(ser_collector_count(&st->c), false);
	n = ser_collector_flatten(&st->c, s->reports);
	series_set_count(s, n);
	s->flags = (uint8) st->c.flags;
	PG_RETURN_POINTER(s);
}
