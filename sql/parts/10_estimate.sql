-- ---------------------------------------------------------------------------
-- The estimate type: a figure as sources state it (SPEC section 1)
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
	STORAGE = plain
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
COMMENT ON FUNCTION conflict_stats.qualifier(conflict_stats.estimate) IS 'exact, about, more than, at least, fewer than, at most or range: the form of the canonical output';

CREATE FUNCTION conflict_stats.describe(conflict_stats.estimate) RETURNS text
	AS 'MODULE_PATHNAME', 'estimate_describe' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION conflict_stats.describe(conflict_stats.estimate) IS 'the figure in words with thousands separators, for people ("more than 600,000")';

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

CREATE AGGREGATE conflict_stats.consensus(conflict_stats.estimate) (
	SFUNC = conflict_stats.estimate_consensus_accum,
	STYPE = float8[],
	FINALFUNC = conflict_stats.estimate_range_final,
	COMBINEFUNC = conflict_stats.estimate_consensus_combine,
	INITCOND = '{0,0,0,0,0}',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.consensus(conflict_stats.estimate) IS 'the range every input allows, with the mean best value clamped into it; NULL when the inputs contradict each other';

CREATE AGGREGATE conflict_stats.envelope(conflict_stats.estimate) (
	SFUNC = conflict_stats.estimate_envelope_accum,
	STYPE = float8[],
	FINALFUNC = conflict_stats.estimate_range_final,
	COMBINEFUNC = conflict_stats.estimate_envelope_combine,
	INITCOND = '{0,0,0,0,0}',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE conflict_stats.envelope(conflict_stats.estimate) IS 'the smallest range that holds every input, with the mean best value';

COMMENT ON OPERATOR FAMILY conflict_stats.estimate_ops USING btree IS 'order of estimates';
COMMENT ON OPERATOR FAMILY conflict_stats.estimate_hash_ops USING hash IS 'hashing of estimates';

