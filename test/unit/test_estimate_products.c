/*
 * test_estimate_products.c
 *		Unit tests of the product and quotient of two estimates
 *		(est_mul_est, est_div_est in src/estimate_math.c) by their properties
 *		over random figures, against a reference computed apart: its bounds,
 *		which sides are stated and inclusive, and members of the ranges
 *		sampled.
 *
 * Prints TAP.  Built by test/Makefile with AddressSanitizer and UBSan,
 * linked with the estimate family, the common layer and libpgcommon.
 */
#include "estimate_unit.h"

/* ------------------------------------------------------------------------
 * estimate * estimate and estimate / estimate against a reference
 */

/* Give the sign of a nonzero side value, as +1 or -1. */
static double
ref_sign(double x)
{
	return x > 0 ? 1 : -1;
}

/*
 * Give the reference bounds of a * b or a / b (a divisor whose range
 * excludes 0), from what the figures mean: each corner of the two ranges
 * gives a candidate, an unbounded side one running to infinity (or, as a
 * divisor, toward 0, a side no source stated); a stated zero factor gives
 * an exact 0.  A bound is the extreme candidate, inclusive when one of the
 * candidates there is, unknown when one is unknown or it is infinite.
 */
static void
ref_interval_op(const EstimateValue *a, const EstimateValue *b, int divide,
				RefBound *low, RefBound *high)
{
	RefBound	cand[4];
	int			n = 0,
				i,
				j,
				side;

	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++)
		{
			RefBound	sa = ref_side(a, i == 0),
						sb = ref_side(b, j == 0),
						c;

			if (sa.known && sa.v == 0)
				c = (RefBound) {0, sa.inc, 1};
			else if (!divide && sb.known && sb.v == 0)
				c = (RefBound) {0, sb.inc, 1};
			else if (divide && sb.known && sb.v == 0)
				c = (RefBound) {INFINITY * ref_sign(sa.v) * (j == 0 ? 1 : -1), 0, 0};
			else if (sa.known && sb.known)
				c = (RefBound) {divide ? sa.v / sb.v : sa.v * sb.v, sa.inc && sb.inc, 1};
			else if (divide && !sb.known && sa.known)
				c = (RefBound) {0, 0, 0};
			else
				c = (RefBound) {INFINITY * ref_sign(sa.v) * ref_sign(sb.v), 0, 0};
			cand[n++] = c;
		}
	for (side = 0; side < 2; side++)
	{
		RefBound	best = cand[0];

		for (i = 1; i < n; i++)
		{
			if (side == 0 ? cand[i].v < best.v : cand[i].v > best.v)
				best = cand[i];
			else if (cand[i].v == best.v)
			{
				best.inc = best.inc || cand[i].inc;
				best.known = best.known && cand[i].known;
			}
		}
		if (isinf(best.v))
			best.known = 0;
		*(side == 0 ? low : high) = best;
	}
}

/* Say whether a result's side matches a reference bound. */
static int
same_side(const EstimateValue *r, int low, const RefBound *want)
{
	int			has = (r->flags & (low ? EST_HAS_LOW : EST_HAS_HIGH)) != 0;
	int			inc = (r->flags & (low ? EST_LOW_INC : EST_HIGH_INC)) != 0;

	if (!want->known)
		return !has;
	return has && (low ? r->low : r->high) == want->v && inc == want->inc;
}

/* Collect members of v's range for sampling: grid points, bounds, points next to them. */
static int
sample_members(const EstimateValue *v, double *out, int fine)
{
	double		cand[24];
	double		lo = (v->flags & EST_HAS_LOW) ? v->low : v->best - 20,
				hi = (v->flags & EST_HAS_HIGH) ? v->high : v->best + 20;
	int			n = 0,
				k = 0,
				i;

	cand[k++] = v->best;
	cand[k++] = lo;
	cand[k++] = hi;
	for (i = 1; i < 8; i++)
		cand[k++] = lo + (hi - lo) * i / 8;
	if (fine)
	{
		/* wide magnitudes: the points next to the bounds, and far out */
		cand[k++] = nextafter(lo, INFINITY);
		cand[k++] = nextafter(hi, -INFINITY);
		cand[k++] = v->best * 2;
		cand[k++] = -v->best;
		cand[k++] = v->best * 1e10;
		cand[k++] = v->best * 1e-10;
		cand[k++] = v->best + 1e300;
		cand[k++] = v->best - 1e300;
	}
	for (i = 0; i < k; i++)
		if (isfinite(cand[i]) && est_contains(v, cand[i]))
			out[n++] = cand[i] + 0.0;
	return n;
}

