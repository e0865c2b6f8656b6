/*
 * estimate_core.h
 *		The estimate value in plain C, the public header of its family:
 *
 *		estimate_value.c	the stored layout, its descriptor and binary form,
 *							construction, normalization and the check of
 *							values read from outside
 *		estimate_words.c	the words and symbols of the text input
 *		estimate_parse.c	the text input: the forms sources use
 *		estimate_numwords.c	the text input's number words, vague
 *							magnitudes and plus forms
 *		estimate_fast.c		the text input's fast path: the canonical and
 *							most common short forms
 *		estimate_text.c		canonical and human formatting, rounding
 *		estimate_math.c		ordering, interval arithmetic, within
 *		estimate_acc.c		the states of avg, consensus and envelope
 *
 * Nothing here includes server headers, so the same code is linked into the
 * extension, the unit tests (under AddressSanitizer) and the fuzz targets.
 */
#ifndef ESTIMATE_CORE_H
#define ESTIMATE_CORE_H

#include "common.h"

#include <math.h>

/* format version stored in every value; receive rejects any other */
#define EST_VERSION			1

/* flag bits */
#define EST_HAS_LOW			0x01	/* lower side bounded */
#define EST_LOW_INC			0x02	/* lower bound inclusive */
#define EST_HAS_HIGH		0x04	/* upper side bounded */
#define EST_HIGH_INC		0x08	/* upper bound inclusive */
#define EST_APPROX			0x10	/* the sides are soft: "nearly", "~5..7" */
#define EST_CENTRE			0x20	/* the best value is a centre the source stated */
#define EST_BOUNDS_MASK		0x0F	/* the bits of the bounds */
#define EST_MARKS			(EST_APPROX | EST_CENTRE)
#define EST_FLAGS_MASK		0x3F

/*
 * The two marks are stored only where they change the value's form, so
 * that a value without them keeps the bytes it had before they existed:
 * EST_APPROX only when a side is bounded and the value is not a point (an
 * approximate figure with both sides open is "~B" by itself, and an
 * approximate point says no more than "~B"); EST_CENTRE only when both
 * bounds are finite, inclusive and apart and the best value is their
 * midpoint (any other best value is stated by the general form already).
 */
/*
 * The stored value: 32 bytes, double aligned, the version first.  An
 * unbounded side stores 0 in its slot and no inclusive bit, and -0 is stored
 * as +0, so that equal values are equal byte for byte (hashing relies on it).
 */
typedef struct EstimateValue
{
	uint8_t		version;		/* EST_VERSION */
	uint8_t		flags;			/* EST_* bits */
	uint8_t		reserved[6];	/* zero */
	double		best;
	double		low;
	double		high;
} EstimateValue;

/* Give the best value of a stored estimate (an aggregate takes it for a row). */
static inline double
est_best_of(const EstimateValue *v)
{
	return v->best;
}

/* length of a buffer that holds any canonical or described value */
#define EST_TEXT_BUFLEN		192

/* ---- the value: estimate_value.c ----------------------------------------- */

/*
 * Build a value from parts (flags as above) and normalize it.  CS_ERR_RANGE
 * for an infinite part, CS_ERR_INVALID for NaN, bounds out of order, a best
 * value outside its range or a range that admits no value; *detail (which
 * may be NULL) then says which.
 */
extern CsStatus est_make(EstimateValue *v, double best, bool has_low, double low,
						 bool low_inc, bool has_high, double high, bool high_inc,
						 const char **detail);

/*
 * Build best with the inclusive range best - half .. best + half (a
 * confidence or prediction interval); rounding never leaves best outside.
 */
extern CsStatus est_make_interval(EstimateValue *v, double best, double half);

/*
 * Set unbounded slots to 0, -0 to +0, the version and reserved bytes, and
 * drop a mark where it changes nothing (an approximate point becomes "~B").
 */
extern void est_normalize(EstimateValue *v);

