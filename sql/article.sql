--
-- The article analysis: what the 9 Oct 2024 Pentagon briefing, as reported by
-- Defense News, says in figures.  The quick start runs this file with psql;
-- it is also a regression test, so its numbers are checked on every run.
--
CREATE EXTENSION IF NOT EXISTS conflict_stats;
SET search_path = public, conflict_stats;
SET datestyle = ISO;

\echo '== 1. The source'
SELECT publisher, author, published, kind FROM conflict_stats.sources WHERE builtin ORDER BY source_id;

\echo '== 2. Every figure as stated, with its qualifier kept'
SELECT f.figure_id AS id, f.party, f.quantity, f.category, f.value,
	   conflict_stats.qualifier(f.value) AS qualifier,
	   conflict_stats.describe(f.value) AS in_words, f.unit, f.as_of,
	   coalesce(f.speaker_role, 'the reporter') AS said_by
FROM conflict_stats.figures f
WHERE f.builtin
ORDER BY f.figure_id;

\echo '== 3. The average daily casualty rate implied by "more than 600,000" from 24 Feb 2022 to 9 Oct 2024'
-- The lower bound carries through the division: the rate is a lower bound too.
SELECT f.value AS casualties,
	   f.as_of - f.period_start AS days,
	   f.value / (f.as_of - f.period_start) AS per_day,
	   conflict_stats.describe(f.value / (f.as_of - f.period_start)) AS per_day_in_words,
	   conflict_stats.describe(f.value / (f.as_of - f.period_start) * 30) AS per_30_days,
	   conflict_stats.describe(f.value / ((f.as_of - f.period_start) / 365.25)) AS per_year,
	   (f.value / (f.as_of - f.period_start))::numrange AS per_day_range
FROM conflict_stats.figures f
WHERE f.figure_id = 1;

\echo '== 4. Which totals the figure admits'
SELECT x AS casualties, ('>600000'::estimate) @> x AS consistent_with_more_than_600000
FROM unnest(ARRAY[550000, 600000, 600001, 615000, 700000]::float8[]) x;

\echo '== 5. The qualitative and dated claims, in the order the article makes them'
SELECT c.claim_id AS id, c.kind, c.topic, c.party, c.statement,
	   c.period_start, c.period_end, coalesce(c.speaker_role, 'the reporter') AS said_by
FROM conflict_stats.claims c
WHERE c.builtin
ORDER BY c.claim_id;

\echo '== 6. The same figures for BI tools: standard column types only (view figures_flat)'
SELECT figure_id, quantity, value_text, best, low, high, low_inclusive, qualifier, as_of
FROM conflict_stats.figures_flat
WHERE builtin
ORDER BY figure_id;

\echo '== 7. In sentences, ready to quote: the figures in words, rounded for reading and still true'
SELECT format('%s%s casualties (killed and wounded) in the %s days from %s to %s: %s a day, %s every 30 days.',
			  upper(left(describe(f.value), 1)), substr(describe(f.value), 2), f.as_of - f.period_start,
			  to_char(f.period_start, 'FMDD FMMonth YYYY'), to_char(f.as_of, 'FMDD FMMonth YYYY'),
			  describe(f.value / (f.as_of - f.period_start)),
			  describe(f.value / (f.as_of - f.period_start) * 30)) AS sentence
FROM conflict_stats.figures f WHERE f.figure_id = 1
UNION ALL
SELECT format('Russia has lost %s%% of its pre-war stock of tanks, and %s Black Sea Fleet vessels, damaged or destroyed.',
			  describe(t.value * 100), describe(v.value))
FROM conflict_stats.figures t, conflict_stats.figures v WHERE t.figure_id = 3 AND v.figure_id = 2;
