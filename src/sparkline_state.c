/*
 * sparkline_state.c
 *		SQL glue of sparkline_state, the sparkline aggregate's partial state:
 *		its text and binary I/O, and the growth of a state as rows are added.
 *
 * The layout, validation and text and wire forms of the rows live in
 * picture_core.c (plain C); the stored form and why it is a real type, in
 * sparkline_state.h.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/memutils.h"

#include "glue.h"
#include "sparkline_state.h"

PG_FUNCTION_INFO_V1(sparkline_state_in);
PG_FUNCTION_INFO_V1(sparkline_state_out);
PG_FUNCTION_INFO_V1(sparkline_state_recv);
PG_FUNCTION_INFO_V1(sparkline_state_send);

/* ---- growth ------------------------------------------------------------- */

/* Refuse more rows than one state can hold (54000). */
static void
spark_check_limit(size_t n)
{
	if (n > PIC_MAX_ROWS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many rows for one sparkline"),
				 errdetail("A sparkline_state holds at most %lu rows (1 GB).",
						   (unsigned long) PIC_MAX_ROWS)));
}

/* rows copied or zeroed between two checks for a query cancel (1 MB) */
#define SPARK_SLICE_ROWS	65536

/* Copy or zero rows a slice at a time (see sparkline_state.h). */
void
pic_rows_copy(PicRow *dst, const PicRow *src, size_t n)
{
	size_t		done = 0;

	while (done < n)
	{
		size_t		k = Min(n - done, (size_t) SPARK_SLICE_ROWS);

		if (src != NULL)
			memcpy(dst + done, src + done, k * sizeof(PicRow));
		else
			memset(dst + done, 0, k * sizeof(PicRow));
		done += k;
		CHECK_FOR_INTERRUPTS();
	}
}

/* Allocate a state with room for cap rows (see sparkline_state.h). */
SparkState *
pic_state_alloc(size_t cap, const SparkState *src)
{
	Size		size;
	SparkState *s;
	size_t		count = src != NULL ? src->count : 0;

	spark_check_limit(cap);
	size = PIC_HEADER_SIZE + cap * sizeof(PicRow);
	s = (SparkState *) palloc(size);
	memset(s, 0, PIC_HEADER_SIZE);
	SET_VARSIZE(s, size);
	s->version = PIC_STATE_VERSION;
	if (src != NULL)
	{
		s->flags = src->flags;
		s->width = src->width;
		s->count = src->count;
		pic_rows_copy(s->rows, src->rows, count);
	}
	pic_rows_copy(s->rows + count, NULL, cap - count);
	return s;
}

/* Give a state with room for `more' rows (see sparkline_state.h). */
SparkState *
pic_state_make_room(FunctionCallInfo fcinfo, SparkState *s, bool own, size_t more)
{
	size_t		need = (size_t) s->count + more;
	size_t		cap;

	spark_check_limit(need);
	if (own && need <= spark_capacity(s))
		return s;
	if (AggCheckCallContext(fcinfo, NULL))
	{
		cap = Max(spark_capacity(s) * 2, (size_t) SPARK_FIRST_ROWS);
		if (cap > PIC_MAX_ROWS)
			cap = PIC_MAX_ROWS;
		if (cap < need)
			cap = need;
	}
	else
		cap = need;
	return pic_state_alloc(cap, s);
}

/* Fill a core header from a state. */
static inline void
spark_header(const SparkState *s, PicHeader *h)
{
	h->version = s->version;
	h->flags = s->flags;
	h->reserved = s->reserved[0] | (s->reserved[1] << 8);
	h->width = s->width;
	h->count = s->count;
}

/* ---- I/O --------------------------------------------------------------- */

/* Read the text form of a sparkline_state. */
Datum
sparkline_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	size_t		cap;
	PicHeader	h;
	SparkState *s;
	CsStatus	st;
	char		errbuf[CS_ERRBUF_LEN];

	cap = cs_rows_count_bound(str);
	if (cap > PIC_MAX_ROWS)
		cap = PIC_MAX_ROWS;
	s = pic_state_alloc(cap, NULL);
	st = pic_text_parse(str, &h, s->rows, cap, errbuf, sizeof(errbuf));
	if (st != CS_OK)
		CS_INPUT_ERROR(fcinfo, st, "sparkline_state", str, errbuf);
	s->flags = (uint8) h.flags;
	s->width = h.width;
	s->count = (uint32) h.count;
	SET_VARSIZE(s, PIC_HEADER_SIZE + h.count * sizeof(PicRow));
	PG_RETURN_POINTER(s);
}

/* Write the text form: the rows in stored order, reading back bit for bit. */
Datum
sparkline_state_out(PG_FUNCTION_ARGS)
{
	SparkState *s = DatumGetSparkStateP(PG_GETARG_DATUM(0));
	StringInfoData buf;
	PicHeader	h;
	char		head[PIC_HEAD_TEXT_BUFLEN];
	char		row[PIC_ROW_TEXT_BUFLEN];
	bool		calendar;
	uint32		i;

	spark_check(s);
	spark_header(s, &h);
	calendar = spark_is_calendar(s);
	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, head, (int) pic_format_head(&h, head));
	for (i = 0; i < s->count; i++)
	{
		size_t		len = pic_format_row(&s->rows[i], calendar, row);

		if ((Size) buf.len + len + 3 >= MaxAllocSize)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("sparkline_state too large for its text form"),
					 errdetail("The text of a state of %u rows exceeds 1 GB; binary COPY holds it.",
							   s->count)));
		if (i > 0)
			appendStringInfoChar(&buf, ',');
		appendBinaryStringInfo(&buf, row, (int) len);
		if ((i & 0xffff) == 0xffff)
			CHECK_FOR_INTERRUPTS();
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* Read the binary form, checking it as input does. */
Datum
sparkline_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	const uint8_t *data = (const uint8_t *) msg->data + msg->cursor;
	size_t		len = (size_t) (msg->len - msg->cursor);
	PicHeader	h;
	SparkState *s = NULL;
	CsStatus	st;
	char		errbuf[CS_ERRBUF_LEN];

	st = pic_wire_decode_header(data, len, &h, errbuf, sizeof(errbuf));
	if (st == CS_OK)
	{
			s = pic_state_alloc(h.count, NULL);
		st = pic_wire_decode(data, len, &h, s->rows, errbuf, sizeof(errbuf));
	}
	if (st != CS_OK)
		CS_RECV_ERROR(st, "sparkline_state", errbuf);
	s->flags = (uint8) h.flags;
	s->width = h.width;
	s->count = (uint32) h.count;
	msg->cursor = msg->len;
	PG_RETURN_POINTER(s);
}

/* Write the binary form (big-endian; see picture_core.h). */
Datum
sparkline_state_send(PG_FUNCTION_ARGS)
{
	SparkState *s = DatumGetSparkStateP(PG_GETARG_DATUM(0));
	PicHeader	h;
	size_t		size;
	bytea	   *result;

	spark_check(s);
	spark_header(s, &h);
	size = pic_wire_size(s->count);
	if (size + VARHDRSZ >= MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("sparkline_state too large for its binary form"),
				 errdetail("The binary form of a state of %u rows exceeds 1 GB.", s->count)));
	result = (bytea *) palloc(size + VARHDRSZ);
	SET_VARSIZE(result, size + VARHDRSZ);
	pic_wire_encode(&h, s->rows, (uint8_t *) VARDATA(result));
	PG_RETURN_BYTEA_P(result);
}
