#!/bin/bash
#
# series_bench.sh
#		Benchmark of report_series + losses_by_period, run by
#		hand against a server with the extension installed:
#
#			bash test/bench/series_bench.sh	(its own throwaway cluster of
#											 PostgreSQL $PGVER, 15 by default:
#											 test/lib/cluster.sh)
#		or	PGHOST=... PGPORT=... PGDATABASE=... bash test/bench/series_bench.sh
#
# 1. 1M reports (1,000 series x 1,000 daily reports) to monthly losses,
#    GROUP BY series, three ways:
#      ext   report_series + losses_by_period
#      sql   the plain SQL an analyst would write for the same answer (window
#            LAG, generate_series of month edges, linear interpolation at
#            the edges, clipped to the span); checked to give the same rows
#      max   SELECT series, max(total) ... GROUP BY series (a floor: one pass)
#    targets: sql / ext >= 3, ext / max <= 3
# 2. Memory: report_series over 10M reports (in scrambled time order, so the
#    final sort runs) in a fresh backend; the backend's peak resident set
#    (getrusage ru_maxrss, printed by log_statement_stats) minus the same
#    backend's peak before the query.  target < 400 MB.  The same over 10M
#    estimates (half of them approximate) is printed, with no target.
#
# jit = off; the table is prewarmed (pg_prewarm) and VACUUM ANALYZEd; each
# query runs once untimed, then five times timed, and the best time counts
# (as the other benchmarks do).  Prints the timings,
# the ratios and whether each target holds; exits non-zero if one does not.

set -eu
set -o pipefail

if [ -z "${PGPORT:-}" ]; then
	CLUSTER_SETTINGS="shared_buffers = 1GB
jit = off" exec bash "$(dirname "$0")/../lib/cluster.sh" "${PGVER:-15}" bash "$0" "$@"
fi

