"""The public library API: what `from cleaner import ...` offers, and what importing it costs."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path

import cleaner

ROOT = Path(__file__).resolve().parent.parent


def test_every_public_name_resolves_and_all_lists_exactly_them() -> None:
    assert sorted(cleaner.__all__) == sorted([*cleaner._EXPORTS, "__version__"])
    for name in cleaner.__all__:
        assert getattr(cleaner, name) is not None, name


def test_importing_cleaner_pulls_in_no_storage_server_cli_or_extractor() -> None:
    probe = (
        "import sys, cleaner; "
        "print(sorted(m for m in ('sqlite3', 'sqlite_utils', 'datasette', 'typer', 'archive', 'trafilatura', "
        "'opencc', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_cleaning_needs_no_archive_module() -> None:
    probe = (
        "import sys, cleaner; cleaner.clean('标题\\n正文的第一段落，写得很长也很完整。'); "
        "print(sorted(m for m in ('archive', 'sqlite_utils', 'datasette', 'typer') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_a_record_round_trips_through_json() -> None:
    record = cleaner.clean(
        "Rooftop gardens\n\nThe council approved the plan on Monday after a long debate.\n"
    )
    plain = json.loads(record.to_json())
    assert plain == record.to_dict()
    assert set(plain) >= {"text", "title", "metadata", "removed", "encoding", "script", "machine_converted"}


def test_readme_examples_run() -> None:
    failures, attempted = doctest.testfile(
        str(ROOT / "README.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert attempted > 0, "the README has no runnable examples"
    assert failures == 0


def test_every_cli_command_is_documented_in_the_readme() -> None:
    from archive.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [
        command.name or getattr(command.callback, "__name__", "") for command in app.registered_commands
    ]
    assert len(commands) >= 6
    undocumented = [name for name in commands if f"jingwen {name}" not in readme]
    assert not undocumented, f"commands missing from the README: {undocumented}"
