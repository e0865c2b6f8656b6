--
-- picture: sparkline and bar, pictures drawn in psql
--
SET search_path = conflict_stats, public;
SET TimeZone = 'UTC';
SET extra_float_digits = 0;

-- the SQLSTATE a statement raises, to show codes next to the messages
CREATE FUNCTION pg_temp.sqlstate_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END
$$;

SELECT typstorage, typalign, typlen FROM pg_type WHERE oid = 'conflict_stats.sparkline_state'::regtype;

-- ---------------------------------------------------------------------------
-- the sparkline aggregate: one character per row, in time order

CREATE TEMP TABLE pic_rows (id int, day date, v float8);
INSERT INTO pic_rows VALUES
	(1, '2024-01-01', 1), (2, '2024-01-02', 2), (3, '2024-01-03', 3), (4, '2024-01-04', 4),
	(5, '2024-01-05', 5), (6, '2024-01-06', 6), (7, '2024-01-07', 7), (8, '2024-01-08', 8);
SELECT sparkline(v, day) FROM pic_rows;
-- the same rows in scrambled orders give the same picture
SELECT sparkline(v, day ORDER BY id DESC) AS descending,
	   sparkline(v, day ORDER BY (id * 5) % 8) AS scrambled,
	   sparkline(v, day ORDER BY md5(id::text)) AS hashed
FROM pic_rows;
-- timestamptz rows; the instants count, not the dates
SELECT sparkline(v, ts)
FROM (VALUES (3, '2024-01-01 23:00+00'::timestamptz), (1, '2024-01-01 22:00+00'),
			 (2, '2024-01-01 22:30+00'), (9, '2024-01-02 00:00-05')) x(v, ts);
-- no rows: NULL
SELECT sparkline(v, day) IS NULL AS no_rows FROM pic_rows WHERE false;

-- bad input right after: NaN or infinite values, infinite times
SELECT sparkline(v, day) FROM (VALUES (1::float8, '2024-01-01'::date), ('NaN', '2024-01-02')) x(v, day);
SELECT sparkline(v, day) FROM (VALUES (1::float8, '2024-01-01'::date), ('-Infinity', '2024-01-02')) x(v, day);
SELECT sparkline(1, 'infinity'::date);
SELECT sparkline(1, '-infinity'::timestamptz);
SELECT pg_temp.sqlstate_of($$SELECT conflict_stats.sparkline(v, d) FROM (VALUES ('NaN'::float8, '2024-01-01'::date)) x(v, d)$$) AS nan,
	   pg_temp.sqlstate_of($$SELECT conflict_stats.sparkline(v, d) FROM (VALUES ('Infinity'::float8, '2024-01-01'::date)) x(v, d)$$) AS infinite,
	   pg_temp.sqlstate_of($$SELECT conflict_stats.sparkline(1, 'infinity'::date)$$) AS infinite_date;

-- NULL values are spaces and keep their place in time order; NULL times
-- are skipped; rows at the same time go by value, NULL values last
SELECT '[' || sparkline(v, day) || ']' AS with_nulls
FROM (VALUES (4, '2024-01-04'::date), (NULL, '2024-01-02'), (1, '2024-01-01'), (3, '2024-01-03'),
			 (100, NULL), (NULL, '2024-01-05')) x(v, day);
SELECT sparkline(v, day) = repeat(' ', 3) AS only_spaces
FROM (VALUES (NULL::float8, '2024-01-01'::date), (NULL, '2024-01-02'), (NULL, '2024-01-02')) x(v, day);
SELECT sparkline(v, day) IS NULL AS only_null_times
FROM (VALUES (1::float8, NULL::date), (2, NULL)) x(v, day);
SELECT '[' || sparkline(v, day ORDER BY v) || ']' AS same_day_ascending,
	   '[' || sparkline(v, day ORDER BY v DESC NULLS FIRST) || ']' AS same_day_descending
FROM (VALUES (5, '2024-01-02'::date), (NULL, '2024-01-02'), (1, '2024-01-02'), (9, '2024-01-02'), (0, '2024-01-01')) x(v, day);

