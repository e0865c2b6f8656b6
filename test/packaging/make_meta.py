#!/usr/bin/python3
"""make_meta.py: print the PGXN META.json of a release (make dist runs it).

    /usr/bin/python3 test/packaging/make_meta.py [--ref COMMIT]

Reads the files of COMMIT (git show), or of the working tree without --ref.
The fixed fields (name, maintainer, license, prerequisites, status, tags,
meta-spec; resources when the project has public addresses) are in
test/packaging/META.json.in; this script adds what follows from the sources,
so that each is written in one place only:

    version        default_version of conflict_stats.control, as a semantic
                   version (PGXN requires one): 1.1 gives 1.1.0
    abstract       the first paragraph of README.md after its title, as one
                   line (the abstract of the distribution and of the
                   extension)
    description    the comment of conflict_stats.control (what \\dx shows)
    provides       conflict_stats: its version, abstract, the full install
                   script sql/conflict_stats--VERSION.sql, README.md
    generated_by   this script
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXTENSION = 'conflict_stats'
# the order of the keys in the file (PGXN does not care; people read it)
ORDER = ['name', 'abstract', 'description', 'version', 'maintainer', 'license',
         'provides', 'prereqs', 'release_status', 'resources', 'generated_by',
         'tags', 'no_index', 'meta-spec']


def read(path, ref):
    """Give the text of a file of the repository, at REF or in the working tree."""
    if ref is None:
        with open(os.path.join(ROOT, path), encoding='utf-8') as f:
            return f.read()
    return subprocess.run(['git', 'show', '%s:%s' % (ref, path)], cwd=ROOT, check=True,
                          stdout=subprocess.PIPE, text=True).stdout


def control_value(control, key):
    """Give the quoted value of KEY in a control file, or None."""
    m = re.search(r"^%s\s*=\s*'((?:[^']|'')*)'" % re.escape(key), control, re.M)
    return m.group(1).replace("''", "'") if m else None


def semver(version):
    """Give the semantic version of an extension version: 1.1 -> 1.1.0."""
    if re.fullmatch(r'(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)', version):
        return version + '.0'
    if re.fullmatch(r'(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)', version):
        return version
    raise ValueError("default_version '%s' is neither MAJOR.MINOR nor MAJOR.MINOR.PATCH" % version)


def readme_abstract(readme):
    """Give the first paragraph after the title of README.md, as one line."""
    lines = readme.split('\n')
    i = 0
    while i < len(lines) and not lines[i].startswith('# '):
        i += 1
    i += 1
    while i < len(lines) and lines[i].strip() == '':
        i += 1
    paragraph = []
    while i < len(lines) and lines[i].strip() != '':
        paragraph.append(lines[i].strip())
        i += 1
    text = ' '.join(paragraph)
    # Markdown emphasis and code marks are not text
    return re.sub(r'[*`]', '', text)


def make(ref):
    """Give the META.json of REF (None: the working tree) as an ordered dict."""
    meta = json.loads(read('test/packaging/META.json.in', ref))
    control = read(EXTENSION + '.control', ref)
    version = control_value(control, 'default_version')
    if version is None:
        raise ValueError('no default_version in %s.control' % EXTENSION)
    abstract = readme_abstract(read('README.md', ref))
    if not abstract:
        raise ValueError('README.md has no paragraph after its title')
    meta['abstract'] = abstract
    description = control_value(control, 'comment')
    if description:
        meta['description'] = description
    meta['version'] = semver(version)
    meta['provides'] = {
        EXTENSION: collections.OrderedDict([
            ('abstract', abstract),
            ('file', 'sql/%s--%s.sql' % (EXTENSION, version)),
            ('docfile', 'README.md'),
            ('version', semver(version)),
        ])
    }
    meta['generated_by'] = 'test/packaging/make_meta.py'
    out = collections.OrderedDict()
    for key in ORDER + sorted(meta):
        if key in meta and key not in out:
            out[key] = meta[key]
    return out


def main():
    parser = argparse.ArgumentParser(description='Print the PGXN META.json of a release.')
    parser.add_argument('--ref', help='the commit to read (default: the working tree)')
    args = parser.parse_args()
    try:
        meta = make(args.ref)
    except (ValueError, subprocess.CalledProcessError, OSError) as e:
        print('make_meta.py: %s' % e, file=sys.stderr)
        return 1
    print(json.dumps(meta, indent=2, ensure_ascii=False))
    return 0


if __name__ == '__main__':
    sys.exit(main())
