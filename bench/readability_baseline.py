"""readability-lxml as ../shared/eval/score.py runs it (bytes in), for bench.extraction.

Run by the baseline environment's Python, not jingwen's: the current readability-lxml (0.9)
pins chardet < 6 and jingwen needs chardet 7, so the two cannot share one environment, and an
older readability-lxml in ours would understate the baseline (0.8.4.1 scores 0.876 on the
Readability pages where 0.9 scores 0.970). `make bench` builds that environment from
bench/baselines.txt.

    .venv-baselines/bin/python bench/readability_baseline.py ../shared cwced_zh_new

prints one JSON object: the extracted text of every page in manifest order and the CPU seconds
readability-lxml took over them (reading the files not counted).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(shared: Path, dataset: str) -> None:
    sys.path.insert(0, str(shared / "eval"))
    import score

    extract = score.make_extractor("readability")
    texts, seconds = [], 0.0
    for row in score.load_manifest(dataset):
        data = score.read_input(dataset, row)
        started = time.process_time()
        try:
            texts.append(extract(data, row))
        except Exception:  # score.py counts a page readability raises on as empty
            texts.append("")
        seconds += time.process_time() - started
    json.dump({"texts": texts, "seconds": seconds}, sys.stdout)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
