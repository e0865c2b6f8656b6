#!/usr/bin/python3
"""
crosscheck_series.py
    Cross-check report_series, losses_by_period and total_at against an
    independent computation with numpy: sparse random cumulative reports
    (with duplicate instants and downward revisions), month edges computed
    with Python's calendar and zoneinfo, totals at the edges with numpy.interp
    (clipped to the reported span).

Run under a server with the extension installed, connection from the
environment (PGHOST etc.), e.g.
    bash test/lib/cluster.sh 15 /usr/bin/python3 test/crosscheck_series.py
Series of estimates: each bucket's figure is checked against exact rational
arithmetic (fractions): the edge estimates interpolated between the reports
around them, their interval difference, and "about" exactly when the rule
says (a report used was approximate, or an edge was interpolated).

Prints TAP; exits non-zero when a check fails.
"""
import datetime as dt
from fractions import Fraction
import random
import sys
import zoneinfo

import numpy as np
import psycopg
import psycopg.adapt
import psycopg.pq

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
USEC = dt.timedelta(microseconds=1)
USECS_PER_DAY = 86400 * 10**6

N_TRIALS = 30
SEED = 20241009

results = []


def check(ok, desc, diag=None):
    """Record one TAP test."""
    results.append((bool(ok), desc, diag))


def us_of(t):
    """A timestamptz from the server as microseconds since 2000-01-01 UTC."""
    return (t - EPOCH) // USEC


def close(a, b, scale):
    """Equal up to rounding, relative to the magnitude of the data."""
    return abs(a - b) <= 1e-9 * max(1.0, scale)


def month_edges(first, last, tz):
    """Month edges origin + k * '1 month' with the default origin, local
    midnight of 1 January 2000 in zone tz, as PostgreSQL's timestamptz +
    interval computes them there: the origin's local wall time, plus k
    months, read back in tz.  Returns the edges (microseconds) from the one
    at or before `first' to the first one at or after `last'."""
    zone = zoneinfo.ZoneInfo(tz)
    origin_local = dt.datetime(2000, 1, 1)

    def edge(k):
        y = origin_local.year + (origin_local.month - 1 + k) // 12
        m = (origin_local.month - 1 + k) % 12 + 1
        local = origin_local.replace(year=y, month=m)  # the 1st: always exists
        return us_of(local.replace(tzinfo=zone).astimezone(dt.timezone.utc))

    k = 0
    while edge(k) > first:
        k -= 1
    while edge(k + 1) <= first:
        k += 1
    edges = [edge(k)]
    while edges[-1] < last:
        k += 1
        edges.append(edge(k))
    return edges


def expected_rows(xs, fs, tz):
    """losses_by_period(s, '1 month') computed independently."""
    xs_f = np.asarray(xs, dtype=np.float64)
    fs_f = np.asarray(fs, dtype=np.float64)
    first, last = xs[0], xs[-1]
    rows = []
    if len(xs) < 2:
        return rows
    edges = month_edges(first, last, tz)
    xset = set(xs)
    for e0, e1 in zip(edges[:-1], edges[1:]):
        if not (e0 < last and e1 > first):
            continue
        lo, hi = max(e0, first), min(e1, last)
        vlo, vhi = np.interp([lo, hi], xs_f, fs_f)
        losses = float(vhi - vlo)
        per_day = losses / ((hi - lo) / USECS_PER_DAY)
        reports = sum(1 for x in xs if e0 <= x < e1)
        interpolated = not (lo in xset and hi in xset)
        partial = e0 < first or e1 > last
        rows.append((e0, e1, losses, per_day, reports, interpolated, partial))
    return rows


def clamp(fs):
    """The clamp rebuild: t'0 = t0, t'i = t'(i-1) + max(0, ti - t(i-1))."""
    out = [fs[0]]
    for a, b in zip(fs[:-1], fs[1:]):
        out.append(out[-1] + max(0.0, b - a))
    return out


