"""The `jingwen` command: a thin layer over `cleaner` and `archive`.

Each command parses its options and calls one function that does the work; nothing here
knows how cleaning or storing is done.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

app = typer.Typer(
    help="Clean scraped Chinese and English pages into an SQLite archive searchable with Datasette.",
    no_args_is_help=True,
    add_completion=False,
)


@app.command()
def detect(
    files: list[Path] = typer.Argument(..., help="Files to inspect."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
) -> None:
    """Print each file's encoding, confidence, evidence, script and machine-converted flag."""
    from cleaner.decoding import decode
    from cleaner.script import detect_script

    for path in files:
        try:
            decoded = decode(path.read_bytes())
        except OSError as error:
            typer.echo(f"{path}: cannot read: {error.strerror or error}", err=True)
            continue
        report = detect_script(decoded.text)
        row = {
            "file": str(path),
            "encoding": decoded.encoding,
            "confidence": round(decoded.confidence, 3),
            "evidence": decoded.evidence,
            "script": report.script,
            "machine_converted": report.machine_converted,
        }
        if as_json:
            typer.echo(json.dumps(row, ensure_ascii=False))
        else:
            flag = " machine-converted" if report.machine_converted else ""
            typer.echo(
                f"{path}: {decoded.encoding} (confidence {row['confidence']}, {decoded.evidence}),"
                f" {report.script}{flag}"
            )


@app.command()
def show(
    file: Path = typer.Argument(..., help="A scraped page or text dump."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole record as JSON."),
    url: str | None = typer.Option(None, help="The page's URL, when known."),
) -> None:
    """Clean one file and print its clean text (or the whole record with --json)."""
    from cleaner.pipeline import clean

    try:
        data = file.read_bytes()
    except OSError as error:
        typer.echo(f"{file}: cannot read: {error.strerror or error}", err=True)
        raise typer.Exit(1) from None
    record = clean(data, url=url)
    if as_json:
        typer.echo(record.to_json(indent=1))
        return
    if not record.text:
        typer.echo(f"{file}: no article text: {record.reason}", err=True)
    if record.text:
        typer.echo(record.text)


def main() -> None:
    app(prog_name="jingwen")


if __name__ == "__main__":
    sys.exit(main())
