/*
 * series.c
 *		SQL glue of the series type: text and binary I/O, the report_series
 *		aggregate with its parallel support, and the readers
 *		losses_by_period, total_at, num_decreases, num_reports and reports.
 *
 * The stored layout, validation, the text and wire forms, the
 * interpolation, the bucket search and the figures of a bucket live in
 * series_core.c (plain C); this file maps their outcomes to SQLSTATEs and
 * does what needs the server: bucket edges of instants in a time zone,
 * memory contexts, set-returning calls.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/memutils.h"

#include "estimate_core.h"
#include "glue.h"
#include "series_core.h"

/* the varlena as stored; the reports start at SER_HEADER_SIZE */
typedef struct Series
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;
	uint8		flags;
	uint8		reserved[2];
	uint32		count;
	uint32		reserved2;
	SerReport	reports[FLEXIBLE_ARRAY_MEMBER];
} Series;

StaticAssertDecl(offsetof(Series, reports) == SER_HEADER_SIZE,
				 "series header size");
StaticAssertDecl(sizeof(SerReport) == 16, "series report size");

#define DatumGetSeriesP(X)		((Series *) PG_DETOAST_DATUM(X))
#define PG_GETARG_SERIES_P(n)	DatumGetSeriesP(PG_GETARG_DATUM(n))

PG_FUNCTION_INFO_V1(series_in);
PG_FUNCTION_INFO_V1(series_out);
PG_FUNCTION_INFO_V1(series_recv);
PG_FUNCTION_INFO_V1(series_send);
PG_FUNCTION_INFO_V1(series_agg_trans);
PG_FUNCTION_INFO_V1(series_agg_trans_date);
PG_FUNCTION_INFO_V1(series_agg_trans_est);
PG_FUNCTION_INFO_V1(series_agg_trans_est_date);
PG_FUNCTION_INFO_V1(series_agg_combine);
PG_FUNCTION_INFO_V1(series_agg_serial);
PG_FUNCTION_INFO_V1(series_agg_deserial);
PG_FUNCTION_INFO_V1(series_agg_final);
PG_FUNCTION_INFO_V1(series_losses_by_period);
PG_FUNCTION_INFO_V1(series_total_at);
PG_FUNCTION_INFO_V1(series_total_at_date);
PG_FUNCTION_INFO_V1(series_num_decreases);
PG_FUNCTION_INFO_V1(series_num_reports);
PG_FUNCTION_INFO_V1(series_reports);

/* Allocate a series of n reports (header filled in) in the current context. */
static Series *
series_alloc(size_t n)
{
	Series	   *s;
	Size		size;

	if (n > SER_MAX_REPORTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("series too large"),
				 errdetail("A series holds at most %lu reports (1 GB).",
						   (unsigned long) SER_MAX_REPORTS)));
	size = SER_HEADER_SIZE + n * sizeof(SerReport);
	s = (Series *) palloc(size);
	SET_VARSIZE(s, size);
	s->version = SER_VERSION;
	s->flags = 0;
	s->reserved[0] = s->reserved[1] = 0;
	s->count = (uint32) n;
	s->reserved2 = 0;
	return s;
}

/* Set the count of a series whose reports were deduplicated in place. */
static inline void
series_set_count(Series *s, size_t n)
{
	s->count = (uint32) n;
	SET_VARSIZE(s, SER_HEADER_SIZE + n * sizeof(SerReport));
}

/* Check the stored header of a series before reading it (can't-happen). */
static inline void
series_check(const Series *s)
{
	if (s->version != SER_VERSION || (s->flags & ~SER_FLAGS_MASK) != 0 ||
		VARSIZE(s) != SER_HEADER_SIZE + (Size) s->count * sizeof(SerReport))
		elog(ERROR, "corrupt conflict_stats.series value (version %d, %u reports, %u bytes)",
			 s->version, s->count, (unsigned) VARSIZE(s));
}

/* Say whether a series holds calendar times (see glue.h). */
static inline bool
is_calendar(const Series *s)
{
	return (s->flags & SER_CALENDAR) != 0;
}

