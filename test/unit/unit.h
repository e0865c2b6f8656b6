/*
 * unit.h
 *		What the unit tests of the cores share besides TAP: a name for each
 *		status, comparisons of doubles, a UTF-8 check for detail sentences,
 *		the allocator of the cores' stateful algorithms, one pseudo-random
 *		generator, and a pinned wire form of a value.
 */
#ifndef UNIT_H
#define UNIT_H

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

/* Name a status for diagnostics. */
static inline const char *
status_name(CsStatus st)
{
	switch (st)
	{
		case CS_OK:
			return "CS_OK";
		case CS_NONE:
			return "CS_NONE";
		case CS_ERR_SYNTAX:
			return "CS_ERR_SYNTAX";
		case CS_ERR_INVALID:
			return "CS_ERR_INVALID";
		case CS_ERR_RANGE:
			return "CS_ERR_RANGE";
		case CS_ERR_TIME_RANGE:
			return "CS_ERR_TIME_RANGE";
		case CS_ERR_DIVZERO:
			return "CS_ERR_DIVZERO";
		case CS_ERR_MIXED:
			return "CS_ERR_MIXED";
		case CS_ERR_LIMIT:
			return "CS_ERR_LIMIT";
	}
	return "unknown status";
}

/* Say whether got is within a relative tol of want (absolute near zero). */
static inline int
close_to(double got, double want, double tol)
{
	return fabs(got - want) <= tol * (fabs(want) > 1e-300 ? fabs(want) : 1.0);
}

/* Say whether two doubles are the same bits (-0 is not 0, a NaN is itself). */
static inline int
same_double(double a, double b)
{
	return memcmp(&a, &b, sizeof(double)) == 0;
}

/*
 * Say whether s is well-formed UTF-8: no stray continuation bytes, no cut
 * sequences, no overlong forms, surrogates or code points past U+10FFFF.
 */
static inline int
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
			return 0;
		/* a NUL is no continuation byte: the loop stops at the end */
		for (i = 1; i <= n; i++)
		{
			if ((u[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (u[i] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
			(cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		u += n + 1;
	}
	return 1;
}

/* Allocate with malloc, aborting when memory runs out (a CsAllocator's alloc). */
static inline void *
unit_alloc(void *cxt, size_t size)
{
	void	   *p = malloc(size);

	(void) cxt;
	if (p == NULL)
		abort();
	return p;
}

/* Free what unit_alloc gave (a CsAllocator's free). */
static inline void
unit_free(void *cxt, void *p)
{
	(void) cxt;
	free(p);
}

/* Give the allocator of the tests: malloc and free. */
static inline CsAllocator
unit_allocator(void)
{
	CsAllocator mem = {unit_alloc, unit_free, NULL};

	return mem;
}

/* the generator's state: a test may seed it before it draws */
static uint64_t unit_rng = 0x2545F4914F6CDD1DULL;

/* Give a pseudo-random 64-bit number (xorshift64*). */
static inline uint64_t
next_random(void)
{
	unit_rng ^= unit_rng >> 12;
	unit_rng ^= unit_rng << 25;
	unit_rng ^= unit_rng >> 27;
	return unit_rng * 0x2545F4914F6CDD1DULL;
}

/* Give a random finite double of any sign and magnitude, zeros and subnormals included. */
static inline double
random_bits_double(void)
{
	double		d;

	do
	{
		uint64_t	bits = next_random();

		memcpy(&d, &bits, sizeof(d));
	} while (!isfinite(d));
	return d;
}

/*
 * Give a random finite double (never -0) from a mix of distributions: any
 * bits, integers, decimals, wide magnitudes, and values known to be hard.
 */
static inline double
random_mixed_double(void)
{
	static const double special[] = {
		0, 1, -1, 0.1, 0.5, 600000, 1e15, 1e-5, 1e-4, 1e14, 1e16, 1e22, 1e23,
		123456789012345.0, 999999999999999.0, 9007199254740993.0, DBL_MAX,
		-DBL_MAX, DBL_MIN, 5e-324, 2.2250738585072009e-308, 0.30000000000000004,
		1.0 / 3, 2.0 / 3, 626.3048016701462, 1e300, 1e-300,
	};
	double		d;
	uint64_t	bits;

	switch (next_random() % 6)
	{
		case 0:
			do
			{
				bits = next_random();
				memcpy(&d, &bits, sizeof(d));
			} while (!isfinite(d));
			break;
		case 1:
			d = (double) (int64_t) (next_random() % 20000001) - 10000000;
			break;
		case 2:
			d = (double) (int64_t) (next_random() % 2000001 - 1000000) / pow(10, (double) (next_random() % 8));
			break;
		case 3:
			d = ((double) (next_random() >> 11) / 9007199254740992.0) *
				pow(10, (double) ((int) (next_random() % 61) - 30));
			if (next_random() & 1)
				d = -d;
			break;
		case 4:
			d = special[next_random() % (sizeof(special) / sizeof(special[0]))];
			if (next_random() & 1)
				d = -d;
			break;
		default:
			d = ldexp((double) (next_random() >> 11), (int) (next_random() % 200) - 100);
			break;
	}
	return d + 0.0;				/* -0 + 0 is +0 */
}

/*
 * Say whether v, a value of type t, encodes to the wire bytes written in hex
 * (the bytes of send a regression test pins) and decodes from them to the
 * same value, byte for byte, while those bytes one shorter or one longer are
 * refused.
 */
static inline int
wire_pinned(const CsTypeDesc *t, const void *v, const char *hex)
{
	size_t		len = cs_wire_size(t),
				i;
	uint8_t    *want = calloc(len + 1, 1);
	uint8_t    *got = calloc(len + 1, 1);
	void	   *back = malloc(t->size);
	int			good = strlen(hex) == 2 * len;

	for (i = 0; good && i < len; i++)
	{
		unsigned int byte;

		good = sscanf(hex + 2 * i, "%2x", &byte) == 1;
		want[i] = (uint8_t) byte;
	}
	good = good && cs_wire_encode(t, v, got) == len && memcmp(got, want, len) == 0 &&
		cs_wire_decode(t, want, len, back, NULL, 0) == CS_OK && memcmp(back, v, t->size) == 0 &&
		cs_wire_decode(t, want, len - 1, back, NULL, 0) == CS_ERR_SYNTAX &&
		cs_wire_decode(t, want, len + 1, back, NULL, 0) == CS_ERR_SYNTAX;
	free(want);
	free(got);
	free(back);
	return good;
}

#endif							/* UNIT_H */
