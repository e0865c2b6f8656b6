/*
 * test_series_codec.c
 *		Unit tests of the plain-C series codec (src/series_codec.c): the text
 *		form, the binary (wire) form, validation, deduplication, lookup,
 *		interpolation and the clamp rebuild.
 *
 * Prints TAP.  Built by test/run_tests.sh with AddressSanitizer and UBSan.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "series_codec.h"
#include "tap.h"

/* run_tests-link: src/estimate_parse.c src/series_codec.c */


/* Give a pseudo-random 64-bit number (xorshift64*, fixed seed). */
static uint64_t
next_random(void)
{
	static uint64_t s = 0x2545F4914F6CDD1DULL;

	s ^= s >> 12;
	s ^= s << 25;
	s ^= s >> 27;
	return s * 0x2545F4914F6CDD1DULL;
}

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

/* Parse text; return the status, the count in *n. */
static SerStatus
parse(const char *text, SerReport *r, size_t cap, size_t *n, char *err)
{
	return ser_text_parse(text, r, cap, n, err, SER_ERRBUF_LEN);
}

/* Format n reports as the type's output does. */
static void
format(const SerReport *r, size_t n, char *buf)
{
	size_t		len = 0,
				i;

	buf[len++] = '{';
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			buf[len++] = ',';
		len += ser_format_report(&r[i], buf + len);
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
	char		err[SER_ERRBUF_LEN];
	char		out[1024];
	static const struct
	{
		const char *in;
		const char *out;
	}			good[] = {
		{"{}", "{}"},
		{"  {  }  ", "{}"},
		{"{(2024-01-01,100)}", "{(2024-01-01 00:00:00+00,100)}"},
		{"{(2024-01-01 12:30:00.5+02,-0),(2024-01-02T00:00Z,1e3)}",
		"{(2024-01-01 10:30:00.5+00,0),(2024-01-02 00:00:00+00,1000)}"},
		{"{(2024-01-03 01:02:03.000001 -0130, 0.1)}", "{(2024-01-03 02:32:03.000001+00,0.1)}"},
		{"{(2000-01-01 00:00:00+00,0.30000000000000004)}", "{(2000-01-01 00:00:00+00,0.30000000000000004)}"},
		{"{(-0043-03-15,1),(0000-12-31 23:59:59,2)}", "{(-0043-03-15 00:00:00+00,1),(0000-12-31 23:59:59+00,2)}"},
		{"{(-4713-11-24,1)}", "{(-4713-11-24 00:00:00+00,1)}"},
		{"{(294276-12-31 23:59:59.999999,3)}", "{(294276-12-31 23:59:59.999999+00,3)}"},
		{"{(2024-02-29 06:00 +05:30,1e+300)}", "{(2024-02-29 00:30:00+00,1e+300)}"},
	};
	static const char *const bad[] = {
		"", "{", "}", "[]", "{(2024-01-01,1)", "{(2024-01-01,1)} x", "{(2024-01-01 1)}",
		"{(2024-01-01,)}", "{(2024-01-01,12abc)}", "{(2024-01-01,NaN)}", "{(2024-01-01,inf)}",
		"{(2024-01-01,1e999)}", "{(2024-02-30,1)}", "{(2023-02-29,1)}", "{(2024-01-01 24:00,1)}",
		"{(2024-01-01 00:60,1)}", "{(2024-01-01 00:00:60,1)}", "{(2024-01-01 00:00:00.1234567,1)}",
		"{(294277-01-01,1)}", "{(-4713-11-23,1)}", "{(24-01-01,1)}", "{(January 1 2024,1)}",
		"{(2024-01-01 +16,1)}", "{(2024-01-01,1),(2024-01-01,2)}", "{(2024-02-01,1),(2024-01-01,2)}",
		"{(2024-01-01,1),}", "{,(2024-01-01,1)}", "{(2024-01-01T,1)}", "{(2024-01-01 00:00:00.,1)}",
	};
	size_t		i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
	{
		SerStatus	st = parse(good[i].in, r, 8, &n, err);

		if (st != SER_OK)
		{
			ok(0, "text: \"%s\" parses (%s)", good[i].in, err);
			continue;
		}
		format(r, n, out);
		ok(strcmp(out, good[i].out) == 0, "text: \"%s\" reads as %s (got %s)",
		   good[i].in, good[i].out, out);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		SerStatus	st;

		err[0] = '\0';
		st = parse(bad[i], r, 8, &n, err);
		ok(st != SER_OK && err[0] != '\0', "text: \"%s\" is rejected with a detail (%s)", bad[i], err);
	}
	/* the count bound covers every valid text */
	ok(ser_text_count_bound("{(2024-01-01,1),(2024-01-02,2)}") >= 2, "text: count bound");
	ok(ser_text_count_bound("((((((((((((((((((((((((((((") <= 3, "text: count bound of garbage is small");
}

