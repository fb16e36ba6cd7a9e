"""Text-level mojibake: text whose bytes were once decoded with the wrong codec.

The bytes of such a file really are valid (usually UTF-8); what they spell is the result of
an earlier wrong decode. These kinds are repaired, line by line, each only when the repair
is exact and gives plausible text, so clean text in any script is never changed:

- ``utf8-as-cp1252``: UTF-8 read as cp1252/latin-1 ("cafÃ©" → "café"), via
  ``ftfy.fix_encoding`` (never ``ftfy.fix_text``, which rewrites ，：（） and curly quotes).
- ``gbk-as-latin1`` / ``big5-as-latin1``: Chinese read as latin-1 ("ÖÐÎÄ" → "中文"):
  encode the line back to single bytes and decode as GB18030 or Big5-HKSCS, whichever
  gives common characters of its own script.
- ``utf8-as-gbk``: UTF-8 read as GBK ("涓枃" → "中文"), repaired when encoding back gives
  valid UTF-8; when the wrong decode lost bytes it cannot be undone and `suspect_mojibake`
  only names it.

    >>> repair_mojibake("cafÃ©")
    ('café', ('utf8-as-cp1252',))
    >>> repair_mojibake("“中文”，（测试）")
    ('“中文”，（测试）', ())
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["repair_mojibake", "suspect_mojibake"]

# cp1252 characters of the bytes 0x80-0x9F, which appear in text that was decoded as cp1252.
CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# A UTF-8 lead byte read as cp1252 (Â-ô) followed by a continuation byte read as cp1252 or
# latin-1 (0x80-0xBF): the signature of UTF-8 read as cp1252. Isolated accents never match.
RE_UTF8_AS_CP1252 = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{CP1252_HIGH}]")
# Two characters in a row of the kind single-byte decoding makes of double-byte Chinese.
RE_DOUBLE_BYTE_AS_LATIN1 = re.compile(f"[\u0080-\u00ff{CP1252_HIGH}]{{2}}")
# Where to look: a Latin-1 character followed by another or by a cp1252 symbol (Œ-˜, –-™).
# Both kinds of mojibake start so (a UTF-8 lead byte read as Â-ô; a GBK/Big5 lead byte read
# as latin-1); plain ranges scan several times faster than the precise patterns above.
RE_LATIN1_PAIR = re.compile("[\u0080-\u00ff][\u0080-\u00ff\u0152-\u02dc\u2013-\u2122]")
RE_LATIN1_CHAR = re.compile("[\u0080-\u00ff]")
RE_SINGLE_BYTE_LINE = re.compile(f"[\u0000-\u00ff{CP1252_HIGH}]*")
RE_SINGLE_BYTE_HIGH = re.compile(f"[\u0080-\u00ff{CP1252_HIGH}]")
# A line that can tell whether the document is Chinese read as latin-1 has at least this many
# high characters, and this share of them: Chinese read as latin-1 is nearly all high
# characters (Big5 less, its second bytes are often ASCII letters); Spanish "¿Ómicron" or
# Portuguese "ção" lines are a few per cent.
MIN_CHINESE_MOJIBAKE_CHARS = 4
MIN_HIGH_SHARE = 0.1
# Share of Han characters that must be common in the codec's own script after re-decoding: in
# the document's suspect lines together, and (less) in each line, which may hold a rare name.
MIN_COMMON_HAN_SHARE = 0.8
MIN_DISTINCT_HAN_PER_DOCUMENT = 4  # "¿Ó" reads as 坑 in GBK: one character proves nothing
MIN_LINE_COMMON_HAN_SHARE = 0.5
# Latin letters left after re-decoding: the line was Western text, not Chinese.
RE_LATIN_LEFT = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
RE_HAN_CHAR = re.compile("[\u3400-\u9fff]")
RE_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")

# UTF-8 read as GBK: runs of Han and of the CJK symbols such decoding produces.
RE_HAN_RUN = re.compile("[\u3000-\u9fff\uff00-\uffef]+")
RE_THREE_BYTE_UTF8_CHAR = re.compile("[\u0800-\ufffc]")
HIGH_BYTES = bytes(range(0x80, 0x100))
# Characters judged, from the start: a wrong decode spoils the whole text, so a sample tells.
MOJIBAKE_SAMPLE = 4096
MIN_UTF8_AS_GBK_CHARS = 3
MIN_UTF8_AS_GBK_SHARE = 0.7  # share of the re-encoded bytes that must form valid UTF-8 again
# Text wrongly decoded twice (Big5 read as latin-1, saved as UTF-8, read as latin-1 again) is
# undone one layer per round; more than three layers is noise, not text.
MAX_LAYERS = 3


def repair_mojibake(text: str, *, latin1: bool = True) -> tuple[str, tuple[str, ...]]:
    """The text with mojibake undone, and the names of the repairs that changed it.

    `latin1=False` skips the repairs of text read as latin-1/cp1252, for callers that know
    from the bytes that no such text is there (no two Latin-1 characters in a row).
    """
    repairs: dict[str, None] = {}  # the repairs applied, in order, each once
    for _ in range(MAX_LAYERS):
        before = text
        if latin1:
            text, names = repair_latin1_lines(text)
            repairs.update(dict.fromkeys(names))
        fixed = repair_utf8_as_gbk(text)
        if fixed != text:
            text = fixed
            repairs["utf8-as-gbk"] = None
        if text == before:
            break
    return text, tuple(repairs)


def suspect_mojibake(text: str) -> str | None:
    """The kind of mojibake left in `text` that could not be repaired exactly, else None."""
    if utf8_share_after_gbk(text) >= MIN_UTF8_AS_GBK_SHARE:
        return "utf8-as-gbk"
    return None


# --- the repairs ------------------------------------------------------------------------------


def repair_latin1_lines(text: str) -> tuple[str, list[str]]:
    """Lines read as latin-1/cp1252: UTF-8 back via ftfy, else Chinese back to GB18030 or Big5.

    UTF-8 first: its bytes must form valid sequences, a far stronger sign than plausible
    Chinese, and UTF-8 of accented letters (C3 A9…) also decodes as common GBK characters.
    Chinese is judged on the document's suspect lines together; once it is, every line with
    Latin-1 characters is re-decoded (a Big5 line like "¼L¡C", 嘴。, has no two in a row).
    """
    names: dict[str, None] = {}  # the repairs applied, in order, each once
    suspects: list[str] = []

    def fix_utf8(line: str) -> str:
        fixed = repair_utf8_as_cp1252(line)
        if fixed != line:
            names["utf8-as-cp1252"] = None
        elif is_chinese_read_as_latin1(line):
            suspects.append(line)
        return fixed

    text = replace_lines(text, RE_LATIN1_PAIR, fix_utf8)
    codec = choose_chinese_codec(suspects)
    if codec is not None:
        before = text
        text = replace_lines(text, RE_LATIN1_CHAR, lambda line: redecode_single_bytes(line, codec) or line)
        if text != before:
            names[CHINESE_REPAIR_NAMES[codec]] = None
    return text, list(names)


def replace_lines(text: str, pattern: re.Pattern[str], fix: Callable[[str], str]) -> str:
    """`text` with each line in which `pattern` occurs replaced by `fix(line)`; others untouched."""
    parts: list[str] = []
    done = 0
    for start, end in line_spans(text, pattern):
        line = text[start:end]
        fixed = fix(line)
        if fixed != line:
            parts += [text[done:start], fixed]
            done = end
    return "".join(parts) + text[done:] if parts else text  # the same object when nothing changed


CHINESE_REPAIR_NAMES = {"gb18030": "gbk-as-latin1", "big5hkscs": "big5-as-latin1"}


def redecode_single_bytes(line: str, codec: str) -> str | None:
    """The line's single bytes decoded as `codec`, if that gives CJK text; else None.

    The document as a whole must first have been judged Chinese (`choose_chinese_codec`): a
    single line is accepted on weaker evidence (a line of just "）" or one rare character).
    """
    from cleaner.decoding import common_han_share, common_simplified, common_traditional, decode_legacy

    data = encode_single_bytes(line)
    found = decode_legacy(data, codec) if data else None  # picks Big5 or Big5-HKSCS, too
    if found is None or found[2]:
        return None
    fixed = found[0]
    if RE_PRIVATE_USE.search(fixed) or RE_LATIN_LEFT.search(fixed):
        return None

    # German "Größe" decodes as GBK too, to "Gr鲞e": rare characters, never common ones.
    common = common_simplified() if codec == "gb18030" else common_traditional()
    return fixed if common_han_share(fixed, common) >= MIN_LINE_COMMON_HAN_SHARE else None


def repair_utf8_as_cp1252(line: str) -> str:
    """UTF-8 read as cp1252 or latin-1, using ftfy only for its encoding fix."""
    if not RE_UTF8_AS_CP1252.search(line):
        return line
    import ftfy  # imported here: most text never needs it

    fixed, plan = ftfy.fix_encoding_and_explain(line)
    # Keep ftfy's answer only when it re-decoded as UTF-8; its other tweaks are not ours.
    return fixed if ("decode", "utf-8") in (plan or ()) else line


def repair_utf8_as_gbk(text: str) -> str:
    """UTF-8 read as GBK, when encoding back gives valid UTF-8 (nothing was lost)."""
    if "\ufffd" in text or suspect_mojibake(text) != "utf8-as-gbk":
        return text
    try:
        return text.encode("gb18030").decode("utf-8")
    except UnicodeError:
        return text


# --- helpers ----------------------------------------------------------------------------------


def line_spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of each line in which `pattern` occurs, without scanning the others twice."""
    spans: list[tuple[int, int]] = []
    position = 0
    while match := pattern.search(text, position):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        spans.append((start, end))
        position = end + 1
    return spans


