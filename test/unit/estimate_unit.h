/*
 * estimate_unit.h
 *		What the unit tests of the estimate family share: quoting for test
 *		names, the canonical text of a value, parsing text that must be good,
 *		the table form of good inputs and its check, random values of every
 *		shape, and the start of each program (seed and rounds).
 *
 * Every function is static inline: each program uses some of them.  The
 * random parts use a fixed seed; set EST_TEST_SEED to vary it and
 * EST_TEST_ROUNDS to change how many random values are tried.
 */
#ifndef ESTIMATE_UNIT_H
#define ESTIMATE_UNIT_H

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "estimate_core.h"
#include "tap.h"
#include "unit.h"

/* Quote a string for a test name: escapes control characters, truncates. */
static inline const char *
q(const char *s)
{
	static char bufs[4][128];
	static int	which = 0;
	char	   *b = bufs[which++ % 4];
	size_t		n = 0;

	b[n++] = '"';
	for (; *s && n < sizeof(bufs[0]) - 8; s++)
	{
		unsigned char c = (unsigned char) *s;

		if (c == '\n')
			n += sprintf(b + n, "\\n");
		else if (c == '\t')
			n += sprintf(b + n, "\\t");
		else if (c < 0x20 || c >= 0x7f)
			n += sprintf(b + n, "\\x%02x", c);
		else
			b[n++] = (char) c;
	}
	if (*s)
		n += sprintf(b + n, "...");
	b[n++] = '"';
	b[n] = '\0';
	return b;
}

/* Byte equality of two stored values. */
static inline int
same_value(const EstimateValue *a, const EstimateValue *b)
{
	return memcmp(a, b, sizeof(EstimateValue)) == 0;
}

/* Canonical text of a value, in a static buffer (one of four). */
static inline const char *
fmt(const EstimateValue *v)
{
	static char bufs[4][EST_TEXT_BUFLEN];
	static int	which = 0;
	char	   *b = bufs[which++ % 4];

	est_format(v, b);
	return b;
}

/* Show the parts of a value as a diagnostic. */
static inline void
diag_value(const char *label, const EstimateValue *v)
{
	diag("%s: best=%.17g low=%.17g high=%.17g flags=0x%02x version=%u",
		 label, v->best, v->low, v->high, v->flags, v->version);
}

/* Parse text that must be good; a failure is reported by the caller. */
static inline EstimateValue
P(const char *s)
{
	EstimateValue v;
	char		err[256] = "";
	CsStatus	st;

	memset(&v, 0x7f, sizeof(v));
	st = est_parse(s, &v, err, sizeof(err), NULL);
	if (st != CS_OK)
	{
		diag("setup: %s does not parse: %s (%s)", q(s), status_name(st), err);
		memset(&v, 0, sizeof(v));
		v.version = EST_VERSION;
	}
	return v;
}

#define U 'U'					/* side unbounded */
#define I 'I'					/* inclusive bound */
#define X 'X'					/* exclusive bound */

typedef struct GoodCase
{
	const char *in;
	double		best;
	char		lowkind;
	double		low;
	char		highkind;
	double		high;
	const char *canon;			/* its "~" and brackets also give the marks */
	const char *qual;
} GoodCase;

/* a qualifier phrase and the shape it gives */
typedef struct QualCase
{
	const char *phrase;
	const char *canon_prefix;	/* the canonical form's symbol */
	const char *qual;
} QualCase;

/* a bad neighbour of a good form: the detail it must give */
typedef struct BadCase
{
	const char *in;
	CsStatus	st;
	const char *detail;			/* a part of the detail sentence */
	bool		hint;			/* the text holds a word the parser does not know */
} BadCase;

/* the tables of estimate_cases.c, and their lengths */
extern const GoodCase good_cases[];
extern const size_t n_good_cases;
extern const GoodCase wording_cases[];
extern const size_t n_wording_cases;
extern const QualCase qual_cases[];
extern const size_t n_qual_cases;
extern const BadCase bad_neighbours[];
extern const size_t n_bad_neighbours;

