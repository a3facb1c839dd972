"""Lines to segments: the first, purely line-based pass of the structure stage.

A segment is a run of lines that belongs together before any meaning is assigned:
front matter, an ATX heading, a pipe table, a list, or a text run (a paragraph candidate).
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from .tables import is_separator

_LIST_ITEM = re.compile(r"^\s{0,3}(?:([-*•+‣◦·])|(\d{1,3})[.)])\s+(?=\S)")
# Only the opening marks: the heading text is cut out by atx_heading(), without a regex whose
# backtracking is quadratic on long runs of spaces or '#' (a 20,000-character line took minutes).
_ATX_OPEN = re.compile(r"^\s{0,3}(#{1,6})\s+(?=\S)")
_FENCE = re.compile(r"^---\s*$")
_WRAP_MIN = 40   # a hard-wrapped line is at least this long (shorter ones end a paragraph)
_WRAP_MAX = 100  # ...and at most this long for 90% of the lines
# Longer text runs are split into several paragraph candidates (see _split_long_line): Python-
# Markdown rebuilds a paragraph's whole text for every escaped character in it, so rendering
# time grows with the square of the paragraph's length. No written paragraph is this long.
PARAGRAPH_MAX = 5_000
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…;:])\s+|(?<=[。！？；])\s*")
_SPACE = re.compile(r"\s+")


def atx_heading(line: str) -> tuple[int, str] | None:
    """``(number of '#', heading text)`` of an ATX heading line, else None.

    A closing run of ``#`` is dropped only after white space, as in CommonMark, so
    ``# Learning C#`` keeps its ``#``; a line that is nothing but marks is not a heading.
    """
    match = _ATX_OPEN.match(line)
    if not match:
        return None
    text = line[match.end():].rstrip()
    without_closing = text.rstrip("#")
    if len(without_closing) < len(text) and (not without_closing or without_closing[-1].isspace()):
        text = without_closing.rstrip()
    return (len(match.group(1)), text) if text else None


@dataclass(frozen=True)
class Segment:
    kind: str                                   # text, heading, list, table, front_matter
    line: int                                   # 1-based first line
    lines: tuple[str, ...]
    level: int = 0                              # ATX headings
    items: tuple[tuple[int, str, str], ...] = ()   # lists: (line, marker as written, item text)
    ordered: bool = False
    start: int = 1

    @property
    def text(self) -> str:
        if self.kind == "heading" and self.level:
            heading = atx_heading(self.lines[0])
            return heading[1] if heading else self.lines[0].strip()
        if self.kind in ("table", "front_matter"):
            return "\n".join(self.lines)
        return " ".join(line.strip() for line in self.lines)


def segment_lines(lines: list[str]) -> list[Segment]:
    """Split a document's lines into segments, in order, losing no non-blank line."""
    segments: list[Segment] = []
    wrapped = _is_hard_wrapped(lines)
    i = _front_matter_end(lines)
    if i:
        segments.append(Segment("front_matter", 1, tuple(lines[:i])))
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif len(line) > PARAGRAPH_MAX:        # too long for a table row, list item or heading
            i = _take_text(lines, i, segments, wrapped)
        elif _is_table_start(lines, i):
            i = _take_table(lines, i, segments)
        elif _LIST_ITEM.match(line):
            i = _take_list(lines, i, segments)
        elif heading := atx_heading(line):
            segments.append(Segment("heading", i + 1, (line,), level=max(2, heading[0])))
            i += 1
        else:
            i = _take_text(lines, i, segments, wrapped)
    return segments


def _front_matter_end(lines: list[str]) -> int:
    """Index after a leading ``---`` ... ``---`` block of ``key: value`` lines, else 0."""
    if not lines or not _FENCE.match(lines[0]):
        return 0
    for j in range(1, min(len(lines), 60)):
        if _FENCE.match(lines[j]) or lines[j].strip() == "...":
            body = [ln for ln in lines[1:j] if ln.strip()]
            if body and all(re.match(r"^[\w-]+\s*:|^\s+|^-\s", ln) for ln in body):
                return j + 1
            return 0
    return 0


