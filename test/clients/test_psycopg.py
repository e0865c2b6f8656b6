#!/usr/bin/python3
"""psycopg 3 suite: every conflict_stats type through a real driver.

Run by test/clients/run.sh (connection from the PG* environment, database
with the extension, test/data/sample.sql and test/clients/fixtures.sql
loaded):

    /usr/bin/python3 test/clients/test_psycopg.py README.md

Prints one "ok - ..." / "not ok - ..." line per check (run.sh numbers them)
and "# ..." diagnostics.  Values are compared through their ::text forms in
SQL, never against text written here, so the types' text forms may change.
"""

import os
import re
import struct
import sys

import psycopg
from psycopg.adapt import Dumper
from psycopg.pq import Format

sys.dont_write_bytecode = True          # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cs_psycopg import Estimate, register  # noqa: E402

TYPES = ["estimate", "trend", "cumulative", "cost_per_gain_state", "elasticity_state", "series"]
ESTIMATE_PARTS = ["best", "low", "high", "low_inclusive", "high_inclusive", "qualifier"]
STANDARD_TYPES = {"float8", "numeric", "text", "date", "timestamptz", "int8", "int4", "bool"}
FAILED = 0


def ok(cond, desc, diag=None):
    """Print one TAP line (numbered later by run.sh), with diagnostics on failure."""
    global FAILED
    print(("ok - " if cond else "not ok - ") + desc)
    if not cond:
        FAILED += 1
        for line in str(diag or "").splitlines()[:40]:
            print("#   " + line)
    sys.stdout.flush()
    return cond


def check(desc, fn):
    """Run fn() (returns None or a failure text) as one check; an exception fails it."""
    try:
        problem = fn()
    except Exception as exc:  # a driver or server error is a failed check
        problem = "%s: %s" % (type(exc).__name__, exc)
    return ok(problem is None, desc, problem)


def connect():
    """A new autocommit connection from the PG* environment."""
    return psycopg.connect("", autocommit=True)


def type_oid(conn, typ):
    """The OID of conflict_stats.<typ>, looked up by name."""
    return conn.execute("SELECT to_regtype(%s)::oid", ["conflict_stats." + typ]).fetchone()[0]


def send_function(conn, typ):
    """The name of the type's send function, from pg_type."""
    return conn.execute("SELECT typsend::regproc::text FROM pg_type WHERE oid = to_regtype(%s)",
                        ["conflict_stats." + typ]).fetchone()[0]


def fixture(conn, typ, binary=False):
    """The rows (label, value, value::text) of fixture_<typ>, value in text or binary format."""
    cur = conn.cursor(binary=binary)
    return cur.execute("SELECT label, value, value::text FROM fixture_%s ORDER BY label" % typ).fetchall()


def new_target(conn, typ):
    """An empty temporary table rt_<typ> (label, value) to write values back into."""
    conn.execute("DROP TABLE IF EXISTS rt_%s" % typ)
    conn.execute("CREATE TEMP TABLE rt_%s (label text, value conflict_stats.%s)" % (typ, typ))


def compare_target(conn, typ):
    """None when rt_<typ> holds the same values as fixture_<typ>, else the differences."""
    parts = ""
    if typ == "estimate":
        parts = "".join(" AND conflict_stats.%s(f.value) IS NOT DISTINCT FROM conflict_stats.%s(r.value)"
                        % (p, p) for p in ESTIMATE_PARTS) + \
            " AND (f.value IS NULL OR f.value OPERATOR(conflict_stats.=) r.value)"
    rows = conn.execute(
        "SELECT f.label, f.value::text, r.label IS NOT NULL, r.value::text "
        "FROM fixture_%s f FULL JOIN rt_%s r USING (label) "
        "WHERE NOT (f.label IS NOT NULL AND r.label IS NOT NULL "
        "           AND f.value::text IS NOT DISTINCT FROM r.value::text%s)" % (typ, typ, parts)).fetchall()
    n = conn.execute("SELECT (SELECT count(*) FROM fixture_%s) = (SELECT count(*) FROM rt_%s)"
                     % (typ, typ)).fetchone()[0]
    if not rows and n:
        return None
    return "\n".join("%s: %s -> %s" % (r[0], r[1], r[3] if r[2] else "(missing)") for r in rows) or \
        "row counts differ"


