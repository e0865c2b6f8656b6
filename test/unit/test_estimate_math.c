/*
 * test_estimate_math.c
 *		Unit tests of ordering and arithmetic of estimates
 *		(src/estimate_math.c): the total order, containment and overlap,
 *		interval arithmetic with its bounds, inclusivity and errors, random
 *		arithmetic, and within against an overlap test written apart.
 *
 * Prints TAP.  Built by test/Makefile with AddressSanitizer and UBSan,
 * linked with the estimate family, the common layer and libpgcommon.
 */
#include "estimate_unit.h"

/* ------------------------------------------------------------------------
 * Ordering, equality, containment, overlap
 */

/* The order: best, then low position, then high position. */
static const char *const ordered[] = {
	"-1",
	"~4",
	"5 (,5)",					/* <5 */
	"5 (,5]",					/* <=5 */
	"5 (,6)",
	"5 (,6]",
	"~5",						/* low unbounded first, high unbounded last */
	"5 [4,5]",
	"5 [4,6)",
	"5 [4,6]",
	"5 [4,)",
	"5 (4,5]",					/* same low value: inclusive before exclusive */
	"5 (4,6)",
	"5 (4,)",
	"5",						/* [5,5] */
	"5 [5,6)",
	"5 [5,6]",
	">=5",
	"5 (5,6)",
	"5 (5,6]",
	">5",
	"5.5",
	"6 (,7]",
	"~6",
	"600000",
	">600000",
	"615000 [500000,700000]",
	"1e300",
};

/* Sign of an int. */
static int
sgn(int x)
{
	return (x > 0) - (x < 0);
}

