/*
 * test_cumulative_core.c
 *		Unit tests of the plain-C cumulative core (src/cumulative_core.c):
 *		the running fits (cum_init, cum_add, cum_merge) and the figures read
 *		from them against reference values, the cases without a figure, the
 *		kinds of time, overflow, the text form of calendar and instant
 *		summaries, and validation.
 *
 * Prints TAP.  Built by test/Makefile with AddressSanitizer and UBSan.
 *
 * The reference slopes and accelerations were computed apart with numpy
 * 1.24: numpy.polyfit of total on time in days, degree 1 (the fitted rate)
 * and degree 2 (twice the leading coefficient is the acceleration); they
 * are checked to a relative 1e-9.
 */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cumulative_core.h"
#include "tap.h"
#include "unit.h"

/* one day and one hour in microseconds, as doubles */
#define DAY_US		((double) CS_USECS_PER_DAY)
#define HOUR_US		3600000000.0

/* 2024-01-01 in microseconds since 2000-01-01 */
#define JAN1_2024	(INT64_C(8766) * CS_USECS_PER_DAY)

/* Give a random finite double of any sign and magnitude, zeros and subnormals included. */
/* Give a random time within the timestamptz range. */
static int64_t
random_time(void)
{
	uint64_t	span = (uint64_t) CS_TS_END - (uint64_t) CS_TS_MIN;

	return (int64_t) ((uint64_t) CS_TS_MIN + next_random() % span);
}

/* Name a status for diagnostics. */
/* Say whether got is within a relative tol of want. */
/* Check a figure's status and value against a reference. */
static void
check_figure(const char *set, const char *what, CsStatus st, double got, double want, double tol)
{
	if (!ok(st == CS_OK && close_to(got, want, tol), "%s: %s is %.12g", set, what, want))
		diag("got %s %.17g, want %.17g", status_name(st), got, want);
}

/* Build the summary of reports y[i] at t[i]; returns the last status. */
static CsStatus
build(CumulativeValue *v, const int64_t *t, const double *y, int n, bool calendar)
{
	int			i;
	CsStatus	st = CS_OK;

	cum_init(v, y[0], t[0], calendar);
	for (i = 1; i < n && st == CS_OK; i++)
		st = cum_add(v, y[i], t[i]);
	return st;
}

/* Build the valid summary of three reports a day apart from 2024-01-01. */
static CumulativeValue
three_reports(bool calendar)
{
	CumulativeValue v;

	memset(&v, 0, sizeof(v));
	v.version = CUM_VERSION;
	v.flags = CUM_INTERIOR | (calendar ? CUM_CALENDAR : 0);
	v.n = 3;
	v.first_at = v.t_ref = JAN1_2024;
	v.last_at = v.first_at + 2 * CS_USECS_PER_DAY;
	v.first_total = v.y_ref = 100;
	v.last_total = 300;
	v.t_mean = 1;
	v.y_mean = 100;
	v.t_m2 = 2;
	v.t_m4 = 2;
	v.ty_c = 200;
	return v;
}

/* Check that the text of a valid cumulative value reads back byte for byte. */
static int
cum_round_trips(const CumulativeValue *v)
{
	char		text[CS_KV_BUFLEN];
	char		err[CS_ERRBUF_LEN];
	CumulativeValue again;
	const char *detail;
	size_t		len = cum_format(v, text);

	if (len != strlen(text) || len >= CS_KV_BUFLEN)
		return 0;
	memset(&again, 0x77, sizeof(again));
	if (cum_parse(text, &again, err, sizeof(err)) != CS_OK)
	{
		diag("%s", text);
		diag("%s", err);
		return 0;
	}
	if (cum_check(&again, &detail) != CS_OK)
	{
		diag("%s", text);
		diag("%s", detail);
		return 0;
	}
	return memcmp(v, &again, sizeof(again)) == 0;
}

/* ------------------------------------------------------------------------
 * The figures
 */

/* a fixed data set and its reference figures */
typedef struct RefSet
{
	const char *name;
	bool		calendar;
	int			n;
	double		hours[8];		/* report times, hours after 2024-01-01 */
	double		y[8];
	double		delta,
				rate,			/* per day */
				fitted_rate,	/* per day */
				acceleration;	/* per day squared */
	double		target;			/* for time_to_reach */
	double		reach_hours;	/* when the rate reaches it, hours after 2024-01-01 */
} RefSet;

