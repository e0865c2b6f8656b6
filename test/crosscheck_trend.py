#!/usr/bin/python3
"""Cross-check the trend accessors against numpy and statsmodels.

Run with /usr/bin/python3 against a server where conflict_stats is installed,
with PGHOST/PGPORT/PGUSER/PGPASSWORD (and optionally PGDATABASE) set, e.g.
    bash test/lib/cluster.sh 15 /usr/bin/python3 test/crosscheck_trend.py
Prints TAP lines and exits non-zero when any check fails.

The reference fits run on centred data (time in days minus its mean, value
minus its mean), which changes neither the slope, its standard error, r2 nor
the intervals, so that the reference itself keeps full precision for dates
around 2024 and values near 1e9.  Student's t quantiles are those statsmodels
uses (scipy's), to about 1e-11.
"""
import datetime as dt
import sys

import numpy as np
import psycopg
import statsmodels.api as sm

RTOL = 1e-9
UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)

results = []


def check(ok, desc, detail=""):
    results.append(bool(ok))
    n = len(results)
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, desc))
    if not ok and detail:
        for line in str(detail).splitlines():
            print("# " + line)
    sys.stdout.flush()


def close(a, b, scale=None, rtol=RTOL):
    """a and b agree to rtol relative to scale (default |b|)."""
    if a is None or b is None:
        return a is None and b is None
    if scale is None:
        scale = abs(b)
    return abs(a - b) <= rtol * scale + 1e-300


def reference(days, values, at_days, per_days, conf):
    """OLS figures from statsmodels on centred data."""
    x = np.asarray(days, dtype=float)
    y = np.asarray(values, dtype=float)
    mx = x.mean()
    my = y.mean()
    xc = x - mx
    yc = y - my
    n = len(x)
    ref = {"n": n, "total": float(np.sum(y)), "mean": float(np.mean(y))}
    ref["stddev"] = float(np.std(y, ddof=1)) if n >= 2 else None
    if n < 2 or np.all(x == x[0]):
        ref.update(slope=None, r2=None, stderr=None, interval=None,
                   forecast=None, forecast_interval=None)
        return ref
    fit = sm.OLS(yc, sm.add_constant(xc)).fit()
    b = float(fit.params[1])
    ref["slope"] = b * per_days
    syy = float(np.sum(yc * yc))
    ref["r2"] = 1.0 if syy == 0 else float(fit.rsquared)
    ref["forecast"] = my + b * (at_days - mx)
    if n < 3:
        ref.update(stderr=None, interval=None, forecast_interval=None)
        return ref
    ref["stderr"] = float(fit.bse[1]) * per_days
    lo, hi = fit.conf_int(alpha=1 - conf)[1]
    ref["interval"] = (float(lo) * per_days, float(hi) * per_days)
    pred = fit.get_prediction(np.array([[1.0, at_days - mx]]))
    plo, phi = pred.conf_int(obs=True, alpha=1 - conf)[0]
    ref["forecast_interval"] = (my + float(plo), my + float(phi))
    return ref


QUERY = """
SELECT num_points(t), total(t), mean(t), stddev(t), first_at(t), last_at(t),
       slope(t, %(per)s), growth(t, %(per)s), r2(t), slope_stderr(t, %(per)s),
       low(slope_interval(t, %(conf)s, %(per)s)), high(slope_interval(t, %(conf)s, %(per)s)),
       best(slope_interval(t, %(conf)s, %(per)s)),
       forecast(t, %(at)s::timestamptz),
       low(forecast_interval(t, %(at)s::timestamptz, %(conf)s)),
       high(forecast_interval(t, %(at)s::timestamptz, %(conf)s)),
       t::text
FROM (SELECT conflict_stats.trend_agg(v, {timecol}) AS t FROM cc_data) s
"""


def load(cur, times, values, as_date):
    cur.execute("TRUNCATE cc_data")
    with cur.copy("COPY cc_data (v, d, ts) FROM STDIN") as copy:
        for t, v in zip(times, values):
            copy.write_row((float(v), t.date() if as_date else None, None if as_date else t))


