#!/bin/bash
# test/limits.sh: long-running work inside conflict_stats honours
# statement_timeout (query cancel), and aggregates with a million groups run
# in a hash aggregate that spills to disk under a small work_mem.
#
# Cancellation: each workload runs for half a second to many seconds
# uncancelled; under a statement_timeout of CANCEL_MS (default 100 ms) it
# must fail with SQLSTATE 57014 and return within LIMIT_MS (default 2000 ms:
# a margin that holds on a loaded machine).  How long it ran past the
# timeout is printed as a TAP comment; the goal is under 100 ms.
#
# Where the workload is one call of our C code over a big value (a picture
# of 50 million elements, the final step of a sparkline of 10 million rows,
# the text form of a series of 8 million reports), the value is in memory
# before the statement starts: otherwise the timeout would fire while the
# server still reads it (reading a stored value is cancellable on its own),
# and the test would say nothing about our loops.  So each such value is a
# constant of a prepared statement's generic plan, an immutable expression
# the planner evaluates once when it builds the plan (EXECUTE w(0), without
# a timeout); EXECUTE w(k) then runs workload k on it under the timeout.
#
# A larger CANCEL_MS (say 60000) shows how long each workload runs whole:
# the checks then fail and the comments give the run times (losses_by_period
# over 3e13 buckets never ends: it runs into the timeout).
#
# Runs against an existing cluster with the extension installed (make
# install) and a superuser connection in PGHOST/PGPORT/PGUSER, e.g. a
# throwaway one:
#     bash test/lib/cluster.sh 15 bash test/limits.sh
# Prints TAP; makes a database cs_limits and drops it at the end.  About 45 s
# on the project's 2-core machine, 1.1 GB of memory in one backend at the
# most, and 300 MB of disk.

set -u

PSQL="psql -X -q -A -t -v ON_ERROR_STOP=1"
DB=cs_limits
CANCEL_MS=${CANCEL_MS:-100}
LIMIT_MS=${LIMIT_MS:-2000}
TMP=$(mktemp -d)
. "$(dirname "$0")/lib/tap.sh"

# q SQL: runs SQL in the test database
q()
{
	$PSQL -d $DB -c "$1"
}