/* Check good inputs: parts, canonical text, qualifier, reparse. */
static inline void
check_good_cases(const GoodCase *cases, size_t ncases)
{
	size_t		i;

	for (i = 0; i < ncases; i++)
	{
		const GoodCase *c = &cases[i];
		EstimateValue v,
					w;
		char		err[256] = "";
		char		out[EST_TEXT_BUFLEN];
		CsStatus	st;
		int			good = 1;
		uint8_t		want_flags = 0;
		double		want_low = 0,
					want_high = 0,
					want_best;
		size_t		len;
		const char *detail = NULL;

		memset(&v, 0x55, sizeof(v));
		st = est_parse(c->in, &v, err, sizeof(err), NULL);
		if (st != CS_OK)
		{
			ok(0, "parse %s", q(c->in));
			diag("got %s: %s", status_name(st), err);
			continue;
		}

		if (c->lowkind != U)
		{
			want_flags |= EST_HAS_LOW;
			want_low = c->low;
			if (c->lowkind == I)
				want_flags |= EST_LOW_INC;
		}
		if (c->highkind != U)
		{
			want_flags |= EST_HAS_HIGH;
			want_high = c->high;
			if (c->highkind == I)
				want_flags |= EST_HIGH_INC;
		}
		want_best = isnan(c->best) ? est_midpoint(c->low, c->high) : c->best + 0.0;
		/* the marks, as the canonical text shows them */
		if (c->canon[0] == '~' && (c->lowkind != U || c->highkind != U))
			want_flags |= EST_APPROX;
		if (strchr(c->canon, '[') != NULL && c->lowkind == I && c->highkind == I &&
			want_best == est_midpoint(want_low, want_high))
			want_flags |= EST_CENTRE;
		if (!same_double(v.best, want_best) ||
			!same_double(v.low, want_low + 0.0) ||
			!same_double(v.high, want_high + 0.0) ||
			v.flags != want_flags || v.version != EST_VERSION)
			good = 0;
		for (int k = 0; k < 6; k++)
			if (v.reserved[k] != 0)
				good = 0;
		if (!good)
		{
			ok(0, "parse %s", q(c->in));
			diag_value("got", &v);
			diag("want: best=%.17g low=%.17g high=%.17g flags=0x%02x",
				 want_best, want_low, want_high, want_flags);
			continue;
		}

		len = est_format(&v, out);
		if (strcmp(out, c->canon) != 0 || len != strlen(out))
		{
			ok(0, "parse %s -> %s", q(c->in), c->canon);
			diag("canonical output %s (length returned %zu), want %s",
				 q(out), len, q(c->canon));
			continue;
		}
		if (strcmp(est_qualifier(&v), c->qual) != 0)
		{
			ok(0, "parse %s -> %s", q(c->in), c->canon);
			diag("qualifier \"%s\", want \"%s\"", est_qualifier(&v), c->qual);
			continue;
		}
		if (est_check(&v, &detail) != CS_OK)
		{
			ok(0, "parse %s -> %s", q(c->in), c->canon);
			diag("est_check rejects it: %s", detail ? detail : "(no detail)");
			continue;
		}
		memset(&w, 0x33, sizeof(w));
		st = est_parse(out, &w, err, sizeof(err), NULL);
		if (st != CS_OK || !same_value(&v, &w))
		{
			ok(0, "parse %s -> %s", q(c->in), c->canon);
			diag("canonical text does not read back to the same bytes (%s %s)",
				 status_name(st), err);
			continue;
		}
		ok(1, "parse %s -> %s", q(c->in), c->canon);
	}
}

static inline int random_value_plain(EstimateValue *v);

/*
 * Build a random valid value of a random shape, a third of them with random
 * marks (kept where they change the form); returns 0 if none made.
 */
static inline int
random_value(EstimateValue *v)
{
	if (!random_value_plain(v))
		return 0;
	if (next_random() % 3 == 0)
		est_mark(v, (uint8_t) (next_random() & EST_MARKS));
	return 1;
}

/* Build a random valid value of a random shape, without marks. */
static inline int
random_value_plain(EstimateValue *v)
{
	double		a = random_mixed_double(),
				b = random_mixed_double(),
				c = random_mixed_double(),
				t;
	const char *detail;
	int			shape = (int) (next_random() % 10);
	int			li = (int) (next_random() & 1),
				hi = (int) (next_random() & 1);

	/* sort a <= b <= c */
	if (a > b)
	{
		t = a; a = b; b = t;
	}
	if (b > c)
	{
		t = b; b = c; c = t;
	}
	if (a > b)
	{
		t = a; a = b; b = t;
	}
	switch (shape)
	{
		case 0:
			return est_make(v, b, 1, b, 1, 1, b, 1, &detail) == CS_OK;
		case 1:
			return est_make(v, b, 0, 0, 0, 0, 0, 0, &detail) == CS_OK;
		case 2:
			return est_make(v, b, 1, b, li, 0, 0, 0, &detail) == CS_OK;
		case 3:
			return est_make(v, b, 0, 0, 0, 1, b, hi, &detail) == CS_OK;
		case 4:
			return est_make(v, est_midpoint(a, c), 1, a, 1, 1, c, 1, &detail) == CS_OK;
		case 5:
			return est_make(v, b, 1, a, li, 0, 0, 0, &detail) == CS_OK;
		case 6:
			return est_make(v, b, 0, 0, 0, 1, c, hi, &detail) == CS_OK;
		default:
			return est_make(v, b, 1, a, li, 1, c, hi, &detail) == CS_OK;
	}
}

