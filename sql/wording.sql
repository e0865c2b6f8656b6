--
-- Figures as real sources word them (1.1): qualifier words and symbols,
-- scale words, fractions, percentages, ranges, separators; each good form
-- with its bad neighbours right after it; figures for people (describe,
-- round, the numeric cast).
--
SET search_path = public, conflict_stats;
SET extra_float_digits = 0;

-- the SQLSTATE, message, detail and hint of a failing input, else its value
CREATE FUNCTION pg_temp.try(x text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text; det text; hint text;
BEGIN
	RETURN x::conflict_stats.estimate::text;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, det = PG_EXCEPTION_DETAIL,
		hint = PG_EXCEPTION_HINT;
	RETURN st || ' | ' || det || CASE WHEN hint <> '' THEN ' | (hint lists the known words)' ELSE '' END;
END
$$;

-- qualifier words and symbols
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'about 600000', 'some 600000', 'approximately 600000', 'approx. 600000', 'approx 600000',
	'around 600000', 'roughly 600000', 'circa 600000', 'c. 1200', 'ca. 1200', 'an estimated 600,000',
	'close to 600000', '~600000', '≈600000',
	'more than 600000', 'more 11000', 'over 600 000', 'above 600000', 'in excess of 600000',
	'upwards of 600000', 'just over 600000', 'exceeding 600000', 'north of 600000', '>600000',
	'at least 600000', 'no fewer than 600000', 'no less than 600000', 'a minimum of 600000',
	'≥600000', '>= 600000',
	'fewer than 600000', 'less than 600000', 'under 600000', 'below 600000', 'nearly 600,000',
	'almost 600000', 'just under 600000', 'approaching 600000', '<600000',
	'at most 600000', 'up to 600000', 'as many as 600000', 'no more than 600000',
	'a maximum of 600000', '≤600000', '<= 600000',
	'NEARLY 1 Million', '  More   Than   600,000  '
]) x;
-- their bad neighbours: a qualifier without its number, an unknown word
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'nearly', 'more than', 'about', '≥', 'in excess 600000', 'nearlly 600000', 'more then 600000',
	'600000 people', 'roughly', 'just 600000'
]) x;

-- scale words, applied exactly in decimal, and fraction words
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'600k', '600 k', '600K', '1.2 million', '1.2m', '1.2 mn', '2 billion', '2bn', '0.3 thousand',
	'1.5 thousand', '12.345 million', 'nearly 1 million', 'more than 1 million',
	'half a million', 'half million', 'a third of a million', 'two-thirds of a million',
	'a quarter million', 'three-quarters of a million', 'two thirds', 'half', 'a quarter',
	'three-quarters', 'two-thirds', 'about two-thirds'
]) x;
SELECT '1.2 million'::estimate = 1200000 AS exactly_1200000, '0.3 thousand'::estimate = 300 AS exactly_300,
	   'two-thirds'::estimate = 2::float8 / 3 AS nearest_two_thirds;
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'600kk', '1.2 millions', '600 kilo', 'million', 'half a', 'two-thirds of a', 'half of', 'k600'
]) x;

-- percentages
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'66%', '66 %', '66 percent', '66 per cent', 'about 66%', 'more than 7.5%', '60-70%', '100%'
]) x;
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'66%%', '%', '66 percents', '% 66'
]) x;

-- ranges: every separator, after an approximate word, a scale word shared
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'600,000-700,000', '600000 - 700000', '600000–700000', '600000—700000', '600000 to 700000',
	'from 600000 to 700000', 'between 600000 and 700000', '600000..700000',
	'about 600,000 to 700,000', 'some 600000-700000', 'roughly between 600000 and 700000',
	'1.2 to 1.5 million', '1.2-1.5m', 'between 1.2 and 1.5 million', '500 to 1 million',
	'-5 - -3', '615,000 (500,000-700,000)'
]) x;
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'600,000-', '-', '700000-600000', '600000 to', 'between 600000', 'from 600000 700000',
	'600000 - 700000 - 800000', '1.5 to 1.2 million'
]) x;

