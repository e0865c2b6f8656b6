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
 * (losses, gained) pairs; the states the aggregates build from them must
 * validate and round-trip, and their merges must equal one pass.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "gain_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort (a finding) unless a valid cost_per_gain state's text reads back to it. */
static void
check_cost(const CostGainValue *v)
{
	char		text[GAIN_TEXT_BUFLEN];
	char		text2[GAIN_TEXT_BUFLEN];
	char		err[CS_ERRBUF_LEN];
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
	ElasticityValue again;
	const char *detail;
	double		x;

	FUZZ_CHECK(elas_validate(v, &detail) == CS_OK);
	FUZZ_CHECK(elas_format(v, text) < GAIN_TEXT_BUFLEN);
	FUZZ_CHECK(elas_parse(text, &again, err, sizeof(err)) == CS_OK);
	FUZZ_CHECK(elas_validate(&again, &detail) == CS_OK);
	FUZZ_CHECK(memcmp(v, &again, sizeof(again)) == 0);
	FUZZ_CHECK(elas_format(&again, text2) < GAIN_TEXT_BUFLEN && strcmp(text, text2) == 0);
	if (elas_final(v, &x) == CS_OK)
		FUZZ_CHECK(!isnan(x));
}

/* Build states from the input as rows of 17 bytes; check them and their merges. */
static void
check_rows(const uint8_t *data, size_t size)
{
	size_t		n = size / 17,
				i,
				cut;
	CostGainValue call,
				ca,
				cb;
	ElasticityValue eall,
				ea,
				eb;
	CsStatus	st = CS_OK,
				sa = CS_OK,
				sb = CS_OK;

	if (n > 64)
		n = 64;
	cut = n / 2;
	cpg_init(&call);
	cpg_init(&ca);
	cpg_init(&cb);
	elas_init(&eall);
	elas_init(&ea);
	elas_init(&eb);
	for (i = 0; i < n; i++)
	{
		const uint8_t *p = data + 17 * i;
		double		l = get_double(p + 1),
					g = get_double(p + 9);
		bool		hl = (p[0] & 1) != 0,
					hg = (p[0] & 2) != 0;

		if (p[0] & 4)
		{
			l = (double) (int8_t) p[1];	/* small integers, often equal */
			g = (double) (int8_t) p[9];
		}
		if (!isfinite(l) || !isfinite(g))
			continue;			/* the glue refuses these before the core */
		if (st == CS_OK)
			st = cpg_add(&call, hl, l, hg, g);
		if (i < cut)
			sa = sa == CS_OK ? cpg_add(&ca, hl, l, hg, g) : sa;
		else
			sb = sb == CS_OK ? cpg_add(&cb, hl, l, hg, g) : sb;
		if (hl && hg)
		{
			elas_add(&eall, l, g);
			elas_add(i < cut ? &ea : &eb, l, g);
		}
	}
	if (st == CS_OK && (call.losses_n > 0 || call.gained_n > 0))
	{
		check_cost(&call);
		if (sa == CS_OK && sb == CS_OK && cpg_merge(&ca, &cb) == CS_OK)
		{
			FUZZ_CHECK(ca.losses_n == call.losses_n && ca.gained_n == call.gained_n);
			if (ca.losses_n > 0 || ca.gained_n > 0)
				check_cost(&ca);
		}
	}
	else
		FUZZ_CHECK(st == CS_OK || st == CS_ERR_RANGE);
	if (eall.n > 0 && isfinite(eall.x_mean + eall.y_mean + eall.xx + eall.xy))
	{
		check_elasticity(&eall);
		elas_merge(&ea, &eb);
		FUZZ_CHECK(ea.n == eall.n);
		if (isfinite(ea.x_mean + ea.y_mean + ea.xx + ea.xy))
			check_elasticity(&ea);
	}
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

	/* as the wire forms (50 and 42 bytes), as the recv functions decode them */
	if (size >= 50)
	{
		uint8_t		again[50];

		memset(&g, 0, sizeof(g));
		g.version = data[0];
		g.flags = data[1];
		g.losses_n = (int64_t) get_u64(data + 2);
		g.losses_sum = get_double(data + 10);
		g.losses_err = get_double(data + 18);
		g.gained_n = (int64_t) get_u64(data + 26);
		g.gained_sum = get_double(data + 34);
		g.gained_err = get_double(data + 42);
		if (cpg_validate(&g, &detail) == CS_OK)
		{
			check_cost(&g);
			again[0] = g.version;
			again[1] = g.flags;
			put_u64(again + 2, (uint64_t) g.losses_n);
			put_double(again + 10, g.losses_sum);
			put_double(again + 18, g.losses_err);
			put_u64(again + 26, (uint64_t) g.gained_n);
			put_double(again + 34, g.gained_sum);
			put_double(again + 42, g.gained_err);
			FUZZ_CHECK(memcmp(again, data, 50) == 0);
		}
		else
			FUZZ_CHECK(detail != NULL && detail[0] != '\0');
	}
	if (size >= 42)
	{
		uint8_t		again[42];

		memset(&e, 0, sizeof(e));
		e.version = data[0];
		e.flags = data[1];
		e.n = (int64_t) get_u64(data + 2);
		e.x_mean = get_double(data + 10);
		e.y_mean = get_double(data + 18);
		e.xx = get_double(data + 26);
		e.xy = get_double(data + 34);
		if (elas_validate(&e, &detail) == CS_OK)
		{
			check_elasticity(&e);
			again[0] = e.version;
			again[1] = e.flags;
			put_u64(again + 2, (uint64_t) e.n);
			put_double(again + 10, e.x_mean);
			put_double(again + 18, e.y_mean);
			put_double(again + 26, e.xx);
			put_double(again + 34, e.xy);
			FUZZ_CHECK(memcmp(again, data, 42) == 0);
		}
		else
			FUZZ_CHECK(detail != NULL && detail[0] != '\0');
	}
	/* as rows */
	if (size >= 17)
		check_rows(data, size);
	return 0;
}
