"""Test helpers: a throw-away project around some seeds, the generator and MkDocs on it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from build_site.pipeline import BuildOptions, BuildReport, build

REPO = Path(__file__).resolve().parent.parent
REAL_SEEDS = REPO / "seeds"
BROWSER = Path("/usr/bin/chromium")


def write_seeds(folder: Path, seeds: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in seeds.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def make_project(tmp_path: Path, seeds: dict[str, str | bytes] | None = None, *, real_seeds: bool = False) -> Path:
    """A copy of the site project in ``tmp_path`` (config, hand-written docs, theme, seeds).

    The generator package is linked, not copied, so the hook in mkdocs.yml finds it.
    """
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", project / "overrides")
    shutil.copytree(REPO / "docs", project / "docs", ignore=shutil.ignore_patterns(
        "index.md", "sources", "entities", "timeline", "data", ".build_site"))
    (project / "build_site").symlink_to(REPO / "build_site")
    if real_seeds:
        shutil.copytree(REAL_SEEDS, project / "seeds")
    else:
        write_seeds(project / "seeds", seeds or {})
    return project


def generate(tmp_path: Path, seeds: dict[str, str | bytes]) -> tuple[Path, BuildReport]:
    """Run the generator alone on some seeds; returns the docs folder and the report."""
    seeds_dir = write_seeds(tmp_path / "seeds", seeds)
    docs_dir = tmp_path / "docs"
    return docs_dir, build(BuildOptions(seeds_dir=seeds_dir, docs_dir=docs_dir))


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), *extra],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


def site_markdown():
    """A Python-Markdown instance configured with exactly the extensions of mkdocs.yml."""
    import markdown
    import yaml

    from build_site.settings import _TolerantLoader

    config = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=_TolerantLoader)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, options), = entry.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(entry)
    return markdown.Markdown(extensions=names, extension_configs=configs)


class StaticServer:
    """The built site on a loopback port, served by a thread (stops with the test session)."""

    def __init__(self, root: Path) -> None:
        import functools
        import http.server
        import threading

        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _quiet_handler_base():
    import http.server
    return http.server.SimpleHTTPRequestHandler


class _QuietHandler(_quiet_handler_base()):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
