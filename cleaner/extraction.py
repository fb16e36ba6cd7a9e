"""Main content of an HTML page: the article's paragraphs, its metadata, and what was left out.

    >>> from cleaner.extraction import extract
    >>> page = extract("<html><body><nav><a href='/'>Home</a></nav><article><p>" + "Text. " * 40
    ...                + "</p></article></body></html>")
    >>> len(page.blocks), page.dropped[0].category
    (1, 'navigation')

How: trafilatura (fast mode), readability (trafilatura's bundled port of readability-lxml) and,
when those two disagree, trafilatura's precision mode each extract the page; the output the others
agree with most is kept (choose_by_agreement), or a broader one that holds it and adds only prose
(prefer_prose_superset), then trimmed to readability's core when that nests inside it
(trim_to_core). Every page block left out is recorded with a category (collect_dropped).
The page is parsed once: the extractors copy the tree before changing it, and the page walk
(dom.iter_blocks) and the metadata reader (collect_metadata: <meta>, JSON-LD, canonical link,
<html lang>, headings) only read it.

The input is decoded text (the pipeline decodes bytes first: trafilatura guessing bytes itself
got old Chinese pages wrong, DESIGN §3). trafilatura is imported on first use, so
`import cleaner` stays fast.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from lxml import etree

from cleaner import dom
from cleaner.dates import iso_date
from cleaner.record import Removal

# looks_like_html reads this much of the text: enough for a doctype, a head and some body.
SNIFF_CHARS = 4096
# A document-level tag settles it.
DOCUMENT_TAG = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*\?>\s*<html", re.I)
# Common HTML elements, opening or closing, with plausible attributes.
COMMON_TAG = re.compile(
    r"</?(?:div|p|br|span|a|table|tr|td|th|li|ul|ol|h[1-6]|img|script|style|meta|link|section|article|"
    r"header|footer|nav|main|aside|form|input|iframe|strong|em|b|i|font|center|title|blockquote|pre|"
    r"figure|figcaption|dl|dt|dd|hr|noscript|tbody|thead|label|button|select|option|textarea)"
    r"(?:\s[^<>]{0,2000})?/?>",
    re.I,
)
TAG_NAME = re.compile(r"</?([a-z0-9]+)", re.I)
# Text that neither has a document-level tag nor opens with a tag needs this many common tags…
MIN_TAGS = 3
# …of this many kinds…
MIN_DISTINCT_TAGS = 2
# …covering this share of the sniffed characters.
MIN_MARKUP_SHARE = 0.02


def looks_like_html(text: str) -> bool:
    """True when `text` is an HTML page or fragment, judged by its content, not its name.

    A document-level tag settles it; so does text that opens with a common tag ("<p>Hello</p>",
    "<script>…</script><div>"). Otherwise it takes several common tags of at least two kinds
    making up a visible share of the text: "a < b" or a tutorial sentence quoting "<p>" is text.
    """
    head = text[:SNIFF_CHARS]
    if DOCUMENT_TAG.search(head):
        return True
    tags = COMMON_TAG.findall(head)
    if not tags:
        return False
    if COMMON_TAG.match(head.lstrip("\ufeff \t\r\n")):
        return True
    names = {TAG_NAME.match(tag).group(1).lower() for tag in tags}  # type: ignore[union-attr]
    markup = sum(len(tag) for tag in tags)
    return (
        len(tags) >= MIN_TAGS and len(names) >= MIN_DISTINCT_TAGS and markup >= MIN_MARKUP_SHARE * len(head)
    )


@dataclass(frozen=True)
class Extracted:
    """The main content of a page, as blocks, with the page's metadata and everything left out."""

    blocks: tuple[str, ...]
    title: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)
    dropped: tuple[Removal, ...] = ()
    evidence: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(self.blocks))
        object.__setattr__(self, "dropped", tuple(self.dropped))
        object.__setattr__(self, "metadata", MappingProxyType(dict(self.metadata)))
        object.__setattr__(self, "evidence", MappingProxyType(dict(self.evidence)))

    @property
    def text(self) -> str:
        """The blocks, one per line."""
        return "\n".join(self.blocks)


def extract(html: str, *, url: str | None = None) -> Extracted:
    """Main-content blocks, title, metadata and dropped page text of decoded HTML; never raises."""
    try:
        # the contract is decoded text; bytes passed by mistake are read as UTF-8 rather than repr'd
        if isinstance(html, bytes | bytearray):
            html = html.decode("utf-8", "replace")
        if not isinstance(html, str):
            return Extracted((), evidence={"extractor": "none", "reason": f"not text: {type(html).__name__}"})
        markup = dom.prepare_markup(html)
        root = dom.parse_markup(markup, prepared=True)
        # one parse: the extractors copy the tree before changing it, the page walk only reads it
        return rescue_lost_text(extract_tree(root, url), markup)
    except Exception as error:  # content must never crash the cleaner; say why instead
        return Extracted((), evidence={"extractor": "none", "reason": f"{type(error).__name__}: {error}"})


