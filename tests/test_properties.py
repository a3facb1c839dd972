"""Properties that hold for any input: the reader, the structure parser, whole rendered pages.

Seeds are untrusted, so these hold for *arbitrary* bytes and text, not only for the shapes
the fixtures show. Example counts are modest: the whole module runs in well under a minute.
"""
from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from build_site.analyse.segments import PARAGRAPH_MAX
from build_site.analyse.structure import parse_document
from build_site.model import Document, Seed
from build_site.pipeline import BuildOptions, build
from build_site.read import decode_seed
from tests.hostile.pages import FORBIDDEN_ATTRS, FORBIDDEN_TAGS, GENERATED_STYLE, URL_ATTRS, PageScan, generator_tags
from tests.support import site_markdown, write_seeds

# --- Strategies -----------------------------------------------------------------------------

# Fragments that mean something to the structure parser or to Markdown, HTML and templates.
_SYNTAX = [
    "# ", "## ", "###### ", "#", " #", "- ", "* ", "+ ", "• ", "1. ", "2) ", "999. ", "| ", " | ", "|", "\\|",
    "|---|---|", "---", ":--", "--:", "...", "key: value", "Label: ", "Data Takeaway: ", "？", "?", "：",
    "<b>", "</b>", "<script>", "<!--", "-->", "&amp;", "&#106;", "[x](javascript:alert(1))", "![i](http://e/x.png)",
    "{{ x }}", "{% if %}", "{#", "#}", "{: #id .c onclick=x }", "!!! note", "??? tip", "--8<--", "==m==", "++k++",
    "```", "~~~", "    ", "\t", "*", "_", "`", "\\", "[^1]:", "*[HTML]:", "=====", "-----", "> ", "<https://e>",
    "\u200b", "\u202e", "\u0301", "\U0001F468\u200d\U0001F469", "\ufeff", "\u00a0", "\u2028", "中文", "模型。",
    "Q?", "What is it?", "\r\n", "\r", "\x00", "\x85", "\x1b",
    # Right after a name or a date the generator links: an attribute list would attach to the link.
    "Microsoft{: onclick=x }", "Google{ .evil }", " on 3 March 2026{: #id }", "OpenAI`x`",
]
_WORDS = ["Market", "model", "grew", "the", "AI", "OpenAI", "2026", "Tuesday", "résumé", "人工智能", "據報導"]
# Any character Python can hold except surrogates, which no decoded seed contains.
_ANY_CHAR = st.characters(blacklist_categories=("Cs",))

structured_text = st.lists(
    st.one_of(st.sampled_from(_SYNTAX), st.sampled_from(_WORDS), st.just("\n"), st.just("\n\n"), st.just(" "),
              st.text(_ANY_CHAR, max_size=6)),
    max_size=60,
).map("".join)
any_text = st.one_of(st.text(_ANY_CHAR, max_size=200), structured_text)

# --- The reader -----------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def decode(data: bytes):
    return decode_seed(data, "x.txt", "x", "seeds/x.txt")


