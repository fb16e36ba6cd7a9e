"""Which Chinese script a text is written in, and conversion between the scripts (OpenCC).

How detection works (after ../shared/DESIGN.md §4, re-measured by bench/script.py):

- A *Traditional marker* is a character that OpenCC's t2s, tw2s and hk2s all change; a
  *Simplified marker* one that s2t, s2tw and s2hk all change. The sets are built once, lazily,
  by running every CJK ideograph through each configuration in one call per configuration.
  One str.translate maps each character to a class code, so counting is a set lookup per
  character done in C.
- Some characters are correct in both scripts depending on the word: 后 (皇后 / 以後), 里
  (公里 / 這裏), 卷 (試卷 / 捲土重來), 布 (布料 / 分佈) … A clean Traditional text legitimately
  contains them, and a machine conversion that works character by character leaves exactly
  these behind (seed 001: 么 于 余 卷 后 布 并 御 斗 象 采 里 雇). For the *minority* script
  they only count where the three OpenCC configurations all change them in their word (公里
  stays, 以后 becomes 以後; 考核 is 考覈 to s2t only, so it does not count). For the majority
  script a plain lookup suffices.
- A Bayesian rule on the counts, with p the share of Simplified markers: a clean Simplified
  text has p in [1 - eps, 1], a clean Traditional one p in [0, eps], a mixed one anything in
  between (eps 0.005; priors 0.45 / 0.45 / 0.10).
- When the counts look mixed, where the minority markers sit decides. Read in text order,
  leftovers of a machine conversion stand alone among markers of the dominant script; a
  quote, a cited title or a name in the other script is a run of minority markers. Runs of
  passage length -> 'mixed'; enough lone markers -> the dominant script, machine-converted
  (seed 001: traditional); otherwise the dominant script (a page citing a few titles in the
  other script).
- Titles and other texts under 50 Han characters are only simplified, traditional or neutral.
- Japanese (kana runs all through the text) is not Chinese: its kanji would read as
  Traditional. It is reported as 'none' with `japanese=True`, never machine-converted.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import opencc

# --- tunables, each measured or argued ------------------------------------------------------

# Probability that a marker in a clean text belongs to the other script (DESIGN §4: eps 0.005
# gave 24/24 documents, 745/745 paragraphs and no false 'mixed' in ~4,500 clean windows).
MARKER_NOISE = 0.005
# Prior probabilities of simplified / traditional / mixed documents (DESIGN §4).
PRIOR_SIMPLIFIED = 0.45
PRIOR_TRADITIONAL = 0.45
PRIOR_MIXED = 0.10
# Below this many Han characters a text (a title, a caption) is too short to be called mixed
# or machine-converted: it is the script with more evidence, or neutral.
SHORT_TEXT_HAN = 50
# Where the minority markers sit decides between 'mixed' and machine-converted. Read the markers
# in text order: leftovers of a machine conversion stand alone between markers of the dominant
# script (这裏是以后 … : a 后 among 這 裏 是), while a quote, a cited title or a name in the other
# script is a run of consecutive minority markers (金鍾國台灣). A document is 'mixed' only when
# some run is a real passage, with at least this many markers (about 30 Han characters of
# prose), and runs hold at least MIN_BLOCK_SHARE of the minority markers. A Simplified
# encyclopedia page citing Traditional news titles (runs of 2-7) stays Simplified.
MIN_BLOCK_MARKERS = 10
MIN_BLOCK_SHARE = 0.5
# A machine-converted verdict needs at least this many lone minority markers, and the Bayesian
# rule must call those alone more than noise: two Traditional characters in a
# Simplified page are a quoted name (a Korean singer's 汉字 金鍾國), not a converter's trace;
# seed 001 has 59.
MIN_LEFTOVERS = 5
# Runs of kana per Han character above which a text is Japanese. Japanese prose switches
# between kanji and kana every few characters (particles の が は を, verb endings): about one
# kana run per two or three Han characters, and a kanji-heavy headline (東京都知事選、小池氏が
# 三選) still has one run in ten. A Chinese text quoting a Japanese title has one run per
# title (《となりのトトロ》 in a 70-character paragraph: 1 run, 0.014 per Han character),
# whatever the title's length, which is why runs are counted and not kana.
JAPANESE_KANA_RUNS_PER_HAN = 0.05
# A text with Han characters but no marker of either script is 'neutral'; its confidence grows
# with length (50 % at this many Han characters): a long text without a marker is rare.
NEUTRAL_HALF_CONFIDENCE_HAN = 20.0

# Han ranges: CJK Unified Ideographs, extension A, compatibility ideographs, extensions B-G.
HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2EBEF),
    (0x30000, 0x3134F),
)
# A run of kana: hiragana and katakana letters, small katakana extensions, half-width katakana.
# Not the katakana middle dot U+30FB (Chinese pages put ・ between the parts of foreign names:
# 唐纳德・特朗普) and the prolonged sound mark U+30FC (used as a dash) only inside a run (コーヒー).
KANA = "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff9d"
KANA_RUN_RE = re.compile(f"[{KANA}][{KANA}\u30fc]*")

# Characters whose reading depends on the word, from OpenCC's own dictionaries (entries of
# STCharacters listing the character itself among its Traditional forms, plus characters that
# STPhrases keeps unchanged in some words). Regenerated and checked against the installed
# OpenCC by tests/test_script.py::test_context_sets_match_opencc_dictionaries.
SIMPLIFIED_CONTEXT_CHARS = (
    "㐹万丑丰么了于云亘仆仇价仿伙余佛佣俊修借僵克党具冢冬准凌几凶出划刮制千升卜占卷厂厘只台叶吁吃合吊同后向吣呆周咨咸咽哄唇喂噪回困坐堤夫夸奸姜娘家尸局岩岳巨布帘席干"
    "幸广庵弦彩征御志念恒恤愈愿戚扇才扎托扣折抵拐拿挂挨挽捆据搜斗斤斫昆暗曲札朱朴杆杠杯杰松板极果柜栗核梁棱檗欲沈沾泛注浚涂涌淀游溪漓澄焰熏狸玩琅症皂矩确私秋种穗筑筱"
    "糊系耇胄背胜胡腊腌膻致舍芸苔苹范荐蒙蔑藤虫虱蚝蜡蝎表谷豆象跖辟适郁酸采里雇雕霉面"
)
TRADITIONAL_CONTEXT_CHARS = "么乾俱剋劄吒哩坏夥彷徵扞於昇氾沈濛甦瞭祕脩蒐薹藉衹袷覆計谿釐陞麽"

# The OpenCC configurations that must all change a context character of the minority script in
# its word for it to count (考核 is 考覈 to s2t but stays 考核 in s2tw and s2hk).
CONTEXT_CHECKS: dict[str, tuple[str, ...]] = {
    "simplified": ("s2t", "s2tw", "s2hk"),
    "traditional": ("t2s", "tw2s", "hk2s"),
}

SCRIPT_TARGETS: tuple[str, ...] = ("simplified", "traditional", "tw", "hk")


@dataclass(frozen=True)
class ScriptReport:
    """What the detector found: the label, the machine-conversion flag and the evidence."""

    script: str  # 'simplified' | 'traditional' | 'mixed' | 'neutral' | 'none'
    machine_converted: bool
    confidence: float
    han: int  # Han characters counted
    traditional_markers: int
    simplified_markers: int
    leftovers: tuple[str, ...] = ()  # minority-script characters of a machine-converted text, commonest first
    japanese: bool = False  # kana all through the text: it is Japanese, so script is 'none'

    def to_dict(self) -> dict[str, Any]:
        return {
            "script": self.script,
            "machine_converted": self.machine_converted,
            "confidence": round(self.confidence, 4),
            "han": self.han,
            "traditional_markers": self.traditional_markers,
            "simplified_markers": self.simplified_markers,
            "leftovers": list(self.leftovers),
            "japanese": self.japanese,
        }


# --- OpenCC and the marker tables ------------------------------------------------------------


@cache
def converter(config: str) -> opencc.OpenCC:
    """One OpenCC converter per configuration name ('s2t', 't2s', 's2tw' …), built once."""
    return opencc.OpenCC(config)


SURROGATE_SPLIT_RE = re.compile("([\ud800-\udfff]+)")


def convert_with(config: str, text: str) -> str:
    """OpenCC `config` applied to `text`; lone surrogates (from surrogateescape) pass through."""
    try:
        return converter(config).convert(text)
    except UnicodeEncodeError:  # OpenCC takes UTF-8: convert the pieces between surrogates
        pieces = SURROGATE_SPLIT_RE.split(text)
        return "".join(
            piece if index % 2 else converter(config).convert(piece) for index, piece in enumerate(pieces)
        )


@cache
def all_han_chars() -> tuple[str, ...]:
    return tuple(chr(code) for low, high in HAN_RANGES for code in range(low, high + 1))


@cache
def isolated_conversions(config: str) -> dict[str, str]:
    """Every Han character converted on its own by `config`, keeping only the changed ones.

    One OpenCC call on all characters joined by newlines: no phrase spans a newline, so each
    character is converted in isolation (about 20 ms per configuration).
    """
    chars = all_han_chars()
    converted = convert_with(config, "\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # never seen; fall back to one call per character
        converted = [convert_with(config, char) for char in chars]
    return {char: out for char, out in zip(chars, converted, strict=True) if out != char}


@cache
def changed_by_all(configs: tuple[str, ...]) -> frozenset[str]:
    """Characters that every configuration in `configs` changes on its own."""
    changed = [isolated_conversions(config).keys() for config in configs]
    return frozenset(set.intersection(*(set(keys) for keys in changed)))


@cache
def simplified_markers() -> frozenset[str]:
    """Characters that s2t, s2tw and s2hk all change on their own.

    Not those the Traditional configurations change too: CJK compatibility ideographs (豈 U+F900,
    which OpenCC normalises and NFC maps to U+8C48) and the odd 麽 苧 are evidence of nothing.
    """
    return changed_by_all(CONTEXT_CHECKS["simplified"]) - changed_by_all(CONTEXT_CHECKS["traditional"])


@cache
def traditional_markers() -> frozenset[str]:
    """Characters that t2s, tw2s and hk2s all change on their own (and the Simplified ones do not)."""
    return changed_by_all(CONTEXT_CHECKS["traditional"]) - changed_by_all(CONTEXT_CHECKS["simplified"])


@cache
def simplified_context_chars() -> frozenset[str]:
    """Simplified characters that are also correct Traditional in some words (后 里 卷 布 …)."""
    return frozenset(SIMPLIFIED_CONTEXT_CHARS)


@cache
def traditional_context_chars() -> frozenset[str]:
    """Traditional characters that are also correct Simplified in some words (乾 於 瞭 覆 …)."""
    return frozenset(TRADITIONAL_CONTEXT_CHARS)


@cache
def fold_table() -> dict[int, str]:
    """Traditional (and its Taiwan / Hong Kong variants) to Simplified, one character to one.

    t2s's own table, plus the regional forms only tw2s or hk2s know (敍 衞 枱 著 …), except
    characters that are themselves Simplified (tw2s would turn 么 into 幺).
    """
    simplified = isolated_conversions("s2t").keys()
    table: dict[int, str] = {}
    for config in ("hk2s", "tw2s", "t2s"):  # t2s last: the OpenCC standard form wins
        for char, out in isolated_conversions(config).items():
            if len(out) == 1 and (config == "t2s" or char not in simplified):
                table[ord(char)] = out
    return table


# --- classifying characters ------------------------------------------------------------------

# Each Han character is mapped, by one str.translate, to a private-use code point whose low bits
# say what it is evidence of; every other character maps to NOT_HAN. Counting a class is then
# one C-level str.count. The codes are in the BMP so the translated text stays two bytes per
# character (supplementary-plane codes made the whole pass half as fast).
HAN_BIT = 1
SIMPLIFIED_BIT = 2  # s2t, s2tw and s2hk all change it on its own
SIMPLIFIED_CONTEXT_BIT = 4  # correct Traditional in some words: decided in context
TRADITIONAL_BIT = 8  # t2s, tw2s and hk2s all change it on its own
TRADITIONAL_CONTEXT_BIT = 16  # correct Simplified in some words: decided in context
# script -> (its marker bit, its context bit): a plain marker has the first and not the second
MARKER_BITS: dict[str, tuple[int, int]] = {
    "simplified": (SIMPLIFIED_BIT, SIMPLIFIED_CONTEXT_BIT),
    "traditional": (TRADITIONAL_BIT, TRADITIONAL_CONTEXT_BIT),
}
OTHER_SCRIPT: dict[str, str] = {"simplified": "traditional", "traditional": "simplified"}
CLASS_BASE = 0xE000  # Private Use Area; input private-use characters themselves map to NOT_HAN
NOT_HAN = "\x00"
BMP_SIZE = 0x10000


@cache
def class_bits() -> dict[str, int]:
    """Han character -> its evidence bits."""
    simplified, traditional = simplified_markers(), traditional_markers()
    s_context, t_context = simplified_context_chars(), traditional_context_chars()
    table: dict[str, int] = {}
    for char in all_han_chars():
        bits = HAN_BIT
        bits |= SIMPLIFIED_BIT if char in simplified else 0
        bits |= SIMPLIFIED_CONTEXT_BIT if char in s_context else 0
        bits |= TRADITIONAL_BIT if char in traditional else 0
        bits |= TRADITIONAL_CONTEXT_BIT if char in t_context else 0
        table[char] = bits
    return table


@cache
def class_string_table() -> str:
    """A translate table as a string indexed by code point (BMP): no dict lookups, no misses."""
    bits = class_bits()
    return "".join(
        "\n" if code == 0x0A else chr(CLASS_BASE + bits[chr(code)]) if chr(code) in bits else NOT_HAN
        for code in range(BMP_SIZE)
    )


@cache
def astral_class_table() -> dict[int, str]:
    """The same for Han characters outside the BMP (extensions B-G)."""
    return {ord(char): chr(CLASS_BASE + bits) for char, bits in class_bits().items() if ord(char) >= BMP_SIZE}


@cache
def class_codes() -> tuple[str, ...]:
    """The class codes that occur, so counting needs one str.count per code."""
    return tuple(sorted({chr(CLASS_BASE + bits) for bits in class_bits().values()}))


def classify_chars(text: str) -> str:
    """One class code per character of `text` (same length); line breaks stay line breaks."""
    classes = text.translate(class_string_table())  # astral characters raise IndexError: kept
    if not has_astral(classes):
        return classes
    return "".join(
        astral_class_table().get(ord(char), NOT_HAN) if char >= "\U00010000" else char for char in classes
    )


def has_astral(text: str) -> bool:
    """Whether any character lies outside the BMP (UTF-16 needs a surrogate pair for it)."""
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def count_codes(classes: str) -> dict[int, int]:
    """Evidence bits -> how many characters of `classes` carry exactly those bits."""
    counts = {}
    for code in class_codes():
        n = classes.count(code)
        if n:
            counts[ord(code) - CLASS_BASE] = n
    return counts


def sum_codes(counts: dict[int, int], wanted: int, unwanted: int = 0) -> int:
    """How many characters have all the `wanted` bits and none of the `unwanted` ones."""
    return sum(n for bits, n in counts.items() if fits(bits, wanted, unwanted))


@dataclass(frozen=True)
class Counts:
    """The evidence of a text: Han characters and markers of each script."""

    han: int = 0
    simplified: int = 0
    traditional: int = 0


@cache
def code_regex(wanted: int, unwanted: int = 0) -> re.Pattern[str]:
    """Matches the class codes with all `wanted` bits and no `unwanted` bit (a handful of codes)."""
    codes = [code for code in class_codes() if fits(ord(code) - CLASS_BASE, wanted, unwanted)]
    return re.compile("[" + "".join(codes) + "]" if codes else "(?!)")


def fits(bits: int, wanted: int, unwanted: int) -> bool:
    return bits & wanted == wanted and not bits & unwanted


def find_context_hits(text: str, classes: str, script: str) -> list[int]:
    """Positions of `script`'s context characters that OpenCC changes in their word.

    Only the Han runs (text between punctuation: no phrase spans one) that hold a candidate go
    through the first configuration, in one call; the runs holding a hit then go through the
    other two, which must change the character too.
    """
    hits = [match.start() for match in code_regex(MARKER_BITS[script][1]).finditer(classes)]
    for config in CONTEXT_CHECKS[script]:
        hits = sorted(conversions_at(text, classes, hits, config))
    return hits


def convert_pieces(config: str, pieces: list[str]) -> list[str]:
    """Each piece converted by OpenCC `config`, in one call (joined by line breaks)."""
    converted = convert_with(config, "\n".join(pieces)).split("\n")
    if len(converted) != len(pieces):  # a piece held a line break: convert one by one
        converted = [convert_with(config, piece) for piece in pieces]
    return converted


def conversions_at(text: str, classes: str, positions: list[int], config: str) -> dict[int, str]:
    """What OpenCC `config` turns the Han characters at sorted `positions` into, where it changes them.

    The Han runs holding the positions are converted together, joined by line breaks (no phrase
    spans one); a run whose length the conversion changes is left out.
    """
    runs = han_runs_holding(classes, positions)
    if not runs:
        return {}
    pieces = [text[start:end] for start, end, _ in runs]
    converted = convert_pieces(config, pieces)
    changes: dict[int, str] = {}
    for (start, end, inside), piece, out in zip(runs, pieces, converted, strict=True):
        if out != piece and len(out) == end - start:
            changes.update({p: out[p - start] for p in inside if out[p - start] != text[p]})
    return changes


def han_runs_holding(classes: str, positions: list[int]) -> list[tuple[int, int, list[int]]]:
    """(start, end, positions inside) of each Han run holding some of the sorted `positions`.

    Runs are found in the class codes, where every non-Han character is NOT_HAN or a line break,
    by C-level find / rfind from each position: no scan of the whole text.
    """
    runs: list[tuple[int, int, list[int]]] = []
    end = -1
    for position in positions:
        if position < end:
            runs[-1][2].append(position)
            continue
        start = max(classes.rfind(NOT_HAN, 0, position), classes.rfind("\n", 0, position)) + 1
        ends = [
            found for found in (classes.find(NOT_HAN, position), classes.find("\n", position)) if found >= 0
        ]
        end = min(ends, default=len(classes))
        runs.append((start, end, [position]))
    return runs


def count_kana_runs(text: str) -> int:
    return len(KANA_RUN_RE.findall(text))


def count_han(text: str) -> int:
    return len(text) - classify_chars(text).count(NOT_HAN) - text.count("\n")


def is_japanese(text: str, han: int | None = None) -> bool:
    """Kana runs all through the text, not just in a quoted title: Japanese is not Chinese.

    >>> is_japanese("東京の天気は晴れです")
    True
    >>> is_japanese("宫崎骏的《となりのトトロ》在中国上映后，票房超过了一亿元，"
    ...             "许多观众专程带着孩子去电影院重温童年，影院也为此加开了场次。"
    ...             "这部三十多年前的动画电影，今天依然能让几代人一起走进影院。")
    False
    >>> is_japanese("東京都知事選、小池氏が三選")
    True
    """
    runs = count_kana_runs(text)
    if not runs:
        return False
    han = count_han(text) if han is None else han
    return runs >= JAPANESE_KANA_RUNS_PER_HAN * han


# --- the Bayesian rule ------------------------------------------------------------------------


def log_lower_tail(a: float, b: float, x: float) -> float:
    """log of the regularised incomplete beta function I_x(a, b) (Numerical Recipes 6.4)."""
    if a == 1:  # no marker of one script, the common case: closed forms
        return math.log(-math.expm1(b * math.log1p(-x)))
    if b == 1:
        return a * math.log(x)
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1) / (a + b + 2):
        return log_front + math.log(beta_fraction(a, b, x)) - math.log(a)
    upper = math.exp(log_front) * beta_fraction(b, a, 1 - x) / b
    return math.log1p(-upper) if upper < 1 else -math.inf


def beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function, by the modified Lentz method."""
    tiny, qab, qap, qam = 1e-300, a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 10_000):
        m2 = 2 * m
        even = m * (b - m) * x / ((qam + m2) * (a + m2))
        odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        for numerator in (even, odd):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= d * c
        if abs(d * c - 1) < 1e-12:
            break
    return result