def make_trial(rng):
    """Sparse random reports: (instants, totals) after the same-instant rule,
    and the raw rows (with duplicates, shuffled) to aggregate."""
    n = rng.choice([1, 2, 3, 5, 8, 20, 60, 150])
    start = us_of(dt.datetime(2022, 2, 24, tzinfo=dt.timezone.utc))
    span_days = rng.choice([3, 20, 45, 200, 700])
    xs = sorted({start + rng.randrange(span_days * USECS_PER_DAY)
                 + rng.choice([0, 0, rng.randrange(10**6)]) for _ in range(n)})
    if rng.random() < 0.3:
        # some reports exactly at midnight UTC on the 1st (month edges)
        for k in range(rng.randrange(1, 4)):
            d = dt.datetime(2022 + k // 12, 3 + k % 10, 1, tzinfo=dt.timezone.utc)
            xs.append(us_of(d))
        xs = sorted(set(xs))
    total = rng.uniform(0, 1e5)
    fs = []
    for _ in xs:
        if rng.random() < 0.1:
            total -= rng.uniform(0, 2000)    # a downward revision
        else:
            total += rng.uniform(0, 5000)
        fs.append(round(total, rng.choice([0, 3, 9])))
    rows = list(zip(xs, fs))
    for i in range(len(xs)):
        if rng.random() < 0.15:
            rows.append((xs[i], fs[i] - rng.uniform(1, 100)))  # a lower duplicate
    rng.shuffle(rows)
    return xs, fs, rows


def compare_rows(got, want, scale):
    """Compare result rows; return a description of the first mismatch."""
    if len(got) != len(want):
        return "%d rows, expected %d" % (len(got), len(want))
    for i, (g, w) in enumerate(zip(got, want)):
        gs, ge = us_of(g[0]), us_of(g[1])
        if (gs, ge) != (w[0], w[1]):
            return "row %d edges %s..%s, expected %s..%s" % (
                i, g[0], g[1], EPOCH + w[0] * USEC, EPOCH + w[1] * USEC)
        if not close(g[2], w[2], scale):
            return "row %d losses %r, expected %r" % (i, g[2], w[2])
        if not close(g[3], w[3], scale * 1e3):
            return "row %d per_day %r, expected %r" % (i, g[3], w[3])
        if g[4] != w[4]:
            return "row %d reports %d, expected %d" % (i, g[4], w[4])
        if g[5] != w[5]:
            return "row %d interpolated %s, expected %s" % (i, g[5], w[5])
        if g[6] != w[6]:
            return "row %d partial %s, expected %s" % (i, g[6], w[6])
        if g[7] != g[2]:
            return "row %d figure's best %r is not losses %r" % (i, g[7], g[2])
    return None


def check_claims(cur):
    """The README's worked example: deadliest month by rate and by total."""
    import csv
    import os
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'claims.csv')
    with open(path) as f:
        rows = [(r['day'], float(r['total'])) for r in csv.DictReader(f)]
    cur.execute("SET TimeZone = 'UTC'")
    cur.execute("CREATE TEMP TABLE cs_claims (day date, total float8)")
    cur.executemany("INSERT INTO cs_claims VALUES (%s, %s)", rows)
    q = """SELECT period_start::date::text FROM conflict_stats.losses_by_period((SELECT
           conflict_stats.report_series(total, day) FROM cs_claims), '1 month')
           ORDER BY %s DESC LIMIT 1"""
    cur.execute(q % "per_day")
    by_rate = cur.fetchone()[0]
    cur.execute(q % "losses")
    by_total = cur.fetchone()[0]
    check(by_rate == '2024-09-01', "claims.csv: deadliest month by daily rate is September 2024",
          "got %s" % by_rate)
    check(by_total == '2024-08-01', "claims.csv: deadliest month by total is August 2024",
          "got %s" % by_total)


# ---- series of estimates: the figure against exact rationals --------------

class Est:
    """An estimate in exact rationals: best, bounds (None: unbounded),
    inclusiveness, and whether it is approximate ("about")."""

    def __init__(self, best, low, high, low_inc, high_inc, approx):
        self.best, self.low, self.high = best, low, high
        self.low_inc, self.high_inc, self.approx = low_inc, high_inc, approx

    def text(self):
        """The estimate's text in the general form (or ~B, or a point)."""
        if self.approx and self.low is None and self.high is None:
            return '~%r' % float(self.best)
        lo = '' if self.low is None else repr(float(self.low))
        hi = '' if self.high is None else repr(float(self.high))
        return '%r %s%s,%s%s' % (float(self.best), '[' if self.low_inc else '(', lo, hi,
                                 ']' if self.high_inc else ')')


