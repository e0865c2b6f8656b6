"""psycopg 3 adapter for conflict_stats.estimate.

A figure as sources state it ("more than 600,000", "500,000 to 700,000")
arrives from PostgreSQL as an ``Estimate`` object instead of a string, and an
``Estimate`` can be sent back as a query parameter or through COPY, in text or
in binary format.  This file is self-contained (it needs only psycopg 3):
copy it into your own project.

Usage::

    import datetime
    import psycopg
    from cs_psycopg import Estimate, register

    with psycopg.connect("dbname=war") as conn:
        register(conn)            # looks conflict_stats.estimate up by name
        e = conn.execute("SELECT '>600000'::conflict_stats.estimate").fetchone()[0]
        e.best, e.low, e.high     # (600000.0, 600000.0, None)
        e.low_inclusive           # False
        e.qualifier               # 'more than'
        str(e)                    # '>600000'
        conn.execute("INSERT INTO source_estimates (source, as_of, value)"
                     " VALUES (%s, %s, %s)",
                     ("my source", "2024-10-09", Estimate(615000, 500000, 700000)))
        with conn.cursor().copy("COPY source_estimates FROM STDIN (FORMAT binary)") as cp:
            cp.set_types(["text", "date", "conflict_stats.estimate"])
            cp.write_row(("another", datetime.date(2024, 10, 9), Estimate.parse("~610000")))

``register`` accepts a connection or a cursor (the adapter then applies to
that cursor only).  Arrays (``conflict_stats.estimate[]``) load as lists of
``Estimate``.

The value: ``best`` (float), ``low`` and ``high`` (float, or None when that
side is unbounded), ``low_inclusive`` and ``high_inclusive`` (bool, or None
when unbounded), ``approximate`` (the sides are soft: "nearly 1 million" is
``~<1000000``), ``centre`` (the best value is a centre the source stated,
kept even at the midpoint: ``400000 [350000,450000]``), and ``qualifier``:
``exact``, ``about``, ``more than``, ``at least``, ``fewer than``,
``at most``, ``range``, ``nearly``, ``just over`` or ``about range``, by the
same rule as SQL's ``conflict_stats.qualifier()``.  As on the server, each
mark is kept only where it changes the form: ``approximate`` where a side is
bounded and the value is no point (an approximate point is ``~B``),
``centre`` on a range of two inclusive bounds around its midpoint.
``str()`` gives the extension's canonical text (``B``, ``~B``, ``>B``,
``>=B``, ``<B``, ``<=B``, ``L..H``, or ``B [L,H]`` with ``(``/``)`` for
exclusive and an empty side for unbounded; ``~`` in front when
approximate); ``Estimate.parse`` reads those forms back.

Binary form (26 bytes): version byte 1; flags byte (bit 0 lower bounded,
bit 1 lower inclusive, bit 2 upper bounded, bit 3 upper inclusive, bit 4
approximate, bit 5 stated centre); best, low, high as big-endian float8, 0
for an unbounded side.
"""

import math
import re
import struct
from decimal import Decimal
from fractions import Fraction

from psycopg.adapt import Dumper, Loader
from psycopg.pq import Format
from psycopg.types import TypeInfo

__all__ = ["Estimate", "register", "TYPE_NAME"]

TYPE_NAME = "conflict_stats.estimate"

_VERSION = 1
_HAS_LOW, _LOW_INC, _HAS_HIGH, _HIGH_INC, _APPROX, _CENTRE = 1, 2, 4, 8, 0x10, 0x20
_FLAGS_MASK = 0x3F
_BINARY = struct.Struct(">BBddd")

_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_GENERAL = re.compile(
    r"\s*(%s)\s*([\[(])\s*(%s)?\s*,\s*(%s)?\s*([\])])\s*$" % (_NUMBER, _NUMBER, _NUMBER))
_RANGE = re.compile(r"\s*(%s)\s*\.\.\s*(%s)\s*$" % (_NUMBER, _NUMBER))
_SIMPLE = re.compile(r"\s*(~|>=|<=|>|<)?\s*(%s)\s*$" % _NUMBER)
_MARK = re.compile(r"\s*~\s*(?=[<>]|%s\s*(?:\.\.|[\[(]))" % _NUMBER)

_SAME = object()   # default of low/high: equal to best (an exact figure)


def _midpoint(low, high):
    """The midpoint of two doubles, as the extension computes it."""
    m = (low + high) / 2.0
    if math.isinf(m):
        m = low / 2.0 + high / 2.0
    return m + 0.0


def _shortest(x):
    """The shortest decimal strictly inside x's rounding interval, as
    PostgreSQL's shortest formatter finds it (it never takes a decimal that
    lies exactly halfway to a neighbouring double, which Python's repr may)."""
    fx = Fraction(x)
    below, above = math.nextafter(x, -math.inf), math.nextafter(x, math.inf)
    # at +-DBL_MAX the missing neighbour is as far as the other one
    below = Fraction(below) if math.isfinite(below) else 2 * fx - Fraction(above)
    above = Fraction(above) if math.isfinite(above) else 2 * fx - below
    lo, hi = (fx + below) / 2, (fx + above) / 2
    for digits in range(1, 18):
        d = Decimal("%.*e" % (digits - 1, x))
        # below a power of two the interval is lopsided: the nearest decimal
        # of this length may fall out while its neighbour one unit up is in
        unit = Decimal((0, (1,), d.as_tuple().exponent))
        inside = [c for c in (d, d - unit, d + unit) if lo < Fraction(c) < hi]
        if inside:
            return min(inside, key=lambda c: abs(Fraction(c) - fx))
    return Decimal(repr(x))


