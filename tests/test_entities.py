"""Named-entity extraction: measured against labelled fixtures, and rule by rule.

The fixtures in tests/fixtures/entities are news/analysis pieces from several industries plus two
real seeds; each NAME.txt has a NAME.gold.yml listing what a careful analyst would index. They are
read by a tiny reader below, so these tests do not depend on the structure parser, and they run
without any curated knowledge.
"""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from build_site.analyse.entities import EntityIndex, extract_entities, load_knowledge
from build_site.model import Passage

FIXTURES = Path(__file__).parent / "fixtures" / "entities"
REPOSITORY = Path(__file__).resolve().parent.parent
DOMAIN_FIXTURES = ("semiconductors", "electric_vehicles", "pharma_obesity", "solid_state_zh")
SEED_FIXTURES = ("seed_000_gpt2_mythos", "seed_004_mythos_leak")
# Written after the extractor, to see how it does on text it was not built from. Each was
# measured once as written; what that first measurement showed then informed generic fixes
# (never fixture-specific ones). They must not regress below a floor; their numbers are reported.
LATER_FIXTURES = ("space_launch", "payments", "offshore_wind", "ai_models_zh", "streaming_media")
# Written for the precision rules, in domains the extractor had not seen: everyday capitalised
# words that open sentences (also after "ms.") or label list items, names on either side of
# "from", companies named with everyday nouns ("Harrow Materials"), products next to "programme"
# and "scored". Held to the same bar as the domain fixtures. fashion_retail was written after
# those rules, as a held-out check; see its gold file for what its first measurement showed.
PRECISION_FIXTURES = ("precision_farming", "container_shipping", "home_diagnostics", "fashion_retail")
# Held out, labelled before the extractor first ran on them, in two more domains (commercial
# aviation, cyber security); held to the same bar. Measured as written: aviation P 0.877 R 0.875
# type 0.825, cyber P 0.880 R 0.894 type 0.773. Generic fixes followed ('&' inside names, model
# numbers leading a name, quoted titles with 'of', repositories before "repository", role nouns
# such as "lawyer", a sentence-initial full name whose surname occurs alone); see the gold files.
HELD_OUT_FIXTURES = ("aviation_supply", "cyber_security")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LIST_MARKER = re.compile(r"^(?:[-*]|\d{1,2}\.)\s+")
_RULE = re.compile(r"^:?-{3,}:?$")


# ---------------------------------------------------------------------------------------------
# Fixture reader and scoring


def read_fixture(path: Path) -> tuple[Passage, ...]:
    """A fixture file as passages, independent of the real structure parser.

    One passage per non-blank line: line 1 is the title, '- '/'1. ' lines are list items,
    '|' lines are table rows (the first is the header), short lines without closing
    punctuation are headings, everything else is a paragraph.
    """
    passages: list[Passage] = []
    header: tuple[str, ...] = ()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line.startswith("|"):
            header = ()
        if not line:
            continue
        cell_spans: tuple[tuple[int, int], ...] = ()
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if all(_RULE.match(cell) for cell in cells):
                continue
            if not header:
                header = tuple(cells)
                continue
            kind, text, cell_spans = "table_row", " | ".join(cells), _cell_spans(cells)
        elif _LIST_MARKER.match(line):
            kind, text = "list_item", _LIST_MARKER.sub("", line)
        elif number == 1:
            kind, text = "title", line
        elif len(line) <= 80 and line[-1] not in ".!?:。！？：…”\"":
            kind, text = "heading", line
        else:
            kind, text = "paragraph", line
        passages.append(Passage(document=path.stem, anchor=f"p-{len(passages) + 1}", kind=kind, text=text,
                                lang=_language(text), line=number, cell_spans=cell_spans,
                                header=header if kind == "table_row" else ()))
    return tuple(passages)


def _cell_spans(cells: list[str]) -> tuple[tuple[int, int], ...]:
    spans, start = [], 0
    for cell in cells:
        spans.append((start, start + len(cell)))
        start += len(cell) + 3
    return tuple(spans)


def _language(text: str) -> str:
    return "zh-Hans" if len(_CJK.findall(text)) > 0.3 * max(len(re.findall(r"\w", text)), 1) else "en"


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...]
    optional: bool

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(s.casefold() for s in (self.name, *self.aliases))


@dataclass(frozen=True)
class Score:
    fixture: str
    extracted: int
    gold: int
    precision: float
    recall: float
    type_accuracy: float
    missed: tuple[str, ...]
    spurious: tuple[str, ...]
    mistyped: tuple[str, ...]

    def row(self) -> str:
        return (f"{self.fixture:<22} {self.extracted:>4} {self.gold:>4} {self.precision:>6.3f} {self.recall:>6.3f} "
                f"{self.type_accuracy:>6.3f}  missed={list(self.missed)} spurious={list(self.spurious)} "
                f"mistyped={list(self.mistyped)}")


