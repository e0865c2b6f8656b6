#!/bin/bash
#
# run_tests.sh
#		The project's single test command: bash test/run_tests.sh
#
# On a fresh Debian 12 machine (as root) it installs the packages it needs,
# builds and installs the extension, then runs every test stage and counts
# the tests:
#
#	regress  pg_regress (make installcheck) in a throwaway cluster
#	unit     every test/unit/*.c, built with AddressSanitizer and UBSan,
#			 linked with src/estimate_parse.c and libpgcommon; each prints TAP
#	fuzz     every test/fuzz/*.c (libFuzzer), FUZZ_SECONDS (12) each
#	sanitize test/sanitize_regress.sh: pg_regress against a UBSan build
#			 (its own throwaway cluster and staging directory; SKIP_SANITIZE=1
#			 skips it)
#	scripts  every other test/*.sh and test/*.py, each in its own
#			 throwaway cluster (pg_virtualenv); each prints TAP
#
# It ends with one line "N passed, M failed" and exits non-zero when anything
# failed.  Environment knobs: PGVER (default 15), KEEP_UNIT_BUILD=1 (keep the
# unit test binaries), SKIP_DEPS=1 (do not look at packages).
#
# A unit test that needs more plain-C sources than src/estimate_parse.c names
# them on a line of its own, e.g.
#	/* run_tests-link: src/estimate_parse.c src/summary_text.c */

set -u
set -o pipefail

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
. test/lib/regress.sh

PGVER=${PGVER:-15}
if [ -z "${PG_CONFIG:-}" ]; then
	if [ -x "/usr/lib/postgresql/$PGVER/bin/pg_config" ]; then
		PG_CONFIG=/usr/lib/postgresql/$PGVER/bin/pg_config
	else
		PG_CONFIG=pg_config
	fi
fi
export PG_CONFIG

PASSED=0
FAILED=0
STAGE_FAILED=()

if [ -t 1 ]; then
	C_RED=$'\033[31m'; C_GREEN=$'\033[32m'; C_BOLD=$'\033[1m'; C_OFF=$'\033[0m'
