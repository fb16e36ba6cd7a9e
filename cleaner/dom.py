"""HTML trees for extraction: safe parsing, blocks of text, and what page chrome looks like.

Everything here works on an lxml tree and never raises on content. `extraction.py` composes
these pieces with trafilatura and readability-lxml; this module knows nothing about either.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import NamedTuple

from lxml import etree, html

# Characters lxml refuses in a str document (C0 controls except tab, newline, carriage return;
# lone surrogates; the two Unicode non-characters XML forbids).
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# lxml refuses str input that declares an encoding; the text is already decoded.
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
HAS_BODY_TAG = re.compile(r"<body[\s>/]", re.IGNORECASE)
HEAD_END_TAG = re.compile(r"</head\s*>", re.IGNORECASE)

# Elements whose text is never page text.
SKIPPED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "title", "meta", "link", "head", "iframe", "object",
     "embed", "svg", "math", "canvas", "select", "option", "button", "textarea", "input"}
)  # fmt: skip
# Elements that start a new block of text (HTML, and trafilatura's XML body).
BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
     "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
     "h3", "h4", "h5", "h6", "header", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre",
     "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br",
     # trafilatura's XML vocabulary
     "doc", "head", "item", "list", "quote", "row", "lb", "graphic"}
)  # fmt: skip
# Elements whose text is link text (HTML, and trafilatura's XML).
LINK_TAGS = frozenset({"a", "ref"})
# Inline elements whose neighbours need a space between them (table cells of one row).
SPACED_TAGS = frozenset({"td", "th", "cell"})


# The C0 control bytes CONTROL_CHARS removes, for a bytes.translate deletion table.
C0_REFUSED = bytes(range(32)).translate(None, b"\t\n\r")


def has_refused_chars(text: str) -> bool:
    """Whether CONTROL_CHARS has anything to remove, checked in C (three times faster than the regex
    scan on clean pages, which are nearly all of them)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return True
    return len(data.translate(None, C0_REFUSED)) != len(data) or "\ufffe" in text or "\uffff" in text


def prepare_markup(markup: str) -> str:
    """Make decoded HTML parseable as the page its author meant.

    Removes what lxml refuses on str input (an XML declaration, control characters) and gives
    fragments a <body>: libxml2 puts a page that starts with <script> and has no <body> entirely
    into <head>, where no extractor looks (DESIGN §5).
    """
    text = XML_DECLARATION.sub("", markup.lstrip("\ufeff"))
    if has_refused_chars(text):
        text = CONTROL_CHARS.sub("", text)
    if HAS_BODY_TAG.search(text):
        return text
    head_end = HEAD_END_TAG.search(text)
    if head_end:
        return f"{text[: head_end.end()]}<body>{text[head_end.end() :]}</body>"
    return f"<html><body>{text}</body></html>"


# Without huge_tree libxml2 drops what is nested deeper than 256 levels and text nodes over 10 MB;
# with it, trafilatura takes seconds on a 2 000-level tree. No real article needs either, and
# extraction.rescue_lost_text reads such a page's text from its markup instead.
PARSER = html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False)
# lxml.html picks each element's class in Python (FormElement, InputElement…) every time an element
# is touched; every element being a plain HtmlElement, chosen in C, gives trafilatura and readability
# the same methods and outputs (checked on every eval page) at 5-15 % less of their time, and lets
# the page walk read the same tree instead of a second parse.
PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=html.HtmlElement, comment=html.HtmlComment, pi=html.HtmlProcessingInstruction,
        entity=html.HtmlEntity,
    )
)  # fmt: skip


# The same parser without lxml.html's element classes, for markup that is only read for its text
# (readability's summary).
PLAIN_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False
)


def parse_plain(markup: str, prepared: bool = False) -> etree._Element | None:
    """The page's tree as plain lxml elements (for reading text only), or None."""
    return parse_with(lambda text: etree.fromstring(text, parser=PLAIN_PARSER), markup, prepared)


