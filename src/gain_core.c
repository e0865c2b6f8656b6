/*
 * gain_core.c
 *		The cost_per_gain and elasticity states in plain C: validation,
 *		text forms, updates, merges and final figures (see gain_core.h).
 */
#include "gain_core.h"

#include <math.h>
#include <string.h>

#define GF(key, kind, member) {key, kind, offsetof(CostGainValue, member), 0}
static const CsField cpg_fields[] = {
	GF("losses_n", CS_FIELD_COUNT, losses_n),
	GF("losses_sum", CS_FIELD_DOUBLE, losses_sum),
	GF("losses_err", CS_FIELD_DOUBLE, losses_err),
	GF("gained_n", CS_FIELD_COUNT, gained_n),
	GF("gained_sum", CS_FIELD_DOUBLE, gained_sum),
	GF("gained_err", CS_FIELD_DOUBLE, gained_err),
};
#undef GF

#define EF(key, kind, member) {key, kind, offsetof(ElasticityValue, member), 0}
static const CsField elas_fields[] = {
	EF("n", CS_FIELD_COUNT, n),
	EF("x_mean", CS_FIELD_DOUBLE, x_mean),
	EF("y_mean", CS_FIELD_DOUBLE, y_mean),
	EF("xx", CS_FIELD_DOUBLE, xx),
	EF("xy", CS_FIELD_DOUBLE, xy),
};
#undef EF

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

/* Check the header bytes both states share. */
static CsStatus
check_header(uint8_t version, uint8_t flags, const uint8_t *reserved, const char **detail)
{
	if (version != GAIN_VERSION)
		return (*detail = "The format version is unknown.", CS_ERR_INVALID);
	if ((flags & ~GAIN_FLAGS_MASK) != 0)
		return (*detail = "Reserved flag bits are set.", CS_ERR_INVALID);
	if (!cs_all_zero(reserved, 6))
		return (*detail = "Reserved bytes are not zero.", CS_ERR_INVALID);
	return CS_OK;
}

/* Check a cost_per_gain state. */
CsStatus
cpg_validate(const CostGainValue *v, const char **detail)
{
	if (check_header(v->version, v->flags, v->reserved, detail) != CS_OK)
		return CS_ERR_INVALID;
	if (v->losses_n < 0 || v->gained_n < 0)
		return (*detail = "A count is negative.", CS_ERR_INVALID);
	if (v->losses_n == 0 && v->gained_n == 0)
		return (*detail = "A state must count at least one value.", CS_ERR_INVALID);
	if (!isfinite(v->losses_sum) || !isfinite(v->losses_err) ||
		!isfinite(v->gained_sum) || !isfinite(v->gained_err))
		return (*detail = "A field is not a finite number.", CS_ERR_INVALID);
	if ((v->losses_n == 0 && (v->losses_sum != 0 || v->losses_err != 0)) ||
		(v->gained_n == 0 && (v->gained_sum != 0 || v->gained_err != 0)))
		return (*detail = "A sum of no values must be zero.", CS_ERR_INVALID);
	return CS_OK;
}

/* Check an elasticity state. */
CsStatus
elas_validate(const ElasticityValue *v, const char **detail)
{
	if (check_header(v->version, v->flags, v->reserved, detail) != CS_OK)
		return CS_ERR_INVALID;
	if (v->n < 1)
		return (*detail = "The number of rows must be positive.", CS_ERR_INVALID);
	if (!isfinite(v->x_mean) || !isfinite(v->y_mean) ||
		!isfinite(v->xx) || !isfinite(v->xy))
		return (*detail = "A field is not a finite number.", CS_ERR_INVALID);
	if (v->xx < 0)
		return (*detail = "A sum of squares is negative.", CS_ERR_INVALID);
	if (v->n == 1 && (v->xx != 0 || v->xy != 0))
		return (*detail = "A single row cannot have a spread.", CS_ERR_INVALID);
	return CS_OK;
}

/* Parse and validate the text form of a cost_per_gain state. */
CsStatus
cpg_parse(const char *str, CostGainValue *v, char *errbuf, size_t errlen)
{
	CsTimeKind	kind;
	const char *detail;
	CsStatus	st;

	cpg_init(v);
	st = cs_kv_parse(str, cpg_fields, NFIELDS(cpg_fields), v, &kind, errbuf, errlen);
	if (st != CS_OK)
		return st;
	if (cpg_validate(v, &detail) != CS_OK)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "%s", detail);
	return CS_OK;
}

