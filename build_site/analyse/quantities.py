"""Quantities in a sentence: amounts, percentages, counts and physical measures, normalised.

The site compares figures across articles ("$15B" in one, "15 billion dollars" in another),
so each quantity carries a numeric value with its scale applied, a canonical unit, a bound
("over", "up to", "+") and, when the words around it say so, what it measures.

What is *not* a quantity, and why it is skipped:

* years and dates (``in 2019``, ``Q4 2024``, ``2024年``, ``May 5``, ``5月``): time, not amount;
* numbers inside names and versions (``GPT-4``, ``Mamba-2``, ``H100``, ``Claude 3 Opus``,
  ``Llama 3``, ``Gemini 2.0``): a plain number right after a capitalised word is a name.
  ``Level 3``, ``Phase 3`` and ``Tier 2`` are categories, not amounts, so they are skipped too;
* list ordinals (``1.`` opening the sentence), ordinals (``3rd``, ``第3``), times (``10:30``);
* plain numbers with no unit, scale or currency unless a lower-case word follows them
  (``3 companies``): a stray number is more often a score, a reference or a version.

Data (scales, currencies, units, bounds, attribute words) lives in ``data/units.yml``. All
patterns are compiled once at import; each number is examined with anchored matches over a
bounded window, so the work is linear in the length of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

_DATA = Path(__file__).resolve().parent.parent / "data" / "units.yml"
_WINDOW = 60               # characters before a number searched for an attribute word
_BOUND_WINDOW = 30         # ... and for a bound ("more than", "approximately")


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int                 # span in the input text
    end: int
    text: str                  # the text as written
    value: float               # scale applied: "15 trillion" -> 1.5e13, "92 percent" -> 92.0
    unit: str                  # canonical unit ("USD", "percent", "USD/1M tokens", "nm") or ""
    bound: str | None          # "at least", "at most", "about", "less than"; None if exact
    attribute: str | None      # what it measures ("MMLU", "valuation", "revenue"), if clear


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A number with its currency, scale, unit and trailing bound mark."""

    start: int
    end: int
    value: Decimal
    unit: str
    counted: bool              # has a unit, scale or currency: certainly an amount
    mark: str | None           # bound from "+", 多, "以上", "or more" ...


