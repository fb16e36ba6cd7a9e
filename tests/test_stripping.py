"""The block stripper: which blocks each rule removes, and which it must leave alone."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.record import CATEGORIES
from cleaner.stripping import (
    DEFAULT_RULES,
    RULES_VERSION,
    Block,
    Document,
    fact,
    load_phrases,
    rules_folder,
    strip_blocks,
)

BODY = [
    "这座城市的屋顶农场计划始于一次调研，研究员在航拍图上发现大量平屋顶长期闲置。",
    "改造工程持续了四个月，工人们先铺设防水卷材，再覆盖轻质种植土，控制楼板的承重。",
    "按照公司的测算，一平方米屋顶每年可以产出约三十公斤叶菜，配送半径决定了成本。",
    "夏季实测数据显示，有种植层的屋面温度比裸露屋面低了十多度，空调用电明显减少。",
]


def removed_categories(blocks: list[str]) -> dict[str, str]:
    """block text -> category for every removed block."""
    _, removed = strip_blocks(blocks)
    return {r.text: r.category for r in removed}


# (block, category it gets when placed after the body) — one line per phenomenon, both scripts
TAIL_LINE_CASES = [
    ("声明：本文仅代表作者观点，版权归原作者所有，未经允许不得转载。", "copyright_notice"),
    ("聲明：本文僅代表作者觀點，版權歸原作者所有，未經允許不得轉載。", "copyright_notice"),
    ("© 2026 Example Daily. All rights reserved.", "copyright_notice"),
    ("备案号：京ICP备12345678号", "copyright_notice"),
    ("(0)", "widget_counter"),
    ("（12）", "widget_counter"),
    ("阅读 1234 点赞 56 分享", "widget_counter"),
    ("閱讀 1234 點讚 56", "widget_counter"),
    ("Share this: Facebook Twitter Email", "widget_counter"),
    ("举报", "widget_counter"),
    ("上一篇 2026年3月2日", "navigation"),
    ("下一篇：地铁三号线完成试运行", "navigation"),
    ("首页 > 科技 > 正文", "navigation"),
    ("Next article", "navigation"),
    ("图片来自：视觉中国", "image_caption"),
    ("(资料图片仅供参考)", "image_caption"),
    ("（資料圖片僅供參考）", "image_caption"),
    ("Photo: the harbour at dawn.", "image_caption"),
    ("扫码关注我们的公众号，获取更多资讯", "follow_us"),
    ("長按識別二維碼關注", "follow_us"),
    ("Sign up for our newsletter", "follow_us"),
    ("广告", "advertisement"),
    ("Sponsored", "advertisement"),
    ("We use cookies to improve your experience on our site.", "page_chrome"),
    ("本網站使用 Cookie 以提升您的瀏覽體驗，繼續瀏覽即表示您同意我們的隱私權政策。", "page_chrome"),
    ("Is this page useful?", "page_chrome"),
    ("1 2 3 4 … 10 下一頁 ›", "navigation"),
    ("讚 18 | 彈 2 | 引言 | 回覆", "widget_counter"),
    ("2.4K Followers", "widget_counter"),
    ("Check price on Amazon — $299.00", "advertisement"),
    ("【贊助內容】夏日限定 網購指定家品滿$300即享免運費", "advertisement"),
    ("Figure 2: Active connections per instance, Monday 08:45–09:30.", "image_caption"),
    ("冰室保留了原有的綠色地台和卡位座椅。（攝影：鄧浩然）", "image_caption"),
    ("Was this post helpful? 👍 87 👎 2", "page_chrome"),
    ("责任编辑：李四", "source_attribution"),
    ("本文来自微信公众号：某某观察 (ID:mm-watch)，作者：张三", "source_attribution"),
    ("By Jane Doe", "source_attribution"),
    ("* * *", "empty"),
    # DESIGN §5: what survives the best extractors on Chinese news pages, with spacing and colon variants
    ("特别声明：以上内容为自媒体平台用户上传并发布，本平台仅提供信息存储服务。", "copyright_notice"),
    ("特 别 声 明 ：本站仅提供信息存储服务", "copyright_notice"),
    ("【特別聲明】本文僅代表作者觀點，不代表本站立場。", "copyright_notice"),
    ("转载请注明出处", "copyright_notice"),
    ("本文为原创稿件，未经授权禁止转载", "copyright_notice"),
    ("责任编辑 : 李四", "source_attribution"),
    ("[責任編輯：李四]", "source_attribution"),
    ("编  辑：李四", "source_attribution"),
    ("责任编辑：", "source_attribution"),  # left blank by the site's template
    ("来 源：江城日报", "source_attribution"),
    ("光明日报记者 王五 赵六", "source_attribution"),
    ("实习生王五对本文亦有贡献", "source_attribution"),
    ("Associated Press writer Sam Whitfield contributed to this report.", "source_attribution"),
    ("Write to Sam Whitfield at sam.whitfield@courier.example", "source_attribution"),
    (
        "This copy is for your personal, non-commercial use only. Distribution is governed by our terms.",
        "copyright_notice",
    ),
    ("上 一 篇：地铁三号线完成试运行", "navigation"),
    ("下一則：老街騎樓整平明年動工", "navigation"),
    ("我要举报", "widget_counter"),
    ("【字体：大 中 小】【打印】【关闭】", "widget_counter"),
    ("只看楼主 倒序浏览", "widget_counter"),
    ("支持(3) 反对(0)", "widget_counter"),
    ("5 min read", "widget_counter"),
    (
        "Notice: The content above is uploaded and posted by a user of the platform, which only provides "
        "information storage services.",
        "copyright_notice",
    ),
    ("If you buy something through this post, we may earn a commission.", "copyright_notice"),
    ("Filed under: libraries |", "seo_filler"),
    ("本帖最后由 青砖 于 2026-2-15 08:02 编辑", "source_attribution"),
    ("网站地图 | 联系我们 | 关于我们", "navigation"),
    ("About us · Contact · Privacy policy", "navigation"),
    ("【编辑:刘欢】 返回首页，查看更多", "source_attribution"),
    ("发布者：教务处  发布时间：2026-01-05  浏览次数：328", "source_attribution"),
    ("初审：张三 复审：李四 终审：王五", "source_attribution"),
    ("Facebook　WhatsApp　Telegram", "widget_counter"),
    ("举报/反馈", "widget_counter"),
    ("收藏(128) 分享 评分", "widget_counter"),
    ("打开APP阅读全文", "follow_us"),
    ("Thanks for reading! Subscribe for free to receive new posts and support my work.", "follow_us"),
    ("Item 1 of 3 A ferry docks at a charging station near the old pier. REUTERS/Someone", "image_caption"),
    ("[2/5] Workers lay the first rails of the new tram line.", "image_caption"),
    ("東鐵綫列車（資料圖片）", "image_caption"),
    ("Tagged With: heat pumps, insulation", "seo_filler"),
    ("监测人员在江边采集水样。新华社记者 胡晨欢 摄", "image_caption"),
    ("步道入口新設的人流計數器。（記者林志遠攝）", "image_caption"),
    ("Image caption, A hedgehog crosses a garden path at night", "image_caption"),
    ("该文观点仅代表作者本人，本平台仅提供信息存储空间服务。", "copyright_notice"),
    ("Add a comment", "widget_counter"),
    ("分享：Facebook　LINE　Twitter　Plurk", "widget_counter"),
    ("點閱次數：2,156", "widget_counter"),
    ("148 Likes∙19 Restacks", "widget_counter"),
    ("↓↓↓ 請繼續往下看 ↓↓↓", "widget_counter"),
    ("回上一頁 | 回頁首", "navigation"),
    ("▲ 巷口新開的豆花店，下午三點就賣完", "image_caption"),
    ("图为志愿者在河滩清点候鸟数量（周小舟 摄）", "image_caption"),
    ("A ferry waits at the new charging berth (Image: Getty)", "image_caption"),
    ("Residents fill sandbags outside the library on Monday. (Sam Ortiz/Valley Courier)", "image_caption"),
    ("【广告】山区包车 七座商务车 司机食宿全包 电话微信同号", "advertisement"),
    ("Sponsored · Harbourview Retirement Homes", "advertisement"),
    ("免費抽獎！下載北港日報APP 每日簽到送禮券", "follow_us"),
    ("By signing up, you agree to our Terms of Use and Privacy Policy.", "follow_us"),
    ("【限時優惠】東京來回機票 6,888 元起，週末加碼送行李額度，立即搶訂 ▶", "advertisement"),
    ("选基金不再靠猜！智能投顾免费体验七天，点击领取>>", "advertisement"),
    ("Homeowners Are Replacing Their Gutters With This Clever Trick | GutterPro", "advertisement"),
    ("【广告】川西包车自由行，专业司机带你玩转稻城亚丁。", "advertisement"),
    ("您是第 0012345 位訪客", "widget_counter"),
    ("Visitor Count: 18,43,207", "widget_counter"),
    ("Share this update", "widget_counter"),
    ("#冬至 #鹹湯圓 #客家料理", "navigation"),
    ("IMG_3521.JPG (386.42 KB, 下载次数: 2)", "image_caption"),
    ("交通管制圖說.pdf（1.8MB）", "page_chrome"),
    ("Last edited by dave_k on Tue Apr 16, 2024 8:40 am, edited 2 times in total.", "source_attribution"),
    ("〔記者林知秋／北港報導〕", "source_attribution"),
    ("本文出自《山城週刊》第 88 期專題", "source_attribution"),
    ("This press release contains forward-looking statements about expected deliveries.", "copyright_notice"),
    ("工人在屋顶铺设防水层。摄影 陈立", "image_caption"),  # the credit closing a caption
    ("检测报告与涉案手镯。 梧溪区法院供图", "image_caption"),
    ("（內文未完，往下滑繼續）", "advertisement"),  # an ad break's marker
    ("— Story continues after a word from a local business —", "advertisement"),
    ("不喜欢这类内容", "widget_counter"),
]


@pytest.mark.parametrize(("line", "category"), TAIL_LINE_CASES)
def test_line_after_body_is_removed_under_its_category(line: str, category: str) -> None:
    assert removed_categories([*BODY, line, BODY[0] + "此外还有补充。"]).get(line) == category


# lines that look like boilerplate to a careless rule but are article text
MUST_NOT_CHANGE = [
    "扫一扫楼道口张贴的二维码，就能看到这部电梯的维保记录和年检日期，居民有问题可以在线报修。",
    "老闆說他們沒有粉絲專頁也沒有IG，臨時公休都是在門口貼紅紙，想確定有沒有開最好早點去。",
    "評分：★★★★☆（4/5）",  # a reviewer's verdict, though 评分 is a rating widget's word
    "作者认为，这个问题并不像看上去那么简单。",
    "作者認為，一家書店能撐過三十年，靠的是熟客。",
    "来源不明的二手书，她一律不收。",
    "By the time the ferry arrived, the storm had passed.",
    "Source code for the project is published on the council's website every month.",
    "图书馆的新设计把一楼抬高了一米半，把档案室搬到了顶楼。",
    "一、改造的难点",
    "03、",
    "声明称，该公司将继续推进这个项目。",  # a news sentence opening with 声明, not a notice
    "Copyright law is changing fast in the age of generative models.",
    "关键词是创新。",
    "This isn't a manifesto™© we just think it's pretty cool to share what we've learned over the years.",
    "The council approved the plan by six votes to one, after a long debate about the cost of flooding.",
    "Residents can write to the council at any time before the hearing in March.",
    "Don't miss the lantern parade, which starts at the old pier at seven o'clock on Saturday evening.",
    # a news paragraph reporting a notice is not the page's own notice (quoted, or mostly report)
    "该网站在每篇文章末尾都标注了“未经允许不得转载”，但记者调查发现，其文章被其他平台全文搬运。",
    "该网站声明未经允许不得转载，但记者调查发现，其多篇文章被其他平台全文搬运，平台方拒绝回应，律师认为已构成侵权。",
    "Founded February 28, 1998",  # an infobox row near the top, not a dateline
    "发表于《江城医学》的这篇论文引起了争议。",
    "Discussion",
    "10分钟",  # a table cell, not a reading-time badge
    "截图显示，该账号已被封禁。",
    "Also: the council will vote on the budget next week.",
    "一审：判处有期徒刑三年",  # court news, not an editorial review chain
    "他曾参与采写多篇关于地铁安全的报道。",
    "联系我们",  # one menu word may be a heading; a menu has two
    "About",
    "A",  # an interview's answer marker on its own line, not a font-size button
    "Bake at 180°C",  # a recipe's step, not the header's weather box
    "Update",  # a blog post's note heading, not a live blog's counter
    "记者：明年有什么打算？",  # an interview's question, not the reporter's byline
    "下一篇我打算试试把它跟路由器结合，让出门在外的手机也能用家里的过滤设置。",  # a sentence, not a link
    "上一篇文章里我们讲了选址，这一篇讲装修和设备采购。",
    "Media contact details are listed on the council's website for each ward.",
    "1/2 teaspoon black pepper",  # a recipe's quantity, not a gallery's slide counter
    "3/4 cup pitted olives",
    "该研究已发表在《细胞》杂志上，团队计划明年开展临床试验。（编译/王小明）",  # a translator's credit
    "Sponsored by the council, the lantern festival drew thousands of visitors to the river this weekend.",
    "下载量最高的那款 app 并不是最好用的。",
    "有兴趣的居民可以到社区服务中心立即报名。",
    "附件：加装电梯补助申请表.docx",  # a notice lists its own attachments
    "Subscribe to a schedule, not a feeling: that line, from the last minutes of the interview, stuck.",
    "#3 on the list surprised us",  # one hash: a rank, not a line of tags
    "联系人：王小明　联系电话：0571-12345678",  # a notice's contact, not the site's address
    # a call to act in a sentence of the article
    "Readers who want the full dataset can learn more",  # trails off: no arrow, not short copy
    "【独家】江城地铁四号线明年开通",  # a news tag, not a promotion's
    "他说，今后还会继续关注我们社区老人的用餐问题，并且会定期回访，听取大家的意见和建议，把好事办好。"
    "这项工作已经坚持了三年，参与的志愿者从最初的五个人增加到现在的两百多人，覆盖了全区十二个街道。",
]


@pytest.mark.parametrize("line", MUST_NOT_CHANGE)
def test_article_sentences_are_kept(line: str) -> None:
    assert line not in removed_categories([*BODY[:2], line, *BODY[2:]])


def test_teasers_at_the_top_are_removed_whole_prefix_and_truncated() -> None:
    blocks = [
        "改造工程持续了四个月。",  # a prefix of a later paragraph, ending its sentence
        "从厂房到菜园",  # a heading repeated later
        "按照公司的测算，一平方米屋顶每年可以产出约三十公斤...",  # cut off
        BODY[0],
        "改造工程持续了四个月。工人们先铺设防水卷材，再覆盖轻质种植土。",
        "从厂房到菜园",
        "按照公司的测算，一平方米屋顶每年可以产出约三十公斤叶菜，配送半径决定了成本。",
    ]
    kept, removed = strip_blocks(blocks)
    assert [(r.position, r.category) for r in removed] == [(i, "duplicate_teaser") for i in range(3)]
    assert [b.index for b in kept] == [3, 4, 5, 6]


def test_a_cookie_banner_above_the_breadcrumb_does_not_end_the_teaser_zone() -> None:
    banner = "We and our partners store information on your device to personalise what you see on every page."
    teaser = "The open-air pool had been closed for five years after cracks were found in its basin."
    blocks = [banner, "News > Local News > Ashcombe", "Lido reopens after a long restoration", teaser,
              teaser[:-1] + ", and the town raised most of the money for its repair in two years.",
              *BODY]  # fmt: skip
    assert removed_categories(blocks).get(teaser) == "duplicate_teaser"


def test_teasers_after_a_long_title_are_found() -> None:
    title = "江城地铁二号线十个车站下月起试点刷脸进站，早高峰闸机通行效率提升三成左右"
    blocks = [title, "改造工程持续了四个月。", BODY[0], "改造工程持续了四个月。工人们先铺设防水卷材。"]
    assert removed_categories(blocks) == {"改造工程持续了四个月。": "duplicate_teaser"}


def test_a_heading_fragment_inside_a_later_paragraph_is_not_a_teaser() -> None:
    blocks = [
        "青川河堤防加固工程建设",
        BODY[0],
        "为做好青川河堤防加固工程建设，确保工作顺利进行，特此通告。",
    ]
    assert removed_categories(blocks) == {}


def test_a_paragraph_repeated_inside_the_body_is_not_a_teaser() -> None:
    # a body paragraph ends its sentence before the repeat: teasers sit ABOVE the body they repeat
    blocks = [
        "屋顶上的菜园",
        "这座城市的屋顶农场计划始于一次调研。",
        "改造工程持续了四个月。",
        BODY[1],
        "按照公司的测算，产量可观。改造工程持续了四个月。",
    ]
    assert removed_categories(blocks) == {}


def test_a_standfirst_repeated_below_the_date_is_a_teaser() -> None:
    kept, removed = strip_blocks(["屋顶上的菜园", BODY[0], "2025-03-02 10:15", *BODY])
    assert [block.text for block in kept] == ["屋顶上的菜园", *BODY]
    assert (removed[0].text, removed[0].category) == (BODY[0], "duplicate_teaser")


def test_a_board_signature_and_its_pushes_go_but_a_scene_break_does_not() -> None:
    footer = [
        "--",
        "山不會跑，但膝蓋會。",
        "--",
        "※ 發信站: 批踢踢實業坊(ptt.cc)",
        "推 hiker77: 推分享 10/12 21:40",
    ]
    categories = removed_categories([*BODY, *footer])
    assert [categories.get(line) for line in footer] == ["page_chrome"] * 4 + ["comments"]
    story = [*BODY[:2], "--", *BODY[2:]]
    assert [block.text for block in strip_blocks(story)[0]] == BODY


def test_english_credit_lists_and_outlet_bylines_are_attribution() -> None:
    lines = [
        "(Reporting by Ann Lee, Bo Chen and Kofi Mensah; Editing by Jo Brandt)",
        "Keith Morrow contributed reporting from Lagos.",
    ]
    assert removed_categories([*ENGLISH_BODY, *lines]) == {line: "source_attribution" for line in lines}


# --- the header and the footer: bylines no label announces --------------------------------------


def stripped(blocks: list[str]) -> tuple[list[str], dict[str, tuple[str, str]]]:
    kept, removed = strip_blocks(blocks)
    return [block.text for block in kept], {r.text: (r.category, r.rule) for r in removed}


BLOG_ROW = "发布于 2024-07-21 | 分类：折腾笔记 | 作者：老K | 阅读(1,204) | 评论(7)"
WECHAT_ROW = "原创 林知秋 山野植物志 2025-09-18 07:30 发表于浙江"
TOUTIAO_ROW = "2024-11-06 18:02·陕西·优质美食领域创作者"
CNA_DATE = "2025/04/18 16:35（4/18 17:02 更新）"
FONT_SIZES = "字級設定：小 中 大 特"
BLOG_EN_ROW = "Written by Dana Cole | November 18, 2024 | 8 min read"
MENU_ROW = "首页 | 新闻中心 | 政务公开 | 办事服务 | 互动交流"
PRINT_BAR = "[打印本页] [关闭窗口] [返回顶部]"
BYLINE = "source_attribution"
HEADER_CASES = [
    # (title, header lines, {line: category}) — the title always stays for pipeline.pick_title
    ("用树莓派给阳台装了一个自动浇水系统", [BLOG_ROW], {BLOG_ROW: BYLINE}),
    ("秋天的银杏为什么一夜变黄？", [WECHAT_ROW, "山野植物志", "关注"],
     {WECHAT_ROW: BYLINE, "山野植物志": BYLINE, "关注": "follow_us"}),
    ("一家县城面馆，十五年只卖三种面", ["乡味记录者", TOUTIAO_ROW],
     {"乡味记录者": BYLINE, TOUTIAO_ROW: BYLINE}),
    ("台南老屋變身社區食堂", [CNA_DATE, FONT_SIZES], {CNA_DATE: BYLINE, FONT_SIZES: "widget_counter"}),
    ("Why I Stopped Using Kanban", ["Priya Natarajan", "Follow", "6 min read", "Mar 3, 2024", "1.4K", "12"],
     {"Priya Natarajan": BYLINE, "Follow": "follow_us", "6 min read": "widget_counter",
      "Mar 3, 2024": BYLINE, "1.4K": "widget_counter", "12": "widget_counter"}),
    ("What Two Winters Taught Me", [BLOG_EN_ROW], {BLOG_EN_ROW: BYLINE}),
    ("Ferry operators race to meet a deadline", ["Business > Energy"], {"Business > Energy": "navigation"}),
    ("青溪县开展秋季造林", [MENU_ROW], {MENU_ROW: "navigation"}),
    ("青溪县开展秋季造林", [PRINT_BAR], {PRINT_BAR: "widget_counter"}),
]  # fmt: skip


@pytest.mark.parametrize(("title", "header", "expected"), HEADER_CASES)
def test_bylines_dates_and_buttons_above_the_body_go_and_the_title_stays(
    title: str, header: list[str], expected: dict[str, str]
) -> None:
    kept, removed = stripped([title, *header, *BODY])
    assert kept == [title, *BODY]
    assert {text: category for text, (category, _) in removed.items()} == expected


@pytest.mark.parametrize(
    "title",
    ["我在花蓮住了一個月：慢下來的練習", "Ferry fares to fall by a third from April", "阅读 2024：书单"],
)
def test_a_title_with_a_colon_a_count_or_by_is_not_a_byline_row(title: str) -> None:
    kept, _ = stripped([title, "2024-10-02 | 生活随笔", *BODY])
    assert kept[0] == title


def test_a_notice_signed_below_the_body_keeps_its_signature_date_and_attachments() -> None:
    signature = ["附件：2025年度申请表", "吉林省人民政府", "2022年1月27日", "（联系人：张工 电话：8765）"]
    kept, _ = stripped([*BODY, *signature])
    assert kept == [*BODY, *signature]


def test_a_labelled_date_below_the_body_is_the_pages_date() -> None:
    _, removed = stripped([*BODY, "编辑于 2024-05-12 21:33・IP 属地上海"])
    assert removed == {"编辑于 2024-05-12 21:33・IP 属地上海": ("source_attribution", "byline_row")}


def test_the_weather_box_and_cookie_banner_above_the_title_go_and_the_title_stays() -> None:
    header = [
        "Kestrel, 52°F, Partly Cloudy",
        "We use cookies to improve your experience.",
        "Accept all cookies",
    ]
    title = "River trail reopens after eight months of repairs"
    record = clean("\n\n".join([*header, title, *ENGLISH_BODY]).encode())
    assert record.title == title
    assert record.text.splitlines() == ENGLISH_BODY
    assert {r.category for r in record.removed} == {"page_chrome", "title"}


def test_a_site_menu_dumped_a_line_each_goes_and_the_title_under_it_is_found() -> None:
    menu = ["澎湃新闻", "首页", "要闻", "深度", "视频", "湃客"]
    kept, removed = stripped([*menu, "一座老纺织厂的第二次生命", *BODY])
    assert kept == ["一座老纺织厂的第二次生命", *BODY]
    assert {category for category, _ in removed.values()} == {"navigation"}


def test_a_short_list_opening_an_english_article_is_not_a_menu() -> None:
    items = ["Challenges coming soon", "Better Android support", "Bugs fixed"]
    kept, _ = stripped(["What is new in version 2", *items, *BODY])
    assert kept[1:4] == items


def test_a_related_box_in_mid_article_removes_its_links_and_the_article_goes_on() -> None:
    links = ["延伸閱讀", "老市場的下一步", "攤商自治會的十年"]
    later = [BODY[2] + "这一点在随后的调查中也得到了印证。", BODY[3] + "研究人员还会继续跟踪这些屋顶。"]
    kept, removed = stripped([*BODY, *links, *later])
    assert kept == [*BODY, *later]
    assert {category for category, _ in removed.values()} == {"related_posts"}


def test_three_long_paragraphs_after_a_box_resume_the_article_whatever_their_words() -> None:
    # a first screen that repeats its own words, then paragraphs that share few of them
    first = [
        "枫林小学每周三早上推行走路上学日，学生在三个集合点排队，由家长志工带队走到学校。",
        "走路上学日实施后，枫林小学校门口的车流明显减少，家长志工在路口举旗守护学生。",
        "枫林小学校长说，走路上学日的想法来自家长座谈，家长志工也参与规划集合点路线。",
        "学校和里办公处合作规划集合点路线，家长志工每周三在路口守护走路上学的学生。",
    ]
    links = ["延伸阅读", "延伸阅读》校门口临停新规首周开出百余张罚单", "延伸阅读》中市府扩大人行道改善计划"]
    later = [
        "一开始并不顺利，第一个月只有不到八十个孩子参加，很多人担心下雨天孩子走得太慢会迟到，也有人觉得多此一举。",
        "后来有人在群组里发了几张照片，看到孩子们边走边聊，不少爸妈看了才放下心来，第二个月的报名人数就翻了一倍。",
        "交通局在附近装了车流计数器，数据显示周三早上的尖峰时段比其他日子平稳得多，附近几个路口的塞车也跟着变少了。",
    ]
    kept, removed = stripped([*first, *links, *later])
    assert kept == [*first, *later]
    assert {category for category, _ in removed.values()} == {"related_posts"}


def test_the_article_resumes_past_a_section_heading_after_a_box() -> None:
    report = [
        "Drumcarrig ended three decades of waiting on Sunday, holding off St Fintan's by four points.",
        "A crowd of just over six thousand filled the stand for the county final in Ormond Park.",
        "St Fintan's were favourites going in, and for the first quarter they played like it.",
    ]
    box = ["Don't miss", "Minor final: late point forces a replay", "Gallery: forty pictures from the finals"]
    later = [
        "What followed was a nervy finish. St Fintan's pulled the final back to a single point with six"
        " minutes left, and for a while it looked as if the county title would slip away from"
        " Drumcarrig for another year, as it had in the final four seasons ago.",
        "Talking point",
        "The sideline cut in the final minute settled it. Brennan stood over the ball for what felt like an"
        " age, then sent it over from forty metres, and the Drumcarrig crowd that had waited three decades"
        " for this final poured onto the field at the whistle.",
    ]
    kept, removed = stripped([*report, *box, *later])
    assert kept == [*report, *later]
    assert {category for category, _ in removed.values()} == {"related_posts"}


def test_a_bare_name_in_the_body_is_kept() -> None:
    kept, _ = stripped([*BODY[:2], "李白", BODY[2], "关注", *BODY[3:]])
    assert "李白" in kept


FORUM_REPLIES = [
    [
        "沙发 发表于 2023-05-01 22:45 | 只看该作者",
        "雪山下的风",
        "太实用了！请问血氧仪是在哪里买的？",
        "3楼 發表於 2023-05-02 08:10",
        "同意楼主说的。",
    ],
    # a tieba floor stands under its post
    [
        "1楼 2024-09-02 23:14 来自Android客户端",
        "纸船渡河",
        "看完了，真实，能撑三年已经很厉害了",
        "2楼 2024-09-02 23:31",
    ],
]


@pytest.mark.parametrize("replies", FORUM_REPLIES)
def test_forum_replies_after_the_first_post_are_comments(replies: list[str]) -> None:
    kept, removed = stripped([*BODY, *replies])
    assert kept == BODY
    assert {category for category, _ in removed.values()} == {"comments"}


def test_a_comment_list_without_a_heading_is_found_by_its_repeating_records() -> None:
    rows = [
        "河边的老周",
        "09-03 10:12 · 湖南",
        "写得很细，我们小区去年也装了，确实方便。",
        "用户2281734",
        "09-03 11:40 · 广东",
        "请问补贴要多久才能到账？",
        "回复",
        "晚风 回复 用户2281734",
        "09-03 12:05 · 湖南",
        "大概两个月，我家是九月申请十一月到的。",
        "查看全部21条评论 >",
    ]
    kept, removed = stripped([*BODY, *rows])
    assert kept == BODY
    assert {category for category, _ in removed.values()} == {"comments"}
    english = ["HarborNative_62", "2 hours ago", "About time.", "Teresa Bolin", "1 hour ago", "Agreed!"]
    english += ["jmcal", "47 minutes ago", "Not for me.", "Show 12 more comments"]
    kept, removed = stripped([*ENGLISH_BODY, *english])
    assert kept == ENGLISH_BODY


def test_the_sites_footer_below_the_body_goes_and_a_notices_closing_lines_stay() -> None:
    closing = ["联系人：王小明　联系电话：0571-12345678", "特此通知。", "江城市医疗保障局", "2026年1月5日"]
    footer = [
        "主办单位：江城市人民政府办公室",
        "地址：江城市人民路1号　邮编：100000　电话：010-12345678",
        "服務時間：週一至週五 08:00-17:00",
        "建議使用 1024×768 以上解析度瀏覽，本站最佳瀏覽環境為 Chrome",
    ]
    removed = removed_categories([*BODY, *closing, *footer])
    assert [removed.get(line) for line in closing] == [None] * len(closing)
    assert [removed.get(line) for line in footer] == ["page_chrome"] * len(footer)


@pytest.mark.parametrize(
    "records",
    [
        ["1  山那边的鱼  2010-10-07 08:12:44  [回复]", "好体力，当年我骑三十公里就趴下了。"] * 3,
        ["小麥 於 2010-11-21 23:14 說：", "看到那句眼淚就掉下來了，我外公也是做這行的。"] * 3,
        ["橘子汽水  08-29 21:14  IP属地:浙江", "听到这里笑出声，我刚去把两个会员退了。"] * 3,
    ],
    ids=["blog-floor", "said", "ip-place"],
)
def test_a_blogs_comment_records_are_comments(records: list[str]) -> None:
    removed = removed_categories([*BODY, *BODY, *records])
    assert {removed.get(line) for line in records} == {"comments"}


def test_a_blogs_sidebar_after_the_post_is_navigation() -> None:
    sidebar = ["个人资料", "老树", "博文目录", "2010年10月 (3)", "2010年09月 (6)"]
    removed = removed_categories([*BODY, *sidebar])
    assert {removed.get(line) for line in sidebar} == {"navigation"}


def test_a_boards_picture_links_and_sign_off_lines_go() -> None:
    lines = [
        "https://i.imgur.com/Qe7mT2b.jpg",
        "※ 發信站: 批踢踢實業坊(ptt.cc), 來自: 114.37.152.86",
        "【本集贊助】",
    ]
    removed = removed_categories([*BODY[:2], lines[0], *BODY[2:], *lines[1:]])
    assert [removed.get(line) for line in lines] == ["image_caption", "page_chrome", "advertisement"]


def test_forum_replies_headed_post_by_name_and_date_are_comments() -> None:
    replies = []
    for name, text in [
        ("dave_k", "Brilliant write-up, the rota idea is going straight to our committee."),
        ("plot14", "Did the council mind the pallets? Ours asked us to move them."),
        ("annie_r", "We tried this in 2019 and gave up after the first wet winter."),
    ]:
        replies += [
            name,
            "Re: Running a shared compost scheme",
            f"Post by {name} » Sun Apr 14, 2024 10:03 pm",
        ]
        replies += [text, "Quote  Like (3)"]
    first_post = [
        *ENGLISH_BODY,
        "We split the site into three bays, turned each one monthly, and kept a rota on the shed door.",
        "By the autumn the first bay gave eleven cubic metres of compost, which went back onto the plots.",
        "Next year we want a fourth bay for leaf mould and a proper lid to keep the rats out of the hot bay.",
    ]
    removed = removed_categories([*first_post, *replies])
    assert {removed.get(line) for line in replies} == {"comments"}


def test_a_comment_list_is_found_by_the_row_closing_each_record() -> None:
    stamped = ["青柠不加冰", "作为本地人看到这篇很感动。", "05-20 · 云南", "老周在路上", "第四条说得好。"]
    stamped += ["05-21 · 广东", "山风", "收藏了，下个月就去。", "05-22 · 浙江", "点击查看全部评论"]
    kept, removed = stripped([*BODY, *stamped])
    assert kept == BODY
    buttons = ["Mara Quill", "Great piece.", "Reply", "Anjali", "I disagree with the second point."]
    buttons += ["Reply", "Kev", "Same here, we saw it too.", "Reply"]
    kept, removed = stripped([*ENGLISH_BODY, *buttons])
    assert kept == ENGLISH_BODY
    assert {category for category, _ in removed.values()} == {"comments"}


def test_a_press_releases_contact_block_and_the_newswire_footer_after_it_go() -> None:
    tail = ["Media Contact:", "Rhea Lund", "Head of Communications, Norrvik Tools", "+46 555 0100"]
    tail += ["press@norrvik.example", "SOURCE Norrvik Tools", "WANT YOUR NEWS ON THIS WIRE?", "GET STARTED"]
    kept, removed = stripped([*ENGLISH_BODY, *tail])
    assert kept == ENGLISH_BODY
    assert removed["Media Contact:"] == ("page_chrome", "contact_tail")


def test_a_paywall_in_mid_article_and_the_reporters_bio_below_it_go() -> None:
    paywall = [
        "You've read 3 of your 5 free articles this month.",
        "Already a subscriber? Log in to continue reading.",
    ]
    bio = "Mara Quill covers schools for the Gazette. Reach her at mquill@gazette.example or 555-0100."
    kept, removed = stripped([*ENGLISH_BODY[:2], *paywall, ENGLISH_BODY[2], bio])
    assert kept == ENGLISH_BODY
    assert [removed[line][0] for line in paywall] == ["page_chrome", "advertisement"]  # the meter, the offer
    assert removed[bio] == ("source_attribution", "credit_line")
    # an address in a sentence of the article is the article's
    council = "The council meets again on May 3. Contact the clerk at clerk@city.example."
    kept, _ = stripped([*ENGLISH_BODY, council])
    assert kept == [*ENGLISH_BODY, council]


def test_entries_that_open_with_a_time_alone_are_not_comments() -> None:
    live = ["10:02", "The first boats left the harbour on time.", "10:15", "Crowds lined the pier."]
    live += ["10:40", "The lead boat rounded the buoy.", "11:05", "Rain began to fall."]
    kept, _ = stripped([*ENGLISH_BODY, *live])
    assert kept == [*ENGLISH_BODY, *live]


def test_an_author_box_and_an_outlets_more_stories_heading_start_tails() -> None:
    box = ["About the author", "Mara Quill", "Senior Appliance Editor", "Follow Mara on X"]
    kept, removed = stripped([*ENGLISH_BODY, *box])
    assert kept == ENGLISH_BODY
    assert {removed[line] for line in box} == {("source_attribution", "author_box_tail")}
    more = ["更多島嶼生活報報導", "台中公車新路線3月上路", "夜市周邊交通管制再延長"]
    kept, removed = stripped([*BODY, *more])
    assert kept == BODY
    assert {removed[line][0] for line in more} == {"related_posts"}


def test_a_more_from_heading_near_the_end_starts_a_related_tail() -> None:
    tail = ["More from Priya Natarajan", "The Case for Boring Side Projects", "See all from Priya Natarajan"]
    kept, removed = stripped([*BODY, *tail])
    assert kept == BODY and {category for category, _ in removed.values()} == {"related_posts"}


def test_related_posts_anchor_cuts_to_the_end_and_wins_over_line_rules() -> None:
    tail = ["相关推荐", "• 社区团购退潮之后", "图片来源：受访者供图", "未来农业 2026年3月1日"]
    _, removed = strip_blocks([*BODY, *tail])
    assert [(r.text, r.category, r.rule) for r in removed] == [
        (t, "related_posts", "related_posts_tail") for t in tail
    ]


def test_the_sites_footer_under_a_related_list_keeps_its_own_category() -> None:
    tail = [
        "相关推荐",
        "社区团购退潮之后",
        "© 2026 Example Daily. All rights reserved.",
        "扫码关注我们的公众号",
    ]
    assert [(r.category, r.rule) for r in strip_blocks([*BODY, *tail])[1]] == [
        ("related_posts", "related_posts_tail"),
        ("related_posts", "related_posts_tail"),
        ("copyright_notice", "copyright_notice"),
        ("follow_us", "follow_us"),
    ]


def test_a_share_bar_under_a_related_list_is_a_widget() -> None:
    tail = ["相关推荐", "社区团购退潮之后", "分享到：微信　微博　QQ空间"]
    assert [r.category for r in strip_blocks([*BODY, *tail])[1]] == [
        "related_posts",
        "related_posts",
        "widget_counter",
    ]


def test_a_comments_button_row_stays_in_the_comments() -> None:
    tail = ["网友评论", "老街坊", "写得好，我家楼顶也想试试。", "回复 · 12 赞"]
    assert {r.category for r in strip_blocks([*BODY, *tail])[1]} == {"comments"}


def test_a_comments_heading_the_article_goes_on_under_is_a_section_heading() -> None:
    section = [
        "Have your say",
        "You can comment on the draft in any of these ways:",
        "• online at the council's consultation page;",
        "• by post to the council offices, quoting the reference on the notice.",
        "Printed copies of the draft can be read at the library and at the service centre in town.",
        "Submissions close at five o'clock on the first of July, and late ones may not be considered.",
    ]
    english = [
        "The council will decide in August whether to adopt the plan for the reserve by the creek.",
        "Officers say the boardwalk would replace an eroded gravel path that floods every winter.",
        "Market-day parking would move away from the bank to reduce run-off into the water.",
    ]
    assert removed_categories([*english, *section]) == {}
    comments = ["Have your say", "Marguerite Lang", "Feb 2, 2024", "This path floods every year.", "Reply"]
    assert set(removed_categories([*english, *comments]).values()) == {"comments"}


def test_an_anchor_before_any_body_cuts_nothing() -> None:
    blocks = ["相关推荐", *BODY]
    assert removed_categories(blocks) == {}


def test_comments_after_related_posts_change_the_category() -> None:
    _, removed = strip_blocks([*BODY, "相关阅读", "另一篇文章", "网友评论", "写得好"])
    assert [r.category for r in removed] == ["related_posts"] * 2 + ["comments"] * 2


def test_off_topic_tail_after_keyword_line_is_seo_filler() -> None:
    filler = [
        "想写出打动人心的祝福语吗？为大家整理的新年贺词大全",
        "家常红烧肉做法详解，红烧肉是一道经典的家常菜，关键在于火候",
        "求职信范文精选十五篇，一封好的求职信能让招聘者眼前一亮",
    ]
    _, removed = strip_blocks([*BODY, "关键词：", *filler])
    assert {r.category for r in removed} == {"seo_filler"}
    assert [r.text for r in removed] == ["关键词：", *filler]


def test_on_topic_text_after_keyword_line_is_kept() -> None:
    after = "附：屋顶农场的测算表明，有种植层的屋面温度更低，屋顶每年可以产出叶菜，改造工程需要防水卷材。"
    kept, removed = strip_blocks([*BODY, "关键词：屋顶农场 防水", after])
    assert [(r.category, r.rule) for r in removed] == [("seo_filler", "keywords_line")]
    assert kept[-1].text == after


ENGLISH_BODY = [
    "The old library stood less than fifty metres from the sea wall, and the storm surge flooded it.",
    "Volunteers saved most of the local history collection by carrying boxes up to the first floor.",
    "The new design raises the ground floor of the library by a metre and a half above the flood line.",
]


def test_english_off_topic_tail_after_tags_is_seo_filler_and_on_topic_text_stays() -> None:
    filler = [
        "Looking for the best summer recipes? Here are twenty easy salads for hot days",
        "How to write a cover letter that gets noticed by recruiters in a competitive market",
    ]
    _, removed = strip_blocks([*ENGLISH_BODY, "Tags: library, flood", *filler])
    assert [r.category for r in removed] == ["seo_filler"] * 3
    update = "Update: volunteers moved the library's local history boxes from the flooded first floor."
    kept, removed = strip_blocks([*ENGLISH_BODY, "Tags: library, flood", update])
    assert [r.rule for r in removed] == ["keywords_line"] and kept[-1].text == update


def test_a_callers_rule_goes_through_the_same_door() -> None:
    def weather_box(block: Block, document: Document) -> str | None:
        return "advertisement" if block.key.startswith("天气") else None

    _, removed = strip_blocks([*BODY, "天氣預報：晴"], (*DEFAULT_RULES, weather_box))
    assert [(r.category, r.rule) for r in removed] == [("advertisement", "weather_box")]


def test_every_default_rule_returns_known_categories_and_has_a_unique_name() -> None:
    names = [rule.__name__ for rule in DEFAULT_RULES]
    assert len(names) == len(set(names))
    blocks = [*BODY, *(line for line, _ in TAIL_LINE_CASES)]
    _, removed = strip_blocks(blocks)
    assert {r.category for r in removed} <= set(CATEGORIES)


def test_rules_version_names_the_series_and_a_hash_of_the_rule_files() -> None:
    assert re.fullmatch(r"\d{4}\.\d+\.\d+\+[0-9a-f]{8}", RULES_VERSION)


def test_every_rule_file_entry_is_loadable_and_folded() -> None:
    for path in rules_folder().glob("*.txt"):
        if path.name in ("README.txt", "source_attribution.txt", "widget_counter.txt"):
            continue
        phrases = load_phrases(path.stem)
        assert phrases.equals or phrases.prefixes or phrases.contains, path.name
        for entry in (*phrases.equals, *phrases.prefixes):
            assert entry == entry.casefold(), (path.name, entry)


def test_many_blocks_need_no_pairwise_comparison() -> None:
    # 20 000 distinct blocks: the teaser pass looks at a bounded number of candidates
    blocks = [f"第{n}段，内容各不相同，编号{n * 7919 % 100003}。" for n in range(20_000)]
    kept, removed = strip_blocks(blocks)
    assert len(kept) + len(removed) == len(blocks)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=80).map(str.strip).filter(bool), max_size=30))
def test_every_block_is_either_kept_or_removed_once(blocks: list[str]) -> None:
    kept, removed = strip_blocks(blocks)
    assert sorted([b.index for b in kept] + [r.position for r in removed]) == list(range(len(blocks)))
    assert all(r.text == blocks[r.position] for r in removed)


def test_a_text_mode_browsers_link_numbers_placeholders_and_link_list_go() -> None:
    dump = [
        "[1]Home » [2]News » [3]Campus",
        *BODY[:2],
        "[IMG]",
        *BODY[2:],
        "References",
        "1. https://example.edu.cn/",
        "2. https://example.edu.cn/news/list.htm",
        "3. javascript:window.print()",
    ]
    removed = removed_categories(dump)
    assert [removed.get(line) for line in dump if line not in BODY] == [
        "navigation",
        "image_caption",
        "page_chrome",
        "page_chrome",
        "page_chrome",
        "page_chrome",
    ]


# --- related lists whose heading no phrase knows ---------------------------------------------------

RELATED_EN = [
    "Elsewhere in the valley",
    "Council again delays a vote on downtown parking meters",
    "County jail population falls to its lowest level in a decade",
    "Longtime cemetery sexton dies at 88 after a life outdoors",
]
RELATED_ZHT = [
    "同一條路線的其他報導",
    "假投資群組騙走退休教師八百萬　幕後金主遭羈押",
    "收簿手冒充銀行專員　桃園警埋伏逮人",
    "解除分期付款詐騙又來了　一週十二人受害",
]


@pytest.mark.parametrize("related", [RELATED_EN, RELATED_ZHT])
def test_a_short_heading_over_headlines_below_the_body_is_a_related_list(related: list[str]) -> None:
    kept, removed = stripped([*BODY, *related, "© 2026 Valley Ledger"])
    assert kept == BODY
    assert all(removed[line] == ("related_posts", "headline_list") for line in related)


def test_the_articles_own_closing_list_stays() -> None:
    listed = ["The new ferry brings three changes:", *RELATED_EN[1:]]  # a lead-in ending in a colon
    assert stripped([*BODY, *listed])[0] == [*BODY, *listed]
    resumed = [*RELATED_ZHT, *BODY[:3]]  # the article goes on after the list: a section of its own
    assert stripped([*BODY, *resumed])[0] == [*BODY, *resumed]


def test_a_text_dumps_list_rule_is_not_applied_to_html_lists() -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY * 2)
    items = "".join(f"<li>{line}</li>" for line in RELATED_EN[1:])
    page = (
        f"<html><body><article>{paragraphs}<h2>{RELATED_EN[0]}</h2><ul>{items}</ul></article></body></html>"
    )
    assert RELATED_EN[2] in clean(page).text


def test_a_wiki_pages_contents_edit_links_and_footnotes_go() -> None:
    sections = ["History", "Construction", "Automation"]
    blocks = [
        "Contents", "hide", "1 History", "1.1 Construction", "2 Automation",
        sections[0], "[edit]", BODY[0], sections[1], "[edit]", BODY[1],
        sections[2], "[edit]", BODY[2], BODY[3],
        '^ "Carrick Ness". Northern Lighthouse Board. Retrieved 14 June 2023.',
    ]  # fmt: skip
    kept, removed = stripped(blocks)
    assert kept == [sections[0], BODY[0], sections[1], BODY[1], sections[2], *BODY[2:]]
    assert removed["1.1 Construction"] == ("navigation", "wiki_apparatus")
    assert removed["[edit]"] == ("navigation", "wiki_apparatus")


def test_an_articles_numbered_list_is_no_table_of_contents() -> None:
    steps = ["1 Soak the beans overnight", "2 Grind them with water", "3 Boil the milk and strain it"]
    assert stripped([*BODY[:2], *steps, *BODY[2:]])[0] == [*BODY[:2], *steps, *BODY[2:]]


def test_a_banner_sentence_above_the_sites_menu_is_chrome_and_the_title_is_found() -> None:
    banner = "The council acknowledges the traditional custodians of the lands on which we live and work."
    menu = ["Pay & apply", "Report it", "Bins & waste", "Roads & transport", "Contact us"]
    title = "Council backs a plan to save the old timber bridge"
    english_body = [
        "The council has voted to restore, rather than replace, the heritage-listed bridge over the creek.",
        "Councillors endorsed the restoration option six votes to three after a long debate on Tuesday.",
        "The bridge is one of fewer than forty surviving trusses of its kind in the state, engineers said.",
    ]
    record = clean("\n".join([banner, *menu, title, "Media release – Thursday 13 March 2025", *english_body]))
    assert (record.title, record.text) == (title, "\n".join(english_body))
    assert {r.text: r.category for r in record.removed}[banner] == "page_chrome"


def test_a_have_your_say_section_of_two_statements_is_the_articles() -> None:
    section = [
        "Have your say",
        "A community group will be formed to advise on the design of the new path and its signs.",
        "Residents can apply online or pick up a form from the customer service centre by April.",
    ]
    english_body = [
        "The council has voted to restore, rather than replace, the heritage-listed bridge over the creek.",
        "Councillors endorsed the restoration option six votes to three after a long debate on Tuesday.",
        "The bridge is one of fewer than forty surviving trusses of its kind in the state, engineers said.",
    ]
    assert stripped([*english_body, *section])[0] == [*english_body, *section]


def test_the_sites_menu_after_a_related_list_is_navigation() -> None:
    related = ["相关推荐", "县城的夜市，正在被谁改变", "一家开了三十年的照相馆", "老粮站拆不拆？我问了七个人"]
    footer = ["首页", "关于我们", "联系我们", "广告服务", "隐私政策"]
    kept, removed = stripped([*BODY, *related, *footer])
    assert kept == BODY
    assert {removed[line][0] for line in footer} == {"navigation"}


def test_a_reporters_bio_closing_the_article_is_attribution_but_not_in_mid_article() -> None:
    bio = "Renata Okafor covers City Hall and county government for the Record."
    kept, removed = stripped([*ENGLISH_BODY, bio, "© 2025 Ashford Daily Record"])
    assert kept == ENGLISH_BODY
    assert removed[bio] == ("source_attribution", "author_bio")
    assert stripped([ENGLISH_BODY[0], bio, *ENGLISH_BODY[1:]])[0] == [ENGLISH_BODY[0], bio, *ENGLISH_BODY[1:]]


def test_a_document_fact_that_asks_for_itself_is_refused_not_computed_twice() -> None:
    class Circular(Document):
        @fact
        def zones(self) -> tuple[int, int]:  # a pass that ends up reading what it computes
            return self.zones

    with pytest.raises(RuntimeError, match="depends on itself"):
        _ = Circular(BODY).zones
    document = Document(BODY)
    zones = document.zones
    assert document.__dict__["zones"] is zones  # computed once, then read from the instance