def read_gold(path: Path) -> tuple[GoldEntity, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(GoldEntity(str(e["name"]), e["type"], tuple(str(a) for a in e.get("aliases", ())),
                            bool(e.get("optional", False))) for e in data["entities"])


def score(fixture: str, index: EntityIndex, gold: tuple[GoldEntity, ...]) -> Score:
    """Entity-level scores. An extracted entity matches a gold entity when its name or an alias
    equals one of the gold names/aliases, case-insensitively. Extracted entities that match only
    optional gold entries (places, borderline items) count neither way; type accuracy is over
    the matched entities."""
    matched: set[str] = set()
    counted = correct = right_type = 0
    spurious, mistyped = [], []
    for entity in index.entities:
        keys = {s.casefold() for s in (entity.name, *entity.aliases)}
        hits = [g for g in gold if g.keys & keys]
        required = [g for g in hits if not g.optional]
        if hits and not required:
            continue
        counted += 1
        if not required:
            spurious.append(entity.name)
            continue
        correct += 1
        matched.update(g.name for g in required)
        if any(g.type == entity.type for g in required):
            right_type += 1
        else:
            mistyped.append(f"{entity.name}:{entity.type}/{required[0].type}")
    required_gold = [g for g in gold if not g.optional]
    missed = tuple(g.name for g in required_gold if g.name not in matched)
    return Score(fixture, counted, len(required_gold), correct / max(counted, 1),
                 (len(required_gold) - len(missed)) / max(len(required_gold), 1), right_type / max(correct, 1),
                 missed, tuple(spurious), tuple(mistyped))


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    results = {}
    for name in (*DOMAIN_FIXTURES, *SEED_FIXTURES, *LATER_FIXTURES, *PRECISION_FIXTURES, *HELD_OUT_FIXTURES):
        passages = read_fixture(FIXTURES / f"{name}.txt")
        results[name] = score(name, extract_entities(passages), read_gold(FIXTURES / f"{name}.gold.yml"))
    return results


def _table(scores: dict[str, Score]) -> str:
    header = f"{'fixture':<22} {'ext':>4} {'gold':>4} {'P':>6} {'R':>6} {'type':>6}"
    return "\n".join([header, *(s.row() for s in scores.values())])


@pytest.mark.parametrize("fixture", (*DOMAIN_FIXTURES, *SEED_FIXTURES, *PRECISION_FIXTURES, *HELD_OUT_FIXTURES))
def test_fixture_precision_recall_and_type_accuracy(scores, fixture):
    result = scores[fixture]
    assert result.precision >= 0.9 and result.recall >= 0.9 and result.type_accuracy >= 0.8, _table(scores)


@pytest.mark.parametrize("fixture", LATER_FIXTURES)
def test_later_fixtures_stay_above_a_floor(scores, fixture):
    result = scores[fixture]
    assert result.precision >= 0.85 and result.recall >= 0.85 and result.type_accuracy >= 0.7, _table(scores)


def test_fixtures_are_long_enough_and_cover_the_required_shapes():
    for name in (*DOMAIN_FIXTURES, *HELD_OUT_FIXTURES):
        text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
        size = len(re.findall(r"[A-Za-z0-9]+", text)) + len(_CJK.findall(text)) / 1.6  # ~1.6 characters a Chinese word
        assert 400 <= size <= 900, (name, size)
        assert "\n|" in text and "\n- " in text and re.search(r"\([A-Z]{2,}\)|（", text), name


# ---------------------------------------------------------------------------------------------
# Rule by rule


def corpus(*texts: str, kind: str = "paragraph", document: str = "doc") -> list[Passage]:
    return [Passage(document, f"p-{n}", kind, text, "en", n) for n, text in enumerate(texts, 1)]


def by_name(index: EntityIndex) -> dict[str, object]:
    return {entity.name: entity for entity in index.entities}


def relations(index: EntityIndex) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in index.relations}


def test_possessives_straight_and_curly_are_stripped():
    index = extract_entities(corpus("Analysts praised OpenAI's GPT-2 release.", "Critics doubted OpenAI’s GPT-4 plans."))
    surfaces = {m.surface for m in index.mentions if m.entity == "openai"}
    assert surfaces == {"OpenAI"}
    assert by_name(index)["OpenAI"].aliases == ()


def test_longest_alias_wins():
    index = extract_entities(corpus("The team tested Claude and later Claude 3 Opus on the task."))
    assert [m.surface for m in index.mentions] == ["Claude", "Claude 3 Opus"]


