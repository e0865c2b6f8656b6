--
-- hostile: NaN, ±Infinity, subnormal and near-overflow values against every
-- constructor, cast, operator, aggregate and accessor.  Each case gives a
-- documented result or a clean error (22003 overflow, 22023 NaN/infinite
-- argument, 22P02 bad text, 22008 time out of range), never a wrong finite
-- number and never a crash.  Results are shown as text, errors as their
-- SQLSTATE and message.
--
SET search_path = conflict_stats, public;
SET extra_float_digits = 0;
SET TimeZone = 'UTC';

-- evaluate one expression: its value as text, NULL, or the error
CREATE FUNCTION pg_temp.q(expr text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text; r text;
BEGIN
	EXECUTE 'SELECT (' || expr || ')::text' INTO r;
	RETURN coalesce(r, 'NULL');
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
	RETURN st || ' ' || msg;
END
$$;

-- the hostile values
CREATE TEMP TABLE hv (name text PRIMARY KEY, v float8);
INSERT INTO hv VALUES ('nan', 'NaN'), ('inf', 'Infinity'), ('-inf', '-Infinity'),
	('denorm_min', 5e-324), ('subnormal', 2.2e-308), ('big', 1.7e308), ('-big', -1.7e308);

-- estimate: text input, constructors, casts
SELECT x AS expr, pg_temp.q(x) AS result FROM unnest(ARRAY[
	$q$'NaN'::estimate$q$, $q$'Infinity'::estimate$q$, $q$'-inf'::estimate$q$,
	$q$'5e-324'::estimate$q$, $q$'2.2e-308'::estimate$q$, $q$'1.7e308'::estimate$q$,
	$q$'-1.7e308'::estimate$q$, $q$'1e309'::estimate$q$, $q$'1e-400'::estimate$q$,
	$q$'>1.7e308'::estimate$q$, $q$'-1.7e308..1.7e308'::estimate$q$,
	$q$'1e308..1.7e308'::estimate$q$, $q$'5e-324..1e-323'::estimate$q$,
	$q$'0 (-5e-324,5e-324)'::estimate$q$
]) x;

SELECT h.name, pg_temp.q(format('estimate(%L::float8)', h.v)) AS "estimate(v)",
	pg_temp.q(format('estimate(0, %L::float8, NULL)', h.v)) AS "estimate(0, v, NULL)",
	pg_temp.q(format('estimate(%L::float8, NULL, %L::float8)', h.v, h.v)) AS "estimate(v, NULL, v)",
	pg_temp.q(format('%L::float8::estimate', h.v)) AS "cast float8",
	pg_temp.q(format('%L::float8::numeric::estimate', h.v)) AS "cast numeric"
FROM hv h ORDER BY h.name;

SELECT x AS expr, pg_temp.q(x) AS result FROM unnest(ARRAY[
	$q$'1e400'::numeric::estimate$q$, $q$'-1e400'::numeric::estimate$q$,
	$q$'1e-400'::numeric::estimate$q$, $q$'NaN'::numeric::estimate$q$,
	$q$9223372036854775807::bigint::estimate$q$,
	$q$'1.7e308'::estimate::float8$q$, $q$'-1.7e308..1.7e308'::estimate::numrange::text$q$,
	$q$'5e-324'::estimate::numrange::text$q$,
	$q$describe('1.7e308'::estimate)$q$, $q$describe('5e-324 [0,1e-323)'::estimate)$q$,
	$q$to_numeric(5e-324)$q$, $q$length(to_numeric(-1.7e308)::text)$q$,
	$q$to_numeric('NaN')$q$, $q$to_numeric('Infinity')$q$
]) x;

-- estimate arithmetic with hostile operands
SELECT h.name,
	pg_temp.q(format('''1 [0,2]''::estimate * %L::float8', h.v)) AS "e * v",
	pg_temp.q(format('%L::float8 * ''>1''::estimate', h.v)) AS "v * e",
	pg_temp.q(format('''1 [0,2]''::estimate / %L::float8', h.v)) AS "e / v",
	pg_temp.q(format('''<1''::estimate + %L::float8', h.v)) AS "e + v",
	pg_temp.q(format('''<1''::estimate - %L::float8', h.v)) AS "e - v"
FROM hv h ORDER BY h.name;

SELECT x AS expr, pg_temp.q(x) AS result FROM unnest(ARRAY[
	$q$'1.7e308'::estimate + '1.7e308'::estimate$q$,
	$q$'-1.7e308'::estimate - '1.7e308'::estimate$q$,
	$q$'1 [0,1.7e308]'::estimate + '1 [0,1.7e308]'::estimate$q$,
	$q$'0 [-1.7e308,1]'::estimate - '0 [0,1.7e308]'::estimate$q$,
	$q$'>1.7e308'::estimate * 2$q$, $q$'<=1.7e308'::estimate / 0.5$q$,
	$q$'1.7e308'::estimate * -1$q$, $q$-'-1.7e308..1.7e308'::estimate$q$,
	$q$'5e-324'::estimate / 2$q$, $q$'5e-324'::estimate * 0.5$q$,
	$q$'1e-300'::estimate * 1e-300$q$, $q$'5e-324 [0,1]'::estimate / 1e300$q$,
	$q$'1e308..1.7e308'::estimate * 1$q$, $q$'-1.7e308..1.7e308'::estimate / 2$q$,
	$q$'1.7e308'::estimate / 0$q$, $q$'0'::estimate / 0$q$,
	$q$'-1.7e308..1.7e308'::estimate @> 1.7e308$q$,
	$q$'-1.7e308..1.7e308'::estimate @> 'NaN'::float8$q$,
	$q$'~1'::estimate @> 'Infinity'::float8$q$,
	$q$'>1.7e308'::estimate && '<1.7e308'::estimate$q$,
	$q$'1.7e308'::estimate > '-1.7e308'::estimate$q$,
	$q$'5e-324'::estimate > '0'::estimate$q$
]) x;

-- aggregates over estimates built from the hostile values (where valid)
SELECT x AS expr, pg_temp.q(x) AS result FROM unnest(ARRAY[
	$q$(SELECT sum(e) FROM unnest('{1.7e308,1.7e308}'::estimate[]) e)$q$,
	$q$(SELECT sum(e) FROM unnest('{1.7e308,-1.7e308}'::estimate[]) e)$q$,
	$q$(SELECT sum(e) FROM unnest('{">1.7e308","<-1.7e308"}'::estimate[]) e)$q$,
	$q$(SELECT avg(e) FROM unnest('{1.7e308,1.7e308}'::estimate[]) e)$q$,
	$q$(SELECT avg(e) FROM unnest('{1.7e308,-1.7e308,5e-324}'::estimate[]) e)$q$,
	$q$(SELECT avg(e) FROM unnest('{5e-324,5e-324,5e-324}'::estimate[]) e)$q$,
	$q$(SELECT min(e) FROM unnest('{1.7e308,-1.7e308,5e-324}'::estimate[]) e)$q$,
	$q$(SELECT max(e) FROM unnest('{1.7e308,-1.7e308,5e-324}'::estimate[]) e)$q$,
	$q$(SELECT consensus(e) FROM unnest('{">=1e308","<=1.7e308","1.5e308 [1e308,1.7e308]"}'::estimate[]) e)$q$,
	$q$(SELECT consensus(e) FROM unnest('{1.7e308,1.7e308}'::estimate[]) e)$q$,
	$q$(SELECT consensus(e) FROM unnest('{"~1.7e308","~1.7e308","~-1.7e308"}'::estimate[]) e)$q$,
	$q$(SELECT envelope(e) FROM unnest('{1.7e308,-1.7e308}'::estimate[]) e)$q$,
	$q$(SELECT envelope(e) FROM unnest('{1.7e308,1.7e308,1.7e308}'::estimate[]) e)$q$,
	$q$(SELECT envelope(e) FROM unnest('{5e-324,-5e-324}'::estimate[]) e)$q$
]) x;

-- trend_agg: NaN and infinite values and times are rejected; sums that
-- overflow are 22003; a fit whose intermediates overflow is an error, not a
-- wrong slope
SELECT h.name, pg_temp.q(format(
	'(SELECT trend_agg(v, d)::text FROM (VALUES (%L::float8, ''2024-01-01''::date), (1, ''2024-01-02'')) x(v, d))',
	h.v)) AS "trend_agg(v)"
FROM hv h ORDER BY h.name;

CREATE TEMP TABLE tr_h (name text, v float8, d timestamptz);
INSERT INTO tr_h VALUES
	('big', 1.7e308, '2024-01-01'), ('big', 1.7e308, '2024-01-02'), ('big', 1.7e308, '2024-01-03'),
	('alt', 1.7e308, '2024-01-01'), ('alt', -1.7e308, '2024-01-02'), ('alt', 1.7e308, '2024-01-03'),
	('rise', -1.7e308, '2024-01-01'), ('rise', 0, '2024-01-02'), ('rise', 1.7e308, '2024-01-03'),
	('half', -8e307, '2024-01-01'), ('half', 0, '2024-01-02'), ('half', 8e307, '2024-01-03'),
	('tiny', 5e-324, '2024-01-01'), ('tiny', 0, '2024-01-02'), ('tiny', 1e-323, '2024-01-03'),
	('fast', 0, '2024-01-01 00:00:00'), ('fast', 1e308, '2024-01-01 00:00:00.000001'),
	('fast', 1.7e308, '2024-01-01 00:00:00.000002'),
	('wide', 1, '-infinity'), ('wide', 1, '2024-01-01'),
	('span', 1e300, '4713-11-24 00:00:00+00 BC'), ('span', 1.2e300, '294276-12-31 23:59:59.999999+00'),
	('span', 1.1e300, '2000-01-01');
SELECT name, pg_temp.q(format('(SELECT trend_agg(v, d)::text FROM tr_h WHERE name = %L)', name)) AS summary
FROM (SELECT DISTINCT name FROM tr_h) n ORDER BY name;

CREATE FUNCTION pg_temp.tq(name text, acc text) RETURNS text LANGUAGE sql AS $$
	SELECT pg_temp.q(format('(SELECT %s FROM (SELECT trend_agg(v, d) AS t FROM tr_h WHERE name = %L) s)', acc, name))
$$;
SELECT n.name, a.acc, pg_temp.tq(n.name, a.acc) AS result
FROM (VALUES ('big'), ('alt'), ('rise'), ('half'), ('tiny'), ('span')) n(name),
	(VALUES ('total(t)'), ('mean(t)'), ('stddev(t)'), ('slope(t)'), ('slope(t, ''178000000 years'')'),
		('growth(t)'), ('r2(t)'), ('slope_stderr(t)'), ('slope_interval(t)'),
		('forecast(t, ''2024-01-10'')'), ('forecast(t, ''294276-12-31'')'),
		('forecast(t, ''4713-11-24 BC'')'), ('forecast_interval(t, ''2024-01-10'')')) a(acc)
ORDER BY n.name, a.acc;

-- rollup of summaries whose merged sums overflow
SELECT pg_temp.q($q$(SELECT rollup(t)::text FROM (SELECT trend_agg(1.7e308::float8, d) AS t
	FROM generate_series('2024-01-01'::timestamptz, '2024-01-02', '1 day') d GROUP BY d) s)$q$) AS rollup_overflow;

-- cumulative_agg
SELECT h.name, pg_temp.q(format(
	'(SELECT cumulative_agg(v, d)::text FROM (VALUES (%L::float8, ''2024-01-01''::date), (1, ''2024-01-02'')) x(v, d))',
	h.v)) AS "cumulative_agg(v)"
FROM hv h ORDER BY h.name;

CREATE FUNCTION pg_temp.cq(name text, acc text) RETURNS text LANGUAGE sql AS $$
	SELECT pg_temp.q(format('(SELECT %s FROM (SELECT cumulative_agg(v, d) AS c FROM tr_h WHERE name = %L) s)', acc, name))
$$;
SELECT n.name, a.acc, pg_temp.cq(n.name, a.acc) AS result
FROM (VALUES ('big'), ('alt'), ('rise'), ('half'), ('tiny'), ('fast'), ('span')) n(name),
	(VALUES ('delta(c)'), ('rate(c)'), ('rate(c, ''178000000 years'')'), ('fitted_rate(c)'),
		('acceleration(c)'), ('acceleration(c, ''178000000 years'')'),
		('time_to_reach(c, 1.7e308)'), ('time_to_reach(c, ''Infinity'')'),
		('time_to_reach(c, ''NaN'')')) a(acc)
ORDER BY n.name, a.acc;
SELECT pg_temp.q($q$(SELECT time_to_reach(cumulative_agg(v, d), 1e300) FROM (VALUES (0::float8, '2024-01-01'::date), (1, '2024-01-02')) x(v, d))$q$) AS far_future,
	pg_temp.q($q$(SELECT time_to_reach(cumulative_agg(v, d), 2) FROM (VALUES (0::float8, '2024-01-01'::timestamptz), (1e-300, '294276-12-31')) x(v, d))$q$) AS slow_and_late;

-- cost_per_gain and elasticity
SELECT h.name,
	pg_temp.q(format('(SELECT cost_per_gain(l, g) FROM (VALUES (%L::float8, 1::float8)) x(l, g))', h.v)) AS "cost(v, 1)",
	pg_temp.q(format('(SELECT cost_per_gain(l, g) FROM (VALUES (1::float8, %L::float8)) x(l, g))', h.v)) AS "cost(1, v)",
	pg_temp.q(format('(SELECT elasticity(l, g) FROM (VALUES (%L::float8, 2::float8), (4, 3)) x(l, g))', h.v)) AS "elasticity(v, ·)",
	pg_temp.q(format('(SELECT elasticity(l, g) FROM (VALUES (2::float8, %L::float8), (4, 3)) x(l, g))', h.v)) AS "elasticity(·, v)"
FROM hv h ORDER BY h.name;
SELECT x AS expr, pg_temp.q(x) AS result FROM unnest(ARRAY[
	$q$(SELECT cost_per_gain(l, g) FROM (VALUES (1.7e308::float8, 1::float8), (1.7e308, 1)) x(l, g))$q$,
	$q$(SELECT cost_per_gain(l, g) FROM (VALUES (1.7e308::float8, 1::float8), (-1.7e308, 1)) x(l, g))$q$,
	$q$(SELECT cost_per_gain(l, g) FROM (VALUES (1.7e308::float8, 5e-324::float8)) x(l, g))$q$,
	$q$(SELECT cost_per_gain(l, g) FROM (VALUES (5e-324::float8, 1.7e308::float8)) x(l, g))$q$,
	$q$(SELECT cost_per_gain(l, g) FROM (VALUES (1::float8, 1.7e308::float8), (1, -1.7e308)) x(l, g))$q$,
	$q$(SELECT elasticity(l, g) FROM (VALUES (5e-324::float8, 5e-324::float8), (1.7e308, 1.7e308)) x(l, g))$q$,
	$q$(SELECT elasticity(l, g) FROM (VALUES (5e-324::float8, 1.7e308::float8), (1.7e308, 5e-324)) x(l, g))$q$,
	$q$(SELECT elasticity(l, g) FROM (VALUES (1::float8, 1::float8), (2, 1.0000000000000002)) x(l, g))$q$
]) x;

-- report_series and its accessors
SELECT h.name, pg_temp.q(format(
	'(SELECT report_series(v, d)::text FROM (VALUES (%L::float8, ''2024-01-01''::date), (1, ''2024-01-02'')) x(v, d))',
	h.v)) AS "report_series(v)"
FROM hv h ORDER BY h.name;
SELECT x AS expr, pg_temp.q(x) AS result FROM unnest(ARRAY[
	$q$'{(2024-01-01,NaN)}'::series$q$, $q$'{(2024-01-01,Infinity)}'::series$q$,
	$q$'{(2024-01-01,1e309)}'::series$q$, $q$'{(2024-01-01,5e-324)}'::series$q$,
	$q$'{(infinity,1)}'::series$q$,
	$q$(SELECT report_series(1, d) FROM (VALUES ('infinity'::timestamptz)) x(d))$q$
]) x;

CREATE FUNCTION pg_temp.sq(name text, acc text) RETURNS text LANGUAGE sql AS $$
	SELECT pg_temp.q(format('(SELECT %s FROM (SELECT report_series(v, d) AS s FROM tr_h WHERE name = %L) s)', acc, name))
$$;
SELECT n.name, a.acc, pg_temp.sq(n.name, a.acc) AS result
FROM (VALUES ('big'), ('alt'), ('rise'), ('half'), ('tiny'), ('fast'), ('span')) n(name),
	(VALUES ('(SELECT string_agg(losses || '' '' || per_day, '', '') FROM losses_by_period(s, ''1 day''))'),
		('(SELECT string_agg(losses || '' '' || per_day, '', '') FROM losses_by_period(s, ''1 day'', on_decrease => ''clamp''))'),
		('(SELECT string_agg(losses || '' '' || per_day, '', '') FROM losses_by_period(s, ''178000000 years''))'),
		('(SELECT count(*) FROM losses_by_period(s, ''1 microsecond''))'),
		('total_at(s, ''2024-01-01 12:00'')'), ('total_at(s, ''2024-01-02 12:00'')'),
		('total_at(s, ''2024-01-01 00:00:00.0000005'')'),
		('total_at(s, ''infinity''::timestamptz)'), ('total_at(s, ''-infinity''::timestamptz)'),
		('total_at(s, ''294276-12-31 23:59:59.999999+00'')'),
		('num_decreases(s)')) a(acc)
-- (buckets of a day only over short spans, of a microsecond only over 'fast')
WHERE (n.name <> 'span' OR a.acc NOT LIKE '%''1 %')
	AND (n.name = 'fast' OR a.acc NOT LIKE '%1 microsecond%')
ORDER BY n.name, a.acc;

-- huge buckets and origins
SELECT x AS expr, pg_temp.q(x) AS result FROM unnest(ARRAY[
	$q$(SELECT count(*) FROM losses_by_period('{(2024-01-01,0),(2024-02-01,10)}'::series, '178000000 years', '294276-12-31'))$q$,
	$q$(SELECT count(*) FROM losses_by_period('{(2024-01-01,0),(2024-02-01,10)}'::series, '1 day', '4713-11-24 BC'))$q$,
	$q$(SELECT count(*) FROM losses_by_period('{(2024-01-01,0),(2024-02-01,10)}'::series, '1 microsecond', '294276-12-31'))$q$,
	$q$(SELECT count(*) FROM losses_by_period('{(2024-01-01,0),(2024-02-01,10)}'::series, '1 day', 'infinity'))$q$,
	$q$(SELECT count(*) FROM losses_by_period('{(-4712-11-24,0),(294276-12-31,10)}'::series, '100000 years'))$q$,
	$q$(SELECT string_agg(losses::text, ',') FROM losses_by_period('{(-4712-11-24,-1.7e308),(294276-12-31,1.7e308)}'::series, '100000 years'))$q$
]) x;
