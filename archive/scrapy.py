"""A Scrapy item pipeline that stores every item, with its raw page, in a jingwen archive.

    ITEM_PIPELINES = {"archive.scrapy.ArchivePipeline": 400}
    JINGWEN_ARCHIVE = "archive.db"   # the SQLite archive (created when missing)
    JINGWEN_BATCH_SIZE = 100         # items per transaction
    # and the JINGWEN_SOURCE_FIELD / _URL_FIELD / _ENCODING_FIELD settings of cleaner.scrapy

One writer: items are queued and written in one transaction per batch, and the last batch is
written and the run closed when the spider closes, so an archive is never left half-written.
The item passes on unchanged.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from archive.store import Archive, Source
from cleaner.scrapy import PipelineSettings, clean_item

DEFAULT_BATCH_SIZE = 100


def page_bytes(page: Any) -> bytes:
    """The raw page as bytes, as the archive keeps it (text pages are kept as UTF-8)."""
    if isinstance(page, bytes):
        return page
    return str(page or "").encode("utf-8")


class ArchivePipeline:
    """Cleans and archives each item's page; one transaction per batch of items."""

    def __init__(self, path: str, settings: PipelineSettings, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        self.path = path
        self.settings = settings
        self.batch_size = batch_size
        self.pending: list[tuple[bytes, Any, Source]] = []
        self.archive: Archive | None = None
        self.run_id = 0
        self.counts: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchivePipeline:
        settings = crawler.settings
        return cls(
            path=settings.get("JINGWEN_ARCHIVE", "archive.db"),
            settings=PipelineSettings.from_settings(settings),
            batch_size=settings.getint("JINGWEN_BATCH_SIZE", DEFAULT_BATCH_SIZE),
        )

    def open_spider(self, spider: Any = None) -> None:
        self.archive = Archive(self.path)
        name = getattr(spider, "name", None)
        self.run_id = self.archive.begin_run(command="scrapy", options={"spider": name})

    def process_item(self, item: Any, spider: Any = None) -> Any:
        from itemadapter import ItemAdapter

        adapter = ItemAdapter(item)
        source = Source(
            url=adapter.get(self.settings.url_field),
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            declared_encoding=adapter.get(self.settings.encoding_field),
            kind="scrapy",
        )
        raw = page_bytes(adapter.get(self.settings.source_field))
        self.pending.append((raw, clean_item(adapter, self.settings), source))
        if len(self.pending) >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        if self.archive is None or not self.pending:
            return
        with self.archive.batch():
            for raw, record, source in self.pending:
                if record.text:
                    outcome = self.archive.store(self.run_id, raw, record, source)
                else:
                    self.archive.record_failure(
                        self.run_id, source, raw, "no_content", f"{source.url}: {record.reason}"
                    )
                    outcome = "failed"
                self.counts[outcome] = self.counts.get(outcome, 0) + 1
        self.pending.clear()

    def close_spider(self, spider: Any = None) -> None:
        if self.archive is None:
            return
        self.flush()
        self.archive.finish_run(self.run_id, self.counts)
        self.archive.close()
        self.archive = None
