/*
 * series_core.h
 *		The series value in plain C: its stored layout, validation, the text
 *		form, the binary (send/receive) form, the collector of the
 *		report_series aggregate, and the arithmetic on reports: lookup,
 *		interpolation, the clamp rebuild, the bucket search, bucket edges
 *		(of instants, with the zone's offsets passed in) and the figures of a
 *		bucket.
 *
 * The code is in series_core.c, and the collector's in series_collector.c.
 * Nothing here needs a server (the collector sorts with PostgreSQL's sort
 * template, a header alone), so the same code is linked into the
 * extension, the unit tests (under AddressSanitizer) and fuzz targets.
 * Every loop over reports calls cs_progress (common.h) every 65536 steps, so
 * that a query cancel ends it.
 *
 * Times are microseconds since 2000-01-01: instants (from midnight UTC), or
 * calendar times for a series built from dates (see common.h), as the
 * SER_CALENDAR flag says; totals are finite doubles.
 */
#ifndef SERIES_CORE_H
#define SERIES_CORE_H

#include <string.h>

#include "common.h"
#include "estimate_core.h"

/* format version of a series whose every report is exact */
#define SER_VERSION			1
/* format version of a series carrying its reports' estimates */
#define SER_VERSION_EST		2

/* flag bits; receive rejects any other */
#define SER_CALENDAR		0x01	/* built from dates (see common.h) */
#define SER_ESTIMATES		0x02	/* version 2: the estimate parts follow */
#define SER_FLAGS_MASK		0x01
#define SER_FLAGS_MASK_EST	0x03

/* one report: 16 bytes, double aligned */
typedef struct SerReport
{
	int64_t		at;				/* microseconds since 2000-01-01 */
	double		total;			/* cumulative total as of that instant */
} SerReport;

/*
 * Stored layout (the glue's varlena): a 4-byte length word, then
 *	uint8 version, uint8 flags, uint8 reserved[2], uint32 count,
 *	uint32 reserved, then count SerReport in native byte order.
 * The reports start at byte SER_HEADER_SIZE, a multiple of 8.
 */
#define SER_HEADER_SIZE		16

/* largest value PostgreSQL can hold in one varlena (MaxAllocSize) */
#define SER_MAX_VARLENA		((size_t) 0x3fffffff)

/* most reports one series can hold */
#define SER_MAX_REPORTS		((SER_MAX_VARLENA - SER_HEADER_SIZE) / sizeof(SerReport))

/*
 * Binary (wire) form, all integers big-endian:
 *	uint8 version, uint8 flags, uint32 count,
 *	then count times (int64 instant, float8 total as IEEE bits).
 */
#define SER_WIRE_HEADER_SIZE	6
#define SER_WIRE_REPORT_SIZE	CS_WIRE_ROW_SIZE

/* length of a buffer that holds any one formatted report, "(ts,total)" */
#define SER_REPORT_TEXT_BUFLEN	96

/* length of an error detail buffer that is always enough */
#define SER_ERRBUF_LEN		CS_ERRBUF_LEN

/*
 * Check reports and header fields: a known version, no unknown flags, every
 * instant in range, instants strictly ascending, totals finite.  On failure
 * a detail sentence goes to errbuf (which may be NULL).
 */
extern CsStatus ser_check(int version, int flags, const SerReport *r,
						  size_t n, char *errbuf, size_t errlen);

/*
 * Sort-free deduplication of reports already ordered by instant (ties in any
 * order): of reports at the same instant, the largest total is kept.
 * Returns the new count.
 */
extern size_t ser_dedup_sorted(SerReport *r, size_t n);

/* Is r ordered by instant (ties allowed)? */
extern int	ser_is_sorted(const SerReport *r, size_t n);

