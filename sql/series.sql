--
-- series: cumulative reports and losses per period
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

SELECT typstorage, typalign, typlen FROM pg_type WHERE oid = 'conflict_stats.series'::regtype;

-- ---------------------------------------------------------------------------
-- text I/O: good input, then bad input right after it

SELECT '{}'::series;
SELECT '{(2024-01-01,100),(2024-02-01,250)}'::series;
SELECT '  { ( 2024-01-01 12:30:00.5+02 , -0 ) , (2024-01-02T00:00Z,1e3),(2024-01-03 01:02:03.000001 -0130, 0.1) }  '::series;
SELECT '{(-0043-03-15,1),(0000-12-31 23:59:59,2),(294276-12-31 23:59:59.999999,3)}'::series;
SELECT at, total FROM reports('{(-0043-03-15,1),(0000-12-31 23:59:59,2),(2024-02-29 06:00,3.5)}');
-- the text form reads back exactly, whatever extra_float_digits is
SELECT s::text::series::text = s::text AS round_trip
FROM (SELECT ('{(2024-01-01,' || 0.1::float8 || '),(2024-01-02,' || (1.0 / 3.0)::float8 || ')}')::series AS s) v;
SELECT '{(2024-01-01,0.1),(2024-01-02,0.30000000000000004),(2024-01-03,1e+300)}'::series;

SELECT ''::series;
SELECT '{(2024-02-01,1),(2024-01-01,2)}'::series;
SELECT '{(2024-01-01,1),(2024-01-01 00:00,2)}'::series;
-- a series holds times of one kind: dates (calendar) or instants
SELECT '{(2024-01-01,1),(2024-01-02T00:00:00Z,2)}'::series;
-- one number grammar in every type: hexadecimal is refused
SELECT '{(2024-01-01,0x10)}'::series;
SELECT '{(2024-01-01,NaN)}'::series;
SELECT '{(2024-01-01,Infinity)}'::series;
SELECT '{(2024-01-01,1e999)}'::series;
SELECT '{(2024-02-30,1)}'::series;
SELECT '{(2024-01-01 25:00,1)}'::series;
SELECT '{(2024-01-01 00:00:00.1234567,1)}'::series;
SELECT '{(294277-01-01,1)}'::series;
SELECT '{(January 1 2024,1)}'::series;
SELECT '{(2024-01-01,1)'::series;
SELECT '{(2024-01-01,1)} x'::series;
SELECT '{(2024-01-01 1)}'::series;
SELECT '{(2024-01-01,)}'::series;
SELECT '{(2024-01-01,12abc)}'::series;
SELECT '[(2024-01-01,1)]'::series;
SELECT pg_temp.sqlstate_of($$SELECT '{(2024-02-01,1),(2024-01-01,2)}'::conflict_stats.series$$) AS bad_text;

-- ---------------------------------------------------------------------------
-- binary I/O: pinned send bytes, COPY round trip, receive rejects bad bytes

SELECT series_send('{}');
SELECT series_send('{(2024-01-01,100),(2024-02-01 00:00:00.000001,-2.5)}');

CREATE TEMP TABLE ser_bin (id int, s series);
INSERT INTO ser_bin VALUES
	(1, '{}'),
	(2, '{(2024-01-01,100),(2024-02-01 00:00:00.000001,-2.5)}'),
	(3, '{(-0043-03-15,0.1),(2024-02-29 12:00,1e+300)}');
SELECT '/tmp/conflict_stats_series_' || pg_backend_pid() || '.bin' AS binfile \gset
COPY ser_bin TO :'binfile' (FORMAT binary);
CREATE TEMP TABLE ser_bin2 (LIKE ser_bin);
COPY ser_bin2 FROM :'binfile' (FORMAT binary);
SELECT a.id, a.s::text = b.s::text AS same, series_send(a.s) = series_send(b.s) AS same_bytes
FROM ser_bin a JOIN ser_bin2 b USING (id) ORDER BY id;

