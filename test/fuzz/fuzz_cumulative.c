/*
 * fuzz_cumulative.c
 *		libFuzzer target for the cumulative core: the text form, the binary
 *		form, validation, and summaries built from reports.
 *
 * Text, wire form and stored layout: the input read as each through the
 * cumulative's descriptor, by the codecs cumulative_in and cumulative_recv
 * call; whatever reads must pass cum_check and round-trip bit for bit
 * through both forms (fuzz_util.h), and its figures must not crash.
 * Reports: the input taken as (time, total) rows; whatever cumulative_agg
 * and rollup build from them (one pass, partial states and their merges)
 * must do the same.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cumulative_core.h"
#include "fuzz_util.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Run every figure of a valid value; none may crash or give a non-finite OK. */
static void
check_figures(const CumulativeValue *v, double per_us, double target)
{
	double		x;
	int64_t		at;

	if (cum_delta(v, &x) == CS_OK)
		FUZZ_CHECK(isfinite(x));
	if (cum_rate(v, per_us, &x) == CS_OK)
		FUZZ_CHECK(isfinite(x));
	if (cum_fitted_rate(v, per_us, &x) == CS_OK)
		FUZZ_CHECK(isfinite(x));
	if (cum_acceleration(v, per_us, &x) == CS_OK)
		FUZZ_CHECK(isfinite(x));
	if (cum_time_to_reach(v, target, &at) == CS_OK && !(cs_time_in_range(at) && at >= v->last_at))
	{
		char		text[CS_KV_BUFLEN];

		cum_format(v, text);
		fprintf(stderr, "%s\ntarget %.17g: %lld\n", text, target, (long long) at);
		FUZZ_CHECK(!"the time to reach lies before the last report");
	}
}

/* Check a value the aggregates built: its text and binary forms, its figures. */
static void
check_built(const CumulativeValue *v)
{
	fuzz_round_trips(&cum_desc, v);
	check_figures(v, CS_USECS_PER_DAY, fabs(v->last_total) * 2 + 1);
}

/* A summary being built, or none yet (the aggregate's NULL state). */
typedef struct Building
{
	bool		any;
	CsStatus	st;				/* CS_OK, or the error that ended the query */
	CumulativeValue v;
} Building;

/* Add a report as cumulative_agg's transition does (y finite, -0 made +0). */
static void
build_add(Building *b, double y, int64_t at, bool calendar)
{
	y += 0.0;
	if (!b->any)
	{
		cum_init(&b->v, y, at, calendar);
		b->any = true;
		b->st = CS_OK;
	}
	else if (b->st == CS_OK)
		b->st = cum_add(&b->v, y, at);
}

/*
 * Merge b into a as the combine function does (a NULL side gives the
 * other); false when the query fails.
 */
static bool
build_merge(Building *a, const Building *b)
{
	if (a->st != CS_OK || b->st != CS_OK)
		return false;
	if (!b->any)
		return true;
	if (!a->any)
	{
		*a = *b;
		return true;
	}
	a->st = cum_merge(&a->v, &b->v);
	FUZZ_CHECK(a->st == CS_OK || a->st == CS_ERR_RANGE);
	return a->st == CS_OK;
}

/*
 * Build what cumulative_agg and rollup build from the input as reports: a
 * control byte, then 12 bytes a report (a time step, in milliseconds or
 * days, and a total, a float or 8 bytes; two bits pick the partial state
 * it goes to, as parallel workers get rows).  One pass, four partial
 * states and their merges in the order the control byte picks: each value
 * built must validate and read back from its text and binary forms.
 */
static void
check_reports(const uint8_t *data, size_t size)
{
	bool		calendar = (data[0] & 1) != 0;
	size_t		n = (size - 1) / 12;
	Building	all,
				part[4];
	int64_t		t = INT64_C(8766) * CS_USECS_PER_DAY;
	size_t		i;
	int			k;

	memset(&all, 0, sizeof(all));
	memset(part, 0, sizeof(part));
	if (n > 64)
		n = 64;
	for (i = 0; i < n; i++)
	{
		const uint8_t *p = data + 1 + 12 * i;
		int32_t		step;
		float		fy;
		double		y;
		int64_t		dt;

		memcpy(&step, p, 4);
		memcpy(&fy, p + 4, 4);
		y = (p[0] & 0x80) ? cs_get_float8(p + 4) : (double) fy;
		if (__builtin_mul_overflow((int64_t) step, (p[1] & 1) ? CS_USECS_PER_DAY : 1000, &dt) ||
			__builtin_add_overflow(t, dt, &t))
			break;
		if (!cs_time_in_range(t) || !isfinite(y))
			continue;			/* the glue refuses these before the core */
		build_add(&all, y, t, calendar);
		build_add(&part[(p[2] >> 6) & 3], y, t, calendar);
	}
	if (!all.any)
		return;
	if (all.st != CS_OK)
	{
		FUZZ_CHECK(all.st == CS_ERR_RANGE);
		return;
	}
	check_built(&all.v);
	for (k = 0; k < 4; k++)
	{
		FUZZ_CHECK(part[k].st == CS_OK || part[k].st == CS_ERR_RANGE);
		if (part[k].any && part[k].st == CS_OK)
			check_built(&part[k].v);
	}

	/* ((0 + 1) + 2) + 3, or (0 + 1) + (2 + 3): every step a value too */
	if (!build_merge(&part[0], &part[1]))
		return;
	if (part[0].any)
		check_built(&part[0].v);
	if (data[0] & 0x10)
	{
		if (!build_merge(&part[2], &part[3]))
			return;
		if (part[2].any)
			check_built(&part[2].v);
		if (!build_merge(&part[0], &part[2]))
			return;
	}
	else
	{
		if (!build_merge(&part[0], &part[2]))
			return;
		if (part[0].any)
			check_built(&part[0].v);
		if (!build_merge(&part[0], &part[3]))
			return;
	}
	check_built(&part[0].v);
	FUZZ_CHECK(part[0].v.n == all.v.n && part[0].v.first_at == all.v.first_at &&
			   part[0].v.last_at == all.v.last_at &&
			   part[0].v.first_total == all.v.first_total &&
			   part[0].v.last_total == all.v.last_total && part[0].v.flags == all.v.flags);
}

/* Check one input: libFuzzer's entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str = fuzz_text(data, size);
	CumulativeValue c;

	if (fuzz_from_text(&cum_desc, str, &c))
		check_figures(&c, 3600e6, c.last_total + 1);
	free(str);
	if (fuzz_from_wire(&cum_desc, data, size, &c))
		check_figures(&c, 1.0, 1e300);
	fuzz_from_stored(&cum_desc, data, size, &c);
	/* as reports */
	if (size >= 13)
		check_reports(data, size);
	return 0;
}
