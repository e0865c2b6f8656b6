#!/bin/bash
#
# sanitize_regress.sh
#		The whole pg_regress suite against a server whose extension code runs
#		under AddressSanitizer and UndefinedBehaviorSanitizer.
#
#	bash test/sanitize_regress.sh
#
# It copies the extension's sources to a temporary directory, builds them
# with gcc's -fsanitize=$SANITIZERS (undefined,float-cast-overflow by
# default; add address for AddressSanitizer), installs that build into a
# staging directory (make install DESTDIR=...), and runs `make installcheck`
# in a throwaway cluster of PostgreSQL 15 (test/lib/cluster.sh) that loads
# the extension from the staging directory (extension_destdir, a setting of
# Debian's server) and whose server processes run with the sanitizer
# runtimes preloaded (LD_PRELOAD in the server's environment).  The normal
# build in the working tree and the copy installed in the server's
# directories are never touched, so tests running beside this one are not
# disturbed, and nothing needs rebuilding afterwards (the trap only removes
# the temporary directory; REBUILD=1 also runs `make && make install` in the
# tree at the end, as a safety net).
#
# ASAN_OPTIONS has detect_leaks=0: a backend's memory contexts are freed
# wholesale, not leaked.  Reports go to files (log_path) that are scanned at
# the end together with the server log (crashes, "runtime error").
#
# Prints TAP: one line per regression test, one saying the sanitizer runtime
# and the sanitized module were really loaded, and one saying there were no
# sanitizer reports.  Exits non-zero when anything failed.

set -u

cd "$(dirname "$0")/.." || exit 2
. test/lib/regress.sh
. test/lib/cluster.sh
ROOT=$(pwd)

# extension_destdir is Debian's: the system's server, not a cached one
PGVER=15

WORK=$(mktemp -d "${TMPDIR:-/tmp}/conflict_stats_sanitize.XXXXXX") || exit 2
chmod 755 "$WORK"

# shellcheck disable=SC2317  # (called by the trap)
cleanup()
{
	if [ "${REBUILD:-0}" = 1 ]; then
		(cd "$ROOT" && make -s && make -s install) > "$WORK/rebuild.log" 2>&1 ||
			echo "# rebuilding the normal build failed" >&2
	fi
	[ "${KEEP_SANITIZE:-0}" = 1 ] && { echo "# kept $WORK" >&2; return; }
	rm -rf "$WORK"
}
trap cleanup EXIT

. test/lib/tap.sh

if ! PG_CONFIG=$(pgv_prepare $PGVER 2> "$WORK/prepare.log"); then
	tap 0 "PostgreSQL $PGVER is there"
	diag "$WORK/prepare.log"
	done_testing
fi
export PG_CONFIG

# ---------------------------------------------------------------------------
# Build the sanitized copy.

