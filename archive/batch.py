"""The batch job behind `jingwen clean` and `jingwen reclean`: many files in, one archive out.

How a run goes:

1. The main process walks the input (`archive.inputs.walk`, a generator) and, for each file,
   asks the archive whether it is unchanged since the last run (same path, size and mtime,
   already cleaned by this cleaner version). Unchanged files are not even read.
2. Other files are read and split into documents (a JSON export holds several) in the main
   process: reading is cheap next to cleaning.
3. Worker processes clean documents (`--jobs N`; `--jobs 1` cleans in-process, no pool). At most
   `IN_FLIGHT_PER_JOB × jobs` documents are in flight, so memory stays flat however large the
   folder: nothing holds the list of all files or all results.
4. The main process is the only writer: it stores each result in the archive in transactions
   of at most `COMMIT_DOCUMENTS` documents or `COMMIT_SECONDS` seconds. A run killed at any
   moment leaves the archive as of its last commit; the next run skips what was committed
   (unchanged) and does the rest, so nothing is missing and nothing is stored twice.

Site boilerplate (lines that recur on every page of one site) is learned during the run. Each
document has a site key: its URL's host, else the folder it sits in. The first
`LEARN_DOCUMENTS` documents of a site are cleaned without site knowledge and held (unstored);
once a site has that many, `cleaner.boilerplate.learn_site_boilerplate` learns from them, the
held documents are cleaned again with what was learned, and every later document of the site
is cleaned with it directly. Sites with fewer documents are learned from what they have at the
end of the walk (at least `min_documents`). Memory bound: at most `MAX_HELD_DOCUMENTS` held
documents in all; past that, the site holding documents the longest is settled early.

Ctrl-C stops cleanly: no new work is started, what is done is committed, the partial summary
is printed and the exit status is 130. A second Ctrl-C stops at once (the archive is still
consistent: the open transaction is rolled back).
"""

from __future__ import annotations

import contextlib
import copyreg
import hashlib
import json
import os
import signal
import time
import types
import urllib.parse
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from typing import Any

from archive.inputs import (
    DEFAULT_MAX_SIZE,
    Document,
    FieldNames,
    FileEntry,
    Problem,
    count_files,
    display_path,
    file_source,
    identities,
    read_documents,
    walk,
)
from archive.report import Reporter, Tally
from archive.store import Archive, Source
from cleaner.record import Cleaned

# Commit after this many stored documents or this many seconds, whichever comes first: big
# enough that SQLite is not slowed by commits, small enough that a kill loses little work.
COMMIT_DOCUMENTS = 200
COMMIT_SECONDS = 2.0

# The archive's own files: never inputs, even when --db sits inside the folder being cleaned.
ARCHIVE_FILES: tuple[str, ...] = ("", "-wal", "-shm", "-journal")

# Failures whose bytes are not kept as a raw document: `reclean` cleans every raw document,
# and the bytes of an invalid JSON record (the record itself, not a page) would become an article.
RAW_NOT_KEPT: frozenset[str] = frozenset({"invalid_record"})

# Documents in flight per worker: enough to keep every worker busy while the writer stores,
# few enough that memory does not depend on the size of the folder.
IN_FLIGHT_PER_JOB = 8

# A document in flight when workers died this many times is taken to be what kills them.
MAX_CRASHES = 2

# Site learning: how many documents of a site teach it, the fewest that may teach anything,
# and how many documents may wait, unstored, for their site to be learned.
LEARN_DOCUMENTS = 20
MIN_LEARN_DOCUMENTS = 3
MAX_HELD_DOCUMENTS = 400

# How the cleaner's reasons for an empty text (Cleaned.reason, words) map to reason codes.
CLEANER_REASONS: tuple[tuple[str, str], ...] = (
    ("cleaner failed", "error"),  # the pipeline caught an exception: a bug, so a failure
    ("binary", "binary"),
    ("empty input", "empty"),
    ("undecodable", "undecodable"),
)

# --script values and the script label the converted text gets.
SCRIPT_LABELS: dict[str, str] = {
    "simplified": "simplified",
    "traditional": "traditional",
    "tw": "traditional",
    "hk": "traditional",
}
SCRIPT_CHOICES: tuple[str, ...] = ("keep", *SCRIPT_LABELS)


