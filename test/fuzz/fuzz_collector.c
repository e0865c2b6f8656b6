/*
 * fuzz_collector.c
 *		libFuzzer target for the collector of report_series (SerCollector in
 *		series_core.h): the input is a sequence of reports added one at a
 *		time, sorted runs appended (copied or borrowed), partial collectors
 *		merged in, and flattenings on the way.
 *
 * After every step the collector holds as many reports as were given, the
 * last one last; every 64 steps and at the end its invariants hold
 * (ser_collector_check) and it holds every report given, in the order
 * given; flattening gives what sorting the same reports and keeping the
 * largest total at each instant gives, bit for bit, and leaves the
 * collector as it was.  A merge
 * of a collector of the other kind is CS_ERR_MIXED and changes nothing.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "series_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * the most reports one input gives: every buffer then stays under 128 kB,
 * which AddressSanitizer serves without a fresh mapping each time
 */
#define MAX_REPORTS		2000

/* totals a one-byte pick chooses from */
static const double totals[] = {
	0, -0.0, 1, -1, 2, 1e15, 1e308, -1e308, 5e-324, 0.1, 600000, 123.5,
};

/* A cursor over the input. */
typedef struct Input
{
	const uint8_t *p;
	size_t		left;
} Input;

/* Take n bytes of the input, or NULL when fewer are left. */
static const uint8_t *
take(Input *in, size_t n)
{
	const uint8_t *p = in->p;

	if (in->left < n)
		return NULL;
	in->p += n;
	in->left -= n;
	return p;
}

/* the reports given to a collector, in the order given; runs it borrows */
typedef struct Given
{
	SerReport  *r;
	size_t		n;
	size_t		cap;
	SerReport **borrowed;
	size_t		nborrowed;
	size_t		capborrowed;
} Given;

/* Note reports given (a -0 total as the +0 the collector keeps). */
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

