"""Stage 6, ``write``: put the rendered files into ``docs/``, touching only what changed.

The generator owns ``paths.GENERATED_FILES`` and everything below ``paths.GENERATED_DIRS``.
Unchanged files are not rewritten (so ``mkdocs serve`` sees no change and does not loop);
files it owns that the new build does not produce are removed (pages of deleted seeds).
"""
from __future__ import annotations

import filecmp
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .paths import GENERATED_DIRS, GENERATED_FILES
from .render import PageFile, StreamedFile


@dataclass(frozen=True)
class WriteResult:
    written: int
    unchanged: int
    removed: int
    pages: int = 0
    seconds: float = 0.0           # time spent writing and removing files (not making them)


def owned_files(docs_dir: Path) -> set[str]:
    """Files now in docs/ that the generator owns, as POSIX paths relative to docs/."""
    found = {name for name in GENERATED_FILES if (docs_dir / name).is_file()}
    for folder in GENERATED_DIRS:
        root = docs_dir / folder
        if root.is_dir():
            found.update(p.relative_to(docs_dir).as_posix() for p in root.rglob("*") if p.is_file())
    return found


def write_pages(docs_dir: Path, pages: Iterable[PageFile | StreamedFile],
                progress: Callable[[int], None] | None = None) -> WriteResult:
    """Store each page as it comes (only if its content changed), then remove the files of
    ``docs_dir``'s generated area that no page claimed. Two pages with one path are a bug."""
    return finish(docs_dir, [store_pages(docs_dir, pages, progress)])


@dataclass(frozen=True)
class Stored:
    """What :func:`store_pages` did: the paths it was given, in order, and its counts."""

    paths: tuple[str, ...]
    written: int
    unchanged: int
    seconds: float                 # time spent writing, not producing the pages


def store_pages(docs_dir: Path, pages: Iterable[PageFile | StreamedFile],
                progress: Callable[[int], None] | None = None) -> Stored:
    """Write each page whose content changed (atomically); leave the others untouched."""
    written = unchanged = 0
    paths: list[str] = []
    busy = 0.0
    for page in pages:
        mark = time.perf_counter()
        paths.append(page.path)
        target = docs_dir / page.path
        if _store(target, page):
            written += 1
        else:
            unchanged += 1
        busy += time.perf_counter() - mark
        if progress is not None:
            progress(len(paths))
    return Stored(tuple(paths), written, unchanged, busy)


def _store(target: Path, page: PageFile | StreamedFile) -> bool:
    """Write ``page`` to ``target`` unless it already holds exactly that; True if written.
    The new text goes to a temporary file first and replaces the old one at once, so a
    watcher (``mkdocs serve``) never sees half a page."""
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    if isinstance(page, PageFile):
        data = page.content.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
    else:                                       # written as it is made, then compared
        target.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as out:
            for piece in page.pieces():
                out.write(piece.encode("utf-8"))
        if target.is_file() and filecmp.cmp(tmp, target, shallow=False):
            tmp.unlink()
            return False
    tmp.replace(target)
    return True


def finish(docs_dir: Path, parts: list[Stored]) -> WriteResult:
    """After every page is stored (by one process or several): check that no two pages
    share a path, and remove the generated files that no page claimed."""
    seen: set[str] = set()
    for part in parts:
        for path in part.paths:
            if path in seen:
                raise ValueError(f"two generated files share the path {path}")
            seen.add(path)
    mark = time.perf_counter()
    stale = sorted(owned_files(docs_dir) - seen)
    for rel in stale:
        (docs_dir / rel).unlink()
    _remove_empty_dirs(docs_dir)
    busy = sum(part.seconds for part in parts) + time.perf_counter() - mark
    return WriteResult(sum(p.written for p in parts), sum(p.unchanged for p in parts), len(stale),
                       pages=len(seen), seconds=busy)


def _remove_empty_dirs(docs_dir: Path) -> None:
    for folder in GENERATED_DIRS:
        root = docs_dir / folder
        if not root.is_dir():
            continue
        for path in sorted([*root.rglob("*"), root], key=lambda p: len(p.parts), reverse=True):
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
