"""``python -m build_site``: generate the site's Markdown from the seeds. Never imports MkDocs."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from .parallel import parse_jobs
from .pipeline import BuildOptions, build
from .settings import load_settings


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m build_site",
        description="Turn the source documents in --seeds into annotated Markdown pages in --docs.",
    )
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of .txt/.md seeds (default: seeds)")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs folder to write into (default: docs)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                        help="mkdocs.yml to read site_name and extra.build_site settings from (default: mkdocs.yml)")
    parser.add_argument("--knowledge", type=Path, default=Path("knowledge.yml"),
                        help="curated knowledge file: aliases, types, descriptions, relations (default: knowledge.yml, if present)")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when any warning is reported")
    parser.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                        help="processes for the per-document stages and rendering, same output "
                             "(default: extra.build_site.jobs of --config, else 1; 0: one per core)")
    parser.add_argument("--quiet", action="store_true", help="print only diagnostics, not the summary line")
    return parser.parse_args(argv)


def _jobs(text: str) -> int:
    try:
        return parse_jobs(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class TerminalProgress:
    """One line on a terminal, redrawn at most ten times a second: ``stage done/total``.

    Only for people watching a terminal: nothing is drawn when ``stream`` is not a TTY (logs,
    CI, MkDocs' hook), and the line is erased before the summary is printed.
    """

    def __init__(self, stream: TextIO, interval: float = 0.1) -> None:
        self.stream = stream
        self.interval = interval
        self.last = 0.0
        self.drawn = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < self.interval:
            return
        self.last = now
        count = f" {done:,}/{total:,}" if total else f" {done:,}" if done else ""
        self.stream.write(f"\r\x1b[Kbuild_site: {stage}{count}")
        self.stream.flush()
        self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = load_settings(args.config)
    progress = TerminalProgress(sys.stderr) if sys.stderr.isatty() and not args.quiet else None
    report = build(BuildOptions(seeds_dir=args.seeds, docs_dir=args.docs, site_name=settings.site_name,
                                strict=args.strict, as_of=settings.as_of, knowledge_file=args.knowledge,
                                progress=progress, jobs=args.jobs if args.jobs is not None else settings.jobs))
    if progress is not None:
        progress.clear()
    for diag in report.diagnostics:
        print(diag.format(), file=sys.stderr)
    if not args.quiet:
        print(report.summary_line())
    if any(d.severity == "error" for d in report.diagnostics if d.code == "BS100"):
        return 2
    return 1 if args.strict and report.problems else 0
