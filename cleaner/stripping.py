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
from functools import cache
from operator import add
from pathlib import Path
from typing import Any, Generic, TypeVar

from cleaner.answers import AnswerPage, find_answer_page, question_title
from cleaner.blocks import bare_key, ends_sentence, fold_key, fold_keys, measure, squeeze_han_spaces
from cleaner.comment_rows import find_comment_rows, is_timed, poster
from cleaner.provenance import (
    DATE,
    MAX_ATTRIBUTION_CHARS,
    ZONE,
    bare_label,
    caption_credit,
    may_be_attribution,
    parse_dateline,
    parse_pairs,
    split_bracketed,
)
from cleaner.record import Removal

RULES_SERIES = "2026.12.4"

# --- size bounds: a phrase rule never removes a block larger than its bound ---------------------
# (sizes count Han characters plus other words: cleaner.blocks.measure)
MAX_NOTICE_SIZE = 220  # seed 000's disclaimer is ~150; a copyright-law news paragraph is longer
# a notice phrase inside a block this small makes it a notice outright (转载请注明出处); a larger
# block must be mostly notice clauses (is_notice)
MAX_PLAIN_NOTICE_SIZE = 30
MIN_NOTICE_SHARE = 0.5
MAX_MARK_SIZE = 16  # "photos © Inexhibit, 2018" yes; a sentence that happens to hold a © no
MAX_CAPTION_SIZE = 40
MAX_GALLERY_CAPTION_SIZE = 80  # a gallery caption is a sentence or two after its counter
# "Write to Al Root at al.root@example.com", "Contact the author at …": a reporter's address,
# maybe after a one-sentence bio ("Dana Whitcomb covers city hall for the Courier. Reach her at
# d@courier.com or 555-0142.")
# what a byline's author is, in a bio or beside the name (Ellen Saunders, Courier columnist)
AUTHOR_ROLES = (
    r"reporter|writer|correspondent|editor|columnist|journalist|reviewer|contributor|critic|photographer"
)
REPORTER_BIO = (
    rf"[A-Z][^.!?\n]{{0,60}}?\b(?:covers|reports on|writes about|is an? [^.!?\n]{{0,40}}?"
    rf"(?:{AUTHOR_ROLES}))\b[^.!?\n]{{0,100}}[.!?]\s+"
)
# …and a bio alone closing the article, when it opens with a name: "Renata Okafor covers City
# Hall and county government.", "Priya Venkataraman is a contributing reviewer at Gearloft…"
AUTHOR_BIO = re.compile(
    rf"(?:[A-Z][\w.'’-]+\s+){{1,3}}(?:covers|reports on|writes about|is (?:an?|the) [^.!?]{{0,40}}?"
    rf"(?:{AUTHOR_ROLES}|author of))\b"
)
CONTACT_LINE = re.compile(
    rf"(?:{REPORTER_BIO})?(?:write to|contact|email|e-mail|reach)\s[^@\n]{{1,80}}?\bat\s+\S+@\S+\.\w+"
    r"(?:\s+or\s+[^.!?\n]{1,40})?\.?",
    re.I,
)
MAX_LABEL_VALUE_SIZE = 12  # a name, an outlet or a date under its label
MAX_CREDIT_SIZE = 60  # a credit names a handful of people; a paragraph of prose is longer
MAX_NAVIGATION_SIZE = 50
MAX_LINK_SIZE = 40
MAX_FOLLOW_SIZE = 60
MAX_CHROME_SIZE = 50  # a cookie banner's sentence or two
# a temperature in a short line that is no sentence: the weather box of a site's header
# (Millbrook, 41°F, Partly Cloudy; 28°C 多云)
WEATHER = re.compile(r"-?\d{1,3}\s*(?:°\s*[cf]?(?!\w)|℃|℉)")
WEATHER_WORD = re.compile(r"cloudy|sunny|clear|showers|rain|snow|fog|windy|overcast|天气|晴|多云|阴|雨|雪|雾")
MAX_WEATHER_SIZE = 18
MAX_AD_SIZE = 12
MAX_LABELLED_AD_SIZE = 60  # an ad its label opens: a line of copy, not a paragraph
AD_LABEL = re.compile(
    r"[\[【(]\s*(?:广告|推广|(?:本期|本集)?赞助(?:内容|商)?|sponsored(?: content)?|ad)\s*[\]】)]"
    r"|(?:广告|推广|sponsored|advertisement|paid content)\s*[:·|]"
)
# an ad's call to act at the end of its line (立即了解 >, 点击领取>>, Shop now →); an English one
# needs its arrow: "…can learn more" may end a line of the article
PROMO_CALL = re.compile(
    r"(?:(?:立即|马上|点击|点此|现在)(?:了解|预订|预定|抢订|抢购|购买|领取|报名|下单|体验|查看|咨询|申请)"
    r"|了解详情|查看详情)[\s>»›▶→)）]*$"
    r"|(?:learn more|shop now|buy now|order now|get offer|see offer)\s*[>»›▶→]+$"
)
# a bracketed promotion tag opening the line: 【限时优惠】, 【会员限定】, 【车主专属】
PROMO_TAG = re.compile(r"[\[【]\S{0,6}(?:限时|限定|专属|专享|优惠|特惠|福利|特价)\S{0,4}[\]】]")
# a call to install the site's app or befriend its LINE account, the site's name in between
FOLLOW_CALL = re.compile(r"(?:下载|download)\s?\S{0,12}?\s?app\b|加入\s?\S{0,12}?\s?line\s?(?:好友|官方帐号)")
MAX_SEO_ANCHOR_SIZE = 40
MAX_WIDGET_CHARS = 48  # widget bars are short; the word-break below is bounded by this
MAX_EMPTY_CHARS = 200
# a menu names two places at least: "About" or 联系我们 alone may be a heading
MIN_MENU_WORDS = 2
# a line that is only a date (or a date and the outlet) is a byline within this many blocks of the top
DATE_LINE_REACH = 5
MAX_DATELINE_CHARS = 80

# --- tail cut: an anchor starts the tail only when real body comes before it --------------------
MAX_RELATED_HEADING_SIZE = 8  # "More from Priya Natarajan": the heading and a name
# A related list ends where a sentence-ending paragraph this large follows it: related headlines
# and cut-off teasers are shorter or unfinished, and a 延伸阅读 box may sit in mid-article.
MIN_RESUMED_PROSE_SIZE = 40
# …or three shorter ones: English news paragraphs are a sentence or two (a "DON'T MISS" box of
# three headlines in mid-article, then 15-25-word paragraphs: AEB pages of one tabloid)
MIN_SHORT_RESUMED_PROSE_SIZE = 10
MAX_SECTION_HEADING_SIZE = 12  # "Talking point", 街坊：環境好咗 但貴咗
QUOTE_CLOSERS = " \"'”’」』)）"
RESUMED_PROSE = ((2, MIN_RESUMED_PROSE_SIZE), (3, MIN_SHORT_RESUMED_PROSE_SIZE))
# …and four long ones in a row resume it whatever their topic: the body above a 延伸閱讀 box in
# the article's first screen may be too short to compare vocabulary with
UNCHECKED_RESUMED_PARAGRAPHS = 3
SECTION_REACH = 5  # a comments heading followed this soon by the article's prose is a section's
MIN_BODY_BEFORE_TAIL = 40  # at least a short paragraph before a 相关推荐 line
MIN_SHARE_BEFORE_TAIL = 0.25  # and a quarter of the document: a related list may outweigh the body
# A comments anchor ("评论", "Comments") is also a plausible heading or table cell: the text
# before it must be this share of the document.
MIN_SHARE_BEFORE_COMMENTS = 0.4
# Tails the article may resume after: a related box in mid-article, a press contact block before
# the release's "About <company>" section.
RESUMABLE_TAILS = frozenset({"related_posts_tail", "contact_tail", "author_box_tail", "sidebar_tail"})
# a heading over more of an outlet's stories: 更多島嶼生活報報導, 更多新华社新闻
MORE_REPORTS = re.compile(r"更多[^\s,.;:!?]{1,12}(?:报导|报道|新闻|文章|好文)")
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
# the label a summary box opens with (核心提示：…, 导读：…, Summary: …)
TEASER_LABEL = re.compile(r"^[\[【]?(?:核心提示|导读|内容提要|提要|摘要|summary)[\]】]?\s*:\s*")
# what a truncated teaser may end with that the full paragraph does not have there
TEASER_TRAIL = "。.…,，;；:：!！?？ ~～-—\"'”’)）"

