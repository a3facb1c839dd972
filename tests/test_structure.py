"""Stage 2: plain-text conventions become structure; the rules are generic, not per file."""
from __future__ import annotations

from build_site.analyse.structure import parse_document
from build_site.model import Seed


def doc(text: str, path: str = "x.txt"):
    seed = Seed(path=path, display_path=f"seeds/{path}", slug="x", text=text, sha256="0" * 64, encoding="utf-8")
    return parse_document(seed)[0]


def kinds(document):
    return [b.kind for b in document.blocks]


def test_first_line_is_the_title_even_without_blank_lines():
    d = doc("A Title Without Punctuation At All Here\nFirst paragraph. It ends.\nSecond paragraph.")
    assert d.title == "A Title Without Punctuation At All Here"
    assert kinds(d) == ["title", "paragraph", "paragraph"]


def test_bare_line_heading_needs_to_stand_alone_and_be_short():
    d = doc("Title\n\nIntro text here.\n\nMarket Outlook\n\nBody text.\n\nThis line ends with a full stop.\n\nEnd.")
    assert kinds(d) == ["title", "paragraph", "heading", "paragraph", "paragraph", "paragraph"]
    assert d.blocks[2].anchor == "market-outlook"


def test_chinese_heading_keeps_its_characters_in_the_anchor():
    d = doc("标题\n\n正文第一段。\n\n常见问题\n\n这是什么？\n\n这是答案。")
    assert d.blocks[2].kind == "heading" and d.blocks[2].anchor == "常见问题"


def test_hard_wrapped_paragraphs_are_joined():
    text = "Title\n\n" + "This sentence is wrapped at a fixed width by the author of\nthe text, and it goes on for a while longer than one line\nbefore it ends.\n\nNext one."
    d = doc(text)
    assert kinds(d) == ["title", "paragraph", "paragraph"]
    assert d.blocks[1].passages[0].text.startswith("This sentence") and d.blocks[1].passages[0].text.endswith("ends.")


def test_lists_bulleted_and_numbered_with_blank_lines_between_items():
    d = doc("T\n\nIntro:\n\n- one\n- two\n\n1. First item.\n\n2. Second item.\n\n4. Fourth item.")
    lists = [b for b in d.blocks if b.kind == "list"]
    assert [b.ordered for b in lists] == [False, True]
    assert [p.text for p in lists[1].passages] == ["First item.", "Second item.", "Fourth item."]
    assert lists[1].markers == ("1.", "2.", "4.")


def test_pipe_table_with_ragged_rows_and_pipes_in_cells():
    d = doc("T\n\n| A | B | C |\n|---|---|---|\n| x \\| y | `a|b` |\n| 1 | 2 | 3 | 4 |\n\nAfter.")
    table = next(b for b in d.blocks if b.kind == "table")
    assert table.header == ("A", "B", "C", "")
    rows = [[p.text[s:e] for s, e in p.cell_spans] for p in table.passages]
    assert rows == [["x | y", "`a|b`", "", ""], ["1", "2", "3", "4"]]


def test_recurring_lead_in_label_is_a_callout_and_a_one_off_label_is_a_run_in_heading():
    d = doc("T\n\nFirst para.\n\nKey Finding: one.\n\nMarket Size: big.\n\nKey Finding: two.\n\nBottom Line: done.")
    got = [(b.kind, b.label) for b in d.blocks[1:]]
    assert got == [("paragraph", ""), ("callout", "Key Finding"), ("paragraph", "Market Size"),
                   ("callout", "Key Finding"), ("callout", "Bottom Line")]


def test_a_clause_before_a_colon_is_not_a_label():
    d = doc("T\n\nThe release includes caveats: access is limited.")
    assert d.blocks[1].label == ""


def test_question_answer_pairs_become_qa_but_a_rhetorical_question_does_not():
    d = doc("T\n\nWhat is it?\n\nIt is a thing.\n\nWhy now?\n\nBecause.\n\nBody. Is it? Yes.\n\nWhat do you think?\n\nEnd.")
    assert kinds(d) == ["title", "qa", "paragraph", "paragraph", "paragraph"]
    assert [p.kind for p in d.blocks[1].passages] == ["question", "answer", "question", "answer"]