/* ---- the collector of report_series -------------------------------------
 *
 * The in-memory state of the report_series aggregate: reports gathered one
 * at a time in any order (ser_collector_add), or a sorted run at a time
 * (ser_collector_append_run, ser_collector_merge), and given back in time
 * order, deduplicated, as a series holds them (ser_collector_flatten).
 *
 * Reports are kept in the order they came, in a list of chunks whose size
 * doubles up to SER_CHUNK_MAX_BYTES, so that growing never copies what is
 * held and the slack stays under one chunk.  The chunks form a few runs,
 * each in non-decreasing time order: rows that come in time order (the
 * usual case) make one run, and each sorted run merged in starts another
 * where it goes back in time.  Flattening then merges the runs rather than
 * sorting; only when there would be more than SER_COLLECTOR_MAX_RUNS runs
 * (rows in no particular order) does it sort.
 *
 * The items are SerReport.  The collector orders them by `at' alone and
 * moves them whole; which of the reports at one instant stays is
 * ser_dedup_sorted's rule alone.  Memory comes from the allocator given to
 * ser_collector_init; loops over reports call cs_progress every 65536.
 */

/* one chunk of a collector; its items follow it, or are borrowed */
typedef struct SerChunk
{
	struct SerChunk *next;
	SerReport  *items;
	size_t		used;
	size_t		cap;
	bool		run_start;		/* the first chunk of a run */
} SerChunk;

typedef struct SerCollector
{
	CsAllocator mem;			/* where the chunks live */
	size_t		n;				/* reports held, duplicates included */
	int			nruns;			/* sorted runs, or 0 when unsorted */
	int			flags;			/* of the series it makes: SER_CALENDAR */
	int64_t		last_at;		/* instant of the last report held */
	SerChunk   *head;
	SerChunk   *tail;
} SerCollector;

/* most runs flattening merges; beyond, it sorts */
#define SER_COLLECTOR_MAX_RUNS	16

/*
 * Chunk sizes in bytes, header included: the first chunk of a run, and the
 * most that doubling reaches.
 */
#define SER_CHUNK_FIRST_BYTES	128
#define SER_CHUNK_MAX_BYTES		(1024 * 1024)

/* Make c an empty collector of a series with the given flags. */
extern void ser_collector_init(SerCollector *c, const CsAllocator *mem, int flags);

/* Free the chunks of a collector (not borrowed items, nor c itself). */
extern void ser_collector_free(SerCollector *c);

/*
 * Link a chunk for reports added one at a time at the end of a collector:
 * the first of a run is small, a later one doubles the last chunk (up to
 * SER_CHUNK_MAX_BYTES), so that a run of n rows takes O(log n) chunks.
 * A run appended or merged in gets a chunk of its own size.
 */
extern SerChunk *ser_collector_grow(SerCollector *c, bool run_start);

/*
 * Note that reports about to be appended start earlier than the last one
 * held: start a new run if runs are still worth keeping, else give up on
 * runs (the collector is then unsorted).  Returns whether the next chunk
 * must start a run.
 */
static inline bool
ser_collector_break_run(SerCollector *c)
{
	if (c->nruns > 0 && c->nruns < SER_COLLECTOR_MAX_RUNS)
	{
		c->nruns++;
		return true;
	}
	c->nruns = 0;
	return false;
}

/*
 * Add one report (a -0 total becomes +0).  CS_ERR_LIMIT when a new chunk
 * would take the count past SER_MAX_REPORTS; the collector is then to be
 * dropped (the aggregate ends with the error).
 */
static inline CsStatus
ser_collector_add(SerCollector *c, const SerReport *r)
{
	SerChunk   *k = c->tail;
	SerReport  *item;

	if (cs_unlikely(c->n == 0))
		c->nruns = 1;
	else if (cs_unlikely(r->at < c->last_at) && ser_collector_break_run(c))
		k = NULL;				/* a new run starts in a new chunk */
	if (k == NULL || k->used == k->cap)
	{
		if (c->n + 1 > SER_MAX_REPORTS)
			return CS_ERR_LIMIT;
		k = ser_collector_grow(c, k == NULL);
	}
	item = &k->items[k->used++];
	*item = *r;
	item->total = r->total == 0.0 ? 0.0 : r->total;
	c->last_at = r->at;
	c->n++;
	return CS_OK;
}