def as_the_reader_shows_it(text: str) -> str:
    """The spec, written independently of the reader: one leading BOM is the encoding's mark,
    line ends become ``\\n``, control characters U+FFFD, then NFC."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("\ufffd", text))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
@example(b"\xff\xfe" + "text".encode("utf-16-le") + b"\x00\xd8")       # UTF-16 with a lone surrogate
@example(b"\xef\xbb\xbf\xff\xfe")
def test_any_bytes_decode_to_clean_text_or_are_skipped(data: bytes):
    seed, diagnostics = decode(data)
    if seed is None:
        assert [d.code for d in diagnostics] == ["BS101"]
        return
    seed.text.encode("utf-8")                      # writable: no lone surrogates
    assert not _CONTROL.search(seed.text) and "\r" not in seed.text
    assert seed.text == unicodedata.normalize("NFC", seed.text)
    assert all(d.code in ("BS102", "BS103", "BS104") for d in diagnostics)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_utf8_text_keeps_every_character_that_is_not_a_control(text: str):
    seed, diagnostics = decode(text.encode("utf-8"))
    if seed is None:   # binary: C0 controls are more than 2% of the bytes
        assert [d.code for d in diagnostics] == ["BS101"]
        assert sum(1 for b in text.encode("utf-8")[:65536] if b < 9 or 13 < b < 32 and b != 27) > 0
        return
    assert seed.text == as_the_reader_shows_it(text)
    assert seed.encoding in ("utf-8", "utf-8-sig")
    assert "BS102" not in {d.code for d in diagnostics}


# --- The structure parser -------------------------------------------------------------------

# Characters the parser may consume as structure rather than keep as text: ATX heading marks,
# list bullets, table pipes and the dashes and colons of table separator lines, and the
# backslash of an escaped pipe in a cell. Every other non-white-space character of the input
# must be in the document: in the title, a passage, a table's header cells or an ordered
# list's markers (shown as written), in input order, and nothing else may be there.
STRUCTURAL = frozenset("#|-*+•‣◦·:\\")


def document_characters(document: Document) -> list[str]:
    """The non-white-space characters of the document's own text, in document order."""
    chars: list[str] = []
    for block in document.blocks:
        for cell in block.header:
            chars += [c for c in cell if not c.isspace()]
        markers = block.markers or ("",) * len(block.passages)
        for marker, passage in zip(markers, block.passages):
            texts = [passage.text[a:b] for a, b in passage.cell_spans] if passage.cell_spans else [passage.text]
            chars += [c for c in marker + "".join(texts) if not c.isspace()]
    return chars


def conserves_characters(text: str, document: Document) -> str | None:
    """None when the document holds exactly the input's characters minus consumed structure;
    else what went wrong. (Greedy matching is exact here: a consumable character that could
    match is the same character as the one it would be skipped for.)"""
    kept = document_characters(document)
    j = 0
    for i, char in enumerate(c for c in text if not c.isspace()):
        if j < len(kept) and kept[j] == char:
            j += 1
        elif char not in STRUCTURAL:
            return f"input character {char!r} (#{i}) is missing; document has {''.join(kept[max(0, j - 20):j + 5])!r}"
    return None if j == len(kept) else f"document invents {''.join(kept[j:j + 20])!r}"


def parse(text: str) -> Document:
    seed = Seed(path="x.txt", display_path="seeds/x.txt", slug="x", text=text, sha256="0" * 64, encoding="utf-8")
    return parse_document(seed)[0]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
@example("# Learning C#\n\nBody.")
@example("# ###\n\nBody.")
@example("T\n\n| a \\| b | `c|d` |\n|---|:-:|\n| 1 |")
@example("---\ntitle: x\n---\nTitle\n\n- a\n- b\n\n1) one\n2) two")
@example("Title\n\n" + "A sentence, *with* <markup>. " * 800)                  # one 22,400-character line
@example("Title\n\n" + "中文句子没有空格。" * 2000)
@example("Title\n\n" + "e\u0301\U0001F468\u200d\U0001F469" * 4000)              # nowhere to break but graphemes
def test_the_structure_parser_keeps_every_character_of_any_text(text: str):
    text = as_the_reader_shows_it(text)          # parse_document is given what the reader makes
    document = parse(text)
    assert conserves_characters(text, document) is None, conserves_characters(text, document)
    anchors = [p.anchor for p in document.passages] + [b.anchor for b in document.blocks]
    assert len(set(p.anchor for p in document.passages)) == len(document.passages)
    assert all(anchors)


def test_the_conservation_check_can_fail():
    document = parse("Title\n\nSome text.")
    assert conserves_characters("Title\n\nSome text!", document) is not None     # a lost character
    assert conserves_characters("Title\n\nSome tex", document) is not None       # an invented one
    assert conserves_characters("# Title\n\n- Some text.", document) is None      # consumed structure


