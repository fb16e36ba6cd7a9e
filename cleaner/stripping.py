"""The block stripper: each block of a document is kept, or removed with a category and a rule id.

A rule is a plain function `rule(block, document) -> category | None` whose `__name__` is its id
in the archive. It sees one `Block` (text, match key, size, position) and the whole `Document`
(neighbours and the context passes below, computed once per document); it returns a category
of `cleaner.record.CATEGORIES` to remove the block, or None to let the next rule judge it. The
first rule that answers wins, so the order of `DEFAULT_RULES` is part of the rules. A caller's
rules go through the same door:

    >>> def weather_box(block: Block, document: Document) -> str | None:
    ...     return "advertisement" if block.key.startswith("天气预报") else None
    >>> my_rules = (*DEFAULT_RULES, weather_box)
    >>> [r.rule for r in strip_blocks(["天气预报:晴", "正文。"], my_rules)[1]]
    ['weather_box']

Phrase lists live in cleaner/rules/*.txt (format in rules/README.txt) and are matched on the
folded key (cleaner.blocks.fold_key), so Simplified entries also cover Traditional text.
Context passes: the tail cut (related posts, comments and off-topic SEO filler after an anchor
near the end), duplicated teasers at the top, and size bounds on every phrase rule so no rule
removes a long paragraph of prose. Every pass is linear in the document's size.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from operator import add
from pathlib import Path
from typing import Any

from cleaner.blocks import bare_key, ends_sentence, fold_key, fold_keys, measure, squeeze_han_spaces
from cleaner.provenance import (
    MAX_ATTRIBUTION_CHARS,
    may_be_attribution,
    parse_dateline,
    parse_pairs,
    split_bracketed,
)
from cleaner.record import Removal

RULES_SERIES = "2026.11.2"

# --- size bounds: a phrase rule never removes a block larger than its bound ---------------------
# (sizes count Han characters plus other words: cleaner.blocks.measure)
MAX_NOTICE_SIZE = 220  # seed 000's disclaimer is ~150; a copyright-law news paragraph is longer
# a notice phrase inside a block this small makes it a notice outright (转载请注明出处); a larger
# block must be mostly notice clauses (is_notice)
MAX_PLAIN_NOTICE_SIZE = 30
MIN_NOTICE_SHARE = 0.5
MAX_MARK_SIZE = 16  # "photos © Inexhibit, 2018" yes; a sentence that happens to hold a © no
MAX_CAPTION_SIZE = 40
MAX_CREDIT_SIZE = 60  # a credit names a handful of people; a paragraph of prose is longer
MAX_NAVIGATION_SIZE = 50
MAX_LINK_SIZE = 40
MAX_FOLLOW_SIZE = 60
MAX_AD_SIZE = 12
MAX_SEO_ANCHOR_SIZE = 40
MAX_WIDGET_CHARS = 48  # widget bars are short; the word-break below is bounded by this
MAX_EMPTY_CHARS = 200
# a menu names two places at least: "About" or 联系我们 alone may be a heading
MIN_MENU_WORDS = 2
# a line that is only a date (or a date and the outlet) is a byline within this many blocks of the top
DATE_LINE_REACH = 5
MAX_DATELINE_CHARS = 80

# --- tail cut: an anchor starts the tail only when real body comes before it --------------------
MIN_BODY_BEFORE_TAIL = 40  # at least a short paragraph before a 相关推荐 line
MIN_SHARE_BEFORE_TAIL = 0.25  # and a quarter of the document: a related list may outweigh the body
# A comments anchor ("评论", "Comments") is also a plausible heading or table cell: the text
# before it must be this share of the document.
MIN_SHARE_BEFORE_COMMENTS = 0.4
# The tail after a 关键词: line is filler when its share of vocabulary (Han bigrams, other words)
# found in the body is below this fraction of how much the body's own paragraphs share with
# each other (seed 001: filler 0.17 against a body median of 0.47).
TOPIC_SHARE_RATIO = 0.6
# …and never when it shares at least this much outright.
TOPIC_SHARE_ON_TOPIC = 0.45

# --- duplicated teasers at the top -------------------------------------------------------------
MAX_TEASER_CANDIDATES = 12  # only the first blocks can be teasers: bounds the work on huge inputs
TEASER_STOP_SIZE = 25  # a block this large that repeats nothing later means the body has begun
MAX_TEASER_CHARS = 600  # longer blocks are not teasers (and are not searched for)
MIN_TEASER_EQUAL_SIZE = 5  # a heading repeated later (seed 000 line 7)…
MAX_TEASER_HEADING_SIZE = 20  # …is short; equal long paragraphs are repetition, not teasers
MAX_TEASER_TRIES = 3  # occurrences of a candidate examined before giving up
MIN_TEASER_PREFIX_SIZE = 8  # a truncated first sentence of a later paragraph (seed 000 line 9)
MIN_TEASER_CONTAINED_SIZE = 15  # a sentence lifted from the middle of a later paragraph
# what a truncated teaser may end with that the full paragraph does not have there
TEASER_TRAIL = "。.…,，;；:：!！?？ ~～-—\"'”’)）"

# how a cut-off teaser may end
TRUNCATION_MARKS = ("...", "…", "……", "..")
# a counter in brackets, "(0)", "[12]", "(1.2万)", "(99+)": a bare number or a bracketed year
# such as "(2018)" is content (infobox values, list numbers), so brackets and at most 3 digits
NUMERIC_WIDGET = re.compile(r"[(\[【]\s*(?:\d{1,3}|\d+(?:\.\d+)?\s*[万w千k]|\d+\+)\s*[)\]】]")
# a breadcrumb trail: three or more short segments joined by > » ›
BREADCRUMB = re.compile(r"[^>»›]{1,20}(?:\s*[>»›]\s*[^>»›]{1,40}){2,}")
# what may lead a navigation or caption line: arrows, brackets, bullets
LEADING_DECORATION = " \t«‹<←【[（(•·*#>》»→-—▶▷►☞"
DIGITS = re.compile(r"\d+")
# a quotation (in a folded key): what a news paragraph reports a notice saying is not a notice
QUOTED = re.compile(r"“[^”]{0,60}”|「[^」]{0,60}」|『[^』]{0,60}』|\"[^\"]{0,60}\"|‘[^’]{0,60}’")
# a clause of a folded key: full-width ，。；！？ are already , . ; ! ? after NFKC
CLAUSE = re.compile(r"[^,.;!?]+")
# whole-block phrases are short; longer blocks are not compared with them
MAX_EQUALS_CHARS = 60


@dataclass(frozen=True)
class Block:
    """One paragraph of a document, with what rules match on."""

    index: int
    text: str  # as in the document, stripped
    key: str  # fold_key(text): script-folded, NFKC, case-folded, spaces collapsed (none between Han)
    bare: str  # key without spaces, punctuation and symbols
    size: int  # Han characters plus other words
    letters: str = ""  # bare key without digits: what whole-block (=) phrases and widget words compare
    lead: str = ""  # key without leading arrows, brackets and bullets: what (^) phrases compare


Rule = Callable[[Block, "Document"], "str | None"]


@dataclass(frozen=True)
class PhraseList:
    """A category's phrases: whole-block (=), leading (^) and contained entries, already folded."""

    equals: frozenset[str]
    prefixes: tuple[str, ...]
    contains: re.Pattern[str] | None

    def matches(self, block: Block) -> bool:
        if self.equals and len(block.bare) <= MAX_EQUALS_CHARS and block.letters in self.equals:
            return True
        if self.prefixes and block.lead.startswith(self.prefixes):
            return True
        return self.contains is not None and self.contains.search(block.key) is not None


