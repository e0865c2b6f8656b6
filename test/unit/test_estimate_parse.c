/*
 * test_estimate_parse.c
 *		Unit tests of the estimate's text input (src/estimate_parse.c,
 *		src/estimate_numwords.c): every documented form with its parts,
 *		canonical text and qualifier; the bad neighbours of each with their
 *		details (valid UTF-8 however cut), malformed and too large input, the
 *		error buffer contract, inputs far larger than any buffer; and the fast
 *		path, which must read every text as the general parser does.
 *
 * Prints TAP.  Built by test/Makefile with AddressSanitizer and UBSan,
 * linked with the estimate family, the common layer and libpgcommon.
 */
#include "estimate_unit.h"

/* ------------------------------------------------------------------------
 * Good input: the documented forms and their canonical output (the tables:
 * estimate_cases.c)
 */

/* Check the forms of the estimate's table of inputs. */
static void
test_good_inputs(void)
{
	check_good_cases(good_cases, n_good_cases);
}

/* ------------------------------------------------------------------------
 * Bad neighbours of good forms
 */

/* Check that the bad neighbours of good forms say what is wrong. */
static void
test_bad_neighbours(void)
{
	size_t		i;

	for (i = 0; i < n_bad_neighbours; i++)
	{
		const BadCase *c = &bad_neighbours[i];
		EstimateValue v;
		char		err[256] = "";
		bool		h = false;
		CsStatus	st = est_parse(c->in, &v, err, sizeof(err), &h);

		if (!ok(st == c->st && strstr(err, c->detail) != NULL && h == c->hint,
				"reject %s: %s, \"%s\"%s", q(c->in), status_name(c->st), c->detail,
				c->hint ? ", with the hint" : ""))
			diag("got %s, detail \"%s\", hint %d", status_name(st), err, (int) h);
	}
	{
		EstimateValue v;
		bool		h = false;

		ok(est_parse("600kk", &v, NULL, 0, &h) == CS_ERR_SYNTAX && h,
		   "the hint is set with a NULL detail buffer");
		ok(est_parse("600kk", &v, NULL, 0, NULL) == CS_ERR_SYNTAX, "a NULL hint is fine");
		h = true;
		ok(est_parse("600k", &v, NULL, 0, &h) == CS_OK && !h, "a good parse clears the hint");
		h = true;
		ok(est_parse("5 to 4", &v, NULL, 0, &h) == CS_ERR_SYNTAX && !h,
		   "a failure without an unknown word clears the hint");
	}
	{
		static const char *const early[] = {"", "   ", "about", "more than", "\xe2\x89\xa4"};

		for (i = 0; i < sizeof(early) / sizeof(early[0]); i++)
		{
			EstimateValue v;
			bool		h = true;

			if (!ok(est_parse(early[i], &v, NULL, 0, &h) == CS_ERR_SYNTAX && !h,
						 "est_parse(%s) writes false to *hint", q(early[i])))
				diag("*hint left %d", (int) h);
		}
	}
}

/* ------------------------------------------------------------------------
 * Bad input
 */

