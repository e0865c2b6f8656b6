/*
 * trend_parse.h
 *		The trend summary in plain C: its stored layout, validation, and the
 *		text form (parse and format).
 *
 * Nothing here includes server headers, so the code can be unit-tested and
 * fuzzed without a server.  trend.c holds the fmgr glue.
 */
#ifndef TREND_PARSE_H
#define TREND_PARSE_H

#include <stddef.h>
#include <stdint.h>

/* format version stored in every value; in and receive reject any other */
#define TREND_VERSION		1

/* no flag bits are defined in version 1; every bit must be zero */
#define TREND_FLAGS_MASK	0x00

/*
 * The finite timestamptz range of the server (MIN_TIMESTAMP, END_TIMESTAMP
 * in datatype/timestamp.h), in microseconds since 2000-01-01 00:00 UTC.
 */
#define TREND_MIN_TS		INT64_C(-211813488000000000)
#define TREND_END_TS		INT64_C(9223371331200000000)

/*
 * The stored value: 96 bytes, double aligned, no padding.  Times are
 * timestamptz microseconds since 2000-01-01 00:00 UTC.  The fit is kept as
 * Welford accumulators of time in microseconds after t_ref and of value
 * minus v_ref (the first row the aggregate saw): dates around 2024 and
 * values near 1e9 then cost no precision in the running means, whose
 * rounding errors would otherwise enter every update of the cross product.
 * Microseconds, not days, because a time difference converts to a double
 * exactly (below 285 years) and without a division per row.
 * An empty value (n = 0) has every other field zero; a value of one row has
 * t_ref, t_min and t_max equal, v_ref equal to the sum and zero means.
 */
typedef struct TrendValue
{
	uint8_t		version;		/* TREND_VERSION */
	uint8_t		flags;			/* none defined: zero */
	uint8_t		reserved[6];	/* zero */
	int64_t		n;				/* rows aggregated */
	int64_t		t_ref;			/* origin of mean_t */
	int64_t		t_min;			/* earliest time */
	int64_t		t_max;			/* latest time */
	double		v_ref;			/* origin of mean_v */
	double		sum_v;			/* sum of values */
	double		mean_t;			/* mean time, microseconds after t_ref */
	double		mean_v;			/* mean value minus v_ref */
	double		sxx;			/* sum (t - mean_t)^2, microseconds^2 */
	double		syy;			/* sum (v - mean_v)^2 */
	double		sxy;			/* sum (t - mean_t)(v - mean_v), value microseconds */
} TrendValue;

/* length of a buffer that holds any formatted value */
#define TREND_TEXT_BUFLEN	384

/* Set v to the empty value. */
extern void trend_init(TrendValue *v);

/*
 * Check a value: version, flags and reserved bytes, a non-negative count,
 * finite numbers, times in range and in order, and fields consistent with
 * each other and the count.  Returns NULL when valid, otherwise a sentence
 * saying what is wrong.
 */
extern const char *trend_check(const TrendValue *v);

/*
 * Parse the text form into *v (and check it).  Returns 0 on success; on
 * failure -1 with a sentence saying what is wrong in errbuf.
 */
extern int	trend_parse(const char *str, TrendValue *v, char *errbuf, size_t errlen);

/*
 * Write the text form, which reads back bit for bit:
 *   v1 n=3 ref=... first=... last=... vref=... sum=... mt=... mv=... sxx=...
 *      syy=... sxy=...
 * buf must hold TREND_TEXT_BUFLEN bytes; returns the length.
 */
extern size_t trend_format(const TrendValue *v, char *buf);

#endif							/* TREND_PARSE_H */
