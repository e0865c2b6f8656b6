/*
 * test_gain_core.c
 *		Unit tests of the plain-C gain core (src/gain_core.c): the partial
 *		states of cost_per_gain (compensated sums) and elasticity (a fit of
 *		log losses on log gains), their updates, merges and final figures,
 *		their text forms and their validation.
 *
 * Prints TAP.  Built by test/Makefile with AddressSanitizer and UBSan.
 *
 * The reference elasticities were computed apart with numpy 1.24:
 * numpy.polyfit(log(gained), log(losses), 1) over the rows where both are
 * positive; they are checked to a relative 1e-12.
 */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gain_core.h"
#include "tap.h"
#include "unit.h"

/* Give a random finite double of any sign and magnitude, zeros and subnormals included. */
/* Name a status for diagnostics. */
/* Say whether got is within a relative tol of want. */
/* ------------------------------------------------------------------------
 * cost_per_gain
 */

/* Check the compensated sums, NULLs, the final ratio and merges. */
static void
test_cost_per_gain(void)
{
	CostGainValue s,
				a,
				b;
	double		x = -1;
	int			i,
				good;
	const char *detail;

	ok(sizeof(CostGainValue) == 56 && offsetof(CostGainValue, version) == 0 &&
	   offsetof(CostGainValue, losses_n) == 8, "the cost_per_gain state is 56 bytes, the version first");
	cpg_init(&s);
	ok(s.version == GAIN_VERSION && s.losses_n == 0 && s.gained_n == 0 && s.losses_sum == 0,
	   "cpg_init makes an empty state");
	ok(cpg_final(&s, &x) == CS_NONE, "an empty state has no ratio");

	/* 1e16 and a thousand ones: a plain sum loses every one */
	good = cpg_add(&s, true, 1e16, true, 1) == CS_OK;
	for (i = 0; i < 1000; i++)
		good = good && cpg_add(&s, true, 1.0, false, 0) == CS_OK;
	ok(good && s.losses_n == 1001 && s.gained_n == 1 && s.losses_sum + s.losses_err == 1e16 + 1000,
	   "the compensated sum of 1e16 and 1000 ones is exact");
	ok(cpg_final(&s, &x) == CS_OK && x == 1e16 + 1000, "cost per gain (1e16 + 1000) / 1 is exact");
	{
		double		plain = 1e16;

		for (i = 0; i < 1000; i++)
			plain += 1.0;
		ok(plain == 1e16, "(a plain sum of the same rows stays at 1e16)");
	}

	/* ones first, then a large value and its opposite */
	cpg_init(&s);
	for (i = 0; i < 1000; i++)
		cpg_add(&s, true, 1.0, true, 0.5);
	cpg_add(&s, true, 1e100, true, 0);
	cpg_add(&s, true, -1e100, true, 0);
	ok(cpg_final(&s, &x) == CS_OK && x == 2.0 && s.losses_n == 1002,
	   "1000 ones, 1e100 and -1e100 over 1000 halves: exactly 2");

	/* NULLs are skipped per column */
	cpg_init(&s);
	cpg_add(&s, true, 300, false, 0);
	cpg_add(&s, false, 0, true, 5);
	cpg_add(&s, false, 0, false, 0);
	cpg_add(&s, true, 200, true, 5);
	ok(s.losses_n == 2 && s.gained_n == 2 && cpg_final(&s, &x) == CS_OK && x == 50,
	   "NULLs are skipped column by column: 500 / 10 = 50");

	/* no figure */
	cpg_init(&s);
	cpg_add(&s, true, 300, false, 0);
	ok(cpg_final(&s, &x) == CS_NONE, "losses without gains: CS_NONE");
	cpg_init(&s);
	cpg_add(&s, false, 0, true, 5);
	ok(cpg_final(&s, &x) == CS_NONE, "gains without losses: CS_NONE");
	cpg_init(&s);
	cpg_add(&s, true, 10, true, 5);
	cpg_add(&s, true, 10, true, -5);
	ok(cpg_final(&s, &x) == CS_NONE, "gains that sum to 0: CS_NONE");
	cpg_init(&s);
	cpg_add(&s, true, 0, true, 5);
	ok(cpg_final(&s, &x) == CS_OK && x == 0 && !signbit(x), "no losses over a gain: 0");

	/* overflow and underflow */
	cpg_init(&s);
	ok(cpg_add(&s, true, 1e308, true, 1) == CS_OK && cpg_add(&s, true, 1e308, true, 1) == CS_ERR_RANGE,
	   "a sum beyond the doubles: CS_ERR_RANGE");
	cpg_init(&s);
	cpg_add(&s, true, 1e308, true, 1e-10);
	ok(cpg_final(&s, &x) == CS_ERR_RANGE && isinf(x), "a ratio beyond the doubles: CS_ERR_RANGE");
	cpg_init(&s);
	cpg_add(&s, true, 1e-300, true, 1e300);
	ok(cpg_final(&s, &x) == CS_ERR_RANGE && x == 0, "a ratio that underflows to 0: CS_ERR_RANGE");
	cpg_init(&s);
	cpg_add(&s, true, -5e-324, true, 1e300);
	ok(cpg_final(&s, &x) == CS_ERR_RANGE, "a negative ratio that underflows: CS_ERR_RANGE");

	/* merges */
	cpg_init(&a);
	cpg_init(&b);
	cpg_add(&a, true, 1e16, true, 1);
	for (i = 0; i < 500; i++)
	{
		cpg_add(&a, true, 1.0, false, 0);
		cpg_add(&b, true, 1.0, (i % 2) == 0, 2);
	}
	ok(cpg_merge(&a, &b) == CS_OK && a.losses_n == 1001 && a.gained_n == 251 &&
	   cpg_final(&a, &x) == CS_OK && x == (1e16 + 1000) / 501,
	   "merged halves keep the compensation: (1e16 + 1000) / 501");
	cpg_init(&b);
	s = a;
	ok(cpg_merge(&a, &b) == CS_OK && memcmp(&a, &s, sizeof(a)) == 0, "merging an empty state changes nothing");
	ok(cpg_merge(&b, &s) == CS_OK && b.losses_sum + b.losses_err == s.losses_sum + s.losses_err &&
	   b.losses_n == s.losses_n && b.gained_n == s.gained_n, "merging into an empty state gives the other");
	cpg_init(&a);
	cpg_init(&b);
	cpg_add(&a, true, 1e308, true, 1);
	cpg_add(&b, true, 1e308, true, 1);
	ok(cpg_merge(&a, &b) == CS_ERR_RANGE, "a merged sum beyond the doubles: CS_ERR_RANGE");
	cpg_init(&a);
	cpg_init(&b);
	cpg_add(&a, true, 1, true, 1e308);
	cpg_add(&b, true, 1, true, 1e308);
	ok(cpg_merge(&a, &b) == CS_ERR_RANGE, "a merged gain beyond the doubles: CS_ERR_RANGE");

	/* random rows: any split merges to the one pass, to the last bit */
	{
		int			r,
					bad = 0;

		for (r = 0; r < 2000; r++)
		{
			int			n = 1 + (int) (next_random() % 50),
						cut = (int) (next_random() % (uint64_t) (n + 1));
			CostGainValue all;
			double		fa,
						fb;
			CsStatus	sa,
						sb;

			cpg_init(&all);
			cpg_init(&a);
			cpg_init(&b);
			for (i = 0; i < n; i++)
			{
				double		l = (double) (int64_t) (next_random() % 2000001) - 1000000;
				double		g = (double) (int64_t) (next_random() % 2001) - 1000;
				bool		hl = (next_random() % 5) != 0,
							hg = (next_random() % 5) != 0;

				cpg_add(&all, hl, l, hg, g);
				cpg_add(i < cut ? &a : &b, hl, l, hg, g);
			}
			cpg_merge(&a, &b);
			sa = cpg_final(&a, &fa);
			sb = cpg_final(&all, &fb);
			if (sa != sb || (sa == CS_OK && fa != fb) || a.losses_n != all.losses_n ||
				a.gained_n != all.gained_n || cpg_check(&a, &detail) != cpg_check(&all, &detail))
			{
				if (bad++ < 3)
					diag("random set %d: merged %s %.17g, one pass %s %.17g", r, status_name(sa), fa,
						 status_name(sb), fb);
			}
		}
		ok(bad == 0, "2000 random sets of integer rows: merged parts give the one-pass ratio exactly (%d bad)", bad);
	}
}

