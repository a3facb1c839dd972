"""Temporal expressions in English and Chinese text, normalised to ISO-8601 partial dates.

A timeline needs to know *when* a sentence is about, so every expression is returned with its
exact span and a normalised range. Pipeline, all regexes compiled once at import from small
pieces and the vocabulary in ``build_site/data/dates.yml``:

1. Full-width digits and letters are folded to ASCII (one character each, offsets unchanged).
2. Each rule finds candidates and parses them into a *descriptor* (grammar below).
3. The longest non-overlapping candidates win (ties: earlier start, then rule order).
4. Bare four-digit years are added only with evidence (a cue word, clause position, a list
   of dates, a parenthesis ...), never after a counted noun ("2048 GPUs"); precision over recall.
5. Descriptors are realised: absolute ones always, relative ones only against ``anchor``.

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

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, NamedTuple, Sequence

import yaml

from . import dates_zh

_DATA = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "dates.yml").read_text("utf-8"))


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


Desc = tuple
Handler = Callable[[re.Match, str], "Desc | None"]


def _alt(words: Iterable[str]) -> str:
    """Alternation of literal phrases, longest first so that no prefix shadows a longer word."""
    escaped = (re.escape(w).replace(r"\ ", r"\s{1,4}") for w in sorted(words, key=len, reverse=True))
    return "(?:" + "|".join(escaped) + ")"


def _unnamed(pattern: str) -> str:
    """The pattern with its named groups made anonymous, so it can be embedded twice."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _lower_set(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in _DATA[key])


# -- vocabulary --------------------------------------------------------------------------------
_MONTHS = {str(n).lower(): num for num, names in _DATA["months"].items() for n in names}
_MONTH_NAMES = {num: names[0] for num, names in _DATA["months"].items()}
_SEASONS, _ORDINALS, _PARTS = _DATA["seasons"], _DATA["ordinals"], _DATA["part_words"]
_NUMBERS = {**_DATA["number_words"], **_DATA["tens"], "a": 1, "an": 1}
_UNITS = {**{u: ("month", k) for u, k in _DATA["unit_months"].items()},
          **{u: ("day", k) for u, k in _DATA["unit_days"].items()}}
_BOUNDS, _BOUND_SUFFIXES, _VAGUE = _DATA["bounds"], _DATA["bound_suffixes"], _DATA["vague"]
_STRONG_CUES, _WEAK_CUES = _lower_set("year_cues_strong"), _lower_set("year_cues_weak")
_DETERMINERS, _CLAUSE_VERBS = _lower_set("year_determiners"), _lower_set("clause_verbs")
_COUNT_NOUNS, _NOT_PLURAL = _lower_set("count_nouns"), _lower_set("not_plural")
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}  # full width -> ASCII

# -- regex pieces ------------------------------------------------------------------------------
_WS, _OWS = r"\s{1,4}", r"\s{0,4}"
_START = r"(?<![A-Za-z0-9_$€£¥#@+/])(?<!\d[.,:-])(?<![A-Za-z]-)"
_END = r"(?![A-Za-z0-9_%‰])(?![-–/.:,]\d)"
_Y4 = r"(?:19|20)\d\d(?!\d)"
_YR = r"(?:(?:19|20)\d\d|['’]\d\d)(?!\d)"
_YY = r"(?:(?:19|20)\d\d|['’]?\d\d)(?!\d)"
_MON = _alt(_MONTHS) + r"\.?"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_DEC = r"(?:(?:19|20)\d0['’]?s|['’]\d0s)"
_ORD, _THE = _alt(_ORDINALS), rf"(?:the{_WS})?"
_OF = rf"(?:{_WS}of{_WS}|,?{_WS}|(?=['’]))"
_SEP = rf"(?P<sep>{_OWS}[-–—]{_OWS}|{_WS}(?:to|through|thru|until|till|and){_WS})"
_NUMW = rf"(?:\d{{1,3}}|{_alt(_DATA['tens'])}(?:-{_alt(_DATA['number_words'])})?|{_alt(_DATA['number_words'])})"
_N = rf"(?P<n>{_NUMW})(?:(?:{_OWS}[-–]{_OWS}|{_WS}to{_WS})(?P<n2>{_NUMW}))?"
_UNIT = r"(?P<u>days?|weeks?|months?|quarters?|years?|decades?)"


