"""The two real scraped seeds, scored by ../shared/eval/score_seeds.py against `jingwen show --json`.

Runs the real command as a separate process, as the scorer does; skipped when ../shared is absent.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score_seeds.py"
JINGWEN = REPO / ".venv" / "bin" / "jingwen"


def test_every_seed_check_holds() -> None:
    if not SCORER.exists():
        pytest.skip("../shared not present")
    if not JINGWEN.exists():
        pytest.skip("the jingwen console script is not installed in .venv")
    result = subprocess.run(
        [sys.executable, str(SCORER), "--cmd", f"{JINGWEN} show --json {{file}}"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:]
    assert result.returncode == 0, result.stdout + result.stderr
    passed, total = summary.split(":")[1].split()[0].split("/")
    assert passed == total and int(total) >= 30, summary
