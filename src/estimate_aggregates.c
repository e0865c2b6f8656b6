/*
 * estimate_aggregates.c
 *		SQL glue of the estimate's aggregates: sum, min and max over an
 *		estimate state; avg, consensus and envelope over a float8[] state.
 *
 * The states' arithmetic lives in the plain-C estimate family
 * (estimate_acc.c); this file reads and writes the states and maps the
 * outcomes to SQLSTATEs.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"

#include "estimate_core.h"
#include "glue.h"

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
	EstimateValue *r = (EstimateValue *) cs_state_for_update(fcinfo, sizeof(EstimateValue));
	CsStatus	st = est_add(r, r, PG_GETARG_ESTIMATE_P(1));

	if (st != CS_OK)
		cs_raise_in(st, "estimate", NULL);
	PG_RETURN_ESTIMATE_P(r);
}

/*
 * Keep the smaller (sign < 0) or larger (sign > 0) of state and value: the
 * transition and combine of min(estimate) and max(estimate).
 */
static pg_attribute_always_inline Datum
estimate_pick(FunctionCallInfo fcinfo, int sign)
{
	EstimateValue *state = (EstimateValue *) cs_state_for_update(fcinfo, sizeof(EstimateValue));
	EstimateValue *v = PG_GETARG_ESTIMATE_P(1);
	int			c = est_compare(v, state);

	if ((sign < 0 && c < 0) || (sign > 0 && c > 0))
		memcpy(state, v, sizeof(EstimateValue));
	PG_RETURN_ESTIMATE_P(state);
}

CS_ENTRY(estimate_smaller, estimate_pick, -1);
CS_ENTRY(estimate_larger, estimate_pick, 1);

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
		cs_raise_in(CS_ERR_INVALID, "estimate state", detail);
}

/* Write the slots of *s back into the state array they came from. */
static void
acc_store(ArrayType *a, const EstAcc *s)
{
	memcpy(acc_slots(a), s, ARR_DIMS(a)[0] * sizeof(double));
}

/* the ways of adding to a state */
typedef enum AccKind
{
	ACC_AVG, ACC_CONSENSUS, ACC_ENVELOPE
} AccKind;

/*
 * Add the estimate (rows) or the state (combine) in argument 1 to argument
 * 0: the transition and combine functions of avg, consensus and envelope.
 */
static pg_attribute_always_inline Datum
acc_add(FunctionCallInfo fcinfo, AccKind kind, bool combine)
{
	ArrayType  *a = (ArrayType *) cs_state_for_update(fcinfo, CS_VARLENA_STATE);
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
		cs_raise_in(st, "estimate", NULL);
	acc_store(a, &s);
	PG_RETURN_ARRAYTYPE_P(a);
}

CS_ENTRY(estimate_avg_accum, acc_add, ACC_AVG, false);
CS_ENTRY(estimate_avg_combine, acc_add, ACC_AVG, true);
CS_ENTRY(estimate_consensus_accum, acc_add, ACC_CONSENSUS, false);
CS_ENTRY(estimate_consensus_combine, acc_add, ACC_CONSENSUS, true);
CS_ENTRY(estimate_envelope_accum, acc_add, ACC_ENVELOPE, false);
CS_ENTRY(estimate_envelope_combine, acc_add, ACC_ENVELOPE, true);

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
		cs_raise_in(st, "estimate", NULL);
	PG_RETURN_ESTIMATE_P(r);
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
		cs_raise_in(st, "estimate state", "The state's range is empty or its bounds are out of order.");
	if (st != CS_OK)
		cs_raise_in(st, "estimate", NULL);
	PG_RETURN_ESTIMATE_P(r);
}
