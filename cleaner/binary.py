"""Is this file a non-text format? Byte-level evidence only: magic numbers and control bytes.

Scrapers save images, PDFs and archives next to pages; these checks catch them before any
codec is tried, and are kept apart from `cleaner.decoding` because they need no codec at all.
Two tests, both on the first bytes of a file:

- `binary_signature`: a known format's magic number at the start (PNG, PDF, zip, ELF…);
- `is_control_dense`: more control bytes than any text file carries.

The full verdict, `cleaner.decoding.is_binary`, lives with the decoder: a file dense in
control bytes may still be UTF-16 without a byte-order mark, and only the decoder can tell.
"""

from __future__ import annotations

import re

# How far into the file binary signatures and control bytes are looked for; the decoder's
# other sniffs (UTF-16, plausibility) look as far.
SNIFF_WINDOW = 8192

# Magic numbers of formats that are never text (prefix → kind). Signatures made only of
# printable ASCII (GIF89a, wOFF, RIFF…) also need a control byte in the header, so a text
# that merely starts with those letters stays text; PDF is never article text.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"Rar!\x1a\x07", "rar"),
    (b"\x7fELF", "executable"),
    (b"\xca\xfe\xba\xbe", "executable"),
    (b"\xcf\xfa\xed\xfe", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # old .doc / .xls
    (b"SQLite format 3\x00", "sqlite"),
    (b"wOFF", "font"),
    (b"wOF2", "font"),
    (b"OggS\x00", "audio/ogg"),
    (b"fLaC", "audio/flac"),
)
PRINTABLE_MAGIC_NEEDING_CONTROL = frozenset({b"GIF87a", b"GIF89a", b"wOFF", b"wOF2", b"fLaC"})
HEADER_WINDOW = 64  # bytes of a binary header that must hold a control byte
# Kinds recognised past the first bytes or by more than a prefix.
RE_BZIP2 = re.compile(rb"\ABZh[1-9]1AY&SY")
RE_RIFF = re.compile(rb"\ARIFF.{4}(WEBP|WAVE|AVI )", re.DOTALL)
RE_ISO_MEDIA = re.compile(rb"\A.{4}ftyp", re.DOTALL)  # mp4, mov, heic
RE_PE = re.compile(rb"\AMZ.{58}", re.DOTALL)  # DOS/Windows executable header

# Bytes that never occur in text (all C0 controls but tab, newlines, form feed and ESC).
CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
# More than this share of control bytes in the first SNIFF_WINDOW bytes means binary: real
# text files carry at most a stray NUL or form feed.
BINARY_CONTROL_SHARE = 0.02
# The escape sequence that starts ISO-2022-KR text, which then shifts in and out of Korean
# with SO/SI control bytes (the decoder reads the same escape to pick the codec).
ISO_2022_KR_DESIGNATION = b"\x1b$)C"


def binary_signature(data: bytes) -> str | None:
    """The kind of a known binary format whose magic number starts `data`, else None."""
    head = data[:HEADER_WINDOW]
    has_control = len(head.translate(None, CONTROL_BYTES)) < len(head)
    for magic, kind in MAGIC:
        if data.startswith(magic) and (has_control or magic not in PRINTABLE_MAGIC_NEEDING_CONTROL):
            return kind
    if not has_control:
        return None  # every signature below has control bytes in its header
    if RE_BZIP2.match(head):
        return "bzip2"
    riff = RE_RIFF.match(head)
    if riff:
        return {b"WEBP": "image/webp", b"WAVE": "audio/wav", b"AVI ": "video/avi"}[riff.group(1)]
    if RE_ISO_MEDIA.match(head) or RE_PE.match(head):
        return "video/mp4" if RE_ISO_MEDIA.match(head) else "executable"
    return None


def is_control_dense(data: bytes) -> bool:
    """More control bytes in the first SNIFF_WINDOW bytes than a text file carries."""
    head = data[:SNIFF_WINDOW]
    if head.startswith(ISO_2022_KR_DESIGNATION):
        return False  # ISO-2022-KR shifts in and out with SO/SI control bytes
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    return controls > max(1, len(head) * BINARY_CONTROL_SHARE)
