"""One generator run, in a fresh process: ``python -m bench.probe --seeds DIR --docs DIR``.

Calls ``build_site.pipeline.build`` in-process and prints one JSON object on stdout:
wall and CPU seconds of the ``build()`` call (imports excluded), the report's per-stage
timings, pages, and the process's peak resident set size (``ru_maxrss`` of this whole
process: interpreter, imports and the build). Running each measurement in its own process
keeps runs independent (no warm caches, no memory left over from an earlier run) and
makes the peak memory that of one generator run only.

The options are those the MkDocs hook would pass: ``site_name`` and the
``extra.build_site`` settings of ``--config`` (the repository's ``mkdocs.yml``), each
passed only when ``BuildOptions`` has a field of that name.

With ``--profile FILE`` the build runs under cProfile and the stats are dumped to FILE.
"""
from __future__ import annotations

import argparse
import cProfile
import dataclasses
import json
import resource
import sys
import time
from pathlib import Path


def site_settings(config: Path) -> dict[str, str]:
    """``site_name`` and ``extra.build_site.*`` of an ``mkdocs.yml`` (any YAML tag read as plain)."""
    import yaml  # noqa: PLC0415

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    data = yaml.load(config.read_text("utf-8"), Loader=Loader) or {}
    settings = {"site_name": data.get("site_name")}
    settings.update((data.get("extra") or {}).get("build_site") or {})
    return {key: str(value) for key, value in settings.items() if value is not None}


def run(seeds: Path, docs: Path, config: Path, profile: Path | None) -> dict:
    started = time.perf_counter()
    from build_site.pipeline import BuildOptions, build  # noqa: PLC0415 - timed separately
    imported = time.perf_counter()
    known = {field.name for field in dataclasses.fields(BuildOptions)}
    settings = {key: value for key, value in site_settings(config).items() if key in known}
    options = BuildOptions(seeds_dir=seeds, docs_dir=docs, **settings)
    profiler = cProfile.Profile() if profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler:
        report = profiler.runcall(build, options)
    else:
        report = build(options)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if profiler:
        profiler.dump_stats(str(profile))
    return {
        "seconds": wall,
        "cpu_seconds": cpu,
        "import_seconds": imported - started,
        "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,   # KiB on Linux
        "stages": [[name, seconds] for name, seconds in report.timings],
        "seeds": report.seeds,
        "pages": report.pages,
        "written": report.written,
        "problems": [d.format() for d in report.problems],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.probe")
    parser.add_argument("--seeds", type=Path, required=True)
    parser.add_argument("--docs", type=Path, required=True)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml to take settings from")
    parser.add_argument("--profile", type=Path, default=None, help="write cProfile stats here")
    args = parser.parse_args(argv)
    json.dump(run(args.seeds, args.docs, args.config, args.profile), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
