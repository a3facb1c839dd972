"""Stages 2-3 for one seed at a time: structure, events, claims and glossary terms.

Everything here is a pure function of one :class:`~build_site.model.Seed`, which gives two
things for free:

* a cache keyed by the seed's content hash (:class:`AnalysisCache`): ``mkdocs serve`` keeps
  one between rebuilds, so saving one seed re-analyses that seed only;
* optional parallelism (``jobs > 1``): seeds are analysed in forked worker processes and the
  results come back in seed order, so the output is the same as with one process.

The corpus-wide stages (entities, link) run afterwards on the collected results.
"""
from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from .analyse.events import extract_events
from .analyse.glossary import Term, find_terms
from .analyse.statements import extract_claims
from .analyse.structure import parse_document, plain_document
from .diagnostics import Diagnostic, diagnostic
from .model import Claim, Document, Event, Seed
from .parallel import fork_available, fork_map

# The per-document stages, in order, with the names the summary line and the bench use.
# (Claims and glossary share a name: the glossary is a small part of the claims work.)
STAGES = ("structure", "events", "claims")


@dataclass(frozen=True, slots=True)
class DocumentAnalysis:
    """What the per-document stages found in one seed (when its structure could not be
    recognised, ``document`` holds its lines as plain paragraphs and nothing else is found)."""

    document: Document
    events: tuple[Event, ...]
    claims: tuple[Claim, ...]
    terms: tuple[Term, ...]
    diagnostics: tuple[Diagnostic, ...]
    seconds: tuple[float, ...]          # time per entry of STAGES


def analyse_document(seed: Seed) -> DocumentAnalysis:
    """Run the per-document stages on one seed; a stage that fails is reported against the
    seed (BS199) and gives nothing, but the seed keeps its page and the build goes on."""
    diags: list[Diagnostic] = []
    clock = time.perf_counter()
    try:
        document, structure_diags = parse_document(seed)
        diags.extend(structure_diags)
    except Exception as exc:  # isolate the seed: its page shows every line as a plain paragraph  # noqa: BLE001
        diags.append(diagnostic(seed.display_path, _failing_line(seed), "BS199",
                                f"structure stage failed: {exc!r}; its lines are shown as plain paragraphs"))
        return DocumentAnalysis(plain_document(seed), (), (), (), tuple(diags), (time.perf_counter() - clock, 0.0, 0.0))
    seconds = [time.perf_counter() - clock]
    clock = time.perf_counter()
    events = _isolated(extract_events, document, "events", diags)
    seconds.append(time.perf_counter() - clock)
    clock = time.perf_counter()
    claims = _isolated(extract_claims, document, "claims", diags)
    terms = _isolated(find_terms, document, "glossary", diags)
    seconds.append(time.perf_counter() - clock)
    return DocumentAnalysis(document, events, claims, terms, tuple(diags), tuple(seconds))


def _isolated(stage: Callable[[Document], tuple], document: Document, name: str, diags: list[Diagnostic]) -> tuple:
    try:
        return tuple(stage(document))
    except Exception as exc:  # isolate the seed  # noqa: BLE001
        diags.append(diagnostic(document.seed.display_path, _failing_block_line(stage, document), "BS199",
                                f"{name} stage failed: {exc!r}"))
        return ()


# A stage's exception does not say where in the seed it happened; these find out (only when
# a stage has failed) by running the stage again on parts of the seed.

def _failing_block_line(stage: Callable[[Document], tuple], document: Document) -> int:
    """The line of the first block that makes ``stage`` fail on its own, else 1."""
    for block in document.blocks:
        try:
            tuple(stage(replace(document, blocks=(block,))))
        except Exception:  # noqa: BLE001 - this is the block we look for
            return block.line
    return 1


def _failing_line(seed: Seed) -> int:
    """The shortest start of the seed (in lines) that the structure stage fails on, found by
    bisection, else 1: the failure shows at or before its last line."""
    lines = seed.text.split("\n")

    def fails(count: int) -> bool:
        try:
            parse_document(replace(seed, text="\n".join(lines[:count])))
        except Exception:  # noqa: BLE001 - a failure is what we look for
            return True
        return False

    if not fails(len(lines)):
        return 1
    low, high = 1, len(lines)
    while low < high:
        middle = (low + high) // 2
        if fails(middle):
            high = middle
        else:
            low = middle + 1
    return low


class AnalysisCache:
    """Per-seed analyses keyed by the seed's path, page name and content hash.

    Holds at most ``capacity`` seeds (least recently used go first). Safe because
    :func:`analyse_document` is pure: the same bytes at the same path give the same analysis.
    A cache lives in one process, for one version of the code; it is never written to disk.
    """

    def __init__(self, capacity: int = 20_000) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[tuple[str, str, str], DocumentAnalysis] = OrderedDict()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(seed: Seed) -> tuple[str, str, str]:
        return (seed.path, seed.slug, seed.sha256)

    def get(self, seed: Seed) -> DocumentAnalysis | None:
        found = self._entries.get(self.key(seed))
        if found is None:
            self.misses += 1
            return None
        self._entries.move_to_end(self.key(seed))
        self.hits += 1
        return found

    def put(self, seed: Seed, analysis: DocumentAnalysis) -> None:
        self._entries[self.key(seed)] = analysis
        self._entries.move_to_end(self.key(seed))
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


# The cache of the MkDocs hook while `mkdocs serve` runs (set by the hook's on_startup): one
# per process, kept across rebuilds. None for a single build, which would only hold memory.
SERVE_CACHE: AnalysisCache | None = None


def analyse_documents(seeds: Sequence[Seed], *, jobs: int = 1, cache: AnalysisCache | None = None,
                      progress: Callable[[int], None] | None = None) -> list[DocumentAnalysis]:
    """The analyses of ``seeds``, in seed order: from ``cache`` where it has them, the rest
    computed (in ``jobs`` processes when there are enough of them to pay for the workers)."""
    found: list[DocumentAnalysis | None] = [_reused(cache.get(seed)) if cache is not None else None for seed in seeds]
    todo = [i for i, analysis in enumerate(found) if analysis is None]
    for done, (i, analysis) in enumerate(_compute([seeds[i] for i in todo], jobs), start=1):
        found[todo[i]] = analysis
        if cache is not None:
            cache.put(seeds[todo[i]], analysis)
        if progress is not None:
            progress(done)
    return [analysis for analysis in found if analysis is not None]


def _reused(analysis: DocumentAnalysis | None) -> DocumentAnalysis | None:
    """A cached analysis costs this build nothing: its stage times are zero."""
    return None if analysis is None else replace(analysis, seconds=(0.0,) * len(STAGES))


# Below this many seeds per worker, starting processes costs more than it saves.
MIN_SEEDS_PER_JOB = 8


def _compute(seeds: list[Seed], jobs: int) -> Iterator[tuple[int, DocumentAnalysis]]:
    workers = min(jobs, len(seeds) // MIN_SEEDS_PER_JOB)
    if workers <= 1 or not fork_available():
        yield from enumerate(map(analyse_document, seeds))
        return
    # Worker k analyses every k-th seed; the results are put back in seed order.
    parts = fork_map(lambda k: [analyse_document(seed) for seed in seeds[k::workers]], workers)
    for i in range(len(seeds)):
        yield i, parts[i % workers][i // workers]
