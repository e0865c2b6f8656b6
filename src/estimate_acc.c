/*
 * estimate_acc.c
 *		The states of the aggregates avg, consensus and envelope over
 *		estimates: adding a figure or a partial state, checking a state read
 *		from outside, and the final figures.
 *
 * A state is doubles (EstAcc, a float8[] in SQL), so that partial states
 * travel as text and through parallel workers.  No server headers: linked
 * into the extension, the unit tests and the fuzz targets alike.
 */
#include "estimate_core.h"

#include <math.h>
#include <string.h>

/* Say whether a double holds a whole count of zero or more. */
static inline bool
is_count(double c)
{
	return c >= 0 && c == floor(c) && isfinite(c);
}

/* Check a state read from outside (see estimate_core.h). */
CsStatus
est_acc_check(const EstAcc *s, bool central, const char **detail)
{
	double		f = s->flags;

	if (!is_count(s->count) || !isfinite(s->sum_best) || !isfinite(s->low) ||
		!isfinite(s->high) || !(f >= 0 && f <= 255) || f != floor(f) ||
		((unsigned) f & ~(unsigned) EST_ACC_FLAGS_MASK) != 0)
		return (*detail = "The state holds a negative or fractional count, a non-finite sum or unknown flags.",
				CS_ERR_INVALID);
	if (central && (!is_count(s->central_count) || s->central_count > s->count ||
					!isfinite(s->central_sum)))
		return (*detail = "The state's count of central values is not a count up to the count of rows, or its sum is not finite.",
				CS_ERR_INVALID);
	return CS_OK;
}

/* Give CS_ERR_RANGE when a running sum left the finite doubles. */
static inline CsStatus
acc_finite(const EstAcc *s, bool central)
{
	if (!isfinite(s->sum_best) || !isfinite(s->low) || !isfinite(s->high) ||
		(central && !isfinite(s->central_sum)))
		return CS_ERR_RANGE;
	return CS_OK;
}

/* Give the state's bits for a value's marks. */
static inline uint8_t
acc_marks(uint8_t marks)
{
	return (uint8_t) (((marks & EST_APPROX) ? EST_ACC_APPROX : 0) |
					  ((marks & EST_CENTRE) ? EST_ACC_CENTRE : 0));
}

/* Give a value's marks for the state's bits. */
static inline uint8_t
value_marks(uint8_t f)
{
	return (uint8_t) (((f & EST_ACC_APPROX) ? EST_APPROX : 0) |
					  ((f & EST_ACC_CENTRE) ? EST_CENTRE : 0));
}

/* the state's bits that a result inherits from any input */
#define ACC_MARKS	(EST_ACC_APPROX | EST_ACC_CENTRE)

/* Add one figure, as a state of one row, for est_acc_* below. */
void
est_acc_of(const EstimateValue *v, EstAcc *one)
{
	bool		central = est_states_central(v);

	one->count = 1;
	one->sum_best = v->best;
	one->low = v->low;
	one->high = v->high;
	one->flags = acc_marks(est_marks_of(v)) | (v->flags & EST_BOUNDS_MASK);
	one->central_count = central ? 1 : 0;
	one->central_sum = central ? v->best : 0;
}

/* Add a figure or a partial state to an avg state: the sums of the parts. */
CsStatus
est_acc_avg_add(EstAcc *s, const EstAcc *t)
{
	uint8_t		sf = (uint8_t) s->flags;

	if (t->count == 0)
		return CS_OK;
	if (s->count == 0)
		sf = EST_BOUNDS_MASK;
	s->count += t->count;
	s->sum_best += t->sum_best;
	s->low += t->low;
	s->high += t->high;
	s->flags = (double) ((sf & (uint8_t) t->flags & EST_BOUNDS_MASK) |
						 ((sf | (uint8_t) t->flags) & ACC_MARKS));
	return acc_finite(s, false);
}

/* Add the central values of t to s, when the state keeps them. */
static inline void
acc_central_add(EstAcc *s, const EstAcc *t, bool central)
{
	if (!central)
		return;
	s->central_count += t->central_count;
	s->central_sum += t->central_sum;
}

/*
 * Intersect the state's range with t's (consensus): the larger lower bound
 * (at one value the exclusive one), the smaller upper; an empty intersection
 * marks the inputs as contradicting each other.
 */
