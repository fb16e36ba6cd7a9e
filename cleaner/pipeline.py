"""`clean`: scraped bytes in, the clean article with its provenance and every removal out.

decode → (HTML? extract main content) → normalise → split into blocks → strip (rules)
→ title → metadata from the page and from attribution lines → script → Cleaned

>>> record = clean("示例标题\\n\\n正文第一段，讲了一件事。\\n\\n(0)\\n".encode("utf-8"))
>>> record.title, record.text
('示例标题', '正文第一段，讲了一件事。')
>>> [(r.category, r.rule) for r in record.removed]
[('title', 'first_line_title'), ('widget_counter', 'widget_counter')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cleaner.answers import answer_author, answer_date
from cleaner.blocks import ends_sentence, fold_key, measure, split_blocks
from cleaner.comment_rows import poster
from cleaner.dates import iso_date
from cleaner.leads import MAX_LEAD_PARAGRAPHS, lead_pairs
from cleaner.provenance import (
    Pair,
    bare_label,
    caption_credit,
    fill_fields,
    notice_pairs,
    parse_bracketed_head,
    parse_dateline,
    parse_pairs,
)
from cleaner.record import Cleaned, Removal
from cleaner.sitename import copyright_holder, masthead_site
from cleaner.stripping import (
    DEFAULT_RULES,
    MAX_ZONE_BLOCKS,
    RULES_VERSION,
    TEXT_ONLY_RULES,
    Block,
    Rule,
    is_bare_name,
    is_prose,
    named_role,
    strip_blocks,
)

if TYPE_CHECKING:
    from cleaner.boilerplate import SiteBoilerplate

# The title of a text dump is its first line when that line is short…
MAX_TITLE_SIZE = 48  # Han characters plus other words
MAX_TITLE_CHARS = 160
# …sits at the top: only navigation or widgets come before it, a site menu dumped one item a line
# included (as far down as stripping.MAX_ZONE_BLOCKS reaches)…
MAX_TITLE_INDEX = MAX_ZONE_BLOCKS
TITLE_MAY_FOLLOW = frozenset(
    {
        "navigation",
        "widget_counter",
        "advertisement",
        "follow_us",
        "site_boilerplate",
        "empty",
        "duplicate_teaser",
        "copyright_notice",  # a reprint notice above everything (subscription news sites)
        "page_chrome",  # a cookie banner, the weather box
    }
)
# …or a line that only dates the page (an e-paper's 江城日报 2025年01月08日 第05版 header); a
# 来源: line first means the dump has no title line (seed 001)
TITLE_MAY_FOLLOW_RULES = frozenset({"dateline", "byline_row"})
# …and does not end like a sentence or a clause ("?" and "!" are fine: titles ask and exclaim).
NOT_TITLE_ENDINGS = "。.，,；;：:、"
# A channel label between a dumped menu and the title is this short (城事, 台南旅遊, Cloud); a
# kicker above a headline is longer.
MAX_CHANNEL_LABEL_SIZE = 4
# a line that only names an outlet: 島嶼生活報, 【江城晚报】 (matched on the folded key)
OUTLET_NAME = re.compile(
    r"[【\[]?[\u4e00-\u9fff]{2,8}(?:日报|晚报|早报|时报|周报|报|新闻网|新闻|通讯社|电视台|周刊)[】\]]?"
)
# the label a bulletin board (PTT: 作者 / 看板 / 標題 / 時間) or a form prints before the title
TITLE_LABEL = re.compile(r"^(?:標題|标题)\s*[:：]?\s*(?=\S)|^title\s*:\s*(?=\S)", re.IGNORECASE)
# rules that remove the rows under a headline: the first date on them dates the article
DATED_ROW_RULES = frozenset({"byline_row", "dateline"})
# where a footer's copyright line (© 2024 X. All rights reserved) ends up
HOLDER_CATEGORIES = frozenset({"copyright_notice", "page_chrome"})
# a byline a scraper joined onto the title's line, after a space: 楼主：X, 撰文：X, 发表于 2024-…
TITLE_BYLINE = re.compile(
    r"\s+(?:楼主|樓主|作者|撰文|记者|記者|来源|來源|发表于|發表於|发布于|發佈於|发布时间|發佈時間)\s*[:：]?\s*(?=\S)"
)
MIN_CUT_TITLE_SIZE = 4
TitlePick = tuple[str, list[Block], list[Removal]]
# the label of a keyword line (关键词：A B C / Tags: a, b): what follows it is metadata.keywords
KEYWORDS_LINE = re.compile(r"^[^:：]{1,12}[:：]\s*(?=\S)")


def clean(
    data: bytes | str,
    *,
    url: str | None = None,
    declared_encoding: str | None = None,
    rules: Sequence[Rule] = DEFAULT_RULES,
    site_boilerplate: SiteBoilerplate | None = None,
) -> Cleaned:
    """The clean article in `data` (HTML or plain text, bytes or str); never raises on content."""
    try:
        return clean_unguarded(data, url, declared_encoding, rules, site_boilerplate)
    except Exception as error:  # a bug must not lose the batch: say what happened instead
        return Cleaned(
            "",
            reason=f"cleaner failed: {type(error).__name__}: {error}",
            evidence={"rules_version": RULES_VERSION, "error": repr(error)[:500]},
        )


def clean_unguarded(
    data: bytes | str,
    url: str | None,
    declared_encoding: str | None,
    rules: Sequence[Rule],
    site_boilerplate: SiteBoilerplate | None,
) -> Cleaned:
    """clean() without the safety net."""
    evidence: dict[str, Any] = {"rules_version": RULES_VERSION}
    read = read_text(data, declared_encoding, evidence)
    if isinstance(read, Cleaned):
        return read
    text, encoding = read
    source = split_source(text, url, evidence)
    if source.kind == "html":  # the extractor has judged the page by its markup already (TEXT_ONLY_RULES)
        rules = [rule for rule in rules if rule not in TEXT_ONLY_RULES]
    all_rules = (site_boilerplate.rule(), *rules) if site_boilerplate is not None else tuple(rules)
    kept, removed = strip_blocks(source.blocks, all_rules)
    if source.kind == "html":
        title, kept, removed = drop_repeated_title(source.title, kept, removed)
    else:
        title, kept, removed = pick_title(kept, removed)
    removals = (*removed, *source.dropped)
    # attribution lines the extractor left out of the body are provenance too (after the body's)
    leads = [block.text for block in kept[:MAX_LEAD_PARAGRAPHS]]
    page = source.metadata if source.kind == "html" else masthead_fields(source.blocks, removals)
    body_start = next((block.index for block in kept if is_prose(block)), len(source.blocks))
    metadata = collect_metadata(page, removals, url, leads, body_start)
    body = "\n".join(block.text for block in kept)
    script = script_evidence(body or "\n".join(source.blocks))
    evidence.update(
        blocks=len(source.blocks),
        kept=len(kept),
        removed=dict(Counter(r.category for r in removals)),
        script_evidence=script["evidence"],
    )
    return Cleaned(
        text=body,
        title=title,
        metadata=metadata,
        removed=removals,
        encoding=encoding,
        script=script["script"],
        machine_converted=script["machine_converted"],
        evidence=evidence,
        reason=None if body else empty_reason(source.blocks, removed, evidence),
    )


def read_text(data: bytes | str, declared: str | None, evidence: dict[str, Any]) -> tuple[str, str] | Cleaned:
    """(text, encoding) of the input, or the empty record saying why there is no text."""
    from cleaner.decoding import decode, is_binary

    if isinstance(data, str):
        evidence.update(encoding_evidence="str", encoding_confidence=1.0)
        text, encoding = data, "utf-8"
    else:
        data = bytes(data)
        binary = is_binary(data) if data else None
        if binary:
            evidence["kind"] = "binary"
            return Cleaned("", evidence=evidence, reason=f"binary file ({binary})")
        decoded = decode(data, declared)
        text, encoding = decoded.text, decoded.encoding
        evidence.update(
            encoding_evidence=decoded.evidence,
            encoding_confidence=round(decoded.confidence, 3),
            decode_problem=decoded.problem,
            decode_repairs=list(decoded.repairs),
        )
        if decoded.problem == "binary":
            evidence["kind"] = "binary"
            return Cleaned("", encoding=encoding, evidence=evidence, reason="binary file")
    if not text.strip():
        evidence["kind"] = "empty"
        return Cleaned("", encoding=encoding, evidence=evidence, reason="empty input")
    return text, encoding


@dataclass(frozen=True)
class Source:
    """What the stripper works on: the blocks of a text dump, or of a page's main content."""

    kind: str  # 'text' | 'html'
    blocks: list[str]
    title: str | None = None  # the page's own title (HTML)
    metadata: Mapping[str, str] = field(default_factory=dict)  # the page's own metadata (HTML)
    dropped: tuple[Removal, ...] = ()  # page text the extractor left out (HTML)


