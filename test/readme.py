#!/usr/bin/python3
"""readme.py: every SQL example of README.md runs, in order, as typed.

Takes every ```sql block of README.md in order and runs them all in one psql
session, from the repository's root (so \\i and \\copy read test/data/...),
as a newcomer would type them: in a fresh database whose name the README
never mentions, as a role that is not a superuser but owns that database (so
it may create the extension, which is trusted) and may create roles (the
README makes a login role for a BI tool), once in each of the time zones
ZONES (the session's TimeZone, set by PGTZ).  Each block is one TAP test: it
passes when, in every zone, it raises no error and, where the README shows
the output (a ``` block right after it), psql prints exactly that output.  A
block whose shown output has an ERROR line passes when psql prints that
error.

A block fenced ```sql grafana is Grafana's SQL, with Grafana's macros
($__timeFilter(x) and the like): it is not psql's, so it is not run here
(the driver tests, test/clients/, run it with the macro expanded).  A ```sql
block that holds a Grafana macro fails.

Runs against the cluster in PGHOST/PGPORT/PGUSER (a superuser) with the
extension installed (make install), e.g. bash test/lib/cluster.sh 15 ./test/readme.py;
makes the database and the roles (its own and those the README creates), and
drops them.  Each row of the README's table of accepted phrasings is a test
too: the input reads as the canonical text shown.  More tests: each sample
script the tour runs (test/data/sample.sql) leaves the session's psql
variables and server settings as it found them, from two different
starting points, and when it stops early (no extension), where it is an
error that stops psql -v ON_ERROR_STOP=1; and .ci/run runs
the quick start's test command exactly as the README writes it.
"""
import os
import re
import secrets
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, 'README.md')
ZONES = ('America/New_York', 'Asia/Kolkata', 'UTC')
SAMPLES = ('test/data/sample.sql',)   # the sample scripts the tour runs with \\i
MARK = '@@readme block %d@@'


def blocks(path):
    """Give (line number, sql, shown output or None) for each ```sql block;
    a ```sql grafana block (Grafana's SQL, not psql's) is not one."""
    lines = open(path, encoding='utf-8').read().split('\n')
    out = []
    i = 0
    while i < len(lines):
        if lines[i].strip() == '```sql':
            start = i + 1
            j = start
            while lines[j].strip() != '```':
                j += 1
            sql = '\n'.join(lines[start:j])
            shown = None
            k = j + 1
            while k < len(lines) and lines[k].strip() == '':
                k += 1
            if k < len(lines) and lines[k].strip() in ('```', '```text'):
                m = k + 1
                while lines[m].strip() != '```':
                    m += 1
                shown = '\n'.join(lines[k + 1:m])
                j = m
            out.append((start, sql, shown))
            i = j + 1
        else:
            i += 1
    return out


def phrasings(path):
    """Give (input, canonical text) of each row of the phrasings table."""
    rows = []
    inside = False
    for line in open(path, encoding='utf-8'):
        if line.startswith('#'):
            inside = line.strip() == '#### Accepted phrasings'
            continue
        m = re.match(r'^\| `([^`]*)` \| `([^`]*)` \|$', line.strip())
        if inside and m:
            rows.append((m.group(1), m.group(2)))
    return rows


def psql(*args, stdin=None, env=None):
    """Run psql (with env's variables added to the environment); give its
    exit status and its output (stdout and stderr)."""
    p = subprocess.run(['psql', '-X', '-q'] + list(args), input=stdin, cwd=ROOT,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, env=dict(os.environ, **(env or {})))
    return p.returncode, p.stdout


def admin(sql):
    """Run one statement as the cluster's superuser, in database postgres."""
    return psql('-d', 'postgres', '-c', sql)


def fresh_name(prefix, text):
    """A random name that the text does not mention."""
    while True:
        name = '%s_%s' % (prefix, secrets.token_hex(4))
        if name not in text:
            return name


def normalize(text):
    """Drop trailing white space and blank lines around the text."""
    lines = [line.rstrip() for line in text.split('\n')]
    while lines and lines[0] == '':
        lines.pop(0)
    while lines and lines[-1] == '':
        lines.pop()
    return '\n'.join(lines)