def _named(parts: dict[str, str]) -> str:
    return "|".join(rf"(?P<{k}>{p})" for k, p in parts.items())


_CORE = _named({
    "iso": rf"(?P<iso_y>{_Y4})[-/](?P<iso_m>\d\d?)[-/](?P<iso_d>\d\d?)(?!\d)",
    "mdy": rf"(?P<mdy_m>{_MON}){_WS}(?P<mdy_d>{_DAY}),?{_WS}(?P<mdy_y>{_Y4})",
    "dmy": rf"(?P<dmy_d>{_DAY}){_WS}(?:of{_WS})?(?P<dmy_m>{_MON}),?{_WS}(?P<dmy_y>{_Y4})",
    "my": rf"(?P<my_m>{_MON}),?{_WS}(?:of{_WS})?(?P<my_y>{_YR})",
    "ym": rf"(?P<ym_y>{_Y4})-(?P<ym_m>0[1-9]|1[0-2])(?!\d)",
    "q": rf"Q(?P<q_n>[1-4]){_OF}(?P<q_y>{_YR})",
    "nq": rf"(?P<nq_n>[1-4])Q{_OWS}(?P<nq_y>{_YY})",
    "qo": rf"{_THE}(?P<qo_n>{_ORD})[\s-]{{1,4}}quarter(?:{_WS}of)?{_WS}(?P<qo_y>{_YR})",
    "h": rf"H(?P<h_n>[12]){_OF}(?P<h_y>{_YR})",
    "nh": rf"(?P<nh_n>[12])H{_OWS}(?P<nh_y>{_YY})",
    "ho": rf"{_THE}(?P<ho_n>{_ORD})[\s-]{{1,4}}half(?:{_WS}of)?{_WS}(?P<ho_y>{_YR})",
    "fy": rf"(?:FY|fiscal(?:{_WS}year)?){_OWS}(?P<fy_y>{_YY})",
    "se": rf"{_THE}(?P<se_n>{_alt(_SEASONS)})(?:{_WS}of)?{_WS}(?P<se_y>{_YR})",
    "yr": rf"(?P<yr_y>{_Y4})",
})
_POINT = _CORE + "|" + _named({
    "pt": rf"(?P<pt_w>(?:early|mid|late|end|year[\s-]end)[\s-]{{1,4}}|{_THE}(?:start|beginning|middle|end|close)"
          rf"{_WS}of{_WS}(?:the{_WS})?)(?P<pt_i>{_unnamed(_CORE)})",
    "dp": rf"{_THE}(?P<dp_w>early|mid|late)[\s-]{{1,4}}(?P<dp_d>{_DEC})",
    "dc": rf"{_THE}(?P<dc_d>{_DEC})",
})
_REL = (rf"(?:(?P<rc_p>early|mid|late|earlier|later)[\s-]{{1,4}}"
        rf"|{_THE}(?P<rc_e>start|beginning|middle|end|close){_WS}of{_WS}"
        rf"|{_THE}(?P<rc_o>{_ORD})[\s-]{{1,4}}(?P<rc_ou>quarter|half){_WS}of{_WS})?"
        rf"(?P<rc_d>next|last|this|the){_WS}(?P<rc_u>year|quarter|month|week)")
_CORE_RX, _POINT_RX, _REL_RX = (re.compile(p, re.I) for p in (_CORE, _POINT, _REL))


# -- parsing matched text into descriptors ---------------------------------------------------
def _year(s: str) -> int:
    """'2024' -> 2024; two-digit years ('24, FY25) pivot at 50: 00-49 -> 20xx."""
    digits = s.strip("'’")
    n = int(digits)
    return n if len(digits) == 4 else (2000 + n if n < 50 else 1900 + n)


