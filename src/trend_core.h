/*
 * trend_core.h
 *		The trend summary in plain C: its stored layout, its descriptor
 *		(validation, text and wire forms), the running least-squares fit
 *		(update, downdate, merge) and the figures read from it.
 *
 * Nothing here includes server headers, so the code is unit-tested and
 * fuzzed without a server; trend.c holds the fmgr glue.  The update and the
 * merge are static inline: they run once per row.
 */
#ifndef TREND_CORE_H
#define TREND_CORE_H

#include <math.h>

#include "common.h"
#include "stats.h"

/* format version stored in every value; in and receive reject any other */
#define TREND_VERSION		1

/* flag bits */
#define TREND_CALENDAR		0x01	/* built from dates (see common.h) */
#define TREND_FLAGS_MASK	0x01

/*
 * The stored value: 96 bytes, double aligned, no padding.  Times are
 * microseconds since 2000-01-01 (instants or calendar times, as the flag
 * says).  The fit is kept as Welford accumulators of time in microseconds
 * after t_ref and of value minus v_ref (the first row the aggregate saw):
 * dates around 2024 and values near 1e9 then cost no precision in the
 * running means, whose rounding errors would otherwise enter every update
 * of the cross product.  Microseconds, not days, because a time difference
 * converts to a double exactly (below 285 years) and without a division per
 * row.  An empty value (n = 0) has every other field zero; a value of one
 * row has t_ref, t_min and t_max equal, v_ref equal to the sum and zero
 * means.
 */
typedef struct TrendValue
{
	uint8_t		version;		/* TREND_VERSION */
	uint8_t		flags;			/* TREND_CALENDAR */
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
	double		sxy;			/* sum (t - mean_t)(v - mean_v) */
} TrendValue;

/* length of a buffer that holds any formatted value */
#define TREND_TEXT_BUFLEN	CS_KV_BUFLEN

/*
 * The descriptor of the type (see common.h), whose tables in trend_core.c
 * give the fields of the text and wire forms in order.  In the text, t_mean
 * counts microseconds after t_ref and v_mean is after v_ref; the empty
 * value is written "n=0" alone.
 */
extern const CsTypeDesc tr_desc;

/* Set v to the empty value. */
extern void tr_init(TrendValue *v);

/*
 * Check a value (a TrendValue): version, flags and reserved bytes, a
 * non-negative count, finite numbers, times in range and in order, and
 * fields consistent with each other and the count.  CS_OK, or
 * CS_ERR_INVALID with *detail a sentence saying what is wrong.
 */
extern CsStatus tr_check(const void *value, const char **detail);

/* Parse and check the text form into *v (cs_text_parse of tr_desc). */
extern CsStatus tr_parse(const char *str, TrendValue *v, char *errbuf, size_t errlen);

/* Write the text form, which reads back bit for bit; returns the length. */
extern size_t tr_format(const TrendValue *v, char *buf);

/*
 * Tell whether the running sums are still finite.  One test does: an
 * infinite sum_v, syy (>= 0) or sxy makes the total infinite or NaN, and
 * mean_v or sxx cannot overflow without syy or sxy doing so (a value
 * difference that overflows enters syy squared).
 */
static inline bool
tr_sums_tr_finite(const TrendValue *st)
{
	return isfinite(st->sum_v + st->syy + st->sxy);
}

/*
 * Add the row (v, t) to a summary; calendar says what kind of time t is.
 * CS_ERR_INVALID for a NaN or infinite value, CS_ERR_MIXED for a time of the
 * other kind than the summary's, CS_ERR_RANGE when the sums overflow.
 */
