"""Step 2: decide which candidates are names, with the whole corpus in view.

A capital at a sentence start proves nothing ("However", "Fast forward", "Enter Claude Mythos"),
so a phrase there counts only from the first word that is *attested*: a word that starts a
capitalised phrase somewhere in the middle of a sentence ("its Claude family"), or a phrase that
occurs whole mid-sentence. Name-shaped words (digits, inner capitals, acronyms), an
organisation or institution word at the end ("Mistral AI") and a typing cue around the phrase
("Google's PaLM-2") are enough on their own. Headings, table rows and lead-ins only contribute
name-shaped words. Compounds of two known words are split ("Transformer-SSM" -> SSM).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

from build_site.analyse.entity_candidates import AliasLink, Candidate
from build_site.analyse.entity_cues import Cues
from build_site.analyse.entity_text import APPOSITIVE, is_number, is_strong_token
from build_site.model import Passage

_ACCEPTED_AS_FOUND = frozenset({"definition", "repo", "cell", "stem", "cjk", "quoted"})
_POSSESSIVE_NAME = re.compile(r"^['’]s\s+(?:[a-z-]+\s+)?[A-Z0-9]")


@dataclass(frozen=True)
class Accepted:
    """The names found, the type hints gathered for each, and the aliases that hold."""

    surfaces: frozenset[str]
    hints: Mapping[str, tuple[str, ...]]
    links: tuple[AliasLink, ...]


def accept_candidates(candidates: Sequence[Candidate], links: Sequence[AliasLink], passages: Sequence[Passage],
                      vocabulary: frozenset[str], enumerations: Iterable[tuple[int, list[tuple[int, int]]]],
                      cues: Cues) -> Accepted:
    """The candidates that are names, judged against corpus-wide attestation."""
    attested = _attestation(candidates, cues)
    tag_counts = Counter(c.surface for c in candidates if c.origin == "cjk-tag")
    hints: dict[str, list[str]] = defaultdict(list)
    for candidate in candidates:
        for surface in _accepted_forms(candidate, passages[candidate.passage].text, attested, tag_counts,
                                       vocabulary, cues):
            bucket = hints[surface]
            if candidate.hint:
                bucket.append(candidate.hint)
    kept_links = _holding_links(links)
    for link in kept_links:
        hints.setdefault(link.left, [])
        hints.setdefault(link.right, [])
    _add_enumerated(hints, passages, enumerations, cues)
    surfaces = _split_compounds(frozenset(hints), vocabulary, cues)
    return Accepted(surfaces=surfaces,
                    hints=MappingProxyType({s: tuple(sorted(hints.get(s, ()))) for s in sorted(surfaces)}),
                    links=kept_links)


def _attestation(candidates: Sequence[Candidate], cues: Cues) -> tuple[frozenset[str], ...]:
    """Phrases seen mid-sentence in body text, the words that start them, and every phrase."""
    phrases = {c.surface for c in candidates if c.origin == "phrase" and not c.initial and not c.title}
    starts = {phrase.split()[0] for phrase in phrases}
    anywhere = {c.surface for c in candidates if c.origin == "phrase"}
    return frozenset(phrases), frozenset(w for w in starts if not cues.never_alone(w)), frozenset(anywhere)


def _accepted_forms(candidate: Candidate, text: str, attested, tag_counts: Counter, vocabulary: frozenset[str],
                    cues: Cues) -> list[str]:
    if candidate.origin in _ACCEPTED_AS_FOUND:
        return [candidate.surface]
    if candidate.origin == "cjk-tag":
        return [candidate.surface] if tag_counts[candidate.surface] >= 2 or candidate.hint else []
    words = candidate.surface.split()
    if candidate.origin == "lead":
        return [candidate.surface] if _unusual(words, vocabulary, cues) or _designated(words, cues) else []
    if candidate.title:
        return _title_forms(candidate.surface, words, attested[0], cues)
    if not candidate.initial:
        return [candidate.surface]
    phrases, starts, anywhere = attested
    for first in range(len(words)):
        suffix = words[first:]
        if (" ".join(suffix) in phrases or _is_strong_phrase(suffix, cues)
                or len(suffix) > 1 and suffix[0] in starts):
            return [" ".join(suffix)]
    for first in range(1, len(words) - 1):
        if " ".join(words[first:]) in anywhere:  # 'Enter Claude Mythos' when 'Claude Mythos' occurs alone
            return [" ".join(words[first:])]
    if len(words) > 1 and _unusual(words, vocabulary, cues) or _has_cue(candidate, text, words, cues):
        return [candidate.surface]
    return []


def _unusual(words: list[str], vocabulary: frozenset[str], cues: Cues) -> bool:
    """No word of the phrase is ever written in lowercase in the corpus ('Elon Musk', 'Pfizer')."""
    return all(w.casefold() not in vocabulary and not cues.never_alone(w) for w in words)


def _designated(words: list[str], cues: Cues) -> bool:
    """'Viking Therapeutics', 'Japan Patent Office': ends with an organisation or institution word."""
    return len(words) > 1 and any(words[-1].casefold() in cues.name_words[kind] for kind in ("organization", "institution"))


def _title_forms(surface: str, words: list[str], phrases: frozenset[str], cues: Cues) -> list[str]:
    """In a heading only name-shaped words count: a version name ('Claude 3 Opus') or a
    designated name ('Viking Therapeutics') whole, else the runs of name-shaped tokens
    ('AINews Verdict & Predictions' -> 'AINews')."""
    if surface in phrases or _designated(words, cues) or (len(words) <= 4 and any(is_number(w) for w in words[1:])):
        return [surface]
    forms, run = [], []
    for word in (*words, ""):
        if word and (is_strong_token(word) and not cues.never_alone(word) or run and is_number(word)):
            run.append(word)
            continue
        if run:
            forms.append(" ".join(run))
        run = []
    return forms


def _is_strong_phrase(words: list[str], cues: Cues) -> bool:
    """Name-shaped: a strong token that is not an everyday acronym, or a number after a head."""
    return any(is_strong_token(w) and not cues.never_alone(w) for w in words) or any(is_number(w) for w in words[1:])


def _has_cue(candidate: Candidate, text: str, words: list[str], cues: Cues) -> bool:
    """A sentence-initial phrase that its context marks as a name: an organisation word at its
    end ('Mistral AI's models'), an appositive ('Northvolt, the Swedish startup'), an explicit
    cue phrase ('Anthropic, founded by'), a possessive before a name ("Google's PaLM-2") or, for a
    two-word name, a verb of speech. Class nouns do not count here: "Fresh entrants …"."""
    if _designated(words, cues):
        return True
    after = text[candidate.end:candidate.end + 80]
    if (APPOSITIVE.match(after) or cues.right_phrase.match(after)) and not words[-1].endswith("ly"):
        return True
    return bool(_POSSESSIVE_NAME.match(after) or len(words) > 1 and cues.person_verb.match(after))


def _holding_links(links: Sequence[AliasLink]) -> tuple[AliasLink, ...]:
    """All declared aliases, except a bracketed short form that is defined nowhere: 'Meta (FAIR)'
    names a part of Meta, while 'Process-Supervised RL (RLPF)' renames a defined RLPF."""
    defined = {link.right for link in links if link.reason == "definition"}
    defined |= {d[:-1] for d in defined if d.endswith("s")} | {d + "s" for d in defined}
    return tuple(sorted({link for link in links if link.reason != "paren-acronym" or link.right in defined},
                        key=lambda link: (link.left, link.right, link.reason)))


def _add_enumerated(hints: dict[str, list[str]], passages: Sequence[Passage],
                    enumerations: Iterable[tuple[int, list[tuple[int, int]]]], cues: Cues) -> None:
    """Members of a Chinese enumeration are names when two of them already are."""
    for index, members in enumerations:
        text = passages[index].text
        surfaces = [text[start:end] for start, end in members]
        if sum(surface in hints for surface in surfaces) < 2:
            continue
        for surface in surfaces:
            if surface not in hints and not any(char in cues.cjk.clause_chars for char in surface):
                hints[surface] = []


def _split_compounds(surfaces: frozenset[str], vocabulary: frozenset[str], cues: Cues) -> frozenset[str]:
    """'Transformer-SSM', 'Mythos-Core', 'LLM-as-Planner': hyphenated words made only of known
    names and common words are not names themselves (their known parts are)."""
    kept = set()
    for surface in surfaces:
        parts = surface.split("-")
        if " " in surface or len(parts) < 2 or any(c.isdigit() for c in surface):
            kept.add(surface)
            continue
        known = [part in surfaces or len(part) > 1 and part.casefold() in vocabulary or cues.never_alone(part)
                 for part in parts]
        if not all(known) or not any(part in surfaces for part in parts) and not any(
                cues.is_generic_acronym(part) for part in parts):
            kept.add(surface)
    return frozenset(kept)
