"""A real Scrapy crawl (CrawlerProcess in a subprocess) of sample pages served on 127.0.0.1.

Both pipelines run: cleaner.scrapy adds the clean fields to each item, archive.scrapy stores
the items with their raw pages. The items must carry what the golden samples expect, and the
archive must hold every page.
"""

from __future__ import annotations

import functools
import http.server
import json
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("scrapy")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# Pages with a golden expectation: the HTML samples (GBK, Big5 and UTF-8 Chinese, English).
PAGES = sorted(p for p in SAMPLES.glob("html_*/input.html") if (p.parent / "expected.txt").exists())

SPIDER = textwrap.dedent(
    """
    import json, sys
    import scrapy
    from scrapy.crawler import CrawlerProcess

    base, names, feed, db = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]

    class SampleSpider(scrapy.Spider):
        name = "samples"
        start_urls = [f"{base}/{name}" for name in names]

        def parse(self, response):
            yield {"url": response.url, "html": response.body, "encoding": response.encoding}

    process = CrawlerProcess(settings={
        "ITEM_PIPELINES": {"cleaner.scrapy.CleanerPipeline": 300, "archive.scrapy.ArchivePipeline": 400},
        "JINGWEN_ARCHIVE": db,
        "JINGWEN_BATCH_SIZE": 2,
        # the raw page (bytes) stays out of the feed; the archive keeps it
        "FEEDS": {feed: {"format": "jsonlines", "fields": [
            "url", "clean_text", "clean_title", "clean_script", "clean_metadata", "clean_removed"]}},
        "FEED_EXPORT_ENCODING": "utf-8",
        "LOG_LEVEL": "WARNING",
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
    })
    process.crawl(SampleSpider)
    process.start()
    """
)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """Serve samples/ on a free port of 127.0.0.1 (raw bytes, no charset in the header)."""
    handler = functools.partial(QuietHandler, directory=str(SAMPLES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def crawl(site: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], Path]:
    if len(PAGES) < 3:
        pytest.skip("fewer than three HTML samples with goldens")
    work = tmp_path_factory.mktemp("crawl")
    (work / "spider.py").write_text(SPIDER, encoding="utf-8")
    feed, db = work / "items.jsonl", work / "archive.db"
    names = [str(page.relative_to(SAMPLES)) for page in PAGES]
    subprocess.run(
        [sys.executable, str(work / "spider.py"), site, json.dumps(names), str(feed), str(db)],
        check=True,
        timeout=300,
        cwd=work,
    )
    items = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    return items, db


def test_every_page_is_crawled_and_cleaned_as_its_golden_says(crawl: tuple[list[dict], Path]) -> None:
    items, _ = crawl
    by_page = {item["url"].split("/", 3)[3]: item for item in items}
    assert sorted(by_page) == sorted(str(p.relative_to(SAMPLES)) for p in PAGES)
    for name, item in by_page.items():
        page_dir = (SAMPLES / name).parent
        expected = json.loads((page_dir / "expected.json").read_text(encoding="utf-8"))
        assert item["clean_text"] == (page_dir / "expected.txt").read_text(encoding="utf-8").rstrip("\n"), (
            name
        )
        assert item["clean_title"] == expected["title"], name
        assert item["clean_script"] == expected["script"], name
        removed = {r["category"] for r in item["clean_removed"]}
        assert set(expected["removed"]) <= removed, name


def test_archive_holds_every_page_with_its_raw_bytes(crawl: tuple[list[dict], Path]) -> None:
    items, db = crawl
    with sqlite3.connect(db) as connection:
        urls = {row[0] for row in connection.execute("select url from captures")}
        raw_count = connection.execute("select count(*) from raw_documents").fetchone()[0]
        articles = connection.execute("select count(*) from articles").fetchone()[0]
    assert {item["url"] for item in items} <= urls
    assert raw_count == len(PAGES)
    assert articles == len({item["clean_text"] for item in items if item["clean_text"]})


def test_the_crawl_is_recorded_as_a_run_with_the_tool_and_rules_versions(
    crawl: tuple[list[dict], Path],
) -> None:
    import cleaner

    _, db = crawl
    with sqlite3.connect(db) as connection:
        runs = connection.execute(
            "select command, tool_version, rules_version, ended_at from runs"
        ).fetchall()
    assert runs == [("scrapy", cleaner.__version__, cleaner.RULES_VERSION, runs[0][3])]
    assert runs[0][3], "the run was closed when the spider closed"