@lru_cache(maxsize=4096)  # short texts repeat the same small counts
def posteriors(simplified: int, traditional: int) -> dict[str, float]:
    """P(simplified | counts), P(traditional | counts), P(mixed | counts).

    p is the share of Simplified markers. A clean Simplified text has p in [1 - eps, 1], a clean
    Traditional one p in [0, eps], a mixed one p anywhere between (uniform in each range). A
    fixed p = 1 - eps for clean texts (a binomial) would call long clean texts mixed: with no
    minority marker in 2,000 markers, (1 - eps)^2000 loses to the mixed model's 1/2001.

    Each likelihood is the Beta function B(S + 1, T + 1), common to all three and left out,
    times the share of the Beta(S + 1, T + 1) density that falls in the label's range.
    """
    s, t, eps = simplified, traditional, MARKER_NOISE
    log_clean_s = log_lower_tail(t + 1, s + 1, eps)  # share of Traditional markers below eps
    log_clean_t = log_lower_tail(s + 1, t + 1, eps)
    middle = 1 - math.exp(log_clean_s) - math.exp(log_clean_t)
    log_like = {
        "simplified": math.log(PRIOR_SIMPLIFIED) + log_clean_s - math.log(eps),
        "traditional": math.log(PRIOR_TRADITIONAL) + log_clean_t - math.log(eps),
        "mixed": math.log(PRIOR_MIXED) + math.log(max(middle, 1e-300)) - math.log1p(-2 * eps),
    }
    top = max(log_like.values())
    weights = {label: math.exp(value - top) for label, value in log_like.items()}
    total = sum(weights.values())
    return {label: weight / total for label, weight in weights.items()}


