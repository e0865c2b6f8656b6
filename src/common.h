/*
 * common.h
 *		The common plain-C layer under every type core: one status convention
 *		with detail sentences, one number grammar (scanner and shortest
 *		formatter), one proleptic Gregorian calendar, one text form for times,
 *		big-endian wire helpers, and the text and wire codecs of the
 *		fixed-size types, driven by each type's descriptor.
 *
 * Nothing here includes a server header but common/shortest_dec.h, which
 * declares PostgreSQL's own shortest round-trip double formatter (the one
 * float8out uses): the server exports it, and the unit tests and fuzz
 * targets link it from libpgcommon.  So every type core, and this layer,
 * runs the same in the server, under AddressSanitizer and under libFuzzer.
 *
 * The layer is three files under this one header: common.c (detail
 * sentences, the number grammar, lists of rows in text), common_calendar.c
 * (the calendar and the text form of times) and common_codec.c (the wire
 * form of rows, the key=value forms and the descriptor-driven codecs).
 *
 * Times are microseconds since 2000-01-01 00:00, as PostgreSQL keeps
 * timestamps.  An instant (a timestamptz) counts from midnight UTC; a
 * calendar time (a date, or a wall-clock time on a date) counts from local
 * midnight, whatever the zone: 2024-10-09 is the same number everywhere.
 */
#ifndef CS_COMMON_H
#define CS_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* the number of elements of an array */
#define CS_NELEM(a)			(sizeof(a) / sizeof((a)[0]))

/*
 * The outcome of every parse, check and computation of the cores.  The glue
 * maps each to a SQLSTATE (glue.h); the detail sentence, when there is one,
 * goes to a caller's buffer.
 */
typedef enum CsStatus
{
	CS_OK = 0,
	CS_NONE,					/* the figure does not exist for the data: NULL */
	CS_ERR_SYNTAX,				/* malformed text or bytes: 22P02 / 22P03 */
	CS_ERR_INVALID,				/* well-formed parts that make no valid value */
	CS_ERR_RANGE,				/* a number beyond the doubles: 22003 */
	CS_ERR_TIME_RANGE,			/* a time beyond timestamptz's range: 22008 */
	CS_ERR_DIVZERO,				/* division by zero: 22012 */
	CS_ERR_MIXED,				/* a calendar value with an instant value: 22023 */
	CS_ERR_LIMIT				/* more than one value can hold: 54000 */
} CsStatus;

/* length of a detail buffer that is always enough */
#define CS_ERRBUF_LEN		256

#if defined(__GNUC__) || defined(__clang__)
#define CS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CS_PRINTF(f, a)
#endif

/*
 * Write a detail sentence into errbuf (which may be NULL) and return st, so
 * that a failing check reads "return cs_error(errbuf, errlen, st, ...)".  A
 * sentence longer than the buffer is cut between two characters.
 */
extern CsStatus cs_error(char *errbuf, size_t errlen, CsStatus st,
						 const char *fmt,...) CS_PRINTF(4, 5);

/* Write a detail sentence as cs_error does, from a va_list. */
extern CsStatus cs_verror(char *errbuf, size_t errlen, CsStatus st,
						  const char *fmt, va_list ap) CS_PRINTF(4, 0);

/*
 * Give the length of the longest start of the len bytes at s (which end
 * earlier at a NUL) that is at most limit bytes and ends between two
 * characters, so that a detail quoting input text, clipped with "%.*s",
 * stays valid in the database encoding.  UTF-8 unless cs_clip_hook is set.
 */
extern size_t cs_clip_len(const char *s, size_t len, size_t limit);

/*
 * Give the length of the longest start of s, at most limit bytes (s holds
 * them, or ends earlier at a NUL), that ends between two characters of the
 * text's encoding.  NULL: UTF-8, where a byte that starts no well-formed
 * sequence counts as one character.  The server points it at its own
 * clipping in the database encoding, so that text in EUC_JP or another
 * server encoding is cut right too.
 */
extern size_t (*cs_clip_hook) (const char *s, size_t limit);

/* ---- characters ---------------------------------------------------------- */

