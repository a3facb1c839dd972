"""Open data: the corpus as JSON files with a JSON Schema each, published under ``data/``."""
from __future__ import annotations

from pathlib import Path

from .link import Corpus
from .model import Document, Event
from .paths import entity_page, page_url, source_page
from .render import PageFile, render_json

SCHEMAS = Path(__file__).parent / "schemas"


def export_files(corpus: Corpus) -> list[PageFile]:
    records = {
        "documents": [document_record(d) for d in corpus.documents],
        "entities": entity_records(corpus),
        "events": [event_record(e) for e in corpus.events],
    }
    files = [PageFile(f"data/{name}.json", render_json(data)) for name, data in records.items()]
    files += [PageFile(f"data/{name}.schema.json", (SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
              for name in records]
    return files


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


def entity_records(corpus: Corpus) -> list[dict]:
    relations_of: dict[str, list[dict]] = {}
    for rel in corpus.relations:
        relations_of.setdefault(rel.subject, []).append(
            {"predicate": rel.predicate, "object": rel.object, "document": rel.document or None,
             "paragraph": rel.anchor or None})
    return [
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
    ]


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
