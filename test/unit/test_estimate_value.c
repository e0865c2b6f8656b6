/*
 * test_estimate_value.c
 *		Unit tests of the stored estimate value (src/estimate_value.c): its
 *		layout, construction and normalization, the check of values read from
 *		outside, intervals from a half-width, midpoints, the shape of the
 *		canonical form, and the descriptor with the binary form the common
 *		wire codec reads and writes from it (the bytes pinned as estimate_send
 *		gives them, every refusal of receive with its detail).
 *
 * Prints TAP.  Built by test/Makefile with AddressSanitizer and UBSan,
 * linked with the estimate family, the common layer and libpgcommon.
 */
#include "estimate_unit.h"

/* Check the stored layout: 32 bytes, the version first. */
static void
test_layout(void)
{
	ok(sizeof(EstimateValue) == 32, "EstimateValue is 32 bytes");
	ok(offsetof(EstimateValue, version) == 0 && offsetof(EstimateValue, flags) == 1 &&
	   offsetof(EstimateValue, reserved) == 2 && offsetof(EstimateValue, best) == 8 &&
	   offsetof(EstimateValue, low) == 16 && offsetof(EstimateValue, high) == 24,
	   "the version and flags come first, then best, low and high");
}

/* ------------------------------------------------------------------------
 * est_make, est_normalize and est_check
 */

/* Check est_make's normalization and rejections. */
static void
test_make(void)
{
	EstimateValue v;
	const char *detail;
	CsStatus	st;

	memset(&v, 0xAB, sizeof(v));
	st = est_make(&v, -0.0, 0, 123, 1, 0, 456, 1, &detail);
	ok(st == CS_OK && !signbit(v.best) && v.low == 0 && v.high == 0 &&
	   v.flags == 0 && v.version == EST_VERSION &&
	   memcmp(v.reserved, "\0\0\0\0\0\0", 6) == 0,
	   "est_make stores -0 as +0, zeroes unbounded slots and reserved bytes");

	st = est_make(&v, 0.0, 1, -0.0, 1, 1, -0.0, 1, &detail);
	ok(st == CS_OK && !signbit(v.low) && !signbit(v.high) && strcmp(fmt(&v), "0") == 0,
	   "est_make stores -0 bounds as +0");

	detail = NULL;
	st = est_make(&v, 5, 1, 6, 1, 0, 0, 0, &detail);
	ok(st == CS_ERR_INVALID && detail && *detail, "est_make rejects a best below its low");
	detail = NULL;
	st = est_make(&v, 5, 1, 1, 1, 1, 4, 1, &detail);
	ok(st == CS_ERR_INVALID && detail && *detail, "est_make rejects a best above its high");
	st = est_make(&v, 5, 1, 7, 1, 1, 3, 1, &detail);
	ok(st == CS_ERR_INVALID, "est_make rejects low > high");
	st = est_make(&v, 5, 1, 5, 0, 1, 5, 0, &detail);
	ok(st == CS_ERR_INVALID, "est_make rejects the empty range 5 (5,5)");
	st = est_make(&v, 5, 1, 5, 1, 1, 5, 0, &detail);
	ok(st == CS_ERR_INVALID, "est_make rejects the empty range 5 [5,5)");
	st = est_make(&v, NAN, 0, 0, 0, 0, 0, 0, &detail);
	ok(st != CS_OK, "est_make rejects a NaN best");
	st = est_make(&v, 5, 1, NAN, 1, 0, 0, 0, &detail);
	ok(st != CS_OK, "est_make rejects a NaN low");
	st = est_make(&v, INFINITY, 0, 0, 0, 0, 0, 0, &detail);
	ok(st != CS_OK, "est_make rejects an infinite best");
	st = est_make(&v, 5, 0, 0, 0, 1, INFINITY, 1, &detail);
	ok(st != CS_OK, "est_make rejects an infinite high");

	memset(&v, 0, sizeof(v));
	v.best = -0.0;
	v.low = 77;
	v.high = -0.0;
	v.flags = EST_HAS_HIGH | EST_HIGH_INC | EST_LOW_INC;
	v.reserved[3] = 9;
	est_normalize(&v);
	ok(!signbit(v.best) && v.low == 0 && !signbit(v.high) &&
	   v.flags == (EST_HAS_HIGH | EST_HIGH_INC) && v.version == EST_VERSION &&
	   v.reserved[3] == 0,
	   "est_normalize clears the unbounded slot, its inclusive bit, -0 and reserved bytes");
}

