/*
 * fuzz_cumulative.c
 *		libFuzzer target for the cumulative core: the text form, the binary
 *		form, validation, and summaries built from reports.
 *
 * Text: whatever parses must validate, format, and read back to the same
 * bytes and text.  Binary: the first 114 bytes laid out as cumulative_recv
 * reads them, and the first 120 as the stored layout; whatever validates
 * must read back through its text identically and encode to the same bytes.
 * Reports: the input taken as (time, total) pairs; a summary built from
 * them (cum_init, cum_add, cum_merge) must validate and read back through
 * its text, and its figures must not crash.
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

/* Build summaries from the input as reports of 12 bytes: a time step and a total. */
static void
check_reports(const uint8_t *data, size_t size)
{
	bool		calendar = (data[0] & 1) != 0;
	size_t		n = (size - 1) / 12;
	CumulativeValue all,
				a,
				b;
	int64_t		t = INT64_C(8766) * CS_USECS_PER_DAY;
	size_t		i,
				cut,
				added = 0;
	CsStatus	st = CS_OK,
				sa = CS_OK,
				sb = CS_OK;

	if (n > 64)
		n = 64;
	cut = n / 2;
	for (i = 0; i < n && st == CS_OK; i++)
	{
		const uint8_t *p = data + 1 + 12 * i;
		int32_t		step;
		float		fy;
		double		y;

		memcpy(&step, p, 4);
		memcpy(&fy, p + 4, 4);
		y = (p[0] & 0x80) ? get_double(p + 4) : (double) fy;
		{
			int64_t		dt;

			if (__builtin_mul_overflow((int64_t) step, (p[1] & 1) ? CS_USECS_PER_DAY : 1000, &dt) ||
				__builtin_add_overflow(t, dt, &t))
				break;
		}
		if (!cs_time_in_range(t) || !isfinite(y))
			continue;			/* the glue refuses these before the core */
		if (added == 0)
		{
			cum_init(&all, y, t, calendar);
			st = CS_OK;
		}
		else
			st = cum_add(&all, y, t);
		if (added == cut)
		{
			cum_init(&b, y, t, calendar);
			sb = CS_OK;
		}
		else if (added > cut)
			sb = sb == CS_OK ? cum_add(&b, y, t) : sb;
		else if (added == 0)
			cum_init(&a, y, t, calendar);
		else
			sa = sa == CS_OK ? cum_add(&a, y, t) : sa;
		added++;
	}
	if (added == 0)
		return;
	if (st != CS_OK)
	{
		FUZZ_CHECK(st == CS_ERR_RANGE);
		return;
	}
	check_round_trip(&all);
	check_figures(&all, CS_USECS_PER_DAY, fabs(all.last_total) * 2 + 1);
	if (added > cut && cut > 0 && sa == CS_OK && sb == CS_OK && cum_merge(&a, &b) == CS_OK)
	{
		check_round_trip(&a);
		FUZZ_CHECK(a.n == all.n && a.first_at == all.first_at && a.last_at == all.last_at &&
				   a.first_total == all.first_total && a.last_total == all.last_total &&
				   a.flags == all.flags);
	}
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