def split_source(text: str, url: str | None, evidence: dict[str, Any]) -> Source:
    """Blocks of the decoded input: HTML goes through the extractor, text is split into lines."""
    from cleaner.extraction import extract, looks_like_html
    from cleaner.normalising import normalise, normalise_with_steps

    if not looks_like_html(text):
        normalised, steps = normalise_with_steps(text)
        evidence.update(kind="text", normalise_steps=list(steps))
        return Source("text", split_blocks(normalised))
    page = extract(text, url=url)
    evidence.update(kind="html", extraction=dict(page.evidence))
    # one paragraph per line: a block with line breaks (<br>, <pre>) gives one block per line.
    # Normalised in one pass: no step reaches across a line break, so this is normalising each block.
    lines = (line.strip() for line in normalise("\n".join(page.blocks)).splitlines())
    title = normalise(page.title).strip() if page.title else None
    return Source("html", [line for line in lines if line], title or None, page.metadata, page.dropped)


def pick_title(kept: list[Block], removed: list[Removal]) -> tuple[str | None, list[Block], list[Removal]]:
    """pick_title_line(), with a byline joined onto the title's line cut off (with_byline_cut)."""
    title, kept, removed = pick_title_line(kept, removed)
    return with_byline_cut(title, kept, removed) if title else (title, kept, removed)