# When the parsed page holds less than this share of the text its markup holds, the parser
# dropped content (libxml2's nesting limit) and the text is read from the markup instead.
MIN_PARSED_SHARE = 0.5


def rescue_lost_text(extracted: Extracted, markup: str) -> Extracted:
    """`extracted`, or the markup's text by pattern when nothing was found and the parser lost text."""
    if extracted.blocks:
        return extracted
    blocks = dom.markup_text_blocks(markup)
    found = sum(len(block) for block in blocks)
    parsed = extracted.evidence.get("page_chars", 0)
    if not found or parsed >= MIN_PARSED_SHARE * found:
        return extracted
    evidence = {key: value for key, value in extracted.evidence.items() if key != "reason"}
    evidence.update(extractor="markup_text", parser_lost_text=f"parsed {parsed} of {found} characters")
    return Extracted(tuple(blocks), extracted.title, extracted.metadata, extracted.dropped, evidence)


def extract_tree(root: Any, url: str | None) -> Extracted:
    """extract() on an already parsed page (dom.parse_markup); what a browser never shows is
    taken out of the tree first (dom.prune_hidden), then the tree is only read."""
    if root is None:
        return Extracted((), evidence={"extractor": "none", "reason": "no parseable HTML"})
    hidden = tuple(
        Removal("page_chrome", "html.hidden", text, position)
        for position, text in enumerate(dom.prune_hidden(root))
    )
    candidates, bags = run_extractors(root, url)
    chosen, agreement = choose_by_agreement(candidates, bags)
    chosen = prefer_prose_superset(candidates, bags, chosen)
    restored = 0
    if chosen == "trafilatura_precision":
        candidates[chosen], restored = restore_dropped_words(candidates[chosen], candidates["trafilatura"])
    blocks, trimmed = trim_to_core(candidates, bags, chosen)
    meta = collect_metadata(root, url)
    title = meta.pop("title", None)
    body = root.find("body")
    page_blocks = list(dom.iter_blocks(body if body is not None else root))
    if not blocks:
        blocks, chosen = keep_plain_page(page_blocks), "page_text"
    extracted_count = len(blocks)
    blocks = add_article_segments(page_blocks, blocks)
    blocks, edit_links = without_edit_links(blocks)
    dropped = collect_dropped(page_blocks, blocks, title) + edit_links + hidden
    evidence: dict[str, Any] = {
        "extractor": chosen if blocks else "none",
        "page_chars": sum(len(block.text) for block in page_blocks),
        "agreement": {name: round(score, 3) for name, score in agreement.items()},
        "candidate_blocks": {name: len(found) for name, found in candidates.items()},
        "precision_run": candidates.get("trafilatura_precision") is not candidates.get("trafilatura"),
        "trimmed_to": trimmed,
        "segment_blocks_added": len(blocks) - extracted_count,
        "paragraphs_restored": restored,
        "blocks": len(blocks),
        "dropped": len(dropped),
    }
    if not blocks:
        evidence["reason"] = "no main content found"
    return Extracted(tuple(blocks), title, meta, dropped, evidence)


def run_trafilatura(root: Any, url: str | None, **options: Any) -> list[str]:
    """trafilatura's main-content blocks for the tree (comments excluded)."""
    import trafilatura

    try:
        # "xml": the body tree alone, without the plain-text rendering of it ("python") nobody reads
        document = trafilatura.bare_extraction(
            root, url=url, include_comments=False, output_format="xml", **options
        )
    except Exception:  # trafilatura raises on some degenerate trees; that page has no content then
        return []
    body = getattr(document, "body", None)  # a Document (a dict only when asked with as_dict)
    return dom.block_texts(body, dom.XML_SKIPPED_TAGS) if body is not None else []


def run_readability(root: Any) -> list[str]:
    """Readability's main-content blocks (trafilatura's bundled port of readability-lxml)."""
    from copy import deepcopy

    from trafilatura.readability_lxml import Document

    try:
        summary = Document(deepcopy(root), min_text_length=READABILITY_MIN_TEXT).summary()
    except Exception:  # the port raises on empty or degenerate pages; that candidate is empty then
        return []
    return dom.block_texts(dom.parse_plain(summary))


# Readability ignores paragraphs shorter than this when scoring containers (trafilatura's own
# setting for its fallback; readability-lxml's default 25 too).
READABILITY_MIN_TEXT = 25
# trafilatura's precision mode is run only when the fast mode and readability disagree: when
# they agree this well, the precision output cannot become the one closest to both (measured:
# it changes no page's F1 by more than 0.01 and saves its run on ~60 % of pages).
AGREEMENT_TO_SKIP_PRECISION = 0.95


