--
-- Losses against gains: cost_per_gain and elasticity
--
SET search_path = public, conflict_stats;

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

-- casualties against square kilometres taken, month by month
CREATE TABLE front (month date, casualties float8, km2 float8);
INSERT INTO front VALUES
	('2024-05-01', 35000, 150), ('2024-06-01', 36000, 200), ('2024-07-01', 38000, 400),
	('2024-08-01', 40000, 450), ('2024-09-01', 42000, 480), ('2024-10-01', 41000, 500),
	('2024-11-01', 45000, 725), ('2024-12-01', NULL, 300), ('2025-01-01', 30000, NULL);

-- cost_per_gain is sum(losses) / sum(gained), each column's NULLs skipped as sum() does
SELECT round(cost_per_gain(casualties, km2)::numeric, 6) AS cost_per_km2,
	   round((sum(casualties) / sum(km2))::numeric, 6) AS by_hand,
	   pg_temp.close(cost_per_gain(casualties, km2), sum(casualties) / sum(km2)) AS same
FROM front;
-- elasticity is the least-squares slope of ln(losses) on ln(gained)
SELECT round(elasticity(casualties, km2)::numeric, 6) AS elasticity,
	   pg_temp.close(elasticity(casualties, km2), regr_slope(ln(casualties), ln(km2))) AS is_regr_slope_of_logs
FROM front;
-- a power law losses = 7 * gained^1.5 has elasticity 1.5
SELECT round(elasticity(7 * g ^ 1.5, g)::numeric, 9) AS elasticity
FROM generate_series(1, 1000) g;
-- rows where either is not positive do not count
SELECT pg_temp.close(elasticity(l, g), (SELECT regr_slope(ln(l), ln(g)) FROM (VALUES (10::float8, 1::float8), (40, 2), (70, 3)) t(l, g))) AS filtered
FROM (VALUES (10::float8, 1::float8), (40, 2), (70, 3), (0, 5), (-3, 2), (5, 0), (5, -1), (NULL, 4), (4, NULL)) t(l, g);

-- edge cases
-- no rows, only NULLs, nothing gained
SELECT cost_per_gain(casualties, km2) AS no_rows, elasticity(casualties, km2) AS no_rows_e FROM front WHERE false;
SELECT cost_per_gain(NULL, NULL) AS only_nulls, elasticity(NULL, NULL) AS only_nulls_e;
SELECT cost_per_gain(l, g) AS nothing_gained FROM (VALUES (100::float8, 0::float8), (200, 0)) t(l, g);
SELECT cost_per_gain(l, g) AS gains_cancel FROM (VALUES (100::float8, 5::float8), (200, -5)) t(l, g);
SELECT cost_per_gain(l, g) AS no_losses_known FROM (VALUES (NULL::float8, 5::float8)) t(l, g);
SELECT cost_per_gain(l, g) AS no_gains_known FROM (VALUES (100::float8, NULL::float8)) t(l, g);
-- one row, or every gain the same: no slope
SELECT cost_per_gain(100, 4) AS one_row, elasticity(100, 4) AS one_row_e;
SELECT elasticity(l, g) AS same_gain FROM (VALUES (10::float8, 3::float8), (20, 3), (30, 3)) t(l, g);
-- negative totals (ground lost) and huge values
SELECT cost_per_gain(l, g) AS lost_ground FROM (VALUES (100::float8, -5::float8), (200, -5)) t(l, g);
SELECT cost_per_gain(l, g) AS huge FROM (VALUES (1e300::float8, 1e10::float8), (1e300, 1e10)) t(l, g);
SELECT pg_temp.try($$SELECT cost_per_gain(l, g)::text FROM (VALUES (1e308::float8, 1::float8), (1e308, 1)) t(l, g)$$) AS sum_overflow;
SELECT pg_temp.try($$SELECT cost_per_gain(l, g)::text FROM (VALUES (1e300::float8, 1e-300::float8)) t(l, g)$$) AS ratio_overflow;
SELECT round(elasticity(l, g)::numeric, 9) AS huge_e FROM (VALUES (1e300::float8, 1e-300::float8), (1e200, 1e-200)) t(l, g);
-- compensated sums: the small values are not lost next to the large one
SELECT cost_per_gain(l, 1) AS compensated FROM (VALUES (1e16::float8), (1), (1), (1), (1), (-1e16)) t(l);
-- NaN and infinity are refused
SELECT pg_temp.try($$SELECT cost_per_gain('NaN', 1)::text$$) AS nan_losses;
SELECT pg_temp.try($$SELECT cost_per_gain(1, '-Infinity')::text$$) AS infinite_gain;
SELECT pg_temp.try($$SELECT elasticity('Infinity', 1)::text$$) AS infinite_losses_e;
SELECT pg_temp.try($$SELECT elasticity(1, 'NaN')::text$$) AS nan_gain_e;

