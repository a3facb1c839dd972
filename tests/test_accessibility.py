"""Accessibility and valid markup of every page type, as `make check-site` checks them.

axe-core (npm, ``node_modules/axe-core/axe.min.js``) runs in Debian's Chromium on one page
of each page type (the largest), in the light and the dark scheme, against the WCAG 2.0/2.1
A and AA rules; so it does on what a page alone does not show (search results, the menu of
a phone, the Markdown elements our pages may use). The links, the sharing tags and the Nu
Html Checker run here too. The npm tools come from ``npm ci`` (``make test`` runs it).
"""
from __future__ import annotations

import os

import pytest

from tools.check_site import axe, links, vnu
from tools.check_site.pages import all_pages, built_site_url

pytestmark = pytest.mark.browser

if os.environ.get("BS_SKIP_BROWSER") == "1":
    pytest.skip("BS_SKIP_BROWSER=1", allow_module_level=True)

# The page types every site has; others (claims/, tables/, ...) are checked when present.
CORE_PAGE_TYPES = {"home", "sources/*/", "entities/", "entities/*/", "timeline/", "about/", "404"}


def require(message: str | None) -> None:
    if message:
        pytest.fail(message, pytrace=False)


def report(failures: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}:\n    " + "\n    ".join(lines) for where, lines in failures.items())


def test_axe_is_installed():
    require(axe.missing_tools())


def test_every_page_type_is_checked(samples):
    assert CORE_PAGE_TYPES <= {page.page_type for page in samples}


def assert_no_violations(browser, base_url, samples, scheme, width: int = 1280):
    """Run axe-core on each sample page in a window ``width`` px wide."""
    require(axe.missing_tools())
    failures = {}
    for sample in samples:
        page = axe.open_page(browser, base_url + sample.path, scheme, width)
        try:
            violations = axe.run_axe(page)
        finally:
            page.context.close()
        if violations:
            failures[f"{sample.page_type} ({sample.path or 'index.html'}), {scheme}"] = axe.describe(violations)
    assert not failures, "axe-core found WCAG A/AA violations:\n" + report(failures)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_type_has_an_axe_violation(browser, base_url, samples, scheme):
    assert_no_violations(browser, base_url, samples, scheme)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_types_that_change_on_a_phone_have_no_axe_violation(browser, base_url, samples, scheme):
    """Charts that scroll sideways, tables shown as cards, annotation markers: at 390 px."""
    assert_no_violations(browser, base_url, [s for s in samples if s.page_type in axe.PHONE_PAGE_TYPES],
                         scheme, axe.PHONE)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state, path, width", [
    ("search", "", 1280),          # the search dialog with results
    ("drawer", "", 390),           # the menu of a phone-sized window
    ("specimens", "about/", 1280),  # admonitions, details, code, footnotes... in our styles
])
def test_what_a_page_alone_does_not_show_has_no_axe_violation(browser, base_url, scheme, state, path, width):
    require(axe.missing_tools())
    page = axe.open_page(browser, base_url + path, scheme, width)
    try:
        axe.prepare(page, state)
        violations = axe.run_axe(page)
    finally:
        page.context.close()
    assert violations == [], "\n".join(axe.describe(violations))


def test_every_link_resolves_and_every_page_has_its_title_description_and_sharing_tags(site):
    result = links.check_links(site, all_pages(site), built_site_url(site))
    assert result.links > 0 and result.fragments > 0
    assert result.problems == [], "\n".join(result.problems)


def test_the_html_of_every_page_type_is_valid(site, samples):
    require(vnu.missing_tools())
    result = vnu.check_html(site, samples)
    assert result.problems == [], "Nu Html Checker:\n" + "\n".join(result.problems)
