/*
 * estimate.c
 *		SQL glue of the estimate type: text and binary I/O, constructors,
 *		accessors, arithmetic, casts, btree and hash support, range tests and
 *		the aggregates sum, avg, min, max, consensus and envelope.
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

PG_MODULE_MAGIC;

void		_PG_init(void);

/*
 * Clip text in the database encoding: the cores quote parts of the input in
 * their details, and a detail cut inside a character could not be sent to a
 * client in another encoding.
 */
static size_t
clip_in_database_encoding(const char *s, size_t limit)
{
	int			n = limit > (size_t) INT_MAX ? INT_MAX : (int) limit;

	return (size_t) pg_mbcliplen(s, n, n);
}

/* Set up the library: the cores clip quoted text in the database encoding. */
void
_PG_init(void)
{
	cs_clip_hook = clip_in_database_encoding;
}

StaticAssertDecl(sizeof(EstimateValue) == 32, "estimate layout changed");

#define DatumGetEstimateP(X)		((EstimateValue *) DatumGetPointer(X))
#define PG_GETARG_ESTIMATE_P(n)		DatumGetEstimateP(PG_GETARG_DATUM(n))
#define PG_RETURN_ESTIMATE_P(x)		return PointerGetDatum(x)

/* Raise the error for a failed arithmetic step. */
static void
arith_error(CsStatus st)
{
	switch (st)
	{
		case CS_ERR_DIVZERO:
			ereport(ERROR,
					(errcode(ERRCODE_DIVISION_BY_ZERO),
					 errmsg("division by zero"),
					 errdetail("An estimate cannot be divided by zero.")));
			break;
		case CS_ERR_INVALID:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("estimate arithmetic with NaN is not allowed"),
					 errdetail("An estimate holds finite numbers only.")));
			break;
		case CS_ERR_RANGE:
		default:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("estimate out of range"),
					 errdetail("The result is not a finite double precision number.")));
	}
}

/* Make a palloc'd estimate from parts; 22003 for infinities, 22023 otherwise. */
static EstimateValue *
estimate_from_parts(double best, bool has_low, double low, bool low_inc,
					bool has_high, double high, bool high_inc)
{
	EstimateValue *r = palloc(sizeof(EstimateValue));
	const char *detail = NULL;
	CsStatus	st;

	st = est_make(r, best, has_low, low, low_inc, has_high, high, high_inc, &detail);
	if (st == CS_ERR_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("estimate out of range"),
				 errdetail("%s", detail)));
	if (st != CS_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid estimate"),
				 errdetail("%s", detail)));
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
		arith_error(st);
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

/* ---------- arithmetic ---------- */

PG_FUNCTION_INFO_V1(estimate_pl);
/* estimate + estimate */
Datum
estimate_pl(PG_FUNCTION_ARGS)
{
	EstimateValue *r = palloc(sizeof(EstimateValue));
	CsStatus	st = est_add(r, PG_GETARG_ESTIMATE_P(0), PG_GETARG_ESTIMATE_P(1));

	if (st != CS_OK)
		arith_error(st);
	PG_RETURN_ESTIMATE_P(r);
}

PG_FUNCTION_INFO_V1(estimate_mi);
/* estimate - estimate */
Datum
estimate_mi(PG_FUNCTION_ARGS)
{
	EstimateValue *r = palloc(sizeof(EstimateValue));
	CsStatus	st = est_sub(r, PG_GETARG_ESTIMATE_P(0), PG_GETARG_ESTIMATE_P(1));

	if (st != CS_OK)
		arith_error(st);
	PG_RETURN_ESTIMATE_P(r);
}

PG_FUNCTION_INFO_V1(estimate_um);
/* -estimate */
Datum
estimate_um(PG_FUNCTION_ARGS)
{
	EstimateValue *r = palloc(sizeof(EstimateValue));

	est_neg(r, PG_GETARG_ESTIMATE_P(0));
	PG_RETURN_ESTIMATE_P(r);
}

PG_FUNCTION_INFO_V1(estimate_mul);
/* estimate * float8 */
Datum
estimate_mul(PG_FUNCTION_ARGS)
{
	EstimateValue *r = palloc(sizeof(EstimateValue));
	CsStatus	st = est_mul(r, PG_GETARG_ESTIMATE_P(0), PG_GETARG_FLOAT8(1));

	if (st != CS_OK)
		arith_error(st);
	PG_RETURN_ESTIMATE_P(r);
}

