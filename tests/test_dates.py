"""Tests of build_site.analyse.dates against labelled fixtures (tests/fixtures/dates/*.yml).

Every positive fixture lists *all* expressions its sentence must yield, so an extra match
fails as surely as a missing one; negatives.yml holds sentences that must yield nothing.
"""
from __future__ import annotations

import datetime as dt
import functools
import random
from pathlib import Path

import pytest
import yaml

from build_site.analyse import dates_en, dates_scan
from build_site.analyse.dates import TemporalExpression, find_publication_date, find_temporal_expressions

FIXTURES = Path(__file__).parent / "fixtures" / "dates"
FIELDS = ("text", "precision", "date_start", "date_end", "relation", "relative", "offset_months")
ANCHOR = dt.date(2024, 5, 1)


def _load(path: Path) -> list:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


POSITIVE = [(path.stem, case) for path in sorted(FIXTURES.glob("*.yml")) if path.stem != "negatives"
            for case in _load(path)]
NEGATIVE = _load(FIXTURES / "negatives.yml")


def _expected(case: dict) -> list[tuple]:
    rows = []
    for item in case["expect"]:
        offsets = item.get("offset_months")
        rows.append(tuple(tuple(offsets) if k == "offset_months" and offsets else item.get(k) for k in FIELDS))
    return rows


def _actual(sentence: str, anchor: dt.date | None = None) -> list[tuple]:
    return [tuple(getattr(e, k) for k in FIELDS) for e in find_temporal_expressions(sentence, anchor=anchor)]


@pytest.mark.parametrize("case", [c for _, c in POSITIVE], ids=[f"{n}-{i}" for i, (n, _) in enumerate(POSITIVE)])
def test_fixture(case: dict) -> None:
    assert _actual(case["sentence"], case.get("anchor")) == _expected(case)


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_negative(sentence: str) -> None:
    assert find_temporal_expressions(sentence) == ()


def test_fixture_coverage() -> None:
    expressions = [e for _, case in POSITIVE for e in case["expect"]]
    chinese = [e for e in expressions if any("\u4e00" <= ch <= "\u9fff" for ch in e["text"])]
    assert len(expressions) >= 80 and len(chinese) >= 20 and len(NEGATIVE) >= 25
    precisions = {e["precision"] for e in expressions}
    assert precisions == {"day", "month", "quarter", "half", "year", "decade", "range", "relative", "vague"}


def test_overall_accuracy_is_perfect() -> None:
    """Share of labelled expressions found exactly, with no spurious ones anywhere."""
    correct = total = spurious = 0
    for _, case in POSITIVE:
        expected, actual = _expected(case), _actual(case["sentence"], case.get("anchor"))
        total += len(expected)
        correct += sum(1 for row in expected if row in actual)
        spurious += sum(1 for row in actual if row not in expected)
    spurious += sum(len(find_temporal_expressions(s)) for s in NEGATIVE)
    assert (correct / total, spurious) == (1.0, 0)


# -- anchoring ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "start", "end", "relative", "offsets"), [
    ("within 6 months", "2024-05", "2024-11", "within 6 months", (0, 6)),
    ("next year", "2025", "2025", "next year", None),
    ("12-36 months", "2025-05", "2027-05", "12-36 months", (12, 36)),
    ("two years ago", "2022-05", "2022-05", "2 years ago", (-24, -24)),
    ("last month", "2024-04", "2024-04", "last month", None),
    ("this week", "2024-04-29", "2024-05-05", "this week", None),
    ("明年", "2025", "2025", "next year", None),
    ("未来六个月", "2024-05", "2024-11", "within 6 months", (0, 6)),
])
def test_anchoring(text: str, start: str, end: str, relative: str, offsets: tuple | None) -> None:
    (anchored,) = find_temporal_expressions(text, anchor=ANCHOR)
    (loose,) = find_temporal_expressions(text)
    assert (anchored.precision, anchored.date_start, anchored.date_end) == ("relative", start, end)
    assert (anchored.relative, anchored.offset_months) == (relative, offsets)
    assert (loose.date_start, loose.date_end, loose.relative, loose.offset_months) == (None, None, relative, offsets)


def test_absolute_dates_ignore_the_anchor() -> None:
    text = "Revenue fell in Q4 2024 and again in 2025年上半年."
    assert find_temporal_expressions(text, anchor=ANCHOR) == find_temporal_expressions(text)


# -- spans --------------------------------------------------------------------------------------
def test_spans_are_exact_sorted_and_disjoint() -> None:
    for _, case in POSITIVE:
        found = find_temporal_expressions(case["sentence"])
        assert all(e.text == case["sentence"][e.start:e.end] for e in found)
        assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_full_width_digits_keep_offsets() -> None:
    text = "财报显示，２０２４年第４季度营收增长。"
    (e,) = find_temporal_expressions(text)
    assert (e.start, e.text, e.date_start, e.date_end) == (5, "２０２４年第４季度", "2024-10", "2024-12")