/*
 * Append n reports in non-decreasing time order, totals as
 * ser_collector_add leaves them: a run of its own when it goes back in
 * time, else the continuation of the last run.  The reports are copied, or with borrow kept where they are (the caller keeps them
 * alive and unchanged while the collector lives).  CS_ERR_LIMIT beyond
 * SER_MAX_REPORTS.
 */
extern CsStatus ser_collector_append_run(SerCollector *c, const SerReport *r,
										 size_t n, bool borrow);

/*
 * Copy b's reports into a, each of b's chunks continuing a's last run or
 * starting a new one (b may live in a shorter-lived place).  CS_ERR_MIXED
 * for collectors of different flags, CS_ERR_LIMIT beyond SER_MAX_REPORTS;
 * a is unchanged then.
 */
extern CsStatus ser_collector_merge(SerCollector *a, const SerCollector *b);

/*
 * Write the reports in time order, of those at one instant the one
 * ser_dedup_sorted keeps, into out (room for ser_collector_count(c)
 * reports); returns how many.  The collector is unchanged.
 */
extern size_t ser_collector_flatten(const SerCollector *c, SerReport *out);

/* Give the number of reports a collector holds, duplicates included. */
static inline size_t
ser_collector_count(const SerCollector *c)
{
	return c->n;
}

/* A position in a collector's reports, in the order held. */
typedef struct SerCollectorIter
{
	const SerChunk *chunk;
	size_t		pos;
} SerCollectorIter;

/* Start iterating over the reports of a collector in the order held. */
static inline void
ser_collector_iter_init(const SerCollector *c, SerCollectorIter *it)
{
	it->chunk = c->head;
	it->pos = 0;
}

/* Give the next report held, or NULL after the last. */
static inline const SerReport *
ser_collector_next(SerCollectorIter *it)
{
	while (it->chunk != NULL && it->pos >= it->chunk->used)
	{
		it->chunk = it->chunk->next;
		it->pos = 0;
	}
	return it->chunk != NULL ? &it->chunk->items[it->pos++] : NULL;
}

/*
 * Check a collector's invariants: the count, the chunks, the last instant,
 * and each run in time order.  CS_OK, or CS_ERR_INVALID with *detail saying
 * what is wrong (for the tests and fuzz targets; it walks every report).
 */
extern CsStatus ser_collector_check(const SerCollector *c, const char **detail);

/*
 * Copy n reports between buffers of any alignment, calling cs_progress
 * every 65536 reports.
 */
extern void ser_copy_reports(void *dst, const void *src, size_t n);

/* ---- text form ----------------------------------------------------------
 *
 *	instants	{(2024-01-01T00:00:00Z,100),(2024-02-01T12:30:00Z,250.5)}
 *	calendar	{(2024-01-01,100),(2024-02-01,250.5)}
 *
 * Times are written in the one time form of common.h, totals in the shortest
 * form that reads back exactly.  Input takes what the time form takes (any
 * offset makes an instant, converted to UTC; no offset a calendar time); the
 * times of one series are of one kind.  White space is allowed around every
 * token.  {} is the empty series.
 */

/*
 * Parse text into r (room for cap reports, cs_rows_count_bound(str) will
 * do); *n is the count and *calendar the kind of its times.  Validation
 * (ser_check) is part of it.  On failure a detail sentence goes to errbuf.
 * Calls cs_progress every 65536 reports.
 */
extern CsStatus ser_text_parse(const char *str, SerReport *r, size_t cap,
							   size_t *n, bool *calendar, char *errbuf, size_t errlen);

/*
 * Write one report as "(time,total)"; buf >= SER_REPORT_TEXT_BUFLEN.
 * Returns the length.
 */
extern size_t ser_format_report(const SerReport *rep, bool calendar, char *buf);

/* ---- binary form ------------------------------------------------------- */

/* Size of the wire form of n reports. */
extern size_t ser_wire_size(size_t n);

/* Write the wire form; buf has ser_wire_size(n) bytes. */
extern void ser_wire_encode(int version, int flags, const SerReport *r,
							size_t n, uint8_t *buf);