def run_extractors(root: Any, url: str | None) -> tuple[dict[str, list[str]], dict[str, Counter[str]]]:
    """The candidate outputs and their token bags: trafilatura fast, readability, and precision if needed.

    Measured on the eval pages (notes in bench/extraction.py): trafilatura wins on English news,
    its precision mode on pages with long link lists, readability on Chinese pages with
    boilerplate around the article container; the output the others agree with most matches
    or beats the best single one on every dataset.
    """
    candidates = {
        "trafilatura": run_trafilatura(root, url, fast=True),
        "readability": run_readability(root),
    }
    bags = {name: count_tokens(found) for name, found in candidates.items()}
    if bag_f1(bags["trafilatura"], bags["readability"]) >= AGREEMENT_TO_SKIP_PRECISION:
        candidates["trafilatura_precision"] = candidates["trafilatura"]
        bags["trafilatura_precision"] = bags["trafilatura"]
    else:
        precision = run_trafilatura(root, url, favor_precision=True)
        candidates["trafilatura_precision"] = precision
        # half the precision runs give the fast mode's blocks again: same bag, not counted twice
        same = precision == candidates["trafilatura"]
        bags["trafilatura_precision"] = bags["trafilatura"] if same else count_tokens(precision)
    return candidates, bags


# Han characters and kana count one token each, other letters and digits one token per run, as
# in the evaluation's scorer: Chinese text has no spaces to count words by.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(rf"[{CJK}]|[^\W_{CJK}]+")


# Outputs are compared on their first this many characters: which containers an extractor kept
# shows long before that, and counting the tokens of a 5 MB page three times is not linear.
MAX_COMPARED_CHARS = 200_000


def count_tokens(blocks: list[str]) -> Counter[str]:
    """Bag of content tokens of some blocks (case-folded, NFKC), up to MAX_COMPARED_CHARS."""
    text = "\n".join(blocks)[:MAX_COMPARED_CHARS]
    return Counter(TOKEN.findall(unicodedata.normalize("NFKC", text).casefold()))


def bag_f1(first: Counter[str], second: Counter[str]) -> float:
    """F1 overlap of two token bags: 1.0 when equal, 0.0 when disjoint or one is empty."""
    size = sum(first.values()) + sum(second.values())
    return 2 * sum((first & second).values()) / size if size else 0.0


def bag_containment(inner: Counter[str], outer: Counter[str]) -> float:
    """Share of `inner`'s tokens that `outer` also has."""
    size = sum(inner.values())
    return sum((inner & outer).values()) / size if size else 0.0


def choose_by_agreement(
    candidates: dict[str, list[str]], bags: dict[str, Counter[str]]
) -> tuple[str | None, dict[str, float]]:
    """The candidate whose text agrees most with the others' (the medoid), and every agreement.

    Each extractor fails differently (a menu kept, a paragraph dropped, comments taken for the
    article); the output closest to all the others is the one least likely to carry any one
    extractor's mistake. Ties go to the first candidate.
    """
    names = list(bags)
    agreement = dict.fromkeys(names, 0.0)
    for index, name in enumerate(names):  # F1 is symmetric: each pair once
        for other in names[index + 1 :]:
            same = bags[name] is bags[other] and bool(bags[name])
            overlap = 1.0 if same else bag_f1(bags[name], bags[other])
            agreement[name] += overlap
            agreement[other] += overlap
    best = None
    for name, score in agreement.items():
        if candidates[name] and (best is None or score > agreement[best] + 1e-9):
            best = name
    return best, agreement


# Trimming (below) applies when readability's text lies inside the chosen output (this share of
# its tokens found there)…
CORE_CONTAINMENT = 0.95
# …and still carries most of it (this share of the chosen output's tokens): readability kept the
# article container, the broader output added what surrounds it.
CORE_MIN_SHARE = 0.7
# A block outside readability's text survives trimming when it reads as prose: this many units
# (Han characters plus other words)…
PROSE_MIN_UNITS = 20
# …ending like a sentence (。！？ . ! ? … or a closing quote or bracket after one).
SENTENCE_END = re.compile(r"[。！？!?.…][”’\"'」』)）\]]*\s*$")
WORD_OR_HAN = re.compile(rf"[{CJK}]|[^\W_{CJK}]+")


def is_prose(block: str) -> bool:
    """A sentence-ending paragraph of some length: text, not a label, menu or byline."""
    return SENTENCE_END.search(block) is not None and len(WORD_OR_HAN.findall(block)) >= PROSE_MIN_UNITS


def trim_to_core(
    candidates: dict[str, list[str]], bags: dict[str, Counter[str]], chosen: str | None
) -> tuple[list[str], str | None]:
    """The chosen blocks, minus non-prose blocks around readability's core when it nests inside.

    Readability keeps one container and its siblings; trafilatura adds headings, bylines, link
    rows and notices around it. When readability's text sits inside the chosen output and covers
    most of it, what only the broader output has before the core's first block or after its last
    is kept only if it is prose (measured: CWCED +0.009 F1). Blocks between two core blocks stay:
    readability's cleaning drops tables, embedded posts and short list items from inside the
    article, and those are article (AEB +0.002, one page of tables +0.22).
    """
    if chosen is None:
        return [], None
    blocks = candidates[chosen]
    core = candidates.get("readability", [])
    if chosen == "readability" or not core:
        return blocks, None
    chosen_bag, core_bag = bags[chosen], bags["readability"]
    core_size, chosen_size = sum(core_bag.values()), sum(chosen_bag.values())
    if bag_containment(core_bag, chosen_bag) < CORE_CONTAINMENT or not (
        CORE_MIN_SHARE * chosen_size <= core_size < chosen_size
    ):
        return blocks, None
    core_blocks = {dom.compact(block) for block in core}
    core_text = "\n".join(core_blocks)
    # a block of the chosen output may be part of a longer readability block; search for it
    # only while that stays cheap (hostile pages have tens of thousands of blocks)
    search = len(core_text) * len(blocks) <= MAX_SUBSTRING_WORK
    in_core = [
        dom.compact(block) in core_blocks or (search and dom.compact(block) in core_text) for block in blocks
    ]
    inside = [index for index, found in enumerate(in_core) if found]
    if not inside:
        return blocks, None
    first, last = inside[0], inside[-1]
    kept = [block for index, block in enumerate(blocks) if first <= index <= last or is_prose(block)]
    return kept, "readability"