def test_result_type_and_determinism() -> None:
    text = "Since 2022, within 6 months, by the end of 2025 and 2024年底."
    first = find_temporal_expressions(text)
    assert first == find_temporal_expressions(text)
    assert all(isinstance(e, TemporalExpression) for e in first) and isinstance(first, tuple)


def test_longest_match_wins() -> None:
    (e,) = find_temporal_expressions("Deliveries start between Q4 2024 and Q2 2025.")
    assert (e.text, e.precision) == ("between Q4 2024 and Q2 2025", "range")


@pytest.mark.parametrize("text", [
    "2019-2020-" * 20_000,
    "9" * 200_000,
    "1-2-3-4-" * 25_000,
    "in 2019 " * 25_000,
    "Q4 2024 - " * 20_000,
    "Q4" + " " * 200_000 + "2024",
    "-" * 200_000,
    "2024年至" * 40_000,
    "within the next two years " * 7_700,
])
def test_long_lines_finish(text: str) -> None:
    """Bounded quantifiers and no nested repeats: each rule is linear in the text length."""
    assert isinstance(find_temporal_expressions(text), tuple)


# -- publication date ---------------------------------------------------------------------------
@pytest.mark.parametrize(("doc", "expected"), [
    ("---\ntitle: Chips\ndate: 2024-03-03T10:00:00Z\n---\n# Chips\nSales rose in 2019.", (dt.date(2024, 3, 3), 2)),
    ("---\ntitle: Chips\npublished: 'March 3, 2024'\n---\nBody.", (dt.date(2024, 3, 3), 2)),
    ("# Title\n\n*Published: March 3, 2024*\n\nSales from May 5, 2023 rose.", (dt.date(2024, 3, 3), 2)),
    ("# Title\nPosted on 2 March 2024\n", (dt.date(2024, 3, 2), 1)),
    ("# T\nUpdated: 2024-04-01\nPublished: 2024-03-02\n", (dt.date(2024, 3, 2), 2)),
    ("# Acme\n\nSAN FRANCISCO, March 3, 2024 (Reuters) — Acme said on Monday.", (dt.date(2024, 3, 3), 2)),
    ("# 标题\n\n新华社北京2024年3月3日电 记者报道。", (dt.date(2024, 3, 3), 2)),
    ("# T\nBy Jane Doe | March 3, 2024\n\nText.", (dt.date(2024, 3, 3), 1)),
    ("# T\n\nBody.\n\nPublished on 2024-02-02", (dt.date(2024, 2, 2), 4)),
    ("发布时间：2024年3月3日\n正文", (dt.date(2024, 3, 3), 0)),
])
def test_publication_date(doc: str, expected: tuple) -> None:
    assert find_publication_date(doc.split("\n")) == expected


@pytest.mark.parametrize("doc", [
    "# T\n\nOn March 3, 2024 the company announced results.\nMore text.",
    "LONDON, March 3 (Reuters) - Shares rose in 2024.",
    "# T\nPublished: March 2024\n",
    "# T\nUpdated 2 hours ago\n",
    "# T\nDates matter: March 3, 2024 was busy.\n",
    "# T\nPublished research from March 3, 2024 shows gains.\n",
    "# T\nBy the way, on March 3, 2024 we met.\n",
    "# Airline cuts\n\nBy March 3, 2024, the airline had cut 40 routes.\n\nMore.",   # a sentence, not a byline
    "",
])
def test_no_publication_date(doc: str) -> None:
    assert find_publication_date(doc.split("\n")) is None


def test_publication_date_only_near_the_edges() -> None:
    lines = ["# T", ""] + ["Filler sentence."] * 30 + ["Published: 2024-03-03"] + ["More."] * 10
    assert find_publication_date(lines) is None


