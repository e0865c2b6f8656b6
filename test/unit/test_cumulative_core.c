/*
 * test_cumulative_parse.c
 *		Unit tests of the plain-C text forms of the cumulative summary and
 *		the cost_per_gain and elasticity states (src/cumulative_parse.c) and
 *		of their validation (src/cumulative_parse.h).
 *
 * Prints TAP.  Built by test/run_tests.sh with AddressSanitizer and UBSan.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cumulative_parse.h"
#include "tap.h"

/* run_tests-link: src/estimate_parse.c src/cumulative_parse.c */


/* Give a pseudo-random 64-bit number (xorshift64*, fixed seed). */
static uint64_t
next_random(void)
{
	static uint64_t s = 0x2545F4914F6CDD1DULL;

	s ^= s >> 12;
	s ^= s << 25;
	s ^= s >> 27;
	return s * 0x2545F4914F6CDD1DULL;
}

/* Give a random finite double of any sign and magnitude, zeros and subnormals included. */
static double
random_double(void)
{
	double		d;

	do
	{
		uint64_t	bits = next_random();

		memcpy(&d, &bits, sizeof(d));
	} while (!isfinite(d));
	return d;
}

/* Give a random time within the timestamptz range. */
static int64_t
random_time(void)
{
	uint64_t	span = (uint64_t) CUM_TS_END - (uint64_t) CUM_TS_MIN;

	return (int64_t) ((uint64_t) CUM_TS_MIN + next_random() % span);
}

/* Build the valid summary of three reports a day apart from 2024-01-01. */
static CumulativeValue
three_reports(void)
{
	CumulativeValue v;

	memset(&v, 0, sizeof(v));
	v.version = CUM_VERSION;
	v.flags = CUM_INTERIOR;
	v.n = 3;
	v.first_at = v.t_ref = INT64_C(8766) * CUM_USECS_PER_DAY;
	v.last_at = v.first_at + 2 * CUM_USECS_PER_DAY;
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
	char		text[CUM_TEXT_BUFLEN];
	char		err[256];
	CumulativeValue again;
	const char *detail;

	cum_format(v, text);
	if (!cum_parse(text, &again, err, sizeof(err)))
	{
		printf("# %s\n# %s\n", text, err);
		return 0;
	}
	if (!cum_validate(&again, &detail))
	{
		printf("# %s\n# %s\n", text, detail);
		return 0;
	}
	return memcmp(v, &again, sizeof(again)) == 0;
}

static void
test_times(void)
{
	static const struct
	{
		int64_t		t;
		const char *text;
	}			cases[] = {
		{0, "2000-01-01T00:00:00Z"},
		{1, "2000-01-01T00:00:00.000001Z"},
		{-1, "1999-12-31T23:59:59.999999Z"},
		{INT64_C(500000), "2000-01-01T00:00:00.5Z"},
		{INT64_C(9048) * CUM_USECS_PER_DAY, "2024-10-09T00:00:00Z"},
		{INT64_C(8825) * CUM_USECS_PER_DAY + INT64_C(43200000000), "2024-02-29T12:00:00Z"},
		{-INT64_C(36465) * CUM_USECS_PER_DAY, "1900-03-01T00:00:00Z"},
		{-INT64_C(730485) * CUM_USECS_PER_DAY, "0000-01-01T00:00:00Z"},
		{CUM_TS_MIN, "-4713-11-24T00:00:00Z"},
		{CUM_TS_END - 1, "294276-12-31T23:59:59.999999Z"},
	};
	size_t		i;
	int			all = 1;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		char		buf[64];

		cum_format_time(cases[i].t, buf);
		if (!ok(strcmp(buf, cases[i].text) == 0, "time %lld prints as %s",
				(long long) cases[i].t, cases[i].text))
			printf("# got %s\n", buf);
	}

	/* random times in the whole range read back exactly, inside a summary */
	for (i = 0; i < 20000; i++)
	{
		CumulativeValue v;

		memset(&v, 0, sizeof(v));
		v.version = CUM_VERSION;
		v.n = 1;
		v.first_at = v.last_at = v.t_ref = random_time();
		v.first_total = v.last_total = v.y_ref = random_double();
		if (!cum_round_trips(&v))
		{
			all = 0;
			printf("# time %lld total %.17g\n", (long long) v.first_at, v.first_total);
			break;
		}
	}
	ok(all, "20000 random one-report summaries (times over the whole range) read back exactly");
}

