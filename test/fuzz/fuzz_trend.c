/*
 * fuzz_trend.c
 *		libFuzzer target for the trend summary's text parser and validation.
 *
 * Text: whatever parses must format, and its text must parse back to the
 * same bytes.  Binary: 96 bytes taken as the stored layout; whatever
 * validates must format and read back identically.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trend_parse.h"

/* run_tests-link: src/estimate_parse.c src/trend_parse.c */

/* Abort (a finding) unless v's text parses back to v. */
static void
check_round_trip(const TrendValue *v)
{
	char		text[TREND_TEXT_BUFLEN];
	char		err[256];
	TrendValue	again;

	if (trend_format(v, text) >= TREND_TEXT_BUFLEN)
		abort();
	if (trend_parse(text, &again, err, sizeof(err)) != 0)
		abort();
	if (memcmp(v, &again, sizeof(TrendValue)) != 0)
		abort();
	if (trend_check(&again) != NULL)
		abort();
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str;
	char		err[256];
	TrendValue	v;

	/* as text */
	str = malloc(size + 1);
	if (str == NULL)
		return 0;
	memcpy(str, data, size);
	str[size] = '\0';
	if (trend_parse(str, &v, err, sizeof(err)) == 0)
		check_round_trip(&v);
	free(str);

	/* as the stored layout */
	if (size >= sizeof(TrendValue))
	{
		memcpy(&v, data, sizeof(TrendValue));
		if (trend_check(&v) == NULL)
			check_round_trip(&v);
	}
	return 0;
}