# cancel_session SETUP DESCRIPTION SQL [DESCRIPTION SQL ...]: in one session,
# runs SETUP without a timeout, then each SQL under a statement_timeout of
# CANCEL_MS; each gives a TAP line (it failed with 57014 within LIMIT_MS)
# and a comment with the time it took past the timeout.
cancel_session()
{
	local setup=$1 k=0 line st ms
	local -a descs=()

	shift
	{
		echo '\o /dev/null'
		printf '%s\n' "$setup"
		echo '\set ON_ERROR_STOP 0'
		while [ $# -ge 2 ]; do
			k=$((k + 1))
			descs+=("$1")
			cat <<EOF
SET statement_timeout = '${CANCEL_MS}ms';
SELECT clock_timestamp() AS t0 \gset
$2;
\set st :SQLSTATE
SELECT round(1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz))::int AS ms \gset
RESET statement_timeout;
\echo @@ $k :st :ms
EOF
			shift 2
		done
	} > "$TMP/session.sql"
	$PSQL -d $DB -f "$TMP/session.sql" > "$TMP/session.out" 2> "$TMP/session.err"
	for ((k = 1; k <= ${#descs[@]}; k++)); do
		line=$(grep "^@@ $k " "$TMP/session.out")
		read -r _ _ st ms <<< "$line"
		if [ "${st:-}" = 57014 ] && [ "${ms:-99999}" -le "$LIMIT_MS" ]; then
			tap 1 "${descs[k - 1]} stops with 57014 within $LIMIT_MS ms"
		else
			tap 0 "${descs[k - 1]} stops with 57014 within $LIMIT_MS ms"
			echo "#   SQLSTATE ${st:-none} after ${ms:-?} ms"
			diag "$TMP/session.err" 10
		fi
		[ -n "${ms:-}" ] &&
			echo "# ${descs[k - 1]}: ${ms} ms, $((ms - CANCEL_MS)) ms after the timeout"
	done
}

# spills SQL: EXPLAIN ANALYZE of SQL shows a HashAggregate that went to disk
spills()
{
	local out
	out=$($PSQL -d $DB -c "SET work_mem = '64kB'" -c "SET enable_sort = off" \
		-c "SET max_parallel_workers_per_gather = 0" \
		-c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) $1" 2>&1)
	echo "$out"
	grep -q 'HashAggregate' <<<"$out" && grep -Eq 'Batches: ([2-9]|[1-9][0-9]+)' <<<"$out"
}

cleanup()
{
	$PSQL -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1
	rm -rf "$TMP"
}
cleanup
mkdir -p "$TMP"
trap cleanup EXIT

echo "# conflict_stats cancellation and limits"

ok "create database $DB with the extension" \
	$PSQL -d postgres -c "CREATE DATABASE $DB" -c "\\c $DB" -c "CREATE EXTENSION conflict_stats"

# a series of 8 million reports, stored uncompressed so that reading it back
# is a copy, not seconds of decompression outside our loops
ok "store a series of 8,000,000 reports" \
	q "CREATE TABLE big (s conflict_stats.series);
	   ALTER TABLE big ALTER s SET STORAGE EXTERNAL;
	   INSERT INTO big SELECT conflict_stats.report_series(i::float8, '2000-01-01'::timestamptz + i * interval '1 second')
	   FROM generate_series(1, 8000000) i;
	   CREATE TABLE small AS SELECT conflict_stats.report_series(v, at) AS s
	   FROM (VALUES (0::float8, '2024-01-01 00:00+00'::timestamptz), (1000000, '2024-12-31 00:00+00')) r(v, at)"
ok "the stored series holds 8,000,000 reports" \
	test "$(q "SELECT conflict_stats.num_reports(s) FROM big")" = 8000000

# The big values, as functions the planner evaluates once: the stored series,
# and a sparkline state of 10,240,000 rows out of time order (1,250 days,
# doubled 13 times), to be drawn in 1,000 bins.
ok "functions that make the big values" \
	q "CREATE FUNCTION stored_series() RETURNS conflict_stats.series
		   IMMUTABLE LANGUAGE sql AS 'SELECT s FROM big';
	   CREATE FUNCTION big_state() RETURNS conflict_stats.sparkline_state
		   IMMUTABLE LANGUAGE plpgsql AS \$\$
	   DECLARE
		   s conflict_stats.sparkline_state;
	   BEGIN
		   SELECT ('width=1000 rows={' || string_agg(format('(%s,%s)', '2000-01-01'::date + i, i % 97), ',')
				   || '}')::conflict_stats.sparkline_state
			 INTO s FROM generate_series(1, 1250) i;
		   FOR i IN 1 .. 13 LOOP
			   s := conflict_stats.sparkline_combine(s, s);
		   END LOOP;
		   RETURN s;
	   END \$\$"

# --- cancellation ---

# one call over a value built with the plan: pictures
cancel_session "SET plan_cache_mode = force_generic_plan;
PREPARE w(int) AS
SELECT CASE \$1
		WHEN 1 THEN octet_length(conflict_stats.sparkline(a))
		WHEN 2 THEN octet_length(conflict_stats.sparkline_final(st))
		WHEN 3 THEN octet_length(st::text)
	END
FROM (SELECT array_fill(1::float8, ARRAY[50000000]) AS a, big_state() AS st OFFSET 0) s
WHERE \$1 > 0;
EXECUTE w(0);" \
	"sparkline(float8[]) of 50,000,000 elements" "EXECUTE w(1)" \
	"sparkline_final of a state of 10,240,000 rows (copy, sort, bins)" "EXECUTE w(2)" \
	"text output of that state (one call of sparkline_state_out)" "EXECUTE w(3)"

# one call over a value built with the plan: series (c is the text form of
# x, as the cstring input functions take)
cancel_session "SET plan_cache_mode = force_generic_plan;
PREPARE w(int) AS
SELECT CASE \$1
		WHEN 1 THEN octet_length(x::text)
		WHEN 2 THEN conflict_stats.num_reports(conflict_stats.series_in(c))
		WHEN 3 THEN (SELECT count(*) FROM (SELECT conflict_stats.reports(x)) r)
		WHEN 4 THEN (SELECT count(*) FROM conflict_stats.reports(x))
	END
FROM (SELECT stored_series() AS x, conflict_stats.series_out(stored_series()) AS c OFFSET 0) s
WHERE \$1 > 0;
EXECUTE w(0);" \
	"text output of a series of 8,000,000 reports (one call of series_out)" "EXECUTE w(1)" \
	"text input of that series (one call of series_in)" "EXECUTE w(2)" \
	"reports() of that series" "EXECUTE w(3)" \
	"reports() of that series in FROM" "EXECUTE w(4)"

# statements that read a table or generate their rows
cancel_session "" \
	"text output of the stored series through COPY" "COPY big TO '/dev/null'" \
	"binary output of the stored series through COPY" "COPY big TO '/dev/null' (FORMAT binary)" \
	"losses_by_period with a 1-microsecond bucket over a year" \
	"SELECT count(*) FROM (SELECT conflict_stats.losses_by_period(s, '1 microsecond') FROM small) r" \
	"losses_by_period with a 1-microsecond bucket and a distant origin" \
	"SELECT count(*) FROM (SELECT conflict_stats.losses_by_period(s, '1 microsecond', '1000-01-01 00:00+00') FROM small) r" \
	"report_series over 30,000,000 generated rows in time order" \
	"SELECT conflict_stats.num_reports(conflict_stats.report_series(i::float8, '2000-01-01'::timestamptz + i * interval '1 second')) FROM generate_series(1, 30000000) i" \
	"report_series over 30,000,000 rows in scrambled order (sorted at the end)" \
	"SELECT conflict_stats.num_reports(conflict_stats.report_series(i::float8, '2000-01-01'::timestamptz + ((i * 7919) % 30000001) * interval '1 second')) FROM generate_series(1::bigint, 30000000) i" \
	"report_series merged from 8,000,000 rows in 16 runs" \
	"SELECT conflict_stats.num_reports(conflict_stats.report_series(i::float8, '2000-01-01'::timestamptz + ((i % 16) * 500000 + i / 16) * interval '1 second')) FROM generate_series(1::bigint, 8000000) i"

ok "the session still works after the cancellations" \
	test "$(q "SELECT conflict_stats.num_reports(s) FROM small")" = 2

# --- a million groups under a small work_mem: hash aggregates spill ---
ok "create a million one-row groups" \
	q "CREATE TABLE groups AS SELECT i AS g, (i % 1000)::float8 + 1 AS v, (i % 7)::float8 + 1 AS w,
		   '2024-01-01'::timestamptz + (i % 500) * interval '1 hour' AS at,
		   conflict_stats.estimate(i % 1000, i % 1000 - 1, i % 1000 + 2) AS e
	   FROM generate_series(1, 1000000) i; ANALYZE groups"
for agg in "conflict_stats.trend_agg(v, at)" "conflict_stats.cumulative_agg(v, at)" \
	"conflict_stats.cost_per_gain(v, w)" "conflict_stats.elasticity(v, w)" \
	"conflict_stats.sum(e)" "conflict_stats.avg(e)" "conflict_stats.consensus(e)" \
	"conflict_stats.envelope(e)" "conflict_stats.report_series(v, at)"; do
	ok "GROUP BY a million groups of $agg spills to disk under work_mem = 64kB and completes" \
		spills "SELECT g, $agg FROM groups GROUP BY g"
done

done_testing