/* ------------------------------------------------------------------------
 * elasticity
 */

/* Check the log-log fit against references, the rows it skips, merges. */
static void
test_elasticity(void)
{
	static const double hl[] = {10, 18, 35, 60, 80, 5, 0, -3, 7};
	static const double hg[] = {1, 2, 4, 8, 10, 0, 3, 2, -1};
	static const double il[] = {1e6, 2.5e6, 2.2e6, 9e6};
	static const double ig[] = {0.5, 1.5, 1.25, 6};
	ElasticityValue e,
				a,
				b,
				s;
	double		x = 0;
	int			i,
				counted = 0;

	ok(sizeof(ElasticityValue) == 48 && offsetof(ElasticityValue, version) == 0 &&
	   offsetof(ElasticityValue, n) == 8, "the elasticity state is 48 bytes, the version first");
	elas_init(&e);
	ok(e.version == GAIN_VERSION && e.n == 0 && elas_final(&e, &x) == CS_NONE, "an empty state has no elasticity");
	for (i = 0; i < 9; i++)
		counted += elas_add(&e, hl[i], hg[i]) ? 1 : 0;
	ok(counted == 5 && e.n == 5, "rows where either value is not positive do not count (5 of 9)");
	ok(elas_final(&e, &x) == CS_OK && close_to(x, 0.8908917145401931, 1e-12),
	   "H: the elasticity is 0.890891714540");
	elas_init(&e);
	for (i = 0; i < 4; i++)
		elas_add(&e, il[i], ig[i]);
	ok(elas_final(&e, &x) == CS_OK && close_to(x, 0.8861246258154065, 1e-12),
	   "I: the elasticity is 0.886124625815");

	/* losses proportional to gains squared: exactly 2 */
	elas_init(&e);
	for (i = 1; i <= 20; i++)
		elas_add(&e, 3.0 * i * i, i);
	ok(elas_final(&e, &x) == CS_OK && close_to(x, 2, 1e-13), "losses = 3 gains^2: elasticity 2");

	/* no figure */
	elas_init(&e);
	elas_add(&e, 5, 2);
	ok(elas_final(&e, &x) == CS_NONE, "one row: CS_NONE");
	elas_add(&e, 7, 2);
	ok(elas_final(&e, &x) == CS_NONE, "equal gains: no spread, CS_NONE");
	elas_init(&e);
	ok(!elas_add(&e, 0, 1) && !elas_add(&e, 1, 0) && !elas_add(&e, -1, 1) && e.n == 0,
	   "zero and negative values are not counted");

	/* merges: every split equals one pass */
	{
		int			cut,
					bad = 0;
		double		ref;

		elas_init(&e);
		for (i = 0; i < 9; i++)
			elas_add(&e, hl[i], hg[i]);
		elas_final(&e, &ref);
		for (cut = 0; cut <= 9; cut++)
		{
			elas_init(&a);
			elas_init(&b);
			for (i = 0; i < 9; i++)
				elas_add(i < cut ? &a : &b, hl[i], hg[i]);
			elas_merge(&a, &b);
			if (a.n != 5 || elas_final(&a, &x) != CS_OK || !close_to(x, ref, 1e-13))
				bad++;
		}
		ok(bad == 0, "H split at every row: the merged state gives the one-pass elasticity (%d bad)", bad);
		s = e;
		elas_init(&b);
		elas_merge(&e, &b);
		ok(memcmp(&e, &s, sizeof(e)) == 0, "merging an empty state changes nothing");
		elas_merge(&b, &s);
		ok(memcmp(&b, &s, sizeof(b)) == 0, "merging into an empty state copies the other");
	}
}

