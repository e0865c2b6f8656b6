# tap.sh — sourced by the TAP scripts in test/ (not run on its own).
# Needs $TMP, a scratch directory of the caller's.  Gives ok and skip,
# counting into $n and $failed.

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
	fi
}

# skip DESCRIPTION REASON: a TAP line for a check that does not apply
skip()
{
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}
