"""English temporal expressions for :mod:`build_site.analyse.dates`: vocabulary, rules, parsers.

Each rule is a regex and a handler that turns a match into a descriptor (the grammar is in
``dates.py``); ``dates_calendar.py`` turns descriptors into ISO dates. The patterns are
written in lower case and compiled *without* ``re.IGNORECASE``: they search a lower-cased
copy of the text, where the regex engine can skip alternatives by their first character,
which ignore-case matching cannot (markedly faster). For the three characters whose
ignore-case matching differs from ``str.lower`` (İ ı ſ), :func:`ignore_case` gives the same
patterns compiled with ``re.IGNORECASE`` to run on the text itself, as the rules always did.
Handlers receive the match and the case-preserving text, for context checks.

Every quantifier is bounded and no group repeats another, so each rule runs in linear time.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

import yaml

DATA = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "dates.yml").read_text("utf-8"))

Desc = tuple
Handler = Callable[[re.Match, str], "Desc | None"]


class Rule(NamedTuple):
    """A compiled rule. Every match holds a trigger of a kind in ``needs`` ('y' a year's
    digits, 'yy' two of them, 'u' a unit or vague word) and every mark in ``wants`` (see
    MARKS): ``dates_scan`` runs the rule only on windows that hold them."""

    regex: re.Pattern
    handler: Handler
    needs: frozenset[str]
    wants: frozenset[str] = frozenset()


def _alt(words: Iterable[str]) -> str:
    """Alternation of literal phrases, longest first so that no prefix shadows a longer word."""
    words = (str(w).lower() for w in words)
    escaped = (re.escape(w).replace(r"\ ", r"\s{1,4}") for w in sorted(words, key=len, reverse=True))
    return "(?:" + "|".join(escaped) + ")"


def _unnamed(pattern: str) -> str:
    """The pattern with its named groups made anonymous, so it can be embedded twice."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _lower_set(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in DATA[key])


# -- vocabulary --------------------------------------------------------------------------------
MONTHS = {str(n).lower(): num for num, names in DATA["months"].items() for n in names}
MONTH_NAMES = {num: names[0] for num, names in DATA["months"].items()}
SEASONS, ORDINALS, PARTS = DATA["seasons"], DATA["ordinals"], DATA["part_words"]
_NUMBERS = {**DATA["number_words"], **DATA["tens"], "a": 1, "an": 1}
UNITS = {**{u: ("month", k) for u, k in DATA["unit_months"].items()},
         **{u: ("day", k) for u, k in DATA["unit_days"].items()}}
_BOUNDS, _BOUND_SUFFIXES, _VAGUE = DATA["bounds"], DATA["bound_suffixes"], DATA["vague"]
DETERMINERS = _lower_set("year_determiners")
# Every match of a 'u' rule holds one of these: a unit ("years" holds "year"), or the last
# word of a vague phrase that holds no unit ("soon", "in the near future").
UNIT_TRIGGERS = tuple(sorted({*UNITS, *(str(p).split()[-1] for p in _VAGUE if not any(u in str(p) for u in UNITS))}))

