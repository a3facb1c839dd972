"""Stage 4, ``link``: the analysed documents become one :class:`Corpus` with its cross-references.

Everything that needs the whole corpus happens here, after every document is analysed and
before anything is rendered: which stretch of which passage links where, which events and
entities belong together, which sources are related. Cross-document work goes through
inverted indexes (entity -> passages, passage -> entities), never all pairs of documents.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .analyse.entities import Entity, EntityIndex, Mention
from .analyse.glossary import Term, merge_terms
from .link_claims import Comparison, assertions_of, attach_claims, compare
from .model import Claim, Document, Event
from .paths import DocsPath, entity_page

TIMELINE = DocsPath("timeline/index.md")


UNDATED = "Relative and undated"
# A timeline page holds at most this many events: a denser year is cut into parts, in
# chronological order, so that no page grows with the corpus (a page of 7,000 events is
# megabytes of HTML no reader scrolls through).
MAX_EVENTS_PER_PAGE = 400


@dataclass(frozen=True, slots=True)
class TimelinePart:
    """One page of the timeline: a year (or part of a dense year), or the relative/undated events."""

    year: str                        # "2019"; UNDATED for relative and undated events
    part: int                        # 1-based
    parts: int                       # how many pages the year has
    path: DocsPath
    events: tuple[Event, ...]        # chronological

    @property
    def label(self) -> str:
        return self.year if self.parts == 1 else f"{self.year}, part {self.part} of {self.parts}"


def timeline_parts(events: Sequence[Event], size: int = MAX_EVENTS_PER_PAGE) -> tuple[TimelinePart, ...]:
    """The timeline's pages: one per year, in order, then relative and undated events; a group
    of more than ``size`` events is cut into consecutive parts (``2022.md``, ``2022-part-2.md``)."""
    groups: list[tuple[str, list[Event]]] = []
    undated: list[Event] = []
    for event in events:                 # chronological: one year's events are consecutive
        if not event.start:
            undated.append(event)
        elif groups and groups[-1][0] == event.start[:4]:
            groups[-1][1].append(event)
        else:
            groups.append((event.start[:4], [event]))
    if undated:
        groups.append((UNDATED, undated))
    parts: list[TimelinePart] = []
    for year, group in groups:
        stem = "undated" if year == UNDATED else year
        count = -(-len(group) // size)
        for k in range(count):
            path = DocsPath(f"timeline/{stem}.md" if k == 0 else f"timeline/{stem}-part-{k + 1}.md")
            parts.append(TimelinePart(year, k + 1, count, path, tuple(group[k * size:(k + 1) * size])))
    return tuple(parts)


GLOSSARY = DocsPath("glossary/index.md")
CLAIMS = DocsPath("claims/index.md")
PREDICTIONS = DocsPath("claims/predictions.md")
PRECISION_ORDER = ("day", "month", "quarter", "half", "vague", "year", "range", "decade", "relative")
TYPE_LABELS = {
    "organization": "Organization", "product": "Product or model", "person": "Person",
    "benchmark": "Benchmark", "method": "Method or technology", "project": "Project or repository",
    "institution": "Institution or policy", "other": "Other",
}


@dataclass(frozen=True, order=True, slots=True)
class Link:
    """A stretch of a passage that points to another page: an entity or a timeline entry."""

    start: int
    end: int
    target: str            # DocsPath of the page
    anchor: str
    title: str             # tooltip: generated words only
    kind: str              # "entity" or "date"


@dataclass(frozen=True, slots=True)
class Corpus:
    documents: tuple[Document, ...]                  # sorted by id
    entities: tuple[Entity, ...]                     # sorted by id
    mentions: tuple[Mention, ...]
    relations: tuple                                 # entity relations
    events: tuple[Event, ...]                        # chronological
    links: dict[tuple[str, str], tuple[Link, ...]]   # (document, anchor) -> links, sorted
    mentions_by_entity: dict[str, tuple[Mention, ...]]
    events_by_entity: dict[str, tuple[Event, ...]]
    events_by_document: dict[str, tuple[Event, ...]]
    entities_by_document: dict[str, tuple[tuple[str, int], ...]]   # (entity id, mentions), most first
    related_documents: dict[str, tuple[tuple[str, int], ...]]      # (document id, shared entities)
    co_mentions: dict[str, tuple[tuple[str, int], ...]]            # entity -> (entity, passages together)
    claims: tuple[Claim, ...] = ()                                  # every sentence, in text order per document
    claims_by_passage: dict[tuple[str, str], tuple[Claim, ...]] = field(default_factory=dict)
    comparisons: tuple[Comparison, ...] = ()                        # conflicts first
    glossary: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = ()   # (acronym, expansion, places)
    timeline: tuple[TimelinePart, ...] = ()                         # the timeline's pages, in order
    event_pages: dict[str, DocsPath] = field(default_factory=dict)  # event id -> its timeline page

    def timeline_page(self, event: Event) -> DocsPath:
        """The timeline page that lists ``event``."""
        return self.event_pages[event.id]

    def neighbours(self, index: int) -> tuple[Document | None, Document | None]:
        before = self.documents[index - 1] if index > 0 else None
        after = self.documents[index + 1] if index + 1 < len(self.documents) else None
        return before, after


def link_corpus(documents: list[Document], entity_index: EntityIndex, events: list[Event],
                claims: list[Claim] = (), terms: list[Term] = ()) -> Corpus:
    ordered = tuple(sorted(documents, key=lambda d: d.id))
    entity_by_id = {e.id: e for e in entity_index.entities}
    mentions_by_passage: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for mention in entity_index.mentions:
        mentions_by_passage[(mention.document, mention.anchor)].append(mention)
    events = [_with_entities(event, mentions_by_passage) for event in events]
    events.sort(key=chronological_key)
    claims = attach_claims(list(claims), mentions_by_passage, entity_by_id, events)
    glossary = merge_terms(list(terms))
    timeline = timeline_parts(events, MAX_EVENTS_PER_PAGE)
    event_pages = {event.id: part.path for part in timeline for event in part.events}
    return Corpus(
        documents=ordered,
        entities=entity_index.entities,
        mentions=entity_index.mentions,
        relations=entity_index.relations,
        events=tuple(events),
        links=_links(mentions_by_passage, events, event_pages, entity_by_id, glossary, ordered),
        mentions_by_entity=_group(entity_index.mentions, lambda m: m.entity),
        events_by_entity=_events_by_entity(events),
        events_by_document=_group(events, lambda e: e.document),
        entities_by_document=_entities_by_document(entity_index.mentions),
        related_documents=_related_documents(entity_index.mentions),
        co_mentions=_co_mentions(mentions_by_passage),
        claims=tuple(claims),
        claims_by_passage=_group(claims, lambda c: (c.document, c.anchor)),
        comparisons=compare(assertions_of(claims, entity_by_id, mentions_by_passage)),
        glossary=glossary,
        timeline=timeline,
        event_pages=event_pages,
    )


def chronological_key(event: Event) -> tuple:
    """Dated events by start, then end, then finer precision first; undated ones last."""
    dated = event.start is not None
    return (not dated, event.start or "", event.end or "", PRECISION_ORDER.index(event.precision)
            if event.precision in PRECISION_ORDER else 99, event.document, event.anchor, event.expr_start)


def _with_entities(event: Event, mentions_by_passage: dict[tuple[str, str], list[Mention]]) -> Event:
    ids = sorted({m.entity for m in mentions_by_passage.get((event.document, event.anchor), ())
                  if _inside_summary(event, m)})
    return replace(event, entities=tuple(ids))


def _inside_summary(event: Event, mention: Mention) -> bool:
    return mention.surface in event.summary


def _links(mentions_by_passage, events: list[Event], event_pages: dict[str, DocsPath], entity_by_id: dict[str, Entity],
           glossary, documents) -> dict:
    """First mention of each entity per passage links to its page; each date to its event;
    each acronym the sources define to the glossary (CJK-safe: 'RLPF的' finds RLPF)."""
    expansions = {acronym: expansion for acronym, expansion, _ in glossary}
    links: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for key, mentions in mentions_by_passage.items():
        seen: set[str] = set()
        for mention in sorted(mentions, key=lambda m: m.start):
            if mention.entity in seen:
                continue
            seen.add(mention.entity)
            entity = entity_by_id[mention.entity]
            title = TYPE_LABELS.get(entity.type, "Entity")
            if mention.surface in expansions:
                title = f"{title}: {expansions[mention.surface]}"
            links[key].append(Link(mention.start, mention.end, entity_page(entity.id), "", title, "entity"))
    for event in events:
        if event.expr_end > event.expr_start:
            links[(event.document, event.anchor)].append(Link(
                event.expr_start, event.expr_end, event_pages[event.id], event.id, f"Timeline: {event.kind}", "date"))
    if expansions:
        pattern = re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(
            re.escape(a) for a in sorted(expansions, key=len, reverse=True)) + r")(?![A-Za-z0-9])")
        for doc in documents:
            for passage in doc.passages:
                for match in pattern.finditer(passage.text):
                    links[(doc.id, passage.anchor)].append(Link(
                        match.start(), match.end(), GLOSSARY, term_anchor(match.group(0)),
                        f"{match.group(0)}: {expansions[match.group(0)]}", "term"))
    return {key: _without_overlaps(value) for key, value in sorted(links.items())}


def term_anchor(acronym: str) -> str:
    return "term-" + acronym.lower()


def _without_overlaps(links: list[Link]) -> tuple[Link, ...]:
    """Keep links in text order; where two overlap, the longer (then the earlier) wins."""
    kept: list[Link] = []
    for link in sorted(links, key=lambda l: (-(l.end - l.start), l.start, l.kind)):
        if all(link.end <= k.start or link.start >= k.end for k in kept):
            kept.append(link)
    return tuple(sorted(kept))


def _group(items, key) -> dict:
    grouped: dict[str, list] = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return {k: tuple(v) for k, v in sorted(grouped.items())}


def _events_by_entity(events: list[Event]) -> dict[str, tuple[Event, ...]]:
    grouped: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for entity in event.entities:
            grouped[entity].append(event)
    return {k: tuple(v) for k, v in sorted(grouped.items())}


def _entities_by_document(mentions: tuple[Mention, ...]) -> dict[str, tuple[tuple[str, int], ...]]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for mention in mentions:
        counts[mention.document][mention.entity] += 1
    return {doc: _most_common(counter) for doc, counter in sorted(counts.items())}


def _related_documents(mentions: tuple[Mention, ...]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Documents ranked by how many entities they share, through the entity -> documents index."""
    documents_of: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        documents_of[mention.entity].add(mention.document)
    shared: dict[str, Counter] = defaultdict(Counter)
    for docs in documents_of.values():
        if len(docs) > 200:        # an entity in nearly every source says nothing about relatedness
            continue
        for doc in docs:
            for other in docs:
                if other != doc:
                    shared[doc][other] += 1
    return {doc: _most_common(counter)[:10] for doc, counter in sorted(shared.items())}


def _co_mentions(mentions_by_passage) -> dict[str, tuple[tuple[str, int], ...]]:
    together: dict[str, Counter] = defaultdict(Counter)
    for mentions in mentions_by_passage.values():
        ids = sorted({m.entity for m in mentions})
        if len(ids) > 40:          # a long table row listing everything: not a co-mention signal
            continue
        for entity in ids:
            for other in ids:
                if other != entity:
                    together[entity][other] += 1
    return {entity: _most_common(counter)[:12] for entity, counter in sorted(together.items())}


def _most_common(counter: Counter) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))
