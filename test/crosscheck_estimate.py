#!/usr/bin/python3
"""Cross-check estimate arithmetic and comparison against Python.

estimate * estimate, estimate / estimate, within(), consensus() and
envelope() are computed here independently, from the meaning of the
figures (sets of numbers) rather than from the extension's rules (and
trend_agg, cumulative_agg and report_series of estimates are checked
against numpy on their best values):

- a figure is an interval whose sides are a number (inclusive or exclusive)
  or unknown; the product or quotient of two figures is the set
  {x * y} or {x / y} of their members, whose bounds follow from the
  extremes of that set (found here with exact rational arithmetic
  (fractions) on the bounds, limits for the unknown sides), and a bound is
  unknown wherever the set is unbounded or a contributing side is unknown;
- the result is then checked on random members: every product or quotient
  of members lies in the result.

Random figures of every kind (exact, about, more than, at least, fewer
than, at most, range, general with every mix of inclusive and exclusive
sides, negative, zero, across zero) are paired.  Run with /usr/bin/python3
against a server where conflict_stats is installed, e.g.
    bash test/lib/cluster.sh 15 /usr/bin/python3 test/crosscheck_estimate.py
Prints TAP and exits non-zero when any check fails.
"""
import random
import sys
from fractions import Fraction as F

import psycopg

results = []


def check(ok, desc, detail=""):
    results.append(bool(ok))
    print(("ok %d - %s" if ok else "not ok %d - %s") % (len(results), desc))
    if not ok and detail:
        for line in str(detail).splitlines():
            print("# " + line)
    sys.stdout.flush()


class Fig:
    """A figure: best, and each side (value, inclusive) or None (unknown);
    approx: the approximate mark ("~" in front: soft sides); plain: a range
    written L..H (no stated centre) rather than with brackets after its best."""

    def __init__(self, best, low, high, approx=False, plain=False):
        self.best, self.low, self.high = best, low, high
        self.approx, self.plain = approx, plain

    def text(self):
        """The general text form, which every estimate reads (a best value
        before brackets is a stated centre), or L..H for a plain range."""
        mark = '~' if self.approx else ''
        if self.plain:
            return '%s%r..%r' % (mark, float(self.low[0]), float(self.high[0]))
        lo = '' if self.low is None else repr(float(self.low[0]))
        hi = '' if self.high is None else repr(float(self.high[0]))
        lb = '[' if self.low is not None and self.low[1] else '('
        hb = ']' if self.high is not None and self.high[1] else ')'
        return '%s%r %s%s,%s%s' % (mark, float(self.best), lb, lo, hi, hb)

    def is_point(self):
        return (self.low is not None and self.high is not None and self.low[1] and self.high[1]
                and self.low[0] == self.best == self.high[0])

    def approximate(self):
        """Approximate in any way: the mark, or both sides unknown (~B)."""
        return self.approx or (self.low is None and self.high is None)

    def states_centre(self):
        """States a centre with a range: every form with a range but L..H,
        which the text gives only for plain figures."""
        if self.plain or self.is_point() or (self.low is None and self.high is None):
            return False
        return not one_sided(self)

    def admits(self, x):
        if self.low is not None:
            v, inc = self.low
            if x < v or (x == v and not inc):
                return False
        if self.high is not None:
            v, inc = self.high
            if x > v or (x == v and not inc):
                return False
        return True


def random_figure(rng):
    """A random figure of a random kind, with small decimal numbers."""
    def num():
        return F(rng.randint(-60, 60), 4)

    kind = rng.choice(['exact', 'about', 'gt', 'ge', 'lt', 'le', 'range', 'general',
                       'general', 'positive', 'negative', 'zero'])
    b = num()
    if kind == 'exact':
        return Fig(b, (b, True), (b, True))
    if kind == 'zero':
        return Fig(F(0), (F(0), True), (F(0), True))
    if kind == 'about':
        return Fig(b, None, None)
    if kind in ('gt', 'ge'):
        return Fig(b, (b, kind == 'ge'), None)
    if kind in ('lt', 'le'):
        return Fig(b, None, (b, kind == 'le'))
    lo, hi = b - abs(num()), b + abs(num())
    if kind in ('positive', 'negative'):
        near, far = abs(num()) + F(1, 4), abs(num()) + F(1, 4)
        lo, hi = near, near + far
        if kind == 'negative':
            lo, hi = -hi, -lo
        b = (lo + hi) / 2
    if lo == hi:
        return Fig(lo, (lo, True), (lo, True))
    low = None if rng.random() < 0.15 else (lo, rng.random() < 0.5)
    high = None if rng.random() < 0.15 else (hi, rng.random() < 0.5)
    return Fig(b, low, high)


