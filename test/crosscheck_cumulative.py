#!/usr/bin/python3
"""
crosscheck_cumulative.py
    Cross-check every accessor of cumulative_agg, and the cost_per_gain and
    elasticity aggregates, against an independent computation with numpy
    (np.polyfit of degree 1 and 2 on centred times, math.fsum), on random
    data sets of 3, 50 and 100,000 rows and on edge cases: one report, all
    reports at one instant, two instants, ties, downward revisions, totals
    near 1e15, dates instead of timestamps, scrambled input order, rollup of
    partial summaries, partial states shipped as text.

Run under a server with the extension installed, connection from the
environment (PGHOST etc.), e.g.
    bash test/lib/cluster.sh 15 /usr/bin/python3 test/crosscheck_cumulative.py
Prints TAP; exits non-zero when a check fails.
"""
import math
import random
import sys

import numpy as np
import psycopg

USECS_PER_DAY = 86400 * 10**6
# 2024-01-01 00:00 UTC in microseconds since 2000-01-01
BASE_US = 8766 * USECS_PER_DAY
SEED = 20241009

results = []


def check(ok, desc, diag=None):
    """Record one TAP test."""
    results.append((bool(ok), desc, diag))


def rel_close(a, b, tol):
    """Both None, or equal within tol relative to the larger magnitude."""
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol * max(abs(a), abs(b), 1e-300)