static const RefSet ref_sets[] = {
	{"E (calendar, days 0..10)", true, 6, {0, 24, 72, 96, 144, 240}, {100, 130, 190, 260, 330, 600},
	500, 50, 49.696969696969695, 4.87878787878789, 1000, 18 * 24},
	{"F (two reports on the last day)", true, 5, {0, 48, 120, 216, 216}, {1000, 1800, 2500, 2900, 2890},
	1900, 1900.0 / 9, 193.3333333333334, -46.782833171990916, 3000, 216 + 100 / (1900.0 / 9) * 24},
	{"G (instants, hours)", false, 6, {0, 5, 11.5, 20, 26, 47}, {0, 7, 15, 30, 38, 90},
	90, 90 / (47.0 / 24), 45.55241970392174, 21.48471861876253, 180, 94},
};

/* Give the time of a reference set's report. */
static int64_t
ref_time(double hours)
{
	return JAN1_2024 + (int64_t) llround(hours * HOUR_US);
}

/* Check every figure of the reference sets, and their merges. */
static void
test_reference_figures(void)
{
	size_t		k;

	for (k = 0; k < sizeof(ref_sets) / sizeof(ref_sets[0]); k++)
	{
		const RefSet *s = &ref_sets[k];
		CumulativeValue v,
					a,
					b;
		int64_t		t[8];
		int			i;
		double		x;
		int64_t		when = 0;
		CsStatus	st;
		const char *detail;

		for (i = 0; i < s->n; i++)
			t[i] = ref_time(s->hours[i]);
		st = build(&v, t, s->y, s->n, s->calendar);
		ok(st == CS_OK && v.n == s->n && cum_check(&v, &detail) == CS_OK &&
		   v.first_at == t[0] && v.last_at == t[s->n - 1] && (v.flags & CUM_INTERIOR) &&
		   ((v.flags & CUM_CALENDAR) != 0) == s->calendar,
		   "%s: %d reports added, valid, with a report inside", s->name, s->n);
		st = cum_delta(&v, &x);
		check_figure(s->name, "delta", st, x, s->delta, 1e-15);
		st = cum_rate(&v, DAY_US, &x);
		check_figure(s->name, "rate per day", st, x, s->rate, 1e-12);
		st = cum_fitted_rate(&v, DAY_US, &x);
		check_figure(s->name, "fitted rate per day", st, x, s->fitted_rate, 1e-9);
		st = cum_fitted_rate(&v, HOUR_US, &x);
		check_figure(s->name, "fitted rate per hour", st, x, s->fitted_rate / 24, 1e-9);
		st = cum_acceleration(&v, DAY_US, &x);
		check_figure(s->name, "acceleration per day squared", st, x, s->acceleration, 1e-9);
		st = cum_acceleration(&v, HOUR_US, &x);
		check_figure(s->name, "acceleration per hour squared", st, x, s->acceleration / 576, 1e-9);
		st = cum_time_to_reach(&v, s->target, &when);
		if (!ok(st == CS_OK && llabs(when - ref_time(s->reach_hours)) <= 1,
				"%s: the rate reaches %g at hour %.6g", s->name, s->target, s->reach_hours))
			diag("got %s %lld, want %lld", status_name(st), (long long) when,
				 (long long) ref_time(s->reach_hours));

		/* every split in two merges to the one pass */
		for (i = 1; i < s->n; i++)
		{
			double		xa,
						xb;

			build(&a, t, s->y, i, s->calendar);
			build(&b, t + i, s->y + i, s->n - i, s->calendar);
			st = cum_merge(&a, &b);
			if (!ok(st == CS_OK && a.n == v.n && a.first_at == v.first_at && a.last_at == v.last_at &&
					a.first_total == v.first_total && a.last_total == v.last_total &&
					a.flags == v.flags && cum_check(&a, &detail) == CS_OK &&
					cum_fitted_rate(&a, DAY_US, &xa) == CS_OK && close_to(xa, s->fitted_rate, 1e-9) &&
					cum_acceleration(&a, DAY_US, &xb) == CS_OK && close_to(xb, s->acceleration, 1e-9),
					"%s: the first %d reports merged with the rest equal one pass", s->name, i))
				diag("got %s, fitted rate %.17g, acceleration %.17g", status_name(st), xa, xb);
		}
		/* and the other way round */
		build(&a, t + 2, s->y + 2, s->n - 2, s->calendar);
		build(&b, t, s->y, 2, s->calendar);
		st = cum_merge(&a, &b);
		ok(st == CS_OK && a.first_at == v.first_at && a.first_total == v.first_total &&
		   cum_fitted_rate(&a, DAY_US, &x) == CS_OK && close_to(x, s->fitted_rate, 1e-9) &&
		   cum_acceleration(&a, DAY_US, &x) == CS_OK && close_to(x, s->acceleration, 1e-9),
		   "%s: the later reports merged with the first two equal one pass", s->name);
	}

	/* the order of the reports does not matter */
	{
		const RefSet *s = &ref_sets[0];
		int64_t		t[6];
		double		y[6];
		int			order[6] = {3, 0, 5, 1, 4, 2};
		CumulativeValue v;
		double		x;
		int			i;

		for (i = 0; i < 6; i++)
		{
			t[i] = ref_time(s->hours[order[i]]);
			y[i] = s->y[order[i]];
		}
		ok(build(&v, t, y, 6, true) == CS_OK && v.first_at == ref_time(0) && v.first_total == 100 &&
		   v.last_total == 600 && cum_fitted_rate(&v, DAY_US, &x) == CS_OK &&
		   close_to(x, s->fitted_rate, 1e-9) && cum_acceleration(&v, DAY_US, &x) == CS_OK &&
		   close_to(x, s->acceleration, 1e-9), "E shuffled: the same first, last and fits");
	}
}

