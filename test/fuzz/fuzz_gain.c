/*
 * fuzz_gain.c
 *		libFuzzer target for the gain core: the partial states of
 *		cost_per_gain and elasticity, their text forms, wire forms,
 *		validation, updates and merges.
 *
 * Text: whatever parses must validate, format, and read back to the same
 * bytes and text.  Binary: the input taken as each stored layout, and as the
 * wire forms that cost_per_gain_state_recv and elasticity_state_recv read
 * (big-endian, version and flags bytes first); whatever validates must
 * round-trip and encode to the same bytes.  Rows: the input taken as
 * (losses, gained) rows; whatever the aggregates build from them (one
 * pass, partial states and their merges) must validate and read back from
 * its text and its binary form to the same bytes, and the merges count the
 * rows one pass does.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "gain_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the sizes of the two states' wire forms */
#define CPG_WIRE_SIZE		50
#define ELAS_WIRE_SIZE		42

/* Write a cost_per_gain state's wire form, as cost_per_gain_state_send does. */
static void
cpg_encode(const CostGainValue *g, uint8_t *buf)
{
	buf[0] = g->version;
	buf[1] = g->flags;
	put_u64(buf + 2, (uint64_t) g->losses_n);
	put_double(buf + 10, g->losses_sum);
	put_double(buf + 18, g->losses_err);
	put_u64(buf + 26, (uint64_t) g->gained_n);
	put_double(buf + 34, g->gained_sum);
	put_double(buf + 42, g->gained_err);
}

/* Read a cost_per_gain state's wire form, as cost_per_gain_state_recv does. */
static void
cpg_decode(const uint8_t *buf, CostGainValue *g)
{
	memset(g, 0, sizeof(*g));
	g->version = buf[0];
	g->flags = buf[1];
	g->losses_n = (int64_t) get_u64(buf + 2);
	g->losses_sum = get_double(buf + 10);
	g->losses_err = get_double(buf + 18);
	g->gained_n = (int64_t) get_u64(buf + 26);
	g->gained_sum = get_double(buf + 34);
	g->gained_err = get_double(buf + 42);
}

/* Write an elasticity state's wire form, as elasticity_state_send does. */
static void
elas_encode(const ElasticityValue *e, uint8_t *buf)
{
	buf[0] = e->version;
	buf[1] = e->flags;
	put_u64(buf + 2, (uint64_t) e->n);
	put_double(buf + 10, e->x_mean);
	put_double(buf + 18, e->y_mean);
	put_double(buf + 26, e->xx);
	put_double(buf + 34, e->xy);
}

/* Read an elasticity state's wire form, as elasticity_state_recv does. */
static void
elas_decode(const uint8_t *buf, ElasticityValue *e)
{
	memset(e, 0, sizeof(*e));
	e->version = buf[0];
	e->flags = buf[1];
	e->n = (int64_t) get_u64(buf + 2);
	e->x_mean = get_double(buf + 10);
	e->y_mean = get_double(buf + 18);
	e->xx = get_double(buf + 26);
	e->xy = get_double(buf + 34);
}

/* Abort (a finding) unless a valid cost_per_gain state's text reads back to it. */
static void
check_cost(const CostGainValue *v)
{
	char		text[GAIN_TEXT_BUFLEN];
	char		text2[GAIN_TEXT_BUFLEN];
	char		err[CS_ERRBUF_LEN];
	uint8_t		wire[CPG_WIRE_SIZE],
				wire2[CPG_WIRE_SIZE];
	CostGainValue again;
	const char *detail;
	double		x;
	CsStatus	st;

	FUZZ_CHECK(cpg_validate(v, &detail) == CS_OK);
	FUZZ_CHECK(cpg_format(v, text) < GAIN_TEXT_BUFLEN);
	FUZZ_CHECK(cpg_parse(text, &again, err, sizeof(err)) == CS_OK);
	FUZZ_CHECK(cpg_validate(&again, &detail) == CS_OK);
	FUZZ_CHECK(memcmp(v, &again, sizeof(again)) == 0);
	FUZZ_CHECK(cpg_format(&again, text2) < GAIN_TEXT_BUFLEN && strcmp(text, text2) == 0);
	/* the wire form reads back: valid, the same bytes */
	cpg_encode(v, wire);
	cpg_decode(wire, &again);
	FUZZ_CHECK(cpg_validate(&again, &detail) == CS_OK);
	FUZZ_CHECK(memcmp(v, &again, sizeof(again)) == 0);
	cpg_encode(&again, wire2);
	FUZZ_CHECK(memcmp(wire, wire2, CPG_WIRE_SIZE) == 0);
	st = cpg_final(v, &x);
	FUZZ_CHECK(st == CS_OK || st == CS_NONE || st == CS_ERR_RANGE);
	if (st == CS_OK)
		FUZZ_CHECK(isfinite(x));
}