def raw_class(conn, typ, oid):
    """A wrapper class whose instances psycopg sends as <typ>, in text (str data)
    or binary (bytes data) format; also registered by OID for COPY."""
    cls = type("Raw_" + typ, (), {"__init__": lambda self, data: setattr(self, "data", data)})

    def dump(self, obj):
        return obj.data.encode() if isinstance(obj.data, str) else obj.data

    for fmt in (Format.BINARY, Format.TEXT):
        dumper = type("Raw%sDumper_%s" % (fmt.name, typ), (Dumper,),
                      {"oid": oid, "format": fmt, "dump": dump})
        conn.adapters.register_dumper(cls, dumper)
    return cls


def wrap(cls, value):
    """value wrapped in cls, or None for NULL."""
    return None if value is None else cls(value)


# --- raw round trips of every type -------------------------------------------------

def check_text_results(conn, typ):
    """Text-format results arrive as the server's ::text form."""
    bad = [(l, v, t) for l, v, t in fixture(conn, typ) if v != t]
    return None if not bad else "\n".join("%s: got %r, ::text is %r" % b for b in bad)


def check_binary_results(conn, typ):
    """Binary-format results arrive as the bytes of the type's send function."""
    send = send_function(conn, typ)
    cur = conn.cursor(binary=True)
    rows = cur.execute("SELECT label, value, %s(value) FROM fixture_%s ORDER BY label"
                       % (send, typ)).fetchall()
    bad = [r[0] for r in rows if r[1] != r[2] or (r[1] is not None and not isinstance(r[1], bytes))]
    nonnull = [r for r in rows if r[1] is not None]
    if not nonnull:
        return "no non-NULL values"
    return None if not bad else "binary value differs from %s() for: %s" % (send, ", ".join(bad))


def check_untyped_text_params(conn, typ):
    """Values written back as plain str parameters (type unknown, text format)."""
    new_target(conn, typ)
    cur = conn.cursor()
    cur.executemany("INSERT INTO rt_%s (label, value) VALUES (%%s, %%s)" % typ,
                    [(l, t) for l, v, t in fixture(conn, typ)])
    return compare_target(conn, typ)


def check_typed_params(conn, typ, binary):
    """Values written back as parameters typed with the type's OID, text or binary."""
    cls = raw_class(conn, typ, type_oid(conn, typ))
    new_target(conn, typ)
    rows = fixture(conn, typ, binary=binary)
    ph = "%b" if binary else "%t"
    cur = conn.cursor()
    for label, value, _ in rows:
        cur.execute("INSERT INTO rt_%s (label, value) VALUES (%%s, %s)" % (typ, ph),
                    [label, wrap(cls, value)])
    return compare_target(conn, typ)


def check_copy(conn, typ, binary):
    """Values read by COPY TO and written back by COPY FROM, text or binary format."""
    oid = type_oid(conn, typ)
    cls = raw_class(conn, typ, oid)
    new_target(conn, typ)
    fmt = " (FORMAT binary)" if binary else ""
    cur = conn.cursor()
    with cur.copy("COPY fixture_%s (label, value) TO STDOUT%s" % (typ, fmt)) as cp:
        cp.set_types(["text", oid])
        # binary values arrive as memoryviews of the row buffer: keep copies
        rows = [(label, bytes(v) if isinstance(v, memoryview) else v) for label, v in cp.rows()]
    if binary and any(v is not None and not isinstance(v, bytes) for _, v in rows):
        return "binary COPY gave values that are not bytes: %r" % rows
    with cur.copy("COPY rt_%s (label, value) FROM STDIN%s" % (typ, fmt)) as cp:
        cp.set_types(["text", oid])
        for label, value in rows:
            cp.write_row((label, wrap(cls, value)))
    return compare_target(conn, typ)


def check_copy_blocks(conn, typ):
    """A binary COPY stream copied block for block into the table reads back the same."""
    new_target(conn, typ)
    cur = conn.cursor()
    with cur.copy("COPY fixture_%s (label, value) TO STDOUT (FORMAT binary)" % typ) as cp:
        data = b"".join(bytes(b) for b in cp)
    with cur.copy("COPY rt_%s (label, value) FROM STDIN (FORMAT binary)" % typ) as cp:
        cp.write(data)
    return compare_target(conn, typ)


