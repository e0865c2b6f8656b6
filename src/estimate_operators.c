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

/*
 * Give op(a, b) of the estimates in arguments 0 and 1 (interval arithmetic);
 * a division by zero is told in the words of divzero_context.
 */
static pg_attribute_always_inline Datum
estimate_binary(FunctionCallInfo fcinfo,
				CsStatus (*op) (EstimateValue *r, const EstimateValue *a, const EstimateValue *b),
				const char *divzero_context)
{
	EstimateValue *r = palloc(sizeof(EstimateValue));
	CsStatus	st = op(r, PG_GETARG_ESTIMATE_P(0), PG_GETARG_ESTIMATE_P(1));

	if (st != CS_OK)
		cs_raise_in(st, st == CS_ERR_DIVZERO ? divzero_context : "estimate", NULL);
	PG_RETURN_ESTIMATE_P(r);
}

/* estimate + estimate, estimate - estimate, estimate * estimate, estimate / estimate */
CS_ENTRY(estimate_pl, estimate_binary, est_add, "estimate");
CS_ENTRY(estimate_mi, estimate_binary, est_sub, "estimate");
CS_ENTRY(estimate_mul_estimate, estimate_binary, est_mul_est, "estimate");
CS_ENTRY(estimate_div_estimate, estimate_binary, est_div_est, "estimate / estimate");

/* Give op(e, k) of the estimate in argument earg and the float8 in the other. */
static pg_attribute_always_inline Datum
estimate_scale(FunctionCallInfo fcinfo,
			   CsStatus (*op) (EstimateValue *r, const EstimateValue *a, double k),
			   int earg)
{
	EstimateValue *r = palloc(sizeof(EstimateValue));
	CsStatus	st = op(r, PG_GETARG_ESTIMATE_P(earg), PG_GETARG_FLOAT8(1 - earg));

	if (st != CS_OK)
		cs_raise_in(st, "estimate", NULL);
	PG_RETURN_ESTIMATE_P(r);
}

/* estimate * float8, float8 * estimate, estimate / float8 */
CS_ENTRY(estimate_mul, estimate_scale, est_mul, 0);
CS_ENTRY(float8_mul_estimate, estimate_scale, est_mul, 1);
CS_ENTRY(estimate_div, estimate_scale, est_div, 0);

PG_FUNCTION_INFO_V1(estimate_um);
/* -estimate */
Datum
estimate_um(PG_FUNCTION_ARGS)
{
	EstimateValue *r = palloc(sizeof(EstimateValue));

	est_neg(r, PG_GETARG_ESTIMATE_P(0));
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