def classify_counts(simplified: int, traditional: int, *, allow_mixed: bool) -> tuple[str, float]:
    """The most probable label for marker counts, and its posterior probability."""
    if simplified + traditional == 0:
        return "neutral", 1.0
    post = dict(posteriors(simplified, traditional))  # a copy: the cached one stays whole
    if not allow_mixed:
        del post["mixed"]
    label = max(post, key=lambda key: post[key])
    return label, post[label] / sum(post.values())


# --- detection --------------------------------------------------------------------------------


def detect_script(text: str) -> ScriptReport:
    """Label a text simplified / traditional / mixed / neutral / none, and flag machine conversion.

    >>> detect_script("这是一个简体中文的句子。").script
    'simplified'
    >>> detect_script("這是一個繁體中文的句子。").script
    'traditional'
    >>> detect_script("Hello").script
    'none'
    """
    classes = classify_chars(text)
    counts = count_codes(classes)
    han = sum(counts.values())
    if han == 0:
        return ScriptReport("none", False, 1.0, 0, 0, 0)
    if is_japanese(text, han):
        return ScriptReport("none", False, 1.0, han, 0, 0, japanese=True)
    # The majority by the markers that need no context; only the minority is counted in context
    # (for the majority, the context characters are counted by a set lookup like the rest).
    plain_s = sum_codes(counts, SIMPLIFIED_BIT, SIMPLIFIED_CONTEXT_BIT)
    plain_t = sum_codes(counts, TRADITIONAL_BIT, TRADITIONAL_CONTEXT_BIT)
    minority = "simplified" if plain_t >= plain_s else "traditional"
    hits = find_context_hits(text, classes, minority)
    total = count_evidence(counts, minority, len(hits))
    minority_markers, majority_markers = (
        (total.simplified, total.traditional)
        if minority == "simplified"
        else (total.traditional, total.simplified)
    )
    if minority_markers > majority_markers:
        # the context characters tipped the balance (a line of cited titles): count the other way
        minority = OTHER_SCRIPT[minority]
        hits = find_context_hits(text, classes, minority)
        total = count_evidence(counts, minority, len(hits))
    return decide(text, classes, total, minority, hits)


