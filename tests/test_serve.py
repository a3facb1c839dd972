"""``mkdocs serve``: a real server process; editing, adding, breaking and deleting seeds."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support import make_project

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(predicate, timeout: float = 40.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture()
def served(tmp_path: Path):
    project = make_project(tmp_path, {"alpha.txt": "Alpha Report\n\nThe first version of the text."})
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"},
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "Alpha Report" in fetch(url), what="the first build")
        yield project, url, tmp_path / "serve.log"
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def generator_runs(log: Path) -> int:
    return len(re.findall(r"build_site: \d+ seeds read", log.read_text("utf-8")))


def test_edit_add_break_and_delete_seeds_while_serving(served):
    project, url, log = served
    seeds = project / "seeds"
    runs = generator_runs(log)

    (seeds / "alpha.txt").write_text("Alpha Report\n\nThe second version of the text.", "utf-8")
    wait_for(lambda: "second version" in fetch(url + "sources/alpha/"), what="the edited page")
    time.sleep(3)   # a rebuild loop would show up as more generator runs here
    assert generator_runs(log) == runs + 1, "one edit must regenerate exactly once"

    (seeds / "beta.txt").write_text("Beta Report\n\nA new source.", "utf-8")
    wait_for(lambda: "A new source." in fetch(url + "sources/beta/"), what="the added page")
    # The edited alpha's analysis is kept from the last rebuild: only beta is analysed.
    assert "build_site: 2 seeds read (1 unchanged, analysis reused)" in log.read_text("utf-8")

    (seeds / "broken.txt").write_bytes(bytes(range(256)) * 4)
    wait_for(lambda: "seeds/broken.txt:1: warning[BS101]" in log.read_text("utf-8"), what="the warning")
    assert "Alpha Report" in fetch(url), "the server must keep serving after a broken seed"

    (seeds / "broken.txt").unlink()
    (seeds / "beta.txt").rename(seeds / "gamma.txt")
    wait_for(lambda: "A new source." in fetch(url + "sources/gamma/"), what="the renamed page")
    wait_for(lambda: fetch(url + "sources/beta/") == "HTTP 404", what="the old page to go")
