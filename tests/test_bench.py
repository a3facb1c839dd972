"""The benchmark's own pieces (``bench/``), fast: no timing and no build is asserted here.

The synthetic corpus is deterministic, sized as asked and covers every feature of real
seeds; the report is a pure function of the measurements.
"""
from __future__ import annotations

import cProfile
import os
import pstats
import re
import subprocess
import sys
from pathlib import Path

import hanzidentifier
import pytest

from bench import pools, synth
from bench.harness import Plan, parse_args, plan
from bench.hotspots import summarise
from bench.probe import site_settings
from bench.project import BASELINE_CONFIG, baseline_project
from bench.report import generator_table, render_report, site_table, stages_table, targets_table
from bench.results import (GeneratorRun, Machine, Measurements, ServeResult, SiteBuilds, SiteSize, SizeResult, check_targets,
                           median_stages)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus() -> list[synth.SeedFile]:
    return synth.generate(40, seed=1)


@pytest.fixture(scope="module")
def corpus_text(corpus) -> str:
    return "\n\n".join(f.text for f in corpus)


# -- The synthetic corpus --------------------------------------------------------------

def test_same_seed_gives_a_byte_identical_corpus(tmp_path: Path):
    first = synth.write_corpus(tmp_path / "a", 12, seed=7)
    second = synth.write_corpus(tmp_path / "b", 12, seed=7)
    assert [p.name for p in first] == [p.name for p in second]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second))


def test_the_command_line_writes_the_same_bytes_whatever_the_hash_seed(tmp_path: Path):
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run([sys.executable, "bench/synth.py", "--docs", "5", "--out", str(tmp_path / "cli"),
                             "--seed", "3"], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == f"synth: 5 documents written to {tmp_path / 'cli'}"
    written = {p.name: p.read_text("utf-8") for p in (tmp_path / "cli").iterdir()}
    assert written == {f.name: f.text for f in synth.generate(5, seed=3)}


def test_another_seed_gives_another_corpus():
    assert [f.text for f in synth.generate(3, seed=1)] != [f.text for f in synth.generate(3, seed=2)]


@pytest.mark.parametrize("count", [1, 10, 33])
def test_the_corpus_has_the_requested_number_of_documents(tmp_path: Path, count: int):
    paths = synth.write_corpus(tmp_path, count, seed=1)
    assert len(paths) == count == len({p.name for p in paths})
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.name for p in paths]
    assert all(re.fullmatch(r"\d{4}_[0-9a-f]{16}\.txt", p.name) for p in paths)


def test_a_smaller_corpus_is_the_start_of_a_larger_one():
    assert synth.generate(5, seed=1) == synth.generate(12, seed=1)[:5]


