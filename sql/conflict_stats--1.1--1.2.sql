/* conflict_stats--1.1--1.2.sql: update of conflict_stats from 1.1 to 1.2 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION conflict_stats UPDATE TO '1.2'" to load this file. \quit

-- Figures in running text (1.2): one phrase as a reporter writes it, and
-- every figure of a text with its rate unit, noun phrase and place.
CREATE FUNCTION conflict_stats.read_figure(phrase text, OUT figure conflict_stats.estimate,
										   OUT per interval, OUT what text)
	AS 'MODULE_PATHNAME', 'estimate_read_figure' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.read_figure(text) IS 'the figure a phrase starts with, as the estimate type reads it (the longest figure there), its rate unit (a day, per week, monthly, /year ...: 1 day, 7 days, 1 mon, 1 year; NULL for none) right after the figure or ending the phrase, and what: the rest of the phrase, less the rate unit and one leading "of", trimmed (NULL when empty); 22P02 when the phrase does not start with a figure';

CREATE FUNCTION conflict_stats.figures_in(body text)
	RETURNS TABLE (figure conflict_stats.estimate, per interval, what text, phrase text,
				   start integer, length integer)
	AS 'MODULE_PATHNAME', 'estimate_figures_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION conflict_stats.figures_in(text) IS 'every figure stated in a text, in order: the figure, its rate unit, the noun phrase after it (by the rule README.md states), the phrase (qualifier, number, scale, rate, noun) and its place in characters, phrase = substr(body, start, length); years, dates, clock times, ordinals, numbers inside names and a/one alone are not figures';

-- the approximate mark and the stated centre: new qualifiers, within widens soft sides
COMMENT ON FUNCTION conflict_stats.qualifier(conflict_stats.estimate) IS 'exact, about, more than, at least, fewer than, at most, range, nearly, just over or about range: the form of the canonical output';
COMMENT ON FUNCTION conflict_stats.within(conflict_stats.estimate, conflict_stats.estimate, float8) IS 'whether two figures can both be true when "about X" is read as X plus or minus tolerance times |X|, and an approximate figure''s open side likewise and its stated bounds moved outward by tolerance times the bound (other figures keep their stated ranges)';
