/*
 * picture.c
 *		SQL glue of the pictures in psql: the sparkline aggregate (its state
 *		type sparkline_state with text and binary I/O, transition, combine
 *		and final functions), sparkline over an array, and bar.
 *
 * The characters, the scaling, the bins, the bar, the state's layout,
 * validation and text and wire forms live in picture_core.c (plain C);
 * this file holds the fmgr plumbing, the growth of the state, the sort and
 * the errors.
 *
 * The state is a real type, not `internal', so that partial states travel
 * between processes as ordinary values: to the leader of a parallel plan,
 * and as text between the nodes of a distributed database.  Inside an
 * aggregate the transition and combine functions append to the executor's
 * state in place while it has room (the executor does not copy a state
 * returned at the same address); when it is full they return a copy with
 * twice the room, which the executor copies once into its own context, so
 * that appends cost O(1) amortized.  The room beyond the rows is zeroed.
 *
 * Pictures are drawn in UTF-8; a database of any other encoding gets an
 * error (22021) rather than characters converted by guesswork.
 */
#include "postgres.h"

#include <math.h>

#include "access/tupmacs.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/memutils.h"

#include "glue.h"
#include "picture_core.h"

/* the varlena as stored; the rows start at PIC_HEADER_SIZE */
typedef struct SparkState
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;
	uint8		flags;
	uint8		reserved[2];
	int32		width;			/* 0: one character per row */
	uint32		count;			/* rows held; the value may have room for more */
	PicRow		rows[FLEXIBLE_ARRAY_MEMBER];
} SparkState;

StaticAssertDecl(offsetof(SparkState, rows) == PIC_HEADER_SIZE,
				 "sparkline_state header size");
StaticAssertDecl(sizeof(PicRow) == 16, "sparkline_state row size");

#define DatumGetSparkStateP(X)		((SparkState *) PG_DETOAST_DATUM(X))

/* rows of room in the first state of an aggregate */
#define SPARK_FIRST_ROWS	16

/* sorting rows by (time, value), with the comparison inlined */
#define ST_SORT spark_sort_rows
#define ST_ELEMENT_TYPE PicRow
#define ST_COMPARE(a, b)	pic_row_cmp((a), (b))
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS	/* tens of millions of rows take seconds */
#define ST_DEFINE
#include "lib/sort_template.h"

PG_FUNCTION_INFO_V1(sparkline_state_in);
PG_FUNCTION_INFO_V1(sparkline_state_out);
PG_FUNCTION_INFO_V1(sparkline_state_recv);
PG_FUNCTION_INFO_V1(sparkline_state_send);
PG_FUNCTION_INFO_V1(sparkline_trans_date);
PG_FUNCTION_INFO_V1(sparkline_trans_ts);
PG_FUNCTION_INFO_V1(sparkline_trans_width_date);
PG_FUNCTION_INFO_V1(sparkline_trans_width_ts);
PG_FUNCTION_INFO_V1(sparkline_trans_local);
PG_FUNCTION_INFO_V1(sparkline_trans_width_local);
PG_FUNCTION_INFO_V1(sparkline_combine);
PG_FUNCTION_INFO_V1(sparkline_final);
PG_FUNCTION_INFO_V1(sparkline_array);
PG_FUNCTION_INFO_V1(picture_bar);

/* ---- common checks ------------------------------------------------------- */

/* Refuse to draw in a database whose encoding is not UTF8 (22021). */
static void
check_encoding(void)
{
	if (GetDatabaseEncoding() != PG_UTF8)
		ereport(ERROR,
				(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				 errmsg("sparkline and bar need a database encoded in UTF8"),
				 errdetail("The database encoding is %s, which cannot hold the block characters the pictures are drawn with.",
						   GetDatabaseEncodingName()),
				 errhint("Draw the pictures in a database created with ENCODING 'UTF8'.")));
}

/* Check a width argument: 1 .. PIC_MAX_WIDTH, else 22023. */
static void
check_width(int32 width)
{
	if (!pic_width_ok(width))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("width must be between 1 and %d", PIC_MAX_WIDTH),
				 errdetail("The width is %d; it counts the characters of the picture.", width)));
}

/*
 * Allocate a text datum with room for a picture of up to `chars'
 * characters (written into VARDATA, the length set by the caller).
 */