def test_latin_names_are_bounded_by_cjk_characters_but_not_inside_words():
    passages = corpus("OpenAI发布了GPT-4o模型。", "The rivals include Meta and OpenAI.", "The Metaverse is a different story.")
    index = extract_entities(passages)
    found = {(m.entity, m.surface, m.anchor) for m in index.mentions}
    assert {("openai", "OpenAI", "p-1"), ("gpt-4o", "GPT-4o", "p-1"), ("openai", "OpenAI", "p-2")} <= found
    assert [(m.anchor, m.start) for m in index.mentions if m.entity == "meta"] == [("p-2", passages[1].text.index("Meta"))]


def test_acronym_and_expansion_merge_and_the_expansion_describes():
    index = extract_entities(corpus("It scored 92 percent on Massive Multitask Language Understanding (MMLU).",
                                    "Later MMLU results were lower.", "Researchers trust MMLU less now."))
    entity = by_name(index)["MMLU"]
    assert entity.aliases == ("Massive Multitask Language Understanding",)
    assert entity.type == "benchmark"
    assert entity.description == "Massive Multitask Language Understanding"
    assert entity.description_source == ("doc", "p-1")


def test_reversed_acronym_definition():
    index = extract_entities(corpus("Scores of 92 percent on MMLU (Massive Multitask Language Understanding) were shown."))
    assert by_name(index)["MMLU"].aliases == ("Massive Multitask Language Understanding",)


def test_distinctive_tail_merges_into_the_longer_name():
    index = extract_entities(corpus("Anthropic unveiled Claude Mythos, an unreleased model.",
                                    "Critics say Mythos is risky.", "Google DeepMind replied; DeepMind is larger."))
    names = by_name(index)
    assert names["Claude Mythos"].aliases == ("Mythos",)
    assert names["Google DeepMind"].aliases == ("DeepMind",)


def test_head_merges_only_before_a_designator():
    index = extract_entities(corpus("Users compared Claude with Claude 3 Opus and asked Google about Google DeepMind.",
                                    "Analysts expect Meta AI to ship, and Meta agrees.",
                                    "Investors like Meta more than Meta AI."))
    names = by_name(index)
    assert {"Claude", "Claude 3 Opus", "Google", "Google DeepMind"} <= set(names)
    meta = [e for e in index.entities if "Meta" in (e.name, *e.aliases)]
    assert len(meta) == 1 and {meta[0].name, *meta[0].aliases} == {"Meta", "Meta AI"}


def test_a_short_form_shared_by_two_names_stays_alone():
    index = extract_entities(corpus("Co-founders Dario Amodei and Daniela Amodei spoke.", "Later, Amodei left."))
    assert "Amodei" not in {a for e in index.entities for a in e.aliases}


def test_sentence_initial_words_are_not_names():
    index = extract_entities(corpus(
        "However, the market grew. Fast forward to 2024. Yet demand fell. Initially, Nvidia led.",
        "Instead, rivals caught up. First, prices fell. Enter Claude Mythos, a new model.",
        "Claude Mythos is large. Researchers at Nvidia agree. Critics disagree. Safety matters.",
    ))
    assert set(by_name(index)) == {"Nvidia", "Claude Mythos"}


def test_everyday_words_that_only_open_sentences_are_not_names_however_often():
    # Many documents, each opening sentences with the same everyday words; some of those
    # sentences follow "ms." or a product's last letter, where the splitter sees no sentence end.
    documents = [corpus(
        f"Regulators at the Federal Maritime Commission opened a review on day {n}. Growers in "
        f"Iowa sold more corn. Shipments of the Vela-{n % 9 + 1} X slipped. Capacity for "
        f"lithium remains tight, Ines Duarte said. Critics note that Tessaro Freight cut costs.",
        f"Median latency was {n + 10} ms. Analysts expect demand to recover. The fleet ran the "
        f"Orion-{n % 9 + 1} X. Clinicians trust the Orion-{n % 9 + 1} X more than older readers.",
        document=f"doc-{n}") for n in range(40)]
    index = extract_entities([p for document in documents for p in document])
    names = set(by_name(index))
    assert not names & {"Regulators", "Growers", "Shipments", "Capacity", "Critics", "Analysts", "Clinicians"}
    assert {"Federal Maritime Commission", "Ines Duarte", "Tessaro Freight"} <= names
    assert not any(name.endswith(("X. Analysts", "X. Clinicians", "X.")) for name in names)


def test_connectors_other_than_of_and_for_after_a_head_do_not_join_names():
    index = extract_entities(corpus(
        "Felix Okafor, who joined Juniper from Halcyon Labs in 2021, now leads research.",
        "Aurora Technologies from Equinox won the contract; critics of Vantor Robotics objected.",
        "Skeptics of Bayside Pharmaceuticals say the trial was small.",
        "Loans from the Bank of America and grants from the University of Tokyo, the Institute for "
        "Advanced Study and the Centers for Disease Control paid for it.",
    ))
    names = set(by_name(index))
    assert not any(" from " in name or name.startswith(("Skeptics", "Critics")) for name in names)
    assert {"Juniper", "Halcyon Labs", "Aurora Technologies", "Equinox", "Vantor Robotics",
            "Bayside Pharmaceuticals", "Bank of America", "University of Tokyo", "Institute for Advanced Study",
            "Centers for Disease Control"} <= names


