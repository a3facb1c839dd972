"""End to end: the real seeds through ``mkdocs build --strict``, as a reader receives them."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support import REAL_SEEDS, make_project, mkdocs_build

pytestmark = pytest.mark.e2e

WORD = re.compile(r"\w+")


class _ArticleText(HTMLParser):
    """The visible text of the page's article, without permalink markers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += 1 if tag not in ("br", "img", "input", "hr", "meta", "link") else 0
            if "headerlink" in (attrs.get("class") or "") or self.skip:
                self.skip += 1
        elif tag == "article":
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            if self.skip:
                self.skip -= 1
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def article_text(html_file: Path) -> str:
    parser = _ArticleText()
    parser.feed(html_file.read_text("utf-8"))
    return " ".join("".join(parser.parts).split())


def seed_page(project: Path, seed: Path) -> Path:
    documents = json.loads((project / "site" / "data" / "documents.json").read_text("utf-8"))
    url = next(d["url"] for d in documents if d["source"] == seed.name)
    return project / "site" / url / "index.html"


@pytest.mark.parametrize("seed", sorted(REAL_SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_every_word_of_the_seed_appears_in_order_on_its_page(built_site: Path, seed: Path):
    page_text = article_text(seed_page(built_site, seed))
    position = 0
    for word in WORD.findall(seed.read_text("utf-8")):
        found = page_text.find(word, position)
        assert found >= 0, f"{word!r} missing after: {page_text[max(0, position - 80):position]!r}"
        position = found + len(word)


def test_generated_pages_have_the_expected_structure(built_site: Path):
    page = (built_site / "site" / "sources" / "004-d141cb6ebd3933d4" / "index.html").read_text("utf-8")
    assert '<h1 id="anthropic-mythos-洩露事件揭示其對ai能力躍進的激進賭注" lang="zh-Hant">' in page
    assert '<h2 id="常见问题" lang="zh-Hans">' in page
    assert page.count("<table") == 3 and 'class="bs-qa"' in page and "Data Takeaway" in page
    assert re.search(r'<p class="bs-translated-title" lang="en">.*Leak Reveals Radical AI Bet', page)
    other = (built_site / "site" / "sources" / "000-c336413c855311f7" / "index.html").read_text("utf-8")
    assert re.search(r'<aside[^>]*class="bs-publisher-note".*Gnoppix.*is the leading.*in the comments below', other, re.S)


_BLOCK_ID = re.compile(r'<(h[1-6]|p|li|dt|dd|table|tr|div)\b[^>]*\bid="([^"]+)"')


def test_every_block_of_a_source_page_has_a_visible_permalink(built_site: Path):
    """Headings, paragraphs, call-outs, list items, questions, answers, tables and table rows."""
    kinds = set()
    for seed in sorted(REAL_SEEDS.glob("*.txt")):
        page = seed_page(built_site, seed).read_text("utf-8")
        for tag, anchor in _BLOCK_ID.findall(page[page.index("<article"):page.index("</article>")]):
            kinds.add(tag)
            assert re.search(f'<a class="headerlink"[^>]* href="#{re.escape(anchor)}"', page), f"<{tag} id={anchor}>"
    assert {"h1", "h2", "p", "div", "li", "dt", "dd", "table", "tr"} <= kinds


def test_chinese_words_are_segmented_into_the_search_index(built_site: Path):
    index = json.loads((built_site / "site" / "search" / "search_index.json").read_text("utf-8"))
    chinese = [doc for doc in index["docs"] if "常见问题" in doc["title"].replace("\u200b", "")]
    assert chinese and chinese[0]["location"].startswith("sources/004")
    assert "\u200b" in chinese[0]["text"], "jieba segmentation did not run"


def test_the_site_requests_nothing_from_other_hosts(built_site: Path):
    external = re.compile(r"""(?:src|href|content)\s*=\s*["'](?:https?:)?//(?!example\.github\.io)""")
    for html_file in sorted((built_site / "site").rglob("*.html")):
        text = html_file.read_text("utf-8")
        assert not external.search(text), f"{html_file} refers to another host: {external.search(text).group(0)}"
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_two_builds_are_byte_identical(tmp_path: Path, built_site: Path):
    again = make_project(tmp_path, real_seeds=True)
    result = mkdocs_build(again)
    assert result.returncode == 0, result.stderr
    for folder in ("site", "docs"):
        first = {p.relative_to(built_site / folder): p.read_bytes() for p in (built_site / folder).rglob("*") if p.is_file()}
        second = {p.relative_to(again / folder): p.read_bytes() for p in (again / folder).rglob("*") if p.is_file()}
        assert sorted(first) == sorted(second)
        different = [str(name) for name in first if first[name] != second[name]]
        assert different == [], f"{folder}: {different}"


def test_a_warning_fails_the_strict_site_build(tmp_path: Path):
    project = make_project(tmp_path, {"good.txt": "Title\n\nText.", "bad.txt": bytes(range(256)) * 4})
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "seeds/bad.txt:1: warning[BS101]" in result.stderr


def test_pages_of_a_deleted_seed_disappear(tmp_path: Path):
    project = make_project(tmp_path, {"a.txt": "Alpha\n\nText.", "b.txt": "Beta\n\nText."})
    assert mkdocs_build(project).returncode == 0
    (project / "seeds" / "b.txt").unlink()
    assert mkdocs_build(project).returncode == 0
    assert not (project / "docs" / "sources" / "b.md").exists()
    assert not (project / "site" / "sources" / "b").exists()
