/*
 * estimate_value.c
 *		The stored estimate value: construction from parts, normalization
 *		(so that equal values are equal bytes, and a mark is stored only
 *		where it changes the form), the check of a value read from outside, its shape, and its descriptor, from which the common
 *		wire codec reads and writes its binary form.
 *
 * No server headers: linked into the extension, the unit tests and the fuzz
 * targets alike.
 */
#include "estimate_core.h"

#include <math.h>
#include <string.h>

/* Give x with -0 as +0, so that equal values are equal bytes. */
static inline double
no_negative_zero(double x)
{
	return x == 0.0 ? 0.0 : x;
}

/* Say whether the bounds make a point: both stated, inclusive, at best. */
static inline bool
is_point(uint8_t flags, double best, double low, double high)
{
	return (flags & EST_BOUNDS_MASK) == EST_BOUNDS_MASK && low == best && high == best;
}

/*
 * Give the marks of flags that change the form of the value with these
 * parts (see estimate_core.h): the approximate mark where a side is bounded
 * and the value is no point, the centre mark on a range around its midpoint.
 */
static inline uint8_t
marks_kept(uint8_t flags, double best, double low, double high)
{
	uint8_t		kept = 0;

	if ((flags & EST_APPROX) && (flags & (EST_HAS_LOW | EST_HAS_HIGH)) &&
		!is_point(flags, best, low, high))
		kept |= EST_APPROX;
	if ((flags & EST_CENTRE) && (flags & EST_BOUNDS_MASK) == EST_BOUNDS_MASK &&
		low < high && best == est_midpoint(low, high))
		kept |= EST_CENTRE;
	return kept;
}

/*
 * Set unbounded slots to 0, -0 to +0, the version and reserved bytes, and
 * keep only the marks that change the form; an approximate point says no
 * more than "about" its value, so it becomes "~B".
 */
void
est_normalize(EstimateValue *v)
{
	uint8_t		marks;

	v->version = EST_VERSION;
	memset(v->reserved, 0, sizeof(v->reserved));
	v->flags &= EST_FLAGS_MASK;
	if ((v->flags & EST_APPROX) && is_point(v->flags, v->best, v->low, v->high))
		v->flags = 0;
	if (!(v->flags & EST_HAS_LOW))
	{
		v->low = 0.0;
		v->flags &= ~EST_LOW_INC;
	}
	if (!(v->flags & EST_HAS_HIGH))
	{
		v->high = 0.0;
		v->flags &= ~EST_HIGH_INC;
	}
	v->best = no_negative_zero(v->best);
	v->low = no_negative_zero(v->low);
	v->high = no_negative_zero(v->high);
	marks = marks_kept(v->flags, v->best, v->low, v->high);
	v->flags = (uint8_t) ((v->flags & EST_BOUNDS_MASK) | marks);
}

/* Add marks to a normalized value, keeping those that change its form. */
void
est_mark(EstimateValue *v, uint8_t marks)
{
	v->flags |= (uint8_t) (marks & EST_MARKS);
	est_normalize(v);
}

/*
 * Check order and non-emptiness of the parts of a value; shared by make and
 * check, on the parts themselves, so that make checks them before it has
 * read any back from the value it stores.
 */
static inline CsStatus
check_parts(uint8_t flags, double best, double low, double high, const char **detail)
{
	bool		has_low = (flags & EST_HAS_LOW) != 0;
	bool		has_high = (flags & EST_HAS_HIGH) != 0;

	if (!(isfinite(best) && isfinite(low) && isfinite(high)))
	{
		*detail = "An estimate holds finite numbers only, not NaN or infinity.";
		/* NaN is no number at all; an infinity is one beyond the doubles */
		return (isnan(best) || isnan(low) || isnan(high)) ? CS_ERR_INVALID : CS_ERR_RANGE;
	}
	if (has_low && has_high && low > high)
	{
		*detail = "The lower bound is greater than the upper bound.";
		return CS_ERR_INVALID;
	}
	if (has_low && has_high && low == high &&
		(flags & (EST_LOW_INC | EST_HIGH_INC)) != (EST_LOW_INC | EST_HIGH_INC))
	{
		*detail = "The range admits no value.";
		return CS_ERR_INVALID;
	}
	if ((has_low && best < low) || (has_high && best > high))
	{
		*detail = "The best value lies outside its own range.";
		return CS_ERR_INVALID;
	}
	return CS_OK;
}

/*
 * Build a value from parts, normalized and checked (see estimate_core.h).
 * Every text input makes one: the fields are set as est_normalize would
 * leave them, without a pass over the whole.
 */
CsStatus
est_make(EstimateValue *v, double best, bool has_low, double low, bool low_inc,
		 bool has_high, double high, bool high_inc, const char **detail)
{
	const char *dummy;
	uint8_t		flags = (uint8_t) ((has_low ? EST_HAS_LOW : 0) |
								   (has_low && low_inc ? EST_LOW_INC : 0) |
								   (has_high ? EST_HAS_HIGH : 0) |
								   (has_high && high_inc ? EST_HIGH_INC : 0));

	if (detail == NULL)
		detail = &dummy;
	best = no_negative_zero(best);
	low = has_low ? no_negative_zero(low) : 0.0;
	high = has_high ? no_negative_zero(high) : 0.0;
	v->version = EST_VERSION;
	v->flags = flags;
	memset(v->reserved, 0, sizeof(v->reserved));
	v->best = best;
	v->low = low;
	v->high = high;
	return check_parts(flags, best, low, high, detail);
}

