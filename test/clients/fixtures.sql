-- fixtures.sql: sample values of every extension type, for the driver suites
-- (test/clients/run.sh runs it after test/data/sample.sql).
--
-- One table per type, fixture_<type> (label, value).  The values are made by
-- SQL (aggregates over the sample tables, constructors), never written in a
-- type's text form, so the suites do not depend on those forms.

\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET search_path = public, conflict_stats;   -- for the operators

-- The partial states of cost_per_gain and elasticity, which the extension
-- builds only inside its aggregates: the same transition functions, kept.
DROP AGGREGATE IF EXISTS public.cost_per_gain_partial(float8, float8);
CREATE AGGREGATE public.cost_per_gain_partial(float8, float8) (
	SFUNC = conflict_stats.cost_per_gain_trans,
	STYPE = conflict_stats.cost_per_gain_state
);
DROP AGGREGATE IF EXISTS public.elasticity_partial(float8, float8);
CREATE AGGREGATE public.elasticity_partial(float8, float8) (
	SFUNC = conflict_stats.elasticity_trans,
	STYPE = conflict_stats.elasticity_state
);

DROP TABLE IF EXISTS fixture_estimate, fixture_trend, fixture_cumulative,
	fixture_cost_per_gain_state, fixture_elasticity_state, fixture_series;

-- Every canonical form, signs, extremes of the double range, a best value
-- on an exclusive bound, and results of the extension's own arithmetic.
CREATE TABLE fixture_estimate (label text PRIMARY KEY, value conflict_stats.estimate);
INSERT INTO fixture_estimate VALUES
	('exact', conflict_stats.estimate(600000)),
	('exact zero', conflict_stats.estimate(0)),
	('exact negative fraction', conflict_stats.estimate(-0.1)),
	('exact tiny', conflict_stats.estimate(5e-324)),
	('exact huge', conflict_stats.estimate(1.7976931348623157e308)),
	('exact 1e15', conflict_stats.estimate(1e15)),
	('about', conflict_stats.estimate(600000, NULL, NULL)),
	('at least', conflict_stats.estimate(600000, 600000, NULL)),
	('at most', conflict_stats.estimate(600000, NULL, 600000)),
	('range', conflict_stats.estimate(600000, 500000, 700000)),
	('best with range', conflict_stats.estimate(615000, 500000, 700000)),
	('best with lower bound', conflict_stats.estimate(20, 15, NULL)),
	('best with upper bound', conflict_stats.estimate(5, NULL, 10)),
	('negative range', conflict_stats.estimate(-4, -5, -3)),
	('more than', (SELECT value FROM public.source_estimates WHERE source = 'illustrative source A')),
	('fewer than', -(SELECT value FROM public.source_estimates WHERE source = 'illustrative source A')),
	('exclusive low', (SELECT value FROM public.source_estimates WHERE source = 'illustrative source A') + 1000),
	('more than per day', (SELECT value FROM public.source_estimates WHERE source = 'illustrative source A') / 958),
	('consensus', (SELECT conflict_stats.consensus(value) FROM public.source_estimates)),
	('envelope', (SELECT conflict_stats.envelope(value) FROM public.source_estimates)),
	('sum', (SELECT conflict_stats.sum(value) FROM public.source_estimates)),
	('nearly', 'nearly 1 million'),
	('nearly inclusive', '~<=1000000'),
	('just over', 'just over 900,000'),
	('about range', 'around 790,000-900,000'),
	('stated centre', '400,000 (350,000-450,000)'),
	('about stated centre', '~400000 [350000,450000]'),
	('about general', 'about 615,000 (500,000-700,000)'),
	('about best with lower bound', '~20 [15,)'),
	('slope interval', (SELECT conflict_stats.slope_interval(conflict_stats.trend_agg(losses, day), 0.95, '1 month')
						FROM public.daily_losses)),
	('null', NULL);