def count_evidence(counts: dict[int, int], minority: str, context_hits: int) -> Counts:
    """Marker totals: all markers of the majority script, plain plus in-context ones of the minority."""
    han = sum(counts.values())
    if minority == "simplified":
        simplified = sum_codes(counts, SIMPLIFIED_BIT, SIMPLIFIED_CONTEXT_BIT) + context_hits
        return Counts(han, simplified, sum_codes(counts, TRADITIONAL_BIT))
    traditional = sum_codes(counts, TRADITIONAL_BIT, TRADITIONAL_CONTEXT_BIT) + context_hits
    return Counts(han, sum_codes(counts, SIMPLIFIED_BIT), traditional)


def decide(text: str, classes: str, total: Counts, minority: str, hits: list[int]) -> ScriptReport:
    """The document's label from its counts and, when they look mixed, from where the minority sits."""

    def report(script: str, confidence: float, machine: bool = False) -> ScriptReport:
        leftovers = list_leftovers(text, classes, minority, hits) if machine else ()
        return ScriptReport(
            script, machine, confidence, total.han, total.traditional, total.simplified, leftovers
        )

    if total.simplified + total.traditional == 0:
        return report("neutral", total.han / (total.han + NEUTRAL_HALF_CONFIDENCE_HAN))
    short = total.han < SHORT_TEXT_HAN
    label, confidence = classify_counts(total.simplified, total.traditional, allow_mixed=not short)
    if label != "mixed":
        return report(label, confidence)
    dominant = OTHER_SCRIPT[minority]
    split = split_minority(classes, minority, hits)
    if split.largest_block >= MIN_BLOCK_MARKERS and split.in_blocks >= MIN_BLOCK_SHARE * split.total:
        return report("mixed", confidence)
    # Without the blocks (quoted names and titles), are the scattered markers more than noise?
    simplified, traditional = (
        (split.scattered, total.traditional)
        if minority == "simplified"
        else (total.simplified, split.scattered)
    )
    label, confidence = classify_counts(simplified, traditional, allow_mixed=True)
    if label == "mixed" and split.scattered >= MIN_LEFTOVERS:
        return report(dominant, confidence, machine=True)
    return report(dominant, classify_counts(simplified, traditional, allow_mixed=False)[1])


