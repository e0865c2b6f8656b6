--
-- Figures in running text (1.2): read_figure(phrase) reads one figure as a
-- reporter writes it, with its rate unit and what it counts; figures_in(body)
-- finds every figure of a text.  The corpus of wire-style sentences
-- (test/data/wire_*.tsv, written for this project) is found as marked, and
-- each verbatim phrase of the shipped reference tables gives the figure
-- stored for it.
--
SET search_path = public, conflict_stats;
SET extra_float_digits = 0;

-- read_figure: a figure, then a rate unit and the rest, or the rest ending
-- with a rate unit; what loses one leading "of"
SELECT x AS phrase, r.* FROM unnest(ARRAY[
	'some 1.2 million killed and wounded', 'more than 600,000 casualties', '1,000 a day',
	'1,000 casualties a day', 'upwards of 40,000 troops a month', 'almost 1,000 daily',
	'two-thirds of its pre-war stock of tanks', 'a dozen Patriot batteries', '1,000+ armored vehicles',
	'tens of thousands of civilians', 'between 500,000 and 700,000 killed or wounded',
	'5,000 to 10,000 each week', '  twenty-five  ', '615,000 (500,000-700,000) people',
	'1,000/day', 'one official', 'a million and a half refugees', '15% of GDP'
]) x, read_figure(x) r;
-- every rate unit
SELECT u AS unit, (read_figure('5 ' || u)).per AS per, (read_figure('5 troops ' || u)).per AS after_noun
FROM unnest(ARRAY['a day', 'per day', 'each day', 'every day', 'daily', '/day',
				  'a week', 'per week', 'each week', 'every week', 'weekly', '/week',
				  'a month', 'per month', 'each month', 'every month', 'monthly', '/month',
				  'a year', 'per year', 'each year', 'every year', 'annually', 'yearly', '/year']) u;