# A candidate replaces the chosen one when it is this many times larger…
SUPERSET_GROWTH = 1.5
# …holds this share of the chosen one's tokens…
SUPERSET_CONTAINMENT = 0.9
# …and what it adds is prose for at least this share of its words.
SUPERSET_PROSE_SHARE = 0.9


def prefer_prose_superset(
    candidates: dict[str, list[str]], bags: dict[str, Counter[str]], chosen: str | None
) -> str | None:
    """The largest candidate that holds the chosen one and adds only prose, else the chosen one.

    Two extractors can agree on a fragment: when readability and the precision mode both keep one
    section of a long review, the medoid is that section. A broader output that contains it and
    adds whole sentence-ending paragraphs (not menus, link rows or captions) found the rest of
    the article (measured: one page of the Readability set 0.30 -> 1.00, no other page changes).
    """
    if chosen is None:
        return None
    size = sum(bags[chosen].values())
    best, best_size = chosen, size
    for name, found in candidates.items():
        grown = sum(bags[name].values())
        if (
            grown > max(best_size, SUPERSET_GROWTH * size)
            and bag_containment(bags[chosen], bags[name]) >= SUPERSET_CONTAINMENT
            and prose_share(added_blocks(found, candidates[chosen])) >= SUPERSET_PROSE_SHARE
        ):
            best, best_size = name, grown
    return best


def added_blocks(broader: list[str], narrower: list[str]) -> list[str]:
    """The blocks of `broader` that `narrower` does not have."""
    have = {dom.compact(block) for block in narrower}
    return [block for block in broader if dom.compact(block) not in have]


def prose_share(blocks: list[str]) -> float:
    """Share of the blocks' words (Han characters and other words) that lie in prose blocks."""
    words = [(len(WORD_OR_HAN.findall(block)), is_prose(block)) for block in blocks]
    total = sum(count for count, _ in words)
    return sum(count for count, prose in words if prose) / total if total else 0.0


# A paragraph of the fuller output replaces one of the chosen output when it has every one of its
# words and at most this many times as many (plus a few)…
MAX_RESTORED_GROWTH = 1.5
MAX_RESTORED_EXTRA_WORDS = 5
# …and lies at most this many blocks past the previous match (outputs keep page order).
RESTORE_WINDOW = 20


def restore_dropped_words(blocks: list[str], fuller: list[str]) -> tuple[list[str], int]:
    """`blocks` with each paragraph that lost words mid-sentence replaced by its whole version.

    trafilatura's precision mode drops some inline links, and their words with them: "reported
    that the NFL will fine Rudolph for his role" came out as "reported that for his role". A
    paragraph is article text whole or not at all, so where the fast mode has the same paragraph
    with those words, its version is kept (5 paragraphs on 3 of the 317 eval pages).
    """
    positions: dict[str, list[int]] = {}
    for index, block in enumerate(fuller):
        positions.setdefault(dom.compact(block), []).append(index)
    fuller_bags: dict[int, Counter[str]] = {}
    restored, result, cursor = 0, [], 0
    for block in blocks:
        same = [index for index in positions.get(dom.compact(block), ()) if index >= cursor]
        if same:
            cursor = same[0] + 1
            result.append(block)
            continue
        bag = count_tokens([block])
        size = sum(bag.values())
        for index in range(cursor, min(len(fuller), cursor + RESTORE_WINDOW)):
            whole = fuller_bags.setdefault(index, count_tokens([fuller[index]]))
            if (
                size
                and not bag - whole
                and sum(whole.values()) <= MAX_RESTORED_GROWTH * size + MAX_RESTORED_EXTRA_WORDS
            ):
                result.append(fuller[index])
                restored += 1
                cursor = index + 1
                break
        else:
            result.append(block)
    return result, restored


# An article split into segments (below): a block's segment is its nearest block-level
# ancestor-or-self with a class. The kept blocks' main segment must hold this share of their text…
MIN_MAIN_SEGMENT_SHARE = 0.5
# …a missed segment of the same tag and class must share an ancestor with it at most this many
# levels above both (siblings and cousins in one article, not a look-alike in the comments)…
MAX_SEGMENT_LEVELS = 3
# …and read as the article does: mostly prose, few links.
MIN_SEGMENT_PROSE_SHARE = 0.8
MAX_SEGMENT_LINK_SHARE = 0.2