/*
 * Add marks (EST_APPROX, EST_CENTRE) to a normalized value and normalize
 * it again: a mark that would change nothing is dropped.
 */
extern void est_mark(EstimateValue *v, uint8_t marks);

/*
 * Check a value read from outside (binary receive, a corrupt datum):
 * version, reserved bytes and unknown flag bits, unbounded slots zero, no
 * -0, finite parts, low <= best <= high, a non-empty range.
 */
extern CsStatus est_check(const void *value, const char **detail);

/*
 * Store the result of an operation from its parts, in order: CS_ERR_RANGE
 * when a stated part is not finite; two bounds that met at one value make
 * the inclusive [x,x] (rounding merged them, the true result is not empty).
 */
extern CsStatus est_make_result(EstimateValue *r, double best, bool has_low, double low,
								bool low_inc, bool has_high, double high, bool high_inc);

/*
 * The same, with the marks its operands gave the result (est_marks_of,
 * taken before: r may alias an operand), kept where they change its form;
 * one normalization instead of two.
 */
extern CsStatus est_make_marked(EstimateValue *r, uint8_t marks, double best, bool has_low,
								double low, bool low_inc, bool has_high, double high,
								bool high_inc);

/* Give the midpoint of two finite doubles, without overflow. */
static inline double
est_midpoint(double low, double high)
{
	double		m = (low + high) / 2.0;

	if (isinf(m))
		m = low / 2.0 + high / 2.0;
	return m == 0.0 ? 0.0 : m;
}

/* the shapes of the canonical form, the shortest that holds a value exactly */
typedef enum EstShape
{
	EST_SHAPE_EXACT,			/* 600000 */
	EST_SHAPE_ABOUT,			/* ~600000 */
	EST_SHAPE_GT,				/* >600000 */
	EST_SHAPE_GE,				/* >=600000 */
	EST_SHAPE_LT,				/* <600000 */
	EST_SHAPE_LE,				/* <=600000 */
	EST_SHAPE_RANGE,			/* 500000..700000, best at the midpoint */
	EST_SHAPE_GENERAL			/* 615000 [500000,700000] and the like */
} EstShape;

/*
 * Give the shape of v's canonical form, the shortest that holds v exactly;
 * the approximate mark puts "~" in front of it, the centre mark makes a
 * midpoint range the general form.  Inline: every operation asks it of its
 * operands, and the aggregates once a row.
 */
static inline EstShape
est_shape(const EstimateValue *v)
{
	bool		has_low = (v->flags & EST_HAS_LOW) != 0;
	bool		has_high = (v->flags & EST_HAS_HIGH) != 0;
	bool		low_inc = (v->flags & EST_LOW_INC) != 0;
	bool		high_inc = (v->flags & EST_HIGH_INC) != 0;

	if (has_low && has_high && low_inc && high_inc &&
		v->low == v->best && v->high == v->best)
		return EST_SHAPE_EXACT;
	if (!has_low && !has_high)
		return EST_SHAPE_ABOUT;
	if (has_low && !has_high && v->low == v->best)
		return low_inc ? EST_SHAPE_GE : EST_SHAPE_GT;
	if (!has_low && has_high && v->high == v->best)
		return high_inc ? EST_SHAPE_LE : EST_SHAPE_LT;
	if (has_low && has_high && low_inc && high_inc && !(v->flags & EST_CENTRE) &&
		v->best == est_midpoint(v->low, v->high))
		return EST_SHAPE_RANGE;
	return EST_SHAPE_GENERAL;
}

/*
 * Give the marks a result inherits from an operand: EST_APPROX when the
 * operand is approximate in any way (the mark, or "~B"), EST_CENTRE when it
 * states a centre with a range (the mark, or the general form).
 */
static inline uint8_t
est_marks_of(const EstimateValue *v)
{
	EstShape	shape = est_shape(v);

	return (uint8_t) ((v->flags & EST_MARKS) |
					  (shape == EST_SHAPE_ABOUT ? EST_APPROX : 0) |
					  (shape == EST_SHAPE_GENERAL ? EST_CENTRE : 0));
}