class Tourist:
    """A database and a role of its own for one run of the tour: the role
    owns the database and is no superuser; psql runs as it, in a zone."""

    def __init__(self, readme_text, readme_roles):
        self.db = fresh_name('cs_tour', readme_text)
        self.role = fresh_name('cs_tourist', readme_text)
        self.password = secrets.token_hex(16)
        self.readme_roles = readme_roles

    def setup(self):
        """Make the role and the database; give an error text or None."""
        self.teardown()
        for sql in ("CREATE ROLE %s LOGIN NOSUPERUSER CREATEROLE PASSWORD '%s'"
                    % (self.role, self.password),
                    'CREATE DATABASE %s OWNER %s' % (self.db, self.role)):
            rc, out = admin(sql)
            if rc != 0:
                return '%s: %s' % (sql.split(' PASSWORD')[0], out)
        return None

    def run(self, zone, stdin, *args, db=None, status=False):
        """Run psql as the role in the zone; give its output (and its exit
        status first, when status is true)."""
        env = {'PGUSER': self.role, 'PGPASSWORD': self.password, 'PGTZ': zone}
        rc, out = psql('-d', db or self.db, *args, stdin=stdin, env=env)
        return (rc, out) if status else out

    def teardown(self):
        """Drop the database and the roles (the README's first)."""
        admin('DROP DATABASE IF EXISTS %s' % self.db)
        admin('DROP DATABASE IF EXISTS %s_bare' % self.db)
        for role in self.readme_roles + [self.role]:
            admin('DROP ROLE IF EXISTS %s' % role)


# What a snapshot of the session holds: every psql variable but those that
# describe the last query, and every server setting not at its default (a
# setting changed, or reset, shows; the settings a library registers when it
# is first loaded, as plpgsql's by a DO block, do not).
SNAPSHOT = r"""\echo @@snapshot@@
\set
SELECT name, setting, source FROM pg_settings WHERE source <> 'default' ORDER BY name;
\echo @@end@@
"""
LAST_QUERY_VARIABLES = ('ERROR', 'SQLSTATE', 'ROW_COUNT', 'LASTOID',
                        'LAST_ERROR_MESSAGE', 'LAST_ERROR_SQLSTATE')


def snapshots(out):
    """The snapshots in psql's output, each as a list of lines."""
    shots = re.findall(r'@@snapshot@@\n(.*?)@@end@@', out, re.S)
    return [[l for l in shot.split('\n')
             if l.split(' = ')[0] not in LAST_QUERY_VARIABLES] for shot in shots]


def sample_cases():
    """(name, settings typed before the script) of the sessions the sample
    scripts are run in."""
    return [('psql -X defaults', ''),
            ('ON_ERROR_STOP on, QUIET on, client_min_messages error, search_path public',
             '\\set ON_ERROR_STOP on\n\\set QUIET on\n'
             'SET client_min_messages = error;\nSET search_path = public;\n')]


def check_sample(tourist, script, before, db=None):
    """Run the script with \\i after the settings; give None when the session's
    variables and settings are as they were, else what changed."""
    stdin = before + SNAPSHOT + '\\i %s\n' % script + SNAPSHOT
    out = tourist.run('UTC', stdin, db=db)
    shots = snapshots(out)
    if len(shots) != 2:
        return 'the session ended inside the script:\n' + out
    a, b = shots
    if a == b:
        return None
    gone = [l for l in a if l not in b]
    new = [l for l in b if l not in a]
    return 'before: %s\nafter: %s' % ('; '.join(gone), '; '.join(new))


