"""clean(): the whole pipeline, on text and HTML, bytes and str, good and hostile input."""

from __future__ import annotations

import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.boilerplate import learn_site_boilerplate
from cleaner.normalising import normalise
from cleaner.pipeline import clean
from cleaner.record import CATEGORIES, Cleaned, Removal
from cleaner.stripping import DEFAULT_RULES, RULES_VERSION, Block, Document

BODY = [
    "这座城市的屋顶农场计划始于一次调研，研究员在航拍图上发现大量平屋顶长期闲置，其中不少属于上世纪建成的工业厂房。",
    "改造工程持续了四个月，工人们先铺设防水卷材，再覆盖轻质种植土，土层厚度控制在二十厘米以内。",
    "按照公司的测算，一平方米屋顶每年可以产出约三十公斤叶菜，配送半径决定了成本能否和郊区大棚持平。",
]
MARKERS = ["相关推荐", "关键词：", "(0)", "上一篇", "责任编辑：王五", "作者：李", "图片来自:X", *BODY]
ARTICLE = "\n\n".join(["屋顶上的菜园", *BODY, "责任编辑：王五", "(0)", "上一篇 2026年3月2日"]) + "\n"


def png_bytes() -> bytes:
    header = b"\x89PNG\r\n\x1a\n"
    ihdr = b"\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    chunk = b"IHDR" + ihdr
    return header + len(ihdr).to_bytes(4, "big") + chunk + zlib.crc32(chunk).to_bytes(4, "big")


def lines_accounted_for(record: Cleaned, text: str) -> list[str]:
    """The non-blank input lines found nowhere in the record (text, title or removals)."""
    places = [record.text, record.title or "", *(r.text for r in record.removed)]
    return [
        line.strip()
        for line in normalise(text).splitlines()
        if line.strip() and not any(line.strip() in p for p in places)
    ]


def test_a_text_dump_gives_title_body_metadata_and_removals() -> None:
    record = clean(ARTICLE.encode("utf-8"))
    assert record.title == "屋顶上的菜园"
    assert record.text.split("\n") == BODY
    assert record.metadata["editor"] == "王五"
    assert [(r.category, r.rule) for r in record.removed] == [
        ("title", "first_line_title"),
        ("source_attribution", "attribution_line"),
        ("widget_counter", "widget_counter"),
        ("navigation", "navigation"),
    ]
    assert [r.position for r in record.removed] == [0, 4, 5, 6]
    assert record.script == "simplified" and record.encoding == "utf-8" and record.reason is None


def test_the_same_article_in_other_encodings_and_as_str_gives_the_same_text() -> None:
    expected = clean(ARTICLE.encode("utf-8")).text
    for data in (ARTICLE.encode("gb18030"), ARTICLE.encode("utf-16"), ARTICLE.encode("utf-8-sig"), ARTICLE):
        assert clean(data).text == expected


def test_evidence_says_how_the_record_was_made() -> None:
    evidence = clean(ARTICLE.encode("gb18030")).evidence
    assert evidence["kind"] == "text"
    assert evidence["rules_version"] == RULES_VERSION
    assert evidence["encoding_evidence"] and 0 < evidence["encoding_confidence"] <= 1
    assert "decode_problem" in evidence and "decode_repairs" in evidence
    assert evidence["script_evidence"]["simplified_markers"] > 0
    assert evidence["removed"] == {"title": 1, "source_attribution": 1, "widget_counter": 1, "navigation": 1}


def test_a_first_line_that_is_an_attribution_is_not_a_title() -> None:
    record = clean("來源:茶香生活網\n" + "\n".join(BODY))
    assert record.title is None
    assert record.metadata["site"] == "茶香生活網"


def test_a_dated_page_header_above_the_title_does_not_hide_it() -> None:
    record = clean("江城日报　2025年01月08日　星期三　第05版：经济\n屋顶上的菜园\n" + "\n".join(BODY))
    assert record.title == "屋顶上的菜园"
    assert record.metadata["published"].startswith("2025")


