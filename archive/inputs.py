"""What the batch reads: walking input folders and turning each file into documents.

A scraper folder holds HTML pages, plain-text dumps, JSON / JSON Lines exports (one record per
page, with its URL and fetch time), gzip-compressed copies of any of these, sidecar `NAME.json`
files carrying a page's URL, and junk (images, PDFs, empty files, broken symlinks). This module
decides, from the bytes and not only the suffix, what each file is and which documents it holds.

Two steps, both generators so memory does not grow with the folder:

- `walk(paths, include, exclude)` yields one `FileEntry` per file, in a sorted, deterministic
  order, with its size and mtime (so the batch can skip unchanged files without reading them),
  its sidecar when it has one, and the problem when the file cannot even be stat-ed.
- `read_documents(entry, ...)` reads one file and yields a `Document` per page it holds, or a
  `Problem` (a reason code and a message naming the file) for what cannot be cleaned.

Nothing here raises because of content or file-system trouble: bad files become `Problem`s.
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import json
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

try:
    from archive.store import Source
except ImportError:  # pragma: no cover - until archive/store.py lands (ARCHIVE_API.md)

    @dataclass(frozen=True)
    class Source:  # type: ignore[no-redef]
        path: str | None = None
        url: str | None = None
        fetched_at: str | None = None
        size: int | None = None
        mtime: float | None = None
        declared_encoding: str | None = None
        kind: str | None = None


# Default maximum size of one input (and of a decompressed gzip): larger files are skipped as
# `too_large`. 20 MB is far above any real article page and keeps one worker's memory bounded.
DEFAULT_MAX_SIZE = 20 * 1024 * 1024

# Sidecars are tiny metadata files; anything bigger is not a sidecar worth reading.
MAX_SIDECAR_SIZE = 1024 * 1024

# How much of the start of a file is enough to tell HTML from text.
SNIFF_BYTES = 4096

# Suffixes of pages that may have a `NAME.json` sidecar next to them.
PAGE_SUFFIXES: tuple[str, ...] = (".html", ".htm", ".xhtml", ".shtml", ".txt", ".text")
GZIP_SUFFIX = ".gz"
JSON_SUFFIXES: tuple[str, ...] = (".json", ".jsonl", ".ndjson", ".jl")

GZIP_MAGIC = b"\x1f\x8b"

# Binary signatures (magic bytes at offset 0) -> media type, for the `binary` skip message.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
    (b"%PDF-", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),
    (b"PK\x05\x06", "application/zip"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"BZh", "application/x-bzip2"),
    (b"\xfd7zXZ\x00", "application/x-xz"),
    (b"\x28\xb5\x2f\xfd", "application/zstd"),
    (b"\x7fELF", "application/x-executable"),
    (b"MZ", "application/x-msdownload"),
    (b"SQLite format 3\x00", "application/vnd.sqlite3"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
    (b"wOFF", "font/woff"),
    (b"wOF2", "font/woff2"),
    (b"OggS", "audio/ogg"),
    (b"ID3", "audio/mpeg"),
    (b"fLaC", "audio/flac"),
    (b"\x00asm", "application/wasm"),
)

# Markup that makes a file an HTML page (looked for, case-insensitively, near its start).
HTML_MARKERS = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title[\s>]|<div[\s>]|<p[\s>]"
    rb"|<article[\s>]|<script[\s>]|<br\s*/?>|<table[\s>]|<span[\s>]|<a\s+href",
    re.IGNORECASE,
)

# Top-level keys under which JSON exports commonly wrap their list of records.
RECORD_LIST_KEYS: tuple[str, ...] = ("items", "records", "data", "results", "pages", "documents")


@dataclass(frozen=True)
class FieldNames:
    """Which keys of a JSON record (or sidecar) hold the page, its URL, fetch time and encoding.

    The first key present with a non-empty value wins. Defaults cover common scraper exports
    (Scrapy feeds, trafilatura / newspaper dumps, Common Crawl style records).
    """

    page: tuple[str, ...] = ("html", "body", "content", "text", "raw")
    url: tuple[str, ...] = ("url", "link", "source_url")
    fetched_at: tuple[str, ...] = ("fetched_at", "crawled_at", "timestamp", "date")
    encoding: tuple[str, ...] = ("encoding", "charset")


@dataclass(frozen=True)
class FileEntry:
    """One file found by the walk: where it is, what the file system says, and its sidecar."""

    path: str  # os.fsdecode form (may hold surrogate escapes for non-UTF-8 names)
    relative: str  # path relative to the PATH argument it was found under, '/'-separated
    size: int | None = None
    mtime: float | None = None
    sidecar: str | None = None  # NAME.json supplying url / fetched_at
    excluded: bool = False  # matched --exclude (or missed every --include)
    problem: tuple[str, str] | None = None  # (reason, message) when it cannot be read at all


@dataclass(frozen=True)
class Document:
    """One page to clean: the bytes the cleaner gets and where they came from."""

    raw: bytes
    source: Source
    label: str  # how messages name it: the path, or path:line for a record of an export
    record: int | None = None  # index (JSON) or line number (JSON Lines) inside an export


@dataclass(frozen=True)
class Problem:
    """Something that will not be cleaned, with a reason code and a message naming the file."""

    reason: str
    message: str
    source: Source
    label: str
    raw: bytes | None = None
    record: int | None = None


# -- names -------------------------------------------------------------------------------------------


def display_path(path: str) -> str:
    """A printable form of a path: invalid UTF-8 bytes as \\xNN, control characters escaped.

    >>> display_path("a/\\udce9t\\u00e9.txt")
    'a/\\\\xe9t\\xe9.txt'
    """
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(_escape_control(ch) for ch in text)


def _escape_control(ch: str) -> str:
    code = ord(ch)
    if code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0:
        return f"\\x{code:02x}"
    return ch


def is_excluded(relative: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """True when a path misses every --include glob or matches an --exclude glob.

    Globs match the relative path ('/'-separated) or the file name alone.
    """
    name = relative.rsplit("/", 1)[-1]
    if include and not any(_matches(relative, name, glob) for glob in include):
        return True
    return any(_matches(relative, name, glob) for glob in exclude)


def _matches(relative: str, name: str, glob: str) -> bool:
    return fnmatch.fnmatchcase(relative, glob) or fnmatch.fnmatchcase(name, glob)


def sidecar_names(name: str) -> tuple[str, ...]:
    """The names a sidecar of page `name` may have: NAME.json, then NAME.html.json."""
    base = name[: -len(GZIP_SUFFIX)] if name.lower().endswith(GZIP_SUFFIX) else name
    stem, suffix = os.path.splitext(base)
    if suffix.lower() not in PAGE_SUFFIXES:
        return ()
    return (stem + ".json", base + ".json")


# -- the walk ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the walk leaves out: --include / --exclude globs, and files it must never read."""

    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    # (st_dev, st_ino) of the archive itself (and its -wal / -shm) and of the --out folder,
    # which may sit inside the folder being cleaned: never inputs, not even counted.
    ignore: frozenset[tuple[int, int]] = frozenset()


