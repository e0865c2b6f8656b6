# regress.sh — sourced by the scripts in test/ that run pg_regress (not run on
# its own).

# regress_results LOG: print "NAME RESULT" for each test that pg_regress
# reports in LOG.  RESULT starts with "ok" or "FAILED" ("failed (ignored)"
# for an ignored test), followed by what pg_regress printed after it.
#	PostgreSQL 15 and older: "test estimate   ... ok   12 ms", and in a
#	parallel group "     estimate ... FAILED"
#	PostgreSQL 16 and newer (TAP): "ok 1  - estimate  12 ms", "not ok 2 + x"
regress_results()
{
	local line name result

	while IFS= read -r line; do
		if [[ $line =~ ^(test[[:space:]]+)?[[:space:]]*([^[:space:]]+)[[:space:]]+\.\.\.[[:space:]]+((ok|FAILED|failed).*)$ ]]; then
			name=${BASH_REMATCH[2]}
			result=${BASH_REMATCH[3]}
		elif [[ $line =~ ^(not[[:space:]]+)?ok[[:space:]]+[0-9]+[[:space:]]+[-+][[:space:]]+([^[:space:]]+)(.*)$ ]]; then
			name=${BASH_REMATCH[2]}
			if [ -n "${BASH_REMATCH[1]}" ]; then
				result="FAILED${BASH_REMATCH[3]}"
			else
				result="ok${BASH_REMATCH[3]}"
			fi
		else
			continue
		fi
		echo "$name $(echo "$result" | sed -E 's/[[:space:]]+/ /g; s/ $//')"
	done < "$1"
}
