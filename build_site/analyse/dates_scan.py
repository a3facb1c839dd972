"""Where dates can be, found cheaply, so that the rules search only a few percent of the text.

Searching all of every text with 31 regexes cost about 2.4 µs per character, yet most
paragraphs hold no date. Every match of a rule holds a *trigger*:

* ``y``: the digits of a year: a run of two or more digits that holds 19xx/20xx or follows a
  quote ('24) or q/h/fy/fiscal/year (Q4 '24, 1Q24, FY25); every point in time has one;
* ``u``: a unit (day, week, month, quarter, year, decade) or a word only a vague phrase
  holds ("soon", "in the long term"); every relative or vague rule has one;
* ``z``: one of ``dates_zh.TRIGGERS`` (年月周天季期近久); every Chinese rule has one.

Left of its first trigger an English match holds only digits, separators and words its rule
spells out (:func:`dates_en.spelled_words`), and so does it right of its last, for at most
``_TAIL`` characters. Walking over those from each trigger finds the *window* a match
through that trigger must lie in (overlapping windows merge). A Chinese match is at most
``ZH_REACH`` characters long, which bounds its windows. Each rule searches only the windows
holding a trigger it needs and the marks it wants (``dates_en.MARKS``: words it is made of).

Searching a window with ``re``'s pos/endpos yields exactly what searching the whole text
yields there: lookbehinds still see the text before pos, and every match that could read
the text past endpos, or past what a lookahead sees, would have lengthened the window.
Tests compare both on many thousands of generated sentences.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from . import dates_zh
from .dates_en import DATA, MARKS, RULES, UNIT_TRIGGERS, Rule, ignore_case, spelled_words

_TAIL = 28  # longest run after a match's last trigger: "2024-05-06 and earlier", 4-space gaps
_LOOK = 2  # longest lookahead past a match's end
_REACH = 200  # no English match is longer (tests check), so no walk needs to go further
ZH_REACH = 64  # no Chinese match is longer, with its lookarounds (tests check)

# (rank, rule): the rank orders equally long matches at one place (the earlier rule wins).
EN_RULES: tuple[tuple[int, Rule], ...] = tuple(enumerate(RULES))
ZH_RULES: tuple[tuple[int, Rule], ...] = tuple((len(RULES) + i, Rule(rx, handler, frozenset("z")))
                                               for i, (rx, handler) in enumerate(dates_zh.build_rules(DATA["zh"])))
_RULE_SETS = {"en": EN_RULES, "zh": ZH_RULES}
_EVERYTHING = frozenset({"y", "yy", "u", *MARKS})

_RUN = re.compile(r"\d\d+")  # not \d{2,}: a leading \d lets the regex engine skip to digits fast
_YEAR_CUE = re.compile(r"(?:['’]|[qhylr]\s{0,4})\Z")  # the end of ', q, h, fy, fiscal or year
_SPELLED = sorted(spelled_words(), key=len, reverse=True)
_SEPARATOR = r"[\s\-–—,./'’]"
# Walks over separators, digits and whole spelled words: backwards (over the reversed text)
# to where a match may start, forwards to where it may end. Each token reads one way only,
# so possessive repeats lose nothing. The forward walk also takes the letters it stops at:
# a rule may read a shorter word there ("2024 onwardsy" holds "2024 onwards").
_HEAD_WALK = re.compile(rf"(?:{_SEPARATOR}|\d|(?:{'|'.join(w[::-1] for w in _SPELLED)})(?![a-z]))*+")
_TAIL_WALK = re.compile(rf"(?:{_SEPARATOR}|\d|(?:{'|'.join(_SPELLED)})(?![a-z]))*+[a-z]*")

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}  # full width -> ASCII
_FULL_WIDTH = re.compile("[\u3000\uff01-\uff5e]")
_IRREGULAR_CASE = re.compile("[\u0130\u0131\u017f]")  # İ ı ſ: re.IGNORECASE is not str.lower there
_ZH_TRIGGER = re.compile(f"[{dates_zh.TRIGGERS}]")
_UNUSUAL = re.compile(f"[\u3000\uff01-\uff5e\u0130\u0131\u017f{dates_zh.TRIGGERS}]")  # any of the three


class Found(NamedTuple):
    """What one text holds: its full-width folded form, every rule match in it as (rule rank,
    rule, match) in no particular order, and the digit runs where a bare year may be."""

    text: str
    matches: list[tuple[int, Rule, re.Match]]
    year_runs: list[tuple[int, int]]


def find(text: str, everywhere: bool = False) -> Found:
    """Fold full-width forms, find the windows, and run the rules over them.

    English rules search a lower-cased copy (same offsets); text with İ ı ſ, where that copy
    would differ from ignore-case matching, is searched whole with ignore-case rules instead.
    everywhere: search all of the text with every rule, the reference the windows must match."""
    unusual = not text.isascii() and _UNUSUAL.search(text)
    if unusual and _FULL_WIDTH.search(text, unusual.start()):
        text = text.translate(_FOLD)
    irregular = unusual and _IRREGULAR_CASE.search(text, unusual.start())
    searched = text if irregular else text.lower()  # what the English rules search
    years, year_runs = _year_triggers(searched)
    if irregular or everywhere:
        matches = _search("en-ignore-case" if irregular else "en", [(0, len(text), _EVERYTHING)], searched)
    else:
        triggers = years + _unit_triggers(searched)
        matches = _search("en", _english_windows(searched, triggers), searched) if triggers else []
    if everywhere and not text.isascii():
        matches += _search("zh", [(0, len(text), frozenset("z"))], text)
    elif unusual and _ZH_TRIGGER.search(text, unusual.start()):
        matches += _search("zh", _chinese_windows(text), text)
    return Found(text, matches, year_runs)


def _year_triggers(low: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """(start, end, 'y') of every year trigger, and the digit runs that may hold 19xx/20xx."""
    triggers, year_runs = [], []
    for m in _RUN.finditer(low):
        s, e = m.span()
        if e - s >= 4 and ("19" in m[0] or "20" in m[0]):
            year_runs.append((s, e))
            triggers.append((s, e, "y"))
        elif _YEAR_CUE.search(low, max(0, s - 5), s):
            triggers.append((s, e, "y"))
    return triggers, year_runs


def _unit_triggers(low: str) -> list[tuple[int, int, str]]:
    """(start, end, 'u') of every unit trigger, inside words too (a superset does no harm)."""
    triggers = []
    for word in UNIT_TRIGGERS:  # str.find per word beats one regex alternation here
        i = low.find(word)
        while i >= 0:
            triggers.append((i, i + len(word), "u"))
            i = low.find(word, i + 1)
    return triggers


def _english_windows(low: str, triggers: list[tuple[int, int, str]]) -> list[tuple[int, int, frozenset[str]]]:
    """Merged windows (start, end, kinds) around the triggers; see the module docstring.
    Kinds: 'y', 'u', 'yy' for two year triggers (a range of two points needs both), and
    the names of the dates_en.MARKS found in the window."""
    n, rev, windows = len(low), low[::-1], []
    for s, e, kind in sorted(triggers):
        last = windows[-1] if windows else [0, 0, set()]
        start = s
        if s > last[1]:  # walk back, at most into the last window (merging): stop at its start,
            floor = max(last[0], s - _REACH)  # not its end, which could cut a word in two
            start = s - (_HEAD_WALK.match(rev, n - s, n - floor).end() - (n - s))
        end = min(n, _TAIL_WALK.match(low, e, e + _TAIL).end() + _LOOK)
        if windows and start <= last[1]:
            last[1] = max(last[1], end)
            last[2].add("yy" if kind == "y" and "y" in last[2] else kind)
        else:
            windows.append([start, end, {kind}])
    return [(start, end, frozenset(kinds).union(name for name in _wanted(frozenset(kinds))
                                                if MARKS[name].search(low, start, end)))
            for start, end, kinds in windows]


@functools.cache
def _wanted(triggers: frozenset[str]) -> frozenset[str]:
    """The marks wanted by the rules that windows with these triggers need: the ones to look for."""
    return frozenset().union(*(rule.wants for rule in RULES if not rule.needs.isdisjoint(triggers)))


def _chinese_windows(text: str) -> list[tuple[int, int, frozenset[str]]]:
    windows: list[list] = []
    for m in _ZH_TRIGGER.finditer(text):
        start, end = max(0, m.start() - ZH_REACH), min(len(text), m.end() + ZH_REACH)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return [(start, end, frozenset("z")) for start, end in windows]


def _search(rule_set: str, windows: list[tuple[int, int, frozenset[str]]],
            text: str) -> list[tuple[int, Rule, re.Match]]:
    """Every rule over every window whose kinds include a trigger it needs and the marks it wants."""
    found: list[tuple[int, Rule, re.Match]] = []
    for start, end, kinds in windows:
        for rank, rule in _chosen(rule_set, kinds):
            for m in rule.regex.finditer(text, start, end):
                found.append((rank, rule, m))
    return found


@functools.cache
def _chosen(rule_set: str, kinds: frozenset[str]) -> tuple[tuple[int, Rule], ...]:
    """The (rank, rule) pairs of a rule set ('en', 'en-ignore-case' or 'zh') that windows of
    these kinds need to run. Keyed by name: hashing compiled patterns is slow."""
    if rule_set == "en-ignore-case":
        return tuple((rank, ignore_case(rule)) for rank, rule in _chosen("en", kinds))
    return tuple((rank, rule) for rank, rule in _RULE_SETS[rule_set]
                 if not rule.needs.isdisjoint(kinds) and rule.wants <= kinds)