# --- the header and the footer ---------------------------------------------------------------
# Before the body's first paragraph of prose and after its last, short lines are bylines, dates,
# counters and buttons in forms no label announces ("Priya Natarajan", "Mar 3, 2024", "1.4K",
# "关注"). The header never reaches further than this many blocks (a site menu dumped one item a
# line can fill twenty).
MAX_ZONE_BLOCKS = 30
MAX_BANNER_PROSE = 1  # sentences a banner above the site's menu may hold (below_top_menu)
MIN_PROSE_SIZE = 15  # a sentence-ending block this large is the body
MAX_ROW_CHARS = 120  # a byline row is one short line
# What a byline row may hold besides its dates, counters, labels and buttons: a location, a
# column's or an account's name, at most this large in all (原创 林知秋 山野植物志 ... 发表于浙江).
MAX_ROW_FREE_SIZE = 12
# The parts that make a line a byline row, on its folded key (Traditional is already Simplified).
# a date a label announces (编辑于 2024-05-12, Published: Sep 14, 2024): below the body too it is
# the page's date, not a notice's signature
DATE_LABELS = (
    r"发表于|发布于|更新于|编辑于|修改于|posted on|published on|published|updated|posted|modified|edited"
)
ROW_LABELLED_DATES = re.compile(rf"(?:{DATE_LABELS})\s*:?\s*(?:{DATE.pattern})", re.IGNORECASE)
ROW_DATES = re.compile(
    rf"(?:(?:{DATE_LABELS})\s*)?(?:{DATE.pattern})"
    rf"(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?)?(?:\s*{ZONE})?"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"  # a time alone (after a weekday)
    r"|(?:updated\s+)?\d{1,3}\s*(?:minutes?|mins?|hours?|hrs?|days?)\s+ago|\d{1,3}\s*(?:分钟|小时|天)前"
    r"|\(\s*\d{1,2}/\d{1,2}\s+\d{1,2}:\d{2}\s*更新\s*\)"  # (4/18 17:02 更新)
    r"|星期[一二三四五六日天]|周[一二三四五六日]|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.IGNORECASE,
)
ROW_COUNTERS = re.compile(
    r"(?:阅读|浏览|查看|点击|回复|评论|点赞|收藏|转发|分享|赞|\b(?:views?|comments?|likes?|replies|shares?)\b)"
    r"\s*[:(\[]?\s*\d[\d.,]*\s*[kmw万千+]?\s*[)\]]?"
    r"|\d[\d.,]*\s*[kmw万千+]?\s*(?:\b(?:views?|comments?|likes?|replies|shares?|followers?|claps?|"
    r"min(?:ute)?s?\s+read)\b|次阅读|人阅读|阅读|浏览|评论|回复|点赞)"
)
ROW_BYLINES = re.compile(
    r"(?:^|(?<=[|•·])|(?<=\s{2}))\s*(?:written by|posted by|by)\s+[^|,;:()\d]{2,40}?(?=\s*(?:[|•·]|$|\s{2}))"
    # 记者 罗一帆 发自九江, 本报记者 张三 李四: a reporter unlabelled, and where the report was filed
    r"|(?:本报)?记者\s*[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4}){0,2}(?:\s*发自\s*[\u4e00-\u9fff]{2,6})?(?=\s|$)"
)
# labels a byline row may carry (分类:折腾笔记, 作者:老k); any other "X: Y" is a title's colon
ROW_LABELS = re.compile(
    r"(?:分类|栏目|频道|类别|专栏|作者|文|来源|编辑|责编|责任编辑|记者|发布|时间|日期|字数|查看|回复|"
    r"category|categories|section|filed under|author|source|editor)\s*:\s*[^\s:|•·]{1,20}"
)
# 发表于浙江, 发布于：江西 (where, not when)
ROW_POSTED_IN = re.compile(r"(?:发表于|发布于|来自)\s*:?\s*[\u4e00-\u9fff]{1,6}")
ROW_BUTTONS = re.compile(
    r"楼主|只看该作者|只看楼主|原创|已关注|\+?关注|follow(?:ing)?|listen|share|分享|举报|反馈"
)
# A site menu around the body: this many short items at least, split by | • · (首页 | 新闻中心 |
# 政务公开 | 办事服务), each a few Han characters or words…
MIN_MENU_ROW_ITEMS = 4
MAX_MENU_ITEM_SIZE = 6
MENU_ROW_SEPARATORS = re.compile(r"\s*[|•·]\s*")
# A copied menu often keeps only the gaps between its links: two spaces or more (an ideographic
# space is one of them), or one space between Han items (Chinese prose has no spaces).
MENU_ROW_GAPS = re.compile(r"\s{2,}|\u3000|(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")
# …that name places, not state things: an item with a digit names a place only beside a letter
# (3C, 5G, F1), never a number or a date.
NOT_IN_MENU_ROW_ITEMS = re.compile(r"[,.;:!?，。；：！？]|^[\d\s]+$|\d{3}")
NOT_IN_MENU_ITEMS = re.compile(r"[\d,.;:!?，。；：！？]")  # a line alone: a digit says it is not a menu's
# A site menu dumped one item per line: this many short lines in a row at least (时政 / 地方 / 国际 /
# 财经 / 生态; Home / News / Sport / Weather / Sounds), each an item by the measure above or a few
# words of a script without Han (an article may open with a short list of its own).
MIN_MENU_RUN = 5
MIN_NAMED_MENU_RUN = 2  # …or this many when one of them is a site-menu word (首页, 登录, Home)
MAX_MASTHEAD_SIZE = 12  # the site's name on the first line, right above its menu
# A list of other articles below the body whose heading no phrase knows (同一條線上的其他報導,
# Elsewhere in Kessler County, 作者还写过): a short heading, then this many headlines in a row,
# each a line of a few words that states nothing (no full stop), is no bare menu item or date, and
# opens with no label (联系电话：, 附件： under a notice's 联系人 are its own closing lines).
MIN_HEADLINE_ITEMS = 3
MAX_LIST_HEADING_SIZE = 12
MIN_HEADLINE_SIZE = 8
MAX_HEADLINE_SIZE = 40
LABEL_OPENING = re.compile(r"[^\s:：]{1,6}[:：]")
# …and is no item of the article's own list: those are bulleted or counted in words (一、, (1)),
# and end in a colon or a semicolon when they end in anything.
LIST_ITEM_MARK = re.compile(
    r"[•●·▪◦■□◆◇○\-–*.．]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]"
)
LIST_ITEM_ENDS = (":", "：", ";", "；", ",", "，", "、")
MAX_MENU_ITEM_WORDS = 3
MAX_MENU_ITEM_CHARS = 25
# stars a reviewer gives (★★★★☆): a rating in the article, not a counter of the page
STAR_RATING = re.compile(r"[★☆⭐]{3,}")
# A bare count at the top or bottom: 12, 1.4K, 2.3万.
BARE_COUNT = re.compile(r"\d[\d.,]*\s*[kmw万千+]?")
# A bare name beside a byline row or a follow button: an author's or an account's, one to four
# words or up to this many Han characters, no digits, no punctuation of a sentence or a clause.
MAX_BYLINE_NAME_SIZE = 12
MAX_STACKED_NAMES = 1  # other bare names a byline's name may stand beside (its outlet, its beat)
MAX_BYLINE_NAME_WORDS = 4
MAX_BYLINE_NAME_CHARS = 40
INITIAL = re.compile(r"\b[A-Z]\.")
NOT_IN_NAMES = re.compile(r"[\d,.;:!?，。；：！？、()\[\]（）【】〔〕<>《》]")
# …or a name and the author's role after it (Ellen Saunders, Courier columnist; Raghav Menon |
# Senior Editor, Cooling; 陳品豪（交通政策研究者）): a role says what the name is
NAMED_ROLE = re.compile(
    r"(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*(?:,|\||·|–|—)\s*(?P<role>.{2,48})"
    r"|(?P<han_name>[\u4e00-\u9fff·]{2,5})\s*[（(](?P<han_role>[^（）()]{2,20})[）)]"
)
ROLE_WORDS = re.compile(
    rf"\b(?:{AUTHOR_ROLES}|analyst|engineer|staff|producer|host|researcher|fellow|professor|director|officer)s?\b",
    re.IGNORECASE,
)

