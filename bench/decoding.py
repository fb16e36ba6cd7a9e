"""Decode accuracy and speed on a corpus of real text re-encoded at run time.

    python -m bench.decoding --shared ../shared

The corpus: every text we have (samples/encodings/*.utf-8.txt, and when ../shared exists its
gold bodies and eval truth texts, read here and never copied), grouped by language (found
from the script it is written in; Simplified texts also give a Traditional pool through
OpenCC), and encoded into each codec that is natural for its language and can represent it:
UTF-8 with and without BOM, UTF-16 with BOM and without (both byte orders), GB18030,
Big5-HKSCS, Shift_JIS, EUC-KR, cp1252. Slices of 50 B to 1 MB start at random places;
a third of the multi-byte ones are cut mid-character. A file counts as right when the text
equals the original slice (for a cut file: the slice without its cut last character).

The same corpus is given to charset-normalizer alone and to chardet alone, decoding with
the codec they name (errors ignored, so a cut file is not held against them).
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cleaner.decoding import decode

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "encodings"

# (label, lowest size, highest size, files per language and codec, of which cut)
BANDS: tuple[tuple[str, int, int, int], ...] = (
    ("50B-200B", 50, 200, 30),
    ("200B-1KB", 200, 1024, 20),
    ("1-5KB", 1024, 5 * 1024, 10),
    ("5-50KB", 5 * 1024, 50 * 1024, 4),
    ("50KB-1MB", 50 * 1024, 1024 * 1024, 2),
)
CUT_EVERY = 3  # every third multi-byte file is cut mid-character
SEED = 20261125

UNICODE_FORMS: tuple[str, ...] = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be")
# The legacy codecs a text in each language is found in, by the language's script.
LEGACY_FORMS: dict[str, tuple[str, ...]] = {
    "zh-Hans": ("gb18030", "gbk"),
    "zh-Hant": ("big5", "big5hkscs"),
    "ja": ("shift_jis",),
    "ko": ("euc-kr",),
    "latin": ("cp1252",),
    "en": ("cp1252",),
    "ru": (),
}


@dataclass(frozen=True)
class Case:
    language: str
    form: str  # how it was encoded (BOM-less UTF-16 as utf-16-le / utf-16-be)
    band: str
    data: bytes
    text: str  # what a right decode gives
    cut: bool


def language_of(text: str) -> str:
    if re.search("[\u3040-\u30ff]", text):
        return "ja"
    if re.search("[\uac00-\ud7a3]", text):
        return "ko"
    if len(re.findall("[\u4e00-\u9fff]", text)) > 0.2 * len(text):
        return "zh-Hans"  # split into Simplified / Traditional pools below
    if re.search("[\u0400-\u04ff]", text):
        return "ru"
    if re.search("[\u00c0-\u00ff]", text):
        return "latin"
    return "en"


def read_texts(shared: Path | None) -> list[str]:
    paths = sorted(SAMPLES.glob("*.utf-8.txt"))
    if shared is not None and shared.is_dir():
        paths += sorted((shared / "gold").glob("*.body.txt"))
        paths += sorted((shared / "eval" / "data").glob("*/truth/*.txt"))
    return [path.read_text(encoding="utf-8") for path in paths]


def build_pools(texts: list[str]) -> dict[str, str]:
    """One long text per language: all its texts joined, repeated to reach 1 MB."""
    import opencc

    from cleaner.decoding import common_han_share, common_simplified

    grouped: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        language = language_of(text)
        if language == "zh-Hans" and common_han_share(text, common_simplified()) < 0.95:
            language = "zh-Hant"
        grouped[language].append(text)
    # Traditional text is scarce in what we have: convert the Simplified pool as well.
    to_traditional = opencc.OpenCC("s2tw")
    grouped["zh-Hant"] += [to_traditional.convert(text) for text in grouped["zh-Hans"]]
    pools = {}
    for language, members in grouped.items():
        pool = "\n".join(members)
        while len(pool.encode("utf-8")) < 2 * BANDS[-1][2]:
            pool += "\n" + pool
        pools[language] = pool
    return pools


def encode_form(text: str, form: str) -> bytes:
    return text.encode(form)


def representable_lines(pool: str, form: str) -> str:
    """The lines of `pool` that `form` can encode (a Big5 file holds no Simplified-only character)."""
    lines = []
    for line in pool.split("\n"):
        try:
            line.encode(form)
        except UnicodeEncodeError:
            continue
        lines.append(line)
    return "\n".join(lines)


def slice_to_size(pool: str, form: str, size: int, rng: random.Random) -> str:
    """A slice of `pool` at a random start whose encoding is about `size` bytes."""
    width = max(1.0, len(pool[:2000].encode(form, "replace")) / 2000)
    chars = max(1, int(size / width))
    start = rng.randrange(0, max(1, len(pool) - chars))
    return pool[start : start + chars]


def cut_last_character(text: str, form: str, rng: random.Random) -> tuple[bytes, str] | None:
    """The bytes of `text` with its last character cut mid-way, and the text left intact."""
    body = text.rstrip()[:-1]
    if not body:
        return None
    whole, head = encode_form(text.rstrip(), form), encode_form(body, form)
    width = len(whole) - len(head)
    if width < 2:
        return None  # a single-byte character cannot be cut
    return whole[: len(head) + rng.randrange(1, width)], body


def build_corpus(shared: Path | None) -> list[Case]:
    """Natural files: each language in the Unicode forms and its own legacy codecs."""
    pools = build_pools(read_texts(shared))
    return [
        case
        for language, pool in sorted(pools.items())
        for case in encode_slices(language, pool, UNICODE_FORMS + LEGACY_FORMS[language], 1)
    ]


def build_cross_corpus(shared: Path | None) -> list[Case]:
    """Each language in every other legacy codec that can hold it (Japanese in GB18030, Korean
    in Big5…), slices holding nothing but ASCII left out."""
    pools = build_pools(read_texts(shared))
    every = ("gb18030", "big5hkscs", "shift_jis", "euc-kr", "cp1252")
    return [
        case
        for language, pool in sorted(pools.items())
        for case in encode_slices(
            language, pool, tuple(f for f in every if f not in LEGACY_FORMS[language]), 4
        )
        if not case.data.isascii()
    ]


def encode_slices(language: str, whole_pool: str, forms: tuple[str, ...], thinning: int) -> list[Case]:
    rng = random.Random(f"{SEED}{language}{thinning}")
    cases: list[Case] = []
    for form in forms:
        pool = representable_lines(whole_pool, form)
        for band, low, high, count in BANDS:
            for i in range(max(1, count // thinning)):
                size = int(low * (high / low) ** rng.random())
                text = slice_to_size(pool, form, size, rng)
                try:
                    data = encode_form(text, form)
                except UnicodeEncodeError:
                    continue  # this codec cannot represent the slice: not a file anyone has
                if i % CUT_EVERY == CUT_EVERY - 1:
                    cut = cut_last_character(text, form, rng)
                    if cut is not None:
                        cases.append(Case(language, form, band, cut[0], cut[1], True))
                        continue
                cases.append(Case(language, form, band, data, text, False))
    return cases


# --- mojibake ---------------------------------------------------------------------------------

MOJIBAKE_KINDS: dict[str, tuple[tuple[str, ...], Callable[[str], str]]] = {
    # kind: (languages it happens to, how the garbled text is made)
    "utf8-as-cp1252": (("latin", "en", "ru", "zh-Hans"), lambda text: sloppy_cp1252(text.encode("utf-8"))),
    "utf8-as-latin1": (("latin", "en", "ru", "zh-Hans"), lambda text: text.encode("utf-8").decode("latin-1")),
    "gbk-as-latin1": (("zh-Hans",), lambda text: text.encode("gbk").decode("latin-1")),
    "big5-as-latin1": (("zh-Hant",), lambda text: text.encode("big5").decode("latin-1")),
}
MOJIBAKE_PER_KIND = 60


def sloppy_cp1252(data: bytes) -> str:
    """Bytes read as a browser reads windows-1252: the five undefined bytes become C1 controls."""
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in data)


def report_mojibake(shared: Path | None) -> None:
    """Text-level repair: garbled slices repaired exactly, and clean texts left alone."""
    from cleaner.mojibake import repair_mojibake

    rng = random.Random(SEED)
    pools = build_pools(read_texts(shared))
    results = []
    for kind, (languages, garble) in MOJIBAKE_KINDS.items():
        right = total = 0
        for i in range(MOJIBAKE_PER_KIND):
            language = languages[i % len(languages)]
            pool = representable_lines(
                pools[language], {"gbk-as-latin1": "gbk", "big5-as-latin1": "big5"}.get(kind, "utf-8")
            )
            text = slice_to_size(pool, "utf-8", int(50 * 100 ** rng.random()), rng)
            if text.isascii():
                continue
            total += 1
            right += repair_mojibake(garble(text))[0] == text
        results.append(f"{kind} {right}/{total}")
    clean = read_texts(shared) + list(pools.values())  # alone, and joined into 1 MB documents
    changed = sum(repair_mojibake(text)[1] != () for text in clean)
    print(f"mojibake repaired exactly: {', '.join(results)}; clean texts changed: {changed}/{len(clean)}")


# --- real pages ---------------------------------------------------------------------------------

RE_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]|[^\W\d_]+")
MIN_TRUTH_TOKENS = 20  # non-ASCII tokens a page's truth needs for the check to mean something
MIN_RECALL = 0.9


def report_real_pages(shared: Path) -> None:
    """Pages as published (eval/data, any charset, meta right, wrong or missing): does the
    decoded page hold the non-ASCII words of its truth text? A wrong codec holds almost none."""
    import gzip
    import json

    evidence: Counter[str] = Counter()
    wrong: list[str] = []
    for manifest in sorted((shared / "eval" / "data").glob("*/manifest.jsonl")):
        for line in manifest.read_text(encoding="utf-8").splitlines():
            page = json.loads(line)
            raw = (manifest.parent / page["input"]).read_bytes()
            raw = gzip.decompress(raw) if page["input"].endswith(".gz") else raw
            truth = (manifest.parent / page["truth"]).read_text(encoding="utf-8")
            want = Counter(token for token in RE_TOKEN.findall(truth) if not token.isascii())
            if sum(want.values()) < MIN_TRUTH_TOKENS:
                continue
            result = decode(raw)
            got = Counter(token for token in RE_TOKEN.findall(result.text) if not token.isascii())
            evidence[f"{result.encoding}/{result.evidence}"] += 1
            if sum((want & got).values()) < MIN_RECALL * sum(want.values()):
                wrong.append(f"{manifest.parent.name}/{page['id'][:12]} as {result.encoding}")
    total = sum(evidence.values())
    print(
        f"real pages with non-ASCII truth: {total - len(wrong)}/{total} decoded right "
        f"({', '.join(f'{k} {v}' for k, v in evidence.most_common())})"
        + (f"; wrong: {wrong}" if wrong else "")
    )


# --- the decoders compared --------------------------------------------------------------------


def decode_ours(data: bytes) -> str:
    return decode(data).text


def decode_with_charset_normalizer(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else data.decode(best.encoding, "ignore")


def decode_with_chardet(data: bytes) -> str | None:
    import chardet

    name = chardet.detect(data).get("encoding")
    if not name:
        return None
    try:
        return data.decode(name, "ignore")
    except LookupError:
        return None


def is_right(case: Case, text: str | None) -> bool:
    return text is not None and text.lstrip("\ufeff") == case.text.lstrip("\ufeff")


# --- report -----------------------------------------------------------------------------------


def family(form: str) -> str:
    return "utf-16 (no BOM)" if form in ("utf-16-le", "utf-16-be") else form


def report_ours(cases: list[Case]) -> None:
    right: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    failures: Counter[str] = Counter()
    examples: dict[str, Case] = {}
    for case in cases:
        result = decode(case.data)
        key = (family(case.form), case.band)
        total[key] += 1
        if is_right(case, result.text):
            right[key] += 1
            continue
        kind = failure_kind(case, result.text, result.encoding, result.evidence)
        failures[kind] += 1
        examples.setdefault(kind, case)
    bands = [band for band, *_ in BANDS]
    forms = sorted({family(case.form) for case in cases})
    print(f"{'encoding':<18}" + "".join(f"{band:>11}" for band in bands) + f"{'all':>11}")
    for form in forms:
        cells = []
        for band in bands:
            n = total[(form, band)]
            cells.append(f"{right[(form, band)]}/{n}" if n else "-")
        n_all = sum(total[(form, band)] for band in bands)
        r_all = sum(right[(form, band)] for band in bands)
        print(f"{form:<18}" + "".join(f"{cell:>11}" for cell in cells) + f"{100 * r_all / n_all:>10.1f}%")
    n_right, n = sum(right.values()), sum(total.values())
    cut_cases = [case for case in cases if case.cut]
    n_cut_right = sum(is_right(case, decode(case.data).text) for case in cut_cases)
    print(
        f"\njingwen decode: {n_right}/{n} = {100 * n_right / n:.2f} % right "
        f"(cut files {n_cut_right}/{len(cut_cases)})"
    )
    if failures:
        print("failures by kind: " + ", ".join(f"{kind} {count}" for kind, count in failures.most_common()))
        for kind, case in examples.items():
            print(f"  e.g. {kind}: {case.language} {case.form} {len(case.data)} B cut={case.cut}")


def failure_kind(case: Case, text: str, encoding: str, evidence: str) -> str:
    if case.cut and text.startswith(case.text[:-1]) and abs(len(text) - len(case.text)) <= 1:
        return f"cut-end ({case.form} as {encoding})"
    return f"{case.form} as {encoding} ({evidence})"


def report_baseline(name: str, cases: list[Case], decoder: Callable[[bytes], str | None]) -> None:
    started = time.perf_counter()
    right = sum(is_right(case, decoder(case.data)) for case in cases)
    elapsed = time.perf_counter() - started
    print(f"{name:<22} {right}/{len(cases)} = {100 * right / len(cases):.2f} % right ({elapsed:.1f} s)")


def throughput(cases: Iterator[Case]) -> str:
    chunk = [case.data for case in cases]
    size = sum(map(len, chunk))
    started = time.perf_counter()
    for data in chunk:
        decode(data)
    elapsed = time.perf_counter() - started
    return f"{size / 1e6 / elapsed:,.0f} MB/s ({size / 1e6:.1f} MB in {len(chunk)} files)"


def run(shared: Path | None) -> None:
    """Print decode accuracy per encoding and size, failures, speed, and two baselines."""
    started = time.perf_counter()
    cases = build_corpus(shared)
    languages = Counter(case.language for case in cases)
    print(
        f"== decoding: {len(cases)} files ({', '.join(f'{k} {v}' for k, v in sorted(languages.items()))}), "
        f"{sum(case.cut for case in cases)} cut mid-character, built in {time.perf_counter() - started:.1f} s"
    )
    decode(b"\xa4\xa4")  # load chardet and the common-character tables outside the timings
    report_ours(cases)
    big = [case for case in cases if len(case.data) >= 5 * 1024]
    print("throughput, UTF-8 files >= 5 KB:  " + throughput(c for c in big if c.form == "utf-8"))
    legacy = ("gb18030", "gbk", "big5", "big5hkscs", "shift_jis", "euc-kr", "cp1252")
    print("throughput, legacy files >= 5 KB: " + throughput(c for c in big if c.form in legacy))
    report_mojibake(shared)
    if shared is not None:
        report_real_pages(shared)
    cross = build_cross_corpus(shared)
    by_pair: dict[str, list[bool]] = defaultdict(list)
    for case in cross:
        by_pair[f"{case.language} in {case.form}"].append(is_right(case, decode(case.data).text))
    right = sum(sum(oks) for oks in by_pair.values())
    print(
        f"other languages' codecs (the lines they can hold): {right}/{len(cross)} = "
        f"{100 * right / len(cross):.1f} % right"
    )
    print("  " + ", ".join(f"{pair} {sum(oks)}/{len(oks)}" for pair, oks in sorted(by_pair.items())))
    print("baselines on the natural corpus:")
    report_baseline("chardet 7 alone", cases, decode_with_chardet)
    report_baseline("charset-normalizer alone", cases, decode_with_charset_normalizer)
    print(f"(decoding bench took {time.perf_counter() - started:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    run(args.shared if args.shared.is_dir() else None)


if __name__ == "__main__":
    main()