# a page header dumped as text: masthead, menu, channel label, title, byline rows, then the body
HEADER_DUMPS = [
    (
        [
            "江城生活网",
            "首页 | 新闻 | 生活 | 旅游 | 关于我们",
            "城事",
            "老城区二十栋楼的屋顶变成了菜园",
            "作者：林知秋",
        ],
        "老城区二十栋楼的屋顶变成了菜园",
        ["江城生活网", "城事"],
    ),
    (
        [
            "北港日報",
            "首頁 | 要聞 | 地方 | 生活 | 影音",
            "老城區二十棟樓的屋頂變成了菜園",
            "記者林知秋／北港報導",
            "2025/03/02 10:15",
        ],
        "老城區二十棟樓的屋頂變成了菜園",
        ["北港日報"],
    ),
    (
        [
            "Harbour Weekly",
            "News | Sport | Life | Opinion | Contact",
            "Cloud",
            "Old blocks turn rooftops into gardens",
            "By Lin Zhiqiu",
        ],
        "Old blocks turn rooftops into gardens",
        ["Harbour Weekly", "Cloud"],
    ),
    (  # menus copied with only the gaps between their links, a tagline between them
        [
            "Skip to main content",
            "Harbour University",
            "Apply | Visit | Give",
            "Admissions   Research   Campus Life   About",
            "Harbour Today",
            "News   Events   Experts   For Media",
            "Old blocks turn rooftops into gardens",
            "November 13, 2024",
        ],
        "Old blocks turn rooftops into gardens",
        ["Harbour University", "Apply | Visit | Give", "Harbour Today"],
    ),
    (
        [
            "樂部落 ｜ 熱門 ｜ 美食 ｜ 旅遊 ｜ 3C ｜ 登入",
            "老街時光記",
            "吃飽了才有力氣散步",
            "首頁　台中美食　台北美食　國內旅遊　關於我",
            "老城區二十棟樓的屋頂變成了菜園",
            "2024-03-15 (五) 09:30",
        ],
        "老城區二十棟樓的屋頂變成了菜園",
        ["老街時光記", "吃飽了才有力氣散步"],
    ),
]


@pytest.mark.parametrize(("header", "title", "site_lines"), HEADER_DUMPS)
def test_the_title_is_the_line_above_the_byline_and_the_masthead_is_the_sites(
    header: list[str], title: str, site_lines: list[str]
) -> None:
    record = clean("\n".join([*header, *BODY]))
    assert (record.title, record.text) == (title, "\n".join(BODY))
    assert [r.text for r in record.removed if r.rule == "site_header"] == site_lines


def test_a_bare_name_beside_the_follow_button_is_the_author_when_no_line_names_one() -> None:
    record = clean("屋顶上的菜园\n老街时光记\n关注\n" + "\n".join(BODY))
    assert record.metadata["author"] == "老街时光记"
    labelled = clean("屋顶上的菜园\n老街时光记\n关注\n作者：林知秋\n" + "\n".join(BODY))
    assert labelled.metadata["author"] == "林知秋"


def test_a_single_line_is_content_not_a_title() -> None:
    record = clean("只有一行字")
    assert (record.title, record.text) == (None, "只有一行字")


def test_empty_output_always_has_a_reason() -> None:
    assert clean(b"").reason == "empty input"
    assert clean(b"  \n\n ").reason == "empty input"
    assert clean(png_bytes()).reason == "binary file (image/png)"
    record = clean("(0)\n上一篇 2026年3月2日\n广告")
    assert record.text == ""
    assert record.reason is not None and record.reason.startswith(
        "no article content found: all 3 blocks removed"
    )


def test_html_pages_go_through_extraction_and_the_same_stripper() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in [*BODY, "责任编辑：王五", "（图片来源：受访者供图）"])
    page = (
        "<html><head><title>屋顶上的菜园</title><meta property='og:site_name' content='绿野网'></head>"
        f"<body><nav><a href='/'>首页</a></nav><article><h1>屋顶上的菜园</h1>{paragraphs}</article>"
        "<footer>Copyright © 2026 绿野网</footer></body></html>"
    )
    record = clean(page.encode("utf-8"), url="https://example.cn/a.html")
    assert record.evidence["kind"] == "html"
    assert record.text.split("\n") == BODY
    assert record.title == "屋顶上的菜园"
    assert record.metadata["site"] == "绿野网"  # the page's own metadata first
    assert record.metadata["editor"] == "王五"  # then the attribution line in the body
    assert record.metadata["url"] == "https://example.cn/a.html"
    categories = {r.category for r in record.removed}
    assert {"source_attribution", "image_caption", "title"} <= categories
    assert any(r.text.startswith("Copyright") for r in record.removed)  # what the extractor left out


