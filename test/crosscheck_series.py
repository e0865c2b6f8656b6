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
Prints TAP; exits non-zero when a check fails.
"""
import datetime as dt
import random
import sys
import zoneinfo

import numpy as np
import psycopg

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
        rows.append((e0, e1, losses, per_day, reports, interpolated))
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
                SELECT period_start, period_end, losses, per_day, reports, interpolated
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

    # the worked example of the README: test/data/claims.csv
    check_claims(cur)

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