def random_marked_figure(rng):
    """A random figure, a third of those with a bounded side approximate, and
    some ranges with a midpoint best written L..H (no stated centre)."""
    f = random_figure(rng)
    if (f.low is not None or f.high is not None) and not f.is_point() and rng.random() < 0.35:
        f.approx = True
    if (f.low is not None and f.high is not None and f.low[1] and f.high[1] and not f.is_point()
            and float(f.best) == midpoint(float(f.low[0]), float(f.high[0])) and rng.random() < 0.5):
        f.plain = True
    return f


def midpoint(low, high):
    """The midpoint of two doubles, as the extension computes it."""
    m = (low + high) / 2.0
    if m in (INF, -INF):
        m = low / 2.0 + high / 2.0
    return m + 0.0


INF = float('inf')


def side_value(side, low):
    """The value of a side, minus or plus infinity when unknown."""
    if side is None:
        return -INF if low else INF
    return side[0]


def product_bounds(a, b):
    """The bounds of {x * y}: for each side, (value, inclusive) or None."""
    cands = []
    for sa, la in ((a.low, True), (a.high, False)):
        for sb, lb in ((b.low, True), (b.high, False)):
            va, vb = side_value(sa, la), side_value(sb, lb)
            if va == 0 and sa is not None:
                cands.append((F(0), sa[1], True))
                continue
            if vb == 0 and sb is not None:
                cands.append((F(0), sb[1], True))
                continue
            known = sa is not None and sb is not None
            if known:
                cands.append((va * vb, sa[1] and sb[1], True))
            else:
                # an unknown side: the product runs to infinity with this sign
                sign = (1 if va > 0 else -1) * (1 if vb > 0 else -1)
                cands.append((INF * sign, False, False))
    return extremes(cands)


def quotient_bounds(a, b):
    """The bounds of {x / y} for a divisor b whose range excludes 0."""
    cands = []
    for sa, la in ((a.low, True), (a.high, False)):
        for sb, lb in ((b.low, True), (b.high, False)):
            va, vb = side_value(sa, la), side_value(sb, lb)
            if va == 0 and sa is not None:
                cands.append((F(0), sa[1], True))
                continue
            if sb is not None and vb == 0:
                # an exclusive zero side of the divisor: the quotient runs away
                sign = (1 if va > 0 else -1) * (1 if lb else -1)
                cands.append((INF * sign, False, False))
                continue
            if sa is not None and sb is not None:
                cands.append((F(va) / F(vb), sa[1] and sb[1], True))
            elif sb is None and sa is not None:
                # a number over an unknown side: toward 0, a side the source did not state
                cands.append((F(0), False, False))
            else:
                sign = (1 if va > 0 else -1) * (1 if vb > 0 else -1)
                cands.append((INF * sign, False, False))
    return extremes(cands)


def extremes(cands):
    """The lower and upper bound of candidates (value, inclusive, known)."""
    def pick(low):
        best = None
        for v, inc, known in cands:
            if best is None or (v < best[0] if low else v > best[0]):
                best = [v, inc, known]
            elif v == best[0]:
                best[1] = best[1] or inc
                best[2] = best[2] and known
        if not best[2] or best[0] in (INF, -INF):
            return None
        return (best[0], best[1])
    return pick(True), pick(False)


def same_bounds(sql, low, high):
    """SQL's (low, low_inc, high, high_inc) against the expected bounds."""
    want = (None if low is None else float(low[0]), None if low is None else low[1],
            None if high is None else float(high[0]), None if high is None else high[1])
    got = tuple(sql)
    return got == want, 'got %r, expected %r' % (got, want)


