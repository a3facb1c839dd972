"""Page plans for the competitive landscape (``competitors/``) and the list of tables (``tables/``).

Everything printed is computed here: citations as (label, link, title), "single source" flags,
sort keys, and the bar chart's geometry. Seed text stays plain ``str`` (the template environment
escapes it); the chart's labels are HTML-escaped ``Md`` because the chart is a raw HTML block.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Sequence

from .analyse.competitors import Attribute, Cited, Landscape
from .exports import LANDSCAPE_CSV, table_csv_path
from .link import Corpus
from .markup import Md
from .model import Block, Document
from .paths import DocsPath, relative_link, source_page
from .views_corpus import EntityRef, source_title
from .views_entities import EntityContext

COMPETITORS_INDEX = DocsPath("competitors/index.md")
TABLES_INDEX = DocsPath("tables/index.md")
KIND_WORDS = {"table_row": "table row", "list_item": "list item", "paragraph": "paragraph",
              "callout": "call-out", "answer": "answer", "question": "question", "heading": "heading"}
CHART_MAX_BARS = 20
MAX_ROWS = 150                 # rows of each landscape table on the page; every row is in its CSV
MENTION_COLUMNS = 12           # sources shown as columns of the mentions table; the rest are summed
CELL_SHOWN = 2                 # a cell with more values than CELL_FOLD shows this many, folds the rest
CELL_FOLD = 3
CHART_SERIES = 6               # colours --bs-series-1 .. 6 in site.css; more sources: one colour


@dataclass(frozen=True)
class SourceLabel:
    label: str                 # "S1"
    title: str
    link: str


@dataclass(frozen=True)
class CitationView:
    label: str                 # the source's label, "S2"
    link: str                  # to the paragraph or table row
    title: str                 # tooltip, generated words only: "Source S2, table row"


@dataclass(frozen=True)
class ValueView:
    text: str                  # as written in the source
    link: str                  # an entity page, or ""
    citations: tuple[CitationView, ...]


@dataclass(frozen=True)
class CellView:
    values: tuple[ValueView, ...]          # shown
    more: tuple[ValueView, ...]            # folded away under "N more" (long cells only)
    more_label: str
    single_source: bool                    # every value comes from one source


@dataclass(frozen=True)
class OrganisationRow:
    entity: EntityRef
    products: CellView
    cells: tuple[CellView, ...]            # one per column of the page
    sources: int
    mentions: int


@dataclass(frozen=True)
class ProductRow:
    product: EntityRef
    organization: EntityRef
    statuses: CellView
    figures: CellView


@dataclass(frozen=True)
class MentionRow:
    entity: EntityRef
    counts: tuple[str, ...]                # per source column (then "other sources"), "–" for none
    total: int


@dataclass(frozen=True)
class ChartSegment:
    x: int
    width: int
    series: int                            # 1..CHART_SERIES
    value: int
    tooltip: Md                            # HTML-escaped: "Anthropic: 27 mentions in S2"


@dataclass(frozen=True)
class ChartBar:
    label: Md                              # HTML-escaped name
    y: int
    text_y: int
    segments: tuple[ChartSegment, ...]
    total: int
    total_x: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_x: int
    bar_height: int
    bars: tuple[ChartBar, ...]
    legend: tuple[tuple[int, int, int, str], ...]   # (x, y, series, source label)
    title: Md
    description: Md
    truncated: int                         # organisations left out of the chart


@dataclass(frozen=True)
class CompetitorsPage:
    path: DocsPath
    sources: tuple[SourceLabel, ...]
    columns: tuple[str, ...]               # attribute labels
    organisations: tuple[OrganisationRow, ...]
    products: tuple[ProductRow, ...]
    mention_columns: tuple[str, ...]       # source labels, then "Other sources" when there are more
    mentions: tuple[MentionRow, ...]
    chart: Chart | None
    csv: dict[str, str]                    # table name -> link
    tables_link: str
    totals: dict[str, int] = field(default_factory=dict)   # table name -> rows in the corpus (the page shows MAX_ROWS)


def competitors_view(corpus: Corpus, landscape: Landscape, ctx: EntityContext) -> CompetitorsPage:
    path = COMPETITORS_INDEX
    cite = _Citer(corpus.documents, ctx, path)
    orgs = tuple(
        OrganisationRow(
            entity=ctx.ref(c.organization, path),
            products=_cell([(_name(ctx, p.entity), _entity_link(ctx, p.entity, path), p.citations) for p in c.products], cite),
            cells=tuple(_attribute_cell(next((a for a in c.attributes if a.key == key), None), cite)
                        for key, _ in landscape.columns),
            sources=len(c.mentions), mentions=c.total_mentions,
        )
        for c in landscape.competitors[:MAX_ROWS]
    )
    products = tuple(
        ProductRow(
            product=ctx.ref(p.product, path), organization=ctx.ref(p.organization, path),
            statuses=_cell(_grouped((status, cited) for status, cited in p.statuses), cite),
            figures=_cell([(f"{f.attribute}: {f.text}", "", (Cited(f.text, f.document, f.anchor),)) for f in p.figures], cite),
        )
        for p in landscape.products[:MAX_ROWS]
    )
    columns, mentions = _mentions(landscape, corpus.documents, ctx, path, cite)
    order = {d.id: n for n, d in enumerate(corpus.documents)}
    return CompetitorsPage(
        path=path, sources=cite.used_sources(), columns=tuple(label for _, label in landscape.columns),
        organisations=orgs, products=products, mention_columns=columns, mentions=mentions,
        chart=_chart(landscape, ctx, cite.sources, order) if landscape.competitors else None,
        csv={name: relative_link(path, DocsPath(target)) for name, target in LANDSCAPE_CSV.items()},
        tables_link=relative_link(path, TABLES_INDEX),
        totals={"organisations": len(landscape.competitors), "products": len(landscape.products)},
    )


def _mentions(landscape: Landscape, documents: Sequence[Document], ctx: EntityContext, path: DocsPath,
              cite: "_Citer") -> tuple[tuple[str, ...], tuple[MentionRow, ...]]:
    """Mentions per source: a column per source, or for a large corpus the sources that name
    these organisations most, in corpus order, and one column summing the others."""
    totals: dict[str, int] = {}
    for competitor in landscape.competitors:
        for document, count in competitor.mentions:
            totals[document] = totals.get(document, 0) + count
    ranked = sorted(totals, key=lambda d: (-totals[d], d))
    shown = [d.id for d in documents if d.id in ranked[:MENTION_COLUMNS]]
    other = len(ranked) > len(shown)
    columns = tuple(cite.label(d) for d in shown) + (("Other sources",) if other else ())
    rows = []
    for competitor in landscape.competitors[:MAX_ROWS]:
        counts = dict(competitor.mentions)
        cells = [str(counts.get(d, "")) or "–" for d in shown]
        if other:
            cells.append(str(sum(n for d, n in counts.items() if d not in shown)) or "–")
        rows.append(MentionRow(ctx.ref(competitor.organization, path), tuple(cells), competitor.total_mentions))
    return columns, tuple(rows)


class _Citer:
    """Source labels (S1, S2... in corpus order) and citation links from one page; remembers
    which sources the page cites, for its legend."""

    def __init__(self, documents: Sequence[Document], ctx: EntityContext, page: DocsPath) -> None:
        self.labels = {d.id: f"S{n}" for n, d in enumerate(documents, 1)}
        self.sources = tuple(SourceLabel(self.labels[d.id], source_title(d), relative_link(page, source_page(d.id)))
                             for d in documents)
        self.ctx = ctx
        self.page = page
        self.used: set[str] = set()

    def label(self, document: str) -> str:
        self.used.add(self.labels[document])
        return self.labels[document]

    def used_sources(self) -> tuple[SourceLabel, ...]:
        return tuple(s for s in self.sources if s.label in self.used)

    def __call__(self, cited: Cited) -> CitationView:
        label = self.label(cited.document)
        passage = self.ctx.passages.get((cited.document, cited.anchor))
        what = KIND_WORDS.get(passage.kind, "passage") if passage else "passage"
        return CitationView(label, relative_link(self.page, source_page(cited.document), cited.anchor),
                            f"Source {label}, {what}")


def _name(ctx: EntityContext, entity_id: str) -> str:
    return ctx.entities[entity_id].name


def _entity_link(ctx: EntityContext, entity_id: str, page: DocsPath) -> str:
    return ctx.ref(entity_id, page).link


def _attribute_cell(attribute: Attribute | None, cite: _Citer) -> CellView:
    if attribute is None:
        return CellView((), (), "", False)
    return _cell(_grouped((v.value, v) for v in attribute.values), cite, fold=True)


def _grouped(pairs) -> list[tuple[str, str, tuple[Cited, ...]]]:
    """Identical values stated in several passages become one value with several citations."""
    grouped: dict[str, list[Cited]] = {}
    for text, cited in pairs:
        grouped.setdefault(text, []).append(cited)
    return [(text, "", tuple(citations)) for text, citations in grouped.items()]


def _cell(values: list[tuple[str, str, tuple[Cited, ...]]], cite: _Citer, *, fold: bool = False) -> CellView:
    """Values with their citations; long quotations past CELL_FOLD fold away when ``fold``."""
    views, documents = [], set()
    for text, link, citations in values:
        unique = tuple(dict.fromkeys((c.document, c.anchor) for c in citations))
        documents.update(doc for doc, _ in unique)
        views.append(ValueView(text, link, tuple(cite(Cited("", doc, anchor)) for doc, anchor in unique)))
    shown = CELL_SHOWN if fold and len(views) > CELL_FOLD else len(views)
    more = views[shown:]
    return CellView(tuple(views[:shown]), tuple(more), f"{len(more)} more" if more else "", len(documents) == 1)


def _chart(landscape: Landscape, ctx: EntityContext, sources: tuple[SourceLabel, ...],
           order: dict[str, int]) -> Chart:
    """A stacked horizontal bar per organisation, one segment per source; scaled to the largest."""
    width, label_x, bar_x, bar_width, row, bar_height, top = 560, 150, 156, 340, 26, 16, 30
    shown = landscape.competitors[:CHART_MAX_BARS]
    largest = max(c.total_mentions for c in shown) or 1
    stacked = len(sources) <= CHART_SERIES        # past that, colours would repeat: one colour, totals
    bars = []
    for n, competitor in enumerate(shown):
        y = top + n * row
        x, segments = bar_x, []
        name = _name(ctx, competitor.organization)
        for document, count in competitor.mentions:
            w = max(1, round(bar_width * count / largest))
            tooltip = Md(html.escape(f"{name}: {count} mention(s) in {sources[order[document]].label}"))
            segments.append(ChartSegment(x, w, order[document] + 1 if stacked else 1, count, tooltip))
            x += w
        bars.append(ChartBar(Md(html.escape(_short(name))), y, y + bar_height - 3,
                             tuple(segments), competitor.total_mentions, x + 6))
    present = sorted({order[d] for c in shown for d, _ in c.mentions})
    legend = tuple((bar_x + n * 64, 8, index + 1, sources[index].label) for n, index in enumerate(present)) \
        if stacked else ()
    summary = "; ".join(
        f"{_name(ctx, c.organization)}: {c.total_mentions} ("
        + ", ".join(f"{sources[order[d]].label} {k}" for d, k in c.mentions) + ")"
        for c in shown)
    return Chart(
        width=width, height=top + len(shown) * row + 6, label_x=label_x, bar_height=bar_height,
        bars=tuple(bars), legend=legend,
        title=Md(html.escape("Mentions of each organisation, stacked by source")),
        description=Md(html.escape(f"Mentions outside publishers' notes. {summary}.")),
        truncated=len(landscape.competitors) - len(shown),
    )


def _short(name: str, limit: int = 22) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------
# The list of tables


@dataclass(frozen=True)
class TableRow:
    caption: str               # a lead-in or caption paragraph, else the section heading
    caption_kind: str          # "caption", "lead-in", "section", "" (none found)
    columns: tuple[str, ...]
    source: SourceLabel
    link: str                  # to the table on its source page
    number: int                # the table's number in its source
    order: int                 # in the whole list: sorts by source, then position
    rows: int
    cols: int
    size: str                  # "4 × 4"
    csv: str
    competitors: bool          # keyed by organisation: feeds the landscape
    publisher_note: bool


@dataclass(frozen=True)
class TablesPage:
    path: DocsPath
    tables: tuple[TableRow, ...]
    sources: tuple[SourceLabel, ...]
    competitors_link: str


def tables_view(documents: Sequence[Document], ctx: EntityContext,
                compared: frozenset[tuple[str, str]]) -> TablesPage:
    """compared: (document, anchor) of the tables the landscape reads as comparisons."""
    path = TABLES_INDEX
    cite = _Citer(documents, ctx, path)
    rows = []
    for document, source in zip(documents, cite.sources):
        number = 0
        for n, block in enumerate(document.blocks):
            if block.kind != "table":
                continue
            number += 1
            caption, kind = table_caption(document.blocks, n)
            width = len(block.header) or max((len(p.cell_spans) for p in block.passages), default=0)
            rows.append(TableRow(
                caption=caption, caption_kind=kind,
                columns=tuple(h or f"Column {i}" for i, h in enumerate(block.header, 1)),
                source=source, link=relative_link(path, source_page(document.id), block.anchor),
                number=number, order=len(rows), rows=len(block.passages), cols=width, size=f"{len(block.passages)} × {width}",
                csv=relative_link(path, DocsPath(table_csv_path(document.id, block.anchor))),
                competitors=(document.id, block.anchor) in compared,
                publisher_note=block.boilerplate,
            ))
    return TablesPage(path, tuple(rows), tuple(s for s in cite.sources if any(r.source == s for r in rows)),
                      relative_link(path, COMPETITORS_INDEX))


def table_caption(blocks: Sequence[Block], index: int) -> tuple[str, str]:
    """What introduces a table: a caption line ("Table 2: ..."), a lead-in paragraph ending in
    a colon just before it, else the heading of its section."""
    before = blocks[index - 1] if index > 0 else None
    if before is not None and before.kind == "paragraph":
        text = before.passages[0].text.strip()
        if _is_caption(text):
            return text, "caption"
        if text.endswith((":", "：")):
            return text.rstrip(":：").strip(), "lead-in"
    for block in reversed(blocks[:index]):
        if block.kind in ("heading", "title"):
            return block.passages[0].text.strip(), "section"
    return "", ""


def _is_caption(text: str) -> bool:
    return bool(re.match(r"^(?:table|exhibit|figure|chart)\s*\d*[.:]\s", text, re.IGNORECASE)) \
        or bool(re.match(r"^表\s*\d+", text))