PG_FUNCTION_INFO_V1(float8_mul_estimate);
/* float8 * estimate */
Datum
float8_mul_estimate(PG_FUNCTION_ARGS)
{
	EstimateValue *r = palloc(sizeof(EstimateValue));
	CsStatus	st = est_mul(r, PG_GETARG_ESTIMATE_P(1), PG_GETARG_FLOAT8(0));

	if (st != CS_OK)
		arith_error(st);
	PG_RETURN_ESTIMATE_P(r);
}

PG_FUNCTION_INFO_V1(estimate_div);
/* estimate / float8 */
Datum
estimate_div(PG_FUNCTION_ARGS)
{
	EstimateValue *r = palloc(sizeof(EstimateValue));
	CsStatus	st = est_div(r, PG_GETARG_ESTIMATE_P(0), PG_GETARG_FLOAT8(1));

	if (st != CS_OK)
		arith_error(st);
	PG_RETURN_ESTIMATE_P(r);
}

PG_FUNCTION_INFO_V1(estimate_mul_estimate);
/* estimate * estimate: interval multiplication */
Datum
estimate_mul_estimate(PG_FUNCTION_ARGS)
{
	EstimateValue *r = palloc(sizeof(EstimateValue));
	CsStatus	st = est_mul_est(r, PG_GETARG_ESTIMATE_P(0), PG_GETARG_ESTIMATE_P(1));

	if (st != CS_OK)
		arith_error(st);
	PG_RETURN_ESTIMATE_P(r);
}

PG_FUNCTION_INFO_V1(estimate_div_estimate);
/* estimate / estimate: interval division */
Datum
estimate_div_estimate(PG_FUNCTION_ARGS)
{
	EstimateValue *r = palloc(sizeof(EstimateValue));
	CsStatus	st = est_div_est(r, PG_GETARG_ESTIMATE_P(0), PG_GETARG_ESTIMATE_P(1));

	if (st == CS_ERR_DIVZERO)
		ereport(ERROR,
				(errcode(ERRCODE_DIVISION_BY_ZERO),
				 errmsg("division by zero"),
				 errdetail("The divisor's best value is 0.")));
	if (st != CS_OK)
		arith_error(st);
	PG_RETURN_ESTIMATE_P(r);
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

/* ---------- comparison, hashing, range tests ---------- */

PG_FUNCTION_INFO_V1(estimate_cmp);
/* btree support: -1, 0 or 1 */
Datum
estimate_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(est_compare(PG_GETARG_ESTIMATE_P(0), PG_GETARG_ESTIMATE_P(1)));
}

#define ESTIMATE_CMP_FN(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(est_compare(PG_GETARG_ESTIMATE_P(0), PG_GETARG_ESTIMATE_P(1)) op 0); \
}

/* the six comparison operators, by the btree order */
ESTIMATE_CMP_FN(estimate_eq, ==)
ESTIMATE_CMP_FN(estimate_ne, !=)
ESTIMATE_CMP_FN(estimate_lt, <)
ESTIMATE_CMP_FN(estimate_le, <=)
ESTIMATE_CMP_FN(estimate_gt, >)
ESTIMATE_CMP_FN(estimate_ge, >=)

/*
 * Values are normalized (unbounded slots zero, no -0), so equal values have
 * equal bytes up to the flags.
 */
#define ESTIMATE_HASHED_BYTES	offsetof(EstimateValue, reserved)

PG_FUNCTION_INFO_V1(estimate_hash);
/* hash support */
Datum
estimate_hash(PG_FUNCTION_ARGS)
{
	return hash_any((const unsigned char *) PG_GETARG_ESTIMATE_P(0), ESTIMATE_HASHED_BYTES);
}

PG_FUNCTION_INFO_V1(estimate_hash_extended);
/* extended hash support (hash partitioning) */
Datum
estimate_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_any_extended((const unsigned char *) PG_GETARG_ESTIMATE_P(0),
							 ESTIMATE_HASHED_BYTES, PG_GETARG_INT64(1));
}

PG_FUNCTION_INFO_V1(estimate_contains);
/* estimate @> float8 */
Datum
estimate_contains(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(est_contains(PG_GETARG_ESTIMATE_P(0), PG_GETARG_FLOAT8(1)));
}

PG_FUNCTION_INFO_V1(estimate_contained);
/* float8 <@ estimate */
Datum
estimate_contained(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(est_contains(PG_GETARG_ESTIMATE_P(1), PG_GETARG_FLOAT8(0)));
}

PG_FUNCTION_INFO_V1(estimate_overlaps);
/* estimate && estimate */
Datum
estimate_overlaps(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(est_overlaps(PG_GETARG_ESTIMATE_P(0), PG_GETARG_ESTIMATE_P(1)));
}