PSQL="psql -X -q -v ON_ERROR_STOP=1"
OUT=$(mktemp -d "${TMPDIR:-/tmp}/series_bench.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

echo "# setting up 1,000 series x 1,000 daily reports"
$PSQL <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS conflict_stats;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
DROP TABLE IF EXISTS series_bench;
CREATE TABLE series_bench (series int, day date, total float8);
-- loaded day by day, as daily reports arrive; each series has its own rate,
-- some noise and an occasional downward revision
INSERT INTO series_bench
SELECT s, '2022-02-24'::date + d,
	   floor(d * (800 + (s % 97) * 10) + 300 * sin(d * 0.7 + s) + 50 * ((d * s) % 7))
FROM generate_series(0, 999) d, generate_series(1, 1000) s;
VACUUM ANALYZE series_bench;
SELECT pg_prewarm('series_bench') \g /dev/null
SQL

# The three queries.  Each ends in a one-row aggregate so that no time goes
# to sending rows to the client.
EXT_Q="
SELECT count(*) AS n, sum(l.losses) AS sum_losses
FROM (SELECT series, conflict_stats.report_series(total, day) AS s
	  FROM series_bench GROUP BY series) g,
	 LATERAL conflict_stats.losses_by_period(g.s, '1 month') l"

# The analyst's SQL: one row per report with the report before it (LAG),
# the month buckets overlapping each series' span (generate_series), the
# total at each clipped bucket edge interpolated on the segment holding it.
SQL_CORE="
WITH seg AS (
	SELECT series,
		   lag(day::timestamp) OVER w AS t0, lag(total) OVER w AS v0,
		   day::timestamp AS t1, total AS v1
	FROM series_bench
	WINDOW w AS (PARTITION BY series ORDER BY day)
), span AS (
	SELECT series, min(day)::timestamp AS first_at, max(day)::timestamp AS last_at
	FROM series_bench GROUP BY series
), months AS (
	SELECT s.series, m AS period_start, m + interval '1 month' AS period_end,
		   greatest(m, s.first_at) AS lo, least(m + interval '1 month', s.last_at) AS hi
	FROM span s,
		 generate_series(date_trunc('month', s.first_at), s.last_at, interval '1 month') m
	WHERE m < s.last_at
), pts AS (
	SELECT series, lo AS p FROM months
	UNION
	SELECT series, hi FROM months
), vals AS (
	SELECT p.series, p.p,
		   CASE WHEN g.t0 IS NULL OR p.p = g.t1 THEN g.v1
				ELSE g.v0 + (g.v1 - g.v0) * extract(epoch FROM p.p - g.t0)
										  / extract(epoch FROM g.t1 - g.t0)
		   END AS v
	FROM pts p
	JOIN seg g ON g.series = p.series
			  AND ((g.t0 < p.p AND p.p <= g.t1) OR (g.t0 IS NULL AND p.p = g.t1))
)
SELECT m.series, m.period_start, vh.v - vl.v AS losses,
	   (vh.v - vl.v) / (extract(epoch FROM m.hi - m.lo) / 86400) AS per_day
FROM months m
JOIN vals vl ON vl.series = m.series AND vl.p = m.lo
JOIN vals vh ON vh.series = m.series AND vh.p = m.hi"
SQL_Q="SELECT count(*) AS n, sum(losses) AS sum_losses FROM ($SQL_CORE) q"

MAX_Q="
SELECT count(*) AS n, sum(m) AS sum_max
FROM (SELECT series, max(total) AS m FROM series_bench GROUP BY series) g"

echo "# checking that the plain SQL gives the same answer"
$PSQL -At <<SQL > "$OUT/check"
SET TimeZone = 'UTC';
SET jit = off;
WITH a AS (
	SELECT g.series, l.period_start::timestamp AS period_start, l.losses, l.per_day
	FROM (SELECT series, conflict_stats.report_series(total, day) AS s
		  FROM series_bench GROUP BY series) g,
		 LATERAL conflict_stats.losses_by_period(g.s, '1 month') l
), b AS ($SQL_CORE)
SELECT (SELECT count(*) FROM a) || ' ' || (SELECT count(*) FROM b) || ' ' ||
	   count(*) || ' ' ||
	   coalesce(max(abs(a.losses - b.losses) / greatest(1, abs(b.losses))), 0) || ' ' ||
	   coalesce(max(abs(a.per_day - b.per_day) / greatest(1, abs(b.per_day))), 0)
FROM a JOIN b USING (series, period_start);
SQL
read -r n_ext n_sql n_join err_losses err_perday < "$OUT/check"
echo "# rows: ext $n_ext, sql $n_sql, matched $n_join; largest relative difference: losses $err_losses, per_day $err_perday"
SAME=$(awk -v a="$n_ext" -v b="$n_sql" -v c="$n_join" -v e1="$err_losses" -v e2="$err_perday" \
	'BEGIN { print (a == b && b == c && a > 0 && e1 < 1e-9 && e2 < 1e-9) ? "yes" : "no" }')
echo "# same answer: $SAME"

echo "# timing (jit off, prewarmed, best of 5 runs after a warm-up, in one session)"
# Run a query once untimed and five times timed in one session; print the
# best time in ms (single runs move by a third on a shared machine).
#	time_query NAME QUERY [SETTING...]
time_query()
{
	local name=$1 query=$2
	shift 2
	local settings=""
	for s in "$@"; do settings+="SET $s;"$'\n'; done
	$PSQL <<SQL > "$OUT/$name.log" 2>&1
SET TimeZone = 'UTC';
SET jit = off;
$settings
$query;
\timing on
$query;
$query;
$query;
$query;
$query;
SQL
	grep -E '^Time: ' "$OUT/$name.log" | sed -E 's/^Time: ([0-9.]+) ms.*/\1/' | sort -g | head -n 1
}
T_EXT=$(time_query ext "$EXT_Q")
T_SQL=$(time_query sql "$SQL_Q")
T_MAX=$(time_query max "$MAX_Q")
# the same without parallel workers (a fairer floor on a small machine)
T_EXT1=$(time_query ext1 "$EXT_Q" "max_parallel_workers_per_gather = 0")
T_MAX1=$(time_query max1 "$MAX_Q" "max_parallel_workers_per_gather = 0")
printf '  %-50s %10.1f ms\n' "report_series + losses_by_period" "$T_EXT"
printf '  %-50s %10.1f ms\n' "plain SQL (LAG, generate_series, interpolation)" "$T_SQL"
printf '  %-50s %10.1f ms\n' "max(total) GROUP BY series" "$T_MAX"
printf '  %-50s %10.1f ms\n' "report_series + losses_by_period, no workers" "$T_EXT1"
printf '  %-50s %10.1f ms\n' "max(total) GROUP BY series, no workers" "$T_MAX1"

echo "# memory of report_series over 10M reports"
$PSQL <<'SQL' > "$OUT/mem.log" 2>&1
SET client_min_messages = log;
SET log_statement_stats = on;
SET jit = off;
SELECT 1 AS baseline;
SELECT conflict_stats.num_reports(conflict_stats.report_series(
		   i::float8,
		   '2000-01-01 00:00+00'::timestamptz + ((i * 7919::bigint) % 10000000) * interval '1 minute'))
FROM generate_series(0, 9999999) i;
SQL
RSS=($(grep -E 'kB max resident size' "$OUT/mem.log" | sed -E 's/^[^0-9]*([0-9]+) kB max resident size.*/\1/'))
if [ ${#RSS[@]} -lt 3 ]; then
	echo "# could not read max resident size from log_statement_stats:"
	sed 's/^/#   /' "$OUT/mem.log" | head -40
	exit 1
fi
# RSS[0] is the SET before, RSS[1] the baseline query, RSS[2] the aggregate
RSS_BASE=${RSS[1]}
RSS_PEAK=${RSS[2]}
MEM_MB=$(awk -v a="$RSS_PEAK" -v b="$RSS_BASE" 'BEGIN { printf "%.1f", (a - b) / 1024 }')
printf '  %-50s %10s kB\n' "backend peak RSS before" "$RSS_BASE" "backend peak RSS after the 10M aggregate" "$RSS_PEAK"

# The same over 10M estimates (every other one approximate, so the result is
# a series of format 2), in a fresh backend: no target, the figure is stated.
echo "# memory of report_series over 10M estimate reports"
$PSQL <<'SQL' > "$OUT/mem_est.log" 2>&1
SET client_min_messages = log;
SET log_statement_stats = on;
SET jit = off;
SELECT 1 AS baseline;
SELECT conflict_stats.num_reports(conflict_stats.report_series(
		   (CASE WHEN i % 2 = 0 THEN '~' ELSE '' END || i)::conflict_stats.estimate,
		   '2000-01-01 00:00+00'::timestamptz + ((i * 7919::bigint) % 10000000) * interval '1 minute'))
FROM generate_series(0, 9999999) i;
SQL
RSS_E=($(grep -E 'kB max resident size' "$OUT/mem_est.log" | sed -E 's/^[^0-9]*([0-9]+) kB max resident size.*/\1/'))
if [ ${#RSS_E[@]} -lt 3 ]; then
	echo "# could not read max resident size from log_statement_stats:"
	sed 's/^/#   /' "$OUT/mem_est.log" | head -40
	exit 1
fi
MEM_EST_MB=$(awk -v a="${RSS_E[2]}" -v b="${RSS_E[1]}" 'BEGIN { printf "%.1f", (a - b) / 1024 }')
printf '  %-50s %10s kB\n' "backend peak RSS before" "${RSS_E[1]}" "backend peak RSS after the 10M aggregate" "${RSS_E[2]}"

echo
echo "# results"
FAIL=0
report()
{
	local desc=$1 value=$2 op=$3 target=$4
	local ok
	ok=$(awk -v v="$value" -v t="$target" -v op="$op" \
		'BEGIN { if (op == ">=") print (v >= t) ? 1 : 0; else print (v < t || (op == "<=" && v == t)) ? 1 : 0 }')
	if [ "$ok" = 1 ]; then
		printf 'ok      %-56s %8s  (target %s %s)\n' "$desc" "$value" "$op" "$target"
	else
		printf 'FAILED  %-56s %8s  (target %s %s)\n' "$desc" "$value" "$op" "$target"
		FAIL=1
	fi
}
R_SQL=$(awk -v a="$T_SQL" -v b="$T_EXT" 'BEGIN { printf "%.2f", a / b }')
R_MAX=$(awk -v a="$T_EXT" -v b="$T_MAX" 'BEGIN { printf "%.2f", a / b }')
R_MAX1=$(awk -v a="$T_EXT1" -v b="$T_MAX1" 'BEGIN { printf "%.2f", a / b }')
report "plain SQL time / extension time" "$R_SQL" ">=" 3
report "extension time / max() GROUP BY time" "$R_MAX" "<=" 3
report "the same, no parallel workers" "$R_MAX1" "<=" 3
report "report_series memory over 10M reports (MB)" "$MEM_MB" "<" 400
printf 'info    %-56s %8s  (no target: stated)\n' "report_series memory over 10M estimate reports (MB)" "$MEM_EST_MB"
if [ "$SAME" != yes ]; then
	echo "FAILED  the plain SQL and the extension disagree"
	FAIL=1
else
	echo "ok      the plain SQL and the extension give the same rows"
fi

$PSQL -c 'DROP TABLE series_bench'
exit $FAIL
