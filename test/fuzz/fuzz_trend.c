/*
 * fuzz_trend.c
 *		libFuzzer target for the trend core: the text form, the binary form,
 *		validation, and summaries built from rows.
 *
 * Text, wire form and stored layout: the input read as each through the
 * trend's descriptor, by the codecs trend_in and trend_recv call; whatever
 * reads must pass tr_check and round-trip bit for bit through both forms
 * (fuzz_util.h), and its figures must not crash.  Rows: the input taken as
 * (time, value) rows; whatever trend_agg and rollup build from them (one
 * pass, partial states and their merges, every frame of the
 * moving-aggregate mode's window, TrendWindow) must do the same.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "trend_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Run every figure of a valid value; none may crash or give a non-finite OK. */
static void
check_figures(const TrendValue *v, int64_t t, double per_us, double conf)
{
	double		x,
				h;

	if (tr_total(v, &x) == CS_OK)
		FUZZ_CHECK(isfinite(x));
	if (tr_mean(v, &x) == CS_OK)
		FUZZ_CHECK(isfinite(x));
	if (tr_stddev(v, &x) == CS_OK)
		FUZZ_CHECK(x >= 0);
	if (tr_slope(v, per_us, &x) == CS_OK)
		FUZZ_CHECK(isfinite(x));
	if (tr_growth(v, per_us, &x) == CS_OK)
		FUZZ_CHECK(isfinite(x));
	if (tr_r2(v, &x) == CS_OK)
		FUZZ_CHECK(x <= 1 && !isnan(x));
	if (tr_slope_stderr(v, per_us, &x) == CS_OK)
		FUZZ_CHECK(isfinite(x) && x >= 0);
	if (tr_slope_interval(v, conf, per_us, &x, &h) == CS_OK)
		FUZZ_CHECK(isfinite(x) && isfinite(h) && h >= 0);
	if (tr_forecast(v, t, &x) == CS_OK)
		FUZZ_CHECK(isfinite(x));
	if (tr_forecast_interval(v, t, conf, &x, &h) == CS_OK)
		FUZZ_CHECK(isfinite(x) && isfinite(h) && h >= 0);
}

/* Check a value the aggregates built: its text and binary forms, its figures. */
static void
check_built(const TrendValue *v, int64_t t)
{
	fuzz_round_trips(&tr_desc, v);
	check_figures(v, t, CS_USECS_PER_DAY, 0.95);
}

/* the most rows taken from one input */
#define MAX_ROWS	64

/* the rows of an input: times, values, and the partial state each goes to */
typedef struct Rows
{
	size_t		n;
	bool		calendar;
	int64_t		t[MAX_ROWS];
	double		v[MAX_ROWS];
	int			part[MAX_ROWS];
} Rows;

/*
 * Read the rows of an input: a control byte, then 12 bytes a row (a time
 * step, in milliseconds or days, and a value, a float or 8 bytes, so that
 * runs of close values happen; two bits pick the partial state).  NaN and
 * infinite values are left out: the aggregate refuses them.
 */
static void
read_rows(const uint8_t *data, size_t size, Rows *rows)
{
	size_t		nrows = (size - 1) / 12,
				i;
	int64_t		t = INT64_C(8766) * CS_USECS_PER_DAY;

	rows->calendar = (data[0] & 1) != 0;
	rows->n = 0;
	if (nrows > MAX_ROWS)
		nrows = MAX_ROWS;
	for (i = 0; i < nrows; i++)
	{
		const uint8_t *p = data + 1 + 12 * i;
		int32_t		step;
		float		fv;
		double		v;
		int64_t		dt;

		memcpy(&step, p, 4);
		memcpy(&fv, p + 4, 4);
		v = (p[0] & 0x80) ? cs_get_float8(p + 4) : (double) fv;
		if (__builtin_mul_overflow((int64_t) step, (p[1] & 1) ? CS_USECS_PER_DAY : 1000, &dt) ||
			__builtin_add_overflow(t, dt, &t) || !cs_time_in_range(t))
			break;
		if (!isfinite(v))
		{
			TrendValue	none;

			/* the aggregate refuses the row, and adds nothing */
			tr_init(&none);
			FUZZ_CHECK(tr_add(&none, v, t, rows->calendar) == CS_ERR_INVALID && none.n == 0);
			continue;
		}
		rows->t[rows->n] = t;
		rows->v[rows->n] = v;
		rows->part[rows->n] = (p[2] >> 6) & 3;
		rows->n++;
	}
}

