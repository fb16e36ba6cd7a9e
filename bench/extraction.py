"""HTML main-content extraction: quality against trafilatura and readability-lxml, and speed.

As adaptors for ../shared/eval/score.py (run from the repository root):

    PYTHONPATH=. .venv/bin/python ../shared/eval/score.py --dataset cwced_zh_new \\
        --extractor bench.extraction:clean_text --out /tmp/eval-zh

`clean_text` is the whole cleaner (bytes in, `Cleaned.text` out), `extract_only` is
cleaner.extraction alone on the decoded page. `run(shared)` prints, on the same pages in the same
run, mean F1 per dataset for jingwen, trafilatura and readability-lxml, and their speed.

What was tried (mean F1 of extraction alone, cwced_zh_new / aeb / readability; trafilatura on
decoded text without comments is 0.929 / 0.959 / 0.941; readability-lxml 0.8.4.1 on decoded text
0.940 / 0.917 / 0.876, the current 0.9 on bytes 0.940 / 0.960 / 0.970):

    trafilatura default / fast / precision / recall        0.929 0.959 0.941 | 0.924 0.962 0.933
                                                           0.908 0.965 0.937 | 0.920 0.959 0.946
    trafilatura's bundled readability port                 0.947 0.916 0.866
    block voting (kept when 2 of 3 extractors have it)     0.938 0.960 0.920   rejected
    union of two extractors' prose blocks                  0.927-0.940 0.949-0.960   rejected
    medoid of trafilatura, precision, readability-lxml     0.941 0.965 0.941
    medoid of trafilatura fast, precision, bundled port    0.941 0.969 0.942
      and drop link-dense blocks (> 50 % link text)        0.940 0.972 0.928   rejected
      and trim to readability's core when it nests         0.950 0.969 0.941   kept
      and skip precision when the other two agree          0.950 0.968 0.941   kept (-40 % of its runs)
      and recover prose the others found in the span       0.950 0.966-0.968 0.947   rejected
      and content hidden by hidden/aria-hidden/display:none
          pruned before the extractors run                 0.950 0.968 0.941   rejected (no change:
          trafilatura and the port already drop it; class-hidden "展开全文" tails are untouched)
      precision run at 0.95 agreement instead of 0.97      0.950 0.968 0.941   kept (51 of 181 aeb
          pages run it instead of 64; 0.93 equal too, but one cwced page needs it at 0.91)
      precision in fast mode (no readability/justext)      0.950 0.966 0.928   rejected
      precision fast + trafilatura's "readability over
          twice as long" rule ourselves                    0.950 0.965 0.945   rejected (swings of
          0.3-0.6 on single pages both ways: not evidence)
      trafilatura fast when no two candidates agree
          (best pairwise F1 < 0.4-0.7)                     0.950 0.968 0.943   rejected (3 pages;
          at 0.2-0.3 it loses instead: not evidence)
    whole cleaner with Cleaned.title put back in the text  0.953 0.960 0.931   rejected (cwced
      truths include the headline, aeb and readability ones do not)
    whole cleaner (from here on), before the next three     0.951 0.971 0.938
      trim only before the core's first and after its
          last block; blocks between them stay              0.951 0.973 0.939   kept (tables and
          embedded posts inside the article: one aeb page 0.77 -> 0.99)
      a candidate 1.5x larger that holds the chosen one
          (90 %) and adds only prose (90 % of its words)    0.951 0.974 0.945   kept (one page
          0.30 -> 1.00; growth 1.3-3x, holding 90-95 %, prose 80-90 % all give the same)
      add the article's sibling segments (same tag and
          class, nearest common ancestor within 3 levels)   0.951 0.978 0.945   kept (two pages
          0.52 -> 0.95 and 0.62 -> 0.97; with any ancestor of the kept segment 3 levels up
          instead, comments of the same class came in: one page -0.48)
      precision's paragraphs that lost words mid-sentence
          taken whole from the fast mode                    0.951 0.978 0.946   kept (5 paragraphs
          on 3 pages; "reported that for his role" had lost "the NFL will fine Rudolph")
      skip the precision run when fast and readability
          agree at 0.8 instead of 0.95                      0.946 0.978 0.946   rejected (cwced
          pages in that band need it: -0.005; it would save 60 % of the precision runs)
      readability-lxml 0.9 instead of trafilatura's port   0.951 0.971 0.948   not possible (pins
          chardet < 6) and measured before the three above

Speed (CPU seconds, whole cleaner on bytes / trafilatura.extract on text, aeb 181 pages), each
step measured with time.process_time on the same pages:

    before: 7.9 s / 3.35 s = 2.36x (cwced 2.48x, readability 1.89x)
    metadata read from <meta>/JSON-LD/<title>/<h1> ourselves instead of trafilatura's
      extract_metadata (1.16 s: author and date searches over the whole page)   -> 2.05x
    precision gate 0.97 -> 0.95                                                  -> 1.99x
    one parse, shared: elements built by lxml's C class lookup instead of
      lxml.html's Python one (same outputs on every eval page, trafilatura and the
      port 5-15 % faster), the page walk reads that tree instead of a second parse -> 1.8x
    token bags counted once, pairwise agreement once per pair; container hints only
      for dropped blocks (memoised walk up); chrome patterns on lower-cased text
      without re.I; whitespace folded by str.split; control characters looked for
      with bytes.translate before the regex                                     -> 1.57x
    dates and bylines where the page shows them (microdata, <time>, date/byline
      classes, a date in the address): published found on 155 of 181 aeb pages
      (trafilatura's metadata: 179; <meta> alone: 129) for +0.11 s               -> 1.6x

This bench (contenders interleaved page by page, small sets timed over several passes), before
and after on the same stripper: whole cleaner 2.49 / 2.43 / 2.53x -> 2.04 / 1.65 / 1.77x,
extraction alone 2.25 / 2.13 / 2.20x -> 1.82 / 1.42 / 1.50x (cwced / aeb / readability). On
cwced, trafilatura's precision run is half the time (one Wikipedia page: 0.27 s), and without it
that page and two others lose 0.05 mean F1. The rest of the whole cleaner (decode, normalise,
strip) is 0.2-0.3x of trafilatura's time.

trafilatura gets the page decoded by cleaner.decoding, as jingwen does: decoding bytes itself
cost it 0.17 F1 on old Chinese pages (DESIGN §3). readability-lxml runs exactly as score.py's
baseline does (bytes in), in its own environment (bench/readability_baseline.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean
from typing import Any

DATASETS = ("cwced_zh_new", "aeb", "readability")
ROOT = Path(__file__).resolve().parents[1]
TRAFILATURA = "trafilatura (text in, no comments)"


def decode_bytes(data: bytes) -> str:
    from cleaner.decoding import decode

    return decode(data).text


def clean_text(data: bytes) -> str:
    """The whole cleaner: decode, extract, normalise, strip."""
    from cleaner.pipeline import clean

    return clean(data).text


def extract_only(data: bytes) -> str:
    """cleaner.extraction alone: main-content blocks of the decoded page, one per line."""
    from cleaner.extraction import extract

    return "\n".join(extract(decode_bytes(data)).blocks)


def trafilatura_text(markup: str) -> str:
    """trafilatura on decoded text, comments excluded (DESIGN §5's best setting)."""
    import trafilatura

    return trafilatura.extract(markup, include_comments=False) or ""


# The Python of the environment bench/baselines.txt describes (`make bench` builds it).
BASELINE_PYTHON = Path(os.environ.get("JINGWEN_BASELINE_PYTHON", ROOT / ".venv-baselines" / "bin" / "python"))


def readability_lxml_run(shared: Path, dataset: str) -> tuple[list[str], float] | None:
    """readability-lxml's text of every page and its CPU seconds, from the baseline environment.

    None when that environment is missing or fails: the bench then says so rather than compare
    with an older readability-lxml.
    """
    if not BASELINE_PYTHON.exists():
        return None
    worker = Path(__file__).with_name("readability_baseline.py")
    finished = subprocess.run(
        [str(BASELINE_PYTHON), str(worker), str(shared), dataset], capture_output=True, text=True
    )
    if finished.returncode != 0:
        print(f"    readability-lxml baseline failed: {finished.stderr.strip()[-300:]}")
        return None
    result = json.loads(finished.stdout)
    return result["texts"], result["seconds"]


@dataclass
class Page:
    data: bytes
    markup: str
    truth: Any  # token bag of the ground truth


def load_pages(score: Any, dataset: str) -> list[Page]:
    pages = []
    for row in score.load_manifest(dataset):
        data = score.read_input(dataset, row)
        pages.append(Page(data, decode_bytes(data), score.token_bag(score.read_truth(dataset, row))))
    return pages


# A small dataset is timed over several passes, so that each timing covers at least this many
# pages: one second of CPU on a shared machine is mostly noise.
MIN_TIMED_PAGES = 100


def measure(
    score: Any, pages: list[Page], contenders: dict[str, Callable[[Page], str]]
) -> dict[str, tuple[float, float]]:
    """{contender: (mean F1, CPU seconds for one pass over the pages)}.

    CPU time, since the machine is shared; the contenders take turns on each page, so a change
    in the machine's load weighs on all of them alike (timed one after the other, the ratio to
    trafilatura moved by 0.2 between runs). One untimed pass first: imports, compiled patterns
    and lazily built tables are paid once per process, not per page (on the 20 cwced pages they
    were a third of the whole cleaner's measured time, and the first page that sends
    trafilatura's precision mode to jusText builds every jusText stoplist: 0.26 s).
    """
    if not pages:
        return {name: (0.0, 0.0) for name in contenders}
    for page in pages:
        for function in contenders.values():
            function(page)
    seconds = dict.fromkeys(contenders, 0.0)
    scores: dict[str, list[float]] = {name: [] for name in contenders}
    passes = -(-MIN_TIMED_PAGES // len(pages))
    for number in range(passes):
        for page in pages:
            for name, function in contenders.items():
                started = time.process_time()
                output = function(page)
                seconds[name] += time.process_time() - started
                if number == 0:
                    scores[name].append(score.prf(score.token_bag(output), page.truth)[2])
    return {name: (fmean(scores[name]), seconds[name] / passes) for name in contenders}


def run(shared: Path | None) -> None:
    """Print mean F1 and pages/s for jingwen, trafilatura and readability-lxml on the eval pages."""
    if shared is None or not (shared / "eval" / "data").is_dir():
        print("extraction: ../shared/eval not present, skipped")
        return
    sys.path.insert(0, str(shared / "eval"))
    import score

    from cleaner.extraction import extract

    contenders: dict[str, Callable[[Page], str]] = {
        "jingwen (whole cleaner, bytes in)": lambda page: clean_text(page.data),
        "jingwen extraction only (text in)": lambda page: "\n".join(extract(page.markup).blocks),
        TRAFILATURA: lambda page: trafilatura_text(page.markup),
    }
    print("HTML extraction: mean F1 (character tokens for Chinese) and speed, every page, same run")
    for dataset in DATASETS:
        pages = load_pages(score, dataset)
        print(f"  {dataset} ({len(pages)} pages)")
        results = measure(score, pages, contenders)
        baseline = readability_lxml_run(shared, dataset)
        if baseline is None:
            print(f"    readability-lxml 0.9 (bytes in): no baseline environment at {BASELINE_PYTHON}")
        else:
            texts, seconds = baseline
            f1 = fmean(
                score.prf(score.token_bag(text), page.truth)[2]
                for text, page in zip(texts, pages, strict=True)
            )
            results["readability-lxml 0.9 (bytes in)"] = (f1, seconds)
        for name, (f1, seconds) in results.items():
            print(f"    {name:36s} F1={f1:.3f}  {len(pages) / seconds:6.1f} pages/s")
        whole, alone, base = (results[name][1] for name in (*list(contenders)[:2], TRAFILATURA))
        print(f"    time / trafilatura's: whole cleaner {whole / base:.2f}x, extraction {alone / base:.2f}x")


if __name__ == "__main__":
    run(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared")
