#!/bin/bash
# test/symbols.sh: the names conflict_stats.so exports.
#
# A shared library loaded into the server shares one symbol namespace with
# the postgres binary and every library loaded before it: the JIT provider
# (llvmjit.so) brings in libLLVM and, through it, libedit, whose el_init and
# el_parse once shadowed two functions of ours and crashed a JIT-compiled
# query.  So every exported name must be either
#   - an SQL-callable function the install and update scripts name
#     ('MODULE_PATHNAME', 'name') with its pg_finfo_name record,
#     Pg_magic_func or _PG_init, or
#   - a name of the plain-C layer with a project prefix: cs_ (common), est_,
#     tr_, cum_, cpg_, elas_, ser_, pic_ (the cores);
# and none may be defined by postgres, llvmjit.so or a library either of
# them links.
#
# Usage: bash test/symbols.sh [LIBRARY]  (default ./conflict_stats.so, built)
# Prints TAP.

set -u
cd "$(dirname "$0")/.." || exit 2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. test/lib/tap.sh

LIB=${1:-conflict_stats.so}
PG_CONFIG=${PG_CONFIG:-pg_config}
echo "# exported symbols of $LIB"

# exported: the defined dynamic symbols of a library (functions and data)
exported()
{
	nm -D --defined-only "$1" 2>/dev/null | awk '$2 ~ /^[TDBRVWiu]$/ { print $3 }' | sed 's/@.*//' | sort -u
}

ok "$LIB is built" test -s "$LIB"
exported "$LIB" > "$TMP/ours"
ok "$LIB exports symbols (nm -D works)" test -s "$TMP/ours"

# the C names the SQL scripts bind
sed -n -E "s/.*'MODULE_PATHNAME', *'([A-Za-z0-9_]+)'.*/\1/p" sql/conflict_stats--*.sql | sort -u > "$TMP/sql_names"
{ cat "$TMP/sql_names"; sed 's/^/pg_finfo_/' "$TMP/sql_names"; echo Pg_magic_func; echo _PG_init; } | sort -u > "$TMP/allowed"

unexpected()
{
	local bad
	bad=$(grep -v -x -F -f "$TMP/allowed" "$TMP/ours" | grep -v -E '^(cs|est|tr|cum|cpg|elas|ser|pic)_')
	[ -z "$bad" ] && return 0
	echo "exported without a project prefix and not named by the SQL scripts:"
	echo "$bad"
	return 1
}
ok "every exported name is an SQL-callable function or carries a project prefix" unexpected

missing()
{
	local bad
	bad=$(grep -v -x -F -f "$TMP/ours" "$TMP/sql_names")
	[ -z "$bad" ] && return 0
	echo "named by the SQL scripts but not exported:"
	echo "$bad"
	return 1
}
ok "every C function the SQL scripts name is exported" missing

# the libraries whose names share the server's namespace
postgres=$("$PG_CONFIG" --bindir)/postgres
jit=$("$PG_CONFIG" --pkglibdir)/llvmjit.so
libs=("$postgres")
[ -f "$jit" ] && libs+=("$jit")
for f in "${libs[@]}"; do
	while read -r dep; do
		libs+=("$dep")
	done < <(ldd "$f" 2>/dev/null | sed -n -E 's/.*=> (\/[^ ]+) .*/\1/p')
done
printf '%s\n' "${libs[@]}" | sort -u > "$TMP/libs"
echo "# against $(wc -l < "$TMP/libs") libraries: postgres, ${jit##*/}$([ -f "$jit" ] || echo ' (not installed)') and what they link"

: > "$TMP/theirs"
while read -r f; do
	exported "$f" >> "$TMP/theirs"
done < "$TMP/libs"
sort -u -o "$TMP/theirs" "$TMP/theirs"
ok "the server's libraries export names to compare with" test -s "$TMP/theirs"

collisions()
{
	local both
	# (every module has a magic block and may have _PG_init: the server
	# looks those up in the module's own handle)
	both=$(comm -12 "$TMP/ours" "$TMP/theirs" | grep -v -x -E 'Pg_magic_func|_PG_init|pg_finfo_.*')
	[ -z "$both" ] && return 0
	echo "also defined by the server or a library it loads:"
	echo "$both"
	return 1
}
ok "no exported name is also defined by postgres, the JIT provider or their libraries" collisions

done_testing