-- all equal: all the fourth level; one row; negatives
SELECT sparkline(v, day) AS all_equal FROM (VALUES (7.5, '2024-01-01'::date), (7.5, '2024-01-02'), (7.5, '2024-01-03')) x(v, day);
SELECT sparkline(-3, '2024-01-01'::date) AS one_row;
SELECT sparkline(v, day) AS negatives
FROM (VALUES (-8, '2024-01-01'::date), (-1, '2024-01-02'), (1, '2024-01-03'), (6, '2024-01-04')) x(v, day);
-- the extremes of the doubles
SELECT sparkline(v, day) AS extremes
FROM (VALUES (-1.7e308, '2024-01-01'::date), (0, '2024-01-02'), (1.7e308, '2024-01-03'), (5e-324, '2024-01-04')) x(v, day);

-- ---------------------------------------------------------------------------
-- width: the mean of each of at most width equal-time bins

-- 30 days in 10 bins of three days; with a width of 100 the bins are the
-- 30 days (as many as distinct days), the same as one character per row
CREATE TEMP TABLE pic_days AS
SELECT date '2024-01-01' + i AS day, (i / 3)::float8 AS v, (i % 2)::float8 AS zigzag
FROM generate_series(0, 29) i;
SELECT sparkline(v, day, 10) AS ten_bins, sparkline(v, day, 1) AS one_bin,
	   sparkline(zigzag, day, 100) = sparkline(zigzag, day) AS wide_is_per_row,
	   length(sparkline(zigzag, day, 100)) AS characters
FROM pic_days;
-- 1, 3, 5, NULL, 8 over five days in 3 bins: {1,3} {5} {NULL,8}
SELECT sparkline(v, day, 3)
FROM (VALUES (1, '2024-01-01'::date), (5, '2024-01-03'), (3, '2024-01-02'), (NULL, '2024-01-04'), (8, '2024-01-05')) x(v, day);
-- empty bins, and a bin holding only NULL values, are spaces
SELECT '[' || sparkline(v, day, 5) || ']' AS empty_bins
FROM (VALUES (1, '2024-01-01'::date), (2, '2024-01-02'), (NULL, '2024-01-03'), (3, '2024-01-11')) x(v, day);
SELECT '[' || sparkline(v, day, 3) || ']' AS null_bin
FROM (VALUES (1, '2024-01-01'::date), (NULL, '2024-01-05'), (3, '2024-01-09')) x(v, day);
-- bins of instants, in any input order; equal means stay equal
SELECT sparkline(v, ts, 4 ORDER BY md5(ts::text)) AS hours, sparkline(0.1, ts, 7) AS flat
FROM (SELECT timestamptz '2024-03-01 00:00+00' + i * interval '15 minutes' AS ts, (i / 8)::float8 AS v
	  FROM generate_series(0, 31) i) x;
-- a NULL width skips the row
SELECT sparkline(v, day, w)
FROM (VALUES (1, '2024-01-01'::date, 2), (2, '2024-01-02', NULL), (3, '2024-01-03', 2)) x(v, day, w);

-- bad widths right after: below 1, above the limit, not the same for every row
SELECT sparkline(v, day, 0) FROM pic_days;
SELECT sparkline(v, day, -5) FROM pic_days;
SELECT sparkline(v, day, 1000001) FROM pic_days;
SELECT sparkline(v, day, w) FROM (VALUES (1, '2024-01-01'::date, 2), (2, '2024-01-02', 3)) x(v, day, w);
SELECT pg_temp.sqlstate_of($$SELECT conflict_stats.sparkline(1, '2024-01-01'::date, 0)$$) AS zero_width,
	   pg_temp.sqlstate_of($$SELECT conflict_stats.sparkline(v, d, w) FROM (VALUES (1, '2024-01-01'::date, 2), (2, '2024-01-02', 3)) x(v, d, w)$$) AS two_widths;

-- ---------------------------------------------------------------------------
-- sparkline of an array: in array order

SELECT sparkline(ARRAY[1, 2, 3, 4, 5, 6, 7, 8]::float8[]) AS ramp,
	   sparkline(ARRAY[8, 1, NULL, 4]::float8[]) AS with_null,
	   sparkline(ARRAY[2, 2]::float8[]) AS all_equal,
	   sparkline(ARRAY[-5]::float8[]) AS one,
	   sparkline('{}'::float8[]) = '' AS empty_is_empty,
	   sparkline(NULL::float8[]) IS NULL AS null_is_null,
	   sparkline(ARRAY[NULL, NULL]::float8[]) = '  ' AS only_nulls;
