#!/bin/bash
# test/upgrade.sh: the upgrade path of conflict_stats.
#
# Every version ships two ways: a full install script of the whole API,
# sql/conflict_stats--V.sql, which CREATE EXTENSION runs for a new database,
# and an update script from the version before, sql/conflict_stats--A--V.sql,
# which ALTER EXTENSION ... UPDATE runs for a database made earlier.  Both
# must give the same extension, and it must be the pinned one:
#
# (a) The current version (default_version) has a full install script.
#     A fresh install of it (that script) is compared with the oldest
#     shipped version walked by ALTER EXTENSION conflict_stats UPDATE TO each
#     next version along the update scripts: the catalog description
#     (test/catalog/describe.sql: functions, types, operators, casts,
#     aggregates, operator classes and families, tables, views, columns,
#     constraints, indexes, sequences, comments, ACLs, init_privs, extension
#     config), the reference data, and values of every type stored before
#     the walk, read back after it.
# (b) A fresh install (CREATE EXTENSION ... VERSION 'V') of every shipped
#     version that has a pinned description, test/catalog/conflict_stats--V.txt,
#     still matches it, and so does the walk to the current version: a
#     script, once released, never changes; every change to SQL objects
#     ships as an update script and in a new full install script.  Every
#     released version must be pinned; default_version may be unpinned while
#     it is not released.
#
# Releasing version V: add sql/conflict_stats--PREV--V.sql and
# sql/conflict_stats--V.sql (both to DATA in the Makefile), bump
# default_version, then pin V with
#     PIN=1 bash test/lib/cluster.sh 15 bash test/upgrade.sh
# which writes the missing test/catalog/conflict_stats--V.txt files (it never
# overwrites one).
#
# Runs against an existing cluster with the extension installed (make
# install) and a superuser connection in PGHOST/PGPORT/PGUSER, e.g. a
# throwaway one:
#     bash test/lib/cluster.sh 15 bash test/upgrade.sh
# Prints TAP; makes databases named cs_up_* and drops them at the end.

set -u
cd "$(dirname "$0")/.." || exit 2

PSQL="psql -X -q -A -t -v ON_ERROR_STOP=1"
DESCRIBE=test/catalog/describe.sql
PREFIX=cs_up
TMP=$(mktemp -d)
. test/lib/tap.sh

# q DB SQL: runs SQL in DB
q()
{
	$PSQL -d "$1" -c "$2"
}

# describe DB FILE: writes the catalog description of the extension in DB
describe()
{
	$PSQL -d "$1" -f "$DESCRIBE" > "$2"
}

# read_back DB FILE: writes the stored values of DB, read back, to FILE
read_back()
{
	q "$1" "$READ_BACK" > "$2" && test -s "$2"
}

# q_to DB SQL FILE: runs SQL in DB, its output to FILE (not empty)
q_to()
{
	q "$1" "$2" > "$3" && test -s "$3"
}

# refuses_with_view DB VERSION: the update to VERSION fails with 2BP01 and
# names the view up_monthly, and leaves the extension where it was
refuses_with_view()
{
	local out
	out=$($PSQL -d "$1" -v VERBOSITY=verbose -c "ALTER EXTENSION conflict_stats UPDATE TO '$2'" 2>&1)
	echo "$out"
	grep -q '2BP01' <<<"$out" && grep -q 'up_monthly' <<<"$out" && grep -q 'HINT' <<<"$out" &&
		test "$(q "$1" "SELECT extversion FROM pg_extension WHERE extname = 'conflict_stats'")" != "$2"
}

# same_file GOT EXPECTED: succeeds when the files are identical, else diffs
same_file()
{
	diff -u "$2" "$1"
}

dbs=()
cleanup()
{
	local db
	for db in "${dbs[@]}"; do
		$PSQL -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
	done
	rm -rf "$TMP"
}
trap cleanup EXIT

# new_db NAME: (re)creates database NAME
new_db()
{
	dbs+=("$1")
	$PSQL -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
}

# install_into DB [VERSION]: a new database DB with the extension installed
install_into()
{
	new_db "$1" && q "$1" "CREATE EXTENSION conflict_stats${2:+ VERSION '$2'}"
}