def is_chinese_read_as_latin1(line: str) -> bool:
    """Could this line tell whether the document is GBK or Big5 read as latin-1?"""
    # Big5 trail bytes 0x40-0x7E read as ASCII letters, so runs of high characters are broken
    # up; the strict re-decode and the common-character check decide.
    if RE_SINGLE_BYTE_LINE.fullmatch(line) is None or RE_DOUBLE_BYTE_AS_LATIN1.search(line) is None:
        return False
    high = len(RE_SINGLE_BYTE_HIGH.findall(line))
    return high >= MIN_CHINESE_MOJIBAKE_CHARS and high >= MIN_HIGH_SHARE * len(line)


def encode_single_bytes(line: str) -> bytes | None:
    """The bytes a latin-1 or cp1252 decode turned into `line`, or None if it holds others."""
    if not RE_SINGLE_BYTE_LINE.fullmatch(line):
        return None
    for codec in ("latin-1", "cp1252"):
        try:
            return line.encode(codec)
        except UnicodeEncodeError:
            continue
    # Both kinds of character: a decode that fell back to latin-1 where cp1252 has no character.
    return b"".join(char.encode("latin-1" if char < "\u0100" else "cp1252") for char in line)


def choose_chinese_codec(lines: list[str]) -> str | None:
    """GB18030 or Big5-HKSCS, whichever turns more suspect lines into Chinese whose Han are
    common in its own script (one codec per document), if there is enough Han to tell."""
    from cleaner.decoding import common_simplified, common_traditional

    best: tuple[int, float, str] | None = None
    for codec, common in (("gb18030", common_simplified()), ("big5hkscs", common_traditional())):
        fixed = [text for text in (redecode_single_bytes(line, codec) for line in lines) if text]
        han = RE_HAN_CHAR.findall("".join(fixed))
        if len(set(han)) < MIN_DISTINCT_HAN_PER_DOCUMENT:
            continue
        share = sum(char in common for char in han) / len(han)
        if share >= MIN_COMMON_HAN_SHARE and (best is None or (len(fixed), share) > best[:2]):
            best = (len(fixed), share, codec)
    return best[2] if best else None


def utf8_share_after_gbk(text: str) -> float:
    """Encoded back to GBK, how much of the non-ASCII text would be valid UTF-8 (0..1).

    Clean Chinese encoded as GBK is almost never valid UTF-8 beyond a chance character;
    UTF-8 read as GBK becomes valid UTF-8 again except where the wrong decode lost bytes.
    Judged on a sample from the start (a wrong decode spoils the whole text), so it is cheap.
    """
    han = "".join(RE_HAN_RUN.findall(text, 0, MOJIBAKE_SAMPLE))
    if len(han) < MIN_UTF8_AS_GBK_CHARS:
        return 0.0
    data = han.encode("gb18030", "ignore")
    # Han read back from UTF-8 takes 3 bytes each; 2-byte sequences arise by chance.
    valid = len(RE_THREE_BYTE_UTF8_CHAR.findall(data.decode("utf-8", "replace")))
    high_bytes = len(data) - len(data.translate(None, HIGH_BYTES))
    return min(1.0, 3 * valid / max(1, high_bytes)) if valid >= MIN_UTF8_AS_GBK_CHARS else 0.0
