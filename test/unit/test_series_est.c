/*
 * test_series_est.c
 *		Unit tests of the estimates of a series (src/series_est.c): the
 *		format-2 text and wire forms round trip, the tie rule of two reports
 *		at one instant, the estimate at an edge between reports, and the
 *		figure of a bucket, against values worked by hand.
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

/* Give the estimate of text, which must parse. */
static EstimateValue
est(const char *text)
{
	EstimateValue v;

	if (est_parse(text, &v, NULL, 0, NULL) != CS_OK)
	{
		diag("cannot parse \"%s\"", text);
		fflush(stdout);
		abort();
	}
	return v;
}

/* Say whether v's canonical text is want, and tell what it is otherwise. */
static int
est_is(const EstimateValue *v, const char *want, const char *what)
{
	char		buf[EST_TEXT_BUFLEN];

	est_format(v, buf);
	if (!ok(strcmp(buf, want) == 0, "%s is %s", what, want))
	{
		diag("got %s", buf);
		return 0;
	}
	return 1;
}

/* Split n (time, estimate text) pairs into reports and parts. */
static void
layout(const int64_t *at, const char *const *text, size_t n, SerReport *r, SerEstPart *p)
{
	for (size_t i = 0; i < n; i++)
	{
		EstimateValue v = est(text[i]);

		r[i].at = at[i];
		ser_est_put(&v, &r[i], &p[i]);
	}
}

/* the reports the round trips use: every shape, a soft range among them */
static const char *const trip_text[] = {
	"100", "~616300", "20 [15,)", "more than 600000", "5..7", "~90..110", "at most 3e300", "-4.5"
};
#define TRIP_N	(sizeof(trip_text) / sizeof(trip_text[0]))

/* Check that format 2 comes back from its wire form report by report. */
static void
test_wire_round_trip(void)
{
	int64_t		at[TRIP_N];
	SerReport	r[TRIP_N];
	SerEstPart	p[TRIP_N];
	SerEstItem	items[TRIP_N];
	size_t		len = ser_wire_size_est(TRIP_N),
				n = 0;
	uint8_t    *buf = malloc(len);
	int			flags = 0;
	char		err[SER_ERRBUF_LEN];
	bool		same = true;

	for (size_t i = 0; i < TRIP_N; i++)
		at[i] = D(i * 3);
	layout(at, trip_text, TRIP_N, r, p);
	ser_wire_encode_est(SER_ESTIMATES | SER_CALENDAR, r, p, TRIP_N, buf);
	ok(buf[0] == SER_VERSION_EST, "a series of estimates sends version 2");
	ok(ser_wire_count_est(buf, len, &n, err, sizeof(err)) == CS_OK && n == TRIP_N,
	   "the version-2 message counts its reports");
	ok(ser_wire_decode_est(buf, len, items, &n, &flags, err, sizeof(err)) == CS_OK,
	   "the version-2 message decodes");
	for (size_t i = 0; i < TRIP_N; i++)
	{
		EstimateValue v = est(trip_text[i]);

		if (items[i].at != at[i] || !est_equal(&items[i].v, &v) ||
			memcmp(&items[i].v, &v, sizeof(v)) != 0)
		{
			diag("report %zu (%s) came back changed", i, trip_text[i]);
			same = false;
		}
	}
	ok(n == TRIP_N && same, "every report comes back byte for byte, marks included");
	ok((flags & SER_CALENDAR) != 0, "the calendar flag comes back");
	ok(ser_wire_decode_est(buf, len - 1, items, &n, &flags, err, sizeof(err)) != CS_OK,
	   "a message one byte short is refused");
	free(buf);
}

/* Check that format 2 comes back from its text form, quoted where it must be. */
static void
test_text_round_trip(void)
{
	int64_t		at[TRIP_N];
	SerReport	r[TRIP_N];
	SerEstPart	p[TRIP_N];
	SerEstItem	items[TRIP_N];
	char		text[TRIP_N * SER_EST_REPORT_TEXT_BUFLEN + 3];
	size_t		len = 0,
				n = 0;
	bool		calendar = false,
				same = true;
	char		err[SER_ERRBUF_LEN];

	for (size_t i = 0; i < TRIP_N; i++)
		at[i] = D(i);
	layout(at, trip_text, TRIP_N, r, p);
	text[len++] = '{';
	for (size_t i = 0; i < TRIP_N; i++)
	{
		if (i > 0)
			text[len++] = ',';
		len += ser_format_report_est(&r[i], &p[i], true, text + len);
	}
	text[len++] = '}';
	text[len] = '\0';
	ok(strstr(text, "(2024-01-02,~616300)") != NULL, "a bare estimate is not quoted: %s", text);
	ok(strstr(text, "(2024-01-03,\"20 [15,)\")") != NULL, "the general form is double-quoted");
	ok(ser_text_parse_est(text, items, TRIP_N, &n, &calendar, err, sizeof(err)) == CS_OK,
	   "the text of a series of estimates parses");
	for (size_t i = 0; i < n; i++)
	{
		EstimateValue v = est(trip_text[i]);

		if (items[i].at != at[i] || memcmp(&items[i].v, &v, sizeof(v)) != 0)
		{
			diag("report %zu (%s) came back changed", i, trip_text[i]);
			same = false;
		}
	}
	ok(n == TRIP_N && same && calendar, "every report comes back from text");
}

