/*
 * picture_core.c
 *		Pictures in psql, in plain C: sparkline characters and scaling,
 *		equal-time bins, bars, and the sparkline aggregate's state with its
 *		text and binary forms (see picture_core.h).
 */
#include "picture_core.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ▁▂▃▄▅▆▇█ (U+2581 .. U+2588) */
const char *const pic_levels[8] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
};

/* ▏▎▍▌▋▊▉ (U+258F down to U+2589): one to seven eighths of a block */
static const char *const pic_eighths[8] = {
	"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d",
	"\xe2\x96\x8c", "\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89"
};

#define PIC_FULL_BLOCK	"\xe2\x96\x88"	/* █ U+2588 */
#define PIC_BELOW		"\xe2\x97\x80"	/* ◀ U+25C0 */
#define PIC_ABOVE		"\xe2\x96\xb6"	/* ▶ U+25B6 */

/* the level of every character when all values are equal: ▄ */
#define PIC_FLAT_LEVEL	3

/* Give the double that marks a NULL value. */
double
pic_null(void)
{
	uint64_t	bits = PIC_NULL_BITS;
	double		d;

	memcpy(&d, &bits, sizeof(d));
	return d;
}

/*
 * Call cs_progress on every 65536th step i of a loop over rows or values, so
 * that a query cancel ends it: a counter test, not a call per step.
 */
static inline void
progress_at(size_t i)
{
	if ((i & 0xffff) == 0xffff)
		cs_progress();
}

/* Append one three-byte character. */
static inline size_t
put_char(char *buf, size_t len, const char *c)
{
	memcpy(buf + len, c, PIC_CHAR_BYTES);
	return len + PIC_CHAR_BYTES;
}

/* ---- sparklines ---------------------------------------------------------- */

/* Give the level (0 .. 7) of v between lo and hi (lo <= v <= hi). */
static inline int
spark_level(double v, double lo, double hi)
{
	double		span = hi - lo;
	double		frac;
	double		k;

	if (!(hi > lo))
		return PIC_FLAT_LEVEL;
	/* values of opposite signs near the double limit: halve everything */
	if (isfinite(span))
		frac = (v - lo) / span;
	else
		frac = (v / 2 - lo / 2) / (hi / 2 - lo / 2);
	k = floor(frac * 8.0);
	if (!(k > 0))
		return 0;
	return k >= 7 ? 7 : (int) k;
}

/*
 * Write the characters of n values found every stride bytes from base
 * (pic_spark_values and pic_spark_rows).
 */
static size_t
spark_strided(const char *base, size_t stride, size_t n, char *buf)
{
	double		lo = 0,
				hi = 0;
	bool		any = false;
	size_t		i,
				len = 0;

	for (i = 0; i < n; i++)
	{
		double		v;

		progress_at(i);
		memcpy(&v, base + i * stride, sizeof(v));
		if (pic_is_null(v))
			continue;
		if (!any || v < lo)
			lo = v;
		if (!any || v > hi)
			hi = v;
		any = true;
	}
	for (i = 0; i < n; i++)
	{
		double		v;

		progress_at(i);
		memcpy(&v, base + i * stride, sizeof(v));
		if (pic_is_null(v))
			buf[len++] = ' ';
		else
			len = put_char(buf, len, pic_levels[spark_level(v, lo, hi)]);
	}
	buf[len] = '\0';
	return len;
}

/* Write the sparkline of n values. */
size_t
pic_spark_values(const double *v, size_t n, char *buf)
{
	return spark_strided((const char *) v, sizeof(double), n, buf);
}

/* Write one character per row, in the given order. */
size_t
pic_spark_rows(const PicRow *r, size_t n, char *buf)
{
	return spark_strided((const char *) r + offsetof(PicRow, value), sizeof(PicRow), n, buf);
}

/* Say whether rows are in the order of pic_row_cmp. */
bool
pic_rows_sorted(const PicRow *r, size_t n)
{
	size_t		i;

	for (i = 1; i < n; i++)
	{
		progress_at(i);
		if (pic_row_cmp(&r[i - 1], &r[i]) > 0)
			return false;
	}
	return true;
}

/* Give the number of bins: the smaller of width and the distinct times. */
size_t
pic_bin_count(const PicRow *r, size_t n, int32_t width)
{
	size_t		distinct = n > 0 ? 1 : 0;
	size_t		i;

	for (i = 1; i < n && distinct < (size_t) width; i++)
	{
		progress_at(i);
		if (r[i].at != r[i - 1].at)
			distinct++;
	}
	return distinct < (size_t) width ? distinct : (size_t) width;
}