def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Quantities in ``text``, in order and non-overlapping."""
    found: list[Quantity] = []
    for match in _NUMBER.finditer(text):
        if found and match.start() < found[-1].end:
            continue
        parsed = _parse(text, match)
        if not _is_excluded(text, match, parsed):
            found.append(_describe(text, parsed))
    return tuple(found)


def _parse(text: str, match: re.Match[str]) -> _Parsed:
    """Currency, number, scale, unit, bound marks and price denominator at ``match``."""
    digits = _valid_number(match.group("num"))
    if digits != match.group("num"):                         # "1,2,3": just the "1"
        return _Parsed(match.start(), match.start("num") + len(digits), Decimal(digits), "", False, None)
    suffix = _SUFFIX.match(text, match.end())
    scale = suffix.group("scale") or suffix.group("symbol")
    currency = _CURRENCY_PREFIXES.get(match.group("currency") or "")
    surface = suffix.group("unit") or suffix.group("glued_unit")
    unit = _unit_name(surface) if surface else ""
    if scale == "m" and not currency and not unit:            # "a 100m sprint": metres
        scale, unit = None, "m"
    end = suffix.end()
    if currency and not unit:
        rate = _RATE.match(text, end)
        unit, end = (f"{currency}/{_rate_unit(rate)}", rate.end()) if rate else (currency, end)
    value = Decimal(digits.replace(",", "")) * _SCALES.get(scale, Decimal(1))
    marks = (suffix.group("mark"), suffix.group("mark2"), suffix.group("post"))
    bound = next((_MARK_BOUNDS[_norm(m)] for m in marks if m), None)
    return _Parsed(match.start(), end, value, unit, bool(currency or scale or unit), bound)


def _valid_number(raw: str) -> str:
    """``raw`` if its thousands separators are well formed, else the part before the comma."""
    groups = raw.partition(".")[0].split(",")
    if len(groups) == 1 or (len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        return raw
    return groups[0]


def _rate_unit(rate: re.Match[str]) -> str:
    """``1M tokens``, ``kWh``, ``share``: the denominator of a price."""
    surface = rate.group("per_unit")
    unit = _PER_UNIT_NAMES.get(surface) or _PER_UNIT_NAMES[_norm(surface)]
    count, scale = rate.group("per_count"), rate.group("per_scale") or rate.group("per_word")
    if not count and not scale:
        return unit
    symbol = _SYMBOL_OF_SCALE.get(_SCALES.get(scale) or _SCALES[scale.lower()], "") if scale else ""
    return f"{count or '1'}{symbol} {unit}"


def _is_excluded(text: str, match: re.Match[str], parsed: _Parsed) -> bool:
    """Names, versions, dates, times, ordinals and stray numbers (see the module docstring)."""
    num_start = match.start("num")
    before = text[max(0, num_start - 2):num_start]
    after = text[parsed.end:parsed.end + 2]
    if before[-1:].isascii() and before[-1:].isalpha():                  # H100, Q4, FY2025
        return True
    if len(before) == 2 and before[1] in "-/:." and before[0].isalnum():  # GPT-4, 5/12, 3.11.2
        return not (parsed.counted and before[0].isdigit() and before[1] == "-")  # 10-15%
    if after[:1].isascii() and after[:1].isalpha():                       # 3rd, 4o, 1990s, 5G
        return True
    if after[:1] in ":/." and after[1:2].isdigit():                       # 10:30, 3.11.2
        return True
    return not parsed.counted and _is_plain_non_amount(text, match, parsed)


def _is_plain_non_amount(text: str, match: re.Match[str], parsed: _Parsed) -> bool:
    """A number without unit, scale or currency that is a year, name, date or ordinal."""
    digits = match.group("num")
    if len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100:
        return True
    previous = _PREVIOUS_WORD.search(text, max(0, match.start() - 30), match.start())
    if previous and not previous.group(1).islower() and previous.group(1) not in _NOT_NAMES:
        return True
    if text[max(0, match.start() - 1):match.start()] in ("第", "#"):
        return True
    if _range_upper(text, parsed) is not None:
        return False
    ordinal = _ORDINAL.match(text)
    if ordinal and ordinal.end("num") == parsed.end:
        return True
    next_word = _NEXT_WORD.match(text, parsed.end)
    return next_word is None                                              # 5月, "3 Opus", "2-0"


def _range_upper(text: str, parsed: _Parsed) -> _Parsed | None:
    """The counted upper end of a range starting at ``parsed`` ("10-15%", "5至8万辆")."""
    joint = _RANGE.match(text, parsed.end)
    upper = _NUMBER.match(text, joint.end()) if joint else None
    if upper is None:
        return None
    other = _parse(text, upper)
    return other if other.counted else None


def _describe(text: str, parsed: _Parsed) -> Quantity:
    """Add bound and attribute; a bare lower end of a range takes the range's unit."""
    unit = parsed.unit
    if not parsed.counted:
        upper = _range_upper(text, parsed)
        unit = upper.unit if upper else ""
    start, bound = _bound_before(text, parsed.start)
    attribute = _attribute(text, start, parsed.end, unit)
    return Quantity(parsed.start, parsed.end, text[parsed.start:parsed.end],
                    float(parsed.value), unit, bound or parsed.mark, attribute)


def _bound_before(text: str, start: int) -> tuple[int, str | None]:
    """(Where the bound phrase starts, else ``start``; the bound) from the words before it."""
    found = _BOUND_BEFORE.search(text, max(0, start - _BOUND_WINDOW), start)
    if found is None:
        return start, None
    return found.start(), _BOUND_NAMES[found.lastgroup]


def _attribute(text: str, start: int, end: int, unit: str) -> str | None:
    """What the quantity measures: its unit, a benchmark, a comparison, then nearby words."""
    if unit in _UNIT_ATTRIBUTES:
        return _UNIT_ATTRIBUTES[unit]
    if unit.split("/")[0] in _CURRENCIES and "/" in unit:
        return "price"
    benchmark = _BENCHMARK.match(text, end)
    if benchmark and unit in ("percent", "", "points") and _is_benchmark_name(benchmark.group("name")):
        return benchmark.group("name")
    comparison = _COMPARISON.match(text, end)
    if comparison:
        return "relative: " + " ".join(comparison.group("cmp").split())
    after = _TRIGGER_AFTER.match(text[end:end + _WINDOW].translate(_ASCII_LOWER))
    if after and _allowed(after.lastgroup, unit):
        return _ATTRIBUTE_NAMES[after.lastgroup]
    return _attribute_before(text, start, unit)


