/*
 * sparkline.c
 *		SQL glue of the pictures in psql: the sparkline aggregate (its
 *		transition, combine and final functions), sparkline over an array,
 *		and bar.
 *
 * The characters, the scaling, the bins and the bar live in picture_core.c
 * (plain C), the aggregate's state type in sparkline_state.c; this file
 * holds the fmgr plumbing, the sort and the errors.
 *
 * Pictures are drawn in UTF-8; a database of any other encoding gets an
 * error (22021) rather than characters converted by guesswork.
 */
#include "postgres.h"

#include <math.h>

#include "access/tupmacs.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/memutils.h"

#include "glue.h"
#include "sparkline_state.h"

/* sorting rows by (time, value), with the comparison inlined */
#define ST_SORT spark_sort_rows
#define ST_ELEMENT_TYPE PicRow
#define ST_COMPARE(a, b)	pic_row_cmp((a), (b))
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS	/* tens of millions of rows take seconds */
#define ST_DEFINE
#include "lib/sort_template.h"

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
 * Add the row (value, time of kind at) to the state in argument 0, drawn in
 * bins of the width in argument 3 when binned, else one character per row
 * (width 0).  A row without a time (or width) is skipped; a NULL value is
 * kept, to be drawn as a space.
 */
static pg_attribute_always_inline Datum
sparkline_trans(FunctionCallInfo fcinfo, CsAtKind at, bool binned)
{
	bool		calendar = cs_at_calendar(at);
	int32		width = 0;
	int64		t;
	double		v = 0;
	bool		isnull = PG_ARGISNULL(1);
	SparkState *s;
	PicRow	   *r;

	if (PG_ARGISNULL(2) || (binned && PG_ARGISNULL(3)))
		return cs_skip_row(fcinfo);
	if (binned)
	{
		width = PG_GETARG_INT32(3);
		check_width(width);
	}
	t = cs_row_time(fcinfo, 2, at);
	if (!isnull)
	{
		v = PG_GETARG_FLOAT8(1);
		cs_check_finite(v, "sparkline", "value");
	}
	if (PG_ARGISNULL(0))
	{
		s = pic_state_alloc(AggCheckCallContext(fcinfo, NULL) ? SPARK_FIRST_ROWS : 1, NULL);
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
			s = pic_state_make_room(fcinfo, s, own, 1);
			s->flags = calendar ? PIC_CALENDAR : 0;
			s->width = width;
		}
		else
		{
			if (spark_is_calendar(s) != calendar)
				cs_raise(CS_ERR_MIXED);
			if (s->width != width)
				width_mismatch(s->width, width);
			s = pic_state_make_room(fcinfo, s, own, 1);
		}
	}
	r = &s->rows[s->count++];
	r->at = t;
	r->value = isnull ? pic_null() : (v == 0.0 ? 0.0 : v);
	PG_RETURN_POINTER(s);
}

CS_ENTRY(sparkline_trans_date, sparkline_trans, CS_AT_DATE, false);
CS_ENTRY(sparkline_trans_ts, sparkline_trans, CS_AT_TIMESTAMPTZ, false);
CS_ENTRY(sparkline_trans_width_date, sparkline_trans, CS_AT_DATE, true);
CS_ENTRY(sparkline_trans_width_ts, sparkline_trans, CS_AT_TIMESTAMPTZ, true);
CS_ENTRY(sparkline_trans_local, sparkline_trans, CS_AT_TIMESTAMP, false);
CS_ENTRY(sparkline_trans_width_local, sparkline_trans, CS_AT_TIMESTAMP, true);

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
	if (spark_is_calendar(a) != spark_is_calendar(b))
		cs_raise(CS_ERR_MIXED);
	if (a->width != b->width)
		width_mismatch(a->width, b->width);
	own = (Pointer) a != DatumGetPointer(da) || AggCheckCallContext(fcinfo, NULL);
	a = pic_state_make_room(fcinfo, a, own, b->count);
	pic_rows_copy(a->rows + a->count, b->rows, b->count);
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
	if (pic_rows_sorted(s->rows, n))
		rows = s->rows;
	else
	{
		rows = (PicRow *) palloc(n * sizeof(PicRow));
		pic_rows_copy(rows, s->rows, n);
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