/* Check the cases without a figure, the kinds and overflow. */
static void
test_edges(void)
{
	CumulativeValue v,
				w,
				before;
	double		x;
	int64_t		when;
	int64_t		t2[2] = {JAN1_2024, JAN1_2024 + CS_USECS_PER_DAY};
	double		y2[2] = {100, 150};
	int64_t		t3[3] = {JAN1_2024, JAN1_2024, JAN1_2024};
	double		y3[3] = {5, 9, 7};
	int64_t		tl[3] = {JAN1_2024, JAN1_2024 + CS_USECS_PER_DAY, JAN1_2024 + 2 * CS_USECS_PER_DAY};
	double		yl[3] = {10, 20, 30};

	/* one report */
	cum_init(&v, 100, JAN1_2024, true);
	ok(v.version == CUM_VERSION && v.flags == CUM_CALENDAR && v.n == 1 && v.first_total == 100 &&
	   v.y_ref == 100 && v.t_ref == JAN1_2024, "cum_init makes the summary of one report");
	ok(cum_delta(&v, &x) == CS_OK && x == 0, "one report: delta 0");
	ok(cum_rate(&v, DAY_US, &x) == CS_NONE && cum_fitted_rate(&v, DAY_US, &x) == CS_NONE &&
	   cum_acceleration(&v, DAY_US, &x) == CS_NONE && cum_time_to_reach(&v, 1000, &when) == CS_NONE,
	   "one report: no rate, fit, acceleration or time to reach");

	/* reports at one time */
	build(&v, t3, y3, 3, false);
	ok(v.first_total == 9 && v.last_total == 9 && cum_delta(&v, &x) == CS_OK && x == 0,
	   "three reports at one time: the largest total is first and last");
	ok(cum_rate(&v, DAY_US, &x) == CS_NONE && cum_fitted_rate(&v, DAY_US, &x) == CS_NONE &&
	   cum_acceleration(&v, DAY_US, &x) == CS_NONE, "three reports at one time: no rate");

	/* two reports: rates, no acceleration */
	build(&v, t2, y2, 2, true);
	ok(cum_rate(&v, DAY_US, &x) == CS_OK && x == 50 && cum_fitted_rate(&v, DAY_US, &x) == CS_OK &&
	   close_to(x, 50, 1e-12), "two reports: rate 50 per day, fitted 50");
	ok(cum_acceleration(&v, DAY_US, &x) == CS_NONE && !(v.flags & CUM_INTERIOR),
	   "two reports: no acceleration (no report inside)");

	/* three on a line: acceleration 0 */
	build(&v, tl, yl, 3, true);
	ok(cum_acceleration(&v, DAY_US, &x) == CS_OK && fabs(x) < 1e-12, "three reports on a line: acceleration 0");

	/* time to reach */
	build(&v, t2, y2, 2, true);
	ok(cum_time_to_reach(&v, 150, &when) == CS_NONE && cum_time_to_reach(&v, 100, &when) == CS_NONE,
	   "a target not above the last total: CS_NONE");
	ok(cum_time_to_reach(&v, 250, &when) == CS_OK && when == JAN1_2024 + 3 * CS_USECS_PER_DAY,
	   "250 is reached two days after the last report");
	ok(cum_time_to_reach(&v, 1e300, &when) == CS_ERR_TIME_RANGE, "a target past the range: CS_ERR_TIME_RANGE");
	ok(cum_time_to_reach(&v, INFINITY, &when) == CS_ERR_TIME_RANGE, "an infinite target: CS_ERR_TIME_RANGE");
	ok(cum_time_to_reach(&v, NAN, &when) == CS_NONE, "a NaN target: CS_NONE");
	{
		double		yd[2] = {150, 100};

		build(&v, t2, yd, 2, true);
		ok(cum_time_to_reach(&v, 200, &when) == CS_NONE, "a falling total never reaches: CS_NONE");
	}
	{
		double		yf[2] = {100, 100};

		build(&v, t2, yf, 2, true);
		ok(cum_time_to_reach(&v, 200, &when) == CS_NONE, "a flat total never reaches: CS_NONE");
	}

	/* far from 2000 a time is not exact as a double: the result must not fall before the last report */
	{
		int64_t		last = (INT64_C(1) << 55) + 1;	/* 3141-09-15, odd */

		cum_init(&v, 0, last - CS_USECS_PER_DAY, false);
		ok(cum_add(&v, 1e300, last) == CS_OK, "reports 0 and 1e300 a day apart in 3141 add");
		when = 0;
		if (!ok(cum_time_to_reach(&v, nextafter(1e300, INFINITY), &when) == CS_OK && when >= last,
					 "a target just above the last total is reached at or after the last report"))
			diag("reached at %lld, the last report at %lld", (long long) when, (long long) last);
	}

	/* kinds */
	build(&v, t2, y2, 2, true);
	build(&w, t2, y2, 2, false);
	before = v;
	ok(cum_merge(&v, &w) == CS_ERR_MIXED && memcmp(&v, &before, sizeof(v)) == 0 &&
	   cum_merge(&w, &v) == CS_ERR_MIXED, "merging a calendar and an instant summary is CS_ERR_MIXED");

	/* interior reports through merges */
	{
		CumulativeValue a,
					b;

		cum_init(&a, 1, JAN1_2024, false);
		cum_add(&a, 3, JAN1_2024 + 10 * CS_USECS_PER_DAY);
		cum_init(&b, 2, JAN1_2024 + 5 * CS_USECS_PER_DAY, false);
		ok(cum_merge(&a, &b) == CS_OK && (a.flags & CUM_INTERIOR) && a.n == 3,
		   "a report merged between two is interior");
		cum_init(&a, 1, JAN1_2024, false);
		cum_add(&a, 2, JAN1_2024 + CS_USECS_PER_DAY);
		cum_init(&b, 3, JAN1_2024 + 2 * CS_USECS_PER_DAY, false);
		cum_add(&b, 4, JAN1_2024 + 3 * CS_USECS_PER_DAY);
		ok(cum_merge(&a, &b) == CS_OK && (a.flags & CUM_INTERIOR), "two spans side by side have interior reports");
		cum_init(&a, 1, JAN1_2024, false);
		cum_init(&b, 2, JAN1_2024, false);
		ok(cum_merge(&a, &b) == CS_OK && !(a.flags & CUM_INTERIOR) && a.first_total == 2 &&
		   a.last_total == 2, "two reports at one time: none interior, the larger total kept");
		cum_init(&a, 1, JAN1_2024, false);
		ok(cum_add(&a, 5, JAN1_2024 + CS_USECS_PER_DAY) == CS_OK && !(a.flags & CUM_INTERIOR) &&
		   cum_add(&a, 0, JAN1_2024 - CS_USECS_PER_DAY) == CS_OK && (a.flags & CUM_INTERIOR) &&
		   a.first_total == 0, "an earlier report makes the old first interior");
	}

	/* overflow */
	cum_init(&v, -1e308, JAN1_2024, false);
	ok(cum_add(&v, 1e308, JAN1_2024 + 1) == CS_ERR_RANGE, "totals -1e308 then 1e308: CS_ERR_RANGE");
	cum_init(&v, 0, JAN1_2024, false);
	ok(cum_add(&v, 1e300, JAN1_2024 + 1) == CS_OK && cum_rate(&v, 1e300, &x) == CS_ERR_RANGE &&
	   cum_fitted_rate(&v, 1e300, &x) == CS_ERR_RANGE, "a rate beyond the doubles: CS_ERR_RANGE");
	v = three_reports(false);
	v.first_total = -1e308;
	v.last_total = 1e308;
	ok(cum_delta(&v, &x) == CS_ERR_RANGE && cum_rate(&v, DAY_US, &x) == CS_ERR_RANGE &&
	   cum_time_to_reach(&v, DBL_MAX, &when) == CS_ERR_RANGE, "a delta beyond the doubles: CS_ERR_RANGE");
	v = three_reports(false);
	v.t2y_c = 1e308;
	v.t_m4 = 3;
	ok(cum_acceleration(&v, DAY_US * 1e10, &x) == CS_ERR_RANGE, "an acceleration beyond the doubles: CS_ERR_RANGE");
	{
		CumulativeValue a,
					b;

		cum_init(&a, -1e308, JAN1_2024, false);
		cum_init(&b, 1e308, JAN1_2024 + 1, false);
		ok(cum_merge(&a, &b) == CS_ERR_RANGE, "merging totals -1e308 and 1e308: CS_ERR_RANGE");
	}

	/* reports at both ends of the time range */
	cum_init(&v, 0, CS_TS_MIN, false);
	ok(cum_add(&v, 1, CS_TS_END - 1) == CS_OK && cum_add(&v, 0.5, 0) == CS_OK &&
	   cum_rate(&v, DAY_US, &x) == CS_OK && x > 0 && cum_round_trips(&v),
	   "reports at both ends of the range: a rate, and the text reads back");
}

