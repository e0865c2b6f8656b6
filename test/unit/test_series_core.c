/*
 * test_series_core.c
 *		Unit tests of the plain-C series core (src/series_core.c,
 *		src/series_collector.c): the text form of calendar and instant
 *		series, the binary (wire) form, validation, deduplication, lookup,
 *		interpolation, the clamp rebuild, calendar bucket edges, the bucket
 *		search, the figures of a bucket, the collector of report_series
 *		against sorting the same reports, and bucket edges of instants in a
 *		time zone.
 *
 * Prints TAP.  Built by test/Makefile with AddressSanitizer and UBSan.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "series_core.h"
#include "tap.h"
#include "unit.h"

/* microseconds in a day, and a day's time: day d after 2024-01-01 */
#define DAY			CS_USECS_PER_DAY
#define D(d)		(INT64_C(8766) * DAY + (int64_t) (d) * DAY)

/* Give a random finite double of any sign and magnitude, -0 excluded. */
static double
random_double(void)
{
	double		d;

	do
	{
		uint64_t	bits = next_random();

		memcpy(&d, &bits, sizeof(d));
	} while (!isfinite(d) || (d == 0.0 && signbit(d)));
	return d;
}

/* Parse text; return the status, the count in *n and the kind in *calendar. */
static CsStatus
parse(const char *text, SerReport *r, size_t cap, size_t *n, bool *calendar, char *err)
{
	return ser_text_parse(text, r, cap, n, calendar, err, SER_ERRBUF_LEN);
}

/* Format n reports as the type's output does. */
static void
format(const SerReport *r, size_t n, bool calendar, char *buf)
{
	size_t		len = 0,
				i;

	buf[len++] = '{';
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			buf[len++] = ',';
		len += ser_format_report(&r[i], calendar, buf + len);
	}
	buf[len++] = '}';
	buf[len] = '\0';
}

/* Test the text form on fixed inputs. */
static void
test_text(void)
{
	SerReport	r[8];
	size_t		n;
	bool		calendar;
	char		err[SER_ERRBUF_LEN];
	char		out[1024];
	static const struct
	{
		const char *in;
		const char *out;
		bool		calendar;
	}			good[] = {
		{"{}", "{}", false},
		{"  {  }  ", "{}", false},
		{"{(2024-01-01,100)}", "{(2024-01-01,100)}", true},
		{"{(2024-01-01T00:00:00Z,100)}", "{(2024-01-01T00:00:00Z,100)}", false},
		{"{ ( 2024-01-01 , 100 ) , ( 2024-02-01 , 250.5 ) }", "{(2024-01-01,100),(2024-02-01,250.5)}", true},
		{"{(2024-01-01 12:30:00.5+02,-0),(2024-01-02T00:00Z,1e3)}",
		"{(2024-01-01T10:30:00.5Z,0),(2024-01-02T00:00:00Z,1000)}", false},
		{"{(2024-01-03 01:02:03.000001 -0130, 0.1)}", "{(2024-01-03T02:32:03.000001Z,0.1)}", false},
		{"{(2000-01-01 00:00:00+00,0.30000000000000004)}", "{(2000-01-01T00:00:00Z,0.30000000000000004)}", false},
		{"{(-0043-03-15,1),(0000-12-31 23:59:59,2)}", "{(-0043-03-15,1),(0000-12-31T23:59:59,2)}", true},
		{"{(-4713-11-24,1)}", "{(-4713-11-24,1)}", true},
		{"{(-4713-11-24Z,1)}", "{(-4713-11-24T00:00:00Z,1)}", false},
		{"{(294276-12-31 23:59:59.999999,3)}", "{(294276-12-31T23:59:59.999999,3)}", true},
		{"{(294276-12-31T23:59:59.999999Z,3)}", "{(294276-12-31T23:59:59.999999Z,3)}", false},
		{"{(2024-02-29 06:00 +05:30,1e+300)}", "{(2024-02-29T00:30:00Z,1e+300)}", false},
		{"{(2024-01-01,5e-324),(2024-01-02,-1.7976931348623157e308)}",
		"{(2024-01-01,5e-324),(2024-01-02,-1.7976931348623157e+308)}", true},
	};
	static const struct
	{
		const char *in;
		const char *detail;
	}			bad[] = {
		{"", "A series starts with \"{\"."},
		{"{", "Report 1 does not start with \"(\"."},
		{"}", "starts with \"{\""},
		{"[]", "starts with \"{\""},
		{"{(2024-01-01,1)", "Expected \",\" or \"}\" after report 1."},
		{"{(2024-01-01,1)} x", "Unexpected text after the closing \"}\"."},
		{"{(2024-01-01 1)}", "was expected"},
		{"{(2024-01-01;1)}", "Report 1 needs \",\" between its time and its total"},
		{"{(2024-01-01,)}", "A number was expected"},
		{"{(2024-01-01,12abc)}", "Report 1 does not end with \")\""},
		{"{(2024-01-01,NaN)}", "A number was expected"},
		{"{(2024-01-01,inf)}", "A number was expected"},
		{"{(2024-01-01,0x10)}", "hexadecimal"},
		{"{(2024-01-01,1e999)}", "Report 1 has a total too large for a double."},
		{"{(2024-02-30,1)}", "does not exist"},
		{"{(2023-02-29,1)}", "does not exist"},
		{"{(2024-01-01 24:00,1)}", "time of day"},
		{"{(2024-01-01 00:60,1)}", "time of day"},
		{"{(2024-01-01 00:00:60,1)}", "time of day"},
		{"{(2024-01-01 00:00:00.1234567,1)}", "six fractional digits"},
		{"{(294277-01-01,1)}", "out of the range"},
		{"{(-4713-11-23,1)}", "out of the range"},
		{"{(24-01-01,1)}", "was expected"},
		{"{(January 1 2024,1)}", "was expected"},
		{"{(2024-01-01 +16,1)}", "offset"},
		{"{(2024-01-01,1),(2024-01-01,2)}", "Reports 1 and 2 are at the same time."},
		{"{(2024-02-01,1),(2024-01-01,2)}", "report 2 is earlier than report 1"},
		{"{(2024-01-01,1),(2024-01-02T00:00:00Z,2)}",
		"Report 2 has an instant, the reports before it calendar times: a series holds times of one kind."},
		{"{(2024-01-01T00:00:00Z,1),(2024-01-02,2)}", "Report 2 has a calendar time, the reports before it instants"},
		{"{(2024-01-01,1),}", "Report 2 does not start with \"(\"."},
		{"{,(2024-01-01,1)}", "Report 1 does not start with \"(\"."},
		{"{(2024-01-01T,1)}", "was expected"},
		{"{(2024-01-01 00:00:00.,1)}", "needs \",\" between its time and its total"},
		{"{(2024-01-01,1)(2024-01-02,2)}", "Expected \",\" or \"}\" after report 1."},
	};
	size_t		i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
	{
		CsStatus	st = parse(good[i].in, r, 8, &n, &calendar, err);

		if (st != CS_OK)
		{
			ok(0, "text: \"%s\" parses (%s)", good[i].in, err);
			continue;
		}
		format(r, n, calendar, out);
		ok(strcmp(out, good[i].out) == 0 && calendar == good[i].calendar,
		   "text: \"%s\" reads as %s, %s (got %s)", good[i].in, good[i].out,
		   good[i].calendar ? "calendar" : "instants", out);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		CsStatus	st;

		err[0] = '\0';
		st = parse(bad[i].in, r, 8, &n, &calendar, err);
		if (!ok(st != CS_OK && strstr(err, bad[i].detail) != NULL, "text: \"%s\" is rejected: \"%s\"",
				bad[i].in, bad[i].detail))
			diag("got %d \"%s\"", (int) st, err);
	}
	err[0] = '\0';
	ok(parse("{(2024-01-01,1),(2024-01-02,2),(2024-01-03,3)}", r, 2, &n, &calendar, err) == CS_ERR_SYNTAX &&
	   strstr(err, "at most") != NULL, "text: more reports than the room given is refused (%s)", err);
	ok(ser_text_parse("{(2024-01-01,1)}", r, 8, &n, &calendar, NULL, 0) == CS_OK && n == 1 && calendar,
	   "text: a NULL detail buffer is fine");
	/* the count bound covers every valid text */
	ok(cs_rows_count_bound("{(2024-01-01,1),(2024-01-02,2)}") >= 2, "text: count bound");
	ok(cs_rows_count_bound("{(0000-01-01,0),(0000-01-02,0),(0000-01-03,0)}") >= 3,
	   "text: count bound of the shortest reports");
	ok(cs_rows_count_bound("((((((((((((((((((((((((((((") <= 3, "text: count bound of garbage is small");
}

