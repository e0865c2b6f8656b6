#!/bin/bash
#
# cumulative_bench.sh
#		Benchmark of cumulative_agg (run by hand, not part of the test run).
#
# On a 5,000,000-row table, with jit off and the table in shared buffers
# (pg_prewarm), it times
#
#	fitted_rate(cumulative_agg(v, d))   against   regr_slope(v, x)
#
# where x is the float8 day number of the same date d (target: ratio <= 1.1,
# although cumulative_agg also keeps the quadratic fit and the first and last
# report), and cumulative_agg with two parallel workers against one process
# (target: >= 1.6 times faster).  The queries run in turns, RUNS times each,
# so that a change of load on the machine hits them alike; the best time of
# each counts (psql's \timing).
#
#	bash test/bench/cumulative_bench.sh            # in its own throwaway cluster
#	ROWS=1000000 RUNS=3 bash test/bench/cumulative_bench.sh
#
# The throwaway cluster is of PostgreSQL $PGVER (15 by default;
# test/lib/cluster.sh).  With PGHOST/PGPORT set it uses that server instead.
# The extension must be installed (make install).

set -eu

ROWS=${ROWS:-5000000}
RUNS=${RUNS:-7}

if [ -z "${PGPORT:-}" ]; then
	CLUSTER_SETTINGS="shared_buffers = 1GB
max_parallel_workers = 4
max_worker_processes = 8
jit = off" exec bash "$(dirname "$0")/../lib/cluster.sh" "${PGVER:-15}" bash "$0" "$@"
fi

echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
echo "(the speed-up of two workers needs two idle CPUs; other work on the machine lowers it)"

OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

CUM="SELECT conflict_stats.fitted_rate(conflict_stats.cumulative_agg(v, d)) FROM cum_bench;"
REGR="SELECT regr_slope(v, x) FROM cum_bench;"
SERIAL="SET max_parallel_workers_per_gather = 0;"
# two workers; the leader only gathers
PARALLEL="SET max_parallel_workers_per_gather = 2;"

{
	cat <<EOF
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS conflict_stats;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
SET jit = off;
DROP TABLE IF EXISTS cum_bench;
CREATE TABLE cum_bench AS
SELECT v, d, (d - date '2000-01-01')::float8 AS x
FROM (SELECT (1e9 + 1200 * (i % 1000) + 0.5 * (i % 1000) ^ 2 + i * 7919 % 1000)::float8 AS v,
			 date '2022-02-24' + (i % 1000)::int AS d
	  FROM generate_series(1::bigint, $ROWS) i) s;
VACUUM ANALYZE cum_bench;
SELECT pg_prewarm('cum_bench') > 0 AS prewarmed;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
$PARALLEL
EXPLAIN (COSTS OFF) $CUM
$CUM
$SERIAL
$CUM
\\timing on
EOF
	for _ in $(seq "$RUNS"); do
		echo "$SERIAL"
		echo "\\echo @ cum_serial";    echo "$CUM"
		echo "\\echo @ regr_serial";   echo "$REGR"
		echo "\\echo @ scan_serial";   echo "SELECT count(*) FROM cum_bench;"
		echo "$PARALLEL"
		echo "\\echo @ cum_parallel";  echo "$CUM"
		echo "\\echo @ regr_parallel"; echo "$REGR"
	done
	echo "\\timing off"
	echo "DROP TABLE cum_bench;"
} | psql -X -v ON_ERROR_STOP=1 > "$OUT"

sed -n '/QUERY PLAN/,/rows)/p' "$OUT"

# the best time of each query, in ms
best()
{
	awk -v name="$1" '
		/^@ / { cur = $2; next }
		/^Time: / { if (cur == name && (best == "" || $2 + 0 < best)) best = $2 + 0; cur = "" }
		END { print best }' "$OUT"
}
cum_serial=$(best cum_serial)
regr_serial=$(best regr_serial)
scan_serial=$(best scan_serial)
cum_parallel=$(best cum_parallel)
regr_parallel=$(best regr_parallel)

awk -v rows="$ROWS" -v runs="$RUNS" -v cs="$cum_serial" -v rs="$regr_serial" -v ss="$scan_serial" \
	-v cp="$cum_parallel" -v rp="$regr_parallel" 'BEGIN {
	printf "rows %d, best of %d runs, jit off, table prewarmed\n", rows, runs
	printf "serial:    fitted_rate(cumulative_agg) %.1f ms, regr_slope %.1f ms, count(*) %.1f ms\n", cs, rs, ss
	printf "parallel:  fitted_rate(cumulative_agg) %.1f ms, regr_slope %.1f ms (2 workers)\n", cp, rp
	r = cs / rs
	printf "ratio cumulative_agg / regr_slope, serial: %.3f  (target <= 1.1: %s)\n", r, ((r <= 1.1) ? "met" : "NOT met")
	s = cs / cp
	printf "speed-up of cumulative_agg with 2 workers: %.3f  (target >= 1.6: %s; regr_slope: %.3f)\n", s, ((s >= 1.6) ? "met" : "NOT met"), rs / rp
}'
