"""`jingwen clean` / `jingwen reclean` as a user runs them: real processes on messy folders.

Each test builds a folder in tmp_path, runs the installed `jingwen` command, and opens the
resulting SQLite file to check what was archived, skipped and failed.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

JINGWEN = Path(sys.executable).with_name("jingwen")
TIMEOUT = 120

# Invented articles (never copied from the seeds or eval pages).
ARTICLE_ZH = (
    "城西社区图书馆周六重新开放\n"
    "经过半年的翻修，城西社区图书馆于本周六重新向市民开放，新增了儿童阅读区和自习室。\n"
    "馆长介绍，新馆藏书超过三万册，每天开放到晚上九点，周一闭馆进行整理。\n"
    "不少家长带着孩子前来参观，有市民表示以后周末又多了一个好去处。\n"
)
ARTICLE_HANT = (
    "港口夜市延長營業時間\n"
    "為了配合暑假旅遊旺季，港口夜市從下個月起延長營業至凌晨一點，並增加多個小吃攤位。\n"
    "主辦單位表示，將加派人手維持秩序，並提醒遊客多利用大眾運輸工具前往。\n"
    "附近商家對此表示歡迎，認為可以帶動整個街區的生意。\n"
)
ARTICLE_EN = (
    "Harbour ferry returns after repairs\n"
    "The morning ferry across the harbour returned to service on Monday after three weeks of repairs.\n"
    "Operators said the new engines are quieter and use less fuel than the old ones did.\n"
    "Commuters welcomed the news, saying the detour by road had added an hour to their day.\n"
)


def html_page(text: str, charset: str = "utf-8") -> str:
    title, *paragraphs = text.strip().split("\n")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def numbered_article(number: int) -> str:
    """A distinct small article per number (for folders of many files)."""
    # Paragraphs longer than site boilerplate can be (40 characters), so no two articles collapse.
    return (
        f"第{number}期社区简报\n"
        f"本期简报编号{number}，介绍了社区花园第{number}次志愿活动的安排和参与方式，"
        f"活动共有{number % 50 + 10}名居民报名，大家一起清理落叶、修剪灌木，并种下新的花苗。\n"
    )


def write(path: Path, content: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def jingwen(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    if not JINGWEN.exists():
        pytest.skip(f"{JINGWEN} is not installed (make install)")
    return subprocess.run(
        [str(JINGWEN), *map(str, args)], capture_output=True, text=True, timeout=TIMEOUT, cwd=cwd, check=False
    )


def summary(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    return json.loads(result.stdout.strip().splitlines()[-1])


def table_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        names = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith("sqlite_") and "_fts" not in row[0] and "search" not in row[0]
        ]
        return {name: conn.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0] for name in names}


def query(db: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def skip_if_rules_changed(db: Path) -> None:
    """While the rule files are being edited, the rules version can change between two runs; then
    every file is rightly cleaned again and "the re-run does no work" cannot be checked."""
    versions = {row[0] for row in query(db, "SELECT rules_version FROM runs ORDER BY id DESC LIMIT 2")}
    if len(versions) > 1:
        pytest.skip("the cleaning rules changed between the two runs")


# -- a messy scraper folder ------------------------------------------------------------------


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("messy") / "crawl"
    write(root / "zh" / "library.html", html_page(ARTICLE_ZH))
    write(
        root / "zh" / "library.json",
        json.dumps({"url": "https://news.example.cn/library", "crawled_at": 1767225600}),
    )
    write(root / "zh" / "gbk.txt", ARTICLE_ZH.replace("周六", "周日").encode("gbk"))
    write(root / "hant" / "big5.txt", ARTICLE_HANT.encode("big5"))
    write(root / "en" / "ferry.html.gz", gzip.compress(html_page(ARTICLE_EN).encode()))
    records = [
        {
            "html": html_page(ARTICLE_EN.replace("Monday", "Friday")),
            "url": "https://b.example/1",
            "fetched_at": "2026-11-01",
        },
        {"content": ARTICLE_ZH.replace("三万", "五万"), "link": "https://b.example/2"},
        {"title": "a record without a page"},
    ]
    write(
        root / "export.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n{broken\n"
    )
    write(
        root / "export.json",
        json.dumps([{"text": ARTICLE_HANT.replace("一點", "兩點"), "url": "https://c.example/x"}]),
    )
    write(root / "junk" / "empty.html", b"")
    write(root / "junk" / "logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    write(root / "junk" / "report.pdf", b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" + bytes(64))
    write(root / "junk" / "bundle.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(64))
    write(root / "junk" / "huge.txt", ARTICLE_EN * 2000)
    os.symlink(root / "missing.html", root / "junk" / "broken.html")
    os.symlink(root / "junk" / "loop-b", root / "junk" / "loop-a")
    os.symlink(root / "junk" / "loop-a", root / "junk" / "loop-b")
    write(root / os.fsdecode(b"name-\xc4\xe3\xba\xc3.txt"), ARTICLE_EN.replace("harbour", "bay"))
    return root


@pytest.fixture(scope="module")
def messy_run(
    messy: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    db = tmp_path_factory.mktemp("db") / "archive.db"
    result = jingwen("clean", messy, "--db", db, "--jobs", "2", "--json", "--max-size", "100k")
    return db, result


def test_every_file_of_a_messy_folder_is_accounted_for(messy_run: tuple[Path, Any]) -> None:
    _, result = messy_run
    report = summary(result)
    assert report["files_seen"] == 15  # 16 files, one of them a sidecar
    assert report["skipped"] == {"binary": 3, "empty": 1, "too_large": 1}
    assert report["failed"] == {"broken_symlink": 1, "invalid_record": 2, "symlink_loop": 2}
    assert report["archived"] + report["duplicate"] == 8
    assert result.returncode == 1  # a broken symlink and invalid records are failures


def test_messages_name_each_bad_file_and_its_reason(messy_run: tuple[Path, Any]) -> None:
    _, result = messy_run
    for name, words in [
        ("logo.png", "image/png"),
        ("report.pdf", "pdf"),
        ("bundle.zip", "zip"),
        ("empty.html", "empty"),
        ("huge.txt", "limit"),
        ("broken.html", "broken symbolic link"),
        ("loop-a", "loops"),
        ("export.jsonl:3", "without a page field"),
        ("export.jsonl:4", "invalid JSON"),
    ]:
        line = next((line for line in result.stderr.splitlines() if name in line), "")
        assert words in line, (name, result.stderr)


def test_failures_and_skips_are_recorded_in_the_archive(messy_run: tuple[Path, Any]) -> None:
    db, _ = messy_run
    reasons = sorted(row[0] for row in query(db, "SELECT reason FROM failures"))
    assert reasons == sorted(
        ["binary"] * 3
        + ["empty", "too_large", "broken_symlink", "symlink_loop", "symlink_loop"]
        + ["invalid_record"] * 2
    )
    (png_raw,) = query(db, "SELECT raw_sha256 FROM failures WHERE path LIKE '%logo.png'")[0]
    assert png_raw is not None  # the raw bytes of a skipped file are kept too


def test_sidecar_gzip_and_exports_give_provenance(messy_run: tuple[Path, Any]) -> None:
    db, _ = messy_run
    captures = dict(query(db, "SELECT url, kind FROM captures WHERE url IS NOT NULL"))
    assert captures["https://news.example.cn/library"] == "html"
    assert captures["https://b.example/1"] == "jsonl"
    assert captures["https://c.example/x"] == "json"
    ((fetched,),) = query(db, "SELECT fetched_at FROM captures WHERE url = 'https://news.example.cn/library'")
    assert fetched.startswith("2026-01-01")
    kinds = {row[0] for row in query(db, "SELECT kind FROM captures")}
    assert "gzip+html" in kinds
    sidecars = query(db, "SELECT count(*) FROM captures WHERE path LIKE '%library.json'")
    assert sidecars == [(0,)]  # a sidecar is not an input


def test_gbk_big5_and_non_utf8_names_are_archived(messy_run: tuple[Path, Any]) -> None:
    db, _ = messy_run
    texts = [row[0] for row in query(db, "SELECT text FROM articles")]
    assert any("周日" in text and "儿童阅读区" in text for text in texts)  # GBK
    assert any("凌晨一點" in text for text in texts)  # Big5
    rows = query(db, "SELECT path, path_bytes FROM captures WHERE path LIKE '%name-%'")
    assert len(rows) == 1
    path_bytes = rows[0][1]
    assert path_bytes is not None and bytes(path_bytes).endswith(b"name-\xc4\xe3\xba\xc3.txt")


def test_rerun_does_no_work_and_adds_nothing(messy: Path, messy_run: tuple[Path, Any]) -> None:
    db, first = messy_run
    before = table_counts(db)
    result = jingwen("clean", messy, "--db", db, "--jobs", "2", "--json", "--max-size", "100k")
    report = summary(result)
    skip_if_rules_changed(db)
    assert report["archived"] == 0 and report["duplicate"] == 0 and report["same_text"] == 0
    assert report["unchanged"] == summary(first)["archived"] + summary(first)["duplicate"]
    after = table_counts(db)
    # A run adds its own row to `runs`; nothing else may grow, not even the failures seen again.
    for table in ("raw_documents", "captures", "articles", "extractions", "removed_blocks", "failures"):
        assert after[table] == before[table], table
    assert after["runs"] == before["runs"] + 1


def test_reclean_of_a_messy_archive_turns_no_junk_into_articles(messy_run: tuple[Path, Any]) -> None:
    db, _ = messy_run
    result = jingwen("reclean", db, "--json")
    report = summary(result)
    assert result.returncode == 0, result.stderr
    assert report["failed"] == {}
    current = query(db, "SELECT count(*) FROM articles WHERE is_current = 1")[0][0]
    assert current == summary(messy_run[1])["archived"]  # no junk became an article


# -- options and exit statuses ----------------------------------------------------------------


@pytest.fixture
def clean_folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    write(root / "a" / "one.html", html_page(ARTICLE_ZH))
    write(root / "a" / "two.txt", ARTICLE_EN)
    write(root / "b" / "three.txt", ARTICLE_HANT.encode("big5"))
    write(root / "b" / "notes.log", "not an article at all")
    return root


def test_a_clean_folder_exits_0_and_says_how_to_open_the_archive(clean_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = jingwen("clean", clean_folder, "--db", db, "--jobs", "1", "--exclude", "*.log")
    assert result.returncode == 0, result.stderr
    assert f"jingwen serve {db}" in result.stdout
    assert "files seen" in result.stdout and "archived" in result.stdout
    assert query(db, "SELECT count(*) FROM articles") == [(3,)]


@pytest.mark.parametrize(
    "args",
    [
        ["clean", "{in}"],  # --db missing
        ["clean", "--db", "{db}"],  # PATH missing
        ["clean", "{in}/does-not-exist", "--db", "{db}"],
        ["clean", "{in}", "--db", "{db}", "--jobs", "0"],
        ["clean", "{in}", "--db", "{db}", "--script", "klingon"],
        ["clean", "{in}", "--db", "{db}", "--max-size", "lots"],
        ["clean", "{in}", "--db", "{db}", "--no-such-option"],
    ],
)
def test_usage_errors_exit_2_and_write_nothing(args: list[str], clean_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = jingwen(*(arg.format(**{"in": clean_folder, "db": db}) for arg in args))
    assert result.returncode == 2, result.stderr
    assert not db.exists()


def test_not_an_archive_is_refused_and_left_unchanged(clean_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE mine (x)")
    before = db.read_bytes()
    result = jingwen("clean", clean_folder, "--db", db)
    assert result.returncode == 2
    assert db.read_bytes() == before


def test_include_and_exclude(clean_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = jingwen("clean", clean_folder, "--db", db, "--include", "*.txt", "--exclude", "b/*", "--json")
    report = summary(result)
    assert report["archived"] == 1 and report["skipped"] == {"excluded": 3}
    assert [row[0].rsplit("/", 1)[-1] for row in query(db, "SELECT path FROM captures")] == ["two.txt"]


def test_dry_run_writes_no_archive(clean_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = jingwen("clean", clean_folder, "--db", db, "--dry-run", "--json", "--exclude", "*.log")
    assert result.returncode == 0
    assert summary(result)["archived"] == 3 and summary(result)["dry_run"] is True
    assert not db.exists() and not Path(f"{db}-wal").exists()


def test_json_summary_keys(clean_folder: Path, tmp_path: Path) -> None:
    result = jingwen("clean", clean_folder, "--db", tmp_path / "x.db", "--json", "--quiet")
    assert set(summary(result)) == {
        "files_seen",
        "documents",
        "archived",
        "unchanged",
        "same_text",
        "duplicate",
        "skipped",
        "failed",
        "removals",
        "seconds",
        "files_per_second",
        "interrupted",
        "dry_run",
        "exit_code",
    }


def test_out_mirrors_the_tree_and_writes_nothing_outside(clean_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    outside = tmp_path / "outside.txt"
    write(outside, "must stay")
    out.mkdir()
    os.symlink(outside, out / "planted")  # a symlink planted in DIR must not be followed out of it
    (out / "a").mkdir()
    os.symlink(outside, out / "a" / "one.html.txt")
    before = {p for p in tmp_path.rglob("*") if not p.is_relative_to(out)}
    result = jingwen(
        "clean", clean_folder.absolute(), "--db", tmp_path / "x.db", "--out", out, "--exclude", "*.log"
    )
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and not p.is_symlink())
    assert written == ["a/two.txt.json", "a/two.txt.txt", "b/three.txt.json", "b/three.txt.txt"]
    assert outside.read_text() == "must stay"
    assert "one.html" in result.stderr  # the refused output is reported
    after = {p for p in tmp_path.rglob("*") if not p.is_relative_to(out)}
    assert after - before == {tmp_path / "x.db"} | {p for p in after if p.name.startswith("x.db-")}
    record = json.loads((out / "b" / "three.txt.json").read_text())
    assert "港口夜市" in (out / "b" / "three.txt.txt").read_text()
    assert record["source"]["path"].endswith("three.txt")


def test_script_converts_the_stored_text_and_keeps_the_raw(tmp_path: Path) -> None:
    write(tmp_path / "in" / "hant.txt", ARTICLE_HANT.encode("big5"))
    db = tmp_path / "x.db"
    result = jingwen("clean", tmp_path / "in", "--db", db, "--script", "simplified")
    assert result.returncode == 0, result.stderr
    ((text, script),) = query(db, "SELECT text, script FROM articles")
    assert "港口夜市延长营业" in text or "延长营业" in text
    assert script == "simplified"
    ((raw,),) = query(db, "SELECT content FROM raw_documents")
    import zlib

    assert zlib.decompress(raw) == ARTICLE_HANT.encode("big5")


def test_same_article_in_two_encodings_is_one_article_with_two_captures(tmp_path: Path) -> None:
    write(tmp_path / "in" / "utf8.txt", ARTICLE_ZH.encode("utf-8"))
    write(tmp_path / "in" / "gbk.txt", ARTICLE_ZH.encode("gb18030"))
    db = tmp_path / "x.db"
    report = summary(jingwen("clean", tmp_path / "in", "--db", db, "--json"))
    assert (report["archived"], report["duplicate"]) == (1, 1)
    assert query(db, "SELECT count(*) FROM articles") == [(1,)]
    assert query(db, "SELECT count(*) FROM captures") == [(2,)]
    assert query(db, "SELECT count(*) FROM raw_documents") == [(2,)]


def test_reclean_without_the_folder(clean_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    jingwen("clean", clean_folder, "--db", db, "--exclude", "*.log")
    before = table_counts(db)
    result = jingwen("reclean", db, "--jobs", "1", "--json")
    assert result.returncode == 0, result.stderr
    skip_if_rules_changed(db)
    report = summary(result)
    assert report["files_seen"] == 3 and report["archived"] == 0
    after = table_counts(db)
    assert after["articles"] == before["articles"] and after["runs"] == before["runs"] + 1
    assert query(db, "SELECT command FROM runs ORDER BY id DESC LIMIT 1") == [("reclean",)]


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 000 does not stop root reading")
def test_unreadable_file_fails_the_run_but_not_the_batch(clean_folder: Path, tmp_path: Path) -> None:
    secret = write(clean_folder / "secret.txt", ARTICLE_EN)
    secret.chmod(0)
    try:
        result = jingwen("clean", clean_folder, "--db", tmp_path / "x.db", "--json", "--exclude", "*.log")
    finally:
        secret.chmod(0o644)
    assert summary(result)["failed"] == {"unreadable": 1}
    assert summary(result)["archived"] == 3
    assert result.returncode == 1


# -- interruption ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big") / "in"
    for number in range(2000):
        write(root / f"d{number % 20:02d}" / f"{number:05d}.txt", numbered_article(number))
    return root


def wait_for_rows(db: Path, process: subprocess.Popen[str], minimum: int) -> int:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        try:
            rows = query(db, "SELECT count(*) FROM articles")[0][0]
        except sqlite3.Error:
            rows = 0
        if rows >= minimum:
            return int(rows)
        time.sleep(0.1)
    pytest.fail("the batch never stored anything")


def start(args: list[str | Path]) -> subprocess.Popen[str]:
    if not JINGWEN.exists():
        pytest.skip(f"{JINGWEN} is not installed")
    return subprocess.Popen(
        [str(JINGWEN), *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_kill_9_mid_batch_then_resume_gives_every_article_once(big_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    process = start(["clean", big_folder, "--db", db, "--jobs", "2"])
    stored = wait_for_rows(db, process, 100)
    process.kill()
    process.wait()
    assert 0 < stored < 2000
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    result = jingwen("clean", big_folder, "--db", db, "--jobs", "2", "--json", "--quiet")
    report = summary(result)
    assert result.returncode == 0, result.stderr
    assert report["archived"] + report["unchanged"] + report["same_text"] + report["duplicate"] == 2000
    # every file is one distinct article: an uninterrupted run would archive exactly 2000
    assert query(db, "SELECT count(*) FROM articles WHERE is_current = 1") == [(2000,)]
    assert query(db, "SELECT count(DISTINCT content_hash) FROM articles") == [(2000,)]
    assert query(db, "SELECT count(DISTINCT path_key) FROM captures") == [(2000,)]
    twice = "SELECT raw_sha256 FROM extractions GROUP BY raw_sha256, cleaner_version HAVING count(*) > 1"
    assert query(db, f"SELECT count(*) FROM ({twice})") == [(0,)]


def test_ctrl_c_commits_what_is_done_prints_the_partial_summary_and_exits_130(
    big_folder: Path, tmp_path: Path
) -> None:
    db = tmp_path / "interrupted.db"
    process = start(["clean", big_folder, "--db", db, "--jobs", "2", "--json"])
    wait_for_rows(db, process, 50)
    process.send_signal(signal.SIGINT)
    stdout, _ = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 130
    report = json.loads(stdout.strip().splitlines()[-1])
    assert report["interrupted"] is True
    stored = query(db, "SELECT count(*) FROM articles")[0][0]
    assert stored == report["archived"]  # everything counted was committed


def test_archive_and_out_inside_the_input_folder_are_never_inputs(clean_folder: Path) -> None:
    db, out = clean_folder / "archive.db", clean_folder / "clean-out"
    first = summary(jingwen("clean", clean_folder, "--db", db, "--out", out, "--exclude", "*.log", "--json"))
    second = summary(jingwen("clean", clean_folder, "--db", db, "--out", out, "--exclude", "*.log", "--json"))
    assert first["files_seen"] == second["files_seen"] == 4  # three articles and the excluded log
    skip_if_rules_changed(db)
    assert (second["archived"], second["unchanged"], second["failed"]) == (0, 3, {})
    paths = [row[0] for row in query(db, "SELECT path FROM captures UNION SELECT path FROM failures")]
    assert not any("archive.db" in path or "clean-out" in path for path in paths)
