/*
 * estimate_parse.h
 *		The estimate value in plain C: its stored layout, parsing, validation,
 *		canonical and human formatting, ordering and interval arithmetic.
 *
 * Nothing here includes server headers, so the same code is linked into the
 * extension, the unit tests (under AddressSanitizer) and the fuzz targets.
 */
#ifndef ESTIMATE_PARSE_H
#define ESTIMATE_PARSE_H

#include <stddef.h>
#include <stdint.h>

/* format version stored in every value; receive rejects any other */
#define EST_VERSION			1

/* flag bits */
#define EST_HAS_LOW			0x01	/* lower side bounded */
#define EST_LOW_INC			0x02	/* lower bound inclusive */
#define EST_HAS_HIGH		0x04	/* upper side bounded */
#define EST_HIGH_INC		0x08	/* upper bound inclusive */
#define EST_FLAGS_MASK		0x0F

/*
 * The stored value: 32 bytes, double aligned.  An unbounded side stores 0 in
 * its slot and no inclusive bit, and -0 is stored as +0, so that equal values
 * are equal byte for byte (hashing relies on it).
 */
typedef struct EstimateValue
{
	double		best;
	double		low;
	double		high;
	uint8_t		version;
	uint8_t		flags;
	uint8_t		reserved[6];
} EstimateValue;

/* outcome of parsing, validation and arithmetic */
typedef enum EstStatus
{
	EST_OK = 0,
	EST_ERR_SYNTAX,				/* malformed text (22P02) */
	EST_ERR_RANGE,				/* a number too large for a double (22003) */
	EST_ERR_INVALID,			/* well-formed parts that make no valid value */
	EST_ERR_DIVZERO				/* division by zero (22012) */
} EstStatus;

/* length of a buffer that holds any one formatted double */
#define EST_DOUBLE_BUFLEN	32
/* length of a buffer that holds any canonical or described value */
#define EST_TEXT_BUFLEN		192

/* Build a value from parts; NaN-free, flags as above. Normalizes. */
extern EstStatus est_make(EstimateValue *v, double best, int has_low, double low,
						  int low_inc, int has_high, double high, int high_inc,
						  const char **detail);

/* Set unbounded slots to 0, -0 to +0, version and reserved bytes. */
extern void est_normalize(EstimateValue *v);

/*
 * Check a value for validity: version, reserved bytes and unknown flag bits,
 * finite parts, low <= best <= high, a non-empty range.  On failure *detail
 * is a sentence saying what is wrong.
 */
extern EstStatus est_validate(const EstimateValue *v, const char **detail);

/*
 * Parse text.  On failure returns EST_ERR_SYNTAX or EST_ERR_RANGE and writes
 * a detail sentence into errbuf (which may be NULL).
 */
extern EstStatus est_parse(const char *str, EstimateValue *v,
						   char *errbuf, size_t errlen);

/* Write the canonical text of v; returns its length. buf >= EST_TEXT_BUFLEN */
extern size_t est_format(const EstimateValue *v, char *buf);

/* Write the text for people (thousands separators, words). */
extern size_t est_describe(const EstimateValue *v, char *buf);

/* The qualifier matching the canonical form's shape. */
extern const char *est_qualifier(const EstimateValue *v);

/*
 * Write the shortest text that reads back to d exactly, laid out as
 * PostgreSQL's float8out does with extra_float_digits > 0.  d must be finite.
 * buf >= EST_DOUBLE_BUFLEN; returns the length.
 */
extern size_t est_format_double(double d, char *buf);

/* Midpoint of two finite doubles, without overflow. */
extern double est_midpoint(double low, double high);

/* Total order: by best, then lower bound position, then upper bound position. */
extern int	est_compare(const EstimateValue *a, const EstimateValue *b);

/* Equality of all parts. */
extern int	est_equal(const EstimateValue *a, const EstimateValue *b);

/* Does the stated range admit x? */
extern int	est_contains(const EstimateValue *v, double x);

/* Can both ranges hold at once (non-empty intersection)? */
extern int	est_overlaps(const EstimateValue *a, const EstimateValue *b);

/*
 * Interval arithmetic.  The result may alias an argument.  EST_ERR_RANGE on
 * overflow or an infinite factor, EST_ERR_INVALID for a NaN factor,
 * EST_ERR_DIVZERO for division by zero.
 */
extern EstStatus est_add(EstimateValue *r, const EstimateValue *a, const EstimateValue *b);
extern EstStatus est_sub(EstimateValue *r, const EstimateValue *a, const EstimateValue *b);
extern void est_neg(EstimateValue *r, const EstimateValue *a);
extern EstStatus est_mul(EstimateValue *r, const EstimateValue *a, double k);
extern EstStatus est_div(EstimateValue *r, const EstimateValue *a, double k);

#endif							/* ESTIMATE_PARSE_H */