def test_one_pair_is_enough_after_an_faq_heading():
    d = doc("T\n\nBody.\n\nFAQ\n\nIs it safe?\n\nYes.")
    assert kinds(d) == ["title", "paragraph", "heading", "qa"]


def test_trailing_publisher_blurb_is_kept_and_marked():
    d = doc("T\n\nReal content.\n\nAcme is the leading provider of widgets worldwide.\n\nTell us your thoughts in the comments below.")
    assert [b.boilerplate for b in d.blocks] == [False, False, True, True]
    assert d.blocks[-1].passages[0].text == "Tell us your thoughts in the comments below."


def test_blurb_words_in_the_middle_are_not_a_publisher_note():
    d = doc("T\n\nAcme is the leading provider of widgets.\n\nMore real content follows.")
    assert not any(b.boilerplate for b in d.blocks)


def test_translated_title_from_a_quoted_headline_in_another_language():
    d = doc("Acme『Widget』發布引發熱議\n\n正文。\n\n关于“Acme Launches The Widget To Rave Reviews”的问题是什么？\n\n答案。")
    assert d.title_lang == "zh-Hant"
    assert d.translated_title == "Acme Launches The Widget To Rave Reviews"
    assert d.translated_title_lang == "en"


def test_languages_per_block():
    d = doc("English Title\n\nThis is an English paragraph about the market.\n\n这是一个简体中文段落。\n\n這是一個繁體中文段落。")
    assert [b.lang for b in d.blocks] == ["en", "en", "zh-Hans", "zh-Hant"]


def test_anchors_depend_only_on_their_own_text():
    before = doc("T\n\nAlpha paragraph.\n\nBeta paragraph.")
    after = doc("T\n\nAlpha paragraph, edited.\n\nBeta paragraph.")
    assert before.blocks[2].anchor == after.blocks[2].anchor
    assert before.blocks[1].anchor != after.blocks[1].anchor


def test_duplicate_paragraphs_get_distinct_anchors():
    d = doc("T\n\nSame.\n\nSame.")
    assert d.blocks[1].anchor != d.blocks[2].anchor


def test_front_matter_is_kept_as_a_block():
    d = doc("---\ntitle: x\ndate: 2024-01-02\n---\nReal Title\n\nBody.")
    assert kinds(d) == ["front_matter", "title", "paragraph"]
    assert d.title == "Real Title"


def test_markdown_heading_marks_are_structure():
    d = doc("# Title\n\n## Section\n\nText.", path="x.md")
    assert d.title == "Title" and d.blocks[1].kind == "heading" and d.blocks[1].passages[0].text == "Section"


def test_empty_document_gets_a_title_from_its_file_name():
    d = doc("", path="my_report-2024.txt")
    assert d.title == "my report 2024" and d.blocks == ()


def test_ragged_rows_and_missing_title_are_reported_with_their_lines():
    seed = Seed(path="x.txt", display_path="seeds/x.txt", slug="x",
                text="T\n\n| A | B |\n|---|---|\n| 1 |\n| 1 | 2 |", sha256="0", encoding="utf-8")
    assert [d.format() for d in parse_document(seed)[1]] == ["seeds/x.txt:5: info[BS110]: table row padded to 2 cells"]
    long_first = Seed(path="x.txt", display_path="seeds/x.txt", slug="x", text="word " * 100, sha256="0", encoding="utf-8")
    assert [d.code for d in parse_document(long_first)[1]] == ["BS108"]


def test_publication_date_only_when_the_text_states_one():
    assert doc("Title\n\nPublished: March 3, 2024\n\nBody text.").published == "2024-03-03"
    assert doc("Title\n\nSAN FRANCISCO, March 3, 2024 — Body text here.").published == "2024-03-03"
    assert doc("Title\n\nIn March 2024 something happened.").published is None


def test_a_line_dating_the_document_is_no_heading():
    d = doc("The Obesity Drug Race\nPublished: 12 May 2025\n\nNovo and Lilly lead.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n")
    assert kinds(d) == ["title", "paragraph", "paragraph", "table"]
    assert d.published_line == 2
    assert kinds(doc("Title\n\nBy Jane Roe, 2 May 2024\n\nBody text.")) == ["title", "paragraph", "paragraph"]
    assert kinds(doc("Title\n\nPublished Research\n\nBody text.")) == ["title", "heading", "paragraph"]
