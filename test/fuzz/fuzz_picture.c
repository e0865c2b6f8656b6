/*
 * fuzz_picture.c
 *		libFuzzer target for the picture core: the sparkline aggregate's
 *		state (its text and wire forms and validation), the drawing of
 *		sparklines with and without bins, and bars.
 *
 * Text: whatever parses must check, format, and read back to the same
 * header and rows, and encode to a wire form that decodes to them again.
 * Binary: the input taken as sparkline_state_recv's message; whatever
 * decodes must check, re-encode, decode to the same rows and read back
 * from its text.  Every valid state with rows is drawn as the final
 * function draws it (sorted, with bins when it has a width): the pictures
 * must fit the buffers the glue allocates.  The input's bytes taken as
 * (value, max, width) draw a bar under the glue's argument checks.  Rows:
 * the input taken as (time, value) rows; whatever the sparkline aggregate
 * builds from them (one state, partial states and their merges) must check,
 * read back from its text and its binary form to the same bytes, and draw.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "picture_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Compare two rows for qsort, in the order the final function draws them. */
static int
row_cmp(const void *a, const void *b)
{
	return pic_row_cmp((const PicRow *) a, (const PicRow *) b);
}

/* Draw a valid state as the final function does; the picture must fit. */
static void
draw(const PicHeader *h, const PicRow *r)
{
	size_t		n = h->count;
	PicRow	   *sorted;
	char	   *buf;
	size_t		len;

	if (n == 0)
		return;
	sorted = malloc(n * sizeof(PicRow));
	buf = malloc(n * PIC_CHAR_BYTES + 1);
	if (sorted == NULL || buf == NULL)
		abort();
	memcpy(sorted, r, n * sizeof(PicRow));
	qsort(sorted, n, sizeof(PicRow), row_cmp);
	FUZZ_CHECK(pic_rows_sorted(sorted, n));
	if (h->width == 0)
	{
		len = pic_spark_rows(sorted, n, buf);
		FUZZ_CHECK(len <= n * PIC_CHAR_BYTES && strlen(buf) == len);
	}
	else
	{
		size_t		nbins = pic_bin_count(sorted, n, h->width);
		double	   *means;
		size_t		i;

		FUZZ_CHECK(nbins >= 1 && nbins <= n && nbins <= (size_t) h->width);
		means = malloc(nbins * sizeof(double));
		if (means == NULL)
			abort();
		pic_bin_means(sorted, n, nbins, means);
		for (i = 0; i < nbins; i++)
			FUZZ_CHECK(pic_is_null(means[i]) || isfinite(means[i]));
		len = pic_spark_values(means, nbins, buf);
		FUZZ_CHECK(len <= nbins * PIC_CHAR_BYTES && strlen(buf) == len);
		for (i = 0; i < n; i++)
			FUZZ_CHECK(pic_bin_of(sorted[i].at, sorted[0].at, sorted[n - 1].at, nbins) < nbins);
		free(means);
	}
	free(buf);
	free(sorted);
}

/* Write the text form of a state (malloc'd). */
static char *
format_state(const PicHeader *h, const PicRow *r)
{
	char	   *text = malloc(PIC_HEAD_TEXT_BUFLEN + h->count * PIC_ROW_TEXT_BUFLEN + 2);
	size_t		len,
				i;

	if (text == NULL)
		abort();
	len = pic_format_head(h, text);
	FUZZ_CHECK(len < PIC_HEAD_TEXT_BUFLEN);
	for (i = 0; i < h->count; i++)
	{
		size_t		l;

		if (i > 0)
			text[len++] = ',';
		l = pic_format_row(&r[i], (h->flags & PIC_CALENDAR) != 0, text + len);
		FUZZ_CHECK(l < PIC_ROW_TEXT_BUFLEN);
		len += l;
	}
	text[len++] = '}';
	text[len] = '\0';
	return text;
}

/* Say whether two states are the same, bit for bit. */
static bool
same_state(const PicHeader *a, const PicRow *ra, const PicHeader *b, const PicRow *rb)
{
	return a->version == b->version && a->flags == b->flags && a->width == b->width &&
		a->count == b->count && memcmp(ra, rb, a->count * sizeof(PicRow)) == 0;
}