def _attribute_before(text: str, start: int, unit: str) -> str | None:
    """The attribute word nearest before ``start`` in the same clause."""
    window = text[max(0, start - _WINDOW):start]
    clause = _CLAUSE_BREAK.split(window)[-1].translate(_ASCII_LOWER)
    groups = [m.lastgroup for m in _TRIGGER.finditer(clause) if _allowed(m.lastgroup, unit)]
    return _ATTRIBUTE_NAMES[groups[-1]] if groups else None


def _is_benchmark_name(name: str) -> bool:
    """MMLU, HumanEval, ARC-AGI, GSM8K: two capitals or a digit (not "Monday", "Nasdaq")."""
    return sum(c.isupper() for c in name) >= 2 or any(c.isdigit() for c in name)


def _allowed(group: str, unit: str) -> bool:
    units = _ATTRIBUTE_UNITS[group]
    return not units or unit in units


def _norm(surface: str) -> str:
    return " ".join(surface.split()).lower()


def _unit_name(surface: str) -> str:
    return _UNIT_NAMES.get(surface) or _UNIT_NAMES[_norm(surface)]


# --- compilation (import time) ---------------------------------------------------------------

def _load() -> dict:
    with _DATA.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _forms(mapping: dict[str, list[str]]) -> list[str]:
    """All written forms of a name -> forms mapping, checked to be strings."""
    forms = [form for values in mapping.values() for form in values]
    if not all(isinstance(form, str) for form in forms):
        raise TypeError("units.yml: quote entries YAML reads as booleans or numbers")
    return forms


def _surface(form: str, boundary: bool = True) -> str:
    """Regex for one written form: any case for lower-case words; Latin forms end a word."""
    body = r"\s+".join(map(re.escape, form.split()))
    letters = form.replace(" ", "").replace("-", "")
    if letters.isascii() and letters.isalpha() and letters.islower() and len(letters) >= 3:
        body = f"(?i:{body})"
    return body + (r"(?![A-Za-z])" if boundary and form[-1].isascii() and form[-1].isalpha() else "")


def _alternation(forms: list[str], boundary: bool = True) -> str:
    return "|".join(_surface(f, boundary) for f in sorted(set(forms), key=len, reverse=True))


def _word_alternation(groups: list[list[str]]) -> tuple[str, dict[str, int]]:
    """One alternation over the lower-case forms of all groups, longest first, each ending in
    an empty group ``w<n>``; returns it and ``w<n>`` -> group index. Every branch starts with
    a literal character so the engine skips non-starting positions quickly."""
    words = sorted({(form.lower(), i) for i, forms in enumerate(groups) for form in forms},
                   key=lambda pair: (-len(pair[0]), pair))
    branches, owner = [], {}
    for n, (word, group) in enumerate(words):
        branches.append(f"{_boxed(word) if word.isascii() else re.escape(word)}(?P<w{n}>)")
        owner[f"w{n}"] = group
    return "|".join(branches), owner


def _boxed(word: str) -> str:
    """A lower-case Latin word or phrase matched as whole words."""
    body = r"\s+".join(map(re.escape, word.split()))
    return f"{re.escape(word[0])}(?<![a-z].){body[len(re.escape(word[0])):]}(?![a-z])"


_D = _load()
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_CLAUSE_BREAK = re.compile(r"[;:,!?，；：。！？]\s*|\.\s+")
_SCALES = {k: Decimal(str(v)) for k, v in {**_D["scale_words"], **_D["scale_symbols"]}.items()}
_SYMBOL_OF_SCALE = {Decimal("1e3"): "K", Decimal("1e6"): "M", Decimal("1e9"): "B", Decimal("1e12"): "T"}
_CURRENCY_PREFIXES: dict[str, str] = dict(_D["currency_prefixes"])
_CURRENCIES = frozenset(_CURRENCY_PREFIXES.values())
_UNIT_NAMES = {form: name for name, forms in _D["units"].items() for form in forms}
_UNIT_NAMES.update({_norm(form): _UNIT_NAMES[form] for form in _forms(_D["units"]) if form.islower()})
_PER_UNIT_NAMES = {form: name for name, forms in _D["per_units"].items() for form in forms}
_PER_UNIT_NAMES.update({_norm(form): _PER_UNIT_NAMES[form] for form in _forms(_D["per_units"])})
_MARK_BOUNDS = {_norm(form): name for key in ("bound_marks", "bound_suffixes")
                for name, forms in _D[key].items() for form in forms}
