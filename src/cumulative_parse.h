/*
 * cumulative_parse.h
 *		The stored layouts of the summaries of running totals (cumulative)
 *		and of losses against gains (cost_per_gain, elasticity), their
 *		validation, and their text forms, in plain C.
 *
 * Nothing here includes server headers, so the same code is linked into the
 * extension, unit tests and fuzz targets.  Validation is static inline so
 * that text input, binary receive and every other entry point run exactly
 * the same checks.
 *
 * Times are microseconds since 2000-01-01 00:00 UTC, as a PostgreSQL
 * timestamptz; for the fit they are days after a reference time (a report's
 * time), as doubles.
 */
#ifndef CUMULATIVE_PARSE_H
#define CUMULATIVE_PARSE_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

/* format version stored in every value; receive rejects any other */
#define CUM_VERSION			1

/* flag bits of CumulativeValue */
#define CUM_INTERIOR		0x01	/* a report lies strictly between first and last */
#define CUM_FLAGS_MASK		0x01

/* PostgreSQL's MIN_TIMESTAMP and END_TIMESTAMP (exclusive); glue asserts it */
#define CUM_TS_MIN			INT64_C(-211813488000000000)
#define CUM_TS_END			INT64_C(9223371331200000000)

#define CUM_USECS_PER_DAY	INT64_C(86400000000)

/*
 * A summary of cumulative reports: 120 bytes, double aligned.
 *
 * The fits are kept as central moments around the means, updated and merged
 * with Welford/Pebay/Chan formulas.  Both variables are first shifted by the
 * first report the state saw (t_ref, y_ref): t = (at - t_ref) in days,
 * computed from exact integer microseconds, and y = total - y_ref.  So the
 * running means are small numbers whose rounding errors stay small even for
 * dates around 2024 (9000 days from 2000) and totals near 1e15, and even
 * when the rows arrive sorted by time, where an unshifted running mean's
 * rounding errors would add up coherently.  With u = t - t_mean and
 * v = y - y_mean, the quadratic fit regresses v on u and u^2, whose normal
 * equations need only these sums:
 *
 *	  [ t_m2  t_m3            ] [b1]   [ty_c ]
 *	  [ t_m3  t_m4 - t_m2^2/n ] [b2] = [t2y_c]
 */
typedef struct CumulativeValue
{
	int64_t		n;				/* reports aggregated, >= 1 */
	int64_t		first_at;		/* earliest report time */
	int64_t		last_at;		/* latest report time */
	int64_t		t_ref;			/* time origin of t: a report time */
	double		first_total;	/* total at first_at (largest on a tie) */
	double		last_total;		/* total at last_at (largest on a tie) */
	double		y_ref;			/* origin of y: a report's total */
	double		t_mean;			/* mean of t, days after t_ref */
	double		y_mean;			/* mean of y, after y_ref */
	double		t_m2;			/* sum of u^2 */
	double		t_m3;			/* sum of u^3 */
	double		t_m4;			/* sum of u^4 */
	double		ty_c;			/* sum of u v */
	double		t2y_c;			/* sum of u^2 v */
	uint8_t		version;
	uint8_t		flags;
	uint8_t		reserved[6];
} CumulativeValue;

/* flag bits of the two gain states (none yet) */
#define GAIN_FLAGS_MASK		0x00

/*
 * Partial state of cost_per_gain: the count and the compensated
 * (Kahan-Babuska-Neumaier) sum of each column, NULLs skipped per column as
 * sum() does.  56 bytes.
 */
typedef struct CostGainValue
{
	int64_t		losses_n;
	int64_t		gained_n;
	double		losses_sum;
	double		losses_err;		/* compensation: the sum is sum + err */
	double		gained_sum;
	double		gained_err;
	uint8_t		version;
	uint8_t		flags;
	uint8_t		reserved[6];
} CostGainValue;

/*
 * Partial state of elasticity: a Welford (Youngs-Cramer) least-squares fit
 * of y = ln(losses) on x = ln(gained) over rows where both are positive.
 * 48 bytes.
 */
typedef struct ElasticityValue
{
	int64_t		n;
	double		x_mean;
	double		y_mean;
	double		xx;				/* sum of (x - x_mean)^2 */
	double		xy;				/* sum of (x - x_mean)(y - y_mean) */
	uint8_t		version;
	uint8_t		flags;
	uint8_t		reserved[6];
} ElasticityValue;

/* length of a buffer that holds any formatted summary */
#define CUM_TEXT_BUFLEN		640

/* Say whether the reserved bytes are all zero. */
static inline int
cum_reserved_zero(const uint8_t *reserved)
{
	int			i;

	for (i = 0; i < 6; i++)
		if (reserved[i] != 0)
			return 0;
	return 1;
}

/*
 * Check a cumulative value: version, flags, reserved bytes, finite fields,
 * and fields consistent with each other.  Returns 1 if valid; otherwise 0
 * with *detail a sentence saying what is wrong.
 */
