/*
 * series.h
 *		What the glue files of the series type share: the stored varlena,
 *		its allocation and header check, and building a series from reports
 *		with their estimates.
 *
 * Server-side: include after postgres.h, and only from the series glue
 * (series.c, report_series.c, losses_by_period.c).
 */
#ifndef CS_SERIES_H
#define CS_SERIES_H

#include "glue.h"
#include "series_core.h"

/*
 * The varlena as stored; the reports start at SER_HEADER_SIZE.  A series of
 * version 2 holds after its count reports the count SerEstPart of their
 * estimates.
 */
typedef struct Series
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;
	uint8		flags;
	uint8		reserved[2];
	uint32		count;
	uint32		reserved2;
	SerReport	reports[FLEXIBLE_ARRAY_MEMBER];
} Series;

StaticAssertDecl(sizeof(SerEstPart) == 24, "series estimate part size");

#define DatumGetSeriesP(X)		((Series *) PG_DETOAST_DATUM(X))
#define PG_GETARG_SERIES_P(n)	DatumGetSeriesP(PG_GETARG_DATUM(n))

/* Give the bytes of a series of n reports, with estimates or not. */
static inline Size
series_size(size_t n, bool est)
{
	return SER_HEADER_SIZE + n * (sizeof(SerReport) + (est ? sizeof(SerEstPart) : 0));
}

/* Say whether a series carries its reports' estimates (version 2). */
static inline bool
series_has_est(const Series *s)
{
	return s->version == SER_VERSION_EST;
}

/* Give the estimate parts of a series of version 2, NULL for version 1. */
static inline SerEstPart *
series_parts(const Series *s)
{
	return series_has_est(s) ? (SerEstPart *) (s->reports + s->count) : NULL;
}

/* Say whether a series holds calendar times (see glue.h). */
static inline bool
is_calendar(const Series *s)
{
	return (s->flags & SER_CALENDAR) != 0;
}

/* Raise the error of a series too large. */
static inline void
series_too_large(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("series too large"),
			 errdetail("A series holds at most %lu reports (1 GB).",
					   (unsigned long) SER_MAX_REPORTS)));
}

/* Allocate a series of n reports (header filled in) in the current context. */
static inline Series *
series_alloc(size_t n, bool est)
{
	Series	   *s;
	Size		size;

	if (n > SER_MAX_REPORTS || series_size(n, est) > SER_MAX_VARLENA)
		series_too_large();
	size = series_size(n, est);
	s = (Series *) palloc(size);
	SET_VARSIZE(s, size);
	s->version = est ? SER_VERSION_EST : SER_VERSION;
	s->flags = est ? SER_ESTIMATES : 0;
	s->reserved[0] = s->reserved[1] = 0;
	s->count = (uint32) n;
	s->reserved2 = 0;
	return s;
}

/* Set the count of a series of version 1 whose reports were deduplicated in place. */
static inline void
series_set_count(Series *s, size_t n)
{
	s->count = (uint32) n;
	SET_VARSIZE(s, SER_HEADER_SIZE + n * sizeof(SerReport));
}

/* Check the stored header of a series before reading it (can't-happen). */
static inline void
series_check(const Series *s)
{
	bool		ok;

	if (s->version == SER_VERSION)
		ok = (s->flags & ~SER_FLAGS_MASK) == 0 && VARSIZE(s) == series_size(s->count, false);
	else
		ok = s->version == SER_VERSION_EST && (s->flags & ~SER_FLAGS_MASK_EST) == 0 &&
			(s->flags & SER_ESTIMATES) != 0 && VARSIZE(s) == series_size(s->count, true);
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupt conflict_stats.series value"),
				 errdetail("Its header says version %d, %u reports, in %u bytes.",
						   s->version, s->count, (unsigned) VARSIZE(s))));
}

/*
 * Build a series from reports with their estimates, in time order, one per
 * time: version 1 when every one is exact, else version 2.
 */
static inline Series *
series_from_items(const SerEstItem *items, size_t n, bool calendar)
{
	bool		exact = true;
	Series	   *s;
	SerEstPart *p;
	size_t		i;

	for (i = 0; i < n && exact; i++)
		exact = ser_est_is_exact(&items[i].v);
	s = series_alloc(n, !exact);
	p = series_parts(s);
	for (i = 0; i < n; i++)
	{
		s->reports[i].at = items[i].at;
		if (exact)
			s->reports[i].total = items[i].v.best;
		else
			ser_est_put(&items[i].v, &s->reports[i], &p[i]);
		if ((i & 0xffff) == 0xffff)
			CHECK_FOR_INTERRUPTS();
	}
	if (calendar)
		s->flags |= SER_CALENDAR;
	return s;
}

#endif							/* CS_SERIES_H */
