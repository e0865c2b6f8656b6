/*
 * fuzz_series.c
 *		libFuzzer target for the series core: the text form, the binary
 *		(wire) form, validation, and the arithmetic on a valid series
 *		(lookup, interpolation, clamping, calendar buckets and the figures
 *		of a bucket).
 *
 * Text: whatever parses must validate, and its text must parse back to the
 * same reports and kind.  Binary: whatever the wire decoder accepts must
 * validate, encode to the same bytes (-0 totals aside, read as +0), and
 * format to text that reads back identically.  Rows: the input taken as
 * (time, total) rows; the series report_series builds from them, serially
 * or from parallel workers' partial states, must validate and read back
 * from its text and its binary form to the same bytes.  Estimates (format
 * 2): whatever parses as text or decodes as wire form of version 2 must
 * read back from both forms to the same reports, each a valid estimate.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "series_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort (a finding) unless valid reports' text reads back to them. */
static void
check_text_round_trip(const SerReport *r, size_t n, bool calendar)
{
	char	   *text = malloc(n * (SER_REPORT_TEXT_BUFLEN + 1) + 3);
	char	   *text2 = malloc(n * (SER_REPORT_TEXT_BUFLEN + 1) + 3);
	SerReport  *again = malloc((n + 1) * sizeof(SerReport));
	char		err[SER_ERRBUF_LEN];
	size_t		len = 0,
				i,
				m,
				rl;
	bool		cal2;

	if (text == NULL || text2 == NULL || again == NULL)
		abort();
	text[len++] = '{';
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			text[len++] = ',';
		rl = ser_format_report(&r[i], calendar, text + len);
		FUZZ_CHECK(rl < SER_REPORT_TEXT_BUFLEN && rl == strlen(text + len));
		len += rl;
	}
	text[len++] = '}';
	text[len] = '\0';
	FUZZ_CHECK(cs_rows_count_bound(text) >= n);
	err[0] = '\0';
	if (ser_text_parse(text, again, n + 1, &m, &cal2, err, sizeof(err)) != CS_OK)
	{
		fprintf(stderr, "%s\n%s\n", text, err);
		FUZZ_CHECK(!"a valid series' text does not read back");
	}
	FUZZ_CHECK(m == n && memcmp(r, again, n * sizeof(SerReport)) == 0);
	FUZZ_CHECK(cal2 == (calendar && n > 0));
	free(text);
	free(text2);
	free(again);
}

/* Compute a calendar edge and check it against the 128-bit reference. */
static CsStatus
checked_edge(void *arg, int64_t k, int64_t *edge)
{
	const SerCalendarBucket *b = (const SerCalendarBucket *) arg;
	int64_t		months,
				days,
				usecs,
				want = 0;
	CsStatus	wst,
				st;

	if (__builtin_mul_overflow((int64_t) b->months, k, &months) ||
		__builtin_mul_overflow((int64_t) b->days, k, &days) ||
		__builtin_mul_overflow(b->usecs, k, &usecs))
		return ser_calendar_edge(arg, k, edge);
	wst = fuzz_calendar_add(b->origin, months, days, usecs, &want);
	st = ser_calendar_edge(arg, k, edge);
	FUZZ_CHECK(st == wst && (st != CS_OK || *edge == want));
	return st;
}

static long progress_calls;

/* Count the steps of a bucket search. */
static void
count_progress(void)
{
	/* a search of more than ten million steps does not end in practice */
	FUZZ_CHECK(++progress_calls < 10000000);
}

