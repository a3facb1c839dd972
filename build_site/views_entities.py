"""Page plans for entity pages, the entities index and the coverage matrix."""
from __future__ import annotations

from dataclasses import dataclass

from .analyse.entities import Entity
from .link import TIMELINE, TYPE_LABELS, Corpus
from .markup import Md
from .paths import DocsPath, entity_page, relative_link, source_page
from .views_corpus import (INVERSE_LABELS, PREDICATE_LABELS, EntityRef, EventView, SourceTitle, brief_text,
                           event_view, snippet, source_title)

ENTITIES_INDEX = DocsPath("entities/index.md")
MAX_SNIPPETS = 30          # mentions listed on an entity page; the rest are counted per source
MAX_EVENTS = 30            # events listed on an entity page; the rest are on the timeline
MAX_SOURCES = 30           # rows of the mentions-per-source table; the rest are in data/entities.json
MATRIX_MAX_SOURCES = 24
MATRIX_MAX_ENTITIES = 200   # rows of the coverage matrix; every count is in data/entities.json


@dataclass(frozen=True)
class RelationView:
    label: str
    other: EntityRef
    citations: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]   # (short source title, link, more: (¶n, link))


@dataclass(frozen=True)
class MentionView:
    before: Md
    surface: Md
    after: Md
    lang: str
    source_title: str
    link: str


@dataclass(frozen=True)
class SourceCount:
    title: str
    link: str
    count: int


@dataclass(frozen=True)
class EntityPage:
    path: DocsPath
    name: str
    type_label: str
    aliases: tuple[str, ...]
    description: str
    description_source: tuple[str, str] | None      # (source title, link)
    relations: tuple[RelationView, ...]
    per_source: tuple[SourceCount, ...]        # the sources that mention it most
    source_total: int                          # how many sources mention it
    events: tuple[EventView, ...]
    more_events: int
    mentions: tuple[MentionView, ...]
    more_mentions: int
    co_mentioned: tuple[EntityRef, ...]
    total: int
    index_link: str
    timeline_link: str


def entity_page_view(corpus: Corpus, entity: Entity, ctx: "EntityContext") -> EntityPage:
    path = entity_page(entity.id)
    mentions = corpus.mentions_by_entity.get(entity.id, ())
    per_source: dict[str, int] = {}
    for mention in mentions:
        per_source[mention.document] = per_source.get(mention.document, 0) + 1
    shown = mentions[:MAX_SNIPPETS]
    return EntityPage(
        path=path, name=entity.name, type_label=TYPE_LABELS.get(entity.type, "Other"),
        aliases=entity.aliases, description=entity.description or "",
        description_source=(ctx.titles[entity.description_source[0]],
                            relative_link(path, source_page(entity.description_source[0]), entity.description_source[1]))
        if entity.description_source else None,
        relations=tuple(_relation_views(corpus, entity, path, ctx)),
        per_source=tuple(SourceCount(ctx.titles[doc], relative_link(path, source_page(doc)), n)
                         for doc, n in sorted(per_source.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_SOURCES]),
        source_total=len(per_source),
        events=tuple(ctx.event(e, path, linked=False)
                     for e in corpus.events_by_entity.get(entity.id, ())[:MAX_EVENTS]),
        more_events=max(0, len(corpus.events_by_entity.get(entity.id, ())) - MAX_EVENTS),
        mentions=tuple(_mention_view(m, path, ctx) for m in shown),
        more_mentions=len(mentions) - len(shown),
        co_mentioned=tuple(ctx.ref(other, path, n) for other, n in corpus.co_mentions.get(entity.id, ())),
        total=len(mentions),
        index_link=relative_link(path, ENTITIES_INDEX),
        timeline_link=relative_link(path, TIMELINE),
    )


class EntityContext:
    """Lookups every entity page needs, built once per build."""

    def __init__(self, corpus: Corpus) -> None:
        self.titles = {d.id: source_title(d) for d in corpus.documents}
        self.entities = {e.id: e for e in corpus.entities}
        self.passages = {(p.document, p.anchor): p for d in corpus.documents for p in d.passages}
        self.order = {key: i for i, key in enumerate(self.passages)}   # passages in text order
        self.event_pages = corpus.event_pages                          # event id -> timeline page
        self.relations_of: dict[str, list] = {}          # entity id -> relations it takes part in
        for rel in corpus.relations:
            self.relations_of.setdefault(rel.subject, []).append(rel)
            if rel.object != rel.subject:
                self.relations_of.setdefault(rel.object, []).append(rel)

    def event(self, event, page: DocsPath, linked: bool = True) -> EventView:
        """An event as shown on ``page``.

        ``linked=False`` leaves the entities in its sentence unlinked: source and entity pages
        list events briefly (the source's own text, and the timeline, have the links), which
        keeps those pages, thousands of them in a large corpus, small. Views are not kept:
        most are shown once, and keeping them all cost a third of the generator's memory at
        300 documents for no measurable time.
        """
        passage = self.passages.get((event.document, event.anchor))
        return event_view(event, page, self.event_pages[event.id], self.titles,
                          self.entities if linked else None, passage.lang if passage else "")

    def ref(self, entity_id: str, page: DocsPath, count: int = 0) -> EntityRef:
        entity = self.entities[entity_id]
        return EntityRef(entity.name, relative_link(page, entity_page(entity_id)),
                         TYPE_LABELS.get(entity.type, "Other"), count)


