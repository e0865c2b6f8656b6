/*
 * fuzz_util.h
 *		What the fuzz targets share: a NUL-terminated copy of the input, the
 *		properties every fixed-size type must have, checked through its
 *		descriptor with the codecs of common.h (the ones the server runs),
 *		and the allocator of the cores' stateful algorithms.
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

/* ---- values of a fixed-size type, through its descriptor ---------------- */

/* the largest stored size and wire form of a fixed-size type */
#define FUZZ_VALUE_MAX	256

/* room for any fixed-size value, double aligned */
typedef union FuzzValue
{
	double		align;
	uint8_t		bytes[FUZZ_VALUE_MAX];
} FuzzValue;

/*
 * Abort (a finding) unless v, a value of type t, is valid and reads back
 * bit for bit from its text (when the type has key=value items) and from
 * its wire form, each written again the same; unless a message a byte
 * shorter or longer than the wire form is refused; and unless the check
 * refuses v with another format version or with any flag bit the type does
 * not define.
 */
static inline void
fuzz_round_trips(const CsTypeDesc *t, const void *v)
{
	char		text[CS_KV_BUFLEN];
	char		text2[CS_KV_BUFLEN];
	char		err[CS_ERRBUF_LEN];
	uint8_t		wire[FUZZ_VALUE_MAX + 1];
	uint8_t		wire2[FUZZ_VALUE_MAX];
	FuzzValue	again;
	const char *detail = NULL;
	size_t		len,
				wlen = cs_wire_size(t);
	int			bit;

	FUZZ_CHECK(t->size <= FUZZ_VALUE_MAX && wlen <= FUZZ_VALUE_MAX);
	text[0] = '\0';
	if (t->check(v, &detail) != CS_OK)
	{
		if (t->text != NULL)
			cs_text_format(t, v, text);
		fprintf(stderr, "%s\n%s\n", text, detail);
		FUZZ_CHECK(!"a value is not valid");
	}

	/* the text form */
	if (t->text != NULL)
	{
		len = cs_text_format(t, v, text);
		FUZZ_CHECK(len == strlen(text) && len < CS_KV_BUFLEN);
		err[0] = '\0';
		if (cs_text_parse(t, text, &again, err, sizeof(err)) != CS_OK)
		{
			fprintf(stderr, "%s\n%s\n", text, err);
			FUZZ_CHECK(!"a valid value's text does not read back");
		}
		FUZZ_CHECK(memcmp(v, &again, t->size) == 0);
		FUZZ_CHECK(cs_text_format(t, &again, text2) == len && strcmp(text, text2) == 0);
	}

	/* the wire form, and messages of the wrong length */
	FUZZ_CHECK(cs_wire_encode(t, v, wire) == wlen);
	if (cs_wire_decode(t, wire, wlen, &again, err, sizeof(err)) != CS_OK)
	{
		fprintf(stderr, "%s\n%s\n", text, err);
		FUZZ_CHECK(!"a valid value's wire form does not read back");
	}
	FUZZ_CHECK(memcmp(v, &again, t->size) == 0);
	FUZZ_CHECK(cs_wire_encode(t, &again, wire2) == wlen && memcmp(wire, wire2, wlen) == 0);
	wire[wlen] = 0;
	FUZZ_CHECK(cs_wire_decode(t, wire, wlen - 1, &again, NULL, 0) == CS_ERR_SYNTAX);
	FUZZ_CHECK(cs_wire_decode(t, wire, wlen + 1, &again, NULL, 0) == CS_ERR_SYNTAX);

	/* another version, an undefined flag */
	memcpy(&again, v, t->size);
	again.bytes[CS_VERSION_AT] = (uint8_t) (t->version + 1);
	FUZZ_CHECK(t->check(&again, &detail) == CS_ERR_INVALID);
	for (bit = 0; bit < 8; bit++)
	{
		if (t->flag_mask & (1 << bit))
			continue;
		memcpy(&again, v, t->size);
		again.bytes[CS_FLAGS_AT] |= (uint8_t) (1 << bit);
		FUZZ_CHECK(t->check(&again, &detail) == CS_ERR_INVALID);
	}
}

/*
 * Read the input as the text form of type t into v: true when it is a value
 * (whose round trips then hold); else the parse must fail with a detail.
 */
static inline bool
fuzz_from_text(const CsTypeDesc *t, const char *str, void *v)
{
	char		err[CS_ERRBUF_LEN];
	CsStatus	st;

	err[0] = '\0';
	st = cs_text_parse(t, str, v, err, sizeof(err));
	if (st != CS_OK)
	{
		FUZZ_CHECK(st == CS_ERR_SYNTAX && err[0] != '\0');
		return false;
	}
	fuzz_round_trips(t, v);
	return true;
}

/*
 * Read the start of the input, as many bytes as the wire form of type t
 * takes, as that form into v: true when it is a value (whose round trips
 * then hold, and which encodes to those bytes again); else the decode must
 * fail with a detail.  The whole input, when of another length, must be
 * refused.
 */
static inline bool
fuzz_from_wire(const CsTypeDesc *t, const uint8_t *data, size_t size, void *v)
{
	size_t		wlen = cs_wire_size(t);
	uint8_t		again[FUZZ_VALUE_MAX];
	char		err[CS_ERRBUF_LEN];
	CsStatus	st;

	if (size != wlen)
		FUZZ_CHECK(cs_wire_decode(t, data, size, v, NULL, 0) == CS_ERR_SYNTAX);
	if (size < wlen)
		return false;
	err[0] = '\0';
	st = cs_wire_decode(t, data, wlen, v, err, sizeof(err));
	if (st != CS_OK)
	{
		FUZZ_CHECK(st == CS_ERR_SYNTAX && err[0] != '\0');
		return false;
	}
	fuzz_round_trips(t, v);
	cs_wire_encode(t, v, again);
	FUZZ_CHECK(memcmp(again, data, wlen) == 0);
	return true;
}

/*
 * Take the start of the input as a stored value of type t into v: true when
 * the check accepts it (and its round trips then hold); else the check must
 * say why.
 */
static inline bool
fuzz_from_stored(const CsTypeDesc *t, const uint8_t *data, size_t size, void *v)
{
	const char *detail = NULL;

	if (size < t->size)
		return false;
	memcpy(v, data, t->size);
	if (t->check(v, &detail) != CS_OK)
	{
		FUZZ_CHECK(detail != NULL && detail[0] != '\0');
		return false;
	}
	fuzz_round_trips(t, v);
	return true;
}

#endif							/* FUZZ_UTIL_H */
