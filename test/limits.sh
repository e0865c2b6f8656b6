#!/bin/bash
# test/limits.sh: long-running work inside conflict_stats honours
# statement_timeout (query cancel), and aggregates with a million groups run
# in a hash aggregate that spills to disk under a small work_mem.
#
# Cancellation: each workload would run for seconds; with statement_timeout
# = 200ms it must fail with SQLSTATE 57014 ("canceling statement due to
# statement timeout") and return within LIMIT_MS (default 1500 ms).  Where the
# loop is one call of our C code (text output of a series of 8 million
# reports, which alone takes about 3 s; text input of the same, about 5 s), a
# missing CHECK_FOR_INTERRUPTS would show as the statement returning late,
# after the whole loop.
#
# Runs against an existing cluster with the extension installed (make
# install) and a superuser connection in PGHOST/PGPORT/PGUSER, e.g.
#     pg_virtualenv -t bash test/limits.sh
# Prints TAP; makes a database cs_limits and drops it at the end.  About 30 s
# and 1 GB of disk.

set -u

PSQL="psql -X -q -A -t -v ON_ERROR_STOP=1"
DB=cs_limits
LIMIT_MS=${LIMIT_MS:-1500}
TMP=$(mktemp -d)
. "$(dirname "$0")/lib/tap.sh"

# q SQL: runs SQL in the test database
q()
{
	$PSQL -d $DB -c "$1"
}

# cancelled SQL: SQL fails with 57014 within LIMIT_MS under a 200 ms
# statement_timeout
cancelled()
{
	local start end ms out
	start=$(date +%s%N)
	out=$($PSQL -d $DB -c '\set VERBOSITY verbose' -c "SET statement_timeout = '200ms'" -c "$1" 2>&1)
	end=$(date +%s%N)
	ms=$(( (end - start) / 1000000 ))
	echo "$out" | head -n 5
	echo "elapsed: $ms ms (limit $LIMIT_MS ms)"
	grep -q 'ERROR:  57014: canceling statement due to statement timeout' <<<"$out" &&
		[ $ms -le "$LIMIT_MS" ]
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

# --- cancellation ---
ok "text output of the series (one call of series_out) is cancelled" \
	cancelled "SELECT length(s::text) FROM big"
ok "text output through COPY is cancelled" \
	cancelled "COPY big TO STDOUT"
ok "store the series' text form (263 MB)" \
	q "CREATE TABLE bigtext (t text); ALTER TABLE bigtext ALTER t SET STORAGE EXTERNAL;
	   INSERT INTO bigtext SELECT s::text FROM big"
ok "text input of the series (one call of series_in) is cancelled" \
	cancelled "SELECT conflict_stats.num_reports(t::conflict_stats.series) FROM bigtext"
ok "reports() of the series is cancelled" \
	cancelled "SELECT count(*) FROM (SELECT conflict_stats.reports(s) FROM big) r"
ok "reports() in FROM is cancelled" \
	cancelled "SELECT count(*) FROM big, conflict_stats.reports(s)"
ok "losses_by_period with a 1-microsecond bucket over a year is cancelled" \
	cancelled "SELECT count(*) FROM (SELECT conflict_stats.losses_by_period(s, '1 microsecond') FROM small) r"
ok "losses_by_period with a 1-microsecond bucket and a distant origin is cancelled" \
	cancelled "SELECT count(*) FROM (SELECT conflict_stats.losses_by_period(s, '1 microsecond', '1000-01-01 00:00+00') FROM small) r"
ok "report_series over 30,000,000 generated rows in time order is cancelled" \
	cancelled "SELECT conflict_stats.num_reports(conflict_stats.report_series(i::float8, '2000-01-01'::timestamptz + i * interval '1 second')) FROM generate_series(1, 30000000) i"
ok "report_series over 30,000,000 rows in scrambled order (sorted at the end) is cancelled" \
	cancelled "SELECT conflict_stats.num_reports(conflict_stats.report_series(i::float8, '2000-01-01'::timestamptz + ((i * 7919) % 30000001) * interval '1 second')) FROM generate_series(1::bigint, 30000000) i"
ok "report_series merged from 8,000,000 rows in 16 runs is cancelled" \
	cancelled "SELECT conflict_stats.num_reports(conflict_stats.report_series(i::float8, '2000-01-01'::timestamptz + ((i % 16) * 500000 + i / 16) * interval '1 second')) FROM generate_series(1::bigint, 8000000) i"
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

echo "1..$n"
if [ $failed -ne 0 ]; then
	echo "# $failed of $n checks failed"
	exit 1
fi
exit 0