-- the states' text forms: good input first, then bad input
SELECT 'losses_n=2 losses_sum=300 losses_err=0 gained_n=1 gained_sum=5 gained_err=0'::cost_per_gain_state AS cost_state,
	   cost_per_gain_final('losses_n=2 losses_sum=300 losses_err=0 gained_n=1 gained_sum=5 gained_err=0') AS final;
SELECT 'n=2 x_mean=1 y_mean=2 xx=0.5 xy=0.75'::elasticity_state AS elasticity_state,
	   elasticity_final('n=2 x_mean=1 y_mean=2 xx=0.5 xy=0.75') AS final;
SELECT x AS input, pg_temp.try(format('SELECT %L::cost_per_gain_state::text', x)) AS result
FROM unnest(ARRAY[
	'',
	'losses_n=2 losses_sum=300 losses_err=0 gained_n=1 gained_sum=5',
	'losses_n=2 losses_sum=300 losses_err=0 gained_n=1 gained_sum=5 gained_err=0 x',
	'losses_n=-2 losses_sum=300 losses_err=0 gained_n=1 gained_sum=5 gained_err=0',
	'losses_n=0 losses_sum=0 losses_err=0 gained_n=0 gained_sum=0 gained_err=0',
	'losses_n=0 losses_sum=300 losses_err=0 gained_n=1 gained_sum=5 gained_err=0',
	'losses_n=2 losses_sum=nan losses_err=0 gained_n=1 gained_sum=5 gained_err=0',
	'losses_n=2 losses_sum=300 losses_err=0 gained_n=1 gained_sum=-inf gained_err=0',
	'losses_n=2 losses_sum=0x10 losses_err=0 gained_n=1 gained_sum=5 gained_err=0'
]) x;
SELECT x AS input, pg_temp.try(format('SELECT %L::elasticity_state::text', x)) AS result
FROM unnest(ARRAY[
	'n=2 x_mean=1 y_mean=2 xx=0.5',
	'n=0 x_mean=1 y_mean=2 xx=0.5 xy=0.75',
	'n=2 x_mean=1 y_mean=2 xx=-0.5 xy=0.75',
	'n=1 x_mean=1 y_mean=2 xx=0.5 xy=0.75',
	'n=2 x_mean=1 y_mean=2 xx=0.5 xy=1e400',
	'n=2 x_mean=1 y_mean=2 xx=0.5 xy=0.75 n=2',
	'n=2 x_mean=0x1 y_mean=2 xx=0.5 xy=0.75'
]) x;

-- the text forms read back bit for bit whatever extra_float_digits is
CREATE TABLE gain_rt AS
SELECT k, cost_per_gain_trans(NULL, casualties / 3 + k, km2 / 7) AS c, elasticity_trans(NULL, casualties / 3 + k, km2 / 7) AS e
FROM front, generate_series(1, 3) k WHERE casualties IS NOT NULL AND km2 IS NOT NULL;
SET extra_float_digits = 0;
CREATE TABLE gain_text0 AS SELECT k, c::text AS ct, e::text AS et FROM gain_rt;
SET extra_float_digits = 3;
CREATE TABLE gain_text3 AS SELECT k, c::text AS ct, e::text AS et FROM gain_rt;
RESET extra_float_digits;
SELECT count(*) AS states,
	   count(*) FILTER (WHERE cost_per_gain_state_send(r.c) = cost_per_gain_state_send(t0.ct::cost_per_gain_state)
						AND cost_per_gain_state_send(r.c) = cost_per_gain_state_send(t3.ct::cost_per_gain_state)) AS cost_exact,
	   count(*) FILTER (WHERE elasticity_state_send(r.e) = elasticity_state_send(t0.et::elasticity_state)
						AND elasticity_state_send(r.e) = elasticity_state_send(t3.et::elasticity_state)) AS elasticity_exact
