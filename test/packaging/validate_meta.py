#!/usr/bin/python3
"""validate_meta.py: check a META.json against the PGXN Meta Spec 1.0.0.

    /usr/bin/python3 test/packaging/validate_meta.py [--ref COMMIT | --root DIR] META.json

Checks more than JSON syntax: the required keys (name, abstract, version,
maintainer, license, provides, meta-spec) and the type and form of every key
the spec defines (a name is a term of two or more characters without slash,
backslash, space or control characters; versions are semantic versions;
licenses come from the spec's list; prerequisites name a phase, a relation
and version ranges; resources hold URLs; meta-spec's version is 1.0.0), and
no key the spec does not define unless it starts with x_ or X_.

With --ref (a commit of this repository) or --root (an unpacked release) it
also checks the release the file describes: each file that provides names
exists, and the version is the control file's default_version as a semantic
version.  Prints "META.json is OK", or each error on stderr and exits 1.
"""
import argparse
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# the licenses the spec lists
LICENSES = {
    'agpl_3', 'apache_1_1', 'apache_2_0', 'artistic_1', 'artistic_2', 'bsd',
    'freebsd', 'gfdl_1_2', 'gfdl_1_3', 'gpl_1', 'gpl_2', 'gpl_3', 'lgpl_2_1',
    'lgpl_3_0', 'mit', 'mozilla_1_0', 'mozilla_1_1', 'openssl', 'perl_5',
    'postgresql', 'qpl_1_0', 'ssleay', 'sun', 'zlib', 'open_source',
    'restricted', 'unrestricted', 'unknown',
}
PHASES = {'configure', 'build', 'test', 'runtime', 'develop'}
RELATIONS = {'requires', 'recommends', 'suggests', 'conflicts'}
STATUSES = {'stable', 'testing', 'unstable'}
REQUIRED = ['name', 'abstract', 'version', 'maintainer', 'license', 'provides', 'meta-spec']
OPTIONAL = ['description', 'generated_by', 'tags', 'no_index', 'prereqs',
            'release_status', 'resources']

NUM = r'(?:0|[1-9][0-9]*)'
# Semantic versions: MAJOR.MINOR.PATCH with a pre-release part as SemVer 1.0
# (1.0.0beta1, 1.0.0-beta1) or 2.0 (1.0.0-beta.1) write it
SEMVER = re.compile(r'%s\.%s\.%s(?:-?[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$'
                    % (NUM, NUM, NUM))
URL = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*://[^\s]+$')