def test_a_callers_rule_and_learned_boilerplate_are_applied() -> None:
    def rooftop(block: Block, document: Document) -> str | None:
        return "advertisement" if "一平方米" in block.text else None

    record = clean(ARTICLE, rules=(*DEFAULT_RULES, rooftop))
    assert ("advertisement", "rooftop") in [(r.category, r.rule) for r in record.removed]
    site = learn_site_boilerplate([f"{line}\n\n江城早报 每天清晨与你见面" for line in BODY])
    record = clean(ARTICLE + "\n江城早报 每天清晨与你见面\n", site_boilerplate=site)
    assert [r.rule for r in record.removed if r.category == "site_boilerplate"] == ["site_boilerplate"]
    assert "江城早报 每天清晨与你见面" not in record.text


def test_every_removal_has_a_known_category_and_a_rule() -> None:
    record = clean(ARTICLE + "\n相关推荐\n另一篇\n")
    assert all(isinstance(r, Removal) and r.category in CATEGORIES and r.rule for r in record.removed)


def test_hostile_inputs_finish_with_a_record() -> None:
    for data in (b"\x00" * 10_000, "字" * 200_000, "<div>" * 10_000 + "x", b"\xff\xfe" + b"\xd8\x00" * 100):
        record = clean(data)
        assert isinstance(record, Cleaned)
        assert not (record.reason or "").startswith("cleaner failed")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_clean_never_raises_on_bytes(data: bytes) -> None:
    record = clean(data)
    assert record.text or record.reason
    assert not (record.reason or "").startswith("cleaner failed")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=60),
            st.sampled_from(MARKERS),
        ),
        max_size=25,
    )
)
def test_no_text_line_is_lost(lines: list[str]) -> None:
    text = "\n".join(lines)
    record = clean(text)
    assert lines_accounted_for(record, text) == []
    assert record.text or record.reason
    assert not (record.reason or "").startswith("cleaner failed")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["<div>", "</div>", "<p>", "</p>", "<html>", "<body>", "<script>", "相关推荐", "正文。", "\n"]
        ),
        max_size=60,
    )
)
def test_clean_never_raises_on_tag_soup(parts: list[str]) -> None:
    record = clean("".join(parts))
    assert record.text or record.reason
    assert not (record.reason or "").startswith("cleaner failed")


def test_a_byline_glued_to_a_portal_link_gives_its_editor() -> None:
    record = clean(ARTICLE.replace("责任编辑：王五", "【编辑:王五】 返回首页，查看更多").encode("utf-8"))
    assert record.metadata["editor"] == "王五"
    assert "返回首页" not in record.text


def test_an_aggregators_outlet_line_is_the_original_source_not_the_title() -> None:
    title = "老街口菜市場完成改造 攤位統一亮碼收費"
    header = ["首頁 焦點 即時 政治 國際 財經 社會 生活 地方", "新聞 > 地方", title]
    byline = ["江岸晚報", "記者方知遠／台中報導", "2026年9月2日 週三 上午7:45", "【江岸晚報】"]
    record = clean("\n".join([*header, *byline, *BODY]).encode("utf-8"))
    assert record.title == title
    assert record.metadata["original_source"] == "江岸晚報"
    assert record.text.splitlines() == BODY


def test_a_label_and_its_value_on_separate_lines_are_one_byline() -> None:
    title = "River trail reopens after eight months of repairs"
    header = [title, "By", "Mara Quill", "Published", "3 March 2025"]
    body = [
        "The river trail reopened on Saturday after eight months of repairs to its washed-out banks.",
        "Crews rebuilt two footbridges and raised the path by half a metre along the lowest stretch.",
    ]
    record = clean("\n".join([*header, *body]).encode("utf-8"))
    assert record.title == title
    assert record.text.splitlines() == body
    assert record.metadata["author"] == "Mara Quill"
    assert record.metadata["published"] == "2025-03-03"