-- thousands separators: comma, space, no-break, narrow no-break, thin space
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'600,000', '600 000', E'600\u00a0000', E'600\u202f000', E'600\u2009000', '1 200 000',
	'615 000 [500 000,700 000]', '600.000', '600.5'
]) x;
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'600 00', '60 0000', '600,000 000', '1.200.000', '0 600', '6000 000'
]) x;

-- a no-break (U+00A0), thin (U+2009) or narrow no-break (U+202F) space is
-- white space between words, as between groups of digits it is a thousands
-- separator; a minus sign (U+2212) is '-' where a sign may stand, and never
-- a range dash; an em space (U+2003) is none of these (shown here as <NBSP>,
-- <THIN>, <NNBSP>, <MINUS>, <EMSP>)
CREATE FUNCTION pg_temp.shown(x text) RETURNS text LANGUAGE sql AS $$
	SELECT replace(replace(replace(replace(replace(x, E'\u00a0', '<NBSP>'), E'\u2009', '<THIN>'),
								   E'\u202f', '<NNBSP>'), E'\u2212', '<MINUS>'), E'\u2003', '<EMSP>')
$$;
SELECT pg_temp.shown(x) AS input, pg_temp.shown(pg_temp.try(x)) AS result FROM unnest(ARRAY[
	E'1.2\u00a0million', E'about\u00a0600', E'more\u00a0than 5', E'more\u2009than\u202f5',
	E'\u00a0600 000\u2009', E'600\u00a0to\u00a0700', E'500\u00a0-\u00a0700', E'half\u00a0a\u00a0million',
	E'between\u202f500\u202f000\u202fand 700 000', E'615000 (500000\u00a0-\u00a0700000)',
	E'66\u2009%', E'\u22125', E'~\u22125', E'more than \u22121,000', E'\u22127..\u22125',
	E'\u22125 to \u22123', E'\u22125 - \u22123', E'5 [\u22121,10]', E'1e\u22123'
]) x;
SELECT pg_temp.shown(x) AS input, pg_temp.shown(pg_temp.try(x)) AS result FROM unnest(ARRAY[
	E'5\u22127', E'5 \u2212 7', E'\u2212', E'\u2212\u22125', E'\u2212-5', E'\u2212 5', E'about\u2003600',
	E'more\u00a0thanx 5', E'600\u00a0000 000', E'1\u202f200\u00a0000', E'1.2\u00a0millions'
]) x;

-- the bad neighbours of every form are 22P02 with a detail
SELECT count(*) AS bad_inputs, count(*) FILTER (WHERE pg_temp.try(x) ~ '^22P02 \| [A-Z].*\.') AS refused_with_detail
FROM unnest(ARRAY['600kk', '1.2 millions', '600,000-', '-', 'nearly', 'half a', '66%%', '600 00',
				  '700000-600000']) x;

-- a detail quotes the text it could not read, clipped between two
-- characters: it is valid in the database encoding, so that a client in
-- another encoding (GB18030 here) gets the 22P02 rather than an encoding
-- error, and a detail saved with GET STACKED DIAGNOSTICS loads back
DO $$
DECLARE
	x text;
	st text;
	det text;
BEGIN
	FOREACH x IN ARRAY ARRAY['5 ' || repeat('≈', 10), '12' || repeat(E'\u202f000', 110),
							 'half ' || repeat(E'\u00a0', 150) || 'a', 'more ' || repeat(E'\u2009', 150)]
	LOOP
		BEGIN
			PERFORM x::conflict_stats.estimate;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, det = PG_EXCEPTION_DETAIL;
			RAISE NOTICE '% | % | valid UTF-8: % | as GB18030: %', st, det,
				convert_from(convert_to(det, 'UTF8'), 'UTF8') = det,
				convert_from(convert_to(det, 'GB18030'), 'GB18030') = det;
		END;
	END LOOP;
END
$$;

