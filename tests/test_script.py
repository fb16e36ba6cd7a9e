"""Script detection and conversion: what a reader of the archive would notice if it went wrong."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.record import SCRIPTS
from cleaner.script import (
    SIMPLIFIED_CONTEXT_CHARS,
    TRADITIONAL_CONTEXT_CHARS,
    ScriptReport,
    convert_script,
    converter,
    detect_script,
    fold_script,
    is_japanese,
    isolated_conversions,
    repair_leftovers,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CWCED_TRUTH = SHARED / "eval" / "data" / "cwced_zh_new" / "truth"
SCRIPT_SAMPLES = ("script_simplified", "script_traditional", "script_machine_converted", "script_japanese")
HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def read_sample(name: str) -> str:
    return (SAMPLES / name / "expected.txt").read_text(encoding="utf-8")


def read_seed(prefix: str) -> str:
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip("../shared not present")
    return paths[0].read_text(encoding="utf-8")


def convert_one_to_one(text: str) -> str:
    """A deliberately weak s2t: converts only characters with a single Traditional form.

    This is what the converter behind seed 001 did: 后 里 么 于 并 卷 布 … stay Simplified.
    """
    table = isolated_conversions("s2t")
    context = set(SIMPLIFIED_CONTEXT_CHARS)
    return "".join(char if char in context else table.get(char, char) for char in text)


# --- the seeds and the samples -------------------------------------------------------------------


def test_seed_000_is_simplified_and_not_machine_converted() -> None:
    report = detect_script(read_seed("000"))
    assert (report.script, report.machine_converted) == ("simplified", False)
    assert report.confidence > 0.99


def test_seed_001_is_traditional_and_machine_converted_with_the_known_leftovers() -> None:
    report = detect_script(read_seed("001"))
    assert (report.script, report.machine_converted) == ("traditional", True)
    # DESIGN §4: 么 于 余 卷 后 布 并 御 斗 象 采 里 雇 are what the converter left behind
    assert set(report.leftovers) == set("么于余卷后布并御斗象采里雇")
    assert report.traditional_markers > 10 * report.simplified_markers


def test_seed_001_paragraphs_are_never_simplified() -> None:
    paragraphs = [line for line in read_seed("001").split("\n") if len(HAN_RE.findall(line)) >= 20]
    labels = {detect_script(paragraph).script for paragraph in paragraphs}
    assert "simplified" not in labels


@pytest.mark.parametrize("name", SCRIPT_SAMPLES)
def test_sample_script_matches_its_expected_json(name: str) -> None:
    expected = json.loads((SAMPLES / name / "expected.json").read_text(encoding="utf-8"))
    report = detect_script(read_sample(name))
    assert (report.script, report.machine_converted) == (expected["script"], expected["machine_converted"])


# --- case table ----------------------------------------------------------------------------------

CASES: list[tuple[str, str, bool]] = [
    # (text, script, machine_converted)
    ("", "none", False),
    ("Hello, world — “quoted”.", "none", False),
    ("2024-11-25 12:00", "none", False),
    ("天上白日", "neutral", False),  # Han, but no character of either script
    ("大模型前传：一场拍卖会", "simplified", False),  # a title: short texts are never mixed
    ("大模型前傳：一場拍賣會", "traditional", False),
    ("以后再说", "simplified", False),  # 后 alone is Simplified evidence when nothing says otherwise
    ("皇后與公里", "traditional", False),  # 后 and 里 are correct Traditional in these words
    ("這裏是以后的事", "traditional", False),  # too short to be called machine-converted
]


@pytest.mark.parametrize(("text", "script", "machine_converted"), CASES)
def test_detect_script_case_table(text: str, script: str, machine_converted: bool) -> None:
    report = detect_script(text)
    assert (report.script, report.machine_converted) == (script, machine_converted)


def test_traditional_words_using_shared_characters_are_not_leftovers() -> None:
    # 公里 皇后 試卷 布料 大象 考核 台南: characters Simplified shares with Traditional, used right
    text = read_sample("script_traditional") + "他跑了十公里，皇后的試卷放在布料上，大象的考核在台南。\n"
    report = detect_script(text)
    assert (report.script, report.machine_converted, report.simplified_markers) == ("traditional", False, 1)


# --- no clean text of 50 or more Han characters is called mixed or machine-converted -------------


def han_windows(text: str, sizes: tuple[int, ...], step: int) -> Iterator[str]:
    """Windows of `text` holding `size` Han characters each, starting every `step` Han characters."""
    positions = [match.start() for match in HAN_RE.finditer(text)]
    for size in sizes:
        for first in range(0, max(1, len(positions) - size + 1), step):
            if first + size > len(positions):
                break
            yield text[positions[first] : positions[first + size - 1] + 1]


def clean_texts() -> Iterator[tuple[str, str, str]]:
    """(where, expected script, text): the clean samples, their OpenCC conversions, real pages."""
    simplified = [("sample simplified", read_sample("script_simplified"))]
    if CWCED_TRUTH.is_dir():  # real Chinese pages, read at test time, never copied
        simplified += [
            (path.name, path.read_text(encoding="utf-8")) for path in sorted(CWCED_TRUTH.glob("*.txt"))
        ]
    yield "sample traditional", "traditional", read_sample("script_traditional")
    for where, text in simplified:
        if detect_script(text).script != "simplified":
            continue  # a truth file in another script is not clean Simplified evidence
        yield where, "simplified", text
        # a converter with full tables leaves nothing behind: clean Traditional
        yield f"{where} s2tw", "traditional", converter("s2tw").convert(text)
        yield f"{where} s2hk", "traditional", converter("s2hk").convert(text)


def test_no_clean_window_is_called_mixed_or_machine_converted() -> None:
    checked = 0
    for where, script, text in clean_texts():
        for window in han_windows(text, sizes=(50, 120, 400, 2000), step=97):
            report = detect_script(window)
            assert report.script == script, (where, report, window[:60])
            assert not report.machine_converted, (where, report, window[:60])
            checked += 1
    assert checked >= 40


def sentences(name: str) -> list[str]:
    return [s + "。" for s in read_sample(name).replace("\n", "").split("。") if s]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_arrangement_of_clean_sentences_stays_clean(data: st.DataObject) -> None:
    for name, script in (("script_simplified", "simplified"), ("script_traditional", "traditional")):
        chosen = data.draw(st.lists(st.sampled_from(sentences(name)), min_size=2, max_size=12))
        text = "".join(chosen)
        if len(HAN_RE.findall(text)) < 50:
            continue
        report = detect_script(text)
        assert (report.script, report.machine_converted) == (script, False)
        if script == "simplified":
            for config in ("s2tw", "s2hk"):
                converted = detect_script(converter(config).convert(text))
                assert (converted.script, converted.machine_converted) == ("traditional", False)


def test_a_whole_real_page_in_either_script_is_clean() -> None:
    if not CWCED_TRUTH.is_dir():
        pytest.skip("../shared not present")
    for path in sorted(CWCED_TRUTH.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for config in ("s2tw", "s2hk"):
            report = detect_script(converter(config).convert(text))
            assert report.script in {"traditional", "neutral", "none"}, (path.name, config, report)
            assert not report.machine_converted


# --- mixed and machine-converted -----------------------------------------------------------------


def test_simplified_article_quoting_traditional_paragraphs_is_mixed() -> None:
    simplified = read_sample("script_simplified").splitlines()
    traditional = read_sample("script_traditional").splitlines()
    text = "\n".join([*simplified[:3], *traditional[:3], *simplified[3:]])
    report = detect_script(text)
    assert (report.script, report.machine_converted) == ("mixed", False)


def test_simplified_page_citing_traditional_titles_stays_simplified() -> None:
    # an encyclopedia-style reference list: Traditional titles, Simplified publisher names
    text = (
        "这部电影在台湾上映后获得了很多好评，导演也因此获得了最佳新人奖，片方随后宣布将在明年推出续集。\n"
        "《導演獲頒最佳新人獎 感謝家人支持》. 联合新闻网. 2019-05-01.\n"
        "《新片票房開紅盤》. 自由时报. 2019-05-03."
    )
    report = detect_script(text)
    assert (report.script, report.machine_converted) == ("simplified", False)


def test_one_to_one_conversion_is_traditional_and_machine_converted() -> None:
    report = detect_script(convert_one_to_one(read_sample("script_simplified")))
    assert (report.script, report.machine_converted) == ("traditional", True)
    assert {"后", "里"} <= set(report.leftovers)


def test_simplified_text_with_traditional_leftovers_is_machine_converted() -> None:
    # the other direction: a t2s that missed 後 這 個 們 (a table with holes)
    text = converter("s2t").convert(read_sample("script_simplified"))
    text = converter("t2s").convert(text)
    for char, kept in {"这": "這", "个": "個", "们": "們", "后": "後", "时": "時"}.items():
        text = text.replace(char, kept)
    report = detect_script(text)
    assert (report.script, report.machine_converted) == ("simplified", True)


# --- Japanese ----------------------------------------------------------------------------------

JAPANESE = [
    "東京都知事選、小池氏が三選",  # a kanji-heavy headline: one kana run in ten Han characters
    "京都の紅葉は今が見頃です。",
]
NOT_JAPANESE = [
    # Chinese mentioning a Japanese title: one kana run in a long Han text
    "这部名为《となりのトトロ》的动画电影在国内重新上映，许多家长带着孩子走进影院，"
    "一起重温三十多年前的经典画面，首周票房就超过了预期。",
    "唐纳德・特朗普",  # the katakana middle dot between the parts of a foreign name
    "这是一段中文。",
]


@pytest.mark.parametrize("text", JAPANESE)
def test_japanese_is_not_chinese(text: str) -> None:
    report = detect_script(text)
    assert is_japanese(text)
    assert (report.script, report.machine_converted, report.japanese) == ("none", False, True)


@pytest.mark.parametrize("text", NOT_JAPANESE)
def test_chinese_with_some_kana_is_still_chinese(text: str) -> None:
    assert not is_japanese(text)
    assert detect_script(text).script == "simplified"


def test_japanese_sample_is_not_chinese_in_any_window() -> None:
    for window in han_windows(read_sample("script_japanese"), sizes=(30, 80), step=23):
        assert detect_script(window).script == "none", window


# --- conversion --------------------------------------------------------------------------------

CONVERSIONS = [
    ("以后再说", "tw", "以後再說"),
    ("以后再说", "hk", "以後再説"),  # 説: the Hong Kong standard form
    ("以后再说", "traditional", "以後再說"),
    ("這裡的後面", "simplified", "这里的后面"),
    ("這裏的後面", "simplified", "这里的后面"),
    ("这里", "tw", "這裡"),  # Taiwan form, not the OpenCC standard 裏
    ("公里和皇后", "traditional", "公里和皇后"),  # in-context: these words keep their characters
    ("English stays.", "tw", "English stays."),
]


@pytest.mark.parametrize(("text", "target", "expected"), CONVERSIONS)
def test_convert_script_case_table(text: str, target: str, expected: str) -> None:
    assert convert_script(text, target) == expected


def test_clean_traditional_text_is_not_rewritten_when_converted_to_traditional() -> None:
    text = read_sample("script_traditional")
    assert convert_script(text, "traditional") == text
    assert convert_script(text, "tw") == converter("t2tw").convert(text)


def test_round_trip_through_traditional_keeps_simplified_text() -> None:
    text = read_sample("script_simplified")
    assert convert_script(convert_script(text, "traditional"), "simplified") == text
    for target in ("tw", "hk"):  # regional forms may come back as another Simplified word (著 for 着)
        back = convert_script(convert_script(text, target), "simplified")
        assert sum(a != b for a, b in zip(back, text, strict=True)) <= len(text) // 200


def test_convert_script_rejects_unknown_targets() -> None:
    with pytest.raises(ValueError, match="target"):
        convert_script("中文", "klingon")


# --- repairing leftovers -----------------------------------------------------------------------


def test_repair_changes_only_the_leftovers_of_seed_001() -> None:
    text = read_seed("001")
    repaired = repair_leftovers(text)
    assert len(repaired) == len(text)
    changed = {char for char, fixed in zip(text, repaired, strict=True) if char != fixed}
    assert changed <= set(detect_script(text).leftovers)
    assert detect_script(repaired).machine_converted is False
    assert detect_script(repaired).script == "traditional"


def test_repair_uses_taiwan_forms_and_keeps_everything_else() -> None:
    text = convert_one_to_one(read_sample("script_simplified"))
    repaired = repair_leftovers(text)
    report = detect_script(repaired)
    assert (report.script, report.machine_converted) == ("traditional", False)
    # characters the machine conversion already got right stay exactly as written (爲 stays 爲)
    for char, fixed in zip(text, repaired, strict=True):
        if char != fixed:
            assert char in SIMPLIFIED_CONTEXT_CHARS or char in isolated_conversions("s2t")
    assert "爲" in repaired
    assert "裡" in repaired or "裏" not in repaired  # the leftover 里 became the Taiwan 裡, not 裏


@pytest.mark.parametrize("name", ["script_traditional", "script_simplified", "script_japanese"])
def test_repair_leaves_clean_texts_alone(name: str) -> None:
    text = read_sample(name)
    target = "simplified" if name == "script_simplified" else "traditional"
    assert repair_leftovers(text, target) == text


def test_repair_short_texts_only_when_forced() -> None:
    assert (
        repair_leftovers("這是以后的事", "hk") == "這是以后的事"
    )  # too short to be called machine-converted
    assert repair_leftovers("這是以后的事", "hk", force=True) == "這是以後的事"
    assert repair_leftovers("這裏說以后", "tw", force=True) == "這裏說以後"  # 裏 is not respelt 裡


def test_forced_repair_of_a_clean_text_follows_opencc() -> None:
    # Taiwan writes both 了解 and 瞭解; unforced repair keeps the author's, forced follows s2tw
    text = read_sample("script_traditional")
    assert "了解" in text
    assert repair_leftovers(text) == text
    assert repair_leftovers(text, force=True) == text.replace("了解", "瞭解")


# --- folding for matching ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("關鍵詞：資料圖片僅供參考", "关键词：资料图片仅供参考"),
        ("這裡和這裏", "这里和这里"),  # Taiwan and OpenCC-standard variants fold alike
        ("為了爲了", "为了为了"),
        ("相关推荐", "相关推荐"),  # Simplified stays
        ("Related posts", "Related posts"),
    ],
)
def test_fold_script_case_table(text: str, folded: str) -> None:
    assert fold_script(text) == folded


def test_fold_script_keeps_simplified_text_and_undoes_conversion() -> None:
    simplified = read_sample("script_simplified")
    assert fold_script(simplified) == simplified
    for config in ("s2tw", "s2hk", "s2t"):
        folded = fold_script(converter(config).convert(simplified))
        differences = sum(a != b for a, b in zip(folded, simplified, strict=True))
        assert differences <= len(simplified) // 200, config  # word-level exceptions only


@given(st.text())
def test_fold_script_preserves_length(text: str) -> None:
    assert len(fold_script(text)) == len(text)


# --- never raises, always a well-formed report -----------------------------------------------

HAN_HEAVY = st.text(
    alphabet=st.one_of(
        st.sampled_from("后里么于并这個們說后裡著乾於，。「」\n の が"),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(),
    )
)


@settings(max_examples=300, deadline=None)
@given(HAN_HEAVY)
def test_detect_script_is_total_and_well_formed(text: str) -> None:
    report = detect_script(text)
    assert isinstance(report, ScriptReport)
    assert report.script in SCRIPTS
    assert 0.0 <= report.confidence <= 1.0
    assert 0 <= report.simplified_markers + report.traditional_markers <= report.han <= len(text)
    assert not (report.machine_converted and report.script not in {"simplified", "traditional"})
    assert detect_script(text) == report  # pure


@settings(max_examples=100, deadline=None)
@given(HAN_HEAVY)
def test_conversions_never_raise(text: str) -> None:
    for target in ("simplified", "traditional", "tw", "hk"):
        assert isinstance(convert_script(text, target), str)
        assert isinstance(repair_leftovers(text, target, force=True), str)


# --- the context tables stay in step with the installed OpenCC ---------------------------------


def read_opencc_dictionary(name: str, folder: Path) -> dict[str, list[str]]:
    """One of OpenCC's compiled dictionaries as text, through the opencc_dict tool it ships."""
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    if not tool.exists():
        tool = Path(shutil.which("opencc_dict") or "/nonexistent")
    if not tool.exists() or not (share / f"{name}.ocd2").exists():
        pytest.skip("opencc_dict or the OpenCC dictionaries are not installed")
    out = folder / f"{name}.txt"
    subprocess.run(
        [str(tool), "-i", str(share / f"{name}.ocd2"), "-o", str(out), "-f", "ocd2", "-t", "text"], check=True
    )
    entries = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        key, values = line.split("\t")
        entries[key] = values.split(" ")
    return entries


