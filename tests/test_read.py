"""Stage 1: every seed file is found, decoded and normalised, or skipped with a clear message."""
from __future__ import annotations

import os
from pathlib import Path

from build_site.read import decode_seed, read_seeds

from tests.support import write_seeds


def decode(data: bytes):
    return decode_seed(data, "x.txt", "x", "seeds/x.txt")


def test_utf8_with_bom_and_crlf_is_normalised():
    seed, diags = decode("\ufeffTitle\r\nline two\rline three".encode("utf-8"))
    assert seed.text == "Title\nline two\nline three"
    assert seed.encoding == "utf-8-sig"
    assert diags == []


def test_text_is_nfc_normalised():
    seed, _ = decode("Cafe\u0301".encode("utf-8"))
    assert seed.text == "Caf\u00e9"


def test_gb18030_is_detected_and_reported():
    text = "AI models\nare released.\n" + "人工智能模型发布。" * 20 + "\n据报道，该公司计划在明年推出新的模型，并将继续投资研发。"
    seed, diags = decode(text.encode("gb18030"))
    assert seed.text == text
    # The line named is the first that holds a byte outside ASCII: where the encoding matters.
    assert [d.format() for d in diags] == [f"seeds/x.txt:3: warning[BS102]: not UTF-8; decoded as {seed.encoding}"]


def test_big5_is_detected():
    text = "人工智慧模型發布，據報導該公司計畫明年推出新模型。" * 10
    seed, diags = decode(text.encode("big5"))
    assert seed.text == text and diags[0].code == "BS102"


def test_cp1252_is_detected():
    text = "Caf\u00e9 cr\u00e8me \u2014 \u201cquoted\u201d na\u00efve r\u00e9sum\u00e9 \u20ac42. " * 5
    seed, diags = decode(text.encode("cp1252"))
    assert seed.text == text and diags[0].code == "BS102"


def test_binary_file_is_skipped_with_a_warning():
    seed, diags = decode(bytes(range(256)) * 10)
    assert seed is None
    assert diags[0].format() == "seeds/x.txt:1: warning[BS101]: binary content (NUL or control bytes); skipped"
    _, diags = decode(b"a text line\r\nanother\rthird\n" + bytes(range(32)) * 40)
    assert diags[0].format().startswith("seeds/x.txt:4: warning[BS101]")        # CRLF, CR and LF each end a line


def test_a_stray_control_character_is_made_visible_not_dropped():
    seed, diags = decode(b"Title\nbefore\x00after and more text to make it clearly text " * 1)
    assert seed.text == "Title\nbefore\ufffdafter and more text to make it clearly text "
    assert diags[0].format() == "seeds/x.txt:2: warning[BS104]: 1 control character(s) replaced by U+FFFD"


def test_empty_seed_is_kept_and_reported():
    seed, diags = decode(b"  \n\t\n")
    assert seed is not None and [d.code for d in diags] == ["BS103"]


def test_folder_rules(tmp_path: Path):
    write_seeds(tmp_path, {
        "b.TXT": "B", "a.md": "A", "sub/c.txt": "C", ".hidden.txt": "H", ".git/x.txt": "G",
        "notes.pdf": b"%PDF", "d e.txt": "D",
    })
    seeds, diags = read_seeds(tmp_path)
    assert [s.path for s in seeds] == ["a.md", "b.TXT", "d e.txt", "sub/c.txt"]
    assert [s.slug for s in seeds] == ["a", "b", "d-e", "c"]
    assert [d.format() for d in diags] == ["seeds/notes.pdf: info[BS106]: not a .txt or .md file; ignored"]


def test_a_seed_that_is_not_a_regular_file_is_reported_not_lost_or_waited_for(tmp_path: Path):
    write_seeds(tmp_path, {"good.txt": "Good"})
    (tmp_path / "broken.txt").symlink_to("missing.txt")
    os.mkfifo(tmp_path / "pipe.md")                  # reading it would wait for a writer forever
    (tmp_path / "loop").symlink_to(".")              # a link to a folder is not followed
    seeds, diags = read_seeds(tmp_path)
    assert [s.path for s in seeds] == ["good.txt"]
    assert [d.format() for d in diags] == [
        "seeds/broken.txt: warning[BS107]: cannot read the file: not a regular file (a broken link, a pipe...)",
        "seeds/pipe.md: warning[BS107]: cannot read the file: not a regular file (a broken link, a pipe...)"]


def test_clashing_page_names_get_stable_suffixes(tmp_path: Path):
    write_seeds(tmp_path, {"Report.txt": "x", "report.md": "y", "report!.txt": "z"})
    seeds, diags = read_seeds(tmp_path)
    # report.md already is its slug, so it keeps "report"; the others follow in path order
    assert {s.path: s.slug for s in seeds} == {"Report.txt": "report-2", "report!.txt": "report-3", "report.md": "report"}
    assert [d.code for d in diags] == ["BS105", "BS105"]


def test_missing_folder(tmp_path: Path):
    seeds, diags = read_seeds(tmp_path / "nope")
    assert seeds == () and diags[0].code == "BS100"


def test_adding_a_clashing_seed_never_renames_a_seed_whose_name_was_unique():
    from build_site.paths import unique_slugs

    before = unique_slugs(["report.txt", "report-2.txt", "untitled.txt"])
    after = unique_slugs(["report.txt", "report-2.txt", "untitled.txt", "report!.txt", "@@.txt"])
    assert before == {"report-2.txt": "report-2", "report.txt": "report", "untitled.txt": "untitled"}
    assert {k: after[k] for k in before} == before
    assert after["report!.txt"] == "report-3" and after["@@.txt"] == "untitled-2"

