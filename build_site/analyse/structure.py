"""Stage 2, ``structure``: a decoded seed becomes a :class:`~build_site.model.Document`.

Plain-text conventions recognised (generic rules, documented in the README):

* the first non-empty line is the title (unless it is very long or a list/table line);
* a short line standing alone with no closing punctuation is a section heading
  (``#`` headings of Markdown seeds too);
* blank lines separate blocks; in files without blank lines every line is a paragraph;
  hard-wrapped lines (no closing punctuation, next line continuing) are joined;
* ``-``/``*``/``•``/``1.`` lines are list items; ``|``-delimited lines are a pipe table;
* ``Label: text`` paragraphs are call-outs when the label is a known call-out word or recurs;
* question paragraphs followed by answers (or after an FAQ heading) are Q&A;
* trailing paragraphs that read like a publisher's blurb are a publisher's note, kept.

Every block gets an anchor derived from its own text, so editing one paragraph never moves
another's link.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..diagnostics import Diagnostic, diagnostic
from ..model import Block, Document, Passage, Seed
from ..paths import slugify
from .dates import find_publication_date
from .dates_published import is_metadata_line
from .language import count_text, detect_language
from .segments import PARAGRAPH_MAX, Segment, segment_lines
from .tables import parse_table

_TERMINAL = tuple(".!?。！？…;；,，:：")
_QUESTION_END = re.compile(r"[?？][\"'”’」』)）]*\s*$")
_LEAD_IN = re.compile(r"^([^\W\d_][^:：.!?。！？\n]{0,48}?)\s*[:：]\s+(?=\S)")
_QUOTED = re.compile(r"[“\"]([^“”\"]{12,200})[”\"]|「([^」]{6,200})」|『([^』]{6,200})』")
_TITLE_MAX = 200
_HEADING_MAX_CHARS = 90
_HEADING_MAX_WORDS = 12


@dataclass(frozen=True)
class Cues:
    boilerplate: tuple[re.Pattern[str], ...]
    callout_words: frozenset[str]
    qa_headings: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def default_cues() -> Cues:
    raw = yaml.safe_load((Path(__file__).parent.parent / "data" / "structure.yml").read_text("utf-8"))
    flags = re.IGNORECASE
    return Cues(
        boilerplate=tuple(re.compile(p, flags) for p in raw["boilerplate"]),
        callout_words=frozenset(w.lower() for w in raw["callout_words"]),
        qa_headings=tuple(re.compile(p, flags) for p in raw["qa_headings"]),
    )


def parse_document(seed: Seed, cues: Cues | None = None) -> tuple[Document, tuple[Diagnostic, ...]]:
    """Recognise the structure of one seed. Pure: the same seed gives the same document."""
    cues = cues or default_cues()
    lines = seed.text.split("\n")
    segments = segment_lines(lines)
    title_seg, body = _split_title(segments)
    title = title_seg.text if title_seg else _fallback_title(seed.path)
    doc_lang = detect_language(seed.text[:4000], "en")
    builder = _BlockBuilder(seed.slug, doc_lang, seed.display_path)
    # The title takes its anchor first, so a body heading with the same words gets "-2".
    title_block = builder.single("title", title_seg, title, level=1) if title_seg else None
    blocks = _body_blocks(body, builder, cues)
    if title_block:   # after any front matter, before everything else
        at = 1 if blocks and blocks[0].kind == "front_matter" else 0
        blocks.insert(at, title_block)
    blocks = _mark_boilerplate(blocks, cues)
    latin, cjk = count_text(seed.text)
    translated = _translated_title(title, blocks)
    published = _published(lines)
    diags = list(builder.diagnostics)
    if not title_seg and seed.text.strip():
        diags.append(diagnostic(seed.display_path, 1, "BS108", "no short first line to use as title; using the file name"))
    document = Document(
        id=seed.slug, seed=seed, title=title, title_lang=detect_language(title, doc_lang),
        translated_title=translated,
        translated_title_lang=detect_language(translated, "en") if translated else None,
        blocks=tuple(blocks), published=published[0] if published else None,
        published_line=published[1] if published else 0,
        languages=_languages(blocks), latin_words=latin, cjk_chars=cjk,
    )
    return document, tuple(diags)



def plain_document(seed: Seed) -> Document:
    """The page of a seed that :func:`parse_document` failed on (a bug, reported as BS199):
    every non-blank line a paragraph (cut every PARAGRAPH_MAX characters), under the file
    name, so no text is lost. Nothing is recognised or detected here, so nothing can fail."""
    blocks = []
    for number, line in enumerate(seed.text.split("\n"), 1):
        for start in range(0, len(line) if line.strip() else 0, PARAGRAPH_MAX):
            anchor = f"p-line-{number}" + (f"-{start // PARAGRAPH_MAX + 1}" if start else "")
            passage = Passage(seed.slug, anchor, "paragraph", line[start:start + PARAGRAPH_MAX], "und", number)
            blocks.append(Block("paragraph", anchor, number, "und", (passage,)))
    latin, cjk = count_text(seed.text)
    return Document(id=seed.slug, seed=seed, title=_fallback_title(seed.path), title_lang="und",
                    translated_title=None, translated_title_lang=None, blocks=tuple(blocks), published=None,
                    languages=("und",) if blocks else (), latin_words=latin, cjk_chars=cjk)

def _published(lines: list[str]) -> tuple[str, int] | None:
    """The date the document states about itself (dateline, Published line, front matter),
    and the 1-based line it is on."""
    found = find_publication_date(lines)
    return (found[0].isoformat(), found[1] + 1) if found else None


def _split_title(segments: list[Segment]) -> tuple[Segment | None, list[Segment]]:
    for i, seg in enumerate(segments):
        if seg.kind == "front_matter":
            continue
        if seg.kind in ("text", "heading") and len(seg.lines) == 1 and len(seg.text) <= _TITLE_MAX:
            return seg, segments[:i] + segments[i + 1:]
        break
    return None, segments


def _fallback_title(path: str) -> str:
    return Path(path).stem.replace("_", " ").replace("-", " ").strip() or path


def _body_blocks(segments: list[Segment], builder: "_BlockBuilder", cues: Cues) -> list[Block]:
    recurring = _recurring_labels(segments)
    blocks: list[Block] = []
    i = 0
    in_faq = False
    while i < len(segments):
        seg = segments[i]
        if seg.kind == "text" and _is_heading(seg, segments[i + 1:]):
            seg = Segment("heading", seg.line, seg.lines, level=2)
        if seg.kind == "heading":
            blocks.append(builder.single("heading", seg, seg.text, level=seg.level))
            in_faq = any(p.search(seg.text) for p in cues.qa_headings)
            i += 1
            continue
        qa_end = _qa_run_end(segments, i, in_faq)
        if qa_end > i:
            blocks.append(builder.qa(segments[i:qa_end]))
            i = qa_end
            continue
        blocks.append(_content_block(seg, builder, cues, recurring))
        i += 1
    return blocks


def _content_block(seg: Segment, builder: "_BlockBuilder", cues: Cues, recurring: frozenset[str]) -> Block:
    if seg.kind == "front_matter":
        return builder.single("front_matter", seg, seg.text)
    if seg.kind == "list":
        return builder.list_block(seg)
    if seg.kind == "table":
        return builder.table(seg)
    label = _lead_in(seg.text)
    if label and (label.lower() in recurring or _is_callout_word(label, cues)):
        return builder.single("callout", seg, seg.text, label=label)
    return builder.single("paragraph", seg, seg.text, label=label or "")


def _is_heading(seg: Segment, following: list[Segment]) -> bool:
    """A short line on its own, not ending like a sentence, with something after it; not a line
    dating the document ("Published: 12 May 2025", "By Jane Doe, March 3, 2024"): metadata."""
    text = seg.text.strip()
    if len(seg.lines) != 1 or not following or not text or text.endswith(_TERMINAL) or is_metadata_line(text):
        return False
    latin, cjk = count_text(text)
    if len(text) > _HEADING_MAX_CHARS or latin > _HEADING_MAX_WORDS or (cjk and cjk > 40):
        return False
    first = text[0]
    return first.isupper() or first.isdigit() or bool(cjk and not latin) or not first.isascii()


def _lead_in(text: str) -> str | None:
    match = _LEAD_IN.match(text)
    if not match:
        return None
    label = match.group(1).strip()
    words = label.split()
    if len(words) > 6 or not (label[0].isupper() or not label[0].isascii()):
        return None
    # A label is title-cased ("Funding & Valuation Pressure"); a clause is not.
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha() and w.isascii()]
    if any(w[0].islower() for w in long_words):
        return None
    return label


def _recurring_labels(segments: list[Segment]) -> frozenset[str]:
    seen: dict[str, int] = {}
    for seg in segments:
        if seg.kind == "text":
            label = _lead_in(seg.text)
            if label:
                seen[label.lower()] = seen.get(label.lower(), 0) + 1
    return frozenset(label for label, n in seen.items() if n >= 2)


def _is_callout_word(label: str, cues: Cues) -> bool:
    lowered = label.lower()
    return any(lowered == w or lowered.endswith(" " + w) for w in cues.callout_words)


def _is_question(seg: Segment) -> bool:
    return seg.kind == "text" and len(seg.text) <= 300 and bool(_QUESTION_END.search(seg.text))


def _qa_run_end(segments: list[Segment], i: int, in_faq: bool) -> int:
    """End of a question/answer run starting at ``i``, or ``i`` when there is none.

    Outside an FAQ section two or more question-answer pairs in a row are needed, each
    question with one answer paragraph, so a rhetorical question in prose stays a paragraph.
    Under an FAQ heading one pair suffices and answers may run over several paragraphs.
    """
    pairs, j = 0, i
    while j + 1 < len(segments) and _is_question(segments[j]):
        k = j + 1
        while (k < len(segments) and segments[k].kind == "text" and not _is_question(segments[k])
               and (in_faq or k == j + 1)):
            k += 1
        if k == j + 1:
            break
        pairs += 1
        j = k
    needed = 1 if in_faq else 2
    return j if pairs >= needed else i


def _mark_boilerplate(blocks: list[Block], cues: Cues) -> list[Block]:
    """Flag the trailing run of blurb-like paragraphs as the publisher's note."""
    start = len(blocks)
    while start > 0 and blocks[start - 1].kind in ("paragraph", "callout") and any(
        p.search(blocks[start - 1].passages[0].text) for p in cues.boilerplate
    ):
        start -= 1
    if start == len(blocks) or start == 0:
        return blocks
    return blocks[:start] + [_as_boilerplate(b) for b in blocks[start:]]