/* Build best with the inclusive range best - half .. best + half. */
CsStatus
est_make_interval(EstimateValue *v, double best, double half)
{
	double		lo = best - half;
	double		hi = best + half;

	if (!isfinite(best) || !isfinite(half))
		return CS_ERR_RANGE;
	/* keep best inside its bounds should rounding put it outside */
	if (lo > best)
		lo = best;
	if (hi < best)
		hi = best;
	return est_make(v, best, true, lo, true, true, hi, true, NULL);
}

/* Check a value read from outside (see estimate_core.h). */
CsStatus
est_check(const void *value, const char **detail)
{
	const EstimateValue *v = value;
	uint8_t		kept;
	CsStatus	st;

	if (v->version != EST_VERSION)
	{
		*detail = "The value has an unknown format version.";
		return CS_ERR_INVALID;
	}
	if (!cs_all_zero(v->reserved, sizeof(v->reserved)))
	{
		*detail = "Reserved bytes of the value are not zero.";
		return CS_ERR_INVALID;
	}
	if (v->flags & ~EST_FLAGS_MASK)
	{
		*detail = "The value has unknown flag bits set.";
		return CS_ERR_INVALID;
	}
	if (((v->flags & EST_LOW_INC) && !(v->flags & EST_HAS_LOW)) ||
		((v->flags & EST_HIGH_INC) && !(v->flags & EST_HAS_HIGH)))
	{
		*detail = "An unbounded side cannot be inclusive.";
		return CS_ERR_INVALID;
	}
	if ((!(v->flags & EST_HAS_LOW) && (v->low != 0.0 || signbit(v->low))) ||
		(!(v->flags & EST_HAS_HIGH) && (v->high != 0.0 || signbit(v->high))))
	{
		*detail = "An unbounded side must store zero.";
		return CS_ERR_INVALID;
	}
	if ((v->best == 0.0 && signbit(v->best)) ||
		(v->low == 0.0 && signbit(v->low)) ||
		(v->high == 0.0 && signbit(v->high)))
	{
		*detail = "Negative zero is stored as zero.";
		return CS_ERR_INVALID;
	}
	if ((st = check_parts(v->flags, v->best, v->low, v->high, detail)) != CS_OK)
		return st;
	/* one byte form for every value: a mark only where it changes the form */
	kept = marks_kept(v->flags, v->best, v->low, v->high);
	if ((v->flags & EST_APPROX) && !(kept & EST_APPROX))
	{
		*detail = "The approximate mark is set on a value with no bounded side or on a point.";
		return CS_ERR_INVALID;
	}
	if ((v->flags & EST_CENTRE) && !(kept & EST_CENTRE))
	{
		*detail = "The centre mark is set on a value that is not a range around its midpoint.";
		return CS_ERR_INVALID;
	}
	return CS_OK;
}

/*
 * Store the result of an operation.  Rounding to nearest is monotone, so
 * order is kept; but two distinct bounds may round to one value, and an
 * exclusive pair (x,x) would then admit nothing although the true result
 * does: such a range is widened to the inclusive [x,x].
 */
CsStatus
est_make_result(EstimateValue *r, double best, bool has_low, double low, bool low_inc,
				bool has_high, double high, bool high_inc)
{
	return est_make_marked(r, 0, best, has_low, low, low_inc, has_high, high, high_inc);
}

/* Store the result of an operation with its operands' marks. */
CsStatus
est_make_marked(EstimateValue *r, uint8_t marks, double best, bool has_low, double low,
				bool low_inc, bool has_high, double high, bool high_inc)
{
	if (!isfinite(best) || (has_low && !isfinite(low)) || (has_high && !isfinite(high)))
		return CS_ERR_RANGE;
	if (has_low && has_high && low == high)
		low_inc = high_inc = true;
	r->best = best;
	r->low = low;
	r->high = high;
	r->flags = (uint8_t) ((has_low ? EST_HAS_LOW : 0) |
						  (has_low && low_inc ? EST_LOW_INC : 0) |
						  (has_high ? EST_HAS_HIGH : 0) |
						  (has_high && high_inc ? EST_HIGH_INC : 0) |
						  (marks & EST_MARKS));
	est_normalize(r);
	return CS_OK;
}

/*
 * Say whether an estimate states a central value: every form but the
 * one-sided, and those too when approximate ("nearly 1 million" is close
 * to a million).
 */
bool
est_states_central(const EstimateValue *v)
{
	EstShape	shape = est_shape(v);

	return (v->flags & EST_APPROX) ||
		(shape != EST_SHAPE_GT && shape != EST_SHAPE_GE &&
		 shape != EST_SHAPE_LT && shape != EST_SHAPE_LE);
}

/* ---- the descriptor ------------------------------------------------------ */

/* the fields of the wire form, in order: 26 bytes (the reserved ones stay home) */
#define EW(kind, member) {kind, offsetof(EstimateValue, member)}
static const CsWireField est_wire[] = {
	EW(CS_WIRE_BYTE, version),
	EW(CS_WIRE_BYTE, flags),
	EW(CS_WIRE_FLOAT8, best),
	EW(CS_WIRE_FLOAT8, low),
	EW(CS_WIRE_FLOAT8, high),
};
#undef EW

CS_ASSERT_HEADER(EstimateValue);

/* the text form is a grammar of its own (estimate_parse.c), not key=value items */
const CsTypeDesc est_desc = {
	.name = "estimate",
	.size = sizeof(EstimateValue),
	.version = EST_VERSION,
	.flag_mask = EST_FLAGS_MASK,
	CS_DESC_WIRE(est_wire),
	.check = est_check,
};