def context_chars(characters: dict[str, list[str]], phrases: dict[str, list[str]]) -> str:
    """Characters correct in both scripts depending on the word, that OpenCC may change.

    An entry listing the character itself among its conversions (后 -> 後 后), or a character
    changed in some phrase though its own first form is itself (卷 in 卷土重来), or kept in some
    phrase though its first form differs (么 in 幺么); of those, the ones OpenCC can change.
    """
    listed_self = {key for key, values in characters.items() if len(values) > 1 and key in values}
    changed_in_phrase, kept_in_phrase = set(), set()
    for key, values in phrases.items():
        if len(values[0]) != len(key):
            continue
        for char, out in zip(key, values[0], strict=True):
            first = characters.get(char, [char])[0]
            if char != out and first == char:
                changed_in_phrase.add(char)
            if char == out and first != char:
                kept_in_phrase.add(char)
    candidates = listed_self | changed_in_phrase | kept_in_phrase
    return "".join(sorted(c for c in candidates if characters.get(c, [c])[0] != c or c in changed_in_phrase))


def test_context_sets_match_opencc_dictionaries(tmp_path: Path) -> None:
    def read(name: str) -> dict[str, list[str]]:
        return read_opencc_dictionary(name, tmp_path)

    simplified = context_chars(read("STCharacters"), read("STPhrases"))
    traditional = context_chars(read("TSCharacters"), read("TSPhrases"))
    assert simplified == SIMPLIFIED_CONTEXT_CHARS
    assert traditional == TRADITIONAL_CONTEXT_CHARS


def test_docstring_examples_run() -> None:
    import doctest

    import cleaner.script

    assert doctest.testmod(cleaner.script).failed == 0