-- Trend summaries of calendar days and of instants, one row, two rows.
CREATE TABLE fixture_trend (label text PRIMARY KEY, value conflict_stats.trend);
INSERT INTO fixture_trend VALUES
	('daily losses', (SELECT conflict_stats.trend_agg(losses, day) FROM public.daily_losses)),
	('daily losses at instants', (SELECT conflict_stats.trend_agg(losses, day::timestamp AT TIME ZONE 'UTC')
								  FROM public.daily_losses)),
	('one row', (SELECT conflict_stats.trend_agg(losses, day) FROM public.daily_losses WHERE day = '2024-03-01')),
	('two rows', (SELECT conflict_stats.trend_agg(losses, day) FROM public.daily_losses WHERE day < '2024-01-03')),
	('rollup of months', (SELECT conflict_stats.rollup(t) FROM (
		SELECT conflict_stats.trend_agg(losses, day) AS t FROM public.daily_losses
		GROUP BY date_trunc('month', day)) m)),
	('microseconds', (SELECT conflict_stats.trend_agg(v, at) FROM (VALUES
		(0.1, timestamptz '2024-10-09 12:34:56.123456+00'),
		(1e15, timestamptz '1999-12-31 23:59:59.999999+00'),
		(-2.5, timestamptz '2024-10-10 00:00:00+03')) x(v, at))),
	('null', NULL);

-- Cumulative summaries of calendar days and of instants, one report.
CREATE TABLE fixture_cumulative (label text PRIMARY KEY, value conflict_stats.cumulative);
INSERT INTO fixture_cumulative VALUES
	('daily totals', (SELECT conflict_stats.cumulative_agg(total, day) FROM public.daily_totals)),
	('daily totals at instants', (SELECT conflict_stats.cumulative_agg(total, day::timestamp AT TIME ZONE 'UTC')
								  FROM public.daily_totals)),
	('one report', (SELECT conflict_stats.cumulative_agg(total, day) FROM public.daily_totals WHERE day = '2024-09-30')),
	('microseconds', (SELECT conflict_stats.cumulative_agg(v, at) FROM (VALUES
		(600000, timestamptz '2024-10-09 12:34:56.123456+00'),
		(0.1, timestamptz '2022-02-24 04:00:00+02'),
		(615000.5, timestamptz '2024-10-10 00:00:00+00')) x(v, at))),
	('null', NULL);

-- Partial states of cost_per_gain and elasticity.
CREATE TABLE fixture_cost_per_gain_state (label text PRIMARY KEY, value conflict_stats.cost_per_gain_state);
INSERT INTO fixture_cost_per_gain_state VALUES
	('monthly front', (SELECT public.cost_per_gain_partial(casualties, km2_taken) FROM public.monthly_front)),
	('compensated', (SELECT public.cost_per_gain_partial(v, g) FROM (VALUES
		(1e16, 0.1), (1, 1e-300), (-1e16, 3)) x(v, g))),
	('one null side', (SELECT public.cost_per_gain_partial(v, g) FROM (VALUES
		(10::float8, NULL::float8), (2.5, NULL)) x(v, g))),
	('null', NULL);

CREATE TABLE fixture_elasticity_state (label text PRIMARY KEY, value conflict_stats.elasticity_state);
INSERT INTO fixture_elasticity_state VALUES
	('monthly front', (SELECT public.elasticity_partial(casualties, km2_taken) FROM public.monthly_front)),
	('one row', (SELECT public.elasticity_partial(casualties, km2_taken) FROM public.monthly_front
				 WHERE month = '2024-05-01')),
	('null', NULL);

-- Series of calendar days, of instants, and one with a single report.
CREATE TABLE fixture_series (label text PRIMARY KEY, value conflict_stats.series);
INSERT INTO fixture_series VALUES
	('daily totals', (SELECT conflict_stats.report_series(total, day) FROM public.daily_totals)),
	('daily totals at instants', (SELECT conflict_stats.report_series(total, day::timestamp AT TIME ZONE 'UTC')
								  FROM public.daily_totals)),
	('one report', (SELECT conflict_stats.report_series(total, day) FROM public.daily_totals WHERE day = '2024-09-30')),
	('microseconds', (SELECT conflict_stats.report_series(v, at) FROM (VALUES
		(600000, timestamptz '2024-10-09 12:34:56.123456+00'),
		(0.1, timestamptz '0044-03-15 12:00:00+00 BC'),
		(-615000.5, timestamptz '2024-10-10 00:00:00+05:30')) x(v, at))),
	('null', NULL);