# Cleaned keeps its metadata in read-only mappings, which pickle cannot copy between
# processes on its own: rebuild them from a plain dict on the other side.
def _read_only(mapping: dict[Any, Any]) -> types.MappingProxyType[Any, Any]:
    return types.MappingProxyType(mapping)


copyreg.pickle(types.MappingProxyType, lambda proxy: (_read_only, (dict(proxy),)))


@dataclass(frozen=True)
class BatchOptions:
    """Everything `jingwen clean` / `jingwen reclean` was asked to do."""

    db: str
    jobs: int = 1
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    script: str = "keep"
    out: str | None = None
    dry_run: bool = False
    max_size: int = DEFAULT_MAX_SIZE
    fields: FieldNames = field(default_factory=FieldNames)
    learn_sites: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The options recorded with the run."""
        return {
            "jobs": self.jobs,
            "include": list(self.include),
            "exclude": list(self.exclude),
            "script": self.script,
            "out": self.out,
            "dry_run": self.dry_run,
            "max_size": self.max_size,
            "fields": {name: list(value) for name, value in vars(self.fields).items()},
            "learn_sites": self.learn_sites,
        }


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# -- what workers do ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanTask:
    """One document for a worker: its bytes, what is known about it, and how to clean it."""

    raw: bytes
    url: str | None
    declared_encoding: str | None
    script: str = "keep"
    boilerplate: Any = None  # cleaner.boilerplate.SiteBoilerplate | None


def clean_task(task: CleanTask) -> Cleaned | str:
    """Clean one document (in a worker); a str is the error message when the cleaner raised."""
    from cleaner.pipeline import clean

    try:
        kwargs: dict[str, Any] = {"url": task.url, "declared_encoding": task.declared_encoding}
        if task.boilerplate is not None:
            kwargs["site_boilerplate"] = task.boilerplate
        cleaned = clean(task.raw, **kwargs)
        return convert_cleaned(cleaned, task.script)
    except Exception as error:  # the cleaner must never stop the batch (it should not raise)
        return f"{type(error).__name__}: {error}"


def convert_cleaned(cleaned: Cleaned, script: str) -> Cleaned:
    """The clean text (and title) converted to the --script target; the raw stays as it was."""
    if script == "keep" or not cleaned.text or cleaned.script == "none":
        return cleaned
    from cleaner.script import convert_script

    title = convert_script(cleaned.title, script) if cleaned.title else cleaned.title
    evidence = {**cleaned.evidence, "converted_from": cleaned.script, "converted_to": script}
    return replace(
        cleaned,
        text=convert_script(cleaned.text, script),
        title=title,
        script=SCRIPT_LABELS[script],
        evidence=evidence,
    )


# prctl(2) option: the signal a process gets when its parent dies (Linux).
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when the main process dies (kill -9 leaves no orphans)."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def reason_code(reason: str) -> str:
    """The reason code for the cleaner's explanation of an empty text ('no_content' by default)."""
    return next((code for prefix, code in CLEANER_REASONS if reason.startswith(prefix)), "no_content")


def _init_worker(parent: int) -> None:
    """Workers leave Ctrl-C to the main process, which stops them in order, and die with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
    with contextlib.suppress(ImportError):
        import cleaner.pipeline  # noqa: F401  (warm the imports once per worker)


# -- the cleaning pool -------------------------------------------------------------------------------


@dataclass
class Job:
    """A document on its way through the workers, and what to do with its result."""

    document: Document
    site: str
    relative: str | None
    learning: bool  # cleaned without site knowledge, to teach its site
    result: Cleaned | str | None = None
    crashes: int = 0  # worker crashes this job was in flight for


class Cleaners:
    """Workers cleaning jobs, results handed back in submission order (deterministic)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self.limit = self.jobs * IN_FLIGHT_PER_JOB
        self.pending: deque[tuple[Job, CleanTask, Future[Cleaned | str] | None]] = deque()
        self.pool: ProcessPoolExecutor | None = self._new_pool() if self.jobs > 1 else None

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.jobs, initializer=_init_worker, initargs=(os.getpid(),))

    def submit(self, job: Job, task: CleanTask) -> None:
        if self.pool is None:
            job.result = clean_task(task)
            self.pending.append((job, task, None))
            return
        try:
            self.pending.append((job, task, self.pool.submit(clean_task, task)))
        except BrokenProcessPool:
            self._recover()
            self.submit(job, task)

    @property
    def full(self) -> bool:
        return len(self.pending) >= self.limit

    def next_done(self, timeout: float | None = None) -> Job | None:
        """The oldest job once it is cleaned (None when nothing is pending or on timeout)."""
        if not self.pending:
            return None
        job, _task, future = self.pending[0]
        if future is not None:
            try:
                job.result = future.result(timeout=timeout)
            except TimeoutError:
                return None
            except BrokenProcessPool:
                self._recover()
                return self.next_done(timeout)
        self.pending.popleft()
        return job

    def _recover(self) -> None:
        """A worker died (out of memory, a crash in a C library): start new workers and clean the
        unfinished jobs again; a job caught in `MAX_CRASHES` crashes is the likely culprit and fails."""
        assert self.pool is not None
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new_pool()
        pending, self.pending = self.pending, deque()
        for job, task, future in pending:
            if future is None or (future.done() and not future.cancelled() and future.exception() is None):
                job.result = job.result if future is None else future.result()
                self.pending.append((job, task, None))
                continue
            job.crashes += 1
            if job.crashes >= MAX_CRASHES:
                job.result = "a worker process died while cleaning this document"
                self.pending.append((job, task, None))
            else:
                self.pending.append((job, task, self.pool.submit(clean_task, task)))

    def close(self, *, cancel: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=cancel)
            self.pool = None
        if cancel:
            self.pending.clear()