/* Check that est_check refuses v and says why. */
static void
rejects(const EstimateValue *v, const char *fmt,...)
{
	const char *detail = NULL;
	CsStatus	st = est_check(v, &detail);
	char		name[200];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	if (!ok(st != CS_OK && detail != NULL && detail[0] != '\0', "%s, with a detail", name))
		diag("got %s, detail %s", status_name(st), detail ? q(detail) : "NULL");
}

/* Check est_check: what receive must refuse. */
static void
test_check(void)
{
	EstimateValue good = P("615000 [500000,700000]");
	EstimateValue v;
	const char *detail;
	int			k;

	detail = NULL;
	ok(est_check(&good, &detail) == CS_OK, "est_check accepts 615000 [500000,700000]");

	for (k = 0; k < 4; k++)
	{
		static const uint8_t versions[] = {0, EST_VERSION + 1, 0x80, 0xFF};

		v = good;
		v.version = versions[k];
		detail = NULL;
		ok(est_check(&v, &detail) != CS_OK && detail && *detail,
		   "est_check rejects version %u", versions[k]);
	}
	for (k = 0; k < 6; k++)
	{
		v = good;
		v.reserved[k] = (uint8_t) (1 << k);
		rejects(&v, "est_check rejects reserved byte %d set", k);
	}
	for (k = 6; k < 8; k++)
	{
		v = good;
		v.flags |= (uint8_t) (1 << k);
		rejects(&v, "est_check rejects unknown flag 0x%02x", 1 << k);
	}
	v = good;
	v.best = NAN;
	rejects(&v, "est_check rejects a NaN best");
	v = good;
	v.low = NAN;
	rejects(&v, "est_check rejects a NaN low");
	v = good;
	v.high = NAN;
	rejects(&v, "est_check rejects a NaN high");
	v = good;
	v.high = INFINITY;
	rejects(&v, "est_check rejects an infinite high");
	v = good;
	v.low = -INFINITY;
	rejects(&v, "est_check rejects an infinite low");
	v = P("~5");
	v.best = INFINITY;
	rejects(&v, "est_check rejects an infinite best");

	v = P("~5");
	v.low = 1;
	rejects(&v, "est_check rejects a non-zero unbounded low slot");
	v = P("~5");
	v.high = 9;
	rejects(&v, "est_check rejects a non-zero unbounded high slot");
	v = P("~5");
	v.low = NAN;
	rejects(&v, "est_check rejects a NaN unbounded slot");
	v = P("~5");
	v.flags = EST_LOW_INC;
	rejects(&v, "est_check rejects an inclusive bit on an unbounded low side");
	v = P("~5");
	v.flags = EST_HIGH_INC;
	rejects(&v, "est_check rejects an inclusive bit on an unbounded high side");

	v = good;
	v.low = 620000;
	rejects(&v, "est_check rejects low > best");
	v = good;
	v.high = 610000;
	rejects(&v, "est_check rejects best > high");
	v = good;
	v.low = 800000;
	rejects(&v, "est_check rejects low > high");
	v = P("5");
	v.flags = EST_HAS_LOW | EST_HAS_HIGH;
	rejects(&v, "est_check rejects the empty range 5 (5,5)");
	v = P("5");
	v.flags = EST_HAS_LOW | EST_LOW_INC | EST_HAS_HIGH;
	rejects(&v, "est_check rejects the empty range 5 [5,5)");

	/* stored values never hold -0 (hashing compares bytes) */
	v = P("0");
	v.best = -0.0;
	rejects(&v, "est_check rejects a -0 best");
	v = P("0");
	v.low = -0.0;
	rejects(&v, "est_check rejects a -0 low");
	v = P("0");
	v.high = -0.0;
	rejects(&v, "est_check rejects a -0 high");
	v = P(">5");
	ok(est_check(&v, &detail) == CS_OK, "est_check accepts a best on an exclusive bound (>5)");
	v = P("5 (5,6)");
	ok(est_check(&v, &detail) == CS_OK, "est_check accepts 5 (5,6)");
}