def test_an_overlong_line_becomes_paragraphs_cut_after_sentences():
    line = "".join(f"Sentence number {n} ends here. " for n in range(1000))
    paragraphs = [b.passages[0].text for b in parse("Title\n\n" + line).blocks if b.kind == "paragraph"]
    assert len(paragraphs) == -(-len(line) // PARAGRAPH_MAX)
    assert all(PARAGRAPH_MAX // 2 < len(p) <= PARAGRAPH_MAX for p in paragraphs)
    assert all(p.startswith("Sentence number") and p.endswith("ends here.") for p in paragraphs)
    assert " ".join(paragraphs) == line.strip()


@pytest.mark.parametrize("line", ["- item ", "1. item ", "| cell | ", "## Heading ", "Q? "])
def test_no_passage_grows_without_bound_whatever_the_line_looks_like(line: str):
    """Rendering time grows with the square of a passage's length (Python-Markdown), so an
    over-long list item, table row or heading is read as paragraphs, keeping its characters."""
    long_text = "Title\n\n" + line + "*word* <b> " * 4000 + "\n" + line + "short.\n" + "- item continued\n" * 3000
    document = parse(long_text)
    assert max(len(p.text) for p in document.passages) <= 2 * PARAGRAPH_MAX
    assert conserves_characters(long_text, document) is None


@pytest.mark.parametrize("offset", range(6))
def test_an_overlong_line_without_spaces_is_cut_between_graphemes(offset: int):
    cluster = "e\u0301\U0001F468\u200d\U0001F469x"        # e + combining acute, two people joined, x
    line = "y" * offset + cluster * 2777
    paragraphs = [b.passages[0].text for b in parse("Title\n\n" + line).blocks if b.kind == "paragraph"]
    assert len(paragraphs) > 1 and "".join(paragraphs) == line
    for before, after in zip(paragraphs, paragraphs[1:]):
        assert after[0] not in "\u0301\u200d" and not before.endswith("\u200d"), (before[-3:], after[:3])


def test_a_closing_hash_that_is_part_of_a_word_stays():
    document = parse("# Learning C#\n\nBody text.\n\n## Notes ##\n\nMore.")
    assert document.title == "Learning C#"
    assert [b.passages[0].text for b in document.blocks if b.kind == "heading"] == ["Notes"]


# --- The analysis stages ------------------------------------------------------------------

# What the analysis reads: numbers with separators and units, acronyms, dates, cues.
_ANALYSIS = [
    "1,234", ",", "$5", "€3.2 billion", "2,048 GPUs", "10-15%", "95%", "1.2万亿元", "300万辆", "3x", "#1",
    " (AI)", "Artificial Intelligence (AI)", "Q3 2027", "by 2030", "on 3 March 2026", "2026年3月3日", "in the 1990s",
    "said", "according to", "reportedly", "may", "will launch", "founded by", "developed by", "competitors like",
    "Acme Corp", "Globex Inc.", "Mr. Smith", "'s", "“", "”", "(", ")", ".", "。", "-",
]
_NUMBER_LIKE = st.from_regex(r"[$€]?\d{1,3}(,\d{3}){0,2}(\.\d{1,2})?[,.%x]?", fullmatch=True)
analysis_text = st.lists(
    st.one_of(st.sampled_from(_ANALYSIS), _NUMBER_LIKE, st.sampled_from(_WORDS), st.sampled_from(_SYNTAX), st.just(" "),
              st.just("\n\n"), st.text(_ANY_CHAR, max_size=4)),
    max_size=60,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(analysis_text)
@example("Title\n\nThey sold 1,234, then more.")      # a number ending in a comma once failed the claims stage
@example("Title\n\n| A | B |\n|---|---|\n")              # a table without rows once crashed the build
def test_no_analysis_stage_fails_on_any_text(text: str):
    """A stage that raises is isolated (BS199) but loses the seed's analysis and fails --strict."""
    with tempfile.TemporaryDirectory() as folder:
        seeds = write_seeds(Path(folder) / "seeds", {"x.txt": text.encode("utf-8")})
        report = build(BuildOptions(seeds_dir=seeds, docs_dir=Path(folder) / "docs"))
    assert [d.format() for d in report.diagnostics if d.code == "BS199"] == []


# --- Whole pages ----------------------------------------------------------------------------

MD = site_markdown()
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def rendered_page(text: str) -> tuple[str, str]:
    """The source page the pipeline makes for a seed holding ``text``, rendered with Python-
    Markdown configured as in mkdocs.yml: (seed text as read, page HTML)."""
    seed, _ = decode(text.encode("utf-8"))
    assume(seed is not None)                      # a binary seed has no page
    with tempfile.TemporaryDirectory() as folder:
        seeds = write_seeds(Path(folder) / "seeds", {"x.txt": text.encode("utf-8")})
        build(BuildOptions(seeds_dir=seeds, docs_dir=Path(folder) / "docs"))
        page = (Path(folder) / "docs" / "sources" / "x.md").read_text("utf-8")
    MD.reset()
    return seed.text, MD.convert(_FRONT_MATTER.sub("", page, count=1))


# Shown as structure rather than as characters: table pipes, and the colon that ends a
# call-out's label (the label becomes the call-out's title).
_SHOWN_AS_STRUCTURE = str.maketrans("", "", "|:：")


def shown_words(seed_text: str) -> list[str]:
    """What a page must show of a seed, in order: its runs of non-white-space characters,
    less the structure the page shows as lists, headings, tables and call-outs (table
    separator lines, list bullets and ATX marks at a line's start, the backslash escaping a
    pipe, and _SHOWN_AS_STRUCTURE)."""
    text = re.sub(r"(?m)^[^\S\n]*\|?[^\S\n]*:?-{2,}:?[^\S\n]*(?:\|[^\S\n]*:?-{2,}:?[^\S\n]*)*\|?[^\S\n]*$", "",
                  seed_text)
    # ([^\S\n]: white space within the line; the parser reads the text line by line.)
    text = re.sub(r"(?m)^[^\S\n]{0,3}(?:[-*+•‣◦·]|#{1,6})[^\S\n]+(?=\S)|[^\S\n]#+[^\S\n]*$", " ", text)
    words = text.replace("\\|", "|").replace("|", " ").split()
    return [word.translate(_SHOWN_AS_STRUCTURE) for word in words]


def in_order(words: list[str], page_text: str) -> str | None:
    """None when every word is in the page's text (white space removed), in order."""
    position = 0
    for k, word in enumerate(words):
        found = page_text.find(word, position)
        if found < 0:
            return f"{word!r} (word {k}) missing after {page_text[max(0, position - 40):position]!r}"
        position = found + len(word)
    return None


def _generated_url(value: str) -> bool:
    """A link the generator makes: an anchor on the page, or a relative link to a page."""
    url = urlsplit(value)
    if url.scheme or url.netloc or url.path.startswith("/"):
        return False
    return bool(url.fragment) and not url.path or url.path.endswith(".md")


def markup_problems(html_text: str) -> list[str]:
    found = PageScan(fragment=True)
    found.feed(html_text)
    problems = []
    allowed = generator_tags()
    for tag, attrs, _ in found.elements:
        if tag not in allowed or tag in FORBIDDEN_TAGS:
            problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name in FORBIDDEN_ATTRS:
                problems.append(f"<{tag} {name}>")
            if name == "style" and not GENERATED_STYLE.fullmatch(value):
                problems.append(f"<{tag} style={value!r}>")
            if name in URL_ATTRS and not _generated_url(value):
                problems.append(f"<{tag} {name}={value!r}>")
    return problems


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
@example("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> [a](javascript:x) {: onclick=x }")
@example("Title\n\n*[HTML]: Hyper\n\n[^1]: note\n\n    code\n\n> quote\n\n!!! note\n    body")
@example("Title\n\nMicrosoft{: onclick=x } said on 3 March 2026{: .evil } that Google{ #x } would.")
@example("Learning C#\n\nBody text.\n\nNotes ##\n\nMore text.")          # Python-Markdown drops closing '#'s
@example("##\n\nBody text.")
def test_any_text_makes_a_page_with_only_generated_markup_showing_every_character(text: str):
    seed_text, page = rendered_page(text)
    assert markup_problems(page) == []
    found = PageScan(fragment=True)
    found.feed(page)
    visible = "".join("".join(found.text).split()).translate(_SHOWN_AS_STRUCTURE)
    problem = in_order(shown_words(seed_text), visible)
    assert problem is None, problem


def test_the_page_checks_can_fail():
    assert markup_problems('<p onclick="x">a <img src="x"> <a href="https://evil.example/">b</a></p>') == [
        "<p onclick>", "<img>", "<img src>", "<img src='x'>", "<a href='https://evil.example/'>"]
    assert markup_problems('<p id="p-1"><a href="#p-1">¶</a> <a href="../entities/x.md#m">x</a></p>') == []
    assert in_order(["a*b", "c"], "a b c") is not None and in_order(["a", "c"], "abc") is None
