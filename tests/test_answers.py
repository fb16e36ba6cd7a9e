"""Q&A pages dumped as text: the first answer is the article, the question its title."""

from __future__ import annotations

from cleaner import clean

ANSWER = [
    "Short version: the water is condensation inside the duct, not a leak from the roof.",
    "Warm, wet air from the shower cools in an uninsulated duct running through a cold attic.",
    "Insulate the duct, shorten the run, and slope it toward the outside cap.",
]
STACK_PAGE = [
    "FixIt Forum",
    "Log in",
    "Sign up",
    "Home",
    "Questions",
    "Tags",
    "Users",
    "",
    "Why does my bathroom fan drip on cold mornings?",
    "Asked 2 years ago",
    "Viewed 12k times",
    "14",
    "The drips start after the first frost and stop in spring. The roof is new.",
    "Is the fan broken?",
    "ventilation bathroom attic",
    "asked Jan 9, 2023 at 13:22",
    "Corbin Lathe",
    "Add a comment",
    "",
    "3 Answers",
    "Sorted by: Highest score (default)",
    "58",
    *ANSWER,
    "Share",
    "Improve this answer",
    "Follow",
    "edited Jan 11, 2023 at 8:05",
    "answered Jan 9, 2023 at 14:51",
    "Hollis Reyburn",
    "22.7k 4 39",
    "That fixed mine too, thanks. – Corbin Lathe Jan 14, 2023",
    "Add a comment",
    "12",
    "Could also be a stuck damper in the roof cap; check that first since it is free.",
    "Share",
    "Improve this answer",
    "answered Jan 10, 2023 at 2:33",
    "Pauline Ostrander",
    "Related",
    "Is it OK to vent a bathroom fan into the soffit?",
    "How long should a bathroom exhaust duct be?",
    "Why does my attic hatch sweat in winter?",
]

ZHIHU_ANSWER = [
    "谢邀。",
    "这个问题门诊里每周都会被问到，干脆写长一点，把常见的误会说清楚。",
    "一、三类结节是什么意思",
    "三类的意思是良性可能大，绝大多数人只需要定期复查超声，不需要吃药，也不需要手术。",
    "最后说一句：按时复查比到处搜索更重要。",
]
ZHIHU_PAGE = [
    "首页",
    "发现",
    "等你来答",
    "体检查出甲状腺结节三类，需要做手术吗？",
    "女，三十四岁，单位体检发现右叶有一个小结节，报告写着三类，很担心。",
    "关注者 6,104 被浏览 3,872,519",
    "查看全部 1,316 个回答",
    "周医生聊甲状腺",
    "甲状腺外科 主治医师",
    "3,482 人赞同了该回答",
    *ZHIHU_ANSWER,
    "编辑于 2025-01-12 09:31・IP 属地四川",
    "赞同 3482",
    "187 条评论",
    "晚风吹过桐花巷",
    "看完放心多了，我也是三类，天天上网搜，越搜越害怕。",
    "01-13 · 江苏",
    "回复 喜欢 326",
    "Tracy不吃香菜",
    "请问复查一定要去同一家医院吗？",
    "01-15 · 上海",
    "回复 喜欢 42",
    "李小胖",
    "我去年也是三类，后来还是做了穿刺，结果是良性。",
    "01-16 · 北京",
    "回复 喜欢 12",
]


def categories(record, text: str) -> set[str]:
    return {r.category for r in record.removed if r.text == text}


def test_a_stack_style_page_keeps_the_first_answer_and_files_the_rest() -> None:
    record = clean("\n".join(STACK_PAGE))
    assert record.text.splitlines() == ANSWER
    assert record.title == "Why does my bathroom fan drip on cold mornings?"
    assert record.metadata["author"] == "Hollis Reyburn"
    assert record.metadata["published"] == "2023-01-09"  # answered, not edited
    assert categories(
        record, "The drips start after the first frost and stop in spring. The roof is new."
    ) == {"page_chrome"}
    assert categories(record, "Pauline Ostrander") == {"comments"}
    assert categories(record, "How long should a bathroom exhaust duct be?") == {"related_posts"}


def test_a_zhihu_style_page_keeps_the_answer_with_its_one_line_opening() -> None:
    record = clean("\n".join(ZHIHU_PAGE))
    assert record.text.splitlines() == ZHIHU_ANSWER
    assert record.title == "体检查出甲状腺结节三类，需要做手术吗？"
    assert record.metadata["author"] == "周医生聊甲状腺"
    assert record.metadata["published"] == "2025-01-12"
    assert categories(record, "女，三十四岁，单位体检发现右叶有一个小结节，报告写着三类，很担心。") == {
        "page_chrome"
    }
    assert categories(record, "我去年也是三类，后来还是做了穿刺，结果是良性。") == {"comments"}


def test_an_article_with_a_best_answer_heading_and_no_answer_footer_loses_nothing() -> None:
    article = [
        "江城晚报",
        "首页",
        "新闻",
        "体育",
        "社区答题赛决出冠军",
        "周六上午，江城社区答题赛在图书馆报告厅举行，十二支队伍参加了决赛。",
        "最佳答案",
        "评委认为，三号队对“城市雨水怎样回收”一题的回答最为完整，给出了具体数据。",
        "比赛结束后，主办方表示明年将把比赛扩大到全市所有街道。",
    ]
    record = clean("\n".join(article))
    assert "最佳答案" in record.text.splitlines()
    assert not any(r.rule in ("question", "answer_header", "answers_tail") for r in record.removed)
