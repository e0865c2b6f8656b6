/*
 * fuzz_trend.c
 *		libFuzzer target for the trend core: the text form, the binary form,
 *		validation, and summaries built from rows.
 *
 * Text: whatever parses must pass tr_check, format, and read back to the
 * same bytes and the same text.  Binary: the first 90 bytes laid out as
 * trend_recv reads them, and the first 96 as the stored layout; whatever
 * passes tr_check must read back through its text identically and encode to
 * the same bytes.  Rows: the input taken as (time, value) pairs; a summary
 * the aggregate builds from them (tr_add, tr_merge) must pass tr_check and
 * read back through its text, and its figures must not crash.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "trend_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the size of trend_send's message */
#define TREND_WIRE_SIZE		90

/* Abort (a finding) unless a valid value's text reads back to it. */
static void
check_round_trip(const TrendValue *v)
{
	char		text[TREND_TEXT_BUFLEN];
	char		text2[TREND_TEXT_BUFLEN];
	char		err[CS_ERRBUF_LEN];
	TrendValue	again;
	const char *detail = NULL;
	size_t		len;

	if (tr_check(v, &detail) != CS_OK)
	{
		tr_format(v, text);
		fprintf(stderr, "%s\n%s\n", text, detail);
		FUZZ_CHECK(!"a summary is not valid");
	}
	len = tr_format(v, text);
	FUZZ_CHECK(len == strlen(text) && len < TREND_TEXT_BUFLEN);
	err[0] = '\0';
	if (tr_parse(text, &again, err, sizeof(err)) != CS_OK)
	{
		fprintf(stderr, "%s\n%s\n", text, err);
		FUZZ_CHECK(!"a valid value's text does not read back");
	}
	FUZZ_CHECK(memcmp(v, &again, sizeof(TrendValue)) == 0);
	FUZZ_CHECK(tr_check(&again, &detail) == CS_OK);
	tr_format(&again, text2);
	FUZZ_CHECK(strcmp(text, text2) == 0);
}

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

/* Write the wire form of v, as trend_send does. */
static void
encode(const TrendValue *v, uint8_t *buf)
{
	buf[0] = v->version;
	buf[1] = v->flags;
	put_u64(buf + 2, (uint64_t) v->n);
	put_u64(buf + 10, (uint64_t) v->t_ref);
	put_u64(buf + 18, (uint64_t) v->t_min);
	put_u64(buf + 26, (uint64_t) v->t_max);
	put_double(buf + 34, v->v_ref);
	put_double(buf + 42, v->sum_v);
	put_double(buf + 50, v->mean_t);
	put_double(buf + 58, v->mean_v);
	put_double(buf + 66, v->sxx);
	put_double(buf + 74, v->syy);
	put_double(buf + 82, v->sxy);
}

/* Read the wire form, as trend_recv does. */
static void
decode(const uint8_t *buf, TrendValue *v)
{
	memset(v, 0, sizeof(*v));
	v->version = buf[0];
	v->flags = buf[1];
	v->n = (int64_t) get_u64(buf + 2);
	v->t_ref = (int64_t) get_u64(buf + 10);
	v->t_min = (int64_t) get_u64(buf + 18);
	v->t_max = (int64_t) get_u64(buf + 26);
	v->v_ref = get_double(buf + 34);
	v->sum_v = get_double(buf + 42);
	v->mean_t = get_double(buf + 50);
	v->mean_v = get_double(buf + 58);
	v->sxx = get_double(buf + 66);
	v->syy = get_double(buf + 74);
	v->sxy = get_double(buf + 82);
}