class Checker:
    """Collect the errors of one META.json."""

    def __init__(self):
        self.errors = []

    def error(self, where, message):
        """Record an error at a path of keys."""
        self.errors.append('%s: %s' % (where, message))

    def custom_or_error(self, where, key):
        """Accept a custom key (x_ or X_); record any other unknown key."""
        if not re.match(r'[xX]_.', key):
            self.error(where, 'unknown key "%s" (custom keys start with x_)' % key)

    def string(self, where, value, nonempty=True):
        """Check a string; give whether it is one."""
        if not isinstance(value, str):
            self.error(where, 'must be a string, not %s' % type(value).__name__)
            return False
        if nonempty and value.strip() == '':
            self.error(where, 'must not be empty')
            return False
        return True

    def term(self, where, value):
        """Check a term: two or more characters, no slash, backslash, space or control."""
        if self.string(where, value) and \
                (len(value) < 2 or re.search(r'[/\\\s\x00-\x1f\x7f]', value)):
            self.error(where, '"%s" is not a term (two or more characters, no slash, '
                       'backslash, space or control character)' % value)

    def version(self, where, value):
        """Check a semantic version."""
        if self.string(where, value) and not SEMVER.match(value):
            self.error(where, '"%s" is not a semantic version (MAJOR.MINOR.PATCH)' % value)

    def version_range(self, where, value):
        """Check a prerequisite's version: 0, a version, or comparisons joined by commas."""
        if isinstance(value, int) and not isinstance(value, bool) and value == 0:
            return
        if not self.string(where, value):
            return
        if value == '0':
            return
        for part in value.split(','):
            m = re.fullmatch(r'\s*(==|!=|>=|<=|>|<)?\s*(\S+)\s*', part)
            if not m or not SEMVER.match(m.group(2)):
                self.error(where, '"%s" is not a version or version range' % value)
                return

    def path(self, where, value):
        """Check a relative path in the distribution, Unix style."""
        if self.string(where, value) and (value.startswith('/') or '\\' in value or
                                          '..' in value.split('/')):
            self.error(where, '"%s" is not a relative path inside the distribution' % value)

    def url(self, where, value):
        """Check a URL."""
        if self.string(where, value) and not URL.match(value):
            self.error(where, '"%s" is not a URL' % value)

    def obj(self, where, value):
        """Check an object; give whether it is one."""
        if not isinstance(value, dict):
            self.error(where, 'must be an object, not %s' % type(value).__name__)
            return False
        return True

    def maintainer(self, where, value):
        """Check the maintainer: a string or a non-empty list of strings."""
        if isinstance(value, list):
            if not value:
                self.error(where, 'must name at least one maintainer')
            for i, m in enumerate(value):
                self.string('%s[%d]' % (where, i), m)
        else:
            self.string(where, value)

    def license(self, where, value):
        """Check the license: a name of the spec's list, a list of them, or names to URLs."""
        if isinstance(value, str):
            if value not in LICENSES:
                self.error(where, '"%s" is not one of the spec\'s licenses' % value)
        elif isinstance(value, list):
            if not value:
                self.error(where, 'must name at least one license')
            for i, name in enumerate(value):
                if name not in LICENSES:
                    self.error('%s[%d]' % (where, i), '"%s" is not one of the spec\'s licenses' % name)
        elif isinstance(value, dict):
            if not value:
                self.error(where, 'must name at least one license')
            for name, url in value.items():
                self.string('%s.%s' % (where, name), name)
                self.url('%s.%s' % (where, name), url)
        else:
            self.error(where, 'must be a string, a list or an object')

    def provides(self, where, value):
        """Check provides: extension names to their file, version and more."""
        if not self.obj(where, value):
            return
        if not value:
            self.error(where, 'must name at least one extension')
        for ext, info in value.items():
            w = '%s.%s' % (where, ext)
            self.term(w, ext)
            if not self.obj(w, info):
                continue
            for key in ('file', 'version'):
                if key not in info:
                    self.error(w, 'missing required key "%s"' % key)
            for key, v in info.items():
                if key == 'file' or key == 'docfile':
                    self.path('%s.%s' % (w, key), v)
                elif key == 'version':
                    self.version('%s.%s' % (w, key), v)
                elif key == 'abstract':
                    self.string('%s.%s' % (w, key), v)
                else:
                    self.custom_or_error(w, key)

    def prereqs(self, where, value):
        """Check prereqs: phase, relation, names to version ranges."""
        if not self.obj(where, value):
            return
        for phase, relations in value.items():
            w = '%s.%s' % (where, phase)
            if phase not in PHASES:
                self.custom_or_error(where, phase)
                continue
            if not self.obj(w, relations):
                continue
            for relation, names in relations.items():
                wr = '%s.%s' % (w, relation)
                if relation not in RELATIONS:
                    self.custom_or_error(w, relation)
                    continue
                if not self.obj(wr, names):
                    continue
                for name, version in names.items():
                    self.term('%s.%s' % (wr, name), name)
                    self.version_range('%s.%s' % (wr, name), version)

    def resources(self, where, value):
        """Check resources: homepage, bugtracker, repository."""
        if not self.obj(where, value):
            return
        allowed = {'homepage': None, 'bugtracker': {'web', 'mailto'},
                   'repository': {'url', 'web', 'type'}}
        for key, v in value.items():
            w = '%s.%s' % (where, key)
            if key not in allowed:
                self.custom_or_error(where, key)
            elif key == 'homepage':
                self.url(w, v)
            elif self.obj(w, v):
                if not v:
                    self.error(w, 'must not be empty')
                for sub, sv in v.items():
                    if sub not in allowed[key]:
                        self.custom_or_error(w, sub)
                    elif sub in ('web', 'url'):
                        self.url('%s.%s' % (w, sub), sv)
                    elif sub == 'mailto':
                        if self.string('%s.%s' % (w, sub), sv) and '@' not in sv:
                            self.error('%s.%s' % (w, sub), '"%s" is not an e-mail address' % sv)
                    else:
                        self.string('%s.%s' % (w, sub), sv)

    def no_index(self, where, value):
        """Check no_index: lists of files and directories."""
        if not self.obj(where, value):
            return
        for key, v in value.items():
            w = '%s.%s' % (where, key)
            if key not in ('file', 'directory'):
                self.custom_or_error(where, key)
            elif isinstance(v, list):
                for i, p in enumerate(v):
                    self.string('%s[%d]' % (w, i), p)
            else:
                self.string(w, v)

    def tags(self, where, value):
        """Check tags: a non-empty list of strings of up to 255 characters."""
        if not isinstance(value, list) or not value:
            self.error(where, 'must be a non-empty list')
            return
        for i, tag in enumerate(value):
            if self.string('%s[%d]' % (where, i), tag) and len(tag) > 255:
                self.error('%s[%d]' % (where, i), 'longer than 255 characters')

    def meta_spec(self, where, value):
        """Check meta-spec: version 1.0.0, and a URL if given."""
        if not self.obj(where, value):
            return
        if value.get('version') != '1.0.0':
            self.error(where + '.version', 'must be "1.0.0" (this validator knows that version only)')
        for key, v in value.items():
            if key == 'url':
                self.url(where + '.url', v)
            elif key != 'version':
                self.custom_or_error(where, key)

    def check(self, meta):
        """Check a whole META.json."""
        if not self.obj('META.json', meta):
            return
        for key in REQUIRED:
            if key not in meta:
                self.error('META.json', 'missing required key "%s"' % key)
        for key, value in meta.items():
            if key == 'name':
                self.term(key, value)
            elif key in ('abstract', 'description', 'generated_by'):
                self.string(key, value)
            elif key == 'version':
                self.version(key, value)
            elif key == 'maintainer':
                self.maintainer(key, value)
            elif key == 'license':
                self.license(key, value)
            elif key == 'provides':
                self.provides(key, value)
            elif key == 'prereqs':
                self.prereqs(key, value)
            elif key == 'release_status':
                if not isinstance(value, str) or value not in STATUSES:
                    self.error(key, '"%s" is not one of %s' % (value, ', '.join(sorted(STATUSES))))
            elif key == 'resources':
                self.resources(key, value)
            elif key == 'no_index':
                self.no_index(key, value)
            elif key == 'tags':
                self.tags(key, value)
            elif key == 'meta-spec':
                self.meta_spec(key, value)
            else:
                self.custom_or_error('META.json', key)


