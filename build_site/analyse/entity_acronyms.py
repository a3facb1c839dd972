"""Names that the text pairs with brackets: acronym definitions and bracketed aliases.

``Massive Multitask Language Understanding (MMLU)`` and ``MMLU (Massive Multitask Language
Understanding)`` define an acronym: the two forms become one entity, and the expansion its
description. Finding the expansion uses the Schwartz & Hearst (2003) algorithm, which needs no
dictionary: the acronym's letters are matched right to left inside the preceding words, the
first one at a word start ('Chip-on-Wafer-on-Substrate (CoWoS)', 'vehicle-to-grid (V2G)',
'state-space models (SSMs)'). Other brackets after a name ('Process-Supervised RL (RLPF)',
'X (formerly Y)') are reported as weaker links.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from build_site.analyse.entity_cues import Cues
from build_site.analyse.entity_text import Layout, is_acronym

_PAREN = re.compile(r"\(([^()\n]{1,100})\)")
_SHORT_FORM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9&.\-]{1,11}$")
_TICKER = re.compile(r"^([A-Z][A-Za-z0-9]{0,9})\s*:\s*([A-Z]{1,5}(?:\.[A-Z]{1,2})?|\d{3,6}(?:\.[A-Z]{1,2})?)$")
_RENAMED = re.compile(r"^(?:formerly|previously|now|also known as|aka|a\.k\.a\.)\s+(.+)$", re.I)
_TRAILING_PUNCT = ".,;:!?…"


@dataclass(frozen=True)
class AliasLink:
    """Two surfaces the text itself declares to be one entity."""

    left: str
    right: str
    reason: str                 # definition, translation, short-name, abbreviation, paren-acronym, formerly,
                                # ticker


def acronym_definitions(text: str, layout: Layout, cues: Cues
                        ) -> tuple[list[tuple[str, int, str | None]], list[AliasLink]]:
    """(surface, start, type hint) of both sides of each definition in ``text``, and the links.

    A lowercase expansion ('state-space models') names a concept, so it hints a method.
    """
    found, links = [], []
    for match in _PAREN.finditer(text):
        inner = match.group(1).strip()
        inner_start = match.start(1) + match.group(1).index(inner)
        sentence_start = max(layout.sentence_at(match.start())[0], 0)
        before = text[sentence_start:match.start()].rstrip()
        pair = _forward(inner, inner_start, before, sentence_start, cues) or _reversed(
            inner, inner_start, before, sentence_start, cues)
        if pair is None:
            continue
        (short, short_start), (long, long_start) = pair
        found += [(short, short_start, None), (long, long_start, "method" if long[0].islower() else None)]
        links.append(AliasLink(long, short, "definition"))
    return found, links


def bracket_links(text: str, names_ending_at: Mapping[int, str], cues: Cues) -> list[AliasLink]:
    """'Process-Supervised RL (RLPF)', 'X (formerly Y)', 'Tesla (NASDAQ: TSLA)': a name and a
    bracket after it.

    A short form in brackets after a name that does not spell it out is a weak link: it binds
    only when the short form is defined elsewhere in the corpus (entity_filter checks), since
    'Meta (FAIR)' names a part of Meta, not Meta.
    """
    links = []
    for match in _PAREN.finditer(text):
        space = text[match.start() - 1:match.start()] == " "
        left = names_ending_at.get(match.start() - 1 if space else match.start())
        inner = match.group(1).strip()
        if left is None:
            continue
        renamed, ticker = _RENAMED.match(inner), _ticker(inner, cues)
        if ticker:
            links.append(AliasLink(left, ticker, "ticker"))
        elif renamed and renamed.group(1)[:1].isupper():
            links.append(AliasLink(left, renamed.group(1).rstrip(_TRAILING_PUNCT), "formerly"))
        elif is_short_form(inner, cues) and is_acronym(inner):
            links.append(AliasLink(left, inner, "paren-acronym"))
    return links


def ticker_brackets(text: str, cues: Cues) -> list[tuple[int, int]]:
    """Spans of '(NASDAQ: TSLA)'-style brackets: no name inside them is a candidate."""
    return [match.span() for match in _PAREN.finditer(text) if _exchange_ticker(match.group(1).strip(), cues)]


def _exchange_ticker(inner: str, cues: Cues) -> str | None:
    match = _TICKER.match(inner)
    return match.group(2) if match and match.group(1) in cues.stock_exchanges else None


def _ticker(inner: str, cues: Cues) -> str | None:
    """The ticker of '(NASDAQ: TSLA)' when it is letters (an alias worth matching), else None."""
    ticker = _exchange_ticker(inner, cues)
    return ticker if ticker and ticker[0].isalpha() else None


def is_short_form(text: str, cues: Cues) -> bool:
    """An acronym that may be defined: two capitals or more, not an everyday one like 'AI'."""
    return (_SHORT_FORM.match(text) is not None and sum(c.isupper() for c in text) >= 2
            and any(c.isalpha() for c in text) and not cues.is_generic_acronym(text))


def _forward(inner, inner_start, before, sentence_start, cues):
    """'Long Form (LF)'."""
    if not is_short_form(inner, cues):
        return None
    long = long_form(inner, before)
    if long is None:
        return None
    return (inner, inner_start), (long, sentence_start + len(before) - len(long))


def _reversed(inner, inner_start, before, sentence_start, cues):
    """'LF (Long Form)': the whole bracket must spell out the word before it."""
    short = re.search(r"(\S+)$", before)
    if short is None or not is_short_form(short.group(1), cues) or len(inner.split()) < 2:
        return None
    if long_form(short.group(1), inner) != inner:
        return None
    return (short.group(1), sentence_start + short.start(1)), (inner, inner_start)


def long_form(short: str, before: str) -> str | None:
    """Schwartz & Hearst: the short form's characters right to left in the last min(|A|+5, 2|A|)
    words, the first one at a word start. '2'/'4' between letters stand for 'to'/'for' (V2G)."""
    core = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
    letters = re.sub(r"(?<=[A-Za-z])2(?=[A-Za-z])", "to", re.sub(r"(?<=[A-Za-z])4(?=[A-Za-z])", "for", core))
    size = sum(c.isalnum() for c in core)
    window = " ".join(before.split()[-min(size + 5, size * 2):])
    s, position = len(letters) - 1, len(window) - 1
    while s >= 0:
        char = letters[s].lower()
        if not char.isalnum():
            s -= 1
            continue
        while position >= 0 and (window[position].lower() != char
                                 or (s == 0 and position > 0 and window[position - 1].isalnum())):
            position -= 1
        if position < 0:
            return None
        position -= 1
        s -= 1
    long = window[window.rfind(" ", 0, position + 1) + 1:]
    if len(re.split(r"[\s-]+", long)) < 2 or short in long or not long[0].isalnum():
        return None
    return long
