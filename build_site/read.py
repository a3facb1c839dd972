"""Stage 1, ``read``: the seeds folder becomes decoded :class:`~build_site.model.Seed` values.

Rules (documented in the README):

* every regular ``.txt``/``.md`` file below the folder, extension case-insensitive, is a seed;
  hidden files and folders (``.name``) are ignored, other files are reported at info level;
* UTF-8, with or without BOM, is read as is; any other encoding is detected with
  ``charset-normalizer`` and reported (BS102); binary or undecodable files are skipped (BS101);
* line ends become ``\\n``; text is NFC-normalised; control characters other than tab and
  newline are replaced by U+FFFD so nothing invisible is smuggled into a page (BS104).

This is one of the two modules that touch the disk (``write`` is the other).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from .diagnostics import Diagnostic, diagnostic
from .model import Seed
from .paths import SeedPath, seed_slug, unique_slugs

SEED_SUFFIXES = (".txt", ".md")
# C0 controls other than tab and newline, DEL and the C1 controls (U+0080-U+009F: NEL,
# CSI... are control characters too, invisible on a page).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A file is binary when NUL bytes or other C0 controls are a noticeable share of it.
_BINARY_SHARE = 0.02


def read_seeds(seeds_dir: Path, display_root: str = "seeds") -> tuple[tuple[Seed, ...], tuple[Diagnostic, ...]]:
    """Read every seed below ``seeds_dir``, in sorted path order."""
    if not seeds_dir.is_dir():
        return (), (diagnostic(display_root, 0, "BS100", f"no seeds folder at {seeds_dir}"),)
    paths, diags = _find_seed_files(seeds_dir, display_root)
    slugs = unique_slugs(paths)
    diags += _slug_clash_diagnostics(slugs, display_root)
    seeds: list[Seed] = []
    for path in paths:
        display = _shown(f"{display_root}/{path}")
        try:
            data = (seeds_dir / path).read_bytes()
        except OSError as exc:
            diags.append(diagnostic(display, 0, "BS107", f"cannot read the file: {exc.strerror or exc}"))
            continue
        seed, seed_diags = decode_seed(data, path, slugs[path], display)
        diags.extend(seed_diags)
        if seed is not None:
            seeds.append(seed)
    return tuple(seeds), tuple(diags)


def _find_seed_files(seeds_dir: Path, display_root: str) -> tuple[list[SeedPath], list[Diagnostic]]:
    found: list[SeedPath] = []
    diags: list[Diagnostic] = []
    root = seeds_dir.resolve()
    for file in sorted(seeds_dir.rglob("*")):
        rel = file.relative_to(seeds_dir)
        if any(part.startswith(".") for part in rel.parts) or file.is_dir():
            continue
        if not file.is_file():
            # A broken symbolic link, a pipe (reading it would wait forever), a socket: say so,
            # or the seed just goes missing from the site.
            if file.suffix.lower() in SEED_SUFFIXES:
                diags.append(diagnostic(_shown(f"{display_root}/{rel.as_posix()}"), 0, "BS107",
                                        "cannot read the file: not a regular file (a broken link, a pipe...)"))
            continue
        if file.suffix.lower() in SEED_SUFFIXES and not file.resolve().is_relative_to(root):
            # Seeds are untrusted: a link to /etc/passwd or ~/.ssh must not be published.
            diags.append(diagnostic(_shown(f"{display_root}/{rel.as_posix()}"), 0, "BS107",
                                    "cannot read the file: a symbolic link to outside the seeds folder"))
        elif file.suffix.lower() in SEED_SUFFIXES:
            found.append(SeedPath(rel.as_posix()))
        else:
            diags.append(diagnostic(_shown(f"{display_root}/{rel.as_posix()}"), 0, "BS106",
                                    "not a .txt or .md file; ignored"))
    return sorted(found), diags


def _shown(display: str) -> str:
    """A path as messages and pages show it: a file name's control, format and separator
    characters (a newline, U+202E) become ``\\x..`` escapes, so a name can neither forge a
    line of the build log (CI parses ``::error::`` lines) nor turn text around."""
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in display)


def _slug_clash_diagnostics(slugs: dict[SeedPath, str], display_root: str) -> list[Diagnostic]:
    return [
        diagnostic(_shown(f"{display_root}/{path}"), 0, "BS105",
                   f"its page name {seed_slug(path)!r} is taken by another seed; using {slug!r}")
        for path, slug in sorted(slugs.items()) if slug != seed_slug(path)
    ]


def decode_seed(data: bytes, path: SeedPath, slug: str, display: str) -> tuple[Seed | None, list[Diagnostic]]:
    """Decode one seed's bytes; pure, so tests can feed it any bytes."""
    diags: list[Diagnostic] = []
    if _looks_binary(data):
        return None, [diagnostic(display, _line_of_first(data, _BINARY_BYTE), "BS101",
                                 "binary content (NUL or control bytes); skipped")]
    damaged = _damaged_utf8(data)
    if damaged:
        text, encoding, invalid, line = damaged
        diags.append(diagnostic(display, line, "BS102", f"not valid UTF-8; decoded as {encoding} with "
                                                        f"{invalid} invalid byte sequence(s) replaced by U+FFFD"))
    else:
        text, encoding = _decode(data)
    if text is None:
        return None, [diagnostic(display, 0, "BS101", "cannot be decoded as text in any known encoding; skipped")]
    if encoding not in ("utf-8", "utf-8-sig", "ascii") and not damaged:
        # The first line the encoding matters to: its first byte outside ASCII (UTF-16: line 1).
        diags.append(diagnostic(display, _line_of_first(data, _NON_ASCII_BYTE) if not encoding.startswith("utf_16")
                                else 1, "BS102", f"not UTF-8; decoded as {encoding}"))
    text = _normalise_line_ends(text)
    first_control = _CONTROL.search(text)
    if first_control:
        line = text.count("\n", 0, first_control.start()) + 1
        count = len(_CONTROL.findall(text))
        diags.append(diagnostic(display, line, "BS104",
                                f"{count} control character(s) replaced by U+FFFD"))
        text = _CONTROL.sub("\ufffd", text)
    if not text.strip():
        diags.append(diagnostic(display, 0, "BS103", "the seed is empty"))
    seed = Seed(path=path, display_path=display, slug=slug, text=text,
                sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)
    return seed, diags


