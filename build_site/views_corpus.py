"""Page plans for the pages about the whole corpus: entities, the timeline, and what source pages
show about their entities, events and related sources."""
from __future__ import annotations

from dataclasses import dataclass

from .analyse.entities import Entity, Mention
from .link import TYPE_LABELS, Corpus, Link
from .markup import Md, Span, escape, inline
from .model import Document, Event, Passage
from .paths import DocsPath, entity_page, relative_link, source_page

KIND_LABELS = {"reported": "Reported", "prediction": "Prediction", "speculation": "Speculation"}
PREDICATE_LABELS = {
    "develops": "develops", "founded_by": "founded by", "former_staff_of": "founded by former staff of",
    "competes_with": "competes with", "part_of": "part of", "uses": "uses",
}
# The same relations read from their object's page.
INVERSE_LABELS = {
    "develops": "developed by", "founded_by": "founder of", "former_staff_of": "former staff founded",
    "competes_with": "competes with", "part_of": "includes", "uses": "used by",
}
SNIPPET_RADIUS = 90


def spans_for(links: tuple[Link, ...], page: DocsPath, *, kinds: tuple[str, ...] = ("entity", "date")) -> tuple[Span, ...]:
    """Links of one passage as Markdown spans relative to the page they are shown on."""
    return tuple(Span(l.start, l.end, relative_link(page, DocsPath(l.target), l.anchor), l.title, (f"bs-{l.kind}",))
                 for l in links if l.kind in kinds)


def passage_spans(corpus: Corpus, doc: Document, page: DocsPath) -> dict[str, tuple[Span, ...]]:
    return {p.anchor: spans_for(corpus.links.get((doc.id, p.anchor), ()), page) for p in doc.passages}


# ---- shared small views -------------------------------------------------------------------

class SourceTitle(str):
    """A source's title as other pages print it: the text, plus its language (``lang``).

    Titles are seed text in any script and direction, so templates print them with
    ``m.title()``: isolated for bidi (``<bdi>``) and with ``lang`` when not the page's. A
    ``str``, so sorting, comparing and escaping are unchanged."""

    lang: str

    def __new__(cls, text: str, lang: str = "") -> SourceTitle:
        title = super().__new__(cls, text)
        title.lang = lang
        return title


def source_title(doc: Document) -> SourceTitle:
    return SourceTitle(doc.title, doc.title_lang)


@dataclass(frozen=True)
class EntityRef:
    name: str
    link: str
    type_label: str
    count: int = 0


@dataclass(frozen=True)
class EventView:
    id: str
    kind: str
    kind_label: str
    date_text: str
    normalised: str
    datetime: str
    summary: Md
    brief: str            # the start of the sentence, for one-line lists
    lang: str             # the language of its passage
    source_title: str
    source_link: str
    timeline_link: str
    publisher_note: bool


def normalised_date(event: Event) -> str:
    """How the timeline states a date: ISO form and precision, or the relative reading."""
    if event.start is None:
        reading = event.relative or event.date_text
        return f"{reading} of publication ({event.precision})" if event.precision == "relative" else f"{reading} ({event.precision})"
    span = event.start if event.end in (None, event.start) else f"{event.start} – {event.end}"
    bound = f"{event.relation} " if event.relation else ""
    return f"{bound}{span} ({event.precision})"


def brief_text(text: str, limit: int = 72) -> str:
    """``text`` cut at a word boundary (any character, for scripts without spaces) with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"


def event_view(event: Event, page: DocsPath, timeline: DocsPath, titles: dict[str, str], entity_names: dict[str, Entity] | None,
               lang: str = "") -> EventView:
    """``entity_names`` None: the sentence without entity links."""
    src = source_page(event.document)
    return EventView(
        id=event.id, kind=event.kind, kind_label=KIND_LABELS.get(event.kind, event.kind.title()),
        date_text=event.date_text, normalised=normalised_date(event), datetime=event.start or "",
        summary=_summary_with_entities(event, page, entity_names) if entity_names is not None else escape(event.summary),
        brief=brief_text(event.summary), lang=lang,
        source_title=titles[event.document], source_link=relative_link(page, src, event.anchor),
        timeline_link=relative_link(page, timeline, event.id), publisher_note=event.publisher_note,
    )


def _summary_with_entities(event: Event, page: DocsPath, entity_names: dict[str, Entity]) -> Md:
    """The event's sentence with the first occurrence of each of its entities linked."""
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    for entity_id in event.entities:
        entity = entity_names[entity_id]
        if entity_page(entity_id) == page:       # no link from an entity's page to itself
            continue
        for surface in sorted((entity.name, *entity.aliases), key=len, reverse=True):
            at = event.summary.find(surface)
            if at >= 0 and all(at + len(surface) <= a or at >= b for a, b in taken):
                taken.append((at, at + len(surface)))
                spans.append(Span(at, at + len(surface), relative_link(page, entity_page(entity.id)),
                                  TYPE_LABELS.get(entity.type, "Entity"), ("bs-entity",)))
                break
    return inline(event.summary, tuple(sorted(spans)))


def snippet(passage: Passage, mention: Mention) -> tuple[Md, Md, Md]:
    """Text before, the mention itself, and text after: a short window at word boundaries."""
    text = passage.text
    start = max(0, mention.start - SNIPPET_RADIUS)
    end = min(len(text), mention.end + SNIPPET_RADIUS)
    if start > 0:
        start = text.find(" ", start, mention.start) + 1 or start
    if end < len(text):
        cut = text.rfind(" ", mention.end, end)
        end = cut if cut > 0 else end
    before = ("…" if start > 0 else "") + text[start:mention.start]
    after = text[mention.end:end] + ("…" if end < len(text) else "")
    return escape(before), escape(text[mention.start:mention.end]), escape(after)
