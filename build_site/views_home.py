"""Page plan for the home page: a dashboard of the corpus that links deeper."""
from __future__ import annotations

from dataclasses import dataclass

from .analyse.language import reading_minutes
from .link import CLAIMS, PREDICTIONS, TIMELINE, Corpus
from .paths import DocsPath, relative_link, source_page
from .views import language_list
from .views_claims import claims_view, ledger_view
from .views_corpus import EntityRef, EventView, SourceTitle, source_title
from .views_entities import ENTITIES_INDEX

HOME = DocsPath("index.md")
TOP_ENTITIES = 12
CHART_ENTITIES = 8


@dataclass(frozen=True)
class SourceCard:
    title: SourceTitle
    link: str
    translated_title: str
    translated_lang: str
    languages: str
    words: int
    cjk_chars: int
    minutes: int
    published: str
    entities: int
    events: int


@dataclass(frozen=True)
class Stat:
    label: str
    value: int
    link: str


@dataclass(frozen=True)
class ChartBar:
    entity: EntityRef
    y: int
    segments: tuple[tuple[int, int, int, str], ...]    # (x, width, source number, count as text)


@dataclass(frozen=True)
class HomePage:
    path: DocsPath
    stats: tuple[Stat, ...]
    sources: tuple[SourceCard, ...]
    top_entities: tuple[EntityRef, ...]
    latest: tuple[EventView, ...]
    upcoming: tuple[EventView, ...]
    conflicts: tuple                       # ComparisonView, at most five
    chart: tuple[ChartBar, ...]
    chart_height: int
    chart_summary: str
    legend: tuple[tuple[int, str], ...]    # (source number, title)
    as_of: str
    links: dict


def home_view(corpus: Corpus, ctx, as_of: str | None) -> HomePage:
    path = HOME
    counts = {e: len(m) for e, m in corpus.mentions_by_entity.items()}
    top = sorted(corpus.entities, key=lambda e: (-counts.get(e.id, 0), e.name.lower()))
    ledger = ledger_view(corpus, ctx, as_of)
    due = sum(1 for row in ledger.rows if row.status_key in ("due", "overdue"))
    claims = claims_view(corpus, ctx, path)
    stats = (
        Stat("sources", len(corpus.documents), "#sources"),
        Stat("entities", len(corpus.entities), relative_link(path, ENTITIES_INDEX)),
        Stat("dated events", len(corpus.events), relative_link(path, TIMELINE)),
        Stat("claims", len(corpus.claims), relative_link(path, CLAIMS)),
        Stat("contradictions", len(claims.conflicts), relative_link(path, CLAIMS, "contradictions")),
        Stat("predictions due or overdue", due, relative_link(path, PREDICTIONS)),
    )
    chart, height, summary = _mentions_chart(corpus, ctx, top[:CHART_ENTITIES], path)
    return HomePage(
        path=path, stats=stats, sources=tuple(_card(d, corpus, path) for d in corpus.documents),
        top_entities=tuple(ctx.ref(e.id, path, counts.get(e.id, 0)) for e in top[:TOP_ENTITIES]),
        latest=tuple(ctx.event(e, path) for e in _latest(corpus, as_of)),
        upcoming=tuple(ctx.event(e, path) for e in _upcoming(corpus, as_of)),
        conflicts=claims.conflicts[:5], chart=chart, chart_height=height, chart_summary=summary,
        legend=tuple((i, source_title(d)) for i, d in enumerate(corpus.documents, 1)),
        as_of=as_of or "not set",
        links={"entities": relative_link(path, ENTITIES_INDEX), "timeline": relative_link(path, TIMELINE),
               "claims": relative_link(path, CLAIMS), "predictions": relative_link(path, PREDICTIONS),
               "about": "about.md"},
    )


def _card(doc, corpus: Corpus, path: DocsPath) -> SourceCard:
    return SourceCard(
        title=source_title(doc), link=relative_link(path, source_page(doc.id)),
        translated_title=doc.translated_title or "", translated_lang=doc.translated_title_lang or "",
        languages=language_list(doc.languages), words=doc.latin_words, cjk_chars=doc.cjk_chars,
        minutes=reading_minutes(doc.latin_words, doc.cjk_chars), published=doc.published or "undated",
        entities=len(corpus.entities_by_document.get(doc.id, ())), events=len(corpus.events_by_document.get(doc.id, ())),
    )


def _latest(corpus: Corpus, as_of: str | None, limit: int = 3):
    """The most recent dated events on or before the as-of date."""
    dated = [e for e in corpus.events if e.start and (not as_of or e.start <= as_of)]
    return list(reversed(dated[-limit:]))


def _upcoming(corpus: Corpus, as_of: str | None, limit: int = 3):
    """The next dated events after the as-of date, else the latest predictions."""
    if as_of:
        ahead = [e for e in corpus.events if e.start and e.start > as_of]
        if ahead:
            return ahead[:limit]
    return [e for e in corpus.events if e.kind == "prediction"][:limit]


def _mentions_chart(corpus: Corpus, ctx, entities, path: DocsPath):
    """A stacked bar per entity: its mentions in each source. Built as SVG at build time."""
    per_doc = {doc: dict(pairs) for doc, pairs in corpus.entities_by_document.items()}
    totals = {e.id: sum(per_doc.get(d.id, {}).get(e.id, 0) for d in corpus.documents) for e in entities}
    top = max(totals.values(), default=0) or 1
    bars = []
    for row, entity in enumerate(entities):
        x, segments = 170, []
        for number, doc in enumerate(corpus.documents, 1):
            count = per_doc.get(doc.id, {}).get(entity.id, 0)
            if count:
                width = max(2, round(360 * count / top))
                segments.append((x, width, (number - 1) % 6 + 1, str(count)))
                x += width
        bars.append(ChartBar(ctx.ref(entity.id, path, totals[entity.id]), 10 + row * 26, tuple(segments)))
    summary = "Mentions per source of the most mentioned entities: " + "; ".join(
        f"{e.name} {totals[e.id]}" for e in entities) + "."
    return tuple(bars), 20 + 26 * len(entities), summary