# how a cut-off teaser may end
TRUNCATION_MARKS = ("...", "…", "……", "..")
# a counter in brackets, "(0)", "[12]", "(1.2万)", "(99+)": a bare number or a bracketed year
# such as "(2018)" is content (infobox values, list numbers), so brackets and at most 3 digits
NUMERIC_WIDGET = re.compile(r"[(\[【]\s*(?:\d{1,3}|\d+(?:\.\d+)?\s*[万w千k]|\d+\+)\s*[)\]】]")
# a text-mode browser's link number ([12]Home): rules read the line without it
LINK_MARK = re.compile(r"\[\d{1,4}\]")
# a text-mode browser's list of the page's links at its end: 12. https://example.com/a.html
LINK_REFERENCE = re.compile(r"\d{1,4}\.\s*(?:https?|ftp|mailto|javascript|file):\S*")
LINK_REFERENCE_HEADINGS = frozenset({"references", "参考链接", "visiblelinks", "hiddenlinks", "links"})
# A wiki page dumped as text: a section's edit link alone on its line ([edit], [编辑]), a footnote
# opening with its back-link caret (^ "Carrick Ness". Retrieved 14 June 2023.), and a table of
# contents: this many numbered entries at least (1 History, 1.1 Construction) whose titles the page
# repeats below as its section headings, under a Contents / 目录 / hide line.
WIKI_EDIT_MARK = re.compile(r"\[\s*(?:edit|edit source|编辑|编辑源代码)\s*\]")
WIKI_FOOTNOTE = re.compile(r"\^\s")
CONTENTS_ENTRY = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?\s+(?P<title>\S.{0,60})")
CONTENTS_HEADINGS = frozenset({"contents", "目录", "hide", "show", "隐藏", "显示"})
MIN_CONTENTS_ENTRIES = 3
# a line of hashtags only: the post's tags, each a link (#冬至 #咸汤圆 #家常菜)
HASHTAG_LINE = re.compile(r"(?:#[^\s#]{1,24}#?\s*){2,}")
# a hit counter in the footer: 您是第 0086427 位访客, 累计浏览人次：2,104,873, Visitors: 120,455
VISITOR_COUNTER = re.compile(
    r"第\s*[\d,]+\s*位(?:访客|访问者|浏览者)"
    r"|(?:访客|访问人次|浏览人次|上站人次|访问量|visitors?(?:\s+count)?)\s*:?\s*[\d,\s]{3,}$"
    r"|[\d,]{3,}\s*(?:visitors|位访客)"
)
# an attached file with its size: IMG_3521.JPG (386.42 KB, 下载次数: 2), 申请书.pdf（256KB）
ATTACHMENT = re.compile(
    r"\S.{0,80}?\.(jpe?g|png|gif|webp|bmp|pdf|docx?|xlsx?|pptx?|odt|ods|zip|rar|7z)\s*"
    r"\(\s*[\d.,]+\s*(?:[kmg]i?b|bytes|字节)"
)
IMAGE_URL = re.compile(r"https?://\S+\.(?:jpe?g|png|gif|webp)(?:\?\S*)?")
IMAGE_FILE = frozenset({"jpg", "jpeg", "png", "gif", "webp", "bmp"})
MAX_ATTACHMENT_SIZE = 30
# a label the site's footer gives its address and phone (地址：, 传真：, E-mail：)
CONTACT_LABEL = re.compile(
    r"(?:地址|电话|总机|传真|邮编|邮政编码|服务时间|开放时间|办公时间|e-?mail|邮箱)\s*:"
)
MIN_CONTACT_LABELS = 2  # 联系人：X 联系电话：Y is a notice's contact, 地址：… 邮编：… 电话：… the site's
# …and one of them says where the site's office is or when it opens (联系人：X 电话：Y 邮箱：Z closes
# a notice)
SITE_CONTACT_LABEL = re.compile(r"(?:地址|传真|邮编|邮政编码|服务时间|开放时间|办公时间)\s*:")
# a gallery's slide counter opening a caption: "Item 1 of 3", "[1/3]", "1/12 "
# (matched on the text, not the key: "1/2 teaspoon" is a recipe's quantity, "1/12 Workers…" a caption)
GALLERY_COUNTER = re.compile(
    r"(?i:item)\s+\d{1,3}\s+of\s+\d{1,3}\s*\S|\[\d{1,3}/\d{1,3}\]\s*\S|\d{1,3}/\d{1,3}\s+[A-Z\u4e00-\u9fff\"“]"
)
# a photographer's credit closing a caption: 新华社记者 胡晨欢 摄, （记者林志远摄）, 摄影：X
PHOTO_CREDIT = re.compile(
    r"(?:记者|摄影记者|摄影|通讯员)\s*:?\s*"
    r"[\u4e00-\u9fff]{2,4}(?:\s*[、 ]\s*[\u4e00-\u9fff]{2,4})*\s*摄\s*[)\]]?$"  # one or more names, then 摄
)
# a caption's mark, wherever the caption stands: ▲ / △ opening it (Chinese media put the mark
# under the picture), 图为… / 图说: opening it, or a bracketed credit closing it ((Photo courtesy of
# X), the wire convention (Jon Pell/Daily Crest)); the other credits closing a caption (陈可欣 摄,
# 摄影 X, X供图, （X提供）) are provenance.caption_credit's shapes, which image_caption also asks
CAPTION_MARK = re.compile(
    r"^(?:[▲△]|图为|图说\s*:|(?:figure|fig\.)\s*\d{1,3}\s*[:.]\s|图\s*\d{1,3}\s*[:：]\s*\S)"
    r"|[(\[](?:image|photo|picture|photograph|credit)s?\b[^()\[\]]{0,80}[)\]]$"
    r"|\([a-z][a-z .'-]{1,40}/[a-z][a-z .'&-]{1,60}\)$"
)
# a breadcrumb trail: three or more short segments joined by > » ›, or two very short ones that
# name sections, not compare numbers (明报新闻网 > 港闻, Business > Energy; "3 > 2" is not one)
BREADCRUMB = re.compile(r"[^>»›]{1,20}(?:\s*[>»›]\s*[^>»›]{1,40}){2,}")
SHORT_BREADCRUMB = re.compile(r"[^\W\d_][^>»›]{0,11}\s*[>»›]\s*[^\W\d_][^>»›]{0,11}")
# what may lead a navigation or caption line: arrows, brackets, bullets
LEADING_DECORATION = " \t«‹<←◄【[（(•·*#>》»→-—▶▷►☞▲△▼▽↑↓◆◇■□●○★☆※🔍👉👇📌✅🔥⭐"
DIGITS = re.compile(r"\d+")
# a quotation (in a folded key): what a news paragraph reports a notice saying is not a notice
QUOTED = re.compile(r"“[^”]{0,60}”|「[^」]{0,60}」|『[^』]{0,60}』|\"[^\"]{0,60}\"|‘[^’]{0,60}’")
# a clause of a folded key: full-width ，。；！？ are already , . ; ! ? after NFKC
CLAUSE = re.compile(r"[^,.;!?]+")
# a forum reply's header: its floor (沙发, 板凳, 2楼, #3) and when it was posted; the thread's first
# post (楼主) is the article, the replies after it are comments
REPLY_HEADER = re.compile(
    r"(?:沙发|板凳|地板|地下室|\d{1,5}\s*楼|#\d{1,5}|\d{1,5}\s*#)\s*(?:作者\s*:\s*\S{1,20}\s*)?"
    r"(?:发表于|发布于|时间\s*:|posted\b)"
    # a reply header of a forum or a blog: X 发表于 2025-9-8 22:40 | 只看该作者, X 于 2024/3/15 12:47 回复
    r"|[^\s:]{1,20}\s*(?:发表于|于)\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s*\|?\s*(?:只看该作者|回复)"
    r"|(?:推|嘘|→)\s*[a-z0-9_]{2,15}\s*:"  # a PTT push: 推 user: text 10/12 21:40
    # a tieba floor under its post: 2楼 2024-09-02 23:31
    r"|\d{1,5}\s*楼\s+\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}"
)
# the signature delimiter of mail and bulletin boards (PTT): what follows is the poster's
# signature and the board's footer, when no paragraph of prose comes after it
SIGNATURE_DELIMITER = "--"
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

    def matches_whole(self, block: Block) -> bool:
        """matches() without the contained phrases: the block is a phrase, or starts with one."""
        return block.letters in self.equals or block.lead.startswith(self.prefixes)


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
    for module in (
        "stripping.py",
        "comment_rows.py",
        "answers.py",
        "provenance.py",
        "leads.py",
        "blocks.py",
        "sitename.py",
        "dates.py",
    ):
        digest.update((here / module).read_bytes())
    return f"{RULES_SERIES}+{digest.hexdigest()[:8]}"


# --- the document and its context passes -------------------------------------------------------

T = TypeVar("T")


