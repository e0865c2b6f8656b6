# tally.sh — sourced by test/run_tests.sh (not run on its own): counts the
# passed and failed tests in what pg_regress and prove print.

. "$(dirname "${BASH_SOURCE[0]}")/regress.sh"

# tally_regress LOG: print "PASSED FAILED" for a pg_regress run's output
tally_regress()
{
	local name result passed=0 failed=0

	while read -r name result; do
		case "$result" in
			ok*) passed=$((passed + 1)) ;;
			*) failed=$((failed + 1)) ;;
		esac
	done < <(regress_results "$1")
	echo "$passed $failed"
}

# tally_prove LOG: print "PASSED FAILED" for prove's output: Tests=N from its
# summary, the failed subtests of each file in its report, and one more
# failure for a file that failed without a failing subtest (a non-zero exit,
# no plan, fewer tests than planned)
tally_prove()
{
	awk '
		/^Files=[0-9]+, Tests=[0-9]+/ {
			match($0, /Tests=[0-9]+/)
			total = substr($0, RSTART + 6, RLENGTH - 6) + 0
		}
		/ \(Wstat: [0-9]+.* Tests: [0-9]+ Failed: [0-9]+\)/ {
			match($0, /Failed: [0-9]+/)
			f = substr($0, RSTART + 8, RLENGTH - 8) + 0
			failed += (f > 0 ? f : 1)
			extra += (f > 0 ? 0 : 1)
		}
		/^Result: NOTESTS/ { extra += 1; failed += 1 }
		END {
			passed = total - (failed - extra)
			if (passed < 0) passed = 0
			print passed, failed + 0
		}' "$1"
}
