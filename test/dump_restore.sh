#!/bin/bash
# test/dump_restore.sh: user data kept in conflict_stats' types and reference
# tables survives pg_dump/pg_restore (custom format) and a plain-SQL dump
# replayed through psql, while the shipped reference rows come back exactly
# once; the extension also installs and works for a database owner who is not
# a superuser.
#
# Runs against an existing cluster with the extension installed (make install)
# and a superuser connection in PGHOST/PGPORT/PGUSER, e.g. a throwaway
# one:
#     bash test/lib/cluster.sh 15 bash test/dump_restore.sh
# Prints one TAP line per check and exits non-zero if any check fails.  It
# makes databases and roles named cs_dr_* and drops them at the end.

set -u

PSQL="psql -X -q -A -t -v ON_ERROR_STOP=1"
PREFIX=cs_dr
DB_A=${PREFIX}_a			# the original
DB_B=${PREFIX}_b			# restored from pg_dump -Fc with pg_restore
DB_C=${PREFIX}_c			# restored from pg_dump -Fp through psql
DB_F=${PREFIX}_fresh		# a fresh install, for the shipped rows
DB_O=${PREFIX}_owned		# installed by a database owner who is not superuser
DB_P=${PREFIX}_owned_copy	# DB_O restored from pg_dump -Fc
OWNER=${PREFIX}_owner		# a non-superuser database owner
READER=${PREFIX}_reader		# an ordinary role
WRITER=${PREFIX}_writer		# a role the owner grants writes to
TMP=$(mktemp -d)
. "$(dirname "$0")/lib/tap.sh"

# same A B: succeeds when the two strings are identical, else shows both
same()
{
	if [ "$1" == "$2" ]; then
		return 0
	fi
	echo "expected: $2"
	echo "got:      $1"
	return 1
}

# q DB SQL...: runs each SQL (or psql meta-command) in one session, printing
# the results
q()
{
	local db=$1 arg
	local args=()
	shift
	for arg in "$@"; do
		args+=(-c "$arg")
	done
	$PSQL -d "$db" "${args[@]}"
}

# denied DB ROLE SQL: succeeds when ROLE running SQL fails with SQLSTATE 42501
denied()
{
	local out
	if out=$(q "$1" '\set VERBOSITY verbose' "SET ROLE $2" "$3" 2>&1); then
		echo "succeeded: $3"
		return 1
	fi
	echo "$out"
	grep -q 'ERROR:  42501' <<<"$out"
}

cleanup()
{
	for db in $DB_A $DB_B $DB_C $DB_F $DB_O $DB_P; do
		$PSQL -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
	done
	for role in $OWNER $READER $WRITER; do
		$PSQL -d postgres -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1
	done
	rm -rf "$TMP"
}

cleanup_dbs_first()
{
	mkdir -p "$TMP"
	cleanup
	mkdir -p "$TMP"
}

