"""Chinese search that works in SQLite FTS5: a derived index text and the matching query rewrite.

Neither built-in FTS5 tokenizer can search Chinese (DESIGN.md §6): `unicode61` makes a whole run of
Han characters one token, `trigram` finds nothing for one- or two-character queries. So the index
holds a *derived* text instead of the article text:

1. NFKC, Traditional folded to Simplified character by character, case-folded;
2. every run of CJK characters becomes its overlapping bigrams plus the run's last character
   (机器学习 → `机器 器学 学习 习`); Latin words and numbers stay words.

A query is rewritten the same way: two or more Han characters become a phrase of bigrams, a single
character a prefix query (`"习"*` matches 习惯 and the 习 that ends a run), Latin words stay words, and
whitespace-separated terms are ANDed. The run's last character sits between the bigrams of two runs,
so a phrase never matches across punctuation or across runs: for a run of CJK characters the result
is exactly "the folded text contains the folded query" (tests/test_search.py checks it against brute force).

The index is only valid for the folding it was built with: the archive records `fold_fingerprint()`
in jingwen_meta and rebuilds the index when a newer cleaner folds differently (archive/store.py).
"""

from __future__ import annotations

import functools
import hashlib
import html
import os
import re
import sqlite3
import unicodedata
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, fields
from operator import add
from os import PathLike
from pathlib import Path
from urllib.parse import quote

from archive.schema import check_archive_file

# Han ideographs (CJK unified, extension A, compatibility, extensions B–F) plus 々 and 〇, then
# kana and Hangul: scripts written without spaces, so bigrams are their words.
CJK_CHARS = (
    "\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
    "\u3040-\u309f\u30a0-\u30ff\uac00-\ud7af"
)
# A token of the derived text: a CJK run, or a run of letters/digits that are not CJK (a Latin word).
TOKEN_PATTERN = re.compile(f"(?P<cjk>[{CJK_CHARS}]+)|(?P<word>[^\\W_{CJK_CHARS}]+)")
WORD_CHAR = f"[^\\W_{CJK_CHARS}]"
# The code point ranges folded by the OpenCC fallback (per character, so the folding never depends on
# context and a query folds exactly like the text it must find).
FOLD_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2EBEF),
)
SNIPPET_CHARACTERS = 120  # enough for one or two Chinese sentences or ~20 English words
SNIPPET_LEAD = 30  # characters of context shown before the first match
NO_MATCH = '""'  # an FTS5 expression that matches nothing (an empty phrase)

# The query behind `jingwen search` and Datasette's canned query `search` (archive/datasette/*).
# bm25 (title matches weighted above body matches) is computed for the newest RANK_WINDOW matches
# only: FTS5 walks rowids newest first and stops there, so a one-character query that matches every
# article costs the same as a rare phrase; snippets are made for the final rows only.
RANK_WINDOW = 2000
SEARCH_SQL = f"""with matches as (
  select rowid, bm25(articles_fts, 5.0, 1.0) as score
  from articles_fts where articles_fts match jingwen_match(:q)
  order by rowid desc limit {RANK_WINDOW}
),
best as (select rowid, score from matches order by score limit 100)
select articles.id, articles.title, articles.site, articles.script, articles.published,
  jingwen_snippet(articles.text, :q) as snippet, articles.url
from best join articles on articles.id = best.rowid
order by best.score"""


@functools.cache
def _script_folder() -> Callable[[str], str]:
    """cleaner.script.fold_script (character by character, length-preserving), or OpenCC's t2s
    table applied per character when the cleaner does not provide it."""
    try:
        from cleaner.script import fold_script

        return fold_script
    except ImportError:
        table = _opencc_character_table()
        return lambda text: text.translate(table)


def _opencc_character_table() -> dict[int, str]:
    import opencc

    converter = opencc.OpenCC("t2s")
    characters = [chr(code) for start, end in FOLD_RANGES for code in range(start, end + 1)]
    converted = converter.convert("\n".join(characters)).split("\n")
    if len(converted) != len(characters):
        converted = [converter.convert(character) for character in characters]
    return {
        ord(source): target
        for source, target in zip(characters, converted, strict=True)
        if target != source and len(target) == 1
    }


@functools.cache
def fold_fingerprint() -> str:
    """A hash of how every Han character folds: the index must be rebuilt when it changes."""
    characters = "".join(chr(code) for start, end in FOLD_RANGES for code in range(start, end + 1))
    return hashlib.sha256(fold_for_search(characters).encode("utf-8")).hexdigest()[:16]


def fold_for_search(text: str) -> str:
    """NFKC, Traditional → Simplified per character, case-folded: how text and queries are compared."""
    if not unicodedata.is_normalized("NFKC", text):  # the check is much faster than normalising
        text = unicodedata.normalize("NFKC", text)
    return _script_folder()(text).casefold()


def _bigrams(run: str) -> list[str]:
    return list(map(add, run, run[1:]))


def derive_search_text(text: str) -> str:
    """The text the FTS index holds for `text`: CJK bigrams plus each run's last character, words."""
    parts: list[str] = []
    for match in TOKEN_PATTERN.finditer(fold_for_search(text)):
        run = match.group("cjk")
        if run:
            if len(run) > 1:
                parts.append(" ".join(map(add, run, run[1:])))
            parts.append(run[-1])
        else:
            parts.append(match.group())
    return " ".join(parts)