static inline int
cum_validate(const CumulativeValue *v, const char **detail)
{
	double		lo,
				hi,
				slack;

	if (v->version != CUM_VERSION)
		return (*detail = "The format version is unknown.", 0);
	if ((v->flags & ~CUM_FLAGS_MASK) != 0)
		return (*detail = "Reserved flag bits are set.", 0);
	if (!cum_reserved_zero(v->reserved))
		return (*detail = "Reserved bytes are not zero.", 0);
	if (v->n < 1)
		return (*detail = "The number of reports must be positive.", 0);
	if (v->first_at < CUM_TS_MIN || v->first_at >= CUM_TS_END ||
		v->last_at < CUM_TS_MIN || v->last_at >= CUM_TS_END)
		return (*detail = "A report time is out of the range of timestamp with time zone.", 0);
	if (v->first_at > v->last_at)
		return (*detail = "The first report is later than the last report.", 0);
	if (v->t_ref < v->first_at || v->t_ref > v->last_at)
		return (*detail = "The reference time lies outside the reported span.", 0);
	if (!isfinite(v->first_total) || !isfinite(v->last_total) || !isfinite(v->y_ref) ||
		!isfinite(v->t_mean) || !isfinite(v->y_mean) ||
		!isfinite(v->t_m2) || !isfinite(v->t_m3) || !isfinite(v->t_m4) ||
		!isfinite(v->ty_c) || !isfinite(v->t2y_c))
		return (*detail = "A field is not a finite number.", 0);
	/* t_m2 only adds non-negative terms; t_m4 could round below zero */
	if (v->t_m2 < 0)
		return (*detail = "A sum of squares is negative.", 0);
	if ((v->flags & CUM_INTERIOR) && (v->n < 3 || v->first_at == v->last_at))
		return (*detail = "A report between the first and the last needs three reports at three times.", 0);
	if (v->n == 1 && (v->first_at != v->last_at || v->first_total != v->last_total ||
					  v->y_ref != v->first_total || v->y_mean != 0))
		return (*detail = "A single report must be the first, the last and the reference.", 0);

	if (v->first_at == v->last_at)
	{
		/* every update and merge of reports at one instant is exact */
		if (v->first_total != v->last_total)
			return (*detail = "Reports at one instant must have one first and last total.", 0);
		if (v->t_mean != 0 || v->t_m2 != 0 || v->t_m3 != 0 || v->t_m4 != 0 ||
			v->ty_c != 0 || v->t2y_c != 0)
			return (*detail = "Reports at one instant cannot have a spread in time.", 0);
	}
	else
	{
		/* rounding may carry the mean a little past the extremes */
		lo = ((double) v->first_at - (double) v->t_ref) / 86400000000.0;
		hi = ((double) v->last_at - (double) v->t_ref) / 86400000000.0;
		slack = 1e-6 * (hi - lo);
		if (v->t_mean < lo - slack || v->t_mean > hi + slack)
			return (*detail = "The mean time lies outside the reported span.", 0);
	}
	return 1;
}

/* Check a cost_per_gain state as cum_validate does. */
static inline int
cost_gain_validate(const CostGainValue *v, const char **detail)
{
	if (v->version != CUM_VERSION)
		return (*detail = "The format version is unknown.", 0);
	if ((v->flags & ~GAIN_FLAGS_MASK) != 0)
		return (*detail = "Reserved flag bits are set.", 0);
	if (!cum_reserved_zero(v->reserved))
		return (*detail = "Reserved bytes are not zero.", 0);
	if (v->losses_n < 0 || v->gained_n < 0)
		return (*detail = "A count is negative.", 0);
	if (v->losses_n == 0 && v->gained_n == 0)
		return (*detail = "A state must count at least one value.", 0);
	if (!isfinite(v->losses_sum) || !isfinite(v->losses_err) ||
		!isfinite(v->gained_sum) || !isfinite(v->gained_err))
		return (*detail = "A field is not a finite number.", 0);
	if ((v->losses_n == 0 && (v->losses_sum != 0 || v->losses_err != 0)) ||
		(v->gained_n == 0 && (v->gained_sum != 0 || v->gained_err != 0)))
		return (*detail = "A sum of no values must be zero.", 0);
	return 1;
}

/* Check an elasticity state as cum_validate does. */
static inline int
elasticity_validate(const ElasticityValue *v, const char **detail)
{
	if (v->version != CUM_VERSION)
		return (*detail = "The format version is unknown.", 0);
	if ((v->flags & ~GAIN_FLAGS_MASK) != 0)
		return (*detail = "Reserved flag bits are set.", 0);
	if (!cum_reserved_zero(v->reserved))
		return (*detail = "Reserved bytes are not zero.", 0);
	if (v->n < 1)
		return (*detail = "The number of rows must be positive.", 0);
	if (!isfinite(v->x_mean) || !isfinite(v->y_mean) ||
		!isfinite(v->xx) || !isfinite(v->xy))
		return (*detail = "A field is not a finite number.", 0);
	if (v->xx < 0)
		return (*detail = "A sum of squares is negative.", 0);
	if (v->n == 1 && (v->xx != 0 || v->xy != 0))
		return (*detail = "A single row cannot have a spread.", 0);
	return 1;
}

/*
 * Parse the text forms.  Each fills *v (version set, reserved bytes zero)
 * and returns 1, or returns 0 with a detail sentence in errbuf (which may be
 * NULL).  They check the syntax only: callers then run the validation above.
 */
extern int	cum_parse(const char *str, CumulativeValue *v, char *errbuf, size_t errlen);
extern int	cost_gain_parse(const char *str, CostGainValue *v, char *errbuf, size_t errlen);
extern int	elasticity_parse(const char *str, ElasticityValue *v, char *errbuf, size_t errlen);

/*
 * Write the text forms (buf >= CUM_TEXT_BUFLEN); return the length.  Doubles
 * are written shortest-exact (est_format_double), so they read back bit for
 * bit; times as ISO 8601 in UTC with astronomical years.
 */
extern size_t cum_format(const CumulativeValue *v, char *buf);
extern size_t cost_gain_format(const CostGainValue *v, char *buf);
extern size_t elasticity_format(const ElasticityValue *v, char *buf);

/*
 * Write a time (microseconds since 2000, within the timestamptz range) as
 * ISO 8601 in UTC: "2024-10-09T00:00:00Z", fractional seconds only when
 * non-zero, year 0 for 1 BC and negative years before it.
 */
extern size_t cum_format_time(int64_t t, char *buf);

#endif							/* CUMULATIVE_PARSE_H */