def test_companies_named_with_everyday_nouns_are_organisations_and_roles_type_people():
    index = extract_entities(corpus(
        "Northstar Photonics said on Monday that it would double output. Brightline Data says margins grew.",
        "Kessa Materials trained a new model, and Northstar Photonics told investors it agreed.",
        "Marta Lindgren, a senior researcher at Orvane Pulse, said the results held. Orvane Pulse declined to comment.",
        "Tobias Fenn, who joined Quellen Grid from Ardra Ventures in 2022, runs sales. Quellen said sales rose.",
        "According to Hana Ilic, chief technology officer at Brightline Data, the chip is late.",
    ))
    types = {e.name: e.type for e in index.entities}
    assert types["Northstar Photonics"] == types["Brightline Data"] == types["Kessa Materials"] == "organization"
    assert types["Orvane Pulse"] == types["Quellen Grid"] == "organization"
    assert types["Marta Lindgren"] == types["Tobias Fenn"] == types["Hana Ilic"] == "person"


def test_products_next_to_programme_or_scored_stay_products():
    index = extract_entities(corpus(
        "The Forge-5 Turbo scored 88 percent on MMLU, and the Echo 2 Pro scored 61 on ARC-AGI.",
        "Lena Park now leads the Echo 2 Pro programme; the Forge-5 Turbo program slipped a year.",
        "Analysts said the Forge-5 Turbo scored well, but the Echo 2 Pro programme needs money.",
        "Its MMLU score and its ARC-AGI scores were published by the lab.",
    ))
    types = {e.name: e.type for e in index.entities}
    assert types["Forge-5 Turbo"] == types["Echo 2 Pro"] == "product"
    assert types["MMLU"] == types["ARC-AGI"] == "benchmark"


def test_list_item_labels_before_a_colon_are_not_names():
    passages = [*corpus("Three risks stand out, and Pfizer, Kelvra and Apple face them:"),
                *corpus("Geopolitics: export controls may tighten.", "Cost: a 2nm fab costs over $20 billion.",
                        "Weather: a dry summer would cut yields.", "Timing: the launch slips to May.",
                        "Regulation: the Environmental Protection Agency (EPA) is reviewing the rules.",
                        "Pfizer: The company dropped the twice-daily pill.",
                        "Kelvra: The Oslo-based operator is raising money.", "Apple: Apple TV+ remains small.",
                        kind="list_item"),
                *corpus("Outlook: the market should recover next year.")]
    surfaces = {s for e in extract_entities(passages).entities for s in (e.name, *e.aliases)}
    assert not surfaces & {"Geopolitics", "Cost", "Weather", "Timing", "Regulation", "Outlook"}
    assert {"Pfizer", "Kelvra", "Apple", "Environmental Protection Agency"} <= surfaces


def test_a_sentence_initial_name_counts_when_the_corpus_attests_it():
    index = extract_entities(corpus("Gnoppix is a Linux distribution.", "Users like Gnoppix."))
    assert "Gnoppix" in by_name(index)


def test_heading_and_label_words_are_not_names():
    passages = [*corpus("Technical Deep Dive", "Key Players", "AINews Verdict & Predictions", kind="heading"),
                *corpus("Data Takeaway: the market is concentrated.", "Open Questions: who wins?",
                        "Verdict: OpenAI leads.")]
    assert set(by_name(extract_entities(passages))) == {"AINews", "OpenAI"}


def test_months_and_numbered_labels_are_not_names():
    index = extract_entities(corpus("In November 2019 the model hit Level 3 in Phase 2 trials during Q4 2024."))
    assert index.entities == ()


def test_repositories_and_quoted_code_names():
    index = extract_entities(corpus("Mamba (`state-spaces/mamba`) inspired OpenAI's rumored 'Strawberry' and "
                                    "“Arrakis” projects, and Anthropic『Mythos』too."))
    names = by_name(index)
    assert names["state-spaces/mamba"].type == "project"
    assert {"Strawberry", "Arrakis", "Mythos"} <= set(names)
    assert names["Strawberry"].type == names["Arrakis"].type == "project"


def test_an_ampersand_joins_a_name_and_and_does_not():
    index = extract_entities(corpus("Orders went to Hollis & Marrow and to Kestrel and Vane last year."))
    assert {"Hollis & Marrow", "Kestrel", "Vane"} <= set(by_name(index))
    assert "Marrow" not in by_name(index)