/*
 * Read the wire header of a len-byte message: the version, flags and count,
 * checked against each other and against len.  A count the bytes do not hold
 * is CS_ERR_SYNTAX; CS_ERR_LIMIT only when they do hold more than
 * SER_MAX_REPORTS reports.
 */
extern CsStatus ser_wire_decode_header(const uint8_t *buf, size_t len,
										int *version, int *flags, size_t *n,
										char *errbuf, size_t errlen);

/*
 * Read the n reports of a message whose header ser_wire_decode_header
 * accepted, then check them.
 */
extern CsStatus ser_wire_decode(const uint8_t *buf, size_t len, SerReport *r,
								 size_t n, char *errbuf, size_t errlen);

/* ---- arithmetic -------------------------------------------------------- */

/* Index of the first report at or after t (n when there is none). */
extern size_t ser_lower_bound(const SerReport *r, size_t n, int64_t t);

/*
 * The total at t by linear interpolation between the reports around it;
 * t must lie within [r[0].at, r[n-1].at].  *exact says t is a report's own
 * instant.
 */
extern double ser_value_at(const SerReport *r, size_t n, int64_t t, int *exact);

/* How many reports are lower than the one before. */
extern size_t ser_num_decreases(const SerReport *r, size_t n);

/*
 * The clamp rebuild into out (may alias r): t'0 = t0,
 * t'i = t'(i-1) + max(0, ti - t(i-1)).
 */
extern void ser_clamp(const SerReport *r, SerReport *out, size_t n);

/* ---- buckets ------------------------------------------------------------ */

/*
 * The edge k of a bucketing, origin + k * bucket, computed by the caller
 * (instants need a time zone, which only the server has): CS_OK, or
 * CS_ERR_TIME_RANGE when the edge leaves the range of timestamptz.
 */
typedef CsStatus (*SerEdgeFn) (void *arg, int64_t k, int64_t *edge);

/* A bucket of calendar times: origin + k * (months, days, usecs). */
typedef struct SerCalendarBucket
{
	int64_t		origin;
	int32_t		months;
	int32_t		days;
	int64_t		usecs;
} SerCalendarBucket;

/* The SerEdgeFn of calendar buckets (arg: a SerCalendarBucket). */
extern CsStatus ser_calendar_edge(void *arg, int64_t k, int64_t *edge);

/*
 * A bucket of instants in a time zone: origin + k * (months, days, usecs),
 * added as timestamptz + interval adds in that zone (cs_zone_add).
 */
typedef struct SerZoneBucket
{
	int64_t		origin;
	int32_t		months;
	int32_t		days;
	int64_t		usecs;
	CsZone		zone;
} SerZoneBucket;

/* The SerEdgeFn of buckets of instants (arg: a SerZoneBucket). */
extern CsStatus ser_zone_edge(void *arg, int64_t k, int64_t *edge);

/*
 * Find k with edge(k) <= t < edge(k + 1).  A first guess from the bucket's
 * nominal length, refined by the length the edges really have, usually
 * lands on it; from there a doubling step brackets t and halving finds k,
 * so even a guess far off costs a few dozen edges.  CS_ERR_INVALID when the
 * edges are seen not to advance (a bucket like '1 month -31 days'),
 * CS_ERR_TIME_RANGE when edge(k) or edge(k + 1) leaves the range.
 */
extern CsStatus ser_first_bucket(SerEdgeFn edge, void *arg, int64_t origin,
								 int64_t t, double nominal_us, int64_t *k);

/* The figures of one bucket [edge, next) of a series. */
typedef struct SerPeriod
{
	double		losses;			/* total at the (clipped) end - at the start */
	double		per_day;		/* losses per day of the overlap */
	int32_t		reports;		/* reports in [edge, next) */
	bool		interpolated;	/* an edge total was not a report's own */
	size_t		idx_next;		/* the first report at or after next */
} SerPeriod;

/*
 * Compute the figures of the bucket [edge, next) of n >= 2 reports, which
 * must overlap the reported span; idx is the first report at or after edge.
 * CS_ERR_INVALID when next <= edge, CS_ERR_RANGE when a figure overflows.
 */