static inline CsStatus
tr_add(TrendValue *st, double v, int64_t t, bool calendar)
{
	if (!isfinite(v))
		return CS_ERR_INVALID;
	if (st->n == 0)
	{
		st->flags = calendar ? TREND_CALENDAR : 0;
		st->t_ref = st->t_min = st->t_max = t;
		st->n = 1;
		st->v_ref = v;
		st->sum_v = v;
		st->mean_t = 0.0;
		st->mean_v = 0.0;
		st->sxx = st->syy = st->sxy = 0.0;
		return CS_OK;
	}
	if (((st->flags & TREND_CALENDAR) != 0) != calendar)
		return CS_ERR_MIXED;
	if (t < st->t_min)
		st->t_min = t;
	if (t > st->t_max)
		st->t_max = t;
	stats_welford2_add((double) st->n, &st->mean_t, &st->mean_v,
					   &st->sxx, &st->syy, &st->sxy,
					   cs_usecs_between(t, st->t_ref), v - st->v_ref);
	st->n++;
	st->sum_v += v;
	if (!tr_sums_tr_finite(st))
		return CS_ERR_RANGE;
	return CS_OK;
}

/*
 * Merge summary b into a (Chan et al.), b's times moved to a's origin.
 * CS_ERR_MIXED for a calendar and an instant summary, CS_ERR_RANGE when the
 * sums overflow.
 */
static inline CsStatus
tr_merge(TrendValue *a, const TrendValue *b)
{
	if (b->n == 0)
		return CS_OK;
	if (a->n == 0)
	{
		*a = *b;
		return CS_OK;
	}
	if ((a->flags & TREND_CALENDAR) != (b->flags & TREND_CALENDAR))
		return CS_ERR_MIXED;
	stats_welford2_merge((double) a->n, &a->mean_t, &a->mean_v,
						 &a->sxx, &a->syy, &a->sxy,
						 (double) b->n,
						 b->mean_t + cs_usecs_between(b->t_ref, a->t_ref),
						 b->mean_v + (b->v_ref - a->v_ref),
						 b->sxx, b->syy, b->sxy);
	a->n += b->n;
	a->sum_v += b->sum_v;
	if (b->t_min < a->t_min)
		a->t_min = b->t_min;
	if (b->t_max > a->t_max)
		a->t_max = b->t_max;
	if (!tr_sums_tr_finite(a))
		return CS_ERR_RANGE;
	return CS_OK;
}

/*
 * a downdate that removes more than this many times what is left of sxx or
 * syy cancelled catastrophically: the relative error of what is left could
 * exceed 2^16 * 2^-53, about 7e-12
 */
#define TREND_CANCEL_FACTOR		65536.0

/*
 * Remove the row (v, t) from a summary of n >= 3 rows (the window's
 * inverse transition); t_min and t_max are left to the caller, who knows
 * the rows that stay.  The removed row must have been added.  Returns
 * false when what is left cannot be kept: the downdate cancelled
 * catastrophically (TREND_CANCEL_FACTOR), or a sum is no longer finite;
 * the caller then recomputes the summary from the rows that stay.
 */
extern bool tr_remove(TrendValue *st, double v, int64_t t);

/*
 * The figures.  Each gives CS_OK and *out, CS_NONE when the figure does not
 * exist for the data (an empty summary, one row, all rows at one time, too
 * few rows for an interval), or CS_ERR_RANGE when it overflows.  per_us is a
 * positive length of time in microseconds; confidence lies in (0, 1).
 */
extern CsStatus tr_total(const TrendValue *v, double *out);
extern CsStatus tr_mean(const TrendValue *v, double *out);
extern CsStatus tr_stddev(const TrendValue *v, double *out);
extern CsStatus tr_slope(const TrendValue *v, double per_us, double *out);
extern CsStatus tr_growth(const TrendValue *v, double per_us, double *out);
extern CsStatus tr_r2(const TrendValue *v, double *out);
extern CsStatus tr_slope_stderr(const TrendValue *v, double per_us, double *out);

/* The slope and the half-width of its two-sided confidence interval. */
extern CsStatus tr_slope_interval(const TrendValue *v, double confidence,
									 double per_us, double *best, double *half);

/* The fitted line's value at t (a time of the summary's kind). */
extern CsStatus tr_forecast(const TrendValue *v, int64_t t, double *out);

/* The fitted value at t and the half-width of the prediction interval there. */
extern CsStatus tr_forecast_interval(const TrendValue *v, int64_t t,
										double confidence, double *best, double *half);

#endif							/* TREND_CORE_H */
