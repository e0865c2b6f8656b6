/*
 * fuzz_estimate.c
 *		libFuzzer target for the estimate text parser and binary validation.
 *
 * Text: whatever parses must format, and the canonical text must parse back
 * to the same bytes.  Binary: 26 bytes laid out as estimate_recv reads them;
 * whatever validates must format and read back identically.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "estimate_parse.h"

/* Abort (a finding) unless v's canonical text parses back to v. */
static void
check_round_trip(const EstimateValue *v)
{
	char		text[EST_TEXT_BUFLEN];
	char		words[EST_TEXT_BUFLEN];
	EstimateValue again;
	const char *detail;

	est_format(v, text);
	est_describe(v, words);
	(void) est_qualifier(v);
	if (est_parse(text, &again, NULL, 0) != EST_OK)
		abort();
	if (memcmp(v, &again, sizeof(EstimateValue)) != 0)
		abort();
	if (est_validate(&again, &detail) != EST_OK)
		abort();
	if (est_compare(v, &again) != 0 || !est_equal(v, &again))
		abort();
}

/* Read a big-endian double. */
static double
get_double(const uint8_t *p)
{
	uint64_t	u = 0;
	double		d;
	int			i;

	for (i = 0; i < 8; i++)
		u = (u << 8) | p[i];
	memcpy(&d, &u, sizeof(d));
	return d;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str = malloc(size + 1);
	char		err[256];
	EstimateValue v;
	EstStatus	st;

	memcpy(str, data, size);
	str[size] = '\0';
	st = est_parse(str, &v, err, sizeof(err));
	if (st == EST_OK)
	{
		EstimateValue r;

		check_round_trip(&v);
		/* arithmetic on a valid value gives a valid value or an error */
		if (est_add(&r, &v, &v) == EST_OK)
			check_round_trip(&r);
		if (est_sub(&r, &v, &v) == EST_OK)
			check_round_trip(&r);
		est_neg(&r, &v);
		check_round_trip(&r);
		if (est_mul(&r, &v, -0.37) == EST_OK)
			check_round_trip(&r);
		if (est_div(&r, &v, 3e-300) == EST_OK)
			check_round_trip(&r);
		(void) est_overlaps(&v, &r);
		(void) est_contains(&v, 0.5);
	}
	else if (st != EST_ERR_SYNTAX && st != EST_ERR_RANGE)
		abort();
	else if (err[0] == '\0')
		abort();				/* every error says why */
	free(str);

	if (size >= 26)
	{
		const char *detail;

		memset(&v, 0, sizeof(v));
		v.version = data[0];
		v.flags = data[1];
		v.best = get_double(data + 2);
		v.low = get_double(data + 10);
		v.high = get_double(data + 18);
		if (est_validate(&v, &detail) == EST_OK)
			check_round_trip(&v);
	}
	return 0;
}
