"""Batch ingest: worker processes parse, this process alone writes.

Why this shape:
* Parsing is CPU-bound and may meet pathological files, so each file is parsed in its own
  worker process with a wall-clock timeout and a memory limit (``ingest.worker``); a worker
  that hangs or dies fails that file only.
* Writing happens here, one transaction per file (the report *and* its outcome row), so a
  Ctrl-C or ``kill -9`` at any moment leaves each report either complete or absent, and a
  re-run finishes the job: files already stored (same SHA-256) are skipped, and files
  that failed before and are unchanged are reported failed again without being parsed.
* Results are committed in the order the files were found, whatever order workers finish
  in, so report ids — and therefore exports — do not depend on the number of workers.

The public steps — ``IngestRun.plan`` (hash, skip, record the skipped), ``parse_in_worker``
(one file in its own limited process), ``IngestRun.store`` (one file's transaction →
its outcome), ``IngestRun.record`` (outcome rows) — are what both executors use: the
local pool here, and the Dask tasks of ``ingest.cluster``.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import NamedTuple, Protocol

from db.engine import Engine, Session, session_factory
from db.errors import TRANSIENT, DatabaseError, storage_fault
from db.ledger import (
    StoredSource,
    last_decisions,
    paths_holding_other_content,
    record_outcomes,
    stored_sources,
)
from db.load import load_record
from db.store import FileInfo, MissingIdentity, forget_stale_path, is_known, replace_findings, store_report
from extractors.checks import run_checks
from extractors.version import EXTRACTOR_VERSION
from ingest.discover import LeftOut, find, named_directly, not_read_reason
from ingest.manifest import Manifest
from ingest.outcome import (
    FAILED,
    INGESTED,
    RETRIED,
    SKIPPED,
    Category,
    Outcome,
    Status,
    Summary,
    name_reading,
    path_text,
    retried_under,
    storable_text,
    time_limit_reason,
    unchanged_failure,
)
from ingest.worker import Parsed, Unparsed, fingerprint, run_in_worker

DEFAULT_TIMEOUT_S = 300.0
STORE_FAILURE = "could not store"  # a database problem (category STORAGE: retried next run)
STORE_ATTEMPTS = 3
DEFAULT_MEMORY_MB = 4096


@dataclass(frozen=True)
class IngestOptions:
    workers: int = field(default_factory=lambda: max(1, os.cpu_count() or 1))
    force: bool = False
    timeout_s: float = DEFAULT_TIMEOUT_S
    memory_limit_mb: int | None = DEFAULT_MEMORY_MB
    # Follow symbolic links that lead out of a folder given (else such a link is not read,
    # and its outcome says so).
    follow_symlinks: bool = False
    # The user's identity values per file (--manifest): a listed file is always read again,
    # so that a manifest given after a first run completes the stored report.
    manifest: Manifest | None = None


class _StorageGone(Exception):
    """The database takes no more writes (read-only, full, locked past every wait): the
    batch stops, each file left gets an outcome saying so, and nothing is half-stored."""

    def __init__(self, reason: str, outcome: Outcome | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.outcome = outcome  # the failed file's own outcome, shown before the rest


class ProgressSink(Protocol):
    """What the pipeline reports while it runs (the CLI draws a bar; tests collect)."""

    def start(self, total: int) -> None: ...

    def advance(self, outcome: Outcome) -> None: ...


class Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, outcome: Outcome) -> None:
        pass


@dataclass
class Job:
    index: int
    path: Path
    sha256: str
    size: int
    given: dict | None = None  # identity values from the manifest


@dataclass
class _Running:
    job: Job
    process: multiprocessing.process.BaseProcess
    connection: Connection
    started: float


def worker_context():  # a multiprocessing context
    """Fresh per-file workers forked from a server that has the readers imported."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["ingest.preload"])
    return context


def start_worker(context, job: Job, options: IngestOptions, path: Path | None = None) -> _Running:
    """A worker process parsing ``job``'s file (or its copy at ``path``) under ``options``'
    memory limit; the caller enforces the time limit (``collect_results``)."""
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=run_in_worker,
        args=(str(path or job.path), job.sha256, sender, options.memory_limit_mb, job.given),
        daemon=True, name=f"juesuan-worker-{job.index}",
    )
    process.start()
    sender.close()  # the parent keeps only the reading end: EOF means the worker died
    return _Running(job, process, receiver, time.monotonic())


