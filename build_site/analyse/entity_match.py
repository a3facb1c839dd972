"""Step 4: find every occurrence of every alias, in one pass per passage.

All aliases go into one Aho–Corasick automaton (pyahocorasick), so the cost per passage does
not grow with the number of entities, and a name found in one document is found in all. Of overlapping hits the leftmost
longest wins ("Claude 3 Opus", not "Claude"); a Latin alias must stand between characters that
are not Latin letters or digits (CJK characters, spaces, punctuation all qualify), so
"OpenAI发布" holds "OpenAI" and "Metaverse" does not hold "Meta".

Two extra spellings are matched: a lowercase drug name capitalised at a sentence start
("Semaglutide"), and the lowercase form of a capitalised multi-word name ("constitutional AI"),
flagged as a variant because it only counts when the entity turns out to be a method.
"""
from __future__ import annotations

import operator
import re
import sys
from dataclasses import dataclass

import ahocorasick
from typing import Callable, Iterator, Mapping, NamedTuple, Sequence

from build_site.analyse.entity_merge import Cluster
from build_site.analyse.entity_text import LATIN_ALNUM, has_cjk, is_acronym
from build_site.model import Passage


_QUOTES = "\\s'\"‘’“”"
_COORDINATION = re.compile(f"^[{_QUOTES}]*(?:,(?:\\s*(?:and|or))?(?:\\s+the)?|and|or|&|、|和|与|及|/)[{_QUOTES}]*$")
_QUOTE_CHARS = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()) + "'\"‘’“”"
_CONJUNCTION_STARTS = frozenset(",ao&、和与及/")   # the first character of each conjunction above
BY_START = operator.attrgetter("start")  # sort key: hits by where they start


class Hit(NamedTuple):
    """One alias occurrence: the cluster it names and where (a named tuple, cheap to make)."""

    cluster: int
    passage: int
    start: int
    end: int
    variant: bool = False


@dataclass(frozen=True)
class Matcher:
    """The alias table and a function listing raw (start, end, alias) hits in a text."""

    aliases: Mapping[str, tuple[int, bool]]
    scan: Callable[[str], Iterator[tuple[int, int, str]]]
    automaton: object = None      # the same aliases, each with (length, cluster, variant); None if none


def build_matcher(clusters: Sequence[Cluster]) -> Matcher:
    """Every surface of every cluster, plus the extra spellings, mapped to (cluster, variant)."""
    aliases: dict[str, tuple[int, bool]] = {}
    for number, cluster in enumerate(clusters):
        for surface in cluster.surfaces:
            aliases.setdefault(surface, (number, False))
        for surface in cluster.surfaces:
            for spelling, variant in _spellings(surface):
                aliases.setdefault(spelling, (number, variant))
    automaton = None
    if aliases:
        automaton = ahocorasick.Automaton()
        for alias in sorted(aliases):
            automaton.add_word(alias, (len(alias), *aliases[alias]))
        automaton.make_automaton()
    return Matcher(aliases=aliases, scan=_scanner(automaton), automaton=automaton)


def match_passages(passages: Sequence[Passage], matcher: Matcher) -> tuple[Hit, ...]:
    """Every alias occurrence in every passage, leftmost-longest, with word boundaries."""
    hits: list[Hit] = []
    automaton = matcher.automaton
    if automaton is None:
        return ()
    latin = LATIN_ALNUM
    for index, passage in enumerate(passages):
        text = passage.text
        size = len(text)
        found = []
        for last, (length, cluster, variant) in automaton.iter(text):
            end = last + 1
            start = end - length
            # A Latin alias must not continue a word on either side ('GPT-4' is not in 'GPT-4o'
            # nor in 'GPT-4.5'); CJK aliases need no boundary.
            if start > 0 and text[start] in latin and text[start - 1] in latin:
                continue
            if end < size and text[last] in latin:
                after = text[end]
                if after in latin or (after in ".-" and text[end + 1:end + 2].isdigit()):
                    continue
            found.append((start, -end, cluster, variant))
        if not found:
            continue
        found.sort()  # leftmost first, then longest (one alias per span, so nothing else ties)
        taken = -1
        for start, negative_end, cluster, variant in found:
            if start >= taken:
                hits.append(Hit(cluster, index, start, -negative_end, variant))
                taken = -negative_end
    return tuple(hits)


def coordinated(text: str, hits: Sequence[Hit]) -> list[list[Hit]]:
    """Mentions of one passage grouped into lists: joined only by commas, 'and', 'or', '、'
    ('xAI and Meta', "'Strawberry' and 'Arrakis'", "GPTs, the Assistant API"). A cue on a list
    applies to every member; "Intel Foundry and the 18A node" is two noun phrases, not a list,
    and in "Shein, the Singapore-based seller" the second name only modifies a noun."""
    groups: list[list[Hit]] = []
    previous = None
    for hit in sorted(hits, key=BY_START):
        if previous is not None and hit.start >= previous.end and not _modifies(text, hit):
            between = text[previous.end:hit.start]
            core = between.strip(_QUOTE_CHARS)  # what _COORDINATION allows around the conjunction
            if core[:1] in _CONJUNCTION_STARTS and _COORDINATION.match(between):
                groups[-1].append(hit)
                previous = hit
                continue
        groups.append([hit])
        previous = hit
    return groups


def _modifies(text: str, hit: Hit) -> bool:
    """'Singapore-based', 'Nvidia-backed': a name hyphened to a lowercase word is a modifier."""
    return text[hit.end:hit.end + 1] == "-" and text[hit.end + 1:hit.end + 2].islower()


def _spellings(surface: str) -> list[tuple[str, bool]]:
    """Extra spellings of a surface: capitalised lowercase names, lowercased capitalised terms."""
    if has_cjk(surface) or not surface[:1].isalpha():
        return []
    if surface[0].islower():
        return [(surface[0].upper() + surface[1:], False)]
    words = surface.split()
    if len(words) < 2 or "/" in surface:
        return []
    lowered = " ".join(w if is_acronym(w) or not w.isalpha() else w.lower() for w in words)
    return [(lowered, True)] if lowered != surface else []


def _scanner(automaton) -> Callable[[str], Iterator[tuple[int, int, str]]]:
    """(start, end, alias) of each raw hit of the automaton over every alias."""
    if automaton is None:
        return lambda text: iter(())

    def scan(text: str) -> Iterator[tuple[int, int, str]]:
        for last, (length, _, _) in automaton.iter(text):
            yield last + 1 - length, last + 1, text[last + 1 - length:last + 1]
    return scan