/* Check the arithmetic on valid reports, with parameters from bytes. */
static void
check_arithmetic(const SerReport *r, size_t n, bool calendar, const uint8_t *p, size_t plen)
{
	SerReport  *c;
	int			exact;
	size_t		i;
	uint8_t		b[24];
	bool		span_ok;

	if (n == 0)
		return;
	memset(b, 0, sizeof(b));
	memcpy(b, p, plen < sizeof(b) ? plen : sizeof(b));

	/* every span, even one longer than an int64 of microseconds */
	span_ok = true;

	/* lookup and interpolation inside the span */
	if (span_ok)
	{
		uint64_t	span = (uint64_t) r[n - 1].at - (uint64_t) r[0].at;
		int64_t		t = (int64_t) ((uint64_t) r[0].at + (span ? cs_get_be64(b) % (span + 1) : 0));
		size_t		j = ser_lower_bound(r, n, t);
		double		v = ser_value_at(r, n, t, &exact);

		FUZZ_CHECK(j <= n && (j == n || r[j].at >= t) && (j == 0 || r[j - 1].at < t));
		FUZZ_CHECK(isfinite(v));
		FUZZ_CHECK(exact == (j < n && r[j].at == t));
		if (j > 0 && j < n && !exact)
			FUZZ_CHECK((v >= fmin(r[j - 1].total, r[j].total) && v <= fmax(r[j - 1].total, r[j].total)));
	}

	/* the clamp rebuild never falls and keeps the times */
	c = malloc(n * sizeof(SerReport));
	if (c == NULL)
		abort();
	ser_clamp(r, c, n);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(c[i].at == r[i].at && (i == 0 || c[i].total >= c[i - 1].total || isinf(c[i].total)));
	FUZZ_CHECK(ser_num_decreases(c, n) == 0 || !isfinite(c[n - 1].total));
	FUZZ_CHECK(ser_num_decreases(r, n) < n);
	free(c);

	/* calendar buckets over the span: edges around the first report, then a few figures */
	if (calendar && n >= 2 && span_ok)
	{
		SerCalendarBucket cb;
		double		nominal;
		int64_t		k = 0,
					edge,
					next;
		size_t		idx;
		int			steps;
		CsStatus	st;

		if (__builtin_add_overflow(r[0].at, (int64_t) (int32_t) cs_get_be64(b + 8) * INT64_C(60000000),
								   &cb.origin))
			return;
		cb.months = (int8_t) b[16];
		cb.days = (int8_t) b[17] * ((b[18] & 1) ? 100 : 1);
		cb.usecs = (int64_t) (int8_t) b[19] * INT64_C(3600000000);
		if (!cs_time_in_range(cb.origin))
			return;
		/* the nominal length the glue gives: a month of 30 days */
		nominal = ((double) cb.months * 30 + cb.days) * 86400e6 + (double) cb.usecs;
		if (!(nominal > 0))
			return;
		progress_calls = 0;
		cs_progress_hook = count_progress;
		st = ser_first_bucket(checked_edge, &cb, cb.origin, r[0].at, nominal, &k);
		FUZZ_CHECK(st == CS_OK || st == CS_ERR_INVALID || st == CS_ERR_TIME_RANGE);
		if (st == CS_OK && checked_edge(&cb, k, &edge) == CS_OK)
		{
			FUZZ_CHECK(edge <= r[0].at);
			idx = ser_lower_bound(r, n, edge);
			for (steps = 0; steps < 64 && edge < r[n - 1].at; steps++)
			{
				SerPeriod	per;

				if (checked_edge(&cb, k + 1, &next) != CS_OK)
					break;
				st = ser_period(r, n, idx, edge, next, &per);
				if (next <= edge)
				{
					FUZZ_CHECK(st == CS_ERR_INVALID);
					break;
				}
				FUZZ_CHECK(st == CS_OK || st == CS_ERR_RANGE);
				if (st != CS_OK)
					break;
				FUZZ_CHECK(per.idx_next >= idx && per.idx_next <= n && per.reports >= 0);
				FUZZ_CHECK(isfinite(per.losses) && isfinite(per.per_day));
				idx = per.idx_next;
				edge = next;
				k++;
			}
		}
		cs_progress_hook = NULL;
	}
}

/*
 * Abort unless valid reports' wire form, as series_send writes it, reads
 * back as series_recv reads it: valid, the same reports, the same bytes.
 */