/* Check cum_merge against one pass on random reports. */
static void
test_random_merges(void)
{
	int			r,
				bad = 0;

	for (r = 0; r < 1000; r++)
	{
		int			n = 3 + (int) (next_random() % 40);
		int64_t		t[48];
		double		y[48],
					x1,
					x2,
					a1,
					a2;
		int			i,
					cut = 1 + (int) (next_random() % (uint64_t) (n - 1));
		bool		cal = (r & 1) != 0;
		CumulativeValue all,
					a,
					b;
		double		scale = (r % 3 == 0) ? 1e12 : 1;

		for (i = 0; i < n; i++)
		{
			t[i] = JAN1_2024 + (int64_t) (next_random() % (uint64_t) (400 * CS_USECS_PER_DAY));
			y[i] = scale * (1000 + (double) (t[i] - JAN1_2024) / 1e9 +
							(double) (next_random() % 1000));
		}
		build(&all, t, y, n, cal);
		build(&a, t, y, cut, cal);
		build(&b, t + cut, y + cut, n - cut, cal);
		if (cum_merge(&a, &b) != CS_OK || a.n != all.n || a.first_at != all.first_at ||
			a.last_at != all.last_at || a.first_total != all.first_total ||
			a.last_total != all.last_total || a.flags != all.flags ||
			cum_fitted_rate(&a, DAY_US, &x1) != CS_OK || cum_fitted_rate(&all, DAY_US, &x2) != CS_OK ||
			!close_to(x1, x2, 1e-8) ||
			cum_acceleration(&a, DAY_US, &a1) != cum_acceleration(&all, DAY_US, &a2) ||
			(cum_acceleration(&a, DAY_US, &a1) == CS_OK && fabs(a1 - a2) > 1e-6 * (fabs(a2) + fabs(x2))))
		{
			if (bad++ < 3)
				diag("random set %d (%d reports, cut at %d): merge %.17g %.17g, one pass %.17g %.17g",
					 r, n, cut, x1, a1, x2, a2);
		}
	}
	ok(bad == 0, "1000 random sets: a merge of two parts equals one pass (%d bad)", bad);
}

