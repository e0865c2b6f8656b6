/*
 * fuzz_gain.c
 *		libFuzzer target for the gain core: the partial states of
 *		cost_per_gain and elasticity, their text forms, wire forms,
 *		validation, updates and merges.
 *
 * Text, wire form and stored layout: the input read as each of both states
 * through their descriptors, by the codecs their in and recv functions
 * call; whatever reads must pass the check and round-trip bit for bit
 * through both forms (fuzz_util.h), and its final figure must not crash.
 * Rows: the input taken as (losses, gained) rows; whatever the aggregates
 * build from them (one pass, partial states and their merges) must do the
 * same, and the merges count the rows one pass does.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "gain_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort (a finding) unless a valid cost_per_gain state's figure is sound. */
static void
check_cost_figure(const CostGainValue *v)
{
	double		x;
	CsStatus	st = cpg_final(v, &x);

	FUZZ_CHECK(st == CS_OK || st == CS_NONE || st == CS_ERR_RANGE);
	if (st == CS_OK)
		FUZZ_CHECK(isfinite(x));
}

/* Abort unless a valid elasticity state's figure is sound. */
static void
check_elasticity_figure(const ElasticityValue *v)
{
	double		x;

	if (elas_final(v, &x) == CS_OK)
		FUZZ_CHECK(!isnan(x));
}

/* Abort unless a cost_per_gain state built is valid, round-trips and has a sound figure. */
static void
check_cost(const CostGainValue *v)
{
	fuzz_round_trips(&cpg_desc, v);
	check_cost_figure(v);
}

/* Abort unless an elasticity state built is valid, round-trips and has a sound figure. */
static void
check_elasticity(const ElasticityValue *v)
{
	fuzz_round_trips(&elas_desc, v);
	check_elasticity_figure(v);
}

/* A cost_per_gain state being built, or none yet (the aggregate's NULL state). */
typedef struct CostBuilding
{
	bool		any;
	CsStatus	st;				/* CS_OK, or the error that ended the query */
	CostGainValue v;
} CostBuilding;

/* An elasticity state being built, or none yet. */
typedef struct ElasBuilding
{
	bool		any;
	ElasticityValue v;
} ElasBuilding;

/* Add a row as cost_per_gain's transition does: a row of two NULLs is skipped. */
static void
cost_add(CostBuilding *b, bool hl, double l, bool hg, double g)
{
	if (!hl && !hg)
		return;
	if (!b->any)
	{
		cpg_init(&b->v);
		b->any = true;
		b->st = CS_OK;
	}
	if (b->st == CS_OK)
		b->st = cpg_add(&b->v, hl, l, hg, g);
	FUZZ_CHECK(b->st == CS_OK || b->st == CS_ERR_RANGE);
}

/* Merge b into a as cost_per_gain's combine does; false when the query fails. */
static bool
cost_merge(CostBuilding *a, const CostBuilding *b)
{
	if (a->st != CS_OK || b->st != CS_OK)
		return false;
	if (!b->any)
		return true;
	if (!a->any)
	{
		*a = *b;
		return true;
	}
	a->st = cpg_merge(&a->v, &b->v);
	FUZZ_CHECK(a->st == CS_OK || a->st == CS_ERR_RANGE);
	return a->st == CS_OK;
}

/* Add a row as elasticity's transition does: only both positive count. */
static void
elas_row(ElasBuilding *b, bool hl, double l, bool hg, double g)
{
	if (!hl || !hg || !(l > 0 && g > 0))
		return;
	if (!b->any)
	{
		elas_init(&b->v);
		b->any = true;
	}
	FUZZ_CHECK(elas_add(&b->v, l, g));
}

/* Merge b into a as elasticity's combine does. */
static void
elas_combine(ElasBuilding *a, const ElasBuilding *b)
{
	if (!b->any)
		return;
	if (!a->any)
		*a = *b;
	else
		elas_merge(&a->v, &b->v);
}

/* Check a cost_per_gain state built, if there is one. */
static void
check_cost_built(const CostBuilding *b)
{
	if (b->any && b->st == CS_OK)
		check_cost(&b->v);
}

/* Check an elasticity state built, if there is one. */
static void
check_elas_built(const ElasBuilding *b)
{
	if (b->any)
		check_elasticity(&b->v);
}

