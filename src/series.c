/*
 * series.c
 *		SQL glue of the series type (SPEC section 3): text and binary I/O,
 *		the report_series aggregate with its parallel support, and the
 *		readers losses_by_period, total_at, num_decreases, num_reports and
 *		reports.
 *
 * The stored layout, validation, the text and wire forms and the
 * interpolation live in series_codec.c (plain C); this file maps their
 * outcomes to SQLSTATEs and does what needs the server: calendar bucket
 * edges in the session's time zone, memory contexts, set-returning calls.
 */
#include "postgres.h"

#include "common/int.h"
#include "fmgr.h"
/* server headers reached from funcapi.h have unused parameters (-Wextra) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "funcapi.h"
#pragma GCC diagnostic pop
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "series_codec.h"
#include "timeaxis.h"

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

/*
 * Input errors are soft where the server has soft errors (16+), so that
 * pg_input_is_valid() can answer without raising.
 */
#if PG_VERSION_NUM >= 160000
#define input_error(context, ...)	ereturn(context, (Datum) 0, __VA_ARGS__)
#else
#define input_error(context, ...) \
	do { (void) (context); ereport(ERROR, __VA_ARGS__); } while (0)
#endif

/* sorting reports by instant, with the comparison inlined */
#if PG_VERSION_NUM >= 140000
#define ST_SORT series_sort_reports
#define ST_ELEMENT_TYPE SerReport
#define ST_COMPARE(a, b)	((a)->at < (b)->at ? -1 : (a)->at > (b)->at ? 1 : 0)
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS	/* tens of millions of reports take seconds */
#define ST_DEFINE
#include "lib/sort_template.h"
#else
/* Compare two reports by instant, for qsort. */
static int
series_report_cmp(const void *a, const void *b)
{
	int64		x = ((const SerReport *) a)->at;
	int64		y = ((const SerReport *) b)->at;

	return x < y ? -1 : x > y ? 1 : 0;
}

/* Sort reports by instant. */
static void
series_sort_reports(SerReport *r, size_t n)
{
	qsort(r, n, sizeof(SerReport), series_report_cmp);
}
#endif

PG_FUNCTION_INFO_V1(series_in);
PG_FUNCTION_INFO_V1(series_out);
PG_FUNCTION_INFO_V1(series_recv);
PG_FUNCTION_INFO_V1(series_send);
PG_FUNCTION_INFO_V1(series_agg_trans);
PG_FUNCTION_INFO_V1(series_agg_trans_date);
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
	if (s->version != SER_VERSION ||
		VARSIZE(s) != SER_HEADER_SIZE + (Size) s->count * sizeof(SerReport))
		elog(ERROR, "corrupt conflict_stats.series value (version %d, %u reports, %u bytes)",
			 s->version, s->count, (unsigned) VARSIZE(s));
}

/* Place a date on the time axis, rejecting dates beyond timestamptz's range. */
static inline TimestampTz
series_date_instant(DateADT d)
{
	if (!DATE_NOT_FINITE(d) &&
		(d < MIN_TIMESTAMP / USECS_PER_DAY || d >= END_TIMESTAMP / USECS_PER_DAY))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range for conflict_stats"),
				 errdetail("The date lies beyond the range of timestamp with time zone.")));
	return timeaxis_date_to_ts(d);
}

/* ---- I/O --------------------------------------------------------------- */

/* Let a long parse of a text form be cancelled (ser_progress_hook). */
static void
series_parse_progress(void)
{
	CHECK_FOR_INTERRUPTS();
}

/* Parse the text form of a series. */
Datum
series_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	size_t		cap = ser_text_count_bound(str);
	size_t		n;
	Series	   *s;
	SerStatus	st;
	char		errbuf[SER_ERRBUF_LEN];

	if (cap > SER_MAX_REPORTS)
		cap = SER_MAX_REPORTS;
	s = series_alloc(cap);
	ser_progress_hook = series_parse_progress;
	st = ser_text_parse(str, s->reports, cap, &n, errbuf, sizeof(errbuf));
	if (st == SER_ERR_LIMIT)
		input_error(fcinfo->context,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("series too large"),
					 errdetail("%s", errbuf)));
	if (st != SER_OK)
		input_error(fcinfo->context,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", "series", str),
					 errdetail("%s", errbuf)));
	series_set_count(s, n);
	PG_RETURN_POINTER(s);
}

