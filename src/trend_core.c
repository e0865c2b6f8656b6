/*
 * trend_core.c
 *		The trend summary in plain C: validation, the text form, the
 *		downdate and the moving window of the window mode, and the figures
 *		read from the fit (see trend_core.h).
 *
 * Edge cases, decided here and documented in the README:
 *	- an empty summary (n = 0; only the aggregates' initial state and its
 *	  text) gives NULL for every figure;
 *	- one row: mean, total; stddev and everything about the line are NULL;
 *	- all times equal: no line can be fitted, so slope, growth, r2,
 *	  slope_stderr, the intervals and forecasts are NULL;
 *	- values all equal (and times not): slope 0 and r2 1, as regr_r2 says
 *	  (the line explains everything there is to explain);
 *	- mean 0: growth is NULL;
 *	- slope_interval and forecast_interval need 3 rows (n - 2 degrees of
 *	  freedom).
 */
#include "trend_core.h"

#include <float.h>
#include <stdio.h>
#include <string.h>

/* the key=value items of the text form, in order */
#define TF(key, kind, member) {key, kind, offsetof(TrendValue, member), 0}
static const CsField trend_text[] = {
	TF("n", CS_FIELD_COUNT, n),
	TF("first", CS_FIELD_TIME, t_min),
	TF("last", CS_FIELD_TIME, t_max),
	TF("t_ref", CS_FIELD_TIME, t_ref),
	TF("v_ref", CS_FIELD_DOUBLE, v_ref),
	TF("sum", CS_FIELD_DOUBLE, sum_v),
	TF("t_mean", CS_FIELD_DOUBLE, mean_t),
	TF("v_mean", CS_FIELD_DOUBLE, mean_v),
	TF("sxx", CS_FIELD_DOUBLE, sxx),
	TF("syy", CS_FIELD_DOUBLE, syy),
	TF("sxy", CS_FIELD_DOUBLE, sxy),
};
#undef TF

/* the fields of the wire form, in order: 90 bytes */
#define TW(kind, member) {kind, offsetof(TrendValue, member)}
static const CsWireField trend_wire[] = {
	TW(CS_WIRE_BYTE, version),
	TW(CS_WIRE_BYTE, flags),
	TW(CS_WIRE_INT64, n),
	TW(CS_WIRE_INT64, t_ref),
	TW(CS_WIRE_INT64, t_min),
	TW(CS_WIRE_INT64, t_max),
	TW(CS_WIRE_FLOAT8, v_ref),
	TW(CS_WIRE_FLOAT8, sum_v),
	TW(CS_WIRE_FLOAT8, mean_t),
	TW(CS_WIRE_FLOAT8, mean_v),
	TW(CS_WIRE_FLOAT8, sxx),
	TW(CS_WIRE_FLOAT8, syy),
	TW(CS_WIRE_FLOAT8, sxy),
};
#undef TW

CS_ASSERT_HEADER(TrendValue);

/* Read the empty value, "n=0" alone, and refuse an empty text. */
static CsStatus
trend_text_special(const char *str, void *v, char *errbuf, size_t errlen)
{
	const char *p = cs_skip_space(str);

	(void) v;					/* cs_type_init's zero value is the empty one */
	if (*p == '\0')
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "The text is empty.");
	if (strncmp(p, "n=0", 3) == 0 && *cs_skip_space(p + 3) == '\0')
		return CS_OK;
	return CS_NONE;
}

/* Refuse the empty value written as items: it is "n=0" alone. */
static CsStatus
trend_text_refuse(const void *v, char *errbuf, size_t errlen)
{
	if (((const TrendValue *) v)->n == 0)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"An empty summary is written \"n=0\" alone.");
	return CS_OK;
}

/* Write the empty value as "n=0" alone; 0 for any other. */
static size_t
trend_format_special(const void *v, char *buf)
{
	if (((const TrendValue *) v)->n != 0)
		return 0;
	return (size_t) sprintf(buf, "n=0");
}

/* the descriptor of the trend type */
const CsTypeDesc tr_desc = {
	.name = "trend",
	.size = sizeof(TrendValue),
	.version = TREND_VERSION,
	.flag_mask = TREND_FLAGS_MASK,
	.calendar_flag = TREND_CALENDAR,
	CS_DESC_TEXT(trend_text),
	CS_DESC_WIRE(trend_wire),
	.check = tr_check,
	.text_special = trend_text_special,
	.text_refuse = trend_text_refuse,
	.format_special = trend_format_special,
};

