"""Hostile and broken seeds: the fixture set of ``tests/test_hostile.py``.

Readable text fixtures are committed in ``tests/hostile/seeds/`` (HTML and script, template
syntax, front matter, Markdown that would reshape a page). Everything binary, in another
encoding, invisible, large, or about *file names* is generated here, so no large or
unreadable file is committed and every odd byte is written as an escape a reviewer can see:

* empty, white space only, binary, NUL byte, ANSI escapes, BOM + CRLF, GBK, Big5, cp1252,
  UTF-16, UTF-8 with one invalid byte;
* zero-width, bidi-override, combining and emoji characters; colliding headings;
* a 40-column table with ragged rows; a 5 MB seed; a 200,000-character line; 250 KB hard-
  wrapped without a blank line;
* file names that collide as page names, with spaces, non-ASCII, upper-case extensions,
  markup, a newline; a folder named like a seed; hidden files and folders, other extensions,
  a name forging a CI log line; a symbolic link to a file outside the folder.

:func:`hostile_seeds` returns the set as ``{relative path: bytes}`` for
:func:`tests.support.write_seeds` (:func:`add_symlinks` adds the link). :func:`text_fixtures`
holds what each decodable seed *says* (the text before encoding), which the tests compare
the rendered pages with.
"""
from __future__ import annotations

import random
from pathlib import Path

SEEDS = Path(__file__).parent / "seeds"

BIG_BYTES = 5 * 1024 * 1024
LONG_LINE_CHARS = 200_000

GBK_TEXT = (
    "人工智能公司发布新一代模型\n\n"
    "人工智能公司周一发布了新一代语言模型。"
    "据报道，该模型在编程和数学推理测试中的表现明显优于上一代产品。"
    "公司表示，新模型将首先向企业客户开放，随后逐步面向普通用户推出。\n\n"
    "分析人士认为，这一举措将加剧行业竞争，并推动有关监管政策的讨论。"
    "多家研究机构已经开始评估新模型的安全性。\n"
)
BIG5_TEXT = (
    "台灣半導體出口創新高\n\n"
    "台灣的半導體產業在過去一年中持續成長。"
    "根據政府公布的統計資料，晶片出口金額創下歷史新高，"
    "主要受到人工智慧伺服器需求強勁的帶動。\n\n"
    "業界人士表示，未來兩年的產能擴張計畫仍將按照原定時程進行，"
    "但人才短缺與電力供應問題值得關注。\n"
)
CP1252_TEXT = (
    "Intelligence artificielle, le projet de loi présenté\n\n"
    "Le gouvernement a présenté mercredi un projet de loi très attendu sur l’intelligence "
    "artificielle. « Nous voulons protéger les citoyens sans freiner l’innovation », a déclaré "
    "la ministre — une position saluée par les entreprises du secteur.\n\n"
    "Le coût estimé du programme s’élève à 120 millions d’euros (€), répartis sur cinq ans. "
    "Les députés débattront du texte à l’automne ; certains élus réclament déjà des garanties "
    "pour les œuvres protégées.\n"
)
UTF16_TEXT = "A UTF-16 Seed\n\nThis document was saved as UTF-16 with a byte-order mark by an old word processor.\n"

# Invisible, direction-changing, combining and emoji characters, each written as an escape.
UNICODE_TEXT = (
    "Unicode Tricks\u200b In\u2060 The Title\n\n"
    "Zero width space a\u200bb, joiner a\u200db, non-joiner a\u200cb, word joiner a\u2060b, "
    "byte-order mark in the middle a\ufeffb, soft hyphen co\u00adoperate.\n\n"
    "Bidi override: the attachment is called \u202egnp.exe\u202c and \u2066isolate\u2069 \u2067rtl\u2069 "
    "\u2068first\u2069 \u200fRLM \u200eLRM \u202aLRE\u202c \u202bRLE\u202c \u202dLRO\u202c \u061cALM.\n\n"
    "\u202eAn override that is never closed runs to the end of this paragraph.\n\n"
    "Combining marks: Z\u0351\u0352\u0353a\u0300\u0301\u0302\u0303l\u0334\u0335g\u0336o, "
    "Cafe\u0301 composes, q\u0307\u0323 does not, jamo \u1100\u1161\u11a8, Devanagari \u0915\u094d\u0937\u093f.\n\n"
    "Emoji: \U0001F600 \U0001F44D\U0001F3FD \U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466 "
    "\U0001F3F3\ufe0f\u200d\U0001F308 \U0001F1FA\U0001F1F3 #\ufe0f\u20e3 1\ufe0f\u20e3 \u2764\ufe0f "
    "and a lone variation selector \ufe0e here.\n\n"
    "Right-to-left scripts: \u0627\u0644\u0639\u0631\u0628\u064a\u0629 and \u05e2\u05d1\u05e8\u05d9\u05ea "
    "among English words.\n\n"
    "Spaces: no-break 10\u00a0km, narrow 5\u202fkg, ideographic \u4e2d\u3000\u6587, "
    "line separator a\u2028b, paragraph separator c\u2029d.\n\n"
    "Private use \ue000, noncharacters \ufdd0 \uffff, replacement \ufffd, tag letters \U000E0041\U000E0042, "
    "math letters \U0001D400\U0001D401, fullwidth \uff21\uff22\uff1cscript\uff1e.\n"
)

