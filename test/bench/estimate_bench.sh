#!/bin/bash
#
# estimate_bench.sh
#		How much the estimate type costs next to plain float8 (issue targets):
#
#	(a) sum: SELECT conflict_stats.sum(e) vs SELECT sum(f) over a table of
#		3M rows holding the same best values (a mix of forms in e);
#		target: ratio <= 1.5
#	(b) COPY: COPY t(e) FROM a file of 1M estimate texts vs COPY t2(f) FROM
#		the same best values written as plain float8 text;
#		target: ratio <= 1.4
#
# Serial plans, JIT off, tables prewarmed (pg_prewarm); each figure is the
# best of RUNS runs, timed by the server (clock_timestamp) for the sums and by
# psql's \timing for the COPYs.
#
# Usage (by hand, not part of test/run_tests.sh; needs "make install" first):
#	bash test/bench/estimate_bench.sh
# Without PGHOST it runs itself in a throwaway cluster of PostgreSQL $PGVER
# (test/lib/cluster.sh) with shared_buffers large enough to hold the tables,
# serial plans and JIT off.  With PGHOST/PGPORT set it
# uses that server, which must be local (server-side COPY FROM a file) and
# reached as a superuser.
#
# Environment: SUM_ROWS (3000000), COPY_ROWS (1000000), RUNS (5), PGVER (15).
# Exit status 1 when a target is missed.

set -euo pipefail

SUM_ROWS=${SUM_ROWS:-3000000}
COPY_ROWS=${COPY_ROWS:-1000000}
RUNS=${RUNS:-5}
PGVER=${PGVER:-15}

if [ -z "${PGHOST:-}" ]; then
	CLUSTER_SETTINGS="shared_buffers = 1GB
max_wal_size = 8GB
checkpoint_timeout = 1h
work_mem = 64MB
jit = off
max_parallel_workers_per_gather = 0" \
		exec bash "$(dirname "$0")/../lib/cluster.sh" "$PGVER" bash "$0" "$@"
fi

PSQL=(psql -X -q -v ON_ERROR_STOP=1 --no-psqlrc)
DB=${PGDATABASE:-postgres}

# A directory the server can write and read (server-side COPY).
DATADIR=$(mktemp -d "${TMPDIR:-/tmp}/estimate_bench.XXXXXX")
chmod 777 "$DATADIR"
trap 'rm -rf "$DATADIR"' EXIT

# Run SQL in the benchmark session settings; stdin is the script.
sql()
{
	"${PSQL[@]}" -d "$DB" -At "$@"
}

echo "# server: $(sql -c 'SHOW server_version') on ${PGHOST:-local}:${PGPORT:-5432}"
echo "# rows: sum $SUM_ROWS, copy $COPY_ROWS; best of $RUNS runs"

# ---------------------------------------------------------------------------
# Setup: the extension, a timing helper, the data

sql <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS conflict_stats;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
DROP TABLE IF EXISTS bench_src, bench_sum, bench_copy_e, bench_copy_f;

-- Best of n runs of a query, in milliseconds, timed by the server.
CREATE OR REPLACE FUNCTION public.estimate_bench_best_ms(q text, n int) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	ms float8;
	best float8 := 'Infinity';
BEGIN
	EXECUTE q;					-- warm-up
	FOR i IN 1 .. n LOOP
		t0 := clock_timestamp();
		EXECUTE q;
		ms := 1000 * extract(epoch FROM clock_timestamp() - t0);
		best := least(best, ms);
	END LOOP;
	RETURN best;
END $$;
SQL

# The text forms sources use, over random best values (integers mostly, some
# with cents); f is the best value of e, so both columns sum the same numbers.
gen_sql()
{
	local rows=$1

	cat <<SQL
SELECT i, CASE i % 8
		WHEN 0 THEN b::text
		WHEN 1 THEN '~' || b
		WHEN 2 THEN '>' || b
		WHEN 3 THEN 'more than ' || to_char(b, 'FM999,999,999,999')
		WHEN 4 THEN (b - 1000) || '..' || (b + 1000)
		WHEN 5 THEN b || ' [' || (b - 5000) || ',' || (b + 20000) || ']'
		WHEN 6 THEN 'about ' || b
		ELSE '<=' || b
	END AS etext
FROM (SELECT i,
			 CASE WHEN i % 3 = 0 AND i % 8 <> 3
				  THEN round(random() * 1e8) / 100
				  ELSE floor(random() * 1e6) END::float8 AS b
	  FROM generate_series(1, $rows) AS i) AS s
SQL
}

echo "# building bench_sum ($SUM_ROWS rows) ..."
{
	echo "SET client_min_messages = warning;"
	echo "CREATE TABLE bench_sum (e conflict_stats.estimate, f float8);"
	echo "SELECT setseed(0.25);"
	echo "INSERT INTO bench_sum (e, f)"
	echo "SELECT e, conflict_stats.best(e) FROM (SELECT etext::conflict_stats.estimate AS e FROM ("
	gen_sql "$SUM_ROWS"
	echo ") AS g) AS x;"
	echo "VACUUM (FREEZE, ANALYZE) bench_sum;"
} | sql > /dev/null

