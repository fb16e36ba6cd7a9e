"""Chinese search: any script against any script, 1–5 characters, mixed with English; never removed text."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.schema import migrate
from archive.search import (
    NO_MATCH,
    TOKEN_PATTERN,
    derive_search_text,
    fold_for_search,
    make_snippet,
    rewrite_query,
    search,
)
from archive.store import Archive, Source
from cleaner.record import Cleaned, Removal

# Invented articles, one per phenomenon (never copied from the seeds or eval pages).
ARTICLES: dict[str, Cleaned] = {
    "translation": Cleaned(
        title="方言翻譯模型發表",
        text="研究團隊今天發表新的機器學習模型，能在手機上即時翻譯方言。\n團隊表示，模型將於明年開放原始碼。",
        metadata={"site": "科技日報", "url": "https://tech.example.tw/a/1"},
        script="traditional",
        removed=(Removal("copyright_notice", "zh.copyright", "版權所有，未經許可不得轉載", 4),),
    ),
    "flight": Cleaned(
        title="谷歌团队抵达",
        text="谷歌团队乘坐火车抵达会场。\nGoogle 发布了新的搜索功能，支持方言语音输入。",
        metadata={"url": "https://www.news.example.cn/b/2"},
        script="simplified",
        removed=(
            Removal("related_posts", "zh.related", "相关推荐：独家秘方大公开", 3),
            Removal("seo_filler", "zh.seo", "关键词：养生 食谱 减肥茶", 4),
        ),
    ),
    "river": Cleaned(
        title="Flood barrier opens",
        text="The river authority opened a new flood barrier on Tuesday.\nEngineers said it took four years.",
        metadata={"url": "https://gazette.example.com/river"},
        script="none",
        removed=(Removal("copyright_notice", "en.copyright", "All rights reserved by Riverside Gazette", 2),),
    ),
    "google-only": Cleaned(
        title="Google 年报",
        text="Google 的年报显示，广告收入增长放缓。",
        metadata={"url": "https://www.news.example.cn/b/3"},
        script="simplified",
    ),
}

QUERY_MATRIX: list[tuple[str, set[str]]] = [
    ("團", {"translation", "flight"}),  # 1 character, Traditional, found in both scripts
    ("团", {"translation", "flight"}),  # 1 character, Simplified
    ("码", {"translation"}),  # 1 character at the end of a run (原始碼。)
    ("机器", {"translation"}),  # 2 characters, Simplified query, Traditional text
    ("學習模", {"translation"}),  # 3 characters
    ("机器学习", {"translation"}),  # 机器学习 finds 機器學習
    ("機器學習模", {"translation"}),  # 5 characters
    ("團隊乘坐火車", {"flight"}),  # Traditional query, Simplified text
    ("方言", {"translation", "flight"}),
    ("Google 发布", {"flight"}),  # mixed: both must match
    ("google", {"flight", "google-only"}),
    ("GOOGLE 年報", {"google-only"}),
    ("flood barrier", {"river"}),  # English words
    ("Engineers", {"river"}),
    ("barriers", set()),  # a whole word, not a prefix
    ("模型團隊", set()),  # not across a sentence end (模型。團隊)
    ("翻譯模型", {"translation"}),  # found in the title
    # Words that appear only in removed blocks are not found.
    ("未經許可", set()),
    ("独家秘方", set()),
    ("减肥茶", set()),
    ("Gazette", set()),
    ("", set()),
    ("，。", set()),
]


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("search") / "archive.db"
    with Archive(path) as archive:
        run = archive.begin_run(command="test", options={})
        with archive.batch():
            for name, cleaned in ARTICLES.items():
                archive.store(run, name.encode(), cleaned, Source(path=f"/{name}.html"))
    return path


def titles_of(names: set[str]) -> set[str | None]:
    return {ARTICLES[name].title for name in names}


@pytest.mark.parametrize(("query", "expected"), QUERY_MATRIX)
def test_query_matrix(archive_path: Path, query: str, expected: set[str]) -> None:
    assert {hit.title for hit in search(archive_path, query)} == titles_of(expected)


def test_hits_are_ranked_with_title_matches_first(archive_path: Path) -> None:
    hits = search(archive_path, "方言")
    assert hits[0].title == "方言翻譯模型發表"


def test_snippets_highlight_the_original_text(archive_path: Path) -> None:
    (hit,) = search(archive_path, "机器学习")
    assert "<mark>機器學習</mark>" in hit.snippet
    (hit,) = search(archive_path, "Google 发布")
    assert "<mark>Google</mark> <mark>发布</mark>" in hit.snippet


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("机", '"机"*'),
        ("機器", '"机器"'),
        ("机器学习", '"机器 器学 学习"'),
        ("Google 发布", '"google" "发布"'),
        ("A股", '"a 股"*'),
        ("GPT-4", '"gpt 4"'),
        ("学习AI", '"学习 习 ai"'),  # the run ends before AI, so its last character is a token
        ("OR", '"or"'),  # operators are words, never syntax
        ('"引号', '"引号"'),
        ("Ｇｏｏｇｌｅ", '"google"'),  # NFKC: full-width letters
        ("", NO_MATCH),
        ("  ，。！ ", NO_MATCH),
    ],
)
def test_rewrite_query(query: str, expression: str) -> None:
    assert rewrite_query(query) == expression


@pytest.mark.parametrize(
    ("text", "derived"),
    [
        ("機器學習", "机器 器学 学习 习"),
        ("谷歌，Google 发布", "谷歌 歌 google 发布 布"),
        ("裡", "里"),
        ("", ""),
        ("Hello, World!", "hello world"),
    ],
)
def test_derive_search_text(text: str, derived: str) -> None:
    assert derive_search_text(text) == derived


@pytest.mark.parametrize(
    ("text", "query", "snippet"),
    [
        (
            "資料<b>圖片</b>",
            "图片",
            "資料&lt;b&gt;<mark>圖片</mark>&lt;/b&gt;",
        ),  # escaped, Traditional marked
        ("ﬁsh 漁業", "渔业", "ﬁsh <mark>漁業</mark>"),  # NFKC changes the length before the match
        ("no match here", "机器", "no match here"),
        ("said AI", "ai", "said <mark>AI</mark>"),  # whole words only: not the 'ai' in 'said'
    ],
)
def test_make_snippet(text: str, query: str, snippet: str) -> None:
    assert make_snippet(text, query) == snippet


# -- brute force: the index finds exactly the documents whose folded text contains the query ---------

POOL = "机器學习研究團队团隊模型方言語语音翻譯译手机機上的了是"  # both scripts, with collisions
PUNCTUATION = "，。 \n"


def random_document(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 6)):
        parts.append("".join(rng.choice(POOL) for _ in range(rng.randint(1, 12))))
        parts.append(rng.choice([*PUNCTUATION, " AI ", "x"]))
    return "".join(parts)


def cjk_runs(text: str) -> Iterator[str]:
    for match in TOKEN_PATTERN.finditer(fold_for_search(text)):
        if match.group("cjk"):
            yield match.group()


@pytest.fixture(scope="module")
def index() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn)
    return conn


def matching_ids(conn: sqlite3.Connection, query: str) -> set[int]:
    rows = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (rewrite_query(query),))
    return {row[0] for row in rows}


def test_random_substrings_match_brute_force(index: sqlite3.Connection) -> None:
    rng = random.Random(20261125)
    documents = [random_document(rng) for _ in range(80)]
    index.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
    for rowid, text in enumerate(documents, start=1):
        index.execute(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, '', ?)",
            (rowid, derive_search_text(text)),
        )
    folded = [fold_for_search(text) for text in documents]
    queries = []
    for _ in range(300):
        run = rng.choice(list(cjk_runs(rng.choice(documents))) or ["机"])
        start = rng.randrange(len(run))
        queries.append(run[start : start + rng.randint(1, 5)])
    queries += ["".join(rng.choice(POOL) for _ in range(rng.randint(1, 4))) for _ in range(100)]
    for query in queries:
        expected = {rowid for rowid, text in enumerate(folded, start=1) if fold_for_search(query) in text}
        assert matching_ids(index, query) == expected, query


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=POOL + PUNCTUATION + "ab", min_size=1, max_size=60),
    data=st.data(),
)
def test_every_substring_of_a_run_is_found(index: sqlite3.Connection, text: str, data: st.DataObject) -> None:
    runs = list(cjk_runs(text))
    if not runs:
        return
    run = data.draw(st.sampled_from(runs))
    start = data.draw(st.integers(0, len(run) - 1))
    end = data.draw(st.integers(start + 1, len(run)))
    index.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
    index.execute(
        "INSERT INTO articles_fts (rowid, title, text) VALUES (1, '', ?)", (derive_search_text(text),)
    )
    assert matching_ids(index, run[start:end]) == {1}


# -- the command line ----------------------------------------------------------------------------


def test_jingwen_search_prints_title_site_and_snippet(archive_path: Path) -> None:
    from typer.testing import CliRunner

    from archive.cli import app

    result = CliRunner().invoke(app, ["search", str(archive_path), "机器学习"])
    assert result.exit_code == 0, result.output
    assert "方言翻譯模型發表" in result.output and "機器學習" in result.output
    assert "<mark>" not in result.output


def test_jingwen_search_json_gives_the_same_hits_as_search(archive_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from archive.cli import app

    result = CliRunner().invoke(app, ["search", str(archive_path), "Google 发布", "--json", "--limit", "5"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)
    assert [hit["title"] for hit in hits] == [hit.title for hit in search(archive_path, "Google 发布")]
    assert "<mark>Google</mark>" in hits[0]["snippet"]


@pytest.mark.parametrize("command", ["search", "serve"])
def test_jingwen_refuses_a_file_that_is_not_an_archive(tmp_path: Path, command: str) -> None:
    from typer.testing import CliRunner

    from archive.cli import app

    path = tmp_path / "notes.db"
    path.write_bytes(b"not a database at all")
    arguments = [command, str(path), *(["机器"] if command == "search" else [])]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 2
    assert "not an SQLite database" in result.output
    assert path.read_bytes() == b"not a database at all"
