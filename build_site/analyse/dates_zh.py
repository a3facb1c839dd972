"""Chinese temporal expressions for :mod:`build_site.analyse.dates`.

This module only recognises and parses; it returns the descriptor tuples documented in
``dates.py`` (``('quarter', 2024, 4)``, ``('cal', 'year', 1, ('half', 1))`` ...), and
``dates_calendar.py`` turns them into ISO dates, so both languages share one set of calendar
rules. ``dates_scan.py`` runs the rules only near :data:`TRIGGERS`.
It never imports ``dates.py``: the vocabulary (``build_site/data/dates.yml``, key ``zh``)
is passed to :func:`build_rules`.

Text arrives with full-width digits and letters already folded to ASCII (one character for
one character, so offsets are unchanged). Every quantifier is bounded and no group repeats
another, so each rule runs in linear time.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Mapping

Desc = tuple
Handler = Callable[[re.Match, str], "Desc | None"]

_Y4 = r"(?<!\d)(?:19|20)\d\d"
_MON = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九]"
_NUM = r"(?<![\d第])(?:\d{1,3}|[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])"
_QN = r"[1-4一二三四]"
_SP = r"\s{0,2}"
_CJK = r"[\u4e00-\u9fff]"
# 到/至 mean "by" only at the start of a clause or after a planning verb ("预计到2030年"),
# not inside verbs such as 达到 "reach" or 回到 "return to".
_BY_WORD = rf"(?:(?<!{_CJK})|(?<=[计划取争将望标]))(?:到|至)"
_NOT_COUNT = r"(?![一二三四五六七八九十两几\d])"  # 前/后 + number is "the first N ...", not a bound
# Every match holds one of these characters: points and decades hold 年, and each unit,
# relative year or period and vague word holds one (checked in _Zh). dates_scan searches
# only around them, so text without them costs no Chinese rule a single step.
TRIGGERS = "年月周天季期近久"


def _unnamed(pattern: str) -> str:
    """The pattern with its named groups made anonymous, so it can be embedded twice."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _alt(words: Iterable[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


