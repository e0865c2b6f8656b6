#!/bin/bash
# test/fuzz/run.sh: run the built libFuzzer targets, print TAP
#
#	make -C test fuzz BUILD=/tmp/cs_build PG_CONFIG=...
#	BUILD=/tmp/cs_build bash test/fuzz/run.sh [fuzz_name ...]
#	BUILD=/tmp/cs_build prove --exec bash test/fuzz/run.sh
#	BUILD=/tmp/cs_build FUZZ_SECONDS=600 bash test/fuzz/run.sh --explore [fuzz_name ...]
#
# Each target test/fuzz/fuzz_<x>.c, built as $BUILD/fuzz/fuzz_<x>, runs in
# a scratch directory on a copy of its corpus test/fuzz/corpus_<x>/, with
# its dictionary test/fuzz/fuzz_<x>.dict.  One TAP line per target, from
# the helpers of test/lib/tap.sh (the plan comes last); a crash, a sanitizer
# report, a timeout (FUZZ_TIMEOUT, 10 s, for one input) or a missing binary
# is "not ok", the log's tail follows as comments and the scratch directory,
# with the crashing input, is kept.  The exit status is non-zero when any
# target is not ok.
#
# By default (the test command) the run is the same every time: each
# target replays every input of its corpus, then runs a fixed number of
# mutations (FUZZ_RUNS, else its own count below, about 7 s on a 2-core
# machine) from a fixed seed (FUZZ_SEED, 1).  What would make two runs
# differ is off: reloading the corpus directory on a timer, and the
# mutations that copy operands of the target's comparisons, among which
# are addresses that change from run to run.  The repository is never
# written to.
#
# With --explore, each target runs for FUZZ_SECONDS (600) seconds from a
# random seed (printed), with every mutation on; then the fewest inputs
# that reach the code the corpus does not are merged into
# test/fuzz/corpus_<x>/ (libFuzzer's -set_cover_merge=1 on edges), for
# review and commit.

set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/../lib/tap.sh"
BUILD=${BUILD:-$here/../build}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-10}
FUZZ_SEED=${FUZZ_SEED:-1}

explore=0
if [ "${1:-}" = --explore ]; then
	explore=1
	shift
fi
FUZZ_SECONDS=${FUZZ_SECONDS:-600}

# Give a target's count of mutations in the default mode: about 7 s each.
mutations_of()
{
	case $1 in
		fuzz_common) echo 450000 ;;
		fuzz_estimate) echo 200000 ;;
		fuzz_trend) echo 35000 ;;
		fuzz_cumulative) echo 45000 ;;
		fuzz_gain) echo 90000 ;;
		fuzz_series) echo 140000 ;;
		fuzz_picture) echo 55000 ;;
		fuzz_window) echo 15000 ;;
		fuzz_collector) echo 3000 ;;
		*) echo 50000 ;;
	esac
}

# the targets: those named on the command line, or every fuzz_*.c
if [ $# -gt 0 ]; then
	names=("$@")
else
	names=()
	for src in "$here"/fuzz_*.c; do
		[ -e "$src" ] || continue
		name=$(basename "$src" .c)
		names+=("$name")
	done
fi

[ -d "$BUILD/fuzz" ] || skip_all "no fuzz targets built in $BUILD/fuzz (make -C test fuzz BUILD=$BUILD)"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/cs_fuzz.XXXXXX") || exit 1
keep=0

for name in "${names[@]}"; do
	bin="$BUILD/fuzz/$name"
	if [ ! -x "$bin" ]; then
		tap 0 "$name: not built ($bin is missing)"
		continue
	fi

	work="$scratch/$name"
	mkdir -p "$work/corpus"
	seeds="$here/corpus_${name#fuzz_}"
	[ -d "$seeds" ] && cp -R "$seeds/." "$work/corpus/"
	nseeds=$(find "$work/corpus" -type f | wc -l)
	dict=()
	[ -f "$here/$name.dict" ] && dict=("-dict=$here/$name.dict")

	if [ $explore -eq 1 ]; then
		mode=(-max_total_time="$FUZZ_SECONDS")
	else
		# every input of the corpus, the empty input, then the mutations
		mutations=${FUZZ_RUNS:-$(mutations_of "$name")}
		mode=(-seed="$FUZZ_SEED" -runs=$((nseeds + 1 + mutations)) -reload=0 -use_cmp=0)
	fi
	(cd "$work" && "$bin" "${mode[@]}" -timeout="$FUZZ_TIMEOUT" \
		-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/" \
		"${dict[@]}" "$work/corpus") > "$work/log" 2>&1
	rc=$?

	runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$work/log" | grep -Eo '[0-9]+$' | tail -n 1)
	inited=$(grep -Eo '^#[0-9]+[[:space:]]+INITED' "$work/log" | grep -Eo '[0-9]+' | head -n 1)
	seed=$(grep -Eo 'INFO: Seed: [0-9]+' "$work/log" | grep -Eo '[0-9]+$' | head -n 1)
	inputs=$(find "$work/corpus" -type f | wc -l)
	cov=$(grep -Eo 'DONE +cov: [0-9]+ ft: [0-9]+' "$work/log" | tail -n 1 |
		sed -E 's/DONE +cov: ([0-9]+) ft: ([0-9]+)/\1 edges, \2 features/')
	if [ -n "$runs" ] && [ -n "$inited" ]; then
		what="$nseeds inputs replayed, $((runs - inited)) mutations from seed ${seed:-?}"
	else
		what="${runs:-?} runs"
	fi
	if [ $rc -ne 0 ]; then
		artifact=$(ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* 2>/dev/null | head -n 1)
		tap 0 "$name: exit $rc after $what${artifact:+ (input: $artifact)}"
		grep -E 'ERROR|runtime error|property failed|SUMMARY|Test unit written|==[0-9]+==' "$work/log" |
			head -n 20 | sed 's/^/# /'
		diag "$work/log" 15
		keep=1
	elif [ $explore -eq 1 ]; then
		# keep the fewest inputs that reach the code the corpus does not
		mkdir -p "$seeds"
		before=$(find "$seeds" -type f | wc -l)
		if (cd "$work" && "$bin" -set_cover_merge=1 -use_counters=0 "$seeds" "$work/corpus") \
			> "$work/merge.log" 2>&1; then
			after=$(find "$seeds" -type f | wc -l)
			tap 1 "$name: $what in ${FUZZ_SECONDS} s; $((after - before)) new inputs merged into test/fuzz/${seeds##*/}"
		else
			tap 0 "$name: $what; merging into $seeds failed"
			diag "$work/merge.log" 15
			keep=1
		fi
	else
		tap 1 "$name: $what; $inputs inputs, ${cov:-coverage ?}"
	fi
done

if [ $keep -eq 1 ]; then
	echo "# logs and crashing inputs kept in $scratch"
else
	rm -rf "$scratch"
fi
done_testing
