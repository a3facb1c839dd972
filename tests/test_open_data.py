"""Open data: every export validates against its JSON Schema and points at pages that exist."""
from __future__ import annotations

import json
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

NAMES = ("documents", "entities", "events", "claims")


@pytest.mark.parametrize("name", NAMES)
def test_export_validates_against_its_schema(built_site: Path, name: str):
    data_dir = built_site / "site" / "data"
    data = json.loads((data_dir / f"{name}.json").read_text("utf-8"))
    schema = json.loads((data_dir / f"{name}.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    assert data, f"{name}.json is empty"


def page_ids(built_site: Path, url: str) -> set[str]:
    html = (built_site / "site" / url / "index.html").read_text("utf-8")
    return set(re.findall(r'\sid="([^"]+)"', html))


def test_every_mention_event_and_claim_points_at_an_existing_paragraph(built_site: Path):
    data_dir = built_site / "site" / "data"
    urls = {d["id"]: d["url"] for d in json.loads((data_dir / "documents.json").read_text("utf-8"))}
    ids = {doc: page_ids(built_site, url) for doc, url in urls.items()}
    places = [(m["document"], m["paragraph"]) for e in json.loads((data_dir / "entities.json").read_text("utf-8"))
              for m in e["mentions"]]
    places += [(e["document"], e["paragraph"]) for e in json.loads((data_dir / "events.json").read_text("utf-8"))]
    places += [(c["document"], c["paragraph"]) for c in json.loads((data_dir / "claims.json").read_text("utf-8"))]
    missing = [p for p in places if p[1] not in ids[p[0]]]
    assert places and missing == []


class _EntityLinks(HTMLParser):
    """The entity links of a source page, by the id of the innermost element holding them, and
    the tag of every element with an id."""

    _BLOCKS = ("p", "li", "tr", "dt", "dd", "div", "section", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6")

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str | None]] = []
        self.links: dict[str | None, list[tuple[str, str]]] = defaultdict(list)
        self.tags: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.tags[attributes["id"]] = tag
        if tag in self._BLOCKS:
            self.open.append((tag, attributes.get("id")))
        if tag == "a" and "bs-entity" in (attributes.get("class") or ""):
            holder = next((anchor for _, anchor in reversed(self.open) if anchor), None)
            self.links[holder].append((attributes["href"], attributes.get("title", "")))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                break


def test_every_entity_mentioned_in_a_paragraph_is_linked_from_it_once(built_site: Path):
    """Headings stay plain text; every other passage that mentions an entity links to its page
    exactly once (its first mention), with the type as the tooltip."""
    data_dir = built_site / "site" / "data"
    entities = json.loads((data_dir / "entities.json").read_text("utf-8"))
    type_of = {e["id"]: e["type"] for e in entities}
    wanted: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entity in entities:
        for mention in entity["mentions"]:
            wanted[(mention["document"], mention["paragraph"])].add(entity["id"])
    pages = {}
    for document in json.loads((data_dir / "documents.json").read_text("utf-8")):
        parser = _EntityLinks()
        parser.feed((built_site / "site" / document["url"] / "index.html").read_text("utf-8"))
        pages[document["id"]] = parser
    checked = 0
    for (document, paragraph), ids in sorted(wanted.items()):
        page = pages[document]
        if page.tags[paragraph].startswith("h"):
            continue
        links = page.links.get(paragraph, [])
        linked = [re.search(r"entities/([^/#]+)/", href).group(1) for href, _ in links]
        assert sorted(linked) == sorted(ids), (document, paragraph)
        assert all(title.casefold().startswith(type_of[e][:4]) for e, (_, title) in zip(linked, links))
        checked += 1
    assert checked > 40


def test_the_real_contradiction_between_the_two_seeds_is_listed_first(built_site: Path):
    html = (built_site / "site" / "claims" / "index.html").read_text("utf-8")
    contradictions = html.split('id="contradictions"')[1].split('id="agreements"')[0]
    assert "Claude Mythos" in contradictions and "release status" in contradictions
    assert "released" in contradictions and "leaked" in contradictions


EXPECTED_FIGURES = [
    # (text as written, value, unit, attribute) for every quantity the two seeds state
    ("1.5 billion parameter", 1.5e9, "parameters", "parameters"),
    ("15 trillion tokens", 1.5e13, "tokens", "training data"),
    ("2 million tokens", 2e6, "tokens", "context length"),
    ("92 percent", 92.0, "percent", "MMLU"),
    ("89 percent", 89.0, "percent", "HumanEval"),
    ("20 percent", 20.0, "percent", "relative: more convincing"),
    ("15k stars", 15000.0, "stars", "stars"),
    ("80%", 80.0, "percent", None),
    ("$50+/1M tokens", 50.0, "USD/1M tokens", "price"),
    ("$15B", 1.5e10, "USD", "valuation"),
    ("$30B+", 3e10, "USD", None),
]


def test_every_quantity_in_the_seeds_is_extracted_with_its_unit(built_site: Path):
    claims = json.loads((built_site / "site" / "data" / "claims.json").read_text("utf-8"))
    found = {(q["text"], q["value"], q["unit"], q["attribute"]) for c in claims for q in c["quantities"]}
    assert set(EXPECTED_FIGURES) <= found, set(EXPECTED_FIGURES) - found