def pick_title_line(
    kept: list[Block], removed: list[Removal]
) -> tuple[str | None, list[Block], list[Removal]]:
    """Move a text dump's title line to the title: the line above its byline rows, else the first.

    A page header dumped as text reads masthead, menu, section, title, then the byline and date
    rows: the title is the kept line right above the last attribution row before the body, and
    the masthead above the menu and a channel label below it are the site's header (rule
    `site_header`). Without such rows
    the first line is the title when it reads like one (seed 000 line 1). A first line that is an
    attribution (seed 001: 來源:<site>) is not a title, and neither is a line that ends like a
    sentence or is the only content.
    """
    if len(kept) < 2:
        return None, kept, removed
    named = next((r for r in removed if r.category == "title"), None)  # a Q&A page's question
    if named is not None:
        return unlabelled(named.text), *moved_site_header(kept, removed, named.position)
    outlets = outlet_lines(kept, removed)
    if outlets:
        kept = [block for block in kept if block not in outlets]
        lines = [Removal("source_attribution", "outlet_line", block.text, block.index) for block in outlets]
        removed = sorted([*removed, *lines], key=lambda r: r.position)
    headed = line_above_byline(kept, removed)
    if headed is not None and reads_as_title(headed):
        rest = [block for block in kept if block is not headed]
        title = Removal("title", "byline_title", headed.text, headed.index)
        return unlabelled(headed.text), *moved_site_header(rest, [*removed, title], headed.index)
    trailed = line_below_navigation(kept, removed)
    if trailed is not None:
        rest = [block for block in kept if block is not trailed]
        title = Removal("title", "trail_title", trailed.text, trailed.index)
        return unlabelled(trailed.text), *moved_site_header(rest, [*removed, title], trailed.index)
    first = kept[0]
    before = [r for r in removed if r.position < first.index]
    if first.index > MAX_TITLE_INDEX or any(
        r.category not in TITLE_MAY_FOLLOW and r.rule not in TITLE_MAY_FOLLOW_RULES for r in before
    ):
        return None, kept, removed
    if not reads_as_title(first):
        return None, kept, removed
    removal = Removal("title", "first_line_title", first.text, first.index)
    return unlabelled(first.text), kept[1:], sorted([*removed, removal], key=lambda r: r.position)