def _as_boilerplate(block: Block) -> Block:
    from dataclasses import replace
    return replace(block, boilerplate=True,
                   passages=tuple(replace(p, boilerplate=True, kind="boilerplate") for p in block.passages))


def _translated_title(title: str, blocks: list[Block]) -> str | None:
    """A headline quoted inside the document in another language than the title.

    It must look like a headline (4-25 words, most of them capitalised) and share at least
    one Latin-script name with the title; the most frequent such quote wins.
    """
    title_lang = detect_language(title)
    title_names = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9]+", title)}
    counts: dict[str, int] = {}
    for block in blocks:
        for passage in block.passages:
            for match in _QUOTED.finditer(passage.text):
                quote = next(g for g in match.groups() if g).strip()
                if _is_headline(quote, title_lang, title_names):
                    counts[quote] = counts.get(quote, 0) + 1
    if not counts:
        return None
    return min(counts, key=lambda q: (-counts[q], q))


def _is_headline(quote: str, title_lang: str, title_names: set[str]) -> bool:
    if detect_language(quote) == title_lang or not title_names:
        return False
    words = quote.split()
    if not 4 <= len(words) <= 25:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    shared = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9]+", quote)} & title_names
    return capitalised / len(words) >= 0.6 and bool(shared)


def _languages(blocks: list[Block]) -> tuple[str, ...]:
    weight: dict[str, int] = {}
    for block in blocks:
        for passage in block.passages:
            weight[passage.lang] = weight.get(passage.lang, 0) + len(passage.text)
    return tuple(sorted(weight, key=lambda lang: (-weight[lang], lang)))


