--
-- Reference data shipped with conflict_stats: sources, figures, claims and
-- the figures_flat view; comments, dump registration and privileges
--

-- the source
SELECT source_id, publisher, title, author, published, kind, url, builtin
  FROM conflict_stats.sources
 ORDER BY source_id;

-- every figure of the article, as stated
SELECT figure_id, source_id, party, quantity, category, unit, value,
	   as_of, period_start, period_end, builtin
  FROM conflict_stats.figures
 ORDER BY figure_id;

SELECT figure_id, speaker_role, quote
  FROM conflict_stats.figures
 ORDER BY figure_id;

-- the same in standard types
SELECT figure_id, value_text, best, low, low_inclusive, high, high_inclusive,
	   qualifier, described, as_of
  FROM conflict_stats.figures_flat
 ORDER BY figure_id;

-- every claim of the article
SELECT claim_id, kind, topic, party, stated_on, period_start, period_end, speaker_role
  FROM conflict_stats.claims
 ORDER BY claim_id;

SELECT claim_id, statement
  FROM conflict_stats.claims
 ORDER BY claim_id;

SELECT claim_id, quote
  FROM conflict_stats.claims
 ORDER BY claim_id;

-- the deadliest month, and the first year of the war
SELECT period_start, period_end, period_end - period_start AS days
  FROM conflict_stats.claims
 WHERE topic = 'casualties' AND period_start IS NOT NULL
 ORDER BY period_start;

-- the article's average daily rate: more than 600,000 over 958 days (the
-- operators live in schema conflict_stats)
SET search_path = public, conflict_stats;
SELECT value / ('2024-10-09'::date - '2022-02-24'::date) AS per_day
  FROM conflict_stats.figures
 WHERE figure_id = 1;

SELECT period_end - period_start AS days,
	   value / (period_end - period_start) AS per_day,
	   describe(value / (period_end - period_start)) AS described
  FROM conflict_stats.figures
 WHERE quantity = 'casualties' AND builtin;
RESET search_path;

-- every table and view of the extension carries a comment (no rows)
SELECT c.oid::regclass AS uncommented
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_depend d
	ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
  JOIN pg_catalog.pg_extension e
	ON d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.refobjid = e.oid
 WHERE e.extname = 'conflict_stats'
   AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
   AND pg_catalog.obj_description(c.oid, 'pg_class') IS NULL
 ORDER BY 1;

-- and so does every column of the reference tables and view (no rows)
SELECT a.attrelid::regclass, a.attname
  FROM pg_catalog.pg_attribute a
 WHERE a.attrelid IN ('conflict_stats.sources'::regclass, 'conflict_stats.figures'::regclass,
					  'conflict_stats.claims'::regclass, 'conflict_stats.figures_flat'::regclass)
   AND a.attnum > 0 AND NOT a.attisdropped
   AND pg_catalog.col_description(a.attrelid, a.attnum) IS NULL
 ORDER BY 1, 2;

-- figures_flat uses only standard types
SELECT a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
	   t.typnamespace = 'pg_catalog'::regnamespace AS standard
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
 WHERE a.attrelid = 'conflict_stats.figures_flat'::regclass AND a.attnum > 0
 ORDER BY a.attnum;

-- registered with pg_extension_config_dump: user rows and sequence positions
-- are dumped, shipped rows are not
SELECT u.cfg::regclass AS config, u.cond AS condition
  FROM pg_catalog.pg_extension e,
	   unnest(e.extconfig, e.extcondition) AS u(cfg, cond)
 WHERE e.extname = 'conflict_stats'
   AND u.cfg IN ('conflict_stats.sources'::regclass, 'conflict_stats.figures'::regclass,
				 'conflict_stats.claims'::regclass,
				 'conflict_stats.sources_source_id_seq'::regclass,
				 'conflict_stats.figures_figure_id_seq'::regclass,
				 'conflict_stats.claims_claim_id_seq'::regclass)
 ORDER BY u.cfg::regclass::text;