/* Test round trips of random series through both forms. */
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
		char		err[SER_ERRBUF_LEN];
		int			v,
					f;
		uint64_t	span = (uint64_t) SER_END_INSTANT - (uint64_t) SER_MIN_INSTANT;
		int64_t		at = (int64_t) ((uint64_t) SER_MIN_INSTANT + next_random() % (span / 2));

		for (j = 0; j < n; j++)
		{
			r[j].at = at;
			r[j].total = random_double();
			at += 1 + (int64_t) (next_random() % (span / 32));
			if (at >= SER_END_INSTANT)
			{
				n = j + 1;
				break;
			}
		}
		format(r, n, text);
		if (parse(text, r2, 8, &m, err) != SER_OK || m != n || memcmp(r, r2, n * sizeof(SerReport)) != 0)
		{
			if (fails_text++ == 0)
				printf("# text round trip failed: %s (%s)\n", text, err);
		}
		ser_wire_encode(SER_VERSION, 0, r, n, wire);
		if (ser_wire_decode_header(wire, ser_wire_size(n), &v, &f, &m, err, sizeof(err)) != SER_OK ||
			m != n ||
			ser_wire_decode(wire, ser_wire_size(n), r2, n, err, sizeof(err)) != SER_OK ||
			memcmp(r, r2, n * sizeof(SerReport)) != 0)
			fails_wire++;
	}
	ok(fails_text == 0, "text form round-trips 20000 random series bit for bit (%d failures)", fails_text);
	ok(fails_wire == 0, "binary form round-trips 20000 random series bit for bit (%d failures)", fails_wire);
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
	ok(ser_wire_decode_header(wire, sizeof(pinned), &v, &f, &n, err, sizeof(err)) == SER_ERR_INVALID,
	   "wire: unknown version rejected (%s)", err);
	wire[0] = 1;
	wire[1] = 0x80;
	ok(ser_wire_decode_header(wire, sizeof(pinned), &v, &f, &n, err, sizeof(err)) == SER_ERR_INVALID,
	   "wire: unknown flags rejected (%s)", err);
	wire[1] = 0;
	ok(ser_wire_decode_header(wire, 5, &v, &f, &n, err, sizeof(err)) == SER_ERR_SYNTAX,
	   "wire: short header rejected (%s)", err);
	ok(ser_wire_decode_header(wire, sizeof(pinned) - 1, &v, &f, &n, err, sizeof(err)) == SER_ERR_SYNTAX,
	   "wire: length not matching the count rejected (%s)", err);
	wire[2] = wire[3] = wire[4] = wire[5] = 0xff;
	ok(ser_wire_decode_header(wire, sizeof(pinned), &v, &f, &n, err, sizeof(err)) == SER_ERR_LIMIT,
	   "wire: count beyond the limit is a program limit (%s)", err);
	memcpy(wire, pinned, sizeof(pinned));
	wire[SER_WIRE_HEADER_SIZE + 16 + 7] = 0;	/* second instant = first */
	ok(ser_wire_decode(wire, sizeof(pinned), out, 2, err, sizeof(err)) == SER_ERR_INVALID,
	   "wire: duplicate instant rejected (%s)", err);
	memcpy(wire, pinned, sizeof(pinned));
	wire[SER_WIRE_HEADER_SIZE + 8] = 0x7f;
	wire[SER_WIRE_HEADER_SIZE + 9] = 0xf8;
	ok(ser_wire_decode(wire, sizeof(pinned), out, 2, err, sizeof(err)) == SER_ERR_INVALID,
	   "wire: NaN total rejected (%s)", err);
	memcpy(wire, pinned, sizeof(pinned));
	wire[SER_WIRE_HEADER_SIZE] = 0x7f;
	ok(ser_wire_decode(wire, sizeof(pinned), out, 2, err, sizeof(err)) == SER_ERR_INVALID,
	   "wire: instant out of range rejected (%s)", err);
	memcpy(wire, pinned, sizeof(pinned));
	memset(wire + SER_WIRE_HEADER_SIZE + 8, 0, 8);		/* first total -0 */
	wire[SER_WIRE_HEADER_SIZE + 8] = 0x80;
	ok(ser_wire_decode(wire, sizeof(pinned), out, 2, err, sizeof(err)) == SER_OK &&
	   out[0].total == 0.0 && !signbit(out[0].total),
	   "wire: -0 total is read as +0");
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

	ok(ser_validate(SER_VERSION, 0, r, 6, err, sizeof(err)) == SER_OK, "validate: a good series");
	ok(ser_validate(2, 0, r, 6, err, sizeof(err)) == SER_ERR_INVALID, "validate: version (%s)", err);
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

int
main(void)
{
	test_text();
	test_round_trips();
	test_wire();
	test_arithmetic();
	return done_testing();
}