/* A valid state: its text and wire forms read back to it; draw it. */
static void
check_state(const PicHeader *h, const PicRow *r)
{
	char		err[CS_ERRBUF_LEN];
	char	   *text = format_state(h, r);
	size_t		cap = cs_rows_count_bound(text);
	PicRow	   *again = malloc((cap + 1) * sizeof(PicRow));
	PicHeader	h2;
	size_t		wsize = pic_wire_size(h->count);
	uint8_t    *wire = malloc(wsize);

	if (again == NULL || wire == NULL)
		abort();
	FUZZ_CHECK(pic_check(h, r, err, sizeof(err)) == CS_OK);
	FUZZ_CHECK(cap >= h->count);
	if (pic_text_parse(text, &h2, again, cap, err, sizeof(err)) != CS_OK)
	{
		fprintf(stderr, "%s\n%s\n", text, err);
		FUZZ_CHECK(!"a valid state's text does not read back");
	}
	FUZZ_CHECK(same_state(h, r, &h2, again));

	pic_wire_encode(h, r, wire);
	FUZZ_CHECK(pic_wire_decode_header(wire, wsize, &h2, err, sizeof(err)) == CS_OK);
	FUZZ_CHECK(h2.count == h->count);
	FUZZ_CHECK(pic_wire_decode(wire, wsize, &h2, again, err, sizeof(err)) == CS_OK);
	FUZZ_CHECK(same_state(h, r, &h2, again));

	draw(h, r);
	free(wire);
	free(again);
	free(text);
}

/* The input as the text form. */
static void
fuzz_text_form(const uint8_t *data, size_t size)
{
	char	   *s = fuzz_text(data, size);
	size_t		cap = cs_rows_count_bound(s);
	PicRow	   *r = malloc((cap + 1) * sizeof(PicRow));
	PicHeader	h;
	char		err[CS_ERRBUF_LEN];

	if (r == NULL)
		abort();
	err[0] = '\0';
	if (pic_text_parse(s, &h, r, cap, err, sizeof(err)) == CS_OK)
		check_state(&h, r);
	else
		FUZZ_CHECK(err[0] != '\0');
	free(r);
	free(s);
}

/* The input as the wire form. */
static void
fuzz_wire_form(const uint8_t *data, size_t size)
{
	PicHeader	h;
	PicRow	   *r;
	char		err[CS_ERRBUF_LEN];

	if (pic_wire_decode_header(data, size, &h, err, sizeof(err)) != CS_OK)
		return;
	FUZZ_CHECK(pic_wire_size(h.count) == size);
	r = malloc((h.count + 1) * sizeof(PicRow));
	if (r == NULL)
		abort();
	if (pic_wire_decode(data, size, &h, r, err, sizeof(err)) == CS_OK)
		check_state(&h, r);
	free(r);
}

/* The input's first bytes as a bar's arguments, checked as the glue does. */
static void
fuzz_bar(const uint8_t *data, size_t size)
{
	double		value,
				max;
	int32_t		width;
	char	   *buf;
	size_t		len;

	if (size < 20)
		return;
	memcpy(&value, data, 8);
	memcpy(&max, data + 8, 8);
	memcpy(&width, data + 16, 4);
	/* the glue takes widths up to PIC_MAX_WIDTH; long bars only cost time here */
	width = (int32_t) ((uint32_t) width % 5000) + 1;
	if (isnan(value) || !(max > 0) || !isfinite(max))
		return;
	buf = malloc(pic_bar_bufsize(width));
	if (buf == NULL)
		abort();
	len = pic_bar(value, max, width, buf);
	FUZZ_CHECK(len < pic_bar_bufsize(width) && strlen(buf) == len);
	free(buf);
}

/* The input's doubles as an array to draw (NaNs as NULL markers). */
static void
fuzz_values(const uint8_t *data, size_t size)
{
	size_t		n = size / 8,
				i;
	double	   *v = malloc((n + 1) * sizeof(double));
	char	   *buf = malloc(n * PIC_CHAR_BYTES + 1);
	size_t		len;

	if (v == NULL || buf == NULL)
		abort();
	for (i = 0; i < n; i++)
	{
		memcpy(&v[i], data + 8 * i, 8);
		if (!isfinite(v[i]))
			v[i] = pic_null();
	}
	len = pic_spark_values(v, n, buf);
	FUZZ_CHECK(len <= n * PIC_CHAR_BYTES && strlen(buf) == len);
	free(buf);
	free(v);
}

/* the most rows taken from one input */
#define MAX_ROWS	64

/* a sparkline_state being built: the header and rows the glue keeps */
typedef struct SparkBuilding
{
	PicHeader	h;
	PicRow		r[MAX_ROWS];
} SparkBuilding;