echo "# writing $COPY_ROWS estimate texts and the same numbers as float8 text ..."
{
	echo "SET client_min_messages = warning;"
	echo "SELECT setseed(0.5);"
	echo "CREATE TABLE bench_src AS"
	gen_sql "$COPY_ROWS"
	echo ";"
	echo "COPY (SELECT etext FROM bench_src ORDER BY i) TO '$DATADIR/estimates.txt';"
	echo "ALTER TABLE bench_src ADD COLUMN ntext text;"
	echo "UPDATE bench_src SET ntext = conflict_stats.best(etext::conflict_stats.estimate)::text;"
	echo "VACUUM (FREEZE, ANALYZE) bench_src;"
	echo "COPY (SELECT ntext FROM bench_src ORDER BY i) TO '$DATADIR/numbers.txt';"
	echo "CREATE TABLE bench_copy_e (e conflict_stats.estimate);"
	echo "CREATE TABLE bench_copy_f (f float8);"
} | sql > /dev/null
echo "# sample estimate texts: $(head -n 8 "$DATADIR/estimates.txt" | paste -sd '|' | sed 's/|/ | /g')"
echo "# sample numbers:        $(head -n 8 "$DATADIR/numbers.txt" | paste -sd '|' | sed 's/|/ | /g')"

# ---------------------------------------------------------------------------
# (a) sum(estimate) vs sum(float8)

sums=$(sql <<SQL
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SELECT pg_prewarm('bench_sum') > 0;
SELECT pg_size_pretty(pg_relation_size('bench_sum'));
SELECT conflict_stats.sum(e)::text || ' / ' || sum(f)::text FROM bench_sum;
SELECT round(public.estimate_bench_best_ms('SELECT conflict_stats.sum(e) FROM bench_sum', $RUNS)::numeric, 1);
SELECT round(public.estimate_bench_best_ms('SELECT sum(f) FROM bench_sum', $RUNS)::numeric, 1);
SQL
)
{
	read -r _prewarmed
	read -r size
	read -r check
	read -r ms_e
	read -r ms_f
} <<< "$sums"
echo "# bench_sum: $size; sums: $check"
echo "sum(e) estimate: $ms_e ms (best of $RUNS)"
echo "sum(f) float8:   $ms_f ms (best of $RUNS)"

# ---------------------------------------------------------------------------
# (b) COPY FROM: estimate text vs float8 text

# Time one COPY into an emptied table, $RUNS times; print the best in ms.
copy_best_ms()
{
	local table=$1 column=$2 file=$3

	{
		echo "SET jit = off;"
		echo "SET max_parallel_workers_per_gather = 0;"
		# warm-up run: file in page cache, relation extended once
		echo "TRUNCATE $table;"
		echo "COPY $table ($column) FROM '$file';"
		for _ in $(seq "$RUNS"); do
			echo "TRUNCATE $table;"
			echo "CHECKPOINT;"
			printf "%s\n" "\\timing on"
			echo "COPY $table ($column) FROM '$file';"
			printf "%s\n" "\\timing off"
		done
		echo "SELECT count(*) FROM $table;"
	} | sql | awk '
		/^Time: / { t = $2 + 0; if (best == "" || t < best) best = t; next }
		/^[0-9]+$/ { rows = $1 }
		END { if (rows == "") rows = "?"; printf "%.1f %s\n", best, rows }'
}

read -r copy_e rows_e < <(copy_best_ms bench_copy_e e "$DATADIR/estimates.txt")
read -r copy_f rows_f < <(copy_best_ms bench_copy_f f "$DATADIR/numbers.txt")
echo "COPY estimate:   $copy_e ms for $rows_e rows (best of $RUNS)"
echo "COPY float8:     $copy_f ms for $rows_f rows (best of $RUNS)"

# Where COPY's time goes: the input functions alone, over the same texts.
inputs=$(sql <<SQL
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SELECT pg_prewarm('bench_src') > 0;
SELECT round(public.estimate_bench_best_ms('SELECT count(etext), count(ntext) FROM bench_src', $RUNS)::numeric, 1);
SELECT round(public.estimate_bench_best_ms('SELECT count(etext::conflict_stats.estimate) FROM bench_src', $RUNS)::numeric, 1);
SELECT round(public.estimate_bench_best_ms('SELECT count(ntext::float8) FROM bench_src', $RUNS)::numeric, 1);
SELECT round(avg(length(etext)), 1) || ' / ' || round(avg(length(ntext)), 1) FROM bench_src;
SQL
)
{
	read -r _prewarmed
	read -r ms_scan
	read -r ms_in_e
	read -r ms_in_f
	read -r lengths
} <<< "$inputs"
awk -v s="$ms_scan" -v e="$ms_in_e" -v f="$ms_in_f" -v n="$COPY_ROWS" -v l="$lengths" 'BEGIN {
	printf "# input functions alone: estimate_in %.0f ns/value, float8in %.0f ns/value (mean text length %s)\n",
		(e - s) * 1e6 / n, (f - s) * 1e6 / n, l }'

sql -c "DROP TABLE bench_src, bench_sum, bench_copy_e, bench_copy_f; DROP FUNCTION public.estimate_bench_best_ms(text, int)" > /dev/null

# ---------------------------------------------------------------------------

missed=0
ratio()
{
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}
sum_ratio=$(ratio "$ms_e" "$ms_f")
copy_ratio=$(ratio "$copy_e" "$copy_f")
verdict()
{
	if awk -v r="$1" -v t="$2" 'BEGIN { exit !(r <= t) }'; then
		echo "met"
	else
		echo "MISSED"
	fi
}
v_sum=$(verdict "$sum_ratio" 1.5)
v_copy=$(verdict "$copy_ratio" 1.4)
[ "$v_sum" = met ] || missed=1
[ "$v_copy" = met ] || missed=1
echo "sum ratio: $sum_ratio (target <= 1.5) $v_sum"
echo "copy ratio: $copy_ratio (target <= 1.4) $v_copy"
exit $missed