@dataclass(frozen=True)
class MinoritySplit:
    """Where a document's minority-script markers are: in runs of that script, or alone."""

    in_blocks: int = 0  # in runs of two or more consecutive minority markers
    scattered: int = 0  # alone between markers of the dominant script: leftovers, if many
    largest_block: int = 0  # the longest run

    @property
    def total(self) -> int:
        return self.in_blocks + self.scattered


def split_minority(classes: str, minority: str, hits: list[int]) -> MinoritySplit:
    """Read the markers in text order and measure the runs of minority ones.

    The class codes become one letter per marker ('m' minority, 'd' dominant, everything else
    dropped) by one translate, with the in-context hits marked first; runs are then a regex.
    """
    marked = mark_positions(classes, hits, HIT_CODE) if hits else classes
    letters = marked.translate(marker_letters(minority)).replace(NOT_A_MARKER, "")
    runs = [len(run) for run in MINORITY_RUN_RE.findall(letters)]
    in_blocks = sum(run for run in runs if run > 1)
    return MinoritySplit(in_blocks, runs.count(1), max(runs, default=0))


HIT_CODE = chr(CLASS_BASE + 0x20)  # a context character found to be a marker in its word
NOT_A_MARKER = "."
MINORITY_RUN_RE = re.compile("m+")