static const char *const syntax_errors[] = {
	"", " ", "   \t\n ",
	"600000 x", "600000abc", "600000 600000", "1 2", "~", ">", ">=", "<", "<=",
	"about", "more than", "at least", "fewer than", "as many as",
	"NaN", "nan", "~NaN", ">NaN", "Infinity", "-Infinity", "infinity", "inf",
	"-inf", "~inf", "more than Infinity", "1..inf", "5 [1,inf]",
	"60,0000", "1,23", ",600", "600,", "6,00,000", "1,000,00", "1,0000.5",
	"1,,000", "1.000,5", "600 00",
	"700000..500000", "700000 to 500000", "between 700000 and 500000",
	"6 [7,5]", "615000 (700000..500000)",
	"5 [6,)", "5 [6,10]", "11 [6,10]", "5 (,4]", "601000 (602000,)",
	"5 (5,5)", "5 [5,5)", "5 (5,5]", "5 (5,)  x",
	"5 [1,10", "5 1,10]", "5 (1,10", "5 [1,10]]", "5 ((1,10)", "5 [[1,10]",
	"5 [1;10]", "5 [1 10]", "5 [1,2,3]", "5 (", "5 )", "5 [", "5 ]",
	"615000 (500000..700000", "615000 500000..700000)", "615000 (500000..)",
	"615,000 [500,000,700,000]",
	"1e", "1e+", "1e-", "e5", "1e5.5", "1.2.3", "1..2..3", "..5", "5..", "1 ..",
	"5 to", "to 5", "between 5", "between 5 and", "between and 5", "5 and 7",
	"--5", "+-5", "-+5", "++5", "- -5", ">>5", "<>5", "~~5", "><5", "=5", "==5",
	"0x10", "0X1F", "0x1p3", "1_000", "5%%", "$5", "5 people",
	"more than more than 5", "about about 5", "morethan5x",
	"\xd9\xa6\xd9\xa0\xd9\xa0",	/* Arabic-Indic digits */
};

static const char *const range_errors[] = {
	"1e400", "-1e400", "~1e400", ">1e400", "1e308 [1,1e400]", "1e309..1e310",
	"2e308", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
};

/* Check that malformed text is a syntax error and too large is a range error. */
static void
test_bad_inputs(void)
{
	size_t		i;

	for (i = 0; i < sizeof(syntax_errors) / sizeof(syntax_errors[0]); i++)
	{
		EstimateValue v;
		char		err[256] = "";
		CsStatus	st = est_parse(syntax_errors[i], &v, err, sizeof(err), NULL);

		if (ok(st == CS_ERR_SYNTAX && err[0] != '\0',
			   "reject %s: syntax error with a detail", q(syntax_errors[i])))
			continue;
		diag("got %s, detail \"%s\"", status_name(st), err);
		if (st == CS_OK)
			diag("parsed as %s", fmt(&v));
	}
	for (i = 0; i < sizeof(range_errors) / sizeof(range_errors[0]); i++)
	{
		EstimateValue v;
		char		err[256] = "";
		CsStatus	st = est_parse(range_errors[i], &v, err, sizeof(err), NULL);

		if (ok(st == CS_ERR_RANGE && err[0] != '\0',
			   "reject %s: out of range with a detail", q(range_errors[i])))
			continue;
		diag("got %s, detail \"%s\"", status_name(st), err);
	}
}

/* Check the error buffer contract: NULL allowed, small buffers not overrun. */
static void
test_error_buffers(void)
{
	EstimateValue v;
	int			good = 1;
	size_t		i,
				len;
	char	   *buf;

	/* errbuf may be NULL */
	good = est_parse("60,0000", &v, NULL, 0, NULL) == CS_ERR_SYNTAX &&
		est_parse("1e400", &v, NULL, 0, NULL) == CS_ERR_RANGE &&
		est_parse("600000", &v, NULL, 0, NULL) == CS_OK;
	ok(good, "est_parse accepts a NULL error buffer");

	/* tiny heap buffers: ASan reports any write past the end */
	good = 1;
	for (len = 1; len <= 16; len++)
	{
		for (i = 0; i < sizeof(syntax_errors) / sizeof(syntax_errors[0]); i++)
		{
			buf = malloc(len);
			memset(buf, 'x', len);
			(void) est_parse(syntax_errors[i], &v, buf, len, NULL);
			if (memchr(buf, '\0', len) == NULL)
				good = 0;
			free(buf);
		}
	}
	ok(good, "details are cut to the error buffer's size and terminated");
}

