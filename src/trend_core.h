/*
 * trend_core.h
 *		The trend summary in plain C: its stored layout, its descriptor
 *		(validation, text and wire forms), the running least-squares fit
 *		(update, downdate, merge), the moving window of trend_agg's window
 *		mode, and the figures read from the fit.
 *
 * Nothing here includes server headers, so the code is unit-tested and
 * fuzzed without a server; trend.c holds the fmgr glue.  The update, the
 * merge and the window's add and remove are static inline: they run once
 * per row.
 */
#ifndef TREND_CORE_H
#define TREND_CORE_H

#include <float.h>
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
tr_sums_finite(const TrendValue *st)
{
	return isfinite(st->sum_v + st->syy + st->sxy);
}

/*
 * Tell whether the cross product lies within what the sums of squares allow
 * (Cauchy-Schwarz), with room for rounding and for underflow: squares of
 * differences below 1e-154 vanish from a sum of squares while the cross
 * products that hold them need not, so each sum may have lost up to
 * DBL_MIN a row.  The square roots keep the bound itself from underflowing.
 */
static inline bool
tr_cross_within(const TrendValue *v)
{
	double		n = (double) v->n;

	return !(fabs(v->sxy) > sqrt(v->sxx + 4.0 * n * DBL_MIN) *
			 sqrt(v->syy + 4.0 * n * DBL_MIN) * (1.0 + 1e-6));
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
	if (!tr_sums_finite(st))
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
	if (!tr_sums_finite(a))
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

/* ------------------------------------------------------------------------
 * The moving window (trend_agg's moving-aggregate mode)
 *
 * A window frame loses rows from its head in the order they were added.
 * The window keeps, besides the running fit, the frame's rows in a ring
 * buffer.  Why:
 *
 *	- first_at and last_at cannot be downdated from a summary: when the
 *	  earliest row leaves, the next earliest time is not in the summary.
 *	  Monotonic deques over the buffer give the frame's minimum and maximum
 *	  time in O(1) amortized, whatever the frame's row order.  A row drops
 *	  every candidate it outdates, ties included, so the times along the
 *	  minimum's deque strictly increase and along the maximum's strictly
 *	  decrease, and each deque holds at most one row per distinct time.
 *	- Welford downdates are the exact inverse of the updates in real
 *	  arithmetic but not in floating point: rounding errors of every update
 *	  and downdate stay in the sums, and when a row that dominates a sum
 *	  leaves (a 1e15 among ones, the last of several distinct times), the
 *	  remaining sums are mostly error.  Compensated sums only shrink the
 *	  first problem, and an exact integer path would not fit float8 values.
 *	  Instead the fit is rebuilt from the buffered rows, in the same order
 *	  a fresh aggregate would see them (so the fit is then bit for bit what
 *	  recomputing the frame gives):
 *		- when a downdate cancels catastrophically or leaves a sum that is
 *		  not finite (tr_remove says so);
 *		- after 16 n + 256 downdates since the last rebuild
 *		  (TREND_REBUILD_AFTER), which bounds the accumulated random-walk
 *		  error to about sqrt(16 n) units in the last place and costs 1/16
 *		  of an update per row, amortized;
 *		- when the frame shrinks to one row or none (exact zeros for the
 *		  spread);
 *		- when the downdates have left the fit one that tr_check refuses
 *		  (tr_window_drifted), so that every summary the window gives is
 *		  valid: the cross product a little beyond the sums of squares
 *		  where the frame's rows lie on a line, say.
 *	  Rebuilding here, rather than making the executor restart the frame,
 *	  needs no re-read of the frame.
 *	- Should a row that is not the oldest held be removed, the window says
 *	  so, and the caller recomputes the frame: correct, only slower.
 *
 * Rows are numbered in the order added (sequence numbers); a row lives in
 * the ring at its number & mask, the deques hold numbers.  Memory comes
 * from the allocator the window was created with; the loops that may run
 * long (growing, rebuilding, and a row that outdates millions of
 * candidates) call cs_progress every 65536 steps.
 * ------------------------------------------------------------------------
 */
typedef struct TrendWindow
{
	TrendValue	st;				/* the fit of the rows held; t_min/t_max unused */
	bool		calendar;		/* times are calendar times (date rows) */
	int64_t		removals;		/* downdates since the last rebuild */
	int64_t		head;			/* sequence number of the oldest row held */
	int64_t		tail;			/* sequence number the next row gets */
	int64_t		qmin_h,			/* deque of candidates for the earliest time */
				qmin_t;
	int64_t		qmax_h,			/* deque of candidates for the latest time */
				qmax_t;
	uint64_t	mask;			/* ring capacity - 1 (a power of two) */
	double	   *vals;			/* values, by sequence number & mask */
	int64_t    *times;			/* times, likewise */
	int64_t    *qmin;			/* sequence numbers, by deque position & mask */
	int64_t    *qmax;
	CsAllocator mem;			/* where the arrays live */
} TrendWindow;

/* the ring's first capacity (a power of two) */
#define TREND_WINDOW_INITIAL_CAP	64

/* downdates of a window of n rows after which its fit is rebuilt */
#define TREND_REBUILD_AFTER(n)	(16 * (n) + 256)

/* Create an empty window of the given kind of times through an allocator. */
extern TrendWindow *tr_window_create(const CsAllocator *mem, bool calendar);

/* Free a window and its arrays. */
extern void tr_window_free(TrendWindow *w);

/* Double the ring's capacity (tr_window_add calls it when the ring is full). */
extern void tr_window_grow(TrendWindow *w);

/*
 * Recompute the fit from the rows held, oldest first: CS_OK, or the status
 * of a row tr_add refuses (CS_ERR_RANGE when the sums overflow).
 */
extern CsStatus tr_window_rebuild(TrendWindow *w);

/*
 * Check a window's invariants: the ring and deques within bounds, each
 * deque's numbers increasing within the rows held, its times strictly
 * monotonic, its front the frame's extreme time, and the fit's count that
 * of the rows held.  CS_OK, or CS_ERR_INVALID with *detail saying what is
 * wrong (for the tests and fuzz targets; it walks every row).
 */
extern CsStatus tr_window_check(const TrendWindow *w, const char **detail);

/*
 * Tell whether downdates have left the window's fit one that tr_check
 * refuses: a spread of times that are all equal, or the cross product
 * beyond what the sums of squares allow.  A fit only ever updated since its
 * last rebuild cannot be.  A cross product well within (r^2 below 0.98,
 * with no product out of the doubles' normal range) needs no square root:
 * this runs once per row.
 */
static inline bool
tr_window_drifted(const TrendWindow *w)
{
	const TrendValue *v = &w->st;
	uint64_t	mask = w->mask;
	double		p = v->sxx * v->syy;

	if ((v->sxx != 0.0 || v->sxy != 0.0) &&
		w->times[w->qmin[w->qmin_h & mask] & mask] == w->times[w->qmax[w->qmax_h & mask] & mask])
		return true;
	if (v->sxy * v->sxy < 0.98 * p && p >= DBL_MIN && p <= DBL_MAX)
		return false;
	return !tr_cross_within(v);
}

/*
 * Append the row (v, t) to the frame: tr_add's statuses, the value checked
 * before anything changes (after CS_ERR_RANGE, the window is to be dropped:
 * the query fails).  The deques lose the candidates the row
 * outdates: one each on average, but a single row can outdate millions.
 */
static inline CsStatus
tr_window_add(TrendWindow *w, double v, int64_t t)
{
	uint64_t	mask;
	int64_t		s = w->tail;
	uint32_t	popped = 0;
	CsStatus	st = tr_add(&w->st, v, t, w->calendar);

	if (cs_unlikely(st != CS_OK))
		return st;
	if (cs_unlikely((uint64_t) (w->tail - w->head) > w->mask))
		tr_window_grow(w);
	mask = w->mask;
	w->vals[s & mask] = v;
	w->times[s & mask] = t;
	while (w->qmin_t > w->qmin_h &&
		   w->times[w->qmin[(w->qmin_t - 1) & mask] & mask] >= t)
	{
		w->qmin_t--;
		if ((++popped & 0xffff) == 0)
			cs_progress();
	}
	w->qmin[w->qmin_t++ & mask] = s;
	while (w->qmax_t > w->qmax_h &&
		   w->times[w->qmax[(w->qmax_t - 1) & mask] & mask] <= t)
	{
		w->qmax_t--;
		if ((++popped & 0xffff) == 0)
			cs_progress();
	}
	w->qmax[w->qmax_t++ & mask] = s;
	w->tail = s + 1;
	if (w->removals > 0 && cs_unlikely(tr_window_drifted(w)))
		return tr_window_rebuild(w);
	return CS_OK;
}

/*
 * Remove the oldest row, which must be (v, t): CS_OK; CS_NONE, with nothing
 * changed, when the frame is empty or its oldest row is another; or the
 * status of a failed rebuild (tr_window_rebuild).
 */
static inline CsStatus
tr_window_remove(TrendWindow *w, double v, int64_t t)
{
	uint64_t	mask = w->mask;
	int64_t		s = w->head;
	TrendValue *st = &w->st;

	if (w->tail == s || w->vals[s & mask] != v || w->times[s & mask] != t)
		return CS_NONE;
	if (w->qmin[w->qmin_h & mask] == s)
		w->qmin_h++;
	if (w->qmax[w->qmax_h & mask] == s)
		w->qmax_h++;
	w->head = s + 1;

	/* zero or one row left: exact, and cheap */
	if (st->n <= 2)
		return tr_window_rebuild(w);
	if (cs_unlikely(!tr_remove(st, v, t) ||
					++w->removals > TREND_REBUILD_AFTER(st->n) ||
					tr_window_drifted(w)))
		return tr_window_rebuild(w);
	return CS_OK;
}

/*
 * Give the summary of the frame, with its first and last times: CS_NONE
 * when the frame holds no row.
 */
static inline CsStatus
tr_window_value(const TrendWindow *w, TrendValue *out)
{
	if (w->st.n == 0)
		return CS_NONE;
	*out = w->st;
	out->t_min = w->times[w->qmin[w->qmin_h & w->mask] & w->mask];
	out->t_max = w->times[w->qmax[w->qmax_h & w->mask] & w->mask];
	return CS_OK;
}

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
