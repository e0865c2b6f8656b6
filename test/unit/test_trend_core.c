/*
 * test_trend_core.c
 *		Unit tests of the plain-C trend core (src/trend_core.c): the running
 *		fit (tr_add, tr_merge, tr_remove), the moving window against a
 *		fresh fit of every frame, every figure against reference values, the cases that have no figure, the kinds of time, overflow,
 *		the text form of calendar and instant values, validation, and the
 *		numerically stable helpers and Student's t quantile of src/stats.h.
 *
 * Prints TAP.  Built by test/Makefile with AddressSanitizer and UBSan.
 *
 * The reference figures of the fixed data sets below were computed apart,
 * with numpy 1.24 and statsmodels 0.13 (ordinary least squares of value on
 * time in days: params, bse, rsquared, conf_int, and get_prediction's
 * obs_ci for the prediction interval), and are checked to a relative 1e-9.
 * The t quantiles are checked against values computed with 50-digit
 * arithmetic (the inverse of the regularized incomplete beta function).
 */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "tap.h"
#include "unit.h"
#include "trend_core.h"

/* one day in microseconds, as a double (the per_us of daily figures) */
#define DAY_US		((double) CS_USECS_PER_DAY)

/* 2024-01-01 and 2024-03-10 in microseconds since 2000-01-01 */
#define JAN1_2024	(INT64_C(8766) * CS_USECS_PER_DAY)
#define MAR10_2024	(INT64_C(8835) * CS_USECS_PER_DAY)

/* Give a random double in [lo, hi). */
static double
uniform(double lo, double hi)
{
	return lo + (hi - lo) * ((double) (next_random() >> 11) / 9007199254740992.0);
}

/* Name a status for diagnostics. */
/* Say whether got is within a relative tol of want (absolute near 0). */
/* Check a figure's status and value against a reference. */
static void
check_figure(const char *set, const char *what, CsStatus st, double got, double want, double tol)
{
	if (!ok(st == CS_OK && close_to(got, want, tol), "%s: %s is %.12g", set, what, want))
		diag("got %s %.17g, want %.17g (relative error %.3g)", status_name(st), got, want,
			 fabs(got - want) / fabs(want));
}

/* Build a summary of rows at t[i] microseconds with values y[i]. */
static CsStatus
build(TrendValue *v, const int64_t *t, const double *y, int n, bool calendar)
{
	int			i;
	CsStatus	st = CS_OK;

	tr_init(v);
	for (i = 0; i < n && st == CS_OK; i++)
		st = tr_add(v, y[i], t[i], calendar);
	return st;
}

/* a fixed data set and its reference figures (per day) */
typedef struct RefSet
{
	const char *name;
	int			n;
	int64_t		t0;				/* time of day 0 */
	double		days[8];		/* row times, days after t0 */
	double		y[8];
	double		at_day;			/* forecast at t0 + at_day days */
	double		total,
				mean,
				stddev,
				slope,
				growth,
				r2,
				slope_se,
				slope_half95,	/* half-width of the 95% interval of the slope */
				forecast,
				pred_half95,	/* half-width of the 95% prediction interval */
				slope_half90,
				pred_half90;
} RefSet;

static const RefSet ref_sets[] = {
	/* the README's example: days 0,1,2,4,7 */
	{"A (calendar)", 5, JAN1_2024, {0, 1, 2, 4, 7}, {10, 12, 15, 15, 22}, 10,
		74, 14.8, 4.54972526643093, 1.5844155844155847, 0.10705510705510707,
		0.9338101512014556, 0.24354256587073936, 0.7750611389347837,
	26.207792207792206, 7.30369190854292, 0.5731441693380134, 5.400952546499472},
	/* three rows: one degree of freedom for the intervals */
	{"B (three rows)", 3, JAN1_2024, {0, 3, 5}, {100, 130, 125}, 6,
		355, 118.33333333333333, 16.072751268321593, 5.39473684210526, 0.04558932542624164,
		0.713497453310696, 3.4185213307280473, 43.43643192409086,
	136.3157894736842, 229.84399342226249, 0, 0},
	/* values near 1e15: their differences hold every digit of the fit */
	{"C (near 1e15)", 6, JAN1_2024, {0, 1, 2, 3, 5, 8},
		{1e15 + 3, 1e15 - 2, 1e15 + 10, 1e15 + 4, 1e15 + 20, 1e15 + 17}, 9,
		6000000000000052.0, 1000000000000008.625, 8.57126983980009, 2.365758754863812,
		2.3657587548637916e-15, 0.6526231047900175, 0.8629978273678534, 2.396066093591811,
	1e15 + 22.466926070038898, 21.960308488003243, 0, 0},
	/* instants at hours 0, 6, 30, 49.5 and 72, negative values */
	{"D (instants, negative)", 5, MAR10_2024, {0, 0.25, 1.25, 2.0625, 3},
		{-5.5, -3.25, -4, 0.5, -1}, 4,
		-13.25, -2.65, 2.3953079134006967, 1.5336658354114714, -0.5787418246835742,
		0.642159918830375, 0.660987140081589, 2.1035560817930645,
	1.4717269326683304, 8.076506602047406, 0, 0},
};

/* Give the time of a reference set's row i. */
static int64_t
ref_time(const RefSet *s, double day)
{
	return s->t0 + (int64_t) llround(day * DAY_US);
}

/* Check every figure of the reference sets. */
static void
test_reference_figures(void)
{
	size_t		k;

	for (k = 0; k < sizeof(ref_sets) / sizeof(ref_sets[0]); k++)
	{
		const RefSet *s = &ref_sets[k];
		TrendValue	v;
		int64_t		t[8];
		int			i;
		double		x = 0,
					best = 0,
					half = 0;
		bool		calendar = (k != 3);
		CsStatus	st;
		int64_t		at;

		for (i = 0; i < s->n; i++)
			t[i] = ref_time(s, s->days[i]);
		at = ref_time(s, s->at_day);
		st = build(&v, t, s->y, s->n, calendar);
		ok(st == CS_OK && v.n == s->n && v.t_min == t[0] && v.t_max == t[s->n - 1] &&
		   ((v.flags & TREND_CALENDAR) != 0) == calendar, "%s: %d rows added", s->name, s->n);

		st = tr_total(&v, &x);
		check_figure(s->name, "total", st, x, s->total, 1e-15);
		st = tr_mean(&v, &x);
		check_figure(s->name, "mean", st, x, s->mean, 1e-15);
		st = tr_stddev(&v, &x);
		check_figure(s->name, "stddev", st, x, s->stddev, 1e-9);
		st = tr_slope(&v, DAY_US, &x);
		check_figure(s->name, "slope per day", st, x, s->slope, 1e-9);
		st = tr_slope(&v, 3600e6, &x);
		check_figure(s->name, "slope per hour", st, x, s->slope / 24, 1e-9);
		st = tr_growth(&v, DAY_US, &x);
		check_figure(s->name, "growth per day", st, x, s->growth, 1e-9);
		st = tr_r2(&v, &x);
		check_figure(s->name, "r2", st, x, s->r2, 1e-9);
		st = tr_slope_stderr(&v, DAY_US, &x);
		check_figure(s->name, "slope standard error per day", st, x, s->slope_se, 1e-9);
		st = tr_slope_interval(&v, 0.95, DAY_US, &best, &half);
		check_figure(s->name, "95% slope interval: slope", st, best, s->slope, 1e-9);
		check_figure(s->name, "95% slope interval: half-width", st, half, s->slope_half95, 1e-9);
		if (s->slope_half90 > 0)
		{
			st = tr_slope_interval(&v, 0.90, DAY_US, &best, &half);
			check_figure(s->name, "90% slope interval: half-width", st, half, s->slope_half90, 1e-9);
		}
		st = tr_forecast(&v, at, &x);
		if (k == 2)
		{
			/* a forecast near 1e15 is as good as its last bit (0.125) */
			if (!ok(st == CS_OK && fabs(x - s->forecast) <= 0.125,
					"%s: forecast at day %g is %.17g within an ulp", s->name, s->at_day, s->forecast))
				diag("got %s %.17g", status_name(st), x);
		}
		else
			check_figure(s->name, "forecast", st, x, s->forecast, 1e-9);
		st = tr_forecast_interval(&v, at, 0.95, &best, &half);
		if (k == 2)
			ok(st == CS_OK && fabs(best - s->forecast) <= 0.125, "%s: forecast interval's best", s->name);
		else
			check_figure(s->name, "95% prediction interval: forecast", st, best, s->forecast, 1e-9);
		check_figure(s->name, "95% prediction interval: half-width", st, half, s->pred_half95, 1e-9);
		if (s->pred_half90 > 0)
		{
			st = tr_forecast_interval(&v, at, 0.90, &best, &half);
			check_figure(s->name, "90% prediction interval: half-width", st, half, s->pred_half90, 1e-9);
		}
		if (k == 0)
		{
			/* the interval bounds the README shows */
			st = tr_slope_interval(&v, 0.95, DAY_US, &best, &half);
			ok(st == CS_OK && close_to(best - half, 0.809354445480801, 1e-9) &&
			   close_to(best + half, 2.3594767233503684, 1e-9),
			   "A: 95%% slope interval [0.80935445, 2.35947672]");
			st = tr_forecast_interval(&v, at, 0.95, &best, &half);
			ok(st == CS_OK && close_to(best - half, 18.904100299249286, 1e-9) &&
			   close_to(best + half, 33.511484116335126, 1e-9),
			   "A: 95%% prediction interval at day 10 [18.9041003, 33.51148412]");
		}
	}

	/* the same rows as instants and as calendar times give the same figures */
	{
		const RefSet *s = &ref_sets[0];
		TrendValue	a,
					b;
		int64_t		t[8];
		int			i;
		double		x,
					y;

		for (i = 0; i < s->n; i++)
			t[i] = ref_time(s, s->days[i]);
		build(&a, t, s->y, s->n, true);
		build(&b, t, s->y, s->n, false);
		ok(tr_slope(&a, DAY_US, &x) == CS_OK && tr_slope(&b, DAY_US, &y) == CS_OK && x == y &&
		   b.flags == 0 && a.flags == TREND_CALENDAR &&
		   memcmp((char *) &a + 8, (char *) &b + 8, sizeof(a) - 8) == 0,
		   "calendar and instant rows at the same microseconds give the same sums; only the flag differs");
	}
}