def main():
    text = open(README, encoding='utf-8').read()
    found = blocks(README)
    readme_roles = re.findall(r'CREATE ROLE (\w+)', '\n'.join(sql for _, sql, _ in found))
    tourist = Tourist(text, readme_roles)
    table = phrasings(README)
    script = []
    for n, (_, sql, _) in enumerate(found):
        script.append('\\echo ' + MARK % n)
        script.append(sql)
    script.append('\\echo ' + MARK % len(found))
    pieces = {}     # (zone, block) -> output
    read = []
    samples = []    # (description, problem or None)
    for zone in ZONES:
        problem = tourist.setup()
        if problem:
            print('1..1\nnot ok 1 - make a database and a role for the tour\n# %s' % problem)
            tourist.teardown()
            return 1
        out = tourist.run(zone, '\n'.join(script) + '\n', '-v', 'VERBOSITY=default')
        for n in range(len(found)):
            a = out.find(MARK % n)
            b = out.find(MARK % (n + 1))
            pieces[zone, n] = out[a + len(MARK % n):b] if a >= 0 and b >= 0 else None
        if zone == ZONES[0]:
            for text_in, _ in table:
                got = tourist.run(zone, "SELECT :'x'::conflict_stats.estimate::text;\n",
                                  '-A', '-t', '-v', 'x=' + text_in)
                read.append(got.strip())
            for sample in SAMPLES:
                for name, before in sample_cases():
                    samples.append(('%s leaves the session as it found it (%s)' % (sample, name),
                                    check_sample(tourist, sample, before)))
                # and when it stops early: a database without the extension
                bare = tourist.db + '_bare'
                admin('CREATE DATABASE %s OWNER %s' % (bare, tourist.role))
                samples.append(('%s stops early without the extension and leaves the session '
                                'as it found it' % sample,
                                check_sample(tourist, sample, sample_cases()[0][1], db=bare)))
                out = tourist.run('UTC', None, '-v', 'ON_ERROR_STOP=1', '-f', sample, db=bare,
                                  status=True)
                samples.append(('%s without the extension is an error that stops '
                                'psql -v ON_ERROR_STOP=1' % sample,
                                None if out[0] == 3 and 'needs the extension' in out[1]
                                else 'exit status %d:\n%s' % out))
        tourist.teardown()

    failed = 0
    print('1..%d' % (len(found) + len(table) + len(samples) + 1))
    for n, (line, sql, shown) in enumerate(found):
        first = sql.strip().split('\n')[0][:60]
        desc = 'README.md line %d: %s' % (line, first)
        problems = []
        if '$__' in sql:
            problems.append('a Grafana macro in a psql block (fence it ```sql grafana)')
        for zone in ZONES:
            got = pieces[zone, n]
            if got is not None:
                # psql names the script's line before a message: not in the README
                got = re.sub(r'(?m)^psql:<stdin>:\d+: ', '', got)
            if got is None:
                why = 'the session ended before this block'
            elif shown is not None:
                why = None if normalize(got) == normalize(shown) else 'the output differs from the README'
            else:
                why = 'the block raised an error' if 'ERROR:' in got else None
            if why:
                problems.append('in %s: %s' % (zone, why))
                if shown is not None:
                    problems.append('README shows:')
                    problems.extend('  ' + l for l in normalize(shown).split('\n'))
                problems.append('psql printed:')
                problems.extend('  ' + l for l in normalize(got or '').split('\n'))
        if not problems:
            print('ok %d - %s' % (n + 1, desc))
        else:
            failed += 1
            print('not ok %d - %s' % (n + 1, desc))
            print('\n'.join('# ' + l for l in problems))
    for i, ((text_in, want), got) in enumerate(zip(table, read)):
        n = len(found) + i + 1
        if got == want:
            print('ok %d - phrasing %r reads as %s' % (n, text_in, want))
        else:
            failed += 1
            print('not ok %d - phrasing %r reads as %s' % (n, text_in, want))
            print('# psql printed: %s' % got)
    for i, (desc, problem) in enumerate(samples):
        n = len(found) + len(table) + i + 1
        if problem is None:
            print('ok %d - %s' % (n, desc))
        else:
            failed += 1
            print('not ok %d - %s' % (n, desc))
            print('\n'.join('# ' + l for l in problem.split('\n')))
    n = len(found) + len(table) + len(samples) + 1
    if ci_runs_test_command():
        print('ok %d - .ci/run runs the README\'s test command as written' % n)
    else:
        failed += 1
        print('not ok %d - .ci/run runs the README\'s test command as written' % n)
    return 1 if failed else 0


def ci_runs_test_command():
    """The ```sh block of the quick start that runs test/run_tests.sh is the
    test command; .ci/run must hold it as one line."""
    text = open(README, encoding='utf-8').read()
    quick = text[text.index('## Quick start'):text.index('\n## ', text.index('## Quick start') + 1)]
    commands = [c for c in re.findall(r'```sh\n(.*?)\n```', quick, re.S)
                if 'test/run_tests.sh' in c]
    if len(commands) != 1:
        return False
    ci = open(os.path.join(ROOT, '.ci', 'run'), encoding='utf-8').read().split('\n')
    return commands[0].strip() in [l.strip() for l in ci]


if __name__ == '__main__':
    sys.exit(main())
