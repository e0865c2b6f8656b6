--
-- Privileges and search_path: an ordinary role uses every
-- function, operator, cast and aggregate and reads the reference data but
-- cannot change the shipped rows; nothing is SECURITY DEFINER; and no
-- function of the extension resolves a name at run time, so a hostile
-- search_path with look-alike functions and operators changes nothing.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS conflict_stats;
DROP ROLE IF EXISTS regress_cs_user;
DROP SCHEMA IF EXISTS evil CASCADE;
RESET client_min_messages;
CREATE ROLE regress_cs_user NOSUPERUSER NOCREATEDB NOCREATEROLE;

-- no function is SECURITY DEFINER, none carries SET options
SELECT p.oid::regprocedure AS definer_or_set
FROM pg_proc p
WHERE p.pronamespace = 'conflict_stats'::regnamespace
  AND (p.prosecdef OR p.proconfig IS NOT NULL)
ORDER BY 1::text;

-- the languages of the extension's functions: C and aggregates only, so no
-- function body looks a name up at run time (an SQL- or PL/pgSQL-language
-- function would have to schema-qualify every reference)
SELECT l.lanname, p.prokind, count(*)
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE p.pronamespace = 'conflict_stats'::regnamespace
GROUP BY 1, 2 ORDER BY 1, 2;

-- the ordinary role may use every type and execute every function
SELECT count(*) FILTER (WHERE NOT has_function_privilege('regress_cs_user', p.oid, 'EXECUTE')) AS no_execute,
	   count(*) AS functions
FROM pg_proc p WHERE p.pronamespace = 'conflict_stats'::regnamespace;
SELECT count(*) FILTER (WHERE NOT has_type_privilege('regress_cs_user', t.oid, 'USAGE')) AS no_usage,
	   count(*) AS types
FROM pg_type t WHERE t.typnamespace = 'conflict_stats'::regnamespace;
-- and read every table, view and sequence, but change none of them
SELECT c.relname, c.relkind,
	   has_table_privilege('regress_cs_user', c.oid, 'SELECT') AS sel,
	   has_table_privilege('regress_cs_user', c.oid, 'INSERT') AS ins,
	   has_table_privilege('regress_cs_user', c.oid, 'UPDATE') AS upd,
	   has_table_privilege('regress_cs_user', c.oid, 'DELETE') AS del,
	   has_table_privilege('regress_cs_user', c.oid, 'TRUNCATE') AS trunc
FROM pg_class c
WHERE c.relnamespace = 'conflict_stats'::regnamespace AND c.relkind IN ('r', 'v', 'S', 'm')
ORDER BY 1;

