/*
 * estimate_core.h
 *		The estimate value in plain C: its stored layout, parsing of the
 *		forms sources use, validation, canonical and human formatting,
 *		ordering and interval arithmetic.
 *
 * Nothing here includes server headers, so the same code is linked into the
 * extension, the unit tests (under AddressSanitizer) and the fuzz targets.
 */
#ifndef ESTIMATE_CORE_H
#define ESTIMATE_CORE_H

#include "common.h"

/* format version stored in every value; receive rejects any other */
#define EST_VERSION			1

/* flag bits */
#define EST_HAS_LOW			0x01	/* lower side bounded */
#define EST_LOW_INC			0x02	/* lower bound inclusive */
#define EST_HAS_HIGH		0x04	/* upper side bounded */
#define EST_HIGH_INC		0x08	/* upper bound inclusive */
#define EST_FLAGS_MASK		0x0F

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

/* length of a buffer that holds any canonical or described value */
#define EST_TEXT_BUFLEN		192

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

/* Set unbounded slots to 0, -0 to +0, the version and reserved bytes. */
extern void est_normalize(EstimateValue *v);

/*
 * Check a value read from outside (binary receive, a corrupt datum):
 * version, reserved bytes and unknown flag bits, unbounded slots zero, no
 * -0, finite parts, low <= best <= high, a non-empty range.
 */
extern CsStatus est_validate(const EstimateValue *v, const char **detail);

/*
 * Parse text (every form sources use; see estimate_core.c).  On failure
 * returns CS_ERR_SYNTAX or CS_ERR_RANGE with a detail sentence in errbuf
 * (which may be NULL); *hint (may be NULL) is set when the text holds a word
 * the parser does not know, so that the caller can list the ones it does
 * (est_words_hint).
 */
extern CsStatus est_parse(const char *str, EstimateValue *v,
						  char *errbuf, size_t errlen, bool *hint);

/* A sentence listing the qualifier and number words est_parse knows. */
extern const char *est_words_hint(void);

/* Write the canonical text of v; returns its length. buf >= EST_TEXT_BUFLEN */
extern size_t est_format(const EstimateValue *v, char *buf);

/* Write the text for people (thousands separators, words). */
extern size_t est_describe(const EstimateValue *v, char *buf);

/* The qualifier matching the canonical form's shape. */
extern const char *est_qualifier(const EstimateValue *v);

/* Midpoint of two finite doubles, without overflow. */
extern double est_midpoint(double low, double high);

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

#endif							/* ESTIMATE_CORE_H */