/* ------------------------------------------------------------------------
 * Text forms and validation
 */

/* Check the text forms of both states. */
static void
test_gain_text(void)
{
	CostGainValue c;
	ElasticityValue e;
	CostGainValue c2;
	ElasticityValue e2;
	char		text[CS_KV_BUFLEN];
	char		err[CS_ERRBUF_LEN];
	const char *detail;
	int			all = 1;
	int			i;

	cpg_init(&c);
	c.losses_n = 2;
	c.losses_sum = 300;
	c.gained_n = 1;
	c.gained_sum = 5;
	cpg_format(&c, text);
	ok(strcmp(text, "losses_n=2 losses_sum=300 losses_err=0 gained_n=1 gained_sum=5 gained_err=0") == 0,
	   "cost_per_gain_state prints as documented");
	ok(cpg_parse(text, &c2, NULL, 0) == CS_OK && cpg_check(&c2, &detail) == CS_OK &&
	   memcmp(&c, &c2, sizeof(c)) == 0, "cost_per_gain_state reads back exactly");

	elas_init(&e);
	e.n = 2;
	e.x_mean = 1;
	e.y_mean = 2;
	e.xx = 0.5;
	e.xy = 0.75;
	elas_format(&e, text);
	ok(strcmp(text, "n=2 x_mean=1 y_mean=2 xx=0.5 xy=0.75") == 0, "elasticity_state prints as documented");
	ok(elas_parse(text, &e2, NULL, 0) == CS_OK && elas_check(&e2, &detail) == CS_OK &&
	   memcmp(&e, &e2, sizeof(e)) == 0, "elasticity_state reads back exactly");

	for (i = 0; i < 20000 && all; i++)
	{
		c.losses_n = (int64_t) (next_random() >> 1) | 1;
		c.gained_n = (int64_t) (next_random() >> 1) | 1;
		c.losses_sum = random_bits_double();
		c.losses_err = random_bits_double();
		c.gained_sum = random_bits_double();
		c.gained_err = random_bits_double();
		cpg_format(&c, text);
		all = cpg_parse(text, &c2, NULL, 0) == CS_OK && cpg_check(&c2, &detail) == CS_OK &&
			memcmp(&c, &c2, sizeof(c)) == 0;
		e.n = (int64_t) (next_random() >> 1) | 2;
		e.x_mean = random_bits_double();
		e.y_mean = random_bits_double();
		e.xx = fabs(random_bits_double());
		e.xy = random_bits_double();
		elas_format(&e, text);
		all = all && elas_parse(text, &e2, NULL, 0) == CS_OK && elas_check(&e2, &detail) == CS_OK &&
			memcmp(&e, &e2, sizeof(e)) == 0;
	}
	ok(all, "20000 random gain states read back exactly");

	/* states built by the updates read back too, -0 included */
	cpg_init(&c);
	cpg_add(&c, true, -0.0, true, 1e16);
	cpg_add(&c, true, 1, true, 1);
	cpg_format(&c, text);
	ok(cpg_parse(text, &c2, err, sizeof(err)) == CS_OK && memcmp(&c, &c2, sizeof(c)) == 0,
	   "a state with a compensation reads back exactly: %s", text);

	/* white space, and what is refused */
	ok(cpg_parse(" losses_n=1\tlosses_sum=5e2  losses_err=-0 gained_n=0 gained_sum=0 gained_err=0 \n",
				 &c2, err, sizeof(err)) == CS_OK && c2.losses_sum == 500 && signbit(c2.losses_err),
	   "white space, exponents and -0 are read");
	{
		static const struct
		{
			const char *text;
			const char *detail;
			int			elasticity;
		}			bad[] = {
			{"", "ends before \"losses_n=\"", 0},
			{"losses_n=1 losses_sum=5 losses_err=0 gained_n=1 gained_sum=5", "ends before \"gained_err=\"", 0},
			{"losses_n=1 losses_sum=5 losses_err=0 gained_n=1 gained_sum=5 gained_err=0 x", "Unexpected text", 0},
			{"losses_n=1 losses_sum=nan losses_err=0 gained_n=1 gained_sum=5 gained_err=0", "A number was expected", 0},
			{"losses_n=1 losses_sum=1e999 losses_err=0 gained_n=1 gained_sum=5 gained_err=0", "out of range", 0},
			{"losses_n=-1 losses_sum=5 losses_err=0 gained_n=1 gained_sum=5 gained_err=0", "A count", 0},
			{"losses_n=0 losses_sum=0 losses_err=0 gained_n=0 gained_sum=0 gained_err=0",
			"A state must count at least one value.", 0},
			{"losses_n=0 losses_sum=5 losses_err=0 gained_n=1 gained_sum=5 gained_err=0",
			"A sum of no values must be zero.", 0},
			{"losses_n=1 losses_sum=5 losses_err=0 gained_n=0 gained_sum=0 gained_err=1e-300",
			"A sum of no values must be zero.", 0},
			{"gained_n=1 losses_n=1", "\"losses_n=\" was expected", 0},
			{"losses_n=1 losses_sum=5 losses_err=0 gained_n=1 gained_sum=2024-01-01 gained_err=0",
			"Unexpected text after \"gained_sum=\"", 0},
			{"", "ends before \"n=\"", 1},
			{"n=2 x_mean=1 y_mean=2 xx=0.5", "ends before \"xy=\"", 1},
			{"n=0 x_mean=0 y_mean=0 xx=0 xy=0", "The number of rows must be positive.", 1},
			{"n=1 x_mean=0 y_mean=0 xx=1 xy=0", "A single row cannot have a spread.", 1},
			{"n=2 x_mean=0 y_mean=0 xx=-1 xy=0", "A sum of squares is negative.", 1},
			{"n=2 x_mean=inf y_mean=0 xx=1 xy=0", "A number was expected", 1},
			{"n=2 x_mean=0x1 y_mean=0 xx=1 xy=0", "hexadecimal", 1},
			{"n=2 y_mean=0 x_mean=0 xx=1 xy=0", "\"x_mean=\" was expected", 1},
		};

		for (i = 0; i < (int) (sizeof(bad) / sizeof(bad[0])); i++)
		{
			CsStatus	st;

			err[0] = '\0';
			st = bad[i].elasticity ? elas_parse(bad[i].text, &e2, err, sizeof(err))
				: cpg_parse(bad[i].text, &c2, err, sizeof(err));
			if (!ok(st == CS_ERR_SYNTAX && strstr(err, bad[i].detail) != NULL,
					"%s text %s is refused: \"%s\"", bad[i].elasticity ? "elasticity" : "cost_per_gain",
					bad[i].text, bad[i].detail))
				diag("got %s \"%s\"", status_name(st), err);
		}
	}
}