/* ------------------------------------------------------------------------
 * The text form and validation
 */

/* Check time printing inside a summary, and random times reading back. */
static void
test_times(void)
{
	static const struct
	{
		int64_t		t;
		const char *instant;
		const char *calendar;
	}			cases[] = {
		{0, "2000-01-01T00:00:00Z", "2000-01-01"},
		{1, "2000-01-01T00:00:00.000001Z", "2000-01-01T00:00:00.000001"},
		{-1, "1999-12-31T23:59:59.999999Z", "1999-12-31T23:59:59.999999"},
		{INT64_C(500000), "2000-01-01T00:00:00.5Z", "2000-01-01T00:00:00.5"},
		{INT64_C(9048) * CS_USECS_PER_DAY, "2024-10-09T00:00:00Z", "2024-10-09"},
		{INT64_C(8825) * CS_USECS_PER_DAY + INT64_C(43200000000), "2024-02-29T12:00:00Z", "2024-02-29T12:00:00"},
		{-INT64_C(36465) * CS_USECS_PER_DAY, "1900-03-01T00:00:00Z", "1900-03-01"},
		{-INT64_C(730485) * CS_USECS_PER_DAY, "0000-01-01T00:00:00Z", "0000-01-01"},
		{CS_TS_MIN, "-4713-11-24T00:00:00Z", "-4713-11-24"},
		{CS_TS_END - 1, "294276-12-31T23:59:59.999999Z", "294276-12-31T23:59:59.999999"},
	};
	size_t		i;
	int			all = 1;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		int			kind;

		for (kind = 0; kind < 2; kind++)
		{
			CumulativeValue v;
			char		buf[CS_KV_BUFLEN],
						want[96];

			cum_init(&v, 1, cases[i].t, kind == 1);
			cum_format(&v, buf);
			snprintf(want, sizeof(want), "n=1 first_at=%s first_total=1 last_at=%s ",
					 kind ? cases[i].calendar : cases[i].instant, kind ? cases[i].calendar : cases[i].instant);
			if (!ok(strncmp(buf, want, strlen(want)) == 0 && cum_round_trips(&v),
					"time %lld prints as %s in a summary and reads back", (long long) cases[i].t,
					kind ? cases[i].calendar : cases[i].instant))
				diag("got %s", buf);
		}
	}

	/* random times in the whole range read back exactly, inside a summary */
	for (i = 0; i < 20000 && all; i++)
	{
		CumulativeValue v;

		cum_init(&v, random_bits_double(), random_time(), (i & 1) != 0);
		if (!cum_round_trips(&v))
		{
			all = 0;
			diag("time %lld total %.17g", (long long) v.first_at, v.first_total);
		}
	}
	ok(all, "20000 random one-report summaries of both kinds (times over the whole range) read back exactly");
}