static void
test_cumulative_text(void)
{
	CumulativeValue v = three_reports();
	char		text[CUM_TEXT_BUFLEN];
	const char *detail;
	int			all = 1;
	int			i;

	cum_format(&v, text);
	ok(strcmp(text, "n=3 first_at=2024-01-01T00:00:00Z first_total=100 last_at=2024-01-03T00:00:00Z "
			  "last_total=300 interior=1 t_ref=2024-01-01T00:00:00Z y_ref=100 t_mean=1 y_mean=100 "
			  "t_m2=2 t_m3=0 t_m4=2 ty_c=200 t2y_c=0") == 0, "three reports print as documented");
	ok(cum_validate(&v, &detail), "three reports are valid");
	ok(cum_round_trips(&v), "three reports read back exactly");

	/* random moments: every double reads back bit for bit, -0 included */
	for (i = 0; i < 20000 && all; i++)
	{
		v = three_reports();
		v.t_m3 = random_double();
		v.ty_c = random_double();
		v.t2y_c = (i == 0) ? -0.0 : random_double();
		v.y_mean = random_double();
		v.t_m2 = fabs(random_double());
		v.t_m4 = fabs(random_double());
		all = cum_round_trips(&v);
	}
	ok(all, "20000 summaries with random moments read back exactly");

	/* white space around and between items is accepted */
	{
		CumulativeValue w;
		char		err[256];

		ok(cum_parse("  n=1\tfirst_at=2024-10-09T00:00:00Z first_total=6e5 last_at=2024-10-09T00:00:00.000Z "
					 "last_total=600000.0 interior=0 t_ref=2024-10-09T00:00:00Z y_ref=600000 t_mean=0 "
					 "y_mean=0 t_m2=0 t_m3=0 t_m4=0 ty_c=0 t2y_c=-0\n", &w, err, sizeof(err))
		   && cum_validate(&w, &detail) && w.first_total == 600000 && signbit(w.t2y_c),
		   "white space, exponents, fractions of seconds and -0 are read");
	}
}

static void
test_cumulative_bad_text(void)
{
	static const char *const bad[] = {
		"",
		"n=3",
		"n=3 first_at=2024-01-01T00:00:00Z",
		"x=3",
		"n=3first_at=2024-01-01T00:00:00Z",
		"n=-1 first_at=2024-01-01T00:00:00Z",
		"n=99999999999999999999 first_at=2024-01-01T00:00:00Z",
		"n=1 first_at=2024-13-01T00:00:00Z",
		"n=1 first_at=2023-02-29T00:00:00Z",
		"n=1 first_at=2024-01-01T24:00:00Z",
		"n=1 first_at=2024-01-01T00:60:00Z",
		"n=1 first_at=2024-01-01T00:00:60Z",
		"n=1 first_at=2024-01-01T00:00:00",
		"n=1 first_at=2024-01-01T00:00:00+00",
		"n=1 first_at=2024-01-01 00:00:00Z",
		"n=1 first_at=24-01-01T00:00:00Z",
		"n=1 first_at=1234567-01-01T00:00:00Z",
		"n=1 first_at=2024-01-01T00:00:00.1234567Z",
		"n=1 first_at=2024-01-01T00:00:00.Z",
		"n=1 first_at=294277-01-01T00:00:00Z",
		"n=1 first_at=-4713-11-23T00:00:00Z",
		"n=1 first_at=2024-01-01T00:00:00Z first_total=nan",
		"n=1 first_at=2024-01-01T00:00:00Z first_total=inf",
		"n=1 first_at=2024-01-01T00:00:00Z first_total=1e400",
		"n=1 first_at=2024-01-01T00:00:00Z first_total=1e-400",
		"n=1 first_at=2024-01-01T00:00:00Z first_total=0x1p3",
		"n=1 first_at=2024-01-01T00:00:00Z first_total= 5",
		"n=1 first_at=2024-01-01T00:00:00Z first_total=.",
		"n=1 first_at=2024-01-01T00:00:00Z first_total=1 last_at=2024-01-01T00:00:00Z last_total=1 interior=x",
	};
	size_t		i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		CumulativeValue v;
		char		err[256] = "";

		if (!ok(!cum_parse(bad[i], &v, err, sizeof(err)) && err[0] != '\0',
				"bad text %zu is refused with a detail", i))
			printf("# %s\n", bad[i]);
	}

	/* a full good text with one more item */
	{
		CumulativeValue v = three_reports();
		CumulativeValue w;
		char		text[CUM_TEXT_BUFLEN + 8];

		cum_format(&v, text);
		strcat(text, " n=3");
		ok(!cum_parse(text, &w, NULL, 0), "trailing items are refused (and a NULL errbuf is fine)");
	}
}