def parse_markup(markup: str, prepared: bool = False) -> html.HtmlElement | None:
    """The page's tree, or None when nothing parseable is left."""
    root = parse_with(lambda text: html.document_fromstring(text, parser=PARSER), markup, prepared)
    return root if isinstance(root, html.HtmlElement) else None


def parse_with(build: Callable[[str], etree._Element], markup: str, prepared: bool) -> etree._Element | None:
    """`build` the tree of the (prepared) markup; None when nothing parseable is left."""
    text = markup if prepared else prepare_markup(markup)
    if not text.strip():
        return None
    try:
        return build(text)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, TypeError):
        return None


# What a browser never shows (readability.js's visibility test): the hidden attribute,
# aria-hidden="true", an inline display:none or visibility:hidden. The XPath finds the candidates
# in C; HIDDEN_STYLE reads their style.
HIDDEN_CANDIDATES = etree.XPath(
    '//body//*[@hidden or @aria-hidden="true" or contains(@style, "none") or contains(@style, "hidden")]'
)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
# …unless it holds this share of the page's text or more: a page that keeps its body hidden
# until a script shows it
MAX_HIDDEN_SHARE = 0.8


def is_hidden(element: etree._Element) -> bool:
    attributes = element.attrib
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    return HIDDEN_STYLE.search(attributes.get("style", "").lower()) is not None


def prune_hidden(root: etree._Element) -> list[str]:
    """Take out of `root`'s body the elements a browser never shows, and return their block texts
    (for the record). A class-hidden "展开全文" rest of an article is shown by a script on a click,
    so it stays; a page whose hidden text is most of its text is left whole."""
    hidden = {element for element in HIDDEN_CANDIDATES(root) if is_hidden(element)}
    outermost = [element for element in hidden if not any(up in hidden for up in element.iterancestors())]
    if not outermost:
        return []
    body = root.find("body")
    page_chars = sum(map(len, body.itertext())) if body is not None else 0
    hidden_chars = sum(len(text) for element in outermost for text in element.itertext())
    if hidden_chars >= MAX_HIDDEN_SHARE * page_chars:
        return []
    texts = [text for element in outermost for text in block_texts(element)]
    for element in outermost:
        element.drop_tree()  # its tail is the parent's text and stays
    return texts


# For the markup fallback: block-level tags (become line breaks) and any tag (removed).
BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|h[1-6]|tr|td|th|table|ul|ol|section|article|blockquote|pre|hr)\b[^>]*>", re.IGNORECASE
)
ANY_TAG = re.compile(r"<[^>]*>")


def remove_code_bodies(markup: str) -> str:
    """Markup without what sits inside <script> and <style>, in one pass (no regex backtracking).

    An unclosed <script> runs to the end, as a browser reads it.
    """
    lower = markup.lower()
    parts = []
    position = 0
    while True:
        starts = [
            found for found in (lower.find("<script", position), lower.find("<style", position)) if found >= 0
        ]
        if not starts:
            parts.append(markup[position:])
            break
        start = min(starts)
        parts.append(markup[position:start])
        closing = "</script" if lower.startswith("<script", start) else "</style"
        end = lower.find(closing, start)
        if end < 0:
            break
        close_end = lower.find(">", end)
        position = close_end + 1 if close_end >= 0 else len(markup)
    return " ".join(parts)


def markup_text_blocks(markup: str) -> list[str]:
    """The text of markup by pattern, not by parsing: for what libxml2 cannot hold.

    libxml2 drops what is nested deeper than 256 levels, so a page of 10 000 nested tags parses to
    nothing; this keeps its text, cut at block tags. Linear in the markup's size.
    """
    from html import unescape

    text = BLOCK_TAG.sub("\n", remove_code_bodies(markup))
    lines = (fold_whitespace(unescape(ANY_TAG.sub(" ", line))) for line in text.split("\n"))
    return [line for line in lines if line]


