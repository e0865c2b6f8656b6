--
-- Installation: a database owner who is not a superuser installs the trusted
-- extension; then the catalog is checked: comments, volatility, parallel
-- safety, grants and aggregate states.
--
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cs_dbowner') THEN
		CREATE ROLE cs_dbowner NOSUPERUSER NOCREATEDB NOCREATEROLE;
	END IF;
	EXECUTE format('ALTER DATABASE %I OWNER TO cs_dbowner', current_database());
END
$$;
SELECT rolsuper FROM pg_roles WHERE rolname = 'cs_dbowner';
SET ROLE cs_dbowner;
CREATE EXTENSION conflict_stats;
RESET ROLE;
SELECT e.extname, e.extowner::regrole AS owner, n.nspname AS schema, e.extrelocatable
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'conflict_stats';

-- every role may use the schema
SELECT has_schema_privilege('public', 'conflict_stats', 'USAGE') AS public_usage;

-- every member object carries a comment
SELECT pg_describe_object(d.classid, d.objid, 0) AS uncommented
FROM pg_depend d
WHERE d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'conflict_stats')
  AND d.deptype = 'e'
  AND obj_description(d.objid, (SELECT relname FROM pg_class WHERE oid = d.classid)) IS NULL
  -- array types and the row types of tables and views are implied by
  -- their element type or relation (PostgreSQL 17 records the row types as
  -- members of the extension, 15 does not); a composite type of its own
  -- would still need a comment
  AND NOT (d.classid = 'pg_type'::regclass
		   AND EXISTS (SELECT 1 FROM pg_type t WHERE t.oid = d.objid
					   AND ((t.typelem <> 0 AND t.typname LIKE '\_%') OR
							EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid
									AND c.relkind IN ('r', 'v', 'm', 'p', 'f')))))
ORDER BY 1;

-- no function is SECURITY DEFINER; all are PARALLEL SAFE; C functions state a volatility
SELECT p.oid::regprocedure AS not_as_required, p.prosecdef, p.proparallel, p.provolatile
FROM pg_proc p
WHERE p.pronamespace = 'conflict_stats'::regnamespace
  AND (p.prosecdef OR p.proparallel <> 's' OR p.provolatile = 'v')
ORDER BY 1::text;

-- aggregates: none keeps an internal state except report_series; all combine
SELECT a.aggfnoid::regprocedure AS aggregate, a.aggtranstype::regtype AS state,
	   a.aggcombinefn <> 0 AS has_combine
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE p.pronamespace = 'conflict_stats'::regnamespace
ORDER BY 1::text;
