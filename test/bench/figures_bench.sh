#!/bin/bash
#
# figures_bench.sh
#		How fast figures_in reads a text (issue target):
#
#	(a) figures_in(body) over 10 MB of wire-style sentences vs
#		regexp_matches(body, '[0-9][0-9,.]*', 'g') over the same text, the
#		cheapest scan PostgreSQL has for "where are the numbers";
#		target: ratio <= 3
#	(b) figures_in over 1 MB and over 10 MB of the same sentences: the time
#		grows linearly (ratio about 10)
#
# The text is the corpus test/data/wire_sentences.tsv repeated in a random
# (seeded) order, one row per size, stored TOASTed as any long text is.  JIT
# off, serial plans, the table and its TOAST table prewarmed (pg_prewarm);
# each figure is the best of RUNS runs, timed by the server (clock_timestamp).
#
# Usage (by hand, not part of test/run_tests.sh; needs "make install" first):
#	bash test/bench/figures_bench.sh
# Without PGHOST it runs itself in a throwaway cluster of PostgreSQL $PGVER
# (test/lib/cluster.sh); with PGHOST/PGPORT set it uses that server, reached
# as a superuser.
#
# Environment: MB (10), RUNS (5), PGVER (15).  Exit status 1 when a target
# is missed.

set -euo pipefail

MB=${MB:-10}
RUNS=${RUNS:-5}
PGVER=${PGVER:-15}
HERE=$(cd "$(dirname "$0")" && pwd)

if [ -z "${PGHOST:-}" ]; then
	CLUSTER_SETTINGS="shared_buffers = 512MB
work_mem = 64MB
jit = off
max_parallel_workers_per_gather = 0" \
		exec bash "$HERE/../lib/cluster.sh" "$PGVER" bash "$0" "$@"
fi

PSQL=(psql -X -q -v ON_ERROR_STOP=1 --no-psqlrc)
DB=${PGDATABASE:-postgres}

# Run SQL; stdin is the script.
sql()
{
	"${PSQL[@]}" -d "$DB" -At "$@"
}

echo "# server: $(sql -c 'SHOW server_version') on ${PGHOST:-local}:${PGPORT:-5432}"
echo "# text: $MB MB and 1/$MB of it; best of $RUNS runs"

sql <<SQL
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS conflict_stats;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
DROP TABLE IF EXISTS bench_wire, bench_body;

-- Best of n runs of a query, in milliseconds, timed by the server.
CREATE OR REPLACE FUNCTION public.figures_bench_best_ms(q text, n int) RETURNS float8
LANGUAGE plpgsql AS \$\$
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
END \$\$;

CREATE TABLE bench_wire (n integer, sentence text);
\copy bench_wire FROM '$HERE/../data/wire_sentences.tsv'
SELECT setseed(0.5);
-- the sentences repeated in a random order, to the size asked for
CREATE TABLE bench_body (mb float8, body text);
INSERT INTO bench_body
SELECT $MB, left(string_agg(sentence, ' ' ORDER BY r), $MB * 1024 * 1024)
FROM (SELECT sentence, random() AS r
	  FROM bench_wire, generate_series(1, ceil($MB * 1024 * 1024 / (SELECT sum(length(sentence) + 1) FROM bench_wire))::int)) s;
INSERT INTO bench_body SELECT 1, left(body, 1024 * 1024) FROM bench_body;
VACUUM ANALYZE bench_body;
SQL

results=$(sql <<SQL
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SELECT pg_prewarm('bench_body') + pg_prewarm(reltoastrelid) > 0 FROM pg_class WHERE oid = 'bench_body'::regclass;
SELECT octet_length(body) || ' bytes, ' || (SELECT count(*) FROM conflict_stats.figures_in(body)) || ' figures, '
	   || (SELECT count(*) FROM regexp_matches(body, '[0-9][0-9,.]*', 'g')) || ' regexp matches'
FROM bench_body WHERE mb = $MB;
SELECT round(public.figures_bench_best_ms(\$q\$SELECT count(*) FROM bench_body b, conflict_stats.figures_in(b.body) f WHERE b.mb = $MB\$q\$, $RUNS)::numeric, 1);
SELECT round(public.figures_bench_best_ms(\$q\$SELECT count(*) FROM bench_body b, regexp_matches(b.body, '[0-9][0-9,.]*', 'g') m WHERE b.mb = $MB\$q\$, $RUNS)::numeric, 1);
SELECT round(public.figures_bench_best_ms(\$q\$SELECT count(*) FROM bench_body b, conflict_stats.figures_in(b.body) f WHERE b.mb = 1\$q\$, $RUNS)::numeric, 1);
SELECT round(public.figures_bench_best_ms(\$q\$SELECT count(*) FROM bench_body b, regexp_matches(b.body, '[0-9][0-9,.]*', 'g') m WHERE b.mb = 1\$q\$, $RUNS)::numeric, 1);
SQL
)
{
	read -r _prewarmed
	read -r what
	read -r ms_fig
	read -r ms_re
	read -r ms_fig1
	read -r ms_re1
} <<< "$results"
echo "# $MB MB text: $what"
echo "figures_in, $MB MB:     $ms_fig ms (best of $RUNS)"
echo "regexp_matches, $MB MB: $ms_re ms (best of $RUNS)"
echo "figures_in, 1 MB:      $ms_fig1 ms (best of $RUNS)"
echo "regexp_matches, 1 MB:  $ms_re1 ms (best of $RUNS; its own growth: $(awk -v a="$ms_re" -v b="$ms_re1" 'BEGIN { printf "%.2f", a / b }'))"

sql -c "DROP TABLE bench_wire, bench_body; DROP FUNCTION public.figures_bench_best_ms(text, int)" > /dev/null

ratio()
{
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}
scan_ratio=$(ratio "$ms_fig" "$ms_re")
growth=$(ratio "$ms_fig" "$ms_fig1")
missed=0
if awk -v r="$scan_ratio" 'BEGIN { exit !(r <= 3) }'; then v_scan=met; else v_scan=MISSED; missed=1; fi
# linear: the 1 MB to MB MB time ratio within a quarter of MB
if awk -v r="$growth" -v m="$MB" 'BEGIN { exit !(r >= 0.75 * m && r <= 1.25 * m) }'; then
	v_lin=met
else
	v_lin=MISSED
	missed=1
fi
echo "figures_in / regexp_matches: $scan_ratio (target <= 3) $v_scan"
echo "figures_in $MB MB / 1 MB: $growth (linear: about $MB) $v_lin"
exit $missed
