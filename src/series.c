/*
 * series.c
 *		SQL glue of the series type: text and binary I/O of both format
 *		versions, and the readers total_at, num_decreases, num_reports and
 *		reports.  The aggregate is in report_series.c, losses_by_period in
 *		losses_by_period.c.
 *
 * The stored layout, validation, and the text and wire forms live in
 * series_core.c and series_est.c (plain C); this file maps their outcomes
 * to SQLSTATEs.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "series.h"

PG_FUNCTION_INFO_V1(series_in);
PG_FUNCTION_INFO_V1(series_out);
PG_FUNCTION_INFO_V1(series_recv);
PG_FUNCTION_INFO_V1(series_send);
PG_FUNCTION_INFO_V1(series_total_at);
PG_FUNCTION_INFO_V1(series_total_at_date);
PG_FUNCTION_INFO_V1(series_total_at_local);
PG_FUNCTION_INFO_V1(series_num_decreases);
PG_FUNCTION_INFO_V1(series_num_reports);
PG_FUNCTION_INFO_V1(series_reports);

/* ---- I/O --------------------------------------------------------------- */

/*
 * Parse the text form of a series of estimates (version 2, or exact ones,
 * which make version 1); NULL when it is not one, with its error in errbuf
 * when own_error says so.
 */
static Series *
series_in_est(const char *str, size_t cap, char *errbuf, size_t errlen, bool own_error)
{
	SerEstItem *items = palloc_extended(cap * sizeof(SerEstItem) + 1, MCXT_ALLOC_HUGE);
	size_t		n;
	bool		calendar;
	char		err[SER_ERRBUF_LEN];
	Series	   *s;

	if (ser_text_parse_est(str, items, cap, &n, &calendar, err, sizeof(err)) != CS_OK)
	{
		/* a text written with estimates gets the estimate form's error */
		if (own_error)
			snprintf(errbuf, errlen, "%s", err);
		return NULL;
	}
	s = series_from_items(items, n, calendar);
	pfree(items);
	return s;
}

/*
 * Parse the text form of a series: totals as numbers (version 1), or as
 * estimates, bare or double-quoted (version 2 unless every one is exact).
 * A text that fails both gets the error of the form it seems written in.
 */
Datum
series_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	size_t		cap;
	size_t		n;
	bool		calendar;
	Series	   *s;
	Series	   *e;
	CsStatus	st;
	char		errbuf[SER_ERRBUF_LEN];

	/* counting the rows, the parse and the checks each take the whole text */
	cap = cs_rows_count_bound(str);
	if (cap > SER_MAX_REPORTS)
		cap = SER_MAX_REPORTS;
	s = series_alloc(cap, false);
	st = ser_text_parse(str, s->reports, cap, &n, &calendar, errbuf, sizeof(errbuf));
	if (st == CS_ERR_LIMIT)
		CS_INPUT_ERROR(fcinfo, st, "series", str, errbuf);
	if (st != CS_OK)
	{
		/* not numbers: estimates, or the error of the form the text seems to use */
		if ((e = series_in_est(str, cap, errbuf, sizeof(errbuf), strpbrk(str, "~<>\"[") != NULL ||
							   strstr(str, "..") != NULL)) != NULL)
			PG_RETURN_POINTER(e);
		CS_INPUT_ERROR(fcinfo, CS_ERR_SYNTAX, "series", str, errbuf);
	}
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
	char		rep[SER_EST_REPORT_TEXT_BUFLEN];
	bool		calendar;
	const SerEstPart *parts;
	uint32		i;

	series_check(s);
	calendar = is_calendar(s);
	parts = series_parts(s);
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (i = 0; i < s->count; i++)
	{
		size_t		len = parts ? ser_format_report_est(&s->reports[i], &parts[i], calendar, rep)
			: ser_format_report(&s->reports[i], calendar, rep);

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

/* Read the binary form of version 2, validating it as input does. */
static Series *
series_recv_est(const uint8_t *data, size_t len)
{
	size_t		n;
	int			flags;
	SerEstItem *items;
	Series	   *s;
	CsStatus	st;
	char		errbuf[SER_ERRBUF_LEN];

	st = ser_wire_count_est(data, len, &n, errbuf, sizeof(errbuf));
	if (st == CS_OK)
	{
		items = palloc_extended(n * sizeof(SerEstItem) + 1, MCXT_ALLOC_HUGE);
		st = ser_wire_decode_est(data, len, items, &n, &flags, errbuf, sizeof(errbuf));
	}
	if (st == CS_ERR_LIMIT)
		cs_raise_in(st, "series", errbuf);
	if (st != CS_OK)
		CS_RECV_ERROR(st, "series", errbuf);
	s = series_from_items(items, n, (flags & SER_CALENDAR) != 0);
	pfree(items);
	return s;
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

	if (len > 0 && data[0] == SER_VERSION_EST)
	{
		s = series_recv_est(data, len);
		msg->cursor = msg->len;
		PG_RETURN_POINTER(s);
	}
	st = ser_wire_decode_header(data, len, &version, &flags, &n,
								errbuf, sizeof(errbuf));
	if (st == CS_OK)
	{
		s = series_alloc(n, false);
		st = ser_wire_decode(data, len, s->reports, n, errbuf, sizeof(errbuf));
	}
	if (st == CS_ERR_LIMIT)
		cs_raise_in(st, "series", errbuf);
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
	size = series_has_est(s) ? ser_wire_size_est(s->count) : ser_wire_size(s->count);
	if (size + VARHDRSZ >= MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("series too large for its binary form"),
				 errdetail("The binary form of a series of %u reports exceeds 1 GB.",
						   s->count)));
	result = (bytea *) palloc(size + VARHDRSZ);
	SET_VARSIZE(result, size + VARHDRSZ);
	if (series_has_est(s))
		ser_wire_encode_est(s->flags, s->reports, series_parts(s), s->count,
							(uint8_t *) VARDATA(result));
	else
		ser_wire_encode(s->version, s->flags, s->reports, s->count,
						(uint8_t *) VARDATA(result));
	PG_RETURN_BYTEA_P(result);
}

/* ---- readers ----------------------------------------------------------- */

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

/* total_at(series, timestamp): its wall-clock time (a series of instants: in the session's zone). */
Datum
series_total_at_local(PG_FUNCTION_ARGS)
{
	Series	   *s = PG_GETARG_SERIES_P(0);
	Timestamp	t = PG_GETARG_TIMESTAMP(1);
	int64		local;

	series_check(s);
	if (TIMESTAMP_NOT_FINITE(t) || !cs_time_in_range(t))
		PG_RETURN_NULL();
	local = t;
	return series_total_at_common(fcinfo, s, is_calendar(s) ? local : cs_instant_of_local(local));
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

	if (s->version != SER_VERSION && s->version != SER_VERSION_EST)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupt conflict_stats.series value"),
				 errdetail("Its header says version %d, which this library does not know.",
						   s->version)));
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

		funcctx = cs_srf_first_call(fcinfo, "reports", &oldcxt);
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
