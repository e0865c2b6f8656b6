#!/bin/bash
# debian_source.sh — the Debian source tree of a release archive:
#	bash test/packaging/debian_source.sh conflict_stats-VERSION.tar.gz DIR
#
# Unpacks the archive (make dist) into DIR/conflict-stats-VERSION, copies
# test/packaging/debian/ into it, writes debian/changelog for VERSION-1 (the
# archive's version, so the package follows the control file's
# default_version; dated with the archive's time, signed with the Maintainer
# of debian/control), and copies the archive to DIR/conflict-stats_VERSION.orig.tar.gz,
# the upstream tarball dpkg-source wants beside it.  Prints the tree's path;
# then, in it, as root: dpkg-buildpackage -us -uc.

set -eu -o pipefail
if [ $# -ne 2 ]; then
	echo "usage: $0 conflict_stats-VERSION.tar.gz DIR" >&2
	exit 2
fi
archive=$(readlink -f "$1")
dir=$2
here=$(cd "$(dirname "$0")" && pwd)

base=$(basename "$archive" .tar.gz)
version=${base#conflict_stats-}
if [ "$base" = "$version" ] || [ -z "$version" ]; then
	echo "$0: $archive is not named conflict_stats-VERSION.tar.gz" >&2
	exit 1
fi
tree=$dir/conflict-stats-$version

mkdir -p "$dir"
rm -rf "${tree:?}" "${dir:?}/$base"
tar -xzf "$archive" -C "$dir"
mv "$dir/$base" "$tree"
cp "$archive" "$dir/conflict-stats_$version.orig.tar.gz"
cp -R "$here/debian" "$tree/debian"
maintainer=$(sed -n 's/^Maintainer: *//p' "$tree/debian/control.in")
cat > "$tree/debian/changelog" <<EOC
conflict-stats ($version-1) unstable; urgency=medium

  * Release $version of conflict_stats.

 -- $maintainer  $(LC_ALL=C date -u -R -r "$tree/conflict_stats.control")
EOC
echo "$tree"