/* Repeat a piece n times after a prefix and before a suffix, in a heap buffer. */
static char *
repeat_text(const char *prefix, const char *piece, int n, const char *suffix)
{
	size_t		len = strlen(prefix) + strlen(piece) * (size_t) n + strlen(suffix) + 1;
	char	   *s = malloc(len);

	strcpy(s, prefix);
	for (int i = 0; i < n; i++)
		strcat(s, piece);
	strcat(s, suffix);
	return s;
}

/*
 * Check that details quoting the input are cut between characters, when
 * clipped and when cut to their buffer: otherwise the detail is not valid in
 * the database encoding (UTF-8 here), and a client in another encoding gets
 * an encoding error instead of the syntax error.
 */
static void
test_detail_encoding(void)
{
	static const struct
	{
		const char *prefix;
		const char *piece;
		int			n;
		const char *suffix;
		CsStatus	st;
		const char *detail;		/* how the detail starts */
		const char *why;
	}			cases[] = {
		{"5 ", "\xe2\x89\x88", 10, "", CS_ERR_SYNTAX, "Unexpected text \"\xe2\x89\x88",
		"unexpected text clipped to 20 bytes"},
		{"12", "\xe2\x80\xaf" "000", 110, "", CS_ERR_RANGE, "The number \"12\xe2\x80\xaf" "000",
		"a number with U+202F groups clipped to 64 bytes"},
		{"12", "\xc2\xa0" "000", 110, "", CS_ERR_RANGE, "The number \"12\xc2\xa0" "000",
		"a number with U+00A0 groups clipped to 64 bytes"},
		{"half ", "\xc2\xa0", 150, "a", CS_ERR_SYNTAX, "A scale word (thousand, million, billion) must follow \"half ",
		"a fraction word and the white space after it clipped"},
		{"more ", "\xc2\xa0", 150, "", CS_ERR_SYNTAX, "A number is missing after \"more ",
		"a qualifier and the white space after it clipped"},
		{"more ", "\xe2\x80\x89", 150, "than", CS_ERR_SYNTAX, "A number is missing after \"more ",
		"a qualifier written with thin spaces clipped"},
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		char	   *in = repeat_text(cases[i].prefix, cases[i].piece, cases[i].n, cases[i].suffix);
		EstimateValue v;
		char		err[CS_ERRBUF_LEN] = "";
		CsStatus	st = est_parse(in, &v, err, sizeof(err), NULL);
		int			good_small = 1;
		size_t		len;

		if (!ok(st == cases[i].st && utf8_valid(err) &&
				strncmp(err, cases[i].detail, strlen(cases[i].detail)) == 0,
				"%s: %s with a detail in valid UTF-8 (%s)", q(in), status_name(cases[i].st), cases[i].why))
			diag("got %s, detail %s", status_name(st), q(err));
		else
			diag("detail: %s", err);

		/* cut to every smaller buffer: a prefix of the detail, still valid */
		for (len = 1; len <= strlen(err) + 1; len++)
		{
			char	   *buf = malloc(len);

			(void) est_parse(in, &v, buf, len, NULL);
			if (!utf8_valid(buf) || strncmp(buf, err, strlen(buf)) != 0 ||
				strlen(buf) + 4 < (len - 1))
			{
				if (good_small)
					diag("buffer of %zu bytes: %s", len, q(buf));
				good_small = 0;
			}
			free(buf);
		}
		ok(good_small, "%s: cut to any buffer size, the detail stays valid UTF-8", q(in));
		free(in);
	}
}

