"""Descriptors to ISO-8601 dates: the calendar arithmetic shared by English and Chinese.

The rules of both languages only describe what they read (``('quarter', 2024, 4)``,
``('cal', 'year', 1, ('half', 1))`` ...; the grammar is in ``dates.py``); this module alone
decides which days that is, so both languages follow one set of conventions. Absolute
descriptors are always realised; relative ones only against an anchor date.
"""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from .dates_en import MONTH_NAMES, PARTS, SEASONS, UNITS, Desc


class _Span(NamedTuple):
    precision: str
    start: dt.date
    end: dt.date
    g1: str  # how finely each end is written: 'y' year, 'm' month, 'd' day
    g2: str


def _add_months(d: dt.date, n: int) -> dt.date:
    """First day of the month n months after d's month."""
    years, month = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + years, month + 1, 1)


def _month_end(d: dt.date) -> dt.date:
    return _add_months(d, 1) - dt.timedelta(days=1)


def _months(precision: str, y: int, first: int, last: int) -> _Span:
    """Months first..last of year y; last may pass 12 (winter ends in the next year)."""
    jan = dt.date(y, 1, 1)
    return _Span(precision, _add_months(jan, first - 1), _month_end(_add_months(jan, last - 1)), "m", "m")


def _iso(d: dt.date, g: str) -> str:
    return {"y": f"{d.year:04d}", "m": f"{d.year:04d}-{d.month:02d}"}.get(g) or d.isoformat()


def _cut(n: int, which: int) -> tuple[int, int]:
    """Offsets [a, b) of the first, middle or last third of n units (10 -> 4, 3, 3)."""
    k, r = divmod(n, 3)
    if k == 0:
        return 0, n
    sizes = (k + (r > 0), k + (r > 1), k)
    a = sum(sizes[:which])
    return a, a + sizes[which]


def _third(span: _Span, which: int) -> _Span:
    """'early 2026' -> 2026-01..2026-04; 'the late 2010s' -> 2017..2019; a month stays itself."""
    if span.g1 == "d":
        return span._replace(precision="vague")
    if span.precision == "decade":
        a, b = _cut(10, which)
        y = span.start.year
        return _Span("vague", dt.date(y + a, 1, 1), dt.date(y + b - 1, 12, 31), "y", "y")
    n = (span.end.year - span.start.year) * 12 + span.end.month - span.start.month + 1
    a, b = _cut(n, which)
    return _Span("vague", _add_months(span.start, a), _month_end(_add_months(span.start, b - 1)), "m", "m")


def _span(desc: Desc) -> _Span | None:
    """The absolute period an absolute descriptor names, or None if no such date exists."""
    kind, *args = desc
    if kind == "day":
        try:
            day = dt.date(*args)
        except ValueError:
            return None
        return _Span("day", day, day, "d", "d")
    if kind == "month":
        return _months("month", args[0], args[1], args[1]) if 1 <= args[1] <= 12 else None
    if kind in ("quarter", "half"):
        size = 3 if kind == "quarter" else 6
        return _months(kind, args[0], size * args[1] - size + 1, size * args[1])
    if kind in ("year", "decade"):
        y, last = args[0], args[0] + (9 if kind == "decade" else 0)
        return _Span(kind, dt.date(y, 1, 1), dt.date(last, 12, 31), "y", "y")
    if kind == "season":
        return _months("vague", args[0], *SEASONS[args[1]])
    if kind == "part":
        inner = _span(args[1])
        return inner and _third(inner, PARTS[args[0]])
    a, b = _span(args[0]), _span(args[1])  # range: the second end must come after the first
    if a and b and a.start < b.start and a.end < b.end:
        return _Span("range", a.start, b.end, a.g1, b.g2)
    return None


def _dates(span: _Span) -> dict:
    return {"date_start": _iso(span.start, span.g1), "date_end": _iso(span.end, span.g2)}


_DIRECTION = {-1: "last", 0: "this", 1: "next"}


