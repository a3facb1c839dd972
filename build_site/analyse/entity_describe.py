"""Step 8: a one-line description for each entity, quoted from the sources.

Sources, best first (the earliest passage wins among equals):

1. an appositive or a copula: "Claude Mythos, an unreleased model …", "Anthropic, founded by
   ex-OpenAI researchers", "Gnoppix is the leading open-source AI Linux distribution …",
   "Jensen Huang, Nvidia's chief executive";
2. a list item's lead: "OpenAI: The undisputed capability leader with GPT-4 …", and a role
   before a name: "Novo's chief executive, Lars Fruergaard Jørgensen";
3. an acronym's expansion, when the entity is named by the acronym (MMLU: "Massive Multitask
   Language Understanding");
4. a table row the entity heads: "Core Strategy: Step-change via hybrid architecture & CAI".

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

_APPOSITIVE = re.compile(
    r"^,\s+((?:a|an|the)\s+[^,.;:()]{3,160}|(?:founded|co-founded|based|headquartered|known)\s+[^,.;:()]{3,160}"
    r"|[A-Z][\w-]*(?:\s[A-Z][\w-]*)*['’]s\s+[a-z][^,.;:()]{2,80})(?=[,.;:()]|$)")
_COPULA = re.compile(r"^\s+(?:is|was|remains)\s+((?:a|an|the)\s+[^.;:()]{3,160})(?=[.;:()]|$)")
_LEAD = re.compile(r"^(?:\s*\([^)]*\))?:\s+((?:The|A|An)\s+[^.;]{3,160})")
_ROLE_BEFORE = re.compile(r"([A-Z][\w-]*['’]s\s+[a-z][\w -]{2,40}),\s*$")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[\"'“‘]?$")
_MAX_WORDS = 30


@dataclass(frozen=True)
class Description:
    text: str
    document: str
    anchor: str


def find_descriptions(passages: Sequence[Passage], hits: Sequence[Hit], clusters: Sequence[Cluster],
                      names: Sequence[str], links: Sequence[AliasLink]) -> tuple[Description | None, ...]:
    """The best description of each cluster (None where the sources give none)."""
    best: dict[int, tuple[int, int, Description]] = {}
    starts: dict[int, set[int]] = {}
    for hit in hits:
        starts.setdefault(hit.passage, set()).add(hit.start)
    for order, hit in enumerate(hits):
        passage = passages[hit.passage]
        for rank, text in _described(passage, hit, starts[hit.passage]):
            _offer(best, hit.cluster, (rank, order), Description(_clean(text), passage.document, passage.anchor))
    expansions = {variant_key(link.right): link.left for link in links if link.reason == "definition"}
    for number, (cluster, name) in enumerate(zip(clusters, names)):
        if variant_key(name) in expansions and number not in best:
            source = next((h for h in hits if h.cluster == number), None)
            expansion = expansions[variant_key(name)]
            if source is not None and expansion != name:
                passage = passages[source.passage]
                best[number] = ((9, 0), Description(expansion, passage.document, passage.anchor))
    return tuple(best[number][1] if number in best else None for number in range(len(clusters)))


def _described(passage: Passage, hit: Hit, mention_starts: set[int]) -> list[tuple[int, str]]:
    text, found = passage.text, []
    after, before = text[hit.end:], text[:hit.start]
    appositive = _APPOSITIVE.match(after)
    if appositive and not names_first(appositive, hit.end, mention_starts):
        found.append((1, appositive.group(1)))
    copula = _COPULA.match(after)
    if copula and _SENTENCE_START.search(before):
        found.append((1, copula.group(1)))
    lead = _LEAD.match(after)
    if lead and passage.kind == "list_item" and hit.start <= 2:
        found.append((2, lead.group(1)))
    role = _ROLE_BEFORE.search(before)
    if role:
        found.append((2, role.group(1)))
    if passage.kind == "table_row" and len(passage.cell_spans) > 1 and hit.start == passage.cell_spans[0][0]:
        first, second = passage.cell_spans[:2]
        if hit.end >= first[1] - 12 and len(passage.header) > 1:
            found.append((10, f"{passage.header[1]}: {text[second[0]:second[1]]}"))
    return [(rank, description) for rank, description in found if len(description.split()) <= _MAX_WORDS]


def _offer(best: dict, cluster: int, key: tuple[int, int], description: Description) -> None:
    if cluster not in best or key < best[cluster][0]:
        best[cluster] = (key, description)


def _clean(text: str) -> str:
    return " ".join(text.split()).rstrip(" ,;:—-")
