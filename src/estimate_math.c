/*
 * estimate_math.c
 *		Ordering, containment and overlap of estimates, interval arithmetic
 *		(sums, differences, scaling, products and quotients of two
 *		estimates) and within, which reads an approximate figure as a range.
 *		A result carries the approximate mark when an operand is approximate
 *		in any way, and the centre mark when an operand states a centre with
 *		a range; normalization keeps a mark only where it changes the form.
 *
 * Results are stored through est_make_result, so that an operation never
 * makes a value est_check would refuse.  No server headers: linked into the
 * extension, the unit tests and the fuzz targets alike.
 */
#include "estimate_core.h"

#include <math.h>

/* Compare two doubles (neither NaN): -1, 0 or 1. */
static inline int
cmp_double(double a, double b)
{
	return (a < b) ? -1 : (a > b) ? 1 : 0;
}

/*
 * Compare lower bounds by position: unbounded first; at one value an
 * inclusive bound (admitting the value) before an exclusive one.
 */
static int
cmp_lower(const EstimateValue *a, const EstimateValue *b)
{
	bool		ah = (a->flags & EST_HAS_LOW) != 0;
	bool		bh = (b->flags & EST_HAS_LOW) != 0;
	int			c;

	if (!ah || !bh)
		return (int) ah - (int) bh;
	if ((c = cmp_double(a->low, b->low)) != 0)
		return c;
	return (int) ((a->flags & EST_LOW_INC) == 0) - (int) ((b->flags & EST_LOW_INC) == 0);
}

/*
 * Compare upper bounds by position: at one value exclusive before inclusive;
 * unbounded last.
 */
static int
cmp_upper(const EstimateValue *a, const EstimateValue *b)
{
	bool		ah = (a->flags & EST_HAS_HIGH) != 0;
	bool		bh = (b->flags & EST_HAS_HIGH) != 0;
	int			c;

	if (!ah || !bh)
		return (int) bh - (int) ah;
	if ((c = cmp_double(a->high, b->high)) != 0)
		return c;
	return (int) ((a->flags & EST_HIGH_INC) != 0) - (int) ((b->flags & EST_HIGH_INC) != 0);
}

/*
 * Order two estimates: by best, then lower bound position, then upper, then
 * the approximate mark and the centre mark (each unset first), so that
 * values without marks keep their order and equality is of every part.
 */
int
est_compare(const EstimateValue *a, const EstimateValue *b)
{
	int			c;

	if ((c = cmp_double(a->best, b->best)) != 0)
		return c;
	if ((c = cmp_lower(a, b)) != 0)
		return c;
	if ((c = cmp_upper(a, b)) != 0)
		return c;
	if ((c = (int) ((a->flags & EST_APPROX) != 0) - (int) ((b->flags & EST_APPROX) != 0)) != 0)
		return c;
	return (int) ((a->flags & EST_CENTRE) != 0) - (int) ((b->flags & EST_CENTRE) != 0);
}

/* Say whether two estimates are equal in every part. */
bool
est_equal(const EstimateValue *a, const EstimateValue *b)
{
	return est_compare(a, b) == 0;
}

/* Say whether the stated range of v admits x. */
bool
est_contains(const EstimateValue *v, double x)
{
	if (isnan(x))
		return false;
	if (v->flags & EST_HAS_LOW)
	{
		if ((v->flags & EST_LOW_INC) ? !(x >= v->low) : !(x > v->low))
			return false;
	}
	if (v->flags & EST_HAS_HIGH)
	{
		if ((v->flags & EST_HIGH_INC) ? !(x <= v->high) : !(x < v->high))
			return false;
	}
	return true;
}

