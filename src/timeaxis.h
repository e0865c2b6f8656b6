/*
 * timeaxis.h
 *		The time axis in one place: date and timestamptz arguments to one
 *		instant, and a `per interval' argument to seconds.
 *
 * A date is midnight UTC of that day (SPEC, time axis).  A `per' interval
 * converts as extract(epoch from per) does: a month is 30 days, a year
 * 365.25 days.  Glue-level header: include after postgres.h.
 */
#ifndef TIMEAXIS_H
#define TIMEAXIS_H

#include "datatype/timestamp.h"
#include "utils/date.h"
#include "utils/timestamp.h"

/* seconds in a day, as a double */
#define TIMEAXIS_SECS_PER_DAY	86400.0

/* Turn a date into the timestamptz of midnight UTC that day; infinite is an error. */
static inline TimestampTz
timeaxis_date_to_ts(DateADT d)
{
	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range for conflict_stats"),
				 errdetail("Infinite dates cannot be placed on the time axis.")));
	/* dates reach further than timestamps: keep the product in range */
	if (d < (DATETIME_MIN_JULIAN - POSTGRES_EPOCH_JDATE) ||
		d >= (TIMESTAMP_END_JULIAN - POSTGRES_EPOCH_JDATE))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range for conflict_stats"),
				 errdetail("The date lies outside the range of timestamp with time zone.")));
	return (TimestampTz) d * USECS_PER_DAY;
}

/* Reject an infinite timestamptz. */
static inline TimestampTz
timeaxis_check_ts(TimestampTz t)
{
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range for conflict_stats"),
				 errdetail("Infinite timestamps cannot be placed on the time axis.")));
	return t;
}

/* Give the length of a `per' interval in seconds, as extract(epoch from per). */
static inline double
timeaxis_interval_secs(const Interval *per)
{
	return (double) per->time / 1000000.0
		+ ((double) DAYS_PER_YEAR * SECS_PER_DAY) * (per->month / MONTHS_PER_YEAR)
		+ ((double) DAYS_PER_MONTH * SECS_PER_DAY) * (per->month % MONTHS_PER_YEAR)
		+ ((double) SECS_PER_DAY) * per->day;
}

/* Give a positive `per' interval in days; zero or negative is 22023. */
static inline double
timeaxis_per_days(const Interval *per)
{
	double		secs = timeaxis_interval_secs(per);

	if (!(secs > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("interval must be positive"),
				 errdetail("A rate is expressed per a positive length of time.")));
	return secs / TIMEAXIS_SECS_PER_DAY;
}

/* Give a timestamptz as days since 2000-01-01 00:00 UTC. */
static inline double
timeaxis_ts_days(TimestampTz t)
{
	return (double) t / (double) USECS_PER_DAY;
}

#endif							/* TIMEAXIS_H */