class fact(Generic[T]):
    """A document-wide fact computed once, like functools.cached_property (the value then sits in
    the instance's dict, where reads find it without a call), that refuses to be asked for while
    it is being computed. The passes ask each other for facts (the zones for the teasers, the
    tail for the credits); a pass that ends up asking for itself, say a footer rule reading the
    zones while the tail is being cut, would otherwise compute it twice and get two answers that
    silently disagree."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, document: Any, owner: type | None = None) -> T:
        computing: set[str] = document.__dict__.setdefault("computing", set())
        if self.name in computing:
            raise RuntimeError(f"Document.{self.name} depends on itself")
        computing.add(self.name)
        try:
            value = self.compute(document)
        finally:
            computing.discard(self.name)
        document.__dict__[self.name] = value
        return value


class Document:
    """The blocks of one document and the context passes rules consult (each computed once)."""

    def __init__(self, texts: Sequence[str]) -> None:
        blocks = []
        for index, (text, folded) in enumerate(zip(texts, fold_keys(texts), strict=True)):
            key = squeeze_han_spaces(LINK_MARK.sub("", folded) if "[" in folded else folded)
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

    @fact
    def tail(self) -> dict[int, tuple[str, str]]:
        """block index -> (category, rule) for the blocks a tail anchor cuts off."""
        return find_tail(self)

    @fact
    def tail_start(self) -> int:
        """Index of the first block of the tail cut (len(blocks) when nothing is cut)."""
        cut = [index for index, (_, rule) in self.tail.items() if rule.endswith("_tail")]
        return min(cut, default=len(self.blocks))

    @fact
    def topic_units(self) -> list[frozenset[str]]:
        """topic_units() of every block, computed once: a related list's anchor compares the same
        body with each paragraph after it."""
        return [topic_units(block.key) for block in self.blocks]

    @fact
    def comment_rows(self) -> frozenset[int]:
        """Indices of the first records of comment lists without a heading (find_comment_rows)."""
        navigation_phrases = load_phrases("navigation")
        return find_comment_rows(
            self.blocks, lambda block: widget_counter(block, self) is not None, navigation_phrases.matches
        )

    @fact
    def answer_page(self) -> AnswerPage | None:
        """The first answer of a Q&A page (answers.find_answer_page), or None."""
        return find_answer_page(
            self.blocks,
            lambda block: widget_counter(block, self) is not None,
            lambda block: is_tail_anchor(block) is not None,
        )

    @fact
    def question_title(self) -> int | None:
        page = self.answer_page
        return question_title(self.blocks, page) if page else None

    @fact
    def teasers(self) -> frozenset[int]:
        return find_teasers(self)

    @fact
    def zones(self) -> tuple[int, int]:
        """(end of the header, start of the footer): the blocks before the first paragraph of prose
        (at most MAX_ZONE_BLOCKS of them) and after the last one."""
        # a sentence-ending notice or newsletter call below the body is not the body's end
        # …and neither is a teaser above the byline
        # …and neither is a banner's sentence above the site's menu (an acknowledgement of country,
        # a cookie notice)
        prose = [
            b.index
            for b in self.blocks[self.below_top_menu :]
            if is_prose(b)
            and b.index not in self.teasers
            and not is_banner(b, self)
            and judge(b, self, PROSE_CHROME_RULES) is None
        ]
        count = len(self.blocks)
        if not prose:
            return min(count, MAX_ZONE_BLOCKS), count
        return min(prose[0], MAX_ZONE_BLOCKS), prose[-1] + 1

    @fact
    def first_prose(self) -> int:
        """Index of the body's first paragraph of prose, however far down (the header zone stops
        at MAX_ZONE_BLOCKS; a portal's menu of forty items dumped a line each does not)."""
        return next((b.index for b in self.blocks[self.below_top_menu :] if is_prose(b)), len(self.blocks))

    @fact
    def below_top_menu(self) -> int:
        """Index of the first block below the site's menu at the top (0 without one): a menu run
        among the first MAX_ZONE_BLOCKS blocks with at most MAX_BANNER_PROSE sentences above it
        (a banner's: an acknowledgement of country, a cookie notice). The body never begins above
        the site's menu; a menu-like run under paragraphs of the article, or one without a word of
        a site's menu (Home, Contact us, 首页), is the article's (its section titles)."""
        prose_above, below = 0, 0
        run: list[Block] = []
        for block in (*self.blocks[:MAX_ZONE_BLOCKS], None):
            if block is not None and block.index in self.menu_runs:
                run.append(block)
                continue
            if run and any(has_menu_word(item) for item in run):
                below = run[-1].index + 1
            run = []
            if block is None or prose_above + is_prose(block) > MAX_BANNER_PROSE:
                break
            prose_above += is_prose(block)
        return below

    @fact
    def contents(self) -> frozenset[int]:
        """Indices of a wiki page's table of contents (find_contents)."""
        return find_contents(self)

    @fact
    def headline_lists(self) -> frozenset[int]:
        """Indices of the headings and headlines of related lists below the body (find_headline_lists)."""
        return find_headline_lists(self)

    @fact
    def menu_runs(self) -> frozenset[int]:
        """Indices of the blocks in runs of MIN_MENU_RUN or more menu items in a row (find_menu_runs)."""
        return find_menu_runs(self)

    def in_zone(self, block: Block) -> bool:
        """True for a block of the header or the footer (around the body, never inside it)."""
        header_end, footer_start = self.zones
        return block.index < header_end or block.index >= footer_start


def is_tail_anchor(block: Block) -> tuple[str, str] | None:
    """(category, rule) when the block is an anchor that may start a tail."""
    if block.size > MAX_SEO_ANCHOR_SIZE:
        return None
    if block.letters in load_phrases("related_posts").equals:
        return "related_posts", "related_posts_tail"
    headings = load_phrases("related_heading").prefixes
    if block.size <= MAX_RELATED_HEADING_SIZE and block.lead.startswith(headings):
        return "related_posts", "related_posts_tail"
    if block.letters in load_phrases("comments").equals or REPLY_HEADER.match(block.key):
        return "comments", "comments_tail"
    if load_phrases("seo_filler").matches(block):
        return "seo_filler", "seo_filler_tail"
    if block.letters in load_phrases("contact_heading").equals:
        return "page_chrome", "contact_tail"
    if block.letters in load_phrases("author_heading").equals:
        return "source_attribution", "author_box_tail"
    if block.letters in load_phrases("sidebar_heading").equals:
        return "navigation", "sidebar_tail"
    if MORE_REPORTS.fullmatch(block.key):
        return "related_posts", "related_posts_tail"
    if block.key == SIGNATURE_DELIMITER:
        return "page_chrome", "signature_tail"
    return None


def find_tail(document: Document) -> dict[int, tuple[str, str]]:
    """The blocks cut off by tail anchors: everything after the first anchor near the end.

    A later anchor changes the category from there on (related posts, then comments). After a
    关键词: anchor the rest goes only when it is off-topic (seed 001); otherwise the keyword line
    alone is removed and the text after it stays.
    """
    blocks = document.blocks
    marks: dict[int, tuple[str, str]] = {}
    before = start = 0
    current: tuple[str, str] | None = None
    last_prose = max((block.index for block in blocks if is_prose(block)), default=-1)
    for block in blocks:
        anchor = is_tail_anchor(block)
        if (
            anchor is None
            and block.index in document.comment_rows
            and (current is None or is_timed(blocks, block))
        ):
            # under a related list, records dated to the day (未来科技 2024年6月5日) are its items;
            # comments are timed to the minute
            anchor = ("comments", "comment_rows_tail")
        if document.answer_page and block.index == document.answer_page.tail_start:
            current, start = ("comments", "answers_tail"), block.index  # other answers follow
            marks[block.index] = current
            before += block.size
            continue
        if anchor is not None and anchor[1] == "signature_tail" and block.index < last_prose:
            anchor = None  # a scene break in a story, not a signature
        if anchor == ("comments", "comments_tail") and is_section_heading(document, block):
            anchor = None  # "Have your say" over a consultation's how-to: the article goes on
        share = before / document.total_size if document.total_size else 0.0
        needed = MIN_SHARE_BEFORE_COMMENTS if anchor and anchor[0] == "comments" else MIN_SHARE_BEFORE_TAIL
        if anchor is not None and before >= MIN_BODY_BEFORE_TAIL and share >= needed:
            on_topic = (
                anchor[0] == "seo_filler"
                and current is None
                and not is_off_topic(document, block.index, blocks[block.index + 1 :])
            )
            if on_topic:
                marks[block.index] = ("seo_filler", "keywords_line")
                before += block.size
                continue
            current, start = anchor, block.index
        elif current and current[1] in RESUMABLE_TAILS and resumes_article(document, block.index, start):
            current = None  # a 延伸阅读 box in mid-article: the article goes on after its links
        if current is not None:
            marks[block.index] = current
        before += block.size
    return marks