/* Test round trips of random series of both kinds through both forms. */
static void
test_round_trips(void)
{
	int			iter,
				fails_text = 0,
				fails_wire = 0;

	for (iter = 0; iter < 20000; iter++)
	{
		SerReport	r[8],
					r2[8];
		size_t		n = next_random() % 8,
					m,
					j;
		char		text[8 * SER_REPORT_TEXT_BUFLEN + 4];
		uint8_t		wire[SER_WIRE_HEADER_SIZE + 8 * SER_WIRE_REPORT_SIZE];
		uint8_t		again[SER_WIRE_HEADER_SIZE + 8 * SER_WIRE_REPORT_SIZE];
		char		err[SER_ERRBUF_LEN];
		int			v,
					f;
		bool		cal = (iter & 1) != 0,
					cal2 = !cal;
		uint64_t	span = (uint64_t) CS_TS_END - (uint64_t) CS_TS_MIN;
		int64_t		at = (int64_t) ((uint64_t) CS_TS_MIN + next_random() % (span / 2));

		for (j = 0; j < n; j++)
		{
			r[j].at = at;
			r[j].total = random_double();
			at += 1 + (int64_t) (next_random() % (span / 32));
			if (at >= CS_TS_END)
			{
				n = j + 1;
				break;
			}
		}
		format(r, n, cal, text);
		if (parse(text, r2, 8, &m, &cal2, err) != CS_OK || m != n ||
			memcmp(r, r2, n * sizeof(SerReport)) != 0 || cal2 != (cal && n > 0))
		{
			if (fails_text++ == 0)
				diag("text round trip failed: %s (%s)", text, err);
		}
		ser_wire_encode(SER_VERSION, cal ? SER_CALENDAR : 0, r, n, wire);
		if (ser_wire_decode_header(wire, ser_wire_size(n), &v, &f, &m, err, sizeof(err)) != CS_OK ||
			m != n || v != SER_VERSION || f != (cal ? SER_CALENDAR : 0) ||
			ser_wire_decode(wire, ser_wire_size(n), r2, n, err, sizeof(err)) != CS_OK ||
			memcmp(r, r2, n * sizeof(SerReport)) != 0)
			fails_wire++;
		else
		{
			ser_wire_encode(v, f, r2, n, again);
			if (memcmp(wire, again, ser_wire_size(n)) != 0)
				fails_wire++;
		}
	}
	ok(fails_text == 0, "text form round-trips 20000 random series of both kinds bit for bit (%d failures)", fails_text);
	ok(fails_wire == 0, "binary form round-trips 20000 random series of both kinds, to the same bytes (%d failures)",
	   fails_wire);
}

/* Test the wire form's pinned bytes and its rejections. */
static void
test_wire(void)
{
	SerReport	r[2] = {{0, 100.0}, {1, -2.5}};
	uint8_t		wire[SER_WIRE_HEADER_SIZE + 2 * SER_WIRE_REPORT_SIZE];
	static const uint8_t pinned[] = {
		0x01, 0x00, 0x00, 0x00, 0x00, 0x02,
		0, 0, 0, 0, 0, 0, 0, 0, 0x40, 0x59, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 1, 0xc0, 0x04, 0, 0, 0, 0, 0, 0,
	};
	char		err[SER_ERRBUF_LEN];
	int			v,
				f;
	size_t		n;
	SerReport	out[2];

	ser_wire_encode(SER_VERSION, 0, r, 2, wire);
	ok(sizeof(pinned) == ser_wire_size(2) && memcmp(wire, pinned, sizeof(pinned)) == 0,
	   "wire: bytes of a two-report series are pinned");

	wire[0] = 2;
	ok(ser_wire_decode_header(wire, sizeof(pinned), &v, &f, &n, err, sizeof(err)) == CS_ERR_INVALID,
	   "wire: unknown version rejected (%s)", err);
	wire[0] = 1;
	wire[1] = 0x80;
	ok(ser_wire_decode_header(wire, sizeof(pinned), &v, &f, &n, err, sizeof(err)) == CS_ERR_INVALID,
	   "wire: unknown flags rejected (%s)", err);
	wire[1] = 0;
	ok(ser_wire_decode_header(wire, 5, &v, &f, &n, err, sizeof(err)) == CS_ERR_SYNTAX,
	   "wire: short header rejected (%s)", err);
	ok(ser_wire_decode_header(wire, sizeof(pinned) - 1, &v, &f, &n, err, sizeof(err)) == CS_ERR_SYNTAX,
	   "wire: length not matching the count rejected (%s)", err);
	wire[2] = wire[3] = wire[4] = wire[5] = 0xff;
	ok(ser_wire_decode_header(wire, sizeof(pinned), &v, &f, &n, err, sizeof(err)) == CS_ERR_SYNTAX &&
	   strstr(err, "bytes of reports") != NULL,
	   "wire: a huge count the bytes do not hold is corrupt input, not a limit (%s)", err);
	/* only the header is read: a length that holds one report more than a series */
	cs_put_be32(wire + 2, (uint32_t) SER_MAX_REPORTS + 1);
	ok(ser_wire_decode_header(wire, ser_wire_size(SER_MAX_REPORTS + 1), &v, &f, &n, err, sizeof(err)) == CS_ERR_LIMIT,
	   "wire: a message that holds more reports than a series can is the limit (%s)", err);
	memcpy(wire, pinned, sizeof(pinned));
	wire[SER_WIRE_HEADER_SIZE + 16 + 7] = 0;	/* second instant = first */
	ok(ser_wire_decode(wire, sizeof(pinned), out, 2, err, sizeof(err)) == CS_ERR_INVALID,
	   "wire: duplicate instant rejected (%s)", err);
	memcpy(wire, pinned, sizeof(pinned));
	wire[SER_WIRE_HEADER_SIZE + 8] = 0x7f;
	wire[SER_WIRE_HEADER_SIZE + 9] = 0xf8;
	ok(ser_wire_decode(wire, sizeof(pinned), out, 2, err, sizeof(err)) == CS_ERR_INVALID,
	   "wire: NaN total rejected (%s)", err);
	memcpy(wire, pinned, sizeof(pinned));
	wire[SER_WIRE_HEADER_SIZE] = 0x7f;
	ok(ser_wire_decode(wire, sizeof(pinned), out, 2, err, sizeof(err)) == CS_ERR_INVALID,
	   "wire: instant out of range rejected (%s)", err);
	memcpy(wire, pinned, sizeof(pinned));
	memset(wire + SER_WIRE_HEADER_SIZE + 8, 0, 8);		/* first total -0 */
	wire[SER_WIRE_HEADER_SIZE + 8] = 0x80;
	ok(ser_wire_decode(wire, sizeof(pinned), out, 2, err, sizeof(err)) == CS_OK &&
	   out[0].total == 0.0 && !signbit(out[0].total),
	   "wire: -0 total is read as +0");
	memcpy(wire, pinned, sizeof(pinned));
	wire[1] = SER_CALENDAR;
	ok(ser_wire_decode_header(wire, sizeof(pinned), &v, &f, &n, err, sizeof(err)) == CS_OK &&
	   f == SER_CALENDAR && n == 2 && ser_wire_decode(wire, sizeof(pinned), out, 2, err, sizeof(err)) == CS_OK,
	   "wire: the calendar flag is read");
	wire[1] = 0x02;
	err[0] = '\0';
	ok(ser_wire_decode_header(wire, sizeof(pinned), &v, &f, &n, err, sizeof(err)) == CS_ERR_INVALID &&
	   strstr(err, "Unknown flag bits 0x02") != NULL, "wire: the flag bit 0x02 is unknown (%s)", err);
	wire[1] = 0;
	ok(ser_wire_decode(wire, sizeof(pinned) - 16, out, 2, err, sizeof(err)) == CS_ERR_SYNTAX,
	   "wire: reports decoded from a message of another length are refused");
	ok(ser_wire_decode_header(wire, 6, &v, &f, &n, err, sizeof(err)) == CS_ERR_SYNTAX,
	   "wire: a header alone that counts two reports is refused");
	{
		uint8_t		empty[SER_WIRE_HEADER_SIZE];

		ser_wire_encode(SER_VERSION, 0, NULL, 0, empty);
		ok(ser_wire_size(0) == 6 && ser_wire_decode_header(empty, 6, &v, &f, &n, err, sizeof(err)) == CS_OK &&
		   n == 0 && ser_wire_decode(empty, 6, out, 0, err, sizeof(err)) == CS_OK, "wire: the empty series");
	}
}

/* ------------------------------------------------------------------------
 * Buckets
 */

/* Give the time of y-m-d hh:00. */
static int64_t
ymd(int64_t y, int m, int d, int hh)
{
	return cs_days_from_civil(y, m, d) * DAY + (int64_t) hh * INT64_C(3600000000);
}