# a value of every type, stored in a table and as text, and a source with
# a figure and a claim of a user's own: an update must leave all of them as
# they were (the stored forms are frozen; reference data updates touch only
# shipped rows)
STORE="
CREATE TABLE up_values AS
SELECT '615000 [500000,700000]'::conflict_stats.estimate AS e,
	   (SELECT conflict_stats.trend_agg(v, d) FROM up_rows) AS t,
	   (SELECT conflict_stats.trend_agg(v, d::timestamptz) FROM up_rows) AS t_instant,
	   (SELECT conflict_stats.cumulative_agg(c, d) FROM up_rows) AS c,
	   (SELECT conflict_stats.cumulative_agg(c, d::timestamptz) FROM up_rows) AS c_instant,
	   (SELECT conflict_stats.report_series(c, d) FROM up_rows) AS s,
	   (SELECT conflict_stats.report_series(c, d::timestamptz) FROM up_rows) AS s_instant,
	   conflict_stats.cost_per_gain_trans(conflict_stats.cost_per_gain_trans(NULL, 10, 2), 30, 4) AS g,
	   conflict_stats.elasticity_trans(conflict_stats.elasticity_trans(NULL, 10, 2), 30, 4) AS el
FROM (SELECT 1) one;
CREATE TABLE up_text AS SELECT e::text AS e, t::text AS t, t_instant::text AS t_instant, c::text AS c,
	c_instant::text AS c_instant, s::text AS s, s_instant::text AS s_instant, g::text AS g, el::text AS el
FROM up_values;
INSERT INTO conflict_stats.sources (publisher, kind, note) VALUES ('A user', 'dataset', 'kept by updates');
INSERT INTO conflict_stats.figures (source_id, party, quantity, unit, value, as_of)
SELECT source_id, 'Russia', 'casualties', 'people', 'about 664,120', date '2024-10-09'
FROM conflict_stats.sources WHERE publisher = 'A user';
INSERT INTO conflict_stats.claims (source_id, kind, topic, statement)
SELECT source_id, 'assessment', 'losses', 'kept by updates' FROM conflict_stats.sources WHERE publisher = 'A user';
"
STORE="CREATE TABLE up_rows AS SELECT date '2024-01-01' + i AS d, (1000 + 7 * i + i % 5)::float8 AS v,
	(500000 + 1100 * i + (i * i) % 13)::float8 AS c FROM generate_series(0, 59) i; $STORE"
# stored under 1.1: a report_series of estimates (1.1 keeps their best
# values) and a view over losses_by_period
STORE_1_1="
CREATE TABLE up_series11 AS
SELECT conflict_stats.report_series(('about ' || c)::conflict_stats.estimate, d) AS s,
	   conflict_stats.report_series(('about ' || c)::conflict_stats.estimate, d::timestamptz) AS s_instant
FROM up_rows;
CREATE TABLE up_series11_text AS SELECT s::text AS s, s_instant::text AS s_instant FROM up_series11;
CREATE VIEW up_monthly AS
SELECT * FROM conflict_stats.losses_by_period((SELECT s FROM up_series11), '1 month');
CREATE VIEW up_series_view AS
SELECT conflict_stats.report_series(c, d) AS s,
	   conflict_stats.report_series(('about ' || c)::conflict_stats.estimate, d::timestamptz) AS s_est
FROM up_rows;
"
# under 1.1's definitions (an internal state, serialized between processes)
# with this library: report_series under a forced parallel plan gives the
# serial answer, of float8 reports, of estimates, and per group
PARALLEL_1_1="
CREATE TABLE up_par AS
SELECT i % 4 AS g, date '2000-01-01' + (i * 7919) % 20000 AS d,
	   (((i * 7919) % 20000) * 3 + i % 4)::float8 AS c
FROM generate_series(1, 100000) i;
ANALYZE up_par;
SELECT md5(conflict_stats.report_series(c, d)::text) AS s1,
	   md5(conflict_stats.report_series(('about ' || c)::conflict_stats.estimate, d)::text) AS s2
FROM up_par \\gset
SELECT string_agg(md5(s::text), ',' ORDER BY g) AS s3
FROM (SELECT g, conflict_stats.report_series(c, d) AS s FROM up_par GROUP BY g) v \\gset
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT conflict_stats.report_series(c, d) FROM up_par;
SELECT md5(conflict_stats.report_series(c, d)::text) = :'s1',
	   md5(conflict_stats.report_series(('about ' || c)::conflict_stats.estimate, d)::text) = :'s2',
	   (SELECT string_agg(md5(s::text), ',' ORDER BY g)
		FROM (SELECT g, conflict_stats.report_series(c, d) AS s FROM up_par GROUP BY g) v) = :'s3'
