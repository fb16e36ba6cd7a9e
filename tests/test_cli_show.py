"""`jingwen detect` and `jingwen show`, run as real processes, as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
JINGWEN = Path(sys.executable).parent / "jingwen"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def jingwen(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(JINGWEN), *map(str, args)], capture_output=True, text=True, timeout=120)


def test_detect_json_reports_every_encoding_sample_as_expected() -> None:
    expected = json.loads((SAMPLES / "encodings" / "expected.json").read_text(encoding="utf-8"))
    result = jingwen("detect", "--json", *(SAMPLES / "encodings" / name for name in sorted(expected)))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(row["file"]).name for row in rows] == sorted(expected)
    for row in rows:
        assert set(row) >= {"file", "encoding", "confidence", "evidence", "script", "machine_converted"}
        assert row["encoding"] == expected[Path(row["file"]).name]["encoding"], row["file"]


def test_detect_handles_many_files_in_one_call(tmp_path: Path) -> None:
    texts = ["小城的图书馆每晚开放到十点。", "老街書店的熟客越來越多。", "The ferry runs twice a day."]
    encodings = ["gb18030", "big5", "cp1252"]
    files = []
    for n in range(600):
        path = tmp_path / f"page-{n:04}.txt"
        path.write_bytes((texts[n % 3] * 20).encode(encodings[n % 3]))
        files.append(path)
    result = jingwen("detect", "--json", *files)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 600
    assert {row["encoding"] for row in rows[0::3]} == {"gb18030"}
    assert {row["script"] for row in rows[1::3]} == {"traditional"}


def test_show_prints_the_clean_text_of_a_sample() -> None:
    folder = SAMPLES / "text_zh_wechat_repost"
    result = jingwen("show", folder / "input.txt")
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip("\n") == (folder / "expected.txt").read_text(encoding="utf-8").rstrip("\n")


def test_show_json_prints_the_whole_record() -> None:
    result = jingwen("show", "--json", SAMPLES / "text_zh_wechat_repost" / "input.txt")
    record = json.loads(result.stdout)
    assert set(record) >= {"text", "title", "metadata", "removed", "encoding", "script", "machine_converted"}
    assert record["removed"] and all({"category", "rule", "text"} <= set(r) for r in record["removed"])


def test_show_says_why_a_file_has_no_article_and_exits_1(tmp_path: Path) -> None:
    image = tmp_path / "logo.png"
    image.write_bytes(PNG)
    result = jingwen("show", image)
    assert result.returncode == 1
    assert result.stdout == ""
    assert str(image) in result.stderr and "image/png" in result.stderr
