"""Reading rendered HTML the way the hostile-input tests need it.

:class:`PageScan` walks a page once: every element with its attributes (and whether it is
inside the ``<article>``), the ids, and the visible text of the article without the generated
furniture (permalinks, the metadata box, claim labels, the pager: all ``data-search-exclude``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

from tests.support import REPO

# Elements that run code, load something or take input: never inside an article. Other
# elements are allowed there only when the generator's own templates or code write them.
FORBIDDEN_TAGS = frozenset({
    "script", "iframe", "img", "object", "embed", "style", "link", "meta", "base", "form", "input",
    "button", "textarea", "select", "frame", "frameset", "applet", "audio", "video", "source",
    "picture", "template", "math", "noscript", "portal", "dialog",
})
FORBIDDEN_ATTRS = frozenset({"src", "srcset", "srcdoc", "action", "formaction", "data", "poster",
                             "background", "xlink:href", "http-equiv", "content", "target"})
URL_ATTRS = frozenset({"href", "src", "srcset", "action", "formaction", "data", "poster", "background",
                       "xlink:href", "cite", "manifest"})
# The generator's own inline styles (bar widths, aligned columns of its Markdown tables);
# any other style attribute came from elsewhere.
GENERATED_STYLE = re.compile(r"(?:width|height): \d+(?:\.\d+)?%;?|text-align: (?:left|right|center);")
# Runs of characters that are neither white space nor ASCII punctuation: words, CJK, emoji,
# combining marks, zero-width and bidi controls, U+FFFD. ASCII punctuation is what markup is
# made of; the tests check it separately.
TOKEN = re.compile(r"[^\s!-/:-@\[-`{-~]+")
# Markdown the templates and the generated Markdown use.
MARKDOWN_TAGS = frozenset({"p", "a", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre",
                           "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "div", "span"})


@lru_cache(maxsize=1)
def generator_tags() -> frozenset[str]:
    """Every element the generator's own templates and code write (trusted), minus the forbidden."""
    code = "".join(p.read_text("utf-8") for p in sorted((REPO / "build_site").rglob("*"))
                   if p.suffix in (".j2", ".py"))
    named = set(re.findall(r"<([a-z][a-z0-9]*)(?![a-z0-9])", code))
    return frozenset((named | MARKDOWN_TAGS) - FORBIDDEN_TAGS)


class PageScan(HTMLParser):
    """One pass over a page: its elements, its ids, and the visible text of its ``<article>``
    without generated furniture (permalinks, the metadata box, the pager: ``data-search-exclude``)."""

    VOID = frozenset({"br", "img", "input", "hr", "meta", "link", "area", "base", "col", "embed",
                      "source", "track", "wbr", "path", "rect", "circle", "line", "polyline"})

    def __init__(self, *, fragment: bool = False) -> None:
        """``fragment``: the input is an article's body (rendered Markdown), not a whole page."""
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []     # (tag, in article, hidden)
        self.elements: list[tuple[str, dict[str, str], bool]] = []   # (tag, attrs, in article)
        self.ids: list[str] = []
        self.text: list[str] = []
        self.all_text: list[str] = []                  # the article's text, furniture included
        self.title: list[str] = []
        self.scripts: list[str] = []
        if fragment:
            self.stack.append(("article", True, False))

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        in_article, hidden = self.stack[-1][1:] if self.stack else (False, False)
        self.elements.append((tag, attributes, in_article))
        if "id" in attributes:
            self.ids.append(attributes["id"])
        hidden = hidden or "data-search-exclude" in attributes or "headerlink" in attributes.get("class", "")
        if tag not in self.VOID:
            self.stack.append((tag, in_article or tag == "article", hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):   # tolerate unclosed <p>, <li>...
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if not self.stack:
            return
        tag, in_article, hidden = self.stack[-1]
        if in_article:
            self.all_text.append(data)
        if in_article and not hidden:
            self.text.append(data)
        if tag == "title":
            self.title.append(data)
        if tag == "script":
            self.scripts.append(data)



def visible(parser: PageScan) -> str:
    """The article's visible text, white space normalised."""
    return " ".join("".join(parser.text).split())