/* Check the cases that have no figure, and the ones that do. */
static void
test_no_figure(void)
{
	TrendValue	v;
	double		x,
				h;
	int64_t		t3[3] = {JAN1_2024, JAN1_2024, JAN1_2024};
	double		y3[3] = {1, 2, 4};
	int64_t		t2[2] = {JAN1_2024, JAN1_2024 + CS_USECS_PER_DAY};
	double		y2[2] = {-1, 1};
	double		same[3] = {7, 7, 7};
	int64_t		t3d[3] = {JAN1_2024, JAN1_2024 + CS_USECS_PER_DAY, JAN1_2024 + 3 * CS_USECS_PER_DAY};

	/* empty */
	tr_init(&v);
	ok(tr_total(&v, &x) == CS_NONE && tr_mean(&v, &x) == CS_NONE && tr_stddev(&v, &x) == CS_NONE &&
	   tr_slope(&v, DAY_US, &x) == CS_NONE && tr_growth(&v, DAY_US, &x) == CS_NONE &&
	   tr_r2(&v, &x) == CS_NONE && tr_slope_stderr(&v, DAY_US, &x) == CS_NONE &&
	   tr_slope_interval(&v, 0.95, DAY_US, &x, &h) == CS_NONE &&
	   tr_forecast(&v, 0, &x) == CS_NONE && tr_forecast_interval(&v, 0, 0.95, &x, &h) == CS_NONE,
	   "an empty summary has no figure (CS_NONE)");

	/* one row */
	build(&v, t3, y3, 1, false);
	ok(tr_total(&v, &x) == CS_OK && x == 1 && tr_mean(&v, &x) == CS_OK && x == 1,
	   "one row: total and mean");
	ok(tr_stddev(&v, &x) == CS_NONE && tr_slope(&v, DAY_US, &x) == CS_NONE &&
	   tr_growth(&v, DAY_US, &x) == CS_NONE && tr_r2(&v, &x) == CS_NONE &&
	   tr_slope_stderr(&v, DAY_US, &x) == CS_NONE && tr_forecast(&v, 0, &x) == CS_NONE &&
	   tr_slope_interval(&v, 0.95, DAY_US, &x, &h) == CS_NONE &&
	   tr_forecast_interval(&v, 0, 0.95, &x, &h) == CS_NONE,
	   "one row: no stddev and nothing about the line");

	/* all times equal */
	build(&v, t3, y3, 3, true);
	ok(tr_total(&v, &x) == CS_OK && x == 7 && tr_stddev(&v, &x) == CS_OK &&
	   close_to(x, sqrt(7.0 / 3.0), 1e-15), "three rows at one time: total 7 and stddev sqrt(7/3)");
	ok(tr_slope(&v, DAY_US, &x) == CS_NONE && tr_growth(&v, DAY_US, &x) == CS_NONE &&
	   tr_r2(&v, &x) == CS_NONE && tr_slope_stderr(&v, DAY_US, &x) == CS_NONE &&
	   tr_slope_interval(&v, 0.95, DAY_US, &x, &h) == CS_NONE &&
	   tr_forecast(&v, JAN1_2024, &x) == CS_NONE &&
	   tr_forecast_interval(&v, JAN1_2024, 0.95, &x, &h) == CS_NONE,
	   "three rows at one time: no line (CS_NONE)");

	/* two rows: a line, no interval */
	build(&v, t2, y2, 2, false);
	ok(tr_slope(&v, DAY_US, &x) == CS_OK && x == 2 && tr_r2(&v, &x) == CS_OK && x == 1 &&
	   tr_forecast(&v, JAN1_2024 + 2 * CS_USECS_PER_DAY, &x) == CS_OK && close_to(x, 3, 1e-15),
	   "two rows: slope 2 per day, r2 1, forecast 3 a day later");
	ok(tr_slope_stderr(&v, DAY_US, &x) == CS_NONE &&
	   tr_slope_interval(&v, 0.95, DAY_US, &x, &h) == CS_NONE &&
	   tr_forecast_interval(&v, JAN1_2024, 0.95, &x, &h) == CS_NONE,
	   "two rows: no standard error, no interval");
	ok(tr_mean(&v, &x) == CS_OK && x == 0 && tr_growth(&v, DAY_US, &x) == CS_NONE,
	   "mean 0: no growth");

	/* equal values at distinct times */
	build(&v, t3d, same, 3, true);
	ok(tr_slope(&v, DAY_US, &x) == CS_OK && x == 0 && tr_r2(&v, &x) == CS_OK && x == 1 &&
	   tr_slope_stderr(&v, DAY_US, &x) == CS_OK && x == 0 && tr_growth(&v, DAY_US, &x) == CS_OK && x == 0,
	   "equal values: slope 0, r2 1 (as regr_r2), standard error 0, growth 0");
	ok(tr_slope_interval(&v, 0.95, DAY_US, &x, &h) == CS_OK && x == 0 && h == 0 &&
	   tr_forecast_interval(&v, JAN1_2024, 0.95, &x, &h) == CS_OK && x == 7 && h == 0,
	   "equal values: intervals of width 0");
}