# -- the scan: searching windows finds what searching everything finds --------------------------
def _sentences(seed: int, count: int) -> list[str]:
    """Soup of the rules' own words, phrases they match, numbers in many forms, Chinese and
    separators, with gaps of up to five spaces (rules allow four) and mixed case: dense with
    near-misses at the edges of windows."""
    rng = random.Random(seed)
    words = sorted(dates_en.spelled_words()) + ["released", "GPUs", "percent", "its", "old", "aged", "İ", "ſoon"]
    phrases = ["no later than the beginning of", "the end of", "the first half of", "the fourth quarter of",
               "a couple of years ago", "over the next several months", "within the next two years",
               "twenty-five to thirty years", "in a year’s time", "two decades from now", "in the years to come",
               "and earlier", "or later", "onwards", "March 3–5,", "3–5 March", "Q1-Q3", "March–May", "between",
               "from", "since", "by", "early", "mid-", "year-end", "fiscal year", "the last year of", "as soon as"]
    numbers = ["2024", "1999", "2049", "1990s", "2010's", "'24", "’90s", "Q4", "q3", "H1", "2H25", "1Q24", "FY25",
               "FY2025", "3rd", "31", "7", "12", "2024-05-06", "2024/03/05", "2021-23", "2019/20", "2024-05",
               "٢٠٢٤", "２０２４", "Ｑ４", "48", "2048"]
    chinese = ["2024年", "3月", "第三季度", "今年", "明年", "上半年", "未来三个月", "以来", "截至", "年底",
               "近期", "90年代", "到"]
    separators = [" ", " ", "  ", "    ", "     ", "\n", "\t", "-", "–", "—", ", ", ",", ".", "'", "’s", "/", ":",
                  "(", ")", "%", "\u3000", ""]
    sentences = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 30)):
            word = rng.choice(rng.choice((words, words, phrases, numbers, numbers, chinese)))
            word = word.upper() if rng.random() < 0.1 else word.title() if rng.random() < 0.2 else word
            parts += [word.replace(" ", rng.choice(separators[:5])), rng.choice(separators)]
        sentences.append("".join(parts))
    return sentences


def _everywhere(text: str, anchor: dt.date | None = None) -> tuple[TemporalExpression, ...]:
    """find_temporal_expressions with every rule searching all of the text (no windows)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates_scan, "find", functools.partial(dates_scan.find, everywhere=True))
        return find_temporal_expressions(text, anchor=anchor)


@pytest.mark.parametrize("seed", range(2))
def test_windows_find_what_searching_everything_finds(seed: int) -> None:
    sentences = _sentences(seed, 1500) + ([c["sentence"] for _, c in POSITIVE] + NEGATIVE if seed == 0 else [])
    differing = [s for s in sentences if find_temporal_expressions(s, anchor=ANCHOR) != _everywhere(s, ANCHOR)]
    assert differing == []


def test_windows_hold_long_phrases_and_tails() -> None:
    """The longest reaches of the walks: words far left of the first trigger, far right of the last."""
    for text in ["Shipments resume no    later    than   the    beginning    of    the    fourth    quarter  of 2024.",
                 "Prices hold between    the    start    of    the    second    half    of    2024    and    mid-2025.",
                 "Support lasts from 2024-05-06    and    earlier; not 2024-05-06    and    earlierx.",
                 "Within    the    next    twenty-five    to    thirty    years, or in a    year’s    time, or "
                 "two    decades    from    now, 2026 onwardsy, 2026    onwards",
                 "In   the   first   quarter  of  next  year and  the  end  of  last  month."]:
        assert find_temporal_expressions(text) == _everywhere(text) != ()


def test_reaches_cover_the_longest_matches() -> None:
    """dates_scan walks at most _REACH characters back and reads at most ZH_REACH around a
    Chinese trigger; no match may be longer (widths from the regex parser)."""
    from re import _parser  # the widths a pattern can match: private, but only a test relies on it

    english = max(_parser.parse(rule.regex.pattern).getwidth()[1] for rule in dates_en.RULES)
    chinese = max(_parser.parse(rule.regex.pattern).getwidth()[1] for _, rule in dates_scan.ZH_RULES)
    assert english <= dates_scan._REACH and chinese + 2 <= dates_scan.ZH_REACH


def test_spelled_words_are_read_from_the_rules() -> None:
    words = dates_en.spelled_words()
    assert {"between", "no", "than", "beginning", "fourth", "fiscal", "fy", "q", "h", "day", "days", "twenty",
            "september", "sept", "onwards", "ago", "now", "st", "th", "a", "an"} <= words
    assert not {"p", "yr", "iso", "mdy", "z", "za"} & words  # group names and classes are not words


def test_prose_without_dates_is_barely_searched() -> None:
    """Benchmark-style sanity check, no timing: the rules search a small part of typical prose."""
    prose = ("The model’s ability to produce coherent text rivaled human writing, and critics argued that "
             "restricting access stifled open research while proponents praised the measured rollout. ") * 50
    text = prose + "It shipped in February 2019 and again within 6 months. " + prose
    low = text.lower()
    years, _ = dates_scan._year_triggers(low)
    windows = dates_scan._english_windows(low, years + dates_scan._unit_triggers(low))
    assert sum(end - start for start, end, _ in windows) < 0.01 * len(text)
    assert [e.text for e in find_temporal_expressions(text)] == ["February 2019", "within 6 months"]
    assert dates_scan.find(prose).matches == []
