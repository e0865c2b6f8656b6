#!/bin/bash
#
# run.sh: conflict_stats through real client drivers, as TAP.
#
#	pg_virtualenv -t prove -v test/clients/run.sh
#	bash test/clients/run.sh [DASHBOARDS.md]      # against the cluster in PG*
#
# Needs a cluster in PGHOST/PGPORT/PGUSER (and PGPASSWORD) whose server has
# the extension installed (make install).  It creates its own database
# cs_clients (dropped again at the end), runs CREATE EXTENSION,
# test/data/sample.sql and test/clients/fixtures.sql in it, then three suites:
#
#	psycopg        test_psycopg.py (and the adapter cs_psycopg.py)
#	JDBC           ClientsJdbc.java (pgjdbc from libpostgresql-jdbc-java)
#	node-postgres  test_node.js (npm package pg)
#
# The dashboard queries are the ```sql blocks of the "## Dashboards" section
# of DASHBOARDS.md (argument or $DASHBOARDS_MD), by default README.md.
#
# Missing Java, the JDBC driver, Node.js, npm or psycopg are installed with
# apt-get (as root).  Compiled classes and node_modules live in the cache
# directory ${CONFLICT_STATS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/conflict_stats},
# never in the repository.  Prints one TAP line per check and the plan; exits
# non-zero when a check failed.

set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${CONFLICT_STATS_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/conflict_stats}
JDBC_JAR=${JDBC_JAR:-/usr/share/java/postgresql.jar}
PYTHON=/usr/bin/python3			# Debian's, which has python3-psycopg
DB=cs_clients
START=$(date +%s)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cs_clients.XXXXXX") || exit 2
n=0
failed=0
apt_updated=0

# Drop the test database and the scratch directory.
cleanup()
{
	dropdb --if-exists "$DB" >/dev/null 2>&1
	rm -rf "$TMP"
}
trap cleanup EXIT

# Print one numbered TAP line: tap ok|notok DESCRIPTION [DIAGNOSTICS_FILE].
tap()
{
	n=$((n + 1))
	if [ "$1" = ok ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
		[ -n "${3:-}" ] && [ -s "$3" ] && head -n 40 "$3" | sed 's/^/#   /'
	fi
}

# Run a command as one check: step DESCRIPTION COMMAND...; its output is the diagnostics.
step()
{
	local desc=$1
	shift
	if "$@" >"$TMP/step.log" 2>&1; then
		tap ok "$desc"
	else
		tap notok "$desc" "$TMP/step.log"
		return 1
	fi
}

# Number a suite's "ok - …"/"not ok - …" lines; a suite that dies counts as a failure.
run_suite()
{
	local name=$1 line rc before=$failed tests=0
	shift
	"$@" >"$TMP/suite.out" 2>"$TMP/suite.err"
	rc=$?
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
			"ok - "*) tap ok "${line#ok - }"; tests=$((tests + 1)) ;;
			"not ok - "*) tap notok "${line#not ok - }"; tests=$((tests + 1)) ;;
			"#"*) echo "$line" ;;
			*) echo "# $line" ;;
		esac
	done <"$TMP/suite.out"
	if [ "$tests" -eq 0 ] || { [ $rc -ne 0 ] && [ $failed -eq "$before" ]; }; then
		tap notok "$name: the suite ran to its end (exit status $rc, $tests checks)" "$TMP/suite.err"
	elif [ -s "$TMP/suite.err" ]; then
		sed 's/^/# stderr: /' "$TMP/suite.err" | head -n 20
	fi
}

# Install Debian packages (as root), after one apt-get update.
apt_install()
{
	if [ "$(id -u)" -ne 0 ]; then
		echo "missing, and not root: apt-get install $*"
		return 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	if [ $apt_updated = 0 ]; then
		apt-get update -qq || return 1
		apt_updated=1
	fi
	apt-get install -y -qq --no-install-recommends "$@"
}

# psycopg 3 for Debian's python3, installed if missing.
need_psycopg()
{
	"$PYTHON" -c 'import psycopg' 2>/dev/null || apt_install python3-psycopg
}

