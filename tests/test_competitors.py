"""The competitive landscape (competitors/) and the list of tables (tables/).

Three layers, as the spec reads:

* rules, from literal text with a hand-made entity index (no entity model involved): header
  normalisation, competitive cues, labelled list items, status cues, figures, footers;
* the real seeds: the landscape the issue asks for, every citation resolving on the built site;
* fixtures of our own in other industries (cloud AI infrastructure; obesity drugs, written
  without looking at the code: other header words, a company column headed "Drugmaker"),
  through the generator.
"""
from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from build_site.analyse.competitors import Landscape, find_landscape, normalise_header
from build_site.analyse.entities import Entity, EntityIndex, Mention, Relation, extract_entities
from build_site.analyse.structure import parse_document
from build_site.model import Document
from build_site.read import read_seeds
from tests.support import REAL_SEEDS, generate, site_markdown, write_seeds

FIXTURES = Path(__file__).parent / "fixtures" / "competitors"
CLOUD = (FIXTURES / "cloud_ai_infrastructure.txt").read_text("utf-8")
PHARMA = (FIXTURES / "obesity_drugs.txt").read_text("utf-8")
S000 = "000-c336413c855311f7"
S004 = "004-d141cb6ebd3933d4"


# ---------------------------------------------------------------------------------------------
# Helpers


def documents_of(folder: Path) -> list[Document]:
    seeds, _ = read_seeds(folder)
    return [parse_document(seed)[0] for seed in seeds]