/* Write the text form of a series: every instant in UTC, shortest totals. */
Datum
series_out(PG_FUNCTION_ARGS)
{
	Series	   *s = PG_GETARG_SERIES_P(0);
	StringInfoData buf;
	char		rep[SER_REPORT_TEXT_BUFLEN];
	uint32		i;

	series_check(s);
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (i = 0; i < s->count; i++)
	{
		size_t		len = ser_format_report(&s->reports[i], rep);

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
	Series	   *s;
	SerStatus	st;
	char		errbuf[SER_ERRBUF_LEN];

	st = ser_wire_decode_header(data, len, &version, &flags, &n,
								errbuf, sizeof(errbuf));
	if (st == SER_OK)
	{
		s = series_alloc(n);
		st = ser_wire_decode(data, len, s->reports, n, errbuf, sizeof(errbuf));
	}
	if (st == SER_ERR_LIMIT)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("series too large"),
				 errdetail("%s", errbuf)));
	if (st != SER_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type series"),
				 errdetail("%s", errbuf)));
	msg->cursor = msg->len;
	PG_RETURN_POINTER(s);
}

/* Write the binary form (big-endian; see series_codec.h). */
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
	ser_wire_encode(s->version, s->flags, s->reports, s->count,
					(uint8_t *) VARDATA(result));
	PG_RETURN_BYTEA_P(result);
}

/* ---- the report_series aggregate ---------------------------------------- */

/*
 * The transition state: reports in the order they came, in a list of chunks
 * that double in size up to a cap, so that growing never copies what is
 * held and the slack stays under one chunk.
 *
 * The chunks form a few runs, each in non-decreasing time order: rows that
 * come in time order (the usual case) make one run, and each partial state
 * merged in by the combine function starts another.  The final step then
 * merges the runs rather than sorting; only when there would be more than
 * SERIES_MAX_RUNS runs (rows in no particular order) does it sort.
 */
typedef struct SeriesChunk
{
	struct SeriesChunk *next;
	SerReport  *items;			/* after the struct, or a deserialized bytea */
	size_t		used;
	size_t		cap;
	bool		run_start;		/* the first chunk of a run */
} SeriesChunk;

typedef struct SeriesAggState
{
	MemoryContext cxt;			/* where the chunks live */
	size_t		n;				/* reports held, duplicates included */
	int			nruns;			/* sorted runs, or 0 when unsorted */
	int64		last_at;		/* instant of the last report held */
	SeriesChunk *head;
	SeriesChunk *tail;
} SeriesAggState;

/*
 * Chunk sizes in bytes, header included: powers of two, which the memory
 * context allocator serves without rounding up.
 */
#define SERIES_CHUNK_HDR	MAXALIGN(sizeof(SeriesChunk))
#define SERIES_FIRST_BYTES	128
#define SERIES_MAX_BYTES	(1024 * 1024)
#define SERIES_MAX_RUNS		16

/* Get the aggregate memory context, or fail when not called as an aggregate. */
static MemoryContext
series_aggcontext(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "%s called in non-aggregate context", fname);
	return aggcontext;
}

/* Make an empty state in the given context. */
static SeriesAggState *
series_state_new(MemoryContext cxt)
{
	SeriesAggState *st = MemoryContextAllocZero(cxt, sizeof(SeriesAggState));

	st->cxt = cxt;
	return st;
}

/* Link a chunk at the end of a state. */
static inline void
series_state_link(SeriesAggState *st, SeriesChunk *c, bool run_start)
{
	c->next = NULL;
	c->run_start = run_start || st->tail == NULL;
	if (st->tail)
		st->tail->next = c;
	else
		st->head = c;
	st->tail = c;
}

/*
 * Add a chunk to a state with room for `want' reports, or more when the
 * chunk continues a run growing row by row: double the last chunk, so that
 * a run of n rows takes O(log n) chunks.
 */
