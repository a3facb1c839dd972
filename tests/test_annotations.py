"""Annotation markers on source pages: the notable claims say what other sources say."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_site.markup import Region, inline
from build_site.model import Claim
from build_site.views_claims import block_notes, claim_annotations, claim_regions
from tests.support import generate, site_markdown

TWO_SOURCES = {
    "alpha.txt": "Alpha Report\n\nThe Orion X1 processor was released in March 2024 (1) by Vantor Labs.\n\n"
                 "Vantor Labs said the Orion X1 has 64 cores.\n",
    "beta.txt": "Beta Review\n\nThe Orion X1 processor is reportedly unreleased and leaked in tests (2).\n\n"
                "Vantor Labs said the Orion X1 has 48 cores.\n",
}


def _claim(claim_id: str, start: int, end: int, label: str = "stated") -> Claim:
    return Claim(id=claim_id, document="d", anchor="p-1", start=start, end=end, text="x" * (end - start),
                 lang="en", label=label, cue=None)


def test_a_marker_follows_the_claim_and_a_stated_claim_gets_a_span_too():
    regions = claim_regions((_claim("c-1", 0, 5), _claim("c-2", 6, 11, "rumour"), _claim("c-3", 12, 14)),
                            {"c-1": 1, "c-2": 2})
    assert [(r.start, r.end) for r in regions] == [(0, 5), (6, 11)]          # c-3: stated, no note, no span
    assert regions[0].closing == "</span> (1)" and 'bs-claim--stated' in regions[0].opening
    assert regions[1].closing == "</span> (2)" and ">Rumour</span>" in regions[1].opening


def test_block_notes_are_numbered_in_text_order():
    claims = (_claim("c-1", 0, 5), _claim("c-2", 6, 11), _claim("c-3", 12, 14))
    markers, notes = block_notes(claims, {"c-3": ("third",), "c-1": ("first",)})
    assert markers == {"c-1": 1, "c-3": 2}
    assert [(n.number, n.facts) for n in notes] == [(1, ("first",)), (2, ("third",))]


def test_only_blocks_material_annotates_get_markers():
    from build_site.model import Block, Document, Passage

    def block(kind: str, anchor: str) -> Block:
        return Block(kind=kind, anchor=anchor, line=1, lang="en",
                     passages=(Passage(document="d", anchor=f"{anchor}-1", text="A claim.", kind=kind, lang="en", line=1),))

    claims = {"p-1-1": (_claim("c-p", 0, 8),), "t-1-1": (_claim("c-t", 0, 8),)}
    doc = Document(id="d", seed=None, title="T", title_lang="en", translated_title=None, translated_title_lang=None,
                   blocks=(block("paragraph", "p-1"), block("table", "t-1")), published=None, languages=("en",),
                   latin_words=4, cjk_chars=0)
    regions, notes = claim_annotations(doc, lambda p: claims.get(p.anchor, ()), {"c-p": ("f",), "c-t": ("f",)})
    assert list(notes) == ["p-1"] and regions["p-1-1"][0].closing.endswith("(1)")
    assert regions["t-1-1"] == ()                   # a table cell is not annotated: no bare "(1)"


@pytest.mark.parametrize("text", ["see (1) and (23)", "(4)", "a(5)b"])
def test_seed_numbers_in_parentheses_never_become_markers(text: str):
    html = site_markdown().convert(str(inline(text, guard_markers=True)))
    plain = re.sub(r"<[^>]+>", "", html)
    assert plain == text                                                     # every character kept
    # Material matches /\(\d+\)/ within one text node: no text node may hold one.
    assert not any(re.search(r"\(\d+\)", node) for node in re.split(r"<[^>]+>", html))


def test_the_marker_itself_is_one_text_node():
    html = site_markdown().convert(str(inline("Claim. Next (3).", regions=(Region(0, 6, "<span>", "</span> (1)"),),
                                              guard_markers=True)))
    nodes = re.split(r"<[^>]+>", html)
    assert sum(bool(re.search(r"\(\d+\)", n)) for n in nodes) == 1 and " (1) Next (" in html


def test_compared_claims_are_annotated_with_what_the_other_source_says(tmp_path: Path):
    docs, report = generate(tmp_path, TWO_SOURCES)
    assert not report.problems
    alpha = next((docs / "sources").glob("alpha*.md")).read_text("utf-8")
    beta = next((docs / "sources").glob("beta*.md")).read_text("utf-8")
    claims_page = (docs / "claims" / "index.md").read_text("utf-8")
    html = site_markdown().convert(alpha)
    annotated = re.findall(r'<p class="annotate"[^>]*>(.*?)</p>\s*<ol>(.*?)</ol>', html, re.S)
    assert annotated, alpha
    notes = " ".join(items for _, items in annotated)
    assert "Sources conflict" in notes and "Beta Review" in notes            # what the other source says
    anchors = re.findall(r'claims/index\.md#(cmp-[0-9a-f]{8})', alpha)
    assert anchors and all(f'id="{a}"' in claims_page for a in anchors)    # each note links to its row
    for paragraph, items in annotated:                                      # one marker per note
        markers = re.findall(r"\((\d+)\)(?![^<]*</span>)", re.sub(r'<span class="bs-num">\d+</span>', "", paragraph))
        assert len(items.split("<li>")) - 1 == len(markers) >= 1
    assert '(<span class="bs-num">1</span>)' in alpha                      # the seed's "(1)" stays text
    assert "Alpha Report" in beta
    beta_notes = [line for line in beta.splitlines() if line.startswith("1.  **")]
    assert beta_notes and all(note.count("Orion X1 · release status") == 1 for note in beta_notes)  # one line per attribute


def test_annotated_source_still_holds_every_character(tmp_path: Path):
    docs, _ = generate(tmp_path, TWO_SOURCES)
    html = site_markdown().convert(next((docs / "sources").glob("alpha*.md")).read_text("utf-8"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert "The Orion X1 processor was released in March 2024 (1) by Vantor Labs." in text