/* Set v to the empty value. */
void
tr_init(TrendValue *v)
{
	cs_type_init(&tr_desc, v);
}

/* Tell whether d is +0 (not -0). */
static inline bool
plus_zero(double d)
{
	return d == 0.0 && !signbit(d);
}

/* Check a value's fields and their consistency (see trend_core.h). */
CsStatus
tr_check(const void *value, const char **detail)
{
	const TrendValue *v = value;
	double		n,
				lo,
				hi,
				slack,
				tol;

	if (v->version != TREND_VERSION)
		return (*detail = "The format version is unknown.", CS_ERR_INVALID);
	if ((v->flags & ~TREND_FLAGS_MASK) != 0)
		return (*detail = "Unknown flag bits are set.", CS_ERR_INVALID);
	if (!cs_all_zero(v->reserved, sizeof(v->reserved)))
		return (*detail = "Reserved bytes are not zero.", CS_ERR_INVALID);
	if (v->n < 0)
		return (*detail = "The count of rows is negative.", CS_ERR_INVALID);
	if (!isfinite(v->v_ref) || !isfinite(v->sum_v) || !isfinite(v->mean_t) ||
		!isfinite(v->mean_v) || !isfinite(v->sxx) || !isfinite(v->syy) ||
		!isfinite(v->sxy))
		return (*detail = "A field is not a finite number.", CS_ERR_INVALID);

	if (v->n == 0)
	{
		/* +0 exactly, as tr_init writes and "n=0" reads back */
		if (v->flags != 0 || v->t_ref != 0 || v->t_min != 0 || v->t_max != 0 ||
			!plus_zero(v->v_ref) || !plus_zero(v->sum_v) || !plus_zero(v->mean_t) ||
			!plus_zero(v->mean_v) || !plus_zero(v->sxx) || !plus_zero(v->syy) ||
			!plus_zero(v->sxy))
			return (*detail = "An empty summary has a non-zero field.", CS_ERR_INVALID);
		return CS_OK;
	}

	if (!cs_time_in_range(v->t_ref) || !cs_time_in_range(v->t_min) ||
		!cs_time_in_range(v->t_max))
		return (*detail = "A time is out of the range of timestamp with time zone.", CS_ERR_INVALID);
	if (v->t_min > v->t_max)
		return (*detail = "The first time is after the last time.", CS_ERR_INVALID);
	if (v->sxx < 0.0 || v->syy < 0.0)
		return (*detail = "A sum of squares is negative.", CS_ERR_INVALID);
	if (v->n == 1 &&
		(v->t_min != v->t_max || v->t_ref != v->t_min ||
		 v->mean_t != 0.0 || v->mean_v != 0.0 || v->sum_v != v->v_ref ||
		 v->sxx != 0.0 || v->syy != 0.0 || v->sxy != 0.0))
		return (*detail = "A summary of one row has a spread.", CS_ERR_INVALID);
	if (v->t_min == v->t_max && (v->sxx != 0.0 || v->sxy != 0.0))
		return (*detail = "The times are all equal but their spread is not zero.", CS_ERR_INVALID);

	/*
	 * the mean time lies between the first and last times, taken from t_ref
	 * exactly, as the updates take them (a time itself, as a double, is
	 * 128 microseconds coarse past the year 20,000)
	 */
	lo = cs_usecs_between(v->t_min, v->t_ref);
	hi = cs_usecs_between(v->t_max, v->t_ref);
	slack = 1e-9 * (fabs(lo) + fabs(hi) + 1.0);
	if (v->mean_t < lo - slack || v->mean_t > hi + slack)
		return (*detail = "The mean time is outside the first and last times.", CS_ERR_INVALID);

	if (!tr_cross_within(v))
		return (*detail = "The cross product exceeds what the sums of squares allow.", CS_ERR_INVALID);

	/*
	 * The sum and the mean agree, up to rounding of long or cancelling sums.
	 * Each update rounds the running mean by a part of the row's distance
	 * from it, and those distances add up to about sqrt(n * syy) at most,
	 * but for the ones whose squares underflowed out of syy: a row (or a
	 * merged part) whose term of syy underflows lies nearer the mean than
	 * sqrt(2 DBL_MIN), so those add up to less than 2 n sqrt(DBL_MIN),
	 * which the 4 n DBL_MIN under the root allows (as in Cauchy-Schwarz
	 * above).  Rows near 1e-170 that
	 * cancel then pass, and for values of any other size the added slack,
	 * tol times n times 3e-154, changes nothing.  The root of n is taken
	 * apart so that a large syy cannot make the bound infinite.
	 */
	n = (double) v->n;
	tol = n * 4.0 * DBL_EPSILON;
	if (tol < 1e-6)
		tol = 1e-6;
	if (fabs(v->sum_v - (n * v->v_ref + n * v->mean_v)) >
		tol * (fabs(v->sum_v) + n * fabs(v->v_ref) + n * fabs(v->mean_v) +
			   sqrt(n) * sqrt(v->syy + 4.0 * n * DBL_MIN)) + 1e-300)
		return (*detail = "The sum of values does not match their mean.", CS_ERR_INVALID);
	return CS_OK;
}

