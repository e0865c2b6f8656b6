/*
 * trend_parse.c
 *		The trend summary in plain C: validation and the text form.
 *
 * The text form names every field, in a fixed order:
 *
 *   v1 n=3 ref=757382400000000 first=757382400000000 last=757555200000000
 *      vref=1 sum=6 mt=1 mv=1 sxx=2 syy=2 sxy=2
 *
 * (on one line).  Times are integers (timestamptz microseconds since
 * 2000-01-01 00:00 UTC); mt is the mean time in microseconds after ref, mv the mean
 * value minus vref, sxx, syy and sxy the centred sums; numbers are written as the shortest decimal that
 * reads back to the same double, so the form is exact whatever the session's
 * extra_float_digits is, and Citus can ship partial states as text.
 */
#include "trend_parse.h"
#include "estimate_parse.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set v to the empty value. */
void
trend_init(TrendValue *v)
{
	memset(v, 0, sizeof(*v));
	v->version = TREND_VERSION;
}

/* Tell whether a timestamp lies in the server's finite range. */
static bool
ts_in_range(int64_t t)
{
	return t >= TREND_MIN_TS && t < TREND_END_TS;
}

/* Check a value's fields and their consistency; NULL when valid (see trend_parse.h). */
const char *
trend_check(const TrendValue *v)
{
	int			i;
	double		n,
				lo,
				hi,
				slack,
				tol;

	if (v->version != TREND_VERSION)
		return "The format version is not 1.";
	if ((v->flags & ~TREND_FLAGS_MASK) != 0)
		return "Unknown flag bits are set.";
	for (i = 0; i < (int) sizeof(v->reserved); i++)
		if (v->reserved[i] != 0)
			return "Reserved bytes are not zero.";
	if (v->n < 0)
		return "The count of rows is negative.";
	if (isnan(v->v_ref) || isnan(v->sum_v) || isnan(v->mean_t) || isnan(v->mean_v) ||
		isnan(v->sxx) || isnan(v->syy) || isnan(v->sxy))
		return "A field is NaN.";
	if (!isfinite(v->v_ref) || !isfinite(v->sum_v) || !isfinite(v->mean_t) || !isfinite(v->mean_v) ||
		!isfinite(v->sxx) || !isfinite(v->syy) || !isfinite(v->sxy))
		return "A field is infinite.";

	if (v->n == 0)
	{
		if (v->t_ref != 0 || v->t_min != 0 || v->t_max != 0 ||
			v->v_ref != 0.0 || v->sum_v != 0.0 || v->mean_t != 0.0 || v->mean_v != 0.0 ||
			v->sxx != 0.0 || v->syy != 0.0 || v->sxy != 0.0)
			return "An empty summary has a non-zero field.";
		return NULL;
	}

	if (!ts_in_range(v->t_ref) || !ts_in_range(v->t_min) || !ts_in_range(v->t_max))
		return "A time is out of the range of timestamptz.";
	if (v->t_min > v->t_max)
		return "The first time is after the last time.";
	if (v->sxx < 0.0 || v->syy < 0.0)
		return "A sum of squares is negative.";
	if (v->n == 1)
	{
		if (v->t_min != v->t_max || v->t_ref != v->t_min ||
			v->mean_t != 0.0 || v->mean_v != 0.0 || v->sum_v != v->v_ref ||
			v->sxx != 0.0 || v->syy != 0.0 || v->sxy != 0.0)
			return "A summary of one row has a spread.";
	}
	if (v->t_min == v->t_max && (v->sxx != 0.0 || v->sxy != 0.0))
		return "The times are all equal but their spread is not zero.";

	/* the mean time lies between the first and last times */
	lo = (double) v->t_min - (double) v->t_ref;
	hi = (double) v->t_max - (double) v->t_ref;
	slack = 1e-9 * (fabs(lo) + fabs(hi) + 1.0);
	if (v->mean_t < lo - slack || v->mean_t > hi + slack)
		return "The mean time is outside the first and last times.";

	/* Cauchy-Schwarz, with room for rounding */
	if (v->sxy * v->sxy > v->sxx * v->syy * (1.0 + 1e-6) + 1e-300)
		return "The cross product exceeds what the sums of squares allow.";

	/* the sum and the mean agree, up to rounding of long or cancelling sums */
	n = (double) v->n;
	tol = n * 4.0 * 2.220446049250313e-16;
	if (tol < 1e-6)
		tol = 1e-6;
	if (fabs(v->sum_v - (n * v->v_ref + n * v->mean_v)) >
		tol * (fabs(v->sum_v) + n * fabs(v->v_ref) + n * fabs(v->mean_v) +
			   sqrt(n * v->syy)) + 1e-300)
		return "The sum of values does not match their mean.";
	return NULL;
}

/* ------------------------------------------------------------------------
 * Text form
 * ------------------------------------------------------------------------
 */

/* Skip white space. */
static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		   *p == '\f' || *p == '\v')
		p++;
	return p;
}

/* Match the literal key (with its '='), after white space; NULL if absent. */
static const char *
match_key(const char *p, const char *key)
{
	size_t		len = strlen(key);

	p = skip_space(p);
	if (strncmp(p, key, len) != 0)
		return NULL;
	return p + len;
}

/* Read a decimal int64 (optional '-'); NULL on malformed or overflow. */
static const char *
read_int64(const char *p, int64_t *out)
{
	bool		neg = false;
	uint64_t	acc = 0;
	uint64_t	limit;
	const char *start;

	if (*p == '-')
	{
		neg = true;
		p++;
	}
	limit = neg ? (uint64_t) INT64_MAX + 1 : (uint64_t) INT64_MAX;
	start = p;
	while (*p >= '0' && *p <= '9')
	{
		unsigned	d = (unsigned) (*p - '0');

		if (acc > (limit - d) / 10)
			return NULL;
		acc = acc * 10 + d;
		p++;
	}
	if (p == start)
		return NULL;
	if (neg)
		*out = (acc == (uint64_t) INT64_MAX + 1) ? INT64_MIN : -(int64_t) acc;
	else
		*out = (int64_t) acc;
	return p;
}

