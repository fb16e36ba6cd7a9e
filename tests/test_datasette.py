"""A real Datasette on 127.0.0.1 serving an archive (and a database that is not one) over HTTP."""

from __future__ import annotations

import hashlib
import socket
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlite_utils
import yaml

from archive.schema import SCHEMA_VERSION
from archive.search import SEARCH_SQL
from archive.serve import CONFIG_DIR, TEMPLATE_DATABASE, build_command
from archive.store import Archive, Source
from cleaner.record import Cleaned
from tests.test_search import ARTICLES
from tests.test_search import QUERY_MATRIX as SEARCH_MATRIX

STARTUP_SECONDS = 60  # Datasette starts in ~2 s here; a loaded CI machine can be much slower

# The search tests' invented articles and query matrix: Datasette's search box must answer exactly
# as `jingwen search` does (a blank query is Datasette's "no search", so it is left out here).
QUERY_MATRIX = [(query, expected) for query, expected in SEARCH_MATRIX if query.strip("，。 ")]
OTHER_TEXT = "谷歌团队乘坐火车抵达 Google team arrives"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_archive(path: Path) -> None:
    with Archive(path) as archive:
        run = archive.begin_run(command="test", options={})
        with archive.batch():
            for name, cleaned in ARTICLES.items():
                archive.store(
                    run, f"<html>{name}</html>".encode(), cleaned, Source(path=f"/pages/{name}.html")
                )


def build_other_database(path: Path) -> None:
    """A database that is not an archive, with an ordinary (unicode61) FTS index made by sqlite-utils."""
    database = sqlite_utils.Database(path)
    notes = database.table("notes")
    notes.insert({"id": 1, "body": OTHER_TEXT}, pk="id")
    notes.enable_fts(["body"], create_triggers=True)
    database.close()