# -- site boilerplate ----------------------------------------------------------------------------------


def site_key(source: Source, relative: str | None) -> str:
    """Which site a document belongs to: its URL's host, else the folder it was found in."""
    if source.url:
        host = urllib.parse.urlsplit(source.url).hostname
        if host:
            return host.removeprefix("www.")
    folder = os.path.dirname(relative if relative is not None else (source.path or "").split("#")[0])
    return f"folder:{folder}"


def learner() -> Callable[[list[Cleaned]], Any] | None:
    """cleaner.boilerplate.learn_site_boilerplate fed with clean texts, when the cleaner has it."""
    try:
        from cleaner.boilerplate import learn_site_boilerplate
    except ImportError:
        return None

    def learn(documents: list[Cleaned]) -> Any:
        if len(documents) < MIN_LEARN_DOCUMENTS:
            return None
        learned = learn_site_boilerplate(documents, min_documents=MIN_LEARN_DOCUMENTS)
        return learned if _teaches(learned) else None

    return learn


def _teaches(learned: Any) -> bool:
    """Whether learned boilerplate would change anything (so held documents need cleaning again)."""
    return learned is not None and bool(getattr(learned, "lines", True))


class SiteLearning:
    """Holds the first documents of each site until the site's boilerplate is learned."""

    def __init__(self, learn: Callable[[list[Cleaned]], Any] | None) -> None:
        self.learn = learn
        self.learned: dict[str, Any] = {}
        self.held: OrderedDict[str, list[Job]] = OrderedDict()
        self.held_count = 0

    def is_learned(self, site: str) -> bool:
        return self.learn is None or site in self.learned

    def boilerplate(self, site: str) -> Any:
        return self.learned.get(site)

    def hold(self, job: Job) -> list[Job]:
        """Keep a learning job; returns the jobs released when its site (or another) is settled."""
        self.held.setdefault(job.site, []).append(job)
        self.held_count += 1
        released: list[Job] = []
        if len(self.held[job.site]) >= LEARN_DOCUMENTS:
            released += self.settle(job.site)
        while self.held_count > MAX_HELD_DOCUMENTS and self.held:
            released += self.settle(next(iter(self.held)))
        return released

    def settle(self, site: str) -> list[Job]:
        """Learn a site from its held documents; returns them, to be cleaned again or stored."""
        jobs = self.held.pop(site, [])
        self.held_count -= len(jobs)
        examples = [job.result for job in jobs if isinstance(job.result, Cleaned) and job.result.text]
        assert self.learn is not None
        self.learned[site] = self.learn(examples)
        return jobs

    def settle_all(self) -> list[Job]:
        released: list[Job] = []
        while self.held:
            released += self.settle(next(iter(self.held)))
        return released


# -- the writer ------------------------------------------------------------------------------------


