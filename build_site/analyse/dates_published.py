"""The publication date a document states about itself (front matter, labels, datelines, bylines).

A timeline must not mistake a date the article *mentions* for the day it was *published*, so
only explicit statements near the edges count, ranked from most to least explicit; dates
in the body are never used. Day dates are found with :func:`dates.find_temporal_expressions`.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from .dates import TemporalExpression

_HEAD_LINES, _TAIL_LINES, _FRONT_MATTER_MAX = 15, 5, 60
_FRONT_KEY = re.compile(r"\s{0,4}(?:date|published|published_at|publish_date|publishdate|pubdate|"
                        r"date_published|datepublished|created|created_at)\s{0,2}:\s{0,4}(?P<v>\S.{0,80})", re.I)
_MARKUP = r"[\s>*_#|\-]{0,8}"
_LABEL = re.compile(rf"{_MARKUP}(?P<k>published|posted|publication\s{{1,3}}date|date|updated|last\s{{1,3}}updated|"
                    r"发布时间|发布日期|发布于|发表于|更新时间|更新于|日期)(?![A-Za-z])[*_]{0,3}\s{0,3}[:：]?[*_\s]{0,4}", re.I)
_BYLINE = re.compile(rf"{_MARKUP}(?:by|written\s{{1,3}}by|作者|记者)(?![A-Za-z])[:：]?\s{{0,3}}", re.I)
# Between a label and its date: only names, 'on'/'at'/'by' and separators ("by Jane Doe on").
_GAP = re.compile(r"(?:(?:(?:on|at|by|and|[A-Z][\w.'’-]{0,20})(?![\w.'’-])|[\u4e00-\u9fff]{1,8}(?![\u4e00-\u9fff])"
                  r"|[|,·•—–/\-\"'“”(\[])\s{0,3}){0,8}")  # each piece a whole word: one way to split
_DATELINE_HEAD = re.compile(r"[\s*_]{0,4}(?:(?:[A-Z][\w.'’-]{0,30}(?![\w.'’-])\s{0,2}){1,4},\s{1,3}"
                            r"|[\u4e00-\u9fff]{0,16})?\Z")
_DATELINE_TAIL = re.compile(r"\s{0,3}(?:\([^()\n]{1,40}\)\s{0,3})?(?:[-—–:]|电)")
_NAME = re.compile(r"[A-Z][\w.'’-]|[\u4e00-\u9fff]")  # a capitalised word or a Chinese name
_ISO_PREFIX = re.compile(r"\s{0,3}[\"']?((?:19|20)\d\d)-(\d\d)-(\d\d)(?![\d-])")


def _day_dates(text: str) -> list[tuple[dt.date, TemporalExpression]]:
    """Full day dates (no range or bound) written in text, with their expressions."""
    from .dates import find_temporal_expressions  # dates imports this module: import on use

    return [(dt.date.fromisoformat(e.date_start), e) for e in find_temporal_expressions(text)
            if e.precision == "day" and e.relation is None]


def _stated_date(value: str, *, named: bool = False) -> dt.date | None:
    """The day a metadata value states: ISO first ('2024-03-03T10:00Z'), else a written date
    reached across names and separators only ('by Jane Doe on March 3, 2024', not 'research from').
    named: a name must come first (a byline: 'By Jane Doe, March 3, 2024', not the sentence
    'By March 3, 2024, the airline had cut 40 routes')."""
    m = None if named else _ISO_PREFIX.match(value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    days = _day_dates(value)
    gap = value[:days[0][1].start] if days else ""
    if named and not _NAME.search(gap):
        return None
    return days[0][0] if days and len(gap) <= 80 and _GAP.fullmatch(gap) else None


def _front_matter(lines: Sequence[str]) -> tuple[int, tuple[dt.date, int] | None]:
    """Index of the first line after YAML front matter, and the date the front matter states."""
    if not lines or lines[0].strip() != "---":
        return 0, None
    found = None
    for i in range(1, min(len(lines), _FRONT_MATTER_MAX)):
        if lines[i].strip() in ("---", "..."):
            return i + 1, found
        m = _FRONT_KEY.match(lines[i])
        if m and found is None and (day := _stated_date(m["v"])):
            found = (day, i)
    return 0, None  # no closing fence: not front matter


def _dateline(line: str) -> dt.date | None:
    """'SAN FRANCISCO, March 3, 2024 (Reuters) —' or '新华社北京2024年3月3日电'."""
    for day, e in _day_dates(line):
        if _DATELINE_HEAD.match(line[:e.start]) and _DATELINE_TAIL.match(line, e.end):
            return day
    return None


def _line_date(line: str, may_be_dateline: bool) -> tuple[int, dt.date] | None:
    """(rank, date) for a line that states a publication date; lower ranks are more explicit."""
    label = _LABEL.match(line)
    if label and (day := _stated_date(line[label.end():])):
        return (2 if re.search("updat|更新", label["k"], re.I) else 1), day
    if may_be_dateline and (day := _dateline(line)):
        return 3, day
    byline = _BYLINE.match(line)
    if byline and (day := _stated_date(line[byline.end():], named=True)):
        return 4, day
    bare = line.strip().strip("*_#>|-—– ")
    days = _day_dates(bare) if len(bare) < 40 else []
    if len(days) == 1 and days[0][1].text == bare:  # a line that is only a date
        return 5, days[0][0]
    return None


def is_metadata_line(line: str) -> bool:
    """A line that states the document's date ('Published: ...', 'By Jane Doe, March 3, 2024',
    a line holding only a date): a fact about the document, not about the world. A dateline
    is not one: it opens a paragraph of news."""
    return _line_date(line, may_be_dateline=False) is not None


def find_publication_date(lines: Sequence[str]) -> tuple[dt.date, int] | None:
    """The publication date a document states about itself, and the 0-based line it is on.

    Looks at YAML front matter (date/published), then 'Published:'/'Posted on'/'Date:' lines,
    'Updated' lines, a dateline opening the first paragraphs, a byline with a full date, and a
    line holding only a date -- in the first 15 and last 5 lines. Must be a full day date;
    dates mentioned in the body are never used, so None when the document states none."""
    body, found = _front_matter(lines)
    if found:
        return found
    head = range(body, min(len(lines), body + _HEAD_LINES))
    indices = sorted({*head, *range(max(body, len(lines) - _TAIL_LINES), len(lines))})
    openers = [i for i in head if lines[i].strip() and not lines[i].lstrip().startswith(("#", "!", "|", "---"))
               and (i == body or not lines[i - 1].strip())][:2]  # title and first paragraph
    best: tuple[int, int, dt.date] | None = None
    for i in indices:
        ranked = _line_date(lines[i], i in openers)
        if ranked and (best is None or ranked[0] < best[0]):
            best = (ranked[0], i, ranked[1])
    return (best[2], best[1]) if best else None