/* Check the documented text of both kinds, random moments, white space. */
static void
test_cumulative_text(void)
{
	CumulativeValue v = three_reports(false);
	CumulativeValue w;
	char		text[CS_KV_BUFLEN];
	char		err[CS_ERRBUF_LEN];
	const char *detail;
	int			all = 1;
	int			i;

	ok(sizeof(CumulativeValue) == 120 && offsetof(CumulativeValue, version) == 0 &&
	   offsetof(CumulativeValue, n) == 8, "the stored layout is 120 bytes, the version first");
	cum_format(&v, text);
	ok(strcmp(text, "n=3 first_at=2024-01-01T00:00:00Z first_total=100 last_at=2024-01-03T00:00:00Z "
			  "last_total=300 interior=1 t_ref=2024-01-01T00:00:00Z y_ref=100 t_mean=1 y_mean=100 "
			  "t_m2=2 t_m3=0 t_m4=2 ty_c=200 t2y_c=0") == 0, "three instant reports print as documented");
	ok(cum_check(&v, &detail) == CS_OK, "three reports are valid");
	ok(cum_round_trips(&v), "three instant reports read back exactly");
	v = three_reports(true);
	cum_format(&v, text);
	ok(strcmp(text, "n=3 first_at=2024-01-01 first_total=100 last_at=2024-01-03 "
			  "last_total=300 interior=1 t_ref=2024-01-01 y_ref=100 t_mean=1 y_mean=100 "
			  "t_m2=2 t_m3=0 t_m4=2 ty_c=200 t2y_c=0") == 0, "three calendar reports print their dates");
	ok(cum_parse(text, &w, err, sizeof(err)) == CS_OK && memcmp(&v, &w, sizeof(v)) == 0 &&
	   (w.flags & CUM_CALENDAR), "and read back exactly, a calendar summary");

	/* random moments: every double reads back bit for bit, -0 included */
	for (i = 0; i < 20000 && all; i++)
	{
		v = three_reports((i & 1) != 0);
		v.t_m3 = random_bits_double();
		v.ty_c = random_bits_double();
		v.t2y_c = (i == 0) ? -0.0 : random_bits_double();
		v.y_mean = random_bits_double();
		v.t_m2 = fabs(random_bits_double());
		v.t_m4 = fabs(random_bits_double());
		all = cum_round_trips(&v);
	}
	ok(all, "20000 summaries with random moments read back exactly");

	/* white space around and between items is accepted */
	ok(cum_parse("  n=1\tfirst_at=2024-10-09T02:00:00+02 first_total=6e5 last_at=2024-10-09T00:00:00.000Z "
				 "last_total=600000.0 interior=0 t_ref=2024-10-09 00:00Z y_ref=600000 t_mean=0 "
				 "y_mean=0 t_m2=0 t_m3=0 t_m4=0 ty_c=0 t2y_c=-0\n", &w, err, sizeof(err)) == CS_OK
	   && cum_check(&w, &detail) == CS_OK && w.first_total == 600000 && signbit(w.t2y_c) &&
	   !(w.flags & CUM_CALENDAR), "white space, offsets, exponents, fractions of seconds and -0 are read (%s)", err);
}

