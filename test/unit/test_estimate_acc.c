/*
 * test_estimate_acc.c
 *		Unit tests of the states of avg, consensus and envelope over
 *		estimates (src/estimate_acc.c): one figure as a state, each
 *		aggregate's sums and bounds and its final figure on examples worked
 *		by hand, contradicting inputs, overflow, the check of a state read
 *		from outside, the 1.0 state of five slots, and partial states
 *		combined as parallel workers combine them, which must give what
 *		adding every row to one state gives.
 *
 * Prints TAP.  Built by test/Makefile with AddressSanitizer and UBSan,
 * linked with the estimate family, the common layer and libpgcommon.
 */
#include "estimate_unit.h"

/* the ways of adding to a state, as the glue's transition functions do */
typedef enum AccKind
{
	ACC_AVG, ACC_CONSENSUS, ACC_ENVELOPE
} AccKind;

static const char *const acc_names[] = {"avg", "consensus", "envelope"};

/* Add the state t to s as the aggregate of that kind does. */
static CsStatus
acc_add(AccKind kind, EstAcc *s, const EstAcc *t, bool central)
{
	if (kind == ACC_AVG)
		return est_acc_avg_add(s, t);
	if (kind == ACC_CONSENSUS)
		return est_acc_consensus_add(s, t, central);
	return est_acc_envelope_add(s, t, central);
}

/* Add the figures of the texts, in order, to a new state (the initial one: zeros). */
static CsStatus
acc_of_texts(AccKind kind, const char *const *texts, size_t n, bool central, EstAcc *s)
{
	size_t		i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < n; i++)
	{
		EstimateValue v = P(texts[i]);
		EstAcc		one;
		CsStatus	st;

		est_acc_of(&v, &one);
		if ((st = acc_add(kind, s, &one, central)) != CS_OK)
			return st;
	}
	return CS_OK;
}

/* Give the final figure of a state, as the aggregate's final function does. */
static CsStatus
acc_final(AccKind kind, const EstAcc *s, bool central, EstimateValue *r)
{
	if (kind == ACC_AVG)
		return est_acc_avg_final(s, r);
	return est_acc_range_final(s, central, r);
}

/*
 * Check the final figure of the texts added in order: the canonical text
 * want, or the status want_st.
 */
static void
final_is(AccKind kind, const char *const *texts, size_t n, bool central,
		 CsStatus want_st, const char *want)
{
	EstAcc		s;
	EstimateValue r;
	CsStatus	st = acc_of_texts(kind, texts, n, central, &s);
	size_t		i;
	char		list[256] = "";

	for (i = 0; i < n; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "", texts[i]);
	if (st == CS_OK)
		st = acc_final(kind, &s, central, &r);
	if (want_st != CS_OK)
	{
		if (!ok(st == want_st, "%s of %s (%d slots) is %s", acc_names[kind], list,
				central ? EST_ACC_SLOTS : EST_ACC_SLOTS_1_0, status_name(want_st)))
			diag("got %s", status_name(st));
		return;
	}
	if (!ok(st == CS_OK && strcmp(fmt(&r), want) == 0, "%s of %s (%d slots) is %s",
			acc_names[kind], list, central ? EST_ACC_SLOTS : EST_ACC_SLOTS_1_0, want))
		diag("got %s %s", status_name(st), st == CS_OK ? fmt(&r) : "");
}

/* Check est_acc_of: one figure as a state of one row. */
static void
test_acc_of(void)
{
	EstimateValue v = P("100 [90,110]");
	EstAcc		s;

	est_acc_of(&v, &s);
	ok(s.count == 1 && s.sum_best == 100 && s.low == 90 && s.high == 110 &&
	   s.flags == (EST_HAS_LOW | EST_LOW_INC | EST_HAS_HIGH | EST_HIGH_INC | EST_ACC_CENTRE) &&
	   s.central_count == 1 && s.central_sum == 100,
	   "est_acc_of(100 [90,110]): one row, its parts, a stated centre, one central value");
	v = P("nearly 5");
	est_acc_of(&v, &s);
	ok(s.count == 1 && s.sum_best == 5 && s.high == 5 &&
	   s.flags == (EST_HAS_HIGH | EST_ACC_APPROX) && s.central_count == 1 && s.central_sum == 5,
	   "est_acc_of(nearly 5): an upper bound, approximate, a central value");
	v = P("~5");
	est_acc_of(&v, &s);
	ok(s.flags == EST_ACC_APPROX, "est_acc_of(~5): approximate");
	v = P(">5");
	est_acc_of(&v, &s);
	ok(s.count == 1 && s.sum_best == 5 && s.low == 5 && s.high == 0 && s.flags == EST_HAS_LOW &&
	   s.central_count == 0 && s.central_sum == 0,
	   "est_acc_of(>5): one row, a lower bound, no central value");
}