/*
 * Build a random figure of a random kind from quarters between -15 and 15
 * (exact, about, one-sided, ranges with every mix of inclusive, exclusive
 * and unknown sides, positive, negative, zero), where products are exact;
 * with coarse, from the integers -3 to 3, so that two corners of a product
 * often meet at one value (symmetric ranges, bounds at 0), where the
 * inclusive one must win.
 */
static inline void
random_quarter_figure(EstimateValue *v, int coarse)
{
#define QUARTER()	(coarse ? (double) ((int) (next_random() % 7) - 3) : \
					 (double) ((int) (next_random() % 121) - 60) / 4)
	double		b = QUARTER(),
				lo,
				hi;
	int			kind = (int) (next_random() % 12);
	int			has_low,
				has_high;

	switch (kind)
	{
		case 0:
			est_make(v, b, 1, b, 1, 1, b, 1, NULL);
			return;
		case 1:
			est_make(v, 0, 1, 0, 1, 1, 0, 1, NULL);
			return;
		case 2:
			est_make(v, b, 0, 0, 0, 0, 0, 0, NULL);
			return;
		case 3:
		case 4:
			est_make(v, b, 1, b, kind == 4, 0, 0, 0, NULL);
			return;
		case 5:
		case 6:
			est_make(v, b, 0, 0, 0, 1, b, kind == 6, NULL);
			return;
		default:
			break;
	}
	lo = b - fabs(QUARTER());
	hi = b + fabs(QUARTER());
	if (kind == 7 || kind == 8)
	{
		/* a range on one side of zero */
		double		near = fabs(QUARTER()) + (coarse ? 1 : 0.25),
					far = fabs(QUARTER()) + (coarse ? 1 : 0.25);

		lo = near;
		hi = near + far;
		if (kind == 8)
		{
			double		t = lo;

			lo = -hi;
			hi = -t;
		}
		b = (lo + hi) / 2;
	}
	if (lo == hi)
	{
		est_make(v, lo, 1, lo, 1, 1, lo, 1, NULL);
		return;
	}
	has_low = next_random() % 100 >= 15;
	has_high = next_random() % 100 >= 15;
	if (est_make(v, b, has_low, lo, next_random() & 1, has_high, hi, next_random() & 1, NULL) != CS_OK)
		est_make(v, b, 0, 0, 0, 0, 0, 0, NULL);
#undef QUARTER
}

/* a candidate bound of the reference: value (infinite when unbounded), inclusive, stated */
typedef struct RefBound
{
	double		v;
	int			inc;
	int			known;
} RefBound;

/* Give a side of a figure for the reference: minus or plus infinity when unbounded. */
static inline RefBound
ref_side(const EstimateValue *e, int low)
{
	RefBound	s;

	s.known = (e->flags & (low ? EST_HAS_LOW : EST_HAS_HIGH)) != 0;
	s.v = s.known ? (low ? e->low : e->high) : (low ? -INFINITY : INFINITY);
	s.inc = s.known && (e->flags & (low ? EST_LOW_INC : EST_HIGH_INC)) != 0;
	return s;
}

/*
 * Start a test program: line-buffered output (no TAP line is lost if a
 * sanitizer aborts), the seed from EST_TEST_SEED, and the number of random
 * rounds from EST_TEST_ROUNDS (200000 unless set), which it returns.
 */
static inline int
est_unit_start(void)
{
	const char *seed = getenv("EST_TEST_SEED");
	const char *rounds_env = getenv("EST_TEST_ROUNDS");
	int			rounds = rounds_env ? atoi(rounds_env) : 200000;

	setvbuf(stdout, NULL, _IOLBF, 0);
	unit_rng = 0x9E3779B97F4A7C15ULL;
	if (seed)
		unit_rng = strtoull(seed, NULL, 0) | 1;
	printf("# seed 0x%016llx, %d random rounds\n",
		   (unsigned long long) unit_rng, rounds);
	return rounds;
}

#endif							/* ESTIMATE_UNIT_H */
