"""The site a text dump was copied from: the masthead its header shows and its pages name again,
or the holder its copyright line names.

An HTML page states its site (og:site_name, the URL); a select-all copy keeps only the words. The
masthead is the first line of the dump's header (rule `site_header`, or a menu dumped one item a
line) whose name the page prints again below: in its breadcrumb (当前位置：湘南日报网 > 社会), its
footer (© 2024 The Millbrook Courier), a disclaimer or a follow call. A tagline, a weather line or
a login link is not named again; a menu word (首页, Home) is, so those are never a site.

>>> masthead_site(["港聞匯報 HK HERALD", "首頁 港聞 財經", "標題", "正文。", "© 2024 港聞匯報有限公司"],
...               [Removal("navigation", "site_header", "港聞匯報 HK HERALD", 0),
...                Removal("title", "byline_title", "標題", 2)])
'港聞匯報'
>>> copyright_holder("© 2025 The Late Night Deploys. Content licensed CC BY-NC 4.0")
'The Late Night Deploys'
>>> copyright_holder("Copyright 2026 Ana Kowalczyk. All rights reserved.") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cleaner.blocks import HAN, fold_aligned, fold_key
from cleaner.record import Removal

if TYPE_CHECKING:
    from cleaner.stripping import Block, PhraseList

# Lines of a dump's header that may hold the site's name: the masthead above a menu, or a menu
# dumped one item a line whose first item is the site's name (NBS / Sign in / Home …).
MASTHEAD_RULES = frozenset({"site_header", "menu_run"})
# No title found: the header is this deep at most.
MAX_HEADER_LINES = 12
# A site's name is short: a few words or Han characters.
MAX_SITE_CHARS = 40
MAX_SITE_WORDS = 6
# A name's first part, before a tagline or the next menu item: 蓉城驴友会 - 自驾·徒步,
# 湘南日报网 | 湘南新闻客户端, Small Rooms · notes.
PART_SEPARATOR = re.compile(r"\s+[-–—|｜丨·•»]\s+|[|｜丨]|\s{2,}|\u3000")
# Where a bilingual masthead turns from one script to the other: 港聞匯報 HK HERALD,
# Mobile99 行動生活討論區.
SCRIPT_TURN = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[A-Za-z])|(?<=[A-Za-z0-9])\s+(?=[\u3400-\u9fff])")
# A bilingual masthead's first run is a name when it is this long (港聞匯報 of 港聞匯報 HK HERALD;
# not 看板 of PTT's 看板 Cycling, a word every board's header prints).
MIN_RUN_CHARS = 3
# Named again in part: this many Han characters, or capitalised words, in a row.
MIN_SHARED_HAN = 4
MIN_SHARED_WORDS = 2
# A line that says the time or the weather (47°F Partly Cloudy, 2025年1月8日 星期三) names no site.
NOT_A_NAME = re.compile(r"\d{3,}|°|\d{1,2}:\d{2}")

# A copyright line's holder: © 2025 X. / Copyright © 2016-2025 X · Powered by / ©X 版權所有 /
# 版权所有：X / 著作權屬X所有 / 版权均属X所有. Matched on fold_aligned() text, which folds
# character by character: 著 reads 着 there.
COPYRIGHT_HOLDER = (
    re.compile(
        r"(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
        r"(?P<site>[^\s\d.,;:|·。，；：][^.,;:|·。，；：]{0,38}?)"
        r"\s*(?=[.,;|·。，；]|\s+all rights|\s*版权所有|\s*保留所有权利|\s+\S{0,4}版权|\s*$)"
    ),
    re.compile(r"版权所有\s*[:：]\s*(?P<site>[^\s,，;；。:：]{2,24})"),
    re.compile(r"(?:[著着]作权|版权)均?(?:属|归)于?(?P<site>[^\s,，;；。:：]{2,24}?)所有"),
)
# A holder's legal form is not the site's name: 港聞匯報有限公司, 島嶼日報社, Acme Media, Inc.
LINK_NOISE = re.compile(r"\[\d{1,4}\]|\[img\]|^[#*•]\s*", re.IGNORECASE)
# what follows a site's name on its line and is no part of it: a licence number, an address
NAME_TRAIL = re.compile(
    r"\s+(?:\S{0,3}icp[备证]|\S{0,6}公网安备|www\.|https?://|[\w-]+\.(?:com|cn|net|org|gov|edu)\b).*$",
    re.IGNORECASE,
)
LEGAL_FORM = re.compile(
    r"(?:股份)?有限(?:责任|責任)?公司$|(?<=[报報])社$|,?\s+(?:inc|llc|ltd|co|corp|gmbh)\.?$", re.IGNORECASE
)
# A holder spelled like a person's name (© 2026 Ana Kowalczyk: a blogger's own notice) names the
# author, not a site; "The Daily Crest" and Han names of bodies do not look like this.
PERSON_LIKE = re.compile(r"(?!the\b)[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2}")
# (Words of a publisher's name, which a person's lacks, are in rules/institution_words.txt.)
# Holders that are no site: 版权归作者所有, © the author.
NOT_A_SITE = frozenset({"作者", "原作者", "本站", "本网", "本网站", "the author", "the authors", "author"})


def masthead_site(blocks: Sequence[str], removed: Sequence[Removal]) -> str | None:
    """The site a dump's header names and its other lines name again, spelled as they spell it
    (THE MILLBROOK COURIER in the masthead, The Millbrook Courier in the footer); None if no
    header line is named again. Other header lines do not count: a login row's 密码 is named
    again in 找回密码 beside it."""
    from cleaner.stripping import load_phrases, load_words, lone_block

    title = next((r.position for r in removed if r.category == "title"), MAX_HEADER_LINES)
    menu_words = load_words("menu_words")
    chrome = (load_phrases("navigation"), load_phrases("follow_us"), load_phrases("widget_counter"))
    header = [r for r in removed if r.position < title and r.rule in MASTHEAD_RULES]
    in_header = {r.position for r in header}
    elsewhere = [text for index, text in enumerate(blocks) if index not in in_header]
    names = [
        name
        for removal in header
        for name in site_names(removal.text)
        if not is_chrome_name(lone_block(name), menu_words, chrome)
    ]
    spelled = (named_again(name, elsewhere) for name in names)
    found = next((name for name in spelled if name), None)
    if found is None:
        found = next((name for name in names if is_partly_named_again(name, elsewhere)), None)
    return found


def is_chrome_name(block: Block, menu_words: frozenset[str], chrome: Sequence[PhraseList]) -> bool:
    """True when the whole name is a menu word or a phrase of the page's chrome (Home, Skip to
    content, 登录): a phrase found inside it (人 in 澄江市人民政府) does not count."""
    return block.letters in menu_words or any(phrases.matches_whole(block) for phrases in chrome)


def site_names(line: str) -> list[str]:
    """The names a masthead line may give: its first part whole, then that part's first script
    run when it is bilingual (城誌 CityLoop, then 城誌)."""
    line = LINK_NOISE.sub("", line).strip()  # a text-mode browser's #[1]Name, [3][IMG] Name
    first = NAME_TRAIL.sub("", PART_SEPARATOR.split(line, maxsplit=1)[0].strip())
    if not first or len(first) > MAX_SITE_CHARS or len(first.split()) > MAX_SITE_WORDS:
        return []
    if NOT_A_NAME.search(line):
        return []
    names = [first]
    run = SCRIPT_TURN.split(first, maxsplit=1)[0]
    if run != first and len(run) >= MIN_RUN_CHARS:
        names.append(run)
    return names


def named_again(name: str, blocks: Sequence[str]) -> str | None:
    """`name` as one of `blocks` spells it, or None."""
    han = sum(1 for char in name if HAN.match(char))
    if han < 2 and len(name) < 3:
        return None
    # a Latin name must stand as words (NBS, not the NBS in "NBSP")
    edge = r"\b" if name[-1:].isascii() and name[-1:].isalnum() else ""
    start = r"\b" if name[:1].isascii() and name[:1].isalnum() else ""
    pattern = re.compile(start + re.escape(name) + edge, re.IGNORECASE)
    for text in blocks:
        found = pattern.search(text)
        if found:
            return found.group(0)
    return None


def is_partly_named_again(name: str, blocks: Sequence[str]) -> bool:
    """True when another block names the site by a good part of its name: 东屿农林大学 for
    东屿农林大学新闻网, Daily Crest for The Daily Crest (MIN_SHARED_HAN Han characters, or
    MIN_SHARED_WORDS capitalised words, in a row)."""
    text = "\n".join(blocks)
    han_runs = re.findall(r"[\u3400-\u9fff]+", name)
    if any(
        run[i : i + MIN_SHARED_HAN] in text for run in han_runs for i in range(len(run) - MIN_SHARED_HAN + 1)
    ):
        return True
    words = [word for word in name.split() if word[:1].isupper()]
    pairs = (" ".join(words[i : i + MIN_SHARED_WORDS]) for i in range(len(words) - MIN_SHARED_WORDS + 1))
    return any(re.search(rf"\b{re.escape(pair)}\b", text) for pair in pairs)


def is_person_like(holder: str) -> bool:
    """True when a holder is spelled like a person's name and has no word of a body's name."""
    if PERSON_LIKE.fullmatch(holder) is None:
        return False
    from cleaner.stripping import load_words

    institution_words = load_words("institution_words")
    return not any(word.lower() in institution_words for word in holder.split())


def copyright_holder(text: str) -> str | None:
    """The holder a copyright line names, without its legal form; None when it names none."""
    folded = fold_aligned(text[: MAX_SITE_CHARS * 8])
    for pattern in COPYRIGHT_HOLDER:
        found = pattern.search(folded)
        if found is None:
            continue
        named = NAME_TRAIL.sub("", text[found.start("site") : found.end("site")].strip())
        holder = LEGAL_FORM.sub("", named.strip()).strip()
        if len(holder) >= 2 and fold_key(holder) not in NOT_A_SITE and not is_person_like(holder):
            return holder
    return None