NUL_TEXT = ("Title Of A Seed With A NUL\n\n"
            "A normal sentence with a NUL\x00byte inside it, and the paragraph goes on as usual.\n")
ANSI_TEXT = ("Terminal Colours\n\n"
             "A log line pasted with colour codes: \x1b[31mred\x1b[0m and \x1b[1mbold\x1b[0m text.\n")
# UTF-8 with one stray cp1252 byte pasted in (0x92, a curly apostrophe in cp1252).
BROKEN_UTF8_TEXT = ("A Mostly UTF-8 Seed\n\nThe café’s owner said “it’s fine” — then pasted one stray byte: "
                    "{} and the text goes on.\n")
BROKEN_UTF8 = BROKEN_UTF8_TEXT.format("\x00").encode("utf-8").replace(b"\x00", b"\x92")

SLUG_TEXT = (
    "Results\n\n"
    "Headings whose anchors collide must stay unique.\n\n"
    "Results!\n\nFirst body.\n\nresults\n\nSecond body.\n\nRÉSULTATS\n\nThird body.\n\n"
    "Résultats\n\nFourth body.\n\nResults 2\n\nFifth body.\n\n¶¶¶\n\nSixth body.\n\n"
    "\u202eResults\n\nSeventh body.\n"
)


def _wide_table() -> str:
    header = "| " + " | ".join(f"Column {n}" for n in range(1, 41)) + " |"
    separator = "|" + "---|" * 40
    rows = [
        "| " + " | ".join(f"r1c{n}" for n in range(1, 41)) + " |",
        "| " + " | ".join(f"r2c{n}" for n in range(1, 21)) + " |",                    # 20 cells: padded
        "| " + " | ".join(f"r3c{n}" for n in range(1, 46)) + " |",                    # 45 cells: widens
        "| only one cell |",
        "| <b>bold</b> | [x](javascript:alert(1)) | a \\| b | `c|d` | {{ t }} |",
    ]
    table = "\n".join([header, separator, *rows])
    return f"Forty Columns\n\nA table with forty columns and ragged rows.\n\n{table}\n\nAfter the table.\n"


def _big_text() -> str:
    """About 5 MB: paragraphs, then text hard-wrapped at 72 columns with no blank line at
    all, then lists and tables; every character class the escaper handles, numbered so
    no two passages are the same."""
    rng = random.Random(5)
    words = ("market model <b> *star* _under_ [link](x) {{ x }} `tick` & | # > ~ ^ = "
             "人工智能 模型 發布 résumé naïve \u200b emoji\U0001F600 2026 3.14 100% $5").split(" ")

    def sentence(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(20, 120))) + f" paragraph{n}."

    parts = ["A Five Megabyte Seed\n"]
    size, n = 0, 0
    while size < BIG_BYTES * 0.6:                       # paragraphs between blank lines
        n += 1
        parts.append(sentence(n) + "\n")
        size += len(parts[-1].encode("utf-8"))
    wrapped: list[str] = []
    while size < BIG_BYTES * 0.85:                      # hard-wrapped, no blank lines
        n += 1
        text = sentence(n).replace("|", "/")
        while text:
            cut = text.rfind(" ", 0, 72) if len(text) > 72 else len(text)
            cut = cut if cut > 0 else len(text)
            wrapped.append(text[:cut])
            text = text[cut:].lstrip()
            size += len(wrapped[-1].encode("utf-8")) + 1
    parts.append("\n".join(wrapped) + "\n")
    while size < BIG_BYTES:                             # lists and tables
        n += 1
        block = "\n".join(f"- item {n}.{k} " + sentence(n)[:200] for k in range(5)) + "\n"
        block += "\n| key | value |\n|---|---|\n" + "\n".join(
            f"| row {n}.{k} | " + sentence(n)[:100].replace("|", "/") + " |" for k in range(5)) + "\n"
        parts.append(block)
        size += len(block.encode("utf-8"))
    return "\n".join(parts)


def _long_line() -> str:
    rng = random.Random(200)
    words = "the *quick* _brown_ fox <jumps> over [the] lazy `dog` & {{ cat }} | # 人工智能 \u200b".split(" ")
    parts: list[str] = []
    length = 0
    while length < LONG_LINE_CHARS:
        word = rng.choice(words)
        parts.append(word)
        length += len(word) + 1
    line = " ".join(parts)[:LONG_LINE_CHARS].rstrip() + "."
    return "A 200,000-Character Line\n\n" + line + "\n"


def _wrapped_without_blank_lines() -> str:
    """About 250 KB hard-wrapped at 72 columns with no blank line: one endless paragraph."""
    rng = random.Random(72)
    words = "the *market* grew <fast> and [then] slowed `again` & {{ so }} did the 模型 résumé".split(" ")
    text = " ".join(rng.choice(words) for _ in range(40_000))
    lines = ["Hard Wrapped Without Blank Lines"]
    while text:
        cut = text.rfind(" ", 0, 72) if len(text) > 72 else len(text)
        lines.append(text[:cut])
        text = text[cut:].lstrip()
    return "\n".join(lines) + "\n"


