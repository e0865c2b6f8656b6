/*
 * test_picture_core.c
 *		Unit tests of the plain-C pictures (src/picture_core.c): sparkline
 *		characters and scaling, the order of rows, equal-time bins, bars,
 *		and the sparkline aggregate's state (validation, text and wire
 *		forms).
 *
 * Prints TAP.  Built by test/Makefile with AddressSanitizer and UBSan.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "picture_core.h"
#include "tap.h"
#include "unit.h"

#define L1 "\xe2\x96\x81"
#define L2 "\xe2\x96\x82"
#define L3 "\xe2\x96\x83"
#define L4 "\xe2\x96\x84"
#define L5 "\xe2\x96\x85"
#define L6 "\xe2\x96\x86"
#define L7 "\xe2\x96\x87"
#define L8 "\xe2\x96\x88"
#define E1 "\xe2\x96\x8f"
#define E4 "\xe2\x96\x8c"
#define E7 "\xe2\x96\x89"
#define BELOW "\xe2\x97\x80"
#define ABOVE "\xe2\x96\xb6"

#define DAY		CS_USECS_PER_DAY
/* 2024-01-01 as days since 2000-01-01 */
#define D2024	INT64_C(8766)

static char buf[1 << 16];

/* Compare rows for qsort. */
static int
row_qsort_cmp(const void *a, const void *b)
{
	return pic_row_cmp((const PicRow *) a, (const PicRow *) b);
}

/* Draw values and compare with the expected picture. */
static void
check_values(const double *v, size_t n, const char *want, const char *name)
{
	size_t		len = pic_spark_values(v, n, buf);

	if (!ok(strcmp(buf, want) == 0 && len == strlen(want), "sparkline: %s", name))
		diag("got \"%s\", want \"%s\"", buf, want);
}

/* Sort rows and draw them, one character each or in width bins. */
static void
check_rows(PicRow *r, size_t n, int32_t width, const char *want, const char *name)
{
	qsort(r, n, sizeof(PicRow), row_qsort_cmp);
	if (width == 0)
		pic_spark_rows(r, n, buf);
	else
	{
		size_t		nbins = pic_bin_count(r, n, width);
		double	   *means = malloc(nbins * sizeof(double));

		pic_bin_means(r, n, nbins, means);
		pic_spark_values(means, nbins, buf);
		free(means);
	}
	if (!ok(strcmp(buf, want) == 0, "rows: %s", name))
		diag("got \"%s\", want \"%s\"", buf, want);
}

/* Test the characters and the scaling of plain values. */
static void
test_values(void)
{
	double		n = pic_null();
	double		ramp[] = {1, 2, 3, 4, 5, 6, 7, 8};
	double		flat[] = {7.5, 7.5, 7.5};
	double		one[] = {-3};
	double		neg[] = {-8, -1, 1, 6};
	double		nulls[] = {1, n, 3};
	double		allnull[] = {n, n};
	double		huge[] = {-1.7e308, 0, 1.7e308};
	double		tiny[] = {0, 5e-324};
	double		bands[] = {0, 0.124, 0.125, 0.25, 0.5, 0.874, 0.875, 0.99, 1};
	double		flatnull[] = {n, 2, n, 2};

	check_values(ramp, 8, L1 L2 L3 L4 L5 L6 L7 L8, "1..8 is every level once");
	check_values(flat, 3, L4 L4 L4, "all equal: all the fourth level");
	check_values(one, 1, L4, "one value: the fourth level");
	check_values(neg, 4, L1 L5 L6 L8, "negatives scale like any value");
	check_values(nulls, 3, L1 " " L8, "a NULL is a space");
	check_values(allnull, 2, "  ", "only NULLs: only spaces");
	check_values(flatnull, 4, " " L4 " " L4, "NULLs among equal values");
	check_values(ramp, 0, "", "no values: empty");
	check_values(huge, 3, L1 L5 L8, "a range beyond the doubles is halved, not infinite");
	check_values(tiny, 2, L1 L8, "a subnormal range");
	check_values(bands, 9, L1 L1 L2 L3 L5 L7 L8 L8 L8, "eight equal bands, the largest in the top one");
	ok(pic_is_null(pic_null()), "the NULL marker is a NaN");
}