# -- regex pieces ------------------------------------------------------------------------------
_WS, _OWS = r"\s{1,4}", r"\s{0,4}"
START = r"(?<![A-Za-z0-9_$€£¥#@+/])(?<!\d[.,:-])(?<![A-Za-z]-)"
END = r"(?![A-Za-z0-9_%‰])(?![-–/.:,]\d)"
_Y4 = r"(?:19|20)\d\d(?!\d)"
_YR = r"(?:(?:19|20)\d\d|['’]\d\d)(?!\d)"
_YY = r"(?:(?:19|20)\d\d|['’]?\d\d)(?!\d)"  # unquoted two digits only after q, h, fy, fiscal, year
_MON = _alt(MONTHS) + r"\.?"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_DEC = r"(?:(?:19|20)\d0['’]?s|['’]\d0s)"
_ORD, _THE = _alt(ORDINALS), rf"(?:the{_WS})?"
_OF = rf"(?:{_WS}of{_WS}|,?{_WS}|(?=['’]))"
_SEP = rf"(?P<sep>{_OWS}[-–—]{_OWS}|{_WS}(?:to|through|thru|until|till|and){_WS})"
_NUMW = rf"(?:\d{{1,3}}|{_alt(DATA['tens'])}(?:-{_alt(DATA['number_words'])})?|{_alt(DATA['number_words'])})"
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
    "q": rf"q(?P<q_n>[1-4]){_OF}(?P<q_y>{_YR})",
    "nq": rf"(?P<nq_n>[1-4])q{_OWS}(?P<nq_y>{_YY})",
    "qo": rf"{_THE}(?P<qo_n>{_ORD})[\s-]{{1,4}}quarter(?:{_WS}of)?{_WS}(?P<qo_y>{_YR})",
    "h": rf"h(?P<h_n>[12]){_OF}(?P<h_y>{_YR})",
    "nh": rf"(?P<nh_n>[12])h{_OWS}(?P<nh_y>{_YY})",
    "ho": rf"{_THE}(?P<ho_n>{_ORD})[\s-]{{1,4}}half(?:{_WS}of)?{_WS}(?P<ho_y>{_YR})",
    "fy": rf"(?:fy|fiscal(?:{_WS}year)?){_OWS}(?P<fy_y>{_YY})",
    "se": rf"{_THE}(?P<se_n>{_alt(SEASONS)})(?:{_WS}of)?{_WS}(?P<se_y>{_YR})",
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
# Only for re-parsing parts of a match (lower-cased already, or original case on the slow path).
_CORE_RX, _POINT_RX, _REL_RX = (re.compile(p, re.I) for p in (_CORE, _POINT, _REL))


# -- parsing matched text into descriptors ---------------------------------------------------
def year(s: str) -> int:
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
    n = ORDINALS[word.lower()]
    n = last if n == -1 else n
    return n if 1 <= n <= last else None


def _number(word: str) -> int:
    word = word.lower()
    if word.isdigit():
        return int(word)
    tens, _, ones = word.partition("-")
    return _NUMBERS[tens] + (_NUMBERS[ones] if ones else 0)


def month(s: str) -> int:
    return MONTHS[s.rstrip(".").lower()]