/* Check the kinds of time, bad rows and overflow. */
static void
test_kinds_and_overflow(void)
{
	TrendValue	v,
				w,
				before;
	double		x,
				h;

	tr_init(&v);
	ok(tr_add(&v, 5, JAN1_2024, false) == CS_OK && v.flags == 0, "a first instant row makes an instant summary");
	before = v;
	ok(tr_add(&v, 6, JAN1_2024 + 1, true) == CS_ERR_MIXED && memcmp(&v, &before, sizeof(v)) == 0,
	   "a calendar row in an instant summary is CS_ERR_MIXED and changes nothing");
	tr_init(&w);
	ok(tr_add(&w, 5, JAN1_2024, true) == CS_OK && w.flags == TREND_CALENDAR &&
	   tr_add(&w, 6, JAN1_2024 + 1, false) == CS_ERR_MIXED,
	   "an instant row in a calendar summary is CS_ERR_MIXED");
	ok(tr_merge(&v, &w) == CS_ERR_MIXED && memcmp(&v, &before, sizeof(v)) == 0 &&
	   tr_merge(&w, &v) == CS_ERR_MIXED, "merging a calendar and an instant summary is CS_ERR_MIXED, either way");
	ok(tr_add(&v, NAN, JAN1_2024, false) == CS_ERR_INVALID &&
	   tr_add(&v, INFINITY, JAN1_2024, false) == CS_ERR_INVALID &&
	   tr_add(&v, -INFINITY, JAN1_2024, false) == CS_ERR_INVALID && memcmp(&v, &before, sizeof(v)) == 0,
	   "NaN and infinite values are CS_ERR_INVALID and change nothing");
	tr_init(&w);
	ok(tr_add(&w, NAN, 0, true) == CS_ERR_INVALID && w.n == 0 && w.flags == 0,
	   "a NaN first row leaves the summary empty");

	/* overflow of the sums */
	tr_init(&v);
	ok(tr_add(&v, 1e308, 0, false) == CS_OK && tr_add(&v, 1e308, 1, false) == CS_ERR_RANGE,
	   "1e308 + 1e308: the sum overflows, CS_ERR_RANGE");
	tr_init(&v);
	ok(tr_add(&v, -1e308, 0, false) == CS_OK && tr_add(&v, 1e308, 1, false) == CS_ERR_RANGE,
	   "-1e308 then 1e308: the sum of squares overflows, CS_ERR_RANGE");
	tr_init(&v);
	tr_add(&v, 1e308, 0, false);
	tr_init(&w);
	tr_add(&w, 1e308, 5, false);
	ok(tr_merge(&v, &w) == CS_ERR_RANGE, "merging two sums of 1e308 is CS_ERR_RANGE");

	/* figures that overflow: values 1e150 a microsecond apart */
	tr_init(&v);
	ok(tr_add(&v, 0, 0, false) == CS_OK && tr_add(&v, 2e150, 1, false) == CS_OK &&
	   tr_add(&v, 3e150, 3, false) == CS_OK, "rows of 1e150 a microsecond apart add");
	ok(tr_slope(&v, 1e300, &x) == CS_ERR_RANGE, "a slope beyond the doubles is CS_ERR_RANGE");
	ok(tr_growth(&v, 1e300, &x) == CS_ERR_RANGE, "a growth beyond the doubles is CS_ERR_RANGE");
	ok(tr_slope_stderr(&v, 1e300, &x) == CS_ERR_RANGE &&
	   tr_slope_interval(&v, 0.95, 1e300, &x, &h) == CS_ERR_RANGE,
	   "a standard error or slope interval beyond the doubles is CS_ERR_RANGE");
	ok(tr_forecast(&v, CS_TS_END - 1, &x) == CS_OK && isfinite(x) && x > 1e168,
	   "a forecast at the end of the range stays finite");
	ok(tr_forecast_interval(&v, CS_TS_END - 1, 0.95, &x, &h) == CS_ERR_RANGE,
	   "a prediction interval beyond the doubles is CS_ERR_RANGE");

	/* the whole time range: differences beyond int64 */
	ok(cs_usecs_between(CS_TS_END - 1, CS_TS_MIN) == (double) (CS_TS_END - 1) - (double) CS_TS_MIN &&
	   cs_usecs_between(CS_TS_MIN, CS_TS_END - 1) < -9.4e18 && cs_usecs_between(5, 3) == 2,
	   "cs_usecs_between of times further apart than int64 holds is the difference of the doubles");
	tr_init(&v);
	ok(tr_add(&v, 1, CS_TS_MIN, false) == CS_OK && tr_add(&v, 2, CS_TS_END - 1, false) == CS_OK &&
	   tr_add(&v, 3, 0, false) == CS_OK && tr_slope(&v, DAY_US, &x) == CS_OK && isfinite(x) && x > 0,
	   "rows at both ends of the range fit a finite line");
	{
		char		buf[CS_KV_BUFLEN];
		TrendValue	back;
		const char *detail;

		tr_format(&v, buf);
		ok(tr_check(&v, &detail) == CS_OK && tr_parse(buf, &back, NULL, 0) == CS_OK &&
		   memcmp(&v, &back, sizeof(v)) == 0, "and read back through the text form (%s)", buf);
	}
}

/* Say whether the fits of two summaries agree to a relative tol. */
static int
same_fit(const TrendValue *a, const TrendValue *b, double tol)
{
	double		sa,
				sb,
				ra,
				rb,
				ma,
				mb;

	if (a->n != b->n || a->t_min != b->t_min || a->t_max != b->t_max || a->flags != b->flags)
		return 0;
	if (tr_slope(a, DAY_US, &sa) != CS_OK || tr_slope(b, DAY_US, &sb) != CS_OK ||
		tr_r2(a, &ra) != CS_OK || tr_r2(b, &rb) != CS_OK ||
		tr_mean(a, &ma) != CS_OK || tr_mean(b, &mb) != CS_OK)
		return 0;
	return close_to(sa, sb, tol) && close_to(ra, rb, tol) && close_to(ma, mb, tol) &&
		close_to(a->syy, b->syy, tol) && close_to(a->sxx, b->sxx, tol);
}

/* Check merge and remove against one pass over the rows. */
static void
test_merge_remove(void)
{
	const RefSet *s = &ref_sets[0];
	int64_t		t[8];
	TrendValue	all,
				a,
				b,
				e;
	int			i,
				bad = 0,
				bad_remove = 0,
				r;

	for (i = 0; i < s->n; i++)
		t[i] = ref_time(s, s->days[i]);
	build(&all, t, s->y, s->n, true);

	/* merge {0, 2, 7} and {1, 4} */
	tr_init(&a);
	tr_init(&b);
	for (i = 0; i < s->n; i++)
		tr_add(i % 2 == 0 ? &a : &b, s->y[i], t[i], true);
	ok(tr_merge(&a, &b) == CS_OK && same_fit(&a, &all, 1e-13) && a.sum_v == all.sum_v,
	   "A: merging alternate rows equals one pass");
	{
		double		x;

		ok(tr_slope(&a, DAY_US, &x) == CS_OK && close_to(x, s->slope, 1e-12),
		   "A: the merged slope is the reference slope");
	}

	/* merging with an empty summary changes nothing; into one copies */
	tr_init(&e);
	a = all;
	ok(tr_merge(&a, &e) == CS_OK && memcmp(&a, &all, sizeof(a)) == 0, "merging an empty summary in changes nothing");
	ok(tr_merge(&e, &all) == CS_OK && memcmp(&e, &all, sizeof(e)) == 0, "merging into an empty summary copies");

	/* remove two rows added after the set's own */
	a = all;
	tr_add(&a, 30, t[0] + 9 * CS_USECS_PER_DAY, true);
	tr_add(&a, 5, t[0] + 11 * CS_USECS_PER_DAY, true);
	tr_remove(&a, 30, t[0] + 9 * CS_USECS_PER_DAY);
	tr_remove(&a, 5, t[0] + 11 * CS_USECS_PER_DAY);
	a.t_max = all.t_max;
	ok(same_fit(&a, &all, 1e-12) && a.n == 5 && a.sum_v == all.sum_v,
	   "A: adding two rows and removing them gives back the fit");

	/* random rows: random splits merge to one pass, removal refits */
	for (r = 0; r < 500; r++)
	{
		int			n = 3 + (int) (next_random() % 60);
		int64_t		tt[64];
		double		yy[64];
		int			cut = 1 + (int) (next_random() % (uint64_t) (n - 1));
		int			drop = (int) (next_random() % (uint64_t) (n - 2));
		double		scale = (r % 3 == 0) ? 1e9 : (r % 3 == 1) ? 1 : -3.5e-3;
		bool		cal = (r & 1) != 0;

		for (i = 0; i < n; i++)
		{
			tt[i] = JAN1_2024 + (int64_t) (uniform(-400, 400) * 86400.0) * 1000000;
			yy[i] = scale * (100 + 3 * i + uniform(-10, 10));
		}
		build(&all, tt, yy, n, cal);
		build(&a, tt, yy, cut, cal);
		build(&b, tt + cut, yy + cut, n - cut, cal);
		if (tr_merge(&a, &b) != CS_OK || !same_fit(&a, &all, 1e-9))
		{
			if (bad++ < 3)
				diag("random set %d: merge at %d of %d differs", r, cut, n);
		}
		/* remove the rows from drop on, in order, down to drop rows... keep at least 2 */
		a = all;
		for (i = n - 1; i >= drop && i >= 2; i--)
			tr_remove(&a, yy[i], tt[i]);
		build(&b, tt, yy, i + 1, cal);
		a.t_min = b.t_min;
		a.t_max = b.t_max;
		if (i + 1 >= 2 && b.sxx > 0 && !same_fit(&a, &b, 1e-6))
		{
			if (bad_remove++ < 3)
				diag("random set %d: removing down to %d rows of %d differs", r, i + 1, n);
		}
	}
	ok(bad == 0, "500 random sets: a merge of two parts equals one pass (%d bad)", bad);
	ok(bad_remove == 0, "500 random sets: removing rows equals the fit of the rows left (%d bad)", bad_remove);
}

