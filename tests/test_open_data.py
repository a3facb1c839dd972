"""Open data: every export validates against its JSON Schema and points at pages that exist."""
from __future__ import annotations

import json
import re
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