/* Say whether c is white space (isspace in the C locale). */
static inline bool
cs_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Say whether c is an ASCII digit. */
static inline bool
cs_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Say whether c is an ASCII letter. */
static inline bool
cs_is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Give the first character at or after p that is not white space. */
static inline const char *
cs_skip_space(const char *p)
{
	while (cs_is_space(*p))
		p++;
	return p;
}

/*
 * Give the length of a no-break space (U+00A0), a thin space (U+2009) or a
 * narrow no-break space (U+202F) at p, in UTF-8, or 0: the spaces sources
 * set between words and between groups of digits besides the ASCII space.
 */
static inline size_t
cs_wide_space_len(const char *p)
{
	const unsigned char *u = (const unsigned char *) p;

	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xAF || u[2] == 0x89))
		return 3;
	return 0;
}

/* the minus sign (U+2212) in UTF-8, which CS_NUM_MINUS_SIGN reads as '-' */
#define CS_MINUS_SIGN		"\xe2\x88\x92"
#define CS_MINUS_SIGN_LEN	3

/* ---- numbers ------------------------------------------------------------- */

/*
 * The one number grammar of every text form:
 *
 *		[+-] ( digits [ '.' digits ] | '.' digits ) [ (e|E) [+-] digits ]
 *
 * decimal only: no hexadecimal ("0x10" is the number 0 followed by text the
 * caller rejects), no NaN or infinity, no "5." (so that "5..7" is a range).
 * A number too large for a double is CS_ERR_RANGE, as is one that underflows
 * to zero although its digits are not zero (float8in does the same);
 * subnormals are kept.
 *
 * The estimate's text also lets the integer part be grouped in threes by a
 * thousands separator (CS_NUM_GROUPS); the same separator must be used
 * throughout one number: ',', a space, a no-break space (U+00A0), a narrow
 * no-break space (U+202F) or a thin space (U+2009).  And it takes the minus
 * sign (U+2212) for '-', before the number or its exponent
 * (CS_NUM_MINUS_SIGN), as typeset sources write it.
 */
#define CS_NUM_GROUPS		0x01	/* allow "600,000" and the like */
#define CS_NUM_NO_COMMA		0x02	/* ... but not with ',' (it separates bounds) */
#define CS_NUM_MINUS_SIGN	0x04	/* read U+2212 as '-' */

/* a scanned number before its conversion to a double */
typedef struct CsDecimal
{
	bool		negative;
	bool		zero;			/* every digit was 0 */
	bool		exact;			/* mant holds every significant digit */
	int			nsig;			/* significant digits (leading zeros skipped) */
	uint64_t	mant;			/* the first 19 of them, as an integer */
	int			frac_digits;	/* digits after the point */
	int			exp_value;		/* the written exponent (saturated) */
	const char *src;			/* the text: sign, digits and separators ... */
	const char *mant_end;		/* ... up to here (the exponent excluded) */
	const char *end;			/* the end of the whole number */
	char		sep[4];			/* the thousands separator used, if any */
	size_t		sep_len;
} CsDecimal;

/* a plain number, as cs_scan_plain reads it */
typedef struct CsPlain
{
	uint64_t	mant;			/* its significant digits */
	int			nsig;			/* how many (at most 19) */
	int			frac;			/* digits after the point */
	char		sep;			/* the thousands separator used, or '\0' */
} CsPlain;

/*
 * Read a plain number at s: an ASCII sign, digits with ASCII thousands
 * separators (',' or ' ', where flags allow them) and a fraction, 19
 * significant digits at most, and nothing after it that could continue a
 * number of the grammar (an exponent, an 'x').  Give its end; or NULL for
 * anything else, and for every error, which the full scanner then reads
 * and reports.
 *
 * This is the first step of cs_scan_decimal and cs_scan_number, inline so
 * that the numbers most text holds cost no call: every text input then runs
 * at the speed of a number reader of its own, and there is one grammar.
 */
