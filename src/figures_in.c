/*
 * figures_in.c
 *		SQL glue of read_figure(phrase) and figures_in(body): one figure as a
 *		reporter writes it, and every figure of a text, with its rate unit,
 *		noun phrase and place.
 *
 * The reading is the plain-C estimate family's (estimate_phrase.h), on
 * UTF-8 text with byte offsets; this file turns the offsets into the
 * characters substr() counts, and a database in another encoding hands the
 * family its text in UTF-8 and gets the words back in its own.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "estimate_phrase.h"
#include "glue.h"

PG_FUNCTION_INFO_V1(estimate_read_figure);
PG_FUNCTION_INFO_V1(estimate_figures_in);

/* Give the text in UTF-8, NUL-terminated (a copy, or the converted text). */
static char *
text_in_utf8(text *t)
{
	char	   *s = text_to_cstring(t);

	if (GetDatabaseEncoding() == PG_UTF8)
		return s;
	return pg_server_to_any(s, (int) strlen(s), PG_UTF8);
}

/* Give the n bytes of UTF-8 at s as text in the database encoding. */
static Datum
utf8_to_text(const char *s, size_t n)
{
	char	   *c;

	if (GetDatabaseEncoding() == PG_UTF8)
		return PointerGetDatum(cstring_to_text_with_len(s, (int) n));
	c = pg_any_to_server(s, (int) n, PG_UTF8);
	return PointerGetDatum(cstring_to_text(c));
}

/* Give a rate unit's period as an interval, or NULL (0) when none. */
static Interval *
period_interval(EstPeriod per)
{
	Interval   *iv;

	if (per == EST_PER_NONE)
		return NULL;
	iv = palloc0(sizeof(Interval));
	switch (per)
	{
		case EST_PER_DAY:
			iv->day = 1;
			break;
		case EST_PER_WEEK:
			iv->day = 7;
			break;
		case EST_PER_MONTH:
			iv->month = 1;
			break;
		default:
			iv->month = 12;
			break;
	}
	return iv;
}

/* Fill the figure, per and what columns of a row from a figure read from s. */
static void
figure_columns(const char *s, const EstFigure *f, Datum *values, bool *nulls)
{
	EstimateValue *v = palloc(sizeof(EstimateValue));
	Interval   *iv = period_interval(f->per);

	*v = f->value;
	values[0] = PointerGetDatum(v);
	nulls[0] = false;
	values[1] = PointerGetDatum(iv);
	nulls[1] = iv == NULL;
	nulls[2] = f->what_len == 0;
	values[2] = nulls[2] ? (Datum) 0 : utf8_to_text(s + f->what_start, f->what_len);
}

/*
 * read_figure(phrase): the figure a phrase starts with, its rate unit and
 * what follows; 22P02 when the phrase does not start with a figure.
 */
Datum
estimate_read_figure(PG_FUNCTION_ARGS)
{
	text	   *phrase = PG_GETARG_TEXT_PP(0);
	char	   *s = text_in_utf8(phrase);
	EstFigure	f;
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3];
	CsStatus	st;

	tupdesc = cs_result_tupdesc(fcinfo, "read_figure");
	st = est_read_figure(s, &f);
	if (st == CS_ERR_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value out of range for type estimate"),
				 errdetail("The figure at the start of the phrase is beyond double precision.")));
	if (st != CS_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for read_figure: \"%s\"", text_to_cstring(phrase)),
				 errdetail("A phrase must start with a figure, as the estimate type reads one."),
				 errhint("figures_in() finds the figures anywhere in a text.")));
	figure_columns(s, &f, values, nulls);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* the state of figures_in across calls: the scan, and where it is in characters */
typedef struct FiguresState
{
	EstScan		scan;
	size_t		byte_pos;		/* a byte offset ... */
	int64		char_pos;		/* ... and its count of characters before it */
} FiguresState;

/* Count the characters of the UTF-8 text between byte offsets from and to. */
static int64
utf8_chars(const char *s, size_t from, size_t to)
{
	int64		n = 0;
	size_t		i;

	for (i = from; i < to; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/*
 * figures_in(body): every figure of a text in order, one row per call:
 * figure, per, what, phrase, start and length (in characters, 1-based).
 */
Datum
estimate_figures_in(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	FiguresState *fs;
	EstFigure	f;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcxt;

		funcctx = cs_srf_first_call(fcinfo, "figures_in", &oldcxt);
		fs = palloc0(sizeof(FiguresState));
		est_scan_init(&fs->scan, text_in_utf8(PG_GETARG_TEXT_PP(0)));
		funcctx->user_fctx = fs;
		MemoryContextSwitchTo(oldcxt);
	}

	funcctx = SRF_PERCALL_SETUP();
	fs = (FiguresState *) funcctx->user_fctx;
	if (est_scan_next(&fs->scan, &f))
	{
		const char *s = fs->scan.text;
		Datum		values[6];
		bool		nulls[6];
		int64		start,
					length;

		CHECK_FOR_INTERRUPTS();
		fs->char_pos += utf8_chars(s, fs->byte_pos, f.start);
		start = fs->char_pos;
		length = utf8_chars(s, f.start, f.start + f.len);
		fs->char_pos += length;
		fs->byte_pos = f.start + f.len;
		figure_columns(s, &f, values, nulls);
		values[3] = utf8_to_text(s + f.start, f.len);
		nulls[3] = false;
		values[4] = Int32GetDatum((int32) (start + 1));
		nulls[4] = false;
		values[5] = Int32GetDatum((int32) length);
		nulls[5] = false;
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}
