/*
 * test_trend_parse.c
 *		Unit tests of the plain-C trend code: the text form of the trend
 *		summary (src/trend_parse.c), its validation, and the numerically
 *		stable helpers and Student's t quantile of src/stats.h.
 *
 * Prints TAP.  Built by test/run_tests.sh with AddressSanitizer and UBSan.
 * The t quantiles are checked against values computed with 50-digit
 * arithmetic (mpmath: inverse of the regularized incomplete beta function).
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
#include "trend_parse.h"

/* run_tests-link: src/estimate_parse.c src/trend_parse.c */


/* Give a pseudo-random 64-bit number (xorshift64*, fixed seed). */
static uint64_t
next_random(void)
{
	static uint64_t s = 0x9E3779B97F4A7C15ULL;

	s ^= s >> 12;
	s ^= s << 25;
	s ^= s >> 27;
	return s * 0x2545F4914F6CDD1DULL;
}

/* Give a random double in [lo, hi). */
static double
uniform(double lo, double hi)
{
	return lo + (hi - lo) * ((double) (next_random() >> 11) / 9007199254740992.0);
}

/* Build a summary of n random rows the way trend_agg does. */
static void
random_summary(TrendValue *v, int n, double vscale)
{
	int			i;

	trend_init(v);
	for (i = 0; i < n; i++)
	{
		int64_t		t = (int64_t) 757382400000000LL + (int64_t) (uniform(0, 1000) * 86400.0) * 1000000;
		double		y = vscale * (1.0 + uniform(-0.01, 0.01));

		if (v->n == 0)
		{
			v->n = 1;
			v->t_ref = v->t_min = v->t_max = t;
			v->v_ref = v->sum_v = y;
			continue;
		}
		if (t < v->t_min)
			v->t_min = t;
		if (t > v->t_max)
			v->t_max = t;
		stats_welford2_add((double) v->n, &v->mean_t, &v->mean_v, &v->sxx, &v->syy,
						   &v->sxy, (double) (t - v->t_ref), y - v->v_ref);
		v->n++;
		v->sum_v += y;
	}
}

/* Tell whether text fails to parse, with a detail sentence. */
static int
rejects(const char *text)
{
	TrendValue	v;
	char		err[256];

	err[0] = '\0';
	return trend_parse(text, &v, err, sizeof(err)) != 0 && err[0] != '\0';
}

/* Check the quantile against a 50-digit reference, relative error 1e-12. */
static void
check_quantile(double q, double df, double expected)
{
	double		got = stats_t_quantile_upper(q, df);

	ok(fabs(got - expected) <= 1e-12 * fabs(expected),
	   "t quantile q=%g df=%g: %.17g (expected %.17g)", q, df, got, expected);
}

