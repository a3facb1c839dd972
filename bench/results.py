"""What the benchmark measures, as plain values, and the targets they are checked against.

Pure: no I/O, so the report can be built (and tested) from literal measurements.
"""
from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass

MB = 1_000_000

# The targets of the "Scale and speed" issue.
MAX_BUILD_RATIO = 1.3          # full build / plain-Markdown baseline, at the largest size
MIN_DOCS_PER_SECOND = 200.0    # generator throughput on one core (it is single-threaded)
MAX_LINEARITY = 1.2            # per-document time at the largest size / at the next smaller one
MAX_PEAK_MB = 500.0            # generator peak RSS at the largest size
MAX_SERVE_SECONDS = 2.0        # seed saved -> served page shows the edit


@dataclass(frozen=True)
class GeneratorRun:
    """One generator run (``bench.probe``): the ``build()`` call in a fresh process."""
    seconds: float
    cpu_seconds: float
    peak_rss_bytes: int
    stages: tuple[tuple[str, float], ...]
    pages: int
    written: int


@dataclass(frozen=True)
class SiteSize:
    site_bytes: int
    search_index_bytes: int
    html_pages: int


@dataclass(frozen=True)
class SiteBuilds:
    """Wall and CPU seconds of each ``mkdocs build`` run, and the size of the last site built."""
    full_seconds: tuple[float, ...]
    baseline_seconds: tuple[float, ...]
    full_cpu_seconds: tuple[float, ...]
    baseline_cpu_seconds: tuple[float, ...]
    full_size: SiteSize
    baseline_size: SiteSize


@dataclass(frozen=True)
class SizeResult:
    """Everything measured for one corpus size; times are medians over ``runs``."""
    documents: int
    words: int
    runs: int
    generator_seconds: float
    generator_cpu_seconds: float
    peak_rss_bytes: int                         # the highest of the runs
    stages: tuple[tuple[str, float], ...]       # median seconds per stage, in pipeline order
    pages_written: int
    full_build_seconds: float
    baseline_seconds: float
    full_build_cpu_seconds: float
    baseline_cpu_seconds: float
    full_site: SiteSize
    baseline_site: SiteSize

    @classmethod
    def from_runs(cls, documents: int, words: int, generator: list[GeneratorRun], builds: SiteBuilds) -> "SizeResult":
        return cls(
            documents=documents, words=words, runs=len(generator),
            generator_seconds=statistics.median(r.seconds for r in generator),
            generator_cpu_seconds=statistics.median(r.cpu_seconds for r in generator),
            peak_rss_bytes=max(r.peak_rss_bytes for r in generator),
            stages=median_stages([r.stages for r in generator]),
            pages_written=generator[0].written,
            full_build_seconds=statistics.median(builds.full_seconds),
            baseline_seconds=statistics.median(builds.baseline_seconds),
            full_build_cpu_seconds=statistics.median(builds.full_cpu_seconds),
            baseline_cpu_seconds=statistics.median(builds.baseline_cpu_seconds),
            full_site=builds.full_size, baseline_site=builds.baseline_size,
        )

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.generator_seconds

    @property
    def cpu_docs_per_second(self) -> float:
        return self.documents / self.generator_cpu_seconds

    @property
    def ms_per_document(self) -> float:
        return self.generator_seconds * 1000 / self.documents

    @property
    def build_ratio(self) -> float:
        return self.full_build_seconds / self.baseline_seconds

    @property
    def build_cpu_ratio(self) -> float:
        return self.full_build_cpu_seconds / self.baseline_cpu_seconds

    @property
    def peak_mb(self) -> float:
        return self.peak_rss_bytes / MB


def median_stages(runs: list[tuple[tuple[str, float], ...]]) -> tuple[tuple[str, float], ...]:
    """Median seconds per stage name, in the order the stages first appear."""
    names = list(dict.fromkeys(name for stages in runs for name, _ in stages))
    return tuple((name, statistics.median(dict(stages).get(name, 0.0) for stages in runs)) for name in names)


@dataclass(frozen=True)
class ServeResult:
    """Seconds from saving a seed to the served page showing the edit, one per edit."""
    seeds: int
    edits: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.edits)


@dataclass(frozen=True)
class Machine:
    cpus: int
    cpu_model: str
    memory_gb: float
    platform: str
    python: str
    packages: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ProfileLine:
    function: str                 # "build_site/analyse/language.py:40(detect_language)"
    calls: int
    own_seconds: float
    cumulative_seconds: float