def _relation_views(corpus: Corpus, entity: Entity, path: DocsPath, ctx: EntityContext) -> list[RelationView]:
    """Relations of the entity, one line per (predicate, other entity), citing every passage:
    each source once, then its further paragraphs as ¶2, ¶3..."""
    grouped: dict[tuple[str, str], dict[str, list[str]]] = {}
    for rel in ctx.relations_of.get(entity.id, ()):
        outgoing = rel.subject == entity.id
        other = rel.object if outgoing else rel.subject
        if other not in ctx.entities:
            continue
        label = (PREDICATE_LABELS.get(rel.predicate, rel.predicate.replace("_", " ")) if outgoing else
                 INVERSE_LABELS.get(rel.predicate, f"{rel.predicate.replace('_', ' ')} (inverse)"))
        links = grouped.setdefault((label, other), {}).setdefault(rel.document, [])
        link = relative_link(path, source_page(rel.document), rel.anchor) if rel.document else ""
        if link not in links:
            links.append(link)
    views = []
    for (label, other), by_source in sorted(grouped.items(), key=lambda kv: (kv[0][0], ctx.entities[kv[0][1]].name.lower())):
        citations = tuple(
            (short_title(ctx.titles[document]) if document else "curated knowledge", links[0],
             tuple((f"¶{n}", link) for n, link in enumerate(links[1:], 2)))
            for document, links in by_source.items())
        views.append(RelationView(label, ctx.ref(other, path), citations))
    return views


def short_title(title: SourceTitle, limit: int = 48) -> SourceTitle:
    return title if len(title) <= limit else SourceTitle(brief_text(title, limit), title.lang)


def _mention_view(mention, path: DocsPath, ctx: EntityContext) -> MentionView:
    passage = ctx.passages[(mention.document, mention.anchor)]
    before, surface, after = snippet(passage, mention)
    return MentionView(before, surface, after, passage.lang, ctx.titles[mention.document],
                       relative_link(path, source_page(mention.document), mention.anchor))


@dataclass(frozen=True)
class TypeGroup:
    label: str
    anchor: str
    entities: tuple[EntityRef, ...]


@dataclass(frozen=True)
class MatrixRow:
    entity: EntityRef
    cells: tuple[str, ...]          # counts as text, "–" where the source does not mention it


@dataclass(frozen=True)
class EntitiesIndex:
    path: DocsPath
    groups: tuple[TypeGroup, ...]
    total: int
    sources: tuple[tuple[str, str, str], ...]      # (short label, title, link)
    matrix: tuple[MatrixRow, ...]
    matrix_truncated: bool
    matrix_more: int = 0                           # entities of the shown sources left out of the matrix


def entities_index_view(corpus: Corpus, ctx: EntityContext) -> EntitiesIndex:
    path = ENTITIES_INDEX
    counts = {entity_id: len(ms) for entity_id, ms in corpus.mentions_by_entity.items()}
    groups = []
    for type_name, label in TYPE_LABELS.items():
        members = sorted((e for e in corpus.entities if e.type == type_name),
                         key=lambda e: (-counts.get(e.id, 0), e.name.lower()))
        if members:
            groups.append(TypeGroup(label, type_name, tuple(ctx.ref(e.id, path, counts.get(e.id, 0)) for e in members)))
    docs = corpus.documents[:MATRIX_MAX_SOURCES]
    sources = tuple((f"S{i}", source_title(d), relative_link(path, source_page(d.id))) for i, d in enumerate(docs, 1))
    per_doc = {doc: dict(pairs) for doc, pairs in corpus.entities_by_document.items()}
    shown = {entity_id for d in docs for entity_id in per_doc.get(d.id, {})}
    ranked = sorted((e for e in corpus.entities if e.id in shown), key=lambda e: (-counts.get(e.id, 0), e.name.lower()))
    matrix = tuple(
        MatrixRow(ctx.ref(e.id, path, counts.get(e.id, 0)),
                  tuple(str(per_doc.get(d.id, {}).get(e.id, "")) or "–" for d in docs))
        for e in ranked[:MATRIX_MAX_ENTITIES]
    )
    return EntitiesIndex(path, tuple(groups), len(corpus.entities), sources, matrix,
                         len(corpus.documents) > MATRIX_MAX_SOURCES, max(0, len(ranked) - MATRIX_MAX_ENTITIES))