/* Say whether edge k of a calendar bucket is y-m-d. */
static int
edge_is(SerCalendarBucket *b, int64_t k, int64_t y, int m, int d)
{
	int64_t		e = 0;
	CsStatus	st = ser_calendar_edge(b, k, &e);

	if (st == CS_OK && e == ymd(y, m, d, 0))
		return 1;
	{
		char		buf[CS_TIME_BUFLEN];

		cs_format_time(e, CS_TIME_CALENDAR, buf);
		diag("edge %lld: %d %s", (long long) k, (int) st, st == CS_OK ? buf : "");
	}
	return 0;
}

/* an instant bucketing of fixed length for the tests: origin + k * len */
typedef struct FixedBucket
{
	int64_t		origin;
	int64_t		len;
	int			calls;
} FixedBucket;

/* Give origin + k * len, or CS_ERR_TIME_RANGE. */
static CsStatus
fixed_edge(void *arg, int64_t k, int64_t *edge)
{
	FixedBucket *b = (FixedBucket *) arg;
	int64_t		off,
				e;

	if (++b->calls > 1000000)
		return CS_ERR_LIMIT;	/* a search that does not end: a finding */
	if (__builtin_mul_overflow(b->len, k, &off) || __builtin_add_overflow(b->origin, off, &e) ||
		!cs_time_in_range(e))
		return CS_ERR_TIME_RANGE;
	*edge = e;
	return CS_OK;
}

static int progress_calls = 0;

/* Count the calls of the progress hook. */
static void
count_progress(void)
{
	progress_calls++;
}

/* Divide rounding toward minus infinity. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t		q = a / b;

	if (a % b != 0 && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* Run ser_calendar_edge on a bucket far enough to leave the range. */
static int
far_edge_is_range(void *arg)
{
	SerCalendarBucket *b = (SerCalendarBucket *) arg;
	int64_t		e;

	return ser_calendar_edge(b, 1, &e) == CS_ERR_TIME_RANGE;
}

/* Test calendar edges and the bucket search. */
static void
test_buckets(void)
{
	SerCalendarBucket m = {ymd(2024, 1, 31, 0), 1, 0, 0};
	int64_t		k = -99,
				e;
	int			r,
				bad = 0;

	/* months keep the origin's day, clipped to each month */
	ok(edge_is(&m, 0, 2024, 1, 31), "monthly edges from 2024-01-31: edge 0 is the origin");
	ok(edge_is(&m, 1, 2024, 2, 29), "monthly edges from 2024-01-31: Feb 29");
	ok(edge_is(&m, 2, 2024, 3, 31), "monthly edges from 2024-01-31: Mar 31 (not Mar 29)");
	ok(edge_is(&m, 3, 2024, 4, 30), "monthly edges from 2024-01-31: Apr 30");
	ok(edge_is(&m, 13, 2025, 2, 28), "monthly edges from 2024-01-31: edge 13 is 2025-02-28");
	ok(edge_is(&m, -1, 2023, 12, 31), "monthly edges from 2024-01-31: edge -1 is 2023-12-31");
	ok(edge_is(&m, -11, 2023, 2, 28), "monthly edges from 2024-01-31: edge -11 is 2023-02-28");
	{
		SerCalendarBucket w = {ymd(2024, 1, 1, 0), 0, 7, 0};
		SerCalendarBucket h = {ymd(2024, 3, 30, 22), 0, 0, INT64_C(3600000000)};
		SerCalendarBucket mix = {ymd(2024, 1, 31, 0), 1, 1, INT64_C(3600000000)};

		ok(edge_is(&w, 40, 2024, 10, 7), "weekly edges from 2024-01-01: edge 40 is 2024-10-07");
		ok(ser_calendar_edge(&h, 3, &e) == CS_OK && e == ymd(2024, 3, 31, 1),
		   "hourly calendar edges run through a night without zones");
		ok(ser_calendar_edge(&mix, 2, &e) == CS_OK && e == ymd(2024, 4, 2, 2),
		   "edge 2 of (1 month, 1 day, 1 hour) from 2024-01-31 is 2024-04-02 02:00");
	}
	{
		SerCalendarBucket big = {ymd(2024, 1, 1, 0), INT32_MAX, 0, 0};
		SerCalendarBucket neg = {ymd(2024, 1, 1, 0), 0, 0, -INT64_C(1)};

		ok(ser_calendar_edge(&big, INT64_MAX, &e) == CS_ERR_TIME_RANGE,
		   "an edge whose months overflow int64 is CS_ERR_TIME_RANGE");
		ok(ser_calendar_edge(&neg, INT64_MIN, &e) == CS_ERR_TIME_RANGE,
		   "an edge whose microseconds overflow int64 is CS_ERR_TIME_RANGE");
		big.months = 12 * 100000;
		ok(ser_calendar_edge(&big, 2, &e) == CS_OK && e == ymd(202024, 1, 1, 0) &&
		   ser_calendar_edge(&big, -1, &e) == CS_ERR_TIME_RANGE,
		   "a bucket of 100000 years: edge 2 in range, edge -1 is CS_ERR_TIME_RANGE");
		big.months = 12 * 300000;
		ok(survives(far_edge_is_range, &big),
				"an edge 300000 years on is CS_ERR_TIME_RANGE, without int64 overflow");
		big.origin = ymd(294276, 6, 1, 0);
		big.months = 12;
		ok(survives(far_edge_is_range, &big),
				"a yearly edge after 294276-06-01 is CS_ERR_TIME_RANGE, without int64 overflow");
	}

	/* the bucket that holds a time */
	ok(ser_first_bucket(ser_calendar_edge, &m, m.origin, ymd(2024, 3, 31, 0), 30 * 86400e6, &k) == CS_OK &&
	   k == 2, "2024-03-31 lies in bucket 2 of months from 2024-01-31");
	ok(ser_first_bucket(ser_calendar_edge, &m, m.origin, ymd(2024, 3, 30, 23), 30 * 86400e6, &k) == CS_OK &&
	   k == 1, "2024-03-30 23:00 lies in bucket 1");
	ok(ser_first_bucket(ser_calendar_edge, &m, m.origin, m.origin, 30 * 86400e6, &k) == CS_OK && k == 0,
	   "the origin lies in bucket 0");
	ok(ser_first_bucket(ser_calendar_edge, &m, m.origin, m.origin - 1, 30 * 86400e6, &k) == CS_OK && k == -1,
	   "a microsecond before the origin lies in bucket -1");
	{
		SerCalendarBucket far = {ymd(1900, 1, 1, 0), 1, 0, 0};
		SerCalendarBucket future = {ymd(3000, 1, 15, 0), 1, 0, 0};
		SerCalendarBucket bc = {ymd(-4000, 3, 1, 0), 12, 0, 0};

		ok(ser_first_bucket(ser_calendar_edge, &far, far.origin, ymd(2024, 10, 9, 0), 30 * 86400e6, &k) == CS_OK &&
		   k == 124 * 12 + 9, "a distant origin (1900-01-01): 2024-10-09 lies in bucket %d", 124 * 12 + 9);
		ok(ser_first_bucket(ser_calendar_edge, &future, future.origin, ymd(2024, 10, 9, 0), 30 * 86400e6, &k) == CS_OK &&
		   k == -(975 * 12 + 4) && ser_calendar_edge(&future, k, &e) == CS_OK && e == ymd(2024, 9, 15, 0),
		   "an origin in 3000: 2024-10-09 lies in the bucket from 2024-09-15");
		ok(ser_first_bucket(ser_calendar_edge, &bc, bc.origin, ymd(2024, 2, 29, 0), 365.25 * 86400e6, &k) == CS_OK &&
		   k == 6023 && ser_calendar_edge(&bc, k, &e) == CS_OK && e == ymd(2023, 3, 1, 0),
		   "yearly from 4001 BC: 2024-02-29 lies in the year from 2023-03-01");
	}
	{
		SerCalendarBucket stuck = {ymd(2024, 1, 31, 0), 1, -31, 0};

		ok(ser_first_bucket(ser_calendar_edge, &stuck, stuck.origin, ymd(2024, 6, 1, 0), 86400e6, &k) ==
		   CS_ERR_INVALID, "a bucket that does not advance (1 month -31 days): CS_ERR_INVALID");
		stuck.days = -30;
		{
			static const double nominal[] = {0.01, 0.44, 1, 30};
			int			i,
						good = 1;

			for (i = 0; i < 4; i++)
			{
				CsStatus	st = ser_first_bucket(ser_calendar_edge, &stuck, stuck.origin, ymd(2024, 6, 1, 0),
												  nominal[i] * 86400e6, &k);
				int64_t		e0 = 0,
							e1 = 0;

				if (!(st == CS_ERR_INVALID ||
					  (st == CS_OK && ser_calendar_edge(&stuck, k, &e0) == CS_OK &&
					   ser_calendar_edge(&stuck, k + 1, &e1) == CS_OK &&
					   e0 <= ymd(2024, 6, 1, 0) && ymd(2024, 6, 1, 0) < e1)))
					good = 0;
			}
			ok(good, "a bucket whose edges step back now and then (1 month -30 days): CS_ERR_INVALID, or edges around t");
		}
	}
	{
		SerCalendarBucket year = {ymd(2024, 1, 1, 0), 12 * 1000, 0, 0};

		ok(ser_first_bucket(ser_calendar_edge, &year, year.origin, ymd(-4000, 1, 1, 0), 365.25e3 * 86400e6, &k) ==
		   CS_ERR_TIME_RANGE, "a bucket whose edge leaves the range: CS_ERR_TIME_RANGE");
	}

	/* fixed buckets against floor division, with guesses good and bad */
	for (r = 0; r < 20000; r++)
	{
		FixedBucket fb;
		int64_t		t,
					want;
		double		nominal;
		CsStatus	st;

		fb.len = 1 + (int64_t) (next_random() % (uint64_t) (r % 3 == 0 ? 1000 : 400 * DAY));
		fb.origin = D((int64_t) (next_random() % 20000) - 10000) + (int64_t) (next_random() % DAY);
		fb.calls = 0;
		t = D((int64_t) (next_random() % 20000) - 10000) + (int64_t) (next_random() % DAY);
		want = floor_div(t - fb.origin, fb.len);
		if (want > INT64_C(1000000000000))
			continue;
		nominal = (double) fb.len * (r % 4 == 0 ? 1.0 : r % 4 == 1 ? 1.7 : r % 4 == 2 ? 0.6 : 1.0001);
		/* (a guess more than 1e9 buckets off is checked below) */
		if (fabs(floor((double) (t - fb.origin) / nominal) - (double) want) > 5e8)
			continue;
		st = ser_first_bucket(fixed_edge, &fb, fb.origin, t, nominal, &k);
		if (st != CS_OK || k != want || fb.calls > 40)
		{
			if (bad++ < 3)
				diag("origin %lld, length %lld, t %lld: %d k %lld, want %lld (%d edges computed)",
					 (long long) fb.origin, (long long) fb.len, (long long) t, (int) st, (long long) k,
					 (long long) want, fb.calls);
		}
	}
	ok(bad == 0, "20000 random fixed bucketings: ser_first_bucket finds floor((t - origin) / length) (%d bad)", bad);

	/* random calendar bucketings: the edges around the answer hold t */
	bad = 0;
	for (r = 0; r < 5000; r++)
	{
		SerCalendarBucket b;
		int64_t		t,
					e0,
					e1;
		double		nominal;

		b.origin = D((int64_t) (next_random() % 40000) - 20000) + (int64_t) (next_random() % 24) * INT64_C(3600000000);
		b.months = (int32_t) (next_random() % 25);
		b.days = (int32_t) (next_random() % 40);
		b.usecs = (int64_t) (next_random() % 3) * INT64_C(3600000000) * 7;
		if (b.months == 0 && b.days == 0 && b.usecs == 0)
			b.days = 1;
		nominal = (b.months * 30.0 + b.days) * 86400e6 + (double) b.usecs;
		t = D((int64_t) (next_random() % 40000) - 20000) + (int64_t) (next_random() % DAY);
		if (ser_first_bucket(ser_calendar_edge, &b, b.origin, t, nominal, &k) != CS_OK ||
			ser_calendar_edge(&b, k, &e0) != CS_OK || ser_calendar_edge(&b, k + 1, &e1) != CS_OK ||
			!(e0 <= t && t < e1))
		{
			if (bad++ < 3)
				diag("bucket (%d months, %d days, %lld us) from %lld: t %lld, k %lld",
					 (int) b.months, (int) b.days, (long long) b.usecs, (long long) b.origin,
					 (long long) t, (long long) k);
		}
	}
	ok(bad == 0, "5000 random calendar bucketings: edge(k) <= t < edge(k + 1) (%d bad)", bad);

	/* a far guess steps, and the progress hook runs while it does */
	{
		FixedBucket fb = {D(0), DAY, 0};

		cs_progress_hook = count_progress;
		progress_calls = 0;
		ok(ser_first_bucket(fixed_edge, &fb, fb.origin, D(300), 1e30, &k) == CS_OK && k == 300 &&
		   progress_calls > 0, "a useless nominal length still finds the bucket, calling the progress hook");
		cs_progress_hook = NULL;
		ok(ser_first_bucket(fixed_edge, &fb, fb.origin, D(300), 0, &k) == CS_ERR_TIME_RANGE,
		   "a nominal length of 0: CS_ERR_TIME_RANGE");
	}

	/*
	 * A guess far off in buckets: doubling and halving find the bucket in a
	 * few dozen edges (fixed_edge stops the search after a million edges).
	 */
	{
		FixedBucket fb = {D(0), 1000, 0};

		ok(ser_first_bucket(fixed_edge, &fb, fb.origin, D(3650), 1700.0, &k) == CS_OK &&
				k == 3650 * (DAY / 1000) && fb.calls < 100,
				"a nominal length 1.7 times the real one, 3e11 buckets out: found in a few steps");
	}
}