/* Check est_compare and est_equal against that order. */
static void
test_compare(void)
{
	size_t		n = sizeof(ordered) / sizeof(ordered[0]);
	EstimateValue vals[sizeof(ordered) / sizeof(ordered[0])];
	size_t		i,
				j;
	int			bad = 0,
				bad_eq = 0;

	for (i = 0; i < n; i++)
		vals[i] = P(ordered[i]);
	for (i = 0; i < n; i++)
	{
		for (j = 0; j < n; j++)
		{
			int			want = (i < j) ? -1 : (i > j) ? 1 : 0;
			int			got = sgn(est_compare(&vals[i], &vals[j]));

			if (got != want)
			{
				if (bad++ < 5)
					diag("est_compare(%s, %s) = %d, want %d", ordered[i], ordered[j], got, want);
			}
			if ((est_equal(&vals[i], &vals[j]) != 0) != (i == j))
				bad_eq++;
		}
	}
	ok(bad == 0, "est_compare orders %zu values by best, low position, high position (%d bad pairs)",
	   n, bad);
	ok(bad_eq == 0, "est_equal is equality of all parts (%d bad pairs)", bad_eq);

	{
		static const char *const same[][2] = {
			{"600,000", "600000"},
			{"about 5", "~5"},
			{"5 [5,5]", "5"},
			{"between 1 and 3", "1..3"},
			{"2 (1..3)", "2 [1,3]"},
			{"nearly 5", "~<5"},
			{"about 1 to 3", "~1..3"},
			{"615000 (500000..700000)", "615,000 [500000,700000]"},
			{"more than 6e5", ">600000"},
			{"-0", "0"},
			{"5 (,)", "~5"},
		};

		for (i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		{
			EstimateValue a = P(same[i][0]),
						b = P(same[i][1]);

			ok(est_compare(&a, &b) == 0 && est_equal(&a, &b) && same_value(&a, &b),
			   "%s equals %s (compare, equal and bytes)", q(same[i][0]), q(same[i][1]));
		}
	}
}

/* Check est_contains and est_overlaps. */
static void
test_contains_overlaps(void)
{
	static const struct
	{
		const char *v;
		double		x;
		int			want;
	}			cont[] = {
		{">5", 5, 0}, {">5", 5.000001, 1}, {">5", 1e300, 1}, {">5", 4, 0},
		{">=5", 5, 1}, {">=5", 4.999, 0},
		{"<5", 5, 0}, {"<5", -1e300, 1}, {"<=5", 5, 1}, {"<=5", 5.1, 0},
		{"~5", -1e308, 1}, {"~5", 1e308, 1}, {"~5", 5, 1},
		{"5", 5, 1}, {"5", 5.000000001, 0}, {"5", 4.99999999, 0},
		{"1..3", 1, 1}, {"1..3", 3, 1}, {"1..3", 3.0000001, 0}, {"1..3", 0.9999, 0},
		{"2 (1,3)", 1, 0}, {"2 (1,3)", 3, 0}, {"2 (1,3)", 2.5, 1},
		{"5 (,10]", 10, 1}, {"5 (,10]", 10.5, 0}, {"5 (,10]", -1e300, 1},
		{"20 [15,)", 15, 1}, {"20 [15,)", 14, 0}, {"20 [15,)", 1e300, 1},
	};
	static const struct
	{
		const char *a;
		const char *b;
		int			want;
	}			over[] = {
		{"<5", ">5", 0}, {"<=5", ">=5", 1}, {"<5", ">=5", 0}, {"<=5", ">5", 0},
		{"1..3", "2..4", 1}, {"1..2", "3..4", 0}, {"1..3", "3..4", 1},
		{"2 [1,3)", "3..4", 0}, {"~5", "1e300", 1}, {"~5", "~-5", 1},
		{">600000", "615000 [500000,700000]", 1}, {">700000", "615000 [500000,700000]", 0},
		{"5", "5", 1}, {"5", "6", 0}, {"5", "1..10", 1}, {"20 [15,)", "5 (,10]", 0},
		{"20 [15,)", "5 (,15]", 1}, {"20 (15,)", "5 (,15]", 0},
	};
	size_t		i;

	for (i = 0; i < sizeof(cont) / sizeof(cont[0]); i++)
	{
		EstimateValue v = P(cont[i].v);

		ok((est_contains(&v, cont[i].x) != 0) == cont[i].want,
		   "%s %s %.17g", cont[i].v, cont[i].want ? "contains" : "does not contain", cont[i].x);
	}
	for (i = 0; i < sizeof(over) / sizeof(over[0]); i++)
	{
		EstimateValue a = P(over[i].a),
					b = P(over[i].b);
		int			ab = est_overlaps(&a, &b) != 0,
					ba = est_overlaps(&b, &a) != 0;

		ok(ab == over[i].want && ba == over[i].want,
		   "%s %s %s", over[i].a, over[i].want ? "overlaps" : "does not overlap", over[i].b);
	}
}

/* ------------------------------------------------------------------------
 * Arithmetic
 */

typedef enum
{
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_NEG
} Op;

/* Run one operation on text operands; writes the result's text or status. */
static CsStatus
run_op(Op op, const char *as, const char *bs, double k, EstimateValue *r)
{
	EstimateValue a = P(as),
				b;

	memset(r, 0x66, sizeof(*r));
	switch (op)
	{
		case OP_ADD:
			b = P(bs);
			return est_add(r, &a, &b);
		case OP_SUB:
			b = P(bs);
			return est_sub(r, &a, &b);
		case OP_MUL:
			return est_mul(r, &a, k);
		case OP_DIV:
			return est_div(r, &a, k);
		case OP_NEG:
			est_neg(r, &a);
			return CS_OK;
	}
	return CS_ERR_INVALID;
}

/* Check interval arithmetic: bounds, inclusivity and errors. */
static void
test_arithmetic(void)
{
	static const struct
	{
		Op			op;
		const char *a;
		const char *b;
		double		k;
		CsStatus	want_status;
		const char *want;
		const char *why;
	}			cases[] = {
		{OP_ADD, ">600000", "1000", 0, CS_OK, ">601000", "number mixes in"},
		{OP_DIV, ">600000", NULL, 958, CS_OK, ">626.3048016701462", "number mixes in"},
		{OP_ADD, "1..3", "10..20", 0, CS_OK, "11..23", "bounds add"},
		{OP_ADD, "615000 [500000,700000]", "1000", 0, CS_OK, "616000 [501000,701000]", "general form"},
		{OP_ADD, ">5", ">=3", 0, CS_OK, ">8", "exclusive + inclusive is exclusive"},
		{OP_ADD, ">=5", ">=3", 0, CS_OK, ">=8", "inclusive + inclusive is inclusive"},
		{OP_ADD, "<5", "<=3", 0, CS_OK, "<8", "exclusive high stays exclusive"},
		{OP_ADD, "5 (,10]", "~1", 0, CS_OK, "~6", "an unknown bound stays unknown"},
		{OP_ADD, "<=10", ">=3", 0, CS_OK, "~13", "unknown on each side"},
		{OP_ADD, "2 (1,3)", "5", 0, CS_OK, "7 (6,8)", "exclusive both sides"},
		{OP_ADD, "20 [15,)", "5 (,10]", 0, CS_OK, "~25", "half-open ranges"},
		{OP_ADD, "1.5", "-1.5", 0, CS_OK, "0", "zero"},
		{OP_ADD, "0.1", "0.2", 0, CS_OK, "0.30000000000000004", "float sum"},
		{OP_ADD, "1e308", "1e308", 0, CS_ERR_RANGE, NULL, "overflow"},
		{OP_ADD, "-1e308", "-1e308", 0, CS_ERR_RANGE, NULL, "negative overflow"},
		{OP_ADD, "1 [1,1e308]", "1 [1,1e308]", 0, CS_ERR_RANGE, NULL, "a bound overflows"},
		{OP_SUB, "10..20", "1..3", 0, CS_OK, "7..19", "subtraction swaps the bounds"},
		{OP_SUB, ">600000", "1000", 0, CS_OK, ">599000", "subtract a number"},
		{OP_SUB, "100", ">5", 0, CS_OK, "<95", "a - (>b) is < (a - b)"},
		{OP_SUB, "100", ">=5", 0, CS_OK, "<=95", "a - (>=b) is <= (a - b)"},
		{OP_SUB, "100", "5 (,10]", 0, CS_OK, "95 [90,)", "swapped half-open"},
		{OP_SUB, "2 (1,3]", "2 [1,3)", 0, CS_OK, "0 (-2,2]", "exclusivity follows the swap"},
		{OP_SUB, "5", "5", 0, CS_OK, "0", "a - a exact"},
		{OP_SUB, "1e308", "-1e308", 0, CS_ERR_RANGE, NULL, "overflow"},
		{OP_NEG, ">5", NULL, 0, CS_OK, "<-5", "unary minus swaps"},
		{OP_NEG, "5 [4,10)", NULL, 0, CS_OK, "-5 (-10,-4]", "unary minus swaps inclusivity"},
		{OP_NEG, "0", NULL, 0, CS_OK, "0", "-0 is 0"},
		{OP_NEG, "1..3", NULL, 0, CS_OK, "-3..-1", "range"},
		{OP_MUL, ">5", NULL, 2, CS_OK, ">10", "positive factor"},
		{OP_MUL, ">5", NULL, -2, CS_OK, "<-10", "negative factor swaps"},
		{OP_MUL, "5 [4,10)", NULL, -1, CS_OK, "-5 (-10,-4]", "negative factor swaps inclusivity"},
		{OP_MUL, "1..3", NULL, 0.5, CS_OK, "0.5..1.5", "fraction"},
		{OP_MUL, ">5", NULL, 0, CS_OK, "0", "factor 0 gives exact 0"},
		{OP_MUL, "~5", NULL, 0, CS_OK, "0", "factor 0 gives exact 0 (unbounded)"},
		{OP_MUL, "-5 [-6,)", NULL, -0.0, CS_OK, "0", "factor -0 gives exact 0"},
		{OP_MUL, "0", NULL, -1, CS_OK, "0", "0 times negative is 0, not -0"},
		{OP_MUL, "1e308", NULL, 10, CS_ERR_RANGE, NULL, "overflow"},
		{OP_MUL, "1 [0,1e300]", NULL, 1e10, CS_ERR_RANGE, NULL, "a bound overflows"},
		{OP_MUL, "5", NULL, NAN, CS_ERR_INVALID, NULL, "NaN factor"},
		{OP_MUL, "5", NULL, INFINITY, CS_ERR_RANGE, NULL, "infinite factor: 22003, as for infinities elsewhere"},
		{OP_MUL, "5", NULL, -INFINITY, CS_ERR_RANGE, NULL, "infinite factor: 22003, as for infinities elsewhere"},
		{OP_DIV, ">5", NULL, -1, CS_OK, "<-5", "negative divisor swaps"},
		{OP_DIV, "500000..700000", NULL, 2, CS_OK, "250000..350000", "range"},
		{OP_DIV, "0", NULL, 5, CS_OK, "0", "0 / k"},
		{OP_DIV, "0", NULL, -5, CS_OK, "0", "0 / negative is 0, not -0"},
		{OP_DIV, "5", NULL, 0, CS_ERR_DIVZERO, NULL, "division by zero"},
		{OP_DIV, "~5", NULL, 0, CS_ERR_DIVZERO, NULL, "division by zero"},
		{OP_DIV, "0", NULL, 0, CS_ERR_DIVZERO, NULL, "0 / 0"},
		{OP_DIV, "5", NULL, -0.0, CS_ERR_DIVZERO, NULL, "division by -0"},
		{OP_DIV, "1e300", NULL, 1e-300, CS_ERR_RANGE, NULL, "overflow"},
		{OP_DIV, "5", NULL, NAN, CS_ERR_INVALID, NULL, "NaN divisor"},
		{OP_DIV, "5", NULL, INFINITY, CS_ERR_RANGE, NULL, "infinite divisor: 22003, as for infinities elsewhere"},
	};
	static const char *const opname[] = {"+", "-", "*", "/", "-"};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		EstimateValue r;
		CsStatus	st = run_op(cases[i].op, cases[i].a, cases[i].b, cases[i].k, &r);
		char		name[200];
		const char *detail;
		int			good;

		if (cases[i].op == OP_NEG)
			snprintf(name, sizeof(name), "-(%s)", cases[i].a);
		else if (cases[i].b)
			snprintf(name, sizeof(name), "(%s) %s (%s)", cases[i].a, opname[cases[i].op], cases[i].b);
		else
			snprintf(name, sizeof(name), "(%s) %s %.17g", cases[i].a, opname[cases[i].op], cases[i].k);

		if (cases[i].want_status != CS_OK)
		{
			if (!ok(st == cases[i].want_status, "%s is %s (%s)", name,
					status_name(cases[i].want_status), cases[i].why))
				diag("got %s%s%s", status_name(st), st == CS_OK ? ": " : "",
					 st == CS_OK ? fmt(&r) : "");
			continue;
		}
		good = st == CS_OK && strcmp(fmt(&r), cases[i].want) == 0 &&
			est_check(&r, &detail) == CS_OK && !(r.best == 0 && signbit(r.best));
		if (!ok(good, "%s = %s (%s)", name, cases[i].want, cases[i].why))
		{
			if (st != CS_OK)
				diag("got %s", status_name(st));
			else
				diag("got %s", fmt(&r));
		}
	}

	/*
	 * Rounding may collapse an exclusive range: (1,3) + 1e300 cannot be held
	 * exactly.  Whatever the result, it must be a valid value (or an error
	 * status), never one that receive would reject.
	 */
	{
		static const struct
		{
			Op			op;
			const char *a;
			const char *b;
			double		k;
		}			collapse[] = {
			{OP_ADD, "2 (1,3)", "1e300", 0},
			{OP_ADD, "2 (1,3]", "1e300", 0},
			{OP_ADD, "1 (1,3)", "1e300", 0},
			{OP_SUB, "1e300", "2 (1,3)", 0},
			{OP_ADD, "2 (1,3)", "1e300 (1e299,)", 0},
			{OP_MUL, "5e-324 (0,1e-323)", NULL, 0.1},
			{OP_DIV, "5e-324 (0,1e-323)", NULL, 10},
			{OP_DIV, "5e-324 (0,1e-323)", NULL, 1e300},
		};

		for (i = 0; i < sizeof(collapse) / sizeof(collapse[0]); i++)
		{
			EstimateValue r;
			const char *detail = NULL;
			CsStatus	st = run_op(collapse[i].op, collapse[i].a, collapse[i].b, collapse[i].k, &r);
			char		name[200];

			if (collapse[i].b)
				snprintf(name, sizeof(name), "(%s) %s (%s)", collapse[i].a,
						 opname[collapse[i].op], collapse[i].b);
			else
				snprintf(name, sizeof(name), "(%s) %s %.17g", collapse[i].a,
						 opname[collapse[i].op], collapse[i].k);
			if (!ok((st == CS_OK && est_check(&r, &detail) == CS_OK) || st == CS_ERR_RANGE,
					"%s: a valid value though rounding collapses the range", name))
				diag("got %s %s (%s)", status_name(st), st == CS_OK ? fmt(&r) : "",
					 detail ? detail : "");
			else if (st == CS_OK)
				diag("%s = %s", name, fmt(&r));
		}
	}

	/* results may alias the arguments */
	{
		EstimateValue a = P(">600000"),
					b = P("1000");

		est_add(&a, &a, &b);
		ok(strcmp(fmt(&a), ">601000") == 0, "est_add writes into its first argument");
		a = P("10..20");
		b = P("1..3");
		est_sub(&b, &a, &b);
		ok(strcmp(fmt(&b), "7..19") == 0, "est_sub writes into its second argument");
		a = P("5 [4,10)");
		est_neg(&a, &a);
		ok(strcmp(fmt(&a), "-5 (-10,-4]") == 0, "est_neg writes in place");
		a = P("1..3");
		est_mul(&a, &a, -2);
		ok(strcmp(fmt(&a), "-6..-2") == 0, "est_mul writes in place");
		a = P(">600000");
		est_div(&a, &a, 958);
		ok(strcmp(fmt(&a), ">626.3048016701462") == 0, "est_div writes in place");
		a = P("2 [1,3)");
		est_add(&a, &a, &a);
		ok(strcmp(fmt(&a), "4 [2,6)") == 0, "est_add of a value with itself in place");
	}
}