CsStatus
est_acc_consensus_add(EstAcc *s, const EstAcc *t, bool central)
{
	uint8_t		sf = (uint8_t) s->flags;
	uint8_t		tf = (uint8_t) t->flags;

	if (t->count == 0)
		return CS_OK;
	sf |= tf & (EST_ACC_CONTRADICT | ACC_MARKS);
	if ((tf & EST_HAS_LOW) &&
		(!(sf & EST_HAS_LOW) || t->low > s->low || (t->low == s->low && !(tf & EST_LOW_INC))))
	{
		s->low = t->low;
		sf = (uint8_t) ((sf & ~EST_LOW_INC) | EST_HAS_LOW | (tf & EST_LOW_INC));
	}
	if ((tf & EST_HAS_HIGH) &&
		(!(sf & EST_HAS_HIGH) || t->high < s->high || (t->high == s->high && !(tf & EST_HIGH_INC))))
	{
		s->high = t->high;
		sf = (uint8_t) ((sf & ~EST_HIGH_INC) | EST_HAS_HIGH | (tf & EST_HIGH_INC));
	}
	if ((sf & EST_HAS_LOW) && (sf & EST_HAS_HIGH) &&
		(s->low > s->high ||
		 (s->low == s->high && (sf & (EST_LOW_INC | EST_HIGH_INC)) != (EST_LOW_INC | EST_HIGH_INC))))
		sf |= EST_ACC_CONTRADICT;
	s->count += t->count;
	s->sum_best += t->sum_best;
	acc_central_add(s, t, central);
	s->flags = (double) sf;
	return acc_finite(s, central);
}

/* Widen the state's range to hold t's (envelope). */
CsStatus
est_acc_envelope_add(EstAcc *s, const EstAcc *t, bool central)
{
	uint8_t		sf = (uint8_t) s->flags;
	uint8_t		tf = (uint8_t) t->flags;

	if (t->count == 0)
		return CS_OK;
	if (s->count == 0)
	{
		sf = tf & (EST_BOUNDS_MASK | ACC_MARKS);
		s->low = (tf & EST_HAS_LOW) ? t->low : 0;
		s->high = (tf & EST_HAS_HIGH) ? t->high : 0;
	}
	else
	{
		sf |= tf & ACC_MARKS;
		if (!(tf & EST_HAS_LOW))
		{
			sf &= ~(EST_HAS_LOW | EST_LOW_INC);
			s->low = 0;
		}
		else if ((sf & EST_HAS_LOW) &&
				 (t->low < s->low || (t->low == s->low && (tf & EST_LOW_INC))))
		{
			s->low = t->low;
			sf = (uint8_t) ((sf & ~EST_LOW_INC) | (tf & EST_LOW_INC));
		}
		if (!(tf & EST_HAS_HIGH))
		{
			sf &= ~(EST_HAS_HIGH | EST_HIGH_INC);
			s->high = 0;
		}
		else if ((sf & EST_HAS_HIGH) &&
				 (t->high > s->high || (t->high == s->high && (tf & EST_HIGH_INC))))
		{
			s->high = t->high;
			sf = (uint8_t) ((sf & ~EST_HIGH_INC) | (tf & EST_HIGH_INC));
		}
	}
	s->count += t->count;
	s->sum_best += t->sum_best;
	acc_central_add(s, t, central);
	s->flags = (double) sf;
	return acc_finite(s, central);
}

/* Give avg: the interval sum divided by the count; CS_NONE for no rows. */
CsStatus
est_acc_avg_final(const EstAcc *s, EstimateValue *r)
{
	EstimateValue sum;

	if (s->count == 0)
		return CS_NONE;
	memset(&sum, 0, sizeof(sum));
	sum.best = s->sum_best;
	sum.low = s->low;
	sum.high = s->high;
	sum.flags = (uint8_t) s->flags & EST_BOUNDS_MASK;
	est_normalize(&sum);
	est_mark(&sum, value_marks((uint8_t) s->flags));
	return est_div(r, &sum, s->count);
}

/*
 * Give consensus or envelope: the range gathered, with the mean of the best
 * values clamped into it (with central, of the central values when there are
 * any); CS_NONE for no rows or contradicting inputs.
 */
CsStatus
est_acc_range_final(const EstAcc *s, bool central, EstimateValue *r)
{
	uint8_t		f = (uint8_t) s->flags;
	double		mean;

	if (s->count == 0 || (f & EST_ACC_CONTRADICT))
		return CS_NONE;
	if (central && s->central_count > 0)
		mean = s->central_sum / s->central_count;
	else
		mean = s->sum_best / s->count;
	if ((f & EST_HAS_LOW) && mean < s->low)
		mean = s->low;
	if ((f & EST_HAS_HIGH) && mean > s->high)
		mean = s->high;
	/* a state read from outside may hold an empty range */
	if (est_make(r, mean, (f & EST_HAS_LOW) != 0, s->low, (f & EST_LOW_INC) != 0,
				 (f & EST_HAS_HIGH) != 0, s->high, (f & EST_HIGH_INC) != 0, NULL) != CS_OK)
		return CS_ERR_INVALID;
	est_mark(r, value_marks(f));
	return CS_OK;
}
