/*
 * fuzz_window.c
 *		libFuzzer target for the moving window of trend_agg's window mode
 *		(TrendWindow in trend_core.h): the input is a sequence of adds and
 *		removals of the oldest row, and of removals the window must refuse.
 *
 * After every step the window's invariants hold (tr_window_check), it
 * holds the rows of its frame, its first and last times are the frame's,
 * and its summary is a valid trend value (tr_check) with the frame's count;
 * after a rebuild, and with one row or none, the summary is the fresh fit
 * of the frame bit for bit.  A removal of a row that is not the oldest is
 * CS_NONE and changes nothing; a NaN or infinite row is CS_ERR_INVALID and
 * changes nothing; sums beyond the doubles end the sequence (the query
 * fails there).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "trend_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the most rows one input adds */
#define MAX_ROWS	4096

/* values a one-byte pick chooses from: the ones that trouble the sums */
static const double values[] = {
	0, 1, -1, 2, 0.1, 1e15, -1e15, 1e-300, 5e-324, 1e150, -1e150, 1e300,
	1.7976931348623157e308, 3, 1e6, 123456789.125, NAN, INFINITY,
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

/* Fit the rows of a frame afresh, oldest first: tr_add's status. */
static CsStatus
fresh_fit(const double *v, const int64_t *t, size_t head, size_t tail,
		  bool calendar, TrendValue *out)
{
	size_t		i;
	CsStatus	st;

	tr_init(out);
	for (i = head; i < tail; i++)
		if ((st = tr_add(out, v[i], t[i], calendar)) != CS_OK)
			return st;
	return CS_OK;
}

/*
 * Check the window against its frame: invariants, count, first and last
 * times, a valid summary, and bit for bit the fresh fit when exact.
 */
static void
check_frame(const TrendWindow *w, const double *v, const int64_t *t,
			size_t head, size_t tail, bool calendar, bool exact)
{
	const char *detail = NULL;
	TrendValue	got,
				want;
	size_t		i;
	int64_t		lo,
				hi;

	if (tr_window_check(w, &detail) != CS_OK)
	{
		fprintf(stderr, "%s\n", detail);
		FUZZ_CHECK(!"the window's invariants do not hold");
	}
	FUZZ_CHECK((size_t) w->st.n == tail - head);
	if (head == tail)
	{
		FUZZ_CHECK(tr_window_value(w, &got) == CS_NONE);
		return;
	}
	FUZZ_CHECK(tr_window_value(w, &got) == CS_OK);
	lo = hi = t[head];
	for (i = head; i < tail; i++)
	{
		lo = t[i] < lo ? t[i] : lo;
		hi = t[i] > hi ? t[i] : hi;
	}
	FUZZ_CHECK(got.t_min == lo && got.t_max == hi);
	FUZZ_CHECK(got.flags == (calendar ? TREND_CALENDAR : 0));
	if (tr_check(&got, &detail) != CS_OK)
	{
		fprintf(stderr, "%s\n", detail);
		FUZZ_CHECK(!"a frame's summary is not valid");
	}
	if (exact || tail - head == 1)
	{
		FUZZ_CHECK(fresh_fit(v, t, head, tail, calendar, &want) == CS_OK);
		FUZZ_CHECK(memcmp(&got, &want, sizeof(TrendValue)) == 0);
	}
}

/*
 * Read the next row: a time step (two bytes, in microseconds, hours or
 * days by two bits of the op) from the last time, and a value (a pick of
 * the table above, or eight bytes).  False when the input or the time
 * range ends.
 */
static bool
next_row(Input *in, uint8_t op, int64_t *t, double *v)
{
	static const int64_t units[4] = {1, INT64_C(3600000000), CS_USECS_PER_DAY,
	INT64_C(365) * CS_USECS_PER_DAY};
	const uint8_t *p = take(in, 2);
	int64_t		step,
				next;

	if (p == NULL)
		return false;
	if (__builtin_mul_overflow((int64_t) (int16_t) (p[0] | (p[1] << 8)), units[(op >> 2) & 3], &step) ||
		__builtin_add_overflow(*t, step, &next) || !cs_time_in_range(next))
		return false;
	if (op & 0x10)
	{
		if ((p = take(in, 8)) == NULL)
			return false;
		*v = cs_get_float8(p);
	}
	else
	{
		if ((p = take(in, 1)) == NULL)
			return false;
		*v = values[p[0] % (sizeof(values) / sizeof(values[0]))];
		if (p[0] & 0x80)
			*v = *v * (1 + (p[0] & 0x7f) / 128.0);
	}
	*t = next;
	return true;
}

/* Check one input: libFuzzer's entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	CsAllocator mem = fuzz_allocator();
	Input		in = {data, size};
	const uint8_t *ctl = take(&in, 1);
	double	   *v;
	int64_t    *t;
	int64_t		now = INT64_C(8766) * CS_USECS_PER_DAY;
	size_t		head = 0,
				tail = 0;
	bool		calendar;
	TrendWindow *w;
	const uint8_t *op;

	if (ctl == NULL)
		return 0;
	calendar = (ctl[0] & 1) != 0;
	v = malloc(MAX_ROWS * sizeof(double));
	t = malloc(MAX_ROWS * sizeof(int64_t));
	if (v == NULL || t == NULL)
		abort();
	w = tr_window_create(&mem, calendar);
	while ((op = take(&in, 1)) != NULL)
	{
		bool		exact = false;

		if ((op[0] & 3) <= 1)
		{
			/* add a row */
			double		x;
			TrendWindow before;
			CsStatus	st;

			memcpy(&before, w, sizeof(before));
			if (tail == MAX_ROWS || !next_row(&in, op[0], &now, &x))
				break;
			st = tr_window_add(w, x, now);
			if (!isfinite(x))
			{
				FUZZ_CHECK(st == CS_ERR_INVALID && memcmp(&before, w, sizeof(before)) == 0);
				continue;
			}
			if (st == CS_ERR_RANGE)
				break;			/* the query fails */
			FUZZ_CHECK(st == CS_OK);
			v[tail] = x;
			t[tail] = now;
			tail++;
		}
		else if ((op[0] & 3) == 2)
		{
			/* remove the oldest row */
			CsStatus	st = tr_window_remove(w, head < tail ? v[head] : 0, head < tail ? t[head] : 0);

			if (head == tail)
			{
				FUZZ_CHECK(st == CS_NONE);
				continue;
			}
			if (st == CS_ERR_RANGE)
				break;			/* the rebuild overflowed: the query fails */
			FUZZ_CHECK(st == CS_OK);
			head++;
			exact = w->removals == 0;
		}
		else
		{
			/* a row that is not the oldest: refused, nothing changes */
			TrendWindow before;
			double		x = head < tail ? v[head] : 0;
			int64_t		when = head < tail ? t[head] : 0;

			memcpy(&before, w, sizeof(before));
			if (op[0] & 4)
				when += (op[0] & 8) ? 1 : -1;
			else
				x = (x == 1.0) ? 2.0 : 1.0;
			FUZZ_CHECK(tr_window_remove(w, x, when) == CS_NONE);
			FUZZ_CHECK(memcmp(&before, w, sizeof(before)) == 0);
		}
		check_frame(w, v, t, head, tail, calendar, exact);
	}
	tr_window_free(w);
	free(v);
	free(t);
	return 0;
}
