/*
 * test_estimate_words.c
 *		Unit tests of the words of the estimate's text input
 *		(src/estimate_words.c, read by src/estimate_parse.c and
 *		src/estimate_numwords.c): every qualifier before a number in either
 *		case and spacing, the wording sources use (scale words, fractions,
 *		percentages, thousands separators, ranges and the scale they share),
 *		every fraction and scale word with its value, and the white space of
 *		typeset text between words.
 *
 * Prints TAP.  Built by test/Makefile with AddressSanitizer and UBSan,
 * linked with the estimate family, the common layer and libpgcommon.
 */
#include "estimate_unit.h"

/* ------------------------------------------------------------------------
 * Qualifiers and the wording sources use (the tables: estimate_cases.c)
 */

/* Give s in upper case (ASCII), in a static buffer. */
static const char *
upper(const char *s)
{
	static char buf[128];
	size_t		i;

	for (i = 0; s[i] && i < sizeof(buf) - 1; i++)
		buf[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char) (s[i] - 'a' + 'A') : s[i];
	buf[i] = '\0';
	return buf;
}

/* Check every qualifier before a number, in either case and spacing. */
static void
test_qualifiers(void)
{
	size_t		i;

	for (i = 0; i < n_qual_cases; i++)
	{
		const QualCase *c = &qual_cases[i];
		static const char *const numbers[] = {"600,000", "600000", "6e5", "600k", "600 000"};
		char		in[160],
					want[32];
		int			good = 1;
		size_t		k;

		snprintf(want, sizeof(want), "%s600000", c->canon_prefix);
		for (k = 0; k < sizeof(numbers) / sizeof(numbers[0]) && good; k++)
		{
			EstimateValue v;
			char		err[256] = "";
			bool		h = true;
			CsStatus	st;

			snprintf(in, sizeof(in), "%s%s%s", k == 1 ? "  " : "",
					 k == 2 ? upper(c->phrase) : c->phrase, k == 3 ? "\t" : " ");
			strcat(in, numbers[k]);
			st = est_parse(in, &v, err, sizeof(err), &h);
			if (st != CS_OK || strcmp(fmt(&v), want) != 0 ||
				strcmp(est_qualifier(&v), c->qual) != 0 || h)
			{
				good = 0;
				diag("%s: %s %s (%s), hint %d", q(in), status_name(st),
					 st == CS_OK ? fmt(&v) : "", err, (int) h);
			}
		}
		ok(good, "qualifier %s: \"%s ...\" reads as %s..., qualifier \"%s\"",
		   q(c->phrase), c->phrase, c->canon_prefix, c->qual);
	}
	/* a word must end where the phrase ends */
	{
		static const char *const glued[] = {
			"moreover 5", "overall 5", "abouts 5", "undergo 5", "some5thing", "upto 5",
			"atleast 5", "more thanx 5",
		};

		for (i = 0; i < sizeof(glued) / sizeof(glued[0]); i++)
		{
			EstimateValue v;
			char		err[256] = "";
			bool		h = false;
			CsStatus	st = est_parse(glued[i], &v, err, sizeof(err), &h);

			if (!ok(st == CS_ERR_SYNTAX && h && strstr(err, "The word \"") != NULL,
					"%s is no qualifier: a syntax error naming the word, with the hint", q(glued[i])))
				diag("got %s %s (%s), hint %d", status_name(st), st == CS_OK ? fmt(&v) : "", err, (int) h);
		}
	}
}

