--
-- The General Staff recipes of README.md ("Loading what analysts download")
-- on the committed excerpt of the real data, test/data/ukraine-gs/: the
-- files read as published (free text kept as text, day and POW not loss
-- categories, every equipment category by its real name, the rename of 1 May
-- 2022 joined, the corrections shown), and the figures the README states:
-- September 2024 = 38,130 (1,271.0 a day), December 2024 = 48,670, and the
-- deadliest month of 2024 by total and by rate.  The queries are the
-- README's, with named columns.
--
SET search_path = public, conflict_stats;
SET extra_float_digits = 0;
SET datestyle = ISO;

-- personnel: the figure with its qualifier, day and POW as columns of their own
\set personnel `cat test/data/ukraine-gs/russia_losses_personnel.json`
CREATE TABLE gs_personnel AS
SELECT (r->>'date')::date AS day, (r->>'day')::int AS war_day,
       (coalesce(r->>'personnel*', '') || ' ' || (r->>'personnel'))::estimate AS total,
       (r->>'POW')::int AS prisoners_of_war
FROM jsonb_array_elements(:'personnel'::jsonb) r;
\unset personnel
SELECT qualifier(total), count(*) AS days, min(day) AS first, max(day) AS last
FROM gs_personnel GROUP BY 1 ORDER BY 1;
-- every record's keys are date, day, personnel, personnel* and (2022) POW
SELECT count(*) AS with_pow, min(day) AS first, max(day) AS last
FROM gs_personnel WHERE prisoners_of_war IS NOT NULL;

-- losses per month of 2024
CREATE TABLE gs_months AS
SELECT period_start::date AS month, losses, round(per_day::numeric, 1) AS per_day,
       reports, interpolated
FROM losses_by_period((SELECT report_series(total, day) FROM gs_personnel), '1 month')
WHERE period_start::date BETWEEN '2024-01-01' AND '2024-12-01';
SELECT month, losses, per_day, reports, interpolated FROM gs_months ORDER BY month;

-- the figures the README states, each checked against the reports themselves
SELECT month, losses, per_day,
       losses = (SELECT best(total) FROM gs_personnel WHERE day = (month + interval '1 month')::date)
              - (SELECT best(total) FROM gs_personnel WHERE day = month) AS equals_the_reports
FROM gs_months WHERE month IN ('2024-09-01', '2024-12-01') ORDER BY month;
SELECT month AS deadliest_by_total, losses FROM gs_months ORDER BY losses DESC LIMIT 1;
SELECT month AS deadliest_by_rate, per_day FROM gs_months ORDER BY per_day DESC LIMIT 1;

-- equipment: one row per day and category, the free text in its own table
\set equipment `cat test/data/ukraine-gs/russia_losses_equipment.json`
CREATE TABLE gs_equipment AS
SELECT (r->>'date')::date AS day, f.key AS category, f.value::float8 AS total
FROM jsonb_array_elements(:'equipment'::jsonb) r, jsonb_each(r) f
WHERE f.key NOT IN ('date', 'day') AND jsonb_typeof(f.value) = 'number';
CREATE TABLE gs_direction AS
SELECT (r->>'date')::date AS day, r->>'greatest losses direction' AS direction
FROM jsonb_array_elements(:'equipment'::jsonb) r
WHERE r ? 'greatest losses direction';
-- no key of a record is left out but date and day
SELECT k AS key_not_loaded, count(*) AS records
FROM jsonb_array_elements(:'equipment'::jsonb) r, jsonb_object_keys(r) k
WHERE k NOT IN (SELECT category FROM gs_equipment) GROUP BY k ORDER BY k;
\unset equipment
SELECT category, min(day) AS first, max(day) AS last, count(*) AS days,
       (array_agg(total ORDER BY day DESC))[1] AS last_total
FROM gs_equipment GROUP BY category ORDER BY first, category COLLATE "C";
SELECT count(*) AS days, count(DISTINCT direction) AS directions, min(day) AS first, max(day) AS last
FROM gs_direction;

-- the rename of 1 May 2022, joined by a view with today's names
CREATE VIEW gs_equipment_now AS
SELECT day, CASE WHEN category IN ('military auto', 'fuel tank') THEN 'vehicles and fuel tanks'
                 ELSE category END AS category,
       sum(total) AS total
FROM gs_equipment GROUP BY 1, 2;
SELECT day, category, total FROM gs_equipment_now
WHERE category = 'vehicles and fuel tanks' AND day BETWEEN '2022-04-29' AND '2022-05-02'
ORDER BY day;
SELECT count(*) AS days, min(day) AS first, max(day) AS last
FROM gs_equipment_now WHERE category = 'vehicles and fuel tanks';

-- the corrections, and the losses of 2024 per category with and without them
\set corrections `cat test/data/ukraine-gs/russia_losses_equipment_correction.json`
CREATE TABLE gs_corrections AS
SELECT (r->>'date')::date AS day, f.key AS category, f.value::float8 AS correction
FROM jsonb_array_elements(:'corrections'::jsonb) r, jsonb_each(r) f
WHERE f.key NOT IN ('date', 'day') AND jsonb_typeof(f.value) = 'number' AND f.value::float8 <> 0;
\unset corrections
SELECT count(*) AS corrections, count(DISTINCT day) AS days, min(day) AS first, max(day) AS last,
       sum(correction) AS net
FROM gs_corrections;
SELECT e.category, p.losses AS reported, coalesce(c.corrections, 0) AS corrections,
       p.losses - coalesce(c.corrections, 0) AS without_corrections
FROM (SELECT category, report_series(total, day) AS s FROM gs_equipment_now GROUP BY category) e
CROSS JOIN LATERAL losses_by_period(e.s, '1 year') p
LEFT JOIN LATERAL (SELECT sum(correction) AS corrections FROM gs_corrections c
                   WHERE c.category = e.category
                     AND c.day > p.period_start::date AND c.day <= p.period_end::date) c ON true
WHERE p.period_start::date = '2024-01-01'
ORDER BY e.category COLLATE "C";

-- the README's Equipment example: tanks, by the General Staff's name
SELECT period_start::date AS month, losses AS tanks_lost, round(per_day::numeric, 2) AS per_day
FROM losses_by_period((SELECT report_series(total, day) FROM gs_equipment WHERE category = 'tank'),
                      '1 month')
WHERE period_start::date BETWEEN '2024-07-01' AND '2024-12-01';

DROP VIEW gs_equipment_now;
DROP TABLE gs_personnel, gs_months, gs_equipment, gs_direction, gs_corrections;
