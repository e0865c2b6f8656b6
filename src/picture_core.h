/*
 * picture_core.h
 *		Pictures in psql, in plain C: the sparkline's characters, scaling and
 *		equal-time bins, the bar of eighth blocks, and the sparkline
 *		aggregate's state (its stored layout, validation, text and binary
 *		forms).
 *
 * Nothing here includes server headers, so the same code is linked into the
 * extension, the unit tests (under AddressSanitizer) and fuzz targets.
 * Every loop over values or rows calls cs_progress (common.h) every 65536
 * steps, so that a query cancel ends it.
 *
 * Every picture is UTF-8: the block characters take three bytes each, a
 * space (a NULL value, an empty bin) one.
 *
 * Rules, decided here and documented in the README:
 *	- a sparkline has one character per value, from the eight levels
 *	  ▁▂▃▄▅▆▇█: the range between the smallest and the largest value is cut
 *	  into eight equal bands, the smallest value is ▁ and the largest █;
 *	  when every value is equal, every character is ▄;
 *	- a NULL value is a space;
 *	- the aggregate puts its rows in order of (time, value), NULL values last
 *	  among rows at the same time, whatever the input order, so that the
 *	  picture is the same for every plan;
 *	- with a width, the rows go into n equal-time bins between the first and
 *	  the last time, n the smaller of the width and the number of distinct
 *	  times; bin k holds the times t with floor((t - first) * n / span) = k
 *	  (the last time in the last bin); a bin shows the mean of its non-NULL
 *	  values, and a bin without any (empty, or NULL values only) is a space;
 *	- a bar has round(value / max * width * 8) eighths (halves up): full
 *	  blocks █, then one of ▏▎▍▌▋▊▉ for the remainder; a value below zero
 *	  shows ◀ alone, a value above max the full bar followed by ▶.
 */
#ifndef PICTURE_CORE_H
#define PICTURE_CORE_H

#include "common.h"

/* bytes of one block character in UTF-8; a space takes one */
#define PIC_CHAR_BYTES		3

/* the widest sparkline bins or bar, in characters */
#define PIC_MAX_WIDTH		1000000

/* the eight levels of a sparkline, lowest first (UTF-8) */
extern const char *const pic_levels[8];

/*
 * A NULL value in the aggregate's rows and in the arrays handed to the
 * renderers: one quiet NaN, exactly these bits.  No other NaN and no
 * infinity is ever stored: the glue rejects them (22023) before.
 */
#define PIC_NULL_BITS		UINT64_C(0x7ff800000000004e)

/* Give the double that marks a NULL value. */
extern double pic_null(void);

/* Say whether a stored value is the NULL marker (any NaN, as none other is stored). */
static inline bool
pic_is_null(double v)
{
	return v != v;
}

/* ---- sparklines ---------------------------------------------------------- */

/*
 * Write the sparkline of n values (NULL markers give spaces) into buf, which
 * holds n * PIC_CHAR_BYTES + 1 bytes; NUL-terminated.  Returns the length in
 * bytes.  The values must be finite or the NULL marker.
 */
extern size_t pic_spark_values(const double *v, size_t n, char *buf);

/* one row of the sparkline aggregate: 16 bytes, double aligned */
typedef struct PicRow
{
	int64_t		at;				/* microseconds since 2000-01-01 */
	double		value;			/* finite, or the NULL marker */
} PicRow;

/*
 * Order rows by time, then value, NULL values last: the one order of the
 * aggregate's rows, whatever order they came in.  -1, 0 or 1.
 */
static inline int
pic_row_cmp(const PicRow *a, const PicRow *b)
{
	bool		an,
				bn;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	an = pic_is_null(a->value);
	bn = pic_is_null(b->value);
	if (an || bn)
		return an == bn ? 0 : (an ? 1 : -1);
	return a->value < b->value ? -1 : a->value > b->value ? 1 : 0;
}

/* Say whether rows are in the order of pic_row_cmp. */
extern bool pic_rows_sorted(const PicRow *r, size_t n);

/* Write one character per row, in the given order (see pic_spark_values). */
extern size_t pic_spark_rows(const PicRow *r, size_t n, char *buf);

/*
 * Give the number of bins of a sparkline of width characters over n >= 1
 * sorted rows: the smaller of width and the number of distinct times.
 */
extern size_t pic_bin_count(const PicRow *r, size_t n, int32_t width);

/*
 * Give the bin (0 .. nbins - 1) of time t in nbins equal-time bins from
 * first to last (first <= t <= last).
 */
extern size_t pic_bin_of(int64_t t, int64_t first, int64_t last, size_t nbins);

/*
 * Put the mean of the non-NULL values of each of nbins bins of n >= 1
 * sorted rows into means (the NULL marker for a bin without any).
 */
extern void pic_bin_means(const PicRow *r, size_t n, size_t nbins, double *means);

/* ---- bars ------------------------------------------------------------------ */

/* Say whether a width (of a bar, or of a sparkline's bins) is 1 .. PIC_MAX_WIDTH. */
static inline bool
pic_width_ok(int32_t width)
{
	return width >= 1 && width <= PIC_MAX_WIDTH;
}

/* Give the size of a buffer that holds any bar of width characters. */
static inline size_t
pic_bar_bufsize(int32_t width)
{
	return ((size_t) width + 1) * PIC_CHAR_BYTES + 1;
}

/*
 * Write the bar of value against max, width characters at max, into buf
 * (pic_bar_bufsize(width) bytes).  The glue has checked the arguments:
 * value not NaN, max positive and finite, pic_width_ok(width).
 * NUL-terminated; returns the length in bytes.
 */