/*
 * Read a finite decimal double: [-+]digits[.digits][e[-+]digits] (also
 * .5 and 5.); no hex, NaN or infinity.  NULL on malformed or overflow.
 */
static const char *
read_double(const char *p, double *out)
{
	const char *s = p;
	char		buf[64];
	size_t		len;
	int			ndig = 0;
	char	   *end;
	double		d;

	if (*p == '-' || *p == '+')
		p++;
	while (*p >= '0' && *p <= '9')
		p++, ndig++;
	if (*p == '.')
	{
		p++;
		while (*p >= '0' && *p <= '9')
			p++, ndig++;
	}
	if (ndig == 0)
		return NULL;
	if (*p == 'e' || *p == 'E')
	{
		const char *e = p + 1;
		int			nexp = 0;

		if (*e == '-' || *e == '+')
			e++;
		while (*e >= '0' && *e <= '9')
			e++, nexp++;
		if (nexp == 0)
			return NULL;
		p = e;
	}
	len = (size_t) (p - s);
	if (len >= sizeof(buf))
		return NULL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	d = strtod(buf, &end);
	if (end != buf + len)
		return NULL;
	/* underflow to a subnormal or zero is fine; overflow is not */
	if (!isfinite(d))
		return NULL;
	*out = d;
	return p;
}

/* the keys of the text form, in order */
static const char *const int_keys[] = {"n=", "ref=", "first=", "last="};
static const char *const dbl_keys[] = {"vref=", "sum=", "mt=", "mv=", "sxx=", "syy=", "sxy="};

/* Parse and check the text form (see trend_parse.h). */
int
trend_parse(const char *str, TrendValue *v, char *errbuf, size_t errlen)
{
	const char *p = str;
	const char *q;
	const char *problem;
	int64_t		ints[4];
	double		dbls[7];
	int			i;

	trend_init(v);
	p = skip_space(p);
	if (*p == '\0')
	{
		snprintf(errbuf, errlen, "The text is empty.");
		return -1;
	}
	if (p[0] != 'v' || p[1] < '0' || p[1] > '9')
	{
		snprintf(errbuf, errlen, "A trend starts with its format version, \"v1\".");
		return -1;
	}
	if (p[1] != '1' || (p[2] >= '0' && p[2] <= '9'))
	{
		snprintf(errbuf, errlen, "Format version \"v%c\" is not supported.", p[1]);
		return -1;
	}
	p += 2;
	if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
	{
		snprintf(errbuf, errlen, "A space must follow the format version.");
		return -1;
	}

	for (i = 0; i < 4; i++)
	{
		q = match_key(p, int_keys[i]);
		if (q == NULL)
		{
			snprintf(errbuf, errlen, "Expected \"%s\" next.", int_keys[i]);
			return -1;
		}
		p = read_int64(q, &ints[i]);
		if (p == NULL)
		{
			snprintf(errbuf, errlen, "The value of \"%.*s\" is not a 64-bit integer.",
					 (int) strlen(int_keys[i]) - 1, int_keys[i]);
			return -1;
		}
	}
	for (i = 0; i < 7; i++)
	{
		q = match_key(p, dbl_keys[i]);
		if (q == NULL)
		{
			snprintf(errbuf, errlen, "Expected \"%s\" next.", dbl_keys[i]);
			return -1;
		}
		p = read_double(q, &dbls[i]);
		if (p == NULL)
		{
			snprintf(errbuf, errlen, "The value of \"%.*s\" is not a finite number.",
					 (int) strlen(dbl_keys[i]) - 1, dbl_keys[i]);
			return -1;
		}
	}
	p = skip_space(p);
	if (*p != '\0')
	{
		snprintf(errbuf, errlen, "Unexpected text after the last field.");
		return -1;
	}

	v->n = ints[0];
	v->t_ref = ints[1];
	v->t_min = ints[2];
	v->t_max = ints[3];
	v->v_ref = dbls[0];
	v->sum_v = dbls[1];
	v->mean_t = dbls[2];
	v->mean_v = dbls[3];
	v->sxx = dbls[4];
	v->syy = dbls[5];
	v->sxy = dbls[6];

	problem = trend_check(v);
	if (problem != NULL)
	{
		snprintf(errbuf, errlen, "%s", problem);
		return -1;
	}
	return 0;
}

/* Write the text form, which reads back bit for bit. */
size_t
trend_format(const TrendValue *v, char *buf)
{
	char		d[7][EST_DOUBLE_BUFLEN];

	est_format_double(v->v_ref, d[0]);
	est_format_double(v->sum_v, d[1]);
	est_format_double(v->mean_t, d[2]);
	est_format_double(v->mean_v, d[3]);
	est_format_double(v->sxx, d[4]);
	est_format_double(v->syy, d[5]);
	est_format_double(v->sxy, d[6]);
	return (size_t) snprintf(buf, TREND_TEXT_BUFLEN,
							 "v1 n=%lld ref=%lld first=%lld last=%lld "
							 "vref=%s sum=%s mt=%s mv=%s sxx=%s syy=%s sxy=%s",
							 (long long) v->n, (long long) v->t_ref,
							 (long long) v->t_min, (long long) v->t_max,
							 d[0], d[1], d[2], d[3], d[4], d[5], d[6]);
}
