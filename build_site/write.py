"""Stage 6, ``write``: put the rendered files into ``docs/``, touching only what changed.

The generator owns ``paths.GENERATED_FILES`` and everything below ``paths.GENERATED_DIRS``.
Unchanged files are not rewritten (so ``mkdocs serve`` sees no change and does not loop);
files it owns that the new build does not produce are removed (pages of deleted seeds).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .paths import GENERATED_DIRS, GENERATED_FILES
from .render import PageFile


@dataclass(frozen=True)
class WriteResult:
    written: int
    unchanged: int
    removed: int


def owned_files(docs_dir: Path) -> set[str]:
    """Files now in docs/ that the generator owns, as POSIX paths relative to docs/."""
    found = {name for name in GENERATED_FILES if (docs_dir / name).is_file()}
    for folder in GENERATED_DIRS:
        root = docs_dir / folder
        if root.is_dir():
            found.update(p.relative_to(docs_dir).as_posix() for p in root.rglob("*") if p.is_file())
    return found


def write_pages(docs_dir: Path, pages: tuple[PageFile, ...]) -> WriteResult:
    written = unchanged = 0
    for page in pages:
        target = docs_dir / page.path
        data = page.content.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)            # atomic: a watcher never sees half a page
        written += 1
    stale = sorted(owned_files(docs_dir) - {page.path for page in pages})
    for rel in stale:
        (docs_dir / rel).unlink()
    _remove_empty_dirs(docs_dir)
    return WriteResult(written, unchanged, len(stale))


def _remove_empty_dirs(docs_dir: Path) -> None:
    for folder in GENERATED_DIRS:
        root = docs_dir / folder
        if not root.is_dir():
            continue
        for path in sorted([*root.rglob("*"), root], key=lambda p: len(p.parts), reverse=True):
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