/* Test the order of rows: time, then value, NULL values last. */
static void
test_order(void)
{
	double		n = pic_null();
	PicRow		a = {5, 1},
				b = {5, 2},
				c = {5, n},
				d = {6, -100};
	PicRow		r[6];
	PicRow		s[8];
	size_t		i;

	ok(pic_row_cmp(&a, &b) < 0 && pic_row_cmp(&b, &a) > 0, "order: by value at one time");
	ok(pic_row_cmp(&b, &c) < 0 && pic_row_cmp(&c, &b) > 0, "order: NULL values last at one time");
	ok(pic_row_cmp(&c, &c) == 0 && pic_row_cmp(&a, &a) == 0, "order: equal rows");
	ok(pic_row_cmp(&c, &d) < 0, "order: time first");

	/* scrambled input: the same picture as ordered input */
	for (i = 0; i < 8; i++)
	{
		s[i].at = (D2024 + (int64_t) ((i * 5) % 8)) * DAY;
		s[i].value = (double) ((i * 5) % 8) + 1;
	}
	ok(!pic_rows_sorted(s, 8), "order: scrambled rows are not sorted");
	check_rows(s, 8, 0, L1 L2 L3 L4 L5 L6 L7 L8, "scrambled rows in time order");
	ok(pic_rows_sorted(s, 8), "order: sorted rows are sorted");

	/* several rows at one time keep the (value, NULL last) order */
	r[0] = (PicRow) {2 * DAY, 9};
	r[1] = (PicRow) {1 * DAY, n};
	r[2] = (PicRow) {1 * DAY, 5};
	r[3] = (PicRow) {1 * DAY, 1};
	r[4] = (PicRow) {0, 1};
	r[5] = (PicRow) {1 * DAY, n};
	check_rows(r, 6, 0, L1 L1 L5 "  " L8, "rows at one time by value, NULLs last");
	/* one row */
	r[0] = (PicRow) {0, 42};
	check_rows(r, 1, 0, L4, "one row");
	check_rows(r, 1, 10, L4, "one row in bins");
}