-- a bytea written with binary COPY has the same framing as a series, so bad
-- series bytes can be fed to receive this way
CREATE TEMP TABLE ser_recv (s series);
CREATE FUNCTION pg_temp.recv_bytes(b bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	f text := '/tmp/conflict_stats_series_recv_' || pg_backend_pid() || '.bin';
	detail text;
BEGIN
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', b, f);
	TRUNCATE ser_recv;
	EXECUTE format('COPY ser_recv FROM %L (FORMAT binary)', f);
	RETURN (SELECT s::text FROM ser_recv);
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || SQLERRM || ' / ' || detail;
END
$$;
-- good bytes
SELECT pg_temp.recv_bytes('\x01000000000100000000000000004059000000000000');
SELECT pg_temp.recv_bytes(series_send('{(2024-01-01,100),(2024-02-01,250)}'));
-- unknown version, unknown flags, short, count mismatch
SELECT pg_temp.recv_bytes('\x020000000000');
SELECT pg_temp.recv_bytes('\x010200000000');
SELECT pg_temp.recv_bytes('\x0100');
-- a count the bytes do not hold is corrupt input (22P03), however large:
-- after a good value, a count one beyond what a series holds, and the
-- largest count the header can write
SELECT pg_temp.recv_bytes('\x01000000000100000000000000004059000000000000');
SELECT pg_temp.recv_bytes('\x010003ffffff');
SELECT pg_temp.recv_bytes('\x0100ffffffff');
SELECT pg_temp.recv_bytes('\x01000000000200000000000000004059000000000000');
-- out of order, duplicate instant, NaN total, instant out of range
SELECT pg_temp.recv_bytes('\x010000000002'::bytea || '\x00000000000000014059000000000000'::bytea
							 || '\x00000000000000004059000000000000'::bytea);
SELECT pg_temp.recv_bytes('\x010000000002'::bytea || '\x00000000000000004059000000000000'::bytea
							 || '\x00000000000000004059000000000000'::bytea);
SELECT pg_temp.recv_bytes('\x01000000000100000000000000007ff8000000000000');
SELECT pg_temp.recv_bytes('\x0100000000017fffffffffffffff4059000000000000');
SELECT pg_backend_pid() AS pid \gset
\set rmcmd 'rm -f ' :binfile ' /tmp/conflict_stats_series_recv_' :pid '.bin'
-- (no rows: rm reads no input, and a row written after it exited would be EPIPE)
COPY (SELECT 1 WHERE false) TO PROGRAM :'rmcmd';

-- ---------------------------------------------------------------------------
-- report_series

-- rows in any order; a series of dates is a calendar series, one of
-- timestamptz values a series of instants; NULL rows are skipped
SELECT report_series(total, at)
FROM (VALUES (250.0, '2024-02-01'::date), (100.0, '2024-01-01'), (NULL, '2024-01-15'),
			 (300.0, NULL), (175.0, '2024-01-16')) v(total, at);
SELECT report_series(total, at)
FROM (VALUES (250.0, '2024-02-01 12:00+02'::timestamptz), (100.0, '2024-01-01 00:00+00')) v(total, at);
-- no rows, and only NULL rows: NULL
SELECT report_series(total, at) IS NULL AS no_rows
FROM (VALUES (1.0, '2024-01-01'::date)) v(total, at) WHERE false;
SELECT report_series(total, at) IS NULL AS only_nulls
FROM (VALUES (NULL::float8, '2024-01-01'::date), (1.0, NULL)) v(total, at);

-- same instant: the larger total is kept, whatever the input order
SELECT report_series(total, at ORDER BY total ASC) AS ascending,
	   report_series(total, at ORDER BY total DESC) AS descending
FROM (VALUES (120.0, '2024-01-01'::date), (100.0, '2024-01-01'), (90.0, '2024-01-02'),
			 (95.0, '2024-01-02'), (-1.0, '2024-01-03')) v(total, at);
SELECT report_series(total, at ORDER BY total ASC)::text = report_series(total, at ORDER BY total DESC)::text AS same
FROM (SELECT (i % 7)::float8, '2024-01-01'::date + i % 5 FROM generate_series(1, 100) i) v(total, at);

-- rows in a few ascending runs (merged), in many runs and in no order
-- (sorted) give the same series as rows in time order
SELECT report_series(i::float8, '2024-01-01'::timestamptz + (i / 2) * interval '1 hour' ORDER BY i % 3, i)::text = o AS three_runs,
	   report_series(i::float8, '2024-01-01'::timestamptz + (i / 2) * interval '1 hour' ORDER BY i % 20, i)::text = o AS twenty_runs,
	   report_series(i::float8, '2024-01-01'::timestamptz + (i / 2) * interval '1 hour' ORDER BY (i * 37) % 1000)::text = o AS no_order,
	   report_series(i::float8, '2024-01-01'::timestamptz + (i / 2) * interval '1 hour' ORDER BY i DESC)::text = o AS descending
FROM generate_series(0, 999) i,
	 (SELECT report_series(i::float8, '2024-01-01'::timestamptz + (i / 2) * interval '1 hour' ORDER BY i)::text AS o
	  FROM generate_series(0, 999) i) v
GROUP BY o;

-- bad rows
SELECT report_series(total, at) FROM (VALUES ('NaN'::float8, '2024-01-01'::date)) v(total, at);
SELECT report_series(total, at) FROM (VALUES ('Infinity'::float8, '2024-01-01'::date)) v(total, at);
SELECT report_series(total, at) FROM (VALUES (1.0, 'infinity'::date)) v(total, at);
SELECT report_series(total, at) FROM (VALUES (1.0, '-infinity'::timestamptz)) v(total, at);
SELECT report_series(total, at) FROM (VALUES (1.0, '5000000-01-01'::date)) v(total, at);

-- ---------------------------------------------------------------------------
-- accessors

SELECT num_reports(s), num_decreases(s)
FROM (VALUES ('{}'::series), ('{(2024-01-01,0),(2024-02-01,300),(2024-03-01,250),(2024-04-01,400),(2024-05-01,100)}')) v(s);
-- total_at: at a report, between reports, outside the span, date overload
SELECT at, total_at('{(2024-01-01,100),(2024-01-11,200),(2024-01-21,150)}', at)
FROM (VALUES ('2023-12-31 23:59:59.999999+00'::timestamptz), ('2024-01-01'), ('2024-01-06'),
			 ('2024-01-06 12:00'), ('2024-01-11'), ('2024-01-16'), ('2024-01-21'),
			 ('2024-01-21 00:00:00.000001')) v(at);
SELECT total_at('{(2024-01-01,100),(2024-01-11,200)}', '2024-01-04'::date) AS date_overload,
	   total_at('{(2024-01-01,100),(2024-01-11,200)}', 'infinity'::date) AS infinite,
	   total_at('{}', '2024-01-04'::date) AS empty,
	   total_at('{(2024-01-01,100)}', '2024-01-01'::date) AS single;

-- ---------------------------------------------------------------------------
-- losses_by_period: hand-worked monthly examples

-- reports exactly on the month edges: 31 and 29 and 31 days at 10 a day.
-- The last report (1 April) is the end of the span: no April row.
SELECT * FROM losses_by_period(
	'{(2024-01-01,0),(2024-02-01,310),(2024-03-01,600),(2024-04-01,910)}', '1 month');

-- sparse reports mid-month: the month edges are interpolated, the span's
-- ends clipped to the first and last report (10 a day throughout)
SELECT * FROM losses_by_period('{(2024-01-16,100),(2024-03-16,700)}', '1 month');

-- an irregular series: interpolation at Feb 1 between Jan 21 and Feb 11
SELECT period_start, period_end, round(losses::numeric, 6) AS losses,
	   round(per_day::numeric, 6) AS per_day, reports, interpolated
FROM losses_by_period('{(2024-01-05,0),(2024-01-21,300),(2024-02-11,500),(2024-02-20,530),(2024-03-10,600)}', '1 month');
-- the losses add up to last minus first
SELECT sum(losses) AS sum_losses, sum(reports) AS sum_reports
FROM losses_by_period('{(2024-01-05,0),(2024-01-21,300),(2024-02-11,500),(2024-02-20,530),(2024-03-10,600)}', '1 month');

-- in the select list (rows streamed one per call) the same rows
SELECT (losses_by_period('{(2024-01-16,100),(2024-03-16,700)}', '1 month')).*;

-- a single report, and no report: no rows
SELECT * FROM losses_by_period('{(2024-01-16,100)}', '1 month');
SELECT * FROM losses_by_period('{}', '1 month');

-- a span within one bucket: one row
SELECT * FROM losses_by_period('{(2024-01-10,100),(2024-01-20,150)}', '1 month');

-- decreases: revision lets a period go negative, clamp counts a fall as zero
SELECT 'revision' AS policy, * FROM losses_by_period(
	'{(2024-01-01,0),(2024-02-01,300),(2024-03-01,250),(2024-04-01,400)}', '1 month')
UNION ALL
SELECT 'clamp', * FROM losses_by_period(
	'{(2024-01-01,0),(2024-02-01,300),(2024-03-01,250),(2024-04-01,400)}', '1 month',
	on_decrease => 'clamp')
ORDER BY 1 DESC, 2;
-- clamp rebuild inside a bucket: 0, 300, 250, 400 becomes 0, 300, 300, 450
SELECT policy, losses, reports
FROM unnest(ARRAY['revision', 'clamp']) policy,
	 losses_by_period('{(2024-01-01,0),(2024-01-10,300),(2024-01-20,250),(2024-01-30,400)}',
					  '1 year', on_decrease => policy);

-- calendar buckets from other origins
-- month ends: origin + k * '1 month' from 31 January (Feb 29, Mar 31, Apr 30)
SELECT period_start, period_end, losses, reports
FROM losses_by_period('{(2024-01-31,0),(2024-05-30,1200)}', '1 month', '2024-01-31 00:00+00');
-- an origin far before or after the span gives the same edges
SELECT count(*) AS rows, bool_and(a.period_start = b.period_start AND a.losses = b.losses) AS same
FROM losses_by_period('{(2024-01-16,100),(2024-06-16,700)}', '1 month') WITH ORDINALITY a
JOIN losses_by_period('{(2024-01-16,100),(2024-06-16,700)}', '1 month', '1800-01-01 00:00+00') WITH ORDINALITY b
	USING (ordinality)
JOIN losses_by_period('{(2024-01-16,100),(2024-06-16,700)}', '1 month', '2400-01-01 00:00+00') WITH ORDINALITY c
	USING (ordinality)
WHERE b.period_start = c.period_start;
-- years, weeks, hours
SELECT period_start, period_end, round(losses::numeric, 3) AS losses, round(per_day::numeric, 6) AS per_day, reports
FROM losses_by_period('{(2023-07-01,0),(2024-07-01,366)}', '1 year');
SELECT period_start, period_end, losses, per_day, reports, interpolated
FROM losses_by_period('{(2024-01-01,0),(2024-01-15 12:00,145)}', '1 week', '2024-01-01 00:00+00');
SELECT period_start, losses, per_day
FROM losses_by_period('{(2024-01-01 00:00,0),(2024-01-01 02:30,5)}', '1 hour');

-- '1 day' across the spring change of clocks in Kyiv: 31 March 2024 has 23
-- hours; at a steady 1 per hour it shows 23 losses and still 24 per day
SET TimeZone = 'Europe/Kyiv';
SELECT period_start, period_end, losses, per_day, reports, interpolated
FROM losses_by_period('{(2024-03-30 00:00+02,0),(2024-04-02 00:00+03,71)}', '1 day', '2024-03-30 00:00+02');
-- and the autumn change: 27 October 2024 has 25 hours
SELECT period_start, period_end, losses, per_day
FROM losses_by_period('{(2024-10-26 00:00+03,0),(2024-10-29 00:00+02,73)}', '1 day', '2024-10-26 00:00+03');
-- months follow the session's calendar: local midnight on the 1st
SELECT period_start, period_end, reports
FROM losses_by_period('{(2024-01-16,100),(2024-03-16,700)}', '1 month', '2024-01-01 00:00+02');
SET TimeZone = 'UTC';

-- a series of instants bucketed in a named zone, whatever the session's:
-- months start at Kyiv midnight, +02 in winter and +03 in summer
SELECT period_start, period_end, round(losses::numeric, 3) AS losses, reports, interpolated
FROM losses_by_period('{(2024-02-15T00:00:00Z,0),(2024-05-15T00:00:00Z,900)}', '1 month',
					  time_zone => 'Europe/Kyiv');
-- and '1 day' buckets there across the spring change (a 23-hour day)
SELECT period_start, period_end, losses, per_day
FROM losses_by_period('{(2024-03-30T12:00:00Z,0),(2024-04-01T12:00:00Z,48)}', '1 day',
					  time_zone => 'Europe/Kyiv');
-- the default origin is local midnight of 1 January 2000 in that zone
SELECT a.period_start = b.period_start AS default_origin_is_local_midnight
FROM losses_by_period('{(2024-02-15T00:00:00Z,0),(2024-05-15T00:00:00Z,900)}', '1 month',
					  time_zone => 'Asia/Tokyo') a,
	 losses_by_period('{(2024-02-15T00:00:00Z,0),(2024-05-15T00:00:00Z,900)}', '1 month',
					  '2000-01-01 00:00+09', time_zone => 'Asia/Tokyo') b
LIMIT 1;
-- a series of dates is bucketed on its dates; an unknown zone is refused
SELECT * FROM losses_by_period('{(2024-01-01,0),(2024-02-01,1)}', '1 month', time_zone => 'Europe/Kyiv');
SELECT * FROM losses_by_period('{(2024-01-01T00:00:00Z,0),(2024-02-01T00:00:00Z,1)}', '1 month',
							   time_zone => 'Mars/Olympus_Mons');
SELECT pg_temp.sqlstate_of($$SELECT * FROM conflict_stats.losses_by_period('{(2024-01-01T00:00:00Z,0),(2024-02-01T00:00:00Z,1)}', '1 month', time_zone => 'Mars/Olympus_Mons')$$) AS unknown_zone;

-- bad arguments
SELECT * FROM losses_by_period('{(2024-01-01,0),(2024-02-01,1)}', '1 month', on_decrease => 'reset');
SELECT * FROM losses_by_period('{(2024-01-01,0),(2024-02-01,1)}', '1 month', on_decrease => 'Clamp');
SELECT * FROM losses_by_period('{(2024-01-01,0),(2024-02-01,1)}', '0 days');
SELECT * FROM losses_by_period('{(2024-01-01,0),(2024-02-01,1)}', '-1 month');
SELECT * FROM losses_by_period('{(2024-01-01,0),(2024-02-01,1)}', '1 month -30 days');
SELECT * FROM losses_by_period('{(2024-01-01,0),(2024-12-01,1)}', '1 month -29 days', '2024-01-31 00:00+00');
SELECT * FROM losses_by_period('{(2024-01-01,0),(2024-02-01,1)}', '1 month', 'infinity');
SELECT * FROM losses_by_period('{(2024-01-01,0),(2024-02-01,1)}', '300000 years');
-- a tiny bucket far from its origin is found without stepping from the origin
SELECT count(*), sum(losses), min(period_start), max(period_end)
FROM losses_by_period('{(2024-01-01,0),(2024-01-01 00:00:00.001,1000)}', '1 microsecond', '1000-01-01 00:00+00');
SELECT pg_temp.sqlstate_of($$SELECT * FROM conflict_stats.losses_by_period('{(2024-01-01,0),(2024-02-01,1)}', '1 month', on_decrease => 'reset')$$) AS bad_policy,
	   pg_temp.sqlstate_of($$SELECT * FROM conflict_stats.losses_by_period('{(2024-01-01,0),(2024-02-01,1)}', '0 days')$$) AS zero_bucket,
	   pg_temp.sqlstate_of($$SELECT * FROM conflict_stats.losses_by_period('{(2024-01-01,0),(2024-02-01,1)}', '-1 month')$$) AS negative_bucket;
-- NULL arguments give no rows
SELECT count(*) FROM losses_by_period(NULL, '1 month');
SELECT count(*) FROM losses_by_period('{(2024-01-01,0),(2024-02-01,1)}', '1 month', on_decrease => NULL);

-- ---------------------------------------------------------------------------
-- stored, toasted, grouped

CREATE TEMP TABLE claims_t (side text, day date, total float8);
INSERT INTO claims_t
SELECT side, '2024-01-01'::date + d, round(1000 * d + 50 * sin(d) + CASE side WHEN 'a' THEN 0 ELSE 7 * d END)
FROM generate_series(0, 365) d, unnest(ARRAY['a', 'b']) side;
CREATE TEMP TABLE series_t AS
SELECT side, report_series(total, day) AS s FROM claims_t GROUP BY side;
SELECT side, num_reports(s), num_decreases(s), total_at(s, '2024-07-01'::date),
	   pg_column_size(s) < 16 + 16 * 366 AS compressed
FROM series_t ORDER BY side;
SELECT side, to_char(period_start, 'YYYY-MM') AS month, losses, round(per_day::numeric, 3) AS per_day, reports
FROM series_t, losses_by_period(s, '3 months')
ORDER BY side, period_start;

-- a large series round trips through a table
CREATE TEMP TABLE big_t AS
SELECT report_series(i::float8, '2000-01-01'::timestamptz + i * interval '1 minute') AS s
FROM generate_series(1, 200000) i;
SELECT num_reports(s), pg_column_size(s) < 16 + 16 * 200000 AS compressed,
	   s::text::series::text = s::text AS text_round_trip
FROM big_t;

-- ---------------------------------------------------------------------------
-- forced parallel plan: partial aggregates in the workers, the same answer

CREATE TABLE ser_par (g int, day date, total float8);
INSERT INTO ser_par
SELECT i % 4, '2000-01-01'::date + (i * 7919) % 20000, ((i * 7919) % 20000) * 3 + i % 4
FROM generate_series(1, 100000) i;
ANALYZE ser_par;
SELECT string_agg(md5(s::text), ',' ORDER BY g) AS serial_groups
FROM (SELECT g, report_series(total, day) AS s FROM ser_par GROUP BY g) v \gset
SELECT md5(report_series(total, day)::text) AS serial_md5 FROM ser_par \gset
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT string_agg(md5(s::text), ',' ORDER BY g) AS serial_groups
FROM (SELECT g, report_series(total, day) AS s FROM ser_par GROUP BY g) v;
SELECT string_agg(md5(s::text), ',' ORDER BY g) = :'serial_groups' AS same_as_serial, count(*) AS groups
FROM (SELECT g, report_series(total, day) AS s FROM ser_par GROUP BY g) v;
EXPLAIN (COSTS OFF)
SELECT report_series(total, day) FROM ser_par;
SELECT md5(report_series(total, day)::text) = :'serial_md5' AS same_as_serial,
	   num_reports(report_series(total, day))
FROM ser_par;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- the state is a series itself: a partial state read back from text and
-- combined gives the serial answer (binary: test/crosscheck_series.py); the combine takes expanded
-- and flat states, and series of version 1 and 2 alike
SELECT md5(series_agg_final(series_agg_combine(a::text::series, b::text::series))::text) = :'serial_md5'
		   AS text_round_trip_same,
	   series_agg_final(series_agg_combine(NULL, a))::text = a::text AS combine_with_null,
	   series_agg_combine(a, NULL)::text = a::text AS combine_null_second
FROM (SELECT report_series(total, day) FILTER (WHERE g < 2) AS a,
			 report_series(total, day) FILTER (WHERE g >= 2) AS b FROM ser_par) h;
-- estimates: a parallel plan, a partial state of version 2 through text, and
-- one of version 1 (every report exact) combined with one of version 2
CREATE TABLE ser_par_est AS
SELECT g, day, (CASE WHEN total::bigint % 3 = 0 THEN '~' WHEN total::bigint % 3 = 1 THEN '>' ELSE '' END
				|| total::bigint)::estimate AS e
FROM ser_par;
ANALYZE ser_par_est;
SELECT md5(report_series(e, day)::text) AS serial_est_md5 FROM ser_par_est \gset
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT report_series(e, day) FROM ser_par_est;
SELECT md5(report_series(e, day)::text) = :'serial_est_md5' AS same_as_serial,
	   num_reports(report_series(e, day))
FROM ser_par_est;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SELECT md5(series_agg_final(series_agg_combine(a::text::series, b::text::series))::text) = :'serial_est_md5'
		   AS text_round_trip_same
FROM (SELECT report_series(e, day) FILTER (WHERE g < 2) AS a,
			 report_series(e, day) FILTER (WHERE g >= 2) AS b FROM ser_par_est) h;
SELECT series_agg_combine('{(2024-01-02,5)}', '{(2024-01-01,~3),(2024-01-02,4)}')::text AS v1_then_v2,
	   series_agg_combine('{(2024-01-01,~3),(2024-01-02,4)}', '{(2024-01-02,5)}')::text AS v2_then_v1,
	   series_agg_combine('{}', '{(2024-01-02,5)}')::text AS empty_first;
SELECT series_agg_combine('{(2024-01-02,5)}', '{(2024-01-02T00:00:00Z,5)}');
-- mid-aggregation, as Citus ships partial states: an aggregate whose combine
-- reads both partial states back from their text (and so from outside the
-- aggregate's memory) gives the serial answer under a parallel plan, of
-- float8 reports and of estimates
CREATE FUNCTION ser_combine_via_text(a series, b series) RETURNS series
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS 'SELECT series_agg_combine(a::text::series, b::text::series)';
CREATE AGGREGATE ser_via_text(float8, date) (
	SFUNC = series_agg_trans, STYPE = series, FINALFUNC = series_agg_final,
	COMBINEFUNC = ser_combine_via_text, PARALLEL = SAFE);
CREATE AGGREGATE ser_via_text(estimate, date) (
	SFUNC = series_agg_trans, STYPE = series, FINALFUNC = series_agg_final,
	COMBINEFUNC = ser_combine_via_text, PARALLEL = SAFE);
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT ser_via_text(total, day) FROM ser_par;
SELECT md5(ser_via_text(total, day)::text) = :'serial_md5' AS float8_via_text_same
FROM ser_par;
SELECT md5(ser_via_text(e, day)::text) = :'serial_est_md5' AS estimates_via_text_same
FROM ser_par_est;
SELECT string_agg(md5(s::text), ',' ORDER BY g) = :'serial_groups' AS groups_via_text_same
FROM (SELECT g, ser_via_text(total, day) AS s FROM ser_par GROUP BY g) v;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP AGGREGATE ser_via_text(float8, date);
DROP AGGREGATE ser_via_text(estimate, date);
DROP FUNCTION ser_combine_via_text(series, series);
DROP TABLE ser_par_est;
-- in a window the final function runs after every row on a growing state
SELECT day, num_reports(report_series(total, day) OVER w), total_at(report_series(total, day) OVER w, day),
	   num_reports(report_series(total::text::estimate, day) OVER w)
FROM (VALUES ('2024-01-03'::date, 30::float8), ('2024-01-01', 10), ('2024-01-02', 20), ('2024-01-02', 25)) v(day, total)
WINDOW w AS (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
ORDER BY day, total;
DROP TABLE ser_par;