/* Build summaries from the input as rows of 12 bytes: a time step and a value. */
static void
check_rows(const uint8_t *data, size_t size)
{
	bool		calendar = (data[0] & 1) != 0;
	size_t		nrows = (size - 1) / 12;
	TrendValue	all,
				a,
				b;
	int64_t		t = INT64_C(8766) * CS_USECS_PER_DAY;
	int64_t		ts[64];
	double		vs[64];
	size_t		i,
				cut,
				kept = 0;
	CsStatus	st = CS_OK,
				sa = CS_OK,
				sb = CS_OK;

	if (nrows > 64)
		nrows = 64;
	cut = nrows / 2;
	tr_init(&all);
	tr_init(&a);
	tr_init(&b);
	for (i = 0; i < nrows && st == CS_OK; i++)
	{
		const uint8_t *p = data + 1 + 12 * i;
		int32_t		step;
		float		fv;
		double		v;

		memcpy(&step, p, 4);
		memcpy(&fv, p + 4, 4);
		/* a value from 8 bytes or a float, so that runs of close values happen */
		v = (p[0] & 0x80) ? get_double(p + 4) : (double) fv;
		{
			int64_t		dt;

			if (__builtin_mul_overflow((int64_t) step, (p[1] & 1) ? CS_USECS_PER_DAY : 1000, &dt) ||
				__builtin_add_overflow(t, dt, &t))
				break;
		}
		if (!cs_time_in_range(t))
			break;
		st = tr_add(&all, v, t, calendar);
		if (st == CS_ERR_INVALID)
		{
			FUZZ_CHECK(!isfinite(v));
			st = CS_OK;
			continue;
		}
		ts[kept] = t;
		vs[kept++] = v;
		if (i < cut)
			sa = sa == CS_OK ? tr_add(&a, v, t, calendar) : sa;
		else
			sb = sb == CS_OK ? tr_add(&b, v, t, calendar) : sb;
	}
	if (st != CS_OK)
	{
		FUZZ_CHECK(st == CS_ERR_RANGE);
		return;
	}
	check_round_trip(&all);
	check_figures(&all, t, CS_USECS_PER_DAY, 0.95);
	if (sa == CS_OK && sb == CS_OK && tr_merge(&a, &b) == CS_OK)
	{
		check_round_trip(&a);
		FUZZ_CHECK(a.n == all.n && a.t_min == all.t_min && a.t_max == all.t_max);
	}
	/* a moving window drops its first row (three rows stay at least) */
	if (all.n >= 4)
	{
		int64_t		lo = ts[1],
					hi = ts[1];

		for (i = 2; i < kept; i++)
		{
			lo = ts[i] < lo ? ts[i] : lo;
			hi = ts[i] > hi ? ts[i] : hi;
		}
		tr_remove(&all, vs[0], ts[0]);
		all.t_min = lo;
		all.t_max = hi;
		if (tr_sums_tr_finite(&all))
			check_figures(&all, t, 1.0, 0.5);
	}
}

/* Check one input: libFuzzer's entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str = fuzz_text(data, size);
	char		err[CS_ERRBUF_LEN];
	TrendValue	v;
	CsStatus	st;

	/* as text */
	err[0] = '\0';
	st = tr_parse(str, &v, err, sizeof(err));
	if (st == CS_OK)
	{
		check_round_trip(&v);
		check_figures(&v, v.t_max, 3600e6, 0.9);
	}
	else
		FUZZ_CHECK(st == CS_ERR_SYNTAX && err[0] != '\0');
	free(str);

	/* as the wire form */
	if (size >= TREND_WIRE_SIZE)
	{
		const char *detail;
		uint8_t		again[TREND_WIRE_SIZE];

		decode(data, &v);
		if (tr_check(&v, &detail) == CS_OK)
		{
			check_round_trip(&v);
			check_figures(&v, v.t_min, 1.0, 0.999);
			encode(&v, again);
			FUZZ_CHECK(memcmp(again, data, TREND_WIRE_SIZE) == 0);
		}
		else
			FUZZ_CHECK(detail != NULL && detail[0] != '\0');
	}
	/* as the stored layout */
	if (size >= sizeof(TrendValue))
	{
		const char *detail;

		memcpy(&v, data, sizeof(TrendValue));
		if (tr_check(&v, &detail) == CS_OK)
			check_round_trip(&v);
	}
	/* as rows */
	if (size >= 13)
		check_rows(data, size);
	return 0;
}