/* the arguments of a ser_value_at or ser_period call run in a child */
typedef struct SpanCall
{
	SerReport	r[2];
	int64_t		t;
} SpanCall;

/* Say whether ser_value_at between the two reports gives a finite total. */
static int
value_at_is_finite(void *arg)
{
	SpanCall   *c = (SpanCall *) arg;
	int			exact;
	double		v = ser_value_at(c->r, 2, c->t, &exact);

	return isfinite(v) && v > c->r[0].total && v < c->r[1].total;
}

/* Say whether ser_period over the whole span works. */
static int
period_is_finite(void *arg)
{
	SpanCall   *c = (SpanCall *) arg;
	SerPeriod	p;

	return ser_period(c->r, 2, 0, c->r[0].at, c->r[1].at, &p) == CS_OK && p.losses == 1 &&
		p.per_day > 0;
}

/* Test the figures of a bucket. */
static void
test_period(void)
{
	SerReport	r[4] = {{D(0), 100}, {D(10), 200}, {D(20), 400}, {D(30), 700}};
	SerPeriod	p;
	size_t		idx;

	idx = ser_lower_bound(r, 4, D(5));
	ok(ser_period(r, 4, idx, D(5), D(15), &p) == CS_OK && p.losses == 150 && p.per_day == 15 &&
	   p.reports == 1 && p.interpolated && p.idx_next == 2 && idx == 1,
	   "bucket [day 5, day 15): 150 lost, 15 a day, 1 report, interpolated");
	ok(ser_period(r, 4, 1, D(10), D(20), &p) == CS_OK && p.losses == 200 && p.per_day == 20 &&
	   p.reports == 1 && !p.interpolated && p.idx_next == 2,
	   "bucket [day 10, day 20): both edges are reports, not interpolated");
	ok(ser_period(r, 4, 0, D(-10), D(10), &p) == CS_OK && p.losses == 100 && p.per_day == 10 &&
	   p.reports == 1 && !p.interpolated && p.idx_next == 1,
	   "bucket [day -10, day 10): clipped to the first report, 10 a day over 10 days");
	ok(ser_period(r, 4, 3, D(25), D(40), &p) == CS_OK && p.losses == 150 && p.per_day == 30 &&
	   p.reports == 1 && p.interpolated && p.idx_next == 4,
	   "bucket [day 25, day 40): clipped to the last report, 30 a day over 5 days");
	ok(ser_period(r, 4, 0, D(-100), D(100), &p) == CS_OK && p.losses == 600 && p.per_day == 20 &&
	   p.reports == 4 && !p.interpolated && p.idx_next == 4,
	   "a bucket around the whole span: every report, 600 lost");
	ok(ser_period(r, 4, 1, D(10), D(10), &p) == CS_ERR_INVALID &&
	   ser_period(r, 4, 1, D(10), D(9), &p) == CS_ERR_INVALID, "a bucket that ends where it starts: CS_ERR_INVALID");
	{
		SerReport	h[2] = {{0, -1.7e308}, {DAY, 1.7e308}};
		SerReport	h4[2] = {{0, -1.7e308}, {4 * DAY, 1.7e308}};
		SerReport	f[2] = {{0, 0}, {1, 1e308}};

		ok(ser_period(h, 2, 0, 0, DAY, &p) == CS_ERR_RANGE, "losses beyond the doubles: CS_ERR_RANGE");
		ok(ser_period(f, 2, 0, 0, 1, &p) == CS_ERR_RANGE, "1e308 in a microsecond: a rate beyond the doubles, CS_ERR_RANGE");
		ok(ser_period(h4, 2, 1, DAY, 3 * DAY, &p) == CS_OK && fabs(p.losses / 1.7e308 - 1) < 1e-15 &&
		   fabs(p.per_day / 0.85e308 - 1) < 1e-15 && p.interpolated && p.reports == 0,
		   "the middle half between -1.7e308 and 1.7e308 has finite figures");
	}

	/* monthly buckets over a year of daily reports */
	{
		SerReport  *d = malloc(366 * sizeof(SerReport));
		SerCalendarBucket mb = {ymd(2024, 1, 1, 0), 1, 0, 0};
		int64_t		k = 0,
					edge,
					next;
		int			i,
					months = 0,
					bad = 0;
		int32_t		reports = 0;
		double		losses = 0;

		for (i = 0; i < 366; i++)
		{
			d[i].at = D(i);
			d[i].total = 10.0 * i + (i % 7);
		}
		idx = 0;
		ser_calendar_edge(&mb, 0, &edge);
		while (edge < d[365].at)
		{
			int			dim;
			int64_t		y;
			int			mo,
						dd;

			ser_calendar_edge(&mb, k + 1, &next);
			if (ser_period(d, 366, idx, edge, next, &p) != CS_OK)
			{
				bad++;
				break;
			}
			cs_civil_from_days(edge / DAY, &y, &mo, &dd);
			dim = cs_days_in_month(y, mo);
			if (p.reports != dim || p.idx_next != idx + (size_t) dim ||
				(next <= d[365].at && p.interpolated))
				bad++;
			reports += p.reports;
			losses += p.losses;
			idx = p.idx_next;
			edge = next;
			k++;
			months++;
		}
		ok(months == 12 && bad == 0 && reports == 366 && losses == d[365].total - d[0].total,
		   "12 monthly buckets over 2024: reports per bucket are the month's days, 366 in all, losses add up");
		free(d);
	}

	/* spans longer than int64 microseconds: 4713 BC to 294276 */
	{
		SpanCall	c;

		c.r[0].at = CS_TS_MIN;
		c.r[0].total = 0;
		c.r[1].at = CS_TS_END - 1;
		c.r[1].total = 1;
		c.t = 0;
		ok(survives(value_at_is_finite, &c),
				"ser_value_at between reports at both ends of the range gives a total between them");
		ok(survives(period_is_finite, &c),
				"ser_period of a bucket spanning the whole range gives finite figures");
	}
}


