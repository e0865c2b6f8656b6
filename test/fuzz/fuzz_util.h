/*
 * fuzz_util.h
 *		What the fuzz targets share: big-endian reads and writes of the wire
 *		forms, a NUL-terminated copy of the input, and the allocator of the
 *		cores' stateful algorithms.
 *
 * A finding a target reports is an abort (or a sanitizer's report).
 */
#ifndef FUZZ_UTIL_H
#define FUZZ_UTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

/* Abort, with the line, when a property does not hold: a finding. */
#define FUZZ_CHECK(cond) \
	do { \
		if (!(cond)) \
			fuzz_fail(__FILE__, __LINE__, #cond); \
	} while (0)

/* Report a failed property and abort. */
static inline void
fuzz_fail(const char *file, int line, const char *what)
{
	(void) fprintf(stderr, "%s:%d: property failed: %s\n", file, line, what);
	abort();
}

/* Give a NUL-terminated copy of the input (free it). */
static inline char *
fuzz_text(const uint8_t *data, size_t size)
{
	char	   *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Allocate with malloc, aborting when memory runs out (a CsAllocator's alloc). */
static inline void *
fuzz_alloc(void *cxt, size_t size)
{
	void	   *p = malloc(size);

	(void) cxt;
	if (p == NULL)
		abort();
	return p;
}

/* Free what fuzz_alloc gave (a CsAllocator's free). */
static inline void
fuzz_free(void *cxt, void *p)
{
	(void) cxt;
	free(p);
}

/* Give the allocator of the cores' stateful algorithms: malloc and free. */
static inline CsAllocator
fuzz_allocator(void)
{
	CsAllocator mem = {fuzz_alloc, fuzz_free, NULL};

	return mem;
}

/* Read a big-endian 64-bit word. */
static inline uint64_t
get_u64(const uint8_t *p)
{
	uint64_t	u = 0;
	int			i;

	for (i = 0; i < 8; i++)
		u = (u << 8) | p[i];
	return u;
}

/* Read a big-endian double. */
static inline double
get_double(const uint8_t *p)
{
	uint64_t	u = get_u64(p);
	double		d;

	memcpy(&d, &u, sizeof(d));
	return d;
}

/* Write a big-endian 64-bit word. */
static inline void
put_u64(uint8_t *p, uint64_t v)
{
	int			i;

	for (i = 7; i >= 0; i--)
	{
		p[i] = (uint8_t) (v & 0xff);
		v >>= 8;
	}
}

/* Write a big-endian double. */
static inline void
put_double(uint8_t *p, double d)
{
	uint64_t	u;

	memcpy(&u, &d, sizeof(u));
	put_u64(p, u);
}

/* Say whether two doubles have the same bits. */
static inline bool
same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof(double)) == 0;
}

/* Divide rounding toward minus infinity. */
static inline int64_t
fuzz_floor_div(int64_t a, int64_t b)
{
	int64_t		q = a / b;

	if (a % b != 0 && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/*
 * Compute t + (months, days, usecs) in 128 bits, the way cs_calendar_add
 * is documented to: CS_OK and *out, or CS_ERR_TIME_RANGE (also where the
 * day count of the result, in microseconds, lies beyond int64).
 */
static inline CsStatus
fuzz_calendar_add(int64_t t, int64_t months, int64_t days, int64_t usecs,
				  int64_t *out)
{
	int64_t		day,
				tod,
				y,
				total;
	int			m,
				d,
				dim;
	__int128	r;

	if (!cs_time_in_range(t) || months > INT64_C(12) * 600000 || months < -INT64_C(12) * 600000 ||
		days > INT64_C(366) * 600000 || days < -INT64_C(366) * 600000)
		return CS_ERR_TIME_RANGE;
	day = fuzz_floor_div(t, CS_USECS_PER_DAY);
	tod = t - day * CS_USECS_PER_DAY;
	r = t;
	if (months != 0 || days != 0)
	{
		cs_civil_from_days(day, &y, &m, &d);
		total = y * 12 + (m - 1) + months;
		y = fuzz_floor_div(total, 12);
		m = (int) (total - y * 12) + 1;
		dim = cs_days_in_month(y, m);
		if (d > dim)
			d = dim;
		r = ((__int128) cs_days_from_civil(y, m, d) + days) * CS_USECS_PER_DAY;
		r += tod;
		if (r < CS_TS_MIN || r >= CS_TS_END)
			return CS_ERR_TIME_RANGE;
	}
	r += usecs;
	if (r < CS_TS_MIN || r >= CS_TS_END)
		return CS_ERR_TIME_RANGE;
	*out = (int64_t) r;
	return CS_OK;
}

#endif							/* FUZZ_UTIL_H */