def add_article_segments(page_blocks: list[dom.Block], blocks: list[str]) -> list[str]:
    """`blocks` plus the prose of the article's other segments the extractors missed, in page order.

    Some templates cut one article into several sibling containers of the same class (a
    "body__container" per chunk, ads between them); trafilatura keeps the first and readability
    the largest. The missed segments are found in the DOM: same tag and class as the segment
    holding most of the kept text, close to it in the tree, and mostly link-free prose; inside
    them, what a comments, related or navigation container holds stays out (measured: two AEB
    pages 0.52 -> 0.95 and 0.62 -> 0.97, no other eval page changes).
    """
    kept = {dom.compact(block) for block in blocks}
    is_kept = [dom.compact(block.text) in kept for block in page_blocks]
    kept_blocks = [block for block, found in zip(page_blocks, is_kept, strict=True) if found]
    main = main_segment(kept_blocks)
    if main is None:
        return blocks
    segments = {
        element for element in main.getroottree().iter(main.tag) if element.get("class") == main.get("class")
    }
    inside = NearestAncestor(segments.__contains__)
    kept_segments = {inside(block.element) for block in kept_blocks}
    near = {ancestor for segment in kept_segments - {None} for ancestor in ancestors(segment)}
    others = {segment for segment in segments - kept_segments if not near.isdisjoint(ancestors(segment))}
    if not others:  # the usual page: one article container
        return blocks
    hints = dom.ContainerHints()
    missed: dict[Any, list[tuple[int, dom.Block]]] = {}
    for position, (block, found) in enumerate(zip(page_blocks, is_kept, strict=True)):
        segment = None if found else inside(block.element)
        if segment in others and hints(block.element) is None:
            missed.setdefault(segment, []).append((position, block))
    added = [found for found in missed.values() if reads_as_article([block for _, block in found])]
    if not added:
        return blocks
    return in_page_order(page_blocks, blocks, [item for found in added for item in found])


def main_segment(kept_blocks: list[dom.Block]) -> Any:
    """The nearest classed container of the kept blocks that holds most of their text, if any."""
    classed = NearestAncestor(lambda node: bool((node.get("class") or "").strip()))
    chars: Counter[Any] = Counter()
    first_of_kind: dict[tuple[str, str], Any] = {}
    for block in kept_blocks:
        segment = classed(block.element)
        if segment is not None:
            kind = (segment.tag, segment.get("class"))
            chars[kind] += len(block.text)
            first_of_kind.setdefault(kind, segment)
    if not chars:
        return None
    kind, most = chars.most_common(1)[0]
    enough = most >= MIN_MAIN_SEGMENT_SHARE * sum(len(block.text) for block in kept_blocks)
    return first_of_kind[kind] if enough else None


class NearestAncestor:
    """The nearest block-level ancestor-or-self that passes a test, memoised (linear per page)."""

    def __init__(self, test: Callable[[Any], bool]) -> None:
        self.test = test
        self.memo: dict[Any, Any] = {}

    def __call__(self, element: Any) -> Any:
        passed = []
        node, found = element, None
        while node is not None:
            if node in self.memo:
                found = self.memo[node]
                break
            passed.append(node)
            if dom.tag_name(node) in dom.BLOCK_TAGS and self.test(node):
                found = node
                break
            node = node.getparent()
        for node in passed:
            self.memo[node] = found
        return found


def ancestors(element: Any, levels: int = MAX_SEGMENT_LEVELS) -> set[Any]:
    """The element's parent, grandparent… up to `levels` of them."""
    found: set[Any] = set()
    node = element.getparent()
    while node is not None and len(found) < levels:
        found.add(node)
        node = node.getparent()
    return found


def reads_as_article(blocks: list[dom.Block]) -> bool:
    texts = [block.text for block in blocks]
    chars = sum(len(text) for text in texts)
    links = sum(block.link_chars for block in blocks)
    return links <= MAX_SEGMENT_LINK_SHARE * chars and prose_share(texts) >= MIN_SEGMENT_PROSE_SHARE


def in_page_order(
    page_blocks: list[dom.Block], blocks: list[str], added: list[tuple[int, dom.Block]]
) -> list[str]:
    """`blocks` with the added page blocks put where the page has them.

    A kept block sits at the page position of its first match (or just after the block before
    it when the extractor reworded it, e.g. joined two paragraphs).
    """
    first_position: dict[str, int] = {}
    for position, block in enumerate(page_blocks):
        first_position.setdefault(dom.compact(block.text), position)
    ordered = []
    position = -1
    for index, text in enumerate(blocks):
        position = first_position.get(dom.compact(text), position)
        ordered.append((position, 0, index, text))
    ordered.extend((position, 1, position, block.text) for position, block in added)
    ordered.sort(key=lambda item: item[:3])
    return [text for *_, text in ordered]