/* ---------- aggregates with an estimate state: sum, min, max ---------- */

PG_FUNCTION_INFO_V1(estimate_sum_accum);
/*
 * sum(estimate) transition and combine: the interval sum, updated in place
 * when called as an aggregate (the state then lives in the aggregate's
 * memory; the strict first row was copied there by the executor).
 */
Datum
estimate_sum_accum(PG_FUNCTION_ARGS)
{
	EstimateValue *state = PG_GETARG_ESTIMATE_P(0);
	EstimateValue *r = AggCheckCallContext(fcinfo, NULL) ? state : palloc(sizeof(EstimateValue));
	CsStatus	st = est_add(r, state, PG_GETARG_ESTIMATE_P(1));

	if (st != CS_OK)
		arith_error(st);
	PG_RETURN_ESTIMATE_P(r);
}

/* Keep the smaller (sign < 0) or larger (sign > 0) of state and value. */
static Datum
estimate_pick(FunctionCallInfo fcinfo, int sign)
{
	EstimateValue *state = PG_GETARG_ESTIMATE_P(0);
	EstimateValue *v = PG_GETARG_ESTIMATE_P(1);
	int			c = est_compare(v, state);

	if ((sign < 0 && c < 0) || (sign > 0 && c > 0))
	{
		if (!AggCheckCallContext(fcinfo, NULL))
			PG_RETURN_ESTIMATE_P(v);
		memcpy(state, v, sizeof(EstimateValue));
	}
	PG_RETURN_ESTIMATE_P(state);
}

PG_FUNCTION_INFO_V1(estimate_smaller);
/* min(estimate) transition and combine; also callable directly */
Datum
estimate_smaller(PG_FUNCTION_ARGS)
{
	return estimate_pick(fcinfo, -1);
}

PG_FUNCTION_INFO_V1(estimate_larger);
/* max(estimate) transition and combine; also callable directly */
Datum
estimate_larger(PG_FUNCTION_ARGS)
{
	return estimate_pick(fcinfo, 1);
}

/*
 * ---------- avg, consensus, envelope: a float8[] state ----------
 *
 * The state and its arithmetic are the estimate core's EstAcc: 5 slots for
 * avg (and consensus and envelope as 1.0 declares them), 7 for consensus and
 * envelope from 1.1 on, which also keep the best values of the inputs that
 * state a central value.  The slot count comes from the aggregate's initial
 * state, so a database still at 1.0 keeps 1.0's answers.
 */

/* The slots of a state array: with no NULL bitmap, right after the header. */
static inline double *
acc_slots(ArrayType *a)
{
	return (double *) ((char *) a + ARR_OVERHEAD_NONULLS(1));
}

/*
 * Check a state array (5 slots from 1.0, 7 from 1.1: *central) and copy its
 * slots into *s (the slots it lacks are zero).
 */
static void
acc_state(ArrayType *a, EstAcc *s, bool *central)
{
	const char *detail;
	int			n;

	if (ARR_NDIM(a) != 1 || ARR_HASNULL(a) || ARR_ELEMTYPE(a) != FLOAT8OID ||
		(ARR_DIMS(a)[0] != EST_ACC_SLOTS_1_0 && ARR_DIMS(a)[0] != EST_ACC_SLOTS))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid estimate aggregate state"),
				 errdetail("The state must be a float8 array of %d or %d elements without NULLs.",
						   EST_ACC_SLOTS_1_0, EST_ACC_SLOTS)));
	n = ARR_DIMS(a)[0];
	*central = n == EST_ACC_SLOTS;
	memset(s, 0, sizeof(*s));
	memcpy(s, acc_slots(a), n * sizeof(double));
	if (est_acc_check(s, *central, &detail) != CS_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid estimate aggregate state"),
				 errdetail("%s", detail)));
}

/* Write the slots of *s back into the state array they came from. */
static void
acc_store(ArrayType *a, const EstAcc *s)
{
	memcpy(acc_slots(a), s, ARR_DIMS(a)[0] * sizeof(double));
}

/* Give the state array to update: in place in an aggregate, else a copy. */
static ArrayType *
acc_writable(FunctionCallInfo fcinfo, int argno)
{
	if (AggCheckCallContext(fcinfo, NULL))
		return PG_GETARG_ARRAYTYPE_P(argno);
	return PG_GETARG_ARRAYTYPE_P_COPY(argno);
}

/* the ways of adding to a state */
typedef enum AccKind
{
	ACC_AVG, ACC_CONSENSUS, ACC_ENVELOPE
} AccKind;

