#!/bin/bash
#
# valgrind_regress.sh
#		The pg_regress suite against a throwaway server that runs under
#		valgrind's memcheck, with the normal installed build of the extension.
#
#	bash test/valgrind_regress.sh		(slow, so not a stage of
#										 run_tests.sh: a by-hand command)
#
# It runs `make install` in the tree, starts a throwaway cluster of
# PostgreSQL $PGVER (15 by default; test/lib/cluster.sh) whose postmaster
# runs under
#	valgrind --tool=memcheck --leak-check=no --trace-children=no --num-callers=30
# (forked backends and parallel workers stay under valgrind; exec'd programs
# do not; no --error-exitcode: a backend exiting non-zero makes the
# postmaster restart every other one as after a crash, so the logs decide),
# runs `make installcheck` against it, stops it and scans valgrind's logs
# (one per process).
#
# PostgreSQL's packages are not built with USE_VALGRIND, so memcheck also reports
# errors inside PostgreSQL itself (its memory contexts, its own padding
# bytes written to disk): only error records whose stack mentions
# conflict_stats.so or one of src/*.c count as findings; the others are
# counted and shown as information.
#
# VG_OPTS adds options to valgrind's command line (e.g. --track-origins=yes);
# TESTS="install estimate ..." picks a subset of the Makefile's REGRESS list
# (default: all of it); VG_TIMEOUT (default 3600) bounds the suite in seconds;
# KEEP_VALGRIND=1 keeps the temporary directory and its logs.
#
# Prints TAP: one line per regression test and one for "no valgrind errors in
# conflict_stats code".  Exits non-zero when anything failed.

set -u

cd "$(dirname "$0")/.." || exit 2
. test/lib/regress.sh
. test/lib/cluster.sh

PGVER=${PGVER:-15}

. test/lib/tap.sh

if ! command -v valgrind > /dev/null; then
	skip_all "valgrind is not installed (apt-get install valgrind)"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/conflict_stats_valgrind.XXXXXX") || exit 2
TMP=$WORK
chmod 755 "$WORK"
VGLOG=$WORK/vg
mkdir -p "$VGLOG"
chmod 1777 "$VGLOG"

# shellcheck disable=SC2317  # (called by the trap)
cleanup()
{
	[ "${KEEP_VALGRIND:-0}" = 1 ] && { echo "# kept $WORK" >&2; return; }
	rm -rf "$WORK"
}
trap cleanup EXIT

START=$(date +%s)

# ---------------------------------------------------------------------------
# Install the normal build.

if ! PG_CONFIG=$(pgv_prepare "$PGVER" 2> "$WORK/prepare.log"); then
	tap 0 "PostgreSQL $PGVER is there"
	diag "$WORK/prepare.log"
	done_testing
fi
export PG_CONFIG
if ! (make -s && make -s install) > "$WORK/build.log" 2>&1; then
	tap 0 "make && make install"
	diag "$WORK/build.log"
	done_testing
fi

# ---------------------------------------------------------------------------
# The suite.

# The postmaster runs under memcheck.  jit=off (llvmjit is exec'd code that
# valgrind handles slowly and reports noisily), no statement or lock
# timeouts, a small shared_buffers (valgrind shadows every byte); starting,
# and stopping after the suite, take minutes.
REGRESS_ARGS=()
if [ -n "${TESTS:-}" ]; then
	REGRESS_ARGS=("REGRESS=$TESTS")
fi
mkdir -p "$WORK/regress"
# shellcheck disable=SC2086  # (VG_OPTS splits)
CLUSTER_SERVER_WRAPPER="valgrind --tool=memcheck --leak-check=no --trace-children=no \
	--track-origins=no --num-callers=30 --log-file=$VGLOG/vg.%p.log ${VG_OPTS:-}" \
