"""Stage 5, ``render``: page plans become Markdown text.

Templates are Jinja2 with ``StrictUndefined`` and autoescaping, where escaping means
*Markdown* escaping: :func:`_finalize` turns every plain string into escaped
:class:`~build_site.markup.Md` before Jinja's own escaping sees it, and ``Md`` (a ``Markup``)
passes through unchanged, as does macro output. So seed text cannot reach a page unescaped,
whichever template prints it.
"""
from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup

from .markup import Md, escape

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class PageFile:
    """A file to write below ``docs/``: its path and its complete content."""

    path: str
    content: str


@dataclass(frozen=True)
class StreamedFile:
    """A large file (an open-data export) made piece by piece while it is written, so that
    its text is never held whole: ``pieces()`` gives its text in order."""

    path: str
    pieces: Callable[[], Iterable[str]]


def _finalize(value: object) -> Markup:
    if isinstance(value, Markup):      # Md, or the output of a macro
        return value
    if isinstance(value, bool) or value is None:
        raise TypeError(f"template printed {value!r}: compute display text in the view instead")
    if isinstance(value, (int, float)):
        return Md(str(value))
    text = str(value)
    return _escape_cached(text) if len(text) <= 160 else escape(text)


@lru_cache(maxsize=1 << 16)
def _escape_cached(text: str) -> Md:
    """Names, titles and labels repeat on thousands of pages: escape each once."""
    return escape(text)


@lru_cache(maxsize=1)
def make_environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=True,             # with _finalize: Markdown escaping, see the module doc
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def front_matter(**fields: object) -> Md:
    """YAML front matter for MkDocs (title, description...).

    The theme prints ``page.meta.title`` and ``page.meta.description`` into the HTML without
    escaping them (MkDocs' Jinja has no autoescape), so string values are HTML-escaped here;
    browsers decode the entities, so readers see the text exactly.
    """
    safe = {key: html.escape(value, quote=True) if isinstance(value, str) else value
            for key, value in fields.items()}
    dumped = yaml.safe_dump(safe, allow_unicode=True, sort_keys=True, width=10_000).strip()
    return Md(dumped)


def render_template(name: str, **context: object) -> str:
    text = make_environment().get_template(name).render(**context)
    return _tidy(text)


def _tidy(text: str) -> str:
    """Collapse runs of blank lines that template loops leave behind; end with one newline."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        stripped = line.rstrip()
        if not stripped and out and not out[-1]:
            continue
        out.append(stripped)
    return "\n".join(out).strip("\n") + "\n"


def render_json(data: object) -> str:
    """Deterministic JSON: sorted keys, UTF-8, newline at the end.

    A list is written one item per line (diffable, and encoded by the C encoder, several
    times faster than ``indent`` for the large exports); anything else is indented.
    """
    if isinstance(data, list):
        return "".join(json_item_pieces(data))
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def json_item_pieces(items: Iterable[object]) -> Iterator[str]:
    """``render_json``'s text for a list, a line at a time, from items made one at a time."""
    first = True
    for item in items:
        yield ("[\n" if first else ",\n") + json.dumps(item, ensure_ascii=False, sort_keys=True)
        first = False
    yield "[]\n" if first else "\n]\n"