def _cal_label(unit: str, delta: int, sub: tuple | None) -> str:
    base = f"{_DIRECTION[delta]} {unit}"
    if sub is None:
        return base
    kind, value = sub
    if kind == "part":
        return f"{value} {base}" if value in ("early", "mid", "late", "earlier", "later") else f"{value} of {base}"
    if kind == "month":
        return f"{MONTH_NAMES[value]} of {base}"
    return f"{'Q' if kind == 'quarter' else 'H'}{value} of {base}"


def _cal_span(unit: str, delta: int, sub: tuple | None, anchor: dt.date) -> _Span | None:
    """Whole calendar periods shifted from the anchor's: 'next quarter' in May -> Jul..Sep."""
    if unit == "year":
        base = _span(("year", anchor.year + delta))
    elif unit in ("quarter", "month"):
        size = 3 if unit == "quarter" else 1
        first = _add_months(dt.date(anchor.year, (anchor.month - 1) // size * size + 1, 1), size * delta)
        base = _months(unit, first.year, first.month, first.month + size - 1)
    else:  # ISO week, Monday to Sunday
        monday = anchor - dt.timedelta(days=anchor.weekday() - 7 * delta)
        base = _Span("day", monday, monday + dt.timedelta(days=6), "d", "d")
    if sub is None:
        return base
    kind, value = sub
    g = "d" if base.g1 == "d" else "m"
    if value == "earlier":
        return _Span("vague", base.start, anchor, g, g)
    if value == "later":
        return _Span("vague", anchor, base.end, g, g)
    return _third(base, PARTS[value]) if kind == "part" else _span((kind, base.start.year, value))


def _roll_label(mode: str, n: int | None, n2: int | None, unit: str) -> str:
    if n2 is not None:
        size = f"{n}-{n2} {unit}s"
        return {"ago": f"{size} ago", "past": f"the past {size}"}.get(mode, size)
    if n is None and mode in ("next", "past"):
        return f"the {mode} {unit}"
    size = f"{n or 1} {unit}{'s' if (n or 1) != 1 else ''}"
    return {"within": f"within {size}", "next": f"the next {size}", "past": f"the past {size}",
            "in": f"in {size}", "ago": f"{size} ago"}[mode]


def _realise_roll(mode: str, n: int | None, n2: int | None, unit: str, anchor: dt.date | None) -> dict:
    """Rolling windows from the anchor: 'within 6 months' -> months (0, 6)."""
    base, k = UNITS[unit]
    count = 1 if n is None else n
    lo, hi = {"within": (0, count), "next": (0, count), "past": (-count, 0), "in": (count, count),
              "ago": (-count, -count)}[mode]
    if n2 is not None:
        lo, hi = (-n2, -n) if mode in ("past", "ago") else (n, n2)
    lo, hi = lo * k, hi * k
    months = (lo, hi) if base == "month" else (round(lo / 30.4375), round(hi / 30.4375))
    out = {"precision": "relative", "date_start": None, "date_end": None,
           "relative": _roll_label(mode, n, n2, unit), "offset_months": months}
    if anchor is not None:
        if base == "month":
            a, b, g = _add_months(anchor, lo), _add_months(anchor, hi), "m"
        else:
            a, b, g = anchor + dt.timedelta(days=lo), anchor + dt.timedelta(days=hi), "d"
        out.update(date_start=_iso(a, g), date_end=_iso(b, g))
    return out


def realise(desc: Desc, anchor: dt.date | None) -> dict | None:
    """TemporalExpression fields (all but the span) for a descriptor; None if it is invalid."""
    kind = desc[0]
    if kind == "bound":
        inner = realise(desc[2], anchor)
        return inner and {**inner, "relation": desc[1]}
    if kind == "vague":
        return {"precision": "vague", "date_start": None, "date_end": None, "relative": desc[1]}
    if kind == "roll":
        return _realise_roll(*desc[1:], anchor)
    if kind == "cal":
        out = {"precision": "relative", "date_start": None, "date_end": None, "relative": _cal_label(*desc[1:])}
        span = _cal_span(*desc[1:], anchor) if anchor else None
        return {**out, **_dates(span)} if span else out
    span = _span(desc)
    return span and {"precision": span.precision, **_dates(span)}