/* ------------------------------------------------------------------------
 * The moving window, against a fresh fit of each frame
 */

/* a frame as the tests keep it: its rows, oldest first */
typedef struct Frame
{
	double	   *v;
	int64_t    *t;
	int			head;
	int			tail;
} Frame;

/* Fit the frame's rows afresh, oldest first, with their first and last times. */
static CsStatus
fresh_fit(const Frame *f, bool calendar, TrendValue *out)
{
	int			i;
	CsStatus	st;

	tr_init(out);
	for (i = f->head; i < f->tail; i++)
		if ((st = tr_add(out, f->v[i], f->t[i], calendar)) != CS_OK)
			return st;
	return CS_OK;
}

/*
 * Say whether a window's summary agrees with a fresh fit of its frame: the
 * count, kind and first and last times exactly, the fit to a relative tol
 * of the frame's own spread (tol 0: bit for bit).
 */
static int
window_agrees(const TrendValue *a, const TrendValue *b, double tol)
{
	double		dt,
				scale_t,
				scale_v;

	if (a->n != b->n || a->flags != b->flags || a->t_min != b->t_min || a->t_max != b->t_max)
		return 0;
	if (tol == 0)
		return memcmp(a, b, sizeof(TrendValue)) == 0;
	if (b->n == 0)
		return memcmp(a, b, sizeof(TrendValue)) == 0;
	/* the means on a common origin, the sums against the frame's spread */
	dt = cs_usecs_between(a->t_ref, b->t_ref);
	scale_t = cs_usecs_between(b->t_max, b->t_min) + 1.0;
	scale_v = sqrt(b->syy / (double) b->n) + fabs(b->sum_v / (double) b->n) + 1e-300;
	return fabs((a->mean_t + dt) - b->mean_t) <= tol * scale_t &&
		fabs((a->v_ref + a->mean_v) - (b->v_ref + b->mean_v)) <= tol * scale_v &&
		fabs(a->sum_v - b->sum_v) <= tol * scale_v * (double) b->n &&
		fabs(a->sxx - b->sxx) <= tol * (b->sxx + 1e-300) &&
		fabs(a->syy - b->syy) <= tol * (b->syy + 1e-300) &&
		fabs(a->sxy - b->sxy) <= tol * (sqrt(b->sxx) * sqrt(b->syy) + 1e-300);
}

/* Give a random time of a sequence's pattern around 2024, ties likely. */
static int64_t
pattern_time(int pattern, int i)
{
	switch (pattern)
	{
		case 0:					/* daily, in order */
			return JAN1_2024 + (int64_t) i * CS_USECS_PER_DAY;
		case 1:					/* daily, backwards */
			return JAN1_2024 - (int64_t) i * CS_USECS_PER_DAY;
		case 2:					/* a few distinct days: many ties */
			return JAN1_2024 + (int64_t) (next_random() % 4) * CS_USECS_PER_DAY;
		case 3:					/* random microseconds over two years */
			return JAN1_2024 + (int64_t) (next_random() % (UINT64_C(730) * CS_USECS_PER_DAY));
		case 5:					/* two times an hour apart: the rows lie on a line */
			return JAN1_2024 + (int64_t) (next_random() % 4 == 0) * 3600000000;
		default:				/* in order, now and then a row centuries off */
			if (next_random() % 16 == 0)
				return JAN1_2024 + (int64_t) (uniform(-300, 300) * 365.25) * CS_USECS_PER_DAY;
			return JAN1_2024 + (int64_t) i * 3600000000;
	}
}

/* Give a random value of a sequence's scale, now and then a spike. */
static double
pattern_value(double scale, bool spikes)
{
	static const double mixed[] = {0, 1, -1, 2, 3, 0.1, 1e6, 123456789.125, -1.984375};
	double		v = scale * (100 + uniform(-50, 50));

	/* values of many sizes, as a window of counts and estimates may see */
	if (scale == 0)
		return mixed[next_random() % (sizeof(mixed) / sizeof(mixed[0]))];
	if (spikes && next_random() % 32 == 0)
		v *= 1e7;
	if (next_random() % 16 == 0)
		v = floor(v);
	return v;
}

/*
 * Random sequences of adds and removals of the oldest row: after every step
 * the window's invariants hold and its summary is the fresh fit of its
 * frame, bit for bit after a rebuild and with one row or none.
 */
static void
test_window_random(void)
{
	CsAllocator mem = unit_allocator();
	int			seq,
				steps = 0,
				bad_check = 0,
				bad_fit = 0,
				bad_exact = 0,
				exact = 0,
				bad_none = 0,
				bad_valid = 0;
	int			cap = 4000;
	Frame		f;

	f.v = malloc(cap * sizeof(double));
	f.t = malloc(cap * sizeof(int64_t));
	for (seq = 0; seq < 500; seq++)
	{
		bool		calendar = (seq & 1) != 0;
		int			pattern = seq < 400 ? seq % 5 : 5;
		double		scale = seq >= 400 ? 0 : (seq % 3 == 0) ? 1 : (seq % 3 == 1) ? 1e9 : 2.5e-4;
		bool		spikes = (seq % 7) < 3;
		int			width = 1 + (int) (next_random() % (seq % 4 == 0 ? 300 : 40));
		int			nsteps = 200 + (int) (next_random() % 1500);
		TrendWindow *w = tr_window_create(&mem, calendar);
		int			i;

		f.head = f.tail = 0;
		for (i = 0; i < nsteps && f.tail < cap; i++)
		{
			int			held = f.tail - f.head;
			bool		add = held == 0 || (held < width && next_random() % 4 != 0) ||
				(held >= width && next_random() % 4 == 0);
			TrendValue	got,
						want;
			const char *detail = NULL;
			CsStatus	st;
			bool		rebuilt = false;

			if (add)
			{
				f.v[f.tail] = pattern_value(scale, spikes);
				f.t[f.tail] = pattern_time(pattern, f.tail);
				st = tr_window_add(w, f.v[f.tail], f.t[f.tail]);
				f.tail++;
			}
			else
			{
				/* a row that is not the oldest is refused, and nothing changes */
				TrendWindow before;
				double		other = f.v[f.head] != 1.0 ? 1.0 : 2.0;

				memcpy(&before, w, sizeof(before));
				if (tr_window_remove(w, other, f.t[f.head]) != CS_NONE ||
					tr_window_remove(w, f.v[f.head], f.t[f.head] + 1) != CS_NONE ||
					memcmp(&before, w, sizeof(before)) != 0)
					bad_none++;
				st = tr_window_remove(w, f.v[f.head], f.t[f.head]);
				rebuilt = w->removals == 0;
				f.head++;
			}
			steps++;
			if (st != CS_OK || tr_window_check(w, &detail) != CS_OK)
			{
				if (bad_check++ < 3)
					diag("sequence %d step %d: %s, %s", seq, i, status_name(st),
						 detail ? detail : "");
				break;
			}
			if (fresh_fit(&f, calendar, &want) != CS_OK)
				break;
			if (tr_window_value(w, &got) != (want.n == 0 ? CS_NONE : CS_OK))
			{
				bad_fit++;
				continue;
			}
			if (want.n == 0)
				continue;
			if (tr_check(&got, &detail) != CS_OK && bad_valid++ < 3)
				diag("sequence %d step %d: %lld rows, not valid: %s", seq, i, (long long) want.n, detail);
			if (scale == 0)
				continue;		/* drift from values of many sizes is not bounded */
			if (rebuilt || want.n == 1)
			{
				exact++;
				if (!window_agrees(&got, &want, 0) && bad_exact++ < 3)
					diag("sequence %d step %d: %lld rows, not bit for bit after a rebuild",
						 seq, i, (long long) want.n);
			}
			else if (!window_agrees(&got, &want, 1e-7) && bad_fit++ < 3)
				diag("sequence %d step %d: %lld rows, sxx %.17g want %.17g, syy %.17g want %.17g",
					 seq, i, (long long) want.n, got.sxx, want.sxx, got.syy, want.syy);
		}
		tr_window_free(w);
	}
	free(f.v);
	free(f.t);
	ok(bad_check == 0, "window: %d steps of 500 random sequences keep the invariants (%d bad)",
	   steps, bad_check);
	ok(bad_valid == 0, "window: every frame's summary is valid, rows on a line and values of many sizes too (%d bad)",
	   bad_valid);
	ok(bad_fit == 0, "window: every frame's summary is its fresh fit, first and last times exact (%d bad)",
	   bad_fit);
	ok(bad_exact == 0 && exact > 1000,
	   "window: bit for bit the fresh fit after each of %d rebuilds and one-row frames (%d bad)",
	   exact, bad_exact);
	ok(bad_none == 0, "window: removing a row that is not the oldest is CS_NONE and changes nothing (%d bad)",
	   bad_none);
}

