/*
 * unit.h
 *		What the unit tests of the cores share besides TAP: a name for each
 *		status, comparisons of doubles, and one pseudo-random generator.
 */
#ifndef UNIT_H
#define UNIT_H

#include <math.h>
#include <stdint.h>
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

#endif							/* UNIT_H */
