"""The pages of a built site and their page types.

A page type is where a page sits in the site: ``home``, ``404``, a top-level page such as
``about/`` or ``timeline/`` (an index of its section when the section has pages below it),
and ``section/*/`` for the pages inside a section (``sources/*/``, ``entities/*/``). New
sections (``claims/``, ``tables/``...) become new page types without any change here.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import yaml

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Page:
    file: Path           # the HTML file in the site folder
    path: str            # its URL path below the site root: "", "about/", "404.html"
    page_type: str


def page_type(path: str) -> str:
    """``"" -> home``, ``404.html -> 404``, ``about/ -> about/``, ``sources/x/ -> sources/*/``."""
    if path == "":
        return "home"
    if path == "404.html":
        return "404"
    parts = PurePosixPath(path.removesuffix(".html")).parts        # offline copy: "about.html"
    if len(parts) == 1:
        return f"{parts[0]}/"
    return f"{parts[0]}/" + "*/" * (len(parts) - 1)


def url_path(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def all_pages(site: Path) -> list[Page]:
    pages = []
    for file in sorted(site.rglob("*.html")):
        path = url_path(site, file)
        pages.append(Page(file, path, page_type(path)))
    return pages


def sample_pages(pages: list[Page]) -> list[Page]:
    """One page of each type: the largest, as it holds the most kinds of markup."""
    best: dict[str, Page] = {}
    for page in pages:
        current = best.get(page.page_type)
        if current is None or page.file.stat().st_size > current.file.stat().st_size:
            best[page.page_type] = page
    return sorted(best.values(), key=lambda page: _type_order(page.page_type))


def _type_order(name: str) -> tuple[int, str]:
    return ({"home": 0, "404": 2}.get(name, 1), name)


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: ``!ENV`` tags give their default (or the variable)."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node):
    value = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *names, default = value if len(value) > 1 else (value + [None])
    for name in names:
        if name in os.environ:
            return os.environ[name]
    return default


_Loader.add_constructor("!ENV", _env_tag)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_url(config: Path = REPO / "mkdocs.yml") -> str:
    """The configured ``site_url`` (``SITE_URL`` when set), always ending in ``/``."""
    data = yaml.load(config.read_text("utf-8"), Loader=_Loader) or {}
    url = data.get("site_url") or "/"
    return url if url.endswith("/") else url + "/"


def site_prefix(url: str) -> str:
    """The path the site is published under: ``/source-analysis/`` for a project site."""
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else path + "/"


def built_site_url(site: Path) -> str:
    """The ``site_url`` the site was built with: its home page's canonical link."""
    canonical = _canonical(site / "index.html")       # ".../" or, offline, ".../index.html"
    if not canonical or not canonical.startswith("http"):
        return site_url()
    return canonical[: canonical.rfind("/") + 1]


def ensure_built(site: Path) -> None:
    if (site / "index.html").is_file():
        return
    print(f"check-site: {site} is missing, building it (mkdocs build --strict)", flush=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                   cwd=REPO, env=env, check=True)


_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


def _canonical(file: Path) -> str | None:
    match = _CANONICAL.search(file.read_text("utf-8")) if file.is_file() else None
    return match.group(1) if match else None
