"""The benchmark report as Markdown: pure functions of the measurements (no I/O, no clock).

Apart from the measured numbers the text is fixed, so two runs on the same machine differ
only where the numbers do.
"""
from __future__ import annotations

from collections.abc import Collection

from .results import (MB, Machine, Measurements, ProfileSummary, ServeResult, SizeResult, TargetCheck,
                      check_targets, linearity)

NOISE_NOTE = (
    "The machine is shared and noisy: absolute times vary between runs, sometimes by tens of "
    "percent. Ratios measured within one run (full build / baseline, per-document time at two "
    "sizes) matter more than absolute times."
)


def render_report(measured: Measurements, notes: str = "") -> str:
    """The whole report. ``notes``: hand-written analysis to include under the profile."""
    results, serve = measured.sizes, measured.serve
    sections = [
        "# Benchmark: scale and speed",
        "Written by `make bench` (`python -m bench`); do not edit by hand (the analysis under *Profile*, "
        "when there is one, comes from `bench/NOTES.md`). " + NOISE_NOTE,
        "## Targets\n\n" + targets_table(check_targets(results, serve)),
        "## Generator\n\n" + generator_table(results),
        "Per-stage times (median ms; the stages are the generator's own, from `BuildReport.timings`):\n\n"
        + stages_table(results),
        "## Site build\n\n" + site_table(results),
        serve_section(serve),
        profile_section(measured.profile, notes),
        "## Machine\n\n" + machine_table(measured.machine),
        "## Method\n\n" + method_section(results, serve),
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def markdown_table(header: list[str], rows: list[list[str]], right: Collection[int] = ()) -> str:
    """A pipe table; columns whose index is in ``right`` are right-aligned."""
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in [header, rule, *rows])


def targets_table(checks: tuple[TargetCheck, ...]) -> str:
    rows = [[c.name, c.measured, c.limit, f"**{c.verdict}**"] for c in checks]
    return markdown_table(["target", "measured", "limit", "result"], rows)


def generator_table(results: dict[int, SizeResult]) -> str:
    header = ["documents", "words", "runs", "generator (s)", "CPU (s)", "documents/s", "documents/CPU-s",
              "ms/document", "peak RSS (MB)", "pages written"]
    rows = [[f"{r.documents:,}", f"{r.words:,}", str(r.runs), f"{r.generator_seconds:.2f}",
             f"{r.generator_cpu_seconds:.2f}", f"{r.docs_per_second:.0f}", f"{r.cpu_docs_per_second:.0f}",
             f"{r.ms_per_document:.1f}", f"{r.peak_mb:.0f}", f"{r.pages_written:,}"]
            for r in _by_size(results)]
    table = markdown_table(header, rows, right=set(range(len(header))))
    found = linearity(results)
    if found:
        large, small, ratio = found
        table += (f"\n\nLinearity: per-document generator time at {large:,} documents is {ratio:.2f}x "
                  f"that at {small:,} documents (1.00x is perfectly linear).")
    return table


def stages_table(results: dict[int, SizeResult]) -> str:
    ordered = _by_size(results)
    largest = ordered[-1]
    names = list(dict.fromkeys(name for r in ordered[::-1] for name, _ in r.stages))
    total = sum(seconds for _, seconds in largest.stages) or 1.0
    rows = []
    for name in names:
        cells = [_ms(dict(r.stages).get(name)) for r in ordered]
        share = dict(largest.stages).get(name, 0.0) / total
        rows.append([name, *cells, f"{share:.0%}"])
    header = ["stage", *(f"{r.documents:,} docs" for r in ordered), f"share at {largest.documents:,}"]
    return markdown_table(header, rows, right=set(range(1, len(header))))


def site_table(results: dict[int, SizeResult]) -> str:
    header = ["documents", "full build (s)", "baseline (s)", "full / baseline", "CPU: full / baseline",
              "HTML pages (full / baseline)", "site/ MB (full / baseline)", "search_index.json MB (full / baseline)"]
    rows = [[f"{r.documents:,}", f"{r.full_build_seconds:.2f}", f"{r.baseline_seconds:.2f}", f"{r.build_ratio:.2f}x",
             f"{r.full_build_cpu_seconds:.1f} / {r.baseline_cpu_seconds:.1f} s = {r.build_cpu_ratio:.2f}x",
             f"{r.full_site.html_pages:,} / {r.baseline_site.html_pages:,}",
             f"{r.full_site.site_bytes / MB:.1f} / {r.baseline_site.site_bytes / MB:.1f}",
             f"{r.full_site.search_index_bytes / MB:.2f} / {r.baseline_site.search_index_bytes / MB:.2f}"]
            for r in _by_size(results)]
    return markdown_table(header, rows, right=set(range(len(header))))


