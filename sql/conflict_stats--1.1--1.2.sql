/* conflict_stats--1.1--1.2.sql: update of conflict_stats from 1.1 to 1.2 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION conflict_stats UPDATE TO '1.2'" to load this file. \quit

-- Figures in running text (1.2): one phrase as a reporter writes it, and
-- every figure of a text with its rate unit, noun phrase and place.
CREATE FUNCTION conflict_stats.read_figure(phrase text, OUT figure conflict_stats.estimate,
										   OUT per interval, OUT what text)
	AS 'MODULE_PATHNAME', 'estimate_read_figure' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.read_figure(text) IS 'the figure a phrase starts with, as the estimate type reads it (the longest figure there), its rate unit (a day, per week, monthly, /year ...: 1 day, 7 days, 1 mon, 1 year; NULL for none) right after the figure or ending the phrase, and what: the rest of the phrase, less the rate unit and one leading "of", trimmed (NULL when empty); 22P02 when the phrase does not start with a figure';

CREATE FUNCTION conflict_stats.figures_in(body text)
	RETURNS TABLE (figure conflict_stats.estimate, per interval, what text, phrase text,
				   start integer, length integer)
	AS 'MODULE_PATHNAME', 'estimate_figures_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION conflict_stats.figures_in(text) IS 'every figure stated in a text, in order: the figure, its rate unit, the noun phrase after it (by the rule README.md states), the phrase (qualifier, number, scale, rate, noun) and its place in characters, phrase = substr(body, start, length); years, dates, clock times, ordinals, numbers inside names and a/one alone are not figures';

-- the approximate mark and the stated centre: new qualifiers, within widens soft sides
COMMENT ON FUNCTION conflict_stats.qualifier(conflict_stats.estimate) IS 'exact, about, more than, at least, fewer than, at most, range, nearly, just over or about range: the form of the canonical output';
COMMENT ON FUNCTION conflict_stats.within(conflict_stats.estimate, conflict_stats.estimate, float8) IS 'whether two figures can both be true when "about X" is read as X plus or minus tolerance times |X|, and an approximate figure''s open side likewise and its stated bounds moved outward by tolerance times the bound (other figures keep their stated ranges)';

-- ---------------------------------------------------------------------------
-- Meaning carried into periods: report_series keeps each report's estimate
-- (a series of estimates is format 2; the type's functions read both), and
-- losses_by_period gains the columns partial and figure.
-- ---------------------------------------------------------------------------

COMMENT ON TYPE conflict_stats.series IS 'cumulative reports (time, running total) in time order, one per time, as report_series builds them; text form {(2024-01-01,100),(2024-02-01,250)} for a series of dates, {(2024-01-01T00:00:00Z,100)} for one of instants (in UTC); a series of estimates that are not all exact keeps each (format 2): {(2024-09-01,~616300),(2024-09-02,"20 [15,)")}';
COMMENT ON AGGREGATE conflict_stats.report_series(conflict_stats.estimate, timestamptz) IS 'every cumulative report stated as an estimate, kept with its qualifier and bounds, in time order as a series of instants; of two reports at the same instant the larger by the estimate order (best value first) is kept; NULL rows are skipped';
COMMENT ON AGGREGATE conflict_stats.report_series(conflict_stats.estimate, date) IS 'every cumulative report stated as an estimate, kept with its qualifier and bounds, in time order as a series of dates; of two reports on the same date the larger by the estimate order (best value first) is kept; NULL rows are skipped';

-- PostgreSQL cannot add OUT columns to a function in place: the update drops
-- and recreates losses_by_period.  A view using it would block the drop (or
-- go with it), so the update stops first, naming the views.
DO $$
DECLARE
	views text;
BEGIN
	SELECT string_agg(DISTINCT r.ev_class::regclass::text, ', ')
	  INTO views
	  FROM pg_catalog.pg_depend d
	  JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
	 WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass
	   AND d.refclassid = 'pg_catalog.pg_proc'::regclass
	   AND d.refobjid = 'conflict_stats.losses_by_period(conflict_stats.series, interval, timestamptz, text, text)'::regprocedure;
	IF views IS NOT NULL THEN
		RAISE EXCEPTION 'cannot update conflict_stats to 1.2: views use losses_by_period: %', views
			USING ERRCODE = 'dependent_objects_still_exist',
				  DETAIL = 'The update drops and recreates losses_by_period, which gains the columns partial and figure.',
				  HINT = 'Save each view''s definition (SELECT pg_get_viewdef(''name''::regclass, true)), drop the views, run ALTER EXTENSION conflict_stats UPDATE, then create the views again.';
	END IF;
END
$$;

DROP FUNCTION conflict_stats.losses_by_period(conflict_stats.series, interval, timestamptz, text, text);

CREATE FUNCTION conflict_stats.losses_by_period(
		s conflict_stats.series,
		bucket interval,
		origin timestamptz DEFAULT NULL,
		on_decrease text DEFAULT 'revision',
		time_zone text DEFAULT NULL)
	RETURNS TABLE (period_start timestamptz, period_end timestamptz, losses float8,
				   per_day float8, reports integer, interpolated boolean,
				   partial boolean, figure conflict_stats.estimate)
	AS 'MODULE_PATHNAME', 'series_losses_by_period'
	LANGUAGE C STABLE PARALLEL SAFE ROWS 24;
COMMENT ON FUNCTION conflict_stats.losses_by_period(conflict_stats.series, interval, timestamptz, text, text) IS 'losses per bucket [origin + k*bucket, origin + (k+1)*bucket) in calendar arithmetic (a series of dates on its dates; a series of instants in time_zone, default the session''s; origin default midnight 1 January 2000): the difference of the totals interpolated at the bucket edges, clipped to the reported span, per day covered, reports inside, whether a total was interpolated, whether the bucket is partial (not wholly inside the reported span), and the losses as an estimate (the difference of the edge totals as estimates, approximate when a report used was or an edge was interpolated); on_decrease is revision (falls stand as corrections) or clamp (falls count as zero); NULL series, bucket or on_decrease give no rows';

-- ---------------------------------------------------------------------------
-- timestamp (without time zone): calendar values from the wall-clock time,
-- the same in every session time zone, as for date
-- ---------------------------------------------------------------------------

CREATE FUNCTION conflict_stats.trend_accum(conflict_stats.trend, float8, timestamp) RETURNS conflict_stats.trend
	AS 'MODULE_PATHNAME', 'trend_accum_local' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_accum(conflict_stats.trend, float8, timestamp) IS 'transition function of trend_agg(float8, timestamp): adds a row to a calendar summary at its wall-clock time';

CREATE FUNCTION conflict_stats.trend_accum(conflict_stats.trend, conflict_stats.estimate, timestamp) RETURNS conflict_stats.trend
	AS 'MODULE_PATHNAME', 'trend_accum_est_local' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_accum(conflict_stats.trend, conflict_stats.estimate, timestamp) IS 'transition function of trend_agg(estimate, timestamp): adds a row''s best value to a calendar summary at its wall-clock time';

CREATE FUNCTION conflict_stats.trend_maccum(internal, float8, timestamp) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_maccum_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_maccum(internal, float8, timestamp) IS 'moving-aggregate transition of trend_agg(float8, timestamp): adds a row to a window frame';

CREATE FUNCTION conflict_stats.trend_maccum(internal, conflict_stats.estimate, timestamp) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_maccum_est_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_maccum(internal, conflict_stats.estimate, timestamp) IS 'moving-aggregate transition of trend_agg(estimate, timestamp): adds a row to a window frame';

CREATE FUNCTION conflict_stats.trend_minv(internal, float8, timestamp) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_minv_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_minv(internal, float8, timestamp) IS 'inverse transition of trend_agg(float8, timestamp): removes the row leaving a window frame';

CREATE FUNCTION conflict_stats.trend_minv(internal, conflict_stats.estimate, timestamp) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_minv_est_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_minv(internal, conflict_stats.estimate, timestamp) IS 'inverse transition of trend_agg(estimate, timestamp): removes the row leaving a window frame';

CREATE AGGREGATE conflict_stats.trend_agg(value float8, at timestamp) (
	SFUNC = conflict_stats.trend_accum,
	STYPE = conflict_stats.trend,
	FINALFUNC = conflict_stats.trend_final,
	COMBINEFUNC = conflict_stats.trend_combine,
	INITCOND = 'n=0',
	MSFUNC = conflict_stats.trend_maccum,
	MINVFUNC = conflict_stats.trend_minv,
	MSTYPE = internal,
	MSSPACE = 2048,
	MFINALFUNC = conflict_stats.trend_mfinal,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.trend_agg(float8, timestamp) IS 'least-squares trend of value against timestamp (without time zone): a calendar summary of the wall-clock times, the same in every time zone; NULL rows skipped, NULL for no rows';

CREATE AGGREGATE conflict_stats.trend_agg(value conflict_stats.estimate, at timestamp) (
	SFUNC = conflict_stats.trend_accum,
	STYPE = conflict_stats.trend,
	FINALFUNC = conflict_stats.trend_final,
	COMBINEFUNC = conflict_stats.trend_combine,
	INITCOND = 'n=0',
	MSFUNC = conflict_stats.trend_maccum,
	MINVFUNC = conflict_stats.trend_minv,
	MSTYPE = internal,
	MSSPACE = 2048,
	MFINALFUNC = conflict_stats.trend_mfinal,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.trend_agg(conflict_stats.estimate, timestamp) IS 'least-squares trend of the best values of estimates against timestamp (without time zone): a calendar summary; NULL rows skipped, NULL for no rows';

CREATE FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, float8, timestamp) RETURNS conflict_stats.cumulative
	AS 'MODULE_PATHNAME', 'cumulative_trans_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, float8, timestamp) IS 'transition function of cumulative_agg(float8, timestamp): adds one report at its wall-clock time, skips a NULL row';

CREATE FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, conflict_stats.estimate, timestamp) RETURNS conflict_stats.cumulative
	AS 'MODULE_PATHNAME', 'cumulative_trans_est_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, conflict_stats.estimate, timestamp) IS 'transition function of cumulative_agg(estimate, timestamp): adds one report''s best value at its wall-clock time, skips a NULL row';

CREATE AGGREGATE conflict_stats.cumulative_agg(total float8, at timestamp) (
	SFUNC = conflict_stats.cumulative_trans,
	STYPE = conflict_stats.cumulative,
	COMBINEFUNC = conflict_stats.cumulative_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.cumulative_agg(float8, timestamp) IS 'summarizes cumulative reports (total as of a timestamp without time zone) into a calendar cumulative, the same in every time zone; input order does not matter';

CREATE AGGREGATE conflict_stats.cumulative_agg(total conflict_stats.estimate, at timestamp) (
	SFUNC = conflict_stats.cumulative_trans,
	STYPE = conflict_stats.cumulative,
	COMBINEFUNC = conflict_stats.cumulative_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.cumulative_agg(conflict_stats.estimate, timestamp) IS 'summarizes cumulative reports stated as estimates (their best values, as of a timestamp without time zone) into a calendar cumulative; input order does not matter';

-- report_series' state becomes the series type itself (in memory an
-- expanded object), so that partial states travel as series values: new
-- support functions, the aggregates replaced in place (views over them
-- stay), then the internal-typed functions dropped.
CREATE FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, float8, timestamptz) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, float8, timestamptz) IS 'transition function of report_series(float8, timestamptz)';

CREATE FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, float8, date) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_trans_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, float8, date) IS 'transition function of report_series(float8, date)';

CREATE FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, conflict_stats.estimate, timestamptz) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_trans_est' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, conflict_stats.estimate, timestamptz) IS 'transition function of report_series(estimate, timestamptz)';

CREATE FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, conflict_stats.estimate, date) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_trans_est_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, conflict_stats.estimate, date) IS 'transition function of report_series(estimate, date)';

CREATE FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, float8, timestamp) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_trans_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, float8, timestamp) IS 'transition function of report_series(float8, timestamp)';

CREATE FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, conflict_stats.estimate, timestamp) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_trans_est_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, conflict_stats.estimate, timestamp) IS 'transition function of report_series(estimate, timestamp)';

CREATE FUNCTION conflict_stats.series_agg_combine(conflict_stats.series, conflict_stats.series) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_combine(conflict_stats.series, conflict_stats.series) IS 'combine function of report_series: merges two partial states (series values, in memory or read back from text or binary)';

CREATE FUNCTION conflict_stats.series_agg_final(conflict_stats.series) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_final(conflict_stats.series) IS 'final function of report_series';

CREATE OR REPLACE AGGREGATE conflict_stats.report_series(total float8, at timestamptz) (
	SFUNC = conflict_stats.series_agg_trans,
	STYPE = conflict_stats.series,
	FINALFUNC = conflict_stats.series_agg_final,
	COMBINEFUNC = conflict_stats.series_agg_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE conflict_stats.report_series(total float8, at date) (
	SFUNC = conflict_stats.series_agg_trans,
	STYPE = conflict_stats.series,
	FINALFUNC = conflict_stats.series_agg_final,
	COMBINEFUNC = conflict_stats.series_agg_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE conflict_stats.report_series(total conflict_stats.estimate, at timestamptz) (
	SFUNC = conflict_stats.series_agg_trans,
	STYPE = conflict_stats.series,
	FINALFUNC = conflict_stats.series_agg_final,
	COMBINEFUNC = conflict_stats.series_agg_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE conflict_stats.report_series(total conflict_stats.estimate, at date) (
	SFUNC = conflict_stats.series_agg_trans,
	STYPE = conflict_stats.series,
	FINALFUNC = conflict_stats.series_agg_final,
	COMBINEFUNC = conflict_stats.series_agg_combine,
	PARALLEL = SAFE
);

DROP FUNCTION conflict_stats.series_agg_trans(internal, float8, timestamptz);
DROP FUNCTION conflict_stats.series_agg_trans(internal, float8, date);
DROP FUNCTION conflict_stats.series_agg_trans(internal, conflict_stats.estimate, timestamptz);
DROP FUNCTION conflict_stats.series_agg_trans(internal, conflict_stats.estimate, date);
DROP FUNCTION conflict_stats.series_agg_combine(internal, internal);
DROP FUNCTION conflict_stats.series_agg_serial(internal);
DROP FUNCTION conflict_stats.series_agg_deserial(bytea, internal);
DROP FUNCTION conflict_stats.series_agg_final(internal);

CREATE AGGREGATE conflict_stats.report_series(total float8, at timestamp) (
	SFUNC = conflict_stats.series_agg_trans,
	STYPE = conflict_stats.series,
	FINALFUNC = conflict_stats.series_agg_final,
	COMBINEFUNC = conflict_stats.series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.report_series(float8, timestamp) IS 'every cumulative report in time order as a calendar series of the wall-clock times (the same in every time zone); of two reports at the same time the larger total is kept; NULL rows are skipped';

CREATE AGGREGATE conflict_stats.report_series(total conflict_stats.estimate, at timestamp) (
	SFUNC = conflict_stats.series_agg_trans,
	STYPE = conflict_stats.series,
	FINALFUNC = conflict_stats.series_agg_final,
	COMBINEFUNC = conflict_stats.series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.report_series(conflict_stats.estimate, timestamp) IS 'every cumulative report stated as an estimate, kept with its qualifier and bounds, as a calendar series of the wall-clock times; of two reports at the same time the larger by the estimate order is kept; NULL rows are skipped';

CREATE FUNCTION conflict_stats.total_at(s conflict_stats.series, at timestamp) RETURNS float8
	AS 'MODULE_PATHNAME', 'series_total_at_local' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.total_at(conflict_stats.series, timestamp) IS 'the cumulative total at a wall-clock time (for a series of instants, that local time in the session time zone), linearly interpolated; NULL outside the reported span';

CREATE FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, timestamp) RETURNS conflict_stats.sparkline_state
	AS 'MODULE_PATHNAME', 'sparkline_trans_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, timestamp) IS 'transition function of sparkline(float8, timestamp): adds a row at its wall-clock time (a NULL value is kept, a NULL time skipped)';

CREATE FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, timestamp, integer) RETURNS conflict_stats.sparkline_state
	AS 'MODULE_PATHNAME', 'sparkline_trans_width_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, timestamp, integer) IS 'transition function of sparkline(float8, timestamp, integer): adds a row to be drawn in bins (a NULL value is kept, a NULL time or width skipped)';

CREATE AGGREGATE conflict_stats.sparkline(value float8, at timestamp) (
	SFUNC = conflict_stats.sparkline_trans,
	STYPE = conflict_stats.sparkline_state,
	FINALFUNC = conflict_stats.sparkline_final,
	COMBINEFUNC = conflict_stats.sparkline_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.sparkline(float8, timestamp) IS 'one block character of eight heights per row in order of the wall-clock times (the same in every time zone), scaled between the smallest and largest value; a NULL value is a space, a NULL time skipped; NULL for no rows; needs a UTF8 database';

CREATE AGGREGATE conflict_stats.sparkline(value float8, at timestamp, width integer) (
	SFUNC = conflict_stats.sparkline_trans,
	STYPE = conflict_stats.sparkline_state,
	FINALFUNC = conflict_stats.sparkline_final,
	COMBINEFUNC = conflict_stats.sparkline_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.sparkline(float8, timestamp, integer) IS 'sparkline of the mean value in each of at most width equal-time bins between the first and last wall-clock time; an empty bin is a space; width 1 .. 1000000; needs a UTF8 database';
