"""Script detection: accuracy on labelled documents, paragraphs and windows, and speed.

    python -m bench.script --shared ../shared

Labelled texts, built at run time (real text is read from ../shared, never copied):

- Simplified: samples/script_simplified, seed 000's gold body, the truth texts of
  ../shared/eval/data/cwced_zh_new (real Chinese pages).
- Traditional: samples/script_traditional and every Simplified text converted with OpenCC
  s2tw and s2hk (full tables leave nothing behind: clean Traditional).
- Machine-converted Traditional: seed 001 and its gold body, samples/script_machine_converted,
  and every Simplified text converted with two deliberately incomplete converters:
  "one-to-one" (only characters with a single Traditional form, which is what seed 001's
  converter did) and "s2t-restore" (full s2t, then 后 里 么 于 并 put back: fewer leftovers).
- Machine-converted Simplified: every Simplified text through s2tw and back through a t2s
  that misses 這 個 們 後 時.
- Mixed: each Simplified text with three paragraphs of another text's s2tw conversion quoted
  in its middle.
- Japanese (must be 'none'): samples/script_japanese, and the truth texts of
  ../shared/eval/data/aeb with at least 100 hiragana (its manifest has no language field).

Printed: document accuracy (script and machine-converted flag) per kind, paragraph accuracy
(script only: paragraphs are short), false 'mixed' / machine-converted rate on windows of
50-2,000 Han characters of clean text, machine-converted recall by window length, detector,
folding and normalising throughput, and OpenCC conversion speeds.
"""

from __future__ import annotations