/* ---- I/O --------------------------------------------------------------- */

/* Parse the text form of a series. */
Datum
series_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	size_t		cap;
	size_t		n;
	bool		calendar;
	Series	   *s;
	CsStatus	st;
	char		errbuf[SER_ERRBUF_LEN];

	/* counting the rows, the parse and the checks each take the whole text */
	CS_ALLOW_CANCEL();
	cap = cs_rows_count_bound(str);
	if (cap > SER_MAX_REPORTS)
		cap = SER_MAX_REPORTS;
	s = series_alloc(cap);
	st = ser_text_parse(str, s->reports, cap, &n, &calendar, errbuf, sizeof(errbuf));
	if (st == CS_ERR_LIMIT)
		CS_INPUT_ERROR(fcinfo, st, "series", str, errbuf);
	if (st != CS_OK)
		CS_INPUT_ERROR(fcinfo, CS_ERR_SYNTAX, "series", str, errbuf);
	series_set_count(s, n);
	s->flags = calendar ? SER_CALENDAR : 0;
	PG_RETURN_POINTER(s);
}

/* Write the text form of a series: times in the one time form, shortest totals. */
Datum
series_out(PG_FUNCTION_ARGS)
{
	Series	   *s = PG_GETARG_SERIES_P(0);
	StringInfoData buf;
	char		rep[SER_REPORT_TEXT_BUFLEN];
	bool		calendar;
	uint32		i;

	series_check(s);
	calendar = is_calendar(s);
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (i = 0; i < s->count; i++)
	{
		size_t		len = ser_format_report(&s->reports[i], calendar, rep);

		if ((Size) buf.len + len + 3 >= MaxAllocSize)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("series too large for its text form"),
					 errdetail("The text of a series of %u reports exceeds 1 GB; binary COPY holds it.",
							   s->count)));
		if (i > 0)
			appendStringInfoChar(&buf, ',');
		appendBinaryStringInfo(&buf, rep, (int) len);
		if ((i & 0xffff) == 0xffff)
			CHECK_FOR_INTERRUPTS();
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* Read the binary form, validating it as input does. */
Datum
series_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	const uint8_t *data = (const uint8_t *) msg->data + msg->cursor;
	size_t		len = (size_t) (msg->len - msg->cursor);
	int			version,
				flags;
	size_t		n;
	Series	   *s = NULL;
	CsStatus	st;
	char		errbuf[SER_ERRBUF_LEN];

	st = ser_wire_decode_header(data, len, &version, &flags, &n,
								errbuf, sizeof(errbuf));
	if (st == CS_OK)
	{
		s = series_alloc(n);
		CS_ALLOW_CANCEL();
		st = ser_wire_decode(data, len, s->reports, n, errbuf, sizeof(errbuf));
	}
	if (st == CS_ERR_LIMIT)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("series too large"),
				 errdetail("%s", errbuf)));
	if (st != CS_OK)
		CS_RECV_ERROR(st, "series", errbuf);
	s->flags = (uint8) flags;
	msg->cursor = msg->len;
	PG_RETURN_POINTER(s);
}

/* Write the binary form (big-endian; see series_core.h). */
Datum
series_send(PG_FUNCTION_ARGS)
{
	Series	   *s = PG_GETARG_SERIES_P(0);
	size_t		size;
	bytea	   *result;

	series_check(s);
	size = ser_wire_size(s->count);
	if (size + VARHDRSZ >= MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("series too large for its binary form"),
				 errdetail("The binary form of a series of %u reports exceeds 1 GB.",
						   s->count)));
	result = (bytea *) palloc(size + VARHDRSZ);
	SET_VARSIZE(result, size + VARHDRSZ);
	CS_ALLOW_CANCEL();
	ser_wire_encode(s->version, s->flags, s->reports, s->count,
					(uint8_t *) VARDATA(result));
	PG_RETURN_BYTEA_P(result);
}

/* ---- the report_series aggregate ---------------------------------------- */

/*
 * The transition state is a SerCollector (series_core.h: chunked runs of
 * reports, merged or sorted by the final step) in the aggregate's memory
 * context.
 */