# The user data: estimates of every text form in a user table, and user rows
# in each reference table, one of them pointing at a shipped source.
USER_DATA=$(cat <<'SQL'
CREATE TABLE public.user_estimates (
	id		integer PRIMARY KEY,
	v		conflict_stats.estimate
);
INSERT INTO public.user_estimates VALUES
	(1, '600000'), (2, '~600000'), (3, 'about 1200'), (4, 'some 648,000'),
	(5, '>600000'), (6, 'more than 600,000'), (7, '>= 600000'),
	(8, 'at least 15'), (9, '<600000'), (10, 'fewer than 50'),
	(11, '<=600000'), (12, 'as many as 615,000'), (13, '500000..700000'),
	(14, 'between 500000 and 700000'), (15, '615000 (500000..700000)'),
	(16, '615000 [500000,700000]'), (17, '20 [15,)'), (18, '601000 (600000,)'),
	(19, '5 (,10]'), (20, '0.1'), (21, '2.5e3'), (22, '-3'), (23, '1e+15'),
	(24, '0.6666666666666666'), (25, '~1.5e-7'), (26, NULL);

INSERT INTO public.user_estimates VALUES
	(27, '-0.1 (-1,0]'), (28, '1e-300'), (29, '~1.7976931348623157e+308'),
	(30, '0.30000000000000004 [0.1,0.5)'), (31, '5 (,10]'), (32, '-5 [-10,)'),
	(33, '<-1e-5'), (34, '0 (-1,1)');

-- summaries of every type, several of each, with edge cases: one row, ties,
-- a NULL summary, extreme magnitudes, microsecond instants, dates BC, a
-- series large enough to be compressed and stored out of line
CREATE TABLE public.user_summaries (
	id		integer PRIMARY KEY,
	t		conflict_stats.trend,
	c		conflict_stats.cumulative,
	g		conflict_stats.cost_per_gain_state,
	e		conflict_stats.elasticity_state,
	s		conflict_stats.series
);
CREATE TEMP TABLE rows_src (grp integer, v float8, g float8, at timestamptz);
INSERT INTO rows_src
SELECT 1, 1000 + i * 7.3 + (i % 5) * 0.1, 50 + i % 9, '2024-01-01 00:00+00'::timestamptz + i * interval '1 day'
  FROM generate_series(1, 300) i
UNION ALL SELECT 2, 42, 1, '2024-10-09 12:00+00'									-- one row
UNION ALL SELECT 3, v, g, at FROM (VALUES (100::float8, 2::float8, '2024-01-01 00:00:00.000001+00'::timestamptz),
	(100, 2, '2024-01-01 00:00:00.000002+00'), (90, 3, '2024-01-01 00:00:00.000002+00'),
	(130, 0.5, '2024-01-01 00:00:00.000003+00')) x(v, g, at)							-- microseconds, a tie, a fall
UNION ALL SELECT 4, 1e15 + i, 1e-5 * i, '0044-03-15 00:00+00 BC'::timestamptz + i * interval '1 year'
  FROM generate_series(1, 20) i															-- large values, dates BC
UNION ALL SELECT 5, 0.1 * i, -i, '2024-02-29 06:00+00'::timestamptz + i * interval '1 hour'
  FROM generate_series(1, 7) i															-- negative gains
UNION ALL SELECT 6, i * 1.000000001, 1 + i % 3, '2000-01-01 00:00+00'::timestamptz + i * interval '17 minutes'
  FROM generate_series(1, 200000) i;													-- a large series
INSERT INTO public.user_summaries
SELECT grp, conflict_stats.trend_agg(v, at), conflict_stats.cumulative_agg(v, at),
	   conflict_stats.cost_per_gain_trans(NULL, sum(v), sum(g)),
	   conflict_stats.elasticity_trans(conflict_stats.elasticity_trans(NULL, max(v), max(g) + 1), min(v) + 1, min(g) + 2),
	   conflict_stats.report_series(v, at)
  FROM rows_src GROUP BY grp;
INSERT INTO public.user_summaries VALUES
	(7, NULL, NULL, NULL, NULL, '{}'),
	(8, (SELECT conflict_stats.trend_agg(v, at::date) FROM rows_src WHERE grp = 1),
	    (SELECT conflict_stats.cumulative_agg(v, at::date) FROM rows_src WHERE grp = 5),
	    (SELECT conflict_stats.cost_per_gain_trans(NULL, 1e300, -1e-3)),
	    (SELECT conflict_stats.elasticity_trans(NULL, 1e-300, 1e300)),
	    '{(-0043-03-15,1),(0000-12-31 23:59:59,2),(294276-12-31 23:59:59.999999,3)}');

INSERT INTO conflict_stats.sources (publisher, title, author, published, kind, note)
VALUES ('Example Ministry', 'Daily losses report', NULL, '2024-10-10', 'official data',
		'user row'),
	   ('Example Institute', 'Assessment', 'A. Analyst', '2024-10-11', 'research report',
		NULL);
INSERT INTO conflict_stats.figures
	(source_id, party, quantity, category, unit, value, as_of, period_start, period_end,
	 speaker_role, quote, note)
SELECT source_id, 'Russia', 'casualties', 'killed and wounded', 'people', '~648000',
	   '2024-10-10', '2022-02-24', '2024-10-10', 'general staff', 'about 648,000', 'user row'
  FROM conflict_stats.sources WHERE publisher = 'Example Ministry';
INSERT INTO conflict_stats.figures
	(source_id, party, quantity, category, unit, value, as_of, note)
VALUES (1, 'Russia', 'casualties', 'killed', 'people', '115000 [100000,130000]',
		'2024-10-09', 'user row on a shipped source');
INSERT INTO conflict_stats.claims
	(source_id, kind, topic, party, statement, stated_on, period_start, period_end)
SELECT source_id, 'assessment', 'casualties', 'Russia', 'October 2024 was deadlier still.',
	   '2024-11-01', '2024-10-01', '2024-11-01'
  FROM conflict_stats.sources WHERE publisher = 'Example Institute';
SQL
)

