#!/bin/bash
# cluster.sh — the one way the tests, the by-hand checks and the benchmarks
# start a throwaway PostgreSQL cluster.  Sourced, it gives with_cluster;
# run as a command, it is with_cluster:
#	bash test/lib/cluster.sh MAJOR CMD [ARGS...]
#
# with_cluster MAJOR CMD [ARGS...] runs CMD with a throwaway cluster of
# PostgreSQL MAJOR (15, 17 or 18; see pgversions.sh for where each comes
# from), as pg_virtualenv does for the system's versions, and returns CMD's
# exit status:
#	- a temporary directory ${TMPDIR:-/tmp}/conflict_stats_pgMAJOR.XXXXXX
#	  with the data directory, a private unix-socket directory and the
#	  server log;
#	- initdb --auth=trust, UTF8, locale C.UTF-8, superuser "postgres";
#	- the server listens on the socket directory and on 127.0.0.1 at a free
#	  TCP port (another port is tried when two runs pick the same one), with
#	  jit=off, fsync=off and parallel workers available (tests can force
#	  parallel plans with parallel_setup_cost=0 and the like);
#	- CMD runs (as the caller) with PGHOST (the socket directory), PGPORT,
#	  PGUSER=postgres, PGDATABASE=postgres, PGDATA, PGVERSION=MAJOR,
#	  PG_CONFIG (that version's, from pgv_prepare) and PATH with that
#	  version's bin first (its psql, pg_dump, pg_restore, pg_config);
#	- then the server is stopped and the directory removed, also when CMD
#	  fails or the run is interrupted.  When CMD fails, the end of the server
#	  log goes to stderr.
# Runs can go on side by side: nothing is fixed but the user.
#
# What a stage needs beyond that, it asks for in the environment of
# with_cluster:
#	CLUSTER_SETTINGS		lines for postgresql.conf, one setting a line,
#							after (so over) the ones above: shared_buffers
#							for a benchmark, extension_destdir for a build
#							installed into a staging directory (a setting of
#							Debian's servers only)
#	CLUSTER_SERVER_ENV		NAME=VALUE lines: the server's environment (the
#							sanitizer runtimes in LD_PRELOAD, their options)
#	CLUSTER_SERVER_WRAPPER	a command the postmaster runs under, split into
#							words (valgrind and its options)
#	CLUSTER_START_TIMEOUT	seconds to wait for the server to accept
#							connections (60)
#	CLUSTER_STOP_TIMEOUT	seconds to wait for it to stop (30; then it is
#							killed)
#	CLUSTER_KEEP_LOG		a file the server log is copied to once the
#							server has stopped, for the caller to scan
#
# The server never runs as root: when the caller is root, initdb and the
# server run as the OS user postgres (CLUSTER_SERVER_USER), which owns the
# temporary directory.  That user must be able to read the server's files;
# when it cannot (the cache is in /root, which only root may enter), the
# cluster runs a copy of the server tree made when it starts (hard links
# where possible), so the extension must be installed (make install) before
# with_cluster starts, not inside CMD.

. "$(dirname "${BASH_SOURCE[0]}")/pgversions.sh"

