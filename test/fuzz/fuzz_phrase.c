/*
 * fuzz_phrase.c
 *		libFuzzer target for the reader of figures in running text
 *		(estimate_phrase.c): est_scan_next over a text, est_read_figure on
 *		each phrase found.
 *
 * Every figure found lies inside the text, after the one before it; its
 * noun phrase lies inside its phrase; and est_read_figure of the phrase
 * alone gives the same figure (byte for byte) and the same rate unit, which
 * is what read_figure(phrase) and figures_in(body) promise in SQL.  The
 * scan ends, and takes a bounded number of steps (it is linear).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "estimate_phrase.h"
#include "fuzz_util.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Check the properties of the figures found in one text. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = fuzz_text(data, size);
	size_t		len = strlen(text),
				prev_end = 0,
				found = 0;
	EstScan		sc;
	EstFigure	f;

	est_scan_init(&sc, text);
	while (est_scan_next(&sc, &f))
	{
		char	   *phrase;
		EstFigure	g;

		FUZZ_CHECK(f.len > 0 && f.start >= prev_end && f.start + f.len <= len);
		FUZZ_CHECK(f.what_len == 0 ||
				   (f.what_start >= f.start && f.what_start + f.what_len <= f.start + f.len));
		FUZZ_CHECK(est_check(&f.value, NULL) == CS_OK);
		FUZZ_CHECK(sc.pos == f.start + f.len);
		FUZZ_CHECK(++found <= len);
		prev_end = f.start + f.len;

		phrase = malloc(f.len + 1);
		if (phrase == NULL)
			abort();
		memcpy(phrase, text + f.start, f.len);
		phrase[f.len] = '\0';
		FUZZ_CHECK(est_read_figure(phrase, &g) == CS_OK);
		FUZZ_CHECK(memcmp(&g.value, &f.value, sizeof(EstimateValue)) == 0);
		FUZZ_CHECK(g.per == f.per);
		free(phrase);
	}
	FUZZ_CHECK(sc.pos <= len);
	/* read_figure on the text itself: a figure or a refusal, nothing else */
	{
		CsStatus	st = est_read_figure(text, &f);

		FUZZ_CHECK(st == CS_OK || st == CS_ERR_SYNTAX || st == CS_ERR_RANGE);
		FUZZ_CHECK(st != CS_OK || f.what_len == 0 || f.what_start + f.what_len <= len);
	}
	free(text);
	return 0;
}
