#!/bin/bash
# test/fuzz/run.sh: run every built libFuzzer target for a while, print TAP
#
#	make -C test fuzz BUILD=/tmp/cs_build PG_CONFIG=...
#	BUILD=/tmp/cs_build bash test/fuzz/run.sh [fuzz_name ...]
#	BUILD=/tmp/cs_build prove --exec bash test/fuzz/run.sh
#
# Each target test/fuzz/fuzz_<x>.c, built as $BUILD/fuzz/fuzz_<x>, runs for
# FUZZ_SECONDS (12) seconds on a copy of its seed corpus test/fuzz/corpus_<x>/
# with its dictionary test/fuzz/fuzz_<x>.dict, in a scratch directory: the
# repository is never written to.  One TAP line per target, with the number
# of inputs run; a crash, a sanitizer report, a timeout (FUZZ_TIMEOUT, 10 s,
# for one input) or a missing binary is "not ok", the log's tail follows as
# comments and the scratch directory, with the crashing input, is kept.
# The exit status is non-zero when any target is not ok.

set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD=${BUILD:-$here/../build}
FUZZ_SECONDS=${FUZZ_SECONDS:-12}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-10}

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

if [ ! -d "$BUILD/fuzz" ]; then
	echo "1..0 # SKIP no fuzz targets built in $BUILD/fuzz (make -C test fuzz BUILD=$BUILD)"
	exit 0
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/cs_fuzz.XXXXXX") || exit 1
keep=0
failed=0
n=0

echo "1..${#names[@]}"
for name in "${names[@]}"; do
	n=$((n + 1))
	bin="$BUILD/fuzz/$name"
	if [ ! -x "$bin" ]; then
		echo "not ok $n - $name: not built ($bin is missing)"
		failed=$((failed + 1))
		continue
	fi

	work="$scratch/$name"
	mkdir -p "$work/corpus"
	seeds="$here/corpus_${name#fuzz_}"
	[ -d "$seeds" ] && cp -R "$seeds/." "$work/corpus/"
	dict=()
	[ -f "$here/$name.dict" ] && dict=("-dict=$here/$name.dict")

	(cd "$work" && "$bin" -max_total_time="$FUZZ_SECONDS" -timeout="$FUZZ_TIMEOUT" \
		-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/" \
		"${dict[@]}" "$work/corpus") > "$work/log" 2>&1
	rc=$?

	runs=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$work/log" | tail -n 1 |
		sed -E 's/Done ([0-9]+) runs in ([0-9]+) second/\1 runs in \2 s/')
	[ -n "$runs" ] || runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$work/log" |
		grep -Eo '[0-9]+$' | tail -n 1 | sed 's/$/ runs/')
	inputs=$(find "$work/corpus" -type f | wc -l)
	if [ $rc -eq 0 ]; then
		echo "ok $n - $name: ${runs:-? runs}, corpus of $inputs inputs"
	else
		artifact=$(ls "$work"/crash-* 2>/dev/null | head -n 1)
		echo "not ok $n - $name: exit $rc after ${runs:-? runs}${artifact:+ (input: $artifact)}"
		grep -E 'ERROR|runtime error|property failed|SUMMARY|Test unit written|==[0-9]+==' "$work/log" |
			head -n 20 | sed 's/^/# /'
		tail -n 15 "$work/log" | sed 's/^/# /'
		failed=$((failed + 1))
		keep=1
	fi
done

if [ $keep -eq 1 ]; then
	echo "# logs and crashing inputs kept in $scratch"
else
	rm -rf "$scratch"
fi
[ $failed -eq 0 ]
