--
-- Computing and comparing figures as a journalist does (1.1): estimate
-- times and divided by estimate, within, consensus and envelope from the
-- inputs that state a central value, and estimates as the values of
-- trend_agg, cumulative_agg and report_series.
--
SET search_path = public, conflict_stats;
SET extra_float_digits = 0;

-- ---------------------------------------------------------------------------
-- interval multiplication and division

-- a share of an estimated stock: numbers mix in through the implicit casts
SELECT 9672 / 'about 3,000'::estimate AS of_about, 9672 / '3000'::estimate AS of_exact,
	   9672 / '>3000'::estimate AS of_more_than, 9672 / '3000..3500'::estimate AS of_range,
	   describe(9672 / '3000..3500'::estimate) AS in_words,
	   '>600000'::estimate * '2'::estimate AS doubled, '500000..700000'::estimate / '958'::estimate AS per_day;
-- every combination of bound kinds (exact, about, more than, at least, fewer
-- than, at most, range, general): bounds come from the bounds, exclusive
-- where a contributing bound is, unknown where one is
SELECT a, b, a::estimate * b::estimate AS product, a::estimate / b::estimate AS quotient
FROM unnest(ARRAY['6', '~6', '>6', '>=6', '<6', '<=6', '4..8', '5 (4,8]']) a,
	 unnest(ARRAY['2', '~2', '>2', '>=2', '<-2', '1..3', '2 (1,3]', '-3..-1']) b
ORDER BY a, b;
-- a zero factor is an exact zero, whatever the other side is
SELECT '0'::estimate * '~5'::estimate AS zero_about, '0'::estimate * '>5'::estimate AS zero_more,
	   '0..1'::estimate * '<=5'::estimate AS up_to_five;
-- a divisor whose range admits 0 gives unbounded sides
SELECT 10 / '1 [-1,2]'::estimate AS across_zero, 10 / '1 [0,2]'::estimate AS at_zero,
	   10 / '>-5'::estimate AS above_minus_five, 10 / '1 (0,2]'::estimate AS excludes_zero;
-- bad arguments: an exact zero divisor, a divisor whose best is 0, overflow
SELECT 10 / '0'::estimate;
SELECT 10 / '0 [-1,1]'::estimate;
SELECT '1e300'::estimate * '1e300'::estimate;
SELECT '1e300 [1e300,1e300]'::estimate / '1e-300'::estimate;
SELECT pg_typeof('5'::estimate * '2'::estimate), pg_typeof('5'::estimate / '2'::estimate);
-- no existing expression becomes ambiguous or changes type
SELECT pg_typeof('>5'::estimate * 2) AS e_times_int, pg_typeof(2 * '>5'::estimate) AS int_times_e,
	   pg_typeof('>5'::estimate / 958) AS e_div_int, pg_typeof('>5'::estimate * 2.5) AS e_times_numeric,
	   pg_typeof('>5'::estimate / 2.5::float8) AS e_div_float8, pg_typeof(1 + 1.5) AS int_plus_numeric,
	   pg_typeof(2 * 3) AS int_times_int, pg_typeof(2.0 / 3) AS numeric_div, pg_typeof(6 / 3) AS int_div,
	   pg_typeof(2::float8 * 3) AS float8_times_int;
SELECT '>5'::estimate * 2 AS e_times_int, 2 * '>5'::estimate AS int_times_e, '>600000'::estimate / 958 AS e_div_int;

-- an independent check of the rules on random data: every product and
-- quotient of random points of the two ranges lies in the result's range
SELECT count(*) AS pairs,
	   count(*) FILTER (WHERE NOT ok) AS violations