/* Check the final figures of examples worked by hand. */
static void
test_examples(void)
{
	static const char *const two[] = {"100 [90,110]", "105 [100,120]"};
	static const char *const spread[] = {"100 [90,110]", "200 [180,220]"};
	static const char *const with_about[] = {"100 [90,110]", "200 [180,220]", "~5"};
	static const char *const apart[] = {"0.5 [0,1]", "2.5 [2,3]"};
	static const char *const touching[] = {">5", "<=5"};
	static const char *const meeting[] = {">=5", "<=5"};
	static const char *const with_above[] = {"100 [90,110]", "105 [100,120]", ">5"};
	static const char *const one_sided[] = {">5", ">=7", "<20"};
	static const char *const soft[] = {"nearly 20", ">5"};
	static const char *const soft_ranges[] = {"~10..20", "12..30"};
	static const char *const plain_ranges[] = {"10..20", "12..30"};
	static const char *const centred[] = {"15 [10,20]", "10..20"};
	static const char *const soft_meeting[] = {"~>=5", "<=5"};

	/* the marks: any approximate input makes the result so; a stated centre is kept */
	final_is(ACC_AVG, soft_ranges, 2, true, CS_OK, "~11..25");
	final_is(ACC_AVG, plain_ranges, 2, true, CS_OK, "11..25");
	final_is(ACC_AVG, centred, 2, true, CS_OK, "15 [10,20]");
	final_is(ACC_CONSENSUS, soft_ranges, 2, true, CS_OK, "~18 [12,20]");
	final_is(ACC_CONSENSUS, plain_ranges, 2, true, CS_OK, "18 [12,20]");
	final_is(ACC_ENVELOPE, soft_ranges, 2, true, CS_OK, "~18 [10,30]");
	final_is(ACC_ENVELOPE, centred, 2, true, CS_OK, "15 [10,20]");
	final_is(ACC_ENVELOPE, centred, 2, false, CS_OK, "15 [10,20]");
	/* an approximate one-sided figure states its number: the mean is of it alone */
	final_is(ACC_CONSENSUS, soft, 2, true, CS_OK, "~20 (5,20)");
	final_is(ACC_ENVELOPE, soft, 2, true, CS_OK, "~20");
	/* an approximate point says no more than about its value */
	final_is(ACC_CONSENSUS, soft_meeting, 2, true, CS_OK, "~5");

	/* avg: the interval sum over the count; a side unbounded in one input is unbounded */
	final_is(ACC_AVG, spread, 2, true, CS_OK, "150 [135,165]");
	final_is(ACC_AVG, with_about, 3, true, CS_OK, "~101.66666666666667");
	final_is(ACC_AVG, two, 0, true, CS_NONE, NULL);

	/* consensus: the intersection, the mean of the central values clamped into it */
	final_is(ACC_CONSENSUS, two, 2, true, CS_OK, "102.5 [100,110]");
	final_is(ACC_CONSENSUS, apart, 2, true, CS_NONE, NULL);
	final_is(ACC_CONSENSUS, touching, 2, true, CS_NONE, NULL);
	final_is(ACC_CONSENSUS, meeting, 2, true, CS_OK, "5");
	final_is(ACC_CONSENSUS, one_sided, 3, true, CS_OK, "10.666666666666666 [7,20)");
	final_is(ACC_CONSENSUS, two, 0, true, CS_NONE, NULL);

	/* envelope: the hull; the mean of the central values, or of all in a 1.0 state */
	final_is(ACC_ENVELOPE, two, 2, true, CS_OK, "102.5 [90,120]");
	final_is(ACC_ENVELOPE, with_above, 3, true, CS_OK, "102.5 (5,)");
	final_is(ACC_ENVELOPE, with_above, 3, false, CS_OK, "70 (5,)");
	final_is(ACC_ENVELOPE, two, 0, true, CS_NONE, NULL);
}

/* Check that a sum beyond the doubles is CS_ERR_RANGE for every aggregate. */
static void
test_overflow(void)
{
	static const char *const huge[] = {"1.5e308", "1.5e308"};
	int			kind;

	for (kind = ACC_AVG; kind <= ACC_ENVELOPE; kind++)
	{
		EstAcc		s;

		ok(acc_of_texts((AccKind) kind, huge, 2, true, &s) == CS_ERR_RANGE,
		   "%s of 1.5e308 twice overflows: CS_ERR_RANGE", acc_names[kind]);
	}
}