def main():
    rng = random.Random(20241009)
    conn = psycopg.connect(autocommit=True)
    cur = conn.cursor()
    cur.execute("CREATE EXTENSION IF NOT EXISTS conflict_stats")
    cur.execute("SET search_path = public, conflict_stats")
    figs = [random_figure(rng) for _ in range(400)]
    pairs = [(rng.choice(figs), rng.choice(figs)) for _ in range(3000)]
    marked = [random_marked_figure(rng) for _ in range(400)]
    marked_pairs = [(rng.choice(marked), rng.choice(marked)) for _ in range(1500)]

    # products
    bad = []
    for a, b in pairs:
        cur.execute("""SELECT conflict_stats.low(r), conflict_stats.low_inclusive(r),
                              conflict_stats.high(r), conflict_stats.high_inclusive(r), r::text
                       FROM (SELECT %s::conflict_stats.estimate * %s::conflict_stats.estimate AS r) s""",
                    (a.text(), b.text()))
        row = cur.fetchone()
        low, high = product_bounds(a, b)
        ok, why = same_bounds(row[:4], low, high)
        if not ok:
            bad.append('%s * %s = %s: %s' % (a.text(), b.text(), row[4], why))
    check(not bad, 'estimate * estimate: bounds of %d random pairs of every kind match' % len(pairs),
          '\n'.join(bad[:10]))

    # quotients (divisors that exclude 0); divisors that admit 0 are unbounded
    bad = []
    unbounded = 0
    for a, b in pairs:
        if b.best == 0:
            continue
        cur.execute("""SELECT conflict_stats.low(r), conflict_stats.low_inclusive(r),
                              conflict_stats.high(r), conflict_stats.high_inclusive(r), r::text
                       FROM (SELECT %s::conflict_stats.estimate / %s::conflict_stats.estimate AS r) s""",
                    (a.text(), b.text()))
        row = cur.fetchone()
        if b.admits(0):
            unbounded += 1
            low, high = None, None
        else:
            low, high = quotient_bounds(a, b)
        ok, why = same_bounds(row[:4], low, high)
        if not ok:
            bad.append('%s / %s = %s: %s' % (a.text(), b.text(), row[4], why))
    check(not bad, 'estimate / estimate: bounds match (%d divisors admit 0: unbounded)' % unbounded,
          '\n'.join(bad[:10]))

    # soundness on members: products and quotients of members lie in the result
    bad = []
    for a, b in pairs[:600]:
        cur.execute("SELECT (%s::conflict_stats.estimate * %s::conflict_stats.estimate)::text,"
                    " CASE WHEN conflict_stats.best(%s::conflict_stats.estimate) <> 0 THEN"
                    " (%s::conflict_stats.estimate / %s::conflict_stats.estimate)::text END",
                    (a.text(), b.text(), b.text(), a.text(), b.text()))
        prod, quot = cur.fetchone()
        xs = members(a, rng)
        ys = members(b, rng)
        for x in xs:
            for y in ys:
                cur.execute("SELECT %s::conflict_stats.estimate @> %s::float8, %s::conflict_stats.estimate @> %s::float8",
                            (prod, float(x * y), quot or '~0', float(x / y) if y != 0 and quot else 0.0))
                p_ok, q_ok = cur.fetchone()
                if not p_ok or (quot and y != 0 and not q_ok):
                    bad.append('%s, %s: x=%s y=%s product %s quotient %s' % (a.text(), b.text(), x, y, prod, quot))
    check(not bad, 'every product and quotient of members lies in the result (600 pairs)', '\n'.join(bad[:10]))

    # the cases of the contract, by name
    cur.execute("""SELECT (9672 / 'about 3,000'::conflict_stats.estimate)::text,
                          conflict_stats.describe(9672 / '3000..3500'::conflict_stats.estimate)""")
    got = cur.fetchone()
    check(got == ('~3.224', 'about 2.98 (2.76 to 3.23)'),
          "9672 / 'about 3,000' is ~3.224; of a range, about 2.98 (2.76 to 3.23)", repr(got))
    for sql, state in (("10 / '0'::conflict_stats.estimate", '22012'),
                       ("'1e300'::conflict_stats.estimate * '1e300'::conflict_stats.estimate", '22003')):
        try:
            cur.execute("SELECT " + sql)
            got = 'no error'
        except psycopg.Error as e:
            got = e.sqlstate
        check(got == state, '%s is %s' % (sql, state), got)

    arithmetic_marks(cur, marked_pairs)

    # within: about X read as X +- tolerance |X|; an approximate figure
    # widened; other figures as stated
    bad = []
    for a, b in pairs[:1500] + marked_pairs[:1500]:
        tol = rng.choice([0.0, 0.05, 0.1, 0.5])
        cur.execute("SELECT conflict_stats.within(%s, %s, %s)", (a.text(), b.text(), tol))
        got = cur.fetchone()[0]
        want = overlaps(widen(a, tol), widen(b, tol))
        if got != want:
            bad.append('within(%s, %s, %s) = %s, expected %s' % (a.text(), b.text(), tol, got, want))
    check(not bad, 'within() matches an independent overlap test (1500 pairs, 1500 with the approximate mark)',
          '\n'.join(bad[:10]))

    # consensus and envelope: the best value is the mean of the central ones
    bad = []
    for _ in range(300):
        group = [rng.choice(figs) for _ in range(rng.randint(1, 5))]
        cur.execute("SELECT conflict_stats.best(conflict_stats.consensus(e)), conflict_stats.best(conflict_stats.envelope(e))"
                    " FROM unnest(%s::conflict_stats.estimate[]) e", ([g.text() for g in group],))
        cons, env = cur.fetchone()
        central = [g.best for g in group if not one_sided(g)]
        mean = float(sum(central) / len(central)) if central else float(sum(g.best for g in group) / len(group))
        lo, hi = envelope_bounds(group)
        env_want = clamp(mean, lo, hi)
        inter = intersection(group)
        cons_want = None if inter is None else clamp(mean, inter[0], inter[1])
        if not near(env, env_want) or not near(cons, cons_want):
            bad.append('%s: consensus best %s (expected %s), envelope best %s (expected %s)'
                       % ([g.text() for g in group], cons, cons_want, env, env_want))
    check(not bad, 'consensus and envelope take the mean of the central best values (300 groups)',
          '\n'.join(bad[:10]))

    estimates_into_aggregates(cur, rng)

    failed = results.count(False)
    print('1..%d' % len(results))
    return 1 if failed else 0