/* Keep a borrowed run alive until the end of the input. */
static void
given_keep(Given *g, SerReport *run)
{
	if (g->nborrowed == g->capborrowed)
	{
		g->capborrowed = g->capborrowed * 2 + 8;
		g->borrowed = realloc(g->borrowed, g->capborrowed * sizeof(SerReport *));
		if (g->borrowed == NULL)
			abort();
	}
	g->borrowed[g->nborrowed++] = run;
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

/* Check a collector's invariants and that it holds the given reports in order. */
static void
check_held(const SerCollector *c, const Given *g)
{
	const char *detail = NULL;
	SerCollectorIter it;
	const SerReport *r;
	size_t		i = 0;

	if (ser_collector_check(c, &detail) != CS_OK)
	{
		fprintf(stderr, "%s\n", detail);
		FUZZ_CHECK(!"the collector's invariants do not hold");
	}
	FUZZ_CHECK(ser_collector_count(c) == g->n);
	ser_collector_iter_init(c, &it);
	while ((r = ser_collector_next(&it)) != NULL)
	{
		FUZZ_CHECK(i < g->n);
		FUZZ_CHECK(memcmp(r, &g->r[i], sizeof(SerReport)) == 0);
		i++;
	}
	FUZZ_CHECK(i == g->n);
}

/* Flatten a collector and compare with sorting the given reports. */
static void
check_flatten(const SerCollector *c, const Given *g)
{
	SerReport  *got = malloc((g->n + 1) * sizeof(SerReport));
	SerReport  *want = malloc((g->n + 1) * sizeof(SerReport));
	size_t		n,
				m = 0,
				i;

	if (got == NULL || want == NULL)
		abort();
	n = ser_collector_flatten(c, got);
	if (g->n > 0)
	{
		memcpy(want, g->r, g->n * sizeof(SerReport));
		qsort(want, g->n, sizeof(SerReport), cmp_report);
	}
	for (i = 0; i < g->n; i++)
	{
		if (m > 0 && want[m - 1].at == want[i].at)
			want[m - 1] = want[i];
		else
			want[m++] = want[i];
	}
	FUZZ_CHECK(n == m);
	FUZZ_CHECK(n == 0 || memcmp(got, want, n * sizeof(SerReport)) == 0);
	check_held(c, g);
	free(got);
	free(want);
}

/* microseconds of a step, by two bits of an op */
static const int64_t units[4] = {1, INT64_C(3600000000), CS_USECS_PER_DAY,
INT64_C(365) * CS_USECS_PER_DAY};

/* Step a time by k units; false when it leaves the range. */
static bool
step_time(int64_t t, int64_t k, int64_t unit, int64_t *out)
{
	int64_t		d;

	return !__builtin_mul_overflow(k, unit, &d) && !__builtin_add_overflow(t, d, out) &&
		cs_time_in_range(*out);
}

/*
 * Add one report: a time step (two bytes) from the last time and a total
 * (a pick of the table, or eight bytes; a total that is not finite the
 * aggregate refuses before the collector sees it).  False at the end.
 */
static bool
op_add(Input *in, uint8_t op, SerCollector *c, Given *g, int64_t *now)
{
	const uint8_t *p = take(in, 3);
	SerReport	r;

	if (p == NULL)
		return false;
	if (!step_time(*now, (int16_t) (p[0] | (p[1] << 8)), units[(op >> 3) & 3], &r.at))
		return true;
	if (op & 0x20)
	{
		const uint8_t *q = take(in, 8);

		if (q == NULL)
			return false;
		r.total = cs_get_float8(q);
		if (!isfinite(r.total))
			return true;
	}
	else
		r.total = totals[p[2] % (sizeof(totals) / sizeof(totals[0]))];
	FUZZ_CHECK(ser_collector_add(c, &r) == CS_OK);
	given_add(g, &r, 1);
	*now = r.at;
	return true;
}

/*
 * Append a sorted run: its length (a byte), where it starts (a step from
 * the last time), then a byte a report: the step to the next (0 makes a
 * tie) and its total.  Copied or borrowed, by a bit of the op.
 */
static bool
op_run(Input *in, uint8_t op, SerCollector *c, Given *g, int64_t *now)
{
	const uint8_t *p = take(in, 3);
	size_t		n,
				i;
	SerReport  *run;
	int64_t		at;
	bool		borrow = (op & 0x20) != 0;

	if (p == NULL)
		return false;
	n = p[0] & 63;
	if (!step_time(*now, (int16_t) (p[1] | (p[2] << 8)), units[(op >> 3) & 3], &at))
		return true;
	if ((p = take(in, n)) == NULL)
		return false;
	run = malloc((n + 1) * sizeof(SerReport));
	if (run == NULL)
		abort();
	for (i = 0; i < n; i++)
	{
		if (!step_time(at, p[i] >> 4, units[(op >> 3) & 3], &at))
		{
			free(run);
			return true;
		}
		run[i].at = at;
		run[i].total = (double) (p[i] & 15);
	}
	FUZZ_CHECK(ser_collector_append_run(c, run, n, borrow) == CS_OK);
	given_add(g, run, n);
	if (n > 0)
		*now = run[n - 1].at;
	if (borrow)
		given_keep(g, run);
	else
		free(run);
	return true;
}

/* Check one input: libFuzzer's entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	CsAllocator mem = fuzz_allocator();
	Input		in = {data, size};
	const uint8_t *ctl = take(&in, 1);
	const uint8_t *op;
	SerCollector c;
	Given		g;
	int64_t		now = INT64_C(8766) * CS_USECS_PER_DAY;
	int			flags;
	size_t		i;
	unsigned	steps = 0;

	if (ctl == NULL)
		return 0;
	flags = (ctl[0] & 1) ? SER_CALENDAR : 0;
	memset(&g, 0, sizeof(g));
	ser_collector_init(&c, &mem, flags);
	while ((op = take(&in, 1)) != NULL)
	{
		bool		more = true;

		switch (op[0] & 7)
		{
			case 0:
			case 1:
			case 2:
				more = op_add(&in, op[0], &c, &g, &now);
				break;
			case 3:
				more = op_run(&in, op[0], &c, &g, &now);
				break;
			case 4:
			case 5:
				{
					/* a partial collector of the next few ops, merged in */
					SerCollector b;
					int			k,
								nops = 1 + ((op[0] >> 3) & 7);

					ser_collector_init(&b, &mem, flags);
					for (k = 0; k < nops && more; k++)
					{
						const uint8_t *sub = take(&in, 1);

						if (sub == NULL)
							more = false;
						else if (sub[0] & 1)
							more = op_run(&in, sub[0], &b, &g, &now);
						else
							more = op_add(&in, sub[0], &b, &g, &now);
					}
					FUZZ_CHECK(ser_collector_merge(&c, &b) == CS_OK);
					ser_collector_free(&b);
					break;
				}
			case 6:
				{
					/* a collector of the other kind does not merge */
					SerCollector other,
								before;
					SerReport	one = {0, 1};

					ser_collector_init(&other, &mem, flags ^ SER_CALENDAR);
					FUZZ_CHECK(ser_collector_add(&other, &one) == CS_OK);
					memcpy(&before, &c, sizeof(c));
					FUZZ_CHECK(ser_collector_merge(&c, &other) == CS_ERR_MIXED);
					FUZZ_CHECK(memcmp(&before, &c, sizeof(c)) == 0);
					ser_collector_free(&other);
					break;
				}
			default:
				/* a flattening on the way, now and then: it takes every report */
				if ((op[0] >> 3) == 0)
					check_flatten(&c, &g);
				break;
		}
		/* every step the count and the last report; every report now and then */
		FUZZ_CHECK(ser_collector_count(&c) == g.n);
		FUZZ_CHECK(g.n == 0 || (c.tail != NULL && c.tail->used > 0 &&
								memcmp(&c.tail->items[c.tail->used - 1], &g.r[g.n - 1],
									   sizeof(SerReport)) == 0));
		if ((++steps & 63) == 0)
			check_held(&c, &g);
		if (!more || g.n > MAX_REPORTS)
			break;
	}
	check_flatten(&c, &g);
	ser_collector_free(&c);
	for (i = 0; i < g.nborrowed; i++)
		free(g.borrowed[i]);
	free(g.borrowed);
	free(g.r);
	return 0;
}