/* Get the aggregate memory context, or fail when not called as an aggregate. */
static MemoryContext
series_aggcontext(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "%s called in non-aggregate context", fname);
	/* merging, sorting and copying millions of reports take seconds */
	CS_ALLOW_CANCEL();
	return aggcontext;
}

/* Make an empty state of the given kind in the given context. */
static SerCollector *
series_state_new(MemoryContext cxt, bool calendar)
{
	SerCollector *st = MemoryContextAlloc(cxt, sizeof(SerCollector));
	CsAllocator mem = cs_context_allocator(cxt, true);

	ser_collector_init(st, &mem, calendar ? SER_CALENDAR : 0);
	return st;
}

/* Raise the error of a state grown past what one series holds. */
static void
series_state_error(CsStatus st)
{
	if (st == CS_ERR_LIMIT)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many reports for one series"),
				 errdetail("A series holds at most %lu reports (1 GB), counting reports at the same instant.",
						   (unsigned long) SER_MAX_REPORTS)));
	cs_raise(st);
}

/* Add one (total, at) row to the state, of the given kind. */
static inline Datum
series_trans_common(FunctionCallInfo fcinfo, double total, int64 at, bool calendar)
{
	SerCollector *st;
	SerReport	r;
	CsStatus	s;

	cs_check_finite(total, "report_series", "total");
	if (PG_ARGISNULL(0))
		st = series_state_new(series_aggcontext(fcinfo, "report_series"), calendar);
	else
		st = (SerCollector *) PG_GETARG_POINTER(0);
	r.at = at;
	r.total = total;
	s = ser_collector_add(st, &r);
	if (unlikely(s != CS_OK))
		series_state_error(s);
	PG_RETURN_POINTER(st);
}

/* Transition of report_series(total, at timestamptz): an instant series. */
Datum
series_agg_trans(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return series_trans_common(fcinfo, PG_GETARG_FLOAT8(1),
							   cs_instant(PG_GETARG_TIMESTAMPTZ(2)), false);
}

/* Transition of report_series(total, at date): a calendar series. */
Datum
series_agg_trans_date(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return series_trans_common(fcinfo, PG_GETARG_FLOAT8(1),
							   cs_date_calendar(PG_GETARG_DATEADT(2)), true);
}

/* Transition of report_series(total estimate, at timestamptz): its best value. */
Datum
series_agg_trans_est(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return series_trans_common(fcinfo, est_best_of((const EstimateValue *) PG_GETARG_POINTER(1)),
							   cs_instant(PG_GETARG_TIMESTAMPTZ(2)), false);
}

/* Transition of report_series(total estimate, at date): its best value. */
Datum
series_agg_trans_est_date(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return series_trans_common(fcinfo, est_best_of((const EstimateValue *) PG_GETARG_POINTER(1)),
							   cs_date_calendar(PG_GETARG_DATEADT(2)), true);
}

/*
 * Merge two partial states: the second's reports are copied into the first
 * (the second may live in a shorter-lived context), as new runs.
 */
Datum
series_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = series_aggcontext(fcinfo, "report_series combine");
	SerCollector *a = PG_ARGISNULL(0) ? NULL : (SerCollector *) PG_GETARG_POINTER(0);
	SerCollector *b = PG_ARGISNULL(1) ? NULL : (SerCollector *) PG_GETARG_POINTER(1);
	CsStatus	st;

	if (b == NULL || ser_collector_count(b) == 0)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		a = series_state_new(aggcontext, (b->flags & SER_CALENDAR) != 0);
	if ((st = ser_collector_merge(a, b)) != CS_OK)
		series_state_error(st);
	PG_RETURN_POINTER(a);
}

