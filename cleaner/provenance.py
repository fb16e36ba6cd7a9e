"""Provenance: attribution lines and notices turned into metadata fields.

An attribution line is made only of `label: value` pairs (labels in rules/source_attribution.txt),
optionally after a date. Labels are found in the script-folded text and values are cut from the
original, so a Traditional page keeps its Traditional names (seed 001: 頭圖來自:視覺中國).

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
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from cleaner.blocks import HAN, fold_aligned, fold_key, squeeze_han_spaces

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
# Characters that separate attribution pairs, or wrap them, in the folded text.
SEPARATORS = " \t,;、|()[]【】<>《》·•—-_:/\u3000，；：（）｜［］〔〕「」"
LABEL_SEPARATOR = r"\s*(?::|\||丨|/)\s*"
# What a label may follow: the start of the line or a separator.
LABEL_START = r"(?:^|(?<=[\s,;、|()\[\]【】·•/]))"
# Dates in a line or a value: 2023-12-13, 2023年12月13日 10:20, March 3, 2024, 3 March 2024.
MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"  # numeric
    rf"|{MONTHS}\s+\d{{1,2}},?\s+\d{{4}}"  # March 3, 2024
    rf"|\d{{1,2}}\s+{MONTHS},?\s+\d{{4}}",  # 3 March 2024
    re.IGNORECASE,
)
# Weekdays beside a date are part of the date, not an outlet's name.
WEEKDAY = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|星期[一二三四五六日天]|周[一二三四五六日]", re.IGNORECASE
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


@dataclass(frozen=True)
class Label:
    """One attribution label: its folded text, the fields it fills, and whether it needs a separator."""

    text: str
    fields: tuple[str, ...]
    direct: bool  # the value follows the label directly (本文来自X)


@cache
def load_labels() -> tuple[Label, ...]:
    """The labels of rules/source_attribution.txt, longest first."""
    labels = []
    source = (Path(__file__).resolve().parent / "rules" / "source_attribution.txt").read_text(
        encoding="utf-8"
    )
    for line in source.splitlines():
        entry = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not entry or "=>" not in entry:
            continue
        label, fields = (part.strip() for part in entry.split("=>", 1))
        direct = label.endswith("~")
        text = fold_key(label.rstrip("~").strip())
        if text:
            labels.append(Label(text, tuple(f.strip() for f in fields.split("|") if f.strip()), direct))
    return tuple(sorted(labels, key=lambda label: -len(label.text)))


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


@cache
def labels_by_kind() -> dict[tuple[str, str], Label]:
    """(kind, folded text with single spaces) -> label."""
    return {(label_kind(label), label.text): label for label in load_labels()}


@cache
def label_pattern(loose: bool = False) -> re.Pattern[str]:
    """One regex finding any label (with its separator) where a label may start; one group per kind.

    `loose` also accepts a space after a Chinese label (记者 张三), which only short lines may use.
    """
    tails = {
        "word": r"\s+",
        "direct": r"\s*:?\s*",
        "strict": LABEL_SEPARATOR,
        "cjk": rf"(?:{LABEL_SEPARATOR}|\s+)" if loose else LABEL_SEPARATOR,
    }
    groups = []
    for kind in LABEL_KINDS:
        texts = [label.text for label in load_labels() if label_kind(label) == kind]  # longest first
        if texts:
            body = "|".join(label_regex(text) for text in texts)
            groups.append(f"(?P<{kind}>{body}){tails[kind]}")
    return re.compile(LABEL_START + "(?:" + "|".join(groups) + ")")


@cache
def label_hint() -> re.Pattern[str]:
    """A cheap test: does a folded line start with a label or a date (after brackets and bullets)?"""
    texts = sorted({label.text for label in load_labels()}, key=len, reverse=True)
    alternatives = "|".join(label_regex(text) for text in texts)
    return re.compile(rf"[\W_]*(?:{alternatives}|{DATE.pattern})", re.IGNORECASE)


def may_be_attribution(key: str) -> bool:
    """False when parse_pairs() could not find anything in the line with this fold_key()."""
    return label_hint().match(key) is not None or OUTLET_REPORTER.match(key) is not None


def find_labels(folded: str, loose: bool = False) -> list[tuple[Label, int, int]]:
    """(label, start, end of label and separator) for every label in a folded line."""
    labels = labels_by_kind()
    found = []
    for match in label_pattern(loose).finditer(folded):
        kind = match.lastgroup or ""
        text = squeeze_han_spaces(" ".join(match.group(kind).split()))
        found.append((labels[(kind, text)], match.start(), match.end()))
    return found


# One parsed pair: the fields a value may fill (first free one wins) and the value.
Pair = tuple[tuple[str, ...], str]


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
    if pairs is None and len(line) <= MAX_LOOSE_CHARS and not PROSE_MARK.search(line):
        pairs = parse_with(line, loose=True)
    if pairs is None:
        pairs = parse_outlet_reporter(line)
    return tuple(pairs) if pairs is not None else None


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


def parse_with(line: str, *, loose: bool) -> list[Pair] | None:
    """parse_pairs() with strict separators after labels, or loose ones (a space will do)."""
    found = find_labels(fold_aligned(line), loose)
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

    Only the top of a document has datelines (stripping.dateline): at the end, a date signs a
    letter or a notice, and in the body "2014年1月26日 谷歌宣布收购" is a sentence.
    """
    if not line or len(line) > MAX_LOOSE_CHARS * 2:
        return None
    date = DATE.search(line)
    if date is None:
        return None
    pairs: list[Pair] = [(("published",), date.group(0).strip())]
    before = WEEKDAY.sub("", line[: date.start()]).rstrip(" ,")
    if before[-1:].isascii() and before[-1:].isalpha():
        return None  # "Founded February 28, 1998", "Born 3 March 1950": an infobox label, not an outlet
    name = clean_value(WEEKDAY.sub(" ", line[: date.start()] + " " + line[date.end() :]))
    if not name:
        return pairs
    if len(name) > MAX_DATELINE_NAME_CHARS or PROSE_MARK.search(name) or len(name.split()) > MAX_NAME_WORDS:
        return None
    if any(mark in name for mark in "，,。；;：:！？!?"):
        return None
    pairs.append((("site", "original_source"), name))
    return pairs


def fill_fields(base: Mapping[str, str], pairs: list[Pair]) -> dict[str, str]:
    """`base` plus each pair's value under its first field `base` lacks: what came first wins."""
    fields = dict(base)
    for names, value in pairs:
        free = next((name for name in names if not fields.get(name)), None)
        if free is not None and value:
            fields[free] = value
    return fields


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
    if label.fields[0] in ("published", "updated"):
        rest: list[Pair] = []
        if not add_date_or_nothing(value, rest):
            return False
        pairs.append((label.fields, value))
        return True
    if label.fields[0] in LONG_FIELDS:
        pairs.append((label.fields, value))
        return len(value) <= MAX_URL_CHARS
    date = DATE.search(value)
    if date is not None:  # 来源:新华社 2023-12-13: the outlet, then the date
        pairs.append((("published",), date.group(0).strip()))
        value = clean_value(value[: date.start()] + " " + value[date.end() :])
        if not value:
            return True
    if CLOSED_EARLY.match(value):
        return False  # （责任编辑：周立） 返回首页: the value ended at the bracket
    if label.fields[0] == "author":
        value = REPORTED_FROM.sub("", value) or value  # 記者 陳怡君／台南報導: the place is not the name
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
    if label.text.isascii() and label.direct and not value[:1].isupper():
        return False  # "By the river" is a sentence; "By Jane Doe" a byline
    pairs.append((label.fields, value))
    return True


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