/*
 * Give floor(a * b / c) for a <= c, c > 0, b < 2^32, exactly: a 128-bit
 * product where the compiler has one, else long multiplication by 32-bit
 * halves and a shift-and-subtract division.
 */
static uint64_t
muldiv(uint64_t a, uint64_t b, uint64_t c)
{
#ifdef __SIZEOF_INT128__
	return (uint64_t) (((unsigned __int128) a * b) / c);
#else
	uint64_t	p_lo = (a & 0xffffffffu) * b;
	uint64_t	p_hi = (a >> 32) * b;
	uint64_t	lo = p_lo + (p_hi << 32);
	uint64_t	hi = (p_hi >> 32) + (lo < p_lo ? 1 : 0);
	uint64_t	q = 0;
	int			i;

	/* hi < c because a <= c and b < 2^32, so the quotient fits 64 bits */
	for (i = 63; i >= 0; i--)
	{
		uint64_t	carry = hi >> 63;

		hi = (hi << 1) | ((lo >> i) & 1);
		q <<= 1;
		if (carry || hi >= c)
		{
			hi -= c;
			q |= 1;
		}
	}
	return q;
#endif
}

/* Give the bin of t in nbins equal-time bins from first to last. */
size_t
pic_bin_of(int64_t t, int64_t first, int64_t last, size_t nbins)
{
	uint64_t	span,
				k;

	if (nbins <= 1 || last <= first)
		return 0;
	/* differences of times in range fit an unsigned 64-bit number */
	span = (uint64_t) last - (uint64_t) first;
	k = muldiv((uint64_t) t - (uint64_t) first, (uint64_t) nbins, span);
	return k >= nbins ? nbins - 1 : (size_t) k;
}

/*
 * Give the mean of the non-NULL values of rows [s, e), of which there are
 * c > 0: the first of them plus the mean difference from it, so that equal
 * values give exactly their value (and equal bins the same level); when the
 * differences overflow, the sum of the values divided by c.
 */
static double
bin_mean(const PicRow *r, size_t s, size_t e, size_t c)
{
	double		ref = 0,
				acc = 0,
				mean;
	bool		have_ref = false;
	size_t		i;

	for (i = s; i < e; i++)
	{
		progress_at(i);
		if (pic_is_null(r[i].value))
			continue;
		if (!have_ref)
		{
			ref = r[i].value;
			have_ref = true;
		}
		acc += (r[i].value - ref) / (double) c;
	}
	mean = ref + acc;
	if (isfinite(acc) && isfinite(mean))
		return mean;
	acc = 0;
	for (i = s; i < e; i++)
	{
		progress_at(i);
		if (!pic_is_null(r[i].value))
			acc += r[i].value / (double) c;
	}
	if (!isfinite(acc))
		acc = acc > 0 ? DBL_MAX : -DBL_MAX;
	return acc;
}

/* Put the mean of each bin's non-NULL values into means. */
void
pic_bin_means(const PicRow *r, size_t n, size_t nbins, double *means)
{
	double		null = pic_null();
	int64_t		first = r[0].at,
				last = r[n - 1].at;
	size_t		i,
				s;

	for (i = 0; i < nbins; i++)
	{
		progress_at(i);
		means[i] = null;
	}
	/* sorted rows: the rows of a bin are contiguous */
	s = 0;
	while (s < n)
	{
		size_t		bin = pic_bin_of(r[s].at, first, last, nbins);
		size_t		e = s,
					c = 0;

		while (e < n && (r[e].at == r[s].at ||
						 pic_bin_of(r[e].at, first, last, nbins) == bin))
		{
			progress_at(e);
			if (!pic_is_null(r[e].value))
				c++;
			e++;
		}
		if (c > 0)
			means[bin] = bin_mean(r, s, e, c);
		s = e;
	}
}

/* ---- bars ------------------------------------------------------------------ */

/* Write the bar of value against max, width characters at max. */
size_t
pic_bar(double value, double max, int32_t width, char *buf)
{
	size_t		len = 0;
	bool		over;
	double		frac;
	int64_t		eighths,
				i;

	if (value < 0)
	{
		len = put_char(buf, len, PIC_BELOW);
		buf[len] = '\0';
		return len;
	}
	over = value > max;
	frac = over ? 1.0 : value / max;
	eighths = (int64_t) floor(frac * (double) width * 8.0 + 0.5);
	if (eighths > (int64_t) width * 8)
		eighths = (int64_t) width * 8;
	for (i = 0; i < eighths / 8; i++)
		len = put_char(buf, len, PIC_FULL_BLOCK);
	if (eighths % 8 != 0)
		len = put_char(buf, len, pic_eighths[eighths % 8]);
	if (over)
		len = put_char(buf, len, PIC_ABOVE);
	buf[len] = '\0';
	return len;
}

