/*
 * estimate_fast.c
 *		The estimate's text input, its fast path: the forms est_format
 *		writes and the most common short ones, read as they stand.
 *
 * est_parse tries this before the general parser of estimate_parse.c, so
 * that COPY of canonical texts costs about what float8in does.  Numbers are
 * read by the common scanner, as the general parser reads them, and every
 * form here is one the general parser reads the same way; the test suite
 * checks that both give the same value for every input.
 *
 * No server headers: linked into the extension, the unit tests and the fuzz
 * targets alike.
 */
#include "estimate_core.h"
#include "estimate_words.h"

#include <string.h>

/*
 * Read a number at s with the common scanner, as the general parser reads
 * it (flags as there), but with nothing before it and no scale word after
 * it, which the caller's next test refuses.  Returns its length, or 0 when
 * there is no number at s or it is beyond the doubles: the general parser
 * then reads the text, and reports.
 */
static inline size_t
fast_number(const char *s, int flags, double *out)
{
	size_t		len;

	if (cs_scan_number(s, flags | CS_NUM_MINUS_SIGN, s, &len, out, NULL, 0) != CS_OK)
		return 0;
	return len;
}

/* Read the canonical and most common short forms (see estimate_words.h). */
bool
est_parse_fast(const char *s, EstimateValue *v)
{
	const char *p = s;
	double		a,
				b,
				lo = 0,
				hi = 0;
	size_t		n;
	bool		has_lo,
				has_hi;
	char		open;

	switch (*p)
	{
		case '~':
			if ((n = fast_number(p + 1, CS_NUM_GROUPS, &a)) == 0 || p[1 + n] != '\0')
				return false;
			return est_make(v, a, false, 0, false, false, 0, false, NULL) == CS_OK;
		case '>':
		case '<':
			{
				bool		eq = p[1] == '=';
				bool		gt = *p == '>';

				p += eq ? 2 : 1;
				if ((n = fast_number(p, CS_NUM_GROUPS, &a)) == 0 || p[n] != '\0')
					return false;
				if (gt)
					return est_make(v, a, true, a, eq, false, 0, false, NULL) == CS_OK;
				return est_make(v, a, false, 0, false, true, a, eq, NULL) == CS_OK;
			}
		case 'a':
			if (strncmp(p, "about ", 6) != 0 ||
				(n = fast_number(p + 6, CS_NUM_GROUPS, &a)) == 0 || p[6 + n] != '\0')
				return false;
			return est_make(v, a, false, 0, false, false, 0, false, NULL) == CS_OK;
		case 'm':
			if (strncmp(p, "more than ", 10) != 0 ||
				(n = fast_number(p + 10, CS_NUM_GROUPS, &a)) == 0 || p[10 + n] != '\0')
				return false;
			return est_make(v, a, true, a, false, false, 0, false, NULL) == CS_OK;
		default:
			break;
	}
	if ((n = fast_number(p, CS_NUM_GROUPS, &a)) == 0)
		return false;
	p += n;
	if (*p == '\0')
		return est_make(v, a, true, a, true, true, a, true, NULL) == CS_OK;
	if (p[0] == '.' && p[1] == '.')
	{
		if ((n = fast_number(p + 2, CS_NUM_GROUPS, &b)) == 0 || p[2 + n] != '\0' || b < a)
			return false;
		return est_make(v, est_midpoint(a, b), true, a, true, true, b, true, NULL) == CS_OK;
	}
	if (p[0] != ' ' || (p[1] != '[' && p[1] != '('))
		return false;
	open = p[1];
	p += 2;
	has_lo = (n = fast_number(p, CS_NUM_GROUPS | CS_NUM_NO_COMMA, &lo)) > 0;
	p += n;
	if (*p++ != ',')
		return false;
	has_hi = (n = fast_number(p, CS_NUM_GROUPS | CS_NUM_NO_COMMA, &hi)) > 0;
	p += n;
	if ((*p != ']' && *p != ')') || p[1] != '\0' ||
		(!has_hi && *p == ']') || (!has_lo && open == '['))
		return false;
	if (est_make(v, a, has_lo, lo, open == '[', has_hi, hi, *p == ']', NULL) != CS_OK)
		return false;
	/* the best value before brackets is a centre the source stated */
	est_mark(v, EST_CENTRE);
	return true;
}
