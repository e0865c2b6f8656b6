#!/bin/bash
# dist.sh — the release archives (make dist runs it):
#	bash test/packaging/dist.sh [REF [DIR]]
#
# Makes DIR/conflict_stats-VERSION.zip and DIR/conflict_stats-VERSION.tar.gz
# (DIR: the current directory) with git archive of REF (HEAD), every file
# under the directory conflict_stats-VERSION/, VERSION being the
# default_version of REF's conflict_stats.control.  Besides the committed
# files, not those marked export-ignore in .gitattributes, they hold
# META.json, the PGXN metadata made by make_meta.py from REF and checked by
# validate_meta.py; it is never committed.  Prints the two paths.
#
# Refuses to run outside a git checkout, and, when REF is HEAD, when tracked
# files have uncommitted changes (the archives would not hold them); any
# other REF (a tag, a commit) is archived as it is.
#
# Two runs on one REF give the same bytes: git archive gives every entry the
# commit's time and writes the entries in the tree's (sorted) order, and gzip
# -n stores no file name or time.

set -eu -o pipefail
ref=${1:-HEAD}
dir=${2:-.}
root=$(cd "$(dirname "$0")/../.." && pwd -P)

die()
{
	echo "make dist: $*" >&2
	exit 1
}

# DIR is relative to where make runs
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
cd "$root"
[ "$(git rev-parse --show-toplevel 2>/dev/null)" = "$root" ] ||
	die "$root is not a git checkout (the archives are made with git archive)"
git rev-parse --verify --quiet "$ref^{commit}" > /dev/null ||
	die "$ref is not a commit"
if [ "$ref" = HEAD ]; then
	git update-index -q --refresh || true
	if ! git diff-index --quiet HEAD --; then
		echo "make dist: tracked files have uncommitted changes, which the archives would not hold:" >&2
		git diff-index --name-status HEAD -- | sed 's/^/	/' >&2
		die "commit them first (or name a commit to archive: make dist DIST_REF=...)"
	fi
fi

version=$(git show "$ref:conflict_stats.control" |
		  sed -n -E "s/^default_version[[:space:]]*=[[:space:]]*'([^']*)'.*/\1/p")
[ -n "$version" ] || die "no default_version in $ref:conflict_stats.control"
name=conflict_stats-$version

work=$(mktemp -d "${TMPDIR:-/tmp}/conflict_stats_dist.XXXXXX")
trap 'rm -rf "$work" "$dir/$name.zip.part" "$dir/$name.tar.gz.part"' EXIT
/usr/bin/python3 test/packaging/make_meta.py --ref "$ref" > "$work/META.json" ||
	die "could not make META.json"
/usr/bin/python3 test/packaging/validate_meta.py --ref "$ref" "$work/META.json" > /dev/null ||
	die "the META.json made for $ref is not valid (above)"

# (--add-file takes the --prefix before it; git 2.39's --add-virtual-file
# does not)
git archive --format=zip --prefix="$name/" --add-file="$work/META.json" \
	-o "$dir/$name.zip.part" "$ref"
git archive --format=tar --prefix="$name/" --add-file="$work/META.json" "$ref" |
	gzip -9 -n > "$dir/$name.tar.gz.part"
mv "$dir/$name.zip.part" "$dir/$name.zip"
mv "$dir/$name.tar.gz.part" "$dir/$name.tar.gz"
echo "$dir/$name.zip"
echo "$dir/$name.tar.gz"
