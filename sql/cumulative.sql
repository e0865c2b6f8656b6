--
-- The cumulative summary of running totals
--
SET search_path = public, conflict_stats;
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';

-- helpers: the SQLSTATE, message and detail of a failing statement, and
-- closeness of two doubles (both NULL counts as close)
CREATE FUNCTION pg_temp.try(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text; det text; r text;
BEGIN
	EXECUTE q INTO r;
	RETURN coalesce(r, 'NULL');
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
	RETURN st || ' ' || msg || ' | ' || det;
END
$$;
CREATE FUNCTION pg_temp.close(a float8, b float8, tol float8 DEFAULT 1e-9) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT (a IS NULL AND b IS NULL)
		OR abs(a - b) <= tol * greatest(abs(a), abs(b), 1e-300)
$$;

-- reports as sources publish them: irregular dates, input order scrambled,
-- two reports on one day (the larger counts), a downward revision
CREATE TABLE claims (total float8, day date);
INSERT INTO claims VALUES
	(600000, '2024-10-09'), (350000, '2024-02-20'), (500000, '2024-07-01'),
	(315000, '2023-12-12'), (540000, '2024-09-01'), (420000, '2024-04-30'),
	(350500, '2024-02-20'), (345000, '2024-03-01'), (NULL, '2024-05-01'),
	(999999, NULL);

-- every accessor
SELECT num_reports(c), first_at(c), last_at(c), first_total(c), last_total(c),
	   delta(c), round(rate(c)::numeric, 6) AS rate,
	   round(rate(c, '1 month')::numeric, 4) AS rate_month,
	   round(fitted_rate(c)::numeric, 6) AS fitted_rate,
	   round(fitted_rate(c, '1 week')::numeric, 4) AS fitted_week,
	   round(acceleration(c)::numeric, 8) AS acceleration,
	   round(acceleration(c, '30 days')::numeric, 4) AS accel_month,
	   time_to_reach(c, 700000) AS reach_700k
FROM (SELECT cumulative_agg(total, day) AS c FROM claims) s;

-- fitted_rate is regr_slope of total on days; per scales as extract(epoch)
SELECT pg_temp.close(fitted_rate(cumulative_agg(total, day)),
					 regr_slope(total, extract(epoch FROM day::timestamptz) / 86400)) AS fitted_is_regr_slope,
	   pg_temp.close(fitted_rate(cumulative_agg(total, day), '1 year'),
					 365.25 * fitted_rate(cumulative_agg(total, day))) AS year_is_365_25_days,
	   pg_temp.close(rate(cumulative_agg(total, day), '1 month'),
					 30 * rate(cumulative_agg(total, day))) AS month_is_30_days,
	   pg_temp.close(rate(cumulative_agg(total, day), '36 hours'),
					 1.5 * rate(cumulative_agg(total, day))) AS hours
FROM claims;

-- input order does not matter
SELECT num_reports(a) = num_reports(d) AS same_n,
	   first_total(a) = first_total(d) AND last_total(a) = last_total(d) AS same_ends,
	   pg_temp.close(fitted_rate(a), fitted_rate(d)) AS same_fit,
	   pg_temp.close(acceleration(a), acceleration(d), 1e-7) AS same_accel
FROM (SELECT cumulative_agg(total, day ORDER BY day, total) AS a,
			 cumulative_agg(total, day ORDER BY day DESC, total DESC) AS d FROM claims) s;

-- a summary of dates is a calendar value (its text shows dates), one of
-- timestamptz values an instant value ('Z'); in a UTC session their figures agree
SELECT cumulative_agg(total, day) AS calendar, cumulative_agg(total, day::timestamptz) AS instant
FROM claims WHERE day <= '2024-01-02';
SELECT rate(c) = rate(i) AND fitted_rate(c) = fitted_rate(i) AND acceleration(c) = acceleration(i)
	AND first_at(c) = first_at(i) AND last_at(c) = last_at(i) AS figures_agree
FROM (SELECT cumulative_agg(total, day) AS c, cumulative_agg(total, day::timestamptz) AS i FROM claims) s;
-- the two kinds do not combine
SELECT rollup(c) FROM (SELECT cumulative_agg(total, day) AS c FROM claims
	UNION ALL SELECT cumulative_agg(total, day::timestamptz) FROM claims) s;

-- a quadratic in time, dates around 2024 and totals near 1e9: the fits are exact
CREATE TABLE quad AS
SELECT d::date AS day, 1e9 + 1000 * (d::date - date '2024-01-01') + 2 * (d::date - date '2024-01-01')^2 AS total
FROM generate_series(date '2024-01-01', date '2024-12-31', '3 days') d;
SELECT round(acceleration(c)::numeric, 6) AS accel, round(acceleration(c, '1 week')::numeric, 4) AS accel_week,
	   pg_temp.close(fitted_rate(c), (SELECT regr_slope(total, day - date '2000-01-01') FROM quad)) AS fitted_is_regr_slope,
	   round(rate(c)::numeric, 6) AS rate
FROM (SELECT cumulative_agg(total, day) AS c FROM quad) s;
-- the same quadratic at timestamps with microseconds
SELECT round(acceleration(cumulative_agg(total, day + time '06:00:00.000001'))::numeric, 6) AS accel
FROM quad;

-- edge cases
-- no rows: a NULL summary, and every accessor gives NULL
SELECT c IS NULL AS is_null, num_reports(c), first_at(c), last_at(c), first_total(c), last_total(c),
	   delta(c), rate(c), fitted_rate(c), acceleration(c), time_to_reach(c, 1)
FROM (SELECT cumulative_agg(total, day) AS c FROM claims WHERE false) s;
SELECT cumulative_agg(NULL::float8, NULL::date) IS NULL AS only_null_rows;
-- one report: no rate, no fit
SELECT c, num_reports(c), delta(c), rate(c), fitted_rate(c), acceleration(c), time_to_reach(c, 1e6)
FROM (SELECT cumulative_agg(600000, date '2024-10-09') AS c) s;
-- all reports at one instant: the larger total is both first and last
SELECT c, num_reports(c), first_total(c), last_total(c), delta(c), rate(c), fitted_rate(c), acceleration(c)
FROM (SELECT cumulative_agg(v, timestamptz '2024-10-09 12:00+00') AS c FROM unnest(ARRAY[5, 9, 7]::float8[]) v) s;
-- two times: a rate and a line, no quadratic
SELECT rate(c), fitted_rate(c), acceleration(c), time_to_reach(c, 400)
FROM (SELECT cumulative_agg(v, d) AS c FROM (VALUES (100::float8, date '2024-01-01'), (200, '2024-01-02'), (150, '2024-01-01')) t(v, d)) s;
-- ties at both ends keep the larger total, whatever the order
SELECT first_total(c), last_total(c), delta(c), num_reports(c)
FROM (SELECT cumulative_agg(v, d ORDER BY v DESC) AS c FROM (VALUES (10::float8, date '2024-01-01'), (30, '2024-01-01'), (20, '2024-01-01'),
	  (50, '2024-02-01'), (70, '2024-02-01'), (60, '2024-02-01')) t(v, d)) s;
-- revisions downward: a negative rate, never reached
SELECT delta(c), rate(c), round(fitted_rate(c)::numeric, 6) AS fitted_rate, time_to_reach(c, 1000), time_to_reach(c, 10)
FROM (SELECT cumulative_agg(v, d) AS c FROM (VALUES (500::float8, date '2024-01-01'), (480, '2024-01-11'), (300, '2024-01-21')) t(v, d)) s;
-- target not above the last total
SELECT time_to_reach(c, 200) AS at_last, time_to_reach(c, 199) AS below, time_to_reach(c, 'NaN') AS nan
FROM (SELECT cumulative_agg(v, d) AS c FROM (VALUES (100::float8, date '2024-01-01'), (200, '2024-01-02')) t(v, d)) s;
-- negative and huge totals
SELECT first_total(c), last_total(c), rate(c), round(fitted_rate(c)::numeric, 6) AS fitted_rate
FROM (SELECT cumulative_agg(v, d) AS c FROM (VALUES (-300::float8, date '2024-01-01'), (-200, '2024-01-11'), (-100, '2024-01-21')) t(v, d)) s;
SELECT first_total(c), last_total(c), round((rate(c) / 1e295)::numeric, 6) AS rate_e295,
	   pg_temp.close(fitted_rate(c), 1e300 / 20 * 1.5) AS fitted
FROM (SELECT cumulative_agg(v, d) AS c FROM (VALUES (1e300::float8, date '2024-01-01'), (1.5e300, '2024-01-11'), (2.5e300, '2024-01-21')) t(v, d)) s;
SELECT pg_temp.try($$SELECT cumulative_agg(v, d)::text FROM (VALUES (-1.7e308::float8, date '2024-01-01'), (1.7e308, '2024-01-11'), (0, '2024-01-21')) t(v, d)$$) AS overflow;
SELECT pg_temp.try($$SELECT delta(cumulative_agg(v, d))::text FROM (VALUES (-1.7e308::float8, date '2024-01-01'), (1.7e308, '2024-01-11')) t(v, d)$$) AS delta_overflow;
-- bad rows and arguments
SELECT pg_temp.try($$SELECT cumulative_agg('NaN'::float8, date '2024-01-01')::text$$) AS nan_total;
SELECT pg_temp.try($$SELECT cumulative_agg('Infinity'::float8, now())::text$$) AS infinite_total;
SELECT pg_temp.try($$SELECT cumulative_agg(1, 'infinity'::date)::text$$) AS infinite_date;
SELECT pg_temp.try($$SELECT cumulative_agg(1, '-infinity'::timestamptz)::text$$) AS infinite_timestamp;
SELECT pg_temp.try($$SELECT rate(cumulative_agg(total, day), '0 days')::text FROM claims$$) AS zero_per;
SELECT pg_temp.try($$SELECT fitted_rate(cumulative_agg(total, day), '-1 month')::text FROM claims$$) AS negative_per;
SELECT pg_temp.try($$SELECT time_to_reach(cumulative_agg(v, d), 1e300)::text FROM (VALUES (1::float8, date '2024-01-01'), (2, '2024-01-02')) t(v, d)$$) AS past_timestamptz;
SELECT rate(NULL::cumulative), fitted_rate(NULL::cumulative, '1 day'), acceleration(NULL, NULL), time_to_reach(NULL, 5);

-- text form: good input first, then bad input
-- three reports, 2024-01-01 to 2024-01-03, totals 100, 200, 300
CREATE TABLE cum_good AS SELECT 'n=3 first_at=2024-01-01T00:00:00Z first_total=100 last_at=2024-01-03T00:00:00Z last_total=300 interior=1 t_ref=2024-01-01T00:00:00Z y_ref=100 t_mean=1 y_mean=100 t_m2=2 t_m3=0 t_m4=2 ty_c=200 t2y_c=0'::text AS good;
SELECT good::cumulative AS three_reports, fitted_rate(good::cumulative), acceleration(good::cumulative) FROM cum_good;
SELECT 'n=1 first_at=2024-10-09T00:00:00Z first_total=600000 last_at=2024-10-09T00:00:00Z last_total=600000 interior=0 t_ref=2024-10-09T00:00:00Z y_ref=600000 t_mean=0 y_mean=0 t_m2=0 t_m3=0 t_m4=0 ty_c=0 t2y_c=0'::cumulative AS one_report;
SELECT '  n=2   first_at=-4713-11-24T00:00:00Z first_total=-1.5 last_at=294276-12-31T23:59:59.999999Z last_total=1e+300
	interior=0 t_ref=-4713-11-24T00:00:00Z y_ref=-1.5 t_mean=1000 y_mean=0.25 t_m2=1e-300 t_m3=-7 t_m4=5e-324 ty_c=3 t2y_c=-0 '::cumulative AS extremes;
-- (the message quotes the whole input, shown here as "...")
SELECT d AS case, regexp_replace(pg_temp.try(format('SELECT %L::cumulative::text', x)), ': ".*" \|', ': "..." |') AS result
FROM cum_good, LATERAL (VALUES
	('empty', ''),
	('cut short', 'n=3'),
	('trailing text', good || ' extra'),
	('keys out of order', replace(good, 'ty_c=200 t2y_c=0', 't2y_c=0 ty_c=200')),
	('no space between items', replace(good, 'n=3 ', 'n=3')),
	('negative count', replace(good, 'n=3', 'n=-3')),
	('zero count', replace(good, 'n=3', 'n=0')),
	('count too large', replace(good, 'n=3', 'n=99999999999999999999')),
	('no such date', replace(good, 'first_at=2024-01-01', 'first_at=2024-02-30')),
	('no such time of day', replace(good, 'first_at=2024-01-01T00:00:00Z', 'first_at=2024-01-01T24:00:00Z')),
	('a calendar time among instants', replace(good, 'first_at=2024-01-01T00:00:00Z', 'first_at=2024-01-01')),
	('time after the timestamptz range', replace(good, 'last_at=2024-01-03', 'last_at=294277-01-01')),
	('time before the timestamptz range', replace(good, 'first_at=2024-01-01T00:00:00Z', 'first_at=-4713-11-23T23:59:59Z')),
	('NaN', replace(good, 'first_total=100', 'first_total=NaN')),
	('infinity', replace(good, 't_m4=2', 't_m4=Infinity')),
	('number too large', replace(good, 't_m4=2', 't_m4=1e999')),
	('hexadecimal number', replace(good, 't_m4=2', 't_m4=0x10')),
	('flag not 0 or 1', replace(good, 'interior=1', 'interior=2')),
	('one report with two times', replace(replace(good, 'n=3', 'n=1'), 'interior=1', 'interior=0')),
	('interior with two reports', replace(good, 'n=3', 'n=2')),
	('first after last', replace(replace(good, 'first_at=2024-01-01', 'first_at=2024-01-05'), 't_ref=2024-01-01', 't_ref=2024-01-03')),
	('one instant with a spread', replace(replace(replace(good, 'last_at=2024-01-03', 'last_at=2024-01-01'), 'last_total=300', 'last_total=100'), 'interior=1', 'interior=0')),
	('reference outside the span', replace(good, 't_ref=2024-01-01', 't_ref=2023-12-31')),
	('mean outside the span', replace(good, 't_mean=1', 't_mean=5')),
	('negative sum of squares', replace(good, 't_m2=2', 't_m2=-2'))
) v(d, x);

-- the text form reads back bit for bit whatever extra_float_digits is
CREATE TABLE cum_rt AS
SELECT g, cumulative_agg(total * (1 + g / 7.0) + 0.1, day + g) AS c
FROM claims, generate_series(0, 4) g GROUP BY g;
SET extra_float_digits = 0;
CREATE TABLE cum_rt_text0 AS SELECT g, c::text AS t FROM cum_rt;
SET extra_float_digits = 3;
CREATE TABLE cum_rt_text3 AS SELECT g, c::text AS t FROM cum_rt;
RESET extra_float_digits;
SELECT count(*) AS summaries,
	   count(*) FILTER (WHERE cumulative_send(r.c) = cumulative_send(t0.t::cumulative)) AS exact_under_0,
	   count(*) FILTER (WHERE cumulative_send(r.c) = cumulative_send(t3.t::cumulative)) AS exact_under_3,
	   count(*) FILTER (WHERE t0.t = t3.t) AS same_text
FROM cum_rt r JOIN cum_rt_text0 t0 USING (g) JOIN cum_rt_text3 t3 USING (g);

-- binary form: pinned bytes, COPY BINARY out and back
SELECT cumulative_send(good::cumulative) AS bytes FROM cum_good;
CREATE TABLE cum_bin (g int, c cumulative);
COPY (SELECT g, c FROM cum_rt ORDER BY g) TO '/tmp/conflict_stats_cum.bin' (FORMAT binary);
COPY cum_bin FROM '/tmp/conflict_stats_cum.bin' (FORMAT binary);
SELECT count(*) AS copied, count(*) FILTER (WHERE cumulative_send(b.c) = cumulative_send(r.c)) AS identical
FROM cum_bin b JOIN cum_rt r USING (g);

-- receive rejects what in rejects: bytes written as bytea, read back as cumulative
CREATE TABLE cum_recv (c cumulative);
CREATE FUNCTION pg_temp.try_recv(b bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text; det text; r text;
BEGIN
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', b, '/tmp/conflict_stats_cum_recv.bin');
	TRUNCATE cum_recv;
	EXECUTE format('COPY cum_recv FROM %L (FORMAT binary)', '/tmp/conflict_stats_cum_recv.bin');
	SELECT c::text INTO r FROM cum_recv;
	RETURN r;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
	RETURN st || ' ' || msg || ' | ' || det;
END
$$;
-- byte offsets (from 1): version 1, flags 2, n 3, first_at 11, last_at 19,
-- t_ref 27, first_total 35, last_total 43, y_ref 51, t_mean 59, y_mean 67,
-- t_m2 75, t_m3 83, t_m4 91, ty_c 99, t2y_c 107; 114 bytes
SELECT d AS case, pg_temp.try_recv(b) AS result
FROM (SELECT cumulative_send(good::cumulative) AS g FROM cum_good) s, LATERAL (VALUES
	('good', g),
	('version 2', set_byte(g, 0, 2)),
	('reserved flag', set_byte(g, 1, 4)),
	('negative count', overlay(g PLACING '\xfffffffffffffffd' FROM 3 FOR 8)),
	('interior with two reports', overlay(g PLACING '\x0000000000000002' FROM 3 FOR 8)),
	('first after last', overlay(overlay(g PLACING substring(g FROM 19 FOR 8) FROM 11 FOR 8) PLACING substring(g FROM 11 FOR 8) FROM 19 FOR 8)),
	('time out of range', overlay(g PLACING '\x7fffffffffffffff' FROM 19 FOR 8)),
	('NaN moment', overlay(g PLACING '\x7ff8000000000000' FROM 91 FOR 8)),
	('infinite total', overlay(g PLACING '\xfff0000000000000' FROM 43 FOR 8)),
	('negative sum of squares', overlay(g PLACING '\xc000000000000000' FROM 75 FOR 8)),
	('short', substring(g FROM 1 FOR 20)),
	('trailing byte', g || '\x00'::bytea)
) v(d, b);

-- as a window aggregate: running figures, and a moving frame of three reports
SELECT day, num_reports(c), first_total(c), last_total(c), round(rate(c)::numeric, 3) AS rate,
	   round(fitted_rate(c)::numeric, 3) AS fitted_rate, round(acceleration(c)::numeric, 5) AS acceleration,
	   round(rate(m)::numeric, 3) AS rate_3
FROM (SELECT day, cumulative_agg(total, day) OVER (ORDER BY day, total) AS c,
			 cumulative_agg(total, day) OVER (ORDER BY day, total ROWS 2 PRECEDING) AS m
	  FROM claims WHERE total IS NOT NULL AND day IS NOT NULL) s
ORDER BY day, num_reports(c);

-- rollup of stored summaries equals one pass over the rows
CREATE TABLE daily AS
SELECT day, 1000 * (day - date '2024-01-01') + 0.01 * (day - date '2024-01-01')^2 + 500 * sin(day - date '2024-01-01') AS total
FROM (SELECT g::date AS day FROM generate_series(date '2024-01-01', date '2024-12-31', '1 day') g) d;
CREATE TABLE monthly AS
SELECT date_trunc('month', day) AS month, cumulative_agg(total, day) AS c FROM daily GROUP BY 1;
SELECT num_reports(r) = num_reports(o) AS same_n,
	   first_at(r) = first_at(o) AND last_at(r) = last_at(o) AS same_times,
	   first_total(r) = first_total(o) AND last_total(r) = last_total(o) AS same_totals,
	   rate(r) = rate(o) AS same_rate,
	   pg_temp.close(fitted_rate(r), fitted_rate(o)) AS same_fit,
	   pg_temp.close(acceleration(r), acceleration(o), 1e-8) AS same_accel,
	   round(fitted_rate(o)::numeric, 4) AS fitted_rate, round(acceleration(o)::numeric, 4) AS acceleration
FROM (SELECT rollup(c) AS r FROM monthly) a, (SELECT cumulative_agg(total, day) AS o FROM daily) b;
SELECT rollup(c) IS NULL AS rollup_of_nothing FROM monthly WHERE false;
SELECT num_reports(rollup(c)) FROM (SELECT c FROM monthly UNION ALL SELECT NULL) s;
-- the combine function called directly leaves its arguments alone
SELECT num_reports(cumulative_combine(a, b)) AS merged, num_reports(a) AS a, num_reports(b) AS b,
	   num_reports(cumulative_combine(NULL, b)) AS null_left, num_reports(cumulative_combine(a, NULL)) AS null_right,
	   cumulative_combine(NULL, NULL) IS NULL AS both_null
FROM (SELECT c AS a FROM monthly ORDER BY month LIMIT 1) x, (SELECT c AS b FROM monthly ORDER BY month DESC LIMIT 1) y;

-- a forced parallel plan equals the serial answer
CREATE TABLE cum_par AS
SELECT i % 5 AS g, 1e9 + 1200 * i + 0.001 * i * i + (i::bigint * 7919 % 1000) AS total,
	   timestamptz '2022-02-24 00:00+00' + i * interval '17 minutes' AS at
FROM generate_series(1, 200000) i;
ANALYZE cum_par;
CREATE TABLE cum_serial AS SELECT g, cumulative_agg(total, at) AS c FROM cum_par GROUP BY g;
CREATE TABLE cum_serial_all AS SELECT cumulative_agg(total, at) AS c FROM cum_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT g, cumulative_agg(total, at) FROM cum_par GROUP BY g;
EXPLAIN (COSTS OFF) SELECT cumulative_agg(total, at) FROM cum_par;
CREATE TABLE cum_parallel AS SELECT g, cumulative_agg(total, at) AS c FROM cum_par GROUP BY g;
CREATE TABLE cum_parallel_all AS SELECT cumulative_agg(total, at) AS c FROM cum_par;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SELECT count(*) AS groups,
	   count(*) FILTER (WHERE num_reports(s.c) = num_reports(p.c) AND first_at(s.c) = first_at(p.c)
						AND last_at(s.c) = last_at(p.c) AND first_total(s.c) = first_total(p.c)
						AND last_total(s.c) = last_total(p.c) AND rate(s.c) = rate(p.c)) AS same_ends,
	   count(*) FILTER (WHERE pg_temp.close(fitted_rate(s.c), fitted_rate(p.c))) AS same_fit,
	   count(*) FILTER (WHERE pg_temp.close(acceleration(s.c), acceleration(p.c), 1e-7)) AS same_accel
FROM cum_serial s JOIN cum_parallel p USING (g);
SELECT num_reports(s.c) = num_reports(p.c) AS same_n, rate(s.c) = rate(p.c) AS same_rate,
	   pg_temp.close(fitted_rate(s.c), fitted_rate(p.c)) AS same_fit,
	   pg_temp.close(acceleration(s.c), acceleration(p.c), 1e-7) AS same_accel,
	   pg_temp.close(fitted_rate(s.c), (SELECT regr_slope(total, extract(epoch FROM at) / 86400) FROM cum_par)) AS fit_is_regr_slope,
	   round(acceleration(s.c)::numeric, 4) AS acceleration
FROM cum_serial_all s, cum_parallel_all p;

-- distributed (Citus-style): partial states shipped as text, combined, finished
WITH a AS (SELECT cumulative_agg(total, at)::text AS t FROM cum_par WHERE g < 2),
	 b AS (SELECT cumulative_agg(total, at)::text AS t FROM cum_par WHERE g >= 2),
	 m AS (SELECT cumulative_combine(a.t::cumulative, b.t::cumulative) AS c FROM a, b)
SELECT num_reports(m.c) = num_reports(s.c) AS same_n,
	   first_at(m.c) = first_at(s.c) AND last_at(m.c) = last_at(s.c) AS same_times,
	   rate(m.c) = rate(s.c) AS same_rate,
	   pg_temp.close(fitted_rate(m.c), fitted_rate(s.c)) AS same_fit,
	   pg_temp.close(acceleration(m.c), acceleration(s.c), 1e-7) AS same_accel
FROM m, cum_serial_all s;

-- partitionwise: one partial summary per partition, merged, equals the serial answer
CREATE TABLE cum_parts (g int, total float8, at timestamptz) PARTITION BY LIST (g);
CREATE TABLE cum_parts_low PARTITION OF cum_parts FOR VALUES IN (0, 1);
CREATE TABLE cum_parts_high PARTITION OF cum_parts FOR VALUES IN (2, 3, 4);
INSERT INTO cum_parts SELECT g, total, at FROM cum_par;
ANALYZE cum_parts;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT cumulative_agg(total, at) FROM cum_parts;
CREATE TABLE cum_by_part AS SELECT cumulative_agg(total, at) AS c FROM cum_parts;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
SELECT num_reports(m.c) = num_reports(s.c) AS same_n,
	   first_at(m.c) = first_at(s.c) AND last_at(m.c) = last_at(s.c) AS same_times,
	   rate(m.c) = rate(s.c) AS same_rate,
	   pg_temp.close(fitted_rate(m.c), fitted_rate(s.c)) AS same_fit,
	   pg_temp.close(acceleration(m.c), acceleration(s.c), 1e-7) AS same_accel
FROM cum_by_part m, cum_serial_all s;

DROP TABLE claims, quad, cum_good, cum_rt, cum_rt_text0, cum_rt_text3, cum_bin, cum_recv, daily, monthly,
	cum_par, cum_serial, cum_serial_all, cum_parallel, cum_parallel_all, cum_parts, cum_by_part;