def test_a_model_number_leads_a_product_name_but_a_quantity_does_not():
    index = extract_entities(corpus(
        "Tavoro Airways flew the 318 STX until Tavoro Airways 318 STX 4 jets arrived.",
        "Later the 318 STX 6 followed, while 500 MW of capacity and 2024 AI budgets grew.",
        "Rival Quenby makes 240 Quenby engines.",
    ))
    names = set(by_name(index))
    assert {"Tavoro Airways", "318 STX", "318 STX 4", "318 STX 6"} <= names
    assert not any(name.startswith(("500", "2024", "240", "Tavoro Airways 318")) or name.startswith("STX")
                   for name in names), names


def test_a_versioned_table_cell_keeps_its_version_when_the_model_occurs_alone():
    header = ("Maker", "Aircraft")
    text = "Tavoro | 318 STX 8"
    passages = [*corpus("Tavoro builds the 318 STX for short routes."),
                Passage("doc", "t-1", "table_row", text, "en", 9, cell_spans=((0, 6), (9, 18)), header=header)]
    names = by_name(extract_entities(passages))
    assert names["318 STX 8"].type == "product" and "318 STX" in names


def test_quoted_titles_hold_their_connectors():
    index = extract_entities(corpus("Dovecote runs a research effort known as 'Bridge of Tomorrow' this year."))
    assert "Bridge of Tomorrow" in by_name(index) and "Bridge" not in by_name(index)


def test_a_bare_repository_before_the_word_repository_but_not_a_slashed_pair():
    index = extract_entities(corpus("Rules live in the QuillHQ/quill repository, in and/or near other files."))
    names = by_name(index)
    assert names["QuillHQ/quill"].type == "project"
    assert "and/or" not in names and "QuillHQ" not in names


def test_a_full_name_opening_a_sentence_is_kept_when_the_surname_also_occurs_alone():
    index = extract_entities(corpus("Halvard Penrick, Tessaly’s founder and chief executive, apologised.",
                                    "\"We will do better,\" said Penrick.",
                                    "Enter Vessa, an unreleased model.", "Critics tested Vessa."))
    names = by_name(index)
    assert names["Halvard Penrick"].aliases == ("Penrick",) and names["Halvard Penrick"].type == "person"
    assert "Vessa" in names and "Enter Vessa" not in names


def test_roles_before_a_name_and_an_apostrophe_inside_a_surname_type_people():
    index = extract_entities(corpus(
        "Oradell hired the lawyer Corin Vasquez, and its security chief Ilse Marten agreed.",
        "The agency's administrator, Teodor Blum, ordered audits.",
        "Quarry’s Niamh O’Dwyer has said she would buy it.",
        "Velstrand acquired Pellworth in 2021.",
    ))
    types = {e.name: e.type for e in index.entities}
    assert types["Corin Vasquez"] == types["Ilse Marten"] == types["Teodor Blum"] == "person"
    assert types["Niamh O’Dwyer"] == "person" and types["Velstrand"] == "organization"


def test_typing_from_cues():
    index = extract_entities(corpus(
        "Startups such as Lumora compete with Vexel Corp, said CEO Mara Lindqvist.",
        "The Qubit-9 chip scored 80 percent on TaskBench, while Orion Institute studies sparse Diffusion Search.",
        "Researchers like Tomas Berg and Ana Ruiz joined the consultancy Halden Brandt.",
    ))
    types = {e.name: e.type for e in index.entities}
    assert types["Lumora"] == types["Vexel Corp"] == types["Halden Brandt"] == "organization"
    assert types["Mara Lindqvist"] == types["Tomas Berg"] == types["Ana Ruiz"] == "person"
    assert types["Qubit-9"] == "product" and types["TaskBench"] == "benchmark"
    assert types["Orion Institute"] == "institution" and types["Diffusion Search"] == "method"


def test_table_columns_type_cells_and_a_bracketed_product():
    header = ("Company / Project", "Model", "Strategy")
    rows = [("Anthropic (Mythos)", "Claude 3 Opus", "Safety"), ("Vexel", "Vex-2", "Scale")]
    passages = []
    for number, cells in enumerate(rows, 1):
        text = " | ".join(cells)
        spans, start = [], 0
        for cell in cells:
            spans.append((start, start + len(cell)))
            start += len(cell) + 3
        passages.append(Passage("doc", f"p-{number}", "table_row", text, "en", number, tuple(spans), header))
    index = extract_entities(passages)
    types = {e.name: e.type for e in index.entities}
    assert types == {"Anthropic": "organization", "Mythos": "product", "Claude 3 Opus": "product",
                     "Vexel": "organization", "Vex-2": "product"}
    assert ("anthropic", "develops", "mythos") in relations(index)
    assert ("vexel", "develops", "vex-2") in relations(index)