def mark_positions(text: str, positions: list[int], mark: str) -> str:
    """`text` with the characters at sorted `positions` replaced by `mark`."""
    pieces, last = [], 0
    for position in positions:
        pieces += [text[last:position], mark]
        last = position + 1
    pieces.append(text[last:])
    return "".join(pieces)


@cache
def marker_letters(minority: str) -> str:
    """Translate table for class codes: minority markers -> 'm', dominant ones -> 'd', else '.'.

    A string indexed by code point up to HIT_CODE, the highest character class codes hold.
    """
    minority_bits, dominant_bit = MARKER_BITS[minority], MARKER_BITS[OTHER_SCRIPT[minority]][0]
    letters = [NOT_A_MARKER] * (ord(HIT_CODE) + 1)
    letters[ord(HIT_CODE)] = "m"
    for code in class_codes():
        bits = ord(code) - CLASS_BASE
        if fits(bits, *minority_bits):
            letters[ord(code)] = "m"
        elif fits(bits, dominant_bit, 0):
            letters[ord(code)] = "d"
    return "".join(letters)


def list_leftovers(text: str, classes: str, minority: str, hits: list[int]) -> tuple[str, ...]:
    """The minority-script characters of a machine-converted text, commonest first."""
    chars = Counter(text[match.start()] for match in code_regex(*MARKER_BITS[minority]).finditer(classes))
    chars.update(text[position] for position in hits)
    return tuple(char for char, _ in chars.most_common())


