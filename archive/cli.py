"""The `jingwen` command: a thin layer over `cleaner` and `archive`.

Each command parses its options and calls one function that does the work; nothing here
knows how cleaning or storing is done.
"""

from __future__ import annotations

import json
import os
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
            "problem": decoded.problem,  # truncated / binary / mojibake / undecodable / empty
            "repairs": list(decoded.repairs),
        }
        if as_json:
            typer.echo(json.dumps(row, ensure_ascii=False))
        else:
            flag = " machine-converted" if report.machine_converted else ""
            notes = [*decoded.repairs, *([decoded.problem] if decoded.problem else [])]
            typer.echo(
                f"{path}: {decoded.encoding} (confidence {row['confidence']}, {decoded.evidence}),"
                f" {report.script}{flag}" + (f" [{', '.join(notes)}]" if notes else "")
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
    if not record.text:  # say why, and let scripts tell "no article" from success
        typer.echo(f"{file}: no article text: {record.reason}", err=True)
        raise typer.Exit(1)
    typer.echo(record.text)


SCRIPT_OPTION_HELP = "Stored text script: keep, simplified, traditional, tw, hk (the raw is kept as it was)."


def parse_size(text: str) -> int:
    """'20MB', '512k', '1000' -> bytes (for --max-size)."""
    units = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}
    number = text.strip().lower().removesuffix("ib").removesuffix("i")
    digits = number.rstrip("kmgb")
    try:
        return int(float(digits) * units[number[len(digits) :]])
    except (ValueError, KeyError):
        raise typer.BadParameter(f"{text!r} is not a size (e.g. 20MB, 512k, 1000000)") from None


@app.command("clean")
def clean_command(
    paths: list[Path] = typer.Argument(..., help="Folders (walked recursively) and files to clean."),
    db: Path = typer.Option(..., "--db", help="The archive (SQLite file; created when missing)."),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Worker processes (default: all cores)."
    ),
    include: list[str] = typer.Option([], "--include", help="Only files matching this glob (repeatable)."),
    exclude: list[str] = typer.Option(
        [], "--exclude", help="Skip files and folders matching a glob (repeatable)."
    ),
    script: str = typer.Option("keep", "--script", help=SCRIPT_OPTION_HELP),
    out: Path | None = typer.Option(
        None, "--out", help="Also write clean .txt and .json files here, mirroring the input."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Clean but write no archive."),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="No progress, no skip messages; failures still shown."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as one JSON object."),
    max_size: str = typer.Option(
        "20MB", "--max-size", help="Skip files (and decompressed gzip) larger than this."
    ),
    page_field: list[str] = typer.Option(
        [], "--page-field", help="JSON key of the page (default: html body content text raw)."
    ),
    url_field: list[str] = typer.Option(
        [], "--url-field", help="JSON key of the URL (default: url link source_url)."
    ),
    time_field: list[str] = typer.Option(
        [], "--time-field", help="JSON key of the fetch time (default: fetched_at crawled_at timestamp date)."
    ),
) -> None:
    """Clean every page under PATHS into the archive: resumable, parallel, every file accounted for."""
    from archive.batch import SCRIPT_CHOICES, BatchOptions, clean_paths, default_jobs
    from archive.inputs import FieldNames
    from archive.report import Reporter
    from archive.store import NotAnArchive

    if script not in SCRIPT_CHOICES:
        raise typer.BadParameter(f"choose one of {', '.join(SCRIPT_CHOICES)}", param_hint="--script")
    missing = [path for path in paths if not os.path.lexists(path)]
    if missing:
        raise typer.BadParameter(f"{missing[0]} does not exist", param_hint="PATHS")
    defaults = FieldNames()
    fields = FieldNames(
        page=tuple(page_field) or defaults.page,
        url=tuple(url_field) or defaults.url,
        fetched_at=tuple(time_field) or defaults.fetched_at,
    )
    options = BatchOptions(
        db=str(db),
        jobs=jobs or default_jobs(),
        include=tuple(include),
        exclude=tuple(exclude),
        script=script,
        out=str(out) if out else None,
        dry_run=dry_run,
        max_size=parse_size(max_size),
        fields=fields,
    )
    reporter = Reporter(quiet=quiet, as_json=as_json)
    try:
        tally = clean_paths([os.fsdecode(path) for path in paths], options, reporter)
    except NotAnArchive as error:
        typer.echo(f"{db}: {error}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:  # before the batch started: nothing was stored
        typer.echo("interrupted", err=True)
        raise typer.Exit(130) from None
    reporter.summary(tally, db=str(db))
    raise typer.Exit(tally.exit_code())


@app.command("reclean")
def reclean_command(
    db: Path = typer.Argument(..., exists=True, dir_okay=False, help="The archive to clean again."),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Worker processes (default: all cores)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress, no skip messages."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as one JSON object."),
) -> None:
    """Clean every stored raw document again with the current rules, as a new run (no input folder needed)."""
    from archive.batch import BatchOptions, default_jobs, reclean_archive
    from archive.report import Reporter
    from archive.store import NotAnArchive

    reporter = Reporter(quiet=quiet, as_json=as_json)
    try:
        tally = reclean_archive(BatchOptions(db=str(db), jobs=jobs or default_jobs()), reporter)
    except NotAnArchive as error:
        typer.echo(f"{db}: {error}", err=True)
        raise typer.Exit(2) from None
    reporter.summary(tally, db=str(db))
    raise typer.Exit(tally.exit_code())


@app.command("serve")
def serve_command(
    archives: list[Path] = typer.Argument(..., exists=True, dir_okay=False, help="Archives to serve."),
    port: int = typer.Option(8001, "--port", "-p", help="Port to listen on."),
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Interface to listen on (127.0.0.1: this machine only)."
    ),
) -> None:
    """Browse and search archives in Datasette, with Chinese search, facets and canned queries."""
    from archive.serve import serve
    from archive.store import NotAnArchive

    try:
        raise typer.Exit(serve(archives, host=host, port=port))
    except NotAnArchive as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None


@app.command("search")
def search_command(
    db: Path = typer.Argument(..., exists=True, dir_okay=False, help="The archive to search."),
    query: str = typer.Argument(..., help="Words in Simplified or Traditional Chinese or English."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="Most results to show."),
    as_json: bool = typer.Option(False, "--json", help="Print the results as a JSON list."),
) -> None:
    """Search an archive like its Datasette search page: best first, with the matches highlighted."""
    from dataclasses import asdict

    from archive.search import search, snippet_for_terminal
    from archive.store import NotAnArchive

    try:
        hits = search(db, query, limit=limit)
    except NotAnArchive as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps([asdict(hit) for hit in hits], ensure_ascii=False, indent=1))
        return
    colour = sys.stdout.isatty()
    for hit in hits:
        typer.echo(typer.style(f"{hit.title or '(untitled)'}", bold=True) + f"  {hit.site or ''}  #{hit.id}")
        typer.echo(f"    {snippet_for_terminal(hit.snippet, colour=colour)}")
    if not hits:
        typer.echo(f"no articles match {query!r}", err=True)


def main() -> None:
    app(prog_name="jingwen")


if __name__ == "__main__":
    main()