def collect_results(running: dict[Connection, _Running], options: IngestOptions):  # generator
    """(worker, result) of the results that arrived, the workers that died and the
    workers past the time limit, each removed from ``running`` and stopped."""
    if not running:
        return
    ready = wait(list(running), timeout=0.5)
    for connection in ready:
        worker = running.pop(connection)
        try:
            result = connection.recv()
        except (EOFError, OSError):
            worker.process.join(5)
            result = Unparsed(death_reason(worker.process.exitcode, options),
                              category=Category.RESOURCE_LIMIT)
        except Exception as err:  # a result that cannot be unpickled
            result = Unparsed(f"worker result unreadable: {type(err).__name__}",
                              category=Category.EXTRACTION_ERROR)
        _stop(worker)
        yield worker, result
    now = time.monotonic()
    for connection, worker in list(running.items()):
        if now - worker.started > options.timeout_s:
            running.pop(connection)
            _stop(worker)
            yield worker, Unparsed(timed_out(options), category=Category.TIME_LIMIT)


def parse_in_worker(job: Job, options: IngestOptions, path: Path | None = None,
                    context=None) -> tuple[Parsed | Unparsed, float]:
    """One file parsed in its own worker process under ``options``' time and memory
    limits, exactly as the local pool does it: (result, seconds)."""
    worker = start_worker(context or worker_context(), job, options, path)
    running = {worker.connection: worker}
    try:
        while True:
            for done, result in collect_results(running, options):
                return result, time.monotonic() - done.started
    finally:
        if running:
            _stop(worker)


