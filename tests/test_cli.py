"""``python -m build_site``: options, summary line, diagnostics and exit status."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.support import REPO, write_seeds


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_site", *args], cwd=cwd, capture_output=True, text=True)


def test_summary_line_and_rebuild_writes_nothing(tmp_path: Path):
    write_seeds(tmp_path / "in", {"a.txt": "Title A\n\nText.", "b.md": "Title B\n\nText."})
    first = run("--seeds", "in", "--docs", "out", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert re.fullmatch(r"build_site: 2 seeds read, 4 pages written, 0 unchanged, 0 removed, 0 warnings \(read \d+ ms, "
                        r"structure \d+ ms, .*\)\n", first.stdout), first.stdout
    second = run("--seeds", "in", "--docs", "out", cwd=tmp_path)
    assert "0 pages written, 4 unchanged, 0 removed" in second.stdout
    (tmp_path / "in" / "b.md").unlink()
    third = run("--seeds", "in", "--docs", "out", cwd=tmp_path)
    # home, data and a's page (its "next" link went) change; b's page goes
    assert "3 pages written, 0 unchanged, 1 removed" in third.stdout
    assert not (tmp_path / "out" / "sources" / "b.md").exists()


def test_strict_fails_on_a_warning_and_names_the_file(tmp_path: Path):
    write_seeds(tmp_path / "in", {"ok.txt": "Fine\n\nText.", "bad.txt": bytes(range(256))})
    lenient = run("--seeds", "in", "--docs", "out", cwd=tmp_path)
    assert lenient.returncode == 0
    assert lenient.stderr == "seeds/bad.txt: warning[BS101]: binary content (NUL or control bytes); skipped\n"
    strict = run("--seeds", "in", "--docs", "out", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert "1 warnings" in strict.stdout


def test_generator_never_imports_mkdocs():
    code = "import sys, build_site.cli, build_site.pipeline; print('mkdocs' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert out.stdout.strip() == "False"


def test_help_lists_the_documented_options():
    out = subprocess.run([sys.executable, "-m", "build_site", "--help"], capture_output=True, text=True, cwd=REPO)
    readme = (REPO / "README.md").read_text("utf-8")
    for option in ("--seeds", "--docs", "--strict", "--config", "--quiet"):
        assert option in out.stdout
        assert f"`{option}" in readme, f"README does not document {option}"


def test_readme_lists_every_diagnostic_code():
    from build_site.diagnostics import CATALOGUE

    readme = (REPO / "README.md").read_text("utf-8")
    for code in CATALOGUE:
        assert f"`{code}`" in readme, f"README does not explain {code}"