/* Parse and check the text form (see trend_core.h). */
CsStatus
tr_parse(const char *str, TrendValue *v, char *errbuf, size_t errlen)
{
	return cs_text_parse(&tr_desc, str, v, errbuf, errlen);
}

/* Write the text form, which reads back bit for bit. */
size_t
tr_format(const TrendValue *v, char *buf)
{
	return cs_text_format(&tr_desc, v, buf);
}

/* Remove a row from a summary of at least three rows; false: rebuild it. */
bool
tr_remove(TrendValue *st, double v, int64_t t)
{
	double		sxx_old = st->sxx,
				syy_old = st->syy;

	stats_welford2_remove((double) st->n, &st->mean_t, &st->mean_v,
						  &st->sxx, &st->syy, &st->sxy,
						  cs_usecs_between(t, st->t_ref), v - st->v_ref);
	st->n--;
	st->sum_v -= v;
	return tr_sums_finite(st) && isfinite(st->mean_t) && isfinite(st->mean_v) &&
		isfinite(st->sxx) &&
		!(sxx_old - st->sxx > TREND_CANCEL_FACTOR * st->sxx) &&
		!(syy_old - st->syy > TREND_CANCEL_FACTOR * st->syy);
}

/* ---- the moving window ------------------------------------------------- */

/* Create an empty window (see trend_core.h). */
TrendWindow *
tr_window_create(const CsAllocator *mem, bool calendar)
{
	TrendWindow *w = cs_alloc(mem, sizeof(TrendWindow));
	size_t		cap = TREND_WINDOW_INITIAL_CAP;

	memset(w, 0, sizeof(TrendWindow));
	tr_init(&w->st);
	w->calendar = calendar;
	w->mem = *mem;
	w->mask = cap - 1;
	w->vals = cs_alloc(mem, cap * sizeof(double));
	w->times = cs_alloc(mem, cap * sizeof(int64_t));
	w->qmin = cs_alloc(mem, cap * sizeof(int64_t));
	w->qmax = cs_alloc(mem, cap * sizeof(int64_t));
	return w;
}

/* Free a window and its arrays. */
void
tr_window_free(TrendWindow *w)
{
	CsAllocator mem = w->mem;

	cs_free(&mem, w->vals);
	cs_free(&mem, w->times);
	cs_free(&mem, w->qmin);
	cs_free(&mem, w->qmax);
	cs_free(&mem, w);
}

/* Call cs_progress on every 65536th step s of a loop that may run long. */
static inline void
progress_at(int64_t s)
{
	if ((s & 0xffff) == 0xffff)
		cs_progress();
}

/*
 * Double the ring's capacity, keeping every entry at its new slot.  A frame
 * may hold millions of rows; a query cancel during the copy leaves the
 * window on its old arrays.
 */
void
tr_window_grow(TrendWindow *w)
{
	uint64_t	oldmask = w->mask;
	uint64_t	cap = (oldmask + 1) * 2;
	uint64_t	mask = cap - 1;
	double	   *vals = cs_alloc(&w->mem, cap * sizeof(double));
	int64_t    *times = cs_alloc(&w->mem, cap * sizeof(int64_t));
	int64_t    *qmin = cs_alloc(&w->mem, cap * sizeof(int64_t));
	int64_t    *qmax = cs_alloc(&w->mem, cap * sizeof(int64_t));
	int64_t		s;

	for (s = w->head; s < w->tail; s++)
	{
		vals[s & mask] = w->vals[s & oldmask];
		times[s & mask] = w->times[s & oldmask];
		progress_at(s);
	}
	for (s = w->qmin_h; s < w->qmin_t; s++)
	{
		qmin[s & mask] = w->qmin[s & oldmask];
		progress_at(s);
	}
	for (s = w->qmax_h; s < w->qmax_t; s++)
	{
		qmax[s & mask] = w->qmax[s & oldmask];
		progress_at(s);
	}
	cs_free(&w->mem, w->vals);
	cs_free(&w->mem, w->times);
	cs_free(&w->mem, w->qmin);
	cs_free(&w->mem, w->qmax);
	w->vals = vals;
	w->times = times;
	w->qmin = qmin;
	w->qmax = qmax;
	w->mask = mask;
}

