"""The whole build, top to bottom: read -> structure -> analyse -> link -> render -> write.

Only ``read`` and ``write`` touch the disk. A failure while analysing one seed is reported
against that seed (BS199) and the rest of the corpus still builds.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Protocol
from pathlib import Path

from .analyse.entities import extract_entities
from .analyse.events import extract_events
from .analyse.glossary import find_terms
from .analyse.statements import extract_claims
from .analyse.structure import parse_document, plain_document
from .diagnostics import Diagnostic, counts_against_strict, diagnostic
from .link import Corpus, link_corpus
from .model import Document, Seed
from .pages import render_site
from .read import read_knowledge, read_seeds
from .write import write_pages


@dataclass(frozen=True)
class BuildOptions:
    seeds_dir: Path
    docs_dir: Path
    site_name: str = "Source analysis"
    strict: bool = False
    knowledge_file: Path | None = None   # curated knowledge (knowledge.yml), optional
    as_of: str | None = None        # ISO date: "today" for the predictions ledger (never the clock)
    progress: Progress | None = None  # told how far each stage is (the CLI draws it on a terminal)


class Progress(Protocol):
    """Receives the build's progress: ``done`` of ``total`` items of ``stage`` (total 0: unknown)."""

    def __call__(self, stage: str, done: int, total: int) -> None: ...


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class BuildReport:
    seeds: int
    pages: int
    written: int
    unchanged: int
    removed: int
    diagnostics: tuple[Diagnostic, ...]
    timings: tuple[tuple[str, float], ...] = field(default=())
    counts: tuple[tuple[str, int], ...] = field(default=())     # what the analysis found


    @property
    def problems(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if counts_against_strict(d))

    def summary_line(self) -> str:
        stages = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in self.timings)
        found = "".join(f", {n} {name}" for name, n in self.counts)
        return (f"build_site: {self.seeds} seeds read, {self.written} pages written, "
                f"{self.unchanged} unchanged, {self.removed} removed, "
                f"{len(self.problems)} warnings{found} ({stages})")


class _Clock:
    """Per-stage wall time for the summary line (never written into any page)."""

    def __init__(self) -> None:
        self.timings: list[tuple[str, float]] = []
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings.append((stage, now - self._last))
        self._last = now

    def split(self, first: str, second: str, first_seconds: float, second_seconds: float) -> None:
        """Two interleaved stages measured together: record each one's share."""
        self.timings += [(first, first_seconds), (second, second_seconds)]
        self._last = time.perf_counter()


def build(options: BuildOptions) -> BuildReport:
    clock = _Clock()
    progress = options.progress or _no_progress
    # 1. Read: decode every seed; unreadable ones become diagnostics.
    progress("read", 0, 0)
    seeds, diags = read_seeds(options.seeds_dir)
    knowledge, knowledge_diags = read_knowledge(options.knowledge_file)
    diags = diags + knowledge_diags
    clock.lap("read")
    # 2. Structure: title, headings, paragraphs, lists, tables, Q&A, publisher's note.
    documents, structure_diags = _structure_all(seeds, progress)
    clock.lap("structure")
    # 3. Analyse: entities across the corpus, events per document.
    progress("entities", 0, 0)
    entity_index = extract_entities([p for doc in documents for p in doc.passages], knowledge)
    clock.lap("entities")
    events, event_diags = _per_document(documents, extract_events, "events", progress)
    clock.lap("events")
    claims, claim_diags = _per_document(documents, extract_claims, "claims", progress)
    terms, term_diags = _per_document(documents, find_terms, "glossary", progress)
    clock.lap("claims")
    # 4. Link: cross-references that need the whole corpus.
    progress("link", 0, 0)
    corpus: Corpus = link_corpus(documents, entity_index, events, claims, terms)
    clock.lap("link")
    # 5-6. Render page plans to Markdown and JSON, and write each file as it is rendered (only
    # changed files; pages of deleted seeds are removed): the site is never all in memory.
    pages = render_site(corpus, site_name=options.site_name, as_of=options.as_of)
    result = write_pages(options.docs_dir, pages, lambda done: progress("pages", done, 0))
    clock.split("render", "write", result.total_seconds - result.seconds, result.seconds)
    return BuildReport(
        seeds=len(seeds), pages=result.pages, written=result.written, unchanged=result.unchanged,
        removed=result.removed, diagnostics=tuple(sorted(diags + structure_diags + event_diags + claim_diags + term_diags)),
        timings=tuple(clock.timings),
        counts=(("entities", len(corpus.entities)), ("events", len(corpus.events)), ("claims", len(corpus.claims))),
    )


def _structure_all(seeds: tuple[Seed, ...], progress: Progress = _no_progress
                   ) -> tuple[list[Document], tuple[Diagnostic, ...]]:
    documents: list[Document] = []
    diags: list[Diagnostic] = []
    for done, seed in enumerate(seeds):
        progress("structure", done, len(seeds))
        try:
            document, doc_diags = parse_document(seed)
            documents.append(document)
            diags.extend(doc_diags)
        except Exception as exc:  # isolate the seed; the build goes on  # noqa: BLE001
            diags.append(diagnostic(seed.display_path, 0, "BS199",
                                    f"structure stage failed: {exc!r}; its lines are shown as plain paragraphs"))
            documents.append(plain_document(seed))
    return documents, tuple(diags)


def _per_document(documents: list[Document], stage, name: str, progress: Progress = _no_progress
                  ) -> tuple[list, tuple[Diagnostic, ...]]:
    """Run a per-document analysis on every document, isolating failures to their seed."""
    results: list = []
    diags: list[Diagnostic] = []
    for done, document in enumerate(documents):
        progress(name, done, len(documents))
        try:
            results.extend(stage(document))
        except Exception as exc:  # isolate the seed; the build goes on  # noqa: BLE001
            diags.append(diagnostic(document.seed.display_path, 0, "BS199", f"{name} stage failed: {exc!r}"))
    return results, tuple(diags)