# Dropped-text matching aligns page blocks with the kept text in order. A block this long is
# distinctive enough to be found anywhere in the kept text…
DISTINCTIVE_CHARS = 25
# …a shorter one ("城市", "News") only close after the previous match, so a menu item that
# happens to occur inside the article is not taken for article text.
SHORT_BLOCK_SLACK = 80
# Above this much searching (characters × blocks) only exact and nearby matches count, keeping
# hostile pages linear.
MAX_SUBSTRING_WORK = 50_000_000


def keep_plain_page(page_blocks: list[dom.Block]) -> list[str]:
    """A page too small or plain for the extractors: its blocks that no chrome rule claims.

    Extractors want a few hundred characters of article before they answer; "<p>Hello</p>" or a
    short notice page still has text, and a page that is all menus still has none.
    """
    hints = dom.ContainerHints()
    return [block.text for block in page_blocks if dom.categorise_chrome(block, hints)[0] == dom.PAGE_CHROME]


# A wiki's section-edit link, which the heading's text carries: "简介[编辑]", "History[edit]",
# "生平[編輯原始碼]" (MediaWiki's mw-editsection).
EDIT_LINK = re.compile(
    r"\s*\[\s*(?:编辑|編輯|edit|编辑源代码|編輯原始碼|修改|修改原始碼|edit source)\s*\]$", re.I
)


def without_edit_links(blocks: list[str]) -> tuple[list[str], tuple[Removal, ...]]:
    """The blocks less the wiki edit links that end their headings, and those links as removals."""
    kept, removed = [], []
    for position, block in enumerate(blocks):
        link = EDIT_LINK.search(block) if block.endswith("]") else None
        if link and link.start() > 0:
            removed.append(Removal("navigation", "html.edit_link", link.group(0).strip(), position))
            block = block[: link.start()]
        kept.append(block)
    return kept, tuple(removed)


def collect_dropped(page_blocks: list[dom.Block], kept: list[str], title: str | None) -> tuple[Removal, ...]:
    """Every page block not in the main content, categorised by its container or its words.

    Each stretch of kept text accounts for one page block only: a paragraph the page repeats
    and the extractor kept once is recorded as a repeat, not silently taken as kept twice.
    """
    kept_text = "\n".join(kept)
    search_anywhere = len(kept_text) * len(page_blocks) <= MAX_SUBSTRING_WORK
    dropped = []
    cursor = 0
    claimed: set[int] = set()  # where distinctive blocks were found in the kept text
    resume: dict[str, int] = {}  # where to look next for each distinctive block (linear on repeats)
    hints = dom.ContainerHints()
    for position, block in enumerate(page_blocks):
        text = block.text
        if text.endswith("]"):  # a heading is kept without its edit link (without_edit_links)
            text = EDIT_LINK.sub("", text) or text
        distinctive = len(text) >= DISTINCTIVE_CHARS
        found = kept_text.find(text, cursor, cursor + SHORT_BLOCK_SLACK + len(text))
        if found >= 0 and distinctive and found in claimed:
            found = -1
        if found < 0 and search_anywhere and distinctive:
            found = kept_text.find(text, resume.get(text, 0))
            while found in claimed:
                found = kept_text.find(text, found + 1)
        if found >= 0:
            cursor = found + len(text)
            if distinctive:
                claimed.add(found)
                resume[text] = found + 1
            continue
        if title and text == title:
            category, rule = "title", "html.title"
        elif distinctive and text in kept_text:
            category, rule = "duplicate_teaser", "html.repeated_block"
        else:
            category, rule = dom.categorise_chrome(block, hints)
            if category == dom.PAGE_CHROME and is_attribution(text):
                category, rule = "source_attribution", "html.attribution_line"
        dropped.append(Removal(category, rule, text, position))
    return tuple(dropped)


def is_attribution(text: str) -> bool:
    """A byline or credit the extractor left beside the article ((责编：X), 澎湃新闻记者 韩思琪):
    recorded as source_attribution so the pipeline reads its fields like a text dump's."""
    from cleaner.blocks import fold_key
    from cleaner.provenance import (
        MAX_ATTRIBUTION_CHARS,
        may_be_attribution,
        parse_bracketed_head,
        parse_pairs,
    )

    if len(text) > MAX_ATTRIBUTION_CHARS or not may_be_attribution(fold_key(text)):
        return False
    return bool(parse_pairs(text) or parse_bracketed_head(text))


