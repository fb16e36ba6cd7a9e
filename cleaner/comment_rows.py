"""Comment lists dumped without their heading, found by the record they repeat.

A comment list repeats one record: the commenter's name, a stamp saying when, the comment, its
buttons. Three or more such records close together after the article are its comments, whatever
the page calls them (or does not). The stripper starts its comments tail at the first record
(rule `comment_rows_tail`); this module only finds where.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from cleaner.blocks import HAN, ends_sentence, fold_aligned, fold_key
from cleaner.provenance import CLOCK, DATE, RELATIVE_TIME

if TYPE_CHECKING:
    from cleaner.stripping import Block

# A stamp says when (2 hours ago, 08-14 10:02 · 陕西, 2024 年 11 月 24 日 09:12, October 17, 2024):
# only a time, maybe with the verb before it and the place after it (IP 属地浙江); the name is on
# the line above it or before it on the same line.
STAMP = (
    rf"(?:(?:posted|commented|replied|answered|发表于|发布于|回复于)\s*(?:on\s*)?)?"
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{{0,6}}\.?,?\s+)?"  # phpBB: Sun Apr 14, 2024
    rf"(?:{DATE.pattern}|\d{{1,2}}[-/]\d{{1,2}}|{RELATIVE_TIME.pattern})"
    rf"(?:\s*,?\s*(?:at\s*)?{CLOCK})?(?:\s*[ap]\.?m\b\.?)?"
    rf"(?:\s*[·|・]?\s*(?:ip\s*属地\s*:?|来自\s*:?)?\s*[^\W\d_]{{1,6}})?"
)
COMMENT_STAMP = re.compile(STAMP, re.IGNORECASE)
# the name first on the stamp's line, maybe after the reply's floor or "Post by", and before a
# badge or a » or a dash: 阿強 2024-06-12 08:15, #5 轉行阿森 樓主 3 小時前,
# Post by dave » Sun Apr 14, 2024 10:03 pm, Renee K. — October 4, 2023 at 6:52 am; a blog's
# "1  山那边的鱼  2010-10-07 08:12:44  [回复]" and "小麦 于 2010-11-21 23:14 说：" too
NAMED_STAMP = re.compile(
    rf"(?:#?\d{{1,5}}\s*[楼#]?\s+|(?:posted|post)\s+by\s+)?(?P<name>[^\s\d][^\s]{{0,19}})(?:\s+[^\s\d][^\s]{{0,5}})?"
    rf"(?:\s*[»|—–·])?\s+{STAMP}"
    r"(?:\s*(?:说|says|said|wrote)\s*:?)?(?:\s*[\[【(]?(?:回复|reply|引用|quote|举报)[\]】)]?)*",
    re.IGNORECASE,
)
# words a stamp opens with, where a name could stand (Posted 14 Aug 2023, 发表于 2025-2-17)
STAMP_VERBS = frozenset(
    {"posted", "post", "published", "updated", "edited", "发表于", "发布于", "回复于", "更新于"}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
STAMP_TRAIL = re.compile(r"\s*\|.*$")
PARENTHESES = re.compile(r"[()（）]")
TIME_OF_DAY = re.compile(rf"{CLOCK}|{RELATIVE_TIME.pattern}", re.IGNORECASE)
MAX_COMMENTER_SIZE = 12  # a commenter's name, or who answers whom (街坊老陈 回复 一只早起的猫)
MAX_COMMENTER_WORDS = 5  # Teresa Bolin, HarlowNative_62, Anjali Rao says:
MIN_COMMENT_ROWS = 3  # records in a row before a list is a comment list
MIN_CLOSING_ROW_GAP = 2  # a closing row, then the next record (a share bar repeated twice is not)
MAX_COMMENT_ROW_BLOCKS = 8  # from one record's start to the next (a comment of a few paragraphs)


def find_comment_rows(
    blocks: Sequence[Block], is_widget: Callable[[Block], bool], is_link: Callable[[Block], bool]
) -> frozenset[int]:
    """Where comment lists without a heading start: the first record of each run of
    MIN_COMMENT_ROWS records or more, no more than MAX_COMMENT_ROW_BLOCKS apart, each opened
    by a commenter's name and a stamp, or each closed by the same row of buttons or a stamp.

    A name is what makes it a comment: a live blog's or a timeline's entries open with the time
    alone and stay. `is_widget` says a block is a row of counters and buttons, `is_link` that it
    links elsewhere (上一篇 2026年3月2日): the stripper's own rules.
    """
    starts = [
        start
        for block in blocks
        if (start := comment_record_start(block, blocks)) is not None and not is_link(block)
    ]
    firsts = {run[0] for run in record_runs(starts, 1)}
    closing: dict[str, list[int]] = {}
    for block in blocks:
        shape = closing_row_shape(block, blocks, is_widget)
        if shape is not None:
            closing.setdefault(shape, []).append(block.index)
    for rows in closing.values():
        firsts.update(first_record_before(blocks, run) for run in record_runs(rows, MIN_CLOSING_ROW_GAP))
    return frozenset(firsts)


def record_runs(indices: Sequence[int], min_gap: int) -> list[list[int]]:
    """Runs of MIN_COMMENT_ROWS indices or more, each min_gap to MAX_COMMENT_ROW_BLOCKS after
    the one before (as far as the run has reached MIN_COMMENT_ROWS)."""
    runs: list[list[int]] = []
    run: list[int] = []
    for index in indices:
        run = [*run, index] if run and min_gap <= index - run[-1] <= MAX_COMMENT_ROW_BLOCKS else [index]
        if len(run) == MIN_COMMENT_ROWS:
            runs.append(run)
    return runs


def closing_row_shape(
    block: Block, blocks: Sequence[Block], is_widget: Callable[[Block], bool]
) -> str | None:
    """What a row closing a comment record looks like, when `block` may be one: its buttons and
    counters (讚 18 | 引言 | 回覆 reads 赞引言回复; Reply), or a stamp under the comment's text
    (05-20 · 云南) rather than under a name."""
    if block.size > MAX_COMMENTER_SIZE:
        return None
    if is_widget(block):
        return f"widget:{block.letters}"
    if COMMENT_STAMP.fullmatch(block.key) and block.index and not is_commenter(blocks[block.index - 1]):
        return "stamp"
    return None


def first_record_before(blocks: Sequence[Block], run: Sequence[int]) -> int:
    """Where the record that the run's first closing row closes starts: as far above it as the
    next record is long, when a commenter's name stands there; else the record after it."""
    length = run[1] - run[0]
    start = run[0] - length + 1
    if start > 0 and is_commenter(blocks[start]):
        return start
    return run[0] + 1