def outlet_lines(kept: list[Block], removed: list[Removal]) -> list[Block]:
    """Kept lines that only name an outlet (島嶼生活報, 【江城晚报】) between the first byline row
    and the body: the paper an aggregator took the article from, not its title or its text."""
    rows = [
        r.position for r in removed if r.category == "source_attribution" and r.position < MAX_TITLE_INDEX
    ]
    body = next((block for block in kept if is_prose(block)), None)
    if not rows or body is None:
        return []
    first_row = min(rows)
    return [
        block
        for block in kept
        if first_row - 1 <= block.index < body.index and OUTLET_NAME.fullmatch(block.key)
    ]


def with_byline_cut(title: str, kept: list[Block], removed: list[Removal]) -> TitlePick:
    """The pick, when a scraper joined the byline onto the title's line (标题 楼主：X 发表于 2024-09-08,
    Title 撰文：X 2025-06-03): the title before it, and the byline recorded as an attribution too."""
    found = TITLE_BYLINE.search(title)
    if found is None or measure(title[: found.start()]) < MIN_CUT_TITLE_SIZE:
        return title, kept, removed
    line = next(r for r in removed if r.category == "title")
    byline = Removal("source_attribution", "title_byline", title[found.start() :].strip(), line.position)
    return title[: found.start()].strip(), kept, sorted([*removed, byline], key=lambda r: r.position)


def unlabelled(title: str) -> str:
    """The title without the label a board or a form prints before it (標題 [心得] X, Title: X)."""
    return TITLE_LABEL.sub("", title, count=1) or title


def reads_as_title(block: Block) -> bool:
    """Short, and not ending like a sentence or a clause ("?" and "!" are fine)."""
    stripped = block.text.rstrip()
    if not (2 <= block.size <= MAX_TITLE_SIZE) or len(stripped) > MAX_TITLE_CHARS:
        return False
    return not (stripped[-1] in NOT_TITLE_ENDINGS or (ends_sentence(stripped) and stripped[-1] in "。."))


MAX_TITLE_STEPS = 2  # kept lines looked at above the byline rows for the title


def line_above_byline(kept: list[Block], removed: list[Removal]) -> Block | None:
    """The kept line right above the last attribution row that comes before the body's first
    sentence-ending paragraph, within the header's reach; None when there is no such row."""
    body = body_opening(kept, removed)
    body_start = body.index if body is not None else MAX_TITLE_INDEX
    rows = [
        r.position
        for r in removed
        if r.category == "source_attribution"
        and r.rule != "outlet_line"  # the outlet may stand between the title and the byline
        and r.position < min(body_start, MAX_TITLE_INDEX)
    ]
    if not rows:
        return None
    above = [block for block in kept if block.index < max(rows)]
    # a standfirst no teaser rule caught may stand between the title and the byline
    titled = (block for block in reversed(above[-MAX_TITLE_STEPS:]) if reads_as_title(block))
    return next(titled, above[-1] if above else None)


def body_opening(kept: list[Block], removed: list[Removal]) -> Block | None:
    """The body's first sentence-ending paragraph: the first kept one, unless the site's menu or
    breadcrumb comes after it and before the next (a banner's sentence above the menu: an
    acknowledgement of country, a cookie notice)."""
    prose = [block for block in kept if is_prose(block)][:2]
    if len(prose) == 2 and any(
        prose[0].index < r.position < prose[1].index for r in removed if r.category == "navigation"
    ):
        return prose[1]
    return prose[0] if prose else None