def fold_whitespace(text: str) -> str:
    """One line, single spaces: how every block is compared and handed out.

    str.split cuts at the same whitespace as the regex \\s (Unicode spaces included) in C.
    """
    return " ".join(text.split())


def compact(text: str) -> str:
    """Text without any whitespace: how blocks of two extractors are matched.

    str.split drops the same characters as the regex \\s, five times faster.
    """
    return "".join(text.split())


def tag_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return tag.lower() if "}" not in tag else tag.rsplit("}", 1)[-1].lower()


class Block(NamedTuple):
    """A run of text between block boundaries, with the element that holds it.

    A named tuple, not a dataclass: a page has thousands of blocks and a tuple is built in C.
    """

    text: str
    element: etree._Element  # the innermost block-level element containing the text
    link_chars: int  # characters of the text that sit inside <a> / <ref>
    container: str | None = None  # the category the nearest hinting ancestor suggests (with hints=True)


class ContainerHints:
    """The category the nearest hinting block-level ancestor of an element suggests, memoised.

    Asked only for the blocks left out of the article (a few hundred of a page's thousands of
    elements), walking up from each until an answer, and remembering it for every element
    passed: the whole page's hints cost about what one walk up costs.
    """

    def __init__(self) -> None:
        self.memo: dict[etree._Element, str | None] = {}

    def __call__(self, element: etree._Element) -> str | None:
        memo = self.memo
        passed = []
        found = None
        node: etree._Element | None = element
        while node is not None:
            if node in memo:
                found = memo[node]
                break
            passed.append(node)
            tag = tag_name(node)
            if tag in BLOCK_TAGS and tag not in UNHINTED_TAGS:
                found = element_hint(node, tag)
                if found is not None:
                    break
            node = node.getparent()
        for node in passed:
            memo[node] = found
        return found


def iter_blocks(
    root: etree._Element, skipped: frozenset[str] = SKIPPED_TAGS, hints: bool = False
) -> Iterator[Block]:
    """The text of `root` cut at block-level elements and line breaks, in document order.

    Walks with lxml's iterwalk (no recursion), so deeply nested tags cost nothing special;
    skipped elements (scripts, styles, forms) contribute only their tails. With `hints`, each
    block also carries the category its nearest hinting ancestor suggests (element_hint).
    This is the one walk over every element of the page: kept lean (locals, no calls per
    element that has nothing to say).
    """
    parts: list[str] = []
    link_chars = 0
    holders: list[etree._Element] = [root]
    context: list[str | None] = [None]
    links: list[bool] = [False]  # inside an <a> / <ref>, per open element
    append = parts.append
    block_tags, spaced_tags, link_tags, unhinted = BLOCK_TAGS, SPACED_TAGS, LINK_TAGS, UNHINTED_TAGS

    def flush() -> Block | None:
        nonlocal link_chars
        text = fold_whitespace("".join(parts)) if parts else ""
        block = Block(text, holders[-1], min(link_chars, len(text)), context[-1]) if text else None
        parts.clear()
        link_chars = 0
        return block

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if type(tag) is not str:
            tag = ""  # comments and processing instructions
        elif "}" in tag or not tag.islower():
            tag = tag_name(element)
        if event == "start":
            if not tag or tag in skipped:
                walker.skip_subtree()
                continue
            if tag in block_tags:
                if parts:
                    block = flush()
                    if block:
                        yield block
                holders.append(element)
                if hints:
                    hint = element_hint(element, tag) if tag not in unhinted else None
                    context.append(hint or context[-1])
                else:
                    context.append(None)
            elif tag in spaced_tags:
                append(" ")
            in_link = links[-1] or tag in link_tags
            links.append(in_link)
            text = element.text
            if text:
                append(text)
                if in_link:
                    link_chars += len(text.strip())
            continue
        # "end": skipped elements were never opened, but their tails are text of the parent
        if tag and tag not in skipped:
            links.pop()
            if tag in block_tags:
                if parts:
                    block = flush()
                    if block:
                        yield block
                holders.pop()
                context.pop()
            elif tag in spaced_tags:
                append(" ")
        tail = element.tail
        if tail and element is not root:
            append(tail)
            if links[-1]:
                link_chars += len(tail.strip())
    block = flush()
    if block:
        yield block