def identities(paths: Iterable[str | os.PathLike[str]]) -> frozenset[tuple[int, int]]:
    """(st_dev, st_ino) of those `paths` that exist, for `Filters.ignore`."""
    found: set[tuple[int, int]] = set()
    for path in paths:
        with contextlib.suppress(OSError):
            info = os.stat(path)
            found.add((info.st_dev, info.st_ino))
    return frozenset(found)


def walk(
    paths: Iterable[str | os.PathLike[str]],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    ignore: frozenset[tuple[int, int]] = frozenset(),
) -> Iterator[FileEntry]:
    """Every file under `paths` (folders recursively, files as given), sorted by name.

    Directory symlinks are followed unless they lead back to a folder being walked (a loop).
    Directories matching --exclude are not entered. Sidecars are not yielded as inputs.
    """
    filters = Filters(include, exclude, ignore)
    for given in paths:
        path = os.fsdecode(given)
        problem = _stat_problem(path)
        if problem is not None:
            yield FileEntry(path, os.path.basename(path) or path, problem=problem)
        elif os.path.isdir(path):
            yield from _walk_directory(path, "", frozenset(), filters)
        else:
            directory, name = os.path.split(path)
            sidecars = [side for side in sidecar_names(name) if os.path.isfile(os.path.join(directory, side))]
            for entries in _file_entries(directory, [name, *sidecars], "", filters):
                yield from entries


