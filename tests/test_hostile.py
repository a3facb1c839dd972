"""Hostile and broken seeds, through the real site build.

Seeds are untrusted (README, *Trust model*). ``tests/hostile`` holds what a careless or
malicious seeds folder can contain; one ``mkdocs build --strict`` renders all of it (MkDocs
writes the whole site before it aborts on warnings) and the tests check what the build log
and a reader receive:

* the build fails with exactly the expected diagnostics, each naming file, line and reason;
* every character of every decodable seed is on its page, in order;
* no element, attribute or URL on any page came from a seed;
* page names and anchors are unique and stable; output is byte-identical across builds and
  across ``PYTHONHASHSEED`` values;
* the 5 MB seed and the 200,000-character line take linear time.

The 5 MB seed has a project of its own (one build of it takes about a minute), so that the
determinism tests rebuild only the small seeds.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from build_site.analyse.segments import PARAGRAPH_MAX
from build_site.analyse.structure import parse_document
from build_site.paths import GENERATED_DIRS, GENERATED_FILES
from build_site.pipeline import BuildOptions, build
from build_site.read import read_seeds
from tests.hostile import BROKEN_UTF8_TEXT, SECRET, add_symlinks, hostile_seeds, text_fixtures
from tests.hostile.pages import (FORBIDDEN_ATTRS, FORBIDDEN_TAGS, GENERATED_STYLE, TOKEN, URL_ATTRS, PageScan,
                                 generator_tags)
from tests.support import REPO, generate, make_project, mkdocs_build, site_markdown, write_seeds

BIG = "big.txt"
ALL_SEEDS = hostile_seeds()
SITE_SEEDS = {name: data for name, data in ALL_SEEDS.items() if name != BIG}

# What each decodable seed says, as the reader delivers it (control characters and invalid
# bytes shown as U+FFFD, NFC). Written out independently of build_site.read.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
TEXTS = {**text_fixtures(), "broken_utf8.txt": BROKEN_UTF8_TEXT.format("\ufffd"), "empty.txt": "",
         "whitespace_only.txt": ""}


def seed_says(name: str) -> str:
    return unicodedata.normalize("NFC", _CONTROL.sub("\ufffd", TEXTS[name]))


DECODABLE = sorted(name for name in TEXTS if name != BIG)

# The build log, in the generator's order (sorted by path, line, code). Each line names the
# file (control characters in a name escaped), the line when one applies, code and reason.
EXPECTED_DIAGNOSTICS = [
    "seeds/<b onmouseover=alert(1)>x.txt:1: info[BS108]: no short first line to use as title; using the file name",
    "seeds/@@.txt: warning[BS105]: its page name 'untitled' is taken by another seed; using 'untitled-2'",
    "seeds/README: info[BS106]: not a .txt or .md file; ignored",
    "seeds/Report.txt: warning[BS105]: its page name 'report' is taken by another seed; using 'report-3'",
    "seeds/ansi_escapes.txt:3: warning[BS104]: 4 control character(s) replaced by U+FFFD",
    "seeds/big5.txt:1: warning[BS102]: not UTF-8; decoded as big5",
    "seeds/binary.txt:2: warning[BS101]: binary content (NUL or control bytes); skipped",
    "seeds/broken_utf8.txt:3: warning[BS102]: not valid UTF-8; decoded as utf-8 with 1 invalid byte sequence(s) "
    "replaced by U+FFFD",
    "seeds/cp1252.txt:1: warning[BS102]: not UTF-8; decoded as cp1252",
    "seeds/data.txt.bak: info[BS106]: not a .txt or .md file; ignored",
    "seeds/empty.txt: warning[BS103]: the seed is empty",
    "seeds/gbk.txt:1: warning[BS102]: not UTF-8; decoded as gb18030",
    "seeds/image.png: info[BS106]: not a .txt or .md file; ignored",
    "seeds/leak.txt: warning[BS107]: cannot read the file: a symbolic link to outside the seeds folder",
    "seeds/notes.pdf: info[BS106]: not a .txt or .md file; ignored",
    "seeds/nul_byte.txt:3: warning[BS104]: 1 control character(s) replaced by U+FFFD",
    "seeds/page.html: info[BS106]: not a .txt or .md file; ignored",
    "seeds/report!.txt: warning[BS105]: its page name 'report' is taken by another seed; using 'report-4'",
    "seeds/script.js: info[BS106]: not a .txt or .md file; ignored",

    "seeds/utf16.txt:1: warning[BS102]: not UTF-8; decoded as utf_16",
    "seeds/whitespace_only.txt: warning[BS103]: the seed is empty",
    "seeds/wide_table.txt:5: info[BS110]: table row padded to 45 cells",
    "seeds/wide_table.txt:7: info[BS110]: table row padded to 45 cells",
    "seeds/wide_table.txt:8: info[BS110]: table row padded to 45 cells",
    "seeds/wide_table.txt:10: info[BS110]: table row padded to 45 cells",
    "seeds/wide_table.txt:11: info[BS110]: table row padded to 45 cells",
    "seeds/x\\n::error file=mkdocs.yml::forged.pdf: info[BS106]: not a .txt or .md file; ignored",
]
EXPECTED_WARNINGS = [d for d in EXPECTED_DIAGNOSTICS if ": warning[" in d or ": error[" in d]


@dataclass(frozen=True)
class Built:
    project: Path
    result: subprocess.CompletedProcess[str]

    @property
    def site(self) -> Path:
        return self.project / "site"


def build_project(tmp_path: Path) -> Built:
    project = make_project(tmp_path, SITE_SEEDS)
    add_symlinks(project / "seeds")
    return Built(project, mkdocs_build(project))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build_project(tmp_path_factory.mktemp("hostile"))
    assert (built.site / "data" / "documents.json").is_file(), built.result.stderr[-3000:]
    return built


def documents(built: Built) -> list[dict]:
    return json.loads((built.site / "data" / "documents.json").read_text("utf-8"))


def page_of(built: Built, source: str) -> Path:
    url = next(d["url"] for d in documents(built) if d["source"] == source)
    return built.site / url / "index.html"


# --- Reading a built page ------------------------------------------------------------------

@lru_cache(maxsize=None)
def scan(html_file: Path) -> PageScan:
    parser = PageScan()
    parser.feed(html_file.read_text("utf-8"))
    parser.close()
    return parser


def visible_text(html_file: Path) -> str:
    return " ".join("".join(scan(html_file).text).split())


def site_pages(built: Built) -> list[Path]:
    return sorted(built.site.rglob("*.html"))


# --- The build log ------------------------------------------------------------------------

_LOG_LINE = re.compile(r"^(INFO|WARNING|ERROR)\s+-\s+(seeds/.*)$")


def test_the_strict_build_fails_with_exactly_the_expected_diagnostics(hostile_site: Built):
    log = hostile_site.result.stderr.splitlines()
    diagnostics = [(m[1], m[2]) for line in log if (m := _LOG_LINE.match(line))]
    assert [message for _, message in diagnostics] == EXPECTED_DIAGNOSTICS
    for level, message in diagnostics:
        severity = re.search(r": (info|warning|error)\[BS\d+\]: ", message).group(1)
        assert level == severity.upper()
    # MkDocs added no warning of its own (a broken link or anchor would be one)...
    assert [line for line in log if line.startswith(("WARNING", "ERROR"))] == [
        f"WARNING -  {message}" for message in EXPECTED_WARNINGS]
    # ...and strict mode failed on exactly the generator's warnings, after writing the site.
    assert hostile_site.result.returncode == 1
    output = hostile_site.result.stdout + hostile_site.result.stderr
    assert f"Aborted with {len(EXPECTED_WARNINGS)} warnings in strict mode!" in output


def test_the_generator_reports_the_same_diagnostics_without_mkdocs(tmp_path: Path):
    seeds_dir = write_seeds(tmp_path / "seeds", SITE_SEEDS)
    add_symlinks(seeds_dir)
    seeds, diagnostics = read_seeds(seeds_dir)
    read_codes = {"BS101", "BS102", "BS103", "BS104", "BS105", "BS106", "BS107"}
    assert [d.format() for d in sorted(diagnostics)] == [
        d for d in EXPECTED_DIAGNOSTICS if re.search(r"\[(BS\d+)\]", d)[1] in read_codes]
    assert sorted(seed.path for seed in seeds) == DECODABLE


# --- Pages and their text -----------------------------------------------------------------

def test_every_decodable_seed_has_one_page_and_nothing_else_is_published(hostile_site: Built):
    assert sorted(d["source"] for d in documents(hostile_site)) == DECODABLE
    everything = b"".join(p.read_bytes() for p in sorted(hostile_site.site.rglob("*")) if p.is_file())
    assert SECRET.encode("utf-8") not in everything
    assert b"NOT-A-SEED" not in everything


# Table separator lines are structure; their dashes and pipes are not text.
_SEPARATOR_LINE = re.compile(r"^ *\|? *:?-{2,}:? *(?:\| *:?-{2,}:? *)*\|? *$", re.M)
# Structure that a page shows as structure, not as characters: list bullets, ATX marks
# (opening, and closing after a space), table pipes (and the backslash of an escaped pipe).
_MARKS = re.compile(r"^ {0,3}[-*+•‣◦·] +(?=\S)|^ {0,3}#{1,6} +(?=\S)| #+ *$", re.M)
_ASCII_PUNCTUATION = "!\"$%&'()*+,-./:;<=>?@[\\]^_`{}~#"


def in_page_order(text: str) -> str:
    """The seed's text in the order its page shows it: the title line first, before any
    front matter of ``key: value`` lines (shown, folded, after the metadata box)."""
    match = re.match(r"---\n((?:(?:[\w-]+\s*:|\s+|-\s).*\n)+)---\n\s*(.+)\n", text)
    return f"{match[2]}\n{text[:match.start(2)]}{text[match.end(2):]}" if match else text


@pytest.mark.parametrize("name", DECODABLE)
def test_every_character_of_the_seed_is_on_its_page_in_order(hostile_site: Built, name: str):
    text = seed_says(name)
    # White space is layout: the page may add some (after a claim label in Chinese text).
    page = "".join(visible_text(page_of(hostile_site, name)).split())
    position = 0
    for token in TOKEN.findall(in_page_order(text)):
        found = page.find(token, position)
        assert found >= 0, f"{token!r} missing after: {page[max(0, position - 80):position]!r}"
        position = found + len(token)
    # ASCII punctuation is what markup is made of: it must all be shown, not interpreted.
    shown = _MARKS.sub(" ", _SEPARATOR_LINE.sub("", text)).replace("\\|", "|")
    for char in _ASCII_PUNCTUATION:
        assert page.count(char) >= shown.count(char), (char, shown.count(char), page.count(char))


def test_invisible_and_direction_characters_are_kept_not_dropped(hostile_site: Built):
    page = visible_text(page_of(hostile_site, "unicode_tricks.txt"))
    invisible = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202e\u202c\u2066\u2067\u2068\u2069\u200f\u200e\u061c\ufe0e"
    for char in invisible + "\U000E0041":
        assert page.count(char) >= seed_says("unicode_tricks.txt").count(char), f"U+{ord(char):04X}"


def test_hostile_markup_is_shown_as_written(hostile_site: Built):
    page = visible_text(page_of(hostile_site, "html_and_script.txt"))
    for line in ('<iframe src="https://evil.example/frame" width="1" height="1"></iframe>',
                 "<!-- this text would be hidden by an HTML comment -->",
                 "&lt;script&gt; as entities, &#106;avascript:alert(1), &#x3C;b&#x3E; and &amp; stay literal.",
                 "<img src=x onerror=alert(2)>", '[evil]: https://evil.example/ref "Reference"'):
        assert line in page
    page = visible_text(page_of(hostile_site, "template_syntax.txt"))
    for line in ("{{ 7*7 }}", "{% include \"main.html\" %}", "{# this would vanish #}", "{{{ triple }}}"):
        assert line in page
    page = visible_text(page_of(hostile_site, "markdown_reshaping.md"))
    for line in ("```python", "==mark== ++ctrl+alt+del++", '--8<-- "/etc/passwd"', "*[HTML]: Hyper Text",
                 "[^1]: The footnote", '!!! danger "Admonition title"', "{: #custom-id .evil onclick=\"alert(1)\" }",
                 "\\*not emphasis\\*", "1986\\. A great season"):
        assert line in page


def test_front_matter_in_a_seed_is_shown_not_obeyed(hostile_site: Built):
    page_file = page_of(hostile_site, "front_matter.md")
    assert "".join(scan(page_file).title).startswith("Real Title After The Front Matter")
    assert "template: ../../etc/passwd.html" in visible_text(page_file)

    def components(page: Path) -> set[str]:
        return {attrs["data-md-component"] for _, attrs, _ in scan(page).elements if "data-md-component" in attrs}

    assert {"sidebar", "toc"} <= components(page_file) == components(page_of(hostile_site, "bom_crlf.txt"))
    index = json.loads((hostile_site.site / "search" / "search_index.json").read_text("utf-8"))
    assert any(doc["location"].startswith("sources/front-matter/") for doc in index["docs"])


def test_a_wide_ragged_table_keeps_every_cell(hostile_site: Built):
    elements = scan(page_of(hostile_site, "wide_table.txt")).elements
    assert sum(1 for tag, _, _ in elements if tag == "th") == 45
    assert sum(1 for tag, _, _ in elements if tag == "td") == 5 * 45


@pytest.mark.parametrize("rows", ["", "| Acme Inc | " + "lorem " * 1_000 + "|\n"],
                         ids=["no rows", "one 6,000-character row"])
def test_a_table_without_rows_keeps_its_header(tmp_path: Path, rows: str):
    """A header and its separator line alone (an over-long row is read as a paragraph)
    crashed the build: 'tuple index out of range'."""
    docs, report = generate(tmp_path, {"x.txt": f"Title\n\nText before.\n\n| Company | Notes |\n|---|---|\n{rows}"})
    page = (docs / "sources" / "x.md").read_text("utf-8")
    assert re.search(r'<th scope="col" markdown="span">Company</th><th scope="col" markdown="span">Notes \[¶\]', page)
    assert page.count("lorem") == rows.count("lorem")
    assert (docs / "data" / "tables").is_dir() and report.diagnostics == ()


# --- A stage that fails -------------------------------------------------------------------
# Any exception inside a stage is a bug; it is isolated to its seed (BS199) and loses no text.

def _fail_on(marker: str, stage):
    """``stage``, failing whenever the text it is given holds ``marker``."""
    def failing(document_or_seed, *args):
        text = (document_or_seed.text if hasattr(document_or_seed, "text")
                else "\n".join(p.text for p in document_or_seed.passages))
        if marker in text:
            raise RuntimeError("injected failure")
        return stage(document_or_seed, *args)
    return failing


def test_a_failing_structure_stage_still_shows_every_line_of_the_seed(tmp_path: Path, monkeypatch):
    import build_site.documents as stages
    monkeypatch.setattr(stages, "parse_document", _fail_on("kaboom", stages.parse_document))
    text = "the title line\n\nA <b>first</b> paragraph.\n- an item kaboom\n\n| a | b |\n" + "x" * 12_000 + "\n"
    docs, report = generate(tmp_path, {"bad.txt": text, "good.txt": "Good Title\n\nAcme Corp said so."})
    assert [d.format() for d in report.diagnostics] == [
        "seeds/bad.txt:4: error[BS199]: structure stage failed: RuntimeError('injected failure'); "
        "its lines are shown as plain paragraphs"]
    page = (docs / "sources" / "bad.md").read_text("utf-8")
    for line in ("the title line", "A \\<b\\>first\\</b\\> paragraph.", "\\- an item kaboom", "\\| a \\| b \\|"):
        assert f"\n{line} [¶](#p-line-" in page, line
    assert page.count("x" * 5_000) == 2 and "#p-line-7-3" in page
    assert "# Good Title" in (docs / "sources" / "good.md").read_text("utf-8")


def test_a_failing_analysis_stage_keeps_the_seed_page_and_the_other_seeds_analysis(tmp_path: Path, monkeypatch):
    import build_site.documents as stages
    monkeypatch.setattr(stages, "extract_claims", _fail_on("kaboom", stages.extract_claims))
    said = "Acme Corp reportedly raised $5 billion in 2025."
    docs, report = generate(tmp_path, {"bad.txt": f"Bad Title\n\n{said}\n\nThe kaboom paragraph.",
                                       "good.txt": f"Good Title\n\n{said}"})
    assert [d.format() for d in report.diagnostics] == [
        "seeds/bad.txt:5: error[BS199]: claims stage failed: RuntimeError('injected failure')"]
    claims = json.loads((docs / "data" / "claims.json").read_text("utf-8"))
    assert {claim["document"] for claim in claims} == {"good"}
    assert "raised \\$5 billion in" in (docs / "sources" / "bad.md").read_text("utf-8")


# --- Nothing from a seed becomes markup ----------------------------------------------------

def _resolves(site: Path, page: Path, href: str) -> bool:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        return False
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file() or not target.is_relative_to(site.resolve()):
        return False
    return not parts.fragment or target.suffix != ".html" or unquote(parts.fragment) in scan(target).ids


SITE_HOST = "example.github.io"        # site_url in mkdocs.yml: the theme's canonical links
HAND_WRITTEN = frozenset({"404.html", "about/index.html"})


def test_no_element_attribute_or_url_on_any_page_comes_from_a_seed(hostile_site: Built):
    site = hostile_site.site
    about = scan(site / "about" / "index.html")
    allowed = generator_tags()
    for page in site_pages(hostile_site):
        found = scan(page)
        where = page.relative_to(site)
        if where.as_posix() in HAND_WRITTEN:
            continue
        assert len(found.ids) == len(set(found.ids)), f"{where}: duplicate ids"
        for tag, attrs, in_article in found.elements:
            assert not (tag == "meta" and "http-equiv" in attrs), f"{where}: <meta http-equiv>"
            for name, value in attrs.items():
                assert not name.startswith("on"), f"{where}: <{tag} {name}>"
                if name in URL_ATTRS:
                    url = urlsplit(value.strip())
                    assert url.scheme in ("", "http", "https"), f"{where}: <{tag} {name}={value!r}>"
                    assert url.netloc in ("", SITE_HOST), f"{where}: <{tag} {name}={value!r}>"
            if not in_article:
                continue
            assert tag in allowed, f"{where}: <{tag}> inside the article"
            assert not FORBIDDEN_ATTRS & set(attrs), f"{where}: <{tag} {sorted(FORBIDDEN_ATTRS & set(attrs))}>"
            if "style" in attrs:
                assert GENERATED_STYLE.fullmatch(attrs["style"]), f"{where}: <{tag} style={attrs['style']!r}>"
            if "href" in attrs:       # the generator's links: relative, or an anchor on the page
                url = urlsplit(attrs["href"])
                assert not (url.scheme or url.netloc or url.path.startswith("/")), f"{where}: {attrs['href']!r}"
        # The theme's own scripts, nothing more: same number as on the hand-written About page.
        assert [e[0] for e in found.elements].count("script") == [e[0] for e in about.elements].count("script")
        assert not any("alert" in script or "evil" in script for script in found.scripts), where


def test_every_link_in_an_article_leads_to_a_page_and_anchor_that_exist(hostile_site: Built):
    site = hostile_site.site
    broken = [f"{page.relative_to(site)}: {attrs['href']}" for page in site_pages(hostile_site)
              if page.relative_to(site).as_posix() not in HAND_WRITTEN
              for tag, attrs, in_article in scan(page).elements
              if in_article and "href" in attrs and not _resolves(site, page, attrs["href"])]
    assert broken == []


def test_the_search_index_holds_no_markup_from_a_seed(hostile_site: Built):
    index = json.loads((hostile_site.site / "search" / "search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            found = PageScan()
            found.feed(doc[key])
            tags = {tag for tag, _, _ in found.elements}
            assert not tags & FORBIDDEN_TAGS, f"{doc['location']} {key}: {tags & FORBIDDEN_TAGS}"
            assert not any(name.startswith("on") for _, attrs, _ in found.elements for name in attrs)


def test_attribute_lists_in_a_seed_set_no_id_or_class(hostile_site: Built):
    found = scan(page_of(hostile_site, "markdown_reshaping.md"))
    assert not {"custom-id", "evil-id"} & set(found.ids)
    assert not any("evil" in attrs.get("class", "") for _, attrs, _ in found.elements)


# --- Names ----------------------------------------------------------------------------------

def test_page_names_are_unique_and_follow_the_file_names(hostile_site: Built):
    ids = {d["source"]: d["id"] for d in documents(hostile_site)}
    assert len(set(ids.values())) == len(ids)
    assert {name: ids[name] for name in (
        "Report.txt", "report!.txt", "report-2.txt", "report.md", "my report.txt", "Überblick 报告.txt",
        "UPPER.TXT", "Notes.MD", "sub/dir/nested.txt", "folder.txt/inner.txt", "<b onmouseover=alert(1)>x.txt",
        "{{ 7*7 }}.md", "@@.txt", "untitled.txt", "line\nbreak.txt")} == {
        "Report.txt": "report-3", "report!.txt": "report-4", "report-2.txt": "report-2", "report.md": "report",
        "my report.txt": "my-report", "Überblick 报告.txt": "überblick-报告", "UPPER.TXT": "upper",
        "Notes.MD": "notes", "sub/dir/nested.txt": "nested", "folder.txt/inner.txt": "inner",
        "<b onmouseover=alert(1)>x.txt": "b-onmouseover-alert-1-x", "{{ 7*7 }}.md": "7-7",
        "@@.txt": "untitled-2", "untitled.txt": "untitled", "line\nbreak.txt": "line-break"}
    for slug in ids.values():
        assert re.fullmatch(r"[\w-]+", slug) and not slug.startswith("-"), slug


def test_names_made_from_seed_text_fit_in_a_file_name(tmp_path: Path):
    """File systems take 255 bytes per name. A seed named with 80 Chinese characters (240
    bytes) holding a table, and an entity named by a 50,000-character hyphenated word, each
    crashed the build with 'File name too long'."""
    long_name, table = "报" * 80, "标题\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    docs, report = generate(tmp_path, {f"{long_name}.txt": table, f"{long_name}.md": table,
                                       "word.txt": "Title\n\n" + "-".join(["Acme"] * 10_000) + "\n"})
    written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
    assert max(len(name.encode("utf-8")) for path in written for name in path.split("/")) <= 255 - len(".tmp")
    # Both seeds have a page and a table CSV, the second one's name with a suffix.
    pages = [path for path in written if path.startswith("sources/报")]
    assert len(pages) == 2 and sum(path.endswith("-2.md") for path in pages) == 1
    assert len([path for path in written if path.startswith("data/tables/报")]) == 2
    assert any(path.startswith("entities/acme-acme-") for path in written)
    assert [d.code for d in report.diagnostics] == ["BS105"]


def test_an_entity_named_index_does_not_take_the_page_listing_the_entities(tmp_path: Path):
    """It crashed the build: 'two generated files share the path entities/index.md'."""
    docs, _ = generate(tmp_path, {"index.txt": "Market Report\n\nIndex said on Monday it will expand. Analysts "
                                               "at Index expect growth, and Index partnered with Acme Corp.\n"})
    assert (docs / "entities" / "index-2.md").read_text("utf-8").count("Index") > 1
    assert (docs / "entities" / "index.md").read_text("utf-8").startswith("---\ndescription: ")
    assert "](<index-2.md>" in (docs / "entities" / "index.md").read_text("utf-8")


def heading_ids(built: Built) -> list[str]:
    found = scan(page_of(built, "slug_collisions.txt"))
    return [attrs["id"] for tag, attrs, in_article in found.elements if in_article and tag in ("h1", "h2")
            and attrs["id"] != "about-this-source"]


def test_colliding_headings_get_unique_anchors_the_title_first(hostile_site: Built):
    # Title "Results"; headings "RÉSULTATS", "Résultats", "Results 2", "¶¶¶", "\u202eResults".
    # ("Results!" ends like a sentence and "results" starts in lower case: paragraphs.)
    # "Results 2" is its own slug, so the later "\u202eResults" (the override is dropped) is -3.
    assert heading_ids(hostile_site) == ["results", "résultats", "résultats-2", "results-2", "h-8faf7de4",
                                         "results-3"]


def test_a_file_name_is_shown_as_text(hostile_site: Built):
    page = page_of(hostile_site, "<b onmouseover=alert(1)>x.txt")
    assert "".join(scan(page).title).startswith("<b onmouseover=alert(1)>x")
    assert "seeds/<b onmouseover=alert(1)>x.txt" in "".join(scan(page).all_text)
    assert "seeds/line\\nbreak.txt" in "".join(scan(page_of(hostile_site, "line\nbreak.txt")).all_text)


# --- Determinism ----------------------------------------------------------------------------

def files_below(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_second_build_is_byte_identical(hostile_site: Built, tmp_path: Path):
    # A copy of the first project's inputs (not of the repository, which others may be editing).
    again = tmp_path / "project"
    shutil.copytree(hostile_site.project, again, symlinks=True, ignore=shutil.ignore_patterns("site"))
    for generated in [*GENERATED_FILES, *GENERATED_DIRS, ".build_site"]:
        target = again / "docs" / generated
        shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    result = mkdocs_build(again)
    assert result.stderr.count("[BS") == hostile_site.result.stderr.count("[BS")
    for folder in ("docs", "site"):
        first, second = files_below(hostile_site.project / folder), files_below(again / folder)
        assert sorted(first) == sorted(second)
        assert [name for name in first if first[name] != second[name]] == [], folder


def test_generated_pages_do_not_depend_on_the_hash_seed(hostile_site: Built, tmp_path: Path):
    trees = []
    for hash_seed in ("1", "2"):
        docs = tmp_path / f"docs-{hash_seed}"
        subprocess.run(
            [sys.executable, "-m", "build_site", "--seeds", str(hostile_site.project / "seeds"), "--docs", str(docs),
             "--config", str(hostile_site.project / "mkdocs.yml"), "--quiet"],
            cwd=REPO, env={**os.environ, "PYTHONHASHSEED": hash_seed}, capture_output=True, text=True, timeout=600,
            check=False)
        trees.append(files_below(docs))
    assert trees[0] and sorted(trees[0]) == sorted(trees[1])
    assert [name for name in trees[0] if trees[0][name] != trees[1][name]] == []


# --- Size: linear time ----------------------------------------------------------------------

def _markdown_seconds(markdown_text: str) -> float:
    md = site_markdown()
    start = time.perf_counter()
    md.convert(markdown_text)
    return time.perf_counter() - start


@pytest.mark.parametrize("name", ["long_line.txt", "wrapped_no_blank_lines.txt"])
def test_a_huge_paragraph_renders_in_linear_time(hostile_site: Built, name: str):
    """Python-Markdown rebuilds a paragraph's text for every escape in it (quadratic in the
    paragraph's length): a 200,000-character line took 25 s to render, 250 KB of hard-wrapped
    lines without a blank line much longer. The structure stage now splits such text."""
    page = page_of(hostile_site, name).parent.name
    markdown_text = (hostile_site.project / "docs" / "sources" / f"{page}.md").read_text("utf-8")
    # No paragraph of escaped seed text is longer than PARAGRAPH_MAX characters, escaped...
    assert max(len(line) for line in markdown_text.split("\n")) < 3 * PARAGRAPH_MAX
    # ...so rendering takes a few seconds, not minutes (generous: machines are busy).
    assert _markdown_seconds(markdown_text.split("\n---\n", 1)[1]) < 30


def test_the_5_mb_seed_builds_in_reasonable_time_and_shows_every_character(tmp_path: Path):
    """Its own project: one ``mkdocs build --strict`` of it takes about a minute (~55 s idle)."""
    assert len(ALL_SEEDS[BIG]) >= 5 * 1024 * 1024
    project = make_project(tmp_path, {BIG: ALL_SEEDS[BIG]})
    start = time.perf_counter()
    result = mkdocs_build(project)
    seconds = time.perf_counter() - start
    assert result.returncode == 0, result.stderr[-3000:]
    assert seconds < 180, f"{seconds:.0f} s"
    # No paragraph of escaped text is unboundedly long (rendering is quadratic in its length).
    markdown_text = (project / "docs" / "sources" / "big.md").read_text("utf-8")
    assert max(len(line) for line in markdown_text.split("\n")) < 3 * PARAGRAPH_MAX
    page_file = page_of(Built(project, result), BIG)
    page = "".join(visible_text(page_file).split())
    position = 0
    for token in TOKEN.findall(seed_says(BIG)):
        found = page.find(token, position)
        assert found >= 0, f"{token!r} missing after: {page[max(0, position - 80):position]!r}"
        position = found + len(token)
    allowed = generator_tags()
    for tag, attrs, in_article in scan(page_file).elements:
        assert not in_article or (tag in allowed and not FORBIDDEN_ATTRS & set(attrs)), (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)


# --- Linear time in the other stages ------------------------------------------------------

def _generate_seconds(tmp_path: Path, seeds: dict[str, str]) -> float:
    start = time.perf_counter()
    build(BuildOptions(seeds_dir=write_seeds(tmp_path / "seeds", seeds), docs_dir=tmp_path / "docs"))
    return time.perf_counter() - start


def test_repeated_identical_lines_take_linear_time():
    from build_site.model import Seed

    def seconds(text: str) -> float:
        seed = Seed(path="x.txt", display_path="seeds/x.txt", slug="x", text=text, sha256="0" * 64, encoding="utf-8")
        start = time.perf_counter()
        parse_document(seed)
        return time.perf_counter() - start

    distinct = seconds("Title\n\n" + "".join(f"| cell {n} | value |\n" for n in range(5000)))
    identical = seconds("Title\n\n" + "| cell | value |\n" * 5000)
    assert identical < 3 * distinct + 0.5, f"{identical:.1f} s for identical rows, {distinct:.1f} s for distinct ones"


def test_a_long_word_next_to_chinese_takes_linear_time(tmp_path: Path):
    # Words under PARAGRAPH_MAX: longer lines are cut into paragraphs, which bounds the damage.
    _generate_seconds(tmp_path / "warm-up", {"x.txt": "标题\n\n中文 text"})
    one_word = "标题\n\n" + "".join(f"中文{k} " + "a" * 4_900 + "\n\n" for k in range(6))
    words = "标题\n\n" + "".join(f"中文{k} " + "aaaaaaaaa " * 490 + "\n\n" for k in range(6))
    one_word_seconds = _generate_seconds(tmp_path / "word", {"x.txt": one_word})
    words_seconds = _generate_seconds(tmp_path / "words", {"x.txt": words})
    assert one_word_seconds < 4 * words_seconds + 0.5, f"{one_word_seconds:.1f} s with 4,900-letter words, " \
                                                         f"{words_seconds:.1f} s with the same letters in words"


@pytest.mark.parametrize("name", ["empty.txt", "whitespace_only.txt"])
def test_the_page_of_an_empty_seed_says_it_is_empty(hostile_site: Built, name: str):
    title = Path(name).stem.replace("_", " ")          # no title line: the file's name
    text = visible_text(page_of(hostile_site, name))
    assert text.startswith(title) and "empty" in text[len(title):]
