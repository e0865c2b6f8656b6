--
-- 1.2: meaning carried into periods.  report_series over estimates keeps
-- each report's estimate (series format 2), losses_by_period says which
-- buckets are partial and gives each period's losses as an estimate, and
-- the aggregates take timestamp (without time zone) as calendar values.
--
SET search_path = conflict_stats, public;
SET extra_float_digits = 0;

-- the SQLSTATE and detail of a text that is not a series
CREATE FUNCTION pg_temp.series_error(t text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	detail text;
BEGIN
	PERFORM t::conflict_stats.series;
	RETURN 'valid';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || detail;
END
$$;

-- ---------------------------------------------------------------------------
-- series format 2: text

-- estimates in the value slot, bare or double-quoted; the canonical text
-- quotes the general form (it holds a space, a comma, brackets)
SELECT '{(2024-09-01,~616300),(2024-09-02,"20 [15,)")}'::series;
SELECT '{(2024-09-01, ~616300 ),(2024-09-02,">=620000"),(2024-09-03,"640000 [630000,650000]"),(2024-09-04,600..700000)}'::series;
SELECT '{(2024-09-01T00:00:00Z,~616300),(2024-09-02T00:00:00Z,<=620000)}'::series;
-- every report exact: version 1, printed as 1.1 prints it
SELECT '{(2024-09-01,100),(2024-09-02,"200"),(2024-09-03,300 [300,300])}'::series;
-- read back bit for bit whatever extra_float_digits is
SET extra_float_digits = -15;
SELECT s::text::series::text = s::text AS same_text, series_send(s::text::series) = series_send(s) AS same_bytes
FROM (VALUES ('{(2024-09-01,~0.1),(2024-09-02,"0.30000000000000004 [0.2,)"),(2024-09-03,1e300)}'::series),
			 ('{(2024-09-01T12:00:00.5Z,>1.5),(2024-09-02T00:00:00Z,<=2.25)}')) v(s);
SET extra_float_digits = 0;
-- bad estimates and bad order are invalid input, as for numbers
SELECT pg_temp.series_error('{(2024-09-01,~1),(2024-09-01,~2)}') AS duplicate_time;
SELECT pg_temp.series_error('{(2024-09-02,~1),(2024-09-01,~2)}') AS out_of_order;
SELECT pg_temp.series_error('{(2024-09-01,"~1)}') AS unterminated_quote;
SELECT pg_temp.series_error('{(2024-09-01,"5 [6,7]")}') AS best_outside;
SELECT '{(2024-09-01,~abc)}'::series;

-- accessors read the best value of each report
SELECT * FROM reports('{(2024-09-01,~616300),(2024-09-02,"620000 [615000,)")}');
SELECT num_reports('{(2024-09-01,~616300),(2024-09-02,"620000 [615000,)")}'::series),
	   num_decreases('{(2024-09-01,~616300),(2024-09-02,<616000)}'::series),
	   total_at('{(2024-09-01,~616300),(2024-09-03,"620000 [615000,)")}'::series, '2024-09-02'::date);

-- ---------------------------------------------------------------------------
-- series format 2: binary (pinned bytes, COPY round trip, receive checks)

-- version 2, flags (calendar | estimates), count, then per report the
-- instant and the estimate's 26-byte wire form
SELECT series_send('{(2024-09-01,~616300),(2024-09-02,"620000 [615000,)")}');
-- an exact series keeps version 1's bytes
SELECT series_send('{(2024-01-01,100),(2024-02-01,"250")}')
	 = series_send('{(2024-01-01,100),(2024-02-01,250)}') AS version_1_bytes;

CREATE TEMP TABLE per_bin (id int, s series);
INSERT INTO per_bin VALUES
	(1, '{(2024-09-01,~616300),(2024-09-02,"620000 [615000,)")}'),
	(2, '{(2024-09-01T12:00:00Z,>0.1),(2024-09-02T00:00:00Z,"0.5 (0.25,1e300]")}'),
	(3, '{(2024-01-01,100),(2024-02-01,250)}');
SELECT '/tmp/conflict_stats_periods_' || pg_backend_pid() || '.bin' AS binfile \gset
COPY per_bin TO :'binfile' (FORMAT binary);
CREATE TEMP TABLE per_bin2 (LIKE per_bin);
COPY per_bin2 FROM :'binfile' (FORMAT binary);
SELECT a.id, a.s::text = b.s::text AS same, series_send(a.s) = series_send(b.s) AS same_bytes
FROM per_bin a JOIN per_bin2 b USING (id) ORDER BY id;

CREATE TEMP TABLE per_recv (s series);
CREATE FUNCTION pg_temp.recv_bytes(b bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	f text := '/tmp/conflict_stats_periods_recv_' || pg_backend_pid() || '.bin';
	detail text;
BEGIN
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', b, f);
	TRUNCATE per_recv;
	EXECUTE format('COPY per_recv FROM %L (FORMAT binary)', f);
	RETURN (SELECT s::text FROM per_recv);
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || SQLERRM || ' / ' || detail;
END
$$;
-- good bytes
SELECT series_send('{(2024-09-01,~616300),(2024-09-02,"620000 [615000,)")}') AS good \gset
SELECT pg_temp.recv_bytes(:'good');
-- a version 2 whose reports are all exact reads as version 1
SELECT pg_temp.recv_bytes('\x0203000000010002c4024630c000010f4122ced8000000004122ced800000000'
						  '4122ced800000000');
-- flags without the estimates bit, unknown flags, a bad estimate (its
-- version, then a best value outside its bounds), a short message, a count
-- the bytes do not hold, times out of order
SELECT pg_temp.recv_bytes(set_byte(:'good', 1, 1));
SELECT pg_temp.recv_bytes(set_byte(:'good', 1, 7));
SELECT pg_temp.recv_bytes(set_byte(:'good', 14, 9));
SELECT pg_temp.recv_bytes(set_byte(:'good', 50, 64));
SELECT pg_temp.recv_bytes(substring(:'good'::bytea from 1 for 40));
SELECT pg_temp.recv_bytes(set_byte(:'good', 5, 3));
SELECT pg_temp.recv_bytes(overlay(:'good'::bytea placing substring(:'good'::bytea from 41 for 34) from 7));
SELECT pg_backend_pid() AS pid \gset
\set rmcmd 'rm -f ' :binfile ' /tmp/conflict_stats_periods_recv_' :pid '.bin'
COPY (SELECT 1 WHERE false) TO PROGRAM :'rmcmd';

-- ---------------------------------------------------------------------------
-- report_series over estimates keeps each report's estimate

SELECT report_series(v, d)
FROM (VALUES ('~616300'::estimate, '2024-09-01'::date), ('620000 [615000,)', '2024-09-02'),
			 (NULL, '2024-09-03'), ('>621000', NULL)) r(v, d);
-- of two reports at one instant the larger by the estimate order is kept,
-- whatever the input order
SELECT report_series(v, d ORDER BY k) AS forward, report_series(v, d ORDER BY k DESC) AS backward
FROM (VALUES (1, '~100'::estimate, '2024-09-01'::date), (2, '>100', '2024-09-01'),
			 (3, '100 [90,110]', '2024-09-01'), (4, '99', '2024-09-02'), (5, '~99', '2024-09-02')) r(k, v, d);
-- exact estimates make a version-1 series, equal to the float8 one
SELECT report_series(v::estimate, d)::text = report_series(v, d)::text AS same,
	   series_send(report_series(v::estimate, d)) = series_send(report_series(v, d)) AS same_bytes
FROM (VALUES (100::float8, '2024-09-01'::date), (250, '2024-09-02')) r(v, d);
-- an instant series of estimates
SELECT report_series(v, t)
FROM (VALUES ('~616300'::estimate, '2024-09-01 00:00+03'::timestamptz), ('~617600', '2024-09-02 00:00+03')) r(v, t);

-- ---------------------------------------------------------------------------
-- losses_by_period: partial and figure

-- a float8 series: partial for the first and last buckets only; figure is
-- exact and equals losses where reports lie on both edges, ~losses where an
-- edge was interpolated
SELECT period_start::date, period_end::date, losses, reports, interpolated, partial, figure
FROM losses_by_period('{(2024-01-16,100),(2024-02-01,300),(2024-03-01,700),(2024-04-01,900),(2024-04-16,1000)}', '1 month');
-- edges between reports: interpolated, so approximate
SELECT period_start::date, losses, interpolated, partial, figure
FROM losses_by_period('{(2024-01-16,100),(2024-03-16,700)}', '1 month');
-- reports exactly on the span's edges: no bucket is partial
SELECT period_start::date, losses, partial, figure
FROM losses_by_period('{(2024-01-01,0),(2024-02-01,310),(2024-03-01,600)}', '1 month');
-- estimates: the difference of the edge estimates (interval subtraction);
-- an interpolated edge interpolates the bounds and is approximate
SELECT period_start::date, losses, interpolated, partial, figure,
	   best(figure) = losses AS best_is_losses
FROM losses_by_period('{(2024-01-01,"1000 [900,1100]"),(2024-02-01,"2000 [1800,2200]"),(2024-03-01,"4000 [3500,)"),(2024-03-16,~4500)}', '1 month');
-- between reports stated as ranges, and from a report "about" a range: the
-- figure is approximate whatever its shape
SELECT period_start::date, losses, interpolated, partial, figure, qualifier(figure)
FROM losses_by_period('{(2024-01-22,"1000 [900,1100]"),(2024-02-11,"2000 [1800,2200]"),(2024-03-01,~3000..3400)}', '1 month');
-- clamp: each report's estimate shifts with its best value
SELECT period_start::date, losses, figure
FROM losses_by_period('{(2024-01-01,"1000 [900,1100]"),(2024-02-01,"800 [700,900]"),(2024-03-01,"1200 [1100,1300]")}',
					  '1 month', on_decrease => 'clamp');

-- ---------------------------------------------------------------------------
-- the General Staff's daily claims (test/data/ukraine-gs), cut mid-month:
-- "about" figures kept, partial exactly at the two clipped ends

\set gs `cat test/data/ukraine-gs/russia_losses_personnel.json`
CREATE TEMP TABLE gs AS
SELECT (e->>'date')::date AS day,
	   (CASE e->>'personnel*' WHEN 'about' THEN '~' WHEN 'more' THEN '>' ELSE '' END
		|| (e->>'personnel'))::estimate AS personnel
FROM jsonb_array_elements(:'gs'::jsonb) e;
CREATE TEMP TABLE gs_months AS
SELECT l.* FROM (SELECT report_series(personnel, day) AS s FROM gs WHERE day <= '2024-12-15') q,
	 losses_by_period(q.s, '1 month') l;
SELECT period_start::date, losses, partial, figure, describe(figure)
FROM gs_months WHERE period_start IN ('2024-09-01', '2024-12-01') OR partial ORDER BY period_start;
SELECT count(*) AS months, count(*) FILTER (WHERE partial) AS partial_months,
	   bool_and(best(figure) = losses) AS best_is_losses
FROM gs_months;
-- the full month of December
SELECT losses, partial, describe(figure)
FROM (SELECT report_series(personnel, day) AS s FROM gs) q, losses_by_period(q.s, '1 month') l
WHERE period_start = '2024-12-01';

-- ---------------------------------------------------------------------------
-- timestamp (without time zone): calendar values of the wall-clock time;
-- the same answers in every zone are in timezones.sql

SET TimeZone = 'America/New_York';
SELECT report_series(v, t)
FROM (VALUES (100::float8, '2024-09-01 00:00'::timestamp), (250, '2024-09-02 12:30')) r(v, t);
SELECT report_series(v, t)
FROM (VALUES ('~616300'::estimate, '2024-09-01'::timestamp), ('~617600', '2024-09-02')) r(v, t);
SELECT first_at(trend_agg(v, t)), num_points(trend_agg(v::text::estimate, t)),
	   first_at(cumulative_agg(v, t)), num_reports(cumulative_agg(v::text::estimate, t)),
	   sparkline(v, t), sparkline(v, t, 1)
FROM (VALUES (100::float8, '2024-09-01 00:00'::timestamp), (250, '2024-09-02 12:30')) r(v, t);
SELECT total_at('{(2024-09-01,100),(2024-09-03,300)}'::series, timestamp '2024-09-02 12:00');
RESET TimeZone;
-- infinite timestamps cannot be placed on the time axis (22008)
CREATE FUNCTION pg_temp.sqlstate_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END
$$;
SELECT pg_temp.sqlstate_of($$SELECT conflict_stats.report_series(1::float8, 'infinity'::timestamp)$$) AS report_series,
	   pg_temp.sqlstate_of($$SELECT conflict_stats.report_series('~1'::conflict_stats.estimate, '-infinity'::timestamp)$$) AS report_series_est,
	   pg_temp.sqlstate_of($$SELECT conflict_stats.trend_agg(1::float8, 'infinity'::timestamp)$$) AS trend_agg,
	   pg_temp.sqlstate_of($$SELECT conflict_stats.trend_agg(1::float8, 'infinity'::timestamp) OVER ()$$) AS trend_window,
	   pg_temp.sqlstate_of($$SELECT conflict_stats.cumulative_agg(1::float8, 'infinity'::timestamp)$$) AS cumulative_agg,
	   pg_temp.sqlstate_of($$SELECT conflict_stats.sparkline(1::float8, 'infinity'::timestamp)$$) AS sparkline,
	   pg_temp.sqlstate_of($$SELECT conflict_stats.sparkline(1::float8, 'infinity'::timestamp, 5)$$) AS sparkline_width;
