"""Step 8: a one-line description for each entity, quoted from the sources.

Sources, best first (the earliest mention wins among equals):

1. an appositive or a copula: "Claude Mythos, an unreleased model …", "Anthropic, founded by
   ex-OpenAI researchers", "Gnoppix is the leading open-source AI Linux distribution …",
   "Jensen Huang, Nvidia's chief executive";
2. a list item's lead: "OpenAI: The undisputed capability leader with GPT-4 …", and a role
   before a name: "Novo's chief executive, Lars Fruergaard Jørgensen";
3. an acronym's expansion, when the entity is named by the acronym (MMLU: "Massive Multitask
   Language Understanding");
4. a table row the entity heads: "Core Strategy: Step-change via hybrid architecture & CAI".

A description must read as a noun phrase: it is cut before a relative clause ("… model that
Anthropic decided …"), and dropped when it holds an auxiliary verb ("IQVIA, the duopoly is
unlikely …") or runs too long ("Pfizer: The company abandoned the twice-daily version …").
Curated knowledge overrides all of them (its source is None).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from build_site.analyse.entity_acronyms import AliasLink
from build_site.analyse.entity_match import Hit
from build_site.analyse.entity_merge import Cluster, variant_key
from build_site.analyse.entity_text import names_first
from build_site.model import Passage

_PHRASE = r"(?:[^,.;:()]|\([^()]*\))"  # a description may hold a bracket: "(`state-spaces/mamba` …)"
_APPOSITIVE = re.compile(
    rf"^[\"'”’]?,\s+((?:a|an|the)\s+{_PHRASE}{{3,160}}"
    rf"|(?:founded|co-founded|based|headquartered)\s+{_PHRASE}{{3,160}}"
    rf"|[A-Z][\w-]*(?:\s[A-Z][\w-]*)*['’]s\s+[a-z]{_PHRASE}{{2,80}})(?=[,.;:]|$)")
_COPULA = re.compile(rf"^\s+(?:is|was|remains)\s+((?:a|an|the)\s+{_PHRASE}{{3,160}})(?=[.;:]|$)")
_COPULA_HEAD = re.compile(r"\s+(?:is|was|remains)\s+(?:a|an|the)\s")  # how a _COPULA match starts
_LEAD = re.compile(r"^(?:\s*\([^)]*\))?:\s+((?:The|A|An)\s+(?:[^.;,]|\.(?=\d)){3,160})")
_ROLE_BEFORE = re.compile(r"([A-Z][\w-]*['’]s\s+[a-z][\w -]{2,40}),\s*$")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[\"'“‘]?$")
_RELATIVE = re.compile(r"\s+(?:that|which|who|whose|where)\s.*$")
_AUXILIARY = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|does|did)\b")
_MAX_WORDS = {1: 14, 2: 10}  # appositives and copulas; leads and roles


@dataclass(frozen=True)
class Description:
    text: str
    document: str
    anchor: str


def find_descriptions(passages: Sequence[Passage], hits: Sequence[Hit], clusters: Sequence[Cluster],
                      names: Sequence[str], links: Sequence[AliasLink]) -> tuple[Description | None, ...]:
    """The best description of each cluster (None where the sources give none)."""
    best: dict[int, tuple[tuple[int, int], Description]] = {}
    starts: dict[int, set[int]] = {}
    for hit in hits:
        starts.setdefault(hit.passage, set()).add(hit.start)
    for order, hit in enumerate(hits):
        passage = passages[hit.passage]
        if not _may_describe(passage, hit):
            continue
        for rank, text in _described(passage, hit, starts[hit.passage]):
            _offer(best, hit.cluster, (rank, order), Description(text, passage.document, passage.anchor))
    expansions = {variant_key(link.right): link.left for link in links if link.reason == "definition"}
    first_hit = {}
    for hit in reversed(hits):
        first_hit[hit.cluster] = hit
    for number, name in enumerate(names):
        expansion = expansions.get(variant_key(name)) if name else None
        if expansion and expansion != name and number in first_hit:
            passage = passages[first_hit[number].passage]
            _offer(best, number, (3, 0), Description(expansion, passage.document, passage.anchor))
    return tuple(best[number][1] if number in best else None for number in range(len(clusters)))


def _described(passage: Passage, hit: Hit, mention_starts: set[int]) -> list[tuple[int, str]]:
    """(rank, description) pairs this mention's context offers."""
    text, found = passage.text, []
    # Each pattern is anchored: the characters next to the name rule most of them out at once.
    first, second = text[hit.end:hit.end + 1], text[hit.end + 1:hit.end + 2]
    space = first.isspace()
    if first == "," or (first and first in "\"'”’" and second == ","):
        appositive = _APPOSITIVE.match(text[hit.end:])
        if appositive and not names_first(appositive, hit.end, mention_starts):
            found.append((1, appositive.group(1)))
    if space and _COPULA_HEAD.match(text, hit.end):
        copula = _COPULA.match(text[hit.end:])
        if copula and _SENTENCE_START.search(text[:hit.start]):
            found.append((1, copula.group(1)))
    if passage.kind == "list_item" and hit.start <= 2 and (space or first in (":", "(")):
        lead = _LEAD.match(text[hit.end:])
        if lead:
            found.append((2, lead.group(1)))
    if _comma_before(text, hit.start):  # _ROLE_BEFORE ends with a comma and spaces
        role = _ROLE_BEFORE.search(text[:hit.start])
        if role:
            found.append((2, role.group(1)))
    described = [(rank, _noun_phrase(description, _MAX_WORDS[rank])) for rank, description in found]
    if passage.kind == "table_row":
        described += _table_cell(passage, hit)
    return [(rank, description) for rank, description in described if description]


def _may_describe(passage: Passage, hit: Hit) -> bool:
    """What ``_described`` needs before it can find anything, checked cheaply: a comma or a space
    after the name, a list item's lead, a comma before it, or a table row."""
    text, end = passage.text, hit.end
    first = text[end:end + 1]
    return (first == "," or (first != "" and first in "\"'”’" and text[end + 1:end + 2] == ",")
            or (first.isspace() and _COPULA_HEAD.match(text, end) is not None)
            or passage.kind in ("list_item", "table_row") or _comma_before(text, hit.start))


def _comma_before(text: str, offset: int) -> bool:
    """Whether the last character before ``offset`` that is not a space is a comma."""
    offset -= 1
    while offset >= 0 and text[offset].isspace():
        offset -= 1
    return offset >= 0 and text[offset] == ","


def _table_cell(passage: Passage, hit: Hit) -> list[tuple[int, str]]:
    """'Core Strategy: Step-change via hybrid architecture & CAI' for the entity heading a row."""
    cells = passage.cell_spans
    if passage.kind != "table_row" or len(cells) < 2 or len(passage.header) < 2 or hit.start != cells[0][0]:
        return []
    if hit.end < cells[0][1] - 12:  # the cell says more than the name: not a row about it
        return []
    return [(4, f"{passage.header[1]}: {passage.text[cells[1][0]:cells[1][1]]}")]


def _noun_phrase(text: str, max_words: int) -> str | None:
    """The description as a tidy noun phrase, or None when it reads as a clause."""
    text = _RELATIVE.sub("", " ".join(text.split())).rstrip(" ,;:—-")
    if _AUXILIARY.search(text) or len(text.split()) > max_words:
        return None
    return text


def _offer(best: dict, cluster: int, key: tuple[int, int], description: Description) -> None:
    if cluster not in best or key < best[cluster][0]:
        best[cluster] = (key, description)
