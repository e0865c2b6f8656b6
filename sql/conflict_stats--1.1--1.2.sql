/* conflict_stats--1.1--1.2.sql: update of conflict_stats from 1.1 to 1.2 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION conflict_stats UPDATE TO '1.2'" to load this file. \quit

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