/* Recompute the fit from the rows held, oldest first. */
CsStatus
tr_window_rebuild(TrendWindow *w)
{
	int64_t		s;

	tr_init(&w->st);
	w->removals = 0;
	for (s = w->head; s < w->tail; s++)
	{
		CsStatus	st = tr_add(&w->st, w->vals[s & w->mask],
								w->times[s & w->mask], w->calendar);

		if (st != CS_OK)
			return st;
		progress_at(s - w->head);
	}
	return CS_OK;
}

/*
 * Check one deque of a window: numbers of rows held, in the order added,
 * times strictly increasing (dir > 0) or decreasing (dir < 0), the front
 * the frame's extreme time and the back its newest row.
 */
static CsStatus
check_deque(const TrendWindow *w, const int64_t *q, int64_t qh, int64_t qt,
			int dir, const char **detail)
{
	int64_t		i,
				s,
				extreme;

	if (qh > qt || (uint64_t) (qt - qh) > w->mask + 1)
		return (*detail = "A deque's bounds are out of order.", CS_ERR_INVALID);
	if ((qt == qh) != (w->tail == w->head))
		return (*detail = "A deque is empty but the frame is not, or the other way round.",
				CS_ERR_INVALID);
	if (qt == qh)
		return CS_OK;
	for (i = qh; i < qt; i++)
	{
		s = q[i & w->mask];
		if (s < w->head || s >= w->tail)
			return (*detail = "A deque holds a row that is not in the frame.", CS_ERR_INVALID);
		if (i > qh)
		{
			int64_t		p = q[(i - 1) & w->mask];
			int64_t		tp = w->times[p & w->mask],
						ts = w->times[s & w->mask];

			if (s <= p)
				return (*detail = "A deque's rows are not in the order added.", CS_ERR_INVALID);
			if (dir > 0 ? ts <= tp : ts >= tp)
				return (*detail = "A deque's times are not strictly monotonic.", CS_ERR_INVALID);
		}
	}
	extreme = w->times[q[qh & w->mask] & w->mask];
	for (s = w->head; s < w->tail; s++)
		if (dir > 0 ? w->times[s & w->mask] < extreme : w->times[s & w->mask] > extreme)
			return (*detail = "A deque's front is not the frame's extreme time.", CS_ERR_INVALID);
	if (q[(qt - 1) & w->mask] != w->tail - 1)
		return (*detail = "A deque does not end at the newest row.", CS_ERR_INVALID);
	return CS_OK;
}

/* Check a window's invariants (see trend_core.h). */
CsStatus
tr_window_check(const TrendWindow *w, const char **detail)
{
	CsStatus	st;

	if (((w->mask + 1) & w->mask) != 0 || w->mask + 1 < TREND_WINDOW_INITIAL_CAP)
		return (*detail = "The ring's capacity is not a power of two.", CS_ERR_INVALID);
	if (w->head > w->tail || (uint64_t) (w->tail - w->head) > w->mask + 1)
		return (*detail = "The ring holds more rows than it has room for.", CS_ERR_INVALID);
	if (w->st.n != w->tail - w->head)
		return (*detail = "The fit's count is not the number of rows held.", CS_ERR_INVALID);
	if (w->removals < 0 || w->removals > TREND_REBUILD_AFTER(w->st.n))
		return (*detail = "The count of downdates is past the rebuild point.", CS_ERR_INVALID);
	if ((st = check_deque(w, w->qmin, w->qmin_h, w->qmin_t, 1, detail)) != CS_OK)
		return st;
	return check_deque(w, w->qmax, w->qmax_h, w->qmax_t, -1, detail);
}

/* ---- the figures --------------------------------------------------------- */

/* Tell whether a line can be fitted: two rows at two distinct times. */
static inline bool
has_line(const TrendValue *v)
{
	return v->n >= 2 && v->sxx > 0.0;
}

/* Give the residual sum of squares of the fit (never negative). */
static inline double
residual_ss(const TrendValue *v)
{
	double		sse = v->syy - v->sxy * (v->sxy / v->sxx);

	return sse > 0.0 ? sse : 0.0;
}

/* Give r as the figure, or CS_ERR_RANGE when it overflowed. */
static inline CsStatus
tr_finite(double r, double *out)
{
	if (!isfinite(r))
		return CS_ERR_RANGE;
	*out = r;
	return CS_OK;
}