# --- conversion -------------------------------------------------------------------------------

# OpenCC configuration for each target, depending on which script the text is in now.
CONVERSIONS: dict[tuple[str, str], str] = {
    ("tw", "simplified"): "tw2s",  # undoes Taiwan forms in context (看著 -> 看着, 著名 stays)
    ("hk", "simplified"): "hk2s",  # undoes Hong Kong forms (説 -> 说)
    ("simplified", "traditional"): "s2t",
    ("simplified", "tw"): "s2tw",
    ("simplified", "hk"): "s2hk",
    ("traditional", "tw"): "t2tw",  # only the regional variants: a clean text stays as written
    ("traditional", "hk"): "t2hk",
}


@cache
def regional_forms(config: str) -> frozenset[str]:
    """Characters `config` (s2tw or s2hk) writes where OpenCC-standard s2t writes another."""
    standard, regional = isolated_conversions("s2t"), isolated_conversions(config)
    return frozenset(out for char, out in regional.items() if out != standard.get(char, char))


def guess_region(text: str) -> str:
    """'hk' when the text uses more Hong Kong than Taiwan character forms (説 綫 着), else 'tw'."""
    chars = Counter(text)
    taiwan = sum(n for char, n in chars.items() if char in regional_forms("s2tw"))
    hong_kong = sum(n for char, n in chars.items() if char in regional_forms("s2hk"))
    return "hk" if hong_kong > taiwan else "tw"


