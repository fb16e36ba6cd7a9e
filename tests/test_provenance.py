"""Attribution lines and notices parsed into metadata fields: values cut from the original text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.leads import lead_pairs, parse_lead_dateline
from cleaner.provenance import (
    MAX_ATTRIBUTION_CHARS,
    caption_credit,
    fill_fields,
    notice_fields,
    parse_attribution,
    parse_dateline,
    parse_pairs,
)

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
    ("〔記者林知秋／北港報導〕", {"author": "林知秋"}),  # the label glued to the name
    ("记者王五、赵六/江城报道", {"author": "王五、赵六"}),
    (
        "(Reporting by Ann Lee, Bo Chen and Kofi Mensah; Editing by Jo Brandt)",
        {"author": "Ann Lee, Bo Chen and Kofi Mensah", "editor": "Jo Brandt"},
    ),
    ("楼主：青砖  发表于 2026-02-14 21:36", {"author": "青砖", "published": "2026-02-14 21:36"}),
]

# Byline rows: parts split by | ｜ · • or wide spaces, each a pair, a date, a counter, a category
# or (once) a short name. Counters of views are recorded like 阅读:1268; other counters and
# categories are allowed in the row and recorded nowhere.
ROW_CASES = [
    (
        "发布于 2025-03-09 | 分类：家庭园艺 | 作者：阿青 | 阅读(2,318) | 评论(12)",
        {"published": "2025-03-09", "author": "阿青", "views": "2,318"},
    ),
    (
        "發佈於 2025-01-12 ｜ 欄目：城市散步 ｜ 作者：林曉晴 ｜ 瀏覽 986",
        {"published": "2025-01-12", "author": "林曉晴", "views": "986"},
    ),
    ("2025-01-12\u3000by 小晴\u3000｜\u3000旅行手記", {"published": "2025-01-12", "author": "小晴"}),
    (
        "2025-02-03 · 作者：周野 · 1,024 次阅读",
        {"published": "2025-02-03", "author": "周野", "views": "1,024"},
    ),
    (
        "Written by Priya Raman | March 2, 2025 | 6 min read",
        {"author": "Priya Raman", "published": "March 2, 2025"},
    ),
    (
        "Category: Gardening · By Tom Ellery · Apr 9, 2025 · 1.2K views",
        {"author": "Tom Ellery", "published": "Apr 9, 2025", "views": "1.2K"},
    ),
    ("By Hana Sato • KYOTO • May 2, 2025", {"author": "Hana Sato", "published": "May 2, 2025"}),
    ("Feb 12, 2025 | Updated 3 hours ago", {"published": "Feb 12, 2025"}),
    ("Published March 4, 2025", {"published": "March 4, 2025"}),
    # padding inside labels (作  者) is not a row separator
    ("分  类：随笔 | 作  者：王五 | 2024-01-02", {"author": "王五", "published": "2024-01-02"}),
]

# Forum post headers: floor markers (楼主, 沙发, 板凳, 5楼, #3) and buttons (只看该作者).
FORUM_CASES = [
    ("楼主 发表于 2024-11-03 20:41 | 只看该作者", {"published": "2024-11-03 20:41"}),
    ("板凳 發表於 2024-11-04 08:15 | 只看該作者", {"published": "2024-11-04 08:15"}),
    ("5樓 發表於 2024-11-04 09:00", {"published": "2024-11-04 09:00"}),
    ("沙发 老周 发表于 2024-11-04 10:30", {"published": "2024-11-04 10:30"}),  # a reply's poster: no field
    ("#3 Posted on May 1, 2024", {"published": "May 1, 2024"}),
]

# WeChat headers: [原创] [author] account date [发表于<province>].
WECHAT_CASES = [
    (
        "原创 苏木 江南草木记 2025-04-02 06:45 发表于江苏",
        {"published": "2025-04-02 06:45", "site": "江南草木记", "author": "苏木"},
    ),
    (
        "原創 山城茶話 2025年04月02日 21:10 發表於重慶",
        {"published": "2025年04月02日 21:10", "site": "山城茶話"},
    ),
    ("江南草木记 2025-04-02 06:45 发表于江苏", {"published": "2025-04-02 06:45", "site": "江南草木记"}),
]

# CNA endings: credits, then a Minguo date code (year 114 = 2025) that becomes an ISO date.
DATE_CODE_CASES = [
    ("（編輯：黃靜宜）1140302", {"editor": "黃靜宜", "published": "2025-03-02"}),
    ("（编辑：王芳）1140302", {"editor": "王芳", "published": "2025-03-02"}),
    ("（譯者：周安/核稿：李文）1131130", {"translator": "周安", "editor": "李文", "published": "2024-11-30"}),
]

# Values: role words before a name, staff codes after it; lists of names stay one field.
NAME_CASES = [
    ("作者：记者 何川", {"author": "何川"}),
    ("作者：記者 陳思妤", {"author": "陳思妤"}),
    ("作者：记者何川", {"author": "何川"}),
    ("作者：编辑部", {"author": "编辑部"}),  # not a role word of the author: the value stays
    ("文：文天祥", {"author": "文天祥"}),  # a one-character label glued to a name is the name
    ("责任编辑：程远_NE0112", {"editor": "程远"}),
    ("責任編輯：周婷_NN0231", {"editor": "周婷"}),
    ("记者：何川、王一", {"author": "何川、王一"}),
    ("作者：记者 何川 王一", {"author": "何川 王一"}),
    ("By Mara Lind and Joel Okafor", {"author": "Mara Lind and Joel Okafor"}),
    (
        "By Mara Lind and Joel Okafor | Jan 5, 2025 | 4 min read",
        {"author": "Mara Lind and Joel Okafor", "published": "Jan 5, 2025"},
    ),
]


@pytest.mark.parametrize(
    ("line", "fields"),
    [*ATTRIBUTION_CASES, *ROW_CASES, *FORUM_CASES, *WECHAT_CASES, *DATE_CODE_CASES, *NAME_CASES],
)
def test_attribution_lines_become_fields(line: str, fields: dict[str, str]) -> None:
    assert parse_attribution(line) == fields


def test_a_date_code_fills_published_only_when_no_date_came_before() -> None:
    pairs = parse_pairs("（編輯：黃靜宜）1140302")
    assert pairs is not None
    assert fill_fields({"published": "2025/03/02 14:05"}, pairs)["published"] == "2025/03/02 14:05"


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
    # prose that starts with a label or mentions a date
    "作者在2024年3月5日的采访中说，这个项目还要等两年。",
    "作者 2024年3月5日 在采访中说，这个项目还要等两年。",
    "他在发布于 2024-07-21 的文章里写道，作者：阿青 其实是化名。",
    "記者 2024年3月5日 走訪了這座老街，發現店家都還在營業。",
    "Published in 2019, the book sold poorly at first.",
    "By 2030, the city plans to plant 10,000 trees.",
    "by 30 votes to 12",
    "On March 3, 2024 | the council met again",
    "原创 音乐剧 2024年3月5日 首演",  # 原创 as a word, a date in its clause
    "原创 音乐剧下月首演，票价公布。",
    # rows that say nothing of provenance, or are a title beside a byline
    "Source Code | GitHub",
    "Home | News | Sport",
    "年终总结 | 作者：阿青",
    "年終總結 ｜ 作者：阿青",
    "阅读(2,318) | 评论(7)",  # counters alone: a widget
    "2.3K views · 12 comments",
    "2025-03-09 | 家庭园艺",  # a date beside a name: a dateline (parse_dateline), not a row
    "分类：家庭园艺",  # row-only labels alone
    "评论：7",
    "只看该作者",
    "Updated 2 hours ago",
    "Category: Travel",
    # a bad date code, two words and a date without WeChat's marks
    "（編輯：黃靜宜）1141345",
    "张三 李四 2025-04-02 06:45",
    "沙发 老周修房子 2024-11-04 10:30",  # a reply's header: the date is the reply's, no label dates it
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
        # weekdays, times and zones stay in the date; an update notice after it dates nothing
        ("2025年7月8日 星期二\u300009:05", {"published": "2025年7月8日 星期二\u300009:05"}),
        ("2025年7月8日 週二 09:05", {"published": "2025年7月8日 週二 09:05"}),
        ("2025-07-08 09:05 更新於 2小時前", {"published": "2025-07-08 09:05"}),
        (
            "March 4, 2025 9:12 AM GMT+1 Updated 3 hours ago",
            {"published": "March 4, 2025 9:12 AM GMT+1"},
        ),
        ("Apr 9, 2025", {"published": "Apr 9, 2025"}),
        ("Sat, March 8, 2025", {"published": "March 8, 2025"}),
        ("Tuesday, 4 March 2025, 07:10 CET", {"published": "4 March 2025, 07:10 CET"}),
        ("Nov. 12, 2025 6:40 am ET", {"published": "Nov. 12, 2025 6:40 am ET"}),  # ET is no outlet
        # an e-paper's header: the outlet, the date and weekday, the page of the printed edition
        (
            "山城晚报\u30002025年02月11日\u3000星期二\u3000第A03版：城事",
            {"published": "2025年02月11日", "site": "山城晚报"},
        ),
        # a self-media row: the place and the author's tag after the date are not an outlet
        ("2025-03-18 09:40·浙江·优质生活领域创作者", {"published": "2025-03-18 09:40"}),
        ("March 4, 2025 was the day the river flooded.", None),
        ("2025年7月8日 星期二，我们出发了。", None),
        ("2025年7月8日 週二 我們一早就出發了，沿著河邊走到天黑", None),
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


LEAD_CASES = [
    (
        "（中央社記者林佳穎高雄3日電）高雄市政府今天表示，港區步道將在月底開放。",
        {"original_source": "中央社", "author": "林佳穎", "place": "高雄"},
    ),
    (
        "（中央社記者李明華盛頓3日專電）美國國會今天通過法案。",  # a two-character name, a listed place
        {"original_source": "中央社", "author": "李明", "place": "華盛頓"},
    ),
    (
        "（中央社記者林佳穎、王一凡台南3日電）",
        {"original_source": "中央社", "author": "林佳穎、王一凡", "place": "台南"},
    ),
    ("（中央社台北3日綜合外電報導）", {"original_source": "中央社", "place": "台北"}),
    (
        "新华社上海4月2日电（记者周立、陈平）上海市今天发布新的公交线路。",
        {"original_source": "新华社", "place": "上海", "author": "周立、陈平"},
    ),
    ("本报讯（记者 何川）昨天下午，市区下了一场大雨。", {"author": "何川"}),
    ("本报杭州4月2日讯（记者 何川 通讯员 钱多）", {"place": "杭州", "author": "何川"}),
    ("（明報記者）政府昨日公布新的垃圾收費安排。", {"original_source": "明報"}),
    (
        "BERGEN, March 4 (Reuters) - The port authority said on Tuesday it would extend the quay.",
        {"original_source": "Reuters", "place": "BERGEN"},
    ),
    ("NEW ORLEANS (AP) — Crews worked through the night.", {"original_source": "AP", "place": "NEW ORLEANS"}),
    ("SAN JUAN, Puerto Rico (AP) — The island's grid held.", {"original_source": "AP", "place": "SAN JUAN"}),
    # no lead: prose, captions, bracketed asides
    ("人民网友在评论区留言说，这条路早该修了。", {}),
    ("新华网是一家通讯社主办的网站。", {}),
    ("（图为市民在公园散步）", {}),
    ("（本报评论员）城市需要更多的步道。", {}),
    ("2025年3月4日，记者来到现场。", {}),
    ("The mayor (who spoke first) - said the budget was tight.", {}),
    ("NASA (the agency) - announced a delay.", {}),
    ("By the time the ferry (Reuters) - arrived", {}),
]


@pytest.mark.parametrize(("paragraph", "fields"), LEAD_CASES)
def test_wire_leads_opening_a_paragraph_become_fields(paragraph: str, fields: dict[str, str]) -> None:
    assert parse_lead_dateline(paragraph) == fields
    assert fill_fields({}, lead_pairs(paragraph)) == fields


@pytest.mark.parametrize(
    "paragraph",
    [
        "（中央社記者林佳穎高雄3日電）高雄市政府今天表示，港區步道將在月底開放，市民可以沿著港邊散步。",
        "BERGEN, March 4 (Reuters) - The port authority said on Tuesday it would extend the quay.",
    ],
)
def test_a_paragraph_opening_with_a_lead_is_no_attribution_line(paragraph: str) -> None:
    assert parse_attribution(paragraph) is None


@given(st.text(max_size=300))
def test_parsing_never_raises_and_values_come_from_the_line(line: str) -> None:
    fields = parse_attribution(line)
    if fields is not None:
        # a Minguo date code (1140302) is the one value rewritten: as an ISO date
        assert all(
            value and (value in line or (key == "published" and len(value) == len("2025-03-02")))
            for key, value in fields.items()
        )
    lead = parse_lead_dateline(line)
    assert all(value and value in line for value in lead.values())


@given(
    st.lists(
        st.sampled_from(["作者：阿青", "2024-07-21", "阅读(2,318)", "|", "｜", "　", " · ", "a", "原创 "])
    )
)
def test_rows_of_any_parts_never_raise(parts: list[str]) -> None:
    line = " ".join(parts)[:MAX_ATTRIBUTION_CHARS]
    fields = parse_attribution(line)
    assert fields is None or all(value in line for value in fields.values())


BODY = "这是正文的第一段，讲了一件很平常的小事，写得比较长，足够算作一段真正的内容。"
# the pipeline stores `published` as YYYY-MM-DD whatever the line wrote (cleaner.dates)
BYLINES_IN_A_DUMP = [
    (
        "发布于 2025-03-09 | 分类：家庭园艺 | 作者：阿青 | 阅读(2,318) | 评论(12)",
        {"published": "2025-03-09", "author": "阿青"},
    ),
    ("楼主 发表于 2024-11-03 20:41 | 只看该作者", {"published": "2024-11-03"}),
    ("原创 苏木 江南草木记 2025-04-02 06:45 发表于江苏", {"author": "苏木", "site": "江南草木记"}),
    ("2025年7月8日 星期二\u300009:05", {"published": "2025-07-08"}),
    ("March 4, 2025 9:12 AM GMT+1 Updated 3 hours ago", {"published": "2025-03-04"}),
]


@pytest.mark.parametrize(("byline", "fields"), BYLINES_IN_A_DUMP)
def test_the_stripper_removes_these_bylines_and_the_pipeline_records_them(
    byline: str, fields: dict[str, str]
) -> None:
    from cleaner.pipeline import clean

    record = clean(f"一个普通的标题\n{byline}\n{BODY}\n{BODY}\n")
    assert byline not in record.text
    assert any(r.category == "source_attribution" and r.text == byline for r in record.removed)
    assert fields.items() <= dict(record.metadata).items()


def test_a_date_coded_credit_at_the_end_is_removed_and_recorded() -> None:
    from cleaner.pipeline import clean

    record = clean(f"一个普通的标题\n{BODY}\n{BODY}\n（編輯：黃靜宜）1140302\n")
    assert "1140302" not in record.text
    assert record.metadata.get("editor") == "黃靜宜"
    assert record.metadata.get("published") == "2025-03-02"


def test_a_government_notices_header_table_gives_its_numbers_and_dates() -> None:
    fields = parse_attribution("索引号：000014349/2025-00123　　发布机构：青川市农业农村局")
    assert fields == {"index_number": "000014349/2025-00123", "site": "青川市农业农村局"}
    fields = parse_attribution("文　　号：青农发〔2025〕7号　　成文日期：2025-10-30")
    assert fields == {"document_number": "青农发〔2025〕7号", "document_date": "2025-10-30"}


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("▲毛巾拉腳掌是最簡單的起床前伸展。（圖片來源：受訪者提供）", "受訪者提供"),
        ("楓林國小學生週三早上結伴步行上學。（圖／記者林佩萱攝）", "林佩萱"),
        ("（图为纺机厂宿舍新装的电梯。记者 彭晓岚 摄）", "彭晓岚"),
        ("Crews dig a test trench on Linden Avenue. (Photo by Jon Pell/Daily Crest)", "Jon Pell/Daily Crest"),
        ("The harbour at dawn. Photo: Getty Images", "Getty Images"),
        ("中環多幢甲級寫字樓近月空置率上升。（資料圖片）", "資料圖片"),
        ("新廠房的自動化產線。（曜光儲能提供）", "曜光儲能提供"),
        ("球员在比赛中庆祝进球。摄影 胡亮", "胡亮"),
        ("涉案手镯及检测报告。 梧溪区法院供图", "梧溪区法院"),
        ("The hardware store on Second Street. Photo by the author.", "the author"),
        ("A crowd gathers at the pier for the lantern parade.", None),
        ("圖：業界指，部分業主願意為新租客承擔裝修費用。", None),  # a caption label, no credit
    ],
)
def test_a_captions_credit_is_the_pictures_source(caption: str, credit: str | None) -> None:
    assert caption_credit(caption) == credit


def test_a_name_ends_at_a_wide_gap_and_a_calendar_line_names_no_one() -> None:
    pairs = [
        (("author",), "陳怡潔\u3000\u3000審稿／皮膚科醫師 吳承翰"),
        (("site",), "农历五月初七"),
        (("site",), "-2024"),
        (("site",), "拾光笔记  营业执照  隐私政策"),
    ]
    assert fill_fields({}, pairs) == {"author": "陳怡潔", "site": "拾光笔记"}


def test_a_label_table_copied_with_tabs_gives_its_fields() -> None:
    assert parse_pairs("Date published\t28 May 2024") == [(("published",), "28 May 2024")]
    assert parse_pairs("發布單位\t臺中市政府水利局") is not None
    assert parse_pairs("Status\tOpen") is None  # no label of ours: no field


@pytest.mark.parametrize(
    ("line", "pair"),
    [
        ("Reporter: Eoghan Phelan", (("author",), "Eoghan Phelan")),
        ("審閱：家庭醫學科 許雅婷主任", (("editor",), "許雅婷")),
    ],
)
def test_reporter_and_reviewer_labels_give_their_fields(line: str, pair: tuple[tuple[str, ...], str]) -> None:
    assert (parse_pairs(line) or [None])[0] == pair