FROM (SELECT row_number() OVER () AS i, * FROM gain_rt) r
JOIN (SELECT row_number() OVER () AS i, * FROM gain_text0) t0 USING (i)
JOIN (SELECT row_number() OVER () AS i, * FROM gain_text3) t3 USING (i);

-- binary forms: pinned bytes, COPY BINARY out and back, receive validates
SELECT cost_per_gain_state_send('losses_n=2 losses_sum=300 losses_err=0 gained_n=1 gained_sum=5 gained_err=0') AS bytes;
SELECT elasticity_state_send('n=2 x_mean=1 y_mean=2 xx=0.5 xy=0.75') AS bytes;
CREATE TABLE gain_bin (k int, c cost_per_gain_state, e elasticity_state);
COPY (SELECT k, c, e FROM gain_rt ORDER BY k) TO '/tmp/conflict_stats_gain.bin' (FORMAT binary);
COPY gain_bin FROM '/tmp/conflict_stats_gain.bin' (FORMAT binary);
SELECT count(*) AS copied,
	   count(*) FILTER (WHERE cost_per_gain_state_send(c) IN (SELECT cost_per_gain_state_send(c) FROM gain_rt)) AS cost_identical,
	   count(*) FILTER (WHERE elasticity_state_send(e) IN (SELECT elasticity_state_send(e) FROM gain_rt)) AS elasticity_identical