def rules_folder() -> Path:
    """cleaner/rules: the phrase lists (shipped as package data)."""
    return Path(__file__).resolve().parent / "rules"


@cache
def load_phrases(name: str) -> PhraseList:
    """rules/<name>.txt as a PhraseList."""
    equals, prefixes, contains = set(), [], []
    for line in (rules_folder() / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if entry.startswith("="):
            equals.add(DIGITS.sub("", bare_key(fold_key(entry[1:]))))
        elif entry.startswith("^"):
            prefixes.append(fold_key(entry[1:]))
        else:
            contains.append(fold_key(entry))
    return PhraseList(
        frozenset(e for e in equals if e),
        tuple(p for p in prefixes if p),
        compile_phrases(contains),
    )


def compile_phrases(phrases: list[str]) -> re.Pattern[str] | None:
    """One pattern finding any of `phrases`, the longest where several start at the same place.

    Grouped by first character (版(?:权所有|权声明)|转(?:载请注明)): at each position the engine
    tries only the phrases that can start there, twice as fast as one flat alternation, same matches.
    """
    groups: dict[str, list[str]] = {}
    for phrase in sorted((p for p in phrases if p), key=len, reverse=True):
        groups.setdefault(phrase[0], []).append(re.escape(phrase[1:]))
    pattern = "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())
    return re.compile(pattern) if pattern else None


@cache
def load_words(name: str) -> frozenset[str]:
    """rules/<name>.txt as a set of bare words (for the widget word-break)."""
    words = set()
    for line in (rules_folder() / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        entry = line.strip()
        if entry and not entry.startswith("#"):
            words.add(DIGITS.sub("", bare_key(fold_key(entry.lstrip("=^")))))
    return frozenset(w for w in words if w)


def compute_rules_version() -> str:
    """RULES_SERIES plus a short hash of the rule data and the code that applies it."""
    digest = hashlib.sha256()
    for path in sorted(rules_folder().glob("*.txt")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    here = Path(__file__).resolve().parent
    for module in ("stripping.py", "provenance.py", "blocks.py"):
        digest.update((here / module).read_bytes())
    return f"{RULES_SERIES}+{digest.hexdigest()[:8]}"


# --- the document and its context passes -------------------------------------------------------


class Document:
    """The blocks of one document and the context passes rules consult (each computed once)."""

    def __init__(self, texts: Sequence[str]) -> None:
        blocks = []
        for index, (text, folded) in enumerate(zip(texts, fold_keys(texts), strict=True)):
            key = squeeze_han_spaces(folded)
            bare = bare_key(key)
            lead = key[:MAX_EQUALS_CHARS].lstrip(LEADING_DECORATION)
            blocks.append(Block(index, text, key, bare, measure(text), DIGITS.sub("", bare), lead))
        self.blocks: tuple[Block, ...] = tuple(blocks)
        self.total_size = sum(block.size for block in self.blocks)
        self.memos: dict[str, Any] = {}

    def memo(self, name: str, compute: Callable[[], Any]) -> Any:
        """compute() once per document: for rules that need a document-wide fact."""
        if name not in self.memos:
            self.memos[name] = compute()
        return self.memos[name]

    @cached_property
    def tail(self) -> dict[int, tuple[str, str]]:
        """block index -> (category, rule) for the blocks a tail anchor cuts off."""
        return find_tail(self)

    @cached_property
    def tail_start(self) -> int:
        """Index of the first block of the tail cut (len(blocks) when nothing is cut)."""
        cut = [index for index, (_, rule) in self.tail.items() if rule.endswith("_tail")]
        return min(cut, default=len(self.blocks))

    @cached_property
    def teasers(self) -> frozenset[int]:
        return find_teasers(self)


def is_tail_anchor(block: Block) -> tuple[str, str] | None:
    """(category, rule) when the block is an anchor that may start a tail."""
    if block.size > MAX_SEO_ANCHOR_SIZE:
        return None
    if block.letters in load_phrases("related_posts").equals:
        return "related_posts", "related_posts_tail"
    if block.letters in load_phrases("comments").equals:
        return "comments", "comments_tail"
    if load_phrases("seo_filler").matches(block):
        return "seo_filler", "seo_filler_tail"
    return None


def find_tail(document: Document) -> dict[int, tuple[str, str]]:
    """The blocks cut off by tail anchors: everything after the first anchor near the end.

    A later anchor changes the category from there on (related posts, then comments). After a
    关键词: anchor the rest goes only when it is off-topic (seed 001); otherwise the keyword line
    alone is removed and the text after it stays.
    """
    blocks = document.blocks
    marks: dict[int, tuple[str, str]] = {}
    before = 0
    current: tuple[str, str] | None = None
    for block in blocks:
        anchor = is_tail_anchor(block)
        share = before / document.total_size if document.total_size else 0.0
        needed = MIN_SHARE_BEFORE_COMMENTS if anchor and anchor[0] == "comments" else MIN_SHARE_BEFORE_TAIL
        if anchor is not None and before >= MIN_BODY_BEFORE_TAIL and share >= needed:
            on_topic = (
                anchor[0] == "seo_filler"
                and current is None
                and not is_off_topic(blocks[: block.index], blocks[block.index + 1 :])
            )
            if on_topic:
                marks[block.index] = ("seo_filler", "keywords_line")
                before += block.size
                continue
            current = anchor
        if current is not None:
            marks[block.index] = current
        before += block.size
    return marks


def topic_units(text: str) -> set[str]:
    """Han bigrams and lower-case words: the vocabulary a topic check compares."""
    units: set[str] = set()
    for run in TOPIC_RUN.findall(text):
        if HAN_RUN.match(run):
            units.update(map(add, run, run[1:]) if len(run) > 1 else (run,))  # bigrams, built in C
        else:
            units.add(run)
    return units


TOPIC_RUN = re.compile(r"[\u3400-\u9fff]+|[a-z][a-z0-9'-]+|\d{3,}")
HAN_RUN = re.compile(r"[\u3400-\u9fff]")


def is_off_topic(body: Sequence[Block], tail: Sequence[Block]) -> bool:
    """True when `tail` shares much less vocabulary with `body` than the body shares with itself."""
    body_units = [topic_units(block.key) for block in body]
    tail_units = set().union(*(topic_units(block.key) for block in tail)) if tail else set()
    if not tail_units or not any(body_units):
        return bool(tail_units)
    frequency: Counter[str] = Counter()
    for units in body_units:
        frequency.update(units)
    vocabulary = set(frequency)
    tail_share = len(tail_units & vocabulary) / len(tail_units)
    own = sorted(sum(frequency[u] > 1 for u in units) / len(units) for units in body_units if len(units) >= 4)
    body_share = own[len(own) // 2] if own else 1.0
    return tail_share < TOPIC_SHARE_ON_TOPIC and tail_share < TOPIC_SHARE_RATIO * body_share


def teaser_form(block: Block) -> str:
    """What teaser matching compares: the key without spaces or a truncated teaser's trailing marks."""
    return block.key.replace(" ", "").rstrip(TEASER_TRAIL).rstrip(".")


def find_teasers(document: Document) -> frozenset[int]:
    """Indices of top blocks repeated later: a cut-off copy of a later paragraph, or a heading.

    A teaser is a sentence that is a strict prefix of (or lies inside) a later, longer paragraph
    (seed 000 lines 3, 5, 9). A short heading equal to a later heading (line 7) counts only beside
    such a teaser: a page that merely repeats whole paragraphs (a quoted chorus, a test page of
    identical lorem ipsum) has no teaser zone. Only the first MAX_TEASER_CANDIDATES blocks are
    candidates and the scan stops where the body begins; each candidate costs a few substring
    searches in the joined text, so the work is linear in the document's size.
    """
    blocks = document.blocks[: document.tail_start]
    if len(blocks) < 2:
        return frozenset()
    forms = [block.key.replace(" ", "") for block in blocks]
    joined = "\n" + "\n".join(forms) + "\n"
    starts, offset = [], 1
    for form in forms:
        starts.append(offset)
        offset += len(form) + 1
    cut_copies, headings = set(), set()
    for block in blocks[:MAX_TEASER_CANDIDATES]:
        if block.index + 1 >= len(blocks):
            break
        later = starts[block.index + 1]
        if len(block.text) <= MAX_TEASER_CHARS and is_cut_copy(block, joined, later):
            cut_copies.add(block.index)
        elif is_repeated_heading(block, joined, later):
            headings.add(block.index)
        elif is_body_start(block):
            break  # a paragraph that repeats nothing: the body has begun (a long title does not count)
    return frozenset(cut_copies | headings) if cut_copies else frozenset()


def is_body_start(block: Block) -> bool:
    """True when a block that repeats nothing later shows the body has begun: a sentence of prose,
    or a long block. Teasers sit in a zone of their own ABOVE the body they repeat: a paragraph
    of the body repeated further down (a quoted refrain, a test page of lorem ipsum) is not one."""
    if block.size >= 2 * TEASER_STOP_SIZE:
        return True
    return block.size >= MIN_TEASER_PREFIX_SIZE and ends_sentence(block.text)


def is_repeated_heading(block: Block, joined: str, later: int) -> bool:
    """True when a short heading-like block (no sentence end) recurs whole after `later`."""
    if not MIN_TEASER_EQUAL_SIZE <= block.size <= MAX_TEASER_HEADING_SIZE or ends_sentence(block.text):
        return False
    return joined.find("\n" + block.key.replace(" ", "") + "\n", later - 1) >= 0


def is_cut_copy(block: Block, joined: str, later: int) -> bool:
    """True when the block, a sentence (or a cut one: 来自Peter。/ …), starts or lies inside a
    LONGER block after `later`."""
    if not (ends_sentence(block.text) or block.text.endswith(TRUNCATION_MARKS)):
        return False
    form = teaser_form(block)
    if not form or block.size < MIN_TEASER_PREFIX_SIZE:
        return False
    for _ in range(MAX_TEASER_TRIES):  # the first few occurrences only: bounded work
        found = joined.find(form, later)
        if found < 0:
            return False
        block_start = joined.rfind("\n", 0, found) + 1
        block_end = joined.find("\n", found)
        is_prefix = block_start == found
        if block_end - block_start > len(form) + 1 and (is_prefix or block.size >= MIN_TEASER_CONTAINED_SIZE):
            return True
        later = found + 1
    return False


# --- the rules ---------------------------------------------------------------------------------


def seo_filler_tail(block: Block, document: Document) -> str | None:
    """Off-topic blurbs after a 关键词:/Tags: line (and the keyword line itself)."""
    mark = document.tail.get(block.index)
    return mark[0] if mark and mark[0] == "seo_filler" and mark[1] == "seo_filler_tail" else None


def keywords_line(block: Block, document: Document) -> str | None:
    """A 关键词:/Tags: line followed by on-topic text: the line goes, the text stays."""
    mark = document.tail.get(block.index)
    return mark[0] if mark and mark[1] == "keywords_line" else None


def related_posts_tail(block: Block, document: Document) -> str | None:
    """A 相关推荐 / Related articles anchor near the end and everything after it."""
    mark = document.tail.get(block.index)
    return mark[0] if mark and mark[0] == "related_posts" else None


def comments_tail(block: Block, document: Document) -> str | None:
    """A 网友评论 / Comments anchor after the body and everything after it."""
    mark = document.tail.get(block.index)
    return mark[0] if mark and mark[0] == "comments" else None


def duplicate_teaser(block: Block, document: Document) -> str | None:
    """A summary paragraph at the top repeated (or truncated) later in the body (seed 000)."""
    return "duplicate_teaser" if block.index in document.teasers else None


def attribution_line(block: Block, document: Document) -> str | None:
    """来源:X / 本文来自微信公众号:X (ID:y),作者:Z / By X / Source: X (parsed into metadata)."""
    if len(block.text) > MAX_ATTRIBUTION_CHARS or not may_be_attribution(block.key):
        return None
    pairs = parse_pairs(block.text)
    if not pairs:
        split = split_bracketed(block.text)
        if split is None or not parse_pairs(split[0]) or not is_chrome(split[1]):
            return None
        return "source_attribution"  # 【编辑:X】 返回首页: the byline, then a link of the page
    if all(fields == ("views",) for fields, _ in pairs):
        return None  # 阅读:1268 alone is a counter (widget_counter), not a byline
    return "source_attribution"


def credit_line(block: Block, document: Document) -> str | None:
    """ "A and B contributed to this report." / 实习生王五对本文亦有贡献: a credit said in words."""
    matched = block.size <= MAX_CREDIT_SIZE and load_phrases("credit_line").matches(block)
    return "source_attribution" if matched else None


def is_chrome(text: str) -> bool:
    """True when `text` alone would be removed as navigation, a widget, a menu or a follow-us call."""
    rest = Document([text])
    return judge(rest.blocks[0], rest, CHROME_RULES) is not None


def dateline(block: Block, document: Document) -> str | None:
    """A date, alone or beside the outlet's name, at the top (2026-03-05 08:30 江城科技网)."""
    if block.index >= DATE_LINE_REACH or not DIGITS.search(block.text[:MAX_DATELINE_CHARS]):
        return None
    return "source_attribution" if parse_dateline(block.text) else None


def copyright_notice(block: Block, document: Document) -> str | None:
    """声明 / 版权归原作者所有 / 未经允许不得转载 / All rights reserved / a short line with ©."""
    if block.size <= MAX_NOTICE_SIZE and is_notice(block, load_phrases("copyright_notice")):
        return "copyright_notice"
    if block.size <= MAX_MARK_SIZE and load_phrases("copyright_mark").matches(block):
        return "copyright_notice"
    return None


def is_notice(block: Block, phrases: PhraseList) -> bool:
    """True when the block opens as a notice (声明: / 特别声明 / ©) or is mostly notice clauses.

    A phrase found inside a longer block makes it a notice only when the clauses holding notice
    phrases are at least MIN_NOTICE_SHARE of it: "本文仅代表作者观点，版权归原作者所有，如有侵权
    请联系删除" is all notice; a news paragraph reporting that a site marked its articles 未经允许
    不得转载 is mostly report. A phrase in quotation marks is quoted, never a notice of this page.
    """
    if (block.letters in phrases.equals and len(block.bare) <= MAX_EQUALS_CHARS) or (
        phrases.prefixes and block.lead.startswith(phrases.prefixes)
    ):
        return True
    if phrases.contains is None or phrases.contains.search(block.key) is None:
        return False
    key = QUOTED.sub(lambda quoted: " " * len(quoted.group(0)), block.key)  # same length: spans still align
    if block.size <= MAX_PLAIN_NOTICE_SIZE:
        return phrases.contains.search(key) is not None
    spans = [match.span() for match in phrases.contains.finditer(key)]
    noticed = total = 0
    for clause in CLAUSE.finditer(key):
        size = measure(clause.group(0))
        if not size:
            continue  # only clauses with words are compared: at most MAX_NOTICE_SIZE of them, bounded work
        total += size
        if any(start < clause.end() and clause.start() < end for start, end in spans):
            noticed += size
    return total > 0 and noticed >= MIN_NOTICE_SHARE * total


def image_caption(block: Block, document: Document) -> str | None:
    """图片来自:X / (资料图片仅供参考) / Photo: X."""
    matched = block.size <= MAX_CAPTION_SIZE and load_phrases("image_caption").matches(block)
    return "image_caption" if matched else None


def related_link(block: Block, document: Document) -> str | None:
    """One link to another article: "Read more: <headline>", 推荐阅读：<标题> (the text after it stays)."""
    phrases = load_phrases("related_posts")
    if block.size > MAX_LINK_SIZE or not block.lead.startswith(phrases.prefixes):
        return None
    return "related_posts"


def navigation(block: Block, document: Document) -> str | None:
    """上一篇 / 下一篇 / breadcrumbs (首页 > 新闻 > 正文) / Next article."""
    if block.size > MAX_NAVIGATION_SIZE:
        return None
    if load_phrases("navigation").matches(block) or BREADCRUMB.fullmatch(block.key):
        return "navigation"
    return None


def follow_us(block: Block, document: Document) -> str | None:
    """扫码关注 / 长按识别二维码 / Follow us / Subscribe to our newsletter."""
    matched = block.size <= MAX_FOLLOW_SIZE and load_phrases("follow_us").matches(block)
    return "follow_us" if matched else None


def advertisement(block: Block, document: Document) -> str | None:
    """广告 / 推广 / Sponsored labels."""
    matched = block.size <= MAX_AD_SIZE and load_phrases("advertisement").matches(block)
    return "advertisement" if matched else None


def widget_counter(block: Block, document: Document) -> str | None:
    """阅读 123 · 点赞 · 分享 / (0) / Share this / 12 comments: counters and share bars."""
    if len(block.key) > MAX_WIDGET_CHARS:
        return None
    if NUMERIC_WIDGET.fullmatch(block.key):
        return "widget_counter"
    letters = block.letters
    return "widget_counter" if letters and is_made_of(letters, load_words("widget_counter")) else None


def menu_line(block: Block, document: Document) -> str | None:
    """网站地图 | 联系我们 | 关于我们 / About us · Contact · Privacy policy: a site's menu or footer."""
    if len(block.key) > MAX_WIDGET_CHARS or not block.letters:
        return None
    return "navigation" if count_words(block.letters, load_words("menu_words")) >= MIN_MENU_WORDS else None


def is_made_of(text: str, words: frozenset[str]) -> bool:
    """True when `text` is a concatenation of `words` (word break; `text` is short)."""
    return count_words(text, words) > 0


def count_words(text: str, words: frozenset[str]) -> int:
    """The fewest `words` that concatenate to `text`, 0 when they cannot (word break; `text` is short)."""
    lengths, initials = word_shapes(words)
    if not text or text[0] not in initials:
        return 0  # most blocks: settled by their first character
    size = len(text)
    unreached = size + 1
    fewest = [0] + [unreached] * size  # fewest[i]: the fewest words covering text[:i]
    for start in range(size):
        if fewest[start] == unreached:
            continue
        after = fewest[start] + 1
        for length in lengths:
            end = start + length
            if end <= size and fewest[end] > after and text[start:end] in words:
                fewest[end] = after
    return fewest[size] if fewest[size] != unreached else 0


@cache
def word_shapes(words: frozenset[str]) -> tuple[tuple[int, ...], frozenset[str]]:
    """The distinct lengths of `words` and their first characters: what a word break needs to try."""
    return tuple(sorted({len(w) for w in words})), frozenset(w[0] for w in words)


def punctuation_only(block: Block, document: Document) -> str | None:
    """A line of only punctuation or symbols (——, ***, •): nothing to read."""
    return "empty" if not block.bare and len(block.key) <= MAX_EMPTY_CHARS else None


DEFAULT_RULES: tuple[Rule, ...] = (
    seo_filler_tail,
    related_posts_tail,
    comments_tail,
    keywords_line,
    duplicate_teaser,
    attribution_line,
    credit_line,
    copyright_notice,
    image_caption,
    related_link,
    navigation,
    follow_us,
    advertisement,
    widget_counter,
    menu_line,
    dateline,  # after navigation: "上一篇 2026年3月2日" is a link with a date, not a dateline
    punctuation_only,
)

# what may follow a bracketed byline on the same line (attribution_line)
CHROME_RULES: tuple[Rule, ...] = (navigation, widget_counter, menu_line, follow_us)

RULES_VERSION: str = compute_rules_version()


def judge(block: Block, document: Document, rules: Sequence[Rule]) -> Removal | None:
    """The first rule's verdict on `block`, as a Removal, or None to keep it."""
    for rule in rules:
        category = rule(block, document)
        if category:
            return Removal(category, getattr(rule, "__name__", type(rule).__name__), block.text, block.index)
    return None


def strip_blocks(
    texts: Sequence[str], rules: Sequence[Rule] = DEFAULT_RULES
) -> tuple[list[Block], list[Removal]]:
    """The blocks to keep and the removals, in document order."""
    document = Document(texts)
    kept: list[Block] = []
    removed: list[Removal] = []
    for block in document.blocks:
        removal = judge(block, document, rules)
        if removal is None:
            kept.append(block)
        else:
            removed.append(removal)
    return kept, removed