/* Say whether two ranges can hold at once (a non-empty intersection). */
bool
est_overlaps(const EstimateValue *a, const EstimateValue *b)
{
	/* the tighter lower bound and the tighter upper bound */
	const EstimateValue *lo = cmp_lower(a, b) >= 0 ? a : b;
	const EstimateValue *hi = cmp_upper(a, b) <= 0 ? a : b;

	if (!(lo->flags & EST_HAS_LOW) || !(hi->flags & EST_HAS_HIGH))
		return true;
	if (lo->low < hi->high)
		return true;
	if (lo->low == hi->high)
		return (lo->flags & EST_LOW_INC) && (hi->flags & EST_HIGH_INC);
	return false;
}

/* Add two estimates: bounds add where both sides are bounded. */
CsStatus
est_add(EstimateValue *r, const EstimateValue *a, const EstimateValue *b)
{
	uint8_t		af = a->flags,
				bf = b->flags;
	uint8_t		marks = est_marks_of(a) | est_marks_of(b);

	return est_make_marked(r, marks, a->best + b->best,
						   (af & bf & EST_HAS_LOW) != 0, a->low + b->low,
						   (af & bf & EST_LOW_INC) != 0,
						   (af & bf & EST_HAS_HIGH) != 0, a->high + b->high,
						   (af & bf & EST_HIGH_INC) != 0);
}

/* Subtract b from a: the lower bound of a less the upper of b, and so on. */
CsStatus
est_sub(EstimateValue *r, const EstimateValue *a, const EstimateValue *b)
{
	uint8_t		af = a->flags,
				bf = b->flags;
	uint8_t		marks = est_marks_of(a) | est_marks_of(b);

	return est_make_marked(r, marks, a->best - b->best,
						   (af & EST_HAS_LOW) && (bf & EST_HAS_HIGH), a->low - b->high,
						   (af & EST_LOW_INC) && (bf & EST_HIGH_INC),
						   (af & EST_HAS_HIGH) && (bf & EST_HAS_LOW), a->high - b->low,
						   (af & EST_HIGH_INC) && (bf & EST_LOW_INC));
}

/* Negate an estimate: its bounds swap sides. */
void
est_neg(EstimateValue *r, const EstimateValue *a)
{
	uint8_t		f = a->flags;
	uint8_t		marks = est_marks_of(a);
	double		best = -a->best,
				low = -a->high,
				high = -a->low;

	(void) est_make_marked(r, marks, best,
						   (f & EST_HAS_HIGH) != 0, low, (f & EST_HIGH_INC) != 0,
						   (f & EST_HAS_LOW) != 0, high, (f & EST_LOW_INC) != 0);
}

/* Scale by k (k finite and non-zero), or divide by it when divide is set. */
static CsStatus
scale(EstimateValue *r, const EstimateValue *a, double k, bool divide)
{
	uint8_t		f = a->flags;
	uint8_t		marks = est_marks_of(a);
	double		best = divide ? a->best / k : a->best * k;
	double		lo = divide ? a->low / k : a->low * k;
	double		hi = divide ? a->high / k : a->high * k;

	if (k > 0)
		return est_make_marked(r, marks, best,
							   (f & EST_HAS_LOW) != 0, lo, (f & EST_LOW_INC) != 0,
							   (f & EST_HAS_HIGH) != 0, hi, (f & EST_HIGH_INC) != 0);
	return est_make_marked(r, marks, best,
						   (f & EST_HAS_HIGH) != 0, hi, (f & EST_HIGH_INC) != 0,
						   (f & EST_HAS_LOW) != 0, lo, (f & EST_LOW_INC) != 0);
}

/* Multiply an estimate by a finite k (0 makes an exact 0). */
CsStatus
est_mul(EstimateValue *r, const EstimateValue *a, double k)
{
	if (isnan(k))
		return CS_ERR_INVALID;
	if (isinf(k))
		return CS_ERR_RANGE;
	if (k == 0.0)
		return est_make_result(r, 0.0, true, 0.0, true, true, 0.0, true);
	return scale(r, a, k, false);
}