# The binary forms of the stored summaries, and figures read from them.
SUMMARY_BYTES="SELECT string_agg(concat_ws(' ', id, md5(conflict_stats.trend_send(t)),
	md5(conflict_stats.cumulative_send(c)), md5(conflict_stats.cost_per_gain_state_send(g)),
	md5(conflict_stats.elasticity_state_send(e)), md5(conflict_stats.series_send(s))), ', ' ORDER BY id)
	FROM public.user_summaries"
SUMMARY_FIGURES="SELECT string_agg(concat_ws(' ', id, conflict_stats.num_points(t), conflict_stats.slope(t),
	conflict_stats.num_reports(c), conflict_stats.rate(c), conflict_stats.cost_per_gain_final(g),
	conflict_stats.elasticity_final(e), conflict_stats.num_reports(s), pg_column_size(s),
	conflict_stats.num_decreases(s)), ', ' ORDER BY id)
	FROM public.user_summaries"

# Text of a whole table in a fixed order, for comparing two databases.
table_text()
{
	q "$1" "SELECT string_agg(t::text, E'\n' ORDER BY t::text) FROM $2 t"
}

# Position of a sequence, for comparing two databases.
seq_text()
{
	q "$1" "SELECT last_value || ' ' || is_called FROM $2"
}

# compare_with_original DB LABEL: checks a restored database against DB_A
compare_with_original()
{
	local db=$1 label=$2 t

	ok "$label: user estimates read back with identical text" \
		same "$(table_text "$db" public.user_estimates)" "$(table_text $DB_A public.user_estimates)"
	ok "$label: user summaries (trend, cumulative, cost_per_gain_state, elasticity_state, series) read back with identical text" \
		same "$(table_text "$db" public.user_summaries)" "$(table_text $DB_A public.user_summaries)"
	ok "$label: user summaries read back with identical binary forms" \
		same "$(q "$db" "$SUMMARY_BYTES")" "$(q $DB_A "$SUMMARY_BYTES")"
	ok "$label: accessors of the restored summaries agree" \
		same "$(q "$db" "$SUMMARY_FIGURES")" "$(q $DB_A "$SUMMARY_FIGURES")"
	ok "$label: estimate column keeps its type" \
		same "$(q "$db" "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'public.user_estimates'::regclass AND attname = 'v'")" \
		"conflict_stats.estimate"
	for t in sources figures claims; do
		ok "$label: user rows of $t present" \
			same "$(q "$db" "SELECT count(*) FROM conflict_stats.$t WHERE NOT builtin")" \
			"$(q $DB_A "SELECT count(*) FROM conflict_stats.$t WHERE NOT builtin")"
		ok "$label: shipped rows of $t present exactly once" \
			same "$(q "$db" "SELECT count(*) || ' ' || count(DISTINCT ${t%s}_id) FROM conflict_stats.$t WHERE builtin")" \
			"$(q $DB_F "SELECT count(*) || ' ' || count(*) FROM conflict_stats.$t")"
		ok "$label: $t identical to the original, row for row" \
			same "$(table_text "$db" conflict_stats.$t)" "$(table_text $DB_A conflict_stats.$t)"
		ok "$label: identity sequence of $t where it was" \
			same "$(seq_text "$db" conflict_stats.${t}_${t%s}_id_seq)" \
			"$(seq_text $DB_A conflict_stats.${t}_${t%s}_id_seq)"
	done
	ok "$label: a new user source gets a fresh id" \
		q "$db" "INSERT INTO conflict_stats.sources (publisher, kind) VALUES ('After restore', 'other')"
	ok "$label: figures_flat reads the restored rows" \
		same "$(q "$db" "SELECT count(*) FROM conflict_stats.figures_flat")" \
		"$(q $DB_A "SELECT count(*) FROM conflict_stats.figures_flat")"
}

cleanup_dbs_first
trap cleanup EXIT

echo "# conflict_stats dump and restore"

# --- superuser install, pg_dump -Fc / pg_restore and pg_dump -Fp / psql ---
ok "create database $DB_F with a fresh install" \
	q postgres "CREATE DATABASE $DB_F" "\\c $DB_F" "CREATE EXTENSION conflict_stats"
ok "create database $DB_A with the extension" \
	q postgres "CREATE DATABASE $DB_A" "\\c $DB_A" "CREATE EXTENSION conflict_stats"
ok "add user data to $DB_A" \
	$PSQL -d $DB_A -c "$USER_DATA"