/* Append rows to a state, as the transition and combine functions do. */
static void
spark_append(SparkBuilding *s, const PicRow *r, size_t n)
{
	memcpy(s->r + s->h.count, r, n * sizeof(PicRow));
	s->h.count += n;
}

/*
 * Merge b into a as sparkline_combine does: the rows of b after those of
 * a; an empty side gives the other.
 */
static void
spark_combine(SparkBuilding *a, const SparkBuilding *b)
{
	if (b->h.count == 0)
		return;
	if (a->h.count == 0)
	{
		*a = *b;
		return;
	}
	FUZZ_CHECK(a->h.flags == b->h.flags && a->h.width == b->h.width);
	spark_append(a, b->r, b->h.count);
}

/* Check a state built, if it has rows (else the aggregate's state is NULL). */
static void
check_built(const SparkBuilding *s)
{
	if (s->h.count > 0)
		check_state(&s->h, s->r);
}

/*
 * Build what sparkline builds from the input as rows: a control byte
 * (bit 0: rows of dates; bit 1: a width, from the bits above), then 12
 * bytes a row (a time step, in milliseconds or days, and a value, a float
 * or 8 bytes, or NULL; two bits pick the partial state it goes to, as
 * parallel workers get rows).  One state of every row, four partial states
 * and their merges in the order the control byte picks: each state must
 * check, read back from its text and binary forms, and draw.
 */
static void
fuzz_rows(const uint8_t *data, size_t size)
{
	size_t		nrows,
				i;
	int64_t		t = INT64_C(8766) * CS_USECS_PER_DAY;
	SparkBuilding *all,
			   *part;
	PicHeader	h;
	int			k;

	if (size < 13)
		return;
	nrows = (size - 1) / 12;
	if (nrows > MAX_ROWS)
		nrows = MAX_ROWS;
	all = malloc(5 * sizeof(SparkBuilding));
	if (all == NULL)
		abort();
	part = all + 1;
	memset(&h, 0, sizeof(h));
	h.version = PIC_STATE_VERSION;
	h.flags = (data[0] & 1) ? PIC_CALENDAR : 0;
	if (data[0] & 2)
		h.width = (int32_t) (1 + (data[0] >> 2) * 16000) < PIC_MAX_WIDTH ?
			(int32_t) (1 + (data[0] >> 2) * 16000) : PIC_MAX_WIDTH;
	for (k = 0; k < 5; k++)
		all[k].h = h;
	for (i = 0; i < nrows; i++)
	{
		const uint8_t *p = data + 1 + 12 * i;
		int32_t		step;
		float		fv;
		int64_t		dt;
		PicRow		row;

		memcpy(&step, p, 4);
		memcpy(&fv, p + 4, 4);
		row.value = (p[0] & 0x80) ? cs_get_float8(p + 4) : (double) fv;
		if (__builtin_mul_overflow((int64_t) step, (p[1] & 1) ? CS_USECS_PER_DAY : 1000, &dt) ||
			__builtin_add_overflow(t, dt, &t) || !cs_time_in_range(t))
			break;
		row.at = t;
		/* as the transition stores a row: a NULL marker, -0 made +0 */
		if (p[1] & 2)
			row.value = pic_null();
		else if (!isfinite(row.value))
			continue;			/* the glue refuses these before the core */
		else if (row.value == 0.0)
			row.value = 0.0;
		spark_append(&all[0], &row, 1);
		spark_append(&part[(p[2] >> 6) & 3], &row, 1);
	}
	check_built(&all[0]);
	for (k = 0; k < 4; k++)
		check_built(&part[k]);

	/* ((0 + 1) + 2) + 3, or (0 + 1) + (2 + 3): every step a state too */
	spark_combine(&part[0], &part[1]);
	check_built(&part[0]);
	if (data[0] & 0x80)
	{
		spark_combine(&part[2], &part[3]);
		check_built(&part[2]);
		spark_combine(&part[0], &part[2]);
	}
	else
	{
		spark_combine(&part[0], &part[2]);
		check_built(&part[0]);
		spark_combine(&part[0], &part[3]);
	}
	check_built(&part[0]);
	FUZZ_CHECK(part[0].h.count == all[0].h.count);
	free(all);
}

/* Check one input: libFuzzer's entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_text_form(data, size);
	fuzz_wire_form(data, size);
	fuzz_bar(data, size);
	fuzz_values(data, size);
	fuzz_rows(data, size);
	return 0;
}