extern CsStatus ser_period(const SerReport *r, size_t n, size_t idx,
						   int64_t edge, int64_t next, SerPeriod *out);

/*
 * The figures of one bucket as estimates (series_est.c): partial says the
 * bucket is not wholly inside the reported span.
 */
typedef struct SerFigure
{
	EstimateValue figure;		/* end edge estimate - start edge estimate */
	bool		partial;		/* edge < first report or next > last */
} SerFigure;

/* ---- estimates in a series: series_est.c ---------------------------------
 *
 * A series of version 2 (SER_ESTIMATES) carries each report's estimate: the
 * reports (SerReport, total = the estimate's best value) are followed by a
 * parallel array of their other parts, so that every lookup on the time and
 * the best value works on both versions alike.  A series whose every report
 * is exact is always version 1.
 */

/* the parts of a report's estimate besides its best value: 24 bytes */
typedef struct SerEstPart
{
	double		low;			/* 0 when unbounded, as the estimate stores */
	double		high;
	uint8_t		flags;			/* EST_* bits */
	uint8_t		reserved[7];	/* zero */
} SerEstPart;

/* one report with its estimate, as the estimate collector holds it */
typedef struct SerEstItem
{
	int64_t		at;
	EstimateValue v;
} SerEstItem;

/* the wire form of one report of version 2: int64 at + the estimate's 26 bytes */
#define SER_WIRE_EST_REPORT_SIZE	34

/* length of a buffer that holds any one formatted report of version 2 */
#define SER_EST_REPORT_TEXT_BUFLEN	(SER_REPORT_TEXT_BUFLEN + EST_TEXT_BUFLEN + 4)

/* Build the estimate of report i from its best value and parts. */
static inline void
ser_est_get(const SerReport *r, const SerEstPart *p, EstimateValue *v)
{
	memset(v, 0, sizeof(EstimateValue));
	v->version = EST_VERSION;
	v->flags = p->flags;
	v->best = r->total;
	v->low = p->low;
	v->high = p->high;
}

/* Split an estimate into a report's best value and parts. */
static inline void
ser_est_put(const EstimateValue *v, SerReport *r, SerEstPart *p)
{
	r->total = v->best;
	memset(p, 0, sizeof(SerEstPart));
	p->low = v->low;
	p->high = v->high;
	p->flags = v->flags;
}

/* Say whether an estimate is an exact point (a report of version 1). */
static inline bool
ser_est_is_exact(const EstimateValue *v)
{
	return est_shape(v) == EST_SHAPE_EXACT;
}

/* Give the exact point x as an estimate. */
extern void ser_est_exact(double x, EstimateValue *v);

/* Say whether an estimate is approximate ("about", or the soft mark). */
extern bool ser_est_is_approx(const EstimateValue *v);

/*
 * Mark an estimate approximate, whatever its shape: a point becomes "about"
 * its value (~B), any other shape takes the soft mark.
 */
extern void est_mark_approx(EstimateValue *v);

/*
 * Check version-2 reports and their parts: ser_check's rules on the times
 * and best values, and each report's estimate as est_check checks it.
 */
extern CsStatus ser_check_est(int flags, const SerReport *r, const SerEstPart *p,
							  size_t n, char *errbuf, size_t errlen);

/* Say whether every report of a version-2 layout is exact. */
extern bool ser_parts_all_exact(const SerReport *r, const SerEstPart *p, size_t n);

/*
 * Sort items by time, then est_compare, and keep of those at one instant
 * the largest; returns the new count.
 */
extern size_t ser_est_sort_dedup(SerEstItem *items, size_t n);

/*
 * The collector of report_series over estimates: items in chunks, in the
 * order they came, sorted and deduplicated when flattened.
 */
typedef struct SerEstChunk
{
	struct SerEstChunk *next;
	size_t		used;
	size_t		cap;
	SerEstItem	items[];
} SerEstChunk;

typedef struct SerEstCollector
{
	CsAllocator mem;
	size_t		n;
	int			flags;			/* SER_CALENDAR */
	SerEstChunk *head;
	SerEstChunk *tail;
} SerEstCollector;

