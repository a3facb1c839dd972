"""Named entities of a corpus: organisations, products, people, benchmarks, methods, projects,
institutions, with their aliases, mentions, types, relations and descriptions.

Generic for any domain: no entity is known in advance, only cue words (``data/entity_cues.yml``)
and, optionally, a user's curated knowledge file. The steps, each in its own module:

1. detect candidates by shape, one pass of fixed regexes per passage (entity_candidates,
   entity_acronyms, entity_cjk);
2. keep those that are names, with the whole corpus in view (entity_filter);
3. merge aliases into entities (entity_merge);
4. build one Aho–Corasick automaton over all aliases, and
5. match every passage once: every occurrence becomes a mention (entity_match);
6. type each entity by voting on the evidence around its mentions (entity_types); places are
   recognised too, and left out: they are not among the types;
7. read the relations the text states (entity_relations);
8. quote a description from the sources (entity_describe).

Everything returned is sorted, so the same passages always give the same index.
"""
from __future__ import annotations

import gc
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple, Sequence

from build_site.analyse.entity_acronyms import AliasLink
from build_site.analyse.entity_candidates import (Candidate, corpus_stems, corpus_vocabulary, corpus_words,
                                                     latin_candidates)
from build_site.analyse.entity_cjk import Word, cjk_candidates, enumerations, segment
from build_site.analyse.entity_cues import PLACE, Cues, load_cues
from build_site.analyse.entity_describe import Description, find_descriptions
from build_site.analyse.entity_filter import accept_candidates
from build_site.analyse.entity_knowledge import Knowledge, load_knowledge
from build_site.analyse.entity_match import Hit, build_matcher, match_passages
from build_site.analyse.entity_merge import Cluster, choose_name, merge_aliases
from build_site.analyse.entity_relations import Found, find_relations
from build_site.analyse.entity_text import has_cjk, passage_layout, slugify
from build_site.analyse.entity_types import infer_types
from build_site.paths import fit_name
from build_site.model import Passage

__all__ = ["Entity", "EntityIndex", "Knowledge", "Mention", "Relation", "extract_entities", "load_knowledge"]


@dataclass(frozen=True, slots=True)
class Entity:
    id: str                                        # slug of the name, unique in the corpus
    name: str                                      # canonical display name
    type: str                                      # one of entity_cues.TYPES
    aliases: tuple[str, ...]                       # other surface forms seen in the text, sorted
    description: str | None                        # one line quoted from the sources, or curated
    description_source: tuple[str, str] | None     # (document, anchor); None when curated or absent


class Mention(NamedTuple):
    """One occurrence of an entity in a passage. A named tuple: an index holds hundreds of
    thousands, and a tuple is a third of the memory of a dataclass instance and quick to make."""

    entity: str
    document: str
    anchor: str
    start: int                                     # offsets into Passage.text
    end: int
    surface: str


@dataclass(frozen=True, slots=True)
class Relation:
    subject: str                                   # entity ids
    predicate: str                                 # develops, founded_by, former_staff_of, competes_with, part_of, uses
    object: str
    document: str                                  # "" for a curated relation
    anchor: str


@dataclass(frozen=True, slots=True)
class EntityIndex:
    entities: tuple[Entity, ...]                   # sorted by id
    mentions: tuple[Mention, ...]                  # sorted by (document, passage order, start)
    relations: tuple[Relation, ...]                # sorted, deduplicated


def extract_entities(passages: Sequence[Passage], knowledge: Knowledge | None = None) -> EntityIndex:
    """The entity index of a corpus (all documents' passages, in document order)."""
    with _cyclic_gc_paused():
        return _extract(tuple(passages), knowledge)


