"""The archive keeps every input once, with provenance, and never damages a file it does not own."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.schema import SCHEMA_VERSION, migrate
from archive.search import search
from archive.store import Archive, NotAnArchive, Source, guess_language
from cleaner.record import Cleaned, Removal

# Invented sample texts (never copied from the seeds or eval pages).
TEXT_HANT = "研究團隊今天發表新的機器學習模型，能在手機上即時翻譯方言。\n團隊表示，模型將於明年開放原始碼。"
TEXT_HANS = "研究团队今天发布新的机器学习模型，可以在手机上实时翻译方言。\n团队表示，模型将于明年开源。"
TEXT_EN = "The river authority opened a new flood barrier on Tuesday.\nEngineers said it took four years."
COPYRIGHT = "版權所有，未經許可不得轉載"


def make_cleaned(text: str = TEXT_HANT, **fields: object) -> Cleaned:
    values: dict[str, object] = {
        "title": "方言翻譯模型發表",
        "metadata": {"url": "https://news.example.tw/a/1", "author": "林小明"},
        "removed": (Removal("copyright_notice", "zh.copyright", COPYRIGHT, 3),),
        "encoding": "big5",
        "script": "traditional",
        "evidence": {"encoding": "declared"},
    }
    values.update(fields)
    return Cleaned(text=text, **values)  # type: ignore[arg-type]


def count(archive: Archive, table: str) -> int:
    return int(archive.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    opened = Archive(tmp_path / "archive.db", rules_version="r1")
    yield opened
    opened.close()


def test_a_new_archive_records_its_schema_and_search_scheme(archive: Archive) -> None:
    assert archive.schema_version == SCHEMA_VERSION
    meta = dict(archive.conn.execute("SELECT key, value FROM jingwen_meta").fetchall())
    assert meta["application"] == "jingwen"
    assert meta["search_scheme"].startswith("jingwen-")
    assert archive.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_storing_the_same_input_twice_adds_nothing(archive: Archive, tmp_path: Path) -> None:
    run = archive.begin_run(command="test", options={})
    source = Source(path="/data/a.html", size=7, mtime=1.5)
    assert archive.store(run, b"<p>a</p>", make_cleaned(), source) == "archived"
    assert archive.store(run, b"<p>a</p>", make_cleaned(), source) == "unchanged"
    archive.close()
    reopened = Archive(tmp_path / "archive.db", rules_version="r1")
    assert reopened.store(run, b"<p>a</p>", make_cleaned(), source) == "unchanged"
    assert [count(reopened, t) for t in ("articles", "raw_documents", "captures", "extractions")] == [
        1,
        1,
        1,
        1,
    ]
    assert count(reopened, "removed_blocks") == 1
    reopened.close()


def test_the_same_text_from_two_sources_is_one_article_with_two_captures(archive: Archive) -> None:
    run = archive.begin_run(command="test", options={})
    first = Source(path="/data/a.html", url="https://a.example/1")
    second = Source(path="/data/b.html", url="https://b.example/2")
    assert archive.store(run, b"<p>page a</p>", make_cleaned(), first) == "archived"
    assert archive.store(run, b"<div>page b</div>", make_cleaned(), second) == "duplicate"
    assert count(archive, "articles") == 1
    assert count(archive, "raw_documents") == 2
    sources = archive.conn.execute("SELECT url FROM article_sources ORDER BY url").fetchall()
    assert sources == [("https://a.example/1",), ("https://b.example/2",)]


def test_same_bytes_from_a_new_path_only_add_a_capture(archive: Archive) -> None:
    run = archive.begin_run(command="test", options={})
    assert archive.store(run, b"bytes", make_cleaned(), Source(path="/x/1")) == "archived"
    assert archive.store(run, b"bytes", make_cleaned(), Source(path="/x/copy")) == "unchanged"
    assert (count(archive, "raw_documents"), count(archive, "captures")) == (1, 2)


def test_new_rules_that_change_the_text_add_a_current_version_and_keep_the_old(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    with Archive(path, rules_version="r1") as old_rules:
        run = old_rules.begin_run(command="clean", options={})
        old_rules.store(run, b"raw page", make_cleaned(TEXT_HANT + "\n" + COPYRIGHT), Source(path="/p"))
    with Archive(path, rules_version="r2") as new_rules:
        run = new_rules.begin_run(command="reclean", options={})
        assert new_rules.store(run, b"raw page", make_cleaned(TEXT_HANT), Source(path="/p")) == "archived"
        rows = new_rules.conn.execute(
            "SELECT id, version, is_current, supersedes FROM articles ORDER BY id"
        ).fetchall()
    assert rows == [(1, 1, 0, None), (2, 2, 1, 1)]
    # Only the current version is searchable: the notice was in the old text only.
    assert [hit.id for hit in search(path, "不得轉載")] == []
    assert [hit.id for hit in search(path, "方言")] == [2]


def test_new_rules_that_give_the_same_text_add_no_article(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    with Archive(path, rules_version="r1") as old_rules:
        old_rules.store(old_rules.begin_run(command="c", options={}), b"raw", make_cleaned(), Source())
    with Archive(path, rules_version="r2") as new_rules:
        outcome = new_rules.store(
            new_rules.begin_run(command="c", options={}), b"raw", make_cleaned(), Source()
        )
        assert outcome == "unchanged"
        assert (count(new_rules, "articles"), count(new_rules, "extractions")) == (1, 2)


def test_no_article_text_is_a_failure_with_its_raw(archive: Archive) -> None:
    run = archive.begin_run(command="test", options={})
    empty = Cleaned(text="", reason="no main content")
    assert archive.store(run, b"<html></html>", empty, Source(path="/e.html")) == "failed"
    assert archive.store(run, b"<html></html>", empty, Source(path="/e.html")) == "unchanged"
    failure = archive.conn.execute("SELECT reason, message, raw_sha256 FROM failures").fetchall()
    assert len(failure) == 1 and failure[0][0] == "no_content" and "no main content" in failure[0][1]
    assert count(archive, "articles") == 0
    assert [raw for raw, _ in archive.raw_documents()] == [b"<html></html>"]


def test_record_failure_keeps_the_raw_bytes_and_the_source(archive: Archive) -> None:
    run = archive.begin_run(command="test", options={})
    archive.record_failure(
        run, Source(path="/bin.dat", size=4), b"\x00\x01\x02\x03", "binary", "/bin.dat: binary"
    )
    archive.record_failure(run, Source(path="/gone"), None, "broken_symlink", "/gone: broken symlink")
    reasons = archive.conn.execute(
        "SELECT reason, raw_sha256 IS NOT NULL FROM failures ORDER BY id"
    ).fetchall()
    assert reasons == [("binary", 1), ("broken_symlink", 0)]
    assert list(archive.raw_documents()) == [(b"\x00\x01\x02\x03", Source(path="/bin.dat", size=4))]


def test_raw_documents_round_trip_a_non_utf8_file_name(archive: Archive) -> None:
    name = os.fsdecode(b"/data/\xb7s\xbbD.html")  # a Big5 file name, not valid UTF-8
    source = Source(
        path=name, url="https://x.example/", size=3, mtime=2.0, kind="html", declared_encoding="big5"
    )
    archive.store(archive.begin_run(command="t", options={}), b"abc", make_cleaned(), source)
    assert list(archive.raw_documents()) == [(b"abc", source)]
    readable = archive.conn.execute("SELECT path FROM captures").fetchone()[0]
    assert readable.startswith("/data/") and "\ufffd" in readable


def test_is_unchanged_needs_the_same_size_mtime_and_cleaner_version(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    source = Source(path="/a.html", size=10, mtime=100.0)
    with Archive(path, rules_version="r1") as archive:
        assert not archive.is_unchanged(source)
        archive.store(archive.begin_run(command="t", options={}), b"0123456789", make_cleaned(), source)
        assert archive.is_unchanged(source)
        assert archive.is_unchanged(source, "0" * 64) is False
        assert not archive.is_unchanged(Source(path="/a.html", size=10, mtime=101.0))
    with Archive(path, rules_version="r2") as archive:
        assert not archive.is_unchanged(source)


def test_provenance_site_and_language(archive: Archive) -> None:
    run = archive.begin_run(command="t", options={})
    archive.store(
        run, b"1", make_cleaned(metadata={"site": "Example News"}), Source(url="https://u.example/x")
    )
    archive.store(
        run,
        b"2",
        make_cleaned(TEXT_EN, metadata={}, script="none"),
        Source(url="https://www.river.example/y"),
    )
    archive.store(run, b"3", make_cleaned(TEXT_HANS, metadata={}), Source(path="/local.txt"))
    rows = archive.conn.execute("SELECT site, language, author, url FROM articles ORDER BY id").fetchall()
    assert rows == [
        ("Example News", "zh", None, "https://u.example/x"),
        ("river.example", "en", None, "https://www.river.example/y"),
        (None, "zh", None, None),
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (TEXT_HANS, "zh"),
        ("谷歌 Google 和 OpenAI 发布了 GPT 新模型", "zh"),
        (TEXT_EN, "en"),
        ("Привет, как дела? Всё хорошо.", "other"),
        ("12345 ……", "other"),
    ],
)
def test_guess_language(text: str, language: str) -> None:
    assert guess_language(text) == language


def test_a_failed_batch_stores_nothing(archive: Archive) -> None:
    run = archive.begin_run(command="t", options={})
    with pytest.raises(RuntimeError), archive.batch():
        archive.store(run, b"raw", make_cleaned(), Source(path="/a"))
        raise RuntimeError("the batch stops")
    assert (count(archive, "articles"), count(archive, "raw_documents")) == (0, 0)


def test_a_reader_can_query_while_a_batch_writes_and_the_wal_is_truncated_after(archive: Archive) -> None:
    run = archive.begin_run(command="t", options={})
    reader = sqlite3.connect(f"file:{archive.path}?mode=ro", uri=True, timeout=0.1)
    with archive.batch():
        archive.store(run, b"raw", make_cleaned(), Source(path="/a"))
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 0  # no lock wait
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    reader.close()
    assert Path(f"{archive.path}-wal").stat().st_size == 0


def test_runs_record_versions_options_and_counts(archive: Archive) -> None:
    run = archive.begin_run(command="clean samples", options={"exclude": ["*.json"]})
    archive.finish_run(run, {"archived": 3, "failed": 1})
    row = archive.conn.execute(
        "SELECT rules_version, command, options, counts, ended_at IS NOT NULL FROM runs"
    ).fetchone()
    assert row == ("r1", "clean samples", '{"exclude": ["*.json"]}', '{"archived": 3, "failed": 1}', 1)


# -- opening files that are not (current) archives ---------------------------------------------


def snapshot(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def make_other_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('不是档案')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(make_other_database, id="another-sqlite-database"),
        pytest.param(lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8), id="garbage"),
        pytest.param(lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000), id="corrupt-sqlite"),
        pytest.param(lambda p: p.write_text("標題\n正文", encoding="utf-8"), id="a-text-file"),
    ],
)
def test_a_file_that_is_not_an_archive_raises_and_is_left_unchanged(
    tmp_path: Path, make: Callable[[Path], object]
) -> None:
    path = tmp_path / "other.db"
    make(path)
    before = snapshot(tmp_path)
    with pytest.raises(NotAnArchive):
        Archive(path)
    with pytest.raises(NotAnArchive):
        search(path, "档案")
    assert snapshot(tmp_path) == before


def test_an_archive_from_a_newer_jingwen_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Archive(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = snapshot(tmp_path)
    with pytest.raises(NotAnArchive, match="newer"):
        Archive(path)
    assert snapshot(tmp_path) == before


def test_an_archive_of_the_first_schema_is_migrated_and_its_articles_become_searchable(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=1) == 1
    conn.execute(
        "INSERT INTO runs (id, tool_version, rules_version, command, started_at)"
        " VALUES (1, '0.0.1', 'r0', 'c', 't')"
    )
    conn.execute(
        "INSERT INTO articles (content_hash, title, text, script, language, characters, run_id, created_at)"
        " VALUES ('h', '舊文章', ?, 'traditional', 'zh', 10, 1, 't')",
        (TEXT_HANT,),
    )
    conn.close()
    with Archive(path) as archive:
        assert archive.schema_version == SCHEMA_VERSION
        views = {row[0] for row in archive.conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
        assert {"article_removals", "article_sources"} <= views
    assert [hit.title for hit in search(path, "机器学习")] == ["舊文章"]


def test_the_search_index_is_rebuilt_when_the_script_folding_changes(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    with Archive(path) as archive:
        archive.store(archive.begin_run(command="t", options={}), b"raw", make_cleaned(), Source())
        # As if an older cleaner had folded differently: a stale fingerprint and an empty index.
        archive.conn.execute("UPDATE jingwen_meta SET value = 'older' WHERE key = 'search_fold'")
        archive.conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
    assert search(path, "机器学习") == []
    with Archive(path) as archive:
        fingerprint = archive.conn.execute(
            "SELECT value FROM jingwen_meta WHERE key = 'search_fold'"
        ).fetchone()
        assert fingerprint[0] != "older"
    assert [hit.title for hit in search(path, "机器学习")] == ["方言翻譯模型發表"]


def test_an_empty_file_becomes_an_archive(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with Archive(path) as archive:
        assert archive.schema_version == SCHEMA_VERSION


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(
        st.text(alphabet="机器學習研究團队模型 ABC\n。", min_size=1, max_size=40).filter(str.strip),
        min_size=1,
        max_size=6,
    )
)
def test_storing_everything_twice_changes_nothing(tmp_path: Path, texts: list[str]) -> None:
    path = tmp_path / "property.db"
    path.unlink(missing_ok=True)
    with Archive(path) as archive:
        run = archive.begin_run(command="t", options={})
        raws = [(f"raw {index}".encode(), make_cleaned(text)) for index, text in enumerate(texts)]
        with archive.batch():
            for raw, cleaned in raws:
                archive.store(run, raw, cleaned, Source(path=raw.decode()))
        tables = ("articles", "raw_documents", "captures", "extractions", "removed_blocks")
        before = [count(archive, table) for table in tables]
        with archive.batch():
            outcomes = {archive.store(run, raw, cleaned, Source(path=raw.decode())) for raw, cleaned in raws}
        assert outcomes == {"unchanged"}
        assert [count(archive, table) for table in tables] == before
        assert before[0] == len(set(texts))
        assert sorted(raw for raw, _ in archive.raw_documents()) == sorted(raw for raw, _ in raws)
