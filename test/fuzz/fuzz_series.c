/*
 * fuzz_series.c
 *		libFuzzer target for the series text form and binary (wire) form.
 *
 * Text: whatever parses must format, and its text must parse back to the
 * same reports.  Binary: whatever the wire decoder accepts must validate,
 * encode to the same bytes, and format to text that reads back identically.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "series_codec.h"

/* run_tests-link: src/estimate_parse.c src/series_codec.c */

/* Abort (a finding) unless valid reports' text reads back to them. */
static void
check_text_round_trip(const SerReport *r, size_t n)
{
	char	   *text = malloc(n * SER_REPORT_TEXT_BUFLEN + 3);
	SerReport  *again = malloc((n + 1) * sizeof(SerReport));
	size_t		len = 0,
				i,
				m;

	if (text == NULL || again == NULL)
		abort();
	text[len++] = '{';
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			text[len++] = ',';
		len += ser_format_report(&r[i], text + len);
	}
	text[len++] = '}';
	text[len] = '\0';
	if (ser_text_parse(text, again, n + 1, &m, NULL, 0) != SER_OK || m != n ||
		memcmp(r, again, n * sizeof(SerReport)) != 0)
		abort();
	free(text);
	free(again);
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str;
	char		err[SER_ERRBUF_LEN];
	size_t		cap,
				n;
	SerReport  *r;
	int			version,
				flags;

	/* as text */
	str = malloc(size + 1);
	if (str == NULL)
		return 0;
	memcpy(str, data, size);
	str[size] = '\0';
	cap = ser_text_count_bound(str);
	r = malloc((cap + 1) * sizeof(SerReport));
	if (r == NULL)
		abort();
	if (ser_text_parse(str, r, cap, &n, err, sizeof(err)) == SER_OK)
	{
		if (ser_validate(SER_VERSION, 0, r, n, err, sizeof(err)) != SER_OK)
			abort();
		check_text_round_trip(r, n);
	}
	free(r);
	free(str);

	/* as the wire form */
	if (ser_wire_decode_header(data, size, &version, &flags, &n, err, sizeof(err)) == SER_OK)
	{
		uint8_t    *again;

		r = malloc((n + 1) * sizeof(SerReport));
		if (r == NULL)
			abort();
		if (ser_wire_decode(data, size, r, n, err, sizeof(err)) == SER_OK)
		{
			if (ser_validate(version, flags, r, n, err, sizeof(err)) != SER_OK)
				abort();
			again = malloc(ser_wire_size(n));
			if (again == NULL)
				abort();
			ser_wire_encode(version, flags, r, n, again);
			/* -0 totals are read as +0, so compare after normalizing */
			{
				SerReport  *r2 = malloc((n + 1) * sizeof(SerReport));

				if (r2 == NULL ||
					ser_wire_decode(again, ser_wire_size(n), r2, n, NULL, 0) != SER_OK ||
					memcmp(r, r2, n * sizeof(SerReport)) != 0)
					abort();
				free(r2);
			}
			check_text_round_trip(r, n);
			free(again);
		}
		free(r);
	}
	return 0;
}
