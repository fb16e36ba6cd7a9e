"""Question-and-answer pages dumped as text (Stack Exchange, Zhihu, 知識港): where the article is.

Such a page reads: the question (its title, its text, tags, counters), a line opening the answers
(6 Answers, 查看全部 612 个回答, ✅ 最佳解答), then each answer: a header (votes, the author's
name and bio, 3,871 人赞同了该回答), the text, and a footer (Share Improve this answer Follow,
answered Jan 9, 2023 / the name, 编辑于 2025-01-12, 👍 有用 (96)). The first answer is the
article; the question above it is the page's, and what follows its footer (comments, other
answers) are comments. The stripper files the parts (rules `question`, `answer_header`,
`answer_footer`, `answers_tail`); this module only finds them, on the stripper's folded keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cleaner.blocks import ends_sentence, fold_key
from cleaner.dates import iso_date

if TYPE_CHECKING:
    from cleaner.stripping import Block

# the line that opens the answers (keys are folded: Simplified, lower case)
ANSWER_COUNT = re.compile(r"(?:查看全部\s*)?[\d,.]+\s*[kw万]?\s*(?:个回答|条回答|则回答|个答案|answers?\b)")
BEST_ANSWER = re.compile(r"(?:最佳解答|最佳答案|满意答案|采纳答案|accepted answer|best answer)$")
# the first line of an answer's footer: buttons, its date, its votes
ANSWER_FOOTER = re.compile(
    r"(?:share\s+)?improve this answer"
    r"|(?:answered|edited)\s+(?:[a-z]{3,9}\.?\s+\d|\d|yesterday|today)"
    r"|(?:发布于|编辑于)\s*(?:\d|昨天|今天|前天)"
    r"|[▲]?\s*赞同\s*[\d,.]+"
    r"|(?:👍\s*)?(?:有用|helpful)\s*[(（]?\s*\d"
)
# an answer's date, when it was given (answered, 回答于, 发布于) before when it was edited
ANSWERED = re.compile(r"^(?:answered|回答于|发布于|posted)")
NAME_SEPARATORS = re.compile(r"\s*[|｜·・,，]\s*")
MAX_OPENER_TRAIL = 12  # what may follow the count on its line: 默认排序 ▼, Sorted by
MAX_OPENER_INDEX = 80  # the question and its comments come first, within a screen or two
MAX_HEADER_BLOCKS = 5  # sort order, votes, an accepted mark, a name, a bio
MAX_FOOTER_BLOCKS = 8  # Share, Improve this answer, Follow, edited, answered, name, reputation
MAX_FOOTER_LINE_SIZE = 16  # answered Jan 9, 2023 at 14:51; 编辑于 2025-01-12 09:31・IP 属地四川


@dataclass(frozen=True)
class AnswerPage:
    """Block indices: the answers' opening line, the first answer's header, text and footer."""

    opener: int
    header: range
    text: range
    footer: range

    @property
    def tail_start(self) -> int:
        """Where the comments and the other answers begin: right after the first answer's footer."""
        return self.footer.stop


def find_answer_page(
    blocks: Sequence[Block], is_widget: Callable[[Block], bool], is_anchor: Callable[[Block], bool]
) -> AnswerPage | None:
    """The first answer of a Q&A page, or None when the blocks are no such page: a page needs
    the opening line, a sentence after it and the answer's footer after that (a heading that
    happens to read 最佳答案 in an article is not enough). `is_widget` says a block is a row of
    counters and buttons, `is_anchor` that it heads what follows (其他回答, Related): the
    stripper's own rules."""
    opener = next(
        (block.index for block in blocks[:MAX_OPENER_INDEX] if is_opener(block)),
        None,
    )
    if opener is None:
        return None
    start = opener + 1
    while start < len(blocks) and start - opener <= MAX_HEADER_BLOCKS and is_header(blocks[start], is_widget):
        start += 1
    if start >= len(blocks) or not ends_sentence(blocks[start].text):
        return None
    end = next(
        (block.index for block in blocks[start + 1 :] if ANSWER_FOOTER.match(block.lead) or is_widget(block)),
        None,
    )
    if end is None:
        return None
    stop = end
    while stop < min(len(blocks), end + MAX_FOOTER_BLOCKS) and is_footer(blocks[stop]):
        if stop > end and is_anchor(blocks[stop]):
            break
        stop += 1
    return AnswerPage(opener, range(opener + 1, start), range(start, end), range(end, stop))


def is_opener(block: Block) -> bool:
    count = ANSWER_COUNT.match(block.lead)
    return bool(count and len(block.lead) - count.end() <= MAX_OPENER_TRAIL) or bool(
        BEST_ANSWER.search(block.lead)
    )


def is_header(block: Block, is_widget: Callable[[Block], bool]) -> bool:
    """A line of the answer's header: a count, a name, a bio; not a sentence of the answer
    ("Show activity on this post." ends like one, but is a button)."""
    return is_widget(block) or not ends_sentence(block.text)


def is_footer(block: Block) -> bool:
    """A line of the answer's footer: a button, a date, a name, a reputation; the first comment
    under the answer (Great answer, thanks – kdm Jul 1) is longer."""
    return block.size <= MAX_FOOTER_LINE_SIZE and not ends_sentence(block.text)


def question_title(blocks: Sequence[Block], page: AnswerPage) -> int | None:
    """The question's headline: the first line above the opener that asks (ends with ? or ？)."""
    return next(
        (block.index for block in blocks[: page.opener] if block.text.rstrip().endswith(("?", "？"))),
        None,
    )


def answer_author(texts: Sequence[str], is_name: Callable[[str], bool]) -> str | None:
    """The answer's author: the first header or footer line that is a name, or starts with one
    before a separator (陳穎芝 ｜ 註冊物理治療師)."""
    for text in texts:
        if ANSWER_FOOTER.match(fold_key(text.strip())):
            continue  # Improve this answer: a button, though its words could be a name
        first = NAME_SEPARATORS.split(text.strip(), maxsplit=1)[0]
        if is_name(first):
            return first
    return None


def answer_date(texts: Sequence[str]) -> str | None:
    """The answer's date as YYYY-MM-DD: the line saying when it was given, else the first dated."""
    dated = [text for text in texts if iso_date(text)]
    given = [text for text in dated if ANSWERED.match(fold_key(text.strip()))]
    first = next(iter(given or dated), None)
    return iso_date(first) if first else None