/* Check the validation of both states and its details. */
static void
test_gain_check(void)
{
	CostGainValue c,
				cgood;
	ElasticityValue e,
				egood;
	const char *detail;

	cpg_init(&cgood);
	cpg_add(&cgood, true, 300, true, 5);
	elas_init(&egood);
	elas_add(&egood, 10, 1);
	elas_add(&egood, 30, 3);
	ok(cpg_check(&cgood, &detail) == CS_OK && elas_check(&egood, &detail) == CS_OK,
	   "states built by the updates are valid");

#define BADC(what, change, want) \
	do { \
		c = cgood; \
		change; \
		detail = NULL; \
		if (!ok(cpg_check(&c, &detail) == CS_ERR_INVALID && detail && strcmp(detail, want) == 0, \
				"cost_per_gain validation refuses %s: \"%s\"", what, want)) \
			diag("got \"%s\"", detail ? detail : "(none)"); \
	} while (0)
#define BADE(what, change, want) \
	do { \
		e = egood; \
		change; \
		detail = NULL; \
		if (!ok(elas_check(&e, &detail) == CS_ERR_INVALID && detail && strcmp(detail, want) == 0, \
				"elasticity validation refuses %s: \"%s\"", what, want)) \
			diag("got \"%s\"", detail ? detail : "(none)"); \
	} while (0)

	BADC("another version", c.version = 2, "The format version is unknown.");
	BADC("a flag bit", c.flags = 1, "Reserved flag bits are set.");
	BADC("a reserved byte", c.reserved[0] = 1, "Reserved bytes are not zero.");
	BADC("a negative count", c.gained_n = -1, "A count is negative.");
	BADC("no values", (c.losses_n = 0, c.gained_n = 0, c.losses_sum = 0, c.gained_sum = 0),
		 "A state must count at least one value.");
	BADC("a NaN sum", c.losses_sum = NAN, "A field is not a finite number.");
	BADC("an infinite compensation", c.gained_err = -INFINITY, "A field is not a finite number.");
	BADC("a sum of no losses", (c.losses_n = 0), "A sum of no values must be zero.");
	BADC("a compensation of no gains", (c.gained_n = 0, c.gained_sum = 0, c.gained_err = 1),
		 "A sum of no values must be zero.");
	BADE("another version", e.version = 0, "The format version is unknown.");
	BADE("a flag bit", e.flags = 0x80, "Reserved flag bits are set.");
	BADE("a reserved byte", e.reserved[5] = 1, "Reserved bytes are not zero.");
	BADE("no rows", e.n = 0, "The number of rows must be positive.");
	BADE("a negative count", e.n = -2, "The number of rows must be positive.");
	BADE("a NaN mean", e.x_mean = NAN, "A field is not a finite number.");
	BADE("an infinite product", e.xy = INFINITY, "A field is not a finite number.");
	BADE("a negative sum of squares", e.xx = -1, "A sum of squares is negative.");
	BADE("one row with a spread", e.n = 1, "A single row cannot have a spread.");
#undef BADC
#undef BADE

	elas_init(&e);
	e.n = 1;
	ok(elas_check(&e, &detail) == CS_OK, "an elasticity state of one row is valid");
	cpg_init(&c);
	c.gained_n = 1;
	ok(cpg_check(&c, &detail) == CS_OK, "a cost_per_gain state of one gain of 0 is valid");
}