class _Zh:
    """The compiled Chinese rules and the small parsers they share."""

    def __init__(self, data: Mapping) -> None:
        self.digits = data["digits"]
        self.years = data["years"]
        self.periods = {k: tuple(v) for k, v in data["periods"].items()}
        self.parts = data["year_parts"]
        self.units = data["units"]
        self.prefixes, self.suffixes = data["bound_prefixes"], data["bound_suffixes"]
        self.vague = data["vague"]
        untriggered = [w for w in (*self.units, *self.years, *self.periods, *self.vague)
                       if not set(w) & set(TRIGGERS)]
        if untriggered:
            raise ValueError(f"dates.yml zh words without one of {TRIGGERS}: {untriggered}")
        plain_parts = _alt(k for k in self.parts if k not in ("初", "中"))
        part = rf"{plain_parts}|初(?![步次审选版稿创衷])|中(?=[\s，。、；：,;.!?）)]|$)"
        self.unit = _alt(self.units)
        self.point = (
            rf"(?P<zd>(?P<zd_y>{_Y4}){_SP}年{_SP}(?P<zd_m>{_MON}){_SP}月{_SP}(?P<zd_d>{_DAY}){_SP}[日号])"
            rf"|(?P<zm>(?P<zm_y>{_Y4}){_SP}年{_SP}(?P<zm_m>{_MON}){_SP}月)"
            rf"|(?P<zq>(?P<zq_y>{_Y4}){_SP}年{_SP}(?:第{_SP})?(?P<zq_n>{_QN}){_SP}季度?)"
            rf"|(?P<zqq>(?P<zqq_y>{_Y4}){_SP}年{_SP}Q(?P<zqq_n>[1-4]))"
            rf"|(?P<zh>(?P<zh_y>{_Y4}){_SP}年{_SP}(?P<zh_n>[上下])半年)"
            rf"|(?P<zp>(?P<zp_y>{_Y4}){_SP}年(?P<zp_p>{part}))"
            rf"|(?P<zy>(?P<zy_y>{_Y4}){_SP}(?:财)?年(?!代))"
        )
        sub = (rf"(?:第{_SP})?(?P<zr_q>{_QN}){_SP}季度?|Q(?P<zr_qq>[1-4])|(?P<zr_h>[上下])半年"
               rf"|(?P<zr_m>{_MON}){_SP}月|(?P<zr_p>{part})")
        self.rel = (rf"(?P<zr_d>{_alt(self.years)})(?:{_SP}(?:{sub}))?"
                    rf"|(?P<zr_u>{_alt(self.periods)})")
        self.point_rx = re.compile(self.point)
        self.rel_rx = re.compile(self.rel)

    # -- small parsers --------------------------------------------------------------
    def number(self, s: str) -> int:
        """'12' -> 12, '九' -> 9, '十二' -> 12, '二十四' -> 24."""
        if s.isascii():
            return int(s)
        if "十" in s:
            tens, _, ones = s.partition("十")
            return self.digits.get(tens, 1) * 10 + self.digits.get(ones, 0)
        return self.digits[s]

    def parse_point(self, s: str) -> Desc | None:
        m = self.point_rx.fullmatch(s)
        if m is None:
            return None
        g, n = m.groupdict(), self.number
        if g["zd"]:
            return ("day", int(g["zd_y"]), n(g["zd_m"]), n(g["zd_d"]))
        if g["zm"]:
            return ("month", int(g["zm_y"]), n(g["zm_m"]))
        if g["zq"] or g["zqq"]:
            return ("quarter", int(g["zq_y"] or g["zqq_y"]), n(g["zq_n"] or g["zqq_n"]))
        if g["zh"]:
            return ("half", int(g["zh_y"]), 1 if g["zh_n"] == "上" else 2)
        if g["zp"]:
            return ("part", self.parts[g["zp_p"]], ("year", int(g["zp_y"])))
        return ("year", int(g["zy_y"]))

    def parse_rel(self, s: str) -> Desc | None:
        m = self.rel_rx.fullmatch(s)
        if m is None:
            return None
        g = m.groupdict()
        if g["zr_u"]:
            unit, delta = self.periods[g["zr_u"]]
            return ("cal", unit, delta, None)
        sub = None
        if g["zr_q"] or g["zr_qq"]:
            sub = ("quarter", self.number(g["zr_q"] or g["zr_qq"]))
        elif g["zr_h"]:
            sub = ("half", 1 if g["zr_h"] == "上" else 2)
        elif g["zr_m"]:
            sub = ("month", self.number(g["zr_m"]))
        elif g["zr_p"]:
            sub = ("part", self.parts[g["zr_p"]])
        return ("cal", "year", self.years[g["zr_d"]], sub)

    def parse_any(self, s: str) -> Desc | None:
        return self.parse_point(s) or self.parse_rel(s)

    # -- rule handlers --------------------------------------------------------------
    def on_point(self, m: re.Match, text: str) -> Desc | None:
        return self.parse_point(m.group())

    def on_rel(self, m: re.Match, text: str) -> Desc | None:
        return self.parse_rel(m.group())

    def on_range(self, m: re.Match, text: str) -> Desc | None:
        a, b = self.parse_point(m["a"]), self.parse_point(m["b"])
        return ("range", a, b) if a and b else None

    def on_year_range(self, m: re.Match, text: str) -> Desc:
        return ("range", ("year", int(m["y1"])), ("year", int(m["y2"])))

    def on_month_range(self, m: re.Match, text: str) -> Desc:
        y = int(m["y"])
        return ("range", ("month", y, self.number(m["m1"])), ("month", y, self.number(m["m2"])))

    def on_first_n(self, m: re.Match, text: str) -> Desc:
        """2024年前三季度 'the first three quarters of 2024' -> Q1..Q3 2024."""
        y, n = int(m["y"]), self.number(m["n"])
        unit = "quarter" if m["u"].endswith("季度") else "month"
        return ("range", (unit, y, 1), (unit, y, n))

    def on_bound(self, m: re.Match, text: str) -> Desc | None:
        inner = self.parse_any(m["inner"])
        relation = self.prefixes.get(m["pre"] or "") or self.suffixes.get(m["suf"] or "")
        return ("bound", relation, inner) if inner and relation else None

    def on_roll(self, m: re.Match, text: str) -> Desc | None:
        if m.start() > 0 and text[m.start() - 1] == "后":
            return None  # 上市后三年内 "within three years after listing": counts from an event
        unit = self.units[m["u"]]
        n, n2 = self.number(m["n"]), self.number(m["n2"]) if m["n2"] else None
        if n2 is not None and n2 <= n:
            return None
        mode = {"前": "ago", "后": "in", "以后": "in", "之后": "in"}.get(m["suf"] or "")
        mode = mode or {"过去": "past", "近": "past", "最近": "past"}.get(m["pre"] or "", "within")
        return ("roll", mode, n, n2, unit)

    def on_decade(self, m: re.Match, text: str) -> Desc:
        """2010年代, 90年代 (00-20 -> 2000s), 20世纪90年代 / 上世纪90年代 -> the 1990s."""
        if m["d4"]:
            return ("decade", int(m["d4"]))
        tens = self.number(m["dd"])
        century = {"上": 19, "19": 18, "20": 19, "二十": 19, "21": 20, "二十一": 20}.get(m["c"] or "")
        if century is None:
            century = 20 if tens < 30 else 19
        return ("decade", century * 100 + tens)

    def on_vague(self, m: re.Match, text: str) -> Desc | None:
        word = m.group()
        if word == "最近" and text.startswith("的", m.end()):
            return None  # 最近的 is as often "nearest" as "recent"
        return ("vague", self.vague[word])

    def rules(self) -> list[tuple[re.Pattern, Handler]]:
        point, rel = _unnamed(self.point), _unnamed(self.rel)
        dash = rf"{_SP}(?:[-–—~～至到]){_SP}"
        pre = _alt(k for k in self.prefixes if k not in ("到", "至"))  # those two: _BY_WORD
        suffix = rf"以来|开始|起|之前|以前|前{_NOT_COUNT}|之后|以后|后{_NOT_COUNT}"
        unit, num = self.unit, _NUM
        table = [
            (rf"(?:从|自)?(?P<a>{point}){dash}(?P<b>{point})", self.on_range),
            (rf"(?P<y1>{_Y4}){_SP}(?:年{_SP})?[-–—~～至到]{_SP}(?P<y2>{_Y4}){_SP}年", self.on_year_range),
            (rf"(?P<y>{_Y4}){_SP}年{_SP}(?P<m1>{_MON}){_SP}月?{dash}(?P<m2>{_MON}){_SP}月", self.on_month_range),
            (rf"(?P<y>{_Y4}){_SP}年{_SP}前(?P<n>{_QN}|1?\d|十[一二]?|[五六七八九])(?P<u>个?季度|个月)", self.on_first_n),
            (rf"(?:(?P<pre>{pre}|{_BY_WORD}){_SP})(?P<inner>{point}|{rel})(?:{_SP}(?P<suf>{suffix}))?",
             self.on_bound),
            (rf"(?P<pre>)(?P<inner>{point}|{rel}){_SP}(?P<suf>{suffix})", self.on_bound),
            (rf"(?:(?P<pre>未来|过去|最近|近){_SP})?(?P<n>{num})(?:{dash}(?P<n2>{num}))?{_SP}(?P<u>{unit})"
             rf"(?:(?P<suf>之后|以后|后|前)|内|之内|以内|来|里)", self.on_roll),
            (rf"(?P<pre>未来|过去|最近|近){_SP}(?P<n>{num})(?:{dash}(?P<n2>{num}))?{_SP}(?P<u>{unit})(?P<suf>)",
             self.on_roll),
            (rf"(?P<d4>(?<!\d)(?:19|20)\d0){_SP}年代|(?:(?P<c>上|19|20|21|二十一?){_SP}世纪{_SP})?"
             rf"(?P<dd>(?<!\d)[1-9]0|[一二三四五六七八九]十){_SP}年代", self.on_decade),
            (self.point, self.on_point),
            (self.rel, self.on_rel),
            (_alt(self.vague), self.on_vague),
        ]
        return [(re.compile(p), h) for p, h in table]


def build_rules(data: Mapping) -> list[tuple[re.Pattern, Handler]]:
    """Compiled (pattern, handler) pairs for Chinese; handlers return a descriptor or None."""
    return _Zh(data).rules()
