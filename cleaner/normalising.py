"""Unicode normalisation: small `str -> str` steps, each total and idempotent.

`normalise` runs `NORMALISERS` in order. What it does and why:

- line endings (CRLF, CR, U+2028/2029, NEL) become ``\\n``;
- control characters go (``\\n`` and ``\\t`` stay), and so do invisible zero-width characters
  (ZWSP, word joiner, BOM anywhere, soft hyphen); ZWJ and ZWNJ stay only where they do work:
  inside emoji sequences (👩‍💻) and between letters of scripts that join (Arabic, Indic …);
- non-breaking and odd spaces (U+00A0, U+2000-U+200A, U+202F, U+205F, U+1680) become a space.
  The ideographic space U+3000 stays inside text (the author put it there) but leading
  indentation of Chinese paragraphs (``　　正文``, or ``&nbsp;`` runs before Han text) goes: one
  paragraph per line carries no indentation;
- HTML entities left in text (``&nbsp;`` ``&amp;`` ``&#x4E2D;``) are unescaped: only real
  entity syntax with its semicolon (``AT&T`` and ``&copy`` stay), and once: an escaped entity
  (``&amp;lt;``, an author showing ``&lt;``) is not unescaped twice;
- NFC composition; trailing spaces of each line go.

It never touches the author's punctuation: full-width ，。：（）“”「」, curly quotes and dashes
stay exactly as written, and there is no NFKC here (NFKC is for matching: see
`normalise_for_matching`). Run it after mojibake repair (cleaner.decoding): C1 control
characters are evidence for that repair and this step removes them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from html.entities import html5

Normaliser = Callable[[str], str]

# --- line endings ---------------------------------------------------------------------------

LINE_BREAK_RE = re.compile(
    "\r\n"  # Windows
    "|\r"  # classic Mac, and the CR of CRLF split by a decoder
    "|\u2028|\u2029"  # LINE / PARAGRAPH SEPARATOR (some CMS editors emit them)
    "|\x85"  # NEXT LINE (C1), a line break in EBCDIC-derived text
)


def unify_line_endings(text: str) -> str:
    r"""Every line break becomes ``\n``.

    >>> unify_line_endings("一\r\n二\r三\u2028四")
    '一\n二\n三\n四'
    """
    return LINE_BREAK_RE.sub("\n", text)


# --- control characters ---------------------------------------------------------------------

# C0 controls except TAB and LF, DEL, C1 controls. Form feed and vertical tab go too: in
# scraped text they are page-layout leftovers, not content.
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def remove_control_chars(text: str) -> str:
    r"""Remove control characters, keeping ``\n`` and ``\t``.

    >>> remove_control_chars("正\x00文\x1b\t完\n")
    '正文\t完\n'
    """
    return CONTROL_RE.sub("", text)


# --- zero-width characters ------------------------------------------------------------------

ZWNJ = "\u200c"
ZWJ = "\u200d"
# Always invisible noise in our texts: ZERO WIDTH SPACE, WORD JOINER, BOM / ZERO WIDTH NO-BREAK
# SPACE (anywhere, not only at the start: concatenated files carry it inside), SOFT HYPHEN,
# MONGOLIAN VOWEL SEPARATOR (formerly a space), and the invisible math operators U+2061-2064.
ZERO_WIDTH_RE = re.compile("[\u200b\u2060-\u2064\ufeff\u00ad\u180e]|[\u200c\u200d]")

# Where ZWJ means something: between two pieces of an emoji sequence (👩‍💻, 🏳️‍🌈).
EMOJI_RANGES: tuple[tuple[int, int], ...] = (
    (0x2600, 0x27BF),  # miscellaneous symbols and dingbats (♀ ♂ ⚕ ❤)
    (0x2B00, 0x2BFF),  # arrows and symbols (⬛ ⭐)
    (0xFE0F, 0xFE0F),  # VARIATION SELECTOR-16: emoji presentation
    (0x1F000, 0x1FAFF),  # emoji blocks, including skin-tone modifiers 1F3FB-1F3FF
)
# Scripts whose letters join, where ZWJ / ZWNJ select a letter form: Arabic, Syriac, Thaana,
# N'Ko …, the Indic scripts, Tibetan, Myanmar, Khmer.
JOINING_RANGES: tuple[tuple[int, int], ...] = (
    (0x0600, 0x08FF),
    (0x0900, 0x0DFF),
    (0x0F00, 0x109F),
    (0x1780, 0x17FF),
)


def is_in(char: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ranges)


def is_needed_joiner(text: str, index: int) -> bool:
    """Whether the ZWJ / ZWNJ at `index` does work (emoji sequence or joining script)."""
    if index == 0 or index + 1 >= len(text):
        return False
    before, after = text[index - 1], text[index + 1]
    if text[index] == ZWJ and is_in(before, EMOJI_RANGES) and is_in(after, EMOJI_RANGES):
        return True
    return is_in(before, JOINING_RANGES) and is_in(after, JOINING_RANGES)


def remove_zero_width_chars(text: str) -> str:
    r"""Remove invisible zero-width characters; keep ZWJ / ZWNJ where they join something.

    >>> remove_zero_width_chars("\ufeff机器\u200b学习\u200d")
    '机器学习'
    >>> remove_zero_width_chars("👩\u200d💻") == "👩\u200d💻"
    True
    >>> remove_zero_width_chars("ب\ufeffب")
    'بب'
    """
    if not ZERO_WIDTH_RE.search(text):
        return text

    def replace(match: re.Match[str]) -> str:
        joiner = match.group() in (ZWJ, ZWNJ)  # only joiners ever do work; a BOM between letters never
        return match.group() if joiner and is_needed_joiner(text, match.start()) else ""

    return ZERO_WIDTH_RE.sub(replace, text)


# --- spaces -----------------------------------------------------------------------------------

# NO-BREAK SPACE, OGHAM SPACE MARK, EN QUAD … HAIR SPACE, NARROW NO-BREAK SPACE, MEDIUM
# MATHEMATICAL SPACE. Not U+3000 IDEOGRAPHIC SPACE: inside Chinese text it is the author's.
ODD_SPACE_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f]")


def replace_odd_spaces(text: str) -> str:
    r"""Non-breaking and typographic spaces become a plain space.

    >>> replace_odd_spaces("10\u00a0km\u2009/\u202fh")
    '10 km / h'
    """
    return ODD_SPACE_RE.sub(" ", text)


# A Chinese paragraph's indentation: spaces, tabs and ideographic spaces at the start of a line
# that either contain an ideographic space or come before Chinese text (Han, kana, CJK or
# full-width punctuation, or a curly quote opening Chinese text: “你好”). English lines keep
# theirs: "    “Hello,” she said" is left alone.
CJK_TEXT = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
INDENTATION_RE = re.compile(
    "^[ \t\u3000]*\u3000[ \t\u3000]*"  # indentation with an ideographic space: always Chinese
    f"|^[ \t]+(?=[\u201c\u2018]?[{CJK_TEXT}])",  # plain spaces (often &nbsp; runs) before Chinese
    re.MULTILINE,
)


def remove_indentation(text: str) -> str:
    r"""Remove Chinese paragraph indentation at line starts; leave other leading space alone.

    >>> remove_indentation("\u3000\u3000第一段。\n    第二段。\n    code()")
    '第一段。\n第二段。\n    code()'
    """
    return INDENTATION_RE.sub("", text)


TRAILING_SPACE_RE = re.compile("[ \t\u3000]+$", re.MULTILINE)


def strip_trailing_spaces(text: str) -> str:
    r"""Remove spaces, tabs and ideographic spaces at the end of each line.

    >>> strip_trailing_spaces("一行 \t\n二行\u3000")
    '一行\n二行'
    """
    return TRAILING_SPACE_RE.sub("", text)


# --- HTML entities ----------------------------------------------------------------------------

# Real entity syntax only, semicolon required: decimal, hexadecimal, or a name HTML5 defines.
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# What follows an escaped ampersand when the author meant to show an entity (&amp;lt;).
ENTITY_TAIL_RE = re.compile(r"(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# The steps that run before unescaping, applied to what an entity decodes to, so that &nbsp;
# and &#x200B; come out as clean as a literal no-break space or ZWSP would.
DECODED_CLEANUP: tuple[Normaliser, ...] = (
    unify_line_endings,
    remove_control_chars,
    remove_zero_width_chars,
    replace_odd_spaces,
)


def decode_entity(text: str, match: re.Match[str]) -> str:
    """The character(s) one entity stands for, or the entity itself when decoding is wrong."""
    entity = match.group()
    if entity[1] != "#" and entity[1:] not in html5:
        return entity  # &foo; is not an entity, just text
    decoded = html.unescape(entity)
    if decoded == "&" and ENTITY_TAIL_RE.match(text, match.end()):
        return entity  # &amp;lt; is an escaped entity: the author shows "&lt;", keep it once
    decoded = decoded.replace("\r", "")  # &#13;&#10; is one line break, not two
    for step in DECODED_CLEANUP:
        decoded = step(decoded)
    return decoded


def unescape_entities(text: str) -> str:
    """Unescape HTML entities left in text, once.

    >>> unescape_entities("A&amp;B&nbsp;&#x4E2D;&#25991; AT&T &copy 2024 &amp;lt;")
    'A&B 中文 AT&T &copy 2024 &amp;lt;'
    """
    if "&" not in text:
        return text
    previous = None
    while previous != text:  # entities assembled from decoded pieces (&#38;amp&#59;) settle too
        previous = text
        text = ENTITY_RE.sub(lambda match: decode_entity(match.string, match), text)
    return text


# --- composition ------------------------------------------------------------------------------


def compose_unicode(text: str) -> str:
    r"""NFC: composed characters (é, not e + combining acute); CJK compatibility ideographs unified.

    NFC leaves full-width punctuation and curly quotes as they are (NFKC would not).

    >>> compose_unicode("e\u0301，“引号”")
    'é，“引号”'
    """
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


# --- the pipeline -----------------------------------------------------------------------------

NORMALISERS: tuple[Normaliser, ...] = (
    unify_line_endings,
    remove_control_chars,
    remove_zero_width_chars,
    replace_odd_spaces,
    unescape_entities,  # after the character steps; what it decodes is cleaned by them in place
    compose_unicode,  # after unescaping: e&#x301; composes too
    remove_indentation,
    strip_trailing_spaces,
)


def normalise_with_steps(text: str) -> tuple[str, tuple[str, ...]]:
    r"""Normalise and say which steps changed the text, in order (to show and to replay).

    The steps run again until nothing changes, which only pathological input needs (a
    zero-width character inside an entity: ``&am\u200bp;``): so normalising twice changes
    nothing.
    """
    changed: list[str] = []
    previous = None
    while previous != text:
        previous = text
        for step in NORMALISERS:
            result = step(text)
            if result != text:
                changed.append(step.__name__)
                text = result
    return text, tuple(dict.fromkeys(changed))


def normalise(text: str) -> str:
    r"""Run every step of NORMALISERS: NFC, line endings, invisible characters, odd spaces, entities.

    >>> normalise("\ufeff\u3000\u3000他说：“你好&nbsp;世界”。 \r\n")
    '他说：“你好 世界”。\n'
    """
    return normalise_with_steps(text)[0]


def normalise_for_matching(text: str) -> str:
    """NFKC, script-folded to Simplified, case-folded: for matching rules and search, never output.

    >>> normalise_for_matching("關鍵詞：ＡＩ")
    '关键词:ai'
    """
    from cleaner.script import fold_script  # OpenCC tables load on first use only

    return fold_script(unicodedata.normalize("NFKC", normalise(text))).casefold()
