"""Which pages the site has: one function per page type, each view -> template -> PageFile."""
from __future__ import annotations

from .link import Corpus
from .paths import DocsPath, page_url, source_page
from .render import PageFile, front_matter, render_json, render_template
from .views import document_record, home_view, source_page_view


def render_site(corpus: Corpus, *, site_name: str) -> tuple[PageFile, ...]:
    pages: list[PageFile] = [_home(corpus, site_name)]
    pages.extend(_source(corpus, i) for i in range(len(corpus.documents)))
    pages.append(PageFile("data/documents.json", render_json([document_record(d) for d in corpus.documents])))
    return tuple(sorted(pages, key=lambda p: p.path))


def _home(corpus: Corpus, site_name: str) -> PageFile:
    view = home_view(corpus.documents)
    meta = front_matter(title="Home", description=f"{site_name}: {view.source_count} sources analysed.")
    return PageFile(view.path, render_template("home.md.j2", page=view, front_matter=meta, site_title=site_name))


def _source(corpus: Corpus, index: int) -> PageFile:
    doc = corpus.documents[index]
    view = source_page_view(doc, corpus.spans[doc.id], corpus.neighbours(index))
    meta = front_matter(title=doc.title, description=view.description)
    return PageFile(view.path, render_template("source.md.j2", page=view, front_matter=meta))


__all__ = ["render_site", "DocsPath", "page_url", "source_page"]
