"""Character classes, name shapes and passage layout shared by the entity steps.

Latin names are bounded by anything that is not a Latin letter or digit, so CJK characters
count as boundaries (``OpenAI发布`` holds the name ``OpenAI``); Python's ``\\b`` would treat the
CJK characters as word characters and miss it. Layout records where sentences start and which
stretches of a passage read like a title, because capitals mean little there.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from build_site.analyse.sentences import split_sentences
from build_site.model import Passage

UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
ALNUM = LETTER + "0-9"
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"

CJK_CHAR = re.compile(f"[{CJK}]")
LATIN_ALNUM_CHAR = re.compile(f"[{ALNUM}]")
LATIN_ALNUM = frozenset(chr(c) for c in range(0x250) if LATIN_ALNUM_CHAR.match(chr(c)))  # the same characters
OPENERS = "\"'“‘([{「『（《【"
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
NUMBER = re.compile(r"^(?:\d+(?:[.,]\d+)*(?:[a-z]{0,2}|[KMBT])\+?|v\d[\w.]*)$")

# "X, the Swedish startup …", "X, Nvidia's chief executive, …": the description after a name.
APPOSITIVE = re.compile(r"^[\"'”’]?,\s+(?:(?:a|an|the)\s+|[A-Z][\w-]*(?:\s[A-Z][\w-]*)*['’]s\s+)"
                        r"([^,.;()]{3,120})")

_LIST_MARKER = re.compile(r"(?:\d{1,2}[.)]|[-*•])\s+")
_CJK_QUOTES = "“‘「『"
_CJK_QUOTE = re.compile(f"(?<=[{CJK}])[“‘「『]")
_AFTER_ANY_END = float("inf")
_COLON = re.compile(r"[:：]\s*")
# A full stop, its closers and a space before a capital: where the splitter saw an abbreviation
# ("311 ms. Analysts expect", "approx. Critics"), a sentence may still start (see _doubtful_starts).
_STOP_BEFORE_CAPITAL = re.compile(f"[.!?][\"'”’)\\]]*\\s+(?=[{UPPER}])")
_LEAD = re.compile(r"[^.!?。！？:：]{1,80}?[:：](?!//|\d)")
_BRACKETED = re.compile(r"\([^()]*\)")
_QUOTED_SEGMENT = re.compile(r"[“\"]([^”\"\n]{8,200})[”\"]")
_TITLE_WORD = re.compile(f"[{LETTER}][{ALNUM}'’-]{{3,}}")
_TRANSLITERATE = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d", "ł": "l",
                                "Ł": "L", "œ": "oe", "Œ": "OE", "ı": "i"})
HEADING_KINDS = frozenset({"title", "heading"})


def names_first(match: re.Match[str], offset: int, mention_starts: set[int]) -> bool:
    """Whether an appositive match (group 1, on text starting at ``offset``) opens with another
    name: then it is a list ('GPTs, the Assistant API'), not a description."""
    head = match.start(1) + offset
    span = len(" ".join(match.group(1).split()[:2]))
    return any(head <= start <= head + span for start in mention_starts)


def contains_any(text: str, pieces) -> bool:
    """Whether one of ``pieces`` (strings, or the characters of a string) occurs in ``text``."""
    for piece in pieces:
        if piece in text:
            return True
    return False


def has_cjk(text: str) -> bool:
    return CJK_CHAR.search(text) is not None


def is_latin_alnum(char: str) -> bool:
    return char[:1] in LATIN_ALNUM  # '' is not in it


def is_strong_token(token: str) -> bool:
    """A token that is a name by its shape: a digit with letters (GPT-2, H100), or a capital
    inside a hyphen part (OpenAI, xAI, ARC-AGI, GitHub). 'E-Tech' and 'Counter-Move' are not."""
    if any(c.isdigit() for c in token) and any(c.isalpha() for c in token):
        return True
    return any(len(part) >= 2 and any(c.isupper() for c in part[1:]) for part in re.split(r"[-.]", token))


def is_number(token: str) -> bool:
    return NUMBER.match(token) is not None


def is_acronym(token: str) -> bool:
    """All capitals (digits allowed, a plural 's' allowed): MMLU, TSMC, SSMs, GPT."""
    core = token[:-1] if token.endswith("s") and len(token) > 2 else token
    letters = [c for c in core if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and all(c.isalnum() or c in "&-" for c in core)


def slugify(name: str) -> str:
    """Entity id: lowercase ASCII letters, digits and hyphens; CJK characters kept as they are."""
    folded = unicodedata.normalize("NFKD", name.translate(_TRANSLITERATE))
    chars = []
    for char in folded:
        if unicodedata.combining(char):
            continue
        if char.isascii() and char.isalnum():
            chars.append(char.lower())
        elif CJK_CHAR.match(char):
            chars.append(char)
        else:
            chars.append("-")
    return re.sub("-+", "-", "".join(chars)).strip("-") or "entity"


@dataclass(frozen=True)
class Layout:
    """Where sentences start in a passage and which spans read like a title.

    ``starts`` holds the offsets of each sentence's first word (after list markers, quotes and
    a colon), each table cell's first word and each clause after a colon: a capital there may be
    forced by position. ``title_spans`` are headings, table rows, short lead-ins ending in a colon
    ("Data Takeaway:") and Title-Cased quotes: capitals there prove nothing at all.
    """

    sentences: tuple[tuple[int, int], ...]
    starts: frozenset[int]
    title_spans: tuple[tuple[int, int], ...]

    def in_title(self, offset: int) -> bool:
        if not self.title_spans:
            return False
        return any(start <= offset < end for start, end in self.title_spans)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.sentences, (offset, _AFTER_ANY_END)) - 1  # the last sentence starting at or before
        return self.sentences[max(index, 0)] if self.sentences else (0, 0)


def passage_layout(passage: Passage, introducers: frozenset[str] = frozenset()) -> Layout:
    """Sentence starts and title-like spans of one passage. ``introducers``: lowercase
    abbreviations after which a capital goes on the sentence ('e.g.', 'vs.'), casefolded."""
    text = passage.text
    if passage.kind == "table_row" and passage.cell_spans:
        sentences = tuple(passage.cell_spans)
    else:
        sentences = split_sentences(text) or ((0, len(text)),)
    starts = {_skip_openers(text, start) for start, _ in sentences}
    starts |= _doubtful_starts(text, starts, introducers)
    colon = ":" in text or "：" in text
    if colon:
        starts |= {_skip_openers(text, m.end()) for m in _COLON.finditer(text) if m.end() < len(text)}
    if contains_any(text, _CJK_QUOTES):  # a quote right after a CJK character
        starts |= {m.start() + 1 for m in _CJK_QUOTE.finditer(text)}
    return Layout(sentences=tuple(sorted(sentences)), starts=frozenset(starts), title_spans=_title_spans(passage, colon))


def _doubtful_starts(text: str, starts: set[int], introducers: frozenset[str]) -> set[int]:
    """Capitals after a full stop that the sentence splitter kept inside a sentence because the
    word before the stop may be an abbreviation: "latency of 311 ms. Analysts expect" ('ms' as
    in 'Ms.'). For names, such a capital proves no more than one at a sentence start, so it counts
    as one, unless the word before is capitalised ('Dr.', 'Inc.', an initial) or introduces more
    text ('e.g.', 'vs.'). A single capital after a number is no initial ('the Prism-8 X. Critics')."""
    found = set()
    for stop in _STOP_BEFORE_CAPITAL.finditer(text):
        if stop.end() in starts:
            continue
        space = text.rfind(" ", 0, stop.start())
        word = text[space + 1:stop.start()].lstrip(OPENERS)
        if word[:1].islower() and word.casefold() not in introducers or _ends_version(text, space, word):
            found.add(stop.end())
    return found


def _ends_version(text: str, space: int, word: str) -> bool:
    """'the Prism-8 X. Critics': one capital after a number ends a product name, not an initial."""
    return len(word) == 1 and word.isupper() and space > 0 and text[space - 1].isdigit()


def _skip_openers(text: str, offset: int) -> int:
    """First word of a sentence: past list markers ("1. ", "- ") and opening quotes."""
    size = len(text)
    while offset < size:
        char = text[offset]
        if char in OPENERS or char.isspace():
            offset += 1
        elif char.isdigit() or char in "-*•":  # how a list marker starts (no opener or space does)
            marker = _LIST_MARKER.match(text, offset)
            if marker is None:
                break
            offset = marker.end()
        else:
            break
    return offset


def _title_spans(passage: Passage, colon: bool = True) -> tuple[tuple[int, int], ...]:
    text = passage.text
    if passage.kind in HEADING_KINDS or passage.kind == "table_row":
        return ((0, len(text)),)
    spans = []
    lead = _LEAD.match(text, _skip_openers(text, 0)) if colon else None  # a lead-in ends with a colon
    if lead and _is_label(lead.group()):
        spans.append((0, lead.end()))
    if '"' in text or "“" in text:
        for segment in _QUOTED_SEGMENT.finditer(text):
            if _is_title_case(segment.group(1)):
                spans.append(segment.span(1))
    return tuple(spans)


def _is_label(lead: str) -> bool:
    """A lead-in such as "Data Takeaway:" or "OpenAI:": short and Title Cased. A bracket does
    not count ("Benchmark Reset (within 3 months):")."""
    if "(" in lead:
        lead = _BRACKETED.sub(" ", lead)
    words = lead.split()
    if len(words) > 8:
        return False
    long_words = _TITLE_WORD.findall(lead)
    return len(words) <= 3 or sum(w[0].isupper() for w in long_words) >= 0.8 * max(len(long_words), 1)


def _is_title_case(text: str) -> bool:
    """Four or more long words, nearly all capitalised: a quoted headline, not a sentence."""
    words = _TITLE_WORD.findall(text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