def test_relations_develops_founders_former_staff_and_competitors():
    index = extract_entities(corpus(
        "Anthropic, founded by ex-OpenAI researchers, has navigated similar waters with its Claude family.",
        "Anthropic's Leadership & Philosophy: Co-founders Dario Amodei and Daniela Amodei lead it.",
        "Anthropic's reversal mirrors OpenAI's GPT-2 trajectory. First, pressure from competitors like xAI and Meta grew.",
    ))
    found = relations(index)
    assert {("anthropic", "former_staff_of", "openai"), ("anthropic", "develops", "claude"),
            ("openai", "develops", "gpt-2"), ("anthropic", "founded_by", "dario-amodei"),
            ("anthropic", "founded_by", "daniela-amodei"), ("anthropic", "competes_with", "xai"),
            ("anthropic", "competes_with", "meta")} <= found
    assert ("anthropic", "founded_by", "openai") not in found
    sources = {(r.predicate, r.object): (r.document, r.anchor) for r in index.relations}
    assert sources[("former_staff_of", "openai")] == ("doc", "p-1")


def test_relations_from_a_competitor_list_part_of_and_uses():
    passages = [*corpus("Anthropic leads the market, Anthropic says, and Anthropic grows.", "The Direct Competitors:"),
                *corpus("OpenAI: the capability leader.", "Google DeepMind: strong in coding.", kind="list_item"),
                *corpus("The Bureau of Industry and Security (BIS), part of the US Department of Commerce, acted.",
                        "Based on Debian Linux, Gnoppix is free. Vexel Corp uses Kubernetes for scheduling.")]
    found = relations(extract_entities(passages))
    assert {("anthropic", "competes_with", "openai"), ("anthropic", "competes_with", "google-deepmind"),
            ("bis", "part_of", "us-department-of-commerce"), ("gnoppix", "uses", "debian-linux")} <= found


def test_descriptions_come_from_appositives_and_copulas():
    index = extract_entities(corpus("Mamba, an open-source repository (on GitHub), demonstrates linear scaling.",
                                    "Gnoppix is the leading open-source Linux distribution.",
                                    "Users of Gnoppix and Mamba agree."))
    names = by_name(index)
    assert names["Mamba"].description == "an open-source repository (on GitHub)"
    assert names["Gnoppix"].description == "the leading open-source Linux distribution"
    assert names["Gnoppix"].description_source == ("doc", "p-2")


def test_chinese_names_short_names_abbreviations_and_translations():
    passages = [Passage("zh", f"p-{n}", "paragraph", text, "zh-Hans", n) for n, text in enumerate((
        "宁德时代新能源科技股份有限公司（以下简称“宁德时代”）董事长曾毓群表示，公司将扩产。",
        "工业和信息化部（工信部）发布新规，丰田汽车（Toyota）与宝马（BMW）回应。",
        "小米汽车创始人雷军表示，宁德时代和Toyota都是伙伴。",
    ), 1)]
    index = extract_entities(passages)
    names = by_name(index)
    assert "宁德时代新能源科技股份有限公司" in names["宁德时代"].aliases
    assert {"工信部"} <= set(names["工业和信息化部"].aliases) and names["工业和信息化部"].type == "institution"
    assert "丰田汽车" in names["Toyota"].aliases  # the Latin name is used more often
    assert names["雷军"].type == "person"
    assert ("小米汽车", "founded_by", "雷军") in relations(index)


def test_entity_ids_are_unique_slugs_and_everything_is_sorted():
    index = extract_entities(corpus("Lars Fruergaard Jørgensen runs Novo Nordisk.", "宁德时代(CATL) and GPT-4o grew."))
    ids = [e.id for e in index.entities]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9\u3400-\u9fff-]+", i) for i in ids)
    assert "lars-fruergaard-jorgensen" in ids and "gpt-4o" in ids
    keys = [(m.document, int(m.anchor[2:]), m.start) for m in index.mentions]
    assert keys == sorted(keys)
    assert list(index.relations) == sorted(index.relations, key=lambda r: (r.subject, r.predicate, r.object,
                                                                           r.document, r.anchor))


# ---------------------------------------------------------------------------------------------
# Curated knowledge


def test_the_example_knowledge_file_loads_and_merges_names_across_scripts():
    knowledge = load_knowledge(REPOSITORY / "knowledge.example.yml")
    passages = [*corpus("CATL supplies BYD.", "Blade Battery packs from BYD are cheap."),
                Passage("doc", "p-9", "paragraph", "宁德时代与比亚迪竞争。", "zh-Hans", 9)]
    index = extract_entities(passages, knowledge)
    names = by_name(index)
    assert set(names["CATL"].aliases) == {"宁德时代"} and names["CATL"].description_source is None
    assert names["CATL"].description.startswith("Chinese maker")
    assert ("byd", "develops", "blade-battery") in relations(index)
    assert any(r.document == "" and r.predicate == "competes_with" for r in index.relations)
    assert "alphabet" not in {e.id for e in index.entities}


