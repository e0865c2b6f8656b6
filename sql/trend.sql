--
-- trend: trend_agg, rollup, the trend type's I/O, accessors, window mode,
-- parallel and distributed (Citus-style) aggregation.
-- Floating-point results are printed rounded or compared as booleans.
--
SET search_path = conflict_stats, public;
SET extra_float_digits = 0;
SET TimeZone = 'UTC';

-- a small data set with known answers (statsmodels OLS):
-- days 0,1,2,4,7 from 2024-01-01; values 10,12,15,15,22
CREATE TABLE tr_a (v float8, d date);
INSERT INTO tr_a VALUES (10, '2024-01-01'), (12, '2024-01-02'), (15, '2024-01-03'),
	(15, '2024-01-05'), (22, '2024-01-08');

SELECT trend_agg(v, d) FROM tr_a;
CREATE TABLE tr_utc AS SELECT trend_agg(v, d) AS t FROM tr_a;

SELECT num_points(t), total(t), mean(t), round(stddev(t)::numeric, 10) AS stddev,
	first_at(t), last_at(t)
FROM (SELECT trend_agg(v, d) AS t FROM tr_a) s;

-- slope 1.58441558, stderr 0.24354257, r2 0.93381015,
-- 95% interval [0.80935445, 2.35947672], 90% [1.01127142, 2.15755975]
SELECT round(slope(t)::numeric, 8) AS slope,
	round(slope(t, '1 week')::numeric, 8) AS per_week,
	round(slope(t, '1 month')::numeric, 8) AS per_month,
	round(slope(t, '1 year')::numeric, 6) AS per_year,
	round(slope(t, '12 hours')::numeric, 8) AS per_12h,
	round(growth(t)::numeric, 8) AS growth,
	round(r2(t)::numeric, 8) AS r2,
	round(slope_stderr(t)::numeric, 8) AS stderr,
	round(slope_stderr(t, '1 week')::numeric, 8) AS stderr_week
FROM (SELECT trend_agg(v, d) AS t FROM tr_a) s;

SELECT round(best(i)::numeric, 8) AS best, round(low(i)::numeric, 8) AS low,
	round(high(i)::numeric, 8) AS high, qualifier(i),
	low_inclusive(i), high_inclusive(i)
FROM (SELECT slope_interval(trend_agg(v, d)) AS i FROM tr_a) s;
SELECT round(low(i)::numeric, 8) AS low, round(high(i)::numeric, 8) AS high
FROM (SELECT slope_interval(trend_agg(v, d), 0.90) AS i FROM tr_a) s;
SELECT round(low(i)::numeric, 7) AS low_week, round(high(i)::numeric, 7) AS high_week
FROM (SELECT slope_interval(trend_agg(v, d), per => '1 week') AS i FROM tr_a) s;

-- forecast at day 10: 26.20779221, prediction interval [18.9041003, 33.51148412]
SELECT round(forecast(t, date '2024-01-11')::numeric, 8) AS at_date,
	round(forecast(t, timestamptz '2024-01-11 00:00+00')::numeric, 8) AS at_ts,
	round(forecast(t, timestamptz '2024-01-11 12:00+00')::numeric, 8) AS half_day_later,
	round(best(forecast_interval(t, date '2024-01-11'))::numeric, 8) AS best,
	round(low(forecast_interval(t, date '2024-01-11'))::numeric, 7) AS low,
	round(high(forecast_interval(t, date '2024-01-11'))::numeric, 7) AS high,
	round(high(forecast_interval(t, timestamptz '2024-01-11 00:00+00', 0.99))::numeric, 7) AS high99
FROM (SELECT trend_agg(v, d) AS t FROM tr_a) s;

-- a summary of dates is a calendar value: its days are its dates in every
-- time zone; first_at and last_at give local midnight of those dates, and a
-- timestamptz argument is read at its local date and clock time
SET TimeZone = 'America/New_York';
SELECT trend_agg(v, d)::text = (SELECT t FROM tr_utc)::text AS same_text_in_new_york,
	first_at(trend_agg(v, d)), first_at(trend_agg(v, d))::date = min(d) AS first_is_first_date,
	forecast(trend_agg(v, d), date '2024-01-11') = forecast(trend_agg(v, d), '2024-01-11')
	AS forecast_date_is_local_midnight
FROM tr_a;
SET TimeZone = 'UTC';
-- a summary of instants is an instant value: its text says so with 'Z'
SELECT trend_agg(v, d::timestamp AT TIME ZONE 'UTC') FROM tr_a;
-- a calendar summary and an instant summary do not combine
SELECT rollup(t) FROM (SELECT trend_agg(v, d) AS t FROM tr_a
	UNION ALL SELECT trend_agg(v, d::timestamptz) FROM tr_a) x;