/* Test validation, deduplication, lookup, interpolation and clamping. */
static void
test_arithmetic(void)
{
	SerReport	r[6] = {{0, 0}, {10, 300}, {20, 250}, {30, 400}, {40, 100}, {50, 100}};
	SerReport	c[6];
	SerReport	d[7] = {{1, 5}, {1, 7}, {1, 6}, {2, 1}, {3, 9}, {3, 2}, {4, 0}};
	int			exact;
	size_t		n;
	char		err[SER_ERRBUF_LEN];

	ok(ser_check(SER_VERSION, 0, r, 6, err, sizeof(err)) == CS_OK, "validate: a good series");
	ok(ser_check(2, 0, r, 6, err, sizeof(err)) == CS_ERR_INVALID &&
	   strcmp(err, "Unknown series format version 2.") == 0, "validate: version (%s)", err);
	ok(ser_check(SER_VERSION, SER_CALENDAR, r, 6, err, sizeof(err)) == CS_OK, "validate: the calendar flag");
	ok(ser_check(SER_VERSION, 0x10, r, 6, err, sizeof(err)) == CS_ERR_INVALID &&
	   strcmp(err, "Unknown flag bits 0x10 are set.") == 0, "validate: an unknown flag (%s)", err);
	ok(ser_check(SER_VERSION, 0, r, SER_MAX_REPORTS + 1, err, sizeof(err)) == CS_ERR_LIMIT &&
	   strstr(err, "at most") != NULL, "validate: more reports than a series holds is CS_ERR_LIMIT (%s)", err);
	{
		SerReport	b[3] = {{0, 1}, {5, 2}, {5, 3}};

		ok(ser_check(SER_VERSION, 0, b, 3, err, sizeof(err)) == CS_ERR_INVALID &&
		   strcmp(err, "Reports 2 and 3 are at the same time.") == 0, "validate: equal times (%s)", err);
		b[2].at = 4;
		ok(ser_check(SER_VERSION, 0, b, 3, err, sizeof(err)) == CS_ERR_INVALID &&
		   strcmp(err, "Reports must be in time order, but report 3 is earlier than report 2.") == 0,
		   "validate: times out of order (%s)", err);
		b[2].at = CS_TS_END;
		ok(ser_check(SER_VERSION, 0, b, 3, err, sizeof(err)) == CS_ERR_INVALID &&
		   strcmp(err, "Report 3 has a time out of range.") == 0, "validate: a time out of range (%s)", err);
		b[2].at = 9;
		b[1].total = INFINITY;
		ok(ser_check(SER_VERSION, 0, b, 3, err, sizeof(err)) == CS_ERR_INVALID &&
		   strcmp(err, "Report 2 has a total that is not finite.") == 0, "validate: an infinite total (%s)", err);
		ok(ser_check(SER_VERSION, 0, b, 3, NULL, 0) == CS_ERR_INVALID, "validate: a NULL detail buffer is fine");
	}
	ok(ser_num_decreases(r, 6) == 2, "num_decreases counts falls, not ties");
	ok(ser_lower_bound(r, 6, -1) == 0 && ser_lower_bound(r, 6, 10) == 1 &&
	   ser_lower_bound(r, 6, 11) == 2 && ser_lower_bound(r, 6, 51) == 6, "lower_bound");
	ok(ser_value_at(r, 6, 10, &exact) == 300 && exact, "value_at a report is exact");
	ok(ser_value_at(r, 6, 15, &exact) == 275 && !exact, "value_at between reports interpolates");
	ok(ser_value_at(r, 6, 0, &exact) == 0 && exact, "value_at the first report");
	{
		/* hostile.sql: totals of opposite signs near the double limit */
		SerReport	h[2] = {{0, -1.7e308}, {4, 1.7e308}};
		double		m = ser_value_at(h, 2, 2, &exact);
		double		q = ser_value_at(h, 2, 1, &exact);

		ok(m == 0 && !exact, "value_at between -1.7e308 and 1.7e308 is 0, not infinite");
		ok(isfinite(q) && fabs(q / -8.5e307 - 1) < 1e-12, "value_at a quarter of the way is finite");
	}
	ok(ser_value_at(r, 6, 50, &exact) == 100 && exact, "value_at the last report");
	{
		/*
		 * a + (b - a) * frac rounds past b when frac rounds to 1, a moment
		 * before a report more than 2^53 microseconds (285 years) after
		 * the one before: a series that never falls would then fall by a
		 * hair at that report (0.3 + 0.6 is 0.9000000000000001)
		 */
		SerReport	g[2] = {{0, 0.3}, {INT64_C(146097) * CS_USECS_PER_DAY, 0.9}};
		/* the reports of a fuzzing finding: 250.5 down to 1.8e-307 */
		SerReport	f[3] = {{0, 2.9334469822447e-310}, {INT64_C(298265206784), 250.5},
		{INT64_C(72339069014835204), 1.8326455376999556e-307}};
		double		before = ser_value_at(g, 2, g[1].at - 1, &exact);
		double		x = ser_value_at(f, 3, INT64_C(72339069014835200), &exact);
		int			k,
					bad = 0;

		if (!ok(before >= 0.3 && before <= 0.9,
				"value_at a microsecond before a report 400 years on lies between the two totals"))
			diag("got %.17g", before);
		if (!ok(x >= f[2].total && x <= f[1].total,
				"value_at near a report after a fall lies between the two totals"))
			diag("got %.17g", x);
		/* random pairs and instants: never outside the two totals */
		for (k = 0; k < 100000; k++)
		{
			SerReport	p[2];
			double		v;

			p[0].at = (int64_t) (next_random() >> 8);
			p[1].at = p[0].at + 1 + (int64_t) (next_random() >> 8);
			p[0].total = (k & 1) ? (double) (next_random() >> 40) / 8 : random_bits_double();
			p[1].total = (k & 2) ? p[0].total + (double) (next_random() >> 50) / 10 : random_bits_double();
			v = ser_value_at(p, 2, p[1].at - 1 - (int64_t) (next_random() % 4), &exact);
			if (!(v >= fmin(p[0].total, p[1].total) && v <= fmax(p[0].total, p[1].total)) && bad++ < 3)
				diag("between %.17g and %.17g: %.17g", p[0].total, p[1].total, v);
		}
		ok(bad == 0, "value_at near the later of 100000 random pairs lies between their totals (%d not)", bad);
	}

	ser_clamp(r, c, 6);
	ok(c[0].total == 0 && c[1].total == 300 && c[2].total == 300 && c[3].total == 450 &&
	   c[4].total == 450 && c[5].total == 450 && c[3].at == 30, "clamp rebuild");
	memcpy(c, r, sizeof(r));
	ser_clamp(c, c, 6);
	ok(c[3].total == 450 && c[5].total == 450, "clamp rebuild in place");

	ok(ser_is_sorted(r, 6) && ser_is_sorted(d, 7) && !ser_is_sorted(r + 1, 1) == 0, "is_sorted: ties allowed");
	c[0].at = 5;
	c[1].at = 4;
	ok(!ser_is_sorted(c, 2), "is_sorted: a step back");
	n = ser_dedup_sorted(d, 7);
	ok(n == 4 && d[0].at == 1 && d[0].total == 7 && d[1].total == 1 && d[2].at == 3 &&
	   d[2].total == 9 && d[3].at == 4, "dedup keeps the largest total at each instant");
}