-- 1.2: the soft one-sided words, "~" before any form, an approximate word
-- before a range or a bracketed best, the stated centre
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'nearly 1 million', 'almost 600,000', 'just under 600,000', 'approaching 600,000',
	'just shy of 600,000', 'a little under 600,000', 'slightly less than 600,000',
	'slightly fewer than 600,000', 'a little less than 600,000',
	'just over 900,000', 'just above 900,000', 'a little over 900,000',
	'slightly more than 900,000', 'a little more than 900,000',
	'~<5', '~<=5', '~>5', '~>=5', '~ < 5', '≈<5', '≈≥5', '~5..7', '~5 [4,6]', '~5 (4,)', '~5 (,6]',
	'about 600,000 to 700,000', 'around 790,000-900,000', 'roughly between 500,000 and 700,000',
	'some 600,000–700,000', 'about 615,000 (500,000-700,000)', 'about 400,000 [350000,450000]',
	'400,000 (350,000-450,000)', '400000 [350000,450000]', '400000 (350000..450000)',
	'350,000 to 450,000', '615,000 (500,000-700,000)'
]) x;
-- their bad neighbours
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'just over', 'nearly', 'just shy', 'just shy 5', 'a little 5', 'slightly 5', 'slightly under 5',
	'~~5', '~<', '~nearly 5', 'nearly ~5', 'nearly <5', 'about <5', 'about nearly 5', '<~5',
	'nearly 5 to 7', '~5 [6,7]', '~5 (5,5)', '400,000 (450,000-350,000)'
]) x;
-- what 1.1 misread: "nearly 1 million" is close below a million, not any smaller number
SELECT within('nearly 1 million', '100,000') AS nearly_a_million_is_100000,
	   within('around 790,000 to 900,000', '700,000') AS about_range_is_700000,
	   within('around 790,000 to 900,000', '750,000') AS about_range_is_750000,
	   '400,000 (350,000-450,000)'::estimate AS stated_centre_kept;

-- ---------------------------------------------------------------------------
-- figures for people: describe rounds for reading and stays true

SELECT x AS figure, describe(x::estimate) FROM unnest(ARRAY[
	'>626.3048016701462', '18789.144', '<626.3', '<=626.3', '>=626.3', '~0.30000000000000004',
	'0.1', '600000', '500000..700000', '615000 [500000,700000]', '615000.4 [500000.5,700000.5]',
	'20 [15,)', '5 (4,10]', '99.96', '-18789.5', '0.000012345', '1e20', '0',
	'0.333333..0.666667', '60-70%', '~1200', 'two-thirds', '1.2 million'
]) x;
SELECT describe('>600000'::estimate / 958) AS per_day, describe(estimate(18789.144)) AS exact_rounded,
	   describe('~0.1'::estimate * 3) AS about_tenths, describe('>600000'::estimate / 958 * 30) AS per_month;
-- with significant digits instead
SELECT d, describe('>626.3048016701462'::estimate, d) AS lower_bound,
	   describe('18789.144'::estimate, d) AS exact, describe('<0.123456'::estimate, d) AS upper_bound
FROM generate_series(1, 17, 4) d;
SELECT x AS figure, describe(x::estimate), qualifier(x::estimate) FROM unnest(ARRAY[
	'nearly 1 million', '~<=1000000', 'just over 900,000', '~>=900000', 'around 790,000-900,000',
	'400,000 (350,000-450,000)', 'about 615,000 (500,000-700,000)', '~20 [15,)', '~<626.3',
	'~>626.3']) x;
SELECT describe('0.1'::estimate, 17) AS every_digit, describe('0.30000000000000004'::estimate, 17);
SELECT describe('1'::estimate, 0);
SELECT describe('1'::estimate, 18);

-- round(estimate, places): the range always holds the input's
SELECT x AS figure, p AS places, round(x::estimate, p) FROM (VALUES
	('18789.144', 0), ('18789.144', 2), ('18789.144', -2), ('>626.3048016701462', 0),
	('<626.3', 0), ('615000 [500000,700000]', -4), ('~0.123456', 3), ('-2.5', 0), ('2.5', 0),
	('0.1 (0.05,0.15)', 1), ('5', 0), ('1e300', -300)) v(x, p);