/*
 * Does the estimate state a central value (every form but the one-sided;
 * an approximate one-sided figure, "nearly B", states B)?
 */
extern bool est_states_central(const EstimateValue *v);

/*
 * The descriptor of the type (see common.h): its size, version, flag bits,
 * the fields of its wire form (version, flags, best, low, high: 26 bytes,
 * the doubles big-endian) and est_check.  The text form is a grammar, read
 * by est_parse and written by est_format, so the descriptor has no text
 * items; cs_wire_encode and cs_wire_decode read and write the binary form.
 */
extern const CsTypeDesc est_desc;

/* ---- the text input: estimate_parse.c, estimate_numwords.c, estimate_words.c */

/*
 * Parse text (every form sources use; see estimate_parse.c).  On failure
 * returns CS_ERR_SYNTAX or CS_ERR_RANGE with a detail sentence in errbuf
 * (which may be NULL); *hint (may be NULL) is set when the text holds a word
 * the parser does not know, so that the caller can list the ones it does
 * (est_words_hint).
 */
extern CsStatus est_parse(const char *str, EstimateValue *v,
						  char *errbuf, size_t errlen, bool *hint);

/* A sentence listing the qualifier and number words est_parse knows. */
extern const char *est_words_hint(void);

/* ---- the text output: estimate_text.c ------------------------------------ */

/* Write the canonical text of v; returns its length. buf >= EST_TEXT_BUFLEN */
extern size_t est_format(const EstimateValue *v, char *buf);

/* the most significant digits describe and round write */
#define EST_ROUNDED_DIGITS	340
/* the decimal places round takes, either way */
#define EST_MAX_PLACES		340

/*
 * Write the text for people ("more than 626", "about 18,789", "500,000 to
 * 700,000"), rounded for reading and still true: digits 0 rounds a number
 * of magnitude 100 or more to an integer and a smaller one to three
 * significant digits; digits 1 to 17 keeps that many significant digits.
 * A lower bound rounds down, an upper bound up, a best value to nearest
 * (half away from zero); when that changed an exact figure or a stated best
 * value (the number shown reads back as another double), "about" says so.
 */
extern size_t est_describe_digits(const EstimateValue *v, int digits, char *buf);

/* Write the text for people with the default rounding (digits 0). */
extern size_t est_describe(const EstimateValue *v, char *buf);

/*
 * Round at places decimal places (negative: tens, hundreds, ...): the best
 * value to nearest, the lower bound down and the upper bound up, exclusive
 * staying exclusive, so that the result's range holds the input's.
 * CS_ERR_INVALID for places beyond +-EST_MAX_PLACES, CS_ERR_RANGE when a
 * bound rounds beyond the doubles.
 */
extern CsStatus est_round(EstimateValue *r, const EstimateValue *a, int places);

/* The qualifier matching the canonical form's shape. */
extern const char *est_qualifier(const EstimateValue *v);

/* ---- order and arithmetic: estimate_math.c ------------------------------- */

/* Total order: by best, then lower bound position, then upper bound position. */
extern int	est_compare(const EstimateValue *a, const EstimateValue *b);

/* Equality of all parts. */
extern bool est_equal(const EstimateValue *a, const EstimateValue *b);

/* Does the stated range admit x? */
extern bool est_contains(const EstimateValue *v, double x);

/* Can both ranges hold at once (non-empty intersection)? */
extern bool est_overlaps(const EstimateValue *a, const EstimateValue *b);

/*
 * Interval arithmetic.  The result may alias an argument.  CS_ERR_RANGE on
 * overflow or an infinite factor, CS_ERR_INVALID for a NaN factor,
 * CS_ERR_DIVZERO for division by zero.
 */
