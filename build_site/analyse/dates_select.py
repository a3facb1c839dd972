"""Which candidates become expressions: longest first without overlaps, then bare years.

Rules over-generate on purpose (several rules match "by the end of 2025" in part); the
longest non-overlapping candidates win. A bare four-digit year is only a date with evidence
(a cue word, a clause position, a list of dates, a parenthesis ...) and never before a
counted noun ("2048 GPUs"): precision over recall.
"""
from __future__ import annotations

import bisect
import re

from .dates_en import DATA, DETERMINERS, END, PREV_WORD, START, Desc


class Kept:
    """Non-overlapping spans in text order (insertion is linear: fine for one document)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.items: list[tuple[int, int, Desc]] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, start)
        return (i == 0 or self.items[i - 1][1] <= start) and (i == len(self.items) or self.items[i][0] >= end)

    def add(self, start: int, end: int, desc: Desc) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.items.insert(i, (start, end, desc))


def choose(candidates: list[tuple[int, int, int, Desc]]) -> Kept:
    """Longest candidates first (ties: earlier start, then rule rank), skipping overlaps."""
    kept = Kept()
    for start, end, _, desc in sorted(candidates, key=lambda c: (c[0] - c[1], c[0], c[2])):
        if kept.free(start, end):
            kept.add(start, end, desc)
    return kept


def _words(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in DATA[key])


_STRONG_CUES, _WEAK_CUES, _CLAUSE_VERBS = _words("year_cues_strong"), _words("year_cues_weak"), _words("clause_verbs")
_COUNT_NOUNS, _NOT_PLURAL = _words("count_nouns"), _words("not_plural")
# After a number: a unit symbol, a second number ("2000 to 3000", "2000 and 3000", but not the
# "23" of "in 2023 and 23% in 2024"), or a word to look up.
_AFTER_NUMBER = re.compile(r"\s{0,3}(?:(?P<sym>[%‰×+])|(?:-|–|—|to)\s{0,3}(?P<other>\d{1,6})(?!\d)"
                           r"|(?:and|or)\s{1,3}(?P<listed>\d{3,6})(?![\d%])|(?P<word>[A-Za-z]{1,20}))")
_YEARLIKE = re.compile(r"(?:19|20)\d\d")
# Where a year may start: one character consumed, so that overlapping places are all tried.
_YEAR_AT = re.compile(r"1(?=9\d\d)|2(?=0\d\d)")
_BARE_YEAR = re.compile(rf"{START}(?:19|20)\d\d{END}")
_CLAUSE_END = re.compile(r"\s{0,2}(?:[.,;:!?)\]—–\"”’]|\Z)")
_CAPITAL_NEXT = re.compile(r"\s{1,3}[A-Z]")
_LIST_GLUE = re.compile(r"(?:,\s{0,3}(?:(?:and|or)\s{1,3})?|\s{1,3}(?:and|or|&)\s{1,3})\Z", re.I)
_CLAUSE_START = re.compile(r"(?:\A|\n|[.!?;:]\s)[\s>*#\-\"“(]{0,6}\Z")
_NEXT_TOKEN = re.compile(r"[ \t]{0,3}([,:\n]|[A-Za-z]{1,20}|\Z)")


def ends_in_bare_year(desc: Desc) -> bool:
    return desc[0] == "year" or desc[0] in ("range", "bound") and ends_in_bare_year(desc[2])


def count_follows(text: str, end: int, plural: bool = False) -> bool:
    """The number ending at `end` counts something: '2048 GPUs', '2000 to 3000', '15%'."""
    m = _AFTER_NUMBER.match(text, end)
    if not m:
        return False
    if m["sym"] or m["other"] or m["listed"]:
        return bool(m["sym"]) or not _YEARLIKE.fullmatch(m["other"] or m["listed"])
    word = m["word"]
    if word.lower() in _COUNT_NOUNS:
        return True
    return plural and word.islower() and word.endswith("s") and len(word) > 3 and word not in _NOT_PLURAL


def _is_year(text: str, s: int, e: int, ends: set[int]) -> bool:
    """Evidence that a bare 19xx/20xx number is a year; precision matters more than recall."""
    if count_follows(text, e, plural=True):
        return False
    prev = PREV_WORD.search(text, max(0, s - 24), s)
    word = prev[1].lower() if prev else ""
    if word in _STRONG_CUES or text.startswith(("'s", "’s"), e):
        return True
    if word in _WEAK_CUES and _CLAUSE_END.match(text, e):
        return True
    if (word in DETERMINERS or word.endswith(("'s", "’s"))) and _CAPITAL_NEXT.match(text, e):
        return True  # "the 2022 World Cup", "Gartner's 2023 Hype Cycle"
    if text[s - 1:s] == "(" and text[e:e + 1] == ")":
        return True
    glue = _LIST_GLUE.search(text, max(0, s - 8), s)
    if glue and glue.start() in ends:  # "in 2019, 2020 and 2021"
        return True
    token = _NEXT_TOKEN.match(text, e)
    # "2024 was a big year", "- 2024: launch", "## 2023": a year opening a clause or line
    return bool(_CLAUSE_START.search(text, max(0, s - 8), s) and token
                and (token[1] in (",", ":", "\n", "") or token[1].lower() in _CLAUSE_VERBS))


def add_bare_years(text: str, kept: Kept, runs: list[tuple[int, int]]) -> None:
    """Add the free bare years that have evidence, in text order (a listed year is evidence
    for the next one). runs: the digit runs holding 19xx or 20xx, where all bare years are.
    Two bare-year matches cannot overlap (a match ends before any ASCII digit), so trying
    every place that starts 19xx or 20xx finds what one scan of the text would."""
    ends = {end for _, end, _ in kept.items}
    for start, stop in runs:
        for at in _YEAR_AT.finditer(text, start, stop):
            m = _BARE_YEAR.match(text, at.start())
            if m is None:
                continue
            s, e = m.span()
            if kept.free(s, e) and _is_year(text, s, e, ends):
                kept.add(s, e, ("year", int(m.group())))
                ends.add(e)
