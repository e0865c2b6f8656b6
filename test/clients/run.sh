#!/bin/bash
#
# run.sh: conflict_stats through real client drivers, as TAP.
#
#	bash test/lib/cluster.sh 15 prove -v test/clients/run.sh
#	bash test/clients/run.sh [FILE.md]      # against the cluster in PG*
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
# of README.md, or of the markdown file given as the argument or in
# $DASHBOARDS_MD.
#
# It installs what it misses: Java, the JDBC driver, Node.js, npm or psycopg
# with apt-get (as root; not root, the check fails and says what to
# install), and the npm package pg with npm install into the cache
# directory ${CONFLICT_STATS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/conflict_stats},
# where the compiled classes live too, never in the repository.  Prints one
# TAP line per check and the plan; exits non-zero when a check failed.

set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${CONFLICT_STATS_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/conflict_stats}
JDBC_JAR=${JDBC_JAR:-/usr/share/java/postgresql.jar}
PYTHON=/usr/bin/python3			# Debian's, which has python3-psycopg
DB=cs_clients
START=$(date +%s)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cs_clients.XXXXXX") || exit 2
. "$ROOT/test/lib/tap.sh"
apt_updated=0

# Drop the test database and the scratch directory.
cleanup()
{
	dropdb --if-exists "$DB" >/dev/null 2>&1
	rm -rf "$TMP"
}
trap cleanup EXIT

# Number a suite's "ok - …"/"not ok - …" lines; a suite that dies counts as a failure.
run_suite()
{
	local name=$1 line rc before=$failed tests=0
	shift
	"$@" >"$TMP/suite.out" 2>"$TMP/suite.err"
	rc=$?
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
			"ok - "*) tap 1 "${line#ok - }"; tests=$((tests + 1)) ;;
			"not ok - "*) tap 0 "${line#not ok - }"; tests=$((tests + 1)) ;;
			"#"*) echo "$line" ;;
			*) echo "# $line" ;;
		esac
	done <"$TMP/suite.out"
	if [ "$tests" -eq 0 ] || { [ $rc -ne 0 ] && [ $failed -eq "$before" ]; }; then
		tap 0 "$name: the suite ran to its end (exit status $rc, $tests checks)"
		diag "$TMP/suite.err"
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

# The markdown file whose "## Dashboards" section holds the queries: the
# argument, $DASHBOARDS_MD, or README.md.
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
ok "setup: database $DB with CREATE EXTENSION conflict_stats" make_database &&
	ok "setup: test/data/sample.sql loads" load_sample &&
	ok "setup: test/data/sample.sql loads again (idempotent)" load_sample &&
	ok "setup: test/clients/fixtures.sql loads" \
		psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f "$HERE/fixtures.sql" &&
	db_ok=1
export PGDATABASE=$DB
[ -f "$DASHBOARDS" ] || tap 0 "setup: the dashboards file $DASHBOARDS exists"

if [ $db_ok = 1 ]; then
	ok "psycopg: psycopg 3 importable by $PYTHON" need_psycopg &&
		run_suite psycopg "$PYTHON" "$HERE/test_psycopg.py" "$DASHBOARDS"

	JAVA_CLASSES=
	ok "jdbc: javac, java and $JDBC_JAR present" need_java &&
		ok "jdbc: ClientsJdbc.java compiles (cached in $CACHE/java)" compile_java &&
		run_suite jdbc java -cp "$JAVA_CLASSES:$JDBC_JAR" ClientsJdbc "$DASHBOARDS"

	ok "node-postgres: node and npm present" need_node &&
		ok "node-postgres: npm package pg in $CACHE/node" need_pg_module &&
		run_suite node-postgres env NODE_PATH="$CACHE/node/node_modules" node "$HERE/test_node.js"
fi

echo "# the clients' checks took $(($(date +%s) - START)) s"
done_testing