def _is_table_line(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("|") and stripped.count("|") >= 2


def _is_table_start(lines: list[str], i: int) -> bool:
    if _is_table_line(lines[i]):
        return True
    # GitHub-style tables without outer pipes: "a | b" followed by "---|---".
    return "|" in lines[i] and i + 1 < len(lines) and is_separator(lines[i + 1]) and "|" in lines[i + 1]


def _take_table(lines: list[str], i: int, out: list[Segment]) -> int:
    j = i + 1
    while j < len(lines) and lines[j].strip() and ("|" in lines[j]) and len(lines[j]) <= PARAGRAPH_MAX:
        j += 1
    out.append(Segment("table", i + 1, tuple(lines[i:j])))
    return j


def _take_list(lines: list[str], i: int, out: list[Segment]) -> int:
    """A list: items of one kind (bullets or numbers), blank lines between items allowed."""
    first = _LIST_ITEM.match(lines[i])
    ordered = first.group(2) is not None
    start = int(first.group(2)) if ordered else 1
    items: list[tuple[int, str, str]] = []
    j = i
    while j < len(lines):
        match = _LIST_ITEM.match(lines[j])
        if len(lines[j]) > PARAGRAPH_MAX or (items and len(items[-1][2]) > PARAGRAPH_MAX):
            break                                           # over-long text is paragraphs
        if match and (match.group(2) is not None) == ordered:
            marker = lines[j][: match.end()].strip()
            items.append((j + 1, marker, lines[j][match.end():].strip()))
            j += 1
        elif lines[j].strip() and items and not _LIST_ITEM.match(lines[j]) and lines[j - 1].strip():
            line_no, marker, text = items[-1]               # a continuation line of the item
            items[-1] = (line_no, marker, f"{text} {lines[j].strip()}")
            j += 1
        elif not lines[j].strip() and _next_nonblank_is_item(lines, j, ordered):
            j += 1
        else:
            break
    out.append(Segment("list", i + 1, tuple(lines[i:j]), items=tuple(items), ordered=ordered, start=start))
    return j


def _next_nonblank_is_item(lines: list[str], j: int, ordered: bool) -> bool:
    while j < len(lines) and not lines[j].strip():
        j += 1
    match = j < len(lines) and _LIST_ITEM.match(lines[j])
    return bool(match) and (match.group(2) is not None) == ordered


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Whether the writer broke paragraphs into lines of a fixed width.

    Then consecutive lines form one paragraph; otherwise (every paragraph on one long line,
    as pasted articles are) each line is its own paragraph.
    """
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 3:
        return False
    return lengths[int(len(lengths) * 0.9)] <= _WRAP_MAX


def _take_text(lines: list[str], i: int, out: list[Segment], wrapped: bool) -> int:
    """One paragraph candidate: a line, plus following lines when the text is hard-wrapped.

    Joining stops once the paragraph is PARAGRAPH_MAX characters long, and a single line
    longer than that becomes several candidates, so no paragraph grows without bound.
    """
    if len(lines[i]) > PARAGRAPH_MAX:
        out.extend(Segment("text", i + 1, (piece,)) for piece in _split_long_line(lines[i]))
        return i + 1
    j, length = i + 1, len(lines[i])
    while wrapped and j < len(lines) and length < PARAGRAPH_MAX and _continues(lines[j - 1], lines[j]):
        length += len(lines[j]) + 1
        j += 1
    out.append(Segment("text", i + 1, tuple(lines[i:j])))
    return j


def _continues(previous: str, line: str) -> bool:
    if (not line.strip() or len(line) > PARAGRAPH_MAX or _LIST_ITEM.match(line) or atx_heading(line)
            or _is_table_line(line)):
        return False
    return len(previous.rstrip()) >= _WRAP_MIN


def _split_long_line(line: str) -> list[str]:
    """Cut an over-long line into pieces of about equal length (so none is short enough to
    pass for a title or heading), after a sentence end if there is one near the cut, else at
    white space, else between two characters (never inside a grapheme cluster)."""
    pieces = math.ceil(len(line) / PARAGRAPH_MAX)
    step = len(line) / pieces
    window = PARAGRAPH_MAX // 4
    out: list[str] = []
    start = 0
    for k in range(1, pieces):
        target = max(start + 1, round(k * step))
        match = (_SENTENCE_BREAK.search(line, target, target + window)
                 or _SPACE.search(line, target, target + window))
        if match:
            cut, resume = match.start(), match.end()
        else:
            cut = resume = _grapheme_boundary(line, target)
        out.append(line[start:cut])
        start = resume
    out.append(line[start:])
    return [piece for piece in out if piece.strip()]


def _grapheme_boundary(line: str, pos: int) -> int:
    """The first position at or after ``pos`` that does not split a character from its marks."""
    while pos < len(line) and (unicodedata.category(line[pos]) in ("Mn", "Mc", "Me", "Cf", "Sk")
                               or line[pos - 1] == "\u200d"):
        pos += 1
    return pos