/* Check refused texts and their details. */
static void
test_cumulative_bad_text(void)
{
	static const struct
	{
		const char *text;
		const char *detail;
	}			bad[] = {
		{"", "ends before \"n=\""},
		{"n=3", "ends before \"first_at=\""},
		{"n=3 first_at=2024-01-01T00:00:00Z", "ends before \"first_total=\""},
		{"x=3", "\"n=\" was expected"},
		{"n=3first_at=2024-01-01T00:00:00Z", "Unexpected text after \"n=\""},
		{"n=-1 first_at=2024-01-01T00:00:00Z", "A count"},
		{"n=99999999999999999999 first_at=2024-01-01T00:00:00Z", "too large"},
		{"n=1 first_at=2024-13-01T00:00:00Z", "does not exist"},
		{"n=1 first_at=2023-02-29T00:00:00Z", "does not exist"},
		{"n=1 first_at=2024-01-01T24:00:00Z", "time of day"},
		{"n=1 first_at=2024-01-01T00:60:00Z", "time of day"},
		{"n=1 first_at=2024-01-01T00:00:60Z", "time of day"},
		{"n=1 first_at=24-01-01T00:00:00Z", "was expected"},
		{"n=1 first_at=1234567-01-01T00:00:00Z", "out of the range"},
		{"n=1 first_at=2024-01-01T00:00:00.1234567Z", "six fractional digits"},
		{"n=1 first_at=2024-01-01T00:00:00.Z", "Unexpected text after \"first_at=\""},
		{"n=1 first_at=294277-01-01T00:00:00Z", "out of the range"},
		{"n=1 first_at=-4713-11-23T00:00:00Z", "out of the range"},
		{"n=1 first_at=2024-01-01T00:00:00Z first_total=nan", "A number was expected"},
		{"n=1 first_at=2024-01-01T00:00:00Z first_total=inf", "A number was expected"},
		{"n=1 first_at=2024-01-01T00:00:00Z first_total=1e400", "out of range"},
		{"n=1 first_at=2024-01-01T00:00:00Z first_total=1e-400", "out of range"},
		{"n=1 first_at=2024-01-01T00:00:00Z first_total=0x1p3", "hexadecimal"},
		{"n=1 first_at=2024-01-01T00:00:00Z first_total= 5", "A number was expected"},
		{"n=1 first_at=2024-01-01T00:00:00Z first_total=.", "A number was expected"},
		{"n=1 first_at=2024-01-01T00:00:00Z first_total=1 last_at=2024-01-01T00:00:00Z last_total=1 interior=x",
		"0 or 1 was expected after \"interior=\""},
		{"n=1 first_at=2024-01-01T00:00:00Z first_total=1 last_at=2024-01-01 last_total=1",
		"a value holds times of one kind"},
		{"n=1 first_at=2024-01-01 first_total=1 last_at=2024-01-01 last_total=1 interior=0 "
			"t_ref=2024-01-01T00:00:00Z", "a value holds times of one kind"},
		{"n=0 first_at=2024-01-01 first_total=1 last_at=2024-01-01 last_total=1 interior=0 t_ref=2024-01-01 "
			"y_ref=1 t_mean=0 y_mean=0 t_m2=0 t_m3=0 t_m4=0 ty_c=0 t2y_c=0", "The number of reports must be positive."},
		{"n=1 first_at=2024-01-01 first_total=1 last_at=2024-01-02 last_total=1 interior=0 t_ref=2024-01-01 "
			"y_ref=1 t_mean=0 y_mean=0 t_m2=0 t_m3=0 t_m4=0 ty_c=0 t2y_c=0",
		"A single report must be the first, the last and the reference."},
	};
	size_t		i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		CumulativeValue v;
		char		err[CS_ERRBUF_LEN] = "";
		CsStatus	st = cum_parse(bad[i].text, &v, err, sizeof(err));

		if (!ok(st == CS_ERR_SYNTAX && strstr(err, bad[i].detail) != NULL,
				"bad text %zu is refused: \"%s\"", i, bad[i].detail))
			diag("%s: got %s \"%s\"", bad[i].text, status_name(st), err);
	}

	/* a full good text with one more item */
	{
		CumulativeValue v = three_reports(false);
		CumulativeValue w;
		char		text[CS_KV_BUFLEN + 8];

		cum_format(&v, text);
		strcat(text, " n=3");
		ok(cum_parse(text, &w, NULL, 0) == CS_ERR_SYNTAX, "trailing items are refused (and a NULL errbuf is fine)");
	}
}

