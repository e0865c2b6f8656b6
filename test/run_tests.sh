#!/bin/bash
#
# run_tests.sh
#		The project's test command: bash test/run_tests.sh
#
# For each PostgreSQL version (PG_VERSIONS, default "15 17 18") it builds the
# extension with -Wall -Wextra -Werror, installs it, and in a throwaway
# cluster of that version (test/lib/cluster.sh) runs the pg_regress suite
# (make installcheck) and the TAP scripts symbols.sh, dump_restore.sh and
# upgrade.sh with prove.  Once, with PostgreSQL 15, it runs the scripts whose
# answer does not depend on the server's version (limits, cross-checks,
# README examples, drivers), the C unit tests and the fuzz targets of the
# plain-C cores, the regression suite against a build under UBSan, and the
# release (test/packaging/package_test.sh: the archives of make dist, the
# Debian package built from them, installed, tested and removed).  The
# fuzz targets replay their corpora and run a fixed number of mutations from
# a fixed seed, so that every run gives the same answer (test/fuzz/run.sh;
# its --explore mode fuzzes at random, by hand).  It prints one line
# "N passed, M failed" at the end and exits non-zero when anything failed.
# How each stage works: test/README.md.
#
# The packages it needs are in README.md's test command; what is missing
# besides is fetched into a cache, never into the system's directories: the
# servers of PostgreSQL 17 and 18 (test/lib/pgversions.sh) and the npm
# package pg of the driver tests, which also apt-get install a missing Java,
# JDBC driver, Node.js or psycopg (test/clients/run.sh).  The packaging
# stage installs its Debian package into the system's PostgreSQL 15 for the
# time of its checks, then removes it and puts back the files make install
# had put there.

set -u
cd "$(dirname "$0")/.." || exit 2

PG_VERSIONS=${PG_VERSIONS:-"15 17 18"}
# the servers run as the postgres user, who must read the cache
if [ "$(id -u)" = 0 ] && [ -z "${CONFLICT_STATS_CACHE:-}" ]; then
	export CONFLICT_STATS_CACHE=/var/cache/conflict_stats
fi
WARN_CFLAGS="-Wall -Wextra -Wno-unused-parameter -Werror"

. test/lib/cluster.sh
. test/lib/tally.sh

WORK=$(mktemp -d "${TMPDIR:-/tmp}/conflict_stats_tests.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT
PASSED=0
FAILED=0
FAILED_STAGES=()

# Add a stage's counts ("PASSED FAILED" on stdin) to the totals; name the
# stage if it failed.
count()
{
	local stage=$1 passed failed

	read -r passed failed
	PASSED=$((PASSED + passed))
	FAILED=$((FAILED + failed))
	echo "# $stage: $passed passed, $failed failed"
	[ "$failed" -eq 0 ] || FAILED_STAGES+=("$stage")
}

# Record one check that is a whole command (a build, a stage that could not
# run): it passes when the command does; its output is shown when it fails.
check()
{
	local stage=$1 log="$WORK/check.log"

	shift
	if "$@" > "$log" 2>&1; then
		count "$stage" <<< "1 0"
		return 0
	fi
	tail -n 40 "$log" | sed 's/^/   | /'
	count "$stage" <<< "0 1"
	return 1
}

# Run pg_regress in a cluster of version $1 and count its tests.
regress()
{
	local v=$1 pgc=$2 log="$WORK/regress$1.log"

	rm -f regression.diffs regression.out
	with_cluster "$v" make -s PG_CONFIG="$pgc" installcheck > "$log" 2>&1
	grep -E '^(test |ok |not ok |# All |.* tests? failed)' "$log"
	[ -s regression.diffs ] && head -n 200 regression.diffs | sed 's/^/   | /'
	count "regress (PostgreSQL $v)" < <(tally_regress "$log")
}

# Run a command that runs prove, show what it prints and count its tests.
tap()
{
	local stage=$1 log="$WORK/tap.log"

	shift
	"$@" 2>&1 | tee "$log"
	count "$stage" < <(tally_prove "$log")
}

# The stages of one PostgreSQL version: build, install, regress, scripts.
version_stages()
{
	local v=$1 pgc
	local scripts=(./test/symbols.sh ./test/dump_restore.sh ./test/upgrade.sh)

	echo
	echo "== PostgreSQL $v =="
	if ! pgc=$(pgv_prepare "$v" 2> "$WORK/prepare.log"); then
		cat "$WORK/prepare.log"
		count "prepare PostgreSQL $v" <<< "0 1"
		return
	fi
	check "build (PostgreSQL $v)" make -s clean all PG_CONFIG="$pgc" PG_CFLAGS="$WARN_CFLAGS" || return
	check "install (PostgreSQL $v)" make -s install PG_CONFIG="$pgc" || return
	regress "$v" "$pgc"
	# the scripts whose answer does not depend on the server's version run once
	[ "$v" = 15 ] && scripts+=(./test/limits.sh ./test/crosscheck_trend.py
							   ./test/crosscheck_cumulative.py ./test/crosscheck_series.py ./test/crosscheck_estimate.py
							   ./test/readme.py ./test/clients/run.sh)
	tap "scripts (PostgreSQL $v)" with_cluster "$v" prove --failures --comments --exec '' "${scripts[@]}"
}

# The stages of the plain-C cores: unit tests and fuzz targets.
core_stages()
{
	local pgc

	echo
	echo "== plain-C cores: unit tests (ASan + UBSan), fuzz targets (corpus, then fixed mutations from a fixed seed) =="
	pgc=$(pgv_prepare 15 2> /dev/null) || pgc=pg_config
	export BUILD="$WORK/build"
	if check "build unit tests" make -s -C test unit BUILD="$BUILD" PG_CONFIG="$pgc"; then
		tap "unit tests" prove --failures --comments --exec '' "$BUILD"/unit/*
	fi
	if check "build fuzz targets" make -s -C test fuzz BUILD="$BUILD" PG_CONFIG="$pgc"; then
		tap "fuzz" prove --failures --comments --exec '' ./test/fuzz/run.sh
	fi
}

for v in $PG_VERSIONS; do
	version_stages "$v"
	if [ "$v" = 15 ]; then
		core_stages
		echo
		echo "== pg_regress against a build under UBSan (PostgreSQL 15) =="
		tap "sanitize" prove --failures --comments --exec '' ./test/sanitize_regress.sh
		echo
		echo "== the release: archives (make dist), the Debian package built, installed and removed (PostgreSQL 15) =="
		tap "packaging" prove --failures --comments --exec '' ./test/packaging/package_test.sh
	fi
done

# the tree holds the last version's build: leave it clean, so that a later
# plain "make install" builds for the pg_config on PATH
make -s clean > /dev/null 2>&1

echo
[ ${#FAILED_STAGES[@]} -eq 0 ] || echo "# failed: ${FAILED_STAGES[*]}"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ] && [ "$PASSED" -gt 0 ]
