"""What a batch tells its user: the tally, progress while it runs, messages, the final summary.

Progress and per-file messages go to stderr (a rich progress bar on a terminal, plain periodic
lines otherwise); the summary goes to stdout (a table, or one JSON object with --json).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

# Reasons that are deliberate skips: nothing is wrong, the file is just not an article.
# Everything else (unreadable, broken_symlink, symlink_loop, undecodable, invalid_record,
# error, ...) is a failure and makes the exit status 1.
SKIP_REASONS: frozenset[str] = frozenset(
    {"excluded", "empty", "binary", "too_large", "no_content", "not_a_file"}
)

# Exit statuses: every file accounted for / some failed / interrupted (128 + SIGINT).
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INTERRUPTED = 130

# Plain progress lines (not a terminal) every this many seconds: often enough to show life,
# rarely enough not to flood a CI log.
PLAIN_PROGRESS_SECONDS = 5.0


@dataclass
class Tally:
    """What happened to every file and document of a run."""

    files_seen: int = 0
    documents: int = 0  # pages found (a JSON export holds several)
    archived: int = 0
    unchanged: int = 0  # not even read: archived by this cleaner version in an earlier run
    same_text: int = 0  # cleaned again (new rules, or same bytes elsewhere): text already archived
    duplicate: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    removals: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    interrupted: bool = False
    dry_run: bool = False

    def count_problem(self, reason: str) -> bool:
        """Count a skipped or failed input; True when it is a failure."""
        if reason in SKIP_REASONS:
            self.skipped[reason] += 1
            return False
        self.failed[reason] += 1
        return True

    @property
    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    @property
    def rate(self) -> float:
        return self.files_seen / self.seconds if self.seconds > 0 else 0.0

    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_FAILED if self.failed else EXIT_OK

    def outcomes(self) -> dict[str, int]:
        """How many documents ended each way (skips and failures are broken down elsewhere)."""
        return {
            "files_seen": self.files_seen,
            "documents": self.documents,
            "archived": self.archived,
            "unchanged": self.unchanged,
            "same_text": self.same_text,
            "duplicate": self.duplicate,
        }

    def counts(self) -> dict[str, int]:
        """Flat counts, as recorded with the run in the archive."""
        flat = self.outcomes()
        flat["skipped"] = sum(self.skipped.values())
        flat["failed"] = sum(self.failed.values())
        flat.update({f"skipped_{reason}": n for reason, n in sorted(self.skipped.items())})
        flat.update({f"failed_{reason}": n for reason, n in sorted(self.failed.items())})
        return flat

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.outcomes(),
            "skipped": dict(sorted(self.skipped.items())),
            "failed": dict(sorted(self.failed.items())),
            "removals": dict(sorted(self.removals.items())),
            "seconds": round(self.seconds, 3),
            "files_per_second": round(self.rate, 1),
            "interrupted": self.interrupted,
            "dry_run": self.dry_run,
            "exit_code": self.exit_code(),
        }


class Reporter:
    """Progress and messages on stderr, the summary on stdout."""

    def __init__(self, *, quiet: bool = False, as_json: bool = False, err: TextIO | None = None) -> None:
        self.quiet = quiet
        self.as_json = as_json
        self.err = err or sys.stderr
        self._bar: Any = None
        self._task: Any = None
        self._total: int | None = None
        self._done = 0
        self._started = time.monotonic()
        self._last_line = self._started

    # -- progress ------------------------------------------------------------------------------

    def start(self, total: int | None, what: str = "files") -> None:
        self._total = total
        self._what = what
        self._started = self._last_line = time.monotonic()
        if self.quiet or not self.err.isatty():
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(
            TextColumn("[bold]cleaning"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(file=self.err),
            transient=False,
        )
        self._bar.start()
        self._task = self._bar.add_task("clean", total=total, rate="")

    def advance(self, files: int = 1) -> None:
        self._done += files
        now = time.monotonic()
        rate = self._done / (now - self._started) if now > self._started else 0.0
        if self._bar is not None:
            self._bar.update(self._task, advance=files, rate=f"{rate:,.0f} {self._what}/s")
        elif not self.quiet and now - self._last_line >= PLAIN_PROGRESS_SECONDS:
            self._last_line = now
            self._line(self._plain_progress(rate))

    def _plain_progress(self, rate: float) -> str:
        if self._total:
            share = 100 * self._done / self._total
            left = (self._total - self._done) / rate if rate > 0 else 0.0
            return (
                f"jingwen: {self._done:,}/{self._total:,} {self._what} ({share:.0f}%),"
                f" {rate:,.0f} {self._what}/s, ETA {format_seconds(left)}"
            )
        return f"jingwen: {self._done:,} {self._what}, {rate:,.0f} {self._what}/s"

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    # -- messages ------------------------------------------------------------------------------

    def problem(self, message: str, *, failure: bool) -> None:
        """One line naming the file and why it was skipped (hidden by --quiet) or failed."""
        if self.quiet and not failure:
            return
        self._line(f"{'failed' if failure else 'skipped'}: {message}")

    def note(self, message: str) -> None:
        if not self.quiet:
            self._line(message)

    def _line(self, text: str) -> None:
        if self._bar is not None:
            self._bar.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            print(text, file=self.err, flush=True)

    # -- summary -------------------------------------------------------------------------------

    def summary(self, tally: Tally, *, db: str | None = None, out: TextIO | None = None) -> None:
        self.stop()
        out = out or sys.stdout
        if self.as_json:
            print(json.dumps(tally.to_dict(), ensure_ascii=False), file=out, flush=True)
            return
        if self.quiet:
            print(summary_line(tally), file=out, flush=True)
            return
        render_summary(tally, out)
        if db and not tally.dry_run and tally.exit_code() != EXIT_INTERRUPTED:
            print(f"\nOpen the archive:  jingwen serve {db}", file=out, flush=True)


def summary_line(tally: Tally) -> str:
    skipped, failed = sum(tally.skipped.values()), sum(tally.failed.values())
    state = " (interrupted)" if tally.interrupted else ""
    return (
        f"{tally.files_seen:,} files: {tally.archived:,} archived, {tally.unchanged:,} unchanged,"
        f" {tally.same_text:,} cleaned again with the same text,"
        f" {tally.duplicate:,} duplicates, {skipped:,} skipped, {failed:,} failed"
        f" in {format_seconds(tally.seconds)} ({tally.rate:,.0f} files/s){state}"
    )


def render_summary(tally: Tally, out: TextIO) -> None:
    """The end-of-run table: outcomes, skips and failures by reason, removals by category."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="jingwen clean" + (" (dry run)" if tally.dry_run else ""), show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows: list[tuple[str, str]] = [
        ("files seen", f"{tally.files_seen:,}"),
        ("documents", f"{tally.documents:,}"),
        ("archived" if not tally.dry_run else "cleaned", f"{tally.archived:,}"),
        ("unchanged (already archived)", f"{tally.unchanged:,}"),
        ("cleaned again, same text", f"{tally.same_text:,}"),
        ("duplicates (same text)", f"{tally.duplicate:,}"),
    ]
    rows += [(f"skipped: {reason}", f"{n:,}") for reason, n in sorted(tally.skipped.items())]
    rows += [(f"FAILED: {reason}", f"{n:,}") for reason, n in sorted(tally.failed.items())]
    rows += [(f"removed: {category}", f"{n:,}") for category, n in sorted(tally.removals.items())]
    rows += [("time", format_seconds(tally.seconds)), ("rate", f"{tally.rate:,.1f} files/s")]
    if tally.interrupted:
        rows.append(("interrupted", "yes: run again to finish"))
    for what, count in rows:
        table.add_row(what, count)
    Console(file=out, width=80).print(table)


def format_seconds(seconds: float) -> str:
    """'0.42 s', '12.3 s', '3:05', '1:02:03'."""
    if seconds < 60:
        return f"{seconds:.2f} s" if seconds < 1 else f"{seconds:.1f} s"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
