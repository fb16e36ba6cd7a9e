"""Attribution lines and notices parsed into metadata fields: values cut from the original text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.provenance import fill_fields, notice_fields, parse_attribution, parse_dateline, parse_pairs

ATTRIBUTION_CASES = [
    (
        "本文来自微信公众号：城市观察笔记 (ID:city-notes-2020)，作者：陈晓雯，编辑：刘一帆",
        {
            "original_source": "城市观察笔记",
            "original_source_id": "city-notes-2020",
            "author": "陈晓雯",
            "editor": "刘一帆",
        },
    ),
    # Traditional: labels found in the folded text, values kept in the original script
    (
        "本文來自微信公眾號:山野科技 (ID:shanye-tech),作者:林志明,頭圖來自:東方IC",
        {
            "original_source": "山野科技",
            "original_source_id": "shanye-tech",
            "author": "林志明",
            "image_credit": "東方IC",
        },
    ),
    ("來源:茶香生活網", {"site": "茶香生活網"}),
    ("（责任编辑：周立）", {"editor": "周立"}),
    ("文 | 李四", {"author": "李四"}),
    (
        "2026-03-02 10:15 来源：江城日报 作者：周明",
        {"published": "2026-03-02 10:15", "site": "江城日报", "author": "周明"},
    ),
    ("来源：新华社 2026-03-02", {"published": "2026-03-02", "site": "新华社"}),
    ("By Margaret Ellison", {"author": "Margaret Ellison"}),
    ("Source: Coastal Ledger", {"original_source": "Coastal Ledger"}),
    ("Published: March 3, 2026", {"published": "March 3, 2026"}),
    ("Posted on March 3, 2026 by Sam Whitfield", {"published": "March 3, 2026", "author": "Sam Whitfield"}),
    ("原文链接：https://example.com/a/1.html", {"url": "https://example.com/a/1.html"}),
    # a short line may separate a Chinese label from its value with a space
    ("记者 张三 通讯员 李四", {"author": "张三"}),
    ("Reporting by Jane Doe; Editing by John Roe", {"author": "Jane Doe", "editor": "John Roe"}),
    # padded labels on government pages, blank values, outlets glued to 记者, lists of names
    ("作  者：王五  来  源：江城日报", {"author": "王五", "site": "江城日报"}),
    ("责任编辑：", {}),
    ("新华社记者：张三", {"original_source": "新华社", "author": "张三"}),
    ("（江城日報記者 王五 赵六）", {"original_source": "江城日報", "author": "王五 赵六"}),
    ("2026/03/05 14:20　記者 陳怡君／台南報導", {"published": "2026/03/05 14:20", "author": "陳怡君"}),
    (
        "(Reporting by Ann Lee, Bo Chen and Kofi Mensah; Editing by Jo Brandt)",
        {"author": "Ann Lee, Bo Chen and Kofi Mensah", "editor": "Jo Brandt"},
    ),
    ("楼主：青砖  发表于 2026-02-14 21:36", {"author": "青砖", "published": "2026-02-14 21:36"}),
]


@pytest.mark.parametrize(("line", "fields"), ATTRIBUTION_CASES)
def test_attribution_lines_become_fields(line: str, fields: dict[str, str]) -> None:
    assert parse_attribution(line) == fields


NOT_ATTRIBUTION = [
    "作者认为，这个问题并不像看上去那么简单。",
    "来源不明的二手书，她一律不收。",
    "By the time the ferry arrived, the storm had passed.",
    "Source: the data comes from a survey of five hundred households.",
    "编辑部的同事们讨论了很久。",
    "来源：网络，版权归原作者所有，如有侵权请联系删除",  # a notice (copyright_notice), not a source
    "By the river, the mill and the old bridge stood in the rain.",
    "时间：下午三点",
    "上一篇 2026年3月2日",
    "关键词：",
    "",
    "作者：" + "很长的名字" * 20,
    "Source Code",  # an English heading: English labels need a real separator
    "Editor John Smith",
]


@pytest.mark.parametrize("line", NOT_ATTRIBUTION)
def test_prose_and_other_lines_are_not_attribution(line: str) -> None:
    assert parse_attribution(line) is None


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("2026年3月1日", {"published": "2026年3月1日"}),
        ("2026-03-05 08:30  江城科技网", {"published": "2026-03-05 08:30", "site": "江城科技网"}),
        ("江城科技网 2026-03-05", {"published": "2026-03-05", "site": "江城科技网"}),
        ("2014年1月26日，谷歌宣布收购这家公司。", None),
        ("没有日期的一行", None),
        ("Founded February 28, 1998", None),  # an infobox label before a date is not an outlet
        ("Born 3 March 1950", None),
        ("Tuesday March 3, 2026", {"published": "March 3, 2026"}),
    ],
)
def test_datelines(line: str, fields: dict[str, str] | None) -> None:
    pairs = parse_dateline(line)
    assert (fill_fields({}, pairs) if pairs is not None else None) == fields


def test_a_site_from_a_disclaimer() -> None:
    notice = "声明：该内容不代表绿野资讯网观点或立场。绿野资讯站仅提供信息存储服务。"
    assert notice_fields(notice) == {"site": "绿野资讯网"}
    assert notice_fields("声明：本文不代表本站观点。") == {}


def test_what_the_page_says_first_wins_and_fallback_fields_take_the_rest() -> None:
    pairs = parse_pairs("来源：新华社")
    assert pairs is not None
    assert fill_fields({}, pairs) == {"site": "新华社"}
    assert fill_fields({"site": "江城在线"}, pairs) == {"site": "江城在线", "original_source": "新华社"}


@given(st.text(max_size=300))
def test_parsing_never_raises_and_values_come_from_the_line(line: str) -> None:
    fields = parse_attribution(line)
    if fields is not None:
        assert all(value and value in line for value in fields.values())