/* Check est_make_interval. */
static void
test_make_interval(void)
{
	EstimateValue v;
	const char *detail;
	int			bad = 0,
				r;

	ok(est_make_interval(&v, 10, 2) == CS_OK && strcmp(fmt(&v), "8..12") == 0,
	   "est_make_interval(10, 2) is 8..12");
	ok(est_make_interval(&v, 1.5844155844155847, 0.7750611389347837) == CS_OK &&
	   v.flags == (EST_HAS_LOW | EST_LOW_INC | EST_HAS_HIGH | EST_HIGH_INC) &&
	   v.low == 1.5844155844155847 - 0.7750611389347837 &&
	   v.high == 1.5844155844155847 + 0.7750611389347837 && v.best == 1.5844155844155847,
	   "est_make_interval keeps best and both inclusive bounds");
	ok(est_make_interval(&v, 5, 0) == CS_OK && strcmp(fmt(&v), "5") == 0,
	   "a half-width of 0 gives the exact value");
	ok(est_make_interval(&v, -0.0, 0) == CS_OK && !signbit(v.best) && !signbit(v.low),
	   "-0 is stored as 0");
	ok(est_make_interval(&v, 1e16, 1) == CS_OK && est_check(&v, &detail) == CS_OK &&
	   v.low <= v.best && v.best <= v.high, "bounds that round onto best stay valid");
	ok(est_make_interval(&v, 1e308, 1e308) == CS_ERR_RANGE, "a bound beyond the doubles is CS_ERR_RANGE");
	ok(est_make_interval(&v, INFINITY, 1) == CS_ERR_RANGE, "an infinite best is CS_ERR_RANGE");
	ok(est_make_interval(&v, 1, INFINITY) == CS_ERR_RANGE, "an infinite half-width is CS_ERR_RANGE");
	ok(est_make_interval(&v, NAN, 1) != CS_OK && est_make_interval(&v, 1, NAN) != CS_OK,
	   "a NaN best or half-width is refused");
	for (r = 0; r < 100000; r++)
	{
		double		best = random_mixed_double(),
					half = fabs(random_mixed_double()) * ((next_random() & 1) ? 1e-10 : 1);
		CsStatus	st = est_make_interval(&v, best, half);

		if (st == CS_OK)
		{
			if (est_check(&v, &detail) != CS_OK || v.best != best + 0.0 ||
				!est_contains(&v, best) ||
				v.flags != (EST_HAS_LOW | EST_LOW_INC | EST_HAS_HIGH | EST_HIGH_INC))
			{
				if (bad++ < 3)
					diag("est_make_interval(%.17g, %.17g) = %s", best, half, fmt(&v));
			}
		}
		else if (st != CS_ERR_RANGE)
			bad++;
	}
	ok(bad == 0, "est_make_interval of 100000 random values gives valid values holding best, or CS_ERR_RANGE (%d bad)",
	   bad);
}

