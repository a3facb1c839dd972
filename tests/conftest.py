"""Shared fixtures: a built copy of the real site."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import make_project, mkdocs_build


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/*/expected from the current generator output")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real seeds built once with ``mkdocs build --strict``; returns the project folder."""
    project = make_project(tmp_path_factory.mktemp("real"), real_seeds=True)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project



# ---- browser fixtures, shared by the browser, reader and accessibility tests -------------

@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; no browser is ever downloaded."""
    import os

    from tests.support import BROWSER, CHROMIUM_ARGS

    if os.environ.get("BS_SKIP_BROWSER") == "1":
        pytest.skip("BS_SKIP_BROWSER=1")
    assert BROWSER.exists(), f"{BROWSER} is missing: apt-get install chromium (or set BS_SKIP_BROWSER=1)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(BROWSER), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def site(built_site: Path) -> Path:
    return built_site / "site"


@pytest.fixture(scope="session")
def samples(site: Path):
    from tools.check_site.pages import all_pages, sample_pages

    return sample_pages(all_pages(site))


@pytest.fixture(scope="session")
def base_url(site: Path, tmp_path_factory: pytest.TempPathFactory):
    """The site served under the path it is published under, so 404.html's links work."""
    from tests.support import StaticServer
    from tools.check_site.pages import built_site_url, site_prefix
    from tools.check_site.serve import mount

    prefix = site_prefix(built_site_url(site))
    root = site if prefix == "/" else mount(site, prefix, tmp_path_factory.mktemp("served"))
    server = StaticServer(root)
    yield server.url + prefix.lstrip("/")
    server.close()