/* ---- the aggregate's state -------------------------------------------------- */

/* Check a state's header and rows. */
CsStatus
pic_check(const PicHeader *h, const PicRow *r, char *errbuf, size_t errlen)
{
	size_t		i;

	if (h->version != PIC_STATE_VERSION)
		return cs_error(errbuf, errlen, CS_ERR_INVALID,
						"Unknown sparkline_state format version %d.", h->version);
	if ((h->flags & ~PIC_FLAGS_MASK) != 0)
		return cs_error(errbuf, errlen, CS_ERR_INVALID,
						"Unknown flag bits 0x%02x are set.",
						(unsigned) (h->flags & ~PIC_FLAGS_MASK) & 0xffu);
	if (h->reserved != 0)
		return cs_error(errbuf, errlen, CS_ERR_INVALID, "Reserved bytes are not zero.");
	if (h->width != 0 && !pic_width_ok(h->width))
		return cs_error(errbuf, errlen, CS_ERR_INVALID,
						"The width %ld is not between 1 and %d.",
						(long) h->width, PIC_MAX_WIDTH);
	if (h->count > PIC_MAX_ROWS)
		return cs_error(errbuf, errlen, CS_ERR_LIMIT,
						"A sparkline_state holds at most %lu rows.",
						(unsigned long) PIC_MAX_ROWS);
	if (h->count == 0 && h->flags != 0)
		return cs_error(errbuf, errlen, CS_ERR_INVALID,
						"An empty sparkline_state has flags set.");
	for (i = 0; i < h->count; i++)
	{
		double		v = r[i].value;

		progress_at(i);
		if (!cs_time_in_range(r[i].at))
			return cs_error(errbuf, errlen, CS_ERR_INVALID,
							"Row %lu has a time out of range.", (unsigned long) (i + 1));
		if (pic_is_null(v))
		{
			uint64_t	bits;

			memcpy(&bits, &v, sizeof(bits));
			if (bits != PIC_NULL_BITS)
				return cs_error(errbuf, errlen, CS_ERR_INVALID,
								"Row %lu has a NaN value that is not the NULL marker.",
								(unsigned long) (i + 1));
		}
		else if (!isfinite(v))
			return cs_error(errbuf, errlen, CS_ERR_INVALID,
							"Row %lu has an infinite value.", (unsigned long) (i + 1));
		else if (v == 0.0 && signbit(v))
			return cs_error(errbuf, errlen, CS_ERR_INVALID,
							"Row %lu has a negative zero value.", (unsigned long) (i + 1));
	}
	return CS_OK;
}

/* Parse "key =" at p; give the text after it, or NULL. */
static const char *
parse_key(const char *p, const char *key)
{
	size_t		len = strlen(key);

	if (strncmp(p, key, len) != 0)
		return NULL;
	p = cs_skip_space(p + len);
	if (*p != '=')
		return NULL;
	return cs_skip_space(p + 1);
}

/* how errors name a sparkline state's rows */
static const CsRowsSpec sparkline_rows = {
	"Row", "rows", "a sparkline_state", "value", true, PIC_MAX_ROWS
};

/* Store row i (a cs_scan_rows callback); a NULL value is the marker. */
static void
put_row(void *arg, size_t i, int64_t at, double value, bool null)
{
	PicRow	   *r = (PicRow *) arg;

	r[i].at = at;
	r[i].value = null ? pic_null() : value;
}