-- a phrase that does not start with a figure; NULL in, NULL out
CREATE FUNCTION pg_temp.try_read(x text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; det text; hint text;
BEGIN
	RETURN (SELECT r::text FROM read_figure(x) r);
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, det = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
	RETURN st || ' | ' || det || ' | ' || hint;
END
$$;
SELECT x AS phrase, pg_temp.try_read(x) AS result FROM unnest(ARRAY[
	'', '   ', 'the 5 soldiers', 'a day', 'a', 'tens of', 'casualties: 5', 'more than', 'and a half'
]) x;
SELECT read_figure(NULL) IS NULL AS strict;
SELECT * FROM read_figure('1e400 people');

-- figures_in: every figure, in order, phrase = substr(body, start, length)
SELECT * FROM figures_in('Russia has sustained more than 600,000 casualties since February 2022, '
						 'about 1,200 a day, and lost 32 vessels and two-thirds of its tanks.');
-- what is not a figure: years, dates, clock times, ordinals, names, a/one
-- alone, half alone, a number glued to a hyphen and letters
SELECT x AS body, (SELECT string_agg(phrase, ' | ') FROM figures_in(x)) AS figures FROM unnest(ARRAY[
	'In 2023 the war went on.', 'On 9 October 2024 and Oct. 9, and October 9, 2024, and 9 Oct',
	'ISO 2024-10-09, 10/09/2024, 9.10.2024', 'at 10:30, 10 a.m., 3 p.m., 10am, 15:00 GMT, 10 o''clock',
	'the 2nd, 21st, 3rd and 4th brigades', 'F-16, Su-34, T-72, G7, Covid-19, 5G, the 1990s',
	'since World War 2, Article 5, Route 66 and Apollo 11', 'One official said a day later',
	'the second half; half of the troops; half a million', 'a 30-day truce, 155-mm shells, a 45-year-old man',
	'1,000-plus troops', '5 people. 6 more.', ''
]) x;
-- start and length count characters, not bytes
SELECT f.phrase, f.start, f.length, substr(b, f.start, f.length) = f.phrase AS is_substr
FROM (VALUES ('Київ: «about 1,200 soldiers a day» — Ukraine’s 5 brigades, ≈600 tanks')) v(b),
	 figures_in(b) f;
SELECT count(*) AS rows FROM figures_in(NULL);
-- the approximate mark in running text: the soft words, an approximate
-- word before a range or a vague magnitude; plain plus forms and qualifiers
SELECT figure, per, what, phrase FROM figures_in('Nearly 1 million people have fled, just over '
	'900,000 returned and about thousands of others wait; an estimated 600,000 to 700,000 troops, '
	'reportedly dozens of tanks, well over 1,000 shells a day and 1,000-plus drones.');

-- The corpus: 51 wire-style sentences with 71 marked figures
CREATE TEMP TABLE wire_sentences (n integer PRIMARY KEY, sentence text NOT NULL);
CREATE TEMP TABLE wire_marks (n integer, k integer, phrase text, figure text, per interval, what text,
							  PRIMARY KEY (n, k));
\copy wire_sentences FROM 'test/data/wire_sentences.tsv'
\copy wire_marks FROM 'test/data/wire_figures.tsv'
CREATE TEMP TABLE wire_found AS
SELECT s.n, row_number() OVER (PARTITION BY s.n ORDER BY f.start)::integer AS k, f.*,
	   substr(s.sentence, f.start, f.length) = f.phrase AS is_substr
FROM wire_sentences s, figures_in(s.sentence) f;
SELECT count(*) FILTER (WHERE m.n IS NOT NULL) AS marked,
	   count(*) FILTER (WHERE f.n IS NOT NULL) AS found,
	   count(*) FILTER (WHERE m.n IS NOT NULL AND f.n IS NOT NULL) AS matched,
	   round(count(*) FILTER (WHERE m.n IS NOT NULL AND f.n IS NOT NULL)::numeric
			 / nullif(count(*) FILTER (WHERE f.n IS NOT NULL), 0), 3) AS precision,
	   round(count(*) FILTER (WHERE m.n IS NOT NULL AND f.n IS NOT NULL)::numeric
			 / nullif(count(*) FILTER (WHERE m.n IS NOT NULL), 0), 3) AS recall
FROM wire_marks m
FULL JOIN wire_found f ON f.n = m.n AND f.k = m.k AND f.phrase = m.phrase
	AND f.figure::text = m.figure AND f.per IS NOT DISTINCT FROM m.per
	AND f.what IS NOT DISTINCT FROM m.what;
-- what differs, if anything (no rows)
SELECT coalesce(m.n, f.n) AS n, m.phrase AS marked, m.figure AS marked_figure,
	   f.phrase AS found, f.figure, f.per, f.what
FROM wire_marks m
FULL JOIN wire_found f ON f.n = m.n AND f.k = m.k AND f.phrase = m.phrase
	AND f.figure::text = m.figure AND f.per IS NOT DISTINCT FROM m.per
	AND f.what IS NOT DISTINCT FROM m.what
WHERE m.n IS NULL OR f.n IS NULL
ORDER BY 1;
-- every phrase is the text at its place, and read_figure of it gives the same figure and per
SELECT count(*) AS rows, count(*) FILTER (WHERE is_substr) AS at_their_place,
	   count(*) FILTER (WHERE r.figure = f.figure AND r.per IS NOT DISTINCT FROM f.per) AS read_back,
	   count(*) FILTER (WHERE r.what IS NOT DISTINCT FROM f.what) AS same_what
FROM wire_found f, read_figure(f.phrase) r;

-- Each verbatim phrase of the shipped reference tables finds the figure
-- stored for it.  The table reads a round fraction or count as approximate
-- ("two-thirds", "two and a half years", stored ~B) where the phrase
-- states no qualifier: there the best value is the same and the phrase's
-- figure exact.
SELECT f.figure_id, f.quote, f.value AS stored, x.figure AS found, x.what,
	   x.figure = f.value
	   OR (f.value::text LIKE '~%' AND best(x.figure) = best(f.value) AND qualifier(x.figure) = 'exact')
	   AS finds_it
FROM conflict_stats.figures f
LEFT JOIN LATERAL (SELECT * FROM figures_in(f.quote) LIMIT 1) x ON true
WHERE f.builtin
ORDER BY f.figure_id;

-- in a database of another encoding (EUC_JP) the words come back in it, and
-- start and length count its characters
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS conflict_stats_figures_euc_jp;
RESET client_min_messages;
CREATE DATABASE conflict_stats_figures_euc_jp ENCODING 'EUC_JP' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c conflict_stats_figures_euc_jp
SET client_encoding = 'UTF8';
SET client_min_messages = warning;
CREATE EXTENSION conflict_stats;
RESET client_min_messages;
SELECT f.figure, f.what, f.phrase, f.start, f.length, substr(b, f.start, f.length) = f.phrase AS is_substr
FROM (VALUES ('東京で 1,200 soldiers a day、about 5 戦車 and 30 drones')) v(b),
	 conflict_stats.figures_in(b) f;
SELECT * FROM conflict_stats.read_figure('about 600 戦車');
\c :regress_db
DROP DATABASE conflict_stats_figures_euc_jp;
