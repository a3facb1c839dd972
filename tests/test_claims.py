"""Epistemic labels: fixture accuracy, decision rules, cue offsets, lexicon hygiene, speed."""
from __future__ import annotations

import collections
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from build_site.analyse.claims import LABELS, EpistemicLabel, label_sentence

FIXTURES = Path(__file__).parent / "fixtures" / "claims"
MIN_ACCURACY = 0.85


def load_fixture() -> list[dict]:
    rows = []
    for path in sorted(FIXTURES.glob("*.yml")):
        for row in yaml.safe_load(path.read_text(encoding="utf-8")):
            rows.append({**row, "file": path.name})
    return rows


ROWS = load_fixture()


def per_label_report(pairs: list[tuple[str, str]]) -> str:
    lines = []
    for label in LABELS:
        true_pos = sum(1 for gold, got in pairs if gold == got == label)
        predicted = sum(1 for _, got in pairs if got == label)
        actual = sum(1 for gold, _ in pairs if gold == label)
        precision = true_pos / predicted if predicted else 0.0
        recall = true_pos / actual if actual else 0.0
        lines.append(f"{label:<11} P={precision:.2f} R={recall:.2f} (n={actual})")
    return "\n".join(lines)


def test_fixture_is_large_and_balanced() -> None:
    counts = collections.Counter(row["label"] for row in ROWS)
    assert len(ROWS) >= 120
    assert set(counts) == set(LABELS)
    assert min(counts.values()) >= 12, counts
    assert sum(1 for row in ROWS if row.get("lang", "en").startswith("zh")) >= 30
    assert any(row.get("lang") == "zh-Hant" for row in ROWS)
    assert len({row.get("domain") for row in ROWS if row.get("domain")}) >= 5


def test_fixture_accuracy() -> None:
    pairs, misses = [], []
    for row in ROWS:
        got = label_sentence(row["text"], row.get("lang", "en")).label
        pairs.append((row["label"], got))
        if got != row["label"]:
            misses.append(f"  {row['file']}: gold={row['label']} got={got}: {row['text'][:80]}")
    accuracy = sum(gold == got for gold, got in pairs) / len(pairs)
    report = f"accuracy {accuracy:.3f} over {len(pairs)}\n{per_label_report(pairs)}\n" + "\n".join(misses)
    print(report)
    assert accuracy >= MIN_ACCURACY, report


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Mythos hit Level 3 thresholds in persuasion tasks.", "en", EpistemicLabel("stated", None, None)),
        ("Mythos likely incorporates hybrid architectures.", "en", EpistemicLabel("hedged", "likely", 7)),
        ("We predict Anthropic will not release it.", "en", EpistemicLabel("prediction", "We predict", 0)),
        ("The leak indicates Anthropic is pursuing breakthroughs.", "en",
         EpistemicLabel("attributed", "The leak indicates", 0)),
        ("Can CAI principles effectively govern such models?", "en", EpistemicLabel("hedged", "?", 49)),
        ("据报道，苹果正在开发折叠屏手机。", "zh-Hans", EpistemicLabel("rumour", "据报道", 0)),
        ("Anthropic『Mythos』洩露事件揭示其激進賭注", "zh-Hant", EpistemicLabel("rumour", "洩露", 17)),
    ],
)
def test_label_and_cue_offsets(text: str, lang: str, expected: EpistemicLabel) -> None:
    got = label_sentence(text, lang)
    assert got == expected
    if got.cue is not None:
        assert text[got.cue_start:got.cue_start + len(got.cue)] == got.cue


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        # priority: rumour > frame (earliest) > strong prediction = opinion > hedge > time phrase
        ("Analysts say Apple is reportedly testing a foldable phone.", "en", "rumour"),
        ("Analysts say the chip will ship next year.", "en", "attributed"),
        ("We believe the chip will ship next year.", "en", "opinion"),
        ("The chip will likely ship next year.", "en", "prediction"),
        ("The chip may ship next year.", "en", "hedged"),
        ("The chip ships next year.", "en", "prediction"),
        ("Tesla should cut prices, which will hurt margins.", "en", "opinion"),
        ("Tesla will cut prices, which should help volumes.", "en", "prediction"),
        # negation and scope
        ("It is not rumoured that Tesla will merge with Rivian.", "en", "stated"),
        ("No evidence suggests the chip will slip.", "en", "stated"),
        ("The specifications did not leak.", "en", "stated"),
        ("The specifications didn't leak.", "en", "stated"),
        ("The merger is unlikely.", "en", "hedged"),
        ("The merger is not likely.", "en", "hedged"),
        ("It is not possible to verify the figures.", "en", "stated"),
        ("We do not believe the rally will last.", "en", "opinion"),
        ("Nvidia will not cut prices.", "en", "prediction"),
        ("The CEO did not say when the chip would ship.", "en", "stated"),
        ("Investors are watching whether Tesla will cut prices.", "en", "stated"),
        ("The company denied rumours of a merger.", "en", "attributed"),
        # nominal uses
        ("Sales rose in May 2024.", "en", "stated"),
        ("May 2024 was a record month.", "en", "stated"),
        ("The political will to act evaporated.", "en", "stated"),
        ("Will Smith invested in the startup.", "en", "stated"),
        ("A band called Rumours played at the launch.", "en", "stated"),
        ('The documentary "Leaked Secrets" premiered in Berlin.', "en", "stated"),
        ("The company could not meet demand in 2023.", "en", "stated"),
        ("Revenue was better than expected.", "en", "stated"),
        ("The memory leak was fixed.", "en", "stated"),
        ("Tesla May Cut Prices Again", "en", "hedged"),
        # Chinese
        ("公司表示将于明年推出新车型。", "zh-Hans", "attributed"),
        ("该公司将其命名为星舰。", "zh-Hans", "stated"),
        ("这位将军曾在军中服役。", "zh-Hans", "stated"),
        ("比亚迪并未泄露新车的参数。", "zh-Hans", "stated"),
        ("该芯片不可能在年内量产。", "zh-Hans", "prediction"),
        ("營收超出预期。", "zh-Hant", "stated"),
        ("這項技術或許能降低成本。", "zh-Hant", "hedged"),
        ("《传闻》是一部小说。", "zh-Hans", "stated"),
        # mixed
        ("Apple said 新款芯片将于明年量产。", "en", "attributed"),
        ("据传 Apple will delay the launch.", "zh-Hans", "rumour"),
    ],
)
def test_rules(text: str, lang: str, label: str) -> None:
    assert label_sentence(text, lang).label == label