static inline const char *
cs_scan_plain(const char *s, int flags, CsPlain *n)
{
	const char *start = s + (*s == '+' || *s == '-');
	const char *p = start;
	const char *digits;
	uint64_t	mant = 0;
	int			nsig;
	char		sep = '\0';

	n->frac = 0;
	while (*p == '0')
		p++;
	for (digits = p; cs_is_digit(*p); p++)
		mant = mant * 10 + (uint64_t) (*p - '0');
	nsig = (int) (p - digits);
	if ((flags & CS_NUM_GROUPS) &&
		(*p == ' ' || (*p == ',' && !(flags & CS_NUM_NO_COMMA))) && cs_is_digit(p[1]))
	{
		/* "129,746", "600 000": groups of three after one to three digits */
		if (p == start || p - start > 3 || *start == '0')
			return NULL;
		for (sep = *p; *p == sep && cs_is_digit(p[1]); p += 4)
		{
			if (!cs_is_digit(p[2]) || !cs_is_digit(p[3]) || cs_is_digit(p[4]))
				return NULL;
			mant = ((mant * 10 + (uint64_t) (p[1] - '0')) * 10 +
					(uint64_t) (p[2] - '0')) * 10 + (uint64_t) (p[3] - '0');
			nsig += 3;
		}
	}
	else if ((flags & CS_NUM_GROUPS) && ((unsigned char) *p == 0xC2 || (unsigned char) *p == 0xE2))
		return NULL;			/* perhaps a wide space between groups */
	if (*p == '.' && cs_is_digit(p[1]))
	{
		const char *point = ++p;

		if (nsig == 0)
			while (*p == '0')
				p++;
		for (digits = p; cs_is_digit(*p); p++)
			mant = mant * 10 + (uint64_t) (*p - '0');
		nsig += (int) (p - digits);
		n->frac = (int) (p - point);
	}
	n->mant = mant;
	n->nsig = nsig;
	n->sep = sep;
	if (p == start || nsig > 19 || *p == 'e' || *p == 'E' || *p == 'x' || *p == 'X')
		return NULL;
	return p;
}

/* Scan a number at s, in the whole grammar (cs_scan_decimal below). */
extern CsStatus cs_scan_decimal_full(const char *s, int flags, const char *base,
									 size_t *len, CsDecimal *d,
									 char *errbuf, size_t errlen);

/*
 * Scan a number at s.  On success *len is the number of bytes it took and
 * *d the number; on failure a detail sentence names what is wrong (position
 * counted from base, 1-based).  Nothing but the grammar above is consumed.
 */
static inline CsStatus
cs_scan_decimal(const char *s, int flags, const char *base, size_t *len,
				CsDecimal *d, char *errbuf, size_t errlen)
{
	CsPlain		n;
	const char *end = cs_scan_plain(s, flags, &n);

	if (end == NULL)
		return cs_scan_decimal_full(s, flags, base, len, d, errbuf, errlen);
	d->negative = *s == '-';
	d->zero = n.nsig == 0;
	d->exact = true;
	d->nsig = n.nsig;
	d->mant = n.mant;
	d->frac_digits = n.frac;
	d->exp_value = 0;
	d->src = s;
	d->mant_end = end;
	d->end = end;
	memset(d->sep, 0, sizeof(d->sep));
	d->sep[0] = n.sep;
	d->sep_len = n.sep != '\0';
	*len = (size_t) (end - s);
	return CS_OK;
}

/*
 * Convert d times 10^shift to the nearest double (one rounding, as strtod);
 * CS_ERR_RANGE when it overflows or underflows to zero.
 */
extern CsStatus cs_decimal_to_double(const CsDecimal *d, int shift, double *out);

/* ---- wire forms: big-endian integers ------------------------------------ */

/* Store a 32-bit value big-endian. */
static inline void
cs_put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t) (v >> 24);
	p[1] = (uint8_t) (v >> 16);
	p[2] = (uint8_t) (v >> 8);
	p[3] = (uint8_t) v;
}

/* Load a big-endian 32-bit value. */
static inline uint32_t
cs_get_be32(const uint8_t *p)
{
	return ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) |
		((uint32_t) p[2] << 8) | (uint32_t) p[3];
}

/* Store a 64-bit value big-endian. */
static inline void
cs_put_be64(uint8_t *p, uint64_t v)
{
	cs_put_be32(p, (uint32_t) (v >> 32));
	cs_put_be32(p + 4, (uint32_t) v);
}

