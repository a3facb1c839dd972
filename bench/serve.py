"""``mkdocs serve`` latency: save an edit to a seed, time until the served page shows it.

Runs on a copy of the repository's real seeds in a throw-away project (the repository's
own seeds are never touched). Each edit appends a paragraph with a new marker word to the
first seed; the clock runs from the moment the file is written until the page, fetched
over HTTP every 50 ms, contains the marker.
"""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .measure import MeasurementFailed, child_env
from .project import REAL_SEEDS, full_project
from .results import ServeResult

POLL_SECONDS = 0.05
SETTLE_SECONDS = 1.5        # after an edit shows: let the server finish any follow-up work
EDIT_TIMEOUT = 60.0
START_TIMEOUT = 180.0


def measure_serve(work: Path, edits: int) -> ServeResult:
    shutil.rmtree(work / "serve", ignore_errors=True)
    project = full_project(work / "serve", REAL_SEEDS, copy_seeds=True)
    seeds = sorted(p for p in (project / "seeds").rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".md"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    with (work / "serve.log").open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**child_env(), "SITE_URL": base},
        )
        try:
            page = base + _page_url(base, seeds[0].relative_to(project / "seeds").as_posix(), server)
            latencies = tuple(_time_edit(seeds[0], page, number) for number in range(1, edits + 1))
        finally:
            server.terminate()
            server.wait(timeout=30)
    return ServeResult(seeds=len(seeds), edits=latencies)


def _page_url(base: str, source: str, server: subprocess.Popen) -> str:
    """The page of one seed, from the site's open data (``data/documents.json``)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise MeasurementFailed(f"mkdocs serve exited with status {server.returncode}; see bench/work/serve.log")
        documents = _fetch(base + "data/documents.json")
        if documents.startswith("["):
            return next(d["url"] for d in json.loads(documents) if d["source"] == source)
        time.sleep(0.25)
    raise MeasurementFailed("mkdocs serve did not serve the site in time; see bench/work/serve.log")


def _time_edit(seed: Path, page: str, number: int) -> float:
    marker = f"benchedit{number}x"
    text = seed.read_text("utf-8").rstrip("\n")
    seed.write_text(f"{text}\n\nThis paragraph was added by the benchmark: {marker}.\n", "utf-8")
    saved = time.monotonic()
    while marker not in _fetch(page):
        if time.monotonic() - saved > EDIT_TIMEOUT:
            raise MeasurementFailed(f"edit {number} did not show up within {EDIT_TIMEOUT:.0f} s")
        time.sleep(POLL_SECONDS)
    latency = time.monotonic() - saved
    time.sleep(SETTLE_SECONDS)
    return latency


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