int
main(void)
{
	TrendValue	v,
				w;
	char		buf[TREND_TEXT_BUFLEN];
	char		err[256];
	int			i,
				all;

	/* the empty value */
	trend_init(&v);
	trend_format(&v, buf);
	ok(strcmp(buf, "v1 n=0 ref=0 first=0 last=0 vref=0 sum=0 mt=0 mv=0 sxx=0 syy=0 sxy=0") == 0,
	   "empty value formats as the aggregates' initial condition");
	ok(trend_parse(buf, &w, err, sizeof(err)) == 0 && memcmp(&v, &w, sizeof(v)) == 0,
	   "empty value reads back");
	ok(sizeof(TrendValue) == 96, "stored layout is 96 bytes");

	/* random summaries read back bit for bit */
	all = 1;
	for (i = 0; i < 2000; i++)
	{
		double		scales[] = {1.0, 1e9, 1e15, -3.5e5, 1e-300, 1e150};

		random_summary(&v, 1 + (int) (next_random() % 200), scales[i % 6]);
		if (trend_check(&v) != NULL)
		{
			all = 0;
			printf("# rejected: %s\n", trend_check(&v));
			break;
		}
		trend_format(&v, buf);
		if (trend_parse(buf, &w, err, sizeof(err)) != 0 || memcmp(&v, &w, sizeof(v)) != 0)
		{
			all = 0;
			printf("# %s: %s\n", buf, err);
			break;
		}
	}
	ok(all, "2000 random summaries validate and read back bit for bit");

	/* white space is allowed around tokens */
	ok(trend_parse("  v1\tn=1 ref=5 first=5 last=5 vref=-2 sum=-2 mt=0 mv=0 sxx=0 syy=0 sxy=0 \n",
				   &v, err, sizeof(err)) == 0 && v.n == 1 && v.sum_v == -2.0,
	   "white space around tokens");

	/* bad text */
	ok(rejects(""), "empty text");
	ok(rejects("   "), "blank text");
	ok(rejects("v1"), "version only");
	ok(rejects("v2 n=0 ref=0 first=0 last=0 vref=0 sum=0 mt=0 mv=0 sxx=0 syy=0 sxy=0"), "version 2");
	ok(rejects("v10 n=0 ref=0 first=0 last=0 vref=0 sum=0 mt=0 mv=0 sxx=0 syy=0 sxy=0"), "version 10");
	ok(rejects("v1 n=0 ref=0 first=0 last=0 vref=0 sum=0 mt=0 mv=0 sxx=0 syy=0"), "missing field");
	ok(rejects("v1 n=0 ref=0 first=0 last=0 vref=0 sum=0 mt=0 mv=0 syy=0 sxx=0 sxy=0"), "fields out of order");
	ok(rejects("v1 n=0 ref=0 first=0 last=0 vref=0 sum=0 mt=0 mv=0 sxx=0 syy=0 sxy=0 x"), "trailing garbage");
	ok(rejects("v1 n=9223372036854775808 ref=0 first=0 last=0 vref=0 sum=0 mt=0 mv=0 sxx=0 syy=0 sxy=0"),
	   "count overflows int64");
	ok(rejects("v1 n=-1 ref=0 first=0 last=0 vref=0 sum=0 mt=0 mv=0 sxx=0 syy=0 sxy=0"), "negative count");
	ok(rejects("v1 n=1 ref=0 first=0 last=0 vref=nan sum=0 mt=0 mv=0 sxx=0 syy=0 sxy=0"), "NaN");
	ok(rejects("v1 n=1 ref=0 first=0 last=0 vref=inf sum=0 mt=0 mv=0 sxx=0 syy=0 sxy=0"), "infinity");
	ok(rejects("v1 n=1 ref=0 first=0 last=0 vref=1e400 sum=0 mt=0 mv=0 sxx=0 syy=0 sxy=0"), "overflow");
	ok(rejects("v1 n=1 ref=0 first=0 last=0 vref=0x1p3 sum=0 mt=0 mv=0 sxx=0 syy=0 sxy=0"), "hex float");
	ok(rejects("v1 n=1 ref=0 first=0 last=0 vref=1. sum=1 mt=0 mv=0 sxx=0 syy=0 sxy=0") == 0, "1. is a number");
	ok(rejects("v1 n=1 ref=0 first=0 last=0 vref=. sum=0 mt=0 mv=0 sxx=0 syy=0 sxy=0"), "a lone point");
	ok(rejects("v1 n=1 ref=0 first=0 last=0 vref=1e sum=1 mt=0 mv=0 sxx=0 syy=0 sxy=0"), "empty exponent");
	ok(rejects("v1 n=0 ref=1 first=0 last=0 vref=0 sum=0 mt=0 mv=0 sxx=0 syy=0 sxy=0"), "empty with a field");
	ok(rejects("v1 n=1 ref=0 first=0 last=0 vref=1 sum=2 mt=0 mv=0 sxx=0 syy=0 sxy=0"), "one row, sum not vref");
	ok(rejects("v1 n=2 ref=0 first=10 last=0 vref=1 sum=2 mt=0 mv=0 sxx=0 syy=0 sxy=0"), "first after last");
	ok(rejects("v1 n=2 ref=-211813488000000001 first=0 last=0 vref=1 sum=2 mt=0 mv=0 sxx=0 syy=0 sxy=0"),
	   "time before the timestamptz range");
	ok(rejects("v1 n=3 ref=0 first=0 last=10 vref=1 sum=3 mt=5 mv=0 sxx=50 syy=0 sxy=1"),
	   "cross product with no spread of values");

	/* Welford: add then remove gets back the same sums, merge equals one pass */
	{
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

	return done_testing();
}