def raw_suite(conn):
    """Every type, read and written back in every way the driver allows."""
    for typ in TYPES:
        check("psycopg: %s: text results equal the ::text form" % typ,
              lambda: check_text_results(conn, typ))
        check("psycopg: %s: binary results equal the send function's bytes" % typ,
              lambda: check_binary_results(conn, typ))
        check("psycopg: %s: untyped text parameters write back the same values" % typ,
              lambda: check_untyped_text_params(conn, typ))
        check("psycopg: %s: text parameters typed by OID write back the same values" % typ,
              lambda: check_typed_params(conn, typ, binary=False))
        check("psycopg: %s: binary parameters typed by OID write back the same values" % typ,
              lambda: check_typed_params(conn, typ, binary=True))
        check("psycopg: %s: cursor.copy in text format writes back the same values" % typ,
              lambda: check_copy(conn, typ, binary=False))
        check("psycopg: %s: cursor.copy in binary format writes back the same values" % typ,
              lambda: check_copy(conn, typ, binary=True))
        check("psycopg: %s: a binary COPY stream written back whole reads the same" % typ,
              lambda: check_copy_blocks(conn, typ))


# --- the Estimate adapter ----------------------------------------------------------

def estimate_rows(conn, binary):
    """fixture_estimate with the value loaded by the adapter and every part from SQL."""
    cur = conn.cursor(binary=binary)
    cols = ", ".join("conflict_stats.%s(value)" % p for p in ESTIMATE_PARTS)
    return cur.execute("SELECT label, value, value::text, %s FROM fixture_estimate ORDER BY label"
                       % cols).fetchall()


def check_estimate_loads(conn, binary):
    """Loaded Estimates have the parts SQL's accessors give, and print as ::text."""
    bad = []
    for row in estimate_rows(conn, binary):
        label, e, text, parts = row[0], row[1], row[2], row[3:]
        if e is None:
            if text is not None:
                bad.append("%s: loaded None" % label)
            continue
        mine = (e.best, e.low, e.high, e.low_inclusive, e.high_inclusive, e.qualifier)
        if not isinstance(e, Estimate) or mine != tuple(parts) or str(e) != text:
            bad.append("%s: %r %r, SQL says %r %r" % (label, e, mine, text, tuple(parts)))
    return "\n".join(bad) or None


def check_estimate_dumps(conn, how):
    """Estimates sent as text or binary parameters, or through text or binary COPY,
    read back equal to the originals."""
    new_target(conn, "estimate")
    rows = conn.execute("SELECT label, value FROM fixture_estimate").fetchall()
    cur = conn.cursor()
    if how in ("text", "binary"):
        ph = "%t" if how == "text" else "%b"
        for label, e in rows:
            cur.execute("INSERT INTO rt_estimate (label, value) VALUES (%%s, %s)" % ph, [label, e])
    else:
        fmt = " (FORMAT binary)" if how == "binary COPY" else ""
        with cur.copy("COPY rt_estimate (label, value) FROM STDIN%s" % fmt) as cp:
            cp.set_types(["text", "conflict_stats.estimate"])
            for row in rows:
                cp.write_row(row)
    return compare_target(conn, "estimate")


def check_estimate_arrays(conn):
    """estimate[] loads as a list of Estimate in text and binary, and dumps back."""
    q = "SELECT array_agg(value ORDER BY label), array_agg(value::text ORDER BY label) FROM fixture_estimate"
    for binary in (False, True):
        arr, texts = conn.cursor(binary=binary).execute(q).fetchone()
        if [None if e is None else str(e) for e in arr] != texts:
            return "binary=%s: %r != %r" % (binary, arr, texts)
        back = conn.execute("SELECT %s::text[] = %s::text[]", [arr, texts]).fetchone()[0]
        if not back:
            return "dumped array reads back differently"
    return None


def check_estimate_binary_bytes(conn):
    """Estimate.to_binary matches estimate_send byte for byte for every fixture."""
    rows = conn.execute("SELECT label, value, conflict_stats.estimate_send(value) "
                        "FROM fixture_estimate WHERE value IS NOT NULL").fetchall()
    bad = ["%s: %s != %s" % (l, e.to_binary().hex(), bytes(b).hex()) for l, e, b in rows
           if e.to_binary() != bytes(b) or Estimate.from_binary(bytes(b)) != e]
    return "\n".join(bad) or None