/* Parse and check the text form of a state. */
CsStatus
pic_text_parse(const char *str, PicHeader *h, PicRow *r, size_t cap,
			   char *errbuf, size_t errlen)
{
	const char *p = cs_skip_space(str);
	const char *q;
	size_t		count = 0;
	bool		calendar;
	CsStatus	st;

	memset(h, 0, sizeof(*h));
	h->version = PIC_STATE_VERSION;

	if ((q = parse_key(p, "width")) != NULL)
	{
		int64_t		w = 0;
		size_t		digits = 0;

		while (cs_is_digit(*q) && digits < 12)
		{
			w = w * 10 + (*q++ - '0');
			digits++;
		}
		if (digits == 0 || cs_is_digit(*q) || w < 1 || w > PIC_MAX_WIDTH)
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"The width is a whole number between 1 and %d.", PIC_MAX_WIDTH);
		if (!cs_is_space(*q))
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"The width needs a space after it (position %zu).",
							(size_t) (q - str) + 1);
		h->width = (int32_t) w;
		p = cs_skip_space(q);
	}
	if ((q = parse_key(p, "rows")) == NULL || *q != '{')
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"A sparkline_state is written \"rows={...}\", after an optional \"width=N\".");
	st = cs_scan_rows(str, q, &sparkline_rows, put_row, r, cap, &count, &calendar,
					  errbuf, errlen);
	if (st != CS_OK)
		return st == CS_ERR_TIME_RANGE ? CS_ERR_SYNTAX : st;
	cs_rows_plus_zero(r, count);
	h->count = count;
	h->flags = calendar ? PIC_CALENDAR : 0;
	st = pic_check(h, r, errbuf, errlen);
	return st == CS_ERR_INVALID ? CS_ERR_SYNTAX : st;
}

/* Write the text before the rows. */
size_t
pic_format_head(const PicHeader *h, char *buf)
{
	if (h->width > 0)
		return (size_t) sprintf(buf, "width=%ld rows={", (long) h->width);
	return (size_t) sprintf(buf, "rows={");
}

/* Write one row as "(time,value)". */
size_t
pic_format_row(const PicRow *r, bool calendar, char *buf)
{
	size_t		len = 0;

	buf[len++] = '(';
	len += cs_format_time(r->at, calendar ? CS_TIME_CALENDAR : CS_TIME_INSTANT, buf + len);
	buf[len++] = ',';
	if (pic_is_null(r->value))
	{
		memcpy(buf + len, "NULL", 4);
		len += 4;
	}
	else
		len += cs_format_double(r->value, buf + len);
	buf[len++] = ')';
	buf[len] = '\0';
	return len;
}

/* ---- binary form ------------------------------------------------------- */

CS_ASSERT_ROW(PicRow, at, value);

/* Give the size of the wire form of n rows. */
size_t
pic_wire_size(size_t n)
{
	return PIC_WIRE_HEADER_SIZE + n * PIC_WIRE_ROW_SIZE;
}

/* Write the wire form of a state. */
void
pic_wire_encode(const PicHeader *h, const PicRow *r, uint8_t *buf)
{
	buf[0] = (uint8_t) h->version;
	buf[1] = (uint8_t) h->flags;
	cs_put_be32(buf + 2, (uint32_t) h->width);
	cs_put_be32(buf + 6, (uint32_t) h->count);
	cs_wire_put_rows(buf + PIC_WIRE_HEADER_SIZE, r, h->count);
}

/* Read and check the header of a wire message. */
CsStatus
pic_wire_decode_header(const uint8_t *buf, size_t len, PicHeader *h,
					   char *errbuf, size_t errlen)
{
	memset(h, 0, sizeof(*h));
	if (len < PIC_WIRE_HEADER_SIZE)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"The message is shorter than a sparkline_state header.");
	h->version = buf[0];
	h->flags = buf[1];
	h->width = (int32_t) cs_get_be32(buf + 2);
	h->count = cs_get_be32(buf + 6);
	if (h->version != PIC_STATE_VERSION)
		return cs_error(errbuf, errlen, CS_ERR_INVALID,
						"Unknown sparkline_state format version %d.", h->version);
	/* a count the bytes do not hold is corrupt input, whatever its size */
	if ((len - PIC_WIRE_HEADER_SIZE) % PIC_WIRE_ROW_SIZE != 0 ||
		(len - PIC_WIRE_HEADER_SIZE) / PIC_WIRE_ROW_SIZE != h->count)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"The header counts %lu rows but the message holds %lu bytes of rows.",
						(unsigned long) h->count,
						(unsigned long) (len - PIC_WIRE_HEADER_SIZE));
	if (h->count > PIC_MAX_ROWS)
		return cs_error(errbuf, errlen, CS_ERR_LIMIT,
						"A sparkline_state holds at most %lu rows.",
						(unsigned long) PIC_MAX_ROWS);
	return CS_OK;
}

/* Read and check the rows of a wire message. */
CsStatus
pic_wire_decode(const uint8_t *buf, size_t len, const PicHeader *h, PicRow *r,
				char *errbuf, size_t errlen)
{
	if (len != pic_wire_size(h->count))
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"The message length does not match its count.");
	cs_wire_get_rows(buf + PIC_WIRE_HEADER_SIZE, r, h->count);
	cs_rows_plus_zero(r, h->count);
	return pic_check(h, r, errbuf, errlen);
}
