"""The built site on a loopback port, as a static host such as GitHub Pages serves it.

The site is served under the path it is published under (``/source-analysis/`` for the
default ``site_url``), so root-absolute links (MkDocs writes them in ``404.html``) work;
a missing path answers ``404`` with the site's ``404.html``; with ``gzip=True`` text files
are compressed, as every production host does (Lighthouse measures that).
"""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from pathlib import Path

_TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")


class SiteServer:
    def __init__(self, site: Path, prefix: str = "/", *, gzip_text: bool = False) -> None:
        handler = functools.partial(_Handler, site=site.resolve(), prefix=prefix, gzip_text=gzip_text)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = self.origin + prefix
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> "SiteServer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, site: Path, prefix: str, gzip_text: bool, **kwargs) -> None:
        self.site, self.prefix, self.gzip_text = site, prefix, gzip_text
        super().__init__(*args, directory=str(site), **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return str(self.site / "\0missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and not self.path.split("?", 1)[0].endswith("/"):
            return super().send_head()                   # the redirect to "dir/"
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return self._send_file(self.site / "404.html", 404)
        return self._send_file(path, 200)

    def _send_file(self, path: Path, status: int):
        if not path.is_file():
            self.send_error(404)
            return None
        body = path.read_bytes()
        encoded = self.gzip_text and path.suffix in _TEXT and "gzip" in self.headers.get("Accept-Encoding", "")
        if encoded:
            body = gzip.compress(body, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        if encoded:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def mount(site: Path, prefix: str, root: Path) -> Path:
    """Make ``root`` a folder in which ``site`` sits at ``prefix`` (``/source-analysis/``),
    as a link, so that any static file server of ``root`` serves the site under the path it
    is published under. Returns ``root``."""
    inner = prefix.strip("/")
    if not inner:
        raise ValueError("the site is published at the root: serve it directly")
    link = root / inner
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(site.resolve(), target_is_directory=True)
    return root
