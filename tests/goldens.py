"""Regenerate the golden files of every sample from the current cleaner.

    make goldens        # python -m tests.goldens [SAMPLE_DIR ...]

Each `samples/<case>/` holding an `input.*` file gets `expected.txt` (the clean text, one
paragraph per line) and `expected.json` (encoding, script, machine_converted, title, metadata,
and the removed texts by category). Review the diff line by line before committing it: a golden
changes only on purpose, and a changed golden is a CHANGELOG entry.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from cleaner.pipeline import clean
from cleaner.record import Cleaned

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def sample_dirs(root: Path = SAMPLES) -> list[Path]:
    """The sample folders in golden format: those holding an input.* file."""
    return sorted(path for path in root.iterdir() if path.is_dir() and input_file(path) is not None)


def input_file(folder: Path) -> Path | None:
    return next(iter(sorted(folder.glob("input.*"))), None)


def golden_record(record: Cleaned) -> dict[str, Any]:
    """What expected.json pins of a cleaned record."""
    removed: dict[str, list[str]] = {}
    for removal in record.removed:
        removed.setdefault(removal.category, []).append(removal.text)
    return {
        "encoding": record.encoding,
        "script": record.script,
        "machine_converted": record.machine_converted,
        "title": record.title,
        "metadata": dict(sorted(record.metadata.items())),  # sorted: goldens diff only on content
        "removed": removed,
    }


def golden_text(record: Cleaned) -> str:
    """What expected.txt holds: the clean text with a final newline (empty when nothing is kept)."""
    return record.text + "\n" if record.text else ""


def clean_sample(folder: Path) -> Cleaned:
    path = input_file(folder)
    assert path is not None, f"{folder} has no input file"
    return clean(path.read_bytes())


def write_goldens(folder: Path) -> bool:
    """Rewrite the folder's golden files; True when either changed.

    A record made by a crashing cleaner (reason "cleaner failed: …") is never written: it would
    pin a bug as the expected output.
    """
    record = clean_sample(folder)
    if record.reason and record.reason.startswith("cleaner failed"):
        raise RuntimeError(f"{folder.name}: {record.reason}")
    text = golden_text(record)
    data = json.dumps(golden_record(record), ensure_ascii=False, indent=1) + "\n"
    changed = False
    for name, content in (("expected.txt", text), ("expected.json", data)):
        target = folder / name
        if not target.exists() or target.read_text(encoding="utf-8") != content:
            target.write_text(content, encoding="utf-8")
            changed = True
    return changed


def main(argv: list[str]) -> int:
    folders = [Path(arg) for arg in argv] or sample_dirs()
    for folder in folders:
        print(f"{'changed' if write_goldens(folder) else 'same   '}  {folder.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