FROM gain_bin;
CREATE TABLE gain_recv (c cost_per_gain_state, e elasticity_state);
CREATE FUNCTION pg_temp.try_recv(col text, b bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text; det text; r text;
BEGIN
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', b, '/tmp/conflict_stats_gain_recv.bin');
	TRUNCATE gain_recv;
	EXECUTE format('COPY gain_recv (%I) FROM %L (FORMAT binary)', col, '/tmp/conflict_stats_gain_recv.bin');
	EXECUTE format('SELECT %I::text FROM gain_recv', col) INTO r;
	RETURN r;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
	RETURN st || ' ' || msg || ' | ' || det;
END
$$;
SELECT d AS case, pg_temp.try_recv(col, decode(h, 'hex')) AS result FROM (VALUES
	('good cost', 'c', '0100' || '0000000000000002' || '4072c00000000000' || '0000000000000000' || '0000000000000001' || '4014000000000000' || '0000000000000000'),
	('version 0', 'c', '0000' || '0000000000000002' || '4072c00000000000' || '0000000000000000' || '0000000000000001' || '4014000000000000' || '0000000000000000'),
	('reserved flag', 'c', '0180' || '0000000000000002' || '4072c00000000000' || '0000000000000000' || '0000000000000001' || '4014000000000000' || '0000000000000000'),
	('negative count', 'c', '0100' || 'ffffffffffffffff' || '4072c00000000000' || '0000000000000000' || '0000000000000001' || '4014000000000000' || '0000000000000000'),
	('infinite sum', 'c', '0100' || '0000000000000002' || '7ff0000000000000' || '0000000000000000' || '0000000000000001' || '4014000000000000' || '0000000000000000'),
	('good elasticity', 'e', '0100' || '0000000000000002' || '3ff0000000000000' || '4000000000000000' || '3fe0000000000000' || '3fe8000000000000'),
	('NaN slope sum', 'e', '0100' || '0000000000000002' || '3ff0000000000000' || '4000000000000000' || '3fe0000000000000' || '7ff8000000000000'),
	('no rows', 'e', '0100' || '0000000000000000' || '3ff0000000000000' || '4000000000000000' || '3fe0000000000000' || '3fe8000000000000'),
	('short', 'e', '0100' || '0000000000000002')
) v(d, col, h);

-- a forced parallel plan equals the serial answer
CREATE TABLE gain_par AS
SELECT i % 3 AS g, 50 * gained ^ 1.2 * (1 + (i::bigint * 7919 % 100) / 1000.0) AS losses, gained
FROM generate_series(1, 100000) i, LATERAL (SELECT (1 + (i::bigint * 104729 % 997) / 10.0)::float8 AS gained) x;
ANALYZE gain_par;
CREATE TABLE gain_serial AS SELECT g, cost_per_gain(losses, gained) AS c, elasticity(losses, gained) AS e FROM gain_par GROUP BY g;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT g, cost_per_gain(losses, gained), elasticity(losses, gained) FROM gain_par GROUP BY g;
EXPLAIN (COSTS OFF) SELECT cost_per_gain(losses, gained), elasticity(losses, gained) FROM gain_par;
CREATE TABLE gain_parallel AS SELECT g, cost_per_gain(losses, gained) AS c, elasticity(losses, gained) AS e FROM gain_par GROUP BY g;
CREATE TABLE gain_parallel_all AS SELECT cost_per_gain(losses, gained) AS c, elasticity(losses, gained) AS e FROM gain_par;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SELECT count(*) AS groups,
	   count(*) FILTER (WHERE pg_temp.close(s.c, p.c, 1e-12)) AS same_cost,
	   count(*) FILTER (WHERE pg_temp.close(s.e, p.e)) AS same_elasticity
FROM gain_serial s JOIN gain_parallel p USING (g);
SELECT pg_temp.close(p.c, s.c, 1e-12) AS same_cost, pg_temp.close(p.e, s.e) AS same_elasticity,
	   pg_temp.close(p.e, s.r) AS elasticity_is_regr_slope, round(p.c::numeric, 6) AS cost, round(p.e::numeric, 6) AS elasticity
FROM gain_parallel_all p,
	 (SELECT cost_per_gain(losses, gained) AS c, elasticity(losses, gained) AS e, regr_slope(ln(losses), ln(gained)) AS r FROM gain_par) s;

-- distributed (Citus-style): partial states shipped as text, combined, finished
CREATE AGGREGATE pg_temp.cost_per_gain_partial(float8, float8) (
	SFUNC = conflict_stats.cost_per_gain_trans, STYPE = conflict_stats.cost_per_gain_state);
CREATE AGGREGATE pg_temp.elasticity_partial(float8, float8) (
	SFUNC = conflict_stats.elasticity_trans, STYPE = conflict_stats.elasticity_state);
WITH a AS (SELECT pg_temp.cost_per_gain_partial(losses, gained)::text AS c, pg_temp.elasticity_partial(losses, gained)::text AS e FROM gain_par WHERE g = 0),
	 b AS (SELECT pg_temp.cost_per_gain_partial(losses, gained)::text AS c, pg_temp.elasticity_partial(losses, gained)::text AS e FROM gain_par WHERE g > 0)
SELECT pg_temp.close(cost_per_gain_final(cost_per_gain_combine(a.c::cost_per_gain_state, b.c::cost_per_gain_state)),
					 (SELECT cost_per_gain(losses, gained) FROM gain_par), 1e-12) AS same_cost,
	   pg_temp.close(elasticity_final(elasticity_combine(a.e::elasticity_state, b.e::elasticity_state)),
					 (SELECT elasticity(losses, gained) FROM gain_par)) AS same_elasticity
FROM a, b;
-- combining with NULL gives the other side; direct calls leave arguments alone
SELECT cost_per_gain_final(cost_per_gain_combine(NULL, 'losses_n=1 losses_sum=10 losses_err=0 gained_n=1 gained_sum=2 gained_err=0')) AS null_left,
	   elasticity_final(elasticity_combine('n=2 x_mean=1 y_mean=2 xx=0.5 xy=0.75', NULL)) AS null_right,
	   cost_per_gain_combine(NULL, NULL) IS NULL AS both_null;

DROP TABLE front, gain_rt, gain_text0, gain_text3, gain_bin, gain_recv, gain_par, gain_serial, gain_parallel, gain_parallel_all;