# In trafilatura's XML output <head> is a heading, not the document head.
XML_SKIPPED_TAGS = SKIPPED_TAGS - {"head"}


def block_texts(root: etree._Element | None, skipped: frozenset[str] = SKIPPED_TAGS) -> list[str]:
    """Just the texts of `iter_blocks`."""
    return [block.text for block in iter_blocks(root, skipped)] if root is not None else []


# What the class, id or role of a container says about the text inside it, checked in this
# order (the first match wins), with the removal category it maps to; matched on the lower-cased
# class and id (lower-case patterns without re.I: twice as fast).
CHROME_HINTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("comments", re.compile(r"comment|disqus|reply|respond|discuss|pinglun|评论|留言|跟帖")),
    ("related_posts", re.compile(r"related|recommend|more[-_]?(stories|news|articles)|read[-_]?more|"
                                 r"xiangguan|tuijian|hot[-_]?news|popular|trending|相关|推荐")),
    ("advertisement", re.compile(r"(^|[-_\s])(ad|ads|adv|advert\w*|sponsor\w*|banner|promo\w*|"
                                 r"guanggao|gg)([-_\s\d]|$)|广告")),
    ("widget_counter", re.compile(r"share|social|toolbar|like[-_]?btn|vote|print|bdshare|jiathis|"
                                  r"fenxiang|分享")),
    ("follow_us", re.compile(r"follow|subscribe|newsletter|qr[-_]?code|erweima|weixin|wechat|关注")),
    ("navigation", re.compile(r"(^|[-_\s])(nav\w*|menu\w*|breadcrumbs?|crumbs?|pager|pagination|"
                              r"page[-_]?nav|topbar|header|masthead|sidebar|side|aside|"
                              r"position|location|daohang|mianbao)([-_\s\d]|$)|导航|当前位置")),
    ("copyright_notice", re.compile(r"(^|[-_\s])(foot\w*|copyright|copy|legal|banquan|bottom)"
                                    r"([-_\s\d]|$)|版权")),
)  # fmt: skip
# Whole-page elements: their classes describe the page ("single-post has-sidebar"), not a part.
UNHINTED_TAGS = frozenset({"html", "body"})
# Any of the hints at once: most class names match none, and one search rules them all out.
ANY_CHROME_HINT = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in CHROME_HINTS))
# Tags that are page chrome by definition (HTML5 sectioning and ARIA roles).
CHROME_TAGS: dict[str, str] = {"nav": "navigation", "header": "navigation", "aside": "navigation",
                               "footer": "copyright_notice"}  # fmt: skip
CHROME_ROLES: dict[str, str] = {"navigation": "navigation", "banner": "navigation",
                                "contentinfo": "copyright_notice", "complementary": "navigation"}  # fmt: skip