/* Random arithmetic: every result is valid or an error status. */
static void
test_random_arithmetic(int rounds)
{
	int			bad = 0,
				bad_best = 0,
				n_ok = 0;

	for (int r = 0; r < rounds; r++)
	{
		EstimateValue a,
					b,
					res;
		double		k = random_mixed_double();
		double		want_best;
		const char *detail;
		CsStatus	st;
		int			op = (int) (next_random() % 5);

		if (!random_value(&a) || !random_value(&b))
			continue;
		switch (op)
		{
			case 0:
				st = est_add(&res, &a, &b);
				want_best = a.best + b.best;
				break;
			case 1:
				st = est_sub(&res, &a, &b);
				want_best = a.best - b.best;
				break;
			case 2:
				st = est_mul(&res, &a, k);
				want_best = a.best * k;
				break;
			case 3:
				st = est_div(&res, &a, k);
				want_best = k == 0 ? 0 : a.best / k;
				break;
			default:
				est_neg(&res, &a);
				st = CS_OK;
				want_best = -a.best;
				break;
		}
		if (st == CS_OK)
		{
			n_ok++;
			if (est_check(&res, &detail) != CS_OK)
			{
				if (bad++ < 3)
				{
					diag("operation %d gave an invalid value: %s", op, detail ? detail : "");
					diag("  a = %s, b = %s, k = %.17g -> %s", fmt(&a), fmt(&b), k, fmt(&res));
				}
			}
			else if (res.best != want_best + 0.0)
			{
				if (bad_best++ < 3)
					diag("operation %d: best %.17g, want %.17g (a = %s, b = %s, k = %.17g)",
						 op, res.best, want_best, fmt(&a), fmt(&b), k);
			}
		}
		else if (st != CS_ERR_RANGE && st != CS_ERR_DIVZERO)
		{
			if (bad++ < 3)
				diag("operation %d: unexpected %s (a = %s, b = %s, k = %.17g)",
					 op, status_name(st), fmt(&a), fmt(&b), k);
		}
	}
	ok(bad == 0, "random arithmetic gives valid values or RANGE/DIVZERO (%d bad, %d ok)", bad, n_ok);
	ok(bad_best == 0, "random arithmetic: the best value is the plain double result (%d bad)",
	   bad_best);
}