def is_section_heading(document: Document, block: Block) -> bool:
    """True when the article resumes within SECTION_REACH blocks after a comments heading that is
    not a reply's 沙发 / 2楼: comments open with a name, a stamp or a form, not with the article."""
    if REPLY_HEADER.match(block.key):
        return False
    following = document.blocks[block.index + 1 : block.index + 3]
    if len(following) == 2 and all(
        is_statement(b) and b.size >= MIN_SHORT_RESUMED_PROSE_SIZE for b in following
    ):
        return True  # two paragraphs straight under it, no commenter's name or stamp between
    reach = range(block.index + 1, min(block.index + 1 + SECTION_REACH, len(document.blocks)))
    return any(resumes_article(document, index, block.index) for index in reach)


def resumes_article(document: Document, index: int, anchor: int) -> bool:
    """True when the article, not a list of links and teasers, goes on at `index` after the related
    anchor at `anchor`: this block and the next are long sentence-ending paragraphs, or this one and
    the next two are shorter ones (a related list alternates headlines and teasers), on the body's
    topic (another article's text is not)."""
    run = document.blocks[index : index + UNCHECKED_RESUMED_PARAGRAPHS]
    if len(run) == UNCHECKED_RESUMED_PARAGRAPHS and all(is_long_prose(b) for b in run):
        return True  # a related list is headlines and teasers, never this much prose in a row
    for count, size in RESUMED_PROSE:
        run = document.blocks[index : index + count]
        if len(run) == count and all(b.size >= size and ends_sentence(b.text) for b in run):
            # a list of related questions on the same topic is not the article going on
            asks = all(b.text.rstrip(QUOTE_CLOSERS).endswith(("?", "？")) for b in run)
            return not asks and not is_off_topic(document, anchor, run)
    run = document.blocks[index : index + 3]
    if len(run) == 3 and is_section_break(run):
        return not is_off_topic(document, anchor, run[::2])
    return False


def is_section_break(run: Sequence[Block]) -> bool:
    """A long statement, a short heading, a long statement: the article going on past one of its
    section headings ("Talking point"), which a related list's headline-teaser pairs are not (a
    teaser is cut short with …, a statement ends with a full stop)."""
    first, heading, second = run
    return (
        is_statement(first)
        and first.size >= MIN_RESUMED_PROSE_SIZE
        and is_statement(second)
        and second.size >= MIN_RESUMED_PROSE_SIZE
        and heading.size <= MAX_SECTION_HEADING_SIZE
        and not ends_sentence(heading.text)
    )


def is_long_prose(block: Block) -> bool:
    return block.size >= MIN_RESUMED_PROSE_SIZE and ends_sentence(block.text)


def topic_units(text: str) -> frozenset[str]:
    """Han bigrams and lower-case words: the vocabulary a topic check compares."""
    units: set[str] = set()
    for run in TOPIC_RUN.findall(text):
        if HAN_RUN.match(run):
            units.update(map(add, run, run[1:]) if len(run) > 1 else (run,))  # bigrams, built in C
        else:
            units.add(run)
    return frozenset(units)


TOPIC_RUN = re.compile(r"[\u3400-\u9fff]+|[a-z][a-z0-9'-]+|\d{3,}")
HAN_RUN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Topic:
    """A body's vocabulary, and how much of it its own paragraphs share (the median)."""

    vocabulary: frozenset[str]
    own_share: float


