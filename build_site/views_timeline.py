"""Page plan for the timeline: events in chronological order, grouped by year."""
from __future__ import annotations

from dataclasses import dataclass

from .link import TIMELINE, Corpus
from .paths import DocsPath
from .views_corpus import EventView, event_view


@dataclass(frozen=True)
class YearGroup:
    year: str
    anchor: str
    events: tuple[EventView, ...]


@dataclass(frozen=True)
class YearBar:
    year: str
    count: int
    x: int
    height: int
    link: str


@dataclass(frozen=True)
class TimelinePage:
    path: DocsPath
    groups: tuple[YearGroup, ...]
    undated: tuple[EventView, ...]
    total: int
    counts: str                      # "3 reported, 10 predictions, 1 speculation"
    bars: tuple[YearBar, ...]
    chart_width: int
    chart_summary: str


def timeline_view(corpus: Corpus, titles: dict[str, str], entities: dict) -> TimelinePage:
    path = TIMELINE
    dated = [e for e in corpus.events if e.start]
    undated = [e for e in corpus.events if not e.start]
    groups: list[YearGroup] = []
    for event in dated:
        year = event.start[:4]
        view = event_view(event, path, titles, entities)
        if groups and groups[-1].year == year:
            groups[-1] = YearGroup(year, groups[-1].anchor, groups[-1].events + (view,))
        else:
            groups.append(YearGroup(year, f"y{year}", (view,)))
    kinds: dict[str, int] = {}
    for event in corpus.events:
        kinds[event.kind] = kinds.get(event.kind, 0) + 1
    bars, width, summary = _chart(groups)
    return TimelinePage(
        path=path, groups=tuple(groups),
        undated=tuple(event_view(e, path, titles, entities) for e in undated),
        total=len(corpus.events), counts=", ".join(f"{n} {k}" for k, n in sorted(kinds.items())),
        bars=bars, chart_width=width, chart_summary=summary,
    )


def _chart(groups: list[YearGroup]) -> tuple[tuple[YearBar, ...], int, str]:
    """Bars of events per year for an SVG strip; the summary is its text alternative."""
    if not groups:
        return (), 0, "No dated events."
    top = max(len(g.events) for g in groups)
    bars = tuple(YearBar(g.year, len(g.events), 10 + i * 56, max(4, round(60 * len(g.events) / top)), f"#{g.anchor}")
                 for i, g in enumerate(groups))
    summary = "Dated events per year: " + ", ".join(f"{g.year}: {len(g.events)}" for g in groups) + "."
    return bars, 20 + 56 * len(groups), summary
