/* conflict_stats--1.1--1.2.sql: update of conflict_stats from 1.1 to 1.2 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION conflict_stats UPDATE TO '1.2'" to load this file. \quit

-- the approximate mark and the stated centre: new qualifiers, within widens soft sides
COMMENT ON FUNCTION conflict_stats.qualifier(conflict_stats.estimate) IS 'exact, about, more than, at least, fewer than, at most, range, nearly, just over or about range: the form of the canonical output';
COMMENT ON FUNCTION conflict_stats.within(conflict_stats.estimate, conflict_stats.estimate, float8) IS 'whether two figures can both be true when "about X" is read as X plus or minus tolerance times |X|, and an approximate figure''s open side likewise and its stated bounds moved outward by tolerance times the bound (other figures keep their stated ranges)';