_UNIT_ATTRIBUTES: dict[str, str] = dict(_D["unit_attributes"])
_NOT_NAMES = frozenset(_D["not_names"])
_BOUND_NAMES = {f"b{i}": name for i, name in enumerate(_D["bounds"])}

_glued_units = [f for f in _forms(_D["units"]) if len(f) == 1 and f.isascii() and f.isalpha()]  # 3x, 5t
_spaced_units = [f for f in _forms(_D["units"]) if f not in _glued_units]
_marks = _alternation(_forms(_D["bound_marks"]), boundary=False)
_NUMBER = re.compile(
    f"(?:(?P<currency>{_alternation(list(_CURRENCY_PREFIXES), boundary=False)})[ \u00a0]?)?"
    r"(?P<num>\d(?:[\d,]*\d)?(?:\.\d+)?)")       # never ends in a comma: "1,234, and"
_SUFFIX = re.compile(  # 15 | + 多 | trillion, B | + | tokens, %, 元, x | 以上, or more
    f"(?P<mark>{_marks})?"
    f"(?:[ \t-]?(?P<scale>{_alternation(list(_D['scale_words']))})"
    f"|(?P<symbol>{_alternation(list(_D['scale_symbols']), boundary=False)})(?![A-Za-z]))?"
    f"(?P<mark2>{_marks})?"
    f"(?:[ \t-]?(?P<unit>{_alternation(_spaced_units)})"
    f"|(?P<glued_unit>{_alternation(_glued_units, boundary=False)})(?![A-Za-z]))?"
    f"(?:[ \t]?(?P<post>{_alternation(_forms(_D['bound_suffixes']))}))?")
_RATE = re.compile(  # "/1M tokens", " per million tokens", " a barrel", "/kWh"
    r"(?:[ \t]?/[ \t]?|[ \t]+(?i:per|a|an)[ \t]+|[ \t]?每)(?:(?P<per_count>\d[\d,.]*)[ \t]?)?"
    r"(?:(?P<per_scale>[KkMB])(?![A-Za-z])[ \t]?|(?P<per_word>(?i:thousand|million|billion))[ \t]+)?"
    f"(?P<per_unit>{_alternation(_forms(_D['per_units']))})")
_BOUND_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:"
    + "|".join(f"(?P<b{i}>{_alternation(forms)})" for i, forms in enumerate(_D["bounds"].values()))
    + r")[\s了]*$")
_RANGE = re.compile(  # "10-15%", "10 to 15 percent", "5至8万辆"
    r"(?:[ \t]?[-–~～][ \t]?|[ \t]+to[ \t]+|[ \t]?[至到][ \t]?)(?=[$€£¥￥]?\d)")
_PREVIOUS_WORD = re.compile(r"([A-Za-z][\w'’]*)[ \t]+$")
_NEXT_WORD = re.compile(r"[ \t-]+[a-z]")
_ORDINAL = re.compile(r"\s*(?P<num>\d{1,2})[.)]\s")
_BENCHMARK = re.compile(r"[ \t]+on[ \t]+(?:the[ \t]+)?(?P<name>[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?)")
_COMPARISON = re.compile(  # "20 percent more convincing than", "3x faster than"
    r"[ \t]+(?P<cmp>(?:more|less)[ \t]+[a-z]+|[a-z]{3,}er|more|less|fewer)[ \t]+than(?![A-Za-z])")
_triggers, _trigger_owner = _word_alternation([a["words"] for a in _D["attributes"]])
_ATTRIBUTE_NAMES = {w: _D["attributes"][i]["name"] for w, i in _trigger_owner.items()}
_ATTRIBUTE_UNITS = {w: frozenset(_D["attributes"][i].get("units") or ())
                    for w, i in _trigger_owner.items()}
_TRIGGER = re.compile(_triggers)
_TRIGGER_AFTER = re.compile(  # "20% growth", "$3.2 billion in (annual) revenue"
    r"(?:[ \t]+(?:of|in|for)[ \t]+(?:[a-z]+[ \t]+)?|[ \t-]?)(?:" + _triggers + ")")
