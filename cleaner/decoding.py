"""Bytes to text: which codec, how sure, and which evidence decided.

`decode` runs a fixed ladder of steps (../shared/DESIGN.md §3) and stops at the first that
holds, recording its name in `Decoded.evidence`:

    empty → bom → binary (magic numbers) → utf-16-pattern (NULs or control bytes, both
    byte orders read, the one that reads as written text wins) → binary (control density)
    → ascii (or ISO-2022 by its escapes) → utf-8 (strict, one cut character tolerated at
    the end) → declared (mapped to its superset, accepted only if it decodes strictly,
    looks plausible and no other reading is clearly better) → utf-16-pattern (pure Han,
    no NULs) → detector (chardet restricted to the codecs scraped text comes in, retried
    with 1-3 trailing bytes dropped, overruled when another strict reading is clearly more
    plausible) → fallback.

Every text then goes through `cleaner.mojibake`; when a repair changes it the evidence
becomes 'repaired' (the codec stays the one that decodes the bytes).

Two concerns live in their own modules: `cleaner.binary` recognises non-text formats from
their bytes (magic numbers, control bytes), and `cleaner.plausibility` scores how likely a
person wrote a reading in a given codec, which is how strict readings of the same bytes are
told apart (Big5 read as GB18030 decodes, but to rare characters). This module is the
decision procedure that uses them.

A file whose last character was cut off decodes to everything before the cut, with
`problem='truncated'`. Binary input gives `text=''`, `encoding='latin-1'` (the one codec
that decodes any bytes) and `problem='binary'`; input nothing decodes strictly gives the
best guess decoded with U+FFFD replacements and `problem='undecodable'`. `decode` never
raises.

    >>> decode("中文".encode("gb18030")).encoding
    'gb18030'
    >>> decode(b"\\xef\\xbb\\xbfhi").encoding, decode(b"\\xef\\xbb\\xbfhi").text
    ('utf-8-sig', 'hi')
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from cleaner.binary import ISO_2022_KR_DESIGNATION, SNIFF_WINDOW, binary_signature, is_control_dense
from cleaner.mojibake import repair_mojibake, suspect_mojibake
from cleaner.plausibility import (
    MAX_PAIRED_HIGH_SHARE,
    RE_HAN,
    RE_KANA,
    common_han,
    paired_high_share,
    plausibility,
)

# Re-exported: cleaner.mojibake and bench/decoding.py import these from here.
from cleaner.plausibility import common_han_share as common_han_share
from cleaner.plausibility import common_simplified as common_simplified
from cleaner.plausibility import common_traditional as common_traditional

__all__ = ["Decoded", "declared_charset", "decode", "is_binary", "repair_mojibake"]


@dataclass(frozen=True)
class Decoded:
    """The text of some bytes, the codec that gives it, and why we believe it."""

    text: str  # never None; "" only for empty or binary input
    encoding: str  # a Python codec name; data.decode(encoding) == text when the file is intact
    confidence: float  # 0..1
    evidence: str  # the step that decided: see EVIDENCE
    problem: str | None = None  # None, or one of PROBLEMS
    repairs: tuple[str, ...] = ()  # text-level mojibake repairs applied, in order


EVIDENCE: tuple[str, ...] = (
    "empty",
    "bom",
    "utf-16-pattern",
    "ascii",
    "utf-8",
    "declared",
    "detector",
    "repaired",
    "fallback",
    "binary",
)
PROBLEMS: tuple[str, ...] = ("empty", "binary", "undecodable", "truncated", "mojibake")

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one): the
# codec named, which consumes the mark itself, and the codec that decodes what follows it.
BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)

# Legacy labels decode with their supersets: pages labelled gb2312 use GBK characters, pages
# labelled iso-8859-1 use cp1252 quotes, and so on (WHATWG Encoding Standard does the same).
SUPERSETS: dict[str, tuple[str, ...]] = {
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "gb18030": ("gb18030",),
    "big5": ("big5hkscs", "cp950"),
    "big5hkscs": ("big5hkscs", "cp950"),
    "cp950": ("cp950", "big5hkscs"),
    "iso8859-1": ("cp1252",),
    "ascii": ("cp1252",),
    "cp1252": ("cp1252",),
    "shift_jis": ("cp932",),
    "cp932": ("cp932",),
    "euc_kr": ("cp949",),
    "cp949": ("cp949",),
}

# Web labels Python's codec registry does not know.
LABEL_ALIASES: dict[str, str] = {
    "x-gbk": "gbk",
    "gb_2312-80": "gb2312",
    "x-gb2312": "gb2312",
    "windows-31j": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "x-euc-kr": "euc_kr",
    "x-big5": "big5",
    "unicode": "utf-16",
    "x-user-defined": "cp1252",
}

# The codecs the statistical detector may answer with: what real scraped text comes in.
# Wider lists let short Western text come out as mac-cyrillic or cp1250, and short CJK text as
# cp1251 (every double-byte text reads as plausible Cyrillic); other codecs need a declaration.
DETECTOR_CODECS: tuple[str, ...] = (
    "utf-8",
    "gb18030",
    "big5",
    "big5hkscs",
    "cp950",
    "shift_jis",
    "cp932",
    "euc-jp",
    "euc-kr",
    "cp949",
    "cp1252",
    "iso-8859-1",
)

# How far into the file declarations are looked for.
DECLARATION_WINDOW = 4096
# Bytes handed to the detector: enough for a stable answer, small enough to stay fast.
DETECTOR_WINDOW = 64 * 1024

# <meta charset=…>, <meta http-equiv content="…; charset=…">, <?xml … encoding="…"?>
RE_DECLARATION = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{2,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([a-zA-Z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode `data`, using `declared` (an HTTP header or <meta> label) only when it fits.

    Never raises: a failure inside any step falls through to a replacement decode.
    """
    try:
        return _decode(bytes(data), declared)
    except Exception:
        return Decoded(bytes(data).decode("utf-8", "replace"), "utf-8", 0.0, "fallback", "undecodable")