@dataclass(frozen=True)
class ProfileSummary:
    """The top of a cProfile run of the generator."""
    documents: int
    total_seconds: float
    by_own_time: tuple[ProfileLine, ...]
    by_cumulative_time: tuple[ProfileLine, ...]
    by_module: tuple[tuple[str, float], ...]     # own seconds summed per source file


@dataclass(frozen=True)
class Measurements:
    """Everything one benchmark run measured; saved as JSON so the report can be rendered again."""
    machine: Machine
    sizes: dict[int, SizeResult]
    serve: ServeResult | None
    profile: ProfileSummary | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Measurements":
        raw = json.loads(text)
        return cls(
            machine=Machine(**{**raw["machine"], "packages": _pairs(raw["machine"]["packages"])}),
            sizes={int(size): _size_result(result) for size, result in raw["sizes"].items()},
            serve=ServeResult(raw["serve"]["seeds"], tuple(raw["serve"]["edits"])) if raw["serve"] else None,
            profile=_profile(raw["profile"]) if raw["profile"] else None,
        )


def _pairs(rows: list[list]) -> tuple[tuple, ...]:
    return tuple(tuple(row) for row in rows)


def _size_result(raw: dict) -> SizeResult:
    return SizeResult(**{**raw, "stages": _pairs(raw["stages"]), "full_site": SiteSize(**raw["full_site"]),
                         "baseline_site": SiteSize(**raw["baseline_site"])})


def _profile(raw: dict) -> ProfileSummary:
    return ProfileSummary(
        documents=raw["documents"], total_seconds=raw["total_seconds"],
        by_own_time=tuple(ProfileLine(**line) for line in raw["by_own_time"]),
        by_cumulative_time=tuple(ProfileLine(**line) for line in raw["by_cumulative_time"]),
        by_module=_pairs(raw["by_module"]),
    )


@dataclass(frozen=True)
class TargetCheck:
    name: str
    measured: str
    limit: str
    passed: bool | None           # None: not measured in this run

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "FAIL", None: "n/a"}[self.passed]


def check_targets(results: dict[int, SizeResult], serve: ServeResult | None) -> tuple[TargetCheck, ...]:
    """The issue's targets, evaluated at the largest size measured (1,000 in a full run)."""
    sizes = sorted(results)
    largest = results[sizes[-1]]
    n = f"{largest.documents:,}"
    checks = [
        TargetCheck(f"full build of {n} seeds vs plain-Markdown baseline", f"{largest.build_ratio:.2f}x",
                    f"<= {MAX_BUILD_RATIO}x", largest.build_ratio <= MAX_BUILD_RATIO),
        TargetCheck(f"generator throughput at {n} documents (one core)", f"{largest.docs_per_second:.0f} documents/s",
                    f">= {MIN_DOCS_PER_SECOND:.0f} documents/s", largest.docs_per_second >= MIN_DOCS_PER_SECOND),
        _linearity_check(results),
        TargetCheck(f"generator peak memory at {n} documents", f"{largest.peak_mb:.0f} MB",
                    f"<= {MAX_PEAK_MB:.0f} MB", largest.peak_mb <= MAX_PEAK_MB),
    ]
    if serve is None:
        checks.append(TargetCheck("`mkdocs serve`: seed saved -> page updated", "not measured",
                                  f"<= {MAX_SERVE_SECONDS:.0f} s", None))
    else:
        checks.append(TargetCheck(f"`mkdocs serve`: seed saved -> page updated (median of {len(serve.edits)})",
                                  f"{serve.median:.2f} s", f"<= {MAX_SERVE_SECONDS:.0f} s",
                                  serve.median <= MAX_SERVE_SECONDS))
    return tuple(checks)


def linearity(results: dict[int, SizeResult]) -> tuple[int, int, float] | None:
    """(larger, smaller, per-document time ratio) of the two largest sizes, if two were measured."""
    sizes = sorted(results)
    if len(sizes) < 2:
        return None
    large, small = results[sizes[-1]], results[sizes[-2]]
    return large.documents, small.documents, large.ms_per_document / small.ms_per_document


def _linearity_check(results: dict[int, SizeResult]) -> TargetCheck:
    found = linearity(results)
    if found is None:
        return TargetCheck("generator per-document time, largest vs next size", "one size only",
                           f"<= {MAX_LINEARITY}x", None)
    large, small, ratio = found
    return TargetCheck(f"generator per-document time at {large:,} vs {small:,} documents", f"{ratio:.2f}x",
                       f"<= {MAX_LINEARITY}x", ratio <= MAX_LINEARITY)