static SeriesChunk *
series_state_grow(SeriesAggState *st, size_t want, bool run_start)
{
	size_t		cap;
	SeriesChunk *c;

	if (want > 1)
		cap = want;
	else
	{
		size_t		bytes;

		if (st->tail == NULL || run_start)
			bytes = SERIES_FIRST_BYTES;
		else
			bytes = Min((SERIES_CHUNK_HDR + st->tail->cap * sizeof(SerReport)) * 2,
						SERIES_MAX_BYTES);
		cap = (bytes - SERIES_CHUNK_HDR) / sizeof(SerReport);
	}
	c = MemoryContextAllocHuge(st->cxt, SERIES_CHUNK_HDR + cap * sizeof(SerReport));
	c->items = (SerReport *) ((char *) c + SERIES_CHUNK_HDR);
	c->used = 0;
	c->cap = cap;
	series_state_link(st, c, run_start);
	return c;
}

/* Refuse to hold more reports than one series value can. */
static inline void
series_state_check_limit(size_t n)
{
	if (n > SER_MAX_REPORTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many reports for one series"),
				 errdetail("A series holds at most %lu reports (1 GB), counting reports at the same instant.",
						   (unsigned long) SER_MAX_REPORTS)));
}

/*
 * Note that the reports about to be appended start earlier than the last
 * one held: start a new run if runs are still worth keeping.  Returns
 * whether the next chunk must start a run.
 */
static inline bool
series_state_break_run(SeriesAggState *st)
{
	if (st->nruns > 0 && st->nruns < SERIES_MAX_RUNS)
	{
		st->nruns++;
		return true;
	}
	st->nruns = 0;
	return false;
}

/* Append one report to a state. */
static inline void
series_state_add(SeriesAggState *st, int64 at, double total)
{
	SeriesChunk *c = st->tail;
	SerReport  *r;

	if (unlikely(st->n == 0))
		st->nruns = 1;
	else if (unlikely(at < st->last_at) && series_state_break_run(st))
		c = NULL;				/* a new run starts in a new chunk */
	if (c == NULL || c->used == c->cap)
	{
		series_state_check_limit(st->n + 1);
		c = series_state_grow(st, 1, c == NULL);
	}
	r = &c->items[c->used++];
	r->at = at;
	r->total = total == 0.0 ? 0.0 : total;
	st->last_at = at;
	st->n++;
}

/*
 * Copy a state's reports into r in time order and deduplicate them; returns
 * the count.  Runs are merged; an unsorted state is sorted.
 */
static size_t
series_state_flatten(const SeriesAggState *st, SerReport *r)
{
	const SeriesChunk *c;
	size_t		n = 0;

	if (st->nruns > 1)
	{
		/* a k-way merge of the runs; k is small, so a linear pick */
		const SeriesChunk *cur[SERIES_MAX_RUNS];
		size_t		pos[SERIES_MAX_RUNS];
		int			k = 0,
					i;

		for (c = st->head; c != NULL; c = c->next)
			if (c->run_start)
			{
				Assert(k < SERIES_MAX_RUNS);
				cur[k] = c;
				pos[k] = 0;
				k++;
			}
		for (i = 0; i < k; i++)
			while (cur[i] != NULL && pos[i] >= cur[i]->used)
			{
				cur[i] = cur[i]->next;
				pos[i] = 0;
				if (cur[i] != NULL && cur[i]->run_start)
					cur[i] = NULL;
			}
		for (;;)
		{
			int			best = -1;

			for (i = 0; i < k; i++)
				if (cur[i] != NULL &&
					(best < 0 || cur[i]->items[pos[i]].at < cur[best]->items[pos[best]].at))
					best = i;
			if (best < 0)
				break;
			r[n++] = cur[best]->items[pos[best]++];
			if ((n & 0xffff) == 0)
				CHECK_FOR_INTERRUPTS();
			while (cur[best] != NULL && pos[best] >= cur[best]->used)
			{
				cur[best] = cur[best]->next;
				pos[best] = 0;
				if (cur[best] != NULL && cur[best]->run_start)
					cur[best] = NULL;
			}
		}
	}
	else
	{
		for (c = st->head; c != NULL; c = c->next)
		{
			memcpy(r + n, c->items, c->used * sizeof(SerReport));
			n += c->used;
		}
		if (st->nruns == 0)
			series_sort_reports(r, n);
	}
	Assert(n == st->n);
	return ser_dedup_sorted(r, n);
}

/* Add one (total, at) row to the state; NULLs are skipped. */
static inline Datum
series_trans_common(FunctionCallInfo fcinfo, TimestampTz at)
{
	SeriesAggState *st;
	double		total = PG_GETARG_FLOAT8(1);

	if (unlikely(isnan(total) || isinf(total)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("report total must be finite"),
				 errdetail("A cumulative report cannot be NaN or infinite.")));
	if (PG_ARGISNULL(0))
		st = series_state_new(series_aggcontext(fcinfo, "report_series"));
	else
		st = (SeriesAggState *) PG_GETARG_POINTER(0);
	series_state_add(st, at, total);
	PG_RETURN_POINTER(st);
}