/* Parse and validate the text form of an elasticity state. */
CsStatus
elas_parse(const char *str, ElasticityValue *v, char *errbuf, size_t errlen)
{
	CsTimeKind	kind;
	const char *detail;
	CsStatus	st;

	elas_init(v);
	st = cs_kv_parse(str, elas_fields, NFIELDS(elas_fields), v, &kind, errbuf, errlen);
	if (st != CS_OK)
		return st;
	if (elas_validate(v, &detail) != CS_OK)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "%s", detail);
	return CS_OK;
}

/* Write the text form of a cost_per_gain state. */
size_t
cpg_format(const CostGainValue *v, char *buf)
{
	return cs_kv_format(cpg_fields, NFIELDS(cpg_fields), v, CS_TIME_INSTANT, buf);
}

/* Write the text form of an elasticity state. */
size_t
elas_format(const ElasticityValue *v, char *buf)
{
	return cs_kv_format(elas_fields, NFIELDS(elas_fields), v, CS_TIME_INSTANT, buf);
}

/* Make an empty cost_per_gain state. */
void
cpg_init(CostGainValue *v)
{
	memset(v, 0, sizeof(*v));
	v->version = GAIN_VERSION;
}

/* Make an empty elasticity state. */
void
elas_init(ElasticityValue *v)
{
	memset(v, 0, sizeof(*v));
	v->version = GAIN_VERSION;
}

/* Add a row to a cost_per_gain state; each column's NULLs are skipped. */
CsStatus
cpg_add(CostGainValue *s, bool has_losses, double losses, bool has_gained, double gained)
{
	if (has_losses)
	{
		if (!stats_kbn_add(&s->losses_sum, &s->losses_err, losses))
			return CS_ERR_RANGE;
		s->losses_n++;
	}
	if (has_gained)
	{
		if (!stats_kbn_add(&s->gained_sum, &s->gained_err, gained))
			return CS_ERR_RANGE;
		s->gained_n++;
	}
	return CS_OK;
}

/* Merge two cost_per_gain states. */
CsStatus
cpg_merge(CostGainValue *a, const CostGainValue *b)
{
	if (!stats_kbn_add(&a->losses_sum, &a->losses_err, b->losses_sum) ||
		!stats_kbn_add(&a->gained_sum, &a->gained_err, b->gained_sum))
		return CS_ERR_RANGE;
	a->losses_err += b->losses_err;
	a->gained_err += b->gained_err;
	a->losses_n += b->losses_n;
	a->gained_n += b->gained_n;
	return CS_OK;
}

/* Give sum(losses) / sum(gained); CS_NONE when nothing was gained. */
CsStatus
cpg_final(const CostGainValue *s, double *out)
{
	double		gained = s->gained_sum + s->gained_err;
	double		r;

	if (s->losses_n == 0 || s->gained_n == 0 || gained == 0)
		return CS_NONE;
	r = (s->losses_sum + s->losses_err) / gained;
	*out = r;
	/* as float8 division: overflow, and underflow to zero (*out 0), are errors */
	if (!isfinite(r) || (r == 0.0 && s->losses_sum + s->losses_err != 0.0))
		return CS_ERR_RANGE;
	return CS_OK;
}

/* Add a row to an elasticity state when both values are positive. */
bool
elas_add(ElasticityValue *s, double losses, double gained)
{
	double		sy = 0.0;

	if (!(losses > 0 && gained > 0))
		return false;
	stats_welford2_add((double) s->n, &s->x_mean, &s->y_mean, &s->xx, &sy, &s->xy,
					   log(gained), log(losses));
	s->n++;
	return true;
}

/* Merge two elasticity states (Chan et al.). */
void
elas_merge(ElasticityValue *a, const ElasticityValue *b)
{
	double		sy = 0.0;

	stats_welford2_merge((double) a->n, &a->x_mean, &a->y_mean, &a->xx, &sy, &a->xy,
						 (double) b->n, b->x_mean, b->y_mean, b->xx, 0.0, b->xy);
	a->n += b->n;
}

/* Give the least-squares slope of ln(losses) on ln(gained). */
CsStatus
elas_final(const ElasticityValue *s, double *out)
{
	if (s->n < 2 || !(s->xx > 0))
		return CS_NONE;
	*out = s->xy / s->xx;
	return CS_OK;
}
