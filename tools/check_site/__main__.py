"""``python -m tools.check_site [--site DIR] [--only links,html,axe]``: check the built site.

Builds ``site/`` first (``mkdocs build --strict``) when it is missing, prints what each
check found and a summary, and exits 1 when any check fails (2 when a tool is missing).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import axe, links, vnu
from .pages import REPO, all_pages, built_site_url, ensure_built, sample_pages, site_prefix
from .serve import SiteServer

CHECKS = ("links", "html", "axe")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.check_site", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=REPO / "site", help="the built site (default site/)")
    parser.add_argument("--only", default=",".join(CHECKS), help=f"comma-separated checks: {', '.join(CHECKS)}")
    options = parser.parse_args(argv)
    wanted = [name.strip() for name in options.only.split(",") if name.strip()]
    unknown = set(wanted) - set(CHECKS)
    if unknown:
        parser.error(f"unknown check(s): {', '.join(sorted(unknown))}")

    site = options.site.resolve()
    ensure_built(site)
    url = built_site_url(site)
    pages = all_pages(site)
    samples = sample_pages(pages)
    print(f"check-site: {len(pages)} pages in {site} (site_url {url}); page types: "
          + ", ".join(f"{page.page_type} = {page.path or 'index.html'}" for page in samples))

    missing = [message for name, module in (("html", vnu), ("axe", axe)) if name in wanted
               for message in [module.missing_tools()] if message]
    if missing:
        print("\n".join(f"check-site: {message}" for message in missing), file=sys.stderr)
        return 2

    summary: list[tuple[str, bool, str]] = []
    if "links" in wanted:
        started = time.monotonic()
        offline = (site / "search" / "search_index.js").is_file()     # built by `make offline`
        report = links.check_links(site, pages, url, offline=offline)
        _print_problems("links", report.problems)
        external = ", ".join(f"{host} ({count})" for host, count in sorted(report.external.items())) or "none"
        summary.append(("links", not report.problems,
                        f"{report.pages} pages, {report.links} internal links and {report.fragments} fragments "
                        f"checked, {len(report.problems)} problems; links to other hosts (not fetched): "
                        f"{external} [{time.monotonic() - started:.1f} s]"))
    if "html" in wanted:
        started = time.monotonic()
        report = vnu.check_html(site, samples)
        _print_problems("html", report.problems)
        for message in report.unused_allowances:
            print(f"html: note: allow-list entry matched nothing (remove it?): {message}")
        per_type = ", ".join(f"{name} {count}" for name, count in report.per_page.items())
        summary.append(("html", not report.problems,
                        f"Nu Html Checker on {report.pages} pages: {len(report.problems)} messages "
                        f"({per_type}); {report.allowed} allowed as Material's own "
                        f"(tools/check_site/vnu-allowlist.yml) [{time.monotonic() - started:.1f} s]"))
    if "axe" in wanted:
        started = time.monotonic()
        with SiteServer(site, site_prefix(url)) as server:
            report = axe.check_accessibility(server.url, samples)
        for label, lines in report.per_view.items():
            status = f"{len(lines)} problem line(s)" if lines else "0 violations"
            print(f"axe: {label}: {status}")
            for line in lines:
                print(f"    {line}")
        summary.append(("axe", report.violations == 0,
                        f"axe-core {'/'.join(axe.WCAG_TAGS)} on {report.views} views "
                        f"({len(samples)} page types x light/dark + phone views, search, menu, specimens): "
                        f"{report.violations} failing elements [{time.monotonic() - started:.1f} s]"))

    print("\ncheck-site summary")
    for name, ok, text in summary:
        print(f"  {'PASS' if ok else 'FAIL'}  {name:6} {text}")
    return 0 if all(ok for _, ok, _ in summary) else 1


def _print_problems(name: str, problems: list[str], limit: int = 200) -> None:
    for problem in problems[:limit]:
        print(f"{name}: {problem}")
    if len(problems) > limit:
        print(f"{name}: ... and {len(problems) - limit} more")


if __name__ == "__main__":
    sys.exit(main())