/* Inputs far larger than any buffer the parser might keep. */
static void
test_long_inputs(void)
{
	size_t		n = 100000;
	char	   *s = malloc(n + 64);
	EstimateValue v;
	char		err[256];
	CsStatus	st;

	memset(s, 'x', n);
	s[n] = '\0';
	st = est_parse(s, &v, err, sizeof(err), NULL);
	ok(st == CS_ERR_SYNTAX, "100000 bytes of garbage: syntax error");

	memset(s, ' ', n);
	s[n] = '\0';
	st = est_parse(s, &v, err, sizeof(err), NULL);
	ok(st == CS_ERR_SYNTAX, "100000 spaces: syntax error");

	memset(s, ' ', n);
	memcpy(s + n / 2, "600000", 6);
	st = est_parse(s, &v, err, sizeof(err), NULL);
	ok(st == CS_OK && v.best == 600000, "600000 padded with 100000 spaces parses");

	/* 0.111...1 with 509 digits */
	strcpy(s, "0.");
	memset(s + 2, '1', 509);
	s[511] = '\0';
	st = est_parse(s, &v, err, sizeof(err), NULL);
	if (!ok(st == CS_OK && v.best == 1.0 / 9.0 + 0.0 && v.flags == (EST_HAS_LOW | EST_LOW_INC | EST_HAS_HIGH | EST_HIGH_INC),
			"a number with 509 decimal digits parses to the nearest double"))
		diag("got %s, best %.17g, want %.17g (%s)", status_name(st), v.best, 1.0 / 9.0, err);

	/* with 1000 digits too: the number has no length limit */
	memset(s + 2, '1', 1000);
	s[1002] = '\0';
	err[0] = '\0';
	st = est_parse(s, &v, err, sizeof(err), NULL);
	if (!ok(st == CS_OK && v.best == 1.0 / 9.0 + 0.0,
			"a number with 1000 decimal digits parses to the nearest double"))
		diag("got %s, best %.17g (%s)", status_name(st), v.best, err);

	/* 400 digits of 1: too large */
	memset(s, '1', 400);
	s[400] = '\0';
	st = est_parse(s, &v, err, sizeof(err), NULL);
	if (!ok(st == CS_ERR_RANGE, "a 400-digit integer is out of range"))
		diag("got %s (%s)", status_name(st), err);

	/* 1,000,000,...: 100 groups */
	strcpy(s, "1");
	for (int i = 0; i < 100; i++)
		strcat(s, ",000");
	st = est_parse(s, &v, err, sizeof(err), NULL);
	if (!ok(st == CS_OK && v.best == 1e300, "1 followed by 100 groups \",000\" is 1e300"))
		diag("got %s, best %.17g (%s)", status_name(st), v.best, err);

	/* longer still: either read or refused with a detail, never overrun */
	for (int i = 100; i < 2000; i++)
		strcat(s, ",000");
	err[0] = '\0';
	st = est_parse(s, &v, err, sizeof(err), NULL);
	ok((st == CS_ERR_RANGE || st == CS_ERR_SYNTAX) && err[0] != '\0',
	   "1 followed by 2000 groups \",000\" is refused with a detail");
	free(s);
}

/*
 * Say whether the scanner's inline first step (cs_scan_plain, through
 * cs_scan_decimal and cs_scan_number) reads the number at s as the full
 * scanner alone reads it: status, length, every field, the value's bits and
 * the detail.
 */
static int
scanner_steps_agree(const char *s, int flags)
{
	CsDecimal	a,
				b;
	size_t		la = 0,
				lb = 0;
	char		ea[CS_ERRBUF_LEN] = "",
				eb[CS_ERRBUF_LEN] = "";
	double		x = 1,
				y = 2;
	CsStatus	sa = cs_scan_decimal(s, flags, s, &la, &a, ea, sizeof(ea));
	CsStatus	sb = cs_scan_decimal_full(s, flags, s, &lb, &b, eb, sizeof(eb));

	if (sa != sb || strcmp(ea, eb) != 0)
		return 0;
	if (sa == CS_OK &&
		(la != lb || a.negative != b.negative || a.zero != b.zero || a.exact != b.exact ||
		 a.nsig != b.nsig || a.mant != b.mant || a.frac_digits != b.frac_digits ||
		 a.exp_value != b.exp_value || a.src != b.src || a.mant_end != b.mant_end ||
		 a.end != b.end || a.sep_len != b.sep_len || memcmp(a.sep, b.sep, sizeof(a.sep)) != 0))
		return 0;
	sa = cs_scan_number(s, flags, s, &la, &x, ea, sizeof(ea));
	sb = cs_scan_number_full(s, flags, s, &lb, &y, eb, sizeof(eb));
	return sa == sb && strcmp(ea, eb) == 0 && (sa != CS_OK || (la == lb && same_double(x, y)));
}