def _core_desc(g: re.Match) -> Desc | None:
    """A core point from its match (indexing the match by group name: cheaper than groupdict)."""
    if g["iso"]:
        return ("day", int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
    if g["mdy"] or g["dmy"]:
        k = "mdy" if g["mdy"] else "dmy"
        return ("day", int(g[f"{k}_y"]), month(g[f"{k}_m"]), int(re.sub(r"\D", "", g[f"{k}_d"])))
    if g["my"]:
        return ("month", year(g["my_y"]), month(g["my_m"]))
    if g["ym"]:
        y, m = int(g["ym_y"]), int(g["ym_m"])
        return ("month", y, m) if m <= y % 100 else None  # else a range such as 2010-11
    for kind, keys, last in (("quarter", ("q", "nq", "qo"), 4), ("half", ("h", "nh", "ho"), 2)):
        for k in keys:
            if g[k]:
                n = _ordinal(g[f"{k}_n"], last) if k.endswith("o") else int(g[f"{k}_n"])
                return (kind, year(g[f"{k}_y"]), n) if n else None
    if g["fy"]:
        return ("year", year(g["fy_y"]))
    if g["se"]:
        return ("season", year(g["se_y"]), g["se_n"].lower())
    return ("year", int(g["yr_y"]))


def _point_desc(g: re.Match) -> Desc | None:
    if g["pt"]:
        inner = _core_desc(_CORE_RX.fullmatch(g["pt_i"]))
        word = next(w for w in re.findall("[a-z]+", g["pt_w"].lower()) if w in PARTS)
        return ("part", word, inner) if inner else None
    if g["dp"]:
        return ("part", g["dp_w"].lower(), ("decade", _decade(g["dp_d"])))
    if g["dc"]:
        return ("decade", _decade(g["dc_d"]))
    return _core_desc(g)


def _rel_desc(g: re.Match) -> Desc | None:
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
        return _point_desc(m)
    m = _REL_RX.fullmatch(s)
    return _rel_desc(m) if m else None


# -- rule handlers: (match, case-preserving text) -> descriptor or None ---------------------------
PREV_WORD = re.compile(r"([A-Za-z][A-Za-z.'’]{0,20})\s{1,4}\Z")
_OF_NEXT = re.compile(r"\s{1,4}of\b", re.I)
_AGE_NEXT = re.compile(r"\s{1,4}(?:old|of\s{1,4}age)\b", re.I)
_AGE_BEFORE = re.compile(r"\bage[sd]?\s{1,4}\Z", re.I)
_AS_BEFORE = re.compile(r"\bas\s{1,3}\Z", re.I)
_AFTER_SOON = re.compile(r"\s{1,4}(?:as|after)\b", re.I)


def _on_point(m: re.Match, text: str) -> Desc | None:
    return None if m["yr"] else _point_desc(m)  # bare years need evidence: see dates_select


def _on_rel(m: re.Match, text: str) -> Desc | None:
    if m["rc_d"].lower() == "last" and not m["rc_p"] and not m["rc_e"] and not m["rc_o"]:
        before = PREV_WORD.search(text, max(0, m.start() - 20), m.start())
        if (before and before[1].lower() in DETERMINERS) or _OF_NEXT.match(text, m.end()):
            return None  # "its last year", "the last year of the deal": final, not previous
    return _rel_desc(m)


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
    y = year(m["y"])
    if m["q1"]:
        return _check_range(m, ("quarter", y, int(m["q1"])), ("quarter", y, int(m["q2"])))
    m1 = month(m["m1"])
    if m["d1"]:
        d1, d2 = (int(re.sub(r"\D", "", m[k])) for k in ("d1", "d2"))
        return ("range", ("day", y, m1, d1), ("day", y, month(m["m2"]) if m["m2"] else m1, d2))
    return _check_range(m, ("month", y, m1), ("month", y, month(m["m2"])))


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


# -- the rules ---------------------------------------------------------------------------------
_PLURAL = r"(?:days|weeks|months|years|decades)"
_PERIODS = rf"(?P<u>{_PLURAL})"
_PREP = r"(?:over|in|during|for|throughout)"
_P, _R = _unnamed(_POINT), _unnamed(_REL)
_LEAD = rf"(?:(?P<lead>between|from){_WS})?"
_Y, _U, _YU, _TWO_YEARS = frozenset("y"), frozenset("u"), frozenset("yu"), frozenset({"yy"})


def _rule(pattern: str, handler: Handler, needs: frozenset[str], *wants: str) -> Rule:
    """A rule never starts or ends inside a word or number."""
    return Rule(re.compile(rf"{START}(?:{pattern}){END}"), handler, needs, frozenset(wants))


# What some rules cannot match without, tested on a window before those rules search it
# (by name, in a rule's ``wants``): pieces the rules are built of, so a window without them
# holds no match of the rule.
MARKS = {name: re.compile(pattern) for name, pattern in {
    "month": _alt(MONTHS),
    "bound": _alt(_BOUNDS),
    "suffix": _alt(_BOUND_SUFFIXES),
    "dash": "[-–]",
    "dash/": "[-–/]",
    "q": "q",
    "within": "within",
    "next": "next|coming",
    "past": "past|last",
    "ago": "ago",
    "now": "now",
    "few": "few|several|couple",
    "vague": rf"{_alt(_VAGUE)}|recent|ahead|come",
}.items()}


# Between equally long matches at the same place, the earlier rule wins.
RULES: list[Rule] = [
    _rule(rf"{_LEAD}(?P<a>{_P}){_SEP}(?P<b>{_P})", _on_range, _TWO_YEARS),
    _rule(rf"{_LEAD}(?P<m1>{_MON}){_SEP}(?P<m2>{_MON}),?{_WS}(?P<y>{_YR})(?P<q1>)(?P<d1>)", _on_shared_year, _Y,
          "month"),
    _rule(rf"{_LEAD}q(?P<q1>[1-4]){_SEP}q(?P<q2>[1-4])(?:{_WS}of)?{_WS}(?P<y>{_YR})", _on_shared_year, _Y, "q"),
    _rule(rf"(?P<m1>{_MON}){_WS}(?P<d1>{_DAY}){_OWS}[-–]{_OWS}(?:(?P<m2>{_MON}){_WS})?(?P<d2>{_DAY}),?"
          rf"{_WS}(?P<y>{_Y4})(?P<q1>)", _on_shared_year, _Y, "month", "dash"),
    _rule(rf"(?P<d1>{_DAY}){_OWS}[-–]{_OWS}(?P<d2>{_DAY}){_WS}(?P<m1>{_MON}),?{_WS}(?P<y>{_Y4})(?P<q1>)(?P<m2>)",
          _on_shared_year, _Y, "month", "dash"),
    _rule(rf"(?P<a>{_Y4})[-–/](?P<b>\d\d)", _on_short_range, _Y, "dash/"),
    _rule(rf"(?P<rel>{_alt(_BOUNDS)}){_WS}(?P<inner>{_P}|{_R})(?P<suf>)", _on_bound, _YU, "bound"),
    _rule(rf"(?:from{_WS})?(?P<inner>{_P}){_WS}(?P<suf>{_alt(_BOUND_SUFFIXES)})(?P<rel>)", _on_bound, _Y, "suffix"),
    _rule(_POINT, _on_point, _Y),
    _rule(_REL, _on_rel, _U),
    _rule(rf"within{_WS}(?:the{_WS})?(?:(?P<nx>next|coming){_WS})?(?:(?:{_N}|(?P<a>an?)){_WS})?{_UNIT}",
          _on_roll("within"), _U, "within"),
    _rule(rf"(?:{_PREP}{_WS})?the{_WS}(?:next|coming){_WS}(?:{_N}{_WS})?{_UNIT}", _on_roll("next"), _U, "next"),
    _rule(rf"(?:{_PREP}{_WS})?the{_WS}(?P<lw>past|last){_WS}(?:{_N}{_WS})?{_UNIT}", _on_roll("past"), _U, "past"),
    _rule(rf"in{_WS}(?:{_N}|(?P<a>an?)(?={_WS}[a-z]{{3,6}}['’]s{_WS}time)){_WS}{_UNIT}(?:['’]s?{_WS}time)?",
          _on_roll("in"), _U),
    _rule(rf"(?:{_N}|(?P<a>an?)){_WS}{_UNIT}{_WS}ago", _on_roll("ago"), _U, "ago"),
    _rule(rf"(?:{_N}|(?P<a>an?)){_WS}{_UNIT}{_WS}from{_WS}now", _on_roll("in"), _U, "now"),
    _rule(rf"{_N}{_WS}{_UNIT}", _on_roll("span"), _U),
    _rule(rf"(?:(?P<pre>within|in|over|during){_WS}(?:the{_WS}(?P<dir>next|coming|past|last){_WS})?)?"
          rf"(?:a{_WS})?(?:few|several|couple{_WS}of){_WS}{_PERIODS}(?P<ago>{_WS}ago)?", _on_few, _U, "few"),
    _rule(rf"{_alt(_VAGUE)}|in{_WS}recent{_WS}{_PLURAL}|{_PREP}{_WS}the{_WS}{_PLURAL}{_WS}(?:ahead|to{_WS}come)",
          _on_vague, _U, "vague"),
]


def spelled_words() -> frozenset[str]:
    """Every word the rules spell out ('days?' gives 'days' and 'day'): all the letters a match
    can hold. Read from the patterns themselves, so a word added to a rule cannot be missed."""
    words = set()
    for rule in RULES:
        source = re.sub(r"\(\?P<\w+>|\[[^\]]*\]", " ", re.sub(r"\\.", " ", rule.regex.pattern))
        for word, optional in re.findall(r"([a-z]+)(\??)", source):
            words.update((word, word[:-1]) if optional else (word,))
    return frozenset(words - {""})


def ignore_case(rule: Rule) -> Rule:
    """The rule compiled with re.IGNORECASE, for text that must not be lower-cased (İ ı ſ)."""
    return rule._replace(regex=re.compile(rule.regex.pattern, re.I))