/* Check est_midpoint. */
static void
test_midpoint(void)
{
	ok(est_midpoint(1, 2) == 1.5, "est_midpoint(1, 2) = 1.5");
	ok(est_midpoint(500000, 700000) == 600000, "est_midpoint(500000, 700000) = 600000");
	ok(est_midpoint(-DBL_MAX, DBL_MAX) == 0, "est_midpoint(-max, max) = 0");
	ok(est_midpoint(DBL_MAX, DBL_MAX) == DBL_MAX, "est_midpoint(max, max) = max (no overflow)");
	ok(est_midpoint(1e308, DBL_MAX) > 1e308 && isfinite(est_midpoint(1e308, DBL_MAX)),
	   "est_midpoint(1e308, max) is finite and between");
	ok(est_midpoint(5e-324, 5e-324) == 5e-324, "est_midpoint of the least denormal with itself");
	ok(est_midpoint(-7, -5) == -6, "est_midpoint(-7, -5) = -6");
	{
		int			bad = 0;

		for (int r = 0; r < 100000; r++)
		{
			double		a = random_mixed_double(),
						b = random_mixed_double(),
						m;

			if (a > b)
			{
				double		t = a;

				a = b;
				b = t;
			}
			m = est_midpoint(a, b);
			if (!(m >= a && m <= b) || !isfinite(m))
			{
				if (bad++ < 3)
					diag("est_midpoint(%.17g, %.17g) = %.17g", a, b, m);
			}
		}
		ok(bad == 0, "est_midpoint of 100000 random pairs lies between them (%d bad)", bad);
	}
}

/* ------------------------------------------------------------------------
 * The descriptor and the binary form
 */

/* Check the descriptor: what it says of the type, and the wire bytes pinned. */
static void
test_descriptor(void)
{
	static const struct
	{
		const char *in;
		const char *hex;
	}			pinned[] = {
		/* the bytes estimate_send gives in the regression test */
		{"615000 [500000,700000]", "010f4122c4b000000000411e84800000000041255cc000000000"},
		{">600000", "010141224f800000000041224f80000000000000000000000000"},
		{"~5", "0100401400000000000000000000000000000000000000000000"},
		/* the marks ride in the flags byte */
		{"~<5", "0114401400000000000000000000000000004014000000000000"},
		{"400000 [350000,450000]", "012f41186a000000000041155cc000000000411b774000000000"},
	};
	size_t		i;

	ok(strcmp(est_desc.name, "estimate") == 0 && est_desc.size == sizeof(EstimateValue) &&
	   est_desc.version == EST_VERSION && est_desc.flag_mask == EST_FLAGS_MASK &&
	   est_desc.text == NULL && est_desc.check == est_check,
	   "est_desc: estimate, 32 bytes, version 1, flags 0x3F, its own text grammar, est_check");
	ok(cs_wire_size(&est_desc) == 26, "the wire form is 26 bytes: version, flags, best, low, high");
	for (i = 0; i < CS_NELEM(pinned); i++)
	{
		EstimateValue v = P(pinned[i].in);

		ok(wire_pinned(&est_desc, &v, pinned[i].hex),
		   "%s sends %s and reads back; a byte less or more is refused", pinned[i].in, pinned[i].hex);
	}
}

