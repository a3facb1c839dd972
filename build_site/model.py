"""The typed corpus model shared by every stage.

Stages pass these frozen values along: ``read`` makes :class:`Seed`, ``structure`` makes
:class:`Document` (blocks and passages), the analysers add entities, events and claims, ``link``
assembles the :class:`Corpus`. Offsets are character offsets into the passage text, so every
annotation can be traced back to the words of the seed it came from.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Passage:
    """A unit of seed text that has its own anchor on its source page.

    Passages are what analysers read: every heading, paragraph, list item, table row,
    question and answer is one. ``text`` is the seed text exactly (NFC-normalised);
    for a table row it is the cells joined by `` | `` and ``cell_spans`` locates each cell.
    """

    document: str                 # document id (its slug)
    anchor: str                   # the paragraph id on the source page, e.g. "p-3fa9c2d1"
    kind: str                     # title, heading, paragraph, list_item, table_row, question, answer, callout, boilerplate
    text: str
    lang: str                     # BCP-47: "en", "zh-Hans", "zh-Hant", "und"
    line: int                     # 1-based line of the seed where the passage starts
    cell_spans: tuple[tuple[int, int], ...] = ()   # table rows: (start, end) of each cell in text
    header: tuple[str, ...] = ()                    # table rows: the table's header cells
    boilerplate: bool = False     # part of a publisher's note / promotional tail


@dataclass(frozen=True, slots=True)
class Seed:
    """One source file, decoded: the output of the ``read`` stage."""

    path: str                     # relative to the seeds folder, POSIX separators ("000_x.txt")
    display_path: str             # how messages name it ("seeds/000_x.txt")
    slug: str                     # unique page name
    text: str                     # decoded, NFC-normalised, "\n" line ends, no BOM
    sha256: str                   # of the file's bytes
    encoding: str                 # "utf-8", "utf-8-sig", or the detected codec


@dataclass(frozen=True, slots=True)
class Block:
    """A structural unit of a source page: it renders as one element with an anchor.

    Headings, paragraphs and call-outs hold one passage; lists one per item; tables one per
    body row (the header cells are in ``header``); Q&A blocks questions each followed by answers.
    """

    kind: str                     # title, heading, paragraph, callout, list, table, qa, front_matter
    anchor: str
    line: int
    lang: str
    passages: tuple[Passage, ...]
    level: int = 0                # headings: 2-6
    ordered: bool = False         # lists
    start: int = 1                # ordered lists: the first item's number as written
    markers: tuple[str, ...] = () # ordered lists: each item's number as written ("1.", "2)")
    label: str = ""               # call-outs: the lead-in label ("Data Takeaway")
    header: tuple[str, ...] = ()  # tables: header cells, as written
    boilerplate: bool = False     # inside the publisher's note at the end


@dataclass(frozen=True, slots=True)
class Document:
    """A seed with its structure recognised: the output of the ``structure`` stage."""

    id: str                       # = the seed's slug
    seed: Seed
    title: str
    title_lang: str
    translated_title: str | None  # a headline in another language quoted inside the document
    translated_title_lang: str | None
    blocks: tuple[Block, ...]
    published: str | None         # ISO date the text states about itself, else None ("undated")
    languages: tuple[str, ...]    # BCP-47 tags of its blocks, most used first
    latin_words: int
    cjk_chars: int
    published_line: int = 0       # 1-based line that states the publication date (0: none)

    @property
    def passages(self) -> tuple[Passage, ...]:
        return tuple(p for block in self.blocks for p in block.passages)


@dataclass(frozen=True, slots=True)
class Event:
    """A dated or datable statement: the sentence (or table cell) that carries a date."""

    id: str                       # "ev-" + hash of (document, passage anchor, offset): stable under edits elsewhere
    document: str
    anchor: str                   # the passage it is in
    date_text: str                # the expression as written ("Q4 2024 - Q2 2025")
    start: str | None             # ISO partial date, None when not anchorable
    end: str | None
    precision: str                # day, month, quarter, half, year, decade, range, relative, vague
    relation: str | None          # by, since, before, after (bounds)
    relative: str | None          # normalised relative expression ("within 6 months")
    kind: str                     # reported, prediction, speculation
    summary: str                  # the sentence, list item or table cell with its row label
    expr_start: int               # where the expression is in the passage text
    expr_end: int
    publisher_note: bool = False  # found in the publisher's note, not the article itself
    entities: tuple[str, ...] = ()   # entity ids mentioned in the summary (set by the link stage)


@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity stated in a claim, normalised, and what it is about."""

    text: str                     # as written ("over $15B")
    value: float
    unit: str
    bound: str | None             # "at least", "at most", "about", "less than"
    attribute: str | None         # what it measures ("MMLU", "valuation")
    start: int                    # offsets in the passage text
    end: int
    entity: str | None = None     # the entity it is about (set by the link stage)


@dataclass(frozen=True, slots=True)
class Claim:
    """One sentence of a source with its epistemic label and the figures it states."""

    id: str                       # "c-" + hash of (document, anchor, sentence offset)
    document: str
    anchor: str
    start: int                    # the sentence's span in the passage text
    end: int
    text: str
    lang: str
    label: str                    # stated, attributed, hedged, rumour, prediction, opinion
    cue: str | None               # the words that decided the label
    figures: tuple[Figure, ...] = ()
    entities: tuple[str, ...] = ()   # entity ids mentioned in the sentence (set by the link stage)
    publisher_note: bool = False
