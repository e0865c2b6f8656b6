-- test/catalog/describe.sql: a text description of every object of the
-- conflict_stats extension, one line per fact, sorted, with no OIDs and no
-- role names but PUBLIC and placeholders, so that two installs (fresh, or
-- walked through ALTER EXTENSION ... UPDATE) can be compared with diff.
-- Used by test/upgrade.sh; run with psql -X -A -t.
SET search_path = pg_catalog;
SET client_min_messages = warning;

CREATE TEMP TABLE cs_ext AS
	SELECT oid, extowner, extnamespace, extrelocatable, extconfig, extcondition
	FROM pg_extension WHERE extname = 'conflict_stats';
CREATE TEMP TABLE cs_member AS
	SELECT d.classid, d.objid FROM pg_depend d, cs_ext e
	WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = e.oid AND d.deptype = 'e';

-- a role as the description shows it
CREATE FUNCTION pg_temp.cs_role(r oid) RETURNS text LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN r = 0 THEN 'PUBLIC'
				WHEN r = 10 THEN '<bootstrap superuser>'
				WHEN r = (SELECT extowner FROM cs_ext) THEN '<extension owner>'
				ELSE (SELECT rolname::text FROM pg_roles WHERE oid = r) END
$$;
-- an ACL as sorted grants, with roles shown by cs_role
CREATE FUNCTION pg_temp.cs_acl(a aclitem[]) RETURNS text LANGUAGE sql STABLE AS $$
	SELECT coalesce(string_agg(pg_temp.cs_role(x.grantee) || ':' || x.privilege_type
							   || CASE WHEN x.is_grantable THEN '*' ELSE '' END
							   || '/' || pg_temp.cs_role(x.grantor), ' '
							   ORDER BY 1), '(default)')
	FROM aclexplode(a) x
$$;

CREATE TEMP TABLE cs_line (line text);

-- extension: schema, relocatable, config tables and their conditions
INSERT INTO cs_line
SELECT 'extension: schema=' || n.nspname || ' relocatable=' || e.extrelocatable
	   || ' schema_acl=' || pg_temp.cs_acl(n.nspacl)
	   || ' schema_comment=' || coalesce(quote_literal(obj_description(n.oid, 'pg_namespace')), 'NULL')
FROM cs_ext e JOIN pg_namespace n ON n.oid = e.extnamespace;
INSERT INTO cs_line
SELECT 'extension config: ' || c.cfg::regclass::text || ' condition=' || quote_literal(c.cond)
FROM cs_ext e, unnest(e.extconfig, e.extcondition) AS c(cfg, cond);

-- every member, by identity: catches kinds of object not described below
INSERT INTO cs_line
SELECT 'member: ' || (pg_identify_object(m.classid, m.objid, 0)).type || ' '
	   || (pg_identify_object(m.classid, m.objid, 0)).identity
FROM cs_member m;

-- comments on members and on their columns
INSERT INTO cs_line
SELECT 'comment: ' || (pg_identify_object(d.classoid, d.objoid, d.objsubid)).type || ' '
	   || (pg_identify_object(d.classoid, d.objoid, d.objsubid)).identity || ' = '
	   || quote_literal(d.description)
FROM pg_description d JOIN cs_member m ON m.classid = d.classoid AND m.objid = d.objoid;

-- initial privileges recorded for the extension (what pg_dump compares with)
INSERT INTO cs_line
SELECT 'init_privs: ' || (pg_identify_object(i.classoid, i.objoid, i.objsubid)).identity
	   || ' ' || i.privtype::text || ' ' || pg_temp.cs_acl(i.initprivs)
FROM pg_init_privs i JOIN cs_member m ON m.classid = i.classoid AND m.objid = i.objoid;