def random_est(rng, total):
    """A random report around total: exact, about, or with bounds."""
    best = Fraction(round(total))
    kind = rng.random()
    if kind < 0.3:
        return Est(best, best, best, True, True, False)
    if kind < 0.5:
        return Est(best, None, None, False, False, True)
    low = best - rng.randrange(1, 500) if rng.random() < 0.8 else None
    high = best + rng.randrange(1, 500) if rng.random() < 0.8 else None
    if low is None and high is None:
        low = best - 1
    return Est(best, low, high, low is not None and rng.random() < 0.7,
               high is not None and rng.random() < 0.7, False)


def edge_est(xs, es, t):
    """The estimate of the total at t (within the span), exactly."""
    if t in xs:
        e = es[xs.index(t)]
        return e, e.approx
    j = next(i for i, x in enumerate(xs) if x > t)
    a, b = es[j - 1], es[j]
    frac = Fraction(t - xs[j - 1], xs[j] - xs[j - 1])

    def lerp(u, v):
        return None if u is None or v is None else u + (v - u) * frac
    e = Est(lerp(a.best, b.best), lerp(a.low, b.low), lerp(a.high, b.high),
            a.low_inc and b.low_inc, a.high_inc and b.high_inc, True)
    # an approximate point says no more than "about" its value: ~B
    if e.low is not None and e.high is not None and e.low == e.high == e.best:
        e = Est(e.best, None, None, False, False, True)
    return e, True


def sub(b, a):
    """Interval subtraction b - a."""
    low = None if b.low is None or a.high is None else b.low - a.high
    high = None if b.high is None or a.low is None else b.high - a.low
    return Est(b.best - a.best, low, high, b.low_inc and a.high_inc,
               b.high_inc and a.low_inc, False)