/*
 * Build what trend_agg and rollup build from the rows: one pass, four
 * partial states (the rows each went to, as parallel workers get them) and
 * their merges in the order the control byte picks; each value built must
 * read back.  An overflow is an error the query raises: no value then.
 */
static void
check_aggregates(const Rows *rows, uint8_t control)
{
	TrendValue	all,
				part[4];
	CsStatus	st = CS_OK,
				pst[4] = {CS_OK, CS_OK, CS_OK, CS_OK};
	int64_t		tlast = rows->n > 0 ? rows->t[rows->n - 1] : 0;
	size_t		i;
	int			k;

	tr_init(&all);
	for (k = 0; k < 4; k++)
		tr_init(&part[k]);
	for (i = 0; i < rows->n; i++)
	{
		int			p = rows->part[i];

		if (st == CS_OK)
			st = tr_add(&all, rows->v[i], rows->t[i], rows->calendar);
		if (pst[p] == CS_OK)
			pst[p] = tr_add(&part[p], rows->v[i], rows->t[i], rows->calendar);
	}
	if (st == CS_OK)
		check_built(&all, tlast);
	else
		FUZZ_CHECK(st == CS_ERR_RANGE);
	for (k = 0; k < 4; k++)
	{
		FUZZ_CHECK(pst[k] == CS_OK || pst[k] == CS_ERR_RANGE);
		if (pst[k] == CS_OK)
			check_built(&part[k], tlast);
	}
	if (pst[0] != CS_OK || pst[1] != CS_OK || pst[2] != CS_OK || pst[3] != CS_OK)
		return;

	/* ((0 + 1) + 2) + 3, or (0 + 1) + (2 + 3): every step a value too */
	if (tr_merge(&part[0], &part[1]) != CS_OK)
		return;
	check_built(&part[0], tlast);
	if (control & 0x10)
	{
		if (tr_merge(&part[2], &part[3]) != CS_OK)
			return;
		check_built(&part[2], tlast);
		if (tr_merge(&part[0], &part[2]) != CS_OK)
			return;
	}
	else
	{
		if (tr_merge(&part[0], &part[2]) != CS_OK)
			return;
		check_built(&part[0], tlast);
		if (tr_merge(&part[0], &part[3]) != CS_OK)
			return;
	}
	check_built(&part[0], tlast);
	if (st == CS_OK)
		FUZZ_CHECK(part[0].n == all.n && part[0].t_min == all.t_min && part[0].t_max == all.t_max &&
				   part[0].flags == all.flags);
}

/*
 * Slide a frame of w rows over the rows in trend_agg's moving-aggregate
 * mode (the core's TrendWindow): once the frame holds w rows, its oldest
 * row leaves before the next one comes; each frame's summary must read
 * back.  An overflow is an error the query raises: no more frames then.
 */
static void
check_window(const Rows *rows, size_t w)
{
	CsAllocator mem = fuzz_allocator();
	TrendWindow *win = tr_window_create(&mem, rows->calendar);
	size_t		head = 0,
				i;

	for (i = 0; i < rows->n; i++)
	{
		TrendValue	out;

		if (i - head == w)
		{
			if (tr_window_remove(win, rows->v[head], rows->t[head]) != CS_OK)
				break;
			head++;
		}
		if (tr_window_add(win, rows->v[i], rows->t[i]) != CS_OK)
			break;
		FUZZ_CHECK(tr_window_value(win, &out) == CS_OK);
		check_built(&out, rows->t[i]);
	}
	tr_window_free(win);
}

/* Build values from the input as rows, as the aggregates do, and check them. */
static void
check_rows(const uint8_t *data, size_t size)
{
	Rows		rows;

	read_rows(data, size, &rows);
	check_aggregates(&rows, data[0]);
	check_window(&rows, 1 + ((data[0] >> 1) & 7));
}

/* Check one input: libFuzzer's entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str = fuzz_text(data, size);
	TrendValue	v;

	if (fuzz_from_text(&tr_desc, str, &v))
		check_figures(&v, v.t_max, 3600e6, 0.9);
	free(str);
	if (fuzz_from_wire(&tr_desc, data, size, &v))
		check_figures(&v, v.t_min, 1.0, 0.999);
	fuzz_from_stored(&tr_desc, data, size, &v);
	/* as rows */
	if (size >= 13)
		check_rows(data, size);
	return 0;
}
