"""Open data: the corpus as JSON files with a JSON Schema each, published under ``data/``."""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .analyse.competitors import Landscape
from .link import Corpus
from .model import Claim, Document, Event
from .paths import entity_page, page_url, source_page
from .render import PageFile, StreamedFile, json_item_pieces, render_json

SCHEMAS = Path(__file__).parent / "schemas"


def export_files(corpus: Corpus) -> Iterator[PageFile | StreamedFile]:
    """Each export and its schema, one file at a time. Records are made one at a time and
    encoded as they come: a large corpus's exports (tens of MB of JSON) are never held as
    Python objects, only as the text being written."""
    exports: dict[str, Callable[[], Iterable[dict]]] = {
        "documents": lambda: (document_record(d) for d in corpus.documents),
        "entities": lambda: entity_records(corpus),
        "events": lambda: (event_record(e) for e in corpus.events),
        "claims": lambda: (claim_record(c) for c in corpus.claims),
    }
    for name, records in exports.items():
        yield StreamedFile(f"data/{name}.json", lambda records=records: json_item_pieces(records()))
        yield PageFile(f"data/{name}.schema.json", (SCHEMAS / f"{name}.schema.json").read_text("utf-8"))


def document_record(doc: Document) -> dict:
    return {
        "id": doc.id,
        "title": doc.title,
        "translated_title": doc.translated_title,
        "source": doc.seed.path,
        "url": page_url(source_page(doc.id)),
        "languages": list(doc.languages),
        "published": doc.published,
        "sha256": doc.seed.sha256,
        "latin_words": doc.latin_words,
        "cjk_chars": doc.cjk_chars,
    }


def entity_records(corpus: Corpus) -> Iterator[dict]:
    relations_of: dict[str, list[dict]] = {}
    for rel in corpus.relations:
        relations_of.setdefault(rel.subject, []).append(
            {"predicate": rel.predicate, "object": rel.object, "document": rel.document or None,
             "paragraph": rel.anchor or None})
    return (
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "aliases": list(e.aliases),
            "url": page_url(entity_page(e.id)),
            "description": e.description,
            "mentions": [{"document": m.document, "paragraph": m.anchor, "text": m.surface}
                         for m in corpus.mentions_by_entity.get(e.id, ())],
            "relations": relations_of.get(e.id, []),
        }
        for e in corpus.entities
    )


def event_record(event: Event) -> dict:
    return {
        "id": event.id,
        "date": {"text": event.date_text, "start": event.start, "end": event.end,
                 "precision": event.precision, "relation": event.relation, "relative": event.relative},
        "kind": event.kind,
        "summary": event.summary,
        "document": event.document,
        "paragraph": event.anchor,
        "entities": list(event.entities),
        "publisher_note": event.publisher_note,
    }


# ---- tables and the competitive landscape as CSV, competitors.json ------------------------

TABLES_CSV_DIR = "data/tables"
LANDSCAPE_CSV = {
    "organisations": "data/competitors/organisations.csv",
    "products": "data/competitors/products.csv",
    "mentions": "data/competitors/mentions.csv",
}


def table_csv_path(document: str, anchor: str) -> str:
    return f"{TABLES_CSV_DIR}/{document}-{anchor}.csv"


def table_files(documents: tuple[Document, ...]) -> list[PageFile]:
    """Every table of every source as CSV: its header, then its rows, cells as written."""
    files = []
    for doc in documents:
        for block in doc.blocks:
            if block.kind == "table":
                rows = [[p.text[a:b] for a, b in p.cell_spans] for p in block.passages]
                files.append(PageFile(table_csv_path(doc.id, block.anchor),
                                      render_csv(list(block.header) if block.header else None, rows)))
    return files


def landscape_files(corpus: Corpus, landscape: Landscape) -> list[PageFile]:
    names = {e.id: e.name for e in corpus.entities}
    records = competitor_records(landscape)
    return [
        PageFile("data/competitors.json", render_json(records)),
        PageFile("data/competitors.schema.json", (SCHEMAS / "competitors.schema.json").read_text("utf-8")),
        PageFile(LANDSCAPE_CSV["organisations"], _organisations_csv(landscape, names)),
        PageFile(LANDSCAPE_CSV["products"], _products_csv(landscape, names)),
        PageFile(LANDSCAPE_CSV["mentions"], render_csv(
            ["organization", "name", *[d.id for d in corpus.documents], "total"],
            [[c.organization, names[c.organization], *[dict(c.mentions).get(d.id, 0) for d in corpus.documents],
              c.total_mentions] for c in landscape.competitors])),
    ]


def competitor_records(landscape: Landscape) -> list[dict]:
    return [
        {
            "organization": c.organization,
            "products": [p.entity for p in c.products],
            "attributes": {a.key: [{"value": v.value, "document": v.document, "paragraph": v.anchor} for v in a.values]
                           for a in c.attributes},
            "mentions": dict(c.mentions),
        }
        for c in landscape.competitors
    ]


def _organisations_csv(landscape: Landscape, names: dict[str, str]) -> str:
    """One row per organisation, as on the page; each attribute column is followed by the
    passages its values come from ("document#paragraph"), one line per value."""
    header = ["organization", "name", "products"]
    for _, label in landscape.columns:
        header += [label, f"{label} (sources)"]
    rows = []
    for c in landscape.competitors:
        by_key = {a.key: a for a in c.attributes}
        row = [c.organization, names[c.organization], "\n".join(names[p.entity] for p in c.products)]
        for key, _ in landscape.columns:
            values = by_key[key].values if key in by_key else ()
            row += ["\n".join(v.value for v in values), "\n".join(f"{v.document}#{v.anchor}" for v in values)]
        rows.append(row)
    return render_csv(header, rows)


def _products_csv(landscape: Landscape, names: dict[str, str]) -> str:
    rows = []
    for p in landscape.products:
        rows.append([p.product, names[p.product], p.organization,
                     "\n".join(f"{status} ({c.document}#{c.anchor})" for status, c in p.statuses),
                     "\n".join(f"{f.attribute}: {f.text} ({f.document}#{f.anchor})" for f in p.figures)])
    return render_csv(["product", "name", "organization", "status", "figures"], rows)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render_csv(header: list | None, rows: list[list]) -> str:
    """RFC 4180 CSV with "\\n" line ends. A text cell that a spreadsheet would run as a formula
    (starting with = + - @) gets a leading apostrophe, the usual guard; numbers are left alone."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header is not None:
        writer.writerow([_csv_cell(h) for h in header])
    writer.writerows([[_csv_cell(cell) for cell in row] for row in rows])
    return out.getvalue()


def _csv_cell(cell: object) -> object:
    if isinstance(cell, str) and cell.startswith(_FORMULA_START) and not _is_number(cell):
        return "'" + cell
    return cell


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def claim_record(claim: Claim) -> dict:
    return {
        "id": claim.id,
        "text": claim.text,
        "label": claim.label,
        "cue": claim.cue,
        "document": claim.document,
        "paragraph": claim.anchor,
        "entities": list(claim.entities),
        "quantities": [{"text": f.text, "value": f.value, "unit": f.unit, "bound": f.bound,
                        "attribute": f.attribute, "entity": f.entity} for f in claim.figures],
        "publisher_note": claim.publisher_note,
    }