def _decode(data: bytes, declared: str | None) -> Decoded:
    if not data:
        return Decoded("", "utf-8", 1.0, "empty", "empty")
    found = decode_bom(data)
    if found:
        return found
    kind = binary_signature(data)
    if kind:
        return binary_result()
    found = sniff_utf16(data) if has_utf16_hint(data) else None
    if found:
        return found
    if is_control_dense(data):
        return binary_result()
    return decode_text(data, declared)


def decode_text(data: bytes, declared: str | None) -> Decoded:
    """Everything after BOMs, binary formats and hinted UTF-16: the ASCII-compatible codecs."""
    if data.isascii():
        return decode_seven_bit(data)
    found = decode_utf8(data)
    if found:
        return with_mojibake_repaired(found, data)
    for codec in superset_codecs(declared or declared_charset(data)):
        found = decode_declared(data, codec)
        if found:
            return found
    found = sniff_utf16(data, hinted=False)
    if found:
        return found
    found = detect_legacy(data)
    if found:
        return found
    return fallback(data)


# Escape sequences that switch 7-bit text into a double-byte set (ISO-2022-JP and -KR).
ISO_2022_ESCAPES: tuple[tuple[bytes, str], ...] = (
    (ISO_2022_KR_DESIGNATION, "iso2022_kr"),
    (b"\x1b$B", "iso2022_jp_2"),
    (b"\x1b$@", "iso2022_jp_2"),
    (b"\x1b$(D", "iso2022_jp_2"),
)


def decode_seven_bit(data: bytes) -> Decoded:
    """ASCII, unless escape sequences say ISO-2022 (Japanese mail and old Japanese pages)."""
    if b"\x1b" in data:
        for escape, codec in ISO_2022_ESCAPES:
            if escape in data:
                text, cut = decode_tolerating_cut(data, codec)
                if text and not text.isascii():  # it did switch to Japanese or Korean
                    return Decoded(text, codec, 0.9, "detector", "truncated" if cut else None)
    return Decoded(data.decode("ascii"), "ascii", 1.0, "ascii")


def binary_result() -> Decoded:
    return Decoded("", "latin-1", 1.0, "binary", "binary")


def is_binary(data: bytes) -> str | None:
    """None for text (UTF-16 included), else the kind of binary: 'image/png', 'pdf', 'binary'…

    Here rather than in `cleaner.binary`: control bytes alone do not make a file binary when
    it has a byte-order mark or reads as UTF-16 without one, and telling takes the decoder.
    """
    data = bytes(data)
    if not data or any(data.startswith(mark) for mark, _, _ in BOMS):
        return None
    kind = binary_signature(data)
    if kind:
        return kind
    if not is_control_dense(data) or sniff_utf16(data):
        return None
    return "binary"