extern size_t pic_bar(double value, double max, int32_t width, char *buf);

/* ---- the aggregate's state -------------------------------------------------- */

/* format version stored in every state; in and receive reject any other */
#define PIC_STATE_VERSION	1

/* flag bits */
#define PIC_CALENDAR		0x01	/* rows of dates (see common.h) */
#define PIC_FLAGS_MASK		0x01

/*
 * Stored layout (the glue's varlena sparkline_state): a 4-byte length word,
 * then
 *	uint8 version, uint8 flags, uint8 reserved[2] (zero),
 *	int32 width (0: one character per row), uint32 count,
 * then the rows (PicRow, native byte order) from byte PIC_HEADER_SIZE, a
 * multiple of 8, in the order they were added.  Inside an aggregate the
 * value may be longer than its rows (room to append in place, zeroed); a
 * value made by input, receive or a direct call is not.
 *
 * An empty state (count 0) has flags 0; the aggregate never makes one (no
 * rows is a NULL state), but input takes it, and it is the identity of the
 * combine function.
 */
#define PIC_HEADER_SIZE		16

/* largest value PostgreSQL can hold in one varlena (MaxAllocSize) */
#define PIC_MAX_VARLENA		((size_t) 0x3fffffff)

/* most rows one state can hold */
#define PIC_MAX_ROWS		((PIC_MAX_VARLENA - PIC_HEADER_SIZE) / sizeof(PicRow))

/* the header fields of a state, as the core checks them */
typedef struct PicHeader
{
	int			version;
	int			flags;
	int			reserved;		/* the two reserved bytes, as one number */
	int32_t		width;
	size_t		count;
} PicHeader;

/*
 * Check a state: a known version, no unknown flags, zero reserved bytes, a
 * width of 0 or 1 .. PIC_MAX_WIDTH, flags 0 when empty, every time in
 * range, every value finite (not -0) or exactly the NULL marker.  CS_OK, or
 * CS_ERR_INVALID (CS_ERR_LIMIT for too many rows) with a detail sentence.
 * Calls cs_progress every 65536 rows.
 */
extern CsStatus pic_check(const PicHeader *h, const PicRow *r,
						  char *errbuf, size_t errlen);

/*
 * Text form:
 *
 *		rows={(2024-01-01,5),(2024-01-02,NULL),(2024-01-02,7)}
 *		width=20 rows={(2024-01-01T00:00:00Z,5)}
 *
 * The rows in stored order, times in the one time form of common.h (a
 * calendar time for rows of dates, an instant in UTC otherwise), values in
 * the shortest form that reads back exactly, NULL for a NULL value; the
 * width item only when the state has one.  White space is allowed around
 * every token; "rows={}" is the empty state.  Input turns -0 into 0.
 */

/* length of a buffer that holds any one formatted row, "(time,value)" */
#define PIC_ROW_TEXT_BUFLEN	96

/*
 * Parse and check a text form into *h and r (room for cap rows;
 * cs_rows_count_bound(str) will do).  On failure a detail sentence goes to
 * errbuf: CS_ERR_SYNTAX, CS_ERR_RANGE for a value beyond the doubles, or
 * CS_ERR_LIMIT beyond PIC_MAX_ROWS rows.  Calls cs_progress every 65536 rows.
 */
extern CsStatus pic_text_parse(const char *str, PicHeader *h, PicRow *r, size_t cap,
							   char *errbuf, size_t errlen);

/* length of a buffer that holds the text before the rows */
#define PIC_HEAD_TEXT_BUFLEN	32

/*
 * Write the text before the rows ("rows={" or "width=20 rows={") into buf
 * (PIC_HEAD_TEXT_BUFLEN bytes); returns the length.
 */
extern size_t pic_format_head(const PicHeader *h, char *buf);

/*
 * Write one row as "(time,value)"; buf >= PIC_ROW_TEXT_BUFLEN.  Returns
 * the length.
 */
extern size_t pic_format_row(const PicRow *r, bool calendar, char *buf);

/*
 * Binary (wire) form, all integers big-endian:
 *	uint8 version, uint8 flags, int32 width, uint32 count,
 *	then count times (int64 time, float8 value as IEEE bits; a NULL value
 *	is PIC_NULL_BITS).
 */
#define PIC_WIRE_HEADER_SIZE	10
#define PIC_WIRE_ROW_SIZE		CS_WIRE_ROW_SIZE

/* Give the size of the wire form of n rows. */
extern size_t pic_wire_size(size_t n);

/*
 * Write the wire form; buf has pic_wire_size(h->count) bytes.  Calls
 * cs_progress every 65536 rows.
 */
extern void pic_wire_encode(const PicHeader *h, const PicRow *r, uint8_t *buf);

/*
 * Read the header of a len-byte message into *h, checked against len: a
 * count the bytes do not hold is CS_ERR_SYNTAX; CS_ERR_LIMIT only when they
 * do hold more than PIC_MAX_ROWS rows.
 */
extern CsStatus pic_wire_decode_header(const uint8_t *buf, size_t len, PicHeader *h,
									   char *errbuf, size_t errlen);

/*
 * Read the rows of a message whose header pic_wire_decode_header accepted,
 * turn -0 into 0, and check the state.  Calls cs_progress every 65536 rows.
 */
extern CsStatus pic_wire_decode(const uint8_t *buf, size_t len, const PicHeader *h,
								PicRow *r, char *errbuf, size_t errlen);

#endif							/* PICTURE_CORE_H */
