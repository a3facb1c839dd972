"""A reader's journeys through the site, in Debian's Chromium driven by Playwright.

From the home page to a source, to an entity named in its text, to one of that entity's
events on the timeline, and back; the dark scheme; every page type on a 390 px phone, with
no error in the console and no request to another host; the offline copy from file://.
Set BS_SKIP_BROWSER=1 to skip these tests on a machine without Chromium.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tools.check_site import axe, links
from tools.check_site.offline import SHIM, build_offline
from tools.check_site.pages import all_pages, built_site_url

pytestmark = pytest.mark.browser

if os.environ.get("BS_SKIP_BROWSER") == "1":
    pytest.skip("BS_SKIP_BROWSER=1", allow_module_level=True)

SOURCE = "sources/004-d141cb6ebd3933d4/"     # the Chinese article: entity links in its text
PHONE = 390
# Content that may scroll sideways inside its own box instead of widening the page.
SCROLLERS = ".md-typeset__scrollwrap, .bs-table, .bs-chart"
TOO_WIDE = """([width, scrollers]) => {
  const wide = [];
  for (const el of document.querySelectorAll('.md-main *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5 || el.closest(scrollers)) continue;
    const name = el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    wide.push(`${name} (right edge ${Math.round(box.right)} px): ${(el.textContent || '').trim().slice(0, 50)}`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10)};
}"""


def new_page(browser, width: int = 1280, scheme: str = "light"):
    """A fresh window that records the hosts it asks for and every error it logs."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.requested_hosts = set()
    page.errors = []
    page.on("request", lambda request: page.requested_hosts.add(urlparse(request.url).netloc))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(f"console: {msg.text}"))
    page.on("pageerror", lambda error: page.errors.append(f"uncaught: {error}"))
    return page


@pytest.fixture()
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


def heading(page) -> str:
    """The page's title as read: the first heading, without its ¶ permalink."""
    return page.locator("article h1").first.evaluate(
        "h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim()")


def test_home_source_entity_timeline_event_and_back(page, base_url):
    page.goto(base_url)
    page.locator(f'article a[href*="{SOURCE}"]').first.click()
    page.wait_for_url(f"**/{SOURCE}")

    mention = page.locator('article p a.bs-entity[href*="entities/anthropic/"]').first
    mention.click()
    page.wait_for_url("**/entities/anthropic/")
    entity_url, entity_heading = page.url, heading(page)
    assert entity_heading == "Anthropic"

    event_links = page.locator('article a[href*="timeline/"][href*="#"]')   # timeline/ or timeline/2024/
    assert event_links.count() > 0, "the entity page links none of its events to the timeline"
    event_id = unquote(event_links.first.get_attribute("href").split("#", 1)[1])
    event_links.first.click()
    page.wait_for_url(f"**/timeline/**#{event_id}")
    event = page.locator(f'[id="{event_id}"]')
    assert event.count() == 1
    top = event.evaluate("element => element.getBoundingClientRect().top")
    assert 0 <= top < 450, f"the event is {top}px from the top of the window"

    page.go_back()
    page.wait_for_url(entity_url)
    assert heading(page) == entity_heading
    assert page.errors == []
    assert page.requested_hosts == {urlparse(base_url).netloc}


def test_the_palette_toggle_switches_to_dark_and_back_and_dark_stays_accessible(page, base_url):
    if axe.missing_tools():
        pytest.fail(axe.missing_tools(), pytrace=False)
    page.goto(base_url + SOURCE)
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"

    page.locator('label[title="Switch to dark mode"]').click()
    page.wait_for_function(f"() => ({scheme})() === 'slate'")
    violations = axe.run_axe(page)
    assert violations == [], "\n".join(axe.describe(violations))

    page.locator(".md-tabs").get_by_role("link", name="Timeline").click()   # the choice is kept
    page.wait_for_url("**/timeline/")
    assert page.evaluate(scheme) == "slate"
    violations = axe.run_axe(page)
    assert violations == [], "\n".join(axe.describe(violations))

    page.reload()
    assert page.evaluate(scheme) == "slate"
    page.locator('label[title="Switch to light mode"]').click()
    page.wait_for_function(f"() => ({scheme})() === 'default'")
    assert page.errors == []


def test_no_page_type_logs_an_error_or_asks_another_host(browser, base_url, samples):
    problems = {}
    for sample in samples:
        page = new_page(browser)
        try:
            page.goto(base_url + sample.path, wait_until="load")
            page.wait_for_timeout(300)                   # late work: search index, observers
            found = list(page.errors)
            other_hosts = page.requested_hosts - {urlparse(base_url).netloc}
            if other_hosts:
                found.append(f"requests to other hosts: {sorted(other_hosts)}")
        finally:
            page.context.close()
        if found:
            problems[sample.page_type] = found
    assert problems == {}, "\n".join(f"{kind}: {found}" for kind, found in problems.items())