/* Make an empty estimate collector. */
extern void ser_est_collector_init(SerEstCollector *c, const CsAllocator *mem, int flags);

/* Free its chunks. */
extern void ser_est_collector_free(SerEstCollector *c);

/* Add one report (the estimate already valid); CS_ERR_LIMIT beyond SER_MAX_REPORTS. */
extern CsStatus ser_est_collector_add(SerEstCollector *c, int64_t at, const EstimateValue *v);

/* Copy b's reports into a; CS_ERR_MIXED for different kinds of time. */
extern CsStatus ser_est_collector_merge(SerEstCollector *a, const SerEstCollector *b);

/*
 * Add every float8 report of c as an exact point (a state of float8 reports
 * turning into one of estimates); CS_ERR_MIXED for different kinds of time.
 */
extern CsStatus ser_est_collector_add_exact(SerEstCollector *e, const SerCollector *c);

/*
 * Add n reports of a series, with their estimate parts p (NULL: every
 * report exact, a series of version 1).
 */
extern CsStatus ser_est_collector_add_reports(SerEstCollector *e, const SerReport *r,
											  const SerEstPart *p, size_t n);

/* Write the reports sorted and deduplicated into out (room for c->n); returns how many. */
extern size_t ser_est_collector_flatten(const SerEstCollector *c, SerEstItem *out);

/*
 * Write one report of version 2 as "(time,estimate)", the estimate's
 * canonical text double-quoted when it holds a space, comma or bracket;
 * buf >= SER_EST_REPORT_TEXT_BUFLEN.  Returns the length.
 */
extern size_t ser_format_report_est(const SerReport *rep, const SerEstPart *part,
									bool calendar, char *buf);

/*
 * Parse the text form of a series whose values are estimates (bare or
 * double-quoted) into items (room for cap); *n and *calendar as
 * ser_text_parse gives them.  The items are checked (ascending times).
 */
extern CsStatus ser_text_parse_est(const char *str, SerEstItem *items, size_t cap,
								   size_t *n, bool *calendar, char *errbuf, size_t errlen);

/* Size of the wire form of n reports of version 2. */
extern size_t ser_wire_size_est(size_t n);

/* Write the wire form of version 2. */
extern void ser_wire_encode_est(int flags, const SerReport *r, const SerEstPart *p,
								size_t n, uint8_t *buf);

/*
 * Read a wire message of version 2 (header included, buf[0] == 2) into
 * items (room for ser_wire_count_est); checks everything.
 */
extern CsStatus ser_wire_decode_est(const uint8_t *buf, size_t len, SerEstItem *items,
									size_t *n, int *flags, char *errbuf, size_t errlen);

/* The count a version-2 message claims, or CS_ERR_SYNTAX/LIMIT when its bytes disagree. */
extern CsStatus ser_wire_count_est(const uint8_t *buf, size_t len, size_t *n,
								   char *errbuf, size_t errlen);

/*
 * The estimate of the total at t (within the span): a report's own at its
 * instant; else best as ser_value_at gives it, and the bounds interpolated
 * (a side unknown when either report's is, exclusive when either is),
 * marked approximate.  p may be NULL (every report exact).
 */
extern void ser_edge_estimate(const SerReport *r, const SerEstPart *p, size_t n,
							  int64_t t, EstimateValue *out);

/*
 * The parts of the clamp rebuild: each report's estimate shifted by the
 * amount ser_clamp shifted its best value (out holds the clamped reports).
 */
extern void ser_clamp_parts(const SerReport *r, const SerReport *clamped,
							const SerEstPart *p, SerEstPart *out, size_t n);

/*
 * The figure of the bucket [edge, next) (see ser_period): the end edge
 * estimate minus the start edge estimate, approximate when a report used
 * was or an edge was interpolated; and whether the bucket is partial.
 * CS_ERR_RANGE when a part overflows.
 */
extern CsStatus ser_period_figure(const SerReport *r, const SerEstPart *p, size_t n,
								  int64_t edge, int64_t next, SerFigure *out);

#endif							/* SERIES_CORE_H */