-- functions, procedures and aggregates: the whole definition, ACL, owner
INSERT INTO cs_line
SELECT 'function: ' || p.oid::regprocedure::text
	   || ' kind=' || p.prokind::text
	   || ' args=' || pg_get_function_arguments(p.oid)
	   || ' returns=' || pg_get_function_result(p.oid)
	   || ' lang=' || l.lanname
	   || ' volatile=' || p.provolatile::text || ' strict=' || p.proisstrict
	   || ' parallel=' || p.proparallel::text || ' secdef=' || p.prosecdef
	   || ' leakproof=' || p.proleakproof || ' cost=' || p.procost || ' rows=' || p.prorows
	   || ' support=' || p.prosupport::text
	   || ' config=' || coalesce(p.proconfig::text, 'NULL')
	   || ' src=' || quote_literal(coalesce(p.prosrc, ''))
	   || ' bin=' || coalesce(p.probin, 'NULL')
	   || ' sqlbody=' || CASE WHEN p.prokind::text IN ('f', 'p') AND p.prosqlbody IS NOT NULL
							  THEN quote_literal(pg_get_functiondef(p.oid)) ELSE 'NULL' END
	   || ' owner=' || pg_temp.cs_role(p.proowner)
	   || ' acl=' || pg_temp.cs_acl(p.proacl)
FROM pg_proc p JOIN cs_member m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
	 JOIN pg_language l ON l.oid = p.prolang;

-- aggregates: every pg_aggregate column by name (OIDs shown as names)
INSERT INTO cs_line
SELECT 'aggregate: ' || a.aggfnoid::regprocedure::text || ' ' || kv.key || '='
	   || CASE kv.key
			WHEN 'aggfnoid' THEN a.aggfnoid::regprocedure::text
			WHEN 'aggsortop' THEN a.aggsortop::regoperator::text
			WHEN 'aggtranstype' THEN a.aggtranstype::regtype::text
			WHEN 'aggmtranstype' THEN a.aggmtranstype::regtype::text
			ELSE coalesce(kv.value, 'NULL') END
FROM pg_aggregate a JOIN cs_member m ON m.classid = 'pg_proc'::regclass AND m.objid = a.aggfnoid,
	 jsonb_each_text(to_jsonb(a)) kv;

-- types
INSERT INTO cs_line
SELECT 'type: ' || t.oid::regtype::text
	   || ' type=' || t.typtype::text || ' len=' || t.typlen || ' byval=' || t.typbyval
	   || ' category=' || t.typcategory::text || ' preferred=' || t.typispreferred
	   || ' delim=' || t.typdelim::text || ' align=' || t.typalign::text || ' storage=' || t.typstorage::text
	   || ' in=' || t.typinput::text || ' out=' || t.typoutput::text
	   || ' recv=' || t.typreceive::text || ' send=' || t.typsend::text
	   || ' modin=' || t.typmodin::text || ' modout=' || t.typmodout::text
	   || ' analyze=' || t.typanalyze::text
	   || ' subscript=' || t.typsubscript::text
	   || ' elem=' || t.typelem::regtype::text
	   || ' array=' || t.typarray::regtype::text
	   || ' base=' || t.typbasetype::regtype::text || ' notnull=' || t.typnotnull
	   || ' collation=' || t.typcollation
	   || ' default=' || coalesce(quote_literal(t.typdefault), 'NULL')
	   || ' owner=' || pg_temp.cs_role(t.typowner)
	   || ' acl=' || pg_temp.cs_acl(t.typacl)
FROM pg_type t JOIN cs_member m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid;

-- operators
INSERT INTO cs_line
SELECT 'operator: ' || o.oid::regoperator::text
	   || ' kind=' || o.oprkind::text || ' result=' || o.oprresult::regtype::text
	   || ' code=' || o.oprcode::regprocedure::text
	   || ' commutator=' || o.oprcom::regoperator::text
	   || ' negator=' || o.oprnegate::regoperator::text
	   || ' restrict=' || o.oprrest::text || ' join=' || o.oprjoin::text
	   || ' merges=' || o.oprcanmerge || ' hashes=' || o.oprcanhash