/* Test equal-time bins. */
static void
test_bins(void)
{
	double		n = pic_null();
	PicRow		r[40];
	double		means[8];
	size_t		i;

	/* bin_of: ends, and exact boundaries */
	ok(pic_bin_of(0, 0, 10, 5) == 0 && pic_bin_of(10, 0, 10, 5) == 4, "bins: first and last time");
	ok(pic_bin_of(2, 0, 10, 5) == 1 && pic_bin_of(1, 0, 10, 5) == 0, "bins: an exact boundary opens the next bin");
	ok(pic_bin_of(7, 7, 7, 1) == 0 && pic_bin_of(3, 0, 10, 1) == 0, "bins: one bin");
	ok(pic_bin_of(CS_TS_END - 1, CS_TS_MIN, CS_TS_END - 1, PIC_MAX_WIDTH) == PIC_MAX_WIDTH - 1 &&
	   pic_bin_of(CS_TS_MIN, CS_TS_MIN, CS_TS_END - 1, PIC_MAX_WIDTH) == 0,
	   "bins: the whole range of timestamptz, a million bins");
	{
		/* the middle of the whole range, exactly: (span / 2) * 1e6 / span */
		uint64_t	span = (uint64_t) (CS_TS_END - 1) - (uint64_t) CS_TS_MIN;
		int64_t		mid = CS_TS_MIN + (int64_t) (span / 2);
		size_t		k = pic_bin_of(mid, CS_TS_MIN, CS_TS_END - 1, PIC_MAX_WIDTH);
		size_t		k1 = pic_bin_of(mid - 1, CS_TS_MIN, CS_TS_END - 1, PIC_MAX_WIDTH);

		ok(k == PIC_MAX_WIDTH / 2 - (span % 2 ? 1 : 0) || k == PIC_MAX_WIDTH / 2,
		   "bins: the middle of the whole range (bin %zu)", k);
		ok(k1 <= k, "bins: monotone at the middle");
	}
	{
		int			monotone = 1;
		size_t		prev = 0;

		for (i = 0; i < 10000; i++)
		{
			size_t		k = pic_bin_of((int64_t) i * 99991, 0, INT64_C(9999) * 99991, 777);
			if (k < prev || k >= 777)
				monotone = 0;
			prev = k;
		}
		ok(monotone, "bins: monotone and in range over 10000 times");
	}

	/* count: the smaller of width and distinct times */
	for (i = 0; i < 30; i++)
		r[i] = (PicRow) {(D2024 + (int64_t) i / 2) * DAY, (double) i};
	ok(pic_bin_count(r, 30, 100) == 15, "bins: as many as distinct times when fewer than the width");
	ok(pic_bin_count(r, 30, 7) == 7, "bins: the width when fewer");
	ok(pic_bin_count(r, 1, 7) == 1, "bins: one row, one bin");

	/* 30 daily rows in 30 bins: one day each; in 10 bins: three days each */
	for (i = 0; i < 30; i++)
		r[i] = (PicRow) {(D2024 + (int64_t) i) * DAY, (double) (i / 3)};
	check_rows(r, 30, 10, L1 L1 L2 L3 L4 L5 L6 L7 L8 L8, "30 days in 10 bins of 3 days");
	for (i = 0; i < 30; i++)
		r[i].value = (i % 2) ? 1 : 0;
	check_rows(r, 30, 100, L1 L8 L1 L8 L1 L8 L1 L8 L1 L8 L1 L8 L1 L8 L1 L8 L1 L8 L1 L8 L1 L8 L1 L8 L1 L8 L1 L8 L1 L8,
			   "30 days, width 100: one bin per day");

	/* 1, 3, 5, NULL, 8 over five days in 3 bins: {1,3} {5} {NULL,8} */
	r[0] = (PicRow) {0 * DAY, 1};
	r[1] = (PicRow) {1 * DAY, 3};
	r[2] = (PicRow) {2 * DAY, 5};
	r[3] = (PicRow) {3 * DAY, n};
	r[4] = (PicRow) {4 * DAY, 8};
	check_rows(r, 5, 3, L1 L5 L8, "means of bins, NULLs left out");

	/* empty bins, and a bin of NULL values only */
	r[0] = (PicRow) {0 * DAY, 1};
	r[1] = (PicRow) {1 * DAY, 2};
	r[2] = (PicRow) {2 * DAY, n};
	r[3] = (PicRow) {10 * DAY, 3};
	check_rows(r, 4, 5, L1 " " " " L8, "days 0,1,2,10 in 4 bins: two empty (span 10, 2.5 days a bin)");
	r[0] = (PicRow) {0 * DAY, 1};
	r[1] = (PicRow) {4 * DAY, n};
	r[2] = (PicRow) {8 * DAY, 3};
	check_rows(r, 3, 3, L1 " " L8, "a bin of NULL values only is a space");

	/* equal values give exactly their value, however many share a bin */
	for (i = 0; i < 40; i++)
		r[i] = (PicRow) {(int64_t) i * DAY, 0.1};
	pic_bin_means(r, 40, 3, means);
	ok(means[0] == 0.1 && means[1] == 0.1 && means[2] == 0.1, "bins: equal values, exact means");
	check_rows(r, 40, 3, L4 L4 L4, "bins of equal values: all the fourth level");
	/* means beyond the doubles' reach when summed */
	r[0] = (PicRow) {0, 1.7e308};
	r[1] = (PicRow) {0, 1.7e308};
	r[2] = (PicRow) {DAY, -1.7e308};
	r[3] = (PicRow) {DAY, 1.7e308};
	pic_bin_means(r, 4, 2, means);
	ok(means[0] == 1.7e308 && means[1] == 0, "bins: means of huge values stay finite");
	r[0] = (PicRow) {0, n};
	r[1] = (PicRow) {0, n};
	pic_bin_means(r, 2, 1, means);
	ok(pic_is_null(means[0]), "bins: only NULL values give a NULL mean");
}