def _decade(s: str) -> int:
    """'1990s' -> 1990, "'90s" -> 1990, "'10s" -> 2010 (00-20 -> 2000s)."""
    digits = re.sub(r"\D", "", s)
    n = int(digits)
    return n if len(digits) == 4 else (2000 + n if n < 30 else 1900 + n)


def _ordinal(word: str, last: int) -> int | None:
    n = _ORDINALS[word.lower()]
    n = last if n == -1 else n
    return n if 1 <= n <= last else None


def _number(word: str) -> int:
    word = word.lower()
    if word.isdigit():
        return int(word)
    tens, _, ones = word.partition("-")
    return _NUMBERS[tens] + (_NUMBERS[ones] if ones else 0)


def _month(s: str) -> int:
    return _MONTHS[s.rstrip(".").lower()]


def _core_desc(g: dict) -> Desc | None:
    if g["iso"]:
        return ("day", int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
    if g["mdy"] or g["dmy"]:
        k = "mdy" if g["mdy"] else "dmy"
        return ("day", int(g[f"{k}_y"]), _month(g[f"{k}_m"]), int(re.sub(r"\D", "", g[f"{k}_d"])))
    if g["my"]:
        return ("month", _year(g["my_y"]), _month(g["my_m"]))
    if g["ym"]:
        y, m = int(g["ym_y"]), int(g["ym_m"])
        return ("month", y, m) if m <= y % 100 else None  # else a range such as 2010-11
    for kind, keys, last in (("quarter", ("q", "nq", "qo"), 4), ("half", ("h", "nh", "ho"), 2)):
        for k in keys:
            if g[k]:
                n = _ordinal(g[f"{k}_n"], last) if k.endswith("o") else int(g[f"{k}_n"])
                return (kind, _year(g[f"{k}_y"]), n) if n else None
    if g["fy"]:
        return ("year", _year(g["fy_y"]))
    if g["se"]:
        return ("season", _year(g["se_y"]), g["se_n"].lower())
    return ("year", int(g["yr_y"]))


def _point_desc(g: dict) -> Desc | None:
    if g["pt"]:
        inner = _core_desc(_CORE_RX.fullmatch(g["pt_i"]).groupdict())
        word = next(w for w in re.findall("[a-z]+", g["pt_w"].lower()) if w in _PARTS)
        return ("part", word, inner) if inner else None
    if g["dp"]:
        return ("part", g["dp_w"].lower(), ("decade", _decade(g["dp_d"])))
    if g["dc"]:
        return ("decade", _decade(g["dc_d"]))
    return _core_desc(g)


def _rel_desc(g: dict) -> Desc | None:
    direction, unit = g["rc_d"].lower(), g["rc_u"].lower()
    if direction == "the" and not (g["rc_e"] or g["rc_o"]):
        return None  # "the year" alone is not anchored to anything
    sub = None
    if g["rc_p"] or g["rc_e"]:
        sub = ("part", (g["rc_p"] or g["rc_e"]).lower())
    elif g["rc_o"]:
        kind = g["rc_ou"].lower()
        n = _ordinal(g["rc_o"], 4 if kind == "quarter" else 2)
        if n is None or unit != "year":
            return None
        sub = (kind, n)
    return ("cal", unit, {"next": 1, "last": -1}.get(direction, 0), sub)


def _inner_desc(s: str) -> Desc | None:
    m = _POINT_RX.fullmatch(s)
    if m:
        return _point_desc(m.groupdict())
    m = _REL_RX.fullmatch(s)
    return _rel_desc(m.groupdict()) if m else None


# -- rule handlers: (match, normalised text) -> descriptor or None -------------------------------
def _on_point(m: re.Match, text: str) -> Desc | None:
    g = m.groupdict()
    return None if g["yr"] else _point_desc(g)  # bare years need evidence: see _bare_years


def _on_rel(m: re.Match, text: str) -> Desc | None:
    if m["rc_d"].lower() == "last" and not m["rc_p"] and not m["rc_e"] and not m["rc_o"]:
        before = _PREV_WORD.search(text, max(0, m.start() - 20), m.start())
        if (before and before[1].lower() in _DETERMINERS) or _OF_NEXT.match(text, m.end()):
            return None  # "its last year", "the last year of the deal": final, not previous
    return _rel_desc(m.groupdict())


def _check_range(m: re.Match, a: Desc | None, b: Desc | None) -> Desc | None:
    """'between' pairs with 'and' or a dash; 'and' without 'between' is a list, not a range."""
    sep, lead = m["sep"].strip().lower(), (m["lead"] or "").lower()
    if (sep == "and" and lead != "between") or (lead == "between" and sep not in ("and", "-", "–", "—")):
        return None
    return ("range", a, b) if a and b else None


def _on_range(m: re.Match, text: str) -> Desc | None:
    """Two full dates: 'Q4 2024 - Q2 2025', 'from 2019 to 2022', 'between March 2023 and June 2024'."""
    return _check_range(m, _inner_desc(m["a"]), _inner_desc(m["b"]))


def _on_shared_year(m: re.Match, text: str) -> Desc | None:
    """March–May 2024, Q1-Q3 2024, March 3-5, 2024, 3–5 March 2024: one year for both ends."""
    y = _year(m["y"])
    if m["q1"]:
        return _check_range(m, ("quarter", y, int(m["q1"])), ("quarter", y, int(m["q2"])))
    m1 = _month(m["m1"])
    if m["d1"]:
        d1, d2 = (int(re.sub(r"\D", "", m[k])) for k in ("d1", "d2"))
        return ("range", ("day", y, m1, d1), ("day", y, _month(m["m2"]) if m["m2"] else m1, d2))
    return _check_range(m, ("month", y, m1), ("month", y, _month(m["m2"])))


def _on_short_range(m: re.Match, text: str) -> Desc | None:
    """2021-23, 2019/20: the second year abbreviated; must come after the first."""
    y1 = int(m["a"])
    y2 = y1 - y1 % 100 + int(m["b"])
    return ("range", ("year", y1), ("year", y2)) if y2 > y1 else None


def _on_bound(m: re.Match, text: str) -> Desc | None:
    """'by 2030', 'since last year' (relation word first) or '2026 onwards' (after)."""
    inner = _inner_desc(m["inner"])
    table = _BOUNDS if m["rel"] else _BOUND_SUFFIXES
    relation = table[re.sub(r"\s+", " ", (m["rel"] or m["suf"]).lower())]
    return ("bound", relation, inner) if inner else None


def _on_roll(mode: str) -> Handler:
    """Handler for rolling windows counted from the anchor: within, next, past, in, ago, span (N-M)."""

    def handler(m: re.Match, text: str) -> Desc | None:
        g = m.groupdict()
        word = g["u"].lower()
        unit = word.rstrip("s")
        n = _number(g["n"]) if g.get("n") else (1 if g.get("a") else None)
        n2 = _number(g["n2"]) if g.get("n2") else None
        if n2 is not None and n2 <= n or mode == "span" and n2 is None:
            return None
        if n is None and word.endswith("s"):  # "in the coming months": no size, vague
            return ("vague", f"in recent {word}" if mode == "past" else f"in the coming {word}")
        if n is None and (unit == "day" or mode == "within" and not g["nx"]):
            return None  # "the next day" is narrative; "within the year" means by its end
        if _OF_NEXT.match(text, m.end()) and (mode == "within" or g.get("lw", "").lower() == "last"):
            return None  # "within 6 months of launch" counts from an event, not the anchor
        aged = _AGE_NEXT.match(text, m.end()) or _AGE_BEFORE.search(text, max(0, m.start() - 8), m.start())
        if mode == "span" and aged:
            return None  # "aged 2-5 years", "3-5 years old": ages, not times
        return ("roll", "within" if mode == "span" else mode, n, n2, unit)
    return handler


def _on_few(m: re.Match, text: str) -> Desc | None:
    """'a few years ago', 'over the next several months': vague, past or future."""
    if m["ago"] or (m["dir"] or "").lower() in ("past", "last"):
        return ("vague", f"in recent {m['u'].lower()}")
    return ("vague", f"in the coming {m['u'].lower()}") if m["pre"] or m["dir"] else None


def _on_vague(m: re.Match, text: str) -> Desc | None:
    phrase = re.sub(r"\s+", " ", m.group().lower())
    if phrase == "soon" and (_AS_BEFORE.search(text, max(0, m.start() - 4), m.start())
                             or _AFTER_SOON.match(text, m.end())):
        return None  # "as soon as", "soon after the launch": not about the calendar
    if phrase in _VAGUE:
        return ("vague", _VAGUE[phrase])
    unit = phrase.split()[-2 if phrase.endswith(("ahead", "come")) else -1]
    return ("vague", f"in recent {unit}" if "recent" in phrase else f"in the coming {unit}")


_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z.'’]{0,20})\s{1,4}\Z")
_OF_NEXT = re.compile(r"\s{1,4}of\b", re.I)
_AGE_NEXT = re.compile(r"\s{1,4}(?:old|of\s{1,4}age)\b", re.I)
_AGE_BEFORE = re.compile(r"\bage[sd]?\s{1,4}\Z", re.I)
_AS_BEFORE = re.compile(r"\bas\s{1,3}\Z", re.I)
_AFTER_SOON = re.compile(r"\s{1,4}(?:as|after)\b", re.I)
_PLURAL = r"(?:days|weeks|months|years|decades)"
_PERIODS = rf"(?P<u>{_PLURAL})"
_PREP = r"(?:over|in|during|for|throughout)"


def _rule(pattern: str, handler: Handler) -> tuple[re.Pattern, Handler]:
    """An English rule: case-insensitive, and never starting or ending inside a word or number."""
    return re.compile(rf"{_START}(?:{pattern}){_END}", re.I), handler


_P, _R = _unnamed(_POINT), _unnamed(_REL)
_LEAD = rf"(?:(?P<lead>between|from){_WS})?"
# Between equally long matches at the same place, the earlier rule wins.
_RULES: list[tuple[re.Pattern, Handler]] = [
    _rule(rf"{_LEAD}(?P<a>{_P}){_SEP}(?P<b>{_P})", _on_range),
    _rule(rf"{_LEAD}(?P<m1>{_MON}){_SEP}(?P<m2>{_MON}),?{_WS}(?P<y>{_YR})(?P<q1>)(?P<d1>)", _on_shared_year),
    _rule(rf"{_LEAD}Q(?P<q1>[1-4]){_SEP}Q(?P<q2>[1-4])(?:{_WS}of)?{_WS}(?P<y>{_YR})", _on_shared_year),
    _rule(rf"(?P<m1>{_MON}){_WS}(?P<d1>{_DAY}){_OWS}[-–]{_OWS}(?:(?P<m2>{_MON}){_WS})?(?P<d2>{_DAY}),?"
          rf"{_WS}(?P<y>{_Y4})(?P<q1>)", _on_shared_year),
    _rule(rf"(?P<d1>{_DAY}){_OWS}[-–]{_OWS}(?P<d2>{_DAY}){_WS}(?P<m1>{_MON}),?{_WS}(?P<y>{_Y4})(?P<q1>)(?P<m2>)",
          _on_shared_year),
    _rule(rf"(?P<a>{_Y4})[-–/](?P<b>\d\d)", _on_short_range),
    _rule(rf"(?P<rel>{_alt(_BOUNDS)}){_WS}(?P<inner>{_P}|{_R})(?P<suf>)", _on_bound),
    _rule(rf"(?:from{_WS})?(?P<inner>{_P}){_WS}(?P<suf>{_alt(_BOUND_SUFFIXES)})(?P<rel>)", _on_bound),
    _rule(_POINT, _on_point),
    _rule(_REL, _on_rel),
    _rule(rf"within{_WS}(?:the{_WS})?(?:(?P<nx>next|coming){_WS})?(?:(?:{_N}|(?P<a>an?)){_WS})?{_UNIT}",
          _on_roll("within")),
    _rule(rf"(?:{_PREP}{_WS})?the{_WS}(?:next|coming){_WS}(?:{_N}{_WS})?{_UNIT}", _on_roll("next")),
    _rule(rf"(?:{_PREP}{_WS})?the{_WS}(?P<lw>past|last){_WS}(?:{_N}{_WS})?{_UNIT}", _on_roll("past")),
    _rule(rf"in{_WS}(?:{_N}|(?P<a>an?)(?={_WS}[a-z]{{3,6}}['’]s{_WS}time)){_WS}{_UNIT}(?:['’]s?{_WS}time)?",
          _on_roll("in")),
    _rule(rf"(?:{_N}|(?P<a>an?)){_WS}{_UNIT}{_WS}ago", _on_roll("ago")),
    _rule(rf"(?:{_N}|(?P<a>an?)){_WS}{_UNIT}{_WS}from{_WS}now", _on_roll("in")),
    _rule(rf"{_N}{_WS}{_UNIT}", _on_roll("span")),
    _rule(rf"(?:(?P<pre>within|in|over|during){_WS}(?:the{_WS}(?P<dir>next|coming|past|last){_WS})?)?"
          rf"(?:a{_WS})?(?:few|several|couple{_WS}of){_WS}{_PERIODS}(?P<ago>{_WS}ago)?", _on_few),
    _rule(rf"{_alt(_VAGUE)}|in{_WS}recent{_WS}{_PLURAL}|{_PREP}{_WS}the{_WS}{_PLURAL}{_WS}(?:ahead|to{_WS}come)",
          _on_vague),
]
_ZH_RULES = dates_zh.build_rules(_DATA["zh"])
_HAN = re.compile("[\u4e00-\u9fff]")  # Chinese rules are skipped for text without Han characters


# -- realisation: descriptor -> ISO dates ------------------------------------------------------
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
        return _months("vague", args[0], *_SEASONS[args[1]])
    if kind == "part":
        inner = _span(args[1])
        return inner and _third(inner, _PARTS[args[0]])
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
        return f"{_MONTH_NAMES[value]} of {base}"
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
    return _third(base, _PARTS[value]) if kind == "part" else _span((kind, base.start.year, value))


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
    base, k = _UNITS[unit]
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


def _realise(desc: Desc, anchor: dt.date | None) -> dict | None:
    """TemporalExpression fields (all but the span) for a descriptor; None if it is invalid."""
    kind = desc[0]
    if kind == "bound":
        inner = _realise(desc[2], anchor)
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


# -- choosing candidates and bare years ---------------------------------------------------------
class _Kept:
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


# After a number: a unit symbol, a second number ("2000 to 3000", "2000 and 3000", but not the
# "23" of "in 2023 and 23% in 2024"), or a word to look up.
_AFTER_NUMBER = re.compile(r"\s{0,3}(?:(?P<sym>[%‰×+])|(?:-|–|—|to)\s{0,3}(?P<other>\d{1,6})(?!\d)"
                           r"|(?:and|or)\s{1,3}(?P<listed>\d{3,6})(?![\d%])|(?P<word>[A-Za-z]{1,20}))")
_YEARLIKE = re.compile(r"(?:19|20)\d\d")
_BARE_YEAR = re.compile(rf"{_START}(?:19|20)\d\d{_END}")
_CLAUSE_END = re.compile(r"\s{0,2}(?:[.,;:!?)\]—–\"”’]|\Z)")
_CAPITAL_NEXT = re.compile(r"\s{1,3}[A-Z]")
_LIST_GLUE = re.compile(r"(?:,\s{0,3}(?:(?:and|or)\s{1,3})?|\s{1,3}(?:and|or|&)\s{1,3})\Z", re.I)
_CLAUSE_START = re.compile(r"(?:\A|\n|[.!?;:]\s)[\s>*#\-\"“(]{0,6}\Z")
_NEXT_TOKEN = re.compile(r"[ \t]{0,3}([,:\n]|[A-Za-z]{1,20}|\Z)")


def _ends_in_bare_year(desc: Desc) -> bool:
    return desc[0] == "year" or desc[0] in ("range", "bound") and _ends_in_bare_year(desc[2])


def _count_follows(text: str, end: int, plural: bool = False) -> bool:
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
    if _count_follows(text, e, plural=True):
        return False
    prev = _PREV_WORD.search(text, max(0, s - 24), s)
    word = prev[1].lower() if prev else ""
    if word in _STRONG_CUES or text.startswith(("'s", "’s"), e):
        return True
    if word in _WEAK_CUES and _CLAUSE_END.match(text, e):
        return True
    if (word in _DETERMINERS or word.endswith(("'s", "’s"))) and _CAPITAL_NEXT.match(text, e):
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


def _bare_years(text: str, kept: _Kept) -> None:
    ends = {end for _, end, _ in kept.items}
    for m in _BARE_YEAR.finditer(text):
        s, e = m.span()
        if kept.free(s, e) and _is_year(text, s, e, ends):
            kept.add(s, e, ("year", int(m.group())))
            ends.add(e)


def _candidates(text: str) -> list[tuple[int, int, int, Desc]]:
    """(start, end, rule rank, descriptor) for every valid match of every rule."""
    found = []
    rules = [*_RULES, *_ZH_RULES] if _HAN.search(text) else _RULES
    for rank, (rx, handler) in enumerate(rules):
        for m in rx.finditer(text):
            desc = handler(m, text)
            if desc is None or _realise(desc, None) is None:
                continue
            if not (_ends_in_bare_year(desc) and _count_follows(text, m.end())):
                found.append((m.start(), m.end(), rank, desc))
    return found


def find_temporal_expressions(text: str, *, anchor: dt.date | None = None) -> tuple[TemporalExpression, ...]:
    """All temporal expressions in text, sorted by start, non-overlapping (longest match wins).

    Relative expressions are anchored (date_start/date_end filled, precision stays 'relative')
    only when anchor is given; otherwise their dates are None. Never uses today's date."""
    folded = text.translate(_FOLD)
    kept = _Kept()
    for start, end, _, desc in sorted(_candidates(folded), key=lambda c: (c[0] - c[1], c[0], c[2])):
        if kept.free(start, end):
            kept.add(start, end, desc)
    _bare_years(folded, kept)
    return tuple(TemporalExpression(s, e, text[s:e], **_realise(desc, anchor)) for s, e, desc in kept.items)


# -- publication date ----------------------------------------------------------------------------
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
_ISO_PREFIX = re.compile(r"\s{0,3}[\"']?((?:19|20)\d\d)-(\d\d)-(\d\d)(?![\d-])")


def _day_dates(text: str) -> list[tuple[dt.date, TemporalExpression]]:
    """Full day dates (no range or bound) written in text, with their expressions."""
    return [(dt.date.fromisoformat(e.date_start), e) for e in find_temporal_expressions(text)
            if e.precision == "day" and e.relation is None]


def _stated_date(value: str) -> dt.date | None:
    """The day a metadata value states: ISO first ('2024-03-03T10:00Z'), else a written date
    reached across names and separators only ('by Jane Doe on March 3, 2024', not 'research from')."""
    m = _ISO_PREFIX.match(value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    days = _day_dates(value)
    gap = value[:days[0][1].start] if days else ""
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
    if byline and (day := _stated_date(line[byline.end():])):
        return 4, day
    bare = line.strip().strip("*_#>|-—– ")
    days = _day_dates(bare) if len(bare) < 40 else []
    if len(days) == 1 and days[0][1].text == bare:  # a line that is only a date
        return 5, days[0][0]
    return None


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
