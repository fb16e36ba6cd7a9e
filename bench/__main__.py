"""Run every benchmark and print its figures: `python -m bench --shared ../shared [--only NAME]`.

Each module in BENCHES exposes `run(shared: Path | None) -> None`. Quality and speed targets live
here, as printed numbers anyone can reproduce, not in timed unit tests.
"""

from __future__ import annotations

import argparse
import importlib
import time
from pathlib import Path

BENCHES = ("decoding", "script", "cleaning", "dumps", "extraction", "archive", "batch")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared eval folder")
    parser.add_argument("--only", choices=BENCHES, action="append", help="run only these benchmarks")
    args = parser.parse_args()
    shared = args.shared if args.shared.is_dir() else None
    if shared is None:
        print(f"note: {args.shared} not found; benchmarks on real pages are skipped")
    for name in args.only or BENCHES:
        print(f"\n=== bench.{name}")
        started = time.perf_counter()
        importlib.import_module(f"bench.{name}").run(shared)
        print(f"--- bench.{name} took {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
