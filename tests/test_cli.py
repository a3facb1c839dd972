"""``python -m build_site``: options, summary line, diagnostics and exit status."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.support import REPO, write_seeds


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_site", *args], cwd=cwd, capture_output=True, text=True)


SUMMARY = re.compile(r"build_site: (\d+) seeds read, (\d+) pages written, (\d+) unchanged, (\d+) removed, "
                     r"(\d+) warnings, \d+ entities, \d+ events, \d+ claims \(read \d+ ms, structure \d+ ms, .*\)\n")


def counts(stdout: str) -> tuple[int, ...]:
    match = SUMMARY.fullmatch(stdout)
    assert match, stdout
    return tuple(int(n) for n in match.groups())


def test_summary_line_and_rebuild_writes_nothing(tmp_path: Path):
    write_seeds(tmp_path / "in", {"a.txt": "Title A\n\nText.", "b.md": "Title B\n\nText."})
    first = run("--seeds", "in", "--docs", "out", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    seeds, written, unchanged, removed, warnings = counts(first.stdout)
    assert (seeds, unchanged, removed, warnings) == (2, 0, 0, 0) and written >= 4
    assert counts(run("--seeds", "in", "--docs", "out", cwd=tmp_path).stdout) == (2, 0, written, 0, 0)
    (tmp_path / "in" / "b.md").unlink()
    third = counts(run("--seeds", "in", "--docs", "out", cwd=tmp_path).stdout)
    # b's page goes; home, data files and a's page (its "next" link went) change
    assert third[0] == 1 and third[3] == 1 and third[1] >= 3
    assert not (tmp_path / "out" / "sources" / "b.md").exists()


def test_strict_fails_on_a_warning_and_names_the_file(tmp_path: Path):
    write_seeds(tmp_path / "in", {"ok.txt": "Fine\n\nText.", "bad.txt": bytes(range(256))})
    lenient = run("--seeds", "in", "--docs", "out", cwd=tmp_path)
    assert lenient.returncode == 0
    assert lenient.stderr == "seeds/bad.txt:1: warning[BS101]: binary content (NUL or control bytes); skipped\n"
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
    for option in ("--seeds", "--docs", "--strict", "--config", "--quiet", "--knowledge", "--jobs"):
        assert option in out.stdout
        assert f"`{option}" in readme, f"README does not document {option}"


def test_readme_lists_every_diagnostic_code():
    from build_site.diagnostics import CATALOGUE

    readme = (REPO / "README.md").read_text("utf-8")
    for code in CATALOGUE:
        assert f"`{code}`" in readme, f"README does not explain {code}"


def test_an_invalid_knowledge_file_is_reported_and_ignored(tmp_path: Path):
    write_seeds(tmp_path / "in", {"a.txt": "Acme Corp Report\n\nAcme Corp makes widgets."})
    (tmp_path / "knowledge.yml").write_text("entities:\n  - name: Acme Corp\n    type: company\n", "utf-8")
    result = run("--seeds", "in", "--docs", "out", "--knowledge", "knowledge.yml", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr.startswith("knowledge.yml: warning[BS109]: ")
    assert "unknown type 'company'" in result.stderr


def test_a_knowledge_file_refines_the_entities(tmp_path: Path):
    import json
    write_seeds(tmp_path / "in", {"a.txt": "Widget Report\n\nAcme Corp makes widgets. 阿克米 is its Chinese name."})
    (tmp_path / "knowledge.yml").write_text(
        "entities:\n  - name: Acme Corp\n    type: organization\n    aliases: [阿克米]\n"
        "    description: Maker of widgets.\n", "utf-8")
    assert run("--seeds", "in", "--docs", "out", "--knowledge", "knowledge.yml", cwd=tmp_path).returncode == 0
    entities = json.loads((tmp_path / "out" / "data" / "entities.json").read_text("utf-8"))
    acme = next(e for e in entities if e["name"] == "Acme Corp")
    assert acme["description"] == "Maker of widgets." and {m["text"] for m in acme["mentions"]} == {"Acme Corp", "阿克米"}


def test_progress_is_reported_per_stage_and_drawn_only_on_a_terminal(tmp_path: Path):
    import io

    from build_site.cli import TerminalProgress
    from build_site.pipeline import BuildOptions, build

    seeds = write_seeds(tmp_path / "in", {f"s{i}.txt": f"Title {i}\n\nAcme Corp shipped it in 2024." for i in range(3)})
    calls = []
    report = build(BuildOptions(seeds_dir=seeds, docs_dir=tmp_path / "out",
                                progress=lambda stage, done, total: calls.append((stage, done, total))))
    stages = list(dict.fromkeys(stage for stage, _, _ in calls))
    assert stages == ["read", "analyse", "entities", "link", "pages"]
    assert ("analyse", 2, 3) in calls and calls[-1] == ("pages", report.pages, 0)
    assert dict(report.counts)["events"] >= 3 and "3 events" in report.summary_line()

    stream = io.StringIO()
    drawn = TerminalProgress(stream, interval=0)
    drawn("analyse", 2, 3)
    drawn.clear()
    assert stream.getvalue() == "\r\x1b[Kbuild_site: analyse 2/3\r\x1b[K"
    piped = run("--seeds", "in", "--docs", "out2", cwd=tmp_path)          # stderr is a pipe here
    assert "\r" not in piped.stderr and piped.returncode == 0