/* Give the sum of the values. */
CsStatus
tr_total(const TrendValue *v, double *out)
{
	if (v->n == 0)
		return CS_NONE;
	*out = v->sum_v;
	return CS_OK;
}

/*
 * Give the mean value as the sum over the count, as avg(float8) does: for
 * counts (integers) it is then the correctly rounded mean.
 */
CsStatus
tr_mean(const TrendValue *v, double *out)
{
	if (v->n == 0)
		return CS_NONE;
	*out = v->sum_v / (double) v->n;
	return CS_OK;
}

/* Give the sample standard deviation of the values (two rows at least). */
CsStatus
tr_stddev(const TrendValue *v, double *out)
{
	if (v->n < 2)
		return CS_NONE;
	*out = sqrt(v->syy / (double) (v->n - 1));
	return CS_OK;
}

/* Give the least-squares change in value per per_us microseconds. */
CsStatus
tr_slope(const TrendValue *v, double per_us, double *out)
{
	if (!has_line(v))
		return CS_NONE;
	return tr_finite(v->sxy / v->sxx * per_us, out);
}

/* Give the slope relative to the mean value. */
CsStatus
tr_growth(const TrendValue *v, double per_us, double *out)
{
	double		mean = v->n > 0 ? v->sum_v / (double) v->n : 0.0;

	if (!has_line(v) || mean == 0.0)
		return CS_NONE;
	return tr_finite(v->sxy / v->sxx * per_us / mean, out);
}

/* Give the coefficient of determination of the fit. */
CsStatus
tr_r2(const TrendValue *v, double *out)
{
	double		r2;

	if (!has_line(v))
		return CS_NONE;
	if (v->syy == 0.0)
	{
		*out = 1.0;
		return CS_OK;
	}
	r2 = (v->sxy / v->sxx) * (v->sxy / v->syy);
	*out = r2 > 1.0 ? 1.0 : r2;
	return CS_OK;
}

/* Give the standard error of the slope in value per microsecond (3 rows). */
static inline double
slope_se_us(const TrendValue *v)
{
	return sqrt(residual_ss(v) / (double) (v->n - 2) / v->sxx);
}

/* Give the standard error of the slope, per per_us (three rows at least). */
CsStatus
tr_slope_stderr(const TrendValue *v, double per_us, double *out)
{
	if (!has_line(v) || v->n < 3)
		return CS_NONE;
	return tr_finite(slope_se_us(v) * per_us, out);
}

/* Give the two-sided Student's t critical value for a confidence and df. */
static double
t_critical(double confidence, double df)
{
	return stats_t_quantile_upper((1.0 - confidence) / 2.0, df);
}

/* Give the slope and its confidence interval's half-width, per per_us. */
CsStatus
tr_slope_interval(const TrendValue *v, double confidence, double per_us,
				  double *best, double *half)
{
	CsStatus	st;

	if (!has_line(v) || v->n < 3)
		return CS_NONE;
	if ((st = tr_finite(v->sxy / v->sxx * per_us, best)) != CS_OK)
		return st;
	return tr_finite(t_critical(confidence, (double) (v->n - 2)) * slope_se_us(v) * per_us, half);
}

/* Give the fitted value at t and t's distance from the mean time. */
static inline double
fitted_at(const TrendValue *v, int64_t t, double *dx)
{
	*dx = cs_usecs_between(t, v->t_ref) - v->mean_t;
	return v->v_ref + (v->mean_v + v->sxy / v->sxx * *dx);
}

/* Give the fitted line's value at t. */
CsStatus
tr_forecast(const TrendValue *v, int64_t t, double *out)
{
	double		dx;

	if (!has_line(v))
		return CS_NONE;
	return tr_finite(fitted_at(v, t, &dx), out);
}

/* Give the fitted value at t and its prediction interval's half-width. */
CsStatus
tr_forecast_interval(const TrendValue *v, int64_t t, double confidence,
					 double *best, double *half)
{
	double		n,
				dx,
				s2;
	CsStatus	st;

	if (!has_line(v) || v->n < 3)
		return CS_NONE;
	n = (double) v->n;
	if ((st = tr_finite(fitted_at(v, t, &dx), best)) != CS_OK)
		return st;
	s2 = residual_ss(v) / (n - 2.0);
	return tr_finite(t_critical(confidence, n - 2.0) *
					 sqrt(s2 * (1.0 + 1.0 / n + dx * dx / v->sxx)), half);
}