/*
 * Test that every loop over reports lets a query cancel in: each calls the
 * progress hook once per 65536 steps, so 200,000 steps make at least three
 * calls.
 */
static void
test_progress(void)
{
	size_t		n = 200000,
				i;
	SerReport  *r = malloc(n * sizeof(SerReport));
	SerReport  *c = malloc(n * sizeof(SerReport));
	uint8_t    *wire = malloc(ser_wire_size(n));
	char		err[SER_ERRBUF_LEN];

	for (i = 0; i < n; i++)
	{
		r[i].at = (int64_t) i;
		r[i].total = (double) (i % 100);
	}
	cs_progress_hook = count_progress;

#define PROGRESS(call, what) \
	do { \
		progress_calls = 0; \
		(void) (call); \
		ok(progress_calls >= 3, "progress: %s calls the hook (%d calls)", (what), progress_calls); \
	} while (0)

	PROGRESS(ser_check(SER_VERSION, 0, r, n, err, sizeof(err)), "the check of a series");
	PROGRESS((cs_rows_plus_zero(r, n), 0), "the -0 rewrite");
	PROGRESS(ser_is_sorted(r, n), "the check that reports are sorted");
	PROGRESS(ser_num_decreases(r, n), "counting the falls");
	PROGRESS((ser_clamp(r, c, n), 0), "the clamp rebuild");
	PROGRESS((ser_wire_encode(SER_VERSION, 0, r, n, wire), 0), "the binary output");
	PROGRESS(ser_wire_decode(wire, ser_wire_size(n), c, n, err, sizeof(err)), "the binary input");
	PROGRESS(ser_dedup_sorted(c, n), "the deduplication");
	/* the bound on the rows of a text, before the parse: once per MB */
	{
		char	   *text = malloc((size_t) 3 << 20 | 1);

		memset(text, '(', (size_t) 3 << 20);
		text[(size_t) 3 << 20] = '\0';
		PROGRESS(cs_rows_count_bound(text), "bounding the rows of a text");
		free(text);
	}
#undef PROGRESS

	cs_progress_hook = NULL;
	free(r);
	free(c);
	free(wire);
}

/* ------------------------------------------------------------------------
 * The collector of report_series, against sorting the same reports
 */

/* the reports a collector was given, in the order given */
typedef struct Given
{
	SerReport  *r;
	size_t		n;
	size_t		cap;
} Given;

/* Note reports given to a collector (a -0 total as the +0 it keeps). */
static void
given_add(Given *g, const SerReport *r, size_t n)
{
	size_t		i;

	if (g->n + n > g->cap)
	{
		g->cap = (g->n + n) * 2 + 16;
		g->r = realloc(g->r, g->cap * sizeof(SerReport));
		if (g->r == NULL)
			abort();
	}
	for (i = 0; i < n; i++)
	{
		g->r[g->n] = r[i];
		g->r[g->n].total = r[i].total + 0.0;
		g->n++;
	}
}

/* Order reports by instant, then total (for qsort). */
static int
cmp_report(const void *a, const void *b)
{
	const SerReport *x = a,
			   *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->total < y->total ? -1 : x->total > y->total ? 1 : 0;
}

/*
 * The reference: the reports sorted by qsort, and of those at one instant
 * the largest total kept (the last after the sort); returns the count.
 */
static size_t
reference_flatten(const Given *g, SerReport *out)
{
	size_t		i,
				n = 0;

	if (g->n == 0)
		return 0;
	memcpy(out, g->r, g->n * sizeof(SerReport));
	qsort(out, g->n, sizeof(SerReport), cmp_report);
	for (i = 0; i < g->n; i++)
	{
		if (n > 0 && out[n - 1].at == out[i].at)
			out[n - 1] = out[i];
		else
			out[n++] = out[i];
	}
	return n;
}

/* Say whether a collector holds the given reports, in the order given. */
static int
holds_in_order(const SerCollector *c, const Given *g)
{
	SerCollectorIter it;
	const SerReport *r;
	size_t		i = 0;

	if (ser_collector_count(c) != g->n)
		return 0;
	ser_collector_iter_init(c, &it);
	while ((r = ser_collector_next(&it)) != NULL)
		if (i >= g->n || memcmp(r, &g->r[i++], sizeof(SerReport)) != 0)
			return 0;
	return i == g->n;
}

/* Give the instant of report i of a pattern of times. */
static int64_t
pattern_at(int pattern, size_t i)
{
	switch (pattern)
	{
		case 0:					/* in order, two reports a day */
			return D(i / 2);
		case 1:					/* backwards */
			return D(100000 - (int64_t) i);
		case 2:					/* a saw: runs of 20 days, each starting over */
			return D(i % 20) + (int64_t) (i / 20);
		case 3:					/* a few distinct days */
			return D(next_random() % 5);
		case 4:					/* ascending then descending */
			return D(i < 500 ? (int64_t) i : 1000 - (int64_t) i);
		default:				/* any microsecond over two centuries */
			return D(-36500) + (int64_t) (next_random() % (UINT64_C(73000) * CS_USECS_PER_DAY));
	}
}

/* Give a random total: counts, -0, and any double now and then. */
static double
random_total(void)
{
	switch (next_random() % 8)
	{
		case 0:
			return -0.0;
		case 1:
			return random_double();
		default:
			return (double) (next_random() % 1000000);
	}
}

/* Fill a collector (and its Given) with random reports and runs. */
static void
fill_random(SerCollector *c, Given *g, int pattern, int ops, void **keep, int *nkeep)
{
	int			op;
	size_t		i;

	for (op = 0; op < ops; op++)
	{
		int			what = (int) (next_random() % 10);

		if (what < 8)
		{
			SerReport	r;

			r.at = pattern_at(pattern, g->n);
			r.total = random_total();
			if (ser_collector_add(c, &r) != CS_OK)
				abort();
			given_add(g, &r, 1);
		}
		else
		{
			/* a sorted run, copied or borrowed */
			size_t		n = next_random() % 40;
			SerReport  *run = malloc((n + 1) * sizeof(SerReport));
			bool		borrow = (next_random() & 1) != 0;
			int64_t		back = pattern == 0 ? 0 : (int64_t) (next_random() % 50) * DAY;
			int64_t		at = pattern_at(pattern, g->n) - back;

			for (i = 0; i < n; i++)
			{
				at += (int64_t) (next_random() % 3) * (DAY / 64);
				run[i].at = at;
				run[i].total = (double) (next_random() % 1000);
			}
			if (ser_collector_append_run(c, run, n, borrow) != CS_OK)
				abort();
			given_add(g, run, n);
			if (borrow)
				keep[(*nkeep)++] = run;
			else
				free(run);
		}
	}
}

/*
 * Random interleavings of adds, sorted runs and merges of other collectors:
 * after every step the invariants hold and the reports are held in the
 * order given; flattening gives what sorting them gives.
 */
