/*
 * test_series_core.c
 *		Unit tests of the plain-C series core (src/series_core.c): the text
 *		form of calendar and instant series, the binary (wire) form,
 *		validation, deduplication, lookup, interpolation, the clamp rebuild,
 *		calendar bucket edges, the bucket search and the figures of a
 *		bucket.
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
	PROGRESS((ser_normalize(r, n), 0), "the -0 rewrite");
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
	return done_testing();
}
