/*
 * estimate.c
 *		SQL glue of the estimate type: text and binary I/O, constructors,
 *		accessors, words and rounding, range test within, and casts.  Its
 *		operators are in estimate_operators.c, its aggregates in
 *		estimate_aggregates.c.
 *
 * Parsing, formatting, the binary form, the check of values read from
 * outside and the arithmetic rules live in the plain-C estimate family
 * (estimate_core.h); this file maps their outcomes to SQLSTATEs.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/numeric.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

#include "estimate_core.h"
#include "glue.h"

/* Make a palloc'd estimate from parts; 22003 for infinities, 22023 otherwise. */
static EstimateValue *
estimate_from_parts(double best, bool has_low, double low, bool low_inc,
					bool has_high, double high, bool high_inc)
{
	EstimateValue *r = palloc(sizeof(EstimateValue));
	const char *detail = NULL;
	CsStatus	st;

	st = est_make(r, best, has_low, low, low_inc, has_high, high, high_inc, &detail);
	if (st != CS_OK)
		cs_raise_in(st, "estimate parts", detail);
	return r;
}

/* Make an exact estimate from one number (the numeric casts). */
static EstimateValue *
estimate_from_double(double d)
{
	if (isnan(d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot convert NaN to estimate"),
				 errdetail("An estimate holds finite numbers only.")));
	if (isinf(d))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value out of range for type estimate"),
				 errdetail("An estimate holds finite double precision numbers only; this one is infinite or too large.")));
	return estimate_from_parts(d, true, d, true, true, d, true);
}


/* ---------- I/O ---------- */

PG_FUNCTION_INFO_V1(estimate_in);
/* Parse a figure as sources state it ("more than 600,000", "1.2 million"). */
Datum
estimate_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	EstimateValue *r = palloc(sizeof(EstimateValue));
	char		detail[CS_ERRBUF_LEN];
	bool		hint = false;
	CsStatus	st;

	st = est_parse(str, r, detail, sizeof(detail), &hint);
	if (st == CS_OK)
		PG_RETURN_ESTIMATE_P(r);
	if (hint)
		CS_INPUT_ERROR_HINT(fcinfo, st, "estimate", str, detail, est_words_hint());
	CS_INPUT_ERROR(fcinfo, st, "estimate", str, detail);
}

PG_FUNCTION_INFO_V1(estimate_out);
/* Write the canonical text form. */
Datum
estimate_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(EST_TEXT_BUFLEN);

	est_format(PG_GETARG_ESTIMATE_P(0), buf);
	PG_RETURN_CSTRING(buf);
}

/*
 * estimate_recv and estimate_send: the binary form, from the descriptor
 * (version byte, flags byte, best, low, high), checked as the text input is.
 */
CS_WIRE_IO(estimate, est_desc);

/* ---------- constructors and accessors ---------- */

PG_FUNCTION_INFO_V1(estimate_exact);
/* estimate(best): an exact figure. */
Datum
estimate_exact(PG_FUNCTION_ARGS)
{
	PG_RETURN_ESTIMATE_P(estimate_from_double(PG_GETARG_FLOAT8(0)));
}

PG_FUNCTION_INFO_V1(estimate_construct);
/* estimate(best, low, high): NULL low or high leaves that side unbounded. */
Datum
estimate_construct(PG_FUNCTION_ARGS)
{
	bool		has_low = !PG_ARGISNULL(1);
	bool		has_high = !PG_ARGISNULL(2);

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_ESTIMATE_P(estimate_from_parts(PG_GETARG_FLOAT8(0),
											 has_low, has_low ? PG_GETARG_FLOAT8(1) : 0, true,
											 has_high, has_high ? PG_GETARG_FLOAT8(2) : 0, true));
}

PG_FUNCTION_INFO_V1(estimate_best);
/* The best value. */
Datum
estimate_best(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(PG_GETARG_ESTIMATE_P(0)->best);
}

PG_FUNCTION_INFO_V1(estimate_low);
/* The lower bound, NULL when unbounded. */
Datum
estimate_low(PG_FUNCTION_ARGS)
{
	EstimateValue *v = PG_GETARG_ESTIMATE_P(0);

	if (!(v->flags & EST_HAS_LOW))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v->low);
}