/* ------------------------------------------------------------------------
 * within, as a property over random figures: "about X" read as a range
 */

/*
 * Widen an approximate figure as the reference reads it: "about X" to
 * X +- tolerance |X|; with the approximate mark, an open side likewise and
 * a stated bound outward by tolerance |bound|.
 */
static void
ref_widen(const EstimateValue *v, double tolerance, RefBound *lo, RefBound *hi)
{
	double		w = tolerance * fabs(v->best);

	*lo = ref_side(v, 1);
	*hi = ref_side(v, 0);
	if (!lo->known && !hi->known)
	{
		*lo = (RefBound) {v->best - w, 1, isfinite(v->best - w)};
		*hi = (RefBound) {v->best + w, 1, isfinite(v->best + w)};
	}
	else if (v->flags & EST_APPROX)
	{
		/* a soft side: an open one from best, a stated one moved outward */
		double		l = lo->known ? lo->v - tolerance * fabs(lo->v) : v->best - w;
		double		h = hi->known ? hi->v + tolerance * fabs(hi->v) : v->best + w;

		*lo = (RefBound) {l, lo->known ? lo->inc : 1, isfinite(l)};
		*hi = (RefBound) {h, hi->known ? hi->inc : 1, isfinite(h)};
		/* nothing to widen by: "just over B" at tolerance 0 is B */
		if (lo->known && hi->known && lo->v == hi->v && !(lo->inc && hi->inc))
		{
			*lo = (RefBound) {v->best, 1, 1};
			*hi = (RefBound) {v->best, 1, 1};
		}
	}
}