def _term_expression(term: str) -> str | None:
    """One whitespace-free query term as an FTS5 phrase over derived tokens (None when it has none)."""
    segments = [(match.group("cjk") is not None, match.group()) for match in TOKEN_PATTERN.finditer(term)]
    tokens: list[str] = []
    prefix = False
    for index, (is_cjk, segment) in enumerate(segments):
        is_last = index == len(segments) - 1
        if not is_cjk:
            tokens.append(segment)
        elif not is_last:
            # Something follows within the term, so the text's run ends here: its last character
            # is a token there, between this run's bigrams and what follows.
            tokens.extend(_bigrams(segment))
            tokens.append(segment[-1])
        elif len(segment) >= 2:
            tokens.extend(_bigrams(segment))
        else:
            # One character at the end: it starts a bigram, or ends its run (the unigram token).
            tokens.append(segment)
            prefix = True
    if not tokens:
        return None
    return '"' + " ".join(tokens) + '"' + ("*" if prefix else "")


def split_query_terms(query: str) -> list[str]:
    """The folded, whitespace-separated terms of a query; double quotes are ignored."""
    return fold_for_search(query).replace('"', " ").split()


def rewrite_query(query: str) -> str:
    """A user's query as an FTS5 MATCH expression over the derived text (all terms must match)."""
    expressions = [expression for term in split_query_terms(query) if (expression := _term_expression(term))]
    return " ".join(expressions) if expressions else NO_MATCH


def _fold_aligned(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, when folding changed its length, each folded character's source index."""
    folded = fold_for_search(text)
    if len(folded) == len(text):
        return folded, None
    pieces: list[str] = []
    origins: list[int] = []
    for index, character in enumerate(text):
        piece = fold_for_search(character)
        pieces.append(piece)
        origins.extend([index] * len(piece))
    return "".join(pieces), origins


def _needle_patterns(query: str) -> list[re.Pattern[str]]:
    """What to mark in a snippet: each CJK run of the query, and each word as a whole word."""
    patterns: list[re.Pattern[str]] = []
    for term in split_query_terms(query):
        for match in TOKEN_PATTERN.finditer(term):
            if match.group("cjk"):
                patterns.append(re.compile(re.escape(match.group())))
            else:
                patterns.append(re.compile(f"(?<!{WORD_CHAR}){re.escape(match.group())}(?!{WORD_CHAR})"))
    return patterns


def _find_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of `text` (original indices) whose folded form matches a query term, merged and sorted."""
    folded, origins = _fold_aligned(text)
    spans: list[tuple[int, int]] = []
    for pattern in _needle_patterns(query):
        for match in pattern.finditer(folded):
            start, end = match.span()
            if origins is not None:
                start, end = origins[start], origins[end - 1] + 1
            spans.append((start, end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(text: str | None, query: str | None) -> str:
    """An HTML-escaped excerpt of the ORIGINAL text around the first match, matches in <mark>."""
    if not text:
        return ""
    spans = _find_spans(text, query or "")
    start = max(0, spans[0][0] - SNIPPET_LEAD) if spans else 0
    end = min(len(text), start + SNIPPET_CHARACTERS)
    parts: list[str] = ["…"] if start > 0 else []
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(html.escape(text[cursor:span_start]))
        parts.append("<mark>" + html.escape(text[span_start:span_end]) + "</mark>")
        cursor = span_end
    parts.append(html.escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return " ".join("".join(parts).split())


def register_functions(conn: sqlite3.Connection) -> None:
    """Add jingwen_match(query) and jingwen_snippet(text, query) to a connection."""
    conn.create_function("jingwen_match", 1, lambda query: rewrite_query(query or ""), deterministic=True)
    conn.create_function("jingwen_snippet", 2, make_snippet, deterministic=True)


@dataclass(frozen=True)
class Hit:
    """One search result, best first: the article and an excerpt with the matches in <mark>."""

    id: int
    title: str | None
    site: str | None
    script: str | None
    published: str | None
    url: str | None
    snippet: str


HIT_FIELDS = tuple(field.name for field in fields(Hit))


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to an archive with the search functions registered."""
    conn = sqlite3.connect(f"file:{quote(os.fsencode(path.absolute()))}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    register_functions(conn)
    return conn


def search(db_path: str | PathLike[str], query: str, limit: int = 20) -> list[Hit]:
    """Search the current articles of an archive, best first (raises NotAnArchive for other files)."""
    path = Path(db_path)
    if not check_archive_file(path):
        return []
    with closing(open_read_only(path)) as conn:
        rows = conn.execute(f"select * from ({SEARCH_SQL}) limit :limit", {"q": query, "limit": limit})
        return [Hit(**{name: row[name] for name in HIT_FIELDS}) for row in rows]


ANSI_MARK_START = "\x1b[1;33m"  # bold yellow, like a highlighter
ANSI_MARK_END = "\x1b[0m"


def snippet_for_terminal(snippet: str, *, colour: bool) -> str:
    """A snippet as plain text, its <mark>s shown in bold yellow when `colour`."""
    start, end = (ANSI_MARK_START, ANSI_MARK_END) if colour else ("", "")
    return html.unescape(snippet.replace("<mark>", start).replace("</mark>", end))
