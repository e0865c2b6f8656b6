#!/bin/sh
# trend_bench.sh: time trend_agg against PostgreSQL's own aggregates.
#
# Run by hand, not by the test command, against an installed extension:
#     sh test/bench/trend_bench.sh
# starts its own throwaway cluster of PostgreSQL $PGVER (15 by default;
# test/lib/cluster.sh); with PGHOST/PGPORT set it uses that server instead
# (PGUSER/PGDATABASE pointing at a scratch one).
# It creates the scratch database trend_bench, fills it (5M and 1M rows),
# prewarms the tables, runs every query REPS times with jit off and takes
# the fastest run, then prints each ratio with its target.
set -eu

REPS=${REPS:-3}
DB=${BENCH_DB:-trend_bench}

if [ -z "${PGPORT:-}" ]; then
	CLUSTER_SETTINGS="shared_buffers = 1GB
max_parallel_workers = 4
max_worker_processes = 8
jit = off" exec bash "$(dirname "$0")/../lib/cluster.sh" "${PGVER:-15}" sh "$0" "$@"
fi

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

run() {
	psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"
}

echo "# loading 5M + 1M rows ..."
run <<'SQL'
CREATE EXTENSION conflict_stats;
CREATE EXTENSION pg_prewarm;
SET search_path = conflict_stats, public;
-- 5M rows: daily losses over ~13 years, several rows per day
CREATE TABLE b5m AS
SELECT (1000 + 0.05 * (i % 5000) + (i::bigint * 7919) % 211)::float8 AS v,
	date '2012-01-01' + (i % 5000) AS d,
	((date '2012-01-01' + (i % 5000)) - date '1970-01-01')::float8 AS x
FROM generate_series(1, 5000000) i;
-- 1M rows in time order for rolling windows
CREATE TABLE b1m AS
SELECT i, (1000 + 0.05 * i + (i::bigint * 7919) % 211)::float8 AS v,
	date '0100-01-01' + i AS d,
	((date '0100-01-01' + i) - date '1970-01-01')::float8 AS x
FROM generate_series(1, 1000000) i;
VACUUM ANALYZE b5m;
VACUUM ANALYZE b1m;
SELECT pg_prewarm('b5m'), pg_prewarm('b1m');
SQL

# best execution time in ms of a query over REPS runs
# $1: settings, $2: query
best_ms() {
	best=""
	n=0
	while [ $n -lt "$REPS" ]; do
		ms=$(run -t -A <<SQL | sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p'
SET search_path = conflict_stats, public;
SET jit = off;
$1
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) $2;
SQL
)
		if [ -z "$best" ] || [ "$(echo "$ms < $best" | bc -l)" = 1 ]; then
			best=$ms
		fi
		n=$((n + 1))
	done
	echo "$best"
}

SERIAL="SET max_parallel_workers_per_gather = 0;"
PARALLEL="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; SET parallel_leader_participation = off;"

echo "# timing (best of $REPS) ..."
agg_trend=$(best_ms "$SERIAL" "SELECT slope(trend_agg(v, d)) FROM b5m")
agg_regr=$(best_ms "$SERIAL" "SELECT regr_slope(v, x) FROM b5m")
agg_par=$(best_ms "$PARALLEL" "SELECT slope(trend_agg(v, d)) FROM b5m")
w_trend=$(best_ms "$SERIAL" "SELECT sum(s) FROM (SELECT slope(trend_agg(v, d) OVER w) AS s FROM b1m WINDOW w AS (ORDER BY d ROWS 29 PRECEDING)) q")
w_regr=$(best_ms "$SERIAL" "SELECT sum(s) FROM (SELECT regr_slope(v, x) OVER w AS s FROM b1m WINDOW w AS (ORDER BY d ROWS 29 PRECEDING)) q")
w_count=$(best_ms "$SERIAL" "SELECT sum(s) FROM (SELECT count(v) OVER w AS s FROM b1m WINDOW w AS (ORDER BY d ROWS 29 PRECEDING)) q")
w_trend1000=$(best_ms "$SERIAL" "SELECT sum(s) FROM (SELECT slope(trend_agg(v, d) OVER w) AS s FROM b1m WINDOW w AS (ORDER BY d ROWS 999 PRECEDING)) q")

ratio() {
	echo "scale=3; $1 / $2" | bc -l
}
verdict() {
	# $1 ratio, $2 op, $3 target
	if [ "$(echo "$1 $2 $3" | bc -l)" = 1 ]; then echo ok; else echo "NOT MET"; fi
}

printf '%-62s %10s ms\n' "slope(trend_agg(v, d)), 5M rows, serial" "$agg_trend"
printf '%-62s %10s ms\n' "regr_slope(v, x), 5M rows, serial" "$agg_regr"
printf '%-62s %10s ms\n' "slope(trend_agg(v, d)), 5M rows, 2 workers" "$agg_par"
printf '%-62s %10s ms\n' "rolling 30 rows slope(trend_agg) OVER w, 1M rows" "$w_trend"
printf '%-62s %10s ms\n' "rolling 30 rows regr_slope OVER w, 1M rows" "$w_regr"
printf '%-62s %10s ms\n' "rolling 30 rows count(v) OVER w, 1M rows" "$w_count"
printf '%-62s %10s ms\n' "rolling 1000 rows slope(trend_agg) OVER w, 1M rows" "$w_trend1000"
echo

r1=$(ratio "$agg_trend" "$agg_regr")
r2=$(ratio "$w_regr" "$w_trend")
r3=$(ratio "$w_trend" "$w_count")
r4=$(ratio "$w_trend1000" "$w_trend")
r5=$(ratio "$agg_trend" "$agg_par")
printf '%-58s %6s  target %-8s %s\n' "trend_agg / regr_slope (aggregate, serial)" "$r1" "<= 1.1" "$(verdict "$r1" '<=' 1.1)"
printf '%-58s %6s  target %-8s %s\n' "regr_slope OVER w / trend_agg OVER w (30 rows)" "$r2" ">= 4" "$(verdict "$r2" '>=' 4)"
printf '%-58s %6s  target %-8s %s\n' "trend_agg OVER w / count OVER w (30 rows)" "$r3" "<= 1.3" "$(verdict "$r3" '<=' 1.3)"
printf '%-58s %6s  target %-8s %s\n' "1000-row frame / 30-row frame" "$r4" "<= 1.1" "$(verdict "$r4" '<=' 1.1)"
printf '%-58s %6s  target %-8s %s\n' "serial / 2 workers" "$r5" ">= 1.6" "$(verdict "$r5" '>=' 1.6)"

psql -X -q -d postgres -c "DROP DATABASE $DB"