def check_estimate_documented_forms():
    """The documented canonical forms parse and print back unchanged, offline."""
    forms = ["600000", "~600000", ">600000", ">=600000", "<600000", "<=600000",
             "500000..700000", "615000 [500000,700000]", "20 [15,)", "5 (,10]", "601000 (600000,)",
             "-5..-3", "1e+15", "5e-324", "0.0001", "1e-05", "1.7976931348623157e+308",
             "~<5", "~<=5", "~>5", "~>=5", "~5..7", "~5 [4,6]", "~5.5 [4,6]", "~5 (4,)",
             "400000 [350000,450000]", "~400000 [350000,450000]"]
    bad = [f for f in forms if str(Estimate.parse(f)) != f]
    # each mark only where it changes the form, as on the server
    for text, want in [("~5 [5,5]", "~5"), ("~5..5", "~5"), ("5 [4,6]", "5 [4,6]"), ("4..6", "4..6"),
                       ("5 (4,6)", "5 (4,6)")]:
        if str(Estimate.parse(text)) != want:
            bad.append("%s prints %s, not %s" % (text, Estimate.parse(text), want))
    marks = [(Estimate(1e6, None, 1e6, high_inclusive=False, approximate=True), "~<1000000", "nearly",
              b"\x01\x14"),
             (Estimate(9e5, 9e5, None, low_inclusive=False, approximate=True), "~>900000", "just over",
              b"\x01\x11"),
             (Estimate(4e5, 3.5e5, 4.5e5, centre=True), "400000 [350000,450000]", "range", b"\x01\x2f"),
             (Estimate(4e5, 3.5e5, 4.5e5, approximate=True), "~350000..450000", "about range",
              b"\x01\x1f"),
             (Estimate(5, None, None, approximate=True), "~5", "about", b"\x01\x00"),
             (Estimate(5, 5, 5, approximate=True), "~5", "about", b"\x01\x00")]
    for e, text, qual, head in marks:
        if str(e) != text or e.qualifier != qual or e.to_binary()[:2] != head \
                or Estimate.from_binary(e.to_binary()) != e or Estimate.parse(text) != e:
            bad.append("%r: %s %s %s" % (e, text, qual, e.to_binary()[:2].hex()))
    for flags in (0x10, 0x40, 0x80, 0x2b):     # a mark that changes nothing, unknown bits
        try:
            Estimate.from_binary(bytes([1, flags]) + struct.pack(">ddd", 5.0, 4.0, 6.0))
            bad.append("from_binary accepted flags %#x" % flags)
        except ValueError:
            pass
    expected = b"\x01\x01" + struct.pack(">dd", 600000.0, 600000.0) + bytes(8)
    if Estimate.parse(">600000").to_binary() != expected:
        bad.append("binary of >600000: %s" % Estimate.parse(">600000").to_binary().hex())
    return ", ".join(bad) or None


def sample_doubles():
    """Doubles of every magnitude and digit count, deterministic."""
    xs = [0.1, 0.2, 1 / 3, 2 / 3, 1e-4, 9.999e-5, 1e-5, 123456789012345.6, 999999999999999.9,
          1e15, 1.5e15, 1e16, 2.0 ** 53, 2.0 ** 53 + 2, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308]
    x = 0.7
    for i in range(300):
        x = (x * 3.9 * (1 - x)) % 1 or 0.5          # a logistic map: digits without random()
        xs.append(x * 10 ** (i % 40 - 20))
    xs += [2.0 ** k for k in range(-1074, 1024, 7)]   # lopsided intervals below powers of two
    return xs + [-v for v in xs]


def check_number_format(conn):
    """str(Estimate) prints every sample double exactly as the server's text does."""
    xs = sample_doubles()
    texts = conn.execute("SELECT array_agg(conflict_stats.estimate(x)::text ORDER BY i) "
                         "FROM unnest(%s::float8[]) WITH ORDINALITY AS u(x, i)", [xs]).fetchone()[0]
    bad = ["%r: %s != %s" % (x, str(Estimate(x)), t) for x, t in zip(xs, texts) if str(Estimate(x)) != t]
    return "\n".join(bad) or None


def check_estimate_rejects(conn):
    """Impossible estimates fail in Python, and bad bytes fail on the server with 22P03."""
    for args in [(5, 6, None), (5, None, 4), (float("nan"),), (5, 5, 5, False, True)]:
        try:
            Estimate(*args)
            return "Estimate%r was accepted" % (args,)
        except ValueError:
            pass
    cls = raw_class(conn, "estimate", type_oid(conn, "estimate"))
    for bad in (b"\x01\x10" + bytes(24),      # the approximate mark where no side is bounded
                b"\x01\x40" + bytes(24)):     # an unknown flag bit
        try:
            conn.execute("SELECT %b::text", [cls(bad)])
            return "estimate_recv accepted flags %#x" % bad[1]
        except psycopg.Error as exc:
            if exc.sqlstate != "22P03":
                return "SQLSTATE %s, not 22P03: %s" % (exc.sqlstate, exc)
    return None