import argparse
import functools
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cleaner.normalising import normalise
from cleaner.script import (
    SIMPLIFIED_CONTEXT_CHARS,
    convert_with,
    detect_script,
    fold_script,
    isolated_conversions,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
HIRAGANA_RE = re.compile("[\u3041-\u3096]")
WINDOW_SIZES = (50, 100, 200, 400, 1000, 2000)
WINDOW_STEP = 61  # Han characters between window starts
MIN_PARAGRAPH_HAN = 10  # shorter lines (dates, bylines) carry too little evidence to score
RESTORED = "后里么于并"  # what "s2t-restore" puts back after a full s2t
MISSED_BY_T2S = {"這": "这", "個": "个", "們": "们", "後": "后", "時": "时"}
OPENCC_CONFIGS = ("s2t", "t2s", "s2tw", "s2hk", "tw2s", "hk2s", "s2twp", "t2tw")


@dataclass(frozen=True)
class Doc:
    kind: str  # how it was made, for the per-kind table
    script: str  # expected label
    machine_converted: bool
    text: str


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def one_to_one(text: str) -> str:
    """s2t without the characters whose Traditional form depends on the word."""
    table, context = isolated_conversions("s2t"), set(SIMPLIFIED_CONTEXT_CHARS)
    return "".join(char if char in context else table.get(char, char) for char in text)


def s2t_restore(text: str) -> str:
    converted = convert_with("s2t", text)
    return "".join(
        original if original in RESTORED else char for original, char in zip(text, converted, strict=False)
    )


def t2s_with_holes(text: str) -> str:
    converted = convert_with("tw2s", convert_with("s2tw", text))
    for traditional, simplified in MISSED_BY_T2S.items():
        converted = converted.replace(simplified, traditional)
    return converted


def quote_traditional(text: str, other: str) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    quoted = [line for line in convert_with("s2tw", other).split("\n") if len(HAN_RE.findall(line)) >= 30][:3]
    middle = len(lines) // 2
    return "\n".join([*lines[:middle], *quoted, *lines[middle:]])


def simplified_texts(shared: Path | None) -> list[tuple[str, str]]:
    texts = [("sample", read(SAMPLES / "script_simplified" / "expected.txt"))]
    if shared is not None:
        texts += [("seed 000 gold", read(path)) for path in sorted((shared / "gold").glob("000_*.body.txt"))]
        truth = shared / "eval" / "data" / "cwced_zh_new" / "truth"
        texts += [("cwced", read(path)) for path in sorted(truth.glob("*.txt"))]
    return [(where, text) for where, text in texts if len(HAN_RE.findall(text)) >= 50]


def japanese_texts(shared: Path | None) -> list[str]:
    """samples/script_japanese and the aeb truth texts with at least 100 hiragana (Japanese pages)."""
    texts = [read(SAMPLES / "script_japanese" / "expected.txt")]
    truth = shared / "eval" / "data" / "aeb" / "truth" if shared else None
    if truth is not None and truth.is_dir():
        texts += [
            text
            for path in sorted(truth.glob("*.txt"))
            if len(HIRAGANA_RE.findall(text := read(path))) >= 100
        ]
    return texts


def build_documents(shared: Path | None) -> list[Doc]:
    docs = [
        Doc(
            "sample traditional", "traditional", False, read(SAMPLES / "script_traditional" / "expected.txt")
        ),
        Doc(
            "sample machine-converted",
            "traditional",
            True,
            read(SAMPLES / "script_machine_converted" / "expected.txt"),
        ),
    ]
    if shared is not None:
        docs += [
            Doc("seed 001", "traditional", True, read(path))
            for path in [
                *sorted((shared / "seeds").glob("001_*.txt")),
                *sorted((shared / "gold").glob("001_*.body.txt")),
            ]
        ]
        docs += [
            Doc("seed 000", "simplified", False, read(path))
            for path in sorted((shared / "seeds").glob("000_*.txt"))
        ]
    simplified = simplified_texts(shared)
    for index, (where, text) in enumerate(simplified):
        docs.append(Doc(f"simplified ({where})", "simplified", False, text))
        docs.append(Doc("s2tw", "traditional", False, convert_with("s2tw", text)))
        docs.append(Doc("s2hk", "traditional", False, convert_with("s2hk", text)))
        docs.append(Doc("one-to-one s2t", "traditional", True, one_to_one(text)))
        docs.append(Doc("s2t-restore", "traditional", True, s2t_restore(text)))
        docs.append(Doc("t2s with holes", "simplified", True, t2s_with_holes(text)))
        other = simplified[(index + 1) % len(simplified)][1]
        docs.append(Doc("simplified quoting traditional", "mixed", False, quote_traditional(text, other)))
    docs += [Doc("japanese", "none", False, text) for text in japanese_texts(shared)]
    return docs


def han_windows(text: str, size: int) -> Iterator[str]:
    positions = [match.start() for match in HAN_RE.finditer(text)]
    for first in range(0, len(positions) - size + 1, WINDOW_STEP):
        yield text[positions[first] : positions[first + size - 1] + 1]


def report_documents(docs: list[Doc]) -> None:
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[str] = []
    for doc in docs:
        report = detect_script(doc.text)
        kind = doc.kind.split(" (")[0]
        is_right = report.script == doc.script and report.machine_converted == doc.machine_converted
        by_kind[kind]["docs"] += 1
        by_kind[kind]["right"] += is_right
        if not is_right and len(misses) < 8:
            misses.append(
                f"    miss: {doc.kind}: {report.script} mc={report.machine_converted} "
                f"S={report.simplified_markers} T={report.traditional_markers} han={report.han}"
            )
    total = sum(c["docs"] for c in by_kind.values())
    right = sum(c["right"] for c in by_kind.values())
    print(f"documents (script and machine-converted flag): {right}/{total} right")
    for kind, counts in sorted(by_kind.items()):
        print(f"  {kind:<34} {counts['right']:>4}/{counts['docs']:<4}")
    print("\n".join(misses))


def report_paragraphs(docs: list[Doc]) -> None:
    right = total = 0
    by_script: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        if doc.script == "mixed":
            continue  # a mixed document's paragraphs are each in one script: no single label
        for paragraph in doc.text.split("\n"):
            han = len(HAN_RE.findall(paragraph))
            if han < MIN_PARAGRAPH_HAN:
                continue
            label = detect_script(paragraph).script
            ok = label == doc.script or (doc.script != "none" and label == "neutral" and han < 30)
            right += ok
            total += 1
            by_script[doc.script]["total"] += 1
            by_script[doc.script]["right"] += ok
    print(
        f"paragraphs of >= {MIN_PARAGRAPH_HAN} Han characters (script; neutral accepted under 30): "
        f"{right}/{total} right"
    )
    for script, counts in sorted(by_script.items()):
        print(f"  {script:<12} {counts['right']:>5}/{counts['total']}")


def report_windows(docs: list[Doc]) -> None:
    print(
        f"windows (every {WINDOW_STEP} Han characters) of clean text: wrong script, false mixed, false flag"
    )
    clean = [doc for doc in docs if doc.script in {"simplified", "traditional"} and not doc.machine_converted]
    for size in WINDOW_SIZES:
        counts: Counter[str] = Counter()
        for doc in clean:
            for window in han_windows(doc.text, size):
                report = detect_script(window)
                counts["windows"] += 1
                counts["wrong"] += report.script != doc.script
                counts["mixed"] += report.script == "mixed"
                counts["machine"] += report.machine_converted
        print(
            f"  {size:>5} Han: {counts['windows']:>6} windows, wrong {counts['wrong']}, "
            f"mixed {counts['mixed']}, machine-converted {counts['machine']}"
        )
    print("windows of machine-converted text: recall of the flag (and right dominant script)")
    converted = [doc for doc in docs if doc.machine_converted]
    for kind in sorted({doc.kind for doc in converted}):
        cells = []
        for size in (200, 400, 1000, 2000):
            flagged = scripted = n = 0
            for doc in (d for d in converted if d.kind == kind):
                for window in han_windows(doc.text, size):
                    report = detect_script(window)
                    n += 1
                    flagged += report.machine_converted
                    scripted += report.script == doc.script
            cells.append(f"{size}: {flagged}/{n} ({scripted} script)" if n else f"{size}: -")
        print(f"  {kind:<26} " + "  ".join(cells))


def throughput(label: str, function: Callable[[str], object], text: str, repeat: int = 3) -> None:
    size = len(text.encode("utf-8"))
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        function(text)
        best = min(best, time.process_time() - started)
    print(f"  {label:<44} {size / best / 1e6:7.1f} MB/s  ({size / 1e6:.1f} MB)")


def report_speed(docs: list[Doc]) -> None:
    def corpus(predicate: Callable[[Doc], bool]) -> str:
        text = "\n".join(doc.text for doc in docs if predicate(doc))
        return (text * (1 + 2_000_000 // max(1, len(text.encode("utf-8")))))[:700_000]

    simplified = corpus(lambda doc: doc.script == "simplified" and not doc.machine_converted)
    traditional = corpus(lambda doc: doc.script == "traditional" and not doc.machine_converted)
    machine = corpus(lambda doc: doc.machine_converted and doc.script == "traditional")
    detect_script("预热")  # build the tables first (measured separately below)
    print("throughput (UTF-8 bytes of input per CPU second of this process, best of 3; one call per text)")
    throughput("detect_script, Simplified", detect_script, simplified)
    throughput("detect_script, Traditional", detect_script, traditional)
    throughput("detect_script, machine-converted", detect_script, machine)
    paragraphs = [line for line in simplified.split("\n") if line][:5000]
    started = time.process_time()
    for paragraph in paragraphs:
        detect_script(paragraph)
    rate = sum(len(p.encode("utf-8")) for p in paragraphs) / (time.process_time() - started) / 1e6
    print(f"  {'detect_script, paragraph by paragraph':<44} {rate:7.1f} MB/s  ({len(paragraphs)} calls)")
    throughput("fold_script, Traditional", fold_script, traditional)
    throughput("normalise, Traditional", normalise, traditional)
    print("OpenCC conversion (same Simplified / Traditional corpora)")
    for config in OPENCC_CONFIGS:
        source = traditional if config.startswith(("t", "hk")) else simplified
        throughput(config, functools.partial(convert_with, config), source)


def report_table_build() -> None:
    code = (
        "import time; t = time.perf_counter(); from cleaner.script import detect_script; "
        "detect_script('中'); print(time.perf_counter() - t)"
    )
    seconds = float(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    )
    print(f"first call (import, OpenCC tables, marker sets) in a fresh process: {seconds:.2f} s")


def run(shared: Path | None) -> None:
    docs = build_documents(shared)
    print(f"{len(docs)} labelled documents ({'with' if shared else 'without'} ../shared)")
    report_table_build()
    report_documents(docs)
    report_paragraphs(docs)
    report_windows(docs)
    report_speed(docs)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.script", description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    run(args.shared if args.shared.is_dir() else None)


if __name__ == "__main__":
    main()