def result_marks(cur, expr, args):
    """The marks of a result, read from its parts and canonical text: the
    approximate mark is a "~" before a form with a bounded side, the centre
    mark a bracketed form whose best value is the midpoint of two inclusive
    bounds.  Also the result's parts (best, low, high, inclusive sides)."""
    cur.execute("""SELECT r::text, conflict_stats.best(r), conflict_stats.low(r), conflict_stats.high(r),
                          conflict_stats.low_inclusive(r), conflict_stats.high_inclusive(r)
                   FROM (SELECT %s AS r) s""" % expr, args)
    text, best, low, high, li, hi = cur.fetchone()
    bounded = low is not None or high is not None
    approx = text.startswith('~') and bounded
    centre = ('[' in text and low is not None and high is not None and li and hi and low < high
              and best == midpoint(low, high))
    point = low is not None and low == best == high and li and hi
    return text, approx, centre, bounded, point, (best, low, high, li, hi)


def arithmetic_marks(cur, pairs):
    """The marks of + - * / unary minus and round: a result is approximate
    exactly when an operand is approximate in any way (where the mark
    changes its form: a bounded side, no point), and states its centre
    exactly when an operand states a centre with a range (where its best is
    the midpoint of two inclusive bounds); a product with an exact 0 is an
    exact 0.  The bounds are those of the operations without marks."""
    E = 'conflict_stats.estimate'
    ops = [('+', '%%s::%s + %%s::%s' % (E, E), True), ('-', '%%s::%s - %%s::%s' % (E, E), True),
           ('*', '%%s::%s * %%s::%s' % (E, E), True), ('/', '%%s::%s / %%s::%s' % (E, E), True),
           ('neg', '-%%s::%s' % E, False), ('*2', '%%s::%s * 2' % E, False),
           ('/-4', '%%s::%s / -4' % E, False), ('round', 'round(%%s::%s, 0)' % E, False)]
    bad = []
    n = 0
    for a, b in pairs:
        for name, expr, binary in ops:
            if name == '/' and b.best == 0:
                continue
            args = (a.text(), b.text()) if binary else (a.text(),)
            try:
                text, approx, centre, bounded, point, parts = result_marks(cur, expr, args)
            except psycopg.Error:
                continue        # out of range
            n += 1
            ops_ = (a, b) if binary else (a,)
            want_a = any(f.approximate() for f in ops_) and bounded and not point
            want_c = any(f.states_centre() for f in ops_) and centre_possible(parts)
            if name == '*' and any(f.is_point() and f.best == 0 for f in ops_):
                want_a = want_c = False
            if approx != want_a or centre != want_c:
                bad.append('%s %s %s = %s: approximate %s (expected %s), centre %s (expected %s)'
                           % (a.text(), name, b.text() if binary else '', text, approx, want_a, centre, want_c))
            # the bounds are those of the same operation on the figures without marks
            pa = Fig(a.best, a.low, a.high)
            pb = Fig(b.best, b.low, b.high)
            plain_args = (pa.text(), pb.text()) if binary else (pa.text(),)
            _, _, _, _, _, plain_parts = result_marks(cur, expr, plain_args)
            plain_point = (plain_parts[1] is not None and plain_parts[1] == plain_parts[0] == plain_parts[2]
                           and plain_parts[3] and plain_parts[4])
            # (an approximate point says no more than ~B)
            if plain_parts != parts and not (plain_point and any(f.approximate() for f in ops_)):
                bad.append('%s %s %s: parts %s, without marks %s' % (a.text(), name, b.text() if binary else '',
                                                                     parts, plain_parts))
    check(not bad, 'arithmetic and round carry the marks of their operands (%d results of %d pairs)'
          % (n, len(pairs)), '\n'.join(bad[:10]))