def line_below_navigation(kept: list[Block], removed: list[Removal]) -> Block | None:
    """The longest kept line that reads as a title under the last menu or breadcrumb above the
    body, when a kept line stands above that menu too (a portal's masthead): without a byline,
    the title is where the breadcrumb leads (您现在的位置：首页 >> 新闻中心 >> 乡镇动态, then the
    headline)."""
    body = next((block for block in kept if is_prose(block)), None)
    if body is None or body.index > MAX_TITLE_INDEX:
        return None
    menus = [r.position for r in removed if r.category == "navigation" and r.position < body.index]
    if not menus or kept[0].index > max(menus):
        return None
    under = [block for block in kept if max(menus) < block.index < body.index and reads_as_title(block)]
    return max(under, key=lambda block: block.size, default=None)  # a channel label or a name is shorter


def moved_site_header(
    kept: list[Block], removed: list[Removal], title_at: int
) -> tuple[list[Block], list[Removal]]:
    """kept and removed with the page header's kept lines above the title at `title_at` moved to
    the removals, when a menu or breadcrumb stands there: above the menu, the site's name and
    tagline; below it, a channel label (城事, Cloud). Rule `site_header`."""
    menus = [r.position for r in removed if r.category == "navigation" and r.position < title_at]
    if not menus:
        return kept, sorted(removed, key=lambda r: r.position)
    last_menu = max(menus)
    header = [
        block
        for block in kept
        if block.index < title_at
        and block.size <= (MAX_TITLE_SIZE if block.index < last_menu else MAX_CHANNEL_LABEL_SIZE)
    ]
    moved = [Removal("navigation", "site_header", block.text, block.index) for block in header]
    rest = [block for block in kept if block not in header]
    return rest, sorted([*removed, *moved], key=lambda r: r.position)


def drop_repeated_title(
    title: str | None, kept: list[Block], removed: list[Removal]
) -> tuple[str | None, list[Block], list[Removal]]:
    """Remove the page title where the body repeats it as its first block.

    Only the first: a headline repeated after a kicker the extractor kept stays in the text
    (tried: on the CWCED pages, whose truth has the headline, it cost 0.02 on one page).
    """
    if not title or not kept or fold_key(kept[0].text) != fold_key(title):
        return title, kept, removed
    removal = Removal("title", "title_repeated", kept[0].text, kept[0].index)
    return title, kept[1:], sorted([*removed, removal], key=lambda r: r.position)


def collect_metadata(
    page: Mapping[str, str],
    removed: Sequence[Removal],
    url: str | None,
    leads: Sequence[str] = (),
    body_start: int = 0,
) -> dict[str, str]:
    """Page metadata first; attribution lines, the wire lead of the first paragraphs (（中央社记者
    X台南18日电）, OSLO, Feb 14 (Reuters) -) and notices add the fields it lacks."""
    pairs: list[Pair] = []
    for removal in joined_labels(removed):
        if removal.category == "source_attribution":
            pairs.extend(attribution_pairs(removal.text))
    for lead in leads:
        pairs.extend(lead_pairs(lead))
    for removal in removed:
        if removal.category == "copyright_notice":
            pairs.extend(notice_pairs(removal.text))
    holders = (copyright_holder(r.text) for r in removed if r.category in HOLDER_CATEGORIES)
    pairs.extend((("site",), holder) for holder in holders if holder)
    pairs.extend((("original_source",), r.text.strip("【】[] ")) for r in removed if r.rule == "outlet_line")
    # a caption's credit when no line named the picture's source (头图来自:X)
    credits = (caption_credit(r.text) for r in removed if r.category == "image_caption")
    pairs.extend((("image_credit",), credit) for credit in credits if credit)
    # a Q&A page's first answer: its author and when it was given (not when it was edited)
    answer = [r.text for r in removed if r.rule == "answer_header"]
    pairs.extend((("author",), name) for name in [answer_author(answer, is_bare_name)] if name)
    pairs.extend((("published",), date) for date in [answer_date(answer)] if date)
    # a post's header names its poster beside the stamp (Post by dave » Sun Apr 14, 2024): the
    # author of a forum's or a blog's first post, when no label named one
    header = (r for r in removed if r.rule in DATED_ROW_RULES and r.position < body_start)
    pairs.extend((("author",), name) for name in map(poster, (r.text for r in header)) if name)
    # a bare name beside the byline row or follow button names the author or the account: the
    # weakest evidence, so it only fills an author no labelled line gave
    pairs.extend(
        (("author",), named_role(r.text) or r.text.strip()) for r in removed if r.rule == "byline_name"
    )
    anchor = next((r for r in removed if r.category == "seo_filler"), None)  # 关键词: A B C
    if anchor is not None and KEYWORDS_LINE.match(anchor.text):
        pairs.append((("keywords",), KEYWORDS_LINE.sub("", anchor.text, count=1).strip()))
    if url:
        pairs.append((("url",), url))
    # last, a date on a row the stripper read as the byline's (Published: Oct 2 · Modified: …,
    # 2024-03-15 (五) 09:30) when no labelled line gave one
    rows = (iso_date(r.text) for r in removed if r.rule in DATED_ROW_RULES)
    pairs.extend((("published",), date) for date in rows if date)
    fields = fill_fields({k: v for k, v in page.items() if v}, pairs)
    # one form for every source, so an archive sorts and facets by date: the line it came from
    # is kept verbatim among the removals
    published = iso_date(fields.get("published", ""))
    if published:
        fields["published"] = published
    return fields