# --- evidence that needs no statistics ------------------------------------------------------


def decode_bom(data: bytes) -> Decoded | None:
    """Decode by byte-order mark; the returned codec consumes the mark itself."""
    for mark, codec, body_codec in BOMS:
        if data.startswith(mark):
            body = data[len(mark) :]
            text, cut = decode_tolerating_cut(body, body_codec)
            if text is None:
                return Decoded(body.decode(body_codec, "replace"), codec, 0.5, "bom", "undecodable")
            problem = "truncated" if cut else None if text else "empty"  # a file that is only a BOM
            return Decoded(text, codec, 1.0, "bom", problem)
    return None


def decode_tolerating_cut(data: bytes, codec: str) -> tuple[str | None, bool]:
    """Strict decode; if only the last character is cut off, decode what comes before it.

    Returns (text, cut) or (None, False) when the bytes do not decode strictly.
    """
    try:
        return data.decode(codec), False
    except UnicodeDecodeError as error:
        if not is_cut_at_end(data, error):
            return None, False
        try:
            return data[: error.start].decode(codec), True
        except UnicodeDecodeError:
            return None, False
    except (UnicodeError, LookupError):  # a codec that refuses all input
        return None, False


# The longest tail a cut character can leave: 3 bytes of a 4-byte UTF-8 or GB18030 sequence.
MAX_CUT_BYTES = 3


def is_cut_at_end(data: bytes, error: UnicodeDecodeError) -> bool:
    # Incremental decoders report a cut tail as an error that runs to the end of the input.
    return error.end >= len(data) and len(data) - error.start <= MAX_CUT_BYTES


def decode_utf8(data: bytes) -> Decoded | None:
    """Strict UTF-8, tolerating one character cut off at the end (the fast path)."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 0.99, "utf-8")
    except UnicodeDecodeError as error:
        if not (is_cut_at_end(data, error) and error.reason == "unexpected end of data"):
            return None
        head = data[: error.start]
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if head.isascii() and not is_likely_utf8_lead(data[error.start :]):
            return None  # "café" in cp1252 ends in a byte that also starts a UTF-8 sequence
        return Decoded(text, "utf-8", 0.9, "utf-8", "truncated")


# After pure ASCII, a single trailing byte is a cut UTF-8 sequence only when, read as cp1252,
# it would be an unlikely last letter: Â-ß (capitals), â (E2: ’ “ ” — …), ï (EF: full-width).
UTF8_LEADS_AFTER_ASCII = frozenset([*range(0xC2, 0xE0), 0xE2, 0xE3, 0xEF])


def is_likely_utf8_lead(tail: bytes) -> bool:
    return len(tail) > 1 or tail[0] in UTF8_LEADS_AFTER_ASCII


# --- UTF-16 without a BOM -------------------------------------------------------------------

# UTF-16 of ASCII puts a NUL in every other byte, UTF-16 of CJK has control bytes (，is 0C FF)
# or, for pure Han, neither. Both byte orders are decoded and the one that reads as text a
# person wrote wins, if it reads well enough: the wrong order, legacy CJK or binary read as
# UTF-16 give rare Han, private use, surrogates and symbols.
RE_WRITTEN_CHAR = re.compile(
    "[\t\n\r\x20-\x7e"  # ASCII
    "\u00a0-\u024f"  # Latin letters with accents
    "\u0370-\u04ff"  # Greek, Cyrillic
    "\u2000-\u2bff"  # punctuation, currency, arrows, maths, box drawing, symbols
    "\u3000-\u30ff"  # CJK punctuation, kana
    "\uac00-\ud7a3"  # Hangul syllables
    "\uff00-\uffef"  # full-width forms
    "\U0001f300-\U0001faff]"  # emoji
)
RE_HAN_OR_KANA = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
UTF16_MIN_LIKENESS = 0.75  # share of characters people write, with NULs or control bytes as a hint
UTF16_MIN_MARGIN = 0.2  # ... and better than the other byte order by this much
UTF16_HAN_MIN_LIKENESS = 0.95  # the same without any hint
UTF16_HAN_MIN_SHARE = 0.5  # without a hint: Han or kana must dominate (Hangul is what GBK gives)
UTF16_HAN_MIN_CHARS = 8  # without a hint: too short to judge below this


def has_utf16_hint(data: bytes) -> bool:
    head = data[:SNIFF_WINDOW]
    return b"\x00" in head or is_control_dense(head)


def sniff_utf16(data: bytes, hinted: bool = True) -> Decoded | None:
    """UTF-16 without a BOM: the byte order whose text reads as written text, if one does."""
    head = data[:SNIFF_WINDOW]
    head = head[: len(head) - len(head) % 2]
    scores: dict[str, float] = {}
    for codec in ("utf-16-le", "utf-16-be"):
        sample = head.decode(codec, "replace")
        if not hinted and (
            len(sample) < UTF16_HAN_MIN_CHARS
            or len(RE_HAN_OR_KANA.findall(sample)) < UTF16_HAN_MIN_SHARE * len(sample)
        ):
            continue
        scores[codec] = text_likeness(sample)
    if not scores:
        return None
    codec = max(scores, key=scores.__getitem__)
    best, other = scores[codec], min(scores.values()) if len(scores) == 2 else 0.0
    if best < (UTF16_MIN_LIKENESS if hinted else UTF16_HAN_MIN_LIKENESS) or best - other < UTF16_MIN_MARGIN:
        return None
    return decode_utf16_plain(data, codec, best)


def text_likeness(sample: str) -> float:
    """Share of `sample` that is characters people write (Han only when common)."""
    if not sample:
        return 0.0
    common = common_han()
    written = len(RE_WRITTEN_CHAR.findall(sample)) + sum(char in common for char in RE_HAN.findall(sample))
    return written / len(sample)


def decode_utf16_plain(data: bytes, codec: str, confidence: float) -> Decoded | None:
    text, cut = decode_tolerating_cut(data, codec)
    if text is None and len(data) % 2:
        text, cut = decode_tolerating_cut(data[:-1], codec)
        cut = True
    if text is None:
        return None
    return Decoded(text, codec, round(confidence, 3), "utf-16-pattern", "truncated" if cut else None)


RE_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def is_printable_text(text: str) -> bool:
    return len(RE_UNPRINTABLE.findall(text[:SNIFF_WINDOW])) <= len(text[:SNIFF_WINDOW]) // 200


# --- declarations -----------------------------------------------------------------------------


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few KB (<meta charset>, http-equiv, <?xml>)."""
    match = RE_DECLARATION.search(bytes(data[:DECLARATION_WINDOW]))
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").strip().lower()
    return label or None


