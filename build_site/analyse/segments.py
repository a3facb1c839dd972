"""Lines to segments: the first, purely line-based pass of the structure stage.

A segment is a run of lines that belongs together before any meaning is assigned:
front matter, an ATX heading, a pipe table, a list, or a text run (a paragraph candidate).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_LIST_ITEM = re.compile(r"^\s{0,3}(?:([-*•+‣◦·])|(\d{1,3})[.)])\s+(?=\S)")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(\S.*?)\s*#*\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^---\s*$")
_WRAP_MIN = 40   # a hard-wrapped line is at least this long (shorter ones end a paragraph)
_WRAP_MAX = 100  # ...and at most this long for 90% of the lines


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
            match = _ATX.match(self.lines[0])
            return match.group(2) if match else self.lines[0].strip()
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
        elif _is_table_start(lines, i):
            i = _take_table(lines, i, segments)
        elif _LIST_ITEM.match(line):
            i = _take_list(lines, i, segments)
        elif _ATX.match(line):
            segments.append(Segment("heading", i + 1, (line,), level=max(2, len(_ATX.match(line).group(1)))))
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
    return "|" in lines[i] and i + 1 < len(lines) and bool(_TABLE_SEP.match(lines[i + 1])) and "|" in lines[i + 1]


def _take_table(lines: list[str], i: int, out: list[Segment]) -> int:
    j = i + 1
    while j < len(lines) and lines[j].strip() and ("|" in lines[j]):
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
    """One paragraph candidate: a line, plus following lines when the text is hard-wrapped."""
    j = i + 1
    while wrapped and j < len(lines) and _continues(lines[j - 1], lines[j]):
        j += 1
    out.append(Segment("text", i + 1, tuple(lines[i:j])))
    return j


def _continues(previous: str, line: str) -> bool:
    if not line.strip() or _LIST_ITEM.match(line) or _ATX.match(line) or _is_table_line(line):
        return False
    return len(previous.rstrip()) >= _WRAP_MIN