def test_bad_knowledge_reports_the_file_and_every_entry(tmp_path):
    path = tmp_path / "knowledge.yml"
    path.write_text("entities:\n  - {name: Acme, type: company}\n  - {aliases: [x]}\n"
                    "relations:\n  - {subject: Acme, predicate: owns, object: Nobody}\n", encoding="utf-8")
    with pytest.raises(ValueError) as error:
        load_knowledge(path)
    message = str(error.value)
    assert str(path) in message
    assert "entities[1] ('Acme'): unknown type 'company'" in message
    assert "entities[2]: 'name' must be a non-empty string" in message
    assert "relations[1]: unknown predicate 'owns'" in message and "object 'Nobody'" in message


# ---------------------------------------------------------------------------------------------
# Determinism and scale


_DETERMINISM_SCRIPT = """
import json, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from tests.test_entities import read_fixture, FIXTURES
from build_site.analyse.entities import extract_entities
passages = [p for name in ("semiconductors", "seed_004_mythos_leak") for p in read_fixture(FIXTURES / (name + ".txt"))]
print(json.dumps(repr(extract_entities(passages))))
"""


def test_output_does_not_depend_on_hash_seed():
    outputs = set()
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", _DETERMINISM_SCRIPT.format(root=str(REPOSITORY))],
                                capture_output=True, text=True, env=environment, check=True)
        outputs.add(json.loads(result.stdout.strip().splitlines()[-1]))
    assert len(outputs) == 1


def test_output_does_not_depend_on_knowledge_entry_order(tmp_path):
    knowledge = load_knowledge(REPOSITORY / "knowledge.example.yml")
    shuffled = tmp_path / "knowledge.yml"
    data = yaml.safe_load((REPOSITORY / "knowledge.example.yml").read_text(encoding="utf-8"))
    random.Random(7).shuffle(data["entities"])
    shuffled.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    passages = read_fixture(FIXTURES / "solid_state_zh.txt")
    assert extract_entities(passages, knowledge) == extract_entities(passages, load_knowledge(shuffled))


def test_a_thousand_passages_run_in_one_pass():
    names = [f"Vendor{n} Labs" for n in range(200)]
    passages = []
    for n in range(1000):
        vendor, rival = names[n % 200], names[(n * 7 + 3) % 200]
        text = (f"{vendor} released Model-{n % 50} this week. Analysts at {rival} said the Model-{n % 50} chip "
                f"scored {n % 90} percent on Bench{n % 10}. However, {vendor}'s rivals like {rival} disagree.")
        passages.append(Passage(f"doc-{n // 10}", f"p-{n}", "paragraph", text, "en", n))
    index = extract_entities(passages)
    assert len(index.entities) >= 200 and len(index.mentions) >= 5000
    assert {e.type for e in index.entities if e.name.startswith("Vendor")} == {"organization"}


# ---------------------------------------------------------------------------------------------
# Shortcuts taken for speed give exactly what the plain computation gives


def _fixture_lines() -> list[str]:
    return [line for path in sorted(FIXTURES.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]


def test_segmentation_is_jiebas_word_for_word_and_tag_for_tag():
    jieba_posseg = pytest.importorskip("jieba.posseg")
    from build_site.analyse import entity_segment
    from build_site.analyse.entity_cjk import _HAS_CJK, _NON_SPACE_RUN

    texts = [run.group() for line in _fixture_lines() for run in _NON_SPACE_RUN.finditer(line)
             if _HAS_CJK.search(run.group())]
    # Traditional characters are mostly unknown to jieba's HMM: every Viterbi shortcut is taken.
    alphabet = "".join(sorted(set("".join(texts)))) + "根據說法這個模型訓練資料超過萬億個投資約師認為龘靐齉abXY09.+#&_-，。"
    rng = random.Random(5)
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(60)]
    for text in texts:
        assert entity_segment.cut(text) == tuple((pair.word, pair.flag) for pair in jieba_posseg.cut(text)), text


def test_every_viterbi_step_matches_jiebas_decoder():
    jieba_posseg = pytest.importorskip("jieba.posseg")
    from jieba.posseg.viterbi import viterbi
    from build_site.analyse import entity_segment

    header, chars = entity_segment._build()  # the tables as built, without the cache
    tables = entity_segment._Tables(header, chars.get)
    rng = random.Random(11)
    known = sorted(jieba_posseg.char_state_tab_P)[::7]
    unknown = "根據說法這個訓練資料超過萬億總投資約師認為龘靐齉"  # no HMM state list; some not even emitted
    texts = ["".join(rng.choice(known if rng.random() < 0.5 else unknown) for _ in range(rng.randint(1, 10)))
             for _ in range(40)]
    model = (jieba_posseg.char_state_tab_P, jieba_posseg.start_P, jieba_posseg.trans_P, jieba_posseg.emit_P)
    for bounds in (True, False):  # False: every pair scored (_step_pairs), as for a model with positive transitions
        tables.transitions_at_most_zero = bounds
        for text in texts:
            assert [tables.states[s] for s in entity_segment._viterbi(text, tables)] == viterbi(text, *model)[1], text


