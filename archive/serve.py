"""`jingwen serve`: Datasette on 127.0.0.1 with jingwen's configuration for each archive.

The shipped configuration (archive/datasette/) names the database `archive`; Datasette names a
database after its file, so the configuration is rendered for each archive's name into a temporary
directory. Datasette 0.65 reads everything from metadata.yml; 1.0 reads table options and canned
queries from datasette.yaml and titles and descriptions from metadata.yml.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from archive.store import Archive

CONFIG_DIR = Path(__file__).parent / "datasette"
TEMPLATE_DATABASE = "archive"  # the database name used in the shipped configuration files
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
# Table options Datasette 1.0 takes from datasette.yaml, not metadata (kept out of 1.0's metadata).
CONFIG_TABLE_KEYS = frozenset(
    {"facets", "facet_size", "label_column", "sort", "sort_desc", "size", "hidden", "fts_table", "fts_pk"}
)
# 0.65 settings matching datasette.yaml's: one-character searches over 100k articles can take a second.
SETTINGS_065 = {"sql_time_limit_ms": "5000", "facet_time_limit_ms": "1000"}


def datasette_major_version() -> int:
    from datasette.version import __version__

    return int(__version__.split(".")[0])


def database_names(paths: Sequence[Path]) -> list[str]:
    """The names Datasette gives databases: the file stem, with _2, _3… for repeats."""
    names: list[str] = []
    for path in paths:
        name, suffix = path.stem, 2
        while name in names:
            name, suffix = f"{path.stem}_{suffix}", suffix + 1
        names.append(name)
    return names


def load_template(filename: str) -> dict[str, Any]:
    with (CONFIG_DIR / filename).open(encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle))


def render_for(template: dict[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """The template with its `archive` database block repeated under each archive's name."""
    rendered = {key: value for key, value in template.items() if key != "databases"}
    block = template.get("databases", {}).get(TEMPLATE_DATABASE, {})
    rendered["databases"] = {name: block for name in names}
    return rendered


def strip_config_keys(metadata: dict[str, Any]) -> dict[str, Any]:
    """Metadata for Datasette 1.0: titles, descriptions and column notes only."""
    stripped = dict(metadata)
    databases = {}
    for name, database in metadata.get("databases", {}).items():
        tables = {
            table: {key: value for key, value in options.items() if key not in CONFIG_TABLE_KEYS}
            for table, options in database.get("tables", {}).items()
        }
        databases[name] = {
            **{key: value for key, value in database.items() if key not in ("queries", "tables")},
            "tables": tables,
        }
    stripped["databases"] = databases
    return stripped


def write_config(archive_names: Sequence[str], directory: Path) -> list[str]:
    """Write the configuration for these databases into `directory`; return datasette's options for it."""
    metadata = render_for(load_template("metadata.yml"), archive_names)
    options: list[str] = []
    if datasette_major_version() >= 1:
        config = render_for(load_template("datasette.yaml"), archive_names)
        (directory / "datasette.yaml").write_text(
            yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        options += ["--config", str(directory / "datasette.yaml")]
        metadata = strip_config_keys(metadata)
    else:
        for setting, value in SETTINGS_065.items():
            options += ["--setting", setting, value]
    (directory / "metadata.yml").write_text(
        yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return ["--metadata", str(directory / "metadata.yml"), *options]


def datasette_executable() -> list[str]:
    script = Path(sys.executable).parent / "datasette"
    return [str(script)] if script.exists() else [sys.executable, "-m", "datasette"]


def build_command(
    archives: Sequence[Path],
    config_dir: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    other_databases: Sequence[Path] = (),
) -> list[str]:
    """The datasette command serving `archives` (configured) and `other_databases` (as they are)."""
    all_paths = [*archives, *other_databases]
    archive_names = database_names(all_paths)[: len(archives)]
    return [
        *datasette_executable(),
        "serve",
        *(os.fspath(path) for path in all_paths),
        "--host",
        host,
        "--port",
        str(port),
        *write_config(archive_names, config_dir),
    ]


def check_archives(archives: Sequence[Path]) -> None:
    """Open each archive once: migrates older ones, raises NotAnArchive for anything else."""
    for path in archives:
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such archive")
        Archive(path).close()


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def serve(archives: Sequence[Path], *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> int:
    """Run Datasette in the foreground until interrupted; returns its exit code."""
    check_archives(archives)
    # Datasette runs as a child process: a SIGTERM to jingwen must stop it too (subprocess.call
    # kills the child when the wait is interrupted by an exception).
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    with tempfile.TemporaryDirectory(prefix="jingwen-serve-") as directory:
        command = build_command(archives, Path(directory), host=host, port=port)
        try:
            return subprocess.call(command)
        except KeyboardInterrupt:
            return 0