/* Abort unless a valid elasticity state's text reads back to it. */
static void
check_elasticity(const ElasticityValue *v)
{
	char		text[GAIN_TEXT_BUFLEN];
	char		text2[GAIN_TEXT_BUFLEN];
	char		err[CS_ERRBUF_LEN];
	uint8_t		wire[ELAS_WIRE_SIZE],
				wire2[ELAS_WIRE_SIZE];
	ElasticityValue again;
	const char *detail;
	double		x;

	FUZZ_CHECK(elas_validate(v, &detail) == CS_OK);
	FUZZ_CHECK(elas_format(v, text) < GAIN_TEXT_BUFLEN);
	FUZZ_CHECK(elas_parse(text, &again, err, sizeof(err)) == CS_OK);
	FUZZ_CHECK(elas_validate(&again, &detail) == CS_OK);
	FUZZ_CHECK(memcmp(v, &again, sizeof(again)) == 0);
	FUZZ_CHECK(elas_format(&again, text2) < GAIN_TEXT_BUFLEN && strcmp(text, text2) == 0);
	elas_encode(v, wire);
	elas_decode(wire, &again);
	FUZZ_CHECK(elas_validate(&again, &detail) == CS_OK);
	FUZZ_CHECK(memcmp(v, &again, sizeof(again)) == 0);
	elas_encode(&again, wire2);
	FUZZ_CHECK(memcmp(wire, wire2, ELAS_WIRE_SIZE) == 0);
	if (elas_final(v, &x) == CS_OK)
		FUZZ_CHECK(!isnan(x));
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
		double		l = get_double(p + 1),
					g = get_double(p + 9);
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
	char		err[CS_ERRBUF_LEN];
	const char *detail;
	CostGainValue g;
	ElasticityValue e;
	CsStatus	st;

	/* as text */
	err[0] = '\0';
	st = cpg_parse(str, &g, err, sizeof(err));
	if (st == CS_OK)
		check_cost(&g);
	else
		FUZZ_CHECK(st == CS_ERR_SYNTAX && err[0] != '\0');	/* every error says why */
	err[0] = '\0';
	st = elas_parse(str, &e, err, sizeof(err));
	if (st == CS_OK)
		check_elasticity(&e);
	else
		FUZZ_CHECK(st == CS_ERR_SYNTAX && err[0] != '\0');
	free(str);

	/* as the stored layouts */
	if (size >= sizeof(CostGainValue))
	{
		memcpy(&g, data, sizeof(g));
		if (cpg_validate(&g, &detail) == CS_OK)
			check_cost(&g);
	}
	if (size >= sizeof(ElasticityValue))
	{
		memcpy(&e, data, sizeof(e));
		if (elas_validate(&e, &detail) == CS_OK)
			check_elasticity(&e);
	}

	/* as the wire forms, as the recv functions decode them */
	if (size >= CPG_WIRE_SIZE)
	{
		uint8_t		again[CPG_WIRE_SIZE];

		cpg_decode(data, &g);
		if (cpg_validate(&g, &detail) == CS_OK)
		{
			check_cost(&g);
			cpg_encode(&g, again);
			FUZZ_CHECK(memcmp(again, data, CPG_WIRE_SIZE) == 0);
		}
		else
			FUZZ_CHECK(detail != NULL && detail[0] != '\0');
	}
	if (size >= ELAS_WIRE_SIZE)
	{
		uint8_t		again[ELAS_WIRE_SIZE];

		elas_decode(data, &e);
		if (elas_validate(&e, &detail) == CS_OK)
		{
			check_elasticity(&e);
			elas_encode(&e, again);
			FUZZ_CHECK(memcmp(again, data, ELAS_WIRE_SIZE) == 0);
		}
		else
			FUZZ_CHECK(detail != NULL && detail[0] != '\0');
	}
	/* as rows */
	if (size >= 17)
		check_rows(data, size);
	return 0;
}