/* Say whether two ranges share a value, from their tighter sides. */
static int
ref_overlaps(RefBound alo, RefBound ahi, RefBound blo, RefBound bhi)
{
	RefBound	lo,
				hi;

	/* the tighter lower side: the larger; at one value, exclusive wins */
	if (!alo.known)
		lo = blo;
	else if (!blo.known)
		lo = alo;
	else if (alo.v == blo.v)
		lo = (RefBound) {alo.v, alo.inc && blo.inc, 1};
	else
		lo = alo.v > blo.v ? alo : blo;
	if (!ahi.known)
		hi = bhi;
	else if (!bhi.known)
		hi = ahi;
	else if (ahi.v == bhi.v)
		hi = (RefBound) {ahi.v, ahi.inc && bhi.inc, 1};
	else
		hi = ahi.v < bhi.v ? ahi : bhi;
	if (!lo.known || !hi.known || lo.v < hi.v)
		return 1;
	return lo.v == hi.v && lo.inc && hi.inc;
}

/*
 * Check within: it agrees with an overlap test written apart (about X read
 * as X +- tolerance |X|, negative X too), is symmetric, true of a figure
 * with itself, grows with the tolerance, implies && and equals it when
 * neither figure is approximate.
 */
static void
test_within_properties(int rounds)
{
	static const double tolerances[] = {0, 0.05, 0.1, 0.25, 0.5, 1, 3, 1e300};
	int			bad_ref = 0,
				bad_sym = 0,
				bad_mono = 0,
				bad_overlap = 0,
				r;

	for (r = 0; r < rounds; r++)
	{
		EstimateValue a,
					b;
		int			exact = r % 2 == 0,
					before = 0;
		size_t		t;

		if (exact)
		{
			random_quarter_figure(&a, r % 4 == 0);
			random_quarter_figure(&b, r % 4 == 0);
		}
		else if (!random_value(&a) || !random_value(&b))
			continue;
		for (t = 0; t < sizeof(tolerances) / sizeof(tolerances[0]); t++)
		{
			double		tol = tolerances[t];
			bool		w = est_within(&a, &b, tol);
			RefBound	alo,
						ahi,
						blo,
						bhi;

			ref_widen(&a, tol, &alo, &ahi);
			ref_widen(&b, tol, &blo, &bhi);
			if (w != (bool) ref_overlaps(alo, ahi, blo, bhi))
			{
				if (bad_ref++ < 5)
					diag("within(%s, %s, %g) = %d, the reference says %d", fmt(&a), fmt(&b), tol, (int) w, (int) !w);
			}
			if (w != est_within(&b, &a, tol) || !est_within(&a, &a, tol))
			{
				if (bad_sym++ < 3)
					diag("within(%s, %s, %g) is not symmetric or not true of itself", fmt(&a), fmt(&b), tol);
			}
			if (before && !w)
			{
				if (bad_mono++ < 3)
					diag("within(%s, %s) is true at a smaller tolerance than %g, false at it", fmt(&a), fmt(&b), tol);
			}
			before = w;
			/* a figure with the approximate mark may be widened past its bounds */
			if ((w && !est_overlaps(&a, &b) && !((a.flags | b.flags) & EST_APPROX)) ||
				(strcmp(est_qualifier(&a), "about") != 0 && strcmp(est_qualifier(&b), "about") != 0 &&
				 !((a.flags | b.flags) & EST_APPROX) && w != est_overlaps(&a, &b)))
			{
				if (bad_overlap++ < 3)
					diag("within(%s, %s, %g) = %d against && %d", fmt(&a), fmt(&b), tol, (int) w,
						 (int) est_overlaps(&a, &b));
			}
		}
	}
	ok(bad_ref == 0, "within matches an overlap test written apart, %d random pairs at 8 tolerances (%d bad)",
	   rounds, bad_ref);
	ok(bad_sym == 0, "within(a, b) = within(b, a), and within(a, a) (%d bad)", bad_sym);
	ok(bad_mono == 0, "within stays true as the tolerance grows (%d bad)", bad_mono);
	ok(bad_overlap == 0, "within implies && (figures without the approximate mark), and is && when no figure is approximate (%d bad)", bad_overlap);

	/* an approximate negative figure reads as X +- tolerance |X|, not an empty range */
	{
		EstimateValue a = P("~-100"),
					b = P("<-200"),
					c = P("<-89"),
					d = P("-111..-109");

		ok(!est_within(&a, &b, 0.1) && !est_within(&b, &a, 0.1),
		   "within('~-100', '<-200', 0.1) is false: about -100 is -110..-90");
		ok(est_within(&a, &c, 0.1) && est_within(&a, &d, 0.1) && !est_within(&a, &d, 0.05),
		   "within('~-100', '<-89') and ('~-100', '-111..-109') at 0.1, not the latter at 0.05");
	}
}

