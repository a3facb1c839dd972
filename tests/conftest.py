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
