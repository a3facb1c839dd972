"""Measurements, each in a fresh process: one generator run, one ``mkdocs build``, sizes.

Every run starts from scratch (a fresh docs folder or a fresh throw-away project), so no
run profits from files an earlier run left behind.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .project import REPO, baseline_project, full_project
from .results import GeneratorRun, SiteBuilds, SiteSize

BUILD_TIMEOUT = 3600


class MeasurementFailed(RuntimeError):
    """A build under measurement failed; the message holds the end of its output."""


def child_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def _run(command: list[str], cwd: Path, what: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=child_env(), capture_output=True, text=True,
                            timeout=BUILD_TIMEOUT)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise MeasurementFailed(f"{what} failed (exit {result.returncode}):\n{tail}")
    return result


def run_generator(seeds: Path, docs: Path, profile: Path | None = None) -> GeneratorRun:
    """``build_site.pipeline.build`` in-process in a fresh ``python -m bench.probe``."""
    shutil.rmtree(docs, ignore_errors=True)
    command = [sys.executable, "-m", "bench.probe", "--seeds", str(seeds), "--docs", str(docs),
               "--config", str(REPO / "mkdocs.yml")]
    if profile:
        command += ["--profile", str(profile)]
    raw = json.loads(_run(command, REPO, f"generator on {seeds}").stdout)
    if raw["problems"]:
        raise MeasurementFailed("generator reported warnings:\n" + "\n".join(raw["problems"][:10]))
    return GeneratorRun(
        seconds=raw["seconds"], cpu_seconds=raw["cpu_seconds"], peak_rss_bytes=raw["peak_rss_kib"] * 1024,
        stages=tuple((name, seconds) for name, seconds in raw["stages"]), pages=raw["pages"],
        written=raw["written"],
    )


def time_mkdocs_build(project: Path) -> tuple[float, float]:
    """Wall and CPU seconds of ``mkdocs build --strict`` of ``project`` (process start to exit).

    CPU is the user + system time of the finished child (``RUSAGE_CHILDREN`` before and after;
    the harness runs one child at a time), which other load on the machine barely changes.
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")]
    cpu_before, started = _children_cpu(), time.perf_counter()
    _run(command, project, f"mkdocs build of {project.name}")
    return time.perf_counter() - started, _children_cpu() - cpu_before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_site_builds(seeds: Path, work: Path, runs: int) -> SiteBuilds:
    """Full and baseline builds alternate, so slow spells of a noisy machine hit both alike."""
    full, baseline = [], []
    for _ in range(runs):
        full.append(time_mkdocs_build(_fresh(work / "full", lambda p: full_project(p, seeds))))
        baseline.append(time_mkdocs_build(_fresh(work / "baseline", lambda p: baseline_project(p, seeds))))
    builds = SiteBuilds(
        full_seconds=tuple(wall for wall, _ in full), baseline_seconds=tuple(wall for wall, _ in baseline),
        full_cpu_seconds=tuple(cpu for _, cpu in full), baseline_cpu_seconds=tuple(cpu for _, cpu in baseline),
        full_size=site_size(work / "full" / "site"), baseline_size=site_size(work / "baseline" / "site"))
    for project in (work / "full", work / "baseline"):   # a site of 1,000 seeds is large
        shutil.rmtree(project)
    return builds


def _fresh(project: Path, make: Callable[[Path], Path]) -> Path:
    shutil.rmtree(project, ignore_errors=True)
    return make(project)


def site_size(site: Path) -> SiteSize:
    files = [p for p in site.rglob("*") if p.is_file()]
    index = site / "search" / "search_index.json"
    return SiteSize(
        site_bytes=sum(p.stat().st_size for p in files),
        search_index_bytes=index.stat().st_size if index.exists() else 0,
        html_pages=sum(1 for p in files if p.suffix == ".html"),
    )
