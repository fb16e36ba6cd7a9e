"""The site of a text dump: its masthead named again below, or its copyright line's holder."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.dates import iso_date
from cleaner.leads import parse_lead_dateline
from cleaner.provenance import parse_attribution
from cleaner.sitename import copyright_holder

BODY = [
    "The river trail reopened on Saturday after eight months of repairs to its washed-out banks.",
    "Crews rebuilt two footbridges and raised the path by half a metre along the lowest stretch.",
    "Cyclists said the new gravel surface was smoother than the old asphalt had been for years.",
    "The parks office expects the last picnic area to reopen before the end of the month.",
]


def dump(*lines: str) -> bytes:
    return "\n\n".join(lines).encode("utf-8")


def test_the_masthead_the_footer_names_again_is_the_site_spelled_as_the_footer_spells_it() -> None:
    record = clean(
        dump(
            "THE KESTREL VALLEY GAZETTE",
            "News    Sports    Opinion    Obituaries",
            "River trail reopens after repairs",
            "By Lena Brook",
            *BODY,
            "© 2026 The Kestrel Valley Gazette. All rights reserved.",
        )
    )
    assert record.metadata["site"] == "The Kestrel Valley Gazette"
    assert record.metadata["author"] == "Lena Brook"


def test_a_masthead_makes_the_source_line_name_the_original_source() -> None:
    record = clean(
        dump(
            "青川市农业农村局",
            "首页　机构概况　政务公开　办事服务　互动交流",
            "青川市启动今年秋粮收购工作",
            "来源：粮食科　　发布时间：2025-10-09",
            "今年我市秋粮种植面积稳定，预计总产量与去年持平，收购工作于本月中旬全面展开。",
            "各收购网点将延长营业时间，并安排专人指导农户检测水分和杂质，避免排队等候。",
            "市局提醒农户关注天气变化，及时晾晒，防止粮食霉变造成损失。",
            "版权所有：青川市农业农村局　备案号：青ICP备0000001号",
        )
    )
    assert record.metadata["site"] == "青川市农业农村局"
    assert record.metadata["original_source"] == "粮食科"
    assert record.metadata["published"] == "2025-10-09"


def test_a_login_row_and_a_weather_line_are_not_the_site() -> None:
    record = clean(
        dump(
            "Kestrel, WA  52°F  Cloudy",
            "用户名　　自动登录　　找回密码",
            "密码　　登录　　立即注册",
            "News    Sports    Opinion    Obituaries",
            "River trail reopens after repairs",
            "By Lena Brook",
            *BODY,
            "Kestrel weather alerts: sign up",
        )
    )
    assert "site" not in record.metadata


@pytest.mark.parametrize(
    ("line", "holder"),
    [
        ("Copyright © 2024 Hillfold. 未經同意請勿轉載", "Hillfold"),
        ("© 2016-2025 半亩田记　·　Powered by WordPress", "半亩田记"),
        ("Copyright 2024 海港晚報社 All Rights Reserved.", "海港晚報"),
        ("© 2024 港灣匯報有限公司 版權所有。", "港灣匯報"),
        ("本網站著作權屬新竹縣政府所有，轉載請註明出處。", "新竹縣政府"),
        ("© 2026 Coastal Ledger", "Coastal Ledger"),
        # a blogger's own notice names a person, and 版权归作者所有 no one
        ("Copyright 2026 Ana Kowalczyk. All rights reserved.", None),
        ("本文为原创文章，版权归作者所有。", None),
    ],
)
def test_the_holder_of_a_copyright_line(line: str, holder: str | None) -> None:
    assert copyright_holder(line) == holder


def test_byline_rows_date_the_article_when_no_label_does() -> None:
    record = clean(
        dump("River trail reopens after repairs", "Published: Oct 2, 2024 · Modified: Jan 18, 2025", *BODY)
    )
    assert record.metadata["published"] == "2024-10-02"
    assert iso_date("時間 Sat Oct 12 21:34:08 2024") == "2024-10-12"


def test_a_job_title_or_a_second_credit_is_not_part_of_the_authors_name() -> None:
    assert parse_attribution("By Dana Whitfield, Staff Writer") == {"author": "Dana Whitfield"}
    assert parse_attribution("作者：记者 彭晓岚 通讯员 唐毅") == {"author": "彭晓岚"}
    assert parse_attribution("By Jane Doe, Smith and Partners")["author"] != "Jane Doe"


def test_a_filed_report_opening_the_first_paragraph_names_the_reporter() -> None:
    assert parse_lead_dateline("〔記者游婉如／宜蘭報導〕宜蘭縣政府今天表示") == {
        "author": "游婉如",
        "place": "宜蘭",
    }