# javac and the JDBC driver, installed if missing.
need_java()
{
	{ command -v javac && command -v java; } >/dev/null || apt_install default-jdk-headless || return 1
	[ -f "$JDBC_JAR" ] || apt_install libpostgresql-jdbc-java || return 1
	[ -f "$JDBC_JAR" ] || { echo "no $JDBC_JAR"; return 1; }
}

# node and npm (any vendor's), installed from Debian if missing.
need_node()
{
	{ command -v node && command -v npm; } >/dev/null || apt_install nodejs npm
}

# node-postgres in the cache, installed with npm once.
need_pg_module()
{
	[ -f "$CACHE/node/node_modules/pg/package.json" ] && return 0
	mkdir -p "$CACHE/node" &&
		npm install --prefix "$CACHE/node" --no-audit --no-fund --loglevel=error pg@8
}

# ClientsJdbc compiled into the cache, keyed by its source, the driver and javac.
compile_java()
{
	local key dir
	key=$( { cat "$HERE/ClientsJdbc.java" "$JDBC_JAR"; javac -version 2>&1; } | sha256sum | cut -c1-16)
	dir=$CACHE/java/$key
	JAVA_CLASSES=$dir
	[ -f "$dir/ClientsJdbc.class" ] && return 0
	mkdir -p "$CACHE/java" || return 1
	rm -rf "$dir.tmp.$$"
	mkdir -p "$dir.tmp.$$" &&
		javac -d "$dir.tmp.$$" -cp "$JDBC_JAR" "$HERE/ClientsJdbc.java" &&
		{ mv -T "$dir.tmp.$$" "$dir" 2>/dev/null || rm -rf "$dir.tmp.$$"; }
}

# A fresh database with the extension.
make_database()
{
	dropdb --if-exists "$DB" && createdb "$DB" &&
		psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -c 'CREATE EXTENSION conflict_stats'
}

# Load test/data/sample.sql from the repository root, as its header says.
load_sample()
{
	(cd "$ROOT" && psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f test/data/sample.sql)
}

# The markdown file whose "## Dashboards" section holds the queries.
dashboards_file()
{
	if [ -n "${1:-}" ]; then
		echo "$1"
	elif [ -n "${DASHBOARDS_MD:-}" ]; then
		echo "$DASHBOARDS_MD"
	else
		echo "$ROOT/README.md"
	fi
}

DASHBOARDS=$(dashboards_file "${1:-}")
DASHBOARDS=$(cd "$(dirname "$DASHBOARDS")" && pwd)/$(basename "$DASHBOARDS")
echo "# dashboards from $DASHBOARDS; cache $CACHE"

db_ok=0
step "setup: database $DB with CREATE EXTENSION conflict_stats" make_database &&
	step "setup: test/data/sample.sql loads" load_sample &&
	step "setup: test/data/sample.sql loads again (idempotent)" load_sample &&
	step "setup: test/clients/fixtures.sql loads" \
		psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f "$HERE/fixtures.sql" &&
	db_ok=1
export PGDATABASE=$DB
[ -f "$DASHBOARDS" ] || tap notok "setup: the dashboards file $DASHBOARDS exists"

if [ $db_ok = 1 ]; then
	step "psycopg: psycopg 3 importable by $PYTHON" need_psycopg &&
		run_suite psycopg "$PYTHON" "$HERE/test_psycopg.py" "$DASHBOARDS"

	JAVA_CLASSES=
	step "jdbc: javac, java and $JDBC_JAR present" need_java &&
		step "jdbc: ClientsJdbc.java compiles (cached in $CACHE/java)" compile_java &&
		run_suite jdbc java -cp "$JAVA_CLASSES:$JDBC_JAR" ClientsJdbc "$DASHBOARDS"

	step "node-postgres: node and npm present" need_node &&
		step "node-postgres: npm package pg in $CACHE/node" need_pg_module &&
		run_suite node-postgres env NODE_PATH="$CACHE/node/node_modules" node "$HERE/test_node.js"
fi

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed in $(($(date +%s) - START)) s"
[ $failed -eq 0 ]