def test_every_page_type_fits_a_390px_wide_phone(browser, base_url, samples):
    problems = {}
    page = new_page(browser, width=PHONE)
    try:
        for sample in samples:
            page.goto(base_url + sample.path, wait_until="load")
            result = page.evaluate(TOO_WIDE, [PHONE, SCROLLERS])
            if result["scrollWidth"] > PHONE or result["wide"]:
                problems[sample.page_type] = result
    finally:
        page.context.close()
    assert problems == {}, "\n".join(
        f"{kind}: page {found['scrollWidth']} px wide; " + "; ".join(found["wide"]) for kind, found in problems.items())


@pytest.fixture(scope="module")
def offline_copy(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SHIM.is_file():
        pytest.fail(f"{SHIM} is missing: run `npm ci` at the repository root (make test does)", pytrace=False)
    out = tmp_path_factory.mktemp("offline") / "site-offline"
    build_offline(built_site / "mkdocs.yml", out)
    return out


def test_the_offline_copy_opens_from_the_file_system_and_search_works(browser, offline_copy):
    page = new_page(browser)
    try:
        page.goto((offline_copy / "index.html").as_uri())
        axe.show_search_results(page, "Arrakis")
        results = page.locator(".md-search-result__item a")
        hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
        assert any("sources/004-d141cb6ebd3933d4.html" in href for href in hrefs), hrefs
        results.first.click()
        page.wait_for_load_state()
        assert page.url.startswith("file://") and ".html" in page.url
        assert "Arrakis" in page.locator("article").inner_text().replace("\u200b", "")
        assert page.requested_hosts == {""}, page.requested_hosts       # file:// only
        assert page.errors == []
    finally:
        page.context.close()


def test_every_link_of_the_offline_copy_opens_from_the_file_system(offline_copy):
    result = links.check_links(offline_copy, all_pages(offline_copy), built_site_url(offline_copy), offline=True)
    assert result.problems == [], "\n".join(result.problems)


def test_an_annotation_says_what_the_other_source_says_and_leads_to_the_claims_page(page, base_url: str):
    """The contradiction between the two seeds, from the claim in the text to its row."""
    page.goto(base_url + SOURCE)
    marker = page.locator("p.annotate .md-annotation").first
    marker.wait_for()
    marker.locator(".md-annotation__index").click(force=True)      # the index pulses: never "stable"
    tooltip = marker.locator(".md-tooltip__inner")
    tooltip.wait_for(state="visible")
    assert "Sources conflict" in tooltip.inner_text()
    assert "From GPT-2 to Claude Mythos" in tooltip.inner_text()     # what the other source says
    tooltip.get_by_role("link", name="Compare on the claims page").click()
    page.wait_for_url("**/claims/#cmp-*")
    row = page.locator(f"tr#{page.url.rsplit('#', 1)[1]}")
    assert "Sources conflict" in row.inner_text() and row.is_visible()
    assert not page.errors


# ---- titles in any script and direction -----------------------------------------------------

BIDI_TITLES = {
    "override.txt": "Quarterly notes \u202egnp.exe on OpenAI",     # an unterminated RIGHT-TO-LEFT OVERRIDE
    "arabic.txt": "تقرير عن OpenAI و Anthropic",
    "chinese.txt": "关于OpenAI与Anthropic竞争的报告",
}
BIDI_BODY = ("OpenAI and Anthropic compete on reasoning models. On 12 March 2024 OpenAI released a new "
             "model, and Anthropic answered in June 2024.\n\nAnalysts said Anthropic may release Claude 4 "
             "in 2025, while OpenAI is expected to follow.\n")


@pytest.fixture(scope="module")
def bidi_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.support import make_project, mkdocs_build

    seeds = {name: f"{title}\n\n{BIDI_BODY}" for name, title in BIDI_TITLES.items()}
    project = make_project(tmp_path_factory.mktemp("bidi"), seeds)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def title_occurrences(html: str, titles: list[str]) -> list[tuple[str, list[tuple[str, dict]]]]:
    """Each place in the page body where a source title is printed, with the elements around it."""
    from html.parser import HTMLParser

    found = []

    class Scan(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.stack: list[tuple[str, dict]] = []

        def handle_starttag(self, tag, attrs):
            if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr", "path", "rect"):
                self.stack.append((tag, dict(attrs)))

        def handle_endtag(self, tag):
            if any(open_tag == tag for open_tag, _ in self.stack):
                while self.stack.pop()[0] != tag:
                    pass

        def handle_data(self, data):
            inside = [tag for tag, _ in self.stack]
            if "body" not in inside or {"script", "title", "svg"} & set(inside):
                return
            found.extend((title, list(self.stack)) for title in titles if title[:12] in data)

    Scan().feed(html)
    return found


def test_a_title_printed_on_another_page_is_isolated_and_says_its_language(bidi_site: Path):
    """A title with a right-to-left override, an Arabic and a Chinese one: wherever another page
    prints them (home cards, entity pages, timeline, claims, related sources, previous/next), the
    title sits in a <bdi>, and the Chinese one carries its lang."""
    titles = list(BIDI_TITLES.values())
    pages_with_titles = set()
    for page in sorted(bidi_site.rglob("*.html")):
        rel = page.relative_to(bidi_site).as_posix()
        html = page.read_text("utf-8")
        for title, stack in title_occurrences(html, titles):
            own = rel.startswith("sources/") and any(tag == "h1" for tag, _ in stack)
            chrome = any("md-header" in attrs.get("class", "") or "md-nav" in attrs.get("class", "") for _, attrs in stack)
            if own or chrome:
                continue                                   # the source's own heading and header
            pages_with_titles.add(rel.split("/")[0])
            bdi = [attrs for tag, attrs in stack if tag == "bdi"]
            assert bdi, f"{rel}: {title!r} printed without <bdi> inside {[tag for tag, _ in stack][-4:]}"
            lang = next((attrs["lang"] for _, attrs in reversed(stack) if "lang" in attrs), "")
            if title == BIDI_TITLES["chinese.txt"]:
                assert lang.startswith("zh"), f"{rel}: the Chinese title is marked {lang!r}"
            elif title == BIDI_TITLES["override.txt"]:
                assert lang == "en", f"{rel}: the English title is marked {lang!r}"
    assert {"index.html", "sources", "entities", "timeline", "claims"} <= pages_with_titles, pages_with_titles


def test_a_right_to_left_override_in_a_title_does_not_reorder_the_text_after_it(browser, bidi_site: Path):
    """On the claims page each source's line reads "title: Stated n% ...": the text after the
    title stays to its right, in order, though the title holds U+202E."""
    from tests.support import StaticServer

    server = StaticServer(bidi_site)
    page = new_page(browser)
    try:
        page.goto(server.url + "claims/")
        link = page.locator("article li a", has_text="Quarterly notes").first
        after = link.evaluate("""a => {
          const text = a.nextSibling, range = document.createRange();
          range.setStart(text, 0); range.setEnd(text, 1);
          return {link: a.getBoundingClientRect().right, next: range.getBoundingClientRect().left,
                  text: text.textContent.slice(0, 8)};
        }""")
        assert after["text"].startswith(":"), after
        assert after["next"] >= after["link"] - 1, f"the text after the title moved left of it: {after}"
        assert page.errors == []
    finally:
        page.context.close()
        server.close()


def test_on_a_phone_comparison_tables_are_cards_and_a_wide_chart_scrolls_in_its_figure(browser, base_url):
    """Claims and predictions: one card per row, each value under its column's name; the home
    page's chart keeps readable labels and scrolls sideways by itself, reachable by keyboard."""
    page = new_page(browser, width=PHONE)
    try:
        for path in ("claims/", "claims/predictions/"):
            page.goto(base_url + path)
            row = page.locator(".bs-table--stack tbody tr").first
            card = row.evaluate("""tr => ({display: getComputedStyle(tr).display, right: tr.getBoundingClientRect().right,
                                        label: getComputedStyle(tr.cells[0], '::before').content})""")
            assert card["display"] == "block" and card["right"] <= PHONE, (path, card)
            assert card["label"].startswith('"') and len(card["label"]) > 4, (path, card)   # "Entity: "...
        page.goto(base_url)
        chart = page.locator("figure.bs-chart").first.evaluate(
            "f => ({scrolls: f.scrollWidth > f.clientWidth, tabindex: f.getAttribute('tabindex'),"
            " page: document.documentElement.scrollWidth,"
            " label: parseFloat(getComputedStyle(f.querySelector('text')).fontSize) * f.querySelector('svg').getBoundingClientRect().width / f.querySelector('svg').viewBox.baseVal.width})")
        assert chart["scrolls"] and chart["tabindex"] == "0" and chart["page"] <= PHONE, chart
        assert chart["label"] >= 11, f"chart labels are {chart['label']:.1f} px on a phone"
        assert page.errors == []
    finally:
        page.context.close()


def test_material_s_script_does_not_hold_up_the_first_paint(site: Path):
    """Its bundle is deferred like ours (Lighthouse: render-blocking resources)."""
    import re

    for name in ("index.html", "sources/004-d141cb6ebd3933d4/index.html"):
        html = (site / name).read_text("utf-8")
        tags = re.findall(r"<script src=\"[^\"]*\.js\"[^>]*>", html)
        assert tags and all(" defer" in tag for tag in tags), (name, tags)