CLUSTER_SETTINGS="shared_buffers = 64MB
statement_timeout = 0
lock_timeout = 0
idle_in_transaction_session_timeout = 0
max_worker_processes = 8
logging_collector = off
log_min_messages = warning" \
CLUSTER_START_TIMEOUT=300 CLUSTER_STOP_TIMEOUT=600 CLUSTER_KEEP_LOG=$WORK/server.log \
	with_cluster "$PGVER" timeout "${VG_TIMEOUT:-3600}" \
	make installcheck "${REGRESS_ARGS[@]}" \
	EXTRA_REGRESS_OPTS="--outputdir=$WORK/regress" > "$WORK/regress.log" 2>&1
rc=$?
ELAPSED=$(( $(date +%s) - START ))

n_tests=0
while read -r name result; do
	n_tests=$((n_tests + 1))
	if [[ $result == ok* ]]; then
		tap 1 "regress $name under valgrind"
	else
		tap 0 "regress $name under valgrind"
	fi
done < <(regress_results "$WORK/regress.log")
if [ $n_tests -eq 0 ] || [ $rc -ne 0 ]; then
	tap 0 "make installcheck under valgrind (exit status $rc, $n_tests tests)"
	diag "$WORK/regress.log" 60
	[ -s "$WORK/regress/regression.diffs" ] && head -n 200 "$WORK/regress/regression.diffs" | sed 's/^/# /'
fi

# ---------------------------------------------------------------------------
# Valgrind's logs: split each into error records (a "==PID== " line that
# starts a record, up to the blank "==PID== " line), keep those whose stack
# names our code.

SRCS=$(cd src && find . -maxdepth 1 -name '*.c' | sed 's|^\./||' | sort | paste -sd'|')
awk -v ours="conflict_stats\\\\.so|\\\\((${SRCS//./\\\\.}):" -v out="$WORK/ours.txt" \
	-v other="$WORK/other.txt" '
	function flush() {
		if (rec != "") {
			if (rec ~ ours) { print rec "\n" > out; nours++ }
			else { split(rec, first, "\n"); print FILENAME ": " first[1] > other; nother++ }
		}
		rec = ""
	}
	FNR == 1 { flush() }
	/^==[0-9]+== *$/ { flush(); next }
	/^==[0-9]+== / {
		line = $0; sub(/^==[0-9]+== /, "", line)
		if (rec == "" && line ~ /^(Invalid |Conditional jump|Use of uninitialised|Syscall param|Source and destination overlap|Mismatched free|Argument .* of function|Process terminating)/)
			rec = line
		else if (rec != "")
			rec = rec "\n" line
	}
	END { flush(); print nours + 0 > (out ".n"); print nother + 0 > (other ".n") }
' "$VGLOG"/vg.*.log 2> "$WORK/awk.log"
n_logs=$(find "$VGLOG" -name 'vg.*.log' | wc -l)
n_ours=$(cat "$WORK/ours.txt.n" 2> /dev/null || echo 0)
n_other=$(cat "$WORK/other.txt.n" 2> /dev/null || echo 0)
echo "# $n_logs processes ran under valgrind in ${ELAPSED}s; errors outside conflict_stats code: $n_other"
if [ "$n_other" -gt 0 ]; then
	sed -E 's/^[^:]*vg\.[0-9]+\.log: //' "$WORK/other.txt" | sort | uniq -c | sort -rn | head -n 20 | sed 's/^/#   /'
fi
crashes=$(grep -cE 'terminated by signal|was terminated|server process .* exited with exit code [^0]' "$WORK/server.log")
if [ "$n_logs" -gt 0 ] && [ "$n_ours" -eq 0 ] && [ "$crashes" -eq 0 ]; then
	tap 1 "no valgrind errors in conflict_stats code"
else
	tap 0 "no valgrind errors in conflict_stats code ($n_ours records, $crashes crashes in the server log)"
	grep -E -B2 -A5 'terminated by signal|was terminated|server process .* exited with exit code [^0]' "$WORK/server.log" |
		head -n 40 | sed 's/^/# /'
	[ -s "$WORK/ours.txt" ] && head -n 200 "$WORK/ours.txt" | sed 's/^/# /'
fi

done_testing