/* Load a big-endian 64-bit value. */
static inline uint64_t
cs_get_be64(const uint8_t *p)
{
	return ((uint64_t) cs_get_be32(p) << 32) | cs_get_be32(p + 4);
}

/* Store a double's bits big-endian, as pq_sendfloat8 does. */
static inline void
cs_put_float8(uint8_t *p, double d)
{
	uint64_t	bits;

	memcpy(&bits, &d, sizeof(bits));
	cs_put_be64(p, bits);
}

/* Load a double from its big-endian bits. */
static inline double
cs_get_float8(const uint8_t *p)
{
	uint64_t	bits = cs_get_be64(p);
	double		d;

	memcpy(&d, &bits, sizeof(d));
	return d;
}

/*
 * The wire form of a list of rows, as a series and the sparkline state send
 * theirs: each row a time (int64) and a value (a double's bits), big-endian,
 * CS_WIRE_ROW_SIZE bytes.  In memory a row is a struct of an int64_t and a
 * double, in that order and nothing else (SerReport, PicRow).  Both calls
 * call cs_progress every 65536 rows; reading keeps the value's bits (-0 and
 * NaN included), which the caller then checks.
 */
#define CS_WIRE_ROW_SIZE	16

/* Assert that the struct T is such a row, its members at and value. */
#define CS_ASSERT_ROW(T, at, value) \
	_Static_assert(sizeof(T) == CS_WIRE_ROW_SIZE && offsetof(T, at) == 0 && \
				   offsetof(T, value) == 8, #T " is a row of a time and a value")

/* Write n rows at rows into buf (n * CS_WIRE_ROW_SIZE bytes). */
extern void cs_wire_put_rows(uint8_t *buf, const void *rows, size_t n);

/* Read n rows from buf into rows. */
extern void cs_wire_get_rows(const uint8_t *buf, void *rows, size_t n);

/*
 * Turn the -0 values of n such rows into +0, so that equal rows have equal
 * bytes (calling cs_progress every 65536 rows).
 */
extern void cs_rows_plus_zero(void *rows, size_t n);

/* 10^0 .. 10^22: the powers of ten that doubles hold exactly */
extern const double cs_pow10[23];

/* the largest mantissa whose every value a double holds exactly */
#define CS_EXACT_MANT		(UINT64_C(1) << 53)

/* Scan a number and convert it, in the whole grammar (cs_scan_number below). */
extern CsStatus cs_scan_number_full(const char *s, int flags, const char *base,
									size_t *len, double *out,
									char *errbuf, size_t errlen);

/*
 * Scan a number and convert it (cs_scan_decimal, then cs_decimal_to_double);
 * CS_ERR_RANGE, with a detail, for one beyond the doubles.  A plain number
 * of an exact mantissa and at most 22 fraction digits is one division of
 * exact doubles, done here without a call.
 */
static inline CsStatus
cs_scan_number(const char *s, int flags, const char *base, size_t *len,
			   double *out, char *errbuf, size_t errlen)
{
	CsPlain		n;
	const char *end = cs_scan_plain(s, flags, &n);
	double		v;

	if (end == NULL || n.mant >= CS_EXACT_MANT || n.frac > 22)
		return cs_scan_number_full(s, flags, base, len, out, errbuf, errlen);
	v = n.frac == 0 ? (double) n.mant : (double) n.mant / cs_pow10[n.frac];
	*out = *s == '-' ? -v : v;
	*len = (size_t) (end - s);
	return CS_OK;
}

/* length of a buffer that holds any one formatted double */
#define CS_DOUBLE_BUFLEN	32

/*
 * Write the shortest decimal that reads back to d exactly, laid out as
 * float8out does with extra_float_digits > 0 ("600000", "0.1", "1e+15");
 * d must be finite.  Returns the length.
 */
extern size_t cs_format_double(double d, char *buf);

/* ---- the calendar -------------------------------------------------------- */

/* microseconds in a day */
#define CS_USECS_PER_DAY	INT64_C(86400000000)

/*
 * The finite range of timestamp and timestamptz (MIN_TIMESTAMP and
 * END_TIMESTAMP in PostgreSQL's datatype/timestamp.h, checked there by the
 * glue): 4714-11-24 BC up to, not including, 294277-01-01.
 */
#define CS_TS_MIN			INT64_C(-211813488000000000)
#define CS_TS_END			INT64_C(9223371331200000000)

/* Say whether t lies in the finite range of timestamptz. */
static inline bool
cs_time_in_range(int64_t t)
{
	return t >= CS_TS_MIN && t < CS_TS_END;
}

/*
 * Give b - a in microseconds as a double: exact below 2^53 (285 years),
 * and as close as doubles get when the difference overflows an int64 (two
 * times of the finite range can be 299,000 years apart).
 */
static inline double
cs_usecs_between(int64_t b, int64_t a)
{
	int64_t		d;

	if (__builtin_sub_overflow(b, a, &d))
		return (double) b - (double) a;
	return (double) d;
}

/* Divide a by b > 0, rounding toward minus infinity. */
static inline int64_t
cs_floor_div(int64_t a, int64_t b)
{
	int64_t		q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* Count the days from 2000-01-01 to y-m-d (astronomical years: 0 is 1 BC). */
extern int64_t cs_days_from_civil(int64_t y, int m, int d);

/* Turn days since 2000-01-01 into a year, month and day. */
extern void cs_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

/* Give the days of month m of year y. */
extern int	cs_days_in_month(int64_t y, int m);

/*
 * Add months, then days, then microseconds to a calendar time, as
 * PostgreSQL's timestamp + interval does: a month step keeps the day of the
 * month, clipped to the month's length (31 January + 1 month is 29 February
 * in a leap year).  CS_ERR_TIME_RANGE when the result leaves the range.
 */
extern CsStatus cs_calendar_add(int64_t t, int64_t months, int64_t days,
								int64_t usecs, int64_t *out);

/*
 * A time zone, which only the server knows (its tz database): the offset of
 * local time from UTC in microseconds, local = instant + offset.
 * offset_at_local reads a local time the way PostgreSQL does, so a clock
 * time in a gap or an overlap of a transition gets the offset the server
 * gives it.  An instant given is in range; a local time given lies no
 * earlier than the range's first day, and beyond its end by a week at most
 * (as far as an int64 goes).
 */
typedef struct CsZone
{
	int64_t		(*offset_at_instant) (void *arg, int64_t instant);
	int64_t		(*offset_at_local) (void *arg, int64_t local);
	void	   *arg;
} CsZone;

/*
 * Give the instant of a local date and clock time in a zone;
 * CS_ERR_TIME_RANGE when it leaves the range of timestamptz.
 */
extern CsStatus cs_zone_instant_of_local(const CsZone *zone, int64_t local,
										 int64_t *out);

/*
 * Add months, then days, then microseconds to an instant in a time zone, as
 * PostgreSQL's timestamptz + interval does there: each of the month and day
 * steps moves the local date as cs_calendar_add does, keeps the local clock
 * time and reads the result back through the zone; the microseconds are
 * elapsed time.  CS_ERR_TIME_RANGE when the result, or a step on the way,
 * leaves the range.
 */
extern CsStatus cs_zone_add(int64_t t, int64_t months, int64_t days,
							int64_t usecs, const CsZone *zone, int64_t *out);

/* ---- the text form of times --------------------------------------------- */

/*
 * One text form for every time a type prints, with the kind of time in it:
 *
 *		instant		2024-10-09T00:00:00Z, 2024-10-09T13:45:00.25Z
 *		calendar	2024-10-09, 2024-10-09T13:45:00.25
 *
 * An instant is always written in UTC with its seconds and a 'Z'; a calendar
 * time has no offset, and at midnight is its date alone.  Years are
 * astronomical with four digits at least ("0000" is 1 BC, "-0043" 44 BC).
 *
 * Input also takes a space instead of 'T', minutes without seconds, up to six
 * fractional digits, and the offsets +HH, +HH:MM, +HHMM and Z (any offset
 * makes an instant, converted to UTC); no offset makes a calendar time.
 */
typedef enum CsTimeKind
{
	CS_TIME_INSTANT = 0,
	CS_TIME_CALENDAR = 1
} CsTimeKind;

/* length of a buffer that holds any formatted time */
#define CS_TIME_BUFLEN		40

/* Write a time (in range) in the text form of its kind; returns the length. */
extern size_t cs_format_time(int64_t t, CsTimeKind kind, char *buf);

/*
 * Read a time at s; *len is the number of bytes it took (a space is taken
 * only when a time of day follows it).  Positions in details count from base.
 */
extern CsStatus cs_parse_time(const char *s, const char *base, size_t *len,
							  int64_t *t, CsTimeKind *kind,
							  char *errbuf, size_t errlen);

/* ---- lists of (time, value) rows ----------------------------------------- */

/*
 * The text form of a list of rows, as a series and the sparkline state write
 * it: {(time,value),(time,value),...} with white space allowed around every
 * token, times of one kind, values in the one number grammar (and NULL where
 * the spec allows).
 */

/* Bound the number of rows in such a text from above (length / 14 + 1 at most). */
extern size_t cs_rows_count_bound(const char *str);

/* how errors name a list's rows, and what it accepts */
typedef struct CsRowsSpec
{
	const char *row;			/* "Report" */
	const char *rows;			/* "reports" */
	const char *holder;			/* "a series" */
	const char *value;			/* "total" */
	bool		nulls;			/* NULL is a value */
	size_t		max_rows;		/* the most rows one value holds */
} CsRowsSpec;

/* Take row i (null: its value is NULL) for cs_scan_rows. */
typedef void (*CsRowFn) (void *arg, size_t i, int64_t at, double value, bool null);

/*
 * Scan a list of rows starting at p, at its "{", to the end of str (nothing
 * but white space may follow the "}"), handing each row to put.  At most cap
 * rows: beyond, CS_ERR_LIMIT when cap reached spec->max_rows, else
 * CS_ERR_SYNTAX.  A value beyond the doubles is CS_ERR_RANGE, a time beyond
 * the range CS_ERR_TIME_RANGE; other failures CS_ERR_SYNTAX, each with a
 * detail naming the row.  On success *n is the number of rows and *calendar
 * says they are calendar times (false when there are none).
 */
extern CsStatus cs_scan_rows(const char *str, const char *p, const CsRowsSpec *spec,
							 CsRowFn put, void *arg, size_t cap, size_t *n,
							 bool *calendar, char *errbuf, size_t errlen);

/*
 * Called every 65536 rows a long loop of the cores handles (NULL: never).
 * The server points it at its check for query cancel, which may longjmp out:
 * the loops that call it hold no resources of their own.
 */
extern void (*cs_progress_hook) (void);

/* Call cs_progress_hook, if set. */
static inline void
cs_progress(void)
{
	if (cs_progress_hook != NULL)
		cs_progress_hook();
}

/*
 * Where a stateful algorithm of a core (a moving window, a collector) gets
 * its memory: the server's aggregate memory context, or malloc in the tests
 * and fuzz targets.  alloc never returns NULL: it raises an error or aborts.
 */
typedef struct CsAllocator
{
	void	   *(*alloc) (void *cxt, size_t size);
	void		(*free) (void *cxt, void *p);
	void	   *cxt;
} CsAllocator;

/* Allocate size bytes through an allocator. */
static inline void *
cs_alloc(const CsAllocator *mem, size_t size)
{
	return mem->alloc(mem->cxt, size);
}

/* Free what cs_alloc gave. */
static inline void
cs_free(const CsAllocator *mem, void *p)
{
	mem->free(mem->cxt, p);
}

/* Mark a condition as rarely true, for the per-row paths of the cores. */
#define cs_unlikely(x)		__builtin_expect((x) != 0, 0)

/* ---- key=value text forms of the summaries ------------------------------- */

/*
 * A fixed-size summary prints as key=value items separated by one space, in
 * a fixed order, every key required:
 *
 *		n=3 first_at=2024-01-01 first_total=100 ...
 *
 * Doubles print shortest-exact, so the form carries a value bit for bit
 * whatever extra_float_digits is (through pg_dump, COPY, or between Citus
 * nodes); times print in the one time form above, and every time of one value
 * must be of one kind, which the value's calendar flag records.
 */
typedef enum CsFieldKind
{
	CS_FIELD_COUNT,				/* int64_t >= 0 */
	CS_FIELD_TIME,				/* int64_t microseconds */
	CS_FIELD_DOUBLE,			/* finite double */
	CS_FIELD_FLAG				/* one bit of a uint8_t, written 0 or 1 */
} CsFieldKind;

typedef struct CsField
{
	const char *key;
	CsFieldKind kind;
	size_t		offset;			/* of the member (for a flag, of its byte) */
	uint8_t		bit;			/* CS_FIELD_FLAG only */
} CsField;

/* length of a buffer that holds any formatted summary */
#define CS_KV_BUFLEN		768

/*
 * Parse the items of fields[] into the struct at base.  The kind of the
 * times read goes to *kind (CS_TIME_INSTANT when there is none); times of
 * two kinds are CS_ERR_SYNTAX.  Syntax only: the caller validates the value.
 */
extern CsStatus cs_kv_parse(const char *str, const CsField *fields, size_t nfields,
							void *base, CsTimeKind *kind,
							char *errbuf, size_t errlen);

/* Write the items of fields[]; times in the given kind.  Returns the length. */
extern size_t cs_kv_format(const CsField *fields, size_t nfields, const void *base,
						   CsTimeKind kind, char *buf);

/* Say whether n bytes at p are all zero. */
extern bool cs_all_zero(const uint8_t *p, size_t n);

/* ---- type descriptors and their codecs ----------------------------------- */

/*
 * A fixed-size type is described once, in its core, by a CsTypeDesc: its
 * name, stored size, format version and flag bits, the key=value items of
 * its text form, the fields of its wire form and its check.  The codecs
 * below read and write both forms from that one table, so that input,
 * output, receive, send, the unit tests and the fuzz targets all run the
 * same code, and adding a field touches one place.
 *
 * Every fixed-size value starts with two bytes, its format version
 * (CS_VERSION_AT) and its flags (CS_FLAGS_AT), then reserved bytes that are
 * zero; its wire form starts with the same two bytes.  The reserved bytes
 * are not sent: receive zeroes them, and the check refuses a value whose
 * reserved bytes are not zero.
 *
 * The wire form is the wire fields in order, integers and doubles
 * big-endian, as pq_sendint64 and pq_sendfloat8 write them; its length is
 * fixed (cs_wire_size).
 *
 * A core describes its type beside its struct, and exports the descriptor
 * and the check (which takes the struct as a const void *):
 *
 *		#define XW(kind, member) {kind, offsetof(XValue, member)}
 *		static const CsWireField x_wire[] = {
 *			XW(CS_WIRE_BYTE, version), XW(CS_WIRE_BYTE, flags),
 *			XW(CS_WIRE_INT64, n), XW(CS_WIRE_FLOAT8, sum), ...
 *		};
 *		CS_ASSERT_HEADER(XValue);
 *		const CsTypeDesc x_desc = {
 *			.name = "x", .size = sizeof(XValue), .version = X_VERSION,
 *			.flag_mask = X_FLAGS_MASK, CS_DESC_TEXT(x_text),
 *			CS_DESC_WIRE(x_wire), .check = x_check,
 *		};
 *
 * A type whose text has a grammar of its own leaves text and the text
 * hooks NULL and uses only the wire codecs.  A glue file then declares the
 * SQL functions with one line of glue.h: CS_FIXED_IO(x, x_desc) for x_in,
 * x_out, x_recv and x_send, or CS_WIRE_IO(x, x_desc) for x_recv and x_send
 * alone.  The unit tests pin the wire bytes with wire_pinned (unit.h); the
 * fuzz targets check both forms with fuzz_round_trips and read their input
 * with fuzz_from_text, fuzz_from_wire and fuzz_from_stored (fuzz_util.h).
 */
#define CS_VERSION_AT		0
#define CS_FLAGS_AT			1

/* Assert that the struct T starts with its version and flags bytes. */
#define CS_ASSERT_HEADER(T) \
	_Static_assert(offsetof(T, version) == CS_VERSION_AT && \
				   offsetof(T, flags) == CS_FLAGS_AT, \
				   #T " starts with its version and flags bytes")

/* how a field is written on the wire */
typedef enum CsWireKind
{
	CS_WIRE_BYTE,				/* a uint8_t: one byte */
	CS_WIRE_INT64,				/* an int64_t: 8 bytes, big-endian */
	CS_WIRE_FLOAT8				/* a double: its bits, 8 bytes, big-endian */
} CsWireKind;

typedef struct CsWireField
{
	CsWireKind	kind;
	size_t		offset;			/* of the member in the stored value */
} CsWireField;

typedef struct CsTypeDesc
{
	const char *name;			/* the SQL name, for messages: "trend" */
	size_t		size;			/* the stored size */
	uint8_t		version;		/* the format version the type writes */
	uint8_t		flag_mask;		/* the flag bits it defines */
	uint8_t		calendar_flag;	/* the flag of calendar times (0: no times) */
	const CsField *text;		/* the key=value items, in order (or NULL) */
	size_t		ntext;
	const CsWireField *wire;	/* the wire fields, in order: version, flags, ... */
	size_t		nwire;

	/*
	 * Check a stored value (a pointer to the type's struct): CS_OK, or
	 * CS_ERR_INVALID with *detail a sentence saying what is wrong.  Text
	 * input and receive both run it, so that receive never accepts what
	 * input refuses.
	 */
	CsStatus	(*check) (const void *v, const char **detail);

	/*
	 * Special text forms (each NULL when the type has none).  text_special
	 * reads a form of the type's own before the items are tried: CS_OK when
	 * str is one (and *v, which starts as cs_type_init's, holds it), CS_NONE
	 * when the items follow, or an error with its detail.  text_refuse
	 * refuses what the items spelt when the type writes that value in a
	 * form of its own: CS_OK or an error.  format_special writes such a form
	 * and gives its length, or gives 0 when the items are to be written.
	 * (The trend writes its empty value as "n=0" alone, and refuses items
	 * with n=0.)
	 */
	CsStatus	(*text_special) (const char *str, void *v, char *errbuf, size_t errlen);
	CsStatus	(*text_refuse) (const void *v, char *errbuf, size_t errlen);
	size_t		(*format_special) (const void *v, char *buf);
} CsTypeDesc;

/* Set a descriptor's text items, or wire fields, and their count from an array. */
#define CS_DESC_TEXT(items)		.text = (items), .ntext = CS_NELEM(items)
#define CS_DESC_WIRE(fields)	.wire = (fields), .nwire = CS_NELEM(fields)

/* Make v the type's zero value: every byte zero but its format version. */
extern void cs_type_init(const CsTypeDesc *t, void *v);

/*
 * Parse and check the text form of a value of type t into v (t->size
 * bytes): the special form, or the key=value items (times of one kind,
 * which sets t->calendar_flag when they are calendar times), then the
 * check.  CS_OK, or an error (CS_ERR_SYNTAX for anything the check refuses)
 * with a detail sentence in errbuf.
 */
extern CsStatus cs_text_parse(const CsTypeDesc *t, const char *str, void *v,
							  char *errbuf, size_t errlen);

/*
 * Write the text form of v into buf (CS_KV_BUFLEN bytes), which reads back
 * bit for bit whatever extra_float_digits is; returns the length.
 */
extern size_t cs_text_format(const CsTypeDesc *t, const void *v, char *buf);

/* Give the length of the wire form of type t. */
extern size_t cs_wire_size(const CsTypeDesc *t);

/* Write the wire form of v into buf (cs_wire_size(t) bytes); returns the length. */
extern size_t cs_wire_encode(const CsTypeDesc *t, const void *v, uint8_t *buf);

/*
 * Read a len-byte wire message into v (t->size bytes, reserved bytes
 * zero) and check it.  A message of any other length than cs_wire_size(t),
 * and a value the check refuses, are CS_ERR_SYNTAX with a detail sentence
 * in errbuf (the check's own for the latter).
 */
extern CsStatus cs_wire_decode(const CsTypeDesc *t, const uint8_t *buf, size_t len,
							   void *v, char *errbuf, size_t errlen);

#endif							/* CS_COMMON_H */