def test_writing_into_a_folder_with_other_files_is_refused(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(FileExistsError):
        synth.write_corpus(tmp_path, 2, seed=1)


def test_documents_are_of_realistic_length(corpus):
    lengths = [synth.word_count(f.text) for f in corpus]
    assert all(synth.MIN_WORDS <= n <= synth.MAX_WORDS for n in lengths), lengths
    assert max(lengths) - min(lengths) > 500, "lengths should vary"


def test_word_count_counts_latin_words_and_half_the_cjk_characters():
    assert synth.word_count("Nordwind ships the NX-4 Pro | --- | 发布了产品") == 5 + 5 // 2


def test_every_template_slot_can_be_filled():
    import random
    names = synth.NamePool.build()
    rng = random.Random(0)
    filler = synth.SlotFiller(rng, synth.draw_cast(rng, names), 2024)
    templates = [value for name in dir(pools) if name.isupper()
                 for value in _strings(getattr(pools, name)) if "{" in value and "{n" not in value]
    assert len(templates) > 80
    for template in templates:
        assert "{" not in filler.format(template), template


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        return [s for item in value for s in _strings(item)]
    return []


def test_the_entity_pool_is_large_and_has_a_long_tail(corpus_text):
    names = synth.NamePool.build()
    assert len(names.orgs) >= 1000 and len(names.people) >= 1000
    mentioned = re.findall(rf"\b(?:{'|'.join(pools.ORG_HEADS)}) (?:{'|'.join(pools.ORG_TAILS)})\b", corpus_text)
    assert 40 <= len(set(mentioned)) < len(names.orgs)
    head, tail = set(names.orgs[:20]), set(names.orgs[-900:])
    per_head_name = sum(m in head for m in mentioned) / len(head)
    per_tail_name = sum(m in tail for m in mentioned) / len(tail)
    assert per_head_name > 10 * per_tail_name > 0, "a few names recur often, most rarely"


# Every feature of real seeds, as it appears in the text: (feature, pattern, at least how often).
FEATURES = [
    ("bare-line heading", r"\n\n[A-Z][\w&' -]{3,60}[A-Za-z0-9]\n\n", 100),
    ("bulleted list", r"\n[-*•] \S", 40),
    ("numbered list", r"\n\n1\. [A-Z][^\n]+\n\n2\. ", 5),
    ("pipe table header and rule", r"\n\| Company \| [^\n]+ \|\n\| --- \| --- \|", 5),
    ("`Label:` call-out", r"\n\n(?:Data Takeaway|Bottom Line|Key Point|Editor's Note|Market Verdict): \S", 10),
    ("recurring call-out label", r"\n\nAnalyst View: \S", 10),
    ("publisher's blurb", r"is the leading independent newsletter|Let us know in the comments below|"
                          r"All rights reserved|Subscribe to", 5),
    ("organisation", r"\b(?:Nordwind Semiconductor|Aurora Ventures|Ardent Data|Harbor AI)\b", 10),
    ("product with generation and variant", r"\b[A-Z][a-z]+-\d (?:Pro|Max|Ultra|Lite|Mini|Turbo|X|Edge)\b", 50),
    ("person", r"\b(?:" + "|".join(pools.FIRST_NAMES) + r") (?:" + "|".join(pools.LAST_NAMES) + r")\b", 100),
    ("benchmark", r"\b(?:MMLU|HumanEval|SWE-bench Verified|ARC-AGI|MLPerf Training)\b", 50),
    ("acronym with expansion", r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+ \([A-Z][A-Za-z]+\)", 20),
    ("possessive", r"\b[A-Z][a-z]+'s\b", 50),
    ("ISO date", r"\b20\d\d-[01]\d-[0-3]\d\b", 20),
    ("abbreviated month date", r"\b(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec)\. \d{1,2}, \d{4}\b", 20),
    ("quarter", r"\bQ[1-4] 20\d\d\b", 50),
    ("half year", r"\bH[12] 20\d\d\b", 20),
    ("fiscal year", r"\bFY20\d\d\b", 10),
    ("early/mid/late year", r"\b(?:early|late) 20\d\d\b|\bmid-20\d\d\b", 10),
    ("decade", r"\bthe (?:19|20)\d0s\b", 5),
    ("year range", r"\bbetween 20\d\d and 20\d\d\b", 10),
    ("deadline", r"\bby 20[23]\d\b", 10),
    ("relative span", r"\bwithin \d+ months\b", 10),
    ("Chinese year and month", r"20\d\d年\d{1,2}月", 5),
    ("Chinese relative date", r"明年", 5),
    ("tokens", r"\b\d+ trillion tokens\b", 10),
    ("money", r"\$\d+(?:\.\d)? billion\b", 20),
    ("percent", r"\b\d+ percent\b", 20),
    ("Chinese FAQ", r"\n\n(?:常见问题|常見問題)\n\n[^\n]+？\n\n[^\n]+\n", 2),
]


@pytest.mark.parametrize(("feature", "pattern", "at_least"), FEATURES, ids=[f[0] for f in FEATURES])
def test_the_corpus_covers_every_feature_of_real_seeds(corpus_text, feature, pattern, at_least):
    assert len(re.findall(pattern, corpus_text)) >= at_least, feature


def test_every_document_starts_with_a_title_line(corpus):
    for seed_file in corpus:
        title, blank = seed_file.text.split("\n")[:2]
        assert blank == "" and 10 < len(title) <= 200 and not title.endswith((".", "。")), title


def test_some_paragraphs_are_simplified_and_some_traditional_chinese(corpus):
    paragraphs = [p for f in corpus for p in f.text.split("\n\n") if re.match(r"[^\n]*[\u4e00-\u9fff]{8}", p)]
    kinds = {hanzidentifier.identify(p) for p in paragraphs}
    assert {hanzidentifier.SIMPLIFIED, hanzidentifier.TRADITIONAL} <= kinds
    assert any(re.search(r"[\u4e00-\u9fff]", f.text.split("\n")[0]) for f in corpus), "a Chinese title"


def test_the_baseline_project_holds_each_seed_as_is(tmp_path: Path):
    seeds = tmp_path / "seeds"
    paths = synth.write_corpus(seeds, 3, seed=1)
    project = baseline_project(tmp_path / "baseline", seeds)
    assert (project / "mkdocs.yml").read_text("utf-8") == BASELINE_CONFIG
    assert "hooks: []" in BASELINE_CONFIG and "INHERIT: site.yml" in BASELINE_CONFIG
    assert (project / "site.yml").read_bytes() == (REPO / "mkdocs.yml").read_bytes()
    for path in paths:
        assert (project / "docs" / "plain" / f"{path.stem}.md").read_bytes() == path.read_bytes()


# -- Command line ------------------------------------------------------------------------

def test_the_default_plan_runs_three_sizes_five_times_and_three_at_one_thousand():
    assert plan(parse_args([])).runs == {10: 5, 100: 5, 1000: 3}
    assert plan(parse_args([])).serve_edits == 5


def test_quick_means_two_sizes_one_run_and_a_scratch_report():
    quick = plan(parse_args(["--quick"]))
    assert quick.runs == {10: 1, 100: 1} and quick.serve_edits == 1
    assert quick.out.parent.name == "work"


def test_sizes_and_runs_can_be_chosen():
    assert plan(parse_args(["--sizes", "100,10", "--skip-serve"])) == Plan(
        runs={10: 5, 100: 5}, serve_edits=0, out=REPO / "bench" / "RESULTS.md")
    assert plan(parse_args(["--sizes", "10", "--runs", "2"])).runs == {10: 2}


# -- Measurements and the report ------------------------------------------------------------

def fake_results() -> dict[int, SizeResult]:
    small = SizeResult(
        documents=10, words=15_000, runs=5, generator_seconds=0.05, generator_cpu_seconds=0.04,
        peak_rss_bytes=80_000_000, stages=(("read", 0.002), ("structure", 0.03), ("render", 0.018)),
        pages_written=12, full_build_seconds=3.0, baseline_seconds=2.5, full_build_cpu_seconds=2.8,
        baseline_cpu_seconds=2.0,
        full_site=SiteSize(3_100_000, 120_000, 14), baseline_site=SiteSize(2_900_000, 110_000, 13))
    large = SizeResult(
        documents=100, words=150_000, runs=5, generator_seconds=0.5, generator_cpu_seconds=0.45,
        peak_rss_bytes=120_000_000, stages=(("read", 0.02), ("structure", 0.3), ("render", 0.18)),
        pages_written=102, full_build_seconds=6.0, baseline_seconds=4.0, full_build_cpu_seconds=5.0,
        baseline_cpu_seconds=4.0,
        full_site=SiteSize(9_000_000, 1_500_000, 104), baseline_site=SiteSize(6_000_000, 1_000_000, 103))
    return {100: large, 10: small}


FAKE_MACHINE = Machine(cpus=2, cpu_model="Test CPU", memory_gb=8.0, platform="Linux-test", python="CPython 3.11.7",
                       packages=(("mkdocs", "1.6.1"), ("jieba", "0.42.1")))


def test_the_generator_table_from_fake_measurements():
    assert generator_table(fake_results()) == """\
| documents | words | runs | generator (s) | CPU (s) | documents/s | documents/CPU-s | ms/document | peak RSS (MB) | pages written |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| 10 | 15,000 | 5 | 0.05 | 0.04 | 200 | 250 | 5.0 | 80 | 12 |
| 100 | 150,000 | 5 | 0.50 | 0.45 | 200 | 222 | 5.0 | 120 | 102 |

Linearity: per-document generator time at 100 documents is 1.00x that at 10 documents (1.00x is perfectly linear)."""


def test_the_stage_table_from_fake_measurements():
    assert stages_table(fake_results()) == """\
| stage | 10 docs | 100 docs | share at 100 |
| --- | ---: | ---: | ---: |
| read | 2.0 | 20 | 4% |
| structure | 30 | 300 | 60% |
| render | 18 | 180 | 36% |"""


def test_the_site_table_from_fake_measurements():
    assert site_table(fake_results()) == """\
| documents | full build (s) | baseline (s) | full / baseline | CPU: full / baseline | HTML pages (full / baseline) | site/ MB (full / baseline) | search_index.json MB (full / baseline) |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| 10 | 3.00 | 2.50 | 1.20x | 2.8 / 2.0 s = 1.40x | 14 / 13 | 3.1 / 2.9 | 0.12 / 0.11 |
| 100 | 6.00 | 4.00 | 1.50x | 5.0 / 4.0 s = 1.25x | 104 / 103 | 9.0 / 6.0 | 1.50 / 1.00 |"""


def test_the_targets_are_checked_at_the_largest_size():
    serve = ServeResult(seeds=2, edits=(1.0, 3.0, 1.5))
    assert targets_table(check_targets(fake_results(), serve)) == """\
| target | measured | limit | result |
| --- | --- | --- | --- |
| full build of 100 seeds vs plain-Markdown baseline | 1.50x | <= 1.3x | **FAIL** |
| generator throughput at 100 documents (one core) | 200 documents/s | >= 200 documents/s | **PASS** |
| generator per-document time at 100 vs 10 documents | 1.00x | <= 1.2x | **PASS** |
| generator peak memory at 100 documents | 120 MB | <= 500 MB | **PASS** |
| `mkdocs serve`: seed saved -> page updated (median of 3) | 1.50 s | <= 2 s | **PASS** |"""


def test_targets_that_were_not_measured_are_marked_not_applicable():
    only = {10: fake_results()[10]}
    verdicts = {check.name.split(",")[0]: check.verdict for check in check_targets(only, None)}
    assert verdicts == {
        "full build of 10 seeds vs plain-Markdown baseline": "PASS",
        "generator throughput at 10 documents (one core)": "PASS",
        "generator per-document time": "n/a",
        "generator peak memory at 10 documents": "PASS",
        "`mkdocs serve`: seed saved -> page updated": "n/a",
    }


def test_the_report_is_deterministic_and_holds_every_section():
    measured = Measurements(FAKE_MACHINE, fake_results(), ServeResult(2, (0.8, 0.9, 1.0, 1.1, 1.2)))
    report = render_report(measured)
    assert report == render_report(Measurements.from_json(measured.to_json())), "saved and rendered again"
    headings = re.findall(r"^## (.+)$", report, flags=re.MULTILINE)
    assert headings == ["Targets", "Generator", "Site build", "`mkdocs serve`", "Machine", "Method"]
    assert "noisy" in report and "ratios" in report.lower()
    assert "| CPUs (`nproc`) | 2 |" in report and "mkdocs 1.6.1, jieba 0.42.1" in report
    assert "median **1.00 s**" in report
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", report), "no date in the report"


def test_measurements_are_medians_and_the_peak_is_the_highest():
    runs = [GeneratorRun(seconds=s, cpu_seconds=s, peak_rss_bytes=m, stages=(("read", s), ("write", s / 2)),
                         pages=3, written=3) for s, m in [(3.0, 10), (1.0, 30), (2.0, 20)]]
    builds = SiteBuilds((5.0, 4.0, 9.0), (2.0, 1.0, 3.0), (4.0, 3.0, 8.0), (1.0, 1.0, 2.0), SiteSize(1, 1, 1),
                        SiteSize(1, 1, 1))
    result = SizeResult.from_runs(2, 100, runs, builds)
    assert (result.generator_seconds, result.peak_rss_bytes, result.full_build_seconds) == (2.0, 30, 5.0)
    assert result.stages == (("read", 2.0), ("write", 1.0)) and result.build_ratio == 2.5
    assert result.build_cpu_ratio == 4.0
    assert median_stages([(("a", 1.0),), (("a", 3.0), ("b", 2.0))]) == (("a", 2.0), ("b", 1.0))


def test_a_profile_is_summarised_by_own_time_cumulative_time_and_file():
    profiler = cProfile.Profile()
    profiler.runcall(lambda: sorted(str(i) for i in range(20_000)))
    summary = summarise(pstats.Stats(profiler), documents=7, top=3)
    assert summary.documents == 7 and len(summary.by_own_time) == 3 and len(summary.by_module) <= 3
    assert any("test_bench.py" in line.function for line in summary.by_cumulative_time)
    measured = Measurements(FAKE_MACHINE, fake_results(), None, summary)
    assert Measurements.from_json(measured.to_json()) == measured
    report = render_report(measured, notes="Why: sorting.")
    assert "## Profile" in report and "on 7 documents" in report and report.index("Why: sorting.") < report.index(
        "## Machine")


def test_the_probe_passes_the_settings_the_hook_would(tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test site\nsite_url: !ENV [SITE_URL, 'x']\n"
                      "extra:\n  build_site:\n    as_of: 2026-11-21\n", "utf-8")
    assert site_settings(config) == {"site_name": "Test site", "as_of": "2026-11-21"}