PG_FUNCTION_INFO_V1(estimate_high);
/* The upper bound, NULL when unbounded. */
Datum
estimate_high(PG_FUNCTION_ARGS)
{
	EstimateValue *v = PG_GETARG_ESTIMATE_P(0);

	if (!(v->flags & EST_HAS_HIGH))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v->high);
}

PG_FUNCTION_INFO_V1(estimate_low_inclusive);
/* Is the lower bound inclusive? NULL when unbounded. */
Datum
estimate_low_inclusive(PG_FUNCTION_ARGS)
{
	EstimateValue *v = PG_GETARG_ESTIMATE_P(0);

	if (!(v->flags & EST_HAS_LOW))
		PG_RETURN_NULL();
	PG_RETURN_BOOL((v->flags & EST_LOW_INC) != 0);
}

PG_FUNCTION_INFO_V1(estimate_high_inclusive);
/* Is the upper bound inclusive? NULL when unbounded. */
Datum
estimate_high_inclusive(PG_FUNCTION_ARGS)
{
	EstimateValue *v = PG_GETARG_ESTIMATE_P(0);

	if (!(v->flags & EST_HAS_HIGH))
		PG_RETURN_NULL();
	PG_RETURN_BOOL((v->flags & EST_HIGH_INC) != 0);
}

PG_FUNCTION_INFO_V1(estimate_qualifier);
/* The qualifier word matching the canonical form. */
Datum
estimate_qualifier(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(est_qualifier(PG_GETARG_ESTIMATE_P(0))));
}

PG_FUNCTION_INFO_V1(estimate_describe);
/* The figure in words, for people. */
Datum
estimate_describe(PG_FUNCTION_ARGS)
{
	char		buf[EST_TEXT_BUFLEN];

	est_describe(PG_GETARG_ESTIMATE_P(0), buf);
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

PG_FUNCTION_INFO_V1(estimate_describe_digits);
/* The figure in words, with that many significant digits (1 to 17). */
Datum
estimate_describe_digits(PG_FUNCTION_ARGS)
{
	int32		digits = PG_GETARG_INT32(1);
	char		buf[EST_TEXT_BUFLEN];

	if (digits < 1 || digits > 17)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("digits must be between 1 and 17"),
				 errdetail("A double holds 17 significant digits at most; %d were asked for.", digits)));
	est_describe_digits(PG_GETARG_ESTIMATE_P(0), digits, buf);
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

PG_FUNCTION_INFO_V1(estimate_round);
/*
 * round(estimate, places): the best value to nearest, the lower bound down,
 * the upper bound up, so that the range still holds the input's.
 */
Datum
estimate_round(PG_FUNCTION_ARGS)
{
	int32		places = PG_GETARG_INT32(1);
	EstimateValue *r = palloc(sizeof(EstimateValue));
	CsStatus	st = est_round(r, PG_GETARG_ESTIMATE_P(0), places);

	if (st == CS_ERR_INVALID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("places must be between %d and %d", -EST_MAX_PLACES, EST_MAX_PLACES),
				 errdetail("No double has digits beyond those places; %d were asked for.", places)));
	if (st != CS_OK)
		cs_raise_in(st, "estimate", NULL);
	PG_RETURN_ESTIMATE_P(r);
}

/* round(x::numeric, places), x turned into numeric by cast */
static Datum
round_as_numeric(PGFunction cast, Datum x, Datum places)
{
	return DirectFunctionCall2(numeric_round, DirectFunctionCall1(cast, x), places);
}

