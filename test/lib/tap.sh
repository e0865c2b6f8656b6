# tap.sh — sourced by the TAP scripts in test/ (not run on its own).
# shellcheck shell=bash
# Gives ok (run a command; needs $TMP, a scratch directory of the caller's),
# tap (a result already known), skip, skip_all, diag and done_testing,
# counting into $n and $failed.  ok and tap return 1 for a failed check, so
# that a script can stop a chain of checks at the first that fails.

n=0
failed=0

# ok DESCRIPTION COMMAND...: runs the command and prints the TAP line;
# a failure shows the command's output as diagnostics
ok()
{
	local desc=$1
	shift
	n=$((n + 1))
	if "$@" >"$TMP/out" 2>&1; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		sed 's/^/#   /' "$TMP/out" | head -n 200
		failed=$((failed + 1))
		return 1
	fi
}

# skip DESCRIPTION REASON: a TAP line for a check that does not apply
skip()
{
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

# tap OK DESCRIPTION: a TAP line for a check whose result is known (OK 1 or 0)
tap()
{
	n=$((n + 1))
	if [ "$1" = 1 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
		return 1
	fi
}

# diag FILE [LINES]: the last lines of a file as TAP diagnostics
diag()
{
	[ -s "$1" ] && tail -n "${2:-40}" "$1" | sed 's/^/# /'
}

# skip_all REASON: the plan of a script that has nothing to check here, and
# its exit
skip_all()
{
	echo "1..0 # SKIP $1"
	exit 0
}

# done_testing: the plan, how many checks failed if any did, and the exit
# (non-zero when a check failed)
done_testing()
{
	echo "1..$n"
	if [ "$failed" -ne 0 ]; then
		echo "# $failed of $n checks failed"
		exit 1
	fi
	exit 0
}