FROM up_par;
DROP TABLE up_par;
"
# parallel_1_1 DB: the plan has partial aggregates, and every answer is the
# serial one
parallel_1_1()
{
	local out
	out=$($PSQL -d "$1" <<< "$PARALLEL_1_1") || return 1
	echo "$out"
	grep -q 'Partial Aggregate' <<< "$out" && test "$(tail -n 1 <<< "$out")" = "t|t|t"
}
# under 1.2 the view over report_series reads what the aggregates now give,
# and their state is the series type
SERIES_VIEW_1_2="
SELECT v.s::text = (SELECT conflict_stats.report_series(c, d) FROM up_rows)::text,
	   v.s_est::text = (SELECT conflict_stats.report_series(('about ' || c)::conflict_stats.estimate, d::timestamptz) FROM up_rows)::text,
	   conflict_stats.num_reports(v.s_est),
	   (SELECT string_agg(DISTINCT aggtranstype::regtype::text, ',') FROM pg_aggregate
		WHERE aggfnoid IN (SELECT oid FROM pg_proc WHERE proname = 'report_series'))
FROM up_series_view v
"
READ_BACK_1_1="
SET extra_float_digits = 0;
SELECT s::text, s_instant::text, md5(conflict_stats.series_send(s)), md5(conflict_stats.series_send(s_instant)),
	   conflict_stats.num_reports(s), conflict_stats.total_at(s, date '2024-01-15') FROM up_series11;
SELECT x.s::conflict_stats.series::text = v.s::text, x.s_instant::conflict_stats.series::text = v.s_instant::text
FROM up_series11_text x, up_series11 v;
"
# the stored values as text, the text forms stored earlier read back as
# values, the binary forms, and the user's rows
READ_BACK="
SET extra_float_digits = 0;
SET search_path = public, conflict_stats;
SELECT v.e::text, v.t::text, v.t_instant::text, v.c::text, v.c_instant::text, v.s::text,
	   v.s_instant::text, v.g::text, v.el::text FROM up_values v;
SELECT x.e::conflict_stats.estimate = v.e, x.t::conflict_stats.trend::text = v.t::text,
	   x.t_instant::conflict_stats.trend::text = v.t_instant::text,
	   x.c::conflict_stats.cumulative::text = v.c::text, x.c_instant::conflict_stats.cumulative::text = v.c_instant::text,
	   x.s::conflict_stats.series::text = v.s::text, x.s_instant::conflict_stats.series::text = v.s_instant::text,
	   x.g::conflict_stats.cost_per_gain_state::text = v.g::text, x.el::conflict_stats.elasticity_state::text = v.el::text
FROM up_text x, up_values v;
SELECT md5(conflict_stats.estimate_send(e)), md5(conflict_stats.trend_send(t)), md5(conflict_stats.trend_send(t_instant)),
	   md5(conflict_stats.cumulative_send(c)), md5(conflict_stats.cumulative_send(c_instant)),
	   md5(conflict_stats.series_send(s)), md5(conflict_stats.series_send(s_instant)),
	   md5(conflict_stats.cost_per_gain_state_send(g)), md5(conflict_stats.elasticity_state_send(el)) FROM up_values;
SELECT conflict_stats.slope(t), conflict_stats.slope(t_instant), conflict_stats.fitted_rate(c),
	   (SELECT sum(conflict_stats.best(losses)) FROM conflict_stats.losses_by_period(s, '1 month')) FROM up_values;
SELECT s.publisher, f.value, f.as_of, c.statement FROM conflict_stats.sources s
JOIN conflict_stats.figures f USING (source_id) JOIN conflict_stats.claims c USING (source_id) WHERE NOT s.builtin;
"
REFERENCE="
SELECT s FROM conflict_stats.sources s WHERE builtin ORDER BY source_id;
SELECT f FROM conflict_stats.figures f WHERE builtin ORDER BY figure_id;
SELECT c FROM conflict_stats.claims c WHERE builtin ORDER BY claim_id;
"

echo "# conflict_stats upgrade path"