/* Draw a bar and compare with the expected picture. */
static void
check_bar(double value, double max, int32_t width, const char *want, const char *name)
{
	char	   *b = malloc(pic_bar_bufsize(width));
	size_t		len = pic_bar(value, max, width, b);

	if (!ok(strcmp(b, want) == 0 && len == strlen(want), "bar: %s", name))
		diag("got \"%s\", want \"%s\"", b, want);
	free(b);
}

/* Test bars: eighths, rounding, clipping and markers. */
static void
test_bar(void)
{
	check_bar(0, 10, 20, "", "zero is empty");
	check_bar(-0.0, 10, 20, "", "negative zero is empty");
	check_bar(10, 10, 4, L8 L8 L8 L8, "max is width full blocks");
	check_bar(5, 10, 1, E4, "half of one character");
	check_bar(1, 8, 1, E1, "one eighth");
	check_bar(7, 8, 1, E7, "seven eighths");
	check_bar(1.0 / 16, 1, 1, E1, "half an eighth rounds up");
	check_bar(0.0624, 1, 1, "", "less than half an eighth rounds down");
	check_bar(15.0 / 16, 1, 1, L8, "seven and a half eighths round up to a block");
	check_bar(2.5, 10, 20, L8 L8 L8 L8 L8, "a quarter of 20 characters");
	check_bar(2.55, 10, 20, L8 L8 L8 L8 L8 E1, "5.1 characters: five blocks and an eighth");
	check_bar(-1, 10, 20, BELOW, "below zero: the left marker alone");
	check_bar(-INFINITY, 10, 20, BELOW, "minus infinity: the left marker");
	check_bar(10.000001, 10, 3, L8 L8 L8 ABOVE, "above max: the full bar and the right marker");
	check_bar(INFINITY, 10, 2, L8 L8 ABOVE, "infinity: the full bar and the right marker");
	check_bar(5e-324, 5e-324, 2, L8 L8, "a subnormal max");
	check_bar(1.7e308, 1.7e308, 1, L8, "a huge max");
	ok(pic_width_ok(1) && pic_width_ok(PIC_MAX_WIDTH) && !pic_width_ok(0) &&
	   !pic_width_ok(-5) && !pic_width_ok(PIC_MAX_WIDTH + 1), "widths 1 .. PIC_MAX_WIDTH");
	{
		char	   *b = malloc(pic_bar_bufsize(PIC_MAX_WIDTH));
		size_t		len = pic_bar(2, 1, PIC_MAX_WIDTH, b);

		ok(len == ((size_t) PIC_MAX_WIDTH + 1) * PIC_CHAR_BYTES && strlen(b) == len,
		   "bar: the widest bar over max fills its buffer");
		free(b);
	}
}

/* Format a state as the type's output does. */
static void
format_state(const PicHeader *h, const PicRow *r, char *out)
{
	size_t		len = pic_format_head(h, out);
	size_t		i;

	for (i = 0; i < h->count; i++)
	{
		if (i > 0)
			out[len++] = ',';
		len += pic_format_row(&r[i], (h->flags & PIC_CALENDAR) != 0, out + len);
	}
	out[len++] = '}';
	out[len] = '\0';
}

/* Parse text into a state; the status. */
static CsStatus
parse(const char *text, PicHeader *h, PicRow *r, size_t cap, char *err)
{
	return pic_text_parse(text, h, r, cap, err, CS_ERRBUF_LEN);
}

/* Parse, format, and check the text comes back as want (NULL: as given). */
static void
check_text(const char *text, const char *want)
{
	PicHeader	h,
				h2;
	PicRow		r[8],
				r2[8];
	char		err[CS_ERRBUF_LEN] = "";
	char		out[1024];
	CsStatus	st = parse(text, &h, r, cs_rows_count_bound(text), err);

	if (want == NULL)
		want = text;
	if (!ok(st == CS_OK, "text: \"%s\" reads", text))
	{
		diag("%s", err);
		return;
	}
	format_state(&h, r, out);
	if (!ok(strcmp(out, want) == 0, "text: \"%s\" writes \"%s\"", text, want))
		diag("got \"%s\"", out);
	st = parse(out, &h2, r2, 8, err);
	ok(st == CS_OK && memcmp(&h, &h2, sizeof(h)) == 0 &&
	   memcmp(r, r2, h.count * sizeof(PicRow)) == 0,
	   "text: \"%s\" reads back bit for bit", out);
}