else
	C_RED=''; C_GREEN=''; C_BOLD=''; C_OFF=''
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/conflict_stats_tests.XXXXXX") || exit 2
# shellcheck disable=SC2317  # (called by the trap)
cleanup()
{
	[ "${KEEP_UNIT_BUILD:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

# Print a section header.
section()
{
	echo
	echo "${C_BOLD}== $* ==${C_OFF}"
}

# Record one passing test.
pass()
{
	PASSED=$((PASSED + 1))
	echo "${C_GREEN}ok${C_OFF}      $*"
}

# Record one failing test.
fail()
{
	FAILED=$((FAILED + 1))
	echo "${C_RED}FAILED${C_OFF}  $*"
}

# Show the last lines of a log file, indented.
show_log()
{
	local file=$1 lines=${2:-60}

	[ -s "$file" ] || return 0
	echo "   --- last $lines lines of $(basename "$file") ---"
	tail -n "$lines" "$file" | sed 's/^/   | /'
	echo "   ---"
}

# Count the TAP lines of one test program's output.
#	count_tap NAME OUTPUT_FILE EXIT_STATUS
# Every "ok N" and "not ok N" line is one test ("not ok ... # TODO" is not a
# failure, as TAP has it); "#" lines after a failing test are shown.  A
# program that exits non-zero without a "not ok" line, or runs fewer tests
# than its plan, counts as one more failure.
count_tap()
{
	local name=$1 out=$2 rc=$3
	local line n_ok=0 n_notok=0 plan='' show_diag=0 desc

	while IFS= read -r line || [ -n "$line" ]; do
		if [[ $line =~ ^not\ ok([[:space:]]+[0-9]+)?([[:space:]].*)?$ ]]; then
			desc=${BASH_REMATCH[2]}
			desc=${desc#"${desc%%[![:space:]]*}"}
			desc=${desc#- }
			if [[ $line =~ \#[[:space:]]*[Tt][Oo][Dd][Oo] ]]; then
				pass "$name: $desc (TODO, not ok)"
				show_diag=0
			else
				fail "$name: $desc"
				n_notok=$((n_notok + 1))
				show_diag=1
			fi
			n_ok=$((n_ok + 1))
		elif [[ $line =~ ^ok([[:space:]]+[0-9]+)?([[:space:]].*)?$ ]]; then
			desc=${BASH_REMATCH[2]}
			desc=${desc#"${desc%%[![:space:]]*}"}
			desc=${desc#- }
			pass "$name: $desc"
			n_ok=$((n_ok + 1))
			show_diag=0
		elif [[ $line =~ ^1\.\.([0-9]+) ]]; then
			plan=${BASH_REMATCH[1]}
		elif [[ $line =~ ^[[:space:]]*# ]] && [ $show_diag = 1 ]; then
			echo "        $line"
		fi
	done < "$out"

	if [ "$plan" = 0 ] && [ "$n_ok" -eq 0 ] && [ "$rc" -eq 0 ]; then
		pass "$name: skipped ($(grep -m1 '^1\.\.0' "$out"))"
		return 0
	fi
	if [ -n "$plan" ] && [ "$n_ok" -lt "$plan" ]; then
		fail "$name: ran $n_ok of $plan planned tests (exit status $rc)"
		show_log "$out" 30
		return 1
	fi
	if [ "$rc" -ne 0 ] && [ "$n_notok" -eq 0 ]; then
		if [ "$n_ok" -eq 0 ]; then
			fail "$name: exited with status $rc and printed no tests"
		else
			fail "$name: exited with status $rc after its tests"
		fi
		show_log "$out" 40
		return 1
	fi
	if [ "$n_ok" -eq 0 ]; then
		fail "$name: printed no TAP lines"
		show_log "$out" 20
		return 1
	fi
	[ "$rc" -eq 0 ] && [ "$n_notok" -eq 0 ]
}

# ---------------------------------------------------------------------------
# 0. Packages

PACKAGES="postgresql-$PGVER postgresql-server-dev-$PGVER postgresql-common make gcc
	libc6-dev clang-14 libclang-rt-14-dev python3-numpy python3-statsmodels
	python3-psycopg"

# Is a Debian package installed?
is_installed()
{
	# (sed reads to the end: grep -q would close the pipe early, and with
	# pipefail dpkg's SIGPIPE would read as "not installed")
	[ "$(dpkg -s "$1" 2>/dev/null | sed -n 's/^Status: //p')" = "install ok installed" ]
}

if [ "${SKIP_DEPS:-0}" != 1 ]; then
	section "packages"
	missing=()
	for p in $PACKAGES; do
		is_installed "$p" || missing+=("$p")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		echo "# all needed packages are installed"
	elif [ "$(id -u)" -ne 0 ]; then
		echo "# missing packages: ${missing[*]}"
		echo "# run as root, or: sudo apt-get install -y --no-install-recommends ${missing[*]}"
		exit 2
	else
		echo "# installing: ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		if ! apt-get update -qq > "$WORK/apt.log" 2>&1 ||
		   ! apt-get install -y -qq --no-install-recommends "${missing[@]}" \
				>> "$WORK/apt.log" 2>&1; then
			echo "# package installation failed"
			show_log "$WORK/apt.log" 40
			exit 2
		fi
		echo "# installed"
	fi
fi

PG_MAJOR=$("$PG_CONFIG" --version 2>/dev/null | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
[ -n "$PG_MAJOR" ] || PG_MAJOR=$PGVER

# Run a command in a throwaway cluster of the server we build against.  -t
# keeps the cluster in a temporary directory even as root, so that runs in
# parallel (or a cluster left by a killed run) do not collide on 15/regress.
# A cluster that could not start (two runs took the same port) is retried.
virtualenv()
{
	local out=$1 rc tries=0

	shift
	while :; do
		pg_virtualenv -t -v "$PG_MAJOR" "$@" > "$out" 2>&1
		rc=$?
		tries=$((tries + 1))
		if [ $rc -ne 0 ] && [ $tries -lt 3 ] &&
		   grep -qE 'Port conflict|could not bind|Address already in use|refusing to overwrite|could not start|pid file is invalid' "$out"; then
			echo "# cluster did not start, retrying"
			sleep 2
			continue
		fi
		return $rc
	done
}

# ---------------------------------------------------------------------------
# 1. Build and install

section "build ($PG_CONFIG)"
BUILD_OK=1
if make -s clean > "$WORK/build.log" 2>&1 && make -s >> "$WORK/build.log" 2>&1; then
	pass "build: make"
else
	fail "build: make"
	show_log "$WORK/build.log" 60
	BUILD_OK=0
	STAGE_FAILED+=(build)
fi
if [ $BUILD_OK = 1 ]; then
	if make -s install > "$WORK/install.log" 2>&1; then
		pass "build: make install"
	else
		fail "build: make install"
		show_log "$WORK/install.log" 30
		BUILD_OK=0
		STAGE_FAILED+=(install)
	fi
fi

# ---------------------------------------------------------------------------
# 2. pg_regress

section "regress (pg_regress via make installcheck)"
if [ $BUILD_OK != 1 ]; then
	fail "regress: not run, the build failed"
	STAGE_FAILED+=(regress)
else
	rm -f regression.diffs regression.out
	virtualenv "$WORK/regress.log" make installcheck
	rc=$?
	n_tests=0
	n_fail=0
	while read -r name result; do
		n_tests=$((n_tests + 1))
		case "$result" in
			ok*|"failed (ignored)"*|*"# SKIP"*)
				pass "regress: $name ($result)" ;;
			*)
				fail "regress: $name ($result)"
				n_fail=$((n_fail + 1)) ;;
		esac
	done < <(regress_results "$WORK/regress.log")
	if [ $n_tests -eq 0 ]; then
		fail "regress: make installcheck ran no tests (exit status $rc)"
		show_log "$WORK/regress.log" 40
		STAGE_FAILED+=(regress)
	elif [ $rc -ne 0 ] && [ $n_fail -eq 0 ]; then
		fail "regress: make installcheck exited with status $rc"
		show_log "$WORK/regress.log" 40
		STAGE_FAILED+=(regress)
	elif [ $n_fail -gt 0 ]; then
		STAGE_FAILED+=(regress)
	fi
	if [ $n_fail -gt 0 ] || [ $rc -ne 0 ]; then
		if [ -s regression.diffs ]; then
			echo "   --- regression.diffs ($(wc -l < regression.diffs) lines; full file: $ROOT/regression.diffs) ---"
			head -n 300 regression.diffs | sed 's/^/   | /'
			echo "   ---"
		fi
	fi
fi

# ---------------------------------------------------------------------------
# 3. C unit tests under AddressSanitizer and UBSan

section "unit (test/unit/*.c under ASan + UBSan)"
UNIT_CFLAGS="-std=gnu99 -Wall -Wextra -Wno-unused-parameter -g -O1
	-fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
# libpgcommon: PostgreSQL's shortest double formatter (float8out's), which
# the plain-C code uses without any server header
UNIT_LIBS="-L$("$PG_CONFIG" --pkglibdir) -lpgcommon -lpgport -lm"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
shopt -s nullglob
unit_sources=(test/unit/*.c)
if [ ${#unit_sources[@]} -eq 0 ]; then
	echo "# no unit tests"
fi
for src in "${unit_sources[@]}"; do
	name=$(basename "$src" .c)
	bin="$WORK/$name"
	link=$(sed -n -E 's/.*run_tests-link:[[:space:]]*([^*]*)(\*\/)?.*/\1/p' "$src" | head -n 1)
	[ -n "$link" ] || link="src/estimate_parse.c"
	# shellcheck disable=SC2086
	if ! gcc $UNIT_CFLAGS -Isrc -o "$bin" "$src" $link $UNIT_LIBS > "$WORK/$name.build.log" 2>&1; then
		fail "unit/$name: does not compile"
		show_log "$WORK/$name.build.log" 40
		STAGE_FAILED+=("unit/$name")
		continue
	fi
	(cd "$ROOT" && "$bin") > "$WORK/$name.out" 2>&1
	rc=$?
	count_tap "unit/$name" "$WORK/$name.out" $rc || STAGE_FAILED+=("unit/$name")
done

# ---------------------------------------------------------------------------
# 3b. Fuzz targets (test/fuzz/*.c, libFuzzer's LLVMFuzzerTestOneInput), if
# any: each is built with clang and run for FUZZ_SECONDS (default 12) from
# its seed corpus test/fuzz/corpus/<name>/, test/fuzz/corpus_<name>/ or, for
# fuzz_<x>.c, test/fuzz/corpus_<x>/ (copied, so the tree stays clean).
# A target that runs without a crash is one passed test.

shopt -s nullglob
fuzz_sources=(test/fuzz/*.c)
if [ ${#fuzz_sources[@]} -gt 0 ]; then
	section "fuzz (test/fuzz/*.c, ${FUZZ_SECONDS:-12} s each)"
	CLANG=$(command -v clang-14 || command -v clang || true)
	for src in "${fuzz_sources[@]}"; do
		name=$(basename "$src" .c)
		bin="$WORK/fuzz_$name"
		if [ -z "$CLANG" ]; then
			fail "fuzz/$name: no clang"
			STAGE_FAILED+=("fuzz/$name")
			continue
		fi
		link=$(sed -n -E 's/.*run_tests-link:[[:space:]]*([^*]*)(\*\/)?.*/\1/p' "$src" | head -n 1)
		[ -n "$link" ] || link="src/estimate_parse.c"
		# shellcheck disable=SC2086
		if ! "$CLANG" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
				-Isrc -o "$bin" "$src" $link $UNIT_LIBS > "$WORK/fuzz_$name.build.log" 2>&1; then
			fail "fuzz/$name: does not compile"
			show_log "$WORK/fuzz_$name.build.log" 40
			STAGE_FAILED+=("fuzz/$name")
			continue
		fi
		corpus="$WORK/corpus_$name"
		mkdir -p "$corpus"
		for d in "test/fuzz/corpus/$name" "test/fuzz/corpus_$name" "test/fuzz/corpus_${name#fuzz_}"; do
			[ -d "$d" ] && cp -r "$d/." "$corpus/"
		done
		dict=()
		[ -f "test/fuzz/$name.dict" ] && dict=("-dict=test/fuzz/$name.dict")
		if (cd "$WORK" && "$bin" "${dict[@]}" -max_total_time="${FUZZ_SECONDS:-12}" \
				-artifact_prefix="$WORK/crash_$name-" "$corpus") > "$WORK/fuzz_$name.log" 2>&1; then
			pass "fuzz/$name: $(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$WORK/fuzz_$name.log" | tail -n 1)s"
		else
			fail "fuzz/$name: crashed"
			show_log "$WORK/fuzz_$name.log" 40
			STAGE_FAILED+=("fuzz/$name")
		fi
	done
fi

# ---------------------------------------------------------------------------
# 3c. The regression suite against a build under UndefinedBehaviorSanitizer.
# test/sanitize_regress.sh builds a copy of the sources, installs it into a
# staging directory and makes its own cluster, so it runs here, not under
# pg_virtualenv with the scripts below, and the normal build stays installed.

if [ "${SKIP_SANITIZE:-0}" != 1 ] && [ -f test/sanitize_regress.sh ]; then
	section "sanitize (test/sanitize_regress.sh)"
	if [ $BUILD_OK != 1 ]; then
		fail "sanitize_regress.sh: not run, the build failed"
		STAGE_FAILED+=(sanitize_regress.sh)
	else
		bash test/sanitize_regress.sh > "$WORK/sanitize_regress.out" 2>&1
		rc=$?
		count_tap "sanitize_regress.sh" "$WORK/sanitize_regress.out" $rc ||
			STAGE_FAILED+=(sanitize_regress.sh)
	fi
fi

# ---------------------------------------------------------------------------
# 4. Scripts against a server: test/*.sh and test/*.py, TAP on stdout

section "scripts (test/*.sh, test/*.py in throwaway clusters)"
scripts=()
for s in test/*.sh test/*.py; do
	case "$(basename "$s")" in
		run_tests.sh|sanitize_regress.sh) continue ;;	# (stages of their own)
		valgrind_regress.sh) continue ;;	# (too slow: a by-hand command)
	esac
	scripts+=("$s")
done
if [ ${#scripts[@]} -eq 0 ]; then
	echo "# no scripts"
fi
for s in "${scripts[@]}"; do
	name=$(basename "$s")
	if [ $BUILD_OK != 1 ]; then
		fail "$name: not run, the build failed"
		STAGE_FAILED+=("$name")
		continue
	fi
	case "$s" in
		*.sh) virtualenv "$WORK/$name.out" bash "$s" ;;
		*.py) virtualenv "$WORK/$name.out" /usr/bin/python3 "$s" ;;
	esac
	rc=$?
	count_tap "$name" "$WORK/$name.out" $rc || STAGE_FAILED+=("$name")
done

# ---------------------------------------------------------------------------

echo
[ "${KEEP_UNIT_BUILD:-0}" = 1 ] && echo "# test binaries and logs kept in $WORK"
if [ ${#STAGE_FAILED[@]} -gt 0 ]; then
	echo "# failed: ${STAGE_FAILED[*]}"
fi
echo "$PASSED passed, $FAILED failed"
if [ "$FAILED" -gt 0 ] || [ ${#STAGE_FAILED[@]} -gt 0 ]; then
	exit 1
fi
exit 0