ok "pg_dump -Fc $DB_A" \
	pg_dump -Fc -f "$TMP/a.dump" $DB_A
ok "pg_dump -Fp $DB_A" \
	pg_dump -Fp -f "$TMP/a.sql" $DB_A
ok "create database $DB_B" \
	q postgres "CREATE DATABASE $DB_B"
ok "pg_restore into $DB_B without errors" \
	pg_restore -d $DB_B "$TMP/a.dump"
compare_with_original $DB_B "pg_restore"
ok "create database $DB_C" \
	q postgres "CREATE DATABASE $DB_C"
ok "plain dump replays into $DB_C without errors" \
	$PSQL -d $DB_C -f "$TMP/a.sql"
compare_with_original $DB_C "plain dump"

# --- a database owner who is not a superuser installs the extension ---
ok "create roles $OWNER, $READER, $WRITER and database $DB_O owned by $OWNER" \
	q postgres "CREATE ROLE $OWNER NOSUPERUSER" "CREATE ROLE $READER" "CREATE ROLE $WRITER" "CREATE DATABASE $DB_O OWNER $OWNER"
ok "$OWNER (not superuser) runs CREATE EXTENSION" \
	q $DB_O "SET ROLE $OWNER; CREATE EXTENSION conflict_stats"
ok "the extension belongs to $OWNER" \
	same "$(q $DB_O "SELECT extowner::regrole FROM pg_extension WHERE extname = 'conflict_stats'")" "$OWNER"
ok "$OWNER adds user rows and grants $WRITER the right to add figures" \
	q $DB_O "SET ROLE $OWNER;
		INSERT INTO conflict_stats.sources (publisher, kind) VALUES ('Owner source', 'other');
		UPDATE conflict_stats.sources SET note = 'updated' WHERE publisher = 'Owner source';
		GRANT INSERT ON conflict_stats.figures TO $WRITER"
ok "$WRITER adds a figure" \
	q $DB_O "SET ROLE $WRITER;
		INSERT INTO conflict_stats.figures (source_id, party, quantity, unit, value, as_of)
		VALUES (1, 'Russia', 'tanks', 'vehicles', '>=3000', '2024-10-09')"
ok "$READER reads tables and view" \
	same "$(q $DB_O "SET ROLE $READER; SELECT (SELECT count(*) FROM conflict_stats.figures_flat) = (SELECT count(*) FROM conflict_stats.figures)")" "t"
n_before=$(q $DB_O "SELECT count(*) FROM conflict_stats.sources")
ok "$READER cannot add a source (42501)" \
	denied $DB_O $READER "INSERT INTO conflict_stats.sources (publisher, kind) VALUES ('x', 'other')"
ok "$READER cannot change a shipped figure (42501)" \
	denied $DB_O $READER "UPDATE conflict_stats.figures SET note = 'x' WHERE builtin"
ok "$READER cannot delete a shipped claim (42501)" \
	denied $DB_O $READER "DELETE FROM conflict_stats.claims WHERE builtin"
ok "$WRITER cannot change a shipped figure (42501)" \
	denied $DB_O $WRITER "UPDATE conflict_stats.figures SET note = 'x' WHERE builtin"
ok "$READER's attempts changed nothing" \
	same "$(q $DB_O "SELECT count(*) FROM conflict_stats.sources")" "$n_before"
ok "pg_dump --role=$OWNER -Fc $DB_O" \
	pg_dump --role=$OWNER -Fc -f "$TMP/o.dump" $DB_O
ok "create database $DB_P owned by $OWNER" \
	q postgres "CREATE DATABASE $DB_P OWNER $OWNER"
ok "pg_restore --role=$OWNER into $DB_P without errors" \
	pg_restore --role=$OWNER -d $DB_P "$TMP/o.dump"
ok "the restored extension belongs to $OWNER" \
	same "$(q $DB_P "SELECT extowner::regrole FROM pg_extension WHERE extname = 'conflict_stats'")" "$OWNER"
for t in sources figures claims; do
	ok "owned copy: $t identical to the original, row for row" \
		same "$(table_text $DB_P conflict_stats.$t)" "$(table_text $DB_O conflict_stats.$t)"
	ok "owned copy: identity sequence of $t where it was" \
		same "$(seq_text $DB_P conflict_stats.${t}_${t%s}_id_seq)" \
		"$(seq_text $DB_O conflict_stats.${t}_${t%s}_id_seq)"
done

done_testing