SELECT trend_combine(trend_agg(v, d), trend_agg(v, d::timestamptz)) FROM tr_a;

-- three points: one degree of freedom (t = 12.7062047361747)
-- statsmodels: slope 1.5, stderr 0.8660254, interval [-9.50389609, 12.50389609];
-- forecast at day 5: 11.5 [-37.29910524, 60.29910524]
SELECT round(slope(t)::numeric, 8) AS slope, round(slope_stderr(t)::numeric, 8) AS stderr,
	round(low(slope_interval(t))::numeric, 8) AS low, round(high(slope_interval(t))::numeric, 8) AS high,
	round(best(forecast_interval(t, date '2024-01-06'))::numeric, 8) AS f,
	round(low(forecast_interval(t, date '2024-01-06'))::numeric, 8) AS f_low,
	round(high(forecast_interval(t, date '2024-01-06'))::numeric, 8) AS f_high
FROM (SELECT trend_agg(v, d) AS t
	  FROM (VALUES (5, date '2024-01-01'), (4, '2024-01-02'), (9, '2024-01-04')) x(v, d)) s;

-- compared with PostgreSQL's own regression aggregates on the same data
CREATE TABLE tr_b AS
SELECT (1000 + 3 * i + (i * 37) % 11 - 5 + 0.25 * (i % 3))::float8 AS v,
	date '2022-02-24' + i AS d,
	extract(epoch FROM (date '2022-02-24' + i)::timestamp)::float8 / 86400 AS x
FROM generate_series(0, 999) i;
SELECT abs(slope(t) - rs) <= 1e-12 * abs(rs) AS slope_matches,
	abs(r2(t) - rr2) <= 1e-12 AS r2_matches,
	mean(t) = av AS mean_matches,
	total(t) = sm AS total_matches,
	abs(stddev(t) - sd) <= 1e-12 * sd AS stddev_matches,
	num_points(t) = c AS count_matches,
	abs(forecast(t, date '2025-01-01') - (ri + rs * extract(epoch FROM timestamp '2025-01-01')::float8 / 86400))
		<= 1e-9 AS forecast_matches,
	abs(slope_stderr(t) - sqrt((syy - sxy ^ 2 / sxx) / (c - 2) / sxx)) <= 1e-9 * slope_stderr(t) AS stderr_matches
FROM (SELECT trend_agg(v, d) AS t, regr_slope(v, x) AS rs, regr_r2(v, x) AS rr2, avg(v) AS av,
		sum(v) AS sm, stddev_samp(v) AS sd, count(*) AS c, regr_intercept(v, x) AS ri,
		regr_syy(v, x) AS syy, regr_sxy(v, x) AS sxy, regr_sxx(v, x) AS sxx
	  FROM tr_b) s;

-- the timestamptz overload, with times of day
SELECT round(slope(trend_agg(v, ts))::numeric, 8) AS per_day,
	round(slope(trend_agg(v, ts), '1 hour')::numeric, 8) AS per_hour,
	first_at(trend_agg(v, ts)), last_at(trend_agg(v, ts))
FROM (VALUES (1, timestamptz '2024-03-01 06:00+00'), (2, '2024-03-01 18:00+00'),
	(3, '2024-03-02 06:00+00')) x(v, ts);

-- edge cases
-- no rows, only NULL rows: NULL
SELECT trend_agg(v, d) IS NULL AS empty_is_null FROM tr_a WHERE false;
SELECT trend_agg(v, d) IS NULL AS null_rows_give_null
FROM (VALUES (NULL::float8, date '2024-01-01'), (1, NULL)) x(v, d);
SELECT rollup(t) IS NULL AS empty_rollup_is_null FROM (SELECT NULL::trend AS t) s;
-- NULL rows are skipped
SELECT num_points(trend_agg(v, d)), total(trend_agg(v, d))
FROM (VALUES (1::float8, date '2024-01-01'), (NULL, '2024-01-02'), (3, NULL), (5, '2024-01-03')) x(v, d);
-- a NULL summary gives NULL from every accessor
SELECT num_points(NULL::trend), total(NULL::trend), mean(NULL::trend), stddev(NULL::trend),
	first_at(NULL::trend), last_at(NULL::trend), slope(NULL::trend), growth(NULL::trend),
	r2(NULL::trend), slope_stderr(NULL::trend), slope_interval(NULL::trend),
	forecast(NULL::trend, now()), forecast_interval(NULL::trend, now());