def expected_cumulative(us, ys):
    """Every accessor of cumulative_agg computed with Python and numpy.
    us: report times (microseconds since 2000, ints), ys: totals."""
    n = len(us)
    first_us, last_us = min(us), max(us)
    first_total = max(y for u, y in zip(us, ys) if u == first_us)
    last_total = max(y for u, y in zip(us, ys) if u == last_us)
    e = {
        "num_reports": n,
        "first_us": first_us,
        "last_us": last_us,
        "first_total": first_total,
        "last_total": last_total,
        "delta": last_total - first_total,
        "rate": None,
        "fitted_rate": None,
        "acceleration": None,
    }
    distinct = len(set(us))
    # centred times in days, so that polyfit sees well-conditioned data
    ref = sorted(us)[n // 2]
    t = np.array([(u - ref) / USECS_PER_DAY for u in us], dtype=np.float64)
    y = np.array(ys, dtype=np.float64)
    if distinct >= 2:
        e["rate"] = (last_total - first_total) / ((last_us - first_us) / USECS_PER_DAY)
        e["fitted_rate"] = float(np.polyfit(t - t.mean(), y - y.mean(), 1)[0])
    if distinct >= 3:
        e["acceleration"] = 2.0 * float(np.polyfit(t - t.mean(), y - y.mean(), 2)[0])
    # the scale of a rounding error of the quadratic coefficient
    span = (last_us - first_us) / USECS_PER_DAY
    e["accel_scale"] = float(np.max(np.abs(y - y.mean()))) / (span / 2) ** 2 if span > 0 else 0.0
    return e


ACCESSORS = """
    num_reports(c), (extract(epoch FROM first_at(c) - timestamptz '2000-01-01 00:00+00') * 1000000)::bigint,
    (extract(epoch FROM last_at(c) - timestamptz '2000-01-01 00:00+00') * 1000000)::bigint,
    first_total(c), last_total(c), delta(c), rate(c), fitted_rate(c), acceleration(c),
    rate(c, '1 week'), fitted_rate(c, '1 month'), acceleration(c, '1 year')
"""


def fetch_accessors(cur, summary_sql, params=None):
    """Run every accessor on the summary the SQL expression yields."""
    cur.execute(f"SELECT {ACCESSORS} FROM (SELECT ({summary_sql}) AS c) s", params)
    r = cur.fetchone()
    keys = ["num_reports", "first_us", "last_us", "first_total", "last_total", "delta",
            "rate", "fitted_rate", "acceleration", "rate_week", "fitted_month", "accel_year"]
    return dict(zip(keys, r))


def compare_cumulative(got, e, name, fit_tol=1e-9):
    """Check the accessors against the expectation; one TAP line each group."""
    exact_ok = (got["num_reports"] == e["num_reports"] and got["first_us"] == e["first_us"]
                and got["last_us"] == e["last_us"] and got["first_total"] == e["first_total"]
                and got["last_total"] == e["last_total"] and got["delta"] == e["delta"])
    check(exact_ok, f"{name}: num_reports, first/last time and total, delta",
          f"got {got} expected {e}")
    rate_ok = (rel_close(got["rate"], e["rate"], 1e-12)
               and rel_close(got["rate_week"], None if e["rate"] is None else 7 * e["rate"], 1e-12))
    check(rate_ok, f"{name}: rate (per day and per week)",
          f"got {got['rate']} / {got['rate_week']}, expected {e['rate']}")
    fit_ok = (rel_close(got["fitted_rate"], e["fitted_rate"], fit_tol)
              and rel_close(got["fitted_month"],
                            None if e["fitted_rate"] is None else 30 * e["fitted_rate"], fit_tol))
    check(fit_ok, f"{name}: fitted_rate equals np.polyfit degree 1",
          f"got {got['fitted_rate']}, expected {e['fitted_rate']}")
    a, r = got["acceleration"], e["acceleration"]
    if a is None or r is None:
        acc_ok = a is None and r is None and got["accel_year"] is None
    else:
        tol = 1e-6 * abs(r) + 1e-9 * e["accel_scale"]
        acc_ok = (abs(a - r) <= tol
                  and abs(got["accel_year"] - r * 365.25 ** 2) <= tol * 365.25 ** 2)
    check(acc_ok, f"{name}: acceleration equals 2 x np.polyfit degree 2",
          f"got {a} / {got['accel_year']}, expected {r} (scale {e['accel_scale']})")


def load_reports(cur, us, ys):
    """Put the reports into temp table rep (total float8, us bigint, at timestamptz)."""
    cur.execute("DROP TABLE IF EXISTS rep")
    cur.execute("CREATE TEMP TABLE rep (total float8, us bigint, at timestamptz)")
    with cur.copy("COPY rep (total, us) FROM STDIN") as cp:
        for u, y in zip(us, ys):
            cp.write_row((y, u))
    cur.execute("UPDATE rep SET at = timestamptz '2000-01-01 00:00+00' + us * interval '1 microsecond'")
    cur.execute("ANALYZE rep")


def random_reports(rng, n, spread_days, y0, rate, accel, noise):
    """n reports at random instants (microseconds) over spread_days from
    2024-01-01, totals following a quadratic with noise."""
    us = [BASE_US + rng.randrange(0, int(spread_days * USECS_PER_DAY)) for _ in range(n)]
    ys = []
    for u in us:
        d = (u - BASE_US) / USECS_PER_DAY
        ys.append(y0 + rate * d + 0.5 * accel * d * d + rng.gauss(0, noise))
    return us, ys


def check_time_to_reach(cur, us, ys, name):
    """time_to_reach for targets above, at and below last_total."""
    e = expected_cumulative(us, ys)
    targets = [e["last_total"] + abs(e["last_total"]) * 0.1 + 1000, e["last_total"], e["last_total"] - 1]
    ok = True
    diag = []
    for target in targets:
        cur.execute("""SELECT (extract(epoch FROM time_to_reach(cumulative_agg(total, at), %s)
                                - timestamptz '2000-01-01 00:00+00') * 1000000)::bigint FROM rep""", (target,))
        got = cur.fetchone()[0]
        want = None
        if e["last_us"] != e["first_us"] and target > e["last_total"]:
            rate_us = (e["last_total"] - e["first_total"]) / (e["last_us"] - e["first_us"])
            if rate_us > 0:
                want = round(e["last_us"] + (target - e["last_total"]) / rate_us)
        if (got is None) != (want is None) or (got is not None and abs(got - want) > 2):
            ok = False
            diag.append(f"target {target}: got {got} expected {want}")
    check(ok, f"{name}: time_to_reach", "; ".join(diag))


def cumulative_checks(cur, rng):
    """Random data sets and edge cases for cumulative_agg."""
    cases = []
    for n in (3, 50, 100000):
        cases.append((f"random {n} rows", *random_reports(rng, n, 900, 3.0e5, 1100.0, 0.8, 2000.0)))
    # totals near 1e9 and near 1e15, dates around 2024: centring keeps every digit
    cases.append(("1e9 totals, 5000 rows", *random_reports(rng, 5000, 1000, 1e9, 1200.0, 0.3, 50.0)))
    cases.append(("1e15 totals, 5000 rows", *random_reports(rng, 5000, 400, 1e15, 3e6, 4e3, 1e4)))
    # an exact quadratic: the second derivative is exact
    us = [BASE_US + k * USECS_PER_DAY // 4 for k in range(2000)]
    cases.append(("exact quadratic", us,
                  [5e8 + 700.0 * ((u - BASE_US) / USECS_PER_DAY) + 1.5 * ((u - BASE_US) / USECS_PER_DAY) ** 2
                   for u in us]))
    # edge cases
    cases.append(("one report", [BASE_US], [600000.0]))
    cases.append(("all at one instant", [BASE_US + 5] * 4, [10.0, 40.0, 30.0, 20.0]))
    cases.append(("two instants with ties", [BASE_US, BASE_US, BASE_US + 86400 * 10**6, BASE_US + 86400 * 10**6],
                  [100.0, 150.0, 300.0, 250.0]))
    cases.append(("three instants a microsecond apart", [BASE_US, BASE_US + 1, BASE_US + 2], [1.0, 2.0, 4.0]))
    cases.append(("downward revisions", [BASE_US + k * USECS_PER_DAY for k in range(10)],
                  [1000.0, 1100.0, 1050.0, 900.0, 950.0, 800.0, 820.0, 700.0, 690.0, 500.0]))
    cases.append(("negative totals", [BASE_US + k * USECS_PER_DAY for k in range(6)],
                  [-5e5, -4e5, -3.5e5, -1e5, -2e4, 0.0]))
    cases.append(("far from 2000", [-2000 * 365 * USECS_PER_DAY + k * 7 * USECS_PER_DAY for k in range(30)],
                  [float(k * k + 3 * k) for k in range(30)]))

    for name, us, ys in cases:
        load_reports(cur, us, ys)
        e = expected_cumulative(us, ys)
        fit_tol = 1e-6 if name.startswith("three instants") else 1e-9
        got = fetch_accessors(cur, "SELECT cumulative_agg(total, at) FROM rep")
        compare_cumulative(got, e, name, fit_tol)
        if name.startswith("random") or name in ("downward revisions", "one report", "two instants with ties"):
            check_time_to_reach(cur, us, ys, name)
        if len(us) >= 3:
            # input order does not matter
            a = fetch_accessors(cur, "SELECT cumulative_agg(total, at ORDER BY at DESC, total) FROM rep")
            b = fetch_accessors(cur, "SELECT cumulative_agg(total, at ORDER BY random()) FROM rep")
            compare_cumulative(a, e, name + ", reverse order", fit_tol)
            compare_cumulative(b, e, name + ", random order", fit_tol)
            # rollup of partial summaries, and partial summaries shipped as text
            cur.execute("DROP TABLE IF EXISTS parts")
            cur.execute("""CREATE TEMP TABLE parts AS
                SELECT (abs(hashint8(us)) % 7) AS k, cumulative_agg(total, at)::text AS t FROM rep GROUP BY 1""")
            r = fetch_accessors(cur, "SELECT rollup(t::cumulative) FROM parts")
            compare_cumulative(r, e, name + ", rollup of text partials", fit_tol)

    # dates: a calendar summary, read at midnight in the session's zone (UTC here)
    days = [rng.randrange(8000, 9500) for _ in range(500)]
    ys = [1e6 + 900.0 * (d - 8000) + rng.gauss(0, 100) for d in days]
    cur.execute("DROP TABLE IF EXISTS repd")
    cur.execute("CREATE TEMP TABLE repd (total float8, day date)")
    cur.execute("INSERT INTO repd SELECT t, date '2000-01-01' + d FROM unnest(%s::float8[], %s::int[]) u(t, d)",
                (ys, days))
    got = fetch_accessors(cur, "SELECT cumulative_agg(total, day) FROM repd")
    compare_cumulative(got, expected_cumulative([d * USECS_PER_DAY for d in days], ys), "dates, 500 rows")
    # (a summary of dates is a calendar value, one of instants is not: their
    # texts differ in kind, and in a UTC session their figures agree)
    got_ts = fetch_accessors(cur, "SELECT cumulative_agg(total, day::timestamp AT TIME ZONE 'UTC') FROM repd")
    check(got_ts == got, "dates: in a UTC session the timestamptz overload at midnight UTC gives the same figures",
          "date %r, timestamptz %r" % (got, got_ts))

    # fitted_rate equals PostgreSQL's regr_slope on the same data
    load_reports(cur, *random_reports(rng, 20000, 700, 1e9, 1000.0, 0.2, 500.0))
    cur.execute("""SELECT fitted_rate(cumulative_agg(total, at)),
                          regr_slope(total, extract(epoch FROM at)::float8 / 86400) FROM rep""")
    f, r = cur.fetchone()
    check(rel_close(f, r, 1e-8), "fitted_rate equals regr_slope", f"{f} vs {r}")

    # empty input
    cur.execute("SELECT cumulative_agg(total, at) IS NULL FROM rep WHERE false")
    check(cur.fetchone()[0], "no rows: a NULL summary")


def expected_gain(ls, gs):
    """cost_per_gain and elasticity computed with Python and numpy."""
    lsum = [l for l in ls if l is not None]
    gsum = [g for g in gs if g is not None]
    cost = None
    if lsum and gsum and math.fsum(gsum) != 0:
        cost = math.fsum(lsum) / math.fsum(gsum)
    pos = [(math.log(g), math.log(l)) for l, g in zip(ls, gs)
           if l is not None and g is not None and l > 0 and g > 0]
    el = None
    if len(pos) >= 2 and len(set(x for x, _ in pos)) >= 2:
        x = np.array([p[0] for p in pos])
        y = np.array([p[1] for p in pos])
        el = float(np.polyfit(x - x.mean(), y - y.mean(), 1)[0])
    return cost, el


def gain_checks(cur, rng):
    """Random data sets and edge cases for cost_per_gain and elasticity."""
    cases = []
    for n in (3, 50, 100000):
        ls, gs = [], []
        for _ in range(n):
            g = rng.uniform(0.5, 800.0)
            ls.append(40.0 * g ** 1.3 * math.exp(rng.gauss(0, 0.2)))
            gs.append(g)
        cases.append((f"random {n} rows", ls, gs))
    ls = [rng.choice([None, -5.0, 0.0, rng.uniform(1, 1e4)]) for _ in range(200)]
    gs = [rng.choice([None, -2.0, 0.0, rng.uniform(1, 100)]) for _ in range(200)]
    cases.append(("NULLs, zeros and negatives", ls, gs))
    cases.append(("nothing gained", [100.0, 200.0], [0.0, 0.0]))
    cases.append(("one row", [100.0], [4.0]))
    cases.append(("every gain the same", [10.0, 20.0, 30.0], [3.0, 3.0, 3.0]))
    cases.append(("huge and tiny", [1e300, 1e200, 1e250], [1e-300, 1e-200, 1e-100]))
    cases.append(("cancelling sums", [1e16, 1.0, 1.0, 1.0, -1e16], [1.0, 1.0, 1.0, 1.0, 1.0]))

    for name, ls, gs in cases:
        cur.execute("DROP TABLE IF EXISTS lg")
        cur.execute("CREATE TEMP TABLE lg (losses float8, gained float8)")
        with cur.copy("COPY lg (losses, gained) FROM STDIN") as cp:
            for l, g in zip(ls, gs):
                cp.write_row((l, g))
        cost, el = expected_gain(ls, gs)
        if name == "huge and tiny":
            cost = None  # the ratio 1.5e300 / 1e-100 overflows: an error, as float8 division
            try:
                cur.execute("SELECT cost_per_gain(losses, gained) FROM lg")
                check(False, f"{name}: cost_per_gain overflow is an error", f"got {cur.fetchone()}")
            except psycopg.errors.NumericValueOutOfRange:
                check(True, f"{name}: cost_per_gain overflow is an error")
        else:
            cur.execute("SELECT cost_per_gain(losses, gained) FROM lg")
            got = cur.fetchone()[0]
            check(rel_close(got, cost, 1e-12), f"{name}: cost_per_gain equals fsum(losses) / fsum(gained)",
                  f"got {got} expected {cost}")
        cur.execute("SELECT elasticity(losses, gained) FROM lg")
        got = cur.fetchone()[0]
        check(rel_close(got, el, 1e-9), f"{name}: elasticity equals np.polyfit of the logs",
              f"got {got} expected {el}")
        # partial states shipped as text, combined, finished
        cur.execute("""
            WITH p AS (SELECT pg_temp.cost_partial(losses, gained)::text AS c,
                              pg_temp.el_partial(losses, gained)::text AS e
                       FROM (SELECT *, row_number() OVER () %% 3 AS k FROM lg) s GROUP BY k)
            SELECT CASE WHEN %s THEN cost_per_gain_final(pg_temp.cost_merge(c::cost_per_gain_state)) END,
                   elasticity_final(pg_temp.el_merge(e::elasticity_state)) FROM p""",
                    (cost is not None,))
        gc, ge = cur.fetchone()
        ok = rel_close(ge, el, 1e-9) and rel_close(gc, cost, 1e-12)
        check(ok, f"{name}: partial states as text, combined, equal one pass", f"got {gc}, {ge}")



def main():
    rng = random.Random(SEED)
    with psycopg.connect("", autocommit=True) as conn:
        cur = conn.cursor()
        cur.execute("SET client_min_messages = warning")
        cur.execute("CREATE EXTENSION IF NOT EXISTS conflict_stats")
        cur.execute("SET search_path = conflict_stats, public")
        cur.execute("SET timezone = 'UTC'")
        # partial aggregation as a distributed planner does it
        cur.execute("""CREATE AGGREGATE pg_temp.cost_partial(float8, float8) (
            SFUNC = conflict_stats.cost_per_gain_trans, STYPE = conflict_stats.cost_per_gain_state)""")
        cur.execute("""CREATE AGGREGATE pg_temp.el_partial(float8, float8) (
            SFUNC = conflict_stats.elasticity_trans, STYPE = conflict_stats.elasticity_state)""")
        cur.execute("""CREATE AGGREGATE pg_temp.cost_merge(conflict_stats.cost_per_gain_state) (
            SFUNC = conflict_stats.cost_per_gain_combine, STYPE = conflict_stats.cost_per_gain_state)""")
        cur.execute("""CREATE AGGREGATE pg_temp.el_merge(conflict_stats.elasticity_state) (
            SFUNC = conflict_stats.elasticity_combine, STYPE = conflict_stats.elasticity_state)""")
        cumulative_checks(cur, rng)
        try:
            gain_checks(cur, rng)
        except psycopg.Error as exc:
            check(False, "gain checks ran", str(exc))

    failed = 0
    for i, (ok, desc, diag) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {desc}")
        if not ok:
            failed += 1
            if diag:
                for line in str(diag).splitlines():
                    print(f"# {line}")
    print(f"1..{len(results)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
