/* conflict_stats--1.0--1.1.sql: update of conflict_stats from 1.0 to 1.1 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION conflict_stats UPDATE TO '1.1'" to load this file. \quit

-- ---------------------------------------------------------------------------
-- Pictures in psql: sparkline and bar
-- ---------------------------------------------------------------------------
-- >>> pictures (objects of src/picture.c)
--
-- Objects, in order:
--   type sparkline_state          the sparkline aggregate's state: its rows
--                                 (time, value) in the order they came, and a
--                                 width; text form "width=20 rows={(2024-01-01,5),
--                                 (2024-01-02,NULL)}" that reads back bit for bit
--   sparkline_state_in/out/recv/send  its text and binary I/O (both validating)
--   sparkline_trans(sparkline_state, float8, date|timestamptz[, integer])
--                                 transitions (in place; not strict: a NULL
--                                 value is a row, drawn as a space)
--   sparkline_combine             combine function (parallel and distributed)
--   sparkline_final               final function: the picture
--   aggregates sparkline(float8, date|timestamptz[, integer])
--   sparkline(float8[]), bar(float8, float8, integer)
--
-- Pictures are UTF-8: in a database of another encoding they raise 22021.

CREATE TYPE conflict_stats.sparkline_state;

CREATE FUNCTION conflict_stats.sparkline_state_in(cstring) RETURNS conflict_stats.sparkline_state
	AS 'MODULE_PATHNAME', 'sparkline_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.sparkline_state_out(conflict_stats.sparkline_state) RETURNS cstring
	AS 'MODULE_PATHNAME', 'sparkline_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.sparkline_state_recv(internal) RETURNS conflict_stats.sparkline_state
	AS 'MODULE_PATHNAME', 'sparkline_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.sparkline_state_send(conflict_stats.sparkline_state) RETURNS bytea
	AS 'MODULE_PATHNAME', 'sparkline_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE conflict_stats.sparkline_state (
	INPUT = conflict_stats.sparkline_state_in,
	OUTPUT = conflict_stats.sparkline_state_out,
	RECEIVE = conflict_stats.sparkline_state_recv,
	SEND = conflict_stats.sparkline_state_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);

COMMENT ON TYPE conflict_stats.sparkline_state IS 'state of the sparkline aggregate: its rows (time, value) in the order they came and its width; text form "width=20 rows={(2024-01-01,5),(2024-01-02,NULL)}" (rows of dates) or "rows={(2024-01-01T00:00:00Z,5)}" (rows of instants, in UTC), "rows={}" when empty';
COMMENT ON FUNCTION conflict_stats.sparkline_state_in(cstring) IS 'text input of sparkline_state (validating)';
COMMENT ON FUNCTION conflict_stats.sparkline_state_out(conflict_stats.sparkline_state) IS 'text output of sparkline_state; reads back bit for bit whatever extra_float_digits is';
COMMENT ON FUNCTION conflict_stats.sparkline_state_recv(internal) IS 'binary input of sparkline_state (validating as text input does)';
COMMENT ON FUNCTION conflict_stats.sparkline_state_send(conflict_stats.sparkline_state) IS 'binary output of sparkline_state';

-- aggregate support

CREATE FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, date) RETURNS conflict_stats.sparkline_state
	AS 'MODULE_PATHNAME', 'sparkline_trans_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, date) IS 'transition function of sparkline(float8, date): adds a row (a NULL value is kept, a NULL date skipped)';

CREATE FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, timestamptz) RETURNS conflict_stats.sparkline_state
	AS 'MODULE_PATHNAME', 'sparkline_trans_ts' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, timestamptz) IS 'transition function of sparkline(float8, timestamptz): adds a row (a NULL value is kept, a NULL time skipped)';

CREATE FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, date, integer) RETURNS conflict_stats.sparkline_state
	AS 'MODULE_PATHNAME', 'sparkline_trans_width_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, date, integer) IS 'transition function of sparkline(float8, date, integer): adds a row to be drawn in bins (a NULL value is kept, a NULL date or width skipped)';

CREATE FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, timestamptz, integer) RETURNS conflict_stats.sparkline_state
	AS 'MODULE_PATHNAME', 'sparkline_trans_width_ts' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, timestamptz, integer) IS 'transition function of sparkline(float8, timestamptz, integer): adds a row to be drawn in bins (a NULL value is kept, a NULL time or width skipped)';

CREATE FUNCTION conflict_stats.sparkline_combine(conflict_stats.sparkline_state, conflict_stats.sparkline_state) RETURNS conflict_stats.sparkline_state
	AS 'MODULE_PATHNAME', 'sparkline_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.sparkline_combine(conflict_stats.sparkline_state, conflict_stats.sparkline_state) IS 'combine function of sparkline: the rows of both states (of one kind of time and one width)';

CREATE FUNCTION conflict_stats.sparkline_final(conflict_stats.sparkline_state) RETURNS text
	AS 'MODULE_PATHNAME', 'sparkline_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.sparkline_final(conflict_stats.sparkline_state) IS 'final function of sparkline: draws the rows in order of (time, value), NULL values last; NULL for an empty state';

-- aggregates

CREATE AGGREGATE conflict_stats.sparkline(value float8, at date) (
	SFUNC = conflict_stats.sparkline_trans,
	STYPE = conflict_stats.sparkline_state,
	FINALFUNC = conflict_stats.sparkline_final,
	COMBINEFUNC = conflict_stats.sparkline_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.sparkline(float8, date) IS 'one block character of eight heights (U+2581 .. U+2588) per row in date order (whatever the input order; rows of one date by value, NULL values last), scaled between the smallest and largest value (all equal: the fourth, U+2584); a NULL value is a space, a NULL date skipped; NULL for no rows; needs a UTF8 database';

CREATE AGGREGATE conflict_stats.sparkline(value float8, at timestamptz) (
	SFUNC = conflict_stats.sparkline_trans,
	STYPE = conflict_stats.sparkline_state,
	FINALFUNC = conflict_stats.sparkline_final,
	COMBINEFUNC = conflict_stats.sparkline_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.sparkline(float8, timestamptz) IS 'one block character of eight heights (U+2581 .. U+2588) per row in time order (whatever the input order; rows of one time by value, NULL values last), scaled between the smallest and largest value (all equal: the fourth, U+2584); a NULL value is a space, a NULL time skipped; NULL for no rows; needs a UTF8 database';

CREATE AGGREGATE conflict_stats.sparkline(value float8, at date, width integer) (
	SFUNC = conflict_stats.sparkline_trans,
	STYPE = conflict_stats.sparkline_state,
	FINALFUNC = conflict_stats.sparkline_final,
	COMBINEFUNC = conflict_stats.sparkline_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.sparkline(float8, date, integer) IS 'sparkline of the mean value in each of at most width equal-time bins between the first and last date (as many bins as distinct dates when fewer); an empty bin, or one of NULL values only, is a space; width 1 .. 1000000; needs a UTF8 database';

CREATE AGGREGATE conflict_stats.sparkline(value float8, at timestamptz, width integer) (
	SFUNC = conflict_stats.sparkline_trans,
	STYPE = conflict_stats.sparkline_state,
	FINALFUNC = conflict_stats.sparkline_final,
	COMBINEFUNC = conflict_stats.sparkline_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.sparkline(float8, timestamptz, integer) IS 'sparkline of the mean value in each of at most width equal-time bins between the first and last time (as many bins as distinct times when fewer); an empty bin, or one of NULL values only, is a space; width 1 .. 1000000; needs a UTF8 database';

-- pictures of arrays and single values

CREATE FUNCTION conflict_stats.sparkline("values" float8[]) RETURNS text
	AS 'MODULE_PATHNAME', 'sparkline_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.sparkline(float8[]) IS 'one block character of eight heights (U+2581 .. U+2588) per element in array order, scaled between the smallest and largest element (all equal: the fourth, U+2584); a NULL element is a space; '''' for an empty array; needs a UTF8 database';

CREATE FUNCTION conflict_stats.bar(value float8, max float8, width integer DEFAULT 20) RETURNS text
	AS 'MODULE_PATHNAME', 'picture_bar' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.bar(float8, float8, integer) IS 'a bar of full blocks (U+2588) and one eighth block (U+2589 .. U+258F), width characters (default 20) at max: round(value / max * width * 8) eighths; below 0 is U+25C0 alone, above max the full bar and U+25B6; max must be positive and finite, width 1 .. 1000000; needs a UTF8 database';
-- <<< pictures

-- ---------------------------------------------------------------------------
-- The estimate type: figures for people, rounding, numeric, interval
-- multiplication and division, within
-- ---------------------------------------------------------------------------

CREATE FUNCTION conflict_stats.describe(conflict_stats.estimate, digits integer) RETURNS text
	AS 'MODULE_PATHNAME', 'estimate_describe_digits' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.describe(conflict_stats.estimate, integer) IS 'the figure for people with that many significant digits (1 to 17); bounds round outward, and "about" says when a figure was rounded';
COMMENT ON FUNCTION conflict_stats.describe(conflict_stats.estimate) IS 'the figure for people: "more than 626", "about 18,789", "500,000 to 700,000"; integers from 100 up, three significant digits below; bounds round outward, and "about" says when a figure was rounded';

CREATE FUNCTION conflict_stats.round(conflict_stats.estimate, places integer DEFAULT 0) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_round' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.round(conflict_stats.estimate, integer) IS 'the estimate at places decimal places: the best value to nearest, the lower bound down, the upper bound up, so that its range holds the input''s';

-- With conflict_stats on the search_path, round(integer, integer) would
-- find two candidates of the numeric category, pg_catalog.round(numeric,
-- integer) and round(estimate, integer), and be ambiguous; and round(float8,
-- integer), which PostgreSQL does not have, would silently become an
-- estimate.  These three keep plain numbers to plain rounding: each is
-- exactly round(x::numeric, places).
CREATE FUNCTION conflict_stats.round(integer, places integer) RETURNS numeric
	AS 'MODULE_PATHNAME', 'cs_round_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.round(integer, integer) IS 'round(x::numeric, places), so that round of an integer stays what PostgreSQL gives with conflict_stats on the search_path';
CREATE FUNCTION conflict_stats.round(bigint, places integer) RETURNS numeric
	AS 'MODULE_PATHNAME', 'cs_round_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.round(bigint, integer) IS 'round(x::numeric, places), so that round of a bigint stays what PostgreSQL gives with conflict_stats on the search_path';
CREATE FUNCTION conflict_stats.round(double precision, places integer) RETURNS numeric
	AS 'MODULE_PATHNAME', 'cs_round_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.round(double precision, integer) IS 'round(x::numeric, places): a double rounded as a numeric, rather than turned into an estimate';

CREATE FUNCTION conflict_stats.to_numeric(conflict_stats.estimate) RETURNS numeric
	AS 'MODULE_PATHNAME', 'estimate_to_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.to_numeric(conflict_stats.estimate) IS 'the best value as the shortest decimal that reads back to the same double';
CREATE CAST (conflict_stats.estimate AS numeric)
	WITH FUNCTION conflict_stats.to_numeric(conflict_stats.estimate);
COMMENT ON CAST (conflict_stats.estimate AS numeric) IS 'the best value, as the shortest decimal that reads back to the same double';

CREATE FUNCTION conflict_stats.estimate_mul_estimate(conflict_stats.estimate, conflict_stats.estimate) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_mul_estimate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_mul_estimate(conflict_stats.estimate, conflict_stats.estimate) IS 'interval product of two estimates';
CREATE FUNCTION conflict_stats.estimate_div_estimate(conflict_stats.estimate, conflict_stats.estimate) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_div_estimate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_div_estimate(conflict_stats.estimate, conflict_stats.estimate) IS 'interval quotient of two estimates; a divisor whose range admits 0 gives unbounded sides';

CREATE OPERATOR conflict_stats.* (
	LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate,
	FUNCTION = conflict_stats.estimate_mul_estimate, COMMUTATOR = OPERATOR(conflict_stats.*)
);
COMMENT ON OPERATOR conflict_stats.* (conflict_stats.estimate, conflict_stats.estimate) IS 'interval product';
CREATE OPERATOR conflict_stats./ (
	LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate,
	FUNCTION = conflict_stats.estimate_div_estimate
);
COMMENT ON OPERATOR conflict_stats./ (conflict_stats.estimate, conflict_stats.estimate) IS 'interval quotient';

CREATE FUNCTION conflict_stats.within(a conflict_stats.estimate, b conflict_stats.estimate, tolerance float8 DEFAULT 0.1) RETURNS boolean
	AS 'MODULE_PATHNAME', 'estimate_within' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.within(conflict_stats.estimate, conflict_stats.estimate, float8) IS 'whether two figures can both be true when "about X" is read as X plus or minus tolerance times |X| (other figures keep their stated ranges)';

-- consensus and envelope take their best value from the inputs that state a
-- central value: a state of 7 slots keeps those (the functions read the
-- slot count).  An aggregate's initial state can only change by replacing
-- the aggregate, which keeps views and functions that use it working.
CREATE OR REPLACE AGGREGATE conflict_stats.consensus(conflict_stats.estimate) (
	SFUNC = conflict_stats.estimate_consensus_accum,
	STYPE = float8[],
	FINALFUNC = conflict_stats.estimate_range_final,
	COMBINEFUNC = conflict_stats.estimate_consensus_combine,
	INITCOND = '{0,0,0,0,0,0,0}',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.consensus(conflict_stats.estimate) IS 'the range every input allows, with the mean best value of the inputs that state a central value (of all, when none does) clamped into it; NULL when the inputs contradict each other';
CREATE OR REPLACE AGGREGATE conflict_stats.envelope(conflict_stats.estimate) (
	SFUNC = conflict_stats.estimate_envelope_accum,
	STYPE = float8[],
	FINALFUNC = conflict_stats.estimate_range_final,
	COMBINEFUNC = conflict_stats.estimate_envelope_combine,
	INITCOND = '{0,0,0,0,0,0,0}',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.envelope(conflict_stats.estimate) IS 'the smallest range that holds every input, with the mean best value of the inputs that state a central value (of all, when none does)';

-- ---------------------------------------------------------------------------
-- Estimates into the aggregates: trend_agg, cumulative_agg and report_series
-- of an estimate use its best value
-- ---------------------------------------------------------------------------

CREATE FUNCTION conflict_stats.trend_accum(conflict_stats.trend, conflict_stats.estimate, date) RETURNS conflict_stats.trend
	AS 'MODULE_PATHNAME', 'trend_accum_est_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_accum(conflict_stats.trend, conflict_stats.estimate, date) IS 'transition function of trend_agg(estimate, date): adds a row''s best value to a calendar summary';
CREATE FUNCTION conflict_stats.trend_accum(conflict_stats.trend, conflict_stats.estimate, timestamptz) RETURNS conflict_stats.trend
	AS 'MODULE_PATHNAME', 'trend_accum_est_ts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_accum(conflict_stats.trend, conflict_stats.estimate, timestamptz) IS 'transition function of trend_agg(estimate, timestamptz): adds a row''s best value';
CREATE FUNCTION conflict_stats.trend_maccum(internal, conflict_stats.estimate, date) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_maccum_est_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_maccum(internal, conflict_stats.estimate, date) IS 'moving-aggregate transition of trend_agg(estimate, date): adds a row to a window frame';
CREATE FUNCTION conflict_stats.trend_maccum(internal, conflict_stats.estimate, timestamptz) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_maccum_est_ts' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_maccum(internal, conflict_stats.estimate, timestamptz) IS 'moving-aggregate transition of trend_agg(estimate, timestamptz): adds a row to a window frame';
CREATE FUNCTION conflict_stats.trend_minv(internal, conflict_stats.estimate, date) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_minv_est_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_minv(internal, conflict_stats.estimate, date) IS 'inverse transition of trend_agg(estimate, date): removes the row leaving a window frame';
CREATE FUNCTION conflict_stats.trend_minv(internal, conflict_stats.estimate, timestamptz) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_minv_est_ts' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_minv(internal, conflict_stats.estimate, timestamptz) IS 'inverse transition of trend_agg(estimate, timestamptz): removes the row leaving a window frame';

CREATE AGGREGATE conflict_stats.trend_agg(value conflict_stats.estimate, at date) (
	SFUNC = conflict_stats.trend_accum,
	STYPE = conflict_stats.trend,
	FINALFUNC = conflict_stats.trend_final,
	COMBINEFUNC = conflict_stats.trend_combine,
	INITCOND = 'n=0',
	MSFUNC = conflict_stats.trend_maccum,
	MINVFUNC = conflict_stats.trend_minv,
	MSTYPE = internal,
	MSSPACE = 2048,
	MFINALFUNC = conflict_stats.trend_mfinal,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.trend_agg(conflict_stats.estimate, date) IS 'least-squares trend of the best values of estimates against date (a calendar summary); NULL rows skipped, NULL for no rows';
CREATE AGGREGATE conflict_stats.trend_agg(value conflict_stats.estimate, at timestamptz) (
	SFUNC = conflict_stats.trend_accum,
	STYPE = conflict_stats.trend,
	FINALFUNC = conflict_stats.trend_final,
	COMBINEFUNC = conflict_stats.trend_combine,
	INITCOND = 'n=0',
	MSFUNC = conflict_stats.trend_maccum,
	MINVFUNC = conflict_stats.trend_minv,
	MSTYPE = internal,
	MSSPACE = 2048,
	MFINALFUNC = conflict_stats.trend_mfinal,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.trend_agg(conflict_stats.estimate, timestamptz) IS 'least-squares trend of the best values of estimates against time; NULL rows skipped, NULL for no rows';

CREATE FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, conflict_stats.estimate, date) RETURNS conflict_stats.cumulative
	AS 'MODULE_PATHNAME', 'cumulative_trans_est_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, conflict_stats.estimate, date) IS 'transition function of cumulative_agg(estimate, date): adds one report''s best value, skips a NULL row';
CREATE FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, conflict_stats.estimate, timestamptz) RETURNS conflict_stats.cumulative
	AS 'MODULE_PATHNAME', 'cumulative_trans_est_ts' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, conflict_stats.estimate, timestamptz) IS 'transition function of cumulative_agg(estimate, timestamptz): adds one report''s best value, skips a NULL row';
CREATE AGGREGATE conflict_stats.cumulative_agg(total conflict_stats.estimate, at date) (
	SFUNC = conflict_stats.cumulative_trans,
	STYPE = conflict_stats.cumulative,
	COMBINEFUNC = conflict_stats.cumulative_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.cumulative_agg(conflict_stats.estimate, date) IS 'summarizes cumulative reports stated as estimates (their best values, as of a date) into a calendar cumulative; input order does not matter';
CREATE AGGREGATE conflict_stats.cumulative_agg(total conflict_stats.estimate, at timestamptz) (
	SFUNC = conflict_stats.cumulative_trans,
	STYPE = conflict_stats.cumulative,
	COMBINEFUNC = conflict_stats.cumulative_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.cumulative_agg(conflict_stats.estimate, timestamptz) IS 'summarizes cumulative reports stated as estimates (their best values, as of an instant) into a cumulative; input order does not matter';

CREATE FUNCTION conflict_stats.series_agg_trans(internal, conflict_stats.estimate, timestamptz) RETURNS internal
	AS 'MODULE_PATHNAME', 'series_agg_trans_est' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_trans(internal, conflict_stats.estimate, timestamptz) IS 'transition function of report_series(estimate, timestamptz)';
CREATE FUNCTION conflict_stats.series_agg_trans(internal, conflict_stats.estimate, date) RETURNS internal
	AS 'MODULE_PATHNAME', 'series_agg_trans_est_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_trans(internal, conflict_stats.estimate, date) IS 'transition function of report_series(estimate, date)';
CREATE AGGREGATE conflict_stats.report_series(total conflict_stats.estimate, at timestamptz) (
	SFUNC = conflict_stats.series_agg_trans,
	STYPE = internal,
	FINALFUNC = conflict_stats.series_agg_final,
	COMBINEFUNC = conflict_stats.series_agg_combine,
	SERIALFUNC = conflict_stats.series_agg_serial,
	DESERIALFUNC = conflict_stats.series_agg_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.report_series(conflict_stats.estimate, timestamptz) IS 'every cumulative report stated as an estimate (its best value) in time order as a series of instants; of two reports at the same instant the larger total is kept; NULL rows are skipped';
CREATE AGGREGATE conflict_stats.report_series(total conflict_stats.estimate, at date) (
	SFUNC = conflict_stats.series_agg_trans,
	STYPE = internal,
	FINALFUNC = conflict_stats.series_agg_final,
	COMBINEFUNC = conflict_stats.series_agg_combine,
	SERIALFUNC = conflict_stats.series_agg_serial,
	DESERIALFUNC = conflict_stats.series_agg_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.report_series(conflict_stats.estimate, date) IS 'every cumulative report stated as an estimate (its best value) in time order as a series of dates; of two reports on the same date the larger total is kept; NULL rows are skipped';

-- ---------------------------------------------------------------------------
-- Reference data: two figures the article states in round words are
-- approximate, not exact.  "two-thirds of its pre-war stock of tanks" is a
-- round fraction, and "two and a half years on" a round count of the 958
-- days (about 2.62 years) from 24 February 2022 to 9 October 2024.
-- ---------------------------------------------------------------------------

UPDATE conflict_stats.figures
SET value = '~0.6666666666666666',
	note = 'Two-thirds, a round fraction read as approximate (about 2/3, stored as the nearest double); the article gives it with no qualifier. The tanks are listed "along with" the vessels "damaged or destroyed" and both are called "these losses"; the category is read from that sentence.'
WHERE figure_id = 3 AND builtin;
UPDATE conflict_stats.figures
SET value = '~2.5',
	note = 'The reporter''s words, a round count read as approximate: from 24 February 2022 to 9 October 2024 is 958 days, about 2.62 years.'
WHERE figure_id = 4 AND builtin;