/* Check est_acc_check and the final of a state read from outside. */
static void
test_check_state(void)
{
	static const char *const two[] = {"100 [90,110]", "105 [100,120]"};
	EstAcc		good,
				s;
	EstimateValue r;
	const char *detail = NULL;

	acc_of_texts(ACC_ENVELOPE, two, 2, true, &good);
	ok(est_acc_check(&good, true, &detail) == CS_OK, "est_acc_check accepts a state it made");

	s = good;
	s.count = -1;
	ok(est_acc_check(&s, true, &detail) == CS_ERR_INVALID && detail && *detail,
	   "est_acc_check refuses a negative count");
	s = good;
	s.count = 1.5;
	ok(est_acc_check(&s, true, &detail) == CS_ERR_INVALID, "est_acc_check refuses a fractional count");
	s = good;
	s.sum_best = INFINITY;
	ok(est_acc_check(&s, true, &detail) == CS_ERR_INVALID, "est_acc_check refuses an infinite sum");
	s = good;
	s.low = NAN;
	ok(est_acc_check(&s, true, &detail) == CS_ERR_INVALID, "est_acc_check refuses a NaN bound");
	s = good;
	s.flags = EST_ACC_CONTRADICT << 1;
	ok(est_acc_check(&s, true, &detail) == CS_ERR_INVALID, "est_acc_check refuses unknown flags");
	s = good;
	s.flags = 1.5;
	ok(est_acc_check(&s, true, &detail) == CS_ERR_INVALID, "est_acc_check refuses fractional flags");
	s = good;
	s.central_count = 3;
	ok(est_acc_check(&s, true, &detail) == CS_ERR_INVALID && detail && *detail,
	   "est_acc_check refuses more central values than rows");
	ok(est_acc_check(&s, false, &detail) == CS_OK,
	   "est_acc_check of a 1.0 state (5 slots) looks at no central value");

	/* a state from outside may hold an empty range that no input made */
	s = good;
	s.low = 130;
	ok(est_acc_check(&s, true, &detail) == CS_OK &&
	   est_acc_range_final(&s, true, &r) == CS_ERR_INVALID,
	   "the range of a state holding an empty one is CS_ERR_INVALID");
}

/*
 * Combine partial states of random figures, as parallel workers do, and
 * check that every split gives the state of all rows added to one: the
 * figures are quarters, so that every sum is exact in any order.
 */
static void
test_combine(int rounds)
{
	int			kind,
				r,
				bad = 0;

	for (kind = ACC_AVG; kind <= ACC_ENVELOPE; kind++)
		for (r = 0; r < rounds; r++)
		{
			EstimateValue v[12];
			EstAcc		all,
						part[2],
						one;
			int			n = 1 + (int) (next_random() % 12),
						split = (int) (next_random() % (unsigned) (n + 1)),
						i;
			bool		central = (next_random() & 1) != 0;
			CsStatus	st = CS_OK;

			memset(&all, 0, sizeof(all));
			memset(part, 0, sizeof(part));
			for (i = 0; i < n; i++)
			{
				random_quarter_figure(&v[i], (int) (next_random() & 1));
				est_acc_of(&v[i], &one);
				if (acc_add((AccKind) kind, &all, &one, central) != CS_OK ||
					acc_add((AccKind) kind, &part[i >= split], &one, central) != CS_OK)
					st = CS_ERR_RANGE;
			}
			if (st == CS_OK)
				st = acc_add((AccKind) kind, &part[0], &part[1], central);
			if (st != CS_OK || part[0].count != all.count || part[0].sum_best != all.sum_best ||
				part[0].low != all.low || part[0].high != all.high || part[0].flags != all.flags ||
				(central && (part[0].central_count != all.central_count ||
							 part[0].central_sum != all.central_sum)))
			{
				if (bad++ < 3)
					diag("%s of %d figures split at %d: %s; count %g/%g low %g/%g high %g/%g flags %g/%g",
						 acc_names[kind], n, split, status_name(st), part[0].count, all.count,
						 part[0].low, all.low, part[0].high, all.high, part[0].flags, all.flags);
			}
		}
	ok(bad == 0, "%d random lists of figures, split in two and combined, give the state of one pass (%d bad)",
	   3 * rounds, bad);
}

/* Run every check; the exit status says whether one failed. */
int
main(void)
{
	int			rounds = est_unit_start();

	test_acc_of();
	test_examples();
	test_overflow();
	test_check_state();
	test_combine(rounds / 10);

	return done_testing();
}