/* Check the wording table and the exactness of scale words. */
static void
test_wording(void)
{
	check_good_cases(wording_cases, n_wording_cases);

	/* a scale word is decimal: "d.dd million" is the double nearest d.dd e6 */
	{
		static const char *const scale_words[][2] = {
			{"k", "e3"}, {"thousand", "e3"}, {"m", "e6"}, {"mn", "e6"},
			{"million", "e6"}, {"bn", "e9"}, {"billion", "e9"}, {"%", "e-2"}, {"percent", "e-2"},
		};
		int			bad = 0,
					r;

		for (r = 0; r < 20000; r++)
		{
			char		num[40],
					in[80],
					ref[80];
			EstimateValue v;
			CsStatus	st;
			int			w = (int) (next_random() % (sizeof(scale_words) / sizeof(scale_words[0])));

			snprintf(num, sizeof(num), "%d.%0*d", (int) (next_random() % 10000), (int) (1 + next_random() % 6),
					 (int) (next_random() % 1000000));
			snprintf(in, sizeof(in), "%s%s%s", num, (next_random() & 1) ? " " : "", scale_words[w][0]);
			snprintf(ref, sizeof(ref), "%s%s", num, scale_words[w][1]);
			st = est_parse(in, &v, NULL, 0, NULL);
			if (st != CS_OK || !same_double(v.best, strtod(ref, NULL) + 0.0))
			{
				if (bad++ < 3)
					diag("%s: %s %.17g, want %.17g", q(in), status_name(st), v.best, strtod(ref, NULL));
			}
		}
		ok(bad == 0, "20000 random \"d.ddd <scale word>\" read as the double nearest d.ddd e<scale> (%d bad)", bad);
	}
}

/*
 * Check every fraction word and every scale word with its value, each
 * spelling on its own: alone, before a scale word, and after "of a".  A
 * table apart from the parser's, so that a wrong numerator or power there is
 * caught here.
 */
static void
test_number_words(void)
{
	static const struct
	{
		const char *word;
		int			num;
		int			den;
	}			fractions[] = {
		{"two-thirds", 2, 3}, {"two thirds", 2, 3}, {"three-quarters", 3, 4},
		{"three quarters", 3, 4}, {"a third", 1, 3}, {"one third", 1, 3},
		{"one-third", 1, 3}, {"a quarter", 1, 4}, {"one quarter", 1, 4},
		{"one-quarter", 1, 4}, {"a half", 1, 2}, {"one half", 1, 2}, {"half", 1, 2},
	};
	static const struct
	{
		const char *word;
		int			exp10;
	}			scales[] = {
		{"k", 3}, {"thousand", 3}, {"m", 6}, {"mn", 6}, {"million", 6}, {"bn", 9},
		{"billion", 9}, {"%", -2}, {"percent", -2}, {"per cent", -2},
	};
	size_t		i,
				j;

	for (i = 0; i < sizeof(fractions) / sizeof(fractions[0]); i++)
	{
		double		alone = (double) fractions[i].num / fractions[i].den;
		double		million = (double) fractions[i].num * 1e6 / fractions[i].den;
		char		in[3][80];
		EstimateValue v[3];
		CsStatus	st[3];
		int			k;

		snprintf(in[0], sizeof(in[0]), "%s", fractions[i].word);
		snprintf(in[1], sizeof(in[1]), "%s of a million", fractions[i].word);
		snprintf(in[2], sizeof(in[2]), "about %s million", fractions[i].word);
		for (k = 0; k < 3; k++)
			st[k] = est_parse(in[k], &v[k], NULL, 0, NULL);
		if (!ok(st[0] == CS_OK && st[1] == CS_OK && st[2] == CS_OK &&
				same_double(v[0].best, alone) && strcmp(est_qualifier(&v[0]), "exact") == 0 &&
				same_double(v[1].best, million) && strcmp(est_qualifier(&v[1]), "exact") == 0 &&
				same_double(v[2].best, million) && strcmp(est_qualifier(&v[2]), "about") == 0,
				"\"%s\" is %d/%d, \"%s of a million\" and \"about %s million\" %d/%d of 1,000,000",
				fractions[i].word, fractions[i].num, fractions[i].den, fractions[i].word,
				fractions[i].word, fractions[i].num, fractions[i].den))
			for (k = 0; k < 3; k++)
				diag("%s: %s %s", q(in[k]), status_name(st[k]), st[k] == CS_OK ? fmt(&v[k]) : "");
	}
	for (i = 0; i < sizeof(scales) / sizeof(scales[0]); i++)
	{
		int			good = 1;

		for (j = 0; j < 3; j++)
		{
			static const char *const numbers[] = {"3", "1.25", "-40"};
			char		in[80],
						ref[40];
			EstimateValue v;
			CsStatus	st;
			double		want;

			snprintf(in, sizeof(in), "%s%s%s", numbers[j], j == 1 ? "" : " ", scales[i].word);
			snprintf(ref, sizeof(ref), "%se%d", numbers[j], scales[i].exp10);
			want = strtod(ref, NULL);
			st = est_parse(in, &v, NULL, 0, NULL);
			if (st != CS_OK || !same_double(v.best, want) || strcmp(est_qualifier(&v), "exact") != 0)
			{
				good = 0;
				diag("%s: %s %s, want %.17g", q(in), status_name(st), st == CS_OK ? fmt(&v) : "", want);
			}
		}
		if (scales[i].exp10 > 0)
		{
			char		in[80];
			EstimateValue v;
			CsStatus	st;

			snprintf(in, sizeof(in), "half a %s", scales[i].word);
			st = est_parse(in, &v, NULL, 0, NULL);
			if (st != CS_OK || !same_double(v.best, 0.5 * pow(10, scales[i].exp10)))
			{
				good = 0;
				diag("%s: %s %s", q(in), status_name(st), st == CS_OK ? fmt(&v) : "");
			}
		}
		ok(good, "the scale word \"%s\" is 10^%d", scales[i].word, scales[i].exp10);
	}

	/*
	 * The low end takes the high end's scale word when the range stays in
	 * order, also when the two ends become equal: "1 to 1 million" is the
	 * one figure 1,000,000, not 1 up to a million.
	 */
	{
		static const char *const equal_ends[][2] = {
			{"1 to 1 million", "1000000"}, {"between 1 and 1 million", "1000000"},
			{"1-1k", "1000"}, {"2.5 to 2.5 billion", "2500000000"},
			{"3 to 2 million", "3..2000000"},
		};

		for (i = 0; i < sizeof(equal_ends) / sizeof(equal_ends[0]); i++)
		{
			EstimateValue v;
			CsStatus	st = est_parse(equal_ends[i][0], &v, NULL, 0, NULL);

			if (!ok(st == CS_OK && strcmp(fmt(&v), equal_ends[i][1]) == 0, "%s reads as %s",
					q(equal_ends[i][0]), equal_ends[i][1]))
				diag("got %s %s", status_name(st), st == CS_OK ? fmt(&v) : "");
		}
	}
}

