"""Pages that would grow with the corpus are bounded: the timeline is cut into parts (every
event on one page), corpus-wide tables show their first rows and say where the rest are."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import synth
import csv
import io

from build_site import link, views_claims, views_competitors, views_entities
from build_site.link import UNDATED, timeline_parts
from build_site.model import Event
from build_site.pipeline import BuildOptions, build


def _event(n: int, start: str | None) -> Event:
    return Event(id=f"ev-{n:04d}", document="d", anchor="p", date_text=start or "recently", start=start, end=start,
                 precision="year" if start else "vague", relation=None, relative=None, kind="reported",
                 summary="s", expr_start=0, expr_end=1)


def test_a_dense_year_is_cut_into_parts_in_order_and_every_event_is_on_one_page():
    events = ([_event(i, "2019") for i in range(3)] + [_event(10 + i, f"2022-{1 + i % 12:02d}") for i in range(7)]
              + [_event(30 + i, None) for i in range(4)])
    parts = timeline_parts(events, size=3)
    assert [(p.path, p.label) for p in parts] == [
        ("timeline/2019.md", "2019"),
        ("timeline/2022.md", "2022, part 1 of 3"),
        ("timeline/2022-part-2.md", "2022, part 2 of 3"),
        ("timeline/2022-part-3.md", "2022, part 3 of 3"),
        ("timeline/undated.md", f"{UNDATED}, part 1 of 2"),
        ("timeline/undated-part-2.md", f"{UNDATED}, part 2 of 2"),
    ]
    assert [e for p in parts for e in p.events] == events          # nothing lost, nothing reordered
    assert [len(p.events) for p in parts] == [3, 3, 3, 1, 3, 1]


def test_no_part_when_a_year_fits_on_one_page():
    parts = timeline_parts([_event(i, "2024-05") for i in range(5)], size=5)
    assert [(p.path, p.label, p.parts) for p in parts] == [("timeline/2024.md", "2024", 1)]
    assert timeline_parts([], size=5) == ()


@pytest.fixture(scope="module")
def split_site(tmp_path_factory) -> Path:
    """40 synthetic documents (hundreds of events) with small limits on every bounded page."""
    root = tmp_path_factory.mktemp("split")
    synth.write_corpus(root / "seeds", 40, seed=5)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(link, "MAX_EVENTS_PER_PAGE", 60)
        patch.setattr(views_competitors, "MAX_ROWS", 4)
        patch.setattr(views_entities, "MATRIX_MAX_ENTITIES", 7)
        patch.setattr(views_claims, "MAX_LEDGER_ROWS", 5)
        patch.setattr(views_claims, "MAX_SINGLE_SOURCE_ROWS", 6)
        build(BuildOptions(seeds_dir=root / "seeds", docs_dir=root / "docs"))
    return root / "docs"


def test_every_timeline_page_is_small_and_every_date_link_finds_its_event(split_site: Path):
    pages = {p.name: p.read_text("utf-8") for p in (split_site / "timeline").glob("*.md")}
    assert any("-part-" in name for name in pages), sorted(pages)
    listed: dict[str, str] = {}
    for name, text in pages.items():
        ids = re.findall(r'<li id="(ev-[0-9a-f]+)"', text)
        assert len(ids) <= 60, name
        for event_id in ids:
            assert event_id not in listed, f"{event_id} on {listed.get(event_id)} and {name}"
            listed[event_id] = name
    targets = [m for page in (split_site / "sources").glob("*.md")
               for m in re.findall(r"\(<\.\./timeline/([^>#]+)#(ev-[0-9a-f]+)>", page.read_text("utf-8"))]
    assert targets
    for name, event_id in targets:
        assert listed.get(event_id) == name, (name, event_id)


def test_the_index_links_every_part_and_the_parts_link_each_other(split_site: Path):
    index = (split_site / "timeline" / "index.md").read_text("utf-8")
    parts = sorted(p.name for p in (split_site / "timeline").glob("*-part-*.md"))
    for name in parts:
        assert f"(<{name}>" in index, name
        year, number = re.match(r"(.+)-part-(\d+)\.md", name).groups()
        text = (split_site / "timeline" / name).read_text("utf-8")
        assert f"part {number} of" in text
        previous = f"{year}.md" if number == "2" else f"{year}-part-{int(number) - 1}.md"
        assert f"(<{previous}>)" in text, (name, previous)


def _rows(text: str, section: str) -> int:
    body = text.split(section, 1)[1].split("\n## ", 1)[0]
    return len(re.findall(r'<tr markdown="block">\s*<th scope="row"', body))


def test_corpus_tables_show_their_first_rows_and_point_to_the_full_data(split_site: Path):
    page = (split_site / "competitors" / "index.md").read_text("utf-8")
    organisations = list(csv.reader(io.StringIO((split_site / "data/competitors/organisations.csv").read_text("utf-8"))))
    assert len(organisations) - 1 > 4
    assert f"{len(organisations) - 1} organisation(s)" in page and "the first 4 are shown here" in page
    assert _rows(page, "{ #organisations }") == 4 and _rows(page, "{ #products }") <= 4

    index = (split_site / "entities" / "index.md").read_text("utf-8")
    coverage = index.split("{ #coverage }", 1)[1]
    assert coverage.count('<tr markdown="block"><th scope="row"') == 7
    assert "more are left out" in coverage and "(<../data/entities.json>)" in coverage
    assert "columns. The 7 entities" in coverage and "\n\n- **S1**: " in coverage     # sentences, then the legend list

    ledger = (split_site / "claims" / "predictions.md").read_text("utf-8")
    assert ledger.count('<td data-label="Status"') == 5
    assert "The first 5\nof " in ledger and "(<../data/claims.json>)" in ledger


def test_the_claims_page_lists_some_single_source_rows_and_notes_link_only_to_listed_rows(split_site: Path):
    page = (split_site / "claims" / "index.md").read_text("utf-8")
    single = page.split("{ #single-source }", 1)[1].split("\n## ", 1)[0]
    assert single.count('<tr id="cmp-') == 6 and "The first 6 of " in single
    rows = set(re.findall(r'<tr id="(cmp-[0-9a-f]+)"', page))
    linked, unlinked = 0, 0
    for source in (split_site / "sources").glob("*.md"):
        for note in re.findall(r"^1\.  \*\*.*$", source.read_text("utf-8"), re.M):
            targets = re.findall(r"\(<\.\./claims/index\.md#(cmp-[0-9a-f]+)>\)", note)
            assert all(t in rows for t in targets), note
            linked += bool(targets)
            unlinked += "Single source." in note and not targets
    assert linked and unlinked