@pytest.mark.parametrize("lang", ["en", "zh-Hans", "zh-Hant", "fr", "und"])
def test_any_language_tag_is_accepted(lang: str) -> None:
    assert label_sentence("The chip will ship.", lang).label == "prediction"


def test_labels_are_deterministic() -> None:
    results = {label_sentence(row["text"], row.get("lang", "en")) for row in ROWS[:20] for _ in range(3)}
    assert len(results) <= 20


def test_long_sentence_is_fast() -> None:
    """A 200,000-character sentence, with and without cues, is labelled in well under a second."""
    texts = ["x" * 200_000, "the " * 50_000,
             "Analysts say prices may rise and we believe it will. " * 4_000,
             "据报道公司表示将于明年推出新车型可能会降价" * 10_000]
    start = time.perf_counter()
    for text in texts:
        assert label_sentence(text, "zh-Hans" if "据" in text else "en").label in LABELS
    assert time.perf_counter() - start < 3.0


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.sampled_from(["en", "zh-Hans", "zh-Hant"]))
def test_any_text_gets_a_label_with_a_faithful_cue(text: str, lang: str) -> None:
    result = label_sentence(text, lang)
    assert result.label in LABELS
    assert (result.cue is None) == (result.cue_start is None) == (result.label == "stated")
    if result.cue is not None:
        assert text[result.cue_start:result.cue_start + len(result.cue)] == result.cue


# --- Comparing what sources say (link_claims.compare) -------------------------------------

def _figure(document: str, value: str, number: float, unit: str):
    from build_site.link_claims import Assertion

    return Assertion("acme", "funding", value, number, unit, None, document, "p-1", f"c-{document}", "stated")


@pytest.mark.parametrize(("figures", "verdict"), [
    ([("a", "$5 billion", 5e9, "USD"), ("b", "$5 billion", 5e9, "USD")], "agrees"),
    ([("a", "$5 billion", 5e9, "USD"), ("b", "$9 billion", 9e9, "USD")], "conflicts"),
    # Different currencies cannot be compared without a rate: neither agreement nor conflict.
    ([("a", "€5 billion", 5e9, "EUR"), ("b", "$30 billion", 3e10, "USD")], "unmatched"),
    # Judged on the unit two sources share; a third source's other unit is shown, not judged.
    ([("a", "$5 billion", 5e9, "USD"), ("b", "$5 billion", 5e9, "USD"), ("c", "€9 billion", 9e9, "EUR")], "agrees"),
    ([("a", "$5 billion", 5e9, "USD"), ("b", "$7 billion", 7e9, "USD"), ("c", "€5 billion", 5e9, "EUR")], "conflicts"),
    ([("a", "$5 billion", 5e9, "USD")], "single-source"),
])
def test_figures_are_compared_within_a_unit(figures, verdict) -> None:
    from build_site.link_claims import compare

    (comparison,) = compare([_figure(*f) for f in figures])
    assert comparison.verdict == verdict


def test_comparisons_are_listed_conflicts_first_then_agreements_then_unmatched() -> None:
    from build_site.link_claims import Assertion, compare

    def figure(entity, document, number, unit):
        return Assertion(entity, "price", str(number), number, unit, None, document, "p", f"c-{entity}{document}", "stated")

    found = compare([figure("u", "a", 1.0, "EUR"), figure("u", "b", 1.0, "USD"),
                     figure("g", "a", 2.0, "USD"), figure("g", "b", 2.0, "USD"),
                     figure("c", "a", 1.0, "USD"), figure("c", "b", 3.0, "USD"), figure("s", "a", 1.0, "USD")])
    assert [(c.entity, c.verdict) for c in found] == [
        ("c", "conflicts"), ("g", "agrees"), ("u", "unmatched"), ("s", "single-source")]