/* Say whether s holds a no-break, thin or narrow no-break space. */
static int
has_wide_space(const char *s)
{
	return strstr(s, "\xc2\xa0") != NULL || strstr(s, "\xe2\x80\x89") != NULL ||
		strstr(s, "\xe2\x80\xaf") != NULL;
}

/*
 * Check that text reads the same with its ASCII spaces replaced by a wide
 * one: the same value, or the same refusal; count the texts that do not.
 */
static int
reads_alike_with(const char *in, const char *wide, int *tried)
{
	char		out[1024];
	size_t		n = 0;
	EstimateValue a,
				b;
	CsStatus	sa,
				sb;
	bool		ha = false,
				hb = false;

	if (strchr(in, ' ') == NULL || has_wide_space(in) || strlen(in) * 3 >= sizeof(out))
		return 0;
	for (const char *c = in; *c; c++)
	{
		if (*c == ' ')
		{
			strcpy(out + n, wide);
			n += strlen(wide);
		}
		else
			out[n++] = *c;
	}
	out[n] = '\0';
	(*tried)++;
	sa = est_parse(in, &a, NULL, 0, &ha);
	sb = est_parse(out, &b, NULL, 0, &hb);
	if (sa == sb && ha == hb && (sa != CS_OK || same_value(&a, &b)))
		return 0;
	diag("%s: %s %s, with %s: %s %s", q(in), status_name(sa), sa == CS_OK ? fmt(&a) : "",
		 q(wide), status_name(sb), sb == CS_OK ? fmt(&b) : "");
	return 1;
}

