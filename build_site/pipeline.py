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
from .diagnostics import Diagnostic, counts_against_strict
from .documents import STAGES, AnalysisCache, analyse_documents
from .link import Corpus, link_corpus
from .pages import page_tasks
from .parallel import fork_available, fork_map
from .read import read_knowledge, read_seeds
from .write import WriteResult, finish, store_pages, write_pages


@dataclass(frozen=True)
class BuildOptions:
    seeds_dir: Path
    docs_dir: Path
    site_name: str = "Source analysis"
    strict: bool = False
    knowledge_file: Path | None = None   # curated knowledge (knowledge.yml), optional
    as_of: str | None = None        # ISO date: "today" for the predictions ledger (never the clock)
    progress: Progress | None = None  # told how far each stage is (the CLI draws it on a terminal)
    jobs: int = 1                   # processes for the per-document stages and rendering (same output)
    cache: AnalysisCache | None = None  # per-seed analyses kept between builds (mkdocs serve)


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
    reused: int = 0                 # seeds whose analysis came from the cache (unchanged since the last build)


    @property
    def problems(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if counts_against_strict(d))

    def summary_line(self) -> str:
        stages = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in self.timings)
        found = "".join(f", {n} {name}" for name, n in self.counts)
        reused = f" ({self.reused} unchanged, analysis reused)" if self.reused else ""
        return (f"build_site: {self.seeds} seeds read{reused}, {self.written} pages written, "
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

    def lap_split(self, first: str, second: str, second_seconds: float) -> None:
        """Two interleaved stages since the last lap, the second measured on its own."""
        elapsed = time.perf_counter() - self._last
        self.share((first, second), (elapsed - second_seconds, second_seconds))

    def share(self, stages, seconds) -> None:
        """Interleaved stages measured separately: record each one's time (summed over worker
        processes when they ran in parallel)."""
        self.timings += list(zip(stages, seconds))
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
    # 2-3. Per document: structure (title, headings, paragraphs, lists, tables, Q&A, publisher's
    # note), then events, claims and glossary terms; cached by content hash, optionally parallel.
    progress("analyse", 0, len(seeds))
    hits = options.cache.hits if options.cache is not None else 0
    analyses = analyse_documents(seeds, jobs=options.jobs, cache=options.cache,
                                 progress=lambda done: progress("analyse", done, len(seeds)))
    documents = [a.document for a in analyses]
    events = [e for a in analyses for e in a.events]
    claims = [c for a in analyses for c in a.claims]
    terms = [t for a in analyses for t in a.terms]
    analysis_diags = tuple(d for a in analyses for d in a.diagnostics)
    clock.share(STAGES, [sum(a.seconds[i] for a in analyses) for i in range(len(STAGES))])
    # 3. Analyse across the corpus: entities (one pass over each passage).
    progress("entities", 0, 0)
    entity_index = extract_entities([p for doc in documents for p in doc.passages], knowledge)
    clock.lap("entities")
    # 4. Link: cross-references that need the whole corpus.
    progress("link", 0, 0)
    corpus: Corpus = link_corpus(documents, entity_index, events, claims, terms)
    clock.lap("link")
    # 5-6. Render page plans to Markdown and JSON, and write each file as it is rendered (only
    # changed files; pages of deleted seeds are removed): the site is never all in memory.
    result = _render_and_write(corpus, options, progress)
    clock.lap_split("render", "write", result.seconds)
    return BuildReport(
        seeds=len(seeds), pages=result.pages, written=result.written, unchanged=result.unchanged,
        removed=result.removed, diagnostics=tuple(sorted(diags + analysis_diags)),
        timings=tuple(clock.timings),
        counts=(("entities", len(corpus.entities)), ("events", len(corpus.events)), ("claims", len(corpus.claims))),
        reused=options.cache.hits - hits if options.cache is not None else 0,
    )


# Below this many pages per worker, starting processes costs more than it saves.
MIN_PAGES_PER_JOB = 50


def _render_and_write(corpus: Corpus, options: BuildOptions, progress: Progress) -> WriteResult:
    """Render every page and write it as it comes, in ``options.jobs`` processes (each takes
    every n-th task); unchanged files are left alone, files no page claims are removed."""
    tasks = page_tasks(corpus, site_name=options.site_name, as_of=options.as_of)
    workers = min(options.jobs, len(tasks) // MIN_PAGES_PER_JOB)
    if workers <= 1 or not fork_available():
        return write_pages(options.docs_dir, (page for task in tasks for page in task()),
                           lambda done: progress("pages", done, 0))
    progress("pages", 0, 0)

    def part(k: int):
        return store_pages(options.docs_dir, (page for task in tasks[k::workers] for page in task()))

    return finish(options.docs_dir, fork_map(part, workers))
