/*
 * series_codec.h
 *		The series value in plain C: its stored layout, validation, the text
 *		form, the binary (send/receive) form, and the arithmetic on reports
 *		that needs no server: lookup, interpolation, the clamp rebuild.
 *
 * Nothing here includes server headers, so the same code is linked into the
 * extension, the unit tests (under AddressSanitizer) and fuzz targets.
 *
 * Instants are microseconds since 2000-01-01 00:00:00 UTC, as PostgreSQL's
 * timestamptz; totals are finite doubles.
 */
#ifndef SERIES_CODEC_H
#define SERIES_CODEC_H

#include <stddef.h>
#include <stdint.h>

/* format version stored in every value; receive rejects any other */
#define SER_VERSION			1

/* no flag bits are defined yet; receive rejects any set bit */
#define SER_FLAGS_MASK		0x00

/* one report: 16 bytes, double aligned */
typedef struct SerReport
{
	int64_t		at;				/* microseconds since 2000-01-01 00:00 UTC */
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

/* valid instants, as PostgreSQL's timestamptz: MIN <= at < END */
#define SER_MIN_INSTANT		INT64_C(-211813488000000000)
#define SER_END_INSTANT		INT64_C(9223371331200000000)

/* microseconds in a day */
#define SER_USECS_PER_DAY	INT64_C(86400000000)

/*
 * Binary (wire) form, all integers big-endian:
 *	uint8 version, uint8 flags, uint32 count,
 *	then count times (int64 instant, float8 total as IEEE bits).
 */
#define SER_WIRE_HEADER_SIZE	6
#define SER_WIRE_REPORT_SIZE	16

/* outcome of parsing, decoding and validation */
typedef enum SerStatus
{
	SER_OK = 0,
	SER_ERR_SYNTAX,				/* malformed text or bytes */
	SER_ERR_INVALID,			/* well-formed, but not a valid series */
	SER_ERR_LIMIT				/* more reports than one value can hold */
} SerStatus;

/* length of a buffer that holds any one formatted report, "(ts,total)" */
#define SER_REPORT_TEXT_BUFLEN	96

/* length of an error detail buffer that is always enough */
#define SER_ERRBUF_LEN		160

/*
 * Check reports and header fields: a known version, no unknown flags, every
 * instant in range, instants strictly ascending, totals finite.  On failure
 * a detail sentence goes to errbuf (which may be NULL).
 */
extern SerStatus ser_validate(int version, int flags, const SerReport *r,
							  size_t n, char *errbuf, size_t errlen);

/* Turn -0 totals into +0, so equal series are equal byte for byte. */
extern void ser_normalize(SerReport *r, size_t n);

/*
 * Sort-free deduplication of reports already ordered by instant (ties in any
 * order): of reports at the same instant, the largest total is kept.
 * Returns the new count.
 */
extern size_t ser_dedup_sorted(SerReport *r, size_t n);

/* Is r ordered by instant (ties allowed)? */
extern int	ser_is_sorted(const SerReport *r, size_t n);

/* ---- text form ----------------------------------------------------------
 *
 * {(2024-01-01 00:00:00+00,100),(2024-02-01 12:30:00+00,250.5)}
 *
 * Output writes every instant in UTC as YYYY-MM-DD HH:MM:SS[.ffffff]+00 and
 * every total in the shortest form that reads back exactly.  Input also
 * takes a date alone (midnight UTC), a 'T' separator, no seconds, other
 * offsets (+HH, +HH:MM, +HHMM, Z); an instant without an offset is UTC.
 * Years are astronomical (0 is 1 BC, -1 is 2 BC), four digits at least.
 * White space is allowed around every token.  {} is the empty series.
 */

/*
 * An upper bound on the number of reports in a text form (for allocation),
 * never more than the text's length / 14 + 1.
 */
extern size_t ser_text_count_bound(const char *str);

/*
 * Parse text into r (room for cap reports); *n is the count.  Validation
 * (ser_validate) is part of it.  On failure a detail sentence goes to errbuf.
 */
extern SerStatus ser_text_parse(const char *str, SerReport *r, size_t cap,
								size_t *n, char *errbuf, size_t errlen);

/*
 * Called every 65536 reports while a text form is parsed (NULL: never).  The
 * server points it at a check for query cancel, which may longjmp out of the
 * parser: the parser holds no resources of its own.
 */
extern void (*ser_progress_hook) (void);

/*
 * Write one report as "(instant,total)"; buf >= SER_REPORT_TEXT_BUFLEN.
 * Returns the length.
 */
extern size_t ser_format_report(const SerReport *rep, char *buf);

/* Write an instant as YYYY-MM-DD HH:MM:SS[.ffffff]+00; returns the length. */
extern size_t ser_format_instant(int64_t at, char *buf);

/*
 * Parse one instant (the whole of str[0..len)).  Returns SER_OK or
 * SER_ERR_SYNTAX / SER_ERR_INVALID with a detail sentence.
 */
extern SerStatus ser_parse_instant(const char *str, size_t len, int64_t *at,
								   char *errbuf, size_t errlen);

/* ---- binary form ------------------------------------------------------- */

/* Size of the wire form of n reports. */
extern size_t ser_wire_size(size_t n);

/* Write the wire form; buf has ser_wire_size(n) bytes. */
extern void ser_wire_encode(int version, int flags, const SerReport *r,
							size_t n, uint8_t *buf);

/*
 * Read the wire header of a len-byte message: the version, flags and count,
 * checked against each other and against len.  SER_ERR_LIMIT when the count
 * exceeds SER_MAX_REPORTS.
 */
extern SerStatus ser_wire_decode_header(const uint8_t *buf, size_t len,
										int *version, int *flags, size_t *n,
										char *errbuf, size_t errlen);

/*
 * Read the n reports of a message whose header ser_wire_decode_header
 * accepted, then validate them.
 */
extern SerStatus ser_wire_decode(const uint8_t *buf, size_t len, SerReport *r,
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

#endif							/* SERIES_CODEC_H */
