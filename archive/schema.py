"""The archive's schema: created and changed only through numbered migrations.

An archive records its schema version in `PRAGMA user_version` and declares itself in the
`jingwen_meta` table (`application = jingwen`, and the search index scheme the Datasette plugin
looks for). `open_archive_connection` checks a file *before* writing anything: a file that is not
SQLite, a corrupt one, or an SQLite database that is not a jingwen archive raises `NotAnArchive`
and is left byte-for-byte as it was. Opening an archive made by an older version migrates it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

APPLICATION = "jingwen"
# The name of the derived-text search scheme (archive/search.py). The Datasette plugin only
# changes `escape_fts` for databases whose jingwen_meta declares it, so other databases behave as before.
SEARCH_SCHEME = "jingwen-cjk-bigram-1"
SQLITE_HEADER = b"SQLite format 3\x00"
FTS_AUTOMERGE = 8


class NotAnArchive(Exception):
    """The file exists but is not a jingwen archive, or is corrupt. Nothing was changed."""


Migration = Callable[[sqlite3.Connection], None]


def _run_script(statements: Sequence[str]) -> Migration:
    def migrate(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return migrate


# Migration 1: the tables that keep every input and its provenance (DESIGN.md §6). Unique keys are
# declared NOT NULL because SQLite lets duplicate NULLs through a UNIQUE constraint.
CORE_TABLES: tuple[str, ...] = (
    """CREATE TABLE jingwen_meta (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    )""",
    f"INSERT INTO jingwen_meta (key, value) VALUES ('application', '{APPLICATION}')",
    """CREATE TABLE raw_documents (
        sha256 TEXT PRIMARY KEY NOT NULL,
        size INTEGER NOT NULL,
        compression TEXT NOT NULL DEFAULT 'zlib',
        content BLOB NOT NULL
    )""",
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        tool_version TEXT NOT NULL,
        rules_version TEXT NOT NULL,
        command TEXT NOT NULL,
        options TEXT NOT NULL DEFAULT '{}',
        started_at TEXT NOT NULL,
        ended_at TEXT,
        counts TEXT
    )""",
    """CREATE TABLE captures (
        id INTEGER PRIMARY KEY,
        raw_sha256 TEXT NOT NULL REFERENCES raw_documents(sha256),
        path_key TEXT NOT NULL,
        url_key TEXT NOT NULL,
        path TEXT,
        path_bytes BLOB,
        url TEXT,
        fetched_at TEXT,
        seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        size INTEGER,
        mtime REAL,
        kind TEXT,
        declared_encoding TEXT,
        detected_encoding TEXT,
        encoding_evidence TEXT,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        last_run_id INTEGER NOT NULL REFERENCES runs(id),
        UNIQUE (path_key, url_key, raw_sha256)
    )""",
    "CREATE INDEX captures_raw ON captures (raw_sha256)",
    """CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT,
        text TEXT NOT NULL,
        site TEXT,
        original_source TEXT,
        original_source_id TEXT,
        author TEXT,
        editor TEXT,
        image_credit TEXT,
        published TEXT,
        url TEXT,
        script TEXT NOT NULL,
        machine_converted INTEGER NOT NULL DEFAULT 0,
        language TEXT NOT NULL,
        encoding TEXT,
        characters INTEGER NOT NULL,
        removed_categories TEXT NOT NULL DEFAULT '[]',
        metadata TEXT NOT NULL DEFAULT '{}',
        is_current INTEGER NOT NULL DEFAULT 1,
        version INTEGER NOT NULL DEFAULT 1,
        supersedes INTEGER REFERENCES articles(id),
        run_id INTEGER NOT NULL REFERENCES runs(id),
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX articles_site ON articles (site)",
    """CREATE TABLE extractions (
        id INTEGER PRIMARY KEY,
        raw_sha256 TEXT NOT NULL REFERENCES raw_documents(sha256),
        cleaner_version TEXT NOT NULL,
        article_id INTEGER REFERENCES articles(id),
        run_id INTEGER NOT NULL REFERENCES runs(id),
        created_at TEXT NOT NULL,
        UNIQUE (raw_sha256, cleaner_version)
    )""",
    "CREATE INDEX extractions_article ON extractions (article_id)",
    """CREATE TABLE removed_blocks (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        position INTEGER NOT NULL,
        category TEXT NOT NULL,
        rule TEXT NOT NULL,
        text TEXT NOT NULL
    )""",
    "CREATE INDEX removed_blocks_article ON removed_blocks (article_id)",
    """CREATE TABLE failures (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        raw_sha256 TEXT REFERENCES raw_documents(sha256),
        capture_id INTEGER REFERENCES captures(id),
        path TEXT,
        url TEXT,
        reason TEXT NOT NULL,
        message TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
)