static text *
picture_text_alloc(size_t chars)
{
	Size		size = VARHDRSZ + chars * PIC_CHAR_BYTES + 1;

	if (size >= MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("picture too large"),
				 errdetail("A picture of %lu characters exceeds 1 GB.", (unsigned long) chars)));
	return (text *) palloc(size);
}

/* ---- the state ------------------------------------------------------------- */

/* Give the rows a state has room for. */
static inline size_t
spark_capacity(const SparkState *s)
{
	return (VARSIZE(s) - PIC_HEADER_SIZE) / sizeof(PicRow);
}

/* Say whether a state holds calendar times (see glue.h). */
static inline bool
is_calendar(const SparkState *s)
{
	return (s->flags & PIC_CALENDAR) != 0;
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

/*
 * Check the stored header of a state before reading it (can't-happen: in
 * and receive check every row, and rows are checked as they are added).
 */
static inline void
spark_check(const SparkState *s)
{
	/* the size first: the header is read only when it is there */
	if (VARSIZE(s) < PIC_HEADER_SIZE)
		elog(ERROR, "corrupt conflict_stats.sparkline_state value (%u bytes)",
			 (unsigned) VARSIZE(s));
	if (s->version != PIC_STATE_VERSION || (s->flags & ~PIC_FLAGS_MASK) != 0 ||
		(VARSIZE(s) - PIC_HEADER_SIZE) % sizeof(PicRow) != 0 ||
		s->count > spark_capacity(s))
		elog(ERROR, "corrupt conflict_stats.sparkline_state value (version %d, %u rows, %u bytes)",
			 s->version, s->count, (unsigned) VARSIZE(s));
}

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

/*
 * Copy n rows from src to dst, or zero them when src is NULL, a slice at a
 * time, so that a query cancel ends a copy of millions of rows.
 */
static void
spark_copy_rows(PicRow *dst, const PicRow *src, size_t n)
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

/*
 * Allocate a state with room for cap rows in the current context, the room
 * zeroed, and copy the header and rows of src (may be NULL) into it.
 */
static SparkState *
spark_alloc(size_t cap, const SparkState *src)
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
		spark_copy_rows(s->rows, src->rows, count);
	}
	spark_copy_rows(s->rows + count, NULL, cap - count);
	return s;
}

/*
 * Give a state that can take `more' rows after those of s: s itself when the
 * call may change it (it is the executor's state, or a copy made by
 * detoasting) and it has the room; else a copy, with twice the room inside
 * an aggregate, exactly the room outside one.
 */
static SparkState *
spark_make_room(FunctionCallInfo fcinfo, SparkState *s, bool own, size_t more)
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
	return spark_alloc(cap, s);
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

	/* counting the rows, the parse and the checks each take the whole text */
	CS_ALLOW_CANCEL();
	cap = cs_rows_count_bound(str);
	if (cap > PIC_MAX_ROWS)
		cap = PIC_MAX_ROWS;
	s = spark_alloc(cap, NULL);
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
	calendar = is_calendar(s);
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
		CS_ALLOW_CANCEL();
		s = spark_alloc(h.count, NULL);
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
	CS_ALLOW_CANCEL();
	pic_wire_encode(&h, s->rows, (uint8_t *) VARDATA(result));
	PG_RETURN_BYTEA_P(result);
}

/* ---- the sparkline aggregate ----------------------------------------------- */

/* Refuse states of different widths (22023). */
static void
width_mismatch(int32 a, int32 b)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("sparkline width must be the same for every row"),
			 errdetail("Rows drawn %s meet rows drawn %s.",
					   a == 0 ? "one character per row" : psprintf("in %d characters", a),
					   b == 0 ? "one character per row" : psprintf("in %d characters", b))));
}

/*
 * Add the row (argument 1, at) to the state in argument 0, drawn width
 * characters wide (0: one character per row).  A row without a time is
 * skipped; a NULL value is kept, to be drawn as a space.
 */