/* Add the estimate (rows) or the state (combine) in argument 1 to argument 0. */
static Datum
acc_add(FunctionCallInfo fcinfo, AccKind kind, bool combine)
{
	ArrayType  *a = acc_writable(fcinfo, 0);
	bool		central,
				tcentral;
	EstAcc		s,
				t;
	CsStatus	st;

	acc_state(a, &s, &central);
	if (combine)
	{
		acc_state(PG_GETARG_ARRAYTYPE_P(1), &t, &tcentral);
		if (tcentral != central)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid estimate aggregate state"),
					 errdetail("The states hold %d and %d values; states combined must come from the same version of the aggregate.",
							   ARR_DIMS(a)[0], central ? EST_ACC_SLOTS_1_0 : EST_ACC_SLOTS)));
	}
	else
		est_acc_of(PG_GETARG_ESTIMATE_P(1), &t);
	if (kind == ACC_AVG)
		st = est_acc_avg_add(&s, &t);
	else if (kind == ACC_CONSENSUS)
		st = est_acc_consensus_add(&s, &t, central);
	else
		st = est_acc_envelope_add(&s, &t, central);
	if (st != CS_OK)
		arith_error(st);
	acc_store(a, &s);
	PG_RETURN_ARRAYTYPE_P(a);
}

PG_FUNCTION_INFO_V1(estimate_avg_accum);
/* avg(estimate) transition */
Datum
estimate_avg_accum(PG_FUNCTION_ARGS)
{
	return acc_add(fcinfo, ACC_AVG, false);
}

PG_FUNCTION_INFO_V1(estimate_avg_combine);
/* avg(estimate) combine */
Datum
estimate_avg_combine(PG_FUNCTION_ARGS)
{
	return acc_add(fcinfo, ACC_AVG, true);
}

PG_FUNCTION_INFO_V1(estimate_avg_final);
/* avg(estimate) final: the interval sum divided by the count */
Datum
estimate_avg_final(PG_FUNCTION_ARGS)
{
	bool		central;
	EstAcc		s;
	EstimateValue *r = palloc(sizeof(EstimateValue));
	CsStatus	st;

	acc_state(PG_GETARG_ARRAYTYPE_P(0), &s, &central);
	st = est_acc_avg_final(&s, r);

	if (st == CS_NONE)
		PG_RETURN_NULL();
	if (st != CS_OK)
		arith_error(st);
	PG_RETURN_ESTIMATE_P(r);
}

PG_FUNCTION_INFO_V1(estimate_consensus_accum);
/* consensus(estimate) transition */
Datum
estimate_consensus_accum(PG_FUNCTION_ARGS)
{
	return acc_add(fcinfo, ACC_CONSENSUS, false);
}

PG_FUNCTION_INFO_V1(estimate_consensus_combine);
/* consensus(estimate) combine */
Datum
estimate_consensus_combine(PG_FUNCTION_ARGS)
{
	return acc_add(fcinfo, ACC_CONSENSUS, true);
}

PG_FUNCTION_INFO_V1(estimate_envelope_accum);
/* envelope(estimate) transition */
Datum
estimate_envelope_accum(PG_FUNCTION_ARGS)
{
	return acc_add(fcinfo, ACC_ENVELOPE, false);
}

PG_FUNCTION_INFO_V1(estimate_envelope_combine);
/* envelope(estimate) combine */
Datum
estimate_envelope_combine(PG_FUNCTION_ARGS)
{
	return acc_add(fcinfo, ACC_ENVELOPE, true);
}

PG_FUNCTION_INFO_V1(estimate_range_final);
/*
 * consensus and envelope final: the gathered range with the mean of the best
 * values of the inputs that state a central value (of all inputs when none
 * does, or in a 1.0 state) clamped into it; NULL for no rows or
 * contradicting inputs.
 */
Datum
estimate_range_final(PG_FUNCTION_ARGS)
{
	bool		central;
	EstAcc		s;
	EstimateValue *r = palloc(sizeof(EstimateValue));
	CsStatus	st;

	acc_state(PG_GETARG_ARRAYTYPE_P(0), &s, &central);
	st = est_acc_range_final(&s, central, r);
	if (st == CS_NONE)
		PG_RETURN_NULL();
	if (st == CS_ERR_INVALID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid estimate aggregate state"),
				 errdetail("The state's range is empty or its bounds are out of order.")));
	if (st != CS_OK)
		arith_error(st);
	PG_RETURN_ESTIMATE_P(r);
}
