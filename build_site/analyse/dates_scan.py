"""Where dates can be, found cheaply, so that the rules search only a few percent of the text.

Searching every character with 31 regexes cost about 2.4 µs per character, yet most
paragraphs hold no date. Every match of a rule contains a *trigger*:

* ``y``: digits of a year: a run of two or more digits that holds 19xx/20xx or follows a
  quote ('24) or q/h/fy/fiscal/year (Q4 '24, 1Q24, FY25): every point in time has one;
* ``u``: a unit (day, week, month, quarter, year, decade) or the last word of a vague phrase
  ("soon", "in the long term"): every relative or vague rule has one;
* ``z``: one of 年月周天季期近久 for the Chinese rules (see ``dates_zh.TRIGGERS``).

An English match ends at most ``_RIGHT`` characters (lookahead included) after its last
trigger, and left of its first trigger holds only digits, separators and words its rule
spells out (:func:`dates_en.spelled_words`); so walking left from a trigger over those
finds every place a match through it may start. A Chinese match is at most ``ZH_REACH``
characters long. Each rule then searches only the windows from a walk's start to ``_RIGHT``
past its trigger, merged where they overlap, and only windows holding a trigger it needs.
``re``'s pos/endpos keep this exact: lookbehinds still see the text before pos, and no
match or lookahead comes near endpos, so a window yields what the whole text yields there.
"""
from __future__ import annotations

import re
from typing import Iterator

from . import dates_zh
from .dates_en import DATA, RULES, UNIT_TRIGGERS, Rule, ignore_case, spelled_words

_TAIL = 28  # no English match goes further past its last trigger: "2024-05-06 and earlier"
_LOOK = 2  # and no lookahead further past a match
_REACH = 200  # no English match is longer (tests/test_dates.py checks), so no walk goes further
ZH_REACH = 64  # no Chinese match is longer, lookaheads included

EN_RULES: list[tuple[int, Rule]] = list(enumerate(RULES))
ZH_RULES: list[tuple[int, Rule]] = [(len(RULES) + i, Rule(rx, handler, frozenset("z")))
                                    for i, (rx, handler) in enumerate(dates_zh.build_rules(DATA["zh"]))]

_RUN = re.compile(r"\d\d+")  # written so: a leading \d lets the regex engine skip to digits fast
_YEAR_CUE = re.compile(r"(?:['’]|[qhylr]\s{0,4})\Z")  # ends of ', q, h, fy, fiscal, year
_SPELLED = sorted(spelled_words(), key=len, reverse=True)
_SEPARATOR = r"[\s\-–—,./'’]"
# Walks: separators, digits and whole spelled words, forwards (the tail) and over the reversed
# text (the head). Each token can be read one way only, so possessive repeats lose nothing.
_TAIL_WALK = re.compile(rf"(?:{_SEPARATOR}|\d|(?:{'|'.join(_SPELLED)})(?![a-z]))*+")
_HEAD_WALK = re.compile(rf"(?:{_SEPARATOR}|\d|(?:{'|'.join(w[::-1] for w in _SPELLED)})(?![a-z]))*+")
_LETTERS = re.compile("[a-z]*")
_ZH_TRIGGER = re.compile(f"[{dates_zh.TRIGGERS}]")
_IRREGULAR_CASE = re.compile("[\u0130\u0131\u017f]")  # İ ı ſ: re.IGNORECASE is not str.lower there


def _triggers(low: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every y and u trigger, in no particular order."""
    found = []
    for m in _RUN.finditer(low):
        s, e = m.span()
        if (e - s >= 4 and ("19" in m[0] or "20" in m[0])) or _YEAR_CUE.search(low, max(0, s - 5), s):
            found.append((s, e, "y"))
    for word in UNIT_TRIGGERS:
        i = low.find(word)
        while i >= 0:
            found.append((i, i + len(word), "u"))
            i = low.find(word, i + 1)
    return found


def _head(low: str, rev: str, s: int, floor: int) -> int:
    """Where a match holding the trigger that starts at s may start, looking no further than floor."""
    n = len(low)
    return s - (_HEAD_WALK.match(rev, n - s, n - floor).end() - (n - s))


def _tail(low: str, e: int) -> int:
    """Where searching must stop for matches whose last trigger ends at e. The tail walk stops
    at a character no rule consumes, or at letters that are no spelled word: a rule may still
    read a shorter word there ("2024 onwardsy"), so the window keeps those letters and the
    characters its lookahead sees after them."""
    stop = _TAIL_WALK.match(low, e, e + _TAIL).end()
    stop = _LETTERS.match(low, stop, e + _TAIL).end()
    return min(len(low), stop + _LOOK)


def _english_windows(low: str) -> list[list]:
    """Merged [start, end, kinds] windows around the triggers; see the module docstring.
    Kinds: 'y', 'u', and 'yy' for two year triggers (a range of two points needs both)."""
    rev, windows = low[::-1], []
    for s, e, kind in sorted(_triggers(low)):
        last = windows[-1] if windows else [0, 0, set()]
        # walking into the last window merges; stop at its start, not its end, which could
        # cut a word that a match through this trigger holds
        start = s if s <= last[1] else _head(low, rev, s, max(last[0], s - _REACH))
        if windows and start <= last[1]:
            last[1] = max(last[1], _tail(low, e))
            last[2].add("yy" if kind == "y" and "y" in last[2] else kind)
        else:
            windows.append([start, _tail(low, e), {kind}])
    return windows


def _chinese_windows(text: str) -> list[list]:
    windows: list[list] = []
    for m in _ZH_TRIGGER.finditer(text):
        start, end = max(0, m.start() - ZH_REACH), min(len(text), m.end() + ZH_REACH)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end, {"z"}])
    return windows


def matches(text: str) -> Iterator[tuple[int, Rule, re.Match]]:
    """(rule rank, rule, match) for every match of every rule in text (full-width folded).

    English rules search a lower-cased copy (same offsets); text with İ ı ſ, where that copy
    would differ from ignore-case matching, is searched whole with ignore-case rules instead."""
    plain = text.isascii()
    if plain or not _IRREGULAR_CASE.search(text):
        yield from _search(EN_RULES, _english_windows(low := text.lower()), low)
    else:
        everything = [[0, len(text), {"y", "yy", "u"}]]
        yield from _search([(rank, ignore_case(rule)) for rank, rule in EN_RULES], everything, text)
    if not plain:
        yield from _search(ZH_RULES, _chinese_windows(text), text)


def _search(rules: list[tuple[int, Rule]], windows: list[list], text: str) -> Iterator[tuple[int, Rule, re.Match]]:
    chosen: dict[frozenset, list[tuple[int, Rule]]] = {}
    for start, end, kinds in windows:
        key = frozenset(kinds)
        if key not in chosen:
            chosen[key] = [(rank, rule) for rank, rule in rules if not rule.needs.isdisjoint(kinds)]
        for rank, rule in chosen[key]:
            for m in rule.regex.finditer(text, start, end):
                yield rank, rule, m