PG_FUNCTION_INFO_V1(cs_round_int4);
/* round(integer, places): round(x::numeric, places), as without the extension */
Datum
cs_round_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(round_as_numeric(int4_numeric, PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

PG_FUNCTION_INFO_V1(cs_round_int8);
/* round(bigint, places): round(x::numeric, places), as without the extension */
Datum
cs_round_int8(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(round_as_numeric(int8_numeric, PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

PG_FUNCTION_INFO_V1(cs_round_float8);
/* round(float8, places): round(x::numeric, places), not an estimate */
Datum
cs_round_float8(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(round_as_numeric(float8_numeric, PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

PG_FUNCTION_INFO_V1(estimate_within);
/*
 * within(a, b, tolerance): can both figures be true when "about X" is read
 * as X +- tolerance |X|?
 */
Datum
estimate_within(PG_FUNCTION_ARGS)
{
	double		tolerance = PG_GETARG_FLOAT8(2);

	if (!(tolerance >= 0) || !isfinite(tolerance))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("tolerance must be a finite number of zero or more"),
				 errdetail("The tolerance is a share of an approximate figure, such as 0.1 for 10%%.")));
	PG_RETURN_BOOL(est_within(PG_GETARG_ESTIMATE_P(0), PG_GETARG_ESTIMATE_P(1), tolerance));
}

/* ---------- casts ---------- */

PG_FUNCTION_INFO_V1(int4_to_estimate);
/* int4 -> estimate (exact) */
Datum
int4_to_estimate(PG_FUNCTION_ARGS)
{
	PG_RETURN_ESTIMATE_P(estimate_from_double((double) PG_GETARG_INT32(0)));
}

PG_FUNCTION_INFO_V1(int8_to_estimate);
/* int8 -> estimate (exact up to 2^53, else the nearest double) */
Datum
int8_to_estimate(PG_FUNCTION_ARGS)
{
	PG_RETURN_ESTIMATE_P(estimate_from_double((double) PG_GETARG_INT64(0)));
}

PG_FUNCTION_INFO_V1(numeric_to_estimate);
/* numeric -> estimate (the nearest double; 22003 when out of range) */
Datum
numeric_to_estimate(PG_FUNCTION_ARGS)
{
	/* the no-overflow variant gives an infinity we report ourselves */
	Datum		d = DirectFunctionCall1(numeric_float8_no_overflow, PG_GETARG_DATUM(0));

	PG_RETURN_ESTIMATE_P(estimate_from_double(DatumGetFloat8(d)));
}

PG_FUNCTION_INFO_V1(estimate_to_float8);
/* estimate -> float8: the best value */
Datum
estimate_to_float8(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(PG_GETARG_ESTIMATE_P(0)->best);
}

/* Make the numeric with the shortest decimal that reads back to d. */
static Datum
double_to_numeric(double d)
{
	char		buf[CS_DOUBLE_BUFLEN];

	if (isnan(d))
		strcpy(buf, "NaN");
	else if (isinf(d))
		strcpy(buf, d > 0 ? "Infinity" : "-Infinity");
	else
		cs_format_double(d, buf);
	return DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

PG_FUNCTION_INFO_V1(float8_to_numeric_exact);
/* to_numeric(float8): the shortest exact decimal of a double. */
Datum
float8_to_numeric_exact(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(double_to_numeric(PG_GETARG_FLOAT8(0)));
}

PG_FUNCTION_INFO_V1(estimate_to_numeric);
/* estimate -> numeric: the best value as the shortest exact decimal. */
Datum
estimate_to_numeric(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(double_to_numeric(PG_GETARG_ESTIMATE_P(0)->best));
}

PG_FUNCTION_INFO_V1(estimate_to_numrange);
/* estimate -> numrange: its stated range; unbounded sides stay unbounded. */
Datum
estimate_to_numrange(PG_FUNCTION_ARGS)
{
	EstimateValue *v = PG_GETARG_ESTIMATE_P(0);
	TypeCacheEntry *typcache = lookup_type_cache(NUMRANGEOID, TYPECACHE_RANGE_INFO);
	RangeBound	lower,
				upper;

	lower.infinite = !(v->flags & EST_HAS_LOW);
	lower.val = lower.infinite ? (Datum) 0 : double_to_numeric(v->low);
	lower.inclusive = (v->flags & EST_LOW_INC) != 0;
	lower.lower = true;
	upper.infinite = !(v->flags & EST_HAS_HIGH);
	upper.val = upper.infinite ? (Datum) 0 : double_to_numeric(v->high);
	upper.inclusive = (v->flags & EST_HIGH_INC) != 0;
	upper.lower = false;
#if PG_VERSION_NUM >= 160000
	PG_RETURN_RANGE_P(make_range(typcache, &lower, &upper, false, NULL));
#else
	PG_RETURN_RANGE_P(make_range(typcache, &lower, &upper, false));
#endif
}