static void
check_wire_round_trip(const SerReport *r, size_t n, int flags)
{
	size_t		size = ser_wire_size(n);
	uint8_t    *wire = malloc(size);
	uint8_t    *again = malloc(size);
	SerReport  *back = malloc((n + 1) * sizeof(SerReport));
	char		err[SER_ERRBUF_LEN];
	int			version,
				flags2;
	size_t		n2;

	if (wire == NULL || again == NULL || back == NULL)
		abort();
	ser_wire_encode(SER_VERSION, flags, r, n, wire);
	err[0] = '\0';
	if (ser_wire_decode_header(wire, size, &version, &flags2, &n2, err, sizeof(err)) != CS_OK ||
		ser_wire_decode(wire, size, back, n2, err, sizeof(err)) != CS_OK)
	{
		fprintf(stderr, "%s\n", err);
		FUZZ_CHECK(!"a valid series' binary form does not read back");
	}
	FUZZ_CHECK(version == SER_VERSION && flags2 == flags && n2 == n);
	FUZZ_CHECK(memcmp(r, back, n * sizeof(SerReport)) == 0);
	ser_wire_encode(version, flags2, back, n2, again);
	FUZZ_CHECK(memcmp(wire, again, size) == 0);
	free(back);
	free(again);
	free(wire);
}

/*
 * Abort unless valid reports of estimates (format 2) read back from their
 * text and their wire form: each estimate valid as the type checks it, the
 * same items byte for byte, and the wire form written again the same.
 */
static void
check_est_round_trips(const SerEstItem *items, size_t n, bool calendar)
{
	SerReport  *r = malloc((n + 1) * sizeof(SerReport));
	SerEstPart *p = malloc((n + 1) * sizeof(SerEstPart));
	SerEstItem *back = malloc((n + 1) * sizeof(SerEstItem));
	char	   *text = malloc(n * (SER_EST_REPORT_TEXT_BUFLEN + 1) + 3);
	size_t		size = ser_wire_size_est(n),
				len = 0,
				m = 0,
				i;
	uint8_t    *wire = malloc(size);
	uint8_t    *again = malloc(size);
	int			flags = calendar ? SER_CALENDAR : 0,
				flags2 = 0;
	bool		cal2 = false;
	char		err[SER_ERRBUF_LEN];

	if (r == NULL || p == NULL || back == NULL || text == NULL || wire == NULL || again == NULL)
		abort();
	for (i = 0; i < n; i++)
	{
		const char *detail = NULL;

		FUZZ_CHECK(est_check(&items[i].v, &detail) == CS_OK);
		r[i].at = items[i].at;
		ser_est_put(&items[i].v, &r[i], &p[i]);
	}

	/* text */
	text[len++] = '{';
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			text[len++] = ',';
		len += ser_format_report_est(&r[i], &p[i], calendar, text + len);
	}
	text[len++] = '}';
	text[len] = '\0';
	err[0] = '\0';
	if (ser_text_parse_est(text, back, n, &m, &cal2, err, sizeof(err)) != CS_OK)
	{
		fprintf(stderr, "%s\n%s\n", text, err);
		FUZZ_CHECK(!"a valid series of estimates' text does not read back");
	}
	FUZZ_CHECK(m == n && memcmp(back, items, n * sizeof(SerEstItem)) == 0);
	FUZZ_CHECK(cal2 == (calendar && n > 0));

	/* wire */
	ser_wire_encode_est(flags | SER_ESTIMATES, r, p, n, wire);
	FUZZ_CHECK(wire[0] == SER_VERSION_EST);
	m = 0;
	if (ser_wire_count_est(wire, size, &m, err, sizeof(err)) != CS_OK || m != n ||
		ser_wire_decode_est(wire, size, back, &m, &flags2, err, sizeof(err)) != CS_OK)
	{
		fprintf(stderr, "%s\n", err);
		FUZZ_CHECK(!"a valid series of estimates' binary form does not read back");
	}
	FUZZ_CHECK(m == n && memcmp(back, items, n * sizeof(SerEstItem)) == 0);
	FUZZ_CHECK((flags2 & SER_CALENDAR) == flags);
	for (i = 0; i < n; i++)
		ser_est_put(&back[i].v, &r[i], &p[i]);
	ser_wire_encode_est(flags2, r, p, n, again);
	FUZZ_CHECK(memcmp(wire, again, size) == 0);

	free(again);
	free(wire);
	free(text);
	free(back);
	free(p);
	free(r);
}

