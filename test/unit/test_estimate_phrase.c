/*
 * test_estimate_phrase.c
 *		Unit tests of the reader of figures in running text
 *		(estimate_phrase.c) and of the parser's longest-figure-prefix mode:
 *		read one phrase, find every figure of a text with its rate unit and
 *		noun phrase, and pass over the numbers that are not figures.
 */
#include "estimate_phrase.h"
#include "estimate_unit.h"

static const char *const per_names[] = {"-", "1 day", "7 days", "1 mon", "1 year"};

/* Write the figures of text as "phrase=figure/per/what; ..." into buf. */
static const char *
scan_all(const char *text, char *buf, size_t len)
{
	EstScan		sc;
	EstFigure	f;
	size_t		n = 0;

	buf[0] = '\0';
	est_scan_init(&sc, text);
	while (est_scan_next(&sc, &f) && n < len)
		n += (size_t) snprintf(buf + n, len - n, "%s%.*s=%s/%s/%.*s", n > 0 ? "; " : "",
							   (int) f.len, text + f.start, fmt(&f.value), per_names[f.per],
							   (int) (f.what_len ? f.what_len : 1),
							   f.what_len ? text + f.what_start : "-");
	return buf;
}

/* Check the longest figure prefix: where the figure ends. */
static void
test_prefix(void)
{
	static const struct
	{
		const char *in;
		const char *figure;
		size_t		len;
	}			cases[] = {
		{"600,000 casualties", "600000", 7},
		{"  more than 600,000 casualties", "", 19},
		{"5,000 to Kyiv", "5000", 5},
		{"5,000 to 10,000 each week", "5000..10000", 15},
		{"20 (in May)", "20", 2},
		{"615,000 (500,000-700,000) people", "615000 [500000,700000]", 25},
		{"half of the troops", "0.5", 4},
		{"two-thirds of a million", "666666.6666666666", 23},
		{"two and a day", "2", 3},
		{"1,000+ vehicles", ">=1000", 6},
		{"dozens of homes", "24..100", 6},
		{"a dozen Patriot batteries", "12", 7},
		{"1 million\xc2\xa0people", "1000000", 9},
	};
	size_t		i;

	for (i = 0; i < CS_NELEM(cases); i++)
	{
		EstimateValue v;
		size_t		len = 0;
		CsStatus	st = est_parse_prefix(cases[i].in, &v, &len);

		if (!ok(st == CS_OK && len == cases[i].len &&
				(cases[i].figure[0] == '\0' || strcmp(fmt(&v), cases[i].figure) == 0),
				"prefix of %s: %s, %zu bytes", q(cases[i].in), cases[i].figure, cases[i].len))
			diag("got %s %s, %zu bytes", status_name(st), st == CS_OK ? fmt(&v) : "", len);
	}
	{
		static const char *const none[] = {"", "the 5", "a day", "a", "tens of", "from 5 troops",
		"and a half", "\xe2\x80\x99"};

		for (i = 0; i < CS_NELEM(none); i++)
		{
			EstimateValue v;
			size_t		len;

			ok(est_parse_prefix(none[i], &v, &len) == CS_ERR_SYNTAX, "no figure starts %s", q(none[i]));
		}
	}
}

