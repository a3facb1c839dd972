"""Page plans for the timeline: an overview page, then one page per year and one for relative
and undated events, so that no page grows with the whole corpus."""
from __future__ import annotations

from dataclasses import dataclass

from .link import TIMELINE, Corpus
from .model import Event
from .paths import DocsPath, relative_link

UNDATED = DocsPath("timeline/undated.md")


@dataclass(frozen=True)
class YearBar:
    year: str
    count: int
    x: int
    width: int
    height: int
    label_x: int


@dataclass(frozen=True)
class YearLink:
    label: str
    link: str
    count: int
    kinds: str


@dataclass(frozen=True)
class TimelineIndex:
    path: DocsPath
    total: int
    counts: str                      # "3 reported, 10 prediction, 1 speculation"
    years: tuple[YearLink, ...]
    undated: YearLink | None
    bars: tuple[YearBar, ...]
    chart_width: int
    chart_summary: str


@dataclass(frozen=True)
class TimelinePage:
    path: DocsPath
    title: str
    intro: str
    events: tuple                    # EventView
    previous: tuple[str, str] | None
    next: tuple[str, str] | None
    index_link: str


def _kinds(events) -> str:
    counts: dict[str, int] = {}
    for event in events:
        counts[event.kind] = counts.get(event.kind, 0) + 1
    return ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))


def timeline_groups(corpus: Corpus) -> tuple[list[tuple[str, list[Event]]], list[Event]]:
    """Dated events by year (chronological), and the relative/undated ones."""
    years: list[tuple[str, list[Event]]] = []
    undated: list[Event] = []
    for event in corpus.events:
        if not event.start:
            undated.append(event)
        elif years and years[-1][0] == event.start[:4]:
            years[-1][1].append(event)
        else:
            years.append((event.start[:4], [event]))
    return years, undated


def timeline_index_view(corpus: Corpus) -> TimelineIndex:
    path = TIMELINE
    years, undated = timeline_groups(corpus)
    links = tuple(YearLink(year, relative_link(path, year_page(year)), len(events), _kinds(events))
                  for year, events in years)
    bars, width, summary = _chart(links)
    return TimelineIndex(
        path=path, total=len(corpus.events), counts=_kinds(corpus.events), years=links,
        undated=YearLink("Relative and undated", relative_link(path, UNDATED), len(undated), _kinds(undated))
        if undated else None,
        bars=bars, chart_width=width, chart_summary=summary,
    )


def year_page(year: str) -> DocsPath:
    return DocsPath(f"timeline/{year}.md")


def timeline_pages(corpus: Corpus, ctx) -> list[TimelinePage]:
    years, undated = timeline_groups(corpus)
    sequence = [(year, year_page(year), events) for year, events in years]
    if undated:
        sequence.append(("Relative and undated", UNDATED, undated))
    pages = []
    for i, (label, path, events) in enumerate(sequence):
        before = sequence[i - 1] if i > 0 else None
        after = sequence[i + 1] if i + 1 < len(sequence) else None
        intro = (f"{len(events)} events ({_kinds(events)}), in chronological order."
                 if path != UNDATED else
                 f"{len(events)} statements whose date is relative to their source's publication, which the "
                 f"source does not state, or vague (\"recently\").")
        pages.append(TimelinePage(
            path=path, title=f"Timeline: {label}", intro=intro,
            events=tuple(ctx.event(e, path) for e in events),
            previous=(before[0], relative_link(path, before[1])) if before else None,
            next=(after[0], relative_link(path, after[1])) if after else None,
            index_link=relative_link(path, TIMELINE),
        ))
    return pages


def _chart(years: tuple[YearLink, ...]) -> tuple[tuple[YearBar, ...], int, str]:
    """Bars of events per year for an SVG strip; the summary is its text alternative."""
    if not years:
        return (), 0, "No dated events."
    top = max(y.count for y in years)
    step = 56 if len(years) <= 20 else max(14, 1120 // len(years))
    width = max(8, step - 16)
    bars = tuple(YearBar(y.label, y.count, 10 + i * step, width, max(4, round(60 * y.count / top)),
                         10 + i * step + width // 2)
                 for i, y in enumerate(years))
    summary = "Dated events per year: " + ", ".join(f"{y.label}: {y.count}" for y in years) + "."
    return bars, 20 + step * len(years), summary