def centre_possible(parts):
    """Whether the centre mark changes the form of a result with these parts."""
    best, low, high, li, hi = parts
    return low is not None and high is not None and li and hi and low < high and best == midpoint(low, high)


def estimates_into_aggregates(cur, rng):
    """trend_agg, cumulative_agg and report_series of estimates: their best
    values, checked against numpy on the best values."""
    import datetime as dt
    import numpy as np

    forms = ['%s', '~%s', '>%s', '>=%s', '<%s', '<=%s', 'about %s', 'more than %s']
    base = dt.date(2024, 1, 1)
    days = sorted(rng.sample(range(0, 700), 250))
    daily = [1000 + 2.5 * d + rng.gauss(0, 40) for d in days]
    total, totals = 500000.0, []
    for d in days:
        total += rng.uniform(800, 1400)
        totals.append(round(total, 1))
    cur.execute("DROP TABLE IF EXISTS xe")
    cur.execute("CREATE TEMP TABLE xe (day date, losses conflict_stats.estimate, total conflict_stats.estimate)")
    with cur.copy("COPY xe FROM STDIN") as cp:
        for d, v, t in zip(days, daily, totals):
            cp.write_row((base + dt.timedelta(days=d), rng.choice(forms) % repr(v), rng.choice(forms) % repr(t)))
    cur.execute("""SELECT conflict_stats.slope(conflict_stats.trend_agg(losses, day)),
                          conflict_stats.fitted_rate(conflict_stats.cumulative_agg(total, day)),
                          conflict_stats.acceleration(conflict_stats.cumulative_agg(total, day))
                   FROM xe""")
    slope, rate, accel = cur.fetchone()
    x = np.array(days, dtype=float)
    want_slope = np.polyfit(x, np.array(daily), 1)[0]
    want_rate = np.polyfit(x, np.array(totals), 1)[0]
    want_accel = 2 * np.polyfit(x, np.array(totals), 2)[0]
    check(abs(slope - want_slope) <= 1e-9 * abs(want_slope),
          'estimates into trend_agg: slope equals np.polyfit of the best values',
          'got %r, numpy %r' % (slope, want_slope))
    check(abs(rate - want_rate) <= 1e-9 * abs(want_rate),
          'estimates into cumulative_agg: fitted_rate equals np.polyfit of the best values',
          'got %r, numpy %r' % (rate, want_rate))
    check(abs(accel - want_accel) <= 1e-6 * abs(want_accel) + 1e-12,
          'estimates into cumulative_agg: acceleration equals 2 x np.polyfit degree 2 of the best values',
          'got %r, numpy %r' % (accel, want_accel))
    cur.execute("""SELECT sum(l.losses), count(*)
                   FROM conflict_stats.losses_by_period((SELECT conflict_stats.report_series(total, day) FROM xe),
                                                        '1 month') l""")
    losses, months = cur.fetchone()
    want = totals[-1] - totals[0]
    check(abs(losses - want) <= 1e-9 * want and months >= 23,
          'estimates into report_series: the monthly losses add up to the last best total minus the first',
          'got %r over %d months, want %r' % (losses, months, want))
    k = rng.randrange(len(days))
    cur.execute("""SELECT conflict_stats.total_at((SELECT conflict_stats.report_series(total, day) FROM xe), %s::date)""",
                (base + dt.timedelta(days=days[k]),))
    got = cur.fetchone()[0]
    check(got == totals[k], 'estimates into report_series: total_at a report date is that report\'s best value',
          'got %r, want %r' % (got, totals[k]))


