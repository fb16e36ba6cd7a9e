"""Post and comment headers: the name beside a stamp."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.comment_rows import poster


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Post by HedgeWitch_Bev » Sun Apr 14, 2024 9:12 pm", "HedgeWitch_Bev"),
        ("老树  (2010-10-06 21:37:15)", "老树"),
        ("#1 轉行阿森 樓主 5 小時前", "轉行阿森"),
        ("山野闲人 发表于 2025-9-8 22:17 | 只看该作者 | 倒序浏览", "山野闲人"),
        ("小麥 於 2010-11-21 23:14 說：", "小麥"),
        ("Posted 14 Aug 2023, 9:41 pm", None),  # a verb, not a name
        ("Tuesday, 9 November 2010", None),
        ("Joined: Sat Mar 12, 2011 7:48 pm", None),  # the poster's card
        ("The council met on March 3, 2024 at 10:00", None),
    ],
)
def test_a_posts_header_names_its_poster(header: str, name: str | None) -> None:
    assert poster(header) == name


def test_a_blog_posts_header_gives_its_author() -> None:
    post = [
        "骑车回老家：从城里到柳塘村的九十公里",
        "老树  (2010-10-06 21:37:15)",
        "国庆第六天，我终于把那辆旧自行车从车库里推了出来，打足气，带上两个茶叶蛋就出发了。",
        "出城的路比我记得的宽了一倍，过了收费站以后，两边的稻田已经收割了一大半，空气里都是稻草味。",
        "中午在镇上吃了一碗粉，老板听说我要骑回柳塘，愣了一下，说现在年轻人都开车回去了。",
    ]
    record = clean("\n".join(post))
    assert record.metadata["author"] == "老树"
    assert record.metadata["published"] == "2010-10-06"