class DryArchive:
    """Stands in for the archive under --dry-run: remembers texts, writes nothing."""

    def __init__(self) -> None:
        self.texts: set[bytes] = set()

    def begin_run(self, *, command: str, options: Mapping[str, Any]) -> int:
        return 0

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        pass

    def is_unchanged(self, source: Source, sha256: str | None = None) -> bool:
        return False

    def store(self, run_id: int, raw: bytes, cleaned: Cleaned, source: Source) -> str:
        digest = hashlib.sha256(cleaned.text.encode("utf-8", "surrogatepass")).digest()
        if digest in self.texts:
            return "duplicate"
        self.texts.add(digest)
        return "archived"

    def record_failure(
        self, run_id: int, source: Source, raw: bytes | None, reason: str, message: str
    ) -> None:
        pass

    def batch(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()

    def close(self) -> None:
        pass


class Committer:
    """Keeps one archive transaction open and commits it every N documents or T seconds."""

    def __init__(self, archive: Any) -> None:
        self.archive = archive
        self.stack = contextlib.ExitStack()
        self.since = 0
        self.opened = time.monotonic()

    def __enter__(self) -> Committer:
        self._open()
        return self

    def _open(self) -> None:
        self.stack.enter_context(self.archive.batch())
        self.since = 0
        self.opened = time.monotonic()

    def tick(self, stored: int = 1) -> None:
        self.since += stored
        if self.since >= COMMIT_DOCUMENTS or time.monotonic() - self.opened >= COMMIT_SECONDS:
            self.stack.close()
            self._open()

    def __exit__(self, *exc: Any) -> None:
        if exc[0] is None:
            self.stack.close()  # commit
        else:
            self.stack.__exit__(*exc)  # roll back the transaction the error interrupted


class StopRequested(Exception):
    """Ctrl-C: stop taking new work, commit what is done."""


class Interruptions:
    """First Ctrl-C asks the batch to stop cleanly; the second one stops it at once."""

    def __init__(self) -> None:
        self.requested = False
        self.previous: Any = None

    def __enter__(self) -> Interruptions:
        with contextlib.suppress(ValueError):  # not the main thread: no signal handling
            self.previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def check(self) -> None:
        if self.requested:
            raise StopRequested

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


@dataclass
class Batch:
    """One run: documents in, cleaned by workers, stored by this (the only) writer."""

    options: BatchOptions
    reporter: Reporter
    archive: Any
    run_id: int = 0
    tally: Tally = field(default_factory=Tally)
    command: str = "clean"

    def __post_init__(self) -> None:
        self.tally.dry_run = self.options.dry_run
        self.cleaners = Cleaners(self.options.jobs)
        self.sites = SiteLearning(learner() if self.options.learn_sites else None)
        self.stops = Interruptions()
        self.committer = Committer(self.archive)

    # -- the loop ------------------------------------------------------------------------------

    def run(
        self, items: Iterable[Document | Problem | str], relative: Callable[[Document], str | None]
    ) -> Tally:
        """Clean and store every item: a Document, a Problem, or 'unchanged' / 'excluded'."""
        self.run_id = self.archive.begin_run(command=self.command, options=self.options.to_dict())
        try:
            with self.stops, self.committer:
                try:
                    for item in items:
                        self.stops.check()
                        self._take(item, relative)
                    self._drain()
                    for job in self.sites.settle_all():
                        self._release(job)
                    self._drain()
                except StopRequested:  # first Ctrl-C: what is stored so far is committed
                    self.tally.interrupted = True
                    self.cleaners.close(cancel=True)
        except KeyboardInterrupt:  # second Ctrl-C: the open transaction was rolled back
            self.tally.interrupted = True
        finally:
            self.cleaners.close(cancel=True)
            self.tally.finished = time.monotonic()
        counts = {**self.tally.counts(), "interrupted": int(self.tally.interrupted)}
        self.archive.finish_run(self.run_id, counts)
        return self.tally

    def _take(self, item: Document | Problem | str, relative: Callable[[Document], str | None]) -> None:
        if isinstance(item, str):
            self._count_outcome(item)
        elif isinstance(item, Problem):
            self.tally.documents += item.reason != "excluded"
            self._record_problem(item.reason, item.message, item.source, item.raw)
        else:
            self.tally.documents += 1
            site = site_key(item.source, relative(item))
            job = Job(item, site, relative(item), learning=not self.sites.is_learned(site))
            self._submit(job)
        self.committer.tick(0)

    def _submit(self, job: Job) -> None:
        while self.cleaners.full:
            self._collect_one()
        boilerplate = None if job.learning else self.sites.boilerplate(job.site)
        source = job.document.source
        task = CleanTask(
            job.document.raw, source.url, source.declared_encoding, self.options.script, boilerplate
        )
        self.cleaners.submit(job, task)

    def _collect_one(self) -> None:
        job = self.cleaners.next_done(timeout=COMMIT_SECONDS)
        if job is None:
            self.committer.tick(0)
            return
        self.stops.check()
        if job.learning and isinstance(job.result, Cleaned) and job.result.text:
            if self.sites.is_learned(job.site):
                self._release(job)
            else:
                for released in self.sites.hold(job):
                    self._release(released)
        else:
            self._store(job)

    def _release(self, job: Job) -> None:
        """A held job whose site is now learned: clean it again with what was learned, or store it."""
        if self.sites.boilerplate(job.site) is None:
            self._store(job)
        else:
            self._submit(Job(job.document, job.site, job.relative, learning=False))

    def _drain(self) -> None:
        while self.cleaners.pending:
            self._collect_one()

    # -- storing -------------------------------------------------------------------------------

    def _store(self, job: Job) -> None:
        document, result = job.document, job.result
        if isinstance(result, str) or result is None:
            message = f"{document.label}: the cleaner failed: {result}"
            self._record_problem("error", message, document.source, document.raw)
            return
        outcome = self.archive.store(self.run_id, document.raw, result, document.source)
        if outcome == "unchanged":
            outcome = "same_text"  # the archive already had this text from these bytes
        if outcome == "failed" or not result.text:
            # Stored as a 'no_content' failure with its raw and an extraction, so a re-run
            # knows this file was already tried by this cleaner version.
            reason = result.reason or "no text left after cleaning"
            failure = self.tally.count_problem(reason_code(reason))
            self.reporter.problem(f"{document.label}: no article content found ({reason})", failure=failure)
            self.committer.tick()
            return
        self._count_outcome(outcome)
        if outcome != "same_text":
            self.tally.removals.update(removal.category for removal in result.removed)
        if self.options.out and job.relative is not None:
            problem = write_output(self.options.out, job.relative, document, result)
            if problem:
                self.reporter.problem(problem, failure=True)
                self.tally.failed["output"] += 1
        self.committer.tick()

    def _count_outcome(self, outcome: str) -> None:
        if outcome == "excluded":
            self.tally.skipped["excluded"] += 1
        elif outcome == "unchanged":
            self.tally.unchanged += 1
        elif outcome == "same_text":
            self.tally.same_text += 1
        elif outcome == "duplicate":
            self.tally.duplicate += 1
        else:
            self.tally.archived += 1

    def _record_problem(self, reason: str, message: str, source: Source, raw: bytes | None) -> None:
        failure = self.tally.count_problem(reason)
        self.reporter.problem(message, failure=failure)
        if reason != "excluded":
            kept = None if reason in RAW_NOT_KEPT else raw
            self.archive.record_failure(self.run_id, source, kept, reason, message)
            self.committer.tick()


# -- --out -------------------------------------------------------------------------------------------


def output_stem(relative: str, record: int | None) -> str | None:
    """A safe relative output path for an input (no '..', no absolute path), or None."""
    parts = [part for part in relative.replace("\\", "/").split("/") if part not in ("", ".")]
    if not parts or any(part == ".." or "\x00" in part for part in parts):
        return None
    stem = "/".join(parts)
    return f"{stem}.{record}" if record is not None else stem


def write_output(out: str, relative: str, document: Document, cleaned: Cleaned) -> str | None:
    """Write NAME.txt (the clean text) and NAME.json (the record) under `out`; a message on failure."""
    stem = output_stem(relative, document.record)
    if stem is None:
        return f"{document.label}: no safe output name under {display_path(out)}"
    base = os.path.realpath(out)
    target = os.path.join(base, stem)
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.commonpath([base, os.path.realpath(os.path.dirname(target))]) != base:
            return f"{document.label}: output would leave {display_path(out)}"
        record = {**cleaned.to_dict(), "source": _source_dict(document.source)}
        _write_new(target + ".txt", cleaned.text + "\n")
        _write_new(target + ".json", json.dumps(record, ensure_ascii=False, indent=1, default=str) + "\n")
    except OSError as error:
        return f"{document.label}: cannot write output: {error.strerror or error}"
    return None


def _source_dict(source: Source) -> dict[str, Any]:
    values = dict(vars(source)) if hasattr(source, "__dict__") else {}
    if values.get("path"):
        values["path"] = display_path(values["path"])
    return values


def _write_new(path: str, text: str) -> None:
    """Write a file without following a symlink planted at its name (which could lead outside)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags, 0o644)
    with os.fdopen(descriptor, "w", encoding="utf-8", errors="surrogateescape") as handle:
        handle.write(text)


# -- the two commands --------------------------------------------------------------------------------


def file_items(
    paths: Iterable[str],
    options: BatchOptions,
    archive: Any,
    tally: Tally,
    reporter: Reporter,
    ignore: frozenset[tuple[int, int]] = frozenset(),
) -> Iterator[Document | Problem | str]:
    """Walk the input; 'excluded' / 'unchanged' for files not read, else what each file holds."""
    for entry in walk(paths, options.include, options.exclude, ignore):
        tally.files_seen += 1
        reporter.advance()
        if entry.excluded:
            yield "excluded"
        elif entry.problem is None and archive.is_unchanged(file_source(entry, options.fields)):
            tally.documents += 1
            yield "unchanged"
        else:
            yield from _documents_of(entry, options, archive, tally)


def _documents_of(
    entry: FileEntry, options: BatchOptions, archive: Any, tally: Tally
) -> Iterator[Document | Problem | str]:
    for item in read_documents(entry, options.fields, options.max_size):
        if isinstance(item, Document) and item.record is not None:
            digest = hashlib.sha256(item.raw).hexdigest()
            if archive.is_unchanged(item.source, digest):
                tally.documents += 1
                yield "unchanged"
                continue
        yield item


def open_archive(options: BatchOptions) -> Any:
    return DryArchive() if options.dry_run else Archive(options.db)


def clean_paths(paths: list[str], options: BatchOptions, reporter: Reporter) -> Tally:
    """`jingwen clean`: clean every file under `paths` into the archive `options.db`."""
    archive = open_archive(options)
    relatives = RelativePaths(paths)
    try:
        if options.out:
            os.makedirs(options.out, exist_ok=True)
        ignore = identities([f"{options.db}{suffix}" for suffix in ARCHIVE_FILES] + [options.out or ""])
        batch = Batch(options, reporter, archive)
        if not reporter.quiet:
            reporter.start(count_files(paths, options.include, options.exclude, ignore))
        items = file_items(paths, options, archive, batch.tally, reporter, ignore)
        return batch.run(items, relatives.of)
    finally:
        reporter.stop()
        archive.close()


class RelativePaths:
    """Where a document goes under --out: its path relative to the PATH it was found under."""

    def __init__(self, paths: list[str]) -> None:
        self.roots = [os.path.abspath(os.fsdecode(path)) for path in paths]
        self.prefix = len(self.roots) > 1  # several PATHs: mirror each under its own name

    def of(self, document: Document) -> str | None:
        path = os.path.abspath(
            (document.source.path or "").rsplit("#", 1)[0]
            if document.record is not None
            else document.source.path or ""
        )
        for root in self.roots:
            if path == root or path.startswith(root.rstrip("/") + "/"):
                inside = os.path.relpath(
                    path, os.path.dirname(root) if os.path.isfile(root) or self.prefix else root
                )
                return inside.replace(os.sep, "/")
        return None


def reclean_archive(options: BatchOptions, reporter: Reporter) -> Tally:
    """`jingwen reclean`: clean every stored raw document again with the current rules, as a new run."""
    archive = Archive(options.db)
    try:
        batch = Batch(options, reporter, archive, command="reclean")
        if not reporter.quiet:
            reporter.start(None, what="documents")
        items = raw_items(archive, batch.tally, reporter)
        return batch.run(items, lambda document: None)
    finally:
        reporter.stop()
        archive.close()


def raw_items(archive: Any, tally: Tally, reporter: Reporter) -> Iterator[Document | str]:
    """Every raw document of the archive, as documents to clean (skipping those already current)."""
    for raw, source in archive.raw_documents():
        tally.files_seen += 1
        reporter.advance()
        if archive.is_unchanged(source, hashlib.sha256(raw).hexdigest()):
            tally.documents += 1
            yield "unchanged"
        else:
            yield Document(raw, source, display_path(source.path or source.url or "(raw document)"))
