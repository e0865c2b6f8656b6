/*
 * gain.c
 *		Losses against gains: the cost_per_gain and elasticity aggregates,
 *		and their partial-state types cost_per_gain_state and
 *		elasticity_state.
 *
 * The states are small fixed-size types rather than internal, so both
 * aggregates run in parallel plans and in distributed aggregation that ships
 * partial states as text; their text forms read back bit for bit (see
 * cumulative_parse.c).  Inside an aggregate the state is updated in place.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "cumulative_parse.h"

StaticAssertDecl(sizeof(CostGainValue) == 56, "cost_per_gain_state layout changed");
StaticAssertDecl(sizeof(ElasticityValue) == 48, "elasticity_state layout changed");

#if PG_VERSION_NUM >= 160000
#define INPUT_ERROR(fcinfo, rest)	ereturn((fcinfo)->context, (Datum) 0, rest)
#else
#define INPUT_ERROR(fcinfo, rest)	do { ereport(ERROR, rest); return (Datum) 0; } while (0)
#endif

PG_FUNCTION_INFO_V1(cost_per_gain_state_in);
PG_FUNCTION_INFO_V1(cost_per_gain_state_out);
PG_FUNCTION_INFO_V1(cost_per_gain_state_recv);
PG_FUNCTION_INFO_V1(cost_per_gain_state_send);
PG_FUNCTION_INFO_V1(cost_per_gain_trans);
PG_FUNCTION_INFO_V1(cost_per_gain_combine);
PG_FUNCTION_INFO_V1(cost_per_gain_final);
PG_FUNCTION_INFO_V1(elasticity_state_in);
PG_FUNCTION_INFO_V1(elasticity_state_out);
PG_FUNCTION_INFO_V1(elasticity_state_recv);
PG_FUNCTION_INFO_V1(elasticity_state_send);
PG_FUNCTION_INFO_V1(elasticity_trans);
PG_FUNCTION_INFO_V1(elasticity_combine);
PG_FUNCTION_INFO_V1(elasticity_final);

/* Reject a NaN or infinite argument of the aggregate agg. */
static inline void
check_finite(double x, const char *agg, const char *what)
{
	if (unlikely(!isfinite(x)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %s must be a finite number", agg, what),
				 errdetail("The value is %s.", isnan(x) ? "NaN" : "infinite")));
}

/*
 * Give the state argument to update: in place inside an aggregate, a fresh
 * zeroed one when it is NULL (in the per-call context: the executor copies
 * it into its own), a copy when called directly.
 */
static inline void *
state_for_update(FunctionCallInfo fcinfo, Size size)
{
	void	   *s;

	if (PG_ARGISNULL(0))
		return palloc0(size);
	s = PG_GETARG_POINTER(0);
	if (!AggCheckCallContext(fcinfo, NULL))
	{
		void	   *copy = palloc(size);

		memcpy(copy, s, size);
		s = copy;
	}
	return s;
}

/* ---------------------------------------------------------------------
 * cost_per_gain
 * --------------------------------------------------------------------- */

/* Add x to the compensated sum (sum, err) (Kahan-Babuska-Neumaier). */
static inline void
kbn_add(double *sum, double *err, double x)
{
	double		t = *sum + x;

	if (unlikely(isinf(t)))
		float_overflow_error();
	if (fabs(*sum) >= fabs(x))
		*err += (*sum - t) + x;
	else
		*err += (x - t) + *sum;
	*sum = t;
}

/*
 * Transition of cost_per_gain(losses, gained): each column's NULLs are
 * skipped on their own, as sum(losses) / sum(gained) would.
 */
