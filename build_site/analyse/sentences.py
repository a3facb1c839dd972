"""Sentences of one paragraph, as character spans, for English, Chinese and mixed text.

Claims are labelled and quantities extracted per sentence, and a page links back to the exact
span, so the splitter returns offsets rather than strings and never loses a character: the
spans cover the paragraph except the whitespace between sentences.

Rules, in the order they are tried at each run of terminators (``.``, ``!``, ``?``, ``…``,
``。``, ``！``, ``？``) plus any closing quotes or brackets, which stay with the sentence:

* Chinese terminators always end a sentence (``；`` does not).
* An ASCII terminator with no whitespace after it ends one only between two CJK characters
  (Chinese typed with ASCII punctuation); otherwise it is a decimal ``1.5``, a domain, an
  acronym ``U.S`` ... .
* After whitespace the next sentence must look like one: an upper-case letter, a digit, an
  opening quote or bracket, a CJK character, or ``iPhone``-style words.
* ``!`` and ``?`` then end the sentence; an ellipsis only before a capital or a quote.
* A single ``.`` does not end one after an abbreviation (``build_site/data/abbreviations.yml``),
  an initial (``J. R. R. Tolkien``), a dotted acronym (``U.S.``) unless a frequent sentence
  starter follows, or a list ordinal (``1.`` as the first token of the sentence).

Everything is one left-to-right pass with constant work per terminator: linear time.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

_DATA = Path(__file__).resolve().parent.parent / "data" / "abbreviations.yml"

_CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CJK = re.compile(f"[{_CJK_RANGES}]")
_CJK_TERMINATORS = frozenset("。！？｡")
_CLOSERS = "\"'”’)]}」』）》】〕"
_OPENERS = "\"'“‘([{「『（《【〔"
_TERMINATOR_RUN = re.compile("[.!?…。！？｡]+[" + re.escape(_CLOSERS) + "]*")
_SPACE = re.compile(r"\s*")
_WORD = re.compile(r"[A-Za-z]{1,20}")
_MAX_TOKEN = 40  # longest token inspected before a '.', enough for any abbreviation


def _load_abbreviations(path: Path) -> dict[str, frozenset[str]]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    for key, values in data.items():
        if not all(isinstance(value, str) for value in values):
            raise TypeError(f"{path.name}: every entry of {key!r} must be a string (quote 'no', 'on')")
    lowered = {key: frozenset(v.lower() for v in data[key])
               for key in ("never_final", "before_number", "may_end")}
    return {**lowered, "sentence_starters": frozenset(data["sentence_starters"])}


_ABBREVIATIONS = _load_abbreviations(_DATA)


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) spans of the sentences of ``text``, in order, without outer whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in (*_boundaries(text), len(text)):
        span = _strip(text, start, cut)
        if span is not None:
            spans.append(span)
        start = cut
    return tuple(spans)


def _boundaries(text: str) -> list[int]:
    """Offsets just after each sentence-final terminator run (closers included)."""
    cuts: list[int] = []
    sentence_start = _SPACE.match(text).end()
    for run in _TERMINATOR_RUN.finditer(text):
        following = _SPACE.match(text, run.end()).end()
        if following >= len(text):
            break
        if _ends_sentence(text, run, following, sentence_start):
            cuts.append(run.end())
            sentence_start = following
    return cuts


def _ends_sentence(text: str, run: re.Match[str], following: int, sentence_start: int) -> bool:
    """Whether the terminator ``run`` ends a sentence; the next one would start at ``following``."""
    terminators = run.group().rstrip(_CLOSERS)
    if any(ch in _CJK_TERMINATORS for ch in terminators):
        return True
    if following == run.end():  # no whitespace: only Chinese written with ASCII punctuation
        return run.start() > 0 and _is_cjk(text, run.start() - 1) and _is_cjk(text, following)
    if "…" in terminators or ".." in terminators:
        return text[following].isupper() or text[following] in _OPENERS or _is_cjk(text, following)
    if not _starts_sentence(text, following):
        return False
    if terminators[-1] in "!?" or len(terminators) > 1:
        return True
    return not _is_abbreviation(text, run.start(), following, sentence_start)


def _starts_sentence(text: str, i: int) -> bool:
    """Whether a sentence can begin at ``i``: capital, digit, opener, CJK or ``iPhone``."""
    ch = text[i]
    if ch.isupper() or ch.isdigit() or ch in _OPENERS or _is_cjk(text, i):
        return True
    return ch.islower() and i + 1 < len(text) and text[i + 1].isupper()


def _is_abbreviation(text: str, dot: int, following: int, sentence_start: int) -> bool:
    """Whether the ``.`` at ``dot`` belongs to the token before it rather than ending a sentence."""
    token_start = _token_start(text, dot)
    token = text[token_start:dot].lstrip(_OPENERS)
    lowered = token.lower()
    if not token:
        return False
    if lowered in _ABBREVIATIONS["never_final"]:
        return True
    if lowered in _ABBREVIATIONS["before_number"] and text[following].isdigit():
        return True
    if token.isdigit():  # "1. Introduction": a list ordinal opening the sentence
        return token_start == sentence_start and len(token) <= 2
    initial = len(token) == 1 and token.isupper()
    if initial or lowered in _ABBREVIATIONS["may_end"] or _is_dotted_acronym(token):
        return not _starter_follows(text, following, allow_single_letter=not initial)
    return False


def _token_start(text: str, end: int) -> int:
    """Start of the whitespace-delimited token ending at ``end`` (bounded look-back)."""
    i, floor = end, max(0, end - _MAX_TOKEN)
    while i > floor and not text[i - 1].isspace():
        i -= 1
    return i


def _is_dotted_acronym(token: str) -> bool:
    """``U.S``, ``a.m``, ``U.K`` (the final dot is the terminator being judged)."""
    letters, dots = token[0::2], token[1::2]
    return len(token) >= 3 and letters.isalpha() and set(dots) == {"."}


def _starter_follows(text: str, i: int, allow_single_letter: bool) -> bool:
    """Whether the word at ``i`` is a frequent sentence starter ("The", "However", ...)."""
    word = _WORD.match(text, i)
    if word is None:
        return False
    if len(word.group()) == 1 and not allow_single_letter:
        return False
    return word.group() in _ABBREVIATIONS["sentence_starters"]


def _is_cjk(text: str, i: int) -> bool:
    return _CJK.match(text, i) is not None


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` without surrounding whitespace, or None if only whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
