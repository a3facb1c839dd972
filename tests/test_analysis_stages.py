"""Per-document analysis stages: events, claims (sentences + figures), glossary, release status."""
from __future__ import annotations


import pytest

from build_site.analyse.events import extract_events
from build_site.analyse.glossary import find_terms, merge_terms
from build_site.analyse.statements import extract_claims
from build_site.analyse.status import statuses_in
from build_site.analyse.structure import parse_document
from build_site.model import Seed
from build_site.read import read_seeds
from tests.support import REAL_SEEDS


def doc(text: str):
    return parse_document(Seed("x.txt", "seeds/x.txt", "x", text, "0", "utf-8"))[0]


@pytest.fixture(scope="module")
def real_documents():
    seeds, _ = read_seeds(REAL_SEEDS)
    return [parse_document(s)[0] for s in seeds]


def test_the_real_seeds_give_every_dated_statement_with_precision_and_kind(real_documents):
    events = {(e.date_text, e.precision, e.start, e.end, e.kind) for d in real_documents for e in extract_events(d)}
    expected = {
        ("February 2019", "month", "2019-02", "2019-02", "reported"),
        ("By November 2019", "month", "2019-11", "2019-11", "reported"),
        ("2024", "year", "2024", "2024", "reported"),
        ("2022", "year", "2022", "2022", "reported"),
        ("Q4 2024 - Q2 2025", "range", "2024-10", "2025-06", "prediction"),
        ("Within 6 months", "relative", None, None, "prediction"),
        ("Within 9 months", "relative", None, None, "prediction"),
        ("0-12 months", "relative", None, None, "prediction"),
        ("12-36 months", "relative", None, None, "prediction"),
    }
    assert expected <= events, expected - events


def test_numbers_that_are_not_dates_are_not_events(real_documents):
    texts = {e.date_text for d in real_documents for e in extract_events(d)}
    for not_a_date in ("15 trillion", "1.5 billion", "92 percent", "$50+", "15k", "Level 3", "3 Opus"):
        assert not any(not_a_date in t for t in texts), texts


def test_relative_dates_are_anchored_only_to_a_stated_publication_date():
    dated = extract_events(doc("Title\n\nPublished: May 1, 2024\n\nThe chip will ship within 6 months."))
    undated = extract_events(doc("Title\n\nThe chip will ship within 6 months."))
    assert (dated[0].start, dated[0].end, dated[0].kind) == ("2024-05", "2024-11", "prediction")
    assert (undated[0].start, undated[0].end, undated[0].relative) == (None, None, "within 6 months")


def test_a_dateline_is_not_an_event_but_the_rest_of_its_paragraph_is():
    events = extract_events(doc("Title\n\nFRANKFURT, 4 April 2024 (dpa) - The carrier will add routes within 6 months."))
    assert [(e.date_text, e.start, e.end, e.kind) for e in events] == [("within 6 months", "2024-04", "2024-10", "prediction")]
    assert extract_events(doc("Title\n\nPublished: 4 April 2024, updated 5 April 2024\n\nNo dates here.")) == ()


def test_a_sentence_opening_with_by_and_a_date_is_no_byline():
    events = extract_events(doc("Title\n\nBy March 3, 2024, the airline had cut 40 routes.\n\nFares rise next year."))
    assert [(e.date_text, e.start, e.relation) for e in events] == [
        ("By March 3, 2024", "2024-03-03", "by"), ("next year", None, None)]


# Held-out sentences from other industries: the kind of the event its date gives.
@pytest.mark.parametrize("sentence, kind", [
    ("The drug was approved in March 2023.", "reported"),
    ("The drug was approved in March 2023, the company said.", "reported"),
    ("The CEO said sales rose 4% in 2023.", "reported"),
    ("Profit fell last year.", "reported"),
    ("2023年公司营收增长10%。", "reported"),
    ("The airline will add 12 routes in 2025.", "prediction"),
    ("Analysts expect the merger to close by 2027.", "prediction"),
    ("Analysts say the merger will close in 2027.", "prediction"),          # a prediction inside a frame
    ("We believe the market will recover by 2026.", "prediction"),
    ("The carrier is expected to return to profit in fiscal 2025.", "prediction"),
    ("Margins should recover within 12 months.", "prediction"),
    ("公司预计明年扭亏为盈。", "prediction"),
    ("该药物将于2025年第三季度上市。", "prediction"),
    ("The airline reportedly plans to order 50 jets in 2025.", "speculation"),
    ("It is rumoured that the carrier will exit the market in 2026.", "speculation"),
    ("Leaked documents show a launch in H1 2026.", "speculation"),           # a leak as the source
    ("A leaked memo says the jet will fly in 2026.", "speculation"),
    ("Officials said the airport could reopen in March 2025.", "speculation"),  # a hedge inside a frame
    ("According to people familiar with the matter, the IPO could come in late 2025.", "speculation"),
    ("The insurer is said to be weighing a sale in Q1 2025.", "speculation"),
    ("据传该公司将于2025年上市。", "speculation"),
    ("据报道，该航司可能在2026年退出市场。", "speculation"),
])
def test_event_kind_is_what_the_sentence_claims_about_its_date(sentence, kind):
    assert [e.kind for e in extract_events(doc("Title\n\n" + sentence))] == [kind]


