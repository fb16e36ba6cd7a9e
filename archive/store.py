"""Storing cleaned articles with everything needed to trust and redo them (ARCHIVE_API.md).

Every input's raw bytes are kept once (zlib, keyed by sha256); each time a source is seen there is a
capture; each (raw document × cleaner version) has exactly one extraction pointing at its article;
articles are unique by the hash of their clean text. So storing the same input twice adds nothing,
the same text from two sources is one article with two captures, and new rules that change a text
add a new version of the article, marked current, while the old one is kept and marked not current.
The search index (archive/search.py) holds the current versions only.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from sqlite_utils import Database

from archive.schema import NotAnArchive, check_archive_file, migrate
from archive.search import derive_search_text, fold_fingerprint
from cleaner.record import Cleaned

__all__ = ["Archive", "NotAnArchive", "Source", "StoreOutcome", "guess_language"]

StoreOutcome = Literal["archived", "duplicate", "unchanged", "failed"]
#   archived  : a new article (or a new version of it under new rules) was stored
#   duplicate : the same clean text was already archived (from other bytes): only a capture was added
#   unchanged : the same raw bytes were already cleaned by this cleaner+rules version: only a capture
#   failed    : the cleaner found no article text: stored as a failure ('no_content') with its raw

PROVENANCE_FIELDS = (
    "original_source",
    "original_source_id",
    "author",
    "editor",
    "image_credit",
    "published",
)
ZLIB_LEVEL = 6  # on 20 real Chinese pages: 4.2x (level 1: 3.7x, level 9: 4.3x for 60 % more time)
WRITER_CACHE_KIB = 32_768  # 32 MiB page cache: inserts as fast as with 128 MiB (863/s at 100k), memory flat
BUSY_TIMEOUT_MS = 10_000  # a writer waits this long for a Datasette reader's checkpoint lock
REINDEX_CHUNK = 2_000  # articles held in memory at a time while the search index is rebuilt
# Runs, not single characters: counting by run lengths is 4x faster than one match per character.
HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
LATIN_RUN = re.compile("[A-Za-z]+")
LETTER_RUN = re.compile(r"[^\W\d_]+")
ZH_HAN_SHARE = 0.3  # Han characters among letters: Chinese prose with English names stays 'zh'
EN_LATIN_SHARE = 0.6  # ASCII letters among letters for 'en'
LANGUAGE_SAMPLE = 1000  # characters looked at: the opening of an article says its language


@dataclass(frozen=True)
class Source:
    """Where raw bytes came from, as the batch read them."""

    path: str | None = None  # os.fsdecode(path): may hold surrogate escapes for non-UTF-8 names
    url: str | None = None
    fetched_at: str | None = None  # ISO 8601, from the scraper export or sidecar
    size: int | None = None  # file size in bytes
    mtime: float | None = None  # file mtime (seconds)
    declared_encoding: str | None = None  # HTTP header / export field, when known
    kind: str | None = None  # 'html' | 'text' | 'json' | 'jsonl' | 'gzip+html' … how the batch read it


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def current_versions() -> tuple[str, str]:
    """The cleaner's version and its rules version ('dev' until cleaner.stripping declares one)."""
    import cleaner

    try:
        from cleaner import stripping

        rules = str(getattr(stripping, "RULES_VERSION", "dev"))
    except ImportError:
        rules = "dev"
    return str(cleaner.__version__), rules


def guess_language(text: str) -> str:
    """'zh' when Han is a good share of the letters, 'en' for mostly ASCII letters, else 'other'."""
    sample = text[:LANGUAGE_SAMPLE]
    letters = _run_length(LETTER_RUN, sample)
    if letters == 0:
        return "other"
    if _run_length(HAN_RUN, sample) / letters >= ZH_HAN_SHARE:
        return "zh"
    if _run_length(LATIN_RUN, sample) / letters >= EN_LATIN_SHARE:
        return "en"
    return "other"


def _run_length(pattern: re.Pattern[str], text: str) -> int:
    return sum(map(len, pattern.findall(text)))


def _path_forms(path: str | None) -> tuple[str, str | None, bytes | None]:
    """(unique key, readable text, raw bytes when the name is not valid UTF-8) of a path."""
    if path is None:
        return "", None, None
    raw = path.encode("utf-8", "surrogateescape")
    try:
        return path.encode("utf-8").decode("utf-8"), path, None
    except UnicodeEncodeError:
        return raw.decode("utf-8", "backslashreplace"), raw.decode("utf-8", "replace"), raw


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value if item)
    text = str(value).strip()
    return text or None


def _site_of(metadata: Mapping[str, Any], url: str | None) -> str | None:
    site = _text_or_none(metadata.get("site"))
    if site:
        return site
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return None


