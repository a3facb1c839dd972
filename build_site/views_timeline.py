"""Page plans for the timeline: an overview page, then one page per year (a dense year in
parts) and one for relative and undated events, so that no page grows with the whole corpus."""
from __future__ import annotations

from dataclasses import dataclass

from .link import TIMELINE, UNDATED, Corpus, TimelinePart
from .paths import DocsPath, relative_link


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
    parts: tuple[tuple[str, str], ...] = ()      # (part number, link) when the year has several pages


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


def timeline_index_view(corpus: Corpus) -> TimelineIndex:
    path = TIMELINE
    years = []
    undated = None
    for year, parts in _by_year(corpus.timeline):
        events = [e for part in parts for e in part.events]
        link = YearLink(year, relative_link(path, parts[0].path), len(events), _kinds(events),
                        tuple((str(p.part), relative_link(path, p.path)) for p in parts) if len(parts) > 1 else ())
        if year == UNDATED:
            undated = link
        else:
            years.append(link)
    bars, width, summary = _chart(tuple(years))
    return TimelineIndex(path=path, total=len(corpus.events), counts=_kinds(corpus.events), years=tuple(years),
                         undated=undated, bars=bars, chart_width=width, chart_summary=summary)


def _by_year(parts: tuple[TimelinePart, ...]) -> list[tuple[str, list[TimelinePart]]]:
    years: list[tuple[str, list[TimelinePart]]] = []
    for part in parts:
        if years and years[-1][0] == part.year:
            years[-1][1].append(part)
        else:
            years.append((part.year, [part]))
    return years


def timeline_page_view(corpus: Corpus, ctx, index: int) -> TimelinePage:
    """The ``index``-th page of the timeline (``corpus.timeline``), linked to its neighbours."""
    sequence = corpus.timeline
    part = sequence[index]
    before = sequence[index - 1] if index > 0 else None
    after = sequence[index + 1] if index + 1 < len(sequence) else None
    return TimelinePage(
        path=part.path, title=f"Timeline: {part.label}", intro=_intro(part),
        events=tuple(ctx.event(e, part.path) for e in part.events),
        previous=(before.label, relative_link(part.path, before.path)) if before else None,
        next=(after.label, relative_link(part.path, after.path)) if after else None,
        index_link=relative_link(part.path, TIMELINE),
    )


def _intro(part: TimelinePart) -> str:
    events = part.events
    if part.year == UNDATED:
        text = (f"{len(events)} statements whose date is relative to their source's publication, which the "
                f"source does not state, or vague (\"recently\").")
    else:
        text = f"{len(events)} events ({_kinds(events)}), in chronological order."
    if part.parts > 1:
        text += (f" The year has more events than one page holds: this is part {part.part} of {part.parts}"
                 + (f", from {events[0].start} to {events[-1].start}." if part.year != UNDATED else "."))
    return text


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