/* Transition of report_series(total, at timestamptz). */
Datum
series_agg_trans(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return series_trans_common(fcinfo, timeaxis_check_ts(PG_GETARG_TIMESTAMPTZ(2)));
}

/* Transition of report_series(total, at date): a date is midnight UTC. */
Datum
series_agg_trans_date(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return series_trans_common(fcinfo, series_date_instant(PG_GETARG_DATEADT(2)));
}

/*
 * Merge two partial states: the second's reports are copied into the first
 * (the second may live in a shorter-lived context), as new runs.
 */
Datum
series_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = series_aggcontext(fcinfo, "report_series combine");
	SeriesAggState *a = PG_ARGISNULL(0) ? NULL : (SeriesAggState *) PG_GETARG_POINTER(0);
	SeriesAggState *b = PG_ARGISNULL(1) ? NULL : (SeriesAggState *) PG_GETARG_POINTER(1);
	SeriesChunk *c;

	if (b == NULL || b->n == 0)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		a = series_state_new(aggcontext);
	series_state_check_limit(a->n + b->n);
	for (c = b->head; c != NULL; c = c->next)
	{
		SeriesChunk *d;
		bool		new_run = false;

		if (c->used == 0)
			continue;
		/* chunks in order continue a's last run; one that goes back starts one */
		if (b->nruns == 0)
			a->nruns = 0;
		else if (a->n == 0)
			a->nruns = 1;
		else if (c->items[0].at < a->last_at)
			new_run = series_state_break_run(a);
		d = series_state_grow(a, c->used, new_run);
		memcpy(d->items, c->items, c->used * sizeof(SerReport));
		d->used = c->used;
		a->n += c->used;
		a->last_at = c->items[c->used - 1].at;
		CHECK_FOR_INTERRUPTS();
	}
	PG_RETURN_POINTER(a);
}

/* a serialized state: the bytea header, 4 bytes of padding, the reports */
#define SERIES_SERIAL_HDR	8

/*
 * Serialize a partial state: its reports in time order and deduplicated
 * (so the workers share that work), in native byte order (states never
 * leave the server that made them).
 */
Datum
series_agg_serial(PG_FUNCTION_ARGS)
{
	SeriesAggState *st = (SeriesAggState *) PG_GETARG_POINTER(0);
	bytea	   *result;
	size_t		n;

	series_aggcontext(fcinfo, "report_series serialize");
	result = (bytea *) palloc(SERIES_SERIAL_HDR + st->n * sizeof(SerReport));
	n = series_state_flatten(st, (SerReport *) ((char *) result + SERIES_SERIAL_HDR));
	memset(VARDATA(result), 0, SERIES_SERIAL_HDR - VARHDRSZ);
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
	SeriesAggState *st;

	series_aggcontext(fcinfo, "report_series deserialize");
	if (VARSIZE(b) < SERIES_SERIAL_HDR || len % sizeof(SerReport) != 0)
		elog(ERROR, "corrupt report_series partial state (%u bytes)", (unsigned) VARSIZE(b));
	st = series_state_new(CurrentMemoryContext);
	if (n > 0)
	{
		SeriesChunk *c = palloc(sizeof(SeriesChunk));
		SerReport  *items = (SerReport *) ((char *) b + SERIES_SERIAL_HDR);

		/* a bytea inside a tuple may leave the reports misaligned: copy */
		if (((uintptr_t) items) % MAXIMUM_ALIGNOF != 0)
		{
			items = palloc(len);
			memcpy(items, (char *) b + SERIES_SERIAL_HDR, len);
		}
		c->items = items;
		c->used = c->cap = n;
		series_state_link(st, c, true);
		st->n = n;
		st->nruns = 1;
		st->last_at = items[n - 1].at;
	}
	PG_RETURN_POINTER(st);
}

