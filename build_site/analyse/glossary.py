"""Glossary: acronyms the sources define, as ``Expansion Words (ACR)`` or ``ACR (Expansion Words)``.

A definition counts only when the acronym's letters are the initials of the expansion's words
(allowing a skipped small word and letters taken from inside a word, as in "RLAIF" for
"reinforcement learning from AI feedback"), so "(e.g., Mamba-2)" or "(GPT-4o)" never become terms.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document

_ACRONYM = r"[A-Z][A-Za-z0-9&]{1,9}"
_EXPANSION_BEFORE = re.compile(r"((?:[A-Za-z][\w'’-]*[ ]){1,9}[A-Za-z][\w'’-]*)\s*\((" + _ACRONYM + r")\)")
_EXPANSION_AFTER = re.compile(r"\b(" + _ACRONYM + r")\s*\(((?:[A-Za-z][\w'’-]*[ ]){1,9}[A-Za-z][\w'’-]*)\)")
_SMALL = frozenset("of for from and the in on to with a an by at as via &".split())


@dataclass(frozen=True)
class Term:
    acronym: str
    expansion: str
    document: str
    anchor: str


def find_terms(document: Document) -> tuple[Term, ...]:
    terms: list[Term] = []
    for passage in document.passages:
        if "(" not in passage.text:     # both forms need one; most passages have none
            continue
        for match in _EXPANSION_BEFORE.finditer(passage.text):
            expansion = _fit(match.group(1), match.group(2))
            if expansion:
                terms.append(Term(match.group(2), expansion, document.id, passage.anchor))
        for match in _EXPANSION_AFTER.finditer(passage.text):
            expansion = _fit(match.group(2), match.group(1), from_start=True)
            if expansion:
                terms.append(Term(match.group(1), expansion, document.id, passage.anchor))
    return tuple(terms)


def _fit(words_text: str, acronym: str, *, from_start: bool = False) -> str | None:
    """The shortest run of trailing (or leading) words whose initials spell the acronym."""
    singular = acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() else acronym   # SSMs
    letters = [c.lower() for c in singular if c.isalpha()]
    if len(letters) < 2 or acronym.lower() == acronym:
        return None
    words = words_text.split(" ")
    for size in range(2, len(words) + 1):
        chosen = words[:size] if from_start else words[-size:]
        if chosen[0].lower() in _SMALL or chosen[-1].lower() in _SMALL:
            continue
        if _spells(letters, chosen):
            return " ".join(chosen)
    return None


def _spells(letters: list[str], words: list[str]) -> bool:
    """Each significant word contributes its initial, in order; extra letters may come from
    inside a word (AlphaFold -> AF) or from small words that are spelled (of -> O)."""
    i = 0
    for word in (part for w in words for part in w.split("-") if part):   # state-space -> S, S
        lower = word.lower()
        if i < len(letters) and lower[0] == letters[i]:
            i += 1
            for ch in word[1:]:          # internal capitals: "DeepMind" -> D, M
                if i < len(letters) and ch.isupper() and ch.lower() == letters[i]:
                    i += 1
        elif lower not in _SMALL:
            return False
    return i == len(letters)


def merge_terms(terms: list[Term]) -> tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]:
    """One entry per acronym: (acronym, expansion as first written, every (document, anchor))."""
    entries: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for term in terms:
        expansion, places = entries.setdefault(term.acronym, (term.expansion, []))
        if (term.document, term.anchor) not in places:
            places.append((term.document, term.anchor))
    return tuple((acr, exp, tuple(places)) for acr, (exp, places) in sorted(entries.items(), key=lambda kv: kv[0].lower()))