def test_cue_shortcuts_find_what_the_whole_patterns_find():
    from build_site.analyse.entity_cues import load_cues

    cues = load_cues()
    assert cues.left_scan is not None and cues.right_scan is not None
    pieces = ["percent on", "% on", "led by", "founded by", "the", "a", "an", "its", "companies", "company,", "İn",
              "benchmarks (e.g.,", "models such as", "like", "ex-", "former", "rivals", "in", "ın", "K", "ſ", "said",
              "analysts at", "sold under the brand", "(", "[", "\"", "“", "‘", "'", "’", "\n", "  ", "_", "2", "Model",
              ", founded by", " was founded", "'s shares", "’s stock", " CEO", "'s chief executive", " series", "-based",
              " co-founders", " for coding", " scores", ")", ",", ".", "x", "丁", " ſhares", " Kompany", " companyes"]
    rng = random.Random(3)
    texts = ["".join(rng.choice(pieces) + rng.choice(["", " ", ",", "-"]) for _ in range(rng.randint(1, 8)))
             for _ in range(6000)]
    for line in _fixture_lines()[::4]:
        texts += [line[max(0, end - 60):end] for end in range(0, len(line), 7)]
        texts += [line[start:start + 60] for start in range(0, len(line), 7)]
    for text in texts:
        left, expected = cues.left_match(text), cues.left_cue.search(text)
        assert (left and (left.span(), left.lastgroup)) == (expected and (expected.span(), expected.lastgroup)), text
        right, expected = cues.right_match(text), cues.right_cue.match(text)
        assert (right and (right.span(), right.lastgroup)) == (expected and (expected.span(), expected.lastgroup)), text


def test_corpus_words_give_the_vocabulary_and_the_stems_the_patterns_give():
    from build_site.analyse.entity_candidates import corpus_stems, corpus_vocabulary, corpus_words, vocabulary
    from build_site.analyse.entity_cues import load_cues

    cues = load_cues()
    rng = random.Random(1)
    alphabet = "aBcDeéÉzZ \n-'’ıİſK0_xyz丁semaglutidepembrolizumab"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts += ["semaglutide", "Semaglutide and tirzepatide", "x-semaglutide", "peptide", *_fixture_lines()]
    words = corpus_words(corpus(*texts))
    assert corpus_vocabulary(words) == set().union(*(vocabulary(text) for text in texts))
    found = {m.group() for text in texts for m in cues.lowercase_name.finditer(text)}
    assert all(any(name.endswith(stem) for stem in corpus_stems(words, cues)) for name in found)


def test_cues_are_compiled_once_and_again_when_the_file_changes(tmp_path):
    from build_site.analyse.entity_cues import DEFAULT_CUES, load_cues

    path = tmp_path / "cues.yml"
    path.write_text(DEFAULT_CUES.read_text(encoding="utf-8"), encoding="utf-8")
    first = load_cues(path)
    assert load_cues(path) is first
    path.write_text(path.read_text(encoding="utf-8").replace("stop_words:", "stop_words: [Zyx]\nunused:"),
                    encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert "Zyx" in load_cues(path).stop_words


def test_the_cyclic_collector_is_restored_as_it_was():
    import gc

    passages = corpus("OpenAI released GPT-4 in 2023.", "Anthropic, founded by ex-OpenAI researchers, grew.")
    assert gc.isenabled()
    first = extract_entities(passages)
    assert gc.isenabled()
    gc.disable()
    try:
        assert extract_entities(passages) == first
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_mentions_are_small_immutable_values():
    import pickle

    from build_site.analyse.entities import Mention

    mention = Mention("openai", "doc", "p-1", 0, 6, "OpenAI")
    assert mention == Mention("openai", "doc", "p-1", 0, 6, "OpenAI") and hash(mention) == hash(Mention(*mention))
    assert (mention.entity, mention.start, mention.surface) == ("openai", 0, "OpenAI")
    assert pickle.loads(pickle.dumps(mention)) == mention and not hasattr(mention, "__dict__")
    with pytest.raises(AttributeError):
        mention.start = 1


def test_a_benchmark_named_by_its_record_or_its_skill_is_a_benchmark():
    index = extract_entities(corpus(
        "The model set novel highs in Quorra-Bench-X for abstract reasoning.",
        "Rivals posted records on TallyQA, but Quorra-Bench-X stayed out of reach.",
    ))
    types = {e.name: e.type for e in index.entities}
    assert types["Quorra-Bench-X"] == types["TallyQA"] == "benchmark"