class Archive:
    """A jingwen archive: one SQLite file, created or migrated on open (raises NotAnArchive)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        tool_version: str | None = None,
        rules_version: str | None = None,
    ) -> None:
        self.path = Path(path)
        check_archive_file(self.path)
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")  # durable at checkpoints; safe in WAL mode
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
        self.db = Database(self.conn)
        self._closed = False
        self._pending_index: dict[int, tuple[str, str]] = {}  # article id -> (title, text), see _index
        self.schema_version = migrate(self.conn)
        if self._stored_fold_fingerprint() != fold_fingerprint():
            self.rebuild_search_index()
        default_tool, default_rules = current_versions()
        self.tool_version = tool_version or default_tool
        self.rules_version = rules_version or default_rules
        self.cleaner_version = f"{self.tool_version}+rules.{self.rules_version}"

    # -- runs and transactions -------------------------------------------------------------

    def begin_run(self, *, command: str, options: Mapping[str, Any]) -> int:
        with self._transaction():
            cursor = self.conn.execute(
                "INSERT INTO runs (tool_version, rules_version, command, options, started_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    self.tool_version,
                    self.rules_version,
                    command,
                    json.dumps(dict(options), ensure_ascii=False, default=str, sort_keys=True),
                    now(),
                ),
            )
            return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        with self._transaction():
            self.conn.execute(
                "UPDATE runs SET ended_at = ?, counts = ? WHERE id = ?",
                (now(), json.dumps(dict(counts), sort_keys=True), run_id),
            )
        self.checkpoint()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction for everything stored inside; on exit commit and truncate the WAL."""
        outermost = not self.conn.in_transaction
        with self._transaction():
            yield
        if outermost:
            self.checkpoint()

    def checkpoint(self) -> None:
        """Fold the WAL back into the database (it grows without bound under constant reads)."""
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._flush_index()
        except BaseException:
            self._pending_index.clear()
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        """Commit anything pending, truncate the WAL and close (closing twice is harmless)."""
        if self._closed:
            return
        self._closed = True
        if self.conn.in_transaction:
            self._flush_index()
            self.conn.execute("COMMIT")
        self.checkpoint()
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def rebuild_search_index(self) -> int:
        """Index every current article again (after the script folding changed); returns how many."""
        indexed = 0
        with self._transaction():
            self.conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
            rows = self.conn.execute("SELECT id, title, text FROM articles WHERE is_current = 1")
            for article_id, title, text in rows:
                self._pending_index[article_id] = (title or "", text)
                indexed += 1
                if len(self._pending_index) >= REINDEX_CHUNK:
                    self._flush_index()
            self.conn.execute(
                "INSERT INTO jingwen_meta (key, value) VALUES ('search_fold', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (fold_fingerprint(),),
            )
        return indexed

    def _stored_fold_fingerprint(self) -> str | None:
        row = self.conn.execute("SELECT value FROM jingwen_meta WHERE key = 'search_fold'").fetchone()
        return None if row is None else str(row[0])

    # -- storing ---------------------------------------------------------------------------

    def is_unchanged(self, source: Source, sha256: str | None = None) -> bool:
        """True when this source was last captured with the same size and mtime (and sha256 when
        given) and its raw document was already cleaned by the current cleaner and rules."""
        path_key, _, _ = _path_forms(source.path)
        url_key = source.url or ""
        if not path_key and not url_key:
            return False
        row = self.conn.execute(
            "SELECT raw_sha256, size, mtime FROM captures WHERE path_key = ? AND url_key = ?"
            " ORDER BY last_seen_at DESC, id DESC LIMIT 1",
            (path_key, url_key),
        ).fetchone()
        if row is None or row[1] != source.size or row[2] != source.mtime:
            return False
        if sha256 is not None and row[0] != sha256:
            return False
        return self._extraction_of(row[0]) is not None

    def store(self, run_id: int, raw: bytes, cleaned: Cleaned, source: Source) -> StoreOutcome:
        """Keep the raw bytes (once), record the capture, and file the clean text as an article.

        An empty text is recorded as a failure ('no_content') with its raw bytes: outcome 'failed'.
        """
        sha256 = hashlib.sha256(raw).hexdigest()
        with self._transaction():
            self._keep_raw(sha256, raw)
            capture_id = self._capture(run_id, sha256, source, cleaned)
            if self._extraction_of(sha256) is not None:
                return "unchanged"
            if not cleaned.text.strip():
                self._insert_extraction(run_id, sha256, None)
                self._insert_failure(
                    run_id,
                    source,
                    sha256,
                    capture_id,
                    "no_content",
                    f"{source.path or source.url or sha256}: no article text ({cleaned.reason or 'empty'})",
                )
                return "failed"
            outcome, article_id = self._place_article(run_id, sha256, cleaned, source)
            self._insert_extraction(run_id, sha256, article_id)
            return outcome

    def record_failure(
        self, run_id: int, source: Source, raw: bytes | None, reason: str, message: str
    ) -> None:
        """Record an input that gave no article; its raw bytes (when readable) are kept too."""
        with self._transaction():
            sha256 = capture_id = None
            if raw is not None:
                sha256 = hashlib.sha256(raw).hexdigest()
                self._keep_raw(sha256, raw)
                capture_id = self._capture(run_id, sha256, source, None)
            self._insert_failure(run_id, source, sha256, capture_id, reason, message)

    def raw_documents(self) -> Iterator[tuple[bytes, Source]]:
        """Every stored raw document with its latest capture, oldest first (for reclean)."""
        hashes = [row[0] for row in self.conn.execute("SELECT sha256 FROM raw_documents ORDER BY rowid")]
        for sha256 in hashes:
            content = self.conn.execute(
                "SELECT content FROM raw_documents WHERE sha256 = ?", (sha256,)
            ).fetchone()[0]
            capture = self.conn.execute(
                "SELECT path, path_bytes, url, fetched_at, size, mtime, declared_encoding, kind"
                " FROM captures WHERE raw_sha256 = ? ORDER BY last_seen_at DESC, id DESC LIMIT 1",
                (sha256,),
            ).fetchone()
            yield zlib.decompress(content), self._source_of(capture)

    # -- internals -------------------------------------------------------------------------

    @staticmethod
    def _source_of(capture: tuple[Any, ...] | None) -> Source:
        if capture is None:
            return Source()
        path, path_bytes, url, fetched_at, size, mtime, declared_encoding, kind = capture
        if path_bytes is not None:
            path = os.fsdecode(bytes(path_bytes))
        return Source(path, url, fetched_at, size, mtime, declared_encoding, kind)

    def _keep_raw(self, sha256: str, raw: bytes) -> None:
        exists = self.conn.execute("SELECT 1 FROM raw_documents WHERE sha256 = ?", (sha256,)).fetchone()
        if exists is None:
            self.conn.execute(
                "INSERT INTO raw_documents (sha256, size, compression, content) VALUES (?, ?, 'zlib', ?)",
                (sha256, len(raw), zlib.compress(raw, ZLIB_LEVEL)),
            )

    def _capture(self, run_id: int, sha256: str, source: Source, cleaned: Cleaned | None) -> int:
        path_key, path_text, path_bytes = _path_forms(source.path)
        seen = now()
        evidence = json.dumps(dict(cleaned.evidence), ensure_ascii=False, default=str) if cleaned else None
        row = self.conn.execute(
            """INSERT INTO captures (raw_sha256, path_key, url_key, path, path_bytes, url, fetched_at,
                   seen_at, last_seen_at, size, mtime, kind, declared_encoding, detected_encoding,
                   encoding_evidence, run_id, last_run_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (path_key, url_key, raw_sha256) DO UPDATE SET
                   last_seen_at = excluded.last_seen_at, last_run_id = excluded.last_run_id,
                   size = excluded.size, mtime = excluded.mtime,
                   fetched_at = coalesce(excluded.fetched_at, fetched_at),
                   detected_encoding = coalesce(excluded.detected_encoding, detected_encoding),
                   encoding_evidence = coalesce(excluded.encoding_evidence, encoding_evidence)
               RETURNING id""",
            (
                sha256,
                path_key,
                source.url or "",
                path_text,
                path_bytes,
                source.url,
                source.fetched_at,
                seen,
                seen,
                source.size,
                source.mtime,
                source.kind,
                source.declared_encoding,
                cleaned.encoding if cleaned else None,
                evidence,
                run_id,
                run_id,
            ),
        ).fetchone()
        return int(row[0])

    def _extraction_of(self, sha256: str) -> tuple[int | None] | None:
        row = self.conn.execute(
            "SELECT article_id FROM extractions WHERE raw_sha256 = ? AND cleaner_version = ?",
            (sha256, self.cleaner_version),
        ).fetchone()
        return None if row is None else (row[0],)

    def _insert_extraction(self, run_id: int, sha256: str, article_id: int | None) -> None:
        self.conn.execute(
            "INSERT INTO extractions (raw_sha256, cleaner_version, article_id, run_id, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (sha256, self.cleaner_version, article_id, run_id, now()),
        )

    def _insert_failure(
        self,
        run_id: int,
        source: Source,
        sha256: str | None,
        capture_id: int | None,
        reason: str,
        message: str,
    ) -> None:
        _, path_text, _ = _path_forms(source.path)
        # The same input failing the same way again (a re-run over the same folder) adds nothing:
        # the first row already says it, and the run's counts say it happened again.
        known = self.conn.execute(
            "SELECT 1 FROM failures WHERE path IS ? AND url IS ? AND raw_sha256 IS ? AND reason = ?",
            (path_text, source.url, sha256, reason),
        ).fetchone()
        if known:
            return
        self.conn.execute(
            "INSERT INTO failures (run_id, raw_sha256, capture_id, path, url, reason, message, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (run_id, sha256, capture_id, path_text, source.url, reason, message, now()),
        )

    def _place_article(
        self, run_id: int, sha256: str, cleaned: Cleaned, source: Source
    ) -> tuple[StoreOutcome, int]:
        """Find or insert the article for this text; keep exactly one current version per raw."""
        content_hash = hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest()
        previous = self.conn.execute(
            "SELECT a.id, a.version FROM extractions e JOIN articles a ON a.id = e.article_id"
            " WHERE e.raw_sha256 = ? ORDER BY e.id DESC LIMIT 1",
            (sha256,),
        ).fetchone()
        existing = self.conn.execute(
            "SELECT id, is_current FROM articles WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        if existing is not None:
            article_id, is_current = existing
            if previous is not None and previous[0] != article_id:
                self._set_current(previous[0], False)
            if not is_current:
                self._set_current(article_id, True)
            same = previous is not None and previous[0] == article_id
            return ("unchanged" if same else "duplicate"), article_id
        if previous is not None:
            self._set_current(previous[0], False)
        article_id = self._insert_article(run_id, content_hash, cleaned, source, previous)
        return "archived", article_id

    def _insert_article(
        self,
        run_id: int,
        content_hash: str,
        cleaned: Cleaned,
        source: Source,
        previous: tuple[int, int] | None,
    ) -> int:
        metadata = cleaned.metadata
        url = _text_or_none(metadata.get("url")) or source.url
        categories = sorted({removal.category for removal in cleaned.removed})
        values: dict[str, Any] = {
            "content_hash": content_hash,
            "title": _text_or_none(cleaned.title),
            "text": cleaned.text,
            "site": _site_of(metadata, url),
            **{name: _text_or_none(metadata.get(name)) for name in PROVENANCE_FIELDS},
            "url": url,
            "script": cleaned.script,
            "machine_converted": int(cleaned.machine_converted),
            "language": guess_language(cleaned.text),
            "encoding": cleaned.encoding,
            "characters": len(cleaned.text),
            "removed_categories": json.dumps(categories),
            "metadata": json.dumps(dict(metadata), ensure_ascii=False, default=str, sort_keys=True),
            "is_current": 1,
            "version": previous[1] + 1 if previous else 1,
            "supersedes": previous[0] if previous else None,
            "run_id": run_id,
            "created_at": now(),
        }
        columns = ", ".join(values)
        marks = ", ".join("?" * len(values))
        cursor = self.conn.execute(
            f"INSERT INTO articles ({columns}) VALUES ({marks})", tuple(values.values())
        )
        article_id = int(cursor.lastrowid or 0)
        self.conn.executemany(
            "INSERT INTO removed_blocks (article_id, position, category, rule, text) VALUES (?, ?, ?, ?, ?)",
            ((article_id, r.position, r.category, r.rule, r.text) for r in cleaned.removed),
        )
        self._index(article_id, values["title"], cleaned.text)
        return article_id

    def _index(self, article_id: int, title: str | None, text: str, *, delete: bool = False) -> None:
        """Add a current version to the search index, or take one out.

        Additions wait in memory until the transaction commits: FTS5 writes its pending terms to a
        new index segment at every statement savepoint (an upsert opens one): one segment per article
        took 1.6x the CPU time of one segment per batch at 100k articles (bench/archive.py).
        """
        if not delete:
            self._pending_index[article_id] = (title or "", text)
            return
        if self._pending_index.pop(article_id, None) is not None:
            return
        self.conn.execute(
            "INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
            (article_id, derive_search_text(title or ""), derive_search_text(text)),
        )

    def _flush_index(self) -> None:
        pending, self._pending_index = self._pending_index, {}
        self.conn.executemany(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
            (
                (article_id, derive_search_text(title), derive_search_text(text))
                for article_id, (title, text) in pending.items()
            ),
        )

    def _set_current(self, article_id: int, current: bool) -> None:
        """Mark a version current (and searchable) or not; the search index follows."""
        row = self.conn.execute(
            "SELECT title, text, is_current FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None or bool(row[2]) == current:
            return
        self.conn.execute("UPDATE articles SET is_current = ? WHERE id = ?", (int(current), article_id))
        self._index(article_id, row[0], row[1], delete=not current)
