"""Wire leads: the outlet, reporters and place that open the first paragraphs of a body.

A lead is body text and stays in it (（中央社記者林佳穎高雄3日電）高雄市政府今天表示……); only its
fields are read, after the labelled attribution lines of cleaner.provenance, so a labelled line wins.

    >>> parse_lead_dateline("（中央社記者林佳穎高雄3日電）高雄市政府今天表示……")
    {'original_source': '中央社', 'author': '林佳穎', 'place': '高雄'}
"""

from __future__ import annotations

import re

from cleaner.blocks import fold_aligned, fold_key
from cleaner.dates import MONTH_NAME
from cleaner.provenance import (
    GENERIC_SITES,
    Pair,
    fill_fields,
    is_name,
    is_name_list,
    known_places,
    parse_pairs,
)

# The pipeline looks for a lead in this many first paragraphs of the body, and in this many
# characters of each.
MAX_LEAD_PARAGRAPHS = 2
MAX_LEAD_CHARS = 80
# A Chinese lead, on folded text: an outlet (中央社 新华社 明报 本报), its reporters and the place
# they filed from, and the day they filed (18日电, 3月5日电, 18日综合外电报导), or 讯 (本报讯); in
# brackets it may also be the outlet's reporter alone (（明报记者）).
CHINESE_LEAD = re.compile(
    r"\s*(?P<open>[(\[【])?\s*"
    r"(?P<outlet>[\u4e00-\u9fff]{1,10}?[报社网台刊站视闻])"  # the outlet, ending like one
    r"(?:(?P<role>(?:特约|见习|实习|首席)?记者)\s*)?"  # 记者: names follow
    r"(?P<middle>[\u4e00-\u9fff、 ]{0,24}?)\s*"  # reporters and the place, or the place alone
    r"(?:(?P<day>(?:\d{1,2}月)?\d{1,2}日)(?:综合外电|综合)?(?:专电|电|讯|报导|报道)|(?P<news>讯)|(?=[)\]】]))"
    r"\s*(?P<close>[)\]】])?"
)
# Credits in brackets after an unbracketed lead or opening a paragraph: 新华社北京3月5日电（记者张三）.
# 〔記者林雅婷／台北報導〕 before the first sentence: the reporter, then where the report was filed from
FILED_LEAD = re.compile(
    r"\s*[〔【\[(（]\s*记者\s*(?P<name>[\u4e00-\u9fff]{2,4}(?:[、 ][\u4e00-\u9fff]{2,4})*)"
    r"\s*[/／]\s*(?P<place>[^\s/／〕】\])）]{1,8}?)(?:报导|报道)\s*[〕】\])）]"
)
LEAD_CREDIT = re.compile(r"\s*[(\[【](?P<credit>[^()\[\]【】]{1,40})[)\]】]")
# A reporter label glued to the names in a lead's credit: 记者张三、李四.
GLUED_REPORTERS = re.compile(r"(?:本报|特约|见习|实习|首席)?记者\s*(?P<names>[\u4e00-\u9fff、 ]{2,24})")
# The shortest and longest place, and the name lengths assumed when a reporter's name runs into
# a place that is not listed.
MIN_PLACE_CHARS = 2
MAX_PLACE_CHARS = 8
GLUED_NAME_CHARS = 3
SHORT_GLUED_NAME_CHARS = 2  # when only four characters are left: 王五台南
MIN_NAME_CHARS = 2
# An English lead: BERGEN, March 4 (Reuters) - / WASHINGTON (AP) — / SAN JUAN, Puerto Rico (AP) —.
# The place is in capitals (prose does not open with a capitalised word and a bracketed agency).
ENGLISH_LEAD = re.compile(
    r"\s*(?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})"  # BERGEN, NEW YORK, ST. LOUIS
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?"  # , Puerto Rico / , Calif.
    rf"(?:,\s*(?i:{MONTH_NAME})\s*\d{{1,2}})?"  # , March 4
    r"\s*\((?P<agency>[A-Z][A-Za-z.&'’]*(?:\s+[A-Z][A-Za-z.&'’]*){0,3})\)"  # (Reuters) / (AP)
    r"\s*(?:-{1,2}|–|—)"
)


def parse_lead_dateline(paragraph: str) -> dict[str, str]:
    """The fields of the wire lead opening a paragraph of the body: author, original_source (the
    agency or paper) and place, as far as the lead says them; {} when it opens with no lead.

    The paragraph is body text and stays; only its lead is read.

    >>> parse_lead_dateline("（中央社記者林佳穎高雄3日電）高雄市政府今天表示……")
    {'original_source': '中央社', 'author': '林佳穎', 'place': '高雄'}
    >>> parse_lead_dateline("〔記者游婉如／宜蘭報導〕宜蘭縣政府今天表示……")
    {'author': '游婉如', 'place': '宜蘭'}
    >>> parse_lead_dateline("BERGEN, March 4 (Reuters) - The port authority said on Tuesday...")
    {'original_source': 'Reuters', 'place': 'BERGEN'}
    """
    head = paragraph[:MAX_LEAD_CHARS]
    return (
        read_english_lead(head) or read_chinese_lead(head) or read_filed_lead(head) or read_lead_credit(head)
    )