/* Check that bad text is refused with the given status. */
static void
check_bad_text(const char *text, CsStatus want)
{
	PicHeader	h;
	PicRow		r[8];
	char		err[CS_ERRBUF_LEN] = "";
	CsStatus	st = parse(text, &h, r, 8, err);

	if (!ok(st == want && err[0] != '\0', "bad text: \"%s\" (%s)", text, err))
		diag("status %d, want %d", (int) st, (int) want);
}

/* Test the text form. */
static void
test_text(void)
{
	PicHeader	h;
	PicRow		r[4];
	char		err[CS_ERRBUF_LEN];

	check_text("rows={}", NULL);
	check_text("width=3 rows={}", NULL);
	check_text("rows={(2024-01-01,5),(2024-01-02,NULL),(2024-01-02,7)}", NULL);
	check_text("width=20 rows={(2024-01-01T00:00:00Z,5)}", NULL);
	check_text("width=1000000 rows={(2024-01-01T12:30:00.25Z,0.1),(2024-01-01T12:30:00.25Z,-2.5e-300)}",
			   "width=1000000 rows={(2024-01-01T12:30:00.25Z,0.1),(2024-01-01T12:30:00.25Z,-2.5e-300)}");
	check_text("rows={(2024-01-01,0.30000000000000004),(2024-01-02,1e+300),(2024-01-03,5e-324)}", NULL);
	check_text("  width = 7   rows = { ( 2024-01-01 , null ) , ( 2024-01-03 , -0 ) }  ",
			   "width=7 rows={(2024-01-01,NULL),(2024-01-03,0)}");
	check_text("rows={(2024-01-01 12:00+02,1)}", "rows={(2024-01-01T10:00:00Z,1)}");
	check_text("rows={(-0043-03-15,1),(294276-12-31 23:59:59.999999,2)}",
			   "rows={(-0043-03-15,1),(294276-12-31T23:59:59.999999,2)}");
	check_text("rows={(2024-03-01,3),(2024-01-01,1)}", NULL);

	ok(parse("rows={(2024-01-01,5)}", &h, r, 4, err) == CS_OK &&
	   (h.flags & PIC_CALENDAR) != 0 && h.width == 0 && h.count == 1 &&
	   r[0].at == D2024 * DAY && r[0].value == 5, "text: a row of a date is a calendar row");
	ok(parse("rows={(2024-01-01T00:00Z,NULL)}", &h, r, 4, err) == CS_OK &&
	   h.flags == 0 && pic_is_null(r[0].value), "text: a row of an instant, a NULL value");
	ok(cs_rows_count_bound("rows={(((((}") == 1, "text: the count bound is at most length / 14 + 1");

	check_bad_text("", CS_ERR_SYNTAX);
	check_bad_text("rows=", CS_ERR_SYNTAX);
	check_bad_text("rows={", CS_ERR_SYNTAX);
	check_bad_text("{(2024-01-01,1)}", CS_ERR_SYNTAX);
	check_bad_text("rows={(2024-01-01,1)", CS_ERR_SYNTAX);
	check_bad_text("rows={(2024-01-01,1)} x", CS_ERR_SYNTAX);
	check_bad_text("rows={(2024-01-01 1)}", CS_ERR_SYNTAX);
	check_bad_text("rows={(2024-01-01,)}", CS_ERR_SYNTAX);
	check_bad_text("rows={(2024-01-01,nul)}", CS_ERR_SYNTAX);
	check_bad_text("rows={(2024-01-01,nullx)}", CS_ERR_SYNTAX);
	check_bad_text("rows={(2024-01-01,NaN)}", CS_ERR_SYNTAX);
	check_bad_text("rows={(2024-01-01,Infinity)}", CS_ERR_SYNTAX);
	check_bad_text("rows={(2024-01-01,0x10)}", CS_ERR_SYNTAX);
	check_bad_text("rows={(2024-01-01,1e999)}", CS_ERR_RANGE);
	check_bad_text("rows={(2024-02-30,1)}", CS_ERR_SYNTAX);
	check_bad_text("rows={(294277-01-01,1)}", CS_ERR_SYNTAX);
	check_bad_text("rows={(2024-01-01,1),(2024-01-02T00:00:00Z,2)}", CS_ERR_SYNTAX);
	check_bad_text("rows={(2024-01-01,1)(2024-01-02,2)}", CS_ERR_SYNTAX);
	check_bad_text("width=0 rows={}", CS_ERR_SYNTAX);
	check_bad_text("width=-1 rows={}", CS_ERR_SYNTAX);
	check_bad_text("width=1000001 rows={}", CS_ERR_SYNTAX);
	check_bad_text("width=99999999999999 rows={}", CS_ERR_SYNTAX);
	check_bad_text("width=3rows={}", CS_ERR_SYNTAX);
	check_bad_text("width= rows={}", CS_ERR_SYNTAX);
	check_bad_text("rows={} width=3", CS_ERR_SYNTAX);
	check_bad_text("ROWS={}", CS_ERR_SYNTAX);
	/* more rows than room: a syntax error below the limit */
	ok(parse("rows={(2024-01-01,1),(2024-01-02,2)}", &h, r, 1, err) == CS_ERR_SYNTAX,
	   "bad text: more rows than the count bound");
}