SELECT round('18789.144'::estimate) AS default_places;
-- plain numbers keep plain rounding with conflict_stats on the search_path:
-- nothing becomes ambiguous, nothing turns into an estimate
SELECT round(5, 2) AS int_places, pg_typeof(round(5, 2)) AS int_type,
	   round(5::bigint, -1) AS bigint_places, pg_typeof(round(5::bigint, -1)) AS bigint_type,
	   round(2.675::float8, 2) AS float8_places, pg_typeof(round(2.675::float8, 2)) AS float8_type,
	   round(1.005, 2) AS numeric_places, pg_typeof(round(1.005, 2)) AS numeric_type;
SELECT round(sum(x), 1) AS sum_of_int, pg_typeof(round(sum(x), 1)), round(avg(x), 2) AS avg_of_int,
	   round(sum(x::float8), 1) AS sum_of_float8, pg_typeof(round(sum(x::float8), 1)),
	   round(5) AS one_arg_int, pg_typeof(round(5)), round(2.5::float8) AS one_arg_float8,
	   pg_typeof(round(2.5::float8))
FROM (VALUES (1), (2), (4)) v(x);
SELECT round(x, 2) = round(x::numeric, 2) AS same_as_numeric_cast
FROM unnest(ARRAY[1.005, 2.675, -0.125, 1e15 + 0.3, 123456.785]::float8[]) x;
SELECT round(2147483647, -9) AS int_max, round((-9223372036854775808)::bigint, 2) AS bigint_min,
	   round('1.5e20'::float8, -20) AS huge, round('Infinity'::float8, 2) AS infinite;
SELECT bool_and(low(round(e, p)) <= low(e) IS NOT FALSE AND high(round(e, p)) >= high(e) IS NOT FALSE
				AND round(e, p) && e) AS rounded_range_holds_input
FROM (SELECT estimate(b, b - random() * 10, b + random() * 10) AS e, p
	  FROM (SELECT random() * 1e6 - 5e5 AS b FROM generate_series(1, 2000)) r,
		   generate_series(-3, 3) p) s;
SELECT round('5'::estimate, 400);
SELECT round('1.7e308'::estimate, -308);

-- the explicit cast to numeric: the best value as the shortest exact decimal
SELECT '>600000'::estimate::numeric AS lower_bound_best, '0.1'::estimate::numeric AS tenth,
	   '615000 [500000,700000]'::estimate::numeric AS central, '~1.7976931348623157e308'::estimate::numeric > 1e308 AS huge;
SELECT pg_typeof('5'::estimate::numeric);
-- it is explicit: an estimate does not turn into numeric by itself
SELECT '5'::estimate + 1.5 AS stays_estimate, pg_typeof('5'::estimate + 1.5);

-- ---------------------------------------------------------------------------
-- 1.2: more of the words sources use.  Each good form with its bad
-- neighbours right after it.

-- number words: one to nineteen, tens with a unit, hundred, a/one before a
-- scale word or dozen, and a half, dozen
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'one', 'twelve', 'nineteen', 'twenty', 'twenty-five', 'Twenty Five', 'ninety-nine',
	'a hundred', 'two hundred', 'two hundred fifty', 'fifteen hundred', 'a thousand', 'a million',
	'one million', 'A Billion', 'twenty-five thousand', 'two hundred thousand', 'five percent',
	'a dozen', 'one dozen', 'two dozen', '3 dozen', 'two and a half', 'one and a half million',
	'2 and a half million', 'a million and a half', '2.5 and a half', 'two to three million',
	'between two and three thousand', 'more than a million', 'up to twenty'
]) x;
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'a', 'an', 'a k', 'one and', 'and a half', 'two and a', 'twenty-', 'twenty-eleven', 'a dozen of',
	'hundred', 'dozen', 'a hundred and', 'twoo', 'one one'
]) x;
SELECT 'one and a half million'::estimate = 1500000 AS exactly_1500000,
	   'twenty percent'::estimate = 0.2 AS exactly_0_2, 'a million'::estimate = 1e6 AS exactly_1e6;

