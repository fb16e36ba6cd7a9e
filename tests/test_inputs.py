"""What the batch reads: kinds decided by content, the walk, sidecars, exports, problems."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.inputs import (
    Document,
    FieldNames,
    Problem,
    describe_binary,
    detect_kind,
    display_path,
    format_timestamp,
    gunzip,
    is_excluded,
    read_documents,
    walk,
)

HTML_ZH = "<html><head><title>新闻</title></head><body><p>今天天气很好，我们去公园散步。</p></body></html>"
TEXT_ZH = "今天天气很好，我们去公园散步。\n公园里有很多人。\n"
TEXT_EN = "The council met on Tuesday to discuss the new library.\nIt opens in May.\n"

# (content, expected kind): decided by the bytes, whatever the file is called.
KIND_CASES: list[tuple[bytes, str]] = [
    (b"", "empty"),
    (b" \n\t\r\n", "empty"),
    (b"\xef\xbb\xbf\n", "empty"),
    (HTML_ZH.encode("utf-8"), "html"),
    (HTML_ZH.encode("gb18030"), "html"),
    (HTML_ZH.encode("utf-16"), "html"),
    (b"<!DOCTYPE html>\n<title>x</title>", "html"),
    (b"<div class='post'><p>fragment of a page</p></div>", "html"),
    (b"<script>var a = 1;</script><p>text</p>", "html"),
    (TEXT_ZH.encode("utf-8"), "text"),
    (TEXT_ZH.encode("gbk"), "text"),
    ("今天天氣很好，我們去公園散步。".encode("big5"), "text"),
    (TEXT_ZH.encode("utf-16"), "text"),
    (TEXT_EN.encode("ascii"), "text"),
    # must not change: text that merely mentions markup-like words or starts with a bracket
    (b"Use a <b to compare: 3 <4 and x>2.\n", "text"),
    ("[转载] 今天的新闻\n正文在这里。".encode(), "text"),
    (b'{"html": "<p>x</p>", "url": "http://a.example/1"}', "json"),
    (b'[{"text": "a"}, {"text": "b"}]', "json"),
    (b'{"html": "<p>1</p>"}\n{"html": "<p>2</p>"}\n', "jsonl"),
    (b'{"html": "<p>1</p>"}\n{"html": "<p>2</p>"}\n{"html": ', "jsonl"),  # truncated last line
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "binary"),
    (bytes(range(256)) * 8, "binary"),
]


@pytest.mark.parametrize(("content", "kind"), KIND_CASES)
def test_kind_is_decided_by_content(content: bytes, kind: str) -> None:
    assert detect_kind(content, "page.html") == kind
    assert detect_kind(content, "no-suffix") == kind


def test_broken_json_export_is_json_by_its_suffix_only() -> None:
    assert detect_kind(b'[{"html": "<p>x</p>"', "export.json") == "json"
    assert detect_kind(b'[{"text": "x"', "notes.txt") == "text"


@pytest.mark.parametrize(
    ("content", "media"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"%PDF-1.4 rest", "application/pdf"),
        (b"PK\x03\x04rest", "application/zip"),
        (b"GIF89a\x01\x00", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\x7fELF\x02\x01\x01\x00", "application/x-executable"),
        (b"SQLite format 3\x00rest", "application/vnd.sqlite3"),
        (TEXT_ZH.encode("utf-16-le"), None),  # NULs on one side only: UTF-16 text, not binary
        (b"BMW drivers and ID3 tags: plain text.", None),  # short signatures need binary bytes too
        (TEXT_EN.encode(), None),
    ],
)
def test_binary_kind_is_named(content: bytes, media: str | None) -> None:
    assert describe_binary(content) == media


def write(path: Path, content: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def documents(path: Path, **kwargs: object) -> list[Document | Problem]:
    entries = list(walk([path]))
    return [item for entry in entries for item in read_documents(entry, **kwargs)]  # type: ignore[arg-type]


def test_walk_is_sorted_recursive_and_deterministic(tmp_path: Path) -> None:
    for name in ["b/z.txt", "a.html", "b/a/c.txt", "c.txt", "b/y.txt"]:
        write(tmp_path / name, TEXT_EN)
    found = [entry.relative for entry in walk([tmp_path])]
    assert found == ["a.html", "b/a/c.txt", "b/y.txt", "b/z.txt", "c.txt"]
    assert found == [entry.relative for entry in walk([tmp_path])]


def test_single_files_are_inputs_too(tmp_path: Path) -> None:
    page = write(tmp_path / "x" / "page.html", HTML_ZH)
    (entry,) = walk([page])
    assert entry.relative == "page.html"
    assert entry.size == page.stat().st_size
    assert entry.mtime == page.stat().st_mtime


@pytest.mark.parametrize(
    ("relative", "include", "exclude", "excluded"),
    [
        ("a/b.html", [], [], False),
        ("a/b.html", ["*.html"], [], False),
        ("a/b.txt", ["*.html"], [], True),
        ("a/b.html", [], ["*.html"], True),
        ("a/b.html", [], ["a/*"], True),
        ("a/b.html", ["*.html"], ["b.*"], True),  # the file name alone matches too
        ("x/expected.json", [], ["expected.*"], True),
        ("x/input.html", [], ["expected.*"], False),
    ],
)
def test_include_and_exclude_globs(
    relative: str, include: list[str], exclude: list[str], excluded: bool
) -> None:
    assert is_excluded(relative, include, exclude) is excluded


def test_excluded_folders_are_not_entered_and_excluded_files_are_reported(tmp_path: Path) -> None:
    write(tmp_path / "keep.txt", TEXT_EN)
    write(tmp_path / "skip.log", TEXT_EN)
    write(tmp_path / "node_modules" / "x.txt", TEXT_EN)
    entries = list(walk([tmp_path], exclude=["*.log", "node_modules"]))
    assert [(entry.relative, entry.excluded) for entry in entries] == [
        ("keep.txt", False),
        ("skip.log", True),
    ]


@pytest.mark.parametrize("sidecar", ["page.json", "page.html.json"])
def test_sidecar_supplies_url_and_time_and_is_not_an_input(tmp_path: Path, sidecar: str) -> None:
    write(tmp_path / "page.html", HTML_ZH)
    write(
        tmp_path / sidecar, json.dumps({"url": "https://news.example.cn/a/1.html", "crawled_at": 1767225600})
    )
    (item,) = documents(tmp_path)
    assert isinstance(item, Document)
    assert item.source.url == "https://news.example.cn/a/1.html"
    assert item.source.fetched_at == "2026-01-01T00:00:00+00:00"
    assert item.source.kind == "html"


def test_sidecar_is_paired_across_a_subfolder_sorting_between_them(tmp_path: Path) -> None:
    write(tmp_path / "a.html", HTML_ZH)
    write(tmp_path / "a.i" / "x.txt", TEXT_EN)  # sorts between a.html and a.json
    write(tmp_path / "a.json", json.dumps({"url": "https://e.example/a"}))
    entries = list(walk([tmp_path]))
    assert [(entry.relative, entry.sidecar is not None) for entry in entries] == [
        ("a.html", True),
        ("a.i/x.txt", False),
    ]


def test_a_single_page_given_as_path_finds_its_sidecar(tmp_path: Path) -> None:
    page = write(tmp_path / "page.htm", HTML_ZH)
    write(tmp_path / "page.json", json.dumps({"link": "https://d.example/p"}))
    (entry,) = walk([page])
    (item,) = read_documents(entry)
    assert item.source.url == "https://d.example/p"


def test_a_json_export_without_a_page_next_to_it_is_an_export(tmp_path: Path) -> None:
    write(tmp_path / "page.html", HTML_ZH)
    write(tmp_path / "other.json", json.dumps({"content": TEXT_ZH, "link": "https://b.example/2"}))
    items = documents(tmp_path)
    assert [item.source.kind for item in items] == ["json", "html"]
    assert items[0].source.url == "https://b.example/2"


def test_jsonl_records_each_become_a_document_and_bad_lines_problems(tmp_path: Path) -> None:
    lines = [
        json.dumps({"html": HTML_ZH, "url": "https://a.example/1", "fetched_at": "2026-11-01T08:00:00Z"}),
        "",
        json.dumps({"body": TEXT_EN, "source_url": "https://a.example/2", "timestamp": 1767225600000}),
        "{not json",
        json.dumps({"title": "no page here"}),
        json.dumps({"text": ""}),
    ]
    write(tmp_path / "export.jsonl", "\n".join(lines) + "\n")
    items = documents(tmp_path)
    shapes = [
        (type(item).__name__, getattr(item, "reason", None), item.label.rsplit(":", 1)[-1]) for item in items
    ]
    assert shapes == [
        ("Document", None, "1"),
        ("Document", None, "3"),
        ("Problem", "invalid_record", "4"),
        ("Problem", "invalid_record", "5"),
        ("Problem", "empty", "6"),
    ]
    first, second = items[0], items[1]
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.source.url == "https://a.example/1" and first.source.fetched_at == "2026-11-01T08:00:00Z"
    assert second.source.fetched_at == "2026-01-01T00:00:00+00:00"  # milliseconds since the epoch
    assert first.raw.decode("utf-8") == HTML_ZH
    assert first.source.path != second.source.path  # each record is its own capture
    assert first.source.kind == "jsonl"


def test_json_array_and_wrapped_list_exports(tmp_path: Path) -> None:
    write(tmp_path / "a.json", json.dumps([{"text": TEXT_ZH, "url": "u1"}, {"text": TEXT_EN, "url": "u2"}]))
    write(tmp_path / "b.json", json.dumps({"items": [{"content": TEXT_EN, "link": "u3"}]}))
    write(tmp_path / "c.json", json.dumps({"name": "a config file", "version": 3}))
    items = documents(tmp_path)
    assert [(type(item).__name__, item.source.url) for item in items] == [
        ("Document", "u1"),
        ("Document", "u2"),
        ("Document", "u3"),
        ("Problem", None),
    ]
    assert isinstance(items[3], Problem) and items[3].reason == "invalid_record"


def test_custom_field_names(tmp_path: Path) -> None:
    write(
        tmp_path / "x.jsonl", json.dumps({"page_html": HTML_ZH, "href": "https://c.example/", "when": "2026"})
    )
    fields = FieldNames(page=("page_html",), url=("href",), fetched_at=("when",))
    (item,) = documents(tmp_path, fields=fields)
    assert isinstance(item, Document)
    assert (item.source.url, item.source.fetched_at) == ("https://c.example/", "2026")


@pytest.mark.parametrize("inner", [HTML_ZH.encode("gb18030"), TEXT_ZH.encode("utf-8")])
def test_gzip_is_recognised_by_magic_bytes_whatever_the_name(tmp_path: Path, inner: bytes) -> None:
    write(tmp_path / "page.dat", gzip.compress(inner))
    (item,) = documents(tmp_path)
    assert isinstance(item, Document)
    assert item.raw == inner
    assert item.source.kind in ("gzip+html", "gzip+text")


def test_gzipped_jsonl_export(tmp_path: Path) -> None:
    body = "\n".join(json.dumps({"html": f"<p>{n}</p>", "url": f"u{n}"}) for n in range(3))
    write(tmp_path / "export.jsonl.gz", gzip.compress(body.encode()))
    items = documents(tmp_path)
    assert [item.source.kind for item in items] == ["gzip+jsonl"] * 3


def test_gzip_bomb_is_too_large_and_broken_gzip_undecodable(tmp_path: Path) -> None:
    write(tmp_path / "bomb.gz", gzip.compress(b"a" * 200_000))
    write(tmp_path / "cut.gz", gzip.compress(TEXT_EN.encode() * 50)[:40])
    reasons = [
        (item.label.rsplit("/", 1)[-1], getattr(item, "reason", None))
        for item in documents(tmp_path, max_size=100_000)
    ]
    assert reasons == [("bomb.gz", "too_large"), ("cut.gz", "undecodable")]


def test_gunzip_reads_every_member() -> None:
    assert gunzip(gzip.compress(b"one ") + gzip.compress(b"two"), 100) == b"one two"


def test_problems_name_the_file_and_say_why(tmp_path: Path) -> None:
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "photo.jpg.html", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    write(tmp_path / "big.txt", TEXT_EN * 100)
    os.symlink(tmp_path / "missing.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path / "loop2", tmp_path / "loop1")
    os.symlink(tmp_path / "loop1", tmp_path / "loop2")
    items = documents(tmp_path, max_size=1000)
    found = {item.label.rsplit("/", 1)[-1]: item for item in items}
    assert {name: getattr(item, "reason", None) for name, item in found.items()} == {
        "big.txt": "too_large",
        "broken.txt": "broken_symlink",
        "empty.txt": "empty",
        "loop1": "symlink_loop",
        "loop2": "symlink_loop",
        "photo.jpg.html": "binary",
    }
    assert all(isinstance(item, Problem) and item.label in item.message for item in items)
    assert "image/jpeg" in found["photo.jpg.html"].message  # type: ignore[union-attr]


def test_a_folder_symlink_back_to_a_parent_is_a_loop_not_infinite(tmp_path: Path) -> None:
    write(tmp_path / "a" / "page.txt", TEXT_EN)
    os.symlink(tmp_path / "a", tmp_path / "a" / "again")
    entries = list(walk([tmp_path]))
    assert [(entry.relative, entry.problem and entry.problem[0]) for entry in entries] == [
        ("a/again", "symlink_loop"),
        ("a/page.txt", None),
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 000 does not stop root reading")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", TEXT_EN)
    path.chmod(0)
    try:
        (item,) = documents(tmp_path)
    finally:
        path.chmod(0o644)
    assert isinstance(item, Problem) and item.reason == "unreadable"


def test_fifo_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (item,) = documents(tmp_path)  # reading a FIFO would block the batch for ever
    assert isinstance(item, Problem) and item.reason == "not_a_file"


def test_non_utf8_file_names_are_walked_and_shown_escaped(tmp_path: Path) -> None:
    name = os.fsdecode(b"\xc4\xe3\xba\xc3.txt")  # 你好 in GBK: not valid UTF-8
    write(tmp_path / name, TEXT_ZH)
    (item,) = documents(tmp_path)
    assert isinstance(item, Document)
    assert os.fsencode(item.source.path or "").endswith(b"\xc4\xe3\xba\xc3.txt")
    assert item.label.endswith("\\xc4\\xe3\\xba\\xc3.txt")
    item.label.encode("utf-8")  # printable


@given(st.text())
def test_display_path_is_always_printable_utf8(name: str) -> None:
    shown = display_path(name)
    shown.encode("utf-8")
    assert not any(ord(ch) < 0x20 for ch in shown)


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2026-11-25T10:00:00+08:00", "2026-11-25T10:00:00+08:00"),
        (1767225600, "2026-01-01T00:00:00+00:00"),
        (1767225600000, "2026-01-01T00:00:00+00:00"),
        (None, None),
        ("", None),
        (True, None),
        ([1], None),
    ],
)
def test_fetch_times(value: object, iso: str | None) -> None:
    assert format_timestamp(value) == iso