/* Check that receive refuses what the check refuses, with the check's detail. */
static void
test_wire_refusals(void)
{
	static const struct
	{
		const char *why;
		const char *hex;
		const char *detail;
	}			refused[] = {
		/* the messages the regression test sends, and the details it shows */
		{"version 2", "020f4122c4b000000000411e84800000000041255cc000000000",
		"The value has an unknown format version."},
		{"unknown flag", "014f4122c4b000000000411e84800000000041255cc000000000",
		"The value has unknown flag bits set."},
		{"approximate mark, no side bounded", "0110401400000000000000000000000000000000000000000000",
		"The approximate mark is set on a value with no bounded side or on a point."},
		{"approximate mark on a point", "011f401400000000000040140000000000004014000000000000",
		"The approximate mark is set on a value with no bounded side or on a point."},
		{"centre mark off the midpoint", "012f4122c4b000000000411e84800000000041255cc000000000",
		"The centre mark is set on a value that is not a range around its midpoint."},
		{"centre mark on an open side", "0123401400000000000040100000000000000000000000000000",
		"The centre mark is set on a value that is not a range around its midpoint."},
		{"low > high", "010f4122c4b00000000041255cc000000000411e848000000000",
		"The lower bound is greater than the upper bound."},
		{"NaN best", "010f7ff8000000000000411e84800000000041255cc000000000",
		"An estimate holds finite numbers only, not NaN or infinity."},
		{"infinite high", "010f4122c4b000000000411e8480000000007ff0000000000000",
		"An estimate holds finite numbers only, not NaN or infinity."},
		{"best outside", "010f4130000000000000411e84800000000041255cc000000000",
		"The best value lies outside its own range."},
		{"unbounded slot not zero", "01004122c4b000000000411e84800000000041255cc000000000",
		"An unbounded side must store zero."},
		{"inclusive unbounded", "01024122c4b00000000000000000000000000000000000000000",
		"An unbounded side cannot be inclusive."},
		{"negative zero", "010f800000000000000080000000000000008000000000000000",
		"Negative zero is stored as zero."},
	};
	size_t		i,
				k;

	for (i = 0; i < CS_NELEM(refused); i++)
	{
		uint8_t		msg[26];
		EstimateValue v;
		char		err[CS_ERRBUF_LEN] = "";
		CsStatus	st;

		for (k = 0; k < sizeof(msg); k++)
		{
			unsigned int byte;

			if (sscanf(refused[i].hex + 2 * k, "%2x", &byte) != 1)
				byte = 0xEE;
			msg[k] = (uint8_t) byte;
		}
		st = cs_wire_decode(&est_desc, msg, sizeof(msg), &v, err, sizeof(err));
		if (!ok(st == CS_ERR_SYNTAX && strcmp(err, refused[i].detail) == 0,
				"receive refuses %s: %s", refused[i].why, refused[i].detail))
			diag("got %s: %s", status_name(st), err);
	}
}

/* Check est_shape and est_states_central on one figure of each shape. */
static void
test_shapes(void)
{
	static const struct
	{
		const char *in;
		EstShape	shape;
		bool		central;
	}			cases[] = {
		{"600000", EST_SHAPE_EXACT, true},
		{"~600000", EST_SHAPE_ABOUT, true},
		{">600000", EST_SHAPE_GT, false},
		{">=600000", EST_SHAPE_GE, false},
		{"<600000", EST_SHAPE_LT, false},
		{"<=600000", EST_SHAPE_LE, false},
		{"500000..700000", EST_SHAPE_RANGE, true},
		{"615000 [500000,700000]", EST_SHAPE_GENERAL, true},
		{"20 [15,)", EST_SHAPE_GENERAL, true},
		{"5 (,10]", EST_SHAPE_GENERAL, true},
		{"600000 (500000,700000)", EST_SHAPE_GENERAL, true},
		/* the marks: a stated centre is the general form; a soft side states its number */
		{"600000 [500000,700000]", EST_SHAPE_GENERAL, true},
		{"~<600000", EST_SHAPE_LT, true},
		{"~>=600000", EST_SHAPE_GE, true},
		{"~500000..700000", EST_SHAPE_RANGE, true},
	};
	size_t		i;

	for (i = 0; i < CS_NELEM(cases); i++)
	{
		EstimateValue v = P(cases[i].in);

		ok(est_shape(&v) == cases[i].shape && est_states_central(&v) == cases[i].central,
		   "%s has shape %d and states %s central value", cases[i].in, (int) cases[i].shape,
		   cases[i].central ? "a" : "no");
	}
}

/*
 * Check the marks: stored only where they change the form (so that every
 * value has one byte form), kept by est_mark where they do, inherited by
 * est_marks_of.
 */
