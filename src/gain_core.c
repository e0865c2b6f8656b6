/*
 * gain_core.c
 *		The cost_per_gain and elasticity states in plain C: their
 *		descriptors (validation, text and wire forms), updates, merges and
 *		final figures (see gain_core.h).
 */
#include "gain_core.h"

#include <math.h>
#include <string.h>

/* the key=value items of the text forms, in order */
#define GF(key, kind, member) {key, kind, offsetof(CostGainValue, member), 0}
static const CsField cpg_text[] = {
	GF("losses_n", CS_FIELD_COUNT, losses_n),
	GF("losses_sum", CS_FIELD_DOUBLE, losses_sum),
	GF("losses_err", CS_FIELD_DOUBLE, losses_err),
	GF("gained_n", CS_FIELD_COUNT, gained_n),
	GF("gained_sum", CS_FIELD_DOUBLE, gained_sum),
	GF("gained_err", CS_FIELD_DOUBLE, gained_err),
};
#undef GF

#define EF(key, kind, member) {key, kind, offsetof(ElasticityValue, member), 0}
static const CsField elas_text[] = {
	EF("n", CS_FIELD_COUNT, n),
	EF("x_mean", CS_FIELD_DOUBLE, x_mean),
	EF("y_mean", CS_FIELD_DOUBLE, y_mean),
	EF("xx", CS_FIELD_DOUBLE, xx),
	EF("xy", CS_FIELD_DOUBLE, xy),
};
#undef EF

/* the fields of the wire forms, in order: 50 and 42 bytes */
#define GW(kind, member) {kind, offsetof(CostGainValue, member)}
static const CsWireField cpg_wire[] = {
	GW(CS_WIRE_BYTE, version),
	GW(CS_WIRE_BYTE, flags),
	GW(CS_WIRE_INT64, losses_n),
	GW(CS_WIRE_FLOAT8, losses_sum),
	GW(CS_WIRE_FLOAT8, losses_err),
	GW(CS_WIRE_INT64, gained_n),
	GW(CS_WIRE_FLOAT8, gained_sum),
	GW(CS_WIRE_FLOAT8, gained_err),
};
#undef GW

#define EW(kind, member) {kind, offsetof(ElasticityValue, member)}
static const CsWireField elas_wire[] = {
	EW(CS_WIRE_BYTE, version),
	EW(CS_WIRE_BYTE, flags),
	EW(CS_WIRE_INT64, n),
	EW(CS_WIRE_FLOAT8, x_mean),
	EW(CS_WIRE_FLOAT8, y_mean),
	EW(CS_WIRE_FLOAT8, xx),
	EW(CS_WIRE_FLOAT8, xy),
};
#undef EW

CS_ASSERT_HEADER(CostGainValue);
CS_ASSERT_HEADER(ElasticityValue);

/* the descriptor of the cost_per_gain_state type */
const CsTypeDesc cpg_desc = {
	.name = "cost_per_gain_state",
	.size = sizeof(CostGainValue),
	.version = GAIN_VERSION,
	.flag_mask = GAIN_FLAGS_MASK,
	CS_DESC_TEXT(cpg_text),
	CS_DESC_WIRE(cpg_wire),
	.check = cpg_check,
};

/* the descriptor of the elasticity_state type */
const CsTypeDesc elas_desc = {
	.name = "elasticity_state",
	.size = sizeof(ElasticityValue),
	.version = GAIN_VERSION,
	.flag_mask = GAIN_FLAGS_MASK,
	CS_DESC_TEXT(elas_text),
	CS_DESC_WIRE(elas_wire),
	.check = elas_check,
};

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
cpg_check(const void *value, const char **detail)
{
	const CostGainValue *v = value;

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
elas_check(const void *value, const char **detail)
{
	const ElasticityValue *v = value;

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

/* Parse and check the text form of a cost_per_gain state. */
CsStatus
cpg_parse(const char *str, CostGainValue *v, char *errbuf, size_t errlen)
{
	return cs_text_parse(&cpg_desc, str, v, errbuf, errlen);
}

/* Parse and check the text form of an elasticity state. */
CsStatus
elas_parse(const char *str, ElasticityValue *v, char *errbuf, size_t errlen)
{
	return cs_text_parse(&elas_desc, str, v, errbuf, errlen);
}

/* Write the text form of a cost_per_gain state. */
size_t
cpg_format(const CostGainValue *v, char *buf)
{
	return cs_text_format(&cpg_desc, v, buf);
}

/* Write the text form of an elasticity state. */
size_t
elas_format(const ElasticityValue *v, char *buf)
{
	return cs_text_format(&elas_desc, v, buf);
}

/* Make an empty cost_per_gain state. */
void
cpg_init(CostGainValue *v)
{
	cs_type_init(&cpg_desc, v);
}

/* Make an empty elasticity state. */
void
elas_init(ElasticityValue *v)
{
	cs_type_init(&elas_desc, v);
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