def index_for(documents: list[Document], names: dict[str, str], relations=()) -> EntityIndex:
    """A literal entity index: every occurrence of each name is a mention (longest names first);
    each relation (subject, predicate, object) is stated in the first passage naming both."""
    ids = {name: re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") for name in names}
    mentions = []
    for doc in documents:
        for passage in doc.passages:
            taken: list[tuple[int, int]] = []
            for name in sorted(names, key=len, reverse=True):
                for match in re.finditer(re.escape(name), passage.text):
                    if all(match.end() <= a or match.start() >= b for a, b in taken):
                        taken.append(match.span())
                        mentions.append(Mention(ids[name], doc.id, passage.anchor, match.start(), match.end(), name))
    entities = tuple(sorted((Entity(ids[n], n, t, (), None, None) for n, t in names.items()), key=lambda e: e.id))
    rels = []
    for subject, predicate, obj in relations:
        where = next(p for d in documents for p in d.passages if subject in p.text and obj in p.text)
        rels.append(Relation(ids[subject], predicate, ids[obj], where.document, where.anchor))
    return EntityIndex(entities, tuple(mentions), tuple(rels))


def landscape_of(tmp_path: Path, text: str, names: dict[str, str], relations=()) -> tuple[Landscape, Document]:
    documents = documents_of(write_seeds(tmp_path / "seeds", {"doc.txt": text}))
    return find_landscape(documents, index_for(documents, names, relations)), documents[0]


def by_org(landscape: Landscape) -> dict:
    return {c.organization: c for c in landscape.competitors}


def values(competitor, key: str) -> list[str]:
    return [v.value for a in competitor.attributes if a.key == key for v in a.values]


def anchors_in_markdown(markdown: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', markdown)) | set(re.findall(r"\{ #([^\s}]+)", markdown))


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def parse_html(path: Path) -> _Ids:
    parser = _Ids()
    parser.feed(path.read_text("utf-8"))
    return parser


# ---------------------------------------------------------------------------------------------
# Rules, from literal text


@pytest.mark.parametrize("header, meaning", [
    ("Company / Project", "organization"),
    ("Company", "organization"),
    ("Manufacturer", "organization"),
    ("Vendors", "organization"),
    ("Perceived Strength", "strength"),
    ("Strengths", "strength"),
    ("Key Strengths", "strength"),
    ("Core Strategy", "strategy"),
    ("Strategy", "strategy"),
    ("Vulnerability to Mythos", "vulnerability"),
    ("Weakness vs AWS", "vulnerability"),
    ("Vulnerabilities", "vulnerability"),
    ("Main Risks", "vulnerability"),
    ("Price (USD)", "price"),
    ("Market Share", "market share"),
    ("Strengths & Weaknesses", "strength / vulnerability"),
    ("Flagship Model", "product"),
    ("Node", "product"),
    ("Market Approach", "strategy"),          # the head word decides when the whole header is unknown
    ("Business Model", "strategy"),           # ... unless the whole header is known
    ("Key Risk to Leaders", "vulnerability"),
    ("Perceived Advantage", "strength"),
    ("Lead Product", "product"),
    ("Drugmaker", "drugmaker"),
])
def test_headers_that_mean_the_same_thing_normalise_alike(header, meaning):
    assert normalise_header(header) == meaning


TABLE_AND_PROSE = """Widget makers square off
Acme Corp faces pressure from Globex and Initech in every market.

| Manufacturer | Core Strategy | Perceived Strengths | Weakness vs Acme |
|---|---|---|---|
| Globex (Hydra 2) | Scale | Cheap factories | Slow design |
| Initech | Niche | Service | — |

| Company | Strategy | Price (USD) |
|---|---|---|
| Globex | Vertical integration | 12 |

Hooli builds widgets too, and Umbrella audits them.
"""
NAMES = {"Acme Corp": "organization", "Globex": "organization", "Initech": "organization",
         "Hooli": "organization", "Umbrella": "organization", "Hydra 2": "product"}


def test_table_rows_keyed_by_company_merge_across_tables_by_header_meaning(tmp_path):
    landscape, doc = landscape_of(tmp_path, TABLE_AND_PROSE, NAMES)
    globex = by_org(landscape)["globex"]
    assert values(globex, "strategy") == ["Scale", "Vertical integration"]
    assert values(globex, "strength") == ["Cheap factories"]
    assert values(globex, "vulnerability") == ["Slow design"]
    assert values(globex, "price") == ["12"]
    assert [p.entity for p in globex.products] == ["hydra-2"]          # "Globex (Hydra 2)"
    assert values(by_org(landscape)["initech"], "vulnerability") == []  # "—" is no value
    rows = [p.anchor for b in doc.blocks if b.kind == "table" for p in b.passages]
    assert {v.anchor for a in globex.attributes if a.key != "statement" for v in a.values} == {rows[0], rows[2]}
    assert [label for _, label in landscape.columns] == ["Strategy", "Strength", "Vulnerability", "Price (USD)",
                                                         "What the sources say"]


def test_a_product_column_adds_to_the_products_and_plain_text_stays_an_attribute(tmp_path):
    text = ("Foundries\n| Company | Flagship Model | Strength |\n|---|---|---|\n"
            "| Nimbus | Falcon X1 | Yield |\n| Corvid | to be announced | Price |\n")
    landscape, _ = landscape_of(tmp_path, text, {"Nimbus": "organization", "Corvid": "organization",
                                                 "Falcon X1": "product"})
    found = by_org(landscape)
    assert [(p.entity, p.citations[0].value) for p in found["nimbus"].products] == [("falcon-x1", "Falcon X1")]
    assert values(found["nimbus"], "product") == []
    assert values(found["corvid"], "product") == ["to be announced"]


def test_a_table_keyed_by_organisations_is_a_comparison_whatever_its_first_header(tmp_path):
    text = ("Airlines\n| Airline | Network Strategy | Weaknesses |\n|---|---|---|\n"
            "| Skyward Air | Hub and spoke | Old fleet |\n| Blue Kite | Point to point | Thin margins |\n\n"
            "| Investor | Amount |\n|---|---|\n| Harbor Capital | 12 |\n| Pine Fund | 4 |\n")
    names = {n: "organization" for n in ("Skyward Air", "Blue Kite", "Harbor Capital", "Pine Fund")}
    landscape, doc = landscape_of(tmp_path, text, names)
    found = by_org(landscape)
    assert sorted(found) == ["blue-kite", "skyward-air"]     # the investors' table compares nothing
    assert values(found["skyward-air"], "strategy") == ["Hub and spoke"]
    assert values(found["blue-kite"], "vulnerability") == ["Thin margins"]
    assert landscape.tables == {("doc", doc.blocks[1].anchor)}


def test_a_bracketed_name_after_the_organisation_is_its_product_whatever_its_type(tmp_path):
    text = ("Drugs\nNimbus faces pressure from Corvid, whose Slimra outsells Vexa.\n\n"
            "| Company | Strength |\n|---|---|\n| Nimbus (Vexa) | Scale |\n| Corvid (Slimra) | Efficacy |\n\n"
            "Vexa is priced at $900 per month, and Slimra, launched in March, costs $800 per month.\n")
    names = {n: "organization" for n in ("Nimbus", "Corvid", "Vexa", "Slimra")}   # mistyped brands
    landscape, _ = landscape_of(tmp_path, text, names)
    found = by_org(landscape)
    assert sorted(found) == ["corvid", "nimbus"]             # a product is no competitor of its own
    assert [p.entity for p in found["nimbus"].products] == ["vexa"]
    facts = {p.product: p for p in landscape.products}
    assert [(f.attribute, f.text) for f in facts["vexa"].figures] == [("price", "$900 per month")]
    assert [s for s, _ in facts["slimra"].statuses] == ["released"]


def test_an_organisation_named_only_as_the_source_is_no_competitor(tmp_path):
    text = ("Drugs\nNimbus and Corvid are rivals. According to Datalytics, sales doubled. "
            "Corvid grew fastest, Pollster said.\n")
    names = {n: "organization" for n in ("Nimbus", "Corvid", "Datalytics", "Pollster")}
    landscape, _ = landscape_of(tmp_path, text, names)
    assert sorted(by_org(landscape)) == ["corvid", "nimbus"]
    assert values(by_org(landscape)["corvid"], "statement") == ["Nimbus and Corvid are rivals.",
                                                               "Corvid grew fastest, Pollster said."]


def test_a_company_cell_naming_a_product_first_still_keys_its_company(tmp_path):
    text = "Clouds\n| Vendor | Strength |\n|---|---|\n| Hydra Cloud (Globex) | Reach |\n| Kite | Price |\n"
    names = {"Globex": "organization", "Hydra Cloud": "product", "Kite": "product"}
    landscape, _ = landscape_of(tmp_path, text, names)
    found = by_org(landscape)
    assert [p.entity for p in found["globex"].products] == ["hydra-cloud"]
    assert values(found["globex"], "strength") == ["Reach"]
    assert values(found["kite"], "strength") == ["Price"]       # the table says it is a company: trusted


def test_only_organisations_in_competitive_context_are_competitors(tmp_path):
    landscape, _ = landscape_of(tmp_path, TABLE_AND_PROSE, NAMES)
    assert list(by_org(landscape)) == ["globex", "initech", "acme-corp"]   # most mentions first
    assert values(by_org(landscape)["acme-corp"], "statement") == [
        "Acme Corp faces pressure from Globex and Initech in every market."]
    assert "hooli" not in by_org(landscape)      # named, but in no competitive context


def test_a_list_introduced_as_competitors_quotes_each_item_for_its_subject(tmp_path):
    text = ("Chip race\nThe main rivals:\n\n- Nimbus (Falcon X1): The leader in data centres, ahead of Corvid.\n"
            "- Corvid: The low-cost challenger.\n\nAcme reviews chips.\n")
    names = {"Nimbus": "organization", "Corvid": "organization", "Acme": "organization", "Falcon X1": "product"}
    landscape, _ = landscape_of(tmp_path, text, names)
    found = by_org(landscape)
    assert values(found["nimbus"], "statement") == ["The leader in data centres, ahead of Corvid."]
    assert values(found["corvid"], "statement") == ["The low-cost challenger."]
    assert [p.entity for p in found["nimbus"].products] == ["falcon-x1"]
    assert "acme" not in found


def test_a_section_whose_heading_is_competitive_is_competitive_context(tmp_path):
    text = "Market\nIntro text here.\n\nThe Challengers\n\nCorvid rents chips.\n\nOutlook\n\nNimbus grows.\n"
    landscape, _ = landscape_of(tmp_path, text, {"Corvid": "organization", "Nimbus": "organization"})
    assert list(by_org(landscape)) == ["corvid"]


def test_a_publishers_footer_names_no_competitor(tmp_path):
    text = ("Chip race\nNimbus competes with Corvid on price.\n\n"
            "Gadget Weekly is the leading newsletter for chip buyers and every rival. Subscribe to our newsletter.\n")
    names = {"Nimbus": "organization", "Corvid": "organization", "Gadget Weekly": "organization"}
    landscape, doc = landscape_of(tmp_path, text, names)
    assert doc.blocks[-1].boilerplate
    assert sorted(by_org(landscape)) == ["corvid", "nimbus"]


def test_competes_with_relations_make_competitors(tmp_path):
    text = "Chip race\nNimbus and Corvid sell chips to the same buyers.\n"
    landscape, _ = landscape_of(tmp_path, text, {"Nimbus": "organization", "Corvid": "organization"},
                                [("Corvid", "competes_with", "Nimbus")])
    assert sorted(by_org(landscape)) == ["corvid", "nimbus"]


STATUS_TEXT = """Chip race
Corvid and Nimbus compete for every buyer. Nimbus's Falcon X1, released in March, leads.
Nimbus has not released Falcon X2, and Corvid's rumored 'Heron' and 'Kite' chips wait. The Heron leak worried buyers.
Nimbus still sells Falcon X1 and rumored successors. The upcoming Kite is due in May.
Falcon X1 scores 91 percent on MMLU. Trained on 2 trillion tokens, it handles contexts up to 128,000 tokens, twice Heron's limit.
"""
STATUS_NAMES = {"Corvid": "organization", "Nimbus": "organization", "Falcon X1": "product",
                "Falcon X2": "product", "Heron": "product", "Kite": "product", "MMLU": "benchmark"}


def test_status_is_read_from_the_words_next_to_the_name(tmp_path):
    rels = [("Nimbus", "develops", "Falcon X1"), ("Nimbus", "develops", "Falcon X2"),
            ("Corvid", "develops", "Heron"), ("Corvid", "develops", "Kite")]
    landscape, _ = landscape_of(tmp_path, STATUS_TEXT, STATUS_NAMES, rels)
    statuses = {p.product: sorted({s for s, _ in p.statuses}) for p in landscape.products}
    assert statuses == {
        "falcon-x1": ["released"],           # "Falcon X1, released in March"; not "rumored successors"
        "falcon-x2": [],                     # "has not released Falcon X2"
        "heron": ["leaked", "rumoured"],     # "rumored 'Heron' and 'Kite'", "The Heron leak"
        "kite": ["predicted", "rumoured"],   # "upcoming Kite"
    }
    cue = next(c for p in landscape.products if p.product == "heron" for s, c in p.statuses if s == "leaked")
    assert (cue.value, cue.document) == ("leak", "doc")


def test_figures_belong_to_the_product_the_sentence_is_about(tmp_path):
    rels = [("Nimbus", "develops", "Falcon X1"), ("Corvid", "develops", "Heron")]
    landscape, _ = landscape_of(tmp_path, STATUS_TEXT, STATUS_NAMES, rels)
    figures = {p.product: [(f.attribute, f.text) for f in p.figures] for p in landscape.products}
    assert figures["falcon-x1"] == [("MMLU", "91 percent"), ("training data", "2 trillion tokens"),
                                    ("context length", "128,000 tokens")]
    assert figures["heron"] == []            # named after the figure: "twice Heron's limit"


# ---------------------------------------------------------------------------------------------
# The real seeds


@pytest.fixture(scope="module")
def real() -> tuple[list[Document], Landscape]:
    documents = documents_of(REAL_SEEDS)
    index = extract_entities([p for d in documents for p in d.passages])
    return documents, find_landscape(documents, index)


TABLE_CELLS = {   # the comparison table of the leak article, row by row: (row, strategy, strength, vulnerability)
    "anthropic": ("r-fca83ad8", "Step-change via hybrid architecture & CAI",
                  "Safety-integrated capability leap, principled development",
                  "Unproven at this scale, potential speed-to-market lag"),
    "openai": ("r-c96fffec", "Scaling & ecosystem integration", "Massive distribution, first-mover advantage, tooling",
               "Potential safety scrutiny, incrementalism vs. step-change"),
    "google-deepmind": ("r-13b66185", "Massive scale & vertical integration", "Unmatched data/compute, multimodal fusion",
                        "Bureaucratic inertia, less clear safety differentiation"),
    "meta": ("r-9349a746", "Open-source proliferation", "Defining the accessible frontier, community leverage",
             "Trailing in absolute SOTA capability, monetization challenge"),
}


@pytest.mark.parametrize("org", sorted(TABLE_CELLS))
def test_real_seeds_table_cells_reach_their_organisation(real, org):
    _, landscape = real
    row, strategy, strength, vulnerability = TABLE_CELLS[org]
    competitor = by_org(landscape)[org]
    for key, expected in (("strategy", strategy), ("strength", strength), ("vulnerability", vulnerability)):
        attribute = next(a for a in competitor.attributes if a.key == key)
        assert [(v.value, v.document, v.anchor) for v in attribute.values] == [(expected, S004, row)]


@pytest.mark.parametrize("org, document, anchor, opening", [
    ("anthropic", S004, "p-fff5cb6b", "Anthropic is no longer just the 'safe, thoughtful alternative'"),
    ("anthropic", S000, "p-a135d615", "Anthropic’s reversal mirrors OpenAI’s GPT-2 trajectory"),
    ("openai", S004, "li-7b77a1ce", "The undisputed capability leader with GPT-4"),
    ("google-deepmind", S004, "li-99cfa063", "With the Gemini family, DeepMind leverages"),
    ("meta", S004, "li-cde498ea", "The open-source champion."),
    ("meta", S000, "p-a135d615", "First, external pressures from competitors like xAI and Meta"),
    ("xai", S000, "p-a135d615", "First, external pressures from competitors like xAI and Meta"),
    ("mistral-ai", S000, "p-1e3498f9", "Mistral AI’s models, released rapidly"),
    ("google", S000, "p-1e3498f9", "Google’s PaLM-2 variants faced delays"),
    ("eleutherai", S000, "p-1e3498f9", "Data from EleutherAI’s evaluations"),
])
def test_real_seeds_prose_is_merged_in_what_the_sources_say(real, org, document, anchor, opening):
    _, landscape = real
    statements = [(v.document, v.anchor, v.value) for v in by_org(landscape)[org].attributes[-1].values]
    assert by_org(landscape)[org].attributes[-1].key == "statement"
    assert any(d == document and a == anchor and text.startswith(opening) for d, a, text in statements), statements


def test_real_seeds_competitors_in_order_and_without_the_publisher(real):
    documents, landscape = real
    ids = [c.organization for c in landscape.competitors]
    assert ids[:4] == ["anthropic", "openai", "meta", "google-deepmind"]
    assert set(ids) == {"anthropic", "openai", "meta", "google-deepmind", "xai", "mistral-ai", "google", "eleutherai"}
    assert "gnoppix" not in ids
    ranks = [(-len(c.mentions), -c.total_mentions) for c in landscape.competitors]
    assert ranks == sorted(ranks)
    boilerplate = {(p.document, p.anchor) for d in documents for p in d.passages if p.boilerplate}
    for competitor in landscape.competitors:
        assert not {(e.document, e.anchor) for e in competitor.evidence} & boilerplate


def test_real_seeds_products_status_and_figures(real):
    _, landscape = real
    products = {p.product: p for p in landscape.products}
    assert {r.entity for r in by_org(landscape)["openai"].products} >= {"gpt-5", "strawberry", "gpt-2"}
    mythos = products["claude-mythos"]
    assert mythos.organization == "anthropic"
    assert ("unreleased", S000) in {(s, c.document) for s, c in mythos.statuses}
    assert ("leaked", S004) in {(s, c.document) for s, c in mythos.statuses}
    assert {(f.attribute, f.text, f.anchor) for f in mythos.figures} >= {
        ("MMLU", "92 percent", "p-1ae07a15"), ("HumanEval", "89 percent", "p-1ae07a15"),
        ("context length", "2 million tokens", "p-1ae07a15"), ("training data", "15 trillion tokens", "p-1ae07a15")}
    assert [(f.attribute, f.text) for f in products["gpt-2"].figures] == [("parameters", "1.5 billion parameter")]
    assert {s for s, _ in products["strawberry"].statuses} == {"rumoured"}
    assert not products["gpt-4"].statuses          # "GPT-4 and rumored successors": the successors are rumoured


def test_every_citation_on_the_built_pages_lands_on_an_anchor(built_site: Path):
    site = built_site / "site"
    checked = 0
    for page in ("competitors", "tables"):
        for href in parse_html(site / page / "index.html").links:
            match = re.match(r"\.\./sources/([^/#]+)/#(.+)$", href)
            if match:
                assert match.group(2) in parse_html(site / "sources" / match.group(1) / "index.html").ids, href
                checked += 1
    assert checked > 60


def test_real_open_data_is_valid_and_cites_existing_passages(built_site: Path):
    docs = built_site / "docs"
    data = json.loads((docs / "data" / "competitors.json").read_text("utf-8"))
    jsonschema.validate(data, json.loads((docs / "data" / "competitors.schema.json").read_text("utf-8")))
    entity_ids = {e["id"] for e in json.loads((docs / "data" / "entities.json").read_text("utf-8"))}
    anchors = {d: anchors_in_markdown((docs / "sources" / f"{d}.md").read_text("utf-8")) for d in (S000, S004)}
    for record in data:
        assert record["organization"] in entity_ids and set(record["products"]) <= entity_ids
        for cited in (v for vs in record["attributes"].values() for v in vs):
            assert cited["paragraph"] in anchors[cited["document"]], cited
    meta = next(r for r in data if r["organization"] == "meta")
    assert meta["mentions"] == {S000: 1, S004: 3}
    assert meta["attributes"]["vulnerability"] == [{"value": TABLE_CELLS["meta"][3], "document": S004,
                                                    "paragraph": "r-9349a746"}]


def test_real_tables_page_lists_every_table_with_a_csv(built_site: Path):
    docs = built_site / "docs"
    page = (docs / "tables" / "index.md").read_text("utf-8")
    csv_links = re.findall(r"\[CSV\]\(<\.\./(data/tables/[^>]+\.csv)>\)", page)
    assert csv_links == [f"data/tables/{S004}-t-fdcdb361.csv", f"data/tables/{S004}-t-7217fe9c.csv",
                         f"data/tables/{S004}-t-08d9377d.csv"]
    assert page.count("4 × 4") == 2 and page.count("4 × 3") == 1
    assert "Key Players \\& Case Studies" in page
    rows = list(csv.reader(io.StringIO((docs / csv_links[1]).read_text("utf-8"))))
    assert rows[0] == ["Company / Project", "Core Strategy", "Perceived Strength", "Vulnerability to Mythos"]
    assert rows[4][0] == "Meta AI (Llama 3+)"
    landscape_page = (docs / "competitors" / "index.md").read_text("utf-8")
    for target in re.findall(r"\(<\.\./(data/[^>]+\.csv)>\)", landscape_page):
        assert (docs / target).is_file()
    assert (built_site / "site" / "assets" / "javascripts" / "tablesort.js").is_file()


# ---------------------------------------------------------------------------------------------
# A fixture of our own: cloud AI infrastructure, through the whole generator


def _generated(tmp_path_factory, name: str, text: str) -> Path:
    """The docs/ folder generated from one fixture seed, which must build without a warning."""
    docs, report = generate(tmp_path_factory.mktemp(name.split(".")[0]), {name: text})
    assert not report.problems
    return docs


@pytest.fixture(scope="module")
def cloud(tmp_path_factory) -> Path:
    return _generated(tmp_path_factory, "cloud_ai_infrastructure.txt", CLOUD)


def test_cloud_landscape_organisations_attributes_and_citations(cloud: Path):
    data = json.loads((cloud / "data" / "competitors.json").read_text("utf-8"))
    found = {r["organization"]: r for r in data}
    assert [r["organization"] for r in data] == ["amazon-web-services", "microsoft", "google-cloud", "coreweave", "oracle"]
    for absent in ("gartner", "cloudbeat-media", "openai"):     # a source quoted, a footer, a partner
        assert absent not in found

    def said(org, key):
        return [v["value"] for v in found[org]["attributes"].get(key, [])]

    # "Core Strategy" (table 1) and "Strategy" (table 2) merge; so do "Weakness vs AWS" and "Vulnerabilities"
    assert said("microsoft", "strategy") == ["Bundling AI into enterprise agreements",
                                            "Exclusive capacity deals with model labs"]
    assert said("microsoft", "vulnerability") == ["Capacity shortages", "Dependence on a single model partner"]
    assert said("microsoft", "strength") == ["Distribution through Office and Windows"]
    assert said("microsoft", "market share") == ["24 percent"]
    assert said("amazon-web-services", "vulnerability") == ["Slower to ship frontier GPUs"]
    assert said("coreweave", "vulnerability") == ["Customer concentration"]
    assert said("coreweave", "strength") == []
    assert said("oracle", "statement") == ["The late entrant that wins on bare-metal price for large training runs."]
    assert said("coreweave", "statement") == ["CoreWeave rents Nvidia GPUs to model labs and has become the best-known specialist."]
    assert any(s.startswith("Amazon Web Services faces mounting pressure from Microsoft and Google Cloud")
               for s in said("google-cloud", "statement"))
    assert found["microsoft"]["products"] == ["maia-200", "azure"]
    assert found["amazon-web-services"]["products"] == ["trainium2"]
    anchors = anchors_in_markdown((cloud / "sources" / "cloud-ai-infrastructure.md").read_text("utf-8"))
    for record in data:
        for cited in (v for vs in record["attributes"].values() for v in vs):
            assert cited["document"] == "cloud-ai-infrastructure" and cited["paragraph"] in anchors, cited


def test_cloud_landscape_page(cloud: Path):
    page = (cloud / "competitors" / "index.md").read_text("utf-8")
    assert page.index("[Amazon Web Services]") < page.index("[Microsoft]") < page.index("[Oracle]")
    assert '<th scope="col" markdown="span">Market Share</th>' in page
    assert "single source" in page
    products = list(csv.DictReader(io.StringIO((cloud / "data" / "competitors" / "products.csv").read_text("utf-8"))))
    tpu = next(p for p in products if p["product"] == "tpu-v5p")
    assert tpu["figures"].startswith("price: $4.20 (cloud-ai-infrastructure#")
    maia = next(p for p in products if p["product"] == "maia-200")
    assert maia["status"].startswith("rumoured (cloud-ai-infrastructure#li-")
    html = site_markdown().convert(page)
    assert '<svg viewBox="0 0 560' in html and 'role="img"' in html and "<desc id=" in html


def test_cloud_tables_page_and_csv(cloud: Path):
    page = (cloud / "tables" / "index.md").read_text("utf-8")
    assert page.count("[CSV](<../data/tables/cloud-ai-infrastructure-t-") == 3
    assert "4 × 4" in page and "2 × 4" in page and "2 × 2" in page
    assert page.count('<span class="bs-badge">competitors</span>') == 2      # the region table lists none
    assert "The Challengers" in page
    files = sorted((cloud / "data" / "tables").glob("*.csv"))
    regions = [f for f in files if "Frankfurt" in f.read_text("utf-8")]
    assert [list(csv.reader(io.StringIO(f.read_text("utf-8")))) for f in regions] == [
        [["Region", "Launch year"], ["Frankfurt", "2019"], ["Mumbai", "2021"]]]


# ---------------------------------------------------------------------------------------------
# A held-out fixture: obesity drugs, headers worded unlike any other fixture


@pytest.fixture(scope="module")
def pharma(tmp_path_factory) -> Path:
    return _generated(tmp_path_factory, "obesity_drugs.txt", PHARMA)


def test_pharma_landscape_merges_differently_worded_tables(pharma: Path):
    data = json.loads((pharma / "data" / "competitors.json").read_text("utf-8"))
    jsonschema.validate(data, json.loads((pharma / "data" / "competitors.schema.json").read_text("utf-8")))
    found = {r["organization"]: r for r in data}
    assert sorted(found) == ["amgen", "eli-lilly", "novo-nordisk", "pfizer", "roche", "viking-therapeutics",
                             "zealand-pharma"]   # not IQVIA (a source), the footer's publisher, nor the brands

    def said(org, key):
        return [v["value"] for v in found[org]["attributes"].get(key, [])]

    # "Drugmaker" table: "Market Approach", "Perceived Advantage", "Key Risk to Leaders";
    # "Company" table: "Positioning", "Advantages", "Weaknesses"
    assert said("novo-nordisk", "strategy") == ["First-mover scale and supply deals", "Incumbent defending share"]
    assert said("eli-lilly", "strength") == ["Highest weight loss in trials", "Broad pipeline"]
    assert said("eli-lilly", "vulnerability") == ["Manufacturing capacity", "Pricing scrutiny"]
    assert said("roche", "vulnerability") == ["Late entry"]
    assert said("pfizer", "vulnerability") == ["Discontinued danuglipron"]
    assert said("eli-lilly", "monthly list price") == ["$1,059"]
    assert said("zealand-pharma", "statement") == ["Zealand Pharma is another challenger, partnering with Roche on petrelintide."]
    assert {org: found[org]["products"] for org in ("eli-lilly", "amgen", "roche")} == {
        "eli-lilly": ["zepbound"], "amgen": ["maritide"], "roche": ["ct-388"]}
    assert sorted(found["novo-nordisk"]["products"]) == ["amycretin", "wegovy"]
    anchors = anchors_in_markdown((pharma / "sources" / "obesity-drugs.md").read_text("utf-8"))
    cited = [v for r in data for vs in r["attributes"].values() for v in vs]
    assert cited and all(v["document"] == "obesity-drugs" and v["paragraph"] in anchors for v in cited)


def test_pharma_products_status_figures_and_tables(pharma: Path):
    products = {p["product"]: p for p in csv.DictReader(io.StringIO(
        (pharma / "data" / "competitors" / "products.csv").read_text("utf-8")))}
    assert products["zepbound"]["status"].startswith("released (obesity-drugs#p-")
    assert products["ct-388"]["status"].startswith("unreleased (obesity-drugs#li-")
    assert products["amycretin"]["status"].startswith("leaked (obesity-drugs#p-")
    assert products["wegovy"]["figures"].startswith("price: $1,349 per month (obesity-drugs#p-")
    page = (pharma / "competitors" / "index.md").read_text("utf-8")
    assert "single source" in page and page.count('<table class="bs-sortable"') >= 3
    assert page.index("[Novo Nordisk]") < page.index("[Eli Lilly]") < page.index("[Pfizer]")
    tables = (pharma / "tables" / "index.md").read_text("utf-8")
    assert tables.count('<span class="bs-badge">competitors</span>') == 2   # "Drugmaker" and "Company"


def test_pharma_dating_line_is_neither_a_caption_nor_the_description(pharma: Path):
    tables = (pharma / "tables" / "index.md").read_text("utf-8")
    assert "Published: 12 May 2025" not in tables          # a "Published:" line is no section heading
    assert "The Obesity Drug Race Widens Beyond Two Giants <span" in tables
    source = (pharma / "sources" / "obesity-drugs.md").read_text("utf-8")
    assert source.splitlines()[1].startswith("description: Novo Nordisk and Eli Lilly dominate")


# ---------------------------------------------------------------------------------------------
# Hostile text stays text


HOSTILE = """Hostile comparison
Rivals such as Procter & Gamble and Unilever keep cutting prices.

| Company | Strategy |
|---|---|
| Procter & Gamble | <img src=x onerror=alert(1)> [click](http://evil.example) |
| Unilever | =HYPERLINK("http://evil.example") {{ page }} |
"""


def test_hostile_cells_are_escaped_on_the_page_in_the_chart_and_in_csv(tmp_path):
    docs, _ = generate(tmp_path, {"hostile.txt": HOSTILE})
    html = site_markdown().convert((docs / "competitors" / "index.md").read_text("utf-8"))
    assert "<img" not in html and 'href="http://evil' not in html
    assert "{{ page }}" in html
    assert ">Procter &amp; Gamble</text>" in html                  # the SVG label, HTML-escaped once
    table_csv = next((docs / "data" / "tables").glob("hostile-t-*.csv"))
    rows = list(csv.reader(io.StringIO(table_csv.read_text("utf-8"))))
    assert rows[2][1].startswith("'=HYPERLINK")                      # a spreadsheet will not run it
    assert rows[1][1] == "<img src=x onerror=alert(1)> [click](http://evil.example)"


# ---------------------------------------------------------------------------------------------
# In a browser: sorting with the keyboard, and after instant navigation


@pytest.mark.browser
def test_tables_sort_by_keyboard_and_after_instant_navigation(browser, base_url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(base_url)                                         # start elsewhere, then navigate
        page.locator("a.md-tabs__link", has_text="Competitors").click()
        page.wait_for_url("**/competitors/")
        table = page.locator("#mentions ~ .bs-table table.bs-sortable").first
        header = table.locator("thead th").last                     # "Total"
        button = header.locator("button.bs-sort")
        button.focus()
        page.keyboard.press("Enter")
        assert header.get_attribute("aria-sort") == "ascending"
        first = table.locator("tbody tr").first.locator("td").last.inner_text()
        page.keyboard.press("Enter")
        assert header.get_attribute("aria-sort") == "descending"
        assert table.locator("tbody tr").first.locator("th").inner_text() == "Anthropic"
        assert first == "1"
    finally:
        page.close()