/* Divide an estimate by a finite, non-zero k. */
CsStatus
est_div(EstimateValue *r, const EstimateValue *a, double k)
{
	if (isnan(k))
		return CS_ERR_INVALID;
	if (k == 0.0)
		return CS_ERR_DIVZERO;
	if (isinf(k))
		return CS_ERR_RANGE;
	return scale(r, a, k, true);
}

/*
 * One side of an interval as a multiplication or division sees it: its
 * value (+-infinity when the side is unbounded), whether it is stated
 * (known) and whether it is exclusive.
 */
typedef struct Side
{
	double		value;
	bool		known;
	bool		exclusive;
} Side;

/* Give the lower (low true) or upper side of an estimate. */
static Side
side_of(const EstimateValue *v, bool low)
{
	Side		s;

	if (low)
	{
		s.known = (v->flags & EST_HAS_LOW) != 0;
		s.value = s.known ? v->low : -INFINITY;
		s.exclusive = s.known && !(v->flags & EST_LOW_INC);
	}
	else
	{
		s.known = (v->flags & EST_HAS_HIGH) != 0;
		s.value = s.known ? v->high : INFINITY;
		s.exclusive = s.known && !(v->flags & EST_HIGH_INC);
	}
	return s;
}

/*
 * Combine two sides into a candidate bound of a product or quotient.  A
 * zero factor (or dividend) gives an exact, stated 0 whatever the other
 * side is; otherwise the candidate is unknown when a side is unknown (or
 * when it divides by a zero bound), and exclusive when a side is.
 * *overflow is set when two stated sides make a number beyond the doubles.
 */
static Side
combine_sides(Side a, Side b, bool divide, bool b_from_below, bool *overflow)
{
	Side		c;

	if (a.value == 0.0 && a.known)
	{
		c.value = 0.0;
		c.known = true;
		c.exclusive = a.exclusive;
		return c;
	}
	if (!divide && b.value == 0.0 && b.known)
	{
		c.value = 0.0;
		c.known = true;
		c.exclusive = b.exclusive;
		return c;
	}
	if (divide)
	{
		if (b.value == 0.0)
			/* a zero bound of the divisor, which excludes 0: the quotient runs away */
			c.value = (!signbit(a.value) == b_from_below) ? INFINITY : -INFINITY;
		else if (isinf(b.value))
			c.value = isinf(a.value) ? ((signbit(a.value) == signbit(b.value)) ? INFINITY : -INFINITY)
				: (signbit(a.value) == signbit(b.value) ? 0.0 : -0.0);
		else
			c.value = a.value / b.value;
		c.known = a.known && b.known && b.value != 0.0;
	}
	else
	{
		c.value = a.value * b.value;
		c.known = a.known && b.known;
	}
	c.exclusive = a.exclusive || b.exclusive;
	if (a.known && b.known && !isfinite(c.value) && !(divide && b.value == 0.0))
		*overflow = true;
	return c;
}

/*
 * Keep the better candidate for a lower (low true) or upper bound: the
 * more extreme value; at one value a stated and inclusive one.
 */
static Side
extreme(Side cur, Side c, bool low)
{
	bool		more = low ? c.value < cur.value : c.value > cur.value;

	if (more)
		return c;
	if (c.value == cur.value)
	{
		/* an unknown candidate at this value means the bound is unknown */
		if (!c.known || !cur.known)
			cur.known = false;
		else
			cur.exclusive = cur.exclusive && c.exclusive;
	}
	return cur;
}

/* Say whether a stated range admits 0 (or is unbounded across it). */
static bool
admits_zero(const EstimateValue *v)
{
	return est_contains(v, 0.0);
}

/* Say whether a value is the exact number 0. */
static inline bool
is_exact_zero(const EstimateValue *v)
{
	return v->best == 0.0 && est_shape(v) == EST_SHAPE_EXACT;
}

