--
-- Calendar values and instant values in every time zone.
--
-- A summary or series built from dates is a calendar value: its days are its
-- dates, whatever the session's TimeZone, so analysts in every zone get the
-- same answer from the same dates.  Where it gives a timestamptz, that is
-- local midnight of the date in the session's zone; where it takes one, the
-- argument's local date and clock time is used.  A summary or series built
-- from timestamptz values is an instant value, bucketed in a named zone.
--
SET search_path = public, conflict_stats;
SET extra_float_digits = 0;

-- the README's worked example: daily cumulative claims (synthetic),
-- 1 July to 1 November 2024, the report of 1 October missing
CREATE TABLE tz_claims (day date PRIMARY KEY, total float8);
\copy tz_claims FROM 'test/data/claims.csv' (FORMAT csv, HEADER)

-- the figures one zone sees, as text, and how they compare with UTC's
CREATE TABLE tz_seen (zone text, what text, seen text);
CREATE FUNCTION pg_temp.look(zone text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('TimeZone', zone, true);
	-- (EXECUTE: a cached plan would keep the constants of the first zone)
	-- every month: losses, per_day, reports, interpolated, and the date the
	-- bucket stands for
	EXECUTE $q$
	INSERT INTO tz_seen
	SELECT $1, 'month ' || period_start::date,
		   concat_ws(' ', period_end::date, losses, round(per_day::numeric, 6), reports, interpolated)
	FROM losses_by_period((SELECT report_series(total, day) FROM tz_claims), '1 month')
	$q$ USING zone;
	-- the deadliest month by daily rate, the README's query
	EXECUTE $q$
	INSERT INTO tz_seen
	SELECT $1, 'deadliest', period_start::date || ' ' || round(per_day::numeric, 6)
	FROM losses_by_period((SELECT report_series(total, day) FROM tz_claims), '1 month')
	ORDER BY per_day DESC LIMIT 1
	$q$ USING zone;
	-- an untyped literal (the timestamptz overload) and a date agree
	EXECUTE $q$
	INSERT INTO tz_seen
	SELECT $1, 'total_at', concat_ws(' ', total_at(s, '2024-10-01'),
		total_at(s, '2024-10-01') = total_at(s, date '2024-10-01'),
		total_at(s, '2024-10-01 12:00') = (total_at(s, date '2024-10-01') + total_at(s, date '2024-10-02')) / 2)
	FROM (SELECT report_series(total, day) AS s FROM tz_claims) x
	$q$ USING zone;
	-- a trend of dates: first_at is the first date in every zone
	EXECUTE $q$
	INSERT INTO tz_seen
	SELECT $1, 'trend', concat_ws(' ', first_at(t)::date = (SELECT min(day) FROM tz_claims),
		last_at(t)::date = (SELECT max(day) FROM tz_claims), round(slope(t)::numeric, 9),
		round(forecast(t, '2024-12-01')::numeric, 3), forecast(t, '2024-12-01') = forecast(t, date '2024-12-01'))
	FROM (SELECT trend_agg(total, day) AS t FROM tz_claims) x
	$q$ USING zone;
	-- a cumulative of dates: rates count calendar days
	EXECUTE $q$
	INSERT INTO tz_seen
	SELECT $1, 'cumulative', concat_ws(' ', first_at(c)::date, last_at(c)::date,
		round(rate(c)::numeric, 6), round(fitted_rate(c, '1 month')::numeric, 3),
		time_to_reach(c, 700000)::date)
	FROM (SELECT cumulative_agg(total, day) AS c FROM tz_claims) x
	$q$ USING zone;
	-- timestamp (without time zone) values: calendar values of their
	-- wall-clock times, the same as from dates, for every value kind and width
	EXECUTE $q$
	INSERT INTO tz_seen
	SELECT $1, 'timestamp', concat_ws(' ',
		report_series(total, day::timestamp)::text = report_series(total, day)::text,
		report_series(total::text::estimate, day::timestamp)::text = report_series(total::text::estimate, day)::text,
		trend_agg(total, day::timestamp)::text = trend_agg(total, day)::text,
		trend_agg(total::text::estimate, day::timestamp)::text = trend_agg(total, day)::text,
		cumulative_agg(total, day::timestamp)::text = cumulative_agg(total, day)::text,
		cumulative_agg(total::text::estimate, day::timestamp)::text = cumulative_agg(total, day)::text,
		sparkline(total, day::timestamp) = sparkline(total, day),
		sparkline(total, day::timestamp, 10) = sparkline(total, day, 10),
		round(total_at(report_series(total, day::timestamp), timestamp '2024-10-01 12:00')::numeric, 3))
	FROM tz_claims
	$q$ USING zone;
	-- a month from timestamps at noon: per_day over the wall-clock days
	EXECUTE $q$
	INSERT INTO tz_seen
	SELECT $1, 'timestamp month ' || period_start::date,
		   concat_ws(' ', losses, round(per_day::numeric, 6), reports, partial, figure)
	FROM losses_by_period((SELECT report_series(total, day + time '12:00') FROM tz_claims), '1 month')
	WHERE period_start::date = '2024-09-01'
	$q$ USING zone;
	-- a trend window over timestamps: the same frames as over dates
	EXECUTE $q$
	INSERT INTO tz_seen
	SELECT $1, 'timestamp window', bool_and(a = b)::text
	FROM (SELECT slope(trend_agg(total, day::timestamp) OVER w)::text AS a,
				 slope(trend_agg(total, day) OVER w)::text AS b
		  FROM tz_claims WINDOW w AS (ORDER BY day ROWS 6 PRECEDING)) x
	$q$ USING zone;
	-- reports() gives local midnight of each date
	EXECUTE $q$
	INSERT INTO tz_seen
	SELECT $1, 'reports', count(*) || ' ' || bool_and(at::date = day AND at::time = '00:00')
	FROM reports((SELECT report_series(total, day) FROM tz_claims)) r
	JOIN tz_claims c ON c.total = r.total
	$q$ USING zone;
END
$$;
SELECT pg_temp.look(z)
FROM unnest(ARRAY['UTC', 'America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati',
				  'America/St_Johns', 'Europe/Kyiv']) z;
RESET TimeZone;

-- what UTC sees
SELECT what, seen FROM tz_seen WHERE zone = 'UTC' ORDER BY what;
-- every other zone sees exactly the same, no row more or less
SELECT z.zone, count(*) AS rows,
	   count(*) FILTER (WHERE u.seen IS NOT DISTINCT FROM z.seen) AS same_as_utc
FROM tz_seen z LEFT JOIN tz_seen u ON u.zone = 'UTC' AND u.what = z.what
GROUP BY z.zone ORDER BY z.zone;
-- (any row that differs, to see why)
SELECT z.zone, z.what, z.seen, u.seen AS utc_seen
FROM tz_seen z LEFT JOIN tz_seen u ON u.zone = 'UTC' AND u.what = z.what
WHERE u.seen IS DISTINCT FROM z.seen ORDER BY 1, 2;

-- a series of instants is bucketed in the zone named by time_zone: months
-- start at local midnight there, at +02 in winter and +03 in summer, across
-- the change of clocks (31 March 2024), whatever the session's zone
SET TimeZone = 'America/New_York';
SELECT period_start AT TIME ZONE 'Europe/Kyiv' AS kyiv_start,
	   period_end AT TIME ZONE 'Europe/Kyiv' AS kyiv_end,
	   period_start AT TIME ZONE 'UTC' AS utc_start,
	   round(losses::numeric, 3) AS losses, round(per_day::numeric, 6) AS per_day
FROM losses_by_period(
	(SELECT report_series(t * 10, timestamptz '2024-02-10 00:00+00' + t * interval '1 hour')
	 FROM generate_series(0, 24 * 90) t),
	'1 month', time_zone => 'Europe/Kyiv');
-- the day of the change has 23 hours there: 230 losses at 10 an hour
SELECT period_start AT TIME ZONE 'Europe/Kyiv' AS kyiv_start,
	   (period_end - period_start) AS length, losses, per_day
FROM losses_by_period(
	(SELECT report_series(t * 10, timestamptz '2024-03-30 00:00+00' + t * interval '1 hour')
	 FROM generate_series(0, 24 * 3) t),
	'1 day', time_zone => 'Europe/Kyiv')
WHERE period_start AT TIME ZONE 'Europe/Kyiv' = '2024-03-31';
-- the default time_zone is the session's, as date_trunc has it
SELECT count(*) AS months,
	   bool_and(period_start = date_trunc('month', period_start)) AS starts_at_local_month
FROM losses_by_period(
	(SELECT report_series(t * 10, timestamptz '2024-02-10 00:00+00' + t * interval '1 hour')
	 FROM generate_series(0, 24 * 90) t), '1 month');
RESET TimeZone;

DROP TABLE tz_claims, tz_seen;