/*
 * A frame of width rows sliding over benign rows: the fit is rebuilt at the
 * (16 width + 257)th downdate, and is then the fresh fit bit for bit; just
 * before, the downdates have drifted from it.
 */
static void
test_window_rebuild_policy(void)
{
	CsAllocator mem = unit_allocator();
	const int	width = 8;
	/* the documented policy, 16 n + 256 downdates, written out */
	const int	every = 16 * 8 + 256 + 1;
	int			nrows = width + 3 * every + 1;
	Frame		f;
	TrendWindow *w = tr_window_create(&mem, false);
	int			i,
				removed = 0,
				bad = 0,
				drift = 0,
				early = 0;

	f.v = malloc(nrows * sizeof(double));
	f.t = malloc(nrows * sizeof(int64_t));
	f.head = f.tail = 0;
	for (i = 0; i < nrows; i++)
	{
		f.v[i] = uniform(1000, 2000);
		f.t[i] = JAN1_2024 + (int64_t) i * CS_USECS_PER_DAY + (int64_t) (next_random() % 1000);
	}
	for (i = 0; i < width; i++)
		tr_window_add(w, f.v[i], f.t[i]);
	f.tail = width;
	while (f.tail < nrows)
	{
		TrendValue	got,
					want;

		tr_window_add(w, f.v[f.tail], f.t[f.tail]);
		f.tail++;
		tr_window_remove(w, f.v[f.head], f.t[f.head]);
		f.head++;
		removed++;
		fresh_fit(&f, false, &want);
		tr_window_value(w, &got);
		if (removed % every == 0)
		{
			if (!window_agrees(&got, &want, 0))
				bad++;
		}
		else
		{
			if (w->removals != removed % every)
				early++;
			if (removed % every == every - 1 && !window_agrees(&got, &want, 0))
				drift++;
		}
	}
	ok(bad == 0 && early == 0,
	   "window: rebuilt after exactly %d downdates of an %d-row frame, bit for bit (%d not exact, %d early)",
	   every, width, bad, early);
	ok(drift > 0, "window: the downdates had drifted from the fresh fit before each rebuild (%d of 3)",
	   drift);
	tr_window_free(w);
	free(f.v);
	free(f.t);
}

/* Rows that dominate a sum leave: the fit is rebuilt, bit for bit. */
static void
test_window_cancellation(void)
{
	CsAllocator mem = unit_allocator();
	TrendWindow *w = tr_window_create(&mem, true);
	TrendValue	got,
				want;
	Frame		f;
	double		v[6] = {1e15, 1, 2, 3, 4, 5};
	int64_t		t[6];
	int			i;

	for (i = 0; i < 6; i++)
		t[i] = JAN1_2024 + (int64_t) i * CS_USECS_PER_DAY;
	f.v = v;
	f.t = t;
	for (i = 0; i < 6; i++)
		tr_window_add(w, v[i], t[i]);
	tr_window_remove(w, v[0], t[0]);
	f.head = 1;
	f.tail = 6;
	fresh_fit(&f, true, &want);
	tr_window_value(w, &got);
	ok(window_agrees(&got, &want, 0) && w->removals == 0,
	   "window: a 1e15 among small values leaves: rebuilt, bit for bit");
	tr_window_free(w);

	/* the last of the distinct times leaves: the spread is exactly zero */
	{
		double		v2[5] = {1, 2, 3, 4, 5};
		int64_t		t2[5] = {0, 7, 7, 7, 7};

		w = tr_window_create(&mem, false);
		for (i = 0; i < 5; i++)
			tr_window_add(w, v2[i], t2[i] + JAN1_2024);
		tr_window_remove(w, 1, JAN1_2024);
		ok(tr_window_value(w, &got) == CS_OK && got.sxx == 0 && got.sxy == 0 &&
		   got.t_min == got.t_max, "window: when the only other time leaves, the times' spread is exactly 0");
		tr_window_free(w);
	}
}

/*
 * Rows whose downdates leave the cross product beyond what the sums of
 * squares allow (a sequence the fuzz target found): the window rebuilds,
 * and every summary it gives is valid.
 */
static void
test_window_drift(void)
{
	CsAllocator mem = unit_allocator();
	TrendWindow *w = tr_window_create(&mem, false);
	const int64_t hour = INT64_C(3600000000);
	int64_t		t[6];
	double		v[6] = {0, 1.5546875, 0.1, 2, 1e6, 3.984375};
	TrendValue	got;
	const char *detail = NULL;
	int			i,
				bad = 0;

	t[0] = JAN1_2024 - hour;
	t[1] = t[0] - 6601 * CS_USECS_PER_DAY;
	t[2] = t[1] + 1024 * hour;
	t[3] = t[2] - 256 * hour;
	t[4] = t[3] - hour;
	t[5] = t[4] - hour;
	for (i = 0; i < 6; i++)
		if (tr_window_add(w, v[i], t[i]) != CS_OK ||
			tr_window_value(w, &got) != CS_OK || tr_check(&got, &detail) != CS_OK)
			bad++;
	for (i = 0; i < 4; i++)
		if (tr_window_remove(w, v[i], t[i]) != CS_OK ||
			tr_window_value(w, &got) != CS_OK || tr_check(&got, &detail) != CS_OK)
		{
			if (bad++ == 0)
				diag("after removing row %d: %s", i, detail ? detail : "");
		}
	ok(bad == 0, "window: downdates that would leave the cross product beyond the sums of squares rebuild the fit");
	tr_window_free(w);
}

/* The window's statuses, its empty frame, and a ring that grows and wraps. */
static void
test_window_edges(void)
{
	CsAllocator mem = unit_allocator();
	TrendWindow *w = tr_window_create(&mem, false);
	TrendValue	got,
				before;
	const char *detail;
	int			i,
				bad = 0;

	ok(tr_window_value(w, &got) == CS_NONE && tr_window_remove(w, 1, 0) == CS_NONE,
	   "window: an empty frame has no summary and no row to remove");
	tr_window_add(w, 5, JAN1_2024);
	before = w->st;
	ok(tr_window_add(w, NAN, JAN1_2024) == CS_ERR_INVALID &&
	   tr_window_add(w, INFINITY, JAN1_2024) == CS_ERR_INVALID &&
	   memcmp(&before, &w->st, sizeof(before)) == 0 && w->tail == 1,
	   "window: a NaN or infinite row is CS_ERR_INVALID and changes nothing");
	tr_window_free(w);
	w = tr_window_create(&mem, false);
	ok(tr_window_add(w, 1e308, JAN1_2024) == CS_OK && tr_window_add(w, 1e308, JAN1_2024) == CS_ERR_RANGE,
	   "window: sums beyond the doubles are CS_ERR_RANGE");
	tr_window_free(w);

	/* 100,000 rows in, 99,990 out, 100,010 in again: the ring wraps and grows */
	w = tr_window_create(&mem, true);
	for (i = 0; i < 300000; i++)
	{
		int64_t		k = i < 100000 ? i : i < 199990 ? i - 100000 : i - 199990 + 100000;

		if (i < 100000 || i >= 199990)
			tr_window_add(w, (double) (k % 1000), JAN1_2024 + (k % 977) * CS_USECS_PER_DAY);
		else
			tr_window_remove(w, (double) (k % 1000), JAN1_2024 + (k % 977) * CS_USECS_PER_DAY);
		if (i % 49999 == 0 && tr_window_check(w, &detail) != CS_OK)
			bad++;
	}
	ok(bad == 0 && tr_window_check(w, &detail) == CS_OK && w->st.n == 100020 && w->mask + 1 == 131072,
	   "window: 100,000 rows in, 99,990 out and 100,010 in keep the invariants in a ring of 131072");
	ok(tr_window_value(w, &got) == CS_OK && got.t_min == JAN1_2024 &&
	   got.t_max == JAN1_2024 + 976 * CS_USECS_PER_DAY,
	   "window: and its first and last times are the frame's");
	tr_window_free(w);
}