Datum
cost_per_gain_trans(PG_FUNCTION_ARGS)
{
	CostGainValue *s;

	if (PG_ARGISNULL(1) && PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	s = (CostGainValue *) state_for_update(fcinfo, sizeof(CostGainValue));
	s->version = CUM_VERSION;
	if (!PG_ARGISNULL(1))
	{
		double		losses = PG_GETARG_FLOAT8(1);

		check_finite(losses, "cost_per_gain", "losses");
		kbn_add(&s->losses_sum, &s->losses_err, losses);
		s->losses_n++;
	}
	if (!PG_ARGISNULL(2))
	{
		double		gained = PG_GETARG_FLOAT8(2);

		check_finite(gained, "cost_per_gain", "gained");
		kbn_add(&s->gained_sum, &s->gained_err, gained);
		s->gained_n++;
	}
	PG_RETURN_POINTER(s);
}

/* Combine two cost_per_gain states; a NULL side gives the other. */
Datum
cost_per_gain_combine(PG_FUNCTION_ARGS)
{
	CostGainValue *a;
	CostGainValue *b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = (CostGainValue *) PG_GETARG_POINTER(1);
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(b);	/* the executor copies it */
	a = (CostGainValue *) state_for_update(fcinfo, sizeof(CostGainValue));
	kbn_add(&a->losses_sum, &a->losses_err, b->losses_sum);
	a->losses_err += b->losses_err;
	kbn_add(&a->gained_sum, &a->gained_err, b->gained_sum);
	a->gained_err += b->gained_err;
	a->losses_n += b->losses_n;
	a->gained_n += b->gained_n;
	PG_RETURN_POINTER(a);
}

/* Give sum(losses) / sum(gained); NULL when nothing was gained. */
Datum
cost_per_gain_final(PG_FUNCTION_ARGS)
{
	CostGainValue *s = (CostGainValue *) PG_GETARG_POINTER(0);
	double		gained = s->gained_sum + s->gained_err;

	if (s->losses_n == 0 || s->gained_n == 0 || gained == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(float8_div(s->losses_sum + s->losses_err, gained));
}

/* Read the text form of cost_per_gain_state. */
Datum
cost_per_gain_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	CostGainValue *v = (CostGainValue *) palloc(sizeof(CostGainValue));
	char		errbuf[256];
	const char *detail;

	if (!cost_gain_parse(str, v, errbuf, sizeof(errbuf)))
		INPUT_ERROR(fcinfo,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", "cost_per_gain_state", str),
					 errdetail("%s", errbuf)));
	if (!cost_gain_validate(v, &detail))
		INPUT_ERROR(fcinfo,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", "cost_per_gain_state", str),
					 errdetail("%s", detail)));
	PG_RETURN_POINTER(v);
}

/* Write the text form of cost_per_gain_state. */
Datum
cost_per_gain_state_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(CUM_TEXT_BUFLEN);

	cost_gain_format((CostGainValue *) PG_GETARG_POINTER(0), buf);
	PG_RETURN_CSTRING(buf);
}

/* Read the binary form of cost_per_gain_state, checked as the text form is. */
Datum
cost_per_gain_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	CostGainValue *v = (CostGainValue *) palloc0(sizeof(CostGainValue));
	const char *detail;

	v->version = (uint8) pq_getmsgbyte(buf);
	if (v->version != CUM_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type %s", "cost_per_gain_state"),
				 errdetail("The format version %d is unknown.", v->version)));
	v->flags = (uint8) pq_getmsgbyte(buf);
	v->losses_n = pq_getmsgint64(buf);
	v->losses_sum = pq_getmsgfloat8(buf);
	v->losses_err = pq_getmsgfloat8(buf);
	v->gained_n = pq_getmsgint64(buf);
	v->gained_sum = pq_getmsgfloat8(buf);
	v->gained_err = pq_getmsgfloat8(buf);
	if (!cost_gain_validate(v, &detail))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type %s", "cost_per_gain_state"),
				 errdetail("%s", detail)));
	PG_RETURN_POINTER(v);
}