-- vague magnitudes: ranges with no stated centre, with or without "of"
-- after them in a text (in an estimate, nothing follows)
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'dozens', 'scores', 'hundreds', 'thousands', 'tens of thousands', 'hundreds of thousands',
	'millions', 'tens of millions', 'hundreds of millions', 'billions', 'Tens Of Thousands'
]) x;
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'tens', 'tens of', 'hundreds of', 'dozens of of', 'nearly dozens', 'more than thousands',
	'at least hundreds', 'between dozens and hundreds', 'thousand', 'thousandss'
]) x;
-- their ranges, as numrange
SELECT x AS input, x::estimate::numrange AS stated_range FROM unnest(ARRAY[
	'about thousands', 'roughly tens of thousands', 'nearly one million', 'almost a thousand'
]) x;
-- and with their mark: an approximate word before a vague magnitude makes
-- its sides soft, as before a range; the soft words read number words;
-- estimated, est. and reportedly are "about" in every form; the plus forms
-- and the new one-sided qualifiers stay plain
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'about thousands', '~thousands', 'roughly tens of thousands',
	'nearly one million', 'almost a thousand', 'just over a dozen', 'a little under twenty-five thousand',
	'estimated 500-700', 'est. 600,000 to 700,000', 'reportedly between 5 and 7',
	'estimated 615,000 (500,000-700,000)', 'estimated thousands', 'reportedly 400,000 (350,000-450,000)',
	'1,000+', 'well over 1 million', 'as high as 250,000', 'as few as 3,000'
]) x;
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'around dozens of', 'nearly thousands', 'just over dozens', '~<thousands', 'about 1,000+', 'nearly 1,000+', '~<1,000+',
	'estimated nearly 5', 'well over 1,000+'
]) x;

-- plus forms: at least
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'1,000+', '100,000-plus', '1 million plus', '1,000 plus', '600k+', '2.5+', 'a thousand plus',
	'two dozen-plus'
]) x;
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'+1,000+', '1,000++', '1,000 +', '1,000+ plus', '-plus', '+', 'more than 1,000+',
	'at least 5 plus', '1,000-plus-plus', '5+5'
]) x;

-- the new qualifiers
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'well over 1 million', 'well above 600,000', 'far more than 600000', 'as high as 250,000',
	'as few as 3,000', 'as low as 3,000', 'estimated 95,000', 'est. 95,000', 'reportedly 40',
	'Reportedly 40', 'estimated 500-700', 'an estimated 95,000'
]) x;
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'well 5', 'well over', 'far more 5', 'as high 5', 'as few as', 'est 5', 'estimate 5', 'reported 40'
]) x;

-- a noun or a rate after a whole figure: read_figure() reads those
SELECT x AS input, pg_temp.try(x) AS result FROM unnest(ARRAY[
	'more than 600,000 casualties', 'some 1.2 million killed and wounded', '1,000 a day',
	'more than 1,000 a day', 'upwards of 40,000 a month', 'close to 1,000 per day', 'almost 1,000 daily',
	'1,000 casualties a day', '5/day'
]) x;
SELECT 'more than 1,000 a day'::estimate;
SELECT 'more than 600,000 casualties'::estimate;
SELECT 'nearlly 600000'::estimate;

-- ---------------------------------------------------------------------------
-- in a database of another encoding (EUC_JP), quoted text is clipped between
-- that encoding's characters, not UTF-8's

SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS conflict_stats_euc_jp;
RESET client_min_messages;
CREATE DATABASE conflict_stats_euc_jp ENCODING 'EUC_JP' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c conflict_stats_euc_jp
SET client_encoding = 'UTF8';
SET client_min_messages = warning;
CREATE EXTENSION conflict_stats;
RESET client_min_messages;
DO $$
DECLARE
	x text;
	st text;
	det text;
BEGIN
	FOREACH x IN ARRAY ARRAY['5 #' || repeat('漢', 10), '5 ' || repeat('漢', 10)]
	LOOP
		BEGIN
			PERFORM x::conflict_stats.estimate;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, det = PG_EXCEPTION_DETAIL;
			RAISE NOTICE '% | % | % bytes in EUC_JP | converts to UTF-8: %', st, det,
				octet_length(det), convert_from(convert_to(det, 'UTF8'), 'UTF8') = det;
		END;
	END LOOP;
END
$$;
\c :regress_db
DROP DATABASE conflict_stats_euc_jp;