def text_fixtures() -> dict[str, str]:
    """Decodable seeds as the text they hold (before encoding), by relative path."""
    texts = {path.name: path.read_text("utf-8") for path in sorted(SEEDS.iterdir()) if path.is_file()}
    texts.update({
        "bom_crlf.txt": "Byte Order Mark And CRLF\n\nWindows line ends\nand a BOM at the start.\n\nSecond paragraph.\n",
        "gbk.txt": GBK_TEXT,
        "big5.txt": BIG5_TEXT,
        "cp1252.txt": CP1252_TEXT,
        "utf16.txt": UTF16_TEXT,
        "unicode_tricks.txt": UNICODE_TEXT,
        "nul_byte.txt": NUL_TEXT,
        "ansi_escapes.txt": ANSI_TEXT,
        "wide_table.txt": _wide_table(),
        "slug_collisions.txt": SLUG_TEXT,
        "big.txt": _big_text(),
        "long_line.txt": _long_line(),
        "wrapped_no_blank_lines.txt": _wrapped_without_blank_lines(),
        # File names: colliding as slugs, with spaces, non-ASCII, upper-case extensions, markup.
        "Report.txt": "Quarterly Report\n\nThe first file whose name becomes the page name report.\n",
        "report.md": "Quarterly Report\n\nThe second file named report, with the same title as the first.\n",
        "report!.txt": "Quarterly Report\n\nThe third file that maps to report.\n",
        "report-2.txt": "Report Two\n\nA file whose own name is the suffix another clash would get.\n",
        "my report.txt": "A File Name With A Space\n\nIts page name has a hyphen instead.\n",
        "Überblick 报告.txt": "Überblick 报告\n\nA file name in German and Chinese.\n",
        "UPPER.TXT": "Upper-Case Extension\n\nThe extension is upper case.\n",
        "Notes.MD": "Mixed-Case Markdown Extension\n\nThe extension is mixed case.\n",
        "sub/dir/nested.txt": "A Nested Seed\n\nIt lives two folders down.\n",
        "folder.txt/inner.txt": "Inside A Folder Named Like A Seed\n\nThe folder itself is not a seed.\n",
        # No title line (too long), so the page is named after this file.
        "<b onmouseover=alert(1)>x.txt": "a lowercase first line, too long to be a title: " + "and on " * 30 + "\n",
        "{{ 7*7 }}.md": "{% raw %}\n\nA file name made of template syntax.\n",
        "@@.txt": "Punctuation Only\n\nA file name without letters.\n",
        "untitled.txt": "Untitled On Purpose\n\nA file named like the fallback page name.\n",
        "line\nbreak.txt": "A File Name With A Line Break\n\nThe name holds a newline.\n",
    })
    return texts


def _encode(name: str, text: str) -> bytes:
    if name == "bom_crlf.txt":
        return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    if name == "gbk.txt":
        return text.encode("gbk")
    if name == "big5.txt":
        return text.encode("big5")
    if name == "cp1252.txt":
        return text.encode("cp1252")
    if name == "utf16.txt":
        return text.encode("utf-16")          # with BOM
    return text.encode("utf-8")


def hostile_seeds() -> dict[str, bytes]:
    """The whole fixture set: every file to write into a seeds folder."""
    seeds = {name: _encode(name, text) for name, text in text_fixtures().items()}
    seeds.update({
        "empty.txt": b"",
        "whitespace_only.txt": "  \n\t\n   \r\n\u3000\n".encode("utf-8"),
        "binary.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16,
        "broken_utf8.txt": BROKEN_UTF8,
        # Never read: hidden files and folders, other extensions. Each holds a marker that
        # must appear nowhere in the built site.
        ".hidden.txt": b"<script>alert('hidden')</script> NOT-A-SEED-1",
        ".drafts/secret.txt": b"NOT-A-SEED-2",
        ".txt": b"NOT-A-SEED-3",
        "notes.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\nNOT-A-SEED-4\n",
        "image.png": b"\x89PNG\r\n\x1a\nNOT-A-SEED-5",
        "script.js": b"alert('NOT-A-SEED-6')",
        "page.html": b"<script>alert(1)</script>NOT-A-SEED-7",
        "README": b"NOT-A-SEED-8",
        "data.txt.bak": b"NOT-A-SEED-9",
        # A name that would forge a line of the build log (GitHub Actions reads "::error::").
        "x\n::error file=mkdocs.yml::forged.pdf": b"NOT-A-SEED-10",
    })
    return seeds


SECRET = "TOP SECRET: this file is outside the seeds folder."


def add_symlinks(seeds_dir: Path) -> None:
    """A seed that is a symbolic link to a file outside the seeds folder (``/etc/passwd`` in
    an attack): it must not be read. The target is a file next to the folder."""
    outside = seeds_dir.parent / "secret.txt"
    outside.write_text(SECRET, "utf-8")
    (seeds_dir / "leak.txt").symlink_to(outside)