def serve_section(serve: ServeResult | None) -> str:
    if serve is None:
        return "## `mkdocs serve`\n\nNot measured in this run (`--skip-serve`)."
    edits = ", ".join(f"{seconds:.2f}" for seconds in serve.edits)
    return (f"## `mkdocs serve`\n\nThe real corpus ({serve.seeds} seeds of `seeds/`, in a throw-away project): "
            f"seconds from saving an edit to a seed until the served page shows it, per edit: {edits}; "
            f"median **{serve.median:.2f} s**.")


def profile_section(profile: ProfileSummary | None, notes: str) -> str:
    if profile is None:
        return ""
    total = profile.total_seconds or 1.0
    own = markdown_table(
        ["function (by own time)", "calls", "own (s)", "own share", "cumulative (s)"],
        [[f"`{p.function}`", f"{p.calls:,}", f"{p.own_seconds:.2f}", f"{p.own_seconds / total:.0%}",
          f"{p.cumulative_seconds:.2f}"] for p in profile.by_own_time],
        right={1, 2, 3, 4})
    cumulative = markdown_table(
        ["function (by cumulative time)", "calls", "cumulative (s)", "share"],
        [[f"`{p.function}`", f"{p.calls:,}", f"{p.cumulative_seconds:.2f}", f"{p.cumulative_seconds / total:.0%}"]
         for p in profile.by_cumulative_time],
        right={1, 2, 3})
    modules = markdown_table(
        ["source file (own time summed)", "own (s)", "share"],
        [[f"`{module}`", f"{seconds:.2f}", f"{seconds / total:.0%}"] for module, seconds in profile.by_module],
        right={1, 2})
    intro = (f"A target failed, so the generator was profiled with cProfile on {profile.documents:,} documents "
             f"(one run, {profile.total_seconds:.2f} s under the profiler, which slows Python calls down: "
             f"compare shares, not seconds).")
    parts = ["## Profile", intro, own, cumulative, modules]
    if notes.strip():
        parts += ["### Analysis (`bench/NOTES.md`, written by hand)", notes.strip()]
    return "\n\n".join(parts)


def machine_table(machine: Machine) -> str:
    packages = ", ".join(f"{name} {version}" for name, version in machine.packages)
    rows = [["CPUs (`nproc`)", str(machine.cpus)], ["CPU", machine.cpu_model],
            ["memory", f"{machine.memory_gb:.0f} GB"], ["platform", machine.platform],
            ["Python", machine.python], ["packages", packages]]
    return markdown_table(["", ""], rows)


def method_section(results: dict[int, SizeResult], serve: ServeResult | None) -> str:
    runs = ", ".join(f"{r.runs} at {r.documents:,}" for r in _by_size(results))
    lines = [
        "- Corpora: `bench/synth.py` (seeded RNG, byte-identical on every run); a smaller corpus is the "
        "start of a larger one.",
        f"- Every time is the median of several runs ({runs}); each run starts from scratch (a fresh "
        "docs folder or a fresh throw-away project).",
        "- Generator: `build_site.pipeline.build` called in-process inside a fresh subprocess "
        "(`python -m bench.probe`); time is the wall time of the `build()` call (interpreter start-up and "
        "imports excluded); CPU is the process CPU time of the same call. The generator is single-threaded, "
        "so documents/s is throughput on one core; the targets use wall time, and documents/CPU-s shows "
        "how much of it other load on the machine took.",
        "- Peak memory: `resource.getrusage(RUSAGE_SELF).ru_maxrss` taken by that subprocess when the build "
        "is done, i.e. the peak RSS of a process that did nothing but import the generator and run it once "
        "(the figure `RUSAGE_CHILDREN` gives a parent with that one child); the highest of the runs.",
        "- Full build: wall time of `mkdocs build --strict` (a subprocess) of a throw-away project made like "
        "`tests/support.py` does (the repository's `mkdocs.yml`, `overrides/`, hand-written docs, `build_site/` "
        "linked), so it includes the generator run by the hook.",
        "- Baseline: the same `mkdocs build --strict` of a project that inherits the same `mkdocs.yml` "
        "(theme, search plugin, Markdown extensions) minus the hook, with each seed copied as is to "
        "`docs/plain/NAME.md` and a two-page nav. Full and baseline runs alternate. The CPU columns are "
        "the user + system time of the `mkdocs` process (`RUSAGE_CHILDREN`), less disturbed by other load; "
        "the target uses wall time.",
        "- Sizes: all files under `site/` and `site/search/search_index.json` of the last run; "
        "pages written is the generator's count.",
    ]
    if serve is not None:
        lines.append("- `mkdocs serve`: a throw-away project with a copy of `seeds/`, served on a free loopback "
                     "port; each edit appends a paragraph with a new marker word to one seed, and the clock "
                     "stops when the page fetched over HTTP (every 50 ms) contains the marker.")
    return "\n".join(lines)


def _by_size(results: dict[int, SizeResult]) -> list[SizeResult]:
    return [results[size] for size in sorted(results)]


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    ms = seconds * 1000
    return f"{ms:,.0f}" if ms >= 10 else f"{ms:.1f}"