def _fmt(x):
    """A double as float8out prints it: shortest round-trip digits, exponent
    form below 1e-4 and from 1e15 on."""
    if x == 0:
        return "0"
    d = _shortest(x).normalize()
    sign, digits, exp = d.as_tuple()
    point = len(digits) + exp - 1            # decimal exponent of the first digit
    if -4 <= point < 15:
        return format(d, "f")
    mant = str(digits[0]) + ("." + "".join(map(str, digits[1:])) if len(digits) > 1 else "")
    return "%s%se%s%02d" % ("-" if sign else "", mant, "-" if point < 0 else "+", abs(point))


def _float(s):
    """A number of the text form as a float, or None for an empty side."""
    return None if s is None else float(s)


class Estimate:
    """A best value with optional lower and upper bounds, each inclusive or
    exclusive: Estimate(600000) is exact, Estimate(600000, None, None) is
    "about 600,000", Estimate(615000, 500000, 700000) has inclusive bounds,
    Estimate(600000, 600000, None, low_inclusive=False) is "more than";
    Estimate(1e6, None, 1e6, high_inclusive=False, approximate=True) is
    "nearly 1 million"; Estimate(400000, 350000, 450000, centre=True) keeps
    its stated centre."""

    __slots__ = ("best", "low", "high", "low_inclusive", "high_inclusive", "approximate", "centre")

    def __init__(self, best, low=_SAME, high=_SAME, low_inclusive=True, high_inclusive=True,
                 approximate=False, centre=False):
        self.best = float(best) + 0.0
        self.low = None if low is None else self.best if low is _SAME else float(low) + 0.0
        self.high = None if high is None else self.best if high is _SAME else float(high) + 0.0
        self.low_inclusive = None if self.low is None else bool(low_inclusive)
        self.high_inclusive = None if self.high is None else bool(high_inclusive)
        self._check()
        self._normalize(bool(approximate), bool(centre))

    def _normalize(self, approximate, centre):
        """Keep each mark only where it changes the form, as the server does:
        an approximate point becomes ~B."""
        point = (self.low is not None and self.high is not None and self.low_inclusive
                 and self.high_inclusive and self.low == self.best == self.high)
        if approximate and point:
            self.low = self.high = self.low_inclusive = self.high_inclusive = None
        self.approximate = approximate and (self.low is not None or self.high is not None)
        self.centre = (centre and self.low is not None and self.high is not None
                       and self.low_inclusive and self.high_inclusive and self.low < self.high
                       and self.best == _midpoint(self.low, self.high))

    def _check(self):
        """Reject what the server would reject: non-finite numbers, bounds
        out of order, a range that admits no value."""
        for x in (self.best, self.low, self.high):
            if x is not None and not math.isfinite(x):
                raise ValueError("estimate parts must be finite numbers, got %r" % x)
        if self.low is not None and self.low > self.best:
            raise ValueError("low %r is above best %r" % (self.low, self.best))
        if self.high is not None and self.high < self.best:
            raise ValueError("high %r is below best %r" % (self.high, self.best))
        if (self.low is not None and self.high is not None and self.low == self.high
                and not (self.low_inclusive and self.high_inclusive)):
            raise ValueError("the range (%r, %r) admits no value" % (self.low, self.high))

    @property
    def qualifier(self):
        """The form of the canonical text, as SQL's qualifier() names it."""
        if self.approximate:
            return {">": "just over", ">=": "just over", "<": "nearly",
                    "<=": "nearly"}.get(self._shape(), "about range")
        return {"exact": "exact", "about": "about", ">": "more than", ">=": "at least",
                "<": "fewer than", "<=": "at most"}.get(self._shape(), "range")

    def _shape(self):
        """Which canonical form holds this value: the shortest that is exact."""
        lo, hi = self.low is not None, self.high is not None
        if lo and hi and self.low_inclusive and self.high_inclusive \
                and self.low == self.best == self.high:
            return "exact"
        if not lo and not hi:
            return "about"
        if lo and not hi and self.low == self.best:
            return ">=" if self.low_inclusive else ">"
        if hi and not lo and self.high == self.best:
            return "<=" if self.high_inclusive else "<"
        if lo and hi and self.low_inclusive and self.high_inclusive and not self.centre \
                and self.best == _midpoint(self.low, self.high):
            return ".."
        return "general"

    def __str__(self):
        return ("~" if self.approximate else "") + self._form()

    def _form(self):
        """The canonical text without the approximate mark."""
        shape = self._shape()
        if shape == "exact":
            return _fmt(self.best)
        if shape == "about":
            return "~" + _fmt(self.best)
        if shape in (">", ">=", "<", "<="):
            return shape + _fmt(self.best)
        if shape == "..":
            return "%s..%s" % (_fmt(self.low), _fmt(self.high))
        return "%s %s%s,%s%s" % (
            _fmt(self.best), "[" if self.low_inclusive else "(",
            "" if self.low is None else _fmt(self.low),
            "" if self.high is None else _fmt(self.high),
            "]" if self.high_inclusive else ")")

    def __repr__(self):
        return "Estimate(%r)" % str(self)

    def _parts(self):
        """Every part, for equality and hashing."""
        return (self.best, self.low, self.high, self.low_inclusive, self.high_inclusive,
                self.approximate, self.centre)

    def __eq__(self, other):
        return isinstance(other, Estimate) and self._parts() == other._parts()

    def __hash__(self):
        return hash(self._parts())

    @classmethod
    def parse(cls, text):
        """Read the canonical text forms (as the server prints them)."""
        m = _MARK.match(text)
        if m:
            e = cls.parse(text[m.end():])
            e._normalize(True, e.centre)
            return e
        m = _SIMPLE.match(text)
        if m:
            op, best = m.group(1), float(m.group(2))
            if op is None:
                return cls(best)
            if op == "~":
                return cls(best, None, None)
            if op[0] == ">":
                return cls(best, best, None, low_inclusive=(op == ">="))
            return cls(best, None, best, high_inclusive=(op == "<="))
        m = _RANGE.match(text)
        if m:
            low, high = float(m.group(1)), float(m.group(2))
            if low > high:
                raise ValueError("bad estimate %r: low above high" % text)
            return cls(_midpoint(low, high), low, high)
        m = _GENERAL.match(text)
        if m:
            return cls(float(m.group(1)), _float(m.group(3)), _float(m.group(4)),
                       low_inclusive=(m.group(2) == "["), high_inclusive=(m.group(5) == "]"),
                       centre=True)
        raise ValueError("bad estimate text %r" % text)

    def to_binary(self):
        """The 26-byte binary form that estimate_recv reads."""
        flags = 0
        if self.low is not None:
            flags |= _HAS_LOW | (_LOW_INC if self.low_inclusive else 0)
        if self.high is not None:
            flags |= _HAS_HIGH | (_HIGH_INC if self.high_inclusive else 0)
        flags |= (_APPROX if self.approximate else 0) | (_CENTRE if self.centre else 0)
        return _BINARY.pack(_VERSION, flags, self.best,
                            0.0 if self.low is None else self.low,
                            0.0 if self.high is None else self.high)

    @classmethod
    def from_binary(cls, data):
        """Read the binary form that estimate_send writes."""
        if len(data) != _BINARY.size:
            raise ValueError("binary estimate must be %d bytes, got %d" % (_BINARY.size, len(data)))
        version, flags, best, low, high = _BINARY.unpack(data)
        if version != _VERSION or flags & ~_FLAGS_MASK:
            raise ValueError("unknown binary estimate version %d or flags %#x" % (version, flags))
        e = cls(best,
                low if flags & _HAS_LOW else None,
                high if flags & _HAS_HIGH else None,
                low_inclusive=bool(flags & _LOW_INC),
                high_inclusive=bool(flags & _HIGH_INC),
                approximate=bool(flags & _APPROX), centre=bool(flags & _CENTRE))
        if e.to_binary()[1] != flags:
            raise ValueError("binary estimate with a mark where it changes nothing: flags %#x" % flags)
        return e