/*
 * Check the marks in order and arithmetic: after the other keys, unset
 * first; a result inherits them (and normalization drops one where it
 * changes nothing); within reads an approximate figure widened.
 */
static void
test_marks(void)
{
	static const char *const ascending[] = {
		"<5", "~<5", "4..6", "5 [4,6]", "~4..6", "~5 [4,6]",
	};
	static const struct
	{
		char		op;
		const char *a;
		const char *b;
		const char *want;
		const char *why;
	}			cases[] = {
		{'+', "nearly 1000", "10", "~<1010", "a soft side stays soft"},
		{'+', "nearly 1000", "~10", "~1010", "with ~B, both sides open: ~B"},
		{'+', "~<1000", ">=10", "~1010", "no side left: ~B"},
		{'+', "400 (300-500)", "10", "410 [310,510]", "a stated centre stays stated"},
		{'+', "300..500", "10", "310..510", "a range with no stated centre stays so"},
		{'+', "300..500", "~1..2", "~301..502", "an approximate operand makes the result approximate"},
		{'+', "300..500", "5 [0,20]", "405 [300,520]", "the general form states its best"},
		{'+', "300..500", "10 [0,20]", "410 [300,520]", "... and the centre it states is kept"},
		{'-', "1000", "nearly 100", "~>900", "a soft upper side becomes a soft lower side"},
		{'*', "~<5", "2", "~<10", "scaling keeps the mark"},
		{'*', "~<5", "-2", "~>-10", "a negative factor swaps the sides"},
		{'*', "~<5", "0", "0", "a product with an exact 0 is exactly 0"},
		{'/', "~4..6", "2", "~2..3", "division keeps the mark"},
		{'x', "~4..6", "2..3", "~12.5 [8,18]", "an interval product keeps the mark"},
		{'x', "~4..6", "0", "0", "an interval product with an exact 0 is exactly 0"},
		{'x', "5 [4,6]", "1", "5 [4,6]", "and the stated centre"},
		{'d', "~4..6", "2", "~2..3", "an interval quotient keeps the mark"},
		{'n', "~<5", NULL, "~>-5", "negation keeps the mark"},
		{'n', "5 [4,6]", NULL, "-5 [-6,-4]", "and the stated centre"},
		{'r', "~<5.4", NULL, "~5 (,6)", "round keeps the mark"},
		{'r', "5.2 [4.1,5.9]", NULL, "5 [4,6]", "round keeps a stated centre that stays the midpoint"},
	};
	size_t		i;

	for (i = 0; i + 1 < CS_NELEM(ascending); i++)
	{
		EstimateValue a = P(ascending[i]),
					b = P(ascending[i + 1]);

		ok(est_compare(&a, &b) < 0 && est_compare(&b, &a) > 0 && !est_equal(&a, &b) &&
		   !same_value(&a, &b),
		   "%s sorts before %s and differs from it", q(ascending[i]), q(ascending[i + 1]));
	}
	for (i = 0; i < CS_NELEM(cases); i++)
	{
		EstimateValue a = P(cases[i].a),
					b,
					r,
					want;
		CsStatus	st = CS_OK;

		if (cases[i].b != NULL)
			b = P(cases[i].b);
		switch (cases[i].op)
		{
			case '+':
				st = est_add(&r, &a, &b);
				break;
			case '-':
				st = est_sub(&r, &a, &b);
				break;
			case '*':
				st = est_mul(&r, &a, b.best);
				break;
			case '/':
				st = est_div(&r, &a, b.best);
				break;
			case 'x':
				st = est_mul_est(&r, &a, &b);
				break;
			case 'd':
				st = est_div_est(&r, &a, &b);
				break;
			case 'n':
				est_neg(&r, &a);
				break;
			default:
				st = est_round(&r, &a, 0);
				break;
		}
		want = P(cases[i].want);
		if (!ok(st == CS_OK && same_value(&r, &want) && est_check(&r, &(const char *) {NULL}) == CS_OK,
				"%s %c %s is %s: %s", cases[i].a, cases[i].op, cases[i].b ? cases[i].b : "",
				fmt(&want), cases[i].why))
			diag("got %s %s", status_name(st), fmt(&r));
	}

	{
		static const struct
		{
			const char *a;
			const char *b;
			double		tol;
			bool		want;
		}			w[] = {
			{"nearly 1000000", "100000", 0.1, false},	/* the open side: from 900000 */
			{"<1000000", "100000", 0.1, true},	/* no mark: the stated range */
			{"nearly 1000000", "950000", 0.1, true},
			{"nearly 1000000", "1050000", 0.1, true},	/* the bound moves to 1100000 */
			{"nearly 1000000", "1050000", 0.01, false},
			{"~<5", "5.5", 0.1, false},	/* exclusive stays exclusive */
			{"~<5", "5.49", 0.1, true},
			{"~2000..3000", "3250", 0.1, true},
			{"~2000..3000", "3250", 0.05, false},
			{"2000..3000", "3250", 0.1, false},
			{"~2000..3000", "~3500", 0.1, true},	/* 2000..3300 and 3150..3850 */
			{"just over 900000", "880000", 0.1, true},
			{"just over 900000", "2000000", 0.1, false},	/* the open side: to 990000 */
			{"just over 900000", "900000", 0, true},	/* nothing to widen by: 900000 */
			{"just over 900000", "900001", 0, false},
		};

		for (i = 0; i < CS_NELEM(w); i++)
		{
			EstimateValue a = P(w[i].a),
						b = P(w[i].b);

			ok(est_within(&a, &b, w[i].tol) == w[i].want && est_within(&b, &a, w[i].tol) == w[i].want,
			   "within(%s, %s, %g) is %s", q(w[i].a), q(w[i].b), w[i].tol, w[i].want ? "true" : "false");
		}
	}
}

/* Run every check; the exit status says whether one failed. */
int
main(void)
{
	int			rounds = est_unit_start();

	test_compare();
	test_contains_overlaps();
	test_arithmetic();
	test_random_arithmetic(rounds);
	test_within_properties(rounds / 20);
	test_marks();

	return done_testing();
}