/* Decode a whole wire message: its header, then its rows. */
static CsStatus
decode_all(const uint8_t *wire, size_t len, PicHeader *h, PicRow *r)
{
	char		err[CS_ERRBUF_LEN];
	CsStatus	st = pic_wire_decode_header(wire, len, h, err, sizeof(err));

	return st != CS_OK ? st : pic_wire_decode(wire, len, h, r, err, sizeof(err));
}

/* Test validation and the wire form. */
static void
test_wire(void)
{
	PicHeader	h,
				h2;
	PicRow		r[4],
				r2[4];
	uint8_t		wire[256];
	char		err[CS_ERRBUF_LEN];
	size_t		len;
	uint64_t	bits;
	double		d;

	ok(parse("width=5 rows={(2024-01-01,1.5),(2024-01-02,NULL)}", &h, r, 4, err) == CS_OK,
	   "wire: a state to encode");
	len = pic_wire_size(h.count);
	ok(len == PIC_WIRE_HEADER_SIZE + 2 * PIC_WIRE_ROW_SIZE, "wire: size of two rows");
	pic_wire_encode(&h, r, wire);
	ok(wire[0] == 1 && wire[1] == PIC_CALENDAR && wire[5] == 5 && wire[9] == 2,
	   "wire: version, flags, width and count in the header");
	ok(memcmp(wire + PIC_WIRE_HEADER_SIZE + 24, "\x7f\xf8\x00\x00\x00\x00\x00\x4e", 8) == 0,
	   "wire: a NULL value is the marker's bits, big-endian");
	ok(pic_wire_decode_header(wire, len, &h2, err, sizeof(err)) == CS_OK &&
	   pic_wire_decode(wire, len, &h2, r2, err, sizeof(err)) == CS_OK &&
	   memcmp(&h, &h2, sizeof(h)) == 0 && memcmp(r, r2, sizeof(PicRow) * 2) == 0,
	   "wire: round trip bit for bit");

	ok(pic_wire_decode_header(wire, 9, &h2, err, sizeof(err)) == CS_ERR_SYNTAX, "wire: short header");
	ok(pic_wire_decode_header(wire, len - 1, &h2, err, sizeof(err)) == CS_ERR_SYNTAX, "wire: short rows");
	wire[0] = 2;
	ok(pic_wire_decode_header(wire, len, &h2, err, sizeof(err)) == CS_ERR_INVALID, "wire: unknown version");
	wire[0] = 1;
	wire[6] = 0xff;
	ok(pic_wire_decode_header(wire, len, &h2, err, sizeof(err)) == CS_ERR_SYNTAX &&
	   strstr(err, "bytes of rows") != NULL,
	   "wire: a huge count the bytes do not hold is corrupt input, not a limit (%s)", err);
	wire[6] = 0;
	/* only the header is read: a length that holds one row more than a state */
	cs_put_be32(wire + 6, (uint32_t) PIC_MAX_ROWS + 1);
	ok(pic_wire_decode_header(wire, pic_wire_size(PIC_MAX_ROWS + 1), &h2, err, sizeof(err)) == CS_ERR_LIMIT,
	   "wire: a message that holds more rows than a state can is the limit (%s)", err);
	cs_put_be32(wire + 6, 2);
	wire[1] = 2;
	ok(pic_wire_decode_header(wire, len, &h2, err, sizeof(err)) == CS_OK &&
	   pic_wire_decode(wire, len, &h2, r2, err, sizeof(err)) == CS_ERR_INVALID, "wire: unknown flags");
	wire[1] = 1;
	wire[5] = 0;
	ok(pic_wire_decode_header(wire, len, &h2, err, sizeof(err)) == CS_OK &&
	   pic_wire_decode(wire, len, &h2, r2, err, sizeof(err)) == CS_OK && h2.width == 0,
	   "wire: width 0 is one character per row");
	wire[2] = 0x80;
	ok(pic_wire_decode_header(wire, len, &h2, err, sizeof(err)) == CS_OK &&
	   pic_wire_decode(wire, len, &h2, r2, err, sizeof(err)) == CS_ERR_INVALID, "wire: a negative width");
	wire[2] = 0;
	wire[PIC_WIRE_HEADER_SIZE + 31] = 0;	/* the marker becomes the default NaN */
	ok(decode_all(wire, len, &h2, r2) == CS_ERR_INVALID, "wire: a NaN that is not the marker");
	memcpy(wire + PIC_WIRE_HEADER_SIZE + 24, "\x7f\xf0\x00\x00\x00\x00\x00\x00", 8);
	ok(decode_all(wire, len, &h2, r2) == CS_ERR_INVALID, "wire: an infinite value");
	memcpy(wire + PIC_WIRE_HEADER_SIZE + 24, "\x80\x00\x00\x00\x00\x00\x00\x00", 8);
	ok(decode_all(wire, len, &h2, r2) == CS_OK && r2[1].value == 0 &&
	   !signbit(r2[1].value), "wire: -0 reads as 0");
	memcpy(wire + PIC_WIRE_HEADER_SIZE + 16, "\x7f\xff\xff\xff\xff\xff\xff\xff", 8);
	ok(decode_all(wire, len, &h2, r2) == CS_ERR_INVALID, "wire: a time out of range");

	/* the checks on a header alone */
	memset(&h, 0, sizeof(h));
	h.version = 1;
	ok(pic_check(&h, r, err, sizeof(err)) == CS_OK, "check: the empty state");
	h.flags = PIC_CALENDAR;
	ok(pic_check(&h, r, err, sizeof(err)) == CS_ERR_INVALID, "check: an empty state with flags");
	h.flags = 0;
	h.reserved = 1;
	ok(pic_check(&h, r, err, sizeof(err)) == CS_ERR_INVALID, "check: reserved bytes");
	h.reserved = 0;
	h.width = PIC_MAX_WIDTH + 1;
	ok(pic_check(&h, r, err, sizeof(err)) == CS_ERR_INVALID, "check: a width too large");
	h.width = 0;
	h.count = 1;
	r[0].at = 0;
	r[0].value = -0.0;
	ok(pic_check(&h, r, err, sizeof(err)) == CS_ERR_INVALID, "check: a stored -0");
	bits = PIC_NULL_BITS;
	memcpy(&d, &bits, sizeof(d));
	r[0].value = d;
	ok(pic_check(&h, r, err, sizeof(err)) == CS_OK, "check: the NULL marker");
	h.count = PIC_MAX_ROWS + 1;
	ok(pic_check(&h, r, err, sizeof(err)) == CS_ERR_LIMIT, "check: more rows than a value holds");
}

