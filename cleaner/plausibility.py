"""How plausible is a reading of some bytes: could a person writing in that codec have written it?

The decoder (`cleaner.decoding`) often has several strict readings of the same bytes: Big5
bytes read as GB18030 decode without error, and so does short Chinese read as Korean or
cp1252. This module scores a reading so the decoder can pick between them; it knows nothing
of bytes, only of the text each codec gives.

"Plausible" is measured, not guessed: each legacy codec keeps the characters people use
most in one block (GB2312 level 1, Big5's frequent block, JIS level 1, KS X 1001 Hangul),
read from the codecs themselves; a reading scores the share of its non-ASCII characters in
its own codec's block (plus punctuation). Big5 bytes read as GB18030 decode strictly, but to
rare characters, which is how the two are told apart.

    >>> plausibility("中文很好", "gb18030")
    1.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from cleaner.binary import SNIFF_WINDOW  # a reading is judged on as much as the decoder sniffs

RE_NON_ASCII = re.compile("[^\x00-\x7f]")
MIN_CHARS_TO_JUDGE = 1  # non-ASCII characters a reading needs before it is scored
# Korean separates words with spaces, about one per three syllables; GBK read as Korean gives
# syllables with no spaces between them.
MIN_KOREAN_SPACE_SHARE = 0.1
MIN_SYLLABLES_TO_COUNT_SPACES = 12
# Single-byte Western text has isolated accented letters; GBK or Big5 read as cp1252 has
# runs of them. More than this share of high bytes sitting next to another high byte is
# double-byte text.
MAX_PAIRED_HIGH_SHARE = 0.5


def plausibility(text: str, codec: str) -> float | None:
    """Share of the non-ASCII characters of `text` that a writer in `codec` would use (0..1).

    None when there are too few to judge.
    """
    sample = text[:SNIFF_WINDOW]
    high = RE_NON_ASCII.findall(sample)
    if len(high) < MIN_CHARS_TO_JUDGE:
        return None
    expected = expected_characters(codec)
    score = sum(char in expected for char in high) / len(high)
    if codec == "cp1252" and paired_high_share(sample) > MAX_PAIRED_HIGH_SHARE:
        score /= 2  # runs of accented letters: double-byte text read one byte at a time
    if codec in ("cp949", "euc_kr") and not reads_like_korean(sample):
        score /= 2
    return score


def reads_like_korean(sample: str) -> bool:
    syllables = len(RE_HANGUL.findall(sample))
    if syllables < MIN_SYLLABLES_TO_COUNT_SPACES:
        return True
    return sample.count(" ") >= MIN_KOREAN_SPACE_SHARE * syllables


def paired_high_share(text: str) -> float:
    high = [i for i, char in enumerate(text) if ord(char) >= 0x80]
    if not high:
        return 0.0
    positions = set(high)
    paired = sum((i - 1 in positions) or (i + 1 in positions) for i in high)
    return paired / len(high)


@cache
def expected_characters(codec: str) -> frozenset[str]:
    """What a person writing in `codec` uses beyond ASCII, most of the time."""
    if codec in ("gb18030", "gbk", "gb2312"):
        return CJK_SYMBOLS | LATIN_LETTERS | common_simplified() | common_traditional()  # GBK: both
    if codec in ("big5hkscs", "big5", "cp950"):
        return CJK_SYMBOLS | LATIN_LETTERS | common_traditional()
    if codec in ("cp932", "shift_jis", "euc_jp"):
        kana = frozenset(chr(code) for code in range(0x3040, 0x3100))
        return CJK_SYMBOLS | kana | common_japanese()
    if codec in ("cp949", "euc_kr"):
        return CJK_SYMBOLS | common_hangul() | common_han()
    if codec in ("cp1251", "koi8_r", "iso8859-5"):
        return CYRILLIC_LETTERS | WESTERN_SYMBOLS
    return WESTERN_SYMBOLS


# --- punctuation and letters, by the kind of text ----------------------------------------------

# Punctuation and symbols any East Asian text may hold: general punctuation (dashes, curly
# quotes, ellipsis), CJK punctuation, full-width forms, circled and Roman numerals, ℃, ·.
CJK_SYMBOLS = frozenset(
    chr(code)
    for block in (range(0x2010, 0x2028), range(0x3000, 0x3040), range(0xFF01, 0xFF61))
    for code in block
) | frozenset("①②③④⑤⑥⑦⑧⑨⑩ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ℃·×÷°±№")
# Pinyin letters (GB2312 row 8, HKSCS) and Latin-1 letters: Chinese text quotes both.
LATIN_LETTERS = frozenset(chr(code) for code in range(0xC0, 0x100)) | frozenset(
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ"
)
# Western text read as cp1252: accented letters and typographic punctuation.
WESTERN_SYMBOLS = frozenset(chr(code) for code in range(0xC0, 0x100)) | frozenset(
    "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ¡¢£¤¥¦§¨©ª«¬\xad®¯°±²³´µ¶·¸¹º»¼½¾¿\xa0"
)
CYRILLIC_LETTERS = frozenset(chr(code) for code in range(0x400, 0x460)) | frozenset("«»№")


# --- common characters, by codec ------------------------------------------------------------
# Each legacy codec puts the characters people use most in one block; bytes in the wrong codec
# land elsewhere (Big5 read as GB18030 gives rare characters, GBK read as Big5 half leaves the
# frequent block). The blocks are read from the codecs themselves, so no frequency list is kept.

RE_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
RE_HANGUL = re.compile("[\uac00-\ud7a3\u3130-\u318f]")
RE_KANA = re.compile("[\u3040-\u30ff]")
TWO_BYTE_TRAILS = (*range(0x40, 0x7F), *range(0x80, 0xFD))


@cache
def common_simplified() -> frozenset[str]:
    """GB2312 level 1: the 3,755 most used Simplified characters (rows 0xB0-0xD7)."""
    return frozenset(decode_block("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)))


@cache
def common_traditional() -> frozenset[str]:
    """Big5 'frequently used' block: 5,401 Traditional characters (0xA440-0xC67E)."""
    return frozenset(decode_block("big5", range(0xA4, 0xC7), TWO_BYTE_TRAILS))


@cache
def common_japanese() -> frozenset[str]:
    """JIS X 0208 level 1: 2,965 kanji (Shift_JIS 0x889F-0x9872)."""
    return frozenset(decode_block("cp932", range(0x88, 0x99), TWO_BYTE_TRAILS))


@cache
def common_han() -> frozenset[str]:
    return common_simplified() | common_traditional() | common_japanese()


@cache
def common_hangul() -> frozenset[str]:
    """The 2,350 Hangul syllables of KS X 1001 (EUC-KR 0xB0A1-0xC8FE); cp949 adds rare ones."""
    return frozenset(decode_block("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF), RE_HANGUL))


def decode_block(
    codec: str, leads: Iterable[int], trails: Iterable[int], wanted: re.Pattern[str] = RE_HAN
) -> set[str]:
    chars: set[str] = set()
    trail_list = list(trails)
    for lead in leads:
        for trail in trail_list:
            try:
                char = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if wanted.fullmatch(char):
                chars.add(char)
    return chars


def common_han_share(text: str, common: frozenset[str]) -> float:
    """Share of the Han characters of `text` that are in `common` (1.0 when there is no Han)."""
    han = RE_HAN.findall(text)
    if not han:
        return 1.0
    return sum(char in common for char in han) / len(han)
