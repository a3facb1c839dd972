"""Pipe tables: cells split on unescaped pipes outside code spans, ragged rows padded."""
from __future__ import annotations

import re
from dataclasses import dataclass

_SEPARATOR_CELL = re.compile(r":?-{2,}:?")
CELL_JOIN = " | "


@dataclass(frozen=True)
class ParsedTable:
    header: tuple[str, ...]
    rows: tuple[tuple[str, tuple[tuple[int, int], ...]], ...]   # (row text, cell spans)
    row_lines: tuple[int, ...]                                    # line offset of each row in the table
    width: int
    ragged: tuple[int, ...] = ()                                  # offsets of rows that were padded


def is_separator(line: str) -> bool:
    """Whether a line is a table's header separator (``|---|:--:|``, outer pipes optional).

    Cell by cell rather than one regular expression: the regex it replaces backtracked
    quadratically on a dash run followed by a long run of spaces.
    """
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|"):
        stripped = stripped[:-1]
    return all(_SEPARATOR_CELL.fullmatch(cell.strip()) for cell in stripped.split("|"))


def split_cells(line: str) -> list[str]:
    """Cells of one table line. ``\\|`` and pipes inside backticks stay in the cell."""
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        stripped = stripped[:-1]
    cells, current, in_code, i = [], [], False, 0
    while i < len(stripped):
        ch = stripped[i]
        if ch == "\\" and i + 1 < len(stripped) and stripped[i + 1] == "|":
            current.append("|")
            i += 2
            continue
        if ch == "`":
            in_code = not in_code
        if ch == "|" and not in_code:
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    cells.append("".join(current).strip())
    return cells


def parse_table(lines: tuple[str, ...] | list[str]) -> ParsedTable:
    """Header (when a separator line follows the first row), body rows, padded to one width."""
    has_header = len(lines) > 1 and is_separator(lines[1])
    header = tuple(split_cells(lines[0])) if has_header else ()
    body_offsets = [k for k in range(len(lines)) if not (has_header and k in (0, 1))]
    body = [split_cells(lines[k]) for k in body_offsets]
    width = max([len(header)] + [len(cells) for cells in body]) if (header or body) else 0
    # Every row that was padded (a header shorter than the widest row too), by line offset.
    ragged = ((0,) if header and len(header) < width else ()) + tuple(
        off for off, cells in zip(body_offsets, body) if len(cells) != width)
    header = header + ("",) * (width - len(header)) if header else ()
    rows = tuple(_row(cells + [""] * (width - len(cells))) for cells in body)
    return ParsedTable(header, rows, tuple(body_offsets), width, ragged)


def _row(cells: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    spans, pos = [], 0
    for k, cell in enumerate(cells):
        if k:
            pos += len(CELL_JOIN)
        spans.append((pos, pos + len(cell)))
        pos += len(cell)
    return CELL_JOIN.join(cells), tuple(spans)