/*
 * Build what the aggregates build from the input as rows of 17 bytes: a
 * byte of flags (bit 0: losses is there, bit 1: gained is there, bit 2:
 * both are small integers from the next bytes, bits 3-4: the partial state
 * the row goes to, as parallel workers get rows; bit 5 of the first row:
 * the order of the merges), then losses and gained as 8 bytes each.  One
 * pass, four partial states and their merges: every state built must
 * validate and read back from its text and binary forms, and the merges
 * count the rows one pass does.
 */
static void
check_rows(const uint8_t *data, size_t size)
{
	size_t		n = size / 17,
				i;
	bool		tree = (data[0] & 0x20) != 0;
	CostBuilding call,
				cpart[4];
	ElasBuilding eall,
				epart[4];
	int			k;

	memset(&call, 0, sizeof(call));
	memset(cpart, 0, sizeof(cpart));
	memset(&eall, 0, sizeof(eall));
	memset(epart, 0, sizeof(epart));
	if (n > 64)
		n = 64;
	for (i = 0; i < n; i++)
	{
		const uint8_t *p = data + 17 * i;
		double		l = cs_get_float8(p + 1),
					g = cs_get_float8(p + 9);
		bool		hl = (p[0] & 1) != 0,
					hg = (p[0] & 2) != 0;
		int			part = (p[0] >> 3) & 3;

		if (p[0] & 4)
		{
			l = (double) (int8_t) p[1];	/* small integers, often equal */
			g = (double) (int8_t) p[9];
		}
		if ((hl && !isfinite(l)) || (hg && !isfinite(g)))
			continue;			/* the glue refuses these before the core */
		cost_add(&call, hl, l, hg, g);
		cost_add(&cpart[part], hl, l, hg, g);
		elas_row(&eall, hl, l, hg, g);
		elas_row(&epart[part], hl, l, hg, g);
	}
	check_cost_built(&call);
	check_elas_built(&eall);
	for (k = 0; k < 4; k++)
	{
		check_cost_built(&cpart[k]);
		check_elas_built(&epart[k]);
	}

	/* ((0 + 1) + 2) + 3, or (0 + 1) + (2 + 3): every step a state too */
	elas_combine(&epart[0], &epart[1]);
	check_elas_built(&epart[0]);
	if (tree)
	{
		elas_combine(&epart[2], &epart[3]);
		check_elas_built(&epart[2]);
		elas_combine(&epart[0], &epart[2]);
	}
	else
	{
		elas_combine(&epart[0], &epart[2]);
		check_elas_built(&epart[0]);
		elas_combine(&epart[0], &epart[3]);
	}
	check_elas_built(&epart[0]);
	FUZZ_CHECK(epart[0].any == eall.any && (!eall.any || epart[0].v.n == eall.v.n));

	if (!cost_merge(&cpart[0], &cpart[1]))
		return;
	check_cost_built(&cpart[0]);
	if (tree)
	{
		if (!cost_merge(&cpart[2], &cpart[3]))
			return;
		check_cost_built(&cpart[2]);
		if (!cost_merge(&cpart[0], &cpart[2]))
			return;
	}
	else
	{
		if (!cost_merge(&cpart[0], &cpart[2]))
			return;
		check_cost_built(&cpart[0]);
		if (!cost_merge(&cpart[0], &cpart[3]))
			return;
	}
	check_cost_built(&cpart[0]);
	FUZZ_CHECK(cpart[0].any == call.any);
	if (call.any && call.st == CS_OK)
		FUZZ_CHECK(cpart[0].v.losses_n == call.v.losses_n && cpart[0].v.gained_n == call.v.gained_n);
}

/* Check one input: libFuzzer's entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str = fuzz_text(data, size);
	CostGainValue g;
	ElasticityValue e;

	if (fuzz_from_text(&cpg_desc, str, &g))
		check_cost_figure(&g);
	if (fuzz_from_text(&elas_desc, str, &e))
		check_elasticity_figure(&e);
	free(str);
	if (fuzz_from_stored(&cpg_desc, data, size, &g))
		check_cost_figure(&g);
	if (fuzz_from_stored(&elas_desc, data, size, &e))
		check_elasticity_figure(&e);
	if (fuzz_from_wire(&cpg_desc, data, size, &g))
		check_cost_figure(&g);
	if (fuzz_from_wire(&elas_desc, data, size, &e))
		check_elasticity_figure(&e);
	/* as rows */
	if (size >= 17)
		check_rows(data, size);
	return 0;
}
