"""``make bench`` / ``python -m bench``: measure the build at several corpus sizes, write the report.

    python -m bench                      # sizes 10, 100, 1000; 5 runs (3 at 1,000); serve; -> bench/RESULTS.md
    python -m bench --quick              # sizes 10 and 100, 1 run, 1 serve edit -> bench/work/RESULTS.md
    python -m bench --sizes 10,100 --runs 2 --skip-serve
    python -m bench --report-only        # render bench/RESULTS.md again from bench/work/measurements.json

Scratch files go to ``bench/work/`` (ignored by git). Nothing outside ``bench/`` is written.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from . import synth
from .hotspots import profile_generator
from .measure import MeasurementFailed, run_generator, time_site_builds
from .report import render_report
from .results import Machine, Measurements, ProfileSummary, ServeResult, SizeResult, check_targets
from .serve import measure_serve

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "work"
RESULTS = BENCH / "RESULTS.md"
MEASUREMENTS = WORK / "measurements.json"   # the last run's numbers, for --report-only
NOTES = BENCH / "NOTES.md"          # hand-written analysis of the profile, included when profiled
T = TypeVar("T")
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pyyaml", "jieba",
            "pyahocorasick", "hanzidentifier", "charset-normalizer")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Scale and speed benchmark of the site build.")
    parser.add_argument("--sizes", type=_sizes, default=None, help="corpus sizes, e.g. 10,100 (default 10,100,1000)")
    parser.add_argument("--runs", type=int, default=None,
                        help="runs per size (default 5, and 3 at 1,000 documents or more)")
    parser.add_argument("--quick", action="store_true",
                        help="sizes 10 and 100, 1 run, 1 serve edit; writes bench/work/RESULTS.md unless --out")
    parser.add_argument("--serve-edits", type=int, default=None, help="edits timed under mkdocs serve (default 5)")
    parser.add_argument("--skip-serve", action="store_true", help="do not measure mkdocs serve")
    parser.add_argument("--profile", choices=("auto", "always", "never"), default="auto",
                        help="profile the generator at the largest size: when a target fails (default), always, never")
    parser.add_argument("--seed", type=int, default=1, help="RNG seed of the synthetic corpora (default 1)")
    parser.add_argument("--out", type=Path, default=None, help="where to write the report")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: render the report again from the last run's "
                             "bench/work/measurements.json (e.g. after editing bench/NOTES.md)")
    return parser.parse_args(argv)


def _sizes(text: str) -> list[int]:
    sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes are positive integers, e.g. 10,100,1000")
    return sizes


@dataclass(frozen=True)
class Plan:
    runs: dict[int, int]            # corpus size -> runs
    serve_edits: int                # 0: do not measure mkdocs serve
    out: Path


def plan(args: argparse.Namespace) -> Plan:
    sizes = args.sizes or ([10, 100] if args.quick else [10, 100, 1000])
    runs = {size: args.runs or (1 if args.quick else 3 if size >= 1000 else 5) for size in sizes}
    edits = 0 if args.skip_serve else args.serve_edits or (1 if args.quick else 5)
    return Plan(runs=runs, serve_edits=edits, out=args.out or (WORK / "RESULTS.md" if args.quick else RESULTS))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    todo = plan(args)
    if args.report_only:
        measured = Measurements.from_json(MEASUREMENTS.read_text("utf-8"))
    else:
        _reset(WORK)
        try:
            measured = measure_all(todo, args)
        except MeasurementFailed as failure:
            _say(str(failure))
            return 1
        MEASUREMENTS.write_text(measured.to_json(), "utf-8")
    notes = NOTES.read_text("utf-8") if measured.profile and NOTES.exists() else ""
    report = render_report(measured, notes)
    todo.out.parent.mkdir(parents=True, exist_ok=True)
    todo.out.write_text(report, "utf-8")
    print(report)
    _say(f"report written to {todo.out}")
    return 0


def measure_all(todo: Plan, args: argparse.Namespace) -> Measurements:
    results = {size: measure_size(size, runs, args.seed) for size, runs in todo.runs.items()}
    serve = measure_serve_edits(todo.serve_edits) if todo.serve_edits else None
    profile = maybe_profile(results, serve, args.profile)
    return Measurements(describe_machine(), results, serve, profile)


def measure_size(size: int, runs: int, seed: int) -> SizeResult:
    work = WORK / f"size-{size}"
    seeds = work / "seeds"
    files = synth.write_corpus(seeds, size, seed)
    words = sum(synth.word_count(path.read_text("utf-8")) for path in files)
    _say(f"{size} documents ({words:,} words): generator x{runs}")
    generator = [retrying(lambda: run_generator(seeds, work / "generator-docs")) for _ in range(runs)]
    _say(f"{size} documents: mkdocs build, full and baseline x{runs}")
    builds = retrying(lambda: time_site_builds(seeds, work, runs))
    return SizeResult.from_runs(size, words, generator, builds)


def retrying(measure: Callable[[], T], attempts: int = 3, pause: float = 60.0) -> T:
    """Run a measurement, again after a pause if it fails: other engineers edit the generator
    while a long benchmark runs, and a half-saved change fails one build, not the benchmark."""
    for attempt in range(1, attempts + 1):
        try:
            return measure()
        except MeasurementFailed as failure:
            if attempt == attempts:
                raise
            _say(f"attempt {attempt} failed, retrying in {pause:.0f} s: {str(failure).splitlines()[-1]}")
            time.sleep(pause)
    raise AssertionError("unreachable")


def measure_serve_edits(edits: int) -> ServeResult:
    _say(f"mkdocs serve: {edits} edits")
    return retrying(lambda: measure_serve(WORK, edits))


def maybe_profile(results: dict[int, SizeResult], serve: ServeResult | None, when: str) -> ProfileSummary | None:
    failed = any(check.passed is False for check in check_targets(results, serve))
    if when == "never" or (when == "auto" and not failed):
        return None
    largest = max(results)
    _say(f"profiling the generator at {largest} documents")
    return retrying(lambda: profile_generator(WORK / f"size-{largest}" / "seeds", largest, WORK))


def describe_machine() -> Machine:
    return Machine(
        cpus=_nproc(), cpu_model=_cpu_model(), memory_gb=_memory_gb(), platform=platform.platform(),
        python=f"{platform.python_implementation()} {platform.python_version()}",
        packages=tuple((name, _version(name)) for name in PACKAGES),
    )


def _nproc() -> int:
    try:
        return int(subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout)
    except (OSError, ValueError, subprocess.CalledProcessError):
        return len(os.sched_getaffinity(0))


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024 / 1e9
    except OSError:
        pass
    return 0.0


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _reset(work: Path) -> None:
    """Empty the scratch folder (only ever ``bench/work``)."""
    assert work.parent == BENCH and work.name == "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)


def _say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)
