"""Optional parallelism: run work in forked processes and collect the results in order.

Forked workers inherit the parent's memory (the seeds, the analysed corpus, the loaded
templates), so no input is pickled; only results come back (the per-seed analyses, or the
counts of the files a worker wrote). Output never depends on the number of processes: each
unit of work is a pure function of what the parent had before forking.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import TypeVar

R = TypeVar("R")

_WORK: Callable[[int], object] | None = None      # what the forked workers run (see fork_map)


def fork_available() -> bool:
    """Workers are forked: POSIX only (elsewhere everything runs in one process)."""
    return os.name == "posix" and "fork" in multiprocessing.get_all_start_methods()


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:          # not on Linux
        return os.cpu_count() or 1


def parse_jobs(value: object) -> int:
    """A count of processes as the command line or ``mkdocs.yml`` gives it: a number, where 0
    (or "auto") means one per core. Raises ValueError for anything else."""
    if value in (0, "0", "auto"):
        return default_jobs()
    try:
        jobs = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"not a number of processes: {value!r}") from None
    if jobs < 0:
        raise ValueError(f"a number of processes must not be negative: {jobs}")
    return jobs


def fork_map(work: Callable[[int], R], parts: int) -> list[R]:
    """``[work(0), ..., work(parts - 1)]``, each call in its own forked process.

    ``work`` may be a closure over anything: the workers are forked after it is set, so they
    have it without pickling. An exception in a worker is raised here.
    """
    global _WORK
    _WORK = work
    try:
        with multiprocessing.get_context("fork").Pool(parts) as pool:
            return pool.map(_run, range(parts), chunksize=1)
    finally:
        _WORK = None


def _run(part: int) -> object:
    assert _WORK is not None, "fork_map's work is set before the workers are forked"
    return _WORK(part)