static Datum
spark_trans(FunctionCallInfo fcinfo, int64 at, bool calendar, int32 width)
{
	double		v = 0;
	bool		isnull = PG_ARGISNULL(1);
	SparkState *s;
	PicRow	   *r;

	if (!isnull)
	{
		v = PG_GETARG_FLOAT8(1);
		cs_check_finite(v, "sparkline", "value");
	}
	if (PG_ARGISNULL(0))
	{
		s = spark_alloc(AggCheckCallContext(fcinfo, NULL) ? SPARK_FIRST_ROWS : 1, NULL);
		s->flags = calendar ? PIC_CALENDAR : 0;
		s->width = width;
	}
	else
	{
		Datum		d = PG_GETARG_DATUM(0);
		bool		own;

		s = DatumGetSparkStateP(d);
		own = (Pointer) s != DatumGetPointer(d) || AggCheckCallContext(fcinfo, NULL);
		spark_check(s);
		if (s->count == 0)
		{
			/* the empty state adopts the kind and width of its first row */
			s = spark_make_room(fcinfo, s, own, 1);
			s->flags = calendar ? PIC_CALENDAR : 0;
			s->width = width;
		}
		else
		{
			if (is_calendar(s) != calendar)
				cs_raise(CS_ERR_MIXED);
			if (s->width != width)
				width_mismatch(s->width, width);
			s = spark_make_room(fcinfo, s, own, 1);
		}
	}
	r = &s->rows[s->count++];
	r->at = at;
	r->value = isnull ? pic_null() : (v == 0.0 ? 0.0 : v);
	PG_RETURN_POINTER(s);
}

/* Give the state argument unchanged: the row is skipped. */
#define SPARK_SKIP_ROW() \
	do { \
		if (PG_ARGISNULL(0)) \
			PG_RETURN_NULL(); \
		PG_RETURN_DATUM(PG_GETARG_DATUM(0)); \
	} while (0)

/* Transition of sparkline(value, at date): a row of the calendar axis. */
Datum
sparkline_trans_date(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(2))
		SPARK_SKIP_ROW();
	return spark_trans(fcinfo, cs_date_calendar(PG_GETARG_DATEADT(2)), true, 0);
}

/* Transition of sparkline(value, at timestamptz): a row of the instant axis. */
Datum
sparkline_trans_ts(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(2))
		SPARK_SKIP_ROW();
	return spark_trans(fcinfo, cs_instant(PG_GETARG_TIMESTAMPTZ(2)), false, 0);
}

/* Transition of sparkline(value, at timestamp): its wall-clock time, on the calendar axis. */
Datum
sparkline_trans_local(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(2))
		SPARK_SKIP_ROW();
	return spark_trans(fcinfo, cs_timestamp_calendar(PG_GETARG_TIMESTAMP(2)), true, 0);
}

/* Transition of sparkline(value, at timestamp, width): rows drawn in bins. */
Datum
sparkline_trans_width_local(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(2) || PG_ARGISNULL(3))
		SPARK_SKIP_ROW();
	check_width(PG_GETARG_INT32(3));
	return spark_trans(fcinfo, cs_timestamp_calendar(PG_GETARG_TIMESTAMP(2)), true,
					   PG_GETARG_INT32(3));
}

/* Transition of sparkline(value, at date, width): rows drawn in bins. */
Datum
sparkline_trans_width_date(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(2) || PG_ARGISNULL(3))
		SPARK_SKIP_ROW();
	check_width(PG_GETARG_INT32(3));
	return spark_trans(fcinfo, cs_date_calendar(PG_GETARG_DATEADT(2)), true,
					   PG_GETARG_INT32(3));
}

/* Transition of sparkline(value, at timestamptz, width): rows drawn in bins. */
Datum
sparkline_trans_width_ts(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(2) || PG_ARGISNULL(3))
		SPARK_SKIP_ROW();
	check_width(PG_GETARG_INT32(3));
	return spark_trans(fcinfo, cs_instant(PG_GETARG_TIMESTAMPTZ(2)), false,
					   PG_GETARG_INT32(3));
}

/* Merge two states: the rows of the second after those of the first. */
Datum
sparkline_combine(PG_FUNCTION_ARGS)
{
	Datum		da = PG_GETARG_DATUM(0);
	SparkState *a = DatumGetSparkStateP(da);
	SparkState *b = DatumGetSparkStateP(PG_GETARG_DATUM(1));
	bool		own;

	spark_check(a);
	spark_check(b);
	if (b->count == 0)
		PG_RETURN_POINTER(a);
	if (a->count == 0)
		PG_RETURN_POINTER(b);
	if (is_calendar(a) != is_calendar(b))
		cs_raise(CS_ERR_MIXED);
	if (a->width != b->width)
		width_mismatch(a->width, b->width);
	own = (Pointer) a != DatumGetPointer(da) || AggCheckCallContext(fcinfo, NULL);
	a = spark_make_room(fcinfo, a, own, b->count);
	spark_copy_rows(a->rows + a->count, b->rows, b->count);
	a->count += b->count;
	PG_RETURN_POINTER(a);
}