def convert_script(text: str, target: str) -> str:
    """Convert a text to 'simplified', 'traditional' (OpenCC standard), 'tw' or 'hk'.

    The configuration depends on what the text is now. To Simplified: tw2s or hk2s, whichever
    region's character forms the text uses (each undoes its own forms in context; measured on
    s2tw / s2hk conversions of real pages, 100 and 98 differing characters in 54,770 against
    182 and 121 for plain t2s). To Traditional: clean Traditional text stays as written ('tw'
    and 'hk' only get regional variants, t2tw / t2hk); Simplified, mixed or machine-converted
    text goes through s2t / s2tw / s2hk, which convert its Simplified characters in context.

    >>> convert_script("以后再说", "tw")
    '以後再說'
    >>> convert_script("這裡", "simplified")
    '这里'
    """
    if target not in SCRIPT_TARGETS:
        raise ValueError(f"unknown script target {target!r}; expected one of {SCRIPT_TARGETS}")
    if target == "simplified":
        return convert_with(CONVERSIONS[(guess_region(text), "simplified")], text)
    report = detect_script(text)
    clean_traditional = report.script == "traditional" and not report.machine_converted
    source = "traditional" if clean_traditional else "simplified"
    if target == "traditional" and source == "traditional":
        return text
    return convert_with(CONVERSIONS[(source, target)], text)


# Which OpenCC configuration repairs leftovers towards each target. Not s2t for Traditional:
# its 爲 裏 着 are not in Big5 (DESIGN §4); s2tw gives the forms Taiwanese text uses.
REPAIRS: dict[str, str] = {"traditional": "s2tw", "tw": "s2tw", "hk": "s2hk", "simplified": "t2s"}


def repair_leftovers(text: str, target: str = "traditional", *, force: bool = False) -> str:
    """Convert only the leftover characters of a machine-converted text, nothing else.

    Leftovers are found as the detector finds them: characters of the other script that
    OpenCC's three configurations all change in their word (公里 and 台南 are not leftovers in
    Traditional text). Each is replaced by what s2tw (s2hk, t2s) makes of it in context; every
    other character stays exactly as it is (爲 is not respelt 為, 裏 not 裡). A text the detector
    does not call machine-converted is returned unchanged, because a stray character in a clean
    text is the author's (Taiwan writes both 了解 and 瞭解); `force=True` repairs anyway (a
    title of a machine-converted article is too short to be called machine-converted itself).
    Japanese is always left alone.

    >>> repair_leftovers("這是以后的事，公里數不變。", force=True)
    '這是以後的事，公里數不變。'
    """
    if target not in REPAIRS:
        raise ValueError(f"unknown repair target {target!r}; expected one of {tuple(REPAIRS)}")
    if is_japanese(text) or not (force or detect_script(text).machine_converted):
        return text
    leftover_script = "traditional" if target == "simplified" else "simplified"
    bit, context_bit = MARKER_BITS[leftover_script]
    classes = classify_chars(text)
    positions = [match.start() for match in code_regex(bit, context_bit).finditer(classes)]
    positions = sorted(positions + find_context_hits(text, classes, leftover_script))
    changes = conversions_at(text, classes, positions, REPAIRS[target])
    if not changes:
        return text
    chars = list(text)
    for position, char in changes.items():
        chars[position] = char
    return "".join(chars)


def fold_script(text: str) -> str:
    """Fold Traditional (and Taiwan / Hong Kong variant) characters to Simplified, for matching.

    Character by character through one translation table, so it is fast and the length never
    changes: position i of the folded text is position i of the original. It ignores words
    (乾隆 folds to 干隆; 著 folds to 着 because Taiwan writes 看著), which is what matching
    wants: both sides fold the same way. Simplified text is left as it is, but for such
    regional forms.

    >>> fold_script("關鍵詞：資料圖片僅供參考")
    '关键词：资料图片仅供参考'
    """
    folded = text.translate(fold_string_table())  # astral characters raise IndexError: kept
    return folded.translate(astral_fold_table()) if has_astral(folded) else folded


@cache
def fold_string_table() -> str:
    """fold_table for the BMP as a string indexed by code point: no dict lookups, no misses."""
    table = fold_table()
    return "".join(table.get(code, chr(code)) for code in range(BMP_SIZE))


@cache
def astral_fold_table() -> dict[int, str]:
    return {code: char for code, char in fold_table().items() if code >= BMP_SIZE}