/* Finish report_series: reports in time order, the larger total at a tie. */
Datum
series_agg_final(PG_FUNCTION_ARGS)
{
	SeriesAggState *st;
	Series	   *s;
	size_t		n;

	series_aggcontext(fcinfo, "report_series final");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (SeriesAggState *) PG_GETARG_POINTER(0);
	if (st->n == 0)
		PG_RETURN_NULL();
	s = series_alloc(st->n);
	n = series_state_flatten(st, s->reports);
	series_set_count(s, n);
	PG_RETURN_POINTER(s);
}

/* ---- readers ----------------------------------------------------------- */

/* The reports of a series to read, clamped when the policy says so. */
typedef struct LossesState
{
	const SerReport *r;
	size_t		n;
	Interval	bucket;
	TimestampTz origin;
	int64		k;				/* index of the current bucket */
	TimestampTz edge;			/* its start: origin + k * bucket */
	size_t		idx;			/* first report at or after edge */
} LossesState;

/* Compute origin + k * bucket in the session's time zone. */
static TimestampTz
bucket_edge(const Interval *bucket, TimestampTz origin, int64 k)
{
	Interval	step;
	int64		mo,
				dd;

	if (pg_mul_s64_overflow((int64) bucket->month, k, &mo) ||
		pg_mul_s64_overflow((int64) bucket->day, k, &dd) ||
		mo < PG_INT32_MIN || mo > PG_INT32_MAX || dd < PG_INT32_MIN || dd > PG_INT32_MAX ||
		pg_mul_s64_overflow(bucket->time, k, &step.time))
		goto overflow;
	step.month = (int32) mo;
	step.day = (int32) dd;
	return DatumGetTimestampTz(DirectFunctionCall2(timestamptz_pl_interval,
												   TimestampTzGetDatum(origin),
												   IntervalPGetDatum(&step)));
overflow:
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("timestamp out of range"),
			 errdetail("A bucket edge lies too far from the origin.")));
	return 0;					/* keep the compiler quiet */
}

/* Fail when bucket edges stop advancing (a bucket like '1 month -30 days'). */
static inline void
check_edges_advance(TimestampTz e0, TimestampTz e1)
{
	if (e1 <= e0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bucket must be positive"),
				 errdetail("Adding the bucket interval must move every edge later in time.")));
}

/*
 * Find k with origin + k*bucket <= t < origin + (k+1)*bucket.  A first guess
 * from the bucket's nominal length, refined by the length the edges really
 * have, lands within a step or two; the rest is stepping.
 */
static int64
first_bucket(const Interval *bucket, TimestampTz origin, TimestampTz t, double nominal_us)
{
	double		guess = floor(((double) t - (double) origin) / nominal_us);
	int64		k;
	int			i;
	TimestampTz e,
				e1;

	if (!(guess < 4e18 && guess > -4e18))
		bucket_edge(bucket, origin, PG_INT64_MAX);	/* raises */
	k = (int64) guess;
	for (i = 0; i < 4 && k != 0; i++)
	{
		double		eff;
		double		adj;

		e = bucket_edge(bucket, origin, k);
		eff = ((double) e - (double) origin) / (double) k;
		if (!(eff > 0))
			break;
		adj = floor(((double) t - (double) e) / eff);
		if (adj == 0)
			break;
		if (adj > 1e9 || adj < -1e9)
			break;
		k += (int64) adj;
	}
	e = bucket_edge(bucket, origin, k);
	while (e > t)
	{
		TimestampTz prev = bucket_edge(bucket, origin, k - 1);

		check_edges_advance(prev, e);
		k--;
		e = prev;
		CHECK_FOR_INTERRUPTS();
	}
	for (;;)
	{
		e1 = bucket_edge(bucket, origin, k + 1);
		check_edges_advance(e, e1);
		if (e1 > t)
			break;
		k++;
		e = e1;
		CHECK_FOR_INTERRUPTS();
	}
	return k;
}

/*
 * losses_by_period(series, bucket, origin, on_decrease): one row per bucket
 * overlapping the reported span, streamed one per call.
 */
