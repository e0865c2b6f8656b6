/*
 * gain.c
 *		Losses against gains: SQL glue of the cost_per_gain and elasticity
 *		aggregates and of their partial-state types cost_per_gain_state and
 *		elasticity_state.
 *
 * The states are small fixed-size types rather than internal, so both
 * aggregates run in parallel plans and in distributed aggregation that ships
 * partial states as text; their text forms read back bit for bit.  Inside an
 * aggregate the state is updated in place.  The layouts, forms and math
 * live in gain_core.c (plain C).
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "gain_core.h"
#include "glue.h"

StaticAssertDecl(sizeof(CostGainValue) == 56, "cost_per_gain_state layout changed");
StaticAssertDecl(sizeof(ElasticityValue) == 48, "elasticity_state layout changed");

PG_FUNCTION_INFO_V1(cost_per_gain_trans);
PG_FUNCTION_INFO_V1(cost_per_gain_combine);
PG_FUNCTION_INFO_V1(cost_per_gain_final);
PG_FUNCTION_INFO_V1(elasticity_trans);
PG_FUNCTION_INFO_V1(elasticity_combine);
PG_FUNCTION_INFO_V1(elasticity_final);

/*
 * Give the state argument to update: in place inside an aggregate, a fresh
 * one when it is NULL (in the per-call context: the executor copies it into
 * its own), a copy when called directly.
 */
static inline void *
state_for_update(FunctionCallInfo fcinfo, Size size, void (*init) (void *))
{
	void	   *s;

	if (PG_ARGISNULL(0))
	{
		s = palloc(size);
		init(s);
		return s;
	}
	return cs_state_for_update(fcinfo, 0, size);
}

/* Make an empty cost_per_gain state (for state_for_update). */
static void
cpg_init_any(void *s)
{
	cpg_init((CostGainValue *) s);
}

/* Make an empty elasticity state (for state_for_update). */
static void
elas_init_any(void *s)
{
	elas_init((ElasticityValue *) s);
}

/* Return the other argument when one side of a combine is NULL. */
#define COMBINE_NULLS() \
	do { \
		if (PG_ARGISNULL(1)) \
		{ \
			if (PG_ARGISNULL(0)) \
				PG_RETURN_NULL(); \
			PG_RETURN_DATUM(PG_GETARG_DATUM(0)); \
		} \
		if (PG_ARGISNULL(0)) \
			PG_RETURN_DATUM(PG_GETARG_DATUM(1)); /* the executor copies it */ \
	} while (0)

/* ---------------------------------------------------------------------
 * cost_per_gain
 * --------------------------------------------------------------------- */

/*
 * Transition of cost_per_gain(losses, gained): each column's NULLs are
 * skipped on their own, as sum(losses) / sum(gained) would.
 */
Datum
cost_per_gain_trans(PG_FUNCTION_ARGS)
{
	CostGainValue *s;
	bool		has_l = !PG_ARGISNULL(1);
	bool		has_g = !PG_ARGISNULL(2);
	double		losses = has_l ? PG_GETARG_FLOAT8(1) : 0;
	double		gained = has_g ? PG_GETARG_FLOAT8(2) : 0;

	if (!has_l && !has_g)
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (has_l)
		cs_check_finite(losses, "cost_per_gain", "losses");
	if (has_g)
		cs_check_finite(gained, "cost_per_gain", "gained");
	s = (CostGainValue *) state_for_update(fcinfo, sizeof(CostGainValue), cpg_init_any);
	if (cpg_add(s, has_l, losses, has_g, gained) != CS_OK)
		float_overflow_error();
	PG_RETURN_POINTER(s);
}

/* Combine two cost_per_gain states; a NULL side gives the other. */
Datum
cost_per_gain_combine(PG_FUNCTION_ARGS)
{
	CostGainValue *a;

	COMBINE_NULLS();
	a = (CostGainValue *) cs_state_for_update(fcinfo, 0, sizeof(CostGainValue));
	if (cpg_merge(a, (CostGainValue *) PG_GETARG_POINTER(1)) != CS_OK)
		float_overflow_error();
	PG_RETURN_POINTER(a);
}

/* Give sum(losses) / sum(gained); NULL when nothing was gained. */
Datum
cost_per_gain_final(PG_FUNCTION_ARGS)
{
	double		r = 0;
	CsStatus	st = cpg_final((CostGainValue *) PG_GETARG_POINTER(0), &r);

	if (st == CS_ERR_RANGE && r == 0.0)
		float_underflow_error();
	CS_RETURN_FLOAT8(st, r);
}

/* cost_per_gain_state_in, _out, _recv and _send, over the descriptor */
CS_FIXED_IO(cost_per_gain_state, cpg_desc);

/* ---------------------------------------------------------------------
 * elasticity
 * --------------------------------------------------------------------- */

/*
 * Transition of elasticity(losses, gained): rows where both are positive
 * add (ln gained, ln losses) to a least-squares fit.
 */
Datum
elasticity_trans(PG_FUNCTION_ARGS)
{
	ElasticityValue *s;
	double		losses,
				gained;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		goto skip;
	losses = PG_GETARG_FLOAT8(1);
	gained = PG_GETARG_FLOAT8(2);
	cs_check_finite(losses, "elasticity", "losses");
	cs_check_finite(gained, "elasticity", "gained");
	if (!(losses > 0 && gained > 0))
		goto skip;
	s = (ElasticityValue *) state_for_update(fcinfo, sizeof(ElasticityValue), elas_init_any);
	elas_add(s, losses, gained);
	PG_RETURN_POINTER(s);

skip:
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

/* Combine two elasticity states; a NULL side gives the other. */
Datum
elasticity_combine(PG_FUNCTION_ARGS)
{
	ElasticityValue *a;

	COMBINE_NULLS();
	a = (ElasticityValue *) cs_state_for_update(fcinfo, 0, sizeof(ElasticityValue));
	elas_merge(a, (ElasticityValue *) PG_GETARG_POINTER(1));
	PG_RETURN_POINTER(a);
}

/* Give the least-squares slope of ln(losses) on ln(gained); NULL without spread. */
Datum
elasticity_final(PG_FUNCTION_ARGS)
{
	double		r = 0;

	CS_RETURN_FLOAT8(elas_final((ElasticityValue *) PG_GETARG_POINTER(0), &r), r);
}

/* elasticity_state_in, _out, _recv and _send, over the descriptor */
CS_FIXED_IO(elasticity_state, elas_desc);