/*
 * The fast path reads its numbers with the scanner's inline first step, the
 * general parser too; check that it agrees with the full scanner on tricky
 * numbers (at every offset, with every flag) and on random ones.
 */
static void
test_scanner_steps(int rounds)
{
	static const char *const tricky[] = {
		"0", "-0", "+0", "007", "0.000", ".5", "-.5", "5.", "5..7", "1.2.3", "0x10", "0X1",
		"1e5", "1E-5", "1e", "1ex", "1.5e3", "123456789012345678", "1234567890123456789",
		"12345678901234567890", "9007199254740993", "0.12345678901234567890123",
		"0.0000000000000000000000001", "129,746", "129,746.5", "6,000", ",000", "1,23",
		"1,2345", "0,600", "1234,567", "1,234,567,890,123,456,789", "600 000", "600000 000",
		"600 000 [5", "1 234.5 678", "600\xc2\xa0" "000", "600\xe2\x80\xaf" "000",
		"600\xe2\x80\x89" "000", "600,000\xc2\xa0" "000", "\xe2\x88\x92" "5", "5 [4,6]",
		"-", "+", "", " 5", "5 ", "1,000x", "12,345,67", "1,000.000,5",
	};
	size_t		i,
				off;
	int			flags,
				bad = 0,
				r;

	for (i = 0; i < CS_NELEM(tricky); i++)
		for (off = 0; off <= strlen(tricky[i]); off++)
			for (flags = 0; flags < 8; flags++)
				if (!scanner_steps_agree(tricky[i] + off, flags) && bad++ < 5)
					diag("%s at %zu, flags %d: the steps disagree", q(tricky[i]), off, flags);
	ok(bad == 0, "the scanner's first step reads %zu tricky numbers as the full scanner does, at every offset and with every flag (%d bad)",
	   CS_NELEM(tricky), bad);

	bad = 0;
	for (r = 0; r < rounds; r++)
	{
		char		text[64];
		double		x = random_mixed_double();
		uint64_t	pick = next_random();

		/* shortest, fixed, grouped, or with an exponent */
		if (pick % 4 == 0)
			cs_format_double(x, text);
		else if (pick % 4 == 1)
			snprintf(text, sizeof(text), "%.*f", (int) (pick >> 8) % 8, fmod(x, 1e12));
		else if (pick % 4 == 2)
		{
			/* thousands commas or spaces, and perhaps a fraction */
			char		digits[32];
			long long	whole = (long long) fmod(fabs(x), 1e15);
			size_t		n,
						k,
						o = 0;

			n = (size_t) snprintf(digits, sizeof(digits), "%lld", whole);
			if (x < 0)
				text[o++] = '-';
			for (k = 0; k < n; k++)
			{
				text[o++] = digits[k];
				if ((n - k - 1) % 3 == 0 && k + 1 < n)
					text[o++] = (pick & 256) ? ',' : ' ';
			}
			snprintf(text + o, sizeof(text) - o, "%s", (pick & 512) ? ".25" : "");
		}
		else
			snprintf(text, sizeof(text), "%.*e", (int) (pick >> 8) % 20, x);
		for (flags = 0; flags < 8; flags++)
			if (!scanner_steps_agree(text, flags) && bad++ < 5)
				diag("%s, flags %d: the steps disagree", q(text), flags);
	}
	ok(bad == 0, "the scanner's first step reads %d random numbers as the full scanner does (%d bad)",
	   rounds, bad);
}