def test_a_dated_table_column_gives_one_event_per_cell():
    events = extract_events(doc("T\n\n| Area | Short-Term (0-12 months) |\n|---|---|\n| Pricing | New tier |\n\nEnd."))
    assert [(e.date_text, e.summary) for e in events] == [("0-12 months", "Pricing — Short-Term (0-12 months): New tier")]
    assert events[0].expr_start == events[0].expr_end     # the date is not in the row's own text


def test_claims_label_each_sentence_and_keep_figures():
    claims = extract_claims(doc("T\n\nAcme reportedly raised $2 billion. The valuation will double. Sales rose 5 percent."))
    assert [c.label for c in claims] == ["rumour", "prediction", "stated"]
    assert [(f.text, f.unit) for f in claims[0].figures] == [("$2 billion", "USD")]
    assert all(claims[0].text == "Acme reportedly raised $2 billion." for _ in [0])


def test_glossary_terms_need_matching_initials():
    d = doc("T\n\nWe use Reinforcement Learning from Process Feedback (RLPF) and state-space models (SSMs), "
            "not models (e.g., Mamba-2) or Foo Bar (GPT-4o).")
    assert [(t.acronym, t.expansion) for t in find_terms(d)] == [
        ("RLPF", "Reinforcement Learning from Process Feedback"), ("SSMs", "state-space models")]
    assert merge_terms(list(find_terms(d)) * 2)[0][2] == (("x", d.blocks[1].anchor),)


@pytest.mark.parametrize("sentence, expected", [
    ("Enter Claude Mythos, an unreleased model that Anthropic decided to make public.", ("released", "unreleased")),
    ("We predict Anthropic will not release it as a public API.", ("predicted",)),
    ("The unauthorized disclosure of internal documents shook the field.", ("leaked",)),
    ("OpenAI released GPT-2 in February 2019.", ("released",)),
    ("The model is reportedly faster.", ("rumoured",)),
    ("Nothing about a launch here.", ()),
])
def test_release_status_cues(sentence, expected):
    assert tuple(status for status, _ in statuses_in(sentence)) == expected


def test_relation_lines_read_from_both_ends_and_cite_each_source_once(tmp_path):
    from tests.support import generate

    docs, _ = generate(tmp_path, {"a.txt": "Chip News\n\nVantor Labs's Orion X1 is fast.\n\n"
                                           "Later, Vantor Labs's Orion X1 shipped.\n"})
    product = (docs / "entities" / "orion-x1.md").read_text("utf-8")
    relation = next(line for line in product.splitlines() if line.startswith("- developed by"))
    assert relation.count("Chip News") == 1 and "[¶2](" in relation        # one source, two paragraphs
    assert "(inverse)" not in product


def test_a_name_in_a_call_out_label_links_from_its_paragraph(tmp_path):
    from tests.support import generate

    docs, _ = generate(tmp_path, {"a.txt": "Chip News\n\nVantor Labs said it would grow.\n\n"
                                           "Vantor Labs's Strategy & Risks: Its engineers shipped the Orion X1.\n"})
    page = (docs / "sources" / "a.md").read_text("utf-8")
    callout = next(line for line in page.splitlines() if "Strategy" in line)
    assert callout.startswith('**[Vantor Labs](<../entities/vantor-labs.md> "Organization"){ .bs-entity }'
                              "'s Strategy \\& Risks:** "), callout
    assert "[Orion X1](<../entities/orion-x1.md>" in callout