TREE=$WORK/tree
STAGE=$WORK/stage
SANLOG=$WORK/san
mkdir -p "$TREE" "$STAGE" "$SANLOG"
chmod 1777 "$SANLOG"
cp -r Makefile ./*.control src sql expected "$TREE/"
mkdir -p "$TREE/test" && cp -r test/data "$TREE/test/"
SANITIZERS=${SANITIZERS:-undefined,float-cast-overflow}
SAN_CFLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=$SANITIZERS"
if ! (cd "$TREE" && make -s clean && make -s PG_CFLAGS="$SAN_CFLAGS -Wall -Wextra -Wno-unused-parameter -Werror" &&
	  make -s install DESTDIR="$STAGE") > "$WORK/build.log" 2>&1; then
	tap 0 "sanitized build"
	diag "$WORK/build.log"
	done_testing
fi
tap 1 "sanitized build (gcc $SAN_CFLAGS)"
chmod -R a+rX "$WORK"

LIBUBSAN=$(gcc -print-file-name=libubsan.so)
PRELOAD=$LIBUBSAN
case ",$SANITIZERS," in
	*,address,*) PRELOAD="$(gcc -print-file-name=libasan.so) $LIBUBSAN" ;;
esac
for lib in $PRELOAD; do
	if [ ! -e "$lib" ]; then
		tap 0 "sanitizer runtime $lib found"
		done_testing
	fi
done

# ---------------------------------------------------------------------------
# The part that runs in the throwaway cluster, whose server has the sanitizer
# runtimes from its start: check that they and the sanitized module are
# loaded, run the suite.

inside()
{
	psql -X -q -A -t -v ON_ERROR_STOP=1 > "$WORK/maps.txt" 2>&1 <<SQL
CREATE EXTENSION conflict_stats;
SELECT conflict_stats.best('~5'::conflict_stats.estimate);
SELECT line FROM regexp_split_to_table(pg_read_file('/proc/self/maps'), E'\\n') AS line
WHERE line ~ '(libasan|libubsan|conflict_stats)';
DROP EXTENSION conflict_stats;
SQL
	# (a backend overwrites its environment with its ps display: ask the
	# postmaster)
	tr '\0' '\n' < "/proc/$(head -n 1 "$PGDATA/postmaster.pid")/environ" |
		grep SAN_OPTIONS >> "$WORK/maps.txt"
	(cd "$TREE" && timeout 1200 make installcheck EXTRA_REGRESS_OPTS="--outputdir=$WORK/regress")
}

CLUSTER_SETTINGS="extension_destdir = '$STAGE'" \
CLUSTER_SERVER_ENV="LD_PRELOAD=$PRELOAD
ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:verify_asan_link_order=0:log_path=$SANLOG/asan
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=0:log_path=$SANLOG/ubsan" \
CLUSTER_KEEP_LOG=$WORK/server.log \
	with_cluster $PGVER inside > "$WORK/regress.log" 2>&1
rc=$?

# the server really ran with the runtimes and the sanitized module
loaded=1
for lib in $PRELOAD; do
	grep -qF "$(basename "$(readlink -f "$lib")")" "$WORK/maps.txt" || loaded=0
done
grep -qF "$STAGE" "$WORK/maps.txt" || loaded=0
grep -qF "log_path=$SANLOG/ubsan" "$WORK/maps.txt" || loaded=0
if [ $loaded = 1 ]; then
	tap 1 "server processes load the sanitizer runtime and the sanitized conflict_stats.so"
else
	tap 0 "server processes load the sanitizer runtime and the sanitized conflict_stats.so"
	diag "$WORK/maps.txt" 20
	diag "$WORK/regress.log" 40
fi

# one line per regression test
n_tests=0
while read -r name result; do
	n_tests=$((n_tests + 1))
	if [[ $result == ok* ]]; then
		tap 1 "regress $name under $SANITIZERS"
	else
		tap 0 "regress $name under $SANITIZERS"
	fi
done < <(regress_results "$WORK/regress.log")
if [ $n_tests -eq 0 ] || [ $rc -ne 0 ]; then
	tap 0 "make installcheck under $SANITIZERS (exit status $rc, $n_tests tests)"
	diag "$WORK/regress.log" 60
	[ -s "$WORK/regress/regression.diffs" ] && head -n 200 "$WORK/regress/regression.diffs" | sed 's/^/# /'
fi

# sanitizer reports: files under log_path, and crashes or reports in the
# server log (a report written before log_path took effect lands there)
reports=$(find "$SANLOG" -type f -size +0 | sort)
if [ -z "$reports" ] && [ -f "$WORK/server.log" ] &&
   ! grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|terminated by signal|was terminated|server process .* exited with exit code [^0]' "$WORK/server.log"; then
	tap 1 "no sanitizer reports"
else
	tap 0 "no sanitizer reports"
	[ -f "$WORK/server.log" ] || echo "# no server log was kept"
	for f in $reports; do
		echo "# --- $f"
		head -n 60 "$f" | sed 's/^/# /'
	done
	[ -f "$WORK/server.log" ] &&
		grep -E -B2 -A10 'AddressSanitizer|runtime error:|terminated by signal|was terminated|exited with exit code [^0]' "$WORK/server.log" |
		head -n 80 | sed 's/^/# /'
fi

done_testing
