"""The one place where seed text becomes Markdown.

Seed text is data. Every character that could start Markdown, HTML or extension syntax is
backslash-escaped; ``pymdownx.escapeall`` (enabled in ``mkdocs.yml``) makes any escaped
character render as itself, so the escaping is context-free and linear in the text length.
Characters that only mean something at the start of a line are escaped there too.

Generated Markdown is wrapped in :class:`Md`; templates print ``Md`` as is and escape any
plain ``str`` (see ``render.make_environment``), so forgetting to escape is not possible.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

# Inline syntax of Python-Markdown and the extensions we enable (emphasis, code, links,
# images, raw HTML, entities, attribute lists, tables, abbreviations, footnotes, critic).
_ALWAYS = re.compile(r"([\\`*_{}\[\]<>&|~^!$])")
# '#' ending a text: Python-Markdown drops a heading's closing hashes, so the title "Learning
# C#" would lose its '#'. Not escaped elsewhere, nor in a string of only '#' (the heading
# marks templates print), as templates escape link targets and those marks too.
_TRAILING_HASHES = re.compile(r"(?<=[^#\s])(\s*)(#+)(?=\s*\Z)")
# Block syntax that only counts at the start of a line: headings, quotes, lists, rules,
# setext underlines, definition lists, admonitions/details, ordered-list numbers.
_LINE_START = re.compile(r"^([#>+\-=:?%]|\d+(?=[.)]))")
# Characters that would change the layout: line breaks and tabs become spaces.
_BREAKS = re.compile(r"[\n\r\t\u2028\u2029\x0b\x0c]")


class Md(Markup):
    """Markdown written by the generator: trusted, never escaped again.

    It is a :class:`markupsafe.Markup`, the type Jinja already treats as safe, so macro
    output and generated Markdown pass through templates unchanged. Build it from complete
    strings only: ``Markup`` HTML-escapes plain strings added to it with ``+`` or ``%``.
    """

    __slots__ = ()


# Any character escape() changes; most text has none and is returned as is.
_SPECIAL = re.compile(r"[\\`*_{}\[\]<>&|~^!$#\n\r\t\u2028\u2029\x0b\x0c]")


def escape(text: str) -> Md:
    """Seed text as inline Markdown that renders exactly as the text.

    >>> escape("<b>*hi*</b>")
    '\\\\<b\\\\>\\\\*hi\\\\*\\\\</b\\\\>'
    """
    if _SPECIAL.search(text) is None:
        return Md(text)
    text = _BREAKS.sub(" ", text)
    escaped = _ALWAYS.sub(r"\\\1", text)
    return Md(_TRAILING_HASHES.sub(lambda m: m[1] + "\\#" * len(m[2]), escaped))


def escape_block(text: str) -> Md:
    """Seed text that starts a line: also neutralise block syntax at its start."""
    return Md(_guard_line_start(escape(text)))


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A marked-up stretch of a passage: a link, a term, a date."""

    start: int
    end: int
    href: str                      # a relative link made by paths.relative_link
    title: str = ""                # tooltip; generated text only, never seed text
    classes: tuple[str, ...] = ()


@dataclass(frozen=True, order=True, slots=True)
class Region:
    """A stretch of a passage wrapped in generated inline HTML (a claim label, say).

    ``opening`` and ``closing`` are written by the generator, never taken from a seed; the text
    inside is escaped and may hold spans, which must lie wholly inside or outside the region.
    """

    start: int
    end: int
    opening: str
    closing: str


def inline(text: str, spans: tuple[Span, ...] = (), *, line_start: bool = False,
           regions: tuple[Region, ...] = (), guard_markers: bool = False) -> Md:
    """Escape ``text``, turn each span into a Markdown link and wrap each region.

    Spans and regions must be sorted and must not overlap others of their kind (the link
    stage guarantees it); a span that overlaps an earlier one, or straddles a region
    boundary, is dropped rather than corrupting the text. ``guard_markers`` is for text in an
    element Material annotates: a ``(12)`` of the seed is split into separate text nodes so
    it stays text instead of becoming an annotation marker.
    """
    esc = _escape_guarded if guard_markers else escape
    cuts = sorted({0, len(text), *(r.start for r in regions), *(r.end for r in regions)})
    if len(cuts) == 1:                      # empty text
        cuts = [0, 0]
    opening = {r.start: r.opening for r in regions}
    closing = {r.end: r.closing for r in regions}
    out: list[str] = []
    for piece_start, piece_end in zip(cuts, cuts[1:]):
        if piece_start in closing:
            out.append(closing[piece_start])
        if piece_start in opening:
            out.append(opening[piece_start])
        inside = tuple(s for s in spans if piece_start <= s.start and s.end <= piece_end)
        out.append(_linked(text, piece_start, piece_end, inside, esc))
    if len(text) in closing:
        out.append(closing[len(text)])
    result = "".join(out)
    return Md(_guard_line_start(result) if line_start else result)


def _linked(text: str, start: int, end: int, spans: tuple[Span, ...], esc=escape) -> str:
    out: list[str] = []
    pos = start
    for span in spans:
        if span.start < pos or span.end > end or span.start >= span.end:
            continue
        out.append(esc(text[pos:span.start]))
        out.append(link(esc(text[span.start:span.end]), span.href, span.title, span.classes))
        pos = span.end
    out.append(esc(text[pos:end]))
    return "".join(out)


# Material reads any "(digits)" text node inside an annotated element as a marker.
_MARKER_LIKE = re.compile(r"\((\d+)\)")


def _escape_guarded(text: str) -> str:
    return _MARKER_LIKE.sub(r'(<span class="bs-num">\1</span>)', str(escape(text)))


def _guard_line_start(markdown: str) -> str:
    """Escape the first character when it would open a block construct."""
    stripped = markdown.lstrip()
    if stripped and not stripped.strip("# "):      # "##": read as both opening and closing marks
        return stripped.replace("#", "\\#")
    match = _LINE_START.match(stripped)
    if not match:
        return stripped
    if match.group(1)[0].isdigit():
        return stripped[: match.end()] + "\\" + stripped[match.end():]
    return "\\" + stripped


def link(label: Md, href: str, title: str = "", classes: tuple[str, ...] = ()) -> Md:
    """A Markdown link from generated parts (the label is already escaped)."""
    title_part = f' "{_attr_text(title)}"' if title else ""
    class_part = "{ " + " ".join(f".{c}" for c in classes) + " }" if classes else ""
    return Md(f"[{label}](<{href}>{title_part}){class_part}")


def attr_list(anchor: str = "", lang: str = "", classes: tuple[str, ...] = (), **attrs: str) -> Md:
    """An attribute list ``{ #id .class lang=xx }`` for the element before it."""
    parts = [f"#{anchor}"] if anchor else []
    parts += [f".{c}" for c in classes]
    if lang:
        parts.append(f"lang={lang}")
    parts += [f'{key.replace("_", "-")}="{_attr_text(value)}"' for key, value in sorted(attrs.items())]
    return Md("{ " + " ".join(parts) + " }")


def _attr_text(value: str) -> str:
    return value.replace("\\", "").replace('"', "'").replace("\n", " ")


def code_block(text: str) -> Md:
    """A fenced block shown verbatim: the fence is longer than any backtick run inside."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return Md(f"{fence}text\n{text}\n{fence}")
