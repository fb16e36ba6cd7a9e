"""Unicode normalisation: case tables, must-not-change cases and properties."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner.normalising import (
    NORMALISERS,
    normalise,
    normalise_for_matching,
    normalise_with_steps,
    unescape_entities,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

CASES: list[tuple[str, str, str]] = [
    # (what, input, expected)
    ("CRLF", "第一段\r\n第二段\r\n", "第一段\n第二段\n"),
    ("lone CR", "第一段\r第二段", "第一段\n第二段"),
    ("line and paragraph separators", "一\u2028二\u2029三", "一\n二\n三"),
    ("BOM at the start", "\ufeff正文", "正文"),
    ("BOM inside (concatenated files)", "第一篇\n\ufeff第二篇", "第一篇\n第二篇"),
    ("zero width space", "机器\u200b学习", "机器学习"),
    ("word joiner and soft hyphen", "co\u00adop\u2060era\u00adtion", "cooperation"),
    ("stray ZWJ and ZWNJ", "中\u200d文\u200c字", "中文字"),
    ("control characters", "正\x00文\x07内\x1b容\x7f", "正文内容"),
    ("C1 controls", "a\x80b\x9fc", "abc"),
    ("form feed and vertical tab", "一\x0c二\x0b三", "一二三"),
    ("no-break space", "10\u00a0km", "10 km"),
    ("thin and narrow spaces", "5\u2009000\u202f€", "5 000 €"),
    ("em space and hair space", "a\u2003b\u200ac", "a b c"),
    ("ideographic indentation", "\u3000\u3000第一段。\n\u3000\u3000第二段。", "第一段。\n第二段。"),
    ("&nbsp; indentation before Chinese", "&nbsp;&nbsp;&nbsp;&nbsp;正文开始。", "正文开始。"),
    ("indentation before a Chinese quote", "    “你好，”他说。", "“你好，”他说。"),
    ("trailing spaces", "一行  \n二行\t\n三行\u3000\n", "一行\n二行\n三行\n"),
    ("blank line with spaces", "一\n   \n二", "一\n\n二"),
    ("entities", "A&amp;B&nbsp;C&lt;D&gt;", "A&B C<D>"),
    ("numeric entities", "&#x4E2D;&#25991;&#X4e2d;", "中文中"),
    ("entity decoding to a no-break space", "100&#160;km", "100 km"),
    ("entity decoding to ZWSP", "机器&#x200B;学习", "机器学习"),
    ("entity for CR LF", "一&#13;&#10;二", "一\n二"),
    ("escaped entity shown by the author: unescaped once", "&amp;lt; gives &lt;", "&amp;lt; gives <"),
    ("combining accent", "Cafe\u0301", "Café"),
    ("entity with combining accent", "Cafe&#x301;", "Café"),
    ("CJK compatibility ideograph", "\uf900", "\u8c48"),
]


@pytest.mark.parametrize(("what", "text", "expected"), CASES, ids=[case[0] for case in CASES])
def test_normalise_case_table(what: str, text: str, expected: str) -> None:
    assert normalise(text) == expected


MUST_NOT_CHANGE: list[tuple[str, str]] = [
    ("Simplified, full-width punctuation", "他说：“明天（周六）见！”她问：「真的吗？」——当然。"),
    ("Traditional, full-width punctuation", "他說：「明天（週六）見！」她問：『真的嗎？』……當然。"),
    ("ideographic space inside text", "甲方\u3000乙方\u3000丙方"),
    ("full-width letters and digits", "ＡＩ模型的参数达到１７５０亿。"),
    ("English, curly quotes and dashes", "“It’s fine,” she said — and left… in 2024–2025."),
    ("Japanese", "京都の紅葉は、今が見頃です。「ぜひ」と彼は言った。"),
    ("emoji ZWJ sequences", "程序员👩\u200d💻和彩虹旗🏳\ufe0f\u200d🌈"),
    ("Persian ZWNJ", "می\u200cخواهم"),
    ("Devanagari ZWJ", "क्\u200dष"),
    ("ampersand that is not an entity", "AT&T, R&D, Q&A, &c, & more"),
    ("named entity without semicolon", "&copy 2024 &amp no"),
    ("unknown entity name", "&foo; &zz;"),
    ("indented code in English", "    def f():\n        return 1"),
    ("indented English quote", "    “Hello,” she said."),
    ("tabs inside lines", "名称\t数量\t价格"),
    ("replacement character (a decoding matter)", "坏\ufffd字"),
    ("empty", ""),
    ("only newlines", "\n\n\n"),
]


@pytest.mark.parametrize(("what", "text"), MUST_NOT_CHANGE, ids=[case[0] for case in MUST_NOT_CHANGE])
def test_normalise_must_not_change(what: str, text: str) -> None:
    assert normalise(text) == text


def test_escaped_entities_are_unescaped_once() -> None:
    assert unescape_entities("&amp;amp;") == "&amp;amp;"
    assert unescape_entities("&amp;#x4E2D;") == "&amp;#x4E2D;"
    assert unescape_entities("&lt;b&gt;") == "<b>"


@pytest.mark.parametrize("name", sorted(path.name for path in SAMPLES.glob("script_*")))
def test_sample_texts_are_already_normal(name: str) -> None:
    expected = (SAMPLES / name / "expected.txt").read_text(encoding="utf-8")
    assert normalise(expected) == expected


def test_traditional_sample_input_normalises_to_its_expected_text() -> None:
    raw = (SAMPLES / "script_traditional" / "input.txt").read_bytes().decode("utf-8")
    assert "\u3000" in raw and "\r\n" in raw
    assert normalise(raw) == (SAMPLES / "script_traditional" / "expected.txt").read_text(encoding="utf-8")


def test_steps_that_changed_the_text_are_reported_in_order() -> None:
    text, steps = normalise_with_steps("\ufeff\u3000\u3000你好&nbsp;世界 \r\n")
    assert text == "你好 世界\n"
    assert steps == (
        "unify_line_endings",
        "remove_zero_width_chars",
        "unescape_entities",
        "remove_indentation",
        "strip_trailing_spaces",
    )
    assert normalise_with_steps("干净的文本。")[1] == ()


def test_normalisers_are_named_by_verbs() -> None:
    verbs = {"unify", "remove", "replace", "unescape", "compose", "strip"}
    assert all(step.__name__.split("_")[0] in verbs for step in NORMALISERS)


def test_matching_form_folds_width_case_and_script() -> None:
    assert normalise_for_matching("關鍵詞：ＡＩ") == "关键词:ai"
    assert normalise_for_matching("相关推荐") == normalise_for_matching("相關推薦")


# --- properties --------------------------------------------------------------------------------

# Text rich in what the steps act on: entity pieces, invisible characters, odd spaces, CJK.
PIECES = (
    *("&", ";", "#", "x", "amp", "lt", "nbsp", "&amp;", "&#38;", "&#59;", "&#x200B;", "&#13;"),
    *("\u200b", "\u200d", "\u200c", "\ufeff", "\u00a0", "\u3000", " ", "\t", "\r", "\n", "\u2028"),
    *("\x00", "\x85", "e", "\u0301", "\u037e", "👩", "💻", "\ufe0f", "中", "文", "，", "“", "。"),
    *("\u0628", "\u00ad", "\uf900"),
)
TRICKY = st.lists(st.one_of(st.sampled_from(PIECES), st.characters()), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(TRICKY)
@example("&\x00amp;lt;")
@example("&am\u200bp;")
@example("&#38;amp&#59;")
@example("&amp\u037e")
@example("e\u200b\u0301")
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=300, deadline=None)
@given(TRICKY)
def test_each_step_is_idempotent(text: str) -> None:
    for step in NORMALISERS:
        once = step(text)
        assert step(once) == once, step.__name__


@settings(max_examples=300, deadline=None)
@given(TRICKY)
def test_normalised_text_is_clean(text: str) -> None:
    result = normalise(text)
    assert "\r" not in result and "\ufeff" not in result and "\u200b" not in result
    assert not any(unicodedata.category(char) == "Cc" and char not in "\n\t" for char in result)
    assert unicodedata.is_normalized("NFC", result)
    assert all(not line.endswith((" ", "\t", "\u3000")) for line in result.split("\n"))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Zs", "Zl", "Zp", "Cs", "Co", "Mn"))))
def test_text_without_anything_to_fix_is_unchanged(text: str) -> None:
    if "&" in text or not unicodedata.is_normalized("NFC", text):
        return
    assert normalise(text) == text


def test_docstring_examples_run() -> None:
    import doctest

    import cleaner.normalising

    assert doctest.testmod(cleaner.normalising).failed == 0