static void
test_cumulative_validate(void)
{
	CumulativeValue v;
	const char *detail = NULL;

#define BAD(what, change) \
	do { \
		v = three_reports(); \
		change; \
		detail = NULL; \
		ok(!cum_validate(&v, &detail) && detail != NULL, "validation refuses %s", what); \
	} while (0)

	BAD("another version", v.version = 2);
	BAD("reserved flag bits", v.flags |= 0x80);
	BAD("reserved bytes", v.reserved[5] = 1);
	BAD("no reports", v.n = 0);
	BAD("a negative count", v.n = -3);
	BAD("a time before the range", v.first_at = v.t_ref = CUM_TS_MIN - 1);
	BAD("a time after the range", v.last_at = CUM_TS_END);
	BAD("first after last", (v.first_at = v.last_at + 1, v.t_ref = v.last_at));
	BAD("a reference outside the span", v.t_ref = v.last_at + 1);
	BAD("a NaN", v.t_m3 = NAN);
	BAD("an infinity", v.y_ref = INFINITY);
	BAD("a negative sum of squares", v.t_m2 = -1);
	BAD("interior with two reports", v.n = 2);
	BAD("one report with a spread", (v.n = 1, v.flags = 0));
	BAD("one instant with a spread", (v.last_at = v.first_at, v.flags = 0, v.last_total = 100));
	BAD("one instant with two totals", (v.last_at = v.first_at, v.flags = 0, v.t_mean = 0, v.t_m2 = 0,
										v.t_m4 = 0, v.ty_c = 0));
	BAD("a mean time outside the span", v.t_mean = 2.5);
#undef BAD
	v = three_reports();
	v.t_mean = 2 + 1e-9;
	ok(cum_validate(&v, &detail), "a mean time a rounding error past the last is accepted");
}

static void
test_gain_states(void)
{
	CostGainValue c;
	ElasticityValue e;
	CostGainValue c2;
	ElasticityValue e2;
	char		text[CUM_TEXT_BUFLEN];
	const char *detail;
	int			all = 1;
	int			i;

	memset(&c, 0, sizeof(c));
	c.version = CUM_VERSION;
	c.losses_n = 2;
	c.losses_sum = 300;
	c.gained_n = 1;
	c.gained_sum = 5;
	cost_gain_format(&c, text);
	ok(strcmp(text, "losses_n=2 losses_sum=300 losses_err=0 gained_n=1 gained_sum=5 gained_err=0") == 0,
	   "cost_per_gain_state prints as documented");
	ok(cost_gain_parse(text, &c2, NULL, 0) && cost_gain_validate(&c2, &detail)
	   && memcmp(&c, &c2, sizeof(c)) == 0, "cost_per_gain_state reads back exactly");

	memset(&e, 0, sizeof(e));
	e.version = CUM_VERSION;
	e.n = 2;
	e.x_mean = 1;
	e.y_mean = 2;
	e.xx = 0.5;
	e.xy = 0.75;
	elasticity_format(&e, text);
	ok(strcmp(text, "n=2 x_mean=1 y_mean=2 xx=0.5 xy=0.75") == 0, "elasticity_state prints as documented");
	ok(elasticity_parse(text, &e2, NULL, 0) && elasticity_validate(&e2, &detail)
	   && memcmp(&e, &e2, sizeof(e)) == 0, "elasticity_state reads back exactly");

	for (i = 0; i < 20000 && all; i++)
	{
		c.losses_n = (int64_t) (next_random() >> 1) | 1;
		c.gained_n = (int64_t) (next_random() >> 1) | 1;
		c.losses_sum = random_double();
		c.losses_err = random_double();
		c.gained_sum = random_double();
		c.gained_err = random_double();
		cost_gain_format(&c, text);
		all = cost_gain_parse(text, &c2, NULL, 0) && cost_gain_validate(&c2, &detail)
			&& memcmp(&c, &c2, sizeof(c)) == 0;
		e.n = (int64_t) (next_random() >> 1) | 2;
		e.x_mean = random_double();
		e.y_mean = random_double();
		e.xx = fabs(random_double());
		e.xy = random_double();
		elasticity_format(&e, text);
		all = all && elasticity_parse(text, &e2, NULL, 0) && elasticity_validate(&e2, &detail)
			&& memcmp(&e, &e2, sizeof(e)) == 0;
	}
	ok(all, "20000 random gain states read back exactly");

	memset(&c, 0, sizeof(c));
	c.version = CUM_VERSION;
	ok(!cost_gain_validate(&c, &detail), "cost_per_gain_state of no values is refused");
	c.gained_n = 1;
	c.losses_sum = 5;
	ok(!cost_gain_validate(&c, &detail), "a sum of no losses must be zero");
	c.losses_sum = 0;
	c.gained_n = -1;
	ok(!cost_gain_validate(&c, &detail), "a negative count is refused");
	c.gained_n = 1;
	c.flags = 1;
	ok(!cost_gain_validate(&c, &detail), "cost_per_gain_state flag bits are reserved");

	memset(&e, 0, sizeof(e));
	e.version = CUM_VERSION;
	e.n = 1;
	ok(elasticity_validate(&e, &detail), "an elasticity state of one row is valid");
	e.xx = 1;
	ok(!elasticity_validate(&e, &detail), "one row cannot have a spread");
	e.n = 2;
	e.xx = -1;
	ok(!elasticity_validate(&e, &detail), "a negative sum of squares is refused");
	e.xx = 1;
	e.reserved[0] = 1;
	ok(!elasticity_validate(&e, &detail), "elasticity_state reserved bytes must be zero");
}

int
main(void)
{
	test_times();
	test_cumulative_text();
	test_cumulative_bad_text();
	test_cumulative_validate();
	test_gain_states();
	return done_testing();
}