-- a multidimensional array is read in storage order
SELECT sparkline('{{1,2},{3,4}}'::float8[]) AS two_by_two;
-- the array form and the aggregate agree
SELECT sparkline(array_agg(v ORDER BY day)) = sparkline(v, day) AS same FROM pic_rows;

SELECT sparkline(ARRAY[1, 'NaN']::float8[]);
SELECT sparkline(ARRAY['Infinity']::float8[]);
SELECT pg_temp.sqlstate_of($$SELECT conflict_stats.sparkline(ARRAY[1, 'NaN']::float8[])$$) AS nan_element;

-- ---------------------------------------------------------------------------
-- bar: width characters at max, eighths rounded to nearest

SELECT x, '[' || bar(x, 10, 10) || ']' AS bar
FROM unnest(ARRAY[0, 0.06, 0.07, 0.5, 1, 2.5, 5, 7.5, 9.99, 10]::float8[]) x;
SELECT bar(3, 4) AS default_width, length(bar(4, 4)) AS full_default;
SELECT bar(1, 8, 1) AS one_eighth, bar(2, 8, 1) AS two, bar(3, 8, 1) AS three, bar(4, 8, 1) AS four,
	   bar(5, 8, 1) AS five, bar(6, 8, 1) AS six, bar(7, 8, 1) AS seven, bar(8, 8, 1) AS eight;
-- clipped and marked: below zero, above max
SELECT x, bar(x, 10, 5) AS bar
FROM unnest(ARRAY[-1, '-Infinity', -0.0, 10, 10.01, 1e300, 'Infinity']::float8[]) x;
-- NULL value or max: NULL
SELECT bar(NULL, 10) IS NULL AS null_value, bar(5, NULL) IS NULL AS null_max, bar(5, 10, NULL) IS NULL AS null_width;

SELECT bar('NaN', 10);
SELECT bar(5, 0);
SELECT bar(5, -1);
SELECT bar(5, 'NaN');
SELECT bar(5, 'Infinity');
SELECT bar(5, 10, 0);
SELECT bar(5, 10, 1000001);
SELECT pg_temp.sqlstate_of($$SELECT conflict_stats.bar('NaN', 10)$$) AS nan_value,
	   pg_temp.sqlstate_of($$SELECT conflict_stats.bar(5, 0)$$) AS zero_max,
	   pg_temp.sqlstate_of($$SELECT conflict_stats.bar(5, 'Infinity')$$) AS infinite_max,
	   pg_temp.sqlstate_of($$SELECT conflict_stats.bar(5, 10, 0)$$) AS zero_width;

-- ---------------------------------------------------------------------------
-- the state type: text I/O, good input then bad input

SELECT 'rows={}'::sparkline_state;
SELECT 'rows={(2024-01-01,5),(2024-01-02,NULL),(2024-01-02,7)}'::sparkline_state;
SELECT '  width = 20  rows = { ( 2024-01-01 12:00+02 , -0 ) , (2024-01-02T00:00Z, null) }  '::sparkline_state;
-- the text form reads back bit for bit, whatever extra_float_digits is
SELECT s::text::sparkline_state::text = s::text AS round_trip,
	   sparkline_state_send(s::text::sparkline_state) = sparkline_state_send(s) AS same_bytes
FROM (SELECT sparkline_trans(sparkline_trans(NULL, 0.1, date '2024-01-01'), 1.0 / 3.0, date '2024-01-02') AS s) x;
SET extra_float_digits = -15;
SELECT 'rows={(2024-01-01,0.1),(2024-01-02,0.30000000000000004),(2024-01-03,1e+300),(2024-01-04,5e-324)}'::sparkline_state;
SET extra_float_digits = 0;

SELECT ''::sparkline_state;
SELECT '{(2024-01-01,1)}'::sparkline_state;
SELECT 'rows={(2024-01-01,NaN)}'::sparkline_state;
SELECT 'rows={(2024-01-01,Infinity)}'::sparkline_state;
SELECT 'rows={(2024-01-01,1e999)}'::sparkline_state;
SELECT 'rows={(2024-01-01,)}'::sparkline_state;
SELECT 'rows={(2024-01-01,1),(2024-01-02T00:00:00Z,2)}'::sparkline_state;
SELECT 'width=0 rows={}'::sparkline_state;
SELECT 'width=1000001 rows={}'::sparkline_state;
SELECT 'rows={(2024-01-01,1)} x'::sparkline_state;
SELECT 'rows={(2024-01-01,0x10)}'::sparkline_state;
SELECT pg_temp.sqlstate_of($$SELECT 'rows={(2024-01-01,NaN)}'::conflict_stats.sparkline_state$$) AS nan_text,
	   pg_temp.sqlstate_of($$SELECT 'rows={(2024-01-01,1e999)}'::conflict_stats.sparkline_state$$) AS huge_text;