-- the empty summary (the aggregates' initial state)
SELECT num_points(t), total(t), mean(t), first_at(t), slope(t), r2(t)
FROM (SELECT 'n=0'::trend AS t) s;
-- one row: no spread, no line
SELECT trend_agg(v, d), num_points(trend_agg(v, d)), total(trend_agg(v, d)),
	mean(trend_agg(v, d)), stddev(trend_agg(v, d)), first_at(trend_agg(v, d)) = last_at(trend_agg(v, d)) AS same_time,
	slope(trend_agg(v, d)), r2(trend_agg(v, d)), forecast(trend_agg(v, d), date '2024-02-01')
FROM (VALUES (42::float8, date '2024-01-01')) x(v, d);
-- two rows: a line, but no interval
SELECT slope(t), r2(t), slope_stderr(t), slope_interval(t), forecast(t, date '2024-01-05'),
	forecast_interval(t, date '2024-01-05')
FROM (SELECT trend_agg(v, d) AS t FROM (VALUES (1::float8, date '2024-01-01'), (3, '2024-01-02')) x(v, d)) s;
-- all times equal: no line (NULL), but mean and stddev exist
SELECT num_points(t), mean(t), stddev(t), slope(t), growth(t), r2(t), slope_stderr(t),
	slope_interval(t), forecast(t, date '2024-01-01'), forecast_interval(t, date '2024-01-01')
FROM (SELECT trend_agg(v, date '2024-01-01') AS t FROM generate_series(1, 5) v) s;
-- values all equal: slope 0, r2 1 (as regr_r2), zero-width interval
SELECT slope(t), r2(t), slope_stderr(t), slope_interval(t), forecast_interval(t, date '2024-02-01'), growth(t)
FROM (SELECT trend_agg(7, date '2024-01-01' + i) AS t FROM generate_series(0, 9) i) s;
SELECT regr_r2(7, i) AS pg_regr_r2 FROM generate_series(0, 9) i;
-- mean 0: growth NULL
SELECT slope(t), mean(t), growth(t)
FROM (SELECT trend_agg(v, d) AS t FROM (VALUES (-1::float8, date '2024-01-01'), (0, '2024-01-02'), (1, '2024-01-03')) x(v, d)) s;
-- negative and huge values (1e15) keep full precision; slopes checked
-- against exact numeric arithmetic
CREATE TABLE tr_big AS
SELECT (CASE WHEN i % 2 = 0 THEN 1e15 ELSE -1e15 END + i * 1e9 + (i % 5))::float8 AS v,
	date '2024-01-01' + i * 3 AS d, i::numeric * 3 AS x
FROM generate_series(0, 99) i;
-- (the values are integers below 2^53: v::bigint is exact)
WITH e AS (
	SELECT sum((x - mx) * (v::bigint - mv)) / sum((x - mx) ^ 2) AS exact_slope,
		sum(v::bigint) AS exact_total, avg(v::bigint) AS exact_mean, avg(abs(v::bigint)) AS mean_abs
	FROM tr_big, (SELECT avg(x) AS mx, avg(v::bigint) AS mv FROM tr_big) m
)
SELECT abs(slope(t)::numeric - exact_slope) <= 1e-12 * abs(exact_slope) AS huge_slope_exact,
	total(t) = exact_total::float8 AS huge_total_exact,
	abs(mean(t)::numeric - exact_mean) <= 1e-15 * mean_abs AS huge_mean_close,
	round(exact_slope, 6) AS exact_slope
FROM (SELECT trend_agg(v, d) AS t FROM tr_big) s, e;
-- values near 1e9 on dates around 2024: the slope of a tiny trend survives
-- (v - 1e9 is exact in double precision and a multiple of 2^-23, so the
-- exact numeric value of each double is recovered below)
CREATE TABLE tr_1e9 AS
SELECT (1e9 + 0.001 * i + (i % 7) * 0.0001)::float8 AS v, date '2024-01-01' + i AS d, i::numeric AS x
FROM generate_series(0, 9999) i;
WITH xv AS (
	SELECT x, 1e9 + ((v - 1e9) * 8388608)::numeric / 8388608 AS y FROM tr_1e9
), e AS (
	SELECT sum((x - mx) * (y - my)) / sum((x - mx) ^ 2) AS exact_slope
	FROM xv, (SELECT avg(x) AS mx, avg(y) AS my FROM xv) m
)
SELECT abs(slope(t)::numeric - exact_slope) <= 1e-12 * abs(exact_slope) AS slope_1e9_exact,
	round(exact_slope, 9) AS exact_slope
FROM (SELECT trend_agg(v, d) AS t FROM tr_1e9) s, e;

-- errors: bad arguments and values
SELECT slope(trend_agg(v, d), '0 days') FROM tr_a;
SELECT growth(trend_agg(v, d), '-1 month') FROM tr_a;
SELECT slope_interval(trend_agg(v, d), 1) FROM tr_a;
SELECT slope_interval(trend_agg(v, d), 0) FROM tr_a;
SELECT forecast_interval(trend_agg(v, d), date '2024-02-01', 'NaN') FROM tr_a;
-- a bad confidence is an error even where the figure would be NULL
SELECT slope_interval(trend_agg(1, date '2024-01-01'), 1.5);
SELECT trend_agg('NaN', date '2024-01-01');
SELECT trend_agg('Infinity', date '2024-01-01');
SELECT trend_agg(1, 'infinity'::date);
SELECT trend_agg(1, '-infinity'::timestamptz);
SELECT trend_agg(v, d) FROM (VALUES (1e200::float8, date '2024-01-01'), (-1e200, '2024-01-02')) x(v, d);

-- text input: good text first, then bad text
SELECT 'n=2 first=2024-01-01 last=2024-01-02 t_ref=2024-01-01 v_ref=1 sum=3 t_mean=43200000000 v_mean=0.5 sxx=3.73248e+21 syy=0.5 sxy=43200000000'::trend;
SELECT 'n=2 first=2024-01-01T00:00:00Z last=2024-01-02T00:00:00Z t_ref=2024-01-01T00:00:00Z v_ref=1 sum=3 t_mean=43200000000 v_mean=0.5 sxx=3.73248e+21 syy=0.5 sxy=43200000000'::trend;
-- offsets are read and written back in UTC; white space is free
SELECT '  n=1   first=2024-01-01T03:00:00+03 last=2024-01-01 00:00Z t_ref=2024-01-01T00:00:00.000Z v_ref=-2500 sum=-2.5e3 t_mean=0 v_mean=0 sxx=0 syy=0 sxy=0  '::trend;
SELECT 'n=0'::trend, ' n=0 '::trend;
SELECT ''::trend;
SELECT 'garbage'::trend;
SELECT 'v1 n=0 ref=0 first=0 last=0 vref=0 sum=0 mt=0 mv=0 sxx=0 syy=0 sxy=0'::trend;
SELECT 'n=1 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=1 sum=1 t_mean=0 v_mean=0 sxx=0 syy=0'::trend;
SELECT 'n=1 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=1 sum=1 t_mean=0 v_mean=0 sxx=0 syy=0 sxy=0 extra'::trend;
SELECT 'n=0 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=1 sum=1 t_mean=0 v_mean=0 sxx=0 syy=0 sxy=0'::trend;
SELECT 'n=-1 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=1 sum=1 t_mean=0 v_mean=0 sxx=0 syy=0 sxy=0'::trend;
SELECT 'n=99999999999999999999 first=2024-01-01 last=2024-01-01 t_ref=2024-01-01 v_ref=1 sum=1 t_mean=0 v_mean=0 sxx=0 syy=0 sxy=0'::trend;
SELECT 'n=2 first=2000-01-01 last=2000-01-02 t_ref=2000-01-01 v_ref=1 sum=NaN t_mean=43200000000 v_mean=0.5 sxx=3.73248e+21 syy=0.5 sxy=43200000000'::trend;
SELECT 'n=2 first=2000-01-01 last=2000-01-02 t_ref=2000-01-01 v_ref=1 sum=3 t_mean=43200000000 v_mean=0.5 sxx=3.73248e+21 syy=1e999 sxy=43200000000'::trend;
-- one number grammar in every type: hexadecimal is refused
SELECT 'n=2 first=2000-01-01 last=2000-01-02 t_ref=2000-01-01 v_ref=1 sum=0x10 t_mean=43200000000 v_mean=0.5 sxx=3.73248e+21 syy=0.5 sxy=43200000000'::trend;
-- times of two kinds in one value
SELECT 'n=2 first=2000-01-01 last=2000-01-02T00:00:00Z t_ref=2000-01-01 v_ref=1 sum=3 t_mean=43200000000 v_mean=0.5 sxx=3.73248e+21 syy=0.5 sxy=43200000000'::trend;
SELECT 'n=2 first=2000-01-01 last=2000-02-30 t_ref=2000-01-01 v_ref=1 sum=3 t_mean=43200000000 v_mean=0.5 sxx=3.73248e+21 syy=0.5 sxy=43200000000'::trend;
SELECT 'n=2 first=2000-01-02 last=2000-01-01 t_ref=2000-01-01 v_ref=1 sum=3 t_mean=43200000000 v_mean=0.5 sxx=3.73248e+21 syy=0.5 sxy=43200000000'::trend;
SELECT 'n=2 first=2000-01-01 last=2000-01-02 t_ref=2000-01-01 v_ref=1 sum=3 t_mean=43200000000 v_mean=0.5 sxx=-3.73248e+21 syy=0.5 sxy=43200000000'::trend;
SELECT 'n=2 first=2000-01-01 last=2000-01-02 t_ref=2000-01-01 v_ref=1 sum=3 t_mean=43200000000 v_mean=0.5 sxx=3.73248e+21 syy=0.5 sxy=5e11'::trend;
SELECT 'n=2 first=2000-01-01 last=2000-01-02 t_ref=2000-01-01 v_ref=1 sum=3 t_mean=604800000000 v_mean=0.5 sxx=3.73248e+21 syy=0.5 sxy=43200000000'::trend;
SELECT 'n=2 first=2000-01-01 last=2000-01-02 t_ref=2000-01-01 v_ref=1 sum=30 t_mean=43200000000 v_mean=0.5 sxx=3.73248e+21 syy=0.5 sxy=43200000000'::trend;
SELECT 'n=1 first=2000-01-01 last=2000-01-01 t_ref=2000-01-01 v_ref=1 sum=1 t_mean=0 v_mean=0 sxx=0 syy=1 sxy=0'::trend;
SELECT 'n=2 first=2000-01-01 last=2000-01-01 t_ref=2000-01-01 v_ref=1 sum=3 t_mean=0 v_mean=0.5 sxx=1 syy=0.5 sxy=0'::trend;
SELECT 'n=1 first=294277-01-01 last=294277-01-01 t_ref=294277-01-01 v_ref=1 sum=1 t_mean=0 v_mean=0 sxx=0 syy=0 sxy=0'::trend;

-- text round trip is exact whatever extra_float_digits is
CREATE TABLE tr_sums AS
SELECT d < '2022-06-01' AS early, trend_agg(v * 1.1, d) AS t FROM tr_b GROUP BY 1;
SET extra_float_digits = 0;
SELECT bool_and(t::text::trend::text = t::text AND trend_send(t::text::trend) = trend_send(t)) AS exact_at_0 FROM tr_sums;
SET extra_float_digits = 3;
SELECT bool_and(t::text::trend::text = t::text AND trend_send(t::text::trend) = trend_send(t)) AS exact_at_3 FROM tr_sums;
SET extra_float_digits = -15;
SELECT bool_and(t::text::trend::text = t::text AND trend_send(t::text::trend) = trend_send(t)) AS exact_at_minus_15 FROM tr_sums;
SET extra_float_digits = 0;

-- binary: the bytes of send are pinned (version, flags, then four int64 and
-- seven float8, big-endian) ...
SELECT trend_send('n=2 first=2024-01-01 last=2024-01-02 t_ref=2024-01-01 v_ref=1 sum=3 t_mean=43200000000 v_mean=0.5 sxx=3.73248e+21 syy=0.5 sxy=43200000000'::trend);
SELECT trend_send('n=2 first=2024-01-01T00:00:00Z last=2024-01-02T00:00:00Z t_ref=2024-01-01T00:00:00Z v_ref=1 sum=3 t_mean=43200000000 v_mean=0.5 sxx=3.73248e+21 syy=0.5 sxy=43200000000'::trend);
SELECT length(trend_send('n=0')) AS empty_bytes;
-- ... and COPY (FORMAT binary) round-trips (through a file of this backend's own)
SELECT '/tmp/conflict_stats_trend_' || pg_backend_pid() || '.bin' AS binfile \gset
COPY tr_sums TO :'binfile' (FORMAT binary);
CREATE TABLE tr_sums2 (LIKE tr_sums);
COPY tr_sums2 FROM :'binfile' (FORMAT binary);
SELECT count(*) AS rows_back, bool_and(trend_send(a.t) = trend_send(b.t)) AS identical
FROM tr_sums a JOIN tr_sums2 b USING (early);
-- receive checks what input checks: bytes written as bytea, read as trend
CREATE TABLE tr_bytes (b bytea);
CREATE TABLE tr_recv (t trend);
-- an unknown version
INSERT INTO tr_bytes SELECT set_byte(trend_send(t), 0, 2) FROM tr_sums WHERE early;
COPY tr_bytes TO :'binfile' (FORMAT binary);
COPY tr_recv FROM :'binfile' (FORMAT binary);
TRUNCATE tr_bytes;
-- an unknown flag bit
INSERT INTO tr_bytes SELECT set_byte(trend_send(t), 1, 4) FROM tr_sums WHERE early;
COPY tr_bytes TO :'binfile' (FORMAT binary);
COPY tr_recv FROM :'binfile' (FORMAT binary);
TRUNCATE tr_bytes;
-- a negative count (bytes 2..9)
INSERT INTO tr_bytes SELECT set_byte(trend_send(t), 2, 255) FROM tr_sums WHERE early;
COPY tr_bytes TO :'binfile' (FORMAT binary);
COPY tr_recv FROM :'binfile' (FORMAT binary);
TRUNCATE tr_bytes;
-- a NaN in the sum of squares of values (bytes 74..81)
INSERT INTO tr_bytes
SELECT overlay(trend_send(t) placing '\x7ff8000000000000'::bytea from 75 for 8) FROM tr_sums WHERE early;
COPY tr_bytes TO :'binfile' (FORMAT binary);
COPY tr_recv FROM :'binfile' (FORMAT binary);
TRUNCATE tr_bytes;
-- a truncated value
INSERT INTO tr_bytes SELECT substr(trend_send(t), 1, 88) FROM tr_sums WHERE early;
COPY tr_bytes TO :'binfile' (FORMAT binary);
COPY tr_recv FROM :'binfile' (FORMAT binary);
SELECT count(*) AS accepted FROM tr_recv;
-- what trend_agg builds, input takes back: rows near 1e-170 that cancel,
-- whose squares underflow (syy is 0), through text, COPY and binary COPY
CREATE TABLE tr_keep AS SELECT conflict_stats.trend_agg(v, '2024-01-01'::date + o::int ORDER BY o) t
  FROM unnest('{0,-1e-170,1.0000000000001e-170}'::float8[]) WITH ORDINALITY u(v, o);
SELECT t::text::conflict_stats.trend::text = t::text AS text_back,
	trend_send(t::text::trend) = trend_send(t) AS same_bytes
FROM tr_keep;
CREATE TABLE tr_keep2 (LIKE tr_keep);
COPY tr_keep TO :'binfile';
COPY tr_keep2 FROM :'binfile';
COPY tr_keep TO :'binfile' (FORMAT binary);
COPY tr_keep2 FROM :'binfile' (FORMAT binary);
SELECT count(*) AS rows_back, bool_and(trend_send(a.t) = trend_send(b.t)) AS identical
FROM tr_keep a, tr_keep2 b;

-- rollup equals one pass
SELECT num_points(r) = num_points(o) AS n_eq, first_at(r) = first_at(o) AS first_eq,
	last_at(r) = last_at(o) AS last_eq, total(r) = total(o) AS total_eq,
	abs(slope(r) - slope(o)) <= 1e-12 * abs(slope(o)) AS slope_close,
	abs(r2(r) - r2(o)) <= 1e-12 AS r2_close,
	abs(stddev(r) - stddev(o)) <= 1e-12 * stddev(o) AS stddev_close,
	abs(slope_stderr(r) - slope_stderr(o)) <= 1e-9 * slope_stderr(o) AS stderr_close,
	abs(forecast(r, date '2030-01-01') - forecast(o, date '2030-01-01'))
		<= 1e-12 * abs(forecast(o, date '2030-01-01')) AS forecast_close
FROM (SELECT rollup(t) AS r FROM (SELECT trend_agg(v, d) AS t FROM tr_b GROUP BY date_trunc('month', d)) m) a,
	(SELECT trend_agg(v, d) AS o FROM tr_b) b;
-- rollup of rollups, with NULL summaries skipped
SELECT num_points(rollup(t)) FROM (
	SELECT rollup(t) AS t FROM (SELECT trend_agg(v, d) AS t FROM tr_b GROUP BY (d - date '2000-01-01') % 7) x GROUP BY num_points(t) % 2
	UNION ALL SELECT NULL) y;

-- Citus-style distributed aggregation: partial states shipped as text,
-- read back, combined, finalized
WITH parts AS (
	SELECT trend_agg(v, d)::text AS a FROM tr_b WHERE d < '2023-01-01'
), parts2 AS (
	SELECT trend_agg(v, d)::text AS b FROM tr_b WHERE d >= '2023-01-01'
), merged AS (
	SELECT trend_final(trend_combine(a::trend, b::trend)) AS m FROM parts, parts2
)
SELECT num_points(m) = num_points(o) AS n_eq, total(m) = total(o) AS total_eq,
	first_at(m) = first_at(o) AS first_eq, last_at(m) = last_at(o) AS last_eq,
	abs(slope(m) - slope(o)) <= 1e-12 * abs(slope(o)) AS slope_close,
	abs(r2(m) - r2(o)) <= 1e-12 AS r2_close
FROM merged, (SELECT trend_agg(v, d) AS o FROM tr_b) b;
-- combining with an empty state is the identity
SELECT trend_send(trend_combine(t, e)) = trend_send(t) AS right_identity,
	trend_send(trend_combine(e, t)) = trend_send(t) AS left_identity
FROM (SELECT trend_agg(v, d) AS t FROM tr_a) s,
	(SELECT 'n=0'::trend AS e) z;

-- window frames: the moving mode (inverse transition) gives what
-- recomputing every frame gives (a volatile argument forces recomputation)
CREATE TABLE tr_w AS
SELECT i, date '1990-01-01' + i AS d,
	(CASE WHEN i BETWEEN 5000 AND 5002 THEN 1e15     -- a spike that leaves the frame
		  WHEN i BETWEEN 8000 AND 8100 THEN 42       -- a constant stretch
		  ELSE 1e9 + 1000 * sin(i) + 0.5 * i END)::float8 AS v,
	date '1990-01-01' + (i * 7919) % 20000 AS shuffled
FROM generate_series(0, 19999) i;
CREATE TEMP TABLE tr_wcmp AS
SELECT i,
	trend_agg(v, d) OVER w AS m,
	trend_agg(v + 0 * random(), d) OVER w AS r
FROM tr_w WINDOW w AS (ORDER BY i ROWS 29 PRECEDING);
SELECT count(*) AS frames,
	bool_and(num_points(m) = num_points(r)) AS n_eq,
	bool_and(first_at(m) = first_at(r) AND last_at(m) = last_at(r)) AS times_eq,
	bool_and(abs(slope(m) - slope(r)) <= 1e-9 * (abs(slope(r)) + sqrt(stddev(r) ^ 2 * 29 / 2247.5))
		OR (slope(m) IS NULL AND slope(r) IS NULL)) AS slope_close,
	bool_and(abs(mean(m) - mean(r)) <= 1e-9 * (abs(mean(r)) + coalesce(stddev(r), 0))) AS mean_close,
	bool_and(abs(total(m) - total(r)) <= 1e-9 * (abs(total(r)) + num_points(r) * coalesce(stddev(r), 0))) AS total_close,
	bool_and(abs(stddev(m) - stddev(r)) <= 1e-9 * stddev(r) OR stddev(m) = stddev(r)) AS stddev_close,
	bool_and(abs(r2(m) - r2(r)) <= 1e-9 OR (r2(m) IS NULL AND r2(r) IS NULL)) AS r2_close
FROM tr_wcmp;
-- every window result is a valid summary whose text reads back
SELECT bool_and(m::text::trend::text = m::text) AS window_text_round_trip FROM tr_wcmp;
-- the timestamptz overload in a moving frame, times of day included
SELECT count(*) AS frames,
	bool_and(num_points(m) = num_points(r) AND first_at(m) = first_at(r) AND last_at(m) = last_at(r)) AS same_rows,
	bool_and(abs(slope(m) - slope(r)) <= 1e-9 * (abs(slope(r)) + sqrt(stddev(r) ^ 2 * 29 / 2247.5) * 24)
		OR (slope(m) IS NULL AND slope(r) IS NULL)) AS slope_close
FROM (SELECT trend_agg(v, ts) OVER w AS m, trend_agg(v + 0 * random(), ts) OVER w AS r
	  FROM (SELECT i, v, timestamptz '2024-01-01 00:00+00' + i * interval '1 hour' AS ts FROM tr_w) x
	  WINDOW w AS (ORDER BY i ROWS 29 PRECEDING)) s;
-- many rows per day: frames whose times are all equal have no slope, exactly
-- as recomputation finds
SELECT count(*) FILTER (WHERE slope(m) IS NULL) AS frames_without_slope,
	bool_and((slope(m) IS NULL) = (slope(r) IS NULL)) AS null_slopes_agree,
	bool_and(abs(slope(m) - slope(r)) <= 1e-9 * (abs(slope(r)) + sqrt(stddev(r) ^ 2 * 29))
		OR slope(r) IS NULL) AS slope_close
FROM (SELECT trend_agg(v, d) OVER w AS m, trend_agg(v + 0 * random(), d) OVER w AS r
	  FROM (SELECT i, v, date '2024-01-01' + i / 50 AS d FROM tr_w WHERE i < 5000) x
	  WINDOW w AS (ORDER BY i ROWS 29 PRECEDING)) s;
-- the constant stretch gives slope 0 and r2 1 exactly, as recomputation does
SELECT slope(m), r2(m), stddev(m) FROM tr_wcmp WHERE i = 8100;
-- frames whose rows are not in time order: first_at and last_at are exact
SELECT bool_and(first_at(m) = lo AND last_at(m) = hi) AS min_max_exact,
	bool_and(abs(slope(m) - slope(r)) <= 1e-9 * (abs(slope(r)) + 1)) AS slope_close
FROM (SELECT trend_agg(v, shuffled) OVER w AS m,
		trend_agg(v + 0 * random(), shuffled) OVER w AS r,
		min(shuffled) OVER w::timestamptz AS lo,
		max(shuffled) OVER w::timestamptz AS hi
	  FROM tr_w WINDOW w AS (ORDER BY i ROWS BETWEEN 99 PRECEDING AND 5 FOLLOWING)) s;
-- a RANGE frame over dates, NULL rows inside the frame, and slope against
-- regr_slope (on values near 0: regr_slope's raw sums lose digits near 1e9)
SELECT bool_and(abs(slope(t) - rs) <= 1e-9 * (abs(rs) + 1) OR (slope(t) IS NULL AND rs IS NULL)) AS matches_regr_slope,
	bool_and(num_points(t) = c) AS counts_eq
FROM (SELECT trend_agg(y, d) OVER w AS t,
		regr_slope(y, extract(epoch FROM d::timestamp)::float8 / 86400) OVER w AS rs,
		count(y) OVER w AS c
	  FROM (SELECT *, CASE WHEN i % 10 = 3 THEN NULL ELSE v - 1e9 END AS y FROM tr_w WHERE i < 4000) w0
	  WINDOW w AS (ORDER BY d RANGE BETWEEN '6 days' PRECEDING AND CURRENT ROW)) s;
-- a growing frame (the ordinary transition, updated in place)
SELECT bool_and(num_points(t) = c AND (abs(slope(t) - rs) <= 1e-9 * (abs(rs) + 1) OR (c < 2 AND slope(t) IS NULL))) AS running_ok
FROM (SELECT trend_agg(v, d) OVER w AS t, count(*) OVER w AS c,
		regr_slope(v, extract(epoch FROM d::timestamp)::float8 / 86400) OVER w AS rs
	  FROM tr_a WINDOW w AS (ORDER BY d ROWS UNBOUNDED PRECEDING)) s;
-- a frame that empties: NULL there, as an empty aggregate
SELECT i, trend_agg(v, d) OVER (ORDER BY i ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) IS NULL AS empty_frame
FROM tr_w WHERE i >= 19997 ORDER BY i;

-- parallel aggregation: forced plan, same answer as serial
CREATE TABLE tr_par AS
SELECT (500 + (i % 1000) * 0.75 + (i * 7919) % 101)::float8 AS v, date '2020-01-01' + (i % 1500) AS d
FROM generate_series(1, 200000) i;
ANALYZE tr_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT trend_agg(v, d) FROM tr_par;
CREATE TEMP TABLE tr_par_result AS SELECT trend_agg(v, d) AS p FROM tr_par;
EXPLAIN (COSTS OFF) SELECT rollup(t) FROM tr_sums;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;
SELECT num_points(p) = num_points(s) AS n_eq, total(p) = total(s) AS total_eq,
	first_at(p) = first_at(s) AND last_at(p) = last_at(s) AS times_eq,
	abs(slope(p) - slope(s)) <= 1e-12 * abs(slope(s)) AS slope_close,
	abs(r2(p) - r2(s)) <= 1e-12 AS r2_close,
	abs(stddev(p) - stddev(s)) <= 1e-12 * stddev(s) AS stddev_close
FROM tr_par_result, (SELECT trend_agg(v, d) AS s FROM tr_par) x;
RESET max_parallel_workers_per_gather;

-- summaries are ordinary values: stored, grouped, rolled up later
CREATE TABLE tr_monthly AS
SELECT date_trunc('month', d)::date AS month, trend_agg(v, d) AS t FROM tr_b GROUP BY 1;
SELECT month, num_points(t), round(slope(t)::numeric, 4) AS slope
FROM tr_monthly ORDER BY month LIMIT 3;
SELECT num_points(rollup(t)) FROM tr_monthly;

DROP TABLE tr_a, tr_utc, tr_b, tr_big, tr_1e9, tr_sums, tr_sums2, tr_bytes, tr_recv, tr_keep, tr_keep2, tr_w, tr_par, tr_monthly;