def _add_search_index(conn: sqlite3.Connection) -> None:
    """Migration 2: the FTS5 index over derived text.

    External content (`content="articles"`) lets Datasette find the index for the articles table by
    itself; the index holds derived tokens (archive/search.py), never the stored text, and only
    current article versions. Opening the archive fills it (archive/store.py: the folding
    fingerprint in jingwen_meta is missing, so the index is rebuilt).
    """
    conn.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        "title, text, content=\"articles\", content_rowid=\"id\", tokenize='unicode61', prefix='1')"
    )
    # Merge index segments 8 at a time instead of 4: +18 % inserts per CPU-second (bench, 30k articles).
    conn.execute(f"INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', {FTS_AUTOMERGE})")
    conn.execute("INSERT INTO jingwen_meta (key, value) VALUES ('search_scheme', ?)", (SEARCH_SCHEME,))


# Migration 3: views Datasette shows as "what was removed and why" and "where an article came from".
VIEWS: tuple[str, ...] = (
    """CREATE VIEW article_removals AS
        SELECT r.article_id, a.title AS article_title, r.position, r.category, r.rule, r.text
        FROM removed_blocks r JOIN articles a ON a.id = r.article_id""",
    """CREATE VIEW article_sources AS
        SELECT e.article_id, a.title AS article_title, a.is_current, e.cleaner_version,
               c.path, c.url, c.fetched_at, c.seen_at, c.last_seen_at, c.size, c.kind,
               c.declared_encoding, c.detected_encoding, e.raw_sha256
        FROM extractions e
        JOIN articles a ON a.id = e.article_id
        JOIN captures c ON c.raw_sha256 = e.raw_sha256""",
)

MIGRATIONS: tuple[Migration, ...] = (
    _run_script(CORE_TABLES),
    _add_search_index,
    _run_script(VIEWS),
)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply the migrations after the connection's user_version, each in its own transaction."""
    current = read_user_version(conn)
    for number in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[number - 1](conn)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return max(current, target)


def read_user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_archive_file(path: Path) -> bool:
    """True when `path` is a jingwen archive to open, False when it is new (absent or empty).

    Reads only: raises NotAnArchive for anything else, without creating or changing a byte.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False
    except OSError as error:
        raise NotAnArchive(f"{path}: cannot read: {error.strerror or error}") from None
    if size == 0:
        return False
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise NotAnArchive(f"{path}: cannot read: {error.strerror or error}") from None
    if header != SQLITE_HEADER:
        raise NotAnArchive(f"{path}: not an SQLite database (and so not a jingwen archive)")
    _check_sqlite_contents(path)
    return True


def _check_sqlite_contents(path: Path) -> None:
    # Without a WAL or journal beside it the file is the whole database: open it immutable, so that
    # SQLite creates no -shm/-wal files either. Otherwise read-only, to see the pending pages.
    has_log = any(Path(f"{os.fsdecode(path)}{suffix}").exists() for suffix in ("-wal", "-journal"))
    uri = f"file:{_uri_path(path)}?{'mode=ro' if has_log else 'immutable=1'}"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        raise NotAnArchive(f"{path}: cannot open as SQLite: {error}") from None
    try:
        version = read_user_version(conn)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables and version == 0:
            return  # an empty SQLite database: nothing to lose, it becomes an archive
        if "jingwen_meta" not in tables:
            raise NotAnArchive(
                f"{path}: an SQLite database, but not a jingwen archive (no jingwen_meta table)"
            )
        row = conn.execute("SELECT value FROM jingwen_meta WHERE key = 'application'").fetchone()
        if row is None or row[0] != APPLICATION:
            raise NotAnArchive(f"{path}: an SQLite database, but not a jingwen archive")
        if version > SCHEMA_VERSION:
            raise NotAnArchive(
                f"{path}: archive schema version {version} is newer than this jingwen ({SCHEMA_VERSION})"
            )
        if version > 0:
            conn.execute("SELECT count(*) FROM articles").fetchone()
    except sqlite3.DatabaseError as error:
        raise NotAnArchive(f"{path}: corrupt or not an SQLite database: {error}") from None
    finally:
        conn.close()


def _uri_path(path: Path) -> str:
    from urllib.parse import quote

    return quote(os.fsencode(path.absolute()))