def compare(cur, name, times, values, as_date, per=("1 day", 1.0), conf=0.95,
            at=dt.datetime(2025, 3, 1, 12, tzinfo=UTC)):
    load(cur, times, values, as_date)
    per_text, per_days = per
    cur.execute(QUERY.format(timecol="d" if as_date else "ts"),
                {"per": per_text, "conf": conf, "at": at})
    row = cur.fetchone()
    (n, total, mean, stddev, first_at, last_at, slope, growth, r2, stderr,
     ilo, ihi, ibest, fc, flo, fhi, text) = row
    days = [(t - EPOCH).total_seconds() / 86400.0 for t in times]
    at_days = (at - EPOCH).total_seconds() / 86400.0
    ref = reference(days, values, at_days, per_days, conf)
    vscale = float(np.max(np.abs(values))) if len(values) else 1.0
    sd_ref = ref["stddev"] or 0.0

    check(n == ref["n"], "%s: num_points" % name, (n, ref["n"]))
    # a running sum's rounding error is bounded relative to the sum of |v|
    abs_sum = float(np.sum(np.abs(values)))
    check(close(total, ref["total"], scale=abs_sum), "%s: total" % name, (total, ref["total"]))
    check(close(mean, ref["mean"], scale=abs(ref["mean"]) + vscale * 1e-6), "%s: mean" % name,
          (mean, ref["mean"]))
    check(close(stddev, ref["stddev"]), "%s: stddev" % name, (stddev, ref["stddev"]))
    check(first_at == min(times) and last_at == max(times), "%s: first_at, last_at" % name,
          (first_at, last_at, min(times), max(times)))
    if ref["slope"] is None:
        check(slope is None and r2 is None and growth is None, "%s: no slope (NULL)" % name,
              (slope, r2, growth))
    else:
        # a slope near zero is compared on the scale of its standard error
        sscale = abs(ref["slope"]) + (ref["stderr"] or 0.0)
        check(close(slope, ref["slope"], scale=sscale), "%s: slope" % name, (slope, ref["slope"]))
        check(close(r2, ref["r2"], scale=1.0), "%s: r2" % name, (r2, ref["r2"]))
        if ref["mean"] != 0:
            check(close(growth, ref["slope"] / ref["mean"],
                        scale=sscale / abs(ref["mean"])), "%s: growth" % name,
                  (growth, ref["slope"] / ref["mean"]))
        fscale = abs(ref["forecast"]) + sd_ref
        check(close(fc, ref["forecast"], scale=fscale), "%s: forecast" % name,
              (fc, ref["forecast"]))
    if ref.get("stderr") is None:
        check(stderr is None and ilo is None and flo is None,
              "%s: no stderr or intervals (NULL)" % name, (stderr, ilo, flo))
    else:
        check(close(stderr, ref["stderr"], scale=ref["stderr"] + 1e-300), "%s: slope_stderr" % name,
              (stderr, ref["stderr"]))
        half = (ref["interval"][1] - ref["interval"][0]) / 2
        iscale = abs(ref["slope"]) + half
        check(close(ilo, ref["interval"][0], scale=iscale) and
              close(ihi, ref["interval"][1], scale=iscale) and
              close(ibest, ref["slope"], scale=iscale),
              "%s: slope_interval %.2f" % (name, conf), (ilo, ihi, ref["interval"]))
        fhalf = (ref["forecast_interval"][1] - ref["forecast_interval"][0]) / 2
        pscale = abs(ref["forecast"]) + fhalf
        check(close(flo, ref["forecast_interval"][0], scale=pscale) and
              close(fhi, ref["forecast_interval"][1], scale=pscale),
              "%s: forecast_interval %.2f" % (name, conf), (flo, fhi, ref["forecast_interval"]))

    # the text form reads back exactly
    cur.execute("SELECT %s::conflict_stats.trend::text = %s", (text, text))
    check(cur.fetchone()[0], "%s: text round trip" % name)

    # rollup of partial summaries equals one pass
    if len(values) >= 4:
        cur.execute("""
            WITH parts AS (
                SELECT conflict_stats.trend_agg(v, {tc}) AS t FROM cc_data
                GROUP BY hashtext(v::text) %% 4)
            SELECT num_points(r), slope(r, %(per)s), r2(r), total(r)
            FROM (SELECT conflict_stats.rollup(t) AS r FROM parts) s
        """.format(tc="d" if as_date else "ts"), {"per": per_text})
        rn, rslope, rr2, rtotal = cur.fetchone()
        ok = rn == n and close(rtotal, total, scale=abs_sum)
        if slope is not None:
            ok = ok and close(rslope, slope, scale=abs(slope) + (stderr or 0.0)) and close(rr2, r2, scale=1.0)
        check(ok, "%s: rollup equals one pass" % name, (rn, rslope, rr2, rtotal))


def random_times(rng, n, start, span_days, as_date, distinct=False):
    if as_date:
        if distinct:
            offs = rng.choice(span_days, size=n, replace=False)
        else:
            offs = rng.integers(0, span_days, size=n)
        return [start + dt.timedelta(days=int(o)) for o in offs]
    secs = rng.integers(0, span_days * 86400 * 1000000, size=n)
    return [start + dt.timedelta(microseconds=int(s)) for s in secs]