def _walk_directory(
    directory: str, relative: str, ancestors: frozenset[tuple[int, int]], filters: Filters
) -> Iterator[FileEntry]:
    try:
        info = os.stat(directory)
        with os.scandir(directory) as scan:
            names = sorted(entry.name for entry in scan)
    except OSError as error:
        yield FileEntry(directory, relative or ".", problem=_os_problem(directory, error))
        return
    ancestors = ancestors | {(info.st_dev, info.st_ino)}
    folders = {name for name in names if _is_folder(os.path.join(directory, name))}
    files = [name for name in names if name not in folders]
    entries = _file_entries(directory, files, relative, filters)  # sidecars paired across the folder
    for name in names:
        if name not in folders:
            yield from next(entries)
            continue
        path = os.path.join(directory, name)
        child = f"{relative}/{name}" if relative else name
        target = os.stat(path)
        if is_excluded(child, (), filters.exclude) or (target.st_dev, target.st_ino) in filters.ignore:
            continue
        if (target.st_dev, target.st_ino) in ancestors:
            message = f"{display_path(path)}: symbolic link loops back to a parent folder"
            yield FileEntry(path, child, problem=("symlink_loop", message))
            continue
        yield from _walk_directory(path, child, ancestors, filters)


def _is_folder(path: str) -> bool:
    """A directory (or a working symlink to one)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def _file_entries(
    directory: str, names: list[str], relative: str, filters: Filters
) -> Iterator[list[FileEntry]]:
    """For each of the files `names` of one directory in turn, its entry ([] for a sidecar or an
    ignored file), pairing pages with sidecars anywhere in the directory."""
    children = {name: f"{relative}/{name}" if relative else name for name in names}
    kept = {name for name in names if not is_excluded(children[name], filters.include, filters.exclude)}
    sidecars = {name: side for name in kept for side in sidecar_names(name) if side in kept}
    used = set(sidecars.values())
    for name in names:
        path = os.path.join(directory, name)
        if name not in kept:
            yield [FileEntry(path, children[name], excluded=True)]
        elif name in used:
            yield []
        else:
            sidecar = os.path.join(directory, sidecars[name]) if name in sidecars else None
            entry = file_entry(path, children[name], sidecar, filters.ignore)
            yield [entry] if entry is not None else []


def file_entry(
    path: str, relative: str, sidecar: str | None = None, ignore: frozenset[tuple[int, int]] = frozenset()
) -> FileEntry | None:
    """What the file system says about one file (or why it cannot be read); None when ignored."""
    try:
        info = os.stat(path)
    except OSError as error:
        return FileEntry(path, relative, problem=_os_problem(path, error))
    if (info.st_dev, info.st_ino) in ignore:
        return None
    if not stat.S_ISREG(info.st_mode):
        message = f"{display_path(path)}: not a regular file ({_file_type(info.st_mode)})"
        return FileEntry(path, relative, problem=("not_a_file", message))
    return FileEntry(path, relative, size=info.st_size, mtime=info.st_mtime, sidecar=sidecar)


def _stat_problem(path: str) -> tuple[str, str] | None:
    """(reason, message) when `path` cannot be stat-ed (broken or looping symlink...), else None."""
    try:
        os.stat(path)
    except OSError as error:
        return _os_problem(path, error)
    return None


def _os_problem(path: str, error: OSError) -> tuple[str, str]:
    shown = display_path(path)
    if error.errno == errno.ELOOP:
        return "symlink_loop", f"{shown}: symbolic link loops ({error.strerror})"
    if error.errno == errno.ENOENT and os.path.islink(path):
        return "broken_symlink", f"{shown}: broken symbolic link to {display_path(os.readlink(path))}"
    return "unreadable", f"{shown}: cannot read: {error.strerror or error}"


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def count_files(
    paths: Iterable[str | os.PathLike[str]],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    ignore: frozenset[tuple[int, int]] = frozenset(),
) -> int:
    """How many entries `walk` will yield (for a progress bar's total and ETA)."""
    return sum(1 for _ in walk(paths, include, exclude, ignore))


# -- what a file is ----------------------------------------------------------------------------------


def describe_binary(data: bytes) -> str | None:
    """The media type of binary content ('image/png', 'application/pdf' ...), None for text."""
    head = data[:64]
    for signature, media_type in BINARY_SIGNATURES:
        if head.startswith(signature) and _signature_is_binary(data, media_type):
            return media_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        return "video/mp4"
    delegated = _cleaner_says_binary(data)
    if delegated is not None:
        return delegated if "/" in delegated else f"application/{delegated}"
    return None


def _signature_is_binary(data: bytes, media_type: str) -> bool:
    """Short signatures ('BM', 'MZ', 'ID3') also start ordinary text: require non-text bytes."""
    if media_type not in ("image/bmp", "application/x-msdownload", "audio/mpeg", "application/x-bzip2"):
        return True
    return any(byte < 0x09 for byte in data[:256])


def _cleaner_says_binary(data: bytes) -> str | None:
    """Ask cleaner.decoding.is_binary when the cleaner provides it (it knows decoding best)."""
    try:
        from cleaner.decoding import is_binary
    except ImportError:  # pragma: no cover - only while the cleaner is being written
        has_nul = b"\x00" in data[:SNIFF_BYTES] and not _looks_like_utf16_or_32(data[:SNIFF_BYTES])
        return "octet-stream" if has_nul else None
    verdict = is_binary(data)
    if not verdict:
        return None
    return "octet-stream" if verdict == "binary" else str(verdict)


def _looks_like_utf16_or_32(data: bytes) -> bool:
    """A BOM, or NUL bytes on one parity only (UTF-16 text of ASCII / CJK characters)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return True
    even, odd = data[0::2], data[1::2]
    if not even or not odd:
        return False
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    return (even_nul > 0.2 and odd_nul < 0.05) or (odd_nul > 0.2 and even_nul < 0.05)


def is_html(data: bytes) -> bool:
    """True when markup typical of an HTML page appears near the start of the content."""
    return HTML_MARKERS.search(data[:SNIFF_BYTES]) is not None or (
        _looks_like_utf16_or_32(data[:SNIFF_BYTES])
        and HTML_MARKERS.search(data[:SNIFF_BYTES].replace(b"\x00", b"")) is not None
    )


def is_blank(data: bytes) -> bool:
    """True for empty content or content made only of whitespace (and BOMs / NULs)."""
    return not data.strip(b" \t\r\n\x0b\x0c\x00").removeprefix(b"\xef\xbb\xbf").strip()


def detect_kind(data: bytes, name: str = "") -> str:
    """What the (decompressed) content is: 'empty', 'binary', 'json', 'jsonl', 'html' or 'text'.

    Decided by the bytes; the suffix only tells a broken JSON export from text starting with '['.
    """
    if is_blank(data):
        return "empty"
    if describe_binary(data) is not None:
        return "binary"
    head = data.lstrip(b" \t\r\n\xef\xbb\xbf")[:1]
    if head in (b"{", b"["):
        shape = _json_shape(data)
        if shape is not None:
            return shape
        if name.lower().endswith(JSON_SUFFIXES):
            return "json"
    return "html" if is_html(data) else "text"


def _json_shape(data: bytes) -> str | None:
    """'json' when the whole parses, 'jsonl' when its first line is a JSON object, else None."""
    try:
        json.loads(data)
        return "json"
    except (ValueError, UnicodeDecodeError):
        pass
    first = data.lstrip().split(b"\n", 1)[0]
    try:
        return "jsonl" if isinstance(json.loads(first), dict) else None
    except (ValueError, UnicodeDecodeError):
        return None


def strip_gzip_suffix(name: str) -> str:
    return name[: -len(GZIP_SUFFIX)] if name.lower().endswith(GZIP_SUFFIX) else name


# -- reading documents -------------------------------------------------------------------------------


def file_source(entry: FileEntry, fields: FieldNames | None = None) -> Source:
    """The provenance of a file before reading it: path, size, mtime, and what its sidecar says."""
    source = Source(path=entry.path, size=entry.size, mtime=entry.mtime)
    if entry.sidecar and fields is not None:
        source = replace(source, **read_sidecar(entry.sidecar, fields))
    return source


def read_documents(
    entry: FileEntry, fields: FieldNames = FieldNames(), max_size: int = DEFAULT_MAX_SIZE
) -> Iterator[Document | Problem]:
    """The documents one file holds (several for a JSON export), or the problems met reading it."""
    source = file_source(entry)
    label = display_path(entry.path)
    if entry.problem is not None:
        reason, message = entry.problem
        yield Problem(reason, message, source, label)
        return
    if entry.size is not None and entry.size > max_size:
        yield Problem(
            "too_large", f"{label}: {entry.size:,} bytes, over the {max_size:,} limit", source, label
        )
        return
    try:
        data = read_bytes(entry.path, max_size)
    except OSError as error:
        reason, message = _os_problem(entry.path, error)
        yield Problem(reason, message, source, label)
        return
    if data is None:
        yield Problem("too_large", f"{label}: grew over the {max_size:,} byte limit", source, label)
        return
    source = file_source(entry, fields)
    yield from split_documents(data, source, label, fields, max_size)


def read_bytes(path: str, max_size: int) -> bytes | None:
    """The file's bytes, or None when it holds more than `max_size` bytes."""
    with open(path, "rb") as handle:
        data = handle.read(max_size + 1)
    return None if len(data) > max_size else data


def split_documents(
    data: bytes, source: Source, label: str, fields: FieldNames, max_size: int = DEFAULT_MAX_SIZE
) -> Iterator[Document | Problem]:
    """Documents in `data` (the content of the file `source` names), after gunzipping it."""
    prefix = ""
    if data[:2] == GZIP_MAGIC:
        try:
            inflated = gunzip(data, max_size)
        except (zlib.error, EOFError) as error:
            yield Problem("undecodable", f"{label}: broken gzip data ({error})", source, label, data)
            return
        if inflated is None:
            message = f"{label}: decompresses to over the {max_size:,} byte limit"
            yield Problem("too_large", message, source, label)
            return
        data, prefix = inflated, "gzip+"
    name = strip_gzip_suffix(os.path.basename(source.path or ""))
    kind = detect_kind(data, name)
    source = replace(source, kind=prefix + kind)
    if kind == "empty":
        yield Problem("empty", f"{label}: empty file", source, label, data)
    elif kind == "binary":
        media = describe_binary(data) or "application/octet-stream"
        yield Problem("binary", f"{label}: binary file ({media}), not a page", source, label, data)
    elif kind == "json":
        yield from _json_documents(data, source, label, fields)
    elif kind == "jsonl":
        yield from _jsonl_documents(data, source, label, fields)
    else:
        yield Document(data, source, label)


def gunzip(data: bytes, max_size: int) -> bytes | None:
    """Decompress gzip `data` (all members); None when it would exceed `max_size` (gzip bombs)."""
    output = bytearray()
    while data:
        inflater = zlib.decompressobj(wbits=31)
        output += inflater.decompress(data, max_size + 1 - len(output))
        if len(output) > max_size or inflater.unconsumed_tail:
            return None
        if not inflater.eof:
            raise EOFError("compressed data ends early")
        data = inflater.unused_data.lstrip(b"\x00")
    return bytes(output)


def _json_documents(
    data: bytes, source: Source, label: str, fields: FieldNames
) -> Iterator[Document | Problem]:
    try:
        value = _load_json(data)
    except ValueError as error:
        yield Problem("invalid_record", f"{label}: invalid JSON ({error})", source, label, data)
        return
    records = _records_in(value, fields)
    if records is None:
        names = ", ".join(fields.page)
        message = f"{label}: JSON without any page field (looked for {names})"
        yield Problem("invalid_record", message, source, label, data)
        return
    single = isinstance(value, dict) and records == [value]
    for index, record in enumerate(records):
        yield _record_document(record, source, label if single else f"{label}[{index}]", fields, index)


def _jsonl_documents(
    data: bytes, source: Source, label: str, fields: FieldNames
) -> Iterator[Document | Problem]:
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{label}:{number}"
        try:
            record = _load_json(line)
        except ValueError as error:
            bad = replace(source, path=record_path(source.path or "", number))
            yield Problem("invalid_record", f"{where}: invalid JSON line ({error})", bad, where, line, number)
            continue
        yield _record_document(record, source, where, fields, number)


def _load_json(data: bytes) -> Any:
    try:
        return json.loads(data)
    except UnicodeDecodeError:
        return json.loads(data.decode("gb18030", "strict"))


def _records_in(value: Any, fields: FieldNames) -> list[Any] | None:
    """The list of records a JSON value holds, or None when it is not an export of pages."""
    if isinstance(value, list):
        return value if any(isinstance(item, dict) and _first(item, fields.page) for item in value) else None
    if not isinstance(value, dict):
        return None
    if _first(value, fields.page) is not None:
        return [value]
    for key in RECORD_LIST_KEYS:
        inner = value.get(key)
        if isinstance(inner, list):
            return _records_in(inner, fields)
    return None


def _record_document(
    record: Any, source: Source, label: str, fields: FieldNames, index: int
) -> Document | Problem:
    if not isinstance(record, dict):
        source = replace(source, path=record_path(source.path or "", index))
        return Problem("invalid_record", f"{label}: record is not a JSON object", source, label, record=index)
    page = _first(record, fields.page)
    meta = record_metadata(record, fields)
    # Each record is its own capture, so a re-run can tell which records are already archived.
    source = replace(source, path=record_path(source.path or "", index), **meta)
    if page is None and any(record.get(key) == "" for key in fields.page):
        return Problem("empty", f"{label}: record with an empty page", source, label, b"", index)
    if page is None:
        raw = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
        message = f"{label}: record without a page field (looked for {', '.join(fields.page)})"
        return Problem("invalid_record", message, source, label, raw, index)
    if not isinstance(page, str):
        message = f"{label}: page field is {type(page).__name__}, not text"
        return Problem("invalid_record", message, source, label, record=index)
    raw = page.encode("utf-8", "surrogatepass")
    source = replace(source, declared_encoding="utf-8")
    if is_blank(raw):
        return Problem("empty", f"{label}: record with an empty page", source, label, raw, index)
    return Document(raw, source, label, index)


def record_path(path: str, index: int) -> str:
    """The capture path of record `index` (JSON) or line `index` (JSON Lines) of an export."""
    return f"{path}#{index}"


def _first(record: Mapping[str, Any], keys: Sequence[str]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def record_metadata(record: Mapping[str, Any], fields: FieldNames) -> dict[str, Any]:
    """url / fetched_at / declared_encoding found in a record or sidecar, as Source fields."""
    meta: dict[str, Any] = {}
    url = _first(record, fields.url)
    if isinstance(url, str):
        meta["url"] = url.strip()
    fetched = format_timestamp(_first(record, fields.fetched_at))
    if fetched:
        meta["fetched_at"] = fetched
    encoding = _first(record, fields.encoding)
    if isinstance(encoding, str):
        meta["declared_encoding"] = encoding.strip()
    return meta


def format_timestamp(value: Any) -> str | None:
    """ISO 8601 text for a fetch time: strings kept, epoch seconds (or milliseconds) converted."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
        try:
            return datetime.fromtimestamp(seconds, UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    return None


def read_sidecar(path: str, fields: FieldNames) -> dict[str, Any]:
    """url / fetched_at / declared_encoding from a sidecar; {} when it is unreadable or not JSON."""
    try:
        data = read_bytes(path, MAX_SIDECAR_SIZE)
        value = _load_json(data) if data is not None else None
    except (OSError, ValueError):
        return {}
    return record_metadata(value, fields) if isinstance(value, dict) else {}