/*
 * A serialized state: the bytea header, a byte saying whether it is a
 * calendar series, 3 bytes of padding, the reports.
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
	SerCollector *st = (SerCollector *) PG_GETARG_POINTER(0);
	bytea	   *result;
	size_t		n;

	series_aggcontext(fcinfo, "report_series serialize");
	result = (bytea *) palloc(SERIES_SERIAL_HDR + ser_collector_count(st) * sizeof(SerReport));
	n = ser_collector_flatten(st, (SerReport *) ((char *) result + SERIES_SERIAL_HDR));
	memset(VARDATA(result), 0, SERIES_SERIAL_HDR - VARHDRSZ);
	*(uint8 *) VARDATA(result) = (st->flags & SER_CALENDAR) ? 1 : 0;
	SET_VARSIZE(result, SERIES_SERIAL_HDR + n * sizeof(SerReport));
	PG_RETURN_BYTEA_P(result);
}

/*
 * Deserialize a partial state: one sorted run, pointing into the bytea
 * (the combine function copies it before the bytea goes away).
 */
Datum
series_agg_deserial(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_P(0);
	size_t		len = VARSIZE(b) - SERIES_SERIAL_HDR;
	size_t		n = len / sizeof(SerReport);
	SerCollector *st;

	series_aggcontext(fcinfo, "report_series deserialize");
	if (VARSIZE(b) < SERIES_SERIAL_HDR || len % sizeof(SerReport) != 0)
		elog(ERROR, "corrupt report_series partial state (%u bytes)", (unsigned) VARSIZE(b));
	st = series_state_new(CurrentMemoryContext, *(uint8 *) VARDATA(b) != 0);
	if (n > 0)
	{
		SerReport  *items = (SerReport *) ((char *) b + SERIES_SERIAL_HDR);
		CsStatus	s;

		/* a bytea inside a tuple may leave the reports misaligned: copy */
		if (((uintptr_t) items) % MAXIMUM_ALIGNOF != 0)
		{
			items = palloc(len);
			ser_copy_reports(items, (char *) b + SERIES_SERIAL_HDR, n);
		}
		if ((s = ser_collector_append_run(st, items, n, true)) != CS_OK)
			series_state_error(s);
	}
	PG_RETURN_POINTER(st);
}

/* Finish report_series: reports in time order, the larger total at a tie. */
Datum
series_agg_final(PG_FUNCTION_ARGS)
{
	SerCollector *st;
	Series	   *s;
	size_t		n;

	series_aggcontext(fcinfo, "report_series final");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (SerCollector *) PG_GETARG_POINTER(0);
	if (ser_collector_count(st) == 0)
		PG_RETURN_NULL();
	s = series_alloc(ser_collector_count(st));
	n = ser_collector_flatten(st, s->reports);
	series_set_count(s, n);
	s->flags = (uint8) st->flags;
	PG_RETURN_POINTER(s);
}

/* ---- readers ----------------------------------------------------------- */

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

/* Raise the error of a failed bucket search or bucket. */
static void
bucket_error(CsStatus st)
{
	if (st == CS_ERR_INVALID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bucket must be positive"),
				 errdetail("Adding the bucket interval must move every edge later in time.")));
	if (st == CS_ERR_TIME_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range"),
				 errdetail("A bucket edge lies beyond the range of timestamp with time zone.")));
	cs_raise(st);
}

/* The state of losses_by_period between calls. */
typedef struct LossesState
{
	const SerReport *r;			/* the reports, clamped when the policy says so */
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

	/* counting the falls, the clamp rebuild and the bucket search may run long */
	CS_ALLOW_CANCEL();
	if (clamp && ser_num_decreases(s->reports, s->count) > 0)
	{
		SerReport  *c = palloc(s->count * sizeof(SerReport));

		ser_clamp(s->reports, c, s->count);
		ls->r = c;
	}
	else
		ls->r = s->reports;

	if (ls->n >= 2)
	{
		st = ser_first_bucket(ls->edge_fn, ls->edge_arg, origin, ls->r[0].at,
							  nominal_us, &ls->k);
		if (st == CS_OK)
			st = ls->edge_fn(ls->edge_arg, ls->k, &ls->edge);
		if (st != CS_OK)
			bucket_error(st);
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
		TupleDesc	tupdesc;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "losses_by_period must be called where a row type is accepted");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		funcctx->user_fctx = losses_setup(fcinfo);
		MemoryContextSwitchTo(oldcxt);
	}

	funcctx = SRF_PERCALL_SETUP();
	ls = (LossesState *) funcctx->user_fctx;

	if (ls != NULL && ls->n >= 2 && ls->edge < ls->r[ls->n - 1].at)
	{
		int64		next;
		SerPeriod	per;
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		CsStatus	st;

		st = ls->edge_fn(ls->edge_arg, ls->k + 1, &next);
		if (st == CS_OK)
			st = ser_period(ls->r, ls->n, ls->idx, ls->edge, next, &per);
		if (st != CS_OK)
			bucket_error(st);

		values[0] = TimestampTzGetDatum(cs_time_out(ls->edge, ls->calendar));
		values[1] = TimestampTzGetDatum(cs_time_out(next, ls->calendar));
		values[2] = Float8GetDatum(per.losses);
		values[3] = Float8GetDatum(per.per_day);
		values[4] = Int32GetDatum(per.reports);
		values[5] = BoolGetDatum(per.interpolated);

		ls->k++;
		ls->edge = next;
		ls->idx = per.idx_next;
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}