@contextmanager
def _cyclic_gc_paused():
    """The extraction makes hundreds of thousands of small values (candidates, mentions, votes)
    and no reference cycles: the cyclic collector would walk them again and again for nothing
    (a quarter of the time at 1,000 documents). It is paused for the call, then restored;
    reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _extract(passages: tuple[Passage, ...], knowledge: Knowledge | None) -> EntityIndex:
    cues = load_cues()
    # 1. Candidates by shape, per passage (Chinese passages are segmented once, as jieba does).
    words = {i: segment(p.text) for i, p in enumerate(passages) if has_cjk(p.text)}
    latin_words = corpus_words(passages)
    candidates, links, lists = _detect(passages, words, corpus_stems(latin_words, cues), cues)
    # 2. Keep the names, judged against the whole corpus.
    accepted = accept_candidates(candidates, links, passages, corpus_vocabulary(latin_words), lists, cues)
    # 3. Merge aliases into entities.
    clusters = merge_aliases(accepted, knowledge, cues)
    # 4-5. One automaton over every alias; one matching pass per passage.
    hits = match_passages(passages, build_matcher(clusters))
    # 6. Types by vote; places and unconfirmed lowercase variants leave the index.
    types = infer_types(clusters, hits, passages, accepted.hints, cues)
    hits = tuple(hit for hit in hits if _kept(hit, types[hit.cluster]))
    # 7. Relations the text states.
    relations = find_relations(passages, hits, types, cues)
    # 8. Names and descriptions, then the frozen, sorted index.
    names = _names(clusters, hits, passages)
    descriptions = find_descriptions(passages, hits, clusters, names, accepted.links)
    return _assemble(passages, clusters, names, types, hits, relations, descriptions, knowledge)


def _kept(hit: Hit, kind: str) -> bool:
    """Places are not indexed; a lowercase variant ('constitutional AI') only names a method."""
    return kind != PLACE and (not hit.variant or kind == "method")


def _detect(passages: tuple[Passage, ...], words: dict[int, tuple[Word, ...]], stems: tuple[str, ...], cues: Cues
            ) -> tuple[list[Candidate], list[AliasLink], list[tuple[int, list[tuple[int, int]]]]]:
    """Step 1 for every passage: Latin and Chinese candidates, declared aliases, enumerations."""
    candidates, links, lists = [], [], []
    for index, passage in enumerate(passages):
        found, declared = latin_candidates(index, passage, passage_layout(passage, cues.introducers), cues, stems)
        candidates += found
        links += declared
        if index in words:
            found, declared = cjk_candidates(index, passage, words[index], cues.cjk)
            candidates += found
            links += declared
            lists += [(index, members) for members in enumerations(passage.text, words[index], cues.cjk)]
    return candidates, links, lists


def _names(clusters: Sequence[Cluster], hits: Sequence[Hit], passages: Sequence[Passage]) -> tuple[str, ...]:
    """Each cluster's display name, from how often each of its surfaces is used ('' if unused)."""
    counts: list[Counter] = [Counter() for _ in clusters]
    for hit in hits:
        counts[hit.cluster][passages[hit.passage].text[hit.start:hit.end]] += 1
    return tuple(choose_name(cluster, count) if count else "" for cluster, count in zip(clusters, counts))


def _assemble(passages, clusters, names, types, hits, relations: Sequence[Found],
              descriptions: Sequence[Description | None], knowledge: Knowledge | None) -> EntityIndex:
    """Freeze everything into sorted public values; entities without a mention are dropped."""
    ids = _unique_ids(names)
    seen: dict[int, set[str]] = {}
    by_passage: dict[int, list[Mention]] = {}  # hits come passage by passage, by start within each
    for hit in hits:
        passage = passages[hit.passage]
        surface = passage.text[hit.start:hit.end]
        seen.setdefault(hit.cluster, set()).add(surface)
        mention = Mention(ids[hit.cluster], passage.document, passage.anchor, hit.start, hit.end, surface)
        found = by_passage.get(hit.passage)
        if found is None:
            by_passage[hit.passage] = [mention]
        else:
            found.append(mention)
    order = sorted(by_passage, key=lambda index: (passages[index].document, index))
    entities = [_entity(ids[n], names[n], types[n], seen[n], clusters[n], descriptions[n]) for n in sorted(seen)]
    return EntityIndex(
        entities=tuple(sorted(entities, key=lambda e: e.id)),
        mentions=tuple(mention for index in order for mention in by_passage[index]),
        relations=_relations(relations, ids, passages, clusters, knowledge, set(seen)),
    )


def _entity(entity_id: str, name: str, kind: str, surfaces: set[str], cluster: Cluster,
            description: Description | None) -> Entity:
    curated = cluster.curated.description if cluster.curated else None
    if curated:
        text, source = curated, None
    elif description is not None:
        text, source = description.text, (description.document, description.anchor)
    else:
        text, source = None, None
    return Entity(entity_id, name, kind, tuple(sorted(surfaces - {name})), text, source)


def _unique_ids(names: Sequence[str]) -> tuple[str, ...]:
    """Slugs of the names, short enough to name a file; a clash gets '-2', '-3' in the order
    of the names themselves."""
    ids: dict[int, str] = {}
    used: set[str] = {"index"}          # entities/index.md lists the entities: "Index" is "index-2"
    for number in sorted(range(len(names)), key=lambda n: (names[n], n)):
        base = fit_name(slugify(names[number])) if names[number] else f"unnamed-{number}"
        candidate, suffix = base, 2
        while candidate in used:
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        used.add(candidate)
        ids[number] = candidate
    return tuple(ids[n] for n in range(len(names)))


def _relations(found: Sequence[Found], ids, passages, clusters, knowledge: Knowledge | None,
               present: set[int]) -> tuple[Relation, ...]:
    relations = set()
    for item in found:
        subject, obj = ids[item.subject], ids[item.object]
        if item.predicate == "competes_with" and obj < subject:
            subject, obj = obj, subject
        passage = passages[item.passage]
        relations.add(Relation(subject, item.predicate, obj, passage.document, passage.anchor))
    if knowledge is not None:
        owner = {s: n for n in present for s in clusters[n].surfaces}
        for curated in knowledge.relations:
            if curated.subject in owner and curated.object in owner:
                subject, obj = ids[owner[curated.subject]], ids[owner[curated.object]]
                relations.add(Relation(subject, curated.predicate, obj, "", ""))
    return tuple(sorted(relations, key=lambda r: (r.subject, r.predicate, r.object, r.document, r.anchor)))