/* Compare reports by instant, for qsort (ties in any order). */
static int
report_cmp(const void *a, const void *b)
{
	int64_t		x = ((const SerReport *) a)->at,
				y = ((const SerReport *) b)->at;

	return x < y ? -1 : x > y;
}

/*
 * Flatten reports as report_series' final and serialize functions do: in
 * time order, one report per instant (the largest total).  Returns the
 * count.
 */
static size_t
flatten(SerReport *r, size_t n)
{
	qsort(r, n, sizeof(SerReport), report_cmp);
	FUZZ_CHECK(ser_is_sorted(r, n));
	return ser_dedup_sorted(r, n);
}

/* the most rows taken from one input */
#define MAX_ROWS	64

/*
 * Build what report_series builds from the input as rows: a control byte
 * (bit 0: rows of dates), then 12 bytes a row (a time step, in
 * milliseconds or days, and a total, a float or 8 bytes; two bits pick the
 * parallel worker that gets it).  Serially the final function flattens all
 * the rows; in parallel each worker flattens its own, and the leader
 * flattens what they send.  Both must give the same series, which must
 * validate, read back from its text and binary forms, and take the
 * arithmetic.
 */
static void
check_rows(const uint8_t *data, size_t size)
{
	bool		calendar = (data[0] & 1) != 0;
	size_t		nrows = (size - 1) / 12,
				n = 0,
				np[4] = {0, 0, 0, 0},
				nall,
				ngather = 0,
				i;
	int64_t		t = INT64_C(8766) * CS_USECS_PER_DAY;
	SerReport	all[MAX_ROWS],
				part[4][MAX_ROWS],
				gather[MAX_ROWS];
	int			k;

	if (nrows > MAX_ROWS)
		nrows = MAX_ROWS;
	for (i = 0; i < nrows; i++)
	{
		const uint8_t *p = data + 1 + 12 * i;
		int32_t		step;
		float		fv;
		double		v;
		int64_t		dt;
		int			w = (p[2] >> 6) & 3;

		memcpy(&step, p, 4);
		memcpy(&fv, p + 4, 4);
		v = (p[0] & 0x80) ? cs_get_float8(p + 4) : (double) fv;
		if (__builtin_mul_overflow((int64_t) step, (p[1] & 1) ? CS_USECS_PER_DAY : 1000, &dt) ||
			__builtin_add_overflow(t, dt, &t) || !cs_time_in_range(t))
			break;
		if (!isfinite(v))
			continue;			/* the glue refuses these before the core */
		/* as the transition stores a report: -0 made +0 */
		all[n].at = t;
		all[n].total = v == 0.0 ? 0.0 : v;
		part[w][np[w]++] = all[n];
		n++;
	}
	if (n == 0)
		return;					/* no rows: a NULL series */
	nall = flatten(all, n);
	for (k = 0; k < 4; k++)
	{
		size_t		m = flatten(part[k], np[k]);

		memcpy(gather + ngather, part[k], m * sizeof(SerReport));
		ngather += m;
	}
	FUZZ_CHECK(flatten(gather, ngather) == nall);
	FUZZ_CHECK(memcmp(gather, all, nall * sizeof(SerReport)) == 0);

	FUZZ_CHECK(ser_check(SER_VERSION, calendar ? SER_CALENDAR : 0, all, nall, NULL, 0) == CS_OK);
	check_text_round_trip(all, nall, calendar);
	check_wire_round_trip(all, nall, calendar ? SER_CALENDAR : 0);
	check_arithmetic(all, nall, calendar, data, size);
}