/* ------------------------------------------------------------------------
 * The text form and validation
 */

/* Build a summary of n random rows of either kind. */
static void
random_summary(TrendValue *v, int n, double vscale, bool calendar)
{
	int			i;

	tr_init(v);
	for (i = 0; i < n; i++)
	{
		int64_t		t = INT64_C(757382400000000) + (int64_t) (uniform(0, 1000) * 86400.0) * 1000000 +
			(calendar ? 0 : (int64_t) uniform(0, 1e6));
		double		y = vscale * (1.0 + uniform(-0.01, 0.01));

		if (tr_add(v, y, t, calendar) != CS_OK)
			abort();
	}
}

/* Tell whether text fails to parse with CS_ERR_SYNTAX and a detail holding want. */
static int
rejects(const char *text, const char *want)
{
	TrendValue	v;
	char		err[CS_ERRBUF_LEN];
	CsStatus	st;

	err[0] = '\0';
	st = tr_parse(text, &v, err, sizeof(err));
	if (st == CS_ERR_SYNTAX && err[0] != '\0' && (want == NULL || strstr(err, want) != NULL))
		return 1;
	diag("%s: %s \"%s\"", text, status_name(st), err);
	return 0;
}

/* a good text, with one item to replace */
#define ONE_ROW "n=1 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=-2 sum=-2 t_mean=0 v_mean=0 sxx=0 syy=0 sxy=0"

/* Check the text form: the empty value, both kinds, round trips, bad text. */
static void
test_text(void)
{
	TrendValue	v,
				w;
	char		buf[CS_KV_BUFLEN];
	char		err[CS_ERRBUF_LEN];
	int			i,
				all;
	size_t		len;

	ok(sizeof(TrendValue) == 96 && offsetof(TrendValue, version) == 0 &&
	   offsetof(TrendValue, flags) == 1 && offsetof(TrendValue, n) == 8,
	   "the stored layout is 96 bytes, the version first");

	/* the empty value */
	tr_init(&v);
	len = tr_format(&v, buf);
	ok(strcmp(buf, "n=0") == 0 && len == 3, "the empty value prints as n=0");
	memset(&w, 0x5a, sizeof(w));
	ok(tr_parse(buf, &w, err, sizeof(err)) == CS_OK && memcmp(&v, &w, sizeof(v)) == 0,
	   "n=0 reads back as the empty value");
	ok(tr_parse("  n=0 \n", &w, err, sizeof(err)) == CS_OK && w.n == 0, "n=0 with white space around it");
	ok(rejects("n=0 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=0 sum=0 t_mean=0 v_mean=0 sxx=0 syy=0 sxy=0",
			   "An empty summary is written \"n=0\" alone."), "the full form of an empty value is refused");

	/* reference set A, both kinds */
	{
		const RefSet *s = &ref_sets[0];
		int64_t		t[8];

		for (i = 0; i < s->n; i++)
			t[i] = ref_time(s, s->days[i]);
		build(&v, t, s->y, s->n, true);
		len = tr_format(&v, buf);
		ok(strncmp(buf, "n=5 first=2024-01-01 last=2024-01-08 t_ref=2024-01-01 v_ref=10 sum=74 t_mean=",
				   strlen("n=5 first=2024-01-01 last=2024-01-08 t_ref=2024-01-01 v_ref=10 sum=74 t_mean=")) == 0 &&
		   strstr(buf, " v_mean=") && strstr(buf, " sxx=") && strstr(buf, " syy=") && strstr(buf, " sxy=") &&
		   len == strlen(buf), "a calendar summary prints its times as dates: %s", buf);
		ok(tr_parse(buf, &w, err, sizeof(err)) == CS_OK && memcmp(&v, &w, sizeof(v)) == 0 &&
		   w.flags == TREND_CALENDAR, "and reads back bit for bit, a calendar value");
		build(&v, t, s->y, s->n, false);
		tr_format(&v, buf);
		ok(strcmp(buf, "n=5 first=2024-01-01T00:00:00Z last=2024-01-08T00:00:00Z t_ref=2024-01-01T00:00:00Z "
				  "v_ref=10 sum=74 t_mean=241920000000 v_mean=4.8 sxx=2.29920768e+23 syy=82.8 sxy=4216320000000") == 0,
		   "an instant summary prints its times in UTC with Z: %s", buf);
		ok(tr_parse(buf, &w, err, sizeof(err)) == CS_OK && memcmp(&v, &w, sizeof(v)) == 0 && w.flags == 0,
		   "and reads back bit for bit, an instant value");
	}
	{
		TrendValue	d;

		tr_init(&d);
		tr_add(&d, 1, MAR10_2024 + INT64_C(21600000000) + 250000, false);
		tr_format(&d, buf);
		ok(strcmp(buf, "n=1 first=2024-03-10T06:00:00.25Z last=2024-03-10T06:00:00.25Z t_ref=2024-03-10T06:00:00.25Z "
				  "v_ref=1 sum=1 t_mean=0 v_mean=0 sxx=0 syy=0 sxy=0") == 0,
		   "one instant row prints fractions of a second: %s", buf);
	}

	/* random summaries read back bit for bit */
	all = 1;
	for (i = 0; i < 2000 && all; i++)
	{
		static const double scales[] = {1.0, 1e9, 1e15, -3.5e5, 1e-300, 1e150};
		const char *detail;

		random_summary(&v, 1 + (int) (next_random() % 200), scales[i % 6], (i / 6) % 2 == 0);
		if (tr_check(&v, &detail) != CS_OK)
		{
			all = 0;
			diag("rejected: %s", detail);
			break;
		}
		tr_format(&v, buf);
		memset(&w, 0x33, sizeof(w));
		if (tr_parse(buf, &w, err, sizeof(err)) != CS_OK || memcmp(&v, &w, sizeof(v)) != 0)
		{
			all = 0;
			diag("%s: %s", buf, err);
		}
	}
	ok(all, "2000 random summaries of both kinds validate and read back bit for bit");

	/* white space is allowed around and between items; offsets make instants */
	ok(tr_parse("  n=1\tfirst=2024-01-01T00:00:00Z last=2024-01-01T02:00:00+02 t_ref=2024-01-01 00:00Z "
				"v_ref=-2 sum=-2e0 t_mean=0 v_mean=-0 sxx=0 syy=0 sxy=0 \n", &v, err, sizeof(err)) == CS_OK &&
	   v.n == 1 && v.sum_v == -2.0 && v.t_min == JAN1_2024 && v.t_max == JAN1_2024 && v.flags == 0 &&
	   signbit(v.mean_v), "white space, offsets, exponents and -0 (%s)", err);

	/* bad text */
	ok(rejects("", "The text is empty."), "empty text");
	ok(rejects("   ", "The text is empty."), "blank text");
	ok(rejects("n=1", "The text ends before \"first=\"."), "a count only");
	ok(rejects("v1 n=0", "\"n=\" was expected at position 1."), "the old form with a version");
	ok(rejects("n=1 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=-2 sum=-2 t_mean=0 v_mean=0 sxx=0 syy=0",
			   "ends before \"sxy=\""), "a missing item");
	ok(rejects("n=1 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=-2 sum=-2 t_mean=0 v_mean=0 syy=0 sxx=0 sxy=0",
			   "\"sxx=\" was expected"), "items out of order");
	ok(rejects(ONE_ROW " x", "Unexpected text at position"), "trailing text");
	ok(rejects(ONE_ROW " n=1", "Unexpected text at position"), "a repeated item");
	ok(rejects("n=9223372036854775808 first=2024-01-01", "is too large"), "a count beyond int64");
	ok(rejects("n=-1 first=2024-01-01", "A count (digits 0 to 9) was expected"), "a negative count");
	ok(rejects("n=1 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=nan sum=0", "A number was expected"), "NaN");
	ok(rejects("n=1 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=inf sum=0", "A number was expected"), "infinity");
	ok(rejects("n=1 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=1e400 sum=0", "out of range"), "overflow");
	ok(rejects("n=1 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=0x1p3 sum=0", "hexadecimal"), "a hex float");
	ok(rejects("n=1 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=1. sum=1", "Unexpected text after \"v_ref=\""),
	   "1. is not a number");
	ok(rejects("n=1 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=. sum=1", "A number was expected"), "a lone point");
	ok(rejects("n=1 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=1e sum=1", "exponent"), "an empty exponent");
	ok(rejects("n=1 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=1 sum=2 t_mean=0 v_mean=0 sxx=0 syy=0 sxy=0",
			   "A summary of one row has a spread."), "one row whose sum is not v_ref");
	ok(rejects("n=2 first=2024-01-10 last=2024-01-01 t_ref=2024-01-01 v_ref=1 sum=2 t_mean=0 v_mean=0 sxx=0 syy=0 sxy=0",
			   "The first time is after the last time."), "first after last");
	ok(rejects("n=2 first=-4713-11-23 last=2024-01-01 t_ref=2024-01-01 v_ref=1 sum=2 t_mean=0 v_mean=0 sxx=0 syy=0 sxy=0",
			   "out of the range"), "a time before the timestamptz range");
	ok(rejects("n=3 first=2024-01-01 last=2024-01-01T00:00:00.00001 t_ref=2024-01-01 v_ref=1 sum=3 t_mean=5 v_mean=0 sxx=50 syy=0 sxy=1",
			   "The cross product exceeds what the sums of squares allow."), "a cross product with no spread of values");
	ok(rejects("n=2 first=2024-01-01 last=2024-01-02T00:00:00Z t_ref=2024-01-01 v_ref=1 sum=2 t_mean=0 v_mean=0 sxx=0 syy=0 sxy=0",
			   "a value holds times of one kind"), "a calendar time and an instant");
	ok(rejects("n=2 first=2024-01-01 last=2024-02-30 t_ref=2024-01-01", "does not exist"), "a date that does not exist");
}

