"""Provenance: attribution lines, datelines and notices turned into metadata fields.

An attribution line is made only of `label: value` pairs (labels in rules/source_attribution.txt),
optionally after a date. Labels are found in the script-folded text and values are cut from the
original, so a Traditional page keeps its Traditional names (seed 001: 頭圖來自:視覺中國).
A line that is not pairs may still be a byline of a known shape, tried in this order: a credit
closed by a Minguo date code (（編輯：黃靜宜）1140302), a WeChat header (原创 <author> <account>
<date> 发表于<province>), or a byline row whose parts, split at | • and wide spaces, are each a
pair, a date, a counter, a category or one short name (发布于 2025-03-09 | 作者：阿青 | 阅读(2,318)).
A wire lead opening a paragraph of the body is read by cleaner.leads.

    >>> fields = parse_attribution("本文来自微信公众号:山海观察 (ID:shanhai-watch),作者:周明远,编辑:陈可")
    >>> fields["original_source"], fields["original_source_id"], fields["author"], fields["editor"]
    ('山海观察', 'shanhai-watch', '周明远', '陈可')
    >>> parse_attribution("作者认为这个问题很复杂。") is None
    True
    >>> notice_fields("声明:该内容不代表某某网观点或立场")
    {'site': '某某网'}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from cleaner.blocks import HAN, fold_aligned, fold_key, squeeze_han_spaces
from cleaner.dates import MONTH_NAME, ROC_DAY, ROC_YEAR_ZERO

# An attribution line is short: longer lines are prose that happens to start with 作者 or 来源.
MAX_ATTRIBUTION_CHARS = 240
# A line this short may separate a label from its value with a space only (记者 张三 通讯员 李四).
MAX_LOOSE_CHARS = 40
# The outlet beside a date in a dateline (2026-03-05 08:30 江城科技网) is short.
MAX_DATELINE_NAME_CHARS = 12
# A name, outlet or agency fits in this many characters; a longer "value" is a sentence.
MAX_VALUE_CHARS = 48
# …and in this many words (English "By the time we arrived at the station" is not a byline).
MAX_VALUE_WORDS = 6
# A value of more words than this that ends with a full stop is a sentence.
MAX_NAME_WORDS = 3
# URLs are the exception.
MAX_URL_CHARS = 400
# A Chinese value going on after a comma for longer than this is a clause, not a name (or two).
MAX_LISTED_NAME_CHARS = 12
CLAUSE_MARK = re.compile(r"[，,]")
# A value holding a Chinese sentence end is prose, not a name.
PROSE_MARK = re.compile(r"[。！？]|[.!?]\s+\S")
# A bar, bullet or spaced dot inside a value: the line is a byline row of parts (parse_row).
ROW_MARK = re.compile(r"[|｜¦•]|\s[·・丨]\s")
# Characters that separate attribution pairs, or wrap them, in the folded text.
SEPARATORS = " \t,;、|()[]【】<>《》·•—-_:/\u3000，；：（）｜［］〔〕「」"
LABEL_SEPARATOR = r"\s*(?::|\||丨|/|\t)\s*"  # a tab: a label table copied as text
# What a label may follow: the start of the line or a separator.
LABEL_START = r"(?:^|(?<=[\s,;、|()\[\]【】·•/]))"
# Dates in a line or a value: 2023-12-13, 2023年12月13日 10:20, March 3, 2024, 3 March 2024.
DATE = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"  # numeric
    rf"|{ROC_DAY}\s*日?"  # Taiwan's: 113-09-02
    rf"|{MONTH_NAME}\s+\d{{1,2}},?\s+\d{{4}}"  # March 3, 2024
    rf"|\d{{1,2}}\s+{MONTH_NAME},?\s+\d{{4}}",  # 3 March 2024
    re.IGNORECASE,
)
# Weekdays beside a date are part of the date, not an outlet's name.
WEEKDAY_PATTERN = (
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"  # Tuesday
    r"|\b(?:mon|tue|wed|thu|fri|sat|sun)(?=[.,])\.?"  # Tue, / Sat. (abbreviated: only before . or ,)
    r"|(?:星期|礼拜|禮拜)[一二三四五六日天]|[周週][一二三四五六日]"  # 星期二, 週二
)
WEEKDAY = re.compile(WEEKDAY_PATTERN, re.IGNORECASE)
# What may follow a date and still belong to it (matched on folded text, so lower case):
# a weekday (2025年7月8日 星期二), a clock time (14:20, at 10:42), AM/PM and a time zone (GMT+1, EST).
CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?"
ZONE = (
    r"\b(?:(?:gmt|utc)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?"  # GMT+1, UTC+08:00, GMT
    r"|[ecmp][sd]?t|bst|cest|cet|hkt|jst|kst|sgt|aest|aedt)\b"  # EST, PDT, ET, CET, HKT…
)
DATE_TAIL = re.compile(
    rf"(?P<weekday>\s*,?\s*(?:{WEEKDAY_PATTERN}))?"
    rf"(?P<time>(?:\s*,?\s*(?:at\s+)?{CLOCK})?(?:\s*[ap]\.?m\b\.?)?(?:\s*{ZONE})?)",
    re.IGNORECASE,
)
# A time relative to the day the page was read: it dates nothing (Updated 2 hours ago, 3小时前).
RELATIVE_TIME = re.compile(
    r"(?:\d{1,3}|an?|one)\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago"
    r"|\d{1,3}\s*(?:秒|分钟|小时|天|周|个月|年)前"
    r"|just now|刚刚|yesterday|昨天",
    re.IGNORECASE,
)
# The page of a printed edition in an e-paper's dateline: 江城日报 2025年01月08日 第05版：经济.
EDITION_PAGE = re.compile(r"第\s*[A-Za-z]?\d{1,3}\s*版(?:\s*[:：]\s*[\u4e00-\u9fff]{1,8})?")
# An update notice after a dateline's date: March 4, 2025 9:12 AM GMT+1 Updated 2 hours ago.
UPDATE_TAIL = re.compile(
    rf"\s*[|·,]?\s*(?:updated|更新于|更新)\s*:?\s*(?:{RELATIVE_TIME.pattern}|(?:{DATE.pattern}))",
    re.IGNORECASE,
)
# Site names inside disclaimers (seed 000): 不代表<site>观点 / <site>仅提供信息存储服务.
NOTICE_SITE = (
    re.compile(r"不代表\s*(?P<site>[^\s,;:。!?、]{2,24}?)\s*(?:的)?(?:观点|立场|态度)"),
    re.compile(r"(?P<site>[^\s,;:。!?、]{2,24}?)\s*仅提供信息(?:存储|发布)(?:空间)?服务"),
)
# An outlet's name glued to the reporter label (新华社记者 / 光明日报记者 / 江城电视台记者): Han
# characters ending like an outlet (报 社 网 台 刊 站 视 闻), then the label.
OUTLET_REPORTER = re.compile(
    r"[\s(\[【（]*(?P<outlet>[\u4e00-\u9fff]{1,10}?[报社网台刊站视闻])\s*(?P<rest>(?:特约|见习|实习|首席)?记者)"
)
# Where a reporter filed from, after the name (記者 陳怡君／台南報導, 记者 王五/北京报道).
REPORTED_FROM = re.compile(r"\s*[/／]\s*[^\s/／]{1,8}(?:報導|报导|報道|报道)\s*$")
# An attribution in brackets opening a line, before a link of the page's chrome (portals append
# 返回首页 / 查看更多 to the editor's line): the part up to the closing bracket.
BRACKETED_HEAD = re.compile(r"\s*[【\[(（]([^】\])）]{1,80})[】\])）]")
# A value whose bracket closes (with no opening one) before more text: the pair ended there.
CLOSED_EARLY = re.compile(r"[^(（\[【]*[)）\]】]\s*\S")
BRACKET_PAIRS = (("(", ")"), ("（", "）"), ("[", "]"), ("【", "】"), ("《", "》"), ("「", "」"))
# Names in a credit list (Reporting by A, B and C; 记者 王五 赵六): each this many words at most.
MAX_LISTED_NAME_WORDS = 4
MAX_NAME_LIST_CHARS = 200
NAME_LIST_SPLIT = re.compile(r"\s*(?:[,;、，；]|\band\b|\bwith\b|&)\s*")
NAME_PARTICLES = frozenset(
    {"de", "da", "di", "van", "von", "der", "den", "bin", "al", "el", "la", "le", "du", "dos"}
)
# Fields that hold people's names, which may come as a list.
NAME_FIELDS = frozenset({"author", "editor", "translator", "image_credit", "credits"})
# "本站" is not a name.
GENERIC_SITES = frozenset(
    {"本站", "本网", "本网站", "本平台", "平台", "本号", "本公众号", "我们", "我司", "本刊", "本报"}
)
# Fields whose values may be long.
LONG_FIELDS = frozenset({"url", "original_title"})
# Entries of the rules file that are not labels of an attribution line (their "field" says so):
# a part a byline row may hold that says nothing of provenance (分类：X, 评论(7), 原创)…
UNRECORDED = "-"
# …and a place wire leads file from (中央社記者林佳穎高雄3日電).
PLACE = "place"
# Fields a date label fills: its value must be a date.
DATE_FIELDS = ("published", "updated", "document_date")  # document_date: a notice's 成文日期
# Fields a counter may fill (阅读(2,318) -> views; 评论(7) fills nothing).
COUNTER_FIELDS = frozenset({"views", UNRECORDED})

# --- byline rows: 发布于 2025-03-09 | 分类：家庭园艺 | 作者：阿青 | 阅读(2,318) | 评论(12) ------------
ROW_SEPARATOR = re.compile(
    r"\s*[|｜¦]\s*"  # a bar (also the full-width one)
    r"|\s*•\s*"  # a bullet
    r"|\s+[·・丨]\s+"  # a spaced dot: 约翰·史密斯 is one name, "2024-07-21 · 8 min read" two parts
    r"|\s*\u3000[\s\u3000]*"  # a wide space: 2025-01-12　by 小晴
    # two spaces or more, but not the padding inside a label (来  源：, between two Han characters)
    r"|(?<![ \t\u3400-\u9fff])[ \t]{2,}(?![ \t])|(?<![ \t])[ \t]{2,}(?![ \t\u3400-\u9fff])"
)
# What makes parse_pairs() look at a line that opens with no label: a row's separators.
ROW_HINT = re.compile(r"[|•]| [·・丨] ")
# A row has a handful of parts; more is a menu or a table row.
MAX_ROW_PARTS = 8
# A part that is only a short name (a category or a place: 旅行手記, LONDON) may appear once, in a
# row of at least two other parts ("Title | 作者：X" is a title beside a byline, not a row).
MAX_BARE_PARTS = 1
MIN_PARTS_BESIDE_BARE = 2
BARE_PART = re.compile(r"(?:[^\W\d_]|[ .'’-])+")
# A counter's number: 2,318 / 2.3k / 10万+ (folded text).
COUNT = r"\d[\d,.]*(?:\s*[kmw万千亿])?\+?"
# A forum post's floor before its header: 3楼, 12#, #5, 7F (楼主/沙发/板凳 are rule entries).
FLOOR_MARK = re.compile(r"\s*(?:#\d{1,5}|\d{1,5}\s*(?:楼|#|f\b))\s*")

# --- WeChat article headers: 原创 苏木 江南草木记 2025-04-02 06:45 发表于江苏 ------------------
# [原创] [author] account date [发表于<province>], on folded text. The author is optional (an
# account that names no author shows its own name only); 原创 or 发表于 must be there, or the line
# is a date beside two words. The province is where the account posted from, not a field.
NAME_TOKEN = r"[^\s\d,;:!?，。：；！？、()\[\]]"
WECHAT_HEADER = re.compile(
    r"\s*(?P<original>原创\s+)?"
    rf"(?:(?P<author>{NAME_TOKEN}{{2,12}})\s+)??"
    rf"(?P<account>{NAME_TOKEN}{{2,16}})\s+"
    rf"(?P<date>{DATE.pattern})"
    r"(?:\s*(?P<posted>发表于)\s*[\u4e00-\u9fff]{2,8})?\s*$",
    re.IGNORECASE,
)

# --- Minguo date codes: （編輯：黃靜宜）1140302 ends a CNA report -------------------------------
# Year (Minguo: 114 = 2025), month and day, after the bracket closing the credits (folded text).
MINGUO_DATE_CODE = re.compile(r"(?<=[)\]】])\s*(?P<year>1\d{2})(?P<month>\d{2})(?P<day>\d{2})\s*$")

# --- names: what is not part of a name ---------------------------------------------------------
# A portal's staff code after the editor's name: 周婷_NN0231 (NetEase), 许晴  SN096.
# A byline's job title after the name: "By Dana Whitfield, Staff Writer", "Consumer Affairs Reporter".
JOB_TITLE = re.compile(
    r",\s*(?:[\w&'’-]+\s+){0,4}(?:writer|reporter|editor|correspondent|columnist|contributor|journalist"
    r"|producer|critic|photographer|intern)s?\.?\s*$",
    re.IGNORECASE,
)
# A second credit after the reporter's name, which is not the author: 记者 彭晓岚 通讯员 唐毅.
SECOND_CREDIT = re.compile(r"\s+(?:通讯员|通訊員|实习生|實習生)\s*\S.*$")
LONE_CLOCK = re.compile(r"\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?", re.IGNORECASE)  # 5.02pm, the British way
STAFF_CODE = re.compile(r"(?:_|\s+)[A-Za-z]{1,4}\d{2,6}$")
# A Chinese byline's department or beat before the name and the post or title after it:
# 法庭記者 鄧穎欣, 皮膚科 鄭宇辰醫師, 刘䶮（超声医学科 副主任医师）.
CJK_ROLE_BEFORE = re.compile(r"^[\u3400-\u9fff]{1,8}(?:记者|記者|科|部|组|組|室)\s+(?=[\u3400-\u9fff])")
CJK_POST_AFTER = re.compile(
    r"(?<=[\u3400-\u9fff]{2})(?:[（(][^()（）]{1,30}[)）]|\s*(?:医师|醫師|医生|醫生|主任|教授|律师|律師)"
    r"|\s*[发發]自\s*[\u3400-\u9fff]{2,6})\s*$"  # 罗一帆 发自九江: where the report was filed
)


@dataclass(frozen=True)
class Label:
    """One attribution label: its folded text, the fields it fills, and whether it needs a separator."""

    text: str
    fields: tuple[str, ...]
    direct: bool  # the value follows the label directly (本文来自X)
    after_value: bool = False  # the label follows its number (8 min read): row counters only


@cache
def load_labels() -> tuple[Label, ...]:
    """The entries of rules/source_attribution.txt, longest first (labels, row parts and places)."""
    labels = []
    source = (Path(__file__).resolve().parent / "rules" / "source_attribution.txt").read_text(
        encoding="utf-8"
    )
    for line in source.splitlines():
        entry = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not entry or "=>" not in entry:
            continue
        label, fields = (part.strip() for part in entry.split("=>", 1))
        direct, after_value = label.endswith("~"), label.startswith("~")
        text = fold_key(label.strip("~").strip())
        if text:
            names = tuple(f.strip() for f in fields.split("|") if f.strip())
            labels.append(Label(text, names, direct, after_value))
    return tuple(sorted(labels, key=lambda label: -len(label.text)))


@cache
def line_labels() -> tuple[Label, ...]:
    """The labels an attribution line may hold (longest first)."""
    return tuple(label for label in row_labels() if label.fields[0] != UNRECORDED)


@cache
def row_labels() -> tuple[Label, ...]:
    """The labels a part of a byline row may hold: the line labels and the row-only ones (分类, 评论)."""
    return tuple(label for label in load_labels() if not label.after_value and label.fields[0] != PLACE)


@cache
def known_places() -> tuple[str, ...]:
    """The places of the rules file (folded), longest first."""
    return tuple(label.text for label in load_labels() if label.fields[0] == PLACE)


def label_kind(label: Label) -> str:
    """How a label meets its value: 'word' (By Jane), 'direct' (本文来自X), 'strict' (Source: X,
    English words need a real separator: "Source Code" is a heading), 'cjk' (作者:X, 记者 X)."""
    if label.direct:
        return "word" if label.text[-1:].isascii() and label.text[-1:].isalpha() else "direct"
    return "strict" if label.text.isascii() else "cjk"


LABEL_KINDS = ("word", "direct", "strict", "cjk")


def label_regex(text: str) -> str:
    """A folded label as a regex: its spaces match any run of spaces, and padding may separate its
    Han characters (government pages align labels: 来  源：, 编  辑：)."""
    parts = []
    for char in text:
        if char == " ":
            parts.append(r"\s+")
        elif HAN.match(char) and parts and HAN.match(parts[-1][-1:]):
            parts.append(r"[ \t]*" + char)
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def alternatives(texts: Iterable[str]) -> str:
    """Folded label texts as one regex alternation (keep them longest first)."""
    return "|".join(label_regex(text) for text in texts)


@cache
def labels_by_kind() -> dict[tuple[str, str], Label]:
    """(kind, folded text with single spaces) -> label, for every label a row part may hold."""
    return {(label_kind(label), label.text): label for label in row_labels()}


@cache
def label_pattern(loose: bool = False, row: bool = False) -> re.Pattern[str]:
    """One regex finding any label (with its separator) where a label may start; one group per kind.

    `loose` also accepts a space after a Chinese label (记者 张三), which only short lines may use;
    `row` adds the labels only a part of a byline row may hold (分类：X).
    """
    tails = {
        "word": r"\s+",
        "direct": r"\s*:?\s*",
        "strict": LABEL_SEPARATOR,
        "cjk": rf"(?:{LABEL_SEPARATOR}|\s+)" if loose else LABEL_SEPARATOR,
    }
    groups = []
    for kind in LABEL_KINDS:
        labels = row_labels() if row else line_labels()
        texts = [label.text for label in labels if label_kind(label) == kind]  # longest first
        if texts:
            groups.append(f"(?P<{kind}>{alternatives(texts)}){tails[kind]}")
    return re.compile(LABEL_START + "(?:" + "|".join(groups) + ")")


@cache
def label_hint() -> re.Pattern[str]:
    """A cheap test: does a folded line start with a label or a date (after brackets and bullets)?"""
    texts = sorted({label.text for label in row_labels()}, key=len, reverse=True)
    return re.compile(rf"[\W_]*(?:{alternatives(texts)}|{DATE.pattern})", re.IGNORECASE)


def may_be_attribution(key: str) -> bool:
    """False when parse_pairs() could not find anything in the line with this fold_key().

    A byline row may open with anything (8 min read | By X), so a row separator is enough to look;
    a WeChat header opens with a name.
    """
    return (
        label_hint().match(key) is not None
        or OUTLET_REPORTER.match(key) is not None
        or (len(key) <= MAX_ATTRIBUTION_CHARS and ROW_HINT.search(key) is not None)
        or (len(key) <= MAX_LOOSE_CHARS * 2 and WECHAT_HEADER.match(key) is not None)
    )


def find_labels(folded: str, loose: bool = False, row: bool = False) -> list[tuple[Label, int, int]]:
    """(label, start, end of label and separator) for every label in a folded line."""
    labels = labels_by_kind()
    found = []
    for match in label_pattern(loose, row).finditer(folded):
        kind = match.lastgroup or ""
        found.append((labels[(kind, label_key(match.group(kind)))], match.start(), match.end()))
    return found


# One parsed pair: the fields a value may fill (first free one wins) and the value.
Pair = tuple[tuple[str, ...], str]


def bare_label(line: str) -> Label | None:
    """The attribution label a line holds alone ("Published", "作者：", "By"): a page that lays
    label and value out side by side, dumped a line each, puts the value on the next line."""
    key = fold_key(line).strip().rstrip(":").strip()
    return bare_labels().get(key)


@cache
def bare_labels() -> dict[str, Label]:
    return {label.text: label for label in line_labels()}


def parse_attribution(line: str) -> dict[str, str] | None:
    """The metadata fields of an attribution line, or None when the line is anything else."""
    pairs = parse_pairs(line)
    return None if pairs is None else fill_fields({}, pairs)


def parse_pairs(line: str) -> list[Pair] | None:
    """The (fields, value) pairs of an attribution line, or None when the line is anything else.

    Every part of the line must be a `label: value` pair (or a date): a line that also says
    something else is prose and stays in the text.
    """
    if not line or len(line) > MAX_ATTRIBUTION_CHARS:
        return None
    pairs = parse_line(line)
    return list(pairs) if pairs is not None else None


@lru_cache(maxsize=4096)
def parse_line(line: str) -> tuple[Pair, ...] | None:
    """parse_pairs() remembered: sites repeat the same byline and footer lines on every page."""
    pairs = parse_with(line, loose=False)
    if pairs is None and is_short_enough_for_loose(line):
        pairs = parse_with(line, loose=True)
    for parse in (
        parse_outlet_reporter,
        parse_filed_report,
        parse_dated_credit,
        parse_wechat_header,
        parse_row,
    ):
        if pairs is None:
            pairs = parse(line)
    return tuple(pairs) if pairs is not None else None


def is_short_enough_for_loose(text: str) -> bool:
    """True when a space may separate a Chinese label from its value in `text` (记者 张三): a short
    text with no sentence end ("原创 音乐剧……首演。" is a sentence)."""
    return len(text) <= MAX_LOOSE_CHARS and not PROSE_MARK.search(text)


def parse_outlet_reporter(line: str) -> list[Pair] | None:
    """光明日报记者 王五 赵六 / 新华社记者：张三: the outlet glued to the reporter label.

    >>> parse_outlet_reporter("（江城日报記者 王五 赵六）")
    [(('original_source',), '江城日报'), (('author',), '王五 赵六')]
    """
    match = OUTLET_REPORTER.match(fold_aligned(line[: MAX_LOOSE_CHARS * 2]))
    if match is None:
        return None
    rest = line[match.start("rest") :]
    pairs = parse_with(rest, loose=False) or (
        parse_with(rest, loose=True) if len(rest) <= MAX_LOOSE_CHARS else None
    )
    if pairs is None or pairs[0][0] != ("author",):
        return None
    return [(("original_source",), line[match.start("outlet") : match.end("outlet")]), *pairs]


# 〔記者林雅婷／台北報導〕: the label glued to the name, which the place it filed from closes
FILED_REPORT = re.compile(
    r"[(\[〔【]?\s*记者\s*(?P<name>[\u4e00-\u9fff]{2,4}(?:[、 ][\u4e00-\u9fff]{2,4})*)"
    r"\s*[/／]\s*[^\s/／]{1,8}(?:报导|报道)\s*[)\]〕】]?"
)


def parse_filed_report(line: str) -> list[Pair] | None:
    """記者林雅婷／台北報導 alone on its line: the reporter, without a space after the label.

    >>> parse_filed_report("〔記者林雅婷／台北報導〕")
    [(('author',), '林雅婷')]
    """
    match = FILED_REPORT.fullmatch(fold_aligned(line.strip()))
    if match is None:
        return None
    return [(("author",), line.strip()[match.start("name") : match.end("name")])]


def parse_dated_credit(line: str) -> list[Pair] | None:
    """（編輯：黃靜宜）1140302: bracketed credits, then the report's date as a Minguo date code.

    The code becomes `published` (ISO); it ends the report, so any date before it wins.

    >>> parse_dated_credit("（編輯：黃靜宜）1140302")
    [(('editor',), '黃靜宜'), (('published',), '2025-03-02')]
    """
    code = MINGUO_DATE_CODE.search(fold_aligned(line))
    if code is None:
        return None
    year, month, day = (int(code.group(name)) for name in ("year", "month", "day"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    pairs = parse_line(line[: code.start()])
    if pairs is None:
        return None
    return [*pairs, (("published",), f"{year + ROC_YEAR_ZERO}-{month:02d}-{day:02d}")]


def parse_wechat_header(line: str) -> list[Pair] | None:
    """原创 苏木 江南草木记 2025-04-02 06:45 发表于江苏: a WeChat article's header row.

    >>> fill_fields({}, parse_wechat_header("原創 蘇木 江南草木記 2025-04-02 06:45 發表於江蘇") or [])
    {'published': '2025-04-02 06:45', 'site': '江南草木記', 'author': '蘇木'}
    """
    if len(line) > MAX_LOOSE_CHARS * 2:
        return None
    header = WECHAT_HEADER.match(fold_aligned(line))
    if header is None or not (header.group("original") or header.group("posted")):
        return None
    pairs: list[Pair] = [(("published",), line[header.start("date") : header.end("date")].strip())]
    pairs.append((("site", "original_source"), line[header.start("account") : header.end("account")]))
    if header.group("author"):
        pairs.append((("author",), line[header.start("author") : header.end("author")]))
    return pairs


def parse_row(line: str) -> list[Pair] | None:
    """The pairs of a byline row: parts split at | • and wide spaces, each one a `label: value`
    pair, a date (发布于 2025-03-09, Updated 2 hours ago), a counter (阅读(2,318), 8 min read), a
    category (分类：X) or, once, a short name (旅行手記, LONDON).

    The row must say something of provenance (a name, a source or a date) and hold a labelled
    part: a date beside a name is a dateline (parse_dateline), counters alone are a widget.

    >>> parse_row("Written by Priya Raman | March 2, 2025 | 6 min read")
    [(('author',), 'Priya Raman'), (('published',), 'March 2, 2025')]
    """
    parts = [part for part in ROW_SEPARATOR.split(line) if part.strip()]
    if not parts or len(parts) > MAX_ROW_PARTS:
        return None
    pairs: list[Pair] = []
    kinds = []
    for part in parts:
        read = read_row_part(part.strip())
        if read is None:
            return None
        kinds.append(read[0])
        pairs.extend(read[1])
    bare = kinds.count("bare")
    if bare > MAX_BARE_PARTS or (bare and len(kinds) - bare < MIN_PARTS_BESIDE_BARE):
        return None
    if "labelled" not in kinds or not any(value and says_provenance(names) for names, value in pairs):
        return None
    return [(names, value) for names, value in pairs if names != (UNRECORDED,)]


def says_provenance(names: tuple[str, ...]) -> bool:
    """True for fields that say where an article came from (not counters, not categories)."""
    return names[0] not in COUNTER_FIELDS


def read_row_part(part: str) -> tuple[str, list[Pair]] | None:
    """('date' | 'labelled' | 'bare', its pairs) for one part of a byline row, or None for prose."""
    folded = fold_aligned(part)
    floor = FLOOR_MARK.match(folded)
    if floor is not None:  # 3楼 发表于 2023-05-01: the floor says nothing, the rest is the header
        part, folded = part[floor.end() :], folded[floor.end() :]
        if not part:
            return "labelled", []
    dated = read_date_part(part, folded)
    if dated is not None:
        return dated
    counter = read_counter(part, folded)
    if counter is not None:
        return "labelled", counter
    pairs = parse_with(part, loose=is_short_enough_for_loose(part), row=True)
    if pairs is not None:
        return "labelled", pairs
    alone = labels_by_text().get(label_key(folded.strip(SEPARATORS)))
    if alone is not None:  # 只看该作者, 原创, 楼主: a label with nothing after it
        return "labelled", [(alone.fields, "")]
    return ("bare", []) if is_bare_part(part) else None


def is_bare_part(part: str) -> bool:
    """A short name alone in a row: a category (旅行手記) or a place (LONDON), with no digits or marks."""
    return (
        len(part) <= MAX_DATELINE_NAME_CHARS
        and len(part.split()) <= MAX_NAME_WORDS
        and BARE_PART.fullmatch(part) is not None
    )


@cache
def date_label_pattern() -> re.Pattern[str]:
    """A date label opening a row part (发布于, Posted on, Updated), its separator optional."""
    texts = [label.text for label in row_labels() if label.fields[0] in DATE_FIELDS]
    return re.compile(rf"(?P<label>{alternatives(texts)})\s*:?\s*")


def read_date_part(part: str, folded: str) -> tuple[str, list[Pair]] | None:
    """A row part that is a date, labelled or not: 发布于 2024-07-21 / Nov 18, 2024 / Updated 2 hours ago."""
    label = date_label_pattern().match(folded)
    start = label.end() if label is not None else 0
    kind = "labelled" if label is not None else "date"
    if label is not None and RELATIVE_TIME.fullmatch(folded, start):
        return kind, []  # "Updated 2 hours ago" dates nothing
    date = DATE.match(folded, start)
    if date is None:
        return None
    end, tail_end = date_extent(folded, date)
    if folded[tail_end:].strip():
        return None
    fields = label_of(label.group("label")).fields if label is not None else ("published",)
    return kind, [(fields, part[start:end].strip())]


@cache
def labels_by_text() -> dict[str, Label]:
    """Folded label text (spaces single) -> label, for row labels and counters after their number."""
    labels = (*row_labels(), *(label for label in load_labels() if label.after_value))
    return {(("~" if label.after_value else "") + label.text): label for label in labels}


def label_of(text: str, after_value: bool = False) -> Label:
    """The label a pattern matched, by the folded text it matched."""
    return labels_by_text()[("~" if after_value else "") + label_key(text)]


def label_key(text: str) -> str:
    """Folded label text as the rules file spells it: single spaces, none between Han (编  辑)."""
    return squeeze_han_spaces(" ".join(text.split()))


def date_extent(folded: str, date: re.Match[str]) -> tuple[int, int]:
    """(end of the date with its time, end of all that belongs to it): a weekday between the date
    and its time stays in the date (2025年7月8日 星期二 14:20); a weekday alone after it does not."""
    tail = DATE_TAIL.match(folded, date.end())
    if tail is None:  # DATE_TAIL matches everywhere: each of its parts is optional
        return date.end(), date.end()
    return (tail.end("time") if tail.group("time").strip() else date.end()), tail.end()


@cache
def counter_pattern() -> re.Pattern[str]:
    """A counter in a byline row (folded text): 阅读(2,318), 评论 7, 8 min read, 2.3k views."""
    before = [label.text for label in row_labels() if label.fields[0] in COUNTER_FIELDS]
    after = [label.text for label in load_labels() if label.after_value]
    return re.compile(
        rf"(?P<before>{alternatives(before)})\s*[:(]?\s*(?P<count>{COUNT})\s*\)?"
        rf"|(?P<number>{COUNT})\s*(?P<after>{alternatives(after)})"
    )


def read_counter(part: str, folded: str) -> list[Pair] | None:
    """The pairs of a counter part ([] unless it counts views), or None when it is no counter."""
    counter = counter_pattern().fullmatch(folded)
    if counter is None:
        return None
    if counter.group("before") is not None:
        label, (start, end) = label_of(counter.group("before")), counter.span("count")
    else:
        label, (start, end) = label_of(counter.group("after"), after_value=True), counter.span("number")
    return [] if label.fields == (UNRECORDED,) else [(label.fields, part[start:end].strip())]


def parse_with(line: str, *, loose: bool, row: bool = False) -> list[Pair] | None:
    """parse_pairs() with strict separators after labels, or loose ones (a space will do); `row`
    also takes the labels only a part of a byline row may hold."""
    found = find_labels(fold_aligned(line), loose, row)
    pairs: list[Pair] = []
    if not found:
        return None
    if not add_date_or_nothing(line[: found[0][1]], pairs):
        return None
    for position, (label, _start, end) in enumerate(found):
        stop = found[position + 1][1] if position + 1 < len(found) else len(line)
        value = clean_value(line[end:stop])
        if not value and not label.direct:
            # 责任编辑：(left blank by the site's template): still a byline line, with nothing to record
            pairs.append((label.fields, ""))
            continue
        if not add_value(label, value, pairs):
            return None
    return pairs or None


def split_bracketed(line: str) -> tuple[str, str] | None:
    """(bracketed head, the rest) of a line opening with a bracketed part: 【编辑:X】 返回首页."""
    match = BRACKETED_HEAD.match(line)
    if match is None or not line[match.end() :].strip():
        return None
    return line[: match.end()], line[match.end() :].strip()


def parse_bracketed_head(line: str) -> list[Pair] | None:
    """The pairs of a line's bracketed attribution head (【编辑:刘欢】 返回搜狐，查看更多), or None.

    Whether the rest of the line is page chrome is the stripper's call (stripping.attribution_line).
    """
    split = split_bracketed(line)
    return parse_pairs(split[0]) if split is not None else None


def parse_dateline(line: str) -> list[Pair] | None:
    """The pairs of a dateline: a date alone, or a date beside a short outlet name.

    >>> parse_dateline("2026年03月05日 08:30  江城科技网")
    [(('published',), '2026年03月05日 08:30'), (('site', 'original_source'), '江城科技网')]

    The date keeps its weekday, time and zone (2025年7月8日 星期二 14:20, March 4, 2025 9:12 AM
    GMT+1); an update notice after it dates nothing (Updated 2 hours ago) and is no outlet.

    Only the top of a document has datelines (stripping.dateline): at the end, a date signs a
    letter or a notice, and in the body "2014年1月26日 谷歌宣布收购" is a sentence.
    """
    if not line or len(line) > MAX_LOOSE_CHARS * 2:
        return None
    folded = fold_aligned(line)
    date = DATE.search(folded)
    if date is None:
        return None
    end, rest = date_extent(folded, date)
    update = UPDATE_TAIL.match(folded, rest)
    rest = update.end() if update is not None else rest
    pairs: list[Pair] = [(("published",), line[date.start() : end].strip())]
    before = WEEKDAY.sub("", line[: date.start()]).rstrip(" ,")
    if before[-1:].isascii() and before[-1:].isalpha():
        return None  # "Founded February 28, 1998", "Born 3 March 1950": an infobox label, not an outlet
    name = clean_value(EDITION_PAGE.sub(" ", WEEKDAY.sub(" ", line[: date.start()] + " " + line[rest:])))
    if not name:
        return pairs
    if len(name) > MAX_DATELINE_NAME_CHARS or PROSE_MARK.search(name) or len(name.split()) > MAX_NAME_WORDS:
        return None
    if any(mark in name for mark in "，,。；;：:！？!?"):
        return None
    if any(mark in name for mark in "·•|｜") or LONE_CLOCK.fullmatch(name):
        return pairs  # 2025-03-18 09:40·浙江·优质生活领域创作者, Thursday 14 March 2024, 5.02pm: no outlet
    pairs.append((("site", "original_source"), name))
    return pairs


def fill_fields(base: Mapping[str, str], pairs: list[Pair]) -> dict[str, str]:
    """`base` plus each pair's value under its first field `base` lacks: what came first wins. A
    name is read up to a wide gap (陳怡潔　　審稿／…, 拾光笔记  隐私政策): a name has none inside."""
    fields = dict(base)
    for names, value in pairs:
        free = next((name for name in names if not fields.get(name)), None)
        if free in NAME_FIELDS:
            value = WIDE_GAP.split(value.strip(), maxsplit=1)[0]
        if free is not None and value and (free not in NAME_FIELDS or names_anything(value)):
            fields[free] = value
    return fields


NAME_FIELDS = frozenset({"site", "original_source", "author", "editor"})
WIDE_GAP = re.compile(r"\s{2,}|\u3000")
# a masthead's date line names no one: 农历五月初七, 星期三
CALENDAR_WORDS = re.compile(r"[农農][历曆]|星期[一二三四五六日天]")


def names_anything(value: str) -> bool:
    """True when `value` could be a name: it has letters (any script), and no calendar words."""
    return any(char.isalpha() for char in value) and CALENDAR_WORDS.search(value) is None


def add_date_or_nothing(text: str, pairs: list[Pair]) -> bool:
    """True when `text` is empty or only a date (then recorded as published)."""
    rest = text.strip(SEPARATORS)
    if not rest:
        return True
    if DATE.fullmatch(rest) is None:
        return False
    pairs.append((("published",), rest))
    return True


def clean_value(value: str) -> str:
    """A value without the separators and brackets around it (its own closing bracket stays).

    >>> clean_value("：新华社（北京） ")
    '新华社（北京）'
    """
    stripped = value.strip(SEPARATORS)
    end = len(value) - len(value.lstrip(SEPARATORS)) + len(stripped)
    for opening, closing in BRACKET_PAIRS:
        if stripped.count(opening) > stripped.count(closing) and value[end : end + 1] == closing:
            return stripped + closing
    return stripped


def add_value(label: Label, value: str, pairs: list[Pair]) -> bool:
    """Record `value` for the label; False when it cannot be a value (then the line is prose)."""
    if not value:
        return False
    if label.fields[0] in DATE_FIELDS:
        rest: list[Pair] = []
        if not add_date_or_nothing(value, rest):
            return False
        pairs.append((label.fields, value))
        return True
    if label.fields[0] in LONG_FIELDS:
        pairs.append((label.fields, value))
        return len(value) <= MAX_URL_CHARS
    # 来源:新华社 2023-12-13: the outlet, then the date; "原创 音乐剧 3月5日首演" dates no article
    date = DATE.search(value) if label.fields[0] != UNRECORDED else None
    if date is not None:
        pairs.append((("published",), date.group(0).strip()))
        before, after = clean_value(value[: date.start()]), clean_value(value[date.end() :])
        if before and after:
            return (
                False  # "阿青 2025-03-09 2025-03-09", "新华社 2023-12-13 北京": more than a name and a date
            )
        value = before or after
        if not value:
            return True
    if CLOSED_EARLY.match(value):
        return False  # （责任编辑：周立） 返回首页: the value ended at the bracket
    if ROW_MARK.search(value):
        return False  # "by 小晴 | 旅行手記": a byline row (parse_row), not one value
    if label.fields[0] == "author":
        value = REPORTED_FROM.sub("", value) or value  # 記者 陳怡君／台南報導: the place is not the name
    if label.fields[0] in NAME_FIELDS and value.rstrip()[-1:] in "?？":
        return False  # 记者：明年有什么打算？ is an interview's question, not a reporter's name
    if label.fields[0] in NAME_FIELDS:
        value = clean_name(value, label.fields[0])
    if label.fields[0] in NAME_FIELDS and is_name_list(value):
        pairs.append((label.fields, value))
        return True
    words = len(value.split())
    if len(value) > MAX_VALUE_CHARS or PROSE_MARK.search(value) or words > MAX_VALUE_WORDS:
        return False
    if len(value) > MAX_LISTED_NAME_CHARS and HAN.search(value) and CLAUSE_MARK.search(value):
        return False  # 来源：网络，版权归原作者所有，如有侵权请联系删除: a notice, not a name
    if words > MAX_NAME_WORDS and value[-1] in ".!?":
        return False  # "Source: the data comes from a survey." is a sentence
    if label.text.isascii() and label.direct and not (value[:1].isupper() or HAN.match(value[:1])):
        return False  # "By the river" is a sentence; "By Jane Doe" and "by 小晴" are bylines
    pairs.append((label.fields, value))
    return True


def clean_name(value: str, field: str) -> str:
    """A name without the role word before it, or a job title, a second credit or a portal's
    staff code after it.

    >>> clean_name("记者 何川", "author"), clean_name("周婷_NN0231", "editor")
    ('何川', '周婷')
    >>> clean_name("Dana Whitfield, Staff Writer", "author"), clean_name("彭晓岚 通讯员 唐毅", "author")
    ('Dana Whitfield', '彭晓岚')
    >>> clean_name("法庭記者 鄧穎欣", "author"), clean_name("刘䶮（超声医学科 副主任医师）", "author")
    ('鄧穎欣', '刘䶮')
    """
    value = STAFF_CODE.sub("", value) or value
    value = CJK_POST_AFTER.sub("", CJK_ROLE_BEFORE.sub("", value)) or value
    value = JOB_TITLE.sub("", value) or value
    value = SECOND_CREDIT.sub("", value) or value
    role = role_pattern(field).match(fold_aligned(value))
    if role is None:
        return value
    rest = value[role.end() :].strip()
    if not rest or (role.group("gap") is None and not (is_name(rest) or is_name_list(rest))):
        return value  # 编辑部, 文天祥: a word that starts like a label
    return rest


@cache
def role_pattern(field: str) -> re.Pattern[str]:
    """The Chinese labels of `field` opening a value (作者：记者 何川), with a separator, a space or
    nothing after them (记者何川); one-character labels (文) need a separator or a space."""
    texts = [
        label.text
        for label in line_labels()
        if label.fields[0] == field and label_kind(label) == "cjk" and len(label.text) > 1
    ]
    return re.compile(rf"(?:{alternatives(texts)})(?P<gap>{LABEL_SEPARATOR}|\s+)?")


def notice_fields(text: str) -> dict[str, str]:
    """Fields a copyright notice or disclaimer reveals: the site that publishes it."""
    folded = fold_aligned(text[: MAX_ATTRIBUTION_CHARS * 4])
    for pattern in NOTICE_SITE:
        for match in pattern.finditer(folded):
            site = text[match.start("site") : match.end("site")].strip()
            if fold_key(site) not in GENERIC_SITES:
                return {"site": site}
    return {}


def notice_pairs(text: str) -> list[Pair]:
    """notice_fields() as pairs for fill_fields()."""
    return [((key,), value) for key, value in notice_fields(text).items()]


def is_name_list(value: str) -> bool:
    """True when `value` is a list of names: "Greg Roumeliotis, Joshua Franklin and Koh Gui Qing".

    Every name is a few capitalised words (particles such as van or de aside) or a few Han
    characters; anything else ("the data comes from a survey") is prose.
    """
    if len(value) > MAX_NAME_LIST_CHARS or PROSE_MARK.search(value):
        return False
    names = [name for name in NAME_LIST_SPLIT.split(value.strip(" .")) if name]
    if len(names) < 2:
        return False
    return all(is_name(name) for name in names)


def is_name(name: str) -> bool:
    """A person's name: up to MAX_LISTED_NAME_WORDS capitalised words, or 2-4 Han characters a word."""
    words = name.split()
    if not words or len(words) > MAX_LISTED_NAME_WORDS:
        return False
    if all(HAN.fullmatch(char) for word in words for char in word):
        return all(2 <= len(word) <= 4 for word in words)
    return all(word[:1].isupper() or word.lower() in NAME_PARTICLES for word in words) and any(
        word[:1].isupper() for word in words
    )