/* Check one input: libFuzzer's entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str;
	char		err[SER_ERRBUF_LEN];
	size_t		cap,
				n;
	SerReport  *r;
	int			version,
				flags;
	bool		calendar = false;
	CsStatus	st;

	/* as text */
	str = fuzz_text(data, size);
	cap = cs_rows_count_bound(str);
	FUZZ_CHECK(cap <= size / 14 + 1);
	r = malloc((cap + 1) * sizeof(SerReport));
	if (r == NULL)
		abort();
	err[0] = '\0';
	st = ser_text_parse(str, r, cap, &n, &calendar, err, sizeof(err));
	if (st == CS_OK)
	{
		FUZZ_CHECK(ser_check(SER_VERSION, calendar ? SER_CALENDAR : 0, r, n, err, sizeof(err)) == CS_OK);
		FUZZ_CHECK(!calendar || n > 0);
		check_text_round_trip(r, n, calendar);
		check_arithmetic(r, n, calendar, data, size);
	}
	else
		FUZZ_CHECK(err[0] != '\0' && (st == CS_ERR_SYNTAX || st == CS_ERR_INVALID || st == CS_ERR_LIMIT));
	free(r);
	free(str);

	/* as the text of a series of estimates (format 2) */
	str = fuzz_text(data, size);
	cap = cs_rows_count_bound(str);
	{
		SerEstItem *items = malloc((cap + 1) * sizeof(SerEstItem));

		if (items == NULL)
			abort();
		err[0] = '\0';
		st = ser_text_parse_est(str, items, cap, &n, &calendar, err, sizeof(err));
		if (st == CS_OK)
			check_est_round_trips(items, n, calendar);
		else
			FUZZ_CHECK(err[0] != '\0');
		free(items);
	}
	free(str);

	/* as the wire form of a series of estimates */
	if (size > 0 && data[0] == SER_VERSION_EST &&
		ser_wire_count_est(data, size, &n, err, sizeof(err)) == CS_OK)
	{
		SerEstItem *items = malloc((n + 1) * sizeof(SerEstItem));

		if (items == NULL)
			abort();
		err[0] = '\0';
		if (ser_wire_decode_est(data, size, items, &n, &flags, err, sizeof(err)) == CS_OK)
			check_est_round_trips(items, n, (flags & SER_CALENDAR) != 0);
		else
			FUZZ_CHECK(err[0] != '\0');
		free(items);
	}

	/* as the wire form */
	if (ser_wire_decode_header(data, size, &version, &flags, &n, err, sizeof(err)) == CS_OK)
	{
		uint8_t    *again;
		SerReport  *r2;

		FUZZ_CHECK(ser_wire_size(n) == size);
		r = malloc((n + 1) * sizeof(SerReport));
		r2 = malloc((n + 1) * sizeof(SerReport));
		again = malloc(ser_wire_size(n));
		if (r == NULL || r2 == NULL || again == NULL)
			abort();
		if (ser_wire_decode(data, size, r, n, err, sizeof(err)) == CS_OK)
		{
			size_t		i;

			FUZZ_CHECK(ser_check(version, flags, r, n, err, sizeof(err)) == CS_OK);
			ser_wire_encode(version, flags, r, n, again);
			/* the same bytes, but for -0 totals, which read as +0 */
			for (i = 0; i < n; i++)
			{
				const uint8_t *in = data + SER_WIRE_HEADER_SIZE + i * SER_WIRE_REPORT_SIZE;
				const uint8_t *out = again + SER_WIRE_HEADER_SIZE + i * SER_WIRE_REPORT_SIZE;

				FUZZ_CHECK(memcmp(in, out, 8) == 0);
				FUZZ_CHECK(memcmp(in + 8, out + 8, 8) == 0 ||
						   (cs_get_float8(in + 8) == 0.0 && cs_get_float8(out + 8) == 0.0));
			}
			FUZZ_CHECK(memcmp(again, data, SER_WIRE_HEADER_SIZE) == 0);
			FUZZ_CHECK(ser_wire_decode(again, size, r2, n, NULL, 0) == CS_OK &&
					   memcmp(r, r2, n * sizeof(SerReport)) == 0);
			check_text_round_trip(r, n, (flags & SER_CALENDAR) != 0 && n > 0);
			check_arithmetic(r, n, (flags & SER_CALENDAR) != 0, data, size);
		}
		else
			FUZZ_CHECK(err[0] != '\0');
		free(r);
		free(r2);
		free(again);
	}

	/* as rows */
	if (size >= 13)
		check_rows(data, size);
	return 0;
}