FROM (SELECT bool_and((p.r @> (x * y) AND (y = 0 OR p.q @> (x / y))) OR NOT (a @> x AND b @> y)) AS ok
	  FROM (SELECT a, b, a * b AS r, CASE WHEN best(b) <> 0 THEN a / b END AS q
			FROM (SELECT estimate(ab, ab - abs(al), ab + abs(ah)) AS a,
						 -- (b's best is never 0 here, so every quotient exists)
						 estimate(bb, bb - abs(bl), bb + abs(bh)) AS b
				  FROM (SELECT round(random()::numeric * 20 - 10, 1)::float8 AS ab,
							   round(random()::numeric * 5, 1)::float8 AS al,
							   round(random()::numeric * 5, 1)::float8 AS ah,
							   (round(random()::numeric * 20 - 10, 1) + 0.05)::float8 AS bb,
							   round(random()::numeric * 5, 1)::float8 AS bl,
							   round(random()::numeric * 5, 1)::float8 AS bh
						FROM generate_series(1, 300)) r) s) p,
		   LATERAL (SELECT low(p.a) + (high(p.a) - low(p.a)) * i / 4 AS x,
						   low(p.b) + (high(p.b) - low(p.b)) * j / 4 AS y
					FROM generate_series(0, 4) i, generate_series(0, 4) j) pts
	  GROUP BY p.a, p.b, p.r, p.q) c;

-- ---------------------------------------------------------------------------
-- within: "about X" read as X plus or minus a tolerance

-- the General Staff's "about 664,120" against the article's "more than 600,000"
SELECT '~664120'::estimate && '>600000' AS overlaps_strict,
	   '~664120'::estimate && '<1' AS about_overlaps_anything,
	   within('~664120', '>600000') AS within_10_percent,
	   within('~664120', '<1') AS within_below_one,
	   within('~664120', '>5000000') AS within_far_above,
	   within('~664120', '>700000') AS within_700000, within('~664120', '>700000', 0.05) AS within_5_percent,
	   within('600000', '610000') AS exact_figures_keep_their_ranges,
	   within('~100', '~115') AS both_about, within('~100', '~125') AS too_far_apart,
	   within('~0', '0') AS about_zero;
-- 1.2: an approximate figure with stated sides is read widened: an open side
-- from its best value, a stated bound moved outward by the tolerance; && and @>
-- keep the stated bounds
SELECT within('nearly 1 million', '100,000') AS nearly_is_not_any_smaller,
	   within('<1000000', '100,000') AS fewer_than_is,
	   within('nearly 1 million', '950,000') AS nearly_950000,
	   within('nearly 1 million', '1,050,000') AS bound_widened,
	   within('nearly 1 million', '1,050,000', 0.01) AS bound_widened_1_percent,
	   within('~<5', '5.5') AS exclusive_stays_exclusive,
	   within('just over 900,000', '2,000,000') AS just_over_is_not_any_larger,
	   within('just over 900,000', '900,000', 0) AS zero_tolerance_reads_the_number,
	   within('around 790,000-900,000', '950,000') AS about_range,
	   within('790,000-900,000', '950,000') AS hard_range,
	   'nearly 1 million'::estimate && '100,000' AS overlaps_strict,
	   'nearly 1 million'::estimate @> 100000::float8 AS contains_strict;
-- the General Staff's "about 664,120" against sources with soft sides
SELECT consensus(e), envelope(e), sum(e), avg(e)
FROM unnest(ARRAY['nearly 700,000', 'just over 600,000', '~664120']::estimate[]) e;
SELECT consensus(e), envelope(e)
FROM unnest(ARRAY['400,000 (350,000-450,000)', '380,000 (340,000-420,000)']::estimate[]) e;
SELECT within('~100', '~105', -0.1);
SELECT within('~100', '~105', 'NaN');
SELECT within('~100', '~105', 'Infinity');

-- ---------------------------------------------------------------------------
-- consensus and envelope take their best value from the inputs that state a
-- central value

SELECT consensus(e) AS consensus, envelope(e) AS envelope
FROM unnest(ARRAY['>600000', '~664120']::estimate[]) e;
SELECT consensus(e), envelope(e)
FROM unnest(ARRAY['>600000', '500000..700000', '615000 [500000,700000]']::estimate[]) e;
-- only one-sided inputs: the mean of all of them
SELECT consensus(e), envelope(e) FROM unnest(ARRAY['>600000', '<=700000']::estimate[]) e;
-- under a forced parallel plan the same
CREATE TABLE cmp_par AS
SELECT CASE i % 4 WHEN 0 THEN ('>' || (500 + i % 7))::estimate
				  WHEN 1 THEN ('~' || (600 + i % 11))::estimate
				  WHEN 2 THEN ('600 [' || (530 + i % 5) || ',710]')::estimate
				  ELSE ('540..' || (700 + i % 3))::estimate END AS e
FROM generate_series(1, 100000) i;
ANALYZE cmp_par;
CREATE TEMP TABLE cmp_serial AS SELECT consensus(e) AS c, envelope(e) AS v FROM cmp_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT consensus(e), envelope(e) FROM cmp_par;
SELECT consensus(e) IS NOT DISTINCT FROM (SELECT c FROM cmp_serial) AS consensus_same,
	   envelope(e) IS NOT DISTINCT FROM (SELECT v FROM cmp_serial) AS envelope_same,
	   consensus(e), envelope(e)
FROM cmp_par;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
-- partial states shipped as text (Citus) and combined: the same as one pass
SELECT estimate_range_final(estimate_consensus_combine(a::text::float8[], b::text::float8[])) AS combined,
	   (SELECT consensus(e) FROM unnest(ARRAY['>600000', '~664120', '610000']::estimate[]) e) AS one_pass
FROM (SELECT estimate_consensus_accum(estimate_consensus_accum('{0,0,0,0,0,0,0}', '>600000'), '~664120') AS a,
			 estimate_consensus_accum('{0,0,0,0,0,0,0}', '610000') AS b) s;
-- a state of the wrong size
SELECT estimate_range_final('{0,0,0,0,0,0}');

-- ---------------------------------------------------------------------------
-- estimates as the values of trend_agg, cumulative_agg and report_series:
-- their best values, exactly as the float8 forms give them

CREATE TABLE cmp_daily AS
SELECT date '2024-01-01' + i AS day,
	   (CASE WHEN i % 3 = 0 THEN '~' WHEN i % 3 = 1 THEN '>' ELSE '' END ||
		(1000 + 5 * i + i % 7))::estimate AS losses,
	   (CASE WHEN i % 2 = 0 THEN 'about ' ELSE 'more than ' END ||
		(500000 + 1100 * i + (i * i) % 13))::estimate AS total
FROM generate_series(0, 199) i;
SELECT trend_agg(losses, day)::text = trend_agg(best(losses), day)::text AS trend_same,
	   trend_agg(losses, day::timestamptz)::text = trend_agg(best(losses), day::timestamptz)::text AS trend_ts_same,
	   cumulative_agg(total, day)::text = cumulative_agg(best(total), day)::text AS cumulative_same,
	   cumulative_agg(total, day::timestamptz)::text = cumulative_agg(best(total), day::timestamptz)::text AS cumulative_ts_same,
	   -- (1.2: report_series keeps the estimates; its reports' best values are the same)
	   total_at(report_series(total, day), date '2024-03-15') = total_at(report_series(best(total), day), date '2024-03-15')
		 AND num_reports(report_series(total, day)) = num_reports(report_series(best(total), day)) AS series_same,
	   total_at(report_series(total, day::timestamptz), '2024-03-15 12:00+00') = total_at(report_series(best(total), day::timestamptz), '2024-03-15 12:00+00')
		 AND num_reports(report_series(total, day::timestamptz)) = num_reports(report_series(best(total), day::timestamptz)) AS series_ts_same
FROM cmp_daily;
-- (and the series keeps each report's estimate)
SELECT (SELECT s::text FROM (SELECT report_series(total, day) AS s FROM cmp_daily WHERE day < '2024-01-04') x) AS kept;
-- in a moving window frame
SELECT bool_and(slope(a) = slope(b) OR (slope(a) IS NULL AND slope(b) IS NULL)) AS rolling_same
FROM (SELECT trend_agg(losses, day) OVER w AS a, trend_agg(best(losses), day) OVER w AS b
	  FROM cmp_daily WINDOW w AS (ORDER BY day ROWS 29 PRECEDING)) s;
-- a numeric column still takes the float8 form; an estimate column the estimate form
SELECT pg_typeof(trend_agg(1.5, date '2024-01-01')), pg_typeof(trend_agg('~5'::estimate, date '2024-01-01'));
SELECT round(slope(trend_agg(losses, day), '1 month')::numeric, 3) AS slope_per_month,
	   round(fitted_rate(cumulative_agg(total, day))::numeric, 3) AS fitted_rate,
	   (SELECT round(sum(losses)::numeric) FROM losses_by_period((SELECT report_series(total, day) FROM cmp_daily), '1 month')) AS losses
FROM cmp_daily;

DROP TABLE cmp_par, cmp_daily;