/* Check read_figure's reading of a phrase: figure, rate unit, what. */
static void
test_read_figure(void)
{
	static const struct
	{
		const char *in;
		const char *figure;
		EstPeriod	per;
		const char *what;
	}			cases[] = {
		{"some 1.2 million killed and wounded", "~1200000", EST_PER_NONE, "killed and wounded"},
		{"1,000 a day", "1000", EST_PER_DAY, ""},
		{"1,000 casualties a day", "1000", EST_PER_DAY, "casualties"},
		{"1,000 a day of fighting", "1000", EST_PER_DAY, "fighting"},
		{"upwards of 40,000 troops a month  ", ">40000", EST_PER_MONTH, "troops"},
		{"two-thirds of its pre-war stock of tanks", "0.6666666666666666", EST_PER_NONE,
		"its pre-war stock of tanks"},
		{"500/week", "500", EST_PER_WEEK, ""},
		{"500 shells/week", "500", EST_PER_WEEK, "shells"},
		{"5 annually", "5", EST_PER_YEAR, ""},
		{"5 of", "5", EST_PER_NONE, "of"},
		{"5 a day later", "5", EST_PER_DAY, "later"},
		{"5 troops a dayx", "5", EST_PER_NONE, "troops a dayx"},
	};
	size_t		i;

	for (i = 0; i < CS_NELEM(cases); i++)
	{
		EstFigure	f;
		char		what[128];
		CsStatus	st = est_read_figure(cases[i].in, &f);

		snprintf(what, sizeof(what), "%.*s", (int) f.what_len, cases[i].in + f.what_start);
		if (!ok(st == CS_OK && strcmp(fmt(&f.value), cases[i].figure) == 0 && f.per == cases[i].per &&
				strcmp(what, cases[i].what) == 0,
				"read %s: %s, %s, %s", q(cases[i].in), cases[i].figure, per_names[cases[i].per],
				q(cases[i].what)))
			diag("got %s %s, %s, %s", status_name(st), fmt(&f.value), per_names[f.per], q(what));
	}
}

/* Check the figures a scan finds, and the numbers it passes over. */
static void
test_scan(void)
{
	static const struct
	{
		const char *in;
		const char *want;
	}			cases[] = {
		{"Russia has sustained more than 600,000 casualties since February 2022.",
		"more than 600,000 casualties=>600000/-/casualties"},
		{"killed 12 people and wounded dozens more", "12 people=12/-/people; dozens=24..100/-/-"},
		{"35 of the 42 drones launched overnight", "35=35/-/-; 42 drones launched=42/-/drones launched"},
		{"between 500,000 and 700,000 killed or wounded.",
		"between 500,000 and 700,000 killed or wounded=500000..700000/-/killed or wounded"},
		{"about 450 square kilometres of the Kursk region of Russia",
		"about 450 square kilometres of the Kursk region=~450/-/square kilometres of the Kursk region"},
		{"In 2023, on Oct. 9 and 9 October, at 10:30 and 3 p.m.", ""},
		{"F-16 jets, World War 2, the 47th brigade, the 1990s, a 30-day truce", ""},
		{"One official said a day later", ""},
		{"the second half; half of the troops", "half of the troops=0.5/-/the troops"},
		{"sent 5,000 to Kyiv", "5,000=5000/-/-"},
		{"1,000/day", "1,000/day=1000/1 day/-"},
		{"Ukraine\xe2\x80\x99s 5 brigades, \xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2 6 \xd0\xb1\xd1\x80\xd0\xb8\xd0\xb3\xd0\xb0\xd0\xb4",
		"5 brigades=5/-/brigades; 6 \xd0\xb1\xd1\x80\xd0\xb8\xd0\xb3\xd0\xb0\xd0\xb4=6/-/\xd0\xb1\xd1\x80\xd0\xb8\xd0\xb3\xd0\xb0\xd0\xb4"},
	};
	size_t		i;

	for (i = 0; i < CS_NELEM(cases); i++)
	{
		char		buf[1024];

		scan_all(cases[i].in, buf, sizeof(buf));
		if (!ok(strcmp(buf, cases[i].want) == 0, "figures in %s", q(cases[i].in)))
			diag("got  %s\nwant %s", buf, cases[i].want);
	}
	/* a long text of numbers: every one found, each once, in order */
	{
		char	   *text = malloc(100000);
		size_t		n = 0,
					found = 0,
					prev = 0;
		EstScan		sc;
		EstFigure	f;
		bool		ordered = true;

		while (n < 99000)
			n += (size_t) sprintf(text + n, "%zu troops, ", found++ % 900 + 1);
		found = 0;
		est_scan_init(&sc, text);
		while (est_scan_next(&sc, &f))
		{
			ordered = ordered && f.start >= prev;
			prev = f.start + f.len;
			found++;
		}
		ok(ordered && found > 8000, "a long text: %zu figures, in order", found);
		free(text);
	}
}

/* Run every check; the exit status says whether one failed. */
int
main(void)
{
	(void) est_unit_start();
	test_prefix();
	test_read_figure();
	test_scan();
	return done_testing();
}