_BINARY_BYTE = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_NON_ASCII_BYTE = re.compile(rb"[\x80-\xff]")


def _line_of_first(data: bytes, pattern: re.Pattern[bytes]) -> int:
    """The 1-based line of the first byte matching ``pattern`` (line ends: LF, CR or CRLF)."""
    found = pattern.search(data)
    if found is None:
        return 1
    head = data[:found.start()]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 has NULs but is text
        return False
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 and b != 27)
    return controls / len(sample) > _BINARY_SHARE


def _normalise_line_ends(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _damaged_utf8(data: bytes) -> tuple[str, str, int, int] | None:
    """UTF-8 text with a few invalid bytes (a truncated character, one pasted cp1252 byte):
    ``(text with U+FFFD for each invalid sequence, codec, invalid count, line of the first)``.

    Guessing a legacy encoding for such a file (charset detection picks mac_iceland) would
    garble every valid non-ASCII character in it. Text in a legacy encoding has few byte
    sequences that happen to be valid UTF-8, far fewer than invalid ones, so it is not taken.
    """
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        body.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        first_error = exc.start
    text = body.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - body.count("\ufffd".encode("utf-8"))
    valid_non_ascii = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if valid_non_ascii < 2 * invalid:
        return None
    line = _normalise_line_ends(body[:first_error].decode("utf-8", errors="replace")).count("\n") + 1
    return text, "utf-8-sig" if bom else "utf-8", invalid, line


def _decode(data: bytes) -> tuple[str | None, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported lazily: only odd seeds need it

    matches = list(from_bytes(data))
    if not matches:
        return None, ""
    best_chaos = min(m.chaos for m in matches)
    # Near-ties are common for short texts (cp1252 vs cp1257 read the same bytes equally
    # well): prefer the encodings real documents use most.
    tied = [m for m in matches if m.chaos <= best_chaos + _CHAOS_TIE]
    chosen = min(tied, key=lambda m: min(_rank(c) for c in [m.encoding, *m.could_be_from_charset]))
    codec = _canonical_codec(min([chosen.encoding, *chosen.could_be_from_charset], key=_rank))
    try:
        return data.decode(codec), codec
    except (UnicodeDecodeError, LookupError):
        return str(chosen), _canonical_codec(chosen.encoding)


_CHAOS_TIE = 0.01
_PREFERRED = ("utf_8", "gb18030", "big5", "cp1252", "shift_jis", "euc_kr", "cp1251", "latin_1",
              "iso8859_15", "cp1250", "euc_jp", "koi8_r")


def _rank(codec: str) -> int:
    name = codec.lower().replace("-", "_")
    name = {"gb2312": "gb18030", "gbk": "gb18030", "iso8859_1": "latin_1"}.get(name, name)
    return _PREFERRED.index(name) if name in _PREFERRED else len(_PREFERRED)


def _canonical_codec(name: str) -> str:
    # GBK-family text decodes as gb18030, its superset.
    return {"gb2312": "gb18030", "gbk": "gb18030"}.get(name, name)


def read_knowledge(path: Path | None, display: str = "knowledge.yml"):
    """The user's curated knowledge file, if there is one; an invalid file is reported (BS109)
    and ignored, so a typo never stops the build."""
    from .analyse.entities import load_knowledge

    if path is None or not path.is_file():
        return None, ()
    try:
        return load_knowledge(path), ()
    except (ValueError, OSError) as exc:
        return None, (diagnostic(display, 0, "BS109", str(exc).replace(str(path), display, 1)),)
