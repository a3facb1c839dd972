"""axe-core (npm ``axe-core``) in Debian's Chromium, driven by Playwright.

``run_axe(page)`` checks whatever a Playwright page shows against the WCAG 2.0/2.1 A and
AA rules; ``check_accessibility`` runs it on one page of each page type in the light and
dark scheme, plus three views that a page alone does not show: the search dialog with
results, the navigation drawer of a phone-sized window, and specimens of the Markdown
elements our pages may use (admonitions, details, code, footnotes) on the about page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .pages import REPO, Page

AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
BROWSER = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEMES = {"light": "default", "dark": "slate"}       # Playwright colour scheme -> Material's

# Markup Material styles that generated pages may use; shown on the about page.
SPECIMENS = """
<div class="admonition note"><p class="admonition-title">Note</p><p>A note with a <a href="#">link</a> and <code>code</code>.</p></div>
<div class="admonition warning"><p class="admonition-title">Warning</p><p>A warning with a <a href="#">link</a>.</p></div>
<div class="admonition danger"><p class="admonition-title">Danger</p><p>Text.</p></div>
<div class="admonition info"><p class="admonition-title">Info</p><p>Text.</p></div>
<div class="admonition tip"><p class="admonition-title">Tip</p><p>Text.</p></div>
<div class="admonition quote"><p class="admonition-title">Quote</p><p>Text.</p></div>
<details class="example" open><summary>Example</summary><p>Details with <a href="#">a link</a>.</p></details>
<pre><code>code block: seeds/x.txt:12: warning[BS104]</code></pre>
<p>Keys <kbd>Ctrl</kbd>, <mark>marked text</mark>, <abbr title="Cascading Style Sheets">CSS</abbr>,
<del>deleted</del>, <ins>inserted</ins>, a footnote<sup id="fnref:s1"><a class="footnote-ref" href="#fn:s1">1</a></sup>.</p>
<blockquote><p>A quotation with <a href="#">a link</a>.</p></blockquote>
<div class="footnote"><hr><ol><li id="fn:s1"><p>The note.&nbsp;<a class="footnote-backref" href="#fnref:s1" title="Jump back to footnote 1 in the text">&#8617;</a></p></li></ol></div>
"""


def missing_tools() -> str | None:
    if not AXE_JS.is_file():
        return f"{AXE_JS.relative_to(REPO)} is missing: run `npm ci` at the repository root"
    if not BROWSER.exists():
        return f"{BROWSER} is missing: apt-get install chromium"
    return None


def run_axe(page) -> list[dict]:
    """The WCAG A/AA violations on what ``page`` shows now, each with its failing nodes."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        WCAG_TAGS,
    )
    return results["violations"]


def describe(violations: list[dict], limit: int = 6) -> list[str]:
    """One line per failing element: rule, impact, selector, and the contrast numbers."""
    lines = []
    for violation in violations:
        for node in violation["nodes"][:limit]:
            detail = ""
            for check in node.get("any", []) + node.get("all", []) + node.get("none", []):
                data = check.get("data") or {}
                if isinstance(data, dict) and "contrastRatio" in data:
                    detail = (f" ({data.get('fgColor')} on {data.get('bgColor')}: "
                              f"{data.get('contrastRatio')}:1, needs {data.get('expectedContrastRatio')})")
                    break
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"{violation['id']} [{violation.get('impact')}] {target}{detail}")
        if len(violation["nodes"]) > limit:
            lines.append(f"{violation['id']}: ... and {len(violation['nodes']) - limit} more elements")
    return lines


def open_page(browser, url: str, scheme: str, width: int = 1280):
    """A fresh window of ``width`` px in the reader's preferred ``scheme`` at ``url``."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(url, wait_until="load")
    try:
        page.wait_for_function("s => document.body && document.body.getAttribute('data-md-color-scheme') === s",
                               arg=SCHEMES[scheme], timeout=5_000)
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError
        actual = page.evaluate("() => document.body && document.body.getAttribute('data-md-color-scheme')")
        page.context.close()
        raise AssertionError(f"{url}: the {scheme} scheme shows data-md-color-scheme={actual!r}") from None
    return page


def show_search_results(page, query: str = "Anthropic") -> None:
    box = page.locator("input.md-search__input")
    results = page.locator(".md-search-result__item")
    for _ in range(5):                          # the worker may still be building the index
        box.click()
        box.fill(query)
        box.press("End")
        try:
            results.first.wait_for(timeout=3_000)
            return
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError
            page.wait_for_timeout(500)
    raise AssertionError(f"no search results for {query!r}")


def open_drawer(page) -> None:
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator(".md-sidebar--primary").wait_for(state="visible")
    page.wait_for_timeout(300)                  # the drawer slides in


def show_specimens(page) -> None:
    page.evaluate("html => document.querySelector('article.md-content__inner').insertAdjacentHTML('beforeend', html)",
                  SPECIMENS)


@dataclass(frozen=True)
class View:
    """What axe looks at: a page, in a scheme, maybe in a state (search, drawer, specimens)."""
    label: str
    path: str
    scheme: str
    width: int = 1280
    state: str = ""


# Page types whose layout changes on a phone: the home page's chart scrolls sideways, the
# claims tables and the predictions ledger become cards, source pages carry annotation markers.
PHONE_PAGE_TYPES = ("home", "claims/", "claims/*/", "sources/*/")
PHONE = 390


def views(pages: list[Page]) -> list[View]:
    out = []
    paths = {page.page_type: page.path for page in pages}
    for scheme in SCHEMES:
        for page in pages:
            out.append(View(f"{page.page_type} ({page.path or 'index.html'})", page.path, scheme))
        for page in pages:
            if page.page_type in PHONE_PAGE_TYPES:
                out.append(View(f"{page.page_type} at {PHONE} px", page.path, scheme, width=PHONE))
        home = paths.get("home", "")
        out.append(View("home, search results shown", home, scheme, state="search"))
        out.append(View(f"home at {PHONE} px, menu open", home, scheme, width=PHONE, state="drawer"))
        if "about/" in paths:
            out.append(View("about/ + element specimens", paths["about/"], scheme, state="specimens"))
    return out


def prepare(page, state: str) -> None:
    if state == "search":
        show_search_results(page)
    elif state == "drawer":
        open_drawer(page)
    elif state == "specimens":
        show_specimens(page)


@dataclass
class AxeReport:
    views: int = 0
    violations: int = 0
    per_view: dict[str, list[str]] = field(default_factory=dict)


def check_accessibility(base_url: str, pages: list[Page]) -> AxeReport:
    from playwright.sync_api import sync_playwright

    report = AxeReport()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(BROWSER), args=CHROMIUM_ARGS)
        try:
            for view in views(pages):
                label = f"{view.label}, {view.scheme}"
                report.views += 1
                try:
                    page = open_page(browser, base_url + view.path, view.scheme, view.width)
                    try:
                        prepare(page, view.state)
                        violations = run_axe(page)
                    finally:
                        page.context.close()
                except Exception as error:  # noqa: BLE001 - reported as a failure of this view
                    report.violations += 1
                    report.per_view[label] = [f"could not check: {str(error).splitlines()[0]}"]
                    continue
                report.violations += sum(len(v["nodes"]) for v in violations)
                report.per_view[label] = describe(violations)
        finally:
            browser.close()
    return report
