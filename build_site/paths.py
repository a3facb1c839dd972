"""Distinct types for distinct kinds of path, and the one place they are converted.

* :class:`SeedPath`  - a seed's path relative to the seeds folder (``"000_x.txt"``)
* :class:`Slug`      - the name of a page inside its section (``"000_x"``)
* :class:`DocsPath`  - a Markdown file relative to ``docs/`` (``"sources/000_x.md"``)
* :class:`Url`       - a link between two generated pages, always relative

MkDocs resolves links between ``.md`` files and checks them under ``--strict``, so
generated pages link to each other by :class:`DocsPath`, made relative with
:func:`relative_link`. Relative links keep the site working under a project sub-path.
"""
from __future__ import annotations

import posixpath
import re
import unicodedata
from functools import lru_cache
from typing import NewType

SeedPath = NewType("SeedPath", str)
Slug = NewType("Slug", str)
DocsPath = NewType("DocsPath", str)
Url = NewType("Url", str)

# Everything the generator owns below docs/. It may rewrite or delete any file here;
# hand-written pages live elsewhere in docs/ and are never touched.
GENERATED_FILES: tuple[str, ...] = ("index.md",)
GENERATED_DIRS: tuple[str, ...] = ("sources", "entities", "timeline", "claims", "glossary", "competitors", "tables", "data")

# File systems allow 255 bytes in a name, and a CJK character takes three in UTF-8. A name
# made from seed text (a page, an entity) keeps at most this many, which leaves room for a
# "-12" suffix, ".md.tmp" and a table's "-t-1234abcd.csv.tmp".
NAME_MAX_BYTES = 200

_SLUG_DROP = re.compile(r"[^\w\s-]", re.UNICODE)
_SLUG_JOIN = re.compile(r"[\s_-]+", re.UNICODE)


def slugify(text: str, *, max_length: int = 80) -> Slug:
    """A readable, URL-safe name that keeps letters of every script.

    Latin text is lower-cased; CJK characters are kept as they are (``常见问题`` stays
    ``常见问题``, never ``_1``). Returns ``""`` when nothing usable is left; callers
    choose a fallback.
    """
    text = unicodedata.normalize("NFKC", text).lower()
    text = _SLUG_DROP.sub(" ", text.replace("'", "").replace("\u2019", ""))
    slug = _SLUG_JOIN.sub("-", text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rstrip("-")
    return Slug(slug)


def fit_name(slug: str, max_bytes: int = NAME_MAX_BYTES) -> Slug:
    """``slug`` cut to at most ``max_bytes`` of UTF-8, between characters, so that it can
    name a file (see ``NAME_MAX_BYTES``)."""
    data = slug.encode("utf-8")
    if len(data) <= max_bytes:
        return Slug(slug)
    return Slug(data[:max_bytes].decode("utf-8", "ignore").rstrip("-"))


def seed_slug(seed_path: SeedPath) -> Slug:
    """The page name of a seed: its file name without extension, slugified."""
    stem = posixpath.splitext(posixpath.basename(seed_path))[0]
    return fit_name(slugify(stem)) or Slug("untitled")


def unique_slugs(seed_paths: list[SeedPath]) -> dict[SeedPath, Slug]:
    """Slugs for all seeds, unique and stable.

    A seed whose own name gives a slug nobody else's gives keeps it, so adding a file does not
    rename another whose name was already unique. Clashing seeds take ``-2``, ``-3`` in
    sorted path order (a name that already is its slug first), skipping names already claimed.
    """
    base = {path: seed_slug(path) for path in seed_paths}
    claims: dict[str, int] = {}
    for slug in base.values():
        claims[slug] = claims.get(slug, 0) + 1
    taken: set[str] = {slug for slug, n in claims.items() if n == 1}
    result: dict[SeedPath, Slug] = {path: slug for path, slug in base.items() if claims[slug] == 1}
    # Within a clash, a file whose name is its slug already ("report.txt" for "report") goes first.
    exact = {p: posixpath.splitext(posixpath.basename(p))[0] == base[p] for p in seed_paths}
    for path in sorted((p for p in seed_paths if claims[base[p]] > 1), key=lambda p: (not exact[p], p)):
        slug, n = base[path], 1
        while slug in taken:
            n += 1
            slug = Slug(f"{base[path]}-{n}")
        taken.add(slug)
        result[path] = slug
    return dict(sorted(result.items()))


def source_page(slug: Slug) -> DocsPath:
    return DocsPath(f"sources/{slug}.md")


def entity_page(entity_id: str) -> DocsPath:
    return DocsPath(f"entities/{entity_id}.md")


def relative_link(from_page: DocsPath, to_page: DocsPath, anchor: str = "") -> Url:
    """A relative Markdown link from one generated page to another (or to itself)."""
    target = "" if from_page == to_page else _relative_path(posixpath.dirname(from_page), to_page)
    return Url(f"{target}#{anchor}" if anchor else target)


@lru_cache(maxsize=65536)
def _relative_path(from_dir: str, to_page: str) -> str:
    # Pages link to the same few thousand targets from a handful of folders: cache the walk.
    return posixpath.relpath(to_page, from_dir or ".")


def page_url(page: DocsPath) -> str:
    """The URL path of a page in the built site (directory URLs), relative to the site root."""
    stem = page[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_page: DocsPath, to_page: DocsPath, anchor: str = "") -> Url:
    """A relative URL between two pages of the *built* site, for raw HTML (an SVG chart),
    where MkDocs does not rewrite ``.md`` links. Directory URLs: ``timeline/2019.md`` is
    served as ``timeline/2019/``."""
    here, there = page_url(from_page), page_url(to_page)
    target = _relative_path(here.rstrip("/") or ".", there.rstrip("/") or ".") if here != there else "."
    target = "./" if target == "." else target + "/"      # every page is a directory URL
    return Url(f"{target}#{anchor}" if anchor else target)
