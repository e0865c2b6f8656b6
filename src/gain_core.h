/*
 * gain_core.h
 *		Losses against gains in plain C: the partial states of the
 *		cost_per_gain and elasticity aggregates, their descriptors
 *		(validation, text and wire forms), updates, merges and final
 *		figures.
 *
 * Nothing here includes server headers, so the code is unit-tested and
 * fuzzed without a server; cost_per_gain.c holds the fmgr glue.
 */
#ifndef GAIN_CORE_H
#define GAIN_CORE_H

#include "common.h"
#include "stats.h"

/* format version stored in both states; receive rejects any other */
#define GAIN_VERSION		1

/* flag bits of the two states (none yet) */
#define GAIN_FLAGS_MASK		0x00

/*
 * Partial state of cost_per_gain: the count and the compensated
 * (Kahan-Babuska-Neumaier) sum of each column, NULLs skipped per column as
 * sum() does.  56 bytes.
 */
typedef struct CostGainValue
{
	uint8_t		version;		/* GAIN_VERSION */
	uint8_t		flags;			/* none defined: zero */
	uint8_t		reserved[6];	/* zero */
	int64_t		losses_n;
	int64_t		gained_n;
	double		losses_sum;
	double		losses_err;		/* compensation: the sum is sum + err */
	double		gained_sum;
	double		gained_err;
} CostGainValue;

/*
 * Partial state of elasticity: a Welford (Youngs-Cramer) least-squares fit
 * of y = ln(losses) on x = ln(gained) over rows where both are positive.
 * 48 bytes.
 */
typedef struct ElasticityValue
{
	uint8_t		version;		/* GAIN_VERSION */
	uint8_t		flags;			/* none defined: zero */
	uint8_t		reserved[6];	/* zero */
	int64_t		n;
	double		x_mean;
	double		y_mean;
	double		xx;				/* sum of (x - x_mean)^2 */
	double		xy;				/* sum of (x - x_mean)(y - y_mean) */
} ElasticityValue;

/*
 * The descriptors of the two types (see common.h), whose tables in
 * gain_core.c give the fields of the text and wire forms in order.
 */
extern const CsTypeDesc cpg_desc;
extern const CsTypeDesc elas_desc;

/*
 * Check a state read from outside (a CostGainValue, an ElasticityValue):
 * version, flags, reserved bytes, counts, finite fields consistent with
 * each other.  CS_OK, or CS_ERR_INVALID with *detail a sentence saying what
 * is wrong.
 */
extern CsStatus cpg_check(const void *value, const char **detail);
extern CsStatus elas_check(const void *value, const char **detail);

/* Parse and check the text forms (cs_text_parse of the descriptors). */
extern CsStatus cpg_parse(const char *str, CostGainValue *v, char *errbuf, size_t errlen);
extern CsStatus elas_parse(const char *str, ElasticityValue *v, char *errbuf, size_t errlen);

/* Write the text forms, which read back bit for bit; return the length. */
extern size_t cpg_format(const CostGainValue *v, char *buf);
extern size_t elas_format(const ElasticityValue *v, char *buf);

/* Make an empty state (no rows). */
extern void cpg_init(CostGainValue *v);
extern void elas_init(ElasticityValue *v);

/*
 * Add a row to a cost_per_gain state: losses and gained (each when has_*),
 * finite.  CS_ERR_RANGE when a sum overflows.
 */
extern CsStatus cpg_add(CostGainValue *s, bool has_losses, double losses,
						bool has_gained, double gained);

/* Merge state b into a.  CS_ERR_RANGE when a sum overflows. */
extern CsStatus cpg_merge(CostGainValue *a, const CostGainValue *b);

/*
 * Give sum(losses) / sum(gained): CS_NONE when nothing was gained;
 * CS_ERR_RANGE when it overflows (*out infinite) or underflows (*out 0).
 */
extern CsStatus cpg_final(const CostGainValue *s, double *out);

/*
 * Add a row to an elasticity state: rows where both are positive count;
 * returns whether the row counted.  Both are finite.
 */
extern bool elas_add(ElasticityValue *s, double losses, double gained);

/* Merge state b into a. */
extern void elas_merge(ElasticityValue *a, const ElasticityValue *b);

/* Give the slope of ln(losses) on ln(gained): CS_NONE without spread. */
extern CsStatus elas_final(const ElasticityValue *s, double *out);

#endif							/* GAIN_CORE_H */
