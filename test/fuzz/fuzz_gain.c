/*
 * fuzz_gain.c
 *		libFuzzer target for the partial states of cost_per_gain and
 *		elasticity: their text forms and the validation of their stored
 *		layouts.
 *
 * fuzz_cumulative.c tries these too, but shares its inputs with the
 * cumulative summary; here the fuzzer spends all its time on the two small
 * states.  Text: whatever parses and validates must format, and its text
 * must parse back to the same bytes (and format to the same text).  Binary:
 * the input taken as each stored layout, and as the wire form that
 * cost_per_gain_state_recv and elasticity_state_recv read (big-endian,
 * version and flags bytes first); whatever validates must round-trip too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cumulative_parse.h"

/* run_tests-link: src/estimate_parse.c src/cumulative_parse.c */

/* Abort (a finding) unless a valid cost_per_gain state's text reads back to it. */
static void
check_cost(const CostGainValue *v)
{
	char		text[CUM_TEXT_BUFLEN];
	char		text2[CUM_TEXT_BUFLEN];
	char		err[256];
	CostGainValue again;
	const char *detail;

	if (cost_gain_format(v, text) >= CUM_TEXT_BUFLEN)
		abort();
	if (!cost_gain_parse(text, &again, err, sizeof(err)) ||
		!cost_gain_validate(&again, &detail))
		abort();
	if (memcmp(v, &again, sizeof(again)) != 0)
		abort();
	if (cost_gain_format(&again, text2) >= CUM_TEXT_BUFLEN || strcmp(text, text2) != 0)
		abort();
}

/* Abort unless a valid elasticity state's text reads back to it. */
static void
check_elasticity(const ElasticityValue *v)
{
	char		text[CUM_TEXT_BUFLEN];
	char		text2[CUM_TEXT_BUFLEN];
	char		err[256];
	ElasticityValue again;
	const char *detail;

	if (elasticity_format(v, text) >= CUM_TEXT_BUFLEN)
		abort();
	if (!elasticity_parse(text, &again, err, sizeof(err)) ||
		!elasticity_validate(&again, &detail))
		abort();
	if (memcmp(v, &again, sizeof(again)) != 0)
		abort();
	if (elasticity_format(&again, text2) >= CUM_TEXT_BUFLEN || strcmp(text, text2) != 0)
		abort();
}

/* Read a big-endian 64-bit word. */
static uint64_t
get_u64(const uint8_t *p)
{
	uint64_t	u = 0;
	int			i;

	for (i = 0; i < 8; i++)
		u = (u << 8) | p[i];
	return u;
}

/* Read a big-endian double. */
static double
get_double(const uint8_t *p)
{
	uint64_t	u = get_u64(p);
	double		d;

	memcpy(&d, &u, sizeof(d));
	return d;
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str;
	char		err[256];
	const char *detail;
	CostGainValue g;
	ElasticityValue e;

	/* as text */
	str = malloc(size + 1);
	if (str == NULL)
		return 0;
	memcpy(str, data, size);
	str[size] = '\0';
	err[0] = '\0';
	if (cost_gain_parse(str, &g, err, sizeof(err)))
	{
		if (cost_gain_validate(&g, &detail))
			check_cost(&g);
	}
	else if (err[0] == '\0')
		abort();				/* every error says why */
	err[0] = '\0';
	if (elasticity_parse(str, &e, err, sizeof(err)))
	{
		if (elasticity_validate(&e, &detail))
			check_elasticity(&e);
	}
	else if (err[0] == '\0')
		abort();
	free(str);

	/* as the stored layouts */
	if (size >= sizeof(CostGainValue))
	{
		memcpy(&g, data, sizeof(g));
		if (cost_gain_validate(&g, &detail))
			check_cost(&g);
	}
	if (size >= sizeof(ElasticityValue))
	{
		memcpy(&e, data, sizeof(e));
		if (elasticity_validate(&e, &detail))
			check_elasticity(&e);
	}

	/* as the wire forms (50 and 42 bytes), as the recv functions decode them */
	if (size >= 50)
	{
		memset(&g, 0, sizeof(g));
		g.version = data[0];
		g.flags = data[1];
		g.losses_n = (int64_t) get_u64(data + 2);
		g.losses_sum = get_double(data + 10);
		g.losses_err = get_double(data + 18);
		g.gained_n = (int64_t) get_u64(data + 26);
		g.gained_sum = get_double(data + 34);
		g.gained_err = get_double(data + 42);
		if (cost_gain_validate(&g, &detail))
			check_cost(&g);
	}
	if (size >= 42)
	{
		memset(&e, 0, sizeof(e));
		e.version = data[0];
		e.flags = data[1];
		e.n = (int64_t) get_u64(data + 2);
		e.x_mean = get_double(data + 10);
		e.y_mean = get_double(data + 18);
		e.xx = get_double(data + 26);
		e.xy = get_double(data + 34);
		if (elasticity_validate(&e, &detail))
			check_elasticity(&e);
	}
	return 0;
}