/* The interpolated total at t (on the series' axis), or NULL outside the span. */
static Datum
series_total_at_common(FunctionCallInfo fcinfo, Series *s, int64 t)
{
	int			exact;

	if (s->count == 0 || t < s->reports[0].at || t > s->reports[s->count - 1].at)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ser_value_at(s->reports, s->count, t, &exact));
}

/* total_at(series, timestamptz): a calendar series reads its local time. */
Datum
series_total_at(PG_FUNCTION_ARGS)
{
	Series	   *s = PG_GETARG_SERIES_P(0);
	TimestampTz t = PG_GETARG_TIMESTAMPTZ(1);

	series_check(s);
	/* infinity lies outside every span */
	if (TIMESTAMP_NOT_FINITE(t))
		PG_RETURN_NULL();
	return series_total_at_common(fcinfo, s, cs_time_in_ts(t, is_calendar(s)));
}

/* total_at(series, date): a series of instants reads local midnight. */
Datum
series_total_at_date(PG_FUNCTION_ARGS)
{
	Series	   *s = PG_GETARG_SERIES_P(0);
	DateADT		d = PG_GETARG_DATEADT(1);

	series_check(s);
	/* infinite or beyond every time: outside the span either way */
	if (!cs_date_on_axis(d))
		PG_RETURN_NULL();
	return series_total_at_common(fcinfo, s, cs_time_in_date(d, is_calendar(s)));
}

/* How many reports are lower than the one before. */
Datum
series_num_decreases(PG_FUNCTION_ARGS)
{
	Series	   *s = PG_GETARG_SERIES_P(0);

	series_check(s);
	CS_ALLOW_CANCEL();
	PG_RETURN_INT32((int32) ser_num_decreases(s->reports, s->count));
}

/* How many reports a series holds (reads the header only). */
Datum
series_num_reports(PG_FUNCTION_ARGS)
{
	Series	   *s = (Series *) PG_DETOAST_DATUM_SLICE(PG_GETARG_DATUM(0), 0,
													  SER_HEADER_SIZE - VARHDRSZ);

	if (s->version != SER_VERSION)
		elog(ERROR, "corrupt conflict_stats.series value (version %d)", s->version);
	PG_RETURN_INT32((int32) s->count);
}

/* reports(series): the reports as rows (at, total), in time order. */
Datum
series_reports(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	Series	   *s;
	uint32		i;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcxt;
		TupleDesc	tupdesc;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "reports must be called where a row type is accepted");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		s = PG_GETARG_SERIES_P(0);
		series_check(s);
		funcctx->user_fctx = s;
		funcctx->max_calls = s->count;
		MemoryContextSwitchTo(oldcxt);
	}
	funcctx = SRF_PERCALL_SETUP();
	s = (Series *) funcctx->user_fctx;
	i = (uint32) funcctx->call_cntr;
	if (i < s->count)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = TimestampTzGetDatum(cs_time_out(s->reports[i].at, is_calendar(s)));
		values[1] = Float8GetDatum(s->reports[i].total);
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}