def test_a_portals_title_is_under_its_breadcrumb_and_the_viewing_day_is_no_date() -> None:
    dump = [
        "江城县人民政府门户网站",
        "今天是：2026年4月10日 星期五",
        "首页 | 本网概况 | 新闻中心 | 政务公开 | 便民服务",
        "您现在的位置：首页 >> 新闻中心 >> 乡镇动态",
        "江城县首条城乡公交快递线路开通",
        *BODY,
        "来源：县交通运输局　发布时间：2026-04-09",
    ]
    record = clean("\n".join(dump))
    assert record.title == "江城县首条城乡公交快递线路开通"
    assert record.text.splitlines() == BODY
    assert record.metadata["published"] == "2026-04-09"
    assert {r.rule for r in record.removed if r.text == "江城县人民政府门户网站"} == {"site_header"}


def test_a_taiwan_notices_roc_date_is_stored_in_the_common_era() -> None:
    record = clean("\n".join(["發布日期：113-09-02", *BODY]))
    assert record.metadata["published"] == "2024-09-02"


def test_a_byline_joined_onto_the_titles_line_is_cut_off_and_read() -> None:
    dump = ["首页 论坛 游记 攻略 问答", "三天两夜慢游霞浦 楼主：阿岚在路上 发表于 2024-09-08 21:14", *BODY]
    record = clean("\n".join(dump))
    assert record.title == "三天两夜慢游霞浦"
    assert record.metadata["author"] == "阿岚在路上"
    assert record.metadata["published"] == "2024-09-08"
    assert record.text.splitlines() == BODY


def test_a_menu_over_a_breadcrumb_is_not_joined_into_a_wrapped_paragraph() -> None:
    header = "赣江体育 首页 | 足球 | 篮球 | 综合 | 全民健身 | 赛事直播 | 数据库\n体育 > 足球 > 城市联赛"
    title = "城市足球联赛第6轮：主队2比1逆转客队"
    row = "2024-07-14 22:51  赣江体育  记者 罗一帆 发自九江"
    record = clean("\n\n".join([header, title, row, *BODY]))
    assert record.title == title
    assert (record.metadata.get("author"), record.metadata.get("published")) == ("罗一帆", "2024-07-14")


@pytest.mark.parametrize(
    ("row", "author"),
    [
        ("撰文：梁靜嵐　｜　2025年9月6日 星期六　15:42", "梁靜嵐"),
        ("By Marisol Etxeberria | College of Agriculture", "Marisol Etxeberria"),
    ],
)
def test_a_byline_row_is_read_part_by_part(row: str, author: str) -> None:
    record = clean("\n".join(["屋顶上的菜园", row, *BODY]))
    assert record.metadata.get("author") == author


@pytest.mark.parametrize(
    ("byline", "author"),
    [("Ellen Saunders, Courier columnist", "Ellen Saunders"), ("陳品豪（交通政策研究者）", "陳品豪")],
)
def test_a_name_with_its_role_above_the_date_is_the_byline_not_the_title(byline: str, author: str) -> None:
    title = "屋顶上的菜园"
    record = clean("\n".join([title, byline, "2025-03-03", *BODY]))
    assert (record.title, record.metadata.get("author")) == (title, author)
    assert byline not in record.text


def test_a_title_over_a_teaser_a_name_and_its_outlet_is_found() -> None:
    english_body = [
        "Ashford will replace every remaining lead water service line in the city over four years.",
        "The council voted seven to two on Wednesday after a long debate about the cost to households.",
        "Crews will start in the oldest neighbourhoods, where most of the remaining lines are found.",
    ]
    title = "Council OKs plan to dig up Ashford's last lead pipes"
    header = [
        "You've read 1 of your 3 free stories this month. Subscribers get unlimited reading.",
        title,
        "Ashford will replace every remaining lead water service line in the city…",
        "S. Karthikeyan",
        "Ashford Daily Record",
        "Published 11:48 p.m. ET Feb. 12, 2025",
    ]
    record = clean("\n".join([*header, *english_body]))
    assert (record.title, record.text) == (title, "\n".join(english_body))
    assert record.metadata.get("author") == "S. Karthikeyan"


def test_an_accounts_row_with_where_it_posted_from_is_a_byline() -> None:
    row = "清平市第一人民医院　2025-11-21 17:36　发布于：江西"
    record = clean("\n".join(["天冷了，家里老人最怕的是这一摔", row, *BODY]))
    assert record.title == "天冷了，家里老人最怕的是这一摔"
    assert record.metadata.get("published") == "2025-11-21"