/* Write the binary form of cost_per_gain_state (50 bytes). */
Datum
cost_per_gain_state_send(PG_FUNCTION_ARGS)
{
	CostGainValue *v = (CostGainValue *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, v->version);
	pq_sendbyte(&buf, v->flags);
	pq_sendint64(&buf, v->losses_n);
	pq_sendfloat8(&buf, v->losses_sum);
	pq_sendfloat8(&buf, v->losses_err);
	pq_sendint64(&buf, v->gained_n);
	pq_sendfloat8(&buf, v->gained_sum);
	pq_sendfloat8(&buf, v->gained_err);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------------------------------------------------------------------
 * elasticity
 * --------------------------------------------------------------------- */

/*
 * Transition of elasticity(losses, gained): rows where both are positive
 * add (ln gained, ln losses) to a Welford least-squares fit.
 */
Datum
elasticity_trans(PG_FUNCTION_ARGS)
{
	ElasticityValue *s;
	double		losses,
				gained,
				x,
				y,
				dx,
				n;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		goto skip;
	losses = PG_GETARG_FLOAT8(1);
	gained = PG_GETARG_FLOAT8(2);
	check_finite(losses, "elasticity", "losses");
	check_finite(gained, "elasticity", "gained");
	if (!(losses > 0 && gained > 0))
		goto skip;
	x = log(gained);
	y = log(losses);

	s = (ElasticityValue *) state_for_update(fcinfo, sizeof(ElasticityValue));
	s->version = CUM_VERSION;
	s->n++;
	n = (double) s->n;
	dx = x - s->x_mean;
	s->x_mean += dx / n;
	s->xx += dx * (x - s->x_mean);
	s->xy += dx * (y - s->y_mean) * ((n - 1.0) / n);
	s->y_mean += (y - s->y_mean) / n;
	PG_RETURN_POINTER(s);

skip:
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

/* Combine two elasticity states (Chan et al.); a NULL side gives the other. */
Datum
elasticity_combine(PG_FUNCTION_ARGS)
{
	ElasticityValue *a;
	ElasticityValue *b;
	double		na,
				nb,
				n,
				dx,
				dy;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = (ElasticityValue *) PG_GETARG_POINTER(1);
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(b);	/* the executor copies it */
	a = (ElasticityValue *) state_for_update(fcinfo, sizeof(ElasticityValue));
	na = (double) a->n;
	nb = (double) b->n;
	n = na + nb;
	dx = b->x_mean - a->x_mean;
	dy = b->y_mean - a->y_mean;
	a->xx += b->xx + dx * dx * na * nb / n;
	a->xy += b->xy + dx * dy * na * nb / n;
	a->x_mean += dx * nb / n;
	a->y_mean += dy * nb / n;
	a->n += b->n;
	PG_RETURN_POINTER(a);
}

/* Give the least-squares slope of ln(losses) on ln(gained); NULL without spread. */
Datum
elasticity_final(PG_FUNCTION_ARGS)
{
	ElasticityValue *s = (ElasticityValue *) PG_GETARG_POINTER(0);

	if (s->n < 2 || !(s->xx > 0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(s->xy / s->xx);
}

/* Read the text form of elasticity_state. */
Datum
elasticity_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	ElasticityValue *v = (ElasticityValue *) palloc(sizeof(ElasticityValue));
	char		errbuf[256];
	const char *detail;

	if (!elasticity_parse(str, v, errbuf, sizeof(errbuf)))
		INPUT_ERROR(fcinfo,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", "elasticity_state", str),
					 errdetail("%s", errbuf)));
	if (!elasticity_validate(v, &detail))
		INPUT_ERROR(fcinfo,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", "elasticity_state", str),
					 errdetail("%s", detail)));
	PG_RETURN_POINTER(v);
}

/* Write the text form of elasticity_state. */
Datum
elasticity_state_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(CUM_TEXT_BUFLEN);

	elasticity_format((ElasticityValue *) PG_GETARG_POINTER(0), buf);
	PG_RETURN_CSTRING(buf);
}

/* Read the binary form of elasticity_state, checked as the text form is. */
Datum
elasticity_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	ElasticityValue *v = (ElasticityValue *) palloc0(sizeof(ElasticityValue));
	const char *detail;

	v->version = (uint8) pq_getmsgbyte(buf);
	if (v->version != CUM_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type %s", "elasticity_state"),
				 errdetail("The format version %d is unknown.", v->version)));
	v->flags = (uint8) pq_getmsgbyte(buf);
	v->n = pq_getmsgint64(buf);
	v->x_mean = pq_getmsgfloat8(buf);
	v->y_mean = pq_getmsgfloat8(buf);
	v->xx = pq_getmsgfloat8(buf);
	v->xy = pq_getmsgfloat8(buf);
	if (!elasticity_validate(v, &detail))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type %s", "elasticity_state"),
				 errdetail("%s", detail)));
	PG_RETURN_POINTER(v);
}

/* Write the binary form of elasticity_state (42 bytes). */
Datum
elasticity_state_send(PG_FUNCTION_ARGS)
{
	ElasticityValue *v = (ElasticityValue *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, v->version);
	pq_sendbyte(&buf, v->flags);
	pq_sendint64(&buf, v->n);
	pq_sendfloat8(&buf, v->x_mean);
	pq_sendfloat8(&buf, v->y_mean);
	pq_sendfloat8(&buf, v->xx);
	pq_sendfloat8(&buf, v->xy);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