-- binary I/O: pinned send bytes, COPY round trip, receive rejects bad bytes
SELECT sparkline_state_send('rows={}');
SELECT sparkline_state_send('width=3 rows={(2024-01-01,1.5),(2024-01-02,NULL)}');
CREATE TEMP TABLE pic_bin (id int, s sparkline_state);
INSERT INTO pic_bin VALUES
	(1, 'rows={}'),
	(2, 'width=3 rows={(2024-01-01,1.5),(2024-01-02,NULL)}'),
	(3, 'rows={(2024-01-01T00:00:00Z,-2.5),(2023-01-01T12:00:00.000001Z,1e+300)}');
SELECT '/tmp/conflict_stats_picture_' || pg_backend_pid() || '.bin' AS binfile \gset
COPY pic_bin TO :'binfile' (FORMAT binary);
CREATE TEMP TABLE pic_bin2 (LIKE pic_bin);
COPY pic_bin2 FROM :'binfile' (FORMAT binary);
SELECT a.id, a.s::text = b.s::text AS same, sparkline_state_send(a.s) = sparkline_state_send(b.s) AS same_bytes
FROM pic_bin a JOIN pic_bin2 b USING (id) ORDER BY id;

-- a bytea written with binary COPY has the same framing as a state, so bad
-- bytes can be fed to receive this way
CREATE TEMP TABLE pic_recv (s sparkline_state);
CREATE FUNCTION pg_temp.recv_bytes(b bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	f text := '/tmp/conflict_stats_picture_recv_' || pg_backend_pid() || '.bin';
	detail text;
BEGIN
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', b, f);
	TRUNCATE pic_recv;
	EXECUTE format('COPY pic_recv FROM %L (FORMAT binary)', f);
	RETURN (SELECT s::text FROM pic_recv);
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || SQLERRM || ' / ' || detail;
END
$$;
-- good bytes
SELECT pg_temp.recv_bytes('\x0101000000030000000100000000000000003ff8000000000000');
SELECT pg_temp.recv_bytes(sparkline_state_send('width=3 rows={(2024-01-01,1.5),(2024-01-02,NULL)}'));
-- unknown version, unknown flags, a negative width, short, count mismatch
SELECT pg_temp.recv_bytes('\x02000000000000000000');
SELECT pg_temp.recv_bytes('\x01020000000000000000');
SELECT pg_temp.recv_bytes('\x0100ffffffff00000000');
SELECT pg_temp.recv_bytes('\x0100');
SELECT pg_temp.recv_bytes('\x01000000000000000001');
-- a count the bytes do not hold is corrupt input (22P03), however large:
-- after a good value, a count one beyond what a state holds, and the
-- largest count the header can write
SELECT pg_temp.recv_bytes('\x0101000000030000000100000000000000003ff8000000000000');
SELECT pg_temp.recv_bytes('\x01000000000003ffffff');
SELECT pg_temp.recv_bytes('\x010000000000ffffffff');
-- a NaN that is not the NULL marker, infinity, a time out of range, an
-- empty state with flags
SELECT pg_temp.recv_bytes('\x0101000000000000000100000000000000007ff8000000000000');
SELECT pg_temp.recv_bytes('\x0101000000000000000100000000000000007ff0000000000000');
SELECT pg_temp.recv_bytes('\x010000000000000000017fffffffffffffff3ff0000000000000');
SELECT pg_temp.recv_bytes('\x01010000000000000000');
SELECT pg_backend_pid() AS pid \gset
\set rmcmd 'rm -f ' :binfile ' /tmp/conflict_stats_picture_recv_' :pid '.bin'
-- (no rows: rm reads no input, and a row written after it exited would be EPIPE)
COPY (SELECT 1 WHERE false) TO PROGRAM :'rmcmd';

-- ---------------------------------------------------------------------------
-- transition and combine called directly: they leave their arguments alone

SELECT sparkline_trans(NULL, NULL, date '2024-01-01') AS null_value_row,
	   sparkline_trans(NULL, 1, NULL::date) IS NULL AS null_time_skipped,
	   sparkline_trans('rows={}', 2, timestamptz '2024-01-01 00:00+00', 4) AS empty_adopts;
CREATE TEMP TABLE pic_direct (s sparkline_state);
INSERT INTO pic_direct VALUES ('rows={(2024-01-01,1)}');
SELECT s AS before, sparkline_trans(s, 2, date '2024-01-02') AS after, s AS still FROM pic_direct;
SELECT sparkline_combine(s, s) AS doubled, s AS still FROM pic_direct;
SELECT sparkline_combine(a, b) AS combined, a, b
FROM (SELECT 'rows={(2024-01-03,3)}'::sparkline_state AS a, 'rows={(2024-01-01,1),(2024-01-02,NULL)}'::sparkline_state AS b) x;
SELECT sparkline_combine('rows={}', 'width=2 rows={(2024-01-01,1)}') AS left_identity,
	   sparkline_combine('width=2 rows={(2024-01-01,1)}', 'rows={}') AS right_identity;
SELECT sparkline_final('rows={}') IS NULL AS empty_final,
	   sparkline_final('rows={(2024-01-03,3),(2024-01-01,1),(2024-01-02,NULL)}') AS final;
-- a calendar state meets an instant row, states of two widths
SELECT sparkline_trans('rows={(2024-01-01,1)}', 2, timestamptz '2024-01-02 00:00+00');
SELECT sparkline_combine('rows={(2024-01-01,1)}', 'rows={(2024-01-01T00:00:00Z,1)}');
SELECT sparkline_combine('width=2 rows={(2024-01-01,1)}', 'width=3 rows={(2024-01-01,1)}');

-- ---------------------------------------------------------------------------
-- a window: the running picture (the state grows in place between frames)

SELECT day, sparkline(v, day) OVER (ORDER BY day) AS running
FROM pic_rows ORDER BY day;

-- ---------------------------------------------------------------------------
-- Citus-style distributed aggregation: each node's partial state shipped as
-- text, read back, combined, drawn; the same picture as one pass

CREATE TEMP TABLE pic_many AS
SELECT i, date '2020-01-01' + (i * 7919) % 1500 AS day,
	   CASE WHEN i % 97 = 0 THEN NULL ELSE (500 + (i % 1000) * 0.75 + (i * 7919) % 101)::float8 END AS v
FROM generate_series(1, 20000) i;
-- a node's partial aggregate: the transition function alone, no final step
CREATE AGGREGATE pg_temp.spark_partial(float8, date) (
	SFUNC = conflict_stats.sparkline_trans, STYPE = conflict_stats.sparkline_state);
CREATE AGGREGATE pg_temp.spark_partial(float8, date, integer) (
	SFUNC = conflict_stats.sparkline_trans, STYPE = conflict_stats.sparkline_state);
-- the coordinator's step: combine the shipped states, then draw
CREATE AGGREGATE pg_temp.spark_merge(conflict_stats.sparkline_state) (
	SFUNC = conflict_stats.sparkline_combine, STYPE = conflict_stats.sparkline_state,
	FINALFUNC = conflict_stats.sparkline_final);
CREATE TEMP TABLE pic_shipped AS
SELECT i % 3 AS node, pg_temp.spark_partial(v, day)::text AS per_row,
	   pg_temp.spark_partial(v, day, 60)::text AS binned
FROM pic_many GROUP BY 1;
SELECT node, left(per_row, 40) AS shipped_text FROM pic_shipped ORDER BY node;
SELECT md5(pg_temp.spark_merge(per_row::sparkline_state ORDER BY node DESC))
		= (SELECT md5(sparkline(v, day)) FROM pic_many) AS per_row_same,
	   pg_temp.spark_merge(binned::sparkline_state ORDER BY node)
		= (SELECT sparkline(v, day, 60) FROM pic_many) AS binned_same,
	   pg_temp.spark_merge(binned::sparkline_state) AS binned_picture
FROM pic_shipped;
-- the combine function called directly on shipped text
SELECT sparkline_final(sparkline_combine(sparkline_combine(a.per_row::sparkline_state, b.per_row::sparkline_state),
										 c.per_row::sparkline_state))
		= (SELECT sparkline(v, day) FROM pic_many) AS direct_combine_same
FROM pic_shipped a, pic_shipped b, pic_shipped c WHERE a.node = 2 AND b.node = 0 AND c.node = 1;

-- ---------------------------------------------------------------------------
-- forced parallel plan: partial aggregates in the workers, the same answer

CREATE TABLE pic_par (g int, day date, ts timestamptz, v float8);
INSERT INTO pic_par
SELECT i % 4, date '2000-01-01' + (i * 7919) % 20000, timestamptz '2024-01-01 00:00+00' + ((i * 7919) % 100000) * interval '1 minute',
	   CASE WHEN i % 101 = 0 THEN NULL ELSE ((i * 7919) % 20000) * 3 + i % 7 END
FROM generate_series(1, 200000) i;
ANALYZE pic_par;
SELECT md5(sparkline(v, day)) AS serial_md5, sparkline(v, ts, 50) AS serial_binned FROM pic_par \gset
SELECT string_agg(md5(p), ',' ORDER BY g) AS serial_groups
FROM (SELECT g, sparkline(v, day) AS p FROM pic_par GROUP BY g) x \gset
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT md5(sparkline(v, day)), sparkline(v, ts, 50) FROM pic_par;
SELECT md5(sparkline(v, day)) = :'serial_md5' AS same_as_serial,
	   sparkline(v, ts, 50) = :'serial_binned' AS binned_same_as_serial,
	   length(sparkline(v, day)) AS characters
FROM pic_par;
EXPLAIN (COSTS OFF)
SELECT g, sparkline(v, day) FROM pic_par GROUP BY g;
SELECT string_agg(md5(p), ',' ORDER BY g) = :'serial_groups' AS groups_same_as_serial, count(*) AS groups
FROM (SELECT g, sparkline(v, day) AS p FROM pic_par GROUP BY g) x;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE pic_par;

-- ---------------------------------------------------------------------------
-- a million rows in scrambled time order: appends in place, one sort.  The
-- time is compared with string_agg over the same rows (which formats every
-- value), so that the check holds under valgrind too: under 2 seconds on an
-- ordinary server, and never quadratic

SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE pic_million AS
SELECT timestamptz '2020-01-01 00:00+00' + ((i::bigint * 7919) % 1000000) * interval '1 minute' AS ts,
	   ((i::bigint * 7919) % 1000000 / 1000 + (i::bigint * 7919) % 1000000 % 7 * 100)::float8 AS v
FROM generate_series(0, 999999) i;
CREATE FUNCTION pg_temp.ms(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz := clock_timestamp();
	r text;
BEGIN
	EXECUTE q INTO r;
	RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END
$$;
SELECT pg_temp.ms('SELECT length(string_agg(v::text, '','')) FROM pic_million') AS agg_ms,
	   pg_temp.ms('SELECT sparkline(v, ts) FROM pic_million') AS spark_ms,
	   pg_temp.ms('SELECT sparkline(v, ts, 80) FROM pic_million') AS binned_ms \gset
SELECT :spark_ms < greatest(2000, 5 * :agg_ms) AS per_row_fast_enough,
	   :binned_ms < greatest(2000, 5 * :agg_ms) AS binned_fast_enough;
SELECT length(sparkline(v, ts)) AS characters,
	   left(sparkline(v, ts), 10) AS first_ten,
	   sparkline(v, ts, 10) AS ten_bins
FROM pic_million;
RESET max_parallel_workers_per_gather;

DROP TABLE pic_rows, pic_days, pic_direct, pic_bin, pic_bin2, pic_recv, pic_many, pic_shipped, pic_million;

-- ---------------------------------------------------------------------------
-- a database that is not UTF8: a clear error (22021)

SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS conflict_stats_latin1;
RESET client_min_messages;
CREATE DATABASE conflict_stats_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c conflict_stats_latin1
SET client_min_messages = warning;
CREATE EXTENSION conflict_stats;
RESET client_min_messages;
SELECT conflict_stats.bar(5, 10);
\echo :LAST_ERROR_SQLSTATE
SELECT conflict_stats.sparkline(ARRAY[1, 2]::float8[]);
\echo :LAST_ERROR_SQLSTATE
SELECT conflict_stats.sparkline(v, d) FROM (VALUES (1::float8, '2024-01-01'::date)) x(v, d);
\echo :LAST_ERROR_SQLSTATE
-- the state itself is plain ASCII text, and works anywhere
SELECT conflict_stats.sparkline_trans(NULL, 1, '2024-01-01'::date);
\c :regress_db
DROP DATABASE conflict_stats_latin1;

