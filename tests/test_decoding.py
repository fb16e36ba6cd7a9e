"""Bytes to text: the codec, the evidence, and text that is exactly what the author wrote."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleaner.decoding import (
    EVIDENCE,
    PROBLEMS,
    Decoded,
    declared_charset,
    decode,
    is_binary,
    repair_mojibake,
)
from cleaner.mojibake import RE_DOUBLE_BYTE_AS_LATIN1, suspect_mojibake
from tests import make_encoding_samples

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "encodings"
SHARED = ROOT.parent / "shared"

ZH_HANS = "我们今天去公园散步，天气很好。老师说：“读书要认真。”（第二章）"
ZH_HANT = "我們今天去公園散步，天氣很好。老師說：「讀書要認真。」（第二章）"
JA = "今日は天気がいいので、公園を散歩しました。"
KO = "오늘은 날씨가 좋아서 공원에서 산책을 했습니다."
FR = "Le café « noir » était déjà servi à la française, n’est-ce pas ?"
DE = "Die Größe der Straße ist äußerst gemütlich."
RU = "Привет, как дела? Всё хорошо, спасибо."
EN_CURLY = "She said “hello” and didn’t stop — not even once…"


def sloppy_cp1252(data: bytes) -> str:
    return make_encoding_samples.sloppy_cp1252(data)


# (id, bytes, declared label, codec, text, evidence, problem)
CASES: list[tuple[str, bytes, str | None, str, str, str, str | None]] = [
    ("empty", b"", None, "utf-8", "", "empty", "empty"),
    ("ascii", b"plain text\n", None, "ascii", "plain text\n", "ascii", None),
    ("utf-8 Chinese", ZH_HANS.encode(), None, "utf-8", ZH_HANS, "utf-8", None),
    ("utf-8 with BOM", ZH_HANS.encode("utf-8-sig"), None, "utf-8-sig", ZH_HANS, "bom", None),
    ("utf-16 with BOM", ZH_HANT.encode("utf-16"), None, "utf-16", ZH_HANT, "bom", None),
    (
        "utf-16-be with BOM",
        codecs.BOM_UTF16_BE + EN_CURLY.encode("utf-16-be"),
        None,
        "utf-16",
        EN_CURLY,
        "bom",
        None,
    ),
    (
        "utf-16-le, English, no BOM",
        EN_CURLY.encode("utf-16-le"),
        None,
        "utf-16-le",
        EN_CURLY,
        "utf-16-pattern",
        None,
    ),
    ("utf-16-be, Korean, no BOM", KO.encode("utf-16-be"), None, "utf-16-be", KO, "utf-16-pattern", None),
    (
        "utf-16-le, pure Han, no BOM",
        ZH_HANS.encode("utf-16-le"),
        None,
        "utf-16-le",
        ZH_HANS,
        "utf-16-pattern",
        None,
    ),
    ("gb18030", ZH_HANS.encode("gb18030"), None, "gb18030", ZH_HANS, "detector", None),
    ("big5", ZH_HANT.encode("big5"), None, "big5hkscs", ZH_HANT, "detector", None),
    ("shift_jis", JA.encode("shift_jis"), None, "cp932", JA, "detector", None),
    ("euc-kr", KO.encode("euc-kr"), None, "cp949", KO, "detector", None),
    ("cp1252 French", FR.encode("cp1252"), None, "cp1252", FR, "detector", None),
    ("utf-8 cut mid-character", ZH_HANS.encode()[:-1], None, "utf-8", ZH_HANS[:-1], "utf-8", "truncated"),
    ("gb18030 cut", ZH_HANS.encode("gb18030")[:-1], None, "gb18030", ZH_HANS[:-1], "detector", "truncated"),
    ("big5 cut", ZH_HANT.encode("big5")[:-1], None, "big5hkscs", ZH_HANT[:-1], "detector", "truncated"),
    (
        "utf-16 cut (odd length)",
        ZH_HANT.encode("utf-16")[:-1],
        None,
        "utf-16",
        ZH_HANT[:-1],
        "bom",
        "truncated",
    ),
    # cp1252 text ending in é after plain ASCII is not a UTF-8 file cut mid-character
    ("cp1252 ends in é", "Un café".encode("cp1252"), None, "cp1252", "Un café", "detector", None),
    # declarations: mapped to supersets, never over a BOM or valid UTF-8, only when plausible
    (
        "gb2312 label, GBK character",
        "王喆的书".encode("gbk"),
        "gb2312",
        "gb18030",
        "王喆的书",
        "declared",
        None,
    ),
    ("big5 label", ZH_HANT.encode("big5"), "big5", "big5hkscs", ZH_HANT, "declared", None),
    ("shift_jis label", JA.encode("shift_jis"), "Shift_JIS", "cp932", JA, "declared", None),
    ("euc-kr label", KO.encode("euc-kr"), "EUC-KR", "cp949", KO, "declared", None),
    ("iso-8859-1 label", DE.encode("cp1252"), "ISO-8859-1", "cp1252", DE, "declared", None),
    ("label against valid UTF-8", ZH_HANS.encode(), "gbk", "utf-8", ZH_HANS, "utf-8", None),
    ("label against a BOM", ZH_HANS.encode("utf-8-sig"), "iso-8859-1", "utf-8-sig", ZH_HANS, "bom", None),
    ("latin-1 label on GBK bytes", ZH_HANS.encode("gbk"), "iso-8859-1", "gb18030", ZH_HANS, "detector", None),
    ("cp1251 label", RU.encode("cp1251"), "windows-1251", "cp1251", RU, "declared", None),
    ("iso-2022-jp", JA.encode("iso2022_jp"), None, "iso2022_jp_2", JA, "detector", None),
    ("unknown label", ZH_HANS.encode("gbk"), "x-no-such-charset", "gb18030", ZH_HANS, "detector", None),
    (
        "meta charset in the page",
        b'<meta charset="gbk"><p>' + "王喆".encode("gbk"),
        None,
        "gb18030",
        '<meta charset="gbk"><p>王喆',
        "declared",
        None,
    ),
    # binary
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "latin-1", "", "binary", "binary"),
    ("control bytes", bytes(range(32)) * 8, None, "latin-1", "", "binary", "binary"),
]


@pytest.mark.parametrize(
    ("data", "declared", "codec", "text", "evidence", "problem"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_decodes_to_the_original_text(
    data: bytes, declared: str | None, codec: str, text: str, evidence: str, problem: str | None
) -> None:
    result = decode(data, declared)
    assert (result.text, result.encoding, result.evidence, result.problem) == (text, codec, evidence, problem)
    if problem is None and data:
        assert data.decode(result.encoding) == result.text  # the codec named decodes the whole file


# Clean text in every script: neither the repair nor decoding may change a character.
MUST_NOT_CHANGE: list[str] = [
    ZH_HANS,
    ZH_HANT,
    "全角标点：，。；！？（）【】《》——……“”‘’、",
    "全形標點：，。；！？（）「」『』——……",
    JA,
    KO,
    FR,
    DE,
    EN_CURLY,
    "Ångström, naïve façade, résumé — São Paulo, Kraków, İstanbul",
    RU,
    "数学公式 α² + β² = γ²，温度 25℃，价格 ¥100（约 €13）",
    "人名：约翰·史密斯 · 玛丽·居里",
    "龘靐齉齾爩鱻麤龗灪龖厵滟 are rare characters, not mojibake",
    "Â is a letter too, and so is ô",
    "¿Ópera o teatro esta noche? Elegimos la función de las ocho.\n" * 5,  # ¿Ó reads as 坑 in GBK
    "Ça été ÉTÉ, à côté — déjà vu.",
]


@pytest.mark.parametrize("text", MUST_NOT_CHANGE)
def test_repair_never_changes_clean_text(text: str) -> None:
    assert repair_mojibake(text) == (text, ())
    result = decode(text.encode("utf-8"))
    assert result.text == text
    assert result.repairs == ()
    assert result.problem is None


MOJIBAKE: list[tuple[str, str, str]] = [
    ("utf8-as-cp1252", sloppy_cp1252(EN_CURLY.encode()), EN_CURLY),
    ("utf8-as-cp1252", FR.encode().decode("latin-1"), FR),
    ("gbk-as-latin1", ZH_HANS.encode("gbk").decode("latin-1"), ZH_HANS),
    ("big5-as-latin1", ZH_HANT.encode("big5").decode("latin-1"), ZH_HANT),
    ("utf8-as-gbk", "今天天气很好".encode().decode("gbk"), "今天天气很好"),
]


@pytest.mark.parametrize(("repair", "garbled", "text"), MOJIBAKE, ids=[case[0] for case in MOJIBAKE])
def test_repairs_mojibake(repair: str, garbled: str, text: str) -> None:
    assert repair_mojibake(garbled) == (text, (repair,))
    result = decode(garbled.encode("utf-8"))
    assert (result.text, result.evidence, result.repairs) == (text, "repaired", (repair,))


def test_repairs_only_the_garbled_lines() -> None:
    garbled = ZH_HANS.encode("gbk").decode("latin-1")
    assert repair_mojibake(f"{EN_CURLY}\n{garbled}\n{DE}") == (
        f"{EN_CURLY}\n{ZH_HANS}\n{DE}",
        ("gbk-as-latin1",),
    )


def test_flags_lossy_utf8_read_as_gbk() -> None:
    garbled = ZH_HANS.encode().decode("gbk", "replace")
    assert suspect_mojibake(garbled) == "utf8-as-gbk"
    assert decode(garbled.encode()).problem == "mojibake"


@pytest.mark.parametrize(
    ("page", "label"),
    [
        (b'<html><head><meta charset="GB2312">', "gb2312"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=big5">', "big5"),
        (b"<?xml version='1.0' encoding='Shift_JIS'?><root/>", "shift_jis"),
        (b"<meta charset=utf-8>", "utf-8"),
        (b"<p>charset=gbk is only words here</p>", None),
        (b" " * 5000 + b'<meta charset="gbk">', None),  # too far in to be the page's own
    ],
)
def test_finds_the_declared_charset(page: bytes, label: str | None) -> None:
    assert declared_charset(page) == label


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "pdf"),
        (b"PK\x03\x04\x14\x00\x00\x00", "zip"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"\x7fELF\x02\x01\x01\x00", "executable"),
        (b"GIF89a\x01\x00\x01\x00\x80", "image/gif"),
        (b"GIF89a is the name of my band", None),
        (EN_CURLY.encode("utf-16-le"), None),
        (ZH_HANS.encode("utf-16-be"), None),
        (ZH_HANS.encode("gb18030"), None),
        (b"text with one stray NUL\x00 in the middle of a long line of ordinary words", None),
        (bytes(range(256)), "binary"),
    ],
)
def test_tells_binary_from_text(data: bytes, kind: str | None) -> None:
    assert is_binary(data) == kind


def load_expected() -> dict[str, dict[str, object]]:
    return json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(load_expected()))
def test_sample_file_decodes_as_expected(name: str) -> None:
    want = load_expected()[name]
    result = decode((SAMPLES / name).read_bytes())
    got = {"encoding": result.encoding, "evidence": result.evidence, "problem": result.problem}
    assert got == {key: want[key] for key in got}
    assert list(result.repairs) == want["repairs"]
    if want["text"]:
        source = (SAMPLES / str(want["text"])).read_text(encoding="utf-8")
        assert result.text == (source.rstrip("\n")[:-1] if want["cut"] else source)
    if want.get("contains"):  # a page wrapping the article: every line of it is in the page
        source = (SAMPLES / str(want["contains"])).read_text(encoding="utf-8")
        assert all(line in result.text for line in source.splitlines())


def test_sample_files_are_what_the_generator_writes(tmp_path: Path) -> None:
    make_encoding_samples.write(tmp_path)
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted(path.name for path in SAMPLES.iterdir())
    for name in written:
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), name


SEED_FORMS = ("utf-8-sig", "utf-16", "gb18030", "big5hkscs")


@pytest.mark.parametrize("form", SEED_FORMS)
def test_real_seed_articles_survive_re_encoding(form: str) -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt")) if SHARED.is_dir() else []
    if not seeds:
        pytest.skip("../shared not present")
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        try:
            data = text.encode(form)
        except UnicodeEncodeError:
            continue  # Big5 cannot hold the Simplified seed
        result = decode(data)
        assert result.text == text, (seed.name, form, result)
        assert data.decode(result.encoding) == text, (seed.name, form, result.encoding)


# --- properties -----------------------------------------------------------------------------------

# Printable text: no control characters (bytes of those are binary), no surrogates.
PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\t\n\r"))


@given(PRINTABLE)
@settings(max_examples=300, deadline=None)
def test_utf8_round_trip(text: str) -> None:
    assume(not text.startswith("\ufeff"))  # a leading BOM is a BOM
    assume(not text.startswith("%PDF-"))  # a text that starts like a PDF is taken for one
    assume(not RE_DOUBLE_BYTE_AS_LATIN1.search(text))  # how UTF-8/GBK/Big5 read as latin-1 begin
    assert decode(text.encode("utf-8")).text == text


LABELS = st.sampled_from(
    [
        None,
        "utf-8",
        "utf-16",
        "gb2312",
        "gbk",
        "big5",
        "shift_jis",
        "euc-kr",
        "iso-8859-1",
        "latin1",
        "ascii",
        "x-no-such-charset",
        "",
        "utf-32",
        "hz",
        "iso-2022-jp",
        "cp037",
        "rot13",
        "base64",
    ]
)


@given(st.binary(max_size=2000), LABELS)
@settings(max_examples=400, deadline=None)
def test_never_raises_and_always_answers(data: bytes, declared: str | None) -> None:
    result = decode(data, declared)
    assert isinstance(result, Decoded)
    assert isinstance(result.text, str)
    assert result.text or not data or result.problem in ("binary", "truncated", "undecodable", "empty")
    codecs.lookup(result.encoding)
    assert 0.0 <= result.confidence <= 1.0
    assert result.evidence in EVIDENCE
    assert result.problem is None or result.problem in PROBLEMS
    if result.problem is None and result.evidence != "repaired":
        assert data.decode(result.encoding) == result.text


@given(st.text(max_size=300), st.sampled_from(["utf-8", "utf-16", "gb18030", "big5hkscs", "cp1252"]))
@settings(max_examples=200, deadline=None)
def test_never_raises_on_encoded_text(text: str, form: str) -> None:
    try:
        data = text.encode(form)
    except UnicodeEncodeError:
        data = text.encode(form, "replace")
    result = decode(data)
    assert isinstance(result.text, str)


MOJIBAKE_ALPHABET = st.one_of(
    st.characters(),
    st.characters(min_codepoint=0x80, max_codepoint=0xFF),
    st.sampled_from(list("ÃÂâ€œ™©°±²³¡¤ÖÐÎÄ中文測試，。、“”")),
)
LATIN1_READINGS = st.text(max_size=30).map(lambda text: text.encode("utf-8", "replace").decode("latin-1"))
GBK_READINGS = st.text(st.sampled_from(list("中文测试这是句子我们今天的一了")), max_size=20).map(
    lambda text: text.encode("gbk").decode("latin-1")
)


@given(
    st.lists(st.one_of(st.text(MOJIBAKE_ALPHABET, max_size=30), LATIN1_READINGS, GBK_READINGS), max_size=5)
)
@settings(max_examples=300, deadline=None)
def test_repair_is_idempotent(lines: list[str]) -> None:
    once, _ = repair_mojibake("\n".join(lines))
    assert repair_mojibake(once) == (once, ())


def test_repairs_two_layers_of_mojibake() -> None:
    twice = FR.encode().decode("latin-1").encode().decode("latin-1")
    assert repair_mojibake(twice) == (FR, ("utf8-as-cp1252",))