/* Test the text form on random states: every one reads back bit for bit. */
static void
test_random_round_trip(void)
{
	int			trial,
				bad = 0;

	for (trial = 0; trial < 2000; trial++)
	{
		PicHeader	h,
					h2;
		PicRow		r[4],
					r2[4];
		char		out[1024],
					err[CS_ERRBUF_LEN];
		size_t		i;

		memset(&h, 0, sizeof(h));
		h.version = 1;
		h.count = 1 + next_random() % 4;
		h.flags = next_random() % 2 ? PIC_CALENDAR : 0;
		h.width = next_random() % 3 == 0 ? 0 : (int32_t) (1 + next_random() % PIC_MAX_WIDTH);
		for (i = 0; i < h.count; i++)
		{
			uint64_t	bits;
			double		d;

			do
			{
				bits = next_random();
				memcpy(&d, &bits, sizeof(d));
			} while (!isfinite(d) || (d == 0 && signbit(d)));
			r[i].value = next_random() % 5 == 0 ? pic_null() : d;
			r[i].at = (int64_t) ((uint64_t) CS_TS_MIN +
								 next_random() % ((uint64_t) CS_TS_END - (uint64_t) CS_TS_MIN));
		}
		format_state(&h, r, out);
		if (parse(out, &h2, r2, 4, err) != CS_OK || memcmp(&h, &h2, sizeof(h)) != 0 ||
			memcmp(r, r2, h.count * sizeof(PicRow)) != 0)
		{
			if (bad++ < 3)
				diag("did not read back: %s (%s)", out, err);
		}
	}
	ok(bad == 0, "text: 2000 random states read back bit for bit");
}

