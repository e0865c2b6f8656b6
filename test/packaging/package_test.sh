#!/bin/bash
# package_test.sh — the release as users and packagers get it (TAP):
#	flock /tmp/cs_server.lock bash test/packaging/package_test.sh
#
# Makes the release archives (make dist) twice and checks they are the same
# bytes, hold the same files, everything a build and make installcheck need
# and nothing only the repository uses, and a META.json valid against the
# PGXN Meta Spec (validate_meta.py, which must also reject broken ones).
# Then, from the tar.gz and test/packaging/debian/ (debian_source.sh), builds
# postgresql-15-conflict-stats with dpkg-buildpackage (pg_buildext: out of
# the source tree, installed with DESTDIR), runs lintian (no error; its
# other findings are printed), checks the package's file list, installs it
# with dpkg -i on Debian's PostgreSQL 15, creates the extension in a fresh
# cluster and runs the regression suite against the installed package from
# the unpacked archive (what debian/tests/installcheck runs), removes it and
# checks nothing of it is left.
#
# What it archives: HEAD, or, when tracked files have uncommitted changes,
# the working tree's version of them (git stash create, which touches
# neither the tree, the index nor any branch); untracked files are not in
# the archive, as they would not be in a release.
#
# The machine is left as found.  The build skips the package's own
# build-time test (DEB_BUILD_OPTIONS=nocheck: it would start a cluster with
# pg_virtualenv; this script starts its clusters with test/lib/cluster.sh).
# Whatever of the extension is installed in the PostgreSQL 15 tree before
# (the test command's make install) is saved and taken away before dpkg -i,
# and put back after the package is removed, also when a check fails or the
# run is interrupted.  Run it as root, holding the server lock (the tree is
# shared).  It needs git, dpkg-dev, debhelper, lintian and
# postgresql-server-dev-all (README.md's test command installs them).

set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/test/lib/tap.sh"
. "$root/test/lib/cluster.sh"

PGV=15
PACKAGE=postgresql-$PGV-conflict-stats
pgc=/usr/lib/postgresql/$PGV/bin/pg_config

[ "$(id -u)" = 0 ] || skip_all "builds and installs a Debian package: run it as root"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/conflict_stats_package.XXXXXX") || exit 2
chmod 755 "$TMP"
SAVED=''			# the extension's files saved from the server tree
INSTALLED=''		# the package is installed by this script

# Print the server tree's files and directories of the extension (what
# make install puts there), relative to /, one a line.
extension_files()
{
	local lib share

	lib=$("$pgc" --pkglibdir) && share=$("$pgc" --sharedir) || return 1
	(cd / && for p in "${lib#/}"/conflict_stats.so "${lib#/}"/bitcode/conflict_stats.index.bc \
			"${lib#/}"/bitcode/conflict_stats "${share#/}"/extension/conflict_stats.control \
			"${share#/}"/extension/conflict_stats--*.sql; do
		[ -e "$p" ] && echo "$p"
	done)
}

# Save the extension's files of the server tree into $TMP/saved.tar (with
# a list of their checksums) and take them away.
save_extension()
{
	extension_files > "$TMP/saved.list" || return 1
	# (the POSIX format keeps the times to the nanosecond)
	tar -C / --format=posix -cpf "$TMP/saved.tar" -T "$TMP/saved.list" || return 1
	checksums > "$TMP/saved.sums" || return 1
	SAVED=1
	(cd / && xargs -r rm -rf < "$TMP/saved.list")
}

# Print the checksums of the files listed in $TMP/saved.list.
checksums()
{
	(cd / && xargs -r -I{} find {} -type f < "$TMP/saved.list" | sort | xargs -r sha256sum)
}

# Put the saved files back, over whatever of the extension is there.
restore_extension()
{
	[ -n "$SAVED" ] || return 0
	extension_files | (cd / && xargs -r rm -rf)
	tar -C / -xpf "$TMP/saved.tar" || return 1
	SAVED=''
}

# Print dpkg's state of the package: installed, config-files, ...,
# not-installed.
package_state()
{
	dpkg-query -W -f='${db:Status-Status}' "$PACKAGE" 2>/dev/null || echo not-installed
}

# Run dpkg, waiting up to two minutes for another apt or dpkg to finish.
dpkg_wait()
{
	local tries=0

	while ! dpkg "$@" > "$TMP/dpkg.log" 2>&1; do
		if ! grep -q lock "$TMP/dpkg.log" || [ "$tries" -ge 60 ]; then
			cat "$TMP/dpkg.log"
			return 1
		fi
		tries=$((tries + 1))
		sleep 2
	done
	cat "$TMP/dpkg.log"
}