Datum
series_losses_by_period(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	LossesState *ls;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcxt;
		Series	   *s;
		Interval   *bucket = PG_GETARG_INTERVAL_P(1);
		TimestampTz origin = timeaxis_check_ts(PG_GETARG_TIMESTAMPTZ(2));
		text	   *policy = PG_GETARG_TEXT_PP(3);
		char	   *pol;
		bool		clamp;
		double		nominal_us;
		TupleDesc	tupdesc;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);

		pol = text_to_cstring(policy);
		if (strcmp(pol, "revision") == 0)
			clamp = false;
		else if (strcmp(pol, "clamp") == 0)
			clamp = true;
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid on_decrease policy: \"%s\"", pol),
					 errdetail("The policy is \"revision\" (a lower later total stands as a correction) or \"clamp\" (a fall counts as zero).")));

		nominal_us = timeaxis_interval_secs(bucket) * 1e6;
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

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "losses_by_period must be called where a row type is accepted");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);

		s = PG_GETARG_SERIES_P(0);
		series_check(s);

		ls = palloc0(sizeof(LossesState));
		ls->n = s->count;
		ls->bucket = *bucket;
		ls->origin = origin;
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
			ls->k = first_bucket(bucket, origin, ls->r[0].at, nominal_us);
			ls->edge = bucket_edge(bucket, origin, ls->k);
			ls->idx = 0;
		}
		funcctx->user_fctx = ls;
		MemoryContextSwitchTo(oldcxt);
	}

	funcctx = SRF_PERCALL_SETUP();
	ls = (LossesState *) funcctx->user_fctx;

	if (ls->n >= 2 && ls->edge < ls->r[ls->n - 1].at)
	{
		const SerReport *r = ls->r;
		size_t		n = ls->n;
		TimestampTz next = bucket_edge(&ls->bucket, ls->origin, ls->k + 1);
		TimestampTz lo,
					hi;
		size_t		idx_next;
		double		vlo,
					vhi,
					losses,
					per_day;
		int			exlo,
					exhi;
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		HeapTuple	tuple;

		check_edges_advance(ls->edge, next);
		lo = Max(ls->edge, r[0].at);
		hi = Min(next, r[n - 1].at);
		vlo = ser_value_at(r, n, lo, &exlo);
		vhi = ser_value_at(r, n, hi, &exhi);
		losses = vhi - vlo;
		per_day = losses / ((double) (hi - lo) / (double) USECS_PER_DAY);
		/* a difference or a rate beyond double precision is an error, not infinity */
		if (unlikely(!isfinite(losses) || !isfinite(per_day)))
			float_overflow_error();
		idx_next = ls->idx + ser_lower_bound(r + ls->idx, n - ls->idx, next);

		values[0] = TimestampTzGetDatum(ls->edge);
		values[1] = TimestampTzGetDatum(next);
		values[2] = Float8GetDatum(losses);
		values[3] = Float8GetDatum(per_day);
		values[4] = Int32GetDatum((int32) (idx_next - ls->idx));
		values[5] = BoolGetDatum(!(exlo && exhi));
		tuple = heap_form_tuple(funcctx->tuple_desc, values, nulls);

		ls->k++;
		ls->edge = next;
		ls->idx = idx_next;
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(tuple));
	}
	SRF_RETURN_DONE(funcctx);
}

/* The interpolated total at t, or NULL outside the reported span. */
static Datum
series_total_at_common(FunctionCallInfo fcinfo, TimestampTz t)
{
	Series	   *s = PG_GETARG_SERIES_P(0);
	int			exact;

	series_check(s);
	if (s->count == 0 || t < s->reports[0].at || t > s->reports[s->count - 1].at)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ser_value_at(s->reports, s->count, t, &exact));
}

/* total_at(series, timestamptz). */
Datum
series_total_at(PG_FUNCTION_ARGS)
{
	return series_total_at_common(fcinfo, PG_GETARG_TIMESTAMPTZ(1));
}

/* total_at(series, date): a date is midnight UTC. */
Datum
series_total_at_date(PG_FUNCTION_ARGS)
{
	DateADT		d = PG_GETARG_DATEADT(1);

	/* infinite or beyond every report: outside the span either way */
	if (DATE_NOT_FINITE(d) ||
		d < MIN_TIMESTAMP / USECS_PER_DAY || d >= END_TIMESTAMP / USECS_PER_DAY)
		PG_RETURN_NULL();
	return series_total_at_common(fcinfo, timeaxis_date_to_ts(d));
}

/* How many reports are lower than the one before. */
Datum
series_num_decreases(PG_FUNCTION_ARGS)
{
	Series	   *s = PG_GETARG_SERIES_P(0);

	series_check(s);
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

		values[0] = TimestampTzGetDatum(s->reports[i].at);
		values[1] = Float8GetDatum(s->reports[i].total);
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}
