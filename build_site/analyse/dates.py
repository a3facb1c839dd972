"""Temporal expressions in English and Chinese text, normalised to ISO-8601 partial dates.

A timeline needs to know *when* a sentence is about, so every expression is returned with its
exact span and a normalised range. Pipeline, all regexes compiled once at import from small
pieces and the vocabulary in ``build_site/data/dates.yml``:

1. Full-width digits and letters are folded to ASCII (one character each, offsets unchanged).
2. A cheap scan finds the few windows that can hold a date (``dates_scan``); each rule
   (``dates_en``, ``dates_zh``) searches those and parses its matches into *descriptors*.
3. The longest non-overlapping candidates win (ties: earlier start, then rule order).
4. Bare four-digit years are added only with evidence (a cue word, clause position, a list
   of dates, a parenthesis ...), never after a counted noun ("2048 GPUs"); precision over recall
   (``dates_select``).
5. Descriptors are realised (``dates_calendar``): absolute ones always, relative ones only
   against ``anchor``.

The publication date of a whole document is :func:`find_publication_date` (``dates_published``).

Descriptors: ``('day', y, m, d)`` ``('month', y, m)`` ``('quarter', y, q)`` ``('half', y, h)``
``('year', y)`` ``('season', y, name)`` ``('decade', y)`` ``('part', word, inner)``
``('range', a, b)`` ``('bound', relation, inner)`` ``('cal', unit, delta, sub)`` (calendar-relative:
"next year", sub e.g. ``('half', 1)``) ``('roll', mode, n, n2, unit)`` (rolling: "within 6 months")
``('vague', label)``.

Conventions:
* Fiscal years (``FY2025``, ``fiscal 2025``) are precision ``year``: fiscal calendars vary.
* ``early/mid/late`` and ``the start/middle/end of`` take the first/middle/last third of the
  period: a year -> months 01-04 / 05-08 / 09-12, a decade -> 2020-2023 / 2024-2026 / 2027-2029,
  a quarter -> one month; precision ``vague``. Seasons are meteorological, northern hemisphere
  (winter 2025 = 2025-12..2026-02), precision ``vague``.
* ``the end of 2025`` is read like ``late 2025`` (and 年初/年中/年底 like early/mid/late), also
  inside bounds: ``by the end of 2025`` -> vague 2025-09..2025-12, relation ``by``.
* Decades: precision ``decade``, years ``1990``..``1999``; two-digit decades (``'20s``, ``20年代``)
  read 00-20 as 2000s and 30-90 as 1900s. Two-digit years (``Q4 '24``, ``FY25``): 00-49 -> 20xx.
* Bounds keep the inner date's precision and dates and add ``relation``: by/until/through/no
  later than -> ``by``; since/from/starting -> ``since``; before/prior to -> ``before``; after -> ``after``.
* Ranges: precision ``range``, ``date_start`` from the first end, ``date_end`` from the second.
* Relative: calendar units shift whole calendar periods (next year -> anchor year + 1); rolling
  windows count months from the anchor (``offset_months``); weeks and days are anchored to the
  day and rounded to months in ``offset_months``. "The next decade" is a rolling ten years.
  Phrases without a size ("recently", "in the coming months") are precision ``vague``.
* ``YYYY-MM`` is a month only when MM <= YY (``2024-05``); otherwise ``2010-11`` is a range.
  All-numeric day dates other than ISO (``3/4/2024``) are skipped: day and month order is unknown.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from . import dates_scan
from .dates_calendar import realise
from .dates_en import Desc
from .dates_published import find_publication_date
from .dates_select import add_bare_years, choose, count_follows, ends_in_bare_year

__all__ = ["TemporalExpression", "find_publication_date", "find_temporal_expressions"]


@dataclass(frozen=True)
class TemporalExpression:
    """One expression as written, and the period it names (see the module conventions)."""

    start: int  # character offset into the input text
    end: int  # exclusive
    text: str  # text[start:end]
    precision: str  # day, month, quarter, half, year, decade, range, relative or vague
    date_start: str | None  # ISO-8601 partial date ('2019', '2019-02', '2019-02-14'); None if unanchored
    date_end: str | None
    relation: str | None = None  # bounds: 'by', 'since', 'before' or 'after'
    relative: str | None = None  # normalised English description: 'within 6 months', 'next year'
    offset_months: tuple[int, int] | None = None  # rolling windows: months from the anchor


@functools.lru_cache(maxsize=1 << 14)
def _fields(desc: Desc, anchor: dt.date | None) -> dict | None:
    """realise(), remembered: the same years and quarters recur in every document. The
    dicts are shared, so they are only ever read."""
    return realise(desc, anchor)


def _candidates(found: dates_scan.Found) -> list[tuple[int, int, int, Desc]]:
    """(start, end, rule rank, descriptor) for every valid match of every rule."""
    text, candidates = found.text, []
    for rank, rule, m in found.matches:
        desc = rule.handler(m, text)
        if desc is None or _fields(desc, None) is None:
            continue
        if not (ends_in_bare_year(desc) and count_follows(text, m.end())):
            candidates.append((m.start(), m.end(), rank, desc))
    return candidates


def find_temporal_expressions(text: str, *, anchor: dt.date | None = None) -> tuple[TemporalExpression, ...]:
    """All temporal expressions in text, sorted by start, non-overlapping (longest match wins).

    Relative expressions are anchored (date_start/date_end filled, precision stays 'relative')
    only when anchor is given; otherwise their dates are None. Never uses today's date."""
    found = dates_scan.find(text)
    if not found.matches and not found.year_runs:
        return ()  # most paragraphs: no rule matched and no bare year is possible
    kept = choose(_candidates(found))
    add_bare_years(found.text, kept, found.year_runs)
    return tuple(TemporalExpression(s, e, text[s:e], **_fields(desc, anchor)) for s, e, desc in kept.items)
