--
-- The estimate type: figures as sources state them
--
SET search_path = public, conflict_stats;

-- a helper that shows the SQLSTATE, message and detail of a failing input
CREATE FUNCTION pg_temp.try_estimate(t text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text; det text;
BEGIN
	RETURN t::conflict_stats.estimate::text;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
	RETURN st || ' ' || msg || ' | ' || det;
END
$$;

-- every input form: canonical output, parts, qualifier, description
SELECT x AS input, x::estimate AS canonical, best(x::estimate), low(x::estimate),
	   high(x::estimate), low_inclusive(x::estimate) AS lo_inc,
	   high_inclusive(x::estimate) AS hi_inc, qualifier(x::estimate),
	   describe(x::estimate)
FROM unnest(ARRAY[
	'600000', '600,000', '+600000', '-1,200.5', '2.5e3', '2.5E+3', '.5', '0.1',
	'~600000', 'about 600000', 'About 600,000', 'some 600000', 'SOME   600000',
	'approximately 5', 'around 5', 'roughly 5', 'circa 5',
	'>600000', 'more than 600000', 'More Than 600,000', 'over 600000', 'above 5',
	'>=600000', '>= 600000', 'at least 600000', 'no fewer than 5', 'no less than 5',
	'<600000', 'fewer than 600000', 'less than 600000', 'under 5', 'below 5',
	'<=600000', 'at most 600000', 'up to 600000', 'as many as 615,000', 'no more than 5',
	'500000..700000', '500000 to 700000', 'between 500000 and 700000',
	'500,000..700,000', '500000 .. 700000', E'500000\u2013700000',
	'615000 (500000..700000)', '615000 [500000,700000]', '615,000 (500,000..700,000)',
	'615000 (500000 to 700000)', '615000[500000,700000]',
	'20 [15,)', '601000 (600000,)', '5 (,10]', '5 (,)', '5 (4,5)', '5 [5,10]',
	'5 [5,5]', '5..5', '-5..5', '1e15', '1e-5', '123456789012345678',
	E'  \t >=\n 600000  ']) AS x;

-- bad input, right after the good: SQLSTATE, message and detail of each
SELECT x AS input, pg_temp.try_estimate(x) AS result
FROM unnest(ARRAY[
	'', '   ', 'abc', '600000 people', '600000,', '60,0000', '1,23', ',600',
	'1234,567', '600,000,', 'NaN', 'nan', 'Infinity', '-infinity', 'inf', '~NaN',
	'1e', '1e+', '--5', '+-5', '0x10', '5.', '. 5', 'more 5', 'more than',
	'at 5', 'up 5', '>', '> = 5', '7..5', '5..', '..5', 'between 5', 'between 5 and',
	'between 7 and 5', '5 [6,)', '5 (,4]', '5 (5,5)', '5 [5,5)', '5 (5,5]',
	'5 [5,6', '5 [4,6', '5 (4..6]', '5 [4..6)', '5 [,6]', '5 [4,]', '5 [4;6]',
	'5 [4,6] 7', '5 [500,000,700,000]', '600000 to', '1e400', '-1e400', '1e-400',
	'1,000e400', '0,600', '012,345']) AS x;

-- the same errors as psql shows them
SELECT ''::estimate;
SELECT 'NaN'::estimate;
SELECT '60,0000'::estimate;
SELECT '5 (5,5)'::estimate;
SELECT '1e400'::estimate;

-- canonical text reads back to the same value, whatever extra_float_digits is
CREATE TABLE est_rt AS
SELECT i, CASE i % 6
	WHEN 0 THEN estimate(x)
	WHEN 1 THEN estimate(x, x - abs(x) / 3, x + abs(x) / 7)
	WHEN 2 THEN ('>' || x::text)::estimate
	WHEN 3 THEN ('~' || x::text)::estimate
	WHEN 4 THEN estimate(x, NULL, x + 1)
	ELSE estimate(x, x - abs(x) / 5 - 1, x + abs(x) / 5 + 1) END AS e
FROM (SELECT i, (random() - 0.5) * 10 ^ (random() * 40 - 20) AS x
	  FROM (SELECT setseed(0.42)) s, generate_series(1, 5000) i) r;
SET extra_float_digits = 3;
CREATE TABLE est_rt_text3 AS SELECT i, e::text AS t FROM est_rt;
SET extra_float_digits = -15;
SELECT count(*) AS differing_text FROM est_rt JOIN est_rt_text3 USING (i) WHERE e::text <> t;
SELECT count(*) AS not_reading_back FROM est_rt WHERE e::text::estimate <> e
	OR estimate_send(e::text::estimate) <> estimate_send(e);
RESET extra_float_digits;

-- numbers print as float8out does with extra_float_digits = 1
SET extra_float_digits = 1;
SELECT count(*) AS differs_from_float8out
FROM (SELECT (random() - 0.5) * 10 ^ (random() * 600 - 300) AS x
	  FROM generate_series(1, 20000)) r
WHERE estimate(x)::text <> x::text;
SELECT estimate(x) FROM unnest(ARRAY[1e15, 1e14, 123456789012345.6, 1234567890123456,
	0.0001, 0.00001, 5e-324, 1.7976931348623157e308, -2.5e-7]::float8[]) x;
RESET extra_float_digits;

-- binary I/O: pinned bytes, and COPY BINARY out and back
SELECT estimate_send('615000 [500000,700000]') AS bytes;
SELECT estimate_send('>600000') AS bytes;
SELECT estimate_send('~5') AS bytes;
CREATE TABLE est_bin (e estimate);
COPY (SELECT e FROM est_rt ORDER BY i) TO '/tmp/conflict_stats_est.bin' (FORMAT binary);
COPY est_bin FROM '/tmp/conflict_stats_est.bin' (FORMAT binary);
SELECT count(*) AS copied, count(*) FILTER (WHERE e IN (SELECT e FROM est_rt)) AS identical FROM est_bin;

-- receive rejects what in rejects: bytes written as bytea, read back as estimate
CREATE FUNCTION pg_temp.try_recv(b bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text; det text; r text;
BEGIN
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', b, '/tmp/conflict_stats_recv.bin');
	TRUNCATE est_bin;
	EXECUTE format('COPY est_bin FROM %L (FORMAT binary)', '/tmp/conflict_stats_recv.bin');
	SELECT e::text INTO r FROM est_bin;
	RETURN r;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
	RETURN st || ' ' || msg || ' | ' || det;
END
$$;
SELECT d AS case, pg_temp.try_recv(b) AS result FROM (VALUES
	('good', '\x010f4122c4b000000000411e84800000000041255cc000000000'::bytea),
	('version 2', '\x020f4122c4b000000000411e84800000000041255cc000000000'),
	('unknown flag', '\x014f4122c4b000000000411e84800000000041255cc000000000'),
	('approximate mark', '\x011f4122c4b000000000411e84800000000041255cc000000000'),
	('both marks', '\x013f41186a000000000041155cc000000000411b774000000000'),
	('approximate, no side', '\x0110401400000000000000000000000000000000000000000000'),
	('approximate point', '\x011f401400000000000040140000000000004014000000000000'),
	('centre off midpoint', '\x012f4122c4b000000000411e84800000000041255cc000000000'),
	('centre, open side', '\x0123401400000000000040100000000000000000000000000000'),
	('low > high', '\x010f4122c4b00000000041255cc000000000411e848000000000'),
	('NaN best', '\x010f7ff8000000000000411e84800000000041255cc000000000'),
	('infinite high', '\x010f4122c4b000000000411e8480000000007ff0000000000000'),
	('best outside', '\x010f4130000000000000411e84800000000041255cc000000000'),
	('unbounded slot not zero', '\x01004122c4b000000000411e84800000000041255cc000000000'),
	('inclusive unbounded', '\x01024122c4b00000000000000000000000000000000000000000'),
	('negative zero', '\x010f800000000000000080000000000000008000000000000000'),
	('too short', '\x010f4122c4b000000000'),
	('too long', '\x010f4122c4b000000000411e84800000000041255cc00000000000')
) v(d, b);

-- constructors
SELECT estimate(5), estimate(5, 1, 10), estimate(5, NULL, 10), estimate(5, 1, NULL),
	   estimate(5, NULL, NULL), estimate(5, 5, 5), estimate(NULL, 1, 2);
SELECT estimate(5, 6, 10);
SELECT estimate(5, 10, 1);
SELECT estimate('NaN'::float8);
SELECT estimate('Infinity'::float8);
SELECT estimate('-Infinity'::float8, NULL, NULL);
SELECT estimate(1, 'NaN', NULL);

-- arithmetic
SELECT a, b, a::estimate + b::estimate AS sum, a::estimate - b::estimate AS difference
FROM (VALUES ('>600000', '1000'), ('>600000', '>=1000'), ('500..700', '10..20'),
			 ('615000 [500000,700000]', '~5'), ('>=5', '<3'), ('5 (4,6]', '1 [0,2)'),
			 ('<10', '<10'), ('0.1', '0.2')) v(a, b);
SELECT '>600000'::estimate + 1000 AS plus_int, '>600000'::estimate / 958 AS per_day,
	   -'5 (4,6]'::estimate AS negated, '5 (4,6]'::estimate * -2 AS times_minus_two,
	   -2 * '5 (4,6]'::estimate AS minus_two_times, '~5'::estimate * 0 AS times_zero,
	   '>600000'::estimate * 1.5 AS times_numeric, '500..700'::estimate / 4 AS quarter,
	   '>600000'::estimate / ('2024-10-09'::date - '2022-02-24'::date) AS article_rate;
SELECT '1e308'::estimate * 10;
SELECT '1e308'::estimate + '1e308';
SELECT '5'::estimate / 0;
SELECT '5'::estimate * 'NaN'::float8;
SELECT '5'::estimate * 'Infinity'::float8;

-- casts from numbers are implicit and leave built-in expressions alone
SELECT 5::integer::estimate, 5000000000::bigint::estimate, 1.25::numeric::estimate,
	   0.1::float8::estimate, ('>5'::estimate)::float8, ('5 (4,6]'::estimate)::numrange,
	   ('>600000'::estimate)::numrange, ('<=5'::estimate)::numrange, ('~5'::estimate)::numrange,
	   ('0.1..0.3'::estimate)::numrange;
SELECT 'NaN'::numeric::estimate;
SELECT 1e400::numeric::estimate;
SELECT pg_typeof(1 + 1) AS int_int, pg_typeof(1 + 1.5) AS int_numeric,
	   pg_typeof(1.5 * 2::float8) AS numeric_float8, pg_typeof(2 * 1.5::float8) AS int_float8,
	   pg_typeof(1::int8 + 1) AS int8_int, pg_typeof(1::int2 + 1.5) AS int2_numeric,
	   pg_typeof(2 / 3) AS int_div, pg_typeof(2.0 / 3) AS numeric_div,
	   pg_typeof(1 < 2.5) AS compare, pg_typeof(greatest(1, 2.5)) AS greatest_mixed,
	   pg_typeof(coalesce(1, 2.5)) AS coalesce_mixed, pg_typeof(1::float4 * 2) AS float4_int;
SELECT pg_typeof(sum(x)) AS sum_int, pg_typeof(avg(x)) AS avg_int,
	   pg_typeof(max(x)) AS max_int, pg_typeof(min(x::numeric)) AS min_numeric,
	   pg_typeof(sum(x::float8)) AS sum_float8, pg_typeof(sum(x::numeric)) AS sum_numeric
FROM (VALUES (1), (2)) v(x);
SELECT pg_typeof(x) FROM (VALUES (1), (2.5)) v(x) LIMIT 1;
SELECT pg_typeof(x) FROM (SELECT 1 UNION ALL SELECT 2.5) v(x) LIMIT 1;
SELECT pg_typeof('>5'::estimate + 1) AS est_int, pg_typeof(1 + '>5'::estimate) AS int_est,
	   pg_typeof('>5'::estimate * 2) AS est_times, pg_typeof('>5'::estimate > 3) AS est_gt_int,
	   pg_typeof('>5'::estimate = 5.0) AS est_eq_numeric;

-- estimate is in the numeric type category (not preferred): where SQL picks
-- one type for numbers and estimates (coalesce, CASE, UNION, VALUES, ARRAY),
-- it picks estimate, and the numbers become exact estimates
SELECT typcategory, typispreferred FROM pg_type WHERE oid = 'estimate'::regtype;
SELECT coalesce(NULL::estimate, 0) AS coalesce_int, pg_typeof(coalesce(NULL::estimate, 0)),
	   coalesce('>5'::estimate, 2.5) AS coalesce_keeps, pg_typeof(coalesce(0, '>5'::estimate)) AS int_first;
SELECT x, CASE WHEN x > 1 THEN '>600000'::estimate ELSE 0 END AS case_mixed,
	   pg_typeof(CASE WHEN x > 1 THEN 0 ELSE '~5'::estimate END) AS case_type
FROM (VALUES (1), (2)) v(x);
SELECT x, pg_typeof(x) FROM (SELECT '~5'::estimate UNION ALL SELECT 3 UNION ALL SELECT 2.5::numeric
	UNION ALL SELECT 1e3::float8) u(x) ORDER BY x;
SELECT x, pg_typeof(x) FROM (VALUES (1), ('about 1,200'::estimate), (2.5)) v(x) ORDER BY x;
SELECT ARRAY['>5'::estimate, 1, 2.5] AS array_mixed, pg_typeof(ARRAY[1, '>5'::estimate]) AS array_type;
SELECT greatest('>5'::estimate, 4, 6) AS greatest_mixed, least(3, '~5'::estimate) AS least_mixed;
-- and built-in expressions that have no estimate keep their built-in types
SELECT pg_typeof(coalesce(1, 2)) AS coalesce_int, pg_typeof(coalesce(1, 2.5)) AS coalesce_numeric,
	   pg_typeof(CASE WHEN true THEN 1 ELSE 2.5 END) AS case_numeric,
	   pg_typeof(ARRAY[1, 2.5]) AS array_numeric, pg_typeof(ARRAY[1, 2.5::float8]) AS array_float8,
	   pg_typeof(greatest(1, 2.5::float8)) AS greatest_float8;
SELECT pg_typeof(x) FROM (VALUES (1), (2.5::float8)) v(x) LIMIT 1;
SELECT pg_typeof(x) FROM (SELECT 1::bigint UNION ALL SELECT 2) v(x) LIMIT 1;

-- order: by best, then lower bound (unbounded first, inclusive before
-- exclusive), then upper bound (exclusive before inclusive, unbounded last)
SELECT x::estimate AS ordered FROM unnest(ARRAY['5', '~5', '>5', '>=5', '<5', '<=5',
	'5 [4,6]', '5 (4,6]', '5 [4,6)', '5 [4,)', '5 (4,)', '5 (,6]', '5 (,6)', '4..6',
	'5 [3,6]', '6', '-1', '5 [5,6]', '5 (,5]']) x
ORDER BY 1;
SELECT 'between 4 and 6'::estimate = '4..6' AS eq, '5'::estimate = 5 AS eq_int,
	   '>5'::estimate = '>=5' AS gt_ge, '>5'::estimate <> '>=5' AS ne,
	   '>5'::estimate > '>=5' AS gt, '<5'::estimate < '<=5' AS lt,
	   '~5'::estimate < '5' AS about_before_exact, '5 (,6]'::estimate < '~5' AS bounded_high_first,
	   estimate_cmp('1', '2'), estimate_cmp('2', '2'), estimate_cmp('>2', '2');

-- btree index and hash support
CREATE TABLE est_idx AS SELECT e FROM est_rt;
CREATE INDEX ON est_idx (e);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM est_idx WHERE e > '0';
SELECT count(*) = (SELECT count(*) FROM est_rt WHERE e > '0') AS index_agrees
FROM est_idx WHERE e > '0';
RESET enable_seqscan;
SELECT count(*) AS unequal_hash_for_equal_values
FROM est_rt a JOIN est_rt b ON a.e = b.e
WHERE estimate_hash(a.e) <> estimate_hash(b.e);
SELECT estimate_hash('from 4 to 6') = estimate_hash('4..6') AS same_hash,
	   estimate_hash_extended('5', 0) = estimate_hash_extended('5', 0) AS same_extended,
	   estimate_hash_extended('5', 0) <> estimate_hash_extended('5', 1) AS seed_matters;
CREATE TABLE est_dup (e estimate);
INSERT INTO est_dup SELECT x::estimate FROM unnest(ARRAY['>5', '>=5', '5', '4 to 6', '4..6',
	'~5', '>5', '-0', '0', '0.0..0']) x;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT e, count(*) FROM est_dup GROUP BY e;
SELECT e, count(*) FROM est_dup GROUP BY e ORDER BY e;
RESET enable_sort;
SELECT count(DISTINCT e) AS distinct_values FROM est_dup;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM est_dup a JOIN est_dup b USING (e);
SELECT count(*) AS hash_join_rows FROM est_dup a JOIN est_dup b USING (e);
RESET enable_mergejoin;
RESET enable_nestloop;

-- range tests
SELECT e, e @> 5 AS has_5, e @> 6 AS has_6, 6 <@ e AS in_6, e @> 'NaN' AS has_nan
FROM unnest(ARRAY['>5', '>=5', '<6', '~5', '5 (4,6]', '5 [4,6)']::estimate[]) e;
SELECT a, b, a::estimate && b::estimate AS overlaps
FROM (VALUES ('1..3', '3..5'), ('1..3', '>3'), ('1..3', '>=3'), ('~1', '~100'),
			 ('<5', '>5'), ('<=5', '>=5'), ('5 (4,6)', '6.5 [6,7]'), ('5 (4,6]', '6.5 [6,7]'), ('2..4', '1..5')) v(a, b);

-- aggregates
CREATE TABLE est_claims (src text, e estimate);
INSERT INTO est_claims VALUES ('a', '>600000'), ('b', '500000..700000'),
	('c', '615000 [500000,700000]'), ('d', NULL);
SELECT sum(e), avg(e), min(e), max(e), consensus(e), envelope(e) FROM est_claims;
SELECT sum(e), avg(e), min(e), max(e), consensus(e), envelope(e) FROM est_claims WHERE false;
SELECT sum(e), avg(e), min(e), max(e), consensus(e), envelope(e) FROM est_claims WHERE src = 'a';
SELECT consensus(e) AS contradiction, envelope(e)
FROM unnest(ARRAY['<5', '>5']::estimate[]) e;
SELECT consensus(e) AS touching, envelope(e)
FROM unnest(ARRAY['<=5', '>=5']::estimate[]) e;
SELECT consensus(e) AS intersection, envelope(e)
FROM unnest(ARRAY['>=100', '1..1000', '~1']::estimate[]) e;
SELECT consensus(e) AS clamped_to_low, envelope(e)
FROM unnest(ARRAY['>=100', '~1']::estimate[]) e;
SELECT consensus(e) AS clamped_to_high, envelope(e)
FROM unnest(ARRAY['<10', '~100', '5 (,20]']::estimate[]) e;
SELECT sum(e) AS sum_overflow FROM unnest(ARRAY['1e308', '1e308']::estimate[]) e;
SELECT estimate_avg_combine('{1,2,3}', '{0,0,0,0,0}');
SELECT estimate_avg_final('{-1,0,0,0,0}');

-- aggregates under a forced parallel plan equal the serial answer
CREATE TABLE est_par AS
SELECT i % 7 AS g, CASE i % 4 WHEN 0 THEN estimate(i) WHEN 1 THEN estimate(i, i - 3, i + 5)
	WHEN 2 THEN ('>' || i)::estimate ELSE estimate(i, i - 10, NULL) END AS e,
	estimate(i, i - 200000, i + 200000) AS w
FROM generate_series(1, 100000) i;
ANALYZE est_par;
CREATE TABLE est_serial AS
SELECT g, sum(e), avg(e), min(e), max(e), consensus(e), envelope(e), consensus(w) AS cw FROM est_par GROUP BY g;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT g, sum(e), avg(e), min(e), max(e), consensus(e), envelope(e), consensus(w) AS cw FROM est_par GROUP BY g;
CREATE TABLE est_parallel AS
SELECT g, sum(e), avg(e), min(e), max(e), consensus(e), envelope(e), consensus(w) AS cw FROM est_par GROUP BY g;
EXPLAIN (COSTS OFF) SELECT sum(e), avg(e), consensus(e), envelope(e) FROM est_par;
SELECT (SELECT row(sum(e), avg(e), min(e), max(e), consensus(e), envelope(e), consensus(w), envelope(w))::text FROM est_par) AS parallel_total;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SELECT (SELECT row(sum(e), avg(e), min(e), max(e), consensus(e), envelope(e), consensus(w), envelope(w))::text FROM est_par) AS serial_total;
SELECT count(*) AS groups, count(*) FILTER (WHERE s::text = p::text) AS identical
FROM est_serial s JOIN est_parallel p USING (g);

-- 1.2: the approximate mark and the stated centre
SELECT x AS input, x::estimate AS canonical, best(x::estimate), low(x::estimate),
	   high(x::estimate), qualifier(x::estimate), describe(x::estimate),
	   x::estimate::text::estimate = x::estimate AS reads_back
FROM unnest(ARRAY[
	'~<5', '~<=5', '~>5', '~>=5', '≈<5', '~≤5', '~5..7', '~5 [4,6]', '~5.5 [4,6]', '~5 (4,)',
	'~5 (,6]', '~5 [5,5]', '~5..5', 'nearly 1 million', 'just over 900,000',
	'almost 600,000', 'just under 5', 'approaching 5', 'just shy of 5', 'a little under 5',
	'slightly less than 5', 'slightly fewer than 5', 'a little less than 5', 'just above 5',
	'a little over 5', 'a little more than 5', 'slightly more than 5',
	'about 600,000 to 700,000', 'around 790,000-900,000', 'roughly between 500,000 and 700,000',
	'about 615,000 (500,000-700,000)', '400,000 (350,000-450,000)', '400000 [350000,450000]',
	'400000 (350000..450000)', '350,000 to 450,000', '400000 (350000,450000)']) AS x;

-- bad neighbours of the new forms, right after the good
SELECT x AS input, pg_temp.try_estimate(x) AS result
FROM unnest(ARRAY['~~5', '~<', '~<~5', '~nearly 5', 'nearly ~5', 'nearly <5', 'about nearly 5',
	'about <5', '<~5', 'nearly 5 to 7', 'just over', 'slightly 5', 'a little 5', '~5 [6,7]',
	'~5 (5,5)', '400,000 (450,000-350,000)']) AS x;

-- the marks are parts of the value: order (after the other keys, unset first),
-- equality, hash, GROUP BY, DISTINCT
SELECT '~<5'::estimate <> '<5' AS approx_differs, '400000 [350000,450000]'::estimate <> '350000..450000' AS centre_differs,
	   '<5'::estimate < '~<5' AS plain_first, '4..6'::estimate < '5 [4,6]' AND '5 [4,6]'::estimate < '~4..6'
		   AND '~4..6'::estimate < '~5 [4,6]' AS approx_then_centre,
	   estimate_hash('~<5') <> estimate_hash('<5') AS hash_differs;
CREATE TABLE est_marks (e estimate);
INSERT INTO est_marks SELECT x::estimate FROM unnest(ARRAY['<5', '~<5', 'nearly 5', '4..6',
	'5 [4,6]', '~4..6', 'about 4 to 6', '~5 [4,6]', 'about 5 (4..6)', '5 (4..6)']) x;
SELECT e, count(*) FROM est_marks GROUP BY e ORDER BY e;
SET enable_sort = off;
SELECT e, count(*) FROM est_marks GROUP BY e ORDER BY e::text;
RESET enable_sort;
SELECT count(DISTINCT e) AS distinct_values FROM est_marks;

-- binary: the marks ride in the flags byte
SELECT x AS input, estimate_send(x::estimate) AS bytes FROM unnest(ARRAY['~<5', '400000 [350000,450000]',
	'~400000 [350000,450000]', '<5', '~5']) x;

-- arithmetic, round and the aggregates carry the marks
SELECT 'nearly 1000'::estimate + 10 AS soft_plus, 'nearly 1000'::estimate + '~10' AS about,
	   1000 - 'nearly 100'::estimate AS soft_minus, -'~<5'::estimate AS neg,
	   'nearly 5'::estimate * 2 AS times, 'nearly 5'::estimate * 0 AS times_zero,
	   '~4..6'::estimate / 2 AS over, '~4..6'::estimate * '2..3'::estimate AS product,
	   '400 (300-500)'::estimate + 10 AS centre_plus, '300..500'::estimate + '10 [0,20]' AS centre_from_one,
	   round('~<5.4'::estimate) AS round_soft, round('5.2 [4.1,5.9]'::estimate) AS round_centre;
SELECT sum(e), avg(e), min(e), max(e), consensus(e), envelope(e)
FROM unnest(ARRAY['~10..20', '12..30']::estimate[]) e;
SELECT sum(e), avg(e), consensus(e), envelope(e)
FROM unnest(ARRAY['15 [10,20]', '10..20']::estimate[]) e;
-- an approximate one-sided figure states its number (consensus and envelope take its mean)
SELECT consensus(e), envelope(e) FROM unnest(ARRAY['nearly 20', '>5']::estimate[]) e;
SELECT consensus(e) AS approximate_point FROM unnest(ARRAY['~>=5', '<=5']::estimate[]) e;
-- a state's flags slot holds the marks in its own bits; others are refused
SELECT estimate_consensus_accum('{0,0,0,0,0,0,0}', 'nearly 5') AS soft_state,
	   estimate_avg_accum('{0,0,0,0,0}', '5 [4,6]') AS centre_state;
SELECT estimate_range_final('{1,5,0,5,196,1,5}') AS from_state;
SELECT estimate_range_final('{1,5,0,5,36,1,5}') AS bad_state;

-- within reads an approximate figure widened: open sides from the best, bounds outward
SELECT within('nearly 1 million', '100,000') AS not_any_smaller, within('<1000000', '100,000') AS stated,
	   within('nearly 1 million', '1,050,000') AS widened_bound, within('nearly 1 million', '1,050,000', 0.01) AS narrow,
	   within('~2000..3000', '3250') AS about_range, within('2000..3000', '3250') AS hard_range,
	   within('just over 900000', '900000', 0) AS zero_tolerance,
	   'nearly 1 million'::estimate && '100,000' AS overlaps_strict;

DROP TABLE est_marks;
DROP TABLE est_rt, est_rt_text3, est_bin, est_idx, est_dup, est_claims, est_par, est_serial, est_parallel;