def main():
    rng = np.random.default_rng(20241009)
    with psycopg.connect("", autocommit=True) as conn:
        cur = conn.cursor()
        cur.execute("CREATE EXTENSION IF NOT EXISTS conflict_stats")
        cur.execute("SET search_path = conflict_stats, public")
        cur.execute("SET TimeZone = 'UTC'")
        cur.execute("DROP TABLE IF EXISTS cc_data")
        cur.execute("CREATE TEMP TABLE cc_data (v float8, d date, ts timestamptz)")

        start = dt.datetime(2022, 2, 24, tzinfo=UTC)

        # random data sets of 3, 50 and 100,000 rows
        t3 = random_times(rng, 3, start, 900, True, distinct=True)
        v3 = rng.normal(1200, 300, 3)
        compare(cur, "3 rows, dates", t3, v3, True)
        compare(cur, "3 rows, dates, per week, 90%", t3, v3, True, per=("1 week", 7.0), conf=0.90)

        t50 = random_times(rng, 50, start, 700, False)
        d50 = np.array([(t - start).total_seconds() / 86400 for t in t50])
        v50 = 1e9 + 37.5 * d50 + rng.normal(0, 500, 50)
        compare(cur, "50 rows, timestamptz, values near 1e9", t50, v50, False)
        compare(cur, "50 rows, timestamptz, per month, 99%", t50, v50, False,
                per=("1 month", 30.0), conf=0.99)

        t100k = random_times(rng, 100000, start, 960, True)
        d100k = np.array([(t - start).days for t in t100k], dtype=float)
        v100k = -5e5 - 12.25 * d100k + rng.normal(0, 2e4, 100000)
        compare(cur, "100000 rows, dates with repeats, negative values", t100k, v100k, True)
        compare(cur, "100000 rows, per year, 99.9%", t100k, v100k, True,
                per=("1 year", 365.25), conf=0.999)

        t100kts = random_times(rng, 100000, start, 960, False)
        v100kts = rng.poisson(1200, 100000).astype(float)
        compare(cur, "100000 rows, timestamptz, counts without trend", t100kts, v100kts, False)

        # edge cases
        compare(cur, "1 row", [start], [42.0], True)
        compare(cur, "2 rows", [start, start + dt.timedelta(days=3)], [1.0, 7.0], True)
        compare(cur, "equal times", [start] * 5, [1.0, 2.0, 3.0, 4.0, 5.0], True)
        tconst = random_times(rng, 20, start, 100, True, distinct=True)
        compare(cur, "constant values", tconst, [7.0] * 20, True)
        thuge = random_times(rng, 50, start, 400, True, distinct=True)
        dhuge = np.array([(t - start).days for t in thuge], dtype=float)
        vhuge = 1e15 + 1e9 * dhuge + rng.normal(0, 1e11, 50)
        compare(cur, "values near 1e15", thuge, vhuge, True)
        tneg = random_times(rng, 30, start, 60, True, distinct=True)
        compare(cur, "values of mean zero", tneg, rng.normal(0, 1, 30) - 0.0, True)

        cur.execute("SELECT conflict_stats.trend_agg(v, d) IS NULL FROM cc_data WHERE false")
        check(cur.fetchone()[0], "empty input gives NULL")

        # window frames against per-frame recomputation in numpy
        n = 3000
        days = np.arange(n, dtype=float)
        vals = 1e9 + 1000 * np.sin(days) + 0.5 * days
        vals[1000:1003] = 1e15
        cur.execute("TRUNCATE cc_data")
        with cur.copy("COPY cc_data (v, d) FROM STDIN") as copy:
            for i in range(n):
                copy.write_row((float(vals[i]), (start + dt.timedelta(days=i)).date()))
        cur.execute("""SELECT slope(trend_agg(v, d) OVER w) FROM cc_data
                       WINDOW w AS (ORDER BY d ROWS 29 PRECEDING) ORDER BY d""")
        got = [r[0] for r in cur.fetchall()]
        worst = 0.0
        for i in range(1, n):
            lo = max(0, i - 29)
            x = days[lo:i + 1] - days[lo:i + 1].mean()
            y = vals[lo:i + 1] - vals[lo:i + 1].mean()
            b = float(np.dot(x, y) / np.dot(x, x))
            scale = abs(b) + float(np.sqrt(np.dot(y, y) / np.dot(x, x)))
            worst = max(worst, abs(got[i] - b) / scale)
        check(got[0] is None and worst <= RTOL,
              "rolling 30-row slope matches recomputation (worst %.1e)" % worst)

    failed = results.count(False)
    print("1..%d" % len(results))
    if failed:
        print("# %d of %d checks failed" % (failed, len(results)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