def canonical_codec(label: str | None) -> str | None:
    """Python's name for a charset label, or None when it names no codec we know."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = LABEL_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
        b"".decode(name)  # base64, rot13, zlib… are codecs but not text encodings
    except (LookupError, UnicodeError):
        return None
    return None if name in NOT_CHARSETS else name


# Text codecs no page is written in: escapes, domain-name encodings, placeholders.
NOT_CHARSETS = frozenset(
    {"undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-7", "mbcs", "oem"}
)


DECLARED_CONFIDENCE = 0.9  # it decodes and looks right, but pages do lie about their charset


def superset_codecs(label: str | None) -> tuple[str, ...]:
    """The codecs to try for a declared label, widest superset first."""
    name = canonical_codec(label)
    if name is None or name.startswith(("utf-8", "utf-16", "utf-32")):
        return ()  # UTF-8 already failed, and UTF-16 was sniffed: the label is wrong
    return SUPERSETS.get(name, (name,))


def decode_declared(data: bytes, codec: str) -> Decoded | None:
    found = decode_legacy(data, codec)
    if found is None or not is_plausible(found[0], found[1]):
        return None
    if better_reading(data, *found):
        return None  # a page declaring gb2312 but written in Big5: the detector decides
    text, name, cut = found
    decoded = Decoded(text, name, DECLARED_CONFIDENCE, "declared", "truncated" if cut else None)
    return with_mojibake_repaired(decoded)


def is_plausible(text: str, codec: str) -> bool:
    """Could a person have written this text in that codec? (Chinese codecs are compared later.)"""
    if not is_printable_text(text):
        return False
    if is_latin_single_byte(codec):
        return paired_high_share(text[:SNIFF_WINDOW]) <= MAX_PAIRED_HIGH_SHARE
    return True


@cache
def is_latin_single_byte(codec: str) -> bool:
    """cp1252, latin-1, cp1250…: codecs whose text has accents among ASCII letters, not runs
    of high bytes (Cyrillic or Greek single-byte text is all runs)."""
    try:
        return len("é".encode(codec)) == 1
    except (UnicodeError, LookupError):
        return False


# --- the statistical detector ---------------------------------------------------------------


def detect_legacy(data: bytes) -> Decoded | None:
    """Ask chardet, check its answer decodes strictly, and overrule it when another reading of
    the bytes is clearly more plausible (its usual slips: Big5 taken for GB18030, short
    Chinese taken for Korean or Latin-1). Retries with 1-3 trailing bytes dropped, since a
    cut last character can make chardet answer nothing useful."""
    import chardet  # imported here: 0.1 s, and only files that are not UTF-8 need it

    start = detector_start(data)
    for drop in range(MAX_CUT_BYTES + 1):
        window = data[start : min(len(data), start + DETECTOR_WINDOW) - drop]
        if not window:
            break
        guess = chardet.detect(
            window, prefer_superset=True, compat_names=False, include_encodings=DETECTOR_CODECS
        )
        codec = canonical_codec(guess.get("encoding"))
        found = first_strict_decoding(data, SUPERSETS.get(codec, (codec,))) if codec else None
        if found is None:
            continue
        better = better_reading(data, *found)
        text, name, cut = better or found
        confidence = OVERRULED_CONFIDENCE if better else float(guess.get("confidence") or 0.0)
        return with_mojibake_repaired(
            Decoded(text, name, confidence, "detector", "truncated" if cut else None)
        )
    found = most_plausible_reading(data)
    if found is None:
        return None
    text, name, cut = found
    return with_mojibake_repaired(
        Decoded(text, name, OVERRULED_CONFIDENCE, "detector", "truncated" if cut else None)
    )


RE_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
DETECTOR_LEAD_IN = 256  # bytes of context kept before the first non-ASCII byte


def detector_start(data: bytes) -> int:
    """Where the detector's window starts: near the first non-ASCII byte, which it needs to see
    (a long English preamble would otherwise fill the window of a large Chinese file)."""
    if len(data) <= DETECTOR_WINDOW:
        return 0
    first = RE_HIGH_BYTE.search(data)
    return max(0, first.start() - DETECTOR_LEAD_IN) if first else 0


def first_strict_decoding(data: bytes, codecs_to_try: Iterable[str]) -> tuple[str, str, bool] | None:
    for codec in codecs_to_try:
        found = decode_legacy(data, codec)
        if found is not None:
            return found
    return None


# The readings compared with the detector's answer. GB18030 first: on a tie it wins.
READINGS: tuple[str, ...] = ("gb18030", "big5hkscs", "cp932", "cp949", "cp1252")
MIN_BETTER_PLAUSIBILITY = 0.8  # a reading must be at least this plausible to overrule chardet
MIN_PLAUSIBILITY_GAIN = 0.15  # ... and this much more plausible than chardet's own reading
OVERRULED_CONFIDENCE = 0.7


def better_reading(data: bytes, text: str, codec: str, cut: bool) -> tuple[str, str, bool] | None:
    """A reading of `data` clearly more plausible than (text, codec), else None."""
    own = plausibility(text, codec)
    if own is None or own >= 1.0:
        return None
    best = most_plausible_reading(data, exclude=codec)
    if best is None:
        return None
    score = plausibility(best[0], best[1]) or 0.0
    return best if score >= MIN_BETTER_PLAUSIBILITY and score >= own + MIN_PLAUSIBILITY_GAIN else None


def most_plausible_reading(data: bytes, exclude: str = "") -> tuple[str, str, bool] | None:
    """The strict reading among READINGS whose text is most plausible, judged on a window."""
    window = data[: SNIFF_WINDOW * 2]
    best: tuple[float, str] | None = None
    for codec in READINGS:
        if codec == exclude or SUPERSETS.get(exclude, ())[:1] == (codec,):
            continue
        text, _ = decode_tolerating_cut(window, codec)
        score = plausibility(text, codec) if text is not None else None
        if score is not None and (best is None or score > best[0]):
            best = (score, codec)
    return decode_legacy(data, best[1]) if best else None


def decode_legacy(data: bytes, codec: str) -> tuple[str, str, bool] | None:
    """(text, codec, cut) for a strict decode tolerating a cut last character, else None.

    Python's Big5 and Big5-HKSCS disagree on 0xC6A1-0xC8FE (kana and circled numbers sit in
    different places); when both decode, the reading whose differing characters look like
    text wins (kana in runs, numbers alone), and Big5-HKSCS on a tie. cp932 and Shift_JIS
    disagree on six symbols: plain Shift_JIS wins when it decodes.
    """
    text, cut = decode_tolerating_cut(data, codec)
    if text is None:
        return None
    if codec == "big5hkscs" and RE_BIG5_DISPUTED.search(text):
        plain, plain_cut = decode_tolerating_cut(data, "big5")
        if plain is not None and is_better_big5_reading(plain, text):
            return plain, "big5", plain_cut
    if codec == "cp932" and RE_CP932_NOT_SHIFT_JIS.search(text):
        plain, plain_cut = decode_tolerating_cut(data, "shift_jis")
        if plain is not None:
            return plain, "shift_jis", plain_cut
    return text, codec, cut


# Six symbols cp932 reads where Shift_JIS (JIS X 0208) has others: ～ for 〜, ∥ for ‖, － for −,
# ￠ ￡ ￢ for ¢ £ ¬. A file that decodes as plain Shift_JIS is read as its label says.
RE_CP932_NOT_SHIFT_JIS = re.compile("[～∥－￠￡￢]")


# Characters either Big5 codec may give to the bytes 0xC6A1-0xC8FE on which they disagree.
RE_BIG5_DISPUTED = re.compile("[\u2460-\u24ff\u2160-\u217f\u3040-\u30ff\u2010-\u2312\uff00-\uffef]")


def is_better_big5_reading(plain: str, hkscs: str) -> bool:
    if len(plain) != len(hkscs) or plain == hkscs:
        return False
    differs = [i for i, (a, b) in enumerate(zip(plain, hkscs, strict=True)) if a != b]
    return count_odd_readings(plain, differs) < count_odd_readings(hkscs, differs)


def count_odd_readings(text: str, positions: list[int]) -> int:
    """Kana standing alone, or symbols in a row: how Big5 bytes read with the wrong codec look."""
    odd = 0
    for i in positions:
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        is_kana = bool(RE_KANA.match(text[i]))
        next_to_kana = bool(RE_KANA.match(before) or RE_KANA.match(after))
        if is_kana != next_to_kana or (not is_kana and (i + 1 in positions or i - 1 in positions)):
            odd += 1
    return odd


def fallback(data: bytes) -> Decoded:
    """Nothing decodes strictly: the likeliest codec with replacement characters."""
    return Decoded(data.decode("utf-8", "replace"), "utf-8", 0.1, "fallback", "undecodable")


# --- mojibake ---------------------------------------------------------------------------------

REPAIRED_CONFIDENCE = 0.8  # the bytes are sure; the reading of an earlier wrong decode less so


def with_mojibake_repaired(decoded: Decoded, utf8: bytes | None = None) -> Decoded:
    """Undo text-level mojibake; flag what cannot be undone exactly.

    `utf8`, the UTF-8 bytes `decoded` came from, lets the latin-1 repairs be skipped at
    memory speed when no two Latin-1 characters stand in a row.
    """
    latin1 = utf8 is None or has_utf8_latin1_pair(utf8)
    text, repairs = repair_mojibake(decoded.text, latin1=latin1)
    problem = decoded.problem or ("mojibake" if suspect_mojibake(text) else None)
    if not repairs:
        return Decoded(text, decoded.encoding, decoded.confidence, decoded.evidence, problem)
    return Decoded(text, decoded.encoding, REPAIRED_CONFIDENCE, "repaired", problem, repairs)


# In UTF-8, U+0080-U+00FF start with C2 or C3; mojibake needs one followed by another such
# character or a cp1252 symbol (C5, C6, CB, E2 lead bytes). One pattern per lead byte: a
# pattern starting with a literal byte is searched ten times faster than one starting with a set.
RE_UTF8_LATIN1_PAIRS = tuple(
    re.compile(re.escape(lead) + b"[\x80-\xbf][\xc2\xc3\xc5\xc6\xcb\xe2]") for lead in (b"\xc2", b"\xc3")
)


def has_utf8_latin1_pair(data: bytes) -> bool:
    return any(pattern.search(data) for pattern in RE_UTF8_LATIN1_PAIRS)