def members(f, rng):
    """A few members of a figure's range (its ends, when inclusive, among them)."""
    lo = f.low[0] if f.low is not None else f.best - 20
    hi = f.high[0] if f.high is not None else f.best + 20
    out = [f.best] if f.admits(f.best) else []
    for _ in range(4):
        x = lo + (hi - lo) * F(rng.randint(0, 8), 8)
        if f.admits(x):
            out.append(x)
    return out


def widen(f, tol):
    """An about-figure as best +- tol |best|; an approximate one with an open
    side likewise on that side and a stated bound moved outward by
    tol |bound| (exclusive staying exclusive: each new bound as the server's
    doubles make it, then compared exactly); when that admits nothing (no
    width to widen by), the point best; others as stated."""
    if f.low is None and f.high is None:
        t = F(tol).limit_denominator(1000) * abs(f.best)
        return Fig(f.best, (f.best - t, True), (f.best + t, True))
    if not f.approx:
        return f
    b = float(f.best)
    if f.low is None:
        low = (F(b - tol * abs(b)), True)
    else:
        low = (F(float(f.low[0]) - tol * abs(float(f.low[0]))), f.low[1])
    if f.high is None:
        high = (F(b + tol * abs(b)), True)
    else:
        high = (F(float(f.high[0]) + tol * abs(float(f.high[0]))), f.high[1])
    if low[0] > high[0] or (low[0] == high[0] and not (low[1] and high[1])):
        return Fig(f.best, (f.best, True), (f.best, True))
    return Fig(f.best, low, high)


def overlaps(a, b):
    """Whether two ranges share a member."""
    lo = max_side(a.low, b.low, True)
    hi = max_side(a.high, b.high, False)
    if lo is None or hi is None:
        return True
    if lo[0] < hi[0]:
        return True
    return lo[0] == hi[0] and lo[1] and hi[1]


def max_side(s, t, low):
    """The tighter of two sides (lower: the larger; upper: the smaller)."""
    if s is None:
        return t
    if t is None:
        return s
    if s[0] == t[0]:
        return (s[0], s[1] and t[1])
    if low:
        return s if s[0] > t[0] else t
    return s if s[0] < t[0] else t


def one_sided(f):
    """A figure in the form >B, >=B, <B or <=B."""
    return ((f.low is not None and f.high is None and f.low[0] == f.best) or
            (f.high is not None and f.low is None and f.high[0] == f.best))


def envelope_bounds(group):
    lo = None if any(g.low is None for g in group) else min(g.low[0] for g in group)
    hi = None if any(g.high is None for g in group) else max(g.high[0] for g in group)
    return lo, hi


def intersection(group):
    lo = hi = None
    for g in group:
        lo = max_side(lo, g.low, True)
        hi = max_side(hi, g.high, False)
    if lo is not None and hi is not None and (lo[0] > hi[0] or (lo[0] == hi[0] and not (lo[1] and hi[1]))):
        return None
    return (None if lo is None else lo[0], None if hi is None else hi[0])


def clamp(x, lo, hi):
    if lo is not None and x < lo:
        x = float(lo)
    if hi is not None and x > hi:
        x = float(hi)
    return float(x)


def near(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-12 * max(1.0, abs(b))


if __name__ == '__main__':
    sys.exit(main())