def is_timed(blocks: Sequence[Block], record: Block) -> bool:
    """True when the record starting at `record` says the time of day, or how long ago."""
    head = " ".join(block.key for block in blocks[record.index : record.index + 2])
    return TIME_OF_DAY.search(head) is not None


def comment_record_start(block: Block, blocks: Sequence[Block]) -> int | None:
    """The index a comment record starts at when `block` is its stamp: the name line above a bare
    stamp, or the block itself when the name comes first on it (阿強 2024-06-12 08:15)."""
    if block.size > MAX_COMMENTER_SIZE + 4:
        return None
    if COMMENT_STAMP.fullmatch(block.key):
        above = blocks[block.index - 1] if block.index else None
        if above is not None and is_commenter(above):
            return above.index
        return None
    return block.index if NAMED_STAMP.fullmatch(block.key) else None


def poster(text: str) -> str | None:
    """The name a post's header gives beside its stamp (Post by dave » Sun Apr 14, 2024 10:03 pm,
    #1 轉行阿森 樓主 5 小時前, 老树 (2010-10-06 21:37:15)), as the text spells it; None if none."""
    aligned = fold_aligned(text.strip())
    head = STAMP_TRAIL.sub("", aligned)  # | 只看该作者 | 倒序浏览 after the stamp
    found = NAMED_STAMP.fullmatch(head) or NAMED_STAMP.fullmatch(PARENTHESES.sub(" ", head).strip())
    if found is None:
        return None
    name = text.strip()[found.start("name") : found.end("name")]
    folded = fold_key(name).rstrip(",")
    labelled = folded.endswith(":")  # Joined: Sat Mar 12, 2011 is the poster's card, not a name
    return None if labelled or folded in STAMP_VERBS or COMMENT_STAMP.fullmatch(folded) else name


def is_commenter(block: Block) -> bool:
    """A short line that is no sentence and no stamp: a commenter's name (a headline over its
    date, in a related list, is longer)."""
    most = MAX_COMMENTER_SIZE if HAN.search(block.text) else MAX_COMMENTER_WORDS
    return (
        0 < block.size <= most
        and block.letters != ""  # (0) is a counter
        and not ends_sentence(block.text)
        and COMMENT_STAMP.fullmatch(block.key) is None
    )
