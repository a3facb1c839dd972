"""Golden files: the generated Markdown of small seed sets, stored as Markdown a reviewer reads.

``pytest --update-golden`` rewrites ``tests/golden/<case>/expected/`` from the current output;
review the diff before committing it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_site.pipeline import BuildOptions, build

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "seeds").is_dir())


def files_below(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", CASES)
def test_generated_markdown_matches_golden_files(case: str, tmp_path: Path, request: pytest.FixtureRequest):
    docs = tmp_path / "docs"
    build(BuildOptions(seeds_dir=GOLDEN / case / "seeds", docs_dir=docs, site_name="Golden"))
    expected_dir = GOLDEN / case / "expected"
    if request.config.getoption("--update-golden"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        shutil.copytree(docs, expected_dir)
    actual, expected = files_below(docs), files_below(expected_dir)
    assert sorted(actual) == sorted(expected), "generated files differ from the golden set"
    for name in expected:
        assert actual[name].decode("utf-8") == expected[name].decode("utf-8"), f"{case}/{name} differs"
