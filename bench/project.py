"""Throw-away MkDocs projects for the benchmark: the real site around some seeds, and the
plain-Markdown baseline of the same seeds.

Both are built from the repository's own ``mkdocs.yml``, ``overrides/`` and hand-written
docs, the way ``tests/support.py`` makes its projects, so a change to the site's
configuration is measured without touching this file.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REAL_SEEDS = REPO / "seeds"
# The generated part of docs/ (README, "What the build produces"); used only when git is
# not available to tell hand-written files from generated ones.
_GENERATED = ("index.md", "sources", "entities", "timeline", "data", ".build_site")

# The baseline inherits the site's configuration and drops what only the generator needs.
BASELINE_CONFIG = """\
# Baseline: the same theme, plugins and Markdown extensions as the site (inherited), without
# the generator hook; the seeds are copied in as plain Markdown pages under plain/.
INHERIT: site.yml
hooks: []
watch: []
nav:
  - Home: index.md
  - About: about.md
not_in_nav: |
  /plain/
"""
BASELINE_INDEX = """\
# Home

The source documents as plain Markdown, with no analysis (benchmark baseline).
"""


def hand_written_docs(repo: Path = REPO) -> list[Path]:
    """Files of ``docs/`` that are not generated, relative to ``docs/``.

    Asks git for tracked and untracked-but-not-ignored files (the generated part of docs/
    is in .gitignore), so a page another engineer just added is included. Read-only.
    """
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "docs"],
            cwd=repo, capture_output=True, check=True, text=True,
        ).stdout
        files = [Path(name).relative_to("docs") for name in listing.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        files = [p.relative_to(repo / "docs") for p in (repo / "docs").rglob("*") if p.is_file()]
        files = [f for f in files if f.parts[0] not in _GENERATED]
    return sorted(f for f in set(files) if (repo / "docs" / f).is_file())


def _copy_site_skeleton(project: Path, config_name: str) -> Path:
    project.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", project / config_name)
    shutil.copytree(REPO / "overrides", project / "overrides")
    docs = project / "docs"
    for relative in hand_written_docs():
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "docs" / relative, target)
    docs.mkdir(exist_ok=True)
    return project


def full_project(project: Path, seeds: Path, *, copy_seeds: bool = False) -> Path:
    """The real site around ``seeds``: config with the hook, theme, hand-written docs; the
    generator package is linked so the hook finds it. Seeds are linked unless copied."""
    _copy_site_skeleton(project, "mkdocs.yml")
    (project / "build_site").symlink_to(REPO / "build_site")
    if copy_seeds:
        shutil.copytree(seeds, project / "seeds")
    else:
        (project / "seeds").symlink_to(seeds.resolve())
    return project


def baseline_project(project: Path, seeds: Path) -> Path:
    """The same seeds as plain Markdown (``docs/plain/NAME.md``, text as is) under the
    site's own theme, search plugin and extensions, without the hook; a small explicit nav."""
    _copy_site_skeleton(project, "site.yml")
    (project / "mkdocs.yml").write_text(BASELINE_CONFIG, "utf-8")
    docs = project / "docs"
    (docs / "index.md").write_text(BASELINE_INDEX, "utf-8")
    plain = docs / "plain"
    plain.mkdir()
    for seed in sorted(seeds.iterdir()):
        if seed.is_file():
            shutil.copy(seed, plain / f"{seed.stem}.md")
    return project