def check_register_on_cursor():
    """register(cursor) adapts that cursor only."""
    with connect() as conn:
        cur = conn.cursor()
        register(cur)
        mine = cur.execute("SELECT '~1'::conflict_stats.estimate").fetchone()[0]
        other = conn.execute("SELECT '~1'::conflict_stats.estimate").fetchone()[0]
    if not isinstance(mine, Estimate) or other != "~1":
        return "cursor got %r, connection got %r" % (mine, other)
    return None


def estimate_suite(conn):
    """The cs_psycopg adapter: loads, dumps, COPY, arrays, bytes, errors."""
    info = register(conn)
    ok(info.oid == type_oid(conn, "estimate"), "cs_psycopg: register() finds the type's OID by name")
    check("cs_psycopg: text results load as Estimate with SQL's parts and ::text form",
          lambda: check_estimate_loads(conn, binary=False))
    check("cs_psycopg: binary results load as Estimate with SQL's parts and ::text form",
          lambda: check_estimate_loads(conn, binary=True))
    for how in ("text", "binary", "text COPY", "binary COPY"):
        check("cs_psycopg: Estimate written as %s reads back equal in every part" % how,
              lambda: check_estimate_dumps(conn, how))
    check("cs_psycopg: estimate[] loads as lists of Estimate and dumps back",
          lambda: check_estimate_arrays(conn))
    check("cs_psycopg: to_binary/from_binary match estimate_send byte for byte",
          lambda: check_estimate_binary_bytes(conn))
    check("cs_psycopg: the documented canonical forms parse and print back unchanged",
          check_estimate_documented_forms)
    check("cs_psycopg: str(Estimate) prints %d doubles of every magnitude as the server does"
          % len(sample_doubles()), lambda: check_number_format(conn))
    check("cs_psycopg: impossible values raise ValueError; bad bytes give 22P03",
          lambda: check_estimate_rejects(conn))
    check("cs_psycopg: register(cursor) adapts that cursor only", check_register_on_cursor)


# --- dashboards ---------------------------------------------------------------------

def dashboard_queries(path):
    """The ```sql blocks of the '## Dashboards' section of a markdown file,
    with the ```sql grafana ones (Grafana's SQL, macros and all)."""
    text = open(path, encoding="utf-8").read()
    m = re.search(r"^## Dashboards[ \t]*\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if not m:
        return []
    return [b.strip() for b in re.findall(r"^```sql(?:[ \t]+grafana)?[ \t]*\n(.*?)^```", m.group(1), re.M | re.S)]


def grafana_literal(sql):
    """The query with Grafana's $__timeFilter(col) macro replaced by a literal range."""
    return re.sub(r"\$__timeFilter\(\s*([^)]*?)\s*\)",
                  r"\1 BETWEEN '2024-01-01' AND '2024-12-31'", sql)


def query_title(sql, i):
    """A short name for a query: its first comment line, else its number."""
    m = re.match(r"\s*--\s*(.+)", sql)
    return "dashboard query %d%s" % (i, " (%s)" % m.group(1).strip() if m else "")


def check_dashboard(conn, sql):
    """The query runs, returns rows, and every column has a standard built-in type."""
    sql = grafana_literal(sql)
    if "$__" in sql:
        return "an unknown Grafana macro is left: %s" % re.search(r"\$__\w+", sql).group(0)
    cur = conn.cursor()
    cur.execute(sql)
    rows = cur.fetchall()
    problems = [] if rows else ["no rows"]
    for col in cur.description:
        name = conn.execute("SELECT n.nspname || '.' || t.typname FROM pg_type t "
                            "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = %s",
                            [col.type_code]).fetchone()
        if col.type_code >= 10000 or name is None or not name[0].startswith("pg_catalog.") \
                or name[0].split(".", 1)[1] not in STANDARD_TYPES:
            problems.append("column %s has type %s (oid %s)" % (col.name, name and name[0], col.type_code))
    return "\n".join(problems) or None


def dashboard_suite(conn, path):
    """Every dashboard query of the markdown file, run through psycopg."""
    queries = dashboard_queries(path)
    ok(len(queries) >= 7, "psycopg: %s has a '## Dashboards' section with its sql blocks (%d, 7 needed)"
       % (os.path.basename(path), len(queries)))
    conn.execute("SET search_path = \"$user\", public")
    for i, sql in enumerate(queries, 1):
        check("psycopg: %s returns rows of standard column types" % query_title(sql, i),
              lambda: check_dashboard(conn, sql))


def main():
    """Run the three parts of the suite."""
    path = sys.argv[1]
    with connect() as conn:
        raw_suite(conn)
    with connect() as conn:
        estimate_suite(conn)
    with connect() as conn:
        dashboard_suite(conn, path)
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
