/*
 * fuzz_cumulative.c
 *		libFuzzer target for the cumulative core: the text form, the binary
 *		form, validation, and summaries built from reports.
 *
 * Text: whatever parses must validate, format, and read back to the same
 * bytes and text.  Binary: the first 114 bytes laid out as cumulative_recv
 * reads them, and the first 120 as the stored layout; whatever validates
 * must read back through its text identically and encode to the same bytes.
 * Reports: the input taken as (time, total) rows; whatever cumulative_agg
 * and rollup build from them (one pass, partial states and their merges)
 * must validate, read back from its text and its binary form to the same
 * bytes, and its figures must not crash.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cumulative_core.h"
#include "fuzz_util.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the size of cumulative_send's message */
#define CUM_WIRE_SIZE		114

/* Abort (a finding) unless a valid value's text reads back to it. */
static void
check_round_trip(const CumulativeValue *v)
{
	char		text[CUM_TEXT_BUFLEN];
	char		text2[CUM_TEXT_BUFLEN];
	char		err[CS_ERRBUF_LEN];
	CumulativeValue again;
	const char *detail = NULL;
	size_t		len;

	if (cum_validate(v, &detail) != CS_OK)
	{
		fprintf(stderr, "%s\n", detail);
		FUZZ_CHECK(!"a summary is not valid");
	}
	len = cum_format(v, text);
	FUZZ_CHECK(len == strlen(text) && len < CUM_TEXT_BUFLEN);
	err[0] = '\0';
	if (cum_parse(text, &again, err, sizeof(err)) != CS_OK)
	{
		fprintf(stderr, "%s\n%s\n", text, err);
		FUZZ_CHECK(!"a valid value's text does not read back");
	}
	FUZZ_CHECK(memcmp(v, &again, sizeof(again)) == 0);
	FUZZ_CHECK(cum_validate(&again, &detail) == CS_OK);
	cum_format(&again, text2);
	FUZZ_CHECK(strcmp(text, text2) == 0);
}

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
		char		text[CUM_TEXT_BUFLEN];

		cum_format(v, text);
		fprintf(stderr, "%s\ntarget %.17g: %lld\n", text, target, (long long) at);
		FUZZ_CHECK(!"the time to reach lies before the last report");
	}
}

/* Write the wire form of v, as cumulative_send does. */
static void
encode(const CumulativeValue *v, uint8_t *buf)
{
	buf[0] = v->version;
	buf[1] = v->flags;
	put_u64(buf + 2, (uint64_t) v->n);
	put_u64(buf + 10, (uint64_t) v->first_at);
	put_u64(buf + 18, (uint64_t) v->last_at);
	put_u64(buf + 26, (uint64_t) v->t_ref);
	put_double(buf + 34, v->first_total);
	put_double(buf + 42, v->last_total);
	put_double(buf + 50, v->y_ref);
	put_double(buf + 58, v->t_mean);
	put_double(buf + 66, v->y_mean);
	put_double(buf + 74, v->t_m2);
	put_double(buf + 82, v->t_m3);
	put_double(buf + 90, v->t_m4);
	put_double(buf + 98, v->ty_c);
	put_double(buf + 106, v->t2y_c);
}

/* Read the wire form, as cumulative_recv does. */
static void
decode(const uint8_t *buf, CumulativeValue *v)
{
	memset(v, 0, sizeof(*v));
	v->version = buf[0];
	v->flags = buf[1];
	v->n = (int64_t) get_u64(buf + 2);
	v->first_at = (int64_t) get_u64(buf + 10);
	v->last_at = (int64_t) get_u64(buf + 18);
	v->t_ref = (int64_t) get_u64(buf + 26);
	v->first_total = get_double(buf + 34);
	v->last_total = get_double(buf + 42);
	v->y_ref = get_double(buf + 50);
	v->t_mean = get_double(buf + 58);
	v->y_mean = get_double(buf + 66);
	v->t_m2 = get_double(buf + 74);
	v->t_m3 = get_double(buf + 82);
	v->t_m4 = get_double(buf + 90);
	v->ty_c = get_double(buf + 98);
	v->t2y_c = get_double(buf + 106);
}

/*
 * Abort unless a valid value's wire form, as cumulative_send writes it,
 * reads back as cumulative_recv reads it: valid, the same bytes, the same
 * wire form.
 */
static void
check_wire_round_trip(const CumulativeValue *v)
{
	uint8_t		wire[CUM_WIRE_SIZE];
	uint8_t		again[CUM_WIRE_SIZE];
	CumulativeValue back;
	const char *detail = NULL;

	encode(v, wire);
	decode(wire, &back);
	if (cum_validate(&back, &detail) != CS_OK)
	{
		fprintf(stderr, "%s\n", detail);
		FUZZ_CHECK(!"a valid value's binary form does not read back");
	}
	FUZZ_CHECK(memcmp(v, &back, sizeof(CumulativeValue)) == 0);
	encode(&back, again);
	FUZZ_CHECK(memcmp(wire, again, CUM_WIRE_SIZE) == 0);
}

/* Check a value the aggregates built: its text and binary forms, its figures. */
static void
check_built(const CumulativeValue *v)
{
	check_round_trip(v);
	check_wire_round_trip(v);
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
		y = (p[0] & 0x80) ? get_double(p + 4) : (double) fy;
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
	char		err[CS_ERRBUF_LEN];
	CumulativeValue c;
	CsStatus	st;

	/* as text */
	err[0] = '\0';
	st = cum_parse(str, &c, err, sizeof(err));
	if (st == CS_OK)
	{
		check_round_trip(&c);
		check_figures(&c, 3600e6, c.last_total + 1);
	}
	else
		FUZZ_CHECK(st == CS_ERR_SYNTAX && err[0] != '\0');
	free(str);

	/* as the wire form */
	if (size >= CUM_WIRE_SIZE)
	{
		const char *detail;
		uint8_t		again[CUM_WIRE_SIZE];

		decode(data, &c);
		if (cum_validate(&c, &detail) == CS_OK)
		{
			check_round_trip(&c);
			check_figures(&c, 1.0, 1e300);
			encode(&c, again);
			FUZZ_CHECK(memcmp(again, data, CUM_WIRE_SIZE) == 0);
		}
		else
			FUZZ_CHECK(detail != NULL && detail[0] != '\0');
	}
	/* as the stored layout */
	if (size >= sizeof(CumulativeValue))
	{
		const char *detail;

		memcpy(&c, data, sizeof(c));
		if (cum_validate(&c, &detail) == CS_OK)
			check_round_trip(&c);
	}
	/* as reports */
	if (size >= 13)
		check_reports(data, size);
	return 0;
}
