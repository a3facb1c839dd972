"""``python -m tools.check_site.offline [--out site-offline]``: a copy of the site to open
from the file system (``make offline``).

Material's offline plugin (enabled by ``OFFLINE=true``, see mkdocs.yml) writes plain
``page.html`` links and inlines the search index into a script; search runs in a Web Worker,
which Chromium refuses to start from ``file://``, so the plugin adds the ``iframe-worker``
shim. It names the shim on a CDN; ``overrides/main.html`` points at a local copy instead,
which this step copies from npm's ``iframe-worker`` package, so the copy needs no network.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .pages import REPO

SHIM = REPO / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_IN_SITE = Path("assets") / "javascripts" / "iframe-worker-shim.js"


def build_offline(config: Path, out: Path) -> None:
    """Build the site of ``config`` (a mkdocs.yml) into ``out`` for reading from disk."""
    if not SHIM.is_file():
        raise SystemExit(f"{SHIM.relative_to(REPO)} is missing: run `npm ci` at the repository root")
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(out.resolve())],
        cwd=config.parent, env=env, check=True,
    )
    if not (out / "search" / "search_index.js").is_file():
        raise SystemExit(f"{out}: no search/search_index.js; is the offline plugin in mkdocs.yml?")
    shutil.copyfile(SHIM, out / SHIM_IN_SITE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.check_site.offline", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "site-offline", help="where to build (default site-offline/)")
    parser.add_argument("--config", type=Path, default=REPO / "mkdocs.yml")
    options = parser.parse_args(argv)
    build_offline(options.config.resolve(), options.out)
    print(f"offline copy: open {(options.out / 'index.html').resolve().as_uri()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