def lead_pairs(paragraph: str) -> list[Pair]:
    """parse_lead_dateline() as pairs for fill_fields()."""
    return [((key,), value) for key, value in parse_lead_dateline(paragraph).items()]


def read_english_lead(head: str) -> dict[str, str]:
    """BERGEN, March 4 (Reuters) - / WASHINGTON (AP) —: the place and the agency."""
    lead = ENGLISH_LEAD.match(head)
    if lead is None:
        return {}
    return {"original_source": lead.group("agency"), "place": lead.group("place")}


def read_filed_lead(head: str) -> dict[str, str]:
    """〔記者游婉如／宜蘭報導〕 opening the paragraph (Taiwanese papers): the reporter and the place."""
    lead = FILED_LEAD.match(fold_aligned(head))
    if lead is None:
        return {}
    return {
        "author": head[lead.start("name") : lead.end("name")],
        "place": head[lead.start("place") : lead.end("place")],
    }


def read_chinese_lead(head: str) -> dict[str, str]:
    """（中央社記者林佳穎高雄3日電）, 新华社北京3月5日电（记者张三）, 本报讯（记者 王五）, （明報記者）."""
    lead = CHINESE_LEAD.match(fold_aligned(head))
    if lead is None or bool(lead.group("open")) != bool(lead.group("close")):
        return {}
    middle = head[lead.start("middle") : lead.end("middle")].strip()
    if not (lead.group("day") or lead.group("news") or lead.group("open")):
        return {}
    if middle and not (lead.group("day") or lead.group("role")):
        return {}  # only a dated lead names a place: "新华网是一家通讯…", "（本报评论员）" are not leads
    fields: dict[str, str] = {}
    outlet = head[lead.start("outlet") : lead.end("outlet")]
    if fold_key(outlet) not in GENERIC_SITES:
        fields["original_source"] = outlet
    if lead.group("role"):
        fields.update(split_reporters_and_place(middle))
    elif middle:
        if not MIN_PLACE_CHARS <= len(middle) <= MAX_PLACE_CHARS:
            return {}
        fields["place"] = middle
    if not lead.group("open"):  # 新华社北京3月5日电（记者张三）: the reporters follow the lead
        return read_lead_credit(head[lead.end() :]) | fields
    return fields


def split_reporters_and_place(text: str) -> dict[str, str]:
    """林佳穎高雄 -> author 林佳穎, place 高雄: the place is a listed one ending the text, or what
    is left after a name of GLUED_NAME_CHARS; 林佳穎、王五 高雄 splits at the space."""
    if not text:
        return {}
    last = text.rpartition("、")[2]
    if " " in last.strip():
        names, _, place = text.rpartition(" ")
        fits = MIN_PLACE_CHARS <= len(place) <= MAX_PLACE_CHARS
        return {"author": names.strip(), "place": place} if fits else {}
    listed = listed_place(fold_aligned(last))
    if listed is not None:
        cut = len(last) - len(listed)
    elif len(last) >= GLUED_NAME_CHARS + MIN_PLACE_CHARS:
        cut = GLUED_NAME_CHARS
    elif len(last) == SHORT_GLUED_NAME_CHARS + MIN_PLACE_CHARS:
        cut = SHORT_GLUED_NAME_CHARS
    else:
        return {"author": text} if is_name(text) or is_name_list(text) else {}
    names = text[: len(text) - len(last) + cut]
    return {"author": names, "place": last[cut:]} if len(last) - cut <= MAX_PLACE_CHARS else {}


def listed_place(folded: str) -> str | None:
    """The longest listed place ending `folded` after a name's worth of characters."""
    fits = (place for place in known_places() if len(folded) - len(place) >= MIN_NAME_CHARS)
    return next((place for place in fits if folded.endswith(place)), None)


def read_lead_credit(head: str) -> dict[str, str]:
    """（记者 王五）/（记者张三、李四）: reporters in brackets opening the text."""
    credit = LEAD_CREDIT.match(fold_aligned(head))
    if credit is None:
        return {}
    text = head[credit.start("credit") : credit.end("credit")]
    pairs = parse_pairs(text)
    if pairs is not None:
        fields = fill_fields({}, pairs)
        return {"author": fields["author"]} if fields.get("author") else {}
    glued = GLUED_REPORTERS.fullmatch(fold_aligned(text).strip())
    if glued is None:
        return {}
    names = text[glued.start("names") : glued.end("names")].strip()
    return {"author": names} if is_name(names) or is_name_list(names) else {}