FROM pg_operator o JOIN cs_member m ON m.classid = 'pg_operator'::regclass AND m.objid = o.oid;

-- casts
INSERT INTO cs_line
SELECT 'cast: ' || c.castsource::regtype::text || ' -> ' || c.casttarget::regtype::text
	   || ' function=' || CASE WHEN c.castfunc = 0 THEN '-' ELSE c.castfunc::regprocedure::text END
	   || ' context=' || c.castcontext::text || ' method=' || c.castmethod::text
FROM pg_cast c JOIN cs_member m ON m.classid = 'pg_cast'::regclass AND m.objid = c.oid;

-- operator classes, families and their members
INSERT INTO cs_line
SELECT 'opclass: ' || am.amname || ' ' || c.opcname || ' family=' || f.opfname
	   || ' type=' || c.opcintype::regtype::text || ' default=' || c.opcdefault
	   || ' keytype=' || c.opckeytype::regtype::text
FROM pg_opclass c JOIN cs_member m ON m.classid = 'pg_opclass'::regclass AND m.objid = c.oid
	 JOIN pg_am am ON am.oid = c.opcmethod JOIN pg_opfamily f ON f.oid = c.opcfamily;
INSERT INTO cs_line
SELECT 'opfamily: ' || am.amname || ' ' || f.opfname
FROM pg_opfamily f JOIN cs_member m ON m.classid = 'pg_opfamily'::regclass AND m.objid = f.oid
	 JOIN pg_am am ON am.oid = f.opfmethod;
INSERT INTO cs_line
SELECT 'opfamily operator: ' || am.amname || ' ' || f.opfname
	   || ' (' || o.amoplefttype::regtype::text || ',' || o.amoprighttype::regtype::text
	   || ') strategy=' || o.amopstrategy || ' purpose=' || o.amoppurpose::text
	   || ' operator=' || o.amopopr::regoperator::text
	   || ' sortfamily=' || o.amopsortfamily
FROM pg_amop o JOIN pg_opfamily f ON f.oid = o.amopfamily
	 JOIN cs_member m ON m.classid = 'pg_opfamily'::regclass AND m.objid = f.oid
	 JOIN pg_am am ON am.oid = f.opfmethod;
INSERT INTO cs_line
SELECT 'opfamily function: ' || am.amname || ' ' || f.opfname
	   || ' (' || p.amproclefttype::regtype::text || ',' || p.amprocrighttype::regtype::text
	   || ') support=' || p.amprocnum || ' function=' || p.amproc::regprocedure::text
FROM pg_amproc p JOIN pg_opfamily f ON f.oid = p.amprocfamily
	 JOIN cs_member m ON m.classid = 'pg_opfamily'::regclass AND m.objid = f.oid
	 JOIN pg_am am ON am.oid = f.opfmethod;

-- relations (tables, views, sequences, ...) that are members, and the
-- sequences and indexes that belong to member tables (not TOAST tables,
-- whose names carry OIDs: a table's line says whether it has one)
CREATE TEMP TABLE cs_rel AS
	SELECT r.oid FROM (
		SELECT c.oid FROM pg_class c JOIN cs_member m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
		UNION
		SELECT d.objid FROM pg_depend d JOIN cs_member m ON m.classid = 'pg_class'::regclass
			AND d.refclassid = 'pg_class'::regclass AND d.refobjid = m.objid AND d.classid = 'pg_class'::regclass
	) r JOIN pg_class c ON c.oid = r.oid
	WHERE c.relnamespace <> 'pg_toast'::regnamespace;
INSERT INTO cs_line
SELECT 'relation: ' || c.oid::regclass::text || ' kind=' || c.relkind::text
	   || ' persistence=' || c.relpersistence::text || ' options=' || coalesce(c.reloptions::text, 'NULL')
	   || ' rowsecurity=' || c.relrowsecurity || ' replident=' || c.relreplident::text
	   || ' toast=' || (c.reltoastrelid <> 0)
	   || ' owner=' || pg_temp.cs_role(c.relowner)
	   || ' acl=' || pg_temp.cs_acl(c.relacl)
	   || ' comment=' || coalesce(quote_literal(obj_description(c.oid, 'pg_class')), 'NULL')
FROM pg_class c JOIN cs_rel r ON r.oid = c.oid;
INSERT INTO cs_line
SELECT 'column: ' || c.oid::regclass::text || ' #'
	   || row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum) || ' ' || quote_ident(a.attname)
	   || ' ' || format_type(a.atttypid, a.atttypmod)
	   || ' notnull=' || a.attnotnull || ' identity=' || a.attidentity::text
	   || ' generated=' || a.attgenerated::text
	   || ' collation=' || coalesce((SELECT collname FROM pg_collation WHERE oid = a.attcollation), '-')
	   || ' default=' || coalesce(quote_literal(pg_get_expr(ad.adbin, ad.adrelid)), 'NULL')
	   || ' storage=' || a.attstorage::text || ' compression=' || a.attcompression::text
	   || ' acl=' || pg_temp.cs_acl(a.attacl)
	   || ' comment=' || coalesce(quote_literal(col_description(c.oid, a.attnum)), 'NULL')
