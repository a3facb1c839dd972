"""What a reader does, in a real browser: Debian's Chromium driven by Playwright.

No browser is downloaded: Playwright launches /usr/bin/chromium. Set BS_SKIP_BROWSER=1 to
skip these tests on a machine without it (CI installs it and never skips).
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.support import StaticServer

pytestmark = pytest.mark.browser

if os.environ.get("BS_SKIP_BROWSER") == "1":
    pytest.skip("BS_SKIP_BROWSER=1", allow_module_level=True)


@pytest.fixture(scope="module")
def server(built_site: Path):
    srv = StaticServer(built_site / "site")
    yield srv
    srv.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requested_hosts = set()
    page.console_errors = []
    page.on("request", lambda request: page.requested_hosts.add(urlparse(request.url).netloc))
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    yield page
    context.close()


def search(page, server, query: str):
    """Type into the search box as a reader does, once the index has loaded."""
    with page.expect_response(lambda response: "search_index.json" in response.url):
        page.goto(server.url)
    box = page.locator("input.md-search__input")
    results = page.locator(".md-search-result__item a")
    for _ in range(3):                       # the worker may still be indexing: type again
        box.click()
        box.fill(query)            # like an input method: the text arrives at once...
        box.press("End")           # ...then a key is released, which Material listens for
        try:
            results.first.wait_for(timeout=4_000)
            return results
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError
            page.wait_for_timeout(500)
    raise AssertionError(f"no search results for {query!r}")


@pytest.mark.parametrize("query, expected_page", [
    ("Gnoppix", "sources/000-c336413c855311f7/"),
    ("Arrakis", "sources/004-d141cb6ebd3933d4/"),
    ("开发者", "sources/004-d141cb6ebd3933d4/"),
    ("激進", "sources/004-d141cb6ebd3933d4/"),
])
def test_search_finds_the_page_and_opens_it(page, server, query, expected_page):
    results = search(page, server, query)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any(expected_page in (href or "") for href in hrefs), hrefs
    target = next(i for i, href in enumerate(hrefs) if expected_page in (href or ""))
    results.nth(target).click()
    page.wait_for_url(f"**/{expected_page}**")
    assert query in page.locator("article").inner_text().replace("\u200b", "")
    assert page.requested_hosts == {urlparse(server.url).netloc}, page.requested_hosts
    assert page.console_errors == []


def test_a_deep_link_to_a_paragraph_lands_on_it(page, server):
    page.goto(server.url + "sources/004-d141cb6ebd3933d4/")
    anchor = page.locator("article p[id^=p-]").nth(5).get_attribute("id")
    # Opened as a reader opens a shared link: a fresh load, not a hash change within the page
    # (which Material's own navigation may handle with pushState, leaving :target unset).
    page.goto("about:blank")
    page.goto(server.url + f"sources/004-d141cb6ebd3933d4/#{anchor}")
    top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", anchor)
    assert 0 <= top < 450, f"the paragraph is {top}px from the top of the window"
    assert page.evaluate("id => document.getElementById(id).matches(':target')", anchor)
    assert page.requested_hosts == {urlparse(server.url).netloc}
