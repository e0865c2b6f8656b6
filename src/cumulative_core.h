/*
 * cumulative_core.h
 *		The summary of running totals (cumulative) in plain C: its stored
 *		layout, its descriptor (validation, text and wire forms), the
 *		running fits (update and merge) and the figures read from them.
 *
 * Nothing here includes server headers, so the same code is linked into the
 * extension, unit tests and fuzz targets.  The update is static inline: it
 * runs once per row.
 *
 * Times are microseconds since 2000-01-01 (instants, or calendar times for a
 * summary built from dates; see common.h); for the fit they are days after a
 * reference time (a report's time), as doubles.
 */
#ifndef CUMULATIVE_CORE_H
#define CUMULATIVE_CORE_H

#include <math.h>

#include "common.h"

/* format version stored in every value; receive rejects any other */
#define CUM_VERSION			1

/* flag bits of CumulativeValue */
#define CUM_INTERIOR		0x01	/* a report lies strictly between first and last */
#define CUM_CALENDAR		0x02	/* built from dates (see common.h) */
#define CUM_FLAGS_MASK		0x03

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
	uint8_t		version;		/* CUM_VERSION */
	uint8_t		flags;			/* CUM_INTERIOR, CUM_CALENDAR */
	uint8_t		reserved[6];	/* zero */
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
} CumulativeValue;

/*
 * The descriptor of the type (see common.h), whose tables in
 * cumulative_core.c give the fields of the text and wire forms in order.
 * In the text, every time is of the summary's kind, interior is 0 or 1,
 * t_mean counts days after t_ref and y_mean is after y_ref.
 */
extern const CsTypeDesc cum_desc;

/*
 * Check a cumulative value (a CumulativeValue): version, flags, reserved
 * bytes, finite fields, and fields consistent with each other.  CS_OK, or
 * CS_ERR_INVALID with *detail a sentence saying what is wrong.  Text input
 * and binary receive both run it.
 */
extern CsStatus cum_check(const void *value, const char **detail);

/* Parse and check the text form into *v (cs_text_parse of cum_desc). */
extern CsStatus cum_parse(const char *str, CumulativeValue *v, char *errbuf, size_t errlen);

/* Write the text form, which reads back bit for bit; returns the length. */
extern size_t cum_format(const CumulativeValue *v, char *buf);

/* Make s the summary of the one report (y, at); calendar gives its kind. */
extern void cum_init(CumulativeValue *s, double y, int64_t at, bool calendar);

/*
 * Give days from ref to at: the microseconds exactly (below 2^53, 285
 * years), times the reciprocal of a day, which is cheaper per row than a
 * division and as precise to an ulp.
 */
static inline double
cum_days_after(int64_t at, int64_t ref)
{
	return cs_usecs_between(at, ref) * (1.0 / (double) CS_USECS_PER_DAY);
}

/* Say whether the sums a summary keeps are still finite. */
static inline bool
cum_sums_finite(const CumulativeValue *s)
{
	return isfinite(s->ty_c) && isfinite(s->t2y_c) && isfinite(s->y_mean);
}

/*
 * Add the report (y, at) to s, a summary of at least one report of the same
 * kind (the caller checks the kind).  y is finite.  CS_ERR_RANGE when the
 * sums overflow.
 *
 * The moment updates are the one-point case of the merge (Welford's and
 * Pebay's online formulas, extended to the co-moments with y); all use the
 * old values, so the order of the statements matters.  One division per
 * row.
 */
static inline CsStatus
cum_add(CumulativeValue *s, double y, int64_t at)
{
	double		t = cum_days_after(at, s->t_ref);
	double		n1 = (double) s->n;
	double		n = n1 + 1.0;
	double		inv = 1.0 / n;
	double		dt = t - s->t_mean;
	double		dy = (y - s->y_ref) - s->y_mean;
	double		a = dt * inv;	/* how far the mean of t moves */
	double		ay = dy * inv;	/* how far the mean of y moves */
	double		a2 = a * a;
	double		term1 = dt * a * n1;	/* the new point's share of u^2 */
	double		m2 = s->t_m2;
	double		m3 = s->t_m3;

	/* a report strictly inside the span, or an old extreme becoming interior */
	if (!(s->flags & CUM_INTERIOR) &&
		((at > s->first_at && at < s->last_at) ||
		 (s->first_at < s->last_at && (at < s->first_at || at > s->last_at))))
		s->flags |= CUM_INTERIOR;

	if (at < s->first_at || (at == s->first_at && y > s->first_total))
	{
		s->first_at = at;
		s->first_total = y;
	}
	if (at > s->last_at || (at == s->last_at && y > s->last_total))
	{
		s->last_at = at;
		s->last_total = y;
	}

	s->t2y_c += dt * a * dy * n1 * (n1 - 1.0) * inv - ay * m2 - 2.0 * a * s->ty_c;
	s->ty_c += a * dy * n1;
	s->t_m4 += term1 * a2 * (n * n - 3.0 * n + 3.0) + 6.0 * a2 * m2 - 4.0 * a * m3;
	s->t_m3 += term1 * a * (n - 2.0) - 3.0 * a * m2;
	s->t_m2 += term1;
	s->t_mean += a;
	s->y_mean += ay;
	s->n++;
	return cum_sums_finite(s) ? CS_OK : CS_ERR_RANGE;
}

/*
 * Merge b into a: CS_ERR_MIXED for a calendar and an instant summary,
 * CS_ERR_RANGE when the sums overflow.
 */
extern CsStatus cum_merge(CumulativeValue *a, const CumulativeValue *b);

/*
 * The figures.  CS_OK and *out; CS_NONE when the figure does not exist for
 * the data (one instant, fewer than three distinct times for the
 * acceleration); CS_ERR_RANGE when it overflows.  per_us is a positive
 * length of time in microseconds.
 */
extern CsStatus cum_delta(const CumulativeValue *v, double *out);
extern CsStatus cum_rate(const CumulativeValue *v, double per_us, double *out);
extern CsStatus cum_fitted_rate(const CumulativeValue *v, double per_us, double *out);
extern CsStatus cum_acceleration(const CumulativeValue *v, double per_us, double *out);

/*
 * When the rate from the first report to the last carries last_total to
 * target: CS_NONE when target is not above last_total or the rate is not
 * positive; CS_ERR_TIME_RANGE past the range of timestamptz.
 */
extern CsStatus cum_time_to_reach(const CumulativeValue *v, double target, int64_t *at);

#endif							/* CUMULATIVE_CORE_H */
