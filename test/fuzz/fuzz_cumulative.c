/*
 * fuzz_cumulative.c
 *		libFuzzer target for the text forms and validation of the cumulative
 *		summary and the cost_per_gain and elasticity states.
 *
 * Text: whatever parses and validates must format, and its text must parse
 * back to the same bytes.  Binary: the input taken as each stored layout;
 * whatever validates must format and read back identically.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cumulative_parse.h"

/* run_tests-link: src/estimate_parse.c src/cumulative_parse.c */

/* Abort (a finding) unless a valid cumulative value's text reads back to it. */
static void
check_cum(const CumulativeValue *v)
{
	char		text[CUM_TEXT_BUFLEN];
	CumulativeValue again;
	const char *detail;

	if (cum_format(v, text) >= CUM_TEXT_BUFLEN)
		abort();
	if (!cum_parse(text, &again, NULL, 0) || !cum_validate(&again, &detail))
		abort();
	if (memcmp(v, &again, sizeof(again)) != 0)
		abort();
}

/* Abort unless a valid cost_per_gain state's text reads back to it. */
static void
check_cost(const CostGainValue *v)
{
	char		text[CUM_TEXT_BUFLEN];
	CostGainValue again;
	const char *detail;

	if (cost_gain_format(v, text) >= CUM_TEXT_BUFLEN)
		abort();
	if (!cost_gain_parse(text, &again, NULL, 0) || !cost_gain_validate(&again, &detail))
		abort();
	if (memcmp(v, &again, sizeof(again)) != 0)
		abort();
}

/* Abort unless a valid elasticity state's text reads back to it. */
static void
check_elasticity(const ElasticityValue *v)
{
	char		text[CUM_TEXT_BUFLEN];
	ElasticityValue again;
	const char *detail;

	if (elasticity_format(v, text) >= CUM_TEXT_BUFLEN)
		abort();
	if (!elasticity_parse(text, &again, NULL, 0) || !elasticity_validate(&again, &detail))
		abort();
	if (memcmp(v, &again, sizeof(again)) != 0)
		abort();
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str;
	char		err[256];
	const char *detail;
	CumulativeValue c;
	CostGainValue g;
	ElasticityValue e;

	/* as text */
	str = malloc(size + 1);
	if (str == NULL)
		return 0;
	memcpy(str, data, size);
	str[size] = '\0';
	if (cum_parse(str, &c, err, sizeof(err)) && cum_validate(&c, &detail))
		check_cum(&c);
	if (cost_gain_parse(str, &g, err, sizeof(err)) && cost_gain_validate(&g, &detail))
		check_cost(&g);
	if (elasticity_parse(str, &e, err, sizeof(err)) && elasticity_validate(&e, &detail))
		check_elasticity(&e);
	free(str);

	/* as the stored layouts */
	if (size >= sizeof(CumulativeValue))
	{
		memcpy(&c, data, sizeof(c));
		if (cum_validate(&c, &detail))
			check_cum(&c);
	}
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
	return 0;
}