/* Check tr_check's details on stored values. */
static void
test_check(void)
{
	TrendValue	good,
				v;
	const char *detail;
	int64_t		t[3] = {JAN1_2024, JAN1_2024 + CS_USECS_PER_DAY, JAN1_2024 + 2 * CS_USECS_PER_DAY};
	double		y[3] = {1, 3, 2};

	build(&good, t, y, 3, true);
	detail = NULL;
	ok(tr_check(&good, &detail) == CS_OK, "tr_check accepts a summary of three rows");

#define BAD(what, change, want) \
	do { \
		v = good; \
		change; \
		detail = NULL; \
		if (!ok(tr_check(&v, &detail) == CS_ERR_INVALID && detail != NULL && strcmp(detail, want) == 0, \
				"tr_check refuses %s: \"%s\"", what, want)) \
			diag("got \"%s\"", detail ? detail : "(none)"); \
	} while (0)

	BAD("another version", v.version = 2, "The format version is unknown.");
	BAD("version 0", v.version = 0, "The format version is unknown.");
	BAD("an unknown flag", v.flags |= 0x02, "Unknown flag bits are set.");
	BAD("a reserved byte", v.reserved[5] = 1, "Reserved bytes are not zero.");
	BAD("a negative count", v.n = -1, "The count of rows is negative.");
	BAD("a NaN", v.sxy = NAN, "A field is not a finite number.");
	BAD("an infinity", v.v_ref = INFINITY, "A field is not a finite number.");
	BAD("an empty value with a time", (tr_init(&v), v.t_max = 1), "An empty summary has a non-zero field.");
	BAD("an empty calendar value", (tr_init(&v), v.flags = TREND_CALENDAR), "An empty summary has a non-zero field.");
	BAD("an empty value with a sum", (tr_init(&v), v.sum_v = 1), "An empty summary has a non-zero field.");
	BAD("a time out of range", v.t_max = CS_TS_END, "A time is out of the range of timestamp with time zone.");
	BAD("a reference before the range", v.t_ref = CS_TS_MIN - 1, "A time is out of the range of timestamp with time zone.");
	BAD("first after last", (v.t_min = v.t_max + 1), "The first time is after the last time.");
	BAD("a negative sum of squares", v.syy = -1, "A sum of squares is negative.");
	BAD("a negative sxx", v.sxx = -1e-300, "A sum of squares is negative.");
	BAD("one row with a spread", v.n = 1, "A summary of one row has a spread.");
	BAD("equal times with a spread", (v.t_max = v.t_min), "The times are all equal but their spread is not zero.");
	BAD("a mean time after the last", v.mean_t = 3 * DAY_US, "The mean time is outside the first and last times.");
	BAD("a mean time before the first", v.mean_t = -1e6, "The mean time is outside the first and last times.");
	BAD("a cross product too large", v.sxy = 2 * sqrt(v.sxx * v.syy),
		"The cross product exceeds what the sums of squares allow.");
	BAD("a sum that does not match the mean", v.sum_v += 1, "The sum of values does not match their mean.");
#undef BAD

	v = good;
	v.mean_t = 2 * DAY_US * (1 + 1e-12);
	ok(tr_check(&v, &detail) == CS_OK, "a mean time a rounding error past the last is accepted");
	tr_init(&v);
	ok(tr_check(&v, &detail) == CS_OK, "the empty value is valid");

	/* values 1e-154 apart by 1e-164: the square of the difference underflows to 0 */
	{
		TrendValue	u;
		char		buf[CS_KV_BUFLEN];
		TrendValue	back;

		tr_init(&u);
		ok(tr_add(&u, 1e-154, 0, false) == CS_OK &&
		   tr_add(&u, 1.0000000001e-154, INT64_C(365242) * CS_USECS_PER_DAY, false) == CS_OK,
		   "rows of 1e-154 and 1.0000000001e-154, a thousand years apart, add");
		tr_format(&u, buf);
		detail = NULL;
		if (!ok(tr_check(&u, &detail) == CS_OK && tr_parse(buf, &back, NULL, 0) == CS_OK,
					 "a summary tr_add built passes tr_check and reads back from its text"))
			diag("%s: %s", buf, detail ? detail : "");
	}

	/*
	 * values near 1e-170 that cancel: the squares of their differences
	 * underflow, syy is 0, and the rounding of the running mean is all the
	 * sum and the mean disagree by (the rows of a bug report's trend_agg)
	 */
	{
		static const double tiny[][3] = {
			{0, -1e-170, 1.0000000000001e-170},
			{1e-170, -1e-170, 3e-170},
			{-7e-160, 7.000000000001e-160, -1e-175},
		};
		int			k,
					j;

		for (k = 0; k < (int) (sizeof(tiny) / sizeof(tiny[0])); k++)
		{
			TrendValue	u,
						back;
			char		buf[CS_KV_BUFLEN];
			char		err[CS_ERRBUF_LEN];

			tr_init(&u);
			for (j = 0; j < 3; j++)
				tr_add(&u, tiny[k][j], JAN1_2024 + (j + 1) * CS_USECS_PER_DAY, true);
			tr_format(&u, buf);
			detail = NULL;
			err[0] = '\0';
			if (!ok(tr_check(&u, &detail) == CS_OK &&
					tr_parse(buf, &back, err, sizeof(err)) == CS_OK &&
					memcmp(&u, &back, sizeof(u)) == 0,
					"rows %g, %g, %g whose squares underflow: valid, and read back from the text",
					tiny[k][0], tiny[k][1], tiny[k][2]))
				diag("%s: %s %s", buf, detail ? detail : "", err);
		}
	}

	/*
	 * times in year 47,900, a fraction of a millisecond apart: as doubles
	 * they are 256 microseconds coarse, so the span around the mean time
	 * must be taken from the exact differences
	 */
	{
		TrendValue	u,
					back;
		char		buf[CS_KV_BUFLEN];
		int64_t		t0 = INT64_C(1450000000000000130);

		tr_init(&u);
		tr_add(&u, 1, t0, false);
		tr_add(&u, 2, t0 + 400, false);
		tr_add(&u, 3, t0 + 500, false);
		tr_format(&u, buf);
		detail = NULL;
		if (!ok(tr_check(&u, &detail) == CS_OK && tr_parse(buf, &back, NULL, 0) == CS_OK &&
				memcmp(&u, &back, sizeof(u)) == 0,
				"rows 400 and 500 microseconds apart in year 47,900: valid, and read back from the text"))
			diag("%s: %s", buf, detail ? detail : "");
	}

	/* an empty value is "n=0" alone, so its zeros must be +0 to read back the same */
	{
		TrendValue	back;
		char		buf[CS_KV_BUFLEN];

		tr_init(&v);
		v.sxx = -0.0;
		tr_format(&v, buf);
		tr_parse(buf, &back, NULL, 0);
		ok(tr_check(&v, &detail) != CS_OK || memcmp(&v, &back, sizeof(v)) == 0,
				"an empty value that tr_check accepts reads back from its text byte for byte");
	}
}