static void
test_collector_random(void)
{
	CsAllocator mem = unit_allocator();
	int			seq,
				bad_check = 0,
				bad_order = 0,
				bad_flat = 0,
				bad_merge = 0,
				paths[3] = {0, 0, 0};
	size_t		reports = 0;

	for (seq = 0; seq < 600; seq++)
	{
		SerCollector c;
		Given		g = {NULL, 0, 0};
		void	   *keep[4096];
		int			nkeep = 0,
					rounds = 1 + (int) (next_random() % 6),
					round,
					pattern = seq % 6,
					flags = (seq & 1) ? SER_CALENDAR : 0;
		const char *detail = NULL;

		ser_collector_init(&c, &mem, flags);
		for (round = 0; round < rounds; round++)
		{
			int			ops = (int) (next_random() % (seq % 10 == 0 ? 3000 : 120));

			if (round == 0 || next_random() % 2 == 0)
				fill_random(&c, &g, pattern, ops, keep, &nkeep);
			else
			{
				/* a partial state merged in, then dropped */
				SerCollector b,
							mixed,
							before;
				SerReport	one = {D(1), 1};

				memcpy(&before, &c, sizeof(c));
				ser_collector_init(&b, &mem, flags);
				fill_random(&b, &g, pattern == 0 ? 0 : (pattern + round) % 6, ops, keep, &nkeep);
				ser_collector_init(&mixed, &mem, flags ^ SER_CALENDAR);
				ser_collector_add(&mixed, &one);
				if (ser_collector_merge(&c, &mixed) != CS_ERR_MIXED ||
					memcmp(&before, &c, sizeof(c)) != 0)
					bad_merge++;
				if (ser_collector_merge(&c, &b) != CS_OK)
					bad_merge++;
				ser_collector_free(&b);
				ser_collector_free(&mixed);
			}
			if (ser_collector_check(&c, &detail) != CS_OK && bad_check++ < 3)
				diag("sequence %d round %d: %s", seq, round, detail);
			if (!holds_in_order(&c, &g))
				bad_order++;
		}
		{
			SerReport  *got = malloc((g.n + 1) * sizeof(SerReport));
			SerReport  *want = malloc((g.n + 1) * sizeof(SerReport));
			size_t		n = ser_collector_flatten(&c, got);
			size_t		m = reference_flatten(&g, want);

			paths[c.nruns == 0 ? 0 : c.nruns == 1 ? 1 : 2]++;
			if ((n != m || memcmp(got, want, n * sizeof(SerReport)) != 0) && bad_flat++ < 3)
				diag("sequence %d: %zu reports, %d runs: flattened to %zu, sorting gives %zu",
					 seq, g.n, c.nruns, n, m);
			if (ser_collector_check(&c, &detail) != CS_OK || !holds_in_order(&c, &g))
				bad_order++;
			reports += g.n;
			free(got);
			free(want);
		}
		ser_collector_free(&c);
		while (nkeep > 0)
			free(keep[--nkeep]);
		free(g.r);
	}
	ok(bad_check == 0, "collector: 600 random sequences of adds, runs and merges keep the invariants (%d bad)",
	   bad_check);
	ok(bad_order == 0, "collector: it holds every report given, in the order given (%d bad)", bad_order);
	ok(bad_merge == 0, "collector: merges succeed, and one of the other kind is CS_ERR_MIXED and changes nothing (%d bad)",
	   bad_merge);
	ok(bad_flat == 0 && paths[0] > 20 && paths[1] > 20 && paths[2] > 20,
	   "collector: %zu reports flatten as sorting them does, through the sort (%d), one run (%d) and the merge of runs (%d) (%d bad)",
	   reports, paths[0], paths[1], paths[2], bad_flat);
}

/* Flatten n reports of a pattern, added one by one, against sorting them. */
static int
sorts_like_qsort(int pattern, size_t n)
{
	CsAllocator mem = unit_allocator();
	SerCollector c;
	Given		g = {NULL, 0, 0};
	SerReport  *got = malloc(n * sizeof(SerReport));
	SerReport  *want = malloc(n * sizeof(SerReport));
	size_t		i,
				a,
				b;
	int			same;

	ser_collector_init(&c, &mem, 0);
	for (i = 0; i < n; i++)
	{
		SerReport	r;

		switch (pattern)
		{
			case 0:				/* random */
				r.at = (int64_t) (next_random() % (n * 4));
				break;
			case 1:				/* backwards */
				r.at = (int64_t) (n - i);
				break;
			case 2:				/* a saw of teeth of 100 */
				r.at = (int64_t) (i % 100);
				break;
			case 3:				/* organ pipes */
				r.at = (int64_t) (i < n / 2 ? i : n - i);
				break;
			case 4:				/* two values */
				r.at = (int64_t) (next_random() % 2);
				break;
			default:			/* sorted but for a swap every 1000 */
				r.at = (int64_t) (i % 1000 == 999 ? i - 500 : i);
				break;
		}
		r.total = (double) (next_random() % 1000);
		ser_collector_add(&c, &r);
		given_add(&g, &r, 1);
	}
	a = ser_collector_flatten(&c, got);
	b = reference_flatten(&g, want);
	same = a == b && memcmp(got, want, a * sizeof(SerReport)) == 0 && (n < 1000 || c.nruns == 0);
	ser_collector_free(&c);
	free(got);
	free(want);
	free(g.r);
	return same;
}

/* The sort of an unsorted collector, on the orders that trouble quicksorts. */
static void
test_collector_sort(void)
{
	static const char *const names[] = {
		"random", "backwards", "a saw", "organ pipes", "two values", "nearly sorted"
	};
	int			p;

	for (p = 0; p < 6; p++)
		ok(sorts_like_qsort(p, 200000) && sorts_like_qsort(p, 17 + (size_t) p * 13),
		   "collector: %s, 200,000 reports and a few, sort as qsort does", names[p]);
}

/* Runs: their count, the 17th, borrowed items, the limit, and the progress hook. */
static void
test_collector_edges(void)
{
	CsAllocator mem = unit_allocator();
	SerCollector c;
	SerReport	r[3] = {{D(5), 1}, {D(6), 2}, {D(7), 3}};
	SerReport	out[64];
	const char *detail;
	int			i;

	ser_collector_init(&c, &mem, SER_CALENDAR);
	ok(ser_collector_count(&c) == 0 && ser_collector_flatten(&c, out) == 0 &&
	   ser_collector_check(&c, &detail) == CS_OK, "collector: an empty one flattens to nothing");
	for (i = 0; i < SER_COLLECTOR_MAX_RUNS; i++)
	{
		SerReport	x = {D(100 - i), i};

		ser_collector_add(&c, &x);
	}
	ok(c.nruns == SER_COLLECTOR_MAX_RUNS, "collector: each step back in time starts a run, up to %d",
	   SER_COLLECTOR_MAX_RUNS);
	{
		SerReport	x = {D(0), 0};

		ser_collector_add(&c, &x);
	}
	ok(c.nruns == 0 && ser_collector_flatten(&c, out) == 17 && out[0].at == D(0) && out[16].at == D(100),
	   "collector: the %dth run leaves it unsorted, and it sorts", SER_COLLECTOR_MAX_RUNS + 1);
	ser_collector_free(&c);

	/* a borrowed run stays where it is */
	ser_collector_init(&c, &mem, 0);
	ok(ser_collector_append_run(&c, r, 3, true) == CS_OK && c.head->items == r && c.nruns == 1 &&
	   c.last_at == D(7), "collector: a borrowed run is held where it is, as one run");
	{
		SerReport	x = {D(6), 10};

		ser_collector_add(&c, &x);
	}
	ok(ser_collector_flatten(&c, out) == 3 && out[1].total == 10 && r[1].total == 2 && c.nruns == 2,
	   "collector: a later report back in time starts a run; the larger total wins; the run is not written");
	ok(ser_collector_append_run(&c, r, SER_MAX_REPORTS, true) == CS_ERR_LIMIT &&
	   ser_collector_count(&c) == 4,
	   "collector: a run past SER_MAX_REPORTS reports is CS_ERR_LIMIT and changes nothing");
	{
		SerCollector big;

		ser_collector_init(&big, &mem, 0);
		big.n = SER_MAX_REPORTS - 3;
		ok(ser_collector_merge(&c, &big) == CS_ERR_LIMIT && ser_collector_count(&c) == 4,
		   "collector: a merge past SER_MAX_REPORTS reports is CS_ERR_LIMIT and changes nothing");
		/* one row at a time may take a collector past the limit by a chunk */
		big.n = SER_MAX_REPORTS + 1;
		ok(ser_collector_merge(&big, &c) == CS_ERR_LIMIT &&
		   ser_collector_append_run(&big, r, 1, true) == CS_ERR_LIMIT,
		   "collector: one past the limit takes no merge nor run");
	}
	ser_collector_free(&c);

	/* partial states of one report each, merged in: chunks of their size */
	{
		SerCollector one;
		const SerChunk *k;
		size_t		room = 0;

		ser_collector_init(&c, &mem, 0);
		for (i = 0; i < 40; i++)
		{
			SerReport	x = {D(i), i};

			ser_collector_init(&one, &mem, 0);
			ser_collector_add(&one, &x);
			ser_collector_merge(&c, &one);
			ser_collector_free(&one);
		}
		for (k = c.head; k != NULL; k = k->next)
			room += k->cap;
		ok(room == 40 && c.nruns == 1, "collector: 40 partial states of one report merged in take room for 40 (%zu)",
		   room);
		ser_collector_free(&c);
	}

	/* flattening 200,000 reports out of order calls the progress hook */
	{
		size_t		n = 200000,
					k;
		SerReport  *buf = malloc(n * sizeof(SerReport));

		ser_collector_init(&c, &mem, 0);
		for (k = 0; k < n; k++)
		{
			SerReport	x = {(int64_t) ((k * 7919) % n), 1};

			ser_collector_add(&c, &x);
		}
		cs_progress_hook = count_progress;
		progress_calls = 0;
		ser_collector_flatten(&c, buf);
		ok(progress_calls >= 3, "progress: flattening by the sort calls the hook (%d calls)", progress_calls);
		ser_collector_free(&c);

		/* and merging runs */
		ser_collector_init(&c, &mem, 0);
		for (k = 0; k < n; k++)
			buf[k].at = (int64_t) k;
		ser_collector_append_run(&c, buf, n / 2, false);
		ser_collector_append_run(&c, buf, n / 2, false);
		progress_calls = 0;
		ser_collector_flatten(&c, buf);
		ok(progress_calls >= 3 && c.nruns == 2, "progress: flattening by the merge calls the hook (%d calls)",
		   progress_calls);
		cs_progress_hook = NULL;
		ser_collector_free(&c);
		free(buf);
	}
}

