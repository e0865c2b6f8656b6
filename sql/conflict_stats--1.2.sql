/* conflict_stats--1.2.sql: install script of conflict_stats 1.2 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION conflict_stats" to load this file. \quit

-- CREATE EXTENSION makes the schema but grants nothing on it
GRANT USAGE ON SCHEMA conflict_stats TO PUBLIC;
COMMENT ON SCHEMA conflict_stats IS 'conflict_stats: war-casualty and equipment-loss figures, their rates, trends and losses per period';

-- ---------------------------------------------------------------------------
-- The estimate type: a figure as sources state it
-- ---------------------------------------------------------------------------

CREATE TYPE conflict_stats.estimate;

CREATE FUNCTION conflict_stats.estimate_in(cstring) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.estimate_out(conflict_stats.estimate) RETURNS cstring
	AS 'MODULE_PATHNAME', 'estimate_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.estimate_recv(internal) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.estimate_send(conflict_stats.estimate) RETURNS bytea
	AS 'MODULE_PATHNAME', 'estimate_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE conflict_stats.estimate (
	INPUT = conflict_stats.estimate_in,
	OUTPUT = conflict_stats.estimate_out,
	RECEIVE = conflict_stats.estimate_recv,
	SEND = conflict_stats.estimate_send,
	INTERNALLENGTH = 32,
	ALIGNMENT = double,
	STORAGE = plain,
	CATEGORY = 'N',
	PREFERRED = false
);

COMMENT ON TYPE conflict_stats.estimate IS 'a figure as sources state it: a best value with optional lower and upper bounds, each inclusive or exclusive ("more than 600000", "500000..700000", "615000 [500000,700000]")';
COMMENT ON FUNCTION conflict_stats.estimate_in(cstring) IS 'text input of estimate';
COMMENT ON FUNCTION conflict_stats.estimate_out(conflict_stats.estimate) IS 'canonical text output of estimate';
COMMENT ON FUNCTION conflict_stats.estimate_recv(internal) IS 'binary input of estimate';
COMMENT ON FUNCTION conflict_stats.estimate_send(conflict_stats.estimate) IS 'binary output of estimate';

-- constructors and accessors

CREATE FUNCTION conflict_stats.estimate(best float8) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_exact' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate(float8) IS 'an exact figure';

CREATE FUNCTION conflict_stats.estimate(best float8, low float8, high float8) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_construct' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate(float8, float8, float8) IS 'a figure with inclusive bounds; a NULL low or high leaves that side unbounded';

CREATE FUNCTION conflict_stats.best(conflict_stats.estimate) RETURNS float8
	AS 'MODULE_PATHNAME', 'estimate_best' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.best(conflict_stats.estimate) IS 'the best value of an estimate';

CREATE FUNCTION conflict_stats.low(conflict_stats.estimate) RETURNS float8
	AS 'MODULE_PATHNAME', 'estimate_low' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.low(conflict_stats.estimate) IS 'the lower bound of an estimate, NULL when unbounded';

CREATE FUNCTION conflict_stats.high(conflict_stats.estimate) RETURNS float8
	AS 'MODULE_PATHNAME', 'estimate_high' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.high(conflict_stats.estimate) IS 'the upper bound of an estimate, NULL when unbounded';

CREATE FUNCTION conflict_stats.low_inclusive(conflict_stats.estimate) RETURNS boolean
	AS 'MODULE_PATHNAME', 'estimate_low_inclusive' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.low_inclusive(conflict_stats.estimate) IS 'whether the lower bound is inclusive, NULL when unbounded';

CREATE FUNCTION conflict_stats.high_inclusive(conflict_stats.estimate) RETURNS boolean
	AS 'MODULE_PATHNAME', 'estimate_high_inclusive' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.high_inclusive(conflict_stats.estimate) IS 'whether the upper bound is inclusive, NULL when unbounded';

CREATE FUNCTION conflict_stats.qualifier(conflict_stats.estimate) RETURNS text
	AS 'MODULE_PATHNAME', 'estimate_qualifier' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.qualifier(conflict_stats.estimate) IS 'exact, about, more than, at least, fewer than, at most, range, nearly, just over or about range: the form of the canonical output';

CREATE FUNCTION conflict_stats.describe(conflict_stats.estimate) RETURNS text
	AS 'MODULE_PATHNAME', 'estimate_describe' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.describe(conflict_stats.estimate) IS 'the figure for people: "more than 626", "about 18,789", "500,000 to 700,000"; integers from 100 up, three significant digits below; bounds round outward, and "about" says when a figure was rounded';

CREATE FUNCTION conflict_stats.describe(conflict_stats.estimate, digits integer) RETURNS text
	AS 'MODULE_PATHNAME', 'estimate_describe_digits' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.describe(conflict_stats.estimate, integer) IS 'the figure for people with that many significant digits (1 to 17); bounds round outward, and "about" says when a figure was rounded';

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

CREATE FUNCTION conflict_stats.to_numeric(float8) RETURNS numeric
	AS 'MODULE_PATHNAME', 'float8_to_numeric_exact' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.to_numeric(float8) IS 'the shortest decimal that reads back to the same double, as numeric (PostgreSQL''s own float8-to-numeric cast keeps 15 digits)';

-- arithmetic

CREATE FUNCTION conflict_stats.estimate_pl(conflict_stats.estimate, conflict_stats.estimate) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_pl' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_pl(conflict_stats.estimate, conflict_stats.estimate) IS 'interval sum of two estimates';
CREATE FUNCTION conflict_stats.estimate_mi(conflict_stats.estimate, conflict_stats.estimate) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_mi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_mi(conflict_stats.estimate, conflict_stats.estimate) IS 'interval difference of two estimates';
CREATE FUNCTION conflict_stats.estimate_um(conflict_stats.estimate) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_um' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_um(conflict_stats.estimate) IS 'negation of an estimate (bounds swap)';
CREATE FUNCTION conflict_stats.estimate_mul(conflict_stats.estimate, float8) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_mul' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_mul(conflict_stats.estimate, float8) IS 'an estimate scaled by a number';
CREATE FUNCTION conflict_stats.float8_mul_estimate(float8, conflict_stats.estimate) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'float8_mul_estimate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.float8_mul_estimate(float8, conflict_stats.estimate) IS 'a number times an estimate';
CREATE FUNCTION conflict_stats.estimate_div(conflict_stats.estimate, float8) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_div' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_div(conflict_stats.estimate, float8) IS 'an estimate divided by a number';

CREATE OPERATOR conflict_stats.+ (
	LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate,
	FUNCTION = conflict_stats.estimate_pl, COMMUTATOR = OPERATOR(conflict_stats.+)
);
COMMENT ON OPERATOR conflict_stats.+ (conflict_stats.estimate, conflict_stats.estimate) IS 'interval sum';
CREATE OPERATOR conflict_stats.- (
	LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate,
	FUNCTION = conflict_stats.estimate_mi
);
COMMENT ON OPERATOR conflict_stats.- (conflict_stats.estimate, conflict_stats.estimate) IS 'interval difference';
CREATE OPERATOR conflict_stats.- (
	RIGHTARG = conflict_stats.estimate, FUNCTION = conflict_stats.estimate_um
);
COMMENT ON OPERATOR conflict_stats.- (NONE, conflict_stats.estimate) IS 'negation';
CREATE OPERATOR conflict_stats.* (
	LEFTARG = conflict_stats.estimate, RIGHTARG = float8,
	FUNCTION = conflict_stats.estimate_mul, COMMUTATOR = OPERATOR(conflict_stats.*)
);
COMMENT ON OPERATOR conflict_stats.* (conflict_stats.estimate, float8) IS 'scale an estimate';
CREATE OPERATOR conflict_stats.* (
	LEFTARG = float8, RIGHTARG = conflict_stats.estimate,
	FUNCTION = conflict_stats.float8_mul_estimate, COMMUTATOR = OPERATOR(conflict_stats.*)
);
COMMENT ON OPERATOR conflict_stats.* (float8, conflict_stats.estimate) IS 'scale an estimate';
CREATE OPERATOR conflict_stats./ (
	LEFTARG = conflict_stats.estimate, RIGHTARG = float8,
	FUNCTION = conflict_stats.estimate_div
);
COMMENT ON OPERATOR conflict_stats./ (conflict_stats.estimate, float8) IS 'divide an estimate';

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

-- casts

CREATE FUNCTION conflict_stats.estimate(integer) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'int4_to_estimate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate(integer) IS 'an exact figure from an integer';
CREATE FUNCTION conflict_stats.estimate(bigint) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'int8_to_estimate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate(bigint) IS 'an exact figure from a bigint (the nearest double beyond 2^53)';
CREATE FUNCTION conflict_stats.estimate(numeric) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'numeric_to_estimate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate(numeric) IS 'an exact figure from a numeric (the nearest double)';
CREATE FUNCTION conflict_stats.to_float8(conflict_stats.estimate) RETURNS float8
	AS 'MODULE_PATHNAME', 'estimate_to_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.to_float8(conflict_stats.estimate) IS 'the best value, for the cast to float8';
CREATE FUNCTION conflict_stats.to_numrange(conflict_stats.estimate) RETURNS numrange
	AS 'MODULE_PATHNAME', 'estimate_to_numrange' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.to_numrange(conflict_stats.estimate) IS 'the stated range as a numrange; unbounded sides stay unbounded';

CREATE CAST (integer AS conflict_stats.estimate)
	WITH FUNCTION conflict_stats.estimate(integer) AS IMPLICIT;
COMMENT ON CAST (integer AS conflict_stats.estimate) IS 'an integer is an exact figure';
CREATE CAST (bigint AS conflict_stats.estimate)
	WITH FUNCTION conflict_stats.estimate(bigint) AS IMPLICIT;
COMMENT ON CAST (bigint AS conflict_stats.estimate) IS 'a bigint is an exact figure';
CREATE CAST (numeric AS conflict_stats.estimate)
	WITH FUNCTION conflict_stats.estimate(numeric) AS IMPLICIT;
COMMENT ON CAST (numeric AS conflict_stats.estimate) IS 'a numeric is an exact figure';
CREATE CAST (float8 AS conflict_stats.estimate)
	WITH FUNCTION conflict_stats.estimate(float8) AS IMPLICIT;
COMMENT ON CAST (float8 AS conflict_stats.estimate) IS 'a float8 is an exact figure';
CREATE CAST (conflict_stats.estimate AS float8)
	WITH FUNCTION conflict_stats.to_float8(conflict_stats.estimate);
COMMENT ON CAST (conflict_stats.estimate AS float8) IS 'the best value';
CREATE CAST (conflict_stats.estimate AS numrange)
	WITH FUNCTION conflict_stats.to_numrange(conflict_stats.estimate);
COMMENT ON CAST (conflict_stats.estimate AS numrange) IS 'the stated range';

CREATE FUNCTION conflict_stats.to_numeric(conflict_stats.estimate) RETURNS numeric
	AS 'MODULE_PATHNAME', 'estimate_to_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.to_numeric(conflict_stats.estimate) IS 'the best value as the shortest decimal that reads back to the same double';
CREATE CAST (conflict_stats.estimate AS numeric)
	WITH FUNCTION conflict_stats.to_numeric(conflict_stats.estimate);
COMMENT ON CAST (conflict_stats.estimate AS numeric) IS 'the best value, as the shortest decimal that reads back to the same double';

-- comparison

CREATE FUNCTION conflict_stats.estimate_cmp(conflict_stats.estimate, conflict_stats.estimate) RETURNS integer
	AS 'MODULE_PATHNAME', 'estimate_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_cmp(conflict_stats.estimate, conflict_stats.estimate) IS 'btree comparison: by best, then lower bound, then upper bound';
CREATE FUNCTION conflict_stats.estimate_eq(conflict_stats.estimate, conflict_stats.estimate) RETURNS boolean
	AS 'MODULE_PATHNAME', 'estimate_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_eq(conflict_stats.estimate, conflict_stats.estimate) IS 'equality of all parts';
CREATE FUNCTION conflict_stats.estimate_ne(conflict_stats.estimate, conflict_stats.estimate) RETURNS boolean
	AS 'MODULE_PATHNAME', 'estimate_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_ne(conflict_stats.estimate, conflict_stats.estimate) IS 'inequality';
CREATE FUNCTION conflict_stats.estimate_lt(conflict_stats.estimate, conflict_stats.estimate) RETURNS boolean
	AS 'MODULE_PATHNAME', 'estimate_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_lt(conflict_stats.estimate, conflict_stats.estimate) IS 'less than, in the btree order';
CREATE FUNCTION conflict_stats.estimate_le(conflict_stats.estimate, conflict_stats.estimate) RETURNS boolean
	AS 'MODULE_PATHNAME', 'estimate_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_le(conflict_stats.estimate, conflict_stats.estimate) IS 'less than or equal, in the btree order';
CREATE FUNCTION conflict_stats.estimate_gt(conflict_stats.estimate, conflict_stats.estimate) RETURNS boolean
	AS 'MODULE_PATHNAME', 'estimate_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_gt(conflict_stats.estimate, conflict_stats.estimate) IS 'greater than, in the btree order';
CREATE FUNCTION conflict_stats.estimate_ge(conflict_stats.estimate, conflict_stats.estimate) RETURNS boolean
	AS 'MODULE_PATHNAME', 'estimate_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_ge(conflict_stats.estimate, conflict_stats.estimate) IS 'greater than or equal, in the btree order';
CREATE FUNCTION conflict_stats.estimate_hash(conflict_stats.estimate) RETURNS integer
	AS 'MODULE_PATHNAME', 'estimate_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_hash(conflict_stats.estimate) IS 'hash of an estimate';
CREATE FUNCTION conflict_stats.estimate_hash_extended(conflict_stats.estimate, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'estimate_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_hash_extended(conflict_stats.estimate, bigint) IS 'seeded 64-bit hash of an estimate';

CREATE OPERATOR conflict_stats.= (
	LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate,
	FUNCTION = conflict_stats.estimate_eq,
	COMMUTATOR = OPERATOR(conflict_stats.=), NEGATOR = OPERATOR(conflict_stats.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
COMMENT ON OPERATOR conflict_stats.= (conflict_stats.estimate, conflict_stats.estimate) IS 'equal in all parts';
CREATE OPERATOR conflict_stats.<> (
	LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate,
	FUNCTION = conflict_stats.estimate_ne,
	COMMUTATOR = OPERATOR(conflict_stats.<>), NEGATOR = OPERATOR(conflict_stats.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR conflict_stats.<> (conflict_stats.estimate, conflict_stats.estimate) IS 'not equal';
CREATE OPERATOR conflict_stats.< (
	LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate,
	FUNCTION = conflict_stats.estimate_lt,
	COMMUTATOR = OPERATOR(conflict_stats.>), NEGATOR = OPERATOR(conflict_stats.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
COMMENT ON OPERATOR conflict_stats.< (conflict_stats.estimate, conflict_stats.estimate) IS 'less than';
CREATE OPERATOR conflict_stats.<= (
	LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate,
	FUNCTION = conflict_stats.estimate_le,
	COMMUTATOR = OPERATOR(conflict_stats.>=), NEGATOR = OPERATOR(conflict_stats.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
COMMENT ON OPERATOR conflict_stats.<= (conflict_stats.estimate, conflict_stats.estimate) IS 'less than or equal';
CREATE OPERATOR conflict_stats.> (
	LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate,
	FUNCTION = conflict_stats.estimate_gt,
	COMMUTATOR = OPERATOR(conflict_stats.<), NEGATOR = OPERATOR(conflict_stats.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
COMMENT ON OPERATOR conflict_stats.> (conflict_stats.estimate, conflict_stats.estimate) IS 'greater than';
CREATE OPERATOR conflict_stats.>= (
	LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate,
	FUNCTION = conflict_stats.estimate_ge,
	COMMUTATOR = OPERATOR(conflict_stats.<=), NEGATOR = OPERATOR(conflict_stats.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR conflict_stats.>= (conflict_stats.estimate, conflict_stats.estimate) IS 'greater than or equal';

CREATE OPERATOR CLASS conflict_stats.estimate_ops
	DEFAULT FOR TYPE conflict_stats.estimate USING btree AS
		OPERATOR 1 conflict_stats.<,
		OPERATOR 2 conflict_stats.<=,
		OPERATOR 3 conflict_stats.=,
		OPERATOR 4 conflict_stats.>=,
		OPERATOR 5 conflict_stats.>,
		FUNCTION 1 conflict_stats.estimate_cmp(conflict_stats.estimate, conflict_stats.estimate);
COMMENT ON OPERATOR CLASS conflict_stats.estimate_ops USING btree IS 'order of estimates: by best, then lower bound, then upper bound';

CREATE OPERATOR CLASS conflict_stats.estimate_hash_ops
	DEFAULT FOR TYPE conflict_stats.estimate USING hash AS
		OPERATOR 1 conflict_stats.=,
		FUNCTION 1 conflict_stats.estimate_hash(conflict_stats.estimate),
		FUNCTION 2 conflict_stats.estimate_hash_extended(conflict_stats.estimate, bigint);
COMMENT ON OPERATOR CLASS conflict_stats.estimate_hash_ops USING hash IS 'hashing of estimates for GROUP BY, DISTINCT and hash joins';

-- range tests

CREATE FUNCTION conflict_stats.estimate_contains(conflict_stats.estimate, float8) RETURNS boolean
	AS 'MODULE_PATHNAME', 'estimate_contains' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_contains(conflict_stats.estimate, float8) IS 'does the stated range admit the value';
CREATE FUNCTION conflict_stats.estimate_contained(float8, conflict_stats.estimate) RETURNS boolean
	AS 'MODULE_PATHNAME', 'estimate_contained' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_contained(float8, conflict_stats.estimate) IS 'is the value admitted by the stated range';
CREATE FUNCTION conflict_stats.estimate_overlaps(conflict_stats.estimate, conflict_stats.estimate) RETURNS boolean
	AS 'MODULE_PATHNAME', 'estimate_overlaps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_overlaps(conflict_stats.estimate, conflict_stats.estimate) IS 'can both stated ranges be true at once';

CREATE OPERATOR conflict_stats.@> (
	LEFTARG = conflict_stats.estimate, RIGHTARG = float8,
	FUNCTION = conflict_stats.estimate_contains,
	COMMUTATOR = OPERATOR(conflict_stats.<@),
	RESTRICT = contsel, JOIN = contjoinsel
);
COMMENT ON OPERATOR conflict_stats.@> (conflict_stats.estimate, float8) IS 'the stated range contains the value';
CREATE OPERATOR conflict_stats.<@ (
	LEFTARG = float8, RIGHTARG = conflict_stats.estimate,
	FUNCTION = conflict_stats.estimate_contained,
	COMMUTATOR = OPERATOR(conflict_stats.@>),
	RESTRICT = contsel, JOIN = contjoinsel
);
COMMENT ON OPERATOR conflict_stats.<@ (float8, conflict_stats.estimate) IS 'the value lies in the stated range';
CREATE OPERATOR conflict_stats.&& (
	LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate,
	FUNCTION = conflict_stats.estimate_overlaps,
	COMMUTATOR = OPERATOR(conflict_stats.&&),
	RESTRICT = areasel, JOIN = areajoinsel
);
COMMENT ON OPERATOR conflict_stats.&& (conflict_stats.estimate, conflict_stats.estimate) IS 'the two stated ranges can both be true';

CREATE FUNCTION conflict_stats.within(a conflict_stats.estimate, b conflict_stats.estimate, tolerance float8 DEFAULT 0.1) RETURNS boolean
	AS 'MODULE_PATHNAME', 'estimate_within' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.within(conflict_stats.estimate, conflict_stats.estimate, float8) IS 'whether two figures can both be true when "about X" is read as X plus or minus tolerance times |X|, and an approximate figure''s open side likewise and its stated bounds moved outward by tolerance times the bound (other figures keep their stated ranges)';

-- aggregates

CREATE FUNCTION conflict_stats.estimate_sum_accum(conflict_stats.estimate, conflict_stats.estimate) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_sum_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_sum_accum(conflict_stats.estimate, conflict_stats.estimate) IS 'sum(estimate) transition and combine function';
CREATE FUNCTION conflict_stats.estimate_smaller(conflict_stats.estimate, conflict_stats.estimate) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_smaller(conflict_stats.estimate, conflict_stats.estimate) IS 'the smaller of two estimates in the btree order';
CREATE FUNCTION conflict_stats.estimate_larger(conflict_stats.estimate, conflict_stats.estimate) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_larger(conflict_stats.estimate, conflict_stats.estimate) IS 'the larger of two estimates in the btree order';

CREATE FUNCTION conflict_stats.estimate_avg_accum(float8[], conflict_stats.estimate) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'estimate_avg_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_avg_accum(float8[], conflict_stats.estimate) IS 'avg(estimate) transition function';
CREATE FUNCTION conflict_stats.estimate_avg_combine(float8[], float8[]) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'estimate_avg_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_avg_combine(float8[], float8[]) IS 'avg(estimate) combine function';
CREATE FUNCTION conflict_stats.estimate_avg_final(float8[]) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_avg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_avg_final(float8[]) IS 'avg(estimate) final function';
CREATE FUNCTION conflict_stats.estimate_consensus_accum(float8[], conflict_stats.estimate) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'estimate_consensus_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_consensus_accum(float8[], conflict_stats.estimate) IS 'consensus(estimate) transition function';
CREATE FUNCTION conflict_stats.estimate_consensus_combine(float8[], float8[]) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'estimate_consensus_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_consensus_combine(float8[], float8[]) IS 'consensus(estimate) combine function';
CREATE FUNCTION conflict_stats.estimate_envelope_accum(float8[], conflict_stats.estimate) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'estimate_envelope_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_envelope_accum(float8[], conflict_stats.estimate) IS 'envelope(estimate) transition function';
CREATE FUNCTION conflict_stats.estimate_envelope_combine(float8[], float8[]) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'estimate_envelope_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_envelope_combine(float8[], float8[]) IS 'envelope(estimate) combine function';
CREATE FUNCTION conflict_stats.estimate_range_final(float8[]) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'estimate_range_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.estimate_range_final(float8[]) IS 'consensus and envelope final function';

CREATE AGGREGATE conflict_stats.sum(conflict_stats.estimate) (
	SFUNC = conflict_stats.estimate_sum_accum,
	STYPE = conflict_stats.estimate,
	COMBINEFUNC = conflict_stats.estimate_sum_accum,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.sum(conflict_stats.estimate) IS 'interval sum of estimates';

CREATE AGGREGATE conflict_stats.avg(conflict_stats.estimate) (
	SFUNC = conflict_stats.estimate_avg_accum,
	STYPE = float8[],
	FINALFUNC = conflict_stats.estimate_avg_final,
	COMBINEFUNC = conflict_stats.estimate_avg_combine,
	INITCOND = '{0,0,0,0,0}',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.avg(conflict_stats.estimate) IS 'interval sum of estimates divided by their count';

CREATE AGGREGATE conflict_stats.min(conflict_stats.estimate) (
	SFUNC = conflict_stats.estimate_smaller,
	STYPE = conflict_stats.estimate,
	COMBINEFUNC = conflict_stats.estimate_smaller,
	SORTOP = OPERATOR(conflict_stats.<),
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.min(conflict_stats.estimate) IS 'the smallest estimate in the btree order';

CREATE AGGREGATE conflict_stats.max(conflict_stats.estimate) (
	SFUNC = conflict_stats.estimate_larger,
	STYPE = conflict_stats.estimate,
	COMBINEFUNC = conflict_stats.estimate_larger,
	SORTOP = OPERATOR(conflict_stats.>),
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.max(conflict_stats.estimate) IS 'the largest estimate in the btree order';

-- (consensus and envelope: with the other aggregates of estimates, after the
-- pictures)

COMMENT ON OPERATOR FAMILY conflict_stats.estimate_ops USING btree IS 'order of estimates';
COMMENT ON OPERATOR FAMILY conflict_stats.estimate_hash_ops USING hash IS 'hashing of estimates';

-- ---------------------------------------------------------------------------
-- The trend summary: a least-squares fit of value against time
-- ---------------------------------------------------------------------------

CREATE TYPE conflict_stats.trend;

CREATE FUNCTION conflict_stats.trend_in(cstring) RETURNS conflict_stats.trend
	AS 'MODULE_PATHNAME', 'trend_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.trend_out(conflict_stats.trend) RETURNS cstring
	AS 'MODULE_PATHNAME', 'trend_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.trend_recv(internal) RETURNS conflict_stats.trend
	AS 'MODULE_PATHNAME', 'trend_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.trend_send(conflict_stats.trend) RETURNS bytea
	AS 'MODULE_PATHNAME', 'trend_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE conflict_stats.trend (
	INPUT = conflict_stats.trend_in,
	OUTPUT = conflict_stats.trend_out,
	RECEIVE = conflict_stats.trend_recv,
	SEND = conflict_stats.trend_send,
	INTERNALLENGTH = 96,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE conflict_stats.trend IS 'summary of (value, time) rows for a least-squares trend: count, sum, means and centred sums of squares (Welford); built by trend_agg, merged by rollup';
COMMENT ON FUNCTION conflict_stats.trend_in(cstring) IS 'text input of trend (validating)';
COMMENT ON FUNCTION conflict_stats.trend_out(conflict_stats.trend) IS 'text output of trend, exact whatever extra_float_digits is';
COMMENT ON FUNCTION conflict_stats.trend_recv(internal) IS 'binary input of trend (validating)';
COMMENT ON FUNCTION conflict_stats.trend_send(conflict_stats.trend) IS 'binary output of trend';

-- aggregate support

CREATE FUNCTION conflict_stats.trend_accum(conflict_stats.trend, float8, date) RETURNS conflict_stats.trend
	AS 'MODULE_PATHNAME', 'trend_accum_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_accum(conflict_stats.trend, float8, date) IS 'transition function of trend_agg(float8, date): adds a row to a calendar summary (its days are its dates)';

CREATE FUNCTION conflict_stats.trend_accum(conflict_stats.trend, float8, timestamptz) RETURNS conflict_stats.trend
	AS 'MODULE_PATHNAME', 'trend_accum_ts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_accum(conflict_stats.trend, float8, timestamptz) IS 'transition function of trend_agg(float8, timestamptz): adds a row';

CREATE FUNCTION conflict_stats.trend_combine(conflict_stats.trend, conflict_stats.trend) RETURNS conflict_stats.trend
	AS 'MODULE_PATHNAME', 'trend_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_combine(conflict_stats.trend, conflict_stats.trend) IS 'merges two trend summaries (Chan et al.): the combine function of trend_agg and rollup';

CREATE FUNCTION conflict_stats.trend_final(conflict_stats.trend) RETURNS conflict_stats.trend
	AS 'MODULE_PATHNAME', 'trend_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_final(conflict_stats.trend) IS 'final function of trend_agg and rollup: NULL when no row was aggregated';

CREATE FUNCTION conflict_stats.trend_maccum(internal, float8, date) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_maccum_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_maccum(internal, float8, date) IS 'moving-aggregate transition of trend_agg(float8, date): adds a row to a window frame';

CREATE FUNCTION conflict_stats.trend_maccum(internal, float8, timestamptz) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_maccum_ts' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_maccum(internal, float8, timestamptz) IS 'moving-aggregate transition of trend_agg(float8, timestamptz): adds a row to a window frame';

CREATE FUNCTION conflict_stats.trend_minv(internal, float8, date) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_minv_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_minv(internal, float8, date) IS 'inverse transition of trend_agg(float8, date): removes the row leaving a window frame';

CREATE FUNCTION conflict_stats.trend_minv(internal, float8, timestamptz) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_minv_ts' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_minv(internal, float8, timestamptz) IS 'inverse transition of trend_agg(float8, timestamptz): removes the row leaving a window frame';

CREATE FUNCTION conflict_stats.trend_mfinal(internal) RETURNS conflict_stats.trend
	AS 'MODULE_PATHNAME', 'trend_mfinal' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_mfinal(internal) IS 'moving-aggregate final function of trend_agg: the summary of a window frame';

-- aggregates

CREATE AGGREGATE conflict_stats.trend_agg(value float8, at date) (
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
COMMENT ON AGGREGATE conflict_stats.trend_agg(float8, date) IS 'least-squares trend of value against date: a calendar summary, whose days are its dates in every time zone; NULL rows skipped, NULL for no rows';

CREATE AGGREGATE conflict_stats.trend_agg(value float8, at timestamptz) (
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
COMMENT ON AGGREGATE conflict_stats.trend_agg(float8, timestamptz) IS 'least-squares trend of value against time; NULL rows skipped, NULL for no rows';

CREATE AGGREGATE conflict_stats.rollup(conflict_stats.trend) (
	SFUNC = conflict_stats.trend_combine,
	STYPE = conflict_stats.trend,
	FINALFUNC = conflict_stats.trend_final,
	COMBINEFUNC = conflict_stats.trend_combine,
	INITCOND = 'n=0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.rollup(conflict_stats.trend) IS 'merges trend summaries; the result equals trend_agg over all their rows';

-- accessors

CREATE FUNCTION conflict_stats.num_points(conflict_stats.trend) RETURNS bigint
	AS 'MODULE_PATHNAME', 'trend_num_points' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.num_points(conflict_stats.trend) IS 'number of rows aggregated';

CREATE FUNCTION conflict_stats.total(conflict_stats.trend) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.total(conflict_stats.trend) IS 'sum of the values';

CREATE FUNCTION conflict_stats.mean(conflict_stats.trend) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.mean(conflict_stats.trend) IS 'average value per row';

CREATE FUNCTION conflict_stats.stddev(conflict_stats.trend) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_stddev' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.stddev(conflict_stats.trend) IS 'sample standard deviation of the values; NULL below 2 rows';

CREATE FUNCTION conflict_stats.first_at(conflict_stats.trend) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'trend_first_at' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.first_at(conflict_stats.trend) IS 'earliest time aggregated (of dates: local midnight in the session time zone)';

CREATE FUNCTION conflict_stats.last_at(conflict_stats.trend) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'trend_last_at' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.last_at(conflict_stats.trend) IS 'latest time aggregated (of dates: local midnight in the session time zone)';

CREATE FUNCTION conflict_stats.slope(t conflict_stats.trend, per interval DEFAULT '1 day') RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_slope' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.slope(conflict_stats.trend, interval) IS 'least-squares change in value per "per" (default 1 day); NULL without two distinct times';

CREATE FUNCTION conflict_stats.growth(t conflict_stats.trend, per interval DEFAULT '1 day') RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_growth' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.growth(conflict_stats.trend, interval) IS 'slope / mean: relative change per "per"; NULL when the mean is 0 or there is no slope';

CREATE FUNCTION conflict_stats.r2(conflict_stats.trend) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_r2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.r2(conflict_stats.trend) IS 'coefficient of determination of the fit; 1 when the values do not vary; NULL without a slope';

CREATE FUNCTION conflict_stats.slope_stderr(t conflict_stats.trend, per interval DEFAULT '1 day') RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_slope_stderr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.slope_stderr(conflict_stats.trend, interval) IS 'standard error of the slope per "per"; NULL below 3 rows';

CREATE FUNCTION conflict_stats.slope_interval(t conflict_stats.trend, confidence float8 DEFAULT 0.95, per interval DEFAULT '1 day') RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'trend_slope_interval' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.slope_interval(conflict_stats.trend, float8, interval) IS 'the slope with its two-sided confidence interval (Student''s t, n-2 degrees of freedom) as inclusive bounds; NULL below 3 rows';

CREATE FUNCTION conflict_stats.forecast(t conflict_stats.trend, at timestamptz) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_forecast_ts' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.forecast(conflict_stats.trend, timestamptz) IS 'the fitted line''s value at a time (for a summary of dates, the time''s local date and clock time in the session time zone); NULL without a slope';

CREATE FUNCTION conflict_stats.forecast(t conflict_stats.trend, at date) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_forecast_date' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.forecast(conflict_stats.trend, date) IS 'the fitted line''s value at a date (for a summary of instants, local midnight in the session time zone); NULL without a slope';

CREATE FUNCTION conflict_stats.forecast_interval(t conflict_stats.trend, at timestamptz, confidence float8 DEFAULT 0.95) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'trend_forecast_interval_ts' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.forecast_interval(conflict_stats.trend, timestamptz, float8) IS 'the fitted value at a time with the prediction interval for a new observation (Student''s t, n-2 degrees of freedom) as inclusive bounds; NULL below 3 rows';

CREATE FUNCTION conflict_stats.forecast_interval(t conflict_stats.trend, at date, confidence float8 DEFAULT 0.95) RETURNS conflict_stats.estimate
	AS 'MODULE_PATHNAME', 'trend_forecast_interval_date' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.forecast_interval(conflict_stats.trend, date, float8) IS 'the fitted value at a date with the prediction interval for a new observation; NULL below 3 rows';

-- ---------------------------------------------------------------------------
-- Running totals: the cumulative summary and cumulative_agg
-- ---------------------------------------------------------------------------

CREATE TYPE conflict_stats.cumulative;

CREATE FUNCTION conflict_stats.cumulative_in(cstring) RETURNS conflict_stats.cumulative
	AS 'MODULE_PATHNAME', 'cumulative_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.cumulative_out(conflict_stats.cumulative) RETURNS cstring
	AS 'MODULE_PATHNAME', 'cumulative_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.cumulative_recv(internal) RETURNS conflict_stats.cumulative
	AS 'MODULE_PATHNAME', 'cumulative_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.cumulative_send(conflict_stats.cumulative) RETURNS bytea
	AS 'MODULE_PATHNAME', 'cumulative_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE conflict_stats.cumulative (
	INPUT = conflict_stats.cumulative_in,
	OUTPUT = conflict_stats.cumulative_out,
	RECEIVE = conflict_stats.cumulative_recv,
	SEND = conflict_stats.cumulative_send,
	INTERNALLENGTH = 120,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE conflict_stats.cumulative IS 'summary of cumulative reports (running totals) made by cumulative_agg: first and last report, least-squares linear and quadratic fits of total against time';
COMMENT ON FUNCTION conflict_stats.cumulative_in(cstring) IS 'text input of cumulative';
COMMENT ON FUNCTION conflict_stats.cumulative_out(conflict_stats.cumulative) IS 'text output of cumulative; reads back exactly whatever extra_float_digits is';
COMMENT ON FUNCTION conflict_stats.cumulative_recv(internal) IS 'binary input of cumulative';
COMMENT ON FUNCTION conflict_stats.cumulative_send(conflict_stats.cumulative) IS 'binary output of cumulative';

-- the aggregates

CREATE FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, float8, date) RETURNS conflict_stats.cumulative
	AS 'MODULE_PATHNAME', 'cumulative_trans_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, float8, date) IS 'transition function of cumulative_agg(float8, date): adds one report, skips a NULL row';

CREATE FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, float8, timestamptz) RETURNS conflict_stats.cumulative
	AS 'MODULE_PATHNAME', 'cumulative_trans_ts' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, float8, timestamptz) IS 'transition function of cumulative_agg(float8, timestamptz): adds one report, skips a NULL row';

CREATE FUNCTION conflict_stats.cumulative_combine(conflict_stats.cumulative, conflict_stats.cumulative) RETURNS conflict_stats.cumulative
	AS 'MODULE_PATHNAME', 'cumulative_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.cumulative_combine(conflict_stats.cumulative, conflict_stats.cumulative) IS 'merges two cumulative summaries into the summary of all their reports (NULL on one side gives the other)';

CREATE AGGREGATE conflict_stats.cumulative_agg(total float8, at date) (
	SFUNC = conflict_stats.cumulative_trans,
	STYPE = conflict_stats.cumulative,
	COMBINEFUNC = conflict_stats.cumulative_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.cumulative_agg(float8, date) IS 'summarizes cumulative reports (total as of a date) into a calendar cumulative, whose days are its dates in every time zone; input order does not matter';

CREATE AGGREGATE conflict_stats.cumulative_agg(total float8, at timestamptz) (
	SFUNC = conflict_stats.cumulative_trans,
	STYPE = conflict_stats.cumulative,
	COMBINEFUNC = conflict_stats.cumulative_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.cumulative_agg(float8, timestamptz) IS 'summarizes cumulative reports (total as of an instant) into a cumulative; input order does not matter';

CREATE AGGREGATE conflict_stats.rollup(conflict_stats.cumulative) (
	SFUNC = conflict_stats.cumulative_combine,
	STYPE = conflict_stats.cumulative,
	COMBINEFUNC = conflict_stats.cumulative_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.rollup(conflict_stats.cumulative) IS 'merges stored cumulative summaries; equals cumulative_agg over all their reports';

-- accessors

CREATE FUNCTION conflict_stats.num_reports(conflict_stats.cumulative) RETURNS bigint
	AS 'MODULE_PATHNAME', 'cumulative_num_reports' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.num_reports(conflict_stats.cumulative) IS 'the number of reports aggregated';

CREATE FUNCTION conflict_stats.first_at(conflict_stats.cumulative) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'cumulative_first_at' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.first_at(conflict_stats.cumulative) IS 'the time of the earliest report (of dates: local midnight in the session time zone)';

CREATE FUNCTION conflict_stats.last_at(conflict_stats.cumulative) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'cumulative_last_at' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.last_at(conflict_stats.cumulative) IS 'the time of the latest report (of dates: local midnight in the session time zone)';

CREATE FUNCTION conflict_stats.first_total(conflict_stats.cumulative) RETURNS float8
	AS 'MODULE_PATHNAME', 'cumulative_first_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.first_total(conflict_stats.cumulative) IS 'the total of the earliest report (the larger one of reports at the same instant)';

CREATE FUNCTION conflict_stats.last_total(conflict_stats.cumulative) RETURNS float8
	AS 'MODULE_PATHNAME', 'cumulative_last_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.last_total(conflict_stats.cumulative) IS 'the total of the latest report (the larger one of reports at the same instant)';

CREATE FUNCTION conflict_stats.delta(conflict_stats.cumulative) RETURNS float8
	AS 'MODULE_PATHNAME', 'cumulative_delta' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.delta(conflict_stats.cumulative) IS 'last_total - first_total';

CREATE FUNCTION conflict_stats.rate(conflict_stats.cumulative, per interval DEFAULT '1 day') RETURNS float8
	AS 'MODULE_PATHNAME', 'cumulative_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.rate(conflict_stats.cumulative, interval) IS 'delta per "per" between the first and the last report; NULL when all reports are at one instant';

CREATE FUNCTION conflict_stats.fitted_rate(conflict_stats.cumulative, per interval DEFAULT '1 day') RETURNS float8
	AS 'MODULE_PATHNAME', 'cumulative_fitted_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.fitted_rate(conflict_stats.cumulative, interval) IS 'least-squares slope of total against time, per "per" (as regr_slope); NULL when all reports are at one instant';

CREATE FUNCTION conflict_stats.acceleration(conflict_stats.cumulative, per interval DEFAULT '1 day') RETURNS float8
	AS 'MODULE_PATHNAME', 'cumulative_acceleration' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.acceleration(conflict_stats.cumulative, interval) IS 'second derivative of the least-squares quadratic of total against time, in total per "per" per "per"; NULL with fewer than three distinct report times';

CREATE FUNCTION conflict_stats.time_to_reach(conflict_stats.cumulative, target float8) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'cumulative_time_to_reach' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.time_to_reach(conflict_stats.cumulative, float8) IS 'when the rate from the first to the last report carries last_total to target; NULL when target is not above last_total or the rate is not positive';

-- ---------------------------------------------------------------------------
-- Losses against gains: cost_per_gain and elasticity
-- ---------------------------------------------------------------------------

CREATE TYPE conflict_stats.cost_per_gain_state;

CREATE FUNCTION conflict_stats.cost_per_gain_state_in(cstring) RETURNS conflict_stats.cost_per_gain_state
	AS 'MODULE_PATHNAME', 'cost_per_gain_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.cost_per_gain_state_out(conflict_stats.cost_per_gain_state) RETURNS cstring
	AS 'MODULE_PATHNAME', 'cost_per_gain_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.cost_per_gain_state_recv(internal) RETURNS conflict_stats.cost_per_gain_state
	AS 'MODULE_PATHNAME', 'cost_per_gain_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.cost_per_gain_state_send(conflict_stats.cost_per_gain_state) RETURNS bytea
	AS 'MODULE_PATHNAME', 'cost_per_gain_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE conflict_stats.cost_per_gain_state (
	INPUT = conflict_stats.cost_per_gain_state_in,
	OUTPUT = conflict_stats.cost_per_gain_state_out,
	RECEIVE = conflict_stats.cost_per_gain_state_recv,
	SEND = conflict_stats.cost_per_gain_state_send,
	INTERNALLENGTH = 56,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE conflict_stats.cost_per_gain_state IS 'partial state of the cost_per_gain aggregate: count and compensated sum of losses and of gains';
COMMENT ON FUNCTION conflict_stats.cost_per_gain_state_in(cstring) IS 'text input of cost_per_gain_state';
COMMENT ON FUNCTION conflict_stats.cost_per_gain_state_out(conflict_stats.cost_per_gain_state) IS 'text output of cost_per_gain_state; reads back exactly whatever extra_float_digits is';
COMMENT ON FUNCTION conflict_stats.cost_per_gain_state_recv(internal) IS 'binary input of cost_per_gain_state';
COMMENT ON FUNCTION conflict_stats.cost_per_gain_state_send(conflict_stats.cost_per_gain_state) IS 'binary output of cost_per_gain_state';

CREATE FUNCTION conflict_stats.cost_per_gain_trans(conflict_stats.cost_per_gain_state, float8, float8) RETURNS conflict_stats.cost_per_gain_state
	AS 'MODULE_PATHNAME', 'cost_per_gain_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.cost_per_gain_trans(conflict_stats.cost_per_gain_state, float8, float8) IS 'transition function of cost_per_gain: adds the losses and the gain of one row, each skipped when NULL';

CREATE FUNCTION conflict_stats.cost_per_gain_combine(conflict_stats.cost_per_gain_state, conflict_stats.cost_per_gain_state) RETURNS conflict_stats.cost_per_gain_state
	AS 'MODULE_PATHNAME', 'cost_per_gain_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.cost_per_gain_combine(conflict_stats.cost_per_gain_state, conflict_stats.cost_per_gain_state) IS 'merges two cost_per_gain states (NULL on one side gives the other)';

CREATE FUNCTION conflict_stats.cost_per_gain_final(conflict_stats.cost_per_gain_state) RETURNS float8
	AS 'MODULE_PATHNAME', 'cost_per_gain_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.cost_per_gain_final(conflict_stats.cost_per_gain_state) IS 'final function of cost_per_gain: sum of losses over sum of gains, NULL when nothing was gained';

CREATE AGGREGATE conflict_stats.cost_per_gain(losses float8, gained float8) (
	SFUNC = conflict_stats.cost_per_gain_trans,
	STYPE = conflict_stats.cost_per_gain_state,
	FINALFUNC = conflict_stats.cost_per_gain_final,
	COMBINEFUNC = conflict_stats.cost_per_gain_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.cost_per_gain(float8, float8) IS 'sum(losses) / sum(gained), e.g. casualties per km2 taken; NULL when nothing was gained';

CREATE TYPE conflict_stats.elasticity_state;

CREATE FUNCTION conflict_stats.elasticity_state_in(cstring) RETURNS conflict_stats.elasticity_state
	AS 'MODULE_PATHNAME', 'elasticity_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.elasticity_state_out(conflict_stats.elasticity_state) RETURNS cstring
	AS 'MODULE_PATHNAME', 'elasticity_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.elasticity_state_recv(internal) RETURNS conflict_stats.elasticity_state
	AS 'MODULE_PATHNAME', 'elasticity_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.elasticity_state_send(conflict_stats.elasticity_state) RETURNS bytea
	AS 'MODULE_PATHNAME', 'elasticity_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE conflict_stats.elasticity_state (
	INPUT = conflict_stats.elasticity_state_in,
	OUTPUT = conflict_stats.elasticity_state_out,
	RECEIVE = conflict_stats.elasticity_state_recv,
	SEND = conflict_stats.elasticity_state_send,
	INTERNALLENGTH = 48,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE conflict_stats.elasticity_state IS 'partial state of the elasticity aggregate: a least-squares fit of ln(losses) on ln(gained)';
COMMENT ON FUNCTION conflict_stats.elasticity_state_in(cstring) IS 'text input of elasticity_state';
COMMENT ON FUNCTION conflict_stats.elasticity_state_out(conflict_stats.elasticity_state) IS 'text output of elasticity_state; reads back exactly whatever extra_float_digits is';
COMMENT ON FUNCTION conflict_stats.elasticity_state_recv(internal) IS 'binary input of elasticity_state';
COMMENT ON FUNCTION conflict_stats.elasticity_state_send(conflict_stats.elasticity_state) IS 'binary output of elasticity_state';

CREATE FUNCTION conflict_stats.elasticity_trans(conflict_stats.elasticity_state, float8, float8) RETURNS conflict_stats.elasticity_state
	AS 'MODULE_PATHNAME', 'elasticity_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.elasticity_trans(conflict_stats.elasticity_state, float8, float8) IS 'transition function of elasticity: adds a row whose losses and gain are both positive';

CREATE FUNCTION conflict_stats.elasticity_combine(conflict_stats.elasticity_state, conflict_stats.elasticity_state) RETURNS conflict_stats.elasticity_state
	AS 'MODULE_PATHNAME', 'elasticity_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.elasticity_combine(conflict_stats.elasticity_state, conflict_stats.elasticity_state) IS 'merges two elasticity states (NULL on one side gives the other)';

CREATE FUNCTION conflict_stats.elasticity_final(conflict_stats.elasticity_state) RETURNS float8
	AS 'MODULE_PATHNAME', 'elasticity_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.elasticity_final(conflict_stats.elasticity_state) IS 'final function of elasticity: the slope of ln(losses) on ln(gained), NULL below two rows or when every gain is the same';

CREATE AGGREGATE conflict_stats.elasticity(losses float8, gained float8) (
	SFUNC = conflict_stats.elasticity_trans,
	STYPE = conflict_stats.elasticity_state,
	FINALFUNC = conflict_stats.elasticity_final,
	COMBINEFUNC = conflict_stats.elasticity_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.elasticity(float8, float8) IS 'least-squares slope of ln(losses) on ln(gained) over rows where both are positive; above 1, losses grow out of proportion with gains';

-- ---------------------------------------------------------------------------
-- Irregular cumulative reports and losses per period
-- ---------------------------------------------------------------------------

CREATE TYPE conflict_stats.series;

CREATE FUNCTION conflict_stats.series_in(cstring) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.series_out(conflict_stats.series) RETURNS cstring
	AS 'MODULE_PATHNAME', 'series_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.series_recv(internal) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conflict_stats.series_send(conflict_stats.series) RETURNS bytea
	AS 'MODULE_PATHNAME', 'series_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE conflict_stats.series (
	INPUT = conflict_stats.series_in,
	OUTPUT = conflict_stats.series_out,
	RECEIVE = conflict_stats.series_recv,
	SEND = conflict_stats.series_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);

COMMENT ON TYPE conflict_stats.series IS 'cumulative reports (time, running total) in time order, one per time, as report_series builds them; text form {(2024-01-01,100),(2024-02-01,250)} for a series of dates, {(2024-01-01T00:00:00Z,100)} for one of instants (in UTC); a series of estimates that are not all exact keeps each (format 2): {(2024-09-01,~616300),(2024-09-02,"20 [15,)")}';
COMMENT ON FUNCTION conflict_stats.series_in(cstring) IS 'text input of series';
COMMENT ON FUNCTION conflict_stats.series_out(conflict_stats.series) IS 'text output of series (dates as dates, instants in UTC, totals read back exactly)';
COMMENT ON FUNCTION conflict_stats.series_recv(internal) IS 'binary input of series';
COMMENT ON FUNCTION conflict_stats.series_send(conflict_stats.series) IS 'binary output of series';

-- the report_series aggregate

CREATE FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, float8, timestamptz) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, float8, timestamptz) IS 'transition function of report_series(float8, timestamptz)';

CREATE FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, float8, date) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_trans_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, float8, date) IS 'transition function of report_series(float8, date)';

CREATE FUNCTION conflict_stats.series_agg_combine(conflict_stats.series, conflict_stats.series) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_combine(conflict_stats.series, conflict_stats.series) IS 'combine function of report_series: merges two partial states (series values, in memory or read back from text or binary)';

CREATE FUNCTION conflict_stats.series_agg_final(conflict_stats.series) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_final(conflict_stats.series) IS 'final function of report_series';

CREATE AGGREGATE conflict_stats.report_series(total float8, at timestamptz) (
	SFUNC = conflict_stats.series_agg_trans,
	STYPE = conflict_stats.series,
	FINALFUNC = conflict_stats.series_agg_final,
	COMBINEFUNC = conflict_stats.series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.report_series(float8, timestamptz) IS 'every cumulative report in time order as a series of instants; of two reports at the same instant the larger total is kept; NULL rows are skipped';

CREATE AGGREGATE conflict_stats.report_series(total float8, at date) (
	SFUNC = conflict_stats.series_agg_trans,
	STYPE = conflict_stats.series,
	FINALFUNC = conflict_stats.series_agg_final,
	COMBINEFUNC = conflict_stats.series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.report_series(float8, date) IS 'every cumulative report in time order as a series of dates (a calendar series); of two reports on the same date the larger total is kept; NULL rows are skipped';

-- readers

CREATE FUNCTION conflict_stats.losses_by_period(
		s conflict_stats.series,
		bucket interval,
		origin timestamptz DEFAULT NULL,
		on_decrease text DEFAULT 'revision',
		time_zone text DEFAULT NULL)
	RETURNS TABLE (period_start timestamptz, period_end timestamptz, losses float8,
				   per_day float8, reports integer, interpolated boolean,
				   partial boolean, figure conflict_stats.estimate)
	AS 'MODULE_PATHNAME', 'series_losses_by_period'
	LANGUAGE C STABLE PARALLEL SAFE ROWS 24;
COMMENT ON FUNCTION conflict_stats.losses_by_period(conflict_stats.series, interval, timestamptz, text, text) IS 'losses per bucket [origin + k*bucket, origin + (k+1)*bucket) in calendar arithmetic (a series of dates on its dates; a series of instants in time_zone, default the session''s; origin default midnight 1 January 2000): the difference of the totals interpolated at the bucket edges, clipped to the reported span, per day covered, reports inside, whether a total was interpolated, whether the bucket is partial (not wholly inside the reported span), and the losses as an estimate (the difference of the edge totals as estimates, approximate when a report used was or an edge was interpolated); on_decrease is revision (falls stand as corrections) or clamp (falls count as zero); NULL series, bucket or on_decrease give no rows';

CREATE FUNCTION conflict_stats.total_at(s conflict_stats.series, at timestamptz) RETURNS float8
	AS 'MODULE_PATHNAME', 'series_total_at' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.total_at(conflict_stats.series, timestamptz) IS 'the cumulative total at a time (for a series of dates, the time''s local date and clock time in the session time zone), linearly interpolated between the reports around it; NULL outside the reported span';

CREATE FUNCTION conflict_stats.total_at(s conflict_stats.series, at date) RETURNS float8
	AS 'MODULE_PATHNAME', 'series_total_at_date' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.total_at(conflict_stats.series, date) IS 'the cumulative total at a date (for a series of instants, local midnight in the session time zone), linearly interpolated; NULL outside the reported span';

CREATE FUNCTION conflict_stats.num_decreases(conflict_stats.series) RETURNS integer
	AS 'MODULE_PATHNAME', 'series_num_decreases' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.num_decreases(conflict_stats.series) IS 'how many reports are lower than the one before (downward revisions)';

CREATE FUNCTION conflict_stats.num_reports(conflict_stats.series) RETURNS integer
	AS 'MODULE_PATHNAME', 'series_num_reports' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.num_reports(conflict_stats.series) IS 'how many reports a series holds (one per instant)';

CREATE FUNCTION conflict_stats.reports(s conflict_stats.series)
	RETURNS TABLE (at timestamptz, total float8)
	AS 'MODULE_PATHNAME', 'series_reports' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION conflict_stats.reports(conflict_stats.series) IS 'the reports of a series as rows, in time order (dates as local midnight in the session time zone)';

-- ---------------------------------------------------------------------------
-- Pictures in psql: sparkline and bar
--
-- Pictures are UTF-8: in a database of another encoding they raise 22021.
-- ---------------------------------------------------------------------------

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

-- ---------------------------------------------------------------------------
-- Aggregates of estimates: consensus and envelope, and trend_agg,
-- cumulative_agg and report_series of estimates (of their best values)
--
-- They come after the pictures, as in an install updated from 1.0, so that
-- the catalog lists the aggregates in one order however 1.1 was installed.
-- ---------------------------------------------------------------------------

-- consensus and envelope take their best value from the inputs that state a
-- central value: a state of 7 slots keeps those (the functions read the
-- slot count; a state of 5 slots is one made under 1.0)
CREATE AGGREGATE conflict_stats.consensus(conflict_stats.estimate) (
	SFUNC = conflict_stats.estimate_consensus_accum,
	STYPE = float8[],
	FINALFUNC = conflict_stats.estimate_range_final,
	COMBINEFUNC = conflict_stats.estimate_consensus_combine,
	INITCOND = '{0,0,0,0,0,0,0}',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.consensus(conflict_stats.estimate) IS 'the range every input allows, with the mean best value of the inputs that state a central value (of all, when none does) clamped into it; NULL when the inputs contradict each other';

CREATE AGGREGATE conflict_stats.envelope(conflict_stats.estimate) (
	SFUNC = conflict_stats.estimate_envelope_accum,
	STYPE = float8[],
	FINALFUNC = conflict_stats.estimate_range_final,
	COMBINEFUNC = conflict_stats.estimate_envelope_combine,
	INITCOND = '{0,0,0,0,0,0,0}',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.envelope(conflict_stats.estimate) IS 'the smallest range that holds every input, with the mean best value of the inputs that state a central value (of all, when none does)';

-- trend_agg of estimates

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

-- cumulative_agg of estimates

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

-- report_series of estimates

CREATE FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, conflict_stats.estimate, timestamptz) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_trans_est' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, conflict_stats.estimate, timestamptz) IS 'transition function of report_series(estimate, timestamptz)';

CREATE FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, conflict_stats.estimate, date) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_trans_est_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, conflict_stats.estimate, date) IS 'transition function of report_series(estimate, date)';

CREATE AGGREGATE conflict_stats.report_series(total conflict_stats.estimate, at timestamptz) (
	SFUNC = conflict_stats.series_agg_trans,
	STYPE = conflict_stats.series,
	FINALFUNC = conflict_stats.series_agg_final,
	COMBINEFUNC = conflict_stats.series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.report_series(conflict_stats.estimate, timestamptz) IS 'every cumulative report stated as an estimate, kept with its qualifier and bounds, in time order as a series of instants; of two reports at the same instant the larger by the estimate order (best value first) is kept; NULL rows are skipped';

CREATE AGGREGATE conflict_stats.report_series(total conflict_stats.estimate, at date) (
	SFUNC = conflict_stats.series_agg_trans,
	STYPE = conflict_stats.series,
	FINALFUNC = conflict_stats.series_agg_final,
	COMBINEFUNC = conflict_stats.series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.report_series(conflict_stats.estimate, date) IS 'every cumulative report stated as an estimate, kept with its qualifier and bounds, in time order as a series of dates; of two reports on the same date the larger by the estimate order (best value first) is kept; NULL rows are skipped';

-- ---------------------------------------------------------------------------
-- Reference data: sources, the figures they state, and their
-- qualitative and dated claims.
--
-- Rows shipped with the extension have builtin = true and ids below 10000;
-- rows users add get ids from 10000 up (the identity sequences start there)
-- and builtin = false.  The tables and their sequences are registered with
-- pg_extension_config_dump, so pg_dump saves the user rows and the sequence
-- positions, while the shipped rows are recreated by CREATE EXTENSION and
-- never dumped, so they are never duplicated.  Shipped ids are written out
-- explicitly, so a user row that refers to a shipped source still finds it
-- after a restore and a later version can add shipped rows without taking
-- ids users already hold.
--
-- Dates are half-open periods: period_start is the first day covered and
-- period_end the first day after it, so period_end - period_start is the
-- length in days (as the buckets of losses_by_period are).
--
-- Verbatim phrases are kept in ASCII: the article's typographic apostrophes
-- and quotation marks are written as ' and ".
------------------------------------------------------------------------------

CREATE TABLE conflict_stats.sources (
	source_id	bigint GENERATED ALWAYS AS IDENTITY
				(SEQUENCE NAME conflict_stats.sources_source_id_seq START WITH 10000)
				PRIMARY KEY,
	publisher	text NOT NULL CHECK (publisher <> ''),
	title		text CHECK (title <> ''),
	author		text CHECK (author <> ''),
	published	date,
	kind		text NOT NULL CHECK (kind IN ('news article', 'official statement',
											  'official data', 'research report',
											  'dataset', 'other')),
	url			text CHECK (url <> ''),
	note		text,
	builtin		boolean NOT NULL DEFAULT false,
	CONSTRAINT sources_builtin_check CHECK (builtin = (source_id < 10000))
);

COMMENT ON TABLE conflict_stats.sources IS 'Publications that state casualty and loss figures: one row per article, report or data set';
COMMENT ON COLUMN conflict_stats.sources.source_id IS 'Identifier; below 10000 for shipped rows, from 10000 up for rows users add';
COMMENT ON SEQUENCE conflict_stats.sources_source_id_seq IS 'Identity sequence of sources.source_id; starts at 10000, ids below are kept for shipped rows';
COMMENT ON COLUMN conflict_stats.sources.publisher IS 'Who published it (outlet, ministry, institute)';
COMMENT ON COLUMN conflict_stats.sources.title IS 'Title or headline as published; NULL when not known';
COMMENT ON COLUMN conflict_stats.sources.author IS 'Author or reporter, as credited';
COMMENT ON COLUMN conflict_stats.sources.published IS 'Date of publication';
COMMENT ON COLUMN conflict_stats.sources.kind IS 'What it is: news article, official statement, official data, research report, dataset or other';
COMMENT ON COLUMN conflict_stats.sources.url IS 'Where it can be read; NULL when not recorded';
COMMENT ON COLUMN conflict_stats.sources.note IS 'Context and interpretation that the publication itself does not state';
COMMENT ON COLUMN conflict_stats.sources.builtin IS 'True for rows shipped with the extension (recreated by CREATE EXTENSION, left out of pg_dump); false for rows users add';

CREATE TABLE conflict_stats.figures (
	figure_id	bigint GENERATED ALWAYS AS IDENTITY
				(SEQUENCE NAME conflict_stats.figures_figure_id_seq START WITH 10000)
				PRIMARY KEY,
	source_id	bigint NOT NULL REFERENCES conflict_stats.sources (source_id),
	party		text NOT NULL CHECK (party <> ''),
	quantity	text NOT NULL CHECK (quantity <> ''),
	category	text CHECK (category <> ''),
	unit		text NOT NULL CHECK (unit <> ''),
	value		conflict_stats.estimate NOT NULL,
	as_of		date NOT NULL,
	period_start date,
	period_end	date,
	speaker_role text CHECK (speaker_role <> ''),
	quote		text CHECK (quote <> ''),
	note		text,
	builtin		boolean NOT NULL DEFAULT false,
	CONSTRAINT figures_period_check CHECK (period_start < period_end),
	CONSTRAINT figures_builtin_check CHECK (builtin = (figure_id < 10000))
);

CREATE INDEX figures_source_id_idx ON conflict_stats.figures (source_id);

COMMENT ON TABLE conflict_stats.figures IS 'Figures as sources state them: what was counted, for whom, in which category and unit, the value with its stated qualifier, the date or period it covers and who said it';
COMMENT ON COLUMN conflict_stats.figures.figure_id IS 'Identifier; below 10000 for shipped rows, from 10000 up for rows users add';
COMMENT ON SEQUENCE conflict_stats.figures_figure_id_seq IS 'Identity sequence of figures.figure_id; starts at 10000, ids below are kept for shipped rows';
COMMENT ON COLUMN conflict_stats.figures.source_id IS 'The publication that states the figure';
COMMENT ON COLUMN conflict_stats.figures.party IS 'The side or actor the figure is about (e.g. Russia)';
COMMENT ON COLUMN conflict_stats.figures.quantity IS 'What is counted (e.g. casualties, tanks)';
COMMENT ON COLUMN conflict_stats.figures.category IS 'The definition the count uses (e.g. killed and wounded; damaged or destroyed); NULL when the source gives none';
COMMENT ON COLUMN conflict_stats.figures.unit IS 'Unit of the value (e.g. people, vessels, years)';
COMMENT ON COLUMN conflict_stats.figures.value IS 'The value as stated, with its qualifier: "more than 600,000" is >600000';
COMMENT ON COLUMN conflict_stats.figures.as_of IS 'Date at which the figure is stated to hold';
COMMENT ON COLUMN conflict_stats.figures.period_start IS 'First day of the period the figure covers (for a cumulative total, the day counting began); NULL when none is implied';
COMMENT ON COLUMN conflict_stats.figures.period_end IS 'First day after the period the figure covers (half-open, so period_end - period_start is its length in days); NULL when none is implied';
COMMENT ON COLUMN conflict_stats.figures.speaker_role IS 'Who is quoted, as the source describes them (e.g. senior U.S. defense official); NULL for the author''s own statement';
COMMENT ON COLUMN conflict_stats.figures.quote IS 'The short verbatim phrase the figure comes from (typographic quotes written in ASCII)';
COMMENT ON COLUMN conflict_stats.figures.note IS 'Interpretation and context that the source does not state';
COMMENT ON COLUMN conflict_stats.figures.builtin IS 'True for rows shipped with the extension (recreated by CREATE EXTENSION, left out of pg_dump); false for rows users add';

CREATE TABLE conflict_stats.claims (
	claim_id	bigint GENERATED ALWAYS AS IDENTITY
				(SEQUENCE NAME conflict_stats.claims_claim_id_seq START WITH 10000)
				PRIMARY KEY,
	source_id	bigint NOT NULL REFERENCES conflict_stats.sources (source_id),
	kind		text NOT NULL CHECK (kind IN ('assessment', 'event', 'expectation')),
	topic		text NOT NULL CHECK (topic <> ''),
	party		text CHECK (party <> ''),
	statement	text NOT NULL CHECK (statement <> ''),
	stated_on	date,
	period_start date,
	period_end	date,
	speaker_role text CHECK (speaker_role <> ''),
	quote		text CHECK (quote <> ''),
	note		text,
	builtin		boolean NOT NULL DEFAULT false,
	CONSTRAINT claims_period_check CHECK (period_start < period_end),
	CONSTRAINT claims_builtin_check CHECK (builtin = (claim_id < 10000))
);

CREATE INDEX claims_source_id_idx ON conflict_stats.claims (source_id);

COMMENT ON TABLE conflict_stats.claims IS 'Qualitative and dated claims of sources (a deadliest month, an advance, an expected event) with who made them and the date or period they concern';
COMMENT ON COLUMN conflict_stats.claims.claim_id IS 'Identifier; below 10000 for shipped rows, from 10000 up for rows users add';
COMMENT ON SEQUENCE conflict_stats.claims_claim_id_seq IS 'Identity sequence of claims.claim_id; starts at 10000, ids below are kept for shipped rows';
COMMENT ON COLUMN conflict_stats.claims.source_id IS 'The publication that reports the claim';
COMMENT ON COLUMN conflict_stats.claims.kind IS 'assessment (a judgement of the past or present), event (something done or dated) or expectation (about the future)';
COMMENT ON COLUMN conflict_stats.claims.topic IS 'Subject (e.g. casualties, territory, equipment, recruitment, diplomacy)';
COMMENT ON COLUMN conflict_stats.claims.party IS 'The side or actor the claim is about; NULL when it concerns none in particular';
COMMENT ON COLUMN conflict_stats.claims.statement IS 'The claim in plain words';
COMMENT ON COLUMN conflict_stats.claims.stated_on IS 'Date the claim was made; NULL when the source does not date it';
COMMENT ON COLUMN conflict_stats.claims.period_start IS 'First day of the period or day the claim concerns; NULL when none is given';
COMMENT ON COLUMN conflict_stats.claims.period_end IS 'First day after the period the claim concerns (half-open: a single day d is d to d + 1); NULL when none is given';
COMMENT ON COLUMN conflict_stats.claims.speaker_role IS 'Who made the claim, as the source describes them; NULL for the author''s own statement';
COMMENT ON COLUMN conflict_stats.claims.quote IS 'The short verbatim phrase the claim comes from (typographic quotes written in ASCII)';
COMMENT ON COLUMN conflict_stats.claims.note IS 'Interpretation and context that the source does not state';
COMMENT ON COLUMN conflict_stats.claims.builtin IS 'True for rows shipped with the extension (recreated by CREATE EXTENSION, left out of pg_dump); false for rows users add';

-- figures with standard column types only, for tools that do not know estimate
CREATE VIEW conflict_stats.figures_flat AS
SELECT f.figure_id,
	   f.source_id,
	   s.publisher,
	   s.title,
	   s.author,
	   s.published,
	   f.party,
	   f.quantity,
	   f.category,
	   f.unit,
	   f.value::text AS value_text,
	   conflict_stats.to_numeric(conflict_stats.best(f.value)) AS best,
	   conflict_stats.to_numeric(conflict_stats.low(f.value)) AS low,
	   conflict_stats.to_numeric(conflict_stats.high(f.value)) AS high,
	   conflict_stats.low_inclusive(f.value) AS low_inclusive,
	   conflict_stats.high_inclusive(f.value) AS high_inclusive,
	   conflict_stats.qualifier(f.value) AS qualifier,
	   conflict_stats.describe(f.value) AS described,
	   f.as_of,
	   f.period_start,
	   f.period_end,
	   f.speaker_role,
	   f.quote,
	   f.note,
	   f.builtin
  FROM conflict_stats.figures f
  JOIN conflict_stats.sources s USING (source_id);

COMMENT ON VIEW conflict_stats.figures_flat IS 'The figures joined with their sources, in standard column types only (numeric, text, date) for BI tools that do not know the estimate type';
COMMENT ON COLUMN conflict_stats.figures_flat.figure_id IS 'Identifier of the figure (figures.figure_id)';
COMMENT ON COLUMN conflict_stats.figures_flat.source_id IS 'Identifier of the source (sources.source_id)';
COMMENT ON COLUMN conflict_stats.figures_flat.publisher IS 'Who published the source';
COMMENT ON COLUMN conflict_stats.figures_flat.title IS 'Title of the source; NULL when not known';
COMMENT ON COLUMN conflict_stats.figures_flat.author IS 'Author of the source';
COMMENT ON COLUMN conflict_stats.figures_flat.published IS 'Date the source was published';
COMMENT ON COLUMN conflict_stats.figures_flat.party IS 'The side or actor the figure is about';
COMMENT ON COLUMN conflict_stats.figures_flat.quantity IS 'What is counted';
COMMENT ON COLUMN conflict_stats.figures_flat.category IS 'The definition the count uses';
COMMENT ON COLUMN conflict_stats.figures_flat.unit IS 'Unit of the value';
COMMENT ON COLUMN conflict_stats.figures_flat.value_text IS 'The value in the estimate type''s canonical text form (e.g. >600000)';
COMMENT ON COLUMN conflict_stats.figures_flat.best IS 'Best value, as the exact decimal of the stored double';
COMMENT ON COLUMN conflict_stats.figures_flat.low IS 'Lower bound, as the exact decimal of the stored double; NULL when unbounded';
COMMENT ON COLUMN conflict_stats.figures_flat.high IS 'Upper bound, as the exact decimal of the stored double; NULL when unbounded';
COMMENT ON COLUMN conflict_stats.figures_flat.low_inclusive IS 'Whether the lower bound is inclusive (at least) or exclusive (more than); NULL when unbounded';
COMMENT ON COLUMN conflict_stats.figures_flat.high_inclusive IS 'Whether the upper bound is inclusive (at most) or exclusive (fewer than); NULL when unbounded';
COMMENT ON COLUMN conflict_stats.figures_flat.qualifier IS 'exact, about, more than, at least, fewer than, at most or range';
COMMENT ON COLUMN conflict_stats.figures_flat.described IS 'The value in words for people (e.g. more than 600,000)';
COMMENT ON COLUMN conflict_stats.figures_flat.as_of IS 'Date at which the figure is stated to hold';
COMMENT ON COLUMN conflict_stats.figures_flat.period_start IS 'First day of the period the figure covers';
COMMENT ON COLUMN conflict_stats.figures_flat.period_end IS 'First day after the period the figure covers';
COMMENT ON COLUMN conflict_stats.figures_flat.speaker_role IS 'Who is quoted, as the source describes them';
COMMENT ON COLUMN conflict_stats.figures_flat.quote IS 'The short verbatim phrase the figure comes from';
COMMENT ON COLUMN conflict_stats.figures_flat.note IS 'Interpretation and context that the source does not state';
COMMENT ON COLUMN conflict_stats.figures_flat.builtin IS 'True for rows shipped with the extension';

-- pg_dump keeps the rows users add and the sequences' positions; the shipped
-- rows come back with CREATE EXTENSION
SELECT pg_catalog.pg_extension_config_dump('conflict_stats.sources', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('conflict_stats.sources_source_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('conflict_stats.figures', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('conflict_stats.figures_figure_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('conflict_stats.claims', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('conflict_stats.claims_claim_id_seq', '');

-- Everyone reads (the sequences too, so any role can pg_dump them).  The
-- role that ran CREATE EXTENSION, the extension's owner, writes and may pass
-- that on: in a trusted extension this script runs as the bootstrap
-- superuser, who then owns the tables, so the owner gets explicit grants.
GRANT SELECT ON conflict_stats.sources, conflict_stats.figures,
	conflict_stats.claims, conflict_stats.figures_flat TO PUBLIC;
GRANT INSERT, UPDATE, DELETE ON conflict_stats.sources, conflict_stats.figures,
	conflict_stats.claims TO @extowner@ WITH GRANT OPTION;
GRANT SELECT ON SEQUENCE conflict_stats.sources_source_id_seq,
	conflict_stats.figures_figure_id_seq, conflict_stats.claims_claim_id_seq
	TO PUBLIC;
-- UPDATE for the setval that restoring a dump runs
GRANT USAGE, UPDATE ON SEQUENCE conflict_stats.sources_source_id_seq,
	conflict_stats.figures_figure_id_seq, conflict_stats.claims_claim_id_seq
	TO @extowner@ WITH GRANT OPTION;

-- Source 1: the report by Noah Robertson in Defense News of 9 October 2024 on
-- a Pentagon call with reporters that day; its headline and address are not
-- recorded
INSERT INTO conflict_stats.sources
	(source_id, publisher, title, author, published, kind, url, note, builtin)
OVERRIDING SYSTEM VALUE VALUES
	(1, 'Defense News', NULL, 'Noah Robertson', '2024-10-09', 'news article', NULL,
	 'Report of a Pentagon call with reporters on Wednesday 9 October 2024, quoting a senior U.S. defense official and a senior U.S. military official. The author is the Pentagon reporter at Defense News. Headline and address are not recorded here.',
	 true);

-- Figures of source 1.  The war in its full-scale form began on 24 February
-- 2022; the article implies the date ("two and a half years on") but does
-- not state it.  Cumulative figures cover 24 Feb 2022 up to the briefing
-- of 9 Oct 2024: 958 days.  Figures the article states in round words
-- ("two-thirds", "two and a half") are approximate.
INSERT INTO conflict_stats.figures
	(figure_id, source_id, party, quantity, category, unit, value, as_of,
	 period_start, period_end, speaker_role, quote, note, builtin)
OVERRIDING SYSTEM VALUE VALUES
	-- first paragraph, attributed to "Pentagon officials"
	(1, 1, 'Russia', 'casualties', 'killed and wounded', 'people', '>600000', '2024-10-09',
	 '2022-02-24', '2024-10-09', 'Pentagon officials',
	 'more than 600,000 casualties during the war in Ukraine',
	 'Cumulative since the invasion of 24 February 2022, a date the article implies but does not give. The category follows the official''s "again both killed and wounded in action". The article calls the figure "a sign of losses accelerating out of proportion with its gains".',
	 true),
	-- second-to-last paragraph on losses, "the defense official said"
	(2, 1, 'Russia', 'Black Sea Fleet vessels', 'damaged or destroyed', 'vessels', '32', '2024-10-09',
	 '2022-02-24', '2024-10-09', 'senior U.S. defense official',
	 '32 vessels in its Black Sea naval fleet damaged or destroyed',
	 'Cumulative since the invasion of 24 February 2022, a date the article implies but does not give.',
	 true),
	-- same sentence, "two-thirds": a round fraction
	(3, 1, 'Russia', 'tanks', 'damaged or destroyed', 'share of pre-war stock', '~0.6666666666666666', '2024-10-09',
	 '2022-02-24', '2024-10-09', 'senior U.S. defense official',
	 'two-thirds of its pre-war stock of tanks',
	 'Two-thirds, a round fraction read as approximate (about 2/3, stored as the nearest double); the article gives it with no qualifier. The tanks are listed "along with" the vessels "damaged or destroyed" and both are called "these losses"; the category is read from that sentence.',
	 true),
	-- fifth paragraph, the reporter's own words, "two and a half": a round
	-- count of 958 days
	(4, 1, 'Russia', 'duration of the war', 'full-scale war against Ukraine', 'years', '~2.5', '2024-10-09',
	 '2022-02-24', '2024-10-09', NULL,
	 'two and a half years on',
	 'The reporter''s words, a round count read as approximate: from 24 February 2022 to 9 October 2024 is 958 days, about 2.62 years.',
	 true);

-- Claims of source 1, in the order the article makes them
INSERT INTO conflict_stats.claims
	(claim_id, source_id, kind, topic, party, statement, stated_on, period_start, period_end,
	 speaker_role, quote, note, builtin)
OVERRIDING SYSTEM VALUE VALUES
	-- first paragraph
	(1, 1, 'assessment', 'casualties', 'Russia',
	 'Russian losses are accelerating out of proportion with Russia''s gains.',
	 '2024-10-09', NULL, NULL, 'Pentagon officials',
	 'a sign of losses accelerating out of proportion with its gains',
	 'The sign is the figure of more than 600,000 casualties.',
	 true),
	-- second paragraph
	(2, 1, 'assessment', 'territory', 'Russia',
	 'Since the summer Russia has continued to take territory in Ukraine''s eastern region of Donetsk.',
	 '2024-10-09', NULL, NULL, NULL,
	 'Since the summer, Moscow has continued to take territory in Ukraine''s eastern region of Donetsk',
	 'The summer of 2024; the article gives no start date.',
	 true),
	(3, 1, 'assessment', 'territory', 'Russia',
	 'Russia is advancing steadily toward Pokrovsk, a city at the centre of several roads that carry people and equipment.',
	 '2024-10-09', NULL, NULL, NULL,
	 'a steady advance toward Pokrovsk, a city at the center of multiple roads that help move people and equipment',
	 'Pokrovsk is in the Donetsk region.',
	 true),
	-- third paragraph
	(4, 1, 'assessment', 'casualties', 'Russia',
	 'Russia''s costs have mounted as it moves closer to Pokrovsk and hits thicker defensive lines.',
	 '2024-10-09', NULL, NULL, NULL,
	 'As Russia moves closer to the city, and hits thicker defensive lines, its costs have mounted.',
	 NULL,
	 true),
	(5, 1, 'assessment', 'casualties', 'Russia',
	 'September 2024 was Russia''s deadliest month of the war.',
	 '2024-10-09', '2024-09-01', '2024-10-01', 'senior U.S. defense official',
	 'This September was its deadliest month during the entire war',
	 'The article gives no number and does not say whether by total losses or by losses per day.',
	 true),
	(6, 1, 'event', 'briefing', 'United States',
	 'A senior U.S. defense official, joined by a senior U.S. military official, briefed reporters on a call on Wednesday 9 October 2024.',
	 '2024-10-09', '2024-10-09', '2024-10-10', NULL,
	 'a senior U.S. defense official told reporters on a call Wednesday',
	 'The article, published on 9 October 2024, says "Wednesday", which was that day.',
	 true),
	-- fourth paragraph
	(7, 1, 'assessment', 'casualties', 'Russia',
	 'Russian losses (killed and wounded) in the first year of the war exceeded all Soviet losses in every conflict since the Second World War combined.',
	 '2024-10-09', '2022-02-24', '2023-02-24', 'senior U.S. defense official',
	 'in just the first year of the war exceeded the total of all Soviet losses in any conflict since World War 2 combined',
	 'The quotation begins "Russian losses, again both killed and wounded in action". The first year is counted from 24 February 2022, which the article does not state.',
	 true),
	-- fifth paragraph
	(8, 1, 'assessment', 'endurance', 'Russia',
	 'Despite Western predictions to the contrary, Russia has sustained an all-out fight two and a half years into the war.',
	 '2024-10-09', NULL, NULL, NULL,
	 'Russia has still been able to sustain an all-out fight two and a half years on',
	 NULL,
	 true),
	(9, 1, 'assessment', 'equipment', 'Russia',
	 'Russia has lost or had damaged scores of pieces of military equipment.',
	 '2024-10-09', NULL, NULL, NULL,
	 'scores of military equipment lost or damaged',
	 '"Scores" gives no number, so there is no figure for it.',
	 true),
	(10, 1, 'assessment', 'budget', 'Russia',
	 'Chunks of the Russian government budget have been redirected toward defense.',
	 '2024-10-09', NULL, NULL, NULL,
	 'chunks of the government budget redirected toward defense',
	 NULL,
	 true),
	(11, 1, 'assessment', 'recruitment', 'Russia',
	 'Russia has relied on a smaller mobilization of troops.',
	 '2024-10-09', NULL, NULL, NULL,
	 'a smaller mobilization of troops',
	 NULL,
	 true),
	-- sixth paragraph
	(12, 1, 'assessment', 'recruitment', 'Russia',
	 'The smaller mobilization is strategically important, because forcing a larger draft would be politically unpopular for the Kremlin.',
	 '2024-10-09', NULL, NULL, 'senior U.S. defense official',
	 'how politically unpopular it would be for the Kremlin to force a larger draft',
	 NULL,
	 true),
	(13, 1, 'assessment', 'recruitment', 'Russia',
	 'So far Russia has recruited more soldiers mostly through higher pensions and pay.',
	 '2024-10-09', NULL, NULL, NULL,
	 'recruit more soldiers mostly through higher pensions and pay',
	 'Follows a sentence attributed to the defense official; the article does not attribute this one.',
	 true),
	(14, 1, 'expectation', 'recruitment', 'Russia',
	 'The growing losses along the front may challenge recruitment through pensions and pay.',
	 '2024-10-09', NULL, NULL, NULL,
	 'The growing losses along the front may challenge that approach.',
	 NULL,
	 true),
	-- seventh paragraph
	(15, 1, 'assessment', 'casualties', 'Ukraine',
	 'Ukraine is also taking huge losses; the rising Russian toll does not point to a Ukrainian victory.',
	 '2024-10-09', NULL, NULL, NULL,
	 'the rising body count doesn''t augur a victory for Ukraine, which is also taking huge losses',
	 NULL,
	 true),
	(16, 1, 'expectation', 'territory', 'Russia',
	 'The Pentagon expects Russia to keep making incremental gains along the front, using its advantage in numbers to cut through otherwise firm defenses.',
	 '2024-10-09', NULL, NULL, 'senior U.S. military official',
	 'the Pentagon expects Russia will continue making "incremental gains" along the front',
	 NULL,
	 true),
	-- eighth paragraph
	(17, 1, 'expectation', 'casualties', 'Russia',
	 'Russian losses will stay high, as Russia keeps throwing mass at the problem.',
	 '2024-10-09', NULL, NULL, 'senior U.S. military official',
	 'I think we''ll continue to see high losses',
	 'The whole quotation: "It''s kind of the Russian way of war where they continue to throw mass into the into the problem, and I think we''ll continue to see high losses" (the repeated "into the" is the article''s).',
	 true),
	-- ninth and tenth paragraphs
	(18, 1, 'expectation', 'foreign support', 'North Korea',
	 'North Korea will likely send troops to fight alongside Russia.',
	 NULL, NULL, NULL, 'South Korea''s defense minister',
	 'North Korea will likely send troops to fight alongside Russia',
	 'Warned "this week", the week of the article (published Wednesday 9 October 2024); the article gives no day.',
	 true),
	(19, 1, 'assessment', 'foreign support', 'North Korea',
	 'North Korea has donated a bevy of military equipment to Russia.',
	 '2024-10-09', NULL, NULL, NULL,
	 'a bevy of military equipment Pyongyang has also donated',
	 NULL,
	 true),
	(20, 1, 'event', 'foreign support', 'North Korea',
	 'The U.S. defense official would not comment on whether North Korea will send troops.',
	 '2024-10-09', NULL, NULL, 'senior U.S. defense official',
	 'wouldn''t comment on multiple questions about whether that will occur',
	 NULL,
	 true),
	-- eleventh paragraph
	(21, 1, 'assessment', 'equipment', 'Russia',
	 'The losses have forced the Kremlin to retrofit and deploy Soviet-era military equipment from its warehouses.',
	 '2024-10-09', NULL, NULL, NULL,
	 'dredge through warehouses of Soviet-era military equipment to retrofit and then deploy',
	 'Follows the defense official''s figures on vessels and tanks; the article does not attribute this sentence.',
	 true),
	-- twelfth paragraph
	(22, 1, 'event', 'diplomacy', 'United States',
	 'President Joe Biden had planned to host a forum of world leaders supporting Ukraine in Ramstein, Germany, that week.',
	 '2024-10-09', NULL, NULL, NULL,
	 'Biden had planned to host a forum of world leaders supporting Ukraine in Ramstein, Germany',
	 '"This week", the week of the article (published Wednesday 9 October 2024); the article gives no day. Ramstein is where the Pentagon often gathers a similar group of defense officials.',
	 true),
	(23, 1, 'event', 'diplomacy', 'United States',
	 'The Ramstein meeting was cancelled because of preparations for Hurricane Milton.',
	 '2024-10-09', NULL, NULL, NULL,
	 'The plans were canceled due to preparations for Hurricane Milton',
	 NULL,
	 true),
	(24, 1, 'expectation', 'weather', 'United States',
	 'Hurricane Milton was expected to make landfall in Tampa on Wednesday 9 October 2024.',
	 '2024-10-09', '2024-10-09', '2024-10-10', NULL,
	 'Hurricane Milton, set to make landfall in Tampa Wednesday',
	 '"Wednesday" is the day of the briefing, 9 October 2024.',
	 true),
	(25, 1, 'event', 'diplomacy', 'United States',
	 'The White House had not announced a makeup date for the cancelled meeting.',
	 '2024-10-09', NULL, NULL, NULL,
	 'The White House has not yet announced a makeup date.',
	 NULL,
	 true);

-- ---------------------------------------------------------------------------
-- timestamp (without time zone): calendar values from the wall-clock time,
-- the same in every session time zone, as for date
-- ---------------------------------------------------------------------------

CREATE FUNCTION conflict_stats.trend_accum(conflict_stats.trend, float8, timestamp) RETURNS conflict_stats.trend
	AS 'MODULE_PATHNAME', 'trend_accum_local' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_accum(conflict_stats.trend, float8, timestamp) IS 'transition function of trend_agg(float8, timestamp): adds a row to a calendar summary at its wall-clock time';

CREATE FUNCTION conflict_stats.trend_accum(conflict_stats.trend, conflict_stats.estimate, timestamp) RETURNS conflict_stats.trend
	AS 'MODULE_PATHNAME', 'trend_accum_est_local' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_accum(conflict_stats.trend, conflict_stats.estimate, timestamp) IS 'transition function of trend_agg(estimate, timestamp): adds a row''s best value to a calendar summary at its wall-clock time';

CREATE FUNCTION conflict_stats.trend_maccum(internal, float8, timestamp) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_maccum_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_maccum(internal, float8, timestamp) IS 'moving-aggregate transition of trend_agg(float8, timestamp): adds a row to a window frame';

CREATE FUNCTION conflict_stats.trend_maccum(internal, conflict_stats.estimate, timestamp) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_maccum_est_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_maccum(internal, conflict_stats.estimate, timestamp) IS 'moving-aggregate transition of trend_agg(estimate, timestamp): adds a row to a window frame';

CREATE FUNCTION conflict_stats.trend_minv(internal, float8, timestamp) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_minv_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_minv(internal, float8, timestamp) IS 'inverse transition of trend_agg(float8, timestamp): removes the row leaving a window frame';

CREATE FUNCTION conflict_stats.trend_minv(internal, conflict_stats.estimate, timestamp) RETURNS internal
	AS 'MODULE_PATHNAME', 'trend_minv_est_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.trend_minv(internal, conflict_stats.estimate, timestamp) IS 'inverse transition of trend_agg(estimate, timestamp): removes the row leaving a window frame';

CREATE AGGREGATE conflict_stats.trend_agg(value float8, at timestamp) (
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
COMMENT ON AGGREGATE conflict_stats.trend_agg(float8, timestamp) IS 'least-squares trend of value against timestamp (without time zone): a calendar summary of the wall-clock times, the same in every time zone; NULL rows skipped, NULL for no rows';

CREATE AGGREGATE conflict_stats.trend_agg(value conflict_stats.estimate, at timestamp) (
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
COMMENT ON AGGREGATE conflict_stats.trend_agg(conflict_stats.estimate, timestamp) IS 'least-squares trend of the best values of estimates against timestamp (without time zone): a calendar summary; NULL rows skipped, NULL for no rows';

CREATE FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, float8, timestamp) RETURNS conflict_stats.cumulative
	AS 'MODULE_PATHNAME', 'cumulative_trans_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, float8, timestamp) IS 'transition function of cumulative_agg(float8, timestamp): adds one report at its wall-clock time, skips a NULL row';

CREATE FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, conflict_stats.estimate, timestamp) RETURNS conflict_stats.cumulative
	AS 'MODULE_PATHNAME', 'cumulative_trans_est_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.cumulative_trans(conflict_stats.cumulative, conflict_stats.estimate, timestamp) IS 'transition function of cumulative_agg(estimate, timestamp): adds one report''s best value at its wall-clock time, skips a NULL row';

CREATE AGGREGATE conflict_stats.cumulative_agg(total float8, at timestamp) (
	SFUNC = conflict_stats.cumulative_trans,
	STYPE = conflict_stats.cumulative,
	COMBINEFUNC = conflict_stats.cumulative_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.cumulative_agg(float8, timestamp) IS 'summarizes cumulative reports (total as of a timestamp without time zone) into a calendar cumulative, the same in every time zone; input order does not matter';

CREATE AGGREGATE conflict_stats.cumulative_agg(total conflict_stats.estimate, at timestamp) (
	SFUNC = conflict_stats.cumulative_trans,
	STYPE = conflict_stats.cumulative,
	COMBINEFUNC = conflict_stats.cumulative_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.cumulative_agg(conflict_stats.estimate, timestamp) IS 'summarizes cumulative reports stated as estimates (their best values, as of a timestamp without time zone) into a calendar cumulative; input order does not matter';

CREATE FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, float8, timestamp) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_trans_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, float8, timestamp) IS 'transition function of report_series(float8, timestamp)';

CREATE FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, conflict_stats.estimate, timestamp) RETURNS conflict_stats.series
	AS 'MODULE_PATHNAME', 'series_agg_trans_est_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.series_agg_trans(conflict_stats.series, conflict_stats.estimate, timestamp) IS 'transition function of report_series(estimate, timestamp)';

CREATE AGGREGATE conflict_stats.report_series(total float8, at timestamp) (
	SFUNC = conflict_stats.series_agg_trans,
	STYPE = conflict_stats.series,
	FINALFUNC = conflict_stats.series_agg_final,
	COMBINEFUNC = conflict_stats.series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.report_series(float8, timestamp) IS 'every cumulative report in time order as a calendar series of the wall-clock times (the same in every time zone); of two reports at the same time the larger total is kept; NULL rows are skipped';

CREATE AGGREGATE conflict_stats.report_series(total conflict_stats.estimate, at timestamp) (
	SFUNC = conflict_stats.series_agg_trans,
	STYPE = conflict_stats.series,
	FINALFUNC = conflict_stats.series_agg_final,
	COMBINEFUNC = conflict_stats.series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.report_series(conflict_stats.estimate, timestamp) IS 'every cumulative report stated as an estimate, kept with its qualifier and bounds, as a calendar series of the wall-clock times; of two reports at the same time the larger by the estimate order is kept; NULL rows are skipped';

CREATE FUNCTION conflict_stats.total_at(s conflict_stats.series, at timestamp) RETURNS float8
	AS 'MODULE_PATHNAME', 'series_total_at_local' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.total_at(conflict_stats.series, timestamp) IS 'the cumulative total at a wall-clock time (for a series of instants, that local time in the session time zone), linearly interpolated; NULL outside the reported span';

CREATE FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, timestamp) RETURNS conflict_stats.sparkline_state
	AS 'MODULE_PATHNAME', 'sparkline_trans_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, timestamp) IS 'transition function of sparkline(float8, timestamp): adds a row at its wall-clock time (a NULL value is kept, a NULL time skipped)';

CREATE FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, timestamp, integer) RETURNS conflict_stats.sparkline_state
	AS 'MODULE_PATHNAME', 'sparkline_trans_width_local' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.sparkline_trans(conflict_stats.sparkline_state, float8, timestamp, integer) IS 'transition function of sparkline(float8, timestamp, integer): adds a row to be drawn in bins (a NULL value is kept, a NULL time or width skipped)';

CREATE AGGREGATE conflict_stats.sparkline(value float8, at timestamp) (
	SFUNC = conflict_stats.sparkline_trans,
	STYPE = conflict_stats.sparkline_state,
	FINALFUNC = conflict_stats.sparkline_final,
	COMBINEFUNC = conflict_stats.sparkline_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.sparkline(float8, timestamp) IS 'one block character of eight heights per row in order of the wall-clock times (the same in every time zone), scaled between the smallest and largest value; a NULL value is a space, a NULL time skipped; NULL for no rows; needs a UTF8 database';

CREATE AGGREGATE conflict_stats.sparkline(value float8, at timestamp, width integer) (
	SFUNC = conflict_stats.sparkline_trans,
	STYPE = conflict_stats.sparkline_state,
	FINALFUNC = conflict_stats.sparkline_final,
	COMBINEFUNC = conflict_stats.sparkline_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.sparkline(float8, timestamp, integer) IS 'sparkline of the mean value in each of at most width equal-time bins between the first and last wall-clock time; an empty bin is a space; width 1 .. 1000000; needs a UTF8 database';
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