class _TextLoader(Loader):
    """Loads the text form."""
    format = Format.TEXT

    def load(self, data):
        return Estimate.parse(bytes(data).decode("ascii"))


class _BinaryLoader(Loader):
    """Loads the binary form."""
    format = Format.BINARY

    def load(self, data):
        return Estimate.from_binary(bytes(data))


class _TextDumper(Dumper):
    """Dumps the canonical text form (oid set by register)."""
    format = Format.TEXT

    def dump(self, obj):
        return str(obj).encode("ascii")


class _BinaryDumper(Dumper):
    """Dumps the binary form (oid set by register)."""
    format = Format.BINARY

    def dump(self, obj):
        return obj.to_binary()


def register(context):
    """Adapt conflict_stats.estimate on a connection or cursor: load it (and
    its arrays) as Estimate, dump Estimate as it.  Returns the TypeInfo."""
    conn = getattr(context, "connection", context)
    info = TypeInfo.fetch(conn, TYPE_NAME)
    if info is None:
        raise LookupError("type %s not found: is the extension installed?" % TYPE_NAME)
    info.register(context)
    adapters = context.adapters
    adapters.register_loader(info.oid, _TextLoader)
    adapters.register_loader(info.oid, _BinaryLoader)
    # the text dumper is registered last, so plain %s sends text
    adapters.register_dumper(Estimate, type("EstimateBinaryDumper", (_BinaryDumper,), {"oid": info.oid}))
    adapters.register_dumper(Estimate, type("EstimateTextDumper", (_TextDumper,), {"oid": info.oid}))
    return info