# --- what the repository ships ---
default=$(sed -n -E "s/^[[:space:]]*default_version[[:space:]]*=[[:space:]]*'([^']*)'.*/\1/p" conflict_stats.control)
full=()			# versions with a full install script
updates=()		# "A B" for each update script
for f in sql/conflict_stats--*.sql; do
	v=${f#sql/conflict_stats--}
	v=${v%.sql}
	if [[ $v == *--* ]]; then
		updates+=("${v%%--*} ${v#*--}")
	else
		full+=("$v")
	fi
done
oldest=$(printf '%s\n' "${full[@]}" | sort -V | head -n 1)
echo "# default_version $default; full install scripts: ${full[*]}; update scripts: ${#updates[@]}"

ok "conflict_stats.control names a default_version" test -n "$default"
# every version: those with a full install script and the targets of update
# scripts
versions=$( { printf '%s\n' "${full[@]}"; for u in "${updates[@]}"; do echo "${u#* }"; done; } | sort -uV)
ok "default_version $default is shipped (a full install script or an update script leads to it)" \
	grep -qxF -- "$default" <<<"$versions"

# every script is in the Makefile's DATA and installed as it is in the tree
sharedir=$(pg_config --sharedir)/extension
check_installed()
{
	local f bad=0 data
	data=$(printf 'cs_print_data:\n\t@echo $(DATA)\n' | make -s --no-print-directory -f Makefile -f - cs_print_data)
	for f in sql/conflict_stats--*.sql conflict_stats.control; do
		if [[ $f == sql/* ]] && ! grep -qw -- "$f" <<<"$data"; then
			echo "$f is not in the Makefile's DATA"
			bad=1
		fi
		if ! cmp -s "$f" "$sharedir/$(basename "$f")"; then
			echo "$f differs from $sharedir/$(basename "$f") (run make install)"
			bad=1
		fi
	done
	return $bad
}
ok "every script is in DATA and installed unchanged" check_installed

# the chain from the oldest version to default_version, by the update
# scripts (each step to the next version along them, as PostgreSQL picks
# the shortest path)
chain=$($PSQL -d postgres -c "SELECT coalesce(path, '') FROM pg_extension_update_paths('conflict_stats') WHERE source = '$oldest' AND target = '$default'")
if [ "$oldest" = "$default" ]; then
	steps=()
else
	IFS=' ' read -r -a steps <<<"$(sed 's/--/ /g' <<<"$chain")"
	steps=("${steps[@]:1}")
fi

# --- (a) walk the chain and compare with a fresh install ---
ok "the current version $default has a full install script, sql/conflict_stats--$default.sql" \
	test -f "sql/conflict_stats--$default.sql"
ok "fresh install of $default" install_into ${PREFIX}_fresh
ok "describe the fresh install of $default" describe ${PREFIX}_fresh "$TMP/fresh.txt"

if [ "$oldest" = "$default" ]; then
	skip "walk the update chain from $oldest to $default" \
		"only one version ($default) ships: no update script to walk yet"
else
	if [ ${#steps[@]} -eq 0 ]; then
		ok "an update path leads from $oldest to $default" \
			bash -c "echo 'pg_extension_update_paths has no path from $oldest to $default'; false"
	else
		ok "an update path leads from $oldest to $default: $oldest ${steps[*]}" true
	fi
	ok "install $oldest" install_into ${PREFIX}_walk "$oldest"
	ok "store a value of every type of $oldest, and rows of a user's own, before the walk" \
		q ${PREFIX}_walk "$STORE"
	ok "read the stored values back under $oldest" read_back ${PREFIX}_walk "$TMP/values_before.txt"
	prev=$oldest
	for v in "${steps[@]}"; do
		if [ "$prev" = 1.1 ]; then
			# a report_series of estimates stored by 1.1 (best values only), and
			# a view over losses_by_period, which the update to 1.2 drops and
			# recreates: the update refuses, naming the view, until the view is
			# saved and dropped as README.md says
			ok "report_series under 1.1's definitions, with this library, in parallel gives the serial answer" \
				parallel_1_1 ${PREFIX}_walk
			ok "store a report_series of estimates under 1.1, and a view over losses_by_period" \
				q ${PREFIX}_walk "$STORE_1_1"
			ok "read the 1.1 series back under 1.1" q_to ${PREFIX}_walk "$READ_BACK_1_1" "$TMP/series11_before.txt"
			ok "the update to $v refuses while a view uses losses_by_period (2BP01, naming the view)" \
				refuses_with_view ${PREFIX}_walk "$v"
			ok "save the view's definition and drop the view" \
				q_to ${PREFIX}_walk "SELECT pg_get_viewdef('up_monthly'::regclass, true)" "$TMP/viewdef.sql"
			ok "drop the view" q ${PREFIX}_walk "DROP VIEW up_monthly"
		fi
		ok "ALTER EXTENSION conflict_stats UPDATE TO '$v' (from $prev)" \
			q ${PREFIX}_walk "ALTER EXTENSION conflict_stats UPDATE TO '$v'"
		if [ "$prev" = 1.1 ]; then
			# (the saved definition names the columns the view had; a view
			# written with * gains partial and figure when made from its source)
			ok "recreate the view from its saved definition" \
				q ${PREFIX}_walk "CREATE VIEW up_monthly AS $(cat "$TMP/viewdef.sql")"
			ok "the recreated view reads the stored series" \
				test "$(q ${PREFIX}_walk "SELECT count(*) || ' ' || sum(losses) FROM up_monthly")" = "2 64910"
			ok "a view over losses_by_period made from SELECT * now has partial and figure" \
				test "$(q ${PREFIX}_walk "CREATE VIEW up_monthly_all AS SELECT * FROM conflict_stats.losses_by_period((SELECT s FROM up_series11), '1 month'); SELECT count(*) || ' ' || bool_and(conflict_stats.best(figure) = losses) || ' ' || count(*) FILTER (WHERE partial) FROM up_monthly_all")" = "2 true 1"
			ok "a view over report_series made under 1.1 survives the update, its state now a series" \
				test "$(q ${PREFIX}_walk "$SERIES_VIEW_1_2")" = "t|t|60|conflict_stats.series"
			ok "read the 1.1 series back under $v" q_to ${PREFIX}_walk "$READ_BACK_1_1" "$TMP/series11_after.txt"
			ok "a report_series stored by 1.1 reads back unchanged under $v" \
				same_file "$TMP/series11_after.txt" "$TMP/series11_before.txt"
		fi
		ok "the walked install reports version $v" \
			test "$(q ${PREFIX}_walk "SELECT extversion FROM pg_extension WHERE extname = 'conflict_stats'")" = "$v"
		prev=$v
	done
	ok "describe the walked install" describe ${PREFIX}_walk "$TMP/walked.txt"
	ok "read the stored values back under $default" read_back ${PREFIX}_walk "$TMP/values_after.txt"
	ok "values stored under $oldest read back unchanged under $default, the user's rows kept" \
		same_file "$TMP/values_after.txt" "$TMP/values_before.txt"
	ok "the walked install's reference data is the fresh install's" \
		same_file <(q ${PREFIX}_walk "$REFERENCE") <(q ${PREFIX}_fresh "$REFERENCE")
	ok "walked $oldest -> $default is identical to a fresh install of $default" \
		same_file "$TMP/walked.txt" "$TMP/fresh.txt"
fi

# --- (b) released versions still install exactly as pinned ---
server_major=$($PSQL -d postgres -c "SELECT current_setting('server_version_num')::int / 10000")
for v in $versions; do
	pin=test/catalog/conflict_stats--$v.txt
	if [ ! -f "$pin" ]; then
		if [ "${PIN:-0}" = 1 ]; then
			db=${PREFIX}_pin
			if install_into $db "$v" >/dev/null && describe $db "$TMP/v.txt"; then
				{ echo "# PostgreSQL $server_major: catalog of conflict_stats $v (test/upgrade.sh; never edit)"
				  cat "$TMP/v.txt"; } > "$pin"
			fi
			ok "pinned the catalog of $v in $pin" test -s "$pin"
		elif [ "$v" = "$default" ]; then
			skip "catalog of $v is pinned" "$v is not released yet (PIN=1 pins it)"
		else
			ok "catalog of released version $v is pinned in $pin" \
				bash -c "echo 'missing $pin: run PIN=1 bash test/lib/cluster.sh 15 bash test/upgrade.sh'; false"
		fi
		continue
	fi
	pin_major=$(sed -n -E '1s/^# PostgreSQL ([0-9]+):.*/\1/p' "$pin")
	if [ "$pin_major" != "$server_major" ]; then
		skip "fresh install of $v matches $pin" "pinned under PostgreSQL $pin_major, server is $server_major"
		continue
	fi
	db=${PREFIX}_v$(tr -c '[:alnum:]\n' _ <<<"$v")
	ok "fresh install of $v" install_into $db "$v"
	ok "describe the fresh install of $v" describe $db "$TMP/v.txt"
	tail -n +2 "$pin" > "$TMP/pin.txt"
	ok "fresh install of $v matches $pin (a released install script never changes; ship changes as sql/conflict_stats--$v--NEXT.sql)" \
		same_file "$TMP/v.txt" "$TMP/pin.txt"
	if [ "$v" = "$default" ] && [ "$oldest" != "$default" ] && [ -s "$TMP/walked.txt" ]; then
		ok "walked $oldest -> $v matches $pin" same_file "$TMP/walked.txt" "$TMP/pin.txt"
	fi
done

done_testing