-- ---------------------------------------------------------------------------
-- The hostile schema: look-alikes of the extension's functions, operators
-- and aggregates, each of which counts its calls (a sequence is not rolled
-- back) and raises.
-- ---------------------------------------------------------------------------
CREATE SCHEMA evil;
GRANT USAGE ON SCHEMA evil TO PUBLIC;
CREATE SEQUENCE evil.calls;
GRANT USAGE, SELECT ON SEQUENCE evil.calls TO PUBLIC;
CREATE FUNCTION evil.trap(what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_catalog.nextval('evil.calls');
	RAISE EXCEPTION 'evil % called', what USING ERRCODE = 'XX666';
END
$$;
DO $$
DECLARE
	f record;
BEGIN
	-- a look-alike of every function of the extension that takes no internal
	-- or cstring argument, same name, same argument types, in schema evil
	FOR f IN
		SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args,
			   pg_get_function_result(p.oid) AS res, p.proretset, p.prokind,
			   p.proallargtypes IS NOT NULL AS has_out
		FROM pg_proc p
		WHERE p.pronamespace = 'conflict_stats'::regnamespace
		  AND p.prokind = 'f'
		  AND NOT EXISTS (SELECT 1 FROM unnest(p.proargtypes) a
						  WHERE a IN ('internal'::regtype, 'cstring'::regtype))
		  AND p.prorettype NOT IN ('internal'::regtype, 'cstring'::regtype)
	LOOP
		EXECUTE format('CREATE FUNCTION evil.%I(%s) RETURNS %s LANGUAGE plpgsql AS %L',
					   f.proname, f.args, f.res,
					   format('BEGIN PERFORM evil.trap(%L); RETURN%s; END',
							  f.proname || '(' || f.args || ')',
							  CASE WHEN f.proretset OR f.has_out THEN '' ELSE ' NULL' END));
	END LOOP;
END
$$;
-- look-alike aggregates and operators
CREATE FUNCTION evil.agg_trans(conflict_stats.estimate, conflict_stats.estimate)
	RETURNS conflict_stats.estimate LANGUAGE plpgsql AS $$
BEGIN PERFORM evil.trap('aggregate'); RETURN NULL; END $$;
CREATE AGGREGATE evil.sum(conflict_stats.estimate) (SFUNC = evil.agg_trans, STYPE = conflict_stats.estimate);
CREATE AGGREGATE evil.consensus(conflict_stats.estimate) (SFUNC = evil.agg_trans, STYPE = conflict_stats.estimate);
CREATE AGGREGATE evil.min(conflict_stats.estimate) (SFUNC = evil.agg_trans, STYPE = conflict_stats.estimate);
CREATE FUNCTION evil.op_ee(conflict_stats.estimate, conflict_stats.estimate) RETURNS boolean
	LANGUAGE plpgsql AS $$ BEGIN PERFORM evil.trap('operator'); RETURN NULL; END $$;
CREATE FUNCTION evil.op_eeval(conflict_stats.estimate, conflict_stats.estimate) RETURNS conflict_stats.estimate
	LANGUAGE plpgsql AS $$ BEGIN PERFORM evil.trap('operator'); RETURN NULL; END $$;
CREATE FUNCTION evil.op_ef(conflict_stats.estimate, float8) RETURNS conflict_stats.estimate
	LANGUAGE plpgsql AS $$ BEGIN PERFORM evil.trap('operator'); RETURN NULL; END $$;
CREATE FUNCTION evil.op_ff(float8, float8) RETURNS float8
	LANGUAGE plpgsql AS $$ BEGIN PERFORM evil.trap('operator'); RETURN NULL; END $$;
CREATE OPERATOR evil.= (LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate, FUNCTION = evil.op_ee);
CREATE OPERATOR evil.< (LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate, FUNCTION = evil.op_ee);
CREATE OPERATOR evil.&& (LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate, FUNCTION = evil.op_ee);
CREATE OPERATOR evil.+ (LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate, FUNCTION = evil.op_eeval);
CREATE OPERATOR evil.- (LEFTARG = conflict_stats.estimate, RIGHTARG = conflict_stats.estimate, FUNCTION = evil.op_eeval);
CREATE OPERATOR evil.* (LEFTARG = conflict_stats.estimate, RIGHTARG = float8, FUNCTION = evil.op_ef);
CREATE OPERATOR evil./ (LEFTARG = conflict_stats.estimate, RIGHTARG = float8, FUNCTION = evil.op_ef);
CREATE OPERATOR evil.+ (LEFTARG = float8, RIGHTARG = float8, FUNCTION = evil.op_ff);
CREATE OPERATOR evil.* (LEFTARG = float8, RIGHTARG = float8, FUNCTION = evil.op_ff);
CREATE OPERATOR evil.- (LEFTARG = float8, RIGHTARG = float8, FUNCTION = evil.op_ff);
SELECT count(*) > 100 AS many_look_alikes FROM pg_proc WHERE pronamespace = 'evil'::regnamespace;

-- ---------------------------------------------------------------------------
-- As the ordinary role: call every function, operator, cast and aggregate of
-- the extension, fully qualified, once with a normal search_path and once
-- with the hostile one first, and compare.
-- ---------------------------------------------------------------------------
SET ROLE regress_cs_user;
SET search_path = public, conflict_stats;

CREATE TEMP TABLE sec_rows (d date, v float8, c float8, g float8);
INSERT INTO sec_rows VALUES
	('2024-01-01', 10, 100, 2), ('2024-01-02', 12, 112, 3), ('2024-01-04', 15, 127, 5),
	('2024-01-05', 14, 141, 4), ('2024-01-09', 20, 161, 9);
CREATE TEMP TABLE sec_results (kind text, name text, path text, result text);

-- a sample value of each argument type, as SQL text: summaries of instants
-- where the call also takes a timestamptz (a transition of instant rows),
-- else of dates; a time_zone argument names a zone
CREATE FUNCTION pg_temp.sample_for(t regtype, instant boolean, argname text)
RETURNS text LANGUAGE sql STABLE AS $$
	SELECT CASE
		WHEN argname = 'time_zone' THEN $q$'UTC'::text$q$
		WHEN argname = 'phrase' THEN $q$'about 1,200 soldiers a day'::text$q$
		WHEN argname = 'body' THEN $q$'Russia lost about 1,200 soldiers a day in 2024.'::text$q$
		WHEN instant AND t = 'conflict_stats.trend'::regtype THEN '(SELECT conflict_stats.trend_agg(v, d::timestamptz) FROM sec_rows)'
		WHEN instant AND t = 'conflict_stats.cumulative'::regtype THEN '(SELECT conflict_stats.cumulative_agg(c, d::timestamptz) FROM sec_rows)'
		WHEN instant AND t = 'conflict_stats.series'::regtype THEN '(SELECT conflict_stats.report_series(c, d::timestamptz) FROM sec_rows)'
	END
$$;
CREATE FUNCTION pg_temp.sample(t regtype) RETURNS text LANGUAGE sql STABLE AS $$
	SELECT CASE t
		WHEN 'conflict_stats.estimate'::regtype THEN $q$'615000 [500000,700000]'::conflict_stats.estimate$q$
		WHEN 'conflict_stats.trend'::regtype THEN '(SELECT conflict_stats.trend_agg(v, d) FROM sec_rows)'
		WHEN 'conflict_stats.cumulative'::regtype THEN '(SELECT conflict_stats.cumulative_agg(c, d) FROM sec_rows)'
		WHEN 'conflict_stats.series'::regtype THEN '(SELECT conflict_stats.report_series(c, d) FROM sec_rows)'
		WHEN 'conflict_stats.cost_per_gain_state'::regtype THEN '(SELECT conflict_stats.cost_per_gain_trans(conflict_stats.cost_per_gain_trans(NULL, 10, 2), 30, 4))'
		WHEN 'conflict_stats.sparkline_state'::regtype THEN $q$'rows={}'::conflict_stats.sparkline_state$q$
		WHEN 'conflict_stats.elasticity_state'::regtype THEN '(SELECT conflict_stats.elasticity_trans(conflict_stats.elasticity_trans(NULL, 10, 2), 30, 4))'
		WHEN 'float8'::regtype THEN '0.9::float8'
		WHEN 'float8[]'::regtype THEN $q$'{2,1200000,500000,700000,15}'::float8[]$q$
		WHEN 'integer'::regtype THEN '3::integer'
		WHEN 'bigint'::regtype THEN '3::bigint'
		WHEN 'numeric'::regtype THEN '2.5::numeric'
		WHEN 'text'::regtype THEN $q$'revision'::text$q$
		WHEN 'interval'::regtype THEN $q$'1 day'::interval$q$
		WHEN 'date'::regtype THEN $q$'2024-01-03'::date$q$
		WHEN 'timestamptz'::regtype THEN $q$'2024-01-03 12:00+00'::timestamptz$q$
		WHEN 'timestamp'::regtype THEN $q$'2024-01-03 12:00'::timestamp$q$
	END
$$;

-- run one query, returning its text result or its SQLSTATE
CREATE FUNCTION pg_temp.try(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	r text;
BEGIN
	EXECUTE q INTO r;
	RETURN coalesce(r, 'NULL');
EXCEPTION WHEN OTHERS THEN
	RETURN 'ERROR ' || SQLSTATE;
END
$$;

-- every call, with the search_path given
CREATE FUNCTION pg_temp.run_all(path text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	f record;
	q text;
BEGIN
	PERFORM pg_catalog.set_config('search_path', path, true);
	-- functions and aggregates (not those taking or returning internal)
	FOR f IN
		SELECT p.oid, p.proname, p.proretset,
			   (SELECT string_agg(CASE WHEN a = 'cstring'::regtype
									   -- an input function reads the text of a sample
									   THEN '(' || pg_temp.sample(p.prorettype) || ')::text::cstring'
									   ELSE coalesce(pg_temp.sample_for(a, 'timestamptz'::regtype = ANY (p.proargtypes::regtype[]),
																		p.proargnames[o]),
													 pg_temp.sample(a)) END, ', ' ORDER BY o)
				FROM unnest(p.proargtypes::regtype[]) WITH ORDINALITY x(a, o)) AS args
		FROM pg_catalog.pg_proc p
		WHERE p.pronamespace = 'conflict_stats'::regnamespace
		  AND NOT EXISTS (SELECT 1 FROM unnest(p.proargtypes) a WHERE a = 'internal'::regtype)
		  AND p.prorettype <> 'internal'::regtype
	LOOP
		IF f.proretset THEN
			q := format('SELECT string_agg(x::text, %L) FROM conflict_stats.%I(%s) x', ';', f.proname, f.args);
		ELSE
			q := format('SELECT (conflict_stats.%I(%s))::text', f.proname, f.args);
		END IF;
		INSERT INTO sec_results VALUES ('function', f.oid::regprocedure::text, path, pg_temp.try(q));
	END LOOP;
	-- operators
	FOR f IN
		SELECT o.oid, o.oprname, o.oprleft, o.oprright FROM pg_catalog.pg_operator o
		WHERE o.oprnamespace = 'conflict_stats'::regnamespace
	LOOP
		q := format('SELECT (%s OPERATOR(conflict_stats.%s) %s)::text',
					CASE WHEN f.oprleft = 0 THEN '' ELSE pg_temp.sample(f.oprleft) END,
					f.oprname, pg_temp.sample(f.oprright));
		INSERT INTO sec_results VALUES ('operator', f.oid::regoperator::text, path, pg_temp.try(q));
	END LOOP;
	-- casts
	FOR f IN
		SELECT c.castsource, c.casttarget FROM pg_catalog.pg_cast c
		WHERE c.castsource IN (SELECT oid FROM pg_catalog.pg_type WHERE typnamespace = 'conflict_stats'::regnamespace)
		   OR c.casttarget IN (SELECT oid FROM pg_catalog.pg_type WHERE typnamespace = 'conflict_stats'::regnamespace)
	LOOP
		q := format('SELECT (%s::%s)::text', pg_temp.sample(f.castsource), f.casttarget::regtype);
		INSERT INTO sec_results VALUES ('cast', f.castsource::regtype || ' -> ' || f.casttarget::regtype, path, pg_temp.try(q));
	END LOOP;
	-- aggregates over several rows, ordering, grouping and hashing by the opclasses
	INSERT INTO sec_results VALUES
		('query', 'aggregates over rows', path, pg_temp.try($q$
			SELECT concat_ws(' | ', conflict_stats.sum(e), conflict_stats.avg(e), conflict_stats.min(e),
				conflict_stats.max(e), conflict_stats.consensus(e), conflict_stats.envelope(e))
			FROM unnest('{">600000", "500000..700000", "615000 [500000,700000]"}'::conflict_stats.estimate[]) e$q$)),
		('query', 'summaries over rows', path, pg_temp.try($q$
			SELECT concat_ws(' | ', conflict_stats.trend_agg(v, d), conflict_stats.cumulative_agg(c, d),
				conflict_stats.cost_per_gain(v, g), conflict_stats.elasticity(v, g),
				conflict_stats.report_series(c, d),
				conflict_stats.rollup(t), conflict_stats.slope(conflict_stats.trend_agg(v, d)))
			FROM (SELECT *, conflict_stats.trend_agg(v, d) OVER (ORDER BY d ROWS 2 PRECEDING) AS t FROM sec_rows) s$q$)),
		('query', 'order, group, distinct, hash', path, pg_temp.try($q$
			SELECT string_agg(e::text || ':' || n, ', ' ORDER BY e)
			FROM (SELECT e, count(*) AS n FROM unnest('{">600000", "~5", "5", "5", "~5", "1..9"}'::conflict_stats.estimate[]) e
				  GROUP BY e) s$q$)),
		('query', 'figures_flat', path, pg_temp.try($q$
			SELECT count(*) || ' ' || md5(string_agg(f::text, E'\n' ORDER BY f.figure_id)) FROM conflict_stats.figures_flat f$q$)),
		('query', 'sources', path, pg_temp.try($q$
			SELECT count(*) || ' ' || md5(string_agg(t::text, E'\n' ORDER BY t.source_id)) FROM conflict_stats.sources t$q$)),
		('query', 'figures', path, pg_temp.try($q$
			SELECT count(*) || ' ' || md5(string_agg(t::text, E'\n' ORDER BY t.figure_id)) FROM conflict_stats.figures t$q$)),
		('query', 'claims', path, pg_temp.try($q$
			SELECT count(*) || ' ' || md5(string_agg(t::text, E'\n' ORDER BY t.claim_id)) FROM conflict_stats.claims t$q$));
END
$$;

SELECT pg_temp.run_all('public, conflict_stats');
SELECT pg_temp.run_all('evil, public, conflict_stats');
RESET search_path;

-- what was called, and how it ended (an error is the sample's fault, not a
-- privilege: no 42501 among them)
SELECT kind, count(*) AS calls,
	   count(*) FILTER (WHERE result NOT LIKE 'ERROR %') AS returned,
	   count(*) FILTER (WHERE result = 'ERROR 42501') AS denied
FROM sec_results WHERE path = 'public, conflict_stats' GROUP BY kind ORDER BY kind;
SELECT name, result FROM sec_results
WHERE path = 'public, conflict_stats' AND result LIKE 'ERROR %' ORDER BY kind, name;
-- identical results with the hostile search_path
SELECT n.kind, n.name, n.result AS normal, e.result AS hostile
FROM sec_results n JOIN sec_results e USING (kind, name)
WHERE n.path = 'public, conflict_stats' AND e.path = 'evil, public, conflict_stats'
  AND n.result IS DISTINCT FROM e.result
ORDER BY 1, 2;
SELECT count(*) AS compared FROM sec_results WHERE path = 'evil, public, conflict_stats';
-- and no evil look-alike ever ran
SELECT last_value, is_called FROM evil.calls;
-- (the trap does work when called: an unqualified call resolves to it)
SET search_path = evil, public, conflict_stats;
SELECT best('5'::conflict_stats.estimate);
RESET search_path;
SELECT last_value, is_called FROM evil.calls;

-- ---------------------------------------------------------------------------
-- The shipped rows: readable, not changeable (42501) by the ordinary role
-- ---------------------------------------------------------------------------
SELECT (SELECT count(*) FROM conflict_stats.sources) > 0 AS sources,
	   (SELECT count(*) FROM conflict_stats.figures) > 0 AS figures,
	   (SELECT count(*) FROM conflict_stats.claims) > 0 AS claims,
	   (SELECT count(*) FROM conflict_stats.figures_flat) = (SELECT count(*) FROM conflict_stats.figures) AS figures_flat;
INSERT INTO conflict_stats.sources (publisher, kind) VALUES ('x', 'other');
\echo :LAST_ERROR_SQLSTATE
UPDATE conflict_stats.sources SET note = 'x' WHERE builtin;
\echo :LAST_ERROR_SQLSTATE
DELETE FROM conflict_stats.sources WHERE builtin;
\echo :LAST_ERROR_SQLSTATE
TRUNCATE conflict_stats.sources CASCADE;
\echo :LAST_ERROR_SQLSTATE
INSERT INTO conflict_stats.figures (source_id, party, quantity, unit, value) VALUES (1, 'x', 'x', 'x', '1');
\echo :LAST_ERROR_SQLSTATE
UPDATE conflict_stats.figures SET value = '1' WHERE builtin;
\echo :LAST_ERROR_SQLSTATE
DELETE FROM conflict_stats.figures WHERE builtin;
\echo :LAST_ERROR_SQLSTATE
TRUNCATE conflict_stats.figures;
\echo :LAST_ERROR_SQLSTATE
INSERT INTO conflict_stats.claims (source_id, kind, topic, statement) VALUES (1, 'event', 'x', 'x');
\echo :LAST_ERROR_SQLSTATE
UPDATE conflict_stats.claims SET note = 'x' WHERE builtin;
\echo :LAST_ERROR_SQLSTATE
DELETE FROM conflict_stats.claims WHERE builtin;
\echo :LAST_ERROR_SQLSTATE
TRUNCATE conflict_stats.claims;
\echo :LAST_ERROR_SQLSTATE
SELECT nextval('conflict_stats.sources_source_id_seq');
\echo :LAST_ERROR_SQLSTATE
-- nor the extension's objects
ALTER FUNCTION conflict_stats.best(conflict_stats.estimate) RENAME TO worst;
\echo :LAST_ERROR_SQLSTATE
CREATE FUNCTION conflict_stats.best(float8) RETURNS float8 LANGUAGE sql AS 'SELECT 1::float8';
\echo :LAST_ERROR_SQLSTATE
RESET ROLE;

-- clean up
SET client_min_messages = warning;
DROP SCHEMA evil CASCADE;
DROP OWNED BY regress_cs_user;
DROP ROLE regress_cs_user;
RESET client_min_messages;
