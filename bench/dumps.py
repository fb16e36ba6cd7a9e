"""Text dumps the cleaner was not written against: body lines lost, boilerplate kept, titles, fields.

Run with `python -m bench --only dumps` (or `python -m bench.dumps [FOLDER]`).

`bench/dumps/` holds scraped-page dumps written for measurement only, by people who did not read
the rules (bench/held_out_brief.md says how), each with the gold of ../shared/gold's shape:
NAME.txt (the bytes as saved, in its encoding), NAME.body.txt (the lines a perfect cleaner
keeps) and NAME.json (encoding, script, title, metadata, and the removed line numbers by
category). Prints, per dump and in total:

  · body lines lost (a gold body line missing from Cleaned.text);
  · boilerplate kept (a line of Cleaned.text that the gold removes);
  · removals filed under another category than the gold's;
  · the title and each gold metadata field, equal or not (NFKC, whitespace folded).

Once a rule is tuned on a dump, that dump is no longer unseen: add new ones rather than fit these.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from cleaner.pipeline import clean

FOLDER = Path(__file__).resolve().parent / "dumps"


def fold(line: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", line).split())


def folded_lines(text: str) -> list[str]:
    return [folded for line in text.split("\n") if (folded := fold(line))]


@dataclass
class DumpScore:
    name: str
    body_lines: int
    lost: list[str]
    kept_boilerplate: list[str]
    miscategorised: int
    title_ok: bool
    fields_ok: int
    fields: int


def gold_categories(gold: dict, source_lines: list[str]) -> dict[str, str]:
    """Folded source line -> its gold category ("98-end" ranges expanded)."""
    categories: dict[str, str] = {}
    for category, spec in gold["removed"].items():
        if isinstance(spec, str):
            spec = range(int(spec.split("-")[0]), len(source_lines) + 1)
        for number in spec:
            if folded := fold(source_lines[number - 1]):
                categories.setdefault(folded, category)
    return categories


def score(gold_path: Path) -> DumpScore:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    raw = (gold_path.parent / gold["file"]).read_bytes()
    source_lines = raw.decode(gold["encoding"]).lstrip("\ufeff").split("\n")
    body = folded_lines(gold_path.with_suffix(".body.txt").read_text(encoding="utf-8"))
    record = clean(raw)
    kept = folded_lines(record.text)
    categories = gold_categories(gold, source_lines)
    # a line the gold calls page_chrome may be filed under any category: it is chrome either way
    misfiled = sum(
        categories.get(fold(removal.text)) not in (None, removal.category, "page_chrome")
        for removal in record.removed
    )
    want_title, got_title = gold.get("title"), record.title
    fields = gold.get("metadata", {})
    return DumpScore(
        name=gold_path.stem,
        body_lines=len(body),
        lost=[line for line in body if line not in kept],
        kept_boilerplate=[line for line in kept if line not in body],
        miscategorised=misfiled,
        title_ok=fold(want_title or "") == fold(got_title or ""),
        fields_ok=sum(
            fold(str(record.metadata.get(key) or "")) == fold(str(value)) for key, value in fields.items()
        ),
        fields=len(fields),
    )


def run(shared: Path | None = None, folder: Path = FOLDER) -> None:
    scores = [score(path) for path in sorted(folder.glob("*.json"))]
    if not scores:
        print(f"no dumps in {folder}")
        return
    print(f"  {'dump':<10} {'body':>5} {'lost':>5} {'kept':>5} {'misfiled':>8} {'title':>6} {'fields':>7}")
    for s in scores:
        print(
            f"  {s.name:<10} {s.body_lines:>5} {len(s.lost):>5} {len(s.kept_boilerplate):>5} "
            f"{s.miscategorised:>8} {'ok' if s.title_ok else 'WRONG':>6} {s.fields_ok:>3}/{s.fields:<3}"
        )
    totals = Counter(
        body=sum(s.body_lines for s in scores),
        lost=sum(len(s.lost) for s in scores),
        kept=sum(len(s.kept_boilerplate) for s in scores),
        misfiled=sum(s.miscategorised for s in scores),
        titles=sum(s.title_ok for s in scores),
        fields_ok=sum(s.fields_ok for s in scores),
        fields=sum(s.fields for s in scores),
    )
    print(
        f"dumps: {len(scores)}; body lines lost {totals['lost']} of {totals['body']}; "
        f"boilerplate lines kept {totals['kept']}; removals misfiled {totals['misfiled']}; "
        f"titles {totals['titles']}/{len(scores)}; fields {totals['fields_ok']}/{totals['fields']}"
    )
    if "-v" in sys.argv:
        for s in scores:
            for line in s.lost:
                print(f"  {s.name} LOST  {line[:100]}")
            for line in s.kept_boilerplate:
                print(f"  {s.name} KEPT  {line[:100]}")


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if argument != "-v"]
    run(None, Path(arguments[0]) if arguments else FOLDER)