/*
 * Check that a no-break space (U+00A0), a thin space (U+2009) and a narrow
 * no-break space (U+202F) are white space between words as an ASCII space
 * is, and thousands separators between digits as it is: every text of the
 * tables, good or bad, reads alike with its spaces replaced by any of them.
 */
static void
test_wide_spaces(void)
{
	static const char *const wide[] = {"\xc2\xa0", "\xe2\x80\x89", "\xe2\x80\xaf"};
	int			bad = 0,
				tried = 0;
	size_t		i,
				w;

	for (w = 0; w < sizeof(wide) / sizeof(wide[0]); w++)
	{
		for (i = 0; i < n_good_cases; i++)
			bad += reads_alike_with(good_cases[i].in, wide[w], &tried);
		for (i = 0; i < n_wording_cases; i++)
			bad += reads_alike_with(wording_cases[i].in, wide[w], &tried);
		for (i = 0; i < n_bad_neighbours; i++)
			bad += reads_alike_with(bad_neighbours[i].in, wide[w], &tried);
		for (i = 0; i < n_qual_cases; i++)
		{
			char		in[160];

			snprintf(in, sizeof(in), " %s 600 000 ", qual_cases[i].phrase);
			bad += reads_alike_with(in, wide[w], &tried);
			snprintf(in, sizeof(in), "%s between 1.2 and 1.5 million", qual_cases[i].phrase);
			bad += reads_alike_with(in, wide[w], &tried);
		}
	}
	ok(bad == 0 && tried > 300,
	   "%d texts with spaces read alike with a no-break, thin or narrow no-break space instead (%d differ)",
	   tried, bad);
}

/*
 * The low bound of "[L,H]" and "(L,H)" takes the high bound's scale word,
 * as in the other range forms.
 */
static void
test_bracket_scales(void)
{
	static const struct
	{
		const char *in;
		const char *want;
		const char *why;
	}			cases[] = {
		{"1.3 million [1.2,1.5 million]", "1300000 [1200000,1500000]", "[L,H]"},
		{"5 million (4,6 million)", "5000000 (4000000,6000000)", "(L,H)"},
		{"5 million (4..6 million)", "5000000 [4000000,6000000]", "(L..H)"},
		{"5 million [4.5 million,6 million]", "5000000 [4500000,6000000]", "both scaled"},
		{"5 million [4,6]", NULL, "no scale word: the best value lies outside"},
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		EstimateValue v;
		char		err[256] = "";
		CsStatus	st = est_parse(cases[i].in, &v, err, sizeof(err), NULL);

		if (cases[i].want == NULL)
		{
			ok(st == CS_ERR_SYNTAX && err[0] != '\0', "%s is refused (%s)", q(cases[i].in), cases[i].why);
			continue;
		}
		if (!ok(st == CS_OK && strcmp(fmt(&v), cases[i].want) == 0,
				"%s reads as %s (%s)", q(cases[i].in), cases[i].want, cases[i].why))
			diag("got %s %s (%s)", status_name(st), st == CS_OK ? fmt(&v) : "", err);
	}
}

/*
 * Check the hint of an unknown word or a word after a figure: short (the
 * words themselves are too many for a hint), pointing to README.md's table
 * and to read_figure().
 */
static void
test_hint_words(void)
{
	const char *hint = est_words_hint();

	ok(strlen(hint) < 200, "the hint is short: %zu characters", strlen(hint));
	ok(strstr(hint, "README.md") != NULL && strstr(hint, "\"Accepted phrasings\"") != NULL,
	   "the hint points to README.md's table of accepted phrasings");
	ok(strstr(hint, "read_figure()") != NULL, "the hint points to read_figure() for a noun or rate");
}

/* Run every check; the exit status says whether one failed. */
int
main(void)
{
	int			rounds = est_unit_start();

	test_qualifiers();
	test_wording();
	test_number_words();
	test_wide_spaces();
	test_bracket_scales();
	test_hint_words();
	(void) rounds;

	return done_testing();
}
