/*
 * estimate_operators.c
 *		SQL glue of the estimate's operators: arithmetic (interval
 *		arithmetic over the stated ranges), comparison and the btree and
 *		hash support, and the range tests @>, <@ and &&.
 *
 * The rules live in the plain-C estimate family (estimate_math.c); this
 * file maps their outcomes to SQLSTATEs.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"

#include "estimate_core.h"
#include "glue.h"

/* ---------- arithmetic ---------- */

PG_FUNCTION_INFO_V1(estimate_pl);
/* estimate + estimate */
Datum
estimate_pl(PG_FUNCTION_ARGS)
{
	EstimateValue *r = palloc(sizeof(EstimateValue));
	CsStatus	st = est_add(r, PG_GETARG_ESTIMATE_P(0), PG_GETARG_ESTIMATE_P(1));

	if (st != CS_OK)
		cs_raise_in(st, "estimate", NULL);
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
		cs_raise_in(st, "estimate", NULL);
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
		cs_raise_in(st, "estimate", NULL);
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
		cs_raise_in(st, "estimate", NULL);
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
		cs_raise_in(st, "estimate", NULL);
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
		cs_raise_in(st, "estimate", NULL);
	PG_RETURN_ESTIMATE_P(r);
}

PG_FUNCTION_INFO_V1(estimate_div_estimate);
/* estimate / estimate: interval division */
Datum
estimate_div_estimate(PG_FUNCTION_ARGS)
{
	EstimateValue *r = palloc(sizeof(EstimateValue));
	CsStatus	st = est_div_est(r, PG_GETARG_ESTIMATE_P(0), PG_GETARG_ESTIMATE_P(1));

	if (st != CS_OK)
		cs_raise_in(st, st == CS_ERR_DIVZERO ? "estimate / estimate" : "estimate", NULL);
	PG_RETURN_ESTIMATE_P(r);
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
