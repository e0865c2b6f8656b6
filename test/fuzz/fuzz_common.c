/*
 * fuzz_common.c
 *		libFuzzer target for the common layer: the number grammar, the text
 *		form of times and the calendar arithmetic.
 *
 * Numbers: whatever scans reads as strtod reads the same digits (a minus
 * sign U+2212 as '-'), also shifted by a power of ten, and its shortest text
 * reads back bit for bit; a refusal's detail is valid UTF-8 whenever the
 * input is (it quotes the number clipped between characters).
 * Times: whatever parses is in range, and its text reads back to the same
 * time and kind.  Calendar: cs_calendar_add, on the input taken as four
 * int64, agrees with a 128-bit reference and never overflows.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
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

/* Check a scanned number against strtod and its own shortest text. */
static void
check_number(const char *s, int flags, int shift)
{
	char		err[CS_ERRBUF_LEN];
	size_t		len = 0;
	double		v = 0;
	CsDecimal	d;
	CsStatus	st;

	err[0] = '\0';
	st = cs_scan_number(s, flags, s, &len, &v, err, sizeof(err));
	FUZZ_CHECK(st == CS_OK || st == CS_ERR_SYNTAX || st == CS_ERR_RANGE);
	if (st != CS_OK)
	{
		FUZZ_CHECK(err[0] != '\0');	/* every refusal says why */
		FUZZ_CHECK(!utf8_valid(s) || utf8_valid(err));
		return;
	}
	FUZZ_CHECK(len > 0 && len <= strlen(s) && isfinite(v));

	/* the shortest text reads back bit for bit, through the grammar */
	{
		char		buf[CS_DOUBLE_BUFLEN];
		size_t		blen = cs_format_double(v, buf),
					len2 = 0;
		double		back = 0;

		FUZZ_CHECK(blen == strlen(buf) && blen < CS_DOUBLE_BUFLEN);
		FUZZ_CHECK(cs_scan_number(buf, 0, buf, &len2, &back, NULL, 0) == CS_OK);
		FUZZ_CHECK(len2 == blen && same_bits(back, v));
	}

	/* the digits, without separators, read as strtod reads them */
	FUZZ_CHECK(cs_scan_decimal(s, flags, s, &len, &d, NULL, 0) == CS_OK);
	if (d.mant_end - d.src < 500)
	{
		char		ref[600];
		size_t		n = 0;
		const char *p;
		double		want,
					got = 0;
		bool		digits_zero = true;

		for (p = d.src; p < d.mant_end; p++)
		{
			if ((*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '+')
			{
				ref[n++] = *p;
				if (*p >= '1' && *p <= '9')
					digits_zero = false;
			}
			else if (d.sep_len > 0 && strncmp(p, d.sep, d.sep_len) == 0)
				p += d.sep_len - 1;
			else if (p == d.src && (flags & CS_NUM_MINUS_SIGN) &&
					 strncmp(p, CS_MINUS_SIGN, CS_MINUS_SIGN_LEN) == 0)
			{
				ref[n++] = '-';
				p += CS_MINUS_SIGN_LEN - 1;
			}
			else
				FUZZ_CHECK(!"a byte in a number that is neither a digit nor its separator");
		}
		snprintf(ref + n, sizeof(ref) - n, "e%d", d.exp_value + shift);
		want = strtod(ref, NULL);
		st = cs_decimal_to_double(&d, shift, &got);
		if (!isfinite(want) || (want == 0.0 && !digits_zero))
			FUZZ_CHECK(st == CS_ERR_RANGE);
		else
			FUZZ_CHECK(st == CS_OK && same_bits(got, want));
	}
}

/* Check a parsed time: in range, and its text reads back. */
static void
check_time(const char *s)
{
	char		err[CS_ERRBUF_LEN];
	size_t		len = 0;
	int64_t		t = 0;
	CsTimeKind	kind = CS_TIME_INSTANT;
	CsStatus	st;

	err[0] = '\0';
	st = cs_parse_time(s, s, &len, &t, &kind, err, sizeof(err));
	if (st != CS_OK)
	{
		FUZZ_CHECK(st == CS_ERR_SYNTAX && err[0] != '\0');
		return;
	}
	FUZZ_CHECK(cs_time_in_range(t) && len >= 10 && len <= strlen(s));
	FUZZ_CHECK(kind == CS_TIME_INSTANT || kind == CS_TIME_CALENDAR);
	{
		char		buf[CS_TIME_BUFLEN];
		size_t		blen = cs_format_time(t, kind, buf),
					len2 = 0;
		int64_t		back = 0;
		CsTimeKind	kback = CS_TIME_INSTANT;

		FUZZ_CHECK(blen == strlen(buf) && blen < CS_TIME_BUFLEN);
		FUZZ_CHECK(cs_parse_time(buf, buf, &len2, &back, &kback, NULL, 0) == CS_OK);
		FUZZ_CHECK(back == t && kback == kind && len2 == blen);
		/* the other kind's text of the same microseconds reads back too */
		blen = cs_format_time(t, kind == CS_TIME_INSTANT ? CS_TIME_CALENDAR : CS_TIME_INSTANT, buf);
		FUZZ_CHECK(cs_parse_time(buf, buf, &len2, &back, &kback, NULL, 0) == CS_OK);
		FUZZ_CHECK(back == t && kback != kind && len2 == blen);
	}
}

/* Check cs_calendar_add against the 128-bit reference. */
static void
check_calendar_add(const uint8_t *p)
{
	int64_t		t = (int64_t) cs_get_be64(p),
				months = (int64_t) cs_get_be64(p + 8),
				days = (int64_t) cs_get_be64(p + 16),
				usecs = (int64_t) cs_get_be64(p + 24),
				got = 0,
				want = 0;
	CsStatus	st,
				wst;

	/* small steps from a time in range are the interesting ones */
	if (p[32 - 1] & 1)
	{
		t = (int64_t) ((uint64_t) CS_TS_MIN + (uint64_t) t % ((uint64_t) CS_TS_END - (uint64_t) CS_TS_MIN));
		months %= 12 * 400000;
		days %= 366 * 300000;
	}
	wst = fuzz_calendar_add(t, months, days, usecs, &want);
	st = cs_calendar_add(t, months, days, usecs, &got);
	FUZZ_CHECK(st == wst);
	if (st == CS_OK)
		FUZZ_CHECK(got == want && cs_time_in_range(got));
}

/* Check one input: libFuzzer's entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s = fuzz_text(data, size);
	int			shift = size > 0 ? (int) (data[0] % 61) - 30 : 0;

	check_number(s, 0, shift);
	check_number(s, CS_NUM_GROUPS, shift);
	check_number(s, CS_NUM_GROUPS | CS_NUM_NO_COMMA, -shift);
	check_number(s, CS_NUM_GROUPS | CS_NUM_MINUS_SIGN, shift);
	check_time(s);
	/* the same text after its first byte, which chose the shift */
	if (size > 1)
	{
		check_number(s + 1, CS_NUM_GROUPS, shift);
		check_time(s + 1);
	}
	free(s);

	if (size >= 32)
		check_calendar_add(data + size - 32);
	return 0;
}