/*
 * Draw the state: its rows in order of (time, value), NULL values last,
 * one character each, or in equal-time bins; NULL for an empty state.
 * The state itself is not changed (the rows are sorted in a copy).
 */
Datum
sparkline_final(PG_FUNCTION_ARGS)
{
	SparkState *s = DatumGetSparkStateP(PG_GETARG_DATUM(0));
	size_t		n = s->count;
	PicRow	   *rows;
	text	   *result;
	size_t		len;

	spark_check(s);
	if (n == 0)
		PG_RETURN_NULL();
	check_encoding();
	/* the check, the sort, the bins and the drawing each take every row */
	CS_ALLOW_CANCEL();
	if (pic_rows_sorted(s->rows, n))
		rows = s->rows;
	else
	{
		rows = (PicRow *) palloc(n * sizeof(PicRow));
		spark_copy_rows(rows, s->rows, n);
		spark_sort_rows(rows, n);
	}
	if (s->width == 0)
	{
		result = picture_text_alloc(n);
		len = pic_spark_rows(rows, n, VARDATA(result));
	}
	else
	{
		size_t		nbins = pic_bin_count(rows, n, s->width);
		double	   *means = (double *) palloc(nbins * sizeof(double));

		pic_bin_means(rows, n, nbins, means);
		result = picture_text_alloc(nbins);
		len = pic_spark_values(means, nbins, VARDATA(result));
	}
	SET_VARSIZE(result, VARHDRSZ + len);
	PG_RETURN_TEXT_P(result);
}

/* ---- sparkline of an array, and bar ---------------------------------------- */

/*
 * sparkline(float8[]): one character per element, in array order.  The
 * elements are read in place: an array without NULLs is drawn from its own
 * data, one with NULLs from a copy where they are the NULL marker.
 */
Datum
sparkline_array(PG_FUNCTION_ARGS)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
	const bits8 *bitmap = ARR_NULLBITMAP(a);
	const char *data = (const char *) a +
		(bitmap != NULL ? (size_t) a->dataoffset : ARR_OVERHEAD_NONULLS(ARR_NDIM(a)));
	const char *p = data;
	double	   *copy = NULL;
	int			n,
				i;
	text	   *result;
	size_t		len;

	check_encoding();
	if (ARR_ELEMTYPE(a) != FLOAT8OID)
		elog(ERROR, "sparkline expects an array of double precision");
	n = ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
	if (bitmap != NULL)
		copy = (double *) palloc(Max(n, 1) * sizeof(double));
	for (i = 0; i < n; i++)
	{
		double		v;

		if ((i & 0xffff) == 0xffff)
			CHECK_FOR_INTERRUPTS();
		if (bitmap != NULL && att_isnull(i, bitmap))
		{
			copy[i] = pic_null();
			continue;
		}
		memcpy(&v, p, sizeof(v));
		p += sizeof(v);
		cs_check_finite(v, "sparkline", "value");
		if (copy != NULL)
			copy[i] = v;
	}
	result = picture_text_alloc((size_t) n);
	CS_ALLOW_CANCEL();
	len = pic_spark_values(copy != NULL ? copy : (const double *) data,
						   (size_t) n, VARDATA(result));
	SET_VARSIZE(result, VARHDRSZ + len);
	PG_RETURN_TEXT_P(result);
}

/* bar(value, max, width): value against max as a bar of eighth blocks. */
Datum
picture_bar(PG_FUNCTION_ARGS)
{
	double		value = PG_GETARG_FLOAT8(0);
	double		max = PG_GETARG_FLOAT8(1);
	int32		width = PG_GETARG_INT32(2);
	text	   *result;
	size_t		len;

	check_encoding();
	if (isnan(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bar does not accept NaN values"),
				 errdetail("A bar is drawn from a number; a NULL value gives a NULL bar.")));
	if (!(max > 0) || isinf(max))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bar max must be positive and finite"),
				 errdetail("The max is %s; the bar is width characters long at max.",
						   float8out_internal(max))));
	check_width(width);
	result = (text *) palloc(VARHDRSZ + pic_bar_bufsize(width));
	len = pic_bar(value, max, width, VARDATA(result));
	SET_VARSIZE(result, VARHDRSZ + len);
	PG_RETURN_TEXT_P(result);
}