/* Check the wire forms: the bytes of the send functions, which the regression tests pin too. */
static void
test_gain_wire(void)
{
	CostGainValue c;
	ElasticityValue e;
	uint8_t		wire[50];
	char		err[CS_ERRBUF_LEN];

	ok(cs_wire_size(&cpg_desc) == 50 && cs_wire_size(&elas_desc) == 42,
	   "the wire forms are 50 and 42 bytes");
	ok(cpg_parse("losses_n=2 losses_sum=300 losses_err=0 gained_n=1 gained_sum=5 gained_err=0",
				 &c, NULL, 0) == CS_OK &&
	   wire_pinned(&cpg_desc, &c,
				   "010000000000000000024072c000000000000000000000000000000000000000000140"
				   "140000000000000000000000000000"),
	   "a cost_per_gain state's wire form is the pinned bytes (the losses, then the gains)");
	ok(cpg_parse("losses_n=3 losses_sum=1.00000000000003e+16 losses_err=0.1 gained_n=2 gained_sum=5.3 "
				 "gained_err=1.6653345369377348e-16", &c, NULL, 0) == CS_OK &&
	   wire_pinned(&cpg_desc, &c,
				   "010000000000000000034341c37937e080963fb999999999999a000000000000000240"
				   "153333333333333ca8000000000000"),
	   "a cost_per_gain state whose fields all differ");
	ok(elas_parse("n=2 x_mean=1 y_mean=2 xx=0.5 xy=0.75", &e, NULL, 0) == CS_OK &&
	   wire_pinned(&elas_desc, &e,
				   "010000000000000000023ff000000000000040000000000000003fe00000000000003f"
				   "e8000000000000"),
	   "an elasticity state's wire form is the pinned bytes");
	cs_wire_encode(&cpg_desc, &c, wire);
	wire[9] = 0;				/* no losses, but their sum */
	ok(cs_wire_decode(&cpg_desc, wire, sizeof(wire), &c, err, sizeof(err)) == CS_ERR_SYNTAX &&
	   strcmp(err, "A sum of no values must be zero.") == 0, "receive refuses what cpg_check refuses: %s", err);
}

/* Run every check; the exit status says whether one failed. */
int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_cost_per_gain();
	test_elasticity();
	test_gain_text();
	test_gain_check();
	test_gain_wire();
	return done_testing();
}
