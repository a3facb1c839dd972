"""Page plans: everything a template prints, computed from the corpus.

Views are plain frozen values. Seed text in them is already escaped Markdown
(:class:`~build_site.markup.Md`); numbers and generated words are plain values that the
template environment escapes on output. Templates only loop and print.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .analyse.dates_published import is_metadata_line
from .analyse.language import reading_minutes
from .markup import Md, Region, Span, attr_list, code_block, escape, escape_block, inline
from .model import Block, Document, Passage
from .paths import DocsPath, relative_link, source_page
from .views_corpus import brief_text, source_title

LANGUAGE_NAMES = {
    "en": "English", "zh-Hans": "Chinese (Simplified)", "zh-Hant": "Chinese (Traditional)",
    "zh": "Chinese", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "und": "Undetermined",
}


@dataclass(frozen=True)
class ItemView:
    anchor: str
    lang: str
    text: Md
    kind: str = ""
    marker: str = ""                            # ordered lists: the number as written


@dataclass(frozen=True)
class BlockView:
    kind: str
    anchor: str
    lang: str
    text: Md = Md("")
    attrs: Md = Md("")
    level_marks: str = ""                      # headings: "##"
    label: Md = Md("")
    items: tuple[ItemView, ...] = ()
    header: tuple[Md, ...] = ()
    rows: tuple[tuple[ItemView, tuple[Md, ...]], ...] = ()
    start: int = 1
    list_tag: str = "ul"
    notes: tuple = ()                           # paragraphs, lists: annotations (views_claims.NoteView)


@dataclass(frozen=True)
class SourceMeta:
    file: str
    languages: str
    words: int
    cjk_chars: int
    minutes: int
    published: str
    sha256: str
    encoding: str


@dataclass(frozen=True)
class SourcePage:
    path: DocsPath
    title: str
    description: str
    heading: BlockView | None
    translated_title: Md
    translated_title_lang: str
    meta: SourceMeta
    blocks: tuple[BlockView, ...]
    publisher_note: tuple[BlockView, ...]
    previous: tuple[str, str] | None           # (title, link)
    next: tuple[str, str] | None
    entities: tuple = ()                       # EntityRef, most mentioned first
    events: tuple = ()                         # EventView, in text order
    related: tuple = ()                        # (title, link, shared entities)
    profile: tuple = ()                        # ProfileItem per epistemic label
    claim_count: int = 0
    claims_link: str = ""


def language_list(tags: tuple[str, ...]) -> str:
    return ", ".join(LANGUAGE_NAMES.get(tag, tag) for tag in tags) or "Undetermined"


def source_page_view(doc: Document, spans: dict[str, tuple[Span, ...]],
                     neighbours: tuple[Document | None, Document | None],
                     regions: dict[str, tuple[Region, ...]] | None = None,
                     notes: dict[str, tuple] | None = None) -> SourcePage:
    """The plan of one source page; ``spans`` holds each passage's links by anchor,
    ``regions`` its labelled sentences and ``notes`` the annotations of its blocks, by anchor."""
    text_of = _TextMaker(spans, regions or {})
    notes = notes or {}
    path = source_page(doc.id)
    content = [block for block in doc.blocks if block.kind != "title"]
    heading = next((_block_view(b, text_of) for b in doc.blocks if b.kind == "title"), None)
    body = tuple(_block_view(b, text_of, notes.get(b.anchor, ())) for b in content if not b.boilerplate)
    note = tuple(_block_view(b, text_of, notes.get(b.anchor, ())) for b in content if b.boilerplate)
    prev_doc, next_doc = neighbours
    return SourcePage(
        path=path, title=doc.title, description=_description(doc), heading=heading,
        translated_title=escape(doc.translated_title or ""),
        translated_title_lang=doc.translated_title_lang or "",
        meta=SourceMeta(
            file=doc.seed.display_path, languages=language_list(doc.languages),
            words=doc.latin_words, cjk_chars=doc.cjk_chars,
            minutes=reading_minutes(doc.latin_words, doc.cjk_chars),
            published=doc.published or "undated", sha256=doc.seed.sha256[:12], encoding=doc.seed.encoding,
        ),
        blocks=body, publisher_note=note,
        previous=(source_title(prev_doc), relative_link(path, source_page(prev_doc.id))) if prev_doc else None,
        next=(source_title(next_doc), relative_link(path, source_page(next_doc.id))) if next_doc else None,
    )


def _description(doc: Document) -> str:
    """The first paragraph, cut at a word boundary: the page's meta description (not the line
    that dates the document, "Published: ...")."""
    first = next((b.passages[0].text for b in doc.blocks if b.kind == "paragraph" and not b.boilerplate
                  and not (b.passages[0].line == doc.published_line and is_metadata_line(b.passages[0].text))), "")
    return brief_text(first, 200)


class _TextMaker:
    """Renders passage text with its links and labelled sentences, from an offset on."""

    def __init__(self, spans: dict[str, tuple[Span, ...]], regions: dict[str, tuple[Region, ...]]) -> None:
        self.spans = spans
        self.regions = regions

    def __call__(self, passage: Passage, skip: int = 0, annotated: bool = False) -> Md:
        """``annotated``: the passage is inside an element Material annotates (see ``inline``)."""
        spans = tuple(Span(s.start - skip, s.end - skip, s.href, s.title, s.classes)
                      for s in self.spans.get(passage.anchor, ()) if s.start >= skip)
        regions = tuple(Region(max(0, r.start - skip), r.end - skip, r.opening, r.closing)
                        for r in self.regions.get(passage.anchor, ()) if r.end > skip)
        return inline(passage.text[skip:], spans, line_start=True, regions=regions,
                      guard_markers=annotated)

    def label(self, passage: Passage, label: str) -> Md:
        """A call-out's ``Label:`` with its links: the first mention of a name in the paragraph
        may be in it ("Anthropic's Leadership: …")."""
        start = passage.text.find(label)
        end = start + len(label)
        spans = tuple(Span(s.start - start, s.end - start, s.href, s.title, s.classes)
                      for s in self.spans.get(passage.anchor, ()) if start <= s.start and s.end <= end)
        return inline(label, spans)

    def item(self, passage: Passage, annotated: bool = False) -> ItemView:
        return ItemView(passage.anchor, passage.lang, self(passage, annotated=annotated), passage.kind)

    def cells(self, passage: Passage) -> tuple[Md, ...]:
        own = self.spans.get(passage.anchor, ())
        cells = []
        for start, end in passage.cell_spans:
            inside = tuple(Span(s.start - start, s.end - start, s.href, s.title, s.classes)
                           for s in own if s.start >= start and s.end <= end)
            cells.append(inline(passage.text[start:end], inside))
        return tuple(cells)


# The blocks that can carry Material annotations: markers in their text, notes in a list after them.
ANNOTATED_KINDS = ("paragraph", "list")


def _block_view(block: Block, text_of: _TextMaker, notes: tuple = ()) -> BlockView:
    """``notes``: the block's annotations (paragraphs and lists only: Material annotates those):
    markers in the text, the notes in a list after the block."""
    if block.kind == "table":            # first: a table may be a header without rows, no passage
        rows = tuple((text_of.item(p), text_of.cells(p)) for p in block.passages)
        header = tuple(escape(h) if h else Md(f"Column {i}") for i, h in enumerate(block.header, 1))
        return BlockView("table", block.anchor, block.lang, header=header, rows=rows)
    first = block.passages[0]
    annotated = bool(notes) and block.kind in ANNOTATED_KINDS
    notes = notes if annotated else ()
    attrs = attr_list(block.anchor, block.lang, classes=("annotate",) if annotated else ())
    if block.kind in ("title", "heading"):
        # Headings stay plain text: no links or labels inside them (the table of contents repeats them).
        return BlockView(block.kind, block.anchor, block.lang, escape_block(first.text), attrs, "#" * block.level)
    if block.kind == "list":
        items = tuple(text_of.item(p, annotated) for p in block.passages)
        if block.markers:
            items = tuple(replace(item, marker=marker) for item, marker in zip(items, block.markers))
        return BlockView("list", block.anchor, block.lang, items=items, notes=notes,
                         start=block.start, list_tag="ol" if block.ordered else "ul")
    if block.kind == "qa":
        return BlockView("qa", block.anchor, block.lang, items=tuple(text_of.item(p) for p in block.passages))
    if block.kind == "front_matter":
        return BlockView("front_matter", block.anchor, block.lang, code_block(first.text))
    if block.label:
        body = text_of(first, skip=_label_end(first.text, block.label), annotated=annotated)
        return BlockView(block.kind, block.anchor, block.lang, body, attrs, label=text_of.label(first, block.label),
                         notes=notes)
    return BlockView("paragraph", block.anchor, block.lang, text_of(first, annotated=annotated), attrs, notes=notes)


def _label_end(text: str, label: str) -> int:
    """Offset just after ``Label:`` and the spaces that follow it."""
    pos = text.find(label) + len(label)
    while pos < len(text) and text[pos] in ":： ":
        pos += 1
    return pos


__all__ = ["ANNOTATED_KINDS", "SourcePage", "language_list", "source_page_view"]