extern CsStatus est_add(EstimateValue *r, const EstimateValue *a, const EstimateValue *b);
extern CsStatus est_sub(EstimateValue *r, const EstimateValue *a, const EstimateValue *b);
extern void est_neg(EstimateValue *r, const EstimateValue *a);
extern CsStatus est_mul(EstimateValue *r, const EstimateValue *a, double k);
extern CsStatus est_div(EstimateValue *r, const EstimateValue *a, double k);

/*
 * Interval multiplication and division of two estimates: the best value is
 * the product or quotient of the best values; a bound is the extreme of the
 * products or quotients of the bounds, exclusive where a contributing bound
 * is exclusive, unknown where a contributing bound is unknown (a zero factor
 * makes an exact 0).  A divisor whose range admits 0 gives unbounded sides;
 * a divisor whose best value is 0 is CS_ERR_DIVZERO; CS_ERR_RANGE when a
 * stated figure leaves the doubles.
 */
extern CsStatus est_mul_est(EstimateValue *r, const EstimateValue *a, const EstimateValue *b);
extern CsStatus est_div_est(EstimateValue *r, const EstimateValue *a, const EstimateValue *b);

/*
 * Can both figures be true when an approximate one ("about X", both sides
 * unbounded) is read as X +- tolerance |X|?  tolerance >= 0 and finite.
 */
extern bool est_within(const EstimateValue *a, const EstimateValue *b, double tolerance);

/* ---- the states of avg, consensus and envelope: estimate_acc.c ----------- */

/*
 * The state of avg, consensus and envelope: doubles, so that the SQL state
 * is a plain float8[] (no internal state: partial states travel as text
 * and through parallel workers).  low and high are the sums of the bounds
 * (avg), the tightest bounds (consensus) or the loosest (envelope); flags
 * are the EST_* bits of the bounds plus EST_ACC_CONTRADICT, EST_ACC_APPROX
 * (an input was approximate in any way) and EST_ACC_CENTRE (an input stated
 * a centre with a range); the marks take other bits than in a value because
 * states of earlier versions use 0x10 for a contradiction.  A state of 7 slots also keeps
 * the count and sum of the best values of the inputs that state a central
 * value (consensus and envelope take their mean from those); a state of 5
 * slots does not (the 1.0 form).
 */
typedef struct EstAcc
{
	double		count;
	double		sum_best;
	double		low;
	double		high;
	double		flags;
	double		central_count;	/* only in a state of 7 slots */
	double		central_sum;
} EstAcc;

#define EST_ACC_CONTRADICT	0x10	/* the inputs admit no common value */
#define EST_ACC_APPROX		0x40	/* an input was approximate */
#define EST_ACC_CENTRE		0x80	/* an input stated a centre with a range */
#define EST_ACC_FLAGS_MASK	(EST_BOUNDS_MASK | EST_ACC_CONTRADICT | EST_ACC_APPROX | EST_ACC_CENTRE)
#define EST_ACC_SLOTS_1_0	5
#define EST_ACC_SLOTS		7

/* Check a state read from outside; central says it has 7 slots. */
extern CsStatus est_acc_check(const EstAcc *s, bool central, const char **detail);

/* Make the state of one figure, to add with the functions below. */
extern void est_acc_of(const EstimateValue *v, EstAcc *one);

/* Add a figure or a partial state: CS_ERR_RANGE when a sum overflows. */
extern CsStatus est_acc_avg_add(EstAcc *s, const EstAcc *t);
extern CsStatus est_acc_consensus_add(EstAcc *s, const EstAcc *t, bool central);
extern CsStatus est_acc_envelope_add(EstAcc *s, const EstAcc *t, bool central);

/*
 * The final figures; CS_NONE for no rows (or contradicting inputs), and for
 * the range, CS_ERR_INVALID when a state read from outside holds an empty one.
 */
extern CsStatus est_acc_avg_final(const EstAcc *s, EstimateValue *r);
extern CsStatus est_acc_range_final(const EstAcc *s, bool central, EstimateValue *r);

#endif							/* ESTIMATE_CORE_H */