def content_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


class _BlockBuilder:
    """Makes blocks and passages with unique, content-derived anchors for one document."""

    def __init__(self, document: str, doc_lang: str, display_path: str) -> None:
        self.document = document
        self.doc_lang = doc_lang
        self.display_path = display_path
        self.diagnostics: list[Diagnostic] = []
        self._taken: set[str] = set()
        self._suffix: dict[str, int] = {}

    def anchor(self, prefix: str, text: str) -> str:
        base = f"{prefix}-{content_hash(text)}" if prefix != "h" else (slugify(text) or f"h-{content_hash(text)}")
        candidate = base
        n = self._suffix.get(base, 1)
        while candidate in self._taken:        # resumes where the last clash of this base stopped
            n += 1
            candidate = f"{base}-{n}"
        self._suffix[base] = n
        self._taken.add(candidate)
        return candidate

    def passage(self, kind: str, text: str, line: int, prefix: str = "p", **extra) -> Passage:
        lang = detect_language(text, self.doc_lang)
        return Passage(self.document, self.anchor(prefix, text), kind, text, lang, line, **extra)

    def single(self, kind: str, seg: Segment, text: str, *, level: int = 0, label: str = "") -> Block:
        prefix = "h" if kind in ("title", "heading") else "p"
        passage = self.passage(kind, text, seg.line, prefix)
        return Block(kind, passage.anchor, seg.line, passage.lang, (passage,), level=level, label=label)

    def list_block(self, seg: Segment) -> Block:
        items = tuple(self.passage("list_item", text, line, "li") for line, _, text in seg.items)
        anchor = self.anchor("l", "\n".join(p.text for p in items))
        markers = tuple(marker for _, marker, _ in seg.items) if seg.ordered else ()
        return Block("list", anchor, seg.line, items[0].lang, items, ordered=seg.ordered, start=seg.start,
                     markers=markers)

    def table(self, seg: Segment) -> Block:
        table = parse_table(seg.lines)
        for offset in table.ragged:
            self.diagnostics.append(diagnostic(self.display_path, seg.line + offset, "BS110",
                                               f"table row padded to {table.width} cells"))
        anchor = self.anchor("t", "\n".join(seg.lines))
        rows = tuple(
            self.passage("table_row", text, seg.line + offset, "r", cell_spans=spans, header=table.header)
            for offset, (text, spans) in zip(table.row_lines, table.rows)
        )
        lang = rows[0].lang if rows else self.doc_lang
        return Block("table", anchor, seg.line, lang, rows, header=table.header)

    def qa(self, segments: list[Segment]) -> Block:
        passages = tuple(
            self.passage("question" if _is_question(s) else "answer", s.text, s.line) for s in segments
        )
        anchor = self.anchor("qa", "\n".join(p.text for p in passages))
        return Block("qa", anchor, segments[0].line, passages[0].lang, passages)
