"""The Nu Html Checker (npm ``vnu-jar``, run with ``java -jar``) on some pages.

Every message fails the check unless an entry of ``vnu-allowlist.yml`` matches it.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .pages import REPO, Page

VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWLIST = Path(__file__).with_name("vnu-allowlist.yml")


@dataclass
class VnuReport:
    pages: int = 0
    allowed: int = 0
    problems: list[str] = field(default_factory=list)
    unused_allowances: list[str] = field(default_factory=list)
    per_page: dict[str, int] = field(default_factory=dict)


def missing_tools() -> str | None:
    if not VNU_JAR.is_file():
        return f"{VNU_JAR.relative_to(REPO)} is missing: run `npm ci` at the repository root"
    if shutil.which("java") is None:
        return "java is missing: install a Java runtime (apt-get install default-jre-headless)"
    return None


def check_html(site: Path, pages: list[Page]) -> VnuReport:
    allowances = yaml.safe_load(ALLOWLIST.read_text("utf-8")) or []
    used = [0] * len(allowances)
    report = VnuReport(pages=len(pages))
    by_file = {str(page.file.resolve()): page for page in pages}
    result = subprocess.run(
        ["java", "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always",
         *by_file],
        capture_output=True, text=True, timeout=600,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError):
        report.problems.append(f"vnu.jar failed: {result.stderr.strip()[:2000]}")
        return report
    for page in pages:
        report.per_page[page.page_type] = 0
    for message in messages:
        file = message.get("url", "").removeprefix("file:")
        page = by_file.get(str(Path(file).resolve())) if file else None
        where = page.file.relative_to(site).as_posix() if page else file or "vnu"
        text, extract = message.get("message", ""), message.get("extract", "")
        kind = message.get("subType") or message.get("type")
        if kind == "fatal" and report.problems and report.problems[-1].startswith(where + ":"):
            continue                                   # "cannot recover after last error"
        for index, allowance in enumerate(allowances):
            if allowance["message"] in text and allowance.get("extract", "") in extract:
                used[index] += 1
                report.allowed += 1
                break
        else:
            if page:
                report.per_page[page.page_type] += 1
            line = message.get("lastLine", "?")
            report.problems.append(f"{where}:{line}: {kind}: {text}\n      {' '.join(extract.split())[:160]}")
    report.unused_allowances = [a["message"] for a, n in zip(allowances, used) if n == 0]
    return report