def check_estimate_trial(cur, rng, trial):
    """A random series of estimates: every bucket's figure."""
    n = rng.choice([2, 3, 5, 12, 40])
    start = us_of(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    xs = sorted({start + rng.randrange(200 * USECS_PER_DAY) for _ in range(n)})
    if len(xs) < 2:
        return
    total, es = rng.uniform(1e4, 1e5), []
    for _ in xs:
        total += rng.uniform(0, 5000)
        es.append(random_est(rng, total))
    text = '{' + ','.join('(%s,"%s")' % ((EPOCH + x * USEC).strftime('%Y-%m-%dT%H:%M:%S.%fZ'),
                                          e.text()) for x, e in zip(xs, es)) + '}'
    cur.execute("SET TimeZone = 'UTC'")
    cur.execute("""
        SELECT period_start, period_end, conflict_stats.best(figure), conflict_stats.low(figure),
               conflict_stats.high(figure), conflict_stats.low_inclusive(figure),
               conflict_stats.high_inclusive(figure), conflict_stats.qualifier(figure), losses, partial
        FROM conflict_stats.losses_by_period(%s::conflict_stats.series, '1 month')""", (text,))
    got = cur.fetchall()
    edges = month_edges(xs[0], xs[-1], 'UTC')
    want = [(e0, e1) for e0, e1 in zip(edges[:-1], edges[1:]) if e0 < xs[-1] and e1 > xs[0]]
    bad = None if len(got) == len(want) else "%d rows, expected %d" % (len(got), len(want))
    scale = float(max(abs(e.best) for e in es)) + 1000
    for g, (e0, e1) in zip(got, want) if bad is None else []:
        a, approx_a = edge_est(xs, es, max(e0, xs[0]))
        b, approx_b = edge_est(xs, es, min(e1, xs[-1]))
        f = sub(b, a)
        approx = approx_a or approx_b
        point = f.low is not None and f.high is not None and f.low == f.high == f.best
        if approx and point:
            f = Est(f.best, None, None, False, False, True)
        best, low, high, low_inc, high_inc, qual, losses, partial = g[2:]
        diag = "row %s: got %r, expected %s" % (g[0], g[2:], f.text())
        if best != losses or not close(best, float(f.best), scale):
            bad = diag + " (best)"
        elif (low is None) != (f.low is None) or (high is None) != (f.high is None):
            bad = diag + " (which sides are bounded)"
        elif low is not None and not (close(low, float(f.low), scale) and low_inc == f.low_inc):
            bad = diag + " (lower bound)"
        elif high is not None and not (close(high, float(f.high), scale) and high_inc == f.high_inc):
            bad = diag + " (upper bound)"
        elif (qual == 'about') != (f.low is None and f.high is None):
            bad = diag + " (about)"
        elif partial != (e0 < xs[0] or e1 > xs[-1]):
            bad = diag + " (partial)"
        if bad:
            break
    check(bad is None, "estimate trial %d (%d reports): every figure is the exact interval "
          "difference of the edge estimates, about exactly when the rule says" % (trial, len(xs)), bad)


class SeriesWire:
    """The binary form of a series, to be sent back as a series parameter."""

    def __init__(self, data):
        self.data = data


def check_binary_partial_states(conn, rng):
    """Partial states of report_series read back through the binary form
    (series_send, series_recv) and combined give the one-pass series."""
    with conn.cursor() as c:
        c.execute("SELECT 'conflict_stats.series'::regtype::oid")
        series_oid = c.fetchone()[0]

    class SeriesDumper(psycopg.adapt.Dumper):
        format = psycopg.pq.Format.BINARY
        oid = series_oid

        def dump(self, obj):
            return obj.data

    # a cursor takes the connection's adapters when it is made
    conn.adapters.register_dumper(SeriesWire, SeriesDumper)
    cur = conn.cursor()
    for trial, (value, kind) in enumerate([('total', 'float8'), ('e', 'estimate'),
                                           ('total', 'float8'), ('e', 'estimate')], 1):
        cur.execute("TRUNCATE cs_rows")
        rows = []
        for i in range(2000):
            us = rng.randrange(0, 400) * USECS_PER_DAY
            rows.append((us, float(rng.randrange(0, 10**6))))
        cur.executemany("INSERT INTO cs_rows VALUES (%s, %s)", rows)
        # each row goes to one half at random, so each half holds runs
        # that interleave in time
        query = """
            SELECT conflict_stats.report_series(%s, '2000-01-01 00:00+00'::timestamptz
                       + us * interval '1 microsecond') FILTER (WHERE %s)
            FROM (SELECT us, total, (CASE WHEN total::bigint %% 3 = 0 THEN '~'
                                          WHEN total::bigint %% 3 = 1 THEN '>' ELSE '' END
                                     || total::bigint)::conflict_stats.estimate AS e
                  FROM cs_rows) r"""
        halves = []
        for cond in ('hashint8(us + total::bigint) % 2 = 0', 'hashint8(us + total::bigint) % 2 <> 0', 'true'):
            cur.execute(query % (value, cond), binary=True)
            halves.append(cur.fetchone()[0])
        cur.execute("""
            SELECT conflict_stats.series_agg_final(conflict_stats.series_agg_combine(%b, %b))::text,
                   conflict_stats.series_agg_final(conflict_stats.series_agg_combine(%b, %b))::text,
                   %b::text""",
                    (SeriesWire(halves[0]), SeriesWire(halves[1]),
                     SeriesWire(halves[1]), SeriesWire(halves[0]), SeriesWire(halves[2])))
        ab, ba, whole = cur.fetchone()
        check(isinstance(halves[0], bytes) and ab == whole and ba == whole,
              "binary trial %d (%s): partial states read back from their binary form "
              "and combined, in either order, give the one-pass series" % (trial, kind),
              None if ab == whole and ba == whole else "got %s... want %s..." % (ab[:80], whole[:80]))


def main():
    rng = random.Random(SEED)
    conn = psycopg.connect('', autocommit=True)
    cur = conn.cursor()
    cur.execute("SET client_min_messages = warning")
    cur.execute("CREATE EXTENSION IF NOT EXISTS conflict_stats")
    cur.execute("CREATE TEMP TABLE cs_rows (us bigint, total float8)")

    for trial in range(1, N_TRIALS + 1):
        xs, fs, rows = make_trial(rng)
        tz = 'UTC' if trial % 3 else 'Europe/Kyiv'
        # the zone is the session's, or (every other Kyiv trial) named by
        # time_zone while the session stays in UTC
        named = tz != 'UTC' and trial % 2 == 0
        cur.execute("SET TimeZone = %s" % ("'%s'" % ('UTC' if named else tz)))
        cur.execute("TRUNCATE cs_rows")
        cur.executemany("INSERT INTO cs_rows VALUES (%s, %s)", rows)
        cur.execute("""
            SELECT conflict_stats.report_series(
                       total, '2000-01-01 00:00+00'::timestamptz + us * interval '1 microsecond')::text
            FROM cs_rows""")
        stext = cur.fetchone()[0]
        scale = max(abs(f) for f in fs)

        # the series holds one report per instant, the larger total at a tie
        cur.execute("SELECT at, total FROM conflict_stats.reports(%s::conflict_stats.series)", (stext,))
        got = [(us_of(a), t) for a, t in cur.fetchall()]
        check(got == list(zip(xs, fs)),
              "trial %d: report_series keeps %d reports in order, larger total at a tie"
              % (trial, len(xs)), None if got == list(zip(xs, fs)) else "got %r" % got[:5])

        for policy in ('revision', 'clamp'):
            vals = fs if policy == 'revision' else clamp(fs)
            want = expected_rows(xs, vals, tz)
            cur.execute("""
                SELECT period_start, period_end, losses, per_day, reports, interpolated, partial,
                       conflict_stats.best(figure)
                FROM conflict_stats.losses_by_period(%s::conflict_stats.series, '1 month',
                                                     on_decrease => %s, time_zone => %s)""",
                        (stext, policy, tz if named else None))
            got = cur.fetchall()
            err = compare_rows(got, want, max(abs(v) for v in vals))
            check(err is None,
                  "trial %d (%s%s, %d reports, %s): losses_by_period matches numpy (%d rows)"
                  % (trial, tz, ' named' if named else '', len(xs), policy, len(want)), err)

        # total_at at reports, between them and outside the span
        probes = list(xs[:3]) + [xs[0] - 1, xs[-1] + 1, xs[-1]]
        probes += [rng.randrange(xs[0], xs[-1] + 1) for _ in range(10)]
        cur.execute("""
            SELECT p, conflict_stats.total_at(%s::conflict_stats.series,
                       '2000-01-01 00:00+00'::timestamptz + p * interval '1 microsecond')
            FROM unnest(%s::bigint[]) p""", (stext, probes))
        bad = None
        for p, v in cur.fetchall():
            if p < xs[0] or p > xs[-1]:
                if v is not None:
                    bad = "total_at(%d) = %r outside the span" % (p, v)
            else:
                w = float(np.interp(float(p), np.asarray(xs, dtype=np.float64),
                                    np.asarray(fs, dtype=np.float64)))
                if v is None or not close(v, w, scale):
                    bad = "total_at(%d) = %r, expected %r" % (p, v, w)
        check(bad is None, "trial %d: total_at matches numpy.interp, NULL outside" % trial, bad)

        cur.execute("SELECT conflict_stats.num_decreases(%s::conflict_stats.series)", (stext,))
        nd = cur.fetchone()[0]
        want_nd = sum(1 for a, b in zip(fs[:-1], fs[1:]) if b < a)
        check(nd == want_nd, "trial %d: num_decreases = %d" % (trial, want_nd),
              "got %d" % nd)

    for trial in range(1, N_TRIALS + 1):
        check_estimate_trial(cur, rng, trial)

    # the worked example of the README: test/data/claims.csv
    check_claims(cur)

    check_binary_partial_states(conn, rng)

    print("1..%d" % len(results))
    failed = 0
    for i, (ok, desc, diag) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, desc))
        if not ok:
            failed += 1
            if diag:
                print("# " + str(diag))
    conn.close()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