static int	progress_calls;

/* Count the calls of the progress hook. */
static void
count_progress(void)
{
	progress_calls++;
}

/*
 * Test that every loop over rows or values lets a query cancel in: each
 * calls the progress hook once per 65536 steps, so 200,000 steps make at
 * least three calls.
 */
static void
test_progress(void)
{
	size_t		n = 200000,
				i;
	double	   *v = malloc(n * sizeof(double));
	PicRow	   *r = malloc(n * sizeof(PicRow));
	char	   *out = malloc(n * PIC_CHAR_BYTES + 1);
	uint8_t    *wire = malloc(pic_wire_size(n));
	double		means[2];
	PicHeader	h = {PIC_STATE_VERSION, 0, 0, 0, 0};
	char		err[CS_ERRBUF_LEN];

	for (i = 0; i < n; i++)
	{
		v[i] = (double) (i % 100);
		/* sorted rows: the check that they are reads every one */
		r[i].at = 0;
		r[i].value = (double) i;
	}
	h.count = n;
	cs_progress_hook = count_progress;

#define PROGRESS(call, what) \
	do { \
		progress_calls = 0; \
		(void) (call); \
		ok(progress_calls >= 3, "progress: %s calls the hook (%d calls)", (what), progress_calls); \
	} while (0)

	PROGRESS(pic_spark_values(v, n, out), "drawing values");
	PROGRESS(pic_spark_rows(r, n, out), "drawing rows");
	PROGRESS(pic_rows_sorted(r, n), "the check that rows are sorted");
	PROGRESS(pic_bin_count(r, n, 5), "counting the bins");
	PROGRESS((pic_bin_means(r, n, 1, means), 0), "the means of the bins");
	PROGRESS(pic_check(&h, r, err, sizeof(err)), "the check of a state");
	PROGRESS((pic_wire_encode(&h, r, wire), 0), "the binary output");
	PROGRESS(pic_wire_decode(wire, pic_wire_size(n), &h, r, err, sizeof(err)), "the binary input");
#undef PROGRESS

	cs_progress_hook = NULL;
	free(v);
	free(r);
	free(out);
	free(wire);
}

int
main(void)
{
	unit_rng = 0x9E3779B97F4A7C15ULL;
	test_values();
	test_order();
	test_bins();
	test_bar();
	test_text();
	test_wire();
	test_random_round_trip();
	test_progress();
	return done_testing();
}
