"""Links, sitemap and sharing tags of every page of the built site.

- every internal ``href``/``src`` (relative, root-absolute under the site's path, or an
  absolute URL under ``site_url``) resolves to a file in the site, and every ``#fragment``
  to an element ``id`` (or ``<a name>``) on the target page;
- ``sitemap.xml`` lists every page but ``404.html``, each under ``site_url``;
- every page has a ``<title>``, a description, and the Open Graph / Twitter tags, and no
  text in them is escaped twice.

Nothing is ignored: Material's own links (assets, ``rel=prev/next``, the skip link, the
canonical URL) are checked like ours. Links to other hosts are counted, not fetched.
"""
from __future__ import annotations

import html.parser
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .pages import Page

_LINK_ATTRS = {"href", "xlink:href", "src", "action", "poster", "data"}
_NOT_LINKS = ("mailto:", "tel:", "javascript:", "data:", "blob:")
# A page's sharing tags: (attribute, name) -> required on every page.
_SHARING = [("property", "og:title"), ("property", "og:description"), ("property", "og:type"),
            ("property", "og:site_name"), ("name", "twitter:card")]
_DOUBLE_ESCAPED = re.compile(r"&amp;(?:[a-z]+|#\d+|#x[0-9a-f]+);", re.I)


@dataclass
class _Parsed:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str, str, str]] = field(default_factory=list)   # line, tag, attr, value
    meta: dict[tuple[str, str], str] = field(default_factory=dict)
    title: str | None = None
    canonical: str | None = None


class _Parser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = _Parsed()
        self._in_title = False
        self._raw: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        line = self.getpos()[0]
        if values.get("id"):
            self.out.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.out.ids.add(values["name"])
        for attr, value in attrs:
            if attr in _LINK_ATTRS and value is not None:
                self.out.links.append((line, tag, attr, value))
            elif attr == "srcset" and value:
                for candidate in value.split(","):
                    if candidate.strip():
                        self.out.links.append((line, tag, attr, candidate.split()[0]))
        if tag == "meta":
            for key in ("name", "property"):
                if values.get(key):
                    self.out.meta[(key, values[key])] = values.get("content") or ""
        if tag == "link" and values.get("rel") == "canonical":
            self.out.canonical = values.get("href")
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.out.title = (self.out.title or "") + data


def parse(file: Path) -> _Parsed:
    parser = _Parser()
    parser.feed(file.read_text("utf-8"))
    parser.close()
    return parser.out


def _raw_head(file: Path) -> str:
    text = file.read_text("utf-8")
    return text[: text.find("</head>")]


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0
    fragments: int = 0
    external: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


def check_links(site: Path, pages: list[Page], site_url: str, *, offline: bool = False) -> LinkReport:
    """Every internal link and fragment of every page, the sitemap, the head of every page.

    ``offline``: the site is read from the file system (``make offline``), where a link to
    a folder opens a file listing instead of its ``index.html``, so such links fail too.
    """
    report = LinkReport(pages=len(pages))
    parsed = {page.file.resolve(): parse(page.file) for page in pages}
    origin = "http://site.invalid"
    prefix = urlsplit(site_url).path or "/"
    base = origin + prefix
    for page in pages:
        page_url = base + page.file.relative_to(site).as_posix()    # "x/index.html": works for both URL styles
        info = parsed[page.file.resolve()]
        where = page.file.relative_to(site).as_posix()
        for line, tag, attr, value in info.links:
            value = value.strip()
            if not value or value.startswith(_NOT_LINKS):
                continue
            published = value.startswith(site_url)     # the published site: the web, offline too
            if published:
                value = base + value[len(site_url):]
            target = urljoin(page_url, value)
            if not target.startswith(origin + "/"):
                report.external[urlsplit(target).netloc] += 1
                continue
            report.links += 1
            parts = urlsplit(target)
            path = unquote(parts.path)
            if not path.startswith(prefix):
                report.problems.append(f"{where}:{line}: <{tag} {attr}=\"{value}\"> leaves the site's path {prefix}")
                continue
            file = site / path[len(prefix):]
            if path.endswith("/") or file.is_dir():
                if offline and not published:
                    report.problems.append(
                        f"{where}:{line}: <{tag} {attr}=\"{value}\"> -> {path}: a folder, which file:// cannot open")
                    continue
                file = file / "index.html"
            if not file.is_file():
                report.problems.append(f"{where}:{line}: <{tag} {attr}=\"{value}\"> -> {path}: no such file")
                continue
            if parts.fragment and file.suffix == ".html":
                report.fragments += 1
                fragment = unquote(parts.fragment)
                target_info = parsed.get(file.resolve()) or parse(file)
                if fragment not in target_info.ids:
                    report.problems.append(
                        f"{where}:{line}: <{tag} {attr}=\"{value}\"> -> #{fragment}: no such id on {file.relative_to(site).as_posix()}")
        report.problems += _head_problems(where, info, _raw_head(page.file))
    report.problems += _sitemap_problems(site, pages, site_url)
    return report


def _head_problems(where: str, info: _Parsed, head: str) -> list[str]:
    problems = []
    if not (info.title or "").strip():
        problems.append(f"{where}: no <title>")
    if not info.meta.get(("name", "description"), "").strip():
        problems.append(f"{where}: no <meta name=\"description\">")
    for key in _SHARING:
        if not info.meta.get(key, "").strip():
            problems.append(f"{where}: no <meta {key[0]}=\"{key[1]}\">")
    if info.canonical and info.meta.get(("property", "og:url")) != info.canonical:
        problems.append(f"{where}: og:url {info.meta.get(('property', 'og:url'))!r} is not the canonical URL {info.canonical!r}")
    if info.meta.get(("property", "og:description")) != info.meta.get(("name", "description")):
        problems.append(f"{where}: og:description differs from the description")
    for match in _DOUBLE_ESCAPED.finditer(head):
        problems.append(f"{where}: text escaped twice in <head>: {match.group(0)!r}")
    return problems


def _sitemap_problems(site: Path, pages: list[Page], site_url: str) -> list[str]:
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return ["sitemap.xml: missing"]
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    listed = [loc.text or "" for loc in ET.parse(sitemap).getroot().iter(namespace + "loc")]
    problems = [f"sitemap.xml: {loc} is not under site_url {site_url}" for loc in listed
                if not loc.startswith(site_url)]
    listed_paths = {re.sub(r"(^|/)index\.html$", r"\1", unquote(loc[len(site_url):]))   # offline: x/index.html
                    for loc in listed if loc.startswith(site_url)}
    for path in sorted(listed_paths):
        file = site / path / "index.html" if path.endswith("/") or path == "" else site / path
        if not file.is_file():
            problems.append(f"sitemap.xml: {site_url}{path} has no page")
    for page in pages:
        if page.page_type != "404" and page.path not in listed_paths:
            problems.append(f"sitemap.xml: {page.path or '(home)'} is not listed")
    return problems