static void
test_marks(void)
{
	EstimateValue v;
	const char *detail = NULL;

	/* an approximate figure with both sides open is "~B" with no mark */
	est_make(&v, 5, false, 0, false, false, 0, false, NULL);
	est_mark(&v, EST_APPROX);
	ok(v.flags == 0 && strcmp(fmt(&v), "~5") == 0, "the approximate mark on ~5 is dropped");
	/* an approximate point says no more than about its value */
	est_make(&v, 5, true, 5, true, true, 5, true, NULL);
	est_mark(&v, EST_APPROX);
	ok(v.flags == 0 && v.low == 0 && v.high == 0 && strcmp(fmt(&v), "~5") == 0,
	   "an approximate point becomes ~5");
	est_make(&v, 5, false, 0, false, true, 5, false, NULL);
	est_mark(&v, EST_APPROX);
	ok(v.flags == (EST_HAS_HIGH | EST_APPROX) && strcmp(fmt(&v), "~<5") == 0,
	   "the approximate mark stays on <5: ~<5");
	/* the centre mark only on a range around its midpoint */
	est_make(&v, 6, true, 5, true, true, 7, true, NULL);
	est_mark(&v, EST_CENTRE);
	ok(v.flags == (EST_BOUNDS_MASK | EST_CENTRE) && strcmp(fmt(&v), "6 [5,7]") == 0 &&
	   est_check(&v, &detail) == CS_OK, "the centre mark stays on 6 [5,7]");
	est_make(&v, 5.5, true, 5, true, true, 7, true, NULL);
	est_mark(&v, EST_CENTRE);
	ok(v.flags == EST_BOUNDS_MASK && strcmp(fmt(&v), "5.5 [5,7]") == 0,
	   "the centre mark is dropped off the midpoint (the general form states it)");
	est_make(&v, 6, true, 5, false, true, 7, true, NULL);
	est_mark(&v, EST_CENTRE);
	ok(v.flags == (EST_HAS_LOW | EST_HAS_HIGH | EST_HIGH_INC), "and on an exclusive side");
	est_make(&v, 5, true, 5, true, true, 5, true, NULL);
	est_mark(&v, EST_CENTRE);
	ok(v.flags == EST_BOUNDS_MASK && strcmp(fmt(&v), "5") == 0, "and on a point");
	/* both */
	est_make(&v, 6, true, 5, true, true, 7, true, NULL);
	est_mark(&v, EST_MARKS);
	ok(v.flags == EST_FLAGS_MASK && strcmp(fmt(&v), "~6 [5,7]") == 0 &&
	   est_check(&v, &detail) == CS_OK, "both marks: ~6 [5,7]");
	/* est_normalize drops what est_check refuses */
	memset(&v, 0, sizeof(v));
	v.best = 5;
	v.flags = EST_APPROX | EST_CENTRE;
	est_normalize(&v);
	ok(v.flags == 0, "est_normalize drops marks that change nothing");
	/* what a result inherits */
	v = P("~5");
	ok(est_marks_of(&v) == EST_APPROX, "~5 gives the approximate mark");
	v = P("615000 [500000,700000]");
	ok(est_marks_of(&v) == EST_CENTRE, "the general form gives the centre mark");
	v = P("~<5");
	ok(est_marks_of(&v) == EST_APPROX, "~<5 gives the approximate mark");
	v = P("5..7");
	ok(est_marks_of(&v) == 0, "a range with no stated centre gives none");
	v = P(">5");
	ok(est_marks_of(&v) == 0, "a plain one-sided figure gives none");
}

/* Run every check; the exit status says whether one failed. */
int
main(void)
{
	int			rounds = est_unit_start();

	test_layout();
	test_make();
	test_check();
	test_marks();
	test_make_interval();
	test_midpoint();
	test_descriptor();
	test_wire_refusals();
	test_shapes();
	(void) rounds;

	return done_testing();
}
