#!/usr/bin/python3
"""readme.py: every SQL example of README.md runs, in order, as written.

Takes every ```sql block of README.md in order and runs them all in one psql
session against a fresh database, from the repository's root (so \\copy
reads test/data/...).  Each block is one TAP test: it passes when it raises
no error and, where the README shows the output (a ``` block right after
it), psql prints exactly that output.  A block whose shown output has an
ERROR line passes when psql prints that error.  Grafana's $__timeFilter(x)
macro is replaced by a fixed date range, as Grafana would expand it.

Runs against the cluster in PGHOST/PGPORT/PGUSER with the extension
installed (make install), e.g. bash test/lib/cluster.sh 15 ./test/readme.py;
makes the database the README names (analysis) and the roles it creates,
and drops them.  Each row of the README's table of accepted phrasings is a
test too: the input reads as the canonical text shown.  One more test:
.ci/run runs the quick start's test command exactly as the README writes
it.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, 'README.md')
DB = 'analysis'   # the database the README's examples name
MARK = '@@readme block %d@@'


def blocks(path):
    """Give (line number, sql, shown output or None) for each ```sql block."""
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


def expand_macros(sql):
    """Expand Grafana's time filter macro as Grafana would, for a fixed range."""
    return re.sub(r'\$__timeFilter\((\w+)\)',
                  r"\1 BETWEEN '2024-01-01' AND '2024-12-31'", sql)


def psql(*args, stdin=None):
    """Run psql; give its exit status and its output (stdout and stderr)."""
    p = subprocess.run(['psql', '-X', '-q'] + list(args), input=stdin, cwd=ROOT,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    return p.returncode, p.stdout


def normalize(text):
    """Drop trailing white space and blank lines around the text."""
    lines = [line.rstrip() for line in text.split('\n')]
    while lines and lines[0] == '':
        lines.pop(0)
    while lines and lines[-1] == '':
        lines.pop()
    return '\n'.join(lines)


def main():
    found = blocks(README)
    psql('-d', 'postgres', '-c', 'DROP DATABASE IF EXISTS %s' % DB)
    for role in re.findall(r'CREATE ROLE (\w+)', '\n'.join(sql for _, sql, _ in found)):
        psql('-d', 'postgres', '-c', 'DROP ROLE IF EXISTS %s' % role)
    rc, out = psql('-d', 'postgres', '-c', 'CREATE DATABASE %s' % DB)
    if rc != 0:
        print('1..1\nnot ok 1 - create database %s\n# %s' % (DB, out))
        return 1
    script = []
    for n, (_, sql, _) in enumerate(found):
        script.append('\\echo ' + MARK % n)
        script.append(expand_macros(sql))
    script.append('\\echo ' + MARK % len(found))
    _, out = psql('-d', DB, '-v', 'VERBOSITY=default', stdin='\n'.join(script) + '\n')
    table = phrasings(README)
    read = []
    for text, _ in table:
        _, got = psql('-d', DB, '-A', '-t', '-v', 'x=' + text,
                      stdin="SELECT :'x'::conflict_stats.estimate::text;\n")
        read.append(got.strip())
    psql('-d', 'postgres', '-c', 'DROP DATABASE IF EXISTS %s' % DB)
    for role in re.findall(r'CREATE ROLE (\w+)', '\n'.join(sql for _, sql, _ in found)):
        psql('-d', 'postgres', '-c', 'DROP ROLE IF EXISTS %s' % role)

    pieces = {}
    for n in range(len(found)):
        a = out.find(MARK % n)
        b = out.find(MARK % (n + 1))
        pieces[n] = out[a + len(MARK % n):b] if a >= 0 and b >= 0 else None

    failed = 0
    print('1..%d' % (len(found) + len(table) + 1))
    for n, (line, sql, shown) in enumerate(found):
        got = pieces[n]
        first = sql.strip().split('\n')[0][:60]
        desc = 'README.md line %d: %s' % (line, first)
        if got is not None:
            # psql names the script's line before a message: not in the README
            got = re.sub(r'(?m)^psql:<stdin>:\d+: ', '', got)
        if got is None:
            ok, why = False, 'the session ended before this block'
        elif shown is not None:
            ok = normalize(got) == normalize(shown)
            why = 'the output differs from the README'
        else:
            ok = 'ERROR:' not in got
            why = 'the block raised an error'
        if ok:
            print('ok %d - %s' % (n + 1, desc))
        else:
            failed += 1
            print('not ok %d - %s' % (n + 1, desc))
            print('# %s' % why)
            if shown is not None:
                print('# README shows:')
                print('\n'.join('#   ' + l for l in normalize(shown).split('\n')))
            print('# psql printed:')
            print('\n'.join('#   ' + l for l in normalize(got or '').split('\n')))
    for i, ((text, want), got) in enumerate(zip(table, read)):
        n = len(found) + i + 1
        if got == want:
            print('ok %d - phrasing %r reads as %s' % (n, text, want))
        else:
            failed += 1
            print('not ok %d - phrasing %r reads as %s' % (n, text, want))
            print('# psql printed: %s' % got)
    n = len(found) + len(table) + 1
    if ci_runs_test_command():
        print('ok %d - .ci/run runs the README\'s test command as written' % n)
    else:
        failed += 1
        print('not ok %d - .ci/run runs the README\'s test command as written' % n)
    return 1 if failed else 0


def ci_runs_test_command():
    """The last ```sh block of the quick start is the test command; .ci/run
    must hold it as one line."""
    text = open(README, encoding='utf-8').read()
    quick = text[text.index('## Quick start'):text.index('\n## ', text.index('## Quick start') + 1)]
    commands = re.findall(r'```sh\n(.*?)\n```', quick, re.S)
    if len(commands) != 2:
        return False
    ci = open(os.path.join(ROOT, '.ci', 'run'), encoding='utf-8').read().split('\n')
    return commands[1].strip() in [l.strip() for l in ci]


if __name__ == '__main__':
    sys.exit(main())