/* Keep of two reports at one instant, in the given order, the one kept. */
static EstimateValue
tie(const char *first, const char *second)
{
	SerEstItem	items[3];
	size_t		n;

	items[0].at = D(1);
	items[0].v = est(first);
	items[1].at = D(1);
	items[1].v = est(second);
	items[2].at = D(0);
	items[2].v = est("1");
	n = ser_est_sort_dedup(items, 3);
	if (n != 2 || items[0].at != D(0))
		diag("dedup kept %zu reports", n);
	return items[1].v;
}

/* Check the tie rule: the larger by the estimate order, whatever the order. */
static void
test_tie_rule(void)
{
	EstimateValue a,
				b;

	a = tie("~90", "80");
	b = tie("80", "~90");
	est_is(&a, "~90", "of ~90 then 80 the kept report");
	est_is(&b, "~90", "of 80 then ~90 the kept report");
	/* the same best value: the order goes on to the bounds */
	a = tie("100", "100 [90,110]");
	b = tie("100 [90,110]", "100");
	ok(memcmp(&a, &b, sizeof(a)) == 0, "a tie on the best value keeps the same report in either order");
	{
		EstimateValue x = est("100"),
					y = est("100 [90,110]");

		ok(memcmp(&a, est_compare(&x, &y) >= 0 ? &x : &y, sizeof(a)) == 0,
		   "and it is the larger by est_compare");
	}
}

/* Check the estimate at an edge: a report's own, interpolated, clipped. */
static void
test_edge_estimate(void)
{
	static const int64_t at[] = {D(0), D(10), D(20)};
	static const char *const text[] = {"100 [90,110]", "200 [180,220]", "300 (,330]"};
	SerReport	r[3],
				fr[3];
	SerEstPart	p[3];
	EstimateValue v;

	layout(at, text, 3, r, p);
	ser_edge_estimate(r, p, 3, D(10), &v);
	est_is(&v, "200 [180,220]", "the edge on a report");
	/* halfway: 150, low 90..180 -> 135, high 110..220 -> 165, marked */
	ser_edge_estimate(r, p, 3, D(5), &v);
	ok(v.best == 150 && v.low == 135 && v.high == 165 && (v.flags & EST_APPROX) != 0,
	   "an interpolated range edge is 150 in [135,165], marked approximate");
	ok(ser_est_is_approx(&v), "and says so");
	/* a quarter of the way to a report without a lower bound: no lower bound */
	ser_edge_estimate(r, p, 3, D(15), &v);
	ok(v.best == 250 && !(v.flags & EST_HAS_LOW) && v.high == 275 &&
	   (v.flags & EST_APPROX) != 0,
	   "between a range and an upper bound only the upper side is known (275)");

	/* a float8 series: the interpolated edge is about the value */
	for (int i = 0; i < 3; i++)
		fr[i] = r[i];
	ser_edge_estimate(fr, NULL, 3, D(5), &v);
	est_is(&v, "~150", "an interpolated edge of exact reports");
	ser_edge_estimate(fr, NULL, 3, D(20), &v);
	est_is(&v, "300", "an edge on an exact report");
	ok(!ser_est_is_approx(&v), "is exact");
}

