"""Sentence splitting: abbreviations, decimals, initials, quotes, Chinese and mixed text."""
from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_site.analyse.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Revenue rose. Margins fell.", ["Revenue rose.", "Margins fell."]),
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        ("Dr. Su said revenue rose 1.5% to $6.8B. Shares rose.",
         ["Dr. Su said revenue rose 1.5% to $6.8B.", "Shares rose."]),
        ("Chipmakers, e.g. TSMC and Samsung, i.e. the leaders, gained. Others fell.",
         ["Chipmakers, e.g. TSMC and Samsung, i.e. the leaders, gained.", "Others fell."]),
        ("Apple vs. Samsung is a rivalry. Mr. Cook agrees.",
         ["Apple vs. Samsung is a rivalry.", "Mr. Cook agrees."]),
        ("Output hit approx. 40 GWh in Feb. 12 plants ran. See No. 5 below.",
         ["Output hit approx. 40 GWh in Feb. 12 plants ran.", "See No. 5 below."]),
        ("J. R. R. Tolkien wrote it. George W. Bush read it.",
         ["J. R. R. Tolkien wrote it.", "George W. Bush read it."]),
        ("Sales grew in the U.S. The U.K. lagged.", ["Sales grew in the U.S.", "The U.K. lagged."]),
        ("Sales in the U.S. market grew.", ["Sales in the U.S. market grew."]),
        ("It was Apple Inc. The rest followed.", ["It was Apple Inc.", "The rest followed."]),
        ("Apple Inc. CEO Tim Cook spoke.", ["Apple Inc. CEO Tim Cook spoke."]),
        ("Batteries, motors, etc. are costly.", ["Batteries, motors, etc. are costly."]),
        ('He said "it is over." Then he left.', ['He said "it is over."', "Then he left."]),
        ("The chip (a 3nm part.) ships. It is fast.", ["The chip (a 3nm part.) ships.", "It is fast."]),
        ('"Why?" she asked.', ['"Why?" she asked.']),
        ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
        ("Wait… what happened?", ["Wait… what happened?"]),
        ("1. Open the box. 2. Close it.", ["1. Open the box.", "2. Close it."]),
        ("Revenue hit 5. 2025 will be better.", ["Revenue hit 5.", "2025 will be better."]),
        ("Python 3.11 is out. Version 3.12 follows.", ["Python 3.11 is out.", "Version 3.12 follows."]),
        ("Visit example.com for details. Thanks.", ["Visit example.com for details.", "Thanks."]),
        ("The new iPhone sold well. iPhone sales rose.", ["The new iPhone sold well.", "iPhone sales rose."]),
    ],
)
def test_english(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("特斯拉交付了180万辆车。比亚迪呢？它超过了300万辆！",
         ["特斯拉交付了180万辆车。", "比亚迪呢？", "它超过了300万辆！"]),
        ("他说：“我们会赢。”球迷欢呼。", ["他说：“我们会赢。”", "球迷欢呼。"]),
        ("營收成長3.5%；毛利率下滑。淨利持平。", ["營收成長3.5%；毛利率下滑。", "淨利持平。"]),
        ("「這是真的嗎？」記者問道。", ["「這是真的嗎？」", "記者問道。"]),
        ("价格未公布.然后呢", ["价格未公布.", "然后呢"]),
        ("Nvidia 发布了 B200。It ships in Q4. 价格未公布。",
         ["Nvidia 发布了 B200。", "It ships in Q4.", "价格未公布。"]),
        ("The chip is fast. 但价格很高。", ["The chip is fast.", "但价格很高。"]),
    ],
)
def test_chinese_and_mixed(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == ()


def test_spans_exclude_surrounding_whitespace() -> None:
    assert split_sentences("  One.   Two.  ") == ((2, 6), (9, 13))


def test_long_text_is_linear() -> None:
    """A 200,000-character paragraph (no sentence ends, then many) splits quickly."""
    start = time.perf_counter()
    assert len(split_sentences("a" * 200_000)) == 1
    assert len(split_sentences("e.g. U.S. 1.5 J. " * 12_000)) == 1
    assert len(split_sentences("It rose. " * 22_000)) == 22_000
    assert time.perf_counter() - start < 2.0


_ALPHABET = st.sampled_from(list("ab AZ09.!?…。！？；\"'“”「」()\n\t") + ["e.g.", "U.S.", "Mr.", "1.5"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_spans_partition_the_text(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert text[previous_end:start].strip() == ""       # only whitespace between sentences
        previous_end = end
    assert text[previous_end:].strip() == ""


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_spans_cover_every_non_space_character_of_any_text(text: str) -> None:
    covered = set()
    for start, end in split_sentences(text):
        covered.update(range(start, end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    assert split_sentences(text) == split_sentences(text)  # deterministic