class Server:
    def __init__(self, base: str, archive: Path, other: Path, other_hash: str) -> None:
        self.base, self.archive, self.other, self.other_hash = base, archive, other, other_hash

    def get(self, path: str, **params: Any) -> Any:
        response = httpx.get(self.base + path, params=params, timeout=30)
        response.raise_for_status()
        return response.json() if ".json" in path else response.text


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    directory = tmp_path_factory.mktemp("datasette")
    archive, other = directory / "archive.db", directory / "other.db"
    build_archive(archive)
    build_other_database(other)
    other_hash = sha256_of(other)
    (directory / "config").mkdir()
    port = free_port()
    command = build_command([archive], directory / "config", port=port, other_databases=[other])
    log = (directory / "datasette.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                httpx.get(f"{base}/-/versions.json", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.close()
                    pytest.fail("datasette did not start:\n" + (directory / "datasette.log").read_text())
                time.sleep(0.2)
        yield Server(base, archive, other, other_hash)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def titles_of(names: set[str]) -> set[str | None]:
    return {ARTICLES[name].title for name in names}


@pytest.mark.parametrize(("query", "expected"), QUERY_MATRIX)
def test_datasette_search_box_json(server: Server, query: str, expected: set[str]) -> None:
    rows = server.get("/archive/articles.json", _search=query, _shape="array", _col="title")
    assert {row["title"] for row in rows} == titles_of(expected)


@pytest.mark.parametrize(("query", "expected"), QUERY_MATRIX)
def test_canned_search_query_json(server: Server, query: str, expected: set[str]) -> None:
    rows = server.get("/archive/search.json", q=query, _shape="array")
    assert {row["title"] for row in rows} == titles_of(expected)


def test_canned_search_ranks_and_highlights_in_the_original_script(server: Server) -> None:
    rows = server.get("/archive/search.json", q="方言", _shape="array")
    assert rows[0]["title"] == "方言翻譯模型發表"  # title matches rank first
    (row,) = server.get("/archive/search.json", q="机器学习", _shape="array")
    assert "<mark>機器學習</mark>" in row["snippet"]
    page = server.get("/archive/search", q="机器学习")
    assert "<mark>機器學習</mark>" in page  # rendered as HTML, not escaped


def test_the_search_page_of_the_table_shows_results(server: Server) -> None:
    page = server.get("/archive/articles", _search="機器學習")
    assert "方言翻譯模型發表" in page and "谷歌团队抵达" not in page


def test_facets_on_site_script_and_removal_category(server: Server) -> None:
    data = server.get("/archive/articles.json")
    facets = data["facet_results"]
    counts = {name: {item["value"]: item["count"] for item in facets[name]["results"]} for name in facets}
    assert counts["site"] == {"科技日報": 1, "news.example.cn": 2, "gazette.example.com": 1}
    assert counts["script"] == {"simplified": 2, "traditional": 1, "none": 1}
    assert counts["removed_categories"] == {"copyright_notice": 2, "related_posts": 1, "seo_filler": 1}
    removed = server.get("/archive/removed_blocks.json")["facet_results"]["category"]["results"]
    assert {item["value"]: item["count"] for item in removed}["copyright_notice"] == 2


def test_what_was_removed_and_the_raw_document_per_article(server: Server) -> None:
    (article,) = server.get("/archive/search.json", q="谷歌团队", _shape="array")
    removed = server.get("/archive/removed.json", article_id=article["id"], _shape="array")
    assert [(row["category"], row["text"]) for row in removed] == [
        ("related_posts", "相关推荐：独家秘方大公开"),
        ("seo_filler", "关键词：养生 食谱 减肥茶"),
    ]
    view = server.get("/archive/article_removals.json", article_id=article["id"], _shape="array")
    assert len(view) == 2
    (raw,) = server.get("/archive/raw_document.json", article_id=article["id"], _shape="array")
    assert raw["raw_text"] == "<html>flight</html>" and raw["path"] == "/pages/flight.html"


def test_titles_and_descriptions_are_shown(server: Server) -> None:
    page = server.get("/archive/articles")
    assert "One row per distinct clean text" in page
    assert "Chinese script of the text" in page  # a column description


def test_another_database_searches_as_before(server: Server) -> None:
    # Datasette's own escape_fts with unicode61: a Han run is one token, so 谷歌 alone is not found.
    assert server.get("/other/notes.json", _search="谷歌", _shape="array") == []
    assert len(server.get("/other/notes.json", _search="谷歌团队乘坐火车抵达", _shape="array")) == 1
    assert len(server.get("/other/notes.json", _search="Google team", _shape="array")) == 1


def test_the_other_database_file_is_unchanged(server: Server) -> None:
    server.get("/other/notes.json", _search="team")
    assert sha256_of(server.other) == server.other_hash


def test_datasette_answers_while_a_batch_writes(server: Server) -> None:
    # Last of the HTTP tests: it adds an article to the served archive.
    late = Cleaned(title="深夜快讯", text="凌晨发布的深夜快讯。", script="simplified")
    with Archive(server.archive) as archive:
        run = archive.begin_run(command="test", options={})
        with archive.batch():
            archive.store(run, b"late news", late, Source(path="/pages/late.html"))
            # The write transaction is open: Datasette still answers, from the last commit.
            assert server.get("/archive/search.json", q="深夜快讯", _shape="array") == []
            assert len(server.get("/archive/articles.json", _shape="array")) == len(ARTICLES)
    assert [row["title"] for row in server.get("/archive/search.json", q="深夜快讯", _shape="array")] == [
        "深夜快讯"
    ]


# -- the shipped configuration -------------------------------------------------------------------


def load(filename: str) -> dict[str, Any]:
    return dict(yaml.safe_load((CONFIG_DIR / filename).read_text(encoding="utf-8")))


def test_both_configurations_have_the_same_queries_and_the_search_sql_of_the_cli() -> None:
    metadata = load("metadata.yml")["databases"][TEMPLATE_DATABASE]
    config = load("datasette.yaml")["databases"][TEMPLATE_DATABASE]
    assert metadata["queries"] == config["queries"]
    assert metadata["queries"]["search"]["sql"] == SEARCH_SQL
    for table, options in config["tables"].items():
        for key, value in options.items():
            assert metadata["tables"][table][key] == value, (table, key)


def test_every_table_view_and_column_has_a_title_and_description(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    Archive(path).close()
    tables = load("metadata.yml")["databases"][TEMPLATE_DATABASE]["tables"]
    conn = sqlite3.connect(path)
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            " AND name NOT LIKE 'articles_fts%' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    for name in names:
        assert tables[name].get("title") and tables[name].get("description"), name
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info([{name}])")]
        assert set(columns) == set(tables[name]["columns"]), name
    conn.close()


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("研究<mark>機器學習</mark>模型 &amp; more", True),
        ("no highlight at all", True),
        ("<script>alert(1)</script>", False),  # a snippet column from someone's own SQL
        ('<mark onclick="x()">a</mark>', False),
        ("<mark>a</mark><img src=x>", False),
        (42, False),
    ],
)
def test_only_plain_mark_tags_are_rendered_as_html(value: object, safe: bool) -> None:
    from archive.datasette_plugin import is_safe_snippet

    assert is_safe_snippet(value) is safe