-- the extension's owner may write and pass that on
SELECT c.relname,
	   has_table_privilege(e.extowner, c.oid, 'INSERT WITH GRANT OPTION') AS ins,
	   has_table_privilege(e.extowner, c.oid, 'UPDATE WITH GRANT OPTION') AS upd,
	   has_table_privilege(e.extowner, c.oid, 'DELETE WITH GRANT OPTION') AS del,
	   has_table_privilege('public', c.oid, 'SELECT') AS public_select,
	   has_table_privilege('public', c.oid, 'INSERT') AS public_insert
  FROM pg_catalog.pg_extension e, pg_catalog.pg_class c
 WHERE e.extname = 'conflict_stats'
   AND c.oid IN ('conflict_stats.sources'::regclass, 'conflict_stats.figures'::regclass,
				 'conflict_stats.claims'::regclass)
 ORDER BY c.relname;

-- rows users add: ids from 10000, builtin false
BEGIN;
INSERT INTO conflict_stats.sources (publisher, kind, note)
VALUES ('Test publisher', 'other', 'user row')
RETURNING source_id >= 10000 AS user_range, builtin;
INSERT INTO conflict_stats.figures (source_id, party, quantity, unit, value, as_of)
SELECT source_id, 'Russia', 'casualties', 'people', 'about 648,000', '2024-10-10'
  FROM conflict_stats.sources WHERE publisher = 'Test publisher'
RETURNING figure_id >= 10000 AS user_range, value, builtin;
SELECT count(*) FILTER (WHERE builtin) AS shipped, count(*) FILTER (WHERE NOT builtin) AS added
  FROM conflict_stats.figures_flat;
ROLLBACK;

-- bad rows
\set VERBOSITY terse
INSERT INTO conflict_stats.sources (publisher, kind, builtin)
VALUES ('Test publisher', 'other', true);
INSERT INTO conflict_stats.sources (publisher, kind) VALUES ('Test publisher', 'blog');
INSERT INTO conflict_stats.sources (publisher, kind) VALUES ('', 'other');
INSERT INTO conflict_stats.figures (source_id, party, quantity, unit, value, as_of,
									period_start, period_end)
VALUES (1, 'Russia', 'casualties', 'people', '1', '2024-10-09', '2024-10-09', '2024-10-09');
INSERT INTO conflict_stats.figures (source_id, party, quantity, unit, value, as_of)
VALUES (99, 'Russia', 'casualties', 'people', '1', '2024-10-09');
INSERT INTO conflict_stats.figures (source_id, party, quantity, unit, value, as_of)
VALUES (1, 'Russia', 'casualties', 'people', 'many', '2024-10-09');
INSERT INTO conflict_stats.claims (source_id, kind, topic, statement)
VALUES (1, 'rumour', 'casualties', 'x');
INSERT INTO conflict_stats.sources (source_id, publisher, kind)
VALUES (2, 'Test publisher', 'other');
DELETE FROM conflict_stats.sources WHERE source_id = 1;
\set VERBOSITY default

-- an ordinary role reads everything and changes nothing
CREATE ROLE regress_cs_reader;
SET ROLE regress_cs_reader;
SELECT (SELECT count(*) FROM conflict_stats.sources) AS sources,
	   (SELECT count(*) FROM conflict_stats.figures) AS figures,
	   (SELECT count(*) FROM conflict_stats.claims) AS claims,
	   (SELECT count(*) FROM conflict_stats.figures_flat) AS figures_flat;
INSERT INTO conflict_stats.sources (publisher, kind) VALUES ('Test publisher', 'other');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO conflict_stats.figures (source_id, party, quantity, unit, value, as_of)
VALUES (1, 'Russia', 'casualties', 'people', '1', '2024-10-09');
\echo :LAST_ERROR_SQLSTATE
UPDATE conflict_stats.figures SET value = '700000' WHERE figure_id = 1;
\echo :LAST_ERROR_SQLSTATE
UPDATE conflict_stats.claims SET note = 'changed' WHERE builtin;
\echo :LAST_ERROR_SQLSTATE
DELETE FROM conflict_stats.claims WHERE claim_id = 5;
\echo :LAST_ERROR_SQLSTATE
DELETE FROM conflict_stats.sources WHERE builtin;
\echo :LAST_ERROR_SQLSTATE
SELECT nextval('conflict_stats.sources_source_id_seq');
\echo :LAST_ERROR_SQLSTATE
RESET ROLE;
DROP ROLE regress_cs_reader;

-- nothing changed
SELECT (SELECT count(*) FROM conflict_stats.sources) AS sources,
	   (SELECT count(*) FROM conflict_stats.figures) AS figures,
	   (SELECT count(*) FROM conflict_stats.claims) AS claims,
	   (SELECT value FROM conflict_stats.figures WHERE figure_id = 1) AS casualties;