# the parts of a byline row: 撰文：X ｜ 2025年9月6日, By X | College of Agriculture, 2024-07-14 22:51
# 赣鄱体育  记者 X (a · inside a name, 让-保罗·萨特, has no spaces around it)
ROW_PARTS = re.compile(r"\s*[|｜]\s*|\s+[·•]\s+|\s{2,}|\u3000+")


def attribution_pairs(text: str) -> list[Pair]:
    """The fields an attribution line gives; a row that does not parse whole, part by part."""
    whole = parse_pairs(text) or parse_dateline(text) or parse_bracketed_head(text)
    if whole:
        return list(whole)
    return [pair for part in ROW_PARTS.split(text) if part for pair in parse_pairs(part) or ()]


def joined_labels(removed: Sequence[Removal]) -> list[Removal]:
    """The removals with each split label joined to its value ("Published" + "3 March 2025" read
    as "Published: 3 March 2025", "By" + "Jane Doe" as "By Jane Doe"), so the pair parses as one
    attribution line."""
    joined: list[Removal] = []
    for removal in removed:
        previous = joined[-1] if joined else None
        label = bare_label(previous.text) if previous is not None and previous.rule == "split_label" else None
        if (
            previous is not None
            and label is not None
            and removal.rule == "split_label"
            and previous.position == removal.position - 1
        ):
            separator = " " if label.direct else ": "
            text = previous.text.strip().rstrip(":：") + separator + removal.text
            joined[-1] = Removal(previous.category, previous.rule, text, previous.position)
            continue
        joined.append(removal)
    return joined


def masthead_fields(blocks: Sequence[str], removed: Sequence[Removal]) -> dict[str, str]:
    """What a text dump's header says as surely as a page's metadata: the site its masthead
    names (so a 来源: line below it names the original source, not the site)."""
    site = masthead_site(blocks, removed)
    return {"site": site} if site else {}


def script_evidence(text: str) -> dict[str, Any]:
    """Script label, machine-converted flag and the counts behind them."""
    from cleaner.script import detect_script

    report = detect_script(text)
    return {
        "script": report.script,
        "machine_converted": report.machine_converted,
        "evidence": {
            "confidence": round(report.confidence, 3),
            "han": report.han,
            "traditional_markers": report.traditional_markers,
            "simplified_markers": report.simplified_markers,
            "leftovers": "".join(report.leftovers[:20]),
        },
    }


def empty_reason(blocks: Sequence[str], removed: Sequence[Removal], evidence: Mapping[str, Any]) -> str:
    """Why a document gave no text."""
    if not blocks:
        extraction = evidence.get("extraction") or {}
        return f"no article content found: {extraction.get('reason') or 'no text blocks'}"
    counts = Counter(r.category for r in removed)
    listed = ", ".join(f"{category} {count}" for category, count in counts.most_common())
    return f"no article content found: all {len(blocks)} blocks removed ({listed})"