/* Check cum_check's details. */
static void
test_cumulative_check(void)
{
	CumulativeValue v;
	const char *detail = NULL;

#define BAD(what, change, want) \
	do { \
		v = three_reports(false); \
		change; \
		detail = NULL; \
		if (!ok(cum_check(&v, &detail) == CS_ERR_INVALID && detail != NULL && strcmp(detail, want) == 0, \
				"validation refuses %s: \"%s\"", what, want)) \
			diag("got \"%s\"", detail ? detail : "(none)"); \
	} while (0)

	BAD("another version", v.version = 2, "The format version is unknown.");
	BAD("reserved flag bits", v.flags |= 0x80, "Reserved flag bits are set.");
	BAD("reserved bytes", v.reserved[5] = 1, "Reserved bytes are not zero.");
	BAD("no reports", v.n = 0, "The number of reports must be positive.");
	BAD("a negative count", v.n = -3, "The number of reports must be positive.");
	BAD("a time before the range", v.first_at = v.t_ref = CS_TS_MIN - 1,
		"A report time is out of the range of timestamp with time zone.");
	BAD("a time after the range", v.last_at = CS_TS_END, "A report time is out of the range of timestamp with time zone.");
	BAD("first after last", (v.first_at = v.last_at + 1, v.t_ref = v.last_at),
		"The first report is later than the last report.");
	BAD("a reference outside the span", v.t_ref = v.last_at + 1, "The reference time lies outside the reported span.");
	BAD("a NaN", v.t_m3 = NAN, "A field is not a finite number.");
	BAD("an infinity", v.y_ref = INFINITY, "A field is not a finite number.");
	BAD("a negative sum of squares", v.t_m2 = -1, "A sum of squares is negative.");
	BAD("interior with two reports", v.n = 2, "A report between the first and the last needs three reports at three times.");
	BAD("one report with a spread", (v.n = 1, v.flags = 0),
		"A single report must be the first, the last and the reference.");
	BAD("one instant with a spread", (v.last_at = v.first_at, v.flags = 0, v.last_total = 100),
		"Reports at one instant cannot have a spread in time.");
	BAD("one instant with two totals", (v.last_at = v.first_at, v.flags = 0, v.t_mean = 0, v.t_m2 = 0,
										v.t_m4 = 0, v.ty_c = 0),
		"Reports at one instant must have one first and last total.");
	BAD("a mean time outside the span", v.t_mean = 2.5, "The mean time lies outside the reported span.");
#undef BAD
	v = three_reports(false);
	v.t_mean = 2 + 1e-9;
	ok(cum_check(&v, &detail) == CS_OK, "a mean time a rounding error past the last is accepted");
	v = three_reports(true);
	ok(cum_check(&v, &detail) == CS_OK, "a calendar summary is valid");

	/*
	 * reports in year 47,900, a fraction of a millisecond apart: as doubles
	 * the times are 256 microseconds coarse, so the span around the mean
	 * time must be taken from the exact differences
	 */
	{
		int64_t		t0 = INT64_C(1450000000000000130);

		cum_init(&v, 1, t0, false);
		cum_add(&v, 2, t0 + 400);
		cum_add(&v, 3, t0 + 500);
		detail = NULL;
		if (!ok(cum_check(&v, &detail) == CS_OK && cum_round_trips(&v),
				"reports 400 and 500 microseconds apart in year 47,900: valid, and read back"))
			diag("%s", detail ? detail : "");
	}
}

/* Check the wire form: the bytes of cumulative_send, which the regression tests pin too. */
static void
test_cumulative_wire(void)
{
	static const char hex[] =
		"010100000000000000030002b0d5d4e940000002b0fe109800000002b0d5d4e94000"
		"40590000000000004072c0000000000040590000000000003ff0000000000000405900"
		"000000000040000000000000000000000000000000400000000000000040690000000000"
		"000000000000000000";
	CumulativeValue v;
	uint8_t		wire[114];
	char		err[CS_ERRBUF_LEN];

	ok(cs_wire_size(&cum_desc) == 114, "the wire form is 114 bytes: version, flags, 4 int64, 10 float8");
	ok(cum_parse("n=3 first_at=2024-01-01T00:00:00Z first_total=100 last_at=2024-01-03T00:00:00Z "
				 "last_total=300 interior=1 t_ref=2024-01-01T00:00:00Z y_ref=100 t_mean=1 y_mean=100 "
				 "t_m2=2 t_m3=0 t_m4=2 ty_c=200 t2y_c=0", &v, NULL, 0) == CS_OK &&
	   wire_pinned(&cum_desc, &v, hex), "three reports' wire form is the pinned bytes");
	/* every field different, so that one out of place shows */
	ok(cum_parse("n=4 first_at=2024-01-02T00:00:00Z first_total=100 last_at=2024-01-06T02:00:00Z "
				 "last_total=450 interior=1 t_ref=2024-01-03T00:00:00Z y_ref=200 t_mean=0.7708333333333331 "
				 "y_mean=62.5 t_m2=9.130208333333332 t_m3=6.367404513888884 t_m4=38.78679967809604 "
				 "ty_c=778.1249999999999 t2y_c=457.94270833333314", &v, NULL, 0) == CS_OK &&
	   wire_pinned(&cum_desc, &v,
				   "010100000000000000040002b0e9f2c0a0000002b13c174568000002b0fe10980000"
				   "4059000000000000407c20000000000040690000000000003fe8aaaaaaaaaaa9404f40"
				   "0000000000402242aaaaaaaaaa40197838e38e38de404364b5da12f681408850ffffff"
				   "ffff407c9f1555555552"),
	   "a summary whose fields all differ: n, first_at, last_at, t_ref, then the doubles in order");
	cs_wire_encode(&cum_desc, &v, wire);
	wire[1] = 0x80;
	ok(cs_wire_decode(&cum_desc, wire, sizeof(wire), &v, err, sizeof(err)) == CS_ERR_SYNTAX &&
	   strcmp(err, "Reserved flag bits are set.") == 0, "receive refuses what cum_check refuses: %s", err);
}

/* Run every check; the exit status says whether one failed. */
int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_reference_figures();
	test_edges();
	test_random_merges();
	test_times();
	test_cumulative_text();
	test_cumulative_bad_text();
	test_cumulative_check();
	test_cumulative_wire();
	return done_testing();
}