/*
 * Check estimate * estimate and estimate / estimate on pairs of figures:
 *
 * - on figures of quarters, whose products are exact, every bound is the
 *   reference's (value, inclusive or exclusive, or unknown), and the product
 *   or quotient of any members lies in the result: exclusive bounds are
 *   never reached, inclusive ones are;
 * - on random figures of any magnitude, every rounded product or quotient
 *   of members lies in the closed range (rounding to nearest is monotone),
 *   an inclusive bound is reached by members, and the best value is the
 *   rounded product or quotient of the best values, kept inside the range.
 */
static void
test_interval_properties(int rounds)
{
	int			divide;

	for (divide = 0; divide < 2; divide++)
	{
		const char *op = divide ? "/" : "*";
		int			bad_ref = 0,
					bad_in = 0,
					bad_reach = 0,
					bad_best = 0,
					bad_status = 0,
					n_exact = 0,
					n_random = 0,
					r;

		for (r = 0; r < rounds; r++)
		{
			int			exact = r % 2 == 0;
			EstimateValue a,
						b,
						res;
			CsStatus	st;
			double		xs[24],
						ys[24],
						best;
			int			nx,
						ny,
						i,
						j,
						low_reached = 0,
						high_reached = 0;
			const char *detail;

			if (exact)
			{
				random_quarter_figure(&a, r % 4 == 0);
				random_quarter_figure(&b, r % 4 == 0);
			}
			else if (!random_value(&a) || !random_value(&b))
				continue;
			st = divide ? est_div_est(&res, &a, &b) : est_mul_est(&res, &a, &b);
			if (st != CS_OK)
			{
				if (!(st == CS_ERR_RANGE || (divide && st == CS_ERR_DIVZERO && b.best == 0)) ||
					(exact && st == CS_ERR_RANGE))
				{
					if (bad_status++ < 3)
						diag("(%s) %s (%s): %s", fmt(&a), op, fmt(&b), status_name(st));
				}
				continue;
			}
			if (est_check(&res, &detail) != CS_OK)
			{
				if (bad_status++ < 3)
					diag("(%s) %s (%s) = %s: invalid (%s)", fmt(&a), op, fmt(&b), fmt(&res), detail);
				continue;
			}
			if (exact)
				n_exact++;
			else
				n_random++;
			best = divide ? a.best / b.best : a.best * b.best;
			if ((res.flags & EST_HAS_LOW) && best < res.low)
				best = res.low;
			if ((res.flags & EST_HAS_HIGH) && best > res.high)
				best = res.high;
			if (!same_double(res.best, best + 0.0))
			{
				if (bad_best++ < 3)
					diag("(%s) %s (%s) = %s: best, want %.17g", fmt(&a), op, fmt(&b), fmt(&res), best);
			}
			if (divide && est_contains(&b, 0.0))
			{
				/* a divisor that admits 0: both sides unbounded */
				if (res.flags & (EST_HAS_LOW | EST_HAS_HIGH))
				{
					if (bad_ref++ < 3)
						diag("(%s) / (%s) = %s: a divisor admitting 0 leaves a bound", fmt(&a), fmt(&b), fmt(&res));
				}
				continue;
			}
			if (exact)
			{
				RefBound	lo,
							hi;

				ref_interval_op(&a, &b, divide, &lo, &hi);
				if (!same_side(&res, 1, &lo) || !same_side(&res, 0, &hi))
				{
					if (bad_ref++ < 5)
						diag("(%s) %s (%s) = %s, the reference's bounds: %s%.17g%s, %s%.17g%s", fmt(&a), op,
							 fmt(&b), fmt(&res), lo.known ? (lo.inc ? "[" : "(") : "unknown ",
							 lo.known ? lo.v : 0, "", hi.known ? "" : "unknown ",
							 hi.known ? hi.v : 0, hi.known ? (hi.inc ? "]" : ")") : "");
				}
			}
			nx = sample_members(&a, xs, !exact);
			ny = sample_members(&b, ys, !exact);
			for (i = 0; i < nx; i++)
				for (j = 0; j < ny; j++)
				{
					double		p = divide ? xs[i] / ys[j] : xs[i] * ys[j];
					int			in;

					if (!isfinite(p))
						continue;
					/* an exact product or quotient must be admitted, exclusive bounds and all */
					if (exact && (!divide || fma(-p, ys[j], xs[i]) == 0))
						in = est_contains(&res, p);
					else
						in = (!(res.flags & EST_HAS_LOW) || p >= res.low) &&
							(!(res.flags & EST_HAS_HIGH) || p <= res.high);
					if (!in)
					{
						if (bad_in++ < 5)
							diag("(%s) %s (%s) = %s does not hold %.17g %s %.17g = %.17g", fmt(&a), op,
								 fmt(&b), fmt(&res), xs[i], op, ys[j], p);
					}
					low_reached |= p == res.low;
					high_reached |= p == res.high;
				}
			/* an inclusive bound is a product of members (unless two bounds collapsed) */
			if (nx > 0 && ny > 0 &&
				!((res.flags & EST_HAS_LOW) && (res.flags & EST_HAS_HIGH) && res.low == res.high) &&
				(((res.flags & EST_LOW_INC) && !low_reached) || ((res.flags & EST_HIGH_INC) && !high_reached)))
			{
				if (bad_reach++ < 3)
					diag("(%s) %s (%s) = %s: no members reach its inclusive bound", fmt(&a), op, fmt(&b), fmt(&res));
			}
		}
		ok(bad_status == 0, "estimate %s estimate: valid results or the documented errors (%d bad)", op, bad_status);
		ok(bad_best == 0, "estimate %s estimate: the best value is that of the best values, inside the range (%d bad)",
		   op, bad_best);
		ok(bad_ref == 0, "estimate %s estimate: bounds of %d random pairs of quarters of every kind match the reference (%d bad)",
		   op, n_exact, bad_ref);
		ok(bad_in == 0, "estimate %s estimate: the result holds every %s of members, %d pairs of quarters and %d of any magnitude (%d bad)",
		   op, divide ? "quotient" : "product", n_exact, n_random, bad_in);
		ok(bad_reach == 0, "estimate %s estimate: members reach every inclusive bound (%d bad)", op, bad_reach);
	}

	/* the cases of the contract, by name */
	{
		static const struct
		{
			const char *a;
			const char *b;
			int			divide;
			const char *want;
			const char *why;
		}			cases[] = {
			{"0 [-1,1)", "0 (-1,1]", 0, "0 [-1,1)",
			"at one value an inclusive candidate wins: -1 = -1 x 1 is reached, 1 is not"},
			{"0 (-1,1]", "0 [-1,1)", 0, "0 [-1,1)", "the same, the other way round"},
			{"2 [1,3)", "2 [1,3)", 0, "4 [1,9)", "exclusive where a contributing bound is"},
			{"2 (1,3]", "5", 0, "10 (5,15]", "times an exact figure"},
			{">5", "<=-2", 0, "<-10", "more than 5 times at most -2: fewer than -10, no lower bound"},
			{"0", "~5", 0, "0", "a zero factor makes an exact 0"},
			{"9672", "~3000", 1, "~3.224", "a number over an approximate figure"},
			{"1..2", "0.5 [-1,1]", 1, "~3", "a divisor admitting 0: unbounded"},
			{"6 [4,8]", "2 (1,4]", 1, "3 [1,8)", "a quotient's exclusive bound from an exclusive divisor bound"},
			{"-2..2", "2 [1,)", 1, "0 [-2,2]", "a number over an unbounded side tends to 0, within the other corners (the divisor states its best: so does the quotient)"},
			{"1..2", "2 [1,)", 1, "0.75 (,2]", "... and where 0 would be the bound, it is unknown"},
		};
		size_t		i;

		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		{
			EstimateValue a,
						b,
						res;
			CsStatus	st;

			a = P(cases[i].a);
			b = P(cases[i].b);
			st = cases[i].divide ? est_div_est(&res, &a, &b) : est_mul_est(&res, &a, &b);
			if (!ok(st == CS_OK && strcmp(fmt(&res), cases[i].want) == 0, "(%s) %s (%s) = %s: %s",
					cases[i].a, cases[i].divide ? "/" : "*", cases[i].b, cases[i].want, cases[i].why))
				diag("got %s %s", status_name(st), st == CS_OK ? fmt(&res) : "");
		}
	}
}

/* Run every check; the exit status says whether one failed. */
int
main(void)
{
	int			rounds = est_unit_start();

	test_interval_properties(rounds / 10);

	return done_testing();
}