# <meta> name/property/itemprop -> our metadata key; the first one found wins. The date and
# author names are the ones news and CMS templates use (Open Graph, Dublin Core, Parse.ly,
# Sailthru, Highwire citation tags, schema.org microdata).
META_FIELDS = {
    "og:title": "title", "twitter:title": "title", "og:site_name": "site", "application-name": "site",
    "author": "author", "article:author": "author", "dc.creator": "author", "byl": "author",
    "sailthru.author": "author", "parsely-author": "author", "citation_author": "author",
    "og:url": "url", "description": "description", "og:description": "description",
    "article:published_time": "published", "og:published_time": "published", "article:published": "published",
    "datepublished": "published", "pubdate": "published", "publishdate": "published",
    "publish-date": "published", "publish_date": "published", "publication_date": "published",
    "published_time": "published", "date": "published", "dc.date": "published", "dc.date.issued": "published",
    "dc.date.created": "published", "dcterms.date": "published", "dcterms.created": "published",
    "dcterms.issued": "published", "citation_publication_date": "published", "citation_date": "published",
    "sailthru.date": "published", "parsely-pub-date": "published", "release_date": "published",
    "og:locale": "language", "content-language": "language",
}  # fmt: skip
# Where a page shows its date or byline when no <meta> declares them: schema.org microdata,
# <time datetime>, and elements whose class or id says date / time / publish (htmldate's fast
# mode looks at the same places), in this order, each searched in C for its first few elements
# (a union of XPaths merges node sets in quadratic time in libxml2: 40 000 matches took 6 s).
MAX_META_ELEMENTS = 20
DATE_ELEMENTS = tuple(
    etree.XPath(f"(//{path})[position() <= {MAX_META_ELEMENTS}]")
    for path in (
        "*[@itemprop='datePublished']",
        "time[@datetime]",
        "*[contains(@class, 'date') or contains(@id, 'date') or contains(@class, 'time')"
        " or contains(@class, 'publish') or contains(@id, 'publish')]",
    )
)
AUTHOR_ELEMENTS = etree.XPath(
    "(//*[@itemprop='author' or @rel='author' or contains(@class, 'byline') or contains(@class, 'author')])"
    f"[position() <= {MAX_META_ELEMENTS}]"
)
# A byline is a name or a few: longer text is an author's biography or a comment.
MAX_AUTHOR_CHARS = 80
BYLINE_PREFIX = re.compile(r"^(?:(?:by|von|par|por)\s+|(?:作者|文|记者|記者)\s*[:：/]\s*)", re.I)
# A date in the page's address: /2024/05/06/, /20240506/, t20220128_123.html.
URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)")
# A page that names no site is published by its host (www. and w1. dropped), as trafilatura reads it.
URL_HOST = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/:?#\s]+)", re.I)
# "Article title - Site name" / "标题_频道_网站": the part before the first separator is the title.
TITLE_SEPARATOR = re.compile(
    r"\s+[–•·—|⁄*~‹«<›»>:-]\s+|\s*[_｜|]\s*"
    # "标题--大河网", "标题？-报社新闻-某网": Chinese sites join with bare hyphens; never "——",
    # which is punctuation inside Chinese titles
    r"|(?<=[\u3400-\u9fff。？！”」）》])-{1,2}(?=[\u3400-\u9fff])"
)


def collect_metadata(root: Any, url: str | None) -> dict[str, str]:
    """Title, author, published (ISO date), site, canonical url, description, language.

    Read from the page's own declarations, in one pass over its head: <meta> tags (Open Graph,
    article:, name=author…), the canonical link, <html lang>, JSON-LD; the title falls back to
    the page's headings and <title>. (trafilatura's metadata extraction found the same fields
    on the eval pages at a third of trafilatura's own extraction time: measured, bench/extraction.py.)
    """
    found: dict[str, str] = {}
    for element in root.iter("meta", "link", "html"):
        get = element.get
        if element.tag == "html":
            key, value = "language", get("lang") or get("xml:lang")
        elif element.tag == "link":
            rel = (get("rel") or "").lower().split()
            key, value = ("url", get("href")) if "canonical" in rel else ("", None)
        else:
            name = (get("property") or get("name") or get("itemprop") or get("http-equiv") or "").lower()
            key, value = META_FIELDS.get(name, ""), get("content")
            if key == "author" and value and value.startswith(("http://", "https://")):
                value = None  # article:author is often a profile link, not a name
        if key and value and value.strip() and key not in found:
            found[key] = dom.fold_whitespace(value)
    for key, value in read_json_ld(root).items():
        found.setdefault(key, value)
    if "title" not in found:
        title = find_title(root)
        if title:
            found["title"] = title
    if "published" in found:
        date = iso_date(found.pop("published"))
        if date:
            found["published"] = date
    if "url" not in found and url:
        found["url"] = url
    if "published" not in found:
        date = find_shown_date(root, found.get("url"))
        if date:
            found["published"] = date
    if "author" in found:
        found["author"] = BYLINE_PREFIX.sub("", found["author"]).strip() or found["author"]
    else:
        author = find_byline(root)
        if author:
            found["author"] = author
    site_host = URL_HOST.match(found.get("site", ""))
    if site_host:  # og:site_name given as an address
        found["site"] = site_host.group(1).lower()
    if "site" not in found and "url" in found:
        host = URL_HOST.match(found["url"])
        if host:
            found["site"] = host.group(1).lower()
    if "title" in found:
        found["title"] = shown_headline(found["title"], root)
    if "title" in found and "site" in found:
        found["title"] = without_site_suffix(found["title"], found["site"])
    return found