/* Multiply (or divide) two estimates as intervals (see estimate_core.h). */
static CsStatus
interval_op(EstimateValue *r, const EstimateValue *a, const EstimateValue *b, bool divide)
{
	Side		lo,
				hi;
	double		best;
	bool		overflow = false;
	uint8_t		marks = est_marks_of(a) | est_marks_of(b);
	int			i,
				j;

	if (divide && b->best == 0.0)
		return CS_ERR_DIVZERO;
	best = divide ? a->best / b->best : a->best * b->best;
	if (!isfinite(best))
		return CS_ERR_RANGE;
	if (divide && admits_zero(b))
		return est_make_result(r, best, false, 0, false, false, 0, false);
	/* a product with an exact zero, or an exact zero divided, is exactly zero */
	if (is_exact_zero(a) || (!divide && is_exact_zero(b)))
		marks = 0;

	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++)
		{
			Side		c = combine_sides(side_of(a, i == 0), side_of(b, j == 0),
										  divide, j == 0, &overflow);

			if (i == 0 && j == 0)
				lo = hi = c;
			else
			{
				lo = extreme(lo, c, true);
				hi = extreme(hi, c, false);
			}
		}
	if (overflow)
		return CS_ERR_RANGE;
	lo.known = lo.known && isfinite(lo.value);
	hi.known = hi.known && isfinite(hi.value);
	/* rounding may carry the best value past a bound: keep it inside */
	if (lo.known && best < lo.value)
		best = lo.value;
	if (hi.known && best > hi.value)
		best = hi.value;
	return est_make_marked(r, marks, best, lo.known, lo.value, !lo.exclusive,
						   hi.known, hi.value, !hi.exclusive);
}

/* Multiply two estimates as intervals. */
CsStatus
est_mul_est(EstimateValue *r, const EstimateValue *a, const EstimateValue *b)
{
	return interval_op(r, a, b, false);
}

/* Divide two estimates as intervals. */
CsStatus
est_div_est(EstimateValue *r, const EstimateValue *a, const EstimateValue *b)
{
	return interval_op(r, a, b, true);
}

/*
 * Read an approximate figure widened: an open side as best -+ tolerance
 * |best| (so "about X" is X +- tolerance |X|), a stated bound moved outward
 * by tolerance |bound|, exclusive staying exclusive; a side beyond the
 * doubles unbounded; a widened range that admits nothing, the point best.
 * Any other figure as it is.
 */
static void
about_as_range(const EstimateValue *v, double tolerance, EstimateValue *out)
{
	uint8_t		f = v->flags;
	double		w = tolerance * fabs(v->best),
				lo,
				hi;

	if (est_shape(v) != EST_SHAPE_ABOUT && !(f & EST_APPROX))
	{
		*out = *v;
		return;
	}
	lo = (f & EST_HAS_LOW) ? v->low - tolerance * fabs(v->low) : v->best - w;
	hi = (f & EST_HAS_HIGH) ? v->high + tolerance * fabs(v->high) : v->best + w;
	if (est_make(out, v->best, isfinite(lo), isfinite(lo) ? lo : 0,
				 !(f & EST_HAS_LOW) || (f & EST_LOW_INC),
				 isfinite(hi), isfinite(hi) ? hi : 0,
				 !(f & EST_HAS_HIGH) || (f & EST_HIGH_INC), NULL) != CS_OK)
	{
		/*
		 * With no width to widen by (tolerance 0, best 0), "just over B"
		 * would admit nothing: it is read as B itself.
		 */
		(void) est_make(out, v->best, true, v->best, true, true, v->best, true, NULL);
	}
}

/*
 * Say whether two figures can both be true, an approximate one read widened
 * ("about X" as X +- tolerance |X|).
 */
bool
est_within(const EstimateValue *a, const EstimateValue *b, double tolerance)
{
	EstimateValue x,
				y;

	about_as_range(a, tolerance, &x);
	about_as_range(b, tolerance, &y);
	return est_overlaps(&x, &y);
}