/* Check the figure of a bucket against hand-worked values. */
static void
test_figure(void)
{
	static const int64_t at[] = {D(0), D(10), D(20)};
	static const char *const text[] = {"100 [90,110]", "200 [180,220]", "300"};
	static const char *const soft[] = {"~100", "200", "300"};
	SerReport	r[3];
	SerEstPart	p[3];
	SerFigure	f;

	layout(at, text, 3, r, p);
	/* 200 [180,220] - 100 [90,110]: 100, 180-110 .. 220-90 */
	ok(ser_period_figure(r, p, 3, D(0), D(10), &f) == CS_OK, "a bucket between reports");
	est_is(&f.figure, "100 [70,130]", "its figure");
	ok(!f.partial && !ser_est_is_approx(&f.figure), "exact and not partial");
	/* 300 - 150 [135,165] ~: 150, 135 .. 165, marked */
	ok(ser_period_figure(r, p, 3, D(5), D(20), &f) == CS_OK, "a bucket from an interpolated edge");
	ok(f.figure.best == 150 && f.figure.low == 135 && f.figure.high == 165 &&
	   ser_est_is_approx(&f.figure) && !f.partial,
	   "its figure is 150 in [135,165], approximate");
	/* the bucket [day 15, day 25) runs past the last report: clipped, partial */
	ok(ser_period_figure(r, p, 3, D(15), D(25), &f) == CS_OK && f.partial,
	   "a bucket past the last report is partial");

	/* float8 reports: exact on reports, about the losses otherwise */
	ok(ser_period_figure(r, NULL, 3, D(0), D(10), &f) == CS_OK, "a float8 bucket");
	est_is(&f.figure, "100", "its figure on both reports");
	ok(ser_period_figure(r, NULL, 3, D(5), D(10), &f) == CS_OK, "a float8 bucket from mid-way");
	est_is(&f.figure, "~50", "its figure with an interpolated edge");

	/* an approximate report on an edge makes the figure approximate */
	layout(at, soft, 3, r, p);
	ok(ser_period_figure(r, p, 3, D(0), D(10), &f) == CS_OK, "a bucket from an approximate report");
	est_is(&f.figure, "~100", "its figure");
}

/*
 * Check that a float8 collector's reports and a series' reports join an
 * estimate collector as the same reports: exact points where no estimate
 * was stated, each stated estimate byte for byte, in the order they came;
 * and that a float8 collector of the other kind of time is refused.
 */
static void
test_collector_joins(void)
{
	CsAllocator mem = unit_allocator();
	SerCollector c;
	SerEstCollector e;
	SerEstItem	out[TRIP_N + 3];
	int64_t		at[TRIP_N];
	SerReport	r[TRIP_N];
	SerEstPart	p[TRIP_N];
	bool		same = true;
	size_t		n;

	ser_collector_init(&c, &mem, SER_CALENDAR);
	for (int i = 0; i < 3; i++)
	{
		SerReport	f = {D(40 + i), 10.0 * i - 5.5};

		(void) ser_collector_add(&c, &f);
	}
	for (size_t i = 0; i < TRIP_N; i++)
		at[i] = D(i * 3);
	layout(at, trip_text, TRIP_N, r, p);

	ser_est_collector_init(&e, &mem, SER_CALENDAR);
	ok(ser_est_collector_add_reports(&e, r, p, TRIP_N) == CS_OK,
	   "a series of estimates joins an estimate collector");
	ok(ser_est_collector_add_exact(&e, &c) == CS_OK, "a float8 collector joins it");
	ok(e.n == TRIP_N + 3, "with every report of both");
	n = ser_est_collector_flatten(&e, out);
	for (size_t i = 0; i < TRIP_N; i++)
	{
		EstimateValue v = est(trip_text[i]);

		if (out[i].at != at[i] || memcmp(&out[i].v, &v, sizeof(v)) != 0)
			same = false;
	}
	ok(n == TRIP_N + 3 && same, "the stated estimates come back byte for byte");
	est_is(&out[TRIP_N].v, "-5.5", "the first float8 report");
	est_is(&out[TRIP_N + 2].v, "14.5", "the last float8 report");
	ser_est_collector_free(&e);

	ser_est_collector_init(&e, &mem, SER_CALENDAR);
	ok(ser_est_collector_add_reports(&e, r, NULL, 2) == CS_OK && e.n == 2,
	   "a series of version 1 joins as exact points");
	n = ser_est_collector_flatten(&e, out);
	ok(n == 2 && ser_est_is_exact(&out[0].v) && out[0].v.best == r[0].total &&
	   ser_est_is_exact(&out[1].v) && out[1].v.best == r[1].total,
	   "each report its exact total");
	ser_est_collector_free(&e);

	ser_est_collector_init(&e, &mem, 0);
	ok(ser_est_collector_add_exact(&e, &c) == CS_ERR_MIXED && e.n == 0,
	   "a float8 collector of dates does not join one of instants");
	ser_est_collector_free(&e);
	ser_collector_free(&c);
}

/* Run the tests. */
int
main(void)
{
	test_wire_round_trip();
	test_text_round_trip();
	test_tie_rule();
	test_edge_estimate();
	test_figure();
	test_collector_joins();
	return done_testing();
}
