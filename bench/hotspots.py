"""Where the generator spends its time: cProfile of one run, summarised for the report."""
from __future__ import annotations

import pstats
from pathlib import Path

from .measure import run_generator
from .project import REPO
from .results import ProfileLine, ProfileSummary


def profile_generator(seeds: Path, documents: int, work: Path, top: int = 15) -> ProfileSummary:
    """Run the generator once under cProfile (in a fresh ``bench.probe``) and summarise it."""
    stats_file = work / "generator.prof"
    run_generator(seeds, work / "profile-docs", profile=stats_file)
    return summarise(pstats.Stats(str(stats_file)), documents, top)


def summarise(stats: pstats.Stats, documents: int, top: int) -> ProfileSummary:
    lines = [
        ProfileLine(function=_name(key), calls=calls, own_seconds=own, cumulative_seconds=cumulative)
        for key, (_, calls, own, cumulative, _) in stats.stats.items()   # type: ignore[attr-defined]
    ]
    modules: dict[str, float] = {}
    for key, (_, _, own, _, _) in stats.stats.items():                   # type: ignore[attr-defined]
        module = _short_path(key[0]) if key[0] != "~" else "(built-ins)"
        modules[module] = modules.get(module, 0.0) + own
    return ProfileSummary(
        documents=documents,
        total_seconds=stats.total_tt,                                     # type: ignore[attr-defined]
        by_own_time=tuple(sorted(lines, key=lambda p: (-p.own_seconds, p.function))[:top]),
        by_cumulative_time=tuple(sorted(lines, key=lambda p: (-p.cumulative_seconds, p.function))[:top]),
        by_module=tuple(sorted(modules.items(), key=lambda item: (-item[1], item[0]))[:top]),
    )


def _name(key: tuple[str, int, str]) -> str:
    file, line, function = key
    if file == "~":                      # a built-in: "<method 'sub' of 're.Pattern' objects>"
        return function
    return f"{_short_path(file)}:{line}({function})"


def _short_path(file: str) -> str:
    """Package-relative for installed libraries, repository-relative for our code, and the
    last two parts for the standard library (``json/encoder.py``)."""
    marker = "site-packages/"
    if marker in file:
        return file.split(marker, 1)[1]
    path = Path(file)
    try:
        return path.resolve().relative_to(REPO).as_posix()
    except ValueError:
        return "/".join(path.parts[-2:])