FROM pg_class c JOIN cs_rel r ON r.oid = c.oid
	 JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	 LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum;
INSERT INTO cs_line
SELECT 'constraint: ' || c.conrelid::regclass::text || ' ' || quote_ident(c.conname)
	   || ' ' || pg_get_constraintdef(c.oid, true)
	   || ' deferrable=' || c.condeferrable || ' deferred=' || c.condeferred
	   || ' validated=' || c.convalidated
	   || ' comment=' || coalesce(quote_literal(obj_description(c.oid, 'pg_constraint')), 'NULL')
FROM pg_constraint c JOIN cs_rel r ON r.oid = c.conrelid;
INSERT INTO cs_line
SELECT 'index: ' || pg_get_indexdef(i.indexrelid)
	   || ' primary=' || i.indisprimary || ' unique=' || i.indisunique
FROM pg_index i JOIN cs_rel r ON r.oid = i.indrelid;
INSERT INTO cs_line
SELECT 'view: ' || c.oid::regclass::text || ' ' || quote_literal(pg_get_viewdef(c.oid, true))
FROM pg_class c JOIN cs_rel r ON r.oid = c.oid WHERE c.relkind::text IN ('v', 'm');
INSERT INTO cs_line
SELECT 'sequence: ' || s.seqrelid::regclass::text || ' type=' || s.seqtypid::regtype::text
	   || ' start=' || s.seqstart || ' increment=' || s.seqincrement || ' max=' || s.seqmax
	   || ' min=' || s.seqmin || ' cache=' || s.seqcache || ' cycle=' || s.seqcycle
FROM pg_sequence s JOIN cs_rel r ON r.oid = s.seqrelid;
INSERT INTO cs_line
SELECT 'trigger: ' || pg_get_triggerdef(t.oid, true)
FROM pg_trigger t JOIN cs_rel r ON r.oid = t.tgrelid WHERE NOT t.tgisinternal;
INSERT INTO cs_line
SELECT 'policy: ' || p.polrelid::regclass::text || ' ' || p.polname || ' cmd=' || p.polcmd::text
	   || ' permissive=' || p.polpermissive
	   || ' using=' || coalesce(pg_get_expr(p.polqual, p.polrelid), 'NULL')
	   || ' check=' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), 'NULL')
FROM pg_policy p JOIN cs_rel r ON r.oid = p.polrelid;
INSERT INTO cs_line
SELECT 'rule: ' || pg_get_ruledef(w.oid, true)
FROM pg_rewrite w JOIN cs_rel r ON r.oid = w.ev_class WHERE w.rulename <> '_RETURN';

-- one line per fact (newlines in definitions and comments shown as \n)
SELECT l FROM (SELECT replace(line, E'\n', '\n') AS l FROM cs_line) s ORDER BY l COLLATE "C";
