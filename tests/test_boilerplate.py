"""Site boilerplate: recurring short lines learned from one site's documents and removed."""

from __future__ import annotations

from cleaner.boilerplate import SiteBoilerplate, learn_site_boilerplate
from cleaner.pipeline import clean

ARTICLES = [
    "地铁二号线的十个车站将试点刷脸进站，乘客完成一次注册后不用再掏出手机。",
    "图书馆延长周末开放时间，自习室的座位从一百个增加到两百个。",
    "滨江公园二期下月开放，新增的步道连接了三个居民区和一所小学。",
    "全市首批三十公里自行车道将于明年三月前全部完工，覆盖三个片区。",
]
SLOGAN = "江城在线 让城市更美好"


def site_documents(extra: str = SLOGAN) -> list[str]:
    return [f"{article}\n{extra}\n本站已收录文章 {n}2345 篇" for n, article in enumerate(ARTICLES, 1)]


def test_lines_in_most_documents_are_learned_with_numbers_masked() -> None:
    learned = learn_site_boilerplate(site_documents())
    assert learned.documents == 4
    assert learned.is_boilerplate(SLOGAN)
    assert learned.is_boilerplate("江城在线  讓城市更美好")  # spacing and script do not matter
    assert learned.is_boilerplate("本站已收录文章 98765 篇")  # a counter line differs only in its digits
    assert not any(learned.is_boilerplate(article) for article in ARTICLES)


def test_too_few_documents_teach_nothing() -> None:
    learned = learn_site_boilerplate(site_documents()[:2])
    assert learned.lines == frozenset() and not learned.is_boilerplate(SLOGAN)


def test_the_same_article_captured_twice_is_one_document() -> None:
    copies = [f"{ARTICLES[0]}\n{SLOGAN}"] * 5
    assert learn_site_boilerplate(copies).documents == 1


def test_long_recurring_paragraphs_are_not_boilerplate() -> None:
    paragraph = (
        "本站所有文章均由编辑部精心挑选，内容涵盖城市建设、交通出行、文化教育和社区生活等多个方面，欢迎读者来信。"
        * 2
    )
    learned = learn_site_boilerplate(site_documents(paragraph))
    assert not learned.is_boilerplate(paragraph)


def test_lines_below_the_share_are_not_learned() -> None:
    documents = site_documents() + [f"另一篇文章的第{n}段内容，与其他文章都不相同。" for n in range(6)]
    assert not learn_site_boilerplate(documents, min_share=0.5).is_boilerplate(SLOGAN)
    assert learn_site_boilerplate(documents, min_share=0.3).is_boilerplate(SLOGAN)


def test_cleaned_records_can_be_learned_from() -> None:
    records = [clean(document) for document in site_documents()]
    assert learn_site_boilerplate(records).is_boilerplate(SLOGAN)


def test_clean_removes_learned_lines_but_never_all_of_a_document() -> None:
    learned = learn_site_boilerplate(site_documents())
    record = clean(f"{ARTICLES[0]}\n{SLOGAN}", site_boilerplate=learned)
    assert record.text == ARTICLES[0]
    assert [(r.category, r.rule, r.text) for r in record.removed] == [
        ("site_boilerplate", "site_boilerplate", SLOGAN)
    ]
    only = clean(SLOGAN, site_boilerplate=learned)
    assert only.text == SLOGAN


def test_an_empty_boilerplate_changes_nothing() -> None:
    document = f"{ARTICLES[0]}\n{SLOGAN}"
    assert clean(document, site_boilerplate=SiteBoilerplate(frozenset(), 0)) == clean(document)