def release_files(ref, root):
    """Give a function that reads a file of the release, or None when it is missing."""
    def from_ref(path):
        p = subprocess.run(['git', 'cat-file', 'blob', '%s:%s' % (ref, path)], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        return p.stdout if p.returncode == 0 else None

    def from_root(path):
        try:
            with open(os.path.join(root, path), encoding='utf-8') as f:
                return f.read()
        except OSError:
            return None
    return from_ref if ref else from_root


def check_release(checker, meta, read):
    """Check that the files provides names exist and the versions match the control files."""
    for ext, info in meta.get('provides', {}).items():
        if not isinstance(info, dict):
            continue
        for key in ('file', 'docfile'):
            if isinstance(info.get(key), str) and read(info[key]) is None:
                checker.error('provides.%s.%s' % (ext, key), '%s is not in the release' % info[key])
        control = read('%s.control' % ext)
        if control is None:
            checker.error('provides.%s' % ext, '%s.control is not in the release' % ext)
            continue
        m = re.search(r"^default_version\s*=\s*'([^']*)'", control, re.M)
        if not m:
            checker.error('provides.%s' % ext, 'no default_version in %s.control' % ext)
            continue
        want = m.group(1) + ('.0' if m.group(1).count('.') == 1 else '')
        for where, got in (('provides.%s.version' % ext, info.get('version')),
                           ('version', meta.get('version'))):
            if got != want:
                checker.error(where, '"%s" is not %s.control\'s default_version %s (as %s)'
                              % (got, ext, m.group(1), want))


def main():
    parser = argparse.ArgumentParser(description='Check a META.json against the PGXN Meta Spec 1.0.0.')
    where = parser.add_mutually_exclusive_group()
    where.add_argument('--ref', help='a commit of this repository the file describes')
    where.add_argument('--root', help='an unpacked release the file describes')
    parser.add_argument('meta', help='the META.json file')
    args = parser.parse_args()
    checker = Checker()
    try:
        with open(args.meta, encoding='utf-8') as f:
            meta = json.load(f)
    except (OSError, ValueError) as e:
        print('%s is invalid: %s' % (args.meta, e), file=sys.stderr)
        return 1
    checker.check(meta)
    if (args.ref or args.root) and isinstance(meta, dict):
        check_release(checker, meta, release_files(args.ref, args.root))
    if checker.errors:
        print('%s is invalid:' % args.meta, file=sys.stderr)
        for e in checker.errors:
            print('  ' + e, file=sys.stderr)
        return 1
    print('%s is OK' % args.meta)
    return 0


if __name__ == '__main__':
    sys.exit(main())