# Leave the machine as found: no package, the saved files back (the exit
# trap).
cleanup()
{
	local keep=''

	if [ -n "$INSTALLED" ] && [ "$(package_state)" != not-installed ]; then
		echo "# removing $PACKAGE"
		dpkg_wait --purge "$PACKAGE" > /dev/null || echo "# could not remove $PACKAGE"
	fi
	if [ -n "$SAVED" ]; then
		echo "# putting back the extension's files of before the test"
		if ! restore_extension; then
			echo "# could not put back the files saved in $TMP/saved.tar"
			keep=1
		fi
	fi
	[ -n "$keep" ] || rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# the tools first: without them nothing below means anything
missing=''
for tool in git dpkg-buildpackage dh lintian pg_buildext; do
	command -v "$tool" > /dev/null || missing="$missing $tool"
done
[ -f /usr/share/perl5/Debian/Debhelper/Sequence/pgxs.pm ] || missing="$missing postgresql-server-dev-all"
[ -x "$pgc" ] || missing="$missing postgresql-$PGV"
tap "$([ -z "$missing" ] && echo 1 || echo 0)" "the packaging tools are installed${missing:+ (missing:$missing)}" ||
	done_testing

version=$(sed -n -E "s/^default_version[[:space:]]*=[[:space:]]*'([^']*)'.*/\1/p" "$root/conflict_stats.control")
name=conflict_stats-$version

# --- the release archives ---

cd "$root" || exit 2
ref=HEAD
if ! git rev-parse --git-dir > /dev/null 2>&1; then
	tap 0 "$root is a git checkout (make dist archives with git)"
	done_testing
fi
git update-index -q --refresh > /dev/null 2>&1
if ! git diff-index --quiet HEAD --; then
	ref=$(GIT_AUTHOR_NAME=package_test GIT_AUTHOR_EMAIL=package_test@localhost \
		  GIT_COMMITTER_NAME=package_test GIT_COMMITTER_EMAIL=package_test@localhost \
		  git stash create "package_test.sh: the working tree") || ref=HEAD
	echo "# tracked files have uncommitted changes: archiving the working tree's version of them"
fi
untracked=$(git ls-files --others --exclude-standard | head -n 20)
[ -z "$untracked" ] || echo "# untracked files, which the archive does not hold: $(echo "$untracked" | tr "\n" " ")"

ok "make dist makes $name.zip and $name.tar.gz" \
	make -s -C "$root" dist DIST_REF="$ref" DIST_DIR="$TMP/dist" || done_testing
ok "a second make dist gives the same bytes" \
	sh -c "make -s -C '$root' dist DIST_REF='$ref' DIST_DIR='$TMP/again' &&
		   cmp '$TMP/dist/$name.zip' '$TMP/again/$name.zip' &&
		   cmp '$TMP/dist/$name.tar.gz' '$TMP/again/$name.tar.gz'"

# Print the files of the zip (not its directories), sorted.
zip_files()
{
	/usr/bin/python3 -c 'import sys, zipfile
for n in sorted(zipfile.ZipFile(sys.argv[1]).namelist()):
    if not n.endswith("/"):
        print(n)' "$1"
}

# Print the files of the tar.gz (not its directories), sorted.
tar_files()
{
	tar -tzf "$1" | grep -v '/$' | LC_ALL=C sort
}

ok "the zip and the tar.gz hold the same files" \
	diff <(zip_files "$TMP/dist/$name.zip" | LC_ALL=C sort) <(tar_files "$TMP/dist/$name.tar.gz")
tar_files "$TMP/dist/$name.tar.gz" > "$TMP/archive.list"
echo "# $name.tar.gz: $(wc -l < "$TMP/archive.list") files, $(stat -c %s "$TMP/dist/$name.tar.gz") bytes;" \
	"$(sed -E "s|^$name/||; s|/.*|/|" "$TMP/archive.list" | sort | uniq -c | awk '{printf "%s%s %s", sep, $2, $1; sep=", "}')"

# Check the archive's file list: everything under conflict_stats-VERSION/;
# every committed file of src/, sql/, expected/ and test/data/ (what the
# build and make installcheck read) and the top-level files a build needs;
# nothing else but README.md, META.json and a licence file.
check_archive_list()
{
	local f bad=0

	for f in $(git ls-tree -r --name-only "$ref" -- src sql expected test/data) \
			Makefile conflict_stats.control README.md META.json; do
		if ! grep -qxF "$name/$f" "$TMP/archive.list"; then
			echo "missing: $f"
			bad=1
		fi
	done
	while read -r f; do
		case "$f" in
			"$name"/src/*|"$name"/sql/*|"$name"/expected/*|"$name"/test/data/*) ;;
			"$name"/Makefile|"$name"/conflict_stats.control|"$name"/README.md|"$name"/META.json) ;;
			"$name"/LICENSE*|"$name"/LICENCE*|"$name"/COPYING*) ;;
			*) echo "not for users: $f"; bad=1 ;;
		esac
	done < "$TMP/archive.list"
	return $bad
}
ok "the archive holds the sources, sql/, expected/, test/data/, and nothing only the repository uses" \
	check_archive_list

mkdir -p "$TMP/unpacked"
tar -xzf "$TMP/dist/$name.tar.gz" -C "$TMP/unpacked"
ok "its META.json is valid against the PGXN Meta Spec and describes the archive" \
	/usr/bin/python3 "$here/validate_meta.py" --root "$TMP/unpacked/$name" "$TMP/unpacked/$name/META.json"

# Check that validate_meta.py rejects the archive's META.json changed by a
# line of Python on m (the parsed file).
rejects()
{
	/usr/bin/python3 -c 'import json, sys
m = json.load(open(sys.argv[1]))
exec(sys.argv[2])
json.dump(m, open(sys.argv[3], "w"))' "$TMP/unpacked/$name/META.json" "$1" "$TMP/broken.json" &&
	! /usr/bin/python3 "$here/validate_meta.py" --root "$TMP/unpacked/$name" "$TMP/broken.json"
}
for change in 'del m["license"]' 'm["license"] = "PostgreSQL License"' \
		'm["version"] = m["version"].rsplit(".", 1)[0]' \
		'del m["provides"]["conflict_stats"]["file"]' \
		'm["provides"]["conflict_stats"]["file"] = "sql/missing.sql"' \
		'm["prereqs"]["runtime"]["requires"]["PostgreSQL"] = "15"' \
		'm["meta-spec"]["version"] = "2.0.0"' 'm["maintainers"] = m.pop("maintainer")'; do
	ok "validate_meta.py rejects META.json after: $change" rejects "$change"
done

# --- the Debian package ---

ok "debian_source.sh makes the Debian source tree of the archive" \
	sh -c "bash '$here/debian_source.sh' '$TMP/dist/$name.tar.gz' '$TMP/deb' > '$TMP/tree'" || done_testing
tree=$(cat "$TMP/tree")
deb=$TMP/deb/${PACKAGE}_$version-1_$(dpkg --print-architecture).deb
changes=$TMP/deb/conflict-stats_$version-1_$(dpkg --print-architecture).changes

# Build the source and binary packages (as root, unsigned).
build_package()
{
	(cd "$tree" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -Pnocheck) > "$TMP/build.log" 2>&1 ||
		{ tail -n 60 "$TMP/build.log"; return 1; }
	test -f "$deb"
}
ok "dpkg-buildpackage -us -uc builds $PACKAGE $version-1 from the archive" build_package || done_testing

# lintian's findings are printed whatever they are; errors fail, but not
# the overridden ones (O:, each with its reason in debian/).  Showing the
# overrides makes lintian exit 2 as an error does, so the E: lines decide.
lintian --fail-on error --display-info --show-overrides "$changes" > "$TMP/lintian.log" 2>&1
status=$?
if [ $status -ne 0 ] && [ $status -ne 2 ]; then
	tap 0 "lintian runs (exit status $status)"
	diag "$TMP/lintian.log"
else
	tap "$(grep -q '^E:' "$TMP/lintian.log" && echo 0 || echo 1)" "lintian reports no error"
fi
grep -E '^[EWIPO]:' "$TMP/lintian.log" | sed 's/^/# lintian: /'

# Print the files the package must hold, from the archive: the module, its
# LLVM bitcode (one file per source file, when the server has JIT), the
# control file and the scripts, and the documents.
expected_files()
{
	local lib share f

	lib=$("$pgc" --pkglibdir) && share=$("$pgc" --sharedir) || return 1
	{
		echo "$lib/conflict_stats.so"
		if "$pgc" --configure | grep -q -- --with-llvm; then
			echo "$lib/bitcode/conflict_stats.index.bc"
			for f in "$tree"/src/*.c; do
				echo "$lib/bitcode/conflict_stats/src/$(basename "$f" .c).bc"
			done
		fi
		echo "$share/extension/conflict_stats.control"
		for f in "$tree"/sql/conflict_stats--*.sql; do
			echo "$share/extension/$(basename "$f")"
		done
		for f in README.md.gz changelog.Debian.gz copyright; do
			echo "/usr/share/doc/$PACKAGE/$f"
		done
	} | LC_ALL=C sort
}
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print substr($6, 2) }' | LC_ALL=C sort > "$TMP/deb.files"
ok "the package holds the module, its bitcode, the control file, every install and update script, the documents" \
	diff <(expected_files) "$TMP/deb.files"

# --- installed on Debian's PostgreSQL 15 ---

if [ "$(package_state)" != not-installed ]; then
	tap 0 "$PACKAGE is not installed before the test (it would not leave the machine as found)"
	done_testing
fi
# which of the package's directories exist before it (they must stay)
dpkg-deb -c "$deb" | awk '$1 ~ /^d/ { print substr($6, 2) }' | sed 's|/$||' | grep -v '^$' > "$TMP/deb.dirs"
ok "the extension's files installed before (make install) are saved and taken away" save_extension ||
	done_testing
while read -r d; do [ -d "$d" ] && echo "$d"; done < "$TMP/deb.dirs" > "$TMP/dirs.before"
echo "# saved: $(wc -l < "$TMP/saved.sums") files"

INSTALLED=1
ok "dpkg -i installs $PACKAGE on Debian's PostgreSQL $PGV" dpkg_wait -i "$deb" || done_testing

# Create the extension in the cluster of PGHOST and print its version.
create_extension()
{
	psql -X -q -v ON_ERROR_STOP=1 -At \
		 -c 'CREATE EXTENSION conflict_stats' \
		 -c "SELECT 'more than 600,000'::conflict_stats.estimate::text" \
		 -c "SELECT extversion FROM pg_extension WHERE extname = 'conflict_stats'"
}

# Check that the extension is created at the control file's version.
check_create()
{
	with_cluster "$PGV" create_extension > "$TMP/create.out" 2>&1
	cat "$TMP/create.out"
	[ "$(tail -n 1 "$TMP/create.out")" = "$version" ]
}
ok "CREATE EXTENSION conflict_stats in a fresh cluster gives version $version" check_create

# Run the regression suite of the unpacked archive against the installed
# package, as debian/tests/installcheck does (pg_buildext installcheck runs
# make installcheck in the top of the source tree), and show the diffs when
# it fails.
installcheck()
{
	rm -f "$tree/regression.diffs"
	if ! with_cluster "$PGV" make -C "$tree" installcheck PG_CONFIG="$pgc" USE_PGXS=1 \
			PG_REGRESS_DIFF_OPTS=-U3 > "$TMP/installcheck.log" 2>&1; then
		grep -E '^(test |     |.*tests? failed)' "$TMP/installcheck.log"
		[ -f "$tree/regression.diffs" ] && head -n 80 "$tree/regression.diffs"
		return 1
	fi
	grep -E 'All [0-9]+ tests passed' "$TMP/installcheck.log"
}
ok "the regression suite passes against the installed package (make installcheck in the unpacked archive)" \
	installcheck
grep -E 'All [0-9]+ tests passed|tests? failed' "$TMP/installcheck.log" | sed 's/^ */# /'

# --- removed ---

dpkg -L "$PACKAGE" 2>/dev/null | grep -v '^/\.$' > "$TMP/installed.list"
ok "dpkg -r removes $PACKAGE" dpkg_wait -r "$PACKAGE"

# Check that of the paths the package installed only the directories that
# were there before it are left, and dpkg knows the package no more once
# purged.
nothing_left()
{
	local p bad=0

	while read -r p; do
		if grep -qxF "$p" "$TMP/dirs.before"; then
			[ -d "$p" ] || { echo "gone, though there before: $p"; bad=1; }
		elif [ -e "$p" ] || [ -L "$p" ]; then
			echo "left behind: $p"
			bad=1
		fi
	done < "$TMP/installed.list"
	dpkg_wait --purge "$PACKAGE" > /dev/null || bad=1
	if [ "$(package_state)" != not-installed ]; then
		echo "dpkg still knows $PACKAGE: $(package_state)"
		bad=1
	fi
	return $bad
}
ok "nothing of the package is left ($(wc -l < "$TMP/installed.list") paths checked)" nothing_left &&
	INSTALLED=''

# Put the saved files back and compare them with what was saved.
restored()
{
	restore_extension && diff "$TMP/saved.sums" <(checksums)
}
ok "the extension's files of before the test are back as they were" restored

done_testing