/* Check the wire form: the bytes of trend_send, which the regression tests pin too. */
static void
test_wire(void)
{
	static const char cal_hex[] =
		"010100000000000000020002b0d5d4e940000002b0d5d4e940000002b0e9f2c0a000"
		"3ff0000000000000400800000000000042241dd7600000003fe000000000000044694a"
		"d2180f26403fe000000000000042241dd760000000";
	static const char inst_hex[] =
		"010000000000000000020002b0d5d4e940000002b0d5d4e940000002b0e9f2c0a000"
		"3ff0000000000000400800000000000042241dd7600000003fe000000000000044694a"
		"d2180f26403fe000000000000042241dd760000000";
	TrendValue	v;
	uint8_t		wire[90];
	char		err[CS_ERRBUF_LEN];
	char		zeros[2 * 90 + 1];

	ok(cs_wire_size(&tr_desc) == 90, "the wire form is 90 bytes: version, flags, 4 int64, 7 float8");
	ok(tr_parse("n=2 first=2024-01-01 last=2024-01-02 t_ref=2024-01-01 v_ref=1 sum=3 t_mean=43200000000 "
				"v_mean=0.5 sxx=3.73248e+21 syy=0.5 sxy=43200000000", &v, NULL, 0) == CS_OK &&
	   wire_pinned(&tr_desc, &v, cal_hex), "a calendar summary's wire form is the pinned bytes");
	ok(tr_parse("n=2 first=2024-01-01T00:00:00Z last=2024-01-02T00:00:00Z t_ref=2024-01-01T00:00:00Z v_ref=1 "
				"sum=3 t_mean=43200000000 v_mean=0.5 sxx=3.73248e+21 syy=0.5 sxy=43200000000",
				&v, NULL, 0) == CS_OK &&
	   wire_pinned(&tr_desc, &v, inst_hex), "an instant summary's too, its flags 0");
	/* every field different, so that one out of place shows */
	ok(tr_parse("n=3 first=2024-01-02 last=2024-01-05T01:00:00 t_ref=2024-01-03 v_ref=5 sum=23.5 "
				"t_mean=30000000000 v_mean=2.833333333333333 sxx=3.5881920000000002e+22 "
				"syy=18.166666666666668 sxy=587400000000.0001", &v, NULL, 0) == CS_OK &&
	   wire_pinned(&tr_desc, &v,
				   "010100000000000000030002b0fe109800000002b0e9f2c0a0000002b12722da6400"
				   "40140000000000004037800000000000421bf08eb00000004006aaaaaaaaaaaa449e64"
				   "a6b005c2a240322aaaaaaaaaab4261187896400001"),
	   "a summary whose fields all differ: n, t_ref, first, last, then the doubles in order");
	tr_init(&v);
	memset(zeros, '0', sizeof(zeros) - 1);
	zeros[sizeof(zeros) - 1] = '\0';
	zeros[1] = '1';
	ok(wire_pinned(&tr_desc, &v, zeros), "the empty value: the version, then zeros");
	cs_wire_encode(&tr_desc, &v, wire);
	wire[2] = 0xff;
	ok(cs_wire_decode(&tr_desc, wire, sizeof(wire), &v, err, sizeof(err)) == CS_ERR_SYNTAX &&
	   strcmp(err, "The count of rows is negative.") == 0, "receive refuses what tr_check refuses: %s", err);
}

/* ------------------------------------------------------------------------
 * stats.h
 */

/* Check the quantile against a 50-digit reference, relative error 1e-12. */
static void
check_quantile(double q, double df, double expected)
{
	double		got = stats_t_quantile_upper(q, df);

	ok(fabs(got - expected) <= 1e-12 * fabs(expected),
	   "t quantile q=%g df=%g: %.17g (expected %.17g)", q, df, got, expected);
}

/* Check the Welford helpers, the compensated sum and the t quantiles. */
static void
test_stats(void)
{
	/* Welford: add then remove gets back the same sums, merge equals one pass */
	double		mx = 0,
				my = 0,
				sxx = 0,
				syy = 0,
				sxy = 0;
	double		ax = 0,
				ay = 0,
				axx = 0,
				ayy = 0,
				axy = 0;
	double		bx = 0,
				by = 0,
				bxx = 0,
				byy = 0,
				bxy = 0;
	double		xs[100],
				ys[100];
	int			k;

	for (k = 0; k < 100; k++)
	{
		xs[k] = k * 86400e6;
		ys[k] = 3.0 * k + sin(k);
		stats_welford2_add(k, &mx, &my, &sxx, &syy, &sxy, xs[k], ys[k]);
		if (k < 40)
			stats_welford2_add(k, &ax, &ay, &axx, &ayy, &axy, xs[k], ys[k]);
		else
			stats_welford2_add(k - 40, &bx, &by, &bxx, &byy, &bxy, xs[k], ys[k]);
	}
	stats_welford2_merge(40, &ax, &ay, &axx, &ayy, &axy, 60, bx, by, bxx, byy, bxy);
	ok(fabs(ax - mx) <= 1e-12 * fabs(mx) && fabs(axy - sxy) <= 1e-12 * fabs(sxy) &&
	   fabs(axx - sxx) <= 1e-12 * sxx && fabs(ayy - syy) <= 1e-12 * syy,
	   "merge of two halves equals one pass");
	for (k = 0; k < 50; k++)
		stats_welford2_remove(100 - k, &mx, &my, &sxx, &syy, &sxy, xs[k], ys[k]);
	{
		double		cx = 0,
					cy = 0,
					cxx = 0,
					cyy = 0,
					cxy = 0;

		for (k = 50; k < 100; k++)
			stats_welford2_add(k - 50, &cx, &cy, &cxx, &cyy, &cxy, xs[k], ys[k]);
		ok(fabs(cxy / cxx - sxy / sxx) <= 1e-12 * fabs(cxy / cxx) &&
		   fabs(cyy - syy) <= 1e-10 * cyy,
		   "removing rows gives the fit of the rows left");
	}
	{
		double		s = 0,
					e = 0;

		stats_kbn_add(&s, &e, 1e16);
		for (k = 0; k < 1000; k++)
			stats_kbn_add(&s, &e, 1.0);
		ok(s + e == 1e16 + 1000 && s != 1e16 + 1000, "the compensated sum of 1e16 and 1000 ones is exact");
		ok(!stats_kbn_add(&s, &e, DBL_MAX) || !stats_kbn_add(&s, &e, DBL_MAX),
		   "stats_kbn_add says when the sum overflows");
	}

	/* Student's t quantiles (upper tail q, df) against 50-digit references */
	check_quantile(0.025, 1, 12.706204736174704);
	check_quantile(0.025, 2, 4.3026527297494637);
	check_quantile(0.025, 3, 3.1824463052837095);
	check_quantile(0.025, 10, 2.2281388519862747);
	check_quantile(0.05, 5, 2.0150483733330242);
	check_quantile(0.005, 30, 2.7499956535672253);
	check_quantile(0.0005, 100, 3.3904913111642299);
	check_quantile(0.025, 98, 1.9844674545084818);
	check_quantile(1e-10, 7, 53.835579484673733);
	check_quantile(0.25, 48, 0.67963534511070414);
	check_quantile(0.025, 99998, 1.9599877080090846);
	check_quantile(0.0005, 1e6, 3.2905364612486911);
	ok(stats_t_quantile_upper(0.5, 10) == 0.0, "t quantile at the median is 0");
}

/* Run every check; the exit status says whether one failed. */
int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	unit_rng = 0x9E3779B97F4A7C15ULL;
	test_reference_figures();
	test_no_figure();
	test_kinds_and_overflow();
	test_merge_remove();
	test_window_random();
	test_window_rebuild_policy();
	test_window_cancellation();
	test_window_drift();
	test_window_edges();
	test_text();
	test_check();
	test_wire();
	test_stats();
	return done_testing();
}
