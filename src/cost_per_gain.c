/*
 * cost_per_gain.c
 *		Losses against gains: SQL glue of the cost_per_gain aggregate and of
 *		its sibling elasticity, and of their partial-state types
 *		cost_per_gain_state and elasticity_state.
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
		return cs_skip_row(fcinfo);
	if (has_l)
		cs_check_finite(losses, "cost_per_gain", "losses");
	if (has_g)
		cs_check_finite(gained, "cost_per_gain", "gained");
	s = (CostGainValue *) cs_state_for_update(fcinfo, sizeof(CostGainValue));
	if (s == NULL)
		cpg_init(s = (CostGainValue *) palloc(sizeof(CostGainValue)));
	if (cpg_add(s, has_l, losses, has_g, gained) != CS_OK)
		cs_raise_in(CS_ERR_RANGE, "sum", NULL);
	PG_RETURN_POINTER(s);
}

/* Combine two cost_per_gain states; a NULL side gives the other. */
Datum
cost_per_gain_combine(PG_FUNCTION_ARGS)
{
	CostGainValue *a;

	CS_COMBINE_NULL_SIDES();
	a = (CostGainValue *) cs_state_for_update(fcinfo, sizeof(CostGainValue));
	if (cpg_merge(a, (CostGainValue *) PG_GETARG_POINTER(1)) != CS_OK)
		cs_raise_in(CS_ERR_RANGE, "sum", NULL);
	PG_RETURN_POINTER(a);
}

/* Give sum(losses) / sum(gained); NULL when nothing was gained. */
Datum
cost_per_gain_final(PG_FUNCTION_ARGS)
{
	double		r = 0;
	CsStatus	st = cpg_final((CostGainValue *) PG_GETARG_POINTER(0), &r);

	if (st == CS_ERR_RANGE && r == 0.0)
		cs_raise_in(st, "underflow", NULL);
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

	if (cs_row_is_null(fcinfo))
		return cs_skip_row(fcinfo);
	losses = PG_GETARG_FLOAT8(1);
	gained = PG_GETARG_FLOAT8(2);
	cs_check_finite(losses, "elasticity", "losses");
	cs_check_finite(gained, "elasticity", "gained");
	if (!(losses > 0 && gained > 0))
		return cs_skip_row(fcinfo);
	s = (ElasticityValue *) cs_state_for_update(fcinfo, sizeof(ElasticityValue));
	if (s == NULL)
		elas_init(s = (ElasticityValue *) palloc(sizeof(ElasticityValue)));
	elas_add(s, losses, gained);
	PG_RETURN_POINTER(s);
}

/* Combine two elasticity states; a NULL side gives the other. */
Datum
elasticity_combine(PG_FUNCTION_ARGS)
{
	ElasticityValue *a;

	CS_COMBINE_NULL_SIDES();
	a = (ElasticityValue *) cs_state_for_update(fcinfo, sizeof(ElasticityValue));
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
