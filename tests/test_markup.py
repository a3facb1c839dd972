"""Escaping: seed text renders as exactly itself, whatever it contains, and never as markup."""
from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_site.markup import Md, Region, Span, attr_list, code_block, escape, escape_block, inline
from tests.support import site_markdown

MD = site_markdown()
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")


def render(markdown_text: str) -> str:
    MD.reset()
    return MD.convert(markdown_text)


def visible_text(html_text: str) -> str:
    return html.unescape(TAG.sub("", html_text))


def squash(text: str) -> str:
    return " ".join(text.split())


# Text as the reader delivers it: any characters except C0/C1 controls (replaced by U+FFFD on read).
seed_text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=300)


@settings(max_examples=400, deadline=None)
@given(seed_text)
def test_any_text_renders_as_itself_and_as_a_single_plain_paragraph(text):
    out = render(escape_block(text))
    tags = {m.group(2) for m in TAG.finditer(out)}
    assert tags <= {"p"}, out
    assert squash(visible_text(out)) == squash(text)


@settings(max_examples=200, deadline=None)
@given(seed_text, seed_text)
def test_links_around_seed_text_keep_every_character(before, label):
    text = before + label
    span = Span(len(before), len(text), "../entities/x.md", "Organization", ("bs-entity",))
    out = render(inline(text, (span,) if label.strip() else (), line_start=True))
    assert squash(visible_text(out)) == squash(text)
    assert {m.group(2) for m in TAG.finditer(out)} <= {"p", "a"}


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![remote](https://evil.example/x.png)",
    "<iframe src='https://evil.example'></iframe>",
    "<!-- hidden --> shown",
    "{{ config }} {% include 'x' %} {# comment #}",
    "# not a heading",
    "> not a quote",
    "    not code",
    "```\nnot a fence",
    "| a | b |\n|---|---|",
    "*[HTML]: Hyper Text",
    "[^1]: footnote",
    "!!! note \"not an admonition\"",
    "??? note",
    "text {: #id .class onclick=\"x\" }",
    "Title\n=====",
    "1. not a list",
    "- not a list",
    "&lt; &amp; &#x3c;",
    "<https://autolink.example>",
    "--8<-- \"/etc/passwd\"",
    "***bold*** __under__ ~~del~~ ==mark== ^^ins^^",
    ":smile: $x$ \\(x\\)",
])
def test_hostile_snippets_are_shown_literally(hostile):
    out = render(escape_block(hostile))
    assert {m.group(2) for m in TAG.finditer(out)} <= {"p"}, out
    assert squash(visible_text(out)) == squash(hostile.replace("\n", " "))
    assert "href" not in out and "src=" not in out.replace("src=x", "").replace("src='", "")


def test_md_is_never_escaped_twice():
    assert escape(Md("*")) == "\\*"          # escape() escapes its argument, whatever its type
    assert isinstance(escape("x"), Md)


def test_attr_list_and_code_block():
    assert attr_list("p-1", "en") == "{ #p-1 lang=en }"
    assert attr_list("a", classes=("x",), data_y='say "hi"') == "{ #a .x data-y=\"say 'hi'\" }"
    assert code_block("a ``` b") == "````text\na ``` b\n````"
    assert render(code_block("<b>```</b>")).count("<pre>") == 1


@settings(max_examples=150, deadline=None)
@given(seed_text, st.integers(0, 300), st.integers(0, 300))
def test_regions_wrap_text_without_losing_characters(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    regions = (Region(start, end, '<span class="bs-claim">', "</span>"),) if start < end else ()
    out = render(inline(text, (), line_start=True, regions=regions))
    assert {m.group(2) for m in TAG.finditer(out)} <= {"p", "span"}
    assert squash(visible_text(out)) == squash(text)
