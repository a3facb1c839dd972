"""Stage 6: only changed files are written; pages of deleted seeds go; hand-written files stay."""
from __future__ import annotations

from pathlib import Path

from build_site.render import PageFile
from build_site.write import write_pages


def test_unchanged_files_are_not_rewritten(tmp_path: Path):
    pages = (PageFile("index.md", "home\n"), PageFile("sources/a.md", "a\n"))
    assert write_pages(tmp_path, pages).written == 2
    before = (tmp_path / "sources/a.md").stat().st_mtime_ns
    result = write_pages(tmp_path, pages)
    assert (result.written, result.unchanged, result.removed) == (0, 2, 0)
    assert (tmp_path / "sources/a.md").stat().st_mtime_ns == before


def test_stale_generated_files_are_removed_and_hand_written_ones_kept(tmp_path: Path):
    (tmp_path / "about.md").write_text("mine")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "x.css").write_text("mine")
    write_pages(tmp_path, (PageFile("sources/a.md", "a"), PageFile("sources/b.md", "b"), PageFile("data/x/y.json", "{}")))
    result = write_pages(tmp_path, (PageFile("sources/a.md", "a"),))
    assert result.removed == 2
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "about.md", "assets/x.css", "sources/a.md"]
    assert not (tmp_path / "data").exists()


def test_relative_urls_for_raw_html_follow_directory_urls():
    from build_site.paths import relative_link, relative_url

    assert relative_url("timeline/index.md", "timeline/2019.md") == "2019/"
    assert relative_url("index.md", "timeline/2019.md", "ev-1") == "timeline/2019/#ev-1"
    assert relative_url("timeline/2019.md", "index.md") == "../../"
    assert relative_url("index.md", "index.md") == "./"
    assert relative_link("timeline/index.md", "timeline/2019.md", "ev-1") == "2019.md#ev-1"
    assert relative_link("sources/a.md", "entities/b.md") == "../entities/b.md"


def test_pages_are_written_as_they_come_and_a_shared_path_is_refused(tmp_path):
    import pytest

    produced = []

    def pages():
        for name in ("a", "b"):
            produced.append(name)
            assert (tmp_path / "sources" / "a.md").is_file() == (name == "b")   # a stored before b is made
            yield PageFile(f"sources/{name}.md", name)

    result = write_pages(tmp_path, pages())
    assert (result.written, result.pages, produced) == (2, 2, ["a", "b"])
    with pytest.raises(ValueError, match="sources/a.md"):
        write_pages(tmp_path, (PageFile("sources/a.md", "a"), PageFile("sources/a.md", "b")))


def test_a_streamed_file_is_written_piece_by_piece_and_left_alone_when_unchanged(tmp_path: Path):
    from build_site.render import StreamedFile, json_item_pieces, render_json

    made = []

    def records():
        for n in range(3):
            made.append(n)
            yield {"n": n, "text": "é<b>"}

    export = StreamedFile("data/x.json", lambda: json_item_pieces(records()))
    assert write_pages(tmp_path, [export]).written == 1
    text = (tmp_path / "data/x.json").read_text("utf-8")
    assert text == render_json([{"n": n, "text": "é<b>"} for n in range(3)]) and made == [0, 1, 2]
    before = (tmp_path / "data/x.json").stat().st_mtime_ns
    again = write_pages(tmp_path, [export])
    assert (again.written, again.unchanged) == (0, 1)
    assert (tmp_path / "data/x.json").stat().st_mtime_ns == before
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["x.json"]      # no temporary file left
    longer = StreamedFile("data/x.json", lambda: json_item_pieces([{"n": 0}, {"n": 1}]))
    assert write_pages(tmp_path, [longer]).written == 1
    assert (tmp_path / "data/x.json").read_text("utf-8") == '[\n{"n": 0},\n{"n": 1}\n]\n'
    assert "".join(json_item_pieces([])) == render_json([]) == "[]\n"