def parse_in_program(job: Job, options: IngestOptions, path: Path | None = None,
                     ) -> tuple[Parsed | Unparsed, float]:
    """``parse_in_worker`` for a process that multiprocessing lets have no children (a
    daemonic Dask worker): the worker is a fresh interpreter (``ingest.child``) with the
    same preload, limits and reasons; its start-up counts towards the time limit."""
    request = pickle.dumps((str(path or job.path), job.sha256, options.memory_limit_mb, job.given))
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "ingest.child"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        output, _ = process.communicate(request, timeout=options.timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return Unparsed(timed_out(options), category=Category.TIME_LIMIT), time.monotonic() - started
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    seconds = time.monotonic() - started
    if not output:
        return Unparsed(death_reason(process.returncode, options), category=Category.RESOURCE_LIMIT), seconds
    try:
        return pickle.loads(output), seconds
    except Exception as err:  # a result that cannot be unpickled
        return Unparsed(f"worker result unreadable: {type(err).__name__}",
                        category=Category.EXTRACTION_ERROR), seconds


def timed_out(options: IngestOptions) -> str:
    return time_limit_reason(options.timeout_s)


def ingest(
    paths: list[Path],
    engine: Engine,
    options: IngestOptions | None = None,
    progress: ProgressSink | None = None,
) -> Summary:
    """Ingest every file under ``paths`` into ``engine``'s database (schema already current)."""
    options = options or IngestOptions()
    run = IngestRun(engine, options, progress)
    found = find(paths, options.follow_symlinks)
    return run.execute(found.files, named_directly(paths), found.left_out)


# How a run parses and stores its planned jobs: yields each file's outcome once it is
# stored (or failed), in any order. The local pool (``local_pool``) or Dask tasks.
Executor = Callable[["IngestRun", list[Job]], Iterable[Outcome]]


class IngestRun:
    """One ingest run: plan (hash, skip), parse and store each file, record outcomes."""

    def __init__(self, engine: Engine, options: IngestOptions, progress: ProgressSink | None = None,
                 run_id: str | None = None) -> None:
        self.sessions = session_factory(engine)
        self.options = options
        self.progress = progress or Silent()
        self.run_id = run_id or uuid.uuid4().hex
        self.outcomes: list[Outcome] = []
        self.stopped: str | None = None

    # -- the run ---------------------------------------------------------------------

    def execute(self, files: list[Path], named: set[Path] | frozenset = frozenset(),
                left_out: dict[Path, LeftOut] | None = None, executor: Executor | None = None) -> Summary:
        """Plan ``files`` (``left_out``: files found but not to be read, with why), hand the
        jobs to ``executor`` (default: the local pool), show and keep every outcome."""
        self.progress.start(len(files))
        interrupted = False
        previous = signal.getsignal(signal.SIGTERM)
        if _main_thread():
            signal.signal(signal.SIGTERM, _raise_interrupt)
        try:
            jobs = self.plan(files, named, left_out or {})
            for outcome in (executor or local_pool)(self, jobs):
                self.finish(outcome)
        except KeyboardInterrupt:
            interrupted = True
        except _StorageGone as gone:
            self._stop_batch(files, gone)
        finally:
            if _main_thread():
                signal.signal(signal.SIGTERM, previous)
        return Summary(self.outcomes, interrupted=interrupted, stopped=self.stopped)

    def _stop_batch(self, files: list[Path], gone: _StorageGone) -> None:
        """Every file without an outcome yet is failed, unrecorded (the database refuses), as not stored."""
        self.stopped = gone.reason
        if gone.outcome is not None:
            self.finish(gone.outcome)
        done = {outcome.path for outcome in self.outcomes}
        reason = f"not stored: the batch stopped, the database takes no more writes: {gone.reason}"
        for path in files:
            if path_text(path) not in done:
                self.finish(Outcome(path_text(path), FAILED, storable_text(reason)[:300], category=Category.STORAGE))

    def plan(self, files: list[Path], named: set[Path] | frozenset = frozenset(),
             left_out: dict[Path, LeftOut] | None = None) -> list[Job]:
        """Hash every file once; leave out the ones already stored or known to fail, unless forced.

        Both kinds are looked up for the whole batch in a few queries (not two per file):
        a re-run over 100,000 stored files is mostly this step."""
        hashed, early = _hash_files(files, named, left_out or {})
        known: dict[str, _Prior] = {}
        if not self.options.force:
            with self.sessions() as session:
                known = _known_outcomes(session, [file.sha256 for file in hashed], self.options)
        jobs: list[Job] = []
        manifest = self.options.manifest
        for file in hashed:
            given = manifest.given(file.path) if manifest else None
            prior = None if given else known.get(file.sha256)
            if prior is None:
                jobs.append(Job(len(jobs), file.path, file.sha256, file.size, given))
            else:
                outcome = Outcome(path_text(file.path), prior.status, prior.reason, file.sha256, prior.page,
                                  category=prior.category)
                early.append((file.order, outcome))
        skipped = [outcome for _, outcome in sorted(early, key=lambda pair: pair[0])]
        self._forget_stale([o for o in skipped if o.status == SKIPPED and o.sha256])
        self.record(skipped)
        return jobs

    def _forget_stale(self, skipped: list[Outcome]) -> None:
        """A skipped file whose path held other content before (it was overwritten with a
        copy of a stored file) no longer holds what that content stored: drop it, one
        transaction per path, and re-check the reports it leaves."""
        content_of = {o.path: o.sha256 for o in skipped}
        with self.sessions() as session:
            stale = paths_holding_other_content(session, content_of)
        for path in stale:
            with self.sessions.begin() as session:
                for report_id in forget_stale_path(session, path, content_of[path]):
                    _recheck(session, report_id)

    # -- storing ---------------------------------------------------------------------

    def is_stored(self, sha256: str) -> bool:
        """Is this content stored (or superseded) already?"""
        with self.sessions() as session:
            return is_known(session, sha256) is not None

    def store(self, job: Job, result: Parsed | Unparsed, seconds: float) -> Outcome:
        """One file's result → its outcome, in one transaction: the report and its outcome
        row, or neither (a failure: its outcome row). Raises ``_StorageGone`` when the
        database takes no more writes."""
        path = path_text(job.path)
        if isinstance(result, Unparsed):
            outcome = Outcome(path, FAILED, storable_text(result.reason), job.sha256, result.page,
                              seconds=seconds, category=result.category)
            self._record_failure(outcome)
            return outcome
        info = FileInfo(path, job.sha256, result.format, result.pages, job.size)
        began = time.monotonic()
        final = None  # why no later file can be stored either
        for attempt in range(1, STORE_ATTEMPTS + 1):
            try:
                return self._store_once(job, result, info, seconds)
            except MissingIdentity as err:
                outcome = Outcome(path, FAILED, str(err), job.sha256, seconds=seconds, category=Category.NO_REPORT)
                break
            except TRANSIENT as err:
                # A locked database, or another writer (a shared PostgreSQL) storing the
                # same report at the same moment: the transaction rolled back; try again.
                reason, fatal = storage_fault(err, time.monotonic() - began)
                if fatal or attempt == STORE_ATTEMPTS:
                    outcome = _store_failed(path, f"{STORE_FAILURE}: {reason}", job.sha256, seconds)
                    final = reason if fatal else None
                    break
                time.sleep(0.2 * attempt)
            except DatabaseError as err:
                reason, fatal = storage_fault(err)
                outcome = _store_failed(path, f"{STORE_FAILURE}: {reason}", job.sha256, seconds)
                final = reason if fatal else None
                break
            except Exception as err:  # a record the database refuses fails its file only
                reason = f"{STORE_FAILURE}: {type(err).__name__}: {err}".splitlines()[0][:300]
                outcome = _store_failed(path, storable_text(reason), job.sha256, seconds)
                break
        self._record_failure(outcome, final)
        return outcome

    def _record_failure(self, outcome: Outcome, final: str | None = None) -> None:
        """Record a failed file's outcome; stop the batch when that write fails too, or when
        the failure itself is final for every later file (``final``)."""
        try:
            self.record([outcome], progress=False)
        except _StorageGone as gone:
            raise _StorageGone(final or gone.reason, outcome) from None
        if final is not None:
            raise _StorageGone(final, outcome)

    def _store_once(self, job: Job, result: Parsed, info: FileInfo, seconds: float) -> Outcome:
        with self.sessions.begin() as session:
            stored = store_report(session, result.record, info, extractor_version=EXTRACTOR_VERSION)
            if stored.joined:
                _recheck(session, stored.report_id)
            for report_id in stored.left:  # the file left it: its report-wide findings changed
                _recheck(session, report_id)
            reason = "; ".join(r for r in (result.note, _name_note(job.path), _ingested_reason(stored)) if r) or None
            outcome = Outcome(info.path, INGESTED, storable_text(reason), job.sha256,
                              report_id=stored.report_id, seconds=seconds)
            record_outcomes(session, [self._outcome_row(outcome)])
        return outcome

    def _outcome_row(self, outcome: Outcome) -> dict:
        return dict(
            run_id=self.run_id, path=outcome.path, sha256=outcome.sha256, status=outcome.status.value,
            category=outcome.category.value if outcome.category else None,
            reason=storable_text(outcome.reason), page=outcome.page, report_id=outcome.report_id,
            extractor_version=EXTRACTOR_VERSION, seconds=outcome.seconds,
            at=dt.datetime.now(dt.UTC),
        )

    def record(self, outcomes: list[Outcome], progress: bool = True) -> None:
        """Write the outcome rows of files that store nothing (skipped, failed), in one
        transaction; ``progress``: also show and keep them as this run's outcomes."""
        if not outcomes:
            return
        try:
            with self.sessions.begin() as session:
                record_outcomes(session, [self._outcome_row(o) for o in outcomes])
        except DatabaseError as err:
            if progress:  # shown although unrecorded
                for outcome in outcomes:
                    self.finish(outcome)
            raise _StorageGone(storage_fault(err)[0]) from None
        if progress:
            for outcome in outcomes:
                self.finish(outcome)

    def finish(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        self.progress.advance(outcome)


def local_pool(run: IngestRun, jobs: list[Job]) -> Iterator[Outcome]:
    """Parse in up to ``workers`` processes at once, store here in the order of ``jobs``."""
    if not jobs:
        return
    context = worker_context()
    options = run.options
    waiting = deque(jobs)
    running: dict[Connection, _Running] = {}
    done: dict[int, tuple[Job, Parsed | Unparsed, float]] = {}
    next_index = 0
    window = 4 * options.workers  # how far parsing may run ahead of storing
    try:
        while waiting or running or done:
            while waiting and len(running) < options.workers and \
                    waiting[0].index < next_index + window:
                job = waiting.popleft()
                worker = start_worker(context, job, options)
                running[worker.connection] = worker
            for worker, result in collect_results(running, options):
                done[worker.job.index] = (worker.job, result, time.monotonic() - worker.started)
            while next_index in done:
                job, result, seconds = done.pop(next_index)
                yield run.store(job, result, seconds)  # _StorageGone ends the batch
                next_index += 1
    finally:
        for worker in running.values():
            _stop(worker)


def _recheck(session: Session, report_id: int) -> None:
    """A report assembled from several files is checked as a whole (totals in one file,
    parts in another), replacing the per-file findings."""
    merged = load_record(session, report_id)
    replace_findings(session, report_id, run_checks(merged))


class _Hashed(NamedTuple):
    order: int  # position among the files found
    path: Path
    sha256: str
    size: int


class _Prior(NamedTuple):
    """What an earlier run decided about a file with the same content."""

    status: Status
    reason: str
    page: int | None = None
    category: Category | None = None


def _hash_files(files: list[Path], named: set[Path] | frozenset = frozenset(),
                left_out: dict[Path, LeftOut] | None = None) -> tuple[list[_Hashed], list[tuple[int, Outcome]]]:
    """Each distinct content once, and (position, outcome) of the files that need no
    lookup: left out by discovery (a link out of its folder, a FIFO: never opened; failed
    when named on the command line, skipped when met in a folder), unreadable, the same
    bytes as a file earlier in this run, or, found in a folder, no report file
    (``discover.not_read_reason``)."""
    hashed: list[_Hashed] = []
    outcomes: list[tuple[int, Outcome]] = []
    first_of: dict[str, Path] = {}
    left_out = left_out or {}
    for order, path in enumerate(files):
        if path in left_out:
            why = left_out[path]
            reason = storable_text(why.reason)
            outcomes.append((order, Outcome(path_text(path), FAILED, reason, category=Category.CANNOT_OPEN)
                             if why.named else Outcome(path_text(path), SKIPPED, reason)))
            continue
        try:
            sha, size = fingerprint(path)
        except OSError as err:
            reason = f"cannot read file: {err.strerror or err}"
            outcomes.append((order, Outcome(path_text(path), FAILED, reason, category=Category.CANNOT_OPEN)))
            continue
        if sha in first_of:
            reason = f"same content as {path_text(first_of[sha])}"
            outcomes.append((order, Outcome(path_text(path), SKIPPED, reason, sha)))
            continue
        first_of[sha] = path
        skip = None if path.resolve() in named else not_read_reason(path)
        if skip is not None:
            outcomes.append((order, Outcome(path_text(path), SKIPPED, storable_text(skip), sha)))
            continue
        hashed.append(_Hashed(order, path, sha, size))
    return hashed, outcomes


def _known_outcomes(session: Session, shas: list[str], options: IngestOptions | None = None) -> dict[str, _Prior]:
    """What an unchanged file's earlier run decided, by SHA-256 (absent: parse it).

    Stored or superseded → ``skipped``. Failed with this extractor version (not for a
    database problem) → ``failed`` again with its old reason and page, without parsing:
    re-reading would fail the same way, but the run must not pass for complete; a failure
    at a time or memory limit that ``options`` raise is read again (``outcome.retried_under``)."""
    options = options or IngestOptions()
    known = {sha: _Prior(SKIPPED, _stored_reason(source)) for sha, source in stored_sources(session, shas).items()}
    for last in last_decisions(session, [sha for sha in shas if sha not in known], SKIPPED):
        if _still_failing(last, options):
            known[last.sha256] = _Prior(FAILED, unchanged_failure(last.reason), last.page, _category(last.category))
    return known


def _stored_reason(source: StoredSource) -> str:
    if source.status == "superseded":
        return f"unchanged (superseded by {source.superseded_by})"
    return f"unchanged (report {source.report_id})"


def _still_failing(last, options: IngestOptions) -> bool:  # a stored outcome row
    """A failure this juesuan would repeat: same extractor version, not a storage problem
    (a locked or unreachable database says nothing about the file) nor a file that changed
    while it was read (the hashed content was never read), nor one at a limit this run raises."""
    category = _category(last.category)
    return last.status == FAILED and last.extractor_version == EXTRACTOR_VERSION \
        and category not in RETRIED \
        and not retried_under(category, last.reason, timeout_s=options.timeout_s,
                              memory_limit_mb=options.memory_limit_mb)


def _category(stored: str | None) -> Category | None:
    """A stored category (``None`` for an outcome that is no failure; one this version does
    not know, written by a newer juesuan, reads as the file's own fault)."""
    if not stored:
        return None
    return Category(stored) if stored in Category._value2member_map_ else Category.UNREADABLE


def _store_failed(path: str, reason: str, sha256: str, seconds: float) -> Outcome:
    return Outcome(path, FAILED, storable_text(reason[:300]), sha256, seconds=seconds, category=Category.STORAGE)


def _name_note(path: Path) -> str | None:
    """How a file name that is no UTF-8 reads (its path is stored as its bytes)."""
    reading = name_reading(path.name)
    return None if reading == path_text(path.name) else f"file name is not UTF-8; read as GB18030: {reading}"


def _ingested_reason(stored) -> str | None:  # db.store.StoreResult
    if stored.action == "joined":
        return f"joined report {stored.report_id} (published in several files)"
    if stored.action == "replaced":
        return f"replaced report {stored.report_id}'s earlier edition: {', '.join(stored.superseded)}"
    return None


def death_reason(exitcode: int | None, options: IngestOptions) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else -exitcode
        hint = f" (memory limit {options.memory_limit_mb} MB?)" if -exitcode == signal.SIGKILL else ""
        return f"worker process killed by {name}{hint}"
    return f"worker process exited with code {exitcode} without a result"


def _stop(worker: _Running) -> None:
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(5)
    worker.connection.close()


def _raise_interrupt(signum, frame) -> None:  # signal handler signature
    raise KeyboardInterrupt


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()