# A caption's credit, where captions put it (the first pattern that matches gives it):
CAPTION_CREDITS = (
    # (攝影：林雅婷), (Photo: Getty Images), (Image by Jon Pell/Daily Crest), (圖／記者林佩萱攝)
    re.compile(
        r"[(（]\s*(?:攝影|摄影|(?:示意)?(?:圖片來源|图片来源|圖片|图片|圖|图)|photo(?:graph)?|image|picture|credit)s?"
        r"(?:\s+by\s+|\s*[:：/／]\s*)"
        r"(?P<credit>[^()（）。，,]{2,60}?)\s*[)）]\s*$",
        re.IGNORECASE,
    ),
    # 記者游婉如攝, （陈可欣 摄）, 阿哲拍攝: the photographer's name before 摄
    re.compile(r"(?:記者|记者)?\s*(?P<credit>[\u4e00-\u9fff]{2,4}?)\s*(?:拍)?[攝摄](?:影)?\s*[)）]?\s*$"),
    # Photo: Dana Whitfield / The Ledger, 图片来源：视觉中国, 摄影：张志明 (closing the caption)
    re.compile(
        r"(?:^|\s|[。.，,])(?:攝影|摄影|圖片來源|图片来源|photo(?:graph)?|image|credit)s?"
        r"(?:\s+by\s+|\s*[:：/／]\s*|(?<=[影源])\s+(?=[\u4e00-\u9fff]))"  # 摄影 胡亮 too
        r"(?P<credit>[^:：。，,]{2,60}?)\s*[)）]?\s*$",
        re.IGNORECASE,
    ),
    # the wire's (Jon Pell/Daily Crest) closing a caption
    re.compile(r"\((?P<credit>[A-Z][\w .'-]{1,40}\s*/\s*[A-Z][\w .'&-]{1,60})\)\s*$"),
    # 梧溪区法院供图 closing the caption: who supplied the picture
    re.compile(r"(?:^|\s|[。.])(?:[图圖]\s*[/／]\s*)?(?P<credit>[^\s。.，,/／]{2,16}?)供[图圖]\s*$"),
    # （曜光儲能提供）, (资料图片), (示意圖／網路): who supplied it, or that it is a stock picture
    re.compile(
        r"[(（](?:示意[圖图]\s*[/／])?\s*(?P<credit>[^()（）]{1,20}提供|[資资]料[圖图]片?|[網网][路络])\s*[)）]\s*$"
    ),
)
MAX_CREDIT_WORDS = 4
# what a credit says around the name: 记者林佩萱摄 → 林佩萱, courtesy of X → X
CREDIT_WRAPPING = re.compile(
    r"^(?:(?:本[报報])?(?:記者|记者)\s*|courtesy of\s+|via\s+|取自\s*|[来來]自\s*)|\s*(?:拍)?[攝摄]$",
    re.IGNORECASE,
)


# what every shape of CAPTION_CREDITS holds: one search rules most lines out before six do
CREDIT_HINT = re.compile(r"[)）]\s*$|[攝摄]|供[图圖]|圖片|图片|photo|image|credit|picture", re.IGNORECASE)


def caption_credit(caption: str) -> str | None:
    """The credit a caption gives its picture, or None (a caption may give none)."""
    if CREDIT_HINT.search(caption) is None:
        return None
    for pattern in CAPTION_CREDITS:
        found = pattern.search(caption.strip())
        credit = CREDIT_WRAPPING.sub("", found.group("credit").strip()).strip() if found else ""
        if credit and not (credit.endswith(".") and len(credit.split()) > MAX_CREDIT_WORDS):
            # "Photo: The old reading room after the storm." describes, not credits; "Photo by the
            # author." credits the author, without the caption's full stop
            return credit.removesuffix(".")
    return None