def shown_headline(title: str, root: Any) -> str:
    """The page's heading that `title` starts with, up to a separator, else `title`.

    A declared or <title> title often carries channel and site names ("标题-报社新闻-某网",
    "Headline | Section | Site") that no separator rule can tell from the headline itself; the
    heading the page shows is the headline.
    """
    for heading in root.iter(*HEADLINE_TAGS):
        text = element_text(heading)
        if (
            text
            and len(text) < len(title)
            and title.startswith(text)
            and TITLE_SEPARATOR.match(title, len(text))
        ):
            return text
    return title


def without_site_suffix(title: str, site: str) -> str:
    """The title less a " - <site>" or "_<site>" its page appends ("自备餐具折5元 - 自由日报电子报")."""
    if len(title) <= len(site) or not title.endswith(site):
        return title
    head = title[: -len(site)]
    # the last separator, which must end right where the site's name begins
    separator = next((m for m in TITLE_SEPARATOR.finditer(head + "x") if m.end() == len(head)), None)
    return head[: separator.start()].strip() or title if separator else title


# Headings that may show the headline (a page's <h1> is sometimes its logo, the headline an <h2>).
HEADLINE_TAGS = ("h1", "h2", "h3")


def find_shown_date(root: Any, url: str | None) -> str | None:
    """The publication date the page shows (microdata, <time>, a date element) or its address holds."""
    for elements in DATE_ELEMENTS:
        for element in elements(root):
            get = element.get
            for value in (get("datetime"), get("content"), element_text(element)[:MAX_AUTHOR_CHARS]):
                date = iso_date(value) if value else None
                if date:
                    return date
    match = URL_DATE.search(url) if url else None
    if match:
        year, month, day = match.groups()
        return f"{year}-{month}-{day}"
    return None


def find_byline(root: Any) -> str | None:
    """The author's name a byline element shows (schema.org author, rel=author, class byline/author)."""
    hints = dom.ContainerHints()
    for element in AUTHOR_ELEMENTS(root):
        text = BYLINE_PREFIX.sub("", element_text(element)).strip()
        if not (2 <= len(text) <= MAX_AUTHOR_CHARS) or any(character.isdigit() for character in text):
            continue  # a biography, a date, a counter ("总阅读 12")
        if hints(element) == "comments" or any(dom.tag_name(up) == "form" for up in element.iterancestors()):
            continue  # a commenter's name, or the comment form's "Name (required)"
        return text
    return None


def element_text(element: Any) -> str:
    """An element's text, folded to one line."""
    return dom.fold_whitespace("".join(element.itertext()))


def find_title(root: Any) -> str | None:
    """The page's title when no <meta> or JSON-LD declares one.

    The page's only <h1> is its headline; otherwise <title>, less the site and channel names a
    separator appends to it; otherwise the first non-empty <h1>.
    """
    headings = [text for text in (element_text(h1) for h1 in root.iter("h1")) if text]
    if len(headings) == 1:
        return headings[0]
    title_element = next(root.iter("title"), None)
    if title_element is not None:
        title = element_text(title_element)
        first = TITLE_SEPARATOR.split(title, maxsplit=1)[0].strip()
        if first:
            return first
    return headings[0] if headings else None


# JSON-LD types that describe the page's article.
ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
     "opinionnewsarticle", "scholarlyarticle", "techarticle", "webpage", "posting"}
)  # fmt: skip
# A JSON-LD block larger than this is not page metadata (and not worth parsing).
MAX_JSON_LD_CHARS = 200_000


def read_json_ld(root: Any) -> dict[str, str]:
    """title, author, published, site, description of the page's article in JSON-LD, if any."""
    import json

    found: dict[str, str] = {}
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        source = script.text or ""
        if len(source) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(source)
        except ValueError:
            continue
        for item in iter_json_ld_items(data):
            for key, value in json_ld_fields(item).items():
                found.setdefault(key, value)
    return found


def iter_json_ld_items(data: Any) -> list[dict[str, Any]]:
    """The objects of a JSON-LD document whose @type is an article type (top level and @graph)."""
    items = data if isinstance(data, list) else [data]
    items = [
        *items,
        *(entry for item in items if isinstance(item, dict) for entry in item.get("@graph", []) or []),
    ]
    found = []
    for item in items:
        if not isinstance(item, dict):
            continue
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(kind, str) and kind.lower() in ARTICLE_TYPES for kind in kinds):
            found.append(item)
    return found


def json_ld_name(value: Any) -> str | None:
    """A person's or organisation's name: a string, {"name": …}, or the first of a list."""
    if isinstance(value, list):
        names = [name for name in (json_ld_name(entry) for entry in value) if name]
        return ", ".join(names) if names else None
    if isinstance(value, dict):
        value = value.get("name")
    return dom.fold_whitespace(value) if isinstance(value, str) and value.strip() else None


def json_ld_fields(item: dict[str, Any]) -> dict[str, str]:
    fields = {
        "title": json_ld_name(item.get("headline")),
        "author": json_ld_name(item.get("author")),
        "published": json_ld_name(item.get("datePublished")),
        "site": json_ld_name(item.get("publisher")),
        "description": json_ld_name(item.get("description")),
    }
    return {key: value for key, value in fields.items() if value}
