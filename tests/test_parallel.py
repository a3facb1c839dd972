"""Parallel builds and the per-seed analysis cache give exactly the files of a plain build."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench import synth
from build_site import documents, pipeline
from build_site.cli import parse_args
from build_site.documents import AnalysisCache, analyse_document
from build_site.parallel import fork_available, fork_map
from build_site.pipeline import BuildOptions, build
from build_site.settings import settings_from_mapping

from .support import REAL_SEEDS

needs_fork = pytest.mark.skipif(not fork_available(), reason="parallel builds fork (POSIX only)")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    """40 synthetic seeds (enough for two workers) and the two real ones."""
    folder = tmp_path_factory.mktemp("seeds")
    synth.write_corpus(folder, 40, seed=3)
    for seed in REAL_SEEDS.iterdir():
        shutil.copy(seed, folder / seed.name)
    return folder


@pytest.fixture(scope="module")
def reference(seeds, tmp_path_factory) -> dict[str, bytes]:
    docs = tmp_path_factory.mktemp("reference")
    build(BuildOptions(seeds_dir=seeds, docs_dir=docs, jobs=1))
    return _files(docs)


def _analysed_in(pids: Path):
    def analyse(seed):
        (pids / f"analyse-{os.getpid()}").touch()
        return analyse_document(seed)
    return analyse


def _stored_in(pids: Path, store):
    def store_pages(*args, **kwargs):
        (pids / f"render-{os.getpid()}").touch()
        return store(*args, **kwargs)
    return store_pages


@needs_fork
def test_two_processes_write_the_same_files_as_one(seeds, reference, tmp_path, monkeypatch):
    pids = tmp_path / "pids"
    pids.mkdir()
    # Forked workers inherit these wrappers: each leaves a file named after its process.
    monkeypatch.setattr(documents, "analyse_document", _analysed_in(pids))
    monkeypatch.setattr(pipeline, "store_pages", _stored_in(pids, pipeline.store_pages))
    report = build(BuildOptions(seeds_dir=seeds, docs_dir=tmp_path / "docs", jobs=2))

    assert _files(tmp_path / "docs") == reference
    workers = {p.name for p in pids.iterdir()}
    for stage in ("analyse", "render"):
        used = {name for name in workers if name.startswith(stage)}
        assert len(used) == 2 and f"{stage}-{os.getpid()}" not in used, (stage, workers)
    assert report.pages > 0 and report.written == report.pages


@needs_fork
def test_a_parallel_rebuild_writes_nothing_and_removes_the_pages_of_a_deleted_seed(seeds, reference, tmp_path):
    docs = tmp_path / "docs"
    build(BuildOptions(seeds_dir=seeds, docs_dir=docs, jobs=2))
    again = build(BuildOptions(seeds_dir=seeds, docs_dir=docs, jobs=2))
    assert (again.written, again.removed, again.unchanged) == (0, 0, again.pages)

    fewer = tmp_path / "fewer"
    shutil.copytree(seeds, fewer)
    victim = sorted(fewer.glob("*.txt"))[0]
    victim.unlink()
    after = build(BuildOptions(seeds_dir=fewer, docs_dir=docs, jobs=2))
    fresh = tmp_path / "fresh"
    build(BuildOptions(seeds_dir=fewer, docs_dir=fresh, jobs=1))
    assert after.removed > 0 and _files(docs) == _files(fresh)


def test_the_cache_reanalyses_only_the_seed_that_changed(seeds, reference, tmp_path):
    cache = AnalysisCache()
    docs = tmp_path / "docs"
    first = build(BuildOptions(seeds_dir=seeds, docs_dir=docs, cache=cache))
    count = first.seeds
    assert (cache.misses, cache.hits, first.reused) == (count, 0, 0)
    assert _files(docs) == reference

    second = build(BuildOptions(seeds_dir=seeds, docs_dir=docs, cache=cache))
    assert (cache.misses, second.reused, second.written) == (count, count, 0)
    assert f"({count} unchanged, analysis reused)" in second.summary_line()
    assert [seconds for stage, seconds in second.timings if stage in ("structure", "events", "claims")] == [0, 0, 0]

    edited = tmp_path / "edited"
    shutil.copytree(seeds, edited)
    target = sorted(edited.glob("*.txt"))[5]
    target.write_text(target.read_text("utf-8") + "\n\nA new closing paragraph about Quillbeam Labs in March 2031.\n",
                      "utf-8")
    third = build(BuildOptions(seeds_dir=edited, docs_dir=docs, cache=cache))
    assert (cache.misses, third.reused) == (count + 1, count - 1)
    fresh = tmp_path / "fresh"
    build(BuildOptions(seeds_dir=edited, docs_dir=fresh))
    assert _files(docs) == _files(fresh)
    page = next(p for p in (docs / "sources").iterdir() if "Quillbeam" in p.read_text("utf-8"))
    assert page.name.startswith(target.stem.replace("_", "-"))


def test_the_cache_keeps_at_most_its_capacity(seeds):
    from build_site.read import read_seeds

    found, _ = read_seeds(seeds)
    cache = AnalysisCache(capacity=3)
    for seed in found[:5]:
        cache.put(seed, analyse_document(seed))
    assert len(cache) == 3
    assert cache.get(found[0]) is None and cache.get(found[4]) is not None


@needs_fork
def test_a_failure_in_a_worker_is_raised_in_the_parent():
    def work(part: int) -> int:
        if part == 1:
            raise RuntimeError("worker 1 failed")
        return part * 10

    with pytest.raises(RuntimeError, match="worker 1 failed"):
        fork_map(work, 2)
    assert fork_map(lambda part: part * 10, 3) == [0, 10, 20]


def test_jobs_come_from_the_command_line_or_mkdocs_yml():
    assert parse_args(["--jobs", "3"]).jobs == 3
    assert parse_args([]).jobs is None
    assert parse_args(["--jobs", "0"]).jobs >= 1          # one per core
    with pytest.raises(SystemExit):
        parse_args(["--jobs", "-1"])
    assert settings_from_mapping({}).jobs == 1
    assert settings_from_mapping({"extra": {"build_site": {"jobs": 2}}}).jobs == 2
    assert settings_from_mapping({"extra": {"build_site": {"jobs": "auto"}}}).jobs >= 1
    with pytest.raises(ValueError, match="jobs"):
        settings_from_mapping({"extra": {"build_site": {"jobs": "many"}}})
