"""The thin MkDocs hook: run the generator before every build, serve and gh-deploy.

All logic lives in the standalone generator (``python -m build_site``); this file only
calls it and forwards its diagnostics to MkDocs' log, so ``mkdocs build --strict`` fails on
a seed warning exactly as ``python -m build_site --strict`` does.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from build_site import documents
from build_site.pipeline import BuildOptions, build
from build_site.settings import settings_from_mapping

log = logging.getLogger("mkdocs.hooks.build_site")


def on_startup(command: str, dirty: bool) -> None:
    """Under `mkdocs serve`, keep per-seed analyses between rebuilds (keyed by content hash,
    so saving one seed re-analyses that seed only). The cache lives in the build_site
    package, which Python imports once per process, whatever MkDocs does with this file."""
    if command == "serve" and documents.SERVE_CACHE is None:
        documents.SERVE_CACHE = documents.AnalysisCache()


def on_config(config):
    """Make MkDocs' own dates (sitemap ``lastmod``, gzip headers) reproducible.

    MkDocs takes them from ``SOURCE_DATE_EPOCH`` when set, else from the clock; we set it
    from ``extra.build_site.as_of`` so the same seeds give byte-identical ``site/``.
    """
    as_of = (config.extra.get("build_site") or {}).get("as_of")
    if as_of and "SOURCE_DATE_EPOCH" not in os.environ:
        day = dt.date.fromisoformat(str(as_of))
        os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))
    return config


def on_pre_build(config) -> None:
    root = Path(config.config_file_path).parent
    settings = settings_from_mapping({"site_name": config.site_name, "extra": dict(config.extra)})
    serving = documents.SERVE_CACHE is not None
    # Under serve, one process: the server's threads are running, and forking a threaded
    # process is not safe; the cache does the work there (only changed seeds are analysed).
    report = build(BuildOptions(seeds_dir=root / "seeds", docs_dir=Path(config.docs_dir),
                                site_name=settings.site_name, as_of=settings.as_of,
                                knowledge_file=root / "knowledge.yml", jobs=1 if serving else settings.jobs,
                                cache=documents.SERVE_CACHE))
    for diag in report.diagnostics:
        (log.warning if diag.severity != "info" else log.info)(diag.format())
    log.info(report.summary_line())


def on_serve(server, config, builder):
    """Stop watching the generated part of docs/: the generator rewrites it during a build,
    and a change there would trigger a second, pointless build. Seeds are watched
    (``watch:`` in mkdocs.yml), and so are the hand-written files."""
    from build_site.paths import GENERATED_DIRS, GENERATED_FILES  # noqa: PLC0415

    docs = Path(config.docs_dir)
    try:
        server.unwatch(config.docs_dir)
    except KeyError:
        return server
    for entry in sorted(docs.iterdir()):
        if entry.name in GENERATED_DIRS or entry.name in GENERATED_FILES or entry.name.startswith("."):
            continue
        server.watch(str(entry), recursive=entry.is_dir())
    return server
