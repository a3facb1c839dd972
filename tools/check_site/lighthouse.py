"""``python -m tools.check_site.lighthouse [--runs N]`` (``make lighthouse``): Lighthouse
scores of the home page and a source page, written into README.md's "Lighthouse scores".

The built ``site/`` (built first when missing) is served on a loopback port the way a
static host serves it: under its published path, text compressed with gzip. Lighthouse
(npm ``lighthouse``) drives Debian's Chromium (``CHROME_PATH=/usr/bin/chromium``, headless)
with its default settings: a mid-range phone on a throttled network ("mobile"), and again
with ``--preset=desktop``. Performance varies from run to run, so each page is measured
``--runs`` times and the run with the median performance score is kept. Exits 1 when a
score misses its target (100 for accessibility, best practices and SEO, 95 for performance).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .pages import REPO, all_pages, built_site_url, ensure_built, sample_pages, site_prefix
from .serve import SiteServer

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = "--no-sandbox --headless=new --disable-gpu"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
README = REPO / "README.md"
START, END = "<!-- lighthouse:start -->", "<!-- lighthouse:end -->"
METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index"]


@dataclass
class Result:
    page: str                  # "home", "source"
    path: str
    form_factor: str           # "mobile", "desktop"
    scores: dict[str, int]
    metrics: dict[str, str]
    failing: list[str]         # audits below 1 that count towards a score
    runs: list[int]            # every run's performance score
    version: str
    benchmark: int             # Lighthouse's CPU benchmark of the machine (higher is faster)


def run_once(url: str, form_factor: str, out: Path) -> dict:
    command = [str(LIGHTHOUSE), url, "--quiet", f"--chrome-flags={CHROME_FLAGS}", "--output=json",
               f"--output-path={out}", f"--only-categories={','.join(CATEGORIES)}"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROME}
    subprocess.run(command, env=env, check=True, capture_output=True, text=True, timeout=300)
    return json.loads(out.read_text("utf-8"))


def measure(url: str, page: str, path: str, form_factor: str, runs: int, work: Path) -> Result:
    reports = [run_once(url, form_factor, work / f"{page}-{form_factor}-{n}.json") for n in range(runs)]
    reports.sort(key=lambda report: report["categories"]["performance"]["score"] or 0)
    median = reports[len(reports) // 2]
    scores = {name: round((median["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    failing = []
    for name in CATEGORIES[1:]:
        for ref in median["categories"][name]["auditRefs"]:
            audit = median["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failing.append(f"{name}: {audit['id']} ({audit['title']})")
    metrics = {key: median["audits"][key].get("displayValue", "").replace("\xa0", " ") for key in METRICS}
    return Result(page, path, form_factor, scores, metrics, failing,
                  sorted(round((r["categories"]["performance"]["score"] or 0) * 100) for r in reports),
                  median.get("lighthouseVersion", "?"), round(median["environment"].get("benchmarkIndex", 0)))


def chromium_version() -> str:
    try:
        output = subprocess.run([CHROME, "--version"], capture_output=True, text=True, timeout=60).stdout
    except OSError:
        return "?"
    match = re.search(r"[\d.]+", output)
    return match.group(0) if match else "?"


def table(results: list[Result]) -> str:
    lines = [
        "| page | device | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        m = r.metrics
        lines.append(
            f"| {r.page} (`{r.path or '/'}`) | {r.form_factor} | {r.scores['performance']} "
            f"(runs: {', '.join(map(str, r.runs))}) | {r.scores['accessibility']} | {r.scores['best-practices']} | "
            f"{r.scores['seo']} | {m['first-contentful-paint']} | {m['largest-contentful-paint']} | "
            f"{m['total-blocking-time']} | {m['cumulative-layout-shift']} |")
    return "\n".join(lines)


def write_readme(results: list[Result], load: float) -> None:
    text = README.read_text("utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"README.md has no {START} ... {END} block to write the scores into")
    version = results[0].version if results else "?"
    benchmark = min((r.benchmark for r in results), default=0)
    body = (f"{START}\n_Lighthouse {version}, Chromium {chromium_version()}, median of "
            f"{len(results[0].runs) if results else 0} runs; machine: {os.cpu_count()} cores, load average "
            f"{load:.1f}, Lighthouse CPU benchmark {benchmark}; written by `make lighthouse`._\n\n"
            f"{table(results)}\n{END}")
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    README.write_text(before + body + after, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.check_site.lighthouse", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--runs", type=int, default=3, help="runs per page and device (default 3)")
    parser.add_argument("--no-readme", action="store_true", help="print the scores only")
    parser.add_argument("--keep", type=Path, help="keep the JSON reports in this folder")
    options = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE.relative_to(REPO)} is missing: run `npm ci` at the repository root", file=sys.stderr)
        return 2
    site = options.site.resolve()
    ensure_built(site)
    samples = {page.page_type: page for page in sample_pages(all_pages(site))}
    targets = [("home", samples["home"].path)]
    if "sources/*/" in samples:
        targets.append(("source", samples["sources/*/"].path))
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1):
        print(f"lighthouse: warning: the machine is busy (load average {load:.1f} on {os.cpu_count()} cores); "
              "performance scores will be low and noisy", flush=True)
    results = []
    with SiteServer(site, site_prefix(built_site_url(site)), gzip_text=True) as server, \
            tempfile.TemporaryDirectory() as scratch:
        work = options.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        for name, path in targets:
            for form_factor in ("mobile", "desktop"):
                result = measure(server.url + path, name, path, form_factor, options.runs, work)
                results.append(result)
                print(f"lighthouse: {name} ({path or '/'}), {form_factor}: "
                      + ", ".join(f"{k} {v}" for k, v in result.scores.items())
                      + f" [performance runs {result.runs}; "
                      + ", ".join(f"{k} {v}" for k, v in result.metrics.items()) + "]", flush=True)
                for audit in result.failing:
                    print(f"    failing: {audit}")
    if not options.no_readme:
        write_readme(results, max(load, os.getloadavg()[0]))
        print("lighthouse: scores written to README.md (Lighthouse scores)")
    missed = [f"{r.page} {r.form_factor} {name} {r.scores[name]} < {target}"
              for r in results for name, target in TARGETS.items() if r.scores[name] < target]
    for line in missed:
        print(f"lighthouse: below target: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