# What a short block's own words say, checked before its container's hints (first match wins).
# Matched on the lower-cased text, hence lower-case patterns without re.I (case-insensitive
# matching made these searches twice as slow, and a page has thousands of dropped blocks).
CHROME_TEXT: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("copyright_notice", re.compile(r"©|\(c\)\s*\d{4}|copyright|all rights reserved|版权所有|版權所有|"
                                    r"icp备|icp證|icp证|备案号")),
    ("navigation", re.compile(r"^(上一篇|下一篇|上一頁|下一頁|上一页|下一页|上一則|下一則|返回|首页|首頁)|"
                              r"^(previous|next)( post| article| story)?\b")),
    ("follow_us", re.compile(r"扫码|掃碼|扫描二维码|關注.{0,12}公眾號|关注.{0,12}公众号|"
                             r"follow us|sign up for our")),
    ("source_attribution", re.compile(r"(来源|來源|作者|编辑|編輯|记者|記者)\s*[:：]|^by\s+[a-z]|"
                                      r"^(发表于|發表於|发布于|發佈於|posted on|published)\b")),
    ("related_posts", re.compile(r"^(相关|相關|推荐|推薦|热门|熱門|延伸)(阅读|閱讀|新闻|新聞|文章|推荐|推薦)|"
                                 r"^(related|recommended|more) (stories|articles|posts|news|reading)")),
    ("widget_counter", re.compile(r"(点赞|點讚|收藏|举报|舉報|阅读|閱讀|浏览|瀏覽)\s*[(（:：]?\s*\d|"
                                  r"^(点赞|收藏|举报|分享|舉報)\b|\d+\s+(shares|likes|views)\b")),
)  # fmt: skip
# Only short blocks are labelled by their words: a long paragraph quoting "版权所有" is still prose.
MAX_LABELLED_CHARS = 200
# Over half the characters inside links: a menu, a list of headlines, a tag cloud.
LINK_DENSE_SHARE = 0.5
# The generic category for page text outside the article that no hint explains (a sidebar blurb,
# a site slogan): not in DESIGN's list, reported as such.
PAGE_CHROME = "page_chrome"


# Digits dropped from class and id names before the cached lookup: "post-123" and "post-124" are
# one key, and no hint depends on a number.
NO_DIGITS = str.maketrans("", "", "0123456789")


@lru_cache(maxsize=4096)
def hint_for_names(names: str) -> str | None:
    """The category a class-and-id string suggests (cached: a site repeats its class names)."""
    if ANY_CHROME_HINT.search(names):
        for category, pattern in CHROME_HINTS:
            if pattern.search(names):
                return category
    return None


def element_hint(element: etree._Element, tag: str | None = None) -> str | None:
    """The category an element's class or id, else its role, else its tag suggests, if any.

    Class and id come first: <aside class="related-links"> is a related list before it is an aside.
    """
    tag = tag_name(element) if tag is None else tag
    if not element.keys():  # most elements have no attributes at all
        return CHROME_TAGS.get(tag)
    get = element.get
    names = f"{get('class') or ''} {get('id') or ''}".strip().lower()  # the hints are lower-case
    if names:
        category = hint_for_names(names.translate(NO_DIGITS))
        if category is not None:
            return category
    role = (get("role") or "").lower()
    if role in CHROME_ROLES:
        return CHROME_ROLES[role]
    return CHROME_TAGS.get(tag)


def categorise_chrome(block: Block, hints: ContainerHints | None = None) -> tuple[str, str]:
    """(category, rule) for a page block that is not part of the main content.

    The container's category is `block.container` (iter_blocks with hints) or asked of `hints`.
    """
    if len(block.text) <= MAX_LABELLED_CHARS:
        labelled = label_by_words(block.text.lower())
        if labelled is not None:
            return labelled  # the container is not asked: its walk up costs more than the words
    category = block.container
    if category is None and hints is not None:
        category = hints(block.element)
    link_dense = block.link_chars > LINK_DENSE_SHARE * len(block.text)
    if category == "copyright_notice" and link_dense:
        return "navigation", "html.footer_links"  # "About us | Contact" rows of a footer
    if category is not None:
        return category, f"html.container_{category}"
    if link_dense:
        return "navigation", "html.link_dense"
    return PAGE_CHROME, "html.outside_main_content"


def label_by_words(lowered: str) -> tuple[str, str] | None:
    """(category, rule) that a short block's own lower-cased words give it (CHROME_TEXT), if any."""
    for category, pattern in CHROME_TEXT:
        if pattern.search(lowered):
            return category, f"html.text_{category}"
    return None
