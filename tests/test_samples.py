"""Golden samples: every samples/<case>/ with an input file and expected.json cleans as pinned.

Regenerate with `make goldens` (python -m tests.goldens) and review the diff line by line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.normalising import normalise
from tests.goldens import clean_sample, golden_record, golden_text, input_file, sample_dirs

GOLDEN = [folder for folder in sample_dirs() if (folder / "expected.json").exists()]


@pytest.mark.parametrize("folder", GOLDEN, ids=[folder.name for folder in GOLDEN])
def test_sample_cleans_as_pinned(folder: Path) -> None:
    record = clean_sample(folder)
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    assert golden_record(record) == expected
    expected_text = folder / "expected.txt"
    if expected_text.exists():
        assert golden_text(record) == expected_text.read_text(encoding="utf-8")


TEXT_SAMPLES = [folder for folder in GOLDEN if folder.name.startswith("text_")]


@pytest.mark.parametrize("folder", TEXT_SAMPLES, ids=[folder.name for folder in TEXT_SAMPLES])
def test_every_line_of_a_text_sample_is_kept_or_recorded(folder: Path) -> None:
    record = clean_sample(folder)
    path = input_file(folder)
    assert path is not None
    places = [record.text, record.title or "", *(r.text for r in record.removed)]
    lines = [
        line.strip()
        for line in normalise(path.read_bytes().decode(record.encoding)).splitlines()
        if line.strip()
    ]
    assert [line for line in lines if not any(line in place for place in places)] == []


def test_text_samples_cover_every_phenomenon() -> None:
    categories = set()
    for folder in TEXT_SAMPLES:
        categories |= set(json.loads((folder / "expected.json").read_text(encoding="utf-8"))["removed"])
    wanted = {
        "duplicate_teaser", "source_attribution", "copyright_notice", "widget_counter", "navigation",
        "related_posts", "image_caption", "seo_filler", "comments", "follow_us", "title",
    }  # fmt: skip
    assert wanted <= categories
    scripts = {json.loads((f / "expected.json").read_text(encoding="utf-8"))["script"] for f in TEXT_SAMPLES}
    assert {"simplified", "traditional", "none"} <= scripts
