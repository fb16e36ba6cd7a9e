"""The Datasette plugin (entry point `jingwen`): Chinese search in Datasette's own search box.

Datasette's `?_search=` runs `... match escape_fts(:search)`. For databases that declare jingwen's
search scheme in `jingwen_meta`, this plugin re-registers `escape_fts` as jingwen's query rewrite
(archive/search.py), so the table search box and JSON API search the derived bigram index; every
other database keeps Datasette's own `escape_fts`. It also adds the SQL functions the canned queries
use (`jingwen_match`, `jingwen_snippet`, `jingwen_raw`, `jingwen_raw_text`) and renders the
`snippet` column's <mark> highlights as HTML.
"""

from __future__ import annotations

import re
import sqlite3
import zlib
from typing import Any

from datasette import hookimpl
from markupsafe import Markup

from archive.schema import SEARCH_SCHEME
from archive.search import register_functions, rewrite_query

SNIPPET_COLUMN = "snippet"
# A snippet is safe to show as HTML when its only tags are <mark> and </mark> (make_snippet escapes
# everything else); anything else is left to Datasette's default escaping.
MARK_TAG = re.compile(r"</?mark>")


def declares_search_scheme(conn: sqlite3.Connection) -> bool:
    """True for a jingwen archive whose jingwen_meta names the search scheme this code implements."""
    try:
        row = conn.execute("SELECT value FROM jingwen_meta WHERE key = 'search_scheme'").fetchone()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == SEARCH_SCHEME


def inflate(content: bytes | None) -> bytes | None:
    """A raw document's stored bytes, decompressed."""
    if content is None:
        return None
    try:
        return zlib.decompress(content)
    except zlib.error:
        return None


def inflate_to_text(content: bytes | None) -> str | None:
    """A raw document decoded for reading (jingwen's decoder when available, else UTF-8)."""
    raw = inflate(content)
    if raw is None:
        return None
    try:
        from cleaner.decoding import decode

        return str(decode(raw).text)
    except Exception:  # the decoder never should, but a page view must not fail because of it
        return raw.decode("utf-8", "replace")


def is_safe_snippet(value: Any) -> bool:
    return (
        isinstance(value, str) and "<" not in MARK_TAG.sub("", value) and ">" not in MARK_TAG.sub("", value)
    )


_archives: set[str] = set()  # names of the databases that declared the scheme


@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection, database: str) -> None:
    # trylast: runs after Datasette's own prepare_connection, so this escape_fts is the one used.
    if not declares_search_scheme(conn):
        return
    _archives.add(database)
    conn.create_function("escape_fts", 1, lambda query: rewrite_query(query or ""), deterministic=True)
    register_functions(conn)
    conn.create_function("jingwen_raw", 1, inflate, deterministic=True)
    conn.create_function("jingwen_raw_text", 1, inflate_to_text, deterministic=True)


@hookimpl
def render_cell(value: Any, column: str, database: str) -> Markup | None:
    if column == SNIPPET_COLUMN and database in _archives and is_safe_snippet(value):
        return Markup(value)
    return None