/*
 * The fast path reads the canonical and most common short forms as they
 * stand; the general parser reads the same text after a leading space.
 * Both must agree, value for value and refusal for refusal.
 */
static void
test_fast_path(int rounds)
{
	static const char *const fixed[] = {
		"600000", "-5", "-0", "0.5", "007", "123456789012345", "1234567890123456",
		"0.000000000000001", "0.1234567890123456", "~5", "~-0.25", ">5", ">=5", "<5", "<=5",
		">-5", "<=-0", "5..7", "-7..-5", "7..5", "5..5", "0.1..0.3", "5 [4,6]", "5 (4,6)",
		"5 [4,)", "5 (,6]", "5 (,)", "5 [,6]", "5 [4,6)", "5 [6,4]", "5 [5,5]", "7 [4,6]",
		"about 600,000", "about 129,746.5", "about 1234,567", "about 0,600", "about 1,23",
		"about 1,2345", "more than 600,000", "more than -5", "About 5", "more  than 5",
		"600,000", "5.", ".5", "+5", "0x10", "5e3", "5 ", " 5", "5k", "~5k", ">5%",
		"5..", "..5", "5...7", "5 [4.5.6,7]", "5 [4,6]x", "5 [4,6", "about", "more than",
		"~", ">", ">=", "<=", "1.200..5", "5 [-4,-3]", "-3 [-4,-3]", "5 [4,6] ",
		"about\xc2\xa0" "5", "more\xc2\xa0than 5", "5\xc2\xa0[4,6]", "5\xe2\x80\xaf", "\xe2\x88\x92" "5",
		"~\xe2\x88\x92" "5", ">\xe2\x88\x92" "5", "5..\xe2\x88\x92" "3", "\xe2\x88\x92" "5..5",
		"5 [\xe2\x88\x92" "4,6]", "5\xe2\x88\x92" "7", "about 5\xc2\xa0" "000",
	};
	char		text[EST_TEXT_BUFLEN + 2];
	size_t		i;
	int			bad = 0,
				r;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
	{
		EstimateValue a,
					b;
		CsStatus	sa = est_parse(fixed[i], &a, NULL, 0, NULL);
		CsStatus	sb;

		text[0] = ' ';
		strcpy(text + 1, fixed[i]);
		sb = est_parse(text, &b, NULL, 0, NULL);
		if (!ok(sa == sb && (sa != CS_OK || memcmp(&a, &b, sizeof(a)) == 0),
				"%s reads as with a leading space (%s)", q(fixed[i]), status_name(sa)))
			diag("without %s %s, with %s %s", status_name(sa), sa == CS_OK ? fmt(&a) : "",
				 status_name(sb), sb == CS_OK ? fmt(&b) : "");
	}

	/* the canonical text of random values, and its words */
	for (r = 0; r < rounds; r++)
	{
		EstimateValue v,
					a,
					b;
		CsStatus	sa,
					sb;

		random_value(&v);
		est_format(&v, text + 1);
		text[0] = ' ';
		sa = est_parse(text + 1, &a, NULL, 0, NULL);
		sb = est_parse(text, &b, NULL, 0, NULL);
		if (sa != CS_OK || sb != CS_OK || memcmp(&a, &b, sizeof(a)) != 0 ||
			memcmp(&a, &v, sizeof(a)) != 0)
		{
			if (bad++ < 5)
				diag("%s: %s / %s", q(text + 1), status_name(sa), status_name(sb));
		}
	}
	ok(bad == 0, "%d canonical texts of random values read the same with and without a leading space, back to the value (%d bad)",
	   rounds, bad);
}

/* Run every check; the exit status says whether one failed. */
int
main(void)
{
	int			rounds = est_unit_start();

	test_good_inputs();
	test_bad_neighbours();
	test_bad_inputs();
	test_error_buffers();
	test_detail_encoding();
	test_long_inputs();
	test_scanner_steps(rounds / 10);
	test_fast_path(rounds);

	return done_testing();
}
