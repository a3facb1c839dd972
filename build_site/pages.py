"""Which pages the site has: one function per page type, each view -> template -> PageFile."""
from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from dataclasses import replace
from functools import partial

from .analyse.competitors import Landscape, find_landscape
from .analyse.entities import EntityIndex
from .exports import export_files, landscape_files, table_files
from .link import CLAIMS, GLOSSARY, PREDICTIONS, TIMELINE, Corpus
from .views_claims import (claim_annotations, claim_notes, claim_profile, claims_view, comparison_anchor,
                           comparisons_by_document, glossary_view, ledger_view, listed_comparisons)
from .paths import DocsPath, entity_page, relative_link, source_page
from .render import PageFile, front_matter, render_template
from .views import source_page_view
from .views_home import home_view
from .views_corpus import passage_spans
from .views_competitors import COMPETITORS_INDEX, TABLES_INDEX, competitors_view, tables_view
from .views_entities import EntityContext, entities_index_view, entity_page_view
from .views_timeline import timeline_index_view, timeline_page_view


PageTask = Callable[[], Iterable[PageFile]]


def page_tasks(corpus: Corpus, *, site_name: str, as_of: str | None = None) -> list[PageTask]:
    """The site as a list of independent units of work, each giving one or more files.

    A task depends on the corpus only (never on another task), so tasks can run in any
    process and in any order; the files are the same. Tasks run as the writer asks for their
    files, so the site is never held in memory as a whole.
    """
    ctx = EntityContext(corpus)
    compared = comparisons_by_document(corpus)
    listed = frozenset(comparison_anchor(c) for c in listed_comparisons(corpus))   # rows of the claims page
    landscape = find_landscape(corpus.documents, EntityIndex(corpus.entities, corpus.mentions, corpus.relations))
    return [
        partial(_one, _home, corpus, site_name, ctx, as_of),
        *(partial(_one, _source, corpus, i, ctx, compared.get(doc.id, ()), listed)
          for i, doc in enumerate(corpus.documents)),
        *(partial(_one, _entity, corpus, entity, ctx) for entity in corpus.entities),
        partial(_one, _entities_index, corpus, ctx),
        partial(_one, _timeline_index, corpus),
        *(partial(_one, _timeline_part, corpus, ctx, i) for i in range(len(corpus.timeline))),
        partial(_one, _claims, corpus, ctx),
        partial(_one, _predictions, corpus, ctx, as_of),
        partial(_one, _glossary, corpus, ctx),
        partial(export_files, corpus),
        partial(_competitors, corpus, ctx, landscape),
        partial(_one, _tables, corpus, ctx, landscape),
        partial(table_files, corpus.documents),
    ]


def _one(render: Callable[..., PageFile], *args) -> tuple[PageFile]:
    return (render(*args),)


def _home(corpus: Corpus, site_name: str, ctx: EntityContext, as_of: str | None) -> PageFile:
    view = home_view(corpus, ctx, as_of)
    meta = front_matter(title="Home", description=f"{site_name}: {len(corpus.documents)} sources analysed, "
                                                  f"{len(corpus.entities)} entities, {len(corpus.events)} dated events.")
    return PageFile(view.path, render_template("home.md.j2", page=view, front_matter=meta, site_title=site_name))


def _source(corpus: Corpus, index: int, ctx: EntityContext, comparisons: tuple = (),
            listed: Container[str] = frozenset()) -> PageFile:
    doc = corpus.documents[index]
    path = source_page(doc.id)
    doc_claims = tuple(c for p in doc.passages for c in corpus.claims_by_passage.get((doc.id, p.anchor), ()))
    facts = claim_notes(doc.id, comparisons, {c.id: c for c in doc_claims}, ctx, path, listed) if comparisons else {}
    regions, notes = claim_annotations(doc, lambda p: corpus.claims_by_passage.get((doc.id, p.anchor), ()), facts)
    view = source_page_view(doc, passage_spans(corpus, doc, path), corpus.neighbours(index), regions, notes)
    view = replace(
        view,
        entities=tuple(ctx.ref(entity_id, path, n) for entity_id, n in corpus.entities_by_document.get(doc.id, ())),
        events=tuple(ctx.event(e, path, linked=False)
                     for e in sorted(corpus.events_by_document.get(doc.id, ()),
                                     key=lambda e: (ctx.order[(e.document, e.anchor)], e.expr_start))),
        related=tuple((ctx.titles[other], relative_link(path, source_page(other)), n)
                      for other, n in corpus.related_documents.get(doc.id, ())),
        profile=claim_profile(doc_claims),
        claim_count=len(doc_claims),
        claims_link=relative_link(path, CLAIMS),
    )
    meta = front_matter(title=doc.title, description=view.description)
    return PageFile(view.path, render_template("source.md.j2", page=view, front_matter=meta))


