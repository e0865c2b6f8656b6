/*
 * fuzz_estimate.c
 *		libFuzzer target for the estimate core: the text parser, the binary
 *		form and validation, formatting and arithmetic.
 *
 * Text: whatever parses must format, and the canonical text must parse back
 * to the same bytes; every refusal is CS_ERR_SYNTAX or CS_ERR_RANGE with a
 * detail, valid UTF-8 when the input is.  The fast path and the general
 * parser agree (the text after a space), and a no-break space reads as an
 * ASCII space does.  Binary: the first 26 bytes laid out as estimate_recv
 * reads them, and the first 32 as the stored layout; whatever validates must
 * format and read back identically, and encode to the same bytes.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "estimate_core.h"
#include "fuzz_util.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Say whether s is well-formed UTF-8 (no cut or overlong sequences, no surrogates). */
static bool
utf8_valid(const char *s)
{
	const unsigned char *u = (const unsigned char *) s;

	while (*u != 0)
	{
		unsigned int c = *u;
		uint32_t	cp;
		int			n,
					i;

		if (c < 0x80)
		{
			u++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
		{
			n = 1;
			cp = c & 0x1F;
		}
		else if (c >= 0xE0 && c <= 0xEF)
		{
			n = 2;
			cp = c & 0x0F;
		}
		else if (c >= 0xF0 && c <= 0xF4)
		{
			n = 3;
			cp = c & 0x07;
		}
		else
			return false;
		for (i = 1; i <= n; i++)
		{
			if ((u[i] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (u[i] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
			(cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		u += n + 1;
	}
	return true;
}

/* Abort (a finding) unless v's canonical text parses back to v. */
static void
check_round_trip(const EstimateValue *v)
{
	char		text[EST_TEXT_BUFLEN];
	char		words[EST_TEXT_BUFLEN];
	char		text2[EST_TEXT_BUFLEN];
	EstimateValue again;
	const char *detail = NULL;
	size_t		len;

	FUZZ_CHECK(est_validate(v, &detail) == CS_OK);
	len = est_format(v, text);
	FUZZ_CHECK(len == strlen(text) && len < EST_TEXT_BUFLEN);
	len = est_describe(v, words);
	FUZZ_CHECK(len == strlen(words) && len > 0 && len < EST_TEXT_BUFLEN);
	FUZZ_CHECK(est_qualifier(v) != NULL);
	FUZZ_CHECK(est_parse(text, &again, NULL, 0, NULL) == CS_OK);
	FUZZ_CHECK(memcmp(v, &again, sizeof(EstimateValue)) == 0);
	FUZZ_CHECK(est_validate(&again, &detail) == CS_OK);
	FUZZ_CHECK(est_compare(v, &again) == 0 && est_equal(v, &again));
	est_format(&again, text2);
	FUZZ_CHECK(strcmp(text, text2) == 0);
}

/* Write the wire form of v, as estimate_send does. */
static void
encode(const EstimateValue *v, uint8_t *buf)
{
	buf[0] = v->version;
	buf[1] = v->flags;
	put_double(buf + 2, v->best);
	put_double(buf + 10, v->low);
	put_double(buf + 18, v->high);
}

/* Check that arithmetic on valid values gives valid values or an error. */
static void
check_arithmetic(const EstimateValue *a, const EstimateValue *b, double k)
{
	EstimateValue r;
	CsStatus	st;

	if ((st = est_add(&r, a, b)) == CS_OK)
		check_round_trip(&r);
	else
		FUZZ_CHECK(st == CS_ERR_RANGE);
	if ((st = est_sub(&r, a, b)) == CS_OK)
		check_round_trip(&r);
	else
		FUZZ_CHECK(st == CS_ERR_RANGE);
	est_neg(&r, a);
	check_round_trip(&r);
	if ((st = est_mul(&r, a, k)) == CS_OK)
		check_round_trip(&r);
	else
		FUZZ_CHECK(st == CS_ERR_RANGE || st == CS_ERR_INVALID);
	if ((st = est_div(&r, a, k)) == CS_OK)
		check_round_trip(&r);
	else
		FUZZ_CHECK(st == CS_ERR_RANGE || st == CS_ERR_INVALID || st == CS_ERR_DIVZERO);
	(void) est_overlaps(a, b);
	FUZZ_CHECK(est_overlaps(a, b) == est_overlaps(b, a));
	FUZZ_CHECK((est_compare(a, b) > 0) == (est_compare(b, a) < 0) &&
			   (est_compare(a, b) == 0) == (est_compare(b, a) == 0));
	if (isfinite(k) && est_make_interval(&r, a->best, fabs(k)) == CS_OK)
	{
		check_round_trip(&r);
		FUZZ_CHECK(est_contains(&r, a->best));
	}
}

/* Check one input: libFuzzer's entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str = fuzz_text(data, size);
	char		err[CS_ERRBUF_LEN];
	EstimateValue v;
	bool		hint = false;
	CsStatus	st;
	err[0] = '\0';
	st = est_parse(str, &v, err, sizeof(err), &hint);
	if (st == CS_OK)
	{
		EstimateValue w;

		check_round_trip(&v);
		FUZZ_CHECK(!hint);
		if (est_parse("615000 (500000..700000)", &w, NULL, 0, NULL) == CS_OK)
			check_arithmetic(&v, &w, -0.37);
		check_arithmetic(&v, &v, 3e-300);
	}
	else
	{
		FUZZ_CHECK(st == CS_ERR_SYNTAX || st == CS_ERR_RANGE);
		FUZZ_CHECK(err[0] != '\0');		/* every error says why */
		/* quoted input is clipped between characters */
		FUZZ_CHECK(!utf8_valid(str) || utf8_valid(err));
	}

	/*
	 * A no-break space (U+00A0) is white space between words and a thousands
	 * separator between digits, as an ASCII space is: the text with every
	 * space replaced by one reads the same.  (Not when the text holds wide
	 * spaces already: "600 000\u00a0000" mixes separators, its replacement
	 * would not.)
	 */
	if (strchr(str, ' ') != NULL && strstr(str, "\xc2\xa0") == NULL &&
		strstr(str, "\xe2\x80\x89") == NULL && strstr(str, "\xe2\x80\xaf") == NULL)
	{
		size_t		n = strlen(str),
					j = 0;
		char	   *wide = malloc(2 * n + 1);
		EstimateValue w;
		bool		hint2 = false;

		if (wide == NULL)
			abort();
		for (size_t i = 0; i < n; i++)
		{
			if (str[i] == ' ')
			{
				wide[j++] = (char) 0xC2;
				wide[j++] = (char) 0xA0;
			}
			else
				wide[j++] = str[i];
		}
		wide[j] = '\0';
		FUZZ_CHECK(est_parse(wide, &w, NULL, 0, &hint2) == st && hint2 == hint);
		if (st == CS_OK)
			FUZZ_CHECK(memcmp(&v, &w, sizeof(EstimateValue)) == 0);
		free(wide);
	}

	/*
	 * The fast path reads only text that starts at its first byte: with a
	 * space in front the general parser reads the same text, and must give
	 * the same answer, byte for byte.
	 */
	{
		char	   *spaced = malloc(size + 2);
		EstimateValue w;
		CsStatus	st2;

		if (spaced == NULL)
			abort();
		spaced[0] = ' ';
		memcpy(spaced + 1, str, size + 1);
		st2 = est_parse(spaced, &w, NULL, 0, NULL);
		FUZZ_CHECK(st2 == st);
		if (st == CS_OK)
			FUZZ_CHECK(memcmp(&v, &w, sizeof(EstimateValue)) == 0);
		free(spaced);
	}
	free(str);

	/* the wire form: version, flags, best, low, high */
	if (size >= 26)
	{
		const char *detail;
		uint8_t		again[26];

		memset(&v, 0, sizeof(v));
		v.version = data[0];
		v.flags = data[1];
		v.best = get_double(data + 2);
		v.low = get_double(data + 10);
		v.high = get_double(data + 18);
		if (est_validate(&v, &detail) == CS_OK)
		{
			check_round_trip(&v);
			encode(&v, again);
			FUZZ_CHECK(memcmp(again, data, 26) == 0);
			if (size >= 34)
				check_arithmetic(&v, &v, get_double(data + 26));
		}
		else
			FUZZ_CHECK(detail != NULL && detail[0] != '\0');
	}
	/* the stored layout */
	if (size >= sizeof(EstimateValue))
	{
		const char *detail;

		memcpy(&v, data, sizeof(v));
		if (est_validate(&v, &detail) == CS_OK)
			check_round_trip(&v);
	}
	return 0;
}