def body_topic(units: Sequence[frozenset[str]]) -> Topic | None:
    """The Topic of a body given its blocks' units; None when it has no vocabulary."""
    if not any(units):
        return None
    frequency: Counter[str] = Counter()
    for block_units in units:
        frequency.update(block_units)
    own = sorted(sum(frequency[u] > 1 for u in b) / len(b) for b in units if len(b) >= 4)
    return Topic(frozenset(frequency), own[len(own) // 2] if own else 1.0)


def is_off_topic(document: Document, end: int, tail: Sequence[Block]) -> bool:
    """True when `tail` shares much less vocabulary with the body (the blocks before `end`) than
    the body shares with itself."""
    tail_units = frozenset().union(*(document.topic_units[block.index] for block in tail))
    topic = document.memo(f"topic:{end}", lambda: body_topic(document.topic_units[:end]))
    if not tail_units or topic is None:
        return bool(tail_units)
    tail_share = len(tail_units & topic.vocabulary) / len(tail_units)
    return tail_share < TOPIC_SHARE_ON_TOPIC and tail_share < TOPIC_SHARE_RATIO * topic.own_share


def teaser_form(block: Block) -> str:
    """What teaser matching compares: the key without spaces, a label (核心提示:) or a truncated
    teaser's trailing marks."""
    return TEASER_LABEL.sub("", block.key).replace(" ", "").rstrip(TEASER_TRAIL).rstrip(".")


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
    # a cookie banner's sentences above the site's breadcrumb are no body beginning
    trails = [b.index for b in blocks[:MAX_TEASER_CANDIDATES] if navigation(b, document)]
    for block in blocks[:MAX_TEASER_CANDIDATES]:
        if block.index + 1 >= len(blocks):
            break
        later = starts[block.index + 1]
        if len(block.text) <= MAX_TEASER_CHARS and (
            is_cut_copy(block, joined, later) or is_copy_across_rows(block, blocks, forms)
        ):
            cut_copies.add(block.index)
        elif is_repeated_heading(block, joined, later):
            headings.add(block.index)
        elif (
            is_body_start(block) and block.index > max(trails, default=-1) and not is_banner(block, document)
        ):
            break  # a paragraph that repeats nothing: the body has begun (a long title does not count)
    return frozenset(cut_copies | headings) if cut_copies else frozenset()


def is_banner(block: Block, document: Document) -> bool:
    """A sentence of the site's, not the body's: a cookie or paywall notice, a disclosure, a call
    to subscribe, an ad (rules that read the block alone: the teaser scan runs before the zones)."""
    if block.size <= MAX_CHROME_SIZE and load_phrases("page_chrome").matches(block):
        return True
    return any(rule(block, document) for rule in (follow_us, copyright_notice, advertisement))


def is_body_start(block: Block) -> bool:
    """True when a block that repeats nothing later shows the body has begun: a sentence of prose,
    or a long block. Teasers sit in a zone of their own ABOVE the body they repeat: a paragraph
    of the body repeated further down (a quoted refrain, a test page of lorem ipsum) is not one."""
    if block.size >= 2 * TEASER_STOP_SIZE:
        return True
    return block.size >= MIN_TEASER_PREFIX_SIZE and ends_sentence(block.text)


def is_copy_across_rows(block: Block, blocks: Sequence[Block], forms: Sequence[str]) -> bool:
    """True when the block, a sentence, recurs whole further down with the byline or the date
    between the two: a standfirst printed above the byline and again as the first paragraph.
    Equal paragraphs with anything else between them are the text repeating itself."""
    if block.size < MIN_TEASER_PREFIX_SIZE or not ends_sentence(block.text):
        return False
    form, start = forms[block.index], block.index + 1
    for index in range(start, min(len(forms), start + MAX_TEASER_CANDIDATES)):
        if forms[index] == form:
            return any(is_byline_evidence(between, below_body=False) for between in blocks[start:index])
    return False


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
    return tail_category(block, document, "seo_filler_tail")


def keywords_line(block: Block, document: Document) -> str | None:
    """A 关键词:/Tags: line followed by on-topic text: the line goes, the text stays."""
    mark = document.tail.get(block.index)
    return mark[0] if mark and mark[1] == "keywords_line" else None


def related_posts_tail(block: Block, document: Document) -> str | None:
    """A 相关推荐 / Related articles anchor near the end and everything after it."""
    return tail_category(block, document, "related_posts_tail")


def signature_tail(block: Block, document: Document) -> str | None:
    """A poster's signature and the board's footer after a "--" line below the last paragraph."""
    return tail_category(block, document, "signature_tail")


def contact_tail(block: Block, document: Document) -> str | None:
    """A press release's contact block (Media Contact:, 媒體聯絡人) and the newswire's footer."""
    return tail_category(block, document, "contact_tail")


def author_box_tail(block: Block, document: Document) -> str | None:
    """An author box under the article (About the author, 關於作者) and what follows it."""
    return tail_category(block, document, "author_box_tail")


def comments_tail(block: Block, document: Document) -> str | None:
    """A 网友评论 / Comments anchor (or a reply's 沙发 / 2楼 header) after the body, and all after it."""
    return tail_category(block, document, "comments_tail")


def comment_rows_tail(block: Block, document: Document) -> str | None:
    """A comment list without a heading (find_comment_rows), and all after it."""
    return tail_category(block, document, "comment_rows_tail")


def answers_tail(block: Block, document: Document) -> str | None:
    """On a Q&A page, what follows the first answer's footer: its comments, the other answers."""
    return tail_category(block, document, "answers_tail")


def sidebar_tail(block: Block, document: Document) -> str | None:
    """A blog's sidebar dumped after the post (个人资料, 博文目录, About me), and what follows it:
    its archive and links, so `navigation`."""
    return tail_category(block, document, "sidebar_tail")


def tail_category(block: Block, document: Document, rule: str) -> str | None:
    """The category of the tail anchor that cut the block off, when its rule is `rule`. The whole
    tail takes the anchor's category, a thumbnail's 图片来源 in a related list included (the
    seeds' gold)."""
    mark = document.tail.get(block.index)
    if not mark or mark[1] != rule:
        return None
    footer_rules = FOOTER_LINE_RULES if mark[0] == "comments" else LIST_FOOTER_RULES
    if judge(block, document, footer_rules) is not None:
        return None  # the site's footer under a related list or the comments: its own rule files it
    return mark[0]


def duplicate_teaser(block: Block, document: Document) -> str | None:
    """A summary paragraph at the top repeated (or truncated) later in the body (seed 000)."""
    return "duplicate_teaser" if block.index in document.teasers else None


def attribution_line(block: Block, document: Document) -> str | None:
    """来源:X / 本文来自微信公众号:X (ID:y),作者:Z / By X / Source: X (parsed into metadata)."""
    if len(block.text) > MAX_ATTRIBUTION_CHARS or block.index in document.tail:
        return None  # in a tail, "作者:" belongs to a comment or another article
    if not may_be_attribution(block.key):
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


def split_label(block: Block, document: Document) -> str | None:
    """A label alone on its line above the body ("Published", "作者："), and the short value on the
    line under it ("3 March 2025"): a header laid out as label and value side by side."""
    if block.index >= document.zones[0] or block.index in document.menu_runs:
        return None
    blocks = document.blocks
    below = blocks[block.index + 1] if block.index + 1 < len(blocks) else None
    above = blocks[block.index - 1] if block.index else None
    if bare_label(block.text) is not None:
        return "source_attribution" if below is not None and is_label_value(below) else None
    if above is not None and bare_label(above.text) is not None and is_label_value(block):
        return "source_attribution"
    return None


def is_label_value(block: Block) -> bool:
    """A short value that is no sentence and no label itself."""
    return (
        block.size <= MAX_LABEL_VALUE_SIZE
        and not ends_sentence(block.text)
        and bare_label(block.text) is None
    )


def credit_line(block: Block, document: Document) -> str | None:
    """ "A and B contributed to this report." / 实习生王五对本文亦有贡献 / "Write to A at a@b.com":
    a credit or the reporter's address, said in words."""
    if block.size > MAX_CREDIT_SIZE or block.index in document.tail:
        return None
    if load_phrases("credit_line").matches(block) or CONTACT_LINE.fullmatch(block.text):
        return "source_attribution"
    return None


def author_bio(block: Block, document: Document) -> str | None:
    """The reporter's bio alone as the article's last paragraph ("Renata Okafor covers City Hall…",
    "X is a contributing reviewer at Y"): an article goes on after a sentence like it in mid-text."""
    if block.size > MAX_CREDIT_SIZE or block.index in document.tail or not AUTHOR_BIO.match(block.text):
        return None
    after = document.blocks[block.index + 1 : document.tail_start]
    if any(is_statement(b) and b.size >= MIN_SHORT_RESUMED_PROSE_SIZE for b in after):
        return None
    return "source_attribution"


def lone_block(text: str) -> Block:
    """`text` as the stripper reads a line of its own (folded key, size, lead)."""
    return Document([text]).blocks[0]


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
    """图片来自:X / (资料图片仅供参考) / Photo: X / a gallery's "Item 1 of 3 …" or "[1/3] …"."""
    if block.size <= MAX_GALLERY_CAPTION_SIZE and (
        GALLERY_COUNTER.match(block.text)
        or PHOTO_CREDIT.search(block.key)
        or CAPTION_MARK.search(block.key)
        or caption_credit(block.text) is not None  # the credit closing a caption: 摄影 胡亮, (X提供)
    ):
        return "image_caption"
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
    if block.size > MAX_NAVIGATION_SIZE or is_statement(block):
        return None  # "下一篇我打算试试……。" is the article's sentence, not a link
    if load_phrases("navigation").matches(block) or BREADCRUMB.fullmatch(block.key):
        return "navigation"
    if SHORT_BREADCRUMB.fullmatch(block.key) and not ends_sentence(block.text):
        return "navigation"
    return None


def follow_us(block: Block, document: Document) -> str | None:
    """扫码关注 / 长按识别二维码 / Follow us / Subscribe to our newsletter / 下載X日報APP."""
    if block.size > MAX_FOLLOW_SIZE:
        return None
    phrases = load_phrases("follow_us")
    if is_statement(block):
        # a sentence that mentions a QR code or a fan page in passing is the article's: a call is
        # mostly its phrases (扫码关注我们的公众号，获取更多资讯。)
        return "follow_us" if is_notice(block, phrases) else None
    # a call to install the app is a line of its own; a sentence about downloading one is prose
    matched = phrases.matches(block) or (
        FOLLOW_CALL.search(block.key) is not None and not ends_sentence(block.text)
    )
    return "follow_us" if matched else None


def site_chrome(block: Block, document: Document) -> str | None:
    """Cookie banners, "Is this page useful?" prompts, the header's weather (Millbrook, 41°F,
    Partly Cloudy) and a banner's sentence above the site's menu: the site's, on every page."""
    if is_weather_box(block) and block.index < document.zones[0]:
        return "page_chrome"
    if block.index < document.below_top_menu and is_prose(block):
        return "page_chrome"  # a banner's sentence above the site's menu (an acknowledgement of country)
    if block.size <= MAX_CHROME_SIZE and load_phrases("page_chrome").matches(block):
        return "page_chrome"
    return None


def site_footer(block: Block, document: Document) -> str | None:
    """Below the body, the site's footer: who runs it (主办单位), how to view it (最佳浏览分辨率),
    who is online, and its address and phone lines (rules/site_footer.txt, CONTACT_LABEL)."""
    if block.index < document.zones[1] or block.size > MAX_CHROME_SIZE:
        return None
    if load_phrases("site_footer").matches(block) or is_contact_block(block, document):
        return "page_chrome"
    return None


def is_contact_block(block: Block, document: Document) -> bool:
    """A line of the footer's address block: it or a line next to it gives two contact labels
    (地址：… 邮编：… 电话：…), and it gives one (开放时间：… under 电话：… 传真：…)."""
    if gives_site_address(block):
        return True
    neighbours = document.blocks[max(0, block.index - 1) : block.index + 2]
    return CONTACT_LABEL.search(block.key) is not None and any(map(gives_site_address, neighbours))


def gives_site_address(block: Block) -> bool:
    """Two contact labels, one of them the office's (地址/邮编/传真/开放时间): the site's, not a
    notice's 联系人：X 电话：Y."""
    labels = len(CONTACT_LABEL.findall(block.key))
    return labels >= MIN_CONTACT_LABELS and SITE_CONTACT_LABEL.search(block.key) is not None


def image_link(block: Block, document: Document) -> str | None:
    """A picture's bare address on its own line (a board post's https://i.imgur.com/x.jpg)."""
    return "image_caption" if IMAGE_URL.fullmatch(block.key.strip()) else None


def attachment(block: Block, document: Document) -> str | None:
    """An attached file's link with its size: a picture's is its caption (IMG_3521.JPG (386.42 KB,
    下载次数: 2)), a document's the page's (申请书.pdf（256KB）). A notice's own 附件：申请表.docx
    has no size, and stays."""
    found = ATTACHMENT.match(block.key) if block.size <= MAX_ATTACHMENT_SIZE else None
    if found is None:
        return None
    return "image_caption" if found.group(1) in IMAGE_FILE else "page_chrome"


def is_weather_box(block: Block) -> bool:
    """A short line with a temperature and a word of weather, and no sentence: 41°F Partly
    Cloudy, 天氣：28°C 大致多雲 (a headline saying 40°C is a sentence or has no such word)."""
    return (
        block.size <= MAX_WEATHER_SIZE
        and WEATHER.search(block.key) is not None
        and WEATHER_WORD.search(block.key) is not None
        and not ends_sentence(block.text)
    )


def advertisement(block: Block, document: Document) -> str | None:
    """广告 / 推广 / Sponsored labels, the ad a label opens (【广告】川西包车…, Sponsored · X), and a
    line of ad copy: a promotion tag, a call to act at its end, or a native-ad network's phrase."""
    if block.size <= MAX_AD_SIZE and load_phrases("advertisement").matches(block):
        return "advertisement"
    if block.size > MAX_LABELLED_AD_SIZE:
        return None
    if AD_LABEL.match(block.key):
        return "advertisement"
    if is_statement(block):
        return None  # ad copy sells in fragments; "…你立即了解一下。" is a sentence of the article
    if PROMO_TAG.match(block.key) or PROMO_CALL.search(block.key) or load_phrases("ad_copy").matches(block):
        return "advertisement"
    return None


def widget_counter(block: Block, document: Document) -> str | None:
    """阅读 123 · 点赞 · 分享 / (0) / Share this / 12 comments: counters and share bars."""
    if len(block.key) > MAX_WIDGET_CHARS or STAR_RATING.search(block.text):
        return None  # 評分：★★★★☆（4/5）: the reviewer's verdict, the article's
    if NUMERIC_WIDGET.fullmatch(block.key) or VISITOR_COUNTER.search(block.key):
        return "widget_counter"
    letters = block.letters
    return "widget_counter" if letters and is_made_of(letters, load_words("widget_counter")) else None


def link_reference(block: Block, document: Document) -> str | None:
    """A text-mode browser's numbered list of the page's links (References / 12. https://…), and
    its heading right above it."""
    if LINK_REFERENCE.fullmatch(block.key.strip()):
        return "page_chrome"
    below = document.blocks[block.index + 1] if block.index + 1 < len(document.blocks) else None
    if block.letters in LINK_REFERENCE_HEADINGS and below and LINK_REFERENCE.fullmatch(below.key.strip()):
        return "page_chrome"
    return None


def wiki_apparatus(block: Block, document: Document) -> str | None:
    """A wiki page's edit links and table of contents (navigation) and its footnotes (page_chrome)."""
    if WIKI_EDIT_MARK.fullmatch(block.key.strip()) or block.index in document.contents:
        return "navigation"
    return "page_chrome" if WIKI_FOOTNOTE.match(block.text) else None


def find_contents(document: Document) -> frozenset[int]:
    """The entries of a table of contents whose titles come back below as headings, and the
    Contents / hide lines right above them, when MIN_CONTENTS_ENTRIES entries come back."""
    # the last line of each text: a title the page's own tabs also show (History) comes back below
    later = {block.key.strip(): block.index for block in document.blocks}
    entries = []
    for block in document.blocks:
        entry = CONTENTS_ENTRY.fullmatch(block.key.strip())
        if entry and later.get(entry["title"].strip(), -1) > block.index:
            entries.append(block.index)
    if len(entries) < MIN_CONTENTS_ENTRIES:
        return frozenset()
    headings = set()
    for index in range(entries[0] - 1, max(entries[0] - 3, -1), -1):
        if document.blocks[index].letters not in CONTENTS_HEADINGS:
            break
        headings.add(index)
    return frozenset({*entries, *headings})


def hashtag_line(block: Block, document: Document) -> str | None:
    """A line of two or more hashtags and nothing else: the post's tag links."""
    return "navigation" if HASHTAG_LINE.fullmatch(block.key.strip()) else None


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


def is_prose(block: Block) -> bool:
    return block.size >= MIN_PROSE_SIZE and ends_sentence(block.text)


def is_statement(block: Block) -> bool:
    """Prose ending in a full stop: a linked headline may ask or exclaim, or trail off (…)."""
    text = block.text.rstrip(QUOTE_CLOSERS)  # 「……都唔少。」 and "…he said." end in a full stop too
    return is_prose(block) and (text.endswith("。") or (text.endswith(".") and not text.endswith("..")))


def byline_row(block: Block, document: Document) -> str | None:
    """A row of dates, counters, short labels and buttons around the body, whatever its separators:
    发布于 2024-07-21 | 分类:折腾笔记 | 作者:老K | 阅读(1,204) / Mar 3, 2024 / 6 min read / 查看: 18532."""
    if not document.in_zone(block):
        return None
    category, kinds = read_row(block.key)
    below_body = block.index >= document.zones[0]
    if not below_body and poster(block.text):
        return "source_attribution"  # a post's header: 山野闲人 发表于 2025-9-8 22:17 | 只看该作者
    if category == "source_attribution" and below_body and not kinds & {"byline", "labelled_date"}:
        return None  # below the body a date or 附件:/联系人: line signs or completes a notice
    if block.index == title_index(document) and not kinds & {"date", "labelled_date"}:
        return None  # the title may hold a colon or a count; only a date says it is not the title
    return category


def read_row(key: str) -> tuple[str | None, frozenset[str]]:
    """(category, kinds of parts found): source_attribution for a byline row (a date, a byline or a
    label in it), widget_counter for counters and buttons only, None when the line says more."""
    if BARE_COUNT.fullmatch(key):
        return "widget_counter", frozenset({"counter"})
    if len(key) > MAX_ROW_CHARS or "。" in key:
        return None, frozenset()
    rest, found = key, set()
    for kind, pattern in (
        ("labelled_date", ROW_LABELLED_DATES),
        ("date", ROW_DATES),
        ("byline", ROW_BYLINES),
        ("counter", ROW_COUNTERS),
        ("label", ROW_LABELS),
        ("place", ROW_POSTED_IN),
        ("button", ROW_BUTTONS),
    ):
        rest, count = pattern.subn(" ", rest)
        if count:
            found.add(kind)
    kinds = frozenset(found)
    if not kinds - {"button", "place"} or measure(rest) > MAX_ROW_FREE_SIZE or ends_sentence(rest.strip()):
        return None, kinds
    return ("widget_counter" if kinds <= {"counter", "button"} else "source_attribution"), kinds


def menu_row(block: Block, document: Document) -> str | None:
    """A row of short section names split by | or • above or below the body: the site's menu."""
    if not document.in_zone(block) or len(block.key) > MAX_ROW_CHARS:
        return None
    items = [item for item in MENU_ROW_SEPARATORS.split(block.key.strip()) if item]
    if len(items) < MIN_MENU_ROW_ITEMS:
        items = [fold_key(item) for item in MENU_ROW_GAPS.split(block.text.strip()) if item.strip()]
    if len(items) < MIN_MENU_ROW_ITEMS:
        return None
    if all(
        0 < measure(item) <= MAX_MENU_ITEM_SIZE and not NOT_IN_MENU_ROW_ITEMS.search(item) for item in items
    ):
        return "navigation"
    return None


def menu_run(block: Block, document: Document) -> str | None:
    """One item of a site menu dumped a line each above the body (Home / News / Sport), or inside a
    tail (the site's footer after a related list or the comments). Not below the body otherwise:
    there a run of short lines is as often the article's own list (features, bugs fixed)."""
    if block.index not in document.menu_runs:
        return None
    return "navigation" if block.index < document.first_prose or block.index in document.tail else None


def find_menu_runs(document: Document) -> frozenset[int]:
    """Runs of MIN_MENU_RUN menu items in a row, or shorter runs that hold a site-menu word
    (百度首页 / 登录 / 设置): a short title, a name and a 关注 button are three short lines too."""
    found: set[int] = set()
    run: list[Block] = []
    for block in (*document.blocks, None):
        if block is not None and is_menu_item(block):
            run.append(block)
            continue
        named = len(run) >= MIN_NAMED_MENU_RUN and any(has_menu_word(item) for item in run)
        if len(run) >= MIN_MENU_RUN or named:
            found.update(item.index for item in run)
            if run[0].index == 1 and is_masthead(document.blocks[0]):
                found.add(0)  # the site's name above its menu: 36氪 / 首页 / 快讯 …
        run = []
    return frozenset(found)


def headline_list(block: Block, document: Document) -> str | None:
    """A heading below the body and the headlines under it (find_headline_lists)."""
    return "related_posts" if block.index in document.headline_lists else None


def find_headline_lists(document: Document) -> frozenset[int]:
    """Each short heading followed by MIN_HEADLINE_ITEMS headlines or more, with its headlines,
    where a tail could start (a quarter of the document before it) and the article does not go on
    after the list. A heading under a lead-in that ends in a colon is the first item of the
    article's own list ("Key features include:"), so it opens none."""
    blocks = document.blocks
    headlines_from = [0] * (len(blocks) + 1)  # how many headlines in a row start at each index
    for block in reversed(blocks):
        headlines_from[block.index] = headlines_from[block.index + 1] + 1 if is_headline(block) else 0
    found: set[int] = set()
    before = 0
    for heading in blocks:
        index, count = heading.index, headlines_from[heading.index + 1]
        end = index + 1 + count
        if (
            count >= MIN_HEADLINE_ITEMS
            and index >= document.first_prose
            and index not in found
            and before >= MIN_SHARE_BEFORE_TAIL * document.total_size
            and is_list_heading(heading)
            and not blocks[index - 1].text.rstrip().endswith((":", "："))
            and not any(resumes_article(document, after, index) for after in range(end, end + SECTION_REACH))
        ):
            found.update(range(index, end))
        before += heading.size
    return frozenset(found)


def is_list_heading(block: Block) -> bool:
    text = block.text.rstrip()
    return (
        0 < block.size <= MAX_LIST_HEADING_SIZE
        and not ends_sentence(text)
        and not text.endswith((":", "："))
        and not LABEL_OPENING.match(text)
    )


def is_headline(block: Block) -> bool:
    """A line naming another article: a few words, not a statement, not a menu's one word."""
    text = block.text.rstrip()
    return (
        MIN_HEADLINE_SIZE <= block.size <= MAX_HEADLINE_SIZE
        and not ends_sentence(text.rstrip("?？"))
        and not text.endswith(LIST_ITEM_ENDS)
        and not LABEL_OPENING.match(text)
        and not LIST_ITEM_MARK.match(text)
    )


def is_masthead(block: Block) -> bool:
    return block.size <= MAX_MASTHEAD_SIZE and not ends_sentence(block.text) and "," not in block.key


def has_menu_word(block: Block) -> bool:
    menu_words = load_words("menu_words")
    return block.letters in menu_words or any(word in block.letters for word in ("首页", "home"))


def is_menu_item(block: Block) -> bool:
    """A few Han characters or words naming a place of the site: no digits, no sentence marks."""
    text = block.text
    if not block.size or NOT_IN_MENU_ITEMS.search(text) or ends_sentence(text):
        return False
    if not HAN_RUN.search(text):
        return len(text) <= MAX_MENU_ITEM_CHARS and len(text.split()) <= MAX_MENU_ITEM_WORDS
    return block.size <= MAX_MENU_ITEM_SIZE


def byline_name(block: Block, document: Document) -> str | None:
    """An author's or account's bare name beside a byline row or a follow button, above or below
    the body (林知秋 / 关注, Priya Natarajan / Follow / Mar 3, 2024); the first block that could
    be the title never is one."""
    if not document.in_zone(block) or block.index == title_index(document):
        return None
    if not (is_bare_name(block.text) or named_role(block.text)):
        return None
    below_body = block.index >= document.zones[1]
    if any(is_byline_evidence(other, below_body) for other in beside_names(document, block)):
        return "source_attribution"
    return None


def beside_names(document: Document, block: Block) -> list[Block]:
    """The blocks next to `block` and to the bare names stacked with it (Renata Okafor / Ashford
    Daily Record / Published 11:48 p.m.): a byline's name, its outlet, then its date row."""
    blocks = document.blocks
    first, last = block.index, block.index
    while first > 0 and first > block.index - MAX_STACKED_NAMES and is_bare_name(blocks[first - 1].text):
        first -= 1
    while (
        last + 1 < len(blocks)
        and last < block.index + MAX_STACKED_NAMES
        and is_bare_name(blocks[last + 1].text)
    ):
        last += 1
    return [blocks[index] for index in (first - 1, last + 1) if 0 <= index < len(blocks)] + [
        blocks[index] for index in range(first, last + 1) if index != block.index
    ]


def named_role(text: str) -> str | None:
    """The name of a "name, role" byline (Ellen Saunders, Courier columnist → Ellen Saunders;
    陳品豪（交通政策研究者） → 陳品豪), or None."""
    found = NAMED_ROLE.fullmatch(text.strip())
    if found is None:
        return None
    if found["han_name"]:
        return found["han_name"]
    return found["name"] if ROLE_WORDS.search(found["role"]) else None


def is_bare_name(text: str) -> bool:
    """One to four words, or a few Han characters, with no digits and no sentence or clause marks
    (an initial's full stop aside: S. Karthikeyan)."""
    text = INITIAL.sub(" ", text).strip()
    words = text.split()
    size = measure(text)
    if not size or NOT_IN_NAMES.search(text) or len(words) > MAX_BYLINE_NAME_WORDS:
        return False
    return size <= MAX_BYLINE_NAME_SIZE if not text.isascii() else len(text) <= MAX_BYLINE_NAME_CHARS


def is_byline_evidence(block: Block, below_body: bool) -> bool:
    """A byline row, a date line or a follow button: what a bare name beside it is the name of.

    Below the body only a follow button, a counter or a "By" row count: there a date beside a name
    signs a letter or a notice (吉林省人民政府 / 2022年1月27日), and the name is the notice's.
    """
    if ROW_BUTTONS.fullmatch(block.key.strip("+ ")):
        return True
    category, kinds = read_row(block.key)
    if below_body:
        return category is not None and bool(kinds & {"byline", "counter"})
    if category == "source_attribution":
        return True
    return block.index < DATE_LINE_REACH and parse_dateline(block.text) is not None


def title_index(document: Document) -> int:
    """The first block that is neither chrome nor a dated row: where a text dump's title is
    (pipeline.pick_title lets the same lines come before it)."""

    def find() -> int:
        for block in document.blocks[:MAX_ZONE_BLOCKS]:
            dated = read_row(block.key)[1] & {"date", "labelled_date"}
            if judge(block, document, TITLE_SKIPPED_RULES) is None and not dated:
                return block.index
        return -1

    return int(document.memo("title_index", find))


def question(block: Block, document: Document) -> str | None:
    """On a Q&A page, the question's headline is the title; its text, tags, asker and counters and
    the line opening the answers are the page's. The site's name above its menu is left alone."""
    page = document.answer_page
    if page is None or block.index > page.opener:
        return None
    if block.index == document.question_title:
        return "title"

    def first_menu() -> int:
        menus = (b.index for b in document.blocks[: page.opener] if judge(b, document, MENU_RULES))
        return next(menus, page.opener)

    return "page_chrome" if block.index > document.memo("first_menu", first_menu) else None


def answer_header(block: Block, document: Document) -> str | None:
    """The first answer's header (its author, bio, votes) and footer (answered Jan 9 / the
    name, 编辑于 2025-01-12): the article's byline on a Q&A page."""
    page = document.answer_page
    if page is None or (block.index not in page.header and block.index not in page.footer):
        return None
    return "source_attribution"


def punctuation_only(block: Block, document: Document) -> str | None:
    """A line of only punctuation or symbols (——, ***, •): nothing to read."""
    return "empty" if not block.bare and len(block.key) <= MAX_EMPTY_CHARS else None


DEFAULT_RULES: tuple[Rule, ...] = (
    seo_filler_tail,
    related_posts_tail,
    comments_tail,
    comment_rows_tail,
    answers_tail,
    signature_tail,
    contact_tail,
    author_box_tail,
    sidebar_tail,
    keywords_line,
    duplicate_teaser,
    attribution_line,
    credit_line,
    author_bio,
    copyright_notice,
    image_caption,
    related_link,
    navigation,
    follow_us,
    site_chrome,
    site_footer,
    attachment,
    image_link,
    advertisement,
    widget_counter,
    menu_line,
    hashtag_line,
    link_reference,
    wiki_apparatus,
    headline_list,  # before dateline: a related list's headlines may open with their date
    dateline,  # after navigation: "上一篇 2026年3月2日" is a link with a date, not a dateline
    byline_row,
    menu_row,
    menu_run,
    question,  # after the menus, bylines and widgets, which keep their categories above it
    answer_header,
    split_label,  # after the menus: 视频 is a label, and a menu item
    byline_name,
    punctuation_only,
)

# sentence-ending chrome that does not make a block the body's first or last paragraph (zones)
PROSE_CHROME_RULES: tuple[Rule, ...] = (follow_us, copyright_notice, advertisement, credit_line)
# what comes before a text dump's title (title_index): chrome, not bylines
TITLE_SKIPPED_RULES: tuple[Rule, ...] = (
    navigation,
    widget_counter,
    menu_line,
    menu_run,
    advertisement,
    punctuation_only,
)
# rules for text dumps only, not applied to HTML: an extracted page's lists are the article's own
# (tour dates, specifications, a discography) far more often than a related box, which the
# extractor has already left out by its markup (measured: -0.24 F1 on a Wikipedia page); a page's
# edit links are cut by the extractor; its footnotes and the author's bio under an extracted
# article stay in the Readability truths (-0.05 F1 on a page whose bio is its last paragraph)
TEXT_ONLY_RULES: tuple[Rule, ...] = (headline_list, wiki_apparatus, author_bio)
# lines a tail's category does not swallow: the site's footer after the list or the comments
FOOTER_LINE_RULES: tuple[Rule, ...] = (
    copyright_notice,
    follow_us,
    navigation,
    advertisement,
    site_chrome,
    menu_row,
    menu_line,
    menu_run,
)
# …and under a list of links, a share bar or counter too (a comment's Reply · 12 Likes is the comment's)
LIST_FOOTER_RULES: tuple[Rule, ...] = (*FOOTER_LINE_RULES, widget_counter)
# a site's menu: what a Q&A page's question starts after (question)
MENU_RULES: tuple[Rule, ...] = (navigation, menu_line, menu_row, menu_run)
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