def _entity(corpus: Corpus, entity, ctx: EntityContext) -> PageFile:
    view = entity_page_view(corpus, entity, ctx)
    description = (f"{entity.name} ({view.type_label.lower()}): {view.total} mention(s) in "
                   f"{view.source_total} source(s)." + (f" {entity.description}" if entity.description else ""))
    meta = front_matter(title=entity.name, description=description)
    return PageFile(entity_page(entity.id), render_template("entity.md.j2", page=view, front_matter=meta))


def _entities_index(corpus: Corpus, ctx: EntityContext) -> PageFile:
    view = entities_index_view(corpus, ctx)
    meta = front_matter(title="Entities", description=f"{view.total} entities named in the sources, by type.")
    return PageFile(view.path, render_template("entities.md.j2", page=view, front_matter=meta))


def _timeline_index(corpus: Corpus) -> PageFile:
    index = timeline_index_view(corpus)
    meta = front_matter(title="Timeline", description=f"{index.total} dated statements from the sources, by year.")
    return PageFile(TIMELINE, render_template("timeline.md.j2", page=index, front_matter=meta))


def _timeline_part(corpus: Corpus, ctx: EntityContext, index: int) -> PageFile:
    page = timeline_page_view(corpus, ctx, index)
    meta = front_matter(title=page.title, description=page.intro)
    return PageFile(page.path, render_template("timeline_year.md.j2", page=page, front_matter=meta))


def _claims(corpus: Corpus, ctx: EntityContext) -> PageFile:
    view = claims_view(corpus, ctx)
    meta = front_matter(title="Claims", description="What the sources state, report, predict or speculate, and where they disagree.")
    return PageFile(CLAIMS, render_template("claims.md.j2", page=view, front_matter=meta))


def _predictions(corpus: Corpus, ctx: EntityContext, as_of: str | None) -> PageFile:
    view = ledger_view(corpus, ctx, as_of)
    meta = front_matter(title="Predictions ledger", description="Every prediction in the sources with its due date and status.")
    return PageFile(PREDICTIONS, render_template("predictions.md.j2", page=view, front_matter=meta))


def _glossary(corpus: Corpus, ctx: EntityContext) -> PageFile:
    terms = glossary_view(corpus, ctx)
    meta = front_matter(title="Glossary", description=f"{len(terms)} acronyms the sources define.")
    return PageFile(GLOSSARY, render_template("glossary.md.j2", terms=terms, front_matter=meta))


def _competitors(corpus: Corpus, ctx: EntityContext, landscape: Landscape) -> list[PageFile]:
    """The competitive landscape page and its open data (JSON, CSV of each table)."""
    view = competitors_view(corpus, landscape, ctx)
    meta = front_matter(title="Competitive landscape", hide=["navigation", "toc"],     # room for the wide table
                        description=f"{len(view.organisations)} competing organisations: what the sources say about each.")
    page = PageFile(COMPETITORS_INDEX, render_template("competitors.md.j2", page=view, front_matter=meta))
    return [page, *landscape_files(corpus, landscape)]


def _tables(corpus: Corpus, ctx: EntityContext, landscape: Landscape) -> PageFile:
    view = tables_view(corpus.documents, ctx, landscape.tables)
    meta = front_matter(title="Tables", description=f"{len(view.tables)} tables found in the sources, with CSV downloads.")
    return PageFile(TABLES_INDEX, render_template("tables.md.j2", page=view, front_matter=meta))


__all__ = ["page_tasks", "DocsPath"]