/* ------------------------------------------------------------------------
 * Buckets of instants in a time zone
 */

/*
 * A time zone for the tests: standard time std_us from UTC, and daylight
 * time one hour more from local 02:00 of day `from' to local 03:00 of day
 * `to' (days since 2000-01-01, in standard time).  Local times in the gap
 * read as standard time, in the overlap as daylight time.
 */
typedef struct TestZone
{
	int64_t		std_us;
	int64_t		from;
	int64_t		to;
} TestZone;

#define HOUR		INT64_C(3600000000)

/* Give a test zone's offset at an instant. */
static int64_t
test_offset_at_instant(void *arg, int64_t t)
{
	const TestZone *z = arg;
	int64_t		std_local = t + z->std_us;

	if (std_local >= z->from * DAY + 2 * HOUR && std_local < z->to * DAY + 2 * HOUR)
		return z->std_us + HOUR;
	return z->std_us;
}

/* Give the offset a test zone gives a local time. */
static int64_t
test_offset_at_local(void *arg, int64_t local)
{
	const TestZone *z = arg;

	if (local >= z->from * DAY + 3 * HOUR && local < z->to * DAY + 3 * HOUR)
		return z->std_us + HOUR;
	return z->std_us;
}

/* Give the CsZone of a test zone. */
static CsZone
test_zone(TestZone *z)
{
	CsZone		zone = {test_offset_at_instant, test_offset_at_local, z};

	return zone;
}

/* Check zone edges against the calendar arithmetic and around a transition. */
static void
test_zone_buckets(void)
{
	TestZone	fixed = {INT64_C(19800000000), 0, 0};	/* +05:30, no daylight time */
	TestZone	dst = {-5 * HOUR, 0, 0};
	SerZoneBucket b;
	int			i,
				bad = 0;
	int64_t		e;

	/* a zone without transitions: the calendar arithmetic of local times */
	b.zone = test_zone(&fixed);
	for (i = 0; i < 20000; i++)
	{
		int64_t		local = ymd(-4000 + (int64_t) (next_random() % 10000), 1 + (int) (next_random() % 12),
								1 + (int) (next_random() % 28), 0) +
			(int64_t) (next_random() % (uint64_t) DAY);
		int64_t		k = (int64_t) (next_random() % 2001) - 1000;
		int64_t		want,
					got = 0;
		CsStatus	sw,
					sg;
		bool		in_range;

		b.origin = local - fixed.std_us;
		b.months = (int32_t) (next_random() % 40) - 10;
		b.days = (int32_t) (next_random() % 70) - 20;
		b.usecs = (int64_t) (next_random() % (uint64_t) (48 * HOUR)) - 10 * HOUR;
		/* the instant after each step must be in range, as the server reads it */
		sw = cs_calendar_add(local, b.months * k, 0, 0, &want);
		in_range = sw == CS_OK && cs_time_in_range(want - fixed.std_us);
		sw = cs_calendar_add(want, 0, b.days * k, 0, &want);
		want -= fixed.std_us;
		in_range = in_range && sw == CS_OK && cs_time_in_range(want);
		want += b.usecs * k;
		in_range = in_range && cs_time_in_range(want);
		sg = ser_zone_edge(&b, k, &got);
		if (in_range ? sg != CS_OK || got != want : sg != CS_ERR_TIME_RANGE)
		{
			if (bad++ < 3)
				diag("edge %lld: %d %lld, want %lld", (long long) k, (int) sg, (long long) got,
					 (long long) want);
		}
	}
	ok(bad == 0, "zone edges: a zone without transitions moves local dates as the calendar does (%d bad)",
	   bad);

	/* daylight time from 2024-03-10 02:00 to 2024-11-03 02:00, local, at -05:00 */
	dst.from = cs_days_from_civil(2024, 3, 10);
	dst.to = cs_days_from_civil(2024, 11, 3);
	b.zone = test_zone(&dst);
	b.origin = ymd(2024, 3, 9, 2) + 5 * HOUR + 30 * 60000000;	/* 02:30 local */
	b.months = 0;
	b.days = 1;
	b.usecs = 0;
	ok(ser_zone_edge(&b, 1, &e) == CS_OK && e == ymd(2024, 3, 10, 2) + 30 * 60000000 + 5 * HOUR,
	   "zone edges: a day after 02:30 is 02:30 of a day without it, read as the zone reads it");
	b.origin = ymd(2024, 1, 31, 12) + 5 * HOUR;
	b.months = 1;
	b.days = 0;
	ok(ser_zone_edge(&b, 1, &e) == CS_OK && e == ymd(2024, 2, 29, 12) + 5 * HOUR &&
	   ser_zone_edge(&b, 2, &e) == CS_OK && e == ymd(2024, 3, 31, 12) + 4 * HOUR,
	   "zone edges: a month after 31 January noon is 29 February noon, two months 31 March noon in daylight time");
	b.days = 1;
	ok(ser_zone_edge(&b, 1, &e) == CS_OK && e == ymd(2024, 3, 1, 12) + 5 * HOUR,
	   "zone edges: months, then days, each read back through the zone");
	b.months = 0;
	b.days = 0;
	b.usecs = 24 * HOUR;
	b.origin = ymd(2024, 3, 9, 12) + 5 * HOUR;
	ok(ser_zone_edge(&b, 1, &e) == CS_OK && e == b.origin + 24 * HOUR,
	   "zone edges: microseconds are elapsed time, across a transition too");

	/* the ends of the range, where a local time may lie outside it */
	b.zone = test_zone(&fixed);
	b.months = 0;
	b.days = 1;
	b.usecs = 0;
	b.origin = CS_TS_END - DAY - HOUR;
	ok(ser_zone_edge(&b, 1, &e) == CS_OK && e == CS_TS_END - HOUR,
	   "zone edges: east of UTC, the last day's local time is past the range, its instant in it");
	b.origin = CS_TS_END - DAY;
	ok(ser_zone_edge(&b, 1, &e) == CS_ERR_TIME_RANGE, "zone edges: a day later is past it");
	fixed.std_us = -fixed.std_us;
	b.origin = CS_TS_MIN + DAY + HOUR - fixed.std_us;
	ok(ser_zone_edge(&b, -1, &e) == CS_OK && e == CS_TS_MIN + HOUR - fixed.std_us,
	   "zone edges: west of UTC, a local time on the first day is read");
	b.origin = CS_TS_MIN + DAY - HOUR - fixed.std_us;
	ok(ser_zone_edge(&b, -1, &e) == CS_ERR_TIME_RANGE,
	   "zone edges: a local date before the first day is not, though its instant would be in the range");
	/* local times past the end, up to what an int64 holds and beyond */
	b.months = 0;
	b.days = 9;
	b.origin = CS_TS_END - DAY + 2 * HOUR - fixed.std_us;
	ok(ser_zone_edge(&b, 1, &e) == CS_ERR_TIME_RANGE,
	   "zone edges: a local time just short of the int64 limit whose instant is past it is CS_ERR_TIME_RANGE");
	b.origin = CS_TS_END - DAY + 14 * HOUR - fixed.std_us;
	ok(ser_zone_edge(&b, 1, &e) == CS_ERR_TIME_RANGE,
	   "zone edges: a local time past the int64 limit is CS_ERR_TIME_RANGE");
	b.months = 12 * 600001;
	b.days = 0;
	b.origin = 0;
	ok(ser_zone_edge(&b, 1, &e) == CS_ERR_TIME_RANGE && ser_zone_edge(&b, INT64_MAX, &e) == CS_ERR_TIME_RANGE,
	   "zone edges: steps past 600,000 years, or past int64, are CS_ERR_TIME_RANGE");
	ok(cs_zone_instant_of_local(&b.zone, 0, &e) == CS_OK && e == -fixed.std_us,
	   "zone edges: local midnight of 1 January 2000 is its instant");
}

/* Run every check; the exit status says whether one failed. */
int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_text();
	test_round_trips();
	test_wire();
	test_arithmetic();
	test_buckets();
	test_period();
	test_progress();
	test_collector_random();
	test_collector_sort();
	test_collector_edges();
	test_zone_buckets();
	return done_testing();
}