# Run CMD with a throwaway cluster of PostgreSQL MAJOR (see the top).
#	with_cluster MAJOR CMD [ARGS...]
with_cluster()
{
	if [ $# -lt 2 ]; then
		echo "usage: with_cluster MAJOR CMD [ARGS...]" >&2
		return 2
	fi
	(cluster_run "$@")
}

# Make, start and use the cluster; runs in a subshell of its own, whose exit
# trap stops the server and removes the directory.
cluster_run()
{
	local major=$1 pgc bindir rc

	shift
	pgc=$(pgv_prepare "$major") || exit 2
	bindir=$("$pgc" --bindir) || exit 2
	CLUSTER_DIR=''
	CLUSTER_USER=''
	CLUSTER_SERVER_BIN=''
	CLUSTER_PORT=''
	trap cluster_cleanup EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	cluster_make_dir "$major" || exit 2
	cluster_server_tree "$pgc" || exit 2
	cluster_initdb || exit 2
	cluster_configure || exit 2
	cluster_start || exit 2
	cluster_export "$major" "$pgc" "$bindir"
	rc=0
	"$@" || rc=$?
	if [ $rc -ne 0 ]; then
		cluster_show_log
	fi
	exit $rc
}

# Make the temporary directory and choose who runs the server.
cluster_make_dir()
{
	local major=$1

	if [ "$(id -u)" -eq 0 ]; then
		CLUSTER_USER=${CLUSTER_SERVER_USER:-postgres}
		if ! id -u "$CLUSTER_USER" >/dev/null 2>&1; then
			echo "cluster: running as root needs the OS user $CLUSTER_USER to run the server" >&2
			return 1
		fi
	fi
	CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/conflict_stats_pg$major.XXXXXX") || return 1
	chmod 755 "$CLUSTER_DIR"
	mkdir "$CLUSTER_DIR/data" "$CLUSTER_DIR/socket" "$CLUSTER_DIR/log" || return 1
	if [ -n "$CLUSTER_USER" ]; then
		chown "$CLUSTER_USER:" "$CLUSTER_DIR/data" "$CLUSTER_DIR/socket" "$CLUSTER_DIR/log" ||
			return 1
	fi
	chmod 700 "$CLUSTER_DIR/data"
}

# Run a command as the server's user, from / (it may not enter the caller's
# working directory).
as_server_user()
{
	if [ -n "$CLUSTER_USER" ]; then
		(cd / && runuser -u "$CLUSTER_USER" -- "$@")
	else
		(cd / && "$@")
	fi
}

# Set CLUSTER_SERVER_BIN to the directory of the server's initdb, pg_ctl and
# postgres: their own, or a copy in the cluster's directory when the
# server's user cannot read them (see the top).
#	cluster_server_tree PG_CONFIG
cluster_server_tree()
{
	local pgc=$1 bindir sharedir tree

	bindir=$("$pgc" --bindir) && sharedir=$("$pgc" --sharedir) || return 1
	tree=$(dirname "$(dirname "$(readlink -f "$bindir/postgres")")")
	CLUSTER_SERVER_BIN=$tree/bin
	if as_server_user test -x "$tree/bin/postgres" -a -r "$sharedir/postgres.bki"; then
		return 0
	fi
	if ! cp -al "$tree" "$CLUSTER_DIR/server" 2>/dev/null; then
		rm -rf "$CLUSTER_DIR/server"
		cp -a "$tree" "$CLUSTER_DIR/server" || return 1
	fi
	CLUSTER_SERVER_BIN=$CLUSTER_DIR/server/bin
}

# Make the data directory.
cluster_initdb()
{
	if ! as_server_user "$CLUSTER_SERVER_BIN/initdb" -D "$CLUSTER_DIR/data" \
			--username=postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
			--no-sync > "$CLUSTER_DIR/log/initdb.log" 2>&1; then
		echo "cluster: initdb failed" >&2
		tail -n 20 "$CLUSTER_DIR/log/initdb.log" >&2
		return 1
	fi
}

# Add the settings for tests to the cluster's postgresql.conf (the port is
# given when the server starts).
cluster_configure()
{
	local settings=(
		"listen_addresses = '127.0.0.1'"
		"unix_socket_directories = '$CLUSTER_DIR/socket'"
		"fsync = off"
		"synchronous_commit = off"
		"full_page_writes = off"
		"jit = off"
		"max_parallel_workers = 8"
		"max_parallel_workers_per_gather = 2"
	)

	printf '%s\n' "" "# with_cluster (test/lib/cluster.sh)" "${settings[@]}" \
		>> "$CLUSTER_DIR/data/postgresql.conf"
	if [ -n "${CLUSTER_SETTINGS:-}" ]; then
		printf '%s\n' "# CLUSTER_SETTINGS" "$CLUSTER_SETTINGS" >> "$CLUSTER_DIR/data/postgresql.conf"
	fi
}

# Write the script pg_ctl starts instead of postgres when the postmaster runs
# under CLUSTER_SERVER_WRAPPER, and print its path.  It execs, so the
# postmaster keeps the pid pg_ctl waits for.
cluster_wrapper()
{
	local wrapper=$CLUSTER_DIR/postgres-wrapper word words

	read -r -a words <<< "$CLUSTER_SERVER_WRAPPER"
	# (the server's user may have another PATH)
	words[0]=$(command -v "${words[0]}") || return 1
	{
		echo '#!/bin/bash'
		printf 'exec'
		for word in "${words[@]}"; do
			printf ' %q' "$word"
		done
		printf ' %q "$@"\n' "$CLUSTER_SERVER_BIN/postgres"
	} > "$wrapper" && chmod 755 "$wrapper" && echo "$wrapper"
}

# Print a TCP port on 127.0.0.1 that nothing listens on now.
cluster_free_port()
{
	local port tries=0

	while [ $tries -lt 100 ]; do
		port=$((20000 + RANDOM % 10000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
		tries=$((tries + 1))
	done
	return 1
}

# Start the server on a free port, trying another port when one is taken
# between the choice and the start (runs side by side).
cluster_start()
{
	local tries=0 line wrapper
	local start=(env)

	while IFS= read -r line; do
		[ -n "$line" ] && start+=("$line")
	done <<< "${CLUSTER_SERVER_ENV:-}"
	start+=("$CLUSTER_SERVER_BIN/pg_ctl" start -w -t "${CLUSTER_START_TIMEOUT:-60}")
	if [ -n "${CLUSTER_SERVER_WRAPPER:-}" ]; then
		wrapper=$(cluster_wrapper) || return 1
		start+=(-p "$wrapper")
	fi
	while [ $tries -lt 5 ]; do
		CLUSTER_PORT=$(cluster_free_port) || break
		if as_server_user "${start[@]}" \
				-D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/log/server.log" \
				-o "-p $CLUSTER_PORT" > "$CLUSTER_DIR/log/pg_ctl.log" 2>&1; then
			return 0
		fi
		if ! grep -qE 'could not bind|could not create any TCP/IP sockets|Address already in use' \
				"$CLUSTER_DIR/log/server.log" 2>/dev/null; then
			break
		fi
		tries=$((tries + 1))
	done
	echo "cluster: the server did not start" >&2
	tail -n 20 "$CLUSTER_DIR/log/pg_ctl.log" "$CLUSTER_DIR/log/server.log" >&2 2>/dev/null
	return 1
}

# Export the connection and the version's programs for the command.
#	cluster_export MAJOR PG_CONFIG BINDIR
cluster_export()
{
	unset PGHOSTADDR PGSERVICE PGSERVICEFILE PGPASSWORD PGPASSFILE PGSYSCONFDIR PGOPTIONS
	export PGHOST=$CLUSTER_DIR/socket
	export PGPORT=$CLUSTER_PORT
	export PGUSER=postgres
	export PGDATABASE=postgres
	export PGDATA=$CLUSTER_DIR/data
	export PGVERSION=$1
	export PG_CONFIG=$2
	export PATH="$3:$PATH"
}

# Show the end of the server log on stderr.
cluster_show_log()
{
	[ -s "$CLUSTER_DIR/log/server.log" ] || return 0
	echo "cluster: --- last lines of the PostgreSQL $PGVERSION server log ---" >&2
	tail -n 40 "$CLUSTER_DIR/log/server.log" >&2
}

# Stop the server and remove the temporary directory (the exit trap).
cluster_cleanup()
{
	local pid

	trap - EXIT HUP INT TERM
	[ -n "${CLUSTER_DIR:-}" ] || return 0
	if [ -f "$CLUSTER_DIR/data/postmaster.pid" ]; then
		if ! as_server_user "$CLUSTER_SERVER_BIN/pg_ctl" stop -D "$CLUSTER_DIR/data" \
				-m fast -w -t "${CLUSTER_STOP_TIMEOUT:-30}" >/dev/null 2>&1; then
			pid=$(head -n 1 "$CLUSTER_DIR/data/postmaster.pid" 2>/dev/null)
			[ -n "$pid" ] && kill -QUIT "$pid" 2>/dev/null
			sleep 1
		fi
	fi
	if [ -n "${CLUSTER_KEEP_LOG:-}" ]; then
		cp "$CLUSTER_DIR/log/server.log" "$CLUSTER_KEEP_LOG" 2>/dev/null
	fi
	rm -rf "$CLUSTER_DIR"
}

# Run as a command: with_cluster with the arguments.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	with_cluster "$@"
	exit
fi
